// JetGetErrorInfoW: an error's category and category chain, from the generated error table.
// Needs no instance.
#pragma once

#include "esent/jet_api.h"

namespace emu {

jet::Err GetErrorInfo(const void *pvContext, void *pvResult, jet::ULong cbMax, jet::ULong infoLevel, jet::Grbit grbit);

}  // namespace emu
