// Changing records: JetPrepareUpdate, JetSetColumn(s), JetUpdate2, JetDelete, JetEscrowUpdate.
#include <algorithm>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>

#include "../instance.h"
#include "../session.h"
#include "api.h"
#include "catalog.h"
#include "navigation.h"
#include "record_size.h"
#include "session_state.h"

namespace emu {
namespace data {

std::int64_t IntegerValue(const Bytes &value) {
  if (value.size() == 4) {
    std::int32_t v;
    std::memcpy(&v, value.data(), 4);
    return v;
  }
  std::int64_t v = 0;
  std::memcpy(&v, value.data(), std::min<std::size_t>(8, value.size()));
  return v;
}

Bytes IntegerValueBytes(std::int64_t value, std::size_t size) {
  Bytes b(size, '\0');
  if (size == 4) {
    const std::int32_t v = static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    std::memcpy(&b[0], &v, 4);
  } else {
    std::memcpy(&b[0], &value, 8);
  }
  return b;
}

namespace {

// What JetSetColumn does to a long-value column, as lv.cxx ErrLVOpFromGrbit decides it from the
// long-value grbits, whether any data is given and whether the itagSequence names an existing
// value.
enum class LongValueChange { kNothing, kNull, kValue };

// lv.cxx cbLVIntrinsicMost: by default a long value up to this size is kept in the record.
constexpr std::size_t kIntrinsicLongValueMost = 1023;

jet::Err LongValueOperation(jet::Grbit grbit, const Bytes &data, jet::ULong cb, const Bytes *existing, jet::ULong ib,
                            jet::ULong cbMax, LongValueChange *change, Bytes *value) {
  const bool noData = cb == 0;
  const bool isNew = existing == nullptr;
  const Bytes current = isNew ? Bytes() : *existing;
  *change = LongValueChange::kValue;
  *value = Bytes();
  // A new value written at an offset other than 0, and an offset past the existing value's
  // end (its length itself appends), have no chunk to write into.
  const auto overwrite = [&](bool resize) -> jet::Err {
    if (isNew) {
      if (ib != 0) return jet::err::ColumnNoChunk;
      *value = data;
      return jet::err::Success;
    }
    // lv.cxx ErrRECSetLongField: a value kept in the record that the write would grow past
    // the size kept there is to be moved apart, and its new size is checked against cbMax
    // before the offset; otherwise the offset comes first (ErrRECAOIntrinsicLV,
    // ErrRECAOSeparateLV).
    const std::size_t newSize = resize ? ib + data.size() : std::max<std::size_t>(current.size(), ib + data.size());
    const bool placeChosen = (grbit & (jet::bit::SetSeparateLV | jet::bit::SetIntrinsicLV)) != 0;
    if (!placeChosen && current.size() <= kIntrinsicLongValueMost && newSize > kIntrinsicLongValueMost && cbMax != 0 &&
        newSize > cbMax) {
      return jet::err::ColumnTooBig;
    }
    if (ib > current.size()) return jet::err::ColumnNoChunk;
    *value = current.substr(0, ib) + data;
    if (!resize && current.size() > value->size()) *value += current.substr(value->size());
    return jet::err::Success;
  };
  const auto sized = [&]() {
    *value = current;
    value->resize(cb, '\0');
  };
  const jet::Grbit lvBits = jet::bit::SetAppendLV | jet::bit::SetOverwriteLV | jet::bit::SetSizeLV | jet::bit::SetZeroLength;
  switch (grbit & lvBits) {
    case jet::bit::SetAppendLV:
      if (noData) {
        if (!isNew) *change = LongValueChange::kNothing;
      } else {
        *value = current + data;
      }
      return jet::err::Success;
    case jet::bit::SetOverwriteLV:
      if (noData) {
        if (!isNew) *change = LongValueChange::kNothing;
        return isNew && ib != 0 ? jet::err::ColumnNoChunk : jet::err::Success;
      }
      return overwrite(false);
    case jet::bit::SetSizeLV:
      if (noData) {
        *change = LongValueChange::kNull;
      } else {
        sized();
      }
      return jet::err::Success;
    case jet::bit::SetZeroLength:
      *value = data;
      return jet::err::Success;
    case jet::bit::SetSizeLV | jet::bit::SetZeroLength:
      if (!noData) sized();
      return jet::err::Success;
    case jet::bit::SetSizeLV | jet::bit::SetOverwriteLV:
      if (noData) {
        *change = LongValueChange::kNull;
        return jet::err::Success;
      }
      return overwrite(true);
    default:
      // No long-value bit, or a combination ESE's matrix does not name: the data replaces
      // the value, no data removes it.
      if (noData) {
        *change = LongValueChange::kNull;
      } else {
        *value = data;
      }
      return jet::err::Success;
  }
}

// Gives a column of a record copy the values and null mark it had.
void PutColumnState(Row &row, jet::Columnid id, std::optional<ValueList> values, bool null) {
  if (values) {
    row.values[id] = std::move(*values);
  } else {
    row.values.erase(id);
  }
  if (null) {
    row.nulls.insert(id);
  } else {
    row.nulls.erase(id);
  }
}

// A record holds every fixed and every variable column up to the last one set in it, null or
// not: making room for a column gives those before it that the record did not hold yet the
// default of the moment, or a null (fldmod.cxx ErrRECISetFixedColumn, ErrRECISetVarColumn and
// CbBurstVarDefaults). A column past the last reads its default, whatever it is by then; one
// the record holds keeps what it holds through a later JetSetColumnDefaultValueW.
void HoldColumnsUpToLast(const Table &table, Row &row) {
  const LastColumns last = LastColumnsOf(row);
  for (const Column &column : table.columns) {
    if (column.Tagged() || column.Deleted() || column.id >= (column.Fixed() ? last.fixed : last.variable)) continue;
    if (row.values.find(column.id) != row.values.end() || row.nulls.count(column.id) != 0) continue;
    if (column.hasDefault) {
      row.values[column.id] = {column.defaultValue};
    } else {
      row.nulls.insert(column.id);
    }
  }
}

// fldmod.cxx ErrRECISetFixedColumn makes room for a fixed column past the last one the record
// holds before it checks the value's size: a value refused there leaves the column held, with
// its default of the moment or null (the columns before it follow, HoldColumnsUpToLast), so a
// default set later does not reach it (extended generator seed 18410).
jet::Err RefusedAfterRoomMade(const Column &column, Row &row) {
  if (column.id > LastColumnsOf(row).fixed) {
    if (column.hasDefault) {
      row.values[column.id] = {column.defaultValue};
    } else {
      row.nulls.insert(column.id);
    }
  }
  return jet::err::InvalidBufferSize;
}

// Whether `values` holds `value` other than as the itag-th (from 1; 0 names none): a duplicate
// for JET_bitSetUniqueMultiValues (tagfld.cxx TAGFIELDS::ErrSetColumn; for a long value
// fldmod.cxx ErrRECICheckUniqueLVMultiValues).
bool HoldsElsewhere(ValueSpan values, const Bytes &value, jet::ULong itag) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i + 1 != itag && values[i] == value) return true;
  }
  return false;
}

// Puts a value checked by SetOne into the cursor's copy of the record.
jet::Err SetInRecord(const Column &column, Row &row, bool setNull, Bytes value, jet::Grbit grbit, jet::ULong itag) {
  if (!column.Tagged()) {
    if (setNull) {
      if (!column.Escrow()) row.values.erase(column.id);
      row.nulls.insert(column.id);
    } else {
      ValueList &slot = row.values[column.id];
      slot.clear();
      slot.push_back(std::move(value));
      row.nulls.erase(column.id);
    }
    return jet::err::Success;
  }
  // A tagged column, multi-valued or not (ESE's flag does not limit the values a record
  // holds), as tagfld.cxx TAGFIELDS::ErrSetColumn sets it.
  auto found = row.values.find(column.id);
  ValueList values = found != row.values.end() ? found->second : ValueList();
  if (setNull) {
    // JET_bitSetRevertToDefaultValue acts only where a NULL would hide the default: it leaves
    // none, and takes away one left before. A value data was given for is set as without the
    // bit, and one value of several is removed as without it.
    const bool revert = (grbit & jet::bit::SetRevertToDefaultValue) != 0;
    if (revert && values.empty()) {
      row.nulls.erase(column.id);
      return jet::err::Success;
    }
    if (itag == 0 || itag > values.size()) {
      // Appending NULL does nothing, but for a column with a default and no value, where
      // itagSequence 1 leaves a NULL in place of the default.
      if (values.empty() && itag == 1 && column.hasDefault) row.nulls.insert(column.id);
      return jet::err::Success;
    }
    // Removing the only value of a column with a default also leaves a NULL behind.
    if (values.size() == 1 && column.hasDefault && !revert) row.nulls.insert(column.id);
    values.erase(values.begin() + (itag - 1));
  } else {
    if ((grbit & (jet::bit::SetUniqueMultiValues | jet::bit::SetUniqueNormalizedMultiValues)) != 0 &&
        HoldsElsewhere(ValueSpan(values), value, itag)) {
      return jet::err::MultiValuedDuplicate;
    }
    if (itag == 0 || itag > values.size()) {
      values.push_back(value);
    } else {
      values[itag - 1] = value;
    }
    row.nulls.erase(column.id);
  }
  if (values.empty()) {
    row.values.erase(column.id);
  } else {
    row.values[column.id] = std::move(values);
  }
  return jet::err::Success;
}

