// Inputs and lifetimes that must never take the process down: arrays that lie about their
// length or change while they are read, malformed wire buffers, cursors handed to the wrong
// session, and Workers that end with calls still queued.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  JET_bitColumnFixed,
  JET_bitIndexPrimary,
  JET_bitTermAbrupt,
  JET_coltypLong,
  jet,
  loadEngine,
} from '../lib/index.js';
import { native, type NativeSessionObject } from '../lib/native.js';
import { InstancePool, initRawInstance, tempDir } from './helpers/instances.js';

/** An array whose length claims 2^32-1 entries, none of them present. */
function sparseArray(): never {
  const array: unknown[] = [];
  array.length = 2 ** 32 - 1;
  return array as never;
}

describe('jet: arrays of structures', () => {
  let dir: string;
  let instance: bigint;
  let sesid: bigint;
  let dbid: number;

  beforeEach(() => {
    dir = tempDir();
    instance = initRawInstance(dir, 'robust');
    sesid = jet.JetBeginSession(instance);
    dbid = jet.JetCreateDatabase2(sesid, join(dir, 'robust.edb'));
  });

  afterEach(() => {
    jet.JetTerm2(instance, JET_bitTermAbrupt);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a sparse array of length 2^32-1 is a TypeError, not an allocation of its length', () => {
    expect(() => jet.JetSetColumns(sesid, 1n, sparseArray())).toThrow(/'psetcolumn\[0\]' must be an object/);
    expect(() => jet.JetRetrieveColumns(sesid, 1n, sparseArray())).toThrow(/'pretrievecolumn\[0\]' must be an object/);
    expect(() => jet.JetCreateIndex2(sesid, 1n, sparseArray())).toThrow(/'pindexcreate\[0\]' must be an object/);
    expect(() =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 't', rgcolumncreate: sparseArray() }),
    ).toThrow(/'tablecreate.rgcolumncreate\[0\]' must be an object/);
    expect(() =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 't', rgindexcreate: sparseArray() }),
    ).toThrow(/'tablecreate.rgindexcreate\[0\]' must be an object/);
    expect(() =>
      jet.JetCreateIndex2(sesid, 1n, [{ szIndexName: 'x', szKey: '+a\0\0', rgconditionalcolumn: sparseArray() }]),
    ).toThrow(/rgconditionalcolumn\[0\]' must be an object/);
  });

  it('reads column and index lists that grow while they are read, entry by entry', () => {
    const columns: Array<Record<string, unknown>> = [];
    const indexes: Array<Record<string, unknown>> = [];
    columns.push({
      get szColumnName() {
        if (columns.length === 1) {
          for (let i = 1; i < 40; i++) columns.push({ szColumnName: `c${i}`, coltyp: JET_coltypLong });
        }
        return 'c0';
      },
      coltyp: JET_coltypLong,
      grbit: JET_bitColumnFixed,
    });
    indexes.push({
      get szIndexName() {
        if (indexes.length === 1) {
          for (let i = 1; i < 20; i++) indexes.push({ szIndexName: `i${i}`, szKey: `+c${i}\0\0` });
        }
        return 'i0';
      },
      szKey: '+c0\0\0',
      grbit: JET_bitIndexPrimary,
    });
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'growing',
      rgcolumncreate: columns as never,
      rgindexcreate: indexes as never,
    });
    expect(created.columnids).toHaveLength(40);
    expect(created.indexErrors).toHaveLength(20);
    expect(created.indexErrors.every((err) => err === 0)).toBe(true);
    expect(jet.JetGetTableColumnInfo(sesid, created.tableid, 'c39').coltyp).toBe(JET_coltypLong);

    const more: Array<Record<string, unknown>> = [];
    more.push({
      get szIndexName() {
        if (more.length === 1) for (let i = 1; i < 10; i++) more.push({ szIndexName: `m${i}`, szKey: `-c${i}\0\0` });
        return 'm0';
      },
      szKey: '-c0\0\0',
    });
    expect(jet.JetCreateIndex2(sesid, created.tableid, more as never)).toBe(0);
    expect(more.map((entry) => entry.err)).toEqual(new Array(10).fill(0));
  });
});

