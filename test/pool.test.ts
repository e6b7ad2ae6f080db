// SessionPool: claims decided by the engine's JetSetSessionContext, runs with commit and
// rollback, the line of waiting runs (timeouts, AbortSignal), hand-offs between threads, and
// Workers that end (terminated, crashed) while they hold or wait for a session.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentNotInTransactionError,
  EsentTooManyActiveUsersError,
  JET_bitTermAbrupt,
  EsentTransReadOnlyError,
  EsentWriteConflictError,
  type HandOffToken,
  type Instance,
  type PoolRun,
  type Session,
  SessionPool,
  jet,
} from '../lib/index.js';
import { currentThreadId, lastCallThreadId, liveSessionCalls } from '../lib/debug.js';
import { InstancePool, runWorker, tempDir } from './helpers/instances.js';

const instances = new InstancePool();
afterEach(() => instances.cleanup());

const counterSchema = {
  columns: { id: { type: 'long' }, value: { type: 'long', notNull: true } },
  indexes: { primary: { key: ['+id'], primary: true } },
} as const;

const logSchema = {
  columns: { id: { type: 'long' }, worker: { type: 'long' }, step: { type: 'long' } },
  indexes: { primary: { key: ['+id'], primary: true } },
} as const;

const schemas = { counterSchema, logSchema };

const fixture = new URL('./fixtures/pool-worker.mjs', import.meta.url);

/** Starts the pool-worker fixture on `task` (its workerData also gets the schemas). */
function startWorker(data: Record<string, unknown>): Worker {
  return new Worker(fixture, { workerData: { ...data, schemas } });
}

function poolWorker<T>(data: Record<string, unknown>): Promise<T> {
  return runWorker<T>('pool-worker', { ...data, schemas });
}

interface Setup {
  instance: Instance;
  pool: SessionPool;
  path: string;
}

/** An instance with a database holding `counters` (rows 0..counterRows-1 at 0) and `log`. */
async function setUp(size: number, counterRows = 1): Promise<Setup> {
  const dir = tempDir();
  const instance = await instances.open({ path: dir, maxSessions: 64, maxVerPages: 4096 });
  const path = join(dir, 'pool.edb');
  const session = instance.beginSession();
  const database = await session.createDatabase(path);
  const counters = await database.createTable('counters', counterSchema);
  await database.createTable('log', logSchema);
  await counters.insertMany(Array.from({ length: counterRows }, (_, id) => ({ id, value: 0 })));
  await database.close();
  await session.end();
  return { instance, pool: instance.sessionPool({ size }), path };
}

async function tables(session: Session, path: string) {
  const database = await session.openDatabase(path);
  return {
    counters: await database.openTable('counters', counterSchema),
    log: await database.openTable('log', logSchema),
  };
}

/**
 * Every session call of the process, the dead Workers' included, is settled or freed. Calls of
 * an environment that went away are freed by the thread that finishes them, so this waits
 * (with a hang limit) for the count to reach zero.
 */
