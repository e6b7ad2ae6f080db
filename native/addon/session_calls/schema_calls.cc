// Schema: listing a database's tables, describing a table from the catalog, deleting and
// renaming tables, and the changes made through a table's cursor (add or delete a column,
// create or delete an index). A change ends by opening a fresh cursor on the changed table
// (JetDupCursor) and learning it, so the facade gets a table object that knows the change
// in the same trip.
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

// JET_ColInfoListSortColumnid: the column list in column id order.
constexpr jet::ULong kColInfoListSortColumnid = 7;
constexpr jet::Grbit kKeyDescending = 0x00000001;  // grbitColumn in JET_INDEXLIST

// Reads the temporary tables the list info levels answer with (JET_OBJECTLIST,
// JET_COLUMNLIST, JET_INDEXLIST) on the pool thread, and closes them.
class ListTable {
 public:
  ListTable(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, const char *operation,
            CallOutcome &outcome)
      : engine_(engine), sesid_(sesid), tableid_(tableid), operation_(operation), outcome_(outcome) {}
  ~ListTable() {
    if (engine_.CloseTable) engine_.CloseTable(sesid_, tableid_);
  }

  // Moves to the first row, then to each next one; false at the end or on a failure.
  bool Next() {
    auto move = Available(engine_.Move, "JetMove", outcome_);
    if (!move) return false;
    jet::Err err = move(sesid_, tableid_, started_ ? jet::MoveNext : jet::MoveFirst, 0);
    started_ = true;
    if (err == jet::err::NoCurrentRecord) return false;
    return Succeeded(err, operation_, outcome_);
  }

  // The value of `columnid` in the current row; empty for null.
  std::string Bytes(jet::Columnid columnid) {
    auto retrieve = Available(engine_.RetrieveColumn, "JetRetrieveColumn", outcome_);
    if (!retrieve) return std::string();
    std::string value(256, '\0');
    jet::ULong actual = 0;
    jet::Err err = retrieve(sesid_, tableid_, columnid, &value[0], static_cast<jet::ULong>(value.size()), &actual, 0,
                            nullptr);
    if (err == jet::wrn::BufferTruncated) {
      value.assign(actual, '\0');
      err = retrieve(sesid_, tableid_, columnid, &value[0], actual, &actual, 0, nullptr);
    }
    if (!Succeeded(err, operation_, outcome_) || err == jet::wrn::ColumnNull) return std::string();
    value.resize(std::min<size_t>(actual, value.size()));
    return value;
  }

  std::u16string Text(jet::Columnid columnid) {
    const std::string bytes = Bytes(columnid);
    std::u16string text(bytes.size() / 2, u'\0');
    if (!text.empty()) std::memcpy(&text[0], bytes.data(), text.size() * 2);
    return text;
  }

  std::uint32_t Number(jet::Columnid columnid) {
    const std::string bytes = Bytes(columnid);
    std::uint32_t value = 0;
    std::memcpy(&value, bytes.data(), std::min(sizeof value, bytes.size()));
    return value;
  }

 private:
  const EngineTable &engine_;
  jet::Sesid sesid_;
  jet::Tableid tableid_;
  const char *operation_;
  CallOutcome &outcome_;
  bool started_ = false;
};

Napi::String StringOf(Napi::Env env, const std::u16string &text) { return Napi::String::New(env, text); }