jet::Err SetOne(Session &s, Cursor &c, jet::Columnid columnid, const void *pv, jet::ULong cb, jet::Grbit grbit,
                jet::ULong ib, jet::ULong itag) {
  if (c.prepared == Prepared::kNone || c.prepared == Prepared::kReadOnlyCopy) return jet::err::UpdateNotPrepared;
  // fldmod.cxx ErrFLDSetOneColumn: the unique multi-value bits combine with no long-value
  // operation, checked before the column.
  if ((grbit & (jet::bit::SetUniqueMultiValues | jet::bit::SetUniqueNormalizedMultiValues)) &&
      (grbit & (jet::bit::SetAppendLV | jet::bit::SetOverwriteLV | jet::bit::SetSizeLV))) {
    return jet::err::InvalidGrbit;
  }
  // ... then a contiguous long value, which must be one set apart and of at least a page, and
  // the bits only the engine passes, all before the column is looked up.
  if ((grbit & jet::bit::SetContiguousLV) && !(grbit & jet::bit::SetSeparateLV)) return jet::err::InvalidGrbit;
  if ((grbit & jet::bit::SetContiguousLV) && cb < DatabasePageSize(s.GetInstance()->Params())) {
    return jet::err::InvalidBufferSize;
  }
  if (grbit & jet::bit::SetInternalMask) return jet::err::InvalidGrbit;
  const Column *column = nullptr;
  jet::Err err = CheckColumnId(s, *c.table, columnid, &column);
  if (err < jet::err::Success) return err;
  // ESE: a null buffer means no data (except for JET_bitSetSizeLV, where cb is the size).
  if (pv == nullptr && !(grbit & jet::bit::SetSizeLV)) cb = 0;
  // ESE refuses autoincrement columns unless the insert was prepared with
  // JET_prepInsertMustSetAutoIncrement, and version columns in a replace, with
  // JET_errInvalidColumnType.
  if (column->Autoincrement() && !c.mustSetAutoinc) return jet::err::InvalidColumnType;
  if ((column->grbit & jet::bit::ColumnVersion) && c.prepared == Prepared::kReplace) {
    return jet::err::InvalidColumnType;
  }
  // An encrypted column needs the cursor's encryption key, which no entry point of the emulator
  // sets (fldmod.cxx ErrFLDSetOneColumn).
  if (column->grbit & jet::bit::ColumnEncrypted) return jet::err::ColumnNoEncryptionKey;
  const bool longValue = column->IsLong();
  // fldmod.cxx ErrFLDSetOneColumn compares a long value with the record's other values
  // (ErrRECICheckUniqueLVMultiValues: not the default, not the one itagSequence names) before
  // the long value's own work begins, transaction and all (extended generator seed 20519).
  if (longValue && (grbit & (jet::bit::SetUniqueMultiValues | jet::bit::SetUniqueNormalizedMultiValues)) &&
      (cb != 0 || (grbit & jet::bit::SetZeroLength))) {
    const Bytes candidate = pv == nullptr ? Bytes() : Bytes(static_cast<const char *>(pv), cb);
    if (HoldsElsewhere(keys::ValuesOf(*column, *c.copy, false), candidate, itag)) return jet::err::MultiValuedDuplicate;
  }
  // ESE writes a long value's data as it is set, so setting one (a value, NULL or the
  // default) needs a transaction (lv.cxx ErrRECSetLongField).
  if (longValue && !InTransaction(s)) return jet::err::NotInTransaction;
  // ESE marks the column set before the long value's own transaction begins (lv.cxx), before
  // a variable column's null check and after a fixed or tagged one's (fldmod.cxx
  // ErrRECISetVarColumn, ErrRECISetFixedColumn, ErrRECISetTaggedColumn): where it is marked,
  // a later refusal leaves it marked.
  if (longValue || column->Variable()) c.columnsSet.insert(column->id);
  // ... in a transaction of its own nested in the caller's (ErrRECSetLongField's
  // ErrDIRBeginTransaction), which the caller must own.
  if (longValue && (err = CheckNestedBegin(s)) < jet::err::Success) return err;
  Row &row = *c.copy;
  const std::size_t fixedSize = keys::FixedSize(column->type);

  // JET_bitSetSizeLV alone (or with JET_bitSetZeroLength) reads no data: cb is the new size.
  const jet::Grbit lvBits = grbit & (jet::bit::SetAppendLV | jet::bit::SetOverwriteLV | jet::bit::SetSizeLV |
                                     jet::bit::SetZeroLength);
  const bool sizeOnly =
      longValue && (lvBits == jet::bit::SetSizeLV || lvBits == (jet::bit::SetSizeLV | jet::bit::SetZeroLength));
  Bytes data = pv == nullptr || sizeOnly ? Bytes() : Bytes(static_cast<const char *>(pv), cb);
  Bytes value;
  bool setNull = false;
  if (longValue) {
    // A long value's operation comes first; the revert to the default applies only where it
    // removes the value (lv.cxx ErrRECSetLongField).
    const ValueSpan current = keys::ValuesOf(*column, row, false);
    const std::size_t index = itag == 0 ? current.size() : itag - 1;
    const Bytes *existing = index < current.size() ? &current[index] : nullptr;
    // The first value of a record that holds none is read with its default (tagfld.cxx
    // TAGFIELDS::ErrRetrieveColumn, as lv.cxx ErrRECSetLongField reads it): the operation
    // works on the default as on a value of the record's own.
    const ValueSpan withDefault = keys::ValuesOf(*column, row, true);
    if (existing == nullptr && itag == 1 && current.empty() && !withDefault.empty()) existing = &withDefault[0];
    LongValueChange change = LongValueChange::kValue;
    if ((err = LongValueOperation(grbit, data, cb, existing, ib, column->cbMax, &change, &value)) < jet::err::Success) return err;
    if (change == LongValueChange::kNothing) return jet::err::Success;
    setNull = change == LongValueChange::kNull;
  } else {
    // A fixed column set to zero length is set to null, as in ESE.
    setNull = cb == 0 && !(grbit & jet::bit::SetSizeLV) && (column->Fixed() || !(grbit & jet::bit::SetZeroLength));
  }
  if (setNull && column->NotNull()) return jet::err::NullInvalid;
  // fldmod.cxx ErrRECISetFixedColumn: an autoincrement column the caller sets takes a value.
  if (setNull && column->Autoincrement()) return jet::err::AutoIncrementNotSet;
  c.columnsSet.insert(column->id);
  jet::Err result = jet::err::Success;
  if (!setNull) {
    if (!longValue) value = std::move(data);
    if (fixedSize != 0) {
      // fldmod.cxx ErrRECSetTaggedColumn checks the size the column holds before the type's.
      if (column->Tagged() && column->cbMax != 0 && value.size() > column->cbMax) return jet::err::ColumnTooBig;
      if (!value.empty() && value.size() != fixedSize) {
        return column->Tagged() ? jet::err::InvalidBufferSize : RefusedAfterRoomMade(*column, row);
      }
      // ... and one the table has handed out: never 0, and below the table's next value.
      if (column->Autoincrement()) {
        const std::uint64_t wanted = value.size() == 4 ? static_cast<std::uint32_t>(IntegerValue(value))
                                                       : static_cast<std::uint64_t>(IntegerValue(value));
        if (wanted == 0) return jet::err::InvalidParameter;
        if (wanted >= static_cast<std::uint64_t>(c.table->nextAutoinc)) return jet::err::SetAutoIncrementTooHigh;
      }
    } else if (column->Fixed()) {
      // Fixed Text and Binary: longer than cbMax is refused, shorter is padded.
      if (value.size() > column->cbMax) return RefusedAfterRoomMade(*column, row);
    } else if (column->Variable()) {
      // ESE cuts a variable column's value at cbMax and warns.
      if (column->cbMax != 0 && value.size() > column->cbMax) {
        value.resize(column->cbMax);
        result = jet::wrn::ColumnMaxTruncated;
      }
    } else if (column->cbMax != 0 && value.size() > column->cbMax) {
      return jet::err::ColumnTooBig;
    }
    ShapeFixedValue(*column, &value);
  }

  // ESE makes room for the value in its copy of the record, and refuses a record its page
  // would not hold, leaving the column as it was (fldmod.cxx ErrRECISetFixedColumn,
  // ErrRECISetVarColumn; tagfld.cxx TAGFIELDS::ErrSetColumn).
  const auto before = row.values.find(column->id);
  std::optional<ValueList> previous;
  if (before != row.values.end()) previous = before->second;
  const bool previousNull = row.nulls.count(column->id) != 0;
  if ((err = SetInRecord(*column, row, setNull, std::move(value), grbit, itag)) < jet::err::Success) return err;
  const ParamSet &params = s.GetInstance()->Params();
  const std::size_t size = RecordSize(params, *c.table, row);
  if (size > RecordMost(params, *c.table)) {
    const auto now = row.values.find(column->id);
    std::optional<ValueList> applied;
    if (now != row.values.end()) applied = std::move(now->second);
    const bool appliedNull = row.nulls.count(column->id) != 0;
    PutColumnState(row, column->id, std::move(previous), previousNull);
    // Only growth is refused: a record already over the limit (made under a larger page
    // size's parameters, or before a default grew) may still shrink.
    if (size > RecordSize(params, *c.table, row)) return jet::err::RecordTooBig;
    PutColumnState(row, column->id, std::move(applied), appliedNull);
  }
  return result;
}

