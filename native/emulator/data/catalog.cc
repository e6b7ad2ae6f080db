// The catalog: names, tables and columns (JetCreateTableColumnIndex3W, JetCreateTableW,
// JetDeleteTableW, JetAddColumnW, JetDeleteColumn2W).
#include "catalog.h"

#include <algorithm>
#include <mutex>

#include "../instance.h"
#include "../session.h"
#include "../utf16.h"
#include "api.h"
#include "cursor.h"
#include "databases.h"
#include "key_normalize.h"
#include "navigation.h"
#include "record_size.h"
#include "session_state.h"
#include "system_tables.h"
#include "versions.h"

namespace emu {
namespace data {
namespace {

bool ValidColtyp(jet::Coltyp t) { return t >= jet::coltyp::Bit && t <= jet::coltyp::UnsignedLongLong && t != 13; }

// fldmod.cxx ErrRECSetDefaultValue: a default is set as JetSetColumn sets a value, with a
// long value limited to 255 bytes and JET_errColumnTooBig reported as
// JET_errDefaultValueTooBig. A fixed-size type needs its exact size and fixed Text or Binary
// at most cbMax (JET_errInvalidBufferSize), padded as a record's value is; a variable column
// cuts it at cbMax; a tagged column or a long value refuses more than cbMax, and then a tagged
// column of a fixed-size type another size (JET_errInvalidBufferSize).
jet::Err SetDefaultValue(Column &c, const void *pv, jet::ULong cb) {
  Bytes value(static_cast<const char *>(pv), cb);
  if (c.IsLong() && cb > kLVDefaultMost) return jet::err::DefaultValueTooBig;
  if (c.Fixed()) {
    const std::size_t fixedSize = keys::FixedSize(c.type);
    if (fixedSize != 0 ? cb != fixedSize : cb > c.cbMax) return jet::err::InvalidBufferSize;
    ShapeFixedValue(c, &value);
  } else if (c.Variable()) {
    if (c.cbMax != 0 && value.size() > c.cbMax) value.resize(c.cbMax);
  } else {
    if (c.cbMax != 0 && cb > c.cbMax) return jet::err::DefaultValueTooBig;
    const std::size_t fixedSize = keys::FixedSize(c.type);
    if (fixedSize != 0 && cb != 0 && cb != fixedSize) return jet::err::InvalidBufferSize;
  }
  c.hasDefault = true;
  c.defaultValue = std::move(value);
  return jet::err::Success;
}

// Builds a column from its definition, with ESE's rules on types, placement and flags, checked
// in ESE's order (fcreate.cxx, ErrFILEIValidateAddColumn): cbMax, name, type, code page,
// compression and encryption, placement, then the escrow, autoincrement and version flags and a
// callback's default (an escrow or autoincrement column only on
// a table held `exclusive`ly: JET_errExclusiveTableLockRequired). A second autoincrement or version column
// and a name already taken are found later, when the column is placed and added to the catalog
// (ErrFILEIAddColumns and ErrIsamAddColumn).
jet::Err MakeColumn(const Table &table, const ParamSet &params, const jet::WChar *szName, jet::Coltyp coltyp,
                    jet::ULong cbMax, jet::Grbit grbit, jet::ULong cp, const void *pvDefault, jet::ULong cbDefault,
                    Column *out, bool *maxTruncated, bool setDefault = true, bool exclusive = true,
                    bool *tooMany = nullptr) {
  *maxTruncated = false;
  // ErrIsamAddColumn takes the column's id (ErrFILEGetNextColumnid, JET_errTooManyColumns)
  // only after the name and the record's size: it asks for `tooMany` and decides when.
  const auto noIdLeft = [&] {
    if (tooMany == nullptr) return true;
    *tooMany = true;
    return false;
  };
  if (cbMax > jet::cbLVColumnMost) return jet::err::InvalidParameter;
  std::u16string name;
  if (jet::Err nameErr = CheckName(szName, &name); nameErr < jet::err::Success) return nameErr;
  if (!ValidColtyp(coltyp)) return jet::err::InvalidColumnType;
  const bool isText = coltyp == jet::coltyp::Text || coltyp == jet::coltyp::LongText;
  if (isText) {
    if (cp == 0) cp = jet::cp::ASCII;
    if (cp != jet::cp::ASCII && cp != jet::cp::Unicode) return jet::err::InvalidCodePage;
  }
  const bool isLong = coltyp == jet::coltyp::LongText || coltyp == jet::coltyp::LongBinary;
  // Only long values are compressed or encrypted, and an encrypted one has a single value and
  // no default.
  if ((grbit & jet::bit::ColumnCompressed) && !isLong) return jet::err::ColumnCannotBeCompressed;
  if ((grbit & jet::bit::ColumnEncrypted) && (!isLong || (grbit & jet::bit::ColumnMultiValued) || cbDefault > 0)) {
    return jet::err::ColumnCannotBeEncrypted;
  }
  const bool tagged = (grbit & jet::bit::ColumnTagged) != 0 || isLong;
  const bool hasDefault = cbDefault > 0 && pvDefault != nullptr;
  const std::size_t fixedSize = keys::FixedSize(coltyp);
  if (tagged) {
    if (grbit & jet::bit::ColumnFixed) return jet::err::InvalidGrbit;
  } else if (grbit & jet::bit::ColumnMultiValued) {
    return jet::err::MultiValuedColumnMustBeTagged;
  }
  if (grbit & jet::bit::ColumnEscrowUpdate) {
    if (coltyp != jet::coltyp::Long && coltyp != jet::coltyp::LongLong) return jet::err::InvalidGrbit;
    if (grbit & jet::bit::ColumnTagged) return jet::err::CannotBeTagged;
    if (grbit & (jet::bit::ColumnVersion | jet::bit::ColumnAutoincrement)) return jet::err::InvalidGrbit;
    if (!hasDefault) return jet::err::InvalidGrbit;
    if (!exclusive) return jet::err::ExclusiveTableLockRequired;
    // A 64-bit escrow column is a format feature (ErrFILEIValidateAddColumn).
    if (coltyp == jet::coltyp::LongLong && !FormatFeatureEnabled(params, jet::efv::Escrow64)) {
      return jet::err::EngineFormatVersionParamTooLowForRequestedFeature;
    }
    if ((grbit & jet::bit::ColumnFinalize) && (grbit & jet::bit::ColumnDeleteOnZero)) return jet::err::InvalidGrbit;
  } else if (grbit & (jet::bit::ColumnFinalize | jet::bit::ColumnDeleteOnZero)) {
    return jet::err::InvalidGrbit;
  } else if (grbit & (jet::bit::ColumnVersion | jet::bit::ColumnAutoincrement)) {
    if (grbit & jet::bit::ColumnAutoincrement) {
      if (coltyp != jet::coltyp::Long && coltyp != jet::coltyp::LongLong && coltyp != jet::coltyp::UnsignedLongLong &&
          coltyp != jet::coltyp::Currency) {
        return jet::err::InvalidGrbit;
      }
    } else if (coltyp != jet::coltyp::Long) {
      return jet::err::InvalidGrbit;
    }
    if (grbit & jet::bit::ColumnTagged) return jet::err::CannotBeTagged;
    if ((grbit & jet::bit::ColumnVersion) && (grbit & jet::bit::ColumnAutoincrement)) return jet::err::InvalidGrbit;
    if ((grbit & jet::bit::ColumnAutoincrement) && !exclusive) return jet::err::ExclusiveTableLockRequired;
  }
  // A default from a callback: a tagged or long-value column with none of the properties a
  // computed value cannot have, given a JET_USERDEFINEDDEFAULT. Callbacks are not supported:
  // a well-formed one is refused as a callback that cannot be found.
  if (grbit & jet::bit::ColumnUserDefinedDefault) {
    constexpr jet::Grbit kRefused = jet::bit::ColumnFixed | jet::bit::ColumnNotNULL | jet::bit::ColumnVersion |
                                    jet::bit::ColumnAutoincrement | jet::bit::ColumnUpdatable |
                                    jet::bit::ColumnEscrowUpdate | jet::bit::ColumnFinalize |
                                    jet::bit::ColumnDeleteOnZero | jet::bit::ColumnMaybeNull;
    if ((grbit & kRefused) || !tagged) return jet::err::InvalidGrbit;
    if (cbDefault != sizeof(jet::UserDefinedDefault)) return jet::err::InvalidParameter;
    return jet::err::CallbackNotResolved;
  }
  // A not-NULL tagged column is allowed: ESE checks it at insert like any other.
  if ((grbit & jet::bit::ColumnAutoincrement) && table.deletedAutoinc) return jet::err::ColumnRedundant;
  for (const Column &c : table.columns) {
    if ((grbit & jet::bit::ColumnAutoincrement) && c.Autoincrement()) return jet::err::ColumnRedundant;
    if ((grbit & jet::bit::ColumnVersion) && (c.grbit & jet::bit::ColumnVersion)) return jet::err::ColumnRedundant;
  }
  if (cbDefault > 0 && pvDefault == nullptr) return jet::err::InvalidParameter;

  Column c;
  c.name = name;
  c.type = coltyp;
  c.grbit = grbit;
  if (isText) c.cp = static_cast<std::uint16_t>(cp);
  if (fixedSize != 0) {
    c.cbMax = static_cast<jet::ULong>(fixedSize);
  } else if (!isLong) {
    c.cbMax = cbMax == 0 ? jet::cbColumnMost : cbMax;
    if (c.cbMax > jet::cbColumnMost) {
      c.cbMax = jet::cbColumnMost;
      *maxTruncated = true;
    }
  } else {
    c.cbMax = cbMax;
  }
  // fcreate.cxx ErrFILEIAddColumn: a default longer than the column's size (a fixed type's
  // own, cbMax, or no limit for a long value without cbMax) is refused before it is set.
  if (cbDefault > 0 && c.cbMax != 0 && cbDefault > c.cbMax) return jet::err::DefaultValueTooBig;

  const bool fixed = !tagged && (fixedSize != 0 || (grbit & jet::bit::ColumnFixed) ||
                                 (grbit & (jet::bit::ColumnAutoincrement | jet::bit::ColumnEscrowUpdate |
                                           jet::bit::ColumnVersion)));
  if (tagged) {
    if (table.nextTagged > kLastTagged && noIdLeft()) return jet::err::TooManyColumns;
    c.id = table.nextTagged;
    c.grbit = (c.grbit & ~jet::bit::ColumnFixed) | jet::bit::ColumnTagged;
  } else if (fixed) {
    if (table.nextFixed > kLastFixed && noIdLeft()) return jet::err::TooManyColumns;
    c.id = table.nextFixed;
    c.grbit |= jet::bit::ColumnFixed;
  } else {
    if (table.nextVar > kLastVar && noIdLeft()) return jet::err::TooManyColumns;
    c.id = table.nextVar;
  }
  if (cbDefault > 0 && setDefault) {
    if (jet::Err err = SetDefaultValue(c, pvDefault, cbDefault); err < jet::err::Success) return err;
  }
  *out = std::move(c);
  return jet::err::Success;
}

// Takes the column's id from the table for good: a rolled-back or failed add does not give it
// back (fcreate.cxx ErrIsamAddColumn raises the TDB's last id before the steps that can fail).
void TakeColumnId(Table &table, const Column &c) {
  if (c.Tagged()) {
    table.nextTagged = c.id + 1;
  } else if (c.Fixed()) {
    table.nextFixed = c.id + 1;
  } else {
    table.nextVar = c.id + 1;
  }
}

void AddColumnToTable(Table &table, const Column &c) {
  table.columns.push_back(c);
  TakeColumnId(table, c);
}

// The sizes a JET_INDEXCREATE2_W may have: JET_INDEXCREATE_W's or its own (jetapi.cxx refuses
// any other before the engine reads the structure).
bool KnownIndexCreateSize(const jet::IndexCreate2W &ic) {
  return ic.cbStruct == sizeof(jet::IndexCreateW) || ic.cbStruct == sizeof(jet::IndexCreate2W);
}

// The JET_COLUMNCREATE_W and JET_INDEXCREATE2_W arrays of JetCreateTableColumnIndex3W.
jet::Err FillTable(Table &table, const ParamSet &params, jet::TableCreate3W *create, jet::ULong *created) {
  // The key size a record's room is reckoned with (fcreate.cxx ErrFILEIAddColumns): a primary
  // index's own largest key when it gives one, else JET_cbKeyMostMin, with or without one.
  jet::ULong keyMost = jet::cbKeyMostMin;
  for (jet::ULong i = 0; i < create->cIndexes; ++i) {
    const jet::IndexCreate2W &ic = create->rgindexcreate[i];
    if (KnownIndexCreateSize(ic) && (ic.grbit & jet::bit::IndexPrimary) && (ic.grbit & jet::bit::IndexKeyMost)) {
      keyMost = ic.cbKeyMost;
      break;
    }
  }
  for (jet::ULong i = 0; i < create->cColumns; ++i) {
    jet::ColumnCreateW &cc = create->rgcolumncreate[i];
    if (cc.cbStruct != sizeof(jet::ColumnCreateW)) {
      cc.err = jet::err::InvalidParameter;
      return cc.err;
    }
    Column column;
    bool truncated = false;
    cc.err = MakeColumn(table, params, cc.szColumnName, cc.coltyp, cc.cbMax, cc.grbit, cc.cp, cc.pvDefault, cc.cbDefault,
                        &column, &truncated, false);
    if (cc.err < jet::err::Success) return cc.err;
    // fcreate.cxx ErrFILEIAddColumns: every fixed column must fit a record together.
    if (column.Fixed() && FixedColumnsEnd(table) + column.cbMax > RecordMost(params, keyMost)) {
      cc.err = jet::err::RecordTooBig;
      return cc.err;
    }
    if (cc.cbDefault > 0) {
      // fcreate.cxx ErrFILEIAddColumns checks the default against cbMax only; the catalog keeps
      // at most 255 bytes of it (its default value column), and the table is read from there,
      // so a long value's longer default is cut, not refused as JetAddColumnW refuses it.
      const jet::ULong cbDefault =
          column.IsLong() ? std::min<jet::ULong>(cc.cbDefault, static_cast<jet::ULong>(kLVDefaultMost)) : cc.cbDefault;
      cc.err = SetDefaultValue(column, cc.pvDefault, cbDefault);
      if (cc.err < jet::err::Success) return cc.err;
    }
    // ESE (ErrFILEIAddColumns) clears the column's own error field, a warning included, and
    // counts it as created before its catalog insert, which is where a duplicate name fails.
    cc.err = jet::err::Success;
    ++*created;
    if (FindColumnByName(table, column.name) != nullptr) return jet::err::ColumnDuplicate;
    AddColumnToTable(table, column);
    cc.columnid = column.id;
  }
  for (jet::ULong i = 0; i < create->cIndexes; ++i) {
    jet::IndexCreate2W &ic = create->rgindexcreate[i];
    if (!KnownIndexCreateSize(ic)) {
      ic.err = jet::err::InvalidParameter;
      return ic.err;
    }
    UnicodeSettings unicode;
    ic.err = UnicodeFromLcid(ic.grbit, ic.lcid, (ic.grbit & jet::bit::IndexUnicode) ? ic.pidxunicode : nullptr,
                             &unicode);
    if (ic.err < jet::err::Success) return ic.err;
    IndexSpec spec{ic.szIndexName, ic.szKey, ic.cbKey, ic.grbit, unicode,
                   (ic.grbit & jet::bit::IndexTupleLimits) ? 0 : ic.cbVarSegMac, ic.cConditionalColumn, ic.cbKeyMost};
    Index index;
    ic.err = MakeIndex(table, spec, params, &index, false);
    if (ic.err < jet::err::Success) return ic.err;
    // As for columns (ErrFILEICreateIndexes): counted and error field clear before the catalog
    // insert that finds a duplicate name.
    ++*created;
    if (IndexNameTaken(table, index.name)) return jet::err::IndexDuplicate;
    ic.err = InstallIndex(table, std::move(index));
    if (ic.err < jet::err::Success) return ic.err;
  }
  return jet::err::Success;
}

// The page count the catalog keeps for a new table (fcreate.cxx
// ErrFILECreateTableProcessSpaceHints): a page for each index, and one for the table's own
// tree when no index is primary, or the pages asked for when more; one page, the default, is
// kept as 0. Space hints are not modelled (each index counts one page).
jet::ULong CatalogPages(jet::ULong pagesAsked, jet::ULong indexes, bool primary) {
  const jet::ULong required = std::max<jet::ULong>(indexes + (primary ? 0 : 1), pagesAsked);
  return required <= 1 ? 0 : required;
}

// The density a new table's tree is made with (fcreate.cxx ErrFILECreateTableProcessSpaceHints):
// its primary index's, when it has one that gives one, else its own. A secondary index's density
// is never read: it takes the table's (below, MakeIndex).
jet::ULong TableDensity(const jet::TableCreate3W &create) {
  jet::ULong density = create.ulDensity;
  for (jet::ULong i = 0; i < create.cIndexes; ++i) {
    const jet::IndexCreate2W &ic = create.rgindexcreate[i];
    // A structure of the wrong size fails the whole call later (FillTable), as ESE's API layer
    // refuses it before the engine reads any.
    if (!KnownIndexCreateSize(ic)) break;
    if ((ic.grbit & jet::bit::IndexPrimary) && ic.ulDensity != 0) density = ic.ulDensity;
  }
  return density;
}

jet::Err NewTable(Session &s, const DatabasePtr &db, const jet::WChar *szName, jet::ULong pages, jet::ULong density,
                  TablePtr *out) {
  std::u16string name;
  if (jet::Err nameErr = CheckName(szName, &name); nameErr < jet::err::Success) return nameErr;
  if (density != 0 && (density < 20 || density > 100)) return jet::err::DensityInvalid;
  if (jet::Err err = CheckCatalogBegin(s); err < jet::err::Success) {
    // At level 0 the failing begin is the catalog insert's, after the table's creation was
    // versioned in the create's own transaction, which stays open.
    if (StateOf(s).singleChange) NoteVersionLeftOpen(s, db);
    return err;
  }
  // fcreate.cxx ErrFILECreateTable finds a read-only transaction only at the catalog insert
  // (cat.cxx ErrCATAddTable prepares it: ErrPIBCheckUpdatable), after its begin and before the
  // insert finds the name in use.
  if (jet::Err err = s.Transactions().CheckUpdatable(); err < jet::err::Success) return err;
  if (db->tables.count(FoldName(name)) != 0 || FindTableByName(s, *db, FoldName(name)) != nullptr ||
      FindSystemTable(s, *db, FoldName(name)) != nullptr) {
    return jet::err::TableDuplicate;
  }
  // cat.cxx ErrCATAddTable then records the new tree in MSysObjids, which it opens by name
  // (ErrCATInsertMSObjidsRecord, ErrCATIOpenMSObjids): a table the database's creation made,
  // not found by a transaction that began before it.
  const ReadView view = ViewOf(s);
  if (view.inTransaction && db->createdAt > view.snapshot) return jet::err::ObjectNotFound;
  auto table = std::make_shared<Table>();
  table->name = name;
  table->pages = CatalogPages(pages, 0, false);
  table->density = density == 0 ? kDefaultDensity : density;
  table->objid = db->nextObjid;
  *out = table;
  return jet::err::Success;
}

// fcreate.cxx ErrFILECreateTable allocates the new table's space in its own transaction
// before the catalog insert: NewTable's failures from there on (a name in use, MSysObjids not
// found, a read-only transaction) come after it.
bool FailsAfterSpaceAllocated(jet::Err err) {
  return err == jet::err::TableDuplicate || err == jet::err::ObjectNotFound || err == jet::err::TransReadOnly;
}

// A failure after the allocation rolls the creation's transaction back, and the rollback
// frees the space through an open and a close of the database in the creating session,
// which ends the session's exclusive hold on it (ver.cxx VERIFreeExt, db.cxx
// ErrDBCloseDatabase). Called without the database's lock.
void SpaceFreedByRollback(Session &s, Database &db) { DropExclusiveHold(s, db); }

// Makes a new table part of the database (and undoable).
void PublishTable(Session &s, const DatabasePtr &db, const TablePtr &table) {
  ++db->nextObjid;
  db->tables[FoldName(table->name)] = table;
  table->creationVersioned = true;
  if (s.Transactions().Level() > 0 && !StateOf(s).singleChange) {
    table->uncommittedCreator = &s;
    StateOf(s).createdTables.emplace_back(db, table);
  } else {
    table->createdAt = s.GetInstance()->AdvanceTimestamp();
  }
  NoteDatabaseChanged(s, db);
  Session *creator = &s;
  PushUndo(s, [db, table, creator] {
    // The rollback frees the table's space (ver.cxx VERIUndoAllocExt, VERIFreeExt) through an
    // open and a close of the database in the creating session, and that close ends the
    // session's exclusive hold on it (db.cxx ErrDBCloseDatabase).
    DropExclusiveHold(*creator, *db);
    std::unique_lock<std::shared_mutex> lock(db->lock);
    auto found = db->tables.find(FoldName(table->name));
    if (found != db->tables.end() && found->second == table) db->tables.erase(found);
    table->deleted = true;
    ++db->changes;
  });
}

}  // namespace

std::u16string FoldName(const std::u16string &name) {
  std::u16string folded = name;
  for (char16_t &c : folded) {
    if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - u'a' + u'A');
  }
  return folded;
}

void ShapeFixedValue(const Column &column, Bytes *value) {
  if (!column.Fixed() || value->empty()) return;
  if (column.type == jet::coltyp::Bit) {
    (*value)[0] = static_cast<char>((*value)[0] == 0 ? 0x00 : 0xFF);
    return;
  }
  if (keys::FixedSize(column.type) != 0) return;
  // As ESE pads (rec.hxx RECTextColumnPadding): binary with zeros, text with spaces of its
  // code page, a Unicode one as L' ' laid from the start of the column (so an odd length
  // gets the space's high byte first).
  const bool unicode = column.IsText() && column.cp == jet::cp::Unicode;
  for (std::size_t at = value->size(); at < column.cbMax; ++at) {
    value->push_back(!column.IsText() ? '\0' : unicode && at % 2 == 1 ? '\0' : ' ');
  }
}

std::u16string Trimmed(const std::u16string &name) {
  std::u16string result = name;
  while (!result.empty() && result.back() == u' ') result.pop_back();
  return result;
}

bool InCodePage1252(char16_t c) {
  if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return true;
  // Bytes 0x80-0x9F of code page 1252, as Windows maps them (the five it leaves undefined
  // stand for U+0081, U+008D, U+008F, U+0090 and U+009D).
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  for (char16_t known : kHigh) {
    if (c == known) return true;
  }
  return false;
}

bool ValidNameChar(char16_t c) {
  // util.cxx ErrUTILICheckName: bytes of the code page above 0x7F are always valid.
  if (c >= 0x80) return InCodePage1252(c);
  return c >= 0x20 && c != u'!' && c != u'.' && c != u'[' && c != u']';
}

jet::Err CheckNameConverts(const jet::WChar *name) {
  if (name == nullptr) return jet::err::Success;
  for (const jet::WChar *c = name; *c != 0; ++c) {
    if (!InCodePage1252(static_cast<char16_t>(*c))) return jet::err::InvalidName;
  }
  return jet::err::Success;
}

jet::Err CheckName(const jet::WChar *name, std::u16string *out) {
  if (name == nullptr) return jet::err::InvalidName;
  // jetapi.cxx CAutoSZDDL::ErrSet converts the whole name first (os/string.cxx
  // ErrOSSTRUnicodeToAscii, without loss, into code page 1252; its
  // JET_errUnicodeTranslationFail becomes JET_errInvalidName), then ErrUTILICheckName checks it.
  if (jet::Err err = CheckNameConverts(name); err < jet::err::Success) return err;
  std::u16string text = Trimmed(FromJetString(name));
  if (text.empty() || text.size() > kNameMost || text[0] == u' ') return jet::err::InvalidName;
  for (char16_t c : text) {
    if (!ValidNameChar(c)) return jet::err::InvalidName;
  }
  *out = text;
  return jet::err::Success;
}

jet::Err CheckDdl(Session &s, const Database &db) {
  const jet::Err err = s.Transactions().CheckUpdatable();
  if (err < jet::err::Success) return err;
  if (db.readOnly) return jet::err::PermissionDenied;
  return jet::err::Success;
}

// fcreate.cxx ErrIsamAddColumn, ErrIsamDeleteColumn, ErrIsamDeleteIndex and
// ErrFILEICreateIndex check the cursor first (ErrFUCBCheckUpdatable: one opened with
// JET_bitTableReadOnly, or on a read-only database, is JET_errPermissionDenied), then the
// session (ErrPIBCheckUpdatable: JET_errTransReadOnly).
jet::Err LockedTableCursor(Session &s, jet::Tableid tableid, Cursor **cursor) {
  jet::Err err = FindCursor(s, tableid, cursor);
  if (err < jet::err::Success) return err;
  if ((*cursor)->db->readOnly || ((*cursor)->openGrbit & jet::bit::TableReadOnly)) return jet::err::PermissionDenied;
  return s.Transactions().CheckUpdatable();
}

Index *FindIndex(Table &table, const std::u16string &folded) {
  for (Index &index : table.indexes) {
    if (FoldName(index.name) == folded) return &index;
  }
  return nullptr;
}

Index *FindVisibleIndex(Session &s, Table &table, const std::u16string &folded) {
  Index *index = FindIndex(table, folded);
  return index != nullptr && IndexVisible(s, *index) ? index : nullptr;
}

const Column *FindColumnByName(const Table &table, const std::u16string &name, Session *viewer) {
  const std::u16string folded = FoldName(Trimmed(name));
  for (const Column &c : table.columns) {
    if (FoldName(c.name) != folded) continue;
    if (viewer != nullptr ? ColumnVisible(*viewer, c) : !c.Deleted()) return &c;
  }
  return nullptr;
}

bool ColumnNameFree(Session &s, const Table &table, const std::u16string &name) {
  const std::u16string folded = FoldName(Trimmed(name));
  for (const Column &c : table.columns) {
    if (FoldName(c.name) == folded && (ColumnVisible(s, c) || (c.uncommittedAdder != nullptr && !c.Deleted()))) {
      return false;
    }
  }
  return true;
}

jet::Err CheckColumnId(Session &s, const Table &table, jet::Columnid id, const Column **column) {
  if (id < kFirstFixed || id > kLastTagged) return jet::err::BadColumnId;
  *column = table.FindColumn(id);
  return *column == nullptr || !ColumnVisible(s, **column) ? jet::err::ColumnNotFound : jet::err::Success;
}

namespace {

// The characters of a multi-string before its final empty string (os/string.cxx LOSStrLengthMW).
std::size_t MultiStringLength(const jet::WChar *key) {
  std::size_t length = 0;
  while (key[length] != 0) {
    while (key[length] != 0) ++length;
    ++length;
  }
  return length;
}

// One JET_INDEXCREATE2_W as jetapi.cxx CAutoIDXCREATE2::_ErrSet converts it.
jet::Err CheckIndexCreateForm(const jet::IndexCreate2W &ic) {
  if (!KnownIndexCreateSize(ic)) return jet::err::InvalidParameter;
  if (ic.cbKey == 0) return jet::err::InvalidParameter;
  if (ic.szKey == nullptr) return jet::err::IndexInvalidDef;
  const std::size_t length = MultiStringLength(ic.szKey);
  const std::size_t chars = ic.cbKey / sizeof(jet::WChar);
  if (ic.cbKey < sizeof(jet::WChar) * (length + 1)) return jet::err::IndexInvalidDef;
  if ((ic.szKey[0] != u'+' && ic.szKey[0] != u'-') || chars < 2 || ic.szKey[chars - 1] != 0 ||
      ic.szKey[chars - 2] != 0) {
    return jet::err::IndexInvalidDef;
  }
  if (jet::Err err = CheckNameConverts(ic.szIndexName); err < jet::err::Success) return err;
  for (std::size_t i = 0; i < length; ++i) {
    if (!InCodePage1252(static_cast<char16_t>(ic.szKey[i]))) return jet::err::UnicodeTranslationFail;
  }
  // What follows the key may only be ESE's oldest form: a LANGID, or a LANGID and a
  // cbVarSegMac, each followed by two NUL characters.
  const std::size_t cbPast = ic.cbKey - sizeof(jet::WChar) * (length + 1);
  constexpr std::size_t kLangid = 2 + 2 * sizeof(jet::WChar);
  if (cbPast != 0 && cbPast != kLangid && cbPast != kLangid + 1 + 2 * sizeof(jet::WChar)) {
    return jet::err::IndexInvalidDef;
  }
  return jet::err::Success;
}

}  // namespace

// jetapi.cxx JetCreateTableColumnIndexEx3W converts the structure to its ANSI form
// (CAutoTABLECREATE3::ErrSet) before it even validates the session; a failure there returns
// at once, writing no column's or index's err, no tableid and no cCreated.
jet::Err CheckTableCreateForm(const jet::TableCreate3W *create) {
  if (create == nullptr) return jet::err::Success;
  if (create->cbStruct != sizeof(jet::TableCreate3W)) return jet::err::InvalidParameter;
  if (jet::Err err = CheckNameConverts(create->szTableName); err < jet::err::Success) return err;
  if (jet::Err err = CheckNameConverts(create->szTemplateTableName); err < jet::err::Success) return err;
  if (create->cColumns > 0 && create->rgcolumncreate == nullptr) return jet::err::Success;
  for (jet::ULong i = 0; i < create->cColumns; ++i) {
    const jet::ColumnCreateW &cc = create->rgcolumncreate[i];
    if (cc.cbStruct != sizeof(jet::ColumnCreateW)) return jet::err::InvalidParameter;
    if (jet::Err err = CheckNameConverts(cc.szColumnName); err < jet::err::Success) return err;
  }
  if (create->cIndexes > 0 && create->rgindexcreate != nullptr) {
    for (jet::ULong i = 0; i < create->cIndexes; ++i) {
      if (jet::Err err = CheckIndexCreateForm(create->rgindexcreate[i]); err < jet::err::Success) return err;
    }
  }
  return CheckNameConverts(create->szCallback);
}

namespace {

// fcreate.cxx ErrFILECreateTable opens the new table for its creator denying reads to other
// sessions, and versions the creation through that cursor (ver.cxx ErrVERFlag, operCreateTable).
// In an open transaction the cursor's flag stays until level 0, so a close there is deferred and
// the hold denying reads stays (bt.cxx BTClose): the creator's other cursors on the table still
// hold it exclusively (FDomainDenyReadByUs: an escrow or autoincrement column, an index over
// rows; extended generator seed 2625).
jet::Err OpenCreatedTable(Session &s, const DatabasePtr &db, const TablePtr &table, jet::Tableid *ptableid) {
  Cursor *cursor = nullptr;
  const jet::Err err = OpenCursor(s, db, table, 0, ptableid, jet::bit::TableDenyRead, &cursor);
  if (err >= jet::err::Success && s.Transactions().Level() > 0) cursor->versioned = true;
  return err;
}

}  // namespace

jet::Err CreateTableColumnIndex(Session &s, jet::Dbid dbid, jet::TableCreate3W *create) {
  if (create == nullptr || create->cbStruct != sizeof(jet::TableCreate3W)) return jet::err::InvalidParameter;
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  // fcreate.cxx ErrIsamCreateTable: a read-only database first; the transaction later.
  if (db->readOnly) return jet::err::PermissionDenied;
  create->cCreated = 0;
  create->tableid = jet::tableidNil;
  if (create->szTemplateTableName != nullptr && create->szTemplateTableName[0] != 0) return jet::err::InvalidParameter;
  if (create->szCallback != nullptr && create->szCallback[0] != 0) return jet::err::CallbackNotResolved;
  if ((create->cColumns > 0 && create->rgcolumncreate == nullptr) ||
      (create->cIndexes > 0 && create->rgindexcreate == nullptr)) {
    return jet::err::InvalidParameter;
  }
  std::unique_lock<std::shared_mutex> lock(db->lock);
  TablePtr table;
  if ((err = NewTable(s, db, create->szTableName, create->ulPages, TableDensity(*create), &table)) < jet::err::Success) {
    // fcreate.cxx ErrFILECreateTable: the table's space is allocated and counted in its own
    // transaction before the catalog insert (ErrCATAddTable), which is where a name in use
    // fails and whose nested begin is where a context another thread set fails; a transaction
    // the caller does not own fails the first begin.
    if (FailsAfterSpaceAllocated(err)) {
      create->cCreated = 1;
      lock.unlock();
      SpaceFreedByRollback(s, *db);
    } else if (err == jet::err::SessionSharingViolation && StateOf(s).singleChange) {
      create->cCreated = 1;  // its rollback fails the same check: nothing is freed
    }
    return err;
  }
  jet::ULong created = 1;
  err = FillTable(*table, s.GetInstance()->Params(), create, &created);
  // A failure leaves the count of what was made before it (fcreate.cxx ErrFILECreateTable
  // does not reset it; jetapi.cxx copies it back on failure too), though all of it is undone.
  create->cCreated = created;
  if (err < jet::err::Success) {
    lock.unlock();
    SpaceFreedByRollback(s, *db);
    return err;
  }
  bool primary = false;
  for (jet::ULong i = 0; i < create->cIndexes; ++i) primary = primary || (create->rgindexcreate[i].grbit & jet::bit::IndexPrimary) != 0;
  table->pages = CatalogPages(create->ulPages, create->cIndexes, primary);
  PublishTable(s, db, table);
  return OpenCreatedTable(s, db, table, &create->tableid);
}

// fcreate.cxx ErrIsamCreateTable, ErrFILECreateTable: a read-only database first, then the
// name and the density, and only then the transaction (its begin, then the catalog insert).
jet::Err CreateTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::ULong pages, jet::ULong density,
                     jet::Tableid *ptableid) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (db->readOnly) return jet::err::PermissionDenied;
  std::u16string checked;
  if (jet::Err nameErr = CheckName(name, &checked); nameErr < jet::err::Success) return nameErr;
  if (density != 0 && (density < 20 || density > 100)) return jet::err::DensityInvalid;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::unique_lock<std::shared_mutex> lock(db->lock);
  TablePtr table;
  if ((err = NewTable(s, db, name, pages, density, &table)) < jet::err::Success) {
    if (FailsAfterSpaceAllocated(err)) {
      lock.unlock();
      SpaceFreedByRollback(s, *db);
    }
    return err;
  }
  PublishTable(s, db, table);
  return OpenCreatedTable(s, db, table, ptableid);
}

