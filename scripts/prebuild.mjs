#!/usr/bin/env node
// Builds the prebuilds that the npm package carries, each in prebuilds/<platform>-<arch>/
// where node-gyp-build looks: the addon and, beside it, the emulator library it loads.
//
//   linux-x64     natively with g++                      esent.glibc.node  esent_emulator.so
//   linux-arm64   cmake/aarch64-linux-gnu.cmake          esent.glibc.node  esent_emulator.so
//   win32-x64     cmake/x86_64-w64-mingw32.cmake         esent.node        esent_emulator.dll
//
// through cmake-js and CMakeLists.txt (same sources as binding.gyp), in .cache/cmake/<target>
// so that a second run rebuilds only what changed. Every file is checked afterwards: what it
// needs at load time, what it exports, and (Linux) the oldest glibc it runs on.
//
// With --from-build, copies node-gyp's build/Release (an MSVC or Xcode build, as the GitHub
// workflow makes them) into prebuilds/<target>/ instead, under the names above.
//
// Usage: node scripts/prebuild.mjs [target...] [--jobs N] [--debug]
//        node scripts/prebuild.mjs --from-build <target>
//   no target: every target this machine can build (linux-x64 hosts: all three)
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import { CACHE, ROOT, createLog, hasCommand, projectRequire, run, runInherit } from './common.mjs';
import { MINGW, exportedNames, importedDlls } from './windows/common.mjs';

const { log, fail } = createLog('prebuild');

