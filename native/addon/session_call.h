// One call on a session, as the session queue runs it: the work to do with the engine
// (on a pool thread, or on the calling thread for the ...Sync twins) and how its result
// becomes a JavaScript value afterwards.
#pragma once

#include "addon_napi.h"

#include <string>

#include "../loader/engine_library.h"
#include "engine_access.h"

namespace esent {

// What a call ended with: 0 or a warning, or the error of the Jet function that failed.
struct CallOutcome {
  jet::Err err = 0;
  const char *operation = "";
  std::string detail;  // extra words for the message (a missing entry point's name)

  bool Failed() const { return err < 0; }
  void Fail(jet::Err e, const char *op, std::string d = std::string()) {
    err = e;
    operation = op;
    detail = std::move(d);
  }
};

// The entry point `fn` if the library has it; otherwise records JET_errEntryPointNotFound
// naming `symbol` (unless an earlier failure is already recorded) and returns null.
template <typename Fn>
Fn Available(Fn fn, const char *symbol, CallOutcome &outcome) {
  if (!fn && !outcome.Failed()) outcome.Fail(jet::err::EntryPointNotFound, symbol, MissingEntryPointDetail(symbol));
  return fn;
}

// Records `err` as the failure of `operation` if it is an error; returns whether it was not.
inline bool Succeeded(jet::Err err, const char *operation, CallOutcome &outcome) {
  if (err < 0) {
    outcome.Fail(err, operation);
    return false;
  }
  return true;
}

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

}  // namespace esent
