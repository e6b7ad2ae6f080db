// Record versions and snapshot isolation. Each record keeps its committed versions, stamped
// with their commit time, as long as an open transaction may read them, plus at most one
// pending change of one session. Every write goes through WriteRecord so that undo, commit
// stamping and secondary-index entries stay consistent.
#pragma once

#include <functional>
#include <vector>

#include "model.h"

namespace emu {

class Instance;
class Session;

namespace data {

struct SessionState;
struct EarlierRows;

// What a session reads: its own pending changes, and committed versions up to its snapshot
// (the newest committed versions outside a transaction).
struct ReadView {
  Session *session = nullptr;
  bool inTransaction = false;
  std::uint64_t snapshot = 0;
};
ReadView ViewOf(Session &s);
bool InTransaction(Session &s);
// An update, a delete and an escrow update run in a transaction of their own, nested in the
// session's (recupd.cxx ErrRECIInsert, ErrRECIReplace, ErrIsamDelete, ErrRECIEscrowUpdate
// call ErrDIRBeginTransaction): inside a transaction the caller must own it, as for a nested
// JetBeginTransaction, or JET_errSessionSharingViolation.
jet::Err CheckNestedBegin(Session &s);

// The begin of a schema change (fcreate.cxx: each DDL call begins a transaction, and the
// catalog update in it a nested one, cat.cxx): the caller must own the transaction the change
// nests in, its own level-0 one included. That one was begun under the session's context, so
// a context set by another thread fails here (pib.hxx FPIBCheckTrxContext), and as ESE's
// rollback fails the same check, the empty transaction stays open.
jet::Err CheckCatalogBegin(Session &s);

// The read-only transaction ESE begins at level 0 for a record read and commits whatever came
// of it, never looking at the commit's result (fldext.cxx ErrIsamRetrieveColumn,
// ErrIsamRetrieveColumns). It is seen only when that commit fails, under a session context
// another thread set (pib.hxx FPIBCheckTrxContext): the transaction then stays open. So it is
// begun only then, and never ended here.
void BeginLevelZeroRead(Session &s);

// What `view` reads of the record: the reader's own pending write, else the committed version
// of its snapshot plus its own escrow deltas (ver.cxx DeltaVERGetDelta takes the others' out
// of the record's value).
RowPtr VisibleRow(const Record &record, const ReadView &view);
// The place in `record.committed` of the newest committed version `view` sees (its own
// pending change aside); committed.size() when it sees none.
std::size_t SeenVersion(const Record &record, const ReadView &view);
// The bytes of an escrow column in `row` as a number, null or not (its default when the row
// has none): what ESE's delta adds to.
std::int64_t EscrowBytes(const Row &row, jet::Columnid column, std::int64_t fallback);
// Adds `delta` to an escrow column of `row`, written back in `size` bytes (a 32-bit sum wraps).
void AddToEscrowColumn(Row &row, jet::Columnid column, std::size_t size, std::int64_t fallback, std::int64_t delta);
// `row` with the escrow deltas of `record.shared` that `which` selects added to it.
RowPtr WithDeltas(const RowPtr &row, const Record &record, const std::function<bool(const SharedChange &)> &which);
// The record as ESE's page holds it: the newest state with every session's deltas in it.
RowPtr PhysicalRow(const Record &record);
// The state a new change is made against: a pending change of any session, else the newest
// committed version. Null when that state is "deleted" or the record never existed.
RowPtr LatestRow(const Record &record);
// Whether `s` may change the record now: JET_errWriteConflict if another session has a
// pending change on it, or (in a transaction) a version committed after the snapshot.
// Read locks and escrow deltas of other sessions conflict too.
jet::Err CheckWriteConflict(const Record &record, const ReadView &view);
// Whether `s` may add a shared change of `kind` (ver.cxx FVERIWriteConflict): only when every
// change of other sessions not visible to it (uncommitted, or committed after its snapshot)
// is of the same kind.
jet::Err CheckSharedConflict(const Record &record, const ReadView &view, std::uint8_t kind);
// Adds a read lock or an escrow delta of `s` (in its open transaction) to the record.
void AddSharedChange(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark,
                     SharedChange change);

// Records a change made by `s` to `db` in its open transaction (or commits it at once outside
// a transaction). Caller holds db->lock exclusively.
// With `versioned` false (JET_bitUpdateNoVersion on a table the transaction created), no
// rollback short of the table's own takes the write back.
void WriteRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark, RowPtr row,
                 bool versioned = true);
// Takes a write lock on a record inside a transaction (JET_prepReplace): a no-op pending change.
void LockRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark);
// A change made with no version (JET_bitEscrowNoRollback), made to the record's newest
// committed image and to the older ones a reader reaches from it through read locks and
// deltas only (ESE's readers see its page there, less the deltas they do not see). The newest
// image is logged at once as a commit of its own, since no rollback takes it back (a failed
// append changes nothing). Caller holds db->lock exclusively.
jet::Err ChangeCommittedRows(Session &s, const DatabasePtr &db, Table &table, RecordTree::iterator it,
                             const std::function<RowPtr(const Row &)> &change);

// For the commit record of `s`: marks its escrow deltas on the record as being committed and
// gives the row the record has once every commit logged so far is visible (escrow commits
// add up in log order however their versions are stamped). False when it has none there.
bool PrepareSharedCommit(Session &s, Record &record, RowPtr *row);

