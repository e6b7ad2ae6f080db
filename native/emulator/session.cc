#include "session.h"

#include <cstring>

#include "data/hooks.h"
#include "engine.h"
#include "instance.h"
#include "os_thread.h"

namespace emu {

void Session::Open(Instance *instance) {
  instance_.store(instance, std::memory_order_relaxed);
  context_.store(kNoSessionContext, std::memory_order_relaxed);
  contextThread_.store(0, std::memory_order_relaxed);
  commitDefault_ = instance->DefaultCommitGrbit();
  correlationId_ = 0;
  std::memset(operationContext_, 0, sizeof operationContext_);
  transactions_.RollbackAll();
}

jet::Err Session::EnterCall(std::uintptr_t handle) {
  std::uint64_t word = word_.load(std::memory_order_acquire);
  for (;;) {
    if (!HandleRegistry<Session>::StillNames(handle, word)) return jet::err::InvalidSesid;
    if (CallsOf(word) != 0) return jet::err::SessionSharingViolation;
    if (word_.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel, std::memory_order_acquire)) {
      return jet::err::Success;
    }
  }
}

bool Session::OwnsTransaction() const {
  const std::uint64_t thread = CurrentThreadId();
  if (transactions_.OwnerModel() == TransactionOwnerModel::kSessionContext) {
    return context_.load(std::memory_order_relaxed) == transactions_.Owner() &&
           contextThread_.load(std::memory_order_relaxed) == thread;
  }
  return transactions_.Owner() == thread;
}

bool Session::ContextSetByAnotherThread() const {
  return context_.load(std::memory_order_relaxed) != kNoSessionContext &&
         contextThread_.load(std::memory_order_relaxed) != CurrentThreadId();
}

jet::Err Session::SetContext(jet::ApiPtr context) {
  if (context == kNoSessionContext || context == kUnusableSessionContext) return jet::err::InvalidParameter;
  jet::ApiPtr expected = kNoSessionContext;
  if (!context_.compare_exchange_strong(expected, context, std::memory_order_acq_rel)) {
    return jet::err::SessionContextAlreadySet;
  }
  contextThread_.store(CurrentThreadId(), std::memory_order_relaxed);
  return jet::err::Success;
}

jet::Err Session::ResetContext() {
  if (context_.load(std::memory_order_relaxed) == kNoSessionContext ||
      contextThread_.load(std::memory_order_relaxed) != CurrentThreadId()) {
    return jet::err::SessionContextNotSetByThisThread;
  }
  contextThread_.store(0, std::memory_order_relaxed);
  context_.store(kNoSessionContext, std::memory_order_release);
  return jet::err::Success;
}

jet::Err Session::BeginTransaction(std::int64_t trxid, jet::Grbit grbit) {
  if (transactions_.Level() >= kMaxTransactionLevels) return jet::err::TransTooDeep;
  if (transactions_.Level() == 0) {
    const jet::ApiPtr context = context_.load(std::memory_order_relaxed);
    const bool contextModel = context != kNoSessionContext;
    data::OnBeginOutermost(*this);  // data layer: keeps the versions this snapshot reads
    transactions_.BeginOutermost(contextModel ? TransactionOwnerModel::kSessionContext : TransactionOwnerModel::kThreadId,
                                 contextModel ? std::uint64_t(context) : CurrentThreadId(),
                                 (grbit & jet::bit::TransactionReadOnly) != 0, GetInstance()->CurrentTimestamp(), trxid);
    return jet::err::Success;
  }
  if (!OwnsTransaction()) return jet::err::SessionSharingViolation;
  transactions_.BeginNested(trxid);
  return jet::err::Success;
}

jet::Err Session::CommitTransaction(jet::Grbit grbit, jet::ULong cmsecDurableCommit) {
  constexpr jet::Grbit kValid = jet::bit::CommitLazyFlush | jet::bit::WaitLastLevel0Commit |
                                jet::bit::WaitAllLevel0Commit | jet::bit::ForceNewLog;
  if ((grbit & ~kValid) != 0) return jet::err::InvalidGrbit;
  // The three log requests stand alone and need no transaction.
  for (jet::Grbit alone : {jet::bit::ForceNewLog, jet::bit::WaitAllLevel0Commit, jet::bit::WaitLastLevel0Commit}) {
    if ((grbit & alone) != 0) return grbit == alone ? data::OnLogRequest(*this, alone) : jet::err::InvalidGrbit;
  }
  if (transactions_.Level() == 0) return jet::err::NotInTransaction;
  if (data::MustRollbackToLevel0(*this)) return jet::err::MustRollback;
  // As in ESE (dir.cxx ErrDIRCommitTransaction): a time to durability means nothing for a
  // commit that is flushed anyway, so it is refused unless this commit (or the session's
  // default) is lazy; checked before the owner.
  if (cmsecDurableCommit != 0 && ((grbit | commitDefault_) & jet::bit::CommitLazyFlush) == 0) {
    return jet::err::InvalidParameter;
  }
  if (!OwnsTransaction()) return jet::err::SessionSharingViolation;
  // Changes of committed nested levels were handed down to level 1, so its undo list says
  // whether the transaction as a whole changed anything.
  const bool changedData = transactions_.Level() == 1 && !transactions_.Current().undo.empty();
  if (transactions_.Level() == 1) {
    // Data layer: logs, waits for the log, stamps versions. A failure leaves it uncommitted.
    const jet::Err err = data::OnCommitOutermost(*this, grbit | commitDefault_);
    if (err < jet::err::Success) return err;
  }
  transactions_.CommitInnermost();
  data::OnCommitted(*this);  // data layer
  if (changedData) GetInstance()->AdvanceTimestamp();
  return jet::err::Success;
}

