#include "log_stream.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>
#include <thread>

#include "byte_io.h"
#include "checksum.h"

namespace emu {
namespace storage {
namespace {

constexpr char kLogMagic[8] = {'E', 'S', 'E', 'E', 'M', 'U', 'L', 'G'};
constexpr char kCheckpointMagic[8] = {'E', 'S', 'E', 'E', 'M', 'U', 'C', 'K'};
constexpr std::uint32_t kLogVersion = 1;
constexpr std::uint32_t kCheckpointVersion = 1;
// Log file header: magic, version, header size, signature, generation, first LSN,
// creation time, checksum.
constexpr std::size_t kLogHeaderSize = 8 + 4 + 4 + 16 + 8 + 8 + 8 + 8;
// Record header: payload size, type, 3 reserved bytes, LSN, checksum.
constexpr std::size_t kRecordHeaderSize = LogStream::kRecordHeaderSize;
// The largest record accepted when reading: bounds what a damaged size field can ask for.
constexpr std::uint32_t kRecordMost = 1u << 30;
// The checkpoint file holds two slots written in turn, so that a torn write of one leaves
// the other.
constexpr std::size_t kCheckpointSlot = 64 * 1024;
constexpr std::size_t kCheckpointHeaderSize = 8 + 4 + 4 + 8 + 8;

LogSignature NewSignature() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device(),
                     static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()),
                     static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count())};
  std::mt19937_64 random(seed);
  LogSignature signature;
  for (std::size_t i = 0; i < signature.size(); i += 8) {
    const std::uint64_t v = random();
    for (std::size_t j = 0; j < 8; ++j) signature[i + j] = static_cast<std::uint8_t>(v >> (8 * j));
  }
  return signature;
}

std::string LogHeader(const LogSignature &signature, std::uint32_t generation, Lsn start) {
  ByteWriter w;
  w.Append(std::string(kLogMagic, sizeof kLogMagic));
  w.U32(kLogVersion);
  w.U32(static_cast<std::uint32_t>(kLogHeaderSize));
  for (std::uint8_t b : signature) w.U8(b);
  w.U64(generation);
  w.U64(start);
  w.U64(static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()));
  w.U64(ChecksumOf(w.Out().data(), w.Size()));
  return w.Out();
}

struct ParsedLogHeader {
  LogSignature signature{};
  std::uint32_t generation = 0;
  Lsn start = 0;
};

bool ParseLogHeader(const std::string &data, ParsedLogHeader *out) {
  if (data.size() < kLogHeaderSize || std::memcmp(data.data(), kLogMagic, sizeof kLogMagic) != 0) return false;
  ByteReader r(data.data() + sizeof kLogMagic, kLogHeaderSize - sizeof kLogMagic);
  const std::uint32_t version = r.U32();
  const std::uint32_t headerSize = r.U32();
  for (std::uint8_t &b : out->signature) b = r.U8();
  const std::uint64_t generation = r.U64();
  out->start = r.U64();
  r.U64();
  const std::uint64_t checksum = r.U64();
  if (!r.ok() || version != kLogVersion || headerSize != kLogHeaderSize || generation == 0 ||
      generation > 0xFFFFFFFFu || out->start == 0) {
    return false;
  }
  out->generation = static_cast<std::uint32_t>(generation);
  return checksum == ChecksumOf(data.data(), kLogHeaderSize - 8);
}

std::uint64_t RecordChecksum(const char *header16, const char *payload, std::size_t size) {
  Checksum checksum;
  checksum.Update(header16, 16);
  checksum.Update(payload, size);
  return checksum.Value();
}

// A whole record at `at` of `data` whose position is `lsn`, or false.
bool ParseRecord(const std::string &data, std::size_t at, Lsn lsn, LogRecord *out) {
  if (data.size() - at < kRecordHeaderSize) return false;
  ByteReader r(data.data() + at, kRecordHeaderSize);
  const std::uint32_t size = r.U32();
  const std::uint8_t type = r.U8();
  const std::uint8_t reserved[3] = {r.U8(), r.U8(), r.U8()};
  const Lsn recordLsn = r.U64();
  const std::uint64_t checksum = r.U64();
  if (!r.ok() || size > kRecordMost || type == 0 || reserved[0] != 0 || reserved[1] != 0 || reserved[2] != 0 ||
      recordLsn != lsn || data.size() - at - kRecordHeaderSize < size) {
    return false;
  }
  if (checksum != RecordChecksum(data.data() + at, data.data() + at + kRecordHeaderSize, size)) return false;
  out->lsn = lsn;
  out->end = lsn + kRecordHeaderSize + size;
  out->type = type;
  out->payload.assign(data.data() + at + kRecordHeaderSize, size);
  return true;
}