// listTables(dbid) -> string[]: the user tables (system tables, which ESENT lists too, left out).
class ListTablesCall : public SessionCall {
 public:
  explicit ListTablesCall(jet::Dbid dbid) : dbid_(dbid) {}
  const char *Name() const override { return "JetGetObjectInfo"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto objectInfo = Available(engine.GetObjectInfoW, "JetGetObjectInfoW", outcome);
    if (!objectInfo) return;
    jet::ObjectList list{};
    list.cbStruct = sizeof list;
    jet::Err err = objectInfo(sesid, dbid_, jet::objtypTable, nullptr, nullptr, &list, sizeof list,
                              jet::info::ObjInfoListNoStats);
    if (!Succeeded(err, Name(), outcome)) return;
    ListTable rows(engine, sesid, list.tableid, Name(), outcome);
    while (rows.Next()) {
      const std::u16string name = rows.Text(list.columnidobjectname);
      const std::uint32_t flags = rows.Number(list.columnidflags);
      if (outcome.Failed()) return;
      if ((flags & jet::bit::ObjectSystem) == 0) names_.push_back(name);
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    Napi::Array names = Napi::Array::New(env, names_.size());
    for (size_t i = 0; i < names_.size(); ++i) names.Set(static_cast<uint32_t>(i), StringOf(env, names_[i]));
    return names;
  }

 private:
  jet::Dbid dbid_;
  std::vector<std::u16string> names_;
};

// describeTable(dbid, name) -> { columns: [{ name, columnid, coltyp, cbMax, grbit, cp,
//   defaultValue: Buffer | null }] (column id order), indexes: [{ name, grbit, mapFlags,
//   segments: [{ column, descending }] }] }: JetOpenTableW, JetGetTableColumnInfoW
//   (JET_ColInfoListSortColumnid), JetGetTableIndexInfoW (JET_IdxInfoList), JetCloseTable.
class DescribeTableCall : public SessionCall {
 public:
  DescribeTableCall(jet::Dbid dbid, std::u16string name) : dbid_(dbid), name_(std::move(name)) {}
  const char *Name() const override { return "JetOpenTable"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto openTable = Available(engine.OpenTableW, "JetOpenTableW", outcome);
    auto closeTable = Available(engine.CloseTable, "JetCloseTable", outcome);
    auto columnInfo = Available(engine.GetTableColumnInfoW, "JetGetTableColumnInfoW", outcome);
    auto indexInfo = Available(engine.GetTableIndexInfoW, "JetGetTableIndexInfoW", outcome);
    if (!openTable || !closeTable || !columnInfo || !indexInfo) return;
    jet::Tableid tableid = 0;
    if (!Succeeded(openTable(sesid, dbid_, AsWide(name_), nullptr, 0, 0, &tableid), "JetOpenTable", outcome)) return;
    ReadColumns(engine, sesid, tableid, outcome);
    if (!outcome.Failed()) ReadIndexes(engine, sesid, tableid, outcome);
    closeTable(sesid, tableid);
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    Napi::Object result = Napi::Object::New(env);
    Napi::Array columns = Napi::Array::New(env, columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Column &c = columns_[i];
      Napi::Object column = Napi::Object::New(env);
      column.Set("name", StringOf(env, c.name));
      column.Set("columnid", Napi::Number::New(env, c.columnid));
      column.Set("coltyp", Napi::Number::New(env, c.coltyp));
      column.Set("cbMax", Napi::Number::New(env, c.cbMax));
      column.Set("grbit", Napi::Number::New(env, c.grbit));
      column.Set("cp", Napi::Number::New(env, c.cp));
      column.Set("defaultValue", c.defaultValue.empty()
                                     ? env.Null()
                                     : Napi::Buffer<char>::Copy(env, c.defaultValue.data(), c.defaultValue.size()));
      columns.Set(static_cast<uint32_t>(i), column);
    }
    result.Set("columns", columns);
    Napi::Array indexes = Napi::Array::New(env, indexes_.size());
    for (size_t i = 0; i < indexes_.size(); ++i) {
      const Index &x = indexes_[i];
      Napi::Object index = Napi::Object::New(env);
      index.Set("name", StringOf(env, x.name));
      index.Set("grbit", Napi::Number::New(env, x.grbit));
      index.Set("mapFlags", Napi::Number::New(env, x.mapFlags));
      Napi::Array segments = Napi::Array::New(env, x.segments.size());
      for (size_t k = 0; k < x.segments.size(); ++k) {
        Napi::Object segment = Napi::Object::New(env);
        segment.Set("column", StringOf(env, x.segments[k].column));
        segment.Set("descending", Napi::Boolean::New(env, x.segments[k].descending));
        segments.Set(static_cast<uint32_t>(k), segment);
      }
      index.Set("segments", segments);
      indexes.Set(static_cast<uint32_t>(i), index);
    }
    result.Set("indexes", indexes);
    return result;
  }

