// Cursors: index navigation, keys, seeks, ranges, bookmarks, and the record operations that
// go through a cursor (prepare/set/update, delete, retrieve, escrow).
#include <algorithm>
#include <cstring>
#include <optional>

#include "data_engine.h"
#include "data_internal.h"
#include "instance.h"
#include "session.h"
#include "utf16.h"

namespace emu {
namespace data {
namespace {

bool IsSecondary(const Index *index) { return index != nullptr && !index->Primary(); }

bool KeyOfRow(const Table &table, const Index &index, const Row &row, const Bytes &key) {
  bool refused = false;
  for (const Bytes &k : keys::RowKeys(table, index, row, &refused)) {
    if (k == key) return true;
  }
  return false;
}

bool EntryVisible(const Table &table, const Index *index, const IndexEntry &entry, const ReadView &view) {
  auto it = table.records.find(entry.second);
  if (it == table.records.end()) return false;
  RowPtr row = VisibleRow(it->second, view);
  if (!row) return false;
  return !IsSecondary(index) || KeyOfRow(table, *index, *row, entry.first);
}

// The first visible entry after `from` (dir > 0) or before it (dir < 0); from the start or
// the end when `from` is null. `inclusive` accepts `from` itself.
std::optional<IndexEntry> Step(const Table &table, const Index *index, const ReadView &view, int dir,
                               const IndexEntry *from, bool inclusive) {
  if (IsSecondary(index)) {
    const auto &set = index->entries;
    if (dir > 0) {
      auto it = from == nullptr ? set.begin() : (inclusive ? set.lower_bound(*from) : set.upper_bound(*from));
      for (; it != set.end(); ++it) {
        if (EntryVisible(table, index, *it, view)) return *it;
      }
    } else {
      auto it = from == nullptr ? set.end() : (inclusive ? set.upper_bound(*from) : set.lower_bound(*from));
      while (it != set.begin()) {
        --it;
        if (EntryVisible(table, index, *it, view)) return *it;
      }
    }
    return std::nullopt;
  }
  const auto &map = table.records;
  if (dir > 0) {
    auto it = from == nullptr ? map.begin() : (inclusive ? map.lower_bound(from->second) : map.upper_bound(from->second));
    for (; it != map.end(); ++it) {
      if (VisibleRow(it->second, view)) return IndexEntry(it->first, it->first);
    }
  } else {
    auto it = from == nullptr ? map.end() : (inclusive ? map.upper_bound(from->second) : map.lower_bound(from->second));
    while (it != map.begin()) {
      --it;
      if (VisibleRow(it->second, view)) return IndexEntry(it->first, it->first);
    }
  }
  return std::nullopt;
}

// How an index key compares with a search key, the way ESE compares normalised keys: byte by
// byte, a shorter key first. A key made with a limit grbit sorts after every key it prefixes.
int SearchCompare(const Bytes &key, const keys::SearchKey &search) {
  if (search.limit) return keys::Compare(key, search);
  const int c = key.compare(search.bytes);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool ExactMatch(const Bytes &key, const keys::SearchKey &search) { return !search.limit && key == search.bytes; }

// The first entry (visible or not) whose key compares at or after `search` (`strict`: after).
std::optional<IndexEntry> Boundary(const Table &table, const Index *index, const keys::SearchKey &search, bool strict) {
  auto passes = [&](const Bytes &key) {
    const int c = SearchCompare(key, search);
    return strict ? c > 0 : c >= 0;
  };
  if (IsSecondary(index)) {
    for (auto it = index->entries.lower_bound(IndexEntry(search.bytes, Bytes())); it != index->entries.end(); ++it) {
      if (passes(it->first)) return *it;
    }
    return std::nullopt;
  }
  for (auto it = table.records.lower_bound(search.bytes); it != table.records.end(); ++it) {
    if (passes(it->first)) return IndexEntry(it->first, it->first);
  }
  return std::nullopt;
}

bool InRange(const Cursor &c, const Bytes &key) {
  if (!c.hasRange) return true;
  const int cmp = SearchCompare(key, c.rangeKey);
  if (c.rangeUpper) return c.rangeInclusive ? cmp <= 0 : cmp < 0;
  return c.rangeInclusive ? cmp >= 0 : cmp > 0;
}

void PlaceOn(Cursor &c, const IndexEntry &entry) {
  c.position = Position::kOn;
  c.key = entry.first;
  c.bookmark = entry.second;
}

// Puts the cursor on `row` (whose bookmark is `bookmark`) in its current index: on the
// primary entry, or on the row's lowest key in a secondary index.
jet::Err PlaceOnRow(Cursor &c, const Bytes &bookmark, const Row &row) {
  const Index *index = CurrentIndex(c);
  if (!IsSecondary(index)) {
    PlaceOn(c, IndexEntry(bookmark, bookmark));
    return jet::err::Success;
  }
  bool refused = false;
  std::vector<Bytes> keys = keys::RowKeys(*c.table, *index, row, &refused);
  if (keys.empty()) return jet::err::NoCurrentRecord;
  std::sort(keys.begin(), keys.end());
  PlaceOn(c, IndexEntry(keys.front(), bookmark));
  return jet::err::Success;
}

void ResetKey(Cursor &c) {
  c.keyStarted = false;
  c.keyComplete = false;
  c.keySegments = 0;
  c.madeKey = keys::SearchKey();
}

Bytes DbkBookmark(std::uint32_t dbk) {
  Bytes b(4, '\0');
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((dbk >> (8 * (3 - i))) & 0xFF);
  return b;
}

// The row of the cursor's current record as the session sees it.
jet::Err CurrentRow(const Cursor &c, const ReadView &view, RowPtr *row) {
  if (c.position != Position::kOn) return jet::err::NoCurrentRecord;
  auto it = c.table->records.find(c.bookmark);
  if (it == c.table->records.end()) return jet::err::RecordDeleted;
  *row = VisibleRow(it->second, view);
  if (!*row) return jet::err::RecordDeleted;
  if (IsSecondary(CurrentIndex(c)) && !KeyOfRow(*c.table, *CurrentIndex(c), **row, c.key)) {
    return jet::err::RecordDeleted;
  }
  return jet::err::Success;
}

jet::Err Lookup(Session &s, jet::Tableid tableid, Cursor **cursor) { return FindCursor(s, tableid, cursor); }

std::int64_t ReadInteger(const Bytes &value) {
  if (value.size() == 4) {
    std::int32_t v;
    std::memcpy(&v, value.data(), 4);
    return v;
  }
  std::int64_t v = 0;
  std::memcpy(&v, value.data(), std::min<std::size_t>(8, value.size()));
  return v;
}

Bytes IntegerBytes(std::int64_t value, std::size_t size) {
  Bytes b(size, '\0');
  if (size == 4) {
    const std::int32_t v = static_cast<std::int32_t>(value);
    std::memcpy(&b[0], &v, 4);
  } else {
    std::memcpy(&b[0], &value, 8);
  }
  return b;
}

}  // namespace

// ---- index and position --------------------------------------------------------------------

jet::Err SetCurrentIndex(Session &s, jet::Tableid tableid, const jet::WChar *name, jet::Grbit grbit, jet::ULong) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (grbit != 0 && grbit != jet::bit::NoMove) return jet::err::InvalidGrbit;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  std::u16string folded;
  if (name != nullptr && name[0] != 0) {
    std::u16string text = FromJetString(name);
    while (!text.empty() && text.back() == u' ') text.pop_back();
    folded = FoldName(text);
    const Index *index = FindIndex(*c->table, folded);
    if (index == nullptr) return jet::err::IndexNotFound;
    if (index->Primary()) folded.clear();
  }
  if (folded == c->indexName) {
    // Same index: ESE leaves the cursor where it is.
    if (!(grbit & jet::bit::NoMove)) {
      c->hasRange = false;
      ResetKey(*c);
    }
    return jet::err::Success;
  }
  const ReadView view = ViewOf(s);
  RowPtr row;
  const bool onRecord = CurrentRow(*c, view, &row) >= jet::err::Success;
  const Bytes bookmark = c->bookmark;
  c->indexName = folded;
  c->hasRange = false;
  ResetKey(*c);
  if ((grbit & jet::bit::NoMove) && onRecord) return PlaceOnRow(*c, bookmark, *row);
  auto first = Step(*c->table, CurrentIndex(*c), view, 1, nullptr, false);
  if (first) {
    PlaceOn(*c, *first);
  } else {
    c->position = Position::kBeforeFirst;
  }
  return jet::err::Success;
}

jet::Err Move(Session &s, jet::Tableid tableid, std::int32_t cRow, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (grbit & ~jet::bit::MoveKeyNE) return jet::err::InvalidGrbit;
  // ESE cancels the cursor's prepared update before it moves.
  if (c->prepared != Prepared::kNone) CancelUpdate(*c);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  const Table &table = *c->table;

  if (cRow == jet::MoveFirst || cRow == jet::MoveLast) {
    c->hasRange = false;
    auto found = Step(table, index, view, cRow == jet::MoveFirst ? 1 : -1, nullptr, false);
    if (!found) {
      c->position = cRow == jet::MoveFirst ? Position::kAfterLast : Position::kBeforeFirst;
      return jet::err::NoCurrentRecord;
    }
    PlaceOn(*c, *found);
    return jet::err::Success;
  }
  if (cRow == 0) {
    RowPtr row;
    return CurrentRow(*c, view, &row);
  }
  const int dir = cRow > 0 ? 1 : -1;
  std::int64_t remaining = cRow > 0 ? std::int64_t(cRow) : -std::int64_t(cRow);
  while (remaining-- > 0) {
    std::optional<IndexEntry> found;
    const IndexEntry here(c->key, c->bookmark);
    switch (c->position) {
      case Position::kBeforeFirst:
        if (dir < 0) return jet::err::NoCurrentRecord;
        found = Step(table, index, view, 1, nullptr, false);
        break;
      case Position::kAfterLast:
        if (dir > 0) return jet::err::NoCurrentRecord;
        found = Step(table, index, view, -1, nullptr, false);
        break;
      default:
        found = Step(table, index, view, dir, &here, false);
        while (found && (grbit & jet::bit::MoveKeyNE) && found->first == here.first) {
          const IndexEntry next = *found;
          found = Step(table, index, view, dir, &next, false);
        }
        break;
    }
    if (!found) {
      c->position = dir > 0 ? Position::kAfterLast : Position::kBeforeFirst;
      return jet::err::NoCurrentRecord;
    }
    const bool rangeApplies = c->hasRange && (c->rangeUpper == (dir > 0));
    if (rangeApplies && !InRange(*c, found->first)) {
      // Beyond the range: no current record, but moving back returns into it.
      c->position = Position::kBetween;
      c->key = found->first;
      c->bookmark = found->second;
      return jet::err::NoCurrentRecord;
    }
    PlaceOn(*c, *found);
  }
  return jet::err::Success;
}

// ---- keys, seeks, ranges -------------------------------------------------------------------

jet::Err MakeKey(Session &s, jet::Tableid tableid, const void *pv, jet::ULong cb, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const Index *index = CurrentIndex(*c);
  if (index == nullptr) return jet::err::NoCurrentIndex;
  if (pv == nullptr && cb != 0) return jet::err::InvalidParameter;
  constexpr jet::Grbit kLimits = jet::bit::StrLimit | jet::bit::SubStrLimit | jet::bit::FullColumnStartLimit |
                                 jet::bit::FullColumnEndLimit | jet::bit::PartialColumnStartLimit |
                                 jet::bit::PartialColumnEndLimit;
  const jet::Grbit limit = grbit & kLimits;
  if (limit & (limit - 1)) return jet::err::InvalidGrbit;

  if (grbit & jet::bit::NormalizedKey) {
    ResetKey(*c);
    c->keyStarted = true;
    c->keyComplete = true;
    c->keySegments = index->segments.size();
    if (cb > index->cbKeyMost) return jet::err::InvalidBufferSize;
    c->madeKey.bytes.assign(static_cast<const char *>(pv), cb);
    return jet::err::Success;
  }
  if (grbit & jet::bit::NewKey) {
    ResetKey(*c);
    c->keyStarted = true;
  } else if (!c->keyStarted) {
    return jet::err::KeyNotMade;
  }
  const bool noData = cb == 0 && !(grbit & jet::bit::KeyDataZeroLength);
  if (noData && limit != 0) {
    // A limit with no data closes the key made so far.
    if (limit & (jet::bit::StrLimit | jet::bit::SubStrLimit | jet::bit::FullColumnEndLimit |
                 jet::bit::PartialColumnEndLimit)) {
      c->madeKey.limit = true;
    }
    c->keyComplete = true;
    return jet::err::Success;
  }
  if (c->keyComplete || c->keySegments >= index->segments.size()) return jet::err::KeyIsMade;
  const IndexSegment &segment = index->segments[c->keySegments];
  const Column *column = c->table->FindColumn(segment.column);
  if (column == nullptr) return jet::err::ColumnNotFound;
  const Bytes value = noData ? Bytes() : Bytes(static_cast<const char *>(pv), cb);
  const std::size_t fixedSize = keys::FixedSize(column->type);
  if (!noData && fixedSize != 0 && value.size() != fixedSize) return jet::err::InvalidBufferSize;
  Bytes encoded;
  if (limit & (jet::bit::SubStrLimit | jet::bit::PartialColumnStartLimit | jet::bit::PartialColumnEndLimit)) {
    encoded = keys::PrefixSegment(*column, *index, segment.descending, value);
  } else {
    encoded = keys::Segment(*column, *index, segment.descending, noData ? nullptr : &value);
  }
  c->madeKey.bytes += encoded;
  if (c->madeKey.bytes.size() > index->cbKeyMost) c->madeKey.bytes.resize(index->cbKeyMost);
  ++c->keySegments;
  if (limit != 0) {
    c->keyComplete = true;
    c->madeKey.limit = (limit & (jet::bit::StrLimit | jet::bit::SubStrLimit | jet::bit::FullColumnEndLimit |
                                 jet::bit::PartialColumnEndLimit)) != 0;
  }
  return jet::err::Success;
}

jet::Err Seek(Session &s, jet::Tableid tableid, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  constexpr jet::Grbit kKinds =
      jet::bit::SeekEQ | jet::bit::SeekLT | jet::bit::SeekLE | jet::bit::SeekGE | jet::bit::SeekGT;
  const jet::Grbit kind = grbit & kKinds;
  if (kind == 0) return jet::err::InvalidParameter;
  if ((kind & (kind - 1)) != 0) return jet::err::InvalidGrbit;
  if ((grbit & ~(kKinds | jet::bit::SetIndexRange | jet::bit::CheckUniqueness)) != 0) return jet::err::InvalidGrbit;
  if (!c->keyStarted) return jet::err::KeyNotMade;
  // As in ESE: the prepared update is cancelled and the index range removed before seeking.
  if (c->prepared != Prepared::kNone) CancelUpdate(*c);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  const Table &table = *c->table;
  const keys::SearchKey key = c->madeKey;
  ResetKey(*c);
  c->hasRange = false;

  // Whole keys are compared, as ESE does: a key made of fewer columns than the index is
  // less than every entry it prefixes (unless made with a limit grbit).
  std::optional<IndexEntry> found;
  if (kind == jet::bit::SeekEQ || kind == jet::bit::SeekGE || kind == jet::bit::SeekGT) {
    auto boundary = Boundary(table, index, key, kind == jet::bit::SeekGT);
    if (boundary) found = Step(table, index, view, 1, &*boundary, true);
  } else {
    auto boundary = Boundary(table, index, key, kind == jet::bit::SeekLE);
    found = boundary ? Step(table, index, view, -1, &*boundary, false) : Step(table, index, view, -1, nullptr, false);
  }
  if (kind == jet::bit::SeekEQ && found && !ExactMatch(found->first, key)) found.reset();
  if (!found) {
    c->position = Position::kBeforeFirst;
    return jet::err::RecordNotFound;
  }
  PlaceOn(*c, *found);
  const bool equal = ExactMatch(found->first, key);
  if (kind == jet::bit::SeekEQ) {
    if (grbit & jet::bit::SetIndexRange) {
      c->hasRange = true;
      c->rangeKey = key;
      c->rangeUpper = true;
      c->rangeInclusive = true;
    }
    return jet::err::Success;
  }
  if ((kind == jet::bit::SeekGE || kind == jet::bit::SeekLE) && !equal) return jet::wrn::SeekNotEqual;
  return jet::err::Success;
}

jet::Err SetIndexRange(Session &s, jet::Tableid tableid, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
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
  jet::Err err = Lookup(s, tableid, &c);
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

jet::Err GetBookmark(Session &s, jet::Tableid tableid, void *pv, jet::ULong cbMax, jet::ULong *pcbActual) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  RowPtr row;
  if ((err = CurrentRow(*c, ViewOf(s), &row)) < jet::err::Success) return err;
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(c->bookmark.size());
  if (pv == nullptr || cbMax < c->bookmark.size()) return jet::err::BufferTooSmall;
  std::memcpy(pv, c->bookmark.data(), c->bookmark.size());
  return jet::err::Success;
}

jet::Err GotoBookmark(Session &s, jet::Tableid tableid, const void *pv, jet::ULong cb) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (pv == nullptr || cb == 0 || cb > jet::cbBookmarkMost) return jet::err::InvalidBookmark;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const Bytes bookmark(static_cast<const char *>(pv), cb);
  auto it = c->table->records.find(bookmark);
  RowPtr row = it == c->table->records.end() ? nullptr : VisibleRow(it->second, ViewOf(s));
  if (!row) return jet::err::RecordDeleted;
  c->hasRange = false;
  return PlaceOnRow(*c, bookmark, *row);
}

jet::Err RetrieveKey(Session &s, jet::Tableid tableid, void *pv, jet::ULong cbMax, jet::ULong *pcbActual,
                     jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  Bytes key;
  if (grbit & jet::bit::RetrieveCopyKey) {
    if (!c->keyStarted) return jet::err::KeyNotMade;
    key = c->madeKey.bytes;
  } else {
    RowPtr row;
    if ((err = CurrentRow(*c, ViewOf(s), &row)) < jet::err::Success) return err;
    key = c->key;
  }
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(key.size());
  if (pv != nullptr) std::memcpy(pv, key.data(), std::min<std::size_t>(cbMax, key.size()));
  return cbMax < key.size() ? jet::wrn::BufferTruncated : jet::err::Success;
}

jet::Err GetRecordPosition(Session &s, jet::Tableid tableid, jet::RecPos *precpos, jet::ULong cb) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (precpos == nullptr || cb < sizeof(jet::RecPos)) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  RowPtr row;
  if ((err = CurrentRow(*c, view, &row)) < jet::err::Success) return err;
  const Index *index = CurrentIndex(*c);
  jet::ULong before = 0, total = 0;
  const IndexEntry here(c->key, c->bookmark);
  for (auto at = Step(*c->table, index, view, 1, nullptr, false); at;) {
    ++total;
    if (*at < here) ++before;
    const IndexEntry e = *at;
    at = Step(*c->table, index, view, 1, &e, false);
  }
  precpos->cbStruct = sizeof(jet::RecPos);
  precpos->centriesLT = before;
  precpos->centriesInRange = 1;
  precpos->centriesTotal = total;
  return jet::err::Success;
}

