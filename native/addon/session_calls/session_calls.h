// Every call a NativeSession queues (or runs on the calling thread, for the ...Sync twins),
// as the parser that reads its JavaScript arguments into the work to do. Each parser lives
// beside its call, in the file of its group. The data calls (databases, tables, reads,
// writes) are whole facade operations: every Jet call one needs runs in one trip to the
// pool, inside the session's context, on bytes prepared on the JavaScript thread in the
// wire format (wire.h).
#pragma once

#include "session_call.h"

namespace esent {
namespace session_calls {

#define ESENT_DECLARE_PARSER(name) \
  std::unique_ptr<SessionCall> name(const Napi::CallbackInfo &info, const char *method, std::uint64_t session);

// transaction_calls.cc -------------------------------------------------------------------
// beginTransaction(grbit?) -> Promise<number>                      JetBeginTransaction2
ESENT_DECLARE_PARSER(BeginTransaction)
// commit(grbit?) -> Promise<number>                                JetCommitTransaction
ESENT_DECLARE_PARSER(Commit)
// rollback(grbit?) -> Promise<number>                              JetRollback
ESENT_DECLARE_PARSER(Rollback)
// transactionLevel() -> Promise<number>          JetGetSessionParameter(TransactionLevel)
ESENT_DECLARE_PARSER(TransactionLevel)
// end(grbit?) -> Promise<number>                  JetEndSession, outside any context
ESENT_DECLARE_PARSER(End)

// database_calls.cc ----------------------------------------------------------------------
// createDatabase(path, maxPages, grbit) -> Promise<dbid>          JetCreateDatabase2W
ESENT_DECLARE_PARSER(CreateDatabase)
// attachDatabase(path, maxPages, grbit, openGrbit) -> Promise<dbid>
//   JetAttachDatabase2W then JetOpenDatabaseW
ESENT_DECLARE_PARSER(AttachDatabase)
// openDatabase(path, grbit) -> Promise<dbid>                     JetOpenDatabaseW
ESENT_DECLARE_PARSER(OpenDatabase)
// closeDatabase(dbid, grbit) -> Promise<number>                   JetCloseDatabase
ESENT_DECLARE_PARSER(CloseDatabase)
// detachDatabase(path | null, grbit) -> Promise<number>            JetDetachDatabase2W
ESENT_DECLARE_PARSER(DetachDatabase)

// table_calls.cc -------------------------------------------------------------------------
// createTable(dbid, spec) -> Promise<OpenedTable>
//   JetCreateTableColumnIndex3W, then the same as openTable. spec = { name,
//   columns: [{ name, coltyp, cbMax, grbit, cp, defaultValue: Buffer | null }],
//   indexes: [{ name, key: '+a\0-b\0\0', grbit, mapFlags: number | null }] }
ESENT_DECLARE_PARSER(CreateTable)
// openTable(dbid, name, columnNames, indexNames, grbit) -> Promise<OpenedTable>
//   JetOpenTableW, JetGetTableColumnInfoW for each column, JetSetCurrentIndex4W for each
//   index. OpenedTable = { cursor, tableid, columns: Array<ColumnInfo | null>,
//   missingIndexes: string[] } where ColumnInfo = { columnid, coltyp, cbMax, grbit, cp }.
ESENT_DECLARE_PARSER(OpenTable)
// closeCursor(cursor) -> Promise<number>                           JetCloseTable
ESENT_DECLARE_PARSER(CloseCursor)

// write_calls.cc -------------------------------------------------------------------------
// insert(cursor, rows, retrievePositions: Uint32Array) -> Promise<Buffer>
//   In one nested transaction: per row JetPrepareUpdate(insert), JetSetColumns, the
//   columns at retrievePositions with JET_bitRetrieveCopy (autoincrement, defaults),
//   JetUpdate2. The Buffer holds one record (those columns) per row.
ESENT_DECLARE_PARSER(Insert)
// update(cursor, index, key: Buffer, row: Buffer) -> Promise<boolean found>
ESENT_DECLARE_PARSER(Update)
// remove(cursor, index, key: Buffer) -> Promise<boolean found>      JetDelete
ESENT_DECLARE_PARSER(Remove)

// read_calls.cc --------------------------------------------------------------------------
// lookup(cursor, index, keys: Buffer, keyCount) -> Promise<Buffer>
//   JetSetCurrentIndex4W if needed; per key JetMakeKey per part, JetSeek(EQ), retrieve.
ESENT_DECLARE_PARSER(Lookup)
// scan(cursor, index, lower, upper, reverse, pageSize, limit) -> Promise<ScanPage>
//   bound = null | { key: Buffer, inclusive, prefix }. A duplicate cursor (JetDupCursor)
//   positioned and limited with JetSeek / JetSetIndexRange reads the first page.
//   ScanPage = { scan: cursor | undefined (undefined once finished and closed),
//   rows: Buffer, count }.
ESENT_DECLARE_PARSER(Scan)
// scanNext(scan, pageSize, limit) -> Promise<ScanPage>
ESENT_DECLARE_PARSER(ScanNext)
// count(cursor, index, lower, upper) -> Promise<number>              JetIndexRecordCount
ESENT_DECLARE_PARSER(Count)

// schema_calls.cc ------------------------------------------------------------------------
// listTables(dbid) -> Promise<string[]>          JetGetObjectInfoW(JET_ObjInfoListNoStats)
ESENT_DECLARE_PARSER(ListTables)
// describeTable(dbid, name) -> Promise<{ columns, indexes }>
//   JetOpenTableW, JetGetTableColumnInfoW(list), JetGetTableIndexInfoW(list), JetCloseTable
ESENT_DECLARE_PARSER(DescribeTable)
// deleteTable(dbid, name) -> Promise<number>                       JetDeleteTableW
ESENT_DECLARE_PARSER(DeleteTable)
// renameTable(dbid, name, newName) -> Promise<number>              JetRenameTableW
ESENT_DECLARE_PARSER(RenameTable)
// addColumn(cursor, columnSpec, columnNames, indexNames) -> Promise<OpenedTable>
//   JetAddColumnW, then JetDupCursor and what openTable learns, on the fresh cursor.
ESENT_DECLARE_PARSER(AddColumn)
// deleteColumn(cursor, name, columnNames, indexNames) -> Promise<OpenedTable>  JetDeleteColumn2W
ESENT_DECLARE_PARSER(DeleteColumn)
// createIndex(cursor, indexSpec, columnNames, indexNames) -> Promise<OpenedTable>  JetCreateIndex2W
ESENT_DECLARE_PARSER(CreateIndex)
// deleteIndex(cursor, name, columnNames, indexNames) -> Promise<OpenedTable>
//   JetSetCurrentIndex4W(primary) on the cursor, JetDeleteIndexW
ESENT_DECLARE_PARSER(DeleteIndex)

#undef ESENT_DECLARE_PARSER

}  // namespace session_calls
}  // namespace esent
