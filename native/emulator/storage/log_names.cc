#include "log_names.h"

#include "../paths.h"

namespace emu {
namespace storage {
namespace {

constexpr jet::ULong kESE98FileNames = 0x00000001;
constexpr jet::ULong kEightDotThreeSoftCompat = 0x00000002;

std::u16string WithDelimiter(const std::u16string &folder) {
  if (folder.empty() || paths::EndsWithDelimiter(folder)) return folder;
  return folder + paths::kDelimiter;
}

char16_t Fold(char16_t c) { return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - u'a' + u'A') : c; }

bool SameText(const std::u16string &a, const std::u16string &b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Fold(a[i]) != Fold(b[i])) return false;
  }
  return true;
}

}  // namespace

LogNames::LogNames(const std::u16string &logFolder, const std::u16string &systemFolder, const std::u16string &baseName,
                   jet::ULong legacyFileNames)
    : logFolder_(WithDelimiter(logFolder)),
      systemFolder_(WithDelimiter(systemFolder)),
      base_(baseName),
      logExt_((legacyFileNames & kESE98FileNames) ? u".log" : u".jtx"),
      checkpointExt_((legacyFileNames & kESE98FileNames) ? u".chk" : u".jcp"),
      shortDigits_((legacyFileNames & kEightDotThreeSoftCompat) != 0) {}

std::u16string LogNames::Current() const { return logFolder_ + base_ + logExt_; }

std::u16string LogNames::Temporary() const { return logFolder_ + base_ + u"tmp" + logExt_; }

std::u16string LogNames::Checkpoint() const { return systemFolder_ + base_ + checkpointExt_; }

std::u16string LogNames::Archive(std::uint32_t generation) const {
  static const char16_t kDigits[] = u"0123456789ABCDEF";
  const int digits = (shortDigits_ && generation <= 0xFFFFF) ? 5 : 8;
  std::u16string hex(digits, u'0');
  for (int i = digits - 1; i >= 0; --i, generation >>= 4) hex[i] = kDigits[generation & 0xF];
  return logFolder_ + base_ + hex + logExt_;
}

bool LogNames::ParseArchive(const std::u16string &name, std::uint32_t *generation) const {
  const std::size_t digits = name.size() - base_.size() - logExt_.size();
  if (name.size() <= base_.size() + logExt_.size() || (digits != 5 && digits != 8)) return false;
  if (!SameText(name.substr(0, base_.size()), base_) || !SameText(name.substr(name.size() - logExt_.size()), logExt_)) {
    return false;
  }
  std::uint32_t value = 0;
  for (std::size_t i = base_.size(); i < base_.size() + digits; ++i) {
    const char16_t c = Fold(name[i]);
    int digit;
    if (c >= u'0' && c <= u'9') {
      digit = c - u'0';
    } else if (c >= u'A' && c <= u'F') {
      digit = c - u'A' + 10;
    } else {
      return false;
    }
    value = (value << 4) | static_cast<std::uint32_t>(digit);
  }
  if (value == 0) return false;
  *generation = value;
  return true;
}

}  // namespace storage
}  // namespace emu
