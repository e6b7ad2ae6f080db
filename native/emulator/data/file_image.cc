#include "file_image.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "key_normalize.h"
#include "../paths.h"
#include "../utf16.h"

#if defined(_WIN32)
#include <io.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace emu {
namespace data {
namespace file {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'E', 'S', 'E', 'E', 'M', 'U', 'D', 'B'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

std::uint64_t Checksum(const char *data, std::size_t size) {
  // FNV-1a, 64 bits: enough to tell a torn or edited image from a whole one.
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

class Writer {
 public:
  void U8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(std::uint16_t v) { Raw(&v, 2); }
  void U32(std::uint32_t v) { Raw(&v, 4); }
  void U64(std::uint64_t v) { Raw(&v, 8); }
  void Blob(const Bytes &b) {
    U32(static_cast<std::uint32_t>(b.size()));
    out_ += b;
  }
  void Text(const std::u16string &s) {
    U32(static_cast<std::uint32_t>(s.size()));
    for (char16_t c : s) U16(c);
  }
  Bytes &Out() { return out_; }

 private:
  void Raw(const void *p, std::size_t n) {
    // Little-endian whatever the host: files move between machines.
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    for (std::size_t i = 0; i < n; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  Bytes out_;
};

class Reader {
 public:
  Reader(const char *p, std::size_t n) : p_(p), n_(n) {}
  bool ok() const { return ok_; }
  std::uint64_t Uint(std::size_t n) {
    if (!ok_ || n_ - at_ < n) {
      ok_ = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t(static_cast<unsigned char>(p_[at_ + i])) << (8 * i);
    at_ += n;
    return v;
  }
  std::uint8_t U8() { return static_cast<std::uint8_t>(Uint(1)); }
  std::uint16_t U16() { return static_cast<std::uint16_t>(Uint(2)); }
  std::uint32_t U32() { return static_cast<std::uint32_t>(Uint(4)); }
  std::uint64_t U64() { return Uint(8); }
  Bytes Blob() {
    const std::uint32_t n = U32();
    if (!ok_ || n_ - at_ < n) {
      ok_ = false;
      return Bytes();
    }
    Bytes b(p_ + at_, n);
    at_ += n;
    return b;
  }
  std::u16string Text() {
    const std::uint32_t n = U32();
    if (!ok_ || (n_ - at_) / 2 < n) {
      ok_ = false;
      return std::u16string();
    }
    std::u16string s;
    for (std::uint32_t i = 0; i < n; ++i) s.push_back(static_cast<char16_t>(U16()));
    return s;
  }
  // Guards counts read from the file against absurd allocations.
  std::uint32_t Count() {
    const std::uint32_t n = U32();
    if (n > n_ - at_) ok_ = false;
    return ok_ ? n : 0;
  }
  bool AtEnd() const { return at_ == n_; }

 private:
  const char *p_;
  std::size_t n_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

void WriteRow(Writer &w, const Row &row) {
  w.U32(static_cast<std::uint32_t>(row.values.size()));
  for (const auto &entry : row.values) {
    w.U32(entry.first);
    w.U32(static_cast<std::uint32_t>(entry.second.size()));
    for (const Bytes &value : entry.second) w.Blob(value);
  }
  w.U32(static_cast<std::uint32_t>(row.nulls.size()));
  for (jet::Columnid id : row.nulls) w.U32(id);
}

RowPtr ReadRow(Reader &r) {
  auto row = std::make_shared<Row>();
  const std::uint32_t columns = r.Count();
  for (std::uint32_t i = 0; i < columns && r.ok(); ++i) {
    const jet::Columnid id = r.U32();
    const std::uint32_t n = r.Count();
    std::vector<Bytes> values;
    for (std::uint32_t j = 0; j < n && r.ok(); ++j) values.push_back(r.Blob());
    row->values[id] = std::move(values);
  }
  const std::uint32_t nulls = r.Count();
  for (std::uint32_t i = 0; i < nulls && r.ok(); ++i) row->nulls.insert(r.U32());
  return row;
}

// The newest committed image of a record, or null when its newest committed version deletes it.
const Row *CommittedRow(const Record &record) {
  if (record.committed.empty()) return nullptr;
  return record.committed.back().row.get();
}

}  // namespace

Bytes Serialize(const Database &db) {
  Writer w;
  w.U32(db.nextObjid);
  w.U32(static_cast<std::uint32_t>(db.tables.size()));
  for (const auto &entry : db.tables) {
    const Table &t = *entry.second;
    w.U32(t.objid);
    w.Text(t.name);
    w.U32(t.pages);
    w.U32(t.density);
    w.U32(t.nextDbk);
    w.U64(static_cast<std::uint64_t>(t.nextAutoinc));
    w.U32(t.nextFixed);
    w.U32(t.nextVar);
    w.U32(t.nextTagged);
    w.U32(static_cast<std::uint32_t>(t.columns.size()));
    for (const Column &c : t.columns) {
      w.U32(c.id);
      w.Text(c.name);
      w.U32(c.type);
      w.U32(c.cbMax);
      w.U32(c.grbit);
      w.U16(c.cp);
      w.U8(c.hasDefault ? 1 : 0);
      w.Blob(c.defaultValue);
    }
    w.U32(static_cast<std::uint32_t>(t.indexes.size()));
    for (const Index &i : t.indexes) {
      w.Text(i.name);
      w.U32(i.grbit);
      w.U32(i.lcid);
      w.U32(i.mapFlags);
      w.U32(i.cbVarSegMac);
      w.U32(i.cbKeyMost);
      w.U32(i.density);
      w.U32(static_cast<std::uint32_t>(i.segments.size()));
      for (const IndexSegment &s : i.segments) {
        w.U32(s.column);
        w.U8(s.descending ? 1 : 0);
      }
    }
    std::uint32_t live = 0;
    for (const auto &record : t.records) live += CommittedRow(record.second) != nullptr ? 1 : 0;
    w.U32(live);
    for (const auto &record : t.records) {
      const Row *row = CommittedRow(record.second);
      if (row == nullptr) continue;
      w.Blob(record.first);
      WriteRow(w, *row);
    }
  }

  const Bytes &payload = w.Out();
  Writer header;
  Bytes image(kMagic, sizeof kMagic);
  header.U32(kFormatVersion);
  header.U32(0);
  header.U64(payload.size());
  header.U64(Checksum(payload.data(), payload.size()));
  image += header.Out();
  image += payload;
  return image;
}

jet::Err Deserialize(const Bytes &image, Database *db, std::uint64_t commitTime) {
  Reader r(image.data() + kHeaderSize, image.size() - kHeaderSize);
  db->nextObjid = r.U32();
  const std::uint32_t tables = r.Count();
  for (std::uint32_t ti = 0; ti < tables && r.ok(); ++ti) {
    auto t = std::make_shared<Table>();
    t->objid = r.U32();
    t->name = r.Text();
    t->pages = r.U32();
    t->density = r.U32();
    t->nextDbk = r.U32();
    t->nextAutoinc = static_cast<std::int64_t>(r.U64());
    t->nextFixed = r.U32();
    t->nextVar = r.U32();
    t->nextTagged = r.U32();
    const std::uint32_t columns = r.Count();
    for (std::uint32_t i = 0; i < columns && r.ok(); ++i) {
      Column c;
      c.id = r.U32();
      c.name = r.Text();
      c.type = r.U32();
      c.cbMax = r.U32();
      c.grbit = r.U32();
      c.cp = r.U16();
      c.hasDefault = r.U8() != 0;
      c.defaultValue = r.Blob();
      t->columns.push_back(std::move(c));
    }
    const std::uint32_t indexes = r.Count();
    for (std::uint32_t i = 0; i < indexes && r.ok(); ++i) {
      Index x;
      x.name = r.Text();
      x.grbit = r.U32();
      x.lcid = r.U32();
      x.mapFlags = r.U32();
      x.cbVarSegMac = r.U32();
      x.cbKeyMost = r.U32();
      x.density = r.U32();
      const std::uint32_t segments = r.Count();
      for (std::uint32_t s = 0; s < segments && r.ok(); ++s) {
        IndexSegment seg;
        seg.column = r.U32();
        seg.descending = r.U8() != 0;
        x.segments.push_back(seg);
      }
      t->indexes.push_back(std::move(x));
    }
    const std::uint32_t records = r.Count();
    for (std::uint32_t i = 0; i < records && r.ok(); ++i) {
      Bytes bookmark = r.Blob();
      Record record;
      record.committed.push_back(Version{commitTime, ReadRow(r)});
      t->records.emplace(std::move(bookmark), std::move(record));
    }
    if (!r.ok()) break;
    for (Index &x : t->indexes) {
      if (x.Primary()) continue;
      for (const auto &record : t->records) {
        bool refused = false;
        for (Bytes &key : keys::RowKeys(*t, x, *record.second.committed.back().row, &refused)) {
          x.entries.emplace(std::move(key), record.first);
        }
      }
    }
    db->tables[FoldName(t->name)] = t;
  }
  if (!r.ok() || !r.AtEnd()) return jet::err::DatabaseCorrupted;
  return jet::err::Success;
}

bool Exists(const std::u16string &path) {
  std::error_code error;
  return fs::exists(paths::ToFsPath(path), error);
}

std::uint64_t Size(const std::u16string &path) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(paths::ToFsPath(path), error);
  return error ? 0 : static_cast<std::uint64_t>(size);
}

std::u16string AbsolutePath(const std::u16string &path) {
  std::error_code error;
  fs::path absolute = fs::absolute(paths::ToFsPath(path), error);
  if (error) return path;
  absolute = absolute.lexically_normal();
#if defined(_WIN32)
  const std::wstring wide = absolute.wstring();
  std::u16string result(wide.begin(), wide.end());
  for (char16_t &c : result) {
    if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - u'a' + u'A');
    if (c == u'/') c = u'\\';
  }
  return result;
#else
  return Utf8ToUtf16(absolute.string());
#endif
}

jet::Err Read(const std::u16string &path, Bytes *image) {
  std::error_code error;
  const fs::path p = paths::ToFsPath(path);
  if (!fs::exists(p, error)) return jet::err::FileNotFound;
  if (fs::is_directory(p, error)) return jet::err::FileAccessDenied;
#if defined(_WIN32)
  FILE *f = _wfopen(p.wstring().c_str(), L"rb");
#else
  FILE *f = std::fopen(p.string().c_str(), "rb");
#endif
  if (f == nullptr) return errno == ENOENT ? jet::err::FileNotFound : jet::err::FileAccessDenied;
  Bytes data;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) data.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return jet::err::DiskIO;

  if (data.size() < kHeaderSize || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    return jet::err::DatabaseCorrupted;
  }
  Reader header(data.data() + sizeof kMagic, kHeaderSize - sizeof kMagic);
  const std::uint32_t version = header.U32();
  header.U32();
  const std::uint64_t payloadSize = header.U64();
  const std::uint64_t checksum = header.U64();
  if (version != kFormatVersion) return jet::err::InvalidDatabaseVersion;
  if (payloadSize != data.size() - kHeaderSize ||
      checksum != Checksum(data.data() + kHeaderSize, data.size() - kHeaderSize)) {
    return jet::err::ReadVerifyFailure;
  }
  *image = std::move(data);
  return jet::err::Success;
}

jet::Err Write(const std::u16string &path, const Bytes &image) {
  const fs::path target = paths::ToFsPath(path);
  fs::path temp = target;
  temp += ".emu-tmp";
#if defined(_WIN32)
  FILE *f = _wfopen(temp.wstring().c_str(), L"wb");
#else
  FILE *f = std::fopen(temp.string().c_str(), "wb");
#endif
  if (f == nullptr) return errno == ENOSPC ? jet::err::DiskFull : jet::err::FileAccessDenied;
  bool ok = std::fwrite(image.data(), 1, image.size(), f) == image.size();
  ok = std::fflush(f) == 0 && ok;
#if defined(_WIN32)
  ok = _commit(_fileno(f)) == 0 && ok;
#else
  ok = fsync(fileno(f)) == 0 && ok;
#endif
  const int writeErrno = errno;
  std::fclose(f);
  std::error_code error;
  if (!ok) {
    fs::remove(temp, error);
    return writeErrno == ENOSPC ? jet::err::DiskFull : jet::err::DiskIO;
  }
#if defined(_WIN32)
  if (!MoveFileExW(temp.wstring().c_str(), target.wstring().c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    fs::remove(temp, error);
    return jet::err::DiskIO;
  }
#else
  fs::rename(temp, target, error);
  if (error) {
    fs::remove(temp, error);
    return jet::err::DiskIO;
  }
  // The rename itself must reach the disk too.
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  const int dir = open(folder.string().c_str(), O_RDONLY);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
#endif
  return jet::err::Success;
}

jet::Err Remove(const std::u16string &path) {
  std::error_code error;
  fs::remove(paths::ToFsPath(path), error);
  return error ? jet::err::FileAccessDenied : jet::err::Success;
}

}  // namespace file
}  // namespace data
}  // namespace emu
