// SessionPool: one set of sessions for the whole process, shared by the main thread and
// every Worker. A run claims a free session (the engine's JetSetSessionContext decides who
// gets it), runs a function with it, commits or rolls back, and releases it. How and why it
// works: docs/pool.md; the native half: native/addon/pool/.

import { bindingError } from './binding-errors.js';
import { JET_bitCommitLazyFlush, JET_bitTransactionReadOnly } from './constants.js';
import { atCallSite, callSite, rethrowAt, type CallSite } from './error-context.js';
import { EsentError } from './errors/index.js';
import { native, type NativeClaimObject, type NativePoolObject, type NativeSessionObject } from './native.js';
import { sessionOverNative, type Session } from './session.js';

/** What SessionPool.from needs to reach a pool: a plain value that can be posted to a Worker. */
export interface SessionPoolToken {
  /** The process the pool lives in (JET handles mean nothing in another). */
  readonly pid: number;
  /** The pool's id in that process. */
  readonly pool: number;
}

/** A transaction handed off by a run, for pool.adopt on any thread of the process. */
export interface HandOffToken {
  readonly pool: SessionPoolToken;
  /** The pool session it waits on (0 to size - 1). */
  readonly session: number;
  /** The context it was begun under; whoever sets it again may continue it. */
  readonly context: bigint;
}

export interface SessionPoolOptions {
  /** How many sessions (JetBeginSession) the pool holds. Default 4. */
  size?: number;
}

export interface ClaimOptions {
  /** Give up waiting for a free session after this many milliseconds (ERR_ESENT_POOL_TIMEOUT). */
  timeout?: number;
  /** Give up waiting when this signal aborts (rejects with its reason). */
  signal?: AbortSignal;
}

export interface RunOptions extends ClaimOptions {
  /** Run `fn` inside a transaction, committed when it resolves. Default true. */
  transaction?: boolean;
  /** A read-only transaction (JET_bitTransactionReadOnly). */
  readOnly?: boolean;
  /** Commit with JET_bitCommitLazyFlush. */
  lazy?: boolean;
}

export interface AdoptOptions {
  /** Commit with JET_bitCommitLazyFlush. */
  lazy?: boolean;
}

/** The owner of a pool, told when it closes. */
export interface SessionPoolOwner {
  forgetPool(pool: SessionPool): void;
}

// endRun modes (native/addon/pool/run_end_calls.h).
const END_COMMIT = 0;
const END_NONE = 1;
const END_ROLLBACK = 2;

const DEFAULT_SIZE = 4;

