// A non-JET export by which the loader tells this emulator from ESENT.dll (engineInfo()
// reports isEmulator). Returns the emulator's version as major * 10000 + minor * 100 + patch.
#include "emulator_api.h"

ESENT_EMULATOR_EXPORT unsigned ESENT_JET_API EsentEmulatorVersion() { return 100; }