// Whether another record already has `key` in the unique index `index` (pending changes of
// any session count: in ESE their index entries are already in the tree).
bool UniqueKeyTaken(const Table &table, const Index &index, const Bytes &key, const Bytes &self,
                    const Bytes *deleted = nullptr) {
  for (auto it = index.entries.lower_bound(IndexEntry(key, Bytes())); it != index.entries.end() && it->first == key;
       ++it) {
    if (it->second == self || (deleted != nullptr && it->second == *deleted)) continue;
    auto record = table.records.find(it->second);
    if (record == table.records.end()) continue;
    RowPtr latest = LatestRow(record->second);
    if (latest && KeyOfRow(table, index, *latest, key)) return true;
  }
  return false;
}

// recupd.cxx ErrRECICheckESE97Compatibility (JET_bitUpdateCheckESE97Compatibility): the record
// must also fit in ESE97's format, whose tagged values took more room, with the largest key
// of that format. Columns the caller cannot see are passed over (ErrRECIAccessColumn).
jet::Err CheckEse97Size(Session &s, const Table &table, const Row &row) {
  std::size_t size = FixedAndVariableSize(table, row);
  const auto add = [&](jet::Columnid id, const ValueList &values) {
    const Column *column = table.FindColumn(id);
    if (column != nullptr && ColumnVisible(s, *column)) size += Ese97TaggedSize(*column, values);
  };
  for (const auto &entry : row.values) {
    if (entry.first >= kFirstTagged && !entry.second.empty()) add(entry.first, entry.second);
  }
  for (jet::Columnid id : row.nulls) {
    if (id >= kFirstTagged) add(id, ValueList());
  }
  if (size > RecordMost(s.GetInstance()->Params(), jet::cbKeyMostOld)) return jet::err::RecordTooBigForBackwardCompatibility;
  return jet::err::Success;
}

// rec.cxx ErrRECIIllegalNulls passes over the columns the caller cannot access
// (ErrRECIAccessColumn). An autoincrement column without a value (JET_prepInsertMustSetAutoIncrement,
// the caller did not set it) is JET_errAutoIncrementNotSet, in the same pass.
jet::Err CheckNulls(Session &s, const Table &table, const Row &row) {
  for (const Column &column : table.columns) {
    if ((column.NotNull() || column.Autoincrement()) && ColumnVisible(s, column) &&
        keys::ValuesOf(column, row).empty()) {
      return column.Autoincrement() ? jet::err::AutoIncrementNotSet : jet::err::NullInvalid;
    }
  }
  return jet::err::Success;
}

// An update as the walk over the secondary indexes sees it: whether it inserts, and which
// columns its JetSetColumn(s) reached.
struct UpdateKeying {
  enum class Kind { kInsert, kInsertCopy, kReplace };
  Kind kind;
  const ColumnIdSet &set;
};

// fileopen.cxx: an index ESE calls sparse leaves out the records whose unset key columns are
// null: it ignores some nulls (JET_bitIndexIgnoreNull, IgnoreAnyNull or IgnoreFirstNull, not
// DisallowNull) and no key column is NOT NULL or has a default.
bool SparseIndex(const Table &table, const Index &index) {
  constexpr jet::Grbit kIgnoring =
      jet::bit::IndexIgnoreNull | jet::bit::IndexIgnoreAnyNull | jet::bit::IndexIgnoreFirstNull;
  if (index.Primary() || (index.grbit & jet::bit::IndexDisallowNull) || !(index.grbit & kIgnoring)) return false;
  for (const IndexSegment &segment : index.segments) {
    const Column *column = table.FindColumn(segment.column);
    if (column != nullptr && (column->NotNull() || column->hasDefault)) return false;
  }
  return true;
}

// Whether an update makes its record's keys in a secondary index (recupd.cxx). An insert that
// is not a copy passes over a sparse index when the columns it set leave the record out of it
// (FRECIPossiblyUpdateSparseIndex: with IgnoreAnyNull unless it set them all, with
// IgnoreFirstNull unless it set the first, with IgnoreNull unless it set one); the
// autoincrement value the insert was prepared with counts as set (fldmod.cxx
// ErrRECISetAutoincrement). A replace passes over an index none of whose columns it set
// (FRECIIndexPossiblyChanged). Where keys are made, one that cannot be made refuses the update
// whatever the index does with nulls.
bool MakesKeysIn(const Table &table, const Index &index, const UpdateKeying &update) {
  const auto set = [&](const IndexSegment &segment) {
    if (update.set.count(segment.column) != 0) return true;
    if (update.kind != UpdateKeying::Kind::kInsert) return false;
    const Column *column = table.FindColumn(segment.column);
    return column != nullptr && column->Autoincrement();
  };
  switch (update.kind) {
    case UpdateKeying::Kind::kInsertCopy:
      return true;
    case UpdateKeying::Kind::kReplace:
      return std::any_of(index.segments.begin(), index.segments.end(), set);
    case UpdateKeying::Kind::kInsert:
      break;
  }
  if (!SparseIndex(table, index) || index.segments.empty()) return true;
  if (index.grbit & jet::bit::IndexIgnoreAnyNull) return std::all_of(index.segments.begin(), index.segments.end(), set);
  if (index.grbit & jet::bit::IndexIgnoreFirstNull) return set(index.segments.front());
  return std::any_of(index.segments.begin(), index.segments.end(), set);
}

// Goes through the secondary indexes as ESE's insert and replace do, newest first (recupd.cxx
// ErrRECIInsert, ErrRECIReplace walk FCB::PfcbNextIndex), and answers with the first refusal: a
// key that cannot be made, a null key or a duplicate (extended generator seed 1154); the
// primary index is not among them, its key made by the update already, and neither are the
// indexes the update makes no keys in (MakesKeysIn). `took(index, keys)` is called for each
// index passed before it. `deleted`: the record an insert copy deletes first, whose keys it may
// take. `before`: the record a replace replaces, whose keys in an index it updates are made
// first, under the same rules: a null one where the index disallows nulls refuses the replace
// too (recupd.cxx ErrRECIReplaceInIndex enumerates the old keys with a context that errs on
// null segments; extended generator seed 13144). `TableT` is Table or const Table.
template <typename TableT, typename Took>
jet::Err WalkSecondaryIndexes(TableT &table, const Row &row, const Bytes &bookmark, const UpdateKeying &update,
                              const Bytes *deleted, Took took, const Row *before = nullptr) {
  for (auto newest = table.indexes.rbegin(); newest != table.indexes.rend(); ++newest) {
    auto &index = *newest;
    if (index.Primary() || !MakesKeysIn(table, index, update)) continue;
    jet::Err refusal = jet::err::Success;
    if (before != nullptr) {
      (void)keys::RowKeys(table, index, *before, &refusal);
      if (refusal < jet::err::Success) return refusal;
    }
    std::vector<Bytes> keys = keys::RowKeys(table, index, row, &refusal);
    if (refusal < jet::err::Success) return refusal;
    if (index.Unique()) {
      for (const Bytes &key : keys) {
        if (UniqueKeyTaken(table, index, key, bookmark, deleted)) return jet::err::KeyDuplicate;
      }
    }
    took(index, keys);
  }
  return jet::err::Success;
}

// One past the largest DBK ESE hands out (daeconst.hxx dwCounterMax).
constexpr std::uint32_t kDbkLimit = 0x7fffff00;

// The bookmark of a new record of a table without a primary index (recupd.cxx ErrRECIInsert,
// tdb.hxx ErrGetAndIncrDbkMost): the table's next DBK, taken though the insert fails later.
// The first insert since the table was created or loaded works the number out from the tree
// (DbkAfterLastNode), not below what the file's tree gave when loaded; later ones count on.
jet::Err TakeDbk(Table &table, Bytes *bookmark) {
  if (!table.dbkWorkedOut) {
    table.nextDbk = std::max(table.nextDbk, DbkAfterLastNode(table));
    table.dbkWorkedOut = true;
  }
  if (table.nextDbk >= kDbkLimit) return jet::err::OutOfSequentialIndexValues;
  *bookmark = RecordIdBookmark(table.nextDbk++);
  return jet::err::Success;
}

jet::Err CheckRow(const Table &table, const Row &row, const Bytes &bookmark, const UpdateKeying &update,
                  const Bytes *deleted = nullptr, const Row *before = nullptr) {
  return WalkSecondaryIndexes(
      table, row, bookmark, update, deleted, [](const Index &, const std::vector<Bytes> &) {}, before);
}

