// What the data layer keeps per session: the databases and cursors it has open, its open
// transaction's snapshot, and what that transaction changed.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "model.h"

namespace emu {

class Session;

namespace data {

class Cursor;

// The rows the open transaction wrote to a record before its latest write of it (WriteRecord):
// a rollback of that write, or of the levels after, may give the record any of them back, so
// the index entries they have stay. ESE keeps those nodes because their versions are still
// active (ver.cxx ErrVERIUndoInsertPhysical cleans only nodes no version needs).
struct EarlierRows {
  std::vector<RowPtr> rows;  // oldest first: the last is the row before the latest write
  RowPtr latest;             // the latest write's row
  // How many of `rows` give each key, per secondary index by name: built when a rollback first
  // asks (KeyCounts), kept while rows are taken off, dropped by the next write.
  std::map<std::u16string, std::map<Bytes, std::size_t>> keyCounts;
};

// A record this session changed in its open transaction.
struct Touched {
  DatabasePtr db;
  TablePtr table;
  Bytes bookmark;
};

struct SessionState {
  std::map<jet::Dbid, int> openDatabases;
  std::vector<Cursor *> cursors;
  // Table users of cursors closed in the open transaction after they made a version (bt.cxx
  // BTClose defers their close to level 0).
  struct DeferredUser {
    DatabasePtr db;
    TablePtr table;
    std::uint64_t userId;
    bool internalCursor = false;  // one the engine opened for its own work (KeepInternalCursor)
    // Taken over by a cursor opened since (TakeDeferredCursor). Its deny modes stay on the table
    // all the same until level 0: ESE's take-over clears the cursor's own flags, not the
    // table's count of them (bt.cxx ErrBTOpen, FUCBResetFlags; fcb.hxx SetDomainDenyRead).
    bool taken = false;
  };
  std::vector<DeferredUser> deferredUsers;
  // Cursors on secondary indexes that made a version there (an update adding or removing an
  // entry of the record, recupd.cxx ErrRECIUpdateIndex; or a cursor that took one up) and were
  // closed in the open transaction. ESE keeps each until the session is back at level 0 or the
  // level it was opened at is rolled back (bt.cxx BTClose, dir.cxx ErrDIRRollback), and gives
  // the newest of an index to the next cursor the session opens on it (bt.cxx ErrBTOpen),
  // which keeps the level it was first opened at: the level a rollback's walk over the
  // session's cursors compares (tm.cxx ErrIsamRollback).
  struct DeferredIndexCursor {
    TablePtr table;
    std::u16string index;  // as the table names it (Index::name)
    int levelOpen = 0;
    std::uint64_t serial = 0;  // order of opening: the newest is found first
  };
  std::vector<DeferredIndexCursor> deferredIndexCursors;
  // Tables the open transaction created (Table::uncommittedCreator), those it renamed
  // (Table::uncommittedRenamer) and those it deleted.
  std::vector<std::pair<DatabasePtr, TablePtr>> createdTables;
  std::vector<std::pair<DatabasePtr, TablePtr>> renamedTables;
  std::vector<std::pair<DatabasePtr, TablePtr>> deletedTables;  // Table::uncommittedDeleter
  // Columns it added to tables it did not create (Column::uncommittedAdder), and those it
  // deleted (Column::uncommittedDeleter).
  struct ChangedColumn {
    DatabasePtr db;
    TablePtr table;
    jet::Columnid id;
    // An add through a cursor denying reads: only its catalog row waits for the commit.
    bool unversioned = false;
  };
  std::vector<ChangedColumn> addedColumns;
  std::vector<ChangedColumn> deletedColumns;
  // Columns whose catalog row the transaction changed (Column::catalogRowChangedAt).
  std::vector<ChangedColumn> changedColumnRows;
  // Indexes it created on tables it did not create (Index::uncommittedCreator), by folded name.
  struct CreatedIndex {
    DatabasePtr db;
    TablePtr table;
    std::u16string folded;
  };
  std::vector<CreatedIndex> createdIndexes;
  bool snapshotRegistered = false;
  std::uint64_t snapshot = 0;
  std::vector<Touched> touched;
  // The records the open transaction wrote more than once.
  std::map<std::pair<const Table *, Bytes>, EarlierRows> earlierRows;
  // The databases the open transaction changed (DDL or records), each with the level of its
  // first change: a rollback of that level undoes every change the transaction made to it.
  struct ChangedDatabase {
    DatabasePtr db;
    int level;
  };
  std::vector<ChangedDatabase> changedDatabases;
  // Set once the open transaction changes a schema (redo.h): its number in the log, the
  // databases whose schema it changed, and the first failure to log one of its changes
  // (the transaction can then only be rolled back).
  std::uint64_t schemaTransaction = 0;
  std::vector<DatabasePtr> schemaDatabases;
  jet::Err logError = jet::err::Success;
  // The open transaction is the one a single change made outside any transaction runs in
  // (data_exports.cc OnSessionChanging): ESE begins it as a level-0 transaction, so the
  // nested-begin owner check (CheckNestedBegin) does not apply to it.
  bool singleChange = false;
  // A versionless insert failed after changing a table the transaction created
  // (recupd.cxx ErrRECIInsert, PIB::SetMustRollbackToLevel0): no commit until a rollback to
  // level 0, which drops that table.
  bool mustRollbackToLevel0 = false;
  // While a rollback refused to a thread that does not own the transaction closes the cursors
  // its level opened (OnRollbackRefused): tm.cxx ErrIsamRollback passes over the cursors closed
  // deferred, which only the level's real rollback closes (dir.cxx ErrDIRRollback).
  bool refusingRollback = false;
  // In a single change, set once the call reaches the point where ESE begins its own
  // transaction (CheckCatalogBegin, CheckNestedBegin, or at once for calls that do not mark
  // it): a failure before it leaves no transaction, as ESE never began one.
  bool ownBegun = false;
  // In a single change, the cursor whose JetUpdate2 is done with its prepared update only once
  // its own transaction has committed (FinishUpdateAfterCommit), and the row it wrote.
  Cursor *updateToFinish = nullptr;
  RowPtr updateWritten;
};

// The calling session's state (created on first use).
SessionState &StateOf(Session &s);
// Removes the session's state and hands it over (null when it never had one).
std::unique_ptr<SessionState> TakeStateOf(Session &s);

}  // namespace data
}  // namespace emu