 private:
  struct Column {
    std::u16string name;
    std::uint32_t columnid = 0, coltyp = 0, cbMax = 0, grbit = 0, cp = 0;
    std::string defaultValue;
  };
  struct Segment {
    std::u16string column;
    bool descending = false;
  };
  struct Index {
    std::u16string name;
    std::uint32_t grbit = 0, mapFlags = 0;
    std::vector<Segment> segments;
  };

  void ReadColumns(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, CallOutcome &outcome) {
    jet::ColumnList list{};
    list.cbStruct = sizeof list;
    jet::Err err =
        engine.GetTableColumnInfoW(sesid, tableid, nullptr, &list, sizeof list, kColInfoListSortColumnid);
    if (!Succeeded(err, "JetGetTableColumnInfo", outcome)) return;
    ListTable rows(engine, sesid, list.tableid, "JetGetTableColumnInfo", outcome);
    while (rows.Next()) {
      Column column;
      column.name = rows.Text(list.columnidcolumnname);
      column.columnid = rows.Number(list.columnidcolumnid);
      column.coltyp = rows.Number(list.columnidcoltyp);
      column.cbMax = rows.Number(list.columnidcbMax);
      column.grbit = rows.Number(list.columnidgrbit);
      column.cp = rows.Number(list.columnidCp) & 0xFFFF;
      column.defaultValue = rows.Bytes(list.columnidDefault);
      if (outcome.Failed()) return;
      columns_.push_back(std::move(column));
    }
  }

  // JET_INDEXLIST has one row per key column, the rows of an index together in key order.
  void ReadIndexes(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, CallOutcome &outcome) {
    jet::IndexList list{};
    list.cbStruct = sizeof list;
    jet::Err err = engine.GetTableIndexInfoW(sesid, tableid, nullptr, &list, sizeof list, jet::info::IdxInfoList);
    if (!Succeeded(err, "JetGetTableIndexInfo", outcome)) return;
    ListTable rows(engine, sesid, list.tableid, "JetGetTableIndexInfo", outcome);
    while (rows.Next()) {
      const std::u16string name = rows.Text(list.columnidindexname);
      if (indexes_.empty() || indexes_.back().name != name) {
        Index index;
        index.name = name;
        index.grbit = rows.Number(list.columnidgrbitIndex);
        index.mapFlags = rows.Number(list.columnidLCMapFlags);
        indexes_.push_back(std::move(index));
      }
      Segment segment;
      segment.column = rows.Text(list.columnidcolumnname);
      segment.descending = (rows.Number(list.columnidgrbitColumn) & kKeyDescending) != 0;
      if (outcome.Failed()) return;
      indexes_.back().segments.push_back(std::move(segment));
    }
  }

  jet::Dbid dbid_;
  std::u16string name_;
  std::vector<Column> columns_;
  std::vector<Index> indexes_;
};

class DeleteTableCall : public SessionCall {
 public:
  DeleteTableCall(jet::Dbid dbid, std::u16string name) : dbid_(dbid), name_(std::move(name)) {}
  const char *Name() const override { return "JetDeleteTable"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.DeleteTableW, "JetDeleteTableW", outcome)) {
      jet::Err err = fn(sesid, dbid_, AsWide(name_));
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }

 private:
  jet::Dbid dbid_;
  std::u16string name_;
};

