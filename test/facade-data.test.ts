import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';

import {
  EsentError,
  EsentKeyDuplicateError,
  EsentObjectNotFoundError,
  EsentRecordTooBigError,
  EsentTransReadOnlyError,
  EsentWriteConflictError,
} from '../lib/index.js';
import { type Database, SchemaMismatchError } from '../lib/database.js';
import type { InsertOf, KeyOf, RowOf, UpdateOf } from '../lib/schema.js';
import type { Table } from '../lib/table.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

const ordersSchema = {
  columns: {
    id: { type: 'long', autoIncrement: true },
    customer: { type: 'text', maxLength: 100, notNull: true },
    total: { type: 'currency' },
    tags: { type: 'text', multiValued: true },
    created: { type: 'dateTime' },
    blob: { type: 'longBinary' },
    status: { type: 'short', notNull: true, default: 1 },
  },
  indexes: {
    primary: { key: ['+id'], primary: true },
    byCustomer: { key: ['+customer', '-created'] },
  },
} as const;

async function openDatabase(options: { maxSessions?: number } = {}) {
  const path = tempDir();
  const instance = await pool.open({ path, maxSessions: options.maxSessions ?? 16 });
  const session = instance.beginSession();
  const file = join(path, 'data.edb');
  const database = await session.createDatabase(file);
  return { path, file, instance, session, database };
}

/** Every row of a table through find(), in primary-index order. */
async function all<S extends Parameters<Database['createTable']>[1]>(table: Table<S>): Promise<RowOf<S>[]> {
  const rows: RowOf<S>[] = [];
  for await (const row of table.find()) rows.push(row);
  return rows;
}

describe('schema types', () => {
  it('infers rows, inserts, updates and keys from the schema object', () => {
    type Row = RowOf<typeof ordersSchema>;
    expectTypeOf<Row>().toEqualTypeOf<{
      id: number;
      customer: string;
      total: bigint | null;
      tags: string[];
      created: Date | null;
      blob: Buffer | null;
      status: number;
    }>();
    type Insert = InsertOf<typeof ordersSchema>;
    expectTypeOf<{ customer: string }>().toMatchTypeOf<Insert>();
    expectTypeOf<{ total: bigint }>().not.toMatchTypeOf<Insert>();
    expectTypeOf<{ customer: string; id: number }>().not.toMatchTypeOf<Insert>();
    expectTypeOf<{ tags: string[] }>().toMatchTypeOf<UpdateOf<typeof ordersSchema>>();
    expectTypeOf<{ id: number }>().not.toMatchTypeOf<UpdateOf<typeof ordersSchema>>();
    expectTypeOf<KeyOf<typeof ordersSchema, 'primary'>>().toEqualTypeOf<number | readonly [number]>();
    expectTypeOf<KeyOf<typeof ordersSchema, 'byCustomer'>>().toEqualTypeOf<readonly [string, Date | null]>();
    // Checked by `npm run typecheck`; never called.
    const compileOnly = (t: Table<typeof ordersSchema>) => {
      // @ts-expect-error customer is required
      void t.insert({ total: 1n });
      // @ts-expect-error the engine assigns id
      void t.insert({ customer: 'a', id: 3 });
      // @ts-expect-error total is a bigint
      void t.insert({ customer: 'a', total: 1 });
      // @ts-expect-error byCustomer takes [customer, created]
      void t.get(1, { index: 'byCustomer' });
      // @ts-expect-error no such index
      void t.get(1, { index: 'byTotal' });
      void t.get(['a', null], { index: 'byCustomer' });
      void t.find({ index: 'byCustomer', from: 'a', to: ['a', new Date()] });
      void t.update(1, { tags: ['x'], total: null });
    };
    expect(typeof compileOnly).toBe('function');
  });
});

