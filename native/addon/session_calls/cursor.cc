#include "cursor.h"

#include <atomic>

namespace esent {
namespace session_calls {
namespace {

const napi_type_tag kCursorTag = {0x6573656e74637572ULL, 0x736f722d74616731ULL};

}  // namespace

Napi::Value WrapCursor(Napi::Env env, const CursorRef &cursor) {
  auto external = Napi::External<CursorRef>::New(env, new CursorRef(cursor),
                                                   [](Napi::Env, CursorRef *ref) { delete ref; });
  external.TypeTag(&kCursorTag);
  return external;
}

CursorRef UnwrapCursor(const Arguments &args, const Napi::Value &value, std::uint64_t session) {
  if (!value.IsExternal() || !value.As<Napi::External<CursorRef>>().CheckTypeTag(&kCursorTag)) {
    args.ThrowType("'cursor' must be a cursor returned by openTable or scan");
  }
  CursorRef cursor = *value.As<Napi::External<CursorRef>>().Data();
  if (cursor->session != session) args.ThrowType("'cursor' belongs to another session");
  return cursor;
}

std::u16string ReadIndexName(const Arguments &args, const Napi::Value &value) {
  if (value.IsNull() || value.IsUndefined()) return std::u16string();
  return ReadString(args, value, "index");
}

bool RequireOpen(const Cursor &cursor, CallOutcome &outcome, const char *operation) {
  if (cursor.open) return true;
  outcome.Fail(jet::err::InvalidTableId, operation, "the table cursor is closed");
  return false;
}

std::atomic<std::uint64_t> g_rollbacks{0};

void NoteRollback() { g_rollbacks.fetch_add(1, std::memory_order_relaxed); }
std::uint64_t RollbacksSoFar() { return g_rollbacks.load(std::memory_order_relaxed); }

jet::Err EngineRollback(const EngineTable &engine, jet::Sesid sesid, jet::Grbit grbit) {
  const jet::Err err = engine.Rollback(sesid, grbit);
  NoteRollback();
  return err;
}

bool EnsureIndex(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const std::u16string &index,
                 CallOutcome &outcome) {
  // The primary index stays current through any rollback; a secondary one may not.
  const std::uint64_t rollbacks = RollbacksSoFar();
  if (cursor.indexKnown && cursor.index == index && (index.empty() || cursor.indexRollbacks == rollbacks)) return true;
  auto setCurrentIndex = Available(engine.SetCurrentIndex4W, "JetSetCurrentIndex4", outcome);
  if (!setCurrentIndex) return false;
  cursor.indexKnown = false;
  jet::Err err = setCurrentIndex(sesid, cursor.tableid, index.empty() ? nullptr : AsWide(index), nullptr,
                                 jet::bit::MoveFirstOnIndex, 1);
  if (err < 0 && err != jet::err::NoCurrentRecord) return Succeeded(err, "JetSetCurrentIndex4", outcome);
  cursor.index = index;
  cursor.indexKnown = true;
  cursor.indexRollbacks = rollbacks;
  return true;
}

bool MakeKey(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, const Key &key, jet::Grbit lastGrbit,
             CallOutcome &outcome) {
  auto makeKey = Available(engine.MakeKey, "JetMakeKey", outcome);
  if (!makeKey) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    const Bytes &part = key[i];
    jet::Grbit grbit = i == 0 ? jet::bit::NewKey : 0;
    if (i + 1 == key.size()) grbit |= lastGrbit;
    if (!part.isNull && part.size == 0) grbit |= jet::bit::KeyDataZeroLength;
    jet::Err err = makeKey(sesid, tableid, part.isNull ? nullptr : part.data, part.size, grbit);
    if (!Succeeded(err, "JetMakeKey", outcome)) return false;
  }
  return true;
}

bool SeekEqual(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const std::u16string &index,
               const Key &key, CallOutcome &outcome) {
  if (!EnsureIndex(engine, sesid, cursor, index, outcome)) return false;
  if (!MakeKey(engine, sesid, cursor.tableid, key, 0, outcome)) return false;
  auto seek = Available(engine.Seek, "JetSeek", outcome);
  if (!seek) return false;
  jet::Err err = seek(sesid, cursor.tableid, jet::bit::SeekEQ);
  if (err == jet::err::RecordNotFound) return false;
  return Succeeded(err, "JetSeek", outcome);
}

}  // namespace session_calls
}  // namespace esent
