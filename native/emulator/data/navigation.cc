// Navigation: stepping through an index (JetMove), switching index (JetSetCurrentIndex4W),
// bookmarks (JetGetBookmark, JetGotoBookmark) and JetGetRecordPosition.
#include "navigation.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <utility>

#include "../session.h"
#include "../utf16.h"
#include "api.h"
#include "catalog.h"

namespace emu {
namespace data {

bool IsSecondary(const Index *index) { return index != nullptr && !index->Primary(); }

bool KeyOfRow(const Table &table, const Index &index, const Row &row, const Bytes &key) {
  jet::Err refusal = jet::err::Success;
  for (const Bytes &k : keys::RowKeys(table, index, row, &refusal)) {
    if (k == key) return true;
  }
  return false;
}

namespace {

// An entry the index's build wrote with no version (Index::builtUnversionedAt): a transaction
// that began before the build sees it while the record's row as of the build has its key,
// even on a record it does not see (a read there: JET_errRecordDeleted) or sees with another
// key; not once that transaction changed the record itself, which versioned the entry
// (differential seed 268, confirmed on ESE's engine). An entry made from the creator's own
// uncommitted change is found by every session, at level 0 and in transactions that began
// after the build too (extended generator seed 19981, confirmed on ESE's engine).
bool BuiltEntrySeen(const Table &table, const Index &index, const Record &record, const IndexEntry &entry,
                    const ReadView &view) {
  if (record.hasPending && record.writer == view.session) return false;
  if (index.builtFromPending.count(entry) != 0) return true;
  if (index.builtUnversionedAt == 0 || !view.inTransaction || view.snapshot >= index.builtUnversionedAt) return false;
  const Bytes &key = entry.first;
  ReadView build;
  build.inTransaction = true;
  build.snapshot = index.builtUnversionedAt;
  const std::size_t at = SeenVersion(record, build);
  if (at == record.committed.size() || !record.committed[at].row) return false;
  return KeyOfRow(table, index, *record.committed[at].row, key);
}

}  // namespace

bool EntryVisible(const Table &table, const Index *index, const IndexEntry &entry, const ReadView &view) {
  auto it = table.records.find(entry.second);
  if (it == table.records.end()) return false;
  RowPtr row = VisibleRow(it->second, view);
  if (!IsSecondary(index)) return row != nullptr;
  if (row && KeyOfRow(table, *index, *row, entry.first)) return true;
  return BuiltEntrySeen(table, *index, it->second, entry, view);
}

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

int SearchCompare(const Bytes &key, const keys::SearchKey &search) {
  if (search.limit) return keys::Compare(key, search);
  const int c = key.compare(search.bytes);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool IndexHasNoEntry(const Table &table, const Index *index) {
  return IsSecondary(index) ? index->entries.empty() : table.records.empty();
}

bool ExactMatch(const Bytes &key, const keys::SearchKey &search) { return !search.limit && key == search.bytes; }

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

namespace {

// Whether a key that compares `cmp` with the range's key is inside the range.
bool WithinLimit(const IndexRange &range, int cmp) {
  if (range.upper) return range.inclusive ? cmp <= 0 : cmp < 0;
  return range.inclusive ? cmp >= 0 : cmp > 0;
}

}  // namespace

bool InRange(const Cursor &c, const Bytes &key) {
  return !c.hasRange || WithinLimit(c.range, SearchCompare(key, c.range.key));
}

bool SearchKeyInRange(const Cursor &c, const Bytes &key) {
  if (!c.hasRange) return true;
  Bytes limit = c.range.key.bytes;
  if (c.range.key.limit) limit.push_back('\xff');
  return WithinLimit(c.range, key.compare(limit));
}

void DropRanges(Cursor &c) {
  c.hasRange = false;
  c.tableRangeKept = false;
}

namespace {

// The primary index's range goes with the table's cursor when a secondary index becomes
// current, and comes back with the primary index.
void KeepTableRange(Cursor &c) {
  c.tableRangeKept = c.hasRange;
  if (c.hasRange) c.keptRange = c.range;
  c.hasRange = false;
}

void RestoreTableRange(Cursor &c) {
  c.hasRange = c.tableRangeKept;
  if (c.tableRangeKept) {
    // The limit is read from the search key buffer, which a secondary index's JetMakeKey
    // writes into too (fucb.cxx ErrFUCBCheckIndexRange reads the table cursor's
    // dataSearchKey): the table's length of whatever bytes are there now.
    c.range = c.keptRange;
    const std::size_t length = std::min(c.range.key.bytes.size(), c.searchBuffer.size());
    c.range.key.bytes.replace(0, length, c.searchBuffer, 0, length);
  }
  c.tableRangeKept = false;
}

}  // namespace

// dir.cxx ErrDIRICheckIndexRange moves the cursor with DIRAfterLast or DIRBeforeFirst, which
// leave its level of navigation as it was: a rollback does not put it before the first entry
// for that (ErrDIRRollback). A move that leaves the range has navigated by its step.
void LeaveRange(Cursor &c) {
  c.position = c.range.upper ? Position::kAfterLast : Position::kBeforeFirst;
  c.hasRange = false;
}

namespace {

// A unique index holds one node per key (bt.cxx ErrBTInsert takes over a node flagged deleted
// that has the key), where the emulator may keep an entry of the deleted record beside the new
// one for the transactions that still see it (TakeOverFlaggedNode): its nodes are its keys.
bool OneNodePerKey(const Index *index) { return IsSecondary(index) && index->Unique(); }

// The distinct keys of `entries` before `end`, counting no further than `limit`.
std::size_t KeysBefore(const std::set<IndexEntry> &entries, std::set<IndexEntry>::const_iterator end,
                       std::size_t limit = SIZE_MAX) {
  std::size_t keys = 0;
  const Bytes *last = nullptr;
  for (auto it = entries.begin(); it != end && keys <= limit; ++it) {
    if (last == nullptr || it->first != *last) ++keys;
    last = &it->first;
  }
  return keys;
}

// The index's nodes: every entry a version or a pending change needs, and those flagged
// deleted that the version store has not cleaned up yet (model.h Table::ghostRecords). With
// `limit`, a count above it stands for any larger one.
std::size_t NodeCount(const Table &table, const Index *index, std::size_t limit = SIZE_MAX) {
  if (OneNodePerKey(index)) return KeysBefore(index->entries, index->entries.end(), limit);
  return IsSecondary(index) ? index->entries.size() : table.records.size();
}

// The nodes before `entry`: the line a search for it lands on.
std::size_t NodesBefore(const Table &table, const Index *index, const IndexEntry &entry) {
  if (OneNodePerKey(index)) return KeysBefore(index->entries, index->entries.lower_bound(IndexEntry(entry.first, Bytes())));
  if (IsSecondary(index)) {
    return static_cast<std::size_t>(std::distance(index->entries.begin(), index->entries.lower_bound(entry)));
  }
  return static_cast<std::size_t>(std::distance(table.records.begin(), table.records.lower_bound(entry.second)));
}

// The node on `line` (below NodeCount) of the index: on a unique one, the first entry of its key.
IndexEntry NodeAt(const Table &table, const Index *index, std::size_t line) {
  const auto offset = static_cast<std::ptrdiff_t>(line);
  if (OneNodePerKey(index)) {
    std::size_t keys = 0;
    const Bytes *last = nullptr;
    for (const IndexEntry &entry : index->entries) {
      if (last != nullptr && entry.first == *last) continue;
      if (keys++ == line) return entry;
      last = &entry.first;
    }
  }
  if (IsSecondary(index)) return *std::next(index->entries.begin(), offset);
  const Bytes &bookmark = std::next(table.records.begin(), offset)->first;
  return IndexEntry(bookmark, bookmark);
}

bool IsNode(const Table &table, const Index *index, const IndexEntry &entry) {
  if (IsSecondary(index)) return index->entries.count(entry) != 0;
  return table.records.find(entry.second) != table.records.end();
}

// The position of `entry` in the cursor's index, as a way down the tree finds it.
void NotePositionFromRoot(Cursor &c, const IndexEntry &entry) {
  const Index *index = CurrentIndex(c);
  const std::size_t total = NodeCount(*c.table, index, kOnePageNodesMost);
  c.pageHeld = true;
  // Past one page, JetGetRecordPosition counts afresh: a seek in a large table counts nothing.
  c.positionKnown = total <= kOnePageNodesMost;
  if (!c.positionKnown) return;
  c.positionLT = static_cast<jet::ULong>(NodesBefore(*c.table, index, entry));
  c.positionTotal = static_cast<jet::ULong>(total);
}

void SetOn(Cursor &c, const IndexEntry &entry) {
  c.position = Position::kOn;
  c.indexAt = Position::kOn;
  c.tableDeferred = false;
  c.indexAtRoot = false;
  ++c.navigations;
  c.key = entry.first;
  c.bookmark = entry.second;
}

}  // namespace

void PlaceOn(Cursor &c, const IndexEntry &entry) {
  SetOn(c, entry);
  NotePositionFromRoot(c, entry);
}

void PlaceOnByStep(Cursor &c, const IndexEntry &from, const IndexEntry &to) {
  const Index *index = CurrentIndex(c);
  const Table &table = *c.table;
  if (!c.pageHeld || !c.positionKnown || NodeCount(table, index, kOnePageNodesMost) > kOnePageNodesMost ||
      !IsNode(table, index, from)) {
    PlaceOn(c, to);
    return;
  }
  SetOn(c, to);
  // One per node passed, whatever the session sees of it; the count stays as it was. ESE's
  // count is unsigned and never checked (bt.cxx ErrBTPrev: ullLTLast--), so nodes added before
  // the cursor since it worked the count out can take it below zero, where it wraps
  // (extended generator seed 2905).
  const auto passed = static_cast<std::int64_t>(NodesBefore(table, index, to)) -
                      static_cast<std::int64_t>(NodesBefore(table, index, from));
  c.positionLT = static_cast<jet::ULong>(static_cast<std::uint64_t>(c.positionLT) + static_cast<std::uint64_t>(passed));
}

void ForgetPosition(Cursor &c) {
  c.positionKnown = false;
  c.pageHeld = false;
}

jet::Err PlaceOnRow(Session &s, Cursor &c, const Bytes &bookmark, const Row &row, jet::ULong itagSequence) {
  const Index *index = CurrentIndex(c);
  if (!IsSecondary(index)) {
    // ESE goes to a bookmark of the primary index without navigating it (dir.cxx
    // ErrDIRGotoJetBookmark sets no level): a rollback leaves the cursor there. It goes down
    // the tree all the same (bt.cxx ErrBTGotoBookmark, ErrBTDown), so the position is worked
    // out there and kept (ErrBTRelease).
    const std::uint64_t navigations = c.navigations;
    PlaceOn(c, IndexEntry(bookmark, bookmark));
    c.navigations = navigations;
    return jet::err::Success;
  }
  // The record's key is read in a read-only transaction begun at level 0 and committed without
  // a look at the commit's result (fldnorm.cxx ErrRECIRetrieveKey).
  BeginLevelZeroRead(s);
  // rec.cxx ErrRECIGotoBookmark: the index's cursor goes to the entry of the record's
  // itagSequence-th value (KeySequence; 1 for JetGotoBookmark), not its lowest key.
  // The record's key is made in the index cursor's search key buffer, which gets one of its
  // own, cbKeyAlloc bytes long, if it has none; the buffer keeps its length, so JetRetrieveKey
  // with JET_bitRetrieveCopy then copies all of it (fldnorm.cxx ErrIsamRetrieveKey).
  if (c.indexKeyBuffer == IndexKeyBuffer::kNone) {
    c.indexKeyBuffer = IndexKeyBuffer::kOwn;
    c.indexOwnBuffer.assign(jet::cbKeyMost32KBytePage + 1, '\0');
    c.indexSearchCb = c.indexOwnBuffer.size();
  }
  Bytes key;
  bool hasKey = false;
  const jet::Err keyErr = keys::SequenceKey(*c.table, *index, row, itagSequence, &key, &hasKey);
  if (keyErr < jet::err::Success) return keyErr;
  if (hasKey) {
    // Borrowed, the buffer is the table cursor's: the record's key overwrites the key made there.
    Bytes &buffer = c.SearchKeyBuffer(true);
    if (buffer.size() < key.size()) buffer.resize(key.size());
    std::copy(key.begin(), key.end(), buffer.begin());
  }
  if (!hasKey) {
    // rec.cxx ErrRECIGotoBookmark: the table's cursor is on the record already; the index's
    // cursor, finding no entry for it, goes before its first entry (DIRBeforeFirst, which is
    // no navigation).
    const std::uint64_t navigations = c.navigations;
    PlaceOn(c, IndexEntry(Bytes(), bookmark));
    c.navigations = navigations;
    c.indexAt = Position::kBeforeFirst;
    return jet::err::NoCurrentRecord;
  }
  // The index's cursor goes to its entry by a deferred go-to-bookmark (dir.cxx
  // ErrDIRDownKeyData, ErrDIRGotoBookmark; bt.cxx ErrBTDeferGotoBookmark), which forgets the
  // position kept: JetGetRecordPosition counts afresh (extended generator seed 2957).
  SetOn(c, IndexEntry(std::move(key), bookmark));
  ForgetPosition(c);
  return jet::err::Success;
}

void ResetKey(Cursor &c) {
  c.keyStarted = false;
  c.keyComplete = false;
  c.keySegments = 0;
  c.madeKey = keys::SearchKey();
}

namespace {

// The way down to the index's first entry (bt.cxx ErrBTDown, posFirst): the first node, or,
// when the session does not see it, the nodes after it (ErrBTNext). ErrBTNext checks each
// further node the session does not see against an upper index range before passing it (to
// stop early on a long run of them): one outside the range drops the range (fucb.cxx
// ErrFUCBCheckIndexRange) and ends the way down with no entry, so the cursor keeps its deferred
// move (dir.cxx ErrDIRIIRefresh), although entries the session sees come after. Neither the
// node landed on nor the entry found is checked here (extended generator seed 5755, confirmed
// on ESE's engine).
std::optional<IndexEntry> FirstFromRoot(Cursor &c, const ReadView &view) {
  const Index *index = CurrentIndex(c);
  if (!c.hasRange || !c.range.upper) return Step(*c.table, index, view, 1, nullptr, false);
  const Table &table = *c.table;
  bool landed = true;
  const auto passes = [&](const IndexEntry &entry, bool visible) {
    if (visible || std::exchange(landed, false) || InRange(c, entry.first)) return true;
    c.hasRange = false;
    return false;
  };
  if (IsSecondary(index)) {
    for (const IndexEntry &entry : index->entries) {
      const bool visible = EntryVisible(table, index, entry, view);
      if (!passes(entry, visible)) return std::nullopt;
      if (visible) return entry;
    }
    return std::nullopt;
  }
  for (const auto &[bookmark, record] : table.records) {
    const bool visible = VisibleRow(record, view) != nullptr;
    if (!passes(IndexEntry(bookmark, bookmark), visible)) return std::nullopt;
    if (visible) return IndexEntry(bookmark, bookmark);
  }
  return std::nullopt;
}

}  // namespace

// dir.cxx ErrDIRIIRefresh makes the deferred move to the first entry without setting the
// cursor's navigation level (no FUCBSetLevelNavigate): a rollback of the level it happened in
// leaves the cursor on that entry (dir.cxx ErrDIRRollback resets only cursors navigated there).
void Resolve(Cursor &c, const ReadView &view) {
  if (c.position != Position::kFirst) return;
  auto first = FirstFromRoot(c, view);
  if (!first) return;
  const std::uint64_t navigations = c.navigations;
  PlaceOn(c, *first);
  c.navigations = navigations;
}

void DeferMoveFirst(Cursor &c) {
  c.position = Position::kFirst;
  c.indexAt = Position::kOn;
}

bool IndexCursorOffEntries(const Cursor &c) {
  return c.position == Position::kFirst && c.indexAt != Position::kOn && IsSecondary(CurrentIndex(c));
}

void DeferTableMoveFirst(Cursor &c) {
  if (!IsSecondary(CurrentIndex(c))) {
    DeferMoveFirst(c);
  } else if (c.position == Position::kOn) {
    c.tableDeferred = true;
  } else if (c.position == Position::kBeforeFirst || c.position == Position::kAfterLast) {
    // The index's cursor stays off its entries, and a move goes on from there, while a read
    // makes the table's deferred move (extended generator seed 19651; seed 741 of the list).
    c.indexAt = c.position;
    c.position = Position::kFirst;
  } else if (c.position != Position::kFirst) {
    DeferMoveFirst(c);
  }
}

void ResolveIndexOnly(Cursor &c, const ReadView &view) {
  if (IndexCursorOffEntries(c)) return;
  const bool deferred = c.position == Position::kFirst;
  Resolve(c, view);
  if (deferred && c.position == Position::kOn && IsSecondary(CurrentIndex(c))) c.tableDeferred = true;
}

bool IndexCursorAtRoot(const Cursor &c) {
  return c.indexAtRoot && c.position == Position::kFirst && IsSecondary(CurrentIndex(c)) &&
         c.indexRootNavigations == c.navigations && c.indexRootGeneration == c.indexGeneration;
}

jet::Err CurrentRow(Cursor &c, const ReadView &view, RowPtr *row, bool readsPage) {
  Resolve(c, view);
  if (c.tableDeferred && c.position == Position::kOn) {
    // The table's cursor still has its deferred move to the first entry, which dir.cxx
    // ErrDIRIIRefresh makes by going down the index again from its root: the first entry now,
    // which an insert since may have changed, not the one the index's cursor was put on; and
    // the index's cursor is on it again, where a range check had moved it off.
    auto first = FirstFromRoot(c, view);
    if (!first) return jet::err::NoCurrentRecord;
    const std::uint64_t navigations = c.navigations;
    PlaceOn(c, *first);
    c.navigations = navigations;
  }
  if (c.position == Position::kFirst && IsSecondary(CurrentIndex(c))) {
    c.indexAtRoot = true;
    c.indexRootNavigations = c.navigations;
    c.indexRootGeneration = c.indexGeneration;
  }
  if (c.position != Position::kOn) return jet::err::NoCurrentRecord;
  c.tableDeferred = false;
  // A read through the table's cursor goes down to its bookmark again if it let go of its page
  // (bt.cxx ErrBTIIRefresh), and keeps the position it came down to only when it finds a node
  // the session sees (ErrBTRelease); at one it does not, ErrBTGet lets go of the page (BTUp)
  // and the position stays as it was. On a secondary index that is the table's cursor, not the
  // index's.
  const bool tableCursor = readsPage && !IsSecondary(CurrentIndex(c));
  auto it = c.PlaceOf(c.bookmark);
  *row = it == c.table->records.end() ? nullptr : VisibleRow(it->second, view);
  if (!*row) {
    if (tableCursor) c.pageHeld = false;
    return jet::err::RecordDeleted;
  }
  if (!c.pageHeld && tableCursor) NotePositionFromRoot(c, IndexEntry(c.key, c.bookmark));
  return jet::err::Success;
}

namespace {

// bt.cxx ErrBTInsert: a unique index keeps one node per key, and its cursor stands on that node
// (a unique tree's bookmark is the key alone), whichever record the node names now. An insert
// that took over the node of a deleted record (versions.cc TakeOverFlaggedNode) put the new
// record under a cursor left on the deleted one's entry (extended generator seed 17427). The
// entry of the cursor's key the session sees now, when it is not the cursor's own.
std::optional<IndexEntry> NodeTakenOver(const Cursor &c, const Index *index, const ReadView &view) {
  if (!IsSecondary(index) || !index->Unique()) return std::nullopt;
  const auto &entries = index->entries;
  for (auto it = entries.lower_bound(IndexEntry(c.key, Bytes())); it != entries.end() && it->first == c.key; ++it) {
    if (it->second != c.bookmark && EntryVisible(*c.table, index, *it, view)) return *it;
  }
  return std::nullopt;
}

}  // namespace

jet::Err CurrentEntry(Cursor &c, const ReadView &view, RowPtr *row, Bytes *nodeRecord) {
  Resolve(c, view);
  // A read of the index's own cursor: its deferred move failing leaves it deferred.
  if (c.position == Position::kFirst) return jet::err::NoCurrentRecord;
  if (c.position == Position::kOn && c.indexAt != Position::kOn) return jet::err::NoCurrentRecord;
  jet::Err err = CurrentRow(c, view, row);
  const Index *index = CurrentIndex(c);
  const auto takenOver = [&] {
    const std::optional<IndexEntry> node = NodeTakenOver(c, index, view);
    if (!node) return false;
    *row = VisibleRow(c.table->records.find(node->second)->second, view);
    if (nodeRecord != nullptr) *nodeRecord = node->second;
    return true;
  };
  if (err == jet::err::RecordDeleted && c.position == Position::kOn && takenOver()) return jet::err::Success;
  if (err < jet::err::Success) return err;
  if (IsSecondary(index) && !KeyOfRow(*c.table, *index, **row, c.key)) {
    auto it = c.PlaceOf(c.bookmark);
    if (it == c.table->records.end() || !BuiltEntrySeen(*c.table, *index, it->second, IndexEntry(c.key, c.bookmark), view)) {
      return takenOver() ? jet::err::Success : jet::err::RecordDeleted;
    }
  }
  if (nodeRecord != nullptr) *nodeRecord = c.bookmark;
  return jet::err::Success;
}

jet::Err RowAtBookmark(Cursor &c, const ReadView &view, RowPtr *row) {
  Resolve(c, view);
  if (c.position == Position::kFirst) return jet::err::NoCurrentRecord;
  if (c.position == Position::kOn) return CurrentRow(c, view, row);
  // An exact seek that found nothing on a unique index keeps the key sought as the bookmark.
  if (c.position == Position::kOnSeek && c.soughtKeyKept) return jet::err::RecordDeleted;
  auto it = c.table->records.find(c.bookmark);
  if (it == c.table->records.end()) return jet::err::RecordDeleted;
  *row = VisibleRow(it->second, view);
  return *row ? jet::err::Success : jet::err::RecordDeleted;
}

void LeaveSecondaryIndex(Cursor &c) {
  c.table->currentIndexUses.Move(c.indexName, std::u16string());
  ReleaseIndexCursor(c);
  c.indexName.clear();
  RestoreTableRange(c);
  ResetKey(c);
  c.DropIndexSearchKey();
  c.position = Position::kBeforeFirst;
  c.indexAt = Position::kOn;
  // The index's cursor is gone: a rollback of the level that opened it finds no secondary
  // index current (tm.cxx ErrIsamRollback reads pfucbCurIndex) and leaves the cursor alone.
  ++c.indexGeneration;
}

NavigationWatch::NavigationWatch(Session &s, jet::Tableid tableid) : session_(s), tableid_(tableid) {
  Cursor *c = nullptr;
  if (FindCursor(s, tableid, &c) < jet::err::Success) return;
  found_ = true;
  before_ = c->navigations;
}

NavigationWatch::~NavigationWatch() {
  if (!found_ || !InTransaction(session_)) return;
  Cursor *c = nullptr;
  if (FindCursor(session_, tableid_, &c) < jet::err::Success || c->navigations == before_) return;
  NavigatedAtThisLevel(session_, tableid_, c);
}

namespace {

// Marks the cursor as moved at open level `level`, the table's own cursor too with `table`, and
// has that level's rollback put it before its first entry.
void MarkNavigatedAt(Session &s, jet::Tableid tableid, Cursor *c, int level, bool table) {
  const std::uint64_t serial = s.Transactions().At(level).serial;
  if (table) c->tableNavigateSerial = serial;
  if (c->navigateSerial == serial) return;
  c->navigateSerial = serial;
  Session *session = &s;
  s.Transactions().At(level).undo.push_back([session, c, tableid, serial] {
    if (!StillOpen(*session, tableid, c)) return;
    std::shared_lock<std::shared_mutex> lock(c->db->lock);
    c->navigateSerial = 0;
    const bool tableMoved = c->tableNavigateSerial == serial;
    if (tableMoved) c->tableNavigateSerial = 0;
    // dir.cxx ErrDIRRollback puts every cursor that moved in the level before its first
    // entry: the table's own cursor and a secondary index's each by their own level. Where
    // only the index's cursor moved, the table's cursor stays on its record, or keeps its
    // deferred move to the first entry, which goes down the index again from its root (dir.cxx
    // ErrDIRIIRefresh); and once that index is no longer current, its cursor is gone.
    if (tableMoved) {
      c->position = Position::kBeforeFirst;
    } else if (!IsSecondary(CurrentIndex(*c))) {
      return;
    } else if (c->position == Position::kOn || c->position == Position::kFirst) {
      c->indexAt = Position::kBeforeFirst;
    } else {
      c->position = Position::kBeforeFirst;
    }
    // ErrDIRRollback leaves each cursor it reset as moved at the level below, whose rollback
    // resets it again: a table's cursor that came back onto a record since without moving
    // itself (a move on a secondary index reaches the record by its bookmark) loses it then
    // (the extended generator's seed 3766, confirmed on ESE's engine). The level rolled back
    // is still the session's innermost while this runs.
    const int below = session->Transactions().Level() - 1;
    if (below > 0) MarkNavigatedAt(*session, tableid, c, below, tableMoved);
  });
}

}  // namespace

void NavigatedAtThisLevel(Session &s, jet::Tableid tableid, Cursor *c) {
  if (!InTransaction(s)) return;
  MarkNavigatedAt(s, tableid, c, s.Transactions().Level(), !IsSecondary(CurrentIndex(*c)));
}

// ---- entry points --------------------------------------------------------------------------

jet::Err SetCurrentIndex(Session &s, jet::Tableid tableid, const jet::WChar *name, jet::Grbit grbit,
                         jet::ULong itagSequence) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (grbit != 0 && grbit != jet::bit::NoMove) return jet::err::InvalidGrbit;
  // rec.cxx ErrIsamSetCurrentIndex checks a name's rules first (ErrUTILCheckName:
  // JET_errInvalidName); a null or empty name means the primary index.
  std::u16string text;
  if (name != nullptr && name[0] != 0) {
    if ((err = CheckName(name, &text)) < jet::err::Success) return err;
  }
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  // Then, with JET_bitNoMove the current record's bookmark is taken (JET_errNoCurrentRecord
  // leaves the index as it was); without, a prepared update is cancelled. Either way before
  // the index is looked up.
  RowPtr row;
  bool deleted = false;
  if (grbit & jet::bit::NoMove) {
    // dir.hxx ErrDIRGetBookmark does not make a deferred move to the first entry (a fresh
    // cursor, or one whose index was just set): only a cursor on an entry has a bookmark.
    // A record deleted since still has one; going back to it fails once the index is found.
    if (c->position == Position::kFirst || c->tableDeferred) return jet::err::NoCurrentRecord;
    err = CurrentRow(*c, view, &row);
    deleted = err == jet::err::RecordDeleted;
    if (err < jet::err::Success && !deleted) return err;
  } else if (c->prepared != Prepared::kNone) {
    CancelUpdate(*c);
  }
  std::u16string folded;
  std::u16string indexCursorName;
  if (!text.empty()) {
    folded = FoldName(text);
    const Index *index = FindVisibleIndex(s, *c->table, folded);
    if (index != nullptr) indexCursorName = index->name;
    if (index == nullptr) {
      // rec.cxx ErrRECSetCurrentIndex lets go of a current secondary index before it looks
      // the new one up: a name it cannot find leaves the cursor on the primary index (or in
      // record-id order), before the first record.
      if (!c->indexName.empty() && folded != c->indexName) LeaveSecondaryIndex(*c);
      return jet::err::IndexNotFound;
    }
    if (index->Primary()) folded.clear();
  }
  const Bytes bookmark = c->bookmark;
  // With JET_bitNoMove, once the index is found, ErrIsamSetCurrentIndex goes to the record as
  // JetGotoBookmark does (rec.cxx ErrRECIGotoBookmark): the prepared update is cancelled and
  // the range and the key being made go, before the record is looked up.
  if ((grbit & jet::bit::NoMove) && c->prepared != Prepared::kNone) CancelUpdate(*c);
  if (folded == c->indexName) {
    // ErrRECSetCurrentIndex does nothing when asked for the current index: without
    // JET_bitNoMove the range and the key being made stay and the cursor goes to the first
    // entry (RECDeferMoveFirst), as ESE's engine shows; with it, the cursor goes back to its
    // record's entry (a secondary index's cursor that had left it too).
    if (!(grbit & jet::bit::NoMove)) {
      DeferMoveFirst(*c);
      c->indexAtRoot = false;
      return jet::err::Success;
    }
    // The table's key goes before the record is looked up (KSReset), a secondary index's only
    // once the record is found, as the index's cursor goes to its entry.
    DropRanges(*c);
    if (!IsSecondary(CurrentIndex(*c))) ResetKey(*c);
    if (deleted) return jet::err::RecordDeleted;
    ResetKey(*c);
    return PlaceOnRow(s, *c, bookmark, *row, itagSequence);
  }
  // The primary index's range stays with the table's cursor, back with the primary index; a
  // secondary index's goes with its cursor. With JET_bitNoMove the cursor then goes to the
  // record as JetGotoBookmark does, which drops both (rec.cxx ErrRECIGotoBookmark).
  if (grbit & jet::bit::NoMove) {
    DropRanges(*c);
  } else if (c->indexName.empty()) {
    KeepTableRange(*c);
  } else if (folded.empty()) {
    RestoreTableRange(*c);
  } else {
    c->hasRange = false;
  }
  ResetKey(*c);
  // ErrRECSetCurrentIndex closes a secondary index's cursor on the way to the primary index
  // and opens a new one from it, each without a search key; from one secondary index to
  // another it reuses the old cursor, search key buffer and all, unless the old one made a
  // version and is closed (DIRClose).
  if (folded.empty() || c->indexName.empty() || c->indexVersioned) c->DropIndexSearchKey();
  c->table->currentIndexUses.Move(c->indexName, folded);
  // From one secondary index to another, ErrRECSetCurrentIndex gives the old index's cursor to
  // the new one unless it made a version; that one, and the primary index's way, open the
  // new index's cursor (ErrDIROpen), taking up one the session keeps deferred.
  const bool reopen = c->indexName.empty() || c->indexVersioned;
  if (!c->indexName.empty()) ReleaseIndexCursor(*c);
  c->indexName = folded;
  const std::uint64_t generation = ++c->indexGeneration;
  if (!folded.empty()) {
    // The index's cursor, opened, taken up or handed over, starts at this level's navigation
    // (dir.cxx ErrDIROpen and rec.cxx ErrRECSetCurrentIndex call DIRInitOpenedCursor): a
    // rollback of it puts the cursor before the index's first entry, even when the only move
    // since was the deferred one to the first entry, which sets no level of its own.
    NavigatedAtThisLevel(s, tableid, c);
    int levelOpen = s.Transactions().Level();
    if (reopen) {
      levelOpen = OpenIndexCursor(s, *c, indexCursorName);
    } else {
      c->indexCursorName = indexCursorName;
      c->indexLevelOpen = levelOpen;
    }
    // tm.cxx ErrIsamRollback: a secondary index whose cursor was opened in a level that is
    // rolled back (levelOpen; one taken up keeps the level it was first opened at) gives way
    // to the primary index, and the cursor stands before the first entry, range and key gone
    // (rec.cxx ErrRECSetCurrentIndex, ResetCurrency). It is part of the walk over the
    // session's cursors, which comes before ErrDIRRollback checks the transaction's owner, so
    // a refused rollback does it too.
    Session *session = &s;
    Cursor *cursor = c;
    PushCursorUndoAt(s, levelOpen, [session, cursor, tableid, generation] {
      if (!StillOpen(*session, tableid, cursor)) return;
      if (cursor->indexGeneration != generation) return;
      LeaveSecondaryIndex(*cursor);
    });
  }
  if ((grbit & jet::bit::NoMove) && deleted) {
    // The new index is current, its cursor before the first entry (as ESE's engine shows).
    c->position = Position::kBeforeFirst;
    return jet::err::RecordDeleted;
  }
  if (grbit & jet::bit::NoMove) return PlaceOnRow(s, *c, bookmark, *row, itagSequence);
  DeferMoveFirst(*c);
  return jet::err::Success;
}

jet::Err Move(Session &s, jet::Tableid tableid, std::int32_t cRow, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  // rec.cxx ErrIsamMove reads JET_bitMoveKeyNE alone and ignores every other bit (nothing on
  // the way, jetapi.cxx JetMoveEx included, refuses them).
  // ESE cancels the cursor's prepared update before it moves.
  if (c->prepared != Prepared::kNone) CancelUpdate(*c);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  const Table &table = *c->table;

  // rec.cxx ErrIsamMove: a move that fails leaves the cursor after the last entry when it
  // went forward (JET_MoveNext, JET_MoveLast: a positive cRow) and before the first when it
  // went backward (JET_MovePrevious, JET_MoveFirst: a negative cRow).
  const Position failedAt = cRow > 0 ? Position::kAfterLast : Position::kBeforeFirst;
  if (cRow == jet::MoveFirst || cRow == jet::MoveLast) {
    DropRanges(*c);
    auto found = Step(table, index, view, cRow == jet::MoveFirst ? 1 : -1, nullptr, false);
    if (!found) {
      c->position = failedAt;
      ++c->navigations;
      return jet::err::NoCurrentRecord;
    }
    PlaceOn(*c, *found);
    return jet::err::Success;
  }
  if (cRow == 0) {
    // ErrIsamMove reads the current index's entry (ErrDIRGet): none while the secondary
    // index's cursor is off it, though the record stays current. At the index's root ErrDIRGet
    // lets the cursor through (locOnFDPRoot, a place it asserts it cannot be).
    if (IndexCursorAtRoot(*c) || c->position == Position::kAtRoot) return jet::err::Success;
    if (c->position == Position::kOn && c->indexAt != Position::kOn) return jet::err::NoCurrentRecord;
    RowPtr row;
    Bytes nodeRecord;
    if ((err = CurrentEntry(*c, view, &row, &nodeRecord)) < jet::err::Success) return err;
    // The table's cursor goes to the record the index's entry names (rec.cxx ErrIsamMove,
    // ErrDIRGotoBookmark).
    c->bookmark = std::move(nodeRecord);
    return jet::err::Success;
  }
  // dir.cxx ErrDIRNext and ErrDIRPrev refuse an index's cursor left at the index's root (a
  // read that found the index empty), whatever was inserted since (extended generator seed
  // 14031).
  if (IndexCursorAtRoot(*c)) {
    c->position = failedAt;
    return jet::err::NoCurrentRecord;
  }
  // dir.cxx ErrDIRNext/ErrDIRPrev: a kFirst cursor is first put on the first entry (so a
  // move next from a fresh cursor lands on the second); in an empty index the move fails.
  // After a rollback or a range put its secondary index's cursor off the record's entry, it
  // moves from there.
  if (c->indexAt != Position::kOn && (c->position == Position::kOn || c->position == Position::kFirst)) {
    c->position = c->indexAt;
  }
  c->indexAt = Position::kOn;
  ++c->navigations;
  Resolve(*c, view);
  // rec.cxx ErrIsamMove holds the page from one row to the next, and the cursor's bookmark is
  // saved only when it lets go (bt.cxx ErrBTRelease): a move that fails part-way keeps the
  // bookmark of the place it began, which a JetEscrowUpdate then goes by (dir.cxx
  // ErrDIRDelta). With JET_bitMoveKeyNE it lets go at every row, keeping the last one's.
  const IndexEntry start(c->key, c->bookmark);
  const auto failedPartWay = [&] {
    c->pageHeld = false;
    if (grbit & jet::bit::MoveKeyNE) return;
    c->key = start.first;
    c->bookmark = start.second;
  };
  const int dir = cRow > 0 ? 1 : -1;
  std::int64_t remaining = cRow > 0 ? std::int64_t(cRow) : -std::int64_t(cRow);
  while (remaining-- > 0) {
    std::optional<IndexEntry> found;
    const IndexEntry here(c->key, c->bookmark);
    const bool stepping = c->position == Position::kOn;
    switch (c->position) {
      case Position::kFirst:
      // dir.cxx ErrDIRNext and ErrDIRPrev refuse a cursor at the table's root.
      case Position::kAtRoot:
        c->position = failedAt;
        return jet::err::NoCurrentRecord;
      case Position::kBeforeFirst:
        if (dir < 0) return jet::err::NoCurrentRecord;
        found = Step(table, index, view, 1, nullptr, false);
        break;
      case Position::kAfterLast:
        if (dir > 0) return jet::err::NoCurrentRecord;
        found = Step(table, index, view, -1, nullptr, false);
        break;
      case Position::kOnSeek: {
        // `here` is the first entry at or after the place sought: next is it (or beyond).
        // Where the cursor's bookmark is the key sought (dir.cxx ErrDIRRelease; `here` itself
        // where the seek stood on that key), the move looks for it again (bt.cxx
        // ErrBTPerformOnSeekBM), so it finds the entries inserted since between the key sought
        // and the entry the seek found. The search lands on the first entry at or after that
        // key; if that entry has the key itself, the search found it exactly, and dir.cxx
        // ErrDIRNext and ErrDIRPrev both move on from it: it is passed either way (on a
        // non-unique index, only the first of the entries with that key).
        IndexEntry from = here;
        bool inclusive = dir > 0;
        const Bytes *sought = c->soughtKeyKept ? &c->soughtKey : c->onSoughtKey ? &c->key : nullptr;
        if (sought != nullptr) {
          const auto again = Boundary(table, index, keys::SearchKey{*sought, false}, false);
          if (!again) {
            found = dir > 0 ? std::nullopt : Step(table, index, view, -1, nullptr, false);
            break;
          }
          from = *again;
          if (from.first == *sought) inclusive = false;
        }
        found = Step(table, index, view, dir, &from, inclusive);
        break;
      }
      default: {
        // On a unique index the entries of the cursor's key are all its one node (NodeTakenOver):
        // a move leaves them all behind.
        const bool passKey = (grbit & jet::bit::MoveKeyNE) || (IsSecondary(index) && index->Unique());
        found = Step(table, index, view, dir, &here, false);
        while (found && passKey && found->first == here.first) {
          const IndexEntry next = *found;
          found = Step(table, index, view, dir, &next, false);
        }
        break;
      }
    }
    if (!found) {
      c->position = dir > 0 ? Position::kAfterLast : Position::kBeforeFirst;
      failedPartWay();
      return jet::err::NoCurrentRecord;
    }
    const bool rangeApplies = c->hasRange && (c->range.upper == (dir > 0));
    if (rangeApplies && !InRange(*c, found->first)) {
      // fucb.cxx ErrFUCBCheckIndexRange drops the range; dir.cxx ErrDIRICheckIndexRange puts
      // the cursor after the last entry (upper limit) or before the first (lower limit).
      LeaveRange(*c);
      failedPartWay();
      return jet::err::NoCurrentRecord;
    }
    if (stepping) {
      PlaceOnByStep(*c, here, *found);
    } else {
      PlaceOn(*c, *found);
    }
  }
  return jet::err::Success;
}

jet::Err GetBookmark(Session &s, jet::Tableid tableid, void *pv, jet::ULong cbMax, jet::ULong *pcbActual) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  // dir.hxx ErrDIRGetBookmark answers only a cursor on an entry: a fresh cursor's deferred move
  // to the first entry is not made for it (JET_errNoCurrentRecord). The entry's record is not
  // read: one deleted since still gives its bookmark.
  if (c->position != Position::kOn || c->tableDeferred) return jet::err::NoCurrentRecord;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(c->bookmark.size());
  // fldnorm.cxx ErrIsamGetBookmark copies as much of the bookmark as fits, and fails when
  // that is not all of it.
  if (pv != nullptr) std::memcpy(pv, c->bookmark.data(), std::min<std::size_t>(cbMax, c->bookmark.size()));
  return cbMax < c->bookmark.size() ? jet::err::BufferTooSmall : jet::err::Success;
}

jet::Err GotoBookmark(Session &s, jet::Tableid tableid, const void *pv, jet::ULong cb) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (pv == nullptr || cb == 0 || cb > jet::cbBookmarkMost) return jet::err::InvalidBookmark;
  // rec.cxx ErrRECIGotoBookmark: a prepared update is cancelled, the index range removed and
  // the key being made dropped before the record is looked up.
  if (c->prepared != Prepared::kNone) CancelUpdate(*c);
  DropRanges(*c);
  ResetKey(*c);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const Bytes bookmark(static_cast<const char *>(pv), cb);
  auto it = c->table->records.find(bookmark);
  RowPtr row = it == c->table->records.end() ? nullptr : VisibleRow(it->second, ViewOf(s));
  if (!row) return jet::err::RecordDeleted;
  // A record without an entry in the current secondary index (its nulls are ignored there):
  // JET_errNoCurrentRecord, the record current all the same.
  // In a secondary index it seeks the record's entry (ErrDIRDownKeyData), a navigation.
  return PlaceOnRow(s, *c, bookmark, *row, 1);
}

