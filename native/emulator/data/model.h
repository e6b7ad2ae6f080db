// The data half of the emulator: databases, tables (catalog), records with their versions,
// and secondary-index entries. Everything here is guarded by its Database's lock; see
// api.h for who takes it when.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "esent/jet_data_api.h"
#include "../storage/os_file.h"

namespace emu {

class Instance;
class Session;

namespace data {

// Byte strings (column values, normalised keys, bookmarks). std::string compares its
// characters as unsigned bytes, which is the order ESE compares keys in.
using Bytes = std::string;

// The value of a 32- or 64-bit integer column (autoincrement, escrow) as a number, and back:
// little-endian, as the record stores it; a 4-byte value is signed.
std::int64_t IntegerValue(const Bytes &value);
Bytes IntegerValueBytes(std::int64_t value, std::size_t size);

// ESE's column-id ranges: fixed, variable and tagged columns are numbered apart.
constexpr jet::Columnid kFirstFixed = 1;
constexpr jet::Columnid kLastFixed = 127;
constexpr jet::Columnid kFirstVar = 128;
constexpr jet::Columnid kLastVar = 255;
constexpr jet::Columnid kFirstTagged = 256;
constexpr jet::Columnid kLastTagged = 65535;

// JET_cbNameMost.
constexpr std::size_t kNameMost = 64;
// JET_cbLVDefaultValueMost: the largest default value of a long-value column.
constexpr std::size_t kLVDefaultMost = 255;

struct Column {
  jet::Columnid id = 0;
  std::u16string name;
  jet::Coltyp type = 0;
  jet::ULong cbMax = 0;
  jet::Grbit grbit = 0;
  std::uint16_t cp = 0;
  bool hasDefault = false;
  Bytes defaultValue;
  // ESE changes a default in the table's in-memory definition without a version (fldmod.cxx
  // ErrIsamSetColumnDefaultValue rebuilds the FCB's default record): a rollback undoes only
  // the catalog's change, so the default above stays in use until the definition is read from
  // the catalog again (the next attach). What the catalog holds, while it differs.
  struct CatalogDefault {
    bool hasDefault = false;
    Bytes value;
  };
  std::optional<CatalogDefault> catalogDefault;
  // ESE's FIELD of a column added in a transaction is versioned until the version store lets
  // the add go, and while it is, a column id or name is checked in the catalog as the caller's
  // transaction sees it (fldext.cxx ErrRECIAccessColumn, ErrCATAccessTableColumn): the adder
  // until it commits, then transactions that begin after the commit and callers at level 0.
  const Session *uncommittedAdder = nullptr;
  std::uint64_t addedAt = 0;  // its commit time (0: before any transaction now open began)
  // Added through a cursor of the adder's that denies reads, the column is not versioned: the
  // table's description has it for everyone at once, but its row in the catalog is inserted in
  // the add's transaction like any record, seen by the adder until the commit, then by callers
  // at level 0 and transactions that begin after it. What updates that row finds it only so
  // (JetSetColumnDefaultValue: cat.cxx ErrCATChangeColumnDefaultValue).
  const Session *catalogAdder = nullptr;
  std::uint64_t catalogAddedAt = 0;  // its commit time (0: before any transaction now open began)
  // In the table's description but never in the catalog: an add refused at its catalog insert
  // that left the column in (JetAddColumnW under another thread's session context).
  bool catalogRowMissing = false;
  // A delete is versioned the same way (fcreate.cxx ErrIsamDeleteColumn sets the FIELD
  // versioned and deleted; ver.cxx resets the versioned bit only at the delete's cleanup): the
  // deleter stops finding the column at once, other callers once the delete commits, and a
  // transaction that began before the commit only when it ends. Until then the column stays
  // in its table; a committed delete leaves once no open transaction began before it.
  const Session *uncommittedDeleter = nullptr;
  std::uint64_t deletedAt = 0;  // its commit time (0: not deleted)
  // The commit time of the last change of the column's catalog row (a default value, a rename;
  // one pending is in its transaction's SessionState::changedColumnRows). Its version makes
  // another update or delete of that row in a transaction that began before the commit a write
  // conflict (cat.cxx ErrCATDeleteTableColumn, ErrCATChangeColumnDefaultValue replace it
  // through the catalog's cursor).
  std::uint64_t catalogRowChangedAt = 0;

