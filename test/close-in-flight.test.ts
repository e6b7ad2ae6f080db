// instance.close() while a thousand calls are queued on many sessions: every promise settles,
// resolved or with a typed error (an engine error or one of the binding's own), and nothing
// hangs; what committed before the close is on disk after it.
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { EsentError, type TableSchema } from '../lib/index.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

const schema = {
  columns: { id: { type: 'long', notNull: true }, text: { type: 'text' } },
  indexes: { primary: { key: ['+id'], primary: true } },
} as const satisfies TableSchema;

function typed(error: unknown): boolean {
  if (error instanceof EsentError) return true;
  const code = (error as { code?: unknown })?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_ESENT_');
}

describe('instance.close() with calls in flight', () => {
  it('settles every one of 1,000 queued calls on 20 sessions, 5 rounds', async () => {
    for (let round = 0; round < 5; round++) {
      const dir = tempDir();
      const instance = await pool.open({ path: dir, maxSessions: 32 });
      const path = join(dir, 'busy.edb');
      const setup = instance.beginSession();
      await (await (await setup.createDatabase(path)).createTable('rows', schema)).close();
      const calls: Array<Promise<unknown>> = [];
      for (let s = 0; s < 20; s++) {
        const session = instance.beginSession();
        const table = await (await session.openDatabase(path)).openTable('rows', schema);
        for (let i = 0; i < 50; i++) {
          const id = s * 1000 + i;
          switch (i % 5) {
            case 0:
              calls.push(session.beginTransaction());
              break;
            case 1:
              calls.push(table.insert({ id, text: `row ${id}` }));
              break;
            case 2:
              calls.push(session.commit({ lazy: i % 2 === 0 }));
              break;
            case 3:
              calls.push(table.get(id - 2));
              break;
            default:
              calls.push(table.count());
          }
        }
      }
      const closing = instance.close();
      const outcomes = await Promise.allSettled(calls);
      await closing;
      expect(outcomes).toHaveLength(1000);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(typed(outcome.reason), String(outcome.reason)).toBe(true);
      }
      // What the close let commit is readable; nothing is half there.
      const reader = await pool.open({ path: dir });
      const session = reader.beginSession();
      const table = await (await session.attachDatabase(path)).openTable('rows', schema);
      for await (const row of table.find()) expect(row.text).toBe(`row ${row.id}`);
      await reader.close();
    }
  }, 120_000);
});
