// Databases, schema, versions and the transaction hooks of the data layer.
#include "data_engine.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "data_hooks.h"
#include "data_internal.h"
#include "database_file.h"
#include "instance.h"
#include "session.h"
#include "utf16.h"

namespace emu {
namespace data {
namespace {

// Attachment bookkeeping: which files are attached, by which instance, under which dbid.
// ESE's dbids are process-wide (an index into its file table), so are these.
std::mutex g_attachMutex;
std::vector<DatabasePtr> g_databases(1);  // by dbid; 0 is never handed out

// Per-session state. A leaf lock: nothing else is taken while holding it.
std::mutex g_stateMutex;
std::unordered_map<Session *, std::unique_ptr<SessionState>> g_states;

// Snapshots of open transactions per instance: versions they may still read are kept. A
// leaf lock.
std::mutex g_snapshotMutex;
std::unordered_map<Instance *, std::multiset<std::uint64_t>> g_snapshots;

// ESE's defaults for LCMapString flags and locale of a Unicode index.
constexpr jet::ULong kDefaultMapFlags = 0x00030401;
constexpr jet::ULong kDefaultLcid = 0x0409;
constexpr jet::ULong kDefaultDensity = 80;

void Unregister(Session &s, SessionState &state) {
  if (!state.snapshotRegistered) return;
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  auto found = g_snapshots.find(s.GetInstance());
  if (found != g_snapshots.end()) {
    auto it = found->second.find(state.snapshot);
    if (it != found->second.end()) found->second.erase(it);
    if (found->second.empty()) g_snapshots.erase(found);
  }
  state.snapshotRegistered = false;
}

// The oldest commit time an open transaction of `instance` may still read as of.
std::uint64_t Horizon(Instance *instance) {
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  auto found = g_snapshots.find(instance);
  if (found == g_snapshots.end() || found->second.empty()) return std::numeric_limits<std::uint64_t>::max();
  return *found->second.begin();
}

std::vector<Bytes> KeysOf(const Table &table, const Index &index, const RowPtr &row) {
  if (!row) return {};
  bool refused = false;
  return keys::RowKeys(table, index, *row, &refused);
}

// Drops the committed versions no open transaction can read any more; removes the record
// when all that is left says it was deleted.
void Prune(Table &table, std::map<Bytes, Record>::iterator it, std::uint64_t horizon) {
  Record &record = it->second;
  std::size_t keepFrom = 0;
  for (std::size_t i = 0; i < record.committed.size(); ++i) {
    if (record.committed[i].commitTime <= horizon) keepFrom = i;
  }
  std::vector<RowPtr> dropped;
  for (std::size_t i = 0; i < keepFrom; ++i) dropped.push_back(record.committed[i].row);
  record.committed.erase(record.committed.begin(), record.committed.begin() + keepFrom);
  if (!record.hasPending && record.committed.size() == 1 && !record.committed[0].row &&
      record.committed[0].commitTime <= horizon) {
    dropped.push_back(nullptr);
    record.committed.clear();
  }
  const Bytes bookmark = it->first;
  if (record.committed.empty() && !record.hasPending) table.records.erase(it);
  if (!dropped.empty()) DropStaleIndexEntries(table, bookmark, dropped);
}

std::u16string Trimmed(const std::u16string &name) {
  std::u16string result = name;
  while (!result.empty() && result.back() == u' ') result.pop_back();
  return result;
}

bool ValidColtyp(jet::Coltyp t) { return t >= jet::coltyp::Bit && t <= jet::coltyp::UnsignedLongLong && t != 13; }

// Builds a column from its definition, with ESE's rules on types, placement and flags.
jet::Err MakeColumn(const Table &table, const jet::WChar *szName, jet::Coltyp coltyp, jet::ULong cbMax,
                    jet::Grbit grbit, jet::ULong cp, const void *pvDefault, jet::ULong cbDefault, Column *out,
                    bool *maxTruncated) {
  *maxTruncated = false;
  std::u16string name;
  if (!ValidName(szName, &name)) return jet::err::InvalidName;
  if (!ValidColtyp(coltyp)) return jet::err::InvalidColumnType;
  if (FindColumnByName(table, name) != nullptr) return jet::err::ColumnDuplicate;
  const bool isLong = coltyp == jet::coltyp::LongText || coltyp == jet::coltyp::LongBinary;
  const bool tagged = (grbit & jet::bit::ColumnTagged) != 0 || isLong;
  const std::size_t fixedSize = keys::FixedSize(coltyp);
  if ((grbit & jet::bit::ColumnFixed) && tagged) return jet::err::InvalidGrbit;
  if ((grbit & jet::bit::ColumnMultiValued) && !tagged) return jet::err::MultiValuedColumnMustBeTagged;
  if ((grbit & jet::bit::ColumnNotNULL) && tagged) return jet::err::TaggedNotNULL;
  if (grbit & jet::bit::ColumnAutoincrement) {
    if (coltyp != jet::coltyp::Long && coltyp != jet::coltyp::Currency && coltyp != jet::coltyp::LongLong) {
      return jet::err::InvalidGrbit;
    }
    if (grbit & (jet::bit::ColumnEscrowUpdate | jet::bit::ColumnVersion)) return jet::err::InvalidGrbit;
    if (tagged) return jet::err::CannotBeTagged;
    for (const Column &c : table.columns) {
      if (c.Autoincrement()) return jet::err::ColumnRedundant;
    }
  }
  if (grbit & jet::bit::ColumnVersion) {
    if (coltyp != jet::coltyp::Long) return jet::err::InvalidGrbit;
    if (tagged) return jet::err::CannotBeTagged;
    for (const Column &c : table.columns) {
      if (c.grbit & jet::bit::ColumnVersion) return jet::err::ColumnRedundant;
    }
  }
  if (grbit & jet::bit::ColumnEscrowUpdate) {
    if (coltyp != jet::coltyp::Long && coltyp != jet::coltyp::LongLong) return jet::err::InvalidGrbit;
    if (tagged) return jet::err::CannotBeTagged;
    if (cbDefault == 0 || pvDefault == nullptr) return jet::err::InvalidGrbit;
  }
  if ((grbit & jet::bit::ColumnDeleteOnZero) && !(grbit & jet::bit::ColumnEscrowUpdate)) return jet::err::InvalidGrbit;
  if (cbDefault > 0 && pvDefault == nullptr) return jet::err::InvalidParameter;

  Column c;
  c.name = name;
  c.type = coltyp;
  c.grbit = grbit;
  if (coltyp == jet::coltyp::Text || coltyp == jet::coltyp::LongText) {
    if (cp == 0) cp = jet::cp::ASCII;
    if (cp != jet::cp::ASCII && cp != jet::cp::Unicode) return jet::err::InvalidCodePage;
    c.cp = static_cast<std::uint16_t>(cp);
  }
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
  if (cbDefault > 0) {
    if (fixedSize != 0 && cbDefault != fixedSize) return jet::err::InvalidParameter;
    const std::size_t most = isLong ? kLVDefaultMost : c.cbMax;
    c.hasDefault = true;
    c.defaultValue.assign(static_cast<const char *>(pvDefault), std::min<std::size_t>(cbDefault, most));
  }

  const bool fixed = !tagged && (fixedSize != 0 || (grbit & jet::bit::ColumnFixed) ||
                                 (grbit & (jet::bit::ColumnAutoincrement | jet::bit::ColumnEscrowUpdate |
                                           jet::bit::ColumnVersion)));
  if (tagged) {
    if (table.nextTagged > kLastTagged) return jet::err::TooManyColumns;
    c.id = table.nextTagged;
    c.grbit = (c.grbit & ~jet::bit::ColumnFixed) | jet::bit::ColumnTagged;
  } else if (fixed) {
    if (table.nextFixed > kLastFixed) return jet::err::TooManyColumns;
    c.id = table.nextFixed;
    c.grbit |= jet::bit::ColumnFixed;
  } else {
    if (table.nextVar > kLastVar) return jet::err::TooManyColumns;
    c.id = table.nextVar;
  }
  *out = std::move(c);
  return jet::err::Success;
}

void AddColumnToTable(Table &table, const Column &c) {
  table.columns.push_back(c);
  if (c.Tagged()) {
    table.nextTagged = c.id + 1;
  } else if (c.Fixed()) {
    table.nextFixed = c.id + 1;
  } else {
    table.nextVar = c.id + 1;
  }
}

struct IndexSpec {
  const jet::WChar *name;
  const jet::WChar *key;
  jet::ULong cbKey;
  jet::Grbit grbit;
  jet::ULong density;
  jet::ULong lcid;
  const jet::UnicodeIndex *unicode;
  jet::ULong cbVarSegMac;
  jet::ULong cConditional;
  jet::ULong cbKeyMost;
};

jet::Err MakeIndex(const Table &table, const IndexSpec &spec, Index *out) {
  std::u16string name;
  if (!ValidName(spec.name, &name)) return jet::err::InvalidName;
  const std::u16string folded = FoldName(name);
  for (const Index &existing : table.indexes) {
    if (FoldName(existing.name) == folded) return jet::err::IndexDuplicate;
  }
  if ((spec.grbit & jet::bit::IndexPrimary) && table.Primary() != nullptr) return jet::err::IndexHasPrimary;
  if (spec.grbit & (jet::bit::IndexTuples | jet::bit::IndexCrossProduct)) return jet::err::InvalidParameter;
  if (spec.cConditional != 0) return jet::err::InvalidParameter;
  if (spec.key == nullptr || spec.cbKey < 2 * sizeof(jet::WChar)) return jet::err::InvalidParameter;

  Index index;
  index.name = name;
  index.grbit = spec.grbit;
  const std::size_t chars = spec.cbKey / sizeof(jet::WChar);
  std::size_t at = 0;
  while (at < chars && spec.key[at] != 0) {
    std::u16string part;
    while (at < chars && spec.key[at] != 0) part.push_back(static_cast<char16_t>(spec.key[at++]));
    ++at;
    IndexSegment segment;
    if (!part.empty() && (part[0] == u'+' || part[0] == u'-')) {
      segment.descending = part[0] == u'-';
      part.erase(0, 1);
    }
    const Column *column = FindColumnByName(table, Trimmed(part));
    if (column == nullptr) return jet::err::ColumnNotFound;
    segment.column = column->id;
    index.segments.push_back(segment);
    if (index.segments.size() > jet::ccolKeyMost) return jet::err::TooManyKeys;
  }
  if (index.segments.empty()) return jet::err::IndexInvalidDef;
  if (spec.density != 0 && (spec.density < 20 || spec.density > 100)) return jet::err::DensityInvalid;
  index.density = spec.density == 0 ? kDefaultDensity : spec.density;
  index.lcid = kDefaultLcid;
  index.mapFlags = kDefaultMapFlags;
  if (spec.grbit & jet::bit::IndexUnicode) {
    if (spec.unicode == nullptr) return jet::err::IndexInvalidDef;
    index.lcid = spec.unicode->lcid;
    index.mapFlags = spec.unicode->dwMapFlags;
  } else if (spec.lcid != 0) {
    index.lcid = spec.lcid;
  }
  index.cbVarSegMac = spec.cbVarSegMac;
  index.cbKeyMost = jet::cbKeyMostMin;
  if (spec.grbit & jet::bit::IndexKeyMost) {
    if (spec.cbKeyMost < jet::cbKeyMostMin || spec.cbKeyMost > 2000) return jet::err::IndexInvalidDef;
    index.cbKeyMost = spec.cbKeyMost;
  }
  *out = std::move(index);
  return jet::err::Success;
}

// Adds a built index to a table: fills a secondary index from the records, refusing
// duplicates in a unique one. A primary index needs an empty table.
jet::Err InstallIndex(Table &table, Index index) {
  if (index.Primary()) {
    for (const auto &record : table.records) {
      if (LatestRow(record.second) || record.second.committed.size() > 0) return jet::err::TableNotEmpty;
    }
    table.indexes.push_back(std::move(index));
    return jet::err::Success;
  }
  std::set<Bytes> latestKeys;
  for (const auto &record : table.records) {
    for (const Bytes &key : KeysOf(table, index, LatestRow(record.second))) {
      if (index.Unique() && !latestKeys.insert(key).second) return jet::err::KeyDuplicate;
    }
    std::vector<RowPtr> rows;
    for (const Version &v : record.second.committed) rows.push_back(v.row);
    if (record.second.hasPending) rows.push_back(record.second.pending);
    for (const RowPtr &row : rows) {
      for (Bytes &key : KeysOf(table, index, row)) index.entries.emplace(std::move(key), record.first);
    }
  }
  table.indexes.push_back(std::move(index));
  return jet::err::Success;
}

// The JET_COLUMNCREATE_W and JET_INDEXCREATE2_W arrays of JetCreateTableColumnIndex3W.
jet::Err FillTable(Table &table, jet::TableCreate3W *create, jet::ULong *created) {
  for (jet::ULong i = 0; i < create->cColumns; ++i) {
    jet::ColumnCreateW &cc = create->rgcolumncreate[i];
    if (cc.cbStruct != sizeof(jet::ColumnCreateW)) {
      cc.err = jet::err::InvalidParameter;
      return cc.err;
    }
    Column column;
    bool truncated = false;
    cc.err = MakeColumn(table, cc.szColumnName, cc.coltyp, cc.cbMax, cc.grbit, cc.cp, cc.pvDefault, cc.cbDefault,
                        &column, &truncated);
    if (cc.err < jet::err::Success) return cc.err;
    if (truncated) cc.err = jet::wrn::ColumnMaxTruncated;
    AddColumnToTable(table, column);
    cc.columnid = column.id;
    ++*created;
  }
  for (jet::ULong i = 0; i < create->cIndexes; ++i) {
    jet::IndexCreate2W &ic = create->rgindexcreate[i];
    if (ic.cbStruct != sizeof(jet::IndexCreate2W)) {
      ic.err = jet::err::InvalidParameter;
      return ic.err;
    }
    IndexSpec spec{ic.szIndexName, ic.szKey, ic.cbKey, ic.grbit, ic.ulDensity,
                   (ic.grbit & jet::bit::IndexUnicode) ? 0 : ic.lcid,
                   (ic.grbit & jet::bit::IndexUnicode) ? ic.pidxunicode : nullptr,
                   (ic.grbit & jet::bit::IndexTupleLimits) ? 0 : ic.cbVarSegMac, ic.cConditionalColumn, ic.cbKeyMost};
    Index index;
    ic.err = MakeIndex(table, spec, &index);
    if (ic.err >= jet::err::Success) ic.err = InstallIndex(table, std::move(index));
    if (ic.err < jet::err::Success) return ic.err;
    ++*created;
  }
  return jet::err::Success;
}

jet::Err OpenCursor(Session &s, const DatabasePtr &db, const TablePtr &table, jet::Grbit grbit,
                    jet::Tableid *ptableid) {
  HandleRegistry<Cursor> &registry = Cursors();
  Cursor *cursor = registry.Reserve();
  if (cursor == nullptr) return jet::err::OutOfCursors;
  cursor->ResetForOpen();
  cursor->owner.store(&s, std::memory_order_relaxed);
  cursor->db = db;
  cursor->table = table;
  cursor->openGrbit = grbit;
  ++table->openCursors;
  StateOf(s).cursors.push_back(cursor);
  *ptableid = registry.Publish(cursor);
  return jet::err::Success;
}

jet::Err NewTable(Session &s, const DatabasePtr &db, const jet::WChar *szName, jet::ULong pages, jet::ULong density,
                  TablePtr *out) {
  std::u16string name;
  if (!ValidName(szName, &name)) return jet::err::InvalidName;
  if (density != 0 && (density < 20 || density > 100)) return jet::err::DensityInvalid;
  if (db->tables.count(FoldName(name)) != 0) return jet::err::TableDuplicate;
  auto table = std::make_shared<Table>();
  table->name = name;
  table->pages = pages == 0 ? 1 : pages;
  table->density = density == 0 ? kDefaultDensity : density;
  table->objid = db->nextObjid;
  (void)s;
  *out = table;
  return jet::err::Success;
}

// Makes a new table part of the database (and undoable).
void PublishTable(Session &s, const DatabasePtr &db, const TablePtr &table) {
  ++db->nextObjid;
  db->tables[FoldName(table->name)] = table;
  NoteDatabaseChanged(s, db);
  PushUndo(s, [db, table] {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    auto found = db->tables.find(FoldName(table->name));
    if (found != db->tables.end() && found->second == table) db->tables.erase(found);
    table->deleted = true;
    db->dirty = true;
  });
}

jet::Err LockedTableCursor(Session &s, jet::Tableid tableid, Cursor **cursor) {
  jet::Err err = FindCursor(s, tableid, cursor);
  if (err < jet::err::Success) return err;
  return CheckDdl(s, *(*cursor)->db);
}

void WriteULong(void *pv, jet::ULong value) { std::memcpy(pv, &value, sizeof value); }

}  // namespace

// ---- shared state and helpers ------------------------------------------------------------

std::u16string FoldName(const std::u16string &name) {
  std::u16string folded = name;
  for (char16_t &c : folded) {
    if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - u'a' + u'A');
  }
  return folded;
}

HandleRegistry<Cursor> &Cursors() {
  static HandleRegistry<Cursor> *const registry = new HandleRegistry<Cursor>(kCursorHandleKind);
  return *registry;
}

SessionState &StateOf(Session &s) {
  std::lock_guard<std::mutex> lock(g_stateMutex);
  std::unique_ptr<SessionState> &state = g_states[&s];
  if (!state) state = std::make_unique<SessionState>();
  return *state;
}

ReadView ViewOf(Session &s) {
  ReadView view;
  view.session = &s;
  view.inTransaction = s.Transactions().InTransaction();
  view.snapshot = s.Transactions().SnapshotTimestamp();
  return view;
}

bool InTransaction(Session &s) { return s.Transactions().InTransaction(); }

RowPtr VisibleRow(const Record &record, const ReadView &view) {
  if (record.hasPending && record.writer == view.session) return record.pending;
  for (auto it = record.committed.rbegin(); it != record.committed.rend(); ++it) {
    if (!view.inTransaction || it->commitTime <= view.snapshot) return it->row;
  }
  return nullptr;
}

RowPtr LatestRow(const Record &record) {
  if (record.hasPending) return record.pending;
  if (record.committed.empty()) return nullptr;
  return record.committed.back().row;
}

jet::Err CheckWriteConflict(const Record &record, const ReadView &view) {
  if (record.hasPending && record.writer != view.session) return jet::err::WriteConflict;
  if (view.inTransaction && !record.committed.empty() && record.committed.back().commitTime > view.snapshot) {
    return jet::err::WriteConflict;
  }
  return jet::err::Success;
}

void AddIndexEntries(Table &table, const Bytes &bookmark, const Row &row) {
  for (Index &index : table.indexes) {
    if (index.Primary()) continue;
    bool refused = false;
    for (Bytes &key : keys::RowKeys(table, index, row, &refused)) index.entries.emplace(std::move(key), bookmark);
  }
}

void DropStaleIndexEntries(Table &table, const Bytes &bookmark, const std::vector<RowPtr> &rows) {
  auto found = table.records.find(bookmark);
  for (Index &index : table.indexes) {
    if (index.Primary()) continue;
    std::set<Bytes> candidates;
    for (const RowPtr &row : rows) {
      for (Bytes &key : KeysOf(table, index, row)) candidates.insert(std::move(key));
    }
    if (candidates.empty()) continue;
    if (found != table.records.end()) {
      std::vector<RowPtr> kept;
      for (const Version &v : found->second.committed) kept.push_back(v.row);
      if (found->second.hasPending) kept.push_back(found->second.pending);
      for (const RowPtr &row : kept) {
        for (const Bytes &key : KeysOf(table, index, row)) candidates.erase(key);
      }
    }
    for (const Bytes &key : candidates) index.entries.erase(IndexEntry(key, bookmark));
  }
}

void PushUndo(Session &s, std::function<void()> action) {
  if (s.Transactions().InTransaction()) s.Transactions().Current().undo.push_back(std::move(action));
}

void NoteDatabaseChanged(Session &s, const DatabasePtr &db) {
  db->dirty = true;
  if (!s.Transactions().InTransaction()) return;
  SessionState &state = StateOf(s);
  if (std::find(state.changedDatabases.begin(), state.changedDatabases.end(), db) == state.changedDatabases.end()) {
    state.changedDatabases.push_back(db);
  }
}

void WriteRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark, RowPtr row) {
  Record &record = table->records[bookmark];
  if (row) AddIndexEntries(*table, bookmark, *row);
  if (!s.Transactions().InTransaction()) {
    // Outside a transaction each change commits on its own, at once.
    record.committed.push_back(Version{s.GetInstance()->AdvanceTimestamp(), row});
    db->dirty = true;
    Prune(*table, table->records.find(bookmark), Horizon(s.GetInstance()));
    return;
  }
  const bool hadPending = record.hasPending && record.writer == &s;
  RowPtr previous = hadPending ? record.pending : nullptr;
  record.writer = &s;
  record.hasPending = true;
  record.pending = row;
  SessionState &state = StateOf(s);
  state.touched.push_back(Touched{db, table, bookmark});
  NoteDatabaseChanged(s, db);
  Session *session = &s;
  PushUndo(s, [db, table, bookmark, session, hadPending, previous, row] {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    auto it = table->records.find(bookmark);
    if (it == table->records.end() || it->second.writer != session) return;
    Record &r = it->second;
    if (hadPending) {
      r.pending = previous;
    } else {
      r.hasPending = false;
      r.writer = nullptr;
      r.pending.reset();
    }
    if (!r.hasPending && r.committed.empty()) table->records.erase(it);
    DropStaleIndexEntries(*table, bookmark, {row});
  });
}

