#include "native_session.h"

#include <algorithm>
#include <exception>
#include <new>
#include <utility>
#include <vector>

#include "addon_data.h"
#include "arguments.h"
#include "engine_access.h"
#include "env_resources.h"
#include "esent/os_thread_id.h"
#include "jet_error.h"
#include "pool/claim.h"
#include "pool/run_end_calls.h"
#include "session_calls/session_calls.h"
#include "settle.h"

namespace esent {
namespace {

std::atomic<std::uint64_t> g_nextSessionId{1};
std::atomic<std::int64_t> g_livePendingCalls{0};

}  // namespace

struct NativeSession::Method {
  const char *name;
  session_calls::Parser parse;
  bool sync;  // runs on the calling thread and returns its result (the ...Sync twins)
};

namespace {

using Method = NativeSession::Method;

// Static storage: each property keeps a pointer to its entry as callback data.
const Method kMethods[] = {
    {"beginTransaction", session_calls::BeginTransaction, false},
    {"commit", session_calls::Commit, false},
    {"rollback", session_calls::Rollback, false},
    {"transactionLevel", session_calls::TransactionLevel, false},
    {"end", session_calls::End, false},
    {"beginTransactionSync", session_calls::BeginTransaction, true},
    {"commitSync", session_calls::Commit, true},
    {"rollbackSync", session_calls::Rollback, true},
    {"transactionLevelSync", session_calls::TransactionLevel, true},
    {"endSync", session_calls::End, true},
    {"createDatabase", session_calls::CreateDatabase, false},
    {"attachDatabase", session_calls::AttachDatabase, false},
    {"openDatabase", session_calls::OpenDatabase, false},
    {"closeDatabase", session_calls::CloseDatabase, false},
    {"detachDatabase", session_calls::DetachDatabase, false},
    {"createTable", session_calls::CreateTable, false},
    {"openTable", session_calls::OpenTable, false},
    {"closeCursor", session_calls::CloseCursor, false},
    {"insert", session_calls::Insert, false},
    {"lookup", session_calls::Lookup, false},
    {"update", session_calls::Update, false},
    {"remove", session_calls::Remove, false},
    {"scan", session_calls::Scan, false},
    {"scanNext", session_calls::ScanNext, false},
    {"count", session_calls::Count, false},
    {"listTables", session_calls::ListTables, false},
    {"describeTable", session_calls::DescribeTable, false},
    {"deleteTable", session_calls::DeleteTable, false},
    {"renameTable", session_calls::RenameTable, false},
    {"addColumn", session_calls::AddColumn, false},
    {"deleteColumn", session_calls::DeleteColumn, false},
    {"createIndex", session_calls::CreateIndex, false},
    {"deleteIndex", session_calls::DeleteIndex, false},
    {"endRun", pool::EndRun, false},
    {"handOff", pool::HandOff, false},
};

}  // namespace

void NativeSession::Register(Napi::Env env, Napi::Object exports) {
  std::vector<PropertyDescriptor> properties;
  for (const Method &method : kMethods) {
    properties.push_back(InstanceMethod(method.name, &NativeSession::Call, napi_default,
                                        const_cast<Method *>(&method)));
  }
  properties.push_back(InstanceAccessor<&NativeSession::GetHandle>("handle"));
  properties.push_back(InstanceAccessor<&NativeSession::GetContext>("context"));
  properties.push_back(InstanceAccessor<&NativeSession::GetPending>("pending"));
  properties.push_back(InstanceAccessor<&NativeSession::GetEnded>("ended"));
  properties.push_back(InstanceAccessor<&NativeSession::GetEndedFlag>("endedFlag"));
  properties.push_back(InstanceAccessor<&NativeSession::GetLastThreadId>("lastThreadId"));
  Napi::Function constructor = DefineClass(env, "NativeSession", properties);
  GetAddonData(env)->sessionConstructor = Napi::Persistent(constructor);
  exports.Set("NativeSession", constructor);
}

NativeSession::NativeSession(const Napi::CallbackInfo &info) : Napi::ObjectWrap<NativeSession>(info) {
  Napi::Env env = info.Env();
  Arguments args(info, "NativeSession", 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  if (!args.IsAbsent(1)) {
    claim_ = pool::ClaimOf(env, info[1]);
    if (!claim_->Held() || claim_->Sesid() != sesid) args.ThrowType("'claim' must be a held claim of this session");
  }
  id_ = g_nextSessionId.fetch_add(1, std::memory_order_relaxed);
  const EngineTable *engine = &RequireEngine(env);
  RequireEntryPoint(env, engine->SetSessionContext, "JetSetSessionContext", "JetSetSessionContext");
  RequireEntryPoint(env, engine->ResetSessionContext, "JetResetSessionContext", "JetResetSessionContext");
  completions_ = Completions::Of(env);
  core_ = std::make_shared<SessionCore>(sesid, engine, completions_);
  Napi::Uint8Array flag = Napi::Uint8Array::New(env, 1);
  endedFlag_ = flag.Data();
  endedFlagRef_ = Napi::Persistent(flag);
}

PendingCall::PendingCall(NativeSession *owner, std::unique_ptr<SessionCall> work, Napi::Promise::Deferred promise)
    : session(owner), call(std::move(work)), deferred(std::move(promise)) {
  g_livePendingCalls.fetch_add(1, std::memory_order_relaxed);
}

PendingCall::~PendingCall() { g_livePendingCalls.fetch_sub(1, std::memory_order_relaxed); }

std::int64_t PendingCall::Live() { return g_livePendingCalls.load(std::memory_order_relaxed); }

// Outstanding calls hold a reference to this object, so it is destroyed with calls left only
// when its environment is torn down. A plain session's calls then belong to the core, which
// outlives this object; a pool session's calls still waiting for the claim's thread, which
// will not run them now, are dropped here.
NativeSession::~NativeSession() {
  std::lock_guard<std::mutex> lock(poolMutex_);
  for (PendingCall *pending : poolQueue_) delete pending;
  poolQueue_.clear();
}

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

SessionCore::SessionCore(jet::Sesid sesid, const EngineTable *engine, std::shared_ptr<Completions> completions)
    : sesid_(sesid), engine_(engine), completions_(std::move(completions)) {}

void SessionCore::ExecuteHeld(SessionCall &call, CallOutcome &outcome) {
  lastThreadId_.store(CurrentOsThreadId(), std::memory_order_relaxed);
  RunGuarded(call, *engine_, sesid_, outcome);
}

void SessionCore::Execute(SessionCall &call, CallOutcome &outcome) {
  lastThreadId_.store(CurrentOsThreadId(), std::memory_order_relaxed);
  if (!call.UsesContext()) {
    RunGuarded(call, *engine_, sesid_, outcome);
    if (call.EndsSession() && !outcome.Failed()) resources::SessionEnded(sesid_);
    return;
  }
  jet::Err err = engine_->SetSessionContext(sesid_, Context());
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
  throw BindingError(env, "ERR_ESENT_SESSION_ENDED",
                     std::string(what) + ": the session has ended" + (Ended() ? "" : " (end() was called)"));
}

void SessionCore::Enqueue(PendingCall *pending) {
  bool schedule;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(pending);
    schedule = !scheduled_;
    scheduled_ = true;
  }
  if (schedule) EngineThreads::Get().Schedule(shared_from_this());
}

void SessionCore::RunOnEngineThread() {
  // Bounded so that one busy session cannot hold an engine thread while others wait.
  constexpr int kMostCallsPerTurn = 64;
  for (int taken = 0;; ++taken) {
    PendingCall *pending;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (queue_.empty()) {
        scheduled_ = false;
        return;
      }
      if (taken == kMostCallsPerTurn) break;
      pending = queue_.front();
      queue_.pop_front();
    }
    // Once the environment is going away nothing more runs: nobody could learn the result.
    if (completions_->BeginRun()) {
      auto start = std::chrono::steady_clock::now();
      Execute(*pending->call, pending->outcome);
      completions_->RanFor(std::chrono::steady_clock::now() - start);
      completions_->EndRun();
    }
    // Settled in the order pushed, which is this session's call order.
    completions_->Push(pending);
  }
  EngineThreads::Get().Schedule(shared_from_this());
}