jet::Err AsLogError(jet::Err err) {
  if (err == jet::err::DiskFull) return jet::err::LogDiskFull;
  return err;
}

}  // namespace

LogStream::~LogStream() = default;

jet::Err LogStream::Open(const LogSettings &settings, std::unique_ptr<LogStream> *out) {
  std::unique_ptr<LogStream> stream(new LogStream(settings));
  const std::u16string chk = settings.names.Checkpoint();
  jet::Err err = File::Open(chk, OpenMode::kReadWrite, FileLock::kExclusive, &stream->checkpointFile_);
  if (err == jet::err::FileNotFound) {
    err = File::Open(chk, OpenMode::kCreateNew, FileLock::kExclusive, &stream->checkpointFile_);
  }
  if (err < jet::err::Success) return err;
  if ((err = stream->ReadLogHeaders()) < jet::err::Success) return err;
  if ((err = stream->ReadCheckpointFile()) < jet::err::Success) return err;
  *out = std::move(stream);
  return jet::err::Success;
}

jet::Err LogStream::ReadLogHeaders() {
  // A rotation interrupted between its two renames leaves the next log under its
  // temporary name: finish it. One interrupted before them leaves a log nobody wrote to.
  const std::u16string current = settings_.names.Current();
  const std::u16string temporary = settings_.names.Temporary();
  if (FileExists(temporary)) {
    if (FileExists(current)) {
      RemoveFile(temporary);
    } else {
      const jet::Err err = RenameFile(temporary, current);
      if (err < jet::err::Success) return err;
    }
  }

  std::vector<std::pair<std::u16string, bool>> candidates;  // path, is the current log
  if (FileExists(current)) candidates.emplace_back(current, true);
  for (const std::u16string &name : ListFolder(settings_.names.LogFolder())) {
    std::uint32_t generation = 0;
    if (settings_.names.ParseArchive(name, &generation)) candidates.emplace_back(settings_.names.LogFolder() + name, false);
  }
  bool haveSignature = false;
  std::uint32_t currentGeneration = 0;
  for (const auto &candidate : candidates) {
    std::unique_ptr<File> file;
    jet::Err err = File::Open(candidate.first, OpenMode::kRead, FileLock::kNone, &file);
    if (err < jet::err::Success) return err;
    std::string header(kLogHeaderSize, '\0');
    std::size_t read = 0;
    if ((err = file->ReadAt(0, &header[0], header.size(), &read)) < jet::err::Success) return err;
    header.resize(read);
    ParsedLogHeader parsed;
    if (!ParseLogHeader(header, &parsed)) return jet::err::LogFileCorrupt;
    if (!haveSignature) {
      signature_ = parsed.signature;
      haveSignature = true;
    } else if (parsed.signature != signature_) {
      return jet::err::BadLogSignature;
    }
    if (files_.count(parsed.generation) != 0) return jet::err::LogFileCorrupt;
    files_[parsed.generation] = Generation{candidate.first, parsed.start};
    if (candidate.second) currentGeneration = parsed.generation;
  }
  if (!files_.empty()) {
    // The current log is the newest generation; archives are never newer.
    if (currentGeneration == 0) return jet::err::MissingLogFile;
    if (files_.rbegin()->first != currentGeneration) return jet::err::LogFileCorrupt;
    currentGeneration_ = currentGeneration;
  }
  return jet::err::Success;
}

