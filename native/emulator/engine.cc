#include "engine.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "data/hooks.h"
#include "paths.h"
#include "utf16.h"

namespace emu {
namespace {

bool IsNilInstance(jet::Instance instance) { return instance == 0 || instance == jet::instanceNil; }

bool RecoveryEnabled(const ParamSet &params) {
  const std::u16string &value = params.Text(jet::param::Recovery);
  if (value.size() != 3) return true;
  auto lower = [](char16_t c) { return (c >= u'A' && c <= u'Z') ? char16_t(c - u'A' + u'a') : c; };
  return !(lower(value[0]) == u'o' && lower(value[1]) == u'f' && lower(value[2]) == u'f');
}

const ParamDefinition &DefinitionOf(jet::ULong paramid) {
  const ParamDefinition *definition = FindParamDefinition(paramid);
  return definition != nullptr ? *definition : GenericParamDefinition(paramid);
}

}  // namespace

Engine &Engine::Get() {
  static Engine *const engine = new Engine();
  return *engine;
}

Engine::Engine() = default;

jet::Err Engine::EngineWideEntryError() const {
  const int instances = instanceCount_.load(std::memory_order_acquire);
  if (termsInProgress_.load(std::memory_order_acquire) >= instances) {
    return instances == 0 ? jet::err::NotInitialized : jet::err::TermInProgress;
  }
  return jet::err::Success;
}

jet::Err Engine::LockInstance(jet::Instance handle, Instance **instance, std::unique_lock<std::mutex> *lock) {
  Instance *found = nullptr;
  if (IsNilInstance(handle)) {
    std::lock_guard<std::mutex> engineLock(mutex_);
    if (runMode_ != RunMode::kSingleInstance || singleInstance_ == nullptr) return jet::err::InvalidParameter;
    found = singleInstance_;
    handle = instances_.HandleOf(found);
  } else {
    found = instances_.Find(handle);
    if (found == nullptr) return jet::err::InvalidInstance;
  }
  std::unique_lock<std::mutex> instanceLock(found->Mutex());
  if (!HandleRegistry<Instance>::StillNames(handle, found->Word())) return jet::err::InvalidInstance;
  *instance = found;
  *lock = std::move(instanceLock);
  return jet::err::Success;
}

jet::Err Engine::CreateInstanceLocked(bool hasName, const std::u16string &name, const std::u16string &displayName,
                                      jet::Instance *handle, Instance **created) {
  if (static_cast<jet::ApiPtr>(instanceCount_.load()) >= globalParams_.Number(jet::param::MaxInstances)) {
    return jet::err::TooManyInstances;
  }
  for (Instance *existing : instanceList_) {
    if (existing->HasName() == hasName && (!hasName || existing->Name() == name)) return jet::err::InstanceNameInUse;
  }
  Instance *instance = instances_.Reserve();
  if (instance == nullptr) return jet::err::TooManyInstances;
  try {
    instanceList_.push_back(instance);
    instance->Open(hasName, name, displayName, globalParams_);
  } catch (...) {
    instanceList_.erase(std::remove(instanceList_.begin(), instanceList_.end(), instance), instanceList_.end());
    instances_.Unreserve(instance);
    throw;
  }
  *handle = instances_.Publish(instance);
  *created = instance;
  instanceCount_.fetch_add(1, std::memory_order_acq_rel);
  return jet::err::Success;
}

jet::Err Engine::CreateInstance(const jet::WChar *name, const jet::WChar *displayName, jet::Instance *pinstance) {
  if (pinstance == nullptr) return jet::err::InvalidParameter;
  std::lock_guard<std::mutex> lock(mutex_);
  if (runMode_ == RunMode::kSingleInstance) return jet::err::RunningInOneInstanceMode;
  Instance *created = nullptr;
  jet::Instance handle = 0;
  const jet::Err err =
      CreateInstanceLocked(name != nullptr, FromJetString(name), FromJetString(displayName), &handle, &created);
  if (err < jet::err::Success) return err;
  runMode_ = RunMode::kMultiInstance;
  *pinstance = handle;
  return jet::err::Success;
}

jet::Err Engine::PrepareRunningPaths(Instance &instance) {
  ParamSet &params = instance.Params();
  Instance::RunningPaths running;
  running.system = paths::NormalizeFolder(params.Text(jet::param::SystemPath));
  running.log = paths::NormalizeFolder(params.Text(jet::param::LogFilePath));
  std::u16string temp = params.Text(jet::param::TempPath);
  temp = paths::IsRelative(temp) ? paths::Join(running.system, temp) : paths::NormalizePath(temp);
  if (paths::EndsWithDelimiter(temp)) temp += u"tmp.edb";
  running.temp = temp;
  running.usesTempDatabase = params.Number(jet::param::MaxTemporaryTables) > 0;
  running.usesLog = RecoveryEnabled(params);

  // ESE stores the resolved paths back into the parameters at JetInit.
  params.Mutable(jet::param::SystemPath).text = running.system;
  params.Mutable(jet::param::LogFilePath).text = running.log;
  params.Mutable(jet::param::TempPath).text = running.temp;

  for (Instance *other : instanceList_) {
    if (other == &instance || !other->Initialized()) continue;
    const Instance::RunningPaths &theirs = other->Paths();
    if (theirs.usesTempDatabase && running.usesTempDatabase && paths::SamePath(theirs.temp, running.temp)) {
      return jet::err::TempPathInUse;
    }
    if (theirs.usesLog && running.usesLog) {
      if (paths::SamePath(theirs.system, running.system)) return jet::err::SystemPathInUse;
      if (paths::SamePath(theirs.log, running.log)) return jet::err::LogFilePathInUse;
    }
  }

  std::vector<std::u16string> folders{running.system};
  if (running.usesLog) folders.push_back(running.log);
  if (running.usesTempDatabase) folders.push_back(paths::FolderOf(running.temp));
  const bool create = params.Number(jet::param::CreatePathIfNotExist) != 0;
  for (const std::u16string &folder : folders) {
    if (create ? !paths::CreateFolders(folder) : !paths::FolderExists(folder)) return jet::err::InvalidPath;
  }

  instance.Paths() = running;
  return jet::err::Success;
}

jet::Err Engine::Init(jet::Instance *pinstance, jet::Grbit grbit) {
  // ESE's JetInit does not validate the handle it is given (jetapi.cxx JetInitEx): in
  // multi-instance mode it looks the handle up among the live instances (an unknown one is
  // JET_errInvalidParameter); without JetCreateInstance it is the legacy single instance, and
  // whatever handle is passed is ignored, "since the given one may be bogus". In
  // multi-instance mode a null pointer is JET_errRunningInMultiInstanceMode, and a pointer to
  // a nil handle makes a new unnamed instance (ErrNewInst, with the global parameters), starts
  // it and writes its handle back.
  jet::Instance handle = pinstance != nullptr ? *pinstance : 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (runMode_ == RunMode::kMultiInstance) {
      if (pinstance == nullptr) return jet::err::RunningInMultiInstanceMode;
      if (IsNilInstance(handle)) {
        Instance *created = nullptr;
        const jet::Err err = CreateInstanceLocked(false, std::u16string(), std::u16string(), &handle, &created);
        if (err < jet::err::Success) return err;
      } else if (instances_.Find(handle) == nullptr) {
        return jet::err::InvalidParameter;
      }
    } else if (singleInstance_ == nullptr) {
      Instance *created = nullptr;
      const jet::Err err = CreateInstanceLocked(false, std::u16string(), std::u16string(), &handle, &created);
      if (err < jet::err::Success) return err;
      runMode_ = RunMode::kSingleInstance;
      singleInstance_ = created;
    } else {
      handle = instances_.HandleOf(singleInstance_);
    }
  }

