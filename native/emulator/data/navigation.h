// Where a cursor stands in its index and how it steps through it: the entries a session can
// see, boundaries of a search key, index ranges.
#pragma once

#include <optional>

#include "cursor.h"
#include "key_normalize.h"
#include "model.h"
#include "versions.h"

namespace emu {
namespace data {

bool IsSecondary(const Index *index);
// Whether `row` has `key` in `index`.
bool KeyOfRow(const Table &table, const Index &index, const Row &row, const Bytes &key);
// Whether an index entry leads to a record version the view sees, with that key.
bool EntryVisible(const Table &table, const Index *index, const IndexEntry &entry, const ReadView &view);

// The first visible entry after `from` (dir > 0) or before it (dir < 0); from the start or
// the end when `from` is null. `inclusive` accepts `from` itself.
std::optional<IndexEntry> Step(const Table &table, const Index *index, const ReadView &view, int dir,
                               const IndexEntry *from, bool inclusive);

// Whether the index holds no entry at all, visible or not (ESE: its root page is empty).
bool IndexHasNoEntry(const Table &table, const Index *index);
// How an index key compares with a search key, the way ESE compares normalised keys: byte by
// byte, a shorter key first. A key made with a limit grbit sorts after every key it prefixes.
int SearchCompare(const Bytes &key, const keys::SearchKey &search);
bool ExactMatch(const Bytes &key, const keys::SearchKey &search);
// The first entry (visible or not) whose key compares at or after `search` (`strict`: after).
std::optional<IndexEntry> Boundary(const Table &table, const Index *index, const keys::SearchKey &search,
                                   bool strict);
// Whether `key` is inside the cursor's index range (true without one).
bool InRange(const Cursor &c, const Bytes &key);
// The same for a search key a seek that found nothing left the cursor with (its limit's 0xff
// in it): compared with the range's key, a limit's 0xff included, byte for byte.
bool SearchKeyInRange(const Cursor &c, const Bytes &key);

// What leaving the index range does: the range goes, and the cursor stands after the last
// entry (an upper limit) or before the first (a lower limit).
void LeaveRange(Cursor &c);
// Puts the cursor on `entry` as a way down the index from its root does (a seek, a move to the
// first or last entry, a go-to-position): the position JetGetRecordPosition answers is where
// the entry stands among the index's nodes now (Cursor::positionKnown).
void PlaceOn(Cursor &c, const IndexEntry &entry);
// Puts the cursor on `to`, a move next or previous from `from` (bt.cxx ErrBTNext, ErrBTPrev):
// while the cursor holds its page the position it knows moves by the nodes passed, the
// index's count as it was; otherwise the move goes down the tree first, as PlaceOn does.
void PlaceOnByStep(Cursor &c, const IndexEntry &from, const IndexEntry &to);
// What ESE's deferred go-to-bookmark (bt.cxx ErrBTDeferGotoBookmark, as after
// JetIndexRecordCount) does to the cursor's position: it is forgotten, and the cursor lets go
// of its page.
void ForgetPosition(Cursor &c);
// Puts the cursor on `row` (whose bookmark is `bookmark`) in its current index: on the
// primary entry, or in a secondary index on the entry of the itagSequence-th value of its
// first multi-valued column (the first value: JetGotoBookmark). A secondary index without an
// entry for the row: JET_errNoCurrentRecord, the row current, the index's cursor before its
// first entry.
jet::Err PlaceOnRow(Session &s, Cursor &c, const Bytes &bookmark, const Row &row, jet::ULong itagSequence);
// Forgets the key being made.
void ResetKey(Cursor &c);
// Puts the cursor on the table's primary index (or record-id order), before the first entry,
// with no range and no key (rec.cxx ErrRECSetCurrentIndex letting go of a secondary index).
void LeaveSecondaryIndex(Cursor &c);
// Marks the cursor as moved in the current transaction level (FUCBSetLevelNavigate): a rollback
// of that level puts it before the first entry of its index (dir.cxx ErrDIRRollback).
void NavigatedAtThisLevel(Session &s, jet::Tableid tableid, Cursor *c);
// rec.hxx RECDeferMoveFirst: the cursor, and its secondary index's cursor with it, go to the
// first entry when next used (a move from before the first entry left pending goes too).
void DeferMoveFirst(Cursor &c);
// Turns a kFirst cursor into one on the first visible entry (it stays kFirst in an empty
// index), as ESE's ErrDIRIRefresh does before any use of the cursor's position.
void Resolve(Cursor &c, const ReadView &view);
// dir.hxx DIRDeferMoveFirst of the table's own cursor alone: a secondary index's cursor on an
// entry stays there (Cursor::tableDeferred), one before its first entry or after its last stays
// off its entries (IndexCursorOffEntries), one already deferred stays as it is; otherwise as
// DeferMoveFirst.
void DeferTableMoveFirst(Cursor &c);
// Resolve for a call that refreshes the index's cursor alone (ESE's ErrDIRIRefresh of the
// secondary index's FUCB: JetIndexRecordCount, JetSetIndexRange, JetGetRecordPosition): on a
// secondary index the table's cursor still waits for its move (Cursor::tableDeferred). An
// index's cursor off its entries while the table's waits (IndexCursorOffEntries) has no move
// to make: the cursor stays kFirst, on no entry.
void ResolveIndexOnly(Cursor &c, const ReadView &view);
// Whether a secondary index's cursor stands off its entries (a rollback put it before the first,
// dir.cxx ErrDIRRollback: DIRBeforeFirst) while the table's cursor waits for its deferred move
// to the first entry: the calls that read the index's cursor find no record there.
bool IndexCursorOffEntries(const Cursor &c);
// Whether the secondary index's cursor is still at the index's root where a read through the
// table's cursor left it (Cursor::indexAtRoot): not moved, and the index made current no
// other time since.
bool IndexCursorAtRoot(const Cursor &c);
// The row of the cursor's current record as the session sees it (resolving kFirst). On a
// secondary index too this reads the record by its bookmark, as ESE reads the table's cursor
// (fldext.cxx ErrRECIGetRecord, recupd.cxx, dir.cxx ErrDIRGetLock): the record is found even
// when a change of its key has removed the index entry the cursor stands on. `readsPage`
// false: the caller looks at the record by its bookmark only and reads no page (bt.cxx
// ErrBTLock), so the cursor on its record keeps its page and kept position as they were.
jet::Err CurrentRow(Cursor &c, const ReadView &view, RowPtr *row, bool readsPage = true);
// CurrentRow for the calls that read the current index's own entry (JetMove with 0 rows,
// JetRetrieveKey, JetIndexRecordCount: rec.cxx ErrIsamMove, fldnorm.cxx ErrIsamRetrieveKey,
// dir.cxx ErrDIRIRefresh): on a secondary index whose entry for the record went with a change
// of the record's key, JET_errRecordDeleted; while the index's cursor is off the record's
// entry (Cursor::indexAt), JET_errNoCurrentRecord. On a unique index the entry is the node of
// the cursor's key, which an insert since may have taken over for another record:
// *nodeRecord, if given, is the bookmark of the record the entry names.
jet::Err CurrentEntry(Cursor &c, const ReadView &view, RowPtr *row, Bytes *nodeRecord = nullptr);
// dir.hxx DIRResetIndexRange on the table's cursor: the range of the current index and the one
// the table's cursor keeps for the primary index both go.
void DropRanges(Cursor &c);
// The record of the bookmark the cursor keeps, wherever it stands (JetEscrowUpdate: dir.cxx
// ErrDIRDelta makes the deferred move to the first entry, then goes to the cursor's bookmark
// without asking whether the cursor is on it). JET_errNoCurrentRecord only when the deferred
// move finds no entry; JET_errRecordDeleted when the bookmark names no record.
jet::Err RowAtBookmark(Cursor &c, const ReadView &view, RowPtr *row);

}  // namespace data
}  // namespace emu