describe('session calls: wire buffers and cursors', () => {
  const pool = new InstancePool();
  const dirs: string[] = [];
  afterEach(async () => {
    await pool.cleanup();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function twoSessions(): Promise<{
    a: NativeSessionObject;
    b: NativeSessionObject;
    cursor: object;
    columnid: number;
  }> {
    const dir = tempDir();
    dirs.push(dir);
    const instance = await pool.open({ path: dir });
    const a = new native.NativeSession(jet.JetBeginSession(instance.handle));
    const b = new native.NativeSession(jet.JetBeginSession(instance.handle));
    const dbid = await a.createDatabase(join(dir, 'cursors.edb'), 0, 0);
    const opened = await a.createTable(dbid, {
      name: 'rows',
      columns: [{ name: 'id', coltyp: JET_coltypLong, cbMax: 0, grbit: JET_bitColumnFixed, cp: 0, defaultValue: null }],
      indexes: [{ name: 'primary', key: '+id\0', grbit: JET_bitIndexPrimary, lcid: 0, mapFlags: null }],
    });
    return { a, b, cursor: opened.cursor, columnid: opened.columns[0]!.columnid };
  }

  /** rows := 1 row of one entry: id = `id`. */
  function oneRow(columnid: number, id: number): Buffer {
    const bytes = Buffer.alloc(28);
    bytes.writeUInt32LE(1, 0); // rows
    bytes.writeUInt32LE(1, 4); // entries
    bytes.writeUInt32LE(columnid, 8);
    bytes.writeUInt32LE(0, 12); // one value
    bytes.writeUInt32LE(1, 16); // value count
    bytes.writeUInt32LE(4, 20); // length
    bytes.writeInt32LE(id, 24);
    return bytes;
  }

  it('refuses a cursor opened by another session before anything is queued', async () => {
    const { a, b, cursor, columnid } = await twoSessions();
    const key = Buffer.from([1, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0]);
    expect(() => b.insert(cursor as never, oneRow(columnid, 7), new Uint32Array(0))).toThrow(
      /belongs to another session/,
    );
    expect(() => b.lookup(cursor as never, 'primary', key, 1)).toThrow(/belongs to another session/);
    expect(() => b.remove(cursor as never, 'primary', key)).toThrow(/belongs to another session/);
    expect(() => b.scan(cursor as never, 'primary', null, null, false, 10, 0)).toThrow(/belongs to another session/);
    expect(() => b.count(cursor as never, 'primary', null, null)).toThrow(/belongs to another session/);
    expect(() => b.closeCursor(cursor as never)).toThrow(/belongs to another session/);
    expect(b.pending).toBe(0);

    // The owner still uses it, scan cursors included.
    await a.insert(cursor as never, oneRow(columnid, 7), new Uint32Array(0));
    const page = await a.scan(cursor as never, 'primary', null, null, false, 1, 0);
    expect(page.count).toBe(1);
    if (page.scan) {
      expect(() => b.scanNext(page.scan!, 1, 0)).toThrow(/belongs to another session/);
      await a.closeCursor(page.scan);
    }
    expect(await a.count(cursor as never, 'primary', null, null)).toBe(1);
    await a.closeCursor(cursor as never);
    await a.end();
    await b.end();
  });

  it('refuses wire arguments of the wrong kind before anything is queued', async () => {
    const { a, cursor, columnid } = await twoSessions();
    const row = oneRow(columnid, 7);
    for (const bad of ['rows', [1, 2], new ArrayBuffer(8), {}, null]) {
      expect(() => a.insert(cursor as never, bad as never, new Uint32Array(0))).toThrow(/'rows' must be a Buffer/);
    }
    for (const bad of [[0], new Int32Array(1), new Float64Array(1), Buffer.alloc(4), null]) {
      expect(() => a.insert(cursor as never, row, bad as never)).toThrow(/'retrieve' must be a Uint32Array/);
    }
    expect(() => a.lookup(cursor as never, 'primary', 'key' as never, 1)).toThrow(/'keys' must be a Buffer|'key' must be a Buffer/);
    expect(a.pending).toBe(0);
    // Any view of bytes is read as a Buffer is (Node's Buffer::HasInstance).
    await a.insert(cursor as never, new Uint8Array(row) as Buffer, new Uint32Array(0));
    expect(await a.count(cursor as never, 'primary', null, null)).toBe(1);
    await a.end();
  });

  it('refuses counts that the buffer cannot hold instead of allocating them', async () => {
    const { a, cursor } = await twoSessions();
    const ffff = [0xff, 0xff, 0xff, 0xff];
    // rows := 2^32-1 rows in 4 bytes.
    expect(() => a.insert(cursor as never, Buffer.from(ffff), new Uint32Array(0))).toThrow(RangeError);
    // One row of 2^32-1 entries.
    expect(() => a.insert(cursor as never, Buffer.from([1, 0, 0, 0, ...ffff]), new Uint32Array(0))).toThrow(
      /truncated/,
    );
    // One entry of 2^32-1 values.
    const values = Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, ...ffff]);
    expect(() => a.insert(cursor as never, values, new Uint32Array(0))).toThrow(/truncated/);
    expect(() => a.update(cursor as never, 'primary', Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]), values.subarray(4))).toThrow(
      /truncated/,
    );
    // 2^32-1 keys in no bytes, and a key of 2^32-1 parts.
    expect(() => a.lookup(cursor as never, 'primary', Buffer.alloc(0), 0xffffffff)).toThrow(/truncated/);
    expect(() => a.lookup(cursor as never, 'primary', Buffer.from([...ffff, 0, 0, 0, 0]), 1)).toThrow(/1 to 16 parts/);
    expect(() =>
      a.count(cursor as never, 'primary', { key: Buffer.from(ffff), inclusive: true, prefix: false }, null),
    ).toThrow(/1 to 16 parts/);
    expect(a.pending).toBe(0);
    expect(await a.count(cursor as never, 'primary', null, null)).toBe(0);
    await a.end();
  });
});

