#include "opened_table.h"

#include <cstring>
#include <memory>
#include <utility>

namespace esent {
namespace session_calls {

OpenedTable::OpenedTable(std::uint64_t session, std::vector<std::u16string> columnNames,
                         std::vector<std::u16string> indexNames)
    : columnNames_(std::move(columnNames)), indexNames_(std::move(indexNames)), cursor_(std::make_shared<Cursor>()) {
  cursor_->session = session;
}

void OpenedTable::Learn(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, CallOutcome &outcome) {
  auto closeTable = Available(engine.CloseTable, "JetCloseTable", outcome);
  auto columnInfo = Available(engine.GetTableColumnInfoW, "JetGetTableColumnInfoW", outcome);
  cursor_->tableid = tableid;
  cursor_->open = true;
  if (!closeTable || !columnInfo) {
    if (closeTable) closeTable(sesid, tableid);
    cursor_->open = false;
    return;
  }

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

Napi::Value OpenedTable::ToValue(Napi::Env env) const {
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
    missing.Set(static_cast<uint32_t>(i), Napi::String::New(env, missingIndexes_[i].data(), missingIndexes_[i].size()));
  }
  result.Set("missingIndexes", missing);
  return result;
}

bool OpenedTable::ProbeIndex(const EngineTable &engine, jet::Sesid sesid, const std::u16string &index, bool *exists,
                             CallOutcome &outcome) {
  auto setCurrentIndex = Available(engine.SetCurrentIndex4W, "JetSetCurrentIndex4W", outcome);
  if (!setCurrentIndex) return false;
  jet::Err err = setCurrentIndex(sesid, cursor_->tableid, AsWide(index), nullptr, jet::bit::MoveFirstOnIndex, 1);
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

}  // namespace session_calls
}  // namespace esent
