// How many bytes a record takes in ESE's record format, and the most a page holds: the
// emulator keeps records its own way, but refuses what ESE's pages would not hold
// (JET_errRecordTooBig), so that a row that fails on Windows fails here too.
#pragma once

#include <cstddef>

#include "../params.h"
#include "model.h"

namespace emu {
namespace data {

// The largest record of a table in databases of these parameters (rec.hxx REC::CbRecordMost):
// the page's room for one node, less the primary key's largest size (4 bytes, a DBK, without a
// primary index).
std::size_t RecordMost(const ParamSet &params, const Table &table);
// The same, with the largest key given (a primary index being created).
std::size_t RecordMost(const ParamSet &params, jet::ULong keyMost);

// Where a table's fixed columns end in a record (TDB::IbEndFixedColumns): after the record's
// 4-byte header, every fixed column the table ever had takes its full size, deleted ones too.
std::size_t FixedColumnsEnd(const Table &table);

// The last fixed and the last variable column (0: none) `row` holds a value or a null mark
// for: a record holds every column of each kind up to its last (fldmod.cxx
// ErrRECISetFixedColumn, ErrRECISetVarColumn make room for all before it).
struct LastColumns {
  jet::Columnid fixed = 0;
  jet::Columnid variable = 0;
  void Reach(jet::Columnid id);
};
LastColumns LastColumnsOf(const Row &row);

// The size of `row` in ESE's record format (rec.hxx, tagfld.hxx), with its long values in the
// record when no longer than a long-value id and as an id when longer: the smallest the
// engine gets the record to before it gives JET_errRecordTooBig (fldmod.cxx
// ErrRECSetColumn's retries with ErrRECAffectLongFieldsInWorkBuf).
std::size_t RecordSize(const ParamSet &params, const Table &table, const Row &row);
// The part of it before the tagged columns: header, fixed and variable columns.
std::size_t FixedAndVariableSize(const Table &table, const Row &row);
// What one tagged column's values (none: a NULL entry) took in ESE97's format, whose
// records are checked with JET_bitUpdateCheckESE97Compatibility.
std::size_t Ese97TaggedSize(const Column &column, const ValueList &values);

}  // namespace data
}  // namespace emu