async function expectNoCallLeft(): Promise<void> {
  for (let waited = 0; liveSessionCalls() !== 0 && waited < 20_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(liveSessionCalls()).toBe(0);
}

/** The ids of the log rows a committed snapshot sees. */
function logIds(pool: SessionPool, path: string): Promise<number[]> {
  return pool.run(async (session) => {
    const { log } = await tables(session, path);
    const ids: number[] = [];
    for await (const row of log.find()) ids.push(row.id!);
    return ids;
  });
}

/**
 * Holds every session of the pool at once (which only works if every one can be claimed),
 * then checks with the raw API that each is free again afterwards: a context can be set on
 * it from this thread. Returns the session handles.
 */
async function expectAllClaimable(pool: SessionPool): Promise<bigint[]> {
  let inside = 0;
  let allInside!: () => void;
  const gathered = new Promise<void>((resolve) => (allInside = resolve));
  const handles = await Promise.all(
    Array.from({ length: pool.size }, () =>
      pool.run(
        async (session) => {
          if (++inside === pool.size) allInside();
          await gathered;
          return session.handle;
        },
        // A stuck session would make this wait for ever; say so instead.
        { timeout: 60_000 },
      ),
    ),
  );
  expect(new Set(handles).size).toBe(pool.size);
  for (const handle of handles) {
    jet.JetSetSessionContext(handle, 0x7001n);
    jet.JetResetSessionContext(handle);
  }
  return handles;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SessionPool: runs', () => {
  it('commits what a run does and resolves with its result', async () => {
    const { pool, path } = await setUp(2);
    const result = await pool.run(async (session, run) => {
      expect(run.session).toBe(session);
      expect(run.index === 0 || run.index === 1).toBe(true);
      expect(await session.transactionLevel()).toBe(1);
      const { log } = await tables(session, path);
      await log.insert({ id: 1, worker: 0, step: 0 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await logIds(pool, path)).toEqual([1]);
  });

  it('rolls back a run that throws, and rethrows its error', async () => {
    const { pool, path } = await setUp(2);
    const failure = new Error('no');
    await expect(
      pool.run(async (session) => {
        const { log } = await tables(session, path);
        await log.insert({ id: 1, worker: 0, step: 0 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await logIds(pool, path)).toEqual([]);
    await expectAllClaimable(pool);
  });

  it('runs without a transaction of its own: each write commits by itself', async () => {
    const { pool, path } = await setUp(1);
    await expect(
      pool.run(
        async (session) => {
          expect(await session.transactionLevel()).toBe(0);
          const { log } = await tables(session, path);
          await log.insert({ id: 1, worker: 0, step: 0 });
          await session.transaction(() => log.insert({ id: 2, worker: 0, step: 0 }));
          throw new Error('after the writes');
        },
        { transaction: false },
      ),
    ).rejects.toThrow('after the writes');
    expect(await logIds(pool, path)).toEqual([1, 2]);
  });

  it('gives a read-only transaction with readOnly', async () => {
    const { pool, path } = await setUp(1);
    await expect(
      pool.run(
        async (session) => {
          const { log } = await tables(session, path);
          await log.insert({ id: 1, worker: 0, step: 0 });
        },
        { readOnly: true },
      ),
    ).rejects.toBeInstanceOf(EsentTransReadOnlyError);
    expect(await logIds(pool, path)).toEqual([]);
  });

  it('rolls back levels a run leaves open, and the run with them', async () => {
    const { pool, path } = await setUp(1);
    await expect(
      pool.run(async (session) => {
        const { log } = await tables(session, path);
        await log.insert({ id: 1, worker: 0, step: 0 });
        await session.beginTransaction();
      }),
    ).rejects.toMatchObject({ code: 'ERR_ESENT_TRANSACTION_LEFT_OPEN' });
    await expect(
      pool.run(
        async (session) => {
          await session.beginTransaction();
        },
        { transaction: false },
      ),
    ).rejects.toMatchObject({ code: 'ERR_ESENT_TRANSACTION_LEFT_OPEN' });
    expect(await logIds(pool, path)).toEqual([]);
    // A run may end its own transaction itself.
    await pool.run(async (session) => {
      const { log } = await tables(session, path);
      await log.insert({ id: 2, worker: 0, step: 0 });
      await session.commit();
    });
    expect(await logIds(pool, path)).toEqual([2]);
  });

  it('runs every call of a run on one thread, not the caller, with the claim context held', async () => {
    const { pool } = await setUp(1);
    await pool.run(async (session, run) => {
      await session.transactionLevel();
      const thread = lastCallThreadId(session);
      expect(thread).not.toBe(currentThreadId());
      await session.beginTransaction();
      await session.commit();
      expect(session.transactionLevelSync()).toBe(1);
      expect(lastCallThreadId(session)).toBe(thread);
      expect(session.context).toBe(run.context);
      // The context is set on the session for the whole run: another setter is refused.
      expect(() => jet.JetSetSessionContext(session.handle, 0x7002n)).toThrow(
        expect.objectContaining({ code: 'JET_errSessionContextAlreadySet' }),
      );
    });
  });

  it('refuses to end a pool session, and calls after the run has ended', async () => {
    const { pool, path } = await setUp(1);
    let kept: Session | undefined;
    await pool.run(async (session) => {
      kept = session;
      await expect(session.end()).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_SESSION' });
      expect(() => session.endSync()).toThrow(expect.objectContaining({ code: 'ERR_ESENT_POOL_SESSION' }));
      await tables(session, path);
    });
    await expect(kept!.transactionLevel()).rejects.toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
    expect(() => kept!.transactionLevelSync()).toThrow(expect.objectContaining({ code: 'ERR_ESENT_SESSION_ENDED' }));
    expect(kept!.databases).toEqual([]);
  });

  it('closes the tables and databases a run opened', async () => {
    const { pool, path } = await setUp(1);
    await pool.run(async (session) => {
      const { counters } = await tables(session, path);
      expect(counters.closed).toBe(false);
    });
    // Detaching needs every session to have closed the database.
    await pool.run(async (session) => {
      await session.detachDatabase(path);
    }, { transaction: false });
  });

  it('returns conflicts as errors and loses no update when runs retry them', async () => {
    const { pool, path } = await setUp(4);
    const addOne = () =>
      pool.run(async (session) => {
        const { counters } = await tables(session, path);
        const row = await counters.get(0);
        await new Promise((resolve) => setImmediate(resolve));
        await counters.update(0, { value: row!.value + 1 });
      });
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        for (;;) {
          try {
            return await addOne();
          } catch (error) {
            if (!(error instanceof EsentWriteConflictError)) throw error;
            conflicts++;
          }
        }
      }),
    );
    const total = await pool.run(async (session) => (await (await tables(session, path)).counters.get(0))!.value);
    expect(total).toBe(40);
    expect(conflicts).toBeGreaterThanOrEqual(0);
  });

  it('checks its arguments', async () => {
    const { pool } = await setUp(1);
    await expect(pool.run(42 as never)).rejects.toThrow(TypeError);
    await expect(pool.run(async () => 1, { timeout: -1 })).rejects.toThrow(RangeError);
    await expect(pool.run(async () => 1, { timeout: Number.NaN })).rejects.toThrow(RangeError);
    await expect(pool.run(async () => 1, { signal: {} as never })).rejects.toThrow(TypeError);
    await expect(pool.run(async () => 1, null as never)).rejects.toThrow(TypeError);
  });
});

describe('SessionPool: waiting for a session', () => {
  it('serves waiting runs in the order they asked', async () => {
    const { pool } = await setUp(1);
    const order: number[] = [];
    const first = deferred();
    expect(pool.waiting).toBe(0);
    const runs = [pool.run(() => first.promise.then(() => order.push(0)))];
    for (let i = 1; i <= 5; i++) runs.push(pool.run(async () => order.push(i)));
    // Released only once all five are in line (docs/pool.md: a release during a run's own
    // attempt may serve the line first).
    while (pool.waiting < 5) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(pool.waiting).toBe(5);
    first.resolve();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.waiting).toBe(0);
  });

  it('serves every run asked while one holds the session once, the later askers in order', async () => {
    const { pool } = await setUp(1);
    // Asked while the session is held but nobody waits: the first run makes an attempt of its
    // own, and those asked just after join the line, before or after that attempt fails. A
    // release while it is under way may let the first in line pass it (docs/pool.md).
    for (let round = 0; round < 20; round++) {
      const order: number[] = [];
      const first = deferred();
      const holding = deferred();
      const runs = [
        pool.run(async () => {
          holding.resolve();
          await first.promise;
          order.push(0);
        }),
      ];
      await holding.promise;
      for (let i = 1; i <= 5; i++) runs.push(pool.run(async () => void order.push(i)));
      first.resolve();
      await Promise.all(runs);
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(order.filter((i) => i > 1)).toEqual([2, 3, 4, 5]);
    }
  });

  it('gives up after timeout, leaving the line and the sessions as they were', async () => {
    const { pool } = await setUp(1);
    const release = deferred();
    const holder = pool.run(() => release.promise);
    let ran = false;
    await expect(pool.run(async () => (ran = true), { timeout: 1 })).rejects.toMatchObject({
      code: 'ERR_ESENT_POOL_TIMEOUT',
    });
    const after = pool.run(async () => 'next');
    release.resolve();
    await holder;
    expect(await after).toBe('next');
    expect(ran).toBe(false);
    await expectAllClaimable(pool);
  });

  it('gives up when its signal aborts, with the signal reason', async () => {
    const { pool } = await setUp(1);
    const release = deferred();
    const holder = pool.run(() => release.promise);
    const controller = new AbortController();
    const reason = new Error('stop waiting');
    const waiting = pool.run(async () => 'ran', { signal: controller.signal });
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(pool.run(async () => 'ran', { signal: controller.signal })).rejects.toBe(reason);
    release.resolve();
    await holder;
    await expectAllClaimable(pool);
  });

  it('a run that waits behind claims given up before they tried is served: the pool has free sessions', async () => {
    const { pool } = await setUp(2);
    // The two aborted claims take the pool's two attempts; the third joins the line behind
    // them without trying, and the aborted ones, ending, must wake it.
    for (let round = 0; round < 100; round++) {
      const abort = new AbortController();
      const given = [pool.run(async () => 0, { signal: abort.signal }), pool.run(async () => 0, { signal: abort.signal })];
      const settled = Promise.allSettled(given);
      abort.abort();
      expect(await pool.run(async () => round, { transaction: false })).toBe(round);
      for (const result of await settled) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ name: 'AbortError' });
      }
    }
    await expectAllClaimable(pool);
  });

  it('a run that is held as its timeout fires ends untouched', async () => {
    const { pool, path } = await setUp(2);
    // Timeouts of 0 race the claim; whichever wins, nothing runs twice and nothing is lost.
    let ran = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        pool.run(
          async (session) => {
            ran++;
            const { log } = await tables(session, path);
            await log.insert({ id: i, worker: 0, step: 0 });
          },
          { timeout: 0 },
        ),
      ),
    );
    const fulfilled = results.filter((result) => result.status === 'fulfilled').length;
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'ERR_ESENT_POOL_TIMEOUT' });
    }
    expect(ran).toBe(fulfilled);
    expect((await logIds(pool, path)).length).toBe(fulfilled);
    await expectAllClaimable(pool);
  });
});

