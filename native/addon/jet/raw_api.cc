#include "raw_api.h"

namespace esent {

void RegisterRawApi(Napi::Env env, Napi::Object exports) {
  Napi::Object jet = Napi::Object::New(env);
  raw::RegisterInstances(env, jet);
  raw::RegisterSessions(env, jet);
  raw::RegisterTransactions(env, jet);
  raw::RegisterErrorInfo(env, jet);
  raw::RegisterDatabases(env, jet);
  raw::RegisterDefinitions(env, jet);
  raw::RegisterTableInfo(env, jet);
  raw::RegisterCursors(env, jet);
  raw::RegisterRecords(env, jet);
  exports.Set("jet", jet);
}

}  // namespace esent
