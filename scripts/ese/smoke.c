// The real-engine lane's first check, before the test suite: a Windows program that loads
// ese.dll by path and walks the engine's basic path with raw JET calls. It creates an
// instance, a database, a table with a key column and a text column, inserts three rows in a
// transaction, seeks one by key, retrieves its text, and shuts down. Every call's result is
// printed; the program stops at the first error and exits non-zero. Then it hands the engine
// handles that are not valid (made up, or of a session already ended) and expects ESE's errors
// for them: the engine validates handles inside structured exception handlers, so this also
// checks that those handlers work in this build.
//
// Usage (under Wine): smoke.exe <path of ese.dll> <working folder>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

typedef long JET_ERR;
typedef ULONG_PTR JET_INSTANCE, JET_SESID, JET_TABLEID, JET_API_PTR;
typedef unsigned long JET_DBID, JET_COLUMNID;

typedef struct {
  unsigned long cbStruct;
  JET_COLUMNID columnid;
  unsigned long coltyp;
  unsigned short wCountry;
  unsigned short langid;
  unsigned short cp;
  unsigned short wCollate;
  unsigned long cbMax;
  unsigned long grbit;
} JET_COLUMNDEF;

enum {
  JET_errInvalidSesid = -1104,
  JET_errInvalidTableId = -1310,
  JET_errInvalidInstance = -1115,
  JET_paramSystemPath = 0,
  JET_paramTempPath = 1,
  JET_paramLogFilePath = 2,
  JET_paramNoInformationEvent = 50,
  JET_coltypLong = 4,
  JET_coltypLongText = 12,
  JET_bitDbOverwriteExisting = 0x200,
  JET_bitIndexPrimary = 0x2,
  JET_prepInsert = 0,
  JET_bitNewKey = 0x1,
  JET_bitSeekEQ = 0x1,
  CP_UNICODE = 1200,
};

#define JET_FUNCTIONS(X)                                                                                          \
  X(JetCreateInstanceW, (JET_INSTANCE *, const WCHAR *))                                                          \
  X(JetSetSystemParameterW, (JET_INSTANCE *, JET_SESID, unsigned long, JET_API_PTR, const WCHAR *))               \
  X(JetInit, (JET_INSTANCE *))                                                                                    \
  X(JetBeginSessionW, (JET_INSTANCE, JET_SESID *, const WCHAR *, const WCHAR *))                                  \
  X(JetCreateDatabaseW, (JET_SESID, const WCHAR *, const WCHAR *, JET_DBID *, unsigned long))                     \
  X(JetBeginTransaction, (JET_SESID))                                                                             \
  X(JetCommitTransaction, (JET_SESID, unsigned long))                                                             \
  X(JetCreateTableW, (JET_SESID, JET_DBID, const WCHAR *, unsigned long, unsigned long, JET_TABLEID *))           \
  X(JetAddColumnW, (JET_SESID, JET_TABLEID, const WCHAR *, const JET_COLUMNDEF *, const void *, unsigned long,    \
                    JET_COLUMNID *))                                                                              \
  X(JetCreateIndexW, (JET_SESID, JET_TABLEID, const WCHAR *, unsigned long, const WCHAR *, unsigned long,         \
                      unsigned long))                                                                             \
  X(JetPrepareUpdate, (JET_SESID, JET_TABLEID, unsigned long))                                                    \
  X(JetSetColumn, (JET_SESID, JET_TABLEID, JET_COLUMNID, const void *, unsigned long, unsigned long, void *))      \
  X(JetUpdate, (JET_SESID, JET_TABLEID, void *, unsigned long, unsigned long *))                                  \
  X(JetMakeKey, (JET_SESID, JET_TABLEID, const void *, unsigned long, unsigned long))                             \
  X(JetSeek, (JET_SESID, JET_TABLEID, unsigned long))                                                             \
  X(JetRetrieveColumn, (JET_SESID, JET_TABLEID, JET_COLUMNID, void *, unsigned long, unsigned long *,             \
                        unsigned long, void *))                                                                   \
  X(JetCloseTable, (JET_SESID, JET_TABLEID))                                                                      \
  X(JetEndSession, (JET_SESID, unsigned long))                                                                    \
  X(JetTerm, (JET_INSTANCE))

#define DECLARE(name, params) static JET_ERR(WINAPI *name) params;
JET_FUNCTIONS(DECLARE)

