#include "instance_storage.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "../instance.h"
#include "codec.h"
#include "file_image.h"
#include "recovery.h"
#include "redo.h"

namespace emu {
namespace data {
namespace {

// How often the background thread looks at the log: lazy commits are flushed within this.
constexpr std::chrono::milliseconds kTick(100);
// What WriteImage reports for a database detached meanwhile.
constexpr storage::Lsn kDetached = std::numeric_limits<storage::Lsn>::max();

}  // namespace

jet::Err InstanceStorage::Start(Instance &instance, jet::Grbit initGrbit, std::unique_ptr<InstanceStorage> *out) {
  std::unique_ptr<InstanceStorage> storage(new InstanceStorage());
  const Instance::RunningPaths &paths = instance.Paths();
  const ParamSet &params = instance.Params();
  if (paths.usesLog) {
    storage::LogSettings settings{
        storage::LogNames(paths.log, paths.system, params.Text(jet::param::BaseName),
                          static_cast<jet::ULong>(params.Number(jet::param::LegacyFileNames))),
        static_cast<std::uint64_t>(params.Number(jet::param::LogFileSize)) * 1024,
        params.Number(jet::param::CircularLog) != 0};
    jet::Err err = storage::LogStream::Open(settings, &storage->log_);
    if (err < jet::err::Success) return err;
    storage::LogStream &log = *storage->log_;
    if (!log.HasLogFiles() && !log.Checkpoint().attached.empty()) return jet::err::MissingLogFile;
    if ((err = Recover(log, initGrbit)) < jet::err::Success) return err;
    if ((err = log.BeginAppending()) < jet::err::Success) return err;
    storage->checkpointLsn_ = log.NextLsn();
    if ((err = log.WriteCheckpoint(storage::CheckpointState{storage->checkpointLsn_, {}})) < jet::err::Success) {
      return err;
    }
    // Schema transactions are numbered from the log's end: never one of an earlier run.
    storage->nextSchemaTransaction_.store(storage->checkpointLsn_, std::memory_order_relaxed);
    storage->checkpointDepth_ = static_cast<std::uint64_t>(params.Number(jet::param::CheckpointDepthMax));
    storage->thread_ = std::thread(&InstanceStorage::CheckpointLoop, storage.get());
  }
  *out = std::move(storage);
  return jet::err::Success;
}

InstanceStorage::~InstanceStorage() {
  {
    std::lock_guard<std::mutex> lock(threadMutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

jet::Err InstanceStorage::Attach(const DatabasePtr &db) {
  if (db->readOnly) return jet::err::Success;
  std::lock_guard<std::mutex> lock(mutex_);
  file::Header header;
  header.state = file::State::kDirty;
  std::uint32_t logId = 0;
  storage::Lsn lsn = 0;
  if (log_) {
    // The smallest id no attached database uses.
    for (logId = 1;; ++logId) {
      if (std::none_of(attached_.begin(), attached_.end(), [&](const DatabasePtr &d) { return d->logId == logId; })) {
        break;
      }
    }
    storage::Lsn end = 0;
    jet::Err err = log_->Append(redo::kAttach, redo::EncodeAttach(logId, db->location), &lsn, &end);
    if (err >= jet::err::Success) err = log_->WaitDurable(end);
    if (err < jet::err::Success) return err;
    header.signature = log_->Signature();
    header.lsn = lsn;
  }
  {
    std::lock_guard<std::mutex> imageLock(db->imageLock);
    header.payloadSize = db->payloadSize;
    header.payloadChecksum = db->payloadChecksum;
    const jet::Err err = file::WriteHeader(*db->file, header);
    if (err < jet::err::Success) return err;
    db->imageChanges = db->changes;
    db->imageLsn = lsn;
  }
  {
    std::unique_lock<std::shared_mutex> dbLock(db->lock);
    db->logId = logId;
    if (log_) {
      for (const auto &entry : db->tables) db->loggedSchema[entry.second->objid] = codec::TableDefBytes(*entry.second);
    }
  }
  attached_.push_back(db);
  return jet::err::Success;
}

jet::Err InstanceStorage::Detach(const DatabasePtr &db) {
  if (!db->readOnly) {
    storage::Lsn at = 0;
    const jet::Err err = WriteImage(db, true, &at);
    if (err < jet::err::Success) return err;
    if (log_ && db->logId != 0) {
      // Only a shortcut for recovery (the clean image says the same): a failure is harmless.
      storage::Lsn lsn, end;
      log_->Append(redo::kDetach, redo::EncodeDetach(db->logId), &lsn, &end);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    attached_.erase(std::remove(attached_.begin(), attached_.end(), db), attached_.end());
  }
  std::lock_guard<std::mutex> imageLock(db->imageLock);
  db->file.reset();
  return jet::err::Success;
}

jet::Err InstanceStorage::Shutdown(bool dirty) {
  {
    std::lock_guard<std::mutex> lock(threadMutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();

  std::vector<DatabasePtr> databases;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    databases.swap(attached_);
  }
  jet::Err result = jet::err::Success;
  if (!dirty) {
    for (const DatabasePtr &db : databases) {
      storage::Lsn at = 0;
      const jet::Err err = WriteImage(db, true, &at);
      if (err < jet::err::Success && result == jet::err::Success) result = err;
    }
  }
  if (log_) {
    jet::Err err = jet::err::Success;
    if (!dirty && result == jet::err::Success) {
      storage::Lsn lsn, end;
      err = log_->Append(redo::kTerm, std::string(), &lsn, &end);
      if (err >= jet::err::Success) err = log_->FlushAll();
      if (err >= jet::err::Success) err = log_->WriteCheckpoint(storage::CheckpointState{log_->NextLsn(), {}});
    } else {
      err = log_->FlushAll();
    }
    if (err < jet::err::Success && result == jet::err::Success) result = err;
  }
  for (const DatabasePtr &db : databases) {
    std::lock_guard<std::mutex> imageLock(db->imageLock);
    db->file.reset();
  }
  log_.reset();
  return result;
}

jet::Err InstanceStorage::WriteImage(const DatabasePtr &db, bool clean, storage::Lsn *consistentAt) {
  std::lock_guard<std::mutex> imageLock(db->imageLock);
  if (!db->file) {
    *consistentAt = kDetached;
    return jet::err::Success;
  }
  file::Image image;
  storage::Lsn cut = 0;
  std::uint64_t changes = 0;
  bool write = false;
  {
    std::shared_lock<std::shared_mutex> lock(db->lock);
    cut = log_ ? log_->NextLsn() : 0;
    // Not past a commit that is logged but not yet visible (the image cannot hold it), nor
    // past the first schema change of a transaction still open (recovery may undo it).
    if (!db->inflightCommits.empty()) cut = std::min(cut, *db->inflightCommits.begin());
    for (const auto &open : db->openSchemaTransactions) cut = std::min(cut, open.second);
    changes = db->changes;
    write = changes != db->imageChanges;
    if (clean && (!db->inflightCommits.empty() || !db->openSchemaTransactions.empty())) {
      return jet::err::DatabaseInUse;
    }
    if (write && !db->openSchemaTransactions.empty()) {
      // The catalog holds uncommitted schema: no image until that transaction ends.
      *consistentAt = db->imageLsn;
      return jet::err::Success;
    }
    if (write) image = file::Snapshot(*db);
  }
  file::Header header;
  header.state = clean ? file::State::kClean : file::State::kDirty;
  if (log_) {
    header.signature = log_->Signature();
    header.lsn = cut;
  }
  jet::Err err = jet::err::Success;
  if (write) {
    // The write-ahead rule: what the image holds is in the log on disk first.
    if (log_ && (err = log_->WaitDurable(cut)) < jet::err::Success) return err;
    if ((err = file::Write(*db, image, &header)) < jet::err::Success) return err;
    db->imageChanges = changes;
    db->payloadSize = header.payloadSize;
    db->payloadChecksum = header.payloadChecksum;
    db->imageSize.store(header.payloadSize, std::memory_order_relaxed);
  } else if (clean) {
    header.payloadSize = db->payloadSize;
    header.payloadChecksum = db->payloadChecksum;
    if ((err = file::WriteHeader(*db->file, header)) < jet::err::Success) return err;
  }
  if (write || clean) db->imageLsn = cut;
  *consistentAt = cut;
  return jet::err::Success;
}

jet::Err InstanceStorage::Checkpoint() {
  std::lock_guard<std::mutex> lock(checkpointMutex_);
  std::vector<DatabasePtr> databases;
  storage::CheckpointState state;
  {
    // Read together with the list: a database attached later is logged after this point.
    std::lock_guard<std::mutex> listLock(mutex_);
    databases = attached_;
    state.lsn = log_->NextLsn();
  }
  jet::Err result = jet::err::Success;
  for (const DatabasePtr &db : databases) {
    storage::Lsn at = 0;
    const jet::Err err = WriteImage(db, false, &at);
    if (err < jet::err::Success) {
      std::lock_guard<std::mutex> imageLock(db->imageLock);
      at = db->imageLsn;
      if (result == jet::err::Success) result = err;
    }
    if (at == kDetached) continue;
    state.lsn = std::min(state.lsn, at);
    std::shared_lock<std::shared_mutex> dbLock(db->lock);
    state.attached.push_back(storage::AttachedDatabase{db->logId, db->location});
  }
  if (state.lsn < checkpointLsn_) state.lsn = checkpointLsn_;
  const jet::Err err = log_->WriteCheckpoint(state);
  if (err < jet::err::Success) return err;
  checkpointLsn_ = state.lsn;
  return result;
}

std::uint64_t InstanceStorage::CheckpointThreshold() {
  std::uint64_t images = 0;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const DatabasePtr &db : attached_) images += db->imageSize.load(std::memory_order_relaxed);
  // Rewriting whole images costs their size: wait for as much log, so that the log never
  // costs more than twice what it saves.
  return std::max(checkpointDepth_, images);
}

void InstanceStorage::CheckpointLoop() {
  std::unique_lock<std::mutex> lock(threadMutex_);
  while (!stop_) {
    wake_.wait_for(lock, kTick);
    if (stop_) break;
    lock.unlock();
    if (log_->DurableLsn() < log_->NextLsn()) log_->FlushAll();
    storage::Lsn checkpointLsn;
    {
      std::lock_guard<std::mutex> checkpointLock(checkpointMutex_);
      checkpointLsn = checkpointLsn_;
    }
    if (log_->NextLsn() - checkpointLsn >= CheckpointThreshold()) Checkpoint();
    lock.lock();
  }
}

}  // namespace data
}  // namespace emu
