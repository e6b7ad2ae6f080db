// What the emulator adds to esent/jet_api.h: the export decoration and the function-pointer
// types of the legacy entry points jet_api.h does not declare.
#pragma once

#include "esent/jet_api.h"

#if defined(_WIN32)
#define ESENT_EMULATOR_EXPORT extern "C" __declspec(dllexport)
#else
#define ESENT_EMULATOR_EXPORT extern "C" __attribute__((visibility("default")))
#endif

namespace jet {

using PfnCreateInstanceW = Err(ESENT_JET_API *)(Instance *pinstance, const WChar *szInstanceName);
using PfnInit = Err(ESENT_JET_API *)(Instance *pinstance);
using PfnInit2 = Err(ESENT_JET_API *)(Instance *pinstance, Grbit grbit);
using PfnTerm = Err(ESENT_JET_API *)(Instance instance);
using PfnStopServiceInstance = Err(ESENT_JET_API *)(Instance instance);

// JET_bitStopServiceStopAndEmitLog; jet_api.h does not list it.
namespace bit {
constexpr Grbit StopServiceStopAndEmitLog = 0x00000008;
// JET_bitDistributedTransaction: accepted by JetBeginTransaction2 and ignored, as ESE does.
constexpr Grbit DistributedTransaction = 0x00000002;
}  // namespace bit

}  // namespace jet
