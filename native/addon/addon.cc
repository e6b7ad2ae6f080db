// Module entry: the raw `jet` functions, the NativeSession class behind the facade's
// Session, the instance calls, and the few hooks lib/ uses to configure the addon.
#include "addon_napi.h"

#include "../loader/engine_library.h"
#include "addon_data.h"
#include "arguments.h"
#include "env_resources.h"
#include "jet_error.h"
#include "esent/os_thread_id.h"
#include "instance_calls.h"
#include "jet/raw_api.h"
#include "native_session.h"
#include "pool/pool_api.h"

namespace esent {
namespace {

// setErrorFactory((errno, operation, detail?) => Error)
Napi::Value SetErrorFactory(const Napi::CallbackInfo &info) {
  Arguments args(info, "setErrorFactory", 1, 1);
  GetAddonData(info.Env())->errorFactory = Napi::Persistent(args.Function(0, "factory"));
  return info.Env().Undefined();
}

// setRetrieveHelpers(result, packRequests, buildResults): see AddonData.
Napi::Value SetRetrieveHelpers(const Napi::CallbackInfo &info) {
  Arguments args(info, "setRetrieveHelpers", 3, 3);
  AddonData *data = GetAddonData(info.Env());
  data->retrieveResult = Napi::Persistent(args.Function(0, "result"));
  data->packRetrieveRequests = Napi::Persistent(args.Function(1, "packRequests"));
  data->buildRetrieveResults = Napi::Persistent(args.Function(2, "buildResults"));
  return info.Env().Undefined();
}

// setCompletionPoller(schedule | null): `schedule()` queues an immediate that calls
// pollCompletions() and queues itself again while that returns true; null: no polling, every
// result wakes the event loop.
Napi::Value SetCompletionPoller(const Napi::CallbackInfo &info) {
  Arguments args(info, "setCompletionPoller", 1, 1);
  AddonData *data = GetAddonData(info.Env());
  if (info[0].IsNull()) {
    data->completionPoller.Reset();
  } else {
    data->completionPoller = Napi::Persistent(args.Function(0, "schedule"));
  }
  return info.Env().Undefined();
}

// pollCompletions() -> boolean: settles the session calls finished by now; false once the
// poll has stopped.
Napi::Value PollCompletions(const Napi::CallbackInfo &info) {
  AddonData *data = GetAddonData(info.Env());
  bool more = data->completions && data->completions->PollOnce(info.Env());
  return Napi::Boolean::New(info.Env(), more);
}

// setLibraryPath(path) -> boolean: false once a library is loaded (it cannot change).
Napi::Value SetLibraryPath(const Napi::CallbackInfo &info) {
  Arguments args(info, "setLibraryPath", 1, 1);
  if (!info[0].IsString()) args.ThrowType("'path' must be a string");
  std::string path = info[0].As<Napi::String>().Utf8Value();
  if (path.find('\0') != std::string::npos) args.ThrowType("'path' must not contain NUL characters");
  return Napi::Boolean::New(info.Env(), SetEngineLibraryPath(path));
}

// engineInfo() -> { path, loaded, isEmulator }
Napi::Value GetEngineInfo(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  EngineInfo loaded;
  bool isLoaded = GetLoadedEngineInfo(&loaded);
  result.Set("path", Napi::String::New(env, isLoaded ? loaded.path : GetEngineLibraryPath()));
  result.Set("loaded", Napi::Boolean::New(env, isLoaded));
  result.Set("isEmulator", Napi::Boolean::New(env, isLoaded && loaded.isEmulator));
  return result;
}

// loadEngine(): loads the configured library now (throws ERR_ESENT_LIBRARY_LOAD).
Napi::Value LoadEngine(const Napi::CallbackInfo &info) {
  std::string error;
  if (!GetEngineTable(&error)) ThrowLibraryLoadError(info.Env(), error);
  return GetEngineInfo(info);
}

Napi::Value CurrentThreadId(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(CurrentOsThreadId()));
}

// liveSessionCalls(): session calls the process holds (queued, running, waiting to be
// settled). Zero once everything is settled, including the calls of environments that went
// away with calls queued: a diagnostic for tests.
Napi::Value LiveSessionCalls(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(PendingCall::Live()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new AddonData());
  resources::Install(env);
  RegisterRawApi(env, exports);
  RegisterInstanceCalls(env, exports);
  NativeSession::Register(env, exports);
  pool::RegisterPool(env, exports);
  exports.Set("setErrorFactory", Napi::Function::New(env, SetErrorFactory, "setErrorFactory"));
  exports.Set("setRetrieveHelpers", Napi::Function::New(env, SetRetrieveHelpers, "setRetrieveHelpers"));
  exports.Set("setCompletionPoller", Napi::Function::New(env, SetCompletionPoller, "setCompletionPoller"));
  exports.Set("pollCompletions", Napi::Function::New(env, PollCompletions, "pollCompletions"));
  exports.Set("setLibraryPath", Napi::Function::New(env, SetLibraryPath, "setLibraryPath"));
  exports.Set("engineInfo", Napi::Function::New(env, GetEngineInfo, "engineInfo"));
  exports.Set("loadEngine", Napi::Function::New(env, LoadEngine, "loadEngine"));
  exports.Set("currentThreadId", Napi::Function::New(env, CurrentThreadId, "currentThreadId"));
  exports.Set("liveSessionCalls", Napi::Function::New(env, LiveSessionCalls, "liveSessionCalls"));
  exports.Set("pointerBits", Napi::Number::New(env, sizeof(void *) * 8));
  return exports;
}

}  // namespace
}  // namespace esent

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return esent::Init(env, exports); }

NODE_API_MODULE(esent, InitModule)
