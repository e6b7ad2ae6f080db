// The names ESE gives a log set's files: the current log `<base>.log`, archived generations
// `<base>XXXXX.log` (five hex digits while they fit, with JET_bitEightDotThreeSoftCompat;
// eight otherwise), the log being prepared `<base>tmp.log`, and the checkpoint file
// `<base>.chk` in the system folder. Without JET_bitESE98FileNames the extensions are
// `.jtx` and `.jcp`.
#pragma once

#include <cstdint>
#include <string>

#include "esent/jet_api.h"

namespace emu {
namespace storage {

class LogNames {
 public:
  LogNames(const std::u16string &logFolder, const std::u16string &systemFolder, const std::u16string &baseName,
           jet::ULong legacyFileNames);

  std::u16string Current() const;
  std::u16string Temporary() const;
  std::u16string Archive(std::uint32_t generation) const;
  std::u16string Checkpoint() const;
  const std::u16string &LogFolder() const { return logFolder_; }
  // Whether `name` (a file name in the log folder) is an archived generation; which one.
  bool ParseArchive(const std::u16string &name, std::uint32_t *generation) const;

 private:
  std::u16string logFolder_;
  std::u16string systemFolder_;
  std::u16string base_;
  std::u16string logExt_;
  std::u16string checkpointExt_;
  bool shortDigits_;
};

}  // namespace storage
}  // namespace emu