const { values: options, positionals } = parseArgs({
  options: {
    jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    debug: { type: 'boolean', default: false },
    'from-build': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

// The addon's file name: node-gyp-build takes any *.node in the folder, and on Linux the
// `glibc` tag keeps a musl system (Alpine) from loading a glibc build.
const ADDON_FILE = { linux: 'esent.glibc.node', win32: 'esent.node', darwin: 'esent.node' };
const EMULATOR_FILE = { linux: 'esent_emulator.so', win32: 'esent_emulator.dll', darwin: 'esent_emulator.dylib' };

const CROSS = {
  'linux-x64': { host: 'linux-x64', tools: ['g++'], packages: 'g++' },
  'linux-arm64': {
    toolchain: 'cmake/aarch64-linux-gnu.cmake',
    tools: ['aarch64-linux-gnu-g++'],
    packages: 'g++-aarch64-linux-gnu',
  },
  'win32-x64': {
    toolchain: 'cmake/x86_64-w64-mingw32.cmake',
    tools: [MINGW.cxx, MINGW.dlltool, MINGW.objdump],
    packages: 'g++-mingw-w64-x86-64-posix mingw-w64-x86-64-dev',
  },
};

const hostTarget = `${process.platform}-${process.arch}`;

function buildableTargets() {
  if (process.platform !== 'linux') return [];
  return Object.entries(CROSS)
    .filter(([, spec]) => !spec.host || spec.host === hostTarget)
    .map(([target]) => target);
}

function outputNames(target) {
  const platform = target.split('-')[0];
  return { addon: ADDON_FILE[platform], emulator: EMULATOR_FILE[platform] };
}

function checkTools(target) {
  const spec = CROSS[target];
  const missing = ['cmake', 'make', ...spec.tools].filter((tool) => !hasCommand(tool));
  if (missing.length) {
    fail(
      `${target}: missing ${missing.join(', ')}; install them with\n` +
        `  apt-get update && apt-get install -y --no-install-recommends cmake make ${spec.packages}`,
    );
  }
}

async function cmakeBuild(target) {
  const spec = CROSS[target];
  const cmakeJs = projectRequire.resolve('cmake-js/bin/cmake-js');
  const workDir = join(CACHE, 'cmake', target);
  const common = [
    '--directory',
    ROOT,
    '--out',
    workDir,
    '--config',
    options.debug ? 'Debug' : 'Release',
    `--CDNODE_EXECUTABLE=${process.execPath}`,
    ...(spec.toolchain ? [`--CDCMAKE_TOOLCHAIN_FILE=${join(ROOT, spec.toolchain)}`] : []),
  ];
  log(`${target}: cmake-js configure and build in ${relative(ROOT, workDir)}`);
  // configure every time: it is quick when nothing changed, and picks up added files.
  for (const [command, extra] of [
    ['configure', []],
    ['build', ['--parallel', options.jobs]],
  ]) {
    const code = await runInherit(process.execPath, [cmakeJs, command, ...common, ...extra, '--log-level', 'warn']);
    if (code !== 0) fail(`${target}: cmake-js ${command} exited with ${code}`);
  }
  return join(workDir, 'out');
}

function install(target, fromDir, names) {
  const outDir = join(ROOT, 'prebuilds', target);
  mkdirSync(outDir, { recursive: true });
  // Other .node files in the folder would compete with ours in node-gyp-build's choice.
  for (const name of readdirSync(outDir)) {
    if (name.endsWith('.node') && name !== names.addon) rmSync(join(outDir, name), { force: true });
  }
  copyFileSync(join(fromDir, 'esent.node'), join(outDir, names.addon));
  copyFileSync(join(fromDir, names.emulator), join(outDir, names.emulator));
  return { addon: join(outDir, names.addon), emulator: join(outDir, names.emulator) };
}

// The symbols the addon resolves in the engine library (native/loader/engine_library.h).
function requiredEmulatorExports() {
  const header = readFileSync(join(ROOT, 'native', 'loader', 'engine_library.h'), 'utf8');
  return [...header.matchAll(/X\(\s*\w+\s*,\s*"(\w+)"\s*\)/g)].map((m) => m[1]).concat('EsentEmulatorVersion');
}

// What a Windows system provides. Anything else (libstdc++-6.dll, libwinpthread-1.dll,
// esent.dll linked at load time) would make the file fail to load, or bind ESENT too early.
const SYSTEM_DLLS = ['kernel32.dll', 'msvcrt.dll', 'advapi32.dll', 'user32.dll', 'ntdll.dll', 'ws2_32.dll', 'bcrypt.dll', 'shell32.dll', 'ole32.dll'];

function checkPe(files) {
  const problems = [];
  for (const [file, allowed] of [
    [files.emulator, SYSTEM_DLLS],
    [files.addon, [...SYSTEM_DLLS, 'node.exe']],
  ]) {
    const dlls = importedDlls(file);
    const bad = dlls.filter((dll) => !allowed.includes(dll.toLowerCase()));
    log(`  ${relative(ROOT, file)} imports ${dlls.join(', ')}`);
    if (bad.length) problems.push(`${relative(ROOT, file)} imports ${bad.join(', ')}`);
  }
  const exported = new Set(exportedNames(files.emulator));
  const decorated = [...exported].filter((name) => /^_?Jet/.test(name) && (name.includes('@') || name.startsWith('_')));
  if (decorated.length) problems.push(`the emulator exports decorated names: ${decorated.join(', ')}`);
  const missing = requiredEmulatorExports().filter((name) => !exported.has(name));
  if (missing.length) problems.push(`the emulator does not export ${missing.join(', ')}`);
  if (!exportedNames(files.addon).some((name) => name.startsWith('napi_register_module_v'))) {
    problems.push('the addon exports no napi_register_module_v* entry point');
  }
  return problems;
}

// The oldest glibc the Linux prebuilds may need: what README promises (Ubuntu 22.04 and
// RHEL 9 have 2.35 and 2.34). Built on a newer glibc, its headers raise it (C23 names of
// strtol and the like from 2.38 on): build them on Debian 12, as the workflow does.
const GLIBC_FLOOR = [2, 34];

// Libraries every glibc system with Node has; the C++ runtime is linked in (CMakeLists.txt).
const GLIBC_LIBS = /^(libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|libgcc_s\.so\.1|ld-linux[\w.-]*\.so\.\d+)$/;

function glibcNeeded(file) {
  const versions = [...run('readelf', ['-V', '--wide', file]).matchAll(/Name: GLIBC_(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  versions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return versions.at(-1) ?? [2, 0];
}

function dynamicSymbols(file) {
  return run('readelf', ['--dyn-syms', '--wide', file])
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 8 && cols[6] !== 'UND')
    .map((cols) => cols[7].replace(/@.*$/, ''));
}

function checkElf(files) {
  const problems = [];
  for (const file of [files.emulator, files.addon]) {
    const needed = [...run('readelf', ['-d', '--wide', file]).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
    const bad = needed.filter((lib) => !GLIBC_LIBS.test(lib));
    const glibc = glibcNeeded(file);
    log(`  ${relative(ROOT, file)} needs ${needed.join(', ')}; glibc ${glibc.join('.')} or later`);
    if (bad.length) problems.push(`${relative(ROOT, file)} needs ${bad.join(', ')}`);
    if (glibc[0] > GLIBC_FLOOR[0] || (glibc[0] === GLIBC_FLOOR[0] && glibc[1] > GLIBC_FLOOR[1])) {
      problems.push(`${relative(ROOT, file)} needs glibc ${glibc.join('.')}, newer than ${GLIBC_FLOOR.join('.')}: build on Debian 12`);
    }
  }
  const exported = new Set(dynamicSymbols(files.emulator));
  const missing = requiredEmulatorExports().filter((name) => !exported.has(name));
  if (missing.length) problems.push(`the emulator does not export ${missing.join(', ')}`);
  if (!dynamicSymbols(files.addon).some((name) => name.startsWith('napi_register_module_v'))) {
    problems.push('the addon exports no napi_register_module_v* entry point');
  }
  return problems;
}

async function buildTarget(target) {
  if (!CROSS[target]) fail(`unknown target '${target}'; this script builds ${Object.keys(CROSS).join(', ')}`);
  if (!buildableTargets().includes(target)) fail(`${target} cannot be built on ${hostTarget}`);
  checkTools(target);
  const started = Date.now();
  const outDir = await cmakeBuild(target);
  const files = install(target, outDir, outputNames(target));
  log(`${target}: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const problems = target.startsWith('win32') ? checkPe(files) : checkElf(files);
  if (problems.length) fail(`${target}:\n  ${problems.join('\n  ')}`);
}

function collectBuild(target) {
  if (!/^(win32|darwin|linux)-(x64|ia32|arm64)$/.test(target ?? '')) fail('--from-build takes one target, e.g. win32-ia32');
  const names = outputNames(target);
  const release = join(ROOT, 'build', 'Release');
  for (const file of ['esent.node', names.emulator]) {
    if (!existsSync(join(release, file))) fail(`no build/Release/${file}: build with node-gyp first`);
  }
  const files = install(target, release, names);
  log(`${target}: ${relative(ROOT, files.addon)}, ${relative(ROOT, files.emulator)} from build/Release`);
}

if (options['from-build']) {
  collectBuild(positionals[0]);
} else {
  const targets = positionals.length ? positionals : buildableTargets();
  if (!targets.length) fail(`nothing to build on ${hostTarget}: the cross builds run on Linux; elsewhere use node-gyp and --from-build`);
  for (const target of targets) await buildTarget(target);
}
