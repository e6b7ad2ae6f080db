// Shared by the build, packaging and test scripts: the project's folders, process helpers,
// and npm packages fetched at exact versions. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.cache');
export const projectRequire = createRequire(join(ROOT, 'package.json'));

// Headers and .def files for N-API; used from node_modules when that version is installed,
// fetched into .cache otherwise.
export const NODE_API_HEADERS_VERSION = '1.9.0';

/** `log` and `fail` that prefix each line with [tag]. */
export function createLog(tag) {
  return {
    log(message) {
      process.stdout.write(`[${tag}] ${message}\n`);
    },
    fail(message) {
      process.stderr.write(`[${tag}] error: ${message}\n`);
      process.exit(1);
    },
  };
}

const { log } = createLog('npm');

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
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}${output ? `\n${output}` : ''}`);
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

// Runs a command with its output passed through; resolves to its exit code.
export function runInherit(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      process.stderr.write(`${command}: ${error.message}\n`);
      done(-1);
    });
    child.on('close', (code) => done(code ?? 1));
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
