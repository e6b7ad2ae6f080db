// Record versions, snapshots and the transaction hooks that stamp, keep and drop them.
#include "versions.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <set>
#include <unordered_map>

#include "../instance.h"
#include "../session.h"
#include "catalog.h"
#include "cursor.h"
#include "databases.h"
#include "hooks.h"
#include "key_normalize.h"
#include "instance_storage.h"
#include "redo.h"
#include "session_state.h"
#include "../thread_scratch.h"

namespace emu {
namespace data {
namespace {

// The most an engine thread keeps of its commit-record buffer between commits: a commit
// larger than this gives its buffer back.
constexpr std::size_t kCommitBufferKept = 1 << 20;
// How many nodes flagged deleted a table keeps before its cleanup (CleanGhosts).
constexpr std::size_t kGhostsKept = 4096;

// Snapshots of open transactions per instance: versions they may still read are kept. A
// leaf lock.
std::mutex g_snapshotMutex;
// Never destroyed: see g_databases (databases.cc).
auto &g_snapshots = *new std::unordered_map<Instance *, std::multiset<std::uint64_t>>();

// The oldest commit time an open transaction of `instance` may still read as of.
std::uint64_t Horizon(Instance *instance) {
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  auto found = g_snapshots.find(instance);
  if (found == g_snapshots.end() || found->second.empty()) return std::numeric_limits<std::uint64_t>::max();
  return *found->second.begin();
}

// Drops the committed versions no open transaction can read any more; leaves the record's node
// flagged deleted when all that is left says it was deleted. A record that had no version left
// already (a rollback undid the transaction's insert and cleaned its page, which kept the node
// as the page's last) has no version for the cleanup to visit: it stays as it was (extended
// generator seed 21456).
void Prune(Table &table, RecordTree::iterator it, std::uint64_t horizon) {
  Record &record = it->second;
  if (record.Unused()) return;
  std::size_t keepFrom = 0;
  for (std::size_t i = 0; i < record.committed.size(); ++i) {
    if (record.committed[i].commitTime <= horizon) keepFrom = i;
  }
  std::vector<RowPtr> dropped;
  for (std::size_t i = 0; i < keepFrom; ++i) dropped.push_back(record.committed[i].row);
  record.committed.erase(record.committed.begin(), record.committed.begin() + keepFrom);
  if (!record.hasPending && record.shared.empty() && record.committed.size() == 1 && !record.committed[0].row &&
      record.committed[0].commitTime <= horizon) {
    dropped.push_back(nullptr);
    record.committed.clear();
  }
  const Bytes bookmark = it->first;
  if (!dropped.empty()) DropStaleIndexEntries(table, bookmark, dropped, true);
  if (record.Unused()) LeaveGhost(table, it);
}

}  // namespace

void ReleaseSnapshot(Session &s, SessionState &state) {
  if (!state.snapshotRegistered) return;
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  auto found = g_snapshots.find(s.GetInstance());
  if (found != g_snapshots.end()) {
    auto it = found->second.find(state.snapshot);
    if (it != found->second.end()) found->second.erase(it);
    if (found->second.empty()) g_snapshots.erase(found);
  }
  state.snapshotRegistered = false;
}

void ForgetSnapshots(Instance &instance) {
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  g_snapshots.erase(&instance);
}

ReadView ViewOf(Session &s) {
  ReadView view;
  view.session = &s;
  view.inTransaction = s.Transactions().InTransaction();
  view.snapshot = s.Transactions().SnapshotTimestamp();
  return view;
}

bool InTransaction(Session &s) { return s.Transactions().InTransaction(); }

jet::Err CheckNestedBegin(Session &s) {
  StateOf(s).ownBegun = true;
  if (InTransaction(s) && !StateOf(s).singleChange && !s.OwnsTransaction()) {
    return jet::err::SessionSharingViolation;
  }
  return jet::err::Success;
}

void BeginLevelZeroRead(Session &s) {
  if (InTransaction(s) || !s.ContextSetByAnotherThread()) return;
  (void)s.BeginTransaction(0, jet::bit::TransactionReadOnly);
}

jet::Err CheckCatalogBegin(Session &s) {
  StateOf(s).ownBegun = true;
  if (InTransaction(s) && !s.OwnsTransaction()) return jet::err::SessionSharingViolation;
  return jet::err::Success;
}

namespace {

bool IsDelta(std::uint8_t kind) { return kind == shared::kDelta32 || kind == shared::kDelta64; }

}  // namespace

std::int64_t EscrowBytes(const Row &row, jet::Columnid column, std::int64_t fallback) {
  auto found = row.values.find(column);
  if (found != row.values.end() && !found->second.empty()) return IntegerValue(found->second[0]);
  return fallback;
}

void AddToEscrowColumn(Row &row, jet::Columnid column, std::size_t size, std::int64_t fallback, std::int64_t delta) {
  row.values[column] = {IntegerValueBytes(EscrowBytes(row, column, fallback) + delta, size)};
}

RowPtr WithDeltas(const RowPtr &row, const Record &record, const std::function<bool(const SharedChange &)> &which) {
  if (!row) return row;
  std::shared_ptr<Row> sum;
  for (const SharedChange &change : record.shared) {
    if (!IsDelta(change.kind) || !which(change)) continue;
    if (!sum) sum = std::make_shared<Row>(*row);
    AddToEscrowColumn(*sum, change.column, change.size, change.fallback, change.delta);
  }
  return sum ? RowPtr(sum) : row;
}

std::size_t SeenVersion(const Record &record, const ReadView &view) {
  for (std::size_t i = record.committed.size(); i-- > 0;) {
    if (!view.inTransaction || record.committed[i].commitTime <= view.snapshot) return i;
  }
  return record.committed.size();
}

RowPtr VisibleRow(const Record &record, const ReadView &view) {
  if (record.hasPending && record.writer == view.session) return record.pending;
  const std::size_t seen = SeenVersion(record, view);
  if (seen == record.committed.size()) return nullptr;
  const RowPtr &row = record.committed[seen].row;
  if (record.shared.empty()) return row;
  return WithDeltas(row, record, [&](const SharedChange &c) { return c.session == view.session; });
}

RowPtr LatestRow(const Record &record) {
  if (record.hasPending) return record.pending;
  if (record.committed.empty()) return nullptr;
  return record.committed.back().row;
}

RowPtr PhysicalRow(const Record &record) {
  return WithDeltas(LatestRow(record), record, [](const SharedChange &) { return true; });
}

jet::Err CheckWriteConflict(const Record &record, const ReadView &view) {
  if (record.hasPending && record.writer != view.session) return jet::err::WriteConflict;
  for (const SharedChange &change : record.shared) {
    if (change.session != view.session) return jet::err::WriteConflict;
  }
  if (view.inTransaction && !record.committed.empty() && record.committed.back().commitTime > view.snapshot) {
    return jet::err::WriteConflict;
  }
  return jet::err::Success;
}

jet::Err CheckSharedConflict(const Record &record, const ReadView &view, std::uint8_t kind) {
  if (record.hasPending && record.writer != view.session) return jet::err::WriteConflict;
  bool othersActive = false;
  bool otherKinds = false;
  for (const SharedChange &change : record.shared) {
    if (change.session == view.session) continue;
    othersActive = true;
    otherKinds = otherKinds || change.kind != kind;
  }
  for (auto it = record.committed.rbegin(); it != record.committed.rend() && it->commitTime > view.snapshot; ++it) {
    othersActive = true;
    otherKinds = otherKinds || it->kinds != kind;
  }
  if (!othersActive) return jet::err::Success;
  // The session's own changes of another kind are in the chain ESE walks as well.
  for (const SharedChange &change : record.shared) {
    if (change.session == view.session && change.kind != kind) otherKinds = true;
  }
  return otherKinds ? jet::err::WriteConflict : jet::err::Success;
}

std::vector<Bytes> KeysOf(const Table &table, const Index &index, const RowPtr &row) {
  if (!row) return {};
  jet::Err refusal = jet::err::Success;
  return keys::RowKeys(table, index, *row, &refusal);
}

namespace {

// bt.cxx ErrBTInsert: a unique tree holds one node per key, so a new entry whose key a node
// flagged deleted has takes that node over (ErrNDFlagInsertAndReplaceData) rather than adding
// one beside it: the entry of the record that node named is gone at once, not left for the
// version store's cleanup (extended generator seed 8393, confirmed on ESE's engine). Only a
// node no transaction still reads through is taken here; one an older transaction still sees
// stays, where ESE keeps that transaction's view in the replace's version instead.
void TakeOverFlaggedNode(const Table &table, Index &index, const Bytes &key, const Bytes &bookmark) {
  for (auto it = index.entries.lower_bound(IndexEntry(key, Bytes())); it != index.entries.end() && it->first == key;) {
    if (it->second != bookmark && EntryIsGhost(table, index, *it)) {
      it = index.EraseEntry(it);
    } else {
      ++it;
    }
  }
}

}  // namespace

void AddIndexEntries(Session &s, const TablePtr &table, const Bytes &bookmark, const RowPtr &before, const RowPtr &row) {
  for (Index &index : table->indexes) {
    if (index.Primary()) continue;
    std::vector<Bytes> now = KeysOf(*table, index, row);
    if (before != row) {
      // recupd.cxx ErrRECIUpdateIndex: the update goes through a cursor on each secondary
      // index whose entries for the record it adds or removes (a replace that leaves an index's
      // keys as they were changes nothing there, ErrRECIReplaceInIndex), and that cursor has
      // made a version.
      std::vector<Bytes> old = KeysOf(*table, index, before);
      bool changed = !now.empty();
      if (!old.empty()) {
        std::sort(old.begin(), old.end());
        std::sort(now.begin(), now.end());
        changed = old != now;
      }
      if (changed) NoteIndexVersioned(s, table, index.name);
    }
    for (Bytes &key : now) {
      if (index.Unique()) TakeOverFlaggedNode(*table, index, key, bookmark);
      index.entries.emplace(std::move(key), bookmark);
    }
  }
}

namespace {

// The rows a record still keeps: its committed versions and the pending one.
std::vector<RowPtr> KeptRows(const Record &record) {
  std::vector<RowPtr> kept;
  for (const Version &v : record.committed) kept.push_back(v.row);
  if (record.hasPending) kept.push_back(record.pending);
  return kept;
}

void CleanGhostsIfMany(Table &table) {
  if (table.ghostRecords.size() + table.ghostEntryCount > kGhostsKept) CleanGhosts(table);
}

// The record at `bookmark`, or null once it is gone (cleaned up as a node flagged deleted).
const Record *RecordAt(const Table &table, const Bytes &bookmark) {
  auto found = table.records.find(bookmark);
  return found == table.records.end() ? nullptr : &found->second;
}

// How many of `earlier`'s rows give each key in `index`.
const std::map<Bytes, std::size_t> &KeyCounts(const Table &table, const Index &index, EarlierRows &earlier) {
  auto [counts, added] = earlier.keyCounts.try_emplace(index.name);
  if (added) {
    for (const RowPtr &row : earlier.rows) {
      for (Bytes &key : KeysOf(table, index, row)) ++counts->second[std::move(key)];
    }
  }
  return counts->second;
}

// The keys `rows` give in `index` that neither a version `record` keeps nor a row of `earlier`
// gives: the entries no version of the record needs any more.
std::set<Bytes> StaleKeys(const Table &table, const Index &index, const std::vector<RowPtr> &rows,
                          const Record *record, EarlierRows *earlier) {
  std::set<Bytes> stale;
  for (const RowPtr &row : rows) {
    for (Bytes &key : KeysOf(table, index, row)) stale.insert(std::move(key));
  }
  if (stale.empty()) return stale;
  if (record != nullptr) {
    for (const RowPtr &row : KeptRows(*record)) {
      for (const Bytes &key : KeysOf(table, index, row)) stale.erase(key);
    }
  }
  if (earlier != nullptr && !stale.empty()) {
    const std::map<Bytes, std::size_t> &counts = KeyCounts(table, index, *earlier);
    for (auto it = stale.begin(); it != stale.end();) it = counts.count(*it) != 0 ? stale.erase(it) : std::next(it);
  }
  return stale;
}

// The record's rows before its latest write lose the last of them, `back`, which a rollback of
// that write made the record's row again.
void TakeBackLatest(const Table &table, EarlierRows &earlier, const RowPtr &back) {
  earlier.rows.pop_back();
  earlier.latest = back;
  for (auto counts = earlier.keyCounts.begin(); counts != earlier.keyCounts.end();) {
    auto index = std::find_if(table.indexes.begin(), table.indexes.end(),
                              [&](const Index &candidate) { return candidate.name == counts->first; });
    if (index == table.indexes.end()) {
      counts = earlier.keyCounts.erase(counts);
      continue;
    }
    for (const Bytes &key : KeysOf(table, *index, back)) {
      auto count = counts->second.find(key);
      if (count != counts->second.end() && --count->second == 0) counts->second.erase(count);
    }
    ++counts;
  }
}

}  // namespace

void DropStaleIndexEntries(Table &table, const Bytes &bookmark, const std::vector<RowPtr> &rows, bool leaveGhosts,
                           EarlierRows *earlier) {
  const Record *record = RecordAt(table, bookmark);
  for (Index &index : table.indexes) {
    if (index.Primary()) continue;
    for (const Bytes &key : StaleKeys(table, index, rows, record, earlier)) {
      IndexEntry entry(key, bookmark);
      if (!leaveGhosts) {
        index.EraseEntry(entry);
      } else if (index.entries.count(entry) != 0) {
        index.ghostEntries.push_back(std::move(entry));
        ++table.ghostEntryCount;
      }
    }
  }
  if (leaveGhosts) CleanGhostsIfMany(table);
}

bool EntryIsGhost(const Table &table, const Index &index, const IndexEntry &entry) {
  auto record = table.records.find(entry.second);
  if (record == table.records.end()) return true;
  for (const RowPtr &row : KeptRows(record->second)) {
    for (const Bytes &key : KeysOf(table, index, row)) {
      if (key == entry.first) return false;
    }
  }
  return true;
}

void LeaveGhost(Table &table, RecordTree::iterator it) {
  table.ghostRecords.push_back(it->first);
  table.ghostsAwaitCleanup = true;
  CleanGhostsIfMany(table);
}

namespace {

// ESE cleans a page up from its last line back and never takes the last one: a B-tree page is
// never empty (bt.cxx ErrBTISPCDeleteNodes; an empty root cannot be merged away,
// ErrBTICreateMergePath's wrnBTShallowTree). So an index whose nodes are all flagged deleted
// keeps its first one, still counted by JetGetRecordPosition and still found by a seek. On a
// unique tree, the primary index's, ESE cuts that node's data to one byte in place, which
// leaves the bytes after it on the page: a JetEscrowUpdate there reads and writes the record's
// fixed columns where they were, so the node keeps its data here (Table::flaggedRows) until a
// write to the page reuses that space, which is not modelled (extended generator seeds 665
// and 2860, confirmed on ESE's engine).
template <typename T>
std::vector<T> LastLineFirst(std::vector<T> &ghosts) {
  std::vector<T> taken;
  taken.swap(ghosts);
  std::sort(taken.begin(), taken.end(), std::greater<T>());
  taken.erase(std::unique(taken.begin(), taken.end()), taken.end());
  return taken;
}

void CleanGhostRecords(Table &table) {
  for (const Bytes &bookmark : LastLineFirst(table.ghostRecords)) {
    auto it = table.records.find(bookmark);
    if (it == table.records.end() || !it->second.Unused()) continue;
    if (table.records.size() > 1) {
      table.EraseRecord(it);
    } else {
      table.ghostRecords.push_back(bookmark);
    }
  }
  table.ghostsAwaitCleanup = false;
}

void CleanGhostEntries(Table &table, Index &index) {
  for (const IndexEntry &entry : LastLineFirst(index.ghostEntries)) {
    if (index.entries.count(entry) == 0 || !EntryIsGhost(table, index, entry)) continue;
    if (index.entries.size() > 1) {
      index.EraseEntry(entry);
    } else {
      index.ghostEntries.push_back(entry);
    }
  }
}

void CountGhostEntries(Table &table) {
  table.ghostEntryCount = 0;
  for (const Index &index : table.indexes) table.ghostEntryCount += index.ghostEntries.size();
}

void CleanAllGhostEntries(Table &table) {
  for (Index &index : table.indexes) CleanGhostEntries(table, index);
  CountGhostEntries(table);
}

}  // namespace

void CleanGhosts(Table &table) {
  CleanAllGhostEntries(table);
  CleanGhostRecords(table);
}

namespace {

// Drops every record's versions that no transaction begun at or after `horizon` can read.
void PruneTable(Table &table, std::uint64_t horizon) {
  // Pruning may clean the table up (CleanGhostsIfMany), which erases records: go by bookmark.
  std::vector<Bytes> bookmarks;
  for (const auto &record : table.records) {
    if (!record.second.Unused()) bookmarks.push_back(record.first);
  }
  for (const Bytes &bookmark : bookmarks) {
    auto it = table.records.find(bookmark);
    if (it != table.records.end() && !it->second.hasPending) Prune(table, it, horizon);
  }
}

}  // namespace

namespace {

void FlagEnteredDeleted(Table &table, const Bytes &bookmark, std::vector<EnteredIndex> &entered) {
  for (EnteredIndex &index : entered) {
    for (Bytes &key : index.keys) {
      IndexEntry entry(std::move(key), bookmark);
      if (index.index->entries.count(entry) == 0) continue;
      index.index->ghostEntries.push_back(std::move(entry));
      ++table.ghostEntryCount;
    }
  }
  CleanGhostsIfMany(table);
}

void CleanEnteredPages(Table &table, const std::vector<EnteredIndex> &entered) {
  for (const EnteredIndex &index : entered) CleanGhostEntries(table, *index.index);
  CountGhostEntries(table);
}

}  // namespace

void CleanUpUndoneInsert(Instance *instance, Table &table, const Bytes &bookmark,
                         std::vector<EnteredIndex> &&entered) {
  FlagEnteredDeleted(table, bookmark, entered);
  table.ghostRecords.push_back(bookmark);
  PruneTable(table, Horizon(instance));
  CleanEnteredPages(table, entered);
  CleanGhostRecords(table);
}

void CleanUpUndoneEntries(Instance *instance, Table &table, const Bytes &bookmark, const RowPtr &row,
                          EarlierRows *earlier) {
  if (table.records.size() > kOnePageNodesMost) {
    // Past one page's nodes, the undone entries alone go.
    DropStaleIndexEntries(table, bookmark, {row}, false, earlier);
    return;
  }
  // The record may be gone already, cleaned up as a node flagged deleted (LeaveGhost).
  const Record *record = RecordAt(table, bookmark);
  std::vector<EnteredIndex> entered;
  for (Index &index : table.indexes) {
    if (index.Primary()) continue;
    std::set<Bytes> keys = StaleKeys(table, index, {row}, record, earlier);
    if (!keys.empty()) entered.push_back({&index, std::vector<Bytes>(keys.begin(), keys.end())});
  }
  if (entered.empty()) return;
  FlagEnteredDeleted(table, bookmark, entered);
  PruneTable(table, Horizon(instance));
  CleanEnteredPages(table, entered);
}

void CleanUpVersions(Instance *instance, Database &db) {
  std::unique_lock<std::shared_mutex> lock(db.lock);
  const std::uint64_t horizon = Horizon(instance);
  std::uint64_t uncleaned = db.uncleanedVersionsAt.load(std::memory_order_relaxed);
  // A commit racing this cleanup raises the value: it then stays.
  if (uncleaned <= horizon) db.uncleanedVersionsAt.compare_exchange_strong(uncleaned, 0, std::memory_order_relaxed);
  // The cleanup of a committed delete purges the table, and the purge takes it out of the
  // hash under its description's name (fcb.cxx, CATHashIDelete).
  for (auto it = db.catalogHash.begin(); it != db.catalogHash.end();) {
    const Table &hashed = *it->second;
    const bool purged = hashed.deleted && hashed.uncommittedDeleter == nullptr && hashed.deletedAt <= horizon;
    it = purged ? db.catalogHash.erase(it) : std::next(it);
  }
  for (auto &entry : db.tables) {
    Table &table = *entry.second;
    PruneTable(table, horizon);
    // A table whose ghost records have no version left (the page's last node, kept by an
    // earlier cleanup) keeps them: the version store's cleanup visits versions, not pages
    // (extended generator seed 3201, confirmed on ESE's engine).
    CleanAllGhostEntries(table);
    if (table.ghostsAwaitCleanup) CleanGhostRecords(table);
    // ver.cxx: the cleanup of an autoincrement column's delete resets the table's
    // autoincrement column and state (TDB::ResetFidAutoincrement, ResetAutoIncInitOnce).
    if (table.deletedAutoinc && table.deletedAutoincAt <= horizon) {
      table.deletedAutoinc.reset();
      table.autoincInit = Table::AutoincInit::kNotYet;
    }
    if (table.creationVersioned && table.uncommittedCreator == nullptr && table.createdAt <= horizon) {
      table.creationVersioned = false;
      // A name the hash holds already keeps its table (cat.cxx CATHashIInsert).
      db.catalogHash.emplace(FoldName(table.DescriptionName()), entry.second);
    }
  }
}

void NoteUncleanedVersions(Database &db, std::uint64_t versionsAt) {
  std::uint64_t held = db.uncleanedVersionsAt.load(std::memory_order_relaxed);
  while (held < versionsAt && !db.uncleanedVersionsAt.compare_exchange_weak(held, versionsAt, std::memory_order_relaxed)) {
  }
}

bool HoldsVersions(const Database &db) {
  return db.changingTransactions.load(std::memory_order_relaxed) > 0 ||
         db.uncleanedVersionsAt.load(std::memory_order_relaxed) != 0;
}

void PushUndo(Session &s, std::function<void()> action) {
  if (s.Transactions().InTransaction()) s.Transactions().Current().undo.push_back(std::move(action));
}

void PushCursorUndo(Session &s, std::function<void()> action) {
  PushCursorUndoAt(s, s.Transactions().Level(), std::move(action));
}

void PushCursorUndoAt(Session &s, int level, std::function<void()> action) {
  if (level > 0 && level <= s.Transactions().Level()) s.Transactions().At(level).cursorUndo.push_back(std::move(action));
}

namespace {

// tm.cxx ErrIsamRollback (FFUCBUpdatePreparedLevel): the updates prepared in the levels above
// `kept` are cancelled, those prepared at or below it stay.
void CancelUpdatesAbove(SessionState &state, int kept) {
  for (Cursor *cursor : state.cursors) {
    if (cursor->prepared != Prepared::kNone && cursor->preparedLevel > kept) CancelUpdate(*cursor);
  }
}

}  // namespace

void OnCommitted(Session &s) {
  const int level = s.Transactions().Level();
  SessionState &state = StateOf(s);
  for (Cursor *cursor : state.cursors) {
    if (cursor->prepared != Prepared::kNone && cursor->preparedLevel > level) cursor->preparedLevel = level;
    // dir.cxx ErrDIRCommitTransaction hands every cursor of the level to the one below.
    cursor->indexLevelOpen = std::min(cursor->indexLevelOpen, level);
  }
  for (SessionState::DeferredIndexCursor &d : state.deferredIndexCursors) d.levelOpen = std::min(d.levelOpen, level);
  for (SessionState::ChangedDatabase &changed : state.changedDatabases) changed.level = std::min(changed.level, std::max(level, 1));
  if (level == 0) ReleaseDeferredClosed(state);
}

void OnRollbackRefused(Session &s) {
  // tm.cxx ErrIsamRollback walks the session's cursors before ErrDIRRollback finds that the
  // calling thread does not own the transaction: updates prepared at the level are cancelled
  // and the cursors it opened closed, though the level stays open.
  SessionState &state = StateOf(s);
  CancelUpdatesAbove(state, s.Transactions().Level() - 1);
  state.refusingRollback = true;
  s.Transactions().RollbackCursorsOfInnermost();
  state.refusingRollback = false;
}

namespace {

// The open transaction has ended: the databases it changed no longer wait for it, and its
// versions, stamped `versionsAt`, wait for the version store's cleanup.
void ForgetChangedDatabases(SessionState &state, std::uint64_t versionsAt) {
  for (const SessionState::ChangedDatabase &changed : state.changedDatabases) {
    NoteUncleanedVersions(*changed.db, versionsAt);
    changed.db->changingTransactions.fetch_sub(1, std::memory_order_relaxed);
  }
  state.changedDatabases.clear();
}

// A nested level rolled back, leaving `level` open: the databases first changed above it have
// no version of the transaction left, only nullified ones that any cleanup removes, so a
// detach no longer waits for the transaction (ver.cxx ErrVERRCEClean).
void ForgetDatabasesChangedAbove(SessionState &state, int level) {
  auto &changed = state.changedDatabases;
  for (auto it = changed.begin(); it != changed.end();) {
    if (it->level <= level) {
      ++it;
      continue;
    }
    NoteUncleanedVersions(*it->db, 1);
    it->db->changingTransactions.fetch_sub(1, std::memory_order_relaxed);
    it = changed.erase(it);
  }
}

void TrackChangedDatabase(Session &s, SessionState &state, const DatabasePtr &db) {
  const auto &changed = state.changedDatabases;
  if (std::none_of(changed.begin(), changed.end(), [&](const SessionState::ChangedDatabase &c) { return c.db == db; })) {
    state.changedDatabases.push_back({db, s.Transactions().Level()});
    db->changingTransactions.fetch_add(1, std::memory_order_relaxed);
  }
}

storage::LogStream *LogOf(Session &s) {
  InstanceStorage *storage = s.GetInstance()->Storage();
  return storage != nullptr ? storage->Log() : nullptr;
}

// Logs how the schema of `db` changed since it was last logged (caller holds db->lock
// exclusively), as part of the session's schema transaction when it has one.
void LogSchemaChanges(Session &s, SessionState &state, const DatabasePtr &db, std::uint64_t transaction) {
  storage::LogStream *log = LogOf(s);
  if (log == nullptr || db->logId == 0) return;
  std::string payload;
  if (!redo::EncodeSchemaChanges(*db, transaction, &payload)) return;
  storage::Lsn lsn = 0, end = 0;
  const jet::Err err = log->Append(redo::kSchema, payload, &lsn, &end);
  if (transaction == 0) return;
  if (err < jet::err::Success) {
    if (state.logError == jet::err::Success) state.logError = err;
    lsn = log->NextLsn();
  }
  // Until the transaction ends its database gets no new image (the catalog holds its
  // uncommitted schema) and the checkpoint stays before its first change.
  if (db->openSchemaTransactions.emplace(transaction, lsn).second) state.schemaDatabases.push_back(db);
}

// A schema transaction has ended: rolled back (its undoing logged, then an Abort record) or
// committed (its Commit record says so). Caller holds no database lock.
void EndSchemaTransaction(Session &s, SessionState &state, bool committed) {
  if (state.schemaTransaction == 0) return;
  storage::LogStream *log = LogOf(s);
  for (const DatabasePtr &db : state.schemaDatabases) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    if (!committed) LogSchemaChanges(s, state, db, state.schemaTransaction);
  }
  if (!committed && log != nullptr) {
    storage::Lsn lsn, end;
    log->Append(redo::kAbort, redo::EncodeAbort(state.schemaTransaction), &lsn, &end);
  }
  for (const DatabasePtr &db : state.schemaDatabases) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    db->openSchemaTransactions.erase(state.schemaTransaction);
  }
  state.schemaTransaction = 0;
  state.schemaDatabases.clear();
  state.logError = jet::err::Success;
}

}  // namespace

