// Cursors: the handle registry, JetOpenTableW, JetCloseTable, JetDupCursor.
#include "cursor.h"

#include <algorithm>
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

jet::Err FindCursor(Session &s, jet::Tableid tableid, Cursor **cursor) {
  if (tableid == 0 || tableid == jet::tableidNil) return jet::err::InvalidTableId;
  Cursor *found = Cursors().Find(tableid);
  if (found == nullptr) return jet::err::InvalidTableId;
  if (found->owner.load(std::memory_order_acquire) != &s) return jet::err::SesidTableIdMismatch;
  // A session's cursor can only be retired by a call on that session, so it stays ours.
  *cursor = found;
  return jet::err::Success;
}

bool StillOpen(Session &s, jet::Tableid tableid, const Cursor *cursor) {
  Cursor *found = nullptr;
  return FindCursor(s, tableid, &found) >= jet::err::Success && found == cursor;
}

jet::Err OpenCursor(Session &s, const DatabasePtr &db, const TablePtr &table, jet::Grbit grbit,
                    jet::Tableid *ptableid) {
  HandleRegistry<Cursor> &registry = Cursors();
  Cursor *cursor = registry.Reserve();
  if (cursor == nullptr) return jet::err::OutOfCursors;
  cursor->ResetForOpen();
  cursor->owner.store(&s, std::memory_order_relaxed);
  cursor->db = db;
  cursor->table = table;
  cursor->openGrbit = grbit;
  ++table->openCursors;
  StateOf(s).cursors.push_back(cursor);
  const jet::Tableid tableid = registry.Publish(cursor);
  *ptableid = tableid;
  // ESE closes the cursors a rolled-back transaction level opened (a nested commit hands them
  // to the level below, a level-0 commit keeps them).
  Session *session = &s;
  PushCursorUndo(s, [session, cursor, tableid] {
    if (!StillOpen(*session, tableid, cursor)) return;
    CloseCursor(StateOf(*session), cursor);
  });
  return jet::err::Success;
}

void CloseCursor(SessionState &state, Cursor *cursor) {
  {
    std::unique_lock<std::shared_mutex> lock(cursor->db->lock);
    --cursor->table->openCursors;
    cursor->table->currentIndexUses.Move(cursor->indexName, u"");
  }
  state.cursors.erase(std::remove(state.cursors.begin(), state.cursors.end(), cursor), state.cursors.end());
  // Cleared before the slot goes back to the free list: once retired, another thread's
  // OpenCursor may take the slot and fill it at once.
  cursor->owner.store(nullptr, std::memory_order_release);
  cursor->ResetForOpen();
  Cursors().Retire(cursor, 0);
}

void CancelUpdate(Cursor &cursor) {
  cursor.prepared = Prepared::kNone;
  cursor.copy.reset();
  cursor.replaceBookmark.clear();
  cursor.columnsSet.clear();
}

const Index *CurrentIndex(const Cursor &cursor) {
  if (cursor.indexName.empty()) return cursor.table->Primary();
  return FindIndex(*cursor.table, cursor.indexName);
}

jet::Err CheckUpdatable(Session &s, const Cursor &cursor) {
  const jet::Err err = s.Transactions().CheckUpdatable();
  if (err < jet::err::Success) return err;
  if (cursor.db->readOnly || (cursor.openGrbit & jet::bit::TableReadOnly)) return jet::err::PermissionDenied;
  return jet::err::Success;
}

jet::Err OpenTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::Grbit grbit, jet::Tableid *ptableid) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::u16string text;
  if (jet::Err nameErr = CheckName(name, &text); nameErr < jet::err::Success) return nameErr;
  std::unique_lock<std::shared_mutex> lock(db->lock);
  auto found = db->tables.find(FoldName(text));
  if (found == db->tables.end()) return jet::err::ObjectNotFound;
  if (db->readOnly && (grbit & jet::bit::TableUpdatable)) return jet::err::PermissionDenied;
  return OpenCursor(s, db, found->second, grbit, ptableid);
}

jet::Err CloseTable(Session &s, jet::Tableid tableid) {
  Cursor *cursor = nullptr;
  const jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  CloseCursor(StateOf(s), cursor);
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
