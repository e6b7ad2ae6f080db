// Setup file added only by the Wine runs (test/wine/vitest-driver.mjs): skips, with their
// reason, the tests that the known-differences lists say cannot pass there.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach } from 'vitest';

interface KnownDifference {
  file: string;
  test?: string;
  reason: string;
}

const rootDir = fileURLToPath(new URL('../../', import.meta.url));
// The runner names the lists that apply (ESENT_KNOWN_DIFFERENCES, paths relative to the
// root, comma-separated): Wine's own, and for the real engine also its list.
const listFiles = (process.env.ESENT_KNOWN_DIFFERENCES || 'test/wine/known-differences.json').split(',');
const entries: KnownDifference[] = listFiles.flatMap(
  (file) => JSON.parse(readFileSync(join(rootDir, file), 'utf8')).entries as KnownDifference[],
);

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

type Named = { name: string; suite?: Named; filepath?: string };

// The test's name under its suites, without the file (which is a suite with a filepath).
function fullName(task: Named): string {
  const names: string[] = [];
  for (let current: Named | undefined = task; current && current.filepath === undefined; current = current.suite) {
    names.unshift(current.name);
  }
  return names.join(' > ');
}

beforeEach((context) => {
  const task = context.task as unknown as Named & { file: { filepath: string } };
  const file = toPosix(relative(rootDir, task.file.filepath));
  const name = fullName(task);
  const hit = entries.find(
    (entry) => entry.test && entry.file === file && (name === entry.test || name.startsWith(`${entry.test} > `)),
  );
  if (hit) context.skip(`not under Wine: ${hit.reason}`);
});
