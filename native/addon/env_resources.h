// What each JavaScript environment (the main thread, every Worker) has opened in the engine
// and not closed: the instances it created and the sessions it began, through the raw API or
// the facade. When an environment goes away (a Worker that exits or is terminated, or the
// main thread at exit), its cleanup hook ends those sessions, rolling back their
// transactions, and terminates those instances, so that their databases and log files are
// free again at once instead of held until the process exits.
//
// Handles are forgotten as soon as they are closed, so the hook never passes a stale one
// to an engine where handles are pointers (ESENT.dll) and could name someone else's object.
#pragma once

#include "addon_napi.h"

#include "esent/jet_api.h"

namespace esent {
namespace resources {

// Registers the environment's cleanup hook (once, at module load).
void Install(Napi::Env env);

// Any thread; `env` is the environment whose JavaScript asked for it.
void InstanceCreated(napi_env env, jet::Instance instance);
// JetInit without an instance created the legacy single instance.
void SingleInstanceCreated(napi_env env, jet::Instance instance);
// Terminated (its sessions with it). 0 or JET_instanceNil: the single instance.
void InstanceTerminated(jet::Instance instance);
void SessionBegun(napi_env env, jet::Sesid sesid, jet::Instance instance);
// JetDupSession: a new session of the same instance as `original`.
void SessionDuplicated(napi_env env, jet::Sesid original, jet::Sesid duplicate);
void SessionEnded(jet::Sesid sesid);

}  // namespace resources
}  // namespace esent
