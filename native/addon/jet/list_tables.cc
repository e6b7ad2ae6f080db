#include "list_tables.h"

#include <cstring>
#include <string>

namespace esent {
namespace raw {
namespace {

// One value, read whole (a second read with the size the engine reported when the scratch
// buffer was too small). Null for a NULL column.
jet::Err ReadValue(const EngineTable &engine, Napi::Env env, const char *operation, jet::Sesid sesid,
                   jet::Tableid tableid, jet::Columnid columnid, std::string *out, bool *isNull) {
  unsigned char *scratch = Scratch();
  jet::ULong actual = 0;
  jet::Err err = ENTRY(RetrieveColumn)(sesid, tableid, columnid, scratch, kScratchSize, &actual, 0, nullptr);
  if (err < 0) return err;
  *isNull = err == jet::wrn::ColumnNull;
  if (*isNull) return err;
  if (actual <= kScratchSize) {
    out->assign(reinterpret_cast<const char *>(scratch), actual);
    return err;
  }
  out->assign(actual, '\0');
  return ENTRY(RetrieveColumn)(sesid, tableid, columnid, &(*out)[0], actual, &actual, 0, nullptr);
}

Napi::Value ToValue(Napi::Env env, ListValue kind, const std::string &bytes, bool isNull) {
  if (isNull) return kind == ListValue::kText ? Napi::String::New(env, "") : env.Null();
  switch (kind) {
    case ListValue::kLong: {
      std::int32_t v = 0;
      std::memcpy(&v, bytes.data(), std::min<size_t>(sizeof v, bytes.size()));
      return Number(env, v);
    }
    case ListValue::kULong: {
      std::uint32_t v = 0;
      std::memcpy(&v, bytes.data(), std::min<size_t>(sizeof v, bytes.size()));
      return Number(env, v);
    }
    case ListValue::kShort: {
      std::int16_t v = 0;
      std::memcpy(&v, bytes.data(), std::min<size_t>(sizeof v, bytes.size()));
      return Number(env, v);
    }
    case ListValue::kText: {
      std::u16string text(bytes.size() / 2, u'\0');
      std::memcpy(&text[0], bytes.data(), text.size() * 2);
      return Napi::String::New(env, text);
    }
    case ListValue::kBytes:
      return CopyToBuffer(env, bytes.data(), bytes.size());
  }
  return env.Null();
}

}  // namespace

Napi::Array ReadListTable(Napi::Env env, const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid,
                          const std::vector<ListColumn> &columns, const char *operation) {
  auto closeTable = [&] {
    if (engine.CloseTable) engine.CloseTable(sesid, tableid);
  };
  Napi::Array rows = Napi::Array::New(env);
  jet::Err err = engine.Move ? engine.Move(sesid, tableid, jet::MoveFirst, 0) : jet::err::EntryPointNotFound;
  while (err >= 0) {
    Napi::Object row = Napi::Object::New(env);
    for (const ListColumn &column : columns) {
      std::string bytes;
      bool isNull = false;
      const jet::Err read = ReadValue(engine, env, operation, sesid, tableid, column.columnid, &bytes, &isNull);
      if (read < 0) {
        closeTable();
        ThrowJetError(env, read, operation);
      }
      row.Set(column.property, ToValue(env, column.kind, bytes, isNull));
    }
    rows.Set(rows.Length(), row);
    err = engine.Move(sesid, tableid, jet::MoveNext, 0);
  }
  closeTable();
  if (err != jet::err::NoCurrentRecord) ThrowJetError(env, err, operation);
  return rows;
}

}  // namespace raw
}  // namespace esent
