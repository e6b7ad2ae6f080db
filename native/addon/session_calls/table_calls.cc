// Tables: create (with its columns and indexes), open (learning the columns the facade
// names), and close a cursor.
#include "session_calls.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "../arguments.h"
#include "cursor.h"
#include "opened_table.h"
#include "table_specs.h"
#include "wire.h"

namespace esent {
namespace session_calls {
namespace {

// Opens `name` and learns its columns and indexes: the shared second half of createTable
// and openTable.
class OpenTableCall : public SessionCall {
 public:
  OpenTableCall(std::uint64_t session, jet::Dbid dbid, std::u16string name, std::vector<std::u16string> columns,
                std::vector<std::u16string> indexes, jet::Grbit grbit)
      : dbid_(dbid), name_(std::move(name)), grbit_(grbit), opened_(session, std::move(columns), std::move(indexes)) {}

  const char *Name() const override { return "JetOpenTable"; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto openTable = Available(engine.OpenTableW, "JetOpenTableW", outcome);
    if (!openTable) return;
    jet::Tableid tableid = 0;
    if (!Succeeded(openTable(sesid, dbid_, AsWide(name_), nullptr, 0, grbit_, &tableid), "JetOpenTable", outcome)) return;
    opened_.Learn(engine, sesid, tableid, outcome);
  }

  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return opened_.ToValue(env); }

 protected:
  jet::Dbid dbid_;
  std::u16string name_;

 private:
  jet::Grbit grbit_;
  OpenedTable opened_;
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
      FillIndexCreate(indexSpecs_[i], indexes[i]);
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
    columns.push_back(ReadColumnSpec(args, columnArray.Get(i)));
    columnNames.push_back(columns.back().name);
  }
  std::vector<IndexSpec> indexes;
  std::vector<std::u16string> indexNames;
  Napi::Array indexArray = indexList.As<Napi::Array>();
  for (uint32_t i = 0; i < indexArray.Length(); ++i) {
    indexes.push_back(ReadIndexSpec(args, indexArray.Get(i)));
    indexNames.push_back(indexes.back().name);
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
