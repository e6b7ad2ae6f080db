// Schema change through the facade: database.tables / deleteTable / renameTable,
// table.addColumn / deleteColumn / createIndex / deleteIndex (each resolving with a Table
// whose type has the change), openTable without a schema (read from the catalog), and the
// open-or-create calls. Runtime behaviour on the loaded engine, and the types.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';

import {
  EsentColumnDuplicateError,
  EsentColumnInUseError,
  EsentColumnNotFoundError,
  EsentDatabaseDuplicateError,
  EsentIndexDuplicateError,
  EsentIndexMustStayError,
  EsentIndexNotFoundError,
  EsentKeyDuplicateError,
  EsentObjectNotFoundError,
  EsentPermissionDeniedError,
  EsentTableDuplicateError,
  EsentTableInUseError,
  EsentTransReadOnlyError,
  JET_coltypLong,
  JET_coltypText,
  JET_bitColumnMultiValued,
  JET_bitColumnTagged,
  JET_bitIndexPrimary,
  JET_prepInsert,
  encodeColumnValue,
  jet,
} from '../lib/index.js';
import { SchemaMismatchError } from '../lib/database.js';
import type { IndexName, InsertOf, KeyOf, RowOf, TableSchema } from '../lib/schema.js';
import type { Table } from '../lib/table.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

const usersSchema = {
  columns: {
    id: { type: 'long', autoIncrement: true },
    name: { type: 'text', notNull: true },
  },
  indexes: { primary: { key: ['+id'], primary: true } },
} as const;

async function openDatabase() {
  const path = tempDir();
  const instance = await pool.open({ path, maxSessions: 16 });
  const session = instance.beginSession();
  const file = join(path, 'data.edb');
  const database = await session.createDatabase(file);
  return { path, file, instance, session, database };
}

async function all<S extends TableSchema>(table: Table<S>, index?: IndexName<S>): Promise<RowOf<S>[]> {
  const rows: RowOf<S>[] = [];
  for await (const row of table.find(index === undefined ? {} : { index })) rows.push(row);
  return rows;
}

describe('schema change types', () => {
  it('each change resolves with a Table whose type has the change', () => {
    // Checked by `npm run typecheck`; never called.
    const compileOnly = async (users: Table<typeof usersSchema>) => {
      const withEmail = await users.addColumn('email', { type: 'text', notNull: true, default: '' });
      expectTypeOf<RowOf<typeof withEmail.schema>>().toEqualTypeOf<{ id: number; name: string; email: string }>();
      expectTypeOf<InsertOf<typeof withEmail.schema>>().toEqualTypeOf<{ name: string; email?: string; id?: undefined }>();

      const withTags = await withEmail.addColumn('tags', { type: 'text', multiValued: true });
      expectTypeOf<RowOf<typeof withTags.schema>['tags']>().toEqualTypeOf<string[]>();

      const indexed = await withTags.createIndex('byEmail', { key: ['+email'], unique: true });
      expectTypeOf<IndexName<typeof indexed.schema>>().toEqualTypeOf<'primary' | 'byEmail'>();
      expectTypeOf<KeyOf<typeof indexed.schema, 'byEmail'>>().toEqualTypeOf<string | readonly [string]>();
      void indexed.get('ada@example.com', { index: 'byEmail' });
      // @ts-expect-error byEmail takes a string
      void indexed.get(1, { index: 'byEmail' });

      const unindexed = await indexed.deleteIndex('byEmail');
      expectTypeOf<IndexName<typeof unindexed.schema>>().toEqualTypeOf<'primary'>();
      // @ts-expect-error the index is gone
      void unindexed.get('x', { index: 'byEmail' });

      const dropped = await unindexed.deleteColumn('tags');
      expectTypeOf<RowOf<typeof dropped.schema>>().toEqualTypeOf<{ id: number; name: string; email: string }>();
      // @ts-expect-error the column is gone
      void dropped.insert({ name: 'a', tags: [] });
    };
    void compileOnly;
  });

  it('a table opened from the catalog has loosely typed rows; with a schema, the schema types', () => {
    const compileOnly = async (database: import('../lib/database.js').Database) => {
      const loose = await database.openTable('users');
      expectTypeOf(loose).toEqualTypeOf<Table<TableSchema>>();
      const row = await loose.get(1);
      expectTypeOf(row).toEqualTypeOf<
        Record<string, boolean | number | bigint | Date | string | Buffer | Array<boolean | number | bigint | Date | string | Buffer> | null> | undefined
      >();
      void loose.get([1, 'a'], { index: 'anyIndex' });
      void loose.insert({ anything: 1, tags: ['a', 'b'] });

      const typed = await database.openTable('users', usersSchema);
      expectTypeOf(typed).toEqualTypeOf<Table<typeof usersSchema>>();
      const same = await database.openOrCreateTable('users', usersSchema);
      expectTypeOf(same).toEqualTypeOf<Table<typeof usersSchema>>();
      // @ts-expect-error name is a string
      void same.insert({ name: 1 });
    };
    void compileOnly;
  });
});

