// The data half of the JET C API (jet_data_api.h): databases, tables, columns, indexes,
// cursors and records. Each export enters its session the way the core calls do (handle,
// instance state, concurrent-entry check) and hands over to the data layer.
#include <exception>
#include <new>
#include <type_traits>

#include "../emulator_api.h"
#include "../session.h"
#include "api.h"
#include "catalog.h"
#include "session_state.h"
#include "esent/jet_data_api.h"

namespace {

// stopService: kAllowed for the calls ESE still takes after JetStopService, so that an
// application can wind its sessions down (jetapi.cxx: JetCloseTable, JetDetachDatabase).
template <typename Body>
jet::Err OnSession(jet::Sesid sesid, Body body,
                   emu::SessionCall::StopService stopService = emu::SessionCall::StopService::kRefused) noexcept {
  try {
    emu::SessionCall call(sesid, stopService);
    if (call.Status() < jet::err::Success) return call.Status();
    return body(call.session());
  } catch (const std::bad_alloc &) {
    return jet::err::OutOfMemory;
  } catch (...) {
    return jet::err::InternalError;
  }
}

// Where a single change's body tells ESE's begin point apart: kAtOnce for the bodies that
// begin before anything can fail, kMarked for those that call CheckCatalogBegin or
// CheckNestedBegin where ESE begins (their earlier failures leave no transaction).
enum class OwnBegin { kAtOnce, kMarked };

// A change made outside a transaction runs in a transaction of its own, as in ESE: committed
// (durably, unless the session's commit default is lazy) when it succeeds, rolled back when
// it fails, including when the commit itself fails (a full log disk, say). Under a session
// context another thread set, that commit and rollback fail (pib.hxx FPIBCheckTrxContext) and
// the transaction stays open, unless the call failed before ESE began it.
// beginGrbit: JET_bitTransactionReadOnly for the calls whose own transaction only reads.
// readOnlyWhenForeign: for the calls whose first transaction is a table open's read-only one
// (fileopen.cxx ErrFILEIOpenTable), which under another thread's context cannot commit and so
// is the one the session is left in.
template <typename Body>
jet::Err OnSessionChanging(jet::Sesid sesid, Body body, OwnBegin ownBegin = OwnBegin::kAtOnce,
                           jet::Grbit beginGrbit = 0, bool readOnlyWhenForeign = false) noexcept {
  return OnSession(sesid, [&](emu::Session &s) -> jet::Err {
    if (s.Transactions().InTransaction()) return body(s);
    if (readOnlyWhenForeign && s.ContextSetByAnotherThread()) beginGrbit |= jet::bit::TransactionReadOnly;
    jet::Err err = s.BeginTransaction(0, beginGrbit);
    if (err < jet::err::Success) return err;
    struct RollbackUnlessCommitted {
      emu::Session &session;
      bool committed = false;
      ~RollbackUnlessCommitted() {
        emu::data::SessionState &state = emu::data::StateOf(session);
        state.singleChange = false;
        state.updateToFinish = nullptr;
        state.updateWritten.reset();
        if (committed || !session.Transactions().InTransaction()) return;
        if (state.ownBegun) {
          session.Rollback(jet::bit::RollbackAll);
        } else {
          session.DiscardUnbegunTransaction();
        }
      }
    } guard{s};
    emu::data::StateOf(s).singleChange = true;
    emu::data::StateOf(s).ownBegun = ownBegin == OwnBegin::kAtOnce;
    const jet::Err result = body(s);
    if (result < jet::err::Success) return result;
    err = s.CommitTransaction(0);
    emu::data::FinishUpdateAfterCommit(s, err >= jet::err::Success);
    if (err < jet::err::Success) return err;
    guard.committed = true;
    return result;
  });
}

// Calls taking a table id check both handles first, as ESE does.
template <typename Body>
jet::Err OnCursor(jet::Sesid sesid, jet::Tableid tableid, Body body,
                  emu::SessionCall::StopService stopService = emu::SessionCall::StopService::kRefused) noexcept {
  const jet::Err err = emu::data::CheckCursorHandles(sesid, tableid);
  if (err < jet::err::Success) return err;
  return OnSession(
      sesid,
      [&](emu::Session &s) -> jet::Err {
        emu::data::NavigationWatch watch(s, tableid);
        return body(s);
      },
      stopService);
}

template <typename Body>
jet::Err OnCursorChanging(jet::Sesid sesid, jet::Tableid tableid, Body body, OwnBegin ownBegin = OwnBegin::kAtOnce,
                          jet::Grbit beginGrbit = 0) noexcept {
  const jet::Err err = emu::data::CheckCursorHandles(sesid, tableid);
  if (err < jet::err::Success) return err;
  return OnSessionChanging(
      sesid,
      [&](emu::Session &s) -> jet::Err {
        emu::data::NavigationWatch watch(s, tableid);
        return body(s);
      },
      ownBegin, beginGrbit);
}

// The W calls that look a name up on a cursor convert it between the handle checks
// (JET_VALIDATE_SESID_TABLEID) and entering the session (jetapi.cxx, e.g. JetSetCurrentIndexExW).
jet::Err NameConvertsOnCursor(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *name) noexcept {
  const jet::Err err = emu::data::CheckCursorHandles(sesid, tableid);
  if (err < jet::err::Success) return err;
  return emu::data::CheckNameConverts(name);
}

// JetCreateIndex2W and JetCreateIndex4W check the structures' form there too (jetapi.cxx
// JetCreateIndexEx1W, JetCreateIndexEx3W): a key ESE cannot read fails even on an instance
// taken offline (extended generator seed 22483).
template <typename IndexCreate>
jet::Err IndexFormsConvertOnCursor(jet::Sesid sesid, jet::Tableid tableid, const IndexCreate *indexes,
                                   jet::ULong count) noexcept {
  const jet::Err err = emu::data::CheckCursorHandles(sesid, tableid);
  if (err < jet::err::Success) return err;
  return emu::data::CheckIndexCreateForms(indexes, count);
}

}  // namespace

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateDatabase2W(jet::Sesid sesid, const jet::WChar *szFilename, jet::ULong, jet::Dbid *pdbid, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::CreateDatabase(s, szFilename, pdbid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetAttachDatabase2W(jet::Sesid sesid, const jet::WChar *szFilename, jet::ULong, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::AttachDatabase(s, szFilename, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetOpenDatabaseW(jet::Sesid sesid, const jet::WChar *szFilename, const jet::WChar *, jet::Dbid *pdbid, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::OpenDatabase(s, szFilename, pdbid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCloseDatabase(jet::Sesid sesid, jet::Dbid dbid, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::CloseDatabase(s, dbid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDetachDatabase2W(jet::Sesid sesid, const jet::WChar *szFilename, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::DetachDatabase(s, szFilename, grbit); },
                   emu::SessionCall::StopService::kAllowed);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateTableColumnIndex3W(jet::Sesid sesid, jet::Dbid dbid, jet::TableCreate3W *ptablecreate) {
  if (jet::Err err = emu::data::CheckTableCreateForm(ptablecreate); err < jet::err::Success) return err;
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::CreateTableColumnIndex(s, dbid, ptablecreate); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateTableW(jet::Sesid sesid, jet::Dbid dbid, const jet::WChar *szTableName, jet::ULong lPages, jet::ULong lDensity, jet::Tableid *ptableid) {
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::CreateTable(s, dbid, szTableName, lPages, lDensity, ptableid); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDeleteTableW(jet::Sesid sesid, jet::Dbid dbid, const jet::WChar *szTableName) {
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::DeleteTable(s, dbid, szTableName); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetAddColumnW(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szColumnName, const jet::ColumnDef *pcolumndef, const void *pvDefault, jet::ULong cbDefault, jet::Columnid *pcolumnid) {
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::AddColumn(s, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDeleteColumn2W(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szColumnName, jet::Grbit grbit) {
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::DeleteColumn(s, tableid, szColumnName, grbit); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateIndex2W(jet::Sesid sesid, jet::Tableid tableid, jet::IndexCreateW *pindexcreate, jet::ULong cIndexCreate) {
  if (const jet::Err err = IndexFormsConvertOnCursor(sesid, tableid, pindexcreate, cIndexCreate); err < jet::err::Success) return err;
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::CreateIndexes(s, tableid, pindexcreate, cIndexCreate); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDeleteIndexW(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szIndexName) {
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::DeleteIndex(s, tableid, szIndexName); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetTableColumnInfoW(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szColumnName, void *pvResult, jet::ULong cbMax, jet::ULong InfoLevel) {
  if (!emu::data::ColumnInfoLevelById(InfoLevel)) {
    if (const jet::Err err = NameConvertsOnCursor(sesid, tableid, szColumnName); err < jet::err::Success) return err;
  }
  // Read in a transaction of its own at level 0 (info.cxx ErrIsamGetTableColumnInfo).
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::GetColumnInfo(s, tableid, szColumnName, pvResult, cbMax, InfoLevel); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetTableIndexInfoW(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szIndexName, void *pvResult, jet::ULong cbResult, jet::ULong InfoLevel) {
  if (const jet::Err err = NameConvertsOnCursor(sesid, tableid, szIndexName); err < jet::err::Success) return err;
  // Read in a transaction of its own at level 0, as info.cxx ErrINFOGetTableIndexInfo does, so
  // a session context set by another thread fails its commit (JET_errSessionSharingViolation).
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::GetIndexInfo(s, tableid, szIndexName, pvResult, cbResult, InfoLevel); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetTableInfoW(jet::Sesid sesid, jet::Tableid tableid, void *pvResult, jet::ULong cbMax, jet::ULong InfoLevel) {
  // info.cxx ErrIsamGetTableInfo reads JET_TblInfo's statistics through a read-only open of the
  // table (stats.cxx ErrSTATSRetrieveTableStats, fileopen.cxx ErrFILEIOpenTable): at level 0,
  // in a read-only transaction of its own, begun after the buffer's size is checked.
  if (InfoLevel == jet::info::TblInfo) {
    return OnCursorChanging(
        sesid, tableid, [&](emu::Session &s) { return emu::data::GetTableInfo(s, tableid, pvResult, cbMax, InfoLevel); },
        OwnBegin::kMarked, jet::bit::TransactionReadOnly);
  }
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::GetTableInfo(s, tableid, pvResult, cbMax, InfoLevel); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetOpenTableW(jet::Sesid sesid, jet::Dbid dbid, const jet::WChar *szTableName, const void *, jet::ULong, jet::Grbit grbit, jet::Tableid *ptableid) {
  // fileopen.cxx ErrFILEIOpenTable looks a table up at level 0 in a read-only transaction of
  // its own, whether or not the table is in its cache (the commit is only earlier or later).
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::OpenTable(s, dbid, szTableName, grbit, ptableid); },
                           OwnBegin::kMarked, jet::bit::TransactionReadOnly);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCloseTable(jet::Sesid sesid, jet::Tableid tableid) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::CloseTable(s, tableid); },
                  emu::SessionCall::StopService::kAllowed);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDupCursor(jet::Sesid sesid, jet::Tableid tableid, jet::Tableid *ptableid, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::DupCursor(s, tableid, ptableid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetCurrentIndex4W(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szIndexName, void *, jet::Grbit grbit, jet::ULong itagSequence) {
  if (const jet::Err err = NameConvertsOnCursor(sesid, tableid, szIndexName); err < jet::err::Success) return err;
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::SetCurrentIndex(s, tableid, szIndexName, grbit, itagSequence); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetMove(jet::Sesid sesid, jet::Tableid tableid, std::int32_t cRow, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::Move(s, tableid, cRow, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetMakeKey(jet::Sesid sesid, jet::Tableid tableid, const void *pvData, jet::ULong cbData, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::MakeKey(s, tableid, pvData, cbData, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSeek(jet::Sesid sesid, jet::Tableid tableid, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::Seek(s, tableid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetIndexRange(jet::Sesid sesid, jet::Tableid tableid, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::SetIndexRange(s, tableid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetIndexRecordCount(jet::Sesid sesid, jet::Tableid tableid, jet::ULong *pcrec, jet::ULong crecMax) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::IndexRecordCount(s, tableid, pcrec, crecMax); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetBookmark(jet::Sesid sesid, jet::Tableid tableid, void *pvBookmark, jet::ULong cbMax, jet::ULong *pcbActual) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::GetBookmark(s, tableid, pvBookmark, cbMax, pcbActual); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGotoBookmark(jet::Sesid sesid, jet::Tableid tableid, void *pvBookmark, jet::ULong cbBookmark) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::GotoBookmark(s, tableid, pvBookmark, cbBookmark); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetRetrieveKey(jet::Sesid sesid, jet::Tableid tableid, void *pvKey, jet::ULong cbMax, jet::ULong *pcbActual, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::RetrieveKey(s, tableid, pvKey, cbMax, pcbActual, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetPrepareUpdate(jet::Sesid sesid, jet::Tableid tableid, jet::ULong prep) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::PrepareUpdate(s, tableid, prep); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetColumn(jet::Sesid sesid, jet::Tableid tableid, jet::Columnid columnid, const void *pvData, jet::ULong cbData, jet::Grbit grbit, jet::SetInfo *psetinfo) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::SetColumn(s, tableid, columnid, pvData, cbData, grbit, psetinfo); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetColumns(jet::Sesid sesid, jet::Tableid tableid, jet::SetColumn *psetcolumn, jet::ULong csetcolumn) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::SetColumns(s, tableid, psetcolumn, csetcolumn); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetUpdate2(jet::Sesid sesid, jet::Tableid tableid, void *pvBookmark, jet::ULong cbBookmark, jet::ULong *pcbActual, jet::Grbit grbit) {
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::Update(s, tableid, pvBookmark, cbBookmark, pcbActual, grbit); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDelete(jet::Sesid sesid, jet::Tableid tableid) {
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::Delete(s, tableid); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetRetrieveColumn(jet::Sesid sesid, jet::Tableid tableid, jet::Columnid columnid, void *pvData, jet::ULong cbData, jet::ULong *pcbActual, jet::Grbit grbit, jet::RetInfo *pretinfo) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::RetrieveColumn(s, tableid, columnid, pvData, cbData, pcbActual, grbit, pretinfo); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetRetrieveColumns(jet::Sesid sesid, jet::Tableid tableid, jet::RetrieveColumn *pretrievecolumn, jet::ULong cretrievecolumn) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::RetrieveColumns(s, tableid, pretrievecolumn, cretrievecolumn); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetEscrowUpdate(jet::Sesid sesid, jet::Tableid tableid, jet::Columnid columnid, void *pv, jet::ULong cbMax, void *pvOld, jet::ULong cbOldMax, jet::ULong *pcbOldActual, jet::Grbit grbit) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::EscrowUpdate(s, tableid, columnid, pv, cbMax, pvOld, cbOldMax, pcbOldActual, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetRecordPosition(jet::Sesid sesid, jet::Tableid tableid, jet::RecPos *precpos, jet::ULong cbRecpos) {
  return OnCursor(sesid, tableid, [&](emu::Session &s) { return emu::data::GetRecordPosition(s, tableid, precpos, cbRecpos); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGotoPosition(jet::Sesid sesid, jet::Tableid tableid, jet::RecPos *precpos) {
  // ESE checks the table id only inside (JetGotoPositionEx enters by session alone); the move
  // is a navigation at the session's level (dir.cxx ErrDIRGotoPosition), undone by its rollback.
  return OnSession(sesid, [&](emu::Session &s) {
    emu::data::NavigationWatch watch(s, tableid);
    return emu::data::GotoPosition(s, tableid, precpos);
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetIdle(jet::Sesid sesid, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::Idle(s, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetLock(jet::Sesid sesid, jet::Tableid tableid, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::GetLock(s, tableid, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetRenameTableW(jet::Sesid sesid, jet::Dbid dbid, const jet::WChar *szName, const jet::WChar *szNameNew) {
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::RenameTable(s, dbid, szName, szNameNew); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetRenameColumnW(jet::Sesid sesid, jet::Tableid tableid, const jet::WChar *szName, const jet::WChar *szNameNew, jet::Grbit grbit) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::RenameColumn(s, tableid, szName, szNameNew, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateIndex4W(jet::Sesid sesid, jet::Tableid tableid, jet::IndexCreate3W *pindexcreate, jet::ULong cIndexCreate) {
  if (const jet::Err err = IndexFormsConvertOnCursor(sesid, tableid, pindexcreate, cIndexCreate); err < jet::err::Success) return err;
  return OnCursorChanging(sesid, tableid, [&](emu::Session &s) { return emu::data::CreateIndexes3(s, tableid, pindexcreate, cIndexCreate); }, OwnBegin::kMarked);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetColumnDefaultValueW(jet::Sesid sesid, jet::Dbid dbid, const jet::WChar *szTableName, const jet::WChar *szColumnName, const void *pvData, jet::ULong cbData, jet::Grbit grbit) {
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::SetColumnDefaultValue(s, dbid, szTableName, szColumnName, pvData, cbData, grbit); },
                           OwnBegin::kMarked, 0, true);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetDatabaseInfoW(jet::Sesid sesid, jet::Dbid dbid, void *pvResult, jet::ULong cbMax, jet::ULong InfoLevel) {
  return OnSession(sesid, [&](emu::Session &s) { return emu::data::GetDatabaseInfo(s, dbid, pvResult, cbMax, InfoLevel); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetObjectInfoW(jet::Sesid sesid, jet::Dbid dbid, jet::ULong objtyp, const jet::WChar *szContainerName, const jet::WChar *szObjectName, void *pvResult, jet::ULong cbMax, jet::ULong InfoLevel) {
  return OnSessionChanging(sesid, [&](emu::Session &s) { return emu::data::GetObjectInfo(s, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax, InfoLevel); }, OwnBegin::kMarked);
}

// The exports must keep exactly the signatures the addon calls them through.
static_assert(std::is_same<decltype(&JetCreateDatabase2W), jet::PfnCreateDatabase2W>::value, "JetCreateDatabase2W");
static_assert(std::is_same<decltype(&JetAttachDatabase2W), jet::PfnAttachDatabase2W>::value, "JetAttachDatabase2W");
static_assert(std::is_same<decltype(&JetOpenDatabaseW), jet::PfnOpenDatabaseW>::value, "JetOpenDatabaseW");
static_assert(std::is_same<decltype(&JetCloseDatabase), jet::PfnCloseDatabase>::value, "JetCloseDatabase");
static_assert(std::is_same<decltype(&JetDetachDatabase2W), jet::PfnDetachDatabase2W>::value, "JetDetachDatabase2W");
static_assert(std::is_same<decltype(&JetCreateTableColumnIndex3W), jet::PfnCreateTableColumnIndex3W>::value, "JetCreateTableColumnIndex3W");
static_assert(std::is_same<decltype(&JetCreateTableW), jet::PfnCreateTableW>::value, "JetCreateTableW");
static_assert(std::is_same<decltype(&JetDeleteTableW), jet::PfnDeleteTableW>::value, "JetDeleteTableW");
static_assert(std::is_same<decltype(&JetAddColumnW), jet::PfnAddColumnW>::value, "JetAddColumnW");
static_assert(std::is_same<decltype(&JetDeleteColumn2W), jet::PfnDeleteColumn2W>::value, "JetDeleteColumn2W");
static_assert(std::is_same<decltype(&JetCreateIndex2W), jet::PfnCreateIndex2W>::value, "JetCreateIndex2W");
static_assert(std::is_same<decltype(&JetDeleteIndexW), jet::PfnDeleteIndexW>::value, "JetDeleteIndexW");
static_assert(std::is_same<decltype(&JetGetTableColumnInfoW), jet::PfnGetTableColumnInfoW>::value, "JetGetTableColumnInfoW");
static_assert(std::is_same<decltype(&JetGetTableIndexInfoW), jet::PfnGetTableIndexInfoW>::value, "JetGetTableIndexInfoW");
static_assert(std::is_same<decltype(&JetGetTableInfoW), jet::PfnGetTableInfoW>::value, "JetGetTableInfoW");
static_assert(std::is_same<decltype(&JetOpenTableW), jet::PfnOpenTableW>::value, "JetOpenTableW");
static_assert(std::is_same<decltype(&JetCloseTable), jet::PfnCloseTable>::value, "JetCloseTable");
static_assert(std::is_same<decltype(&JetDupCursor), jet::PfnDupCursor>::value, "JetDupCursor");
static_assert(std::is_same<decltype(&JetSetCurrentIndex4W), jet::PfnSetCurrentIndex4W>::value, "JetSetCurrentIndex4W");
static_assert(std::is_same<decltype(&JetMove), jet::PfnMove>::value, "JetMove");
static_assert(std::is_same<decltype(&JetMakeKey), jet::PfnMakeKey>::value, "JetMakeKey");
static_assert(std::is_same<decltype(&JetSeek), jet::PfnSeek>::value, "JetSeek");
static_assert(std::is_same<decltype(&JetSetIndexRange), jet::PfnSetIndexRange>::value, "JetSetIndexRange");
static_assert(std::is_same<decltype(&JetIndexRecordCount), jet::PfnIndexRecordCount>::value, "JetIndexRecordCount");
static_assert(std::is_same<decltype(&JetGetBookmark), jet::PfnGetBookmark>::value, "JetGetBookmark");
static_assert(std::is_same<decltype(&JetGotoBookmark), jet::PfnGotoBookmark>::value, "JetGotoBookmark");
static_assert(std::is_same<decltype(&JetRetrieveKey), jet::PfnRetrieveKey>::value, "JetRetrieveKey");
static_assert(std::is_same<decltype(&JetPrepareUpdate), jet::PfnPrepareUpdate>::value, "JetPrepareUpdate");
static_assert(std::is_same<decltype(&JetSetColumn), jet::PfnSetColumn>::value, "JetSetColumn");
static_assert(std::is_same<decltype(&JetSetColumns), jet::PfnSetColumns>::value, "JetSetColumns");
static_assert(std::is_same<decltype(&JetUpdate2), jet::PfnUpdate2>::value, "JetUpdate2");
static_assert(std::is_same<decltype(&JetDelete), jet::PfnDelete>::value, "JetDelete");
static_assert(std::is_same<decltype(&JetRetrieveColumn), jet::PfnRetrieveColumn>::value, "JetRetrieveColumn");
static_assert(std::is_same<decltype(&JetRetrieveColumns), jet::PfnRetrieveColumns>::value, "JetRetrieveColumns");
static_assert(std::is_same<decltype(&JetEscrowUpdate), jet::PfnEscrowUpdate>::value, "JetEscrowUpdate");
static_assert(std::is_same<decltype(&JetGetRecordPosition), jet::PfnGetRecordPosition>::value, "JetGetRecordPosition");
static_assert(std::is_same<decltype(&JetGotoPosition), jet::PfnGotoPosition>::value, "JetGotoPosition");
static_assert(std::is_same<decltype(&JetGetLock), jet::PfnGetLock>::value, "JetGetLock");
static_assert(std::is_same<decltype(&JetIdle), jet::PfnIdle>::value, "JetIdle");
static_assert(std::is_same<decltype(&JetRenameTableW), jet::PfnRenameTableW>::value, "JetRenameTableW");
static_assert(std::is_same<decltype(&JetRenameColumnW), jet::PfnRenameColumnW>::value, "JetRenameColumnW");
static_assert(std::is_same<decltype(&JetCreateIndex4W), jet::PfnCreateIndex4W>::value, "JetCreateIndex4W");
static_assert(std::is_same<decltype(&JetSetColumnDefaultValueW), jet::PfnSetColumnDefaultValueW>::value, "JetSetColumnDefaultValueW");
static_assert(std::is_same<decltype(&JetGetDatabaseInfoW), jet::PfnGetDatabaseInfoW>::value, "JetGetDatabaseInfoW");
static_assert(std::is_same<decltype(&JetGetObjectInfoW), jet::PfnGetObjectInfoW>::value, "JetGetObjectInfoW");
