// What every function of `jet` shares. Each is synchronous, named after its Jet entry
// point without the W suffix (the W variant is always the one called), and runs on the
// calling thread exactly as a C caller would run it: no hidden session contexts. Values of
// the wrong kind are TypeError/RangeError here; every value of the right kind goes to the
// engine unchanged, and a negative JET_ERR throws its typed error.
#pragma once

#include "../addon_napi.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "../arguments.h"
#include "../engine_access.h"
#include "esent/jet_data_api.h"
#include "raw_api.h"

namespace esent {
namespace raw {

// The entry point `name` of the loaded engine, or a thrown EsentEntryPointNotFoundError.
// Expects `env`, `engine` and `operation` in scope.
#define ENTRY(name) RequireEntryPoint(env, engine.name, operation, "Jet" #name)

// Adds the function `name` to the `jet` object.
#define ESENT_EXPORT_JET(jet, name) (jet).Set(#name, Napi::Function::New(env, Guarded<name>, #name));

// Returns a non-negative JET_ERR (success or a warning) as a number; throws the typed
// error for a negative one.
Napi::Value Checked(Napi::Env env, jet::Err err, const char *operation);

// The typed error for `err`, with the per-entry results of an array call attached so that
// a caller can tell which column or index was refused.
[[noreturn]] void ThrowWithEntries(Napi::Env env, jet::Err err, const char *operation,
                                   std::initializer_list<std::pair<const char *, Napi::Value>> extras);

inline Napi::Value Number(Napi::Env env, double value) { return Napi::Number::New(env, value); }

// A NUL-terminated string of at most `capacity` characters filled in by the engine.
std::u16string WideToU16(const jet::WChar *text, size_t capacity);

// An optional string argument: absent or null gives a null pointer to the engine.
inline const jet::WChar *OptionalWide(bool present, const std::u16string &text) {
  return present ? AsWide(text) : nullptr;
}

// ---- structured arguments ---------------------------------------------------------------
// Byte buffers (Buffer, any TypedArray, DataView), objects standing for JET structures and
// their fields, and the per-thread scratch buffer that small out values are read into
// before they are copied to a Buffer.

// A view of caller bytes. `present` is false for null/undefined ("no data").
struct Bytes {
  const void *data = nullptr;
  jet::ULong length = 0;
  bool present = false;
};

// The bytes of an ArrayBufferView. Throws TypeError (naming `name`) for anything else,
// and for null/undefined unless `nullable`; RangeError past 4 GiB - 1 (JET sizes are 32-bit).
Bytes ReadBytes(const Arguments &args, const Napi::Value &value, const std::string &name, bool nullable);

// A required argument that is a 32-bit unsigned number (a JET_DBID, a JET_COLUMNID, ...).
std::uint32_t RequiredUInt32(const Arguments &args, size_t i, const char *name);

// Fields of a plain object standing for a JET structure. Messages name the field by its
// path in the argument (e.g. 'tablecreate.rgcolumncreate[2].coltyp').
class Fields {
 public:
  Fields(const Arguments &args, const Napi::Value &value, std::string path);
  // Entry `index` of the array argument `array`: its path is made only for a message.
  Fields(const Arguments &args, const Napi::Value &value, const char *array, std::uint32_t index);

  Napi::Object Object() const { return object_; }
  Napi::Value Get(const char *key) const { return object_.Get(key); }
  bool Has(const char *key) const;  // present and neither undefined nor null
  std::string PathOf(const char *key) const { return Path() + "." + key; }

  std::uint32_t UInt32(const char *key, std::uint32_t fallback) const;
  std::uint32_t RequiredUInt32(const char *key) const;
  std::uint16_t UInt16(const char *key, std::uint16_t fallback) const;
  // A NUL-free string; false if absent and optional.
  bool String(const char *key, bool optional, std::u16string *out) const;

 private:
  std::uint32_t ToUInt32(const Napi::Value &value, const char *key) const;
  void CheckObject(const Napi::Value &value);
  std::string Path() const;

  const Arguments &args_;
  Napi::Object object_;
  std::string path_;
  const char *array_ = nullptr;  // with index_, stands for path_ "array[index]"
  std::uint32_t index_ = 0;
};

// The value at `i` as an array (TypeError otherwise).
Napi::Array RequireArray(const Arguments &args, const Napi::Value &value, const std::string &name);

// A per-thread buffer for out values that usually fit: read into it, then copy exactly
// the bytes returned. Each thread (main or Worker) has its own.
constexpr jet::ULong kScratchSize = 4096;
unsigned char *Scratch();

// A Buffer holding a copy of `length` bytes (an empty Buffer for 0).
Napi::Buffer<unsigned char> CopyToBuffer(Napi::Env env, const void *data, size_t length);

}  // namespace raw
}  // namespace esent
