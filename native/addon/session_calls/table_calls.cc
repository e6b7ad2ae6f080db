// Tables: create (with its columns and indexes), open (learning the columns the facade
// names), and close a cursor.
#include "session_calls.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "../arguments.h"
#include "cursor.h"
#include "wire.h"

namespace esent {
namespace session_calls {
namespace {

struct ColumnSpec {
  std::u16string name;
  jet::Coltyp coltyp = 0;
  jet::ULong cbMax = 0;
  jet::Grbit grbit = 0;
  jet::ULong cp = 0;
  bool hasDefault = false;
  std::vector<std::uint8_t> defaultValue;
};

struct IndexSpec {
  std::u16string name;
  std::u16string key;  // "+a\0-b\0" with the final extra NUL added by the u16string terminator
  jet::Grbit grbit = 0;
  bool unicode = false;
  jet::UnicodeIndex unicodeIndex{0, 0};
};

struct ColumnInfo {
  bool found = false;
  jet::ColumnDef def{};
};

// Opens `name` and learns its columns and indexes: the shared second half of createTable
// and openTable.
class OpenTableCall : public SessionCall {
 public:
  OpenTableCall(std::uint64_t session, jet::Dbid dbid, std::u16string name, std::vector<std::u16string> columns,
                std::vector<std::u16string> indexes, jet::Grbit grbit)
      : dbid_(dbid), name_(std::move(name)), columnNames_(std::move(columns)), indexNames_(std::move(indexes)),
        grbit_(grbit), cursor_(std::make_shared<Cursor>()) {
    cursor_->session = session;
  }

  const char *Name() const override { return "JetOpenTable"; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto openTable = Available(engine.OpenTableW, "JetOpenTableW", outcome);
    auto closeTable = Available(engine.CloseTable, "JetCloseTable", outcome);
    auto columnInfo = Available(engine.GetTableColumnInfoW, "JetGetTableColumnInfoW", outcome);
    if (!openTable || !closeTable || !columnInfo) return;
    jet::Tableid tableid = 0;
    if (!Succeeded(openTable(sesid, dbid_, AsWide(name_), nullptr, 0, grbit_, &tableid), "JetOpenTable", outcome)) return;
    cursor_->tableid = tableid;
    cursor_->open = true;

    auto plan = std::make_shared<Plan>();
    columns_.resize(columnNames_.size());
    for (size_t i = 0; i < columnNames_.size(); ++i) {
      jet::ColumnDef def;
      std::memset(&def, 0, sizeof def);
      def.cbStruct = sizeof def;
      jet::Err err = columnInfo(sesid, tableid, AsWide(columnNames_[i]), &def, sizeof def, jet::info::ColInfo);
      ColumnPlan column;
      if (err == jet::err::ColumnNotFound) {
        columns_[i].found = false;
      } else if (!Succeeded(err, "JetGetTableColumnInfo", outcome)) {
        break;
      } else {
        columns_[i].found = true;
        columns_[i].def = def;
        column.columnid = def.columnid;
        column.coltyp = def.coltyp;
        column.cbMax = def.cbMax;
        column.grbit = def.grbit;
        column.multi = (def.grbit & jet::bit::ColumnMultiValued) != 0;
      }
      plan->push_back(column);
    }
    for (size_t i = 0; i < indexNames_.size() && !outcome.Failed(); ++i) {
      bool exists = false;
      if (!ProbeIndex(engine, sesid, indexNames_[i], &exists, outcome)) break;
      if (!exists) missingIndexes_.push_back(indexNames_[i]);
    }
    if (outcome.Failed()) {
      closeTable(sesid, tableid);
      cursor_->open = false;
      return;
    }
    cursor_->plan = std::move(plan);
  }

  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    Napi::Object result = Napi::Object::New(env);
    result.Set("cursor", WrapCursor(env, cursor_));
    result.Set("tableid", HandleToBigInt(env, cursor_->tableid));
    Napi::Array columns = Napi::Array::New(env, columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (!columns_[i].found) {
        columns.Set(static_cast<uint32_t>(i), env.Null());
        continue;
      }
      const jet::ColumnDef &def = columns_[i].def;
      Napi::Object column = Napi::Object::New(env);
      column.Set("columnid", Napi::Number::New(env, def.columnid));
      column.Set("coltyp", Napi::Number::New(env, def.coltyp));
      column.Set("cbMax", Napi::Number::New(env, def.cbMax));
      column.Set("grbit", Napi::Number::New(env, def.grbit));
      column.Set("cp", Napi::Number::New(env, def.cp));
      columns.Set(static_cast<uint32_t>(i), column);
    }
    result.Set("columns", columns);
    Napi::Array missing = Napi::Array::New(env, missingIndexes_.size());
    for (size_t i = 0; i < missingIndexes_.size(); ++i) {
      missing.Set(static_cast<uint32_t>(i),
                  Napi::String::New(env, missingIndexes_[i].data(), missingIndexes_[i].size()));
    }
    result.Set("missingIndexes", missing);
    return result;
  }

