// Loading the engine library. The library is process-wide and loaded once, so each case
// runs in a child process of its own, on the compiled package (dist/).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { engineInfo } from '../lib/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `body` (an async function body using `esent`) in a child; returns what it prints as JSON. */
function inChild(body: string, env: Record<string, string | undefined> = {}): any {
  const script = `
    const esent = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)});
    const out = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(out, (k, v) => typeof v === 'bigint' ? v.toString() : v));
  `;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.ESENT_LIBRARY;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: childEnv, encoding: 'utf8' });
  return JSON.parse(output);
}

const describeError = `(e) => ({ name: e.name, code: e.code, errno: e.errno, operation: e.operation, message: e.message })`;

const onWindows = process.platform === 'win32';

// A real shared library with none of the JET exports.
const noJet = [
  'C:\\Windows\\System32\\kernel32.dll',
  '/lib/x86_64-linux-gnu/libc.so.6',
  '/lib/aarch64-linux-gnu/libc.so.6',
  '/usr/lib/libSystem.B.dylib',
].find((path) => (onWindows ? path.startsWith('C:') : !path.startsWith('C:')) && existsSync(path));

describe('the engine library', () => {
  it.runIf(onWindows)('defaults to System32 ESENT.dll on Windows, loaded on first use', () => {
    // Only the choice is checked: Wine's esent.dll is a stub that aborts on the first call.
    const out = inChild(`return esent.engineInfo();`);
    expect(out).toEqual({ path: 'esent.dll', loaded: false, isEmulator: false });
  });

  it.skipIf(onWindows)('defaults to the bundled emulator off Windows, loaded on first use', () => {
    const out = inChild(`
      const before = esent.engineInfo();
      esent.jet.JetGetErrorInfo(-1910);
      return { before, after: esent.engineInfo() };
    `);
    expect(out.before.loaded).toBe(false);
    expect(out.before.path).toMatch(/esent_emulator\.(so|dylib)$/);
    expect(out.after).toEqual({ ...out.before, loaded: true, isEmulator: true });
  });

  it('a library that cannot be loaded gives one clear error naming the path', () => {
    const missing = join(root, onWindows ? 'no-such-engine.dll' : 'no-such-engine.so');
    const out = inChild(
      `
      const errors = [];
      for (const attempt of [() => esent.jet.JetCreateInstance2('x'), () => esent.loadEngine()]) {
        try { attempt(); errors.push(null); } catch (e) { errors.push((${describeError})(e)); }
      }
      try { await esent.Instance.create({ path: process.cwd() }); } catch (e) { errors.push((${describeError})(e)); }
      return errors;
    `,
      { ESENT_LIBRARY: missing },
    );
    expect(out).toHaveLength(3);
    for (const error of out) {
      expect(error.code).toBe('ERR_ESENT_LIBRARY_LOAD');
      expect(error.message).toContain(missing);
    }
  });

  it.skipIf(!noJet)('an entry point the library lacks throws EsentEntryPointNotFoundError naming it', () => {
    const out = inChild(
      `
      const results = {};
      const tries = {
        raw: () => esent.jet.JetBeginTransaction3(1n, 0n, 0),
        info: () => esent.jet.JetGetErrorInfo(-1910),
      };
      for (const [key, fn] of Object.entries(tries)) {
        try { fn(); results[key] = null; } catch (e) {
          results[key] = { ...(${describeError})(e), isTyped: e instanceof esent.EsentEntryPointNotFoundError };
        }
      }
      try { await esent.Instance.create({ path: process.cwd() }); } catch (e) { results.facade = (${describeError})(e); }
      try { new esent.Session(1n); } catch (e) { results.session = (${describeError})(e); }
      results.info = { ...results.info, engine: esent.engineInfo() };
      return results;
    `,
      { ESENT_LIBRARY: noJet },
    );
    expect(out.raw).toMatchObject({ isTyped: true, errno: -1911, operation: 'JetBeginTransaction3' });
    expect(out.raw.message).toContain('does not export JetBeginTransaction3');
    expect(out.raw.message).toContain(noJet!);
    expect(out.info).toMatchObject({ errno: -1911, operation: 'JetGetErrorInfo', engine: { loaded: true, isEmulator: false } });
    expect(out.facade).toMatchObject({ errno: -1911, name: 'EsentEntryPointNotFoundError' });
    expect(out.facade.message).toContain('JetCreateInstance2W');
    expect(out.session).toMatchObject({ errno: -1911, operation: 'JetSetSessionContext' });
  });

  it("configure({ library }) chooses before first use and refuses a change afterwards", () => {
    const out = inChild(`
      const first = esent.configure({ library: 'emulator' });
      esent.jet.JetGetErrorInfo(-1910);
      let changed;
      try { esent.configure({ library: '/elsewhere/engine.so' }); } catch (e) { changed = (${describeError})(e); }
      let same;
      try { same = esent.configure({ library: 'emulator' }); } catch (e) { same = (${describeError})(e); }
      let system;
      try { esent.configure({ library: 'system' }); } catch (e) { system = e.message; }
      let bad;
      try { esent.configure({ library: '' }); } catch (e) { bad = e.name; }
      return { first, changed, same, system, bad };
    `);
    expect(out.first.loaded).toBe(false);
    expect(out.changed.code).toBe('ERR_ESENT_ALREADY_LOADED');
    expect(out.same).toMatchObject({ loaded: true, isEmulator: true });
    if (onWindows) expect(out.system).toMatch(/already loaded/);
    else expect(out.system).toMatch(/only on Windows/);
    expect(out.bad).toBe('TypeError');
  });

  it.runIf(process.env.ESENT_LIBRARY !== undefined || !onWindows)('this process reports the library it was given', () => {
    const given = process.env.ESENT_LIBRARY;
    // A path (the real-engine lane gives ESE's DLL), or the emulator by name or by default.
    if (given !== undefined && given !== 'emulator' && given !== 'system') {
      expect(basename(engineInfo().path).toLowerCase()).toBe(basename(given).toLowerCase());
    } else {
      expect(engineInfo().path).toMatch(/esent_emulator/);
    }
  });
});
