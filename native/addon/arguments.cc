#include "arguments.h"

#include <cmath>
#include <limits>

namespace esent {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

}  // namespace

const char *ValueKind(const Napi::Value &value) {
  switch (value.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "a boolean";
    case napi_number: return "a number";
    case napi_string: return "a string";
    case napi_symbol: return "a symbol";
    case napi_object:
      if (value.IsArray()) return "an array";
      if (value.IsArrayBuffer()) return "an ArrayBuffer";
      return "an object";
    case napi_function: return "a function";
    case napi_external: return "an external";
    case napi_bigint: return "a bigint";
  }
  return "an unknown value";
}

Arguments::Arguments(const Napi::CallbackInfo &info, const char *function, size_t minCount, size_t maxCount)
    : info_(info), function_(function) {
  size_t n = info.Length();
  if (n < minCount || n > maxCount) {
    std::string expected = minCount == maxCount ? std::to_string(minCount)
                                                : std::to_string(minCount) + " to " + std::to_string(maxCount);
    ThrowType("expected " + expected + " argument" + (maxCount == 1 ? "" : "s") + ", got " + std::to_string(n));
  }
}

void Arguments::ThrowType(const std::string &message) const {
  throw Napi::TypeError::New(info_.Env(), std::string(function_) + ": " + message);
}

void Arguments::ThrowRange(const std::string &message) const {
  throw Napi::RangeError::New(info_.Env(), std::string(function_) + ": " + message);
}

jet::ApiPtr Arguments::Handle(size_t i, const char *name) const {
  Napi::Value value = info_[i];
  if (!value.IsBigInt()) {
    ThrowType(std::string("'") + name + "' must be a bigint handle, got " + ValueKind(value));
  }
  Napi::BigInt big = value.As<Napi::BigInt>();
  bool lossless = false;
  std::uint64_t unsignedValue = big.Uint64Value(&lossless);
  if (lossless && unsignedValue <= std::numeric_limits<jet::ApiPtr>::max()) {
    return static_cast<jet::ApiPtr>(unsignedValue);
  }
  std::int64_t signedValue = big.Int64Value(&lossless);
  constexpr std::int64_t kMinSigned =
      sizeof(jet::ApiPtr) == 8 ? std::numeric_limits<std::int64_t>::min() : std::int64_t(INT32_MIN);
  if (lossless && signedValue < 0 && signedValue >= kMinSigned) {
    return static_cast<jet::ApiPtr>(signedValue);
  }
  ThrowRange(std::string("'") + name + "' is outside the range of a " + std::to_string(sizeof(jet::ApiPtr) * 8) +
             "-bit handle");
}

std::uint32_t Arguments::UInt32(size_t i, const char *name, std::uint32_t fallback) const {
  if (IsAbsent(i)) return fallback;
  Napi::Value value = info_[i];
  if (!value.IsNumber()) ThrowType(std::string("'") + name + "' must be a number, got " + ValueKind(value));
  double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0) || std::floor(d) != d) {
    ThrowRange(std::string("'") + name + "' must be an integer from 0 to 2^32-1");
  }
  return static_cast<std::uint32_t>(d);
}

std::int32_t Arguments::Int32(size_t i, const char *name) const {
  Napi::Value value = info_[i];
  if (!value.IsNumber()) ThrowType(std::string("'") + name + "' must be a number, got " + ValueKind(value));
  double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= -2147483648.0 && d <= 2147483647.0) || std::floor(d) != d) {
    ThrowRange(std::string("'") + name + "' must be a 32-bit signed integer");
  }
  return static_cast<std::int32_t>(d);
}

std::int64_t Arguments::Int64(size_t i, const char *name, std::int64_t fallback) const {
  if (IsAbsent(i)) return fallback;
  Napi::Value value = info_[i];
  if (value.IsBigInt()) {
    bool lossless = false;
    std::int64_t v = value.As<Napi::BigInt>().Int64Value(&lossless);
    if (!lossless) ThrowRange(std::string("'") + name + "' is outside the 64-bit signed range");
    return v;
  }
  if (value.IsNumber()) {
    double d = value.As<Napi::Number>().DoubleValue();
    if (!(d >= -kMaxSafeInteger && d <= kMaxSafeInteger) || std::floor(d) != d) {
      ThrowRange(std::string("'") + name + "' must be a safe integer or a bigint");
    }
    return static_cast<std::int64_t>(d);
  }
  ThrowType(std::string("'") + name + "' must be a bigint or a number, got " + ValueKind(value));
}

jet::ApiPtr Arguments::Pointer(size_t i, const char *name) const {
  Napi::Value value = info_[i];
  if (value.IsBigInt()) return Handle(i, name);
  if (value.IsNumber()) {
    double d = value.As<Napi::Number>().DoubleValue();
    if (!(d >= 0 && d <= kMaxSafeInteger) || std::floor(d) != d ||
        d > static_cast<double>(std::numeric_limits<jet::ApiPtr>::max())) {
      ThrowRange(std::string("'") + name + "' must be a non-negative safe integer or a bigint");
    }
    return static_cast<jet::ApiPtr>(d);
  }
  ThrowType(std::string("'") + name + "' must be a bigint or a number, got " + ValueKind(value));
}

bool Arguments::String(size_t i, const char *name, bool optional, std::u16string *out) const {
  if (i >= info_.Length() || info_[i].IsUndefined() || info_[i].IsNull()) {
    if (optional) return false;
    ThrowType(std::string("'") + name + "' must be a string, got " +
              (i >= info_.Length() ? "undefined" : ValueKind(info_[i])));
  }
  Napi::Value value = info_[i];
  if (!value.IsString()) ThrowType(std::string("'") + name + "' must be a string, got " + ValueKind(value));
  *out = value.As<Napi::String>().Utf16Value();
  if (out->find(u'\0') != std::u16string::npos) {
    ThrowType(std::string("'") + name + "' must not contain NUL characters");
  }
  return true;
}

Napi::Function Arguments::Function(size_t i, const char *name) const {
  Napi::Value value = info_[i];
  if (!value.IsFunction()) ThrowType(std::string("'") + name + "' must be a function, got " + ValueKind(value));
  return value.As<Napi::Function>();
}

std::u16string ReadString(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsString()) args.ThrowType(std::string("'") + name + "' must be a string");
  std::u16string s = value.As<Napi::String>().Utf16Value();
  if (s.find(u'\0') != std::u16string::npos) args.ThrowType(std::string("'") + name + "' must not contain NUL");
  return s;
}

std::vector<std::u16string> ReadStringList(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsArray()) args.ThrowType(std::string("'") + name + "' must be an array of strings");
  Napi::Array list = value.As<Napi::Array>();
  std::vector<std::u16string> out;
  for (uint32_t i = 0; i < list.Length(); ++i) out.push_back(ReadString(args, list.Get(i), name));
  return out;
}

std::uint32_t ReadU32(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsNumber()) args.ThrowType(std::string("'") + name + "' must be a number");
  double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0) || static_cast<double>(static_cast<std::uint32_t>(d)) != d) {
    args.ThrowRange(std::string("'") + name + "' must be an integer from 0 to 2^32-1");
  }
  return static_cast<std::uint32_t>(d);
}

}  // namespace esent