void LockRecord(Session &s, const DatabasePtr &db, const TablePtr &table, const Bytes &bookmark) {
  auto it = table->records.find(bookmark);
  if (it == table->records.end()) return;
  if (it->second.hasPending && it->second.writer == &s) return;
  WriteRecord(s, db, table, bookmark, LatestRow(it->second));
}

jet::Err Flush(const DatabasePtr &db) {
  std::lock_guard<std::mutex> flushLock(db->flushLock);
  Bytes image;
  {
    std::shared_lock<std::shared_mutex> lock(db->lock);
    if (!db->dirty || db->readOnly) return jet::err::Success;
    image = file::Serialize(*db);
  }
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    db->dirty = false;
  }
  const jet::Err err = file::Write(db->path, image);
  if (err < jet::err::Success) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    db->dirty = true;
  }
  return err;
}

jet::Err FindOpenDatabase(Session &s, jet::Dbid dbid, DatabasePtr *db) {
  SessionState &state = StateOf(s);
  if (state.openDatabases.count(dbid) == 0) return jet::err::InvalidDatabaseId;
  std::lock_guard<std::mutex> lock(g_attachMutex);
  if (dbid >= g_databases.size() || !g_databases[dbid]) return jet::err::InvalidDatabaseId;
  *db = g_databases[dbid];
  return jet::err::Success;
}