class RenameTableCall : public SessionCall {
 public:
  RenameTableCall(jet::Dbid dbid, std::u16string from, std::u16string to)
      : dbid_(dbid), from_(std::move(from)), to_(std::move(to)) {}
  const char *Name() const override { return "JetRenameTable"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.RenameTableW, "JetRenameTableW", outcome)) {
      jet::Err err = fn(sesid, dbid_, AsWide(from_), AsWide(to_));
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }

 private:
  jet::Dbid dbid_;
  std::u16string from_;
  std::u16string to_;
};

// A change made through a table's cursor, then a fresh cursor on the changed table
// (JetDupCursor) that learns the columns and indexes the facade names after the change.
class TableChangeCall : public SessionCall {
 public:
  TableChangeCall(std::uint64_t session, CursorRef cursor, std::vector<std::u16string> columnNames,
                  std::vector<std::u16string> indexNames)
      : cursor_(std::move(cursor)), opened_(session, std::move(columnNames), std::move(indexNames)) {}

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!RequireOpen(*cursor_, outcome, Name())) return;
    auto dupCursor = Available(engine.DupCursor, "JetDupCursor", outcome);
    if (!dupCursor || !Change(engine, sesid, outcome)) return;
    jet::Tableid fresh = 0;
    if (!Succeeded(dupCursor(sesid, cursor_->tableid, &fresh, 0), "JetDupCursor", outcome)) return;
    opened_.Learn(engine, sesid, fresh, outcome);
  }

  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return opened_.ToValue(env); }

 protected:
  // The change itself, on cursor_; false when it failed (recorded in `outcome`).
  virtual bool Change(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) = 0;

  CursorRef cursor_;

 private:
  OpenedTable opened_;
};

class AddColumnCall : public TableChangeCall {
 public:
  AddColumnCall(std::uint64_t session, CursorRef cursor, ColumnSpec column, std::vector<std::u16string> columnNames,
                std::vector<std::u16string> indexNames)
      : TableChangeCall(session, std::move(cursor), std::move(columnNames), std::move(indexNames)),
        column_(std::move(column)) {}
  const char *Name() const override { return "JetAddColumn"; }

 protected:
  bool Change(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto addColumn = Available(engine.AddColumnW, "JetAddColumnW", outcome);
    if (!addColumn) return false;
    jet::ColumnDef def;
    std::memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    def.coltyp = column_.coltyp;
    def.cbMax = column_.cbMax;
    def.grbit = column_.grbit;
    def.cp = static_cast<std::uint16_t>(column_.cp);
    jet::Columnid columnid = 0;
    const void *pvDefault = column_.hasDefault ? column_.defaultValue.data() : nullptr;
    const jet::ULong cbDefault = column_.hasDefault ? static_cast<jet::ULong>(column_.defaultValue.size()) : 0;
    return Succeeded(addColumn(sesid, cursor_->tableid, AsWide(column_.name), &def, pvDefault, cbDefault, &columnid),
                     Name(), outcome);
  }

 private:
  ColumnSpec column_;
};

class DeleteColumnCall : public TableChangeCall {
 public:
  DeleteColumnCall(std::uint64_t session, CursorRef cursor, std::u16string name,
                   std::vector<std::u16string> columnNames, std::vector<std::u16string> indexNames)
      : TableChangeCall(session, std::move(cursor), std::move(columnNames), std::move(indexNames)),
        name_(std::move(name)) {}
  const char *Name() const override { return "JetDeleteColumn2"; }

 protected:
  bool Change(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto deleteColumn = Available(engine.DeleteColumn2W, "JetDeleteColumn2W", outcome);
    return deleteColumn && Succeeded(deleteColumn(sesid, cursor_->tableid, AsWide(name_), 0), Name(), outcome);
  }

 private:
  std::u16string name_;
};

class CreateIndexCall : public TableChangeCall {
 public:
  CreateIndexCall(std::uint64_t session, CursorRef cursor, IndexSpec index, std::vector<std::u16string> columnNames,
                  std::vector<std::u16string> indexNames)
      : TableChangeCall(session, std::move(cursor), std::move(columnNames), std::move(indexNames)),
        index_(std::move(index)) {}
  const char *Name() const override { return "JetCreateIndex2"; }

