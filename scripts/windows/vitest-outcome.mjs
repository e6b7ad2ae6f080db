// Reading what one vitest run in Windows Node left behind: its JSON report, and on stderr the
// test files whose worker process vitest could not start. Used by run-wine-tests.mjs; kept
// apart so that test/wine-outcome.test.ts can check it without Wine.
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

// A path vitest printed (Z:/tmp/.../test/x.test.ts, or with backslashes) relative to the
// project root (a POSIX path: the runner runs on Linux).
export function projectPath(root, name) {
  const path = name.trim().replace(/^([A-Za-z]):/, '').replace(/\\/g, '/').replace(/^\/*/, '/');
  return posix.relative(root, path) || name;
}

export function readReport(resultsFile) {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    return null;
  }
}

// Every test of the report as { file, name, status, messages }; a file that failed without a
// test result is one failed test named "(file failed to load)".
export function collectTests(root, report) {
  const tests = [];
  for (const file of report?.testResults ?? []) {
    const path = projectPath(root, file.name);
    for (const assertion of file.assertionResults ?? []) {
      tests.push({ file: path, name: [...assertion.ancestorTitles, assertion.title].join(' > '), status: assertion.status, messages: assertion.failureMessages ?? [] });
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).length) {
      tests.push({ file: path, name: '(file failed to load)', status: 'failed', messages: [file.message ?? ''] });
    }
  }
  return tests;
}

const readIfThere = (file) => (file && existsSync(file) ? readFileSync(file, 'utf8') : '');

// The files of a failed run whose worker vitest could not start and none of whose tests ran,
// and whether those failures are all the unhandled errors vitest counted (so that running
// the files again answers for the whole run).
export function filesNeverStarted(root, outcome) {
  if (outcome.code === 0 || outcome.timedOut) return { files: [], onlyErrors: false };
  const stderr = readIfThere(outcome.stderrFile);
  const ran = new Set(collectTests(root, readReport(outcome.resultsFile)).map((test) => test.file));
  const files = new Set();
  let failures = 0;
  for (const [, list] of stderr.matchAll(/^Error: \[vitest-pool\]: Failed to start forks worker for test files (.+?)\.?$/gm)) {
    failures += 1;
    for (const name of list.split(/,\s*/)) {
      const file = projectPath(root, name);
      if (file.startsWith('test/') && !ran.has(file)) files.add(file);
    }
  }
  // vitest prints its unhandled errors on stderr; the count may come on either stream.
  const counted = /Vitest caught (\d+) unhandled errors?/.exec(`${stderr}\n${readIfThere(outcome.stdoutFile)}`);
  return { files: [...files].sort(), onlyErrors: failures > 0 && Number(counted?.[1]) === failures };
}
