// The parsers of the two calls that end a pool run (run_end_calls.cc), for the method table
// of native_session.cc.
#pragma once

#include "../session_calls/session_call.h"

namespace esent {
namespace pool {

// How endRun ends the run's transaction.
enum class RunEndMode : std::uint32_t {
  Commit = 0,    // commit the run's level; levels left open inside it are rolled back
  None = 1,      // the run had no transaction of its own: roll back any left open
  Rollback = 2,  // roll back every level
};

// endRun(mode, commitGrbit) -> Promise<{ errno, operation, leftOpen }>
std::unique_ptr<SessionCall> EndRun(const Napi::CallbackInfo &info, const char *method, std::uint64_t session);
// handOff() -> Promise<level>
std::unique_ptr<SessionCall> HandOff(const Napi::CallbackInfo &info, const char *method, std::uint64_t session);

}  // namespace pool
}  // namespace esent
