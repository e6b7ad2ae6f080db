// Records: preparing an update, setting and retrieving columns, escrow updates, deleting.
#include "jet_helpers.h"

#include "../addon_data.h"

#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace esent {
namespace raw {
namespace {

// The result object of JetRetrieveColumn and of each JetRetrieveColumns entry (which
// also has itagSequence). Made by the factory lib/ registers where there is one: an object
// literal in JavaScript costs a fraction of four or five property sets through N-API on a
// new object.
Napi::Value RetrieveResult(Napi::Env env, Napi::Value value, jet::Err err, jet::ULong cbActual,
                           jet::Columnid nextTagged, const jet::ULong *itagSequence = nullptr) {
  AddonData *data = GetAddonData(env);
  if (data != nullptr && !data->retrieveResult.IsEmpty()) {
    if (itagSequence == nullptr) {
      return data->retrieveResult.Call({value, Number(env, err), Number(env, cbActual), Number(env, nextTagged)});
    }
    return data->retrieveResult.Call(
        {value, Number(env, err), Number(env, cbActual), Number(env, nextTagged), Number(env, *itagSequence)});
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("value", value);
  result.Set("err", Number(env, err));
  result.Set("cbActual", Number(env, cbActual));
  result.Set("columnidNextTagged", Number(env, nextTagged));
  if (itagSequence != nullptr) result.Set("itagSequence", Number(env, *itagSequence));
  return result;
}

// Doubles per JetRetrieveColumns entry in the layout shared with lib/ (lib/jet-retrieve.ts):
// in, columnid, grbit, ibLongValue, itagSequence, cbData; out, offset, length, err,
// cbActual, columnidNextTagged, itagSequence.
constexpr size_t kPacked = 6;
// Longer lists are read field by field: the packer's layout stays small.
constexpr uint32_t kMostPacked = 1024;

// The entries of `list` packed by lib/'s packer into its layout, or nullptr when there is no
// packer, the list is long, or an entry is not a plain object of valid numbers.
double *PackRetrieveRequests(Napi::Env env, const Napi::Array &list, uint32_t n) {
  AddonData *data = GetAddonData(env);
  if (data == nullptr || data->packRetrieveRequests.IsEmpty() || n == 0 || n > kMostPacked) return nullptr;
  Napi::Value layout = data->packRetrieveRequests.Call({list, Number(env, n)});
  if (!layout.IsTypedArray() || layout.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) return nullptr;
  Napi::Float64Array doubles = layout.As<Napi::Float64Array>();
  if (doubles.ElementLength() < static_cast<size_t>(n) * kPacked) return nullptr;
  return doubles.Data();
}

// lib/'s builder of JetRetrieveColumns' results from `values` and the layout it packed.
Napi::Value BuildRetrieveResults(Napi::Env env, Napi::Value values, uint32_t n) {
  return GetAddonData(env)->buildRetrieveResults.Call({values, Number(env, n)});
}

Napi::Value JetPrepareUpdate(const Napi::CallbackInfo &info) {
  const char *operation = "JetPrepareUpdate";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::ULong prep = RequiredUInt32(args, 2, "prep");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(PrepareUpdate)(sesid, tableid, prep), operation);
}

Napi::Value JetSetColumn(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetColumn";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 6);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Columnid columnid = RequiredUInt32(args, 2, "columnid");
  jet::Grbit grbit = args.Grbit(4);
  jet::SetInfo setinfo{};
  bool hasSetinfo = !args.IsAbsent(5) && !info[5].IsNull();
  if (hasSetinfo) {
    Fields fields(args, info[5], "psetinfo");
    setinfo.cbStruct = sizeof setinfo;
    setinfo.ibLongValue = fields.UInt32("ibLongValue", 0);
    setinfo.itagSequence = fields.UInt32("itagSequence", 0);
  }
  Bytes data = ReadBytes(args, info[3], "pvData", true);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env,
                 ENTRY(SetColumn)(sesid, tableid, columnid, data.present ? data.data : nullptr, data.length, grbit,
                                  hasSetinfo ? &setinfo : nullptr),
                 operation);
}

Napi::Value JetSetColumns(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetColumns";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Napi::Array list = RequireArray(args, info[2], "psetcolumn");
  uint32_t n = list.Length();
  std::vector<jet::SetColumn> columns;
  std::vector<Napi::Object> entries;
  std::vector<Napi::Value> data;
  for (uint32_t i = 0; i < n; ++i) {
    Fields fields(args, list.Get(i), "psetcolumn", i);
    columns.emplace_back();
    jet::SetColumn &c = columns.back();
    c.columnid = fields.RequiredUInt32("columnid");
    c.grbit = fields.UInt32("grbit", 0);
    c.ibLongValue = fields.UInt32("ibLongValue", 0);
    c.itagSequence = fields.UInt32("itagSequence", 0);
    entries.push_back(fields.Object());
    data.push_back(fields.Get("pvData"));
  }
  // Pointers are taken only after every field was read (see JetCreateTableColumnIndex3).
  for (uint32_t i = 0; i < n; ++i) {
    Bytes bytes = ReadBytes(args, data[i], "psetcolumn[" + std::to_string(i) + "].pvData", true);
    columns[i].pvData = bytes.present ? bytes.data : nullptr;
    columns[i].cbData = bytes.length;
  }
  const EngineTable &engine = RequireEngine(env);
  jet::Err err = ENTRY(SetColumns)(sesid, tableid, columns.empty() ? nullptr : columns.data(), n);
  // As C callers read JET_SETCOLUMN.err after the call, each entry object gets `err`.
  Napi::Array errors = Napi::Array::New(env, n);
  for (uint32_t i = 0; i < n; ++i) {
    errors.Set(i, Number(env, columns[i].err));
    entries[i].Set("err", Number(env, columns[i].err));
  }
  if (err < 0) ThrowWithEntries(env, err, operation, {{"columnErrors", errors}});
  return Number(env, err);
}

Napi::Value JetUpdate2(const Napi::CallbackInfo &info) {
  const char *operation = "JetUpdate2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  // An update cannot be repeated to fetch a bookmark that did not fit, so the buffer is
  // sized for the largest bookmark ESE can make (a primary key: at most 2000 bytes).
  unsigned char *buffer = Scratch();
  jet::ULong actual = 0;
  jet::Err err = ENTRY(Update2)(sesid, tableid, buffer, kScratchSize, &actual, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return CopyToBuffer(env, buffer, actual < kScratchSize ? actual : kScratchSize);
}

Napi::Value JetDelete(const Napi::CallbackInfo &info) {
  const char *operation = "JetDelete";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Delete)(sesid, tableid), operation);
}

