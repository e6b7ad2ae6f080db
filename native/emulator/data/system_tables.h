// The engine's own tables that every database holds: ESE makes MSysObjects and
// MSysObjectsShadow (the catalog and its copy) with the database, and MSysObjids and
// MSysLocales at its creation and at every attach that may write (db.cxx, after the attach).
// The emulator keeps no rows in them; it names them where ESE does, so that listing, creating,
// deleting and renaming tables answer as ESE answers.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace emu {
namespace data {

struct SystemTable {
  const char16_t *name;
  // JET_OBJECTINFO.flags as ESE reports them: JET_bitObjectSystem, with
  // JET_bitObjectTableFixedDDL for those whose schema cannot change and 0x08000000 for those
  // made after the catalog (JET_bitObjectSystemDynamic's own bit).
  jet::ULong flags;
  // Only MSysLocales may be deleted (and is made again at the next attach that may write).
  bool deletable;
};

// The system table called `folded` (a case-folded name) that `s` finds in `db`, or nullptr.
// Call with db->lock held.
const SystemTable *FindSystemTable(Session &s, const Database &db, const std::u16string &folded);
// Those `s` finds, by case-folded name.
std::vector<const SystemTable *> SystemTablesOf(Session &s, const Database &db);

// fcreate.cxx ErrIsamDeleteTable: MSysObjids, named as given (cat.hxx FCATObjidsTable), is
// refused before anything else about the call is checked.
bool NamesObjidsTable(const jet::WChar *name);

// Deletes MSysLocales from `db` (undone by the transaction's rollback). Call with db->lock held.
void DeleteLocalesTable(Session &s, const DatabasePtr &db);

}  // namespace data
}  // namespace emu
