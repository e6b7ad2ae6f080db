// Inputs the facade must refuse with a TypeError before anything reaches the engine, and
// values it must hand back the same way whichever call returns them.
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { TableSchema } from '../lib/index.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

async function database() {
  const instance = await pool.open();
  const session = instance.beginSession();
  return session.createDatabase(join(tempDir(), 'inputs.edb'));
}

describe('schema objects', () => {
  it('refuses columns or indexes given as an array', async () => {
    const db = await database();
    await expect(db.createTable('t', { columns: [{ type: 'long' }] } as unknown as TableSchema)).rejects.toThrow(
      TypeError,
    );
    await expect(
      db.createTable('t', {
        columns: { id: { type: 'long' } },
        indexes: [{ key: ['+id'] }],
      } as unknown as TableSchema),
    ).rejects.toThrow(/not an array/);
    // Nothing was created: the name is still free.
    const table = await db.createTable('t', { columns: { id: { type: 'long' } } });
    expect(table.columns).toEqual(['id']);
  });

  it('refuses an index naming the same column twice', async () => {
    const db = await database();
    await expect(
      db.createTable('t', {
        columns: { a: { type: 'long' }, b: { type: 'long' } },
        indexes: { ab: { key: ['+a', '-a'] } },
      }),
    ).rejects.toThrow(/names column 'a' twice/);
  });
});

describe('index options', () => {
  it('refuses a bare string where { index } is meant', async () => {
    const db = await database();
    const table = await db.createTable('t', {
      columns: { id: { type: 'long', notNull: true }, name: { type: 'text' } },
      indexes: { primary: { key: ['+id'], primary: true }, byName: { key: ['+name'] } },
    });
    await table.insert({ id: 1, name: 'one' });
    const bare = 'byName' as never;
    await expect(table.get('one' as never, bare)).rejects.toThrow(/options must be an object like \{ index/);
    await expect(table.getMany(['one' as never], bare)).rejects.toThrow(TypeError);
    await expect(table.update('one' as never, { name: 'uno' }, bare)).rejects.toThrow(TypeError);
    await expect(table.delete('one' as never, bare)).rejects.toThrow(TypeError);
    expect(await table.get('one', { index: 'byName' })).toEqual({ id: 1, name: 'one' });
  });
});

describe('fixed text and binary columns', () => {
  it('insert() returns them padded as the engine stores them, exactly as get() does', async () => {
    const db = await database();
    const table = await db.createTable('t', {
      columns: {
        id: { type: 'long', notNull: true },
        unicode: { type: 'text', maxLength: 8, storage: 'fixed' },
        ascii: { type: 'text', codePage: 'ascii', maxLength: 6, storage: 'fixed' },
        bytes: { type: 'binary', maxLength: 4, storage: 'fixed' },
      },
      indexes: { primary: { key: ['+id'], primary: true } },
    });
    const inserted = await table.insert({ id: 1, unicode: 'ab', ascii: 'xy', bytes: Buffer.from([1, 2]) });
    // ESE pads text with spaces of the column's code page, binary with zeros.
    expect(inserted).toEqual({
      id: 1,
      unicode: 'ab      ',
      ascii: 'xy    ',
      bytes: Buffer.from([1, 2, 0, 0]),
    });
    expect(await table.get(1)).toEqual(inserted);
    const [many] = await table.insertMany([{ id: 2, unicode: 'abcdefgh', ascii: '', bytes: Buffer.from([9, 9, 9, 9]) }]);
    expect(await table.get(2)).toEqual(many);
  });
});
