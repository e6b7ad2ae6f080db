// The benchmarks' baseline, built only for `npm run bench` and never shipped:
// contextLoop(libraryPath, sesid, context, iterations) -> nanoseconds spent running
// set-context / begin / commit / reset-context `iterations` times in a plain C++ loop.
//
// It reaches the engine through the project's loader, given the path of the library the
// addon loaded; loading a library that is already loaded hands back the same module, so
// the session handle from the addon is valid here.
#include <napi.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "../../native/loader/engine_library.h"

namespace {

template <typename Fn>
Fn Need(Napi::Env env, Fn fn, const char *name) {
  if (!fn) throw Napi::Error::New(env, std::string("the engine library does not export ") + name);
  return fn;
}

void Check(Napi::Env env, jet::Err err, const char *operation) {
  if (err < 0) {
    Napi::Error error = Napi::Error::New(env, std::string(operation) + " failed with " + std::to_string(err));
    error.Set("errno", Napi::Number::New(env, err));
    throw error;
  }
}

jet::ApiPtr Handle(Napi::Env env, const Napi::Value &value, const char *name) {
  if (!value.IsBigInt()) throw Napi::TypeError::New(env, std::string(name) + " must be a bigint");
  bool lossless = false;
  std::uint64_t bits = value.As<Napi::BigInt>().Uint64Value(&lossless);
  return static_cast<jet::ApiPtr>(bits);
}

Napi::Value ContextLoop(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  if (info.Length() != 4 || !info[0].IsString() || !info[3].IsNumber()) {
    throw Napi::TypeError::New(env, "contextLoop(libraryPath, sesid, context, iterations)");
  }
  std::string path = info[0].As<Napi::String>().Utf8Value();
  auto sesid = static_cast<jet::Sesid>(Handle(env, info[1], "sesid"));
  jet::ApiPtr context = Handle(env, info[2], "context");
  auto iterations = info[3].As<Napi::Number>().Uint32Value();

  esent::SetEngineLibraryPath(path);
  std::string error;
  const esent::EngineTable *engine = esent::GetEngineTable(&error);
  if (!engine) throw Napi::Error::New(env, error);
  auto set = Need(env, engine->SetSessionContext, "JetSetSessionContext");
  auto reset = Need(env, engine->ResetSessionContext, "JetResetSessionContext");
  auto begin = Need(env, engine->BeginTransaction2, "JetBeginTransaction2");
  auto commit = Need(env, engine->CommitTransaction, "JetCommitTransaction");

  auto start = std::chrono::steady_clock::now();
  for (std::uint32_t i = 0; i < iterations; ++i) {
    Check(env, set(sesid, context), "JetSetSessionContext");
    Check(env, begin(sesid, 0), "JetBeginTransaction2");
    Check(env, commit(sesid, 0), "JetCommitTransaction");
    Check(env, reset(sesid), "JetResetSessionContext");
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  return Napi::Number::New(env, static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("contextLoop", Napi::Function::New(env, ContextLoop, "contextLoop"));
  return exports;
}

}  // namespace

NODE_API_MODULE(esent_bench, Init)