function checkClaimOptions(what: string, options: ClaimOptions): void {
  const { timeout, signal } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout >= 0) || !Number.isFinite(timeout))) {
    throw new RangeError(`${what}: timeout must be a finite number of milliseconds, 0 or more`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${what}: signal must be an AbortSignal`);
  }
}

function checkToken(what: string, token: unknown): SessionPoolToken {
  const candidate = token as SessionPoolToken | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    !Number.isSafeInteger(candidate.pid) ||
    !Number.isSafeInteger(candidate.pool) ||
    candidate.pool < 1
  ) {
    throw new TypeError(`${what}: not a SessionPool token`);
  }
  if (candidate.pid !== process.pid) {
    throw new TypeError(`${what}: the token is of another process (${candidate.pid}); a pool lives in one process`);
  }
  return candidate;
}

/** Closes the databases (and their tables) a run opened, as the run's session leaves it. */
async function closeDatabases(session: Session): Promise<void> {
  const results = await Promise.allSettled(session.databases.map((database) => database.close()));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The second argument of a run's function. */
export class PoolRun {
  readonly #session: Session;
  readonly #native: NativeSessionObject;
  readonly #claim: NativeClaimObject;
  readonly #pool: SessionPoolToken;
  #handingOff: Promise<HandOffToken> | undefined;
  #handedOff = false;

  /** @internal */
  constructor(session: Session, nativeSession: NativeSessionObject, claim: NativeClaimObject, pool: SessionPoolToken) {
    this.#session = session;
    this.#native = nativeSession;
    this.#claim = claim;
    this.#pool = pool;
  }

  get session(): Session {
    return this.#session;
  }

  /** Which of the pool's sessions the run holds (0 to size - 1). */
  get index(): number {
    return this.#claim.index;
  }

  /** The claim's context value: set on the session for the whole run, unique in the process. */
  get context(): bigint {
    return this.#claim.context;
  }

  /** @internal */
  get handedOff(): boolean {
    return this.#handedOff;
  }

  /** @internal */
  get handingOff(): Promise<HandOffToken> | undefined {
    return this.#handingOff;
  }

  /**
   * Ends the run's hold on its session without ending its transaction: closes the tables
   * and databases the run opened, and leaves the transaction waiting for pool.adopt(token)
   * on any thread of the process (a Worker, after postMessage). The run's session takes no
   * more calls; whatever the run's function does next, the transaction is the adopter's.
   * Rejects with EsentNotInTransactionError if no transaction is open.
   */
  handOff(): Promise<HandOffToken> {
    const site = callSite(this.handOff);
    this.#handingOff ??= (async () => {
      try {
        await closeDatabases(this.#session);
        await this.#native.handOff();
      } catch (error) {
        this.#handingOff = undefined;
        throw atCallSite(error, site);
      }
      this.#handedOff = true;
      return Object.freeze({ pool: this.#pool, session: this.#claim.index, context: this.#claim.context });
    })();
    return this.#handingOff;
  }
}

/**
 * A pool of sessions for the whole process. Make one with instance.sessionPool(); reach the
 * same pool from a Worker with SessionPool.from(pool.token).
 */
export class SessionPool {
  readonly #native: NativePoolObject;
  readonly #owner: SessionPoolOwner | undefined;
  readonly #token: SessionPoolToken;
  #closing: Promise<void> | undefined;

  /** @internal Use instance.sessionPool() or SessionPool.from(token). */
  constructor(nativePool: NativePoolObject, owner?: SessionPoolOwner) {
    this.#native = nativePool;
    this.#owner = owner;
    this.#token = Object.freeze({ pid: process.pid, pool: nativePool.id });
  }

  /** @internal Begins the pool's sessions on `instance` (a JET_INSTANCE). */
  static create(instance: bigint, options: SessionPoolOptions, owner?: SessionPoolOwner): SessionPool {
    if (options === null || typeof options !== 'object') throw new TypeError('sessionPool: options must be an object');
    const size = options.size ?? DEFAULT_SIZE;
    if (!Number.isInteger(size) || size < 1) throw new RangeError('sessionPool: size must be an integer, 1 or more');
    return new SessionPool(new native.NativePool(instance, size), owner);
  }

  /**
   * The pool a token names, in this thread (the main thread or any Worker): the same
   * sessions, the same line of waiting runs. Throws ERR_ESENT_POOL_CLOSED if it is closed.
   */
  static from(token: SessionPoolToken): SessionPool {
    return new SessionPool(new native.NativePool(checkToken('SessionPool.from', token).pool));
  }

  /** A plain value naming this pool, to post to a Worker for SessionPool.from. */
  get token(): SessionPoolToken {
    return this.#token;
  }

  get size(): number {
    return this.#native.size;
  }

  /**
   * How many runs of every thread wait in line for a session now: the pool's queue depth, for
   * metrics. Runs making their own first attempt at a session are not counted.
   */
  get waiting(): number {
    return this.#native.waiting;
  }

  /** True once close() has begun, from any thread. */
  get closed(): boolean {
    return this.#native.closed;
  }

  /**
   * Claims a free session (waiting in line if none is), runs `fn(session, run)` with it,
   * then ends the run: by default `fn` runs inside a transaction, committed if it resolves
   * and rolled back if it throws (the error is rethrown). Tables and databases `fn` opened
   * are closed, the session is released, and the promise settles with `fn`'s result.
   *
   * Inside, `session` is an ordinary Session: calls queue in order, and a transaction stays
   * open across awaits. They run on the thread that holds the claim.
   */
  async run<T>(fn: (session: Session, run: PoolRun) => T | Promise<T>, options: RunOptions = {}): Promise<T> {
    const site = callSite(this.run);
    if (typeof fn !== 'function') throw new TypeError('run: fn must be a function');
    if (options === null || typeof options !== 'object') throw new TypeError('run: options must be an object');
    checkClaimOptions('run', options);
    const transaction = options.transaction ?? true;
    const grbit = options.readOnly ? JET_bitTransactionReadOnly : 0;
    const claim = await this.#claim(() => this.#native.claim(transaction, grbit), options).catch(rethrowAt(site));
    return this.#runHeld(claim, fn, transaction ? END_COMMIT : END_NONE, options.lazy === true, site);
  }

  /**
   * Continues a transaction another run handed off (run.handOff()), on this thread: runs
   * `fn(session, run)` inside it, then commits it (or rolls it back if `fn` throws), as
   * run() does with its own. Rejects with ERR_ESENT_HANDOFF_STALE if the transaction was
   * adopted already or rolled back.
   */
  async adopt<T>(
    handOff: HandOffToken,
    fn: (session: Session, run: PoolRun) => T | Promise<T>,
    options: AdoptOptions = {},
  ): Promise<T> {
    const site = callSite(this.adopt);
    if (typeof fn !== 'function') throw new TypeError('adopt: fn must be a function');
    const token = handOff as HandOffToken | null;
    if (token === null || typeof token !== 'object' || typeof token.context !== 'bigint' || !Number.isInteger(token.session)) {
      throw new TypeError('adopt: not a hand-off token');
    }
    const pool = checkToken('adopt', token.pool);
    if (pool.pool !== this.#token.pool) throw new TypeError('adopt: the hand-off belongs to another pool');
    if (token.session < 0 || token.session >= this.size) throw new TypeError('adopt: not a hand-off token');
    const claim = await this.#claim(() => this.#native.claim(false, 0, token.session, token.context), {}).catch(
      rethrowAt(site),
    );
    return this.#runHeld(claim, fn, END_COMMIT, options.lazy === true, site);
  }

  /**
   * Closes the pool for every thread: waiting runs reject with ERR_ESENT_POOL_CLOSED, runs
   * under way finish, hand-offs never adopted are rolled back, and the sessions end.
   */
  close(): Promise<void> {
    const site = callSite(this.close);
    this.#closing ??= this.#native.close().then(() => this.#owner?.forgetPool(this), rethrowAt(site));
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #claim(make: () => NativeClaimObject, options: ClaimOptions): Promise<NativeClaimObject> {
    const { timeout, signal } = options;
    signal?.throwIfAborted();
    const claim = make();
    if (timeout === undefined && signal === undefined) {
      await claim.ready;
      return claim;
    }
    return new Promise<NativeClaimObject>((resolve, reject) => {
      let settled = false;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const giveUp = (reason: unknown): void => {
        if (!finish()) return;
        if (claim.cancel(reason)) {
          claim.ready.catch(() => undefined);
        } else {
          // Held already (its resolution is on the way): end it at once, untouched.
          claim.ready.then(() => this.#release(claim), () => undefined);
        }
        reject(reason);
      };
      const onAbort = (): void => giveUp(signal!.reason);
      const timer =
        timeout === undefined
          ? undefined
          : setTimeout(
              () =>
                giveUp(bindingError('ERR_ESENT_POOL_TIMEOUT', `no session of the pool came free within ${timeout} ms`)),
              timeout,
            );
      signal?.addEventListener('abort', onAbort, { once: true });
      claim.ready.then(
        () => {
          if (finish()) resolve(claim);
        },
        (error: unknown) => {
          if (finish()) reject(error);
        },
      );
    });
  }

  // Ends a held claim that no run will use.
  async #release(claim: NativeClaimObject): Promise<void> {
    await new native.NativeSession(claim.sesid, claim).endRun(END_ROLLBACK, 0).catch(() => undefined);
  }

  async #runHeld<T>(
    claim: NativeClaimObject,
    fn: (session: Session, run: PoolRun) => T | Promise<T>,
    mode: number,
    lazy: boolean,
    site: CallSite,
  ): Promise<T> {
    const nativeSession = new native.NativeSession(claim.sesid, claim);
    const session = sessionOverNative(nativeSession);
    const run = new PoolRun(session, nativeSession, claim, this.#token);
    let result: T;
    try {
      result = await fn(session, run);
    } catch (error) {
      // fn's own error, as it threw it.
      await this.#end(run, session, nativeSession, END_ROLLBACK, lazy).catch(() => undefined);
      throw error;
    }
    // The run's end (closes, commit, release) failed: the caller's frames, as for any call.
    await this.#end(run, session, nativeSession, mode, lazy).catch(rethrowAt(site));
    return result;
  }

  async #end(run: PoolRun, session: Session, nativeSession: NativeSessionObject, mode: number, lazy: boolean): Promise<void> {
    await run.handingOff?.catch(() => undefined);
    if (run.handedOff) return;
    let closeFailure: unknown;
    try {
      await closeDatabases(session);
    } catch (error) {
      closeFailure = error;
    }
    const ended = await nativeSession.endRun(
      closeFailure !== undefined && mode === END_COMMIT ? END_ROLLBACK : mode,
      lazy ? JET_bitCommitLazyFlush : 0,
    );
    if (closeFailure !== undefined) throw closeFailure;
    if (ended.errno < 0) throw EsentError.from(ended.errno, ended.operation);
    if (ended.leftOpen > 0) {
      throw bindingError(
        'ERR_ESENT_TRANSACTION_LEFT_OPEN',
        `the run left ${ended.leftOpen} transaction level(s) open; they were rolled back` +
          (mode === END_COMMIT ? ', and so was the run' : ''),
      );
    }
  }
}
