// Attached databases: which files are attached, by which instance, under which dbid, and
// which sessions have them open.
#pragma once

#include "model.h"

namespace emu {

class Session;

namespace data {

struct SessionState;

// Looks up the database the session has open under `dbid`.
jet::Err FindOpenDatabase(Session &s, jet::Dbid dbid, DatabasePtr *db);
// Closes the databases an ending session still has open.
void ReleaseDatabases(Session &s, const SessionState &state);
// Ends the session's exclusive hold on the database, if it has one, its opens staying.
void DropExclusiveHold(Session &s, Database &db);

}  // namespace data
}  // namespace emu
