#include "table_calls.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "arguments.h"
#include "engine_access.h"
#include "esent/jet_data_api.h"

namespace esent {
namespace table_calls {
namespace {

constexpr std::uint32_t kNullLength = 0xFFFFFFFFu;

// ---------------------------------------------------------------------------------------
// Cursors: a table cursor opened by the facade, shared by the JavaScript object that
// names it (a type-tagged External) and the calls queued on it.

struct ColumnPlan {
  jet::Columnid columnid = 0;
  jet::Coltyp coltyp = 0;
  jet::ULong cbMax = 0;
  jet::Grbit grbit = 0;
  bool multi = false;
};

using Plan = std::vector<ColumnPlan>;

struct Cursor {
  // The NativeSession::Id of the session that opened it: its tableid means nothing to any
  // other session, and its state is only ever touched by that session's trips.
  std::uint64_t session = 0;
  jet::Tableid tableid = 0;
  bool open = false;
  std::shared_ptr<const Plan> plan;
  bool indexKnown = false;  // the engine's current index is `index`
  std::u16string index;
  // Scans: the direction, and whether the cursor sits on a record already returned.
  std::int32_t step = jet::MoveNext;
  bool returnedCurrent = false;
};

using CursorRef = std::shared_ptr<Cursor>;

const napi_type_tag kCursorTag = {0x6573656e74637572ULL, 0x736f722d74616731ULL};

Napi::Value WrapCursor(Napi::Env env, const CursorRef &cursor) {
  auto external = Napi::External<CursorRef>::New(env, new CursorRef(cursor),
                                                   [](Napi::Env, CursorRef *ref) { delete ref; });
  external.TypeTag(&kCursorTag);
  return external;
}

CursorRef UnwrapCursor(const Arguments &args, const Napi::Value &value, std::uint64_t session) {
  if (!value.IsExternal() || !value.As<Napi::External<CursorRef>>().CheckTypeTag(&kCursorTag)) {
    args.ThrowType("'cursor' must be a cursor returned by openTable or scan");
  }
  CursorRef cursor = *value.As<Napi::External<CursorRef>>().Data();
  if (cursor->session != session) args.ThrowType("'cursor' belongs to another session");
  return cursor;
}

// ---------------------------------------------------------------------------------------
// Reading the wire formats. Input Buffers are copied: the pool thread owns its bytes.

struct Bytes {
  const std::uint8_t *data = nullptr;
  std::uint32_t size = 0;
  bool isNull = true;
};

struct Entry {
  jet::Columnid columnid = 0;
  bool allValues = false;
  std::vector<Bytes> values;
};

using Row = std::vector<Entry>;
using Key = std::vector<Bytes>;

class Reader {
 public:
  Reader(const Arguments &args, const std::vector<std::uint8_t> &bytes) : args_(args), bytes_(bytes) {}

  std::uint32_t U32() {
    Need(4);
    const std::uint8_t *p = bytes_.data() + at_;
    at_ += 4;
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
           (std::uint32_t(p[3]) << 24);
  }

  Bytes Value() {
    Bytes value;
    std::uint32_t length = U32();
    if (length == kNullLength) return value;
    Need(length);
    value.isNull = false;
    value.size = length;
    value.data = bytes_.data() + at_;
    at_ += length;
    return value;
  }

  // A count of items that take at least `leastBytes` each: never more than the bytes left
  // can hold, so that a malformed count cannot make a huge allocation.
  std::uint32_t Count(size_t leastBytes) {
    std::uint32_t n = U32();
    if (n > (bytes_.size() - at_) / leastBytes) args_.ThrowRange("malformed record buffer (truncated)");
    return n;
  }

  Key ReadKey() {
    std::uint32_t parts = U32();
    if (parts == 0 || parts > jet::ccolKeyMost) args_.ThrowRange("a key must have 1 to 16 parts");
    Key key(parts);
    for (Bytes &part : key) part = Value();
    return key;
  }

  Row ReadRow() {
    Row row(Count(12));
    for (Entry &entry : row) {
      entry.columnid = U32();
      entry.allValues = U32() == 1;
      entry.values.resize(Count(4));
      for (Bytes &value : entry.values) value = Value();
      if (!entry.allValues && entry.values.size() != 1) args_.ThrowRange("a single-valued entry needs one value");
    }
    return row;
  }

  void End() const {
    if (at_ != bytes_.size()) args_.ThrowRange("malformed record buffer (trailing bytes)");
  }

 private:
  void Need(size_t n) const {
    if (bytes_.size() - at_ < n) args_.ThrowRange("malformed record buffer (truncated)");
  }

  const Arguments &args_;
  const std::vector<std::uint8_t> &bytes_;
  size_t at_ = 0;
};

std::vector<std::uint8_t> CopyBuffer(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsBuffer()) args.ThrowType(std::string("'") + name + "' must be a Buffer");
  auto buffer = value.As<Napi::Buffer<std::uint8_t>>();
  return std::vector<std::uint8_t>(buffer.Data(), buffer.Data() + buffer.Length());
}

std::u16string ReadString(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsString()) args.ThrowType(std::string("'") + name + "' must be a string");
  std::u16string s = value.As<Napi::String>().Utf16Value();
  if (s.find(u'\0') != std::u16string::npos) args.ThrowType(std::string("'") + name + "' must not contain NUL");
  return s;
}

std::uint32_t ReadU32(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsNumber()) args.ThrowType(std::string("'") + name + "' must be a number");
  double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0) || static_cast<double>(static_cast<std::uint32_t>(d)) != d) {
    args.ThrowRange(std::string("'") + name + "' must be an integer from 0 to 2^32-1");
  }
  return static_cast<std::uint32_t>(d);
}