describe('databases and tables', () => {
  it('creates a table from a schema, inserts and reads a row back', async () => {
    const { database } = await openDatabase();
    const orders = await database.createTable('orders', ordersSchema);
    expect(orders.name).toBe('orders');
    expect(orders.columns).toEqual(['id', 'customer', 'total', 'tags', 'created', 'blob', 'status']);

    const created = new Date('2024-05-06T07:08:09.123Z');
    const stored = await orders.insert({ customer: 'Ada', total: 12_3400n, tags: ['a', 'b'], created });
    expect(stored.id).toEqual(expect.any(Number));
    expect(stored).toEqual({
      id: stored.id,
      customer: 'Ada',
      total: 12_3400n,
      tags: ['a', 'b'],
      created,
      blob: null,
      status: 1, // the default
    });
    expect(await orders.get(stored.id)).toEqual(stored);
    expect(await orders.get([stored.id])).toEqual(stored);
    expect(await orders.get(stored.id + 1000)).toBeUndefined();

    const second = await orders.insert({ customer: 'Bob' });
    expect(second.id).toBeGreaterThan(stored.id);
    expect(await orders.count()).toBe(2);
  });

  it('opens an existing table by name and checks the stored types against the schema', async () => {
    const { session, database } = await openDatabase();
    const first = await database.createTable('orders', ordersSchema);
    await first.insert({ customer: 'Ada' });
    await first.close();
    expect(first.closed).toBe(true);

    const again = await database.openTable('orders', ordersSchema);
    expect((await all(again)).map((row) => row.customer)).toEqual(['Ada']);

    await expect(database.openTable('missing', ordersSchema)).rejects.toBeInstanceOf(EsentObjectNotFoundError);

    const extraColumn = { columns: { ...ordersSchema.columns, nope: { type: 'long' } as const }, indexes: ordersSchema.indexes };
    const missingColumn = database.openTable('orders', extraColumn);
    await expect(missingColumn).rejects.toBeInstanceOf(SchemaMismatchError);
    await expect(missingColumn).rejects.toThrow(/column 'nope' is missing/);

    const wrongType = { columns: { ...ordersSchema.columns, total: { type: 'longLong' } as const }, indexes: ordersSchema.indexes };
    await expect(database.openTable('orders', wrongType)).rejects.toThrow(/column 'total' is currency, not longLong/);

    const wrongIndex = { columns: ordersSchema.columns, indexes: { ...ordersSchema.indexes, byTotal: { key: ['+total'] } } };
    await expect(database.openTable('orders', wrongIndex)).rejects.toThrow(/index 'byTotal' is missing/);

    // The refused opens left no cursors behind: the session still ends cleanly.
    await session.end();
  });

  it('refuses a second table of the same name, and bad schemas before the engine', async () => {
    const { session, database } = await openDatabase();
    await database.createTable('t', { columns: { a: { type: 'long' } } });
    await expect(database.createTable('t', { columns: { a: { type: 'long' } } })).rejects.toBeInstanceOf(EsentError);
    const bad = (schema: unknown) => database.createTable('u', schema as { columns: {} });
    await expect(bad({ columns: {} })).rejects.toThrow(TypeError);
    await expect(bad({ columns: { a: { type: 'integer' } } })).rejects.toThrow(/unknown type "integer"/);
    await expect(bad({ columns: { a: { type: 'text', maxLength: 200 } } })).rejects.toThrow(/at most 255 bytes/);
    await expect(bad({ columns: { a: { type: 'text', autoIncrement: true } } })).rejects.toThrow(/autoIncrement/);
    await expect(bad({ columns: { a: { type: 'long' } }, indexes: { i: { key: ['+b'] } } })).rejects.toThrow(
      /unknown column 'b'/,
    );
    await expect(
      bad({ columns: { a: { type: 'long' } }, indexes: { i: { key: ['+a'], primary: true }, j: { key: ['-a'], primary: true } } }),
    ).rejects.toThrow(/two primary indexes/);
    await expect(bad({ columns: { a: { type: 'long', default: 'x' } } })).rejects.toThrow(/bad default/);
    expect(session.pending).toBe(0);
  });

  it('closes, detaches and re-attaches a database', async () => {
    const { session, database, file } = await openDatabase();
    const table = await database.createTable('t', { columns: { k: { type: 'long' } }, indexes: { pk: { key: ['+k'], primary: true } } });
    await table.insert({ k: 7 });
    expect(database.openTables).toBe(1);
    await database.detach();
    expect(database.closed).toBe(true);
    expect(table.closed).toBe(true);
    await expect(table.get(7)).rejects.toMatchObject({ code: 'ERR_ESENT_TABLE_CLOSED' });

    const again = await session.attachDatabase(file);
    const reopened = await again.openTable('t', { columns: { k: { type: 'long' } }, indexes: { pk: { key: ['+k'], primary: true } } });
    expect(await reopened.get(7)).toEqual({ k: 7 });
    await again.close();
    const opened = await session.openDatabase(file);
    expect(opened.dbid).toEqual(expect.any(Number));
    await opened.close();
  });
});

