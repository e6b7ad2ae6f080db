#include "claim.h"

#include <condition_variable>
#include <utility>

#include "../jet_error.h"
#include "../session_calls/cursor.h"
#include "claim_thread.h"
#include "claim_trip.h"
#include "pool_env.h"

namespace esent {
namespace pool {

Claim::Claim(std::shared_ptr<PoolCore> pool, std::shared_ptr<PoolEnv> env, const ClaimRequest &request,
             Napi::Promise::Deferred ready)
    : pool_(std::move(pool)),
      env_(std::move(env)),
      request_(request),
      context_(request.adopt ? request.adoptContext : NewClaimContext()),
      ticket_(NewClaimTicket()),
      ready_(std::move(ready)) {}

void Claim::Start() {
  std::shared_ptr<Claim> self = shared_from_this();
  env_->Hold();  // until `ready` settles
  env_->Track(self);
  if (!request_.adopt) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      state_ = State::Waiting;
    }
    if (pool_->EnqueueBehindOthers(self)) return;
    if (pool_->StartAttempt()) {
      countsAsAttempt_ = true;
    } else if (pool_->EnqueueAnyway(self)) {
      return;
    }
    // Otherwise the pool is closed, which the attempt reports.
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = State::Trying;
  }
  ClaimThread *thread = ClaimThread::Acquire();
  thread->Post([self, thread] {
    Result result = self->TryHere(thread);
    if (result.tried != Tried::Held) Serve(thread, std::move(result.next));
  });
}

void Claim::WakeLine(const std::shared_ptr<PoolCore> &pool) {
  ClaimThread *thread = ClaimThread::Acquire();
  thread->Post([pool, thread] { Serve(thread, pool->Wake()); });
}

void Claim::Serve(ClaimThread *thread, Woken next) {
  while (next.claim) {
    std::shared_ptr<Claim> claim = std::move(next.claim);
    if (next.attempt == Attempt::Claimed) {
      Result result = claim->Claimed(thread, next.index);
      if (result.tried == Tried::Held) return;  // the thread holds it until it is released
      next = std::move(result.next);
    } else {
      claim->Fail(next.attempt, next.failure);
      // A session may still be free for the next in line (not when the pool is closed: its
      // line is refused as a whole).
      next = next.attempt == Attempt::Failed ? claim->pool_->Wake() : Woken();
    }
  }
  thread->Retire();
}

Claim::Result Claim::TryHere(ClaimThread *thread) {
  // The place this attempt holds among the pool's attempts is given back here, once the
  // attempt ends. It is taken off the claim first: once in line, the claim is another
  // thread's to serve, so nothing of it may be settled after it could be published there.
  const bool counted = std::exchange(countsAsAttempt_, false);
  bool withdrawn;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    withdrawn = withdrawn_;
    // It may join the line in the attempt, and is only ever published there as Waiting. If
    // it is withdrawn while not in line, the attempt's outcome (held, or failed) sees it.
    if (!withdrawn && !request_.adopt) state_ = State::Waiting;
  }
  // Claims that found the pool's attempts all taken joined the line without trying
  // (EnqueueAnyway), counting on those attempts: an attempt that ends holding no session and
  // out of the line wakes the line, or nothing would while every session stays free.
  const auto wakeIfCounted = [&]() { return counted ? pool_->Wake() : Woken(); };
  if (withdrawn) {
    if (counted) pool_->EndAttempt();
    Fail(Attempt::Withdrawn, CallOutcome());
    return {Tried::Over, wakeIfCounted()};
  }
  CallOutcome failure;
  std::size_t index = request_.adoptIndex;
  Attempt attempt;
  if (request_.adopt) {
    attempt = pool_->Adopt(index, context_, failure);
  } else {
    attempt = pool_->TryOrWait(shared_from_this(), &index, failure);
    if (counted) pool_->EndAttempt();
    if (attempt == Attempt::Busy) return {Tried::Waiting, Woken()};
  }
  if (attempt == Attempt::Claimed) return Claimed(thread, index);
  Fail(attempt, failure);
  return {Tried::Over, wakeIfCounted()};
}

