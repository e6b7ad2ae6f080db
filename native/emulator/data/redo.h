// The records the data layer writes to an instance's log (storage/log_stream.h), and how
// they are encoded. Records say what committed, never how to undo it, with one exception:
// schema changes are logged when they are made (other sessions see them at once), so they
// carry the definition before and after, and recovery undoes those of a transaction that
// never ended.
//
//   Attach   the database `logId` is the file at `path` from here on
//   Detach   it no longer is
//   Commit   a transaction's record images, per database and table, and the counters its
//            inserts advanced; ends the schema transaction it names, if any
//   Schema   table definitions before and after a change made by a schema transaction
//   Abort    a schema transaction was rolled back (its undoing is logged as Schema records)
//   Term     the instance shut down cleanly
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../storage/byte_io.h"
#include "model.h"

namespace emu {

class Session;

namespace data {

struct SessionState;

namespace redo {

enum RecordType : std::uint8_t { kAttach = 1, kDetach = 2, kCommit = 3, kSchema = 4, kAbort = 5, kTerm = 6 };

std::string EncodeAttach(std::uint32_t logId, const std::u16string &path);
std::string EncodeDetach(std::uint32_t logId);
std::string EncodeAbort(std::uint64_t schemaTransaction);
// What `s` commits: the pending images of the records it touched in logged databases,
// appended to `out`. False, with nothing appended, when there is nothing to log. Caller
// holds every changed database's lock.
bool EncodeCommit(Session &s, const SessionState &state, storage::ByteWriter *out);
// A Commit record of one record's image alone, in no schema transaction: a change no
// rollback takes back (JET_bitEscrowNoRollback). Caller holds db.lock.
void EncodeRecordImage(const Database &db, const Table &table, const Bytes &bookmark, const Row &row,
                       storage::ByteWriter *out);
// The tables of `db` whose definitions differ from what was last logged, as a Schema
// record (and `db.loggedSchema` brought up to date). False when nothing changed. Caller
// holds db.lock exclusively.
bool EncodeSchemaChanges(Database &db, std::uint64_t schemaTransaction, std::string *out);

}  // namespace redo
}  // namespace data
}  // namespace emu