describe('values', () => {
  const everyType = {
    columns: {
      id: { type: 'long', notNull: true },
      bit: { type: 'bit' },
      ubyte: { type: 'unsignedByte' },
      short: { type: 'short' },
      ushort: { type: 'unsignedShort' },
      long: { type: 'long' },
      ulong: { type: 'unsignedLong' },
      longLong: { type: 'longLong' },
      ulongLong: { type: 'unsignedLongLong' },
      currency: { type: 'currency' },
      single: { type: 'ieeeSingle' },
      double: { type: 'ieeeDouble' },
      date: { type: 'dateTime' },
      guid: { type: 'guid' },
      binary: { type: 'binary', maxLength: 255 },
      text: { type: 'text', maxLength: 127 },
      ascii: { type: 'text', codePage: 'ascii', maxLength: 200 },
      longBinary: { type: 'longBinary' },
      longText: { type: 'longText' },
      fixedLong: { type: 'long', storage: 'fixed' },
      taggedText: { type: 'text', storage: 'tagged' },
      variableBinary: { type: 'binary', storage: 'variable' },
      shorts: { type: 'short', multiValued: true },
      dates: { type: 'dateTime', multiValued: true },
    },
    indexes: { pk: { key: ['+id'], primary: true } },
  } as const;

  it('round-trips every column type, at its limits', async () => {
    const { database } = await openDatabase();
    const table = await database.createTable('every', everyType);
    const bigBlob = Buffer.alloc(300_000);
    for (let i = 0; i < bigBlob.length; i++) bigBlob[i] = (i * 7) & 0xff;
    const rows: InsertOf<typeof everyType>[] = [
      {
        id: 1,
        bit: true,
        ubyte: 255,
        short: -32768,
        ushort: 65535,
        long: -2147483648,
        ulong: 4294967295,
        longLong: -(2n ** 63n),
        ulongLong: 2n ** 64n - 1n,
        currency: -922337203685477n,
        single: 1.5,
        double: Math.PI,
        date: new Date('1899-12-29T06:00:00.000Z'),
        guid: '00112233-4455-6677-8899-aabbccddeeff',
        binary: Buffer.alloc(255, 0xab),
        text: 'é'.repeat(127),
        ascii: 'plain ASCII and Latin-1: café',
        longBinary: bigBlob,
        longText: 'long text 😀 '.repeat(20_000),
        fixedLong: 42,
        taggedText: '',
        variableBinary: Buffer.alloc(0),
        shorts: [3, -1, 3],
        dates: [new Date('2000-01-01T00:00:00Z'), new Date('9999-12-31T23:59:59.999Z')],
      },
      {
        id: 2,
        bit: false,
        ubyte: 0,
        short: 32767,
        ushort: 0,
        long: 2147483647,
        ulong: 0,
        longLong: 2n ** 63n - 1n,
        ulongLong: 0n,
        currency: 0n,
        single: -0.25,
        double: -1e308,
        date: new Date('2024-02-29T23:59:59.999Z'),
        guid: 'FFFFFFFF-0000-0000-0000-000000000001',
        binary: Buffer.from([0]),
        text: 'Grüße, 世界',
        ascii: '',
        longBinary: Buffer.alloc(0),
        longText: '',
        fixedLong: -1,
        taggedText: 't',
        variableBinary: Buffer.from([1, 2, 3]),
        shorts: [],
        dates: [],
      },
      { id: 3 },
    ];
    await table.insertMany(rows);
    const one = await table.get(1);
    expect(one).toEqual({ ...rows[0], binary: Buffer.alloc(255, 0xab) });
    const two = await table.get(2);
    expect(two).toEqual({ ...rows[1], guid: 'ffffffff-0000-0000-0000-000000000001' });
    const three = await table.get(3);
    expect(three).toEqual({
      id: 3,
      bit: null,
      ubyte: null,
      short: null,
      ushort: null,
      long: null,
      ulong: null,
      longLong: null,
      ulongLong: null,
      currency: null,
      single: null,
      double: null,
      date: null,
      guid: null,
      binary: null,
      text: null,
      ascii: null,
      longBinary: null,
      longText: null,
      fixedLong: null,
      taggedText: null,
      variableBinary: null,
      shorts: [],
      dates: [],
    });
    // Zero-length values are values, not null.
    expect(two!.ascii).toBe('');
    expect(two!.longBinary).toEqual(Buffer.alloc(0));
  });

  it('resolves insert with the row exactly as get reads it back, whatever form the values took', async () => {
    const { database } = await openDatabase();
    const table = await database.createTable('forms', everyType);
    const inserted = await table.insertMany([
      {
        id: 1,
        // Numbers for 64-bit columns (taken at run time, typed as bigint) come back as bigints.
        longLong: -5 as unknown as bigint,
        ulongLong: (2 ** 53 - 1) as unknown as bigint,
        currency: 12345 as unknown as bigint,
        single: 0.1, // stored as the nearest 32-bit float
        double: -0,
        binary: new Uint8Array([1, 2, 3]), // any Uint8Array comes back as a Buffer of its own
        text: 'lone \ud800 surrogate',
        ascii: 'Windows-1252: \u20ac',
        guid: '{AABBCCDD-EEFF-0011-2233-445566778899}',
        date: new Date('2020-05-06T07:08:09.010Z'),
        shorts: [1, -2],
      },
      { id: 2, text: '', binary: Buffer.alloc(0), bit: false, ubyte: 0 },
    ]);
    expect(inserted[0]!.single).toBe(Math.fround(0.1));
    expect(inserted[0]!.longLong).toBe(-5n);
    expect(Buffer.isBuffer(inserted[0]!.binary)).toBe(true);
    expect(inserted[0]!.guid).toBe('aabbccdd-eeff-0011-2233-445566778899');
    expect(await table.getMany([1, 2])).toEqual(inserted);
  });

  it('encodes a call correctly when encoding another call runs in the middle of it', async () => {
    const { database } = await openDatabase();
    const table = await database.createTable('nested', everyType);
    let inner: Promise<unknown> | undefined;
    const row = {
      id: 1,
      long: 7,
      get text() {
        // A getter that queues a call of its own while the outer row is being encoded.
        inner ??= table.insert({ id: 2, text: 'inner', long: 8 });
        return 'outer';
      },
    };
    await table.insert(row);
    await inner;
    expect(await table.get(1)).toMatchObject({ id: 1, long: 7, text: 'outer' });
    expect(await table.get(2)).toMatchObject({ id: 2, long: 8, text: 'inner' });
  });

  it('sets columns to null and replaces multi-valued columns in update', async () => {
    const { database } = await openDatabase();
    const orders = await database.createTable('orders', ordersSchema);
    const { id } = await orders.insert({ customer: 'Ada', total: 5n, tags: ['x', 'y', 'z'], blob: Buffer.from('hi') });
    expect(await orders.update(id, { total: null, blob: null })).toBe(true);
    expect(await orders.get(id)).toMatchObject({ total: null, blob: null, tags: ['x', 'y', 'z'] });
    for (const tags of [['one'], ['p', 'q', 'r', 's', 't'], [], ['last', 'last']]) {
      expect(await orders.update(id, { tags })).toBe(true);
      expect((await orders.get(id))!.tags).toEqual(tags);
    }
    expect(await orders.update(id + 99, { total: 1n })).toBe(false);
    expect(await orders.delete(id)).toBe(true);
    expect(await orders.delete(id)).toBe(false);
    expect(await orders.get(id)).toBeUndefined();
  });

  it('rejects wrongly typed and out-of-range values before anything reaches the engine', async () => {
    const { session, database } = await openDatabase();
    const orders = await database.createTable('orders', ordersSchema);
    const every = await database.createTable('every', everyType);
    await orders.insert({ customer: 'Ada' });

    const cases: Array<[() => Promise<unknown>, ErrorConstructor | RangeErrorConstructor, RegExp]> = [
      [() => orders.insert({} as never), TypeError, /orders\.customer \(text\): a value is required/],
      [() => orders.insert({ customer: null } as never), TypeError, /orders\.customer \(text\).*not null/],
      [() => orders.insert({ customer: 42 } as never), TypeError, /orders\.customer \(text\).*string/],
      [() => orders.insert({ customer: 'x'.repeat(101) }), RangeError, /orders\.customer \(text\).*maxLength of 100/],
      [() => orders.insert({ customer: 'a', total: 'x' } as never), TypeError, /orders\.total \(currency\)/],
      [() => orders.insert({ customer: 'a', id: 5 } as never), TypeError, /orders\.id \(long\).*autoincrement/],
      [() => orders.insert({ customer: 'a', nope: 1 } as never), TypeError, /orders.*no column 'nope'/],
      [() => orders.insert({ customer: 'a', tags: 'x' } as never), TypeError, /orders\.tags \(text\).*array/],
      [() => orders.insert({ customer: 'a', tags: ['ok', null] } as never), TypeError, /orders\.tags/],
      [() => orders.insert({ customer: 'a', created: new Date(NaN) }), RangeError, /orders\.created \(dateTime\)/],
      [() => orders.insert({ customer: 'a', created: '2024-01-01' } as never), TypeError, /orders\.created/],
      [() => orders.update(1, { status: 40000 }), RangeError, /orders\.status \(short\)/],
      [() => orders.update(1, { customer: null } as never), TypeError, /orders\.customer/],
      [() => orders.get('1' as never), TypeError, /orders\.id \(long\)/],
      [() => orders.get([1, 2] as never), TypeError, /index 'primary' has 1 key column/],
      [() => orders.get('Ada' as never, { index: 'byCustomer' as never }), TypeError, /has 2 key columns/],
      [() => orders.get(1, { index: 'nope' as never }), TypeError, /no index 'nope'/],
      [() => every.insert({ id: 1, ubyte: 256 }), RangeError, /every\.ubyte \(unsignedByte\)/],
      [() => every.insert({ id: 1, long: 2 ** 31 }), RangeError, /every\.long \(long\)/],
      [() => every.insert({ id: 1, long: 1.5 }), RangeError, /every\.long \(long\)/],
      [() => every.insert({ id: 1, ulongLong: -1n }), RangeError, /every\.ulongLong \(unsignedLongLong\)/],
      [() => every.insert({ id: 1, single: 1e39 }), RangeError, /every\.single \(ieeeSingle\)/],
      [() => every.insert({ id: 1, guid: 'not-a-guid' }), RangeError, /every\.guid \(guid\)/],
      [() => every.insert({ id: 1, bit: 1 } as never), TypeError, /every\.bit \(bit\)/],
      [() => every.insert({ id: 1, binary: 'x' } as never), TypeError, /every\.binary \(binary\)/],
      [() => every.insert({ id: 1, ascii: 'Ω' }), RangeError, /every\.ascii \(text\)/],
      [() => every.insert({ id: 1, shorts: [1, 70000] }), RangeError, /every\.shorts \(short\)/],
      [() => every.insertMany([{ id: 5 }, { id: 6, short: 'x' } as never]), TypeError, /every\.short/],
    ];
    for (const [call, kind, message] of cases) {
      const promise = call();
      // Nothing was queued on the session: the fault was found on the JavaScript side.
      expect({ case: String(message), pending: session.pending }).toEqual({ case: String(message), pending: 0 });
      await expect(promise).rejects.toThrow(kind);
      await expect(promise).rejects.toThrow(message);
    }
    // insertMany refused as a whole: row 5 is not there either.
    expect(await every.get(5)).toBeUndefined();
    expect(await orders.count()).toBe(1);
  });
});

