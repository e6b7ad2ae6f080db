// Workers that go away while they hold engine resources: the addon's cleanup hooks end
// their sessions (rolling back their transactions) and terminate their instances, so the
// rest of the process can use the same database and log files at once.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, it } from 'vitest';

import { InstancePool, tempDir, uniqueName } from './helpers/instances.js';

const pool = new InstancePool();
const dirs: string[] = [];
afterEach(async () => {
  await pool.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Api = 'facade' | 'facade-busy' | 'pool' | 'pool-handoff' | 'raw' | 'raw-shared';

/** Runs the fixture until it holds its transaction, then terminates it. */
async function holdAndTerminate(dir: string, api: Api, instance?: bigint): Promise<void> {
  const worker = new Worker(new URL('./fixtures/worker-holds-transaction.mjs', import.meta.url), {
    workerData: { dir, name: uniqueName(`held-${api}`), api, instance },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code} before holding`)));
  });
  await worker.terminate();
}

describe('a Worker terminated in the middle of a transaction', () => {
  // facade-busy: calls of the Worker's session are inside the engine on the addon's engine
  // threads when the Worker goes away; its session must not be ended under them.
  // pool: the Worker holds a claim on a pool of its own instance; the claim is discarded
  // (rolled back) before the instance is terminated, so the term is clean.
  // pool-handoff: a run of such a pool handed its transaction off and nobody adopted it;
  // the hand-off is rolled back before the term too.
  for (const api of ['facade', 'facade-busy', 'pool', 'pool-handoff', 'raw'] as const) {
    it(`(${api} API) leaves its database free and its transaction rolled back`, async () => {
      const dir = tempDir();
      dirs.push(dir);
      await holdAndTerminate(dir, api);
      // Attached at once by an instance of this thread, with other log files: the
      // Worker's instance was terminated cleanly, not left holding the file.
      const instance = await pool.open({ path: join(dir, 'main') });
      const session = instance.beginSession();
      const database = await session.attachDatabase(join(dir, 'held.edb'));
      const table = await database.openTable('rows', { columns: { n: { type: 'long', notNull: true } } });
      const rows: unknown[] = [];
      for await (const row of table.find()) rows.push(row);
      expect(rows).toEqual([{ n: 1 }]);
      await session.end();
      // And the Worker's own log folder can be used again: nothing to recover, no lock held.
      const again = await pool.open({ path: join(dir, 'worker') });
      await again.close();
    });
  }
});

describe('a Worker terminated in the middle of a transaction on an instance of the main thread', () => {
  it('leaves the instance closable cleanly, its transaction rolled back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const schema = {
      columns: { n: { type: 'long', notNull: true } },
      indexes: { primary: { key: ['+n'], primary: true } },
    } as const;
    const instance = await pool.open({ path: join(dir, 'main') });
    const session = instance.beginSession();
    const database = await session.createDatabase(join(dir, 'held.edb'));
    await (await database.createTable('rows', schema)).insert({ n: 1 });
    await holdAndTerminate(dir, 'raw-shared', instance.handle);
    // A clean term: it would fail (JET_errTooManyActiveUsers) with the Worker's transaction
    // still open.
    await session.end();
    await instance.close();
    const again = await pool.open({ path: join(dir, 'main') });
    const table = await (await again.beginSession().attachDatabase(join(dir, 'held.edb'))).openTable('rows', schema);
    const rows: unknown[] = [];
    for await (const row of table.find()) rows.push(row);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
