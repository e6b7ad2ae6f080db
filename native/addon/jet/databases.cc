// Databases: create, attach, open, close, detach.
#include "jet_helpers.h"

namespace esent {
namespace raw {
namespace {

Napi::Value JetCreateDatabase2(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateDatabase2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file;
  args.String(1, "szFilename", false, &file);
  jet::ULong cpgMax = args.UInt32(2, "cpgDatabaseSizeMax", 0);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  jet::Dbid dbid = jet::dbidNil;
  jet::Err err = ENTRY(CreateDatabase2W)(sesid, AsWide(file), cpgMax, &dbid, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, dbid);
}

Napi::Value JetAttachDatabase2(const Napi::CallbackInfo &info) {
  const char *operation = "JetAttachDatabase2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file;
  args.String(1, "szFilename", false, &file);
  jet::ULong cpgMax = args.UInt32(2, "cpgDatabaseSizeMax", 0);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(AttachDatabase2W)(sesid, AsWide(file), cpgMax, grbit), operation);
}

Napi::Value JetOpenDatabase(const Napi::CallbackInfo &info) {
  const char *operation = "JetOpenDatabase";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file, connect;
  args.String(1, "szFilename", false, &file);
  bool hasConnect = args.String(2, "szConnect", true, &connect);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  jet::Dbid dbid = jet::dbidNil;
  jet::Err err = ENTRY(OpenDatabaseW)(sesid, AsWide(file), OptionalWide(hasConnect, connect), &dbid, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, dbid);
}

Napi::Value JetCloseDatabase(const Napi::CallbackInfo &info) {
  const char *operation = "JetCloseDatabase";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CloseDatabase)(sesid, dbid, grbit), operation);
}

Napi::Value JetDetachDatabase2(const Napi::CallbackInfo &info) {
  const char *operation = "JetDetachDatabase2";
  Napi::Env env = info.Env();
  // The file name is required as an argument but may be null: null detaches every
  // database of the session's instance, which should never happen by omission.
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file;
  bool hasFile = args.String(1, "szFilename", true, &file);
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(DetachDatabase2W)(sesid, OptionalWide(hasFile, file), grbit), operation);
}

// JET_DbInfoFilename gives the file name; the other levels a number.
Napi::Value JetGetDatabaseInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetDatabaseInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  jet::ULong level = RequiredUInt32(args, 2, "InfoLevel");
  const EngineTable &engine = RequireEngine(env);
  if (level == jet::info::DbInfoFilename) {
    // Paths may be long (\\?\ prefixed, up to 32767 characters).
    std::u16string text(32768, u'\0');
    jet::Err err = ENTRY(GetDatabaseInfoW)(sesid, dbid, &text[0],
                                           static_cast<jet::ULong>((text.size() - 1) * sizeof(jet::WChar)), level);
    if (err < 0) ThrowJetError(env, err, operation);
    return Napi::String::New(env, WideToU16(reinterpret_cast<const jet::WChar *>(text.data()), text.size() - 1));
  }
  std::uint32_t value = 0;
  jet::Err err = ENTRY(GetDatabaseInfoW)(sesid, dbid, &value, sizeof value, level);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, value);
}

}  // namespace

void RegisterDatabases(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetGetDatabaseInfo)
  ESENT_EXPORT_JET(jet, JetCreateDatabase2)
  ESENT_EXPORT_JET(jet, JetAttachDatabase2)
  ESENT_EXPORT_JET(jet, JetOpenDatabase)
  ESENT_EXPORT_JET(jet, JetCloseDatabase)
  ESENT_EXPORT_JET(jet, JetDetachDatabase2)
}

}  // namespace raw
}  // namespace esent
