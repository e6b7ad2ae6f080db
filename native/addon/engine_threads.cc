#include "engine_threads.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#if defined(_MSC_VER)
#include <intrin.h>
#endif

namespace esent {
namespace {

// How long an idle engine thread stays awake. Long enough to cover the JavaScript side of
// one settled call and the next call of an await chain; short enough to cost little when
// nothing follows.
constexpr auto kSpin = std::chrono::microseconds(50);

inline void CpuRelax() {
#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
  _mm_pause();
#elif defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

unsigned ThreadCount() {
  unsigned cores = std::thread::hardware_concurrency();
  return std::min(16u, std::max(2u, cores));
}

}  // namespace

struct EngineThreads::Node {
  std::shared_ptr<Runnable> runnable;
  Node *next = nullptr;
};

EngineThreads &EngineThreads::Get() {
  // Never destroyed: threads may still be parked in it when the process exits.
  static EngineThreads *threads = new EngineThreads();
  return *threads;
}

EngineThreads::EngineThreads() {
  for (unsigned i = ThreadCount(); i > 0; --i) std::thread([this] { Loop(); }).detach();
}

void EngineThreads::Schedule(std::shared_ptr<Runnable> runnable) {
  Node *node = new Node{std::move(runnable), nullptr};
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (tail_) tail_->next = node; else head_ = node;
    tail_ = node;
    queued_.fetch_add(1, std::memory_order_seq_cst);
    // A spinning thread takes it; otherwise one parked thread is woken.
    wake = parked_ > 0 && spinning_.load(std::memory_order_seq_cst) == 0;
  }
  if (wake) wake_.notify_one();
}

std::shared_ptr<Runnable> EngineThreads::PopLocked() {
  Node *node = head_;
  head_ = node->next;
  if (!head_) tail_ = nullptr;
  queued_.fetch_sub(1, std::memory_order_relaxed);
  std::shared_ptr<Runnable> runnable = std::move(node->runnable);
  delete node;
  // More work than this thread: pass it on to a parked one.
  if (head_ && parked_ > 0 && spinning_.load(std::memory_order_relaxed) == 0) wake_.notify_one();
  return runnable;
}

std::shared_ptr<Runnable> EngineThreads::Take() {
  if (queued_.load(std::memory_order_acquire) == 0) {
    spinning_.fetch_add(1, std::memory_order_seq_cst);
    auto deadline = std::chrono::steady_clock::now() + kSpin;
    for (unsigned i = 1; queued_.load(std::memory_order_acquire) == 0; ++i) {
      CpuRelax();
      if (i % 64 != 0) continue;
      if (std::chrono::steady_clock::now() > deadline) break;
      // On a machine with more runnable threads than cores, spinning must not keep the
      // JavaScript thread (or anyone) waiting for a core.
      std::this_thread::yield();
    }
    spinning_.fetch_sub(1, std::memory_order_seq_cst);
  }
  std::unique_lock<std::mutex> lock(mutex_);
  ++parked_;
  wake_.wait(lock, [this] { return head_ != nullptr; });
  --parked_;
  return PopLocked();
}

void EngineThreads::Loop() {
  for (;;) {
    std::shared_ptr<Runnable> runnable = Take();
    runnable->RunOnEngineThread();
  }
}

}  // namespace esent
