#include "claim_trip.h"

#include "../jet_error.h"

namespace esent {
namespace pool {

ClaimTrip::~ClaimTrip() {
  for (PendingCall *pending : calls_) delete pending;
}

void ClaimTrip::Run() {
  while (session_->TakePoolCall(&calls_)) {
    PendingCall &current = *calls_.back();
    session_->core_->ExecuteHeld(*current.call, current.outcome);
  }
}

void ClaimTrip::Finish(Napi::Env env) { session_->FinishPoolTrip(env, calls_, nullptr); }

void ClaimTrip::FailWaiting(Napi::Env env, NativeSession *session, const char *code, const char *message) {
  std::vector<PendingCall *> calls;
  while (session->TakePoolCall(&calls)) {
  }
  Napi::Error failure = BindingError(env, code, message);
  session->FinishPoolTrip(env, calls, &failure);
}

}  // namespace pool
}  // namespace esent
