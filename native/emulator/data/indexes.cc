// Index definitions and building: JetCreateIndex2W, JetCreateIndex4W, JetDeleteIndexW, and the
// indexes of JetCreateTableColumnIndex3W.
#include <algorithm>
#include <mutex>
#include <set>

#include "../instance.h"
#include "../session.h"
#include "../utf16.h"
#include "api.h"
#include "catalog.h"
#include "cursor.h"
#include "databases.h"
#include "key_normalize.h"
#include "locales.h"
#include "navigation.h"
#include "session_state.h"
#include "versions.h"

namespace emu {
namespace data {

void SetKeySizesInUse(const Table &table, Index *index) {
  index->keyMostInUse = index->cbKeyMost;
  index->varSegMacInUse = index->cbVarSegMac;
  if (!index->Primary()) return;
  // fileopen.cxx FILEIMinimizePrimaryCbKeyMost: the size a key of these columns can reach,
  // when they bound it (fixed-size types, fixed binary, text and binary cut at cbVarSegMac).
  const jet::ULong varSegMac = index->cbVarSegMac == 0 ? index->cbKeyMost : index->cbVarSegMac;
  const bool cutAtVarSegMac = varSegMac != index->cbKeyMost;
  jet::ULong reach = 0;
  for (const IndexSegment &segment : index->segments) {
    const Column *column = table.FindColumn(segment.column);
    if (column == nullptr) return;
    const std::size_t fixedSize = keys::FixedSize(column->type);
    if (fixedSize != 0) {
      reach += 1 + static_cast<jet::ULong>(fixedSize);
    } else if (column->Fixed() && column->type == jet::coltyp::Binary) {
      reach += cutAtVarSegMac ? std::min<jet::ULong>(1 + column->cbMax, varSegMac) : 1 + column->cbMax;
    } else if (cutAtVarSegMac) {
      reach += varSegMac;
    } else {
      return;
    }
  }
  if (reach >= index->cbKeyMost) return;
  if (index->cbVarSegMac != 0 && reach < index->cbVarSegMac) index->varSegMacInUse = reach;
  index->keyMostInUse = reach;
}

bool IndexNameTaken(const Table &table, const std::u16string &name) {
  const std::u16string folded = FoldName(name);
  for (const Index &existing : table.indexes) {
    if (FoldName(existing.name) == folded) return true;
  }
  return false;
}

jet::Err CheckIndexKeyForm(const jet::WChar *key, jet::ULong cbKey) {
  if (cbKey == 0) return jet::err::InvalidParameter;
  const std::size_t chars = cbKey / sizeof(jet::WChar);
  if (key == nullptr || chars < 2) return jet::err::IndexInvalidDef;
  // The segments end at the first empty string; nothing may follow it (a LANGID and
  // cbVarSegMac after the key, ESE's oldest form, is refused by ErrFILEIValidateCreateIndex).
  std::size_t end = 0;
  while (end < chars && key[end] != 0) {
    while (end < chars && key[end] != 0) ++end;
    ++end;
  }
  if (end >= chars) return jet::err::IndexInvalidDef;
  if (key[0] != u'+' && key[0] != u'-') return jet::err::IndexInvalidDef;
  if (key[chars - 1] != 0 || key[chars - 2] != 0) return jet::err::IndexInvalidDef;
  if (cbKey != (end + 1) * sizeof(jet::WChar)) return jet::err::IndexInvalidDef;
  return jet::err::Success;
}

jet::Err UnicodeFromLcid(jet::Grbit grbit, jet::ULong lcid, const jet::UnicodeIndex *unicode, UnicodeSettings *out) {
  *out = UnicodeSettings{};
  jet::ULong flags = 0;
  if (grbit & jet::bit::IndexUnicode) {
    if (unicode == nullptr) return jet::err::IndexInvalidDef;
    lcid = unicode->lcid;
    flags = unicode->dwMapFlags;
  }
  // An lcid of 0 names no locale: the index takes the instance's default.
  std::u16string locale;
  if (!LcidToLocaleName(lcid == 0 ? kDefaultLcid : lcid, &locale)) return jet::err::InvalidLanguageId;
  out->present = (grbit & jet::bit::IndexUnicode) != 0 || lcid != 0 || flags != 0;
  out->locale = locale;
  out->mapFlags = flags;
  return jet::err::Success;
}

jet::Err UnicodeFromLocale(jet::Grbit grbit, const jet::UnicodeIndex2 *unicode, UnicodeSettings *out) {
  *out = UnicodeSettings{};
  const bool bit = (grbit & jet::bit::IndexUnicode) != 0;
  if (bit != (unicode != nullptr)) return jet::err::InvalidParameter;
  if (!bit) return jet::err::Success;
  // LOCALE_NAME_MAX_LENGTH (85) characters, the terminator included, is ESE's copy's room.
  constexpr std::size_t kLocaleNameMax = 85;
  if (unicode->szLocaleName != nullptr) {
    const std::u16string name = FromJetString(unicode->szLocaleName);
    if (name.size() >= kLocaleNameMax) return jet::err::BufferTooSmall;
    out->locale = name;
  }
  out->present = true;
  out->mapFlags = unicode->dwMapFlags;
  return jet::err::Success;
}

jet::Err MakeIndex(const Table &table, const IndexSpec &spec, const ParamSet &params, Index *out, bool checkName,
                   Session *viewer, bool *validated) {
  std::u16string name;
  if (jet::Err nameErr = CheckName(spec.name, &name); nameErr < jet::err::Success) return nameErr;

  // fcreate.cxx ErrFILEIValidateCreateIndex, in its order.
  const jet::Grbit grbit = spec.grbit;
  jet::ULong cbKeyMost = jet::cbKeyMostMin;
  if (grbit & jet::bit::IndexKeyMost) {
    // fcreate.cxx ErrFILEIValidateCreateIndex: up to the largest key a page of the size in use
    // holds (daedef.hxx CbKeyMostForPage).
    if (spec.cbKeyMost < jet::cbKeyMostMin || spec.cbKeyMost > KeyMostForPage(params)) return jet::err::IndexInvalidDef;
    cbKeyMost = spec.cbKeyMost;
  }
  const bool primary = (grbit & jet::bit::IndexPrimary) != 0;
  const jet::Grbit ignoreBits = jet::bit::IndexIgnoreNull | jet::bit::IndexIgnoreAnyNull | jet::bit::IndexIgnoreFirstNull;
  if (primary && (grbit & ignoreBits)) return jet::err::InvalidGrbit;
  if (primary && spec.cConditional != 0) return jet::err::IndexInvalidDef;
  if ((grbit & jet::bit::IndexEmpty) && !(grbit & jet::bit::IndexIgnoreAnyNull)) return jet::err::InvalidGrbit;
  jet::Err err = CheckIndexKeyForm(spec.key, spec.cbKey);
  if (err < jet::err::Success) return err;

  struct NamedSegment {
    std::u16string column;
    bool descending;
  };
  std::vector<NamedSegment> named;
  const std::size_t chars = spec.cbKey / sizeof(jet::WChar);
  std::size_t at = 0;
  while (at < chars && spec.key[at] != 0) {
    if (named.size() >= jet::ccolKeyMost) return jet::err::IndexInvalidDef;
    std::u16string part;
    while (at < chars && spec.key[at] != 0) part.push_back(static_cast<char16_t>(spec.key[at++]));
    ++at;
    NamedSegment segment{part, false};
    if (part[0] == u'+' || part[0] == u'-') {
      segment.descending = part[0] == u'-';
      segment.column.erase(0, 1);
    }
    named.push_back(segment);
  }
  const jet::ULong cbVarSegMac = spec.cbVarSegMac == 0 ? cbKeyMost : spec.cbVarSegMac;
  if (cbVarSegMac > cbKeyMost) return jet::err::IndexInvalidDef;

  jet::ULong lcid = kDefaultLcid;
  jet::ULong mapFlags = kDefaultMapFlags;
  if (spec.unicode.present) {
    if (!LocaleNameToLcid(spec.unicode.locale, &lcid)) return jet::err::InvalidLanguageId;
    // fcreate.cxx ErrFILEIValidateCreateIndex: LCMAP_UPPERCASE is a format feature.
    if ((spec.unicode.mapFlags & kLcmapUpperCase) &&
        !FormatFeatureEnabled(params, jet::efv::UppercaseTextNormalization)) {
      return jet::err::EngineFormatVersionParamTooLowForRequestedFeature;
    }
    err = CheckedMapFlags(spec.unicode.mapFlags == 0 ? kDefaultMapFlags : spec.unicode.mapFlags, &mapFlags);
    if (err < jet::err::Success) return err;
  }
  if (grbit & (jet::bit::IndexTuples | jet::bit::IndexCrossProduct)) return jet::err::InvalidParameter;
  if (spec.cConditional != 0) return jet::err::InvalidParameter;
  if (validated != nullptr) *validated = true;

  // ErrFILEIPrepareOneIndex: the columns, then the primary index; the catalog insert then
  // finds a name in use.
  Index index;
  index.name = name;
  index.grbit = grbit;
  for (const NamedSegment &segment : named) {
    const Column *column = FindColumnByName(table, Trimmed(segment.column), viewer);
    if (column == nullptr) return jet::err::ColumnNotFound;
    // Without the table held denying reads, the create looks each key column up in the catalog
    // and read-locks its entry (fcreate.cxx ErrFILEGetPfieldAndEnterDML with fLockColumn, cat.cxx
    // ErrCATAccessTableColumn): a column whose entry the caller does not see is not found (seed
    // 1283 of the seed list)...
    if (viewer != nullptr && !DeniesReadByUs(*viewer, table) && !ColumnCatalogRowVisible(*viewer, *column)) {
      return jet::err::ColumnNotFound;
    }
    // ... and a delete the caller does not see yet, pending or committed since its transaction
    // began, has changed that entry.
    if (viewer != nullptr && column->Deleted()) return jet::err::WriteConflict;
    // fcreate.cxx ErrFILEIValidateCreateIndex: concurrent escrow deltas leave no one key.
    if (column->Escrow()) return jet::err::CannotIndex;
    // A record has one primary key, so no column of it may hold several values
    // (ErrFILEICreateIndexes, ErrFILEIPrepareOneIndex).
    if (primary && column->MultiValued()) return jet::err::IndexInvalidDef;
    index.segments.push_back(IndexSegment{column->id, segment.descending});
  }
  if (primary && table.Primary() != nullptr) return jet::err::IndexHasPrimary;
  // A primary index needs a table without a single node (any record, deleted or not), which
  // ErrFILEIPrepareOneIndex checks before the catalog insert finds the name in use.
  if (checkName && primary && HoldsAnyRecord(table)) return jet::err::TableNotEmpty;
  if (checkName && IndexNameTaken(table, name)) return jet::err::IndexDuplicate;
  // The W forms of JET_INDEXCREATE carry no space hints into the engine (jetapi.cxx
  // CAutoIDXCREATE2::ErrSet), so an index takes its table's density whatever ulDensity says,
  // unchecked (fcreate.cxx ErrIsamCreateIndex, ErrFILECreateTable). Only a primary index given
  // to JetCreateTableColumnIndex3W sets a density, the table's own (TableDensity).
  index.density = table.density;
  index.lcid = lcid;
  index.mapFlags = mapFlags;
  index.cbVarSegMac = spec.cbVarSegMac;
  index.cbKeyMost = cbKeyMost;
  SetKeySizesInUse(table, &index);
  *out = std::move(index);
  return jet::err::Success;
}

// fcreate.cxx ErrFILEIPrepareOneIndex for a primary index, ErrIsamAddColumn for an escrow
// column.
bool HoldsAnyRecord(const Table &table) { return !table.records.empty(); }

namespace {

// The versions of a record a new secondary index holds entries for. fcreate.cxx
// ErrFILEIBuildIndex reads the primary index's nodes the builder sees (bt.cxx ErrBTNext,
// ErrNDVisibleToCursor) and keys each from its newest data; ErrFILEIUpdateIndex then applies
// every change of other sessions the builder does not see (uncommitted, or committed after its
// transaction began), which adds the keys of the images before and after each. Versions older
// than the one the builder sees get no entry, and neither does a record it sees deleted: its
// own uncommitted delete, or one committed before its transaction began.
std::vector<RowPtr> RowsIndexedFor(const Record &record, const ReadView *builder) {
  std::vector<RowPtr> rows;
  if (builder != nullptr && record.hasPending && record.writer == builder->session) {
    rows.push_back(record.pending);
    return rows;
  }
  std::size_t first = builder == nullptr ? 0 : SeenVersion(record, *builder);
  if (first == record.committed.size()) first = 0;  // every version came after its snapshot
  for (std::size_t i = first; i < record.committed.size(); ++i) rows.push_back(record.committed[i].row);
  if (record.hasPending) rows.push_back(record.pending);
  return rows;
}

}  // namespace

jet::Err InstallIndex(Table &table, Index index, const ReadView *builder) {
  if (index.Primary()) {
    if (HoldsAnyRecord(table)) return jet::err::TableNotEmpty;
    table.indexes.push_back(std::move(index));
    return jet::err::Success;
  }
  std::set<Bytes> latestKeys;
  for (const auto &record : table.records) {
    for (const Bytes &key : KeysOf(table, index, LatestRow(record.second))) {
      if (index.Unique() && !latestKeys.insert(key).second) return jet::err::KeyDuplicate;
    }
    const bool creatorsOwn = index.builtUnversionedAt != 0 && builder != nullptr && record.second.hasPending &&
                             record.second.writer == builder->session;
    for (const RowPtr &row : RowsIndexedFor(record.second, builder)) {
      for (Bytes &key : KeysOf(table, index, row)) {
        if (creatorsOwn) index.builtFromPending.emplace(key, record.first);
        index.entries.emplace(std::move(key), record.first);
      }
    }
  }
  table.indexes.push_back(std::move(index));
  return jet::err::Success;
}

namespace {

// fcreate.cxx ErrFILEIBuildIndex reads every record of the table in the primary index's order,
// and ErrFILEIAddSecondaryIndexEntriesForPrimaryKey refuses the first whose key cannot be made
// (a Unicode text value of one byte: JET_errUnicodeTranslationFail) or has a null segment in an
// index made with JET_bitIndexDisallowNull (JET_errNullKeyDisallowed); the sort that finds
// duplicate keys runs only after the scan, so either comes before JET_errKeyDuplicate.
jet::Err RecordRefusesIndex(const Table &table, const Index &index) {
  for (const auto &record : table.records) {
    const RowPtr row = LatestRow(record.second);
    if (!row) continue;
    jet::Err refusal = jet::err::Success;
    keys::RowKeys(table, index, *row, &refusal);
    if (refusal < jet::err::Success) return refusal;
  }
  return jet::err::Success;
}

// The errors of the checks ErrFILEICreateIndex makes before it begins its transaction
// (ErrFILEIValidateCreateIndex: the definition's form, its locale and its map flags).
bool FailsBeforeIndexBegin(jet::Err err) {
  return err == jet::err::IndexInvalidDef || err == jet::err::InvalidGrbit || err == jet::err::InvalidParameter ||
         err == jet::err::InvalidName || err == jet::err::InvalidLanguageId ||
         err == jet::err::InvalidLCMapStringFlags || err == jet::err::EngineFormatVersionParamTooLowForRequestedFeature;
}

// fcreate.cxx ErrFILEIPrepareOneIndex allocates a secondary index's tree (ErrDIRCreateDirectory)
// before its catalog insert, where a name in use fails (cat.cxx ErrCATAddTableIndex), and
// before the build reads the records (ErrFILEIBuildIndex: a null key refused, a duplicate key).
bool FailsAfterIndexSpaceAllocated(jet::Err err) {
  return err == jet::err::IndexDuplicate || err == jet::err::NullKeyDisallowed ||
         err == jet::err::UnicodeTranslationFail || err == jet::err::KeyDuplicate;
}

// The database is logged (JET_paramRecovery on) and the log is circular.
bool CircularLogInUse(Session &s) {
  Instance &instance = *s.GetInstance();
  return instance.Paths().usesLog && instance.Params().Number(jet::param::CircularLog) != 0;
}

// The engine's part of JetCreateIndex2W and JetCreateIndex4W (fcreate.cxx ErrIsamCreateIndex)
// on the specs the API layer made. One index is created alone; several are created together
// or not at all (ErrFILEIBatchCreateIndex, one transaction), and a batch cannot hold a
// primary, unversioned or empty index. The structures' `err` fields are not written: ESE's
// wide entry points hand the engine copies and never copy the field back.
jet::Err CreateSpecs(Session &s, jet::Tableid tableid, const std::vector<IndexSpec> &specs) {
  Cursor *cursor = nullptr;
  jet::Err err = LockedTableCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  const bool batch = specs.size() > 1;
  // A failure after a secondary index's tree was allocated rolls the creation's transaction
  // back, which frees that space through an open and a close of the database in the creating
  // session and so ends its exclusive hold (ver.cxx VERIFreeExt, db.cxx ErrDBCloseDatabase).
  bool spaceFreed = false;
  // A primary index whose catalog insert could not begin (below) stays in the table.
  bool primaryKept = false;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    // ErrFILEIBatchCreateIndex builds several indexes only outside any transaction, on a table
    // the session holds denying reads to others.
    if (batch) {
      if (s.Transactions().Level() > 0 && !StateOf(s).singleChange) return jet::err::InTransaction;
      if (!DeniesReadByUs(s, *table)) return jet::err::ExclusiveTableLockRequired;
    }
    std::vector<std::u16string> made;
    for (const IndexSpec &spec : specs) {
      err = jet::err::Success;
      if (batch && (spec.grbit & (jet::bit::IndexPrimary | jet::bit::IndexUnversioned | jet::bit::IndexEmpty))) {
        err = jet::err::InvalidGrbit;
      }
      Index index;
      bool validated = false;
      if (err >= jet::err::Success) err = MakeIndex(*table, spec, s.GetInstance()->Params(), &index, true, &s, &validated);
      // fcreate.cxx ErrFILEICreateIndex builds the index's IDB before its catalog insert, so
      // an index made by itself stores the sizes in use (one made with its table does not).
      index.cbKeyMost = index.keyMostInUse;
      index.cbVarSegMac = index.varSegMacInUse;
      // fcreate.cxx ErrFILEICreateIndex begins its transaction once the name and the form of
      // the definition are checked (ErrFILEIValidateCreateIndex), before it looks the key's
      // columns and the index name up in the table.
      // Outside any transaction, that one is the session's level-0 begin, which no owner check
      // refuses: under a session context another thread set, the begin that fails is the one
      // the catalog's insert nests in it (ErrFILEIPrepareOneIndex, cat.cxx ErrCATAddTableIndex,
      // recupd.cxx ErrRECIInsert), after the key's columns are looked up and a primary index
      // found the table empty, before that insert finds the name in use (extended generator
      // seed 6288). A definition the key's columns make invalid (a primary index over a
      // multi-valued column) fails after that begin (extended generator seed 18216).
      const bool levelZero = StateOf(s).singleChange;
      if (validated || !FailsBeforeIndexBegin(err)) {
        const jet::Err beginErr = CheckCatalogBegin(s);
        const bool reachesCatalog = err >= jet::err::Success || err == jet::err::IndexDuplicate;
        if (beginErr < jet::err::Success && (!levelZero || reachesCatalog)) {
          // A primary index is in the table's description from before that insert
          // (ErrFILEIPrepareOneIndex links its IDB and versions it), and the rollback that would
          // take it out fails under the same context: it stays, in the transaction left open.
          // On a table the session holds denying reads the index is not versioned and its
          // creator finds it (extended generator seed 19052); otherwise no session finds it in
          // the catalog, and every update is refused (Index::catalogRowMissing; seed 22241).
          primaryKept = levelZero && !batch && err >= jet::err::Success && index.Primary();
          err = beginErr;
        }
      }
      const std::u16string folded = FoldName(index.name);
      // ErrFILEICreateIndex decides whether to log a secondary index's build (not with a circular
      // log and no backup running) by a look at the table's root page through the caller's
      // cursor, which then lets go of its page (ErrBTIGotoRoot, BTUp): the cursor keeps its
      // record and position, and its next read goes down the tree to it again, counting the
      // position afresh (bt.cxx ErrBTIIRefresh; extended generator seed 19697).
      if (err >= jet::err::Success && !batch && !index.Primary() && !(spec.grbit & jet::bit::IndexEmpty) &&
          CircularLogInUse(s) && !IsSecondary(CurrentIndex(*cursor))) {
        cursor->pageHeld = false;
      }
      if (err >= jet::err::Success && !index.Primary()) err = RecordRefusesIndex(*table, index);
      // fcreate.cxx ErrFILEICreateIndex versions the index unless the creator holds the table
      // denying reads to others (a batch always does) or asks for an unversioned create.
      const bool versioned = !(spec.grbit & jet::bit::IndexUnversioned) && !DeniesReadByUs(s, *table);
      if (versioned) index.uncommittedCreator = &s;
      if (versioned && primaryKept) index.catalogRowMissing = true;
      if (!versioned) index.builtUnversionedAt = s.GetInstance()->CurrentTimestamp();
      const ReadView builder = ViewOf(s);
      if (err >= jet::err::Success) err = InstallIndex(*table, std::move(index), &builder);
      if ((err >= jet::err::Success || primaryKept) && versioned) StateOf(s).createdIndexes.push_back({db, table, folded});
      if (primaryKept) {
        // On a table found empty.
        if (InstallIndex(*table, std::move(index), &builder) >= jet::err::Success) made.push_back(folded);
        break;
      }
      if (err < jet::err::Success) {
        spaceFreed = (!(spec.grbit & jet::bit::IndexPrimary) && FailsAfterIndexSpaceAllocated(err)) ||
                     std::any_of(table->indexes.begin(), table->indexes.end(), [&](const Index &x) {
                       return !x.Primary() && std::find(made.begin(), made.end(), FoldName(x.name)) != made.end();
                     });
        table->indexes.erase(std::remove_if(table->indexes.begin(), table->indexes.end(),
                                            [&](const Index &x) {
                                              return std::find(made.begin(), made.end(), FoldName(x.name)) !=
                                                     made.end();
                                            }),
                             table->indexes.end());
        break;
      }
      made.push_back(folded);
    }
    // ErrFILEICreateIndex works through a cursor of its own, which versions the index's creation
    // (ErrFILEIPrepareOneIndex, ErrVERFlag) just before the catalog's insert: left in a
    // transaction, that cursor keeps the table in use until level 0 (bt.cxx BTClose). So does
    // the failed nested begin of that insert, whose rollback fails too.
    const bool reachedCatalog =
        err >= jet::err::Success || (StateOf(s).singleChange && err == jet::err::SessionSharingViolation);
    if (reachedCatalog && (err < jet::err::Success || !made.empty())) KeepInternalCursor(s, db, table);
    // The creation was versioned before that insert's begin failed, in a transaction left open.
    if (reachedCatalog && err == jet::err::SessionSharingViolation) NoteVersionLeftOpen(s, db);
    if ((err < jet::err::Success && !primaryKept) || made.empty()) {
      lock.unlock();
      if (spaceFreed) DropExclusiveHold(s, *db);
      return err;
    }
    NoteDatabaseChanged(s, db);
    // A secondary index has a tree of its own, whose space a rollback frees through an open
    // and a close of the database in the creating session, ending its exclusive hold (ver.cxx
    // VERIFreeExt, db.cxx ErrDBCloseDatabase); a primary index lives in the table's tree.
    const bool ownTree = std::any_of(table->indexes.begin(), table->indexes.end(), [&](const Index &x) {
      return !x.Primary() && std::find(made.begin(), made.end(), FoldName(x.name)) != made.end();
    });
    Session *creator = &s;
    PushUndo(s, [db, table, made, ownTree, creator] {
      if (ownTree) DropExclusiveHold(*creator, *db);
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      table->indexes.erase(std::remove_if(table->indexes.begin(), table->indexes.end(),
                                          [&](const Index &x) {
                                            return std::find(made.begin(), made.end(), FoldName(x.name)) != made.end();
                                          }),
                           table->indexes.end());
      ++db->changes;
    });
  }
  return primaryKept ? err : jet::err::Success;
}

// The fields JET_INDEXCREATE_W, JET_INDEXCREATE2_W and JET_INDEXCREATE3_W share.
template <typename IndexCreate>
IndexSpec SpecOf(const IndexCreate &ic, const UnicodeSettings &unicode) {
  return IndexSpec{ic.szIndexName, ic.szKey, ic.cbKey, ic.grbit, unicode,
                   (ic.grbit & jet::bit::IndexTupleLimits) ? 0 : ic.cbVarSegMac, ic.cConditionalColumn,
                   ic.cbKeyMost};
}

template <typename IndexCreate>
jet::Err CheckForms(const IndexCreate *indexes, jet::ULong count) {
  if (indexes == nullptr && count > 0) return jet::err::InvalidParameter;
  for (jet::ULong i = 0; i < count; ++i) {
    if (indexes[i].cbStruct != sizeof(IndexCreate)) return jet::err::InvalidParameter;
    jet::Err err = CheckIndexKeyForm(indexes[i].szKey, indexes[i].cbKey);
    if (err < jet::err::Success) return err;
  }
  return jet::err::Success;
}

// jetapi.cxx's conversions, all made before the engine is called: each structure's size and
// key first (CheckIndexCreateForms, which the exports call before entering the session), then
// each one's Unicode settings.
template <typename IndexCreate, typename Convert>
jet::Err CreateFromStructures(Session &s, jet::Tableid tableid, IndexCreate *indexes, jet::ULong count,
                              Convert unicodeOf) {
  std::vector<IndexSpec> specs;
  for (jet::ULong i = 0; i < count; ++i) {
    UnicodeSettings unicode;
    jet::Err err = unicodeOf(indexes[i], &unicode);
    if (err < jet::err::Success) return err;
    specs.push_back(SpecOf(indexes[i], unicode));
  }
  return CreateSpecs(s, tableid, specs);
}

}  // namespace

jet::Err CheckIndexCreateForms(const jet::IndexCreateW *indexes, jet::ULong count) { return CheckForms(indexes, count); }
jet::Err CheckIndexCreateForms(const jet::IndexCreate3W *indexes, jet::ULong count) { return CheckForms(indexes, count); }

jet::Err CreateIndexes(Session &s, jet::Tableid tableid, jet::IndexCreateW *indexes, jet::ULong count) {
  return CreateFromStructures(s, tableid, indexes, count, [](const jet::IndexCreateW &ic, UnicodeSettings *out) {
    return UnicodeFromLcid(ic.grbit, ic.lcid, (ic.grbit & jet::bit::IndexUnicode) ? ic.pidxunicode : nullptr, out);
  });
}

jet::Err CreateIndexes3(Session &s, jet::Tableid tableid, jet::IndexCreate3W *indexes, jet::ULong count) {
  return CreateFromStructures(s, tableid, indexes, count, [](const jet::IndexCreate3W &ic, UnicodeSettings *out) {
    return UnicodeFromLocale(ic.grbit, ic.pidxunicode, out);
  });
}

// fcreate.cxx ErrIsamDeleteIndex: the name is checked before the table's updatability; an
// index that is the current index of any cursor, of any session, is in use
// (fcb.cxx FCB::ErrSetDeleteIndex, the index's CrefCurrentIndex).
jet::Err DeleteIndex(Session &s, jet::Tableid tableid, const jet::WChar *name) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (name == nullptr) return jet::err::InvalidParameter;
  std::u16string checked;
  if (jet::Err nameErr = CheckName(name, &checked); nameErr < jet::err::Success) return nameErr;
  if ((err = LockedTableCursor(s, tableid, &cursor)) < jet::err::Success) return err;
  // fcreate.cxx ErrIsamDeleteIndex begins its transaction before looking the index up, and the
  // catalog's delete nested in it (cat.cxx ErrCATIDeleteTableIndex, ErrIsamDelete) comes after
  // the lookup and the primary index's refusal: at level 0 under a session context another
  // thread set, those errors come first, then JET_errSessionSharingViolation.
  const jet::Err beginErr = CheckCatalogBegin(s);
  if (beginErr < jet::err::Success && !StateOf(s).singleChange) return beginErr;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    const std::u16string folded = FoldName(checked);
    Index *index = FindVisibleIndex(s, *table, folded);
    if (index == nullptr) return jet::err::IndexNotFound;
    if (index->Primary()) return jet::err::IndexMustStay;
    if (beginErr < jet::err::Success) return beginErr;
    if (table->currentIndexUses.InUse(folded)) return jet::err::IndexInUse;
    Index removed = std::move(*index);
    table->indexes.erase(table->indexes.begin() + (index - table->indexes.data()));
    NoteDatabaseChanged(s, db);
    auto saved = std::make_shared<Index>(std::move(removed));
    PushUndo(s, [db, table, saved] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      Index restored = *saved;
      restored.entries.clear();
      InstallIndex(*table, std::move(restored));
      ++db->changes;
    });
    // ESE versions the delete through a cursor of its own on the table (ErrDIROpen "to leave
    // the user's cursor unmoved", then ErrVERFlag): left in a transaction, it keeps the table
    // among the session's deferred cursors until level 0, and a later JetSetColumnDefaultValue
    // takes it over (extended generator seed 3451).
    KeepInternalCursor(s, db, table);
  }
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