jet::Err Session::Rollback(jet::Grbit grbit) {
  if (transactions_.Level() == 0) return jet::err::NotInTransaction;
  do {
    if (!OwnsTransaction()) {
      data::OnRollbackRefused(*this);  // data layer
      return jet::err::SessionSharingViolation;
    }
    transactions_.RollbackInnermost();
  } while ((grbit & jet::bit::RollbackAll) != 0 && transactions_.Level() > 0);
  data::OnRolledBack(*this, transactions_.Level() == 0);  // data layer
  return jet::err::Success;
}

void Session::DiscardUnbegunTransaction() {
  if (!transactions_.InTransaction()) return;
  transactions_.RollbackAll();
  data::OnRolledBack(*this, true);  // data layer
}

namespace {

// Writes a fixed-size session parameter the way ESE does: the actual size is reported first,
// then a buffer of the wrong size is refused.
template <typename T>
jet::Err WriteSesparam(const T &value, bool exactSizeOnly, void *pvParam, jet::ULong cbParamMax,
                       jet::ULong *pcbParamActual) {
  if (pcbParamActual != nullptr) *pcbParamActual = sizeof(T);
  if (pvParam != nullptr) {
    if (exactSizeOnly ? cbParamMax != sizeof(T) : cbParamMax < sizeof(T)) return jet::err::InvalidBufferSize;
    std::memcpy(pvParam, &value, sizeof(T));
  }
  return jet::err::Success;
}

}  // namespace

jet::Err Session::GetParameter(jet::ULong sesparamid, void *pvParam, jet::ULong cbParamMax,
                               jet::ULong *pcbParamActual) const {
  if (pvParam == nullptr && pcbParamActual == nullptr) return jet::err::InvalidParameter;
  switch (sesparamid) {
    case jet::sesparam::CommitDefault:
      return WriteSesparam(jet::Grbit(commitDefault_), true, pvParam, cbParamMax, pcbParamActual);
    case jet::sesparam::TransactionLevel:
      return WriteSesparam(std::int32_t(transactions_.Level()), true, pvParam, cbParamMax, pcbParamActual);
    case jet::sesparam::OperationContext: {
      struct OperationContext {
        unsigned char bytes[8];
      } value;
      std::memcpy(value.bytes, operationContext_, sizeof value.bytes);
      return WriteSesparam(value, false, pvParam, cbParamMax, pcbParamActual);
    }
    case jet::sesparam::CorrelationID:
      return WriteSesparam(correlationId_, false, pvParam, cbParamMax, pcbParamActual);
    default:
      return jet::err::InvalidSesparamId;
  }
}

jet::Err Session::PrepareToEnd() {
  jet::ApiPtr expected = kNoSessionContext;
  if (!context_.compare_exchange_strong(expected, kUnusableSessionContext, std::memory_order_acq_rel)) {
    return jet::err::SessionInUse;
  }
  const std::uint64_t thread = CurrentThreadId();
  contextThread_.store(thread, std::memory_order_relaxed);
  if (transactions_.InTransaction()) {
    // A context-model transaction is rolled back on behalf of its owner from any thread; a
    // thread-model one only from the thread that began it.
    if (transactions_.OwnerModel() == TransactionOwnerModel::kSessionContext) {
      transactions_.SetOwner(kUnusableSessionContext);
    }
    if (!OwnsTransaction()) {
      // tm.cxx ErrIsamEndSession rolls back through ErrIsamRollback, whose walk of the cursors
      // comes before the owner check fails it (extended generator seed 19070).
      data::OnRollbackRefused(*this);  // data layer
      contextThread_.store(0, std::memory_order_relaxed);
      context_.store(kNoSessionContext, std::memory_order_release);
      return jet::err::SessionSharingViolation;
    }
    transactions_.RollbackAll();
  }
  return jet::err::Success;
}

SessionCall::SessionCall(jet::Sesid sesid, StopService stopService, Entry entry) {
  if (sesid == 0 || sesid == jet::sesidNil) {
    status_ = jet::err::InvalidSesid;
    return;
  }
  Engine &engine = Engine::Get();
  Session *session = engine.Sessions().Find(sesid);
  if (session == nullptr) {
    status_ = jet::err::InvalidSesid;
    return;
  }
  if ((status_ = engine.EngineWideEntryError()) != jet::err::Success) return;
  Instance *instance = session->GetInstance();
  if ((status_ = instance->SessionEntryError(stopService == StopService::kAllowed)) != jet::err::Success) return;
  if (entry == Entry::kLookOnly) {
    if (!HandleRegistry<Session>::StillNames(sesid, session->Word())) status_ = jet::err::InvalidSesid;
    if (status_ == jet::err::Success && instance->Terminating()) status_ = jet::err::TermInProgress;
    session_ = session;
    return;
  }
  if ((status_ = session->EnterCall(sesid)) != jet::err::Success) return;
  // JetTerm may have started between the state check and the entry; it waits only for calls
  // that are already inside, so a late one must back out.
  if (instance->Terminating()) {
    session->LeaveCall();
    status_ = jet::err::TermInProgress;
    return;
  }
  session_ = session;
  entered_ = true;
}

SessionCall::~SessionCall() {
  if (entered_) session_->LeaveCall();
}

}  // namespace emu
