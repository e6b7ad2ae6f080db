// Finds ESE's source (an archive or a checked-out tree), identifies it by content, unpacks
// it into the cache, and lays out the patched copy that the build compiles.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { ESE_ARCHIVE, ROOT, fail, log, run, sha256 } from './common.mjs';

const TREE_MARKER = join('dev', 'ese', 'src', 'ese', 'jetapi.cxx');

// ESE_SOURCE may name the archive, a folder holding it, or a checked-out source tree; without
// it the archive is looked for in ../shared/ese beside the checkout.
export function locateSource() {
  const fromEnv = process.env.ESE_SOURCE;
  const fallback = resolve(ROOT, '..', 'shared', 'ese');
  const candidate = fromEnv ? resolve(fromEnv) : fallback;
  const found = sourceAt(candidate);
  if (found) return found;
  const where = fromEnv
    ? `ESE_SOURCE=${fromEnv} holds neither ${ESE_ARCHIVE} nor an ESE source tree (${TREE_MARKER})`
    : `ESE_SOURCE is not set and ${fallback} holds no ${ESE_ARCHIVE}`;
  fail(
    `no ESE source: ${where}.\n` +
      `  Set ESE_SOURCE to the archive ${ESE_ARCHIVE}, to the folder holding it, or to a clone of\n` +
      '  microsoft/Extensible-Storage-Engine at the pinned commit, or put the archive in ../shared/ese/.',
  );
}

function sourceAt(path) {
  if (!existsSync(path)) return null;
  if (statSync(path).isFile()) return path.endsWith('.tar.xz') ? { kind: 'archive', path } : null;
  if (existsSync(join(path, TREE_MARKER))) return { kind: 'tree', path };
  const archive = join(path, ESE_ARCHIVE);
  if (existsSync(archive)) return { kind: 'archive', path: archive };
  return null;
}

// Every file under dir, as paths relative to it, sorted; .git is not part of the source.
export function listFiles(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === '.git') continue;
    const full = join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? statSync(full, { throwIfNoEntry: false }) : entry;
    if (kind?.isDirectory()) listFiles(full, base, out);
    else if (kind?.isFile()) out.push(relative(base, full));
  }
  return out;
}

// What identifies the source in the cache key: the archive's bytes, or a tree's dev/ese files.
export function sourceIdentity(source) {
  if (source.kind === 'archive') return `archive ${sha256(readFileSync(source.path))}`;
  const dev = join(source.path, 'dev', 'ese');
  const lines = listFiles(dev).map((file) => `${file} ${sha256(readFileSync(join(dev, file)))}`);
  return `tree ${sha256(lines.join('\n'))}`;
}

// The pristine dev/ese of that source, unpacked once into <cache>/source/<id>/.
export function unpackSource(source, identity, cache) {
  const folder = join(cache, 'source', sha256(identity).slice(0, 16));
  const done = join(folder, '.complete');
  if (existsSync(done)) return folder;
  log(`unpacking ${source.path} into ${folder}`);
  const staging = `${folder}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  if (source.kind === 'archive') {
    const top = run('tar', ['-tJf', source.path]).split('\n')[0].split('/')[0];
    run('tar', ['-xJf', source.path, '-C', staging, '--strip-components=1', `${top}/dev/ese`, `${top}/LICENSE`]);
  } else {
    mkdirSync(join(staging, 'dev'), { recursive: true });
    run('cp', ['-a', join(source.path, 'dev', 'ese'), join(staging, 'dev', 'ese')]);
    run('cp', [join(source.path, 'LICENSE'), join(staging, 'LICENSE')]);
  }
  if (!existsSync(join(staging, TREE_MARKER))) fail(`${source.path} does not hold ESE's source (${TREE_MARKER} missing)`);
  run('chmod', ['-R', 'u+w', staging]);
  run('touch', [join(staging, '.complete')]);
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
  return folder;
}

// Copies the pristine source to a scratch folder, applies the patches in order, then brings
// <tree> to the result, rewriting only the files whose content changed so that objects built
// from unchanged files stay valid.
export function patchedTree(pristine, patches, tree) {
  const scratch = `${tree}.scratch`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  run('cp', ['-a', join(pristine, 'dev'), join(scratch, 'dev')]);
  for (const patch of patches) {
    try {
      run('patch', ['-p1', '--quiet', '--forward', '--no-backup-if-mismatch', '-r', '-', '-d', scratch, '-i', patch]);
    } catch (error) {
      fail(`the patch ${relative(ROOT, patch)} does not apply:\n${error.message}`);
    }
  }
  const wanted = new Set(listFiles(scratch));
  let changed = 0;
  for (const file of wanted) {
    const from = join(scratch, file);
    const to = join(tree, file);
    if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) continue;
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    changed += 1;
  }
  if (existsSync(tree)) {
    for (const file of listFiles(tree)) {
      if (!wanted.has(file)) rmSync(join(tree, file));
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  return changed;
}
