// Windows Node under Wine, shared by the Wine test runner and the differential test: the
// private prefix in .cache/wine-prefix, its environment, and node.exe.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { CACHE, MINGW, NODE_WIN_PACKAGE, NODE_WIN_VERSION, ROOT, fail, fetchPackage, hasCommand, log, run } from './common.mjs';

export const PREFIX = join(CACHE, 'wine-prefix');
const SHIM_SOURCE = join(ROOT, 'test', 'wine', 'bcryptprimitives.c');

/** The environment every Wine process of the project runs with (its own prefix, quiet). */
export const wineEnv = {
  ...process.env,
  WINEPREFIX: PREFIX,
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};

/** Fails with the apt-get line to run when Wine or mingw-w64 is missing. */
export function checkWineTools() {
  const missing = ['wine', 'wineserver'].filter((tool) => !hasCommand(tool));
  if (!hasCommand(MINGW.cc)) missing.push(MINGW.cc);
  if (missing.length) {
    fail(
      `missing ${missing.join(', ')}; install Wine and mingw-w64 with\n` +
        '  apt-get update && apt-get install -y --no-install-recommends wine64 wine g++-mingw-w64-x86-64-posix mingw-w64-x86-64-dev',
    );
  }
}

/** Makes the prefix once (or again with `fresh`); a stamp records what went into it. */
export function ensurePrefix({ fresh = false } = {}) {
  const shim = readFileSync(SHIM_SOURCE);
  const stamp = createHash('sha256').update('win10\n').update(shim).digest('hex');
  const stampFile = join(PREFIX, '.esent-prefix');
  if (!fresh && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  log(`creating the Wine prefix ${relative(ROOT, PREFIX)} (Windows 10)`);
  rmSync(PREFIX, { recursive: true, force: true });
  mkdirSync(PREFIX, { recursive: true });
  run('wine', ['winecfg', '-v', 'win10'], { env: wineEnv, cwd: ROOT });
  run('wineserver', ['-w'], { env: wineEnv });
  const system32 = join(PREFIX, 'drive_c', 'windows', 'system32');
  if (!existsSync(join(system32, 'kernel32.dll'))) fail(`the prefix has no ${system32}; wine did not initialise it`);

  // Current Rust-built native modules (vitest's) import ProcessPrng, which Wine 8 lacks.
  const prng = join(system32, 'bcryptprimitives.dll');
  if (existsSync(prng)) {
    log('this Wine has its own bcryptprimitives.dll; no shim needed');
  } else {
    log('building the bcryptprimitives.dll shim into the prefix');
    run(MINGW.cc, ['-shared', '-O2', '-o', prng, SHIM_SOURCE, '-ladvapi32', '-static-libgcc']);
  }
  writeFileSync(stampFile, stamp);
}

/** node.exe of the pinned Windows Node, fetched once into .cache/npm/. */
export function ensureNodeExe() {
  const exe = join(fetchPackage(NODE_WIN_PACKAGE, NODE_WIN_VERSION), 'bin', 'node.exe');
  if (!existsSync(exe)) fail(`${NODE_WIN_PACKAGE}@${NODE_WIN_VERSION} has no bin/node.exe`);
  return exe;
}

/** Waits for the prefix's wineserver (and its services) to end; kills them if they do not. */
export function settleWine() {
  try {
    run('wineserver', ['-w'], { env: wineEnv, timeout: 30_000 });
  } catch {
    run('wineserver', ['-k'], { env: wineEnv });
  }
}