describe('database.tables, deleteTable, renameTable', () => {
  it('lists the tables by name; delete and rename change the list', async () => {
    const { database, session } = await openDatabase();
    expect(await database.tables()).toEqual([]);
    await database.createTable('users', usersSchema);
    await database.createTable('orders', { columns: { id: { type: 'long' } } });
    expect((await database.tables()).sort()).toEqual(['orders', 'users']);

    await database.renameTable('orders', 'purchases');
    expect((await database.tables()).sort()).toEqual(['purchases', 'users']);
    await expect(database.openTable('orders', { columns: { id: { type: 'long' } } })).rejects.toBeInstanceOf(
      EsentObjectNotFoundError,
    );

    // The open 'users' table is this database's own: deleteTable closes it first.
    const users = await database.openTable('users', usersSchema);
    await database.deleteTable('users');
    expect(users.closed).toBe(true);
    expect(await database.tables()).toEqual(['purchases']);
    await session.end();
  });

  it('refuses a missing table, a name in use, bad names, and a table another session has open', async () => {
    const { database, session, instance, file } = await openDatabase();
    await database.createTable('a', { columns: { x: { type: 'long' } } });
    await database.createTable('b', { columns: { x: { type: 'long' } } });

    const missing = database.deleteTable('nope');
    await expect(missing).rejects.toBeInstanceOf(EsentObjectNotFoundError);
    await expect(missing).rejects.toMatchObject({ table: 'nope', path: file, operation: 'JetDeleteTable' });
    await expect(database.renameTable('nope', 'c')).rejects.toBeInstanceOf(EsentObjectNotFoundError);
    // The catalog's unique name index refuses a name in use (cat.cxx ErrCATRenameTable).
    await expect(database.renameTable('a', 'b')).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    await expect(database.deleteTable(1 as unknown as string)).rejects.toThrow(TypeError);
    await expect(database.renameTable('a', 2 as unknown as string)).rejects.toThrow(TypeError);

    const other = instance.beginSession();
    const otherDb = await other.openDatabase(file);
    await otherDb.openTable('a', { columns: { x: { type: 'long' } } });
    await expect(database.deleteTable('a')).rejects.toBeInstanceOf(EsentTableInUseError);
    await other.end();
    await database.deleteTable('a');
    expect(await database.tables()).toEqual(['b']);

    await database.close();
    await expect(database.tables()).rejects.toMatchObject({ code: 'ERR_ESENT_DATABASE_CLOSED' });
    await session.end();
  });

  it('inside a transaction a rollback brings back a deleted table and undoes a rename', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await users.insert({ name: 'Ada' });
    await users.close();

    await session.beginTransaction();
    await database.deleteTable('users');
    await database.createTable('other', { columns: { x: { type: 'long' } } });
    expect(await database.tables()).toEqual(['other']);
    await session.rollback();
    expect(await database.tables()).toEqual(['users']);
    const back = await database.openTable('users', usersSchema);
    expect(await all(back)).toEqual([{ id: 1, name: 'Ada' }]);

    await session.transaction(async () => {
      await database.renameTable('users', 'people');
      expect(await database.tables()).toEqual(['people']);
      await session.rollback();
      await session.beginTransaction(); // transaction() commits the level it began
    });
    expect(await database.tables()).toEqual(['users']);
    await session.end();
  });
});

