// One batch of a pool session's calls, run on the thread that holds its claim: what the
// engine threads are for a session of its own. The claim thread keeps the claim's context
// set, so the calls run as they are, with no set/reset around each.
#pragma once

#include "../addon_napi.h"

#include <vector>

#include "../native_session.h"

namespace esent {
namespace pool {

class ClaimTrip {
 public:
  explicit ClaimTrip(NativeSession *session) : session_(session) {}
  // A batch whose settling was dropped with its environment still holds its calls.
  ~ClaimTrip();
  ClaimTrip(const ClaimTrip &) = delete;
  ClaimTrip &operator=(const ClaimTrip &) = delete;

  // On the claim thread, inside the session's gate: runs the waiting calls in order.
  void Run();
  // On the JavaScript thread: settles them, and sends the calls queued meanwhile.
  void Finish(Napi::Env env);
  // On the JavaScript thread: rejects every waiting call with a binding error (`code`,
  // `message`): the claim is no longer held, so nothing may run.
  static void FailWaiting(Napi::Env env, NativeSession *session, const char *code, const char *message);

 private:
  NativeSession *session_;
  std::vector<PendingCall *> calls_;
};

}  // namespace pool
}  // namespace esent
