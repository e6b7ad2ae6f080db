// A session (JET_SESID) and the two thread checks ESE makes on it.
//
// Check 1, concurrent entry, is SessionCall: every API call that takes a session enters it
// with one compare-exchange on the session's call counter and leaves it on return, so two
// calls at the same time on one session fail the second with JET_errSessionSharingViolation.
//
// Check 2, transaction ownership, is Session::OwnsTransaction: only nested begin, commit and
// rollback ask it.
//
// A session's fields are only touched by the thread inside a call on it (check 1 makes that
// thread unique), by the thread that opens it before it is published, or by JetTerm after
// every call on it has left.
#pragma once

#include <atomic>
#include <cstdint>

#include "esent/jet_api.h"
#include "handle_registry.h"
#include "transaction.h"

namespace emu {

class Instance;

// Session context values ESE reserves: "none" and the lock JetEndSession takes.
constexpr jet::ApiPtr kNoSessionContext = 0;
constexpr jet::ApiPtr kUnusableSessionContext = ~jet::ApiPtr(0);

// Cache-line aligned so that calls on neighbouring sessions never share a line.
class alignas(64) Session : public PooledObject {
 public:
  // Prepares a recycled slot for a new session of `instance` (before it is published).
  void Open(Instance *instance);

  Instance *GetInstance() const { return instance_.load(std::memory_order_acquire); }
  TransactionStack &Transactions() { return transactions_; }
  const TransactionStack &Transactions() const { return transactions_; }

  // Check 1. Enters a call on the session named by `handle`.
  jet::Err EnterCall(std::uintptr_t handle);
  void LeaveCall() { word_.fetch_sub(1, std::memory_order_release); }

  // Check 2: may the calling thread nest, commit or roll back the open transaction?
  bool OwnsTransaction() const;
  // A transaction begun now would be owned by a context another thread set, so that the
  // calling thread could not commit it.
  bool ContextSetByAnotherThread() const;

  // The operations below run inside a call on the session.
  jet::Err SetContext(jet::ApiPtr context);
  jet::Err ResetContext();
  jet::Err BeginTransaction(std::int64_t trxid, jet::Grbit grbit);
  // cmsecDurableCommit: JetCommitTransaction2's time within which a lazy commit must reach disk.
  jet::Err CommitTransaction(jet::Grbit grbit, jet::ULong cmsecDurableCommit = 0);
  jet::Err Rollback(jet::Grbit grbit);
  // Ends the level-0 transaction a single change opened ahead of ESE's own when the call
  // failed before ESE would have begun it: ESE never had it, so nobody's ownership is checked.
  void DiscardUnbegunTransaction();
  jet::Err GetParameter(jet::ULong sesparamid, void *pvParam, jet::ULong cbParamMax, jet::ULong *pcbParamActual) const;

  // JetEndSession up to the point of freeing: locks the session with the reserved context and
  // rolls back. On failure the session is left as it was and stays usable.
  jet::Err PrepareToEnd();

 private:
  std::atomic<Instance *> instance_{nullptr};
  // The session context and the OS thread that set it. Atomic because ESE sets the context
  // with a compare-exchange; check 1 already keeps other threads out.
  std::atomic<jet::ApiPtr> context_{kNoSessionContext};
  std::atomic<std::uint64_t> contextThread_{0};
  jet::Grbit commitDefault_ = 0;
  std::uint32_t correlationId_ = 0;
  unsigned char operationContext_[8] = {};
  TransactionStack transactions_;
};

// One API call on a session: validates the handle, makes the instance-state checks and
// check 1, in ESE's order, and leaves the session when it goes out of scope.
class SessionCall {
 public:
  enum class StopService { kRefused, kAllowed };
  // kClaim: the call holds the session while it runs, and a second call at the same time
  // fails with JET_errSessionSharingViolation. kLookOnly: ESE's JetGetSessionParameter enters
  // the instance, not the session (jetapi.cxx, so that a monitoring thread can read a session
  // it does not own): it never meets nor causes a sharing violation.
  enum class Entry { kClaim, kLookOnly };

  explicit SessionCall(jet::Sesid sesid, StopService stopService = StopService::kRefused, Entry entry = Entry::kClaim);
  ~SessionCall();
  SessionCall(const SessionCall &) = delete;
  SessionCall &operator=(const SessionCall &) = delete;

  // JET_errSuccess when the call holds the session.
  jet::Err Status() const { return status_; }
  Session &session() { return *session_; }
  // The call freed the session (JetEndSession): there is nothing left to leave.
  void SessionRetired() { entered_ = false; }

 private:
  Session *session_ = nullptr;
  bool entered_ = false;
  jet::Err status_ = jet::err::Success;
};

}  // namespace emu
