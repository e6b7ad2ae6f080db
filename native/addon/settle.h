// How a call that ran off the JavaScript thread settles its promise: the one path for the
// session calls (native_session.cc) and the instance calls (instance_calls.cc).
#pragma once

#include "addon_napi.h"

#include <exception>

#include "call_outcome.h"
#include "jet_error.h"

namespace esent {

enum class Settled {
  Resolved,
  Rejected,
  // Not even a rejection could be made: JavaScript cannot run here any more (a Worker
  // being torn down).
  Unreachable,
};

// Settles `deferred` from `outcome`: rejected with the typed error of a failure, otherwise
// resolved with what `makeResult()` returns (rejected instead if that throws). Never throws.
template <typename MakeResult>
Settled SettleCall(Napi::Env env, const Napi::Promise::Deferred &deferred, const CallOutcome &outcome,
                   MakeResult &&makeResult) {
  try {
    try {
      if (outcome.Failed()) {
        deferred.Reject(
            MakeJetError(env, outcome.err, outcome.operation, outcome.detail, outcome.culpritColumn, outcome.culpritIndex));
        return Settled::Rejected;
      }
      deferred.Resolve(makeResult());
      return Settled::Resolved;
    } catch (const Napi::Error &error) {
      deferred.Reject(error.Value());
      return Settled::Rejected;
    } catch (const std::exception &e) {
      deferred.Reject(Napi::Error::New(env, e.what()).Value());
      return Settled::Rejected;
    }
  } catch (...) {
    return Settled::Unreachable;
  }
}

// Rejects `deferred` with `error`. Never throws; false when JavaScript cannot run here any more.
inline bool RejectCall(const Napi::Promise::Deferred &deferred, const Napi::Error &error) {
  try {
    deferred.Reject(error.Value());
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace esent
