// Files on disk, through the operating system's own API so that every failure has an exact
// cause (a full disk, a file-size limit, a lock held by another process) and every write can
// be made durable. Failures come back as the JET errors ESE maps the same OS errors to.
//
// A file can be opened under a lock that other processes respect (flock on POSIX, share
// modes on Windows): this is how a database, or a log set, belongs to one process at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "esent/jet_api.h"

namespace emu {
namespace storage {

enum class OpenMode {
  kRead,          // existing file, read only
  kReadWrite,     // existing file
  kCreateNew,     // a new file; JET_errFileAccessDenied if one exists (or is locked)
  kCreateAlways,  // a new or emptied file
};

enum class FileLock {
  kNone,
  kShared,     // other processes may read (and share-lock) but not lock exclusively
  kExclusive,  // no other process may open it under a lock
};

class File {
 public:
  ~File();
  File(const File &) = delete;
  File &operator=(const File &) = delete;

  // JET_errFileNotFound, JET_errFileAccessDenied (also: locked by another process),
  // JET_errInvalidPath, JET_errOutOfFileHandles, JET_errDiskFull, JET_errDiskIO.
  static jet::Err Open(const std::u16string &path, OpenMode mode, FileLock lock, std::unique_ptr<File> *out);

  const std::u16string &Path() const { return path_; }

  jet::Err Size(std::uint64_t *size) const;
  // Reads up to `size` bytes; `*read` says how many there were.
  jet::Err ReadAt(std::uint64_t offset, void *buffer, std::size_t size, std::size_t *read) const;
  jet::Err ReadAll(std::string *out) const;
  // Writes all of it or fails (JET_errDiskFull for a full disk or a file-size limit).
  jet::Err WriteAt(std::uint64_t offset, const void *data, std::size_t size);
  jet::Err Truncate(std::uint64_t size);
  // Makes everything written so far durable.
  jet::Err Sync();
  // Renames this file over `target` durably; the handle (and its lock) now names `target`.
  jet::Err ReplaceAs(const std::u16string &target);

 private:
  File() = default;
#if defined(_WIN32)
  void *handle_ = nullptr;
#else
  int fd_ = -1;
#endif
  std::u16string path_;
};

bool FileExists(const std::u16string &path);
jet::Err RemoveFile(const std::u16string &path);
// Renames durably (the folder entry reaches the disk too).
jet::Err RenameFile(const std::u16string &from, const std::u16string &to);
// The names (not paths) of the files directly in `folder`.
std::vector<std::u16string> ListFolder(const std::u16string &folder);

}  // namespace storage
}  // namespace emu