void NoteVersionLeftOpen(Session &s, const DatabasePtr &db) {
  if (s.Transactions().InTransaction()) TrackChangedDatabase(s, StateOf(s), db);
}

void NoteDatabaseChanged(Session &s, const DatabasePtr &db) {
  SessionState &state = StateOf(s);
  if (!s.Transactions().InTransaction()) {
    // A schema change on its own: committed (and logged) at once.
    ++db->changes;
    LogSchemaChanges(s, state, db, 0);
    return;
  }
  TrackChangedDatabase(s, state, db);
  if (LogOf(s) != nullptr && db->logId != 0 && state.schemaTransaction == 0) {
    state.schemaTransaction = s.GetInstance()->Storage()->NewSchemaTransaction();
  }
  LogSchemaChanges(s, state, db, state.schemaTransaction);
}

jet::Err WaitForLog(Session &s) {
  storage::LogStream *log = LogOf(s);
  return log == nullptr ? jet::err::Success : log->FlushAll();
}

namespace {

// A versioned change of the record versions the entries an unversioned build made from its
// creator's uncommitted rows (Index::builtFromPending): from then on a reader finds each as
// the version of the record it reads has it (extended generator seed 23044).
void VersionBuiltEntries(Table &table, const Bytes &bookmark) {
  for (Index &index : table.indexes) {
    for (auto it = index.builtFromPending.begin(); it != index.builtFromPending.end();) {
      it = it->second == bookmark ? index.builtFromPending.erase(it) : std::next(it);
    }
  }
}

}  // namespace

void WriteRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark, RowPtr row,
                 bool versioned) {
  if (versioned) VersionBuiltEntries(*table, bookmark);
  Record &record = table->records[bookmark];
  // The node's data as the write leaves it flagged deleted (Table::flaggedRows), and as it was.
  std::optional<RowPtr> flaggedBefore;
  if (!table->flaggedRows.empty()) {
    auto flagged = table->flaggedRows.find(bookmark);
    if (flagged != table->flaggedRows.end()) {
      flaggedBefore = flagged->second;
      if (row != nullptr) table->flaggedRows.erase(flagged);
    }
  }
  if (row == nullptr) {
    RowPtr taken = PhysicalRow(record);
    // (A write lock on a deleted record writes no row: the node keeps its data.)
    if (taken != nullptr) table->flaggedRows[bookmark] = std::move(taken);
  }
  // An unversioned write makes no version through an index's cursor: given as its own
  // `before`, the row notes none.
  AddIndexEntries(s, table, bookmark, versioned ? LatestRow(record) : row, row);
  const bool hadPending = record.hasPending && record.writer == &s;
  RowPtr previous = hadPending ? record.pending : nullptr;
  record.writer = &s;
  record.hasPending = true;
  record.pending = row;
  // The session's own read locks and deltas are part of its write now (the row it writes
  // was read with its deltas in it); a rollback of this write gives them back.
  std::vector<SharedChange> folded;
  for (auto it = record.shared.begin(); it != record.shared.end();) {
    if (it->session == &s) {
      folded.push_back(*it);
      it = record.shared.erase(it);
    } else {
      ++it;
    }
  }
  SessionState &state = StateOf(s);
  state.touched.push_back(Touched{db, table, bookmark});
  TrackChangedDatabase(s, state, db);
  if (!versioned) return;
  // A record written again in the transaction: the rows before this write (EarlierRows).
  if (hadPending) {
    EarlierRows &earlier = state.earlierRows[{table.get(), bookmark}];
    // (Left by a write whose undo found the record gone, the rows no longer lead here.)
    if (earlier.latest != previous) earlier.rows.clear();
    earlier.rows.push_back(previous);
    earlier.latest = row;
    earlier.keyCounts.clear();
  }
  Session *session = &s;
  PushUndo(s, [db, table, bookmark, session, hadPending, previous, row, folded, flaggedBefore] {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    auto it = table->records.find(bookmark);
    if (it == table->records.end() || it->second.writer != session) return;
    Record &r = it->second;
    // A write over a node flagged deleted replaced its data; undone, the node has it back.
    if (flaggedBefore) {
      table->flaggedRows[bookmark] = *flaggedBefore;
    } else if (row == nullptr) {
      table->flaggedRows.erase(bookmark);
    }
    if (hadPending) {
      r.pending = previous;
    } else {
      r.hasPending = false;
      r.writer = nullptr;
      r.pending.reset();
      r.shared.insert(r.shared.end(), folded.begin(), folded.end());
    }
    // An insert that made its record's node: see CleanUpUndoneInsert (past one page's nodes
    // its nodes alone go, at once). One over a node flagged deleted made no node: it took that
    // node back, and undone, the node is flagged again with its data.
    if (r.Unused() && !flaggedBefore && table->records.size() <= kOnePageNodesMost) {
      // The undone insert's node is flagged deleted with the data the insert wrote
      // (ver.cxx ErrVERIUndoInsertPhysical); the cleanup below keeps it only as the page's
      // last node.
      if (row != nullptr) table->flaggedRows[bookmark] = row;
      std::vector<EnteredIndex> entered;
      for (Index &index : table->indexes) {
        if (index.Primary()) continue;
        std::vector<Bytes> keys = KeysOf(*table, index, row);
        if (!keys.empty()) entered.push_back({&index, std::move(keys)});
      }
      CleanUpUndoneInsert(session->GetInstance(), *table, bookmark, std::move(entered));
      return;
    }
    EarlierRows *earlier = nullptr;
    if (hadPending) {
      auto &records = StateOf(*session).earlierRows;
      auto found = records.find({table.get(), bookmark});
      if (found != records.end() && found->second.latest == row && found->second.rows.back() == previous) {
        TakeBackLatest(*table, found->second, previous);
        if (found->second.rows.empty()) {
          records.erase(found);
        } else {
          earlier = &found->second;
        }
      }
    }
    if (r.Unused()) LeaveGhost(*table, it);
    CleanUpUndoneEntries(session->GetInstance(), *table, bookmark, row, earlier);
  });
}

void LockRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark) {
  auto it = table->records.find(bookmark);
  if (it == table->records.end()) return;
  if (it->second.hasPending && it->second.writer == &s) return;
  WriteRecord(s, db, table, bookmark, PhysicalRow(it->second));
}

struct CommitRecordScratch;

// Logs the commit record `encode` writes, unless it writes nothing (returns false; then
// `*logged` is false). The record is built in a buffer each engine thread keeps, behind room
// for its header: a commit of many rows neither allocates its image afresh nor copies it.
template <typename Encode>
jet::Err AppendCommitRecord(storage::LogStream &log, Encode encode, storage::Lsn *lsn, storage::Lsn *end,
                            bool *logged) {
  storage::ByteWriter &record = ThreadScratch<storage::ByteWriter, CommitRecordScratch>();
  record.Clear();
  record.Zeros(storage::LogStream::kRecordHeaderSize);
  *logged = encode(&record);
  if (!*logged) return jet::err::Success;
  const jet::Err err = log.AppendInPlace(redo::kCommit, &record.Out(), lsn, end);
  record.Release(kCommitBufferKept);
  return err;
}

jet::Err ChangeCommittedRows(Session &s, const DatabasePtr &db, Table &table, RecordTree::iterator it,
                             const std::function<RowPtr(const Row &)> &change) {
  InlineVector<Version> &committed = it->second.committed;
  if (committed.empty() || committed.back().row == nullptr) return jet::err::Success;
  RowPtr newest = change(*committed.back().row);
  storage::LogStream *log = LogOf(s);
  if (log != nullptr && db->logId != 0 && !table.deleted) {
    // Logged before it is made, as ESE logs a page change: a failed append changes nothing.
    storage::Lsn lsn = 0, end = 0;
    bool logged = false;
    const jet::Err err = AppendCommitRecord(
        *log,
        [&](storage::ByteWriter *record) {
          redo::EncodeRecordImage(*db, table, it->first, *newest, record);
          return true;
        },
        &lsn, &end, &logged);
    if (err < jet::err::Success) return err;
  }
  committed.back().row = std::move(newest);
  for (std::size_t i = committed.size() - 1; i > 0 && committed[i].kinds != 0 && committed[i - 1].row != nullptr; --i) {
    committed[i - 1].row = change(*committed[i - 1].row);
  }
  ++db->changes;
  return jet::err::Success;
}

