// What the engine knows about an error number: JetGetErrorInfo.
#include "jet_helpers.h"

namespace esent {
namespace raw {
namespace {

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

}  // namespace

void RegisterErrorInfo(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetGetErrorInfo)
}

}  // namespace raw
}  // namespace esent
