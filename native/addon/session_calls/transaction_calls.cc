// The session's own calls: transactions, the transaction level, and ending the session.
#include "session_calls.h"

#include "../arguments.h"
#include "cursor.h"

namespace esent {
namespace session_calls {
namespace {

using GrbitEntryPoint = jet::PfnCommitTransaction EngineTable::*;

// A Jet function of (sesid, grbit) that answers with its JET_ERR alone.
class GrbitCall : public SessionCall {
 public:
  GrbitCall(GrbitEntryPoint entry, const char *name, jet::Grbit grbit) : entry_(entry), name_(name), grbit_(grbit) {}
  const char *Name() const override { return name_; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.*entry_, name_, outcome)) {
      jet::Err err = fn(sesid, grbit_);
      if (entry_ == &EngineTable::Rollback) NoteRollback();
      if (err < 0) outcome.Fail(err, Name()); else outcome.err = err;
    }
  }

 private:
  GrbitEntryPoint entry_;
  const char *name_;
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

class EndCall : public GrbitCall {
 public:
  explicit EndCall(jet::Grbit grbit) : GrbitCall(&EngineTable::EndSession, "JetEndSession", grbit) {}
  // JetEndSession refuses a session whose context is set, even by the calling thread.
  bool UsesContext() const override { return false; }
  bool EndsSession() const override { return true; }
};

}  // namespace

std::unique_ptr<SessionCall> BeginTransaction(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 0, 1);
  return std::make_unique<GrbitCall>(&EngineTable::BeginTransaction2, "JetBeginTransaction2", args.Grbit(0));
}

std::unique_ptr<SessionCall> Commit(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 0, 1);
  return std::make_unique<GrbitCall>(&EngineTable::CommitTransaction, "JetCommitTransaction", args.Grbit(0));
}

std::unique_ptr<SessionCall> Rollback(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 0, 1);
  return std::make_unique<GrbitCall>(&EngineTable::Rollback, "JetRollback", args.Grbit(0));
}

std::unique_ptr<SessionCall> TransactionLevel(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 0, 0);
  return std::make_unique<TransactionLevelCall>();
}

std::unique_ptr<SessionCall> End(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 0, 1);
  return std::make_unique<EndCall>(args.Grbit(0));
}

}  // namespace session_calls
}  // namespace esent