jet::Err DeleteTable(Session &s, jet::Dbid dbid, const jet::WChar *name) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (NamesObjidsTable(name)) return jet::err::CannotDeleteSystemTable;
  if ((err = s.Transactions().CheckUpdatable()) < jet::err::Success) return err;
  std::u16string text;
  if (jet::Err nameErr = CheckName(name, &text); nameErr < jet::err::Success) return nameErr;
  // fcreate.cxx ErrFILEDeleteTable begins its transaction once the name is checked, before it
  // opens the table: nested in one the caller does not own, it fails there. It begins no other,
  // so at level 0 under a context another thread set it runs to its commit (or its rollback
  // after a failure), which fails and leaves the transaction open.
  if ((err = CheckNestedBegin(s)) < jet::err::Success) return err;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    const TablePtr table = FindTableToOpen(s, *db, FoldName(text));
    if (table == nullptr) {
      // The catalog and its shadow refuse the open for deletion (fileopen.cxx
      // ErrFILEIOpenTable); MSysLocales goes as any table.
      if (const SystemTable *system = FindSystemTable(s, *db, FoldName(text)); system != nullptr) {
        if (!system->deletable) return jet::err::CannotDeleteSystemTable;
        DeleteLocalesTable(s, db);
        NoteDatabaseChanged(s, db);
        return jet::err::Success;
      }
    }
    if (table == nullptr || !CatalogVisible(s, *table)) return jet::err::ObjectNotFound;
    // Another session's delete holds the table, or a delete refused on a read-only database
    // left it marked (below).
    if (table->deleted || table->deleteMarkLeft) return jet::err::TableLocked;
    // fcreate.cxx ErrIsamDeleteTable opens the table denying reads, for deletion
    // (fileopen.cxx ErrFILEISetMode): another session's deny-read locks it; any open cursor,
    // this session's too, is in use.
    for (const TableUser &u : table->users) {
      if (u.session != &s && u.denyRead) return jet::err::TableLocked;
    }
    // ... but for its own cursors closed in the transaction and kept until it ends
    // (fileopen.cxx ErrFILEISetMode passes over FFUCBDeferClosed ones for a delete).
    for (const TableUser &u : table->users) {
      if (!(u.session == &s && u.deferred)) return jet::err::TableInUse;
    }
    // A database attached read-only refuses the catalog's delete, once the table is open for
    // deletion: its in-memory description keeps the mark of a delete pending (fileopen.cxx
    // ErrFILEISetMode sets it; only the rollback of a delete's version clears it, and none was
    // made), so every open of it is JET_errTableLocked while the database stays attached.
    if (db->readOnly) {
      table->deleteMarkLeft = true;
      return jet::err::PermissionDenied;
    }
    for (const auto &record : table->records) {
      if (record.second.hasPending && record.second.writer != &s) return jet::err::TableInUse;
      for (const SharedChange &change : record.second.shared) {
        if (change.session != &s) return jet::err::TableInUse;
      }
    }
    // Once the table is open for deletion: another session's rename not yet committed holds
    // the table's catalog record, which the delete would remove (seen on ESE's engine).
    if (table->uncommittedRenamer != nullptr && table->uncommittedRenamer != &s) return jet::err::WriteConflict;
    db->tables.erase(FoldName(table->name));
    UnhashTable(*db, FoldName(text));
    table->deleted = true;
    // Other sessions keep finding it until the delete commits (cursors.cc FindTableByName).
    table->uncommittedDeleter = &s;
    db->deletedTables.push_back(table);
    StateOf(s).deletedTables.emplace_back(db, table);
    NoteDatabaseChanged(s, db);
    PushUndo(s, [db, table] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      table->deleted = false;
      table->uncommittedDeleter = nullptr;
      db->deletedTables.erase(std::remove(db->deletedTables.begin(), db->deletedTables.end(), table), db->deletedTables.end());
      db->tables[FoldName(table->name)] = table;
      ++db->changes;
    });
  }
  return jet::err::Success;
}