// ---- updates -------------------------------------------------------------------------------

jet::Err PrepareUpdate(Session &s, jet::Tableid tableid, jet::ULong prep) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (prep == jet::prep::Cancel) {
    if (c->prepared == Prepared::kNone) return jet::err::UpdateNotPrepared;
    CancelUpdate(*c);
    return jet::err::Success;
  }
  if (prep != jet::prep::Insert && prep != jet::prep::Replace && prep != jet::prep::ReplaceNoLock &&
      prep != jet::prep::InsertCopy && prep != jet::prep::InsertCopyDeleteOriginal) {
    return jet::err::InvalidParameter;
  }
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared != Prepared::kNone) return jet::err::AlreadyPrepared;
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  Table &table = *c->table;
  auto copy = std::make_shared<Row>();
  if (prep != jet::prep::Insert) {
    RowPtr row;
    if ((err = CurrentRow(*c, view, &row)) < jet::err::Success) return err;
    *copy = *row;
  }
  c->replaceBookmark.clear();
  if (prep == jet::prep::Replace || prep == jet::prep::ReplaceNoLock) {
    if (prep == jet::prep::Replace && view.inTransaction) {
      const Record &record = table.records.find(c->bookmark)->second;
      if ((err = CheckWriteConflict(record, view)) < jet::err::Success) return err;
      LockRecord(s, c->db, c->table, c->bookmark);
    }
    c->prepared = Prepared::kReplace;
    c->replaceBookmark = c->bookmark;
  } else {
    if (prep == jet::prep::InsertCopyDeleteOriginal) c->replaceBookmark = c->bookmark;
    for (const Column &column : table.columns) {
      if (!column.Autoincrement()) continue;
      // The value is used up whether or not the insert completes, as in ESE.
      copy->values[column.id] = {IntegerBytes(table.nextAutoinc++, column.cbMax)};
      c->db->dirty = true;
    }
    c->prepared = Prepared::kInsert;
  }
  c->copy = copy;
  c->preparedLevel = s.Transactions().Level();
  return jet::err::Success;
}

