// The benchmarks' baseline, built only for `npm run bench` and never shipped:
// contextLoop(libraryPath, sesid, context, iterations) -> nanoseconds spent running
// set-context / begin / commit / reset-context `iterations` times in a plain C++ loop;
// setResetLoop(libraryPath, sesid, context, iterations) -> nanoseconds for a bare
// set-context / reset-context pair, the baseline of a session pool's claim + release.
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

// The arguments both loops take, and the engine's function table.
struct LoopArguments {
  const esent::EngineTable *engine;
  jet::Sesid sesid;
  jet::ApiPtr context;
  std::uint32_t iterations;
};

LoopArguments ReadArguments(const Napi::CallbackInfo &info, const char *usage) {
  Napi::Env env = info.Env();
  if (info.Length() != 4 || !info[0].IsString() || !info[3].IsNumber()) throw Napi::TypeError::New(env, usage);
  std::string path = info[0].As<Napi::String>().Utf8Value();
  LoopArguments args{};
  args.sesid = static_cast<jet::Sesid>(Handle(env, info[1], "sesid"));
  args.context = Handle(env, info[2], "context");
  args.iterations = info[3].As<Napi::Number>().Uint32Value();
  esent::SetEngineLibraryPath(path);
  std::string error;
  args.engine = esent::GetEngineTable(&error);
  if (!args.engine) throw Napi::Error::New(env, error);
  return args;
}

Napi::Value Nanoseconds(Napi::Env env, std::chrono::steady_clock::duration elapsed) {
  return Napi::Number::New(env, static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
}

Napi::Value ContextLoop(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  LoopArguments args = ReadArguments(info, "contextLoop(libraryPath, sesid, context, iterations)");
  const esent::EngineTable *engine = args.engine;
  jet::Sesid sesid = args.sesid;
  jet::ApiPtr context = args.context;
  std::uint32_t iterations = args.iterations;
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
  return Nanoseconds(env, std::chrono::steady_clock::now() - start);
}

Napi::Value SetResetLoop(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  LoopArguments args = ReadArguments(info, "setResetLoop(libraryPath, sesid, context, iterations)");
  auto set = Need(env, args.engine->SetSessionContext, "JetSetSessionContext");
  auto reset = Need(env, args.engine->ResetSessionContext, "JetResetSessionContext");

  auto start = std::chrono::steady_clock::now();
  for (std::uint32_t i = 0; i < args.iterations; ++i) {
    Check(env, set(args.sesid, args.context), "JetSetSessionContext");
    Check(env, reset(args.sesid), "JetResetSessionContext");
  }
  return Nanoseconds(env, std::chrono::steady_clock::now() - start);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("contextLoop", Napi::Function::New(env, ContextLoop, "contextLoop"));
  exports.Set("setResetLoop", Napi::Function::New(env, SetResetLoop, "setResetLoop"));
  return exports;
}

}  // namespace

NODE_API_MODULE(esent_bench, Init)
