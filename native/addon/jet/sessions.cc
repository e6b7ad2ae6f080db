// Sessions: beginning, duplicating and ending one, its context, its parameters.
#include "jet_helpers.h"

#include "../env_resources.h"

namespace esent {
namespace raw {
namespace {

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
  resources::SessionBegun(env, sesid, instance);
  return HandleToBigInt(env, sesid);
}

Napi::Value JetEndSession(const Napi::CallbackInfo &info) {
  const char *operation = "JetEndSession";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  const jet::Err err = ENTRY(EndSession)(sesid, grbit);
  if (err >= 0) resources::SessionEnded(sesid);
  return Checked(env, err, operation);
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
  resources::SessionDuplicated(env, sesid, duplicate);
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

// Warnings (JET_wrnNoIdleActivity after a cleanup, JET_wrnIdleFull, JET_wrnRemainingVersions)
// are the result, not an exception.
Napi::Value JetIdle(const Napi::CallbackInfo &info) {
  const char *operation = "JetIdle";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Idle)(sesid, grbit), operation);
}

}  // namespace

void RegisterSessions(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetBeginSession)
  ESENT_EXPORT_JET(jet, JetEndSession)
  ESENT_EXPORT_JET(jet, JetDupSession)
  ESENT_EXPORT_JET(jet, JetSetSessionContext)
  ESENT_EXPORT_JET(jet, JetResetSessionContext)
  ESENT_EXPORT_JET(jet, JetGetSessionParameter)
  ESENT_EXPORT_JET(jet, JetIdle)
}

}  // namespace raw
}  // namespace esent