namespace {

// The rollback of a column's add: ESE marks its description deleted (ver.cxx
// VERIUndoAddColumn), which keeps its id used and answers a lookup by id.
std::function<void()> UndoAddColumn(const DatabasePtr &db, const TablePtr &table, jet::Columnid id) {
  return [db, table, id] {
    std::unique_lock<std::shared_mutex> undoLock(db->lock);
    auto added =
        std::find_if(table->columns.begin(), table->columns.end(), [id](const Column &c) { return c.id == id; });
    if (added != table->columns.end()) {
      // ver.cxx VERIUndoAddColumn: an autoincrement column's rollback resets the table's
      // autoincrement state (TDB::ResetAutoIncInitOnce).
      if (added->Autoincrement()) table->autoincInit = Table::AutoincInit::kNotYet;
      table->dropped.push_back(*added);
      table->columns.erase(added);
    }
    ++db->changes;
  };
}

}  // namespace

jet::Err AddColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, const jet::ColumnDef *def,
                   const void *pvDefault, jet::ULong cbDefault, jet::Columnid *pcolumnid) {
  Cursor *cursor = nullptr;
  jet::Err err = LockedTableCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (def == nullptr || def->cbStruct != sizeof(jet::ColumnDef)) return jet::err::InvalidParameter;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  bool truncated = false;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    Column column;
    // fcreate.cxx ErrIsamAddColumn: an escrow or autoincrement column needs the table held
    // denying reads by the caller's session (FDomainDenyReadByUs), through any of its cursors.
    const bool exclusive = DeniesReadByUs(s, *table);
    bool tooMany = false;
    err = MakeColumn(*table, s.GetInstance()->Params(), name, def->coltyp, def->cbMax, def->grbit, def->cp, pvDefault, cbDefault, &column,
                     &truncated, false, exclusive, &tooMany);
    if (err < jet::err::Success) return err;
    // fcreate.cxx ErrIsamAddColumn looks for any node of the table (fDIRAllNode), a deleted
    // record's included, through the table's own cursor, and puts that one back to the first
    // record, found when next used (DIRDeferMoveFirst): a current secondary index's cursor
    // stays on its entry, so a move goes on from there.
    if (column.Escrow() && HoldsAnyRecord(*table)) {
      DeferTableMoveFirst(*cursor);
      return jet::err::TableNotEmpty;
    }
    // At level 0 under a session context another thread set, ESE's own transaction begins and
    // the one nested in it for the catalog insert fails (fcreate.cxx ErrIsamAddColumn,
    // cat.cxx ErrCATAddTableColumn): by then the name was found free, the default set, the new
    // column put in the table's description and the cursor put before the first record.
    const jet::Err beginErr = CheckCatalogBegin(s);
    if (beginErr < jet::err::Success && !StateOf(s).singleChange) return beginErr;
    if (!ColumnNameFree(s, *table, column.name)) return jet::err::ColumnDuplicate;
    // Once the name is found free, ErrIsamAddColumn sends the table's cursor to the table's
    // root (DIRGotoRoot) and puts it before the first record only when the column is in: a
    // failure between leaves it at the root. There a move next or previous fails (dir.cxx
    // ErrDIRNext, ErrDIRPrev), putting the cursor after the last record or before the first.
    // With a secondary index current, moves go by the index's cursor, which stays.
    const auto leftAtRoot = [&](jet::Err failure) {
      if (!IsSecondary(CurrentIndex(*cursor))) cursor->position = Position::kAtRoot;
      return failure;
    };
    // ... then whether the table's fixed columns would still fit a record.
    if (column.Fixed() && FixedColumnsEnd(*table) + column.cbMax > RecordMost(s.GetInstance()->Params(), *table)) {
      return leftAtRoot(jet::err::RecordTooBig);
    }
    if (tooMany) return leftAtRoot(jet::err::TooManyColumns);
    // fcreate.cxx ErrIsamAddColumn sets the default (ErrFILERebuildDefaultRec, fldmod.cxx
    // ErrRECSetDefaultValue) once the new id is taken, after the name is found free.
    if (cbDefault > 0) {
      if ((err = SetDefaultValue(column, pvDefault, cbDefault)) < jet::err::Success) {
        TakeColumnId(*table, column);
        return leftAtRoot(err);
      }
    }
    if (beginErr < jet::err::Success) {
      cursor->position = Position::kBeforeFirst;
      // The add's version was made through the cursor (ver.cxx ErrVERFlag marks it versioned,
      // deny-read or not), so with the transaction left open a JetCloseTable of it waits for
      // level 0 and keeps the table's deny modes until then (bt.cxx BTClose).
      cursor->versioned = true;
      // The column is in the table's description and the add versioned by then; the rollback
      // of ESE's own transaction fails under that context too, so the column stays until the
      // context's owner rolls that transaction back. Added through a cursor of the adder's
      // that denies reads, it is not flagged versioned and so is the table's in full: found
      // by name, and required of an insert when NOT NULL (rec.cxx ErrRECIIllegalNulls).
      // Flagged versioned, it is looked up in the catalog, which never got it: found by no one.
      NoteVersionLeftOpen(s, db);
      if (DeniesReadByUs(s, *table)) {
        column.catalogRowMissing = true;
        AddColumnToTable(*table, column);
        NoteDatabaseChanged(s, db);
        PushUndo(s, UndoAddColumn(db, table, column.id));
      } else {
        TakeColumnId(*table, column);
        table->dropped.push_back(column);
      }
      return beginErr;
    }
    // fcreate.cxx ErrIsamAddColumn versions the column unless the adder holds the table
    // denying reads to others.
    if (!DeniesReadByUs(s, *table)) {
      column.uncommittedAdder = &s;
      StateOf(s).addedColumns.push_back({db, table, column.id});
    } else {
      column.catalogAdder = &s;
      StateOf(s).addedColumns.push_back({db, table, column.id, true});
    }
    AddColumnToTable(*table, column);
    // ErrIsamAddColumn leaves the cursor before the first record (DIRBeforeFirst).
    cursor->position = Position::kBeforeFirst;
    // fcreate.cxx ErrFILEIUpdateAutoInc: an autoincrement column added to a table with
    // records numbers them 1, 2, ... with a JET_prepReplaceNoLock update of each, moving the
    // cursor through the entries of its current index, and leaves the cursor after the last
    // and the counter after the last number. On a secondary index the numbers follow its
    // order; a record it has no entry for keeps no number, and one it has several entries for
    // is numbered once per entry, keeping the last.
    if (column.Autoincrement()) {
      // Its walk begins with a move to the first record (ErrIsamMove), made whether or not
      // there is one: the cursor's prepared update is cancelled and its index range goes
      // (DIRResetIndexRange), and the cursor has moved at the caller's level, whose rollback
      // puts it before the first record (as ESE's engine shows; the update: extended seed
      // 16065).
      if (cursor->prepared != Prepared::kNone) CancelUpdate(*cursor);
      DropRanges(*cursor);
      NavigatedAtThisLevel(s, tableid, cursor);
      const ReadView view = ViewOf(s);
      const Index *index = CurrentIndex(*cursor);
      std::vector<Bytes> walk;
      for (auto entry = Step(*table, index, view, 1, nullptr, false); entry;
           entry = Step(*table, index, view, 1, &*entry, false)) {
        walk.push_back(entry->second);
      }
      std::int64_t next = 1;
      for (const Bytes &bookmark : walk) {
        RowPtr row = VisibleRow(table->records.find(bookmark)->second, view);
        // An entry an unversioned index build left for a record the session does not see
        // (BuiltEntrySeen): ESE's replace there fails (JET_errRecordDeleted) and the add with
        // it, which is not modelled; the record is passed over.
        if (!row) continue;
        auto numbered = std::make_shared<Row>(*row);
        numbered->values[column.id] = {IntegerValueBytes(next++, column.cbMax)};
        numbered->nulls.erase(column.id);
        WriteRecord(s, db, table, bookmark, std::move(numbered));
      }
      table->nextAutoinc = next;
      if (!walk.empty()) {
        cursor->position = Position::kAfterLast;
        cursor->versioned = true;
      }
    }
    if (pcolumnid != nullptr) *pcolumnid = column.id;
    // The add's version is made through the cursor (ver.cxx ErrVERFlag), as for a delete.
    cursor->versioned = true;
    NoteDatabaseChanged(s, db);
    PushUndo(s, UndoAddColumn(db, table, column.id));
  }
  return truncated ? jet::wrn::ColumnMaxTruncated : jet::err::Success;
}