jet::Err LogStream::ReadCheckpointFile() {
  std::string data;
  jet::Err err = checkpointFile_->ReadAll(&data);
  if (err < jet::err::Success) return err;
  if (data.empty()) return jet::err::Success;  // new, or never written: replay everything
  bool found = false;
  for (std::size_t slot = 0; slot < 2; ++slot) {
    const std::size_t at = slot * kCheckpointSlot;
    if (data.size() < at + kCheckpointHeaderSize || std::memcmp(data.data() + at, kCheckpointMagic, 8) != 0) continue;
    ByteReader header(data.data() + at + 8, kCheckpointHeaderSize - 8);
    const std::uint32_t version = header.U32();
    const std::uint32_t size = header.U32();
    const std::uint64_t sequence = header.U64();
    const std::uint64_t checksum = header.U64();
    if (!header.ok() || version != kCheckpointVersion || size > kCheckpointSlot - kCheckpointHeaderSize ||
        data.size() < at + kCheckpointHeaderSize + size) {
      continue;
    }
    const char *payload = data.data() + at + kCheckpointHeaderSize;
    Checksum sum;
    sum.Update(&sequence, sizeof sequence);
    sum.Update(payload, size);
    if (sum.Value() != checksum) continue;
    if (found && sequence <= checkpointSequence_) continue;
    ByteReader r(payload, size);
    LogSignature signature;
    for (std::uint8_t &b : signature) b = r.U8();
    CheckpointState state;
    state.lsn = r.U64();
    const std::uint32_t count = r.Count(8);
    for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
      AttachedDatabase db;
      db.logId = r.U32();
      db.path = r.Text(32767);
      state.attached.push_back(std::move(db));
    }
    if (!r.AtEnd()) continue;
    found = true;
    checkpointSequence_ = sequence;
    checkpoint_ = std::move(state);
    if (files_.empty()) {
      signature_ = signature;
    } else if (signature != signature_) {
      return jet::err::BadCheckpointSignature;
    }
  }
  return found ? jet::err::Success : jet::err::CheckpointCorrupt;
}

jet::Err LogStream::Replay(const std::function<jet::Err(const LogRecord &)> &visit) {
  replayEnd_ = 0;
  if (files_.empty()) return jet::err::Success;
  Lsn lsn = checkpoint_.lsn;
  if (lsn == 0) lsn = files_.begin()->second.start;
  // The generation holding the checkpoint, and every one after it, must be there.
  auto it = files_.upper_bound(0);
  for (auto probe = files_.begin(); probe != files_.end() && probe->second.start <= lsn; ++probe) it = probe;
  if (it->second.start > lsn) return jet::err::MissingLogFile;
  for (auto check = it; std::next(check) != files_.end(); ++check) {
    if (std::next(check)->first != check->first + 1) return jet::err::MissingLogFile;
  }

  LogRecord record;
  for (; it != files_.end(); ++it) {
    const bool last = std::next(it) == files_.end();
    std::unique_ptr<File> file;
    jet::Err err = File::Open(it->second.path, OpenMode::kRead, FileLock::kNone, &file);
    if (err < jet::err::Success) return err == jet::err::FileNotFound ? jet::err::MissingLogFile : err;
    std::string data;
    if ((err = file->ReadAll(&data)) < jet::err::Success) return err;
    ParsedLogHeader header;
    if (!ParseLogHeader(data, &header) || header.generation != it->first || header.signature != signature_) {
      return jet::err::LogFileCorrupt;
    }
    if (lsn < header.start) return jet::err::LogFileCorrupt;
    const Lsn next = last ? 0 : std::next(it)->second.start;
    std::size_t at = kLogHeaderSize + static_cast<std::size_t>(lsn - header.start);
    if (at > data.size()) return jet::err::LogFileCorrupt;
    for (;;) {
      if (!last && lsn == next) break;
      if (at == data.size()) {
        if (!last) return jet::err::LogFileCorrupt;  // an archive ends where the next log begins
        break;
      }
      if (!ParseRecord(data, at, lsn, &record)) {
        if (!last) return jet::err::LogFileCorrupt;
        // In the current log, a damaged record followed by a good one is corruption; one
        // that runs to the end is a write the crash interrupted.
        if (data.size() - at >= kRecordHeaderSize) {
          ByteReader r(data.data() + at, 4);
          const std::uint64_t size = r.U32();
          const std::size_t after = at + kRecordHeaderSize + static_cast<std::size_t>(std::min<std::uint64_t>(size, kRecordMost));
          LogRecord following;
          if (size <= kRecordMost && after < data.size() &&
              ParseRecord(data, after, lsn + kRecordHeaderSize + size, &following)) {
            return jet::err::LogFileCorrupt;
          }
        }
        break;
      }
      if ((err = visit(record)) < jet::err::Success) return err;
      at += static_cast<std::size_t>(record.end - record.lsn);
      lsn = record.end;
    }
    if (last) {
      replayEnd_ = lsn;
      replayEndOffset_ = at;
    }
  }
  return jet::err::Success;
}

