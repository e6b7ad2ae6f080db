// The checksum of everything the emulator writes to disk: database images, log records and
// the checkpoint file. 64 bits, a word at a time; each step is a bijection of the running
// state for a given word, so a change confined to one 8-byte word (every single bit flip)
// always changes the result.
#pragma once

#include <cstddef>
#include <cstdint>

namespace emu {
namespace storage {

class Checksum {
 public:
  void Update(const void *data, std::size_t size);
  std::uint64_t Value() const;

 private:
  void Mix(std::uint64_t word);

  std::uint64_t state_ = 0x6a09e667f3bcc909ull;
  std::uint64_t length_ = 0;
  unsigned char tail_[8] = {};
  std::size_t tailSize_ = 0;
};

std::uint64_t ChecksumOf(const void *data, std::size_t size);

}  // namespace storage
}  // namespace emu
