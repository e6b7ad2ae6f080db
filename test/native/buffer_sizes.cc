// What an engine writes into a caller's buffer that is too small, or larger than the value:
// answers the raw JavaScript API cannot show, because it always passes a buffer that fits.
// A plain C++ program that loads an engine library through the project's loader and checks
// each answer against the one ESE's source gives, printing every check and exiting 1 when any
// differs. test/engine-buffers.test.ts runs it on the emulator; the real-engine lane's smoke
// step (scripts/ese/smoke.mjs) runs the same program on ESE's engine under Wine.
//
// Usage: buffer_sizes <engine library> <working folder, ending in a path separator>
#include <cstdio>
#include <cstring>
#include <string>

#include "../../native/loader/engine_library.h"

#ifdef _WIN32
#define WIDE(s) L##s
#else
#define WIDE(s) u##s
#endif

namespace {

const esent::EngineTable *engine = nullptr;
int failures = 0;

void Report(const char *what, bool ok, const std::string &detail) {
  std::printf("%-4s %s%s%s\n", ok ? "ok" : "FAIL", what, detail.empty() ? "" : ": ", detail.c_str());
  std::fflush(stdout);
  if (!ok) ++failures;
}

// A step that must succeed for the checks to mean anything.
bool Step(const char *what, jet::Err err) {
  if (err >= 0) return true;
  Report(what, false, "error " + std::to_string(err));
  return false;
}

void Expect(const char *what, long actual, long expected) {
  Report(what, actual == expected,
         actual == expected ? std::to_string(actual) : std::to_string(actual) + ", expected " + std::to_string(expected));
}

std::basic_string<jet::WChar> Wide(const std::string &ascii) {
  return std::basic_string<jet::WChar>(ascii.begin(), ascii.end());
}

int Run(const std::string &folder) {
  jet::Instance instance = 0;
  jet::Sesid sesid = 0;
  jet::Dbid dbid = 0;
  jet::Tableid tableid = 0;
  jet::Columnid id = 0;
  const auto path = Wide(folder);
  if (!Step("JetCreateInstanceW", engine->CreateInstanceW(&instance, WIDE("buffers")))) return 1;
  if (!Step("JetSetSystemParameterW(SystemPath)",
            engine->SetSystemParameterW(&instance, 0, jet::param::SystemPath, 0, path.c_str())) ||
      !Step("JetSetSystemParameterW(TempPath)",
            engine->SetSystemParameterW(&instance, 0, jet::param::TempPath, 0, path.c_str())) ||
      !Step("JetSetSystemParameterW(LogFilePath)",
            engine->SetSystemParameterW(&instance, 0, jet::param::LogFilePath, 0, path.c_str())) ||
      !Step("JetSetSystemParameterW(NoInformationEvent)",
            engine->SetSystemParameterW(&instance, 0, jet::param::NoInformationEvent, 1, nullptr)) ||
      !Step("JetInit", engine->Init(&instance)) ||
      !Step("JetBeginSessionW", engine->BeginSessionW(instance, &sesid, nullptr, nullptr))) {
    return 1;
  }
  const auto file = path + WIDE("buffers.edb");
  if (!Step("JetCreateDatabase2W",
            engine->CreateDatabase2W(sesid, file.c_str(), 0, &dbid, jet::bit::DbOverwriteExisting)) ||
      !Step("JetCreateTableW", engine->CreateTableW(sesid, dbid, WIDE("t"), 0, 70, &tableid))) {
    return 1;
  }
  jet::ColumnDef def{};
  def.cbStruct = sizeof def;
  def.coltyp = jet::coltyp::Long;
  if (!Step("JetAddColumnW", engine->AddColumnW(sesid, tableid, WIDE("id"), &def, nullptr, 0, &id))) return 1;
  jet::WChar name[] = WIDE("pk");
  jet::WChar key[] = WIDE("+id\0");
  jet::IndexCreateW index{};
  index.cbStruct = sizeof index;
  index.szIndexName = name;
  index.szKey = key;
  index.cbKey = sizeof key;
  index.grbit = jet::bit::IndexPrimary;
  index.ulDensity = 90;  // not read: the index takes the table's density, 70
  if (!Step("JetCreateIndex2W", engine->CreateIndex2W(sesid, tableid, &index, 1))) return 1;
  const std::int32_t value = 7;
  if (!Step("JetBeginTransaction", engine->BeginTransaction(sesid)) ||
      !Step("JetPrepareUpdate", engine->PrepareUpdate(sesid, tableid, jet::prep::Insert)) ||
      !Step("JetSetColumn", engine->SetColumn(sesid, tableid, id, &value, sizeof value, 0, nullptr)) ||
      !Step("JetUpdate2", engine->Update2(sesid, tableid, nullptr, 0, nullptr, 0)) ||
      !Step("JetCommitTransaction", engine->CommitTransaction(sesid, 0)) ||
      !Step("JetSetCurrentIndex4W", engine->SetCurrentIndex4W(sesid, tableid, WIDE("pk"), nullptr, 0, 0)) ||
      !Step("JetMakeKey", engine->MakeKey(sesid, tableid, &value, sizeof value, jet::bit::NewKey)) ||
      !Step("JetSeek", engine->Seek(sesid, tableid, jet::bit::SeekEQ))) {
    return 1;
  }

  unsigned char buffer[16];
  jet::ULong actual = 0;

  // fldnorm.cxx ErrIsamRetrieveKey: the current entry's key, cut to the buffer with
  // JET_wrnBufferTruncated and its whole size in *pcbActual.
  std::memset(buffer, 0xEE, sizeof buffer);
  Expect("JetRetrieveKey, 2 bytes of a 5-byte key", engine->RetrieveKey(sesid, tableid, buffer, 2, &actual, 0),
         jet::wrn::BufferTruncated);
  Expect("  its size", actual, 5);
  Expect("  bytes written", buffer[0] == 0x7F && buffer[2] == 0xEE, 1);
  // With JET_bitRetrieveCopy, the search key is copied as far as it fits and the call succeeds.
  if (!Step("JetMakeKey", engine->MakeKey(sesid, tableid, &value, sizeof value, jet::bit::NewKey))) return 1;
  std::memset(buffer, 0xEE, sizeof buffer);
  actual = 0;
  Expect("JetRetrieveKey(JET_bitRetrieveCopy), 2 bytes of a 5-byte key",
         engine->RetrieveKey(sesid, tableid, buffer, 2, &actual, jet::bit::RetrieveCopyKey), jet::err::Success);
  Expect("  its size", actual, 5);
  Expect("  bytes written", buffer[0] == 0x7F && buffer[2] == 0xEE, 1);

  // fldnorm.cxx ErrIsamGetBookmark: JET_errBufferTooSmall, with the bookmark's first bytes
  // copied and its whole size in *pcbActual.
  std::memset(buffer, 0xEE, sizeof buffer);
  actual = 0;
  Expect("JetGetBookmark, 2 bytes of a 5-byte bookmark", engine->GetBookmark(sesid, tableid, buffer, 2, &actual),
         jet::err::BufferTooSmall);
  Expect("  its size", actual, 5);
  Expect("  bytes written", buffer[0] == 0x7F && buffer[2] == 0xEE, 1);

  // info.cxx ErrIsamGetTableInfo: JET_TblInfoDbid writes one JET_DBID, whatever room follows.
  jet::Dbid dbids[2] = {0xEEEEEEEE, 0xEEEEEEEE};
  Expect("JetGetTableInfoW(JET_TblInfoDbid), room for two",
         engine->GetTableInfoW(sesid, tableid, dbids, sizeof dbids, jet::info::TblInfoDbid), jet::err::Success);
  Expect("  the first is the database", dbids[0] == dbid, 1);
  Expect("  the second is left alone", dbids[1] == 0xEEEEEEEE, 1);
  Expect("JetGetTableInfoW(JET_TblInfoDbid), 3 bytes",
         engine->GetTableInfoW(sesid, tableid, dbids, 3, jet::info::TblInfoDbid), jet::err::BufferTooSmall);

  // jetapi.cxx JetGetTableIndexInfoEx checks the buffer's size for the level before anything
  // else (a name that is not valid, an index that is not there); info.cxx
  // ErrINFOGetTableIndexInfo then writes 16 bits for JET_IdxInfoVarSegMac and JET_IdxInfoKeyMost,
  // 32 for JET_IdxInfoSpaceAlloc (the density), and for JET_IdxInfoLCID the LCID, or its
  // LANGID when the buffer holds less than an LCID.
  struct Level {
    const char *name;
    jet::ULong level;
    jet::ULong smallest;  // the fewest bytes accepted
    jet::ULong written;   // bytes written into a 4-byte buffer
    long expected;        // the value written (-1: not checked)
  };
  const Level levels[] = {
      {"JET_IdxInfoVarSegMac", jet::info::IdxInfoVarSegMac, 2, 2, -1},
      {"JET_IdxInfoKeyMost", jet::info::IdxInfoKeyMost, 2, 2, -1},
      {"JET_IdxInfoSpaceAlloc", jet::info::IdxInfoSpaceAlloc, 4, 4, 70},
      {"JET_IdxInfoLCID", jet::info::IdxInfoLCID, 2, 4, 0x409},
      {"JET_IdxInfoCount", jet::info::IdxInfoCount, 4, 4, 1},
  };
  for (const Level &level : levels) {
    const std::string what = std::string("JetGetTableIndexInfoW(") + level.name + ")";
    jet::ULong result = 0xEEEEEEEE;
    Expect((what + ", 4 bytes").c_str(),
           engine->GetTableIndexInfoW(sesid, tableid, WIDE("pk"), &result, sizeof result, level.level),
           jet::err::Success);
    const jet::ULong kept = level.written == 4 ? 0 : 0xEEEE0000u;
    Expect("  bytes left alone", static_cast<long>(result & 0xFFFF0000u), static_cast<long>(kept));
    if (level.expected >= 0) Expect("  the value", static_cast<long>(result & (level.written == 4 ? 0xFFFFFFFFu : 0xFFFFu)), level.expected);
    Expect((what + ", 1 byte fewer than it needs, and a name that is not valid").c_str(),
           engine->GetTableIndexInfoW(sesid, tableid, WIDE("bad.name"), &result, level.smallest - 1, level.level),
           jet::err::BufferTooSmall);
    if (level.smallest == 2 && level.written == 4) {
      std::uint16_t small = 0xEEEE;
      Expect((what + ", 2 bytes").c_str(),
             engine->GetTableIndexInfoW(sesid, tableid, WIDE("pk"), &small, sizeof small, level.level),
             jet::err::Success);
      Expect("  the value", small, 0x409);
    }
  }

  // recupd.cxx ErrIsamUpdate: a replace copies as much of the record's bookmark as fits, and
  // gives its size, before the replace and only when the buffer has room for a byte; the replace
  // then goes on. An insert (ErrRECIInsert) refuses a buffer too small for its bookmark before
  // the record is written, and gives the size even without a buffer.
  if (!Step("JetMove", engine->Move(sesid, tableid, jet::MoveFirst, 0))) return 1;
  for (const jet::ULong room : {jet::ULong{0}, jet::ULong{2}}) {
    std::memset(buffer, 0xEE, sizeof buffer);
    actual = 0xEEEE;
    if (!Step("JetBeginTransaction", engine->BeginTransaction(sesid)) ||
        !Step("JetPrepareUpdate(JET_prepReplace)", engine->PrepareUpdate(sesid, tableid, jet::prep::Replace))) {
      return 1;
    }
    const std::string what = "JetUpdate2 of a replace, " + std::to_string(room) + " bytes for the bookmark";
    Expect(what.c_str(), engine->Update2(sesid, tableid, buffer, room, &actual, 0), jet::err::Success);
    Expect("  the size given", static_cast<long>(actual), room == 0 ? 0xEEEE : 5);
    Expect("  bytes written", buffer[0] == (room == 0 ? 0xEE : 0x7F) && buffer[2] == 0xEE, 1);
    Step("JetCommitTransaction", engine->CommitTransaction(sesid, 0));
  }
  {
    const std::int32_t other = 8;
    std::memset(buffer, 0xEE, sizeof buffer);
    actual = 0;
    if (!Step("JetBeginTransaction", engine->BeginTransaction(sesid)) ||
        !Step("JetPrepareUpdate(JET_prepInsert)", engine->PrepareUpdate(sesid, tableid, jet::prep::Insert)) ||
        !Step("JetSetColumn", engine->SetColumn(sesid, tableid, id, &other, sizeof other, 0, nullptr))) {
      return 1;
    }
    Expect("JetUpdate2 of an insert, 2 bytes for the bookmark", engine->Update2(sesid, tableid, buffer, 2, &actual, 0),
           jet::err::BufferTooSmall);
    Expect("  bytes written", buffer[0] == 0xEE, 1);
    Expect("JetUpdate2 again, no buffer", engine->Update2(sesid, tableid, nullptr, 0, &actual, 0), jet::err::Success);
    Expect("  the size given", static_cast<long>(actual), 5);
    Step("JetCommitTransaction", engine->CommitTransaction(sesid, 0));
  }

  // fldext.cxx ErrRECIRetrieveColumn: a value cut to the buffer with JET_wrnBufferTruncated and
  // its whole size; no buffer at all gives the size the same way.
  if (!Step("JetMove", engine->Move(sesid, tableid, jet::MoveFirst, 0))) return 1;
  std::memset(buffer, 0xEE, sizeof buffer);
  actual = 0;
  Expect("JetRetrieveColumn, 2 bytes of a Long", engine->RetrieveColumn(sesid, tableid, id, buffer, 2, &actual, 0, nullptr),
         jet::wrn::BufferTruncated);
  Expect("  its size", static_cast<long>(actual), 4);
  Expect("  bytes written", buffer[0] == 7 && buffer[1] == 0 && buffer[2] == 0xEE, 1);
  actual = 0;
  Expect("JetRetrieveColumn, no buffer", engine->RetrieveColumn(sesid, tableid, id, nullptr, 0, &actual, 0, nullptr),
         jet::wrn::BufferTruncated);
  Expect("  its size", static_cast<long>(actual), 4);
  {
    jet::RetrieveColumn column{};
    column.columnid = id;
    column.pvData = buffer;
    column.cbData = 2;
    column.itagSequence = 1;
    std::memset(buffer, 0xEE, sizeof buffer);
    Expect("JetRetrieveColumns, 2 bytes of a Long", engine->RetrieveColumns(sesid, tableid, &column, 1),
           jet::wrn::BufferTruncated);
    Expect("  the column's err", column.err, jet::wrn::BufferTruncated);
    Expect("  its size", static_cast<long>(column.cbActual), 4);
    Expect("  bytes written", buffer[0] == 7 && buffer[2] == 0xEE, 1);
  }

  // info.cxx ErrIsamGetDatabaseInfo: each level's own rule for the buffer's size. The name
  // needs room for all of it and its NUL, or nothing is written; most numbers take exactly a
  // LONG (JET_errInvalidBufferSize otherwise, a larger buffer too), the page size too
  // (JET_errBufferTooSmall); the free space (space.cxx ErrSPGetInfo) at least a CPG
  // (JET_errInvalidParameter), the whole buffer cleared.
  {
    jet::WChar name[4];
    std::memset(name, 0xEE, sizeof name);
    Expect("JetGetDatabaseInfoW(JET_DbInfoFilename), 8 bytes",
           engine->GetDatabaseInfoW(sesid, dbid, name, sizeof name, jet::info::DbInfoFilename), jet::err::BufferTooSmall);
    Expect("  bytes written", name[0] == static_cast<jet::WChar>(0xEEEE), 1);
    struct Number {
      const char *name;
      jet::ULong level;
      jet::ULong cb;
      jet::Err expected;
    };
    const Number numbers[] = {
        {"JET_DbInfoLCID, 2 bytes", jet::info::DbInfoLCID, 2, jet::err::InvalidBufferSize},
        {"JET_DbInfoLCID, 8 bytes", jet::info::DbInfoLCID, 8, jet::err::InvalidBufferSize},
        {"JET_DbInfoOptions, 8 bytes", jet::info::DbInfoOptions, 8, jet::err::InvalidBufferSize},
        {"JET_DbInfoSpaceOwned, 8 bytes", jet::info::DbInfoSpaceOwned, 8, jet::err::InvalidBufferSize},
        {"JET_DbInfoSpaceAvailable, 2 bytes", jet::info::DbInfoSpaceAvailable, 2, jet::err::InvalidParameter},
        {"JET_DbInfoPageSize, 8 bytes", jet::info::DbInfoPageSize, 8, jet::err::BufferTooSmall},
        {"JET_DbInfoPageSize, 4 bytes", jet::info::DbInfoPageSize, 4, jet::err::Success},
        {"JET_DbInfoSpaceAvailable, 8 bytes", jet::info::DbInfoSpaceAvailable, 8, jet::err::Success},
    };
    for (const Number &number : numbers) {
      unsigned char bytes[8];
      std::memset(bytes, 0xEE, sizeof bytes);
      const std::string what = std::string("JetGetDatabaseInfoW(") + number.name + ")";
      Expect(what.c_str(), engine->GetDatabaseInfoW(sesid, dbid, bytes, number.cb, number.level), number.expected);
      if (number.level == jet::info::DbInfoPageSize && number.cb == 4) {
        jet::ULong page = 0;
        std::memcpy(&page, bytes, sizeof page);
        Expect("  the default page size", static_cast<long>(page), 4096);
      } else if (number.level == jet::info::DbInfoSpaceAvailable && number.cb == 8) {
        Expect("  all 8 bytes cleared", bytes[4] == 0 && bytes[7] == 0, 1);
      } else {
        Expect("  bytes written", bytes[0] == 0xEE, 1);
      }
    }
  }

  Step("JetCloseTable", engine->CloseTable(sesid, tableid));
  Step("JetEndSession", engine->EndSession(sesid, 0));
  Step("JetTerm", engine->Term(instance));
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: buffer_sizes <engine library> <working folder/>\n");
    return 2;
  }
  std::string error;
  if (!esent::SetEngineLibraryPath(argv[1]) || (engine = esent::GetEngineTable(&error)) == nullptr) {
    std::fprintf(stderr, "cannot load %s: %s\n", argv[1], error.c_str());
    return 2;
  }
  const int status = Run(argv[2]);
  std::printf("%d check(s) failed\n", failures);
  return status;
}