describe('table.addColumn and deleteColumn', () => {
  it('adds a column that existing rows read as null or as its default, and deletes one', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await users.insertMany([{ name: 'Ada' }, { name: 'Grace' }]);

    const withEmail = await users.addColumn('email', { type: 'text' });
    expect(users.closed).toBe(true);
    await expect(users.count()).rejects.toMatchObject({ code: 'ERR_ESENT_TABLE_CLOSED' });
    expect(withEmail.columns).toEqual(['id', 'name', 'email']);
    expect(await all(withEmail)).toEqual([
      { id: 1, name: 'Ada', email: null },
      { id: 2, name: 'Grace', email: null },
    ]);
    await withEmail.update(1, { email: 'ada@example.com' });

    const withLevel = await withEmail.addColumn('level', { type: 'short', notNull: true, default: 3 });
    expect(await withLevel.get(2)).toEqual({ id: 2, name: 'Grace', email: null, level: 3 });
    expect(await withLevel.insert({ name: 'Edsger' })).toEqual({ id: 3, name: 'Edsger', email: null, level: 3 });

    const withoutEmail = await withLevel.deleteColumn('email');
    expect(withoutEmail.columns).toEqual(['id', 'name', 'level']);
    expect(await withoutEmail.get(1)).toEqual({ id: 1, name: 'Ada', level: 3 });

    // The stored table agrees: opened again with the new schema, and from the catalog.
    await withoutEmail.close();
    expect(await (await database.openTable('users', withoutEmail.schema)).count()).toBe(3);
    // From the catalog, columns come in column id order: ESE numbers fixed columns first.
    expect((await database.openTable('users')).columns).toEqual(['id', 'level', 'name']);
    await session.end();
  });

  it('refuses a duplicate column, a missing one, an indexed one and bad definitions, leaving the table usable', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await users.insert({ name: 'Ada' });

    const duplicate = users.addColumn('name', { type: 'long' });
    await expect(duplicate).rejects.toBeInstanceOf(EsentColumnDuplicateError);
    await expect(duplicate).rejects.toMatchObject({ table: 'users', column: 'name', operation: 'JetAddColumn' });
    const missing = users.deleteColumn('nope');
    await expect(missing).rejects.toBeInstanceOf(EsentColumnNotFoundError);
    await expect(missing).rejects.toMatchObject({ column: 'nope', operation: 'JetDeleteColumn2' });
    // fcreate.cxx ErrIsamDeleteColumn: a column an index uses stays (JET_errColumnInUse).
    await expect(users.deleteColumn('id')).rejects.toBeInstanceOf(EsentColumnInUseError);

    // Definitions are checked before anything is queued.
    await expect(users.addColumn('x', { type: 'integer' } as never)).rejects.toThrow(/unknown type "integer"/);
    await expect(users.addColumn('x', { type: 'text', maxLength: 300 })).rejects.toThrow(/at most 255 bytes/);
    await expect(users.addColumn('', { type: 'long' })).rejects.toThrow(TypeError);

    // The failures changed nothing and left this table open.
    expect(users.closed).toBe(false);
    expect(await users.get(1)).toEqual({ id: 1, name: 'Ada' });
    expect((await database.openTable('users')).columns).toEqual(['id', 'name']);
    await session.end();
  });

  it('a column added inside a transaction is gone after a rollback', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await session.beginTransaction();
    const changed = await users.addColumn('email', { type: 'text' });
    await changed.insert({ name: 'Ada', email: 'a@example.com' });
    await session.rollback();
    const reopened = await database.openTable('users');
    expect(reopened.columns).toEqual(['id', 'name']);
    expect(await reopened.count()).toBe(0);
    await session.end();
  });
});