void AddSharedChange(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark,
                     SharedChange change) {
  static std::atomic<std::uint64_t> nextId{1};
  Record &record = table->records[bookmark];
  change.id = nextId++;
  change.session = &s;
  record.shared.push_back(change);
  SessionState &state = StateOf(s);
  state.touched.push_back(Touched{db, table, bookmark});
  TrackChangedDatabase(s, state, db);
  const std::uint64_t id = change.id;
  PushUndo(s, [db, table, bookmark, id] {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    auto it = table->records.find(bookmark);
    if (it == table->records.end()) return;
    auto &changes = it->second.shared;
    changes.erase(std::remove_if(changes.begin(), changes.end(), [id](const SharedChange &c) { return c.id == id; }),
                  changes.end());
    // Only a record whose delete committed is left with no version: its node stays, flagged.
    if (it->second.Unused()) LeaveGhost(*table, it);
  });
}

// ---- transaction hooks ---------------------------------------------------------------------

void OnBeginOutermost(Session &s) {
  SessionState &state = StateOf(s);
  ReleaseSnapshot(s, state);
  // Runs before the core reads the clock for the snapshot, and reads it under the lock that
  // commits read the horizon under: either a commit sees this registration, or the snapshot
  // is at least that commit's time and needs none of the versions it drops.
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  state.snapshot = s.GetInstance()->CurrentTimestamp();
  state.snapshotRegistered = true;
  g_snapshots[s.GetInstance()].insert(state.snapshot);
}

