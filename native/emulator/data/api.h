// The data API behind the Jet* data exports. Every function runs inside a call on `session`
// (check 1 already made by SessionCall) and validates its own handles.
//
// Locking: one reader/writer lock per attached database guards its catalog and records; reads
// (retrieve, move, seek) take it shared, changes take it exclusive. Attachment bookkeeping
// has its own process-wide mutex, taken before (never while holding) a database lock. A
// cursor is touched only by calls on its own session.
//
// Changes (schema and records) are always made inside a transaction: their exports run
// them in one of their own when the session has none (data_exports.cc), so that every
// change is logged and committed like any other (versions.cc).
#pragma once

#include "esent/jet_data_api.h"

namespace emu {

class Session;

namespace data {

// The handle check ESE makes before anything else on calls that take a session and a table
// id (even before the instance's state and the concurrent-entry check): JET_errInvalidSesid,
// then JET_errInvalidTableId, then JET_errSesidTableIdMismatch for a live table id of another
// session.
jet::Err CheckCursorHandles(jet::Sesid sesid, jet::Tableid tableid);

// Watches one call on a cursor: if the cursor moved in its index inside a transaction, the
// level it moved in, when rolled back, puts it before the first entry (dir.cxx
// ErrDIRRollback resets every cursor whose navigation level is the one rolled back).
class NavigationWatch {
 public:
  NavigationWatch(Session &s, jet::Tableid tableid);
  ~NavigationWatch();
  NavigationWatch(const NavigationWatch &) = delete;
  NavigationWatch &operator=(const NavigationWatch &) = delete;

 private:
  Session &session_;
  jet::Tableid tableid_;
  std::uint64_t before_ = 0;
  bool found_ = false;
};

// Databases.
jet::Err CreateDatabase(Session &s, const jet::WChar *szFilename, jet::Dbid *pdbid, jet::Grbit grbit);
jet::Err AttachDatabase(Session &s, const jet::WChar *szFilename, jet::Grbit grbit);
jet::Err OpenDatabase(Session &s, const jet::WChar *szFilename, jet::Dbid *pdbid, jet::Grbit grbit);
jet::Err CloseDatabase(Session &s, jet::Dbid dbid, jet::Grbit grbit);
jet::Err DetachDatabase(Session &s, const jet::WChar *szFilename, jet::Grbit grbit);
// JetIdle (tm.cxx ErrIsamIdle): the version store's cleanup of the whole instance, or its
// status. Bits ESE does not act on are accepted and ignored, as ESE does.
jet::Err Idle(Session &s, jet::Grbit grbit);

// Schema.
// The checks JetCreateTableColumnIndex3W makes before the session's (jetapi.cxx).
jet::Err CheckTableCreateForm(const jet::TableCreate3W *create);
jet::Err CreateTableColumnIndex(Session &s, jet::Dbid dbid, jet::TableCreate3W *create);
jet::Err CreateTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::ULong pages, jet::ULong density,
                     jet::Tableid *ptableid);
jet::Err DeleteTable(Session &s, jet::Dbid dbid, const jet::WChar *name);
jet::Err AddColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, const jet::ColumnDef *def,
                   const void *pvDefault, jet::ULong cbDefault, jet::Columnid *pcolumnid);
jet::Err DeleteColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, jet::Grbit grbit);
// The structures' form, which jetapi.cxx's conversions check before the call enters its session
// (CAutoIDXCREATE2::ErrSet, CAutoIDXCREATE3::ErrSet): each one's size and key.
jet::Err CheckIndexCreateForms(const jet::IndexCreateW *indexes, jet::ULong count);
jet::Err CheckIndexCreateForms(const jet::IndexCreate3W *indexes, jet::ULong count);
// On structures CheckIndexCreateForms accepted.
jet::Err CreateIndexes(Session &s, jet::Tableid tableid, jet::IndexCreateW *indexes, jet::ULong count);
jet::Err DeleteIndex(Session &s, jet::Tableid tableid, const jet::WChar *name);
// Whether a JetGetTableColumnInfoW level reads a column id where the name goes (jetapi.cxx
// JetGetTableColumnInfoExW: JET_ColInfoByColid and JET_ColInfoBaseByColid, flags aside).
bool ColumnInfoLevelById(jet::ULong level);
jet::Err GetColumnInfo(Session &s, jet::Tableid tableid, const jet::WChar *name, void *pv, jet::ULong cb,
                       jet::ULong level);
jet::Err GetIndexInfo(Session &s, jet::Tableid tableid, const jet::WChar *name, void *pv, jet::ULong cb,
                      jet::ULong level);
