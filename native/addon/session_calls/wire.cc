#include "wire.h"

#include <string>

namespace esent {
namespace session_calls {

std::uint32_t Reader::U32() {
  Need(4);
  const std::uint8_t *p = bytes_.data() + at_;
  at_ += 4;
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
         (std::uint32_t(p[3]) << 24);
}

Bytes Reader::Value() {
  Bytes value;
  std::uint32_t length = U32();
  if (length == kNullLength) return value;
  Need(length);
  value.isNull = false;
  value.size = length;
  value.data = bytes_.data() + at_;
  at_ += length;
  return value;
}

std::uint32_t Reader::Count(size_t leastBytes) {
  std::uint32_t n = U32();
  if (n > (bytes_.size() - at_) / leastBytes) args_.ThrowRange("malformed record buffer (truncated)");
  return n;
}

Key Reader::ReadKey() {
  std::uint32_t parts = U32();
  if (parts == 0 || parts > jet::ccolKeyMost) args_.ThrowRange("a key must have 1 to 16 parts");
  Key key(parts);
  for (Bytes &part : key) part = Value();
  return key;
}

Row Reader::ReadRow() {
  Row row(Count(12));
  for (Entry &entry : row) {
    entry.columnid = U32();
    entry.allValues = U32() == 1;
    entry.values.resize(Count(4));
    for (Bytes &value : entry.values) value = Value();
    if (!entry.allValues && entry.values.size() != 1) args_.ThrowRange("a single-valued entry needs one value");
  }
  return row;
}

void Reader::End() const {
  if (at_ != bytes_.size()) args_.ThrowRange("malformed record buffer (trailing bytes)");
}

void Reader::Need(size_t n) const {
  if (bytes_.size() - at_ < n) args_.ThrowRange("malformed record buffer (truncated)");
}

std::vector<std::uint8_t> CopyBuffer(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsBuffer()) args.ThrowType(std::string("'") + name + "' must be a Buffer");
  auto buffer = value.As<Napi::Buffer<std::uint8_t>>();
  return std::vector<std::uint8_t>(buffer.Data(), buffer.Data() + buffer.Length());
}

OwnedKey ReadOwnedKey(const Arguments &args, const Napi::Value &value) {
  OwnedKey owned;
  owned.bytes = CopyBuffer(args, value, "key");
  Reader reader(args, owned.bytes);
  owned.key = reader.ReadKey();
  reader.End();
  return owned;
}

void PutU32(std::vector<std::uint8_t> &out, std::uint32_t v) {
  std::uint8_t b[4] = {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
  out.insert(out.end(), b, b + 4);
}

void PatchU32(std::vector<std::uint8_t> &out, size_t at, std::uint32_t v) {
  out[at] = std::uint8_t(v);
  out[at + 1] = std::uint8_t(v >> 8);
  out[at + 2] = std::uint8_t(v >> 16);
  out[at + 3] = std::uint8_t(v >> 24);
}

void PutValue(std::vector<std::uint8_t> &out, const std::uint8_t *data, std::uint32_t size) {
  PutU32(out, size);
  out.insert(out.end(), data, data + size);
}

Napi::Value BufferOf(Napi::Env env, const std::vector<std::uint8_t> &bytes) {
  return Napi::Buffer<std::uint8_t>::Copy(env, bytes.data(), bytes.size());
}

}  // namespace session_calls
}  // namespace esent
