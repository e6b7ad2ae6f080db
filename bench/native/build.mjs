// Builds bench/native (the benchmark's C++ baseline) with node-gyp when it is missing or
// older than its sources, and prints nothing when it is up to date.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const output = join(here, 'build', 'Release', 'esent_bench.node');
const sources = [
  join(here, 'context_loop.cc'),
  join(here, 'binding.gyp'),
  join(root, 'native', 'loader', 'engine_library.cc'),
  join(root, 'native', 'loader', 'engine_library.h'),
];

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
if (sources.some((file) => statSync(file).mtimeMs > built)) {
  const nodeGyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--directory', here], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
