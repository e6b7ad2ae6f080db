// A rejected facade call points at the code that made it and says what it was about:
// the caller's frames in its stack, and `path`, `table`, `index`, `column`, and for a
// duplicate key the index and the key values, as properties and in the message.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentColumnDuplicateError,
  EsentDatabaseDuplicateError,
  EsentIndexDuplicateError,
  EsentFileNotFoundError,
  EsentInstanceNameInUseError,
  EsentKeyDuplicateError,
  EsentNotInTransactionError,
  EsentObjectNotFoundError,
  EsentRecordPrimaryChangedError,
  Instance,
  configure,
} from '../lib/index.js';
import { InstancePool, tempDir, uniqueName } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

const peopleSchema = {
  columns: {
    id: { type: 'long', notNull: true },
    name: { type: 'text', maxLength: 20, notNull: true },
    email: { type: 'text', maxLength: 50 },
  },
  indexes: {
    primary: { key: ['+id'], primary: true },
    byName: { key: ['+name'], unique: true },
    byEmail: { key: ['+email'], unique: true, ignoreNull: true },
  },
} as const;

async function setup() {
  const path = tempDir();
  const instance = await pool.open({ path });
  const session = instance.beginSession();
  const file = join(path, 'people.edb');
  const db = await session.createDatabase(file);
  const people = await db.createTable('people', peopleSchema);
  return { path, file, instance, session, db, people };
}

async function rejected(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error('the call resolved');
    },
    (error: Error & Record<string, unknown>) => error,
  );
}

// Named so that its frame can be found in a stack.
async function theCallerCommitsOutsideATransaction(session: { commit(): Promise<void> }) {
  await session.commit();
}

describe("the caller's stack", () => {
  it('a session call rejects with the frames of the code that queued it', async () => {
    const { session } = await setup();
    const error = await rejected(theCallerCommitsOutsideATransaction(session));
    expect(error).toBeInstanceOf(EsentNotInTransactionError);
    const stack = String(error.stack);
    expect(stack.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
    expect(stack).toContain('theCallerCommitsOutsideATransaction');
    expect(stack).toContain('error-context.test.ts');
    // None of the package's own frames: they say nothing about the caller's mistake.
    expect(stack).not.toMatch(/[\\/](lib|dist)[\\/](session|native|esent-error)\.[jt]s/);
  });

  it('table, database and instance calls do too, for engine and binding errors alike', async () => {
    const { session, db, people, path, instance } = await setup();
    await people.insert({ id: 1, name: 'Ada' });
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['insert', () => people.insert({ id: 1, name: 'Grace' })],
      ['openTable', () => db.openTable('missing', peopleSchema)],
      ['createDatabase', () => session.createDatabase(join(path, 'people.edb'))],
      ['Instance.create', () => Instance.create({ path, name: instance.name })],
    ];
    for (const [what, call] of cases) {
      const error = await rejected(call());
      expect(String(error.stack), what).toContain('error-context.test.ts');
    }
    await people.close();
    const closed = await rejected(people.get(1));
    expect(closed.code).toBe('ERR_ESENT_TABLE_CLOSED');
    expect(String(closed.stack)).toContain('error-context.test.ts');
  });
});

// A function that is not async between the caller and the call: it hands the promise on.
function aHelperThatReturnsTheCall(session: { commit(): Promise<void> }) {
  return session.commit();
}
async function theCallerAwaitsTheHelper(session: { commit(): Promise<void> }) {
  await aHelperThatReturnsTheCall(session);
}
// Awaits the same call at a depth of `depth` async functions.
async function nested(depth: number, session: { commit(): Promise<void> }): Promise<void> {
  if (depth === 0) await session.commit();
  else await nested(depth - 1, session);
}

// Frames in the package's own files (lib/ run from source, dist/ compiled).
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
function ownFrames(stack: string): string[] {
  return stack.split('\n').filter((line) => ['lib', 'dist'].some((folder) => line.includes(join(packageRoot, folder))));
}

