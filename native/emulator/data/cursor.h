// Cursors (JET_TABLEID): a table opened by one session, its current index, where it stands
// in it, the key being made, the index range and the prepared update. A cursor is touched
// only by calls on its own session.
#pragma once

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../handle_registry.h"
#include "key_normalize.h"
#include "model.h"

namespace emu {

class Session;

namespace data {

struct SessionState;

// JET_TABLEID handles come from a registry of their own kind, so a session or instance
// handle passed as a tableid is refused like any other stranger.
constexpr HandleKind kCursorHandleKind = static_cast<HandleKind>(3);

// Where a cursor stands (ESE's locLogical, fucb.hxx). kFirst: on the first entry, found when
// the cursor is next used (locDeferMoveFirst: a fresh cursor, or one whose index was just
// set); it stays kFirst while the index is empty. kOnSeek: where a JetSeek that found no
// entry looked (locOnSeekBM); `key`/`bookmark` name the first entry at or after that place,
// visible or not, so a move next lands on it or beyond and a move previous before it.
// kAtRoot: at the table's root (locOnFDPRoot), where a DDL call that failed half-way left
// the table's cursor; ESE has no record there and reads only garbage from it.
enum class Position { kFirst, kBeforeFirst, kAfterLast, kOn, kOnSeek, kAtRoot };

// A limit set by JetSetIndexRange: the key, and which way and whether the key itself is in.
struct IndexRange {
  keys::SearchKey key;
  bool upper = true;
  bool inclusive = false;
};
// kReadOnlyCopy: JET_prepReadOnlyCopy, a copy of the record that retrievals read and nothing
// writes (fucb.hxx fCBSTATInsertReadOnlyCopy).
enum class Prepared { kNone, kInsert, kReplace, kReadOnlyCopy };

// Where a secondary index's cursor keeps its search key (fucb.hxx dataSearchKey.Pv): nowhere
// until its first JetMakeKey borrows the table cursor's buffer (fldnorm.cxx ErrIsamMakeKey), or
// a JetGotoBookmark gives it one of its own, cbKeyAlloc bytes long (rec.cxx
// ErrRECIGotoBookmark). The index's cursor keeps it until it is closed.
enum class IndexKeyBuffer { kNone, kTable, kOwn };

class Cursor : public PooledObject {
 public:
  std::atomic<Session *> owner{nullptr};
  DatabasePtr db;
  TablePtr table;
  jet::Grbit openGrbit = 0;
  std::u16string indexName;  // folded; empty: the primary index or record-id order
  // Counts the changes of indexName: a rollback switches back to the primary index only if
  // the secondary index it finds current is the one the rolled-back level made current.
  std::uint64_t indexGeneration = 0;
  // ESE's cursor on the current secondary index: the level it was opened at (lowered as
  // levels commit), whether it made a version (one taken up from the session's deferred ones,
  // SessionState::deferredIndexCursors), its order of opening and the index's name.
  int indexLevelOpen = 0;
  bool indexVersioned = false;
  std::uint64_t indexSerial = 0;
  std::u16string indexCursorName;
  // kOn: on the entry (key, bookmark).
  Position position = Position::kFirst;
  Bytes key;
  Bytes bookmark;
  // Counts the moves of the cursor in its index (ESE's DIR-level navigation, which records
  // the transaction level it happened at: FUCBSetLevelNavigate); navigateSerial is the
  // transaction level (TransactionLevel::serial) a rollback would put it before the first
  // entry from. indexAt: where the secondary index's own cursor stands while the record
  // stays current (position kOn): kOn, on the record's entry; kBeforeFirst or kAfterLast when
  // a rollback, or a JetSetIndexRange whose limit the record is outside, moved it off that
  // entry and left the table's cursor on the record (ESE resets the index's cursor only).
  std::uint64_t navigations = 0;
  std::uint64_t navigateSerial = 0;
  // The level the table's own cursor last moved at (a move while no secondary index was
  // current): ESE keeps a level per cursor, so a rollback of it puts the table's cursor before
  // the first record even when a secondary index made current since keeps the record.
  std::uint64_t tableNavigateSerial = 0;
  // The transaction level whose rollback already drops the cursor's index ranges: one undo
  // action per cursor and level serves every change made through it there.
  std::uint64_t rangeDropSerial = 0;
  Position indexAt = Position::kOn;
  // Set when JetIndexRecordCount, JetGetRecordPosition or JetSetIndexRange made the deferred
  // move to the first entry on a secondary index: ESE moved the index's cursor only (dir.cxx
  // ErrDIRIndexRecordCount, ErrDIRGetPosition and ErrDIRCheckIndexRange refresh the cursor
  // they work on), so the table's cursor, which JetGetBookmark asks (dir.hxx
  // ErrDIRGetBookmark), has no bookmark until something moves, and a read of the record makes
  // the move to the first entry again (even where a range check moved the index's cursor off
  // the entry since).
  bool tableDeferred = false;
  // Set when a read through the table's cursor (a retrieve, a delete, JetPrepareUpdate of a
  // replace, JetGetLock) made the deferred move to the first entry on an empty secondary
  // index: dir.cxx ErrDIRIIRefresh sends the index's cursor to the index's root (DIRGotoRoot)
  // and, the move failing, puts only the table's cursor back to its deferred move. The
  // index's cursor stays at the root (locOnFDPRoot), where ErrDIRGet neither refreshes nor
  // refuses it, so fldnorm.cxx ErrIsamRetrieveKey answers with the cursor's current key
  // (none) until the cursor moves (indexRootNavigations, indexRootGeneration: the counts then).
  bool indexAtRoot = false;
  std::uint64_t indexRootNavigations = 0;
  std::uint64_t indexRootGeneration = 0;
  // kOnSeek after an exact seek that found nothing: the key sought (ESE's bmCurr there,
  // dir.cxx ErrDIRDown, ErrDIRRelease).
  bool soughtKeyKept = false;
  Bytes soughtKey;
  // kOnSeek where `key` is the key sought itself, not an entry found beyond it: a move passes
  // the first entry with exactly that key, as ESE's search for it lands on it and moves on
  // (dir.cxx ErrDIRNext, ErrDIRPrev; bt.cxx ErrBTPerformOnSeekBM).
  bool onSoughtKey = false;
  // JetMakeKey.
  bool keyStarted = false;
  bool keyComplete = false;
  std::size_t keySegments = 0;
  keys::SearchKey madeKey;
  // The search key buffers (fucb.hxx dataSearchKey) that JetRetrieveKey with
  // JET_bitRetrieveCopy reads: a seek, a range or a goto only marks the key consumed
  // (KSReset), so the bytes last made stay. A secondary index's cursor writes into the table
  // cursor's buffer (fldnorm.cxx ErrIsamMakeKey) but keeps a length of its own.
  Bytes searchBuffer;
  std::size_t tableSearchCb = 0;
  std::size_t indexSearchCb = 0;
  IndexKeyBuffer indexKeyBuffer = IndexKeyBuffer::kNone;
  Bytes indexOwnBuffer;
  // The buffer and the length of the search key of the primary index's cursor (the table's),
  // or of the secondary index's.
  Bytes &SearchKeyBuffer(bool secondary) {
    return secondary && indexKeyBuffer == IndexKeyBuffer::kOwn ? indexOwnBuffer : searchBuffer;
  }
  std::size_t &SearchKeyLength(bool secondary) { return secondary ? indexSearchCb : tableSearchCb; }
  // The secondary index's cursor is closed (or a new one opened): its search key goes with it
  // (rec.hxx RECReleaseKeySearchBuffer).
  void DropIndexSearchKey() {
    indexSearchCb = 0;
    indexKeyBuffer = IndexKeyBuffer::kNone;
    indexOwnBuffer.clear();
  }
  // JetSetIndexRange: `range` while hasRange.
  bool hasRange = false;
  IndexRange range;
  // ESE keeps a range on the cursor of its index: one set on the primary index stays with the
  // table's own cursor while a secondary index is current (rec.cxx ErrRECSetCurrentIndex
  // leaves it alone) and is back when the primary index is current again. What resets the
  // ranges of both (DIRResetIndexRange: a move to the first or last entry, a seek, a goto,
  // JET_bitRangeRemove) drops it (DropRanges). `keptRange` while tableRangeKept.
  bool tableRangeKept = false;
  IndexRange keptRange;
  // JetPrepareUpdate.
  Prepared prepared = Prepared::kNone;
  std::shared_ptr<Row> copy;
  Bytes replaceBookmark;
  int preparedLevel = 0;
  // A replace prepared without the record's write lock (JET_prepReplaceNoLock, or
  // JET_prepReplace at level 0: fldmod.cxx ErrIsamPrepareUpdate) until a JetUpdate takes the
  // lock (recupd.cxx ErrRECUpgradeReplaceNoLock). Taking it makes a version whether or not the
  // replace then succeeds, and leaves the update a locked one for good: a later JetUpdate of
  // the same update takes none, even when the first one's lock went with its failure.
  bool replaceUnlocked = false;
  // The record as a replace prepared without the lock at level 0 found it (fldmod.cxx
  // ErrIsamPrepareUpdate: StoreChecksum): the update's upgrade to the lock compares the record
  // with it (recupd.cxx ErrRECUpgradeReplaceNoLock: JET_errWriteConflict when its bytes
  // changed). Null for one prepared in a transaction, whose comparison ESE puts off for good
  // (FUCBSetDeferredChecksum).
  RowPtr replaceComparedWith;
  // The columns a JetSetColumn(s) of this update reached (FUCBSetColumnSet): an insert gives a
  // version column not among them 0, and a replace with none changes nothing.
  ColumnIdSet columnsSet;
  // JET_prepInsertMustSetAutoIncrement: the insert takes its autoincrement value from the
  // caller, not the table (fucb.hxx fCBSTATMustSetAutoInc).
  bool mustSetAutoinc = false;
  // An insert prepared as a copy of the current record (JET_prepInsertCopy and the forms that
  // delete or replace the original): every column holds a value it did not set.
  bool insertCopy = false;
  // The cursor's entry in its table's users.
  std::uint64_t userId = 0;
  // Set once the cursor made a version (a replace, a delete, an escrow update, a lock; an
  // insert versions through a cursor of its own, recupd.cxx ErrRECIInsert), until the session
  // is back at level 0 (ESE's FFUCBVersioned, reset by dir.cxx ErrDIRCommitTransaction and
  // ErrDIRRollback).
  bool versioned = false;
  // A versionless insert failed on the cursor's table, which the transaction created
  // (fileopen.cxx FILETableMustRollback): every call but JetCloseTable is
  // JET_errIllegalOperation until the table is dropped by a rollback to level 0.
  bool mustRollback = false;
  // The position JetGetRecordPosition answers with (bt.cxx ullLTCurr/ullTotalCurr): ESE works
  // it out on the cursor's way down the tree (ErrBTDown: the line the cursor lands on and the
  // page's lines, nodes flagged deleted and other sessions' uncommitted ones included), adds
  // or takes one per node a move next or previous passes (ErrBTNext, ErrBTPrev), and keeps it
  // while the index changes under it. A count (JetIndexRecordCount, which goes back to the
  // record by ErrBTDeferGotoBookmark) forgets it: then positionKnown is false and
  // JetGetRecordPosition counts afresh. JetGotoBookmark goes down the tree (ErrBTGotoBookmark)
  // and works it out. pageHeld: the cursor keeps its page between calls, so its next move
  // starts from where it is; without it (after a count, a fresh position) the move goes down
  // the tree again first (bt.cxx ErrBTIIRefresh).
  bool positionKnown = false;
  bool pageHeld = false;
  jet::ULong positionLT = 0;
  jet::ULong positionTotal = 0;
  // Where the record `bookmark` names sits in the table's tree, as a seek found it: spares
  // reading the record another search (CurrentRow). Good only while `placeTable` is the
  // cursor's table, that table has erased no record since, and the key is still `bookmark`.
  TablePtr placeTable;
  RecordTree::iterator place;
  std::uint64_t placeErased = 0;

