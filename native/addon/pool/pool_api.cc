// The JavaScript classes of the pool (lib/pool.ts uses them):
//   new NativePool(instance: bigint, size)   begins `size` sessions: a new pool
//   new NativePool(id: number)               the open pool with that id (any environment)
//     .id, .size, .closed, .waiting
//     .claim(begin, beginGrbit, adoptIndex?, adoptContext?) -> NativeClaim
//     .close() -> Promise<void>
//   NativeClaim: .ready (Promise<void>), .index, .sesid, .context, .held, .cancel(reason)
//   benchPoolClaimLoop(id, iterations) -> nanoseconds: claim + release on one thread
#include "pool_api.h"

#include <chrono>
#include <string>

#include "../arguments.h"
#include "../engine_access.h"
#include "../jet_error.h"
#include "claim.h"
#include "claim_thread.h"
#include "pool_env.h"

namespace esent {
namespace pool {
namespace {

constexpr std::uint32_t kMostSessions = 4096;

class NativeClaim : public Napi::ObjectWrap<NativeClaim> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeClaim",
                       {InstanceAccessor<&NativeClaim::GetIndex>("index"),
                        InstanceAccessor<&NativeClaim::GetSesid>("sesid"),
                        InstanceAccessor<&NativeClaim::GetContext>("context"),
                        InstanceAccessor<&NativeClaim::GetHeld>("held"),
                        InstanceMethod<&NativeClaim::Cancel>("cancel")});
  }

  // Constructed only by NativePool.claim, with the claim in an External.
  explicit NativeClaim(const Napi::CallbackInfo &info) : Napi::ObjectWrap<NativeClaim>(info) {
    if (info.Length() != 1 || !info[0].IsExternal()) {
      throw Napi::TypeError::New(info.Env(), "NativeClaim: made by NativePool.claim only");
    }
    claim_ = *info[0].As<Napi::External<std::shared_ptr<Claim>>>().Data();
  }

  ~NativeClaim() override {
    if (!claim_) return;
    // Collected while held (a run whose JavaScript was lost): nothing else can end it.
    claim_->Abandon();
    if (auto env = env_.lock()) env->Forget(claim_.get());
  }

  void Attach(std::shared_ptr<PoolEnv> env) { env_ = env; }
  const std::shared_ptr<Claim> &Get() const { return claim_; }

 private:
  Napi::Value GetIndex(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(claim_->Index()));
  }
  Napi::Value GetSesid(const Napi::CallbackInfo &info) { return HandleToBigInt(info.Env(), claim_->Sesid()); }
  Napi::Value GetContext(const Napi::CallbackInfo &info) { return HandleToBigInt(info.Env(), claim_->Context()); }
  Napi::Value GetHeld(const Napi::CallbackInfo &info) { return Napi::Boolean::New(info.Env(), claim_->Held()); }
  // cancel(reason) -> boolean: true if the claim will never be held (see Claim::Withdraw).
  Napi::Value Cancel(const Napi::CallbackInfo &info) {
    return Napi::Boolean::New(info.Env(), claim_->Withdraw(info[0]));
  }

  std::shared_ptr<Claim> claim_;
  std::weak_ptr<PoolEnv> env_;
};

