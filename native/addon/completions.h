// Where session calls finished on engine threads come back to their JavaScript environment:
// one wake-up of the environment's event loop (a thread-safe function) however many calls
// finish, and every call finished by the time it runs is settled in that one turn, in one
// callback scope, so that promise reactions run once, after all of them. While calls are
// short, the event loop does not sleep between a call and its result: it polls, an immediate
// at a time, for a short while after each call, so a serial chain of awaited calls pays no
// wake-up of the JavaScript thread (and the engine thread no wake-up call).
#pragma once

#include "addon_napi.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace esent {

// A finished call, settled on the JavaScript thread.
class Completion {
 public:
  virtual ~Completion() = default;
  virtual void Settle(Napi::Env env) = 0;
};

class Completions {
 public:
  // The environment's completions, made on first use (JavaScript thread).
  static std::shared_ptr<Completions> Of(Napi::Env env);
  ~Completions();

  // Engine thread: hands `done` to the JavaScript thread, which settles and deletes it;
  // deletes it at once if the environment is going away.
  void Push(Completion *done);

  // False once the environment is being torn down: nothing more can be settled there.
  bool Open() const { return !closing_.load(std::memory_order_acquire); }

  // Engine thread: brackets running one call of this environment. False once the
  // environment is going away: the call must not start. Its teardown waits for the calls
  // that did start, so that the cleanup hooks after it (env_resources.h) never meet a
  // session still inside the engine.
  bool BeginRun();
  void EndRun();
  // Engine thread: how long a call of this environment just ran, for PollSoon's choice.
  void RanFor(std::chrono::steady_clock::duration took);

  // JavaScript thread: calls are outstanding (keep the event loop alive) or not.
  void AddOutstanding();
  void RemoveOutstanding();

  // JavaScript thread, after a call is queued: the event loop polls for finished calls for
  // a short while (an immediate at a time, through `poller`) instead of sleeping until an
  // engine thread wakes it, so a serial chain of awaited calls pays no wake-up.
  void PollSoon(const Napi::FunctionReference &poller);
  // JavaScript thread, from the poller's immediate: settles what has finished; false once
  // polling has stopped (nothing finished for a while), after which wake-ups take over.
  bool PollOnce(Napi::Env env);

 private:
  Completions() = default;
  static void CallJs(napi_env env, napi_value, void *context, void *);
  static void OnCleanup(void *data);
  void Drain(Napi::Env env);
  void SettleBatch(Napi::Env env, std::vector<Completion *> &batch);
  void Close();

  napi_env env_ = nullptr;  // for the JavaScript thread's calls only
  napi_threadsafe_function wake_ = nullptr;
  std::mutex mutex_;
  std::vector<Completion *> ready_;  // under mutex_
  int running_ = 0;                  // under mutex_: calls inside the engine
  std::condition_variable idle_;     // running_ fell to 0
  std::atomic<bool> closing_{false};
  size_t outstanding_ = 0;  // JavaScript thread only
  bool polling_ = false;     // under mutex_: the JavaScript thread polls; Push needs no wake-up
  bool pollScheduled_ = false;  // JavaScript thread only: the poller's immediate is queued
  std::chrono::steady_clock::time_point pollUntil_;  // JavaScript thread only
  // A running average of the calls' time in the engine, in nanoseconds: polling pays only
  // while calls come back within the poll's window.
  std::atomic<std::int64_t> typicalRunNs_{0};
  // Keeps this object alive until the environment is torn down.
  std::shared_ptr<Completions> self_;
};

}  // namespace esent