jet::Err FindCursor(Session &s, jet::Tableid tableid, Cursor **cursor) {
  if (tableid == 0 || tableid == jet::tableidNil) return jet::err::InvalidTableId;
  Cursor *found = Cursors().Find(tableid);
  if (found == nullptr || found->owner.load(std::memory_order_acquire) != &s) return jet::err::InvalidTableId;
  // A session's cursor can only be retired by a call on that session, so it stays ours.
  *cursor = found;
  return jet::err::Success;
}

jet::Err CheckUpdatable(Session &s, const Cursor &cursor) {
  const jet::Err err = s.Transactions().CheckUpdatable();
  if (err < jet::err::Success) return err;
  if (cursor.db->readOnly || (cursor.openGrbit & jet::bit::TableReadOnly)) return jet::err::PermissionDenied;
  return jet::err::Success;
}

jet::Err CheckDdl(Session &s, const Database &db) {
  const jet::Err err = s.Transactions().CheckUpdatable();
  if (err < jet::err::Success) return err;
  if (db.readOnly) return jet::err::PermissionDenied;
  return jet::err::Success;
}

bool ValidName(const jet::WChar *name, std::u16string *out) {
  if (name == nullptr) return false;
  std::u16string text = Trimmed(FromJetString(name));
  if (text.empty() || text.size() > kNameMost || text[0] == u' ') return false;
  for (char16_t c : text) {
    if (c < 0x20 || c > 0x7F || c == u'!' || c == u'.' || c == u'[' || c == u']') return false;
  }
  *out = text;
  return true;
}

