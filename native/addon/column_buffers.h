// Reading the data API's structured arguments: byte buffers (Buffer, any TypedArray,
// DataView), objects standing for JET structures and their fields, and the per-thread
// scratch buffer that small out values are read into before they are copied to a Buffer.
#pragma once

#include "addon_napi.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "arguments.h"
#include "esent/jet_data_api.h"

namespace esent {

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

  Napi::Object Object() const { return object_; }
  Napi::Value Get(const char *key) const { return object_.Get(key); }
  bool Has(const char *key) const;  // present and neither undefined nor null
  std::string PathOf(const char *key) const { return path_ + "." + key; }

  std::uint32_t UInt32(const char *key, std::uint32_t fallback) const;
  std::uint32_t RequiredUInt32(const char *key) const;
  std::uint16_t UInt16(const char *key, std::uint16_t fallback) const;
  // A NUL-free string; false if absent and optional.
  bool String(const char *key, bool optional, std::u16string *out) const;

 private:
  std::uint32_t ToUInt32(const Napi::Value &value, const char *key) const;

  const Arguments &args_;
  Napi::Object object_;
  std::string path_;
};

// The value at `i` as an array (TypeError otherwise).
Napi::Array RequireArray(const Arguments &args, const Napi::Value &value, const std::string &name);

// A per-thread buffer for out values that usually fit: read into it, then copy exactly
// the bytes returned. Each thread (main or Worker) has its own.
constexpr jet::ULong kScratchSize = 4096;
unsigned char *Scratch();

// A Buffer holding a copy of `length` bytes (an empty Buffer for 0).
Napi::Buffer<unsigned char> CopyToBuffer(Napi::Env env, const void *data, size_t length);

}  // namespace esent
