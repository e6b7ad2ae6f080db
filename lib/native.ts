// The loader: finds the compiled addon (a prebuild or build/Release), chooses the ESE
// engine library it will load on first use, and hands JET failures to the typed errors.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EsentError, registerCategoryResolver } from './errors/index.js';
import { addContext } from './error-context.js';
import { buildRetrieveResults, packRetrieveRequests, retrieveResult } from './jet-retrieve.js';
import { loadAddon } from './load-addon.js';
import type { JetApi } from './jet-types.js';

/** An open table cursor of a session: an opaque, type-tagged handle of the addon. */
export type NativeCursor = object & { readonly __nativeCursor?: never };

/** What openTable and createTable resolve with (native/addon/session_calls/session_calls.h). */
export interface NativeOpenedTable {
  cursor: NativeCursor;
  tableid: bigint;
  /** In the order of the names asked for; null for a column the table lacks. */
  columns: Array<{ columnid: number; coltyp: number; cbMax: number; grbit: number; cp: number } | null>;
  missingIndexes: string[];
}

/** A range bound for scan and count: key bytes of the first columns of the index. */
export interface NativeKeyBound {
  key: Buffer;
  inclusive: boolean;
  /** The key has fewer columns than the index. */
  prefix: boolean;
}

/** One page of a scan; `scan` is undefined once the scan has ended and its cursor closed. */
export interface NativeScanPage {
  scan: NativeCursor | undefined;
  rows: Buffer;
  count: number;
}

/** A column for createTable and addColumn (native/addon/session_calls/table_specs.h). */
export interface NativeColumnSpec {
  name: string;
  coltyp: number;
  cbMax: number;
  grbit: number;
  cp: number;
  defaultValue: Buffer | null;
}

/** An index for createTable and createIndex: key is '+a\0-b\0'. */
export interface NativeIndexSpec {
  name: string;
  key: string;
  grbit: number;
  lcid: number;
  mapFlags: number | null;
}

/** The table spec for createTable. */
export interface NativeTableSpec {
  name: string;
  columns: NativeColumnSpec[];
  indexes: NativeIndexSpec[];
}

/** A table as its catalog describes it (describeTable). */
export interface NativeTableDescription {
  /** In column id order. */
  columns: Array<{ name: string; columnid: number; coltyp: number; cbMax: number; grbit: number; cp: number; defaultValue: Buffer | null }>;
  indexes: Array<{ name: string; grbit: number; mapFlags: number; segments: Array<{ column: string; descending: boolean }> }>;
}

