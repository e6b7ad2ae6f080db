#include "error_info.h"

#include <algorithm>
#include <cstring>

namespace emu {
namespace {

// Parent of each JET_ERRCAT in the documented hierarchy; errcatError is the root.
jet::ErrCat ParentOf(jet::ErrCat category) {
  switch (category) {
    case jet::errcatOperation:
    case jet::errcatData:
    case jet::errcatApi:
      return jet::errcatError;
    case jet::errcatFatal:
    case jet::errcatIO:
    case jet::errcatResource:
      return jet::errcatOperation;
    case jet::errcatMemory:
    case jet::errcatQuota:
    case jet::errcatDisk:
      return jet::errcatResource;
    case jet::errcatCorruption:
    case jet::errcatInconsistent:
    case jet::errcatFragmentation:
      return jet::errcatData;
    case jet::errcatUsage:
    case jet::errcatState:
    case jet::errcatObsolete:
      return jet::errcatApi;
    default:
      return jet::errcatUnknown;
  }
}

const jet::ErrorTableEntry *FindError(jet::Err value) {
  const jet::ErrorTableEntry *begin = jet::kErrorTable;
  const jet::ErrorTableEntry *end = jet::kErrorTable + jet::kErrorTableSize;
  const jet::ErrorTableEntry *found = std::lower_bound(
      begin, end, value, [](const jet::ErrorTableEntry &entry, jet::Err key) { return entry.value < key; });
  return (found != end && found->value == value) ? found : nullptr;
}

}  // namespace

jet::Err GetErrorInfo(const void *pvContext, void *pvResult, jet::ULong cbMax, jet::ULong infoLevel, jet::Grbit grbit) {
  if (infoLevel != jet::ErrorInfoSpecificErr) return jet::err::InvalidParameter;
  if (grbit != 0) return jet::err::InvalidGrbit;
  if (pvContext == nullptr || pvResult == nullptr || cbMax < sizeof(jet::ErrInfoBasicW)) {
    return jet::err::InvalidParameter;
  }
  jet::ErrInfoBasicW info;
  std::memcpy(&info, pvResult, sizeof info);
  if (info.cbStruct != sizeof(jet::ErrInfoBasicW)) return jet::err::InvalidParameter;

  jet::Err value;
  std::memcpy(&value, pvContext, sizeof value);
  const jet::ErrorTableEntry *entry = FindError(value);
  if (entry == nullptr) return jet::err::InvalidParameter;

  const jet::ErrCat leaf = static_cast<jet::ErrCat>(entry->category);
  jet::ErrCat chain[sizeof info.rgCategoricalHierarchy];
  std::size_t depth = 0;
  for (jet::ErrCat category = leaf; category != jet::errcatUnknown && depth < sizeof chain;
       category = ParentOf(category)) {
    chain[depth++] = category;
  }

  info.errValue = value;
  info.errcatMostSpecific = leaf;
  std::memset(info.rgCategoricalHierarchy, 0, sizeof info.rgCategoricalHierarchy);
  for (std::size_t i = 0; i < depth; ++i) {
    info.rgCategoricalHierarchy[i] = static_cast<unsigned char>(chain[depth - 1 - i]);
  }
  info.lSourceLine = 0;
  std::memset(info.rgszSourceFile, 0, sizeof info.rgszSourceFile);
  std::memcpy(pvResult, &info, sizeof info);
  return jet::err::Success;
}

}  // namespace emu
