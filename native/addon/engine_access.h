// Reaching the engine from a JavaScript call: the loaded table (loading it on first use)
// and entry points that the library may lack.
#pragma once

#include "addon_napi.h"

#include <string>

#include "../loader/engine_library.h"
#include "jet_error.h"

namespace esent {

// The table, or a thrown ERR_ESENT_LIBRARY_LOAD error naming the path tried.
inline const EngineTable &RequireEngine(Napi::Env env) {
  std::string error;
  const EngineTable *table = GetEngineTable(&error);
  if (!table) ThrowLibraryLoadError(env, error);
  return *table;
}

// The message part for an entry point that the loaded library does not export.
inline std::string MissingEntryPointDetail(const char *symbol) {
  return std::string("the ESE library '") + GetEngineLibraryPath() + "' does not export " + symbol;
}

// `fn`, or a thrown EsentEntryPointNotFoundError naming `symbol`.
template <typename Fn>
Fn RequireEntryPoint(Napi::Env env, Fn fn, const char *operation, const char *symbol) {
  if (!fn) ThrowJetError(env, jet::err::EntryPointNotFound, operation, MissingEntryPointDetail(symbol));
  return fn;
}

}  // namespace esent
