#include "claim_trip.h"

#include "../jet_error.h"

namespace esent {
namespace pool {

void ClaimTrip::Run() {
  while (session_->TakeNext(&calls_)) {
    NativeSession::PendingCall &current = calls_.back();
    session_->Execute(*current.call, current.outcome);
  }
}

void ClaimTrip::Finish(Napi::Env env) { session_->FinishTrip(env, calls_, nullptr); }

void ClaimTrip::FailWaiting(Napi::Env env, NativeSession *session, const char *code, const char *message) {
  std::vector<NativeSession::PendingCall> calls;
  while (session->TakeNext(&calls)) {
  }
  Napi::Error failure = BindingError(env, code, message);
  session->FinishTrip(env, calls, &failure);
}

}  // namespace pool
}  // namespace esent
