// Index definitions and building: JetCreateIndex2W, JetDeleteIndexW, and the indexes of
// JetCreateTableColumnIndex3W.
#include <algorithm>
#include <mutex>
#include <set>

#include "../utf16.h"
#include "api.h"
#include "catalog.h"
#include "cursor.h"
#include "databases.h"
#include "key_normalize.h"
#include "session_state.h"
#include "versions.h"

namespace emu {
namespace data {

bool IndexNameTaken(const Table &table, const std::u16string &name) {
  const std::u16string folded = FoldName(name);
  for (const Index &existing : table.indexes) {
    if (FoldName(existing.name) == folded) return true;
  }
  return false;
}

jet::Err MakeIndex(const Table &table, const IndexSpec &spec, Index *out, bool checkName) {
  std::u16string name;
  if (!ValidName(spec.name, &name)) return jet::err::InvalidName;
  if (checkName && IndexNameTaken(table, name)) return jet::err::IndexDuplicate;
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

namespace {

// JetCreateIndex2W and JetCreateIndex4W: the same fields in JET_INDEXCREATE_W and
// JET_INDEXCREATE2_W (whose space hints have no effect here).
template <typename IndexCreate>
jet::Err CreateEach(Session &s, jet::Tableid tableid, IndexCreate *indexes, jet::ULong count) {
  Cursor *cursor = nullptr;
  jet::Err err = LockedTableCursor(s, tableid, &cursor);
  if (err < jet::err::Success) return err;
  if (indexes == nullptr && count > 0) return jet::err::InvalidParameter;
  const DatabasePtr db = cursor->db;
  const TablePtr table = cursor->table;
  {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    for (jet::ULong i = 0; i < count; ++i) {
      IndexCreate &ic = indexes[i];
      if (ic.cbStruct != sizeof(IndexCreate)) return ic.err = jet::err::InvalidParameter;
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
        ++db->changes;
      });
    }
  }
  return jet::err::Success;
}

}  // namespace

jet::Err CreateIndexes(Session &s, jet::Tableid tableid, jet::IndexCreateW *indexes, jet::ULong count) {
  return CreateEach(s, tableid, indexes, count);
}

jet::Err CreateIndexes2(Session &s, jet::Tableid tableid, jet::IndexCreate2W *indexes, jet::ULong count) {
  return CreateEach(s, tableid, indexes, count);
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
      ++db->changes;
    });
  }
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
