// Keys and seeks: JetMakeKey, JetSeek, JetRetrieveKey.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "api.h"
#include "catalog.h"
#include "navigation.h"

namespace emu {
namespace data {

namespace {

// The bytes of ESE's search key (rec.cxx ErrIsamSeek: the key made, its limit included), which
// a seek that found nothing keeps as the cursor's bookmark (dir.cxx ErrDIRRelease): a limit
// key ends in 0xff, after every key it prefixes, and so does a key `closed` by the seek itself
// (SeekGT on a non-unique index given every segment).
Bytes SearchKeyBytes(const keys::SearchKey &key, bool closed = false) {
  Bytes bytes = key.bytes;
  if (key.limit || closed) bytes.push_back('\xff');
  return bytes;
}

// Copies the key being made into the search key buffer of the cursor of the current index.
void KeepSearchKey(Cursor &c, const Index *index) {
  const Bytes &bytes = c.madeKey.bytes;
  Bytes &buffer = c.SearchKeyBuffer(IsSecondary(index));
  if (buffer.size() < bytes.size()) buffer.resize(bytes.size());
  std::copy(bytes.begin(), bytes.end(), buffer.begin());
  c.SearchKeyLength(IsSecondary(index)) = bytes.size();
}

jet::Err MakeKeyOn(Cursor *c, const Index *index, const void *pv, jet::ULong cb, jet::Grbit grbit);

}  // namespace

// fldnorm.cxx ErrIsamMakeKey, in its order.
jet::Err MakeKey(Session &s, jet::Tableid tableid, const void *pv, jet::ULong cb, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const Index *index = CurrentIndex(*c);
  // A primary index added after the table was created is looked up as the caller sees it: one
  // another session created and has not committed is not there (ErrFILEIAccessIndex).
  if (index != nullptr && index->Primary() && !IndexVisible(s, *index)) return jet::err::NoCurrentIndex;
  // A secondary index's cursor without a search key buffer borrows the table cursor's.
  if (IsSecondary(index) && c->indexKeyBuffer == IndexKeyBuffer::kNone) c->indexKeyBuffer = IndexKeyBuffer::kTable;
  err = MakeKeyOn(c, index, pv, cb, grbit);
  if (err >= jet::err::Success) KeepSearchKey(*c, index);
  // An index range's limit is the search key buffer itself (fucb.cxx ErrFUCBCheckIndexRange
  // compares with dataSearchKey), so a key made since the range was set, or a new key whose
  // first segment was refused (an empty buffer), is the limit from then on (extended
  // generator seed 15128).
  if (c->hasRange) {
    if (err >= jet::err::Success) {
      c->range.key = c->madeKey;
    } else if (c->SearchKeyLength(IsSecondary(index)) == 0) {
      c->range.key = keys::SearchKey();
    }
  }
  return err;
}

namespace {

jet::Err MakeKeyOn(Cursor *c, const Index *index, const void *pv, jet::ULong cb, jet::Grbit grbit) {
  // A table without a primary index (ordered by record id, ESE's sequential index) takes a
  // normalised key only: the record id, as its bookmark holds it.
  if (index == nullptr && !(grbit & jet::bit::NormalizedKey)) return jet::err::NoCurrentIndex;
  if (pv == nullptr && cb != 0) return jet::err::InvalidParameter;

  if (grbit & jet::bit::NormalizedKey) {
    // A key longer than the key size is a limit. How long a key may be is as measured on
    // ESE's engine: 255 bytes (JET_cbKeyMost) on an index, whatever its key size, and one
    // byte more (a limit) on a sequential index, whose key size is JET_cbKeyMost_OLD.
    // fldnorm.cxx ErrIsamMakeKey reads as allowing the index's key size plus one on every
    // index; ESE refuses 256 bytes even on an index of 1,000.
    const jet::ULong cbKeyMost = index != nullptr ? index->keyMostInUse : jet::cbKeyMostMin;
    const jet::ULong cbLimitKeyMost = cbKeyMost + 1;
    if (cb > (index != nullptr ? jet::cbKeyMostMin : cbLimitKeyMost)) return jet::err::InvalidParameter;
    ResetKey(*c);
    c->keyStarted = true;
    c->keyComplete = true;
    c->keySegments = index != nullptr ? index->segments.size() : 1;
    c->madeKey.bytes.assign(static_cast<const char *>(pv), std::min(cb, cbLimitKeyMost));
    c->madeKey.limit = cb > cbKeyMost;
    return jet::err::Success;
  }
  if (grbit & jet::bit::NewKey) {
    // fldnorm.cxx ErrIsamMakeKey: the old key is wiped at once, the new one counts as made
    // only once its first segment is in, so a first segment refused leaves no key
    // (JET_errKeyNotMade), and the search key buffer is emptied with it.
    ResetKey(*c);
    c->SearchKeyLength(IsSecondary(index)) = 0;
  } else if (c->keyComplete) {
    return jet::err::KeyIsMade;
  } else if (!c->keyStarted) {
    return jet::err::KeyNotMade;
  }
  if (c->keySegments >= index->segments.size()) return jet::err::KeyIsMade;
  const IndexSegment &segment = index->segments[c->keySegments];
  const Column *column = c->table->FindColumn(segment.column);
  if (column == nullptr) return jet::err::ColumnNotFound;

  Bytes value(static_cast<const char *>(pv), pv == nullptr ? 0 : cb);
  if (column->Fixed() && cb > 0) {
    const std::size_t fixedSize = keys::FixedSize(column->type);
    const std::size_t size = fixedSize != 0 ? fixedSize : column->cbMax;
    if (cb != size) {
      // A fixed Text value shorter than the column is padded as the record's is (rec.hxx
      // RECTextColumnPadding: a Unicode column with L' ').
      if (column->IsText() && cb < size) {
        ShapeFixedValue(*column, &value);
      } else {
        return jet::err::InvalidBufferSize;
      }
    }
  }

  // Only one of the column limits (JET_maskLimitOptions) at a time; partial limits on text
  // and variable binary columns only. Without one, SubStrLimit (text only) or StrLimit.
  constexpr jet::Grbit kMaskLimitOptions = 0x00000F00;
  jet::Grbit limit = grbit & kMaskLimitOptions;
  switch (limit) {
    case jet::bit::PartialColumnStartLimit:
    case jet::bit::PartialColumnEndLimit:
      if (!column->IsText() && (column->Fixed() || !column->IsBinary())) return jet::err::InvalidGrbit;
      break;
    case 0:
      if ((grbit & jet::bit::SubStrLimit) && column->IsText()) {
        limit = jet::bit::SubStrLimit;
      } else if (grbit & jet::bit::StrLimit) {
        // On a variable binary column StrLimit ends the key after the value's last byte, as
        // PartialColumnEndLimit does: fldnorm.cxx FLDITrySetPartialColumnLimitOnBinaryColumn
        // fills from the column's delimiter. Elsewhere the whole column is the limit.
        limit = column->IsBinary() && !column->Fixed() ? jet::bit::PartialColumnEndLimit : jet::bit::StrLimit;
      }
      break;
    case jet::bit::FullColumnStartLimit:
    case jet::bit::FullColumnEndLimit:
      break;
    default:
      return jet::err::InvalidGrbit;
  }

  // No data is a null segment; JET_bitKeyDataZeroLength makes it zero-length, which only
  // variable Text and Binary columns can be (fldnorm.cxx ErrFLDNormalizeSegment).
  const bool noData = value.empty() && !(grbit & jet::bit::KeyDataZeroLength);
  if (value.empty() && !noData && (column->Fixed() || !(column->IsText() || column->IsBinary()))) {
    return jet::err::InvalidBufferSize;
  }
  // fldnorm.cxx ErrFLDNormalizeTextSegment maps whole UTF-16 units of a Unicode text value
  // (norm.cxx ErrNORMMapString, LCMapStringEx): a value of one byte leaves none, which the
  // mapping refuses. Not reached once the key is full (ErrIsamMakeKey normalizes no more).
  if (value.size() == 1 && column->IsText() && column->cp == jet::cp::Unicode &&
      c->madeKey.bytes.size() < index->keyMostInUse) {
    return jet::err::UnicodeTranslationFail;
  }
  Bytes encoded;
  const std::size_t room = c->madeKey.bytes.size() < index->keyMostInUse ? index->keyMostInUse - c->madeKey.bytes.size() : 0;
  if (!value.empty() &&
      (limit & (jet::bit::SubStrLimit | jet::bit::PartialColumnStartLimit | jet::bit::PartialColumnEndLimit))) {
    encoded = keys::PrefixSegment(*column, *index, segment.descending, value);
    // fldnorm.cxx FLDITrySetPartialColumnLimitOnBinaryColumn: an end limit on a variable
    // binary column fills the rest of the value's last chunk, its count byte and one byte more
    // (the limit's, below) with 0xff, so a key the cursor keeps where a seek found nothing
    // compares below it (extended generator seed 14089).
    if (limit == jet::bit::PartialColumnEndLimit && column->IsBinary() && !column->Fixed()) {
      const Bytes whole = keys::Segment(*column, *index, segment.descending, &value, room);
      if (whole.size() > encoded.size()) encoded.append(whole.size() - encoded.size(), '\xff');
    }
  } else {
    encoded = keys::Segment(*column, *index, segment.descending, noData ? nullptr : &value, room);
  }
  c->keyStarted = true;
  c->madeKey.bytes += encoded;
  if (c->madeKey.bytes.size() > index->keyMostInUse) c->madeKey.bytes.resize(index->keyMostInUse);
  ++c->keySegments;
  if (limit != 0) {
    c->keyComplete = true;
    c->madeKey.limit = (limit & (jet::bit::StrLimit | jet::bit::SubStrLimit | jet::bit::FullColumnEndLimit |
                                 jet::bit::PartialColumnEndLimit)) != 0;
  }
  return jet::err::Success;
}

std::optional<IndexEntry> LastEntry(const Table &table, const Index *index) {
  if (IsSecondary(index)) {
    if (index->entries.empty()) return std::nullopt;
    return *index->entries.rbegin();
  }
  if (table.records.empty()) return std::nullopt;
  return IndexEntry(table.records.rbegin()->first, table.records.rbegin()->first);
}

// After a seek that found nothing and whose search landed on an entry the session cannot
// see: whether bt.cxx ErrBTDown found no visible entry from there either, so that the cursor
// stands where it looked. The seek found no visible entry where its kind looks, so that holds
// for GE, GT, LE and a unique index's EQ. A non-unique index's EQ looks both ways (ErrBTDown
// moves next, then previous). Its LT first looks next for an entry with the key sought, and
// one found is where rec.cxx ErrIsamSeek moves previous from, and fails.
bool StandsWhereSought(const Table &table, const Index *index, const ReadView &view, const keys::SearchKey &key,
                       jet::Grbit kind, bool unique) {
  if (unique) return true;
  if (kind == jet::bit::SeekEQ) return !Step(table, index, view, 1, nullptr, false);
  if (kind == jet::bit::SeekLT && !key.limit) {
    const IndexEntry from(key.bytes, Bytes());
    auto next = Step(table, index, view, 1, &from, true);
    if (next && next->first == key.bytes) return false;
  }
  return true;
}

// bt.cxx ErrBTDown for a key-only search of a non-unique index favouring the previous entry
// (SeekLT, SeekLE): when the node the search lands on (the first with the key sought or after
// it, else the last) is one the session cannot see, it looks next for an entry with that key
// before it moves previous (ErrBTNext, then ErrBTPrev). A look next that finds no node it sees
// on the page leaves the page and forgets the position worked out on the way down (ErrBTNext
// resets ullLTLast and ullTotalLast), so JetGetRecordPosition counts afresh later (extended
// generator seed 23362). Indexes of one page only: past that no position is kept anyway.
bool LeftPageLookingNext(const Table &table, const Index *index, const ReadView &view, const keys::SearchKey &key) {
  if (index == nullptr || index->Unique() || IndexHasNoEntry(table, index)) return false;
  std::optional<IndexEntry> landing = Boundary(table, index, key, false);
  if (!landing) landing = LastEntry(table, index);
  if (!landing || EntryVisible(table, index, *landing, view)) return false;
  return !Step(table, index, view, 1, &*landing, false);
}

}  // namespace

jet::Err Seek(Session &s, jet::Tableid tableid, jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  constexpr jet::Grbit kKinds =
      jet::bit::SeekEQ | jet::bit::SeekLT | jet::bit::SeekLE | jet::bit::SeekGE | jet::bit::SeekGT;
  const jet::Grbit kind = grbit & kKinds;
  if (kind == 0) return jet::err::InvalidParameter;
  // rec.cxx ErrIsamSeek does not define a result for two seek kinds at once; refused here.
  // Other bits are ignored, as there.
  if ((kind & (kind - 1)) != 0) return jet::err::InvalidGrbit;
  if (!c->keyStarted) return jet::err::KeyNotMade;
  // As in ESE: the prepared update is cancelled and the index range removed before seeking.
  if (c->prepared != Prepared::kNone) CancelUpdate(*c);
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  const ReadView view = ViewOf(s);
  const Index *index = CurrentIndex(*c);
  const Table &table = *c->table;
  const keys::SearchKey key = c->madeKey;
  const std::size_t segments = c->keySegments;
  ResetKey(*c);
  DropRanges(*c);

  // Whole keys are compared, as ESE does: a key made of fewer columns than the index is
  // less than every entry it prefixes (unless made with a limit grbit).
  std::optional<IndexEntry> found;
  // The common case in one search of the tree: an exact seek in the records' own order that
  // finds a record the session sees (the search below would find the same one).
  const bool exactRecordSeek = kind == jet::bit::SeekEQ && !IsSecondary(index) && !key.limit;
  auto &records = c->table->records;
  auto record = exactRecordSeek ? records.find(key.bytes) : records.end();
  if (record != records.end() && VisibleRow(record->second, view)) {
    found = IndexEntry(record->first, record->first);
    c->RememberPlace(record);
  } else if (kind == jet::bit::SeekEQ || kind == jet::bit::SeekGE || kind == jet::bit::SeekGT) {
    auto boundary = Boundary(table, index, key, kind == jet::bit::SeekGT);
    if (boundary) found = Step(table, index, view, 1, &*boundary, true);
  } else {
    // On a non-unique index ESE's search compares keys alone (bt.cxx ErrBTDown,
    // fSeekOnNonUniqueKeyOnly) and lands on the first entry of the key sought; SeekLE stays
    // there when the session sees it, or moves next to the first one it sees with that key,
    // before it falls back to the last entry below the key (rec.cxx ErrIsamSeek; extended
    // generator seed 2526).
    if (kind == jet::bit::SeekLE && index != nullptr && !index->Unique()) {
      auto first = Boundary(table, index, key, false);
      if (first) {
        auto seen = Step(table, index, view, 1, &*first, true);
        if (seen && ExactMatch(seen->first, key)) found = seen;
      }
    }
    if (!found) {
      auto boundary = Boundary(table, index, key, kind == jet::bit::SeekLE);
      found = boundary ? Step(table, index, view, -1, &*boundary, false) : Step(table, index, view, -1, nullptr, false);
    }
  }
  if (kind == jet::bit::SeekEQ && found && !ExactMatch(found->first, key)) found.reset();
  ++c->navigations;
  // The search is the index's cursor's, wherever a failed JetGotoBookmark had left it (extended
  // generator seed 22290).
  c->indexAt = Position::kOn;
  if (!found) {
    // Where rec.cxx ErrIsamSeek leaves a cursor that found nothing depends on where bt.cxx
    // ErrBTDown's search landed: on the first entry at or after the key sought (for SeekGT on
    // a non-unique index given every segment, after the key's limit), else on the last entry,
    // visible to the session or not. When that entry is one it cannot see (deleted by the
    // session, or another's uncommitted insert), ErrBTDown looks for a visible one beyond it
    // in the seek's direction (both ways for EQ on a non-unique index); finding none it gives
    // JET_errRecordNotFound, and dir.cxx ErrDIRDown keeps the key sought as the cursor's
    // bookmark (locOnSeekBM), every kind standing where it looked, as in an index without a
    // single entry. Otherwise a failed EQ stands where it looked, so moves go on from there,
    // GE and GT failed moving next (after the last entry), LE and LT moving previous (before
    // the first).
    const bool unique = index == nullptr || index->Unique();
    const bool gtOnLimit = kind == jet::bit::SeekGT && !unique && segments == index->segments.size() &&
                           key.bytes.size() <= index->keyMostInUse;
    std::optional<IndexEntry> landing;
    if (!IndexHasNoEntry(table, index)) {
      landing = Boundary(table, index, key, gtOnLimit);
      if (!landing) landing = LastEntry(table, index);
    }
    const bool landedHidden = landing && !EntryVisible(table, index, *landing, view);
    if (!landing || (landedHidden && StandsWhereSought(table, index, view, key, kind, unique))) {
      c->position = Position::kOnSeek;
      c->key = SearchKeyBytes(key, gtOnLimit);
      // Primary entries are found by bookmark, secondary ones by key then bookmark.
      c->bookmark = IsSecondary(index) ? Bytes() : c->key;
      c->soughtKeyKept = false;
      c->onSoughtKey = true;
    } else if (kind == jet::bit::SeekEQ) {
      auto boundary = Boundary(table, index, key, false);
      if (boundary && !(landedHidden && !Step(table, index, view, 1, &*boundary, true))) {
        c->position = Position::kOnSeek;
        c->key = boundary->first;
        c->bookmark = boundary->second;
        // dir.cxx ErrDIRRelease: the search landed after the place sought (locAfterSeekBM),
        // and the cursor keeps the key sought as its bookmark (locOnSeekBM), on any index; on
        // a non-unique one with no primary bookmark after it (ESE's bookmark there is key and
        // data, the data left empty).
        c->soughtKeyKept = true;
        c->onSoughtKey = false;
        c->soughtKey = SearchKeyBytes(key);
      } else if (unique && !landedHidden) {
        // The search landed on the last entry, before the place sought (wrnNDFoundLess): on a
        // unique index rec.cxx ErrIsamSeek gives JET_errRecordNotFound at once, and dir.cxx
        // ErrDIRRelease keeps the key sought as the cursor's bookmark (locOnSeekBM), as when
        // it lands after that place. The cursor stands there: JetGetRecordPosition answers, a
        // move next finds no entry, a move previous the last one, and the bookmark names no
        // record (JetEscrowUpdate, going to it: JET_errRecordDeleted).
        c->position = Position::kOnSeek;
        c->key = SearchKeyBytes(key);
        c->bookmark = IsSecondary(index) ? Bytes() : c->key;
        c->soughtKeyKept = true;
        c->soughtKey = c->key;
        c->onSoughtKey = true;
      } else {
        // On a non-unique index ErrBTDown found a visible entry only before the place sought
        // (or none at or after it): ErrIsamSeek moves next from there and fails. On a unique
        // one, the key sought is the bookmark kept (bt.cxx ErrBTDown), which names no record
        // (JetEscrowUpdate, going to it: JET_errRecordDeleted).
        c->position = Position::kAfterLast;
        if (unique) c->bookmark = IsSecondary(index) ? Bytes() : key.bytes;
      }
    } else {
      c->position = (kind == jet::bit::SeekGE || kind == jet::bit::SeekGT) ? Position::kAfterLast
                                                                            : Position::kBeforeFirst;
    }
    return jet::err::RecordNotFound;
  }
  PlaceOn(*c, *found);
  if ((kind == jet::bit::SeekLT || kind == jet::bit::SeekLE) && LeftPageLookingNext(table, index, view, key)) {
    c->positionKnown = false;
  }
  const bool equal = ExactMatch(found->first, key);
  if (kind == jet::bit::SeekEQ) {
    if (grbit & jet::bit::SetIndexRange) {
      c->hasRange = true;
      c->range.key = key;
      c->range.upper = true;
      c->range.inclusive = true;
    }
    return jet::err::Success;
  }
  if ((kind == jet::bit::SeekGE || kind == jet::bit::SeekLE) && !equal) return jet::wrn::SeekNotEqual;
  return jet::err::Success;
}

jet::Err RetrieveKey(Session &s, jet::Tableid tableid, void *pv, jet::ULong cbMax, jet::ULong *pcbActual,
                     jet::Grbit grbit) {
  Cursor *c = nullptr;
  jet::Err err = FindCursor(s, tableid, &c);
  if (err < jet::err::Success) return err;
  std::shared_lock<std::shared_mutex> lock(c->db->lock);
  Bytes key;
  if (grbit & jet::bit::RetrieveCopyKey) {
    // fldnorm.cxx ErrIsamRetrieveKey copies the current index cursor's search key buffer,
    // whether or not a seek has used the key since; JET_errKeyNotMade only while it is empty.
    const bool secondary = IsSecondary(CurrentIndex(*c));
    const std::size_t cbSearch = c->SearchKeyLength(secondary);
    if (cbSearch == 0) return jet::err::KeyNotMade;
    key = c->SearchKeyBuffer(secondary).substr(0, cbSearch);
  } else if (IndexCursorAtRoot(*c)) {
    // The secondary index's cursor left at the index's root by a read through the table's
    // cursor (Cursor::indexAtRoot): dir.cxx ErrDIRGet takes locOnFDPRoot for a place it
    // cannot be, answers success, and ErrIsamRetrieveKey copies the cursor's key, empty.
  } else {
    RowPtr row;
    if ((err = CurrentEntry(*c, ViewOf(s), &row)) < jet::err::Success) return err;
    if (c->indexAt != Position::kOn) return jet::err::NoCurrentRecord;
    key = c->key;
  }
  if (pcbActual != nullptr) *pcbActual = static_cast<jet::ULong>(key.size());
  if (pv != nullptr) std::memcpy(pv, key.data(), std::min<std::size_t>(cbMax, key.size()));
  // ErrIsamRetrieveKey warns of a cut key only for the current entry's: the search key of
  // JET_bitRetrieveCopy is cut without a word, which ESE keeps for its callers' sake.
  if (grbit & jet::bit::RetrieveCopyKey) return jet::err::Success;
  return cbMax < key.size() ? jet::wrn::BufferTruncated : jet::err::Success;
}

}  // namespace data
}  // namespace emu
