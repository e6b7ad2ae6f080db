import { resolve, sep } from 'node:path';

import { bindingError } from './binding-errors.js';
import { EsentDirtyShutdownError } from './errors/index.js';
import {
  JET_bitTermAbrupt,
  JET_bitTermDirty,
  JET_paramBaseName,
  JET_paramCircularLog,
  JET_paramCreatePathIfNotExist,
  JET_paramLogFilePath,
  JET_paramMaxSessions,
  JET_paramMaxVerPages,
  JET_paramNoInformationEvent,
  JET_paramSystemPath,
  JET_paramTempPath,
} from './constants.js';
import { atCallSite, callSite, rethrowAt } from './error-context.js';
import { defaultInstanceFolder, prepareFolder } from './instance-folder.js';
import { jet } from './jet.js';
import { native } from './native.js';
import { SessionPool, type SessionPoolOptions, type SessionPoolOwner } from './pool.js';
import { Session, type SessionOwner } from './session.js';

/** A system parameter to set before JetInit: [paramid, number, string]. */
export type SystemParameter = [paramid: number, value: number | bigint, text?: string | null];

export interface InstanceOptions {
  /**
   * The folder for the instance's files (system, log and temporary paths all go under it
   * unless given separately). Created if missing. Default: the working directory, unless
   * that is a system folder (a Windows service starts in System32, a systemd service in
   * /); then `%LOCALAPPDATA%\\esent` on Windows, `$XDG_STATE_HOME/esent`
   * (`~/.local/state/esent`) elsewhere.
   */
  path?: string;
  /** Unique instance name (JetCreateInstance2). Default: 'esent-<pid>-<n>'. */
  name?: string;
  displayName?: string;
  systemPath?: string;
  logFilePath?: string;
  tempPath?: string;
  /** Three-character base name of log and checkpoint files (JET_paramBaseName). */
  baseName?: string;
  /** JET_paramMaxSessions. */
  maxSessions?: number;
  /** JET_paramMaxVerPages: version store size in pages. */
  maxVerPages?: number;
  /** JET_paramCircularLog. */
  circularLog?: boolean;
  /** Any other parameters, set after the ones above. */
  parameters?: SystemParameter[];
  /** grbit for JetCreateInstance2. */
  createGrbit?: number;
  /** grbit for JetInit3. */
  initGrbit?: number;
}

export interface CloseOptions {
  /**
   * JET_bitTermAbrupt: skip the engine's clean-up of its version store and caches. Default
   * false. Either way the instance's own sessions are rolled back and ended first; a
   * session of the raw API still in a transaction makes the term fail (see close()).
   */
  abrupt?: boolean;
  /**
   * JET_bitTermDirty: terminate even while transactions are open in any session (a raw-API
   * one, or one begun on a thread that is gone); they are rolled back and the databases are
   * left as after a crash. JET_errDirtyShutdown, the engine's report of exactly that, is
   * not an error here. Default false.
   */
  dirty?: boolean;
}

let instanceCounter = 0;

async function rollBackAndEnd(session: Session): Promise<void> {
  if (session.ended) return;
  if ((await session.transactionLevel().catch(() => 0)) > 0) {
    await session.rollback({ all: true }).catch(() => undefined);
  }
  await session.end();
}

function withTrailingSeparator(path: string): string {
  return path.endsWith(sep) || path.endsWith('/') ? path : path + sep;
}

function checkString(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`Instance.create: '${name}' must be a string`);
  }
  if (typeof value === 'string' && value.includes('\0')) {
    throw new TypeError(`Instance.create: '${name}' must not contain NUL characters`);
  }
}

function checkCount(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0x7fffffff)) {
    throw new RangeError(`Instance.create: '${name}' must be a non-negative integer`);
  }
}

/** The parameters Instance.create sets, in order, after making their folders. */
async function parametersFor(options: InstanceOptions, root: string): Promise<Array<[number, number | bigint, string | null]>> {
  const folders: Array<['systemPath' | 'logFilePath' | 'tempPath', string]> = [
    ['systemPath', resolve(options.systemPath ?? root)],
    ['logFilePath', resolve(options.logFilePath ?? root)],
    ['tempPath', resolve(options.tempPath ?? root)],
  ];
  for (const [option, folder] of folders) {
    const from = options[option] !== undefined ? option : options.path !== undefined ? 'path' : 'the default path';
    await prepareFolder(from, folder);
  }
  const [systemPath, logFilePath, tempPath] = folders.map(([, folder]) => withTrailingSeparator(folder)) as [string, string, string];

  const params: Array<[number, number | bigint, string | null]> = [
    [JET_paramCreatePathIfNotExist, 1, null],
    [JET_paramNoInformationEvent, 1, null],
    [JET_paramSystemPath, 0, systemPath],
    [JET_paramLogFilePath, 0, logFilePath],
    [JET_paramTempPath, 0, tempPath],
  ];
  if (options.baseName !== undefined) params.push([JET_paramBaseName, 0, options.baseName]);
  if (options.maxSessions !== undefined) params.push([JET_paramMaxSessions, options.maxSessions, null]);
  if (options.maxVerPages !== undefined) params.push([JET_paramMaxVerPages, options.maxVerPages, null]);
  if (options.circularLog !== undefined) params.push([JET_paramCircularLog, options.circularLog ? 1 : 0, null]);
  for (const entry of options.parameters ?? []) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number') {
      throw new TypeError('Instance.create: parameters must be [paramid, value, text?] tuples');
    }
    params.push([entry[0], entry[1], entry[2] ?? null]);
  }
  return params;
}

