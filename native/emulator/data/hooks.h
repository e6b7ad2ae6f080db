// What the session, transaction and instance code tells the data layer. Each hook runs on the
// thread of the call that triggers it, with that call inside its session (or, for JetTerm,
// after every call on the instance has left).
#pragma once

#include "esent/jet_api.h"

namespace emu {

class Instance;
class Session;

namespace data {

// A level-0 begin, just before the snapshot time is taken: the record versions that
// snapshot reads must stay alive.
void OnBeginOutermost(Session &session);
// A level-1 commit, before the core drops the transaction's undo actions: logs what the
// transaction changed, waits for the log to be flushed unless `grbit` asks for a lazy flush,
// then stamps the transaction's record versions with a new commit time (they become
// visible). On failure (JET_errLogDiskFull, JET_errLogWriteFail) nothing is committed and
// the transaction stays open.
jet::Err OnCommitOutermost(Session &session, jet::Grbit grbit);
// JetCommitTransaction's log requests: JET_bitWaitLastLevel0Commit and
// JET_bitWaitAllLevel0Commit wait until every commit so far is on disk (lazy ones too),
// JET_bitForceNewLog starts a new log generation. Nothing to do without a log.
jet::Err OnLogRequest(Session &session, jet::Grbit request);
// A level has been rolled back (its undo actions have run); `outermost` when that ended the
// transaction.
void OnRolledBack(Session &session, bool outermost);
// After a commit of any level: the updates prepared in the level committed now belong to the
// level below (dir.cxx ErrDIRCommitTransaction lowers levelPrep).
void OnCommitted(Session &session);
// Whether the open transaction can only be rolled back to level 0: a versionless insert
// (JET_bitUpdateNoVersion) failed after it had changed the table (JetCommitTransaction:
// JET_errMustRollback, tm.cxx ErrIsamCommitTransaction). A rollback to level 0 clears it.
bool MustRollbackToLevel0(Session &session);
// JetRollback refused because the calling thread does not own the transaction: what ESE has
// done to the cursors by then (tm.cxx ErrIsamRollback).
void OnRollbackRefused(Session &session);
// The session is about to be freed (JetEndSession, JetTerm): its transaction has been rolled
// back; closes its cursors and databases.
void OnSessionEnd(Session &session);
// JetInit, with the engine and instance locked, once the instance's paths are settled: runs
// soft recovery and opens the log. On failure the instance stays uninitialised.
jet::Err OnInstanceInit(Instance &instance, jet::Grbit grbit);
// JetTerm, after OnSessionEnd for every session: writes and detaches the instance's
// databases and closes its log; with `dirty` (JET_bitTermDirty) leaves them for recovery.
jet::Err OnInstanceTerm(Instance &instance, bool dirty);

}  // namespace data
}  // namespace emu
