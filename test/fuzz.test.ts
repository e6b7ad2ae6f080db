// A short run of the seeded fuzzer (fuzz/run.mjs: the raw API and the facade on three
// threads at once): every call succeeds or throws a TypeError, RangeError or EsentError, and
// the process neither dies nor hangs. `npm run fuzz -- --calls 1000000` runs a long one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

import { itOnEmulator } from './helpers/engine.js';

const seed = Number(process.env.ESENT_TEST_SEED ?? 0x5eed);

itOnEmulator(
  'the raw API and the facade, fuzzed on three threads, fail only with typed errors',
  'made-up handles are pointers to a real engine',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'esent-fuzz-test-'));
    try {
      const summaryFile = join(dir, 'summary.json');
      const script = fileURLToPath(new URL('../fuzz/run.mjs', import.meta.url));
      const run = spawnSync(
        process.execPath,
        [script, '--calls', '6000', '--threads', '3', '--seed', String(seed), '--json', summaryFile],
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect({ status: run.status, signal: run.signal }, run.stderr).toEqual({ status: 0, signal: null });
      const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { calls: number; failures: string[]; tally: Record<string, number> };
      expect(summary.failures).toEqual([]);
      expect(summary.calls).toBeGreaterThanOrEqual(6000);
      // The run reached the engine, not only the argument checks.
      expect(summary.tally.ok).toBeGreaterThan(500);
      expect(summary.tally.EsentError).toBeGreaterThan(500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  300_000,
);
