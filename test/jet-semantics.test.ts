// The session, context and transaction rules of ESE (docs/api.md, "Threads, contexts and
// transactions"), checked one by one through the raw `jet` API against whichever engine the
// package loads (the ESE emulator off Windows).
// Each rule is checked with its exact error class, errno and operation. "Another thread" is
// a Worker running raw `jet` calls (test/fixtures/jet-*.mjs); handles travel as bigint.
import { rmSync } from 'node:fs';
import { join, sep } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentAlreadyInitializedError,
  EsentClientRequestToStopJetServiceError,
  EsentDirtyShutdownError,
  EsentError,
  EsentInvalidTableIdError,
  EsentUpdateNotPreparedError,
  JET_coltypLong,
  JET_prepInsert,
  JET_prepCancel,
  JET_MoveFirst,
  EsentInstanceNameInUseError,
  EsentInvalidGrbitError,
  EsentInvalidInstanceError,
  EsentInvalidParameterError,
  EsentInvalidPathError,
  EsentInvalidSesidError,
  EsentInvalidSesparamIdError,
  EsentNotInitializedError,
  EsentNotInTransactionError,
  EsentOutOfSessionsError,
  EsentRunningInOneInstanceModeError,
  EsentSessionContextAlreadySetError,
  EsentSessionContextNotSetByThisThreadError,
  EsentSessionInUseError,
  EsentSessionSharingViolationError,
  EsentTempPathInUseError,
  EsentTooManyActiveUsersError,
  EsentTooManyInstancesError,
  EsentTransTooDeepError,
  JET_bitCommitLazyFlush,
  JET_bitRollbackAll,
  JET_bitStopServiceAll,
  JET_bitStopServiceBackgroundUserTasks,
  JET_bitStopServiceResume,
  JET_bitTermAbrupt,
  JET_bitTermDirty,
  JET_bitTermComplete,
  JET_bitTransactionReadOnly,
  JET_bitWaitLastLevel0Commit,
  JET_errcatApi,
  JET_errcatError,
  JET_errcatFatal,
  JET_errcatMemory,
  JET_errcatOperation,
  JET_errcatResource,
  JET_errcatUsage,
  JET_instanceNil,
  JET_paramBaseName,
  JET_paramCreatePathIfNotExist,
  JET_paramLogFilePath,
  JET_paramMaxInstances,
  JET_paramMaxSessions,
  JET_DbInfoPageSize,
  JET_paramSystemPath,
  JET_paramTempPath,
  JET_sesidNil,
  JET_sesparamTransactionLevel,
  jet,
} from '../lib/index.js';
import { currentThreadId } from '../lib/debug.js';
import { runWorker, tempDir, uniqueName } from './helpers/instances.js';
import { runFixture } from './helpers/processes.js';
import { expectJetError } from './helpers/expect-jet-error.js';

// ---- helpers ------------------------------------------------------------------------------

const opened: bigint[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const instance of opened.splice(0)) {
    try {
      // Dirty: the one term mode that goes past transactions a test left open.
      jet.JetTerm2(instance, JET_bitTermDirty);
    } catch {
      // JET_errDirtyShutdown, or already terminated by the test
    }
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder (with its trailing separator, as ESE folder parameters are spelled). */
function freshFolder(): string {
  const folder = tempDir();
  folders.push(folder);
  return folder + sep;
}

/** Creates a uniquely named instance with its own folders; terminated after the test. */
function createInstance(prefix: string, folder = freshFolder()): bigint {
  const instance = jet.JetCreateInstance2(uniqueName(prefix), null, 0);
  opened.push(instance);
  jet.JetSetSystemParameter(instance, 0n, JET_paramSystemPath, 0, folder);
  jet.JetSetSystemParameter(instance, 0n, JET_paramLogFilePath, 0, folder);
  jet.JetSetSystemParameter(instance, 0n, JET_paramTempPath, 0, folder);
  return instance;
}

function startInstance(prefix: string, maxSessions?: number): bigint {
  const instance = createInstance(prefix);
  if (maxSessions !== undefined) jet.JetSetSystemParameter(instance, 0n, JET_paramMaxSessions, maxSessions);
  expect(jet.JetInit3(instance, 0)).toBe(0);
  return instance;
}

function level(sesid: bigint): number {
  return jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel);
}

interface StepResult {
  ok: boolean;
  value?: unknown;
  errno?: number;
  name?: string;
}
interface Step {
  fn: keyof typeof jet;
  args: unknown[];
  ask?: boolean;
}

/** Runs raw `jet` calls in order on a Worker's thread; `onAsk` runs on this thread when a step asks. */
async function onWorker(
  steps: Step[],
  onAsk?: (step: number) => unknown,
): Promise<{ results: StepResult[]; threadId: number }> {
  return runWorker('jet-steps', { steps }, (message) => onAsk?.((message as { step: number }).step));
}

function expectFailed(result: StepResult | undefined, errorClass: { name: string }, errno: number): void {
  expect(result).toMatchObject({ ok: false, errno, name: errorClass.name });
}

const SESSION_CALLS: Array<[string, (sesid: bigint) => unknown]> = [
  ['JetSetSessionContext', (s) => jet.JetSetSessionContext(s, 0x77n)],
  ['JetResetSessionContext', (s) => jet.JetResetSessionContext(s)],
  ['JetBeginTransaction', (s) => jet.JetBeginTransaction(s)],
  ['JetCommitTransaction', (s) => jet.JetCommitTransaction(s, 0)],
  ['JetRollback', (s) => jet.JetRollback(s, 0)],
  ['JetGetSessionParameter', (s) => jet.JetGetSessionParameter(s, JET_sesparamTransactionLevel)],
  ['JetDupSession', (s) => jet.JetDupSession(s)],
  ['JetEndSession', (s) => jet.JetEndSession(s, 0)],
];

// ---- check 1: concurrent entry --------------------------------------------------------------