// A key and the bytes it points into.
struct OwnedKey {
  std::vector<std::uint8_t> bytes;
  Key key;
};

OwnedKey ReadOwnedKey(const Arguments &args, const Napi::Value &value) {
  OwnedKey owned;
  owned.bytes = CopyBuffer(args, value, "key");
  Reader reader(args, owned.bytes);
  owned.key = reader.ReadKey();
  reader.End();
  return owned;
}

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

// ---------------------------------------------------------------------------------------
// Engine helpers, run on the pool thread.

void PutU32(std::vector<std::uint8_t> &out, std::uint32_t v) {
  std::uint8_t b[4] = {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
  out.insert(out.end(), b, b + 4);
}

void PatchU32(std::vector<std::uint8_t> &out, size_t at, std::uint32_t v) {
  out[at] = std::uint8_t(v);
  out[at + 1] = std::uint8_t(v >> 8);
  out[at + 2] = std::uint8_t(v >> 16);
  out[at + 3] = std::uint8_t(v >> 24);
}

void PutValue(std::vector<std::uint8_t> &out, const std::uint8_t *data, std::uint32_t size) {
  PutU32(out, size);
  out.insert(out.end(), data, data + size);
}

std::uint32_t FixedSize(jet::Coltyp coltyp) {
  switch (coltyp) {
    case jet::coltyp::Bit:
    case jet::coltyp::UnsignedByte: return 1;
    case jet::coltyp::Short:
    case jet::coltyp::UnsignedShort: return 2;
    case jet::coltyp::Long:
    case jet::coltyp::UnsignedLong:
    case jet::coltyp::IEEESingle: return 4;
    case jet::coltyp::Currency:
    case jet::coltyp::IEEEDouble:
    case jet::coltyp::DateTime:
    case jet::coltyp::LongLong:
    case jet::coltyp::UnsignedLongLong: return 8;
    case jet::coltyp::GUID: return 16;
    default: return 0;
  }
}

// The first buffer size tried for a column's value; a longer value is fetched again.
std::uint32_t FirstGuess(const ColumnPlan &column) {
  if (std::uint32_t fixed = FixedSize(column.coltyp)) return fixed;
  if (column.coltyp == jet::coltyp::LongText || column.coltyp == jet::coltyp::LongBinary) {
    return column.cbMax != 0 && column.cbMax < 1024 ? column.cbMax : 1024;
  }
  return column.cbMax != 0 ? column.cbMax : jet::cbColumnMost;
}

// Reads the current record (or, with JET_bitRetrieveCopy, the copy buffer of an update)
// into `out`: the columns of `plan` at `positions` (all of them if null).
class RecordReader {
 public:
  RecordReader(const EngineTable &engine, jet::Sesid sesid, const Plan &plan,
               const std::vector<std::uint32_t> *positions, jet::Grbit grbit)
      : engine_(engine), sesid_(sesid), plan_(plan), grbit_(grbit) {
    if (positions) {
      columns_ = *positions;
    } else {
      for (std::uint32_t i = 0; i < plan.size(); ++i) columns_.push_back(i);
    }
    size_t offset = 0;
    for (std::uint32_t position : columns_) {
      const ColumnPlan &column = plan_[position];
      if (column.multi) continue;
      singles_.push_back(position);
      offsets_.push_back(offset);
      offset += FirstGuess(column);
    }
    scratch_.resize(offset + 1);
    retrieve_.resize(singles_.size());
  }

  bool Read(jet::Tableid tableid, std::vector<std::uint8_t> &out, CallOutcome &outcome) {
    if (!singles_.empty()) {
      auto retrieveColumns = Available(engine_.RetrieveColumns, "JetRetrieveColumns", outcome);
      if (!retrieveColumns) return false;
      for (size_t i = 0; i < singles_.size(); ++i) {
        const ColumnPlan &column = plan_[singles_[i]];
        jet::RetrieveColumn &rc = retrieve_[i];
        std::memset(&rc, 0, sizeof rc);
        rc.columnid = column.columnid;
        rc.pvData = scratch_.data() + offsets_[i];
        rc.cbData = FirstGuess(column);
        rc.grbit = grbit_;
        rc.itagSequence = 1;
      }
      jet::Err err = retrieveColumns(sesid_, tableid, retrieve_.data(), static_cast<jet::ULong>(retrieve_.size()));
      if (!Succeeded(err, "JetRetrieveColumns", outcome)) return false;
    }
    size_t single = 0;
    for (std::uint32_t position : columns_) {
      const ColumnPlan &column = plan_[position];
      if (column.multi) {
        if (!ReadAllValues(tableid, column, out, outcome)) return false;
        continue;
      }
      const jet::RetrieveColumn &rc = retrieve_[single++];
      PutU32(out, 1);
      if (rc.err == jet::wrn::ColumnNull) {
        PutU32(out, kNullLength);
      } else if (!Succeeded(rc.err, "JetRetrieveColumns", outcome)) {
        return false;
      } else if (rc.cbActual > rc.cbData) {
        bool isNull = false;
        if (!ReadOne(tableid, column, 1, &isNull, outcome)) return false;
        if (isNull) PutU32(out, kNullLength); else PutValue(out, value_.data(), valueSize_);
      } else {
        PutValue(out, static_cast<const std::uint8_t *>(rc.pvData), rc.cbActual);
      }
    }
    return true;
  }

 private:
  // One value (itagSequence) with JetRetrieveColumn, into value_, growing as needed.
  bool ReadOne(jet::Tableid tableid, const ColumnPlan &column, jet::ULong itag, bool *isNull, CallOutcome &outcome) {
    auto retrieveColumn = Available(engine_.RetrieveColumn, "JetRetrieveColumn", outcome);
    if (!retrieveColumn) return false;
    if (value_.size() < FirstGuess(column)) value_.resize(FirstGuess(column));
    for (;;) {
      jet::RetInfo info{sizeof(jet::RetInfo), 0, itag, 0};
      jet::ULong actual = 0;
      jet::Err err = retrieveColumn(sesid_, tableid, column.columnid, value_.data(),
                                    static_cast<jet::ULong>(value_.size()), &actual, grbit_, &info);
      if (err == jet::wrn::ColumnNull) {
        *isNull = true;
        return true;
      }
      if (!Succeeded(err, "JetRetrieveColumn", outcome)) return false;
      if (actual <= value_.size()) {
        *isNull = false;
        valueSize_ = actual;
        return true;
      }
      value_.resize(actual);
    }
  }

  bool ReadAllValues(jet::Tableid tableid, const ColumnPlan &column, std::vector<std::uint8_t> &out,
                     CallOutcome &outcome) {
    size_t countAt = out.size();
    PutU32(out, 0);
    std::uint32_t count = 0;
    for (jet::ULong itag = 1;; ++itag) {
      bool isNull = false;
      if (!ReadOne(tableid, column, itag, &isNull, outcome)) return false;
      if (isNull) break;
      PutValue(out, value_.data(), valueSize_);
      ++count;
    }
    PatchU32(out, countAt, count);
    return true;
  }

  const EngineTable &engine_;
  jet::Sesid sesid_;
  const Plan &plan_;
  jet::Grbit grbit_;
  std::vector<std::uint32_t> columns_;
  std::vector<std::uint32_t> singles_;
  std::vector<size_t> offsets_;
  std::vector<std::uint8_t> scratch_;
  std::vector<jet::RetrieveColumn> retrieve_;
  std::vector<std::uint8_t> value_;
  std::uint32_t valueSize_ = 0;
};

bool EnsureIndex(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const std::u16string &index,
                 CallOutcome &outcome) {
  if (cursor.indexKnown && cursor.index == index) return true;
  auto setCurrentIndex = Available(engine.SetCurrentIndex4W, "JetSetCurrentIndex4", outcome);
  if (!setCurrentIndex) return false;
  cursor.indexKnown = false;
  jet::Err err = setCurrentIndex(sesid, cursor.tableid, index.empty() ? nullptr : AsWide(index), nullptr,
                                 jet::bit::MoveFirstOnIndex, 1);
  if (err < 0 && err != jet::err::NoCurrentRecord) return Succeeded(err, "JetSetCurrentIndex4", outcome);
  cursor.index = index;
  cursor.indexKnown = true;
  return true;
}

bool MakeKey(const EngineTable &engine, jet::Sesid sesid, jet::Tableid tableid, const Key &key, jet::Grbit lastGrbit,
             CallOutcome &outcome) {
  auto makeKey = Available(engine.MakeKey, "JetMakeKey", outcome);
  if (!makeKey) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    const Bytes &part = key[i];
    jet::Grbit grbit = i == 0 ? jet::bit::NewKey : 0;
    if (i + 1 == key.size()) grbit |= lastGrbit;
    if (!part.isNull && part.size == 0) grbit |= jet::bit::KeyDataZeroLength;
    jet::Err err = makeKey(sesid, tableid, part.isNull ? nullptr : part.data, part.size, grbit);
    if (!Succeeded(err, "JetMakeKey", outcome)) return false;
  }
  return true;
}

