// The last call of a pool run, queued on its session after every call the run made, so
// that it runs on the claim thread in the same batch as they do:
//   endRun(mode, grbit)  commits or rolls back the run's transaction and releases the claim;
//   handOff()            leaves the transaction waiting under the claim's context for
//                        pool.adopt on any thread, and releases the claim.
#include "run_end_calls.h"

#include "../arguments.h"
#include "../native_session.h"
#include "../session_calls/cursor.h"
#include "claim.h"

namespace esent {
namespace pool {
namespace {

// The open transaction levels; -1 (with `outcome` failed) if the engine cannot say.
std::int32_t TransactionLevel(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) {
  if (auto fn = Available(engine.GetSessionParameter, "JetGetSessionParameter", outcome)) {
    std::int32_t level = 0;
    jet::ULong actual = 0;
    if (Succeeded(fn(sesid, jet::sesparam::TransactionLevel, &level, sizeof level, &actual), "JetGetSessionParameter",
                  outcome)) {
      return level;
    }
  }
  return -1;
}

// The session of the call being parsed, which must be a pool session.
std::shared_ptr<Claim> ClaimOfSession(const Napi::CallbackInfo &info, const char *method) {
  NativeSession *session = NativeSession::Unwrap(info.This().As<Napi::Object>());
  if (!session || !session->PoolClaim()) {
    throw Napi::TypeError::New(info.Env(), std::string(method) + ": not a pool session");
  }
  return session->PoolClaim();
}

class EndRunCall : public SessionCall {
 public:
  EndRunCall(std::shared_ptr<Claim> claim, RunEndMode mode, jet::Grbit commitGrbit)
      : claim_(std::move(claim)), mode_(mode), commitGrbit_(commitGrbit) {}

  const char *Name() const override { return "endRun"; }
  // Success means the run is over and the session no longer usable by it, whatever the
  // commit answered: the answer is the result.
  bool EndsSession() const override { return true; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &) override {
    CallOutcome probe;
    const std::int32_t level = TransactionLevel(engine, sesid, probe);
    if (level < 0) {
      // Without the level nothing can be decided safely: the session is replaced, which
      // rolls back whatever it had open.
      Report(probe.err, probe.operation);
      claim_->SetVerdict(RunVerdict::Discard);
      return;
    }
    bool rolledBack = true;
    if (mode_ == RunEndMode::Commit && level == 1) {
      jet::Err err = engine.CommitTransaction(sesid, commitGrbit_);
      if (err < 0) {
        Report(err, "JetCommitTransaction");
        rolledBack = RollbackAll(engine, sesid);
      }
    } else if (level > 0) {
      // Rollback mode, or levels the run left open: a commit of the outer level would
      // commit theirs too, which the run did not ask for.
      if (mode_ != RunEndMode::Rollback) leftOpen_ = mode_ == RunEndMode::Commit ? level - 1 : level;
      rolledBack = RollbackAll(engine, sesid);
    }
    claim_->SetVerdict(rolledBack ? RunVerdict::Release : RunVerdict::Discard);
  }

  // { errno, operation, leftOpen }: errno 0 unless the commit (or the rollback) failed.
  Napi::Value Result(Napi::Env env, const CallOutcome &) override {
    Napi::Object result = Napi::Object::New(env);
    result.Set("errno", Napi::Number::New(env, err_));
    result.Set("operation", Napi::String::New(env, operation_));
    result.Set("leftOpen", Napi::Number::New(env, leftOpen_));
    return result;
  }

 private:
  void Report(jet::Err err, const char *operation) {
    if (err_ < 0) return;
    err_ = err;
    operation_ = operation;
  }

  bool RollbackAll(const EngineTable &engine, jet::Sesid sesid) {
    jet::Err err = session_calls::EngineRollback(engine, sesid, jet::bit::RollbackAll);
    if (err < 0 && err != jet::err::NotInTransaction) {
      Report(err, "JetRollback");
      return false;
    }
    return true;
  }

  std::shared_ptr<Claim> claim_;
  RunEndMode mode_;
  jet::Grbit commitGrbit_;
  jet::Err err_ = 0;
  const char *operation_ = "";
  std::int32_t leftOpen_ = 0;
};

class HandOffCall : public SessionCall {
 public:
  explicit HandOffCall(std::shared_ptr<Claim> claim) : claim_(std::move(claim)) {}

  const char *Name() const override { return "handOff"; }
  bool EndsSession() const override { return true; }

  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    const std::int32_t level = TransactionLevel(engine, sesid, outcome);
    if (level < 0) return;
    if (level == 0) {
      outcome.Fail(jet::err::NotInTransaction, "handOff", "there is no open transaction to hand off");
      return;
    }
    level_ = level;
    claim_->SetVerdict(RunVerdict::Park);
  }

  // The transaction level handed off.
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, level_); }

 private:
  std::shared_ptr<Claim> claim_;
  std::int32_t level_ = 0;
};

}  // namespace

std::unique_ptr<SessionCall> EndRun(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 2, 2);
  std::uint32_t mode = args.UInt32(0, "mode");
  if (mode > static_cast<std::uint32_t>(RunEndMode::Rollback)) args.ThrowRange("'mode' must be 0, 1 or 2");
  return std::make_unique<EndRunCall>(ClaimOfSession(info, method), static_cast<RunEndMode>(mode), args.Grbit(1));
}

std::unique_ptr<SessionCall> HandOff(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 0, 0);
  return std::make_unique<HandOffCall>(ClaimOfSession(info, method));
}

}  // namespace pool
}  // namespace esent