 protected:
  // JetCreateIndex2W with one index: ESE builds it from the rows already there, inside the
  // caller's transaction if there is one (fcreate.cxx ErrIsamCreateIndex, one by one).
  bool Change(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto createIndex = Available(engine.CreateIndex2W, "JetCreateIndex2W", outcome);
    if (!createIndex) return false;
    jet::IndexCreateW create;
    FillIndexCreate(index_, create);
    return Succeeded(createIndex(sesid, cursor_->tableid, &create, 1), Name(), outcome);
  }

 private:
  IndexSpec index_;
};

class DeleteIndexCall : public TableChangeCall {
 public:
  DeleteIndexCall(std::uint64_t session, CursorRef cursor, std::u16string name,
                  std::vector<std::u16string> columnNames, std::vector<std::u16string> indexNames)
      : TableChangeCall(session, std::move(cursor), std::move(columnNames), std::move(indexNames)),
        name_(std::move(name)) {}
  const char *Name() const override { return "JetDeleteIndex"; }

 protected:
  // ESE refuses to delete an index that is any cursor's current index (fcb.cxx
  // FCB::ErrSetDeleteIndex: JET_errIndexInUse), this cursor's own included: it moves to
  // the primary index first.
  bool Change(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto deleteIndex = Available(engine.DeleteIndexW, "JetDeleteIndexW", outcome);
    if (!deleteIndex || !EnsureIndex(engine, sesid, *cursor_, std::u16string(), outcome)) return false;
    return Succeeded(deleteIndex(sesid, cursor_->tableid, AsWide(name_)), Name(), outcome);
  }

 private:
  std::u16string name_;
};

}  // namespace

std::unique_ptr<SessionCall> ListTables(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 1, 1);
  return std::make_unique<ListTablesCall>(args.UInt32(0, "dbid"));
}

std::unique_ptr<SessionCall> DescribeTable(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 2, 2);
  return std::make_unique<DescribeTableCall>(args.UInt32(0, "dbid"), ReadString(args, info[1], "name"));
}

std::unique_ptr<SessionCall> DeleteTable(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 2, 2);
  return std::make_unique<DeleteTableCall>(args.UInt32(0, "dbid"), ReadString(args, info[1], "name"));
}

std::unique_ptr<SessionCall> RenameTable(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 3, 3);
  return std::make_unique<RenameTableCall>(args.UInt32(0, "dbid"), ReadString(args, info[1], "name"),
                                           ReadString(args, info[2], "newName"));
}

std::unique_ptr<SessionCall> AddColumn(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  return std::make_unique<AddColumnCall>(session, UnwrapCursor(args, info[0], session), ReadColumnSpec(args, info[1]),
                                         ReadStringList(args, info[2], "columnNames"),
                                         ReadStringList(args, info[3], "indexNames"));
}

std::unique_ptr<SessionCall> DeleteColumn(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  return std::make_unique<DeleteColumnCall>(session, UnwrapCursor(args, info[0], session),
                                            ReadString(args, info[1], "name"),
                                            ReadStringList(args, info[2], "columnNames"),
                                            ReadStringList(args, info[3], "indexNames"));
}

std::unique_ptr<SessionCall> CreateIndex(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  return std::make_unique<CreateIndexCall>(session, UnwrapCursor(args, info[0], session), ReadIndexSpec(args, info[1]),
                                           ReadStringList(args, info[2], "columnNames"),
                                           ReadStringList(args, info[3], "indexNames"));
}

std::unique_ptr<SessionCall> DeleteIndex(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  return std::make_unique<DeleteIndexCall>(session, UnwrapCursor(args, info[0], session),
                                           ReadString(args, info[1], "name"),
                                           ReadStringList(args, info[2], "columnNames"),
                                           ReadStringList(args, info[3], "indexNames"));
}

}  // namespace session_calls
}  // namespace esent
