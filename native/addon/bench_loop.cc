// benchContextLoop(sesid, context, iterations) -> nanoseconds: the benchmarks' baseline,
// the cost of set-context / begin / commit / reset-context in a plain C++ loop with no
// JavaScript in between.
#include "addon_napi.h"

#include <chrono>

#include "arguments.h"
#include "bench_loop.h"
#include "engine_access.h"

namespace esent {
namespace {

Napi::Value BenchContextLoop(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Arguments args(info, "benchContextLoop", 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::ApiPtr context = args.Handle(1, "context");
  std::uint32_t iterations = args.UInt32(2, "iterations");
  const EngineTable &engine = RequireEngine(env);
  auto set = RequireEntryPoint(env, engine.SetSessionContext, "JetSetSessionContext", "JetSetSessionContext");
  auto reset = RequireEntryPoint(env, engine.ResetSessionContext, "JetResetSessionContext", "JetResetSessionContext");
  auto begin = RequireEntryPoint(env, engine.BeginTransaction2, "JetBeginTransaction2", "JetBeginTransaction2");
  auto commit = RequireEntryPoint(env, engine.CommitTransaction, "JetCommitTransaction", "JetCommitTransaction");
  auto start = std::chrono::steady_clock::now();
  for (std::uint32_t i = 0; i < iterations; ++i) {
    jet::Err err = set(sesid, context);
    if (err < 0) ThrowJetError(env, err, "JetSetSessionContext");
    err = begin(sesid, 0);
    if (err < 0) ThrowJetError(env, err, "JetBeginTransaction2");
    err = commit(sesid, 0);
    if (err < 0) ThrowJetError(env, err, "JetCommitTransaction");
    err = reset(sesid);
    if (err < 0) ThrowJetError(env, err, "JetResetSessionContext");
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  return Napi::Number::New(env, static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
}

}  // namespace

void RegisterBenchLoop(Napi::Env env, Napi::Object exports) {
  exports.Set("benchContextLoop", Napi::Function::New(env, BenchContextLoop, "benchContextLoop"));
}

}  // namespace esent
