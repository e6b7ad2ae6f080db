// Runs programs (program.mjs) against the engine this process loaded and returns their traces.
//
// Thread 0 is the calling thread; threads 1..n-1 are Workers started once and kept, so that a
// thread number names the same OS thread in every program. Calls run strictly one after
// another: each waits for the previous one's outcome, whichever thread ran it, so a trace
// depends on nothing but the program and the engine.
//
// After the program the executor terminates every instance it made (rolling back what stands
// in the way, and as a last resort with JET_bitTermDirty) and deletes the run's folder. None
// of that is traced; `cleanup` in the result says whether it went smoothly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';

import { JET_bitRollbackAll, JET_bitTermAbrupt, JET_bitTermDirty } from '../../dist/index.js';
import { PARAMETERS_SET } from './generate.mjs';
import { invoke } from './invoke.mjs';
import { formatBytes, formatCall } from './program.mjs';

const JET_errTooManyActiveUsers = -1059;

/**
 * A call's bytes as a view at the start of a zeroed buffer 16 bytes longer. ESE's JetMakeKey
 * reads a fixed-size type's whole size even from a shorter value (fldnorm.cxx
 * FLDNormalizeFixedSegment): past the value it meets zeros, as the emulator assumes, instead of
 * whatever the Buffer pool held next, which made the engines differ by chance.
 */
function zeroFollowed(hex) {
  const bytes = Buffer.from(hex, 'hex');
  const backing = Buffer.alloc(bytes.length + 16);
  bytes.copy(backing);
  return backing.subarray(0, bytes.length);
}

class Unbound extends Error {}

// Runs of every executor in this process, so that instance names never meet.
let runsInProcess = 0;

export class Executor {
  #workers = [];
  #baseDir;
  /** The process-wide values of PARAMETERS_SET before any program ran. */
  #defaults;

  /** Starts the Workers: `threads` counts the calling thread too. */
  static async create({ threads = 3 } = {}) {
    const executor = new Executor();
    executor.#baseDir = mkdtempSync(join(tmpdir(), 'esent-differential-'));
    for (let k = 1; k < threads; k++) {
      const worker = new Worker(new URL('./thread.mjs', import.meta.url));
      const ready = new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      executor.#workers.push(worker);
      await ready;
    }
    executor.#defaults = await executor.#processWideParameters();
    return executor;
  }

  /** The executor's own folder (the runs' folders are made inside it). */
  get folder() {
    return this.#baseDir;
  }

  get threads() {
    return this.#workers.length + 1;
  }

  async close() {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#workers = [];
    try {
      rmSync(this.#baseDir, { recursive: true, force: true });
    } catch {
      // Left behind in the temp folder: an engine still holds a file in it.
    }
  }

  /** Runs `fn(...args)` on thread `t`; resolves with invoke()'s outcome. */
  #callOn(t, fn, args) {
    if (t === 0) return Promise.resolve(invoke(fn, args));
    const worker = this.#workers[t - 1];
    if (!worker) return Promise.resolve({ ok: false, thrown: 'Error', message: `no thread ${t}` });
    return new Promise((resolve, reject) => {
      const onError = (error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (outcome) => {
        worker.off('error', onError);
        resolve(outcome);
      });
      worker.postMessage({ fn, args });
    });
  }