  bool Fixed() const { return id >= kFirstFixed && id <= kLastFixed; }
  bool Variable() const { return id >= kFirstVar && id <= kLastVar; }
  bool Tagged() const { return id >= kFirstTagged; }
  bool MultiValued() const { return (grbit & jet::bit::ColumnMultiValued) != 0; }
  bool Autoincrement() const { return (grbit & jet::bit::ColumnAutoincrement) != 0; }
  bool Escrow() const { return (grbit & jet::bit::ColumnEscrowUpdate) != 0; }
  bool Deleted() const { return uncommittedDeleter != nullptr || deletedAt != 0; }
  bool NotNull() const { return (grbit & jet::bit::ColumnNotNULL) != 0; }
  bool IsText() const { return type == jet::coltyp::Text || type == jet::coltyp::LongText; }
  bool IsBinary() const { return type == jet::coltyp::Binary || type == jet::coltyp::LongBinary; }
  bool IsLong() const { return type == jet::coltyp::LongText || type == jet::coltyp::LongBinary; }
};

struct IndexSegment {
  jet::Columnid column = 0;
  bool descending = false;
};

// A secondary index entry: the normalised key and the primary bookmark of its record.
using IndexEntry = std::pair<Bytes, Bytes>;

// ESE's B-tree keeps a small index in one page, its root, where a position is a line number
// among the page's lines and a cleanup never takes the last line. The emulator takes an index
// of at most this many nodes to be such a page: it keeps a cursor's position from one call to
// the next (navigation.cc) and cleans up after a rolled-back insert (versions.cc) only there;
// past it ESE's answers go by pages the emulator does not model.
constexpr std::size_t kOnePageNodesMost = 64;

struct Index {
  std::u16string name;
  std::vector<IndexSegment> segments;
  jet::Grbit grbit = 0;
  jet::ULong lcid = 0;
  jet::ULong mapFlags = 0;
  // As the catalog holds them (the information levels report these; 0: the key size).
  jet::ULong cbVarSegMac = 0;
  jet::ULong cbKeyMost = jet::cbKeyMostMin;
  // As keys are built with them: the catalog's, made smaller for a primary index whose
  // columns fix its key's size (SetKeySizesInUse).
  jet::ULong varSegMacInUse = 0;
  jet::ULong keyMostInUse = jet::cbKeyMostMin;
  jet::ULong density = 100;
  // ESE flags the IDB of an index created in a transaction as versioned until the version
  // store lets the create go, and while it is, the index is looked up in the catalog as the
  // caller's transaction sees it (file.hxx ErrFILEIAccessIndex, cat.cxx
  // ErrCATAccessTableIndex): the creator until it commits, then transactions that begin after
  // the commit and callers at level 0. Other sessions' updates maintain it all along.
  const Session *uncommittedCreator = nullptr;
  std::uint64_t createdAt = 0;  // its commit time (0: before any transaction now open began)
  // A primary index linked into the table whose catalog insert never began (JetCreateIndex at
  // level 0 under another thread's session context, the transaction left open): until that
  // transaction ends no session finds it in the catalog, its creator neither (extended
  // generator seed 22241).
  bool catalogRowMissing = false;
  // An index built without versions (its creator held the table denying reads to others, or
  // asked for an unversioned index): the timestamp its build read the records as of, else 0.
  // ESE's build writes the entries with no version (fcreate.cxx ErrFILEIBuildIndex), so a
  // transaction that began before it sees them whatever version of the record it reads.
  std::uint64_t builtUnversionedAt = 0;
  // The entries such a build made from its creator's own uncommitted changes (the rows its
  // creator saw): with no version, every session finds them, whenever its transaction began,
  // but one whose own change of the record is pending, which versioned the entry (extended
  // generator seed 19981). An entry leaves this set when its node leaves the index, and the
  // entries of a record when a versioned change of it versions them (seed 23044).
  std::set<IndexEntry> builtFromPending;
  // Secondary indexes only: an entry for every key any retained version of a record (or a
  // pending change) produces. Readers check each entry against the version they see (and
  // older ones against the row as of an unversioned build, builtUnversionedAt).
  std::set<IndexEntry> entries;
  // Entries left in `entries` as nodes flagged deleted (Table::ghostRecords).
  std::vector<IndexEntry> ghostEntries;

  // Takes an entry's node out of the index, and with it any unversioned standing it had.
  void EraseEntry(const IndexEntry &entry) {
    builtFromPending.erase(entry);
    entries.erase(entry);
  }
  std::set<IndexEntry>::iterator EraseEntry(std::set<IndexEntry>::iterator it) {
    builtFromPending.erase(*it);
    return entries.erase(it);
  }

  bool Primary() const { return (grbit & jet::bit::IndexPrimary) != 0; }
  bool Unique() const { return (grbit & (jet::bit::IndexUnique | jet::bit::IndexPrimary)) != 0; }
};

// A short list kept in place while it holds one item: a second moves them all to the heap.
// Either way they are contiguous. Most lists of a record hold one item (a column's values: one
// unless the column is multi-valued; a record's committed versions: one once older ones are
// pruned), so a record costs no allocation for them.
template <typename T>
class InlineVector {
 public:
  using value_type = T;
  using iterator = T *;
  using const_iterator = const T *;
  using reverse_iterator = std::reverse_iterator<T *>;
  using const_reverse_iterator = std::reverse_iterator<const T *>;

