// The calling thread's operating-system id, the value ESE records as a transaction's owner in
// the thread-id model and beside a session context.
#pragma once

#include <cstdint>

namespace emu {

std::uint64_t CurrentThreadId();

}  // namespace emu