namespace {

jet::Err SetOne(Cursor &c, jet::Columnid columnid, const void *pv, jet::ULong cb, jet::Grbit grbit, jet::ULong ib,
                jet::ULong itag) {
  if (c.prepared == Prepared::kNone) return jet::err::UpdateNotPrepared;
  const Column *column = nullptr;
  jet::Err err = CheckColumnId(*c.table, columnid, &column);
  if (err < jet::err::Success) return err;
  // ESE: a null buffer means no data (except for JET_bitSetSizeLV, where cb is the size).
  if (pv == nullptr && !(grbit & jet::bit::SetSizeLV)) cb = 0;
  // ESE refuses autoincrement columns always, and version columns in a replace, with
  // JET_errInvalidColumnType.
  if (column->Autoincrement()) return jet::err::InvalidColumnType;
  if ((column->grbit & jet::bit::ColumnVersion) && c.prepared == Prepared::kReplace) {
    return jet::err::InvalidColumnType;
  }
  if (column->Escrow() && c.prepared == Prepared::kReplace) return jet::err::ColumnNotUpdatable;
  Row &row = *c.copy;
  const bool longValue = column->IsLong();
  const std::size_t fixedSize = keys::FixedSize(column->type);

  if (grbit & jet::bit::SetRevertToDefaultValue) {
    row.values.erase(column->id);
    row.nulls.erase(column->id);
    return jet::err::Success;
  }
  // A fixed column set to zero length is set to null, as in ESE.
  const bool setNull = cb == 0 && !(grbit & jet::bit::SetSizeLV) &&
                       (column->Fixed() || !(grbit & jet::bit::SetZeroLength));
  if (setNull && column->NotNull()) return jet::err::NullInvalid;
  jet::Err result = jet::err::Success;
  Bytes value;
  if (!setNull) {
    const Bytes data = pv == nullptr ? Bytes() : Bytes(static_cast<const char *>(pv), cb);
    std::vector<const Bytes *> current = keys::ValuesOf(*column, row, false);
    const std::size_t index = itag == 0 ? current.size() : itag - 1;
    const Bytes *existing = (longValue && index < current.size()) ? current[index] : nullptr;
    if (longValue && (grbit & jet::bit::SetSizeLV)) {
      value = existing != nullptr ? *existing : Bytes();
      value.resize(cb, '\0');
    } else if (longValue && (grbit & jet::bit::SetAppendLV)) {
      value = (existing != nullptr ? *existing : Bytes()) + data;
    } else if (longValue && (grbit & jet::bit::SetOverwriteLV)) {
      value = existing != nullptr ? *existing : Bytes();
      if (ib > value.size()) return jet::err::InvalidParameter;
      if (value.size() < ib + data.size()) value.resize(ib + data.size());
      value.replace(ib, data.size(), data);
    } else {
      value = data;
    }
    if (fixedSize != 0) {
      if (!value.empty() && value.size() != fixedSize) return jet::err::InvalidBufferSize;
    } else if (column->Fixed()) {
      // Fixed Text and Binary: longer than cbMax is refused, shorter is padded.
      if (value.size() > column->cbMax) return jet::err::InvalidBufferSize;
      value.resize(column->cbMax, column->IsText() ? ' ' : '\0');
    } else if (column->Variable()) {
      // ESE cuts a variable column's value at cbMax and warns.
      if (column->cbMax != 0 && value.size() > column->cbMax) {
        value.resize(column->cbMax);
        result = jet::wrn::ColumnMaxTruncated;
      }
    } else if (column->cbMax != 0 && value.size() > column->cbMax) {
      return jet::err::ColumnTooBig;
    }
    if (column->type == jet::coltyp::Bit && !column->Tagged()) {
      // ESE stores a fixed Bit column as 0x00 or 0xFF.
      value[0] = static_cast<char>(value[0] == 0 ? 0x00 : 0xFF);
    }
  }

  if (!column->Tagged()) {
    if (setNull) {
      row.values.erase(column->id);
      row.nulls.insert(column->id);
    } else {
      row.values[column->id] = {value};
      row.nulls.erase(column->id);
    }
    return result;
  }
  auto found = row.values.find(column->id);
  std::vector<Bytes> values = found != row.values.end() ? found->second : std::vector<Bytes>();
  if (!column->MultiValued()) {
    if (setNull) {
      row.values.erase(column->id);
    } else {
      row.values[column->id] = {value};
    }
    return jet::err::Success;
  }
  if (setNull) {
    if (itag == 0) {
      values.clear();
    } else if (itag <= values.size()) {
      values.erase(values.begin() + (itag - 1));
    }
  } else {
    if ((grbit & (jet::bit::SetUniqueMultiValues | jet::bit::SetUniqueNormalizedMultiValues)) != 0) {
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] == value && (itag == 0 || i != itag - 1)) return jet::err::MultiValuedDuplicate;
      }
    }
    if (itag == 0 || itag > values.size()) {
      values.push_back(value);
    } else {
      values[itag - 1] = value;
    }
  }
  if (values.empty()) {
    row.values.erase(column->id);
  } else {
    row.values[column->id] = std::move(values);
  }
  return jet::err::Success;
}

}  // namespace

