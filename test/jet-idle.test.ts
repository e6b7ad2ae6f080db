// JetIdle: the version store's cleanup on request, and what it reports (tm.cxx ErrIsamIdle,
// ver.cxx ErrVERRCEClean). Every case runs on the loaded engine; none depends on how soon a
// background task runs, since ESE's own cleanup thread is only woken by a full version bucket
// and, in this engine, never by the clock within a test.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  EsentInvalidGrbitError,
  EsentInvalidSesidError,
  JET_bitIdleAvailBuffersStatus,
  JET_bitIdleCompact,
  JET_bitIdleCompactAsync,
  JET_bitIdleFlushBuffers,
  JET_bitIdleStatus,
  JET_bitIdleWaitForAsyncActivity,
  JET_bitIndexPrimary,
  JET_bitReadLock,
  JET_bitTransactionReadOnly,
  JET_coltypLong,
  JET_MoveFirst,
  JET_MoveNext,
  JET_prepInsert,
  JET_wrnNoIdleActivity,
  JET_wrnRemainingVersions,
  jet,
} from '../lib/index.js';
import { encodeColumnValue } from '../lib/column-values.js';
import { errnoOf, expectJetError } from './helpers/expect-jet-error.js';
import { initRawInstance, tempDir } from './helpers/instances.js';

let dir: string;
let instance: bigint;
let sesid: bigint;

beforeEach(() => {
  dir = tempDir();
  instance = initRawInstance(dir, 'idle');
  sesid = jet.JetBeginSession(instance);
});

