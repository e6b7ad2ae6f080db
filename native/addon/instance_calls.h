#pragma once

#include "addon_napi.h"

namespace esent {

// Adds the pool-thread instance calls used by the facade's Instance:
//   createInstance(name, displayName, createGrbit, params, initGrbit) -> Promise<bigint>
//     JetCreateInstance2W, JetSetSystemParameterW for each [paramid, lParam, szParam],
//     JetInit3W; on a failure after creation the instance is terminated abruptly, so no
//     half-made instance is left behind.
//   termInstance(instance, grbit) -> Promise<number>   (JetTerm2)
void RegisterInstanceCalls(Napi::Env env, Napi::Object exports);

}  // namespace esent
