// The wire format between lib/ (lib/row-codec.ts) and the session calls: keys and rows
// prepared on the JavaScript thread, records read back on the pool thread.
//
// All integers u32 little-endian; a value length of 0xFFFFFFFF is null:
//   value  := length, bytes[length]
//   key    := partCount, value * partCount               (one value per index segment)
//   row    := entryCount, entry * entryCount
//   entry  := columnid, mode (0 one value, 1 all values of a multi-valued column),
//             valueCount, value * valueCount
//   rows   := rowCount, row * rowCount
// Records come back as, for each requested column in plan order:
//   valueCount, value * valueCount   (a single-valued column: 1 value, maybe null)
// and lookups prefix each record with 1 (found) or 0 (not found, nothing follows).
#pragma once

#include "../addon_napi.h"

#include <cstdint>
#include <vector>

#include "../arguments.h"
#include "esent/jet_data_api.h"

namespace esent {
namespace session_calls {

constexpr std::uint32_t kNullLength = 0xFFFFFFFFu;

// One value, pointing into the bytes it was read from.
struct Bytes {
  const std::uint8_t *data = nullptr;
  std::uint32_t size = 0;
  bool isNull = true;
};

struct Entry {
  jet::Columnid columnid = 0;
  bool allValues = false;
  std::vector<Bytes> values;
};

using Row = std::vector<Entry>;
using Key = std::vector<Bytes>;

// Reads the input forms; a malformed buffer is a RangeError of the call (`args`).
class Reader {
 public:
  Reader(const Arguments &args, const std::vector<std::uint8_t> &bytes) : args_(args), bytes_(bytes) {}

  std::uint32_t U32();
  Bytes Value();
  // A count of items that take at least `leastBytes` each: never more than the bytes left
  // can hold, so that a malformed count cannot make a huge allocation.
  std::uint32_t Count(size_t leastBytes);
  Key ReadKey();
  Row ReadRow();
  // Refuses trailing bytes.
  void End() const;

 private:
  void Need(size_t n) const;

  const Arguments &args_;
  const std::vector<std::uint8_t> &bytes_;
  size_t at_ = 0;
};

// Input Buffers are copied: the pool thread owns its bytes.
std::vector<std::uint8_t> CopyBuffer(const Arguments &args, const Napi::Value &value, const char *name);

// A key and the bytes it points into.
struct OwnedKey {
  std::vector<std::uint8_t> bytes;
  Key key;
};

// The one key of a call (the Buffer argument `value`).
OwnedKey ReadOwnedKey(const Arguments &args, const Napi::Value &value);

// Writing the output forms.
void PutU32(std::vector<std::uint8_t> &out, std::uint32_t v);
void PatchU32(std::vector<std::uint8_t> &out, size_t at, std::uint32_t v);
void PutValue(std::vector<std::uint8_t> &out, const std::uint8_t *data, std::uint32_t size);
inline void PutNull(std::vector<std::uint8_t> &out) { PutU32(out, kNullLength); }

// The output bytes as a Buffer for JavaScript.
Napi::Value BufferOf(Napi::Env env, const std::vector<std::uint8_t> &bytes);

}  // namespace session_calls
}  // namespace esent
