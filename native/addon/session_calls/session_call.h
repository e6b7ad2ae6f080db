// One call on a session, as the session queue runs it: the work to do with the engine
// (on a pool thread, or on the calling thread for the ...Sync twins) and how its result
// becomes a JavaScript value afterwards.
#pragma once

#include "../addon_napi.h"

#include <cstdint>
#include <memory>

#include "../../loader/engine_library.h"
#include "../call_outcome.h"

namespace esent {

class SessionCall {
 public:
  virtual ~SessionCall() = default;

  // The Jet function this call stands for, for messages.
  virtual const char *Name() const = 0;
  // Whether to run inside JetSetSessionContext/JetResetSessionContext. JetEndSession is
  // the one call that must run without a context.
  virtual bool UsesContext() const { return true; }
  // Whether success means the session no longer exists (JetEndSession).
  virtual bool EndsSession() const { return false; }
  // Runs with the engine; may be on any thread. Records failures in `outcome`.
  virtual void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) = 0;
  // The resolved value, on the JavaScript thread, when the call succeeded.
  virtual Napi::Value Result(Napi::Env env, const CallOutcome &outcome) { return Napi::Number::New(env, outcome.err); }
};

namespace session_calls {

// Reads the arguments of one call into the work it stands for. `method` is the JavaScript
// name (for messages); `session` is the NativeSession::Id of the session it is made on: a
// cursor is stamped with the session that opened it and is refused by any other.
using Parser = std::unique_ptr<SessionCall> (*)(const Napi::CallbackInfo &info, const char *method,
                                                std::uint64_t session);

}  // namespace session_calls
}  // namespace esent
