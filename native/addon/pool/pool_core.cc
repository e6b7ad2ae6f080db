#include "pool_core.h"

#include "claim.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <thread>
#include <unordered_map>

#include "../session_calls/cursor.h"

namespace esent {
namespace pool {
namespace {

// Open pools by id. Allocated once and never freed, so that no static destructor runs while
// claim threads may still look a pool up at process exit.
struct Registry {
  std::mutex mutex;
  std::unordered_map<std::uint64_t, std::weak_ptr<PoolCore>> pools;
};

Registry &TheRegistry() {
  static Registry *registry = new Registry();
  return *registry;
}

std::atomic<std::uint64_t> g_nextPoolId{1};
std::atomic<std::uint64_t> g_nextContext{1};

// Another thread holds the session, or is inside the engine with it this instant.
bool IsBusy(jet::Err err) { return err == jet::err::SessionContextAlreadySet || err == jet::err::SessionSharingViolation; }

// Enters the gate to try the session, unless its holder is inside making calls (then the
// session is held, and there is nothing to try). Another thread only trying it is out again
// within one engine call, so that is waited for: passing the session by then could leave a
// free session behind a claim that goes on to wait.
bool EnterToTry(SessionGate &gate) {
  for (unsigned spins = 0;; ++spins) {
    if (gate.TryEnter(SessionGate::kTrying)) return true;
    if (gate.Current() == SessionGate::kHolder) return false;
    if (spins >= 64) std::this_thread::yield();
  }
}

}  // namespace

jet::ApiPtr NewClaimContext() {
  // Shifted left so that the low bits can be set: odd, never 0, never all bits set.
  return static_cast<jet::ApiPtr>(g_nextContext.fetch_add(1, std::memory_order_relaxed) << 4) | 0x5;
}

std::uint64_t NewClaimTicket() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

PoolCore::PoolCore(const EngineTable &engine, jet::Instance instance)
    : id_(g_nextPoolId.fetch_add(1, std::memory_order_relaxed)), engine_(engine), instance_(instance) {}

PoolCore::~PoolCore() {
  Registry &registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  registry.pools.erase(id_);
}

std::shared_ptr<PoolCore> PoolCore::Create(const EngineTable &engine, jet::Instance instance, std::size_t size,
                                           CallOutcome &outcome) {
  std::shared_ptr<PoolCore> core(new PoolCore(engine, instance));
  for (std::size_t i = 0; i < size; ++i) {
    auto slot = std::make_unique<Slot>();
    jet::Err err = engine.BeginSessionW(instance, &slot->sesid, nullptr, nullptr);
    if (err < 0) {
      outcome.Fail(err, "JetBeginSession");
      for (auto &begun : core->slots_) engine.EndSession(begun->sesid, 0);
      return nullptr;
    }
    core->slots_.push_back(std::move(slot));
  }
  Registry &registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  registry.pools[core->id_] = core;
  return core;
}

std::shared_ptr<PoolCore> PoolCore::Find(std::uint64_t id) {
  Registry &registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto found = registry.pools.find(id);
  if (found == registry.pools.end()) return nullptr;
  std::shared_ptr<PoolCore> core = found->second.lock();
  return core && !core->Closed() ? core : nullptr;
}

std::vector<std::shared_ptr<PoolCore>> PoolCore::PoolsOf(jet::Instance instance) {
  std::vector<std::shared_ptr<PoolCore>> pools;
  Registry &registry = TheRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  for (auto &entry : registry.pools) {
    std::shared_ptr<PoolCore> core = entry.second.lock();
    if (core && core->instance_ == instance) pools.push_back(std::move(core));
  }
  return pools;
}

Attempt PoolCore::TryClaim(jet::ApiPtr context, std::size_t *index, CallOutcome &failure) {
  if (Closed()) return Attempt::Closed;
  const std::size_t count = slots_.size();
  const std::size_t start = nextStart_.fetch_add(1, std::memory_order_relaxed) % count;
  bool sawBusy = false;
  bool sawSession = false;
  for (std::size_t step = 0; step < count; ++step) {
    const std::size_t i = (start + step) % count;
    Slot &slot = *slots_[i];
    if (!EnterToTry(slot.gate)) {
      sawBusy = true;
      continue;
    }
    if (slot.sesid == 0) {
      slot.gate.Leave();
      continue;
    }
    sawSession = true;
    jet::Err err = engine_.SetSessionContext(slot.sesid, context);
    if (err >= 0 && slot.parkedContext == 0) {
      slot.gate.Leave();
      *index = i;
      return Attempt::Claimed;
    }
    if (err >= 0) engine_.ResetSessionContext(slot.sesid);  // a handed-off transaction waits here
    slot.gate.Leave();
    if (err >= 0 || IsBusy(err)) {
      sawBusy = true;
    } else if (!failure.Failed()) {
      failure.Fail(err, "JetSetSessionContext");
    }
  }
  if (sawBusy) return Attempt::Busy;
  if (failure.Failed()) return Attempt::Failed;
  return sawSession ? Attempt::Busy : Attempt::Closed;
}

Attempt PoolCore::Adopt(std::size_t index, jet::ApiPtr context, CallOutcome &failure) {
  if (Closed()) return Attempt::Closed;
  if (index >= slots_.size()) return Attempt::Stale;
  Slot &slot = *slots_[index];
  GateScope gate(slot.gate, SessionGate::kTrying);
  if (slot.sesid == 0) return Attempt::Closed;
  if (slot.parkedContext != context) return Attempt::Stale;
  jet::Err err = engine_.SetSessionContext(slot.sesid, context);
  if (err < 0) {
    failure.Fail(err, "JetSetSessionContext");
    return Attempt::Failed;
  }
  slot.parkedContext = 0;
  return Attempt::Claimed;
}

void PoolCore::Reset(std::size_t index) {
  Slot &slot = *slots_[index];
  GateScope gate(slot.gate, SessionGate::kHolder);
  if (slot.sesid != 0) engine_.ResetSessionContext(slot.sesid);
}

Woken PoolCore::Release(std::size_t index) {
  Reset(index);
  return Wake();
}

void PoolCore::Park(std::size_t index, jet::ApiPtr context) {
  Slot &slot = *slots_[index];
  GateScope gate(slot.gate, SessionGate::kHolder);
  if (slot.sesid == 0) return;
  slot.parkedContext = context;
  engine_.ResetSessionContext(slot.sesid);
}

Woken PoolCore::Discard(std::size_t index) {
  {
    Slot &slot = *slots_[index];
    GateScope gate(slot.gate, SessionGate::kHolder);
    if (slot.sesid != 0) {
      // Errors here mean the session is past saving; it is then taken out of the pool.
      session_calls::EngineRollback(engine_, slot.sesid, jet::bit::RollbackAll);
      engine_.ResetSessionContext(slot.sesid);
      jet::Err err = engine_.EndSession(slot.sesid, 0);
      slot.sesid = 0;
      slot.parkedContext = 0;
      if (err >= 0) {
        jet::Sesid fresh = 0;
        if (engine_.BeginSessionW(instance_, &fresh, nullptr, nullptr) >= 0) slot.sesid = fresh;
      }
    }
  }
  return Wake();
}

Woken PoolCore::Wake() {
  Woken woken;
  std::lock_guard<std::mutex> lock(waitMutex_);
  ++epoch_;
  released_.notify_all();
  if (waiting_.empty()) return woken;
  woken.attempt = TryClaim(waiting_.front()->Context(), &woken.index, woken.failure);
  if (woken.attempt == Attempt::Busy) return woken;
  woken.claim = std::move(waiting_.front());
  waiting_.pop_front();
  return woken;
}

bool PoolCore::StartAttempt() {
  std::size_t current = attempts_.load(std::memory_order_relaxed);
  while (current < slots_.size()) {
    if (attempts_.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel)) return true;
  }
  return false;
}

std::uint64_t PoolCore::Epoch() {
  std::lock_guard<std::mutex> lock(waitMutex_);
  return epoch_;
}

void PoolCore::InsertInLine(const std::shared_ptr<Claim> &claim) {
  auto place = waiting_.end();
  while (place != waiting_.begin() && (*std::prev(place))->Ticket() > claim->Ticket()) --place;
  waiting_.insert(place, claim);
}

bool PoolCore::EnqueueBehindOthers(const std::shared_ptr<Claim> &claim) {
  std::lock_guard<std::mutex> lock(waitMutex_);
  if (waiting_.empty() || Closed()) return false;
  InsertInLine(claim);
  return true;
}

Attempt PoolCore::TryOrWait(const std::shared_ptr<Claim> &claim, std::size_t *index, CallOutcome &failure) {
  std::lock_guard<std::mutex> lock(waitMutex_);
  Attempt attempt = TryClaim(claim->Context(), index, failure);
  if (attempt != Attempt::Busy) return attempt;
  if (Closed()) return Attempt::Closed;
  InsertInLine(claim);
  return Attempt::Busy;
}

bool PoolCore::EnqueueAnyway(const std::shared_ptr<Claim> &claim) {
  std::lock_guard<std::mutex> lock(waitMutex_);
  if (Closed()) return false;
  InsertInLine(claim);
  return true;
}

std::size_t PoolCore::Waiting() {
  std::lock_guard<std::mutex> lock(waitMutex_);
  return waiting_.size();
}

bool PoolCore::Withdraw(const Claim *claim) {
  std::lock_guard<std::mutex> lock(waitMutex_);
  auto found = std::find_if(waiting_.begin(), waiting_.end(),
                            [claim](const std::shared_ptr<Claim> &waiting) { return waiting.get() == claim; });
  if (found == waiting_.end()) return false;
  waiting_.erase(found);
  return true;
}

std::vector<std::shared_ptr<Claim>> PoolCore::BeginClose() {
  std::lock_guard<std::mutex> lock(waitMutex_);
  closed_.store(true, std::memory_order_release);
  std::vector<std::shared_ptr<Claim>> refused(waiting_.begin(), waiting_.end());
  waiting_.clear();
  return refused;
}

void PoolCore::EnterAllGates() {
  for (auto &slot : slots_) slot->gate.Enter(SessionGate::kHolder);
}

void PoolCore::LeaveAllGates() {
  for (auto &slot : slots_) slot->gate.Leave();
}

void PoolCore::RollBackHandOffs() {
  for (auto &slot : slots_) {
    if (slot->sesid == 0 || slot->parkedContext == 0) continue;
    const char *failed = nullptr;
    RollBackParked(*slot, &failed);
  }
}

jet::Err PoolCore::RollBackParked(Slot &slot, const char **failed) {
  jet::Err err = engine_.SetSessionContext(slot.sesid, slot.parkedContext);
  *failed = "JetSetSessionContext";
  if (err >= 0) {
    err = session_calls::EngineRollback(engine_, slot.sesid, jet::bit::RollbackAll);
    *failed = "JetRollback";
    engine_.ResetSessionContext(slot.sesid);
  }
  slot.parkedContext = 0;
  return err;
}

std::vector<std::shared_ptr<Claim>> PoolCore::RetireAll() {
  for (auto &slot : slots_) {
    slot->sesid = 0;
    slot->parkedContext = 0;
  }
  std::vector<std::shared_ptr<Claim>> refused = BeginClose();
  {
    std::lock_guard<std::mutex> lock(waitMutex_);
    ++epoch_;
    released_.notify_all();
  }
  return refused;
}

TermGuard::TermGuard(jet::Instance instance) : pools_(PoolCore::PoolsOf(instance)) {
  // Always in registry order, so that two terms of one instance cannot deadlock.
  std::sort(pools_.begin(), pools_.end(),
            [](const std::shared_ptr<PoolCore> &a, const std::shared_ptr<PoolCore> &b) { return a->Id() < b->Id(); });
  for (auto &pool : pools_) pool->EnterAllGates();
}

TermGuard::~TermGuard() {
  for (auto &pool : pools_) pool->LeaveAllGates();
}

jet::Err TermGuard::After(jet::Err err) {
  if (err < 0 && err != jet::err::DirtyShutdown) return err;
  for (auto &pool : pools_) {
    for (auto &claim : pool->RetireAll()) claim->RefuseClosed();
  }
  return err;
}

void TermGuard::RollBackHandOffs() {
  for (auto &pool : pools_) pool->RollBackHandOffs();
}

void PoolCore::EndSlot(Slot &slot, CallOutcome &outcome) {
  // Entered with a context set by this thread, which proves no claim holds the session.
  engine_.ResetSessionContext(slot.sesid);
  if (slot.parkedContext != 0) {
    const char *failed = nullptr;
    jet::Err err = RollBackParked(slot, &failed);
    if (err < 0 && !outcome.Failed()) outcome.Fail(err, failed);
  }
  jet::Err err = engine_.EndSession(slot.sesid, 0);
  if (err < 0 && !outcome.Failed()) outcome.Fail(err, "JetEndSession");
  slot.sesid = 0;
}

void PoolCore::FinishClose(CallOutcome &outcome) {
  const jet::ApiPtr closeContext = NewClaimContext();
  for (auto &slotPointer : slots_) {
    Slot &slot = *slotPointer;
    for (;;) {
      const std::uint64_t seen = Epoch();
      if (EnterToTry(slot.gate)) {
        if (slot.sesid == 0) {
          slot.gate.Leave();
          break;
        }
        // Setting a context is how to learn that no claim holds the session, as for a claim.
        jet::Err err = engine_.SetSessionContext(slot.sesid, closeContext);
        if (err >= 0) {
          EndSlot(slot, outcome);
          slot.gate.Leave();
          break;
        }
        slot.gate.Leave();
        if (!IsBusy(err)) {
          if (!outcome.Failed()) outcome.Fail(err, "JetSetSessionContext");
          break;
        }
      }
      // Held by a claim: wait for a release. The timed wait also covers a gate that was only
      // busy for an instant (another thread trying the session), which no release follows.
      std::unique_lock<std::mutex> lock(waitMutex_);
      released_.wait_for(lock, std::chrono::milliseconds(20), [&] { return epoch_ != seen; });
    }
  }
}

}  // namespace pool
}  // namespace esent