describe('schema changes on a read-only table or in a read-only transaction', () => {
  // fcreate.cxx ErrIsamAddColumn, ErrIsamDeleteColumn, ErrIsamDeleteIndex, ErrFILEICreateIndex:
  // ErrFUCBCheckUpdatable (JET_errPermissionDenied) before ErrPIBCheckUpdatable (JET_errTransReadOnly).
  it('a table opened readOnly refuses every change with PermissionDenied, even in a read-only transaction', async () => {
    const { database, session } = await openDatabase();
    await (await database.createTable('users', usersSchema)).createIndex('byName', { key: ['+name'] });
    const readOnly = await database.openTable('users', usersSchema, { readOnly: true });
    const refusals = () => [
      readOnly.addColumn('email', { type: 'text' }),
      readOnly.deleteColumn('name'),
      readOnly.createIndex('byName2', { key: ['-name'] }),
      readOnly.deleteIndex('byName'),
    ];
    for (const change of refusals()) await expect(change).rejects.toBeInstanceOf(EsentPermissionDeniedError);
    await session.beginTransaction({ readOnly: true });
    for (const change of refusals()) await expect(change).rejects.toBeInstanceOf(EsentPermissionDeniedError);
    await session.rollback();
    expect((await database.openTable('users')).columns).toEqual(['id', 'name']);
    await session.end();
  });

  it('a writable table in a read-only transaction refuses every change with TransReadOnly', async () => {
    const { database, session } = await openDatabase();
    const users = await (await database.createTable('users', usersSchema)).createIndex('byName', { key: ['+name'] });
    await session.beginTransaction({ readOnly: true });
    for (const change of [
      users.addColumn('email', { type: 'text' }),
      users.deleteColumn('name'),
      users.createIndex('byName2', { key: ['-name'] }),
      users.deleteIndex('byName'),
    ]) {
      await expect(change).rejects.toBeInstanceOf(EsentTransReadOnlyError);
    }
    await session.rollback();
    expect(Object.keys((await database.openTable('users')).schema.indexes ?? {}).sort()).toEqual(['byName', 'primary']);
    await session.end();
  });
});

