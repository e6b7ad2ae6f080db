#!/usr/bin/env node
// npm run fuzz -- [--calls N] [--threads N] [--seed N] [--facade SHARE] [--json FILE]
//
// A seeded fuzzer of the raw `jet` API and the facade, on several threads at once (Workers,
// each with instances of its own, sharing the engine's process-wide registries). Every call
// must succeed or throw a TypeError, RangeError or EsentError (or one of the binding's own
// errors); the process must not die or hang. Prints the calls made and the failures; exits
// non-zero if there was any; --json also writes the summary to FILE. Runs on the emulator only (made-up handles would crash a real
// engine, whose handles are pointers).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

import { loadEngine } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '100000' },
    threads: { type: 'string', default: '4' },
    seed: { type: 'string', default: String(Date.now() % 1000000) },
    facade: { type: 'string', default: '0.3' },
    json: { type: 'string' },
  },
});
const calls = Number(values.calls);
if (values.json) values.json = resolve(values.json);
const threads = Math.max(1, Number(values.threads));
const seed = Number(values.seed);

if (!loadEngine().isEmulator) {
  console.error('fuzz: runs on the emulator only (set ESENT_LIBRARY=emulator)');
  process.exit(2);
}

// Whatever a made-up relative path creates lands in a folder that goes away.
const dir = mkdtempSync(join(tmpdir(), 'esent-fuzz-'));
process.chdir(dir);
const started = Date.now();
let made = 0;
let lastProgress = Date.now();
const results = await Promise.all(
  Array.from({ length: threads }, (_, i) => {
    return new Promise((resolve) => {
      const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
        workerData: { seed: seed + i, calls: Math.ceil(calls / threads), facadeShare: Number(values.facade), dir, label: i },
      });
      let result;
      worker.on('message', (message) => {
        if (message.progress) {
          made += message.progress;
          lastProgress = Date.now();
        }
        if (message.done) result = message.done;
      });
      worker.on('error', (error) => (result = { tally: {}, failures: [`worker ${i} died: ${error?.stack ?? error}`] }));
      worker.on('exit', (code) => resolve(result ?? { tally: {}, failures: [`worker ${i} exited with ${code}`] }));
    });
  }).concat(
    // A watchdog: a call that never returns is a failure too.
    new Promise((resolve) => {
      const timer = setInterval(() => {
        if (Date.now() - lastProgress > 120_000) {
          console.error(`fuzz: no progress for 2 minutes after ${made} calls (seed ${seed}): a call hangs`);
          process.exit(1);
        }
      }, 5000);
      timer.unref();
      resolve(null);
    }),
  ),
);

const tally = {};
const failures = [];
for (const result of results.filter(Boolean)) {
  for (const [outcome, count] of Object.entries(result.tally)) tally[outcome] = (tally[outcome] ?? 0) + count;
  failures.push(...result.failures);
}
const total = Object.values(tally).reduce((a, b) => a + b, 0);
const summary = { seed, threads, calls: total, seconds: (Date.now() - started) / 1000, tally, failures };
if (values.json) writeFileSync(values.json, JSON.stringify(summary));
{
  console.log(`fuzz: seed ${seed}, ${threads} threads, ${total} calls in ${summary.seconds.toFixed(1)} s`);
  console.log(`outcomes: ${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`failures: ${failures.length}`);
  for (const failure of failures) console.log(`  ${failure}`);
}
process.chdir(tmpdir());
rmSync(dir, { recursive: true, force: true });
process.exit(failures.length > 0 ? 1 : 0);
