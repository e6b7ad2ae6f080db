#include "temp_tables.h"

#include <cstring>
#include <mutex>

#include "cursor.h"
#include "key_normalize.h"

namespace emu {
namespace data {

TempTable::TempTable(const std::vector<TempColumn> &columns)
    : db_(std::make_shared<Database>()), table_(std::make_shared<Table>()) {
  db_->readOnly = true;
  table_->name = u"temp";
  for (const TempColumn &spec : columns) {
    Column c;
    c.name = spec.name;
    c.type = spec.type;
    const std::size_t fixedSize = keys::FixedSize(spec.type);
    if (fixedSize != 0) {
      c.id = table_->nextFixed++;
      c.cbMax = static_cast<jet::ULong>(fixedSize);
      c.grbit = jet::bit::ColumnFixed;
    } else {
      c.id = table_->nextVar++;
      c.cbMax = jet::cbColumnMost;
      if (spec.type == jet::coltyp::Text) c.cp = static_cast<std::uint16_t>(jet::cp::Unicode);
    }
    table_->columns.push_back(c);
  }
}

void TempTable::AddRow(const std::vector<std::optional<Bytes>> &values) {
  auto row = std::make_shared<Row>();
  for (std::size_t i = 0; i < values.size() && i < table_->columns.size(); ++i) {
    if (values[i]) row->values[table_->columns[i].id] = {*values[i]};
  }
  Record record;
  record.committed.push_back(Version{0, row});
  table_->records.emplace(RecordIdBookmark(table_->nextDbk++), std::move(record));
}

jet::Err TempTable::Open(Session &s, jet::Tableid *tableid) {
  std::unique_lock<std::shared_mutex> lock(db_->lock);
  // A new cursor stands on the first row, as ESE leaves its list tables after JET_MoveFirst.
  return OpenCursor(s, db_, table_, jet::bit::TableReadOnly, tableid);
}

Bytes LongValue(std::int32_t value) {
  Bytes b(sizeof value, '\0');
  std::memcpy(&b[0], &value, sizeof value);
  return b;
}

Bytes ShortValue(std::int16_t value) {
  Bytes b(sizeof value, '\0');
  std::memcpy(&b[0], &value, sizeof value);
  return b;
}

Bytes TextValue(const std::u16string &text) {
  Bytes b;
  for (char16_t c : text) {
    b.push_back(static_cast<char>(c & 0xFF));
    b.push_back(static_cast<char>(c >> 8));
  }
  return b;
}

}  // namespace data
}  // namespace emu