// Seeks `key` exactly. Returns false with no failure recorded when there is no such record.
bool SeekEqual(const EngineTable &engine, jet::Sesid sesid, Cursor &cursor, const std::u16string &index,
               const Key &key, CallOutcome &outcome) {
  if (!EnsureIndex(engine, sesid, cursor, index, outcome)) return false;
  if (!MakeKey(engine, sesid, cursor.tableid, key, 0, outcome)) return false;
  auto seek = Available(engine.Seek, "JetSeek", outcome);
  if (!seek) return false;
  jet::Err err = seek(sesid, cursor.tableid, jet::bit::SeekEQ);
  if (err == jet::err::RecordNotFound) return false;
  return Succeeded(err, "JetSeek", outcome);
}

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
      engine_.Rollback(sesid_, 0);
      return false;
    }
    return true;
  }

  ~WriteTransaction() {
    if (open_) engine_.Rollback(sesid_, 0);
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
  for (const Entry &entry : row) {
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
  for (const Entry &entry : row) {
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

Napi::Value BufferOf(Napi::Env env, const std::vector<std::uint8_t> &bytes) {
  return Napi::Buffer<std::uint8_t>::Copy(env, bytes.data(), bytes.size());
}

// ---------------------------------------------------------------------------------------
// Databases.

class CreateDatabaseCall : public SessionCall {
 public:
  CreateDatabaseCall(std::u16string path, jet::ULong maxPages, jet::Grbit grbit)
      : path_(std::move(path)), maxPages_(maxPages), grbit_(grbit) {}
  const char *Name() const override { return "JetCreateDatabase2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.CreateDatabase2W, "JetCreateDatabase2W", outcome)) {
      jet::Err err = fn(sesid, AsWide(path_), maxPages_, &dbid_, grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, dbid_); }

 private:
  std::u16string path_;
  jet::ULong maxPages_;
  jet::Grbit grbit_;
  jet::Dbid dbid_ = jet::dbidNil;
};

class AttachDatabaseCall : public SessionCall {
 public:
  AttachDatabaseCall(std::u16string path, jet::ULong maxPages, jet::Grbit grbit, jet::Grbit openGrbit)
      : path_(std::move(path)), maxPages_(maxPages), grbit_(grbit), openGrbit_(openGrbit) {}
  const char *Name() const override { return "JetAttachDatabase2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto attach = Available(engine.AttachDatabase2W, "JetAttachDatabase2W", outcome);
    auto open = Available(engine.OpenDatabaseW, "JetOpenDatabaseW", outcome);
    if (!attach || !open) return;
    jet::Err err = attach(sesid, AsWide(path_), maxPages_, grbit_);
    if (!Succeeded(err, "JetAttachDatabase2", outcome)) return;
    err = open(sesid, AsWide(path_), nullptr, &dbid_, openGrbit_);
    if (Succeeded(err, "JetOpenDatabase", outcome)) outcome.err = err;
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, dbid_); }

 private:
  std::u16string path_;
  jet::ULong maxPages_;
  jet::Grbit grbit_;
  jet::Grbit openGrbit_;
  jet::Dbid dbid_ = jet::dbidNil;
};

class OpenDatabaseCall : public SessionCall {
 public:
  OpenDatabaseCall(std::u16string path, jet::Grbit grbit) : path_(std::move(path)), grbit_(grbit) {}
  const char *Name() const override { return "JetOpenDatabase"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.OpenDatabaseW, "JetOpenDatabaseW", outcome)) {
      jet::Err err = fn(sesid, AsWide(path_), nullptr, &dbid_, grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, dbid_); }

 private:
  std::u16string path_;
  jet::Grbit grbit_;
  jet::Dbid dbid_ = jet::dbidNil;
};

class CloseDatabaseCall : public SessionCall {
 public:
  CloseDatabaseCall(jet::Dbid dbid, jet::Grbit grbit) : dbid_(dbid), grbit_(grbit) {}
  const char *Name() const override { return "JetCloseDatabase"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.CloseDatabase, "JetCloseDatabase", outcome)) {
      jet::Err err = fn(sesid, dbid_, grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }

 private:
  jet::Dbid dbid_;
  jet::Grbit grbit_;
};

class DetachDatabaseCall : public SessionCall {
 public:
  DetachDatabaseCall(std::u16string path, bool all, jet::Grbit grbit)
      : path_(std::move(path)), all_(all), grbit_(grbit) {}
  const char *Name() const override { return "JetDetachDatabase2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.DetachDatabase2W, "JetDetachDatabase2W", outcome)) {
      jet::Err err = fn(sesid, all_ ? nullptr : AsWide(path_), grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }

 private:
  std::u16string path_;
  bool all_;
  jet::Grbit grbit_;
};

// ---------------------------------------------------------------------------------------
// Tables.

struct ColumnSpec {
  std::u16string name;
  jet::Coltyp coltyp = 0;
  jet::ULong cbMax = 0;
  jet::Grbit grbit = 0;
  jet::ULong cp = 0;
  bool hasDefault = false;
  std::vector<std::uint8_t> defaultValue;
};

struct IndexSpec {
  std::u16string name;
  std::u16string key;  // "+a\0-b\0" with the final extra NUL added by the u16string terminator
  jet::Grbit grbit = 0;
  bool unicode = false;
  jet::UnicodeIndex unicodeIndex{0, 0};
};

struct ColumnInfo {
  bool found = false;
  jet::ColumnDef def{};
};

// Opens `name` and learns its columns and indexes: the shared second half of createTable
// and openTable.
class OpenTableCall : public SessionCall {
 public:
  OpenTableCall(std::uint64_t session, jet::Dbid dbid, std::u16string name, std::vector<std::u16string> columns,
                std::vector<std::u16string> indexes, jet::Grbit grbit)
      : dbid_(dbid), name_(std::move(name)), columnNames_(std::move(columns)), indexNames_(std::move(indexes)),
        grbit_(grbit), cursor_(std::make_shared<Cursor>()) {
    cursor_->session = session;
  }

  const char *Name() const override { return "JetOpenTable"; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto openTable = Available(engine.OpenTableW, "JetOpenTableW", outcome);
    auto closeTable = Available(engine.CloseTable, "JetCloseTable", outcome);
    auto columnInfo = Available(engine.GetTableColumnInfoW, "JetGetTableColumnInfoW", outcome);
    if (!openTable || !closeTable || !columnInfo) return;
    jet::Tableid tableid = 0;
    if (!Succeeded(openTable(sesid, dbid_, AsWide(name_), nullptr, 0, grbit_, &tableid), "JetOpenTable", outcome)) return;
    cursor_->tableid = tableid;
    cursor_->open = true;

    auto plan = std::make_shared<Plan>();
    columns_.resize(columnNames_.size());
    for (size_t i = 0; i < columnNames_.size(); ++i) {
      jet::ColumnDef def;
      std::memset(&def, 0, sizeof def);
      def.cbStruct = sizeof def;
      jet::Err err = columnInfo(sesid, tableid, AsWide(columnNames_[i]), &def, sizeof def, jet::info::ColInfo);
      ColumnPlan column;
      if (err == jet::err::ColumnNotFound) {
        columns_[i].found = false;
      } else if (!Succeeded(err, "JetGetTableColumnInfo", outcome)) {
        break;
      } else {
        columns_[i].found = true;
        columns_[i].def = def;
        column.columnid = def.columnid;
        column.coltyp = def.coltyp;
        column.cbMax = def.cbMax;
        column.grbit = def.grbit;
        column.multi = (def.grbit & jet::bit::ColumnMultiValued) != 0;
      }
      plan->push_back(column);
    }
    for (size_t i = 0; i < indexNames_.size() && !outcome.Failed(); ++i) {
      bool exists = false;
      if (!ProbeIndex(engine, sesid, indexNames_[i], &exists, outcome)) break;
      if (!exists) missingIndexes_.push_back(indexNames_[i]);
    }
    if (outcome.Failed()) {
      closeTable(sesid, tableid);
      cursor_->open = false;
      return;
    }
    cursor_->plan = std::move(plan);
  }

  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    Napi::Object result = Napi::Object::New(env);
    result.Set("cursor", WrapCursor(env, cursor_));
    result.Set("tableid", HandleToBigInt(env, cursor_->tableid));
    Napi::Array columns = Napi::Array::New(env, columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (!columns_[i].found) {
        columns.Set(static_cast<uint32_t>(i), env.Null());
        continue;
      }
      const jet::ColumnDef &def = columns_[i].def;
      Napi::Object column = Napi::Object::New(env);
      column.Set("columnid", Napi::Number::New(env, def.columnid));
      column.Set("coltyp", Napi::Number::New(env, def.coltyp));
      column.Set("cbMax", Napi::Number::New(env, def.cbMax));
      column.Set("grbit", Napi::Number::New(env, def.grbit));
      column.Set("cp", Napi::Number::New(env, def.cp));
      columns.Set(static_cast<uint32_t>(i), column);
    }
    result.Set("columns", columns);
    Napi::Array missing = Napi::Array::New(env, missingIndexes_.size());
    for (size_t i = 0; i < missingIndexes_.size(); ++i) {
      missing.Set(static_cast<uint32_t>(i),
                  Napi::String::New(env, missingIndexes_[i].data(), missingIndexes_[i].size()));
    }
    result.Set("missingIndexes", missing);
    return result;
  }

 protected:
  jet::Dbid dbid_;
  std::u16string name_;

 private:
  bool ProbeIndex(const EngineTable &engine, jet::Sesid sesid, const std::u16string &index, bool *exists,
                  CallOutcome &outcome) {
    auto setCurrentIndex = Available(engine.SetCurrentIndex4W, "JetSetCurrentIndex4W", outcome);
    if (!setCurrentIndex) return false;
    jet::Err err =
        setCurrentIndex(sesid, cursor_->tableid, AsWide(index), nullptr, jet::bit::MoveFirstOnIndex, 1);
    cursor_->indexKnown = false;
    if (err == jet::err::IndexNotFound) {
      *exists = false;
      return true;
    }
    if (err < 0 && err != jet::err::NoCurrentRecord) return Succeeded(err, "JetSetCurrentIndex4", outcome);
    *exists = true;
    cursor_->index = index;
    cursor_->indexKnown = true;
    return true;
  }

  std::vector<std::u16string> columnNames_;
  std::vector<std::u16string> indexNames_;
  jet::Grbit grbit_;
  CursorRef cursor_;
  std::vector<ColumnInfo> columns_;
  std::vector<std::u16string> missingIndexes_;
};

class CreateTableCall : public OpenTableCall {
 public:
  CreateTableCall(std::uint64_t session, jet::Dbid dbid, std::u16string name, std::vector<ColumnSpec> columns,
                  std::vector<IndexSpec> indexes, std::vector<std::u16string> columnNames,
                  std::vector<std::u16string> indexNames)
      : OpenTableCall(session, dbid, std::move(name), std::move(columnNames), std::move(indexNames), 0),
        columnSpecs_(std::move(columns)),
        indexSpecs_(std::move(indexes)) {}

  const char *Name() const override { return "JetCreateTableColumnIndex3"; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto create = Available(engine.CreateTableColumnIndex3W, "JetCreateTableColumnIndex3W", outcome);
    auto closeTable = Available(engine.CloseTable, "JetCloseTable", outcome);
    if (!create || !closeTable) return;

    std::vector<jet::ColumnCreateW> columns(columnSpecs_.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      ColumnSpec &spec = columnSpecs_[i];
      jet::ColumnCreateW &c = columns[i];
      std::memset(&c, 0, sizeof c);
      c.cbStruct = sizeof c;
      c.szColumnName = reinterpret_cast<jet::WChar *>(&spec.name[0]);
      c.coltyp = spec.coltyp;
      c.cbMax = spec.cbMax;
      c.grbit = spec.grbit;
      c.pvDefault = spec.hasDefault ? static_cast<void *>(spec.defaultValue.data()) : nullptr;
      c.cbDefault = spec.hasDefault ? static_cast<jet::ULong>(spec.defaultValue.size()) : 0;
      c.cp = spec.cp;
    }
    std::vector<jet::IndexCreate2W> indexes(indexSpecs_.size());
    for (size_t i = 0; i < indexes.size(); ++i) {
      IndexSpec &spec = indexSpecs_[i];
      jet::IndexCreate2W &x = indexes[i];
      std::memset(&x, 0, sizeof x);
      x.cbStruct = sizeof x;
      x.szIndexName = reinterpret_cast<jet::WChar *>(&spec.name[0]);
      x.szKey = reinterpret_cast<jet::WChar *>(&spec.key[0]);
      // The key list ends with an empty string: its bytes include the string's terminator.
      x.cbKey = static_cast<jet::ULong>((spec.key.size() + 1) * sizeof(jet::WChar));
      x.grbit = spec.grbit;
      x.ulDensity = 80;
      if (spec.unicode) x.pidxunicode = &spec.unicodeIndex;
    }
    jet::TableCreate3W create3;
    std::memset(&create3, 0, sizeof create3);
    create3.cbStruct = sizeof create3;
    create3.szTableName = reinterpret_cast<jet::WChar *>(&name_[0]);
    create3.rgcolumncreate = columns.data();
    create3.cColumns = static_cast<jet::ULong>(columns.size());
    create3.rgindexcreate = indexes.empty() ? nullptr : indexes.data();
    create3.cIndexes = static_cast<jet::ULong>(indexes.size());
    create3.tableid = jet::tableidNil;
    jet::Err err = create(sesid, dbid_, &create3);
    if (err < 0) {
      outcome.Fail(err, "JetCreateTableColumnIndex3", Culprit(columns, indexes));
      return;
    }
    if (create3.tableid != jet::tableidNil && create3.tableid != 0) closeTable(sesid, create3.tableid);
    OpenTableCall::Run(engine, sesid, outcome);
  }

 private:
  // Names the column or index whose own error field is set, for the message.
  std::string Culprit(const std::vector<jet::ColumnCreateW> &columns, const std::vector<jet::IndexCreate2W> &indexes) {
    auto narrow = [](const std::u16string &s) {
      std::string out;
      for (char16_t c : s) out += c < 0x80 ? static_cast<char>(c) : '?';
      return out;
    };
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].err < 0) {
        return "column '" + narrow(columnSpecs_[i].name) + "' (JET_ERR " + std::to_string(columns[i].err) + ")";
      }
    }
    for (size_t i = 0; i < indexes.size(); ++i) {
      if (indexes[i].err < 0) {
        return "index '" + narrow(indexSpecs_[i].name) + "' (JET_ERR " + std::to_string(indexes[i].err) + ")";
      }
    }
    return std::string();
  }

  std::vector<ColumnSpec> columnSpecs_;
  std::vector<IndexSpec> indexSpecs_;
};