  jet::Err err;
  Instance *instance = nullptr;
  {
    std::lock_guard<std::mutex> engineLock(mutex_);
    std::unique_lock<std::mutex> instanceLock;
    Instance *found = instances_.Find(handle);
    if (found == nullptr) return jet::err::InvalidInstance;
    instanceLock = std::unique_lock<std::mutex>(found->Mutex());
    if (!HandleRegistry<Instance>::StillNames(handle, found->Word())) return jet::err::InvalidInstance;
    instance = found;
    if (instance->Initialized()) return jet::err::AlreadyInitialized;
    if (instance->Terminating()) return jet::err::TermInProgress;
    err = PrepareRunningPaths(*instance);
    if (err >= jet::err::Success) err = data::OnInstanceInit(*instance, grbit);  // data layer: recovery, log
    if (err >= jet::err::Success) instance->SetInitialized(true);
  }
  if (err < jet::err::Success) {
    // A failed JetInit frees the instance, whether it made it or JetCreateInstance did, and
    // writes a nil handle back (jetapi.cxx JetInitEx, TermAlloc).
    DestroyInstance(instance);
    if (pinstance != nullptr) *pinstance = 0;
    return err;
  }
  if (pinstance != nullptr) *pinstance = handle;
  return jet::err::Success;
}

