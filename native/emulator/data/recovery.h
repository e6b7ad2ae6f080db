// Soft recovery at JetInit: the log is replayed from the checkpoint into the images of the
// databases it names, so that every commit that reached the log is in them and nothing else
// is; schema changes of transactions that never ended are undone. Each database is then
// written clean and left detached, as ESE leaves it. A database the log names that is
// missing is JET_errAttachedDatabaseMismatch unless JetInit was given
// JET_bitReplayIgnoreMissingDB; one that another log set has taken over is left alone.
#pragma once

#include "../storage/log_stream.h"

namespace emu {
namespace data {

jet::Err Recover(storage::LogStream &log, jet::Grbit initGrbit);

}  // namespace data
}  // namespace emu
