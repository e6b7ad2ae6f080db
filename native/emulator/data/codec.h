// How the catalog and records are written to the emulator's files (database images and log
// records), and read back. Everything read is hostile until proved otherwise: each field is
// checked against the rules that any table the API can create follows (types, sizes, id
// ranges, flags, names, counts), so a damaged or crafted file is refused instead of being
// used.
#pragma once

#include <string>

#include "../storage/byte_io.h"
#include "model.h"

namespace emu {
namespace data {
namespace codec {

// A table's definition: objid, name, space hints, column-id counters, columns, indexes. Not
// its records, its autoincrement and record-id counters, or index entries.
void WriteTableDef(storage::ByteWriter &w, const Table &table);
Bytes TableDefBytes(const Table &table);
// Reads and checks a definition into `table` (its records are left alone). False: corrupt.
bool ReadTableDef(storage::ByteReader &r, Table *table);

// The counters inserts advance.
void WriteCounters(storage::ByteWriter &w, const Table &table);
bool ReadCounters(storage::ByteReader &r, std::uint32_t *nextDbk, std::int64_t *nextAutoinc);

void WriteRow(storage::ByteWriter &w, const Row &row);
// Reads a record image of `table` and checks every value against its column.
bool ReadRow(storage::ByteReader &r, const Table &table, RowPtr *row);
// Where `row`, stored at `*bookmark`, belongs in `table`: a record id the table has handed out
// (checked), or its primary key as made now, which *bookmark becomes (a key stored by an
// emulator that made text keys another way is made again). False when it belongs nowhere.
bool PlaceRecord(const Table &table, Bytes *bookmark, const Row &row);

}  // namespace codec
}  // namespace data
}  // namespace emu
