// Database files damaged on purpose, with their checksums recomputed so that only the
// parser's own checks stand between them and the engine: each must be refused with a JET
// error or give a database that works (reads, seeks, inserts), never a crash, a hang or a
// runaway allocation. The layout is the emulator's (native/emulator/data/file_image.cc).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect } from 'vitest';

import {
  EsentError,
  JET_bitTermAbrupt,
  JET_coltypBinary,
  JET_coltypLong,
  JET_coltypLongText,
  JET_coltypText,
  JET_prepInsert,
  encodeColumnValue,
  jet,
} from '../lib/index.js';
import { itOnEmulator } from './helpers/engine.js';
import { initRawInstance, tempDir } from './helpers/instances.js';
import { seededRandom } from './helpers/processes.js';

const seed = Number(process.env.ESENT_TEST_SEED ?? 0x5eed);
const cases = Number(process.env.ESENT_CRAFTED_CASES ?? 300);
const HEADER = 64;
const MASK = (1n << 64n) - 1n;

/** The emulator's checksum (storage/checksum.cc). */
function checksum(bytes: Buffer): bigint {
  let state = 0x6a09e667f3bcc909n;
  const mix = (word: bigint): void => {
    state ^= word;
    state = (state * 0x9e3779b97f4a7c15n) & MASK;
    state ^= state >> 29n;
  };
  let at = 0;
  for (; at + 8 <= bytes.length; at += 8) mix(bytes.readBigUInt64LE(at));
  if (at < bytes.length) {
    const last = Buffer.alloc(8);
    bytes.copy(last, 0, at);
    mix(last.readBigUInt64LE(0));
  }
  mix(BigInt(bytes.length));
  mix(0x5bd1e9955bd1e995n);
  return state;
}

/** Makes the header's size and checksums agree with `file` again. */
function reseal(file: Buffer): Buffer {
  const payload = file.subarray(HEADER);
  file.writeBigUInt64LE(BigInt(payload.length), 16);
  file.writeBigUInt64LE(checksum(payload), 24);
  file.writeBigUInt64LE(checksum(file.subarray(0, HEADER - 8)), HEADER - 8);
  return file;
}

let dir = '';
let original = Buffer.alloc(0);

beforeAll(() => {
  dir = tempDir();
  const path = join(dir, 'source.edb');
  const instance = initRawInstance(join(dir, 'make'), 'crafted');
  const sesid = jet.JetBeginSession(instance);
  const dbid = jet.JetCreateDatabase2(sesid, path);
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: 'things',
    rgcolumncreate: [
      { szColumnName: 'id', coltyp: JET_coltypLong, grbit: 0x4 },
      { szColumnName: 'name', coltyp: JET_coltypText, cbMax: 40, cp: 1200 },
      { szColumnName: 'code', coltyp: JET_coltypText, cbMax: 8, cp: 1252, grbit: 0x1 },
      { szColumnName: 'blob', coltyp: JET_coltypBinary, cbMax: 16 },
      { szColumnName: 'notes', coltyp: JET_coltypLongText, cp: 1200, grbit: 0x400 },
    ],
    rgindexcreate: [
      { szIndexName: 'primary', szKey: ['+id'], grbit: 0x2 },
      { szIndexName: 'byName', szKey: ['+name', '-id'], grbit: 0 },
    ],
  });
  const [id, name, code, blob] = created.columnids as number[];
  for (let n = 0; n < 12; n++) {
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, id!, encodeColumnValue(JET_coltypLong, n));
    jet.JetSetColumn(sesid, created.tableid, name!, Buffer.from(`name ${n}`, 'utf16le'));
    jet.JetSetColumn(sesid, created.tableid, code!, Buffer.from(`c${n}`, 'latin1'));
    jet.JetSetColumn(sesid, created.tableid, blob!, Buffer.alloc(n, n));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetCommitTransaction(sesid);
  }
  jet.JetEndSession(sesid);
  jet.JetTerm2(instance, 0);
  original = readFileSync(path);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Attaches the file and uses its table; errors must be JET errors. Whether the attach
 * succeeded.
 */
