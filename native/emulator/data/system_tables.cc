#include "system_tables.h"

#include "../utf16.h"
#include "versions.h"

namespace emu {
namespace data {

namespace {

constexpr jet::ULong kObjectSystem = 0x80000000;
constexpr jet::ULong kObjectTableFixedDdl = 0x40000000;
constexpr jet::ULong kObjectDynamic = 0x08000000;

// In the catalog's name order; the flags are those ESE's engine reports for a new database.
const SystemTable kSystemTables[] = {
    {u"MSysLocales", kObjectSystem | kObjectDynamic, true},
    {u"MSysObjects", kObjectSystem | kObjectTableFixedDdl, false},
    {u"MSysObjectsShadow", kObjectSystem | kObjectTableFixedDdl, false},
    {u"MSysObjids", kObjectSystem | kObjectTableFixedDdl | kObjectDynamic, false},
};

bool Present(Session &s, const Database &db, const SystemTable &table) {
  if (table.deletable && db.localesTableDeleted) return false;
  // The catalog entries of the database's creation, which a transaction that began before it
  // does not find (as for the tables, Database::createdAt).
  const ReadView view = ViewOf(s);
  return !(view.inTransaction && db.createdAt > view.snapshot);
}

}  // namespace

const SystemTable *FindSystemTable(Session &s, const Database &db, const std::u16string &folded) {
  for (const SystemTable &table : kSystemTables) {
    if (FoldName(table.name) == folded) return Present(s, db, table) ? &table : nullptr;
  }
  return nullptr;
}

std::vector<const SystemTable *> SystemTablesOf(Session &s, const Database &db) {
  std::vector<const SystemTable *> found;
  for (const SystemTable &table : kSystemTables) {
    if (Present(s, db, table)) found.push_back(&table);
  }
  return found;
}

bool NamesObjidsTable(const jet::WChar *name) {
  return name != nullptr && FoldName(FromJetString(name)) == FoldName(u"MSysObjids");
}

void DeleteLocalesTable(Session &s, const DatabasePtr &db) {
  db->localesTableDeleted = true;
  PushUndo(s, [db] {
    std::unique_lock<std::shared_mutex> undoLock(db->lock);
    db->localesTableDeleted = false;
  });
}

}  // namespace data
}  // namespace emu