// An insert a secondary index refused (CheckRow: a null key, a Unicode text value of one byte,
// or a key a unique index holds already), at level 0 under a session context another thread
// set: ESE's insert had put the record in the primary index and its entries in the newer
// indexes it went through first (recupd.cxx ErrRECIInsert), and in a unique index that found a
// duplicate, the entries of the values before it; its rollback fails, so the record stays in
// the transaction left open. The write makes the entries of every index; those ESE's walk
// never reached are taken out again (an entry already there, such as a node flagged deleted,
// stays).
void KeepRefusedInsert(Session &s, Cursor &c, const Bytes &bookmark, const Row &row, const UpdateKeying &update) {
  Table &table = *c.table;
  std::vector<const Index *> passed;
  WalkSecondaryIndexes(table, row, bookmark, update, nullptr,
                       [&](const Index &index, const std::vector<Bytes> &) { passed.push_back(&index); });
  std::vector<std::pair<Index *, IndexEntry>> unmade;
  bool refusingMet = false;
  for (auto newest = table.indexes.rbegin(); newest != table.indexes.rend(); ++newest) {
    Index &index = *newest;
    if (index.Primary() || std::find(passed.begin(), passed.end(), &index) != passed.end()) continue;
    // The index that refused: a unique one made its entries up to the duplicate.
    const bool keyed = MakesKeysIn(table, index, update);
    bool made = !refusingMet && keyed && index.Unique();
    refusingMet = refusingMet || keyed;
    jet::Err refusal = jet::err::Success;
    for (Bytes &key : keys::RowKeys(table, index, row, &refusal)) {
      made = made && !UniqueKeyTaken(table, index, key, bookmark, nullptr);
      IndexEntry entry(std::move(key), bookmark);
      if (!made && index.entries.count(entry) == 0) unmade.emplace_back(&index, std::move(entry));
    }
  }
  WriteRecord(s, c.db, c.table, bookmark, std::make_shared<Row>(row));
  for (const auto &entry : unmade) entry.first->EraseEntry(entry.second);
}

// An insert a secondary index refused (CheckRow): ESE's insert had put the record in the
// primary index and its entries in the newer indexes it went through first (recupd.cxx
// ErrRECIInsert), and its rollback takes them out and cleans those pages up
// (CleanUpUndoneInsert). Modelled for a new record in a table of one page's nodes, and for a
// node flagged deleted that the insert took over; otherwise nothing is left to do.
void CleanUpRefusedInsert(Session &s, Table &table, const Row &row, const Bytes &bookmark,
                          const UpdateKeying &update) {
  // A node flagged deleted with the key, no version left on it, is the one the insert took over
  // (bt.cxx ErrBTInsert); its cleanup comes again, now that the page may hold another node.
  auto existing = table.records.find(bookmark);
  if (existing != table.records.end() && !existing->second.Unused()) return;
  if (existing == table.records.end() && table.records.size() >= kOnePageNodesMost) return;
  table.records[bookmark];
  // Flagged deleted with the data the refused insert wrote, as a rolled-back insert's node.
  table.flaggedRows[bookmark] = std::make_shared<Row>(row);
  std::vector<EnteredIndex> entered;
  WalkSecondaryIndexes(table, row, bookmark, update, nullptr, [&](Index &index, const std::vector<Bytes> &keys) {
    if (keys.empty()) return;
    for (const Bytes &key : keys) index.entries.emplace(key, bookmark);
    entered.push_back({&index, keys});
  });
  CleanUpUndoneInsert(s.GetInstance(), table, bookmark, std::move(entered));
}

// fldmod.cxx ErrRECILoadAutoIncBatch: reserves the next batch of autoincrement values (2, 4, 8,
// ... up to 1000 at a time) by adding it to the value in the table's root page and writing the
// sum there, which the engine format's JET_efvExtHdrRootFieldAutoIncStorageReleased allows
// (older formats find the largest value in use instead, and write nothing). The batch grows
// before the write. At level 0 the write is a transaction of its own, whose commit and then
// rollback fail under a session context another thread set (JET_errSessionSharingViolation):
// the transaction stays open, nothing is reserved, but the page keeps the value written, and
// neither that rollback nor a later one takes it back.
// The root page is read (and written) through the caller's cursor (ErrDIRGetRootField), which
// lets go of it after (DIRReleaseLatch, BTUp), in the older formats too, where the first read
// finds no value there: the cursor keeps its position, and its next read or move goes down the
// tree to its record again and counts the position afresh there (bt.cxx ErrBTIIRefresh with no
// page, ErrBTGotoBookmark).
jet::Err ReserveAutoincBatch(Session &s, Cursor &c, Table &table) {
  c.pageHeld = false;
  if (!FormatFeatureEnabled(s.GetInstance()->Params(), jet::efv::ExtHdrRootFieldAutoIncStorageReleased)) {
    table.autoincReserved = Table::kAutoincUnbatched;
    return jet::err::Success;
  }
  // Values below the last one reserved are still free: nothing to write.
  if (table.nextAutoinc < table.autoincReserved) return jet::err::Success;
  constexpr std::uint32_t kBatchMost = 1000;  // daeconst.hxx g_ulAutoIncBatchSize
  table.autoincBatch = std::min(table.autoincBatch * 2, kBatchMost);
  table.autoincWritten = table.StoredAutoincrement() + table.autoincBatch;
  if (!InTransaction(s) && s.ContextSetByAnotherThread()) {
    (void)s.BeginTransaction(0, 0);
    return jet::err::SessionSharingViolation;
  }
  table.autoincReserved = table.autoincWritten;
  return jet::err::Success;
}

// fldmod.cxx ErrRECIInitAutoIncOldFormat: the largest value of the autoincrement column in the
// table's records, uncommitted ones and those whose delete is not yet committed included.
std::int64_t LargestAutoincrementInUse(const Table &table, const Column &column) {
  std::int64_t largest = 0;
  for (const auto &entry : table.records) {
    const Record &record = entry.second;
    RowPtr row = LatestRow(record);
    // Under a pending delete the record's node is still there, with its last committed row.
    if (!row && record.hasPending && !record.committed.empty()) row = record.committed.back().row;
    if (!row) continue;
    const auto values = row->values.find(column.id);
    if (values != row->values.end() && !values->second.empty()) largest = std::max(largest, IntegerValue(values->second[0]));
  }
  return largest;
}

// fldmod.cxx ErrRECISetAutoincrement, TDB::ErrInitAutoInc: the first insert prepared on a table
// in memory reserves its first batch, once: a failure is kept and given to every insert
// prepared on the table after it. Older formats keep no value in the root page: the table's
// next value then follows the largest in its records, and no later batch is reserved.
jet::Err ReserveAutoincrement(Session &s, Cursor &c, Table &table, const Column &column) {
  switch (table.autoincInit) {
    case Table::AutoincInit::kDone:
      return jet::err::Success;
    case Table::AutoincInit::kFailed:
      return table.autoincInitErr;
    case Table::AutoincInit::kNotYet:
      break;
  }
  if (!FormatFeatureEnabled(s.GetInstance()->Params(), jet::efv::ExtHdrRootFieldAutoIncStorageReleased)) {
    table.nextAutoinc = LargestAutoincrementInUse(table, column) + 1;
  }
  const jet::Err err = ReserveAutoincBatch(s, c, table);
  table.autoincInit = err < jet::err::Success ? Table::AutoincInit::kFailed : Table::AutoincInit::kDone;
  table.autoincInitErr = err;
  return err;
}

// fldmod.cxx ErrIsamPrepareUpdate, JET_prepReadOnlyCopy: a copy of the current record in a
// transaction, on any cursor (nothing will be written). Retrievals through the cursor read it
// until the update is cancelled, the cursor moves, or the level it was made in is rolled back;
// JetSetColumn(s) and JetUpdate2 are JET_errUpdateNotPrepared.
jet::Err PrepareReadOnlyCopy(Session &s, Cursor &c) {
  if (c.prepared != Prepared::kNone) return jet::err::AlreadyPrepared;
  if (!InTransaction(s)) return jet::err::NotInTransaction;
  std::shared_lock<std::shared_mutex> lock(c.db->lock);
  RowPtr row;
  const jet::Err err = CurrentRow(c, ViewOf(s), &row);
  if (err < jet::err::Success) return err;
  c.copy = std::make_shared<Row>(*row);
  c.replaceBookmark.clear();
  c.columnsSet.clear();
  c.prepared = Prepared::kReadOnlyCopy;
  c.preparedLevel = s.Transactions().Level();
  return jet::err::Success;
}

// ver.cxx ErrVERITryUndoLoggedOper resets the index range of the cursor a change was made
// through (DIRResetIndexRange: the table's cursor's and its current index's) before it undoes
// the change: a replace, a delete or an escrow update; not a lock, nor an insert, which goes
// through a cursor of ESE's own. So the rollback of such a change drops the cursor's ranges
// (extended generator seed 4075, confirmed on ESE's engine).
void DropRangesOnUndo(Session &s, jet::Tableid tableid, Cursor *c) {
  if (!InTransaction(s)) return;
  const std::uint64_t serial = s.Transactions().Current().serial;
  if (c->rangeDropSerial == serial) return;
  c->rangeDropSerial = serial;
  Session *session = &s;
  PushUndo(s, [session, tableid, c] {
    if (StillOpen(*session, tableid, c)) DropRanges(*c);
  });
}

}  // namespace