class CloseCursorCall : public SessionCall {
 public:
  explicit CloseCursorCall(CursorRef cursor) : cursor_(std::move(cursor)) {}
  const char *Name() const override { return "JetCloseTable"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (!cursor_->open) return;
    if (auto fn = Available(engine.CloseTable, "JetCloseTable", outcome)) {
      jet::Err err = fn(sesid, cursor_->tableid);
      if (Succeeded(err, Name(), outcome)) {
        cursor_->open = false;
        outcome.err = err;
      }
    }
  }

 private:
  CursorRef cursor_;
};

// Fails cleanly when the facade passes a cursor that is already closed (a Table used
// after close()); the JavaScript side normally refuses before queueing.
bool RequireOpen(const Cursor &cursor, CallOutcome &outcome, const char *operation = "JetCloseTable") {
  if (cursor.open) return true;
  outcome.Fail(jet::err::InvalidTableId, operation, "the table cursor is closed");
  return false;
}

class InsertCall : public SessionCall {
 public:
  InsertCall(CursorRef cursor, std::vector<std::uint8_t> bytes, std::vector<Row> rows,
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
    for (const Row &row : rows_) {
      PreparedUpdate update(engine, sesid, tableid);
      if (!update.Prepare(jet::prep::Insert, outcome)) return;
      if (!SetInsertColumns(engine, sesid, tableid, row, sets, outcome)) return;
      if (!retrieve_.empty() && !reader.Read(tableid, out_, outcome)) return;
      if (!update.Update(outcome)) return;
    }
    transaction.Commit(outcome);
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return BufferOf(env, out_); }

