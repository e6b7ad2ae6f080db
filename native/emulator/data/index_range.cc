// Index ranges: JetSetIndexRange, and JetIndexRecordCount, which counts up to the range's end.
#include <mutex>

#include "api.h"
#include "navigation.h"

namespace emu {
namespace data {

// rec.cxx ErrIsamSetIndexRange: grbits are not checked; JET_bitRangeRemove comes first; a
// table without a primary index has no index to range over, nor has one whose primary index the
// caller does not see yet (another session's uncommitted create: ErrFILEIAccessIndex); then the
// key must be made.
jet::Err SetIndexRange(Session &s, jet::Tableid tableid, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (grbit & jet::bit::RangeRemove) {
    if (!c->hasRange) return jet::err::InvalidOperation;
    DropRanges(*c);
    return jet::err::Success;
  }
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const Index *index = CurrentIndex(*c);
  if (index == nullptr || (index->Primary() && !IndexVisible(s, *index))) return jet::err::NoCurrentIndex;
  if (!c->keyStarted) return jet::err::KeyNotMade;
  const ReadView view = ViewOf(s);
  c->range.key = c->madeKey;
  c->range.upper = (grbit & jet::bit::RangeUpperLimit) != 0;
  c->range.inclusive = (grbit & jet::bit::RangeInclusive) != 0;
  c->hasRange = true;
  // dir.cxx ErrDIRCheckIndexRange: a cursor on an entry (or where a seek looked) is checked
  // against the new limit, and one outside leaves the range; a cursor anywhere else gets
  // JET_errNoCurrentRecord with the range in place. On a secondary index the check makes
  // the deferred move to the first entry for the index's cursor only: the table's cursor
  // still waits for it (ErrDIRIRefresh of the index's FUCB).
  if (IndexCursorAtRoot(*c)) {
    // The secondary index's cursor a read through the table's cursor left at the index's root
    // (Cursor::indexAtRoot): ErrDIRIRefresh leaves it there (locOnFDPRoot), on no entry, though
    // records were inserted since (extended generator seed 15158).
    err = jet::err::NoCurrentRecord;
  } else if (ResolveIndexOnly(*c, view); c->position == Position::kOn && c->indexAt != Position::kOn) {
    err = jet::err::NoCurrentRecord;
  } else if (c->position == Position::kOn || c->position == Position::kOnSeek) {
    const bool sought = c->position == Position::kOnSeek && c->soughtKeyKept;
    // Where a seek found nothing the cursor keeps ESE's search key, a limit's 0xff included,
    // which the range's key is compared with byte for byte (extended generator seed 3380).
    const bool searchKey = c->position == Position::kOnSeek && (sought || c->onSoughtKey);
    const Bytes &at = sought ? c->soughtKey : c->key;
    if (!(searchKey ? SearchKeyInRange(*c, at) : InRange(*c, at))) {
      const bool keepsRecord = c->position == Position::kOn && IsSecondary(CurrentIndex(*c));
      LeaveRange(*c);
      if (keepsRecord) {
        // ErrIsamSetIndexRange checks the secondary index's own cursor and moves only it (after
        // the last entry or before the first): the table's cursor stays on the record.
        c->indexAt = c->position;
        c->position = Position::kOn;
      }
      err = jet::err::NoCurrentRecord;
    }
  } else {
    err = jet::err::NoCurrentRecord;
  }
  ResetKey(*c);
  if (grbit & jet::bit::RangeInstantDuration) DropRanges(*c);
  return err;
}

// dir.cxx ErrDIRIndexRecordCount: counts from the current entry (a fresh cursor on an empty
// index counts 0; one that is not on an entry gets JET_errNoCurrentRecord) to the end of the
// index or of the range, at most `crecMax` (0: no limit). The cursor stays where it was, and
// a successful count removes the index range.
jet::Err IndexRecordCount(Session &s, jet::Tableid tableid, jet::ULong *pcrec, jet::ULong crecMax) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (pcrec == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  *pcrec = 0;
  // dir.cxx ErrDIRIndexRecordCount: only a cursor whose move to the first entry is still
  // deferred counts an empty index as 0; one at the index's root is on no entry.
  if (IndexCursorAtRoot(*c) || IndexCursorOffEntries(*c)) return jet::err::NoCurrentRecord;
  ResolveIndexOnly(*c, view);
  if (c->position == Position::kFirst) return jet::err::Success;
  if (c->position != Position::kOn || c->indexAt != Position::kOn) return jet::err::NoCurrentRecord;
  // dir.cxx ErrDIRIndexRecordCount saves the cursor's bookmark and reads its node (bt.cxx
  // ErrBTGet): a current record deleted since, or its entry here gone by a change of its key, is
  // JET_errRecordDeleted, and ESE goes back to the bookmark all the same, which forgets the
  // position (below).
  RowPtr row;
  // rec.cxx ErrIsamIndexRecordCount counts from a secondary index's own cursor: the entry its
  // deferred move was made to, whatever an insert since put first; the table's cursor keeps its
  // deferred move (extended generator seed 14063).
  const bool tableWaits = c->tableDeferred;
  c->tableDeferred = false;
  err = CurrentEntry(*c, view, &row);
  c->tableDeferred = tableWaits;
  if (err == jet::err::RecordDeleted) {
    ForgetPosition(*c);
    return err;
  }
  const IndexEntry here(c->key, c->bookmark);
  std::optional<IndexEntry> at = Step(*c->table, index, view, 1, &here, true);
  jet::ULong count = 0;
  while (at && (crecMax == 0 || count < crecMax)) {
    if (count > 0 && c->hasRange && !InRange(*c, at->first)) break;
    ++count;
    const IndexEntry next = *at;
    at = Step(*c->table, index, view, 1, &next, false);
  }
  *pcrec = count;
  c->hasRange = false;
  // ESE goes back to the cursor's bookmark after counting (ErrDIRGotoBookmark), which forgets
  // the position the cursor had worked out (bt.cxx ErrBTDeferGotoBookmark); only a count that
  // succeeded lifts the range.
  ForgetPosition(*c);
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