const Index *CurrentIndex(const Cursor &cursor) {
  if (cursor.indexName.empty()) return cursor.table->Primary();
  return FindIndex(*cursor.table, cursor.indexName);
}

Index *FindIndex(Table &table, const std::u16string &folded) {
  for (Index &index : table.indexes) {
    if (FoldName(index.name) == folded) return &index;
  }
  return nullptr;
}

const Column *FindColumnByName(const Table &table, const std::u16string &name) {
  const std::u16string folded = FoldName(Trimmed(name));
  for (const Column &c : table.columns) {
    if (FoldName(c.name) == folded) return &c;
  }
  return nullptr;
}

jet::Err CheckColumnId(const Table &table, jet::Columnid id, const Column **column) {
  if (id < kFirstFixed || id > kLastTagged) return jet::err::BadColumnId;
  *column = table.FindColumn(id);
  return *column == nullptr ? jet::err::ColumnNotFound : jet::err::Success;
}

void CancelUpdate(Cursor &cursor) {
  cursor.prepared = Prepared::kNone;
  cursor.copy.reset();
  cursor.replaceBookmark.clear();
}

void CloseCursor(SessionState &state, Cursor *cursor) {
  {
    std::unique_lock<std::shared_mutex> lock(cursor->db->lock);
    --cursor->table->openCursors;
  }
  state.cursors.erase(std::remove(state.cursors.begin(), state.cursors.end(), cursor), state.cursors.end());
  cursor->owner.store(nullptr, std::memory_order_release);
  Cursors().Retire(cursor, 0);
  cursor->ResetForOpen();
}

