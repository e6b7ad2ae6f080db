// Reading records: JetRetrieveColumn, JetRetrieveColumns.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "api.h"
#include "catalog.h"
#include "navigation.h"

namespace emu {
namespace data {
namespace {

// The current record as a retrieval reads it. One JetRetrieveColumns call reads it for each
// entry, but under the call's lock nobody can change it between entries, so it is looked up
// once for them all.
struct CurrentRecord {
  bool read = false;
  jet::Err err = jet::err::Success;
  RowPtr row;
};

// The row a retrieval reads: the copy being prepared (JET_bitRetrieveCopy, and always for a
// JET_prepReadOnlyCopy, fucb.hxx FFUCBAlwaysRetrieveCopy) or the current record, looked up into
// `current` unless it already was.
jet::Err RowToRead(Session &s, Cursor &c, jet::Grbit grbit, CurrentRecord &current, const Row **row) {
  if (((grbit & jet::bit::RetrieveCopy) && c.prepared != Prepared::kNone) || c.prepared == Prepared::kReadOnlyCopy) {
    *row = c.copy.get();
    return jet::err::Success;
  }
  if (!current.read) {
    current.err = CurrentRow(c, ViewOf(s), &current.row);
    current.read = true;
  }
  if (current.err < jet::err::Success) return current.err;
  *row = current.row.get();
  return jet::err::Success;
}

// Copies one value out, as every retrieval does.
jet::Err CopyValue(const Column &column, const Bytes &value, void *pv, jet::ULong cb, jet::ULong *pcbActual,
                   jet::ULong ib) {
  const std::size_t from = column.IsLong() ? std::min<std::size_t>(ib, value.size()) : 0;
  const std::size_t size = value.size() - from;
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(size);
  if (pv != nullptr && cb > 0) std::memcpy(pv, value.data() + from, std::min<std::size_t>(cb, size));
  return cb < size ? jet::wrn::BufferTruncated : jet::err::Success;
}

// Column id 0: the record's tagged values taken as one sequence, in column id order, each value
// of a multi-valued column in turn and a default standing for a column the record lacks
// (tagfld.cxx TAGFIELDS::ErrScan). itag 0 counts them where counting is allowed
// (JetRetrieveColumns) and is JET_errBadItagSequence otherwise (JetRetrieveColumn). *found is
// the column the value came from, 0 past the end.
jet::Err ScanTagged(Session &s, Cursor &c, void *pv, jet::ULong cb, jet::ULong *pcbActual, jet::Grbit grbit,
                    jet::ULong ib, jet::ULong *itag, CurrentRecord *many, jet::Columnid *found) {
  const bool countOnZero = many != nullptr;
  CurrentRecord single;
  const Row *row = nullptr;
  jet::Err err = RowToRead(s, c, grbit, many != nullptr ? *many : single, &row);
  if (err < jet::err::Success) return err;
  if (*itag == 0 && !countOnZero) return jet::err::BadItagSequence;
  std::vector<const Column *> tagged;
  for (const Column &column : c.table->columns) {
    // tagfld.cxx skips a column the caller cannot access (ErrRECIAccessColumn), its default too.
    if (column.Tagged() && ColumnVisible(s, column)) tagged.push_back(&column);
  }
  std::sort(tagged.begin(), tagged.end(), [](const Column *a, const Column *b) { return a->id < b->id; });
  const bool useDefault = (grbit & jet::bit::RetrieveIgnoreDefault) == 0;
  jet::ULong seen = 0;
  *found = 0;
  for (const Column *column : tagged) {
    for (const Bytes &value : keys::ValuesOf(*column, *row, useDefault)) {
      if (++seen != *itag) continue;
      *found = column->id;
      return CopyValue(*column, value, pv, cb, pcbActual, ib);
    }
  }
  if (pcbActual != nullptr) *pcbActual = 0;
  if (*itag == 0) {
    *itag = seen;
    return jet::err::Success;
  }
  return jet::wrn::ColumnNull;
}

// One value, as ESE's fldext.cxx reads it (ErrIsamRetrieveColumn, ErrRECRetrieveColumns):
// itagSequence chooses among a tagged column's values and is ignored for fixed and
// variable ones, where 0 counts only in JetRetrieveColumns; ibLongValue
// applies to long values only. JetRetrieveColumn checks the column before the record, except
// for column id 0, which reads the record first; JetRetrieveColumns (`many`) reads the record
// first for every entry (fldext.cxx ErrRECRetrieveColumns: ErrDIRGet, then
// ErrRECIAccessColumn).
// JET_bitRetrieveFromIndex and JET_bitRetrieveFromPrimaryBookmark name a column of the index
// read (fldext.cxx ErrRECIRetrieveFromIndex): the current secondary index or the primary one,
// or the primary index when it is current and the cursor is on a record (elsewhere, or in
// record-id order, ESE reads the record). The emulator then reads the record, which holds the
// same value.
jet::Err CheckKeyColumn(const Cursor &c, jet::Columnid columnid, jet::Grbit grbit) {
  const bool fromPrimary = (grbit & jet::bit::RetrieveFromPrimaryBookmark) != 0;
  if (fromPrimary && (grbit & jet::bit::RetrieveFromIndex)) return jet::err::InvalidGrbit;
  if (columnid < kFirstFixed || columnid > kLastTagged) return jet::err::BadColumnId;
  const Index *index = nullptr;
  if (c.indexName.empty()) {
    if (c.position != Position::kOn) return jet::err::Success;
    index = c.table->Primary();
    if (index == nullptr) return jet::err::Success;
  } else {
    index = fromPrimary ? c.table->Primary() : CurrentIndex(c);
    if (index == nullptr) return jet::err::ColumnNotFound;
  }
  for (const IndexSegment &segment : index->segments) {
    if (segment.column == columnid) return jet::err::Success;
  }
  return jet::err::ColumnNotFound;
}

// fldext.cxx ErrRECIRetrieveFromIndex, after CheckKeyColumn: where the cursor stands on the
// entry of the index read, the value comes from the entry's key, and the record is not read
// (*answered: JetRetrieveColumn then writes no columnidNextTagged). Not for text, a column after
// a Unicode text one, a key that may have been cut (as long as the largest key, or a binary
// column with cbVarSegMac below it), nor off the entry: the record is read then. Either way, a
// multi-valued column's value is the one whose key is the entry's (the itag is looked for in
// the record; 1 for another column), when the value is read from the record or
// JET_bitRetrieveTag asks for it.
jet::Err RetrieveFromIndex(Session &s, Cursor &c, jet::Columnid columnid, jet::Grbit grbit, void *pv, jet::ULong cb,
                           jet::ULong *pcbActual, jet::ULong ib, jet::ULong *itag, bool *answered) {
  *answered = false;
  const bool fromPrimary = (grbit & jet::bit::RetrieveFromPrimaryBookmark) != 0;
  bool tableWaits = false;
  const Index *index = nullptr;
  const Bytes *key = nullptr;
  if (c.indexName.empty()) {
    // In the records' own order, or off a record: the record is read, its first value.
    if (c.position != Position::kOn || c.table->Primary() == nullptr) {
      *itag = 1;
      return jet::err::Success;
    }
    index = c.table->Primary();
    key = &c.key;
    // The primary index holds no multi-valued column: JET_bitRetrieveTag is dropped.
    grbit = jet::bit::RetrieveFromIndex;
  } else {
    index = fromPrimary ? c.table->Primary() : CurrentIndex(c);
    if (index == nullptr) return jet::err::Success;
    // A read from the entry's key moves the index's cursor alone: the table's cursor keeps its
    // deferred move to the first entry (fldext.cxx ErrRECIRetrieveFromIndex).
    tableWaits = c.position == Position::kFirst || c.tableDeferred;
    if (c.position != Position::kOn || c.indexAt != Position::kOn || c.tableDeferred) {
      // Off its entry, the index's cursor is read where it stands (ErrDIRGet), its deferred
      // move to the first entry made: no entry there is JET_errNoCurrentRecord, whatever
      // update is prepared.
      RowPtr row;
      const jet::Err err = CurrentEntry(c, ViewOf(s), &row);
      if (err < jet::err::Success) return err;
    }
    key = fromPrimary ? &c.bookmark : &c.key;
  }
  const Column *column = c.table->FindColumn(columnid);
  if (column == nullptr) return jet::err::Success;
  bool unicodeBefore = false;
  for (const IndexSegment &segment : index->segments) {
    if (segment.column == columnid) break;
    const Column *before = c.table->FindColumn(segment.column);
    if (before != nullptr && before->IsText() && before->cp == jet::cp::Unicode) {
      unicodeBefore = true;
    }
  }
  const bool binaryChunks = (column->type == jet::coltyp::Binary || column->type == jet::coltyp::LongBinary) && !column->Fixed();
  const jet::ULong varSegMac = index->varSegMacInUse == 0 ? index->keyMostInUse : index->varSegMacInUse;
  const bool mayBeCut = (key->size() == index->keyMostInUse && index->keyMostInUse >= jet::cbKeyMostMin) ||
                        (binaryChunks && varSegMac < index->keyMostInUse);
  bool null = false;
  Bytes value;
  const bool fromKey = !unicodeBefore && !column->IsText() && !mayBeCut &&
                       keys::ValueFromKey(*c.table, *index, *key, columnid, &null, &value);
  if (fromKey && tableWaits) DeferTableMoveFirst(c);
  jet::Err err = jet::err::Success;
  if (fromKey) {
    *answered = true;
    if (null) {
      if (pcbActual != nullptr) *pcbActual = 0;
      err = jet::wrn::ColumnNull;
    } else {
      err = CopyValue(*column, value, pv, cb, pcbActual, ib);
    }
  }
  if (fromKey && !(grbit & jet::bit::RetrieveTag)) return err;
  if (fromKey && null) {
    *itag = 1;
    return err;
  }
  // The itag of the value behind the entry, found by making the record's keys.
  if (!column->MultiValued() || fromPrimary) {
    *itag = 1;
    return err;
  }
  RowPtr row;
  const jet::Err rowErr = CurrentRow(c, ViewOf(s), &row);
  if (rowErr < jet::err::Success) return rowErr;
  for (jet::ULong candidate = 1;; ++candidate) {
    Bytes made;
    bool hasKey = false;
    if (keys::SequenceKey(*c.table, *index, *row, candidate, &made, &hasKey) < jet::err::Success) break;
    if (hasKey && made == *key) {
      *itag = candidate;
      return err;
    }
  }
  return jet::err::SecondaryIndexCorrupted;
}

jet::Err RetrieveOne(Session &s, Cursor &c, jet::Columnid columnid, void *pv, jet::ULong cb, jet::ULong *pcbActual,
                     jet::Grbit grbit, jet::ULong ib, jet::ULong *itag, CurrentRecord *many, jet::Columnid *found,
                     jet::Err *valueErr = nullptr, bool *fromIndexAnswered = nullptr) {
  *found = columnid;
  if (grbit & jet::bit::RetrieveInternalMask) return jet::err::InvalidGrbit;
  // fldext.cxx ErrIsamRetrieveColumn, ErrRECRetrieveColumns: a read-only copy is read whole.
  if (c.prepared == Prepared::kReadOnlyCopy) {
    grbit &= ~(jet::bit::RetrieveFromIndex | jet::bit::RetrieveFromPrimaryBookmark);
  }
  if ((grbit & jet::bit::RetrieveTuple) && !(grbit & jet::bit::RetrieveFromIndex)) return jet::err::InvalidGrbit;
  if (grbit & (jet::bit::RetrieveFromIndex | jet::bit::RetrieveFromPrimaryBookmark)) {
    if (jet::Err keyErr = CheckKeyColumn(c, columnid, grbit); keyErr < jet::err::Success) return keyErr;
    if (columnid != 0) {
      bool answered = false;
      const jet::Err fromIndex = RetrieveFromIndex(s, c, columnid, grbit, pv, cb, pcbActual, ib, itag, &answered);
      if (fromIndex < jet::err::Success || answered) {
        if (answered && fromIndexAnswered != nullptr) *fromIndexAnswered = true;
        return fromIndex;
      }
    }
  }
  if (columnid == 0) return ScanTagged(s, c, pv, cb, pcbActual, grbit, ib, itag, many, found);
  const Column *column = nullptr;
  jet::Err err = jet::err::Success;
  CurrentRecord single;
  CurrentRecord &current = many != nullptr ? *many : single;
  const Row *row = nullptr;
  if (many && (err = RowToRead(s, c, grbit, current, &row)) < jet::err::Success) return err;
  if ((err = CheckColumnId(s, *c.table, columnid, &column)) < jet::err::Success) return err;
  // An encrypted column is read with the cursor's encryption key, which no entry point of the
  // emulator sets; only its sizes and ids could be asked for without it (fldext.cxx
  // ErrIsamRetrieveColumn, ErrRECRetrieveColumns).
  constexpr jet::Grbit kWithoutKey =
      jet::bit::RetrievePhysicalSize | jet::bit::RetrieveLongId | jet::bit::RetrieveLongValueRefCount;
  if ((column->grbit & jet::bit::ColumnEncrypted) && !(grbit & kWithoutKey)) return jet::err::ColumnNoEncryptionKey;
  if (!many && (err = RowToRead(s, c, grbit, current, &row)) < jet::err::Success) return err;
  const ValueSpan values = keys::ValuesOf(*column, *row, (grbit & jet::bit::RetrieveIgnoreDefault) == 0);
  if (*itag == 0 && many) {
    *itag = static_cast<jet::ULong>(values.size());
    if (pcbActual != nullptr) *pcbActual = 0;
    return jet::err::Success;
  }
  std::size_t at = 0;
  if (column->Tagged()) {
    if (*itag == 0) return jet::err::BadItagSequence;
    at = *itag - 1;
  }
  std::size_t copied = 0;
  if (at >= values.size()) {
    if (pcbActual != nullptr) *pcbActual = 0;
    err = jet::wrn::ColumnNull;
  } else {
    err = CopyValue(*column, values[at], pv, cb, pcbActual, ib);
    copied = std::min<std::size_t>(cb, values[at].size());
  }
  // fldext.cxx ErrIsamRetrieveColumn and ErrRECRetrieveColumns add the version store's deltas
  // to an escrow column's value (ErrRECAdjustEscrowedColumn), which refuses unless the bytes
  // copied are the whole column: a smaller buffer, and a null value (nothing copied), are
  // JET_errInvalidBufferSize, except while an insert is prepared on the cursor. The entry of
  // JetRetrieveColumns has its own err by then.
  if (column->Fixed() && column->Escrow() && c.prepared != Prepared::kInsert && copied != column->cbMax) {
    if (valueErr != nullptr) *valueErr = err;
    return jet::err::InvalidBufferSize;
  }
  return err;
}

}  // namespace

jet::Err RetrieveColumn(Session &s, jet::Tableid tableid, jet::Columnid columnid, void *pv, jet::ULong cb,
                        jet::ULong *pcbActual, jet::Grbit grbit, jet::RetInfo *pretinfo) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (pretinfo != nullptr && pretinfo->cbStruct < sizeof(jet::RetInfo)) return jet::err::InvalidParameter;
  if (pv == nullptr && cb != 0) return jet::err::InvalidParameter;
  BeginLevelZeroRead(s);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  jet::ULong itag = pretinfo != nullptr ? pretinfo->itagSequence : 1;
  jet::Columnid found = columnid;
  bool fromIndex = false;
  err = RetrieveOne(s, *c, columnid, pv, cb, pcbActual, grbit, pretinfo ? pretinfo->ibLongValue : 0, &itag, nullptr,
                    &found, nullptr, &fromIndex);
  // fldext.cxx ErrIsamRetrieveColumn: JET_bitRetrieveTag with an index read gives back the
  // itag of the value behind the current entry.
  const bool fromIndexAsked = (grbit & (jet::bit::RetrieveFromIndex | jet::bit::RetrieveFromPrimaryBookmark)) != 0;
  if (pretinfo != nullptr && fromIndexAsked && (grbit & jet::bit::RetrieveTag) && err >= jet::err::Success) {
    pretinfo->itagSequence = itag;
  }
  // ESE names the column it read here (for a scan of tagged columns, the one it found); a
  // value the index's key gave writes none.
  if (pretinfo != nullptr && err >= jet::err::Success && !fromIndex) pretinfo->columnidNextTagged = found;
  return err;
}

jet::Err RetrieveColumns(Session &s, jet::Tableid tableid, jet::RetrieveColumn *columns, jet::ULong count) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (columns == nullptr && count > 0) return jet::err::InvalidParameter;
  BeginLevelZeroRead(s);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  // As ErrRECRetrieveColumns: an entry that fails stops the call and keeps the err it came
  // with; each entry read gets its own err and its column as columnidNextTagged; the call
  // itself answers JET_wrnBufferTruncated if any value was cut, and success otherwise
  // (JET_wrnColumnNull stays in the entries).
  bool truncated = false;
  CurrentRecord current;
  for (jet::ULong i = 0; i < count; ++i) {
    jet::RetrieveColumn &rc = columns[i];
    jet::ULong itag = rc.itagSequence;
    jet::Columnid found = rc.columnid;
    const jet::Err err = RetrieveOne(s, *c, rc.columnid, rc.pvData, rc.cbData, &rc.cbActual, rc.grbit,
                                     rc.ibLongValue, &itag, &current, &found, &rc.err);
    if (err < jet::err::Success) return err;
    rc.itagSequence = itag;
    rc.err = err;
    rc.columnidNextTagged = found;
    if (err == jet::wrn::BufferTruncated) truncated = true;
  }
  return truncated ? jet::wrn::BufferTruncated : jet::err::Success;
}

}  // namespace data
}  // namespace emu