describe('SessionPool: hand-off', () => {
  it('moves a transaction from one run to another: invisible until the adopter commits', async () => {
    const { pool, path } = await setUp(2);
    const token = await pool.run(async (session, run: PoolRun) => {
      const { log } = await tables(session, path);
      await log.insert({ id: 1, worker: 0, step: 1 });
      return run.handOff();
    });
    expect(token).toEqual({ pool: pool.token, session: expect.any(Number), context: expect.any(BigInt) });
    expect(await logIds(pool, path)).toEqual([]);
    const level = await pool.adopt(token, async (session) => {
      const { log } = await tables(session, path);
      await log.insert({ id: 2, worker: 0, step: 2 });
      return session.transactionLevel();
    });
    expect(level).toBe(1);
    expect(await logIds(pool, path)).toEqual([1, 2]);
    await expect(pool.adopt(token, async () => 'again')).rejects.toMatchObject({ code: 'ERR_ESENT_HANDOFF_STALE' });
  });

  it('an adopter that throws rolls the whole transaction back', async () => {
    const { pool, path } = await setUp(1);
    const token = await pool.run(async (session, run) => {
      await (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 1 });
      return run.handOff();
    });
    await expect(
      pool.adopt(token, async () => {
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await logIds(pool, path)).toEqual([]);
    await expectAllClaimable(pool);
  });

  it('a handed-off transaction keeps its session out of other runs until adopted', async () => {
    const { pool, path } = await setUp(1);
    const token = await pool.run(async (session, run) => {
      await (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 1 });
      return run.handOff();
    });
    await expect(pool.run(async () => 'ran', { timeout: 5 })).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_TIMEOUT' });
    const waiting = pool.run(async () => 'ran after');
    await pool.adopt(token, async () => undefined);
    expect(await waiting).toBe('ran after');
    expect(await logIds(pool, path)).toEqual([1]);
  });

  it('hands off only an open transaction', async () => {
    const { pool, path } = await setUp(1);
    const result = await pool.run(
      async (session, run) => {
        await expect(run.handOff()).rejects.toBeInstanceOf(EsentNotInTransactionError);
        // The run goes on.
        await (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 0 });
        return 'went on';
      },
      { transaction: false },
    );
    expect(result).toBe('went on');
    expect(await logIds(pool, path)).toEqual([1]);
  });

  it('refuses tokens that are not of this pool', async () => {
    const { pool, instance } = await setUp(1);
    const other = instance.sessionPool({ size: 1 });
    const token = await other.run((_, run) => run.handOff());
    await expect(pool.adopt(token, async () => 1)).rejects.toThrow(TypeError);
    await expect(pool.adopt({ ...token, session: 5 }, async () => 1)).rejects.toThrow(TypeError);
    await expect(pool.adopt({} as HandOffToken, async () => 1)).rejects.toThrow(TypeError);
    await expect(other.adopt({ ...token, context: token.context + 16n }, async () => 1)).rejects.toMatchObject({
      code: 'ERR_ESENT_HANDOFF_STALE',
    });
    await other.adopt(token, async () => 1);
  });

  it('rolls back hand-offs nobody adopted when the pool closes', async () => {
    const { pool, path, instance } = await setUp(1);
    const token = await pool.run(async (session, run) => {
      await (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 1 });
      return run.handOff();
    });
    await pool.close();
    await expect(pool.adopt(token, async () => 1)).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_CLOSED' });
    const reader = instance.sessionPool({ size: 1 });
    expect(await logIds(reader, path)).toEqual([]);
  });
});

