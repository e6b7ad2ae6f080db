#include "claim_thread.h"

#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace esent {
namespace pool {
namespace {

// Allocated once and never freed: threads waiting on it may outlive static destruction.
struct IdleThreads {
  std::mutex mutex;
  std::vector<ClaimThread *> idle;
};

IdleThreads &Idle() {
  static IdleThreads *idle = new IdleThreads();
  return *idle;
}

}  // namespace

ClaimThread *ClaimThread::Acquire() {
  {
    IdleThreads &idle = Idle();
    std::lock_guard<std::mutex> lock(idle.mutex);
    if (!idle.idle.empty()) {
      ClaimThread *thread = idle.idle.back();
      idle.idle.pop_back();
      return thread;
    }
  }
  auto *thread = new ClaimThread();
  std::thread([thread] { thread->Loop(); }).detach();
  return thread;
}

void ClaimThread::Post(Job job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void ClaimThread::Retire() {
  IdleThreads &idle = Idle();
  std::lock_guard<std::mutex> lock(idle.mutex);
  idle.idle.push_back(this);
}

void ClaimThread::Loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return !jobs_.empty(); });
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    // Jobs keep their own failures to themselves; this is the last line, so the thread lives on.
    try {
      job();
    } catch (...) {
    }
  }
}

}  // namespace pool
}  // namespace esent
