#pragma once

#include "addon_napi.h"

namespace esent {

// Adds the `jet` object (the raw, synchronous Jet functions) to the module's exports.
void RegisterRawApi(Napi::Env env, Napi::Object exports);

}  // namespace esent
