#include "pool_env.h"

#include <utility>
#include <vector>

#include "claim.h"

namespace esent {
namespace pool {
namespace {

// PoolEnv by environment. Allocated once and never freed (claim threads may outlive statics).
struct Environments {
  std::mutex mutex;
  std::unordered_map<napi_env, std::shared_ptr<PoolEnv>> byEnv;
};

Environments &TheEnvironments() {
  static Environments *environments = new Environments();
  return *environments;
}

struct CleanupArgument {
  napi_env env;
  std::shared_ptr<PoolEnv> poolEnv;
};

}  // namespace

std::shared_ptr<PoolEnv> PoolEnv::For(Napi::Env env) {
  Environments &environments = TheEnvironments();
  {
    std::lock_guard<std::mutex> lock(environments.mutex);
    auto found = environments.byEnv.find(env);
    if (found != environments.byEnv.end()) return found->second;
  }
  std::shared_ptr<PoolEnv> self(new PoolEnv());
  self->env_ = env;
  Napi::Object resource = Napi::Object::New(env);
  self->asyncResource_ = Napi::Persistent(resource);
  Napi::String name = Napi::String::New(env, "esent:pool");
  NAPI_THROW_IF_FAILED(env, napi_async_init(env, resource, name, &self->asyncContext_), nullptr);
  // The thread-safe function keeps this object alive until Node.js finalizes it, which is
  // after every call it still had queued.
  auto *keepAlive = new std::shared_ptr<PoolEnv>(self);
  napi_status status = napi_create_threadsafe_function(
      env, nullptr, nullptr, name, 0, 1, keepAlive,
      [](napi_env, void *data, void *) { delete static_cast<std::shared_ptr<PoolEnv> *>(data); }, self.get(), CallJs,
      &self->toJavaScript_);
  if (status != napi_ok) {
    delete keepAlive;
    NAPI_THROW_IF_FAILED(env, status, nullptr);
  }
  napi_unref_threadsafe_function(env, self->toJavaScript_);
  // Registered after the thread-safe function, so it runs before Node.js closes it.
  NAPI_THROW_IF_FAILED(env, napi_add_env_cleanup_hook(env, Cleanup, new CleanupArgument{env, self}), nullptr);
  std::lock_guard<std::mutex> lock(environments.mutex);
  environments.byEnv[env] = self;
  return self;
}

PoolEnv::~PoolEnv() = default;

void PoolEnv::Hold() {
  if (gone_) return;
  if (holds_++ == 0) napi_ref_threadsafe_function(env_, toJavaScript_);
}

void PoolEnv::Drop() {
  if (gone_) return;
  if (holds_ > 0 && --holds_ == 0) napi_unref_threadsafe_function(env_, toJavaScript_);
}

void PoolEnv::Track(const std::shared_ptr<Claim> &claim) {
  if (!gone_) claims_[claim.get()] = claim;
}

void PoolEnv::Forget(const Claim *claim) {
  if (!gone_) claims_.erase(claim);
}

bool PoolEnv::Post(Task task) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_) return false;
  bool wasEmpty = tasks_.empty();
  tasks_.push_back(std::move(task));
  // One call drains every task queued before it runs.
  if (wasEmpty) napi_call_threadsafe_function(toJavaScript_, nullptr, napi_tsfn_nonblocking);
  return true;
}

bool PoolEnv::BeginWork() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_) return false;
  ++working_;
  return true;
}

void PoolEnv::EndWork() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--working_ == 0) workDone_.notify_all();
}

void PoolEnv::DiscardStarted() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++discarding_;
}

void PoolEnv::DiscardDone() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--discarding_ == 0) workDone_.notify_all();
}

void PoolEnv::CallJs(napi_env env, napi_value, void *context, void *) {
  if (env == nullptr) return;  // finalizing: nothing can run
  static_cast<PoolEnv *>(context)->RunTasks(Napi::Env(env));
}

void PoolEnv::RunTasks(Napi::Env env) {
  std::deque<Task> tasks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks.swap(tasks_);
  }
  Napi::HandleScope handles(env);
  // A callback scope, so that promise reactions run when the tasks are done, as after any
  // callback from native code.
  napi_callback_scope scope = nullptr;
  bool scoped = napi_open_callback_scope(env, asyncResource_.Value(), asyncContext_, &scope) == napi_ok;
  for (Task &task : tasks) {
    try {
      task(env);
    } catch (...) {
      // A task settles promises and never throws on purpose; a failure here (the environment
      // being torn down) must not stop the others.
    }
  }
  if (scoped) napi_close_callback_scope(env, scope);
}

void PoolEnv::Cleanup(void *arg) {
  std::unique_ptr<CleanupArgument> argument(static_cast<CleanupArgument *>(arg));
  std::shared_ptr<PoolEnv> self = argument->poolEnv;
  std::deque<Task> dropped;
  {
    std::unique_lock<std::mutex> lock(self->mutex_);
    self->closing_ = true;
    self->workDone_.wait(lock, [&] { return self->working_ == 0; });
    dropped.swap(self->tasks_);
  }
  dropped.clear();
  self->gone_ = true;
  self->claimClass.Reset();
  self->asyncResource_.Reset();
  if (self->asyncContext_) napi_async_destroy(argument->env, self->asyncContext_);
  self->asyncContext_ = nullptr;
  std::vector<std::shared_ptr<Claim>> claims;
  for (auto &entry : self->claims_) {
    if (auto claim = entry.second.lock()) claims.push_back(std::move(claim));
  }
  self->claims_.clear();
  for (auto &claim : claims) claim->OnEnvironmentGone();
  {
    std::unique_lock<std::mutex> lock(self->mutex_);
    self->workDone_.wait(lock, [&] { return self->discarding_ == 0; });
  }
  Environments &environments = TheEnvironments();
  std::lock_guard<std::mutex> lock(environments.mutex);
  environments.byEnv.erase(argument->env);
}

}  // namespace pool
}  // namespace esent