Napi::Value JetRetrieveColumn(const Napi::CallbackInfo &info) {
  const char *operation = "JetRetrieveColumn";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 6);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Columnid columnid = RequiredUInt32(args, 2, "columnid");
  jet::Grbit grbit = args.Grbit(3);
  bool hasRetinfo = !args.IsAbsent(4) && !info[4].IsNull();
  jet::ULong itag = 1, ibLong = 0;
  if (hasRetinfo) {
    Fields fields(args, info[4], "pretinfo");
    itag = fields.UInt32("itagSequence", 1);
    ibLong = fields.UInt32("ibLongValue", 0);
  }
  bool hasLimit = !args.IsAbsent(5) && !info[5].IsNull();
  jet::ULong limit = hasLimit ? args.UInt32(5, "cbMax") : 0;
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(RetrieveColumn);

  jet::RetInfo retinfo{};
  auto retrieve = [&](void *buffer, jet::ULong size, jet::ULong *actual) {
    retinfo = jet::RetInfo{sizeof(jet::RetInfo), ibLong, itag, 0};
    *actual = 0;
    return fn(sesid, tableid, columnid, buffer, size, actual, grbit, hasRetinfo ? &retinfo : nullptr);
  };

  // Most values fit the scratch buffer: one call and one copy. A value that did not fit is
  // read again into a Buffer of its size, or of the caller's cbMax if that is smaller (a
  // hard limit: the truncated bytes come back with the warning).
  jet::ULong capacity = hasLimit && limit < kScratchSize ? limit : kScratchSize;
  Napi::Buffer<unsigned char> big;
  unsigned char *buffer = Scratch();
  jet::ULong actual = 0;
  jet::Err err = retrieve(buffer, capacity, &actual);
  for (int round = 0; err == jet::wrn::BufferTruncated && actual > capacity && (!hasLimit || capacity < limit) &&
                      round < 8;
       ++round) {
    capacity = hasLimit && limit < actual ? limit : actual;
    big = Napi::Buffer<unsigned char>::New(env, capacity);
    buffer = big.Data();
    err = retrieve(buffer, capacity, &actual);
  }
  if (err < 0) ThrowJetError(env, err, operation);
  Napi::Value value;
  if (err == jet::wrn::ColumnNull) {
    value = env.Null();
  } else {
    size_t length = actual < capacity ? actual : capacity;
    if (!big.IsEmpty() && length == big.Length()) {
      value = big;
    } else {
      value = CopyToBuffer(env, buffer, length);
    }
  }
  return RetrieveResult(env, value, err, actual, hasRetinfo ? retinfo.columnidNextTagged : 0);
}