jet::Err PrepareUpdate(Session &s, jet::Tableid tableid, jet::ULong prep) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (prep == jet::prep::Cancel) {
    if (c->prepared == Prepared::kNone) return jet::err::UpdateNotPrepared;
    CancelUpdate(*c);
    return jet::err::Success;
  }
  if (prep == jet::prep::ReadOnlyCopy) return PrepareReadOnlyCopy(s, *c);
  if (prep != jet::prep::Insert && prep != jet::prep::Replace && prep != jet::prep::ReplaceNoLock &&
      prep != jet::prep::InsertCopy && prep != jet::prep::InsertCopyDeleteOriginal &&
      prep != jet::prep::InsertCopyReplaceOriginal && prep != jet::prep::InsertMustSetAutoIncrement) {
    return jet::err::InvalidParameter;
  }
  const bool newRecord = prep == jet::prep::Insert || prep == jet::prep::InsertMustSetAutoIncrement;
  // An insert copy that deletes its original (JET_prepInsertCopyDeleteOriginal), or replaces
  // it keeping its autoincrement value (JET_prepInsertCopyReplaceOriginal).
  const bool replacesOriginal =
      prep == jet::prep::InsertCopyDeleteOriginal || prep == jet::prep::InsertCopyReplaceOriginal;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared != Prepared::kNone) return jet::err::AlreadyPrepared;
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  Table &table = *c->table;
  if (prep == jet::prep::InsertMustSetAutoIncrement) {
    // fldmod.cxx ErrIsamPrepareUpdate: only for a table with an autoincrement column, and one
    // without a default (which would hide that the caller set no value).
    auto autoinc = std::find_if(table.columns.begin(), table.columns.end(), [&](const Column &column) {
      return column.Autoincrement() && ColumnVisible(s, column);
    });
    const Column *counted = autoinc != table.columns.end() ? &*autoinc : (table.deletedAutoinc ? &*table.deletedAutoinc : nullptr);
    if (counted == nullptr || counted->hasDefault) return jet::err::IllegalOperation;
    if ((err = ReserveAutoincrement(s, *c, table, *counted)) < jet::err::Success) return err;
  }
  auto copy = std::make_shared<Row>();
  RowPtr found;
  if (!newRecord) {
    if ((err = CurrentRow(*c, view, &found)) < jet::err::Success) return err;
    *copy = *found;
  } else {
    // fldmod.cxx ErrIsamPrepareUpdate starts a new record as a copy of the table's default
    // record, so the defaults of fixed and variable columns are stored in it: a later
    // JetSetColumnDefaultValueW does not change them, and JET_bitRetrieveIgnoreDefault
    // still reads them. Tagged defaults stay in the catalog and are read from there.
    // Room for the columns most inserts set, so that setting them moves nothing.
    copy->values.reserve(std::min<std::size_t>(table.columns.size(), 16));
    for (const Column &column : table.columns) {
      if (column.hasDefault && !column.Tagged()) copy->values[column.id] = {column.defaultValue};
    }
  }
  c->replaceBookmark.clear();
  if (prep == jet::prep::Replace || prep == jet::prep::ReplaceNoLock || replacesOriginal) {
    // fldmod.cxx ErrIsamPrepareUpdate takes the record's write lock (ErrDIRGetLock) for a
    // replace in a transaction (at level 0 it is prepared as JET_prepReplaceNoLock), and for an
    // insert copy that replaces its original even at level 0, where the lock ends with the
    // call but another session's change still conflicts.
    if (prep != jet::prep::ReplaceNoLock && (view.inTransaction || replacesOriginal)) {
      const Record &record = table.records.find(c->bookmark)->second;
      if ((err = CheckWriteConflict(record, view)) < jet::err::Success) return err;
      if (view.inTransaction) {
        LockRecord(s, c->db, c->table, c->bookmark);
        c->versioned = true;
      }
    }
  }
  if (prep == jet::prep::Replace || prep == jet::prep::ReplaceNoLock) {
    c->prepared = Prepared::kReplace;
    c->replaceBookmark = c->bookmark;
    c->replaceUnlocked = prep == jet::prep::ReplaceNoLock || !view.inTransaction;
    c->replaceComparedWith = view.inTransaction ? nullptr : found;
  } else {
    if (replacesOriginal) c->replaceBookmark = c->bookmark;
    // A deleted autoincrement column the version store has not cleaned up yet still takes a
    // value, which no one can read (Table::deletedAutoinc).
    const auto takeValue = [&](const Column &column, bool stored) {
      jet::Err taken = ReserveAutoincrement(s, *c, table, column);
      if (taken < jet::err::Success) return taken;
      // The value is used up whether or not the insert completes, as in ESE.
      const std::int64_t value = table.nextAutoinc++;
      if (stored) copy->values[column.id] = {IntegerValueBytes(value, column.cbMax)};
      return value > table.autoincReserved ? ReserveAutoincBatch(s, *c, table) : jet::err::Success;
    };
    if (prep != jet::prep::InsertCopyReplaceOriginal && prep != jet::prep::InsertMustSetAutoIncrement) {
      for (const Column &column : table.columns) {
        if (column.Autoincrement() && (err = takeValue(column, true)) < jet::err::Success) return err;
      }
      if (table.deletedAutoinc && (err = takeValue(*table.deletedAutoinc, false)) < jet::err::Success) return err;
    }
    // fldmod.cxx ErrIsamPrepareUpdate: an insert copy then references the copy's long values
    // (lv.cxx ErrRECAffectLongFieldsInWorkBuf), whether it has any or not, in a transaction
    // of its own nested in the caller's: none at level 0, one the caller must own otherwise.
    // Either failure leaves no update prepared, the autoincrement value used up.
    if (prep == jet::prep::InsertCopy) {
      if (!view.inTransaction) return jet::err::NotInTransaction;
      if ((err = CheckNestedBegin(s)) < jet::err::Success) return err;
    }
    c->prepared = Prepared::kInsert;
    c->mustSetAutoinc = prep == jet::prep::InsertMustSetAutoIncrement;
    c->insertCopy = !newRecord;
  }
  c->copy = copy;
  c->preparedLevel = s.Transactions().Level();
  return jet::err::Success;
}

jet::Err SetColumn(Session &s, jet::Tableid tableid, jet::Columnid columnid, const void *pv, jet::ULong cb,
                   jet::Grbit grbit, const jet::SetInfo *psetinfo) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared == Prepared::kNone || c->prepared == Prepared::kReadOnlyCopy) return jet::err::UpdateNotPrepared;
  if (psetinfo != nullptr && psetinfo->cbStruct < sizeof(jet::SetInfo)) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  // Without a JET_SETINFO ESE sets the first value (itagSequence 1), not a new one.
  return SetOne(s, *c, columnid, pv, cb, grbit, psetinfo ? psetinfo->ibLongValue : 0,
                psetinfo ? psetinfo->itagSequence : 1);
}

jet::Err SetColumns(Session &s, jet::Tableid tableid, jet::SetColumn *columns, jet::ULong count) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared == Prepared::kNone || c->prepared == Prepared::kReadOnlyCopy) return jet::err::UpdateNotPrepared;
  if (columns == nullptr && count > 0) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  // As in ESE: the first error stops the loop (that entry's err is not written), otherwise
  // the last entry's result is returned.
  jet::Err result = jet::err::Success;
  for (jet::ULong i = 0; i < count; ++i) {
    jet::SetColumn &sc = columns[i];
    result = SetOne(s, *c, sc.columnid, sc.pvData, sc.cbData, sc.grbit, sc.ibLongValue, sc.itagSequence);
    if (result < jet::err::Success) return result;
    sc.err = result;
  }
  return result;
}

