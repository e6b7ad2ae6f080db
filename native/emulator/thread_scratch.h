// Scratch objects each thread keeps between calls (a buffer, a vector reused per call).
//
// mingw-w64, the Windows build tested under Wine, can free the storage of a thread_local
// object before its destructor runs when the thread ends (GCC bug 83562, mingw-w64 bug 527):
// with Worker threads ending, that corrupts the heap. There each thread's object is reached
// through a thread_local pointer, which has no destructor, and is kept when the thread ends:
// a Worker leaves its scratch behind, a few kilobytes. Other toolchains destroy the object
// with its thread as usual.
#pragma once

namespace emu {

// `Site` tells apart two uses of the same type (any type, declared only).
template <typename T, typename Site>
T &ThreadScratch() {
#if defined(__MINGW32__)
  thread_local T *object = nullptr;
  if (object == nullptr) object = new T();
  return *object;
#else
  thread_local T object;
  return object;
#endif
}

}  // namespace emu
