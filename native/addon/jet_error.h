// How a failed JET call becomes a JavaScript exception. The native layer only knows the
// number and the operation; lib/ registers a factory that maps them to the typed classes.
#pragma once

#include "addon_napi.h"

#include <string>

#include "esent/jet_api.h"

namespace esent {

// The exception for `err` from `operation`. `detail` adds context to the message (for
// JET_errEntryPointNotFound, the missing symbol and the library).
Napi::Value MakeJetError(Napi::Env env, jet::Err err, const char *operation, const std::string &detail = "");

[[noreturn]] void ThrowJetError(Napi::Env env, jet::Err err, const char *operation,
                                const std::string &detail = "");

// A failure to load the engine library at all: a plain Error with code
// 'ERR_ESENT_LIBRARY_LOAD' naming the path tried.
[[noreturn]] void ThrowLibraryLoadError(Napi::Env env, const std::string &message);

}  // namespace esent