describe('check 1: concurrent entry on every call that takes a session', () => {
  /** A session with a database open, and a Worker calling JetGetDatabaseInfo on it in a loop. */
  async function hammered(prefix: string) {
    const folder = freshFolder();
    const instance = createInstance(prefix, folder);
    expect(jet.JetInit3(instance, 0)).toBe(0);
    const sesid = jet.JetBeginSession(instance);
    const dbid = jet.JetCreateDatabase2(sesid, join(folder, `${prefix}.edb`));
    const shared = new SharedArrayBuffer(16);
    const counters = new Int32Array(shared); // stop, started, ok, violations (the worker's)
    const worker = runWorker<{ ok: number; violations: number; otherErrnos: number[] }>('jet-hammer', {
      shared,
      fn: 'JetGetDatabaseInfo',
      args: [sesid, dbid, JET_DbInfoPageSize],
      maxCalls: 20_000_000,
    });
    while (Atomics.load(counters, 1) === 0) Atomics.wait(counters, 1, 0, 50);
    return { sesid, dbid, counters, worker };
  }

  it('a call racing another on the same session fails with SessionSharingViolation and leaves it intact', async () => {
    const { sesid, dbid, counters, worker } = await hammered('entry');

    let mainViolations = 0;
    const mainOther: unknown[] = [];
    // Stop as soon as both sides saw the other inside (bounded by a call count, not a time).
    for (let i = 0; i < 5_000_000; i++) {
      try {
        jet.JetGetDatabaseInfo(sesid, dbid, JET_DbInfoPageSize);
      } catch (error) {
        if (error instanceof EsentSessionSharingViolationError) {
          expect(error).toMatchObject({ errno: -1910, operation: 'JetGetDatabaseInfo' });
          mainViolations++;
        } else {
          mainOther.push(error);
        }
      }
      if (mainViolations > 0 && Atomics.load(counters, 3) > 0) break;
    }
    // With this thread out of the session, the worker's calls succeed again (on a slow engine
    // every one of its calls during the race may have met this thread inside).
    const okAfterRace = Atomics.load(counters, 2);
    while (Atomics.load(counters, 2) === okAfterRace) Atomics.wait(counters, 2, okAfterRace, 50);
    Atomics.store(counters, 0, 1);
    const fromWorker = await worker;

    expect(mainOther).toEqual([]);
    expect(fromWorker.otherErrnos).toEqual([]);
    expect(mainViolations + fromWorker.violations).toBeGreaterThan(0);
    expect(fromWorker.ok).toBeGreaterThan(okAfterRace);
    // The in-flight counter was put back every time: the session works normally.
    expect(level(sesid)).toBe(0);
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
  });

  it('JetGetSessionParameter enters the instance, not the session: it meets no sharing violation and causes none (jetapi.cxx)', async () => {
    const { sesid, counters, worker } = await hammered('look-only');
    const mainErrors: unknown[] = [];
    // Until the worker has made many calls while this thread was making its own.
    const okBefore = Atomics.load(counters, 2);
    for (let i = 0; i < 5_000_000 && Atomics.load(counters, 2) - okBefore < 2_000; i++) {
      try {
        expect(level(sesid)).toBe(0);
      } catch (error) {
        mainErrors.push(error);
        if (mainErrors.length > 10) break;
      }
    }
    Atomics.store(counters, 0, 1);
    const fromWorker = await worker;
    expect(mainErrors).toEqual([]);
    expect(fromWorker).toMatchObject({ violations: 0, otherErrnos: [] });
    expect(fromWorker.ok).toBeGreaterThan(0);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
  });

  it('calls on different sessions from several threads never interfere', async () => {
    const instance = startInstance('parallel', 16);
    const sessions = Array.from({ length: 4 }, () => jet.JetBeginSession(instance));
    const runs = sessions.map((sesid, i) => {
      const context = BigInt(0x1000 + i);
      const steps: Step[] = [];
      for (let round = 0; round < 200; round++) {
        steps.push({ fn: 'JetSetSessionContext', args: [sesid, context] });
        steps.push({ fn: 'JetBeginTransaction', args: [sesid] });
        steps.push({ fn: 'JetBeginTransaction', args: [sesid] });
        steps.push({ fn: 'JetCommitTransaction', args: [sesid, 0] });
        steps.push({ fn: 'JetCommitTransaction', args: [sesid, 0] });
        steps.push({ fn: 'JetResetSessionContext', args: [sesid] });
      }
      return onWorker(steps);
    });
    for (const { results } of await Promise.all(runs)) {
      expect(results.filter((r) => !r.ok)).toEqual([]);
    }
    for (const sesid of sessions) expect(level(sesid)).toBe(0);
  });
});

// ---- check 2: transaction ownership, thread-id model -----------------------------------------

