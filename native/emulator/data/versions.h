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

// What a session reads: its own pending changes, and committed versions up to its snapshot
// (the newest committed versions outside a transaction).
struct ReadView {
  Session *session = nullptr;
  bool inTransaction = false;
  std::uint64_t snapshot = 0;
};
ReadView ViewOf(Session &s);
bool InTransaction(Session &s);

RowPtr VisibleRow(const Record &record, const ReadView &view);
// The state a new change is made against: a pending change of any session, else the newest
// committed version. Null when that state is "deleted" or the record never existed.
RowPtr LatestRow(const Record &record);
// Whether `s` may change the record now: JET_errWriteConflict if another session has a
// pending change on it, or (in a transaction) a version committed after the snapshot.
jet::Err CheckWriteConflict(const Record &record, const ReadView &view);

// Records a change made by `s` to `db` in its open transaction (or commits it at once outside
// a transaction). Caller holds db->lock exclusively.
void WriteRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark, RowPtr row);
// Takes a write lock on a record inside a transaction (JET_prepReplace): a no-op pending change.
void LockRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark);

// The keys `row` has in `index` (none for a null row).
std::vector<Bytes> KeysOf(const Table &table, const Index &index, const RowPtr &row);
// Adds the secondary-index entries of `row`, and removes the ones no version of the record
// produces any more.
void AddIndexEntries(Table &table, const Bytes &bookmark, const Row &row);
void DropStaleIndexEntries(Table &table, const Bytes &bookmark, const std::vector<RowPtr> &rows);

// Marks that the open transaction changed the schema of `db` and logs the change (outside a
// transaction: logged as committed at once).
void NoteDatabaseChanged(Session &s, const DatabasePtr &db);
// Waits until everything logged so far is on disk: the log's error (JET_errLogDiskFull,
// JET_errLogWriteFail) if it cannot be. Success at once without a log.
jet::Err WaitForLog(Session &s);
// Registers an undo action for a schema change inside a transaction.
void PushUndo(Session &s, std::function<void()> action);
// Like PushUndo, for what a rollback does to the session's cursors (see TransactionLevel).
void PushCursorUndo(Session &s, std::function<void()> action);

// Ends the session's snapshot: the versions only it could read may go.
void ReleaseSnapshot(Session &s, SessionState &state);
// Drops every snapshot of a terminated instance.
void ForgetSnapshots(Instance &instance);

}  // namespace data
}  // namespace emu