 private:
  CursorRef cursor_;
  std::vector<std::uint8_t> bytes_;
  std::vector<Row> rows_;
  std::vector<std::uint32_t> retrieve_;
  std::vector<std::uint8_t> out_;
};

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

class UpdateCall : public SessionCall {
 public:
  UpdateCall(CursorRef cursor, std::u16string index, OwnedKey key, std::vector<std::uint8_t> bytes, Row row)
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
    for (const Entry &entry : row_) {
      if (!entry.allValues) continue;
      jet::ULong count = 0;
      if (!CountValues(engine, sesid, tableid, entry.columnid, &count, outcome)) return;
      oldCounts.push_back(count);
    }
    PreparedUpdate update(engine, sesid, tableid);
    if (!update.Prepare(jet::prep::Replace, outcome)) return;
    if (!SetReplaceColumns(engine, sesid, tableid, row_, oldCounts, outcome)) return;
    if (!update.Update(outcome)) return;
    if (transaction.Commit(outcome)) found_ = true;
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Boolean::New(env, found_); }

 private:
  CursorRef cursor_;
  std::u16string index_;
  OwnedKey key_;
  std::vector<std::uint8_t> bytes_;
  Row row_;
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

std::vector<std::u16string> ReadStringList(const Arguments &args, const Napi::Value &value, const char *name) {
  if (!value.IsArray()) args.ThrowType(std::string("'") + name + "' must be an array of strings");
  Napi::Array list = value.As<Napi::Array>();
  std::vector<std::u16string> out;
  for (uint32_t i = 0; i < list.Length(); ++i) out.push_back(ReadString(args, list.Get(i), name));
  return out;
}

