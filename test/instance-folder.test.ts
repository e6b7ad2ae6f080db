// Instance.create's folder: made before the engine is called, refused at once when it
// cannot be used, and by default never a system folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { JET_paramSystemPath, jet } from '../lib/index.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pool = new InstancePool();
const dirs: string[] = [];
afterEach(async () => {
  await pool.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; path?: string }> {
  return promise.then(
    () => {
      throw new Error('Instance.create resolved');
    },
    (error: Error & { code?: string; path?: string }) => error,
  );
}

/** Instance.create() without a path, in a child process started in `cwd`; resolves its `path`. */
function defaultPathFrom(cwd: string, env: Record<string, string>): string {
  const script = `
    const { Instance } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)});
    const instance = await Instance.create();
    process.stdout.write(JSON.stringify(instance.path));
    await instance.close();`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' }));
}

describe('Instance.create folders', () => {
  it('makes every missing level of the folder and reports it as instance.path', async () => {
    const path = join(scratch(), 'a', 'b', 'c');
    const instance = await pool.open({ path });
    expect(instance.path).toBe(resolve(path));
    expect(existsSync(path)).toBe(true);
    expect(jet.JetGetSystemParameter(instance.handle, 0n, JET_paramSystemPath).szParam.replace(/[\\/]$/, '')).toBe(resolve(path));
  });

  it('refuses a path through a file at once, naming the folder, the option and the reason', async () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, 'not a folder');
    const error = await rejection(pool.open({ path: join(file, 'db') }));
    expect(error.code).toMatch(/^(ENOTDIR|ENOENT)$/);
    expect(error.path).toBe(join(file, 'db'));
    expect(error.message).toContain(`'${join(file, 'db')}' (path)`);
  });

  it('names systemPath, logFilePath or tempPath when that is the unusable one', async () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, '');
    for (const option of ['systemPath', 'logFilePath', 'tempPath'] as const) {
      const error = await rejection(pool.open({ path: scratch(), [option]: file }));
      expect(error.message).toContain(`(${option})`);
      expect(error.message).toContain('is a file, not a folder');
    }
  });

  it.runIf(process.platform === 'linux')('refuses /proc/nope at once instead of retrying forever', async () => {
    const error = await rejection(pool.open({ path: '/proc/nope' }));
    expect(error.code).toBe('ENOENT');
    expect(error.message).toContain("'/proc/nope' (path)");
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() !== 0)('refuses a folder it cannot write to', async () => {
    const dir = scratch();
    chmodSync(dir, 0o500);
    try {
      const error = await rejection(pool.open({ path: dir }));
      expect(error.code).toBe('EACCES');
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('defaults to the working directory when that is an ordinary folder', () => {
    const cwd = scratch();
    expect(defaultPathFrom(cwd, {})).toBe(cwd);
  });

  it("defaults to a folder of the user's own when started in a system folder", () => {
    const home = scratch();
    if (process.platform === 'win32') {
      const system32 = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32');
      expect(defaultPathFrom(system32, { LOCALAPPDATA: home })).toBe(join(home, 'esent'));
    } else {
      expect(defaultPathFrom('/', { XDG_STATE_HOME: home })).toBe(join(home, 'esent'));
      expect(defaultPathFrom('/usr/bin', { XDG_STATE_HOME: home })).toBe(join(home, 'esent'));
    }
  });
});

