// Cursors: opening and closing one, choosing its index, moving it, keys, seeks, ranges,
// bookmarks and positions.
#include "jet_helpers.h"

#include <vector>

namespace esent {
namespace raw {
namespace {

Napi::Value JetOpenTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetOpenTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  std::u16string name;
  args.String(2, "szTableName", false, &name);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  jet::Tableid tableid = jet::tableidNil;
  jet::Err err = ENTRY(OpenTableW)(sesid, dbid, AsWide(name), nullptr, 0, grbit, &tableid);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, tableid);
}

Napi::Value JetCloseTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetCloseTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CloseTable)(sesid, tableid), operation);
}

Napi::Value JetDupCursor(const Napi::CallbackInfo &info) {
  const char *operation = "JetDupCursor";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  jet::Tableid duplicate = jet::tableidNil;
  jet::Err err = ENTRY(DupCursor)(sesid, tableid, &duplicate, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, duplicate);
}

Napi::Value JetSetCurrentIndex4(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetCurrentIndex4";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name;
  bool hasName = args.String(2, "szIndexName", true, &name);
  jet::Grbit grbit = args.Grbit(3);
  // 1 is what JetSetCurrentIndex and JetSetCurrentIndex2/3 pass: the first value.
  jet::ULong itag = args.UInt32(4, "itagSequence", 1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(SetCurrentIndex4W)(sesid, tableid, OptionalWide(hasName, name), nullptr, grbit, itag),
                 operation);
}

Napi::Value JetMove(const Napi::CallbackInfo &info) {
  const char *operation = "JetMove";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::int32_t rows = args.Int32(2, "cRow");
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Move)(sesid, tableid, rows, grbit), operation);
}

Napi::Value JetMakeKey(const Napi::CallbackInfo &info) {
  const char *operation = "JetMakeKey";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(3);
  Bytes data = ReadBytes(args, info[2], "pvData", true);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(MakeKey)(sesid, tableid, data.present ? data.data : nullptr, data.length, grbit),
                 operation);
}

Napi::Value JetSeek(const Napi::CallbackInfo &info) {
  const char *operation = "JetSeek";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = RequiredUInt32(args, 2, "grbit");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Seek)(sesid, tableid, grbit), operation);
}

Napi::Value JetSetIndexRange(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetIndexRange";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = RequiredUInt32(args, 2, "grbit");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(SetIndexRange)(sesid, tableid, grbit), operation);
}

Napi::Value JetIndexRecordCount(const Napi::CallbackInfo &info) {
  const char *operation = "JetIndexRecordCount";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::ULong most = args.UInt32(2, "crecMax", 0);
  const EngineTable &engine = RequireEngine(env);
  jet::ULong count = 0;
  jet::Err err = ENTRY(IndexRecordCount)(sesid, tableid, &count, most);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, count);
}

// Reads a variable-size out value (a bookmark or a key) with `call(buffer, cbMax, &cbActual)`:
// into the scratch buffer first, and again into a bigger one while the engine reports the
// buffer as too small, by error or by warning.
template <typename Call>
Napi::Value ReadVariable(Napi::Env env, const char *operation, jet::ULong first, Call call) {
  jet::ULong capacity = first;
  std::vector<unsigned char> heap;
  for (int round = 0;; ++round) {
    unsigned char *buffer = capacity <= kScratchSize ? Scratch() : (heap.resize(capacity), heap.data());
    jet::ULong actual = 0;
    jet::Err err = call(buffer, capacity, &actual);
    bool tooSmall = err == jet::err::BufferTooSmall || err == jet::wrn::BufferTruncated;
    if (tooSmall && round < 8 && capacity < 0x7FFFFFFFu) {
      capacity = actual > capacity ? actual : capacity * 2;
      continue;
    }
    if (err < 0) ThrowJetError(env, err, operation);
    return CopyToBuffer(env, buffer, actual < capacity ? actual : capacity);
  }
}

Napi::Value JetGetBookmark(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetBookmark";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(GetBookmark);
  return ReadVariable(env, operation, jet::cbBookmarkMost, [&](void *buffer, jet::ULong size, jet::ULong *actual) {
    return fn(sesid, tableid, buffer, size, actual);
  });
}

Napi::Value JetGotoBookmark(const Napi::CallbackInfo &info) {
  const char *operation = "JetGotoBookmark";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Bytes bookmark = ReadBytes(args, info[2], "pvBookmark", false);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(GotoBookmark)(sesid, tableid, const_cast<void *>(bookmark.data), bookmark.length),
                 operation);
}

Napi::Value JetRetrieveKey(const Napi::CallbackInfo &info) {
  const char *operation = "JetRetrieveKey";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(RetrieveKey);
  // The scratch buffer is larger than any key ESE makes (JET_cbKeyMostMax is 2000 bytes).
  return ReadVariable(env, operation, kScratchSize, [&](void *buffer, jet::ULong size, jet::ULong *actual) {
    return fn(sesid, tableid, buffer, size, actual, grbit);
  });
}

Napi::Value JetGetRecordPosition(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetRecordPosition";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  jet::RecPos position{};
  position.cbStruct = sizeof position;
  jet::Err err = ENTRY(GetRecordPosition)(sesid, tableid, &position, sizeof position);
  if (err < 0) ThrowJetError(env, err, operation);
  Napi::Object result = Napi::Object::New(env);
  result.Set("centriesLT", Number(env, position.centriesLT));
  result.Set("centriesInRange", Number(env, position.centriesInRange));
  result.Set("centriesTotal", Number(env, position.centriesTotal));
  return result;
}

Napi::Value JetGotoPosition(const Napi::CallbackInfo &info) {
  const char *operation = "JetGotoPosition";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Fields fields(args, info[2], "precpos");
  jet::RecPos recpos{};
  recpos.cbStruct = sizeof recpos;
  recpos.centriesLT = fields.RequiredUInt32("centriesLT");
  recpos.centriesInRange = fields.UInt32("centriesInRange", 0);
  recpos.centriesTotal = fields.RequiredUInt32("centriesTotal");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(GotoPosition)(sesid, tableid, &recpos), operation);
}

Napi::Value JetGetLock(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetLock";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = RequiredUInt32(args, 2, "grbit");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(GetLock)(sesid, tableid, grbit), operation);
}

}  // namespace

void RegisterCursors(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetGotoPosition)
  ESENT_EXPORT_JET(jet, JetGetLock)
  ESENT_EXPORT_JET(jet, JetOpenTable)
  ESENT_EXPORT_JET(jet, JetCloseTable)
  ESENT_EXPORT_JET(jet, JetDupCursor)
  ESENT_EXPORT_JET(jet, JetSetCurrentIndex4)
  ESENT_EXPORT_JET(jet, JetMove)
  ESENT_EXPORT_JET(jet, JetMakeKey)
  ESENT_EXPORT_JET(jet, JetSeek)
  ESENT_EXPORT_JET(jet, JetSetIndexRange)
  ESENT_EXPORT_JET(jet, JetIndexRecordCount)
  ESENT_EXPORT_JET(jet, JetGetBookmark)
  ESENT_EXPORT_JET(jet, JetGotoBookmark)
  ESENT_EXPORT_JET(jet, JetRetrieveKey)
  ESENT_EXPORT_JET(jet, JetGetRecordPosition)
}

}  // namespace raw
}  // namespace esent
