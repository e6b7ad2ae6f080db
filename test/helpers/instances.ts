// Fresh, uniquely named instances in temporary folders, cleaned up after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import {
  Instance,
  JET_bitTermAbrupt,
  JET_bitTermDirty,
  JET_paramCreatePathIfNotExist,
  JET_paramLogFilePath,
  JET_paramNoInformationEvent,
  JET_paramSystemPath,
  JET_paramTempPath,
  jet,
  type InstanceOptions,
} from '../../lib/index.js';

let counter = 0;

export function uniqueName(prefix = 'test'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'esent-test-'));
}

/**
 * A raw-API instance named after `prefix`, with its system, log and temp folders under
 * `dir`, initialised, with `params` ([paramid, number] pairs) set first. If initialisation fails
 * the instance is terminated and the error thrown.
 */
export function initRawInstance(dir: string, prefix: string, params: ReadonlyArray<readonly [number, number]> = []): bigint {
  const instance = jet.JetCreateInstance2(uniqueName(prefix));
  try {
    for (const [paramid, value] of params) jet.JetSetSystemParameter(instance, 0n, paramid, value);
    jet.JetSetSystemParameter(instance, 0n, JET_paramSystemPath, 0, join(dir, 'sys') + '/');
    jet.JetSetSystemParameter(instance, 0n, JET_paramLogFilePath, 0, join(dir, 'log') + '/');
    jet.JetSetSystemParameter(instance, 0n, JET_paramTempPath, 0, join(dir, 'tmp') + '/');
    jet.JetSetSystemParameter(instance, 0n, JET_paramCreatePathIfNotExist, 1);
    jet.JetSetSystemParameter(instance, 0n, JET_paramNoInformationEvent, 1);
    jet.JetInit3(instance);
  } catch (error) {
    // A failed JetInit has freed the instance already; the other failures leave it to free.
    try {
      jet.JetTerm2(instance, JET_bitTermAbrupt);
    } catch {
      // JET_errInvalidInstance: it was gone
    }
    throw error;
  }
  return instance;
}

/** Instances and folders made through `open`, released by `cleanup`. */
export class InstancePool {
  readonly #instances: Instance[] = [];
  readonly #dirs: string[] = [];

  async open(options: InstanceOptions = {}): Promise<Instance> {
    const path = options.path ?? tempDir();
    if (!options.path) this.#dirs.push(path);
    const instance = await Instance.create({ name: uniqueName(), ...options, path });
    this.#instances.push(instance);
    return instance;
  }

  async cleanup(): Promise<void> {
    for (const instance of this.#instances.splice(0)) {
      if (instance.closed) continue;
      // A raw-API transaction a test left open makes every term but a dirty one refuse.
      await instance.close({ abrupt: true }).catch(() => {
        try {
          jet.JetTerm2(instance.handle, JET_bitTermDirty);
        } catch {
          // JET_errDirtyShutdown
        }
      });
    }
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs test/fixtures/<name>.mjs in a Worker with `data` as workerData. The worker posts
 * messages; `onMessage` answers each (its result is posted back). Resolves with the
 * worker's last message `{ done: value }`.
 */
export function runWorker<T>(
  name: string,
  data: unknown,
  onMessage?: (message: unknown) => unknown | Promise<unknown>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL(`../fixtures/${name}.mjs`, import.meta.url), { workerData: data });
    let settled = false;
    worker.on('message', async (message: { done?: unknown; error?: string; ask?: unknown }) => {
      if (message && 'done' in message) {
        settled = true;
        resolve(message.done as T);
      } else if (message && 'error' in message) {
        settled = true;
        reject(new Error(`worker: ${message.error}`));
      } else if (message && 'ask' in message) {
        try {
          worker.postMessage({ answer: await onMessage?.(message.ask) });
        } catch (error) {
          worker.postMessage({ answerError: String(error) });
        }
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`worker exited with code ${code} before finishing`));
    });
  });
}
