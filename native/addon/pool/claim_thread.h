// The threads that hold claims. A claim's context is set, used and reset on one thread: ESE
// lets a transaction begun under a context be committed or rolled back only by a thread that
// set that context itself, and lets a context be reset only by the thread that set it. So
// the thread that wins a session with JetSetSessionContext makes every call of the claim,
// and resets the context at the end.
//
// These threads belong to the addon, not to any JavaScript environment: a Worker that is
// terminated stops its own thread, never one of these, so a context is never left set by a
// thread that is gone.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace esent {
namespace pool {

class ClaimThread {
 public:
  using Job = std::function<void()>;

  // An idle thread, or a new one. Threads are never destroyed; idle ones wait for work.
  static ClaimThread *Acquire();
  // Runs `job` on this thread after the jobs posted before it.
  void Post(Job job);
  // Puts this thread back among the idle ones. Called on the thread itself, from a job, once
  // it holds no claim; jobs already posted still run (each checks its claim first).
  void Retire();

 private:
  ClaimThread() = default;
  void Loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
};

}  // namespace pool
}  // namespace esent