  InlineVector() = default;
  InlineVector(std::initializer_list<T> items) {
    for (const T &item : items) push_back(item);
  }

  std::size_t size() const { return spilled_ ? more_.size() : (hasOne_ ? 1 : 0); }
  bool empty() const { return size() == 0; }
  T *begin() { return spilled_ ? more_.data() : &one_; }
  T *end() { return begin() + size(); }
  const T *begin() const { return spilled_ ? more_.data() : &one_; }
  const T *end() const { return begin() + size(); }
  reverse_iterator rbegin() { return reverse_iterator(end()); }
  reverse_iterator rend() { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const { return const_reverse_iterator(begin()); }
  T &operator[](std::size_t i) { return begin()[i]; }
  const T &operator[](std::size_t i) const { return begin()[i]; }
  T &front() { return *begin(); }
  const T &front() const { return *begin(); }
  T &back() { return end()[-1]; }
  const T &back() const { return end()[-1]; }

  void push_back(T item) {
    if (!spilled_ && !hasOne_) {
      one_ = std::move(item);
      hasOne_ = true;
      return;
    }
    if (!spilled_) {
      more_.reserve(2);
      more_.push_back(std::move(one_));
      one_ = T();
      hasOne_ = false;
      spilled_ = true;
    }
    more_.push_back(std::move(item));
  }
  void erase(const T *at) { erase(at, at + 1); }
  void erase(const T *first, const T *last) {
    if (first == last) return;
    if (spilled_) {
      more_.erase(more_.begin() + (first - more_.data()), more_.begin() + (last - more_.data()));
    } else {
      one_ = T();
      hasOne_ = false;
    }
  }
  void clear() {
    more_.clear();
    spilled_ = false;
    one_ = T();
    hasOne_ = false;
  }
  bool operator==(const InlineVector &other) const {
    if (size() != other.size()) return false;
    for (std::size_t i = 0; i < size(); ++i) {
      if (!((*this)[i] == other[i])) return false;
    }
    return true;
  }
  bool operator!=(const InlineVector &other) const { return !(*this == other); }

 private:
  T one_{};
  std::vector<T> more_;
  bool hasOne_ = false;
  bool spilled_ = false;  // the items are in more_
};

// A column's values in a record, in itagSequence order.
using ValueList = InlineVector<Bytes>;

// A read-only view of values that sit one after another: a ValueList's, or a column's one
// default. Valid while what it views is unchanged.
class ValueSpan {
 public:
  ValueSpan() = default;
  ValueSpan(const Bytes *data, std::size_t size) : data_(data), size_(size) {}
  explicit ValueSpan(const ValueList &values) : data_(values.begin()), size_(values.size()) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Bytes *begin() const { return data_; }
  const Bytes *end() const { return data_ + size_; }
  const Bytes &operator[](std::size_t i) const { return data_[i]; }

 private:
  const Bytes *data_ = nullptr;
  std::size_t size_ = 0;
};

// A record's columns and their values, in column id order: one sorted array (a record holds
// few columns), so that a record costs one allocation for all of them rather than a tree
// node and a vector per column. Adding or removing a column moves the others: references
// into it last until the next change of its set of columns.
class ColumnValues {
 public:
  using Entry = std::pair<jet::Columnid, ValueList>;
  using iterator = std::vector<Entry>::iterator;
  using const_iterator = std::vector<Entry>::const_iterator;

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  iterator begin() { return entries_.begin(); }
  iterator end() { return entries_.end(); }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  void reserve(std::size_t n) { entries_.reserve(n); }
  // Gives back room the record will not use: a stored record is never changed in place.
  void ShrinkToFit() {
    if (entries_.capacity() - entries_.size() > 2) entries_.shrink_to_fit();
  }

  iterator find(jet::Columnid id) {
    const iterator at = LowerBound(id);
    return at != entries_.end() && at->first == id ? at : entries_.end();
  }
  const_iterator find(jet::Columnid id) const { return const_cast<ColumnValues *>(this)->find(id); }
  std::size_t count(jet::Columnid id) const { return find(id) != end() ? 1 : 0; }
  // The values of `id`, added empty when the record has none.
  ValueList &operator[](jet::Columnid id) {
    const iterator at = LowerBound(id);
    if (at != entries_.end() && at->first == id) return at->second;
    return entries_.emplace(at, id, ValueList())->second;
  }
  std::pair<iterator, bool> emplace(jet::Columnid id, ValueList values) {
    const iterator at = LowerBound(id);
    if (at != entries_.end() && at->first == id) return {at, false};
    return {entries_.emplace(at, id, std::move(values)), true};
  }
  std::size_t erase(jet::Columnid id) {
    const iterator at = find(id);
    if (at == entries_.end()) return 0;
    entries_.erase(at);
    return 1;
  }

