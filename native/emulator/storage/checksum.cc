#include "checksum.h"

#include <cstring>

namespace emu {
namespace storage {
namespace {

std::uint64_t LoadLittleEndian(const unsigned char *p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

void Checksum::Mix(std::uint64_t word) {
  state_ ^= word;
  state_ *= 0x9e3779b97f4a7c15ull;  // odd: invertible
  state_ ^= state_ >> 29;            // invertible
}

void Checksum::Update(const void *data, std::size_t size) {
  const unsigned char *p = static_cast<const unsigned char *>(data);
  length_ += size;
  if (tailSize_ > 0) {
    const std::size_t take = size < 8 - tailSize_ ? size : 8 - tailSize_;
    std::memcpy(tail_ + tailSize_, p, take);
    tailSize_ += take;
    p += take;
    size -= take;
    if (tailSize_ < 8) return;
    Mix(LoadLittleEndian(tail_));
    tailSize_ = 0;
  }
  for (; size >= 8; p += 8, size -= 8) Mix(LoadLittleEndian(p));
  std::memcpy(tail_, p, size);
  tailSize_ = size;
}

std::uint64_t Checksum::Value() const {
  Checksum copy = *this;
  if (copy.tailSize_ > 0) {
    unsigned char last[8] = {};
    std::memcpy(last, copy.tail_, copy.tailSize_);
    copy.Mix(LoadLittleEndian(last));
  }
  // The length tells a run of zero bytes from a shorter one.
  copy.Mix(copy.length_);
  copy.Mix(0x5bd1e9955bd1e995ull);
  return copy.state_;
}

std::uint64_t ChecksumOf(const void *data, std::size_t size) {
  Checksum checksum;
  checksum.Update(data, size);
  return checksum.Value();
}

}  // namespace storage
}  // namespace emu
