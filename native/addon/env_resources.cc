#include "env_resources.h"

#include <map>
#include <mutex>
#include <vector>

#include "../loader/engine_library.h"
#include "pool/pool_core.h"

namespace esent {
namespace resources {
namespace {

struct SessionEntry {
  napi_env env;
  jet::Instance instance;
};

// Process-wide: a session may be begun in one environment on an instance of another.
std::mutex g_mutex;
std::map<jet::Instance, napi_env> g_instances;
std::map<jet::Sesid, SessionEntry> g_sessions;
jet::Instance g_singleInstance = 0;

bool IsNil(jet::Instance instance) { return instance == 0 || instance == jet::instanceNil; }

void ForgetInstanceLocked(jet::Instance instance) {
  g_instances.erase(instance);
  for (auto it = g_sessions.begin(); it != g_sessions.end();) {
    it = it->second.instance == instance ? g_sessions.erase(it) : std::next(it);
  }
  if (instance == g_singleInstance) g_singleInstance = 0;
}

// Runs on the environment's own thread as it is torn down. Added at module load, before the
// environment's Completions and PoolEnv hooks, so it runs after them (hooks run in reverse
// order): by then none of its session calls is inside the engine on an engine thread, none
// of its pool batches on a claim thread, and the pool claims it held are discarded.
void Cleanup(void *arg) {
  const napi_env env = static_cast<napi_env>(arg);
  std::vector<jet::Sesid> sessions;
  std::vector<jet::Instance> instances;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    for (const auto &entry : g_sessions) {
      if (entry.second.env == env) sessions.push_back(entry.first);
    }
    for (const auto &entry : g_instances) {
      if (entry.second == env) instances.push_back(entry.first);
    }
  }
  if (sessions.empty() && instances.empty()) return;
  std::string error;
  const EngineTable *engine = GetEngineTable(&error);
  if (engine == nullptr) return;
  for (jet::Sesid sesid : sessions) {
    // Rolls back its transaction (one begun without a context on another thread cannot
    // be, and keeps the instance from terminating cleanly: see below).
    if (engine->EndSession(sesid, 0) >= 0) SessionEnded(sesid);
  }
  for (jet::Instance instance : instances) {
    // Session pools of the instance (whichever environment uses them) make no engine call
    // during the term, and none on its sessions after it.
    pool::TermGuard pools(instance);
    // Hand-offs nobody adopted: no thread can adopt them once the instance is gone, and an
    // open transaction would make the term dirty.
    pools.RollBackHandOffs();
    // A transaction nobody could roll back makes a clean term fail; a dirty one still
    // releases everything, and the next JetInit on the same log recovers.
    if (engine->Term2 == nullptr) {
      pools.After(engine->Term(instance));
    } else if (pools.After(engine->Term2(instance, jet::bit::TermAbrupt)) < 0) {
      pools.After(engine->Term2(instance, jet::bit::TermDirty));
    }
    InstanceTerminated(instance);
  }
}

}  // namespace

void Install(Napi::Env env) {
  napi_env raw = env;
  napi_add_env_cleanup_hook(raw, Cleanup, raw);
}

void InstanceCreated(napi_env env, jet::Instance instance) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_instances[instance] = env;
}

void SingleInstanceCreated(napi_env env, jet::Instance instance) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_instances[instance] = env;
  g_singleInstance = instance;
}

void InstanceTerminated(jet::Instance instance) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (IsNil(instance)) instance = g_singleInstance;
  if (!IsNil(instance)) ForgetInstanceLocked(instance);
}

void SessionBegun(napi_env env, jet::Sesid sesid, jet::Instance instance) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (IsNil(instance)) instance = g_singleInstance;
  g_sessions[sesid] = SessionEntry{env, instance};
}

void SessionDuplicated(napi_env env, jet::Sesid original, jet::Sesid duplicate) {
  std::lock_guard<std::mutex> lock(g_mutex);
  auto found = g_sessions.find(original);
  g_sessions[duplicate] = SessionEntry{env, found != g_sessions.end() ? found->second.instance : 0};
}

void SessionEnded(jet::Sesid sesid) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_sessions.erase(sesid);
}

}  // namespace resources
}  // namespace esent
