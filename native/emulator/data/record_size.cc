// ESE's record format, as far as its size goes (rec.hxx REC, tagfld.hxx TAGFIELDS).
#include "record_size.h"

#include <algorithm>

namespace emu {
namespace data {

namespace {

// A record starts with the last fixed and variable column ids it holds and where its fixed
// data ends (rec.hxx RECHDR).
constexpr std::size_t kRecordHeader = 4;
// A variable column's entry in the offsets table, and a tagged column's (TAGFLD: id and offset).
constexpr std::size_t kVarOffset = 2;
constexpr std::size_t kTagfld = 4;
// The byte of flags before a tagged column's data when it has any (TAGFLD_HEADER), the length
// byte of a pair of values (TWOVALUES::TVLENGTH) and the offset of each of several
// (MULTIVALUES::MVOFFSET).
constexpr std::size_t kTagHeader = 1;
constexpr std::size_t kTwoValuesLength = 1;
constexpr std::size_t kMultiValueOffset = 2;

// Pages up to 8 KiB keep the older formats of page header, record size and tagged column
// (daedef.hxx FIsSmallPage).
bool SmallPage(jet::ULong pageSize) { return pageSize <= 8192; }

// The bytes a tagged column's values take: a long value as an id once longer than one.
std::size_t TaggedSize(const Column &column, const ValueList &values, bool smallPage, std::size_t lidSize) {
  const bool longValue = column.IsLong();
  std::size_t data = 0;
  for (const Bytes &value : values) data += longValue ? std::min(value.size(), lidSize) : value.size();
  if (values.size() == 1) {
    // One value: the flags byte only where something needs saying (a long value), and always
    // on larger pages (TAGFLD_HEADER::FNeedExtendedInfo).
    return kTagfld + (longValue || !smallPage ? kTagHeader : 0) + data;
  }
  // Two short values on a small page share a length byte (TWOVALUES); more, a long value's or
  // a larger page's take an offset each (MULTIVALUES).
  if (values.size() == 2 && !longValue && smallPage) return kTagfld + kTagHeader + kTwoValuesLength + data;
  return kTagfld + kTagHeader + kMultiValueOffset * values.size() + data;
}

}  // namespace

std::size_t RecordMost(const ParamSet &params, jet::ULong keyMost) {
  const jet::ULong pageSize = DatabasePageSize(params);
  // cpage.hxx: the page header (PGHDR, PGHDR2 on larger pages), one reserved line and the
  // new node's own line (CPAGE::CbPageDataMax); node.hxx: the node's key count.
  const std::size_t pageHeader = SmallPage(pageSize) ? 40 : 80;
  const std::size_t line = 4;
  const std::size_t keyCount = 2;
  const std::size_t nodeMost = pageSize - pageHeader - 2 * line;
  // rec.hxx REC::CbRecordMost: small pages keep the older reckoning, which reserves at least
  // JET_cbKeyMostMin for the key; larger ones reserve a prefix count and the key itself.
  const std::size_t keyRoom = SmallPage(pageSize) ? std::max<std::size_t>(jet::cbKeyMostMin, keyCount + keyMost)
                                                  : keyCount + keyMost;
  // A key larger than any page takes (refused later, as an index definition) leaves no room.
  return nodeMost > keyCount + keyRoom ? nodeMost - keyCount - keyRoom : 0;
}

std::size_t RecordMost(const ParamSet &params, const Table &table) {
  const Index *primary = table.Primary();
  // A table without a primary index keys its records by a 4-byte DBK.
  return RecordMost(params, primary != nullptr ? primary->keyMostInUse : 4);
}

std::size_t FixedColumnsEnd(const Table &table) {
  std::size_t end = kRecordHeader;
  for (const Column &c : table.columns) {
    if (c.Fixed()) end += c.cbMax;
  }
  for (const Column &c : table.dropped) {
    if (c.Fixed()) end += c.cbMax;
  }
  return end;
}

void LastColumns::Reach(jet::Columnid id) {
  if (id >= kFirstFixed && id <= kLastFixed) fixed = std::max(fixed, id);
  if (id >= kFirstVar && id <= kLastVar) variable = std::max(variable, id);
}

LastColumns LastColumnsOf(const Row &row) {
  LastColumns last;
  for (const auto &entry : row.values) last.Reach(entry.first);
  for (jet::Columnid id : row.nulls) last.Reach(id);
  return last;
}

std::size_t FixedAndVariableSize(const Table &table, const Row &row) {
  // A new record starts as the table's default record: up to the last column with a default
  // (fldmod.cxx ErrIsamPrepareUpdate).
  LastColumns last = LastColumnsOf(row);
  for (const Column &c : table.columns) {
    if (c.hasDefault && !c.Tagged() && !c.Deleted()) last.Reach(c.id);
  }
  const jet::Columnid fixedLast = last.fixed;
  const jet::Columnid varLast = last.variable;

  std::size_t size = kRecordHeader;
  if (fixedLast != 0) {
    // Each fixed column up to the last takes its full size, then one null bit each.
    for (const Column &c : table.columns) {
      if (c.Fixed() && c.id <= fixedLast) size += c.cbMax;
    }
    for (const Column &c : table.dropped) {
      if (c.Fixed() && c.id <= fixedLast) size += c.cbMax;
    }
    size += (fixedLast - kFirstFixed + 1 + 7) / 8;
  }
  if (varLast != 0) {
    size += kVarOffset * (varLast - kFirstVar + 1);
    // A variable column not set in the record holds its default: brought in with the room
    // made for a later one (fldmod.cxx CbBurstVarDefaults).
    for (const Column &c : table.columns) {
      if (!c.Variable() || c.id > varLast) continue;
      const auto found = row.values.find(c.id);
      if (found != row.values.end()) {
        if (!found->second.empty()) size += found->second[0].size();
      } else if (c.hasDefault && !c.Deleted() && row.nulls.count(c.id) == 0) {
        size += c.defaultValue.size();
      }
    }
  }
  return size;
}

std::size_t RecordSize(const ParamSet &params, const Table &table, const Row &row) {
  const bool smallPage = SmallPage(DatabasePageSize(params));
  const std::size_t lidSize = FormatFeatureEnabled(params, jet::efv::Lid64) ? 8 : 4;
  std::size_t size = FixedAndVariableSize(table, row);
  for (const auto &entry : row.values) {
    if (entry.first < kFirstTagged || entry.second.empty()) continue;
    const Column *column = table.FindColumn(entry.first);
    if (column != nullptr) size += TaggedSize(*column, entry.second, smallPage, lidSize);
  }
  // A tagged column with a default set to null keeps an entry saying so (tagfld.cxx
  // TAGFIELDS::ErrSetColumn).
  for (jet::Columnid id : row.nulls) {
    if (id >= kFirstTagged) size += kTagfld + (smallPage ? 0 : kTagHeader);
  }
  return size;
}

std::size_t Ese97TaggedSize(const Column &column, const ValueList &values) {
  // fldenum.cxx CbESE97Format: a TAGFLD for each value (and for a NULL entry); a long value
  // also had a byte saying where it was, and no more than a 4-byte id of it in the record.
  std::size_t size = 0;
  for (const Bytes &value : values) {
    size += kTagfld + (column.IsLong() ? kTagHeader + std::min<std::size_t>(value.size(), 4) : value.size());
  }
  return values.empty() ? kTagfld : size;
}

}  // namespace data
}  // namespace emu
