// The exceptions the addon raises. A failed JET call: the native layer only knows the
// number and the operation; lib/ registers a factory that maps them to the typed classes.
// The binding's own errors (lib/binding-errors.ts): a plain Error with a `code`.
#pragma once

#include "addon_napi.h"

#include <string>

#include "esent/jet_api.h"

namespace esent {

// The exception for `err` from `operation`. `detail` adds context to the message (for
// JET_errEntryPointNotFound, the missing symbol and the library); `column` and `index`, when
// not empty, name what the engine said the error was about.
Napi::Value MakeJetError(Napi::Env env, jet::Err err, const char *operation, const std::string &detail = "",
                         const std::u16string &column = u"", const std::u16string &index = u"");

[[noreturn]] void ThrowJetError(Napi::Env env, jet::Err err, const char *operation,
                                const std::string &detail = "");

// An error of the binding itself: `message`, with `code` (an ERR_ESENT_* name).
Napi::Error BindingError(Napi::Env env, const char *code, const std::string &message);

// A failure to load the engine library at all: ERR_ESENT_LIBRARY_LOAD naming the path tried.
[[noreturn]] void ThrowLibraryLoadError(Napi::Env env, const std::string &message);

}  // namespace esent
