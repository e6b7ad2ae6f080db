// Column and index definitions as the facade sends them (createTable, addColumn,
// createIndex), read on the JavaScript thread and turned into the JET structures on the
// pool thread.
#pragma once

#include "../addon_napi.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "../arguments.h"
#include "esent/jet_data_api.h"

namespace esent {
namespace session_calls {

// { name, coltyp, cbMax, grbit, cp, defaultValue: Buffer | null }
struct ColumnSpec {
  std::u16string name;
  jet::Coltyp coltyp = 0;
  jet::ULong cbMax = 0;
  jet::Grbit grbit = 0;
  jet::ULong cp = 0;
  bool hasDefault = false;
  std::vector<std::uint8_t> defaultValue;
};

// { name, key: '+a\0-b\0' (the final NUL is added here), grbit, lcid, mapFlags: number | null }
struct IndexSpec {
  std::u16string name;
  std::u16string key;
  jet::Grbit grbit = 0;
  bool unicode = false;
  jet::UnicodeIndex unicodeIndex{0, 0};
};

ColumnSpec ReadColumnSpec(const Arguments &args, const Napi::Value &value);
IndexSpec ReadIndexSpec(const Arguments &args, const Napi::Value &value);

// Fills a JET_INDEXCREATE_W or JET_INDEXCREATE2_W (the same fields up to cbKeyMost) from
// `spec`, which must outlive it.
template <typename IndexCreate>
void FillIndexCreate(IndexSpec &spec, IndexCreate &x) {
  std::memset(&x, 0, sizeof x);
  x.cbStruct = sizeof x;
  x.szIndexName = reinterpret_cast<jet::WChar *>(&spec.name[0]);
  x.szKey = reinterpret_cast<jet::WChar *>(&spec.key[0]);
  // The key list ends with an empty string: its bytes include the string's terminator.
  x.cbKey = static_cast<jet::ULong>((spec.key.size() + 1) * sizeof(jet::WChar));
  x.grbit = spec.grbit;
  x.ulDensity = 80;
  if (spec.unicode) x.pidxunicode = &spec.unicodeIndex;
}

}  // namespace session_calls
}  // namespace esent
