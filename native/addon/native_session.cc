#include "native_session.h"

#include <algorithm>
#include <exception>
#include <new>
#include <utility>
#include <vector>

#include "addon_data.h"
#include "arguments.h"
#include "engine_access.h"
#include "esent/os_thread_id.h"

namespace esent {
namespace {

std::atomic<std::uint64_t> g_nextSessionId{1};

class BeginTransactionCall : public SessionCall {
 public:
  explicit BeginTransactionCall(jet::Grbit grbit) : grbit_(grbit) {}
  const char *Name() const override { return "JetBeginTransaction2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.BeginTransaction2, "JetBeginTransaction2", outcome)) {
      jet::Err err = fn(sesid, grbit_);
      if (err < 0) outcome.Fail(err, Name()); else outcome.err = err;
    }
  }

 private:
  jet::Grbit grbit_;
};

class CommitCall : public SessionCall {
 public:
  explicit CommitCall(jet::Grbit grbit) : grbit_(grbit) {}
  const char *Name() const override { return "JetCommitTransaction"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.CommitTransaction, "JetCommitTransaction", outcome)) {
      jet::Err err = fn(sesid, grbit_);
      if (err < 0) outcome.Fail(err, Name()); else outcome.err = err;
    }
  }

 private:
  jet::Grbit grbit_;
};

class RollbackCall : public SessionCall {
 public:
  explicit RollbackCall(jet::Grbit grbit) : grbit_(grbit) {}
  const char *Name() const override { return "JetRollback"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.Rollback, "JetRollback", outcome)) {
      jet::Err err = fn(sesid, grbit_);
      if (err < 0) outcome.Fail(err, Name()); else outcome.err = err;
    }
  }

 private:
  jet::Grbit grbit_;
};

class TransactionLevelCall : public SessionCall {
 public:
  const char *Name() const override { return "JetGetSessionParameter"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.GetSessionParameter, "JetGetSessionParameter", outcome)) {
      jet::ULong actual = 0;
      jet::Err err = fn(sesid, jet::sesparam::TransactionLevel, &level_, sizeof level_, &actual);
      if (err < 0) outcome.Fail(err, Name()); else outcome.err = err;
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    return Napi::Number::New(env, static_cast<double>(level_));
  }

 private:
  std::int32_t level_ = 0;
};

class EndCall : public SessionCall {
 public:
  explicit EndCall(jet::Grbit grbit) : grbit_(grbit) {}
  const char *Name() const override { return "JetEndSession"; }
  // JetEndSession refuses a session whose context is set, even by the calling thread.
  bool UsesContext() const override { return false; }
  bool EndsSession() const override { return true; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.EndSession, "JetEndSession", outcome)) {
      jet::Err err = fn(sesid, grbit_);
      if (err < 0) outcome.Fail(err, Name()); else outcome.err = err;
    }
  }

 private:
  jet::Grbit grbit_;
};

}  // namespace

// One trip to the pool: on one pool thread, runs waiting calls in order, each inside the
// session's context, taking more as long as more are queued; then settles them in order on
// the JavaScript thread.
class NativeSession::Trip : public Napi::AsyncWorker {
 public:
  Trip(Napi::Env env, NativeSession *session) : Napi::AsyncWorker(env, "esent:session-call"), session_(session) {}

  void Execute() override {
    while (session_->TakeNext(&calls_)) {
      PendingCall &current = calls_.back();
      session_->Execute(*current.call, current.outcome);
    }
  }

  void OnOK() override { session_->FinishTrip(Env(), calls_, nullptr); }

  // Reached when Execute let a C++ exception out (AsyncWorker turns it into an error).
  void OnError(const Napi::Error &error) override { session_->FinishTrip(Env(), calls_, &error); }

 private:
  NativeSession *session_;
  std::vector<PendingCall> calls_;
};

