// The one function table through which the addon reaches an ESE engine: ESENT.dll from
// System32 on Windows, the project's emulator elsewhere, or a library the user names.
// It is loaded once per process, on first use, and never unloaded (sessions and
// instances of every worker thread point into it).
#pragma once

#include <string>

#include "esent/jet_api.h"
#include "esent/jet_data_api.h"

namespace esent {

// Every entry point the addon may call. A null member means the loaded library lacks it;
// callers report that as JET_errEntryPointNotFound naming the function.
struct EngineTable {
#define ESENT_ENGINE_ENTRY_POINTS(X)                          \
  X(CreateInstanceW, "JetCreateInstanceW")                    \
  X(CreateInstance2W, "JetCreateInstance2W")                  \
  X(Init, "JetInit")                                          \
  X(Term, "JetTerm")                                          \
  X(StopServiceInstance, "JetStopServiceInstance")            \
  X(BeginTransaction, "JetBeginTransaction")                  \
  X(SetSystemParameterW, "JetSetSystemParameterW")            \
  X(GetSystemParameterW, "JetGetSystemParameterW")            \
  X(Init3W, "JetInit3W")                                      \
  X(Term2, "JetTerm2")                                        \
  X(StopServiceInstance2, "JetStopServiceInstance2")          \
  X(BeginSessionW, "JetBeginSessionW")                        \
  X(EndSession, "JetEndSession")                              \
  X(DupSession, "JetDupSession")                              \
  X(SetSessionContext, "JetSetSessionContext")                \
  X(ResetSessionContext, "JetResetSessionContext")            \
  X(BeginTransaction2, "JetBeginTransaction2")                \
  X(BeginTransaction3, "JetBeginTransaction3")                \
  X(CommitTransaction, "JetCommitTransaction")                \
  X(CommitTransaction2, "JetCommitTransaction2")              \
  X(Rollback, "JetRollback")                                  \
  X(GetSessionParameter, "JetGetSessionParameter")            \
  X(Idle, "JetIdle")                                          \
  X(GetErrorInfoW, "JetGetErrorInfoW")                        \
  ESENT_ENGINE_DATA_ENTRY_POINTS(X)

// The data half (jet_data_api.h): databases, tables, columns, indexes, cursors, records.
#define ESENT_ENGINE_DATA_ENTRY_POINTS(X)                     \
  X(CreateDatabase2W, "JetCreateDatabase2W")                  \
  X(AttachDatabase2W, "JetAttachDatabase2W")                  \
  X(OpenDatabaseW, "JetOpenDatabaseW")                        \
  X(CloseDatabase, "JetCloseDatabase")                        \
  X(DetachDatabase2W, "JetDetachDatabase2W")                  \
  X(CreateTableColumnIndex3W, "JetCreateTableColumnIndex3W")  \
  X(CreateTableW, "JetCreateTableW")                          \
  X(DeleteTableW, "JetDeleteTableW")                          \
  X(AddColumnW, "JetAddColumnW")                              \
  X(DeleteColumn2W, "JetDeleteColumn2W")                      \
  X(CreateIndex2W, "JetCreateIndex2W")                        \
  X(DeleteIndexW, "JetDeleteIndexW")                          \
  X(GetTableColumnInfoW, "JetGetTableColumnInfoW")            \
  X(GetTableIndexInfoW, "JetGetTableIndexInfoW")              \
  X(GetTableInfoW, "JetGetTableInfoW")                        \
  X(OpenTableW, "JetOpenTableW")                              \
  X(CloseTable, "JetCloseTable")                              \
  X(DupCursor, "JetDupCursor")                                \
  X(SetCurrentIndex4W, "JetSetCurrentIndex4W")                \
  X(Move, "JetMove")                                          \
  X(MakeKey, "JetMakeKey")                                    \
  X(Seek, "JetSeek")                                          \
  X(SetIndexRange, "JetSetIndexRange")                        \
  X(IndexRecordCount, "JetIndexRecordCount")                  \
  X(GetBookmark, "JetGetBookmark")                            \
  X(GotoBookmark, "JetGotoBookmark")                          \
  X(RetrieveKey, "JetRetrieveKey")                            \
  X(PrepareUpdate, "JetPrepareUpdate")                        \
  X(SetColumn, "JetSetColumn")                                \
  X(SetColumns, "JetSetColumns")                              \
  X(Update2, "JetUpdate2")                                    \
  X(Delete, "JetDelete")                                      \
  X(RetrieveColumn, "JetRetrieveColumn")                      \
  X(RetrieveColumns, "JetRetrieveColumns")                    \
  X(EscrowUpdate, "JetEscrowUpdate")                          \
  X(GetRecordPosition, "JetGetRecordPosition")                \
  X(GotoPosition, "JetGotoPosition")                          \
  X(GetLock, "JetGetLock")                                    \
  X(RenameTableW, "JetRenameTableW")                          \
  X(RenameColumnW, "JetRenameColumnW")                        \
  X(CreateIndex4W, "JetCreateIndex4W")                        \
  X(SetColumnDefaultValueW, "JetSetColumnDefaultValueW")      \
  X(GetDatabaseInfoW, "JetGetDatabaseInfoW")                  \
  X(GetObjectInfoW, "JetGetObjectInfoW")

#define ESENT_DECLARE_MEMBER(name, symbol) jet::Pfn##name name = nullptr;
  ESENT_ENGINE_ENTRY_POINTS(ESENT_DECLARE_MEMBER)
#undef ESENT_DECLARE_MEMBER
};

struct EngineInfo {
  std::string path;       // what was loaded (as given, or the resolved default)
  bool isEmulator = false;  // the library identifies itself as the project's emulator
};

// Chooses the library that the first use will load. Returns false (and leaves the choice
// alone) once a library is loaded: the table is process-wide and cannot change.
bool SetEngineLibraryPath(const std::string &utf8Path);

// The loaded table, loading it first if needed. On failure returns null and sets *error to
// a message naming the path tried and the system's reason.
const EngineTable *GetEngineTable(std::string *error);

// Whether a library is loaded, and which.
bool GetLoadedEngineInfo(EngineInfo *info);

// The path the next load would use.
std::string GetEngineLibraryPath();

}  // namespace esent