jet::Err GetTableInfo(Session &s, jet::Tableid tableid, void *pv, jet::ULong cb, jet::ULong level);
// On structures CheckIndexCreateForms accepted.
jet::Err CreateIndexes3(Session &s, jet::Tableid tableid, jet::IndexCreate3W *indexes, jet::ULong count);
jet::Err RenameTable(Session &s, jet::Dbid dbid, const jet::WChar *name, const jet::WChar *newName);
jet::Err RenameColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, const jet::WChar *newName,
                      jet::Grbit grbit);
jet::Err SetColumnDefaultValue(Session &s, jet::Dbid dbid, const jet::WChar *tableName,
                               const jet::WChar *columnName, const void *pv, jet::ULong cb, jet::Grbit grbit);
jet::Err GetObjectInfo(Session &s, jet::Dbid dbid, jet::ULong objtyp, const jet::WChar *container,
                       const jet::WChar *object, void *pv, jet::ULong cb, jet::ULong level);
jet::Err GetDatabaseInfo(Session &s, jet::Dbid dbid, void *pv, jet::ULong cb, jet::ULong level);

// Cursors.
jet::Err OpenTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::Grbit grbit, jet::Tableid *ptableid);
jet::Err CloseTable(Session &s, jet::Tableid tableid);
jet::Err DupCursor(Session &s, jet::Tableid tableid, jet::Tableid *ptableid, jet::Grbit grbit);
jet::Err SetCurrentIndex(Session &s, jet::Tableid tableid, const jet::WChar *name, jet::Grbit grbit,
                         jet::ULong itagSequence);
jet::Err Move(Session &s, jet::Tableid tableid, std::int32_t cRow, jet::Grbit grbit);
jet::Err MakeKey(Session &s, jet::Tableid tableid, const void *pv, jet::ULong cb, jet::Grbit grbit);
jet::Err Seek(Session &s, jet::Tableid tableid, jet::Grbit grbit);
jet::Err SetIndexRange(Session &s, jet::Tableid tableid, jet::Grbit grbit);
jet::Err IndexRecordCount(Session &s, jet::Tableid tableid, jet::ULong *pcrec, jet::ULong crecMax);
jet::Err GetBookmark(Session &s, jet::Tableid tableid, void *pv, jet::ULong cbMax, jet::ULong *pcbActual);
jet::Err GotoBookmark(Session &s, jet::Tableid tableid, const void *pv, jet::ULong cb);
jet::Err RetrieveKey(Session &s, jet::Tableid tableid, void *pv, jet::ULong cbMax, jet::ULong *pcbActual,
                     jet::Grbit grbit);
jet::Err GetRecordPosition(Session &s, jet::Tableid tableid, jet::RecPos *precpos, jet::ULong cb);
jet::Err GotoPosition(Session &s, jet::Tableid tableid, jet::RecPos *precpos);
jet::Err GetLock(Session &s, jet::Tableid tableid, jet::Grbit grbit);

// Records.
jet::Err PrepareUpdate(Session &s, jet::Tableid tableid, jet::ULong prep);
jet::Err SetColumn(Session &s, jet::Tableid tableid, jet::Columnid columnid, const void *pv, jet::ULong cb,
                   jet::Grbit grbit, const jet::SetInfo *psetinfo);
jet::Err SetColumns(Session &s, jet::Tableid tableid, jet::SetColumn *columns, jet::ULong count);
jet::Err Update(Session &s, jet::Tableid tableid, void *pvBookmark, jet::ULong cbBookmark, jet::ULong *pcbActual,
                jet::Grbit grbit);
// After the commit of a single change's own transaction: a JetUpdate2 it ran is done with its
// prepared update when the commit succeeded, and keeps it prepared when it failed.
void FinishUpdateAfterCommit(Session &s, bool committed);
jet::Err Delete(Session &s, jet::Tableid tableid);
jet::Err RetrieveColumn(Session &s, jet::Tableid tableid, jet::Columnid columnid, void *pv, jet::ULong cb,
                        jet::ULong *pcbActual, jet::Grbit grbit, jet::RetInfo *pretinfo);
jet::Err RetrieveColumns(Session &s, jet::Tableid tableid, jet::RetrieveColumn *columns, jet::ULong count);
jet::Err EscrowUpdate(Session &s, jet::Tableid tableid, jet::Columnid columnid, const void *pv, jet::ULong cbMax,
                      void *pvOld, jet::ULong cbOldMax, jet::ULong *pcbOldActual, jet::Grbit grbit);

}  // namespace data
}  // namespace emu
