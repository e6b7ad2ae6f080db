#include "redo.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "../storage/byte_io.h"
#include "codec.h"
#include "session_state.h"
#include "versions.h"
#include "../thread_scratch.h"

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

namespace {

// A table's run in a commit record: the table, its counters, then `records` record entries.
void WriteTableHead(ByteWriter &w, const Table &table, std::size_t records) {
  w.U32(table.objid);
  codec::WriteCounters(w, table);
  w.U32(static_cast<std::uint32_t>(records));
}

// A record's bookmark, then its row, or none when the record is deleted.
void WriteRecordEntry(ByteWriter &w, const Bytes &bookmark, const Row *row) {
  w.Bytes(bookmark);
  w.U8(row != nullptr ? 1 : 0);
  if (row != nullptr) codec::WriteRow(w, *row);
}

}  // namespace

struct CommitChangesScratch;
struct CommitWrittenScratch;

bool EncodeCommit(Session &s, const SessionState &state, ByteWriter *out) {
  // Database, then table, then bookmark in order: each record once, however often it was
  // touched. One flat list of the touched entries, sorted in place, kept per engine thread:
  // a commit of one row neither builds maps nor allocates.
  struct Change {
    Database *db;
    Table *table;
    const Bytes *bookmark;
  };
  const auto before = [](const Change &a, const Change &b) {
    if (a.db != b.db) return std::less<Database *>()(a.db, b.db);
    if (a.table != b.table) return std::less<Table *>()(a.table, b.table);
    return *a.bookmark < *b.bookmark;
  };
  const auto same = [](const Change &a, const Change &b) {
    return a.db == b.db && a.table == b.table && *a.bookmark == *b.bookmark;
  };
  std::vector<Change> &changes = ThreadScratch<std::vector<Change>, CommitChangesScratch>();
  auto &written = ThreadScratch<std::vector<std::pair<const Bytes *, RowPtr>>, CommitWrittenScratch>();
  changes.clear();
  for (const Touched &t : state.touched) {
    if (t.db->logId == 0 || t.table->deleted) continue;
    changes.push_back(Change{t.db.get(), t.table.get(), &t.bookmark});
  }
  // Records mostly come in key order (ascending ids, bulk loads): check before sorting.
  if (!std::is_sorted(changes.begin(), changes.end(), before)) std::sort(changes.begin(), changes.end(), before);
  changes.erase(std::unique(changes.begin(), changes.end(), same), changes.end());
  if (changes.empty() && state.schemaTransaction == 0) return false;

  // [first, last) of the run of changes from `first` that share its database (or table).
  const auto runEnd = [](std::vector<Change>::const_iterator first, std::vector<Change>::const_iterator end,
                         bool sameTable) {
    auto last = first;
    while (last != end && last->db == first->db && (!sameTable || last->table == first->table)) ++last;
    return last;
  };
  const auto countRuns = [&](std::vector<Change>::const_iterator first, std::vector<Change>::const_iterator end,
                             bool byTable) {
    std::uint32_t runs = 0;
    for (auto at = first; at != end; at = runEnd(at, end, byTable)) ++runs;
    return runs;
  };
  ByteWriter &w = *out;
  w.U64(state.schemaTransaction);
  w.U32(countRuns(changes.cbegin(), changes.cend(), false));
  for (auto dbAt = changes.cbegin(); dbAt != changes.cend();) {
    const auto dbEnd = runEnd(dbAt, changes.cend(), false);
    w.U32(dbAt->db->logId);
    w.U32(countRuns(dbAt, dbEnd, true));
    for (auto tableAt = dbAt; tableAt != dbEnd;) {
      const auto tableEnd = runEnd(tableAt, dbEnd, true);
      Table &table = *tableAt->table;
      // Only records this session still holds a change on (a change rolled back at a
      // nested level is gone).
      // Records with escrow deltas of the session log the sum of every commit so far.
      written.clear();
      for (auto change = tableAt; change != tableEnd; ++change) {
        auto found = table.records.find(*change->bookmark);
        if (found == table.records.end()) continue;
        Record &record = found->second;
        RowPtr row;
        if (record.hasPending && record.writer == &s) {
          written.emplace_back(&found->first, record.pending);
        } else if (PrepareSharedCommit(s, record, &row)) {
          written.emplace_back(&found->first, row);
        }
      }
      WriteTableHead(w, table, written.size());
      for (const auto &entry : written) WriteRecordEntry(w, *entry.first, entry.second.get());
      written.clear();  // the rows are not kept alive past the commit's record
      tableAt = tableEnd;
    }
    dbAt = dbEnd;
  }
  return true;
}

void EncodeRecordImage(const Database &db, const Table &table, const Bytes &bookmark, const Row &row,
                       ByteWriter *out) {
  ByteWriter &w = *out;
  w.U64(0);  // no schema transaction
  w.U32(1);  // one database
  w.U32(db.logId);
  w.U32(1);  // one table
  WriteTableHead(w, table, 1);
  WriteRecordEntry(w, bookmark, &row);
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