describe('table.createIndex and deleteIndex', () => {
  it('indexes the rows already there; the new index serves get, find and count', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await users.insertMany([{ name: 'Grace' }, { name: 'Ada' }, { name: 'Edsger' }, { name: 'Ada' }]);

    const byName = await users.createIndex('byName', { key: ['+name', '-id'] });
    expect((await all(byName, 'byName')).map((row) => [row.name, row.id])).toEqual([
      ['Ada', 4],
      ['Ada', 2],
      ['Edsger', 3],
      ['Grace', 1],
    ]);
    expect(await byName.get(['Edsger', 3], { index: 'byName' })).toEqual({ id: 3, name: 'Edsger' });
    expect(await byName.count({ index: 'byName', from: 'Ada', to: 'Ada' })).toBe(2);
    // New rows go into it too.
    await byName.insert({ name: 'Alan' });
    expect(await byName.count({ index: 'byName', from: 'Ada', to: 'Alan' })).toBe(3);

    const plain = await byName.deleteIndex('byName');
    expect(Object.keys(plain.schema.indexes)).toEqual(['primary']);
    await expect(database.openTable('users', byName.schema)).rejects.toThrow(/index 'byName' is missing/);
    await session.end();
  });

  it('a unique index over duplicate keys fails with the engine error and leaves nothing behind', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await users.insertMany([{ name: 'Ada' }, { name: 'Grace' }, { name: 'ada' }]);

    const unique = users.createIndex('byName', { key: ['+name'], unique: true });
    await expect(unique).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    await expect(unique).rejects.toMatchObject({ table: 'users', index: 'byName', operation: 'JetCreateIndex2' });
    // No index, no half-built entries: the catalog has only the primary index, and the same
    // index name can be created afterwards.
    expect(Object.keys((await database.openTable('users')).schema.indexes ?? {})).toEqual(['primary']);
    expect(users.closed).toBe(false);
    await users.delete(3);
    const byName = await users.createIndex('byName', { key: ['+name'], unique: true });
    expect(await byName.get('GRACE', { index: 'byName' })).toEqual({ id: 2, name: 'Grace' });
    await expect(byName.insert({ name: 'ADA' })).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    await session.end();
  });

  it('refuses a duplicate index, a missing one, the primary index and bad definitions', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    const byName = await users.createIndex('byName', { key: ['+name'] });

    await expect(byName.createIndex('byName', { key: ['-name'] })).rejects.toBeInstanceOf(EsentIndexDuplicateError);
    const missing = byName.deleteIndex('nope');
    await expect(missing).rejects.toBeInstanceOf(EsentIndexNotFoundError);
    await expect(missing).rejects.toMatchObject({ index: 'nope', operation: 'JetDeleteIndex' });
    await expect(byName.deleteIndex('primary')).rejects.toBeInstanceOf(EsentIndexMustStayError);
    await expect(byName.createIndex('x', { key: ['+nope'] })).rejects.toThrow(/unknown column 'nope'/);
    await expect(byName.createIndex('x', { key: ['+id'], primary: true })).rejects.toThrow(/two primary indexes/);

    // The table's own cursor on the index does not hold it (it moves to the primary index).
    await byName.get('x', { index: 'byName' });
    const after = await byName.deleteIndex('byName');
    expect(Object.keys(after.schema.indexes)).toEqual(['primary']);
    await session.end();
  });

  it('an index created inside a transaction is gone after a rollback', async () => {
    const { database, session } = await openDatabase();
    const users = await database.createTable('users', usersSchema);
    await users.insert({ name: 'Ada' });
    await session.beginTransaction();
    await users.createIndex('byName', { key: ['+name'] });
    await session.rollback();
    expect(Object.keys((await database.openTable('users')).schema.indexes ?? {})).toEqual(['primary']);
    await session.end();
  });
});

