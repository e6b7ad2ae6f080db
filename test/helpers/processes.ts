// Child processes that tests watch line by line and kill. A fixture reports through
// test/fixtures/lib/report.mjs: lines appended to a file whose path it gets as `report`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WatchedProcess {
  child: ChildProcess;
  /** Every complete line reported so far (read again by waitFor, and after the end). */
  lines: string[];
  /** Resolves once a line satisfies `predicate`; rejects if the process ends first. */
  waitFor(predicate: (line: string, lines: string[]) => boolean): Promise<void>;
  /** Resolves with the exit code once the process has ended by itself. */
  exited(): Promise<number | null>;
  /** SIGKILL (TerminateProcess on Windows), and the process gone. */
  kill(): Promise<void>;
  stderr(): string;
}

/**
 * Runs test/fixtures/<name>.mjs with `{ ...data, report }` as JSON in argv[2]; `prefix` is a
 * command line to run it under (prlimit, unshare).
 */
export function runFixture(name: string, data: Record<string, unknown>, prefix: string[] = []): WatchedProcess {
  const fixture = fileURLToPath(new URL(`../fixtures/${name}.mjs`, import.meta.url));
  const folder = mkdtempSync(join(tmpdir(), 'esent-report-'));
  const report = join(folder, 'lines');
  const argument = JSON.stringify({ ...data, report });
  const command = prefix.length > 0 ? prefix[0]! : process.execPath;
  const args = [...prefix.slice(1), ...(prefix.length > 0 ? [process.execPath] : []), fixture, argument];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: string[] = [];
  let errors = '';
  let ended = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      ended = true;
      resolve(code);
    }),
  );
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (errors += chunk));
  const refresh = (): void => {
    let text = '';
    try {
      text = readFileSync(report, 'utf8');
    } catch {
      return;
    }
    const complete = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(0, -1);
    lines.splice(0, lines.length, ...complete);
  };
  const finished = exit.then((code) => {
    refresh();
    rmSync(folder, { recursive: true, force: true });
    return code;
  });
  return {
    child,
    lines,
    stderr: () => errors,
    exited: () => finished,
    waitFor(predicate) {
      return new Promise<void>((resolve, reject) => {
        let seen = 0;
        const check = (): void => {
          if (!ended) refresh();
          for (; seen < lines.length; seen++) {
            if (predicate(lines[seen]!, lines)) {
              clearInterval(timer);
              return resolve();
            }
          }
          if (ended) {
            clearInterval(timer);
            reject(new Error(`${name} ended first: ${errors.slice(-2000)}`));
          }
        };
        const timer = setInterval(check, 10);
        check();
      });
    },
    async kill() {
      if (!ended) child.kill('SIGKILL');
      await finished;
    },
  };
}

/** A small deterministic random number generator (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
