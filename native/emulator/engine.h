// The process-wide part of the emulator: the handle registries, the run mode (one legacy
// instance or named instances), the global system parameters, and the instance-level API
// (create, init, term, stop service, begin session, system parameters).
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "esent/jet_api.h"
#include "handle_registry.h"
#include "instance.h"
#include "params.h"
#include "session.h"

namespace emu {

enum class RunMode {
  kNotSet,          // no instance exists
  kSingleInstance,  // JetInit with no instance created the legacy single instance
  kMultiInstance,   // instances come from JetCreateInstance
};

class Engine {
 public:
  // Never destroyed: threads may still be inside the API while the process exits.
  static Engine &Get();

  HandleRegistry<Instance> &Instances() { return instances_; }
  HandleRegistry<Session> &Sessions() { return sessions_; }

  // The check ESE makes before any per-instance one: when every instance is terminating,
  // session calls fail at once.
  jet::Err EngineWideEntryError() const;

  jet::Err CreateInstance(const jet::WChar *name, const jet::WChar *displayName, jet::Instance *pinstance);
  jet::Err Init(jet::Instance *pinstance, jet::Grbit grbit);
  jet::Err Term(jet::Instance instance, jet::Grbit grbit);
  jet::Err StopService(jet::Instance instance, jet::Grbit grbit, bool legacy);
  jet::Err BeginSession(jet::Instance instance, jet::Sesid *psesid);
  jet::Err SetSystemParameter(jet::Instance *pinstance, jet::Sesid sesid, jet::ULong paramid, jet::ApiPtr lParam,
                              const jet::WChar *szParam);
  jet::Err GetSystemParameter(jet::Instance instance, jet::Sesid sesid, jet::ULong paramid, jet::ApiPtr *plParam,
                              jet::WChar *szParam, jet::ULong cbMax);

 private:
  Engine();

  // Finds the instance a handle names and locks it. 0 and JET_instanceNil name the legacy
  // single instance if there is one (else JET_errInvalidParameter, as ESE's instance lookup
  // answers); any other value that is not a live instance gives JET_errInvalidInstance.
  jet::Err LockInstance(jet::Instance handle, Instance **instance, std::unique_lock<std::mutex> *lock);
  // Whose parameters a Set/GetSystemParameter call reads or writes: the instance of `sesid`
  // if given, else the one `handle` names, else (null) the global set, or the legacy single
  // instance when it runs. Holds mutex_ and that instance's mutex while alive.
  struct ParamOwner {
    Instance *instance = nullptr;
    std::unique_lock<std::mutex> engineLock;
    std::unique_lock<std::mutex> instanceLock;
  };
  jet::Err LockParamOwner(jet::Instance handle, jet::Sesid sesid, ParamOwner *owner);
  // Under mutex_: a new instance in the current run mode.
  jet::Err CreateInstanceLocked(bool hasName, const std::u16string &name, const std::u16string &displayName,
                                jet::Instance *handle, Instance **created);
  // Under mutex_ and the instance mutex.
  jet::Err PrepareRunningPaths(Instance &instance);
  // Frees an instance object and makes its handle stale.
  void DestroyInstance(Instance *instance);

  HandleRegistry<Instance> instances_{HandleKind::kInstance};
  HandleRegistry<Session> sessions_{HandleKind::kSession};

  std::mutex mutex_;  // run mode, instance list and names, global parameters
  RunMode runMode_ = RunMode::kNotSet;
  ParamSet globalParams_;
  std::vector<Instance *> instanceList_;
  Instance *singleInstance_ = nullptr;

  std::atomic<int> instanceCount_{0};
  std::atomic<int> termsInProgress_{0};
};

}  // namespace emu
