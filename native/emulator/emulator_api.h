// What the emulator adds to esent/jet_api.h: the decoration that exports a JET function.
#pragma once

#include "esent/jet_api.h"

#if defined(_WIN32)
#define ESENT_EMULATOR_EXPORT extern "C" __declspec(dllexport)
#else
#define ESENT_EMULATOR_EXPORT extern "C" __attribute__((visibility("default")))
#endif
