// The native side of a facade Session: the session handle, its own context value, and a
// FIFO queue of calls that run one at a time on the libuv pool. Every call is wrapped in
// JetSetSessionContext(context) ... JetResetSessionContext on whichever thread runs it,
// which is what lets one transaction stay open across many awaits and pool threads.
#pragma once

#include <napi.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>

#include "session_call.h"
#include "table_calls.h"

namespace esent {

class NativeSession : public Napi::ObjectWrap<NativeSession> {
 public:
  static void Register(Napi::Env env, Napi::Object exports);

  explicit NativeSession(const Napi::CallbackInfo &info);
  ~NativeSession() override;

  // Runs `call` with the session's context wrapped around it, on the current thread.
  void Execute(SessionCall &call, CallOutcome &outcome);
  // Called on the JavaScript thread when the running queued call has settled.
  void OnQueuedCallDone();

 private:
  class QueuedCall;

  Napi::Value Enqueue(Napi::Env env, std::unique_ptr<SessionCall> call);
  Napi::Value RunSync(Napi::Env env, const char *syncName, std::unique_ptr<SessionCall> call);
  void StartNext();
  [[noreturn]] void ThrowEnded(Napi::Env env, const char *what);
  Napi::Value RejectEnded(Napi::Env env, const char *what);

  // Queued methods: each returns a Promise.
  Napi::Value BeginTransaction(const Napi::CallbackInfo &info);
  Napi::Value Commit(const Napi::CallbackInfo &info);
  Napi::Value Rollback(const Napi::CallbackInfo &info);
  Napi::Value TransactionLevel(const Napi::CallbackInfo &info);
  Napi::Value End(const Napi::CallbackInfo &info);
  // Their twins on the calling thread.
  Napi::Value BeginTransactionSync(const Napi::CallbackInfo &info);
  Napi::Value CommitSync(const Napi::CallbackInfo &info);
  Napi::Value RollbackSync(const Napi::CallbackInfo &info);
  Napi::Value TransactionLevelSync(const Napi::CallbackInfo &info);
  Napi::Value EndSync(const Napi::CallbackInfo &info);

  // Data calls (table_calls.h): `Parse` reads the arguments into one queued call.
  template <table_calls::Parser Parse>
  Napi::Value QueueParsed(const Napi::CallbackInfo &info) {
    return Enqueue(info.Env(), Parse(info));
  }

  Napi::Value GetHandle(const Napi::CallbackInfo &info);
  Napi::Value GetContext(const Napi::CallbackInfo &info);
  Napi::Value GetPending(const Napi::CallbackInfo &info);
  Napi::Value GetEnded(const Napi::CallbackInfo &info);
  Napi::Value GetLastThreadId(const Napi::CallbackInfo &info);

  jet::Sesid sesid_ = 0;
  // Unique per live session and never 0 or all bits set: the address of this object.
  jet::ApiPtr context_ = 0;
  const EngineTable *engine_ = nullptr;

  std::deque<QueuedCall *> queue_;  // waiting, not yet handed to the pool
  bool running_ = false;            // one call is on the pool now
  bool ending_ = false;             // end() was called; later calls are refused
  bool ended_ = false;              // JetEndSession succeeded
  std::atomic<std::uint64_t> lastThreadId_{0};
};

}  // namespace esent