/** The native session object behind a facade Session (native/addon/native_session.cc). */
export interface NativeSessionObject {
  readonly handle: bigint;
  readonly context: bigint;
  readonly pending: number;
  readonly ended: boolean;
  /** `ended` as one byte the addon sets (1 once ended), read without a call into the addon. */
  readonly endedFlag: Uint8Array;
  readonly lastThreadId: number;
  beginTransaction(grbit?: number): Promise<number>;
  commit(grbit?: number): Promise<number>;
  rollback(grbit?: number): Promise<number>;
  transactionLevel(): Promise<number>;
  end(grbit?: number): Promise<number>;
  beginTransactionSync(grbit?: number): number;
  commitSync(grbit?: number): number;
  rollbackSync(grbit?: number): number;
  transactionLevelSync(): number;
  endSync(grbit?: number): number;
  // The data facade: one queued call each (native/addon/session_calls/session_calls.h).
  createDatabase(path: string, maxPages: number, grbit: number): Promise<number>;
  attachDatabase(path: string, maxPages: number, grbit: number, openGrbit: number): Promise<number>;
  openDatabase(path: string, grbit: number): Promise<number>;
  closeDatabase(dbid: number, grbit: number): Promise<number>;
  detachDatabase(path: string | null, grbit: number): Promise<number>;
  createTable(dbid: number, spec: NativeTableSpec): Promise<NativeOpenedTable>;
  openTable(dbid: number, name: string, columns: string[], indexes: string[], grbit: number): Promise<NativeOpenedTable>;
  closeCursor(cursor: NativeCursor): Promise<number>;
  /** Resolves with the columns read back, or undefined when `readBack` is empty. */
  insert(cursor: NativeCursor, rows: Buffer, readBack: Uint32Array): Promise<Buffer | undefined>;
  lookup(cursor: NativeCursor, index: string, keys: Buffer, keyCount: number): Promise<Buffer>;
  update(cursor: NativeCursor, index: string, key: Buffer, row: Buffer): Promise<boolean>;
  remove(cursor: NativeCursor, index: string, key: Buffer): Promise<boolean>;
  scan(
    cursor: NativeCursor,
    index: string,
    lower: NativeKeyBound | null,
    upper: NativeKeyBound | null,
    reverse: boolean,
    pageSize: number,
    limit: number,
  ): Promise<NativeScanPage>;
  scanNext(scan: NativeCursor, pageSize: number, limit: number): Promise<NativeScanPage>;
  count(cursor: NativeCursor, index: string, lower: NativeKeyBound | null, upper: NativeKeyBound | null): Promise<number>;
  // Schema (native/addon/session_calls/schema_calls.cc). A change made through a cursor
  // resolves with a fresh cursor on the changed table, learned as openTable does.
  listTables(dbid: number): Promise<string[]>;
  describeTable(dbid: number, name: string): Promise<NativeTableDescription>;
  deleteTable(dbid: number, name: string): Promise<number>;
  renameTable(dbid: number, name: string, newName: string): Promise<number>;
  addColumn(cursor: NativeCursor, column: NativeColumnSpec, columns: string[], indexes: string[]): Promise<NativeOpenedTable>;
  deleteColumn(cursor: NativeCursor, name: string, columns: string[], indexes: string[]): Promise<NativeOpenedTable>;
  createIndex(cursor: NativeCursor, index: NativeIndexSpec, columns: string[], indexes: string[]): Promise<NativeOpenedTable>;
  deleteIndex(cursor: NativeCursor, name: string, columns: string[], indexes: string[]): Promise<NativeOpenedTable>;
  // Pool sessions only (native/addon/pool/run_end_calls.cc): the last call of a run.
  endRun(mode: number, commitGrbit: number): Promise<NativeRunEnd>;
  handOff(): Promise<number>;
}

/** What endRun resolves with: errno < 0 if the commit (or the rollback) failed. */
export interface NativeRunEnd {
  errno: number;
  operation: string;
  /** Transaction levels the run left open inside its own, rolled back. */
  leftOpen: number;
}

/** A claim on a pool session (native/addon/pool/claim.h). */
export interface NativeClaimObject {
  /** Resolves once a session is held. */
  readonly ready: Promise<void>;
  /** Valid once held. */
  readonly index: number;
  readonly sesid: bigint;
  readonly context: bigint;
  readonly held: boolean;
  /** True if the claim will never be held (`ready` rejects); false if it is held already. */
  cancel(reason: unknown): boolean;
}

/** The process-wide session pool (native/addon/pool/pool_core.h). */
export interface NativePoolObject {
  readonly id: number;
  readonly size: number;
  readonly closed: boolean;
  readonly waiting: number;
  claim(begin: boolean, beginGrbit: number, adoptIndex?: number, adoptContext?: bigint): NativeClaimObject;
  close(): Promise<void>;
}

export interface EngineInfo {
  /** The library loaded, or the one the first call will load. */
  path: string;
  loaded: boolean;
  /** The loaded library is this package's ESE emulator. */
  isEmulator: boolean;
}