jet::Err GetRecordPosition(Session &s, jet::Tableid tableid, jet::RecPos *precpos, jet::ULong cb) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (precpos == nullptr || cb < sizeof(jet::RecPos)) return jet::err::InvalidParameter;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  // dir.cxx ErrDIRGetPosition: on an entry (deleted since or not) or where a seek that found
  // nothing looked; anywhere else JET_errNoCurrentRecord. It refreshes the index's cursor
  // (stats.cxx ErrIsamGetRecordPosition passes the secondary index's FUCB), which a rollback
  // may have put before its first entry while the table's cursor waits for its move there.
  ResolveIndexOnly(*c, view);
  if (c->position != Position::kOn && c->position != Position::kOnSeek) return jet::err::NoCurrentRecord;
  if (c->indexAt != Position::kOn) return jet::err::NoCurrentRecord;
  const Index *index = CurrentIndex(*c);
  jet::ULong before = 0, total = 0;
  if (c->position == Position::kOn && c->positionKnown) {
    // The position the cursor worked out on its way down and kept since (bt.cxx
    // ErrBTGetPosition answers with it: ullTotalCurr is not 0).
    before = c->positionLT;
    total = c->positionTotal;
  } else {
    // bt.cxx ErrBTGetPosition seeks the cursor's bookmark from the index's root, counting the
    // page's lines: every node, those flagged deleted and other sessions' uncommitted ones
    // included. Where a seek found nothing (locOnSeekBM) the position kept is dropped first.
    // In an index without a single node that is an empty page (node.cxx ErrNDSeek). The
    // search lets go of the page.
    const std::size_t nodes = NodeCount(*c->table, index);
    if (nodes == 0) return jet::err::BadEmptyPage;
    total = static_cast<jet::ULong>(nodes);
    // A bookmark that is the key sought (dir.cxx ErrDIRRelease) is sought as it is: the search
    // lands on the first node with that key or after it.
    const bool sought = c->position == Position::kOnSeek && c->soughtKeyKept && !c->onSoughtKey;
    const IndexEntry at = sought ? IndexEntry(c->soughtKey, IsSecondary(index) ? Bytes() : c->soughtKey)
                                 : IndexEntry(c->key, c->bookmark);
    before = static_cast<jet::ULong>(NodesBefore(*c->table, index, at));
    // A search past the last node lands on the last line.
    if (before >= total) before = total - 1;
    c->positionKnown = false;
    c->pageHeld = false;
  }
  precpos->cbStruct = sizeof(jet::RecPos);
  precpos->centriesLT = before;
  precpos->centriesInRange = 1;
  precpos->centriesTotal = total;
  return jet::err::Success;
}

