// The emulator's database file: a header (magic, format version, shutdown state, the log
// set and log position the image is consistent with, size and checksum of the rest) and an
// image of the committed catalog and records. Not ESE's page format.
//
// An image is written whole to a temporary file beside the database, flushed, and renamed
// over it, so the file on disk is always a complete image; the header alone is updated in
// place (clean or dirty shutdown). The file is held open under a lock for as long as the
// database is attached: another process cannot attach it.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../storage/log_stream.h"
#include "../storage/os_file.h"
#include "model.h"

namespace emu {
namespace data {
namespace file {

// ESE's JET_dbstateCleanShutdown and JET_dbstateDirtyShutdown.
enum class State : std::uint32_t { kClean = 3, kDirty = 2 };

struct Header {
  State state = State::kClean;
  storage::LogSignature signature{};  // the log set of the last instance that attached it
  storage::Lsn lsn = 0;               // that log's records from here on may be missing
  std::uint64_t payloadSize = 0;
  std::uint64_t payloadChecksum = 0;
};

// The committed state of a database, taken under its lock (shared) and written after.
struct TableImage {
  Bytes definition;
  std::uint32_t nextDbk = 1;
  std::int64_t nextAutoinc = 1;
  std::vector<std::pair<Bytes, RowPtr>> records;
};
struct Image {
  std::uint32_t nextObjid = 2;
  std::vector<TableImage> tables;
};
Image Snapshot(const Database &db);

// Opens a database file under a lock and reads it: JET_errFileNotFound,
// JET_errFileAccessDenied (a folder, or locked by another process),
// JET_errDatabaseCorrupted (not an emulator database), JET_errInvalidDatabaseVersion,
// JET_errReadVerifyFailure (torn or altered: a checksum does not match).
jet::Err Open(const std::u16string &path, bool readOnly, std::unique_ptr<storage::File> *file, Header *header,
              std::string *payload);
// Rebuilds catalog and records from a payload read by Open, checking every field:
// JET_errDatabaseCorrupted when anything is out of bounds or inconsistent.
jet::Err Load(const std::string &payload, Database *db);
// Creates a file holding an empty image, locked; with `overwrite` an existing file (not
// locked by anyone) is replaced.
jet::Err Create(const std::u16string &path, bool overwrite, std::unique_ptr<storage::File> *file, Header *header);
// Writes `image` as the database's new file (db.file is replaced by the new, locked one).
// Caller holds db.imageLock. `header` gets the new size and checksum.
jet::Err Write(Database &db, const Image &image, Header *header);
// Rebuilds a table's secondary-index entries from its newest committed versions; false when a
// unique index would hold a key twice.
bool RebuildIndexEntries(Table &table);
// Rewrites the header in place, durably.
jet::Err WriteHeader(storage::File &file, const Header &header);

// The file's size in bytes (0 when it cannot be read).
std::uint64_t Size(const std::u16string &path);
// The absolute path as spelled (files are opened, written and logged by it), and the same
// folded the way the file system compares names (what makes two paths the same file).
std::u16string FullPath(const std::u16string &path);
std::u16string AbsolutePath(const std::u16string &path);

}  // namespace file
}  // namespace data
}  // namespace emu
