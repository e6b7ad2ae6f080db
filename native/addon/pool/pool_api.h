// The pool's JavaScript classes and functions, added to the addon's exports (pool_api.cc).
#pragma once

#include "../addon_napi.h"

namespace esent {
namespace pool {

void RegisterPool(Napi::Env env, Napi::Object exports);

}  // namespace pool
}  // namespace esent
