import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentNotInTransactionError,
  EsentSessionSharingViolationError,
  EsentTransTooDeepError,
  EsentTooManyActiveUsersError,
  EsentInstanceNameInUseError,
  EsentOutOfSessionsError,
  Instance,
  Session,
  jet,
} from '../lib/index.js';
import { currentThreadId, lastCallThreadId } from '../lib/debug.js';
import { InstancePool, runWorker, tempDir, uniqueName } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

describe('Instance', () => {
  it('creates, reports its handle and name, and closes', async () => {
    const name = uniqueName('named');
    const instance = await pool.open({ name });
    expect(typeof instance.handle).toBe('bigint');
    expect(instance.handle).not.toBe(0n);
    expect(instance.name).toBe(name);
    expect(instance.closed).toBe(false);
    await instance.close();
    expect(instance.closed).toBe(true);
    // The handle is gone from the engine.
    expect(() => jet.JetBeginSession(instance.handle)).toThrow();
  });

  it('refuses a second instance with the same name', async () => {
    const name = uniqueName('dup');
    await pool.open({ name });
    await expect(pool.open({ name })).rejects.toBeInstanceOf(EsentInstanceNameInUseError);
  });

  it('applies maxSessions, to which ESE adds the 65 of its own 69 sessions that a started instance leaves free', async () => {
    // daeconst.hxx cpibSystem; jetapi.cxx ErrInitComplete makes the parameter plus those the
    // instance's quota.
    const instance = await pool.open({ maxSessions: 2 });
    const sessions = Array.from({ length: 2 + 65 }, () => instance.beginSession());
    expect(() => instance.beginSession()).toThrow(EsentOutOfSessionsError);
    await sessions.pop()!.end();
    instance.beginSession();
    expect(() => instance.beginSession()).toThrow(EsentOutOfSessionsError);
  });

  it('rejects bad options before reaching the engine', async () => {
    await expect(Instance.create({ name: 'a\0b', path: tempDir() })).rejects.toThrow(TypeError);
    await expect(Instance.create({ maxSessions: -1, path: tempDir() })).rejects.toThrow(RangeError);
    await expect(Instance.create({ path: 42 as unknown as string })).rejects.toThrow(TypeError);
    await expect(Instance.create(null as unknown as object)).rejects.toThrow(TypeError);
  });

  it('refuses new sessions once closed', async () => {
    const instance = await pool.open();
    await instance.close();
    expect(() => instance.beginSession()).toThrow(expect.objectContaining({ code: 'ERR_ESENT_INSTANCE_CLOSED' }));
    // close() again is harmless.
    await instance.close();
  });

  it('close() ends open sessions, rolling back their transactions, after their queued calls', async () => {
    const instance = await pool.open();
    const a = instance.beginSession();
    const b = instance.beginSession();
    await a.beginTransaction();
    const queued = b.beginTransaction();
    expect(instance.sessionCount).toBe(2);
    await instance.close();
    await queued;
    expect(a.ended).toBe(true);
    expect(b.ended).toBe(true);
    await expect(a.commit()).rejects.toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
  });

  it('close() rolls back nested transactions of its own sessions first, so the term succeeds and nothing is kept', async () => {
    const dir = tempDir();
    try {
      const instance = await Instance.create({ name: uniqueName('close-rollback'), path: dir });
      const session = instance.beginSession();
      const database = await session.createDatabase(join(dir, 'close.edb'));
      const table = await database.createTable('t', { columns: { n: { type: 'long' } } });
      await session.beginTransaction();
      await session.beginTransaction();
      await table.insert({ n: 1 });
      await instance.close();
      expect(instance.closed).toBe(true);
      const again = await Instance.create({ name: uniqueName('close-rollback'), path: dir });
      const reader = again.beginSession();
      const reopened = await reader.attachDatabase(join(dir, 'close.edb'));
      const reread = await reopened.openTable('t', { columns: { n: { type: 'long' } } });
      expect(await reread.count()).toBe(0);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a raw-API session in a transaction makes close() fail, abrupt or not, with the instance usable; after its rollback close() succeeds', async () => {
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    jet.JetBeginTransaction(sesid);
    await expect(instance.close()).rejects.toBeInstanceOf(EsentTooManyActiveUsersError);
    expect(instance.closed).toBe(false);
    await expect(instance.close({ abrupt: true })).rejects.toBeInstanceOf(EsentTooManyActiveUsersError);
    expect(instance.closed).toBe(false);
    const session = instance.beginSession();
    await session.beginTransaction();
    await session.commit();
    jet.JetRollback(sesid, 0);
    await instance.close();
    expect(instance.closed).toBe(true);
  });

  it('disposes asynchronously', async () => {
    const instance = await pool.open();
    await instance[Symbol.asyncDispose]();
    expect(instance.closed).toBe(true);
  });
});

describe('Session', () => {
  it('has a unique, non-zero context of its own', async () => {
    const instance = await pool.open();
    const sessions = [instance.beginSession(), instance.beginSession(), instance.beginSession()];
    const contexts = new Set(sessions.map((s) => s.context));
    expect(contexts.size).toBe(3);
    for (const c of contexts) {
      expect(c).not.toBe(0n);
      expect(c).not.toBe(2n ** 64n - 1n);
    }
  });

  it('keeps one transaction open across many awaits served by more than one pool thread', async () => {
    const instance = await pool.open({ maxSessions: 8 });
    const session = instance.beginSession();
    const others = [instance.beginSession(), instance.beginSession(), instance.beginSession()];
    await session.beginTransaction();
    const threads = new Set<number>();
    threads.add(lastCallThreadId(session));
    for (let i = 0; i < 200; i++) {
      // Other sessions keep pool threads busy so that successive calls of `session` land
      // on whichever thread is free.
      const noise = others.map((other) => other.transactionLevel());
      expect(await session.transactionLevel()).toBe(1);
      threads.add(lastCallThreadId(session));
      await Promise.all(noise);
    }
    await session.commit();
    threads.add(lastCallThreadId(session));
    expect(await session.transactionLevel()).toBe(0);
    expect(threads.has(currentThreadId())).toBe(false);
    expect(threads.has(0)).toBe(false);
    expect(threads.size).toBeGreaterThan(1);
  });

  it('runs calls of one session in order and many sessions in parallel without errors', async () => {
    const instance = await pool.open({ maxSessions: 40 });
    const sessions = Array.from({ length: 32 }, () => instance.beginSession());
    const levels = await Promise.all(
      sessions.map(async (session) => {
        const seen: Promise<number>[] = [];
        for (let i = 0; i < 20; i++) {
          // Not awaited: the queue alone must keep begin, level and commit in order.
          void session.beginTransaction();
          seen.push(session.transactionLevel());
          void session.beginTransaction();
          seen.push(session.transactionLevel());
          void session.commit();
          void session.commit();
          seen.push(session.transactionLevel());
        }
        return Promise.all(seen);
      }),
    );
    for (const perSession of levels) {
      expect(perSession).toEqual(Array.from({ length: 20 }, () => [1, 2, 0]).flat());
    }
  });

  it('settles pipelined calls in call order, each with its own outcome', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    const settled: string[] = [];
    const track = <T>(name: string, promise: Promise<T>) =>
      promise.then(
        (value) => {
          settled.push(`${name}:ok`);
          return value;
        },
        (error: unknown) => {
          settled.push(`${name}:${(error as { errno?: number }).errno}`);
          return error;
        },
      );
    const calls = [
      track('begin', session.beginTransaction()),
      track('level1', session.transactionLevel()),
      track('commit', session.commit()),
      track('commitAgain', session.commit()),
      track('level0', session.transactionLevel()),
      track('begin2', session.beginTransaction()),
      track('rollback', session.rollback()),
    ];
    expect(session.pending).toBe(7);
    const results = await Promise.all(calls);
    expect(settled).toEqual([
      'begin:ok',
      'level1:ok',
      'commit:ok',
      'commitAgain:-1054',
      'level0:ok',
      'begin2:ok',
      'rollback:ok',
    ]);
    expect(results[1]).toBe(1);
    expect(results[3]).toBeInstanceOf(EsentNotInTransactionError);
    expect(results[4]).toBe(0);
    expect(session.pending).toBe(0);
  });

  it('maps engine failures to typed errors through the queue', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    await expect(session.commit()).rejects.toBeInstanceOf(EsentNotInTransactionError);
    await expect(session.rollback()).rejects.toMatchObject({ errno: -1054, operation: 'JetRollback' });
    for (let i = 0; i < 7; i++) await session.beginTransaction();
    await expect(session.beginTransaction()).rejects.toBeInstanceOf(EsentTransTooDeepError);
    expect(await session.transactionLevel()).toBe(7);
    await session.rollback({ all: true });
    expect(await session.transactionLevel()).toBe(0);
  });

  it('sync twins run on the calling thread with the same context wrapping', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    session.beginTransactionSync();
    expect(lastCallThreadId(session)).toBe(currentThreadId());
    // Begun in the session's context on the main thread; committed on a pool thread.
    await session.commit();
    expect(lastCallThreadId(session)).not.toBe(currentThreadId());
    await session.beginTransaction();
    expect(session.transactionLevelSync()).toBe(1);
    session.rollbackSync();
    expect(session.transactionLevelSync()).toBe(0);
    expect(() => session.commitSync()).toThrow(EsentNotInTransactionError);
  });

  it('a sync call while async calls are queued throws a clear error, not a sharing violation', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    const queued = session.beginTransaction();
    expect(session.pending).toBe(1);
    let thrown: unknown;
    try {
      session.commitSync();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'ERR_ESENT_SESSION_BUSY' });
    expect(thrown).not.toBeInstanceOf(EsentSessionSharingViolationError);
    await queued;
    expect(session.pending).toBe(0);
    session.commitSync();
  });

  it('transaction() commits what resolves and rolls back what throws, rethrowing the same error', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    const value = await session.transaction(async (s) => {
      expect(await s.transactionLevel()).toBe(1);
      const inner = await s.transaction(async () => s.transactionLevel());
      expect(inner).toBe(2);
      return 'done';
    });
    expect(value).toBe('done');
    expect(await session.transactionLevel()).toBe(0);

    const failure = new Error('boom');
    await expect(
      session.transaction(async (s) => {
        await s.transactionLevel();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await session.transactionLevel()).toBe(0);
    await expect(session.transaction(42 as unknown as () => void)).rejects.toThrow(TypeError);
  });

  it('ended sessions reject further calls; end() is idempotent; ending with an open transaction rolls it back', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    await session.beginTransaction();
    const first = session.end();
    const second = session.end();
    await Promise.all([first, second]);
    expect(session.ended).toBe(true);
    expect(instance.sessionCount).toBe(0);
    await expect(session.beginTransaction()).rejects.toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
    expect(() => session.beginTransactionSync()).toThrow(expect.objectContaining({ code: 'ERR_ESENT_SESSION_ENDED' }));
    await session.end();
    // Its handle is stale in the engine now.
    expect(() => jet.JetBeginTransaction(session.handle)).toThrow(expect.objectContaining({ errno: -1104 }));
  });

  it('calls queued before end() still run; calls after it are refused', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    const begun = session.beginTransaction();
    const level = session.transactionLevel();
    const ended = session.end();
    const late = session.transactionLevel().then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await begun;
    expect(await level).toBe(1);
    await ended;
    expect(await late).toMatchObject({ code: 'ERR_ESENT_SESSION_ENDED' });
  });

  it('end() fails with a typed error while raw-API code holds the context, and the session stays usable', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    jet.JetSetSessionContext(session.handle, 77n);
    await expect(session.end()).rejects.toMatchObject({ errno: -1914, operation: 'JetEndSession' });
    expect(session.ended).toBe(false);
    jet.JetResetSessionContext(session.handle);
    await session.end();
    expect(session.ended).toBe(true);
  });

  it('disposes with Symbol.dispose and Symbol.asyncDispose', async () => {
    const instance = await pool.open();
    const a = instance.beginSession();
    a[Symbol.dispose]();
    expect(a.ended).toBe(true);
    const b = instance.beginSession();
    await b[Symbol.asyncDispose]();
    expect(b.ended).toBe(true);
  });

  it('wraps a raw session handle and rejects non-handles', async () => {
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    const session = new Session(sesid);
    expect(session.handle).toBe(sesid);
    await session.beginTransaction();
    await session.commit();
    await session.end();
    expect(() => new Session(1 as unknown as bigint)).toThrow(TypeError);
  });
});