void PendingCall::Settle(Napi::Env env) { session->Settle(env, *this); }

Napi::Value NativeSession::Enqueue(Napi::Env env, std::unique_ptr<SessionCall> call) {
  if (ending_ || Ended()) return RejectEnded(env, call->Name());
  auto deferred = Napi::Promise::Deferred::New(env);
  Napi::Promise promise = deferred.Promise();
  auto *pending = new PendingCall(this, std::move(call), std::move(deferred));
  if (outstanding_++ == 0) Ref();  // keep this object alive while calls are outstanding
  completions_->AddOutstanding();
  if (!claim_) {
    core_->Enqueue(pending);
    completions_->PollSoon(GetAddonData(env)->completionPoller);
    return promise;
  }
  {
    std::lock_guard<std::mutex> lock(poolMutex_);
    poolQueue_.push_back(pending);
  }
  if (!poolTripRunning_) StartPoolTrip();
  return promise;
}

void NativeSession::StartPoolTrip() {
  poolTripRunning_ = true;
  claim_->StartTrip(this);
}

bool NativeSession::TakePoolCall(std::vector<PendingCall *> *trip) {
  // Bounded so that one busy run cannot keep its claim thread from settling for long.
  constexpr size_t kMostCallsPerTrip = 64;
  std::lock_guard<std::mutex> lock(poolMutex_);
  if (poolQueue_.empty() || trip->size() >= kMostCallsPerTrip) return false;
  trip->push_back(poolQueue_.front());
  poolQueue_.pop_front();
  return true;
}

