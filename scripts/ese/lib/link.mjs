// Links the objects into ese.dll with lld, exporting the JET API that esent.def lists.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { fail, log, run } from './common.mjs';
import { CLANG } from './toolchain.mjs';

// Exports of esent.def that belong to the WinDbg extension, which this build leaves out.
const DEBUGGER_EXPORTS = new Set(['ese', 'DebugExtensionInitialize', 'DebugExtensionUninitialize', 'DebugExtensionNotify']);

// Windows libraries the engine imports from (all in mingw-w64 and Wine).
const SYSTEM_LIBRARIES = ['kernel32', 'advapi32', 'user32', 'ole32', 'rpcrt4', 'shlwapi', 'version', 'psapi', 'bcrypt', 'crypt32', 'ntdll', 'slc'];

// esent.def goes through the C preprocessor, as upstream does with cl /EP.
function moduleDefinition(tree, work) {
  const source = join(tree, 'dev', 'ese', 'src', 'ese', 'esent.def');
  const text = run(CLANG, ['-E', '-P', '-x', 'c', '-DLIBNAME=ESE', source]);
  const lines = text.split('\n').filter((line) => line.trim() && !DEBUGGER_EXPORTS.has(line.trim().split(/\s+/)[0]));
  const file = join(work, 'ese.def');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function link({ units, tree, work, output, extraObjects = [] }) {
  const def = moduleDefinition(tree, work);
  const objects = [...units.map((unit) => unit.object), ...extraObjects];
  for (const object of objects) if (!existsSync(object)) fail(`missing object ${object}`);
  const args = [
    '--target=x86_64-w64-windows-gnu', '-fuse-ld=lld', '-shared', '-o', output,
    // ESE's own entry point runs its OS layer's pre-initialisation before the C runtime's.
    '-Wl,--entry=DLLEntryPoint',
    '-Wl,--error-limit=0',
    '-static-libgcc', '-static-libstdc++', '-Wl,-Bstatic', '-lstdc++', '-lwinpthread', '-Wl,-Bdynamic',
    ...objects, def,
    ...SYSTEM_LIBRARIES.map((lib) => `-l${lib}`),
  ];
  log(`linking ${objects.length} objects`);
  run(`${CLANG.replace(/clang(-\d+)?$/, 'clang++$1')}`, args);
}
