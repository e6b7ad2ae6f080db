// An instance's log set on disk: the log files of every generation and the checkpoint file.
// Records are appended to the current log, each behind a header with its position (LSN) and
// a checksum; a durable commit waits for its record to be flushed, and one flush serves
// every commit waiting at that moment (group commit). When the current log reaches
// JET_paramLogFileSize it is archived under its generation's name and a new one begins.
//
// The checkpoint file records where replay must start and which databases are attached at
// that point. Its lock is the log set's: a second process using the same files is refused.
//
// The content of records is the data layer's business; here they are typed byte strings.
#pragma once

#include <array>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "esent/jet_api.h"
#include "log_names.h"
#include "os_file.h"

namespace emu {
namespace storage {

// A position in the log set: bytes since its beginning (0 means none).
using Lsn = std::uint64_t;
using LogSignature = std::array<std::uint8_t, 16>;

struct AttachedDatabase {
  std::uint32_t logId = 0;
  std::u16string path;
};

struct CheckpointState {
  Lsn lsn = 0;  // replay starts at the record here
  std::vector<AttachedDatabase> attached;
};

struct LogRecord {
  Lsn lsn = 0;
  Lsn end = 0;  // where the next record starts
  std::uint8_t type = 0;
  std::string payload;
};

struct LogSettings {
  LogNames names;
  std::uint64_t fileSize = 0;  // bytes; a log is archived once it reaches this
  bool circular = false;       // delete archived generations the checkpoint has passed
};

class LogStream {
 public:
  ~LogStream();

  // Takes the checkpoint file's lock (JET_errFileAccessDenied when another process holds
  // it) and reads the checkpoint and the headers of the log files: JET_errCheckpointCorrupt,
  // JET_errBadCheckpointSignature, JET_errLogFileCorrupt, JET_errBadLogSignature.
  static jet::Err Open(const LogSettings &settings, std::unique_ptr<LogStream> *out);

  bool HasLogFiles() const { return !files_.empty(); }
  const CheckpointState &Checkpoint() const { return checkpoint_; }
  const LogSignature &Signature() const { return signature_; }

  // Calls `visit` with every record from the checkpoint on, in order. A torn record at the
  // very end (an interrupted write) ends the log and is cut off; damage anywhere else is
  // JET_errLogFileCorrupt, a missing generation JET_errMissingLogFile. Errors of `visit`
  // stop the replay and are returned.
  jet::Err Replay(const std::function<jet::Err(const LogRecord &)> &visit);
  // Where the records Replay found end.
  Lsn ReplayEnd() const { return replayEnd_; }

  // Starts appending after the last good record found by Replay (a new log set when there
  // are no log files).
  jet::Err BeginAppending();

  // The bytes in front of every record's payload.
  static constexpr std::size_t kRecordHeaderSize = 4 + 1 + 3 + 8 + 8;

  // Appends a record. JET_errLogDiskFull when there is no room (nothing of it stays, and a
  // later append may succeed once space is freed); JET_errLogWriteFail after a failed flush.
  jet::Err Append(std::uint8_t type, const std::string &payload, Lsn *lsn, Lsn *end);
  // The same, for a record built in place: `record` holds kRecordHeaderSize bytes of room,
  // then the payload. The header is written into the room, and the whole goes to the file
  // in one write, with no copy of the payload.
  jet::Err AppendInPlace(std::uint8_t type, std::string *record, Lsn *lsn, Lsn *end);
  // Returns once everything before `end` is durable: the first caller to find no flush in
  // progress flushes everything appended so far for all waiting callers.
  jet::Err WaitDurable(Lsn end);
  jet::Err FlushAll() { return WaitDurable(NextLsn()); }
  Lsn NextLsn();
  Lsn DurableLsn();
  // Archives the current log and starts the next generation (unless it is empty).
  jet::Err StartNewGeneration();

  // Records a checkpoint durably; with circular logging, deletes the archived generations
  // that end before it.
  jet::Err WriteCheckpoint(const CheckpointState &state);

 private:
  struct Generation {
    std::u16string path;
    Lsn start = 0;
  };

  LogStream(const LogSettings &settings) : settings_(settings) {}
  jet::Err ReadCheckpointFile();
  jet::Err ReadLogHeaders();
  jet::Err CreateLogFile(const std::u16string &path, std::uint32_t generation, Lsn start,
                         std::unique_ptr<File> *out);
  jet::Err Rotate();  // under appendMutex_

  LogSettings settings_;
  LogSignature signature_{};
  CheckpointState checkpoint_;
  std::unique_ptr<File> checkpointFile_;
  std::uint64_t checkpointSequence_ = 0;

  std::mutex appendMutex_;  // files_, current_, tail, nextLsn_
  std::map<std::uint32_t, Generation> files_;
  std::uint32_t currentGeneration_ = 0;
  std::shared_ptr<File> current_;
  std::uint64_t tailOffset_ = 0;
  Lsn nextLsn_ = 0;
  Lsn replayEnd_ = 0;
  std::uint64_t replayEndOffset_ = 0;

  std::mutex flushMutex_;  // taken after appendMutex_ when both are needed
  std::condition_variable flushed_;
  bool flushing_ = false;
  Lsn durableLsn_ = 0;
  jet::Err failed_ = jet::err::Success;
};

}  // namespace storage
}  // namespace emu
