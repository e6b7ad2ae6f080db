// Transactions: begin, commit, roll back.
#include "jet_helpers.h"

namespace esent {
namespace raw {
namespace {

Napi::Value JetBeginTransaction(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginTransaction";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  const EngineTable &engine = RequireEngine(env);
  if (args.IsAbsent(1)) return Checked(env, ENTRY(BeginTransaction)(sesid), operation);
  // With flags, the call is JetBeginTransaction2: the plain entry point has no grbit.
  jet::Grbit grbit = args.Grbit(1);
  return Checked(env, RequireEntryPoint(env, engine.BeginTransaction2, operation, "JetBeginTransaction2")(sesid, grbit),
                 operation);
}

Napi::Value JetBeginTransaction2(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginTransaction2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(BeginTransaction2)(sesid, grbit), operation);
}

Napi::Value JetBeginTransaction3(const Napi::CallbackInfo &info) {
  const char *operation = "JetBeginTransaction3";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::int64_t trxid = args.Int64(1, "trxid", 0);
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(BeginTransaction3)(sesid, trxid, grbit), operation);
}

Napi::Value JetCommitTransaction(const Napi::CallbackInfo &info) {
  const char *operation = "JetCommitTransaction";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CommitTransaction)(sesid, grbit), operation);
}

Napi::Value JetCommitTransaction2(const Napi::CallbackInfo &info) {
  const char *operation = "JetCommitTransaction2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  jet::ULong durableWait = args.UInt32(2, "cmsecDurableCommit", 0);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CommitTransaction2)(sesid, grbit, durableWait, nullptr), operation);
}

Napi::Value JetRollback(const Napi::CallbackInfo &info) {
  const char *operation = "JetRollback";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 1, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Grbit grbit = args.Grbit(1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Rollback)(sesid, grbit), operation);
}

}  // namespace

void RegisterTransactions(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetBeginTransaction)
  ESENT_EXPORT_JET(jet, JetBeginTransaction2)
  ESENT_EXPORT_JET(jet, JetBeginTransaction3)
  ESENT_EXPORT_JET(jet, JetCommitTransaction)
  ESENT_EXPORT_JET(jet, JetCommitTransaction2)
  ESENT_EXPORT_JET(jet, JetRollback)
}

}  // namespace raw
}  // namespace esent
