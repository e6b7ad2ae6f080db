// The session calls behind the data facade (lib/database.ts, lib/table.ts). Each one is a
// whole facade operation: every Jet call it needs runs in one trip to the pool, inside
// the session's context, on bytes prepared on the JavaScript thread.
//
// Wire formats (all integers u32 little-endian; a value length of 0xFFFFFFFF is null):
//   value  := length, bytes[length]
//   key    := partCount, value * partCount               (one value per index segment)
//   row    := entryCount, entry * entryCount
//   entry  := columnid, mode (0 one value, 1 all values of a multi-valued column),
//             valueCount, value * valueCount
//   rows   := rowCount, row * rowCount
// Records come back as, for each requested column in plan order:
//   valueCount, value * valueCount   (a single-valued column: 1 value, maybe null)
// and lookups prefix each record with 1 (found) or 0 (not found, nothing follows).
#pragma once

#include "addon_napi.h"

#include <cstdint>
#include <memory>

#include "session_call.h"

namespace esent {
namespace table_calls {

// Reads the arguments of one call on the session whose id (NativeSession::Id) is `session`.
// A cursor is stamped with the session that opened it and is refused by any other.
using Parser = std::unique_ptr<SessionCall> (*)(const Napi::CallbackInfo &info, std::uint64_t session);

// createDatabase(path, maxPages, grbit) -> Promise<dbid>          JetCreateDatabase2W
std::unique_ptr<SessionCall> CreateDatabase(const Napi::CallbackInfo &info, std::uint64_t session);
// attachDatabase(path, maxPages, grbit, openGrbit) -> Promise<dbid>
//   JetAttachDatabase2W then JetOpenDatabaseW
std::unique_ptr<SessionCall> AttachDatabase(const Napi::CallbackInfo &info, std::uint64_t session);
// openDatabase(path, grbit) -> Promise<dbid>                     JetOpenDatabaseW
std::unique_ptr<SessionCall> OpenDatabase(const Napi::CallbackInfo &info, std::uint64_t session);
// closeDatabase(dbid, grbit) -> Promise<number>                   JetCloseDatabase
std::unique_ptr<SessionCall> CloseDatabase(const Napi::CallbackInfo &info, std::uint64_t session);
// detachDatabase(path | null, grbit) -> Promise<number>            JetDetachDatabase2W
std::unique_ptr<SessionCall> DetachDatabase(const Napi::CallbackInfo &info, std::uint64_t session);
// createTable(dbid, spec) -> Promise<OpenedTable>
//   JetCreateTableColumnIndex3W, then the same as openTable. spec = { name,
//   columns: [{ name, coltyp, cbMax, grbit, cp, defaultValue: Buffer | null }],
//   indexes: [{ name, key: '+a\0-b\0\0', grbit, mapFlags: number | null }] }
std::unique_ptr<SessionCall> CreateTable(const Napi::CallbackInfo &info, std::uint64_t session);
// openTable(dbid, name, columnNames, indexNames, grbit) -> Promise<OpenedTable>
//   JetOpenTableW, JetGetTableColumnInfoW for each column, JetSetCurrentIndex4W for each
//   index. OpenedTable = { cursor, tableid, columns: Array<ColumnInfo | null>,
//   missingIndexes: string[] } where ColumnInfo = { columnid, coltyp, cbMax, grbit, cp }.
std::unique_ptr<SessionCall> OpenTable(const Napi::CallbackInfo &info, std::uint64_t session);
// closeCursor(cursor) -> Promise<number>                           JetCloseTable
std::unique_ptr<SessionCall> CloseCursor(const Napi::CallbackInfo &info, std::uint64_t session);
// insert(cursor, rows, retrievePositions: Uint32Array) -> Promise<Buffer>
//   In one nested transaction: per row JetPrepareUpdate(insert), JetSetColumns, the
//   columns at retrievePositions with JET_bitRetrieveCopy (autoincrement, defaults),
//   JetUpdate2. The Buffer holds one record (those columns) per row.
std::unique_ptr<SessionCall> Insert(const Napi::CallbackInfo &info, std::uint64_t session);
// lookup(cursor, index, keys: Buffer, keyCount) -> Promise<Buffer>
//   JetSetCurrentIndex4W if needed; per key JetMakeKey per part, JetSeek(EQ), retrieve.
std::unique_ptr<SessionCall> Lookup(const Napi::CallbackInfo &info, std::uint64_t session);
// update(cursor, index, key: Buffer, row: Buffer) -> Promise<boolean found>
std::unique_ptr<SessionCall> Update(const Napi::CallbackInfo &info, std::uint64_t session);
// remove(cursor, index, key: Buffer) -> Promise<boolean found>      JetDelete
std::unique_ptr<SessionCall> Remove(const Napi::CallbackInfo &info, std::uint64_t session);
// scan(cursor, index, lower, upper, reverse, pageSize, limit) -> Promise<ScanPage>
//   bound = null | { key: Buffer, inclusive, prefix }. A duplicate cursor (JetDupCursor)
//   positioned and limited with JetSeek / JetSetIndexRange reads the first page.
//   ScanPage = { scan: cursor | undefined (undefined once finished and closed),
//   rows: Buffer, count }.
std::unique_ptr<SessionCall> Scan(const Napi::CallbackInfo &info, std::uint64_t session);
// scanNext(scan, pageSize, limit) -> Promise<ScanPage>
std::unique_ptr<SessionCall> ScanNext(const Napi::CallbackInfo &info, std::uint64_t session);
// count(cursor, index, lower, upper) -> Promise<number>              JetIndexRecordCount
std::unique_ptr<SessionCall> Count(const Napi::CallbackInfo &info, std::uint64_t session);

}  // namespace table_calls
}  // namespace esent