// The keys `row` has in `index` (none for a null row).
std::vector<Bytes> KeysOf(const Table &table, const Index &index, const RowPtr &row);
// Adds the secondary-index entries of `row` (null: a delete, none), the record's new state
// after `before` in the session's write, and notes each index whose entries the write changes
// (NoteIndexVersioned).
void AddIndexEntries(Session &s, const TablePtr &table, const Bytes &bookmark, const RowPtr &before, const RowPtr &row);
// Removes the secondary-index entries only `rows` produced (versions gone from the record), or
// with `leaveGhosts` (versions a commit made old) leaves them as nodes flagged deleted
// (Index::ghostEntries).
// Entries a row of `earlier` has stay too.
void DropStaleIndexEntries(Table &table, const Bytes &bookmark, const std::vector<RowPtr> &rows, bool leaveGhosts,
                           EarlierRows *earlier = nullptr);
// Leaves the record at `it`, with no version left (Record::Unused), as a node flagged deleted
// (Table::ghostRecords).
void LeaveGhost(Table &table, RecordTree::iterator it);
// Whether a secondary-index entry is a node flagged deleted: no version its record keeps (a
// pending one included) has the entry's key.
bool EntryIsGhost(const Table &table, const Index &index, const IndexEntry &entry);
// The version store's cleanup of a table: removes the nodes flagged deleted that are still
// unused, but never an index's last node (a B-tree page is never empty: bt.cxx
// ErrBTISPCDeleteNodes; on the primary index that node keeps no column). ESE runs it when its
// version store takes a new bucket and on JetIdle; the emulator runs it once a table holds many
// such nodes, so that memory stays bounded, and when the instance creates a database
// (CleanUpVersions).
void CleanGhosts(Table &table);
// ESE flags a rolled-back insert's new nodes deleted and cleans up each one's page at once
// (ver.cxx ErrVERIUndoInsertPhysical runs a DELETERECTASK in place: bt.cxx ErrBTDelete,
// ErrBTISinglePageCleanup): every node there flagged deleted that no open transaction needs
// (FVERActive; the rolling-back session's own transaction, still open, among them) goes, but
// not the page's last (CleanGhosts). The pages are the primary index's, where `bookmark`'s
// record is left with no version and named in Table::ghostRecords by this call, and those of
// `entered`, the secondary indexes the insert went into, where this call flags the entries of
// the keys given with each deleted (Index::ghostEntries). For a table of one page's nodes at
// most (model.h kOnePageNodesMost).
struct EnteredIndex {
  Index *index;
  std::vector<Bytes> keys;
};
void CleanUpUndoneInsert(Instance *instance, Table &table, const Bytes &bookmark,
                         std::vector<EnteredIndex> &&entered);
// The same for the secondary-index entries a rolled-back write of a record that stays (a
// replace, or an insert over a node flagged deleted) had put in: every key of `row`, the row
// the write wrote, that no version the record keeps now has. ESE's write put those entries in
// with an insert's version (bt.cxx ErrBTInsert, over a node flagged deleted too), so its undo
// flags each deleted and cleans its page up at once; not the entries a row the transaction
// wrote to the record earlier has (`earlier`), whose versions are still active.
void CleanUpUndoneEntries(Instance *instance, Table &table, const Bytes &bookmark, const RowPtr &row,
                          EarlierRows *earlier);
// The version store's cleanup of a whole database: every record's versions that no open
// transaction of `instance` can read any more are dropped, then its tables' nodes flagged
// deleted are removed (CleanGhosts). Takes the database's lock.
void CleanUpVersions(Instance *instance, Database &db);
// Notes versions of `db` that wait for the cleanup, the newest committed at `versionsAt`
// (1 for versions any cleanup removes).
void NoteUncleanedVersions(Database &db, std::uint64_t versionsAt);
// Whether ESE's version store would hold versions of `db`: those of open transactions that
// changed it, and those no cleanup has removed yet.
bool HoldsVersions(const Database &db);

// Marks that the open transaction changed the schema of `db` and logs the change (outside a
// transaction: logged as committed at once).
void NoteDatabaseChanged(Session &s, const DatabasePtr &db);
// A schema change that made a version (its own, or a lock on its catalog record) before it
// failed under a session context another thread set, leaving its level-0 transaction open: the
// database waits for that transaction as for a change, so a detach is JET_errDatabaseInUse
// until it ends (extended generator seed 7340, confirmed on ESE's engine).
void NoteVersionLeftOpen(Session &s, const DatabasePtr &db);
// Waits until everything logged so far is on disk: the log's error (JET_errLogDiskFull,
// JET_errLogWriteFail) if it cannot be. Success at once without a log.
jet::Err WaitForLog(Session &s);
// Registers an undo action for a schema change inside a transaction.
void PushUndo(Session &s, std::function<void()> action);
// Like PushUndo, for what a rollback does to the session's cursors (see TransactionLevel).
void PushCursorUndo(Session &s, std::function<void()> action);
// The same for the open level `level` (1: the outermost), so that it runs when that level is
// rolled back; nothing at level 0.
void PushCursorUndoAt(Session &s, int level, std::function<void()> action);

// Ends the session's snapshot: the versions only it could read may go.
void ReleaseSnapshot(Session &s, SessionState &state);
// Drops every snapshot of a terminated instance.
void ForgetSnapshots(Instance &instance);

}  // namespace data
}  // namespace emu
