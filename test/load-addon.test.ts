// Loading the package where no addon fits, or where the one found cannot be loaded: one
// error, ERR_ESENT_NO_BUILD, naming the platform and what to run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { tempDir } from './helpers/instances.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Imports the package in a child process with `env`; resolves to the error it threw. */
function importError(env: Record<string, string>): { code?: string; message: string; cause?: string } {
  const script = `
    import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)}).then(
      () => process.stdout.write('null'),
      (e) => process.stdout.write(JSON.stringify({ code: e.code, message: e.message, cause: e.cause?.message })));`;
  const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const error = JSON.parse(out) as { code?: string; message: string; cause?: string } | null;
  if (!error) throw new Error('the package loaded');
  return error;
}

describe('loading the addon', () => {
  it('with no prebuild for the platform and no build, names the platform and `npm rebuild esent`', () => {
    // node-gyp-build's own overrides: a platform no prebuild is made for, and build/ ignored.
    const error = importError({ PREBUILDS_ONLY: '1', npm_config_arch: 'riscv64' });
    expect(error.code).toBe('ERR_ESENT_NO_BUILD');
    expect(error.message).toContain(`${process.platform}-riscv64`);
    expect(error.message).toContain('no prebuild in the package fits this platform');
    expect(error.message).toContain('npm rebuild esent');
    expect(error.message).toMatch(/Python 3/);
    expect(error.cause).toMatch(/No native build was found/);
  });

  it('with a prebuild that cannot be loaded, says so with the reason, the file and what to run', () => {
    const dir = tempDir();
    scratch.push(dir);
    const folder = join(dir, 'prebuilds', `${process.platform}-${process.arch}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'esent.node'), 'not a shared library');
    // ESENT_PREBUILD: node-gyp-build looks for the package's builds in that folder instead.
    const error = importError({ PREBUILDS_ONLY: '1', ESENT_PREBUILD: dir });
    expect(error.code).toBe('ERR_ESENT_NO_BUILD');
    expect(error.message).toContain('cannot be loaded');
    expect(error.message).toContain(join(folder, 'esent.node'));
    expect(error.message).toContain('npm rebuild esent');
  });
});
