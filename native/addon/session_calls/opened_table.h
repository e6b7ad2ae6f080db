// A table cursor the facade opened and what it learned through it: the ids and types of the
// columns it names, and which of the indexes it names are missing. openTable, createTable
// and the schema changes (which open a fresh cursor on the changed table) all end with one.
#pragma once

#include "../addon_napi.h"

#include <cstdint>
#include <string>
#include <vector>

#include "cursor.h"

namespace esent {
namespace session_calls {

class OpenedTable {
 public:
  OpenedTable(std::uint64_t session, std::vector<std::u16string> columnNames, std::vector<std::u16string> indexNames);

  // Takes `tableid` (just opened) as the cursor and learns the table through it
  // (JetGetTableColumnInfoW per column, JetSetCurrentIndex4W per index). On failure the
  // cursor is closed again.
  void Learn(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, CallOutcome &outcome);

  // { cursor, tableid, columns: Array<{ columnid, coltyp, cbMax, grbit, cp } | null>,
  //   missingIndexes: string[] }
  Napi::Value ToValue(Napi::Env env) const;

 private:
  struct ColumnInfo {
    bool found = false;
    jet::ColumnDef def{};
  };

  bool ProbeIndex(const EngineTable &engine, jet::Sesid sesid, const std::u16string &index, bool *exists,
                  CallOutcome &outcome);

  std::vector<std::u16string> columnNames_;
  std::vector<std::u16string> indexNames_;
  CursorRef cursor_;
  std::vector<ColumnInfo> columns_;
  std::vector<std::u16string> missingIndexes_;
};

}  // namespace session_calls
}  // namespace esent