describe('openTable without a schema', () => {
  it('reads the schema from the catalog: types, flags, defaults, code pages and indexes', async () => {
    const { database, session } = await openDatabase();
    const schema = {
      columns: {
        id: { type: 'long', autoIncrement: true },
        name: { type: 'text', notNull: true, maxLength: 40 },
        code: { type: 'text', codePage: 'ascii', maxLength: 8 },
        tags: { type: 'text', multiValued: true },
        score: { type: 'ieeeDouble', default: 1.5 },
        photo: { type: 'longBinary' },
      },
      indexes: {
        primary: { key: ['+id'], primary: true },
        byName: { key: ['+name', '-score'], unique: true },
        byCode: { key: ['+code'], caseSensitive: true, ignoreNull: true },
        exactName: { key: ['+name'], caseSensitive: true },
      },
    } as const;
    const created = await database.createTable('things', schema);
    await created.insert({ name: 'a', code: 'X1', tags: ['t'], photo: Buffer.from([1, 2]) });
    await created.close();

    const opened = await database.openTable('things');
    expect(opened.schema).toEqual({
      columns: {
        id: { type: 'long', autoIncrement: true },
        name: { type: 'text', notNull: true, maxLength: 40 },
        code: { type: 'text', codePage: 'ascii', maxLength: 8 },
        tags: { type: 'text', multiValued: true, maxLength: 127 },
        score: { type: 'ieeeDouble', default: 1.5 },
        photo: { type: 'longBinary' },
      },
      indexes: {
        primary: { key: ['+id'], primary: true },
        byName: { key: ['+name', '-score'], unique: true },
        // The catalog keeps map flags for an index over Unicode text only (ESE's cat.cxx
        // ErrCATIInitIDB), so the case rule of one over ASCII text does not come back.
        byCode: { key: ['+code'], ignoreNull: true },
        exactName: { key: ['+name'], caseSensitive: true },
      },
    });
    expect(await opened.get(1)).toEqual({ id: 1, name: 'a', code: 'X1', tags: ['t'], score: 1.5, photo: Buffer.from([1, 2]) });
    expect(await opened.get(['a', 1.5], { index: 'byName' })).toMatchObject({ id: 1 });
    // Writes go through the same checks as with a given schema.
    await expect(opened.insert({ name: 'b', score: 'high' })).rejects.toThrow(/things\.score \(ieeeDouble\)/);
    await expect(opened.insert({ name: 'a', score: 1.5 })).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    expect(await opened.insert({ name: 'b' })).toMatchObject({ name: 'b', score: 1.5, tags: [] });
    await session.end();
  });

  it('reads tables made with the raw API; keys on long columns are left out; a missing table fails', async () => {
    const { database, session, file } = await openDatabase();
    const sesid = session.handle;
    // A table created through the raw API on the session's own handle (no call queued).
    const dbid = jet.JetOpenDatabase(sesid, file);
    const made = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'raw',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypText, cp: 1200, grbit: JET_bitColumnMultiValued | JET_bitColumnTagged },
        { szColumnName: 'memo', coltyp: 12 /* JET_coltypLongText */, cp: 1200 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byMemo', szKey: ['+memo'] },
      ],
    });
    const [k] = made.columnids as number[];
    jet.JetPrepareUpdate(sesid, made.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, made.tableid, k!, encodeColumnValue(JET_coltypLong, 7));
    jet.JetUpdate2(sesid, made.tableid);
    jet.JetCloseTable(sesid, made.tableid);
    jet.JetCloseDatabase(sesid, dbid);

    const raw = await database.openTable('raw');
    expect(Object.keys(raw.schema.indexes ?? {})).toEqual(['pk']);
    expect(await raw.get(7)).toEqual({ k: 7, v: [], memo: null });

    const missing = database.openTable('nope');
    await expect(missing).rejects.toBeInstanceOf(EsentObjectNotFoundError);
    await expect(missing).rejects.toMatchObject({ table: 'nope', path: file });
    await session.end();
  });

  it('with a schema it still checks it', async () => {
    const { database, session } = await openDatabase();
    await database.createTable('users', usersSchema);
    const wrong = { columns: { ...usersSchema.columns, name: { type: 'long' } }, indexes: usersSchema.indexes } as const;
    const mismatch = database.openTable('users', wrong);
    await expect(mismatch).rejects.toBeInstanceOf(SchemaMismatchError);
    await expect(mismatch).rejects.toMatchObject({ code: 'ERR_ESENT_SCHEMA_MISMATCH' });
    await session.end();
  });
});

describe('open-or-create', () => {
  it('openOrCreateDatabase creates the file (and its folder) once, then attaches it', async () => {
    const path = tempDir();
    const file = join(path, 'nested', 'folder', 'app.edb');
    for (const run of [1, 2, 3]) {
      const instance = await pool.open({ path });
      const session = instance.beginSession();
      const database = await session.openOrCreateDatabase(file);
      const users = await database.openOrCreateTable('users', usersSchema);
      await users.insert({ name: `run ${run}` });
      expect(await users.count()).toBe(run);
      await instance.close();
      expect(existsSync(file)).toBe(true);
    }
  });

  it('openOrCreateDatabase in a second session of the instance opens the same database', async () => {
    const { instance, file, database } = await openDatabase();
    await database.createTable('t', { columns: { x: { type: 'long' } } });
    const other = instance.beginSession();
    const again = await other.openOrCreateDatabase(file);
    expect(await again.tables()).toEqual(['t']);
  });

  it('openOrCreateDatabase passes on failures other than a missing file', async () => {
    const path = tempDir();
    const instance = await pool.open({ path });
    const session = instance.beginSession();
    // A folder where the file should be: neither attach nor create can use it.
    await expect(session.openOrCreateDatabase(path)).rejects.toMatchObject({ path });
    await expect(session.openOrCreateDatabase('')).rejects.toThrow(TypeError);
  });

  it('openOrCreateTable creates once, then opens and checks the schema', async () => {
    const { database, session } = await openDatabase();
    const first = await database.openOrCreateTable('users', usersSchema);
    await first.insert({ name: 'Ada' });
    const second = await database.openOrCreateTable('users', usersSchema);
    expect(await second.count()).toBe(1);
    const wrong = { columns: { id: { type: 'text' } } } as const;
    await expect(database.openOrCreateTable('users', wrong)).rejects.toBeInstanceOf(SchemaMismatchError);
    await expect(database.openOrCreateTable('bad', { columns: {} })).rejects.toThrow(TypeError);
    expect((await database.tables()).sort()).toEqual(['users']);
    await session.end();
  });
});

