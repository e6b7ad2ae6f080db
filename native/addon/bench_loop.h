#pragma once

#include "addon_napi.h"

namespace esent {

// Adds benchContextLoop, the native baseline of `npm run bench`.
void RegisterBenchLoop(Napi::Env env, Napi::Object exports);

}  // namespace esent
