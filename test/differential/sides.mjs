// The two sides a program runs on. Each side is an engine in a process of its own, named by
// a spec "where:library":
//   node:emulator    this Node, on this OS, with the package's emulator (the default library)
//   node:system      this Node with System32's ESENT.dll (Windows only)
//   node:PATH        this Node with the engine library at PATH
//   wine:emulator    Windows Node (node.exe) under Wine, with the cross-built emulator DLL
//   wine:PATH        Windows Node under Wine with the DLL at PATH (a Unix path)
// A side runs programs (side.mjs) and answers { lines, cleanup, crashed? }. A side whose
// process dies or hangs reports the call in flight as crashed and starts afresh next time.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

import { CACHE, ROOT, toWindowsPath } from '../../scripts/windows/common.mjs';
import { ensureNodeExe, ensurePrefix, wineEnv } from '../../scripts/windows/wine.mjs';
import { formatCall } from './program.mjs';

export const LOG_DIR = join(CACHE, 'differential');
const SIDE_SCRIPT = join('test', 'differential', 'side.mjs');
const WIN32_EMULATOR = join(ROOT, 'prebuilds', 'win32-x64', 'esent_emulator.dll');

export function parseSideSpec(spec) {
  const colon = spec.indexOf(':');
  const where = colon < 0 ? spec : spec.slice(0, colon);
  const library = colon < 0 ? 'emulator' : spec.slice(colon + 1);
  if (where !== 'node' && where !== 'wine') throw new Error(`side '${spec}': expected node:LIBRARY or wine:LIBRARY`);
  if (!library) throw new Error(`side '${spec}': the library is empty`);
  return { where, library, label: `${where}:${library}` };
}

/** How to start a side's process for `spec` (see parseSideSpec). */
function launcher({ where, library }) {
  if (where === 'node') {
    return {
      command: process.execPath,
      args: [SIDE_SCRIPT],
      // 'emulator' and 'system' keep their meaning (lib/native.ts); anything else is a path.
      env: { ...process.env, ESENT_LIBRARY: library === 'emulator' || library === 'system' ? library : resolve(library) },
    };
  }
  const dll = library === 'emulator' ? WIN32_EMULATOR : resolve(library);
  if (!existsSync(dll)) throw new Error(`no ${dll}: build it first (npm run build:win32 for the emulator)`);
  ensurePrefix();
  return {
    command: 'wine',
    args: [ensureNodeExe(), SIDE_SCRIPT],
    // build/Release holds the Linux addon; node-gyp-build must take the win32 prebuild.
    env: { ...wineEnv, ESENT_LIBRARY: toWindowsPath(dll), PREBUILDS_ONLY: '1' },
    wine: true,
  };
}

export class ChildSide {
  #launch;
  #child = null;
  #socket = null;
  #server = null;
  #received = '';
  #inbox = [];
  #listener = null;
  #logFile;

  /**
   * `startTimeout`: seconds for the process to connect; `callTimeout`: seconds a single call
   * may take before the side counts as hung.
   */
  constructor(spec, { threads = 3, startTimeout = 180, callTimeout = 120 } = {}) {
    this.spec = parseSideSpec(spec);
    this.label = this.spec.label;
    this.threads = threads;
    this.startTimeout = startTimeout * 1000;
    this.callTimeout = callTimeout * 1000;
    this.hello = null;
    this.starts = 0;
    mkdirSync(LOG_DIR, { recursive: true });
    this.#logFile = join(LOG_DIR, `${this.label.replace(/[^A-Za-z0-9.-]+/g, '_')}.log`);
  }

