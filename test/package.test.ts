// The package as another project sees it: the `exports` map, the files npm would publish.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consumer = mkdtempSync(join(tmpdir(), 'esent-consumer-'));
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('the package', () => {
  it("resolves `import { Instance, jet } from 'esent'` and 'esent/debug' from a dependent project", () => {
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(root, join(consumer, 'node_modules', 'esent'), process.platform === 'win32' ? 'junction' : 'dir');
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(
      join(consumer, 'main.mjs'),
      `import { Instance, jet, EsentError, EsentUsageError, JET_bitTermAbrupt } from 'esent';
       import { currentThreadId } from 'esent/debug';
       const checks = [typeof Instance.create, typeof jet.JetBeginSession, typeof EsentError.from,
         EsentUsageError.prototype instanceof EsentError, JET_bitTermAbrupt, typeof currentThreadId()];
       console.log(JSON.stringify(checks));`,
    );
    const out = execFileSync(process.execPath, ['main.mjs'], { cwd: consumer, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['function', 'function', 'function', true, 2, 'number']);
  });

  it('publishes the compiled library, the sources to build from, and no tests', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const listing = JSON.parse(
      execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' }),
    ) as Array<{ files: Array<{ path: string }> }>;
    const files = listing[0]!.files.map((f) => f.path);
    for (const required of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/debug.js',
      'binding.gyp',
      'native/include/esent/jet_api.h',
      'native/loader/engine_library.cc',
      'native/addon/addon.cc',
      'native/emulator/exports.cc',
      'scripts/list-sources.mjs',
      'package.json',
      'README.md',
    ]) {
      expect(files).toContain(required);
    }
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);
    expect(files.some((f) => f.startsWith('build/'))).toBe(false);
  });
});
