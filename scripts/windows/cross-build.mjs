#!/usr/bin/env node
// Builds the win32-x64 addon and the emulator DLL on Linux with mingw-w64:
//
//   prebuilds/win32-x64/esent.node           the addon, named as `prebuildify --napi` names it
//   prebuilds/win32-x64/esent_emulator.dll   the emulator, beside it
//
// Same sources (scripts/list-sources.mjs) and defines as binding.gyp. N-API comes from an
// import library made from node-api-headers' node_api.def, bound to node.exe; libstdc++,
// libgcc and winpthread are linked statically. The imports and exports of both files are
// checked afterwards and the build fails if they are not what Windows Node can load.
//
// Usage: node scripts/windows/cross-build.mjs [--debug] [--jobs N] [--out DIR]
//   --debug      keep symbols, -O0 -g
//   --jobs N     parallel compiles (default: number of CPUs)
//   --out DIR    output folder (default: prebuilds/win32-x64)
//   --only T     build one target: addon or emulator
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  CACHE,
  MINGW,
  ROOT,
  exportedNames,
  fail,
  hasCommand,
  importedDlls,
  log,
  nodeAddonApiInclude,
  nodeApiHeaders,
  run,
  runAsync,
} from './common.mjs';

const { values: options } = parseArgs({
  options: {
    debug: { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(availableParallelism()) },
    out: { type: 'string', default: join(ROOT, 'prebuilds', 'win32-x64') },
    only: { type: 'string' },
  },
});

// prebuildify@6 names an N-API build after the package ("<name>.node"); node-gyp-build
// picks it up from prebuilds/<platform>-<arch>/.
const ADDON_FILE = 'esent.node';
const EMULATOR_FILE = 'esent_emulator.dll';

// DLLs every Windows installation has. Anything else (libstdc++-6.dll, libwinpthread-1.dll,
// libgcc_s_seh-1.dll, esent.dll linked at load time) would make the file fail to load, or
// bind ESENT too early.
const SYSTEM_DLLS = new Set(
  ['kernel32.dll', 'msvcrt.dll', 'advapi32.dll', 'user32.dll', 'ntdll.dll', 'ws2_32.dll', 'bcrypt.dll', 'shell32.dll', 'ole32.dll'],
);

function checkTools() {
  const missing = Object.values(MINGW).filter((tool) => tool !== MINGW.cc && !hasCommand(tool));
  if (missing.length) {
    fail(
      `missing ${missing.join(', ')}; install mingw-w64 with\n` +
        '  apt-get update && apt-get install -y --no-install-recommends g++-mingw-w64-x86-64-posix mingw-w64-x86-64-dev',
    );
  }
}

function listSources(dirs) {
  const out = run(process.execPath, [join(ROOT, 'scripts', 'list-sources.mjs'), ...dirs], { cwd: ROOT });
  return out.split('\n').map((line) => line.trim()).filter(Boolean);
}

// Dependencies recorded by -MMD: a make rule "obj: src hdr hdr ..." with escaped spaces.
function readDepfile(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const colon = text.indexOf(': ');
  if (colon < 0) return null;
  return text
    .slice(colon + 2)
    .split(/(?<!\\)\s+/)
    .filter(Boolean)
    .map((dep) => dep.replace(/\\ /g, ' '));
}

function upToDate(object, depfile, stampFile, stamp) {
  if (!existsSync(object) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) return false;
  const deps = readDepfile(depfile);
  if (!deps) return false;
  const built = statSync(object).mtimeMs;
  return deps.every((dep) => existsSync(resolve(ROOT, dep)) && statSync(resolve(ROOT, dep)).mtimeMs <= built);
}

async function compileAll(target, sources, flags) {
  const objDir = join(CACHE, 'win32-build', target);
  mkdirSync(objDir, { recursive: true });
  const stamp = createHash('sha256').update(JSON.stringify([MINGW.cxx, flags])).digest('hex');
  const jobs = sources.map((source) => {
    const stem = source.replace(/[\\/]/g, '_').replace(/\.cc$/, '');
    return { source, object: join(objDir, `${stem}.o`), depfile: join(objDir, `${stem}.d`), stampFile: join(objDir, `${stem}.stamp`) };
  });
  const pending = jobs.filter((job) => !upToDate(job.object, job.depfile, job.stampFile, stamp));
  if (pending.length < jobs.length) log(`${target}: ${jobs.length - pending.length} of ${jobs.length} objects up to date`);

  const errors = [];
  const width = Math.max(1, Number(options.jobs) || 1);
  let next = 0;
  async function worker() {
    while (next < pending.length) {
      const job = pending[next++];
      log(`${target}: compiling ${job.source}`);
      const args = [...flags, '-MMD', '-MF', job.depfile, '-c', job.source, '-o', job.object];
      const result = await runAsync(MINGW.cxx, args, { cwd: ROOT });
      if (result.code !== 0) {
        rmSync(job.object, { force: true });
        errors.push(`${job.source}:\n${(result.stdout + result.stderr).trim()}`);
      } else {
        if (result.stderr.trim()) process.stderr.write(result.stderr);
        writeFileSync(job.stampFile, stamp);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, pending.length) }, worker));
  if (errors.length) {
    process.stderr.write(`${errors.join('\n\n')}\n`);
    fail(`${target}: ${errors.length} of ${jobs.length} sources failed to compile for win32-x64`);
  }
  return jobs.map((job) => job.object);
}

