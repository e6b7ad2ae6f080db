// Little-endian encoding of the emulator's files (database images, log records, the
// checkpoint file), whatever the host: files move between machines. The reader treats its
// input as hostile: every read is bounds-checked, and a failed read poisons the reader so
// that callers check once at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace emu {
namespace storage {

class ByteWriter {
 public:
  void U8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(std::uint16_t v) { Raw(v, 2); }
  void U32(std::uint32_t v) { Raw(v, 4); }
  void U64(std::uint64_t v) { Raw(v, 8); }
  void Bytes(const std::string &b) {
    U32(static_cast<std::uint32_t>(b.size()));
    out_ += b;
  }
  void Text(const std::u16string &s) {
    U32(static_cast<std::uint32_t>(s.size()));
    for (char16_t c : s) U16(c);
  }
  void Append(const std::string &raw) { out_ += raw; }
  // `n` zero bytes, to be filled in later through Out().
  void Zeros(std::size_t n) { out_.append(n, '\0'); }
  // Room for `n` bytes at the end, to be filled through the pointer returned (with Put32 and
  // PutBytes): one growth of the buffer for a run of writes whose size is known.
  char *Extend(std::size_t n) {
    const std::size_t at = out_.size();
    out_.resize(at + n);
    return &out_[at];
  }
  static void Put32(char *&at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) *at++ = static_cast<char>((v >> (8 * i)) & 0xFF);
  }
  // As Bytes: the length, then the bytes.
  static void PutBytes(char *&at, const std::string &b) {
    Put32(at, static_cast<std::uint32_t>(b.size()));
    std::memcpy(at, b.data(), b.size());
    at += b.size();
  }
  // Empties the writer but keeps its buffer, so that a writer reused for many records
  // allocates only when a record outgrows every earlier one.
  void Clear() { out_.clear(); }
  // Gives the buffer back when it holds more than `most` bytes of capacity.
  void Release(std::size_t most) {
    if (out_.capacity() > most) std::string().swap(out_);
  }
  std::string &Out() { return out_; }
  std::size_t Size() const { return out_.size(); }

 private:
  void Raw(std::uint64_t v, std::size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // The host's order is the files' order: the bytes go in as they are.
    char bytes[8];
    std::memcpy(bytes, &v, sizeof bytes);
    out_.append(bytes, n);
#else
    for (std::size_t i = 0; i < n; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
#endif
  }
  std::string out_;
};

class ByteReader {
 public:
  ByteReader(const char *p, std::size_t n) : p_(p), n_(n) {}
  explicit ByteReader(const std::string &s) : p_(s.data()), n_(s.size()) {}

  bool ok() const { return ok_; }
  void Fail() { ok_ = false; }
  std::size_t Remaining() const { return ok_ ? n_ - at_ : 0; }
  bool AtEnd() const { return ok_ && at_ == n_; }

  std::uint8_t U8() { return static_cast<std::uint8_t>(Uint(1)); }
  std::uint16_t U16() { return static_cast<std::uint16_t>(Uint(2)); }
  std::uint32_t U32() { return static_cast<std::uint32_t>(Uint(4)); }
  std::uint64_t U64() { return Uint(8); }
  bool Bool() {
    const std::uint8_t v = U8();
    if (v > 1) ok_ = false;
    return v == 1;
  }
  // A length-prefixed byte string of at most `most` bytes.
  std::string Bytes(std::size_t most = SIZE_MAX) {
    const std::uint32_t n = U32();
    if (!ok_ || n > most || n_ - at_ < n) return Failed<std::string>();
    std::string b(p_ + at_, n);
    at_ += n;
    return b;
  }
  // A length-prefixed UTF-16 string of at most `most` characters.
  std::u16string Text(std::size_t most = SIZE_MAX) {
    const std::uint32_t n = U32();
    if (!ok_ || n > most || (n_ - at_) / 2 < n) return Failed<std::u16string>();
    std::u16string s(n, u'\0');
    for (std::uint32_t i = 0; i < n; ++i) s[i] = static_cast<char16_t>(U16());
    return s;
  }
  // A count of elements that each take at least `minElementSize` bytes: a count the rest of
  // the input cannot hold is refused before anything is allocated for it.
  std::uint32_t Count(std::size_t minElementSize) {
    const std::uint32_t n = U32();
    if (!ok_ || (minElementSize > 0 && n > (n_ - at_) / minElementSize)) return Failed<std::uint32_t>();
    return n;
  }

 private:
  template <typename T>
  T Failed() {
    ok_ = false;
    return T();
  }
  std::uint64_t Uint(std::size_t n) {
    if (!ok_ || n_ - at_ < n) return Failed<std::uint64_t>();
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t(static_cast<unsigned char>(p_[at_ + i])) << (8 * i);
    at_ += n;
    return v;
  }

  const char *p_;
  std::size_t n_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace storage
}  // namespace emu
