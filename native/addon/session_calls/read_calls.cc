// Reads: look rows up by key, scan a range of an index page by page, count a range.
#include "session_calls.h"

#include <string>
#include <utility>
#include <vector>

#include "../arguments.h"
#include "cursor.h"
#include "record_reader.h"
#include "wire.h"

namespace esent {
namespace session_calls {
namespace {

// A range bound: null, or { key, inclusive, prefix }.
struct Bound {
  bool present = false;
  bool inclusive = true;
  bool prefix = false;  // fewer parts than the index has segments
  std::vector<std::uint8_t> bytes;
  Key key;
};

Bound ReadBound(const Arguments &args, const Napi::Value &value) {
  Bound bound;
  if (value.IsNull() || value.IsUndefined()) return bound;
  if (!value.IsObject()) args.ThrowType("a range bound must be null or { key, inclusive, prefix }");
  Napi::Object object = value.As<Napi::Object>();
  bound.present = true;
  bound.inclusive = object.Get("inclusive").ToBoolean();
  bound.prefix = object.Get("prefix").ToBoolean();
  bound.bytes = CopyBuffer(args, object.Get("key"), "key");
  Reader reader(args, bound.bytes);
  bound.key = reader.ReadKey();
  reader.End();
  return bound;
}

class LookupCall : public SessionCall {
 public:
  LookupCall(CursorRef cursor, std::u16string index, std::vector<std::uint8_t> bytes, std::vector<Key> keys)
      : cursor_(std::move(cursor)), index_(std::move(index)), bytes_(std::move(bytes)), keys_(std::move(keys)) {}
  const char *Name() const override { return "JetSeek"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!RequireOpen(*cursor_, outcome, Name())) return;
    RecordReader reader(engine, sesid, *cursor_->plan, nullptr, 0);
    for (const Key &key : keys_) {
      if (!SeekEqual(engine, sesid, *cursor_, index_, key, outcome)) {
        if (outcome.Failed()) return;
        PutU32(out_, 0);
        continue;
      }
      PutU32(out_, 1);
      if (!reader.Read(cursor_->tableid, out_, outcome)) return;
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return BufferOf(env, out_); }

