// The temporary tables that the list info levels answer with (JET_OBJECTLIST,
// JET_COLUMNLIST, JET_INDEXLIST): the binding reads every row into JavaScript objects and
// closes the table, so no temporary table handle ever reaches JavaScript.
#pragma once

#include <vector>

#include "jet_helpers.h"

namespace esent {
namespace raw {

// kLong: a signed 32-bit value; kULong: an unsigned one (grbits, flags).
enum class ListValue { kLong, kULong, kShort, kText, kBytes };

// One column of the list table and the property it becomes.
struct ListColumn {
  const char *property;
  jet::Columnid columnid;
  ListValue kind;
};

// Every row of the table `tableid`, from the first, as objects; the table is closed
// afterwards, also when reading fails (which throws the typed error of `operation`).
Napi::Array ReadListTable(Napi::Env env, const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid,
                          const std::vector<ListColumn> &columns, const char *operation);

}  // namespace raw
}  // namespace esent