 private:
  iterator LowerBound(jet::Columnid id) {
    return std::lower_bound(entries_.begin(), entries_.end(), id,
                            [](const Entry &entry, jet::Columnid key) { return entry.first < key; });
  }
  std::vector<Entry> entries_;
};

// Column ids, as a set: a sorted array. Most records have none; a cursor's columns set keep
// its room from one update to the next, so an update allocates nothing for them.
class ColumnIdSet {
 public:
  using const_iterator = std::vector<jet::Columnid>::const_iterator;

  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  const_iterator begin() const { return ids_.begin(); }
  const_iterator end() const { return ids_.end(); }
  std::size_t count(jet::Columnid id) const { return std::binary_search(ids_.begin(), ids_.end(), id) ? 1 : 0; }
  // Whether `id` was added (false: it was there).
  bool insert(jet::Columnid id) {
    const auto at = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (at != ids_.end() && *at == id) return false;
    ids_.insert(at, id);
    return true;
  }
  std::size_t erase(jet::Columnid id) {
    const auto at = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (at == ids_.end() || *at != id) return 0;
    ids_.erase(at);
    return 1;
  }
  void clear() { ids_.clear(); }

 private:
  std::vector<jet::Columnid> ids_;
};

// One record image. Absent columns are null, or read their default; `nulls` marks fixed and
// variable columns explicitly set to null (they then do not read their default). An escrow
// column set to null keeps its bytes in `values` besides its mark: ESE sets only the column's
// null bit in the record (fldmod.cxx ErrRECISetFixedColumn), and JetEscrowUpdate adds to the
// bytes under it (recupd.cxx ErrRECIEscrowUpdate, ErrDIRDelta), leaving the column null.
struct Row {
  ColumnValues values;
  ColumnIdSet nulls;
};
using RowPtr = std::shared_ptr<const Row>;

// Changes several sessions may hold on one record at once (ver.cxx FVERIWriteConflict:
// operations of one kind commute): read locks and escrow deltas, 32-bit and 64-bit apart.
// Every other change (insert, replace, delete, write lock) is a write.
namespace shared {
constexpr std::uint8_t kReadLock = 1;
constexpr std::uint8_t kDelta32 = 2;
constexpr std::uint8_t kDelta64 = 4;
}  // namespace shared

struct Version {
  std::uint64_t commitTime = 0;
  RowPtr row;  // null: the record was deleted by this version
  std::uint8_t kinds = 0;  // the shared kinds of change it committed; 0: a write
};

// An uncommitted read lock or escrow delta of one session. A delta carries what it needs to
// be added to a row: the column, its size and its default (escrow columns always have one).
struct SharedChange {
  std::uint64_t id = 0;
  Session *session = nullptr;
  std::uint8_t kind = 0;
  jet::Columnid column = 0;
  std::size_t size = 0;
  std::int64_t fallback = 0;
  std::int64_t delta = 0;
  bool deleteOnZero = false;
  bool committing = false;  // its commit is logged and not yet visible
};

// A record and its versions. Committed versions are in commit order; at most one session has
// an uncommitted write (insert, replace, delete or a write lock) pending on it, and then no
// other session has a shared change on it.
struct Record {
  InlineVector<Version> committed;
  Session *writer = nullptr;
  bool hasPending = false;
  RowPtr pending;  // null with hasPending: pending delete
  std::vector<SharedChange> shared;

  bool Unused() const { return committed.empty() && !hasPending && shared.empty(); }
};

// A table's records by primary bookmark: a tree for order (navigation, ranges, files) and a
// hash of the same bookmarks for exact lookups (seeks, bookmarks, index entries, updates).
// In a tree of thousands of records a lookup misses the cache at most of its ~15 levels; the
// hash, open addressing over one array, costs a miss in the array and one in the record's
// node. An insert looks its new record up again several times (write, commit, prune): the
// record added last answers those without a search. Only changes, which hold the database's
// lock exclusively, set it, so that readers sharing the lock only read it.
class RecordTree {
 public:
  using Map = std::map<Bytes, Record>;
  using iterator = Map::iterator;
  using const_iterator = Map::const_iterator;

  RecordTree() = default;
  // The slots hold iterators into this map, and `last_` may be its end: neither survives a
  // copy or a move, and a table is never copied or moved.
  RecordTree(const RecordTree &) = delete;
  RecordTree &operator=(const RecordTree &) = delete;