jet::Err Engine::Term(jet::Instance handle, jet::Grbit grbit) {
  // ESE's term modes (tm.cxx ErrIsamTerm): clean-up (0, JET_bitTermComplete), no-clean-up
  // (JET_bitTermAbrupt) and error (JET_bitTermDirty). Only the error mode goes past open
  // transactions (sysinit.cxx INST::ErrINSTTerm's TrxOldest check); it ends with
  // JET_errDirtyShutdown. An instance taken offline always ends in the error mode, and with
  // success unless JET_bitTermDirty asked for it.
  const bool dirty = (grbit & jet::bit::TermDirty) != 0;
  bool errorMode = dirty;
  Instance *instance = nullptr;
  std::vector<std::pair<Session *, std::uint32_t>> draining;
  {
    std::unique_lock<std::mutex> lock;
    const jet::Err err = LockInstance(handle, &instance, &lock);
    if (err < jet::err::Success) return err;
    if (instance->Terminating()) return jet::err::TermInProgress;
    if (!instance->Initialized()) {
      // Created but never initialised: freeing it is all there is to do.
      lock.unlock();
      DestroyInstance(instance);
      return jet::err::Success;
    }
    if (instance->Unavailable()) errorMode = true;
    instance->SetTerminating(true);
    termsInProgress_.fetch_add(1, std::memory_order_acq_rel);
    for (Session *session : instance->Sessions()) {
      draining.emplace_back(session, PooledObject::GenerationOf(session->Word()));
    }
  }

  // New calls now fail with JET_errTermInProgress; wait for the ones already inside.
  for (const auto &entry : draining) {
    for (;;) {
      const std::uint64_t word = entry.first->Word();
      if (PooledObject::CallsOf(word) == 0 || PooledObject::GenerationOf(word) != entry.second) break;
      std::this_thread::yield();
    }
  }

  {
    std::lock_guard<std::mutex> lock(instance->Mutex());
    std::vector<Session *> &sessions = instance->Sessions();
    if (!errorMode) {
      for (Session *session : sessions) {
        if (session->Transactions().InTransaction()) {
          instance->SetTerminating(false);
          termsInProgress_.fetch_sub(1, std::memory_order_acq_rel);
          return jet::err::TooManyActiveUsers;
        }
      }
    }
    for (Session *session : sessions) {
      session->Transactions().RollbackAll();
      data::OnSessionEnd(*session);  // data layer: closes its cursors and databases
      sessions_.Retire(session, 0);
    }
    sessions.clear();
    instance->SetInitialized(false);
  }
  // Data layer: writes and detaches the instance's databases, closes its log.
  const jet::Err termErr = data::OnInstanceTerm(*instance, errorMode);
  // This term leaves the count before its instance does: the other way round, for a moment
  // every remaining instance looks to be terminating (EngineWideEntryError reads both counts)
  // and a call on another, running instance fails with JET_errTermInProgress.
  termsInProgress_.fetch_sub(1, std::memory_order_acq_rel);
  DestroyInstance(instance);
  if (termErr < jet::err::Success) return termErr;
  return dirty ? jet::err::DirtyShutdown : jet::err::Success;
}

void Engine::DestroyInstance(Instance *instance) {
  std::lock_guard<std::mutex> engineLock(mutex_);
  std::lock_guard<std::mutex> instanceLock(instance->Mutex());
  instanceList_.erase(std::remove(instanceList_.begin(), instanceList_.end(), instance), instanceList_.end());
  if (singleInstance_ == instance) singleInstance_ = nullptr;
  instances_.Retire(instance, 0);
  if (instanceCount_.fetch_sub(1, std::memory_order_acq_rel) == 1) runMode_ = RunMode::kNotSet;
}

jet::Err Engine::StopService(jet::Instance handle, jet::Grbit grbit, bool legacy) {
  Instance *instance = nullptr;
  std::unique_lock<std::mutex> lock;
  const jet::Err err = LockInstance(handle, &instance, &lock);
  if (err < jet::err::Success) return err;
  if (legacy) {
    instance->StopServiceLegacy();
    return jet::err::Success;
  }
  return instance->StopService(grbit);
}

jet::Err Engine::BeginSession(jet::Instance handle, jet::Sesid *psesid) {
  Instance *instance = nullptr;
  std::unique_lock<std::mutex> lock;
  jet::Err err = LockInstance(handle, &instance, &lock);
  if (err < jet::err::Success) return err;
  if ((err = instance->RunningInstanceError()) < jet::err::Success) return err;
  if (psesid == nullptr) return jet::err::InvalidParameter;
  return instance->OpenSession(psesid);
}