namespace {

bool Mine(const SharedChange &change, const Session &s) { return change.session == &s; }

// The row a commit of the session's deltas leaves: the newest committed row with them
// added (escrow deltas commute, so commits of several sessions add up in any order), or
// none when a JET_bitColumnDeleteOnZero column reaches zero and no other session has a
// change left on the record (ESE deletes such a record once its version is cleaned up,
// ver.cxx VER::ErrVERIDelete / FINALIZETASK).
RowPtr CommittedSum(const Record &record, const RowPtr &latest,
                    const std::function<bool(const SharedChange &)> &which, bool othersLeft) {
  RowPtr row = WithDeltas(latest, record, which);
  if (!row || othersLeft) return row;
  for (const SharedChange &change : record.shared) {
    if (IsDelta(change.kind) && change.deleteOnZero && which(change) &&
        EscrowBytes(*row, change.column, change.fallback) == 0) {
      return nullptr;
    }
  }
  return row;
}

// Commits the session's read locks and deltas on the record as one version.
void StampShared(Session &s, Record &record, std::uint64_t commitTime) {
  std::uint8_t kinds = 0;
  bool othersLeft = false;
  for (const SharedChange &change : record.shared) {
    if (Mine(change, s)) {
      kinds |= change.kind;
    } else {
      othersLeft = true;
    }
  }
  if (kinds == 0) return;
  RowPtr latest = record.committed.empty() ? nullptr : record.committed.back().row;
  RowPtr row = CommittedSum(record, latest, [&](const SharedChange &c) { return Mine(c, s); }, othersLeft);
  record.committed.push_back(Version{commitTime, row, kinds});
  record.shared.erase(std::remove_if(record.shared.begin(), record.shared.end(),
                                     [&](const SharedChange &c) { return Mine(c, s); }),
                      record.shared.end());
}

}  // namespace

