#pragma once

#include "addon_napi.h"

namespace esent {

// Adds the data half of the raw API (databases, tables, columns, indexes, cursors,
// records: jet_data_api.h) to the `jet` object made by RegisterRawApi.
void RegisterRawDataApi(Napi::Env env, Napi::Object jetObject);

}  // namespace esent
