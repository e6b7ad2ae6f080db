// What the pool keeps per JavaScript environment (the main thread, each Worker): the way
// back to that thread for results, the claims it made, and what becomes of them when the
// environment goes away (a Worker terminated, or ending with a claim still held).
//
// When it goes away, work on claim threads that touches its objects is waited for (one
// batch of calls at most), nothing more is delivered to it, waiting claims leave the line,
// and every claim it holds is discarded by its claim thread: rolled back, context reset, the
// session replaced by a fresh one. That runs on threads that outlive the Worker; the
// environment waits for it (a few engine calls per claim) before it goes on tearing down.
#pragma once

#include "../addon_napi.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace esent {
namespace pool {

class Claim;

class PoolEnv {
 public:
  using Task = std::function<void(Napi::Env)>;

  // The environment's PoolEnv, made on first use. JavaScript thread only.
  static std::shared_ptr<PoolEnv> For(Napi::Env env);

  ~PoolEnv();
  PoolEnv(const PoolEnv &) = delete;
  PoolEnv &operator=(const PoolEnv &) = delete;

  // --- JavaScript thread ----------------------------------------------------------------
  // Keeps the event loop alive while work is out on claim threads, as libuv work does.
  void Hold();
  void Drop();
  void Track(const std::shared_ptr<Claim> &claim);
  void Forget(const Claim *claim);
  // The NativeClaim class of this environment (pool_api.cc).
  Napi::FunctionReference claimClass;

  // --- Any thread -----------------------------------------------------------------------
  // Runs `task` on the environment's JavaScript thread. False once the environment is going
  // away; the task is then dropped.
  bool Post(Task task);
  // Brackets work on another thread that touches this environment's objects (a batch of a
  // session's calls): the environment waits for it before it goes away. False once it is
  // going away; then the work must not start.
  bool BeginWork();
  void EndWork();
  // Brackets the discard of a claim the environment held when it went away: its cleanup
  // waits for them, so that the hooks after it (env_resources.h) find those sessions rolled
  // back and can terminate the environment's instances cleanly.
  void DiscardStarted();
  void DiscardDone();

 private:
  PoolEnv() = default;
  static void CallJs(napi_env env, napi_value, void *context, void *);
  static void Cleanup(void *arg);
  void RunTasks(Napi::Env env);

  napi_env env_ = nullptr;
  napi_threadsafe_function toJavaScript_ = nullptr;
  napi_async_context asyncContext_ = nullptr;
  Napi::ObjectReference asyncResource_;
  int holds_ = 0;          // JavaScript thread only
  bool gone_ = false;      // JavaScript thread only: Cleanup has run
  std::unordered_map<const Claim *, std::weak_ptr<Claim>> claims_;  // JavaScript thread only

  std::mutex mutex_;
  std::condition_variable workDone_;
  bool closing_ = false;
  int working_ = 0;
  int discarding_ = 0;
  std::deque<Task> tasks_;
};

}  // namespace pool
}  // namespace esent