bool PrepareSharedCommit(Session &s, Record &record, RowPtr *row) {
  bool any = false;
  bool othersLeft = record.hasPending;
  for (SharedChange &change : record.shared) {
    if (Mine(change, s) && IsDelta(change.kind)) {
      change.committing = true;
      any = true;
    }
  }
  if (!any) return false;
  for (const SharedChange &change : record.shared) othersLeft = othersLeft || !change.committing;
  RowPtr latest = record.committed.empty() ? nullptr : record.committed.back().row;
  *row = CommittedSum(record, latest, [](const SharedChange &c) { return c.committing; }, othersLeft);
  return true;
}

namespace {

// Deleted columns that no open transaction began before leave their tables (the table keeps
// their descriptions, as ESE's does, for JetGetTableColumnInfo by column id).
void RetireDeletedColumns(Database &db, std::uint64_t horizon) {
  auto &retiring = db.retiringColumns;
  const auto retired = [horizon](const Database::RetiringColumn &r) {
    std::vector<Column> &columns = r.table->columns;
    auto it = std::find_if(columns.begin(), columns.end(), [&r](const Column &c) { return c.id == r.id; });
    if (it == columns.end()) return true;
    if (it->deletedAt > horizon) return false;
    if (it->Autoincrement()) {
      r.table->deletedAutoinc = *it;
      r.table->deletedAutoincAt = it->deletedAt;
    }
    r.table->dropped.push_back(*it);
    columns.erase(it);
    return true;
  };
  retiring.erase(std::remove_if(retiring.begin(), retiring.end(), retired), retiring.end());
}

// Makes the transaction's changes visible: a new commit time on every record version it
// wrote. Caller holds every changed database's lock exclusively.
void Stamp(Session &s, SessionState &state, const std::vector<DatabasePtr> &databases) {
  ReleaseSnapshot(s, state);
  if (!state.touched.empty() || !state.createdTables.empty() || !state.renamedTables.empty() ||
      !state.deletedTables.empty() || !state.addedColumns.empty() || !state.deletedColumns.empty() ||
      !state.changedColumnRows.empty() || !state.createdIndexes.empty()) {
    const std::uint64_t commitTime = s.GetInstance()->AdvanceTimestamp();
    for (const auto &created : state.createdTables) created.second->createdAt = commitTime;
    for (const auto &renamed : state.renamedTables) {
      if (renamed.second->uncommittedRenamer == &s) renamed.second->renamedAt = commitTime;
    }
    for (const auto &deleted : state.deletedTables) {
      if (deleted.second->uncommittedDeleter == &s) deleted.second->deletedAt = commitTime;
    }
    for (const SessionState::ChangedColumn &added : state.addedColumns) {
      for (Column &column : added.table->columns) {
        if (column.id != added.id) continue;
        (added.unversioned ? column.catalogAddedAt : column.addedAt) = commitTime;
      }
    }
    for (const SessionState::ChangedColumn &deleted : state.deletedColumns) {
      for (Column &column : deleted.table->columns) {
        if (column.id != deleted.id || column.uncommittedDeleter != &s) continue;
        column.uncommittedDeleter = nullptr;
        column.deletedAt = commitTime;
        deleted.db->retiringColumns.push_back({deleted.table, deleted.id});
      }
    }
    for (const SessionState::ChangedColumn &changed : state.changedColumnRows) {
      for (Column &column : changed.table->columns) {
        if (column.id == changed.id) column.catalogRowChangedAt = commitTime;
      }
    }
    for (const SessionState::CreatedIndex &created : state.createdIndexes) {
      Index *index = FindIndex(*created.table, created.folded);
      if (index != nullptr && index->uncommittedCreator == &s) index->createdAt = commitTime;
    }
    const std::uint64_t horizon = Horizon(s.GetInstance());
    for (const Touched &t : state.touched) {
      auto it = t.table->records.find(t.bookmark);
      if (it == t.table->records.end()) continue;
      Record &record = it->second;
      if (record.hasPending && record.writer == &s) {
        record.committed.push_back(Version{commitTime, record.pending});
        record.hasPending = false;
        record.writer = nullptr;
        record.pending.reset();
      } else {
        StampShared(s, record, commitTime);
      }
      Prune(*t.table, it, horizon);
    }
    for (const DatabasePtr &db : databases) {
      if (!db->retiringColumns.empty()) RetireDeletedColumns(*db, horizon);
      // A committed delete no transaction began before is gone for every session.
      auto &deletedTables = db->deletedTables;
      deletedTables.erase(std::remove_if(deletedTables.begin(), deletedTables.end(),
                                         [horizon](const TablePtr &t) { return t->deletedAt != 0 && t->deletedAt <= horizon; }),
                          deletedTables.end());
    }
  }
  for (const DatabasePtr &db : databases) ++db->changes;
}

std::vector<std::unique_lock<std::shared_mutex>> LockAll(const std::vector<DatabasePtr> &databases) {
  std::vector<std::unique_lock<std::shared_mutex>> locks;
  for (const DatabasePtr &db : databases) locks.emplace_back(db->lock);
  return locks;
}

}  // namespace

