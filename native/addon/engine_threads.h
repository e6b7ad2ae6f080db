// The threads the addon owns to run session calls, shared by every JavaScript environment
// of the process (the main thread and each Worker).
//
// A session with calls waiting is scheduled here once; one engine thread at a time runs
// it, taking its calls in order, so each session's calls stay in FIFO order and different
// sessions run in parallel. An idle thread spins for a short while before it parks: a
// serial chain of awaited calls (call, settle, next call) then finds a thread still awake
// instead of paying a wake-up per call.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace esent {

class Runnable : public std::enable_shared_from_this<Runnable> {
 public:
  virtual ~Runnable() = default;
  // Runs on an engine thread, never on two at once for one runnable.
  virtual void RunOnEngineThread() = 0;
};

class EngineThreads {
 public:
  // The process's threads, started on first use and never stopped: a parked thread costs
  // nothing, and one that ended would have to be joined at an exit we do not control.
  static EngineThreads &Get();

  // Queues `runnable` to run once on some engine thread. Any thread may call it.
  void Schedule(std::shared_ptr<Runnable> runnable);

 private:
  struct Node;
  EngineThreads();
  void Loop();
  std::shared_ptr<Runnable> Take();
  std::shared_ptr<Runnable> PopLocked();

  std::mutex mutex_;
  std::condition_variable wake_;
  Node *head_ = nullptr;
  Node *tail_ = nullptr;
  int parked_ = 0;                 // under mutex_
  std::atomic<int> queued_{0};     // read without the lock by spinning threads
  std::atomic<int> spinning_{0};
};

}  // namespace esent