namespace {

// Another transaction's change of the column's catalog row, committed after the caller's
// transaction began: the row's version refuses the caller's update or delete of it.
bool CatalogRowChangedSince(Session &s, const Column &column) {
  const ReadView view = ViewOf(s);
  return view.inTransaction && column.catalogRowChangedAt > view.snapshot;
}

// Records a change of the column's catalog row: committed now at level 0, else at the
// transaction's commit (Stamp). A rollback of its level, a nested one included, takes the
// row's version and so the change back.
void NoteCatalogRowChanged(Session &s, const DatabasePtr &db, const TablePtr &table, Column &column) {
  if (InTransaction(s)) {
    StateOf(s).changedColumnRows.push_back({db, table, column.id});
    PushUndo(s, [session = &s] {
      std::vector<SessionState::ChangedColumn> &changed = StateOf(*session).changedColumnRows;
      if (!changed.empty()) changed.pop_back();
    });
  } else {
    column.catalogRowChangedAt = s.GetInstance()->AdvanceTimestamp();
  }
}

}  // namespace

// fcreate.cxx ErrIsamDeleteColumn: the name is checked before the table's updatability.
jet::Err DeleteColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, jet::Grbit) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (name == nullptr) return jet::err::InvalidParameter;
  std::u16string checked;
  if (jet::Err nameErr = CheckName(name, &checked); nameErr < jet::err::Success) return nameErr;
  if ((err = LockedTableCursor(s, tableid, &cursor)) < jet::err::Success) return err;
  // fcreate.cxx ErrIsamDeleteColumn begins its transaction before looking the column up, and
  // the catalog's update nested in it (cat.cxx ErrCATIDeleteTableColumn) comes after: at
  // level 0 under a session context another thread set, a column not found is
  // JET_errColumnNotFound, a column found JET_errSessionSharingViolation.
  const jet::Err beginErr = CheckCatalogBegin(s);
  if (beginErr < jet::err::Success && !StateOf(s).singleChange) return beginErr;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    // cat.cxx ErrCATDeleteTableColumn finds the column's catalog entry as the caller's
    // transaction sees it.
    const Column *column = FindColumnByName(*table, checked, &s);
    if (column == nullptr) return jet::err::ColumnNotFound;
    if (beginErr < jet::err::Success) {
      // The catalog's update locks the column's record (a version) before its nested begin.
      NoteVersionLeftOpen(s, db);
      return beginErr;
    }
    // Its catalog entry has another transaction's change pending (ErrCATDeleteTableColumn
    // replaces it).
    if (column->uncommittedDeleter != nullptr) return jet::err::WriteConflict;
    // ... or a change another transaction committed since this one began (extended generator
    // seed 16884).
    if (CatalogRowChangedSince(s, *column)) return jet::err::WriteConflict;
    for (const Index &index : table->indexes) {
      for (const IndexSegment &segment : index.segments) {
        if (segment.column == column->id) return jet::err::ColumnInUse;
      }
    }
    // ErrIsamDeleteColumn leaves the cursor before the first record (DIRBeforeFirst). Its
    // version is made through the cursor (ver.cxx ErrVERFlag marks it versioned, deny-read or
    // not): closed in the transaction, it keeps the table's modes until level 0 (bt.cxx BTClose).
    cursor->position = Position::kBeforeFirst;
    cursor->versioned = true;
    if (!DeniesReadByUs(s, *table)) {
      // Versioned: the column stays for everyone else until the delete commits (Column).
      const jet::Columnid id = column->id;
      table->columns[column - table->columns.data()].uncommittedDeleter = &s;
      StateOf(s).deletedColumns.push_back({db, table, id});
      NoteDatabaseChanged(s, db);
      const Session *deleter = &s;
      PushUndo(s, [db, table, id, deleter] {
        std::unique_lock<std::shared_mutex> undoLock(db->lock);
        for (Column &c : table->columns) {
          if (c.id == id && c.uncommittedDeleter == deleter) c.uncommittedDeleter = nullptr;
        }
        ++db->changes;
      });
      return jet::err::Success;
    }
    // Through the deleter's deny-read cursor no one else can look: gone at once.
    const Column removed = *column;
    table->columns.erase(table->columns.begin() + (column - table->columns.data()));
    table->dropped.push_back(removed);
    // An autoincrement column stays the table's until the delete is cleaned up (Table::
    // deletedAutoinc): from its commit, or now at level 0.
    if (removed.Autoincrement()) {
      table->deletedAutoinc = removed;
      table->deletedAutoincAt = InTransaction(s) ? StateOf(s).snapshot + 1 : s.GetInstance()->AdvanceTimestamp();
    }
    NoteDatabaseChanged(s, db);
    PushUndo(s, [db, table, removed] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      if (table->deletedAutoinc && table->deletedAutoinc->id == removed.id) table->deletedAutoinc.reset();
      table->dropped.erase(std::remove_if(table->dropped.begin(), table->dropped.end(),
                                          [&](const Column &c) { return c.id == removed.id; }),
                           table->dropped.end());
      table->columns.push_back(removed);
      ++db->changes;
    });
  }
  return jet::err::Success;
}