 protected:
  jet::Dbid dbid_;
  std::u16string name_;

 private:
  bool ProbeIndex(const EngineTable &engine, jet::Sesid sesid, const std::u16string &index, bool *exists,
                  CallOutcome &outcome) {
    auto setCurrentIndex = Available(engine.SetCurrentIndex4W, "JetSetCurrentIndex4W", outcome);
    if (!setCurrentIndex) return false;
    jet::Err err =
        setCurrentIndex(sesid, cursor_->tableid, AsWide(index), nullptr, jet::bit::MoveFirstOnIndex, 1);
    cursor_->indexKnown = false;
    if (err == jet::err::IndexNotFound) {
      *exists = false;
      return true;
    }
    if (err < 0 && err != jet::err::NoCurrentRecord) return Succeeded(err, "JetSetCurrentIndex4", outcome);
    *exists = true;
    cursor_->index = index;
    cursor_->indexKnown = true;
    return true;
  }

  std::vector<std::u16string> columnNames_;
  std::vector<std::u16string> indexNames_;
  jet::Grbit grbit_;
  CursorRef cursor_;
  std::vector<ColumnInfo> columns_;
  std::vector<std::u16string> missingIndexes_;
};

class CreateTableCall : public OpenTableCall {
 public:
  CreateTableCall(std::uint64_t session, jet::Dbid dbid, std::u16string name, std::vector<ColumnSpec> columns,
                  std::vector<IndexSpec> indexes, std::vector<std::u16string> columnNames,
                  std::vector<std::u16string> indexNames)
      : OpenTableCall(session, dbid, std::move(name), std::move(columnNames), std::move(indexNames), 0),
        columnSpecs_(std::move(columns)),
        indexSpecs_(std::move(indexes)) {}

  const char *Name() const override { return "JetCreateTableColumnIndex3"; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto create = Available(engine.CreateTableColumnIndex3W, "JetCreateTableColumnIndex3W", outcome);
    auto closeTable = Available(engine.CloseTable, "JetCloseTable", outcome);
    if (!create || !closeTable) return;

    std::vector<jet::ColumnCreateW> columns(columnSpecs_.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      ColumnSpec &spec = columnSpecs_[i];
      jet::ColumnCreateW &c = columns[i];
      std::memset(&c, 0, sizeof c);
      c.cbStruct = sizeof c;
      c.szColumnName = reinterpret_cast<jet::WChar *>(&spec.name[0]);
      c.coltyp = spec.coltyp;
      c.cbMax = spec.cbMax;
      c.grbit = spec.grbit;
      c.pvDefault = spec.hasDefault ? static_cast<void *>(spec.defaultValue.data()) : nullptr;
      c.cbDefault = spec.hasDefault ? static_cast<jet::ULong>(spec.defaultValue.size()) : 0;
      c.cp = spec.cp;
    }
    std::vector<jet::IndexCreate2W> indexes(indexSpecs_.size());
    for (size_t i = 0; i < indexes.size(); ++i) {
      IndexSpec &spec = indexSpecs_[i];
      jet::IndexCreate2W &x = indexes[i];
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
    jet::TableCreate3W create3;
    std::memset(&create3, 0, sizeof create3);
    create3.cbStruct = sizeof create3;
    create3.szTableName = reinterpret_cast<jet::WChar *>(&name_[0]);
    create3.rgcolumncreate = columns.data();
    create3.cColumns = static_cast<jet::ULong>(columns.size());
    create3.rgindexcreate = indexes.empty() ? nullptr : indexes.data();
    create3.cIndexes = static_cast<jet::ULong>(indexes.size());
    create3.tableid = jet::tableidNil;
    jet::Err err = create(sesid, dbid_, &create3);
    if (err < 0) {
      outcome.Fail(err, "JetCreateTableColumnIndex3");
      NameCulprit(columns, indexes, outcome);
      return;
    }
    if (create3.tableid != jet::tableidNil && create3.tableid != 0) closeTable(sesid, create3.tableid);
    OpenTableCall::Run(engine, sesid, outcome);
  }

 private:
  // The engine stops at the first column or index it refuses and sets that one's own error
  // field: it is what the error is about.
  void NameCulprit(const std::vector<jet::ColumnCreateW> &columns, const std::vector<jet::IndexCreate2W> &indexes,
                   CallOutcome &outcome) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].err < 0) {
        outcome.culpritColumn = columnSpecs_[i].name;
        return;
      }
    }
    for (size_t i = 0; i < indexes.size(); ++i) {
      if (indexes[i].err < 0) {
        outcome.culpritIndex = indexSpecs_[i].name;
        return;
      }
    }
  }

  std::vector<ColumnSpec> columnSpecs_;
  std::vector<IndexSpec> indexSpecs_;
};