// Named so that their frames can be found in a stack. Each awaits the call: the frames of a
// rejection are the async functions awaiting it (configure({ callerStack }) in docs/api.md).
async function theCallerRuns<T>(pool: SessionPool, fn: (session: Session, run: PoolRun) => Promise<T>, timeout?: number) {
  return await pool.run(fn, timeout === undefined ? {} : { timeout });
}
async function theCallerAdopts(pool: SessionPool, token: HandOffToken) {
  return await pool.adopt(token, async () => undefined);
}
async function theCallerHandsOff(run: PoolRun) {
  return await run.handOff();
}

describe("SessionPool: the caller's stack", () => {
  async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
    return promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (error: Error & { code?: string }) => error,
    );
  }

  function expectCallerFrames(error: Error, caller: string): void {
    const stack = String(error.stack);
    expect(stack.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
    expect(stack).toContain(caller);
    expect(stack).toContain('pool.test.ts');
    expect(stack).not.toMatch(/[\\/](lib|dist)[\\/]pool\.[jt]s/);
  }

  it('errors of the pool itself carry the frames of the code that called run, adopt or handOff', async () => {
    const { pool, path } = await setUp(1);

    const release = deferred();
    const holder = pool.run(() => release.promise);
    const timedOut = await rejection(theCallerRuns(pool, async () => undefined, 1));
    expect(timedOut.code).toBe('ERR_ESENT_POOL_TIMEOUT');
    expectCallerFrames(timedOut, 'theCallerRuns');
    release.resolve();
    await holder;

    const leftOpen = await rejection(
      theCallerRuns(pool, async (session) => {
        await session.beginTransaction();
      }),
    );
    expect(leftOpen.code).toBe('ERR_ESENT_TRANSACTION_LEFT_OPEN');
    expectCallerFrames(leftOpen, 'theCallerRuns');

    const notInTransaction = await pool.run(async (_, run) => rejection(theCallerHandsOff(run)), { transaction: false });
    expect(notInTransaction).toBeInstanceOf(EsentNotInTransactionError);
    expectCallerFrames(notInTransaction, 'theCallerHandsOff');

    const token = await pool.run(async (session, run) => {
      await (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 0 });
      return run.handOff();
    });
    await theCallerAdopts(pool, token);
    const stale = await rejection(theCallerAdopts(pool, token));
    expect(stale.code).toBe('ERR_ESENT_HANDOFF_STALE');
    expectCallerFrames(stale, 'theCallerAdopts');

    await pool.close();
    const closed = await rejection(theCallerRuns(pool, async () => undefined));
    expect(closed.code).toBe('ERR_ESENT_POOL_CLOSED');
    expectCallerFrames(closed, 'theCallerRuns');
  });

  it("the run function's own error comes back as it was thrown", async () => {
    const { pool } = await setUp(1);
    const thrown = new Error('mine');
    const stack = thrown.stack;
    const error = await rejection(
      theCallerRuns(pool, async () => {
        throw thrown;
      }),
    );
    expect(error).toBe(thrown);
    expect(error.stack).toBe(stack);
  });
});