#define CALL(expression)                                              \
  do {                                                                \
    JET_ERR err_ = (expression);                                      \
    printf("%-72s %ld\n", #expression, err_);                         \
    fflush(stdout);                                                   \
    if (err_ < 0) return 1;                                           \
  } while (0)

// A call that must fail with the given error.
#define EXPECT(expression, expected)                                                  \
  do {                                                                                \
    JET_ERR err_ = (expression);                                                      \
    printf("%-72s %ld\n", #expression, err_);                                          \
    fflush(stdout);                                                                   \
    if (err_ != (expected)) {                                                         \
      printf("expected %s (%ld)\n", #expected, (long)(expected));                      \
      return 1;                                                                       \
    }                                                                                 \
  } while (0)

static int run(const WCHAR *folder) {
  WCHAR path[MAX_PATH];
  JET_INSTANCE instance;
  JET_SESID session;
  JET_DBID db;
  JET_TABLEID table;
  JET_COLUMNID idColumn, textColumn;

  CALL(JetCreateInstanceW(&instance, L"smoke"));
  CALL(JetSetSystemParameterW(&instance, 0, JET_paramSystemPath, 0, folder));
  CALL(JetSetSystemParameterW(&instance, 0, JET_paramTempPath, 0, folder));
  CALL(JetSetSystemParameterW(&instance, 0, JET_paramLogFilePath, 0, folder));
  CALL(JetSetSystemParameterW(&instance, 0, JET_paramNoInformationEvent, 1, NULL));
  CALL(JetInit(&instance));
  CALL(JetBeginSessionW(instance, &session, NULL, NULL));
  swprintf(path, MAX_PATH, L"%lssmoke.edb", folder);
  CALL(JetCreateDatabaseW(session, path, NULL, &db, JET_bitDbOverwriteExisting));

  CALL(JetBeginTransaction(session));
  CALL(JetCreateTableW(session, db, L"items", 0, 100, &table));
  JET_COLUMNDEF def = {sizeof(def)};
  def.coltyp = JET_coltypLong;
  CALL(JetAddColumnW(session, table, L"id", &def, NULL, 0, &idColumn));
  def.coltyp = JET_coltypLongText;
  def.cp = CP_UNICODE;
  CALL(JetAddColumnW(session, table, L"text", &def, NULL, 0, &textColumn));
  static const WCHAR key[] = L"+id\0";
  CALL(JetCreateIndexW(session, table, L"primary", JET_bitIndexPrimary, key, sizeof(key), 100));
  for (long id = 1; id <= 3; id++) {
    WCHAR text[32];
    int length = swprintf(text, 32, L"row %ld", id);
    CALL(JetPrepareUpdate(session, table, JET_prepInsert));
    CALL(JetSetColumn(session, table, idColumn, &id, sizeof(id), 0, NULL));
    CALL(JetSetColumn(session, table, textColumn, text, length * sizeof(WCHAR), 0, NULL));
    CALL(JetUpdate(session, table, NULL, 0, NULL));
  }
  CALL(JetCommitTransaction(session, 0));

  long wanted = 2;
  CALL(JetMakeKey(session, table, &wanted, sizeof(wanted), JET_bitNewKey));
  CALL(JetSeek(session, table, JET_bitSeekEQ));
  WCHAR text[32] = {0};
  unsigned long size = 0;
  CALL(JetRetrieveColumn(session, table, textColumn, text, sizeof(text) - sizeof(WCHAR), &size, 0, NULL));
  printf("retrieved \"%ls\" (%lu bytes)\n", text, size);
  if (wcscmp(text, L"row 2") != 0) {
    printf("expected \"row 2\"\n");
    return 1;
  }

  // Handles that are not the engine's: a made-up address that maps no memory, one that does
  // (the address of a local variable), and a session's table under a made-up session.
  const JET_SESID madeUp = (JET_SESID)0x0000123456789ab0ULL;
  const JET_SESID local = (JET_SESID)&size;
  EXPECT(JetBeginTransaction(madeUp), JET_errInvalidSesid);
  EXPECT(JetBeginTransaction(local), JET_errInvalidSesid);
  EXPECT(JetBeginTransaction(0), JET_errInvalidSesid);
  EXPECT(JetCloseTable(session, (JET_TABLEID)0x0000123456789ab0ULL), JET_errInvalidTableId);
  JET_SESID other;
  EXPECT(JetBeginSessionW((JET_INSTANCE)0x0000123456789ab0ULL, &other, NULL, NULL), JET_errInvalidInstance);

  CALL(JetCloseTable(session, table));
  CALL(JetEndSession(session, 0));
  // The session is gone: its handle is stale now.
  EXPECT(JetBeginTransaction(session), JET_errInvalidSesid);
  EXPECT(JetEndSession(session, 0), JET_errInvalidSesid);
  CALL(JetTerm(instance));
  return 0;
}

int wmain(int argc, WCHAR **argv) {
  if (argc != 3) {
    printf("usage: smoke.exe <ese.dll> <working folder ending in \\>\n");
    return 2;
  }
  HMODULE engine = LoadLibraryW(argv[1]);
  if (!engine) {
    printf("LoadLibrary(%ls) failed: error %lu\n", argv[1], GetLastError());
    return 3;
  }
#define RESOLVE(name, params)                                           \
  name = (JET_ERR(WINAPI *) params)(void *)GetProcAddress(engine, #name); \
  if (!name) {                                                          \
    printf("ese.dll does not export %s\n", #name);                      \
    return 3;                                                           \
  }
  JET_FUNCTIONS(RESOLVE)
  printf("loaded %ls\n", argv[1]);
  int code = run(argv[2]);
  printf(code == 0 ? "smoke: passed\n" : "smoke: FAILED\n");
  return code;
}