// ---- hooks ---------------------------------------------------------------------------------

void OnBeginOutermost(Session &s) {
  SessionState &state = StateOf(s);
  Unregister(s, state);
  // Runs before the core reads the clock for the snapshot, and reads it under the lock that
  // commits read the horizon under: either a commit sees this registration, or the snapshot
  // is at least that commit's time and needs none of the versions it drops.
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  state.snapshot = s.GetInstance()->CurrentTimestamp();
  state.snapshotRegistered = true;
  g_snapshots[s.GetInstance()].insert(state.snapshot);
}

void OnCommitOutermost(Session &s, jet::Grbit grbit) {
  SessionState &state = StateOf(s);
  std::vector<DatabasePtr> databases = state.changedDatabases;
  std::sort(databases.begin(), databases.end(),
            [](const DatabasePtr &a, const DatabasePtr &b) { return a->dbid < b->dbid; });
  {
    // Every database the transaction changed is locked while the clock advances and the
    // versions are stamped, so a transaction that begins after the new commit time cannot
    // read any of them before they carry it.
    std::vector<std::unique_lock<std::shared_mutex>> locks;
    for (const DatabasePtr &db : databases) locks.emplace_back(db->lock);
    Unregister(s, state);
    if (!state.touched.empty()) {
      const std::uint64_t commitTime = s.GetInstance()->AdvanceTimestamp();
      const std::uint64_t horizon = Horizon(s.GetInstance());
      for (const Touched &t : state.touched) {
        auto it = t.table->records.find(t.bookmark);
        if (it == t.table->records.end()) continue;
        Record &record = it->second;
        if (record.hasPending && record.writer == &s) {
          record.committed.push_back(Version{commitTime, record.pending});
          record.hasPending = false;
          record.writer = nullptr;
          record.pending.reset();
        }
        Prune(*t.table, it, horizon);
      }
    }
    for (const DatabasePtr &db : databases) db->dirty = true;
  }
  state.touched.clear();
  state.changedDatabases.clear();
  if ((grbit & jet::bit::CommitLazyFlush) == 0) {
    for (const DatabasePtr &db : databases) Flush(db);
  }
}