class NativePool : public Napi::ObjectWrap<NativePool> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativePool",
                       {InstanceAccessor<&NativePool::GetId>("id"), InstanceAccessor<&NativePool::GetSize>("size"),
                        InstanceAccessor<&NativePool::GetClosed>("closed"),
                        InstanceAccessor<&NativePool::GetWaiting>("waiting"),
                        InstanceMethod<&NativePool::ClaimSession>("claim"),
                        InstanceMethod<&NativePool::Close>("close")});
  }

  explicit NativePool(const Napi::CallbackInfo &info) : Napi::ObjectWrap<NativePool>(info) {
    Napi::Env env = info.Env();
    env_ = PoolEnv::For(env);
    if (info.Length() == 1 && info[0].IsNumber()) {
      double id = info[0].As<Napi::Number>().DoubleValue();
      core_ = id >= 1 ? PoolCore::Find(static_cast<std::uint64_t>(id)) : nullptr;
      if (!core_) throw BindingError(env, "ERR_ESENT_POOL_CLOSED", "SessionPool.from: no open pool has this token");
      return;
    }
    Arguments args(info, "NativePool", 2, 2);
    jet::Instance instance = args.Handle(0, "instance");
    std::uint32_t size = args.UInt32(1, "size");
    if (size < 1 || size > kMostSessions) args.ThrowRange("'size' must be from 1 to " + std::to_string(kMostSessions));
    const EngineTable &engine = RequireEngine(env);
    RequireEntryPoint(env, engine.BeginSessionW, "JetBeginSession", "JetBeginSessionW");
    RequireEntryPoint(env, engine.EndSession, "JetEndSession", "JetEndSession");
    RequireEntryPoint(env, engine.SetSessionContext, "JetSetSessionContext", "JetSetSessionContext");
    RequireEntryPoint(env, engine.ResetSessionContext, "JetResetSessionContext", "JetResetSessionContext");
    RequireEntryPoint(env, engine.BeginTransaction2, "JetBeginTransaction2", "JetBeginTransaction2");
    RequireEntryPoint(env, engine.CommitTransaction, "JetCommitTransaction", "JetCommitTransaction");
    RequireEntryPoint(env, engine.Rollback, "JetRollback", "JetRollback");
    CallOutcome outcome;
    core_ = PoolCore::Create(engine, instance, size, outcome);
    if (!core_) ThrowJetError(env, outcome.err, outcome.operation, outcome.detail);
  }

 private:
  Napi::Value GetId(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(core_->Id()));
  }
  Napi::Value GetSize(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(core_->Size()));
  }
  Napi::Value GetClosed(const Napi::CallbackInfo &info) { return Napi::Boolean::New(info.Env(), core_->Closed()); }
  Napi::Value GetWaiting(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(core_->Waiting()));
  }

  // claim(begin: boolean, beginGrbit: number, adoptIndex?: number, adoptContext?: bigint)
  Napi::Value ClaimSession(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Arguments args(info, "claim", 2, 4);
    ClaimRequest request;
    request.begin = info[0].ToBoolean().Value();
    request.beginGrbit = args.UInt32(1, "beginGrbit");
    if (!args.IsAbsent(2)) {
      request.adopt = true;
      request.begin = false;
      request.adoptIndex = args.UInt32(2, "adoptIndex");
      request.adoptContext = args.Handle(3, "adoptContext");
    }
    auto ready = Napi::Promise::Deferred::New(env);
    Napi::Promise promise = ready.Promise();
    auto claim = std::make_shared<Claim>(core_, env_, request, ready);
    Napi::Object object = env_->claimClass.New({Napi::External<std::shared_ptr<Claim>>::New(
        env, new std::shared_ptr<Claim>(claim), [](Napi::Env, std::shared_ptr<Claim> *held) { delete held; })});
    NativeClaim::Unwrap(object)->Attach(env_);
    object.Set("ready", promise);
    claim->Start();
    return object;
  }

  // close() -> Promise<void>: refuses claims from now on, waits for those held, rolls back
  // transactions handed off and never adopted, and ends every session.
  Napi::Value Close(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    auto done = Napi::Promise::Deferred::New(env);
    Napi::Promise promise = done.Promise();
    for (auto &refused : core_->BeginClose()) refused->RefuseClosed();
    std::shared_ptr<PoolCore> core = core_;
    std::shared_ptr<PoolEnv> poolEnv = env_;
    poolEnv->Hold();
    ClaimThread *thread = ClaimThread::Acquire();
    thread->Post([core, poolEnv, done, thread] {
      CallOutcome outcome;
      core->FinishClose(outcome);
      poolEnv->Post([poolEnv, done, outcome](Napi::Env env) {
        if (outcome.Failed()) {
          done.Reject(MakeJetError(env, outcome.err, outcome.operation, outcome.detail));
        } else {
          done.Resolve(env.Undefined());
        }
        poolEnv->Drop();
      });
      thread->Retire();
    });
    return promise;
  }

  std::shared_ptr<PoolCore> core_;
  std::shared_ptr<PoolEnv> env_;
};

// benchPoolClaimLoop(id, iterations) -> nanoseconds for `iterations` claims and releases on
// the calling thread: the engine-side cost of a claim, with no thread hop.
Napi::Value BenchPoolClaimLoop(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Arguments args(info, "benchPoolClaimLoop", 2, 2);
  std::shared_ptr<PoolCore> core = PoolCore::Find(args.UInt32(0, "id"));
  if (!core) throw BindingError(env, "ERR_ESENT_POOL_CLOSED", "benchPoolClaimLoop: no open pool has this id");
  std::uint32_t iterations = args.UInt32(1, "iterations");
  const jet::ApiPtr context = NewClaimContext();
  auto start = std::chrono::steady_clock::now();
  for (std::uint32_t i = 0; i < iterations; ++i) {
    CallOutcome failure;
    std::size_t index = 0;
    Attempt attempt = core->TryClaim(context, &index, failure);
    if (attempt == Attempt::Failed) ThrowJetError(env, failure.err, failure.operation);
    if (attempt != Attempt::Claimed) throw BindingError(env, "ERR_ESENT_POOL_BUSY", "benchPoolClaimLoop: no free session");
    // A run that joined the line meanwhile is woken on a claim thread, which can serve it.
    core->Reset(index);
    if (core->Waiting() > 0) Claim::WakeLine(core);
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  return Napi::Number::New(env, static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
}

}  // namespace

std::shared_ptr<Claim> ClaimOf(Napi::Env env, const Napi::Value &value) {
  std::shared_ptr<PoolEnv> poolEnv = PoolEnv::For(env);
  if (!value.IsObject() || poolEnv->claimClass.IsEmpty() ||
      !value.As<Napi::Object>().InstanceOf(poolEnv->claimClass.Value())) {
    throw Napi::TypeError::New(env, "NativeSession: 'claim' must be a NativeClaim");
  }
  return NativeClaim::Unwrap(value.As<Napi::Object>())->Get();
}

void RegisterPool(Napi::Env env, Napi::Object exports) {
  exports.Set("NativePool", NativePool::Define(env));
  Napi::Function claimClass = NativeClaim::Define(env);
  exports.Set("NativeClaim", claimClass);
  PoolEnv::For(env)->claimClass = Napi::Persistent(claimClass);
  exports.Set("benchPoolClaimLoop", Napi::Function::New(env, BenchPoolClaimLoop, "benchPoolClaimLoop"));
}

}  // namespace pool
}  // namespace esent
