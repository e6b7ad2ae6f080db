#!/usr/bin/env node
// The real-engine lane's smoke test: builds ese.dll (or takes it from the cache), compiles
// scripts/ese/smoke.c with mingw-w64 and runs it under Wine in the prefix that the Wine test
// runner uses, in a fresh working folder. It prints the program's output and exits with its
// status: 0 when the engine created, filled, read and closed a database.
//
// Usage: node scripts/ese/smoke.mjs      (npm run smoke:ese)
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { BuildError, buildEseDll } from './dll.mjs';
import { SCRIPTS } from './lib/common.mjs';
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
mkdirSync(join(folder, 'db'), { recursive: true });
const exe = join(folder, 'smoke.exe');
run(MINGW.cc, ['-municode', '-O1', '-Wall', '-Werror', '-o', exe, join(SCRIPTS, 'smoke.c'), '-static-libgcc']);

const { code, timedOut, stdout, stderr } = await runWine([exe, toWindowsPath(dll), `${toWindowsPath(join(folder, 'db'))}\\`], {
  cwd: folder,
  timeoutMs: 5 * 60_000,
});
process.stdout.write(stdout);
if (stderr.trim()) process.stdout.write(`----- stderr -----\n${stderr}`);
if (timedOut) process.stdout.write('[ese] the smoke test passed 5 minutes; stopped it\n');
process.stdout.write(`[ese] smoke test ${code === 0 ? 'passed' : `failed (exit ${code})`} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(code === 0 ? 0 : 1);
