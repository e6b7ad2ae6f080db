// The process-wide half of a session pool: its sessions, one entry gate each, and the line
// of claims waiting for a session to come free. One PoolCore serves every JavaScript
// environment of the process (the main thread and each Worker reach it by its id), because
// JET handles are process-wide.
//
// Who holds which session is recorded in one place only: the engine's session context. A
// claim is a JetSetSessionContext that succeeds, made on the thread that will hold it (a
// ClaimThread), which keeps the context set until the claim is released. Nothing here says
// which claim holds a session; a session is free exactly when its context can be set.
//
// The one exception is a transaction handed off between threads: its session is left with
// no context set (any thread may set the transaction's context again, which is how it
// moves) and with a note of that context here, so that claims pass it by and only the
// holder of the hand-off can take it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "../../loader/engine_library.h"
#include "../call_outcome.h"
#include "session_gate.h"

namespace esent {
namespace pool {

class Claim;

// What a claim attempt came to.
enum class Attempt {
  Claimed,  // the context is set on the session; the calling thread holds it
  Busy,     // every session is held (or being tried by another thread)
  Stale,    // adopt: no transaction with that context waits on that session
  Closed,   // the pool is closed
  Failed,   // the engine refused for another reason (recorded in the outcome)
  Withdrawn,  // given up before it was held
};

// The first claim in line, taken out of it by a release together with the outcome of the
// attempt made for it there. No claim: nobody waited, or the session that came free was
// taken before the attempt and the first in line keeps its place.
struct Woken {
  std::shared_ptr<Claim> claim;
  Attempt attempt = Attempt::Busy;
  std::size_t index = 0;  // the session, when Claimed
  CallOutcome failure;    // when Failed
};

class PoolCore {
 public:
  // Begins `size` sessions of `instance` on the calling thread. On failure, ends those begun
  // and records the engine's error in `outcome`.
  static std::shared_ptr<PoolCore> Create(const EngineTable &engine, jet::Instance instance, std::size_t size,
                                          CallOutcome &outcome);
  // The open pool with this id, or null.
  static std::shared_ptr<PoolCore> Find(std::uint64_t id);
  // Every pool, open or closing, whose sessions belong to `instance`.
  static std::vector<std::shared_ptr<PoolCore>> PoolsOf(jet::Instance instance);

  ~PoolCore();
  PoolCore(const PoolCore &) = delete;
  PoolCore &operator=(const PoolCore &) = delete;

  std::uint64_t Id() const { return id_; }
  std::size_t Size() const { return slots_.size(); }
  bool Closed() const { return closed_.load(std::memory_order_acquire); }
  const EngineTable &Engine() const { return engine_; }

  // --- Claiming, on the thread that is to hold the claim ---------------------------------
  // Tries to set `context` on each session in turn, starting at a different one each time.
  Attempt TryClaim(jet::ApiPtr context, std::size_t *index, CallOutcome &failure);
  // Takes the handed-off transaction that waits on session `index` under `context`.
  Attempt Adopt(std::size_t index, jet::ApiPtr context, CallOutcome &failure);

  // --- For the holder of session `index` ---------------------------------------------------
  SessionGate &Gate(std::size_t index) { return slots_[index]->gate; }
  // The session handle; read it only inside the gate.
  jet::Sesid Session(std::size_t index) const { return slots_[index]->sesid; }
  // Resets the context: the session is free, and is tried at once for the first claim in
  // line (Wake), on the calling thread. The caller serves what that returns.
  Woken Release(std::size_t index);
  // Resets the context without waking the line (Wake must follow, on a claim thread).
  void Reset(std::size_t index);
  // Leaves the open transaction waiting under `context` for Adopt, and resets the context.
  void Park(std::size_t index, jet::ApiPtr context);
  // For a holder that can no longer finish its work (its JavaScript environment is gone, or
  // a rollback failed): rolls everything back, resets the context, and replaces the session
  // with a new one, which also closes every table and database it had open. Then as Release.
  Woken Discard(std::size_t index);