function link(target, objects, output, extra) {
  log(`${target}: linking ${relative(ROOT, output)}`);
  const args = [
    '-shared',
    '-o',
    output,
    ...objects,
    ...extra,
    '-static',
    '-static-libgcc',
    '-static-libstdc++',
    '-Wl,--no-undefined',
    ...(options.debug ? [] : ['-s']),
  ];
  try {
    run(MINGW.cxx, args, { cwd: ROOT });
  } catch (error) {
    fail(`${target}: link failed\n${error.message}`);
  }
}

function checkImports(file, allowed) {
  const dlls = importedDlls(file);
  const bad = dlls.filter((dll) => !allowed.has(dll.toLowerCase()));
  log(`${basename(file)} imports ${dlls.join(', ')}`);
  if (bad.length) fail(`${basename(file)} imports ${bad.join(', ')}; only ${[...allowed].join(', ')} are allowed`);
}

// The symbols the addon resolves at run time (native/loader/engine_library.h); all must be
// exported under their plain names. EsentEmulatorVersion, by which the loader recognises the
// emulator, is only warned about: without it the addon still works but reports a foreign engine.
function requiredEmulatorExports() {
  const header = join(ROOT, 'native', 'loader', 'engine_library.h');
  const names = new Set();
  if (existsSync(header)) {
    for (const match of readFileSync(header, 'utf8').matchAll(/X\(\s*\w+\s*,\s*"(\w+)"\s*\)/g)) names.add(match[1]);
  }
  return names;
}

function checkEmulatorExports(file) {
  const exported = exportedNames(file);
  const set = new Set(exported);
  const jet = exported.filter((name) => /^_?Jet/.test(name));
  const decorated = jet.filter((name) => name.includes('@') || name.startsWith('_'));
  const missing = [...requiredEmulatorExports()].filter((name) => !set.has(name));
  log(`${basename(file)} exports ${jet.length} Jet* names (${exported.length} in all)`);
  if (decorated.length) fail(`${basename(file)} exports decorated names: ${decorated.join(', ')}`);
  if (missing.length) fail(`${basename(file)} does not export: ${missing.join(', ')}`);
  if (!set.has('EsentEmulatorVersion')) log(`warning: ${basename(file)} does not export EsentEmulatorVersion`);
}

async function main() {
  checkTools();
  const headers = nodeApiHeaders();
  const outDir = resolve(options.out);
  const buildDir = join(CACHE, 'win32-build');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(buildDir, { recursive: true });

  const common = [
    '-std=c++17',
    '-fexceptions',
    ...(options.debug ? ['-O0', '-g'] : ['-O2']),
    '-DWIN32_LEAN_AND_MEAN',
    '-DNOMINMAX',
    `-I${join(ROOT, 'native', 'include')}`,
  ];

  // Import library: every N-API function, bound to the host executable node.exe.
  const importLib = join(buildDir, 'libnode.a');
  const def = join(headers, 'def', 'node_api.def');
  if (!existsSync(importLib) || statSync(importLib).mtimeMs < statSync(def).mtimeMs) {
    log('making the node.exe import library from node_api.def');
    run(MINGW.dlltool, ['-d', def, '-l', importLib, '-D', 'node.exe']);
  }

  if (options.only && !['addon', 'emulator'].includes(options.only)) fail('--only takes addon or emulator');
  const emulatorSources = options.only === 'addon' ? [] : listSources(['native/emulator']);
  const addonSources = options.only === 'emulator' ? [] : listSources(['native/addon', 'native/loader']);

  const emulatorOut = join(outDir, EMULATOR_FILE);
  if (emulatorSources.length) {
    const objects = await compileAll('emulator', emulatorSources, [...common, '-DESENT_EMULATOR_BUILD']);
    link('emulator', objects, emulatorOut, []);
    checkImports(emulatorOut, SYSTEM_DLLS);
    checkEmulatorExports(emulatorOut);
  } else if (options.only !== 'addon') {
    log('emulator: native/emulator has no sources yet; skipped');
  }
  if (options.only === 'emulator') return;

  if (!addonSources.length) fail('native/addon and native/loader have no sources');
  const addonFlags = [
    ...common,
    '-DNAPI_VERSION=8',
    '-DNAPI_CPP_EXCEPTIONS',
    '-DNODE_ADDON_API_DISABLE_DEPRECATED',
    // Checks jet_api.h / jet_data_api.h against mingw-w64's esent.h where it has the names.
    '-DESENT_CHECK_AGAINST_SDK',
    `-I${nodeAddonApiInclude()}`,
    `-I${join(headers, 'include')}`,
  ];
  const addonOut = join(outDir, ADDON_FILE);
  const objects = await compileAll('addon', addonSources, addonFlags);
  link('addon', objects, addonOut, [`-L${buildDir}`, '-lnode']);
  checkImports(addonOut, new Set([...SYSTEM_DLLS, 'node.exe']));
  const napiExports = exportedNames(addonOut).filter((name) => name.startsWith('napi_register_module_v'));
  if (!napiExports.length) fail(`${ADDON_FILE} exports no napi_register_module_v* entry point`);

  // Other .node files in the folder would compete with ours in node-gyp-build's choice.
  for (const name of readdirSync(outDir)) {
    if (name.endsWith('.node') && name !== ADDON_FILE) {
      log(`removing ${name} from ${relative(ROOT, outDir)} (node-gyp-build would prefer it)`);
      rmSync(join(outDir, name), { force: true });
    }
  }
  log(`done: ${relative(ROOT, addonOut)}${emulatorSources.length ? `, ${relative(ROOT, emulatorOut)}` : ''}`);
}

main().catch((error) => fail(error.stack || String(error)));