describe('check 2: a transaction begun without a context belongs to the beginning thread', () => {
  it('another thread cannot nest, commit or roll it back; other calls work', async () => {
    const instance = startInstance('thread-model');
    const sesid = jet.JetBeginSession(instance);
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    const { results, threadId } = await onWorker([
      { fn: 'JetCommitTransaction', args: [sesid, 0] },
      { fn: 'JetRollback', args: [sesid, 0] },
      { fn: 'JetBeginTransaction', args: [sesid] },
      { fn: 'JetGetSessionParameter', args: [sesid, JET_sesparamTransactionLevel] },
      // A context set later does not make the transaction movable.
      { fn: 'JetSetSessionContext', args: [sesid, 0x55n] },
      { fn: 'JetCommitTransaction', args: [sesid, 0] },
      { fn: 'JetResetSessionContext', args: [sesid] },
    ]);
    expect(threadId).not.toBe(currentThreadId());
    expectFailed(results[0], EsentSessionSharingViolationError, -1910);
    expectFailed(results[1], EsentSessionSharingViolationError, -1910);
    expectFailed(results[2], EsentSessionSharingViolationError, -1910);
    expect(results[3]).toEqual({ ok: true, value: 1 });
    expect(results[4]).toEqual({ ok: true, value: 0 });
    expectFailed(results[5], EsentSessionSharingViolationError, -1910);
    expect(results[6]).toEqual({ ok: true, value: 0 });
    // The beginning thread nests and commits, with or without a context set.
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    expect(jet.JetSetSessionContext(sesid, 0x66n)).toBe(0);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(level(sesid)).toBe(0);
  });

  it('a rollback refused to another thread has closed the cursors the level opened and cancelled its prepared updates; the level stays open (tm.cxx ErrIsamRollback walks the cursors before ErrDIRRollback checks the owner)', async () => {
    const folder = freshFolder();
    const instance = createInstance('refused-rollback', folder);
    expect(jet.JetInit3(instance, 0)).toBe(0);
    const sesid = jet.JetBeginSession(instance);
    const dbid = jet.JetCreateDatabase2(sesid, join(folder, 'refused.edb'));
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 't',
      rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
    });
    const before = created.tableid;
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    const inside = jet.JetOpenTable(sesid, dbid, 't');
    expect(jet.JetPrepareUpdate(sesid, before, JET_prepInsert)).toBe(0);
    const { results } = await onWorker([{ fn: 'JetRollback', args: [sesid, 0] }]);
    expectFailed(results[0], EsentSessionSharingViolationError, -1910);
    expect(level(sesid)).toBe(1);
    // Used before any other cursor is opened (ESE may give a new one the closed one's memory).
    expectJetError(() => jet.JetMove(sesid, inside, JET_MoveFirst), EsentInvalidTableIdError, -1310, 'JetMove');
    expectJetError(() => jet.JetUpdate2(sesid, before), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetCloseTable(sesid, before)).toBe(0);
  });

  it('begun on a Worker without a context, it cannot be committed on the main thread', async () => {
    const instance = startInstance('no-context-migration');
    const sesid = jet.JetBeginSession(instance);
    const { results } = await onWorker([{ fn: 'JetBeginTransaction', args: [sesid] }]);
    expect(results[0]).toEqual({ ok: true, value: 0 });
    expectJetError(() => jet.JetCommitTransaction(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetCommitTransaction');
    // Setting a context now does not help either.
    jet.JetSetSessionContext(sesid, 0xabcn);
    expectJetError(() => jet.JetCommitTransaction(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetCommitTransaction');
    expectJetError(() => jet.JetRollback(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetRollback');
    jet.JetResetSessionContext(sesid);
    expect(level(sesid)).toBe(1);
  });
});

// ---- check 2: transaction ownership, context model -------------------------------------------

describe('check 2: a transaction begun under a context belongs to that context', () => {
  it('moves between threads: a Worker sets, begins and resets; the main thread sets the same context and commits', async () => {
    const instance = startInstance('migration');
    const sesid = jet.JetBeginSession(instance);
    const context = 0xc0ffeen;
    const { results, threadId } = await onWorker([
      { fn: 'JetSetSessionContext', args: [sesid, context] },
      { fn: 'JetBeginTransaction', args: [sesid] },
      { fn: 'JetResetSessionContext', args: [sesid] },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(threadId).not.toBe(currentThreadId());
    expect(jet.JetSetSessionContext(sesid, context)).toBe(0);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expect(level(sesid)).toBe(0);
  });

  it('nests and rolls back on another thread under the same context', async () => {
    const instance = startInstance('migration-nested');
    const sesid = jet.JetBeginSession(instance);
    const context = 0x5150n;
    await onWorker([
      { fn: 'JetSetSessionContext', args: [sesid, context] },
      { fn: 'JetBeginTransaction', args: [sesid] },
      { fn: 'JetResetSessionContext', args: [sesid] },
    ]);
    jet.JetSetSessionContext(sesid, context);
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    expect(level(sesid)).toBe(2);
    expect(jet.JetRollback(sesid, JET_bitRollbackAll)).toBe(0);
    jet.JetResetSessionContext(sesid);
    expect(level(sesid)).toBe(0);
  });

  it('refuses commit with no context set, even on the beginning thread', () => {
    const instance = startInstance('context-required');
    const sesid = jet.JetBeginSession(instance);
    jet.JetSetSessionContext(sesid, 0x10n);
    jet.JetBeginTransaction(sesid);
    jet.JetResetSessionContext(sesid);
    expectJetError(() => jet.JetCommitTransaction(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetCommitTransaction');
    expectJetError(() => jet.JetRollback(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetRollback');
    expectJetError(() => jet.JetBeginTransaction(sesid), EsentSessionSharingViolationError, -1910, 'JetBeginTransaction');
    jet.JetSetSessionContext(sesid, 0x10n);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    jet.JetResetSessionContext(sesid);
  });

  it('refuses commit under a different context value', () => {
    const instance = startInstance('context-value');
    const sesid = jet.JetBeginSession(instance);
    jet.JetSetSessionContext(sesid, 0x20n);
    jet.JetBeginTransaction(sesid);
    jet.JetResetSessionContext(sesid);
    jet.JetSetSessionContext(sesid, 0x21n);
    expectJetError(() => jet.JetCommitTransaction(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetCommitTransaction');
    jet.JetResetSessionContext(sesid);
  });

  it('refuses commit when the same context value was set by another thread', async () => {
    const instance = startInstance('context-thread');
    const sesid = jet.JetBeginSession(instance);
    const context = 0x30n;
    jet.JetSetSessionContext(sesid, context);
    jet.JetBeginTransaction(sesid);
    jet.JetResetSessionContext(sesid);
    let commitWhileWorkerHoldsIt: unknown;
    const { results } = await onWorker(
      [
        { fn: 'JetSetSessionContext', args: [sesid, context] },
        // Before resetting, the Worker lets the main thread try to commit.
        { fn: 'JetResetSessionContext', args: [sesid], ask: true },
      ],
      () => {
        try {
          commitWhileWorkerHoldsIt = jet.JetCommitTransaction(sesid, 0);
        } catch (error) {
          commitWhileWorkerHoldsIt = error;
        }
      },
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(commitWhileWorkerHoldsIt).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(commitWhileWorkerHoldsIt).toMatchObject({ errno: -1910, operation: 'JetCommitTransaction' });
    expect(level(sesid)).toBe(1);
  });
});

// ---- JetSetSessionContext ---------------------------------------------------------------------

describe('JetSetSessionContext', () => {
  it('refuses 0 and all-bits-set contexts with InvalidParameter', () => {
    const instance = startInstance('set-context');
    const sesid = jet.JetBeginSession(instance);
    expectJetError(() => jet.JetSetSessionContext(sesid, 0n), EsentInvalidParameterError, -1003, 'JetSetSessionContext');
    expectJetError(() => jet.JetSetSessionContext(sesid, -1n), EsentInvalidParameterError, -1003, 'JetSetSessionContext');
    expectJetError(() => jet.JetSetSessionContext(sesid, JET_sesidNil), EsentInvalidParameterError, -1003, 'JetSetSessionContext');
  });

  it('refuses any second set with SessionContextAlreadySet, including the same value on the same thread', async () => {
    const instance = startInstance('set-twice');
    const sesid = jet.JetBeginSession(instance);
    expect(jet.JetSetSessionContext(sesid, 0x1234n)).toBe(0);
    expectJetError(() => jet.JetSetSessionContext(sesid, 0x1234n), EsentSessionContextAlreadySetError, -1912, 'JetSetSessionContext');
    expectJetError(() => jet.JetSetSessionContext(sesid, 0x9999n), EsentSessionContextAlreadySetError, -1912, 'JetSetSessionContext');
    const { results } = await onWorker([{ fn: 'JetSetSessionContext', args: [sesid, 0x1234n] }]);
    expectFailed(results[0], EsentSessionContextAlreadySetError, -1912);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expect(jet.JetSetSessionContext(sesid, 0x9999n)).toBe(0);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
  });

  it('lets exactly one of several racing threads win', async () => {
    const instance = startInstance('set-race', 64);
    for (let round = 0; round < 5; round++) {
      const sesid = jet.JetBeginSession(instance);
      const parties = 6;
      const barrier = new SharedArrayBuffer(4);
      const racers = Array.from({ length: parties }, (_, i) =>
        runWorker<{ results: StepResult[] }>('jet-race', {
          barrier,
          parties,
          steps: [{ fn: 'JetSetSessionContext', args: [sesid, BigInt(0x100 + i)] }],
        }),
      );
      const outcomes = (await Promise.all(racers)).map(({ results }) => results[0]!);
      expect(outcomes.filter((r) => r.ok)).toHaveLength(1);
      for (const loser of outcomes.filter((r) => !r.ok)) {
        // Losers fail on the context, or on concurrent entry if they arrived while the winner was inside.
        expect([-1912, -1910]).toContain(loser.errno);
        expect(loser.name).toBe(loser.errno === -1912 ? 'EsentSessionContextAlreadySetError' : 'EsentSessionSharingViolationError');
      }
      // The winner's context stays set: nobody else can set, reset or end.
      expectJetError(() => jet.JetSetSessionContext(sesid, 0x1n), EsentSessionContextAlreadySetError, -1912, 'JetSetSessionContext');
      expectJetError(() => jet.JetResetSessionContext(sesid), EsentSessionContextNotSetByThisThreadError, -1913, 'JetResetSessionContext');
      expectJetError(() => jet.JetEndSession(sesid, 0), EsentSessionInUseError, -1914, 'JetEndSession');
    }
    // Thirty Workers start here, each loading the addon: on a loaded machine that alone can take
    // longer than the suite's default limit.
  }, 180_000);

  it('answers ClientRequestToStopJetService after a service stop, before looking at the context value', () => {
    const instance = startInstance('set-stopped');
    const sesid = jet.JetBeginSession(instance);
    jet.JetStopServiceInstance2(instance, JET_bitStopServiceAll);
    expectJetError(() => jet.JetSetSessionContext(sesid, 0x1n), EsentClientRequestToStopJetServiceError, -1329, 'JetSetSessionContext');
    expectJetError(() => jet.JetSetSessionContext(sesid, 0n), EsentClientRequestToStopJetServiceError, -1329, 'JetSetSessionContext');
  });
});

// ---- JetResetSessionContext ---------------------------------------------------------------------

describe('JetResetSessionContext', () => {
  it('refuses with SessionContextNotSetByThisThread when no context is set', () => {
    const instance = startInstance('reset-none');
    const sesid = jet.JetBeginSession(instance);
    expectJetError(() => jet.JetResetSessionContext(sesid), EsentSessionContextNotSetByThisThreadError, -1913, 'JetResetSessionContext');
    jet.JetSetSessionContext(sesid, 0x1n);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expectJetError(() => jet.JetResetSessionContext(sesid), EsentSessionContextNotSetByThisThreadError, -1913, 'JetResetSessionContext');
  });

  it('refuses with SessionContextNotSetByThisThread when another thread set it', async () => {
    const instance = startInstance('reset-other');
    const sesid = jet.JetBeginSession(instance);
    const { results } = await onWorker([{ fn: 'JetSetSessionContext', args: [sesid, 0x42n] }]);
    expect(results[0]!.ok).toBe(true);
    expectJetError(() => jet.JetResetSessionContext(sesid), EsentSessionContextNotSetByThisThreadError, -1913, 'JetResetSessionContext');
    // And the other way round.
    const sesid2 = jet.JetBeginSession(instance);
    jet.JetSetSessionContext(sesid2, 0x43n);
    const other = await onWorker([{ fn: 'JetResetSessionContext', args: [sesid2] }]);
    expectFailed(other.results[0], EsentSessionContextNotSetByThisThreadError, -1913);
    expect(jet.JetResetSessionContext(sesid2)).toBe(0);
  });

  it('still works after the service was stopped', () => {
    const instance = startInstance('reset-stopped');
    const sesid = jet.JetBeginSession(instance);
    jet.JetSetSessionContext(sesid, 0x77n);
    jet.JetStopServiceInstance2(instance, JET_bitStopServiceAll);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expectJetError(() => jet.JetSetSessionContext(sesid, 0x77n), EsentClientRequestToStopJetServiceError, -1329, 'JetSetSessionContext');
  });
});

// ---- JetEndSession ------------------------------------------------------------------------------

describe('JetEndSession', () => {
  it('refuses with SessionInUse while any context is set, including one set by the calling thread', async () => {
    const instance = startInstance('end-in-use');
    const sesid = jet.JetBeginSession(instance);
    jet.JetSetSessionContext(sesid, 0x10n);
    expectJetError(() => jet.JetEndSession(sesid, 0), EsentSessionInUseError, -1914, 'JetEndSession');
    const { results } = await onWorker([{ fn: 'JetEndSession', args: [sesid, 0] }]);
    expectFailed(results[0], EsentSessionInUseError, -1914);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
    expectJetError(() => jet.JetEndSession(sesid, 0), EsentInvalidSesidError, -1104, 'JetEndSession');
  });

  it('rolls back every level on the beginning thread', () => {
    const instance = startInstance('end-rollback');
    const sesid = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
    expectJetError(() => level(sesid), EsentInvalidSesidError, -1104, 'JetGetSessionParameter');
  });

  it('thread-id model: off the beginning thread it fails with SessionSharingViolation and the session stays usable', async () => {
    const instance = startInstance('end-thread-model');
    const sesid = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    const { results } = await onWorker([{ fn: 'JetEndSession', args: [sesid, 0] }]);
    expectFailed(results[0], EsentSessionSharingViolationError, -1910);
    expect(level(sesid)).toBe(2);
    // The reserved lock was released: contexts can be set again.
    expect(jet.JetSetSessionContext(sesid, 0x20n)).toBe(0);
    expect(jet.JetResetSessionContext(sesid)).toBe(0);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
  });

  it('thread-id model: refused off the beginning thread, its rollback has still walked the cursors: those the innermost level opened are closed and its prepared updates cancelled, as a refused JetRollback leaves them (tm.cxx ErrIsamEndSession, ErrIsamRollback; extended generator seed 19070)', async () => {
    const folder = freshFolder();
    const instance = createInstance('end-walks-cursors', folder);
    expect(jet.JetInit3(instance, 0)).toBe(0);
    const sesid = jet.JetBeginSession(instance);
    const dbid = jet.JetCreateDatabase2(sesid, join(folder, 'walk.edb'));
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 't'));
    const before = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetBeginTransaction(sesid);
    const outer = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetPrepareUpdate(sesid, before, JET_prepInsert);
    jet.JetBeginTransaction(sesid);
    const inner = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetPrepareUpdate(sesid, outer, JET_prepInsert);
    const { results } = await onWorker([{ fn: 'JetEndSession', args: [sesid, 0] }]);
    expectFailed(results[0], EsentSessionSharingViolationError, -1910);
    expect(level(sesid)).toBe(2);
    expectJetError(() => jet.JetMove(sesid, inner, JET_MoveFirst), EsentInvalidTableIdError, -1310, 'JetMove');
    // The update prepared in the innermost level is cancelled, the one before it kept.
    expectJetError(() => jet.JetUpdate2(sesid, outer), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expect(jet.JetPrepareUpdate(sesid, before, JET_prepCancel)).toBe(0);
    jet.JetRollback(sesid, JET_bitRollbackAll);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
  });

  it('context model: any thread may end it, rolling back', async () => {
    const instance = startInstance('end-context-model');
    const sesid = jet.JetBeginSession(instance);
    await onWorker([
      { fn: 'JetSetSessionContext', args: [sesid, 0x30n] },
      { fn: 'JetBeginTransaction', args: [sesid] },
      { fn: 'JetBeginTransaction', args: [sesid] },
      { fn: 'JetResetSessionContext', args: [sesid] },
    ]);
    expect(level(sesid)).toBe(2);
    expect(jet.JetEndSession(sesid, 0)).toBe(0);
    expectJetError(() => jet.JetEndSession(sesid, 0), EsentInvalidSesidError, -1104, 'JetEndSession');
  });
});

// ---- transactions ------------------------------------------------------------------------------

describe('transactions', () => {
  it('nest up to 7 levels; the 8th begin fails with TransTooDeep', async () => {
    const instance = startInstance('nesting');
    const sesid = jet.JetBeginSession(instance);
    for (let i = 1; i <= 7; i++) {
      expect(i % 2 ? jet.JetBeginTransaction(sesid) : jet.JetBeginTransaction3(sesid, BigInt(1000 + i), 0)).toBe(0);
      expect(level(sesid)).toBe(i);
    }
    expectJetError(() => jet.JetBeginTransaction(sesid), EsentTransTooDeepError, -1103, 'JetBeginTransaction');
    expect(level(sesid)).toBe(7);
    // The depth limit is decided before ownership.
    const { results } = await onWorker([{ fn: 'JetBeginTransaction', args: [sesid] }]);
    expectFailed(results[0], EsentTransTooDeepError, -1103);
    expect(jet.JetRollback(sesid, 0)).toBe(0);
    expect(level(sesid)).toBe(6);
    expect(jet.JetCommitTransaction(sesid, JET_bitCommitLazyFlush)).toBe(0);
    expect(level(sesid)).toBe(5);
    expect(jet.JetRollback(sesid, JET_bitRollbackAll)).toBe(0);
    expect(level(sesid)).toBe(0);
  });

  it('commit and rollback at level 0 fail with NotInTransaction, before any ownership check', async () => {
    const instance = startInstance('level-zero');
    const sesid = jet.JetBeginSession(instance);
    expectJetError(() => jet.JetCommitTransaction(sesid, 0), EsentNotInTransactionError, -1054, 'JetCommitTransaction');
    expectJetError(() => jet.JetCommitTransaction2(sesid, 0, 0), EsentNotInTransactionError, -1054, 'JetCommitTransaction2');
    expectJetError(() => jet.JetRollback(sesid, 0), EsentNotInTransactionError, -1054, 'JetRollback');
    expectJetError(() => jet.JetRollback(sesid, JET_bitRollbackAll), EsentNotInTransactionError, -1054, 'JetRollback');
    const { results } = await onWorker([
      { fn: 'JetCommitTransaction', args: [sesid, 0] },
      { fn: 'JetRollback', args: [sesid, 0] },
    ]);
    expectFailed(results[0], EsentNotInTransactionError, -1054);
    expectFailed(results[1], EsentNotInTransactionError, -1054);
  });

  it('accepts read-only transactions, JetBeginTransaction3 ids and the wait-for-commit flag', () => {
    const instance = startInstance('flags');
    const sesid = jet.JetBeginSession(instance);
    // Updates inside are refused with TransReadOnly (-1110) once tables exist; here the
    // transaction must behave like any other for begin, nest, commit and rollback.
    expect(jet.JetBeginTransaction2(sesid, JET_bitTransactionReadOnly)).toBe(0);
    expect(jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly)).toBe(0);
    expect(level(sesid)).toBe(2);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetRollback(sesid, 0)).toBe(0);
    expect(jet.JetBeginTransaction3(sesid, 0x7fff_ffff_ffffn, JET_bitTransactionReadOnly)).toBe(0);
    expect(jet.JetCommitTransaction2(sesid, JET_bitCommitLazyFlush, 10)).toBe(0);
    // Waiting for the last level-0 commit needs no transaction.
    expect(jet.JetCommitTransaction(sesid, JET_bitWaitLastLevel0Commit)).toBe(0);
    expectJetError(() => jet.JetCommitTransaction(sesid, 0x4000), EsentInvalidGrbitError, -900, 'JetCommitTransaction');
  });
});

// ---- JetTerm ----------------------------------------------------------------------------------

describe('JetTerm', () => {
  it('a clean term with an open transaction fails with TooManyActiveUsers and the instance stays usable', () => {
    const instance = startInstance('term-clean');
    const busy = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(busy);
    expectJetError(() => jet.JetTerm2(instance, 0), EsentTooManyActiveUsersError, -1059, 'JetTerm2');
    expectJetError(() => jet.JetTerm2(instance, JET_bitTermComplete), EsentTooManyActiveUsersError, -1059, 'JetTerm2');
    expect(level(busy)).toBe(1);
    const another = jet.JetBeginSession(instance);
    expect(jet.JetBeginTransaction(another)).toBe(0);
    expect(jet.JetCommitTransaction(another, 0)).toBe(0);
    expect(jet.JetCommitTransaction(busy, 0)).toBe(0);
    // With no transaction open a clean term succeeds and frees the sessions.
    expect(jet.JetTerm2(instance, JET_bitTermComplete)).toBe(0);
    expectJetError(() => level(busy), EsentInvalidSesidError, -1104, 'JetGetSessionParameter');
    expectJetError(() => level(another), EsentInvalidSesidError, -1104, 'JetGetSessionParameter');
  });

  it('an abrupt term with an open transaction fails with TooManyActiveUsers too (sysinit.cxx INST::ErrINSTTerm)', () => {
    const instance = startInstance('term-abrupt');
    const sesid = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetTerm2(instance, JET_bitTermAbrupt), EsentTooManyActiveUsersError, -1059, 'JetTerm2');
    expect(level(sesid)).toBe(2);
    expect(jet.JetRollback(sesid, JET_bitRollbackAll)).toBe(0);
    expect(jet.JetTerm2(instance, JET_bitTermAbrupt)).toBe(0);
    expectJetError(() => jet.JetBeginTransaction(sesid), EsentInvalidSesidError, -1104, 'JetBeginTransaction');
    expectJetError(() => jet.JetBeginSession(instance), EsentInvalidInstanceError, -1115, 'JetBeginSession');
    expectJetError(() => jet.JetTerm2(instance, JET_bitTermAbrupt), EsentInvalidInstanceError, -1115, 'JetTerm2');
  });

  it('JetTerm is JetTerm2 with JET_bitTermAbrupt: it refuses open transactions and frees the instance without (jetapi.cxx JetTerm)', () => {
    const instance = startInstance('term-legacy');
    const sesid = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetTerm(instance), EsentTooManyActiveUsersError, -1059, 'JetTerm');
    expect(level(sesid)).toBe(1);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
    expect(jet.JetTerm(instance)).toBe(0);
    expectJetError(() => level(sesid), EsentInvalidSesidError, -1104, 'JetGetSessionParameter');
  });

  it('a dirty term goes past open transactions, rolls them back and ends with DirtyShutdown (tm.cxx ErrIsamTerm)', () => {
    const instance = startInstance('term-dirty');
    const sesid = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetTerm2(instance, JET_bitTermDirty), EsentDirtyShutdownError, -1116, 'JetTerm2');
    expectJetError(() => level(sesid), EsentInvalidSesidError, -1104, 'JetGetSessionParameter');
    expectJetError(() => jet.JetBeginSession(instance), EsentInvalidInstanceError, -1115, 'JetBeginSession');
  });

  it('frees an instance that was created but never initialised', () => {
    const instance = createInstance('term-created');
    expect(jet.JetTerm2(instance, 0)).toBe(0);
    // Not JetInit3: with no instance left, ESE's JetInit ignores the handle and starts the
    // legacy single instance.
    expectJetError(() => jet.JetBeginSession(instance), EsentInvalidInstanceError, -1115, 'JetBeginSession');
    expectJetError(() => jet.JetTerm2(instance, 0), EsentInvalidInstanceError, -1115, 'JetTerm2');
  });
});

// ---- JetStopServiceInstance ----------------------------------------------------------------------

describe('JetStopServiceInstance2', () => {
  it('makes later calls on the instance fail with ClientRequestToStopJetService; resetting the context, rolling back and ending sessions still work', () => {
    const instance = startInstance('stop');
    const sesid = jet.JetBeginSession(instance);
    const withContext = jet.JetBeginSession(instance);
    jet.JetSetSessionContext(withContext, 0x42n);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetStopServiceInstance2(instance, JET_bitStopServiceAll)).toBe(0);
    const cases: Array<[string, () => unknown]> = [
      ['JetSetSessionContext', () => jet.JetSetSessionContext(sesid, 0x43n)],
      ['JetBeginTransaction', () => jet.JetBeginTransaction(sesid)],
      ['JetCommitTransaction', () => jet.JetCommitTransaction(sesid, 0)],
      ['JetGetSessionParameter', () => level(sesid)],
      ['JetDupSession', () => jet.JetDupSession(sesid)],
      ['JetBeginSession', () => jet.JetBeginSession(instance)],
    ];
    for (const [operation, call] of cases) {
      expectJetError(call, EsentClientRequestToStopJetServiceError, -1329, operation);
    }
    // What an application needs to wind down (jetapi.cxx enters these ignoring the stop).
    expect(jet.JetResetSessionContext(withContext)).toBe(0);
    expect(jet.JetRollback(sesid, 0)).toBe(0);
    expect(jet.JetEndSession(withContext, 0)).toBe(0);
    // A full stop cannot be resumed.
    expectJetError(
      () => jet.JetStopServiceInstance2(instance, JET_bitStopServiceResume),
      EsentClientRequestToStopJetServiceError,
      -1329,
      'JetStopServiceInstance2',
    );
    // With no transaction left open, the stopped instance terminates cleanly.
    expect(jet.JetTerm2(instance, JET_bitTermAbrupt)).toBe(0);
    expectJetError(() => level(sesid), EsentInvalidSesidError, -1104, 'JetGetSessionParameter');
  });

  it('a partial stop leaves sessions usable and can be resumed; unknown bits fail with InvalidGrbit', () => {
    const instance = startInstance('stop-partial');
    const sesid = jet.JetBeginSession(instance);
    expectJetError(() => jet.JetStopServiceInstance2(instance, 0x100), EsentInvalidGrbitError, -900, 'JetStopServiceInstance2');
    expect(jet.JetStopServiceInstance2(instance, JET_bitStopServiceBackgroundUserTasks)).toBe(0);
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    expect(jet.JetStopServiceInstance2(instance, JET_bitStopServiceResume)).toBe(0);
    expect(jet.JetCommitTransaction(sesid, 0)).toBe(0);
  });

  it('JetStopServiceInstance stops the same way', () => {
    const instance = startInstance('stop-legacy');
    const sesid = jet.JetBeginSession(instance);
    expect(jet.JetStopServiceInstance(instance)).toBe(0);
    expectJetError(() => jet.JetBeginTransaction(sesid), EsentClientRequestToStopJetServiceError, -1329, 'JetBeginTransaction');
  });
});

// ---- instances, parameters and limits ----------------------------------------------------------

describe('instances and system parameters', () => {
  it('several instances run at once under distinct names; a duplicate name fails with InstanceNameInUse', () => {
    const name = uniqueName('dup');
    const first = jet.JetCreateInstance2(name, 'display', 0);
    opened.push(first);
    expectJetError(() => jet.JetCreateInstance2(name, null, 0), EsentInstanceNameInUseError, -1086, 'JetCreateInstance2');
    expectJetError(() => jet.JetCreateInstance(name), EsentInstanceNameInUseError, -1086, 'JetCreateInstance');
    const a = startInstance('multi-a');
    const b = startInstance('multi-b');
    expect(a).not.toBe(b);
    const sa = jet.JetBeginSession(a);
    const sb = jet.JetBeginSession(b);
    jet.JetBeginTransaction(sa);
    jet.JetBeginTransaction(sb);
    jet.JetRollback(sa, 0);
    expect(jet.JetTerm2(a, JET_bitTermAbrupt)).toBe(0);
    expect(level(sb)).toBe(1);
    // The name is free again once its instance is gone.
    expect(jet.JetTerm2(first, 0)).toBe(0);
    opened.push(jet.JetCreateInstance2(name, null, 0));
  });

  it('limits the number of instances with the global JET_paramMaxInstances, fixed once an instance exists', () => {
    // No instance of this process exists between tests.
    expect(jet.JetSetSystemParameter(0n, 0n, JET_paramMaxInstances, 2)).toBe(0);
    try {
      createInstance('limit');
      createInstance('limit');
      expectJetError(() => jet.JetCreateInstance2(uniqueName('limit'), null, 0), EsentTooManyInstancesError, -1214, 'JetCreateInstance2');
      expectJetError(
        () => jet.JetSetSystemParameter(0n, 0n, JET_paramMaxInstances, 3),
        EsentAlreadyInitializedError,
        -1030,
        'JetSetSystemParameter',
      );
    } finally {
      for (const instance of opened.splice(0)) jet.JetTerm2(instance, JET_bitTermAbrupt);
      jet.JetSetSystemParameter(0n, 0n, JET_paramMaxInstances, 16);
    }
  });

  it('limits sessions with JET_paramMaxSessions: OutOfSessions, duplicates count, ending frees a slot', () => {
    const max = 2;
    const instance = startInstance('max-sessions', max);
    const a = jet.JetBeginSession(instance);
    const sessions = [a, jet.JetDupSession(a)];
    // ESE's quota is JET_paramMaxSessions plus the 69 sessions it keeps for its own work
    // (daeconst.hxx cpibSystem; jetapi.cxx ErrInitComplete), of which a started instance
    // holds 4: the application gets the parameter plus 65.
    const quota = max + 65;
    while (sessions.length < quota) sessions.push(jet.JetBeginSession(instance));
    expectJetError(() => jet.JetBeginSession(instance), EsentOutOfSessionsError, -1101, 'JetBeginSession');
    expectJetError(() => jet.JetDupSession(a), EsentOutOfSessionsError, -1101, 'JetDupSession');
    const ended = sessions.pop()!;
    expect(jet.JetEndSession(ended, 0)).toBe(0);
    sessions.push(jet.JetBeginSession(instance));
    expectJetError(() => jet.JetBeginSession(instance), EsentOutOfSessionsError, -1101, 'JetBeginSession');
  });

  it('stores parameters before init and refuses changing them after with AlreadyInitialized', () => {
    const folder = freshFolder();
    const instance = createInstance('params', folder);
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramMaxSessions).lParam).toBe(16n);
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramBaseName).szParam).toBe('edb');
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramSystemPath).szParam).toBe(folder);
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramLogFilePath).szParam).toBe(folder);
    expectJetError(() => jet.JetSetSystemParameter(instance, 0n, JET_paramBaseName, 0, 'long'), EsentInvalidParameterError, -1003, 'JetSetSystemParameter');
    expect(jet.JetSetSystemParameter(instance, 0n, JET_paramBaseName, 0, 'abc')).toBe(0);
    expect(jet.JetSetSystemParameter(instance, 0n, JET_paramMaxSessions, 5)).toBe(0);
    expectJetError(() => jet.JetBeginSession(instance), EsentNotInitializedError, -1029, 'JetBeginSession');
    expect(jet.JetInit3(instance, 0)).toBe(0);
    expectJetError(() => jet.JetInit3(instance, 0), EsentAlreadyInitializedError, -1030, 'JetInit3');
    expectJetError(() => jet.JetSetSystemParameter(instance, 0n, JET_paramSystemPath, 0, folder), EsentAlreadyInitializedError, -1030, 'JetSetSystemParameter');
    expectJetError(() => jet.JetSetSystemParameter(instance, 0n, JET_paramMaxSessions, 6), EsentAlreadyInitializedError, -1030, 'JetSetSystemParameter');
    // Setting the value it already has is not a change.
    expect(jet.JetSetSystemParameter(instance, 0n, JET_paramMaxSessions, 5)).toBe(0);
    const sesid = jet.JetBeginSession(instance);
    expect(jet.JetGetSystemParameter(0n, sesid, JET_paramMaxSessions).lParam).toBe(5n);
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramBaseName).szParam).toBe('abc');
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramTempPath).szParam).toBe(join(folder, 'tmp.edb'));
  });

  it('refuses to start on a missing folder unless asked to create it, and on folders another instance uses', () => {
    const folder = freshFolder();
    const missing = join(folder, 'logs') + sep;
    const refused = createInstance('paths', folder);
    jet.JetSetSystemParameter(refused, 0n, JET_paramLogFilePath, 0, missing);
    expectJetError(() => jet.JetInit3(refused, 0), EsentInvalidPathError, -1023, 'JetInit3');
    // A JetInit that fails frees the instance (jetapi.cxx JetInitEx).
    expectJetError(() => jet.JetBeginSession(refused), EsentInvalidInstanceError, -1115, 'JetBeginSession');
    const instance = createInstance('paths', folder);
    jet.JetSetSystemParameter(instance, 0n, JET_paramLogFilePath, 0, missing);
    jet.JetSetSystemParameter(instance, 0n, JET_paramCreatePathIfNotExist, 1);
    expect(jet.JetInit3(instance, 0)).toBe(0);
    const twin = createInstance('paths-twin', folder);
    expectJetError(() => jet.JetInit3(twin, 0), EsentTempPathInUseError, -1085, 'JetInit3');
  });

  it('with no instance left, JetGetSystemParameter and JetSetSystemParameter look at neither the instance nor the session they are given: the global parameters (jetapi.cxx JetGetSystemParameterEx, JetSetSystemParameterEx read handles only in multi-instance mode)', () => {
    const refused = createInstance('no-instance');
    jet.JetSetSystemParameter(refused, 0n, JET_paramLogFilePath, 0, join(freshFolder(), 'missing') + sep);
    expectJetError(() => jet.JetInit3(refused, 0), EsentInvalidPathError, -1023, 'JetInit3');
    // The failed JetInit freed the instance, the only one: its handle is stale, and a
    // made-up session or instance is not looked up either.
    expectJetError(() => jet.JetBeginSession(refused), EsentInvalidInstanceError, -1115, 'JetBeginSession');
    const before = jet.JetGetSystemParameter(0n, 0n, JET_paramMaxSessions).lParam;
    try {
      expect(jet.JetGetSystemParameter(refused, 0n, JET_paramMaxSessions).lParam).toBe(before);
      expect(jet.JetSetSystemParameter(refused, 0n, JET_paramMaxSessions, Number(before) + 3)).toBe(0);
      expect(jet.JetGetSystemParameter(0n, 0x5555n, JET_paramMaxSessions).lParam).toBe(before + 3n);
      expect(jet.JetSetSystemParameter(0n, 0x5555n, JET_paramMaxSessions, Number(before) + 4)).toBe(0);
      expect(jet.JetGetSystemParameter(0x777777n, 0n, JET_paramMaxSessions).lParam).toBe(before + 4n);
      // A new instance starts from the global parameters.
      const fresh = createInstance('no-instance-after');
      expect(jet.JetGetSystemParameter(fresh, 0n, JET_paramMaxSessions).lParam).toBe(before + 4n);
    } finally {
      jet.JetSetSystemParameter(0n, 0n, JET_paramMaxSessions, Number(before));
    }
  });

  it('JetInit given a nil handle while named instances exist starts a new unnamed instance with the global parameters; a second one is a name in use (jetapi.cxx JetInitEx, ErrNewInst)', async () => {
    // In a process of its own: the raw API cannot name the instance it makes, to end it.
    const dir = freshFolder();
    const child = runFixture('init-nil-handle', { dir, name: uniqueName('named') });
    expect(await child.exited(), child.stderr()).toBe(0);
    expect(child.lines.slice(0, 2)).toEqual(['init 0', 'init -1086']);
    // Its files are in the current folder, the global parameters' default.
    const files = child.lines[2]!.slice('files '.length).split(',');
    expect(files.some((file) => file.endsWith('.log')), files.join(',')).toBe(true);
  }, 120_000);

  it('JetInit with no instance starts the legacy single instance, which excludes named ones', () => {
    const folder = freshFolder();
    for (const param of [JET_paramSystemPath, JET_paramLogFilePath, JET_paramTempPath]) {
      jet.JetSetSystemParameter(0n, 0n, param, 0, folder);
    }
    expect(jet.JetInit(0n)).toBe(0);
    let sesid: bigint | undefined;
    try {
      sesid = jet.JetBeginSession(0n);
      expect(jet.JetBeginTransaction(sesid)).toBe(0);
      expectJetError(() => jet.JetCreateInstance2(uniqueName('excluded'), null, 0), EsentRunningInOneInstanceModeError, -1080, 'JetCreateInstance2');
    } finally {
      if (sesid !== undefined) jet.JetRollback(sesid, JET_bitRollbackAll);
      expect(jet.JetTerm(0n)).toBe(0);
    }
    opened.push(jet.JetCreateInstance2(uniqueName('after-single'), null, 0));
  });
});