  void RememberPlace(RecordTree::iterator at) {
    placeTable = table;
    place = at;
    placeErased = table->recordsErased;
  }
  // The remembered place of `bookmark`, or the table's end.
  RecordTree::iterator PlaceOf(const Bytes &wanted) {
    if (placeTable == table && placeErased == table->recordsErased && place->first == wanted) return place;
    return table->records.find(wanted);
  }

  void ResetForOpen() {
    db.reset();
    table.reset();
    openGrbit = 0;
    indexName.clear();
    indexLevelOpen = 0;
    indexVersioned = false;
    indexSerial = 0;
    indexCursorName.clear();
    position = Position::kFirst;
    navigateSerial = 0;
    tableNavigateSerial = 0;
    rangeDropSerial = 0;
    indexAt = Position::kOn;
    tableDeferred = false;
    key.clear();
    bookmark.clear();
    keyStarted = keyComplete = false;
    keySegments = 0;
    madeKey = keys::SearchKey();
    searchBuffer.clear();
    tableSearchCb = 0;
    DropIndexSearchKey();
    hasRange = false;
    tableRangeKept = false;
    prepared = Prepared::kNone;
    copy.reset();
    replaceBookmark.clear();
    preparedLevel = 0;
    replaceUnlocked = false;
    replaceComparedWith.reset();
    columnsSet.clear();
    mustSetAutoinc = false;
    userId = 0;
    versioned = false;
    mustRollback = false;
    positionKnown = pageHeld = false;
    placeTable.reset();
  }
};

// JetOpenTable's exclusive modes against the table's other users (fileopen.cxx
// ErrFILEICheckAndSetMode, ErrFILEISetMode), checked with the database locked.
jet::Err CheckTableModes(const Session &s, const Table &table, jet::Grbit grbit);
// Whether the session holds the table denying reads to others, through any of its cursors
// (ESE's FDomainDenyReadByUs).
bool DeniesReadByUs(const Session &s, const Table &table);
// Whether the session finds the table in the catalog: not while another session's open
// transaction has created it, nor in a transaction that began before the creation committed
// (fileopen.cxx ErrFILEIOpenTable: the catalog hash holds a table once its creation commits;
// ErrCATSeekTable reads the catalog as of the session's snapshot).
bool CatalogVisible(Session &s, const Table &table);
// The name `s` finds `table` by: its name before a rename that `s` cannot see yet.
const std::u16string &TableNameSeenBy(Session &s, const Table &table);
// Whether `s` sees the table's delete (true for a table never deleted).
bool DeleteSeenBy(Session &s, const Table &table);
// The table `s` finds in `db` by the case-folded name `folded` (visible to it or not: callers
// check CatalogVisible), or nullptr. Call with db.lock held.
TablePtr FindTableByName(Session &s, const Database &db, const std::u16string &folded);
// The table an open by name finds: the catalog hash's (Database::catalogHash), else the
// catalog's as FindTableByName. Call with db.lock held.
TablePtr FindTableToOpen(Session &s, const Database &db, const std::u16string &folded);
// Takes `folded` out of the catalog hash, whichever table it finds. Call with db.lock held.
void UnhashTable(Database &db, const std::u16string &folded);
bool ColumnVisible(Session &s, const Column &column);
// Whether the session finds the column's row in the catalog (Column::catalogAdder).
bool ColumnCatalogRowVisible(Session &s, const Column &column);
// The same for an index: JetSetCurrentIndex, JetDeleteIndex and the index information levels
// do not find one another session's open transaction created, nor one whose create committed
// after the caller's transaction began.
bool IndexVisible(Session &s, const Index &index);

HandleRegistry<Cursor> &Cursors();

// The cursor `tableid` names, if it belongs to `s`.
jet::Err FindCursor(Session &s, jet::Tableid tableid, Cursor **cursor);
// Whether `cursor` is still the session's open cursor `tableid` (for an undo action, which
// may run after the cursor was closed and its slot reused).
bool StillOpen(Session &s, jet::Tableid tableid, const Cursor *cursor);
// Opens a cursor of `s` on `table` (caller holds db->lock), taking the exclusive modes of
// `modes` (JET_bitTableDenyRead, JET_bitTableDenyWrite) already checked. `opened`, when given,
// receives the new cursor.
jet::Err OpenCursor(Session &s, const DatabasePtr &db, const TablePtr &table, jet::Grbit grbit,
                    jet::Tableid *ptableid, jet::Grbit modes = 0, Cursor **opened = nullptr);
// Closes a cursor (caller is its session, or the session is ending).
void CloseCursor(SessionState &state, Cursor *cursor);
// JetCloseTable and JetCloseDatabase: as CloseCursor, but a cursor that made a version closed
// in a transaction keeps its place among its table's users, deny modes included, until the
// session is back at level 0 (bt.cxx BTClose, FUCBSetDeferClose).
void CloseCursorByCall(Session &s, Cursor *cursor);
// recupd.cxx ErrRECIInsert inserts through a cursor of its own on the table (ErrDIROpen:
// updatable, no deny mode), not through the caller's, and fcreate.cxx ErrFILEICreateIndex
// versions the index's creation through one too; its version keeps it among the table's
// users, closed deferred, until level 0 or a rollback of the level it came in (bt.cxx BTClose),
// and the session's later opens take it up again (bt.cxx ErrBTOpen). Caller holds db->lock.
void KeepInternalCursor(Session &s, const DatabasePtr &db, const TablePtr &table);
// bt.cxx ErrBTOpen: a cursor the session opens on a table takes over one of its cursors on that
// table whose close was deferred, if it has one (FFUCBDeferClosed), and keeps its mark of having
// made a version, so that closed in the transaction it is deferred again. True when one was
// taken (SessionState::DeferredUser::taken: its deny modes stay until level 0). Caller holds
// db->lock.
bool TakeDeferredCursor(Session &s, const TablePtr &table);
// An engine cursor denying reads that took over a deferred one (JetSetColumnDefaultValue's,
// fldmod.cxx ErrIsamSetColumnDefaultValue): its close is deferred too, so the table stays
// denied to other sessions until level 0. Caller holds db->lock.
void KeepTakenCursorDenyingReads(Session &s, const DatabasePtr &db, const TablePtr &table);
// Level 0 reached (a commit or a rollback): the cursors closed in the transaction leave their
// tables' users, and no cursor of the session has made a version any more.
void ReleaseDeferredClosed(SessionState &state);
// The cursor lets go of its secondary index's cursor: one that made a version is kept among
// the session's deferred ones while its transaction is open.
void ReleaseIndexCursor(Cursor &c);
// The cursor opens one on the secondary index `index` of its table: the newest the session
// keeps deferred for it when there is one, which keeps its level; else a new one at the
// session's level. Returns the level it was opened at.
int OpenIndexCursor(Session &s, Cursor &c, const std::u16string &index);
// An update of `s` added or removed entries of the secondary index `index`: the cursor it
// went through is kept deferred (a new one at the session's level, unless one is kept).
void NoteIndexVersioned(Session &s, const TablePtr &table, const std::u16string &index);
void CancelUpdate(Cursor &cursor);
// The index the cursor walks: its secondary index, else the table's primary index (null for
// a table ordered by record id).
const Index *CurrentIndex(const Cursor &cursor);
// Whether the cursor may change records now: the transaction is not read-only, nor the
// database or the cursor.
jet::Err CheckUpdatable(Session &s, const Cursor &cursor);

}  // namespace data
}  // namespace emu
