// Reading the catalog: JetGetTableColumnInfoW, JetGetTableIndexInfoW, JetGetTableInfoW.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "../instance.h"
#include "../params.h"
#include "../session.h"
#include "../utf16.h"
#include "api.h"
#include "catalog.h"
#include "cursor.h"
#include "system_tables.h"
#include "databases.h"
#include "file_image.h"
#include "session_state.h"
#include "temp_tables.h"
#include "versions.h"

namespace emu {
namespace data {
namespace {

void WriteULong(void *pv, jet::ULong value) { std::memcpy(pv, &value, sizeof value); }
void WriteUShort(void *pv, jet::ULong value) {
  const std::uint16_t small = static_cast<std::uint16_t>(value);
  std::memcpy(pv, &small, sizeof small);
}

// The record, key and page counts of tables and indexes: ESE reports those its catalog keeps
// (stats.cxx ErrSTATSRetrieveTableStats, ErrSTATSRetrieveIndexStats), which only
// JetComputeStats sets; it is not among the emulator's entry points, so they stay 0, as they
// are in ESE for every table that has never had them computed, with or without the level's
// "NoStats".
constexpr std::int32_t kStoredStatistic = 0;

// A column's grbit as ESE reports it (info.cxx ErrINFOGetTableColumnInfo): rebuilt from where
// the column lives and the properties it keeps, so definition-only bits (JET_bitColumnMaybeNull,
// JET_bitColumnUnversioned, ...) are gone, with JET_bitColumnUpdatable when the cursor asked
// could update the table.
jet::Grbit ReportedGrbit(const Column &c, bool updatable) {
  constexpr jet::Grbit kKept = jet::bit::ColumnNotNULL | jet::bit::ColumnAutoincrement | jet::bit::ColumnVersion |
                               jet::bit::ColumnMultiValued | jet::bit::ColumnEscrowUpdate | jet::bit::ColumnFinalize |
                               jet::bit::ColumnDeleteOnZero | jet::bit::ColumnUserDefinedDefault |
                               jet::bit::ColumnCompressed | jet::bit::ColumnEncrypted;
  jet::Grbit grbit = c.Tagged() ? jet::bit::ColumnTagged : c.Fixed() ? jet::bit::ColumnFixed : 0;
  if (updatable) grbit |= jet::bit::ColumnUpdatable;
  return grbit | (c.grbit & kKept);
}

// ESE's cursor flag behind JET_bitColumnUpdatable: not on a read-only attachment and not opened
// with JET_bitTableReadOnly (fucb.cxx ErrFUCBOpen, fileopen.cxx ErrFILEOpenTable).
bool CursorUpdatable(const Cursor &cursor) {
  return !cursor.db->readOnly && (cursor.openGrbit & jet::bit::TableReadOnly) == 0;
}

void FillColumnDef(const Column &c, bool updatable, jet::ColumnDef *def) {
  def->cbStruct = sizeof(jet::ColumnDef);
  def->columnid = c.id;
  def->coltyp = c.type;
  def->wCountry = 1;
  def->langid = 0x409;
  def->cp = c.cp;
  def->wCollate = 0;
  def->cbMax = c.cbMax;
  def->grbit = ReportedGrbit(c, updatable);
}

// JET_ColInfoList's sort and filter bits, carried in the level's high bits.
constexpr jet::ULong kColInfoFlags = 0xF0000000;
constexpr jet::ULong kColInfoSortByColumnid = 0x20000000;
constexpr jet::ULong kColInfoListSortColumnid = 7;
constexpr jet::ULong kColInfoListCompact = 5;
constexpr jet::ULong kColInfoSysTabCursor = 3;
constexpr jet::ULong kColInfoBaseByColid = 8;

// The columns of a JET_COLUMNLIST table, in the order of jet::ColumnList's column ids.
jet::Err ColumnListTable(Session &s, const Table &table, bool updatable, bool byColumnid, void *pv, jet::ULong cb) {
  if (cb < sizeof(jet::ColumnList)) return jet::err::BufferTooSmall;
  TempTable list({{u"PresentationOrder", jet::coltyp::Long},
                  {u"ColumnName", jet::coltyp::Text},
                  {u"ColumnId", jet::coltyp::Long},
                  {u"ColumnType", jet::coltyp::Long},
                  {u"Country", jet::coltyp::Short},
                  {u"Langid", jet::coltyp::Short},
                  {u"Cp", jet::coltyp::Short},
                  {u"Collate", jet::coltyp::Short},
                  {u"Size", jet::coltyp::Long},
                  {u"Grbit", jet::coltyp::Long},
                  {u"DefaultValue", jet::coltyp::Binary},
                  {u"BaseTableName", jet::coltyp::Text},
                  {u"BaseColumnName", jet::coltyp::Text},
                  {u"DefinitionName", jet::coltyp::Text}});
  std::vector<const Column *> columns;
  // info.cxx ErrINFOGetTableColumnInfoList leaves out the columns the caller cannot access
  // (ErrRECIAccessColumn).
  for (const Column &c : table.columns) {
    if (ColumnVisible(s, c)) columns.push_back(&c);
  }
  std::sort(columns.begin(), columns.end(), [byColumnid](const Column *a, const Column *b) {
    return byColumnid ? a->id < b->id : FoldName(a->name) < FoldName(b->name);
  });
  for (const Column *c : columns) {
    list.AddRow({LongValue(0), TextValue(c->name), LongValue(static_cast<std::int32_t>(c->id)),
                 LongValue(static_cast<std::int32_t>(c->type)), ShortValue(1), ShortValue(0x409),
                 ShortValue(static_cast<std::int16_t>(c->cp)), ShortValue(0),
                 LongValue(static_cast<std::int32_t>(c->cbMax)), LongValue(static_cast<std::int32_t>(ReportedGrbit(*c, updatable))),
                 c->hasDefault ? std::optional<Bytes>(c->defaultValue) : std::nullopt, TextValue(table.DescriptionName()),
                 TextValue(c->name), std::nullopt});
  }
  jet::ColumnList result{};
  result.cbStruct = sizeof result;
  result.cRecord = list.Rows();
  jet::Columnid *ids[] = {&result.columnidPresentationOrder, &result.columnidcolumnname, &result.columnidcolumnid,
                          &result.columnidcoltyp, &result.columnidCountry, &result.columnidLangid,
                          &result.columnidCp, &result.columnidCollate, &result.columnidcbMax,
                          &result.columnidgrbit, &result.columnidDefault, &result.columnidBaseTableName,
                          &result.columnidBaseColumnName, &result.columnidDefinitionName};
  for (std::size_t i = 0; i < sizeof ids / sizeof ids[0]; ++i) *ids[i] = list.Id(i);
  const jet::Err err = list.Open(s, &result.tableid);
  if (err < jet::err::Success) return err;
  std::memcpy(pv, &result, sizeof result);
  return jet::err::Success;
}

// The grbit the catalog gives back for an index (fcreate.cxx IDB::GrbitFromFlags): what its
// stored flags mean, not the bits it was created with. The null bits are cumulative, so an
// index that ignores any null also ignores a first null and an all-null key; the bits that
// only steer creation (unicode, lazy flush, empty, unversioned) are not kept.
jet::Grbit ReportedIndexGrbit(const Index &index) {
  const jet::Grbit given = index.grbit;
  jet::Grbit grbit = 0;
  if (given & jet::bit::IndexPrimary) {
    grbit |= jet::bit::IndexPrimary | jet::bit::IndexUnique;
  } else if (given & jet::bit::IndexUnique) {
    grbit |= jet::bit::IndexUnique;
  }
  grbit |= given & (jet::bit::IndexTuples | jet::bit::IndexCrossProduct | jet::bit::IndexDotNetGuid |
                    jet::bit::IndexDisallowTruncation);
  if (given & jet::bit::IndexDisallowNull) {
    grbit |= jet::bit::IndexDisallowNull;
  } else {
    if (given & jet::bit::IndexIgnoreAnyNull) {
      grbit |= jet::bit::IndexIgnoreAnyNull | jet::bit::IndexIgnoreFirstNull | jet::bit::IndexIgnoreNull;
    } else if (given & jet::bit::IndexIgnoreFirstNull) {
      grbit |= jet::bit::IndexIgnoreFirstNull | jet::bit::IndexIgnoreNull;
    } else if (given & jet::bit::IndexIgnoreNull) {
      grbit |= jet::bit::IndexIgnoreNull;
    }
    grbit |= given & jet::bit::IndexSortNullsHigh;
  }
  if (index.cbKeyMost > jet::cbKeyMostMin) grbit |= jet::bit::IndexKeyMost;
  return grbit;
}

// The map flags the catalog gives back for an index: ESE keeps them only for an index with a
// Unicode text column in its key (cat.cxx ErrCATIInitIDB sets them for localized text alone),
// so an index over numbers or ASCII text reports 0.
jet::ULong ReportedMapFlags(const Table &table, const Index &index) {
  for (const IndexSegment &segment : index.segments) {
    const Column *column = table.FindColumn(segment.column);
    const bool text = column != nullptr && (column->type == jet::coltyp::Text || column->type == jet::coltyp::LongText);
    if (text && column->cp == jet::cp::Unicode) return index.mapFlags;
  }
  return 0;
}

// A JET_INDEXLIST table: one row per key column of each index (or of `only`).
jet::Err IndexListTable(Session &s, const Table &table, const Index *only, void *pv, jet::ULong cb) {
  if (cb < sizeof(jet::IndexList)) return jet::err::BufferTooSmall;
  TempTable list({{u"name", jet::coltyp::Text},
                  {u"grbit", jet::coltyp::Long},
                  {u"cKey", jet::coltyp::Long},
                  {u"cEntry", jet::coltyp::Long},
                  {u"cPage", jet::coltyp::Long},
                  {u"cColumn", jet::coltyp::Long},
                  {u"iColumn", jet::coltyp::Long},
                  {u"columnid", jet::coltyp::Long},
                  {u"coltyp", jet::coltyp::Long},
                  {u"Country", jet::coltyp::Short},
                  {u"Langid", jet::coltyp::Short},
                  {u"Cp", jet::coltyp::Short},
                  {u"Collate", jet::coltyp::Short},
                  {u"ColumnGrbit", jet::coltyp::Long},
                  {u"ColumnName", jet::coltyp::Text},
                  {u"LCMapFlags", jet::coltyp::Long}});
  std::vector<const Index *> indexes;
  for (const Index &index : table.indexes) {
    if ((only == nullptr || &index == only) && IndexVisible(s, index)) indexes.push_back(&index);
  }
  std::sort(indexes.begin(), indexes.end(),
            [](const Index *a, const Index *b) { return FoldName(a->name) < FoldName(b->name); });
  for (const Index *index : indexes) {
    const std::int32_t count = static_cast<std::int32_t>(index->segments.size());
    for (std::int32_t i = 0; i < count; ++i) {
      const IndexSegment &segment = index->segments[i];
      const Column *column = table.FindColumn(segment.column);
      list.AddRow({TextValue(index->name), LongValue(static_cast<std::int32_t>(ReportedIndexGrbit(*index))), LongValue(0),
                   LongValue(0), LongValue(0), LongValue(count), LongValue(i),
                   LongValue(static_cast<std::int32_t>(segment.column)),
                   LongValue(column ? static_cast<std::int32_t>(column->type) : 0), ShortValue(1), ShortValue(0x409),
                   ShortValue(column ? static_cast<std::int16_t>(column->cp) : 0), ShortValue(0),
                   LongValue(segment.descending ? 1 : 0), TextValue(column ? column->name : std::u16string()),
                   LongValue(static_cast<std::int32_t>(ReportedMapFlags(table, *index)))});
    }
  }
  jet::IndexList result{};
  result.cbStruct = sizeof result;
  result.cRecord = list.Rows();
  jet::Columnid *ids[] = {&result.columnidindexname, &result.columnidgrbitIndex, &result.columnidcKey,
                          &result.columnidcEntry, &result.columnidcPage, &result.columnidcColumn,
                          &result.columnidiColumn, &result.columnidcolumnid, &result.columnidcoltyp,
                          &result.columnidCountry, &result.columnidLangid, &result.columnidCp,
                          &result.columnidCollate, &result.columnidgrbitColumn, &result.columnidcolumnname,
                          &result.columnidLCMapFlags};
  for (std::size_t i = 0; i < sizeof ids / sizeof ids[0]; ++i) *ids[i] = list.Id(i);
  const jet::Err err = list.Open(s, &result.tableid);
  if (err < jet::err::Success) return err;
  std::memcpy(pv, &result, sizeof result);
  return jet::err::Success;
}

// JET_bitTableInfoBookmark | JET_bitTableInfoRollback, with JET_bitTableInfoUpdatable for a
// cursor that can update (info.cxx asks FFUCBUpdatable).
jet::ULong TableInfoGrbit(bool updatable) { return 0x2 | 0x4 | (updatable ? 0x1 : 0); }

}  // namespace

bool ColumnInfoLevelById(jet::ULong level) {
  const jet::ULong base = level & ~kColInfoFlags;
  return base == jet::info::ColInfoByColid || base == kColInfoBaseByColid;
}

jet::Err GetColumnInfo(Session &s, jet::Tableid tableid, const jet::WChar *name, void *pv, jet::ULong cb,
                       jet::ULong level) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  // info.cxx ErrIsamGetTableColumnInfo checks a name's rules first, at every level that takes
  // one (ErrUTILCheckName: JET_errInvalidName).
  std::u16string checked;
  if (!ColumnInfoLevelById(level) && name != nullptr && name[0] != 0) {
    if ((err = CheckName(name, &checked)) < jet::err::Success) return err;
  }
  if (pv == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(cursor->db->lock);
  const Table &table = *cursor->table;
  const Column *column = nullptr;
  const jet::ULong base = level & ~kColInfoFlags;
  if (base == jet::info::ColInfoList || base == kColInfoListCompact || base == kColInfoListSortColumnid) {
    StateOf(s).ownBegun = true;  // ErrIsamGetTableColumnInfo's level-0 transaction (below)
    const bool byColumnid = base == kColInfoListSortColumnid || (level & kColInfoSortByColumnid) != 0;
    return ColumnListTable(s, table, CursorUpdatable(*cursor), byColumnid, pv, cb);
  }
  // jetapi.cxx JetGetTableColumnInfoEx: the by-id levels read a column id where the name goes;
  // the system-table cursor level is not offered.
  bool byColid = false;
  bool columnBase = false;
  switch (level) {
    case jet::info::ColInfo:
      break;
    case jet::info::ColInfoByColid:
      byColid = true;
      break;
    case jet::info::ColInfoBase:
      columnBase = true;
      break;
    case kColInfoBaseByColid:
      byColid = columnBase = true;
      break;
    case kColInfoSysTabCursor:
      return jet::err::FeatureNotAvailable;
    default:
      return jet::err::InvalidParameter;
  }
  // info.cxx ErrIsamGetTableColumnInfo reads at level 0 in a transaction of its own, begun
  // here, once the API layer's checks and the name's have passed: under a session context
  // another thread set, its commit fails (JET_errSessionSharingViolation), as does its
  // rollback, and the transaction stays open.
  StateOf(s).ownBegun = true;
  if (name == nullptr) return jet::err::InvalidParameter;
  if (byColid) {
    jet::Columnid id;
    std::memcpy(&id, name, sizeof id);
    column = table.FindColumn(id);
    for (const Column &dropped : table.dropped) {
      if (column == nullptr && dropped.id == id) column = &dropped;
    }
  } else {
    // By name, a versioned column is looked up in the catalog as the caller sees it
    // (fcreate.cxx ErrFILEIScanForColumnName); by id, ESE's table answers for any column in
    // its id ranges (info.cxx ErrINFOGetTableColumnInfo).
    column = FindColumnByName(table, checked, &s);
  }
  if (column == nullptr) return jet::err::ColumnNotFound;
  if (columnBase) {
    if (cb < sizeof(jet::ColumnBaseW)) return jet::err::BufferTooSmall;
    jet::ColumnBaseW base{};
    base.cbStruct = sizeof base;
    base.columnid = column->id;
    base.coltyp = column->type;
    base.wCountry = 1;
    base.langid = 0x409;
    base.cp = column->cp;
    base.cbMax = column->cbMax;
    base.grbit = ReportedGrbit(*column, CursorUpdatable(*cursor));
    CopyToJetBuffer(table.DescriptionName(), base.szBaseTableName, sizeof base.szBaseTableName);
    CopyToJetBuffer(column->name, base.szBaseColumnName, sizeof base.szBaseColumnName);
    std::memcpy(pv, &base, sizeof base);
    return jet::err::Success;
  }
  if (cb < sizeof(jet::ColumnDef)) return jet::err::BufferTooSmall;
  jet::ColumnDef def{};
  FillColumnDef(*column, CursorUpdatable(*cursor), &def);
  std::memcpy(pv, &def, sizeof def);
  return jet::err::Success;
}

jet::Err GetIndexInfo(Session &s, jet::Tableid tableid, const jet::WChar *name, void *pv, jet::ULong cb,
                      jet::ULong level) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  // jetapi.cxx JetGetTableIndexInfoEx knows each level's smallest buffer and checks it before
  // the engine reads the name: a level it does not know is JET_errInvalidParameter, a buffer too
  // small JET_errBufferTooSmall, whatever the name. The list levels size their own buffer.
  jet::ULong cbMin = 0;
  switch (level) {
    case jet::info::IdxInfo:
    case jet::info::IdxInfoList:
      break;
    case jet::info::IdxInfoSpaceAlloc:
    case jet::info::IdxInfoCount:
      cbMin = sizeof(jet::ULong);
      break;
    case jet::info::IdxInfoLCID:  // also JET_IdxInfoLangid, whose LANGID is 16 bits
    case jet::info::IdxInfoVarSegMac:
    case jet::info::IdxInfoKeyMost:
      cbMin = sizeof(std::uint16_t);
      break;
    default:
      return jet::err::InvalidParameter;
  }
  if (cb < cbMin) return jet::err::BufferTooSmall;
  // info.cxx ErrINFOGetTableIndexInfo checks a name's rules next (ErrUTILCheckName:
  // JET_errInvalidName); none, or an empty one, names no index.
  std::u16string checked;
  if (name != nullptr && name[0] != 0) {
    if ((err = CheckName(name, &checked)) < jet::err::Success) return err;
  }
  if (pv == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(cursor->db->lock);
  Table &table = *cursor->table;
  if (level == jet::info::IdxInfoCount) {
    // The table's own index (primary, or the record-id order of a table without one) and then
    // each secondary index.
    jet::ULong count = 1;
    for (const Index &index : table.indexes) count += index.Primary() || !IndexVisible(s, index) ? 0 : 1;
    WriteULong(pv, count);
    return jet::err::Success;
  }
  if (level == jet::info::IdxInfoList) return IndexListTable(s, table, nullptr, pv, cb);
  if (level == jet::info::IdxInfo) {
    if (checked.empty()) return IndexListTable(s, table, nullptr, pv, cb);
    const Index *index = FindVisibleIndex(s, table, FoldName(checked));
    if (index == nullptr) return jet::err::IndexNotFound;
    return IndexListTable(s, table, index, pv, cb);
  }
  // The catalog is searched for the name given, "" for none (cat.cxx ErrCATISeekTableObject),
  // so no name finds no index.
  const Index *index = nullptr;
  if (!checked.empty()) index = FindVisibleIndex(s, table, FoldName(checked));
  if (index == nullptr) return jet::err::IndexNotFound;
  // What each level writes (ErrINFOGetTableIndexInfo): the density as 32 bits; cbVarSegMac and
  // cbKeyMost as 16 bits, whatever room follows; the LCID, or its LANGID (the low 16 bits) in a
  // buffer that holds less than an LCID.
  switch (level) {
    case jet::info::IdxInfoSpaceAlloc:
      WriteULong(pv, index->density);
      break;
    case jet::info::IdxInfoLCID:
      if (cb >= sizeof(jet::ULong)) {
        WriteULong(pv, index->lcid);
      } else {
        WriteUShort(pv, index->lcid & 0xFFFF);
      }
      break;
    case jet::info::IdxInfoVarSegMac:
      WriteUShort(pv, index->cbVarSegMac != 0 ? index->cbVarSegMac : index->cbKeyMost);
      break;
    default:
      WriteUShort(pv, index->cbKeyMost);
      break;
  }
  return jet::err::Success;
}

jet::Err GetTableInfo(Session &s, jet::Tableid tableid, void *pv, jet::ULong cb, jet::ULong level) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (pv == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(cursor->db->lock);
  const Table &table = *cursor->table;
  switch (level) {
    case jet::info::TblInfo: {
      if (cb < sizeof(jet::ObjectInfo)) return jet::err::BufferTooSmall;
      StateOf(s).ownBegun = true;  // the read-only open's level-0 transaction (data_exports.cc)
      // The statistics are read through a read-only open of the table by the name in ESE's
      // in-memory description (info.cxx ErrIsamGetTableInfo, stats.cxx
      // ErrSTATSRetrieveTableStats, ErrFILEOpenTable), looked up in the catalog as the session
      // sees it: after a rename that was rolled back the description keeps the new name, which
      // the catalog no longer has (JET_errObjectNotFound); another session's exclusive use of the
      // table refuses the open (JET_errTableLocked).
      const TablePtr named = FindTableToOpen(s, *cursor->db, FoldName(table.DescriptionName()));
      if (named == nullptr || !CatalogVisible(s, *named)) return jet::err::ObjectNotFound;
      if ((err = CheckTableModes(s, *named, jet::bit::TableReadOnly)) < jet::err::Success) return err;
      jet::ObjectInfo info{};
      info.cbStruct = sizeof info;
      info.objtyp = jet::objtypTable;
      // Asked of the caller's cursor, which JET_bitTableReadOnly and a read-only attach make
      // unable to update (info.cxx ErrIsamGetTableInfo; fileopen.cxx ErrIsamOpenTable, fucb.cxx).
      info.grbit = TableInfoGrbit(!cursor->db->readOnly && !(cursor->openGrbit & jet::bit::TableReadOnly));
      info.flags = 0;
      info.cRecord = kStoredStatistic;
      info.cPage = kStoredStatistic;
      std::memcpy(pv, &info, sizeof info);
      return jet::err::Success;
    }
    case jet::info::TblInfoName:
      if (cb < sizeof(jet::WChar)) return jet::err::BufferTooSmall;
      return CopyToJetBuffer(table.DescriptionName(), static_cast<jet::WChar *>(pv), cb) ? jet::err::Success
                                                                            : jet::err::BufferTooSmall;
    case jet::info::TblInfoDbid:
      // info.cxx ErrIsamGetTableInfo writes one JET_DBID (JetGetTableInfo's reference says two).
      if (cb < sizeof(jet::Dbid)) return jet::err::BufferTooSmall;
      WriteULong(pv, cursor->db->dbid);
      return jet::err::Success;
    case jet::info::TblInfoSpaceAlloc:
      // info.cxx ErrIsamGetTableInfo: the catalog's pages and density, both or neither.
      if (cb < 2 * sizeof(jet::ULong)) return jet::err::BufferTooSmall;
      WriteULong(pv, table.pages);
      WriteULong(static_cast<char *>(pv) + sizeof(jet::ULong), table.density);
      return jet::err::Success;
    default:
      return jet::err::InvalidParameter;
  }
}

// info.cxx ErrIsamGetObjectInfo: the container, when named, must be "Tables"; JET_ObjInfo
// describes one table, the list levels give a table of every table, the engine's own
// (system_tables.h) among them with their JET_bitObjectSystem flags.
jet::Err GetObjectInfo(Session &s, jet::Dbid dbid, jet::ULong objtyp, const jet::WChar *container,
                       const jet::WChar *object, void *pv, jet::ULong cb, jet::ULong level) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (pv == nullptr) return jet::err::InvalidParameter;
  // jetapi.cxx JetGetObjectInfoEx checks the level and the buffer's size first.
  const bool one = level == jet::info::ObjInfo || level == jet::info::ObjInfoNoStats;
  if (!one && level != jet::info::ObjInfoList && level != jet::info::ObjInfoListNoStats) {
    const bool offered = level == jet::info::ObjInfoSysTabCursor || level == jet::info::ObjInfoListACM ||
                         level == jet::info::ObjInfoSysTabReadOnly || level == jet::info::ObjInfoRulesLoaded;
    return offered ? jet::err::FeatureNotAvailable : jet::err::InvalidParameter;
  }
  if (cb < (one ? sizeof(jet::ObjectInfo) : sizeof(jet::ObjectList))) return jet::err::BufferTooSmall;
  if (container != nullptr && container[0] != 0) {
    std::u16string name;
    if (jet::Err nameErr = CheckName(container, &name); nameErr < jet::err::Success) return nameErr;
    if (FoldName(name) != u"TABLES") return jet::err::ObjectNotFound;
  }
  std::u16string objectName;
  const bool named = object != nullptr && object[0] != 0;
  if (jet::Err nameErr = named ? CheckName(object, &objectName) : jet::err::Success; nameErr < jet::err::Success) return nameErr;
  // Every level reads the catalog at level 0 in a transaction of its own, begun here (info.cxx
  // ErrIsamGetObjectInfo): under a session context another thread set its commit fails
  // (JET_errSessionSharingViolation), as does its rollback after a failure, and it stays open.
  StateOf(s).ownBegun = true;
  std::shared_lock<std::shared_mutex> lock(db->lock);
  if (one) {
    TablePtr found = named ? FindTableByName(s, *db, FoldName(objectName)) : nullptr;
    if (found != nullptr && !CatalogVisible(s, *found)) found = nullptr;
    const SystemTable *system = named && found == nullptr ? FindSystemTable(s, *db, FoldName(objectName)) : nullptr;
    if (found == nullptr && system == nullptr) return jet::err::ObjectNotFound;
    // The statistics are read through the table, opened read-only (stats.cxx
    // ErrSTATSRetrieveTableStats): another session's deny-read cursor locks it.
    if (level == jet::info::ObjInfo && found != nullptr) {
      if ((err = CheckTableModes(s, *found, jet::bit::TableReadOnly)) < jet::err::Success) return err;
    }
    jet::ObjectInfo info{};
    info.cbStruct = sizeof info;
    info.objtyp = jet::objtypTable;
    // Asked of the catalog's cursor, which cannot update a database attached read-only.
    info.grbit = TableInfoGrbit(!db->readOnly);
    info.flags = system != nullptr ? system->flags : 0;
    info.cRecord = kStoredStatistic;
    info.cPage = kStoredStatistic;
    std::memcpy(pv, &info, sizeof info);
    return jet::err::Success;
  }
  TempTable list({{u"ContainerName", jet::coltyp::Text},
                  {u"ObjectName", jet::coltyp::Text},
                  {u"ObjectType", jet::coltyp::Long},
                  {u"DtCreate", jet::coltyp::DateTime},
                  {u"DtUpdate", jet::coltyp::DateTime},
                  {u"CRecord", jet::coltyp::Long},
                  {u"CPage", jet::coltyp::Long},
                  {u"Grbit", jet::coltyp::Long},
                  {u"Flags", jet::coltyp::Long}});
  if (objtyp == jet::objtypNil || objtyp == jet::objtypTable) {
    // The catalog's name order (case-folded), the engine's own tables among the others, each
    // table under the name the session finds it by.
    struct Listed {
      std::u16string folded;
      std::u16string name;
      jet::ULong flags;
      const Table *table;
    };
    std::vector<Listed> listed;
    for (const SystemTable *system : SystemTablesOf(s, *db)) listed.push_back({FoldName(system->name), system->name, system->flags, nullptr});
    for (const auto &entry : db->tables) {
      // A table another session's open transaction created is not in the catalog it reads.
      if (!CatalogVisible(s, *entry.second)) continue;
      const std::u16string &name = TableNameSeenBy(s, *entry.second);
      listed.push_back({FoldName(name), name, 0, entry.second.get()});
    }
    // ... and those deleted by a transaction it does not see.
    for (const TablePtr &table : db->deletedTables) {
      if (DeleteSeenBy(s, *table)) continue;
      const std::u16string &name = TableNameSeenBy(s, *table);
      listed.push_back({FoldName(name), name, 0, table.get()});
    }
    std::sort(listed.begin(), listed.end(), [](const Listed &a, const Listed &b) { return a.folded < b.folded; });
    for (const Listed &entry : listed) {
      // With statistics, each table is opened read-only to read them (info.cxx
      // ErrInfoGetObjectInfoList, stats.cxx ErrSTATSRetrieveTableStats).
      if (level == jet::info::ObjInfoList && entry.table != nullptr) {
        if ((err = CheckTableModes(s, *entry.table, jet::bit::TableReadOnly)) < jet::err::Success) return err;
      }
      list.AddRow({TextValue(u"Tables"), TextValue(entry.name), LongValue(jet::objtypTable), std::nullopt, std::nullopt,
                   LongValue(kStoredStatistic), LongValue(kStoredStatistic), LongValue(TableInfoGrbit(!db->readOnly)),
                   LongValue(static_cast<std::int32_t>(entry.flags))});
    }
  }
  lock.unlock();
  jet::ObjectList result{};
  result.cbStruct = sizeof result;
  result.cRecord = list.Rows();
  result.columnidcontainername = list.Id(0);
  result.columnidobjectname = list.Id(1);
  result.columnidobjtyp = list.Id(2);
  result.columniddtCreate = list.Id(3);
  result.columniddtUpdate = list.Id(4);
  result.columnidcRecord = list.Id(5);
  result.columnidcPage = list.Id(6);
  result.columnidgrbit = list.Id(7);
  result.columnidflags = list.Id(8);
  if ((err = list.Open(s, &result.tableid)) < jet::err::Success) return err;
  std::memcpy(pv, &result, sizeof result);
  return jet::err::Success;
}

// The levels of JetGetDatabaseInfoW the emulator answers; the others give
// JET_errInvalidParameter (see docs/emulator.md). Each level has its own rule for the buffer's
// size (info.cxx ErrIsamGetDatabaseInfo).
jet::Err GetDatabaseInfo(Session &s, jet::Dbid dbid, void *pv, jet::ULong cb, jet::ULong level) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (pv == nullptr) return jet::err::InvalidParameter;
  const jet::ULong pageSize = DatabasePageSize(s.GetInstance()->Params());
  std::shared_lock<std::shared_mutex> lock(db->lock);
  const auto pages = [&] { return static_cast<jet::ULong>((file::Size(db->location) + pageSize - 1) / pageSize); };
  switch (level) {
    case jet::info::DbInfoFilename: {
      // The path as it was given to create or attach (ESE gives the full path); a buffer too
      // small for all of it, its NUL included, is left as it was.
      const std::size_t needed = (db->path.size() + 1) * sizeof(jet::WChar);
      if (cb < needed) return jet::err::BufferTooSmall;
      CopyToJetBuffer(db->path, static_cast<jet::WChar *>(pv), cb);
      return jet::err::Success;
    }
    case jet::info::DbInfoLCID:
    case jet::info::DbInfoOptions:
      // Exactly a LONG, larger buffers too refused.
      if (cb != sizeof(jet::ULong)) return jet::err::InvalidBufferSize;
      // The options are the session's exclusive open only: a read-only attachment is not
      // reported.
      WriteULong(pv, level == jet::info::DbInfoLCID ? 0x409u : (db->exclusive == &s ? jet::bit::DbExclusive : 0u));
      return jet::err::Success;
    case jet::info::DbInfoFilesize:
      // Pages, as a ULONG; ESE writes it whatever the buffer's size says, the emulator only
      // into a buffer that holds it.
      if (cb >= sizeof(jet::ULong)) WriteULong(pv, pages());
      return jet::err::Success;
    case jet::info::DbInfoSpaceOwned:
      if (cb != sizeof(jet::ULong)) return jet::err::InvalidBufferSize;
      WriteULong(pv, pages());
      return jet::err::Success;
    case jet::info::DbInfoSpaceAvailable:
      // space.cxx ErrSPGetInfo: at least a CPG, and the whole buffer cleared first.
      if (cb < sizeof(jet::ULong)) return jet::err::InvalidParameter;
      std::memset(pv, 0, cb);
      return jet::err::Success;
    case jet::info::DbInfoPageSize:
      if (cb != sizeof(jet::ULong)) return jet::err::BufferTooSmall;
      WriteULong(pv, pageSize);
      return jet::err::Success;
    default:
      return jet::err::InvalidParameter;
  }
}

}  // namespace data
}  // namespace emu