std::u16string ReadIndexName(const Arguments &args, const Napi::Value &value) {
  if (value.IsNull() || value.IsUndefined()) return std::u16string();
  return ReadString(args, value, "index");
}

}  // namespace

std::unique_ptr<SessionCall> CreateDatabase(const Napi::CallbackInfo &info, std::uint64_t) {
  Arguments args(info, "createDatabase", 3, 3);
  return std::make_unique<CreateDatabaseCall>(ReadString(args, info[0], "path"), args.UInt32(1, "maxPages"),
                                              args.UInt32(2, "grbit"));
}

std::unique_ptr<SessionCall> AttachDatabase(const Napi::CallbackInfo &info, std::uint64_t) {
  Arguments args(info, "attachDatabase", 4, 4);
  return std::make_unique<AttachDatabaseCall>(ReadString(args, info[0], "path"), args.UInt32(1, "maxPages"),
                                              args.UInt32(2, "grbit"), args.UInt32(3, "openGrbit"));
}

std::unique_ptr<SessionCall> OpenDatabase(const Napi::CallbackInfo &info, std::uint64_t) {
  Arguments args(info, "openDatabase", 2, 2);
  return std::make_unique<OpenDatabaseCall>(ReadString(args, info[0], "path"), args.UInt32(1, "grbit"));
}