Napi::Value JetRetrieveColumns(const Napi::CallbackInfo &info) {
  const char *operation = "JetRetrieveColumns";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Napi::Array list = RequireArray(args, info[2], "pretrievecolumn");
  uint32_t n = list.Length();
  // What the caller asked for. Every entry starts with a small buffer and is read again
  // with one of the size the engine reported while it comes back truncated, up to the
  // caller's cbData where one was given (then truncation is the caller's answer).
  struct Request {
    jet::Columnid columnid;
    jet::Grbit grbit;
    jet::ULong ibLongValue;
    jet::ULong itagSequence;
    jet::ULong limit;
    jet::ULong cbData;
  };
  constexpr jet::ULong kFirstSize = 256;  // any fixed column, most short texts
  // Grown entry by entry: `n` is only a claim until every entry has been read.
  std::vector<Request> requests;
  requests.reserve(n < kMostPacked ? n : kMostPacked);
  // lib/'s packer reads a list of plain objects with valid numbers in one call into
  // `layout` (kPacked doubles an entry; -1 for a field left out); anything else is read
  // here, field by field, and refused with a message naming the field.
  double *layout = PackRetrieveRequests(env, list, n);
  for (uint32_t i = 0; i < n; ++i) {
    Request &r = requests.emplace_back();
    if (layout != nullptr) {
      const double *packed = layout + static_cast<size_t>(i) * kPacked;
      r.columnid = static_cast<jet::Columnid>(packed[0]);
      r.grbit = packed[1] < 0 ? 0 : static_cast<jet::Grbit>(packed[1]);
      r.ibLongValue = packed[2] < 0 ? 0 : static_cast<jet::ULong>(packed[2]);
      r.itagSequence = packed[3] < 0 ? 1 : static_cast<jet::ULong>(packed[3]);
      r.limit = packed[4] < 0 ? 0xFFFFFFFFu : static_cast<jet::ULong>(packed[4]);
    } else {
      Fields fields(args, list.Get(i), "pretrievecolumn", i);
      r.columnid = fields.RequiredUInt32("columnid");
      r.grbit = fields.UInt32("grbit", 0);
      r.ibLongValue = fields.UInt32("ibLongValue", 0);
      r.itagSequence = fields.UInt32("itagSequence", 1);
      r.limit = fields.Has("cbData") ? fields.UInt32("cbData", 0) : 0xFFFFFFFFu;
    }
    r.cbData = r.limit < kFirstSize ? r.limit : kFirstSize;
  }
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(RetrieveColumns);

  // The values, gathered round by round into `staged`: entry i is `length[i]` bytes at
  // `offset[i]`, or null (kNull).
  constexpr size_t kNull = static_cast<size_t>(-1);
  std::vector<jet::RetrieveColumn> columns(n);
  std::vector<size_t> offset(n, 0), length(n, kNull);
  std::vector<unsigned char> staged;
  std::vector<uint32_t> pending(n);
  for (uint32_t i = 0; i < n; ++i) pending[i] = i;
  std::vector<unsigned char> arena;
  jet::Err err = 0;
  for (int round = 0; !pending.empty(); ++round) {
    // One contiguous block for this round's buffers: the scratch buffer when it fits.
    std::uint64_t wanted = 0;
    for (uint32_t i : pending) wanted += requests[i].cbData;
    if (wanted > std::numeric_limits<size_t>::max()) {
      throw Napi::RangeError::New(env, std::string(operation) + ": the values are too large for this process");
    }
    size_t total = static_cast<size_t>(wanted);
    unsigned char *block = total <= kScratchSize ? Scratch() : (arena.resize(total), arena.data());
    std::vector<jet::RetrieveColumn> batch(pending.size());
    size_t at = 0;
    for (size_t k = 0; k < pending.size(); ++k) {
      const Request &r = requests[pending[k]];
      batch[k] = jet::RetrieveColumn{r.columnid, block + at, r.cbData, 0, r.grbit, r.ibLongValue, r.itagSequence,
                                     0, 0};
      at += r.cbData;
    }
    err = fn(sesid, tableid, batch.data(), static_cast<jet::ULong>(batch.size()));
    std::vector<uint32_t> again;
    for (size_t k = 0; k < pending.size(); ++k) {
      uint32_t i = pending[k];
      Request &r = requests[i];
      columns[i] = batch[k];
      const jet::RetrieveColumn &c = batch[k];
      if (err >= 0 && c.err == jet::wrn::BufferTruncated && c.cbActual > r.cbData && r.cbData < r.limit &&
          round < 8) {
        r.cbData = c.cbActual < r.limit ? c.cbActual : r.limit;
        again.push_back(i);
        continue;
      }
      if (c.err < 0 || c.err == jet::wrn::ColumnNull) continue;
      size_t bytes = c.cbActual < r.cbData ? c.cbActual : r.cbData;
      offset[i] = staged.size();
      length[i] = bytes;
      const unsigned char *from = static_cast<const unsigned char *>(c.pvData);
      staged.insert(staged.end(), from, from + bytes);
    }
    if (err < 0) break;
    pending.swap(again);
  }

  if (err < 0) {
    Napi::Array errors = Napi::Array::New(env, n);
    for (uint32_t i = 0; i < n; ++i) errors.Set(i, Number(env, columns[i].err));
    ThrowWithEntries(env, err, operation, {{"columnErrors", errors}});
  }
  // With the packer comes lib/'s builder of the results: one Buffer holding every value,
  // and the layout (overwritten) saying where each one is.
  if (layout != nullptr) {
    for (uint32_t i = 0; i < n; ++i) {
      double *entry = layout + static_cast<size_t>(i) * kPacked;
      const jet::RetrieveColumn &c = columns[i];
      entry[0] = length[i] == kNull ? -1 : static_cast<double>(offset[i]);
      entry[1] = length[i] == kNull ? 0 : static_cast<double>(length[i]);
      entry[2] = c.err;
      entry[3] = c.cbActual;
      entry[4] = c.columnidNextTagged;
      entry[5] = c.itagSequence;
    }
    return BuildRetrieveResults(env, CopyToBuffer(env, staged.data(), staged.size()), n);
  }
  Napi::Array results = Napi::Array::New(env, n);
  for (uint32_t i = 0; i < n; ++i) {
    const jet::RetrieveColumn &c = columns[i];
    Napi::Value value = length[i] == kNull ? env.Null() : CopyToBuffer(env, staged.data() + offset[i], length[i]);
    results.Set(i, RetrieveResult(env, value, c.err, c.cbActual, c.columnidNextTagged, &c.itagSequence));
  }
  return results;
}

