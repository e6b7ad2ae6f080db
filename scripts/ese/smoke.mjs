#!/usr/bin/env node
// The real-engine lane's smoke test: builds ese.dll (or takes it from the cache), compiles
// scripts/ese/smoke.c with mingw-w64 and runs it under Wine in the prefix that the Wine test
// runner uses, in a fresh working folder; then, the same way, the suite's check of what the
// engine writes into buffers the caller sizes (test/native/buffer_sizes.cc). It prints the
// programs' output and exits with status 0 when the engine created, filled, read and closed a
// database and gave every buffer answer the check expects.
//
// Usage: node scripts/ese/smoke.mjs      (npm run smoke:ese)
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { BuildError, buildEseDll } from './dll.mjs';
import { SCRIPTS } from './lib/common.mjs';
import { bufferSizesArgs } from '../../test/native/buffer-sizes-build.mjs';
import { CACHE, MINGW, run, toWindowsPath } from '../windows/common.mjs';
import { checkWineTools, ensurePrefix, runWine } from '../windows/wine.mjs';

const started = Date.now();
let dll;
try {
  dll = await buildEseDll();
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  process.stderr.write(`[ese] error: ${error.message}\n`);
  process.exit(1);
}

checkWineTools();
ensurePrefix();
const folder = join(CACHE, 'ese-smoke');
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
const exe = join(folder, 'smoke.exe');
run(MINGW.cc, ['-municode', '-O1', '-Wall', '-Werror', '-o', exe, join(SCRIPTS, 'smoke.c'), '-static-libgcc']);

// Runs a Windows program of this lane under Wine in a fresh folder of its own; prints its output.
async function runProgram(label, exe, work) {
  mkdirSync(work, { recursive: true });
  const { code, timedOut, stdout, stderr } = await runWine([exe, toWindowsPath(dll), `${toWindowsPath(work)}\\`], {
    cwd: folder,
    timeoutMs: 5 * 60_000,
  });
  process.stdout.write(stdout);
  if (stderr.trim()) process.stdout.write(`----- stderr -----\n${stderr}`);
  if (timedOut) process.stdout.write(`[ese] ${label} passed 5 minutes; stopped it\n`);
  return code;
}

const smoke = await runProgram('the smoke test', exe, join(folder, 'db'));
process.stdout.write(`[ese] smoke test ${smoke === 0 ? 'passed' : `failed (exit ${smoke})`} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (smoke !== 0) process.exit(1);

// The suite's check of what the engine writes into buffers sized by the caller
// (test/native/buffer_sizes.cc, run on the emulator by test/engine-buffers.test.ts), here on ESE.
const buffers = join(folder, 'buffer_sizes.exe');
run(MINGW.cxx, [...bufferSizesArgs(buffers), '-static']);
const checked = await runProgram('the buffer check', buffers, join(folder, 'buffers'));
process.stdout.write(`[ese] buffer check ${checked === 0 ? 'passed' : `failed (exit ${checked})`}\n`);
process.exit(checked === 0 ? 0 : 1);