std::unique_ptr<SessionCall> CloseDatabase(const Napi::CallbackInfo &info, std::uint64_t) {
  Arguments args(info, "closeDatabase", 2, 2);
  return std::make_unique<CloseDatabaseCall>(args.UInt32(0, "dbid"), args.UInt32(1, "grbit"));
}

std::unique_ptr<SessionCall> DetachDatabase(const Napi::CallbackInfo &info, std::uint64_t) {
  Arguments args(info, "detachDatabase", 2, 2);
  bool all = info[0].IsNull();
  std::u16string path = all ? std::u16string() : ReadString(args, info[0], "path");
  return std::make_unique<DetachDatabaseCall>(std::move(path), all, args.UInt32(1, "grbit"));
}

std::unique_ptr<SessionCall> CreateTable(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "createTable", 2, 2);
  jet::Dbid dbid = args.UInt32(0, "dbid");
  if (!info[1].IsObject()) args.ThrowType("'spec' must be an object");
  Napi::Object spec = info[1].As<Napi::Object>();
  std::u16string name = ReadString(args, spec.Get("name"), "name");
  Napi::Value columnList = spec.Get("columns");
  Napi::Value indexList = spec.Get("indexes");
  if (!columnList.IsArray() || !indexList.IsArray()) args.ThrowType("'spec' needs columns and indexes arrays");
  std::vector<ColumnSpec> columns;
  std::vector<std::u16string> columnNames;
  Napi::Array columnArray = columnList.As<Napi::Array>();
  for (uint32_t i = 0; i < columnArray.Length(); ++i) {
    Napi::Value item = columnArray.Get(i);
    if (!item.IsObject()) args.ThrowType("a column spec must be an object");
    Napi::Object c = item.As<Napi::Object>();
    ColumnSpec column;
    column.name = ReadString(args, c.Get("name"), "column name");
    column.coltyp = ReadU32(args, c.Get("coltyp"), "coltyp");
    column.cbMax = ReadU32(args, c.Get("cbMax"), "cbMax");
    column.grbit = ReadU32(args, c.Get("grbit"), "grbit");
    column.cp = ReadU32(args, c.Get("cp"), "cp");
    Napi::Value defaultValue = c.Get("defaultValue");
    if (!defaultValue.IsNull() && !defaultValue.IsUndefined()) {
      column.hasDefault = true;
      column.defaultValue = CopyBuffer(args, defaultValue, "defaultValue");
    }
    columnNames.push_back(column.name);
    columns.push_back(std::move(column));
  }
  std::vector<IndexSpec> indexes;
  std::vector<std::u16string> indexNames;
  Napi::Array indexArray = indexList.As<Napi::Array>();
  for (uint32_t i = 0; i < indexArray.Length(); ++i) {
    Napi::Value item = indexArray.Get(i);
    if (!item.IsObject()) args.ThrowType("an index spec must be an object");
    Napi::Object x = item.As<Napi::Object>();
    IndexSpec index;
    index.name = ReadString(args, x.Get("name"), "index name");
    Napi::Value key = x.Get("key");
    if (!key.IsString()) args.ThrowType("an index key must be a string");
    index.key = key.As<Napi::String>().Utf16Value();
    index.grbit = ReadU32(args, x.Get("grbit"), "index grbit");
    Napi::Value mapFlags = x.Get("mapFlags");
    if (!mapFlags.IsNull() && !mapFlags.IsUndefined()) {
      index.unicode = true;
      index.grbit |= jet::bit::IndexUnicode;
      index.unicodeIndex.lcid = ReadU32(args, x.Get("lcid"), "lcid");
      index.unicodeIndex.dwMapFlags = ReadU32(args, mapFlags, "mapFlags");
    }
    indexNames.push_back(index.name);
    indexes.push_back(std::move(index));
  }
  return std::make_unique<CreateTableCall>(session, dbid, std::move(name), std::move(columns), std::move(indexes),
                                           std::move(columnNames), std::move(indexNames));
}