jet::Err SetColumn(Session &s, jet::Tableid tableid, jet::Columnid columnid, const void *pv, jet::ULong cb,
                   jet::Grbit grbit, const jet::SetInfo *psetinfo) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared == Prepared::kNone) return jet::err::UpdateNotPrepared;
  if (psetinfo != nullptr && psetinfo->cbStruct < sizeof(jet::SetInfo)) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  // Without a JET_SETINFO ESE sets the first value (itagSequence 1), not a new one.
  return SetOne(*c, columnid, pv, cb, grbit, psetinfo ? psetinfo->ibLongValue : 0,
                psetinfo ? psetinfo->itagSequence : 1);
}

jet::Err SetColumns(Session &s, jet::Tableid tableid, jet::SetColumn *columns, jet::ULong count) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared == Prepared::kNone) return jet::err::UpdateNotPrepared;
  if (columns == nullptr && count > 0) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  // As in ESE: the first error stops the loop (that entry's err is not written), otherwise
  // the last entry's result is returned.
  jet::Err result = jet::err::Success;
  for (jet::ULong i = 0; i < count; ++i) {
    jet::SetColumn &sc = columns[i];
    result = SetOne(*c, sc.columnid, sc.pvData, sc.cbData, sc.grbit, sc.ibLongValue, sc.itagSequence);
    if (result < jet::err::Success) return result;
    sc.err = result;
  }
  return result;
}

