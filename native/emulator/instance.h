// An instance (JET_INSTANCE): its name, its parameters, its state flags and its sessions.
//
// State that session calls read on every call (initialised, terminating, service stopped,
// fatal error) is atomic; everything else is guarded by the instance mutex. When the engine
// mutex is needed too it is always taken first.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "esent/jet_api.h"
#include "handle_registry.h"
#include "params.h"

namespace emu {

class Session;
namespace data {
class InstanceStorage;
}

class Instance : public PooledObject {
 public:
  // Prepares a recycled slot for a new instance (before it is published).
  void Open(bool hasName, const std::u16string &name, const std::u16string &displayName, const ParamSet &defaults);

  std::mutex &Mutex() { return mutex_; }

  bool HasName() const { return hasName_; }
  const std::u16string &Name() const { return name_; }
  ParamSet &Params() { return params_; }
  const ParamSet &Params() const { return params_; }

  bool Initialized() const { return initialized_.load(std::memory_order_acquire); }
  void SetInitialized(bool value) { initialized_.store(value, std::memory_order_release); }
  bool Terminating() const { return terminating_.load(std::memory_order_seq_cst); }
  void SetTerminating(bool value) { terminating_.store(value, std::memory_order_seq_cst); }

  // Why a call on one of this instance's sessions is refused before it enters the session, in
  // ESE's order: service stopped, fatal error, termination in progress.
  jet::Err SessionEntryError(bool serviceStopAllowed) const;
  // Why an instance-level call that needs a running instance (JetBeginSession) is refused.
  jet::Err RunningInstanceError() const;
  // Takes the instance offline after a failure it cannot undo (daedef.hxx
  // INST::SetInstanceUnavailable): every call on its sessions, and JetBeginSession, then gets
  // JET_errInstanceUnavailable, and JetTerm ends it as JET_bitTermDirty does.
  void SetUnavailable() {
    jet::Err expected = jet::err::Success;
    unavailableError_.compare_exchange_strong(expected, jet::err::InstanceUnavailable, std::memory_order_acq_rel);
  }
  bool Unavailable() const { return unavailableError_.load(std::memory_order_acquire) != jet::err::Success; }

  // Snapshot clock: a transaction reads as of CurrentTimestamp() at its outermost begin, and
  // every outermost commit that changed something advances it. Transactions that changed
  // nothing leave it alone, so that they never contend on it.
  std::uint64_t CurrentTimestamp() const { return clock_.load(std::memory_order_acquire); }
  std::uint64_t AdvanceTimestamp() { return clock_.fetch_add(1, std::memory_order_acq_rel) + 1; }

  jet::Grbit DefaultCommitGrbit() const { return 0; }

  // Under the instance mutex.
  jet::Err OpenSession(jet::Sesid *psesid);
  std::vector<Session *> &Sessions() { return sessions_; }
  // Frees a session whose caller is inside its one call on it (JetEndSession).
  void CloseSession(Session *session);

  // JetStopServiceInstance2 / JetStopServiceInstance, under the instance mutex.
  jet::Err StopService(jet::Grbit grbit);
  void StopServiceLegacy() { serviceStopped_.store(true, std::memory_order_release); }

  // Resolved at JetInit and compared with other running instances (engine mutex).
  struct RunningPaths {
    std::u16string system, log, temp;
    bool usesTempDatabase = false;
    bool usesLog = false;
  };
  RunningPaths &Paths() { return paths_; }

  // The data layer's log and checkpoints (data/instance_storage.h): set at JetInit before the
  // instance is initialised, cleared at JetTerm after every session has ended.
  data::InstanceStorage *Storage() const { return storage_.load(std::memory_order_acquire); }
  void SetStorage(data::InstanceStorage *storage) { storage_.store(storage, std::memory_order_release); }

 private:
  std::mutex mutex_;
  bool hasName_ = false;
  std::u16string name_;
  std::u16string displayName_;
  ParamSet params_;
  RunningPaths paths_;
  std::vector<Session *> sessions_;
  jet::Grbit stoppedGrbits_ = 0;

  std::atomic<bool> initialized_{false};
  std::atomic<bool> terminating_{false};
  std::atomic<bool> serviceStopped_{false};
  std::atomic<jet::Err> unavailableError_{jet::err::Success};
  std::atomic<data::InstanceStorage *> storage_{nullptr};
  // On a cache line of its own: commits write it, every session call reads the flags above.
  alignas(64) std::atomic<std::uint64_t> clock_{0};
};

}  // namespace emu
