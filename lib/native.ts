// The loader: finds the compiled addon (a prebuild or build/Release), chooses the ESE
// engine library it will load on first use, and hands JET failures to the typed errors.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EsentError, registerCategoryResolver } from './errors/index.js';
import type { JetApi } from './jet-types.js';

/** The native session object behind a facade Session (native/addon/native_session.cc). */
export interface NativeSessionObject {
  readonly handle: bigint;
  readonly context: bigint;
  readonly pending: number;
  readonly ended: boolean;
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
  NativeSession: new (sesid: bigint) => NativeSessionObject;
  createInstance(
    name: string | null,
    displayName: string | null,
    createGrbit: number,
    params: Array<[number, number | bigint, string | null]>,
    initGrbit: number,
  ): Promise<bigint>;
  termInstance(instance: bigint, grbit?: number): Promise<number>;
  setErrorFactory(factory: (errno: number, operation: string, detail?: string) => Error): void;
  setLibraryPath(path: string): boolean;
  engineInfo(): EngineInfo;
  loadEngine(): EngineInfo;
  currentThreadId(): number;
  benchContextLoop(sesid: bigint, context: bigint, iterations: number): number;
  pointerBits: number;
}

/** The package root: one level above lib/ (sources) and dist/ (compiled). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const require = createRequire(import.meta.url);
const nodeGypBuild = require('node-gyp-build') as ((dir: string) => unknown) & { path(dir: string): string };

const addonPath = nodeGypBuild.path(packageRoot);
export const native = require(addonPath) as NativeAddon;
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

native.setErrorFactory((errno, operation, detail) => {
  const error = EsentError.from(errno, operation);
  if (detail) error.message += `: ${detail}`;
  return error;
});

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
