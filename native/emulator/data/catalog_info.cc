// Reading the catalog: JetGetTableColumnInfoW, JetGetTableIndexInfoW, JetGetTableInfoW.
#include <cstring>
#include <mutex>

#include "../utf16.h"
#include "api.h"
#include "catalog.h"
#include "cursor.h"
#include "versions.h"

namespace emu {
namespace data {
namespace {

void WriteULong(void *pv, jet::ULong value) { std::memcpy(pv, &value, sizeof value); }

void FillColumnDef(const Column &c, jet::ColumnDef *def) {
  def->cbStruct = sizeof(jet::ColumnDef);
  def->columnid = c.id;
  def->coltyp = c.type;
  def->wCountry = 1;
  def->langid = 0x409;
  def->cp = c.cp;
  def->wCollate = 0;
  def->cbMax = c.cbMax;
  def->grbit = c.grbit;
}

}  // namespace

jet::Err GetColumnInfo(Session &s, jet::Tableid tableid, const jet::WChar *name, void *pv, jet::ULong cb,
                       jet::ULong level) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (pv == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(cursor->db->lock);
  const Table &table = *cursor->table;
  const Column *column = nullptr;
  switch (level) {
    case jet::info::ColInfo:
    case jet::info::ColInfoBase:
      if (name == nullptr) return jet::err::InvalidParameter;
      column = FindColumnByName(table, FromJetString(name));
      break;
    case jet::info::ColInfoByColid: {
      if (name == nullptr) return jet::err::InvalidParameter;
      jet::Columnid id;
      std::memcpy(&id, name, sizeof id);
      column = table.FindColumn(id);
      break;
    }
    default:
      return jet::err::InvalidParameter;
  }
  if (column == nullptr) return jet::err::ColumnNotFound;
  if (level == jet::info::ColInfoBase) {
    if (cb < sizeof(jet::ColumnBaseW)) return jet::err::BufferTooSmall;
    jet::ColumnBaseW base{};
    base.cbStruct = sizeof base;
    base.columnid = column->id;
    base.coltyp = column->type;
    base.wCountry = 1;
    base.langid = 0x409;
    base.cp = column->cp;
    base.cbMax = column->cbMax;
    base.grbit = column->grbit;
    CopyToJetBuffer(table.name, base.szBaseTableName, sizeof base.szBaseTableName);
    CopyToJetBuffer(column->name, base.szBaseColumnName, sizeof base.szBaseColumnName);
    std::memcpy(pv, &base, sizeof base);
    return jet::err::Success;
  }
  if (cb < sizeof(jet::ColumnDef)) return jet::err::BufferTooSmall;
  jet::ColumnDef def{};
  FillColumnDef(*column, &def);
  std::memcpy(pv, &def, sizeof def);
  return jet::err::Success;
}

jet::Err GetIndexInfo(Session &s, jet::Tableid tableid, const jet::WChar *name, void *pv, jet::ULong cb,
                      jet::ULong level) {
  Cursor *cursor = nullptr;
  jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (pv == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(cursor->db->lock);
  Table &table = *cursor->table;
  if (level == jet::info::IdxInfoCount) {
    if (cb < sizeof(jet::ULong)) return jet::err::BufferTooSmall;
    WriteULong(pv, static_cast<jet::ULong>(table.indexes.size()));
    return jet::err::Success;
  }
  if (level != jet::info::IdxInfoSpaceAlloc && level != jet::info::IdxInfoLCID &&
      level != jet::info::IdxInfoVarSegMac && level != jet::info::IdxInfoKeyMost) {
    return jet::err::InvalidParameter;
  }
  const Index *index = nullptr;
  if (name == nullptr || name[0] == 0) {
    index = table.Primary();
  } else {
    index = FindIndex(table, FoldName(Trimmed(FromJetString(name))));
  }
  if (index == nullptr) return jet::err::IndexNotFound;
  jet::ULong value = 0;
  switch (level) {
    case jet::info::IdxInfoSpaceAlloc:
      value = index->density;
      break;
    case jet::info::IdxInfoLCID:
      value = index->lcid;
      break;
    case jet::info::IdxInfoVarSegMac:
      value = index->cbVarSegMac != 0 ? index->cbVarSegMac : index->cbKeyMost;
      break;
    default:
      value = index->cbKeyMost;
      break;
  }
  if (cb >= sizeof(jet::ULong)) {
    WriteULong(pv, value);
  } else if (cb >= sizeof(std::uint16_t) && level != jet::info::IdxInfoLCID) {
    const std::uint16_t small = static_cast<std::uint16_t>(value);
    std::memcpy(pv, &small, sizeof small);
  } else {
    return jet::err::BufferTooSmall;
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
      const ReadView view = ViewOf(s);
      jet::ULong count = 0;
      for (const auto &record : table.records) count += VisibleRow(record.second, view) ? 1 : 0;
      jet::ObjectInfo info{};
      info.cbStruct = sizeof info;
      info.objtyp = jet::objtypTable;
      // JET_bitTableInfoUpdatable | JET_bitTableInfoBookmark | JET_bitTableInfoRollback.
      info.grbit = 0x1 | 0x2 | 0x4;
      info.flags = 0;
      info.cRecord = count;
      info.cPage = table.pages;
      std::memcpy(pv, &info, sizeof info);
      return jet::err::Success;
    }
    case jet::info::TblInfoName:
      if (cb < sizeof(jet::WChar)) return jet::err::BufferTooSmall;
      return CopyToJetBuffer(table.name, static_cast<jet::WChar *>(pv), cb) ? jet::err::Success
                                                                            : jet::err::BufferTooSmall;
    case jet::info::TblInfoDbid:
      if (cb < sizeof(jet::Dbid)) return jet::err::BufferTooSmall;
      WriteULong(pv, cursor->db->dbid);
      if (cb >= 2 * sizeof(jet::Dbid)) WriteULong(static_cast<char *>(pv) + sizeof(jet::Dbid), cursor->db->dbid);
      return jet::err::Success;
    case jet::info::TblInfoSpaceAlloc:
      if (cb < sizeof(jet::ULong)) return jet::err::BufferTooSmall;
      WriteULong(pv, table.pages);
      if (cb >= 2 * sizeof(jet::ULong)) WriteULong(static_cast<char *>(pv) + sizeof(jet::ULong), table.density);
      return jet::err::Success;
    default:
      return jet::err::InvalidParameter;
  }
}

}  // namespace data
}  // namespace emu
