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
  Napi::FunctionReference completionPoller;  // () => setImmediate(poll): Completions::PollSoon
  // JetRetrieveColumn(s) results and requests, made and read in JavaScript (records.cc):
  // (value, err, cbActual, columnidNextTagged, itagSequence?) => one result;
  // (list, n) => the entries packed into a Float64Array, or null;
  // (values, n) => the results, from the values' Buffer and that same array.
  Napi::FunctionReference retrieveResult;
  Napi::FunctionReference packRetrieveRequests;
  Napi::FunctionReference buildRetrieveResults;
};

inline AddonData *GetAddonData(Napi::Env env) { return env.GetInstanceData<AddonData>(); }

}  // namespace esent