void OnRolledBackOutermost(Session &s) {
  SessionState &state = StateOf(s);
  Unregister(s, state);
  state.touched.clear();
  state.changedDatabases.clear();
  for (Cursor *cursor : state.cursors) {
    if (cursor->preparedLevel > 0) CancelUpdate(*cursor);
  }
}

void OnSessionEnd(Session &s) {
  std::unique_ptr<SessionState> state;
  {
    std::lock_guard<std::mutex> lock(g_stateMutex);
    auto found = g_states.find(&s);
    if (found == g_states.end()) return;
    state = std::move(found->second);
    g_states.erase(found);
  }
  Unregister(s, *state);
  while (!state->cursors.empty()) CloseCursor(*state, state->cursors.back());
  std::lock_guard<std::mutex> lock(g_attachMutex);
  for (const auto &open : state->openDatabases) {
    if (open.first >= g_databases.size() || !g_databases[open.first]) continue;
    Database &db = *g_databases[open.first];
    db.openers.erase(&s);
    if (db.exclusive == &s) db.exclusive = nullptr;
  }
}

void OnInstanceTerm(Instance &instance) {
  std::vector<DatabasePtr> detached;
  {
    std::lock_guard<std::mutex> lock(g_attachMutex);
    for (DatabasePtr &db : g_databases) {
      if (db && db->instance == &instance) {
        detached.push_back(db);
        db.reset();
      }
    }
  }
  for (const DatabasePtr &db : detached) {
    Flush(db);
    std::unique_lock<std::shared_mutex> lock(db->lock);
    db->attached = false;
  }
  std::lock_guard<std::mutex> lock(g_snapshotMutex);
  g_snapshots.erase(&instance);
}

// ---- databases -----------------------------------------------------------------------------

namespace {

DatabasePtr FindAttached(const std::u16string &identity, Instance **owner) {
  for (const DatabasePtr &db : g_databases) {
    if (db && db->identity == identity) {
      *owner = db->instance;
      return db;
    }
  }
  return nullptr;
}

jet::Dbid FreeDbid() {
  for (std::size_t i = 1; i < g_databases.size(); ++i) {
    if (!g_databases[i]) return static_cast<jet::Dbid>(i);
  }
  g_databases.emplace_back();
  return static_cast<jet::Dbid>(g_databases.size() - 1);
}

jet::Err OpenForSession(Session &s, Database &db, jet::Grbit grbit) {
  if (db.exclusive != nullptr && db.exclusive != &s) return jet::err::DatabaseLocked;
  if (grbit & jet::bit::DbExclusive) {
    for (const auto &opener : db.openers) {
      if (opener.first != &s) return jet::err::DatabaseInUse;
    }
    db.exclusive = &s;
  }
  ++db.openers[&s];
  ++StateOf(s).openDatabases[db.dbid];
  return jet::err::Success;
}

}  // namespace

jet::Err CreateDatabase(Session &s, const jet::WChar *szFilename, jet::Dbid *pdbid, jet::Grbit grbit) {
  if (szFilename == nullptr || szFilename[0] == 0) return jet::err::DatabaseInvalidName;
  if (pdbid == nullptr) return jet::err::InvalidParameter;
  const std::u16string path = FromJetString(szFilename);
  const std::u16string identity = file::AbsolutePath(path);
  std::lock_guard<std::mutex> lock(g_attachMutex);
  Instance *owner = nullptr;
  if (FindAttached(identity, &owner)) {
    return owner == s.GetInstance() ? jet::err::DatabaseDuplicate : jet::err::DatabaseSharingViolation;
  }
  if (file::Exists(path) && (grbit & jet::bit::DbOverwriteExisting) == 0) return jet::err::DatabaseDuplicate;
  auto db = std::make_shared<Database>();
  db->path = path;
  db->identity = identity;
  db->instance = s.GetInstance();
  db->dirty = true;
  const jet::Err err = file::Write(path, file::Serialize(*db));
  if (err < jet::err::Success) return err;
  db->dirty = false;
  db->dbid = FreeDbid();
  g_databases[db->dbid] = db;
  OpenForSession(s, *db, grbit & jet::bit::DbExclusive);
  *pdbid = db->dbid;
  return jet::err::Success;
}

jet::Err AttachDatabase(Session &s, const jet::WChar *szFilename, jet::Grbit grbit) {
  if (szFilename == nullptr || szFilename[0] == 0) return jet::err::DatabaseInvalidName;
  const std::u16string path = FromJetString(szFilename);
  const std::u16string identity = file::AbsolutePath(path);
  std::lock_guard<std::mutex> lock(g_attachMutex);
  Instance *owner = nullptr;
  if (FindAttached(identity, &owner)) {
    return owner == s.GetInstance() ? jet::wrn::DatabaseAttached : jet::err::DatabaseSharingViolation;
  }
  Bytes image;
  jet::Err err = file::Read(path, &image);
  if (err < jet::err::Success) return err;
  auto db = std::make_shared<Database>();
  db->path = path;
  db->identity = identity;
  db->instance = s.GetInstance();
  db->readOnly = (grbit & jet::bit::DbReadOnly) != 0;
  err = file::Deserialize(image, db.get(), 0);
  if (err < jet::err::Success) return err;
  db->dbid = FreeDbid();
  g_databases[db->dbid] = db;
  return jet::err::Success;
}

