// The entry gate of one pool session: at most one thread inside the engine with it at a time.
//
// ESE refuses a call that enters a session while another call on it is in flight
// (JET_errSessionSharingViolation, which ESENT.dll also writes to the event log as an error),
// and two JetSetSessionContext calls racing for one session are two such calls. So every
// engine call the pool makes on one of its sessions passes this gate first: a claim that
// finds it closed moves on to the next session, the holder of the session waits the few
// instructions a losing JetSetSessionContext takes. The gate is held for the engine calls of
// one step, never while JavaScript runs, so no thread can be stopped while holding it. It
// records nothing about who holds the session: that is the engine's session context.
#pragma once

#include <atomic>
#include <thread>

namespace esent {
namespace pool {

class alignas(64) SessionGate {
 public:
  // Who is inside: a claim trying the session (out again within one engine call), or the
  // thread that holds the session, making its calls (for as long as a batch of them takes).
  enum Occupant : unsigned char { kNobody, kTrying, kHolder };

  bool TryEnter(Occupant who) {
    unsigned char expected = kNobody;
    return occupant_.compare_exchange_strong(expected, who, std::memory_order_acquire, std::memory_order_relaxed);
  }

  void Enter(Occupant who) {
    for (unsigned spins = 0; !TryEnter(who); ++spins) {
      // Whoever is inside makes one or a few engine calls; after a short spin, give way.
      if (spins >= 64) std::this_thread::yield();
    }
  }

  Occupant Current() const { return static_cast<Occupant>(occupant_.load(std::memory_order_relaxed)); }

  void Leave() { occupant_.store(kNobody, std::memory_order_release); }

 private:
  std::atomic<unsigned char> occupant_{kNobody};
};

// Enters a gate for the lifetime of a scope.
class GateScope {
 public:
  GateScope(SessionGate &gate, SessionGate::Occupant who) : gate_(gate) { gate_.Enter(who); }
  ~GateScope() { gate_.Leave(); }
  GateScope(const GateScope &) = delete;
  GateScope &operator=(const GateScope &) = delete;

 private:
  SessionGate &gate_;
};

}  // namespace pool
}  // namespace esent
