// The native side of a facade Session: the session handle, its own context value, and a
// FIFO queue of calls that run one at a time on the addon's engine threads
// (engine_threads.h). Every call is wrapped in JetSetSessionContext(context) ...
// JetResetSessionContext on whichever thread runs it, which is what lets one transaction
// stay open across many awaits and threads. Finished calls come back through the
// environment's Completions and are settled in order, many per turn of the event loop.
#pragma once

#include "addon_napi.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "completions.h"
#include "engine_threads.h"
#include "session_calls/session_call.h"

namespace esent {

class NativeSession;

namespace pool {
class Claim;
class ClaimTrip;
}  // namespace pool

// A call waiting in the queue or running, with the promise it settles. Deleting one is
// memory only (no JavaScript handle is released), so it may happen on any thread, after its
// environment is gone.
struct PendingCall : Completion {
  PendingCall(NativeSession *owner, std::unique_ptr<SessionCall> work, Napi::Promise::Deferred promise);
  ~PendingCall() override;
  void Settle(Napi::Env env) override;
  // How many exist in the process: calls queued, running or waiting to be settled, or lost.
  static std::int64_t Live();

  NativeSession *session;  // kept alive (referenced) while any of its calls is outstanding
  std::unique_ptr<SessionCall> call;
  Napi::Promise::Deferred deferred;
  CallOutcome outcome;
};

// What the engine threads see of a session: its handle, context and queue. Shared with the
// NativeSession object so that a thread finishing a call never outlives what it touches.
class SessionCore : public Runnable {
 public:
  SessionCore(jet::Sesid sesid, const EngineTable *engine, std::shared_ptr<Completions> completions);

  // Runs `call` with the session's context wrapped around it, on the current thread.
  void Execute(SessionCall &call, CallOutcome &outcome);
  // Runs `call` as it is: for a pool session, on the thread holding its claim, which keeps
  // the claim's context set throughout.
  void ExecuteHeld(SessionCall &call, CallOutcome &outcome);
  // JavaScript thread: queues `pending`, scheduling the session if it was idle.
  void Enqueue(PendingCall *pending);
  void RunOnEngineThread() override;

  jet::Sesid Sesid() const { return sesid_; }
  jet::ApiPtr Context() const { return reinterpret_cast<jet::ApiPtr>(this); }
  std::uint64_t LastThreadId() const { return lastThreadId_.load(std::memory_order_relaxed); }

 private:
  const jet::Sesid sesid_;
  const EngineTable *const engine_;
  const std::shared_ptr<Completions> completions_;
  std::mutex mutex_;
  std::deque<PendingCall *> queue_;  // under mutex_
  bool scheduled_ = false;           // under mutex_: queued on, or running on, an engine thread
  std::atomic<std::uint64_t> lastThreadId_{0};
};

class NativeSession : public Napi::ObjectWrap<NativeSession> {
 public:
  static void Register(Napi::Env env, Napi::Object exports);

  explicit NativeSession(const Napi::CallbackInfo &info);
  ~NativeSession() override;

  // Identifies this session among all sessions of the process, for the lifetime of the
  // process: what the cursors it opens are stamped with.
  std::uint64_t Id() const { return id_; }

  // A JavaScript method of the class and the parser of its call (session_calls.h).
  struct Method;

  // Settles one finished call on the JavaScript thread. Never throws.
  void Settle(Napi::Env env, PendingCall &pending);

  // The pool claim whose session this is (new NativeSession(sesid, claim)), or null. A pool
  // session's calls run in batches on the thread that holds the claim (pool/claim.h), not
  // on the engine threads.
  const std::shared_ptr<pool::Claim> &PoolClaim() const { return claim_; }

 private:
  friend class pool::ClaimTrip;

  // Pool sessions: sends the waiting calls to the claim's thread (one batch at a time).
  void StartPoolTrip();
  // On the claim thread: moves the next waiting call to the end of `trip`, or returns false
  // when the batch should end.
  bool TakePoolCall(std::vector<PendingCall *> *trip);
  // On the JavaScript thread, when a batch is over: settles its calls in order (or rejects
  // them all with `failure`), deletes them, then sends the calls queued meanwhile.
  void FinishPoolTrip(Napi::Env env, std::vector<PendingCall *> &calls, const Napi::Error *failure);
  // A call's promise is settled: the bookkeeping of Enqueue undone.
  void CallDone();
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
  Napi::Value GetEndedFlag(const Napi::CallbackInfo &info);
  bool Ended() const { return endedFlag_[0] != 0; }
  void MarkEnded();
  Napi::Value GetLastThreadId(const Napi::CallbackInfo &info);

  std::uint64_t id_ = 0;
  std::shared_ptr<SessionCore> core_;
  std::shared_ptr<Completions> completions_;
  size_t outstanding_ = 0;  // calls queued or running, not yet settled
  bool ending_ = false;     // end() was called; later calls are refused
  // JetEndSession succeeded: 1 in a byte JavaScript reads without calling in (`endedFlag`).
  // Every facade call checks it, and an accessor call through N-API costs more than a
  // thousand instructions.
  std::uint8_t *endedFlag_ = nullptr;
  Napi::Reference<Napi::Uint8Array> endedFlagRef_;

  std::shared_ptr<pool::Claim> claim_;
  std::mutex poolMutex_;
  std::deque<PendingCall *> poolQueue_;  // under poolMutex_: waiting for the claim's thread
  bool poolTripRunning_ = false;         // JavaScript thread only: a batch is out
};

}  // namespace esent