// ---- handles ---------------------------------------------------------------------------------

describe('handles', () => {
  it('stale, zero, all-bits-set, made-up and foreign session handles give InvalidSesid on every call', () => {
    const instance = startInstance('bad-sesid');
    const live = jet.JetBeginSession(instance);
    const stale = jet.JetBeginSession(instance);
    jet.JetEndSession(stale, 0);
    // `live ^ (1n << 40n)`: a plausible-looking handle that no session was ever given. The
    // stale handle is tried before any new session begins: ESE may give a new session the
    // memory, and so the handle, of one that ended.
    for (const bad of [stale, 0n, JET_sesidNil, -1n, 0x12345678n, 1n, instance, live ^ (1n << 40n)]) {
      for (const [operation, call] of SESSION_CALLS) {
        expectJetError(() => call(bad), EsentInvalidSesidError, -1104, operation);
      }
    }
    const replacement = jet.JetBeginSession(instance);
    expect(level(live)).toBe(0);
    expect(level(replacement)).toBe(0);
  });

  it('stale, made-up and foreign instance handles give InvalidInstance (InvalidParameter from JetInit3); 0 and JET_instanceNil give InvalidParameter', () => {
    const instance = startInstance('bad-instance');
    const sesid = jet.JetBeginSession(instance);
    const gone = startInstance('gone');
    jet.JetTerm2(gone, JET_bitTermAbrupt);
    for (const bad of [gone, 0x12345678n, sesid, instance ^ (1n << 40n)]) {
      expectJetError(() => jet.JetBeginSession(bad), EsentInvalidInstanceError, -1115, 'JetBeginSession');
      expectJetError(() => jet.JetTerm2(bad, JET_bitTermAbrupt), EsentInvalidInstanceError, -1115, 'JetTerm2');
      expectJetError(() => jet.JetStopServiceInstance2(bad, 0), EsentInvalidInstanceError, -1115, 'JetStopServiceInstance2');
      // ESE's JetInit does not validate the handle; it looks it up among the live instances.
      expectJetError(() => jet.JetInit3(bad, 0), EsentInvalidParameterError, -1003, 'JetInit3');
    }
    for (const nil of [0n, JET_instanceNil]) {
      expectJetError(() => jet.JetBeginSession(nil), EsentInvalidParameterError, -1003, 'JetBeginSession');
      expectJetError(() => jet.JetTerm2(nil, JET_bitTermAbrupt), EsentInvalidParameterError, -1003, 'JetTerm2');
      expectJetError(() => jet.JetStopServiceInstance2(nil, 0), EsentInvalidParameterError, -1003, 'JetStopServiceInstance2');
    }
    expect(level(sesid)).toBe(0);
  });
});

