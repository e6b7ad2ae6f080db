// How the Wine runner reads a vitest run in Windows Node (scripts/windows/vitest-outcome.mjs):
// the tests in its report, and the test files whose worker process Windows Node could not
// spawn under Wine, which the runner runs again.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { collectTests, filesNeverStarted, projectPath, readReport } from '../scripts/windows/vitest-outcome.mjs';
import { tempDir } from './helpers/instances.js';

const root = '/tmp/esent-ci.ZXk0SL/esent';
const scratch = tempDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let runs = 0;
/** A run's files as the runner finds them: stderr, stdout and the JSON report. */
function run(code: number, stderr: string, report: unknown, stdout = '') {
  const dir = join(scratch, `run${++runs}`);
  const stderrFile = `${dir}-stderr.txt`;
  const stdoutFile = `${dir}-stdout.txt`;
  const resultsFile = `${dir}-results.json`;
  writeFileSync(stderrFile, stderr);
  writeFileSync(stdoutFile, stdout);
  writeFileSync(resultsFile, JSON.stringify(report));
  return { code, timedOut: false, stderrFile, stdoutFile, resultsFile };
}

/** An unhandled error as vitest 4 prints it when Windows Node cannot spawn its worker. */
const cannotStart = (files: string) => `[vitest-pool]: Failed to terminate forks worker for test files ${files}. Error: The child process was torn down or never initialized. This is a bug in Vitest.
⎯⎯⎯⎯⎯⎯ Unhandled Error ⎯⎯⎯⎯⎯⎯⎯
Error: [vitest-pool]: Failed to start forks worker for test files ${files}.
 ❯ node_modules/vitest/dist/chunks/cli-api.B0Pz1_R7.js:3532:94

Caused by: Error: spawn UNKNOWN
 ❯ ChildProcess.spawn node:internal/child_process:420:11
Serialized Error: { errno: -4094, code: 'UNKNOWN', syscall: 'spawn' }
`;
const caught = (n: number) => `⎯⎯⎯⎯⎯⎯ Unhandled Errors ⎯⎯⎯⎯⎯⎯\n\nVitest caught ${n} unhandled error${n === 1 ? '' : 's'} during the test run.\n`;

const fileResult = (file: string, titles: string[], status = 'passed') => ({
  name: `Z:${root}/${file}`,
  status,
  assertionResults: titles.map((title) => ({ ancestorTitles: ['suite'], title, status, failureMessages: [] })),
});
const report = { testResults: [fileResult('test/facade.test.ts', ['opens', 'closes'])] };

describe('a vitest run under Wine, read back', () => {
  it('names each test by its file relative to the project, whatever the drive letter and slashes', () => {
    expect(projectPath(root, `Z:${root}/test/a.test.ts`)).toBe('test/a.test.ts');
    expect(projectPath(root, `Z:${root.replace(/\//g, '\\')}\\test\\a.test.ts`)).toBe('test/a.test.ts');
    const failedToLoad = { ...fileResult('test/b.test.ts', [], 'failed'), message: 'SyntaxError' };
    expect(collectTests(root, { testResults: [...report.testResults, failedToLoad] })).toEqual([
      { file: 'test/facade.test.ts', name: 'suite > opens', status: 'passed', messages: [] },
      { file: 'test/facade.test.ts', name: 'suite > closes', status: 'passed', messages: [] },
      { file: 'test/b.test.ts', name: '(file failed to load)', status: 'failed', messages: ['SyntaxError'] },
    ]);
    expect(readReport(join(scratch, 'missing.json'))).toBeNull();
  });

  it('finds the files whose worker could not start, and whether that was all that went wrong', () => {
    const buffers = `Z:${root}/test/engine-buffers.test.ts`;
    expect(filesNeverStarted(root, run(1, caught(1) + cannotStart(buffers), report))).toEqual({
      files: ['test/engine-buffers.test.ts'],
      onlyErrors: true,
    });
    // The count on stdout does as well.
    expect(filesNeverStarted(root, run(1, cannotStart(buffers), report, caught(1)))).toEqual({
      files: ['test/engine-buffers.test.ts'],
      onlyErrors: true,
    });
    // Two files in one failure, and another unhandled error beside it.
    const two = `${buffers}, Z:${root}/test/pool.test.ts`;
    expect(filesNeverStarted(root, run(1, caught(2) + cannotStart(two), report))).toEqual({
      files: ['test/engine-buffers.test.ts', 'test/pool.test.ts'],
      onlyErrors: false,
    });
  });

  it('leaves out a file whose tests ran, and a run that passed or was stopped', () => {
    const facade = `Z:${root}/test/facade.test.ts`;
    expect(filesNeverStarted(root, run(1, caught(1) + cannotStart(facade), report))).toEqual({ files: [], onlyErrors: true });
    const buffers = `Z:${root}/test/engine-buffers.test.ts`;
    expect(filesNeverStarted(root, run(0, caught(1) + cannotStart(buffers), report)).files).toEqual([]);
    expect(filesNeverStarted(root, { ...run(1, caught(1) + cannotStart(buffers), report), timedOut: true }).files).toEqual([]);
    // Other unhandled errors alone: nothing to run again.
    expect(filesNeverStarted(root, run(1, `${caught(1)}Error: something else\n`, report))).toEqual({ files: [], onlyErrors: false });
  });
});