 private:
  CursorRef cursor_;
  std::u16string index_;
  std::vector<std::uint8_t> bytes_;
  std::vector<Key> keys_;
  std::vector<std::uint8_t> out_;
};

// Positions a fresh cursor on the first record of a range in the scan's direction and
// limits it there. Returns false with no failure recorded when the range is empty.
bool PositionInRange(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const Bound &lower,
                     const Bound &upper, bool reverse, CallOutcome &outcome) {
  auto seek = Available(engine.Seek, "JetSeek", outcome);
  auto move = Available(engine.Move, "JetMove", outcome);
  auto setRange = Available(engine.SetIndexRange, "JetSetIndexRange", outcome);
  if (!seek || !move || !setRange) return false;
  jet::Tableid tableid = cursor.tableid;
  const Bound &start = reverse ? upper : lower;
  const Bound &limit = reverse ? lower : upper;
  jet::Err err;
  if (start.present) {
    // A prefix that must include all its extensions (inclusive upper, exclusive lower)
    // uses a key past them all: JET_bitFullColumnEndLimit.
    bool pastPrefix = start.prefix && (reverse ? start.inclusive : !start.inclusive);
    if (!MakeKey(engine, sesid, tableid, start.key, pastPrefix ? jet::bit::FullColumnEndLimit : 0, outcome)) {
      return false;
    }
    jet::Grbit how = reverse ? (start.inclusive ? jet::bit::SeekLE : jet::bit::SeekLT)
                             : (start.inclusive ? jet::bit::SeekGE : jet::bit::SeekGT);
    err = seek(sesid, tableid, how);
    if (err == jet::err::RecordNotFound) return false;
    if (!Succeeded(err, "JetSeek", outcome)) return false;
  } else {
    err = move(sesid, tableid, reverse ? jet::MoveLast : jet::MoveFirst, 0);
    if (err == jet::err::NoCurrentRecord) return false;
    if (!Succeeded(err, "JetMove", outcome)) return false;
  }
  if (limit.present) {
    bool pastPrefix = limit.prefix && (reverse ? !limit.inclusive : limit.inclusive);
    if (!MakeKey(engine, sesid, tableid, limit.key, pastPrefix ? jet::bit::FullColumnEndLimit : 0, outcome)) {
      return false;
    }
    jet::Grbit how = (limit.inclusive ? jet::bit::RangeInclusive : 0) | (reverse ? 0 : jet::bit::RangeUpperLimit);
    err = setRange(sesid, tableid, how);
    if (err == jet::err::NoCurrentRecord) return false;
    if (!Succeeded(err, "JetSetIndexRange", outcome)) return false;
  }
  return true;
}

// Duplicates `table` onto `index`; the new cursor shares the table's column plan.
CursorRef Duplicate(const EngineTable &engine, jet::Sesid sesid, const Cursor &table, const std::u16string &index,
                    CallOutcome &outcome) {
  auto dup = Available(engine.DupCursor, "JetDupCursor", outcome);
  if (!dup || !Available(engine.CloseTable, "JetCloseTable", outcome)) return nullptr;
  auto cursor = std::make_shared<Cursor>();
  cursor->session = table.session;
  cursor->plan = table.plan;
  if (!Succeeded(dup(sesid, table.tableid, &cursor->tableid, 0), "JetDupCursor", outcome)) return nullptr;
  cursor->open = true;
  if (!EnsureIndex(engine, sesid, *cursor, index, outcome)) {
    engine.CloseTable(sesid, cursor->tableid);
    return nullptr;
  }
  return cursor;
}

// Reads up to `pageSize` records (fewer if `limit` is non-zero and smaller) from a scan
// cursor, moving between them. Closes the cursor when the range is exhausted or `limit`
// reached.
class ScanPageCall : public SessionCall {
 public:
  ScanPageCall(CursorRef table, CursorRef scan, std::u16string index, Bound lower, Bound upper, bool reverse,
               std::uint32_t pageSize, std::uint32_t limit)
      : table_(std::move(table)), scan_(std::move(scan)), index_(std::move(index)), lower_(std::move(lower)),
        upper_(std::move(upper)), reverse_(reverse), pageSize_(pageSize == 0 ? 1 : pageSize), limit_(limit) {}

  const char *Name() const override { return "JetMove"; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    bool positioned = false;
    if (!scan_) {
      if (!RequireOpen(*table_, outcome, Name())) return;
      scan_ = Duplicate(engine, sesid, *table_, index_, outcome);
      if (!scan_) return;
      scan_->step = reverse_ ? jet::MovePrevious : jet::MoveNext;
      positioned = PositionInRange(engine, sesid, *scan_, lower_, upper_, reverse_, outcome);
      if (!positioned) {
        Finish(engine, sesid);
        return;
      }
    } else if (!RequireOpen(*scan_, outcome, Name())) {
      return;
    }
    auto move = Available(engine.Move, "JetMove", outcome);
    if (!move) return;
    std::uint32_t wanted = limit_ != 0 && limit_ < pageSize_ ? limit_ : pageSize_;
    RecordReader reader(engine, sesid, *scan_->plan, nullptr, 0);
    while (count_ < wanted) {
      if (!positioned && scan_->returnedCurrent) {
        jet::Err err = move(sesid, scan_->tableid, scan_->step, 0);
        if (err == jet::err::NoCurrentRecord) {
          Finish(engine, sesid);
          return;
        }
        if (!Succeeded(err, "JetMove", outcome)) return;
      }
      positioned = false;
      if (!reader.Read(scan_->tableid, out_, outcome)) return;
      scan_->returnedCurrent = true;
      ++count_;
    }
    if (limit_ != 0 && count_ >= limit_) Finish(engine, sesid);
  }

  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    Napi::Object page = Napi::Object::New(env);
    page.Set("scan", scan_ && scan_->open ? WrapCursor(env, scan_) : env.Undefined());
    page.Set("rows", BufferOf(env, out_));
    page.Set("count", Napi::Number::New(env, count_));
    return page;
  }