interface NativeAddon {
  jet: JetApi;
  NativeSession: new (sesid: bigint, claim?: NativeClaimObject) => NativeSessionObject;
  NativePool: { new (instance: bigint, size: number): NativePoolObject; new (id: number): NativePoolObject };
  createInstance(
    name: string | null,
    displayName: string | null,
    createGrbit: number,
    params: Array<[number, number | bigint, string | null]>,
    initGrbit: number,
  ): Promise<bigint>;
  termInstance(instance: bigint, grbit?: number): Promise<number>;
  setErrorFactory(
    factory: (errno: number, operation: string, detail?: string, context?: { column?: string; index?: string }) => Error,
  ): void;
  setRetrieveHelpers(
    result: typeof retrieveResult,
    packRequests: typeof packRetrieveRequests,
    buildResults: typeof buildRetrieveResults,
  ): void;
  setCompletionPoller(schedule: (() => void) | null): void;
  pollCompletions(): boolean;
  setLibraryPath(path: string): boolean;
  engineInfo(): EngineInfo;
  loadEngine(): EngineInfo;
  currentThreadId(): number;
  /** Session calls held by the addon in the whole process (queued, running, unsettled). */
  liveSessionCalls(): number;
  benchPoolClaimLoop(poolId: number, iterations: number): number;
  pointerBits: number;
}

/** The package root: one level above lib/ (sources) and dist/ (compiled). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { addon, path: addonPath } = loadAddon<NativeAddon>(packageRoot);
export const native = addon;
export const pointerBits = native.pointerBits;

const EMULATOR_FILE: Record<string, string> = {
  win32: 'esent_emulator.dll',
  darwin: 'esent_emulator.dylib',
};

/** The emulator library built or shipped with this package, beside the addon. */
export function bundledEmulatorPath(): string {
  const file = EMULATOR_FILE[process.platform] ?? 'esent_emulator.so';
  const candidates = [
    join(dirname(addonPath), file),
    join(dirname(addonPath), 'lib.target', file),
    join(packageRoot, 'build', 'Release', file),
    join(packageRoot, 'prebuilds', `${process.platform}-${process.arch}`, file),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

/**
 * What a library setting means: 'emulator' is the bundled emulator, 'system' is
 * System32's ESENT.dll (Windows only), anything else is a path.
 */
export function resolveLibrarySetting(setting: string): string {
  if (setting === 'emulator') return bundledEmulatorPath();
  if (setting === 'system') {
    if (process.platform !== 'win32') {
      throw new Error("library 'system' (ESENT.dll) exists only on Windows; use 'emulator' or a path");
    }
    return 'esent.dll';
  }
  return resolve(setting);
}

function defaultLibrary(): string {
  const fromEnvironment = process.env.ESENT_LIBRARY;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolveLibrarySetting(fromEnvironment);
  return process.platform === 'win32' ? 'esent.dll' : bundledEmulatorPath();
}

native.setLibraryPath(defaultLibrary());

native.setErrorFactory((errno, operation, detail, context) => {
  const error = EsentError.from(errno, operation);
  if (detail) error.message += `: ${detail}`;
  // What the engine itself pointed at (the column or index whose own error field it set).
  if (context) addContext(error, context);
  return error;
});

native.setRetrieveHelpers(retrieveResult, packRetrieveRequests, buildRetrieveResults);

// While session calls are in flight the event loop polls for their results, an immediate at
// a time, instead of sleeping until an engine thread wakes it (native/addon/completions.h).
function pollCompletions(): void {
  if (native.pollCompletions()) setImmediate(pollCompletions);
}
const schedulePoll = (): void => void setImmediate(pollCompletions);

/** configure({ resultPolling }): on (the default) or off for this JavaScript environment. */
export function setResultPolling(on: boolean): void {
  native.setCompletionPoller(on ? schedulePoll : null);
}
setResultPolling(true);

// Codes this package's table lacks (a newer ESENT.dll) take their category from the engine.
let resolving = false;
registerCategoryResolver((errno) => {
  if (resolving || !native.engineInfo().loaded) return undefined;
  resolving = true;
  try {
    return native.jet.JetGetErrorInfo(errno).errcatMostSpecific;
  } catch {
    return undefined;
  } finally {
    resolving = false;
  }
});
