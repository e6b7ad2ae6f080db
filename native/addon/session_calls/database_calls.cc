// Databases: create, attach, open, close, detach.
#include "session_calls.h"

#include <string>
#include <utility>

#include "../arguments.h"

namespace esent {
namespace session_calls {
namespace {

class CreateDatabaseCall : public SessionCall {
 public:
  CreateDatabaseCall(std::u16string path, jet::ULong maxPages, jet::Grbit grbit)
      : path_(std::move(path)), maxPages_(maxPages), grbit_(grbit) {}
  const char *Name() const override { return "JetCreateDatabase2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.CreateDatabase2W, "JetCreateDatabase2W", outcome)) {
      jet::Err err = fn(sesid, AsWide(path_), maxPages_, &dbid_, grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, dbid_); }

 private:
  std::u16string path_;
  jet::ULong maxPages_;
  jet::Grbit grbit_;
  jet::Dbid dbid_ = jet::dbidNil;
};

class AttachDatabaseCall : public SessionCall {
 public:
  AttachDatabaseCall(std::u16string path, jet::ULong maxPages, jet::Grbit grbit, jet::Grbit openGrbit)
      : path_(std::move(path)), maxPages_(maxPages), grbit_(grbit), openGrbit_(openGrbit) {}
  const char *Name() const override { return "JetAttachDatabase2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    auto attach = Available(engine.AttachDatabase2W, "JetAttachDatabase2W", outcome);
    auto open = Available(engine.OpenDatabaseW, "JetOpenDatabaseW", outcome);
    if (!attach || !open) return;
    jet::Err err = attach(sesid, AsWide(path_), maxPages_, grbit_);
    if (!Succeeded(err, "JetAttachDatabase2", outcome)) return;
    err = open(sesid, AsWide(path_), nullptr, &dbid_, openGrbit_);
    if (Succeeded(err, "JetOpenDatabase", outcome)) outcome.err = err;
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, dbid_); }

 private:
  std::u16string path_;
  jet::ULong maxPages_;
  jet::Grbit grbit_;
  jet::Grbit openGrbit_;
  jet::Dbid dbid_ = jet::dbidNil;
};

class OpenDatabaseCall : public SessionCall {
 public:
  OpenDatabaseCall(std::u16string path, jet::Grbit grbit) : path_(std::move(path)), grbit_(grbit) {}
  const char *Name() const override { return "JetOpenDatabase"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.OpenDatabaseW, "JetOpenDatabaseW", outcome)) {
      jet::Err err = fn(sesid, AsWide(path_), nullptr, &dbid_, grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }
  Napi::Value Result(Napi::Env env, const CallOutcome &) override { return Napi::Number::New(env, dbid_); }

 private:
  std::u16string path_;
  jet::Grbit grbit_;
  jet::Dbid dbid_ = jet::dbidNil;
};

class CloseDatabaseCall : public SessionCall {
 public:
  CloseDatabaseCall(jet::Dbid dbid, jet::Grbit grbit) : dbid_(dbid), grbit_(grbit) {}
  const char *Name() const override { return "JetCloseDatabase"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.CloseDatabase, "JetCloseDatabase", outcome)) {
      jet::Err err = fn(sesid, dbid_, grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }

 private:
  jet::Dbid dbid_;
  jet::Grbit grbit_;
};

class DetachDatabaseCall : public SessionCall {
 public:
  DetachDatabaseCall(std::u16string path, bool all, jet::Grbit grbit)
      : path_(std::move(path)), all_(all), grbit_(grbit) {}
  const char *Name() const override { return "JetDetachDatabase2"; }
  void Run(const EngineTable &engine, jet::Sesid sesid, CallOutcome &outcome) override {
    if (auto fn = Available(engine.DetachDatabase2W, "JetDetachDatabase2W", outcome)) {
      jet::Err err = fn(sesid, all_ ? nullptr : AsWide(path_), grbit_);
      if (Succeeded(err, Name(), outcome)) outcome.err = err;
    }
  }

 private:
  std::u16string path_;
  bool all_;
  jet::Grbit grbit_;
};

}  // namespace

std::unique_ptr<SessionCall> CreateDatabase(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 3, 3);
  return std::make_unique<CreateDatabaseCall>(ReadString(args, info[0], "path"), args.UInt32(1, "maxPages"),
                                              args.UInt32(2, "grbit"));
}

std::unique_ptr<SessionCall> AttachDatabase(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 4, 4);
  return std::make_unique<AttachDatabaseCall>(ReadString(args, info[0], "path"), args.UInt32(1, "maxPages"),
                                              args.UInt32(2, "grbit"), args.UInt32(3, "openGrbit"));
}

std::unique_ptr<SessionCall> OpenDatabase(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 2, 2);
  return std::make_unique<OpenDatabaseCall>(ReadString(args, info[0], "path"), args.UInt32(1, "grbit"));
}

std::unique_ptr<SessionCall> CloseDatabase(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 2, 2);
  return std::make_unique<CloseDatabaseCall>(args.UInt32(0, "dbid"), args.UInt32(1, "grbit"));
}

std::unique_ptr<SessionCall> DetachDatabase(const Napi::CallbackInfo &info, const char *method, std::uint64_t) {
  Arguments args(info, method, 2, 2);
  bool all = info[0].IsNull();
  std::u16string path = all ? std::u16string() : ReadString(args, info[0], "path");
  return std::make_unique<DetachDatabaseCall>(std::move(path), all, args.UInt32(1, "grbit"));
}

}  // namespace session_calls
}  // namespace esent
