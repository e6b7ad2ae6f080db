#include "key_normalize.h"

#include <algorithm>
#include <cstring>

#include "locales.h"
#include "../thread_scratch.h"

namespace emu {
namespace data {
namespace keys {
namespace {

// Segment prefixes: nulls sort before zero-length values, which sort before data.
constexpr unsigned char kPrefixNull = 0x00;
constexpr unsigned char kPrefixNullHigh = 0xC0;  // fldnorm.cxx bPrefixNullHigh
constexpr unsigned char kPrefixZeroLength = 0x40;
constexpr unsigned char kPrefixData = 0x7F;

// Binary values are cut into chunks of 8 bytes, each followed by a byte that is 9 when more
// chunks follow and the chunk's length otherwise, so that a shorter value sorts first and
// no value's encoding is a prefix of another's.
constexpr std::size_t kBinaryChunk = 8;
constexpr unsigned char kChunkContinues = 9;

// LCMapString flags ESE uses when an index gives none (sort key, ignore case, kana type and
// width); only NORM_IGNORECASE changes what the emulator does.
constexpr jet::ULong kNormIgnoreCase = 0x00000001;

// fldnorm.cxx FLDNormalizeFixedSegment: which byte of a GUID each key byte holds. By default
// the order of the GUID's string form read from its end (node, clock sequence, then each time
// field's bytes as stored); with JET_bitIndexDotNetGuid, .NET's Guid order (each field as a
// number, in turn).
const int *GuidKeyOrder(const Index &index) {
  static const int byString[16] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};
  static const int byDotNet[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  return (index.grbit & jet::bit::IndexDotNetGuid) ? byDotNet : byString;
}

void AppendBigEndian(Bytes *out, const unsigned char *littleEndian, std::size_t size, bool flipSign) {
  for (std::size_t i = 0; i < size; ++i) {
    unsigned char b = littleEndian[size - 1 - i];
    if (i == 0 && flipSign) b ^= 0x80;
    out->push_back(static_cast<char>(b));
  }
}

void AppendFloat(Bytes *out, const unsigned char *littleEndian, std::size_t size) {
  const bool negative = (littleEndian[size - 1] & 0x80) != 0;
  for (std::size_t i = 0; i < size; ++i) {
    unsigned char b = littleEndian[size - 1 - i];
    if (negative) {
      b = static_cast<unsigned char>(~b);
    } else if (i == 0) {
      b ^= 0x80;
    }
    out->push_back(static_cast<char>(b));
  }
}

// LCMAP_UPPERCASE alone maps every letter to its upper case: case is ignored as well.
bool IgnoresCase(const Index &index) {
  return (index.mapFlags & kNormIgnoreCase) != 0 || index.mapFlags == kLcmapUpperCase;
}

// Text body without its terminator: folded UTF-16 code units big-endian (Unicode columns),
// NUL characters carrying no weight as in a sort key; or, for ASCII columns, the bytes up to
// the first NUL with a-z upper-cased, whatever the index's map flags (_osu/normu.cxx
// ErrUtilNormText copies the text as a C string and upper-cases it in the C locale).
void AppendTextBody(Bytes *out, const Column &column, const Index &index, const Bytes &value) {
  const bool fold = IgnoresCase(index);
  if (column.cp == jet::cp::Unicode) {
    for (std::size_t i = 0; i + 1 < value.size(); i += 2) {
      char16_t c = static_cast<char16_t>(static_cast<unsigned char>(value[i]) |
                                         (static_cast<unsigned char>(value[i + 1]) << 8));
      if (c == 0) continue;
      if (fold) c = FoldChar(c);
      out->push_back(static_cast<char>(c >> 8));
      out->push_back(static_cast<char>(c & 0xFF));
    }
  } else {
    for (char ch : value) {
      unsigned char b = static_cast<unsigned char>(ch);
      if (b == 0) break;
      if (b >= 'a' && b <= 'z') b = static_cast<unsigned char>(b - 'a' + 'A');
      out->push_back(static_cast<char>(b));
    }
  }
}

void AppendTextTerminator(Bytes *out, const Column &column) {
  out->push_back('\0');
  if (column.cp == jet::cp::Unicode) out->push_back('\0');
}

// _osu/normu.cxx ErrUtilNormText with `room` bytes for the body and its terminator (fldnorm.cxx
// ErrFLDNormalizeTextSegment: the key space left after the segment's header, or cbVarSegMac's).
// A value as long as the room or longer fills it: its first room - 1 bytes up to a NUL, and,
// when no NUL cut them short, the next byte in place of the terminator, less 0x20 whatever it
// is (the C runtime's _toupper of old, applied to any byte).
void AppendAsciiText(Bytes *out, const Column &column, const Index &index, const Bytes &value, std::size_t room) {
  if (room > value.size()) {
    AppendTextBody(out, column, index, value);
    AppendTextTerminator(out, column);
    return;
  }
  if (room == 0) return;
  const Bytes head = value.substr(0, room - 1);
  const std::size_t before = out->size();
  AppendTextBody(out, column, index, head);
  if (out->size() - before == head.size() && value[room - 1] != '\0') {
    out->push_back(static_cast<char>(static_cast<unsigned char>(value[room - 1]) - 0x20));
  } else {
    AppendTextTerminator(out, column);
  }
}

void AppendBinary(Bytes *out, const Bytes &value, bool prefixOnly) {
  std::size_t at = 0;
  while (at < value.size()) {
    const std::size_t n = std::min(kBinaryChunk, value.size() - at);
    out->append(value, at, n);
    at += n;
    if (prefixOnly && at == value.size()) return;
    if (n < kBinaryChunk) out->append(kBinaryChunk - n, '\0');
    out->push_back(static_cast<char>(at < value.size() ? kChunkContinues : n));
  }
}

bool TextOrBinary(jet::Coltyp type) {
  return type == jet::coltyp::Text || type == jet::coltyp::LongText || type == jet::coltyp::Binary ||
         type == jet::coltyp::LongBinary;
}

// fldnorm.cxx ErrFLDNormalizeTextSegment, ErrFLDNormalizeBinarySegment: a text or binary
// segment, its header byte included, is cut at the index's cbVarSegMac when that is below
// the key size (0 or the key size: no cut).
void CutAtVarSegMac(Bytes *segment, const Column &column, const Index &index) {
  if (!TextOrBinary(column.type)) return;
  const jet::ULong mac = index.varSegMacInUse;
  if (mac == 0 || mac >= index.keyMostInUse) return;
  if (segment->size() > mac) segment->resize(mac);
}

void Invert(Bytes *segment, std::size_t from) {
  for (std::size_t i = from; i < segment->size(); ++i) (*segment)[i] = static_cast<char>(~(*segment)[i]);
}

void AppendData(Bytes *out, const Column &column, const Index &index, const Bytes &given, std::size_t room) {
  // JetMakeKey takes a value of any length for a tagged or variable column of a fixed-size
  // type, and its key is made from the type's size of bytes at the start (fldnorm.cxx
  // FLDNormalizeFixedSegment). For a shorter value ESE reads on into the caller's memory,
  // which the emulator does not: it keys the value as if zeros followed it, so the segment
  // has the type's length and a little-endian number too short for its column (an int32 for
  // an int64) keys as the same number would.
  const std::size_t fixedSize = FixedSize(column.type);
  Bytes padded;
  if (fixedSize != 0 && !given.empty() && given.size() < fixedSize) {
    padded = given;
    padded.resize(fixedSize, '\0');
  }
  const Bytes &value = padded.empty() ? given : padded;
  const auto *p = reinterpret_cast<const unsigned char *>(value.data());
  const std::size_t size = fixedSize == 0 ? value.size() : std::min(value.size(), fixedSize);
  switch (column.type) {
    case jet::coltyp::Bit:
      out->push_back(static_cast<char>(value.empty() || p[0] == 0 ? 0x00 : 0xFF));
      return;
    case jet::coltyp::UnsignedByte:
      out->push_back(value.empty() ? '\0' : value[0]);
      return;
    case jet::coltyp::Short:
    case jet::coltyp::Long:
    case jet::coltyp::LongLong:
    case jet::coltyp::Currency:
      AppendBigEndian(out, p, size, true);
      return;
    case jet::coltyp::UnsignedShort:
    case jet::coltyp::UnsignedLong:
    case jet::coltyp::UnsignedLongLong:
      AppendBigEndian(out, p, size, false);
      return;
    case jet::coltyp::IEEESingle:
    case jet::coltyp::IEEEDouble:
    case jet::coltyp::DateTime:
      AppendFloat(out, p, size);
      return;
    case jet::coltyp::GUID: {
      const int *order = GuidKeyOrder(index);
      for (int k = 0; k < 16; ++k) {
        const std::size_t i = static_cast<std::size_t>(order[k]);
        out->push_back(i < value.size() ? value[i] : '\0');
      }
      return;
    }
    case jet::coltyp::Text:
    case jet::coltyp::LongText:
      if (column.cp != jet::cp::Unicode) {
        AppendAsciiText(out, column, index, value, room);
        return;
      }
      AppendTextBody(out, column, index, value);
      AppendTextTerminator(out, column);
      return;
    default:
      // A fixed binary column's bytes are the segment as they are; others are chunked
      // (fldnorm.cxx FLDNormalizeBinarySegment).
      if (column.Fixed()) {
        out->append(value);
      } else {
        AppendBinary(out, value, false);
      }
      return;
  }
}

}  // namespace

char16_t FoldChar(char16_t c) {
  if (c < 0x80) return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - 0x20) : c;
  // Latin-1: à..þ except ÷ fold onto À..Þ; ÿ onto Ÿ.
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return static_cast<char16_t>(c - 0x20);
  if (c == 0xFF) return 0x178;
  // Latin Extended-A: pairs (upper even, lower odd) with two shifted runs.
  if (c >= 0x100 && c <= 0x137) return static_cast<char16_t>(c & ~1u);
  if (c >= 0x139 && c <= 0x148) return (c & 1u) ? c : static_cast<char16_t>(c - 1);
  if (c >= 0x14A && c <= 0x177) return static_cast<char16_t>(c & ~1u);
  if (c >= 0x179 && c <= 0x17E) return (c & 1u) ? c : static_cast<char16_t>(c - 1);
  // Greek and Cyrillic basic letters.
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return static_cast<char16_t>(c - 0x20);
  if (c == 0x3C2) return 0x3A3;
  if (c >= 0x430 && c <= 0x44F) return static_cast<char16_t>(c - 0x20);
  if (c >= 0x450 && c <= 0x45F) return static_cast<char16_t>(c - 0x50);
  // Fullwidth Latin letters.
  if (c >= 0xFF41 && c <= 0xFF5A) return static_cast<char16_t>(c - 0x20);
  return c;
}

std::size_t FixedSize(jet::Coltyp type) {
  switch (type) {
    case jet::coltyp::Bit:
    case jet::coltyp::UnsignedByte:
      return 1;
    case jet::coltyp::Short:
    case jet::coltyp::UnsignedShort:
      return 2;
    case jet::coltyp::Long:
    case jet::coltyp::UnsignedLong:
    case jet::coltyp::IEEESingle:
      return 4;
    case jet::coltyp::LongLong:
    case jet::coltyp::UnsignedLongLong:
    case jet::coltyp::Currency:
    case jet::coltyp::IEEEDouble:
    case jet::coltyp::DateTime:
      return 8;
    case jet::coltyp::GUID:
      return 16;
    default:
      return 0;
  }
}

ValueSpan ValuesOf(const Column &column, const Row &row, bool useDefault) {
  auto found = row.values.find(column.id);
  if (found != row.values.end()) {
    // A null escrow column keeps the bytes it had for JetEscrowUpdate (EscrowBytes), read as null.
    if (column.Escrow() && row.nulls.count(column.id) != 0) return ValueSpan();
    return ValueSpan(found->second);
  }
  // A fixed or variable column the record does not hold (added after the record was written)
  // reads its default whatever the grbit: fldext.cxx ErrRECIRetrieveFixedColumn and
  // ErrRECIRetrieveVarColumn never see JET_bitRetrieveIgnoreDefault.
  if ((useDefault || !column.Tagged()) && column.hasDefault && row.nulls.count(column.id) == 0) {
    return ValueSpan(&column.defaultValue, 1);
  }
  return ValueSpan();
}

Bytes Segment(const Column &column, const Index &index, bool descending, const Bytes *value, std::size_t room) {
  Bytes segment;
  if (value == nullptr) {
    // fcreate.cxx: an index that disallows nulls does not keep JET_bitIndexSortNullsHigh
    // (IDB::SetFNoNullSeg, else SetFSortNullsHigh), so a search key's null sorts low there.
    const bool nullsHigh =
        (index.grbit & jet::bit::IndexSortNullsHigh) != 0 && (index.grbit & jet::bit::IndexDisallowNull) == 0;
    segment.push_back(static_cast<char>(nullsHigh ? kPrefixNullHigh : kPrefixNull));
  } else if (value->empty()) {
    segment.push_back(static_cast<char>(kPrefixZeroLength));
  } else {
    segment.push_back(static_cast<char>(kPrefixData));
    // The room a text body has: the key space left or cbVarSegMac, less the header byte.
    const jet::ULong mac = index.varSegMacInUse;
    const std::size_t segmentRoom = mac != 0 && mac < index.keyMostInUse ? std::min<std::size_t>(room, mac) : room;
    AppendData(&segment, column, index, *value, segmentRoom == 0 ? 0 : segmentRoom - 1);
    CutAtVarSegMac(&segment, column, index);
  }
  if (descending) Invert(&segment, 0);
  return segment;
}

Bytes PrefixSegment(const Column &column, const Index &index, bool descending, const Bytes &prefix) {
  Bytes segment;
  switch (column.type) {
    case jet::coltyp::Text:
    case jet::coltyp::LongText:
      segment.push_back(static_cast<char>(kPrefixData));
      AppendTextBody(&segment, column, index, prefix);
      break;
    case jet::coltyp::Binary:
    case jet::coltyp::LongBinary:
      segment.push_back(static_cast<char>(kPrefixData));
      if (column.Fixed()) {
        segment.append(prefix);
      } else {
        AppendBinary(&segment, prefix, true);
      }
      break;
    default:
      return Segment(column, index, descending, &prefix);
  }
  CutAtVarSegMac(&segment, column, index);
  if (descending) Invert(&segment, 0);
  return segment;
}

namespace {

// A row's key segments' values in an index, and which of them gives several keys.
struct RowSegments {
  // Every insert and update makes keys: the lists are kept per thread, not allocated per call.
  std::vector<ValueSpan> &values;
  std::vector<const Column *> &columns;
  int expand = -1;  // the first multi-valued column's segment (rec.hxx KeySequence::Init)
  bool noEntry = false;
  bool nullDisallowed = false;
  std::size_t Variants() const { return expand < 0 || values[expand].empty() ? 1 : values[expand].size(); }
};

struct SegmentValuesScratch;
struct SegmentColumnsScratch;

RowSegments SegmentsOf(const Table &table, const Index &index, const Row &row) {
  std::vector<ValueSpan> &values = ThreadScratch<std::vector<ValueSpan>, SegmentValuesScratch>();
  std::vector<const Column *> &columns = ThreadScratch<std::vector<const Column *>, SegmentColumnsScratch>();
  values.clear();
  columns.clear();
  RowSegments segments{values, columns};
  bool anyNull = false, allNull = true, firstNull = false;
  for (std::size_t i = 0; i < index.segments.size(); ++i) {
    const Column *column = table.FindColumn(index.segments[i].column);
    columns.push_back(column);
    values.push_back(column != nullptr ? ValuesOf(*column, row) : ValueSpan());
    const bool isNull = values.back().empty();
    anyNull |= isNull;
    allNull &= isNull;
    if (i == 0) firstNull = isNull;
    if (segments.expand < 0 && column != nullptr && column->Tagged() && column->MultiValued()) {
      segments.expand = static_cast<int>(i);
    }
  }
  if ((index.grbit & jet::bit::IndexDisallowNull) && anyNull) {
    segments.nullDisallowed = true;
    segments.noEntry = true;
  }
  if ((index.grbit & jet::bit::IndexIgnoreAnyNull) && anyNull) segments.noEntry = true;
  if ((index.grbit & jet::bit::IndexIgnoreFirstNull) && firstNull) segments.noEntry = true;
  if ((index.grbit & jet::bit::IndexIgnoreNull) && allNull) segments.noEntry = true;
  return segments;
}

// The value segment `i` takes in the key of variant `v`: the v-th value of the expanding
// multi-valued column, the first value of any other; null for none.
const Bytes *VariantValue(const RowSegments &segments, std::size_t i, std::size_t v) {
  const ValueSpan &values = segments.values[i];
  if (values.empty()) return nullptr;
  return static_cast<int>(i) == segments.expand ? &values[v] : &values[0];
}

Bytes VariantKey(const Index &index, const RowSegments &segments, std::size_t v) {
  Bytes key;
  for (std::size_t i = 0; i < index.segments.size(); ++i) {
    const Column *column = segments.columns[i];
    if (column == nullptr) continue;
    const std::size_t room = key.size() < index.keyMostInUse ? index.keyMostInUse - key.size() : 0;
    key += Segment(*column, index, index.segments[i].descending, VariantValue(segments, i, v), room);
  }
  if (key.size() > index.keyMostInUse) key.resize(index.keyMostInUse);
  return key;
}

// fldnorm.cxx ErrRECIRetrieveKey makes a row's key segment by segment, and
// ErrFLDNormalizeTextSegment maps a Unicode text value in whole UTF-16 units (norm.cxx
// ErrNORMMapString): a value of one byte leaves none, which the mapping refuses with
// JET_errUnicodeTranslationFail. A segment is not normalised once the key is full. The index's
// rules for nulls look at the key only once it is made, so this refusal comes before theirs.
bool Untranslatable(const Index &index, const RowSegments &segments) {
  const auto oneByteUnicode = [](const Column *column, const Bytes *value) {
    return value != nullptr && value->size() == 1 && column != nullptr && column->IsText() &&
           column->cp == jet::cp::Unicode;
  };
  for (std::size_t v = 0; v < segments.Variants(); ++v) {
    bool any = false;
    for (std::size_t i = 0; i < index.segments.size() && !any; ++i) any = oneByteUnicode(segments.columns[i], VariantValue(segments, i, v));
    if (!any) continue;
    std::size_t made = 0;
    for (std::size_t i = 0; i < index.segments.size() && made < index.keyMostInUse; ++i) {
      const Column *column = segments.columns[i];
      if (column == nullptr) continue;
      const Bytes *value = VariantValue(segments, i, v);
      if (oneByteUnicode(column, value)) return true;
      made += Segment(*column, index, index.segments[i].descending, value).size();
    }
  }
  return false;
}

}  // namespace

namespace {

// Reads one data segment's body from `key` at *at (the bytes un-inverted when descending),
// the value it stands for into *value when `value` is not null. False when the key ends first.
bool ReadSegmentBody(const Column &column, const Index &index, const Bytes &key, std::size_t *at, bool descending,
                     Bytes *value) {
  const auto byte = [&](std::size_t i) {
    const unsigned char b = static_cast<unsigned char>(key[i]);
    return static_cast<unsigned char>(descending ? ~b : b);
  };
  const auto take = [&](std::size_t size, Bytes *out) {
    if (*at + size > key.size()) return false;
    if (out != nullptr) {
      out->clear();
      for (std::size_t i = 0; i < size; ++i) out->push_back(static_cast<char>(byte(*at + i)));
    }
    *at += size;
    return true;
  };
  // Big-endian key bytes back to the little-endian value.
  const auto reversed = [](Bytes *bytes) { std::reverse(bytes->begin(), bytes->end()); };
  Bytes body;
  switch (column.type) {
    case jet::coltyp::Bit:
    case jet::coltyp::UnsignedByte:
      if (!take(1, &body)) return false;
      if (value != nullptr) *value = column.type == jet::coltyp::Bit && body[0] != 0 ? Bytes(1, '\xff') : body;
      return true;
    case jet::coltyp::Short:
    case jet::coltyp::Long:
    case jet::coltyp::LongLong:
    case jet::coltyp::Currency:
    case jet::coltyp::UnsignedShort:
    case jet::coltyp::UnsignedLong:
    case jet::coltyp::UnsignedLongLong: {
      if (!take(FixedSize(column.type), &body)) return false;
      const bool signedType = column.type == jet::coltyp::Short || column.type == jet::coltyp::Long ||
                              column.type == jet::coltyp::LongLong || column.type == jet::coltyp::Currency;
      if (signedType) body[0] = static_cast<char>(static_cast<unsigned char>(body[0]) ^ 0x80);
      reversed(&body);
      if (value != nullptr) *value = body;
      return true;
    }
    case jet::coltyp::IEEESingle:
    case jet::coltyp::IEEEDouble:
    case jet::coltyp::DateTime: {
      if (!take(FixedSize(column.type), &body)) return false;
      // AppendFloat flipped the sign bit of a positive value and every bit of a negative one.
      if (static_cast<unsigned char>(body[0]) & 0x80) {
        body[0] = static_cast<char>(static_cast<unsigned char>(body[0]) ^ 0x80);
      } else {
        for (char &b : body) b = static_cast<char>(~static_cast<unsigned char>(b));
      }
      reversed(&body);
      if (value != nullptr) *value = body;
      return true;
    }
    case jet::coltyp::GUID: {
      if (!take(16, &body)) return false;
      const int *order = GuidKeyOrder(index);
      if (value != nullptr) {
        value->assign(16, '\0');
        for (int k = 0; k < 16; ++k) (*value)[static_cast<std::size_t>(order[k])] = body[static_cast<std::size_t>(k)];
      }
      return true;
    }
    case jet::coltyp::Text:
    case jet::coltyp::LongText: {
      // Passed over only. A fixed column is passed over as a fixed binary one, by its cbMax
      // (fldnorm.cxx RECIRetrieveColumnFromKey), whatever its normalized text took. Otherwise
      // the body holds no NUL, and the terminator is one (two for Unicode, on a code unit's
      // boundary).
      if (column.Fixed()) return take(column.cbMax, nullptr);
      const std::size_t unit = column.cp == jet::cp::Unicode ? 2 : 1;
      for (std::size_t i = *at; i + unit <= key.size(); i += unit) {
        if (byte(i) == 0 && (unit == 1 || byte(i + 1) == 0)) {
          *at = i + unit;
          return true;
        }
      }
      return false;
    }
    default:
      if (column.Fixed()) return take(column.cbMax, value);
      // 8-byte chunks, each followed by 9 (more follow) or its length.
      if (value != nullptr) value->clear();
      for (;;) {
        if (!take(kBinaryChunk + 1, &body)) return false;
        const unsigned char marker = static_cast<unsigned char>(body[kBinaryChunk]);
        const std::size_t n = marker == kChunkContinues ? kBinaryChunk : std::min<std::size_t>(marker, kBinaryChunk);
        if (value != nullptr) value->append(body, 0, n);
        if (marker != kChunkContinues) return true;
      }
  }
}

}  // namespace

// fldnorm.cxx RECIRetrieveColumnFromKey reads each segment's prefix as its column's type has
// it: a fixed-size type is null on the index's null prefix and data on any other byte; a
// binary or text one is data on the data prefix, and otherwise null (a fixed column) or, when
// not the null prefix, zero-length; a GUID compares its prefix as stored, not un-inverted, so a
// descending GUID segment always reads as null and the segments after it are read from its
// second byte on.
bool ValueFromKey(const Table &table, const Index &index, const Bytes &key, jet::Columnid columnid, bool *null,
                  Bytes *value) {
  const bool nullsHigh =
      (index.grbit & jet::bit::IndexSortNullsHigh) != 0 && (index.grbit & jet::bit::IndexDisallowNull) == 0;
  const unsigned char prefixNull = nullsHigh ? kPrefixNullHigh : kPrefixNull;
  enum class Read { kNull, kZeroLength, kData };
  std::size_t at = 0;
  for (const IndexSegment &segment : index.segments) {
    const Column *column = table.FindColumn(segment.column);
    if (column == nullptr || at >= key.size()) return false;
    const bool target = segment.column == columnid;
    // Text cannot be given back: the key lost its case.
    if (target && column->IsText()) return false;
    const auto raw = static_cast<unsigned char>(key[at++]);
    const auto prefix = static_cast<unsigned char>(segment.descending ? ~raw : raw);
    Read read = Read::kData;
    switch (column->type) {
      case jet::coltyp::GUID:
        read = raw == kPrefixData ? Read::kData : Read::kNull;
        break;
      case jet::coltyp::Binary:
      case jet::coltyp::LongBinary:
      case jet::coltyp::Text:
      case jet::coltyp::LongText:
        if (prefix == kPrefixData) {
          read = Read::kData;
        } else {
          read = column->Fixed() || prefix == prefixNull ? Read::kNull : Read::kZeroLength;
        }
        break;
      default:
        read = prefix == prefixNull ? Read::kNull : Read::kData;
        break;
    }
    if (read != Read::kData) {
      if (target) {
        *null = read == Read::kNull;
        value->clear();
        return true;
      }
      continue;
    }
    if (target) {
      *null = false;
      return ReadSegmentBody(*column, index, key, &at, segment.descending, value);
    }
    if (!ReadSegmentBody(*column, index, key, &at, segment.descending, nullptr)) return false;
  }
  return false;
}

std::vector<Bytes> RowKeys(const Table &table, const Index &index, const Row &row, jet::Err *refusal) {
  const RowSegments segments = SegmentsOf(table, index, row);
  if (Untranslatable(index, segments)) {
    *refusal = jet::err::UnicodeTranslationFail;
    return {};
  }
  *refusal = segments.nullDisallowed ? jet::err::NullKeyDisallowed : jet::err::Success;
  if (segments.noEntry) return {};
  std::vector<Bytes> keys;
  for (std::size_t v = 0; v < segments.Variants(); ++v) {
    Bytes key = VariantKey(index, segments, v);
    bool seen = false;
    for (const Bytes &k : keys) seen |= (k == key);
    if (!seen) keys.push_back(std::move(key));
  }
  return keys;
}

jet::Err SequenceKey(const Table &table, const Index &index, const Row &row, jet::ULong itag, Bytes *key,
                     bool *hasKey) {
  const RowSegments segments = SegmentsOf(table, index, row);
  const std::size_t v = segments.expand < 0 || itag < 1 ? 0 : itag - 1;
  if (v > 0 && v >= segments.values[segments.expand].size()) return jet::err::BadItagSequence;
  *hasKey = !segments.noEntry;
  if (*hasKey) *key = VariantKey(index, segments, v);
  return jet::err::Success;
}

int Compare(const Bytes &key, const SearchKey &search) {
  const std::size_t n = search.bytes.size();
  if (key.size() >= n && key.compare(0, n, search.bytes) == 0) return search.limit ? -1 : 0;
  return key.compare(search.bytes) < 0 ? -1 : 1;
}

}  // namespace keys
}  // namespace data
}  // namespace emu
