#include "recovery.h"

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "../storage/byte_io.h"
#include "codec.h"
#include "file_image.h"
#include "redo.h"

namespace emu {
namespace data {
namespace {

using storage::ByteReader;
using storage::Lsn;

// A database being recovered: its image, and its tables by objid (the log names tables so).
struct Recovering {
  DatabasePtr db;
  Lsn imageLsn = 0;  // records before this are in the image already
  std::map<std::uint32_t, TablePtr> tables;
  std::map<std::uint32_t, TablePtr> dropped;  // kept for an undo that brings them back
};
using RecoveringPtr = std::shared_ptr<Recovering>;

// The definition a table had before a schema change, to restore if its transaction never
// ended.
struct SchemaUndo {
  std::uint64_t transaction;
  RecoveringPtr target;
  std::uint32_t objid;
  bool existed;
  Bytes before;
};

class Replay {
 public:
  Replay(storage::LogStream &log, jet::Grbit grbit) : log_(log), grbit_(grbit) {}

  jet::Err Run() {
    for (const storage::AttachedDatabase &attached : log_.Checkpoint().attached) {
      const jet::Err err = Bind(attached.logId, attached.path);
      if (err < jet::err::Success) return err;
    }
    jet::Err err = log_.Replay([this](const storage::LogRecord &record) { return Apply(record); });
    if (err < jet::err::Success) return err;
    return Finish();
  }

 private:
  jet::Err Bind(std::uint32_t logId, const std::u16string &path) {
    bound_.erase(logId);
    for (const auto &entry : bound_) {
      if (entry.second && entry.second->db->identity == file::AbsolutePath(path)) {
        bound_[logId] = entry.second;
        return jet::err::Success;
      }
    }
    auto target = std::make_shared<Recovering>();
    target->db = std::make_shared<Database>();
    Database &db = *target->db;
    db.path = path;
    db.identity = file::AbsolutePath(path);
    db.location = path;
    file::Header header;
    std::string payload;
    jet::Err err = file::Open(path, false, &db.file, &header, &payload);
    if (err == jet::err::FileNotFound || err == jet::err::InvalidPath) {
      if (grbit_ & jet::bit::ReplayIgnoreMissingDB) {
        bound_[logId] = nullptr;
        return jet::err::Success;
      }
      return jet::err::AttachedDatabaseMismatch;
    }
    if (err < jet::err::Success) return err;
    if (header.signature != log_.Signature()) {
      // Attached by another log set since: not ours to change.
      bound_[logId] = nullptr;
      return jet::err::Success;
    }
    if ((err = file::Load(payload, &db)) < jet::err::Success) return err;
    db.payloadSize = header.payloadSize;
    db.payloadChecksum = header.payloadChecksum;
    target->imageLsn = header.lsn;
    for (const auto &entry : db.tables) target->tables[entry.second->objid] = entry.second;
    bound_[logId] = target;
    all_.push_back(target);
    return jet::err::Success;
  }

  // The database a record names, if the record is not in its image already.
  Recovering *Target(std::uint32_t logId, Lsn lsn) {
    auto found = bound_.find(logId);
    if (found == bound_.end() || !found->second || lsn < found->second->imageLsn) return nullptr;
    return found->second.get();
  }

  // Makes `objid` have the definition `def` (or no table, with null).
  bool SetTable(Recovering &target, std::uint32_t objid, const Bytes *def) {
    Database &db = *target.db;
    TablePtr table;
    auto found = target.tables.find(objid);
    if (found != target.tables.end()) {
      table = found->second;
      for (auto it = db.tables.begin(); it != db.tables.end(); ++it) {
        if (it->second == table) {
          db.tables.erase(it);
          break;
        }
      }
      target.tables.erase(found);
    }
    if (def == nullptr) {
      if (table) target.dropped[objid] = table;
      return true;
    }
    if (!table) {
      auto gone = target.dropped.find(objid);
      if (gone != target.dropped.end()) {
        table = gone->second;
        target.dropped.erase(gone);
      } else {
        table = std::make_shared<Table>();
      }
    }
    ByteReader r(*def);
    if (!codec::ReadTableDef(r, table.get()) || !r.AtEnd() || table->objid != objid) return false;
    if (!db.tables.emplace(FoldName(table->name), table).second) return false;
    target.tables[objid] = table;
    return true;
  }

  jet::Err Apply(const storage::LogRecord &record) {
    ByteReader r(record.payload);
    switch (record.type) {
      case redo::kAttach: {
        const std::uint32_t logId = r.U32();
        const std::u16string path = r.Text(32767);
        if (!r.AtEnd()) return jet::err::LogFileCorrupt;
        return Bind(logId, path);
      }
      case redo::kDetach: {
        const std::uint32_t logId = r.U32();
        if (!r.AtEnd()) return jet::err::LogFileCorrupt;
        auto found = bound_.find(logId);
        if (found != bound_.end() && found->second) {
          // Written now: the same file may be attached again further on.
          const jet::Err err = WriteClean(*found->second, record.lsn);
          if (err < jet::err::Success) return err;
          found->second->db->file.reset();
          all_.erase(std::remove(all_.begin(), all_.end(), found->second), all_.end());
        }
        bound_.erase(logId);
        return jet::err::Success;
      }
      case redo::kCommit:
        return ApplyCommit(r, record.lsn);
      case redo::kSchema:
        return ApplySchema(r, record.lsn);
      case redo::kAbort: {
        const std::uint64_t transaction = r.U64();
        if (!r.AtEnd()) return jet::err::LogFileCorrupt;
        Forget(transaction);
        return jet::err::Success;
      }
      case redo::kTerm:
        return r.AtEnd() ? jet::err::Success : jet::err::LogFileCorrupt;
      default:
        return jet::err::LogFileCorrupt;
    }
  }

