// Reading records: JetRetrieveColumn, JetRetrieveColumns.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "api.h"
#include "catalog.h"
#include "navigation.h"

namespace emu {
namespace data {
namespace {

jet::Err RetrieveOne(Session &s, Cursor &c, jet::Columnid columnid, void *pv, jet::ULong cb, jet::ULong *pcbActual,
                     jet::Grbit grbit, jet::ULong ib, jet::ULong *itag, bool countOnZero) {
  const Column *column = nullptr;
  jet::Err err = CheckColumnId(*c.table, columnid, &column);
  if (err < jet::err::Success) return err;
  RowPtr held;
  const Row *row = nullptr;
  if ((grbit & jet::bit::RetrieveCopy) && c.prepared != Prepared::kNone) {
    row = c.copy.get();
  } else {
    if ((err = CurrentRow(c, ViewOf(s), &held)) < jet::err::Success) return err;
    row = held.get();
  }
  std::vector<const Bytes *> values = keys::ValuesOf(*column, *row, (grbit & jet::bit::RetrieveIgnoreDefault) == 0);
  if (*itag == 0) {
    if (countOnZero) {
      *itag = static_cast<jet::ULong>(values.size());
      if (pcbActual != nullptr) *pcbActual = 0;
      return jet::err::Success;
    }
    return jet::err::BadItagSequence;
  }
  if (*itag > values.size()) {
    if (pcbActual != nullptr) *pcbActual = 0;
    return jet::wrn::ColumnNull;
  }
  const Bytes &value = *values[*itag - 1];
  const std::size_t from = std::min<std::size_t>(ib, value.size());
  const std::size_t size = value.size() - from;
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(size);
  if (pv != nullptr && cb > 0) std::memcpy(pv, value.data() + from, std::min<std::size_t>(cb, size));
  return cb < size ? jet::wrn::BufferTruncated : jet::err::Success;
}

}  // namespace

jet::Err RetrieveColumn(Session &s, jet::Tableid tableid, jet::Columnid columnid, void *pv, jet::ULong cb,
                        jet::ULong *pcbActual, jet::Grbit grbit, jet::RetInfo *pretinfo) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (pretinfo != nullptr && pretinfo->cbStruct < sizeof(jet::RetInfo)) return jet::err::InvalidParameter;
  if (pv == nullptr && cb != 0) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  jet::ULong itag = pretinfo != nullptr ? pretinfo->itagSequence : 1;
  err = RetrieveOne(s, *c, columnid, pv, cb, pcbActual, grbit, pretinfo ? pretinfo->ibLongValue : 0, &itag, false);
  if (pretinfo != nullptr && err >= jet::err::Success) pretinfo->columnidNextTagged = 0;
  return err;
}

jet::Err RetrieveColumns(Session &s, jet::Tableid tableid, jet::RetrieveColumn *columns, jet::ULong count) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (columns == nullptr && count > 0) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  jet::Err result = jet::err::Success;
  for (jet::ULong i = 0; i < count; ++i) {
    jet::RetrieveColumn &rc = columns[i];
    rc.err = RetrieveOne(s, *c, rc.columnid, rc.pvData, rc.cbData, &rc.cbActual, rc.grbit, rc.ibLongValue,
                         &rc.itagSequence, true);
    rc.columnidNextTagged = 0;
    if (rc.err < jet::err::Success) return rc.err;
    if (rc.err != jet::err::Success && result == jet::err::Success) result = rc.err;
  }
  return result;
}

}  // namespace data
}  // namespace emu
