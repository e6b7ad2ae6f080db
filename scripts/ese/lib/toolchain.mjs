// The tools the build needs, installed with apt when missing and running as root, and the
// versions that go into the cache key.
import { existsSync } from 'node:fs';

import { fail, hasCommand, log, run } from './common.mjs';

export const CLANG = process.env.ESE_CLANG || 'clang-19';
export const LLD = process.env.ESE_LLD || 'ld.lld-19';

// command -> Debian package
const TOOLS = [
  [CLANG, 'clang-19'],
  [LLD, 'lld-19'],
  ['perl', 'perl'],
  ['patch', 'patch'],
  ['xz', 'xz-utils'],
  ['wmc', 'wine64-tools'],
  ['x86_64-w64-mingw32-objdump', 'binutils-mingw-w64-x86-64'],
];
const MINGW_HEADER = '/usr/x86_64-w64-mingw32/include/windows.h';
const MINGW_CRT = '/usr/x86_64-w64-mingw32/lib/dllcrt2.o';
const MINGW_LIBGCC = '/usr/lib/gcc/x86_64-w64-mingw32';

export function ensureTools() {
  const packages = new Set();
  for (const [command, pkg] of TOOLS) if (!hasCommand(command)) packages.add(pkg);
  if (!existsSync(MINGW_HEADER) || !existsSync(MINGW_CRT)) packages.add('mingw-w64-x86-64-dev');
  // libgcc and libstdc++'s headers for the target come with the posix g++ cross compiler.
  if (!existsSync(MINGW_LIBGCC)) packages.add('g++-mingw-w64-x86-64-posix');
  if (!packages.size) return;
  const list = [...packages];
  if (process.getuid?.() !== 0) {
    fail(`missing tools; install them with\n  apt-get update && apt-get install -y --no-install-recommends ${list.join(' ')}`);
  }
  log(`installing ${list.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...list], { env, stdio: 'inherit' });
}

function packageVersion(name) {
  try {
    return run('dpkg-query', ['-W', '-f=${Version}', name]).trim();
  } catch {
    return 'unknown';
  }
}

// What the compiled DLL depends on besides the sources and scripts.
export function toolchainIdentity() {
  const clang = run(CLANG, ['--version']).split('\n')[0];
  const lld = run(LLD, ['--version']).split('\n')[0];
  return [clang, lld, `mingw-w64-x86-64-dev ${packageVersion('mingw-w64-x86-64-dev')}`,
    `g++-mingw-w64-x86-64-posix ${packageVersion('g++-mingw-w64-x86-64-posix')}`].join('\n');
}
