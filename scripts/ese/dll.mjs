// Where ESE's real engine DLL is, for tools and tests that run against it (node.exe under
// Wine, ESENT_LIBRARY set to its Windows path):
//
//   import { findEseDll, buildEseDll } from './scripts/ese/dll.mjs';
//   findEseDll()        the cached DLL for the current source, scripts and toolchain, or null
//                       when there is no source or it is not built yet; builds nothing
//   await buildEseDll() the same path, building the DLL first if needed (throws BuildError)
//
// From a shell: `node scripts/ese/build.mjs --print-dll` builds if needed and prints the path.
import { existsSync } from 'node:fs';

import { BuildError } from './lib/common.mjs';
import { buildEseDll, cacheKey, cachedDllPath } from './lib/pipeline.mjs';
import { locateSource } from './lib/source.mjs';

export { BuildError, buildEseDll };

export function findEseDll() {
  let source;
  try {
    source = locateSource();
  } catch (error) {
    if (error instanceof BuildError) return null;
    throw error;
  }
  const path = cachedDllPath(cacheKey(source));
  return existsSync(path) ? path : null;
}
