// Diagnostics for tests and troubleshooting: which OS threads run the calls, and how many
// calls the addon holds. Not part of the stable API.
import { native } from './native.js';
import type { SessionPool } from './pool.js';
import type { Session } from './session.js';

/** The operating-system id of the calling thread. */
export function currentThreadId(): number {
  return native.currentThreadId();
}

/** The operating-system id of the thread that ran `session`'s most recent call (0 before any). */
export function lastCallThreadId(session: Session): number {
  return session.lastThreadId;
}

/**
 * Session calls the addon holds in the whole process, across every thread: queued, running,
 * or finished and not yet settled. Zero when nothing is in flight anywhere, including after
 * Workers that ended with calls queued.
 */
export function liveSessionCalls(): number {
  return native.liveSessionCalls();
}

/**
 * A pool claim's engine-side cost: `iterations` claims and releases of `pool` in a C++ loop
 * on the calling thread (no thread hop); returns the elapsed nanoseconds.
 */
export function benchPoolClaimLoop(pool: SessionPool, iterations: number): number {
  return native.benchPoolClaimLoop(pool.token.pool, iterations);
}