describe('column names', () => {
  it.each([
    ['as compiled readers', []],
    ['where code from strings is forbidden', ['--disallow-code-generation-from-strings']],
  ])('reads and writes columns named as inherited properties, quotes or numbers, %s', (_, flags) => {
    const fixture = fileURLToPath(new URL('./fixtures/odd-column-names.mjs', import.meta.url));
    const root = tempDir();
    try {
      const run = spawnSync(process.execPath, [...flags, fixture, root], { encoding: 'utf8', timeout: 120_000 });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      const [proto, quoted] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { get: unknown[]; find: unknown[] });
      const protoKeys = ['id', '__proto__', 'constructor', 'toString'];
      const protoRows = [
        { plain: true, keys: protoKeys, values: [1, 5, 'd', [1, 2]] },
        // Absent from the row inserted: null, not Object.prototype or Object.
        { plain: true, keys: protoKeys, values: [2, null, null, []] },
      ];
      expect(proto).toEqual({ table: 'proto', get: protoRows, find: protoRows });
      const quotedKeys = ['7', 'id', 'a"b\\c\'d', 'caf\u00e9 `x`', '${x}'];
      const quotedRows = [
        { plain: true, keys: quotedKeys, values: ['seven', 1, '9n', [1, 2], 0.5] },
        { plain: true, keys: quotedKeys, values: [null, 2, null, null, null] },
      ];
      expect(quoted).toEqual({ table: 'quoted', get: quotedRows, find: quotedRows });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('keys and indexes', () => {
  it('reports duplicate keys as EsentKeyDuplicateError, and insertMany is all or nothing', async () => {
    const { database } = await openDatabase();
    const people = await database.createTable('people', {
      columns: { id: { type: 'long', notNull: true }, email: { type: 'text', notNull: true } },
      indexes: { pk: { key: ['+id'], primary: true }, byEmail: { key: ['+email'], unique: true } },
    });
    await people.insert({ id: 1, email: 'ada@example.com' });
    await expect(people.insert({ id: 1, email: 'other@example.com' })).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    // Unique secondary index, compared case-insensitively by default.
    const dup = people.insert({ id: 2, email: 'ADA@example.com' });
    await expect(dup).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    await expect(dup).rejects.toThrow(/table 'people'/);
    await expect(
      people.insertMany([
        { id: 3, email: 'c@example.com' },
        { id: 4, email: 'd@example.com' },
        { id: 3, email: 'e@example.com' },
      ]),
    ).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    expect(await people.getMany([3, 4])).toEqual([undefined, undefined]);
    expect(await people.count()).toBe(1);
    expect(await people.get('ADA@EXAMPLE.COM', { index: 'byEmail' })).toEqual({ id: 1, email: 'ada@example.com' });
  });

  it('refuses a row wider than a page with EsentRecordTooBigError, in insert, insertMany and update, and keeps the table as it was', async () => {
    const { database } = await openDatabase();
    // Sixteen binary columns of up to 255 bytes: fourteen full ones fit a 4 KiB page, fifteen do not.
    const bin = { type: 'binary', maxLength: 255 } as const;
    const columns = { c0: bin, c1: bin, c2: bin, c3: bin, c4: bin, c5: bin, c6: bin, c7: bin, c8: bin, c9: bin };
    const more = { c10: bin, c11: bin, c12: bin, c13: bin, c14: bin, c15: bin };
    const wide = await database.createTable('wide', {
      columns: { id: { type: 'long', notNull: true }, ...columns, ...more, notes: { type: 'longBinary' } },
      indexes: { pk: { key: ['+id'], primary: true } },
    });
    const full = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, Buffer.alloc(255, i)])) as Partial<Record<`c${number}`, Buffer>>;
    await wide.insert({ id: 1, ...full(14) });
    const tooWide = wide.insert({ id: 2, ...full(15) });
    await expect(tooWide).rejects.toBeInstanceOf(EsentRecordTooBigError);
    await expect(tooWide).rejects.toMatchObject({ code: 'JET_errRecordTooBig' });
    await expect(wide.insertMany([{ id: 3 }, { id: 4, ...full(16) }])).rejects.toBeInstanceOf(EsentRecordTooBigError);
    await expect(wide.update(1, { c14: Buffer.alloc(255) })).rejects.toBeInstanceOf(EsentRecordTooBigError);
    expect(await wide.count()).toBe(1);
    expect((await wide.get(1))!.c14).toBeNull();
    // Long values leave the row for their own tree: a large one still fits beside fourteen full columns.
    await wide.update(1, { notes: Buffer.alloc(100_000, 7) });
    expect((await wide.get(1))!.notes!.length).toBe(100_000);
    await wide.insert({ id: 5, ...full(14), notes: Buffer.alloc(5000) });
    expect(await wide.count()).toBe(2);
  });

  it('compares text case-sensitively only when asked', async () => {
    const { database } = await openDatabase();
    const words = await database.createTable('words', {
      columns: { w: { type: 'text', notNull: true }, n: { type: 'long' } },
      indexes: {
        exact: { key: ['+w'], unique: true, caseSensitive: true },
        folded: { key: ['+w', '+n'] },
      },
    });
    await words.insertMany([
      { w: 'Bob', n: 1 },
      { w: 'bob', n: 2 },
    ]);
    expect((await words.get('bob', { index: 'exact' }))?.n).toBe(2);
    expect((await words.get('Bob', { index: 'exact' }))?.n).toBe(1);
    expect(await words.get('BOB', { index: 'exact' })).toBeUndefined();
    const folded = [];
    for await (const row of words.find({ index: 'folded', from: 'BOB', to: 'BOB' })) folded.push(row.n);
    expect(folded).toEqual([1, 2]);
  });

  it('finds ranges forward and in reverse, with exclusive bounds, limits and pages', async () => {
    const { database } = await openDatabase();
    const items = await database.createTable('items', {
      columns: {
        id: { type: 'long', notNull: true },
        category: { type: 'text', maxLength: 20, notNull: true },
        score: { type: 'long', notNull: true },
      },
      indexes: {
        pk: { key: ['+id'], primary: true },
        byCategory: { key: ['+category', '-score'] },
      },
    });
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, category: 'abc'[i % 3]!, score: (i * 7) % 11 }));
    await items.insertMany(rows);

    const ids = async (options: Parameters<typeof items.find>[0]) => {
      const out: number[] = [];
      for await (const row of items.find(options)) out.push(row.id);
      return out;
    };
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

    expect(await ids({})).toEqual(range(1, 30));
    expect(await ids({ pageSize: 4 })).toEqual(range(1, 30));
    expect(await ids({ from: 5, to: 9 })).toEqual(range(5, 9));
    expect(await ids({ from: 5, to: 9, fromExclusive: true, toExclusive: true })).toEqual(range(6, 8));
    expect(await ids({ from: 5, to: 9, reverse: true })).toEqual(range(5, 9).reverse());
    expect(await ids({ from: 5, to: 9, reverse: true, fromExclusive: true, toExclusive: true })).toEqual([8, 7, 6]);
    expect(await ids({ from: 28 })).toEqual([28, 29, 30]);
    expect(await ids({ to: 3, pageSize: 1 })).toEqual([1, 2, 3]);
    expect(await ids({ reverse: true, limit: 4 })).toEqual([30, 29, 28, 27]);
    expect(await ids({ limit: 7, pageSize: 3 })).toEqual(range(1, 7));
    expect(await ids({ from: 10, to: 5 })).toEqual([]);
    expect(await ids({ from: 31 })).toEqual([]);
    expect(() => items.find({ from: 0.5 as never })).toThrow(RangeError);

    // A prefix bound on a two-column index: every key that starts with it.
    const expectedB = rows
      .filter((row) => row.category === 'b')
      .sort((x, y) => y.score - x.score || x.id - y.id)
      .map((row) => row.id);
    const b = await ids({ index: 'byCategory', from: 'b', to: 'b' });
    expect(b.map((id) => rows[id - 1]!.category)).toEqual(expectedB.map(() => 'b'));
    expect(b.map((id) => rows[id - 1]!.score)).toEqual(expectedB.map((id) => rows[id - 1]!.score));
    const bReverse = await ids({ index: 'byCategory', from: ['b'], to: ['b'], reverse: true });
    expect(bReverse.map((id) => rows[id - 1]!.score)).toEqual([...b].reverse().map((id) => rows[id - 1]!.score));
    // Exclusive prefix bounds leave out the whole prefix.
    const afterA = await ids({ index: 'byCategory', from: 'a', fromExclusive: true });
    expect(new Set(afterA.map((id) => rows[id - 1]!.category))).toEqual(new Set(['b', 'c']));
    const beforeC = await ids({ index: 'byCategory', to: 'c', toExclusive: true, reverse: true });
    expect(new Set(beforeC.map((id) => rows[id - 1]!.category))).toEqual(new Set(['a', 'b']));
    // Full keys on the descending column: scores from 8 down to 3 in category c.
    const c = await ids({ index: 'byCategory', from: ['c', 8], to: ['c', 3] });
    const cScores = c.map((id) => rows[id - 1]!.score);
    expect(cScores).toEqual([...cScores].sort((x, y) => y - x));
    expect(cScores.every((s) => s <= 8 && s >= 3)).toBe(true);
    expect(c.length).toBe(rows.filter((r) => r.category === 'c' && r.score <= 8 && r.score >= 3).length);

    expect(await items.count()).toBe(30);
    expect(await items.count({ from: 11, to: 20 })).toBe(10);
    expect(await items.count({ index: 'byCategory', from: 'a', to: 'a' })).toBe(10);
    expect(await items.count({ from: 11, to: 20, fromExclusive: true })).toBe(9);

    // Breaking out closes the scan's cursor; the table keeps working.
    for await (const row of items.find({ pageSize: 2 })) {
      if (row.id === 3) break;
    }
    expect(await items.get(3)).toMatchObject({ id: 3 });
    // Other calls on the table may run between pages.
    const seen: number[] = [];
    for await (const row of items.find({ pageSize: 5, limit: 12 })) {
      seen.push(row.id);
      await items.get(30 - row.id);
    }
    expect(seen).toEqual(range(1, 12));

    expect(() => items.find({ limit: 0 })).toThrow(RangeError);
    expect(() => items.find({ index: 'nope' as never })).toThrow(/no index 'nope'/);
  });

  it('walks a table without a primary index in insertion order, and needs { index } for keys', async () => {
    const { database } = await openDatabase();
    const events = await database.createTable('events', {
      columns: { name: { type: 'text', notNull: true }, at: { type: 'longLong' } },
      indexes: { byName: { key: ['+name'] } },
    });
    await events.insertMany([{ name: 'zeta' }, { name: 'alpha', at: 2n }, { name: 'mid' }]);
    const order: string[] = [];
    for await (const row of events.find()) order.push(row.name);
    expect(order).toEqual(['zeta', 'alpha', 'mid']);
    const sorted: string[] = [];
    for await (const row of events.find({ index: 'byName' })) sorted.push(row.name);
    expect(sorted).toEqual(['alpha', 'mid', 'zeta']);
    await expect(events.get('alpha' as never)).rejects.toThrow(/no primary index; pass \{ index \}/);
    expect(await events.get('alpha', { index: 'byName' })).toEqual({ name: 'alpha', at: 2n });
    expect(await events.count()).toBe(3);
  });

  it('batches reads: getMany answers many keys in one call', async () => {
    const { database } = await openDatabase();
    const table = await database.createTable('kv', {
      columns: { k: { type: 'longLong', notNull: true }, v: { type: 'longText' } },
      indexes: { pk: { key: ['+k'], primary: true } },
    });
    const inserted = await table.insertMany(Array.from({ length: 500 }, (_, i) => ({ k: BigInt(i), v: `v${i}` })));
    expect(inserted).toHaveLength(500);
    expect(inserted[499]).toEqual({ k: 499n, v: 'v499' });
    expect(await table.count()).toBe(500);
    const keys = [0n, 1000n, 250n, -1n, 499n];
    expect(await table.getMany(keys)).toEqual([{ k: 0n, v: 'v0' }, undefined, { k: 250n, v: 'v250' }, undefined, { k: 499n, v: 'v499' }]);
    expect(await table.getMany([])).toEqual([]);
    expect(await table.insertMany([])).toEqual([]);
    // Many keys: every answer in its key's place; a bad key anywhere refuses the whole call
    // before anything is queued.
    for (const count of [63, 64, 65, 150, 1000]) {
      const many = Array.from({ length: count }, (_, i) => BigInt((i * 7) % 600) - 50n);
      const expected = many.map((k) => (k >= 0n && k < 500n ? { k, v: `v${k}` } : undefined));
      expect(await table.getMany(many), `${count} keys`).toEqual(expected);
    }
    const bad = Array.from({ length: 150 }, (_, i) => (i === 120 ? ('x' as never) : BigInt(i)));
    const refused = table.getMany(bad);
    expect(database.session.pending).toBe(0);
    await expect(refused).rejects.toThrow(TypeError);
  });

  it('finds every record by key while records come and go in any order', async () => {
    // The engine forgets a deleted record once no transaction can read it: exact lookups
    // must still find every record around the ones forgotten, in whatever order they went.
    const { database } = await openDatabase();
    const table = await database.createTable('churn', {
      columns: { k: { type: 'long', notNull: true }, v: { type: 'long' } },
      indexes: { pk: { key: ['+k'], primary: true } },
    });
    const count = 3000;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const present = new Set<number>();
    const ids = Array.from({ length: count }, (_, i) => i * 3);
    await table.insertMany(ids.map((k) => ({ k, v: k })));
    for (const k of ids) present.add(k);
    for (let round = 0; round < 4; round++) {
      const shuffled = [...present].sort(() => random() - 0.5);
      for (const k of shuffled.slice(0, shuffled.length / 3)) {
        await table.delete(k);
        present.delete(k);
      }
      const back = ids.filter((k) => !present.has(k) && random() < 0.4);
      await table.insertMany(back.map((k) => ({ k, v: k + round })));
      for (const k of back) present.add(k);
      const probe = [...ids, ...ids.map((k) => k + 1)];
      const rows = await table.getMany(probe);
      const wrong = probe.filter((k, i) => (rows[i] !== undefined) !== present.has(k) || (rows[i] !== undefined && rows[i]!.k !== k));
      expect(wrong, `round ${round}`).toEqual([]);
      expect(await table.count()).toBe(present.size);
    }
  });
});

