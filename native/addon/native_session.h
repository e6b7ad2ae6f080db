// The native side of a facade Session: the session handle, its own context value, and a
// FIFO queue of calls that run one at a time on the libuv pool. Every call is wrapped in
// JetSetSessionContext(context) ... JetResetSessionContext on whichever thread runs it,
// which is what lets one transaction stay open across many awaits and pool threads.
// A trip to the pool leaves as soon as a call is queued on an idle session, and takes along
// every call queued before it finishes, in order: calls made together (a begin that is not
// awaited before the next call, say) share one thread hop, which is what a call costs.
#pragma once

#include "addon_napi.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "session_calls/session_call.h"

namespace esent {

namespace pool {
class Claim;
class ClaimTrip;
}  // namespace pool

class NativeSession : public Napi::ObjectWrap<NativeSession> {
 public:
  static void Register(Napi::Env env, Napi::Object exports);

  explicit NativeSession(const Napi::CallbackInfo &info);
  ~NativeSession() override;

  // Runs `call` with the session's context wrapped around it, on the current thread.
  void Execute(SessionCall &call, CallOutcome &outcome);

  // Identifies this session among all sessions of the process, for the lifetime of the
  // process: what the cursors it opens are stamped with.
  std::uint64_t Id() const { return id_; }

  // A JavaScript method of the class and the parser of its call (session_calls.h).
  struct Method;

  // The pool claim whose session this is (new NativeSession(sesid, claim)), or null. A pool
  // session's calls run on the thread that holds the claim, which keeps the claim's context
  // set throughout (pool/claim.h), instead of on the libuv pool with set/reset around each.
  const std::shared_ptr<pool::Claim> &PoolClaim() const { return claim_; }

 private:
  friend class pool::ClaimTrip;

  // A call waiting in the queue or travelling in a trip, with the promise it settles.
  struct PendingCall {
    std::unique_ptr<SessionCall> call;
    Napi::Promise::Deferred deferred;
    CallOutcome outcome;
  };
  class Trip;

  // Settles one call on the JavaScript thread. Never throws; returns false when the
  // environment can no longer run JavaScript (a Worker being torn down).
  bool Settle(Napi::Env env, PendingCall &pending);
  // Called on the JavaScript thread when a trip is over: settles its calls in order,
  // then sends the calls queued meanwhile. Never throws.
  void FinishTrip(Napi::Env env, std::vector<PendingCall> &calls, const Napi::Error *failure);
  void OnTripDone(bool canContinue);
  void StartTrip();
  // Calls queued or on the pool, not yet settled.
  size_t Pending();
  // On the pool thread: moves the next waiting call to the end of `trip`, or returns false
  // when the trip should end.
  bool TakeNext(std::vector<PendingCall> *trip);

  // Every queued method and its ...Sync twin: reads the arguments with the method's
  // parser, then queues the call or runs it on the calling thread.
  Napi::Value Call(const Napi::CallbackInfo &info);
  Napi::Value Enqueue(Napi::Env env, std::unique_ptr<SessionCall> call);
  Napi::Value RunSync(Napi::Env env, const char *syncName, std::unique_ptr<SessionCall> call);
  [[noreturn]] void ThrowEnded(Napi::Env env, const char *what);
  Napi::Value RejectEnded(Napi::Env env, const char *what);

  Napi::Value GetHandle(const Napi::CallbackInfo &info);
  Napi::Value GetContext(const Napi::CallbackInfo &info);
  Napi::Value GetPending(const Napi::CallbackInfo &info);
  Napi::Value GetEnded(const Napi::CallbackInfo &info);
  Napi::Value GetLastThreadId(const Napi::CallbackInfo &info);

  std::uint64_t id_ = 0;
  jet::Sesid sesid_ = 0;
  // Unique per live session and never 0 or all bits set: the address of this object.
  jet::ApiPtr context_ = 0;
  const EngineTable *engine_ = nullptr;
  std::shared_ptr<pool::Claim> claim_;

  // Shared with the pool thread of the running trip, which takes calls from its front.
  std::mutex queueMutex_;
  std::deque<PendingCall> queue_;  // waiting, not yet taken by a trip
  size_t takenByTrip_ = 0;         // calls the running trip has taken
  bool tripRunning_ = false;       // JavaScript thread only: a trip is out (one at a time)
  bool ending_ = false;             // end() was called; later calls are refused
  bool ended_ = false;              // JetEndSession succeeded
  std::atomic<std::uint64_t> lastThreadId_{0};
};

}  // namespace esent