 private:
  void Finish(const EngineTable &engine, jet::Sesid sesid) {
    if (scan_ && scan_->open) {
      engine.CloseTable(sesid, scan_->tableid);
      scan_->open = false;
    }
  }

  CursorRef table_;
  CursorRef scan_;
  std::u16string index_;
  Bound lower_;
  Bound upper_;
  bool reverse_;
  std::uint32_t pageSize_;
  std::uint32_t limit_;
  std::uint32_t count_ = 0;
  std::vector<std::uint8_t> out_;
};

class CountCall : public SessionCall {
 public:
  CountCall(CursorRef table, std::u16string index, Bound lower, Bound upper)
      : table_(std::move(table)), index_(std::move(index)), lower_(std::move(lower)), upper_(std::move(upper)) {}
  const char *Name() const override { return "JetIndexRecordCount"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!RequireOpen(*table_, outcome, Name())) return;
    auto recordCount = Available(engine.IndexRecordCount, "JetIndexRecordCount", outcome);
    if (!recordCount) return;
    CursorRef scan = Duplicate(engine, sesid, *table_, index_, outcome);
    if (!scan) return;
    if (PositionInRange(engine, sesid, *scan, lower_, upper_, false, outcome)) {
      jet::ULong count = 0;
      if (Succeeded(recordCount(sesid, scan->tableid, &count, 0), "JetIndexRecordCount", outcome)) count_ = count;
    }
    engine.CloseTable(sesid, scan->tableid);
    scan->open = false;
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, count_); }

 private:
  CursorRef table_;
  std::u16string index_;
  Bound lower_;
  Bound upper_;
  double count_ = 0;
};

}  // namespace

std::unique_ptr<SessionCall> Lookup(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  std::vector<std::uint8_t> bytes = CopyBuffer(args, info[2], "keys");
  std::uint32_t keyCount = args.UInt32(3, "keyCount");
  // Each key takes at least its part count and one value length.
  if (keyCount > bytes.size() / 8) args.ThrowRange("malformed record buffer (truncated)");
  std::vector<Key> keys(keyCount);
  Reader reader(args, bytes);
  for (Key &key : keys) key = reader.ReadKey();
  reader.End();
  return std::make_unique<LookupCall>(std::move(cursor), std::move(index), std::move(bytes), std::move(keys));
}

std::unique_ptr<SessionCall> Scan(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 7, 7);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  Bound lower = ReadBound(args, info[2]);
  Bound upper = ReadBound(args, info[3]);
  bool reverse = info[4].ToBoolean();
  return std::make_unique<ScanPageCall>(std::move(cursor), nullptr, std::move(index), std::move(lower),
                                        std::move(upper), reverse, args.UInt32(5, "pageSize"),
                                        args.UInt32(6, "limit"));
}

std::unique_ptr<SessionCall> ScanNext(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 3, 3);
  CursorRef scan = UnwrapCursor(args, info[0], session);
  return std::make_unique<ScanPageCall>(nullptr, std::move(scan), std::u16string(), Bound{}, Bound{}, false,
                                        args.UInt32(1, "pageSize"), args.UInt32(2, "limit"));
}

std::unique_ptr<SessionCall> Count(const Napi::CallbackInfo &info, const char *method, std::uint64_t session) {
  Arguments args(info, method, 4, 4);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  Bound lower = ReadBound(args, info[2]);
  Bound upper = ReadBound(args, info[3]);
  return std::make_unique<CountCall>(std::move(cursor), std::move(index), std::move(lower), std::move(upper));
}

}  // namespace session_calls
}  // namespace esent