void NativeSession::Register(Napi::Env env, Napi::Object exports) {
  Napi::Function constructor = DefineClass(
      env, "NativeSession",
      {
          InstanceMethod<&NativeSession::BeginTransaction>("beginTransaction"),
          InstanceMethod<&NativeSession::Commit>("commit"),
          InstanceMethod<&NativeSession::Rollback>("rollback"),
          InstanceMethod<&NativeSession::TransactionLevel>("transactionLevel"),
          InstanceMethod<&NativeSession::End>("end"),
          InstanceMethod<&NativeSession::BeginTransactionSync>("beginTransactionSync"),
          InstanceMethod<&NativeSession::CommitSync>("commitSync"),
          InstanceMethod<&NativeSession::RollbackSync>("rollbackSync"),
          InstanceMethod<&NativeSession::TransactionLevelSync>("transactionLevelSync"),
          InstanceMethod<&NativeSession::EndSync>("endSync"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::CreateDatabase>>("createDatabase"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::AttachDatabase>>("attachDatabase"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::OpenDatabase>>("openDatabase"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::CloseDatabase>>("closeDatabase"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::DetachDatabase>>("detachDatabase"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::CreateTable>>("createTable"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::OpenTable>>("openTable"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::CloseCursor>>("closeCursor"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::Insert>>("insert"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::Lookup>>("lookup"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::Update>>("update"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::Remove>>("remove"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::Scan>>("scan"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::ScanNext>>("scanNext"),
          InstanceMethod<&NativeSession::QueueParsed<table_calls::Count>>("count"),
          InstanceAccessor<&NativeSession::GetHandle>("handle"),
          InstanceAccessor<&NativeSession::GetContext>("context"),
          InstanceAccessor<&NativeSession::GetPending>("pending"),
          InstanceAccessor<&NativeSession::GetEnded>("ended"),
          InstanceAccessor<&NativeSession::GetLastThreadId>("lastThreadId"),
      });
  GetAddonData(env)->sessionConstructor = Napi::Persistent(constructor);
  exports.Set("NativeSession", constructor);
}

NativeSession::NativeSession(const Napi::CallbackInfo &info) : Napi::ObjectWrap<NativeSession>(info) {
  Napi::Env env = info.Env();
  Arguments args(info, "NativeSession", 1, 1);
  sesid_ = args.Handle(0, "sesid");
  id_ = g_nextSessionId.fetch_add(1, std::memory_order_relaxed);
  context_ = reinterpret_cast<jet::ApiPtr>(this);
  engine_ = &RequireEngine(env);
  RequireEntryPoint(env, engine_->SetSessionContext, "JetSetSessionContext", "JetSetSessionContext");
  RequireEntryPoint(env, engine_->ResetSessionContext, "JetResetSessionContext", "JetResetSessionContext");
}

// Calls still waiting hold a reference to this object, so none can be left at destruction.
NativeSession::~NativeSession() = default;

namespace {

// Runs one call; a C++ exception from it (std::bad_alloc while reading a large record)
// becomes the call's failure, so that the code around it still runs.
void RunGuarded(SessionCall &call, const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) {
  try {
    call.Run(engine, sesid, outcome);
  } catch (const std::bad_alloc &) {
    outcome.Fail(jet::err::OutOfMemory, call.Name(), "out of memory");
  } catch (const std::exception &e) {
    outcome.Fail(jet::err::InternalError, call.Name(), e.what());
  } catch (...) {
    outcome.Fail(jet::err::InternalError, call.Name(), "unexpected C++ exception");
  }
}

}  // namespace

void NativeSession::Execute(SessionCall &call, CallOutcome &outcome) {
  lastThreadId_.store(CurrentOsThreadId(), std::memory_order_relaxed);
  if (!call.UsesContext()) {
    RunGuarded(call, *engine_, sesid_, outcome);
    return;
  }
  jet::Err err = engine_->SetSessionContext(sesid_, context_);
  if (err < 0) {
    outcome.Fail(err, "JetSetSessionContext");
    return;
  }
  RunGuarded(call, *engine_, sesid_, outcome);
  err = engine_->ResetSessionContext(sesid_);
  if (err < 0 && !outcome.Failed()) outcome.Fail(err, "JetResetSessionContext");
}

Napi::Value NativeSession::RejectEnded(Napi::Env env, const char *what) {
  auto deferred = Napi::Promise::Deferred::New(env);
  try {
    ThrowEnded(env, what);
  } catch (const Napi::Error &error) {
    deferred.Reject(error.Value());
  }
  return deferred.Promise();
}

void NativeSession::ThrowEnded(Napi::Env env, const char *what) {
  Napi::Error error = Napi::Error::New(
      env, std::string(what) + ": the session has ended" + (ended_ ? "" : " (end() was called)"));
  error.Set("code", Napi::String::New(env, "ERR_ESENT_SESSION_ENDED"));
  throw error;
}

Napi::Value NativeSession::Enqueue(Napi::Env env, std::unique_ptr<SessionCall> call) {
  if (ending_ || ended_) return RejectEnded(env, call->Name());
  auto deferred = Napi::Promise::Deferred::New(env);
  Napi::Promise promise = deferred.Promise();
  bool wasIdle;
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    wasIdle = !tripRunning_ && queue_.empty();
    queue_.push_back(PendingCall{std::move(call), std::move(deferred), CallOutcome()});
  }
  if (wasIdle) Ref();  // keep this object alive while calls are outstanding
  // A running trip takes the call if it is still going; otherwise OnTripDone sends it.
  if (!tripRunning_) StartTrip();
  return promise;
}

void NativeSession::StartTrip() {
  tripRunning_ = true;
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    takenByTrip_ = 0;
  }
  (new Trip(Env(), this))->Queue();
}

size_t NativeSession::Pending() {
  std::lock_guard<std::mutex> lock(queueMutex_);
  return queue_.size() + takenByTrip_;
}

bool NativeSession::TakeNext(std::vector<PendingCall> *trip) {
  // Bounded so that one busy session cannot hold a pool thread indefinitely.
  constexpr size_t kMostCallsPerTrip = 64;
  std::lock_guard<std::mutex> lock(queueMutex_);
  if (queue_.empty() || trip->size() >= kMostCallsPerTrip) return false;
  trip->push_back(std::move(queue_.front()));
  queue_.pop_front();
  ++takenByTrip_;
  return true;
}

bool NativeSession::Settle(Napi::Env env, PendingCall &pending) {
  bool failed = pending.outcome.Failed();
  if (pending.call->EndsSession()) {
    if (failed) ending_ = false; else ended_ = true;
  }
  try {
    try {
      if (failed) {
        pending.deferred.Reject(
            MakeJetError(env, pending.outcome.err, pending.outcome.operation, pending.outcome.detail));
      } else {
        pending.deferred.Resolve(pending.call->Result(env, pending.outcome));
      }
      return true;
    } catch (const Napi::Error &error) {
      pending.deferred.Reject(error.Value());
      return true;
    } catch (const std::exception &e) {
      pending.deferred.Reject(Napi::Error::New(env, e.what()).Value());
      return true;
    }
  } catch (...) {
    // Not even a rejection could be made: JavaScript cannot run here any more.
    return false;
  }
}

void NativeSession::FinishTrip(Napi::Env env, std::vector<PendingCall> &calls, const Napi::Error *failure) {
  bool canContinue = true;
  for (PendingCall &pending : calls) {
    if (!canContinue) break;
    if (!failure) {
      canContinue = Settle(env, pending);
      continue;
    }
    if (pending.call->EndsSession()) ending_ = false;
    try {
      pending.deferred.Reject(failure->Value());
    } catch (...) {
      canContinue = false;
    }
  }
  OnTripDone(canContinue);
}

void NativeSession::OnTripDone(bool canContinue) {
  tripRunning_ = false;
  bool more;
  {
    std::lock_guard<std::mutex> lock(queueMutex_);
    takenByTrip_ = 0;
    if (!canContinue) {
      // The environment is going away: nothing queued could be settled, so nothing more runs.
      ending_ = true;
      queue_.clear();
    }
    more = !queue_.empty();
  }
  try {
    if (more) StartTrip(); else Unref();
  } catch (...) {
    // Fails only while the environment is being torn down, when nothing more can run.
  }
}

Napi::Value NativeSession::RunSync(Napi::Env env, const char *syncName, std::unique_ptr<SessionCall> call) {
  if (ending_ || ended_) ThrowEnded(env, syncName);
  size_t pending = Pending();
  if (pending > 0) {
    Napi::Error error = Napi::Error::New(
        env, std::string(syncName) + ": the session has " + std::to_string(pending) +
                 " asynchronous call(s) in flight; await them before calling a synchronous method");
    error.Set("code", Napi::String::New(env, "ERR_ESENT_SESSION_BUSY"));
    throw error;
  }
  CallOutcome outcome;
  Execute(*call, outcome);
  if (outcome.Failed()) ThrowJetError(env, outcome.err, outcome.operation, outcome.detail);
  if (call->EndsSession()) ended_ = true;
  return call->Result(env, outcome);
}

Napi::Value NativeSession::BeginTransaction(const Napi::CallbackInfo &info) {
  Arguments args(info, "beginTransaction", 0, 1);
  return Enqueue(info.Env(), std::make_unique<BeginTransactionCall>(args.Grbit(0)));
}

Napi::Value NativeSession::Commit(const Napi::CallbackInfo &info) {
  Arguments args(info, "commit", 0, 1);
  return Enqueue(info.Env(), std::make_unique<CommitCall>(args.Grbit(0)));
}

Napi::Value NativeSession::Rollback(const Napi::CallbackInfo &info) {
  Arguments args(info, "rollback", 0, 1);
  return Enqueue(info.Env(), std::make_unique<RollbackCall>(args.Grbit(0)));
}

Napi::Value NativeSession::TransactionLevel(const Napi::CallbackInfo &info) {
  Arguments args(info, "transactionLevel", 0, 0);
  return Enqueue(info.Env(), std::make_unique<TransactionLevelCall>());
}

Napi::Value NativeSession::End(const Napi::CallbackInfo &info) {
  Arguments args(info, "end", 0, 1);
  auto call = std::make_unique<EndCall>(args.Grbit(0));
  Napi::Value promise = Enqueue(info.Env(), std::move(call));
  ending_ = true;
  return promise;
}

Napi::Value NativeSession::BeginTransactionSync(const Napi::CallbackInfo &info) {
  Arguments args(info, "beginTransactionSync", 0, 1);
  return RunSync(info.Env(), "beginTransactionSync", std::make_unique<BeginTransactionCall>(args.Grbit(0)));
}

Napi::Value NativeSession::CommitSync(const Napi::CallbackInfo &info) {
  Arguments args(info, "commitSync", 0, 1);
  return RunSync(info.Env(), "commitSync", std::make_unique<CommitCall>(args.Grbit(0)));
}

Napi::Value NativeSession::RollbackSync(const Napi::CallbackInfo &info) {
  Arguments args(info, "rollbackSync", 0, 1);
  return RunSync(info.Env(), "rollbackSync", std::make_unique<RollbackCall>(args.Grbit(0)));
}

Napi::Value NativeSession::TransactionLevelSync(const Napi::CallbackInfo &info) {
  Arguments args(info, "transactionLevelSync", 0, 0);
  return RunSync(info.Env(), "transactionLevelSync", std::make_unique<TransactionLevelCall>());
}

Napi::Value NativeSession::EndSync(const Napi::CallbackInfo &info) {
  Arguments args(info, "endSync", 0, 1);
  return RunSync(info.Env(), "endSync", std::make_unique<EndCall>(args.Grbit(0)));
}

Napi::Value NativeSession::GetHandle(const Napi::CallbackInfo &info) { return HandleToBigInt(info.Env(), sesid_); }

Napi::Value NativeSession::GetContext(const Napi::CallbackInfo &info) { return HandleToBigInt(info.Env(), context_); }

Napi::Value NativeSession::GetPending(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Pending()));
}

Napi::Value NativeSession::GetEnded(const Napi::CallbackInfo &info) { return Napi::Boolean::New(info.Env(), ended_); }

Napi::Value NativeSession::GetLastThreadId(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(lastThreadId_.load(std::memory_order_relaxed)));
}

}  // namespace esent
