// Writes: insert rows, update a row found by key, remove a row found by key. Each is all
// or nothing, in a nested transaction of its own.
#include "session_calls.h"

#include <cstring>
#include <utility>
#include <vector>

#include "../arguments.h"
#include "cursor.h"
#include "record_reader.h"
#include "wire.h"

namespace esent {
namespace session_calls {
namespace {

// A nested transaction around one facade write, so that it is all or nothing (except at
// the deepest nesting level, where no further level can begin).
class WriteTransaction {
 public:
  WriteTransaction(const EngineTable &engine, jet::Sesid sesid) : engine_(engine), sesid_(sesid) {}

  bool Begin(CallOutcome &outcome) {
    auto begin = Available(engine_.BeginTransaction2, "JetBeginTransaction2", outcome);
    if (!begin || !Available(engine_.CommitTransaction, "JetCommitTransaction", outcome) ||
        !Available(engine_.Rollback, "JetRollback", outcome)) {
      return false;
    }
    jet::Err err = begin(sesid_, 0);
    // At the deepest level the write joins the caller's level as it is: a single record
    // update is atomic by itself (insertMany is then not all-or-nothing).
    if (err == jet::err::TransTooDeep) return true;
    if (!Succeeded(err, "JetBeginTransaction2", outcome)) return false;
    open_ = true;
    return true;
  }

  bool Commit(CallOutcome &outcome) {
    if (!open_) return true;
    open_ = false;
    jet::Err err = engine_.CommitTransaction(sesid_, jet::bit::CommitLazyFlush);
    if (err < 0) {
      outcome.Fail(err, "JetCommitTransaction");
      EngineRollback(engine_, sesid_, 0);
      return false;
    }
    return true;
  }

  ~WriteTransaction() {
    if (open_) EngineRollback(engine_, sesid_, 0);
  }

 private:
  const EngineTable &engine_;
  jet::Sesid sesid_;
  bool open_ = false;
};

// JetPrepareUpdate, cancelled on scope exit unless JetUpdate2 ran.
class PreparedUpdate {
 public:
  PreparedUpdate(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid)
      : engine_(engine), sesid_(sesid), tableid_(tableid) {}

  bool Prepare(jet::ULong prep, CallOutcome &outcome) {
    auto prepare = Available(engine_.PrepareUpdate, "JetPrepareUpdate", outcome);
    if (!prepare || !Available(engine_.Update2, "JetUpdate2", outcome)) return false;
    if (!Succeeded(prepare(sesid_, tableid_, prep), "JetPrepareUpdate", outcome)) return false;
    prepared_ = true;
    return true;
  }

  bool Update(CallOutcome &outcome) {
    jet::Err err = engine_.Update2(sesid_, tableid_, nullptr, 0, nullptr, 0);
    if (!Succeeded(err, "JetUpdate2", outcome)) return false;
    prepared_ = false;
    return true;
  }

  ~PreparedUpdate() {
    if (prepared_) engine_.PrepareUpdate(sesid_, tableid_, jet::prep::Cancel);
  }