namespace {

// Whether an update that set `set` may change a key of one of the table's indexes.
bool SetsIndexedColumn(const Table &table, const ColumnIdSet &set) {
  for (const Index &index : table.indexes) {
    for (const IndexSegment &segment : index.segments) {
      if (set.count(segment.column) != 0) return true;
    }
  }
  return false;
}

// recupd.cxx ErrRECUpgradeReplaceNoLock: a replace prepared without the record's write lock
// takes it (a version made, whatever comes next), then compares the record, `now`, with the one
// it was prepared on at level 0 (Cursor::replaceComparedWith; the same values make the same
// bytes): changed, JET_errWriteConflict, the update still without the lock. Otherwise the
// update holds the lock from here, also when the commit of its own transaction then fails and
// leaves it prepared.
jet::Err UpgradeReplaceNoLock(Cursor &c, const Row &now) {
  if (!c.replaceUnlocked) return jet::err::Success;
  c.versioned = true;
  const RowPtr &then = c.replaceComparedWith;
  if (then != nullptr && then.get() != &now &&
      !(std::equal(then->values.begin(), then->values.end(), now.values.begin(), now.values.end()) &&
        std::equal(then->nulls.begin(), then->nulls.end(), now.nulls.begin(), now.nulls.end()))) {
    return jet::err::WriteConflict;
  }
  c.replaceUnlocked = false;
  return jet::err::Success;
}

// recupd.cxx ErrRECIReplace reads the record again only where a key may change (a column of
// an index set): a replace holding the record's write lock, whose record the session itself
// deleted since, otherwise writes into the node flagged deleted, which nobody sees and whose
// version the delete's rollback undoes first (extended generator seed 8501, confirmed on
// ESE's engine). Whether `c`'s replace of the record at `existing`, which `s` does not see,
// is such a one.
bool ReplacesOwnDelete(const Session &s, const Cursor &c, const Table &table, RecordTree::const_iterator existing) {
  if (existing == table.records.end() || c.replaceUnlocked) return false;
  const Record &record = existing->second;
  return record.hasPending && record.writer == &s && !record.pending && !SetsIndexedColumn(table, c.columnsSet);
}

// recupd.cxx ErrRECIInsert and ErrRECIReplace commit their own transaction before they are
// done with the prepared update: a single change's update waits for that commit
// (FinishUpdateAfterCommit). A nested commit cannot fail once its begin passed.
// written: the row the update stored (its prepared copy), null when it stored none.
void DoneWithUpdate(Session &s, Cursor &c, RowPtr written) {
  SessionState &state = StateOf(s);
  if (!state.singleChange) {
    CancelUpdate(c);
    return;
  }
  state.updateToFinish = &c;
  state.updateWritten = std::move(written);
}

// JetUpdate's bookmark of the record inserted: a buffer too small for it was refused before the
// write (recupd.cxx ErrRECIInsert); its size is given with or without a buffer.
jet::Err Bookmarked(const Bytes &bookmark, void *pvBookmark, jet::ULong cbBookmark, jet::ULong *pcbActual) {
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(bookmark.size());
  if (pvBookmark != nullptr) std::memcpy(pvBookmark, bookmark.data(), std::min<std::size_t>(cbBookmark, bookmark.size()));
  return jet::err::Success;
}

// A replace's bookmark (recupd.cxx ErrIsamUpdate): taken from the cursor before the replace is
// tried, so it is given even when the replace then fails, and only into a buffer with room for a
// byte, cut to it; with none, not even its size. A cursor without a bookmark (dir.hxx
// ErrDIRGetBookmark) fails the update there.
jet::Err ReplaceBookmark(const Cursor &c, void *pvBookmark, jet::ULong cbBookmark, jet::ULong *pcbActual) {
  if (cbBookmark == 0) return jet::err::Success;
  if (c.position != Position::kOn || c.tableDeferred) return jet::err::NoCurrentRecord;
  std::shared_lock<std::shared_mutex> lock(c.db->lock);
  return Bookmarked(c.bookmark, pvBookmark, cbBookmark, pcbActual);
}

// recupd.cxx ErrRECIInsert: a versionless insert that a secondary index refuses has already put
// the record in the primary index, where no rollback short of the table's own can take it
// out. The session's cursors on the table are left fit only to be closed
// (fileopen.cxx FILETableMustRollback), and its transaction only to be rolled back to level 0.
void RefuseVersionlessInsert(Session &s, Cursor &c, const Bytes &bookmark) {
  WriteRecord(s, c.db, c.table, bookmark, std::make_shared<Row>(*c.copy), false);
  SessionState &state = StateOf(s);
  for (Cursor *cursor : state.cursors) {
    if (cursor->table == c.table) cursor->mustRollback = true;
  }
  state.mustRollbackToLevel0 = true;
}

// fcb.cxx FCB::ErrSetUpdatingAndEnterDML, on the way into an insert, a replace or a delete: a
// primary index whose creation has not committed (its IDB flagged FVersionedCreate until the
// commit, ver.cxx) is looked up in the catalog as the caller sees it (file.hxx
// ErrFILEIAccessIndex), where only its creator finds it; anyone else's update is refused
// rather than made without the key the table is about to be ordered by; the creator's too when
// the index never reached the catalog (Index::catalogRowMissing). Once committed, the flag is
// gone for every transaction, those that began before the commit included.
jet::Err CheckPrimaryIndexCommitted(const Session &s, const Table &table) {
  const Index *primary = table.Primary();
  if (primary == nullptr || primary->uncommittedCreator == nullptr) return jet::err::Success;
  return primary->uncommittedCreator != &s || primary->catalogRowMissing ? jet::err::WriteConflictPrimaryIndex
                                                                          : jet::err::Success;
}

}  // namespace

