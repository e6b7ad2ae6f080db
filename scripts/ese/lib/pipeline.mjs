// The build's steps in order, and the cache key that lets a build be skipped.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

import { cacheRoot, fail, log, logToStderr, ROOT, run, SCRIPTS, sha256 } from './common.mjs';
import { compileAll, upToDate } from './compile.mjs';
import { generateSources } from './generate.mjs';
import { link } from './link.mjs';
import { listFiles, locateSource, patchedTree, sourceIdentity, unpackSource } from './source.mjs';
import { CLANG, ensureTools, toolchainIdentity } from './toolchain.mjs';
import { compileCommand, FLAVOUR } from './flags.mjs';
import { translationUnits } from './units.mjs';

export const DLL_NAME = 'ese.dll';

export function patchFiles() {
  const folder = join(SCRIPTS, 'patches');
  return readdirSync(folder).filter((name) => name.endsWith('.patch')).sort().map((name) => join(folder, name));
}

// The key of a DLL: the source, everything under scripts/ese/ (build scripts, compatibility
// sources and patches), and the toolchain.
export function cacheKey(source) {
  const scripts = listFiles(SCRIPTS).map((file) => `${file} ${sha256(readFileSync(join(SCRIPTS, file)))}`);
  return sha256([sourceIdentity(source), ...scripts, toolchainIdentity()].join('\n'));
}

export function cachedDllPath(key) {
  return join(cacheRoot(), 'dll', key.slice(0, 24), DLL_NAME);
}

function elapsed(started) {
  const seconds = (Date.now() - started) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

async function compileStep(jobs, parallel, keepGoing) {
  let done = 0;
  let stop = false;
  const failures = await compileAll(
    jobs.map((job) => ({ ...job, skip: () => stop })),
    parallel,
    (job, ok, seconds, output) => {
      done += 1;
      log(`${ok ? 'ok  ' : 'FAIL'} [${done}/${jobs.length}] ${job.label} (${seconds.toFixed(1)} s)`);
      if (!ok) {
        process.stderr.write(`${output.split('\n').slice(0, keepGoing ? 12 : 60).join('\n')}\n`);
        if (!keepGoing) stop = true;
      }
    },
  );
  if (failures.length) {
    fail(`${failures.length} unit(s) failed to compile: ${failures.map((f) => f.job.label).join(', ')}`);
  }
}

export async function buildEseDll({ jobs = 2, keepGoing = false, only = null, force = false, quiet = false } = {}) {
  if (quiet) logToStderr();
  const started = Date.now();
  const source = locateSource();
  ensureTools();
  const key = cacheKey(source);
  const target = cachedDllPath(key);
  if (!only && !force && existsSync(target)) {
    log(`cached: ${target} (key ${key.slice(0, 12)})`);
    return target;
  }

  const cache = cacheRoot();
  const work = join(cache, 'build');
  const tree = join(work, 'tree');
  const gen = join(work, 'gen');
  const objects = join(work, 'obj');
  mkdirSync(work, { recursive: true });

  log(`building ${FLAVOUR.name}-flavour ese.dll from ${source.path} (${source.kind}) with ${jobs} job(s)`);
  const pristine = unpackSource(source, sourceIdentity(source), cache);
  const patches = patchFiles();
  const changed = patchedTree(pristine, patches, tree);
  log(`applied ${patches.length} patch(es); ${changed} file(s) changed since the last build`);
  generateSources(tree, gen, FLAVOUR);
  log(`generated sources in ${relative(cache, gen)}/ after ${elapsed(started)}`);

  const groups = translationUnits(tree, gen).filter((group) => !only || only.includes(group.name));
  if (only && !groups.length) fail(`no group named ${only.join(', ')}`);
  // Precompiled headers first, then the units that use them.
  const headers = [];
  const units = [];
  for (const group of groups) {
    const pch = group.pch ? join(objects, group.name, `${basename(group.pch)}.pch`) : null;
    if (pch) headers.push({ label: `${group.name}/${basename(group.pch)}`, object: pch, ...compileCommand(group, group.pch, tree, gen) });
    for (const file of group.files) {
      const object = join(objects, group.name, `${basename(file).replace(/\.[^.]+$/, '')}.o`);
      units.push({ label: `${group.name}/${basename(file)}`, object, ...compileCommand(group, file, tree, gen, pch) });
    }
  }
  const staleHeaders = headers.filter((job) => !upToDate(job));
  log(`${units.length} units in ${groups.length} groups; ${staleHeaders.length} precompiled header(s) to build`);
  // With --keep-going a failed header only fails its own group's units.
  await compileStep(staleHeaders, jobs, keepGoing).catch((error) => {
    if (!keepGoing) throw error;
  });
  const stale = units.filter((unit) => !upToDate(unit));
  log(`${stale.length} unit(s) to compile`);
  await compileStep(stale, jobs, keepGoing);
  log(`compiled after ${elapsed(started)}`);
  if (only) return null;

  const dll = join(work, DLL_NAME);
  link({ units, tree, gen, work, output: dll });
  mkdirSync(join(target, '..'), { recursive: true });
  const staging = `${target}.partial`;
  copyFileSync(dll, staging);
  renameSync(staging, target);
  writeFileSync(join(target, '..', 'build.json'), `${JSON.stringify({
    key, source: source.path, flavour: FLAVOUR.name, patches: patches.map((p) => basename(p)),
    toolchain: toolchainIdentity().split('\n'), seconds: (Date.now() - started) / 1000,
  }, null, 2)}\n`);
  log(`built ${target} in ${elapsed(started)}`);
  return target;
}