  iterator find(const Bytes &key) {
    if (last_ != map_.end() && last_->first == key) return last_;
    return FindHashed(key, HashOf(key));
  }
  const_iterator find(const Bytes &key) const { return const_cast<RecordTree *>(this)->find(key); }
  std::pair<iterator, bool> emplace(Bytes key, Record record) {
    const std::size_t hash = HashOf(key);
    const iterator found = FindHashed(key, hash);
    if (found != map_.end()) return {found, false};
    return {Add(std::move(key), std::move(record), hash), true};
  }
  // The record of `key`, made empty when there is none.
  Record &operator[](const Bytes &key) {
    if (last_ != map_.end() && last_->first == key) return last_->second;
    const std::size_t hash = HashOf(key);
    const iterator found = FindHashed(key, hash);
    return found != map_.end() ? found->second : Add(key, Record{}, hash)->second;
  }
  void erase(iterator it) {
    Unplace(it);
    if (last_ == it) last_ = map_.end();
    map_.erase(it);
  }

  iterator begin() { return map_.begin(); }
  iterator end() { return map_.end(); }
  const_iterator begin() const { return map_.begin(); }
  const_iterator end() const { return map_.end(); }
  Map::reverse_iterator rbegin() { return map_.rbegin(); }
  Map::reverse_iterator rend() { return map_.rend(); }
  Map::const_reverse_iterator rbegin() const { return map_.rbegin(); }
  Map::const_reverse_iterator rend() const { return map_.rend(); }
  iterator lower_bound(const Bytes &key) { return map_.lower_bound(key); }
  const_iterator lower_bound(const Bytes &key) const { return map_.lower_bound(key); }
  iterator upper_bound(const Bytes &key) { return map_.upper_bound(key); }
  const_iterator upper_bound(const Bytes &key) const { return map_.upper_bound(key); }
  std::size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

 private:
  // hash 0 marks an empty slot; a key's hash is never 0.
  struct Slot {
    std::size_t hash = 0;
    iterator it;
  };

  static std::size_t HashOf(const Bytes &key) {
    const std::size_t hash = std::hash<std::string_view>()(std::string_view(key));
    return hash == 0 ? 1 : hash;
  }
  std::size_t Mask() const { return slots_.size() - 1; }

  iterator FindHashed(const Bytes &key, std::size_t hash) {
    if (slots_.empty()) return map_.end();
    for (std::size_t i = hash & Mask();; i = (i + 1) & Mask()) {
      const Slot &slot = slots_[i];
      if (slot.hash == 0) return map_.end();
      if (slot.hash == hash && slot.it->first == key) return slot.it;
    }
  }
  // Adds a record whose key is not in the tree. Records usually come in key order (ascending
  // ids, a bulk load), so the tree is first asked to place it just after the one added last:
  // a right guess costs a comparison or two instead of a search from the root.
  iterator Add(Bytes key, Record record, std::size_t hash) {
    const iterator hint = last_ != map_.end() ? std::next(last_) : map_.end();
    const iterator added = map_.emplace_hint(hint, std::move(key), std::move(record));
    if ((map_.size() + 1) * 2 > slots_.size()) Grow();
    Place(Slot{hash, added});
    last_ = added;
    return added;
  }

  void Place(Slot slot) {
    std::size_t i = slot.hash & Mask();
    while (slots_[i].hash != 0) i = (i + 1) & Mask();
    slots_[i] = slot;
  }
  // Linear probing's deletion: later slots of the same run that may live in the hole move
  // back into it, so that no search stops early at it.
  void Unplace(iterator it) {
    const std::size_t hash = HashOf(it->first);
    std::size_t hole = hash & Mask();
    while (slots_[hole].hash == 0 || slots_[hole].it != it) hole = (hole + 1) & Mask();
    for (std::size_t next = (hole + 1) & Mask(); slots_[next].hash != 0; next = (next + 1) & Mask()) {
      const std::size_t home = slots_[next].hash & Mask();
      // Whether `home` lies cyclically in (hole, next]: then the entry must stay.
      const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
      if (stays) continue;
      slots_[hole] = slots_[next];
      hole = next;
    }
    slots_[hole] = Slot{};
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    for (const Slot &slot : old) {
      if (slot.hash != 0) Place(slot);
    }
  }
  Map map_;
  std::vector<Slot> slots_;
  iterator last_ = map_.end();
};

// How many cursors, of every session, have each secondary index of a table as their current
// index (ESE's IDB CrefCurrentIndex): such an index cannot be deleted. Cursors change it
// holding their database's lock shared, so it has a mutex of its own; a copied table starts
// with no cursors.
class CurrentIndexUses {
 public:
  CurrentIndexUses() = default;
  CurrentIndexUses(const CurrentIndexUses &) {}
  CurrentIndexUses &operator=(const CurrentIndexUses &) { return *this; }

