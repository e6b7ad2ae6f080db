// Cursors: a table cursor opened by the facade, shared by the JavaScript object that names
// it (a type-tagged External) and the calls queued on it; and putting it on a record.
#pragma once

#include "../addon_napi.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../arguments.h"
#include "session_call.h"
#include "wire.h"

namespace esent {
namespace session_calls {

// A column of the table as openTable learned it, in the order the facade named them.
struct ColumnPlan {
  jet::Columnid columnid = 0;
  jet::Coltyp coltyp = 0;
  jet::ULong cbMax = 0;
  jet::Grbit grbit = 0;
  bool multi = false;
};

using Plan = std::vector<ColumnPlan>;

struct Cursor {
  // The NativeSession::Id of the session that opened it: its tableid means nothing to any
  // other session, and its state is only ever touched by that session's trips.
  std::uint64_t session = 0;
  jet::Tableid tableid = 0;
  bool open = false;
  std::shared_ptr<const Plan> plan;
  bool indexKnown = false;  // the engine's current index is `index`
  std::u16string index;
  std::uint64_t indexRollbacks = 0;  // RollbacksSoFar() when a secondary `index` was set
  // Scans: the direction, and whether the cursor sits on a record already returned.
  std::int32_t step = jet::MoveNext;
  bool returnedCurrent = false;
};

using CursorRef = std::shared_ptr<Cursor>;

Napi::Value WrapCursor(Napi::Env env, const CursorRef &cursor);
// The cursor `value` names; a TypeError unless it is one, made by `session`.
CursorRef UnwrapCursor(const Arguments &args, const Napi::Value &value, std::uint64_t session);

// An index name argument: null or undefined is the primary index ("").
std::u16string ReadIndexName(const Arguments &args, const Napi::Value &value);

// Fails cleanly when the facade passes a cursor that is already closed (a Table used
// after close()); the JavaScript side normally refuses before queueing.
bool RequireOpen(const Cursor &cursor, CallOutcome &outcome, const char *operation = "JetCloseTable");

// A rollback puts back on its primary index every cursor whose secondary index was set in a
// rolled-back level (ESE's tm.cxx ErrIsamRollback). The addon counts the rollbacks it makes,
// process-wide, and EnsureIndex sets a secondary index again after any of them.
void NoteRollback();
std::uint64_t RollbacksSoFar();
// JetRollback as the addon makes it on its own (a failed write's transaction, a pool run's end,
// a hand-off nobody adopted): the engine's call, counted by NoteRollback.
jet::Err EngineRollback(const EngineTable &engine, jet::Sesid sesid, jet::Grbit grbit);

// Makes `index` the cursor's current index unless it is already.
bool EnsureIndex(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const std::u16string &index,
                 CallOutcome &outcome);

// JetMakeKey for each part of `key`; `lastGrbit` goes with the last part.
bool MakeKey(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, const Key &key, jet::Grbit lastGrbit,
             CallOutcome &outcome);

// Seeks `key` exactly. Returns false with no failure recorded when there is no such record.
bool SeekEqual(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const std::u16string &index,
               const Key &key, CallOutcome &outcome);

}  // namespace session_calls
}  // namespace esent
