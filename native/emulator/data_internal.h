// State shared by the data layer's files: cursors, per-session state, the attached databases
// and the helpers that read and write record versions.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "data_model.h"
#include "handle_registry.h"
#include "key_normalize.h"

namespace emu {

class Instance;
class Session;

namespace data {

// JET_TABLEID handles come from a registry of their own kind, so a session or instance
// handle passed as a tableid is refused like any other stranger.
constexpr HandleKind kCursorHandleKind = static_cast<HandleKind>(3);

enum class Position { kBeforeFirst, kAfterLast, kOn, kBetween };
enum class Prepared { kNone, kInsert, kReplace };

class Cursor : public PooledObject {
 public:
  std::atomic<Session *> owner{nullptr};
  DatabasePtr db;
  TablePtr table;
  jet::Grbit openGrbit = 0;
  std::u16string indexName;  // folded; empty: the primary index or record-id order
  // Where the cursor is. kOn: on the entry (key, bookmark); kBetween: just before or after
  // it (moves go on from there, but there is no current record).
  Position position = Position::kBeforeFirst;
  Bytes key;
  Bytes bookmark;
  // JetMakeKey.
  bool keyStarted = false;
  bool keyComplete = false;
  std::size_t keySegments = 0;
  keys::SearchKey madeKey;
  // JetSetIndexRange.
  bool hasRange = false;
  keys::SearchKey rangeKey;
  bool rangeUpper = true;
  bool rangeInclusive = false;
  // JetPrepareUpdate.
  Prepared prepared = Prepared::kNone;
  std::shared_ptr<Row> copy;
  Bytes replaceBookmark;
  int preparedLevel = 0;

  void ResetForOpen() {
    db.reset();
    table.reset();
    openGrbit = 0;
    indexName.clear();
    position = Position::kBeforeFirst;
    key.clear();
    bookmark.clear();
    keyStarted = keyComplete = false;
    keySegments = 0;
    madeKey = keys::SearchKey();
    hasRange = false;
    prepared = Prepared::kNone;
    copy.reset();
    replaceBookmark.clear();
    preparedLevel = 0;
  }
};

HandleRegistry<Cursor> &Cursors();

// A record this session changed in its open transaction.
struct Touched {
  DatabasePtr db;
  TablePtr table;
  Bytes bookmark;
};

struct SessionState {
  std::map<jet::Dbid, int> openDatabases;
  std::vector<Cursor *> cursors;
  bool snapshotRegistered = false;
  std::uint64_t snapshot = 0;
  std::vector<Touched> touched;
  std::vector<DatabasePtr> changedDatabases;  // DDL or records, in the open transaction
};

// The calling session's state (created on first use).
SessionState &StateOf(Session &s);

// What a session reads: its own pending changes, and committed versions up to its snapshot
// (the newest committed versions outside a transaction).
struct ReadView {
  Session *session = nullptr;
  bool inTransaction = false;
  std::uint64_t snapshot = 0;
};
ReadView ViewOf(Session &s);

RowPtr VisibleRow(const Record &record, const ReadView &view);
// The state a new change is made against: a pending change of any session, else the newest
// committed version. Null when that state is "deleted" or the record never existed.
RowPtr LatestRow(const Record &record);

// Looks up the database the session has open under `dbid`.
jet::Err FindOpenDatabase(Session &s, jet::Dbid dbid, DatabasePtr *db);
// The cursor `tableid` names, if it belongs to `s`.
jet::Err FindCursor(Session &s, jet::Tableid tableid, Cursor **cursor);

// Records a change made by `s` to `db` in its open transaction (or commits it at once outside
// a transaction). Writes go through here so that undo, commit stamping and index entries stay
// consistent. Caller holds db->lock exclusively.
void WriteRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark, RowPtr row);
// Takes a write lock on a record inside a transaction (JET_prepReplace): a no-op pending change.
void LockRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark);
// Whether `s` may change the record now: JET_errWriteConflict if another session has a
// pending change on it, or (in a transaction) a version committed after the snapshot.
jet::Err CheckWriteConflict(const Record &record, const ReadView &view);

// Adds the secondary-index entries of `row`, and removes the ones no version of the record
// produces any more.
void AddIndexEntries(Table &table, const Bytes &bookmark, const Row &row);
void DropStaleIndexEntries(Table &table, const Bytes &bookmark, const std::vector<RowPtr> &rows);

// Marks that the open transaction changed `db` (or, outside a transaction, that it must be
// written at the next flush point).
void NoteDatabaseChanged(Session &s, const DatabasePtr &db);
// Registers an undo action for a schema change inside a transaction.
void PushUndo(Session &s, std::function<void()> action);
bool InTransaction(Session &s);
// Writes a database whose committed state changed since its last write.
jet::Err Flush(const DatabasePtr &db);

// Shared checks.
jet::Err CheckUpdatable(Session &s, const Cursor &cursor);
jet::Err CheckDdl(Session &s, const Database &db);
bool ValidName(const jet::WChar *name, std::u16string *out);
const Index *CurrentIndex(const Cursor &cursor);
Index *FindIndex(Table &table, const std::u16string &folded);
const Column *FindColumnByName(const Table &table, const std::u16string &name);
jet::Err CheckColumnId(const Table &table, jet::Columnid id, const Column **column);

// Closes a cursor (caller is its session, or the session is ending).
void CloseCursor(SessionState &state, Cursor *cursor);
void CancelUpdate(Cursor &cursor);

}  // namespace data
}  // namespace emu