Claim::Result Claim::Claimed(ClaimThread *thread, std::size_t index) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    thread_ = thread;
    index_ = index;
    // Stable while the claim is held: only the holder replaces a session.
    sesid_ = pool_->Session(index);
  }
  const EngineTable &engine = pool_->Engine();
  if (request_.begin) {
    jet::Err err = 0;
    if (!WithSession([&](jet::Sesid sesid) { err = engine.BeginTransaction2(sesid, request_.beginGrbit); })) {
      Fail(Attempt::Closed, CallOutcome());  // the instance was terminated just now
      return {Tried::Over, Woken()};
    }
    if (err < 0) {
      Woken next = pool_->Release(index);
      CallOutcome failure;
      failure.Fail(err, "JetBeginTransaction2");
      Fail(Attempt::Failed, failure);
      return {Tried::Over, std::move(next)};
    }
  }
  bool withdrawn;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    withdrawn = withdrawn_;
    if (!withdrawn) state_ = State::Held;
  }
  std::shared_ptr<Claim> self = shared_from_this();
  if (!withdrawn && env_->Post([self](Napi::Env) { self->ResolveReady(); })) return {Tried::Held, Woken()};

  // Nobody is left to use the claim (given up, or its environment is going away): undo what
  // the claim itself did and release the session.
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = State::Over;
  }
  if (request_.begin || request_.adopt) {
    WithSession([&](jet::Sesid sesid) { session_calls::EngineRollback(engine, sesid, jet::bit::RollbackAll); });
  }
  Woken next = pool_->Release(index);
  Fail(Attempt::Withdrawn, CallOutcome());
  return {Tried::Over, std::move(next)};
}

void Claim::ResolveReady() {
  ready_.Resolve(ready_.Env().Undefined());
  env_->Drop();
}

void Claim::Fail(Attempt attempt, const CallOutcome &failure) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = State::Over;
  }
  std::shared_ptr<Claim> self = shared_from_this();
  env_->Post([self, attempt, failure](Napi::Env env) {
    Napi::Value error;
    switch (attempt) {
      case Attempt::Closed:
        error = BindingError(env, "ERR_ESENT_POOL_CLOSED", "the session pool is closed").Value();
        break;
      case Attempt::Stale:
        error = BindingError(env, "ERR_ESENT_HANDOFF_STALE",
                             "no handed-off transaction waits under this token: it was adopted already, or "
                             "rolled back when its pool closed")
                    .Value();
        break;
      case Attempt::Withdrawn:
        error = BindingError(env, "ERR_ESENT_CLAIM_WITHDRAWN", "the claim was given up before it was held").Value();
        break;
      default:
        error = MakeJetError(env, failure.err, failure.operation, failure.detail);
        break;
    }
    self->ready_.Reject(error);
    self->env_->Drop();
  });
}

void Claim::RefuseClosed() { Fail(Attempt::Closed, CallOutcome()); }

bool Claim::Withdraw(Napi::Value reason) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == State::Held) return false;
    withdrawn_ = true;
    if (state_ == State::Over) return true;
    if (state_ != State::Waiting || !pool_->Withdraw(this)) return true;  // its attempt will refuse it
    state_ = State::Over;
  }
  ready_.Reject(reason);
  env_->Drop();
  return true;
}

bool Claim::Held() {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_ == State::Held;
}

void Claim::StartTrip(NativeSession *session) {
  ClaimThread *thread = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == State::Held) thread = thread_;
  }
  env_->Hold();  // until the batch is settled
  std::shared_ptr<Claim> self = shared_from_this();
  if (!thread) {
    FailCalls(session, "ERR_ESENT_SESSION_ENDED", "the pool run that held this session has ended");
    return;
  }
  thread->Post([self, session] { self->RunTrip(session); });
}

