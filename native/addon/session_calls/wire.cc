#include "wire.h"

#include <string>

namespace esent {
namespace session_calls {

Key Reader::ReadKey() {
  std::uint32_t parts = U32();
  if (parts == 0 || parts > jet::ccolKeyMost) args_.ThrowRange("a key must have 1 to 16 parts");
  Key key(parts);
  for (Bytes &part : key) part = Value();
  return key;
}

void Reader::ReadRows(std::uint32_t count, RowSet *rows) {
  rows->rowEnds_.reserve(rows->rowEnds_.size() + count);
  for (std::uint32_t r = 0; r < count; ++r) {
    const std::uint32_t entries = Count(12);
    if (r == 0) {
      // Most rows of a call set the same columns: room for as many as the first.
      rows->entries_.reserve(rows->entries_.size() + std::size_t(entries) * count);
      rows->values_.reserve(rows->values_.size() + std::size_t(entries) * count);
    }
    for (std::uint32_t e = 0; e < entries; ++e) {
      Entry entry;
      entry.columnid = U32();
      entry.allValues = U32() == 1;
      entry.valueCount = Count(4);
      entry.firstValue = static_cast<std::uint32_t>(rows->values_.size());
      if (!entry.allValues && entry.valueCount != 1) args_.ThrowRange("a single-valued entry needs one value");
      for (std::uint32_t v = 0; v < entry.valueCount; ++v) rows->values_.push_back(Value());
      rows->entries_.push_back(entry);
    }
    rows->rowEnds_.push_back(static_cast<std::uint32_t>(rows->entries_.size()));
  }
}

void Reader::End() const {
  if (at_ != bytes_.size()) args_.ThrowRange("malformed record buffer (trailing bytes)");
}

void Reader::Truncated() const { args_.ThrowRange("malformed record buffer (truncated)"); }

std::vector<std::uint8_t> CopyBuffer(const Arguments &args, const Napi::Value &value, const char *name) {
  // napi_get_buffer_info refuses anything but a Buffer, so one N-API call checks and reads it
  // (every session call passes one or two).
  void *data = nullptr;
  size_t length = 0;
  if (value.IsEmpty() || napi_get_buffer_info(value.Env(), value, &data, &length) != napi_ok) {
    args.ThrowType(std::string("'") + name + "' must be a Buffer");
  }
  const auto *bytes = static_cast<const std::uint8_t *>(data);
  return std::vector<std::uint8_t>(bytes, bytes + length);
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