function exercise(path: string): boolean {
  const instance = initRawInstance(join(dir, 'use'), 'crafted-use');
  const sesid = jet.JetBeginSession(instance);
  const attempt = (fn: () => unknown): unknown => {
    try {
      return fn();
    } catch (error) {
      expect(error).toBeInstanceOf(EsentError);
      return undefined;
    }
  };
  try {
    if (attempt(() => jet.JetAttachDatabase2(sesid, path)) === undefined) return false;
    const dbid = attempt(() => jet.JetOpenDatabase(sesid, path)) as number | undefined;
    if (dbid === undefined) return true;
    const tableid = attempt(() => jet.JetOpenTable(sesid, dbid, 'things')) as bigint | undefined;
    if (tableid === undefined) return true;
    for (const column of ['id', 'name', 'code', 'blob', 'notes']) {
      const info = attempt(() => jet.JetGetTableColumnInfo(sesid, tableid, column)) as { columnid: number } | undefined;
      if (info === undefined) continue;
      attempt(() => jet.JetMove(sesid, tableid, -2147483648));
      for (let i = 0; i < 20 && attempt(() => jet.JetRetrieveColumn(sesid, tableid, info.columnid)) !== undefined; i++) {
        if (attempt(() => jet.JetMove(sesid, tableid, 1)) === undefined) break;
      }
      attempt(() => {
        jet.JetBeginTransaction(sesid);
        try {
          jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
          jet.JetSetColumn(sesid, tableid, info.columnid, Buffer.alloc(4, 7));
          jet.JetUpdate2(sesid, tableid);
        } finally {
          jet.JetRollback(sesid);
        }
      });
    }
    attempt(() => jet.JetSetCurrentIndex4(sesid, tableid, 'byName'));
    attempt(() => jet.JetMove(sesid, tableid, 2147483647));
    return true;
  } finally {
    jet.JetEndSession(sesid);
    jet.JetTerm2(instance, JET_bitTermAbrupt);
  }
}

itOnEmulator(
  'a column declared with type 0xFFFFFF04, maximum length 0xFFFFFFFF and every flag is refused',
  "the emulator's own file format",
  () => {
    // A column definition: name (count, UTF-16), type, cbMax, grbit.
    const name = Buffer.concat([Buffer.from([4, 0, 0, 0]), Buffer.from('code', 'utf16le')]);
    const at = original.indexOf(name, HEADER) + name.length;
    expect(at).toBeGreaterThan(HEADER + name.length);
    const path = join(dir, 'hostile.edb');
    for (const [offset, value] of [
      [0, 0xffffff04],
      [4, 0xffffffff],
      [8, 0xffffffff],
    ] as const) {
      const file = Buffer.from(original);
      file.writeUInt32LE(value, at + offset);
      writeFileSync(path, reseal(file));
      expect(exercise(path), `field at +${offset} = ${value.toString(16)}`).toBe(false);
    }
  },
);

itOnEmulator(
  `crafted database files (${cases}, checksums recomputed) are refused or usable, never harmful`,
  "the emulator's own file format",
  () => {
    const random = seededRandom(seed);
    const extremes = [0, 1, 0x7f, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffff04, 0xffffffff];
    const path = join(dir, 'crafted.edb');
    writeFileSync(path, reseal(Buffer.from(original)));
    expect(exercise(path), 'the untouched file').toBe(true);
    let attached = 0;
    for (let i = 0; i < cases; i++) {
      const file = Buffer.from(original);
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = HEADER + Math.floor(random() * (file.length - HEADER - 4));
        if (random() < 0.5) {
          file.writeUInt32LE(extremes[Math.floor(random() * extremes.length)]!, at);
        } else {
          file[at] = Math.floor(random() * 256);
        }
      }
      writeFileSync(path, reseal(file));
      if (exercise(path)) attached++;
      // Nothing a file says makes the process allocate more than a little.
      expect(process.memoryUsage().rss, `case ${i} (seed ${seed})`).toBeLessThan(2 ** 31);
    }
    // Both outcomes occur: the edits reach fields that matter and fields that do not.
    expect(attached).toBeGreaterThan(0);
    expect(attached).toBeLessThan(cases);
  },
  180_000,
);
