#include "redo.h"

#include <algorithm>
#include <map>
#include <utility>

#include "../storage/byte_io.h"
#include "codec.h"
#include "session_state.h"
#include "versions.h"

namespace emu {
namespace data {
namespace redo {

using storage::ByteWriter;

std::string EncodeAttach(std::uint32_t logId, const std::u16string &path) {
  ByteWriter w;
  w.U32(logId);
  w.Text(path);
  return std::move(w.Out());
}

std::string EncodeDetach(std::uint32_t logId) {
  ByteWriter w;
  w.U32(logId);
  return std::move(w.Out());
}

std::string EncodeAbort(std::uint64_t schemaTransaction) {
  ByteWriter w;
  w.U64(schemaTransaction);
  return std::move(w.Out());
}

bool EncodeCommit(Session &s, const SessionState &state, ByteWriter *out) {
  // Database, then table, then bookmark in order: each record once, however often it was
  // touched. The bookmarks are the touched list's own, sorted in place of a set of copies.
  std::map<Database *, std::map<Table *, std::vector<const Bytes *>>> changes;
  for (const Touched &t : state.touched) {
    if (t.db->logId == 0 || t.table->deleted) continue;
    changes[t.db.get()][t.table.get()].push_back(&t.bookmark);
  }
  const auto before = [](const Bytes *a, const Bytes *b) { return *a < *b; };
  const auto same = [](const Bytes *a, const Bytes *b) { return *a == *b; };
  for (auto &db : changes) {
    for (auto &table : db.second) {
      std::vector<const Bytes *> &bookmarks = table.second;
      // Records mostly come in key order (ascending ids, bulk loads): check before sorting.
      if (!std::is_sorted(bookmarks.begin(), bookmarks.end(), before)) std::sort(bookmarks.begin(), bookmarks.end(), before);
      bookmarks.erase(std::unique(bookmarks.begin(), bookmarks.end(), same), bookmarks.end());
    }
  }
  if (changes.empty() && state.schemaTransaction == 0) return false;
  ByteWriter &w = *out;
  std::vector<std::pair<const Bytes *, RowPtr>> written;
  w.U64(state.schemaTransaction);
  w.U32(static_cast<std::uint32_t>(changes.size()));
  for (const auto &db : changes) {
    w.U32(db.first->logId);
    w.U32(static_cast<std::uint32_t>(db.second.size()));
    for (const auto &table : db.second) {
      w.U32(table.first->objid);
      codec::WriteCounters(w, *table.first);
      // Only records this session still holds a change on (a change rolled back at a
      // nested level is gone).
      // Records with escrow deltas of the session log the sum of every commit so far.
      written.clear();
      for (const Bytes *bookmark : table.second) {
        auto found = table.first->records.find(*bookmark);
        if (found == table.first->records.end()) continue;
        Record &record = found->second;
        RowPtr row;
        if (record.hasPending && record.writer == &s) {
          written.emplace_back(&found->first, record.pending);
        } else if (PrepareSharedCommit(s, record, &row)) {
          written.emplace_back(&found->first, row);
        }
      }
      w.U32(static_cast<std::uint32_t>(written.size()));
      for (const auto &entry : written) {
        w.Bytes(*entry.first);
        const RowPtr &row = entry.second;
        w.U8(row ? 1 : 0);
        if (row) codec::WriteRow(w, *row);
      }
    }
  }
  return true;
}

bool EncodeSchemaChanges(Database &db, std::uint64_t schemaTransaction, std::string *out) {
  std::map<std::uint32_t, Bytes> now;
  for (const auto &entry : db.tables) now.emplace(entry.second->objid, codec::TableDefBytes(*entry.second));
  ByteWriter changes;
  std::uint32_t count = 0;
  auto add = [&](std::uint32_t objid, const Bytes *before, const Bytes *after) {
    changes.U32(objid);
    changes.U8(before ? 1 : 0);
    if (before) changes.Bytes(*before);
    changes.U8(after ? 1 : 0);
    if (after) changes.Bytes(*after);
    ++count;
  };
  for (const auto &entry : now) {
    auto logged = db.loggedSchema.find(entry.first);
    if (logged == db.loggedSchema.end()) {
      add(entry.first, nullptr, &entry.second);
    } else if (logged->second != entry.second) {
      add(entry.first, &logged->second, &entry.second);
    }
  }
  for (const auto &entry : db.loggedSchema) {
    if (now.count(entry.first) == 0) add(entry.first, &entry.second, nullptr);
  }
  if (count == 0) return false;
  ByteWriter w;
  w.U64(schemaTransaction);
  w.U32(db.logId);
  w.U32(db.nextObjid);
  w.U32(count);
  w.Append(changes.Out());
  *out = std::move(w.Out());
  db.loggedSchema = std::move(now);
  return true;
}

}  // namespace redo
}  // namespace data
}  // namespace emu