// ---- errors ----------------------------------------------------------------------------------

describe('JetGetErrorInfo and session parameters', () => {
  it('gives the category chain of an error from the root, with no instance at all', () => {
    expect(jet.JetGetErrorInfo(-1910)).toEqual({
      errValue: -1910,
      errcatMostSpecific: JET_errcatUsage,
      rgCategoricalHierarchy: [JET_errcatError, JET_errcatApi, JET_errcatUsage],
    });
    expect(jet.JetGetErrorInfo(-1101).rgCategoricalHierarchy).toEqual([
      JET_errcatError,
      JET_errcatOperation,
      JET_errcatResource,
      JET_errcatMemory,
    ]);
    expect(jet.JetGetErrorInfo(-1090).rgCategoricalHierarchy).toEqual([JET_errcatError, JET_errcatOperation, JET_errcatFatal]);
    expectJetError(() => jet.JetGetErrorInfo(12345), EsentInvalidParameterError, -1003, 'JetGetErrorInfo');
  });

  it('JetGetSessionParameter reports the level and refuses unknown ids with InvalidSesparamId', () => {
    const instance = startInstance('sesparam');
    const sesid = jet.JetBeginSession(instance);
    expect(level(sesid)).toBe(0);
    jet.JetBeginTransaction(sesid);
    expect(level(sesid)).toBe(1);
    expectJetError(() => jet.JetGetSessionParameter(sesid, 4000), EsentInvalidSesparamIdError, -1093, 'JetGetSessionParameter');
  });
});