// fcreate.cxx ErrIsamRenameTable, cat.cxx ErrCATRenameTable: allowed in a transaction (and
// undone by its rollback) and with cursors open on the table; the catalog's unique name index
// refuses a name in use with JET_errKeyDuplicate.
jet::Err RenameTable(Session &s, jet::Dbid dbid, const jet::WChar *name, const jet::WChar *newName) {
  jet::Err err = s.Transactions().CheckUpdatable();
  if (err < jet::err::Success) return err;
  DatabasePtr db;
  if ((err = FindOpenDatabase(s, dbid, &db)) < jet::err::Success) return err;
  if (name == nullptr || newName == nullptr) return jet::err::InvalidParameter;
  std::u16string from, to;
  if (jet::Err nameErr = CheckName(name, &from); nameErr < jet::err::Success) return nameErr;
  if (jet::Err nameErr = CheckName(newName, &to); nameErr < jet::err::Success) return nameErr;
  // cat.cxx ErrCATRenameTable begins its transaction before it looks the table up. Outside a
  // transaction, under a context another thread set, that begin succeeds; the catalog record's
  // update then begins a nested one (recupd.cxx ErrRECReplace), which fails
  // (FPIBCheckTrxContext) once the table is found, and so does the rollback after it: the
  // session stays in the transaction.
  const bool foreignAtLevelZero = StateOf(s).singleChange && s.ContextSetByAnotherThread();
  if (foreignAtLevelZero) {
    StateOf(s).ownBegun = true;
  } else if ((err = CheckCatalogBegin(s)) < jet::err::Success) {
    return err;
  }
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    const TablePtr table = FindTableByName(s, *db, FoldName(from));
    if (table == nullptr || !CatalogVisible(s, *table)) {
      // cat.cxx ErrCATRenameTable: a table whose schema is fixed keeps its name.
      const SystemTable *system = FindSystemTable(s, *db, FoldName(from));
      return system != nullptr && !system->deletable ? jet::err::FixedDDL : jet::err::ObjectNotFound;
    }
    // Another session's rename or delete not yet committed holds the catalog's record.
    if ((table->uncommittedRenamer != nullptr && table->uncommittedRenamer != &s) || table->deleted) {
      return jet::err::WriteConflict;
    }
    // The catalog's cursor on a database attached read-only refuses the record's update
    // (fucb.hxx ErrFUCBCheckUpdatable), once the table is found and before the new name is
    // looked at.
    if (db->readOnly) return jet::err::PermissionDenied;
    if (foreignAtLevelZero) {
      // The catalog record's update locks it (a version) before its nested begin.
      NoteVersionLeftOpen(s, db);
      return jet::err::SessionSharingViolation;
    }
    const TablePtr taken = FindTableByName(s, *db, FoldName(to));
    const auto keyTaken = db->tables.find(FoldName(to));
    if ((taken != nullptr && taken != table) || (keyTaken != db->tables.end() && keyTaken->second != table) ||
        FindSystemTable(s, *db, FoldName(to)) != nullptr) {
      return jet::err::KeyDuplicate;
    }
    struct Naming {
      std::u16string name, nameBefore;
      Session *renamer;
      std::uint64_t renamedAt;
    };
    const Naming before{table->name, table->nameBefore, table->uncommittedRenamer, table->renamedAt};
    db->tables.erase(FoldName(table->name));
    UnhashTable(*db, FoldName(from));
    // The name other sessions keep finding until the commit: the one before this
    // transaction's first rename of the table.
    if (table->uncommittedRenamer != &s) {
      table->nameBefore = table->name;
      table->uncommittedRenamer = &s;
      StateOf(s).renamedTables.emplace_back(db, table);
    }
    table->name = to;
    table->descriptionName = to;
    db->tables[FoldName(to)] = table;
    NoteDatabaseChanged(s, db);
    PushUndo(s, [db, table, before] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      auto current = db->tables.find(FoldName(table->name));
      if (current != db->tables.end() && current->second == table) db->tables.erase(current);
      table->name = before.name;
      table->nameBefore = before.nameBefore;
      table->uncommittedRenamer = before.renamer;
      table->renamedAt = before.renamedAt;
      db->tables[FoldName(before.name)] = table;
      ++db->changes;
    });
  }
  return jet::err::Success;
}

