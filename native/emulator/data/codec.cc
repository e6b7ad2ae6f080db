#include "codec.h"

#include <algorithm>
#include <set>

#include "catalog.h"
#include "key_normalize.h"

namespace emu {
namespace data {
namespace codec {
namespace {

using storage::ByteReader;
using storage::ByteWriter;

constexpr std::size_t kKeyMostLimit = 2000;  // the largest cbKeyMost ESE accepts
constexpr std::size_t kIndexesMost = 4096;

bool ValidColtyp(jet::Coltyp t) { return t >= jet::coltyp::Bit && t <= jet::coltyp::UnsignedLongLong && t != 13; }

// Object names as catalog.cc's CheckName accepts them (after trimming).
bool ValidStoredName(const std::u16string &name) {
  if (name.empty() || name.size() > kNameMost || name[0] == u' ' || name.back() == u' ') return false;
  for (char16_t c : name) {
    if (!ValidNameChar(c)) return false;
  }
  return true;
}

bool ValidDensity(jet::ULong density) { return density >= 20 && density <= 100; }

// The rules of MakeColumn (catalog.cc), applied to a column as stored.
bool ValidStoredColumn(const Table &table, const Column &c) {
  if (!ValidStoredName(c.name) || !ValidColtyp(c.type)) return false;
  const bool tagged = (c.grbit & jet::bit::ColumnTagged) != 0;
  const bool fixedBit = (c.grbit & jet::bit::ColumnFixed) != 0;
  if (tagged && fixedBit) return false;
  if (c.Tagged() != tagged || c.Fixed() != fixedBit) return false;
  if (c.Fixed() ? c.id >= table.nextFixed : c.Variable() ? c.id >= table.nextVar : c.id >= table.nextTagged) {
    return false;
  }
  const std::size_t fixedSize = keys::FixedSize(c.type);
  if (c.IsLong() && !tagged) return false;
  if (fixedSize != 0) {
    if (c.cbMax != fixedSize) return false;
  } else if (!c.IsLong() && (c.cbMax == 0 || c.cbMax > jet::cbColumnMost)) {
    return false;
  }
  if (fixedSize != 0 && c.Variable()) return false;
  if (c.IsText() ? (c.cp != jet::cp::ASCII && c.cp != jet::cp::Unicode) : c.cp != 0) return false;
  if (c.MultiValued() && !tagged) return false;
  if ((c.grbit & (jet::bit::ColumnCompressed | jet::bit::ColumnEncrypted)) && !c.IsLong()) return false;
  if ((c.grbit & jet::bit::ColumnEncrypted) && (c.MultiValued() || c.hasDefault)) return false;
  if (c.grbit & jet::bit::ColumnUserDefinedDefault) return false;
  if (c.Autoincrement()) {
    if (c.type != jet::coltyp::Long && c.type != jet::coltyp::Currency && c.type != jet::coltyp::LongLong &&
        c.type != jet::coltyp::UnsignedLongLong) {
      return false;
    }
    if (tagged || (c.grbit & (jet::bit::ColumnEscrowUpdate | jet::bit::ColumnVersion))) return false;
  }
  if ((c.grbit & jet::bit::ColumnVersion) && (c.type != jet::coltyp::Long || tagged)) return false;
  if (c.Escrow() && ((c.type != jet::coltyp::Long && c.type != jet::coltyp::LongLong) || tagged || !c.hasDefault)) {
    return false;
  }
  if ((c.grbit & jet::bit::ColumnDeleteOnZero) && !c.Escrow()) return false;
  if (!c.hasDefault && !c.defaultValue.empty()) return false;
  if (c.hasDefault) {
    if (c.defaultValue.empty()) return false;
    if (fixedSize != 0 ? c.defaultValue.size() != fixedSize
                       : c.defaultValue.size() > (c.IsLong() ? kLVDefaultMost : c.cbMax)) {
      return false;
    }
  }
  return true;
}

bool ValidStoredIndex(const Table &table, const Index &x) {
  if (!ValidStoredName(x.name) || x.segments.empty() || x.segments.size() > jet::ccolKeyMost) return false;
  if (x.grbit & (jet::bit::IndexTuples | jet::bit::IndexCrossProduct)) return false;
  // A primary index's key size may be below JET_cbKeyMostMin: the size its columns fix
  // (fileopen.cxx FILEIMinimizePrimaryCbKeyMost), two bytes at least.
  const jet::ULong keyMostMin = (x.grbit & jet::bit::IndexPrimary) ? 2 : jet::cbKeyMostMin;
  if (x.cbKeyMost < keyMostMin || x.cbKeyMost > kKeyMostLimit || !ValidDensity(x.density)) return false;
  // ESE lets a key name a column twice; each must exist.
  for (const IndexSegment &segment : x.segments) {
    if (table.FindColumn(segment.column) == nullptr) return false;
  }
  return true;
}

bool ValidValue(const Column &column, const Bytes &value) {
  const std::size_t fixedSize = keys::FixedSize(column.type);
  if (fixedSize != 0) return value.size() == fixedSize;
  if (column.cbMax == 0) return true;  // long values without a limit
  return value.size() <= column.cbMax;
}

bool KnownColumnId(const Table &table, jet::Columnid id) {
  if (id >= kFirstFixed && id <= kLastFixed) return id < table.nextFixed;
  if (id >= kFirstVar && id <= kLastVar) return id < table.nextVar;
  return id >= kFirstTagged && id < table.nextTagged;
}

}  // namespace

void WriteTableDef(ByteWriter &w, const Table &t) {
  w.U32(t.objid);
  w.Text(t.name);
  w.U32(t.pages);
  w.U32(t.density);
  w.U32(t.nextFixed);
  w.U32(t.nextVar);
  w.U32(t.nextTagged);
  // A deleted column's delete is logged with the change that made it; an image holds only the
  // columns that are left.
  const auto kept = static_cast<std::uint32_t>(
      std::count_if(t.columns.begin(), t.columns.end(), [](const Column &c) { return !c.Deleted(); }));
  w.U32(kept);
  for (const Column &c : t.columns) {
    if (c.Deleted()) continue;
    w.U32(c.id);
    w.Text(c.name);
    w.U32(c.type);
    w.U32(c.cbMax);
    w.U32(c.grbit);
    w.U16(c.cp);
    // The catalog's default: a rolled-back change stays only in memory.
    w.U8((c.catalogDefault ? c.catalogDefault->hasDefault : c.hasDefault) ? 1 : 0);
    w.Bytes(c.catalogDefault ? c.catalogDefault->value : c.defaultValue);
  }
  w.U32(static_cast<std::uint32_t>(t.indexes.size()));
  for (const Index &i : t.indexes) {
    w.Text(i.name);
    w.U32(i.grbit);
    w.U32(i.lcid);
    w.U32(i.mapFlags);
    w.U32(i.cbVarSegMac);
    w.U32(i.cbKeyMost);
    w.U32(i.density);
    w.U32(static_cast<std::uint32_t>(i.segments.size()));
    for (const IndexSegment &s : i.segments) {
      w.U32(s.column);
      w.U8(s.descending ? 1 : 0);
    }
  }
}

Bytes TableDefBytes(const Table &table) {
  ByteWriter w;
  WriteTableDef(w, table);
  return std::move(w.Out());
}

bool ReadTableDef(ByteReader &r, Table *t) {
  t->objid = r.U32();
  t->name = r.Text(kNameMost);
  t->pages = r.U32();
  t->density = r.U32();
  t->nextFixed = r.U32();
  t->nextVar = r.U32();
  t->nextTagged = r.U32();
  if (!r.ok() || t->objid < 2 || !ValidStoredName(t->name) || !ValidDensity(t->density)) return false;
  if (t->nextFixed < kFirstFixed || t->nextFixed > kLastFixed + 1 || t->nextVar < kFirstVar ||
      t->nextVar > kLastVar + 1 || t->nextTagged < kFirstTagged || t->nextTagged > kLastTagged + 1) {
    return false;
  }
  // Each column takes at least 25 bytes, each index 34: counts the input cannot hold fail.
  const std::uint32_t columns = r.Count(25);
  std::vector<Column> read;
  std::set<jet::Columnid> ids;
  std::set<std::u16string> names;
  bool autoincrement = false;
  bool version = false;
  for (std::uint32_t i = 0; i < columns && r.ok(); ++i) {
    Column c;
    c.id = r.U32();
    c.name = r.Text(kNameMost);
    c.type = r.U32();
    c.cbMax = r.U32();
    c.grbit = r.U32();
    c.cp = r.U16();
    c.hasDefault = r.Bool();
    c.defaultValue = r.Bytes(jet::cbColumnMost);
    if (!r.ok() || c.id < kFirstFixed || c.id > kLastTagged || !ValidStoredColumn(*t, c)) return false;
    if (!ids.insert(c.id).second || !names.insert(FoldName(c.name)).second) return false;
    if (c.Autoincrement() && std::exchange(autoincrement, true)) return false;
    if ((c.grbit & jet::bit::ColumnVersion) && std::exchange(version, true)) return false;
    read.push_back(std::move(c));
  }
  if (!r.ok()) return false;
  t->columns = std::move(read);
  const std::uint32_t indexes = r.Count(34);
  if (indexes > kIndexesMost) return false;
  std::vector<Index> built;
  std::set<std::u16string> indexNames;
  bool primary = false;
  for (std::uint32_t i = 0; i < indexes && r.ok(); ++i) {
    Index x;
    x.name = r.Text(kNameMost);
    x.grbit = r.U32();
    x.lcid = r.U32();
    x.mapFlags = r.U32();
    x.cbVarSegMac = r.U32();
    x.cbKeyMost = r.U32();
    x.density = r.U32();
    const std::uint32_t segments = r.Count(5);
    if (segments > jet::ccolKeyMost) return false;
    for (std::uint32_t s = 0; s < segments && r.ok(); ++s) {
      IndexSegment segment;
      segment.column = r.U32();
      segment.descending = r.Bool();
      x.segments.push_back(segment);
    }
    if (!r.ok() || !ValidStoredIndex(*t, x) || !indexNames.insert(FoldName(x.name)).second) return false;
    if (x.Primary() && std::exchange(primary, true)) return false;
    SetKeySizesInUse(*t, &x);
    built.push_back(std::move(x));
  }
  if (!r.ok()) return false;
  // Secondary-index entries are the reader's to rebuild from the records.
  t->indexes = std::move(built);
  return true;
}

void WriteCounters(ByteWriter &w, const Table &table) {
  w.U32(table.nextDbk);
  w.U64(static_cast<std::uint64_t>(table.NextAutoincAfterReload()));
}

bool ReadCounters(ByteReader &r, std::uint32_t *nextDbk, std::int64_t *nextAutoinc) {
  *nextDbk = r.U32();
  *nextAutoinc = static_cast<std::int64_t>(r.U64());
  return r.ok() && *nextDbk >= 1 && *nextAutoinc >= 1;
}

void WriteRow(ByteWriter &w, const Row &row) {
  // Sized first, then written in one piece: a commit writes every row it changed.
  std::size_t size = 4 + 4 + 4 * row.nulls.size();
  for (const auto &entry : row.values) {
    size += 8;
    for (const Bytes &value : entry.second) size += 4 + value.size();
  }
  char *at = w.Extend(size);
  ByteWriter::Put32(at, static_cast<std::uint32_t>(row.values.size()));
  for (const auto &entry : row.values) {
    ByteWriter::Put32(at, entry.first);
    ByteWriter::Put32(at, static_cast<std::uint32_t>(entry.second.size()));
    for (const Bytes &value : entry.second) ByteWriter::PutBytes(at, value);
  }
  ByteWriter::Put32(at, static_cast<std::uint32_t>(row.nulls.size()));
  for (jet::Columnid id : row.nulls) ByteWriter::Put32(at, id);
}

bool ReadRow(ByteReader &r, const Table &table, RowPtr *out) {
  auto row = std::make_shared<Row>();
  const std::uint32_t columns = r.Count(8);
  jet::Columnid previous = 0;
  for (std::uint32_t i = 0; i < columns && r.ok(); ++i) {
    const jet::Columnid id = r.U32();
    const std::uint32_t count = r.Count(4);
    if (!r.ok() || id <= previous || !KnownColumnId(table, id) || count == 0) return false;
    previous = id;
    const Column *column = table.FindColumn(id);
    if (column != nullptr && !column->MultiValued() && count > 1) return false;
    ValueList values;
    for (std::uint32_t j = 0; j < count && r.ok(); ++j) {
      values.push_back(r.Bytes());
      if (column != nullptr && !ValidValue(*column, values[values.size() - 1])) return false;
    }
    row->values.emplace(id, std::move(values));
  }
  const std::uint32_t nulls = r.Count(4);
  for (std::uint32_t i = 0; i < nulls && r.ok(); ++i) {
    const jet::Columnid id = r.U32();
    if (!KnownColumnId(table, id) || !row->nulls.insert(id)) return false;
  }
  if (!r.ok()) return false;
  *out = std::move(row);
  return true;
}

bool PlaceRecord(const Table &table, Bytes *bookmark, const Row &row) {
  const Index *primary = table.Primary();
  if (primary == nullptr) {
    if (bookmark->size() != 4) return false;
    std::uint32_t dbk = 0;
    for (char c : *bookmark) dbk = (dbk << 8) | static_cast<unsigned char>(c);
    return dbk >= 1 && dbk < table.nextDbk;
  }
  jet::Err refusal = jet::err::Success;
  std::vector<Bytes> keys = keys::RowKeys(table, *primary, row, &refusal);
  if (refusal < jet::err::Success || keys.empty()) return false;
  *bookmark = std::move(keys.front());
  return true;
}

}  // namespace codec
}  // namespace data
}  // namespace emu