namespace {

// The line of `nodes` a fraction lt / total of the way through them (bt.cxx IlineBTIFrac):
// the whole part of nodes × fraction, the last line for a fraction of 1 or more.
std::size_t FractionLine(std::size_t nodes, jet::ULong lt, jet::ULong total) {
  if (total == 0 || lt == 0) return 0;
  const double fraction = static_cast<double>(lt) / static_cast<double>(total);
  if (fraction >= 1.0) return nodes - 1;
  const auto line = static_cast<std::size_t>(static_cast<double>(nodes) * fraction);
  return std::min(line, nodes - 1);
}

}  // namespace

// rec.cxx ErrIsamGotoPosition: a JET_RECPOS of the right size with centriesLT <= centriesTotal;
// a prepared update is cancelled, the range removed and the key dropped; the cursor goes to
// the entry at that fraction of the index (none: JET_errRecordNotFound, before the first).
jet::Err GotoPosition(Session &s, jet::Tableid tableid, jet::RecPos *precpos) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  if (precpos == nullptr || precpos->cbStruct != sizeof(jet::RecPos)) return jet::err::InvalidParameter;
  if (precpos->centriesLT > precpos->centriesTotal) return jet::err::InvalidParameter;
  if (c->prepared != Prepared::kNone) CancelUpdate(*c);
  DropRanges(*c);
  ResetKey(*c);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  const Table &table = *c->table;
  // bt.cxx ErrBTDown with posFrac: the cursor lands on the line centriesLT / centriesTotal of
  // the way through the page's lines, nodes flagged deleted and other sessions' uncommitted
  // ones included (IlineBTIFrac), and from a node it cannot see moves to the next entry it
  // can, or failing that the previous one. (ESE divides by a centriesTotal of 0; here it is
  // the first line.)
  const std::size_t nodes = NodeCount(table, index);
  std::optional<IndexEntry> found;
  bool backwards = false;
  if (nodes > 0) {
    const std::size_t line = FractionLine(nodes, precpos->centriesLT, precpos->centriesTotal);
    const IndexEntry node = NodeAt(table, index, line);
    found = Step(table, index, view, 1, &node, true);
    if (!found) {
      found = Step(table, index, view, -1, &node, false);
      backwards = true;
    }
  }
  ++c->navigations;
  if (!found) {
    c->position = Position::kBeforeFirst;
    return jet::err::RecordNotFound;
  }
  PlaceOn(*c, *found);
  // The move next that ran off the page's end forgot the position (bt.cxx ErrBTNext), and the
  // move back does not work it out again (ErrBTPrev): JetGetRecordPosition counts afresh.
  if (backwards) c->positionKnown = false;
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
