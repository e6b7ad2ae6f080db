// The emulator's database file: one image of the committed catalog and records, behind a
// header with a magic, a format version and a checksum of everything after it. Written whole
// to a temporary file beside the database, flushed, then renamed over it, so a reader sees
// either the old image or the new one. Not ESE's page format.
#pragma once

#include <string>

#include "model.h"

namespace emu {
namespace data {
namespace file {

// The committed state of `db` (caller holds its lock, shared or exclusive).
Bytes Serialize(const Database &db);
// Rebuilds the catalog and records of `db` from an image read by Read. Secondary-index
// entries are rebuilt from the records. Fails with JET_errDatabaseCorrupted.
jet::Err Deserialize(const Bytes &image, Database *db, std::uint64_t commitTime);

bool Exists(const std::u16string &path);
// The file's size in bytes (0 when it cannot be read).
std::uint64_t Size(const std::u16string &path);
std::u16string AbsolutePath(const std::u16string &path);
// Reads and checks a database file: JET_errFileNotFound, JET_errFileAccessDenied,
// JET_errDatabaseCorrupted (not an emulator database), JET_errInvalidDatabaseVersion
// (another format version), JET_errReadVerifyFailure (torn or altered: checksum mismatch).
jet::Err Read(const std::u16string &path, Bytes *image);
// Writes an image durably (temporary file, flush, rename).
jet::Err Write(const std::u16string &path, const Bytes &image);
jet::Err Remove(const std::u16string &path);

}  // namespace file
}  // namespace data
}  // namespace emu