describe('SessionPool: tokens and closing', () => {
  it('SessionPool.from(token) reaches the same pool', async () => {
    const { pool, path } = await setUp(1);
    const same = SessionPool.from(pool.token);
    expect(same.token).toEqual(pool.token);
    expect(same.size).toBe(1);
    // One session: a run through either handle waits for a run through the other.
    const release = deferred();
    const holder = pool.run(() => release.promise);
    await expect(same.run(async () => 1, { timeout: 5 })).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_TIMEOUT' });
    release.resolve();
    await holder;
    await same.run(async (session) => (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 0 }));
    expect(await logIds(pool, path)).toEqual([1]);
  });

  it('refuses tokens of other processes, of closed pools, and other values', async () => {
    const { pool } = await setUp(1);
    expect(() => SessionPool.from({ pid: process.pid + 1, pool: pool.token.pool })).toThrow(TypeError);
    expect(() => SessionPool.from({ pid: process.pid, pool: 0 })).toThrow(TypeError);
    expect(() => SessionPool.from('1' as never)).toThrow(TypeError);
    expect(() => SessionPool.from({ pid: process.pid, pool: 1e9 })).toThrow(
      expect.objectContaining({ code: 'ERR_ESENT_POOL_CLOSED' }),
    );
    await pool.close();
    expect(() => SessionPool.from(pool.token)).toThrow(expect.objectContaining({ code: 'ERR_ESENT_POOL_CLOSED' }));
  });

  it('close waits for runs under way, refuses those waiting and later ones, and ends the sessions', async () => {
    const { pool, path } = await setUp(1);
    const release = deferred();
    const handle = deferred();
    let sesid = 0n;
    const holder = pool.run(async (session) => {
      sesid = session.handle;
      handle.resolve();
      await release.promise;
      await (await tables(session, path)).log.insert({ id: 1, worker: 0, step: 0 });
    });
    await handle.promise;
    const waiting = pool.run(async () => 'ran');
    const closing = pool.close();
    expect(pool.closed).toBe(true);
    await expect(waiting).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_CLOSED' });
    await expect(pool.run(async () => 'ran')).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_CLOSED' });
    release.resolve();
    await holder;
    await closing;
    await pool.close();
    // The session is gone from the engine.
    expect(() => jet.JetSetSessionContext(sesid, 0x7003n)).toThrow(expect.objectContaining({ code: 'JET_errInvalidSesid' }));
  });

  it('instance.close() closes its pools first', async () => {
    const { pool, instance } = await setUp(2);
    const release = deferred();
    const inside = deferred();
    const holder = pool.run(() => {
      inside.resolve();
      return release.promise;
    });
    await inside.promise;
    const closing = instance.close();
    release.resolve();
    await holder;
    await closing;
    expect(pool.closed).toBe(true);
    expect(() => instance.sessionPool()).toThrow(expect.objectContaining({ code: 'ERR_ESENT_INSTANCE_CLOSED' }));
  });

  it('a raw JetTerm2 of the instance retires the pool: held runs and waiting ones get ERR_ESENT_POOL_CLOSED', async () => {
    const { pool, instance } = await setUp(1);
    const inside = deferred();
    const terminated = deferred();
    const holder = pool.run(
      async (session) => {
        inside.resolve();
        await terminated.promise;
        await session.transactionLevel();
      },
      { transaction: false },
    );
    await inside.promise;
    const waiting = expect(pool.run(async () => 'ran')).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_CLOSED' });
    jet.JetTerm2(instance.handle, JET_bitTermAbrupt);
    terminated.resolve();
    await expect(holder).rejects.toMatchObject({ code: 'ERR_ESENT_POOL_CLOSED' });
    await waiting;
    expect(pool.closed).toBe(true);
    await pool.close();
  });

  it('a term that ESE refuses (a run in a transaction) leaves the pool working', async () => {
    const { pool, instance } = await setUp(1);
    const inside = deferred();
    const refused = deferred();
    const holder = pool.run(async (session) => {
      inside.resolve();
      await refused.promise;
      return session.transactionLevel();
    });
    await inside.promise;
    expect(() => jet.JetTerm2(instance.handle, JET_bitTermAbrupt)).toThrow(EsentTooManyActiveUsersError);
    refused.resolve();
    expect(await holder).toBe(1);
    expect(await pool.run(async () => 'still open')).toBe('still open');
  });

  it('checks the size', async () => {
    const { instance } = await setUp(1);
    expect(() => instance.sessionPool({ size: 0 })).toThrow(RangeError);
    expect(() => instance.sessionPool({ size: 1.5 })).toThrow(RangeError);
    expect(() => instance.sessionPool(null as never)).toThrow(TypeError);
  });
});

