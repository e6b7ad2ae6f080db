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

// Values laid out one after another, as a row set keeps them.
struct ValueRun {
  const Bytes *first = nullptr;
  std::uint32_t count = 0;
  const Bytes *begin() const { return first; }
  const Bytes *end() const { return first + count; }
  std::uint32_t size() const { return count; }
  const Bytes &operator[](std::size_t i) const { return first[i]; }
};

struct Entry {
  jet::Columnid columnid = 0;
  bool allValues = false;
  std::uint32_t firstValue = 0;  // where its values start in its row set's values
  std::uint32_t valueCount = 0;
};

// One row of a row set: its entries in order, each with its values.
class Row {
 public:
  struct EntryValues {
    jet::Columnid columnid;
    bool allValues;
    ValueRun values;
  };
  class Iterator {
   public:
    Iterator(const Entry *at, const Bytes *values) : at_(at), values_(values) {}
    EntryValues operator*() const {
      return EntryValues{at_->columnid, at_->allValues, ValueRun{values_ + at_->firstValue, at_->valueCount}};
    }
    Iterator &operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const Iterator &other) const { return at_ != other.at_; }

   private:
    const Entry *at_;
    const Bytes *values_;
  };
  Row(const Entry *first, const Entry *last, const Bytes *values) : first_(first), last_(last), values_(values) {}
  Iterator begin() const { return Iterator(first_, values_); }
  Iterator end() const { return Iterator(last_, values_); }

 private:
  const Entry *first_;
  const Entry *last_;
  const Bytes *values_;
};

// The rows of one call, read from its buffer. Every row's entries are one list and every
// entry's values another, so a call of a thousand rows makes a few allocations, not one per
// row and per column; the values point into the call's copy of the buffer.
class RowSet {
 public:
  std::size_t size() const { return rowEnds_.size(); }
  Row operator[](std::size_t i) const {
    const Entry *entries = entries_.data();
    return Row(entries + (i == 0 ? 0 : rowEnds_[i - 1]), entries + rowEnds_[i], values_.data());
  }

 private:
  friend class Reader;
  std::vector<Entry> entries_;
  std::vector<Bytes> values_;
  std::vector<std::uint32_t> rowEnds_;  // where each row's entries end
};

using Key = std::vector<Bytes>;

// Reads the input forms; a malformed buffer is a RangeError of the call (`args`).
class Reader {
 public:
  Reader(const Arguments &args, const std::vector<std::uint8_t> &bytes) : args_(args), bytes_(bytes) {}

  // Inline: a row of a bulk insert reads a dozen of these.
  std::uint32_t U32() {
    Need(4);
    const std::uint8_t *p = bytes_.data() + at_;
    at_ += 4;
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
           (std::uint32_t(p[3]) << 24);
  }
  Bytes Value() {
    Bytes value;
    const std::uint32_t length = U32();
    if (length == kNullLength) return value;
    Need(length);
    value.isNull = false;
    value.size = length;
    value.data = bytes_.data() + at_;
    at_ += length;
    return value;
  }
  // A count of items that take at least `leastBytes` each: never more than the bytes left
  // can hold, so that a malformed count cannot make a huge allocation.
  std::uint32_t Count(size_t leastBytes) {
    const std::uint32_t n = U32();
    if (n > (bytes_.size() - at_) / leastBytes) Truncated();
    return n;
  }
  Key ReadKey();
  // Reads `count` rows into `rows`.
  void ReadRows(std::uint32_t count, RowSet *rows);
  // Refuses trailing bytes.
  void End() const;

 private:
  void Need(size_t n) const {
    if (bytes_.size() - at_ < n) Truncated();
  }
  [[noreturn]] void Truncated() const;

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