void NativeSession::FinishPoolTrip(Napi::Env env, std::vector<PendingCall *> &calls, const Napi::Error *failure) {
  for (PendingCall *pending : calls) {
    if (failure) {
      try {
        pending->deferred.Reject(failure->Value());
      } catch (...) {
        // Fails only while the environment is being torn down.
      }
      CallDone();
    } else {
      Settle(env, *pending);
    }
    delete pending;
  }
  calls.clear();
  poolTripRunning_ = false;
  bool more;
  {
    std::lock_guard<std::mutex> lock(poolMutex_);
    more = !poolQueue_.empty();
  }
  if (more) StartPoolTrip();
}

void NativeSession::Settle(Napi::Env env, PendingCall &pending) {
  if (pending.call->EndsSession()) {
    if (pending.outcome.Failed()) ending_ = false; else MarkEnded();
  }
  SessionCall &call = *pending.call;
  const CallOutcome &outcome = pending.outcome;
  Settled settled = SettleCall(env, pending.deferred, outcome, [&] { return call.Result(env, outcome); });
  // The environment cannot run JavaScript any more: refuse whatever comes later.
  if (settled == Settled::Unreachable) ending_ = true;
  CallDone();
}

void NativeSession::CallDone() {
  completions_->RemoveOutstanding();
  if (--outstanding_ == 0) {
    try {
      Unref();
    } catch (...) {
      // Fails only while the environment is being torn down.
    }
  }
}

Napi::Value NativeSession::RunSync(Napi::Env env, const char *syncName, std::unique_ptr<SessionCall> call) {
  if (ending_ || Ended()) ThrowEnded(env, syncName);
  size_t pending = outstanding_;
  if (pending > 0) {
    throw BindingError(env, "ERR_ESENT_SESSION_BUSY",
                       std::string(syncName) + ": the session has " + std::to_string(pending) +
                           " asynchronous call(s) in flight; await them before calling a synchronous method");
  }
  CallOutcome outcome;
  if (!claim_) {
    core_->Execute(*call, outcome);
  } else if (!claim_->RunNow([&] { core_->ExecuteHeld(*call, outcome); })) {
    ThrowEnded(env, syncName);
  }
  if (outcome.Failed()) ThrowJetError(env, outcome.err, outcome.operation, outcome.detail);
  if (call->EndsSession()) MarkEnded();
  return call->Result(env, outcome);
}

Napi::Value NativeSession::Call(const Napi::CallbackInfo &info) {
  const Method &method = *static_cast<const Method *>(info.Data());
  std::unique_ptr<SessionCall> call;
  try {
    call = method.parse(info, method.name, id_);
  } catch (const Napi::Error &) {
    throw;
  } catch (const std::exception &e) {
    // A C++ exception must not reach N-API: std::bad_alloc for an argument too big to copy.
    throw Napi::RangeError::New(info.Env(), std::string("the arguments cannot be read: ") + e.what());
  }
  if (claim_ && method.parse == session_calls::End) {
    Napi::Error refused = BindingError(info.Env(), "ERR_ESENT_POOL_SESSION",
                                       std::string(method.name) + ": a pool session is ended by closing its pool, not by a run");
    if (method.sync) throw refused;
    auto deferred = Napi::Promise::Deferred::New(info.Env());
    deferred.Reject(refused.Value());
    return deferred.Promise();
  }
  if (method.sync) return RunSync(info.Env(), method.name, std::move(call));
  bool endsSession = call->EndsSession();
  Napi::Value promise = Enqueue(info.Env(), std::move(call));
  if (endsSession) ending_ = true;  // later calls are refused, whatever JetEndSession answers
  return promise;
}

Napi::Value NativeSession::GetHandle(const Napi::CallbackInfo &info) {
  return HandleToBigInt(info.Env(), core_->Sesid());
}

Napi::Value NativeSession::GetContext(const Napi::CallbackInfo &info) {
  return HandleToBigInt(info.Env(), claim_ ? claim_->Context() : core_->Context());
}

Napi::Value NativeSession::GetPending(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(outstanding_));
}

Napi::Value NativeSession::GetEnded(const Napi::CallbackInfo &info) { return Napi::Boolean::New(info.Env(), Ended()); }

Napi::Value NativeSession::GetEndedFlag(const Napi::CallbackInfo &) { return endedFlagRef_.Value(); }

void NativeSession::MarkEnded() { endedFlag_[0] = 1; }

Napi::Value NativeSession::GetLastThreadId(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(core_->LastThreadId()));
}

}  // namespace esent
