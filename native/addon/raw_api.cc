// `jet`: one synchronous function per Jet entry point, with the exact Jet name (the W
// variant is always the one called, so the suffix is dropped). Each runs on the calling
// thread exactly as a C caller would run it: no hidden session contexts.
#include "raw_api.h"

#include <vector>

#include "arguments.h"
#include "engine_access.h"

namespace esent {
namespace {

// Returns a non-negative JET_ERR (success or a warning) as a number; throws the typed
// error for a negative one.
Napi::Value Checked(Napi::Env env, jet::Err err, const char *operation) {
  if (err < 0) ThrowJetError(env, err, operation);
  return Napi::Number::New(env, err);
}

#define ENTRY(name) RequireEntryPoint(env, engine.name, operation, "Jet" #name)

Napi::Value JetCreateInstance(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateInstance";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 0, 1);
  std::u16string name;
  bool hasName = args.String(0, "szInstanceName", true, &name);
  const EngineTable &engine = RequireEngine(env);
  jet::Instance instance = 0;
  jet::Err err = ENTRY(CreateInstanceW)(&instance, hasName ? AsWide(name) : nullptr);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, instance);
}

Napi::Value JetCreateInstance2(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateInstance2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 0, 3);
  std::u16string name, display;
  bool hasName = args.String(0, "szInstanceName", true, &name);
  bool hasDisplay = args.String(1, "szDisplayName", true, &display);
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  jet::Instance instance = 0;
  jet::Err err = ENTRY(CreateInstance2W)(&instance, hasName ? AsWide(name) : nullptr,
                                         hasDisplay ? AsWide(display) : nullptr, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, instance);
}

Napi::Value JetSetSystemParameter(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetSystemParameter";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 5);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Sesid sesid = args.Handle(1, "sesid");
  jet::ULong paramid = args.UInt32(2, "paramid");
  jet::ApiPtr lParam = args.Pointer(3, "lParam");
  std::u16string text;
  bool hasText = args.String(4, "szParam", true, &text);
  const EngineTable &engine = RequireEngine(env);
  // A zero instance means "global" and is passed as a pointer to zero, as C callers do
  // before JetInit; the engine may write a new instance back, which the raw API drops.
  return Checked(env, ENTRY(SetSystemParameterW)(&instance, sesid, paramid, lParam, hasText ? AsWide(text) : nullptr),
                 operation);
}

Napi::Value JetGetSystemParameter(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetSystemParameter";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Sesid sesid = args.Handle(1, "sesid");
  jet::ULong paramid = args.UInt32(2, "paramid");
  const EngineTable &engine = RequireEngine(env);
  // Paths are at most a few hundred characters in ESE; 1024 is ample and NUL-terminated.
  std::vector<jet::WChar> text(1024, 0);
  jet::ApiPtr lParam = 0;
  jet::Err err = ENTRY(GetSystemParameterW)(instance, sesid, paramid, &lParam, text.data(),
                                            static_cast<jet::ULong>(text.size() * sizeof(jet::WChar)));
  if (err < 0) ThrowJetError(env, err, operation);
  text.back() = 0;
  size_t length = 0;
  while (text[length] != 0) ++length;
  Napi::Object result = Napi::Object::New(env);
  result.Set("lParam", HandleToBigInt(env, lParam));
  result.Set("szParam", Napi::String::New(env, reinterpret_cast<const char16_t *>(text.data()), length));
  result.Set("err", Napi::Number::New(env, err));
  return result;
}

Napi::Value JetInit(const Napi::CallbackInfo &info) {
  const char *operation = "JetInit";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Instance instance = args.Handle(0, "instance");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Init)(&instance), operation);
}

Napi::Value JetInit3(const Napi::CallbackInfo &info) {
  const char *operation = "JetInit3";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Init3W)(&instance, nullptr, grbit), operation);
}

Napi::Value JetTerm(const Napi::CallbackInfo &info) {
  const char *operation = "JetTerm";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Instance instance = args.Handle(0, "instance");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Term)(instance), operation);
}

Napi::Value JetTerm2(const Napi::CallbackInfo &info) {
  const char *operation = "JetTerm2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Term2)(instance, grbit), operation);
}

Napi::Value JetStopServiceInstance(const Napi::CallbackInfo &info) {
  const char *operation = "JetStopServiceInstance";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Instance instance = args.Handle(0, "instance");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(StopServiceInstance)(instance), operation);
}

Napi::Value JetStopServiceInstance2(const Napi::CallbackInfo &info) {
  const char *operation = "JetStopServiceInstance2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(StopServiceInstance2)(instance, grbit), operation);
}

Napi::Value JetBeginSession(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginSession";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 3);
  jet::Instance instance = args.Handle(0, "instance");
  std::u16string user, password;
  bool hasUser = args.String(1, "szUserName", true, &user);
  bool hasPassword = args.String(2, "szPassword", true, &password);
  const EngineTable &engine = RequireEngine(env);
  jet::Sesid sesid = 0;
  jet::Err err = ENTRY(BeginSessionW)(instance, &sesid, hasUser ? AsWide(user) : nullptr,
                                      hasPassword ? AsWide(password) : nullptr);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, sesid);
}

Napi::Value JetEndSession(const Napi::CallbackInfo &info) {
  const char *operation = "JetEndSession";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(EndSession)(sesid, grbit), operation);
}