void Claim::RunTrip(NativeSession *session) {
  // The environment is going away: its calls are dropped, and its claims discarded.
  if (!env_->BeginWork()) return;
  std::shared_ptr<Claim> self = shared_from_this();
  if (!Held()) {
    FailCalls(session, "ERR_ESENT_SESSION_ENDED", "the pool run that held this session has ended");
    env_->EndWork();
    return;
  }
  auto trip = std::make_shared<ClaimTrip>(session);
  verdict_ = RunVerdict::Continue;
  if (!WithSession([&](jet::Sesid) { trip->Run(); })) {
    // The instance was terminated under the claim: nothing of it can run any more.
    {
      std::lock_guard<std::mutex> lock(mutex_);
      state_ = State::Over;
    }
    FailCalls(session, "ERR_ESENT_POOL_CLOSED", "the instance of this pool session was terminated");
    env_->EndWork();
    Serve(thread_, Woken());
    return;
  }
  const RunVerdict verdict = verdict_;
  Woken next;
  switch (verdict) {
    case RunVerdict::Continue:
      break;
    case RunVerdict::Release:
      next = pool_->Release(index_);
      break;
    case RunVerdict::Park:
      pool_->Park(index_, context_);
      break;
    case RunVerdict::Discard:
      next = pool_->Discard(index_);
      break;
  }
  if (verdict != RunVerdict::Continue) {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = State::Over;
  }
  // Settled after the release, so that a run's promise never resolves before its session
  // is free again.
  env_->Post([self, trip](Napi::Env env) {
    trip->Finish(env);
    self->env_->Drop();
  });
  env_->EndWork();
  if (verdict != RunVerdict::Continue) Serve(thread_, std::move(next));
}

bool Claim::RunNow(const std::function<void()> &work) {
  ClaimThread *thread = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ != State::Held) return false;
    thread = thread_;
  }
  std::mutex doneMutex;
  std::condition_variable doneSignal;
  bool done = false;
  bool ran = false;
  thread->Post([&] {
    bool live = WithSession([&](jet::Sesid) { work(); });
    std::lock_guard<std::mutex> lock(doneMutex);
    ran = live;
    done = true;
    doneSignal.notify_one();
  });
  std::unique_lock<std::mutex> lock(doneMutex);
  doneSignal.wait(lock, [&] { return done; });
  return ran;
}

void Claim::FailCalls(NativeSession *session, const char *code, const char *message) {
  std::shared_ptr<Claim> self = shared_from_this();
  env_->Post([self, session, code, message](Napi::Env env) {
    ClaimTrip::FailWaiting(env, session, code, message);
    self->env_->Drop();
  });
}

void Claim::DiscardHere(ClaimThread *thread, bool forGoneEnvironment) {
  bool held;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    held = state_ == State::Held;
    if (held) state_ = State::Over;
  }
  Woken next = held ? pool_->Discard(index_) : Woken();
  if (forGoneEnvironment) env_->DiscardDone();
  if (held) Serve(thread, std::move(next));
}

void Claim::Abandon() {
  std::shared_ptr<Claim> self = shared_from_this();
  std::lock_guard<std::mutex> lock(mutex_);
  withdrawn_ = true;
  if (state_ == State::Waiting && pool_->Withdraw(this)) {
    state_ = State::Over;
    env_->Drop();
  } else if (state_ == State::Held) {
    ClaimThread *thread = thread_;
    thread->Post([self, thread] { self->DiscardHere(thread, false); });
  }
}

void Claim::OnEnvironmentGone() {
  std::shared_ptr<Claim> self = shared_from_this();
  std::lock_guard<std::mutex> lock(mutex_);
  withdrawn_ = true;
  if (state_ == State::Waiting && pool_->Withdraw(this)) {
    state_ = State::Over;
  } else if (state_ == State::Held) {
    // After any batch already posted to the thread, which sees the environment going and
    // does nothing.
    ClaimThread *thread = thread_;
    env_->DiscardStarted();
    thread->Post([self, thread] { self->DiscardHere(thread, true); });
  }
}

}  // namespace pool
}  // namespace esent
