import { resolve } from 'node:path';

import { bindingError } from './binding-errors.js';
import {
  JET_bitCommitLazyFlush,
  JET_bitDbOverwriteExisting,
  JET_bitDbReadOnly,
  JET_bitRollbackAll,
  JET_bitTransactionReadOnly,
} from './constants.js';
import { Database } from './database.js';
import { EsentDatabaseDuplicateError, EsentFileNotFoundError } from './errors/index.js';
import { atCallSite, callSite, rethrowAt, type CallSite, type ErrorContext } from './error-context.js';
import { native, type NativeSessionObject } from './native.js';

declare module './facade-links.js' {
  interface FacadeLinks {
    readonly session: Session;
  }
}

// Set by sessionOverNative for the one constructor call it makes.
let adoptedNative: NativeSessionObject | undefined;

/** @internal A Session over a native session made elsewhere (a pool claim's). */
export function sessionOverNative(nativeSession: NativeSessionObject): Session {
  adoptedNative = nativeSession;
  try {
    return new Session(nativeSession.handle);
  } finally {
    adoptedNative = undefined;
  }
}

export interface BeginTransactionOptions {
  /** JET_bitTransactionReadOnly: updates inside fail with EsentTransReadOnlyError. */
  readOnly?: boolean;
}

export interface CommitOptions {
  /** JET_bitCommitLazyFlush: return before the commit is flushed to the log. */
  lazy?: boolean;
}

export interface RollbackOptions {
  /** JET_bitRollbackAll: roll back every nested level, not just the innermost. */
  all?: boolean;
}

export interface CreateDatabaseOptions {
  /** JET_bitDbOverwriteExisting: replace a file already there. */
  overwrite?: boolean;
  /** cpgDatabaseSizeMax: the most pages the file may grow to (0, the default: no limit). */
  maxPages?: number;
  /** More JET_bitDb* flags, ORed in. */
  grbit?: number;
}

export interface OpenOrCreateDatabaseOptions {
  /** cpgDatabaseSizeMax: the most pages the file may grow to (0, the default: no limit). */
  maxPages?: number;
  /** More JET_bitDb* flags, ORed in (for the attach or the create, whichever runs). */
  grbit?: number;
}

export interface OpenDatabaseOptions {
  /** JET_bitDbReadOnly. */
  readOnly?: boolean;
  /** attachDatabase only: cpgDatabaseSizeMax (0, the default: no limit). */
  maxPages?: number;
  /** More JET_bitDb* flags, ORed in. */
  grbit?: number;
}

function checkPath(what: string, path: unknown): string {
  if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) {
    throw new TypeError(`${what}: path must be a non-empty string without NUL`);
  }
  return resolve(path);
}

function checkPages(what: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${what}: maxPages must be an integer from 0 to 2^32-1`);
  }
  return value;
}

function checkGrbit(what: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${what}: grbit must be an integer from 0 to 2^32-1`);
  }
  return value;
}

/** The owner of a session, told when the session ends. */
export interface SessionOwner {
  readonly closed: boolean;
  forgetSession(session: Session): void;
}

function toVoid(): void {}

function beginGrbit(options: BeginTransactionOptions | undefined): number {
  return options?.readOnly ? JET_bitTransactionReadOnly : 0;
}

/**
 * A JET session. Its async methods queue on the session in call order and run one at a
 * time on the addon's engine threads, each wrapped in JetSetSessionContext (this session's
 * own context value) and JetResetSessionContext on the thread that runs it. So a
 * transaction stays open across awaits whichever thread serves each call, calls on one
 * session never overlap, and calls on different sessions run in parallel.
 *
 * The ...Sync twins run on the calling thread with the same wrapping. They throw
 * ERR_ESENT_SESSION_BUSY while async calls are queued, rather than racing them.
 */
export class Session {
  readonly #native: NativeSessionObject;
  readonly #endedFlag: Uint8Array;
  readonly #owner: SessionOwner | undefined;
  readonly #databases = new Set<Database>();
  #ending: Promise<void> | undefined;

  /**
   * Wraps an existing JET session handle (from jet.JetBeginSession, say). Prefer
   * instance.beginSession(), which also ends the session when the instance closes.
   */
  constructor(handle: bigint, owner?: SessionOwner) {
    this.#native = adoptedNative ?? new native.NativeSession(handle);
    this.#endedFlag = this.#native.endedFlag;
    this.#owner = owner;
  }

  /** The JET_SESID. */
  get handle(): bigint {
    return this.#native.handle;
  }

  /**
   * The context value this session sets around every call: unique among live sessions,
   * never 0 or -1. Raw-API code on another thread that sets this same value may commit
   * or roll back a transaction this session began (and the other way round).
   */
  get context(): bigint {
    return this.#native.context;
  }