describe("the caller's stack: configure({ callerStack })", () => {
  afterEach(() => {
    configure({ callerStack: 'await' });
  });

  it("'await' (the default) names the async functions awaiting the call, each at its line, not a function that only returned the promise", async () => {
    const { session } = await setup();
    const error = await rejected(theCallerAwaitsTheHelper(session));
    expect(error).toBeInstanceOf(EsentNotInTransactionError);
    const stack = String(error.stack);
    expect(stack.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
    expect(stack).toMatch(/theCallerAwaitsTheHelper \(.*error-context\.test\.ts:\d+:\d+\)/);
    expect(stack).not.toContain('aHelperThatReturnsTheCall');
    expect(ownFrames(stack)).toEqual([]);
  });

  it("'call' captures the caller's whole stack when the call is made, the helper included", async () => {
    const { session } = await setup();
    configure({ callerStack: 'call' });
    const error = await rejected(theCallerAwaitsTheHelper(session));
    expect(error).toBeInstanceOf(EsentNotInTransactionError);
    const stack = String(error.stack);
    expect(stack.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
    expect(stack).toMatch(/at aHelperThatReturnsTheCall \(.*error-context\.test\.ts:\d+:\d+\)/);
    expect(stack).toContain('theCallerAwaitsTheHelper');
    expect(ownFrames(stack)).toEqual([]);

    // Back to 'await': the helper is no longer named.
    configure({ callerStack: 'await' });
    const again = await rejected(theCallerAwaitsTheHelper(session));
    expect(String(again.stack)).not.toContain('aHelperThatReturnsTheCall');
    expect(String(again.stack)).toContain('theCallerAwaitsTheHelper');
  });

  it('either way the caller keeps Error.stackTraceLimit frames of its own, whatever the package adds', async () => {
    const { session } = await setup();
    const limit = Error.stackTraceLimit;
    try {
      for (const mode of ['await', 'call'] as const) {
        configure({ callerStack: mode });
        Error.stackTraceLimit = 4;
        const error = await rejected(nested(8, session));
        Error.stackTraceLimit = limit;
        const frames = String(error.stack).split('\n').slice(1);
        expect(frames, mode).toHaveLength(4);
        for (const frame of frames) expect(frame, mode).toMatch(/nested \(.*error-context\.test\.ts/);
      }
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  it("a call's own argument and state errors name the synchronous caller in 'await' mode too", async () => {
    const { people } = await setup();
    await people.close();
    const error = await rejected(aTableCallOnAClosedTable(people));
    expect(error.code).toBe('ERR_ESENT_TABLE_CLOSED');
    expect(String(error.stack)).toMatch(/at aTableCallOnAClosedTable \(.*error-context\.test\.ts/);
  });

  it('refuses a value it does not know, and changes nothing then', async () => {
    expect(() => configure({ callerStack: 'never' as 'call' })).toThrow(TypeError);
    expect(() => configure({ resultPolling: 'yes' as unknown as boolean })).toThrow("configure: 'resultPolling' must be a boolean");
    const { session } = await setup();
    const error = await rejected(theCallerAwaitsTheHelper(session));
    expect(String(error.stack)).not.toContain('aHelperThatReturnsTheCall');
  });
});

function aTableCallOnAClosedTable(table: { get(key: number): Promise<unknown> }) {
  return table.get(1);
}

describe('what the call was about', () => {
  it('database calls name the path', async () => {
    const { session, file, path } = await setup();
    const duplicate = await rejected(session.createDatabase(file));
    expect(duplicate).toBeInstanceOf(EsentDatabaseDuplicateError);
    expect(duplicate.path).toBe(file);
    expect(duplicate.message).toContain(`path '${file}'`);

    const missing = join(path, 'nowhere.edb');
    const notFound = await rejected(session.attachDatabase(missing));
    expect(notFound).toBeInstanceOf(EsentFileNotFoundError);
    expect(notFound.path).toBe(missing);
    expect(notFound.message).toContain(`path '${missing}'`);
  });

  it('openTable names the table and the database path', async () => {
    const { db, file } = await setup();
    const error = await rejected(db.openTable('nope', peopleSchema));
    expect(error).toBeInstanceOf(EsentObjectNotFoundError);
    expect(error.table).toBe('nope');
    expect(error.path).toBe(file);
    expect(error.message).toContain("table 'nope'");
  });

  it('a call given an index names it: a write conflict on an update by name', async () => {
    const { instance, file, people } = await setup();
    await people.insert({ id: 1, name: 'Ada' });
    const other = instance.beginSession();
    const theirs = await (await other.openDatabase(file)).openTable('people', peopleSchema);
    await other.beginTransaction();
    await theirs.update(1, { email: 'first@example.com' });
    const error = await rejected(people.update('Ada', { email: 'second@example.com' }, { index: 'byName' }));
    expect(error.name).toBe('EsentWriteConflictError');
    expect(error.table).toBe('people');
    expect(error.index).toBe('byName');
    expect(error.message).toContain("table 'people', index 'byName'");
    await other.rollback();
  });
});

describe('a duplicate key names the index and the key', () => {
  it('insert: a unique secondary index, with the key values', async () => {
    const { people } = await setup();
    await people.insert({ id: 1, name: 'Ada', email: 'ada@example.com' });
    const error = await rejected(people.insert({ id: 2, name: 'Grace', email: 'ada@example.com' }));
    expect(error).toBeInstanceOf(EsentKeyDuplicateError);
    expect(error.table).toBe('people');
    expect(error.index).toBe('byEmail');
    expect(error.key).toEqual({ email: 'ada@example.com' });
    expect(error.message).toContain("index 'byEmail'");
    expect(error.message).toContain("key { email: 'ada@example.com' }");
  });

  it('insert: the primary index', async () => {
    const { people } = await setup();
    await people.insert({ id: 7, name: 'Ada' });
    const error = await rejected(people.insert({ id: 7, name: 'Grace' }));
    expect(error.index).toBe('primary');
    expect(error.key).toEqual({ id: 7 });
  });

  it('insertMany: a duplicate inside the batch (text compared as the index does, without case)', async () => {
    const { people } = await setup();
    const error = await rejected(
      people.insertMany([
        { id: 1, name: 'Bob' },
        { id: 2, name: 'Eve' },
        { id: 3, name: 'BOB' },
      ]),
    );
    expect(error).toBeInstanceOf(EsentKeyDuplicateError);
    expect(error.index).toBe('byName');
    expect(error.key).toEqual({ name: 'BOB' });
    expect(error.rowIndex).toBe(2);
    expect(await people.count()).toBe(0);
  });

  it('insertMany: a duplicate of a stored row', async () => {
    const { people } = await setup();
    await people.insert({ id: 10, name: 'Ada' });
    const error = await rejected(
      people.insertMany([
        { id: 11, name: 'Grace' },
        { id: 10, name: 'Edsger' },
      ]),
    );
    expect(error.index).toBe('primary');
    expect(error.key).toEqual({ id: 10 });
    expect(error.rowIndex).toBe(1);
  });

  it('update: the changed column runs into another row', async () => {
    const { people } = await setup();
    await people.insertMany([
      { id: 1, name: 'Ada', email: 'ada@example.com' },
      { id: 2, name: 'Grace', email: 'grace@example.com' },
    ]);
    const error = await rejected(people.update(2, { email: 'ada@example.com' }));
    expect(error).toBeInstanceOf(EsentKeyDuplicateError);
    expect(error.index).toBe('byEmail');
    expect(error.key).toEqual({ email: 'ada@example.com' });
    expect(await people.get(2)).toEqual({ id: 2, name: 'Grace', email: 'grace@example.com' });
  });
});

describe('what the engine pointed at: a column or an index', () => {
  it('createTable: two column names that differ only in case name the second (the engine compares names without case)', async () => {
    const { db, file } = await setup();
    const error = await rejected(
      db.createTable('clash', { columns: { code: { type: 'long' }, Code: { type: 'text' } }, indexes: {} }),
    );
    expect(error).toBeInstanceOf(EsentColumnDuplicateError);
    expect(error.column).toBe('Code');
    expect(error.index).toBeUndefined();
    expect(error.table).toBe('clash');
    expect(error.path).toBe(file);
    // One group, in a fixed order, whichever layer learnt each part.
    expect(error.message).toContain(`(path '${file}', table 'clash', column 'Code')`);
    expect(error.stack!.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
    await expect(db.openTable('clash', { columns: { code: { type: 'long' } }, indexes: {} })).rejects.toBeInstanceOf(
      EsentObjectNotFoundError,
    );
  });

  it('createTable: a second index of the same name (without case) is named', async () => {
    const { db } = await setup();
    const error = await rejected(
      db.createTable('twice', {
        columns: { a: { type: 'long' } },
        indexes: { byA: { key: ['+a'] }, BYA: { key: ['-a'] } },
      }),
    );
    expect(error).toBeInstanceOf(EsentIndexDuplicateError);
    expect(error.index).toBe('BYA');
    expect(error.column).toBeUndefined();
    expect(error.message).toContain("table 'twice', index 'BYA')");
  });

  it('update: changing the primary key names the primary index and the changed column', async () => {
    const { people } = await setup();
    await people.insert({ id: 1, name: 'Ada' });
    const error = await rejected(people.update(1, { name: 'Ada', id: 2 }));
    expect(error).toBeInstanceOf(EsentRecordPrimaryChangedError);
    expect(error.table).toBe('people');
    expect(error.index).toBe('primary');
    expect(error.column).toBe('id');
    expect(error.message).toContain("table 'people', index 'primary', column 'id')");
    expect(await people.get(1)).toEqual({ id: 1, name: 'Ada', email: null });
    // Given its own value, the key column is no change at all.
    expect(await people.update(1, { id: 1, email: 'ada@example.com' })).toBe(true);
  });

  it('update through a secondary index: the primary key column is still the one named', async () => {
    const { people } = await setup();
    await people.insert({ id: 5, name: 'Grace' });
    const error = await rejected(people.update('Grace', { id: 6 }, { index: 'byName' }));
    expect(error).toBeInstanceOf(EsentRecordPrimaryChangedError);
    expect(error.index).toBe('primary');
    expect(error.column).toBe('id');
  });
});

describe('Instance.create', () => {
  it('an engine error names the instance folder', async () => {
    const path = tempDir();
    const name = uniqueName('taken');
    await pool.open({ path, name });
    const error = await rejected(Instance.create({ path, name }));
    expect(error).toBeInstanceOf(EsentInstanceNameInUseError);
    expect(error.path).toBe(path);
    expect(String(error.stack)).toContain('error-context.test.ts');
  });
});