/**
 * An initialised ESE instance (JetCreateInstance2 + parameters + JetInit3). Sessions
 * begun from it are ended when it closes.
 */
export class Instance implements SessionOwner, SessionPoolOwner {
  readonly #handle: bigint;
  readonly #name: string;
  readonly #path: string;
  readonly #sessions = new Set<Session>();
  readonly #pools = new Set<SessionPool>();
  #closing: Promise<void> | undefined;
  #closed = false;

  private constructor(handle: bigint, name: string, path: string) {
    this.#handle = handle;
    this.#name = name;
    this.#path = path;
  }

  /**
   * Creates, configures and initialises an instance on the thread pool. An engine error
   * names the instance folder (`path`).
   */
  static create(options: InstanceOptions = {}): Promise<Instance> {
    const site = callSite(Instance.create);
    return Instance.#create(options, site).catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  static async #create(options: InstanceOptions, site: ReturnType<typeof callSite>): Promise<Instance> {
    if (options === null || typeof options !== 'object') {
      throw new TypeError('Instance.create: options must be an object');
    }
    for (const key of ['path', 'name', 'displayName', 'systemPath', 'logFilePath', 'tempPath', 'baseName'] as const) {
      checkString(key, options[key]);
    }
    checkCount('maxSessions', options.maxSessions);
    checkCount('maxVerPages', options.maxVerPages);
    const name = options.name ?? `esent-${process.pid}-${++instanceCounter}`;
    const path = resolve(options.path ?? defaultInstanceFolder());
    const params = await parametersFor(options, path);
    const handle = await native
      .createInstance(name, options.displayName ?? null, options.createGrbit ?? 0, params, options.initGrbit ?? 0)
      .catch(rethrowAt(site, { path }));
    return new Instance(handle, name, path);
  }

  /** The JET_INSTANCE. */
  get handle(): bigint {
    return this.#handle;
  }

  get name(): string {
    return this.#name;
  }

  /** The instance folder: `options.path`, or the default one (see InstanceOptions.path). */
  get path(): string {
    return this.#path;
  }

  /** True once close() has begun. */
  get closed(): boolean {
    return this.#closed || this.#closing !== undefined;
  }

  /** Sessions begun here and not yet ended. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** JetBeginSession on the calling thread (it does no I/O). */
  beginSession(): Session {
    if (this.closed) throw bindingError('ERR_ESENT_INSTANCE_CLOSED', 'beginSession: the instance is closed');
    const handle = jet.JetBeginSession(this.#handle);
    let session: Session;
    try {
      session = new Session(handle, this);
    } catch (error) {
      jet.JetEndSession(handle);
      throw error;
    }
    this.#sessions.add(session);
    return session;
  }

  /** @internal */
  forgetSession(session: Session): void {
    this.#sessions.delete(session);
  }

  /**
   * Begins `size` sessions (default 4) as a SessionPool that every thread of the process
   * can claim from: pass pool.token to a Worker, which gets the same pool with
   * SessionPool.from(token). The pool is closed with the instance.
   */
  sessionPool(options: SessionPoolOptions = {}): SessionPool {
    if (this.closed) throw bindingError('ERR_ESENT_INSTANCE_CLOSED', 'sessionPool: the instance is closed');
    const pool = SessionPool.create(this.#handle, options, this);
    this.#pools.add(pool);
    return pool;
  }

  /** @internal */
  forgetPool(pool: SessionPool): void {
    this.#pools.delete(pool);
  }

  /**
   * Closes every session pool (after the runs under way on any thread), rolls back and
   * ends every session begun here (after the calls already queued on it), then JetTerm2.
   * Calling it again returns the same promise.
   *
   * A session opened with the raw API (`jet.JetBeginSession`) that is still in a
   * transaction makes ESE refuse the term, abrupt or not: close() rejects with
   * EsentTooManyActiveUsersError and the instance stays open and usable. Roll that
   * transaction back (or end that session) and call close() again. Raw sessions outside a
   * transaction are ended by the term.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closing ??= this.#close(options.dirty === true ? JET_bitTermDirty : options.abrupt === true ? JET_bitTermAbrupt : 0);
    return this.#closing;
  }

  async #close(grbit: number): Promise<void> {
    // Pools first: each waits for the runs under way on any thread, then ends its sessions.
    await Promise.allSettled([...this.#pools].map((pool) => pool.close()));
    // ESE refuses every term but a dirty one while any transaction is open, so this
    // instance's own sessions roll back everything first (after their queued calls), then
    // end. A session that cannot end here (say, raw-API code left its context set) stays;
    // JetTerm2 then ends it, or refuses if it is in a transaction.
    await Promise.allSettled([...this.#sessions].map((session) => rollBackAndEnd(session)));
    try {
      await native.termInstance(this.#handle, grbit);
    } catch (error) {
      if (grbit === JET_bitTermDirty && error instanceof EsentDirtyShutdownError) {
        this.#sessions.clear();
        this.#closed = true;
        return;
      }
      // Refused (JET_errTooManyActiveUsers: a raw-API session is still in a transaction):
      // the instance stays usable, and close() may be called again once it is rolled back.
      this.#closing = undefined;
      throw error;
    }
    this.#sessions.clear();
    this.#closed = true;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
