// npm run bench:engines: bench/run.mjs's transaction and data sections on each engine this
// machine can run, side by side. Every engine's ratios are to its own baseline, measured in
// the same process (the native C++ loop of set-context / begin / commit / reset-context, and
// the raw sync API for the data rows), so the columns compare what the binding adds on each
// engine, not Linux with Wine.
//
//   emulator         this Node, the package's emulator
//   emulator, Wine   Windows Node under Wine (docs/windows.md), the emulator DLL
//   ESE, Wine        Windows Node under Wine, ESE's engine built from source (docs/real-engine.md)
//
// The Wine sides need Wine and mingw-w64 (they cross-build the addon and a Windows build of
// the baseline into .cache/); the ESE side needs the DLL of `npm run build:ese`, which this
// script builds when ESE's source is at hand (ESE_SOURCE, or ../shared/ese) and otherwise
// leaves out, saying so. With --if-available (as `npm run bench` runs it) nothing is built
// that is not cached: a side whose pieces are missing is left out with the reason.
//
// Options: --iterations N (default 5000), --rows N (default 5000), --sessions N (default 16),
// --only emulator,wine-emulator,wine-ese, --if-available.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import { CACHE, ROOT, hasCommand, projectRequire, run, runInherit } from '../scripts/common.mjs';
import { MINGW, toWindowsPath } from '../scripts/windows/common.mjs';

const { values: options } = parseArgs({
  options: {
    iterations: { type: 'string', default: '5000' },
    rows: { type: 'string', default: '5000' },
    sessions: { type: 'string', default: '16' },
    only: { type: 'string', default: 'emulator,wine-emulator,wine-ese' },
    'if-available': { type: 'boolean', default: false },
  },
});
const ifAvailable = options['if-available'];
const wanted = new Set(options.only.split(','));
for (const side of wanted) {
  if (!['emulator', 'wine-emulator', 'wine-ese'].includes(side)) throw new TypeError(`--only: unknown side ${side}`);
}

const OUT = join(CACHE, 'bench-engines');
const PREBUILDS = join(ROOT, 'prebuilds', 'win32-x64');
const benchArgs = ['--sections', 'transactions,data', '--iterations', options.iterations, '--rows', options.rows, '--sessions', options.sessions];

function say(message) {
  console.log(`[bench:engines] ${message}`);
}

function newer(output, inputs) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return inputs.every((file) => statSync(file).mtimeMs <= built);
}

// The baseline addon for Windows Node: bench/native's sources, cross-built with mingw-w64
// against an import library of node.exe's N-API (as CMakeLists.txt builds the addon).
function windowsBaseline() {
  const output = join(OUT, 'win32', 'esent_bench.node');
  const sources = [join(ROOT, 'bench', 'native', 'context_loop.cc'), join(ROOT, 'native', 'loader', 'engine_library.cc')];
  const headers = [join(ROOT, 'native', 'loader', 'engine_library.h')];
  if (newer(output, [...sources, ...headers])) return output;
  if (ifAvailable) return null;
  mkdirSync(join(OUT, 'win32'), { recursive: true });
  const napi = projectRequire('node-api-headers');
  const importLib = join(OUT, 'win32', 'libnode.a');
  run(MINGW.dlltool, ['-d', napi.def_paths.node_api_def, '-l', importLib, '-D', 'node.exe']);
  run(MINGW.cxx, [
    '-shared', '-O2', '-std=c++17', '-fexceptions',
    '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-DNODE_ADDON_API_DISABLE_DEPRECATED', '-DWIN32_LEAN_AND_MEAN', '-DNOMINMAX',
    '-I', join(ROOT, 'native', 'include'), '-I', napi.include_dir, '-I', join(ROOT, projectRequire('node-addon-api').include_dir),
    ...sources, importLib, '-o', output, '-static', '-static-libgcc', '-static-libstdc++', '-Wl,--no-undefined', '-s',
  ]);
  return output;
}

// Why a Wine side cannot run here, or null when it can.
function wineMissing() {
  const tools = ['wine', 'wineserver', MINGW.cxx, MINGW.dlltool].filter((tool) => !hasCommand(tool));
  return tools.length ? `missing ${tools.join(', ')} (docs/windows.md says what to install)` : null;
}

async function eseDll() {
  const { cacheKey, cachedDllPath, buildEseDll } = await import('../scripts/ese/lib/pipeline.mjs');
  const { locateSource } = await import('../scripts/ese/lib/source.mjs');
  const { BuildError } = await import('../scripts/ese/lib/common.mjs');
  try {
    if (ifAvailable) {
      const dll = cachedDllPath(cacheKey(locateSource()));
      return existsSync(dll) ? { dll } : { missing: 'ese.dll is not built (npm run build:ese)' };
    }
    return { dll: await buildEseDll() };
  } catch (error) {
    if (error instanceof BuildError) return { missing: error.message.split('\n')[0] };
    throw error;
  }
}