jet::Err LogStream::CreateLogFile(const std::u16string &path, std::uint32_t generation, Lsn start,
                                  std::unique_ptr<File> *out) {
  std::unique_ptr<File> file;
  jet::Err err = File::Open(path, OpenMode::kCreateAlways, FileLock::kExclusive, &file);
  if (err < jet::err::Success) return AsLogError(err);
  const std::string header = LogHeader(signature_, generation, start);
  if ((err = file->WriteAt(0, header.data(), header.size())) < jet::err::Success ||
      (err = file->Sync()) < jet::err::Success) {
    file.reset();
    RemoveFile(path);
    return AsLogError(err);
  }
  *out = std::move(file);
  return jet::err::Success;
}

jet::Err LogStream::BeginAppending() {
  std::lock_guard<std::mutex> lock(appendMutex_);
  if (files_.empty()) {
    if (checkpoint_.lsn == 0) signature_ = NewSignature();
    const Lsn start = checkpoint_.lsn != 0 ? checkpoint_.lsn : 1;
    std::unique_ptr<File> file;
    jet::Err err = CreateLogFile(settings_.names.Current(), 1, start, &file);
    if (err < jet::err::Success) return err;
    files_[1] = Generation{settings_.names.Current(), start};
    currentGeneration_ = 1;
    current_ = std::move(file);
    tailOffset_ = kLogHeaderSize;
    nextLsn_ = start;
  } else {
    std::unique_ptr<File> file;
    jet::Err err = File::Open(files_[currentGeneration_].path, OpenMode::kReadWrite, FileLock::kExclusive, &file);
    if (err < jet::err::Success) return err;
    if (replayEnd_ == 0) return jet::err::InternalError;  // Replay finds where to go on
    // Whatever follows the last good record is a torn write: cut it off.
    std::uint64_t size = 0;
    if ((err = file->Size(&size)) < jet::err::Success) return err;
    if (size > replayEndOffset_) {
      if ((err = file->Truncate(replayEndOffset_)) < jet::err::Success || (err = file->Sync()) < jet::err::Success) {
        return err;
      }
    }
    current_ = std::move(file);
    tailOffset_ = replayEndOffset_;
    nextLsn_ = replayEnd_;
  }
  std::lock_guard<std::mutex> flushLock(flushMutex_);
  durableLsn_ = nextLsn_;
  return jet::err::Success;
}

jet::Err LogStream::Rotate() {
  const std::uint32_t generation = currentGeneration_ + 1;
  std::unique_ptr<File> next;
  jet::Err err = CreateLogFile(settings_.names.Temporary(), generation, nextLsn_, &next);
  if (err < jet::err::Success) return err;
  if ((err = current_->Sync()) < jet::err::Success) {
    next.reset();
    RemoveFile(settings_.names.Temporary());
    return AsLogError(err);
  }
  const std::u16string archive = settings_.names.Archive(currentGeneration_);
  if ((err = current_->ReplaceAs(archive)) < jet::err::Success ||
      (err = next->ReplaceAs(settings_.names.Current())) < jet::err::Success) {
    return AsLogError(err);
  }
  files_[currentGeneration_].path = archive;
  files_[generation] = Generation{settings_.names.Current(), nextLsn_};
  currentGeneration_ = generation;
  current_ = std::move(next);
  tailOffset_ = kLogHeaderSize;
  std::lock_guard<std::mutex> flushLock(flushMutex_);
  durableLsn_ = std::max(durableLsn_, nextLsn_);
  return jet::err::Success;
}

jet::Err LogStream::Append(std::uint8_t type, const std::string &payload, Lsn *lsn, Lsn *end) {
  std::string record(kRecordHeaderSize, '\0');
  record += payload;
  return AppendInPlace(type, &record, lsn, end);
}

