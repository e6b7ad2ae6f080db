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
// A level-1 commit, before the core drops the transaction's undo actions: stamps the
// transaction's record versions with a new commit time, then writes the databases it
// changed unless `grbit` asks for a lazy flush.
void OnCommitOutermost(Session &session, jet::Grbit grbit);
// The transaction has been rolled back to level 0 (its undo actions have run).
void OnRolledBackOutermost(Session &session);
// The session is about to be freed (JetEndSession, JetTerm): its transaction has been rolled
// back; closes its cursors and databases.
void OnSessionEnd(Session &session);
// JetTerm, after OnSessionEnd for every session: writes and detaches the instance's databases.
void OnInstanceTerm(Instance &instance);

}  // namespace data
}  // namespace emu
