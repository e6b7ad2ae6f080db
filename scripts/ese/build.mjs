#!/usr/bin/env node
// Builds ESE's engine from Microsoft's source as a Windows x64 DLL (ese.dll) on Linux, with
// clang and lld for x86_64-w64-windows-gnu against mingw-w64's headers and C runtime:
//
//   1. finds the source: ESE_SOURCE (the archive, its folder, or a source tree), else
//      ../shared/ese/ beside the checkout
//   2. unpacks it into the cache (${XDG_CACHE_HOME:-~/.cache}/esent/ese/, or ESENT_ESE_CACHE)
//   3. applies scripts/ese/patches/*.patch in name order to a copy
//   4. runs upstream's generators (perl), wmc for the message headers, and writes a no-op
//      ETW header
//   5. compiles (at most 2 jobs by default) and links the DLL, exporting the JET API per
//      esent.def
//
// The DLL is kept under <cache>/dll/<key>/ese.dll, where the key hashes the source, every
// file under scripts/ese/ and the toolchain's versions; a build whose key is cached does
// nothing. Objects are reused between builds when their inputs did not change.
//
// Usage: node scripts/ese/build.mjs [--print-dll | --print-key] [--jobs N] [--keep-going] [--only GROUPS] [--force]
//   --print-dll    print the path of the DLL for the current inputs (building it if needed)
//   --print-key    print the cache key for the current inputs, and build nothing
//   --jobs N       parallel compiles (default 2)
//   --keep-going   compile every unit even after failures, then list the failures
//   --only GROUPS  compile only these groups (comma-separated, e.g. sync,os); no link
//   --force        rebuild the DLL even if the cache has it
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import { BuildError } from './lib/common.mjs';
import { buildEseDll, cacheKey } from './lib/pipeline.mjs';
import { locateSource } from './lib/source.mjs';

const { values: options } = parseArgs({
  options: {
    'print-dll': { type: 'boolean', default: false },
    'print-key': { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    'keep-going': { type: 'boolean', default: false },
    only: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

try {
  if (options['print-key']) {
    process.stdout.write(`${cacheKey(locateSource())}\n`);
    process.exit(0);
  }
  const dll = await buildEseDll({
    jobs: Number(options.jobs) || 1,
    keepGoing: options['keep-going'],
    only: options.only ? options.only.split(',') : null,
    force: options.force,
    quiet: options['print-dll'],
  });
  if (options['print-dll'] && dll) process.stdout.write(`${dll}\n`);
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  process.stderr.write(`[ese] error: ${error.message}\n`);
  process.exit(1);
}
