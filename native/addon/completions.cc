#include "completions.h"

#include "addon_data.h"

namespace esent {

std::shared_ptr<Completions> Completions::Of(Napi::Env env) {
  AddonData *data = GetAddonData(env);
  if (data->completions) return data->completions;
  std::shared_ptr<Completions> made(new Completions());
  made->env_ = env;
  napi_value name = Napi::String::New(env, "esent:session-calls");
  NAPI_THROW_IF_FAILED(env,
                       napi_create_threadsafe_function(env, nullptr, nullptr, name, 0, 1, nullptr, nullptr,
                                                       made.get(), &Completions::CallJs, &made->wake_),
                       nullptr);
  // Only outstanding calls keep the event loop alive, as pool work would.
  napi_unref_threadsafe_function(env, made->wake_);
  // Added after the thread-safe function's own hook, so it runs before it (hooks run in
  // reverse order): engine threads stop using the function before it is freed.
  NAPI_THROW_IF_FAILED(env, napi_add_env_cleanup_hook(env, &Completions::OnCleanup, made.get()), nullptr);
  made->self_ = made;
  data->completions = made;
  return made;
}

Completions::~Completions() {
  for (Completion *done : ready_) delete done;
}

void Completions::Push(Completion *done) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_.load(std::memory_order_relaxed)) {
    delete done;
    return;
  }
  bool first = ready_.empty();
  ready_.push_back(done);
  // One wake-up for everything that finishes before the JavaScript thread drains.
  if (first) napi_call_threadsafe_function(wake_, nullptr, napi_tsfn_nonblocking);
}

bool Completions::BeginRun() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_.load(std::memory_order_relaxed)) return false;
  ++running_;
  return true;
}

void Completions::EndRun() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--running_ == 0) idle_.notify_all();
}

void Completions::AddOutstanding() {
  if (outstanding_++ == 0 && Open()) napi_ref_threadsafe_function(env_, wake_);
}

void Completions::RemoveOutstanding() {
  if (--outstanding_ == 0 && Open()) napi_unref_threadsafe_function(env_, wake_);
}

void Completions::CallJs(napi_env env, napi_value, void *context, void *) {
  if (env == nullptr) return;  // the function is being torn down
  static_cast<Completions *>(context)->Drain(Napi::Env(env));
}

// Runs inside the thread-safe function's callback scope: promise reactions run once it
// returns, after every call of the batch is settled.
void Completions::Drain(Napi::Env env) {
  std::vector<Completion *> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(ready_);
  }
  Napi::HandleScope handles(env);
  for (Completion *done : batch) {
    done->Settle(env);
    delete done;
  }
}

void Completions::OnCleanup(void *data) {
  static_cast<Completions *>(data)->Close();
}

// The environment is going away (a Worker ending, or the process): nothing queued can be
// settled, and engine threads drop what they finish from now on. The calls already inside
// the engine are waited for (each is one engine call); the ones still queued never start.
void Completions::Close() {
  std::vector<Completion *> dropped;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    closing_.store(true, std::memory_order_release);
    idle_.wait(lock, [this] { return running_ == 0; });
    dropped.swap(ready_);
  }
  for (Completion *done : dropped) delete done;
  self_.reset();  // may delete this
}

}  // namespace esent
