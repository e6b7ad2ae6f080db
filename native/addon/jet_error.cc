#include "jet_error.h"

#include "addon_data.h"

namespace esent {

Napi::Value MakeJetError(Napi::Env env, jet::Err err, const char *operation, const std::string &detail,
                         const std::u16string &column, const std::u16string &index) {
  AddonData *data = GetAddonData(env);
  if (data && !data->errorFactory.IsEmpty()) {
    Napi::Value context = env.Undefined();
    if (!column.empty() || !index.empty()) {
      Napi::Object named = Napi::Object::New(env);
      if (!column.empty()) named.Set("column", Napi::String::New(env, column));
      if (!index.empty()) named.Set("index", Napi::String::New(env, index));
      context = named;
    }
    Napi::Value made = data->errorFactory.Call(
        {Napi::Number::New(env, err), Napi::String::New(env, operation),
         detail.empty() ? env.Undefined() : Napi::String::New(env, detail), context});
    if (made.IsObject()) return made;
  }
  // Only reached before lib/ has registered its factory (a bare require of the addon).
  Napi::Error error = Napi::Error::New(env, std::string(operation) + " failed with JET_ERR " + std::to_string(err) +
                                                (detail.empty() ? "" : ": " + detail));
  error.Set("errno", Napi::Number::New(env, err));
  error.Set("operation", Napi::String::New(env, operation));
  return error.Value();
}

void ThrowJetError(Napi::Env env, jet::Err err, const char *operation, const std::string &detail) {
  throw Napi::Error(env, MakeJetError(env, err, operation, detail));
}

Napi::Error BindingError(Napi::Env env, const char *code, const std::string &message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, code));
  return error;
}

void ThrowLibraryLoadError(Napi::Env env, const std::string &message) {
  throw BindingError(env, "ERR_ESENT_LIBRARY_LOAD", message);
}

}  // namespace esent