  // `from` and `to` are folded index names; empty stands for the primary index, not counted.
  void Move(const std::u16string &from, const std::u16string &to) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!from.empty() && --counts_[from] == 0) counts_.erase(from);
    if (!to.empty()) ++counts_[to];
  }
  bool InUse(const std::u16string &name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return counts_.count(name) != 0;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::u16string, int> counts_;
};

// An open cursor on a table as the table's exclusive modes see it (ESE's FCB cursor list).
struct TableUser {
  const Session *session = nullptr;
  std::uint64_t id = 0;
  bool updatable = false;
  bool denyRead = false;   // JET_bitTableDenyRead
  bool denyWrite = false;  // JET_bitTableDenyWrite
  bool deferred = false;   // closed in a transaction after it made a version (bt.cxx BTClose)
};

struct Table {
  std::uint32_t objid = 0;
  std::u16string name;
  // A rename (JetRenameTableW) is a change to the catalog's versioned record: until it
  // commits, other sessions find the table by its name before, and so does a transaction that
  // began before the commit (TableNameSeenBy).
  Session *uncommittedRenamer = nullptr;
  std::u16string nameBefore;
  std::uint64_t renamedAt = 0;
  // The name in ESE's in-memory description of the table (TDB), which a rename changes at
  // once for every session and its rollback leaves as it is (fcreate.cxx ErrIsamRenameTable
  // says so; cat.cxx ErrCATRenameTable): the table's name in JetGetTableInfoW and
  // JetGetTableColumnInfoW. Empty: `name`. A new attach reads the catalog again.
  std::u16string descriptionName;
  const std::u16string &DescriptionName() const { return descriptionName.empty() ? name : descriptionName; }
  // Its creation's version (ver.cxx operCreateTable) is not cleaned up yet; the cleanup puts
  // the table in the catalog hash (Database::catalogHash). A table read from the file at
  // attach has none.
  bool creationVersioned = false;
  // A JetDeleteTableW refused on a database attached read-only left the in-memory description
  // marked for deletion: every open is JET_errTableLocked until the database is attached again.
  bool deleteMarkLeft = false;
  jet::ULong pages = 0;
  jet::ULong density = 0;
  std::vector<Column> columns;
  // Columns deleted, or whose add was rolled back: ESE's in-memory table keeps their
  // descriptions, marked deleted, until it is built again from the catalog (ver.cxx
  // VERIUndoAddColumn; fcreate.cxx ErrIsamDeleteColumn), and a column id is looked up there by
  // its range alone for JetGetTableColumnInfo (info.cxx ErrINFOGetTableColumnInfo).
  std::vector<Column> dropped;
  std::vector<Index> indexes;  // at most one primary
  // By primary bookmark. Records leave only through EraseRecord, which counts them: a
  // cursor's remembered place in this tree (Cursor::place) is good while the count stands.
  RecordTree records;
  std::uint64_t recordsErased = 0;
  void EraseRecord(RecordTree::iterator it) {
    ++recordsErased;
    if (!flaggedRows.empty()) flaggedRows.erase(it->first);
    records.erase(it);
  }
  // The data of each record whose newest write is a delete, pending or committed. ESE's delete
  // only flags the record's node: its data stays on the page, and escrow deltas still go into
  // it (recupd.cxx ErrRECIEscrowUpdate, bt.cxx ErrBTDelta) until the node is cleaned up. Here
  // it is the row the delete took away with every delta added since, anyone's, committed or
  // not (as on ESE's page); a rollback of a delta takes that delta out again.
  std::unordered_map<Bytes, RowPtr> flaggedRows;
  // Nodes no version needs any more stay in ESE's B-trees, flagged deleted, until the version
  // store's cleanup removes them (ver.cxx ErrVERIRCEClean): a committed delete's record, an
  // index entry a committed change of key or delete left behind. Readers do not see them, but
  // a seek lands on them (seek.cc). Here such a record stays in `records` with no version
  // (Record::Unused) and such an entry in its index's `entries`; `ghostRecords` and each
  // index's `ghostEntries` name them for the cleanup (CleanGhosts, versions.h).
  std::vector<Bytes> ghostRecords;
  // Whether a ghost record has a version left in ESE's version store, whose cleanup cleans the
  // page up (ver.cxx ErrVERIDelete, bt.cxx ErrBTISinglePageCleanup). The page's last node,
  // which a cleanup keeps, has none: another version's cleanup on the page takes it, no other.
  bool ghostsAwaitCleanup = false;
  std::size_t ghostEntryCount = 0;  // in all indexes' ghostEntries (an index deleted since included)
  // The implicit record id (DBK) the next insert takes in a table without a primary index.
  // ESE's in-memory table (tdb.hxx m_dbkMost) works it out at its first such insert, one past
  // the tree's last node (recupd.cxx ErrRECIInitDbkMost), and counts on from there;
  // `dbkWorkedOut` says whether that insert has been made since the table was created or
  // loaded. A table loaded from a file starts from the number the file's tree gives
  // (DbkAfterLastNode at the snapshot), which counts the nodes flagged deleted the file keeps
  // and its image leaves out.
  std::uint32_t nextDbk = 1;
  bool dbkWorkedOut = false;
  std::int64_t nextAutoinc = 1;
  // An autoincrement column deleted whose delete the version store has not cleaned up yet: ESE
  // keeps it as the table's autoincrement column until then (ver.cxx resets
  // TDB::FidAutoincrement in the delete's cleanup), so inserts still reserve and use its
  // values, another autoincrement column is redundant and JET_prepInsertMustSetAutoIncrement
  // is accepted. deletedAutoincAt: from when a cleanup may take it (CleanUpVersions).
  std::optional<Column> deletedAutoinc;
  std::uint64_t deletedAutoincAt = 0;
  // The in-memory table's autoincrement state (tdb.hxx): whether its first batch of values was
  // reserved (m_AutoIncInitOnce, which keeps its result, a failure too, for as long as the
  // table is in memory), the last value reserved, the last value written to the table's root
  // page (ahead of the reserved one after a write whose transaction failed: the root page keeps
  // it all the same) and the size of the last batch.
  enum class AutoincInit : std::uint8_t { kNotYet, kDone, kFailed };
  AutoincInit autoincInit = AutoincInit::kNotYet;
  jet::Err autoincInitErr = jet::err::Success;
  static constexpr std::int64_t kAutoincUnbatched = std::numeric_limits<std::int64_t>::max();
  std::int64_t autoincReserved = 0;
  std::int64_t autoincWritten = 0;
  std::uint32_t autoincBatch = 1;
  // The root page's value. A table just read into memory has written nothing yet: its value is
  // the one before the table's next.
  std::int64_t StoredAutoincrement() const { return autoincWritten != 0 ? autoincWritten : nextAutoinc - 1; }
  // The next value when the table is read into memory again: after the root page's value (the
  // rest of that batch is skipped) or, with no batches (older formats), after the last used.
  std::int64_t NextAutoincAfterReload() const {
    if (autoincReserved == kAutoincUnbatched) return nextAutoinc;
    return std::max(nextAutoinc, StoredAutoincrement() + 1);
  }
  jet::Columnid nextFixed = kFirstFixed;
  jet::Columnid nextVar = kFirstVar;
  jet::Columnid nextTagged = kFirstTagged;
  std::vector<TableUser> users;
  // The session whose open transaction created the table: until it commits, other sessions
  // do not find the table's catalog entry (ESE's catalog reads are versioned).
  const Session *uncommittedCreator = nullptr;
  // The commit time of the table's creation (0: made before any transaction now open began):
  // a transaction whose snapshot is older does not find it either.
  std::uint64_t createdAt = 0;
  CurrentIndexUses currentIndexUses;
  bool deleted = false;
  // A delete (JetDeleteTableW) is versioned too: until it commits, and for transactions that
  // began before the commit, other sessions still find the table in the catalog, held by the
  // deleter (JET_errTableLocked to an open). Database::deletedTables keeps it for them.
  const Session *uncommittedDeleter = nullptr;
  std::uint64_t deletedAt = 0;

