// Reading JavaScript arguments into JET values. Anything that is not a value of the
// right kind at all is a TypeError or RangeError raised here; every value of the right
// kind goes to the engine unchanged, so the engine's own answer is what users see.
#pragma once

#include "addon_napi.h"

#include <cstdint>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "esent/jet_api.h"

namespace esent {

class Arguments {
 public:
  // Throws a TypeError unless the call has between minCount and maxCount arguments.
  Arguments(const Napi::CallbackInfo &info, const char *function, size_t minCount, size_t maxCount);

  size_t Count() const { return info_.Length(); }
  bool IsAbsent(size_t i) const { return i >= info_.Length() || info_[i].IsUndefined(); }

  // A pointer-sized handle (JET_INSTANCE, JET_SESID, JET_API_PTR) given as a bigint.
  // Negative values down to -2^(bits-1) stand for their two's-complement bit pattern, so
  // -1n is "all bits set" as in C.
  jet::ApiPtr Handle(size_t i, const char *name) const;
  // A 32-bit unsigned flag word or id given as a number; absent means `fallback`.
  std::uint32_t UInt32(size_t i, const char *name, std::uint32_t fallback = 0) const;
  // A JET_GRBIT: optional, default 0.
  jet::Grbit Grbit(size_t i) const { return UInt32(i, "grbit", 0); }
  // A signed 32-bit number (a JET_ERR).
  std::int32_t Int32(size_t i, const char *name) const;
  // A 64-bit signed integer given as a bigint or a safe-integer number.
  std::int64_t Int64(size_t i, const char *name, std::int64_t fallback = 0) const;
  // A pointer-sized integer given as a bigint or a non-negative safe-integer number
  // (JET_API_PTR parameter values).
  jet::ApiPtr Pointer(size_t i, const char *name) const;
  // A string without NUL characters, as UTF-16. Returns false if absent or null and
  // `optional` is set; a NUL inside would silently cut the string short in C, so it is a
  // TypeError.
  bool String(size_t i, const char *name, bool optional, std::u16string *out) const;
  // A function argument.
  Napi::Function Function(size_t i, const char *name) const;

  [[noreturn]] void ThrowType(const std::string &message) const;
  [[noreturn]] void ThrowRange(const std::string &message) const;

 private:
  const Napi::CallbackInfo &info_;
  const char *function_;
};

// Values that are not at an argument position (fields of an object, array entries), with
// messages naming them by `name`:
// a string without NUL characters, as UTF-16;
std::u16string ReadString(const Arguments &args, const Napi::Value &value, const char *name);
// an array of such strings;
std::vector<std::u16string> ReadStringList(const Arguments &args, const Napi::Value &value, const char *name);
// a 32-bit unsigned integer given as a number.
std::uint32_t ReadU32(const Arguments &args, const Napi::Value &value, const char *name);

// Runs a JavaScript-facing function so that no C++ exception other than Napi::Error reaches
// N-API (which would end the process): std::bad_alloc, for an argument or a result too big
// to hold, becomes a RangeError.
template <Napi::Value (*Fn)(const Napi::CallbackInfo &)>
Napi::Value Guarded(const Napi::CallbackInfo &info) {
  try {
    return Fn(info);
  } catch (const Napi::Error &) {
    throw;
  } catch (const std::bad_alloc &) {
    throw Napi::RangeError::New(info.Env(), "out of memory: an argument or a result is too large");
  } catch (const std::exception &e) {
    throw Napi::Error::New(info.Env(), e.what());
  }
}

// "a number", "an array", ...: what a value is, for messages.
const char *ValueKind(const Napi::Value &value);

// A bigint holding a handle as an unsigned value.
inline Napi::Value HandleToBigInt(Napi::Env env, jet::ApiPtr value) {
  return Napi::BigInt::New(env, static_cast<std::uint64_t>(value));
}

// Strings for the W entry points: JS strings are UTF-16 already.
inline const jet::WChar *AsWide(const std::u16string &s) { return reinterpret_cast<const jet::WChar *>(s.c_str()); }

}  // namespace esent
