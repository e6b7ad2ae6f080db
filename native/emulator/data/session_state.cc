// Per-session state of the data layer, and what happens to it when the session ends.
#include "session_state.h"

#include <mutex>
#include <unordered_map>

#include "cursor.h"
#include "databases.h"
#include "hooks.h"
#include "versions.h"

namespace emu {
namespace data {
namespace {

// A leaf lock: nothing else is taken while holding it.
std::mutex g_stateMutex;
// Never destroyed: see g_databases (databases.cc).
auto &g_states = *new std::unordered_map<Session *, std::unique_ptr<SessionState>>();

}  // namespace

SessionState &StateOf(Session &s) {
  std::lock_guard<std::mutex> lock(g_stateMutex);
  std::unique_ptr<SessionState> &state = g_states[&s];
  if (!state) state = std::make_unique<SessionState>();
  return *state;
}

std::unique_ptr<SessionState> TakeStateOf(Session &s) {
  std::lock_guard<std::mutex> lock(g_stateMutex);
  auto found = g_states.find(&s);
  if (found == g_states.end()) return nullptr;
  std::unique_ptr<SessionState> state = std::move(found->second);
  g_states.erase(found);
  return state;
}

}  // namespace data
}  // namespace emu