afterEach(() => {
  try {
    jet.JetTerm2(instance, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** JetIdle's answer: its warning, 0, or the error's errno. */
function idle(grbit: number): number {
  let answer = 0;
  const errno = errnoOf(() => (answer = jet.JetIdle(sesid, grbit)));
  return errno !== 0 ? errno : answer;
}
/** Whether the version store still holds versions (JET_bitIdleWaitForAsyncActivity). */
const versionsHeld = () => jet.JetIdle(sesid, JET_bitIdleWaitForAsyncActivity) === JET_wrnRemainingVersions;

/** A database with table t (id Long, primary), rows 1..count committed, and the version store cleaned. */
function makeTable(count: number): { dbid: number; tableid: bigint; id: number } {
  const dbid = jet.JetCreateDatabase2(sesid, join(dir, 'idle.edb'));
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: 't',
    rgcolumncreate: [{ szColumnName: 'id', coltyp: JET_coltypLong }],
    rgindexcreate: [{ szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary }],
  });
  const id = created.columnids[0]!;
  for (let i = 1; i <= count; i++) insert(created.tableid, id, i);
  jet.JetIdle(sesid, 0);
  return { dbid, tableid: created.tableid, id };
}

function insert(tableid: bigint, id: number, value: number, session = sesid): void {
  jet.JetPrepareUpdate(session, tableid, JET_prepInsert);
  jet.JetSetColumn(session, tableid, id, encodeColumnValue(JET_coltypLong, value));
  jet.JetUpdate2(session, tableid);
}

/** Deletes the row at place `n` (1: the first) of the primary index. */
function deleteNth(tableid: bigint, n: number): void {
  jet.JetMove(sesid, tableid, JET_MoveFirst);
  for (let i = 1; i < n; i++) jet.JetMove(sesid, tableid, JET_MoveNext);
  jet.JetDelete(sesid, tableid);
}

/** Runs the cleanup, then waits for the node deletes ESE posts as tasks. */
function cleanUpAndWait(): void {
  expect(jet.JetIdle(sesid, 0)).toBe(JET_wrnNoIdleActivity);
  jet.JetIdle(sesid, JET_bitIdleWaitForAsyncActivity);
}

/** The nodes the primary index holds, those flagged deleted included (JetGetRecordPosition). */
function nodes(tableid: bigint): number {
  jet.JetMove(sesid, tableid, JET_MoveFirst);
  return jet.JetGetRecordPosition(sesid, tableid).centriesTotal;
}

describe('JetIdle', () => {
  it('answers by its grbit in ErrIsamIdle\'s order: status, then the cleanup (0 or JET_bitIdleCompact: JET_wrnNoIdleActivity), the asynchronous cleanup without JET_bitIdleCompact refused, then the buffer bits; other bits are ignored', () => {
    const answers: Array<[number, number]> = [
      [0, JET_wrnNoIdleActivity],
      [JET_bitIdleCompact, JET_wrnNoIdleActivity],
      [JET_bitIdleCompact | JET_bitIdleCompactAsync, JET_wrnNoIdleActivity],
      [JET_bitIdleCompact | JET_bitIdleAvailBuffersStatus, JET_wrnNoIdleActivity],
      [JET_bitIdleCompact | JET_bitIdleWaitForAsyncActivity, JET_wrnNoIdleActivity],
      // The status takes the place of the cleanup: a small version store is not full.
      [JET_bitIdleStatus, 0],
      [JET_bitIdleStatus | JET_bitIdleCompact, 0],
      [JET_bitIdleStatus | JET_bitIdleCompactAsync, 0],
      [JET_bitIdleAvailBuffersStatus, 0],
      [JET_bitIdleWaitForAsyncActivity, 0],
      [JET_bitIdleCompactAsync, -900],
      [JET_bitIdleCompactAsync | JET_bitIdleWaitForAsyncActivity, -900],
      // ESE flushes no buffers on request, whatever else is asked.
      [JET_bitIdleFlushBuffers, -900],
      [JET_bitIdleFlushBuffers | JET_bitIdleCompact, -900],
      [JET_bitIdleFlushBuffers | JET_bitIdleStatus, -900],
      [JET_bitIdleFlushBuffers | JET_bitIdleWaitForAsyncActivity, -900],
      [JET_bitIdleFlushBuffers | JET_bitIdleCompact | JET_bitIdleCompactAsync, -900],
      // JET_bitIdleVersionStoreTest (0x8) acts only in test builds; the rest are unknown.
      [0x8, 0],
      [0x80, 0],
      [0x80000000, 0],
    ];
    expect(answers.map(([grbit]) => [grbit, idle(grbit)])).toEqual(answers);
    expectJetError(() => jet.JetIdle(sesid, JET_bitIdleCompactAsync), EsentInvalidGrbitError, -900, 'JetIdle');
    expectJetError(() => jet.JetIdle(0n, 0), EsentInvalidSesidError, -1104, 'JetIdle');
  });

  it('reports versions held until a cleanup removes them: a new database\'s, committed changes once no older transaction is open, a rollback\'s; never an open transaction\'s (ver.cxx ErrVERIRCEClean, TrxOldest)', () => {
    expect(versionsHeld()).toBe(false);
    const { dbid, tableid, id } = makeTable(0);
    // makeTable ran the cleanup: the new database's versions are gone.
    expect(versionsHeld()).toBe(false);
    insert(tableid, id, 1);
    expect(versionsHeld()).toBe(true);
    expect(jet.JetIdle(sesid, JET_bitIdleCompact)).toBe(JET_wrnNoIdleActivity);
    expect(versionsHeld()).toBe(false);

    // A transaction that began before a commit keeps that commit's versions.
    const reader = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(reader, JET_bitTransactionReadOnly);
    insert(tableid, id, 2);
    jet.JetIdle(sesid, 0);
    expect(versionsHeld()).toBe(true);
    jet.JetCommitTransaction(reader, 0);
    expect(versionsHeld()).toBe(true);
    jet.JetIdle(sesid, 0);
    expect(versionsHeld()).toBe(false);

    // The session's own open transaction keeps its versions through a cleanup; a rollback
    // leaves them for the next one.
    jet.JetBeginTransaction(sesid);
    insert(tableid, id, 3);
    jet.JetIdle(sesid, 0);
    expect(versionsHeld()).toBe(true);
    jet.JetRollback(sesid, 0);
    expect(versionsHeld()).toBe(true);
    jet.JetIdle(sesid, 0);
    expect(versionsHeld()).toBe(false);

    // A read lock is a version; a transaction that only reads makes none.
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(versionsHeld()).toBe(false);
    jet.JetGetLock(sesid, tableid, JET_bitReadLock);
    expect(versionsHeld()).toBe(true);
    jet.JetCommitTransaction(sesid, 0);
    expect(versionsHeld()).toBe(true);
    jet.JetIdle(sesid, 0);
    expect(versionsHeld()).toBe(false);
    jet.JetCloseTable(sesid, tableid);
    jet.JetCloseDatabase(sesid, dbid, 0);
  });

  it('cleans a committed delete\'s node away once no transaction can read it; JET_bitIdleWaitForAsyncActivity waits for the node deletes ESE posts as tasks (ver.cxx ErrVERIDelete)', () => {
    const { tableid } = makeTable(5);
    deleteNth(tableid, 2);
    // Flagged deleted, the node is still counted.
    expect(nodes(tableid)).toBe(5);

    const reader = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(reader, JET_bitTransactionReadOnly);
    deleteNth(tableid, 2);
    cleanUpAndWait();
    // The first delete went; the reader still sees the second row.
    expect(nodes(tableid)).toBe(4);
    jet.JetCommitTransaction(reader, 0);
    expect(nodes(tableid)).toBe(4);
    cleanUpAndWait();
    expect(nodes(tableid)).toBe(3);
    // Inside the session's own transaction the cleanup runs too.
    jet.JetBeginTransaction(sesid);
    deleteNth(tableid, 1);
    cleanUpAndWait();
    expect(nodes(tableid)).toBe(3);
    jet.JetCommitTransaction(sesid, 0);
    cleanUpAndWait();
    expect(nodes(tableid)).toBe(2);
    jet.JetCloseTable(sesid, tableid);
  });
});