class CloseCursorCall : public SessionCall {
 public:
  explicit CloseCursorCall(CursorRef cursor) : cursor_(std::move(cursor)) {}
  const char *Name() const override { return "JetCloseTable"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!cursor_->open) return;
    if (auto fn = Available(engine.CloseTable, "JetCloseTable", outcome)) {
      jet::Err err = fn(sesid, cursor_->tableid);
      if (Succeeded(err, Name(), outcome)) {
        cursor_->open = false;
        outcome.err = err;
      }
    }
  }

 private:
  CursorRef cursor_;
};

}  // namespace

std::unique_ptr<SessionCall> CreateTable(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 2, 2);
  jet::Dbid dbid = args.UInt32(0, "dbid");
  if (!info[1].IsObject()) args.ThrowType("'spec' must be an object");
  Napi::Object spec = info[1].As<Napi::Object>();
  std::u16string name = ReadString(args, spec.Get("name"), "name");
  Napi::Value columnList = spec.Get("columns");
  Napi::Value indexList = spec.Get("indexes");
  if (!columnList.IsArray() || !indexList.IsArray()) args.ThrowType("'spec' needs columns and indexes arrays");
  std::vector<ColumnSpec> columns;
  std::vector<std::u16string> columnNames;
  Napi::Array columnArray = columnList.As<Napi::Array>();
  for (uint32_t i = 0; i < columnArray.Length(); ++i) {
    Napi::Value item = columnArray.Get(i);
    if (!item.IsObject()) args.ThrowType("a column spec must be an object");
    Napi::Object c = item.As<Napi::Object>();
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
    columnNames.push_back(column.name);
    columns.push_back(std::move(column));
  }
  std::vector<IndexSpec> indexes;
  std::vector<std::u16string> indexNames;
  Napi::Array indexArray = indexList.As<Napi::Array>();
  for (uint32_t i = 0; i < indexArray.Length(); ++i) {
    Napi::Value item = indexArray.Get(i);
    if (!item.IsObject()) args.ThrowType("an index spec must be an object");
    Napi::Object x = item.As<Napi::Object>();
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
    indexNames.push_back(index.name);
    indexes.push_back(std::move(index));
  }
  return std::make_unique<CreateTableCall>(session, dbid, std::move(name), std::move(columns), std::move(indexes),
                                           std::move(columnNames), std::move(indexNames));
}

std::unique_ptr<SessionCall> OpenTable(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 5, 5);
  return std::make_unique<OpenTableCall>(session, args.UInt32(0, "dbid"), ReadString(args, info[1], "name"),
                                         ReadStringList(args, info[2], "columnNames"),
                                         ReadStringList(args, info[3], "indexNames"), args.UInt32(4, "grbit"));
}

std::unique_ptr<SessionCall> CloseCursor(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 1, 1);
  return std::make_unique<CloseCursorCall>(UnwrapCursor(args, info[0], session));
}

}  // namespace session_calls
}  // namespace esent