namespace {

// Whether another record already has `key` in the unique index `index` (pending changes of
// any session count: in ESE their index entries are already in the tree).
bool UniqueKeyTaken(const Table &table, const Index &index, const Bytes &key, const Bytes &self) {
  for (auto it = index.entries.lower_bound(IndexEntry(key, Bytes())); it != index.entries.end() && it->first == key;
       ++it) {
    if (it->second == self) continue;
    auto record = table.records.find(it->second);
    if (record == table.records.end()) continue;
    RowPtr latest = LatestRow(record->second);
    if (latest && KeyOfRow(table, index, *latest, key)) return true;
  }
  return false;
}

jet::Err CheckNulls(const Table &table, const Row &row) {
  for (const Column &column : table.columns) {
    if (column.NotNull() && keys::ValuesOf(column, row).empty()) return jet::err::NullInvalid;
  }
  return jet::err::Success;
}

jet::Err CheckRow(const Table &table, const Row &row, const Bytes &bookmark) {
  for (const Index &index : table.indexes) {
    bool refused = false;
    std::vector<Bytes> keys = keys::RowKeys(table, index, row, &refused);
    if (refused) return jet::err::NullKeyDisallowed;
    if (index.Primary() || !index.Unique()) continue;
    for (const Bytes &key : keys) {
      if (UniqueKeyTaken(table, index, key, bookmark)) return jet::err::KeyDuplicate;
    }
  }
  return jet::err::Success;
}

}  // namespace