describe('Workers', () => {
  it('a Worker that ends with calls queued, or with Instance.create on the pool, leaves the process running', () => {
    const fixture = fileURLToPath(new URL('./fixtures/worker-exit-queued.mjs', import.meta.url));
    // Removed here, after the process: its ended Workers' instances hold their files open
    // until it exits, and Windows does not delete an open file.
    const root = tempDir();
    try {
      const run = spawnSync(process.execPath, [fixture, root], { encoding: 'utf8', timeout: 60_000 });
      expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
      });
      expect(run.stdout.trim()).toBe('done');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('results coming back', () => {
  // The event loop polls for results while calls are short and sleeps until woken while they
  // are long (native/addon/completions.h); every mix of the two must settle every call, and
  // the loop must still end by itself once nothing is outstanding, on the main thread and in
  // a Worker. A lost wake-up hangs the process; a poll that never stops keeps it running.
  it.each([
    ['polling (the default)', []],
    ['configure({ resultPolling: false })', ['no-polling']],
  ])('%s: short calls after long ones, and a result that arrives while JavaScript is busy, all settle; the process then ends by itself', (_, mode) => {
    const fixture = fileURLToPath(new URL('./fixtures/short-and-long-calls.mjs', import.meta.url));
    const root = tempDir();
    try {
      const run = spawnSync(process.execPath, [fixture, root, ...mode], { encoding: 'utf8', timeout: 120_000 });
      expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
      });
      const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const expected = { afterLong: 1000, serial: 2000, busy: 'row 8', count: 15000 };
      expect(lines).toEqual([
        { thread: 'main', ...expected },
        { thread: 'worker', ...expected },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('process exit', () => {
  // exit() runs the destructors of a library's static objects while engine threads may still
  // be inside a call: the emulator must own none that a call can reach. Static objects with
  // destructors are registered with __cxa_atexit when the library loads, so the library must
  // not import it at all. (On Windows, ExitProcess stops every other thread first.)
  const emulatorOnLinux = process.platform === 'linux' && loadEngine().isEmulator;
  it.runIf(emulatorOnLinux)('the emulator library registers no destructor to run at exit', () => {
    const run = spawnSync('nm', ['-D', '--undefined-only', loadEngine().path], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\bpthread|\bmemcpy|\bmalloc|_Znwm/); // the listing is real
    expect(run.stdout).not.toMatch(/__cxa_atexit/);
  });

  it.each(['exit-queued', 'exit-running', 'idle', 'worker-idle'])(
    '%s: the process ends by itself or at process.exit, with calls queued, running or settled, without a crash',
    (mode) => {
      const fixture = fileURLToPath(new URL('./fixtures/process-exit-queued.mjs', import.meta.url));
      const dir = tempDir();
      const run = spawnSync(process.execPath, [fixture, mode, dir], { encoding: 'utf8', timeout: 60_000 });
      rmSync(dir, { recursive: true, force: true });
      expect({ status: run.status, signal: run.signal, stderr: run.stderr, stdout: run.stdout.trim() }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
        stdout: 'done',
      });
    },
  );
});
