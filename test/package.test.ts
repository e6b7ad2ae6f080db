// The package as another project sees it: the `exports` map, the files npm would publish.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('publishes the compiled library, the sources to build from, the docs and the license, and nothing for development', () => {
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
      'LICENSE',
    ]) {
      expect(files).toContain(required);
    }
    // Every document README links to by a relative path is in the package.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThan(0);
    for (const target of linked) expect(files).toContain(target);
    // Nothing of development: tests, build trees, the benchmark (and its native loop), the
    // cross-build and CI scripts, the error-table generator, the CMake build of the prebuilds.
    const development = files.filter((f) =>
      /^(test|build|bench|cmake|\.github|\.ci|examples)\/|^scripts\/(?!list-sources\.mjs$)|^CMakeLists\.txt$|bench_loop/.test(f),
    );
    expect(development).toEqual([]);
    const builtFromSource = execFileSync(process.execPath, [join(root, 'scripts', 'list-sources.mjs'), 'native/addon', 'native/loader'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(builtFromSource).not.toMatch(/bench/);
  });

  it('names where it comes from and which Node versions it runs on', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const repository = (pkg.repository as { url: string }).url;
    expect(repository).toMatch(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    const home = repository.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(pkg.homepage).toBe(`${home}#readme`);
    expect((pkg.bugs as { url: string }).url).toBe(`${home}/issues`);
    expect(pkg.license).toBe('MIT');
    // require() of ES modules works without a flag from 20.19 and 22.12 on.
    expect((pkg.engines as { node: string }).node).toBe('^20.19.0 || >=22.12.0');
  });
});
