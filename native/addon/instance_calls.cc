#include "instance_calls.h"

#include <string>
#include <vector>

#include "arguments.h"
#include "call_outcome.h"
#include "engine_access.h"
#include "env_resources.h"
#include "pool/pool_core.h"
#include "settle.h"

namespace esent {
namespace {

struct SystemParameter {
  jet::ULong id = 0;
  jet::ApiPtr number = 0;
  bool hasText = false;
  std::u16string text;
};

// Base for instance calls on the pool: a promise, an outcome, and the engine.
class InstanceWork : public Napi::AsyncWorker {
 public:
  InstanceWork(Napi::Env env, const EngineTable &engine)
      : Napi::AsyncWorker(env, "esent:instance-call"), engine_(engine), deferred_(Napi::Promise::Deferred::New(env)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  // Never lets an exception out to N-API: in a Worker being torn down no promise can be
  // settled, and what the call made is then undone (Undelivered).
  void OnOK() override {
    Settled settled = SettleCall(Env(), deferred_, outcome_, [this] { return Result(Env()); });
    if (!outcome_.Failed() && settled != Settled::Resolved) Undelivered();
  }

  void OnError(const Napi::Error &error) override { RejectCall(deferred_, error); }

 protected:
  virtual Napi::Value Result(Napi::Env env) = 0;
  // The call succeeded but nobody can learn of it.
  virtual void Undelivered() {}

  const EngineTable &engine_;
  Napi::Promise::Deferred deferred_;
  CallOutcome outcome_;
};

class CreateInstanceWork : public InstanceWork {
 public:
  CreateInstanceWork(Napi::Env env, const EngineTable &engine, std::u16string name, bool hasName,
                     std::u16string display, bool hasDisplay, jet::Grbit createGrbit,
                     std::vector<SystemParameter> params, jet::Grbit initGrbit)
      : InstanceWork(env, engine),
        name_(std::move(name)),
        hasName_(hasName),
        display_(std::move(display)),
        hasDisplay_(hasDisplay),
        createGrbit_(createGrbit),
        params_(std::move(params)),
        initGrbit_(initGrbit) {}

  void Execute() override {
    jet::Err err = engine_.CreateInstance2W(&instance_, hasName_ ? AsWide(name_) : nullptr,
                                            hasDisplay_ ? AsWide(display_) : nullptr, createGrbit_);
    if (err < 0) {
      outcome_.Fail(err, "JetCreateInstance2");
      return;
    }
    for (const SystemParameter &param : params_) {
      err = engine_.SetSystemParameterW(&instance_, 0, param.id, param.number,
                                        param.hasText ? AsWide(param.text) : nullptr);
      if (err < 0) {
        outcome_.Fail(err, "JetSetSystemParameter", "parameter id " + std::to_string(param.id));
        break;
      }
    }
    if (!outcome_.Failed()) {
      err = engine_.Init3W(&instance_, nullptr, initGrbit_);
      if (err < 0) outcome_.Fail(err, "JetInit3");
    }
    if (outcome_.Failed()) {
      // The caller gets the first error; the half-made instance must not linger.
      engine_.Term2(instance_, jet::bit::TermAbrupt);
      instance_ = 0;
    } else {
      resources::InstanceCreated(Env(), instance_);
    }
  }

 protected:
  Napi::Value Result(Napi::Env env) override { return HandleToBigInt(env, instance_); }
  // The instance is process-wide and its handle reached no one: terminate it rather than
  // leave its name in use for the life of the process.
  void Undelivered() override {
    if (instance_ && engine_.Term2(instance_, jet::bit::TermAbrupt) >= 0) resources::InstanceTerminated(instance_);
    instance_ = 0;
  }

 private:
  std::u16string name_;
  bool hasName_;
  std::u16string display_;
  bool hasDisplay_;
  jet::Grbit createGrbit_;
  std::vector<SystemParameter> params_;
  jet::Grbit initGrbit_;
  jet::Instance instance_ = 0;
};

class TermInstanceWork : public InstanceWork {
 public:
  TermInstanceWork(Napi::Env env, const EngineTable &engine, jet::Instance instance, jet::Grbit grbit)
      : InstanceWork(env, engine), instance_(instance), grbit_(grbit) {}

