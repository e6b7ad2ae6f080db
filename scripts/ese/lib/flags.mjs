// How each translation unit is compiled: the target, the MSVC compatibility that ESE's
// source expects, the definitions of an x64 retail build (from upstream's CMake files), and
// the include folders.
import { join } from 'node:path';

import { SCRIPTS } from './common.mjs';
import { CLANG } from './toolchain.mjs';

// ESENT.dll's flavour: the defaults and behaviour of the engine that Windows ships.
export const FLAVOUR = { name: 'ESENT', module: 'ESENT', defines: ['ESENT'] };

const DEFINES = [
  '_MSC_FULL_VER=192930153', '_CRT_RAND_S', '_AMD64_', '_WIN64', 'AMD64', 'RTM', 'NDEBUG', '_MBCS', 'JET_VERSION=0xFFFF', 'WSZVERSIONNAME=L"ESE"',
  'PRODUCT_MAJOR="10"', 'PRODUCT_MINOR="0"', 'BUILD_MAJOR="0"', 'BUILD_MINOR="0"', '_HAS_EXCEPTIONS=0',
  'FILETYPE_DLL', 'DELAYLOAD_VERSION=0x0200', '_ATL_STATIC_REGISTRY',
];

const COMMON_FLAGS = [
  '--target=x86_64-w64-windows-gnu',
  '-c', '-O2', '-w',
  '-fms-extensions', '-fms-compatibility', '-fms-compatibility-version=19.29', '-fgnuc-version=4.2.1', '-fdelayed-template-parsing',
  '-fno-exceptions', '-fno-rtti', '-fno-strict-aliasing',
  // Signed arithmetic wraps, as MSVC compiles it and ESE relies on: CQuota::FAcquire
  // (cresmgr.hxx) tells "no quota left" by 0x7FFFFFFF + 1 turning negative; clang, free to
  // assume signed overflow never happens, dropped that exit and spun forever once a resource
  // quota ran out (a JetBeginSession past JET_paramMaxSessions never returned).
  '-fwrapv',
  // A null from operator new is checked before the constructor runs, as MSVC does: ESE's
  // allocators return null when a resource quota is used up (pib.hxx PIB::operator new), and
  // clang otherwise constructs the object at address 0 and crashes.
  '-fcheck-new',
  // MSVC lets ESE take the address of a temporary within one expression; so does clang with this.
  '-Wno-address-of-temporary',
];

// pch: the group's precompiled header, for its units; null for the header itself.
export function compileCommand(group, file, tree, gen, pch = null) {
  if (group.plain) {
    // Our own sources: plain C for the target (or, for seh.c, the MSVC one, whose objects
    // link with mingw-w64's), none of ESE's settings.
    const target = group.msvc ? ['--target=x86_64-pc-windows-msvc', '-fasync-exceptions'] : ['--target=x86_64-w64-windows-gnu'];
    return { command: CLANG, args: [...target, '-c', '-O2', '-Wall', '-Werror', file] };
  }
  const ese = join(tree, 'dev', 'ese');
  const includes = [
    ...group.includes,
    join(ese, 'published', 'inc'), join(ese, 'published', 'inc', 'bf'), join(ese, 'published', 'inc', 'os'),
    join(ese, 'src', 'inc'),
    gen, join(gen, 'jet'), join(gen, '_res'), join(gen, '_etw'), join(gen, '_perfctrs'),
    join(SCRIPTS, 'compat', 'include'), join(gen, 'include-shim'),
  ];
  const c = group.language === 'c';
  const args = [
    ...COMMON_FLAGS,
    c ? '-std=gnu11' : (group.std ?? '-std=gnu++14'),
    '-x', c ? 'c' : file === group.pch ? 'c++-header' : 'c++',
    ...(group.flags ?? []),
    // The prelude first; a unit of a group with a precompiled header gets both from it.
    ...(pch ? ['-include-pch', pch] : ['-include', join(SCRIPTS, 'compat', 'prelude.h')]),
    ...[...DEFINES, ...FLAVOUR.defines, ...(group.defines ?? [])].map((d) => `-D${d}`),
    ...includes.map((dir) => `-I${dir}`),
    file,
  ];
  return { command: CLANG, args };
}
