// The JET C functions the emulator exports, with ESENT.dll's names and signatures. Each one
// only unpacks its arguments and calls into the model (Engine, SessionCall, Session); no
// exception crosses the C boundary.
#include <exception>
#include <new>
#include <type_traits>

#include "data/hooks.h"
#include "emulator_api.h"
#include "engine.h"
#include "error_info.h"
#include "instance.h"
#include "session.h"

namespace {

template <typename Body>
jet::Err Guarded(Body body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    return jet::err::OutOfMemory;
  } catch (...) {
    return jet::err::InternalError;
  }
}

emu::Engine &engine() { return emu::Engine::Get(); }

}  // namespace

// ---- instances ---------------------------------------------------------------------------

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateInstance2W(jet::Instance *pinstance,
                                                                  const jet::WChar *szInstanceName,
                                                                  const jet::WChar *szDisplayName, jet::Grbit) {
  return Guarded([&] { return engine().CreateInstance(szInstanceName, szDisplayName, pinstance); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCreateInstanceW(jet::Instance *pinstance,
                                                                 const jet::WChar *szInstanceName) {
  return Guarded([&] { return engine().CreateInstance(szInstanceName, nullptr, pinstance); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetSystemParameterW(jet::Instance *pinstance, jet::Sesid sesid,
                                                                     jet::ULong paramid, jet::ApiPtr lParam,
                                                                     const jet::WChar *szParam) {
  return Guarded([&] { return engine().SetSystemParameter(pinstance, sesid, paramid, lParam, szParam); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetSystemParameterW(jet::Instance instance, jet::Sesid sesid,
                                                                     jet::ULong paramid, jet::ApiPtr *plParam,
                                                                     jet::WChar *szParam, jet::ULong cbMax) {
  return Guarded([&] { return engine().GetSystemParameter(instance, sesid, paramid, plParam, szParam, cbMax); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetInit3W(jet::Instance *pinstance, void *, jet::Grbit grbit) {
  return Guarded([&] { return engine().Init(pinstance, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetInit2(jet::Instance *pinstance, jet::Grbit grbit) {
  return Guarded([&] { return engine().Init(pinstance, grbit); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetInit(jet::Instance *pinstance) {
  return Guarded([&] { return engine().Init(pinstance, 0); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetTerm2(jet::Instance instance, jet::Grbit grbit) {
  return Guarded([&] { return engine().Term(instance, grbit); });
}

// ESE's JetTerm is JetTerm2 with JET_bitTermAbrupt.
ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetTerm(jet::Instance instance) {
  return Guarded([&] { return engine().Term(instance, jet::bit::TermAbrupt); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetStopServiceInstance2(jet::Instance instance, jet::Grbit grbit) {
  return Guarded([&] { return engine().StopService(instance, grbit, false); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetStopServiceInstance(jet::Instance instance) {
  return Guarded([&] { return engine().StopService(instance, 0, true); });
}

// ---- sessions ----------------------------------------------------------------------------

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetBeginSessionW(jet::Instance instance, jet::Sesid *psesid,
                                                               const jet::WChar *, const jet::WChar *) {
  return Guarded([&] { return engine().BeginSession(instance, psesid); });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetDupSession(jet::Sesid sesid, jet::Sesid *psesid) {
  return Guarded([&] {
    emu::SessionCall call(sesid);
    if (call.Status() < jet::err::Success) return call.Status();
    if (psesid == nullptr) return jet::err::InvalidParameter;
    emu::Instance *instance = call.session().GetInstance();
    std::lock_guard<std::mutex> lock(instance->Mutex());
    const jet::Err err = instance->RunningInstanceError();
    if (err < jet::err::Success) return err;
    return instance->OpenSession(psesid);
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetEndSession(jet::Sesid sesid, jet::Grbit) {
  return Guarded([&] {
    // A stopped service must not strand sessions: ending one is still allowed.
    emu::SessionCall call(sesid, emu::SessionCall::StopService::kAllowed);
    if (call.Status() < jet::err::Success) return call.Status();
    const jet::Err err = call.session().PrepareToEnd();
    if (err < jet::err::Success) return err;
    emu::data::OnSessionEnd(call.session());  // data layer: closes its cursors and databases
    call.session().GetInstance()->CloseSession(&call.session());
    call.SessionRetired();
    return jet::err::Success;
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetSetSessionContext(jet::Sesid sesid, jet::ApiPtr ulContext) {
  return Guarded([&] {
    emu::SessionCall call(sesid);
    if (call.Status() < jet::err::Success) return call.Status();
    return call.session().SetContext(ulContext);
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetResetSessionContext(jet::Sesid sesid) {
  return Guarded([&] {
    emu::SessionCall call(sesid, emu::SessionCall::StopService::kAllowed);
    if (call.Status() < jet::err::Success) return call.Status();
    return call.session().ResetContext();
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetSessionParameter(jet::Sesid sesid, jet::ULong sesparamid,
                                                                     void *pvParam, jet::ULong cbParamMax,
                                                                     jet::ULong *pcbParamActual) {
  return Guarded([&] {
    emu::SessionCall call(sesid, emu::SessionCall::StopService::kRefused, emu::SessionCall::Entry::kLookOnly);
    if (call.Status() < jet::err::Success) return call.Status();
    return call.session().GetParameter(sesparamid, pvParam, cbParamMax, pcbParamActual);
  });
}

// ---- transactions ------------------------------------------------------------------------

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetBeginTransaction3(jet::Sesid sesid, std::int64_t trxid,
                                                                   jet::Grbit grbit) {
  return Guarded([&] {
    emu::SessionCall call(sesid);
    if (call.Status() < jet::err::Success) return call.Status();
    return call.session().BeginTransaction(trxid, grbit);
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetBeginTransaction2(jet::Sesid sesid, jet::Grbit grbit) {
  return JetBeginTransaction3(sesid, 0, grbit);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetBeginTransaction(jet::Sesid sesid) {
  return JetBeginTransaction3(sesid, 0, 0);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCommitTransaction2(jet::Sesid sesid, jet::Grbit grbit,
                                                                    jet::ULong cmsecDurableCommit, void *) {
  return Guarded([&] {
    emu::SessionCall call(sesid);
    if (call.Status() < jet::err::Success) return call.Status();
    return call.session().CommitTransaction(grbit, cmsecDurableCommit);
  });
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetCommitTransaction(jet::Sesid sesid, jet::Grbit grbit) {
  return JetCommitTransaction2(sesid, grbit, 0, nullptr);
}

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetRollback(jet::Sesid sesid, jet::Grbit grbit) {
  return Guarded([&] {
    // As in ESE (jetapi.cxx JetRollbackEx), a stopped service still lets a session roll back.
    emu::SessionCall call(sesid, emu::SessionCall::StopService::kAllowed);
    if (call.Status() < jet::err::Success) return call.Status();
    return call.session().Rollback(grbit);
  });
}

// ---- errors ------------------------------------------------------------------------------

ESENT_EMULATOR_EXPORT jet::Err ESENT_JET_API JetGetErrorInfoW(void *pvContext, void *pvResult, jet::ULong cbMax,
                                                               jet::ULong InfoLevel, jet::Grbit grbit) {
  return Guarded([&] { return emu::GetErrorInfo(pvContext, pvResult, cbMax, InfoLevel, grbit); });
}

// The exports must keep exactly the signatures the addon calls them through.
static_assert(std::is_same<decltype(&JetCreateInstance2W), jet::PfnCreateInstance2W>::value, "JetCreateInstance2W");
static_assert(std::is_same<decltype(&JetCreateInstanceW), jet::PfnCreateInstanceW>::value, "JetCreateInstanceW");
static_assert(std::is_same<decltype(&JetSetSystemParameterW), jet::PfnSetSystemParameterW>::value, "JetSetSystemParameterW");
static_assert(std::is_same<decltype(&JetGetSystemParameterW), jet::PfnGetSystemParameterW>::value, "JetGetSystemParameterW");
static_assert(std::is_same<decltype(&JetInit3W), jet::PfnInit3W>::value, "JetInit3W");
static_assert(std::is_same<decltype(&JetInit2), jet::PfnInit2>::value, "JetInit2");
static_assert(std::is_same<decltype(&JetInit), jet::PfnInit>::value, "JetInit");
static_assert(std::is_same<decltype(&JetTerm2), jet::PfnTerm2>::value, "JetTerm2");
static_assert(std::is_same<decltype(&JetTerm), jet::PfnTerm>::value, "JetTerm");
static_assert(std::is_same<decltype(&JetStopServiceInstance2), jet::PfnStopServiceInstance2>::value, "JetStopServiceInstance2");
static_assert(std::is_same<decltype(&JetStopServiceInstance), jet::PfnStopServiceInstance>::value, "JetStopServiceInstance");
static_assert(std::is_same<decltype(&JetBeginSessionW), jet::PfnBeginSessionW>::value, "JetBeginSessionW");
static_assert(std::is_same<decltype(&JetEndSession), jet::PfnEndSession>::value, "JetEndSession");
static_assert(std::is_same<decltype(&JetDupSession), jet::PfnDupSession>::value, "JetDupSession");
static_assert(std::is_same<decltype(&JetSetSessionContext), jet::PfnSetSessionContext>::value, "JetSetSessionContext");
static_assert(std::is_same<decltype(&JetResetSessionContext), jet::PfnResetSessionContext>::value, "JetResetSessionContext");
static_assert(std::is_same<decltype(&JetBeginTransaction), jet::PfnBeginTransaction>::value, "JetBeginTransaction");
static_assert(std::is_same<decltype(&JetBeginTransaction2), jet::PfnBeginTransaction2>::value, "JetBeginTransaction2");
static_assert(std::is_same<decltype(&JetBeginTransaction3), jet::PfnBeginTransaction3>::value, "JetBeginTransaction3");
static_assert(std::is_same<decltype(&JetCommitTransaction), jet::PfnCommitTransaction>::value, "JetCommitTransaction");
static_assert(std::is_same<decltype(&JetCommitTransaction2), jet::PfnCommitTransaction2>::value, "JetCommitTransaction2");
static_assert(std::is_same<decltype(&JetRollback), jet::PfnRollback>::value, "JetRollback");
static_assert(std::is_same<decltype(&JetGetSessionParameter), jet::PfnGetSessionParameter>::value, "JetGetSessionParameter");
static_assert(std::is_same<decltype(&JetGetErrorInfoW), jet::PfnGetErrorInfoW>::value, "JetGetErrorInfoW");