  const Column *FindColumn(jet::Columnid id) const {
    for (const Column &c : columns) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }
  const Index *Primary() const {
    for (const Index &i : indexes) {
      if (i.Primary()) return &i;
    }
    return nullptr;
  }
};
using TablePtr = std::shared_ptr<Table>;

// An attached database file.
struct Database {
  std::shared_mutex lock;  // records, catalog and attachment state
  std::u16string path;     // as given to attach / create
  std::u16string identity; // absolute path, case-folded on Windows: what "the same file" means
  std::u16string location; // absolute path as spelled: where its file is read and written
  jet::Dbid dbid = 0;
  // Its place among the instance's databases (ESE's per-instance dbid, INST::m_mpdbidifmp):
  // the lowest free one at attach; a detach of every database goes in this order.
  unsigned instanceSlot = 0;
  Instance *instance = nullptr;
  bool readOnly = false;
  bool attached = true;
  std::uint32_t nextObjid = 2;
  // The time JetCreateDatabase2 made it (0: attached): its system tables are catalog entries
  // of that moment, which a transaction that began before it does not find.
  std::uint64_t createdAt = 0;
  std::map<std::u16string, TablePtr> tables;  // by case-folded name
  // ESE's catalog hash (cat.cxx CATHash), by case-folded name: an open by name (fileopen.cxx
  // ErrFILEIOpenTable, for JetOpenTable, JetDeleteTable, JetSetColumnDefaultValue and
  // JetGetTableInfo's statistics) looks here before the catalog, and what it finds here is
  // not versioned. The version store's cleanup of a table's creation puts the table here under
  // its description's name (ver.cxx, operCreateTable), which a rename not yet committed, or
  // rolled back, has already changed (Table::descriptionName); so other sessions then find
  // it by that name too. A rename takes its old name out (cat.cxx ErrCATRenameTable), a delete
  // the name it was deleted by (fcreate.cxx ErrIsamDeleteTable); any other name of a deleted
  // table goes at the cleanup of its delete (fcb.cxx, CATHashIDelete at the purge).
  std::map<std::u16string, TablePtr> catalogHash;
  // Deleted tables other sessions may still find (Table::uncommittedDeleter).
  std::vector<TablePtr> deletedTables;
  // MSysLocales deleted (system_tables.h); ESE makes it again at the next attach that may write.
  bool localesTableDeleted = false;
  // Sessions that have it open, with their open counts, and the exclusive opener if any.
  std::map<Session *, int> openers;
  Session *exclusive = nullptr;
  // Open transactions that have changed it (records, locks, escrow deltas or schema): their
  // versions are what ESE's detach cannot clean up (SessionState::changedDatabases).
  std::atomic<int> changingTransactions{0};
  // The newest commit time of the versions ended transactions made here that the version
  // store's cleanup has not cleaned yet (0: none), a rolled-back transaction's counting as
  // 1. They keep ESE's version buckets in use (JetIdle with JET_bitIdleWaitForAsyncActivity).
  std::atomic<std::uint64_t> uncleanedVersionsAt{0};