  // --- Waiting --------------------------------------------------------------------------
  // Every attempt for a claim that may wait, and every entry into the line, happens under the
  // line's lock, and so does the attempt a release makes for the first in line: a claim in
  // line is never passed by one asked after it, and no release goes unnoticed.
  //
  // Puts `claim` in line if others already wait (so a new claim cannot pass them). False if
  // no one waits: the claim should make its own attempt.
  bool EnqueueBehindOthers(const std::shared_ptr<Claim> &claim);
  // The claim's own attempt: TryClaim, and if every session is held, into the line in the
  // same step (then Busy).
  Attempt TryOrWait(const std::shared_ptr<Claim> &claim, std::size_t *index, CallOutcome &failure);
  // Puts `claim` in line without an attempt of its own, because as many attempts as the pool
  // has sessions are under way: each of them ends in a claim that is released later, or in
  // line behind sessions that are. False if the pool is closed.
  bool EnqueueAnyway(const std::shared_ptr<Claim> &claim);
  // Limits the attempts under way at once to the number of sessions (one claim thread each).
  bool StartAttempt();
  void EndAttempt() { attempts_.fetch_sub(1, std::memory_order_acq_rel); }
  // A session may have come free: tries it for the first claim in line (see Woken).
  Woken Wake();
  // Takes `claim` out of the line; false if it was not in it.
  bool Withdraw(const Claim *claim);
  // How many claims wait in line now (not those making an attempt of their own).
  std::size_t Waiting();

  // --- Terminating the instance ------------------------------------------------------------
  // Waits for engine calls on the pool's sessions to finish and keeps new ones out, until
  // LeaveAllGates. For TermGuard.
  void EnterAllGates();
  void LeaveAllGates();
  // Inside all the gates: rolls back the handed-off transactions nobody adopted, each under
  // its own context, so that a term of the instance finds no transaction open.
  void RollBackHandOffs();
  // Inside all the gates, after the instance was terminated: its session handles are gone,
  // so none may reach the engine again. Closes the pool; returns the claims that waited.
  std::vector<std::shared_ptr<Claim>> RetireAll();

  // --- Closing --------------------------------------------------------------------------
  // Refuses new claims and from now on and returns the claims that were waiting.
  std::vector<std::shared_ptr<Claim>> BeginClose();
  // On a thread that may block: waits for every claim to be released, rolls back handed-off
  // transactions, and ends every session. Records the first engine failure in `outcome`.
  void FinishClose(CallOutcome &outcome);

 private:
  struct Slot {
    SessionGate gate;
    // Both read and written only inside the gate.
    jet::Sesid sesid = 0;           // 0 once ended
    jet::ApiPtr parkedContext = 0;  // a handed-off transaction waits under this context
  };

  PoolCore(const EngineTable &engine, jet::Instance instance);
  // Puts `claim` in line by its ticket: claims asked for earlier stay ahead, even when their
  // own attempt found every session busy after later ones had joined the line.
  void InsertInLine(const std::shared_ptr<Claim> &claim);
  // Counts releases: FinishClose waits for the next one.
  std::uint64_t Epoch();
  // Inside the gate, with a context set by this thread: ends the session (rolling back a
  // handed-off transaction that waits on it).
  void EndSlot(Slot &slot, CallOutcome &outcome);
  // A hand-off nobody adopted, parked on `slot`: its transaction rolled back under its own
  // context, and the slot holds no hand-off after. Returns the first error, with `failed`
  // naming its call.
  jet::Err RollBackParked(Slot &slot, const char **failed);

  const std::uint64_t id_;
  const EngineTable &engine_;
  const jet::Instance instance_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<std::size_t> nextStart_{0};
  std::atomic<bool> closed_{false};
  std::atomic<std::size_t> attempts_{0};

  std::mutex waitMutex_;
  std::condition_variable released_;  // FinishClose waits on it
  std::uint64_t epoch_ = 0;
  std::deque<std::shared_ptr<Claim>> waiting_;
};

// Brackets a JetTerm of `instance` (from any thread): no engine call on its pools' sessions
// runs during the term, and if the term succeeds, none runs after it either (ESENT.dll frees
// a terminated instance's sessions; their handles would point at freed memory). The claims
// held on those sessions then fail their remaining calls with ERR_ESENT_POOL_CLOSED.
class TermGuard {
 public:
  explicit TermGuard(jet::Instance instance);
  ~TermGuard();
  TermGuard(const TermGuard &) = delete;
  TermGuard &operator=(const TermGuard &) = delete;

  // The term answered `err`: if the instance is gone (success, or a dirty term's
  // JET_errDirtyShutdown), retires the sessions. Returns `err`.
  jet::Err After(jet::Err err);
  // Before a term that must not fail for want of a rollback (the instance's environment is
  // going away): rolls back the pools' hand-offs nobody adopted, which no thread could
  // adopt once the instance is gone.
  void RollBackHandOffs();

 private:
  std::vector<std::shared_ptr<PoolCore>> pools_;
};

// A context value for one claim: unique for the life of the process, never 0 or all bits
// set, and odd, so never the address of a facade session (which uses its own address).
jet::ApiPtr NewClaimContext();

// A number for one claim, larger than any before it in the process.
std::uint64_t NewClaimTicket();

}  // namespace pool
}  // namespace esent