jet::Err OpenDatabase(Session &s, const jet::WChar *szFilename, jet::Dbid *pdbid, jet::Grbit grbit) {
  if (szFilename == nullptr || szFilename[0] == 0) return jet::err::DatabaseInvalidName;
  if (pdbid == nullptr) return jet::err::InvalidParameter;
  const std::u16string identity = file::AbsolutePath(FromJetString(szFilename));
  std::lock_guard<std::mutex> lock(g_attachMutex);
  Instance *owner = nullptr;
  DatabasePtr db = FindAttached(identity, &owner);
  if (!db || owner != s.GetInstance()) return jet::err::DatabaseNotFound;
  if ((grbit & jet::bit::DbReadOnly) == 0 && db->readOnly) {
    // ESE opens a read-only attachment read-only whatever the caller asks.
  }
  const jet::Err err = OpenForSession(s, *db, grbit);
  if (err < jet::err::Success) return err;
  *pdbid = db->dbid;
  return jet::err::Success;
}

jet::Err CloseDatabase(Session &s, jet::Dbid dbid, jet::Grbit) {
  SessionState &state = StateOf(s);
  auto open = state.openDatabases.find(dbid);
  if (open == state.openDatabases.end()) return jet::err::InvalidDatabaseId;
  std::lock_guard<std::mutex> lock(g_attachMutex);
  if (dbid < g_databases.size() && g_databases[dbid]) {
    Database &db = *g_databases[dbid];
    auto opener = db.openers.find(&s);
    if (opener != db.openers.end() && --opener->second == 0) {
      db.openers.erase(opener);
      if (db.exclusive == &s) db.exclusive = nullptr;
    }
  }
  if (--open->second == 0) state.openDatabases.erase(open);
  return jet::err::Success;
}

jet::Err DetachDatabase(Session &s, const jet::WChar *szFilename, jet::Grbit) {
  std::vector<DatabasePtr> detached;
  {
    std::lock_guard<std::mutex> lock(g_attachMutex);
    const bool all = szFilename == nullptr || szFilename[0] == 0;
    const std::u16string identity = all ? std::u16string() : file::AbsolutePath(FromJetString(szFilename));
    for (const DatabasePtr &db : g_databases) {
      if (!db || db->instance != s.GetInstance() || (!all && db->identity != identity)) continue;
      if (!db->openers.empty()) return jet::err::DatabaseInUse;
      detached.push_back(db);
    }
    if (detached.empty()) return all ? jet::err::Success : jet::err::DatabaseNotFound;
    for (const DatabasePtr &db : detached) g_databases[db->dbid].reset();
  }
  jet::Err result = jet::err::Success;
  for (const DatabasePtr &db : detached) {
    const jet::Err err = Flush(db);
    if (err < jet::err::Success && result == jet::err::Success) result = err;
    std::unique_lock<std::shared_mutex> lock(db->lock);
    db->attached = false;
  }
  return result;
}

// ---- schema --------------------------------------------------------------------------------

jet::Err CreateTableColumnIndex(Session &s, jet::Dbid dbid, jet::TableCreate3W *create) {
  if (create == nullptr || create->cbStruct != sizeof(jet::TableCreate3W)) return jet::err::InvalidParameter;
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if ((err = CheckDdl(s, *db)) < jet::err::Success) return err;
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
  if ((err = NewTable(s, db, create->szTableName, create->ulPages, create->ulDensity, &table)) < jet::err::Success) {
    return err;
  }
  jet::ULong created = 1;
  err = FillTable(*table, create, &created);
  if (err < jet::err::Success) return err;
  PublishTable(s, db, table);
  create->cCreated = created;
  err = OpenCursor(s, db, table, 0, &create->tableid);
  lock.unlock();
  if (!InTransaction(s)) Flush(db);
  return err;
}

jet::Err CreateTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::ULong pages, jet::ULong density,
                     jet::Tableid *ptableid) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if ((err = CheckDdl(s, *db)) < jet::err::Success) return err;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::unique_lock<std::shared_mutex> lock(db->lock);
  TablePtr table;
  if ((err = NewTable(s, db, name, pages, density, &table)) < jet::err::Success) return err;
  PublishTable(s, db, table);
  err = OpenCursor(s, db, table, 0, ptableid);
  lock.unlock();
  if (!InTransaction(s)) Flush(db);
  return err;
}

jet::Err DeleteTable(Session &s, jet::Dbid dbid, const jet::WChar *name) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if ((err = CheckDdl(s, *db)) < jet::err::Success) return err;
  std::u16string text;
  if (!ValidName(name, &text)) return jet::err::InvalidName;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    auto found = db->tables.find(FoldName(text));
    if (found == db->tables.end()) return jet::err::ObjectNotFound;
    TablePtr table = found->second;
    if (table->openCursors > 0) return jet::err::TableInUse;
    for (const auto &record : table->records) {
      if (record.second.hasPending && record.second.writer != &s) return jet::err::TableInUse;
    }
    db->tables.erase(found);
    table->deleted = true;
    NoteDatabaseChanged(s, db);
    PushUndo(s, [db, table] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      table->deleted = false;
      db->tables[FoldName(table->name)] = table;
      db->dirty = true;
    });
  }
  if (!InTransaction(s)) Flush(db);
  return jet::err::Success;
}

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
    err = MakeColumn(*table, name, def->coltyp, def->cbMax, def->grbit, def->cp, pvDefault, cbDefault, &column,
                     &truncated);
    if (err < jet::err::Success) return err;
    if (column.Escrow()) {
      for (const auto &record : table->records) {
        if (LatestRow(record.second)) return jet::err::TableNotEmpty;
      }
    }
    AddColumnToTable(*table, column);
    if (pcolumnid != nullptr) *pcolumnid = column.id;
    NoteDatabaseChanged(s, db);
    const jet::Columnid id = column.id;
    PushUndo(s, [db, table, id] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      table->columns.erase(std::remove_if(table->columns.begin(), table->columns.end(),
                                          [id](const Column &c) { return c.id == id; }),
                           table->columns.end());
      db->dirty = true;
    });
  }
  if (!InTransaction(s)) Flush(db);
  return truncated ? jet::wrn::ColumnMaxTruncated : jet::err::Success;
}