  void Execute() override {
    pool::TermGuard pools(instance_);
    jet::Err err = pools.After(engine_.Term2(instance_, grbit_));
    // JET_bitTermDirty terminates and then reports JET_errDirtyShutdown.
    if (err >= 0 || err == jet::err::DirtyShutdown) resources::InstanceTerminated(instance_);
    if (err < 0) outcome_.Fail(err, "JetTerm2"); else outcome_.err = err;
  }

 protected:
  Napi::Value Result(Napi::Env env) override { return Napi::Number::New(env, outcome_.err); }

 private:
  jet::Instance instance_;
  jet::Grbit grbit_;
};

Napi::Value CreateInstance(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Arguments args(info, "createInstance", 5, 5);
  std::u16string name, display;
  bool hasName = args.String(0, "name", true, &name);
  bool hasDisplay = args.String(1, "displayName", true, &display);
  jet::Grbit createGrbit = args.UInt32(2, "createGrbit");
  if (!info[3].IsArray()) args.ThrowType("'params' must be an array of [paramid, lParam, szParam]");
  Napi::Array list = info[3].As<Napi::Array>();
  std::vector<SystemParameter> params;
  for (uint32_t i = 0; i < list.Length(); ++i) {
    Napi::Value entry = list.Get(i);
    if (!entry.IsArray() || entry.As<Napi::Array>().Length() != 3) {
      args.ThrowType("'params' entries must be [paramid, lParam, szParam]");
    }
    Napi::Array triple = entry.As<Napi::Array>();
    SystemParameter param;
    Napi::Value id = triple.Get(0u), number = triple.Get(1u), text = triple.Get(2u);
    if (!id.IsNumber()) args.ThrowType("a parameter id must be a number");
    param.id = id.As<Napi::Number>().Uint32Value();
    if (number.IsBigInt()) {
      bool lossless = false;
      param.number = static_cast<jet::ApiPtr>(number.As<Napi::BigInt>().Uint64Value(&lossless));
      if (!lossless) args.ThrowRange("a parameter value is out of range");
    } else if (number.IsNumber()) {
      double d = number.As<Napi::Number>().DoubleValue();
      if (!(d >= 0 && d <= 9007199254740991.0)) args.ThrowRange("a parameter value is out of range");
      param.number = static_cast<jet::ApiPtr>(d);
    } else {
      args.ThrowType("a parameter value must be a number or a bigint");
    }
    if (text.IsString()) {
      param.hasText = true;
      param.text = text.As<Napi::String>().Utf16Value();
      if (param.text.find(u'\0') != std::u16string::npos) {
        args.ThrowType("a parameter string must not contain NUL characters");
      }
    } else if (!text.IsNull() && !text.IsUndefined()) {
      args.ThrowType("a parameter string must be a string or null");
    }
    params.push_back(std::move(param));
  }
  jet::Grbit initGrbit = args.UInt32(4, "initGrbit");
  const EngineTable &engine = RequireEngine(env);
  RequireEntryPoint(env, engine.CreateInstance2W, "JetCreateInstance2", "JetCreateInstance2W");
  RequireEntryPoint(env, engine.SetSystemParameterW, "JetSetSystemParameter", "JetSetSystemParameterW");
  RequireEntryPoint(env, engine.Init3W, "JetInit3", "JetInit3W");
  RequireEntryPoint(env, engine.Term2, "JetTerm2", "JetTerm2");
  auto *work = new CreateInstanceWork(env, engine, std::move(name), hasName, std::move(display), hasDisplay,
                                      createGrbit, std::move(params), initGrbit);
  Napi::Promise promise = work->Promise();
  work->Queue();
  return promise;
}

Napi::Value TermInstance(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Arguments args(info, "termInstance", 1, 2);
  jet::Instance instance = args.Handle(0, "instance");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  RequireEntryPoint(env, engine.Term2, "JetTerm2", "JetTerm2");
  auto *work = new TermInstanceWork(env, engine, instance, grbit);
  Napi::Promise promise = work->Promise();
  work->Queue();
  return promise;
}

}  // namespace

void RegisterInstanceCalls(Napi::Env env, Napi::Object exports) {
  exports.Set("createInstance", Napi::Function::New(env, Guarded<CreateInstance>, "createInstance"));
  exports.Set("termInstance", Napi::Function::New(env, Guarded<TermInstance>, "termInstance"));
}

}  // namespace esent
