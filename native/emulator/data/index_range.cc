// Index ranges: JetSetIndexRange, and JetIndexRecordCount, which counts up to the range's end.
#include <mutex>

#include "api.h"
#include "navigation.h"

namespace emu {
namespace data {

jet::Err SetIndexRange(Session &s, jet::Tableid tableid, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  constexpr jet::Grbit kValid = jet::bit::RangeInclusive | jet::bit::RangeUpperLimit |
                                jet::bit::RangeInstantDuration | jet::bit::RangeRemove;
  if (grbit & ~kValid) return jet::err::InvalidGrbit;
  if (grbit & jet::bit::RangeRemove) {
    if (!c->hasRange) return jet::err::InvalidOperation;
    c->hasRange = false;
    return jet::err::Success;
  }
  if (!c->keyStarted) return jet::err::KeyNotMade;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  c->rangeKey = c->madeKey;
  c->rangeUpper = (grbit & jet::bit::RangeUpperLimit) != 0;
  c->rangeInclusive = (grbit & jet::bit::RangeInclusive) != 0;
  ResetKey(*c);
  RowPtr row;
  c->hasRange = true;
  if (CurrentRow(*c, view, &row) < jet::err::Success || !InRange(*c, c->key)) {
    c->hasRange = false;
    return jet::err::NoCurrentRecord;
  }
  if (grbit & jet::bit::RangeInstantDuration) c->hasRange = false;
  return jet::err::Success;
}

jet::Err IndexRecordCount(Session &s, jet::Tableid tableid, jet::ULong *pcrec, jet::ULong crecMax) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (pcrec == nullptr) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  std::optional<IndexEntry> at;
  if (c->position == Position::kOn) {
    const IndexEntry here(c->key, c->bookmark);
    at = Step(*c->table, index, view, 1, &here, true);
  } else if (c->position == Position::kBeforeFirst) {
    at = Step(*c->table, index, view, 1, nullptr, false);
  } else {
    return jet::err::NoCurrentRecord;
  }
  jet::ULong count = 0;
  while (at && (crecMax == 0 || count < crecMax)) {
    if (c->hasRange && c->rangeUpper && !InRange(*c, at->first)) break;
    ++count;
    const IndexEntry here = *at;
    at = Step(*c->table, index, view, 1, &here, false);
  }
  *pcrec = count;
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