jet::Err Update(Session &s, jet::Tableid tableid, void *pvBookmark, jet::ULong cbBookmark, jet::ULong *pcbActual,
                jet::Grbit) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (c->prepared == Prepared::kNone) return jet::err::UpdateNotPrepared;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  Bytes bookmark;
  {
    std::unique_lock<std::shared_mutex> lock(c->db->lock);
    const ReadView view = ViewOf(s);
    Table &table = *c->table;
    RowPtr row = std::make_shared<const Row>(*c->copy);
    const Index *primary = table.Primary();
    if (c->prepared == Prepared::kInsert) {
      // ESE checks an insert for illegal nulls before it touches any index.
      if ((err = CheckNulls(table, *row)) < jet::err::Success) return err;
      if (primary != nullptr) {
        bool refused = false;
        std::vector<Bytes> keys = keys::RowKeys(table, *primary, *row, &refused);
        if (refused) return jet::err::NullKeyDisallowed;
        bookmark = keys.empty() ? Bytes() : keys.front();
        auto existing = table.records.find(bookmark);
        if (existing != table.records.end()) {
          if (LatestRow(existing->second)) return jet::err::KeyDuplicate;
          if ((err = CheckWriteConflict(existing->second, view)) < jet::err::Success) return err;
        }
      } else {
        bookmark = DbkBookmark(table.nextDbk++);
      }
      if ((err = CheckRow(table, *row, bookmark)) < jet::err::Success) return err;
      if (!c->replaceBookmark.empty()) {
        auto original = table.records.find(c->replaceBookmark);
        if (original == table.records.end() || !VisibleRow(original->second, view)) return jet::err::RecordDeleted;
        if ((err = CheckWriteConflict(original->second, view)) < jet::err::Success) return err;
        WriteRecord(s, c->db, c->table, c->replaceBookmark, nullptr);
      }
      WriteRecord(s, c->db, c->table, bookmark, row);
    } else {
      bookmark = c->replaceBookmark;
      auto existing = table.records.find(bookmark);
      if (existing == table.records.end() || !VisibleRow(existing->second, view)) return jet::err::RecordDeleted;
      if ((err = CheckWriteConflict(existing->second, view)) < jet::err::Success) return err;
      if (primary != nullptr) {
        bool refused = false;
        std::vector<Bytes> keys = keys::RowKeys(table, *primary, *row, &refused);
        if (refused) return jet::err::NullKeyDisallowed;
        if (keys.empty() || keys.front() != bookmark) return jet::err::RecordPrimaryChanged;
      }
      if ((err = CheckNulls(table, *row)) < jet::err::Success) return err;
      if ((err = CheckRow(table, *row, bookmark)) < jet::err::Success) return err;
      WriteRecord(s, c->db, c->table, bookmark, row);
    }
    CancelUpdate(*c);
  }
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(bookmark.size());
  if (pvBookmark != nullptr) {
    if (cbBookmark < bookmark.size()) return jet::err::BufferTooSmall;
    std::memcpy(pvBookmark, bookmark.data(), bookmark.size());
  }
  return jet::err::Success;
}

