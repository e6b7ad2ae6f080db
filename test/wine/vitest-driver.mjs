// Runs the project's vitest suite inside Windows Node (under Wine), started by
// scripts/windows/run-wine-tests.mjs. Adds test/wine/skip-known.ts as a setup file, which
// skips the tests listed in the known-differences lists (ESENT_KNOWN_DIFFERENCES, default
// test/wine/known-differences.json) with their reason, excludes the files listed there
// without a test name, and writes vitest's JSON report.
//
// Usage (inside node.exe): node test/wine/vitest-driver.mjs --results FILE [filters...]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startVitest } from 'vitest/node';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const { values, positionals } = parseArgs({
  options: { results: { type: 'string' } },
  allowPositionals: true,
});
if (!values.results) {
  console.error('vitest-driver: --results FILE is required');
  process.exit(2);
}

const listFiles = (process.env.ESENT_KNOWN_DIFFERENCES || 'test/wine/known-differences.json').split(',');
const entries = listFiles.flatMap((file) => JSON.parse(readFileSync(join(root, file), 'utf8')).entries);
const excludedFiles = entries.filter((entry) => !entry.test).map((entry) => entry.file);

const ctx = await startVitest(
  'test',
  positionals,
  {
    root,
    run: true,
    watch: false,
    reporters: ['default', 'json'],
    outputFile: { json: resolve(values.results) },
    cliExclude: excludedFiles,
    // Wine starts a Worker several times slower than Linux does, and slower still on a busy
    // machine: the tests that start dozens of them need more than the usual 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
  {
    plugins: [
      {
        name: 'esent-wine-setup',
        config: () => ({ test: { setupFiles: [join(here, 'skip-known.ts')] } }),
      },
    ],
  },
);
await ctx?.close();
// vitest sets process.exitCode on failures; nothing else should keep the process alive.
process.exit(process.exitCode ?? 0);
