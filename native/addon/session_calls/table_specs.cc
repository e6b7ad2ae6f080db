#include "table_specs.h"

#include "wire.h"

namespace esent {
namespace session_calls {

ColumnSpec ReadColumnSpec(const Arguments &args, const Napi::Value &value) {
  if (!value.IsObject()) args.ThrowType("a column spec must be an object");
  Napi::Object c = value.As<Napi::Object>();
  ColumnSpec column;
  column.name = ReadString(args, c.Get("name"), "column name");
  column.coltyp = ReadU32(args, c.Get("coltyp"), "coltyp");
  column.cbMax = ReadU32(args, c.Get("cbMax"), "cbMax");
  column.grbit = ReadU32(args, c.Get("grbit"), "grbit");
  column.cp = ReadU32(args, c.Get("cp"), "cp");
  Napi::Value defaultValue = c.Get("defaultValue");
  if (!defaultValue.IsNull() && !defaultValue.IsUndefined()) {
    column.hasDefault = true;
    column.defaultValue = CopyBuffer(args, defaultValue, "defaultValue");
  }
  return column;
}

IndexSpec ReadIndexSpec(const Arguments &args, const Napi::Value &value) {
  if (!value.IsObject()) args.ThrowType("an index spec must be an object");
  Napi::Object x = value.As<Napi::Object>();
  IndexSpec index;
  index.name = ReadString(args, x.Get("name"), "index name");
  Napi::Value key = x.Get("key");
  if (!key.IsString()) args.ThrowType("an index key must be a string");
  index.key = key.As<Napi::String>().Utf16Value();
  index.grbit = ReadU32(args, x.Get("grbit"), "index grbit");
  Napi::Value mapFlags = x.Get("mapFlags");
  if (!mapFlags.IsNull() && !mapFlags.IsUndefined()) {
    index.unicode = true;
    index.grbit |= jet::bit::IndexUnicode;
    index.unicodeIndex.lcid = ReadU32(args, x.Get("lcid"), "lcid");
    index.unicodeIndex.dwMapFlags = ReadU32(args, mapFlags, "mapFlags");
  }
  return index;
}

}  // namespace session_calls
}  // namespace esent
