// Compiles translation units into objects, at most `jobs` at a time. An object is rebuilt
// only when its command line changed or a file it depends on (from clang's -MMD output)
// is newer than it, so that an edit to one patch rebuilds only what it touches.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { runAsync, sha256 } from './common.mjs';

function readDepfile(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const colon = text.indexOf(': ');
  if (colon < 0) return null;
  return text
    .slice(colon + 2)
    .split(/(?<!\\)\s+/)
    .filter(Boolean)
    .map((part) => part.replace(/\\ /g, ' '));
}

export function upToDate(job) {
  const stamp = `${job.object}.cmd`;
  if (!existsSync(job.object) || !existsSync(stamp)) return false;
  if (readFileSync(stamp, 'utf8') !== sha256(JSON.stringify([job.command, job.args]))) return false;
  const deps = readDepfile(`${job.object}.d`);
  if (!deps) return false;
  const built = statSync(job.object).mtimeMs;
  return deps.every((dep) => existsSync(dep) && statSync(dep).mtimeMs <= built);
}

// jobs: [{ label, command, args, object }]; resolves to the list of failures.
export async function compileAll(jobs, parallel, onDone) {
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job.skip?.()) continue;
      mkdirSync(dirname(job.object), { recursive: true });
      const started = Date.now();
      const result = await runAsync(job.command, [...job.args, '-MMD', '-MF', `${job.object}.d`, '-o', job.object]);
      const seconds = (Date.now() - started) / 1000;
      if (result.code === 0) {
        writeFileSync(`${job.object}.cmd`, sha256(JSON.stringify([job.command, job.args])));
      } else {
        failures.push({ job, output: `${result.stdout}${result.stderr}` });
      }
      onDone?.(job, result.code === 0, seconds, `${result.stdout}${result.stderr}`);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return failures;
}
