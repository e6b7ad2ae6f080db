// State the addon keeps per JavaScript environment (the main thread and each Worker load
// their own copy of the module): the factory that turns a JET_ERR into the facade's typed
// error, and the Session constructor.
#pragma once

#include "addon_napi.h"

#include <memory>

#include "completions.h"

namespace esent {

struct AddonData {
  Napi::FunctionReference errorFactory;    // (errno, operation, detail?) => Error
  Napi::FunctionReference sessionConstructor;
  std::shared_ptr<Completions> completions;  // made by the first session
};

inline AddonData *GetAddonData(Napi::Env env) { return env.GetInstanceData<AddonData>(); }

}  // namespace esent