 private:
  const EngineTable &engine_;
  jet::Sesid sesid_;
  jet::Tableid tableid_;
  bool prepared_ = false;
};

jet::SetColumn MakeSetColumn(jet::Columnid columnid, const Bytes &value, jet::ULong itag) {
  jet::SetColumn set;
  std::memset(&set, 0, sizeof set);
  set.columnid = columnid;
  set.itagSequence = itag;
  if (!value.isNull) {
    set.pvData = value.data;
    set.cbData = value.size;
    if (value.size == 0) set.grbit = jet::bit::SetZeroLength;
  }
  return set;
}

// The values of an insert: single values at itagSequence 1, each value of a multi-valued
// column appended (itagSequence 0).
bool SetInsertColumns(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, const Row &row,
                      std::vector<jet::SetColumn> &sets, CallOutcome &outcome) {
  sets.clear();
  for (const Row::EntryValues entry : row) {
    for (const Bytes &value : entry.values) {
      sets.push_back(MakeSetColumn(entry.columnid, value, entry.allValues ? 0 : 1));
    }
  }
  if (sets.empty()) return true;
  auto setColumns = Available(engine.SetColumns, "JetSetColumns", outcome);
  if (!setColumns) return false;
  return Succeeded(setColumns(sesid, tableid, sets.data(), static_cast<jet::ULong>(sets.size())), "JetSetColumns",
               outcome);
}

// How many values a multi-valued column holds in the current record.
bool CountValues(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, jet::Columnid columnid,
                 jet::ULong *count, CallOutcome &outcome) {
  auto retrieveColumn = Available(engine.RetrieveColumn, "JetRetrieveColumn", outcome);
  if (!retrieveColumn) return false;
  std::uint8_t probe[1];
  for (jet::ULong itag = 1;; ++itag) {
    jet::RetInfo info{sizeof(jet::RetInfo), 0, itag, 0};
    jet::ULong actual = 0;
    jet::Err err = retrieveColumn(sesid, tableid, columnid, probe, 0, &actual, 0, &info);
    if (err == jet::wrn::ColumnNull) {
      *count = itag - 1;
      return true;
    }
    if (!Succeeded(err, "JetRetrieveColumn", outcome)) return false;
  }
}

// The changes of an update. A multi-valued column's list replaces all its values: the
// first ones overwrite in place, extra new ones are appended, surplus old ones are
// removed from the end.
bool SetReplaceColumns(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, const Row &row,
                       const std::vector<jet::ULong> &oldCounts, CallOutcome &outcome) {
  std::vector<jet::SetColumn> sets;
  size_t multi = 0;
  for (const Row::EntryValues entry : row) {
    if (!entry.allValues) {
      sets.push_back(MakeSetColumn(entry.columnid, entry.values[0], 1));
      continue;
    }
    jet::ULong oldCount = oldCounts[multi++];
    jet::ULong newCount = static_cast<jet::ULong>(entry.values.size());
    for (jet::ULong i = 0; i < newCount; ++i) {
      sets.push_back(MakeSetColumn(entry.columnid, entry.values[i], i < oldCount ? i + 1 : 0));
    }
    for (jet::ULong itag = oldCount; itag > newCount; --itag) {
      sets.push_back(MakeSetColumn(entry.columnid, Bytes{}, itag));
    }
  }
  if (sets.empty()) return true;
  auto setColumns = Available(engine.SetColumns, "JetSetColumns", outcome);
  if (!setColumns) return false;
  return Succeeded(setColumns(sesid, tableid, sets.data(), static_cast<jet::ULong>(sets.size())), "JetSetColumns",
               outcome);
}

class InsertCall : public SessionCall {
 public:
  InsertCall(CursorRef cursor, std::vector<std::uint8_t> bytes, RowSet rows,
             std::vector<std::uint32_t> retrieve)
      : cursor_(std::move(cursor)), bytes_(std::move(bytes)), rows_(std::move(rows)), retrieve_(std::move(retrieve)) {}
  const char *Name() const override { return "JetUpdate2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!RequireOpen(*cursor_, outcome, Name())) return;
    jet::Tableid tableid = cursor_->tableid;
    WriteTransaction transaction(engine, sesid);
    if (!transaction.Begin(outcome)) return;
    RecordReader reader(engine, sesid, *cursor_->plan, &retrieve_, jet::bit::RetrieveCopy);
    std::vector<jet::SetColumn> sets;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const Row row = rows_[i];
      PreparedUpdate update(engine, sesid, tableid);
      if (!update.Prepare(jet::prep::Insert, outcome)) return;
      if (!SetInsertColumns(engine, sesid, tableid, row, sets, outcome)) return;
      if (!retrieve_.empty() && !reader.Read(tableid, out_, outcome)) return;
      if (!update.Update(outcome)) return;
    }
    transaction.Commit(outcome);
  }
  // Nothing to read back (no autoincrement, version or defaulted column asked for): no Buffer
  // to make, which is most of a settled insert's cost in the addon.
  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    return retrieve_.empty() ? env.Undefined() : BufferOf(env, out_);
  }

