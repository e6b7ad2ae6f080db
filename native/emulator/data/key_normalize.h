// Normalised index keys: byte strings whose plain unsigned comparison gives ESE's index
// order (signed integers by value, floats by value, text case-insensitively, descending
// segments reversed, nulls first), plus the comparisons JetSeek and index ranges make.
#pragma once

#include <cstdint>
#include <cstddef>
#include <vector>

#include "model.h"

namespace emu {
namespace data {
namespace keys {

// Size of a value of a fixed-length column type; 0 for Text, Binary and long values.
std::size_t FixedSize(jet::Coltyp type);

// The values a column has in a row, resolving defaults: empty for null.
ValueSpan ValuesOf(const Column &column, const Row &row, bool useDefault = true);

// One key segment. `value` null means a null column value. `room`: the key space left for it,
// into which ESE normalizes an ASCII text value (fldnorm.cxx ErrFLDNormalizeTextSegment).
Bytes Segment(const Column &column, const Index &index, bool descending, const Bytes *value,
              std::size_t room = SIZE_MAX);
// The start of every segment whose value begins with `prefix` (text and binary only; other
// types give the full segment).
Bytes PrefixSegment(const Column &column, const Index &index, bool descending, const Bytes &prefix);

// The keys a row produces in an index (several with a multi-valued column, none when the
// index ignores the row's nulls). `refusal` is set to the error with which the index refuses
// the row, else to JET_errSuccess: JET_errUnicodeTranslationFail for a Unicode text value of
// one byte, which no key can hold, whatever the index does with nulls (fldnorm.cxx
// ErrRECIRetrieveKey makes the key before they are looked at); JET_errNullKeyDisallowed for a
// null that JET_bitIndexDisallowNull (or the primary index) does not take. A refused row has
// no keys. As ESE's KeySequence (rec.hxx), only the index's first multi-valued column gives one
// key per value, whatever the values of the others (their first value, or null), and a value
// whose key another gave already adds none.
std::vector<Bytes> RowKeys(const Table &table, const Index &index, const Row &row, jet::Err *refusal);
// The key of the row's entry for the `itag`-th value of the index's first multi-valued column
// (rec.cxx ErrRECIGotoBookmark: KeySequence, ErrRECRetrieveKeyFromRecord): false in *hasKey
// when the index has no entry for the row; JET_errBadItagSequence past the column's last value
// (`itag` above 1; an index with no multi-valued column reads `itag` as 1).
jet::Err SequenceKey(const Table &table, const Index &index, const Row &row, jet::ULong itag, Bytes *key,
                     bool *hasKey);

// The value of column `columnid` that an entry's key in `index` holds, read back from the
// key as fldnorm.cxx RECIRetrieveColumnFromKey does (JET_bitRetrieveFromIndex): false when
// the key cannot give it (a text column, a segment before it that cannot be passed over, a key
// cut short), else *null, or the value in *value (a Bit as 0x00 or 0xFF).
bool ValueFromKey(const Table &table, const Index &index, const Bytes &key, jet::Columnid columnid, bool *null,
                  Bytes *value);

// A key made with JetMakeKey. `limit` makes it sort after every key that starts with `bytes`
// (StrLimit, SubStrLimit, FullColumnEndLimit, PartialColumnEndLimit).
struct SearchKey {
  Bytes bytes;
  bool limit = false;
};

// Orders an index key against a search key: 0 when the key starts with the search key (the
// search key names a prefix of the index columns, or is complete and equal), negative or
// positive otherwise. A limit search key never compares equal.
int Compare(const Bytes &key, const SearchKey &search);

// Case folding for Unicode text keys.
char16_t FoldChar(char16_t c);

}  // namespace keys
}  // namespace data
}  // namespace emu
