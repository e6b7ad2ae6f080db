// Instances: creating, configuring, starting and stopping an instance of the engine.
#include "jet_helpers.h"

#include "../env_resources.h"
#include "../pool/pool_core.h"

#include <vector>

namespace esent {
namespace raw {
namespace {

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
  resources::InstanceCreated(env, instance);
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
  resources::InstanceCreated(env, instance);
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
  const bool single = instance == 0 || instance == jet::instanceNil;
  const jet::Err err = ENTRY(Init)(&instance);
  if (err >= 0 && single) resources::SingleInstanceCreated(env, instance);
  return Checked(env, err, operation);
}

Napi::Value JetInit3(const Napi::CallbackInfo &info) {
  const char *operation = "JetInit3";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  const bool single = instance == 0 || instance == jet::instanceNil;
  const jet::Err err = ENTRY(Init3W)(&instance, nullptr, grbit);
  if (err >= 0 && single) resources::SingleInstanceCreated(env, instance);
  return Checked(env, err, operation);
}

Napi::Value JetTerm(const Napi::CallbackInfo &info) {
  const char *operation = "JetTerm";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 1);
  jet::Instance instance = args.Handle(0, "instance");
  const EngineTable &engine = RequireEngine(env);
  pool::TermGuard pools(instance);
  const jet::Err err = pools.After(ENTRY(Term)(instance));
  if (err >= 0) resources::InstanceTerminated(instance);
  return Checked(env, err, operation);
}

Napi::Value JetTerm2(const Napi::CallbackInfo &info) {
  const char *operation = "JetTerm2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  pool::TermGuard pools(instance);
  const jet::Err err = pools.After(ENTRY(Term2)(instance, grbit));
  // JET_bitTermDirty terminates and then reports JET_errDirtyShutdown.
  if (err >= 0 || err == jet::err::DirtyShutdown) resources::InstanceTerminated(instance);
  return Checked(env, err, operation);
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

}  // namespace

void RegisterInstances(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetCreateInstance)
  ESENT_EXPORT_JET(jet, JetCreateInstance2)
  ESENT_EXPORT_JET(jet, JetSetSystemParameter)
  ESENT_EXPORT_JET(jet, JetGetSystemParameter)
  ESENT_EXPORT_JET(jet, JetInit)
  ESENT_EXPORT_JET(jet, JetInit3)
  ESENT_EXPORT_JET(jet, JetTerm)
  ESENT_EXPORT_JET(jet, JetTerm2)
  ESENT_EXPORT_JET(jet, JetStopServiceInstance)
  ESENT_EXPORT_JET(jet, JetStopServiceInstance2)
}

}  // namespace raw
}  // namespace esent
