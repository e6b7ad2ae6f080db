#include "transaction.h"

#include <atomic>
#include <iterator>

namespace emu {
namespace {
std::atomic<std::uint64_t> g_nextLevelSerial{1};
}  // namespace

void TransactionStack::BeginOutermost(TransactionOwnerModel model, std::uint64_t owner, bool readOnly,
                                      std::uint64_t snapshot, std::int64_t trxid) {
  ownerModel_ = model;
  owner_ = owner;
  readOnly_ = readOnly;
  snapshotTimestamp_ = snapshot;
  levels_[0].trxid = trxid;
  levels_[0].serial = g_nextLevelSerial++;
  level_ = 1;
}

void TransactionStack::BeginNested(std::int64_t trxid) {
  levels_[level_].trxid = trxid;
  levels_[level_].serial = g_nextLevelSerial++;
  ++level_;
}

bool TransactionStack::CommitInnermost() {
  TransactionLevel &closing = levels_[level_ - 1];
  --level_;
  if (level_ > 0) {
    for (auto list : {&TransactionLevel::undo, &TransactionLevel::cursorUndo}) {
      std::vector<UndoAction> &parent = levels_[level_ - 1].*list;
      parent.insert(parent.end(), std::make_move_iterator((closing.*list).begin()),
                    std::make_move_iterator((closing.*list).end()));
    }
  }
  closing.undo.clear();
  closing.cursorUndo.clear();
  closing.trxid = 0;
  if (level_ == 0) {
    ResetOutermostFacts();
    return true;
  }
  return false;
}

void TransactionStack::RollbackCursorsOfInnermost() {
  TransactionLevel &closing = levels_[level_ - 1];
  std::vector<UndoAction> actions = std::move(closing.cursorUndo);
  closing.cursorUndo.clear();
  for (auto action = actions.rbegin(); action != actions.rend(); ++action) (*action)();
}

void TransactionStack::RollbackInnermost() {
  RollbackCursorsOfInnermost();
  TransactionLevel &closing = levels_[level_ - 1];
  for (auto action = closing.undo.rbegin(); action != closing.undo.rend(); ++action) (*action)();
  closing.undo.clear();
  closing.trxid = 0;
  --level_;
  if (level_ == 0) ResetOutermostFacts();
}

void TransactionStack::RollbackAll() {
  while (level_ > 0) RollbackInnermost();
}

void TransactionStack::ResetOutermostFacts() {
  readOnly_ = false;
  snapshotTimestamp_ = 0;
  ownerModel_ = TransactionOwnerModel::kThreadId;
  owner_ = 0;
}

}  // namespace emu
