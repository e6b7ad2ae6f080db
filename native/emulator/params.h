// System parameters (JetSetSystemParameter / JetGetSystemParameter): which exist, their type,
// default, valid range, whether they are per instance or process-wide, and when they may no
// longer be changed. The storage of one set of values is ParamSet; the engine keeps a global
// set (the defaults every new instance copies) and each instance its own.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "esent/jet_api.h"

namespace emu {

enum class ParamType {
  kInteger,
  kBoolean,
  kString,
  kFolder,  // made absolute, trailing delimiter
  kPath,    // a file path; a bare file name is kept as given
};

enum class ParamScope {
  kInstance,  // each instance has its own value; setting with no instance changes the default
  kGlobal,    // one value for the process
};

struct ParamDefinition {
  jet::ULong id;
  ParamType type;
  ParamScope scope;
  jet::ApiPtr defaultNumber;
  const char16_t *defaultText;  // null: the current folder, spelled the platform's way
  jet::ApiPtr rangeLow;         // numbers: value range; strings: length range
  jet::ApiPtr rangeHigh;
  bool fixedAfterInstanceInit;  // JET_errAlreadyInitialized once its instance is initialised
  bool fixedAfterGlobalInit;    // JET_errAlreadyInitialized once any instance exists
};

// Parameter ids at or above this are unknown to the engine (JET_errInvalidParameter).
constexpr jet::ULong kParamIdLimit = 256;

// The definition of a modelled parameter. Ids below kParamIdLimit without one are accepted and
// stored as plain numbers, so that code setting tuning parameters the emulator does not model
// keeps working.
const ParamDefinition *FindParamDefinition(jet::ULong id);
// The definition used for an id without a specific one.
const ParamDefinition &GenericParamDefinition(jet::ULong id);

class ParamSet {
 public:
  struct Value {
    jet::ApiPtr number = 0;
    std::u16string text;
  };

  ParamSet();  // every parameter at its default

  const Value &Get(jet::ULong id) const { return values_[id]; }
  Value &Mutable(jet::ULong id) { return values_[id]; }
  jet::ApiPtr Number(jet::ULong id) const { return values_[id].number; }
  const std::u16string &Text(jet::ULong id) const { return values_[id].text; }

 private:
  std::array<Value, kParamIdLimit> values_;
};

// Checks a new value for a parameter against its definition (range, string length) and turns it
// into the stored form (booleans as 0/1, folders and paths normalised). The caller has already
// applied the "same value" and "already initialised" rules.
jet::Err PrepareParamValue(const ParamDefinition &definition, jet::ApiPtr lParam, const jet::WChar *szParam,
                           ParamSet::Value *out);

bool IsTextParam(const ParamDefinition &definition);

// The number JetGetSystemParameter gives for a stored value (JET_paramEngineFormatVersion
// reports the engine's default as the version it stands for).
jet::ApiPtr ReportedParamNumber(jet::ULong id, jet::ApiPtr stored);

// Whether databases of an instance with these parameters may use a format feature (a
// JET_ENGINEFORMATVERSION value). ESE checks the version a database was created with, which
// the parameter sets (db.cxx ErrDBCreateDatabase, fmp.cxx FMP::ErrDBFormatFeatureEnabled);
// the emulator's databases take the parameter in force (docs/emulator.md).
bool FormatFeatureEnabled(const ParamSet &params, jet::ULong feature);

// The page size databases of an instance with these parameters have (JET_paramDatabasePageSize,
// 4 KiB by default), and the largest index key such a page holds (daedef.hxx CbKeyMostForPage:
// 500 bytes for 2 KiB pages, 1000 for 4 KiB, 2000 for 8 KiB and more). The emulator's storage
// has no pages: the size only sets these limits and is reported.
jet::ULong DatabasePageSize(const ParamSet &params);
jet::ULong KeyMostForPage(const ParamSet &params);

}  // namespace emu