namespace {

// The tables the transaction created, the columns it added and the indexes it created, once
// it has ended: every session finds them now, as far as its snapshot allows (or, rolled
// back, none does).
void ForgetCreatedSchema(const Session &s, SessionState &state) {
  for (const auto &[db, table] : state.createdTables) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    table->uncommittedCreator = nullptr;
  }
  state.createdTables.clear();
  for (const auto &[db, table] : state.renamedTables) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    if (table->uncommittedRenamer == &s) table->uncommittedRenamer = nullptr;
  }
  state.renamedTables.clear();
  for (const auto &[db, table] : state.deletedTables) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    if (table->uncommittedDeleter == &s) table->uncommittedDeleter = nullptr;
  }
  state.deletedTables.clear();
  for (const SessionState::ChangedColumn &added : state.addedColumns) {
    std::unique_lock<std::shared_mutex> lock(added.db->lock);
    for (Column &column : added.table->columns) {
      if (column.id != added.id) continue;
      column.uncommittedAdder = nullptr;
      column.catalogAdder = nullptr;
    }
  }
  state.addedColumns.clear();
  for (const SessionState::ChangedColumn &deleted : state.deletedColumns) {
    std::unique_lock<std::shared_mutex> lock(deleted.db->lock);
    for (Column &column : deleted.table->columns) {
      if (column.id == deleted.id && column.uncommittedDeleter == &s) column.uncommittedDeleter = nullptr;
    }
  }
  state.deletedColumns.clear();
  state.changedColumnRows.clear();
  for (const SessionState::CreatedIndex &created : state.createdIndexes) {
    std::unique_lock<std::shared_mutex> lock(created.db->lock);
    Index *index = FindIndex(*created.table, created.folded);
    if (index != nullptr && index->uncommittedCreator == &s) index->uncommittedCreator = nullptr;
  }
  state.createdIndexes.clear();
}

}  // namespace

jet::Err OnCommitOutermost(Session &s, jet::Grbit grbit) {
  SessionState &state = StateOf(s);
  if (state.logError < jet::err::Success) return state.logError;
  std::vector<DatabasePtr> databases;
  for (const SessionState::ChangedDatabase &changed : state.changedDatabases) databases.push_back(changed.db);
  // Always in dbid order, so that two commits never wait on each other's locks.
  std::sort(databases.begin(), databases.end(),
            [](const DatabasePtr &a, const DatabasePtr &b) { return a->dbid < b->dbid; });
  storage::LogStream *log = LogOf(s);
  storage::Lsn lsn = 0, end = 0;
  bool durable = false;
  {
    // Every database the transaction changed is locked while its record is logged and the
    // versions are stamped, so a transaction that begins after the new commit time cannot
    // read any of them before they carry it, and a checkpoint sees all of it or none.
    auto locks = LockAll(databases);
    if (log != nullptr) {
      bool logged = false;
      const jet::Err err = AppendCommitRecord(
          *log, [&](storage::ByteWriter *record) { return redo::EncodeCommit(s, state, record); }, &lsn, &end,
          &logged);
      if (err < jet::err::Success) return err;
      durable = logged && (grbit & jet::bit::CommitLazyFlush) == 0;
    }
    if (durable) {
      // As in ESE, a durable commit becomes visible once its record is on disk; meanwhile
      // its records stay locked, and checkpoints stay before it.
      for (const DatabasePtr &db : databases) db->inflightCommits.insert(lsn);
    } else {
      Stamp(s, state, databases);
    }
  }
  if (durable) {
    const jet::Err err = log->WaitDurable(end);
    auto locks = LockAll(databases);
    for (const DatabasePtr &db : databases) db->inflightCommits.erase(db->inflightCommits.find(lsn));
    if (err < jet::err::Success) return err;
    Stamp(s, state, databases);
  }
  EndSchemaTransaction(s, state, true);
  state.touched.clear();
  state.earlierRows.clear();
  ForgetChangedDatabases(state, s.GetInstance()->CurrentTimestamp());
  ForgetCreatedSchema(s, state);
  return jet::err::Success;
}

jet::Err OnLogRequest(Session &s, jet::Grbit request) {
  storage::LogStream *log = LogOf(s);
  if (log == nullptr) return jet::err::Success;
  return request == jet::bit::ForceNewLog ? log->StartNewGeneration() : log->FlushAll();
}

void OnRolledBack(Session &s, bool outermost) {
  SessionState &state = StateOf(s);
  if (outermost) {
    // Their creation is undone; the tables are gone from the catalog.
    ForgetCreatedSchema(s, state);
  }
  if (state.schemaTransaction != 0) {
    if (outermost) {
      EndSchemaTransaction(s, state, false);
    } else {
      // The undone schema changes of the inner level are logged as changes of the
      // transaction, which recovery undoes too if it never ends.
      for (const DatabasePtr &db : state.schemaDatabases) {
        std::unique_lock<std::shared_mutex> lock(db->lock);
        LogSchemaChanges(s, state, db, state.schemaTransaction);
      }
    }
  }
  // The updates prepared in the levels rolled back are cancelled.
  CancelUpdatesAbove(state, s.Transactions().Level());
  // dir.cxx ErrDIRRollback closes the deferred cursors the levels rolled back opened.
  auto &deferred = state.deferredIndexCursors;
  const int level = s.Transactions().Level();
  deferred.erase(std::remove_if(deferred.begin(), deferred.end(),
                                [level](const SessionState::DeferredIndexCursor &d) { return d.levelOpen > level; }),
                 deferred.end());
  if (!outermost) {
    ForgetDatabasesChangedAbove(state, level);
    return;
  }
  state.mustRollbackToLevel0 = false;
  ReleaseDeferredClosed(state);
  ReleaseSnapshot(s, state);
  state.touched.clear();
  state.earlierRows.clear();
  // Undone, its versions are nullified, which any cleanup removes.
  ForgetChangedDatabases(state, 1);
}

bool MustRollbackToLevel0(Session &s) { return StateOf(s).mustRollbackToLevel0; }

void OnSessionEnd(Session &s) {
  std::unique_ptr<SessionState> state = TakeStateOf(s);
  if (!state) return;
  // Its transaction has been rolled back already; a schema one must say so in the log.
  EndSchemaTransaction(s, *state, false);
  ForgetChangedDatabases(*state, 1);
  ReleaseSnapshot(s, *state);
  while (!state->cursors.empty()) CloseCursor(*state, state->cursors.back());
  ReleaseDeferredClosed(*state);
  ReleaseDatabases(s, *state);
}

}  // namespace data
}  // namespace emu