describe('migrations (the pattern of docs/data.md)', () => {
  const versionSchema = {
    columns: { key: { type: 'text', notNull: true }, version: { type: 'long', notNull: true } },
    indexes: { primary: { key: ['+key'], primary: true } },
  } as const;

  type Step = (db: import('../lib/database.js').Database) => Promise<void>;

  async function migrate(session: import('../lib/session.js').Session, db: import('../lib/database.js').Database, steps: Step[]) {
    return session.transaction(async () => {
      const meta = await db.openOrCreateTable('schema_version', versionSchema);
      const stored = (await meta.get('version'))?.version ?? 0;
      for (let version = stored; version < steps.length; version++) await steps[version]!(db);
      if (stored === 0) await meta.insert({ key: 'version', version: steps.length });
      else await meta.update('version', { version: steps.length });
      await meta.close();
      return { from: stored, to: steps.length };
    });
  }

  const steps: Step[] = [
    async (db) => {
      const users = await db.createTable('users', usersSchema);
      await users.insertMany([{ name: 'Ada' }, { name: 'Grace' }]);
      await users.close();
    },
    async (db) => {
      const users = await db.openTable('users', usersSchema);
      const withEmail = await users.addColumn('email', { type: 'text' });
      await withEmail.update(1, { email: 'ada@example.com' });
      await (await withEmail.createIndex('byEmail', { key: ['+email'], unique: true, ignoreNull: true })).close();
    },
  ];

  it('runs every step once, in one transaction; run again, it does nothing', async () => {
    const path = tempDir();
    const file = join(path, 'app.edb');
    const results = [];
    for (let run = 1; run <= 2; run++) {
      const instance = await pool.open({ path });
      const session = instance.beginSession();
      const db = await session.openOrCreateDatabase(file);
      results.push(await migrate(session, db, steps));
      const users = await db.openTable('users');
      expect(await users.count()).toBe(2);
      expect(await users.get('ada@example.com', { index: 'byEmail' })).toEqual({ id: 1, name: 'Ada', email: 'ada@example.com' });
      expect((await db.tables()).sort()).toEqual(['schema_version', 'users']);
      await instance.close();
    }
    expect(results).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 2 },
    ]);
  });

  it('a step that fails rolls back the whole migration: old version, old schema, old rows', async () => {
    const { session, database } = await openDatabase();
    expect(await migrate(session, database, steps.slice(0, 1))).toEqual({ from: 0, to: 1 });

    const failing: Step[] = [
      ...steps,
      async (db) => {
        const users = await db.openTable('users');
        await users.insert({ name: 'Edsger', email: 'ada@example.com' }); // breaks byEmail
      },
    ];
    await expect(migrate(session, database, failing)).rejects.toBeInstanceOf(EsentKeyDuplicateError);
    expect(await session.transactionLevel()).toBe(0);
    const meta = await database.openTable('schema_version', versionSchema);
    expect(await meta.get('version')).toEqual({ key: 'version', version: 1 });
    const users = await database.openTable('users');
    expect(users.columns).toEqual(['id', 'name']);
    expect(Object.keys(users.schema.indexes ?? {})).toEqual(['primary']);
    expect(await users.count()).toBe(2);

    // Fixed, it runs from where the database is.
    expect(await migrate(session, database, steps)).toEqual({ from: 1, to: 2 });
    await session.end();
  });
});

// Unused imports would fail the typecheck if an error class were renamed.
void EsentDatabaseDuplicateError;
void EsentTableDuplicateError;
