#include "completions.h"

#include "addon_data.h"

#include <thread>

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
  if (first && !polling_) napi_call_threadsafe_function(wake_, nullptr, napi_tsfn_nonblocking);
}

namespace {
// How long the JavaScript thread keeps polling after a call is queued or settled with
// nothing finishing: long enough for a short engine call and its hop back.
constexpr auto kPollFor = std::chrono::microseconds(50);
}  // namespace

void Completions::RanFor(std::chrono::steady_clock::duration took) {
  // Racy between engine threads by design: an estimate, weighted 1/8 to the newest call.
  std::int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(took).count();
  std::int64_t typical = typicalRunNs_.load(std::memory_order_relaxed);
  typicalRunNs_.store(typical + (ns - typical) / 8, std::memory_order_relaxed);
}

void Completions::PollSoon(const Napi::FunctionReference &poller) {
  pollUntil_ = std::chrono::steady_clock::now() + kPollFor;
  if (pollScheduled_ || poller.IsEmpty() || !Open()) return;
  // Calls that run longer than the window would only be waited for with a core spinning.
  if (typicalRunNs_.load(std::memory_order_relaxed) > std::chrono::nanoseconds(kPollFor).count() / 2) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    polling_ = true;
  }
  pollScheduled_ = true;
  try {
    poller.Call({});
  } catch (...) {
    // No poll will come (the environment is stopping JavaScript): back to wake-ups, with
    // one for whatever finished meanwhile.
    std::lock_guard<std::mutex> lock(mutex_);
    polling_ = false;
    pollScheduled_ = false;
    if (!ready_.empty()) napi_call_threadsafe_function(wake_, nullptr, napi_tsfn_nonblocking);
  }
}

bool Completions::PollOnce(Napi::Env env) {
  std::vector<Completion *> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(ready_);
    if (batch.empty() && (std::chrono::steady_clock::now() > pollUntil_ || closing_.load(std::memory_order_relaxed))) {
      polling_ = false;
      pollScheduled_ = false;
      return false;
    }
  }
  if (batch.empty()) {
    // Let a thread waiting for a core run first: on a busy machine that is often the engine
    // thread running the very call polled for (measured: yielding only every 16th poll
    // doubled a serial call's latency with one of two cores taken by another process).
    std::this_thread::yield();
  } else {
    SettleBatch(env, batch);
    pollUntil_ = std::chrono::steady_clock::now() + kPollFor;
  }
  return true;
}

void Completions::SettleBatch(Napi::Env env, std::vector<Completion *> &batch) {
  Napi::HandleScope handles(env);
  for (Completion *done : batch) {
    done->Settle(env);
    delete done;
  }
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
  SettleBatch(env, batch);
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
