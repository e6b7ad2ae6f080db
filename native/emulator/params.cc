#include "params.h"

#include "paths.h"
#include "utf16.h"

namespace emu {
namespace {

constexpr jet::ApiPtr kAny = ~jet::ApiPtr(0);
constexpr jet::ApiPtr kPathLengthMax = 259;


constexpr ParamDefinition kDefinitions[] = {
    // id, type, scope, default number, default text, low, high, fixed after instance init, fixed after global init
    // (the flags and ranges of ESE's parameter table, sysparam.xml)
    {jet::param::SystemPath, ParamType::kFolder, ParamScope::kInstance, 0, nullptr, 0, kPathLengthMax, true, false},
    {jet::param::TempPath, ParamType::kPath, ParamScope::kInstance, 0, nullptr, 0, kPathLengthMax, true, false},
    {jet::param::LogFilePath, ParamType::kFolder, ParamScope::kInstance, 0, nullptr, 0, kPathLengthMax, true, false},
    {jet::param::BaseName, ParamType::kString, ParamScope::kInstance, 0, u"edb", 3, 3, true, false},
    {jet::param::EventSource, ParamType::kString, ParamScope::kInstance, 0, u"", 0, 255, true, false},
    {jet::param::MaxSessions, ParamType::kInteger, ParamScope::kInstance, 16, nullptr, 0, 30000, true, false},
    {jet::param::MaxOpenTables, ParamType::kInteger, ParamScope::kInstance, 300, nullptr, 0, 0x7FFFFFFF, true, false},
    {jet::param::MaxCursors, ParamType::kInteger, ParamScope::kInstance, 1024, nullptr, 0, 0x7FFFFFFF, true, false},
    {jet::param::MaxVerPages, ParamType::kInteger, ParamScope::kInstance, 64, nullptr, 1, 0x7FFFFFFF, true, false},
    {jet::param::MaxTemporaryTables, ParamType::kInteger, ParamScope::kInstance, 20, nullptr, 0, 0x7FFFFFFF, true,
     false},
    // KB; ESE's range (sysparam.xml).
    {jet::param::LogFileSize, ParamType::kInteger, ParamScope::kInstance, 5120, nullptr, 64, 32768, true, false},
    {jet::param::LogBuffers, ParamType::kInteger, ParamScope::kInstance, 126, nullptr, 1, 0x7FFFFFFF, true, false},
    {jet::param::CircularLog, ParamType::kBoolean, ParamScope::kInstance, 0, nullptr, 0, kAny, true, false},
    {jet::param::DbExtensionSize, ParamType::kInteger, ParamScope::kInstance, 256, nullptr, 1, 0x7FFFFFFF, false,
     false},
    // Bytes of log between checkpoints; the emulator also waits for as much log as its images
    // take (data/instance_storage.h).
    {jet::param::CheckpointDepthMax, ParamType::kInteger, ParamScope::kInstance, 20971520, nullptr, 0, kAny, false, false},
    {jet::param::CacheSizeMax, ParamType::kInteger, ParamScope::kGlobal, 0x7FFFFFFF, nullptr, 0, kAny, false, false},
    {jet::param::Recovery, ParamType::kString, ParamScope::kInstance, 0, u"On", 0, 255, true, false},
    {jet::param::EnableIndexChecking, ParamType::kInteger, ParamScope::kGlobal, 0, nullptr, 0, kAny, false, false},
    {jet::param::NoInformationEvent, ParamType::kBoolean, ParamScope::kInstance, 0, nullptr, 0, kAny, true, false},
    // daedef.hxx g_cbPageDefault: 4 KiB pages unless the application asks for others.
    {jet::param::DatabasePageSize, ParamType::kInteger, ParamScope::kGlobal, 4096, nullptr, 2048, 32768, false, true},
    {jet::param::CreatePathIfNotExist, ParamType::kBoolean, ParamScope::kInstance, 0, nullptr, 0, kAny, false, false},
    {jet::param::MaxInstances, ParamType::kInteger, ParamScope::kGlobal, 16, nullptr, 1, 1024, false, true},
    {jet::param::Configuration, ParamType::kInteger, ParamScope::kGlobal, 1, nullptr, 0, kAny, false, true},
    {jet::param::EnableAdvanced, ParamType::kBoolean, ParamScope::kGlobal, 0, nullptr, 0, kAny, false, false},
    {jet::param::LegacyFileNames, ParamType::kInteger, ParamScope::kInstance, 3, nullptr, 0, 3, true, false},
    {jet::param::EngineFormatVersion, ParamType::kInteger, ParamScope::kInstance, jet::efv::UseEngineDefault, nullptr,
     0, kAny, false, false},
};

// The format versions ESE's table of formats holds (sysver.cxx g_rgfmtversEngine): a value
// between the oldest and the newest must be one of them.
bool KnownFormatVersion(jet::ApiPtr efv) {
  constexpr jet::ApiPtr kReleases[] = {7060, 8020, 8220, 8520, 8620, 8720, 8820, 8880, 8920};
  for (jet::ApiPtr known : kReleases) {
    if (efv == known) return true;
  }
  // From JET_efvSetDbVersion on, one every 20 (9440 was never shipped).
  return efv >= 8940 && efv <= jet::efv::OptionallyUniqueIndices && efv % 20 == 0 && efv != 9440;
}

// jetapi.cxx ErrSetEngineFormatVersionParameter and sysver.cxx ErrGetDesiredVersion.
jet::Err CheckFormatVersion(jet::ApiPtr value) {
  if (value < jet::efv::ExtHdrRootFieldAutoIncStorageStagedToDebug) {
    return jet::err::EngineFormatVersionNoLongerSupportedTooLow;
  }
  const bool allowHigher = (value & jet::efv::AllowHigherPersistedFormat) == jet::efv::AllowHigherPersistedFormat;
  const jet::ApiPtr version = allowHigher ? value & ~jet::ApiPtr(jet::efv::AllowHigherPersistedFormat) : value;
  const bool special = value == jet::efv::UsePersistedFormat || value == jet::efv::UseEngineDefault;
  if (version > jet::efv::OptionallyUniqueIndices && !special) return jet::err::EngineFormatVersionNotYetImplementedTooHigh;
  if ((value & 0x40000000) && version < 5) return jet::err::InvalidParameter;
  if (special) return jet::err::Success;
  if (!KnownFormatVersion(version)) {
    return version < jet::efv::OptionallyUniqueIndices ? jet::err::EngineFormatVersionNoLongerSupportedTooLow
                                                      : jet::err::EngineFormatVersionNotYetImplementedTooHigh;
  }
  return jet::err::Success;
}

std::array<ParamDefinition, kParamIdLimit> BuildGenericDefinitions() {
  std::array<ParamDefinition, kParamIdLimit> generic{};
  for (jet::ULong id = 0; id < kParamIdLimit; ++id) {
    generic[id] = ParamDefinition{id, ParamType::kInteger, ParamScope::kInstance, 0, nullptr, 0, kAny, false, false};
  }
  return generic;
}

const std::array<ParamDefinition, kParamIdLimit> &GenericDefinitions() {
  static const std::array<ParamDefinition, kParamIdLimit> generic = BuildGenericDefinitions();
  return generic;
}

bool IsPowerOfTwo(jet::ApiPtr value) { return value != 0 && (value & (value - 1)) == 0; }

}  // namespace

const ParamDefinition *FindParamDefinition(jet::ULong id) {
  for (const ParamDefinition &definition : kDefinitions) {
    if (definition.id == id) return &definition;
  }
  return nullptr;
}

const ParamDefinition &GenericParamDefinition(jet::ULong id) { return GenericDefinitions()[id]; }

jet::ApiPtr ReportedParamNumber(jet::ULong id, jet::ApiPtr stored) {
  // ErrGetEngineFormatVersionParameter: the engine's default is given as the version it is.
  if (id == jet::param::EngineFormatVersion && stored == jet::efv::UseEngineDefault) {
    return jet::efv::OptionallyUniqueIndices;
  }
  return stored;
}

bool FormatFeatureEnabled(const ParamSet &params, jet::ULong feature) {
  jet::ApiPtr value = params.Number(jet::param::EngineFormatVersion);
  if ((value & jet::efv::AllowHigherPersistedFormat) == jet::efv::AllowHigherPersistedFormat) {
    value &= ~jet::ApiPtr(jet::efv::AllowHigherPersistedFormat);
  }
  if (value == jet::efv::UseEngineDefault || value == jet::efv::UsePersistedFormat) return true;
  return value >= feature;
}

bool IsTextParam(const ParamDefinition &definition) {
  return definition.type == ParamType::kString || definition.type == ParamType::kFolder ||
         definition.type == ParamType::kPath;
}

ParamSet::ParamSet() {
  for (jet::ULong id = 0; id < kParamIdLimit; ++id) {
    const ParamDefinition *definition = FindParamDefinition(id);
    if (definition == nullptr) continue;
    values_[id].number = definition->defaultNumber;
    if (IsTextParam(*definition)) {
      values_[id].text = definition->defaultText != nullptr ? std::u16string(definition->defaultText)
                                                            : paths::CurrentFolderDefault();
    }
  }
}

jet::Err PrepareParamValue(const ParamDefinition &definition, jet::ApiPtr lParam, const jet::WChar *szParam,
                           ParamSet::Value *out) {
  if (!IsTextParam(definition)) {
    if (lParam < definition.rangeLow || lParam > definition.rangeHigh) return jet::err::InvalidParameter;
    if (definition.id == jet::param::DatabasePageSize && !IsPowerOfTwo(lParam)) return jet::err::InvalidParameter;
    if (definition.id == jet::param::EngineFormatVersion) {
      if (const jet::Err err = CheckFormatVersion(lParam); err < jet::err::Success) return err;
    }
    out->number = definition.type == ParamType::kBoolean ? (lParam != 0 ? 1 : 0) : lParam;
    if (szParam != nullptr) out->text = FromJetString(szParam);
    return jet::err::Success;
  }

  const std::u16string text = FromJetString(szParam);
  if (text.size() < definition.rangeLow || text.size() > definition.rangeHigh) return jet::err::InvalidParameter;
  switch (definition.type) {
    case ParamType::kFolder:
      out->text = paths::NormalizeFolder(text);
      break;
    case ParamType::kPath:
      out->text = paths::NormalizePath(text);
      break;
    default:
      out->text = text;
      break;
  }
  if (out->text.size() > definition.rangeHigh) return jet::err::InvalidParameter;
  return jet::err::Success;
}

jet::ULong DatabasePageSize(const ParamSet &params) {
  return static_cast<jet::ULong>(params.Number(jet::param::DatabasePageSize));
}

jet::ULong KeyMostForPage(const ParamSet &params) {
  const jet::ULong page = DatabasePageSize(params);
  return page <= 2048 ? 500 : page == 4096 ? 1000 : 2000;
}

}  // namespace emu