jet::Err Update(Session &s, jet::Tableid tableid, void *pvBookmark, jet::ULong cbBookmark, jet::ULong *pcbActual,
                jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (c->prepared == Prepared::kNone || c->prepared == Prepared::kReadOnlyCopy) return jet::err::UpdateNotPrepared;
  const bool replace = c->prepared != Prepared::kInsert;
  if (replace && (err = ReplaceBookmark(*c, pvBookmark, cbBookmark, pcbActual)) < jet::err::Success) return err;
  // recupd.cxx ErrIsamUpdate does not ask whether the transaction is read-only (JetPrepareUpdate
  // and JetSetColumn do): an update prepared before a read-only transaction began is made in it.
  if (c->db->readOnly || (c->openGrbit & jet::bit::TableReadOnly)) return jet::err::PermissionDenied;
  if ((err = CheckNestedBegin(s)) < jet::err::Success) return err;
  Bytes bookmark;
  {
    std::unique_lock<std::shared_mutex> lock(c->db->lock);
    const ReadView view = ViewOf(s);
    Table &table = *c->table;
    // recupd.cxx ErrRECIReplace and ErrRECIInsert, once their own transaction has begun: an
    // update without versions is refused unless it inserts into a table the open transaction
    // created (FCB::FUncommitted). Unknown bits are ignored.
    const bool noVersion = (grbit & jet::bit::UpdateNoVersion) != 0;
    if (noVersion && (replace || table.uncommittedCreator == nullptr)) return jet::err::UpdateMustVersion;
    const bool checkEse97 = (grbit & jet::bit::UpdateCheckESE97Compatibility) != 0;
    if (c->prepared == Prepared::kInsert) {
      // recupd.cxx ErrRECIInsert: a version column the insert did not set starts at 0.
      for (const Column &column : table.columns) {
        if ((column.grbit & jet::bit::ColumnVersion) && !c->columnsSet.count(column.id)) {
          c->copy->values[column.id] = {IntegerValueBytes(0, 4)};
          c->copy->nulls.erase(column.id);
          c->columnsSet.insert(column.id);
        }
      }
    } else if (c->columnsSet.empty()) {
      // recupd.cxx ErrRECIReplace: a replace that set no column writes nothing. One that holds
      // the record's write lock (JET_prepReplace in a transaction) looks at nothing either:
      // whatever became of the record since, a delete by the session itself included, committed
      // or not, the update succeeds (extended generator seeds 8501, 16969).
      if (!c->replaceUnlocked) {
        DoneWithUpdate(s, *c, nullptr);
        return jet::err::Success;
      }
      // One prepared without the lock takes it first (ErrRECUpgradeReplaceNoLock).
      auto existing = table.records.find(c->replaceBookmark);
      const RowPtr visible = existing == table.records.end() ? nullptr : VisibleRow(existing->second, view);
      if (visible == nullptr) return jet::err::RecordDeleted;
      if ((err = CheckWriteConflict(existing->second, view)) < jet::err::Success) return err;
      if (view.inTransaction) LockRecord(s, c->db, c->table, c->replaceBookmark);
      if ((err = UpgradeReplaceNoLock(*c, *visible)) < jet::err::Success) return err;
      c->versioned = true;
      DoneWithUpdate(s, *c, nullptr);
      return jet::err::Success;
    } else {
      // recupd.cxx ErrRECIReplace reads and writes the record under the cursor
      // (ErrRECFIndexChanged, ErrDIRReplace), not the one the update was prepared on: a cursor
      // that a schema change put before the first record (JetAddColumn...) is on none.
      if (c->position != Position::kOn) return jet::err::NoCurrentRecord;
      // recupd.cxx ErrRECIReplace: each replace that sets a column adds 1 to the record's
      // version column (a record without a value, from before the column was added: 1).
      // A table has one version column at most (fcreate.cxx ErrFILEIValidateAddColumn).
      const auto isVersion = [&](const Column &column) {
        return (column.grbit & jet::bit::ColumnVersion) != 0 && ColumnVisible(s, column);
      };
      auto column = std::find_if(table.columns.begin(), table.columns.end(), isVersion);
      if (column != table.columns.end()) {
        auto existing = table.records.find(c->replaceBookmark);
        const RowPtr stored = existing == table.records.end() ? nullptr : VisibleRow(existing->second, view);
        std::int64_t version = 0;
        if (stored != nullptr) {
          auto value = stored->values.find(column->id);
          if (value != stored->values.end() && !value->second.empty() && value->second.front().size() == 4) {
            version = static_cast<std::uint32_t>(IntegerValue(value->second.front()));
          }
        }
        c->copy->values[column->id] = {IntegerValueBytes(version + 1, 4)};
        c->copy->nulls.erase(column->id);
      }
    }
    HoldColumnsUpToLast(table, *c->copy);
    // Checked as it is, then stored as it is (no copy): a failed update keeps it prepared.
    const Row *row = c->copy.get();
    RowPtr written;
    const Index *primary = table.Primary();
    if (c->prepared == Prepared::kInsert) {
      // recupd.cxx ErrRECIInsert deletes the original of an insert copy that replaces it first
      // (ErrIsamDelete), in the insert's own transaction: the record it makes may take the
      // original's keys, and a later failure takes the delete back. Before that, the update
      // leaves the prepared state for good (fucb.hxx FUCBSetUpdateForInsertCopyDeleteOriginal):
      // after a failure, a later JetUpdate2 inserts the copy and leaves the original alone.
      Bytes originalBookmark = std::move(c->replaceBookmark);
      c->replaceBookmark.clear();
      const Bytes *original = originalBookmark.empty() ? nullptr : &originalBookmark;
      if (original != nullptr) {
        auto found = table.records.find(*original);
        if (found == table.records.end() || !VisibleRow(found->second, view)) return jet::err::RecordDeleted;
        if ((err = CheckWriteConflict(found->second, view)) < jet::err::Success) return err;
      }
      // ESE checks an insert for illegal nulls before it touches any index.
      if ((err = CheckNulls(s, table, *row)) < jet::err::Success) return err;
      if (checkEse97 && (err = CheckEse97Size(s, table, *row)) < jet::err::Success) return err;
      if ((err = CheckPrimaryIndexCommitted(s, table)) < jet::err::Success) return err;
      if (primary != nullptr) {
        jet::Err refusal = jet::err::Success;
        std::vector<Bytes> keys = keys::RowKeys(table, *primary, *row, &refusal);
        if (refusal < jet::err::Success) return refusal;
        bookmark = keys.empty() ? Bytes() : keys.front();
        // recupd.cxx ErrRECIInsert: a bookmark buffer too small is refused before the insert
        // meets a duplicate (dir.cxx ErrDIRInsert).
        if (pvBookmark != nullptr && cbBookmark < bookmark.size()) return jet::err::BufferTooSmall;
        auto existing = table.records.find(bookmark);
        if (existing != table.records.end() && (original == nullptr || bookmark != *original)) {
          if (LatestRow(existing->second)) return jet::err::KeyDuplicate;
          // A deleted record's entry whose delete this session may not build on (another
          // session's, uncommitted or committed after this transaction began): bt.cxx
          // ErrBTInsert turns the write conflict of its version into JET_errKeyDuplicate.
          if (CheckWriteConflict(existing->second, view) < jet::err::Success) return jet::err::KeyDuplicate;
        }
      } else {
        if ((err = TakeDbk(table, &bookmark)) < jet::err::Success) return err;
      }
      if (pvBookmark != nullptr && cbBookmark < bookmark.size()) return jet::err::BufferTooSmall;
      const UpdateKeying keying{c->insertCopy ? UpdateKeying::Kind::kInsertCopy : UpdateKeying::Kind::kInsert,
                                c->columnsSet};
      if ((err = CheckRow(table, *row, bookmark, keying, original)) < jet::err::Success) {
        if (noVersion) {
          RefuseVersionlessInsert(s, *c, bookmark);
          return err;
        }
        // recupd.cxx ErrRECIInsert puts the record in the primary index (ErrDIRInsert) before
        // the secondary ones refuse it, and rolls its own transaction back; at level 0 under a
        // session context another thread set that rollback fails and the transaction stays
        // open, the record in it, with the entries of the indexes it went through first.
        if ((err == jet::err::NullKeyDisallowed || err == jet::err::UnicodeTranslationFail ||
             err == jet::err::KeyDuplicate) &&
            StateOf(s).singleChange && !s.OwnsTransaction() && original == nullptr) {
          KeepRefusedInsert(s, *c, bookmark, *row, keying);
        } else if (original == nullptr) {
          CleanUpRefusedInsert(s, table, *row, bookmark, keying);
        }
        return err;
      }
      if (original != nullptr) {
        WriteRecord(s, c->db, c->table, *original, nullptr);
        c->versioned = true;
        DropRangesOnUndo(s, tableid, c);
      }
      // The cursor stays where it was: no navigation, so a rollback of this level leaves it
      // there (as ESE's engine shows; recupd.cxx ErrRECIInsert goes back to the cursor's
      // record after dir.cxx ErrDIRInsert).
      c->copy->values.ShrinkToFit();
      written = std::move(c->copy);
      WriteRecord(s, c->db, c->table, bookmark, written, !noVersion);
      if (!noVersion) KeepInternalCursor(s, c->db, c->table);
    } else {
      bookmark = c->replaceBookmark;
      auto existing = table.records.find(bookmark);
      const RowPtr visible = existing == table.records.end() ? nullptr : VisibleRow(existing->second, view);
      if (visible == nullptr) {
        if (!ReplacesOwnDelete(s, *c, table, existing)) return jet::err::RecordDeleted;
        c->versioned = true;
        DropRangesOnUndo(s, tableid, c);
        DoneWithUpdate(s, *c, nullptr);
        return jet::err::Success;
      }
      if ((err = CheckWriteConflict(existing->second, view)) < jet::err::Success) return err;
      // recupd.cxx ErrRECIReplace takes the write lock of an update prepared without it before it
      // looks at the keys: the cursor has made a version even when the replace then fails.
      if ((err = UpgradeReplaceNoLock(*c, *visible)) < jet::err::Success) return err;
      if (checkEse97 && (err = CheckEse97Size(s, table, *row)) < jet::err::Success) return err;
      if ((err = CheckPrimaryIndexCommitted(s, table)) < jet::err::Success) return err;
      if (primary != nullptr) {
        jet::Err refusal = jet::err::Success;
        std::vector<Bytes> keys = keys::RowKeys(table, *primary, *row, &refusal);
        if (refusal < jet::err::Success) return refusal;
        if (keys.empty() || keys.front() != bookmark) return jet::err::RecordPrimaryChanged;
      }
      // recupd.cxx ErrRECIReplace asks for no illegal nulls (ErrRECIIllegalNulls is the
      // insert's): JetSetColumn refuses a NULL for a NOT NULL column, and a record written
      // before such a column was added is replaced without one.
      const UpdateKeying keying{UpdateKeying::Kind::kReplace, c->columnsSet};
      if ((err = CheckRow(table, *row, bookmark, keying, nullptr, visible.get())) < jet::err::Success) return err;
      c->copy->values.ShrinkToFit();
      written = std::move(c->copy);
      WriteRecord(s, c->db, c->table, bookmark, written);
      c->versioned = true;
      DropRangesOnUndo(s, tableid, c);
    }
    DoneWithUpdate(s, *c, std::move(written));
  }
  return replace ? jet::err::Success : Bookmarked(bookmark, pvBookmark, cbBookmark, pcbActual);
}

void FinishUpdateAfterCommit(Session &s, bool committed) {
  SessionState &state = StateOf(s);
  Cursor *cursor = state.updateToFinish;
  if (cursor == nullptr) return;
  state.updateToFinish = nullptr;
  RowPtr written = std::move(state.updateWritten);
  if (committed) {
    CancelUpdate(*cursor);
  } else if (written != nullptr) {
    // The copy went into the record: the update, still prepared, goes on with one of its own.
    cursor->copy = std::make_shared<Row>(*written);
  }
}

jet::Err Delete(Session &s, jet::Tableid tableid) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared != Prepared::kNone) {
    // ESE refuses while an insert-copy-delete-original is prepared and otherwise cancels the
    // prepared update.
    if (c->prepared == Prepared::kInsert && !c->replaceBookmark.empty()) return jet::err::AlreadyPrepared;
    CancelUpdate(*c);
  }
  if ((err = CheckNestedBegin(s)) < jet::err::Success) return err;
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  RowPtr row;
  if ((err = CurrentRow(*c, view, &row)) < jet::err::Success) return err;
  const Record &record = c->table->records.find(c->bookmark)->second;
  if ((err = CheckWriteConflict(record, view)) < jet::err::Success) return err;
  if ((err = CheckPrimaryIndexCommitted(s, *c->table)) < jet::err::Success) return err;
  // recupd.cxx ErrRECIDelete takes the record out of the secondary indexes first, each by the
  // keys it makes of the record (ErrRECIDeleteFromIndex, ErrRECIEnumerateKeys): an index whose
  // keys refuse it fails the delete: a record an insert refused left behind (above), or one an
  // insert put in the table past a sparse index whose key it cannot make (MakesKeysIn).
  for (const Index &index : c->table->indexes) {
    if (index.Primary()) continue;
    jet::Err refusal = jet::err::Success;
    (void)keys::RowKeys(*c->table, index, *row, &refusal);
    if (refusal < jet::err::Success) return refusal;
  }
  WriteRecord(s, c->db, c->table, c->bookmark, nullptr);
  c->versioned = true;
  DropRangesOnUndo(s, tableid, c);
  return jet::err::Success;
}