// fcreate.cxx ErrIsamRenameColumn: refused inside a transaction (JET_errInTransaction).
jet::Err RenameColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, const jet::WChar *newName,
                      jet::Grbit) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if ((err = s.Transactions().CheckUpdatable()) < jet::err::Success) return err;
  if (name == nullptr || newName == nullptr) return jet::err::InvalidParameter;
  if (InTransaction(s)) return jet::err::InTransaction;
  std::u16string from, to;
  if (jet::Err nameErr = CheckName(name, &from); nameErr < jet::err::Success) return nameErr;
  if (jet::Err nameErr = CheckName(newName, &to); nameErr < jet::err::Success) return nameErr;
  const DatabasePtr db = cursor->db;
  if (db->readOnly) return jet::err::PermissionDenied;
  // cat.cxx ErrCATRenameColumn begins its transaction here. Under a context another thread
  // set, the catalog update's nested transaction fails (dir.cxx ErrDIRBeginTransaction:
  // FPIBCheckTrxContext) before the new name is checked, and so does the rollback after any
  // failure: the session stays in the transaction, which only that context can end.
  const bool foreignContext = s.ContextSetByAnotherThread();
  if (foreignContext) (void)s.BeginTransaction(0, 0);
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    Table &table = *cursor->table;
    const Column *column = FindColumnByName(table, from, &s);
    if (column == nullptr) return jet::err::ColumnNotFound;
    if (foreignContext) {
      NoteVersionLeftOpen(s, db);
      return jet::err::SessionSharingViolation;
    }
    const Column *taken = FindColumnByName(table, to, &s);
    if (taken != nullptr && taken != column) return jet::err::KeyDuplicate;
    Column &renamed = table.columns[column - table.columns.data()];
    renamed.name = to;
    NoteCatalogRowChanged(s, db, cursor->table, renamed);
    NoteDatabaseChanged(s, db);
  }
  // Made outside any transaction, so logged at once (NoteDatabaseChanged); durable on return.
  return WaitForLog(s);
}

