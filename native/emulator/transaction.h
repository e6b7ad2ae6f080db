// A session's stack of nested transactions.
//
// Level 0 is "no transaction". Beginning at level 0 opens a transaction and records the facts
// that hold for its whole life: who owns it (thread id or session context, see Session), the
// snapshot timestamp its reads see, and whether it is read-only. Every level keeps the undo
// actions of the changes made at that level: committing a nested level hands them to its
// parent (the parent's rollback must still undo them), committing level 1 drops them (the
// changes become durable), rolling a level back runs them newest first.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "esent/jet_api.h"

namespace emu {

// ESE's limit for user transactions: the 8th nested begin fails with JET_errTransTooDeep.
constexpr int kMaxTransactionLevels = 7;

using UndoAction = std::function<void()>;

enum class TransactionOwnerModel {
  kThreadId,        // begun with no session context: owned by the beginning OS thread
  kSessionContext,  // begun with a session context set: owned by that context value
};

struct TransactionLevel {
  std::int64_t trxid = 0;  // JetBeginTransaction3's identifier, kept for diagnostics
  std::uint64_t serial = 0;  // unique to this opening of the level, process-wide
  std::vector<UndoAction> undo;
  // What a rollback does to the session's cursors (closing those the level opened). ESE's
  // ErrIsamRollback does it before it checks who owns the transaction, so a rollback refused
  // with JET_errSessionSharingViolation has done it all the same.
  std::vector<UndoAction> cursorUndo;
};

class TransactionStack {
 public:
  int Level() const { return level_; }
  bool InTransaction() const { return level_ > 0; }

  // Facts of the open transaction (meaningful while Level() > 0).
  bool ReadOnly() const { return readOnly_; }
  std::uint64_t SnapshotTimestamp() const { return snapshotTimestamp_; }
  TransactionOwnerModel OwnerModel() const { return ownerModel_; }
  std::uint64_t Owner() const { return owner_; }
  // JetEndSession rolls back on behalf of whoever holds the session: it re-points the owner.
  void SetOwner(std::uint64_t owner) { owner_ = owner; }

  // The data layer calls this before any change: JET_errTransReadOnly inside a read-only
  // transaction.
  jet::Err CheckUpdatable() const { return readOnly_ && level_ > 0 ? jet::err::TransReadOnly : jet::err::Success; }

  // The innermost open level, where new undo actions go. Only valid while Level() > 0.
  TransactionLevel &Current() { return levels_[level_ - 1]; }
  // The open level `level` (1: the outermost; at most Level()).
  TransactionLevel &At(int level) { return levels_[level - 1]; }

  void BeginOutermost(TransactionOwnerModel model, std::uint64_t owner, bool readOnly, std::uint64_t snapshot,
                      std::int64_t trxid);
  void BeginNested(std::int64_t trxid);
  // Closes the innermost level keeping its changes. Returns true when that ended the
  // transaction (level 1 committed).
  bool CommitInnermost();
  // Closes the innermost level undoing its changes (its cursor actions first).
  void RollbackInnermost();
  // Runs the innermost level's cursor actions only, leaving the level open.
  void RollbackCursorsOfInnermost();
  // Drops every level, undoing all changes (session end, abrupt term).
  void RollbackAll();

 private:
  void ResetOutermostFacts();

  // Atomic because JetGetSessionParameter reads it without holding the session (see
  // SessionCall::Entry::kLookOnly) while a call on another thread may change it.
  std::atomic<int> level_{0};
  bool readOnly_ = false;
  std::uint64_t snapshotTimestamp_ = 0;
  TransactionOwnerModel ownerModel_ = TransactionOwnerModel::kThreadId;
  std::uint64_t owner_ = 0;
  TransactionLevel levels_[kMaxTransactionLevels];
};

}  // namespace emu
