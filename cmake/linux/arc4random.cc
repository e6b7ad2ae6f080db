// Linked into the Linux prebuilds only (CMakeLists.txt). The C++ runtime is linked in
// statically, and its std::random_device refers to arc4random, which glibc exports only
// from 2.36 on: with that reference bound to glibc, the prebuilds would refuse to load on
// older systems (Ubuntu 22.04, RHEL 9) although nothing in the project draws random numbers.
// This definition, hidden inside each file, satisfies the reference with getrandom (glibc
// 2.25), so the prebuilds need no glibc newer than their other imports do.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>

extern "C" __attribute__((visibility("hidden"))) std::uint32_t arc4random() {
  std::uint32_t value = 0;
  unsigned char *bytes = reinterpret_cast<unsigned char *>(&value);
  std::size_t filled = 0;
  while (filled < sizeof value) {
    ssize_t got = getrandom(bytes + filled, sizeof value - filled, 0);
    if (got > 0) filled += static_cast<std::size_t>(got);
    else if (got < 0 && errno != EINTR) break;
  }
  return value;
}
