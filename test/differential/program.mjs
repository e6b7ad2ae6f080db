// Programs and traces in engine-independent form.
//
// A program is { seed, calls }, each call { id, t, fn, args, out?, outColumns? }: `t` is the
// thread (0 the main thread, 1..n Workers), `fn` a `jet` function name, `args` its arguments
// in JSON with these forms standing for values that differ between engines or runs:
//   { r: 's3' }      a symbol bound by an earlier call's `out` (handle, dbid, columnid, bookmark)
//   { n: '-1' }      a bigint
//   { x: '0a0b' }    bytes
//   { p: 'i1/a.edb' } a file path under the run's folder
//   { dir: 'i1' }    a folder under the run's folder, with its trailing separator
//   { name: 'i1' }   an instance name (made unique for the process)
// `out` names the symbol the call's result is bound to; `outColumns` the symbols of the
// columnids JetCreateTableColumnIndex3 returns; `unrun` says why the call is not made at all
// (its answer is undefined on ESE), though it stays in the program. The first letter of a
// symbol is its kind: i instance, s session, d database id, t table id, c column id,
// b bookmark.
//
// A trace is one line per call: `#id tN fn(args) -> outcome`, where the outcome is
// the value (handles by symbol, bytes in hex), `!errno JET_errName`, `skip` when an
// argument's symbol was never bound (its creating call failed or was left out), or
// `not run: why` for a call marked `unrun`.

import { createHash } from 'node:crypto';

/** Bytes as x'hex'; past 32 bytes, the first 16, the length and a digest of the whole. */
export function formatBytes(hex) {
  if (hex.length <= 64) return `x'${hex}'`;
  const digest = createHash('sha256').update(hex).digest('hex').slice(0, 8);
  return `x'${hex.slice(0, 32)}…'(${hex.length / 2} bytes, ${digest})`;
}

export function formatArg(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(formatArg).join(', ')}]`;
  if (typeof value === 'object') {
    if ('r' in value) return value.r;
    if ('n' in value) return `${value.n}n`;
    if ('x' in value) return formatBytes(value.x);
    if ('p' in value) return `$/${value.p}`;
    if ('dir' in value) return `$/${value.dir}/`;
    if ('name' in value) return JSON.stringify(value.name);
    const fields = Object.entries(value).map(([k, v]) => `${k}: ${formatArg(v)}`);
    return `{${fields.join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function formatCall(call) {
  return `t${call.t} ${call.fn}(${call.args.map(formatArg).join(', ')})`;
}

/** The symbols a call's arguments refer to. */
export function referencedSymbols(call) {
  const found = [];
  const walk = (value) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value.r === 'string' && Object.keys(value).length === 1) return found.push(value.r);
    Object.values(value).forEach(walk);
  };
  walk(call.args);
  return found;
}

/** A program holding only the calls whose ids are in `ids` (kept in program order). */
export function subProgram(program, ids) {
  const keep = new Set(ids);
  return { ...program, calls: program.calls.filter((call) => keep.has(call.id)) };
}

/** Index of the first line where two traces differ, or -1. A missing line counts as a difference. */
export function firstDifference(a, b) {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