jet::Err DeleteColumn(Session &s, jet::Tableid tableid, const jet::WChar *name, jet::Grbit) {
  Cursor *cursor = nullptr;
  jet::Err err = LockedTableCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (name == nullptr) return jet::err::InvalidParameter;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    const Column *column = FindColumnByName(*table, FromJetString(name));
    if (column == nullptr) return jet::err::ColumnNotFound;
    for (const Index &index : table->indexes) {
      for (const IndexSegment &segment : index.segments) {
        if (segment.column == column->id) return jet::err::ColumnInUse;
      }
    }
    const Column removed = *column;
    table->columns.erase(table->columns.begin() + (column - table->columns.data()));
    NoteDatabaseChanged(s, db);
    PushUndo(s, [db, table, removed] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      table->columns.push_back(removed);
      db->dirty = true;
    });
  }
  if (!InTransaction(s)) Flush(db);
  return jet::err::Success;
}

jet::Err CreateIndexes(Session &s, jet::Tableid tableid, jet::IndexCreateW *indexes, jet::ULong count) {
  Cursor *cursor = nullptr;
  jet::Err err = LockedTableCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (indexes == nullptr && count > 0) return jet::err::InvalidParameter;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    for (jet::ULong i = 0; i < count; ++i) {
      jet::IndexCreateW &ic = indexes[i];
      if (ic.cbStruct != sizeof(jet::IndexCreateW)) return ic.err = jet::err::InvalidParameter;
      IndexSpec spec{ic.szIndexName, ic.szKey, ic.cbKey, ic.grbit, ic.ulDensity,
                     (ic.grbit & jet::bit::IndexUnicode) ? 0 : ic.lcid,
                     (ic.grbit & jet::bit::IndexUnicode) ? ic.pidxunicode : nullptr,
                     (ic.grbit & jet::bit::IndexTupleLimits) ? 0 : ic.cbVarSegMac, ic.cConditionalColumn,
                     ic.cbKeyMost};
      Index index;
      ic.err = MakeIndex(*table, spec, &index);
      if (ic.err >= jet::err::Success) ic.err = InstallIndex(*table, std::move(index));
      if (ic.err < jet::err::Success) return ic.err;
      NoteDatabaseChanged(s, db);
      const std::u16string folded = FoldName(table->indexes.back().name);
      PushUndo(s, [db, table, folded] {
        std::unique_lock<std::shared_mutex> undoLock(db->lock);
        table->indexes.erase(std::remove_if(table->indexes.begin(), table->indexes.end(),
                                            [&](const Index &x) { return FoldName(x.name) == folded; }),
                             table->indexes.end());
        db->dirty = true;
      });
    }
  }
  if (!InTransaction(s)) Flush(db);
  return jet::err::Success;
}

jet::Err DeleteIndex(Session &s, jet::Tableid tableid, const jet::WChar *name) {
  Cursor *cursor = nullptr;
  jet::Err err = LockedTableCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (name == nullptr) return jet::err::InvalidParameter;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    const std::u16string folded = FoldName(Trimmed(FromJetString(name)));
    Index *index = FindIndex(*table, folded);
    if (index == nullptr) return jet::err::IndexNotFound;
    if (index->Primary()) return jet::err::IndexMustStay;
    for (Cursor *other : StateOf(s).cursors) {
      if (other->table == table && other->indexName == folded) return jet::err::IndexInUse;
    }
    Index removed = std::move(*index);
    table->indexes.erase(table->indexes.begin() + (index - table->indexes.data()));
    NoteDatabaseChanged(s, db);
    auto saved = std::make_shared<Index>(std::move(removed));
    PushUndo(s, [db, table, saved] {
      std::unique_lock<std::shared_mutex> undoLock(db->lock);
      Index restored = *saved;
      restored.entries.clear();
      InstallIndex(*table, std::move(restored));
      db->dirty = true;
    });
  }
  if (!InTransaction(s)) Flush(db);
  return jet::err::Success;
}

// ---- information ---------------------------------------------------------------------------

namespace {

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

// ---- opening tables ------------------------------------------------------------------------

jet::Err OpenTable(Session &s, jet::Dbid dbid, const jet::WChar *name, jet::Grbit grbit, jet::Tableid *ptableid) {
  DatabasePtr db;
  jet::Err err = FindOpenDatabase(s, dbid, &db);
  if (err < jet::err::Success) return err;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::u16string text;
  if (!ValidName(name, &text)) return jet::err::InvalidName;
  std::unique_lock<std::shared_mutex> lock(db->lock);
  auto found = db->tables.find(FoldName(text));
  if (found == db->tables.end()) return jet::err::ObjectNotFound;
  if (db->readOnly && (grbit & jet::bit::TableUpdatable)) return jet::err::PermissionDenied;
  return OpenCursor(s, db, found->second, grbit, ptableid);
}

jet::Err CloseTable(Session &s, jet::Tableid tableid) {
  Cursor *cursor = nullptr;
  const jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  CloseCursor(StateOf(s), cursor);
  return jet::err::Success;
}

jet::Err DupCursor(Session &s, jet::Tableid tableid, jet::Tableid *ptableid, jet::Grbit) {
  Cursor *cursor = nullptr;
  const jet::Err err = FindCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (ptableid == nullptr) return jet::err::InvalidParameter;
  std::unique_lock<std::shared_mutex> lock(cursor->db->lock);
  return OpenCursor(s, cursor->db, cursor->table, cursor->openGrbit, ptableid);
}

}  // namespace data
}  // namespace emu
