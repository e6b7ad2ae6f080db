#include "file_image.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

#include "../paths.h"
#include "../storage/byte_io.h"
#include "../storage/checksum.h"
#include "../utf16.h"
#include "codec.h"
#include "key_normalize.h"

namespace emu {
namespace data {
namespace file {
namespace {

namespace fs = std::filesystem;
using storage::ByteReader;
using storage::ByteWriter;

constexpr char kMagic[8] = {'E', 'S', 'E', 'E', 'M', 'U', 'D', 'B'};
constexpr std::uint32_t kFormatVersion = 2;
// magic, version, state, payload size, payload checksum, log signature, log position,
// header checksum.
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8 + 16 + 8 + 8;
// Images are streamed to disk in pieces of about this size.
constexpr std::size_t kWriteChunk = 4 << 20;
constexpr std::size_t kBookmarkMost = 2000;

std::string EncodeHeader(const Header &header) {
  ByteWriter w;
  w.Append(std::string(kMagic, sizeof kMagic));
  w.U32(kFormatVersion);
  w.U32(static_cast<std::uint32_t>(header.state));
  w.U64(header.payloadSize);
  w.U64(header.payloadChecksum);
  for (std::uint8_t b : header.signature) w.U8(b);
  w.U64(header.lsn);
  w.U64(storage::ChecksumOf(w.Out().data(), w.Size()));
  return std::move(w.Out());
}

jet::Err DecodeHeader(const std::string &data, Header *header) {
  if (data.size() < kHeaderSize || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    return jet::err::DatabaseCorrupted;
  }
  ByteReader r(data.data() + sizeof kMagic, kHeaderSize - sizeof kMagic);
  const std::uint32_t version = r.U32();
  if (version != kFormatVersion) return jet::err::InvalidDatabaseVersion;
  const std::uint32_t state = r.U32();
  header->payloadSize = r.U64();
  header->payloadChecksum = r.U64();
  for (std::uint8_t &b : header->signature) b = r.U8();
  header->lsn = r.U64();
  const std::uint64_t checksum = r.U64();
  if (!r.ok() || checksum != storage::ChecksumOf(data.data(), kHeaderSize - 8)) return jet::err::ReadVerifyFailure;
  if (state != static_cast<std::uint32_t>(State::kClean) && state != static_cast<std::uint32_t>(State::kDirty)) {
    return jet::err::DatabaseCorrupted;
  }
  header->state = static_cast<State>(state);
  return jet::err::Success;
}

// Streams an image into a file at offset kHeaderSize, checksumming as it goes.
class ImageWriter {
 public:
  explicit ImageWriter(storage::File &file) : file_(file) {}
  ByteWriter &Out() { return buffer_; }
  jet::Err MaybeFlush() { return buffer_.Size() >= kWriteChunk ? Flush() : jet::err::Success; }
  jet::Err Flush() {
    if (buffer_.Size() == 0) return jet::err::Success;
    checksum_.Update(buffer_.Out().data(), buffer_.Size());
    const jet::Err err = file_.WriteAt(kHeaderSize + written_, buffer_.Out().data(), buffer_.Size());
    written_ += buffer_.Size();
    buffer_.Out().clear();
    return err;
  }
  std::uint64_t Written() const { return written_; }
  std::uint64_t Checksum() const { return checksum_.Value(); }

