#include "instance.h"

#include <algorithm>

#include "emulator_api.h"
#include "engine.h"
#include "session.h"

namespace emu {
namespace {

// JetStopServiceInstance2 records a full stop with a bit of its own, beside the two
// partial-stop bits callers pass; only partial stops can be resumed.
constexpr jet::Grbit kStopAllInternal = 0x1;
constexpr jet::Grbit kResumableStops = jet::bit::StopServiceBackgroundUserTasks | jet::bit::StopServiceQuiesceCaches;
constexpr jet::Grbit kStopServiceUserBits = kResumableStops | jet::bit::StopServiceStopAndEmitLog |
                                            jet::bit::StopServiceResume;

}  // namespace

void Instance::Open(bool hasName, const std::u16string &name, const std::u16string &displayName,
                    const ParamSet &defaults) {
  hasName_ = hasName;
  name_ = name;
  displayName_ = displayName;
  params_ = defaults;
  paths_ = RunningPaths{};
  sessions_.clear();
  stoppedGrbits_ = 0;
  initialized_.store(false, std::memory_order_relaxed);
  terminating_.store(false, std::memory_order_relaxed);
  serviceStopped_.store(false, std::memory_order_relaxed);
  unavailableError_.store(jet::err::Success, std::memory_order_relaxed);
  clock_.store(0, std::memory_order_relaxed);
}

jet::Err Instance::SessionEntryError(bool serviceStopAllowed) const {
  if (!serviceStopAllowed && serviceStopped_.load(std::memory_order_acquire)) {
    return jet::err::ClientRequestToStopJetService;
  }
  const jet::Err unavailable = unavailableError_.load(std::memory_order_acquire);
  if (unavailable != jet::err::Success) return unavailable;
  if (Terminating()) return jet::err::TermInProgress;
  return jet::err::Success;
}

jet::Err Instance::RunningInstanceError() const {
  if (serviceStopped_.load(std::memory_order_acquire)) return jet::err::ClientRequestToStopJetService;
  const jet::Err unavailable = unavailableError_.load(std::memory_order_acquire);
  if (unavailable != jet::err::Success) return unavailable;
  if (Terminating()) return jet::err::TermInProgress;
  if (!Initialized()) return jet::err::NotInitialized;
  return jet::err::Success;
}

// ESE's quota of sessions is JET_paramMaxSessions plus the 69 it keeps for its own work
// (daeconst.hxx cpibSystem; jetapi.cxx ErrInitComplete sets the resource quota), and a started
// instance holds 4 of those itself, so applications get the parameter plus 65 (measured on
// ESE's engine: 67 sessions with the parameter at 2, 75 at 10).
constexpr jet::ApiPtr kSessionsBeyondMaxSessions = 69 - 4;

jet::Err Instance::OpenSession(jet::Sesid *psesid) {
  if (sessions_.size() >= params_.Number(jet::param::MaxSessions) + kSessionsBeyondMaxSessions) {
    return jet::err::OutOfSessions;
  }
  HandleRegistry<Session> &registry = Engine::Get().Sessions();
  Session *session = registry.Reserve();
  if (session == nullptr) return jet::err::OutOfSessions;
  try {
    sessions_.push_back(session);
  } catch (...) {
    registry.Unreserve(session);
    throw;
  }
  session->Open(this);
  *psesid = registry.Publish(session);
  return jet::err::Success;
}

void Instance::CloseSession(Session *session) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(std::remove(sessions_.begin(), sessions_.end(), session), sessions_.end());
  Engine::Get().Sessions().Retire(session, 1);
}

jet::Err Instance::StopService(jet::Grbit grbit) {
  if ((grbit & ~kStopServiceUserBits) != 0) return jet::err::InvalidGrbit;

  if ((grbit & jet::bit::StopServiceResume) != 0) {
    // Resume alone means "resume whatever was stopped".
    jet::Grbit resume = grbit & ~jet::bit::StopServiceResume;
    if (resume == 0) resume = stoppedGrbits_;
    if (((resume & ~kResumableStops) & kStopServiceUserBits) != 0) return jet::err::InvalidGrbit;
    if ((resume & ~kResumableStops) != 0) return jet::err::ClientRequestToStopJetService;
    stoppedGrbits_ &= ~resume;
    return jet::err::Success;
  }

  if ((grbit & jet::bit::StopServiceStopAndEmitLog) != 0) {
    return grbit == jet::bit::StopServiceStopAndEmitLog ? jet::err::Success : jet::err::InvalidGrbit;
  }

  jet::Grbit stop = grbit == jet::bit::StopServiceAll ? kStopAllInternal : grbit;
  if ((stop & kStopAllInternal) != 0) stop |= kResumableStops;
  stoppedGrbits_ |= stop;
  if ((stop & kStopAllInternal) != 0) serviceStopped_.store(true, std::memory_order_release);
  return jet::err::Success;
}

}  // namespace emu