describe('transactions', () => {
  const counterSchema = {
    columns: { id: { type: 'long', notNull: true }, n: { type: 'long', notNull: true } },
    indexes: { pk: { key: ['+id'], primary: true } },
  } as const;

  async function twoSessions() {
    const setup = await openDatabase();
    const table = await setup.database.createTable('counters', counterSchema);
    await table.insertMany([
      { id: 1, n: 0 },
      { id: 2, n: 0 },
    ]);
    const other = setup.instance.beginSession();
    const otherDb = await other.openDatabase(setup.file);
    const otherTable = await otherDb.openTable('counters', counterSchema);
    return { ...setup, table, other, otherTable };
  }

  it('gives the second writer of a record EsentWriteConflictError while the first has not committed', async () => {
    const { session, table, other, otherTable } = await twoSessions();
    await session.beginTransaction();
    await other.beginTransaction();
    expect(await table.update(1, { n: 1 })).toBe(true);
    await expect(otherTable.update(1, { n: 2 })).rejects.toBeInstanceOf(EsentWriteConflictError);
    await expect(otherTable.delete(1)).rejects.toBeInstanceOf(EsentWriteConflictError);
    // Other records are free, and the transaction goes on after the conflict.
    expect(await otherTable.update(2, { n: 2 })).toBe(true);
    await session.commit();
    await other.commit();
    expect(await table.getMany([1, 2])).toEqual([
      { id: 1, n: 1 },
      { id: 2, n: 2 },
    ]);
  });

  it('gives a write conflict when the first writer committed after the second began, and keeps the snapshot', async () => {
    const { session, table, other, otherTable } = await twoSessions();
    await other.beginTransaction();
    expect(await otherTable.get(1)).toEqual({ id: 1, n: 0 });
    expect(await table.update(1, { n: 5 })).toBe(true); // outside a transaction: commits at once
    expect(await otherTable.get(1)).toEqual({ id: 1, n: 0 }); // the snapshot of its begin
    await expect(otherTable.update(1, { n: 6 })).rejects.toBeInstanceOf(EsentWriteConflictError);
    await table.insert({ id: 3, n: 3 });
    expect(await otherTable.get(3)).toBeUndefined();
    expect((await all(otherTable)).map((row) => row.id)).toEqual([1, 2]);
    await other.rollback();
    expect(await otherTable.get(1)).toEqual({ id: 1, n: 5 });
    expect(await otherTable.count()).toBe(3);
    await session.end();
  });

  it('rolls back each nesting level on its own, at every depth', async () => {
    const { session, table } = await twoSessions();
    for (let depth = 1; depth <= 7; depth++) {
      const base = depth * 100;
      for (let level = 1; level <= depth; level++) {
        await session.beginTransaction();
        await table.insert({ id: base + level, n: level });
        await table.update(1, { n: base + level });
      }
      expect(await session.transactionLevel()).toBe(depth);
      for (let level = depth; level >= 1; level--) {
        await session.rollback();
        const visible = (await all(table)).map((row) => row.id).filter((id) => id > base && id < base + 100);
        expect(visible).toEqual(Array.from({ length: level - 1 }, (_, i) => base + i + 1));
        expect((await table.get(1))!.n).toBe(level === 1 ? 0 : base + level - 1);
      }
      expect(await session.transactionLevel()).toBe(0);
    }
    // Commit inner levels, roll back the outer one: everything goes.
    await session.beginTransaction();
    await table.insert({ id: 900, n: 1 });
    await session.beginTransaction();
    await table.insert({ id: 901, n: 1 });
    await session.commit();
    expect(await table.getMany([900, 901])).toEqual([{ id: 900, n: 1 }, { id: 901, n: 1 }]);
    await session.rollback();
    expect(await table.getMany([900, 901])).toEqual([undefined, undefined]);
  });

  it('holds a mix of table calls in one transaction across awaits', async () => {
    const { session, database, table, other, otherTable } = await twoSessions();
    const log = await database.createTable('log', {
      columns: { seq: { type: 'long', autoIncrement: true }, text: { type: 'text', notNull: true } },
      indexes: { pk: { key: ['+seq'], primary: true } },
    });
    const otherLog = await (await other.openDatabase(database.path)).openTable('log', {
      columns: { seq: { type: 'long', autoIncrement: true }, text: { type: 'text', notNull: true } },
      indexes: { pk: { key: ['+seq'], primary: true } },
    });

    const seen = await session.transaction(async () => {
      await log.insert({ text: 'begin' });
      await sleep(5);
      await table.update(1, { n: 10 });
      await Promise.resolve();
      await table.insert({ id: 7, n: 7 });
      const rows = await table.getMany([1, 7]);
      await sleep(5);
      await table.delete(2);
      await log.insertMany([{ text: 'a' }, { text: 'b' }]);
      // Nothing is visible to the other session yet.
      expect(await otherTable.get(7)).toBeUndefined();
      expect(await otherLog.count()).toBe(0);
      return rows;
    });
    expect(seen).toEqual([{ id: 1, n: 10 }, { id: 7, n: 7 }]);
    expect((await all(otherTable)).map((row) => [row.id, row.n])).toEqual([
      [1, 10],
      [7, 7],
    ]);
    expect((await all(otherLog)).map((row) => row.text)).toEqual(['begin', 'a', 'b']);

    // A throw rolls all of it back.
    await expect(
      session.transaction(async () => {
        await table.update(1, { n: 99 });
        await log.insert({ text: 'doomed' });
        await sleep(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await table.get(1)).toEqual({ id: 1, n: 10 });
    expect(await log.count()).toBe(3);
  });

  it('refuses writes in a read-only transaction', async () => {
    const { session, table } = await twoSessions();
    await session.beginTransaction({ readOnly: true });
    await expect(table.update(1, { n: 1 })).rejects.toBeInstanceOf(EsentTransReadOnlyError);
    expect(await table.get(1)).toEqual({ id: 1, n: 0 });
    await session.commit();
  });
});

describe('session end and instance close', () => {
  it('rejects calls on a table after its session ended, without crashing', async () => {
    const { session, database } = await openDatabase();
    const orders = await database.createTable('orders', ordersSchema);
    const { id } = await orders.insert({ customer: 'Ada' });
    const iterator = orders.find({ pageSize: 1 });
    expect((await iterator.next()).value).toMatchObject({ id });
    await session.end();
    expect(orders.closed).toBe(true);
    expect(database.closed).toBe(true);
    await expect(orders.get(id)).rejects.toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
    await expect(orders.insert({ customer: 'x' })).rejects.toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
    expect(() => orders.find()).toThrow(expect.objectContaining({ code: 'ERR_ESENT_SESSION_ENDED' }));
    await expect(iterator.next()).rejects.toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
    await expect(database.createTable('t', { columns: { a: { type: 'long' } } })).rejects.toMatchObject({
      code: 'ERR_ESENT_SESSION_ENDED',
    });
    await orders.close();
    await database.close();
  });

  it('closes the instance with tables open and calls still queued', async () => {
    const { instance, session, database } = await openDatabase();
    const orders = await database.createTable('orders', ordersSchema);
    const queued = Array.from({ length: 20 }, (_, i) => orders.insert({ customer: `c${i}` }));
    await instance.close();
    const settled = await Promise.allSettled(queued);
    expect(settled.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(session.ended).toBe(true);
    await expect(orders.count()).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_ESENT_(SESSION_ENDED|INSTANCE_CLOSED)$/) });
  });

  it('reads the data back in a new process after the instance terminated', async () => {
    const { path, file, instance, session, database } = await openDatabase();
    const things = await database.createTable('things', {
      columns: {
        id: { type: 'long', autoIncrement: true },
        name: { type: 'text', maxLength: 50, notNull: true },
        amount: { type: 'currency' },
        when: { type: 'dateTime' },
        tags: { type: 'text', multiValued: true },
        blob: { type: 'longBinary' },
      },
      indexes: { primary: { key: ['+id'], primary: true }, byName: { key: ['+name'] } },
    });
    const blob = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    await session.transaction(async () => {
      await things.insert({ name: 'first', amount: 10_000n, when: new Date('2020-01-02T03:04:05.006Z'), tags: ['x'] });
      await things.insert({ name: 'second', tags: ['y', 'z'], blob });
      await things.insert({ name: 'third', amount: -1n });
    });
    await things.delete(3);
    await database.detach();
    await session.end();
    await instance.close();

    const script = fileURLToPath(new URL('./fixtures/facade-data-reopen.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script, path, file], { timeout: 20_000 });
    const result = JSON.parse(stdout) as { rows: unknown[]; count: number; byNameId: number | null };
    expect(result.count).toBe(2);
    expect(result.byNameId).toBe(2);
    expect(result.rows).toEqual([
      { id: 1, name: 'first', amount: '10000', when: '2020-01-02T03:04:05.006Z', tags: ['x'], blob: null },
      { id: 2, name: 'second', amount: null, when: null, tags: ['y', 'z'], blob: blob.toString('base64') },
    ]);
  });
});
