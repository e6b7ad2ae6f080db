// Shared by the real-engine build and its users: where things live, logging, and process
// helpers. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCRIPTS = join(ROOT, 'scripts', 'ese');

// The pinned upstream commit; the GitHub workflow clones it, everything else reads the archive.
export const ESE_COMMIT = '7030fe7407615160e54d152e4ef704eede2fdd7e';
export const ESE_ARCHIVE = 'Extensible-Storage-Engine-7030fe74.tar.xz';

// Everything the build makes lives outside the checkout, so that clones share one cache.
export function cacheRoot() {
  if (process.env.ESENT_ESE_CACHE) return resolve(process.env.ESENT_ESE_CACHE);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'esent', 'ese');
}

// Progress goes to stdout, or to stderr when stdout carries an answer (--print-dll).
let logStream = process.stdout;
export function logToStderr() {
  logStream = process.stderr;
}

export function log(message) {
  logStream.write(`[ese] ${message}\n`);
}

export class BuildError extends Error {}

export function fail(message) {
  throw new BuildError(message);
}

export function hasCommand(command) {
  const probe = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() !== '';
}

// Runs a command to completion; throws with its output when it exits non-zero.
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw new BuildError(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout || ''}${result.stderr || ''}`.trim();
    throw new BuildError(`${command} ${args.join(' ')} exited with ${result.status}${output ? `\n${output}` : ''}`);
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

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(file) {
  return sha256(readFileSync(file));
}
