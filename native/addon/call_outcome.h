// What a call that runs with the engine ended with, and the two checks every such call
// makes: an entry point the library may lack, and a JET_ERR that may be an error.
#pragma once

#include <string>
#include <utility>

#include "engine_access.h"

namespace esent {

// 0 or a warning, or the error of the Jet function that failed.
struct CallOutcome {
  jet::Err err = 0;
  const char *operation = "";
  std::string detail;  // extra words for the message (a missing entry point's name)
  // The column or index the engine named as the cause (by setting its own error field in a
  // JET_TABLECREATE), given to JavaScript as the error's `column` / `index`.
  std::u16string culpritColumn;
  std::u16string culpritIndex;

  bool Failed() const { return err < 0; }
  void Fail(jet::Err e, const char *op, std::string d = std::string()) {
    err = e;
    operation = op;
    detail = std::move(d);
  }
};

// The entry point `fn` if the library has it; otherwise records JET_errEntryPointNotFound
// naming `symbol` (unless an earlier failure is already recorded) and returns null.
template <typename Fn>
Fn Available(Fn fn, const char *symbol, CallOutcome &outcome) {
  if (!fn && !outcome.Failed()) outcome.Fail(jet::err::EntryPointNotFound, symbol, MissingEntryPointDetail(symbol));
  return fn;
}

// Records `err` as the failure of `operation` if it is an error; returns whether it was not.
inline bool Succeeded(jet::Err err, const char *operation, CallOutcome &outcome) {
  if (err < 0) {
    outcome.Fail(err, operation);
    return false;
  }
  return true;
}

}  // namespace esent
