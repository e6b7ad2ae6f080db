// The only file of the emulator that touches the operating system's thread API, through the
// shared header the addon uses too, so both report the same ids.
#include "os_thread.h"

#include "esent/os_thread_id.h"

namespace emu {

std::uint64_t CurrentThreadId() { return esent::CurrentOsThreadId(); }

}  // namespace emu