  /** Calls queued or running on the pool. */
  get pending(): number {
    return this.#native.pending;
  }

  get ended(): boolean {
    // A byte the addon sets, read without a call into it: every call of the session, its
    // databases and its tables asks.
    return this.#endedFlag[0] === 1;
  }

  /** @internal The OS thread that ran the most recent call (see esent/debug). */
  get lastThreadId(): number {
    return this.#native.lastThreadId;
  }

  #checkOwner(what: string): void {
    if (this.#owner?.closed && !this.ended) {
      throw bindingError('ERR_ESENT_INSTANCE_CLOSED', `${what}: the instance of this session is closed`);
    }
  }

  /** @internal Throws what a queued call would reject with if it cannot be queued. */
  checkUsable(what: string): void {
    this.#checkOwner(what);
    if (this.ended || this.#ending !== undefined) {
      throw bindingError('ERR_ESENT_SESSION_ENDED', `${what}: the session has ended`);
    }
  }

  /** @internal */
  forgetDatabase(database: Database): void {
    this.#databases.delete(database);
  }

  /** Databases opened by this session and not closed. */
  get databases(): Database[] {
    return [...this.#databases];
  }

  // Every call captures its caller's stack (see error-context.ts) before it is queued; a
  // rejection carries those frames, and the path for the database calls.
  #queued<T>(what: string, site: CallSite, run: () => Promise<T>): Promise<T> {
    try {
      this.#checkOwner(what);
      return run();
    } catch (error) {
      return Promise.reject(atCallSite(error, site));
    }
  }

  // The transaction calls settle one step after the native promise, all alike, so that
  // callbacks on pipelined calls run in call order.

  /** JetBeginTransaction2: begins a transaction, or a nested level (up to 7). */
  beginTransaction(options?: BeginTransactionOptions): Promise<void> {
    const site = callSite(this.beginTransaction);
    return this.#queued('beginTransaction', site, () =>
      this.#native.beginTransaction(beginGrbit(options)).then(toVoid, rethrowAt(site)),
    );
  }

  /** JetCommitTransaction: commits the innermost level. */
  commit(options?: CommitOptions): Promise<void> {
    const site = callSite(this.commit);
    return this.#queued('commit', site, () =>
      this.#native.commit(options?.lazy ? JET_bitCommitLazyFlush : 0).then(toVoid, rethrowAt(site)),
    );
  }

  /** JetRollback: rolls back the innermost level, or every level with { all: true }. */
  rollback(options?: RollbackOptions): Promise<void> {
    const site = callSite(this.rollback);
    return this.#queued('rollback', site, () =>
      this.#native.rollback(options?.all ? JET_bitRollbackAll : 0).then(toVoid, rethrowAt(site)),
    );
  }

  /** The current nesting level (JET_sesparamTransactionLevel): 0 outside a transaction. */
  transactionLevel(): Promise<number> {
    const site = callSite(this.transactionLevel);
    return this.#queued('transactionLevel', site, () => this.#native.transactionLevel().then(Number, rethrowAt(site)));
  }

  beginTransactionSync(options?: BeginTransactionOptions): void {
    this.#checkOwner('beginTransactionSync');
    this.#native.beginTransactionSync(beginGrbit(options));
  }

  commitSync(options?: CommitOptions): void {
    this.#checkOwner('commitSync');
    this.#native.commitSync(options?.lazy ? JET_bitCommitLazyFlush : 0);
  }

  rollbackSync(options?: RollbackOptions): void {
    this.#checkOwner('rollbackSync');
    this.#native.rollbackSync(options?.all ? JET_bitRollbackAll : 0);
  }

  transactionLevelSync(): number {
    this.#checkOwner('transactionLevelSync');
    return this.#native.transactionLevelSync();
  }

  /**
   * JetCreateDatabase2: creates the database file (attaching and opening it for this
   * session). Rejects with EsentDatabaseDuplicateError if the file exists, unless
   * `overwrite`.
   */
  createDatabase(path: string, options: CreateDatabaseOptions = {}): Promise<Database> {
    const site = callSite(this.createDatabase);
    return this.#queued('createDatabase', site, async () => {
      const file = checkPath('createDatabase', path);
      const grbit = (options.overwrite ? JET_bitDbOverwriteExisting : 0) | checkGrbit('createDatabase', options.grbit);
      const dbid = await this.#native
        .createDatabase(file, checkPages('createDatabase', options.maxPages), grbit)
        .catch(rethrowAt(site, { path: file }));
      return this.#adopt(file, dbid);
    });
  }

  /**
   * JetAttachDatabase2 then JetOpenDatabase, in one call: makes an existing file known
   * to the instance and opens it for this session. Attaching a file already attached is
   * not an error (the engine answers with a warning).
   */
  attachDatabase(path: string, options: OpenDatabaseOptions = {}): Promise<Database> {
    const site = callSite(this.attachDatabase);
    return this.#queued('attachDatabase', site, async () => {
      const file = checkPath('attachDatabase', path);
      const grbit = (options.readOnly ? JET_bitDbReadOnly : 0) | checkGrbit('attachDatabase', options.grbit);
      const dbid = await this.#native
        .attachDatabase(file, checkPages('attachDatabase', options.maxPages), grbit, grbit)
        .catch(rethrowAt(site, { path: file }));
      return this.#adopt(file, dbid);
    });
  }

  /**
   * Attaches and opens the database file if it exists (as attachDatabase), creates it if it
   * does not (as createDatabase, making its folder too). For a program that runs against a
   * new database and an existing one alike.
   */
  openOrCreateDatabase(path: string, options: OpenOrCreateDatabaseOptions = {}): Promise<Database> {
    const site = callSite(this.openOrCreateDatabase);
    return this.#queued('openOrCreateDatabase', site, async () => {
      checkPath('openOrCreateDatabase', path);
      const { maxPages, grbit } = options;
      try {
        return await this.attachDatabase(path, { maxPages, grbit });
      } catch (error) {
        if (!(error instanceof EsentFileNotFoundError)) throw error;
      }
      try {
        return await this.createDatabase(path, { maxPages, grbit });
      } catch (error) {
        // Another session created it in between: attach what it made.
        if (!(error instanceof EsentDatabaseDuplicateError)) throw error;
        return await this.attachDatabase(path, { maxPages, grbit });
      }
    }).catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /** JetOpenDatabase: opens for this session a database the instance has attached. */
  openDatabase(path: string, options: OpenDatabaseOptions = {}): Promise<Database> {
    const site = callSite(this.openDatabase);
    return this.#queued('openDatabase', site, async () => {
      const file = checkPath('openDatabase', path);
      const grbit = (options.readOnly ? JET_bitDbReadOnly : 0) | checkGrbit('openDatabase', options.grbit);
      const dbid = await this.#native.openDatabase(file, grbit).catch(rethrowAt(site, { path: file }));
      return this.#adopt(file, dbid);
    });
  }

  /**
   * JetDetachDatabase2: detaches a database from the instance (every session must have
   * closed it). With no path, every database attached.
   */
  detachDatabase(path?: string, options: { grbit?: number } = {}): Promise<void> {
    const site = callSite(this.detachDatabase);
    return this.#queued('detachDatabase', site, async () => {
      const file = path === undefined ? null : checkPath('detachDatabase', path);
      const context: ErrorContext = file === null ? {} : { path: file };
      await this.#native.detachDatabase(file, checkGrbit('detachDatabase', options.grbit)).catch(rethrowAt(site, context));
    });
  }

  #adopt(path: string, dbid: number): Database {
    const database = new Database(this, this.#native, path, dbid);
    this.#databases.add(database);
    return database;
  }

  /**
   * Runs `fn` in a transaction: begins, awaits `fn`, commits if it resolves, rolls back if
   * it throws and rethrows the original error. Calls `fn` makes on this session join the
   * transaction; nested use nests.
   */
  async transaction<T>(fn: (session: this) => T | Promise<T>, options?: BeginTransactionOptions): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError('transaction: fn must be a function');
    await this.beginTransaction(options);
    let result: T;
    try {
      result = await fn(this);
    } catch (error) {
      try {
        await this.rollback();
      } catch {
        // The original failure is what the caller needs; a failed rollback of a
        // transaction that cannot continue leaves the engine to undo it at session end.
      }
      throw error;
    }
    await this.commit();
    return result;
  }

  /**
   * JetEndSession, after every call already queued. An open transaction is rolled back,
   * and the engine closes the session's tables and databases with it. Later calls,
   * including those of its Table and Database objects, reject with
   * ERR_ESENT_SESSION_ENDED.
   */
  end(): Promise<void> {
    if (this.#ending === undefined) {
      if (this.ended) return Promise.resolve();
      const site = callSite(this.end);
      this.#ending = this.#native.end().then(
        () => {
          this.#databases.clear();
          this.#owner?.forgetSession(this);
        },
        (error: unknown) => {
          // The session is still usable (for instance, a context was left set): allow
          // end() again once the cause is fixed.
          this.#ending = undefined;
          throw atCallSite(error, site);
        },
      );
    }
    return this.#ending;
  }

  /** JetEndSession on the calling thread; throws ERR_ESENT_SESSION_BUSY while calls are queued. */
  endSync(): void {
    if (this.ended) return;
    this.#native.endSync();
    this.#databases.clear();
    this.#owner?.forgetSession(this);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.end();
  }

  [Symbol.dispose](): void {
    this.endSync();
  }
}