  // Storage (storage.h). Under `lock`: how many committed changes there have been, the log
  // positions of commits logged but not yet visible, the first schema record of each open
  // transaction that changed the schema, and the schema as last logged (by objid).
  std::uint64_t changes = 0;
  std::multiset<std::uint64_t> inflightCommits;
  std::map<std::uint64_t, std::uint64_t> openSchemaTransactions;
  std::map<std::uint32_t, Bytes> loggedSchema;
  // Columns whose delete committed while a transaction that began before it was still open:
  // they leave their tables at a later commit, once no such transaction is left.
  struct RetiringColumn {
    TablePtr table;
    jet::Columnid id;
  };
  std::vector<RetiringColumn> retiringColumns;
  std::uint32_t logId = 0;  // in the instance's log; 0 when nothing is logged for it
  // Under `imageLock`: the file, locked against other processes, and what its image holds.
  std::mutex imageLock;
  std::unique_ptr<storage::File> file;
  std::uint64_t imageChanges = 0;
  std::uint64_t imageLsn = 0;
  std::atomic<std::uint64_t> imageSize{0};  // read without the lock: checkpoint pacing
  std::uint64_t payloadSize = 0;
  std::uint64_t payloadChecksum = 0;
};
using DatabasePtr = std::shared_ptr<Database>;

// The bookmark of record `id` of a table without a primary index: the id, big-endian.
inline Bytes RecordIdBookmark(std::uint32_t id) {
  Bytes b(4, '\0');
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((id >> (8 * (3 - i))) & 0xFF);
  return b;
}

// One past the number ESE reads from the last node of a table's tree, whatever the node's
// state (flagged deleted, or another session's uncommitted insert): the first four bytes of
// its key, big-endian (recupd.cxx ErrRECIInitDbkMost, daedef.hxx LongFromKey). The node is
// normally the last record's, but it may be one a rolled-back primary index left, keyed by
// that index. A key shorter than four bytes is read as if padded with zeros (ESE reads past
// it, into its stack); 0xFFFFFFFF, which would wrap to 0, stays as it is. 1 for an empty tree.
inline std::uint32_t DbkAfterLastNode(const Table &table) {
  if (table.records.begin() == table.records.end()) return 1;
  const Bytes &key = table.records.rbegin()->first;
  std::uint32_t last = 0;
  for (std::size_t i = 0; i < 4; ++i) last = (last << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
  return last == 0xFFFFFFFFu ? last : last + 1;
}

// ASCII case folding for object names: ESE compares table, column and index names without
// regard to ASCII case.
std::u16string FoldName(const std::u16string &name);

}  // namespace data
}  // namespace emu