Napi::Value JetEscrowUpdate(const Napi::CallbackInfo &info) {
  const char *operation = "JetEscrowUpdate";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Columnid columnid = RequiredUInt32(args, 2, "columnid");
  // A number is a 32-bit delta (JET_coltypLong columns), a bigint a 64-bit one
  // (JET_coltypLongLong columns); the engine checks the size against the column.
  bool wide = info[3].IsBigInt();
  if (!wide && !info[3].IsNumber()) {
    args.ThrowType(std::string("'delta' must be a number or a bigint, got ") + ValueKind(info[3]));
  }
  std::int32_t delta32 = 0;
  std::int64_t delta64 = 0;
  if (wide) {
    delta64 = args.Int64(3, "delta");
  } else {
    delta32 = args.Int32(3, "delta");
  }
  jet::Grbit grbit = args.Grbit(4);
  const EngineTable &engine = RequireEngine(env);
  alignas(8) unsigned char previous[8] = {};
  jet::ULong previousSize = 0;
  jet::ULong size = wide ? sizeof delta64 : sizeof delta32;
  void *delta = wide ? static_cast<void *>(&delta64) : static_cast<void *>(&delta32);
  jet::Err err = ENTRY(EscrowUpdate)(sesid, tableid, columnid, delta, size, previous, size, &previousSize, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  if (wide) {
    std::int64_t old;
    std::memcpy(&old, previous, sizeof old);
    return Napi::BigInt::New(env, old);
  }
  std::int32_t old;
  std::memcpy(&old, previous, sizeof old);
  return Number(env, old);
}

}  // namespace

void RegisterRecords(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetPrepareUpdate)
  ESENT_EXPORT_JET(jet, JetSetColumn)
  ESENT_EXPORT_JET(jet, JetSetColumns)
  ESENT_EXPORT_JET(jet, JetUpdate2)
  ESENT_EXPORT_JET(jet, JetDelete)
  ESENT_EXPORT_JET(jet, JetRetrieveColumn)
  ESENT_EXPORT_JET(jet, JetRetrieveColumns)
  ESENT_EXPORT_JET(jet, JetEscrowUpdate)
}

}  // namespace raw
}  // namespace esent