  /**
   * Runs `program`; resolves with { lines, cleanup }. `onLine(index, line)` is told of each
   * line as soon as it is known.
   */
  async run(program, { onLine } = {}) {
    const runDir = mkdtempSync(join(this.#baseDir, 'run-'));
    const run = new Run(runDir, this.#baseDir, `${process.pid.toString(36)}-${++runsInProcess}`);
    const lines = [];
    for (const call of program.calls) {
      const line = await this.#step(run, call);
      lines.push(line);
      onLine?.(lines.length - 1, line);
    }
    let cleanup = await this.#cleanup(run);
    if (cleanup === 'ok' || cleanup === 'forced') cleanup = (await this.#parametersLeftChanged(program)) ?? cleanup;
    try {
      rmSync(runDir, { recursive: true, force: true });
    } catch (error) {
      // An engine that still holds a file open (on Windows) keeps the folder.
      if (cleanup === 'ok' || cleanup === 'forced') cleanup = `failed: ${error.code ?? error.message}`;
    }
    return { lines, cleanup };
  }

  async #step(run, call) {
    let args;
    try {
      args = run.resolve(call.args);
    } catch (error) {
      if (error instanceof Unbound) return `#${call.id} ${formatCall(call)} -> skip`;
      throw error;
    }
    if (call.unrun) return `#${call.id} ${formatCall(call)} -> not run: ${call.unrun}`;
    const outcome = await this.#callOn(call.t, call.fn, args);
    return `#${call.id} ${formatCall(call)} -> ${run.record(call, outcome)}`;
  }

  // Terminates every instance of the run. Instances in the way of a plain term have their
  // contexts reset and transactions rolled back on every thread, with every context value
  // they were seen to use; JET_bitTermDirty is the last resort.
  async #cleanup(run) {
    const problems = [];
    let forced = false;
    for (const [sym, binding] of run.symbols) {
      if (binding.kind !== 'i') continue;
      let outcome = await this.#callOn(0, 'JetTerm2', [binding.value, JET_bitTermAbrupt]);
      if (!outcome.ok && outcome.errno === JET_errTooManyActiveUsers) {
        forced = true;
        for (const [sessionSym, session] of run.symbols) {
          if (session.kind !== 's' || session.instance !== sym) continue;
          for (let t = 0; t < this.threads; t++) {
            await this.#callOn(t, 'JetResetSessionContext', [session.value]);
            await this.#callOn(t, 'JetRollback', [session.value, JET_bitRollbackAll]);
            for (const context of run.contexts.get(sessionSym) ?? []) {
              await this.#callOn(t, 'JetSetSessionContext', [session.value, context]);
              await this.#callOn(t, 'JetRollback', [session.value, JET_bitRollbackAll]);
              await this.#callOn(t, 'JetResetSessionContext', [session.value]);
            }
          }
        }
        outcome = await this.#callOn(0, 'JetTerm2', [binding.value, JET_bitTermAbrupt]);
      }
      if (!outcome.ok && outcome.errno === JET_errTooManyActiveUsers) {
        forced = true;
        outcome = await this.#callOn(0, 'JetTerm2', [binding.value, JET_bitTermDirty]);
      }
      // Already terminated, never initialised or refused as a handle: nothing left to do.
      if (!outcome.ok && outcome.errno === JET_errTooManyActiveUsers) problems.push(`${sym}: ${outcome.code}`);
    }
    // A JetInit on the handle of an instance that has ended, while no other instance runs,
    // starts the engine's legacy single instance (jetapi.cxx JetInitEx), which no symbol
    // names; until it ends, every JetCreateInstance is JET_errRunningInOneInstanceMode, in
    // this program and in every one after it. In that mode a term finds the one instance
    // whatever the handle (ErrFindPinst), and a nil handle passes the handle check; in any
    // other mode this term is refused and changes nothing.
    let legacy = await this.#callOn(0, 'JetTerm2', [0n, JET_bitTermAbrupt]);
    if (!legacy.ok && legacy.errno === JET_errTooManyActiveUsers) {
      forced = true;
      legacy = await this.#callOn(0, 'JetTerm2', [0n, JET_bitTermDirty]);
      if (!legacy.ok && legacy.errno === JET_errTooManyActiveUsers) problems.push(`the single instance: ${legacy.code}`);
    }
    if (legacy.ok) forced = true;
    if (problems.length) return `failed: ${problems.join(', ')}`;
    return forced ? 'forced' : 'ok';
  }

  /**
   * Each parameter a program may set (PARAMETERS_SET), its process-wide value as text. Set
   * through the handle of an instance that has ended while no other instance runs, a parameter
   * is set process-wide (jetapi.cxx SetPinst looks at the handle only while an instance is
   * initialised), and would outlive the program.
   */
  async #processWideParameters() {
    const values = new Map();
    for (const param of PARAMETERS_SET) {
      const outcome = await this.#callOn(0, 'JetGetSystemParameter', [0n, 0n, param]);
      values.set(param, outcome.ok ? `${outcome.value.lParam} ${JSON.stringify(outcome.value.szParam)}` : `!${outcome.errno}`);
    }
    return values;
  }

  /**
   * Says (as a cleanup outcome) which process-wide parameters the program left changed, or
   * undefined when none. A parameter outside PARAMETERS_SET cannot be checked and counts
   * as changed.
   */
  async #parametersLeftChanged(program) {
    const unwatched = new Set();
    for (const call of program.calls) {
      if (call.fn === 'JetSetSystemParameter' && !PARAMETERS_SET.includes(call.args[2])) unwatched.add(call.args[2]);
    }
    const now = await this.#processWideParameters();
    const changed = [...unwatched, ...PARAMETERS_SET.filter((param) => now.get(param) !== this.#defaults.get(param))];
    return changed.length ? `left process-wide parameters changed: ${changed.join(', ')}` : undefined;
  }
}

/** The state of one program run: its folder, its symbols and the contexts each session used. */
class Run {
  constructor(dir, executorDir, tag) {
    this.dir = dir;
    this.executorDir = executorDir;
    this.tag = tag;
    this.symbols = new Map(); // symbol -> { kind, value, instance?, session?, path? }
    this.contexts = new Map(); // session symbol -> Set of context values set successfully
  }

  resolve(value) {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    const keys = Object.keys(value);
    if (keys.length === 1) {
      if ('r' in value) {
        const binding = this.symbols.get(value.r);
        if (!binding) throw new Unbound(value.r);
        return binding.value;
      }
      if ('n' in value) return BigInt(value.n);
      if ('x' in value) return zeroFollowed(value.x);
      if ('p' in value) return join(this.dir, ...value.p.split('/'));
      if ('dir' in value) {
        return join(this.dir, ...value.dir.split('/')) + sep;
      }
      if ('name' in value) return `${value.name}-${this.tag}`;
    }
    return Object.fromEntries(keys.map((key) => [key, this.resolve(value[key])]));
  }

  /** Binds the call's out symbols and returns the outcome as engine-independent text. */
  record(call, outcome) {
    if (!outcome.ok) {
      if (outcome.thrown) return `!${outcome.thrown}: ${outcome.message}`;
      let text = `!${outcome.errno} ${outcome.code ?? '?'}`;
      for (const key of ['columnErrors', 'indexErrors', 'cCreated']) {
        if (key in outcome) text += ` ${key}=${this.text(outcome[key])}`;
      }
      return text;
    }
    const { value } = outcome;
    if (call.fn === 'JetSetSessionContext') {
      const sym = call.args[0]?.r;
      if (sym) {
        if (!this.contexts.has(sym)) this.contexts.set(sym, new Set());
        this.contexts.get(sym).add(BigInt(call.args[1].n));
      }
    }
    if (call.fn === 'JetCreateTableColumnIndex3') {
      if (call.out) this.bind(call, call.out, 't', value.tableid);
      (call.outColumns ?? []).forEach((sym, k) => this.bind(call, sym, 'c', value.columnids[k]));
      const { tableid, ...rest } = value;
      return this.text({ tableid: { symbol: call.out ?? '?' }, ...rest });
    }
    if (call.out) {
      const kind = call.out[0];
      this.bind(call, call.out, kind, value);
      if (kind === 'd') return `${call.out}${this.sameDatabase(call.out, value)}`;
      if (kind === 'c') return `${call.out}=${value}`;
      return call.out;
    }
    if (call.fn === 'JetRetrieveKey') return `<key>`; // normalised keys are each engine's own
    if (call.fn === 'JetGetTableInfo' && typeof value === 'number') return this.dbidName(value, call.args[0]?.r);
    return this.text(value);
  }

  bind(call, sym, kind, value) {
    const binding = { kind, value };
    const first = call.args[0]?.r;
    if (kind === 's') binding.instance = call.fn === 'JetDupSession' ? this.symbols.get(first)?.instance : first;
    if (kind === 'd') (binding.session = first), (binding.path = call.args[1]?.p);
    this.symbols.set(sym, binding);
  }

  /** "(=d2)" when an earlier dbid of the same file has the same value: ESE's dbids are per file. */
  sameDatabase(sym, value) {
    const path = this.symbols.get(sym).path;
    for (const [other, binding] of this.symbols) {
      if (other === sym) break;
      if (binding.kind === 'd' && binding.path === path && binding.value === value) return `(=${other})`;
    }
    return '';
  }

  /** A dbid by the symbol its session got it under, most recent first. */
  dbidName(value, session) {
    const names = [...this.symbols].filter(([, b]) => b.kind === 'd' && b.session === session && b.value === value);
    return names.length ? `dbid ${names[names.length - 1][0]}` : 'dbid ?';
  }

  /** Any result value as text: bytes in hex, paths as path() gives them, handles hidden. */
  text(value) {
    if (value === null || value === undefined) return String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'string') return JSON.stringify(this.path(value));
    if (ArrayBuffer.isView(value)) return formatBytes(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex'));
    if (Array.isArray(value)) return `[${value.map((item) => this.text(item)).join(', ')}]`;
    if (typeof value === 'object') {
      if ('symbol' in value) return value.symbol;
      return `{${Object.entries(value).map(([k, v]) => `${k}: ${this.text(v)}`).join(', ')}}`;
    }
    return String(value);
  }

  /**
   * Paths under the run's folder as $/..., and under the executor's folder (each side's current
   * folder, which an engine's defaults are relative to) as %/...; every path with '/' as its
   * delimiter, since each platform's own delimiter is the right one there (the default folder
   * is "./" on Linux, ".\\" on Windows). The generator's names hold no backslash, so no other
   * text changes.
   */
  path(text) {
    return text.split(this.dir).join('$').split(this.executorDir).join('%').replace(/\\/g, '/');
  }
}