Napi::Value JetDupSession(const Napi::CallbackInfo &info) {
  const char *operation = "JetDupSession";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Sesid sesid = args.Handle(0, "sesid");
  const EngineTable &engine = RequireEngine(env);
  jet::Sesid duplicate = 0;
  jet::Err err = ENTRY(DupSession)(sesid, &duplicate);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, duplicate);
}

Napi::Value JetSetSessionContext(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetSessionContext";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::ApiPtr context = args.Handle(1, "ulContext");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(SetSessionContext)(sesid, context), operation);
}

Napi::Value JetResetSessionContext(const Napi::CallbackInfo &info) {
  const char *operation = "JetResetSessionContext";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Sesid sesid = args.Handle(0, "sesid");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(ResetSessionContext)(sesid), operation);
}

Napi::Value JetBeginTransaction(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginTransaction";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  const EngineTable &engine = RequireEngine(env);
  if (args.IsAbsent(1)) return Checked(env, ENTRY(BeginTransaction)(sesid), operation);
  // With flags, the call is JetBeginTransaction2: the plain entry point has no grbit.
  jet::Grbit grbit = args.Grbit(1);
  return Checked(env, RequireEntryPoint(env, engine.BeginTransaction2, operation, "JetBeginTransaction2")(sesid, grbit),
                 operation);
}

Napi::Value JetBeginTransaction2(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginTransaction2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(BeginTransaction2)(sesid, grbit), operation);
}

Napi::Value JetBeginTransaction3(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginTransaction3";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::int64_t trxid = args.Int64(1, "trxid", 0);
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(BeginTransaction3)(sesid, trxid, grbit), operation);
}

Napi::Value JetCommitTransaction(const Napi::CallbackInfo &info) {
  const char *operation = "JetCommitTransaction";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CommitTransaction)(sesid, grbit), operation);
}

Napi::Value JetCommitTransaction2(const Napi::CallbackInfo &info) {
  const char *operation = "JetCommitTransaction2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  jet::ULong durableWait = args.UInt32(2, "cmsecDurableCommit", 0);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CommitTransaction2)(sesid, grbit, durableWait, nullptr), operation);
}

Napi::Value JetRollback(const Napi::CallbackInfo &info) {
  const char *operation = "JetRollback";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Rollback)(sesid, grbit), operation);
}

Napi::Value JetGetSessionParameter(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetSessionParameter";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::ULong paramid = args.UInt32(1, "sesparamid");
  const EngineTable &engine = RequireEngine(env);
  // The numeric session parameters are 32-bit values.
  std::uint32_t value = 0;
  jet::ULong actual = 0;
  jet::Err err = ENTRY(GetSessionParameter)(sesid, paramid, &value, sizeof value, &actual);
  if (err < 0) ThrowJetError(env, err, operation);
  return Napi::Number::New(env, static_cast<double>(static_cast<std::int32_t>(value)));
}

Napi::Value JetGetErrorInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetErrorInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Err code = args.Int32(0, "err");
  const EngineTable &engine = RequireEngine(env);
  jet::ErrInfoBasicW basic{};
  basic.cbStruct = sizeof basic;
  jet::Err err = RequireEntryPoint(env, engine.GetErrorInfoW, operation, "JetGetErrorInfoW")(
      &code, &basic, sizeof basic, jet::ErrorInfoSpecificErr, 0);
  if (err < 0) ThrowJetError(env, err, operation);
  Napi::Object result = Napi::Object::New(env);
  result.Set("errValue", Napi::Number::New(env, basic.errValue));
  result.Set("errcatMostSpecific", Napi::Number::New(env, basic.errcatMostSpecific));
  Napi::Array hierarchy = Napi::Array::New(env);
  uint32_t n = 0;
  for (unsigned char category : basic.rgCategoricalHierarchy) {
    if (category == jet::errcatUnknown) break;
    hierarchy.Set(n++, Napi::Number::New(env, category));
  }
  result.Set("rgCategoricalHierarchy", hierarchy);
  return result;
}

#undef ENTRY

}  // namespace

void RegisterRawApi(Napi::Env env, Napi::Object exports) {
  Napi::Object jetApi = Napi::Object::New(env);
#define EXPORT_JET(name) jetApi.Set(#name, Napi::Function::New(env, Guarded<name>, #name));
  EXPORT_JET(JetCreateInstance)
  EXPORT_JET(JetCreateInstance2)
  EXPORT_JET(JetSetSystemParameter)
  EXPORT_JET(JetGetSystemParameter)
  EXPORT_JET(JetInit)
  EXPORT_JET(JetInit3)
  EXPORT_JET(JetTerm)
  EXPORT_JET(JetTerm2)
  EXPORT_JET(JetStopServiceInstance)
  EXPORT_JET(JetStopServiceInstance2)
  EXPORT_JET(JetBeginSession)
  EXPORT_JET(JetEndSession)
  EXPORT_JET(JetDupSession)
  EXPORT_JET(JetSetSessionContext)
  EXPORT_JET(JetResetSessionContext)
  EXPORT_JET(JetBeginTransaction)
  EXPORT_JET(JetBeginTransaction2)
  EXPORT_JET(JetBeginTransaction3)
  EXPORT_JET(JetCommitTransaction)
  EXPORT_JET(JetCommitTransaction2)
  EXPORT_JET(JetRollback)
  EXPORT_JET(JetGetSessionParameter)
  EXPORT_JET(JetGetErrorInfo)
#undef EXPORT_JET
  exports.Set("jet", jetApi);
}

}  // namespace esent