  /**
   * Starts the side's process. A start that fails is tried again twice, each time after
   * ending whatever the last process left behind (see #clearLeftovers).
   */
  async start() {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#startOnce();
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        process.stderr.write(`[differential] ${error.message}; starting it again (attempt ${attempt + 1} of 3)\n`);
        this.#clearLeftovers();
      }
    }
  }

  async #startOnce() {
    this.#launch ??= launcher(this.spec);
    this.#server = createServer();
    await new Promise((done, fail) => this.#server.listen(0, '127.0.0.1', done).once('error', fail));
    const { port } = this.#server.address();
    const log = openSync(this.#logFile, 'a');
    const { command, args, env } = this.#launch;
    // Windows Node under Wine cannot write to pipes: its output goes to the log file.
    this.#child = spawn(command, [...args, '--port', String(port), '--threads', String(this.threads)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.starts++;
    const child = this.#child;
    const exited = new Promise((done) => child.once('exit', (code, signal) => done(`exited with ${signal ?? code}`)));
    child.once('error', () => undefined);
    const connected = new Promise((done) => this.#server.once('connection', done));
    const timeout = new Promise((done) => setTimeout(() => done('timed out'), this.startTimeout).unref());
    const first = await Promise.race([connected, exited, timeout]);
    if (typeof first === 'string') {
      await this.stop();
      throw new Error(`${this.label}: the side process ${first} before connecting; see ${this.#logFile}`);
    }
    const socket = first;
    this.#socket = socket;
    socket.setEncoding('utf8');
    // A process's events can arrive after stop() has moved on to the next process (a socket's
    // 'close' comes a turn after destroy()); they must not reach the next one's inbox, where
    // a stale 'closed' would read as the new process failing before its hello.
    const current = () => this.#socket === socket;
    socket.on('data', (chunk) => current() && this.#onData(chunk));
    socket.on('close', () => current() && this.#dispatch({ op: 'closed' }));
    socket.on('error', () => undefined);
    child.once('exit', (code, signal) => current() && this.#dispatch({ op: 'closed', why: `exited with ${signal ?? code}` }));
    const hello = await this.#next(this.startTimeout);
    if (hello.op !== 'hello') {
      await this.stop();
      throw new Error(`${this.label}: the side did not start: ${hello.message ?? hello.why ?? hello.op}; see ${this.#logFile}`);
    }
    this.hello = hello;
  }

  #onData(chunk) {
    this.#received += chunk;
    let newline;
    while ((newline = this.#received.indexOf('\n')) >= 0) {
      const message = JSON.parse(this.#received.slice(0, newline));
      this.#received = this.#received.slice(newline + 1);
      this.#dispatch(message);
    }
  }

  #dispatch(message) {
    const listener = this.#listener;
    if (!listener) {
      this.#inbox.push(message);
      return;
    }
    this.#listener = null;
    listener(message);
  }

  #next(timeoutMs) {
    if (this.#inbox.length) return Promise.resolve(this.#inbox.shift());
    return new Promise((done) => {
      const timer = setTimeout(() => {
        this.#listener = null;
        done({ op: 'timeout' });
      }, timeoutMs);
      this.#listener = (message) => {
        clearTimeout(timer);
        done(message);
      };
    });
  }

  /** Runs `program`; resolves with { lines, cleanup, crashed? }. */
  async run(program) {
    if (!this.#socket) await this.start();
    this.#socket.write(`${JSON.stringify({ op: 'run', program })}\n`);
    const lines = [];
    for (;;) {
      const message = await this.#next(this.callTimeout);
      if (message.op === 'line') {
        lines.push(message.line);
        continue;
      }
      if (message.op === 'done') return { lines, cleanup: message.cleanup };
      // The call in flight crashed the side, hung, or the side failed: report it as that
      // call's outcome, and start a new process next time.
      const why =
        message.op === 'timeout'
          ? `hung (no answer in ${this.callTimeout / 1000} s)`
          : message.op === 'error'
            ? `side error: ${message.message.split('\n')[0]}`
            : `the process ${message.why ?? 'closed the connection'}`;
      const call = program.calls[lines.length];
      if (call) lines.push(`#${call.id} ${formatCall(call)} -> crash: ${why}`);
      // A hung process would not answer a request to exit either.
      await this.stop({ force: message.op === 'timeout' });
      return { lines, cleanup: 'crashed', crashed: why };
    }
  }

  /**
   * After a process that did not end cleanly. Under Wine, the loader that exited (or was
   * killed) can leave its node.exe, or a wineserver still tearing it down, behind in the
   * prefix; a new process started against that failed before saying hello. So the prefix's
   * wineserver is ended, and waited for, before the next start.
   */
  #clearLeftovers() {
    if (!this.#launch?.wine) return;
    spawnSync('wineserver', ['-k'], { env: wineEnv, timeout: 30_000 });
    spawnSync('wineserver', ['-w'], { env: wineEnv, timeout: 30_000 });
  }

  /** The last lines of the side's log, for a report. */
  logTail(count = 20) {
    if (!existsSync(this.#logFile)) return '';
    return readFileSync(this.#logFile, 'utf8').split('\n').slice(-count).join('\n');
  }

  get logFile() {
    return this.#logFile;
  }

  /** Ends the process: asked to exit and given 10 s, unless `force`, then killed. */
  async stop({ force = false } = {}) {
    const child = this.#child;
    if (!force && this.#socket && child && child.exitCode === null) {
      this.#socket.write(`${JSON.stringify({ op: 'exit' })}\n`);
      await Promise.race([new Promise((done) => child.once('exit', done)), new Promise((done) => setTimeout(done, 10_000).unref())]);
    }
    let clean = !child || child.exitCode === 0;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      clean = false;
    }
    if (!clean) this.#clearLeftovers();
    this.#socket?.destroy();
    this.#server?.close();
    this.#child = null;
    this.#socket = null;
    this.#server = null;
    this.#received = '';
    this.#inbox = [];
    this.#listener = null;
  }
}

/** A side in this process (the vitest test): the engine is whichever this process loaded. */
export class InProcessSide {
  constructor(executor, label = 'in-process') {
    this.executor = executor;
    this.label = label;
  }

  run(program) {
    return this.executor.run(program);
  }

  async stop() {}
}
