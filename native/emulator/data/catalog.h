// The catalog: tables, columns and indexes, their names and the rules ESE applies when they
// are created, looked up and dropped.
#pragma once

#include <string>

#include "../params.h"
#include "model.h"

namespace emu {

class Session;

namespace data {

class Cursor;
struct ReadView;

// ESE's defaults for LCMapString flags and locale of a Unicode index, and for densities.
constexpr jet::ULong kDefaultMapFlags = 0x00030401;
constexpr jet::ULong kDefaultLcid = 0x0409;
constexpr jet::ULong kDefaultDensity = 80;

// Whether the session may change the schema of `db` now.
jet::Err CheckDdl(Session &s, const Database &db);
// The cursor `tableid` names, for a schema change on its table.
jet::Err LockedTableCursor(Session &s, jet::Tableid tableid, Cursor **cursor);

// Object names, checked like ESE's: converted to code page 1252 (whatever the system's ANSI
// code page), a character it lacks JET_errInvalidName; then at most 64 characters, no `!`,
// `.`, `[`, `]`, control characters or leading space (JET_errInvalidName); trailing spaces
// are dropped.
jet::Err CheckName(const jet::WChar *name, std::u16string *out);
// The conversion alone, for the W calls that only look a name up: jetapi.cxx converts every
// object name to code page 1252 before anything else of the call (CAutoSZDDL::ErrSet, with
// OSSTR_FIXED_CONVERSION), and a character the code page lacks fails the call with
// JET_errInvalidName. A null name passes.
jet::Err CheckNameConverts(const jet::WChar *name);
// One character of a stored name (CheckName's rules).
bool ValidNameChar(char16_t c);
std::u16string Trimmed(const std::u16string &name);

// A fixed column's value as a record stores it: a Bit as 0x00 or 0xFF, Text and Binary
// shorter than cbMax padded. Other columns' values are left as they are.
void ShapeFixedValue(const Column &column, Bytes *value);

Index *FindIndex(Table &table, const std::u16string &folded);
// The index as the session finds it by name: none when it does not see it (IndexVisible).
Index *FindVisibleIndex(Session &s, Table &table, const std::u16string &folded);
// The column of that name as `viewer` finds it (ColumnVisible): after the caller deleted a
// column and added another of the same name, the new one. Without a viewer, the one not
// deleted.
const Column *FindColumnByName(const Table &table, const std::u16string &name, Session *viewer = nullptr);
// Whether a column the caller adds may take the name: not while a column of that name is
// there for it, or is another session's add not yet committed (cat.cxx ErrCATAddTableColumn
// meets its catalog entry).
bool ColumnNameFree(Session &s, const Table &table, const std::u16string &name);
// A column id as a record's reader or writer looks it up: a column added in a transaction
// the caller does not see is not found (ColumnVisible).
jet::Err CheckColumnId(Session &s, const Table &table, jet::Columnid id, const Column **column);

// The Unicode settings of an index as ESE's engine receives them (a JET_UNICODEINDEX2):
// `present` when JET_bitIndexUnicode is in effect; a null locale name is the invariant "".
struct UnicodeSettings {
  bool present = false;
  std::u16string locale;
  jet::ULong mapFlags = 0;
};

// One index definition, from any of the JET_INDEXCREATE forms.
struct IndexSpec {
  const jet::WChar *name;
  const jet::WChar *key;
  jet::ULong cbKey;
  jet::Grbit grbit;
  UnicodeSettings unicode;
  jet::ULong cbVarSegMac;
  jet::ULong cConditional;
  jet::ULong cbKeyMost;
};

// The checks ESE's API layer makes on an index's key before the engine sees it (jetapi.cxx
// CAutoIDXCREATE2::ErrSet, CAutoIDXCREATE3::ErrSet): cbKey 0 is JET_errInvalidParameter; a
// key not starting with '+' or '-', not ending in two NULs or with bytes after them is
// JET_errIndexInvalidDef.
jet::Err CheckIndexKeyForm(const jet::WChar *key, jet::ULong cbKey);
// JET_INDEXCREATE_W / JET_INDEXCREATE2_W: the lcid (or the JET_UNICODEINDEX with
// JET_bitIndexUnicode) turned into a locale name, as jetapi.cxx CAutoINDEXCREATE2To3_T does;
// an LCID Windows does not know is JET_errInvalidLanguageId.
jet::Err UnicodeFromLcid(jet::Grbit grbit, jet::ULong lcid, const jet::UnicodeIndex *unicode, UnicodeSettings *out);
// JET_INDEXCREATE3_W's JET_UNICODEINDEX2 (CAutoIDXCREATE3::ErrSet; fcreate.cxx
// ErrIDXCheckUnicodeFlagAndDefn): the pointer must be set exactly when JET_bitIndexUnicode is
// (JET_errInvalidParameter); a locale name of 85 characters or more is JET_errBufferTooSmall.
jet::Err UnicodeFromLocale(jet::Grbit grbit, const jet::UnicodeIndex2 *unicode, UnicodeSettings *out);
// Whether `table` has an index of this name (names compare without case).
bool IndexNameTaken(const Table &table, const std::u16string &name);
// Builds an index of `table` from its definition, with ESE's checks; the name's being taken
// among them unless `checkName` is false (the caller checks it where ESE does).
// `viewer`: the session whose transaction must see each key column (fldext.cxx
// ErrRECIAccessColumn); null for a table's creation, whose columns are its own.
// `validated`, if given, is set once the definition's own checks passed
// (ErrFILEIValidateCreateIndex), before the key's columns are looked up.
jet::Err MakeIndex(const Table &table, const IndexSpec &spec, const ParamSet &params, Index *out, bool checkName = true,
                   Session *viewer = nullptr, bool *validated = nullptr);
// The key size and cbVarSegMac keys of `index` are built with, from the catalog's
// (fileopen.cxx ErrFILEIGenerateIDB, at every open of the table).
void SetKeySizesInUse(const Table &table, Index *index);
// Whether the table's tree holds any node, as fcreate.cxx looks for one (fDIRAllNode) before
// it takes a primary index or an escrow column: a record deleted, committed or not, whose node
// the version store has not cleaned up yet counts, and so does the node a page always keeps
// (CleanGhosts), so a table that ever held a record keeps refusing both.
bool HoldsAnyRecord(const Table &table);
// Adds a built index to a table: fills a secondary index from the records, refusing
// duplicates in a unique one. A primary index needs a table with no node (HoldsAnyRecord).
// With `builder`, the index is built as the session of that view builds it: from each
// record's version it sees and the versions after it, none before (ErrFILEIBuildIndex).
// Without, from every version a record keeps.
jet::Err InstallIndex(Table &table, Index index, const ReadView *builder = nullptr);

}  // namespace data
}  // namespace emu