std::unique_ptr<SessionCall> OpenTable(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "openTable", 5, 5);
  return std::make_unique<OpenTableCall>(session, args.UInt32(0, "dbid"), ReadString(args, info[1], "name"),
                                         ReadStringList(args, info[2], "columnNames"),
                                         ReadStringList(args, info[3], "indexNames"), args.UInt32(4, "grbit"));
}

std::unique_ptr<SessionCall> CloseCursor(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "closeCursor", 1, 1);
  return std::make_unique<CloseCursorCall>(UnwrapCursor(args, info[0], session));
}

std::unique_ptr<SessionCall> Insert(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "insert", 3, 3);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::vector<std::uint8_t> bytes = CopyBuffer(args, info[1], "rows");
  std::vector<Row> rows;
  Reader reader(args, bytes);
  rows.resize(reader.Count(4));
  for (Row &row : rows) row = reader.ReadRow();
  reader.End();
  if (!info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) {
    args.ThrowType("'retrieve' must be a Uint32Array");
  }
  Napi::Uint32Array positions = info[2].As<Napi::Uint32Array>();
  std::vector<std::uint32_t> retrieve(positions.Data(), positions.Data() + positions.ElementLength());
  size_t planSize = cursor->plan ? cursor->plan->size() : 0;
  for (std::uint32_t position : retrieve) {
    if (position >= planSize) args.ThrowRange("'retrieve' names a column the table does not have");
  }
  return std::make_unique<InsertCall>(std::move(cursor), std::move(bytes), std::move(rows), std::move(retrieve));
}

std::unique_ptr<SessionCall> Lookup(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "lookup", 4, 4);
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

std::unique_ptr<SessionCall> Update(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "update", 4, 4);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  OwnedKey key = ReadOwnedKey(args, info[2]);
  std::vector<std::uint8_t> bytes = CopyBuffer(args, info[3], "row");
  Reader reader(args, bytes);
  Row row = reader.ReadRow();
  reader.End();
  return std::make_unique<UpdateCall>(std::move(cursor), std::move(index), std::move(key), std::move(bytes),
                                      std::move(row));
}

std::unique_ptr<SessionCall> Remove(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "remove", 3, 3);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  return std::make_unique<RemoveCall>(std::move(cursor), std::move(index), ReadOwnedKey(args, info[2]));
}

std::unique_ptr<SessionCall> Scan(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "scan", 7, 7);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  Bound lower = ReadBound(args, info[2]);
  Bound upper = ReadBound(args, info[3]);
  bool reverse = info[4].ToBoolean();
  return std::make_unique<ScanPageCall>(std::move(cursor), nullptr, std::move(index), std::move(lower),
                                        std::move(upper), reverse, args.UInt32(5, "pageSize"),
                                        args.UInt32(6, "limit"));
}

std::unique_ptr<SessionCall> ScanNext(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "scanNext", 3, 3);
  CursorRef scan = UnwrapCursor(args, info[0], session);
  return std::make_unique<ScanPageCall>(nullptr, std::move(scan), std::u16string(), Bound{}, Bound{}, false,
                                        args.UInt32(1, "pageSize"), args.UInt32(2, "limit"));
}

std::unique_ptr<SessionCall> Count(const Napi::CallbackInfo &info, std::uint64_t session) {
  Arguments args(info, "count", 4, 4);
  CursorRef cursor = UnwrapCursor(args, info[0], session);
  std::u16string index = ReadIndexName(args, info[1]);
  Bound lower = ReadBound(args, info[2]);
  Bound upper = ReadBound(args, info[3]);
  return std::make_unique<CountCall>(std::move(cursor), std::move(index), std::move(lower), std::move(upper));
}

}  // namespace table_calls
}  // namespace esent