// fldmod.cxx ErrIsamSetColumnDefaultValue: the column name is checked first, then the value
// (none: JET_errNullInvalid), then the table is opened; a column in an index keeps its
// default (JET_errColumnInUse).
jet::Err SetColumnDefaultValue(Session &s, jet::Dbid dbid, const jet::WChar *tableName,
                               const jet::WChar *columnName, const void *pv, jet::ULong cb, jet::Grbit) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  std::u16string column;
  if (jet::Err nameErr = CheckName(columnName, &column); nameErr < jet::err::Success) return nameErr;
  if (pv == nullptr || cb == 0) return jet::err::NullInvalid;
  std::u16string tableText;
  if (jet::Err nameErr = CheckName(tableName, &tableText); nameErr < jet::err::Success) return nameErr;
  // Outside a transaction, the table's open looks it up in a read-only transaction of its own
  // (fileopen.cxx ErrFILEIOpenTable). Under a context another thread set, neither its commit
  // nor its rollback can end it, whatever the lookup finds: the session stays in it
  // (data_exports.cc begins it read-only), and the context's owner meets JET_errTransReadOnly
  // at its next change.
  if (StateOf(s).singleChange && s.ContextSetByAnotherThread()) StateOf(s).ownBegun = true;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    const TablePtr table = FindTableToOpen(s, *db, FoldName(tableText));
    if (table == nullptr || !CatalogVisible(s, *table)) return jet::err::ObjectNotFound;
    // fldmod.cxx ErrIsamSetColumnDefaultValue opens the table denying reads (fileopen.cxx
    // ErrFILEISetMode), then begins its transaction, then looks the column up.
    if ((err = CheckTableModes(s, *table, jet::bit::TableDenyRead)) < jet::err::Success) return err;
    // That cursor takes over one of the session's closed deferred on the table, if any: then it
    // is closed deferred at the end too, whatever the outcome (seed 1459 of the extended
    // generator).
    if (TakeDeferredCursor(s, table)) KeepTakenCursorDenyingReads(s, db, table);
    if ((err = CheckCatalogBegin(s)) < jet::err::Success) return err;
    const Column *target = FindColumnByName(*table, column, &s);
    if (target == nullptr) return jet::err::ColumnNotFound;
    for (const Index &index : table->indexes) {
      for (const IndexSegment &segment : index.segments) {
        if (segment.column == target->id) return jet::err::ColumnInUse;
      }
    }
    // The catalog's update (cat.cxx ErrCATChangeColumnDefaultValue) looks the column's row up
    // as the session sees the catalog, then refuses a read-only transaction or database
    // (extended generator seed 7324).
    if (!ColumnCatalogRowVisible(s, *target)) return jet::err::ColumnNotFound;
    if ((err = CheckDdl(s, *db)) < jet::err::Success) return err;
    if (CatalogRowChangedSince(s, *target)) return jet::err::WriteConflict;
    Column &changed = table->columns[target - table->columns.data()];
    const Column::CatalogDefault before =
        changed.catalogDefault ? *changed.catalogDefault : Column::CatalogDefault{changed.hasDefault, changed.defaultValue};
    if ((err = SetDefaultValue(changed, pv, cb)) < jet::err::Success) return err;
    changed.catalogDefault.reset();
    NoteCatalogRowChanged(s, db, table, changed);
    NoteDatabaseChanged(s, db);
    // The rollback restores the catalog's default, not the one in use (model.h CatalogDefault).
    const jet::Columnid id = changed.id;
    PushUndo(s, [db, table, id, before] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      for (Column &c : table->columns) {
        if (c.id == id) c.catalogDefault = before;
      }
      ++db->changes;
    });
  }
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
