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
#include "pool/claim.h"
#include "pool/run_end_calls.h"
#include "session_calls/session_calls.h"
#include "settle.h"

namespace esent {
namespace {

std::atomic<std::uint64_t> g_nextSessionId{1};

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
  properties.push_back(InstanceAccessor<&NativeSession::GetLastThreadId>("lastThreadId"));
  Napi::Function constructor = DefineClass(env, "NativeSession", properties);
  GetAddonData(env)->sessionConstructor = Napi::Persistent(constructor);
  exports.Set("NativeSession", constructor);
}

NativeSession::NativeSession(const Napi::CallbackInfo &info) : Napi::ObjectWrap<NativeSession>(info) {
  Napi::Env env = info.Env();
  Arguments args(info, "NativeSession", 1, 2);
  sesid_ = args.Handle(0, "sesid");
  id_ = g_nextSessionId.fetch_add(1, std::memory_order_relaxed);
  context_ = reinterpret_cast<jet::ApiPtr>(this);
  engine_ = &RequireEngine(env);
  if (!args.IsAbsent(1)) {
    claim_ = pool::ClaimOf(env, info[1]);
    if (!claim_->Held() || claim_->Sesid() != sesid_) args.ThrowType("'claim' must be a held claim of this session");
    context_ = claim_->Context();
  }
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
  // A pool session runs on the thread holding its claim, with the context already set.
  if (!call.UsesContext() || claim_) {
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
  throw BindingError(env, "ERR_ESENT_SESSION_ENDED",
                     std::string(what) + ": the session has ended" + (ended_ ? "" : " (end() was called)"));
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
  if (claim_) {
    claim_->StartTrip(this);
    return;
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
  if (pending.call->EndsSession()) {
    if (pending.outcome.Failed()) ending_ = false; else ended_ = true;
  }
  SessionCall &call = *pending.call;
  const CallOutcome &outcome = pending.outcome;
  return SettleCall(env, pending.deferred, outcome, [&] { return call.Result(env, outcome); }) != Settled::Unreachable;
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
    canContinue = RejectCall(pending.deferred, *failure);
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
    throw BindingError(env, "ERR_ESENT_SESSION_BUSY",
                       std::string(syncName) + ": the session has " + std::to_string(pending) +
                           " asynchronous call(s) in flight; await them before calling a synchronous method");
  }
  CallOutcome outcome;
  if (!claim_) {
    Execute(*call, outcome);
  } else if (!claim_->RunNow([&] { Execute(*call, outcome); })) {
    ThrowEnded(env, syncName);
  }
  if (outcome.Failed()) ThrowJetError(env, outcome.err, outcome.operation, outcome.detail);
  if (call->EndsSession()) ended_ = true;
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
