// Cursors: the handle registry, JetOpenTableW, JetCloseTable, JetDupCursor.
#include "cursor.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "../engine.h"
#include "../session.h"
#include "api.h"
#include "catalog.h"
#include "databases.h"
#include "session_state.h"
#include "versions.h"

namespace emu {
namespace data {

HandleRegistry<Cursor> &Cursors() {
  static HandleRegistry<Cursor> *const registry = new HandleRegistry<Cursor>(kCursorHandleKind);
  return *registry;
}

jet::Err CheckCursorHandles(jet::Sesid sesid, jet::Tableid tableid) {
  if (sesid == 0 || sesid == jet::sesidNil) return jet::err::InvalidSesid;
  // Registry slots are never freed, so peeking at a session or cursor not entered is safe.
  const Session *session = Engine::Get().Sessions().Find(sesid);
  if (session == nullptr) return jet::err::InvalidSesid;
  if (tableid == 0 || tableid == jet::tableidNil) return jet::err::InvalidTableId;
  const Cursor *cursor = Cursors().Find(tableid);
  if (cursor == nullptr) return jet::err::InvalidTableId;
  if (cursor->owner.load(std::memory_order_acquire) != session) return jet::err::SesidTableIdMismatch;
  return jet::err::Success;
}

namespace {

jet::Err LookUpCursor(Session &s, jet::Tableid tableid, Cursor **cursor) {
  if (tableid == 0 || tableid == jet::tableidNil) return jet::err::InvalidTableId;
  Cursor *found = Cursors().Find(tableid);
  if (found == nullptr) return jet::err::InvalidTableId;
  if (found->owner.load(std::memory_order_acquire) != &s) return jet::err::SesidTableIdMismatch;
  // A session's cursor can only be retired by a call on that session, so it stays ours.
  *cursor = found;
  return jet::err::Success;
}

}  // namespace

jet::Err FindCursor(Session &s, jet::Tableid tableid, Cursor **cursor) {
  const jet::Err err = LookUpCursor(s, tableid, cursor);
  if (err < jet::err::Success) return err;
  // sortapi.cxx vtfndefIsamMustRollback: the cursor's dispatch table refuses everything.
  if ((*cursor)->mustRollback) return jet::err::IllegalOperation;
  return jet::err::Success;
}

bool StillOpen(Session &s, jet::Tableid tableid, const Cursor *cursor) {
  Cursor *found = nullptr;
  return LookUpCursor(s, tableid, &found) >= jet::err::Success && found == cursor;
}

namespace {

void EraseUser(const DatabasePtr &db, const TablePtr &table, std::uint64_t userId) {
  std::unique_lock<std::shared_mutex> lock(db->lock);
  std::vector<TableUser> &users = table->users;
  auto user = std::find_if(users.begin(), users.end(), [&](const TableUser &u) { return u.id == userId; });
  if (user != users.end()) users.erase(user);
}

void ReleaseDeferredUser(SessionState &state, std::uint64_t userId) {
  auto &deferred = state.deferredUsers;
  auto found = std::find_if(deferred.begin(), deferred.end(), [&](const SessionState::DeferredUser &d) { return d.userId == userId; });
  if (found == deferred.end()) return;
  EraseUser(found->db, found->table, found->userId);
  deferred.erase(found);
}

}  // namespace

void ReleaseDeferredClosed(SessionState &state) {
  for (const SessionState::DeferredUser &d : state.deferredUsers) EraseUser(d.db, d.table, d.userId);
  state.deferredUsers.clear();
  state.deferredIndexCursors.clear();
  for (Cursor *cursor : state.cursors) {
    cursor->versioned = false;
    cursor->indexVersioned = false;
  }
}

namespace {

std::uint64_t NextIndexCursorSerial() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

void ReleaseIndexCursor(Cursor &c) {
  Session *s = c.owner.load(std::memory_order_relaxed);
  if (c.indexVersioned && s != nullptr && s->Transactions().Level() > 0) {
    StateOf(*s).deferredIndexCursors.push_back({c.table, c.indexCursorName, c.indexLevelOpen, c.indexSerial});
  }
  c.indexVersioned = false;
  c.indexCursorName.clear();
}

int OpenIndexCursor(Session &s, Cursor &c, const std::u16string &index) {
  const int level = s.Transactions().Level();
  auto &deferred = StateOf(s).deferredIndexCursors;
  auto newest = deferred.end();
  for (auto it = deferred.begin(); it != deferred.end(); ++it) {
    if (it->table == c.table && it->index == index && (newest == deferred.end() || it->serial > newest->serial)) newest = it;
  }
  c.indexCursorName = index;
  if (newest != deferred.end()) {
    c.indexVersioned = true;
    c.indexLevelOpen = newest->levelOpen;
    c.indexSerial = newest->serial;
    deferred.erase(newest);
  } else {
    c.indexVersioned = false;
    c.indexLevelOpen = level;
    c.indexSerial = NextIndexCursorSerial();
  }
  return c.indexLevelOpen;
}

void NoteIndexVersioned(Session &s, const TablePtr &table, const std::u16string &index) {
  const int level = s.Transactions().Level();
  if (level == 0) return;
  auto &deferred = StateOf(s).deferredIndexCursors;
  for (const SessionState::DeferredIndexCursor &d : deferred) {
    if (d.table == table && d.index == index) return;
  }
  deferred.push_back({table, index, level, NextIndexCursorSerial()});
}

void CloseCursorByCall(Session &s, Cursor *cursor) {
  SessionState &state = StateOf(s);
  if (cursor->versioned && s.Transactions().Level() > 0) {
    {
      std::unique_lock<std::shared_mutex> lock(cursor->db->lock);
      for (TableUser &u : cursor->table->users) {
        if (u.id == cursor->userId) u.deferred = true;
      }
    }
    state.deferredUsers.push_back({cursor->db, cursor->table, cursor->userId});
    // CloseCursor then finds no user of its own to take away.
    cursor->userId = 0;
  }
  CloseCursor(state, cursor);
}

namespace {

std::uint64_t NextUserId() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

namespace {

// A table user for a cursor closed deferred from the start: released at level 0 or by a
// rollback of the level it came in (dir.cxx ErrDIRRollback), not by a rollback refused before it
// (tm.cxx ErrIsamRollback passes over deferred-closed cursors). Caller holds db->lock.
void AddDeferredUser(Session &s, const DatabasePtr &db, const TablePtr &table, bool denyRead, bool internalCursor) {
  SessionState &state = StateOf(s);
  TableUser user;
  user.session = &s;
  user.id = NextUserId();
  user.updatable = !db->readOnly;
  user.denyRead = denyRead;
  user.deferred = true;
  table->users.push_back(user);
  state.deferredUsers.push_back({db, table, user.id, internalCursor});
  Session *session = &s;
  const std::uint64_t userId = user.id;
  PushUndo(s, [session, userId] { ReleaseDeferredUser(StateOf(*session), userId); });
}

}  // namespace

void KeepInternalCursor(Session &s, const DatabasePtr &db, const TablePtr &table) {
  SessionState &state = StateOf(s);
  // A single change the session can commit ends at level 0 before anyone can look.
  if (s.Transactions().Level() == 0 || (state.singleChange && s.OwnsTransaction())) return;
  // ESE's insert opens its cursor through bt.cxx ErrBTOpen, which takes over the one an earlier
  // insert left; once another cursor of the session has taken that one over, the next insert
  // opens a new one, left closed deferred in its turn (extended generator seed 5772).
  for (const SessionState::DeferredUser &d : state.deferredUsers) {
    if (d.internalCursor && d.table == table && !d.taken) return;
  }
  AddDeferredUser(s, db, table, false, true);
}

bool TakeDeferredCursor(Session &s, const TablePtr &table) {
  auto &deferred = StateOf(s).deferredUsers;
  // ESE walks the session's cursors newest first.
  for (auto it = deferred.rbegin(); it != deferred.rend(); ++it) {
    if (it->table != table || it->taken) continue;
    it->taken = true;
    return true;
  }
  return false;
}

void KeepTakenCursorDenyingReads(Session &s, const DatabasePtr &db, const TablePtr &table) {
  AddDeferredUser(s, db, table, true, false);
}

namespace {

// The rollback of the level that opened `cursor`.
void UndoOpen(Session *session, Cursor *cursor, jet::Tableid tableid, std::uint64_t userId) {
  SessionState &state = StateOf(*session);
  if (StillOpen(*session, tableid, cursor)) {
    // A rollback refused to another thread closes it as JetCloseTable would (tm.cxx
    // ErrIsamRollback calls ErrDispCloseTable): one that made a version, or took over a cursor
    // closed deferred, is closed deferred again and holds the table until the transaction
    // ends (extended generator seed 13734).
    if (state.refusingRollback) {
      CloseCursorByCall(*session, cursor);
    } else {
      CloseCursor(state, cursor);
    }
    return;
  }
  // Closed in a later level after it made a version: the rollback closes it for good (dir.cxx
  // ErrDIRRollback, FUCBCloseDeferredClosed). A rollback refused to another thread passes over
  // it and leaves it to the level's real rollback (extended generator seed 2625).
  if (state.refusingRollback) {
    PushCursorUndo(*session, [session, cursor, tableid, userId] { UndoOpen(session, cursor, tableid, userId); });
    return;
  }
  ReleaseDeferredUser(state, userId);
}

}  // namespace

jet::Err OpenCursor(Session &s, const DatabasePtr &db, const TablePtr &table, jet::Grbit grbit,
                    jet::Tableid *ptableid, jet::Grbit modes, Cursor **opened) {
  HandleRegistry<Cursor> &registry = Cursors();
  Cursor *cursor = registry.Reserve();
  if (cursor == nullptr) return jet::err::OutOfCursors;
  cursor->ResetForOpen();
  cursor->owner.store(&s, std::memory_order_relaxed);
  cursor->db = db;
  cursor->table = table;
  cursor->openGrbit = grbit;
  TableUser user;
  user.session = &s;
  user.id = cursor->userId = NextUserId();
  user.updatable = !db->readOnly && !(grbit & jet::bit::TableReadOnly);
  user.denyRead = (modes & jet::bit::TableDenyRead) != 0;
  user.denyWrite = (modes & jet::bit::TableDenyWrite) != 0;
  // It takes over a cursor closed deferred, if the session has one on the table, and with it
  // that cursor's mark of having made a version.
  cursor->versioned = TakeDeferredCursor(s, table);
  table->users.push_back(user);
  StateOf(s).cursors.push_back(cursor);
  const jet::Tableid tableid = registry.Publish(cursor);
  *ptableid = tableid;
  if (opened != nullptr) *opened = cursor;
  // ESE closes the cursors a rolled-back transaction level opened (a nested commit hands them
  // to the level below, a level-0 commit keeps them).
  PushCursorUndo(s, [session = &s, cursor, tableid, userId = user.id] { UndoOpen(session, cursor, tableid, userId); });
  return jet::err::Success;
}

void CloseCursor(SessionState &state, Cursor *cursor) {
  ReleaseIndexCursor(*cursor);
  {
    std::unique_lock<std::shared_mutex> lock(cursor->db->lock);
    cursor->table->currentIndexUses.Move(cursor->indexName, u"");
    std::vector<TableUser> &users = cursor->table->users;
    auto user = std::find_if(users.begin(), users.end(), [&](const TableUser &u) { return u.id == cursor->userId; });
    if (user != users.end()) users.erase(user);
  }
  state.cursors.erase(std::remove(state.cursors.begin(), state.cursors.end(), cursor), state.cursors.end());
  // Cleared before the slot goes back to the free list: once retired, another thread's
  // OpenCursor may take the slot and fill it at once.
  cursor->owner.store(nullptr, std::memory_order_release);
  cursor->ResetForOpen();
  Cursors().Retire(cursor, 0);
}

namespace {

// A catalog entry that an open transaction (`uncommitted`) made, or one made at `madeAt`, as
// the session's transaction sees it: the maker's own until it commits, then every caller at
// level 0 and the transactions that began after the commit.
bool MadeVisible(Session &s, const Session *uncommitted, std::uint64_t madeAt) {
  if (uncommitted != nullptr) return uncommitted == &s;
  if (madeAt == 0) return true;
  const ReadView view = ViewOf(s);
  return !view.inTransaction || madeAt <= view.snapshot;
}

}  // namespace

bool CatalogVisible(Session &s, const Table &table) { return MadeVisible(s, table.uncommittedCreator, table.createdAt); }

const std::u16string &TableNameSeenBy(Session &s, const Table &table) {
  if (table.uncommittedRenamer != nullptr) return table.uncommittedRenamer == &s ? table.name : table.nameBefore;
  if (table.renamedAt != 0) {
    const ReadView view = ViewOf(s);
    if (view.inTransaction && table.renamedAt > view.snapshot) return table.nameBefore;
  }
  return table.name;
}

bool DeleteSeenBy(Session &s, const Table &table) {
  if (table.uncommittedDeleter != nullptr) return table.uncommittedDeleter == &s;
  if (table.deletedAt == 0) return true;
  const ReadView view = ViewOf(s);
  return !(view.inTransaction && table.deletedAt > view.snapshot);
}

TablePtr FindTableByName(Session &s, const Database &db, const std::u16string &folded) {
  // db.tables is keyed by the newest name; a rename `s` does not see yet leaves the table
  // under its name before, and a delete it does not see leaves it in the catalog.
  TablePtr hidden;
  auto found = db.tables.find(folded);
  if (found != db.tables.end() && FoldName(TableNameSeenBy(s, *found->second)) == folded) {
    if (CatalogVisible(s, *found->second)) return found->second;
    hidden = found->second;
  }
  for (const auto &entry : db.tables) {
    const Table &table = *entry.second;
    if ((table.uncommittedRenamer != nullptr || table.renamedAt != 0) && FoldName(TableNameSeenBy(s, table)) == folded) {
      return entry.second;
    }
  }
  for (const TablePtr &table : db.deletedTables) {
    if (!DeleteSeenBy(s, *table) && FoldName(TableNameSeenBy(s, *table)) == folded) return table;
  }
  return hidden;
}

TablePtr FindTableToOpen(Session &s, const Database &db, const std::u16string &folded) {
  // A deleted table stays in the hash under its description's name until the cleanup of its
  // delete purges it (fcb.cxx, CATHashIDelete at the purge): until then the open finds it
  // marked for deletion (JET_errTableLocked, CheckTableModes).
  auto hashed = db.catalogHash.find(folded);
  if (hashed != db.catalogHash.end()) return hashed->second;
  return FindTableByName(s, db, folded);
}

void UnhashTable(Database &db, const std::u16string &folded) { db.catalogHash.erase(folded); }

bool ColumnVisible(Session &s, const Column &column) {
  if (!MadeVisible(s, column.uncommittedAdder, column.addedAt)) return false;
  if (column.uncommittedDeleter != nullptr) return column.uncommittedDeleter != &s;
  if (column.deletedAt == 0) return true;
  // Deleted: still there for a transaction that began before the delete committed.
  const ReadView view = ViewOf(s);
  return view.inTransaction && column.deletedAt > view.snapshot;
}

bool ColumnCatalogRowVisible(Session &s, const Column &column) {
  return !column.catalogRowMissing && MadeVisible(s, column.catalogAdder, column.catalogAddedAt);
}

bool IndexVisible(Session &s, const Index &index) {
  if (index.catalogRowMissing && index.uncommittedCreator != nullptr) return false;
  return MadeVisible(s, index.uncommittedCreator, index.createdAt);
}

bool DeniesReadByUs(const Session &s, const Table &table) {
  return std::any_of(table.users.begin(), table.users.end(),
                     [&](const TableUser &u) { return u.session == &s && u.denyRead; });
}

jet::Err CheckTableModes(const Session &s, const Table &table, jet::Grbit grbit) {
  const auto other = [&](const TableUser &u) { return u.session != &s; };
  // A table another session deleted, which `s` still finds: its deleter holds it (fileopen.cxx
  // ErrFILEIOpenTable finds the table's FCB marked for deletion).
  if (table.deleted || table.deleteMarkLeft) return jet::err::TableLocked;
  // Every cursor reads, so another session's deny-read locks the table whatever is asked.
  for (const TableUser &u : table.users) {
    if (other(u) && u.denyRead) return jet::err::TableLocked;
  }
  if (grbit & jet::bit::TableUpdatable) {
    for (const TableUser &u : table.users) {
      if (other(u) && u.denyWrite) return jet::err::TableLocked;
    }
  }
  if (grbit & jet::bit::TableDenyWrite) {
    // Held already, even by this session, or another session may write: in use.
    for (const TableUser &u : table.users) {
      if (u.denyWrite || (other(u) && u.updatable)) return jet::err::TableInUse;
    }
  }
  if (grbit & jet::bit::TableDenyRead) {
    for (const TableUser &u : table.users) {
      if (other(u)) return jet::err::TableInUse;
    }
  }
  return jet::err::Success;
}

void CancelUpdate(Cursor &cursor) {
  cursor.prepared = Prepared::kNone;
  cursor.copy.reset();
  cursor.replaceBookmark.clear();
  cursor.replaceUnlocked = false;
  cursor.replaceComparedWith.reset();
  cursor.columnsSet.clear();
  cursor.mustSetAutoinc = false;
}

const Index *CurrentIndex(const Cursor &cursor) {
  if (cursor.indexName.empty()) return cursor.table->Primary();
  return FindIndex(*cursor.table, cursor.indexName);
}

// The cursor first (fucb.hxx ErrFUCBCheckUpdatable: JET_errPermissionDenied), then the session
// (ErrPIBCheckUpdatable: JET_errTransReadOnly), as fldmod.cxx ErrIsamPrepareUpdate and
// ErrIsamSetColumn(s), recupd.cxx ErrIsamDelete and ErrIsamEscrowUpdate and rec.cxx
// ErrIsamGetLock ask them.
jet::Err CheckUpdatable(Session &s, const Cursor &cursor) {
  if (cursor.db->readOnly || (cursor.openGrbit & jet::bit::TableReadOnly)) return jet::err::PermissionDenied;
  return s.Transactions().CheckUpdatable();
}

jet::Err OpenTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::Grbit grbit, jet::Tableid *ptableid) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::u16string text;
  if (jet::Err nameErr = CheckName(name, &text); nameErr < jet::err::Success) return nameErr;
  // fileopen.cxx ErrIsamOpenTable: the grbits only the engine itself may use, and those that
  // contradict each other.
  constexpr jet::Grbit kInternal = 0x10000000 | 0x20000000 | 0x40000000;  // delete, create, recovery
  if ((grbit & kInternal) || ((grbit & jet::bit::TablePermitDDL) && !(grbit & jet::bit::TableDenyRead)) ||
      ((grbit & jet::bit::TableDenyRead) && (grbit & jet::bit::TableReadOnly))) {
    return jet::err::InvalidGrbit;
  }
  // fileopen.cxx ErrFILEIOpenTable begins its level-0 transaction here, once the name's rules
  // have passed: under a session context another thread set, its commit (after the lookup)
  // and its rollback (after a failure) both fail (JET_errSessionSharingViolation), and the
  // read-only transaction stays open.
  StateOf(s).ownBegun = true;
  std::unique_lock<std::shared_mutex> lock(db->lock);
  const TablePtr found = FindTableToOpen(s, *db, FoldName(text));
  if (found == nullptr || !CatalogVisible(s, *found)) return jet::err::ObjectNotFound;
  if (db->readOnly && (grbit & jet::bit::TableUpdatable)) return jet::err::PermissionDenied;
  // ErrFILEICheckAndSetMode.
  if ((grbit & jet::bit::TableReadOnly) && (grbit & jet::bit::TableUpdatable)) return jet::err::InvalidGrbit;
  if ((err = CheckTableModes(s, *found, grbit)) < jet::err::Success) return err;
  return OpenCursor(s, db, found, grbit, ptableid, grbit & (jet::bit::TableDenyRead | jet::bit::TableDenyWrite));
}

jet::Err CloseTable(Session &s, jet::Tableid tableid) {
  Cursor *cursor = nullptr;
  const jet::Err err = LookUpCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  CloseCursorByCall(s, cursor);
  return jet::err::Success;
}

jet::Err DupCursor(Session &s, jet::Tableid tableid, jet::Tableid *ptableid, jet::Grbit) {
  Cursor *cursor = nullptr;
  const jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::unique_lock<std::shared_mutex> lock(cursor->db->lock);
  return OpenCursor(s, cursor->db, cursor->table, cursor->openGrbit, ptableid);
}

}  // namespace data
}  // namespace emu
