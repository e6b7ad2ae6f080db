// `jet`: the raw, synchronous Jet functions, one per entry point, grouped by ESE area in
// this folder (jet_helpers.h states the rules they share).
#pragma once

#include "../addon_napi.h"

namespace esent {

// Adds the `jet` object to the module's exports.
void RegisterRawApi(Napi::Env env, Napi::Object exports);

namespace raw {

// Each area adds its functions to the `jet` object.
void RegisterInstances(Napi::Env env, Napi::Object jet);
void RegisterSessions(Napi::Env env, Napi::Object jet);
void RegisterTransactions(Napi::Env env, Napi::Object jet);
void RegisterErrorInfo(Napi::Env env, Napi::Object jet);
void RegisterDatabases(Napi::Env env, Napi::Object jet);
void RegisterDefinitions(Napi::Env env, Napi::Object jet);
void RegisterTableInfo(Napi::Env env, Napi::Object jet);
void RegisterCursors(Napi::Env env, Napi::Object jet);
void RegisterRecords(Napi::Env env, Napi::Object jet);

}  // namespace raw
}  // namespace esent
