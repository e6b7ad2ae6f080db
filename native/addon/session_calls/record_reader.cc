#include "record_reader.h"

#include <cstring>

namespace esent {
namespace session_calls {
namespace {

// The first buffer size tried for a column's value; a longer value is fetched again.
std::uint32_t FirstGuess(const ColumnPlan &column) {
  if (std::uint32_t fixed = FixedSize(column.coltyp)) return fixed;
  if (column.coltyp == jet::coltyp::LongText || column.coltyp == jet::coltyp::LongBinary) {
    return column.cbMax != 0 && column.cbMax < 1024 ? column.cbMax : 1024;
  }
  return column.cbMax != 0 ? column.cbMax : jet::cbColumnMost;
}

}  // namespace

std::uint32_t FixedSize(jet::Coltyp coltyp) {
  switch (coltyp) {
    case jet::coltyp::Bit:
    case jet::coltyp::UnsignedByte: return 1;
    case jet::coltyp::Short:
    case jet::coltyp::UnsignedShort: return 2;
    case jet::coltyp::Long:
    case jet::coltyp::UnsignedLong:
    case jet::coltyp::IEEESingle: return 4;
    case jet::coltyp::Currency:
    case jet::coltyp::IEEEDouble:
    case jet::coltyp::DateTime:
    case jet::coltyp::LongLong:
    case jet::coltyp::UnsignedLongLong: return 8;
    case jet::coltyp::GUID: return 16;
    default: return 0;
  }
}

RecordReader::RecordReader(const EngineTable &engine, jet::Sesid sesid, const Plan &plan,
                           const std::vector<std::uint32_t> *positions, jet::Grbit grbit)
    : engine_(engine), sesid_(sesid), plan_(plan), grbit_(grbit) {
  if (positions) {
    columns_ = *positions;
  } else {
    for (std::uint32_t i = 0; i < plan.size(); ++i) columns_.push_back(i);
  }
  size_t offset = 0;
  for (std::uint32_t position : columns_) {
    const ColumnPlan &column = plan_[position];
    if (column.multi) continue;
    singles_.push_back(position);
    offsets_.push_back(offset);
    offset += FirstGuess(column);
  }
  scratch_.resize(offset + 1);
  retrieve_.resize(singles_.size());
}

bool RecordReader::Read(jet::Tableid tableid, std::vector<std::uint8_t> &out, CallOutcome &outcome) {
  if (!singles_.empty()) {
    auto retrieveColumns = Available(engine_.RetrieveColumns, "JetRetrieveColumns", outcome);
    if (!retrieveColumns) return false;
    for (size_t i = 0; i < singles_.size(); ++i) {
      const ColumnPlan &column = plan_[singles_[i]];
      jet::RetrieveColumn &rc = retrieve_[i];
      std::memset(&rc, 0, sizeof rc);
      rc.columnid = column.columnid;
      rc.pvData = scratch_.data() + offsets_[i];
      rc.cbData = FirstGuess(column);
      rc.grbit = grbit_;
      rc.itagSequence = 1;
    }
    jet::Err err = retrieveColumns(sesid_, tableid, retrieve_.data(), static_cast<jet::ULong>(retrieve_.size()));
    if (!Succeeded(err, "JetRetrieveColumns", outcome)) return false;
  }
  size_t single = 0;
  for (std::uint32_t position : columns_) {
    const ColumnPlan &column = plan_[position];
    if (column.multi) {
      if (!ReadAllValues(tableid, column, out, outcome)) return false;
      continue;
    }
    const jet::RetrieveColumn &rc = retrieve_[single++];
    PutU32(out, 1);
    if (rc.err == jet::wrn::ColumnNull) {
      PutNull(out);
    } else if (!Succeeded(rc.err, "JetRetrieveColumns", outcome)) {
      return false;
    } else if (rc.cbActual > rc.cbData) {
      bool isNull = false;
      if (!ReadOne(tableid, column, 1, &isNull, outcome)) return false;
      if (isNull) PutNull(out); else PutValue(out, value_.data(), valueSize_);
    } else {
      PutValue(out, static_cast<const std::uint8_t *>(rc.pvData), rc.cbActual);
    }
  }
  return true;
}

bool RecordReader::ReadOne(jet::Tableid tableid, const ColumnPlan &column, jet::ULong itag, bool *isNull,
                           CallOutcome &outcome) {
  auto retrieveColumn = Available(engine_.RetrieveColumn, "JetRetrieveColumn", outcome);
  if (!retrieveColumn) return false;
  if (value_.size() < FirstGuess(column)) value_.resize(FirstGuess(column));
  for (;;) {
    jet::RetInfo info{sizeof(jet::RetInfo), 0, itag, 0};
    jet::ULong actual = 0;
    jet::Err err = retrieveColumn(sesid_, tableid, column.columnid, value_.data(),
                                  static_cast<jet::ULong>(value_.size()), &actual, grbit_, &info);
    if (err == jet::wrn::ColumnNull) {
      *isNull = true;
      return true;
    }
    if (!Succeeded(err, "JetRetrieveColumn", outcome)) return false;
    if (actual <= value_.size()) {
      *isNull = false;
      valueSize_ = actual;
      return true;
    }
    value_.resize(actual);
  }
}

bool RecordReader::ReadAllValues(jet::Tableid tableid, const ColumnPlan &column, std::vector<std::uint8_t> &out,
                                 CallOutcome &outcome) {
  size_t countAt = out.size();
  PutU32(out, 0);
  std::uint32_t count = 0;
  for (jet::ULong itag = 1;; ++itag) {
    bool isNull = false;
    if (!ReadOne(tableid, column, itag, &isNull, outcome)) return false;
    if (isNull) break;
    PutValue(out, value_.data(), valueSize_);
    ++count;
  }
  PatchU32(out, countAt, count);
  return true;
}

}  // namespace session_calls
}  // namespace esent
