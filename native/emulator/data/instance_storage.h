// What an instance keeps on disk besides its databases' files: its log (when
// JET_paramRecovery is on), the checkpoint, and a background thread that flushes lazy
// commits and writes database images so the checkpoint can advance.
//
// A database attached by a logging instance is marked dirty in its header, bound to the log
// (an Attach record) and from then on changed only through logged commits; its image is
// rewritten in the background whenever the log since the checkpoint has grown by as much as
// the images themselves (or JET_paramCheckpointDepthMax, if larger), and written clean at
// detach and term. Without a log, images are written at detach and term only, and a crash
// leaves the database dirty (JET_errDatabaseDirtyShutdown at the next attach), as in ESE.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "../storage/log_stream.h"
#include "model.h"

namespace emu {

class Instance;

namespace data {

class InstanceStorage {
 public:
  // JetInit: opens the log set and runs soft recovery (recovery.h), then starts logging.
  static jet::Err Start(Instance &instance, jet::Grbit initGrbit, std::unique_ptr<InstanceStorage> *out);
  ~InstanceStorage();

  storage::LogStream *Log() const { return log_.get(); }
  std::uint64_t NewSchemaTransaction() { return nextSchemaTransaction_.fetch_add(1, std::memory_order_relaxed); }

  // A database just opened (file locked, image loaded, header clean) joins the instance:
  // logged, and marked dirty on disk. Read-only databases are neither.
  jet::Err Attach(const DatabasePtr &db);
  // Writes the database clean and lets go of its file. On failure it stays attached.
  jet::Err Detach(const DatabasePtr &db);
  // JetTerm: every database written clean (left dirty with JET_bitTermDirty), the log
  // closed with a clean checkpoint.
  jet::Err Shutdown(bool dirty);

 private:
  InstanceStorage() = default;
  void CheckpointLoop();
  // Writes every changed image and records the checkpoint they allow.
  jet::Err Checkpoint();
  // Writes the database's image if it changed (and clean with `clean`); `*consistentAt` is
  // the log position its file is consistent with afterwards.
  jet::Err WriteImage(const DatabasePtr &db, bool clean, storage::Lsn *consistentAt);
  std::uint64_t CheckpointThreshold();

  std::unique_ptr<storage::LogStream> log_;
  std::uint64_t checkpointDepth_ = 0;
  std::atomic<std::uint64_t> nextSchemaTransaction_{1};

  std::mutex mutex_;  // attached_
  std::vector<DatabasePtr> attached_;

  std::mutex checkpointMutex_;  // one checkpoint at a time; checkpointLsn_
  storage::Lsn checkpointLsn_ = 0;

  std::mutex threadMutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace data
}  // namespace emu