describe('the raw-API recipe: JetSetSessionContext to claim, JetResetSessionContext to release', () => {
  it('Workers claiming raw sessions never share one, and leave them all free', async () => {
    const { instance } = await setUp(1);
    const sessions = [jet.JetBeginSession(instance.handle), jet.JetBeginSession(instance.handle)];
    const occupancy = new SharedArrayBuffer(4 * sessions.length);
    const found = await Promise.all(
      Array.from({ length: 4 }, (_, worker) =>
        poolWorker<{ claims: number; doubleClaims: number; failures: string[] }>({
          task: 'rawClaims',
          sessions,
          context: 0x1000n + BigInt(worker) * 2n + 1n,
          iterations: 2000,
          occupancy,
        }),
      ),
    );
    expect(found.flatMap((f) => f.failures)).toEqual([]);
    expect(found.reduce((sum, f) => sum + f.doubleClaims, 0)).toBe(0);
    expect(found.every((f) => f.claims > 0)).toBe(true);
    for (const sesid of sessions) {
      jet.JetSetSessionContext(sesid, 0x7004n);
      jet.JetResetSessionContext(sesid);
      jet.JetEndSession(sesid);
    }
  });
});

describe('SessionPool: Workers', () => {
  it('8 Workers x 1,000 runs over 4 sessions on one table: no double claim, no lost update, no sharing violation', async () => {
    const workers = 8;
    const runs = 1000;
    const lanes = 2;
    const size = 4;
    const { pool, path } = await setUp(size, 1 + workers * lanes);
    const occupancy = new SharedArrayBuffer(4 * size);
    const found = await Promise.all(
      Array.from({ length: workers }, (_, worker) =>
        poolWorker<{ doubleClaims: number; conflicts: number; failures: string[] }>({
          task: 'stress',
          token: pool.token,
          path,
          worker,
          runs,
          lanes,
          occupancy,
        }),
      ),
    );
    expect(found.flatMap((f) => f.failures)).toEqual([]);
    expect(found.reduce((sum, f) => sum + f.doubleClaims, 0)).toBe(0);
    const totals = await pool.run(async (session) => {
      const { counters } = await tables(session, path);
      let lanesTotal = 0;
      let logged = 0;
      // Row 0 is shared by every run, rows 1 to workers * lanes are the lanes', and each
      // run logged itself in a row from 1,000,000 up (test/fixtures/pool-worker.mjs).
      for await (const row of counters.find()) {
        if (row.id! >= 1_000_000) logged++;
        else if (row.id !== 0) lanesTotal += row.value;
      }
      return { shared: (await counters.get(0))!.value, lanesTotal, logged };
    });
    expect(totals).toEqual({ shared: workers * runs, lanesTotal: workers * runs, logged: workers * runs });
    expect(new Int32Array(occupancy)).toEqual(new Int32Array(size));
    await expectAllClaimable(pool);
    // A limit for a hung run, not a speed check: Windows Node under Wine on a loaded two-core
    // machine has taken over ten minutes for the 8,000 runs.
  }, 1_800_000);

  it('a transaction begun on Worker A and committed on Worker B is visible to Worker C', async () => {
    const { pool, path } = await setUp(2);
    const read = () => poolWorker<boolean[]>({ task: 'read', token: pool.token, path, ids: [1, 2] });
    // A hands off and exits: the transaction outlives the Worker that began it.
    const token = await poolWorker<HandOffToken>({ task: 'handOff', token: pool.token, path, id: 1 });
    expect(await read()).toEqual([false, false]);
    const level = await poolWorker<number>({
      task: 'adopt',
      token: pool.token,
      path,
      handOffToken: token,
      id: 2,
    });
    expect(level).toBe(1);
    expect(await read()).toEqual([true, true]);
    await expect(pool.adopt(token, async () => 1)).rejects.toMatchObject({ code: 'ERR_ESENT_HANDOFF_STALE' });
  });

  for (const crash of [false, true]) {
    it(`a Worker ${crash ? 'that crashes' : 'terminated'} while holding a session: rolled back, session free`, async () => {
      const { pool, path } = await setUp(2);
      const worker = startWorker({ task: 'hold', token: pool.token, path, id: 1, crash });
      const exited = new Promise<number>((resolve) => worker.on('exit', resolve));
      worker.on('error', () => undefined);
      await new Promise<void>((resolve) => worker.on('message', (m: { holding?: number }) => m.holding !== undefined && resolve()));
      if (!crash) await worker.terminate();
      expect(await exited).toBe(1);
      expect(await logIds(pool, path)).toEqual([]);
      await expectAllClaimable(pool);
      await pool.close();
    });
  }

  it('a Worker terminated while waiting in line leaves the line', async () => {
    const { pool } = await setUp(1);
    const release = deferred();
    const holder = pool.run(() => release.promise);
    const worker = startWorker({ task: 'wait', token: pool.token });
    await new Promise<void>((resolve) => worker.on('message', (m: { waiting?: boolean }) => m.waiting && resolve()));
    await worker.terminate();
    const next = pool.run(async () => 'served');
    release.resolve();
    await holder;
    expect(await next).toBe('served');
    await expectAllClaimable(pool);
  });

  it('a Worker terminated with a run\'s calls queued leaves no call behind, nothing committed and the session free', async () => {
    const { pool, path } = await setUp(1);
    for (let round = 0; round < 5; round++) {
      const worker = startWorker({ task: 'flood', token: pool.token, path, calls: 400 });
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (message: { ready?: boolean; error?: string }) => {
          if (message.error) reject(new Error(message.error));
          // Some rounds end it at once, with every call waiting; others while they run.
          if (message.ready) setTimeout(() => void worker.terminate(), round * 2);
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
      });
    }
    await expectAllClaimable(pool);
    const logged = await pool.run(async (session) => {
      const { log } = await tables(session, path);
      return log.count();
    });
    expect(logged).toBe(0);
    await expectNoCallLeft();
    await pool.close();
  });

  it('Workers terminated at random points of 1,000 runs: every run committed whole or rolled back, every session free', async () => {
    const total = 1000;
    const rowsPerRun = 3;
    const live = 4;
    const { pool, path } = await setUp(4);
    const next = new SharedArrayBuffer(4);
    const committed = new Set<number>();
    let terminated = 0;
    await new Promise<void>((resolve, reject) => {
      const workers = new Set<Worker>();
      const spawn = (): void => {
        const worker = startWorker({ task: 'churn', token: pool.token, path, next, total, rowsPerRun });
        workers.add(worker);
        let doomed = false;
        const terminateWithin = (ms: number): void => {
          if (doomed) return;
          doomed = true;
          setTimeout(() => {
            if (!workers.has(worker)) return;
            terminated++;
            void worker.terminate();
          }, Math.random() * ms);
        };
        worker.on('message', (message: { ready?: boolean; committed?: number; error?: string }) => {
          if (message.committed !== undefined) committed.add(message.committed);
          if (message.error) reject(new Error(message.error));
          // Most Workers die at a random moment of their work: waiting for a session,
          // claiming one, in the middle of a run's calls, committing, releasing.
          if (message.ready && Math.random() < 0.8) terminateWithin(40);
          // On a fast machine a Worker can finish its share before that timer fires, so its
          // progress decides too: now and then a commit dooms it within the next run.
          if (message.committed !== undefined && Math.random() < 0.05) terminateWithin(2);
        });
        worker.on('error', reject);
        worker.on('exit', () => {
          workers.delete(worker);
          if (Atomics.load(new Int32Array(next), 0) < total) spawn();
          else if (workers.size === 0) resolve();
        });
      };
      for (let i = 0; i < live; i++) spawn();
    });
    expect(terminated).toBeGreaterThan(0);
    const rowsByRun = await pool.run(async (session) => {
      const { log } = await tables(session, path);
      const counts = new Map<number, number>();
      for await (const row of log.find()) counts.set(row.worker!, (counts.get(row.worker!) ?? 0) + 1);
      return counts;
    });
    const partial = [...rowsByRun].filter(([, count]) => count !== rowsPerRun);
    expect(partial).toEqual([]);
    const lost = [...committed].filter((id) => rowsByRun.get(id) !== rowsPerRun);
    expect(lost).toEqual([]);
    await expectAllClaimable(pool);
    await expectNoCallLeft();
    await pool.close();
  }, 600_000);
});