describe('transactions that move between threads', () => {
  it('begun by the facade in a Worker, committed with the raw API on the main thread', async () => {
    const path = tempDir();
    const name = uniqueName('worker-facade');
    const result = await runWorker<{ levelBefore: number; levelAfter: number }>(
      'facade-begin',
      { path, name },
      (ask) => {
        const { handle, context } = ask as { handle: bigint; context: bigint };
        // Without the context, the main thread is not the owner.
        expect(() => jet.JetCommitTransaction(handle)).toThrow(EsentSessionSharingViolationError);
        jet.JetSetSessionContext(handle, context);
        try {
          jet.JetCommitTransaction(handle);
        } finally {
          jet.JetResetSessionContext(handle);
        }
        return true;
      },
    );
    expect(result).toEqual({ levelBefore: 1, levelAfter: 0 });
  });

  it('begun with the raw API in a Worker under the session context, committed by the facade', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    const { results } = await runWorker<{ results: Array<{ ok: boolean }> }>('jet-steps', {
      steps: [
        { fn: 'JetSetSessionContext', args: [session.handle, session.context] },
        { fn: 'JetBeginTransaction', args: [session.handle] },
        { fn: 'JetResetSessionContext', args: [session.handle] },
      ],
    });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await session.transactionLevel()).toBe(1);
    await session.commit();
    expect(await session.transactionLevel()).toBe(0);
  });

  it('begun by the facade, committed with the raw API in a Worker under the same context', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    await session.beginTransaction();
    const { results } = await runWorker<{ results: Array<{ ok: boolean; errno?: number }> }>('jet-steps', {
      steps: [
        { fn: 'JetCommitTransaction', args: [session.handle] },
        { fn: 'JetSetSessionContext', args: [session.handle, session.context] },
        { fn: 'JetCommitTransaction', args: [session.handle] },
        { fn: 'JetResetSessionContext', args: [session.handle] },
      ],
    });
    expect(results.map((r) => (r.ok ? 0 : r.errno))).toEqual([-1910, 0, 0, 0]);
    expect(await session.transactionLevel()).toBe(0);
  });

  it('a transaction begun without a context in a Worker cannot be finished by the facade', async () => {
    const instance = await pool.open();
    const session = instance.beginSession();
    const { results } = await runWorker<{ results: Array<{ ok: boolean }> }>('jet-steps', {
      steps: [{ fn: 'JetBeginTransaction', args: [session.handle] }],
    });
    expect(results[0]?.ok).toBe(true);
    await expect(session.commit()).rejects.toBeInstanceOf(EsentSessionSharingViolationError);
    await expect(session.rollback()).rejects.toBeInstanceOf(EsentSessionSharingViolationError);
    expect(await session.transactionLevel()).toBe(1);
    // Nothing can end that transaction now: every term but a dirty one refuses.
    await expect(instance.close({ abrupt: true })).rejects.toBeInstanceOf(EsentTooManyActiveUsersError);
    expect(instance.closed).toBe(false);
    await instance.close({ dirty: true });
    expect(instance.closed).toBe(true);
  });
});
