#include "jet_helpers.h"

#include <cmath>
#include <limits>

namespace esent {
namespace raw {

Napi::Value Checked(Napi::Env env, jet::Err err, const char *operation) {
  if (err < 0) ThrowJetError(env, err, operation);
  return Napi::Number::New(env, err);
}

void ThrowWithEntries(Napi::Env env, jet::Err err, const char *operation,
                      std::initializer_list<std::pair<const char *, Napi::Value>> extras) {
  Napi::Value error = MakeJetError(env, err, operation);
  if (error.IsObject()) {
    Napi::Object object = error.As<Napi::Object>();
    for (const auto &extra : extras) object.Set(extra.first, extra.second);
  }
  throw Napi::Error(env, error);
}

std::u16string WideToU16(const jet::WChar *text, size_t capacity) {
  size_t length = 0;
  while (length < capacity && text[length] != 0) ++length;
  return std::u16string(reinterpret_cast<const char16_t *>(text), length);
}

Bytes ReadBytes(const Arguments &args, const Napi::Value &value, const std::string &name, bool nullable) {
  Bytes bytes;
  if (value.IsUndefined() || value.IsNull()) {
    if (!nullable) {
      args.ThrowType("'" + name + "' must be a Buffer or Uint8Array, got " + ValueKind(value));
    }
    return bytes;
  }
  napi_env env = value.Env();
  void *data = nullptr;
  size_t byteLength = 0;
  if (value.IsTypedArray()) {
    napi_typedarray_type type;
    size_t elements = 0;
    napi_value arrayBuffer;
    size_t offset = 0;
    NAPI_THROW_IF_FAILED(env, napi_get_typedarray_info(env, value, &type, &elements, &data, &arrayBuffer, &offset),
                         bytes);
    byteLength = value.As<Napi::TypedArray>().ByteLength();
  } else if (value.IsDataView()) {
    napi_value arrayBuffer;
    size_t offset = 0;
    NAPI_THROW_IF_FAILED(env, napi_get_dataview_info(env, value, &byteLength, &data, &arrayBuffer, &offset), bytes);
  } else {
    args.ThrowType("'" + name + "' must be a Buffer or Uint8Array" + (nullable ? " or null" : "") + ", got " +
                   ValueKind(value));
  }
  if (byteLength > std::numeric_limits<jet::ULong>::max()) {
    args.ThrowRange("'" + name + "' is larger than a JET buffer can be (4 GiB - 1 bytes)");
  }
  // A zero-length view may have no storage at all; the engine still gets a valid pointer so
  // that "empty" and "no data" stay distinguishable.
  static const unsigned char kEmpty = 0;
  bytes.data = data ? data : &kEmpty;
  bytes.length = static_cast<jet::ULong>(byteLength);
  bytes.present = true;
  return bytes;
}

std::uint32_t RequiredUInt32(const Arguments &args, size_t i, const char *name) {
  if (args.IsAbsent(i)) args.ThrowType(std::string("'") + name + "' must be a number, got undefined");
  return args.UInt32(i, name);
}

Fields::Fields(const Arguments &args, const Napi::Value &value, std::string path)
    : args_(args), path_(std::move(path)) {
  CheckObject(value);
}

Fields::Fields(const Arguments &args, const Napi::Value &value, const char *array, std::uint32_t index)
    : args_(args), array_(array), index_(index) {
  CheckObject(value);
}

void Fields::CheckObject(const Napi::Value &value) {
  if (!value.IsObject() || value.IsArray() || value.IsTypedArray()) {
    args_.ThrowType("'" + Path() + "' must be an object, got " + ValueKind(value));
  }
  object_ = value.As<Napi::Object>();
}

std::string Fields::Path() const {
  if (array_ == nullptr) return path_;
  return std::string(array_) + "[" + std::to_string(index_) + "]";
}

bool Fields::Has(const char *key) const {
  Napi::Value value = Get(key);
  return !value.IsUndefined() && !value.IsNull();
}

std::uint32_t Fields::ToUInt32(const Napi::Value &value, const char *key) const {
  if (!value.IsNumber()) {
    args_.ThrowType("'" + PathOf(key) + "' must be a number, got " + ValueKind(value));
  }
  double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0) || std::floor(d) != d) {
    args_.ThrowRange("'" + PathOf(key) + "' must be an integer from 0 to 2^32-1");
  }
  return static_cast<std::uint32_t>(d);
}

std::uint32_t Fields::UInt32(const char *key, std::uint32_t fallback) const {
  Napi::Value value = Get(key);
  if (value.IsUndefined()) return fallback;
  return ToUInt32(value, key);
}

std::uint32_t Fields::RequiredUInt32(const char *key) const { return ToUInt32(Get(key), key); }

std::uint16_t Fields::UInt16(const char *key, std::uint16_t fallback) const {
  std::uint32_t value = UInt32(key, fallback);
  if (value > 0xFFFF) args_.ThrowRange("'" + PathOf(key) + "' must be an integer from 0 to 65535");
  return static_cast<std::uint16_t>(value);
}

bool Fields::String(const char *key, bool optional, std::u16string *out) const {
  Napi::Value value = Get(key);
  if (value.IsUndefined() || value.IsNull()) {
    if (optional) return false;
    args_.ThrowType("'" + PathOf(key) + "' must be a string, got " + ValueKind(value));
  }
  if (!value.IsString()) args_.ThrowType("'" + PathOf(key) + "' must be a string, got " + ValueKind(value));
  *out = value.As<Napi::String>().Utf16Value();
  if (out->find(u'\0') != std::u16string::npos) {
    args_.ThrowType("'" + PathOf(key) + "' must not contain NUL characters");
  }
  return true;
}

Napi::Array RequireArray(const Arguments &args, const Napi::Value &value, const std::string &name) {
  if (!value.IsArray()) args.ThrowType("'" + name + "' must be an array, got " + ValueKind(value));
  return value.As<Napi::Array>();
}

unsigned char *Scratch() {
  alignas(8) static thread_local unsigned char buffer[kScratchSize];
  return buffer;
}

Napi::Buffer<unsigned char> CopyToBuffer(Napi::Env env, const void *data, size_t length) {
  if (length == 0) return Napi::Buffer<unsigned char>::New(env, 0);
  return Napi::Buffer<unsigned char>::Copy(env, static_cast<const unsigned char *>(data), length);
}

}  // namespace raw
}  // namespace esent
