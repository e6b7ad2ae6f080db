// The docs cannot drift from the code: every JavaScript block of README.md and docs/*.md
// whose fence says `js runnable` is run as written, twice, in a fresh project that depends
// on this package. Twice, because a reader runs an example again.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

interface Block {
  document: string;
  line: number;
  code: string;
}

function runnableBlocks(document: string): Block[] {
  const lines = readFileSync(join(root, document), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```js\s+runnable\s*$/.test(lines[i]!)) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${document}:${i + 1}: the block has no closing fence`);
    blocks.push({ document, line: i + 1, code: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

const blocks = documents.flatMap(runnableBlocks);
const projects: string[] = [];
afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

// A project whose node_modules/esent re-exports this checkout's dist/ (a link to the
// checkout would do on Linux; this works on Windows under Wine too).
function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'esent-docs-'));
  projects.push(dir);
  const pkg = join(dir, 'node_modules', 'esent');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'docs-example', private: true, type: 'module' }));
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'esent', type: 'module', exports: { '.': './index.js', './debug': './debug.js' } }),
  );
  writeFileSync(join(pkg, 'index.js'), `export * from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'index.js')).href)};\n`);
  writeFileSync(join(pkg, 'debug.js'), `export * from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'debug.js')).href)};\n`);
  return dir;
}

describe('runnable examples in the docs', () => {
  it('README has its Quick start and raw API example marked runnable', () => {
    expect(blocks.filter((block) => block.document === 'README.md').length).toBeGreaterThanOrEqual(2);
  });

  it.each(blocks.map((block) => [`${block.document}:${block.line}`, block] as const))('%s runs as written, twice', (_name, block) => {
    const dir = freshProject();
    writeFileSync(join(dir, 'example.mjs'), block.code);
    for (const run of [1, 2]) {
      try {
        execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`run ${run} of ${block.document}:${block.line} failed:\n${stdout ?? ''}${stderr ?? ''}`);
      }
    }
  });
});