jet::Err EscrowUpdate(Session &s, jet::Tableid tableid, jet::Columnid columnid, const void *pv, jet::ULong cbMax,
                      void *pvOld, jet::ULong cbOldMax, jet::ULong *pcbOldActual, jet::Grbit grbit) {
  if (!InTransaction(s)) return jet::err::NotInTransaction;
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const Column *column = nullptr;
  if ((err = CheckColumnId(s, *c->table, columnid, &column)) < jet::err::Success) return err;
  if (c->prepared != Prepared::kNone) return jet::err::AlreadyPrepared;
  // recupd.cxx ErrRECIEscrowUpdate compares cbMax with a FIELD that ErrRECIAccessColumn fills
  // in for a fixed column only: for a variable or tagged one it holds whatever the stack did,
  // in practice not the size given (JET_errInvalidBufferSize, as ESE's engine shows).
  if (!column->Fixed() || column->cbMax != cbMax || pv == nullptr) return jet::err::InvalidBufferSize;
  if (pvOld != nullptr && cbOldMax != 0 && column->cbMax > cbOldMax) return jet::err::InvalidBufferSize;
  if (!column->Fixed() || !column->Escrow()) return jet::err::InvalidOperation;
  if ((err = CheckNestedBegin(s)) < jet::err::Success) return err;
  const ReadView view = ViewOf(s);
  RowPtr row;
  err = RowAtBookmark(*c, view, &row);
  Table &table = *c->table;
  auto found = table.records.find(c->bookmark);
  auto flagged = table.flaggedRows.find(c->bookmark);
  // ESE's delta goes to the cursor's bookmark without reading the record first (retail builds
  // of recupd.cxx ErrRECIEscrowUpdate read it under DEBUG only), and bt.cxx ErrBTDelta finds a
  // node flagged deleted there as it finds any other: a record deleted as the session sees it
  // takes the delta into the data its node keeps (Table::flaggedRows) until the node is gone.
  const bool keptSought = c->position == Position::kOnSeek && c->soughtKeyKept;
  const bool onFlagged = err == jet::err::RecordDeleted && !keptSought && found != table.records.end() &&
                         flagged != table.flaggedRows.end();
  if (err < jet::err::Success && !onFlagged) {
    // ErrBTDelta makes the delta's version (ver.cxx ErrVERModify, which flags the cursor
    // versioned) before it goes down to the bookmark, so a bookmark that names no record the
    // session sees fails after the flag is set. The escrow's own transaction rolls the version
    // back, but only a return to level 0 clears the flag (dir.cxx ErrDIRRollback), so the
    // cursor's close is deferred as after any version it made (extended generator seed 2493).
    // The deferred move of a fresh cursor over an empty table fails before (dir.cxx
    // ErrDIRIRefresh: JET_errNoCurrentRecord).
    if (err == jet::err::RecordDeleted && (grbit & jet::bit::EscrowNoRollback) == 0) c->versioned = true;
    return err;
  }
  Record &record = found->second;
  const std::int64_t delta = IntegerValue(Bytes(static_cast<const char *>(pv), cbMax));
  const bool deleteOnZero = (column->grbit & jet::bit::ColumnDeleteOnZero) != 0;
  const std::int64_t fallback = column->defaultValue.empty() ? 0 : IntegerValue(column->defaultValue);
  const std::uint8_t kind = cbMax == 4 ? shared::kDelta32 : shared::kDelta64;
  // `base` with the delta added to the column (a 32-bit sum wraps, as IntegerValueBytes
  // writes it; a null column stays null).
  const auto plusDelta = [&](const Row &base) {
    auto next = std::make_shared<Row>(base);
    AddToEscrowColumn(*next, column->id, cbMax, fallback, delta);
    return RowPtr(std::move(next));
  };
  std::int64_t old = 0;
  const auto deltaVersion = [&] {
    SharedChange change;
    change.kind = kind;
    change.column = column->id;
    change.size = cbMax;
    change.fallback = fallback;
    change.delta = delta;
    change.deleteOnZero = deleteOnZero;
    return change;
  };
  const bool pageFlagged = record.hasPending ? record.pending == nullptr
                                             : record.committed.empty() || record.committed.back().row == nullptr;
  if ((grbit & jet::bit::EscrowNoRollback) != 0) {
    // bt.cxx ErrBTDelta with fDIRNoVersion: no version, so no conflict with anyone's, and the
    // delta goes into the data on ESE's page at once, for good. A pending write of another
    // session has it in its row and, rolled back, leaves it (ESE's engine keeps it); so do the
    // committed images and a deleted record's node.
    const RowPtr page = pageFlagged ? (flagged != table.flaggedRows.end() ? flagged->second : nullptr) : PhysicalRow(record);
    if (page == nullptr) return jet::err::RecordDeleted;
    old = EscrowBytes(*page, column->id, fallback);
    if ((err = ChangeCommittedRows(s, c->db, table, found, plusDelta)) < jet::err::Success) return err;
    if (record.hasPending && record.pending != nullptr) record.pending = plusDelta(*record.pending);
    if (flagged != table.flaggedRows.end()) flagged->second = plusDelta(*flagged->second);
  } else if (onFlagged) {
    // A delta version on the node: under the session's own delete nothing else can conflict;
    // otherwise it commutes with other sessions' deltas and conflicts with anything else of
    // theirs the transaction does not see (ver.cxx FVERIWriteConflict).
    if (!record.hasPending || record.writer != &s) {
      if ((err = CheckSharedConflict(record, view, kind)) < jet::err::Success) return err;
      AddSharedChange(s, c->db, c->table, c->bookmark, deltaVersion());
    }
    old = EscrowBytes(*flagged->second, column->id, fallback);
    flagged->second = plusDelta(*flagged->second);
    // Undone as ESE undoes a delta (ver.cxx VERUndoDelta): subtracted, other deltas kept.
    const DatabasePtr db = c->db;
    const TablePtr owner = c->table;
    const Bytes bookmark = c->bookmark;
    const jet::Columnid id = column->id;
    PushUndo(s, [db, owner, bookmark, id, cbMax, fallback, delta] {
      std::unique_lock<std::shared_mutex> lock(db->lock);
      auto at = owner->flaggedRows.find(bookmark);
      if (at == owner->flaggedRows.end()) return;
      auto next = std::make_shared<Row>(*at->second);
      AddToEscrowColumn(*next, id, cbMax, fallback, -delta);
      at->second = std::move(next);
    });
  } else if (record.hasPending && record.writer == &s) {
    // Under the session's own pending write the delta goes into the row it writes.
    old = EscrowBytes(*record.pending, column->id, fallback);
    WriteRecord(s, c->db, c->table, c->bookmark, plusDelta(*record.pending));
  } else {
    // A delta version (ver.cxx FVERIWriteConflict): other sessions' deltas of the same size
    // commute with it; anything else of theirs not visible to this transaction conflicts.
    if ((err = CheckSharedConflict(record, view, kind)) < jet::err::Success) return err;
    // The old value is the one on ESE's page: every session's deltas included (bt.cxx
    // ErrBTDelta, node.cxx ErrNDDelta).
    old = EscrowBytes(*PhysicalRow(record), column->id, fallback);
    AddSharedChange(s, c->db, c->table, c->bookmark, deltaVersion());
  }
  if ((grbit & jet::bit::EscrowNoRollback) == 0) {
    c->versioned = true;
    DropRangesOnUndo(s, tableid, c);
  }
  if (pvOld != nullptr && cbOldMax >= cbMax) {
    const Bytes previous = IntegerValueBytes(old, cbMax);
    std::memcpy(pvOld, previous.data(), cbMax);
  }
  if (pcbOldActual != nullptr) *pcbOldActual = cbMax;
  return jet::err::Success;
}

// rec.cxx ErrIsamGetLock: inside a transaction only; exactly one of JET_bitReadLock and
// JET_bitWriteLock; a write lock needs an updatable cursor and transaction and takes the
// record's write lock, as JET_prepReplace does. A read lock is a shared change held until
// the transaction ends: read locks of other sessions commute with it, their writes and
// deltas conflict with it (ver.cxx FVERIWriteConflict).
jet::Err GetLock(Session &s, jet::Tableid tableid, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (!InTransaction(s)) return jet::err::NotInTransaction;
  const jet::Grbit kind = grbit & (jet::bit::ReadLock | jet::bit::WriteLock);
  if (kind != jet::bit::ReadLock && kind != jet::bit::WriteLock) return jet::err::InvalidGrbit;
  if (kind == jet::bit::WriteLock && (err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  // dir.cxx ErrDIRGetLock refreshes only the cursor's logical currency (a deferred move is
  // made), and bt.cxx ErrBTLock locks the bookmark without latching the page: a cursor on its
  // record neither holds its page after it nor has worked out a position (JetGetRecordPosition)
  // that it did not have before (extended generator seed 17818).
  RowPtr row;
  err = CurrentRow(*c, view, &row, false);
  auto found = c->table->records.find(c->bookmark);
  if (err == jet::err::RecordDeleted) {
    // ESE locks the cursor's bookmark with only the version store's checks (bt.cxx ErrBTLock,
    // no look at the record): a deleted record is locked as any other, by its versions' rules;
    // one that no version remembers any more has nothing to conflict with.
    if (found == c->table->records.end()) return jet::err::Success;
  } else if (err < jet::err::Success) {
    return err;
  }
  Record &record = found->second;
  if (kind == jet::bit::WriteLock) {
    if ((err = CheckWriteConflict(record, view)) < jet::err::Success) return err;
    LockRecord(s, c->db, c->table, c->bookmark);
    c->versioned = true;
    return jet::err::Success;
  }
  // Under the session's own write the record is locked already; ESE makes the read lock's
  // version all the same (bt.cxx ErrBTLock), through this cursor, which a close then keeps
  // with its deny modes until level 0 (extended generator seed 16129).
  if (record.hasPending && record.writer == &s) {
    c->versioned = true;
    return jet::err::Success;
  }
  if ((err = CheckSharedConflict(record, view, shared::kReadLock)) < jet::err::Success) return err;
  SharedChange change;
  change.kind = shared::kReadLock;
  AddSharedChange(s, c->db, c->table, c->bookmark, change);
  c->versioned = true;
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
