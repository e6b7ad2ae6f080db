// What the data layer keeps per session: the databases and cursors it has open, its open
// transaction's snapshot, and what that transaction changed.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "model.h"

namespace emu {

class Session;

namespace data {

class Cursor;

// A record this session changed in its open transaction.
struct Touched {
  DatabasePtr db;
  TablePtr table;
  Bytes bookmark;
};

struct SessionState {
  std::map<jet::Dbid, int> openDatabases;
  std::vector<Cursor *> cursors;
  bool snapshotRegistered = false;
  std::uint64_t snapshot = 0;
  std::vector<Touched> touched;
  std::vector<DatabasePtr> changedDatabases;  // DDL or records, in the open transaction
};

// The calling session's state (created on first use).
SessionState &StateOf(Session &s);
// Removes the session's state and hands it over (null when it never had one).
std::unique_ptr<SessionState> TakeStateOf(Session &s);

}  // namespace data
}  // namespace emu
