#include "os_file.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "../paths.h"
#include "../utf16.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace emu {
namespace storage {
namespace {

namespace fs = std::filesystem;

// Largest single read or write handed to the OS.
constexpr std::size_t kIoChunk = std::size_t(1) << 30;

#if defined(_WIN32)

std::wstring Wide(const std::u16string &path) { return paths::ToFsPath(path).wstring(); }

jet::Err FromWin32(DWORD error) {
  switch (error) {
    case ERROR_FILE_NOT_FOUND:
      return jet::err::FileNotFound;
    case ERROR_PATH_NOT_FOUND:
    case ERROR_BAD_PATHNAME:
    case ERROR_INVALID_NAME:
      return jet::err::InvalidPath;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_WRITE_PROTECT:
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
      return jet::err::FileAccessDenied;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
    case ERROR_FILE_TOO_LARGE:
      return jet::err::DiskFull;
    case ERROR_TOO_MANY_OPEN_FILES:
      return jet::err::OutOfFileHandles;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
      return jet::err::OutOfMemory;
    default:
      return jet::err::DiskIO;
  }
}

#else

jet::Err FromErrno(int error) {
  switch (error) {
    case ENOENT:
      return jet::err::FileNotFound;
    case ENOTDIR:
    case ENAMETOOLONG:
    case ELOOP:
      return jet::err::InvalidPath;
    case EACCES:
    case EPERM:
    case EROFS:
    case EEXIST:
    case EWOULDBLOCK:
    case EISDIR:
    case ETXTBSY:
      return jet::err::FileAccessDenied;
    case ENOSPC:
    case EFBIG:
#if defined(EDQUOT)
    case EDQUOT:
#endif
      return jet::err::DiskFull;
    case EMFILE:
    case ENFILE:
      return jet::err::OutOfFileHandles;
    case ENOMEM:
      return jet::err::OutOfMemory;
    default:
      return jet::err::DiskIO;
  }
}

std::string Narrow(const std::u16string &path) { return paths::ToFsPath(path).string(); }

// Makes a folder entry (a create or rename inside it) durable.
void SyncFolderOf(const std::u16string &path) {
  fs::path folder = paths::ToFsPath(path).parent_path();
  if (folder.empty()) folder = ".";
  const int dir = open(folder.c_str(), O_RDONLY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
}

#endif

}  // namespace

#if defined(_WIN32)

File::~File() {
  if (handle_ != nullptr) CloseHandle(static_cast<HANDLE>(handle_));
}

jet::Err File::Open(const std::u16string &path, OpenMode mode, FileLock lock, std::unique_ptr<File> *out) {
  DWORD access = GENERIC_READ | DELETE;
  if (mode != OpenMode::kRead) access |= GENERIC_WRITE;
  // A share mode is the lock: an exclusive holder lets nobody else read or write.
  DWORD share = FILE_SHARE_DELETE;
  if (lock == FileLock::kShared) share |= FILE_SHARE_READ;
  if (lock == FileLock::kNone) share |= FILE_SHARE_READ | FILE_SHARE_WRITE;
  DWORD disposition = OPEN_EXISTING;
  if (mode == OpenMode::kCreateNew) disposition = CREATE_NEW;
  if (mode == OpenMode::kCreateAlways) disposition = CREATE_ALWAYS;
  const std::wstring wide = Wide(path);
  HANDLE handle = CreateFileW(wide.c_str(), access, share, nullptr, disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (handle == INVALID_HANDLE_VALUE) return FromWin32(GetLastError());
  if ((GetFileAttributesW(wide.c_str()) & FILE_ATTRIBUTE_DIRECTORY) != 0) {
    CloseHandle(handle);
    return jet::err::FileAccessDenied;
  }
  std::unique_ptr<File> file(new File());
  file->handle_ = handle;
  file->path_ = path;
  *out = std::move(file);
  return jet::err::Success;
}

jet::Err File::Size(std::uint64_t *size) const {
  LARGE_INTEGER value;
  if (!GetFileSizeEx(static_cast<HANDLE>(handle_), &value)) return FromWin32(GetLastError());
  *size = static_cast<std::uint64_t>(value.QuadPart);
  return jet::err::Success;
}

jet::Err File::ReadAt(std::uint64_t offset, void *buffer, std::size_t size, std::size_t *read) const {
  *read = 0;
  char *p = static_cast<char *>(buffer);
  while (*read < size) {
    OVERLAPPED at = {};
    const std::uint64_t position = offset + *read;
    at.Offset = static_cast<DWORD>(position & 0xFFFFFFFFu);
    at.OffsetHigh = static_cast<DWORD>(position >> 32);
    const DWORD want = static_cast<DWORD>(std::min<std::size_t>(size - *read, kIoChunk));
    DWORD got = 0;
    if (!ReadFile(static_cast<HANDLE>(handle_), p + *read, want, &got, &at)) {
      const DWORD error = GetLastError();
      if (error == ERROR_HANDLE_EOF) break;
      return FromWin32(error);
    }
    if (got == 0) break;
    *read += got;
  }
  return jet::err::Success;
}

jet::Err File::WriteAt(std::uint64_t offset, const void *data, std::size_t size) {
  const char *p = static_cast<const char *>(data);
  std::size_t done = 0;
  while (done < size) {
    OVERLAPPED at = {};
    const std::uint64_t position = offset + done;
    at.Offset = static_cast<DWORD>(position & 0xFFFFFFFFu);
    at.OffsetHigh = static_cast<DWORD>(position >> 32);
    const DWORD want = static_cast<DWORD>(std::min<std::size_t>(size - done, kIoChunk));
    DWORD wrote = 0;
    if (!WriteFile(static_cast<HANDLE>(handle_), p + done, want, &wrote, &at)) return FromWin32(GetLastError());
    if (wrote == 0) return jet::err::DiskIO;
    done += wrote;
  }
  return jet::err::Success;
}

jet::Err File::Truncate(std::uint64_t size) {
  FILE_END_OF_FILE_INFO info;
  info.EndOfFile.QuadPart = static_cast<LONGLONG>(size);
  if (!SetFileInformationByHandle(static_cast<HANDLE>(handle_), FileEndOfFileInfo, &info, sizeof info)) {
    return FromWin32(GetLastError());
  }
  return jet::err::Success;
}

jet::Err File::Sync() {
  return FlushFileBuffers(static_cast<HANDLE>(handle_)) ? jet::err::Success : FromWin32(GetLastError());
}

jet::Err File::ReplaceAs(const std::u16string &target) {
  if (!MoveFileExW(Wide(path_).c_str(), Wide(target).c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    return FromWin32(GetLastError());
  }
  path_ = target;
  return jet::err::Success;
}

bool FileExists(const std::u16string &path) {
  const DWORD attributes = GetFileAttributesW(Wide(path).c_str());
  return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY) == 0;
}

jet::Err RemoveFile(const std::u16string &path) {
  if (DeleteFileW(Wide(path).c_str())) return jet::err::Success;
  const DWORD error = GetLastError();
  return error == ERROR_FILE_NOT_FOUND ? jet::err::Success : FromWin32(error);
}

jet::Err RenameFile(const std::u16string &from, const std::u16string &to) {
  if (!MoveFileExW(Wide(from).c_str(), Wide(to).c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    return FromWin32(GetLastError());
  }
  return jet::err::Success;
}

#else

File::~File() {
  if (fd_ >= 0) close(fd_);
}

jet::Err File::Open(const std::u16string &path, OpenMode mode, FileLock lock, std::unique_ptr<File> *out) {
  int flags = O_CLOEXEC;
  flags |= mode == OpenMode::kRead ? O_RDONLY : O_RDWR;
  if (mode == OpenMode::kCreateNew) flags |= O_CREAT | O_EXCL;
  if (mode == OpenMode::kCreateAlways) flags |= O_CREAT | O_TRUNC;
  const std::string name = Narrow(path);
  // A lock taken on a file that was renamed over meanwhile guards nothing: check that the
  // path still names the locked file, and start again if not.
  for (int attempt = 0; attempt < 16; ++attempt) {
    const int fd = open(name.c_str(), flags, 0644);
    if (fd < 0) return FromErrno(errno);
    struct stat opened;
    if (fstat(fd, &opened) != 0 || S_ISDIR(opened.st_mode)) {
      close(fd);
      return jet::err::FileAccessDenied;
    }
    if (lock != FileLock::kNone) {
      if (flock(fd, (lock == FileLock::kExclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        const int error = errno;
        close(fd);
        return error == EWOULDBLOCK ? jet::err::FileAccessDenied : FromErrno(error);
      }
      struct stat named;
      if (stat(name.c_str(), &named) != 0 || named.st_ino != opened.st_ino || named.st_dev != opened.st_dev) {
        close(fd);
        flags &= ~(O_EXCL | O_TRUNC);
        continue;
      }
    }
    if (mode == OpenMode::kCreateNew || mode == OpenMode::kCreateAlways) SyncFolderOf(path);
    std::unique_ptr<File> file(new File());
    file->fd_ = fd;
    file->path_ = path;
    *out = std::move(file);
    return jet::err::Success;
  }
  return jet::err::FileAccessDenied;
}

jet::Err File::Size(std::uint64_t *size) const {
  struct stat info;
  if (fstat(fd_, &info) != 0) return FromErrno(errno);
  *size = static_cast<std::uint64_t>(info.st_size);
  return jet::err::Success;
}

jet::Err File::ReadAt(std::uint64_t offset, void *buffer, std::size_t size, std::size_t *read) const {
  *read = 0;
  char *p = static_cast<char *>(buffer);
  while (*read < size) {
    const std::size_t want = std::min(size - *read, kIoChunk);
    const ssize_t got = pread(fd_, p + *read, want, static_cast<off_t>(offset + *read));
    if (got < 0) {
      if (errno == EINTR) continue;
      return FromErrno(errno);
    }
    if (got == 0) break;
    *read += static_cast<std::size_t>(got);
  }
  return jet::err::Success;
}

jet::Err File::WriteAt(std::uint64_t offset, const void *data, std::size_t size) {
  const char *p = static_cast<const char *>(data);
  std::size_t done = 0;
  while (done < size) {
    const std::size_t want = std::min(size - done, kIoChunk);
    const ssize_t wrote = pwrite(fd_, p + done, want, static_cast<off_t>(offset + done));
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return FromErrno(errno);
    }
    if (wrote == 0) return jet::err::DiskIO;
    done += static_cast<std::size_t>(wrote);
  }
  return jet::err::Success;
}

jet::Err File::Truncate(std::uint64_t size) {
  while (ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    if (errno != EINTR) return FromErrno(errno);
  }
  return jet::err::Success;
}

jet::Err File::Sync() {
#if defined(__APPLE__)
  // fsync on macOS leaves the data in the drive's cache; F_FULLFSYNC is the durable one.
  if (fcntl(fd_, F_FULLFSYNC) == 0) return jet::err::Success;
  return fsync(fd_) == 0 ? jet::err::Success : FromErrno(errno);
#elif defined(__linux__)
  return fdatasync(fd_) == 0 ? jet::err::Success : FromErrno(errno);
#else
  return fsync(fd_) == 0 ? jet::err::Success : FromErrno(errno);
#endif
}

jet::Err File::ReplaceAs(const std::u16string &target) {
  if (rename(Narrow(path_).c_str(), Narrow(target).c_str()) != 0) return FromErrno(errno);
  SyncFolderOf(target);
  path_ = target;
  return jet::err::Success;
}

bool FileExists(const std::u16string &path) {
  struct stat info;
  return stat(Narrow(path).c_str(), &info) == 0 && !S_ISDIR(info.st_mode);
}

jet::Err RemoveFile(const std::u16string &path) {
  if (unlink(Narrow(path).c_str()) == 0 || errno == ENOENT) {
    SyncFolderOf(path);
    return jet::err::Success;
  }
  return FromErrno(errno);
}

jet::Err RenameFile(const std::u16string &from, const std::u16string &to) {
  if (rename(Narrow(from).c_str(), Narrow(to).c_str()) != 0) return FromErrno(errno);
  SyncFolderOf(to);
  return jet::err::Success;
}

#endif

jet::Err File::ReadAll(std::string *out) const {
  std::uint64_t size = 0;
  jet::Err err = Size(&size);
  if (err < jet::err::Success) return err;
  if (size > SIZE_MAX / 2) return jet::err::OutOfMemory;
  std::string data(static_cast<std::size_t>(size), '\0');
  std::size_t read = 0;
  if ((err = ReadAt(0, &data[0], data.size(), &read)) < jet::err::Success) return err;
  data.resize(read);
  *out = std::move(data);
  return jet::err::Success;
}

std::vector<std::u16string> ListFolder(const std::u16string &folder) {
  std::vector<std::u16string> names;
  std::error_code error;
  for (fs::directory_iterator it(paths::ToFsPath(folder), error), end; !error && it != end; it.increment(error)) {
#if defined(_WIN32)
    const std::wstring name = it->path().filename().wstring();
    names.emplace_back(name.begin(), name.end());
#else
    names.push_back(Utf8ToUtf16(it->path().filename().string()));
#endif
  }
  return names;
}

}  // namespace storage
}  // namespace emu
