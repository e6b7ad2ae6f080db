// The calling thread's operating-system id: the number ESE records as a transaction's
// owner in the thread-id model, and the one tests print to show which pool thread ran a call.
#pragma once

#include <cstdint>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__APPLE__)
#include <pthread.h>
#else
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace esent {

inline std::uint64_t CurrentOsThreadId() {
#if defined(_WIN32)
  return static_cast<std::uint64_t>(GetCurrentThreadId());
#elif defined(__APPLE__)
  std::uint64_t id = 0;
  pthread_threadid_np(nullptr, &id);
  return id;
#else
  // Cached per thread: gettid is a system call and this sits on hot paths.
  static thread_local std::uint64_t cached = static_cast<std::uint64_t>(syscall(SYS_gettid));
  return cached;
#endif
}

}  // namespace esent