jet::Err Delete(Session &s, jet::Tableid tableid) {
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  if (c->prepared != Prepared::kNone) {
    // ESE refuses while an insert-copy-delete-original is prepared and otherwise cancels the
    // prepared update.
    if (c->prepared == Prepared::kInsert && !c->replaceBookmark.empty()) return jet::err::AlreadyPrepared;
    CancelUpdate(*c);
  }
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  RowPtr row;
  if ((err = CurrentRow(*c, view, &row)) < jet::err::Success) return err;
  const Record &record = c->table->records.find(c->bookmark)->second;
  if ((err = CheckWriteConflict(record, view)) < jet::err::Success) return err;
  WriteRecord(s, c->db, c->table, c->bookmark, nullptr);
  return jet::err::Success;
}

jet::Err EscrowUpdate(Session &s, jet::Tableid tableid, jet::Columnid columnid, const void *pv, jet::ULong cbMax,
                      void *pvOld, jet::ULong cbOldMax, jet::ULong *pcbOldActual, jet::Grbit grbit) {
  if (!InTransaction(s)) return jet::err::NotInTransaction;
  Cursor *c = nullptr;
  jet::Err err = Lookup(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (grbit & ~jet::bit::EscrowNoRollback) return jet::err::InvalidGrbit;
  if ((err = CheckUpdatable(s, *c)) < jet::err::Success) return err;
  std::unique_lock<std::shared_mutex> lock(c->db->lock);
  const Column *column = nullptr;
  if ((err = CheckColumnId(*c->table, columnid, &column)) < jet::err::Success) return err;
  if (c->prepared != Prepared::kNone) return jet::err::AlreadyPrepared;
  if (column->cbMax != cbMax || pv == nullptr) return jet::err::InvalidBufferSize;
  if (pvOld != nullptr && cbOldMax != 0 && column->cbMax > cbOldMax) return jet::err::InvalidBufferSize;
  if (!column->Fixed() || !column->Escrow()) return jet::err::InvalidOperation;
  const ReadView view = ViewOf(s);
  RowPtr row;
  if ((err = CurrentRow(*c, view, &row)) < jet::err::Success) return err;
  const Record &record = c->table->records.find(c->bookmark)->second;
  if ((err = CheckWriteConflict(record, view)) < jet::err::Success) return err;
  std::vector<const Bytes *> values = keys::ValuesOf(*column, *row);
  const std::int64_t old = values.empty() ? 0 : ReadInteger(*values[0]);
  const std::int64_t delta = ReadInteger(Bytes(static_cast<const char *>(pv), cbMax));
  std::int64_t updated = old + delta;
  if (cbMax == 4) updated = static_cast<std::int32_t>(static_cast<std::uint32_t>(updated));
  auto next = std::make_shared<Row>(*row);
  next->values[column->id] = {IntegerBytes(updated, cbMax)};
  next->nulls.erase(column->id);
  const bool remove = updated == 0 && (column->grbit & jet::bit::ColumnDeleteOnZero);
  WriteRecord(s, c->db, c->table, c->bookmark, remove ? nullptr : RowPtr(next));
  if (pvOld != nullptr && cbOldMax >= cbMax) {
    const Bytes previous = IntegerBytes(old, cbMax);
    std::memcpy(pvOld, previous.data(), cbMax);
  }
  if (pcbOldActual != nullptr) *pcbOldActual = cbMax;
  return jet::err::Success;
}

// ---- retrieval -----------------------------------------------------------------------------

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
  jet::Err err = Lookup(s, tableid, &c);
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
  jet::Err err = Lookup(s, tableid, &c);
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
