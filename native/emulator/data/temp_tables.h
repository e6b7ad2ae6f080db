// Temporary tables: the result tables of the list info levels (JET_ObjInfoList,
// JET_ColInfoList, JET_IdxInfo / JET_IdxInfoList). Each is a table of its own, in no database
// and no file, that the caller reads with the ordinary cursor calls and frees with
// JetCloseTable. They are read-only here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model.h"

namespace emu {

class Session;

namespace data {

struct TempColumn {
  const char16_t *name;
  jet::Coltyp type;
};

class TempTable {
 public:
  explicit TempTable(const std::vector<TempColumn> &columns);
  // The column id of the i-th column.
  jet::Columnid Id(std::size_t i) const { return table_->columns[i].id; }
  // A row: one value per column, in column order; nullopt is NULL.
  void AddRow(const std::vector<std::optional<Bytes>> &values);
  jet::ULong Rows() const { return static_cast<jet::ULong>(table_->records.size()); }
  // Opens a cursor of `s` on the table, on its first row.
  jet::Err Open(Session &s, jet::Tableid *tableid);

 private:
  DatabasePtr db_;
  TablePtr table_;
};

// Column values of the list tables.
Bytes LongValue(std::int32_t value);
Bytes ShortValue(std::int16_t value);
Bytes TextValue(const std::u16string &text);  // UTF-16LE, for code page 1200 columns

}  // namespace data
}  // namespace emu