  void Forget(std::uint64_t transaction) {
    undo_.erase(std::remove_if(undo_.begin(), undo_.end(),
                               [&](const SchemaUndo &u) { return u.transaction == transaction; }),
                undo_.end());
  }

  jet::Err ApplyCommit(ByteReader &r, Lsn lsn) {
    const std::uint64_t transaction = r.U64();
    const std::uint32_t databases = r.Count(8);
    for (std::uint32_t d = 0; d < databases && r.ok(); ++d) {
      Recovering *target = Target(r.U32(), lsn);
      const std::uint32_t tables = r.Count(20);
      for (std::uint32_t t = 0; t < tables && r.ok(); ++t) {
        const std::uint32_t objid = r.U32();
        std::uint32_t nextDbk = 0;
        std::int64_t nextAutoinc = 0;
        if (!codec::ReadCounters(r, &nextDbk, &nextAutoinc)) return jet::err::LogFileCorrupt;
        TablePtr table;
        if (target != nullptr) {
          auto found = target->tables.find(objid);
          if (found != target->tables.end()) table = found->second;
        }
        if (table) {
          table->nextDbk = std::max(table->nextDbk, nextDbk);
          table->nextAutoinc = std::max(table->nextAutoinc, nextAutoinc);
        }
        // Rows are read against the table's definition; a table that is gone (or a
        // database that is skipped) still has its rows read past.
        Table scratch;
        scratch.nextFixed = kLastFixed + 1;
        scratch.nextVar = kLastVar + 1;
        scratch.nextTagged = kLastTagged + 1;
        const Table &shape = table ? *table : scratch;
        const std::uint32_t changes = r.Count(5);
        for (std::uint32_t c = 0; c < changes && r.ok(); ++c) {
          Bytes bookmark = r.Bytes(2000);
          const bool present = r.Bool();
          RowPtr row;
          if (present && !codec::ReadRow(r, shape, &row)) return jet::err::LogFileCorrupt;
          if (!r.ok()) break;
          if (!table) continue;
          if (present) {
            Record record;
            record.committed.push_back(Version{0, std::move(row)});
            table->records[bookmark] = std::move(record);
          } else {
            auto gone = table->records.find(bookmark);
            if (gone != table->records.end()) table->EraseRecord(gone);
          }
        }
      }
    }
    if (!r.AtEnd()) return jet::err::LogFileCorrupt;
    if (transaction != 0) Forget(transaction);
    return jet::err::Success;
  }

  jet::Err ApplySchema(ByteReader &r, Lsn lsn) {
    const std::uint64_t transaction = r.U64();
    Recovering *target = Target(r.U32(), lsn);
    const std::uint32_t nextObjid = r.U32();
    const std::uint32_t count = r.Count(6);
    RecoveringPtr owner;
    if (target != nullptr) {
      for (const RecoveringPtr &candidate : all_) {
        if (candidate.get() == target) owner = candidate;
      }
      target->db->nextObjid = std::max(target->db->nextObjid, nextObjid);
    }
    for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
      const std::uint32_t objid = r.U32();
      const bool hasBefore = r.Bool();
      Bytes before = hasBefore ? r.Bytes() : Bytes();
      const bool hasAfter = r.Bool();
      Bytes after = hasAfter ? r.Bytes() : Bytes();
      if (!r.ok() || target == nullptr) continue;
      if (!SetTable(*target, objid, hasAfter ? &after : nullptr)) return jet::err::LogFileCorrupt;
      if (transaction != 0) undo_.push_back(SchemaUndo{transaction, owner, objid, hasBefore, std::move(before)});
    }
    return r.AtEnd() ? jet::err::Success : jet::err::LogFileCorrupt;
  }

  jet::Err WriteClean(Recovering &target, Lsn lsn) {
    for (const auto &entry : target.db->tables) file::RebuildIndexEntries(*entry.second);
    file::Header header;
    header.state = file::State::kClean;
    header.signature = log_.Signature();
    header.lsn = lsn;
    return file::Write(*target.db, file::Snapshot(*target.db), &header);
  }

  jet::Err Finish() {
    // Schema changes of transactions that never ended, newest first.
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      if (!it->target) continue;
      if (!SetTable(*it->target, it->objid, it->existed ? &it->before : nullptr)) return jet::err::LogFileCorrupt;
    }
    undo_.clear();
    const Lsn end = log_.ReplayEnd();
    for (const RecoveringPtr &target : all_) {
      const jet::Err err = WriteClean(*target, end);
      if (err < jet::err::Success) return err;
      target->db->file.reset();
    }
    return jet::err::Success;
  }

  storage::LogStream &log_;
  jet::Grbit grbit_;
  std::map<std::uint32_t, RecoveringPtr> bound_;  // by log id; null: skipped
  std::vector<RecoveringPtr> all_;
  std::vector<SchemaUndo> undo_;
};

}  // namespace

jet::Err Recover(storage::LogStream &log, jet::Grbit initGrbit) {
  if (!log.HasLogFiles()) return jet::err::Success;
  return Replay(log, initGrbit).Run();
}

}  // namespace data
}  // namespace emu
