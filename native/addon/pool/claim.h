// One claim on a session pool, from the request to the release: made by a JavaScript
// environment (pool.run, pool.adopt), won and held by a claim thread.
//
//   request   on the JavaScript thread: a place in line if others wait, otherwise an attempt
//             on a claim thread;
//   attempt   on the claim thread: JetSetSessionContext(claim context) on each session in
//             turn (PoolCore::TryClaim); the first that succeeds is the claim. If the run
//             wants a transaction, it is begun here, under that context;
//   held      the session's calls (facade methods, queued in order on its NativeSession) run
//             in batches on the claim thread, which keeps the context set throughout;
//   end       the run's last call (run_end_calls.cc) commits or rolls back; the claim thread
//             then resets the context (the session is free) and serves the first claim in
//             line, or hands the transaction off (PoolCore::Park).
//
// A claim whose environment goes away, or whose JavaScript objects are collected while it is
// held, is discarded on its claim thread (PoolCore::Discard).
#pragma once

#include "../addon_napi.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "../call_outcome.h"
#include "pool_core.h"

namespace esent {

class NativeSession;

namespace pool {

class ClaimThread;
class PoolEnv;

// What the last call of a run asks of the claim thread once its batch is done.
enum class RunVerdict {
  Continue,  // not ended
  Release,   // reset the context: the session is free
  Park,      // leave the transaction waiting for pool.adopt
  Discard,   // the session could not be brought back to level 0: replace it
};

struct ClaimRequest {
  bool begin = false;  // begin a transaction as soon as the session is claimed
  jet::Grbit beginGrbit = 0;
  bool adopt = false;  // take the handed-off transaction on session adoptIndex
  std::size_t adoptIndex = 0;
  jet::ApiPtr adoptContext = 0;
};

class Claim : public std::enable_shared_from_this<Claim> {
 public:
  Claim(std::shared_ptr<PoolCore> pool, std::shared_ptr<PoolEnv> env, const ClaimRequest &request,
        Napi::Promise::Deferred ready);

  // --- JavaScript thread ----------------------------------------------------------------
  // Asks for a session: `ready` resolves once held, or rejects.
  void Start();
  // Gives the claim up before it is held. True if it will never be held: `ready` is then
  // rejected (at once with `reason` if it was in line, otherwise soon, with
  // ERR_ESENT_CLAIM_WITHDRAWN). False if it is held already: end it as usual.
  bool Withdraw(Napi::Value reason);
  // Runs the calls waiting on `session` on the claim thread.
  void StartTrip(NativeSession *session);
  // Runs `work` (a ...Sync call) on the claim thread and waits for it. False if not held.
  bool RunNow(const std::function<void()> &work);
  // The JavaScript side can no longer end the run (its objects were collected): discard.
  void Abandon();
  // The environment is going away (PoolEnv's cleanup). A held claim is discarded on its
  // claim thread, bracketed by the environment's DiscardStarted and DiscardDone.
  void OnEnvironmentGone();

  bool Held();
  std::size_t Index() const { return index_; }
  // When the claim was asked for: the line keeps claims in this order.
  std::uint64_t Ticket() const { return ticket_; }
  jet::Sesid Sesid() const { return sesid_; }
  jet::ApiPtr Context() const { return context_; }
  PoolCore &Pool() const { return *pool_; }

  // --- Claim thread, from the run's last call ---------------------------------------------
  void SetVerdict(RunVerdict verdict) { verdict_ = verdict; }

  // Rejects a claim the pool refused while it waited (the pool closed). Any thread.
  void RefuseClosed();
  // Wakes the line of `pool` from a claim thread, after sessions were reset on a thread that
  // cannot serve claims (the JavaScript thread's claim loop of the benchmark).
  static void WakeLine(const std::shared_ptr<PoolCore> &pool);

 private:
  enum class State { New, Waiting, Trying, Held, Over };
  enum class Tried { Held, Waiting, Over };
  struct Result {
    Tried tried;
    Woken next;  // a claim from the line to serve now, when a release woke one
  };

  // Serves the claims releases take out of the line, one after another on `thread`, until
  // one holds its session or none is left; then retires the thread.
  static void Serve(ClaimThread *thread, Woken next);
  // The claim's own attempt (or its adoption), on `thread`.
  Result TryHere(ClaimThread *thread);
  Result Claimed(ClaimThread *thread, std::size_t index);
  void Fail(Attempt attempt, const CallOutcome &failure);
  void ResolveReady();
  void RunTrip(NativeSession *session);
  // Runs `work` with the session inside its gate, unless the session was retired (its
  // instance terminated). On the claim thread.
  template <typename Work>
  bool WithSession(Work &&work) {
    GateScope gate(pool_->Gate(index_), SessionGate::kHolder);
    jet::Sesid sesid = pool_->Session(index_);
    if (sesid == 0) return false;
    work(sesid);
    return true;
  }
  // Rejects the calls waiting on `session`, on its JavaScript thread.
  void FailCalls(NativeSession *session, const char *code, const char *message);
  // `forGoneEnvironment`: tells the environment when the discard is done (PoolEnv).
  void DiscardHere(ClaimThread *thread, bool forGoneEnvironment);

  const std::shared_ptr<PoolCore> pool_;
  const std::shared_ptr<PoolEnv> env_;
  const ClaimRequest request_;
  const jet::ApiPtr context_;
  const std::uint64_t ticket_;
  Napi::Promise::Deferred ready_;  // JavaScript thread only
  bool countsAsAttempt_ = false;   // holds one of the pool's attempt places (set before the attempt)

  std::mutex mutex_;
  State state_ = State::New;
  bool withdrawn_ = false;  // never to be held: given up, or nobody is left to use it
  ClaimThread *thread_ = nullptr;  // the thread holding the claim
  std::size_t index_ = 0;
  jet::Sesid sesid_ = 0;
  RunVerdict verdict_ = RunVerdict::Continue;  // claim thread only
};

// The claim of a NativeClaim object (pool_api.cc); a TypeError for anything else.
std::shared_ptr<Claim> ClaimOf(Napi::Env env, const Napi::Value &value);

}  // namespace pool
}  // namespace esent
