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

// One value, as ESE's fldext.cxx reads it (ErrIsamRetrieveColumn, ErrRECRetrieveColumns):
// itagSequence chooses among a tagged column's values and is ignored for fixed and
// variable ones, where 0 counts only with `countOnZero` (JetRetrieveColumns); ibLongValue
// applies to long values only.
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
  if (*itag == 0 && countOnZero) {
    *itag = static_cast<jet::ULong>(values.size());
    if (pcbActual != nullptr) *pcbActual = 0;
    return jet::err::Success;
  }
  std::size_t at = 0;
  if (column->Tagged()) {
    if (*itag == 0) return jet::err::BadItagSequence;
    at = *itag - 1;
  }
  if (at >= values.size()) {
    if (pcbActual != nullptr) *pcbActual = 0;
    return jet::wrn::ColumnNull;
  }
  const Bytes &value = *values[at];
  const std::size_t from = column->IsLong() ? std::min<std::size_t>(ib, value.size()) : 0;
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
  // ESE names the column it read here (for a scan of tagged columns, the one it found).
  if (pretinfo != nullptr && err >= jet::err::Success) pretinfo->columnidNextTagged = columnid;
  return err;
}

jet::Err RetrieveColumns(Session &s, jet::Tableid tableid, jet::RetrieveColumn *columns, jet::ULong count) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (columns == nullptr && count > 0) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  // As ErrRECRetrieveColumns: an entry that fails stops the call and keeps the err it came
  // with; each entry read gets its own err and its column as columnidNextTagged; the call
  // itself answers JET_wrnBufferTruncated if any value was cut, and success otherwise
  // (JET_wrnColumnNull stays in the entries).
  bool truncated = false;
  for (jet::ULong i = 0; i < count; ++i) {
    jet::RetrieveColumn &rc = columns[i];
    jet::ULong itag = rc.itagSequence;
    const jet::Err err = RetrieveOne(s, *c, rc.columnid, rc.pvData, rc.cbData, &rc.cbActual, rc.grbit,
                                     rc.ibLongValue, &itag, true);
    if (err < jet::err::Success) return err;
    rc.itagSequence = itag;
    rc.err = err;
    rc.columnidNextTagged = rc.columnid;
    if (err == jet::wrn::BufferTruncated) truncated = true;
  }
  return truncated ? jet::wrn::BufferTruncated : jet::err::Success;
}

}  // namespace data
}  // namespace emu