 private:
  CursorRef cursor_;
  std::vector<std::uint8_t> bytes_;
  RowSet rows_;
  std::vector<std::uint32_t> retrieve_;
  std::vector<std::uint8_t> out_;
};

class UpdateCall : public SessionCall {
 public:
  UpdateCall(CursorRef cursor, std::u16string index, OwnedKey key, std::vector<std::uint8_t> bytes, RowSet row)
      : cursor_(std::move(cursor)), index_(std::move(index)), key_(std::move(key)), bytes_(std::move(bytes)),
        row_(std::move(row)) {}
  const char *Name() const override { return "JetUpdate2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!RequireOpen(*cursor_, outcome, Name())) return;
    jet::Tableid tableid = cursor_->tableid;
    WriteTransaction transaction(engine, sesid);
    if (!transaction.Begin(outcome)) return;
    if (!SeekEqual(engine, sesid, *cursor_, index_, key_.key, outcome)) return;
    std::vector<jet::ULong> oldCounts;
    for (const Row::EntryValues entry : row_[0]) {
      if (!entry.allValues) continue;
      jet::ULong count = 0;
      if (!CountValues(engine, sesid, tableid, entry.columnid, &count, outcome)) return;
      oldCounts.push_back(count);
    }
    PreparedUpdate update(engine, sesid, tableid);
    if (!update.Prepare(jet::prep::Replace, outcome)) return;
    if (!SetReplaceColumns(engine, sesid, tableid, row_[0], oldCounts, outcome)) return;
    if (!update.Update(outcome)) return;
    if (transaction.Commit(outcome)) found_ = true;
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Boolean::New(env, found_); }

 private:
  CursorRef cursor_;
  std::u16string index_;
  OwnedKey key_;
  std::vector<std::uint8_t> bytes_;
  RowSet row_;  // one row
  bool found_ = false;
};

class RemoveCall : public SessionCall {
 public:
  RemoveCall(CursorRef cursor, std::u16string index, OwnedKey key)
      : cursor_(std::move(cursor)), index_(std::move(index)), key_(std::move(key)) {}
  const char *Name() const override { return "JetDelete"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!RequireOpen(*cursor_, outcome, Name())) return;
    auto remove = Available(engine.Delete, "JetDelete", outcome);
    if (!remove) return;
    WriteTransaction transaction(engine, sesid);
    if (!transaction.Begin(outcome)) return;
    if (!SeekEqual(engine, sesid, *cursor_, index_, key_.key, outcome)) return;
    if (!Succeeded(remove(sesid, cursor_->tableid), "JetDelete", outcome)) return;
    if (transaction.Commit(outcome)) found_ = true;
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Boolean::New(env, found_); }

 private:
  CursorRef cursor_;
  std::u16string index_;
  OwnedKey key_;
  bool found_ = false;
};

}  // namespace

std::unique_ptr<SessionCall> Insert(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 3, 3);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::vector<std::uint8_t> bytes = CopyBuffer(args, info[1], "rows");
  RowSet rows;
  Reader reader(args, bytes);
  reader.ReadRows(reader.Count(4), &rows);
  reader.End();
  // One N-API call checks the kind and reads it (napi_get_typedarray_info refuses the rest).
  napi_typedarray_type type = napi_int8_array;
  size_t count = 0;
  void *data = nullptr;
  if (napi_get_typedarray_info(info.Env(), info[2], &type, &count, &data, nullptr, nullptr) != napi_ok ||
      type != napi_uint32_array) {
    args.ThrowType("'retrieve' must be a Uint32Array");
  }
  const auto *positions = static_cast<const std::uint32_t *>(data);
  std::vector<std::uint32_t> retrieve(positions, positions + count);
  size_t planSize = cursor->plan ? cursor->plan->size() : 0;
  for (std::uint32_t position : retrieve) {
    if (position >= planSize) args.ThrowRange("'retrieve' names a column the table does not have");
  }
  return std::make_unique<InsertCall>(std::move(cursor), std::move(bytes), std::move(rows), std::move(retrieve));
}

std::unique_ptr<SessionCall> Update(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  OwnedKey key = ReadOwnedKey(args, info[2]);
  std::vector<std::uint8_t> bytes = CopyBuffer(args, info[3], "row");
  Reader reader(args, bytes);
  RowSet row;
  reader.ReadRows(1, &row);
  reader.End();
  return std::make_unique<UpdateCall>(std::move(cursor), std::move(index), std::move(key), std::move(bytes),
                                      std::move(row));
}

std::unique_ptr<SessionCall> Remove(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 3, 3);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  return std::make_unique<RemoveCall>(std::move(cursor), std::move(index), ReadOwnedKey(args, info[2]));
}

}  // namespace session_calls
}  // namespace esent