function readReport(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function runWineSide(name, engineDll, baseline) {
  const { ensureNodeExe, ensurePrefix, runWine } = await import('../scripts/windows/wine.mjs');
  ensurePrefix();
  const nodeExe = ensureNodeExe();
  const json = join(OUT, `${name}.json`);
  rmSync(json, { force: true });
  const env = { ESENT_LIBRARY: toWindowsPath(engineDll), PREBUILDS_ONLY: '1', NO_COLOR: '1' };
  const args = [nodeExe, join('bench', 'run.mjs'), ...benchArgs, '--native', toWindowsPath(baseline), '--json', toWindowsPath(json)];
  const outcome = await runWine(args, { env, timeoutMs: 30 * 60_000, outputDir: join(OUT, name) });
  if (outcome.code !== 0 || !existsSync(json)) {
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    throw new Error(`${name}: bench/run.mjs under Wine exited with ${outcome.code}${outcome.timedOut ? ' (timed out)' : ''}`);
  }
  return readReport(json);
}

mkdirSync(OUT, { recursive: true });
const columns = [];
const skipped = [];

if (wanted.has('emulator')) {
  const json = join(OUT, 'emulator.json');
  const env = { ...process.env };
  delete env.ESENT_LIBRARY;
  const code = await runInherit(process.execPath, [join(ROOT, 'bench', 'run.mjs'), ...benchArgs, '--json', json], { env });
  if (code !== 0) throw new Error(`bench/run.mjs exited with ${code}`);
  columns.push(['emulator', readReport(json)]);
}

const wineSides = [...wanted].filter((side) => side.startsWith('wine-'));
if (wineSides.length) {
  const missing = wineMissing();
  if (missing) {
    for (const side of wineSides) skipped.push([side, missing]);
  } else {
    const prebuilt = existsSync(join(PREBUILDS, 'esent.node')) && existsSync(join(PREBUILDS, 'esent_emulator.dll'));
    if (!prebuilt && !ifAvailable) {
      const code = await runInherit(process.execPath, [join(ROOT, 'scripts', 'prebuild.mjs'), 'win32-x64']);
      if (code !== 0) throw new Error(`scripts/prebuild.mjs win32-x64 exited with ${code}`);
    }
    const baseline = windowsBaseline();
    if (!baseline || !existsSync(join(PREBUILDS, 'esent.node'))) {
      for (const side of wineSides) skipped.push([side, 'the win32 build is not made (npm run bench:engines builds it)']);
    } else {
      if (wanted.has('wine-emulator')) {
        say('running under Wine on the emulator DLL');
        columns.push(['emulator, Wine', await runWineSide('wine-emulator', join(PREBUILDS, 'esent_emulator.dll'), baseline)]);
      }
      if (wanted.has('wine-ese')) {
        const { dll, missing: eseMissing } = await eseDll();
        if (eseMissing) {
          skipped.push(['wine-ese', eseMissing]);
        } else {
          say(`running under Wine on ${relative(ROOT, dll).startsWith('..') ? dll : relative(ROOT, dll)}`);
          columns.push(['ESE, Wine', await runWineSide('wine-ese', dll, baseline)]);
        }
      }
    }
  }
}

// One row per measured layer, one column per engine: ns per operation and the ratio to
// that engine's own baseline.
function table(title, section, unit) {
  const present = columns.filter(([, report]) => report[section]);
  if (!present.length) return;
  console.log('');
  console.log(`${title} (${unit}, ratio to each engine's own baseline)`);
  const head = ['layer'.padEnd(44), ...present.map(([name]) => name.padStart(22))].join(' ');
  console.log(head);
  const names = present[0][1][section].map(([name]) => name);
  for (const name of names) {
    const cells = present.map(([, report]) => {
      const row = report[section].find(([other]) => other === name);
      if (!row) return '-'.padStart(22);
      const [, ns, base] = row;
      return `${ns.toFixed(0).padStart(9)} ${`${(ns / base).toFixed(2)}x`.padStart(12)}`;
    });
    console.log([name.padEnd(44), ...cells].join(' '));
  }
}

console.log('');
console.log(`bench:engines: ${options.iterations} transactions, ${options.rows} rows, ${options.sessions} sessions per engine`);
for (const [name, report] of columns) console.log(`  ${name}: ${report.engine}`);
table('transactions', 'transactions', 'ns/transaction');
table('data', 'data', 'ns/row');
for (const [side, reason] of skipped) console.log(`left out: ${side}: ${reason}`);
if (!columns.length) process.exitCode = ifAvailable ? 0 : 1;
