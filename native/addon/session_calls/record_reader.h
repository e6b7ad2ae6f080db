// Reading records out of the engine into the wire format's record form (wire.h).
#pragma once

#include <cstdint>
#include <vector>

#include "cursor.h"

namespace esent {
namespace session_calls {

// The size of a fixed-size column type, 0 for the others.
std::uint32_t FixedSize(jet::Coltyp coltyp);

// Reads the current record (or, with JET_bitRetrieveCopy, the copy buffer of an update)
// into `out`: the columns of `plan` at `positions` (all of them if null). Single-valued
// columns come in one JetRetrieveColumns into a scratch block sized from the plan; a value
// longer than its first guess, and each value of a multi-valued column, with
// JetRetrieveColumn.
class RecordReader {
 public:
  RecordReader(const EngineTable &engine, jet::Sesid sesid, const Plan &plan,
               const std::vector<std::uint32_t> *positions, jet::Grbit grbit);

  bool Read(jet::Tableid tableid, std::vector<std::uint8_t> &out, CallOutcome &outcome);

 private:
  // One value (itagSequence) with JetRetrieveColumn, into value_, growing as needed.
  bool ReadOne(jet::Tableid tableid, const ColumnPlan &column, jet::ULong itag, bool *isNull, CallOutcome &outcome);
  bool ReadAllValues(jet::Tableid tableid, const ColumnPlan &column, std::vector<std::uint8_t> &out,
                     CallOutcome &outcome);

  const EngineTable &engine_;
  jet::Sesid sesid_;
  const Plan &plan_;
  jet::Grbit grbit_;
  std::vector<std::uint32_t> columns_;
  std::vector<std::uint32_t> singles_;
  std::vector<size_t> offsets_;
  std::vector<std::uint8_t> scratch_;
  std::vector<jet::RetrieveColumn> retrieve_;
  std::vector<std::uint8_t> value_;
  std::uint32_t valueSize_ = 0;
};

}  // namespace session_calls
}  // namespace esent