jet::Err Engine::LockParamOwner(jet::Instance handle, jet::Sesid sesid, ParamOwner *owner) {
  // ESE reads the handles it is given only in multi-instance mode (jetapi.cxx
  // JetSetSystemParameterEx, JetGetSystemParameterEx). With no instance left (a failed JetInit
  // or the last JetTerm ends multi-instance mode) the parameter is the global one, and in the
  // legacy single-instance mode it is that instance's, whatever instance or session is passed,
  // a stale one included.
  owner->engineLock = std::unique_lock<std::mutex>(mutex_);
  Instance *instance = nullptr;
  if (runMode_ == RunMode::kMultiInstance) {
    if (sesid != 0 && sesid != jet::sesidNil) {
      Session *session = sessions_.Find(sesid);
      if (session == nullptr) return jet::err::InvalidSesid;
      instance = session->GetInstance();
      handle = instances_.HandleOf(instance);
    } else if (!IsNilInstance(handle)) {
      instance = instances_.Find(handle);
      if (instance == nullptr) return jet::err::InvalidInstance;
    }
  } else if (runMode_ == RunMode::kSingleInstance && singleInstance_ != nullptr) {
    instance = singleInstance_;
    handle = instances_.HandleOf(instance);
  }
  if (instance != nullptr) {
    owner->instanceLock = std::unique_lock<std::mutex>(instance->Mutex());
    if (!HandleRegistry<Instance>::StillNames(handle, instance->Word())) return jet::err::InvalidInstance;
  }
  owner->instance = instance;
  return jet::err::Success;
}

jet::Err Engine::SetSystemParameter(jet::Instance *pinstance, jet::Sesid sesid, jet::ULong paramid,
                                    jet::ApiPtr lParam, const jet::WChar *szParam) {
  if (paramid >= kParamIdLimit) return jet::err::InvalidParameter;
  const ParamDefinition &definition = DefinitionOf(paramid);

  ParamOwner owner;
  const jet::Err ownerErr = LockParamOwner(pinstance != nullptr ? *pinstance : 0, sesid, &owner);
  if (ownerErr < jet::err::Success) return ownerErr;
  Instance *const instance = owner.instance;

  const bool global = definition.scope == ParamScope::kGlobal || instance == nullptr;
  ParamSet &target = global ? globalParams_ : instance->Params();
  const ParamSet::Value &current = target.Get(paramid);
  if (!IsTextParam(definition) && lParam == current.number) return jet::err::Success;
  if (definition.fixedAfterGlobalInit && runMode_ != RunMode::kNotSet) return jet::err::AlreadyInitialized;
  if (definition.fixedAfterInstanceInit && instance != nullptr && instance->Initialized()) {
    return jet::err::AlreadyInitialized;
  }
  ParamSet::Value value = current;
  const jet::Err err = PrepareParamValue(definition, lParam, szParam, &value);
  if (err < jet::err::Success) return err;
  target.Mutable(paramid) = std::move(value);
  if (instance != nullptr && instance == singleInstance_ && !global) globalParams_.Mutable(paramid) = target.Get(paramid);
  return jet::err::Success;
}

jet::Err Engine::GetSystemParameter(jet::Instance handle, jet::Sesid sesid, jet::ULong paramid,
                                    jet::ApiPtr *plParam, jet::WChar *szParam, jet::ULong cbMax) {
  if (paramid >= kParamIdLimit) return jet::err::InvalidParameter;
  const ParamDefinition &definition = DefinitionOf(paramid);

  ParamOwner owner;
  const jet::Err ownerErr = LockParamOwner(handle, sesid, &owner);
  if (ownerErr < jet::err::Success) return ownerErr;
  Instance *const instance = owner.instance;

  const bool global = definition.scope == ParamScope::kGlobal || instance == nullptr;
  const ParamSet::Value &value = (global ? globalParams_ : instance->Params()).Get(paramid);
  if (IsTextParam(definition)) {
    if (szParam == nullptr || cbMax < 1) return jet::err::InvalidParameter;
    return CopyToJetBuffer(value.text, szParam, cbMax) ? jet::err::Success : jet::err::BufferTooSmall;
  }
  if (plParam == nullptr) return jet::err::InvalidParameter;
  *plParam = ReportedParamNumber(paramid, value.number);
  if (szParam != nullptr && cbMax >= sizeof(jet::WChar)) CopyToJetBuffer(value.text, szParam, cbMax);
  return jet::err::Success;
}

}  // namespace emu