jet::Err LogStream::AppendInPlace(std::uint8_t type, std::string *record, Lsn *lsn, Lsn *end) {
  if (record->size() < kRecordHeaderSize) return jet::err::InvalidParameter;
  const std::size_t payloadSize = record->size() - kRecordHeaderSize;
  std::lock_guard<std::mutex> lock(appendMutex_);
  {
    std::lock_guard<std::mutex> flushLock(flushMutex_);
    if (failed_ < jet::err::Success) return failed_;
  }
  if (!current_) return jet::err::LogWriteFail;
  if (payloadSize > kRecordMost) return jet::err::InvalidParameter;
  if (tailOffset_ > kLogHeaderSize && tailOffset_ + record->size() > settings_.fileSize) {
    const jet::Err err = Rotate();
    if (err < jet::err::Success) return err;
  }
  ByteWriter header;
  header.U32(static_cast<std::uint32_t>(payloadSize));
  header.U8(type);
  header.U8(0);
  header.U8(0);
  header.U8(0);
  header.U64(nextLsn_);
  header.U64(RecordChecksum(header.Out().data(), record->data() + kRecordHeaderSize, payloadSize));
  std::memcpy(&(*record)[0], header.Out().data(), kRecordHeaderSize);
  const jet::Err err = current_->WriteAt(tailOffset_, record->data(), record->size());
  if (err < jet::err::Success) {
    // Nothing of a record that failed may stay: a later record must follow the last good one.
    current_->Truncate(tailOffset_);
    return err == jet::err::DiskFull ? jet::err::LogDiskFull : jet::err::LogWriteFail;
  }
  *lsn = nextLsn_;
  tailOffset_ += record->size();
  nextLsn_ += record->size();
  *end = nextLsn_;
  return jet::err::Success;
}

jet::Err LogStream::WaitDurable(Lsn end) {
  std::unique_lock<std::mutex> lock(flushMutex_);
  while (durableLsn_ < end) {
    if (failed_ < jet::err::Success) return failed_;
    if (flushing_) {
      flushed_.wait(lock);
      continue;
    }
    flushing_ = true;
    lock.unlock();
    std::shared_ptr<File> file;
    Lsn target;
    {
      std::lock_guard<std::mutex> appendLock(appendMutex_);
      file = current_;
      target = nextLsn_;
    }
    const jet::Err err = file ? file->Sync() : jet::err::LogWriteFail;
    lock.lock();
    flushing_ = false;
    if (err < jet::err::Success) {
      failed_ = jet::err::LogWriteFail;
    } else {
      durableLsn_ = std::max(durableLsn_, target);
    }
    flushed_.notify_all();
  }
  return jet::err::Success;
}

jet::Err LogStream::StartNewGeneration() {
  std::lock_guard<std::mutex> lock(appendMutex_);
  {
    std::lock_guard<std::mutex> flushLock(flushMutex_);
    if (failed_ < jet::err::Success) return failed_;
  }
  if (!current_) return jet::err::LogWriteFail;
  return tailOffset_ > kLogHeaderSize ? Rotate() : jet::err::Success;
}

Lsn LogStream::NextLsn() {
  std::lock_guard<std::mutex> lock(appendMutex_);
  return nextLsn_;
}

Lsn LogStream::DurableLsn() {
  std::lock_guard<std::mutex> lock(flushMutex_);
  return durableLsn_;
}

jet::Err LogStream::WriteCheckpoint(const CheckpointState &state) {
  ByteWriter payload;
  for (std::uint8_t b : signature_) payload.U8(b);
  payload.U64(state.lsn);
  payload.U32(static_cast<std::uint32_t>(state.attached.size()));
  for (const AttachedDatabase &db : state.attached) {
    payload.U32(db.logId);
    payload.Text(db.path);
  }
  if (payload.Size() > kCheckpointSlot - kCheckpointHeaderSize) return jet::err::InvalidParameter;
  const std::uint64_t sequence = checkpointSequence_ + 1;
  ByteWriter w;
  w.Append(std::string(kCheckpointMagic, sizeof kCheckpointMagic));
  w.U32(kCheckpointVersion);
  w.U32(static_cast<std::uint32_t>(payload.Size()));
  w.U64(sequence);
  Checksum sum;
  sum.Update(&sequence, sizeof sequence);
  sum.Update(payload.Out().data(), payload.Size());
  w.U64(sum.Value());
  w.Append(payload.Out());
  const std::uint64_t at = (sequence % 2) * kCheckpointSlot;
  jet::Err err = checkpointFile_->WriteAt(at, w.Out().data(), w.Size());
  if (err >= jet::err::Success) err = checkpointFile_->Sync();
  if (err < jet::err::Success) return err;
  checkpointSequence_ = sequence;
  checkpoint_ = state;

  if (settings_.circular) {
    std::vector<std::u16string> obsolete;
    {
      std::lock_guard<std::mutex> lock(appendMutex_);
      while (files_.size() > 1) {
        auto first = files_.begin();
        if (std::next(first)->second.start > state.lsn) break;
        obsolete.push_back(first->second.path);
        files_.erase(first);
      }
    }
    for (const std::u16string &path : obsolete) RemoveFile(path);
  }
  return jet::err::Success;
}

}  // namespace storage
}  // namespace emu