 private:
  storage::File &file_;
  ByteWriter buffer_;
  storage::Checksum checksum_;
  std::uint64_t written_ = 0;
};

jet::Err WriteImage(storage::File &file, const Image &image, Header *header) {
  ImageWriter out(file);
  out.Out().U32(image.nextObjid);
  out.Out().U32(static_cast<std::uint32_t>(image.tables.size()));
  for (const TableImage &table : image.tables) {
    out.Out().Append(table.definition);
    out.Out().U32(table.nextDbk);
    out.Out().U64(static_cast<std::uint64_t>(table.nextAutoinc));
    out.Out().U32(static_cast<std::uint32_t>(table.records.size()));
    for (const auto &record : table.records) {
      out.Out().Bytes(record.first);
      codec::WriteRow(out.Out(), *record.second);
      const jet::Err err = out.MaybeFlush();
      if (err < jet::err::Success) return err;
    }
  }
  jet::Err err = out.Flush();
  if (err < jet::err::Success) return err;
  header->payloadSize = out.Written();
  header->payloadChecksum = out.Checksum();
  const std::string encoded = EncodeHeader(*header);
  if ((err = file.WriteAt(0, encoded.data(), encoded.size())) < jet::err::Success) return err;
  if ((err = file.Truncate(kHeaderSize + out.Written())) < jet::err::Success) return err;
  return file.Sync();
}

}  // namespace

bool RebuildIndexEntries(Table &table) {
  for (Index &index : table.indexes) {
    if (index.Primary()) continue;
    index.entries.clear();
    std::set<Bytes> seen;
    for (const auto &record : table.records) {
      if (record.second.committed.empty() || !record.second.committed.back().row) continue;
      jet::Err refusal = jet::err::Success;
      for (Bytes &key : keys::RowKeys(table, index, *record.second.committed.back().row, &refusal)) {
        if (index.Unique() && !seen.insert(key).second) return false;
        index.entries.emplace(std::move(key), record.first);
      }
    }
  }
  return true;
}

Image Snapshot(const Database &db) {
  Image image;
  image.nextObjid = db.nextObjid;
  image.tables.reserve(db.tables.size());
  for (const auto &entry : db.tables) {
    const Table &t = *entry.second;
    TableImage table;
    table.definition = codec::TableDefBytes(t);
    // What ESE's tree gives the first insert after a load: its nodes flagged deleted count,
    // though the image leaves them out (those of a table loaded and not inserted into since
    // are in the number it was loaded with).
    table.nextDbk = t.dbkWorkedOut ? DbkAfterLastNode(t) : std::max(t.nextDbk, DbkAfterLastNode(t));
    table.nextAutoinc = t.NextAutoincAfterReload();
    table.records.reserve(t.records.size());
    for (const auto &record : t.records) {
      // The newest committed version; none, or a deletion, leaves the record out.
      if (record.second.committed.empty() || !record.second.committed.back().row) continue;
      table.records.emplace_back(record.first, record.second.committed.back().row);
    }
    image.tables.push_back(std::move(table));
  }
  return image;
}

jet::Err Open(const std::u16string &path, bool readOnly, std::unique_ptr<storage::File> *file, Header *header,
              std::string *payload) {
  std::unique_ptr<storage::File> opened;
  jet::Err err = storage::File::Open(path, readOnly ? storage::OpenMode::kRead : storage::OpenMode::kReadWrite,
                                     readOnly ? storage::FileLock::kShared : storage::FileLock::kExclusive, &opened);
  if (err < jet::err::Success) return err;
  std::string data;
  if ((err = opened->ReadAll(&data)) < jet::err::Success) return err;
  if ((err = DecodeHeader(data, header)) < jet::err::Success) return err;
  if (header->payloadSize != data.size() - kHeaderSize ||
      header->payloadChecksum != storage::ChecksumOf(data.data() + kHeaderSize, data.size() - kHeaderSize)) {
    return jet::err::ReadVerifyFailure;
  }
  payload->assign(data, kHeaderSize, std::string::npos);
  *file = std::move(opened);
  return jet::err::Success;
}

jet::Err Load(const std::string &payload, Database *db) {
  ByteReader r(payload);
  db->nextObjid = r.U32();
  // A table takes at least 54 bytes: its objid, a one-character name, five sizes, two counts
  // (columns and indexes, both possibly 0), its counters and its record count.
  const std::uint32_t tables = r.Count(4 + (4 + 2) + 5 * 4 + 2 * 4 + (4 + 8) + 4);
  std::set<std::uint32_t> objids;
  for (std::uint32_t ti = 0; ti < tables && r.ok(); ++ti) {
    auto t = std::make_shared<Table>();
    if (!codec::ReadTableDef(r, t.get())) return jet::err::DatabaseCorrupted;
    if (!codec::ReadCounters(r, &t->nextDbk, &t->nextAutoinc)) return jet::err::DatabaseCorrupted;
    if (t->objid >= db->nextObjid || !objids.insert(t->objid).second) return jet::err::DatabaseCorrupted;
    const std::uint32_t records = r.Count(12);
    for (std::uint32_t i = 0; i < records && r.ok(); ++i) {
      Bytes bookmark = r.Bytes(kBookmarkMost);
      RowPtr row;
      if (!r.ok() || !codec::ReadRow(r, *t, &row) || !codec::PlaceRecord(*t, &bookmark, *row)) {
        return jet::err::DatabaseCorrupted;
      }
      Record record;
      record.committed.push_back(Version{0, std::move(row)});
      if (!t->records.emplace(std::move(bookmark), std::move(record)).second) return jet::err::DatabaseCorrupted;
    }
    if (!r.ok() || !RebuildIndexEntries(*t)) return jet::err::DatabaseCorrupted;
    if (!db->tables.emplace(FoldName(t->name), t).second) return jet::err::DatabaseCorrupted;
  }
  if (!r.AtEnd()) return jet::err::DatabaseCorrupted;
  return jet::err::Success;
}

jet::Err Create(const std::u16string &path, bool overwrite, std::unique_ptr<storage::File> *file, Header *header) {
  std::unique_ptr<storage::File> created;
  jet::Err err = storage::File::Open(path, storage::OpenMode::kCreateNew, storage::FileLock::kExclusive, &created);
  if (err == jet::err::FileAccessDenied && overwrite && storage::FileExists(path)) {
    // Locked first, emptied after: a file another process holds is never touched.
    err = storage::File::Open(path, storage::OpenMode::kReadWrite, storage::FileLock::kExclusive, &created);
  }
  if (err < jet::err::Success) return err;
  *header = Header();
  if ((err = WriteImage(*created, Image(), header)) < jet::err::Success) return err;
  *file = std::move(created);
  return jet::err::Success;
}

jet::Err Write(Database &db, const Image &image, Header *header) {
  // The absolute path: the working folder may have changed since the attach.
  const std::u16string temporary = db.location + u".emu-tmp";
  std::unique_ptr<storage::File> file;
  jet::Err err =
      storage::File::Open(temporary, storage::OpenMode::kCreateAlways, storage::FileLock::kExclusive, &file);
  if (err < jet::err::Success) return err;
  if ((err = WriteImage(*file, image, header)) < jet::err::Success) {
    file.reset();
    storage::RemoveFile(temporary);
    return err;
  }
#if defined(_WIN32)
  // Windows renames nothing over a file that is open: the old file's handle, and with it the
  // lock, goes first. Meanwhile another process could only find the database dirty.
  db.file.reset();
#endif
  if ((err = file->ReplaceAs(db.location)) < jet::err::Success) {
    file.reset();
    storage::RemoveFile(temporary);
#if defined(_WIN32)
    storage::File::Open(db.location, storage::OpenMode::kReadWrite, storage::FileLock::kExclusive, &db.file);
#endif
    return err;
  }
  db.file = std::move(file);
  return jet::err::Success;
}

jet::Err WriteHeader(storage::File &file, const Header &header) {
  const std::string encoded = EncodeHeader(header);
  const jet::Err err = file.WriteAt(0, encoded.data(), encoded.size());
  return err < jet::err::Success ? err : file.Sync();
}

std::uint64_t Size(const std::u16string &path) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(paths::ToFsPath(path), error);
  return error ? 0 : static_cast<std::uint64_t>(size);
}

std::u16string FullPath(const std::u16string &path) {
  std::error_code error;
  fs::path absolute = fs::absolute(paths::ToFsPath(path), error);
  if (error) return path;
  absolute = absolute.lexically_normal();
#if defined(_WIN32)
  const std::wstring wide = absolute.wstring();
  return std::u16string(wide.begin(), wide.end());
#else
  return Utf8ToUtf16(absolute.string());
#endif
}

std::u16string AbsolutePath(const std::u16string &path) {
#if defined(_WIN32)
  std::u16string result = FullPath(path);
  for (char16_t &c : result) {
    if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - u'a' + u'A');
    if (c == u'/') c = u'\\';
  }
  return result;
#else
  return FullPath(path);
#endif
}

}  // namespace file
}  // namespace data
}  // namespace emu
