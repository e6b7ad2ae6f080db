// Data rules of the raw `jet` API that ESENT.dll follows and the emulator must reproduce:
// seeks compare whole keys, moves and seeks cancel a prepared update, JetSetColumn's
// errors and warnings per kind of column, and which error wins when several apply. Each
// case states the rule it checks; they run on the loaded engine (the emulator off Windows).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  EsentAlreadyPreparedError,
  EsentNullKeyDisallowedError,
  EsentDatabaseNotFoundError,
  EsentExclusiveTableLockRequiredError,
  EsentCannotIndexError,
  EsentDatabaseInUseError,
  EsentDatabaseDuplicateError,
  EsentDatabaseLockedError,
  EsentInvalidDatabaseIdError,
  EsentInvalidTableIdError,
  EsentTableDuplicateError,
  EsentDefaultValueTooBigError,
  JET_bitDbExclusive,
  JET_bitDbReadOnly,
  JET_DbInfoOptions,
  JET_DbInfoPageSize,
  JET_paramDatabasePageSize,
  JET_ColInfo,
  EsentWriteConflictError,
  EsentWriteConflictPrimaryIndexError,
  JET_bitColumnDeleteOnZero,
  JET_bitWriteLock,
  JET_bitReadLock,
  EsentBadItagSequenceError,
  EsentColumnNotFoundError,
  EsentColumnDuplicateError,
  EsentColumnTooBigError,
  EsentIndexDuplicateError,
  EsentInvalidBufferSizeError,
  EsentInvalidColumnTypeError,
  EsentInvalidOperationError,
  EsentInvalidParameterError,
  EsentKeyNotMadeError,
  EsentKeyIsMadeError,
  EsentInvalidGrbitError,
  EsentColumnCannotBeCompressedError,
  EsentColumnCannotBeEncryptedError,
  EsentColumnNoEncryptionKeyError,
  EsentCallbackNotResolvedError,
  JET_bitColumnCompressed,
  JET_bitRetrieveFromIndex,
  JET_bitRetrieveFromPrimaryBookmark,
  JET_bitRetrieveTag,
  EsentBadColumnIdError,
  JET_bitSetSeparateLV,
  JET_bitColumnEncrypted,
  JET_bitColumnUserDefinedDefault,
  EsentKeyDuplicateError,
  EsentNoCurrentRecordError,
  EsentNotInTransactionError,
  EsentNullInvalidError,
  EsentObjectNotFoundError,
  EsentTableNotEmptyError,
  EsentIndexHasPrimaryError,
  EsentPermissionDeniedError,
  EsentRecordNotFoundError,
  EsentUpdateNotPreparedError,
  EsentOutOfSequentialIndexValuesError,
  JET_MoveFirst,
  JET_bitMoveKeyNE,
  JET_MoveNext,
  JET_bitColumnAutoincrement,
  JET_bitColumnFixed,
  JET_bitColumnNotNULL,
  JET_bitColumnTagged,
  JET_bitIndexDotNetGuid,
  JET_bitIndexDisallowNull,
  JET_bitIndexEmpty,
  JET_bitIndexIgnoreAnyNull,
  JET_bitIndexIgnoreNull,
  JET_bitIndexSortNullsHigh,
  JET_coltypBinary,
  JET_coltypUnsignedShort,
  JET_coltypGUID,
  JET_coltypLongLong,
  JET_bitColumnMultiValued,
  JET_coltypLongBinary,
  JET_coltypLongText,
  JET_wrnBufferTruncated,
  JET_wrnColumnNull,
  JET_bitColumnEscrowUpdate,
  JET_bitEscrowNoRollback,
  JET_bitColumnVersion,
  JET_bitFullColumnEndLimit,
  JET_bitIndexPrimary,
  JET_bitIndexKeyMost,
  JET_bitNewKey,
  JET_bitNormalizedKey,
  JET_bitIndexUnique,
  JET_bitPartialColumnStartLimit,
  JET_bitStrLimit,
  JET_bitKeyDataZeroLength,
  JET_bitRetrieveCopy,
  JET_bitRetrieveIgnoreDefault,
  JET_bitRangeInclusive,
  JET_bitRangeInstantDuration,
  JET_bitRangeRemove,
  JET_bitRangeUpperLimit,
  JET_bitSeekEQ,
  JET_bitSeekGE,
  JET_bitSeekGT,
  JET_bitSeekLE,
  JET_bitSeekLT,
  JET_bitSetZeroLength,
  JET_bitTableReadOnly,
  JET_bitTermAbrupt,
  JET_coltypBit,
  JET_coltypIEEEDouble,
  JET_coltypLong,
  JET_coltypText,
  JET_prepCancel,
  JET_ObjInfo,
  JET_ObjInfoList,
  JET_ObjInfoListNoStats,
  JET_ObjInfoNoStats,
  JET_objtypTable,
  JET_bitUpdateNoVersion,
  JET_bitUpdateCheckESE97Compatibility,
  JET_bitUpdateEnforceOptionallyUniqueIndices,
  EsentUpdateMustVersionError,
  EsentMustRollbackError,
  EsentIllegalOperationError,
  EsentColumnRedundantError,
  JET_prepInsert,
  JET_prepInsertCopy,
  JET_prepInsertCopyDeleteOriginal,
  JET_prepInsertCopyReplaceOriginal,
  JET_prepInsertMustSetAutoIncrement,
  JET_prepReadOnlyCopy,
  EsentSetAutoIncrementTooHighError,
  EsentAutoIncrementNotSetError,
  EsentRecordTooBigError,
  EsentTooManyColumnsError,
  EsentRecordTooBigForBackwardCompatibilityError,
  JET_prepReplace,
  JET_prepReplaceNoLock,
  EsentTableInUseError,
  EsentTableLockedError,
  EsentUnicodeTranslationFailError,
  EsentRecordPrimaryChangedError,
  JET_bitTablePermitDDL,
  JET_bitTableUpdatable,
  JET_bitTableDenyWrite,
  JET_bitTableDenyRead,
  JET_bitIndexUnversioned,
  JET_wrnColumnMaxTruncated,
  JET_wrnSeekNotEqual,
  EsentNoCurrentIndexError,
  JET_MovePrevious,
  JET_MoveLast,
  JET_bitFullColumnStartLimit,
  JET_bitPartialColumnEndLimit,
  JET_bitNoMove,
  EsentInvalidPathError,
  EsentInTransactionError,
  EsentDatabaseInvalidPathError,
  JET_paramSystemPath,
  JET_paramLogFilePath,
  JET_paramTempPath,
  EsentRecordDeletedError,
  JET_IdxInfoCount,
  JET_TblInfoSpaceAlloc,
  JET_TblInfoName,
  JET_TblInfo,
  JET_IdxInfoLCID,
  JET_IdxInfoVarSegMac,
  JET_IdxInfoKeyMost,
  JET_IdxInfoSpaceAlloc,
  EsentIndexNotFoundError,
  EsentIndexMustStayError,
  EsentBadEmptyPageError,
  EsentInvalidNameError,
  EsentDensityInvalidError,
  EsentTransReadOnlyError,
  EsentColumnInUseError,
  EsentInvalidLanguageIdError,
  EsentInvalidLCMapStringFlagsError,
  JET_bitIndexUnicode,
  EsentIndexInUseError,
  JET_bitTransactionReadOnly,
  JET_bitSetRevertToDefaultValue,
  EsentSessionSharingViolationError,
  EsentMultiValuedDuplicateError,
  JET_bitSetUniqueMultiValues,
  JET_bitSetOverwriteLV,
  JET_bitSetAppendLV,
  JET_bitSetSizeLV,
  EsentColumnNoChunkError,
  EsentIndexInvalidDefError,
  EsentInvalidCodePageError,
  EsentAlreadyInitializedError,
  JET_paramCreatePathIfNotExist,
  JET_paramCircularLog,
  JET_bitCommitLazyFlush,
  JET_ColInfoBase,
  JET_ColInfoByColid,
  JET_ColInfoList,
  JET_bitColumnUpdatable,
  JET_sesparamTransactionLevel,
  EsentInstanceUnavailableError,
  EsentInvalidInstanceError,
  JET_paramMaxSessions,
  JET_paramEngineFormatVersion,
  JET_efvUseEngineDefault,
  JET_efvExchange2016Cu1Rtm,
  jet,
} from '../lib/index.js';
import { decodeColumnValue, encodeColumnValue } from '../lib/column-values.js';
import { type ErrorClass, errnoOf, expectJetError, thrownBy } from './helpers/expect-jet-error.js';
import { initRawInstance, runWorker, tempDir, uniqueName } from './helpers/instances.js';

const long = (n: number) => encodeColumnValue(JET_coltypLong, n);
const text = (s: string) => Buffer.from(s, 'latin1');

interface WorkerStep {
  fn: string;
  args: unknown[];
}
interface StepOutcome {
  ok: boolean;
  value?: unknown;
  errno?: number;
}

/**
 * Has a worker set `sesid`'s context (0x33) and, for each round of `rounds`, read the session's
 * transaction level while this thread runs that round's calls first; then the worker runs
 * `after` and resets the context. Gives what each call gave, in order ('success' or the
 * error), and what each of the worker's steps gave: the set, one level per round, `after`,
 * the reset.
 */
async function whileWorkerHoldsContext(
  sesid: bigint,
  rounds: Array<Array<() => unknown>>,
  after: WorkerStep[] = [],
): Promise<{ seen: unknown[]; steps: StepOutcome[] }> {
  const seen: unknown[] = [];
  let round = 0;
  const { results } = await runWorker<{ results: StepOutcome[] }>(
    'jet-steps',
    {
      steps: [
        { fn: 'JetSetSessionContext', args: [sesid, 0x33n] },
        ...rounds.map(() => ({ ask: true, fn: 'JetGetSessionParameter', args: [sesid, JET_sesparamTransactionLevel] })),
        ...after,
        { fn: 'JetResetSessionContext', args: [sesid] },
      ],
    },
    () => {
      for (const call of rounds[round++] ?? []) {
        try {
          call();
          seen.push('success');
        } catch (caught) {
          seen.push(caught);
        }
      }
      return null;
    },
  );
  return { seen, steps: results };
}

/**
 * Runs `body` on an instance of its own, in a folder of its own, then ends the instance (unless
 * `body` did) and removes the folder.
 */
async function onOwnInstance(prefix: string, body: (dir: string, instance: bigint) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const instance = initRawInstance(dir, prefix);
  try {
    await body(dir, instance);
  } finally {
    try {
      jet.JetTerm2(instance, JET_bitTermAbrupt);
    } catch {
      // Already ended by `body`.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Fixture {
  dir: string;
  instance: bigint;
  sesid: bigint;
  dbid: number;
}

let fixture: Fixture;

beforeEach(() => {
  const dir = tempDir();
  const instance = initRawInstance(dir, 'fidelity');
  const sesid = jet.JetBeginSession(instance);
  const dbid = jet.JetCreateDatabase2(sesid, join(dir, 'fidelity.edb'));
  fixture = { dir, instance, sesid, dbid };
});

afterEach(() => {
  try {
    jet.JetTerm2(fixture.instance, JET_bitTermAbrupt);
  } finally {
    rmSync(fixture.dir, { recursive: true, force: true });
  }
});

/**
 * Table `t`: a, b (Long, primary key +a+b), name (variable Text, cbMax 8), code (fixed Text,
 * cbMax 4), tag (tagged Text, cbMax 4), flag (Bit), req (Long, NOT NULL), reqv (variable
 * Text, NOT NULL).
 */
function table() {
  const { sesid, dbid } = fixture;
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: 't',
    rgcolumncreate: [
      { szColumnName: 'a', coltyp: JET_coltypLong },
      { szColumnName: 'b', coltyp: JET_coltypLong },
      { szColumnName: 'name', coltyp: JET_coltypText, cbMax: 8 },
      { szColumnName: 'code', coltyp: JET_coltypText, cbMax: 4, grbit: JET_bitColumnFixed },
      { szColumnName: 'tag', coltyp: JET_coltypText, cbMax: 4, grbit: JET_bitColumnTagged },
      { szColumnName: 'flag', coltyp: JET_coltypBit },
      { szColumnName: 'req', coltyp: JET_coltypLong, grbit: JET_bitColumnNotNULL },
      { szColumnName: 'reqv', coltyp: JET_coltypText, cbMax: 16, grbit: JET_bitColumnNotNULL },
    ],
    rgindexcreate: [{ szIndexName: 'pk', szKey: ['+a', '+b'], grbit: JET_bitIndexPrimary }],
  });
  const [a, b, name, code, tag, flag, req, reqv] = created.columnids as number[];
  return { tableid: created.tableid, a: a!, b: b!, name: name!, code: code!, tag: tag!, flag: flag!, req: req!, reqv: reqv! };
}

type T = ReturnType<typeof table>;

/** Puts the fixture's session under another context, as another thread would. */
function underContext(context: bigint): void {
  jet.JetResetSessionContext(fixture.sesid);
  jet.JetSetSessionContext(fixture.sesid, context);
}

let cleanupDatabases = 0;

/**
 * Runs the version store's cleanup over every database of the fixture's instance, its deletes
 * done before the call returns: a detach does so (db.cxx ErrIsamDetachDatabase, ver.cxx
 * ErrVERRCEClean), here of a database made for it.
 */
function cleanUpByDetach(): void {
  const { sesid, dir } = fixture;
  const path = join(dir, `cleanup${++cleanupDatabases}.edb`);
  jet.JetCloseDatabase(sesid, jet.JetCreateDatabase2(sesid, path));
  jet.JetDetachDatabase2(sesid, path, 0);
}

function insert(t: T, a: number, b: number): void {
  const { sesid } = fixture;
  jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
  jet.JetSetColumn(sesid, t.tableid, t.a, long(a));
  jet.JetSetColumn(sesid, t.tableid, t.b, long(b));
  jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
  jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
  jet.JetUpdate2(sesid, t.tableid);
}

function current(t: T): [number, number] {
  const { sesid } = fixture;
  const read = (columnid: number) =>
    decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, columnid).value) as number;
  return [read(t.a), read(t.b)];
}

function withRecords(): T {
  const t = table();
  for (const [a, b] of [
    [1, 1],
    [1, 2],
    [2, 1],
    [3, 1],
  ] as const) {
    insert(t, a, b);
  }
  return t;
}

/** Table `name`: `key` and v (Long), keyed on `key`, with the secondary index byV on v (`byVGrbit`). */
function keyedWithByV(name: string, byVGrbit: number, key = 'k'): { tableid: bigint; k: number; v: number } {
  const { sesid, dbid } = fixture;
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: name,
    rgcolumncreate: [
      { szColumnName: key, coltyp: JET_coltypLong },
      { szColumnName: 'v', coltyp: JET_coltypLong },
    ],
    rgindexcreate: [
      { szIndexName: 'pk', szKey: [`+${key}`], grbit: JET_bitIndexPrimary },
      { szIndexName: 'byV', szKey: ['+v'], grbit: byVGrbit },
    ],
  });
  const [k, v] = created.columnids as [number, number];
  return { tableid: created.tableid, k, v };
}

/** Inserts a record with `key` and `value` through a table keyedWithByV made. */
function putKeyed(t: { tableid: bigint; k: number; v: number }, key: number, value: number): void {
  const { sesid } = fixture;
  jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
  jet.JetSetColumn(sesid, t.tableid, t.k, long(key));
  jet.JetSetColumn(sesid, t.tableid, t.v, long(value));
  jet.JetUpdate2(sesid, t.tableid);
}

describe('JetSeek compares whole keys (ESE rec.cxx ErrIsamSeek, CmpKey with length as tie-breaker)', () => {
  it('a key of fewer columns than the index is not equal to any entry: SeekEQ fails, SeekGE warns', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');

    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([1, 1]);

    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(2));
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
  });

  it('SeekGT on a partial key lands on the first entry it prefixes; SeekLE and SeekLT land before them', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGT)).toBe(0);
    expect(current(t)).toEqual([1, 1]);

    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([1, 2]);

    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLT)).toBe(0);
    expect(current(t)).toEqual([1, 2]);

    // With JET_bitFullColumnEndLimit the later columns are wildcards: LE lands on the last (2, *).
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([2, 1]);
  });

  it('SeekLE on a non-unique index lands on the first entry of the key sought that the session sees, as SeekGE does, before it falls back to the last entry below (bt.cxx ErrBTDown: fSeekOnNonUniqueKeyOnly; rec.cxx ErrIsamSeek; extended generator seed 2526)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [
      { szIndexName: 'byB', szKey: ['+b'], grbit: 0 },
      { szIndexName: 'byBDown', szKey: ['-b'], grbit: 0 },
    ]);
    const seekB = (b: number, kind: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(b), JET_bitNewKey);
      let found = 0;
      const errno = errnoOf(() => (found = jet.JetSeek(sesid, t.tableid, kind)));
      return errno === 0 ? [found, ...current(t)] : [errno];
    };
    for (const index of ['byB', 'byBDown']) {
      jet.JetSetCurrentIndex4(sesid, t.tableid, index);
      // b = 1 is the key of (1, 1), (2, 1) and (3, 1), in that order under either direction.
      expect(seekB(1, JET_bitSeekLE)).toEqual([0, 1, 1]);
      expect(seekB(1, JET_bitSeekGE)).toEqual([0, 1, 1]);
      expect(seekB(2, JET_bitSeekLE)).toEqual([0, 1, 2]);
    }
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    // Between keys, the last entry below.
    expect(seekB(3, JET_bitSeekLE)).toEqual([JET_wrnSeekNotEqual, 1, 2]);
    // The first entry of the key deleted by the session: the next one it sees.
    jet.JetBeginTransaction(sesid);
    expect(seekB(1, JET_bitSeekEQ)).toEqual([0, 1, 1]);
    jet.JetDelete(sesid, t.tableid);
    expect(seekB(1, JET_bitSeekLE)).toEqual([0, 2, 1]);
    // None of the key left to see: the last entry below it, or none.
    expect(seekB(2, JET_bitSeekEQ)).toEqual([0, 1, 2]);
    jet.JetDelete(sesid, t.tableid);
    expect(seekB(2, JET_bitSeekLE)).toEqual([JET_wrnSeekNotEqual, 3, 1]);
    jet.JetRollback(sesid, 0);
    // A unique index has one entry per key: unchanged.
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(2));
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
  });

  it('an index range on a partial key needs an end limit to include the entries it prefixes', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expectJetError(
      () => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive),
      EsentNoCurrentRecordError,
      -1603,
      'JetSetIndexRange',
    );

    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetSeek(sesid, t.tableid, JET_bitSeekGE);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive)).toBe(0);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(2);
  });

  it('needs a seek grbit (JET_errInvalidParameter), consumes the key, and refuses RangeRemove without a range', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, 0), EsentInvalidParameterError, -1003, 'JetSeek');
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekGE), EsentKeyNotMadeError, -1608, 'JetSeek');
    expectJetError(
      () => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove),
      EsentInvalidOperationError,
      -1906,
      'JetSetIndexRange',
    );
  });
});

describe('an index range\'s limit is the search key buffer (ESE fucb.cxx ErrFUCBCheckIndexRange compares with dataSearchKey)', () => {
  it('a key made after the range was set is its limit from then on; so is a new key whose first segment was refused: an empty key, after every entry (extended generator seed 15128)', () => {
    const { sesid } = fixture;
    const t = keyedWithByV('rangeFollowsKey', 0);
    for (const key of [1, 2, 3]) putKeyed(t, key, key * 10);
    const value = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.k).value);
    const rangeFromOne = (grbit: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
      expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
      jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
      expect(jet.JetSetIndexRange(sesid, t.tableid, grbit)).toBe(0);
    };
    // Up to 3, exclusive; then a key of 2 makes it up to 2.
    rangeFromOne(JET_bitRangeUpperLimit);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    // The move out of the range removed it and left the cursor after the last entry.
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(value()).toBe(3);
    // A refused first segment of a new key empties the buffer: every entry is past the limit.
    rangeFromOne(JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, Buffer.from([1, 2, 3]), JET_bitNewKey), EsentInvalidBufferSizeError, -1047, 'JetMakeKey');
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    // A key made without a range is no limit: the move goes on to the last record.
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expect(value()).toBe(3);
    jet.JetCloseTable(sesid, t.tableid);
  });
});

describe('JetMove grbits (ESE rec.cxx ErrIsamMove)', () => {
  it('reads JET_bitMoveKeyNE only: any other bit is ignored, not refused', () => {
    const { sesid } = fixture;
    const t = withRecords();
    expect(jet.JetMove(sesid, t.tableid, JET_MoveFirst, 0x40)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext, 0x40 | 0x1000)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveLast, 0x40)).toBe(0);
    expect(current(t)).toEqual([3, 1]);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext, 0x40), EsentNoCurrentRecordError, -1603, 'JetMove');
  });
});

describe('JetMove, JetSeek and JetDelete cancel a prepared update (ESE rec.cxx, recupd.cxx)', () => {
  it('after JetMove the update is no longer prepared', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveFirst)).toBe(0);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.a, long(9)), EsentUpdateNotPreparedError, -1609, 'JetSetColumn');
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel), EsentUpdateNotPreparedError, -1609, 'JetPrepareUpdate');
  });

  it('after JetSeek the update is no longer prepared', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(1));
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
  });

  it('JetDelete deletes the record and drops the prepared replace', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expect(jet.JetDelete(sesid, t.tableid)).toBe(0);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel), EsentUpdateNotPreparedError, -1609, 'JetPrepareUpdate');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
  });
});

describe('JetSetColumn by kind of column (ESE fldmod.cxx, recupd.cxx)', () => {
  it('cuts a variable column at cbMax with JET_wrnColumnMaxTruncated', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    expect(jet.JetSetColumn(sesid, t.tableid, t.name, text('abcdefghij'))).toBe(JET_wrnColumnMaxTruncated);
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.name).value).toEqual(text('abcdefgh'));
  });

  it('refuses a long value (LongText, LongBinary) outside a transaction with JET_errNotInTransaction, value, NULL or default alike', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'documents',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'title', coltyp: JET_coltypText, cbMax: 32 },
        { szColumnName: 'body', coltyp: JET_coltypLongText },
        { szColumnName: 'blob', coltyp: JET_coltypLongBinary },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, title, body, blob] = created.columnids as number[];
    const tableid = created.tableid;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    // Other columns are set outside a transaction; the update makes its own.
    expect(jet.JetSetColumn(sesid, tableid, k!, long(1))).toBe(0);
    expect(jet.JetSetColumn(sesid, tableid, title!, text('t'))).toBe(0);
    const refused = (fn: () => unknown, operation = 'JetSetColumn') =>
      expectJetError(fn, EsentNotInTransactionError, -1054, operation);
    refused(() => jet.JetSetColumn(sesid, tableid, body!, text('a body')));
    refused(() => jet.JetSetColumn(sesid, tableid, blob!, Buffer.from([1, 2, 3])));
    refused(() => jet.JetSetColumn(sesid, tableid, body!, null));
    refused(() => jet.JetSetColumn(sesid, tableid, body!, null, JET_bitSetRevertToDefaultValue));
    refused(() => jet.JetSetColumns(sesid, tableid, [{ columnid: body!, pvData: text('x') }]), 'JetSetColumns');
    jet.JetUpdate2(sesid, tableid);
    // In a transaction the same calls succeed.
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(2));
    expect(jet.JetSetColumn(sesid, tableid, body!, text('a body'))).toBe(0);
    expect(jet.JetSetColumns(sesid, tableid, [{ columnid: blob!, pvData: Buffer.from([1, 2, 3]) }])).toBe(0);
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid);
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expect(jet.JetRetrieveColumn(sesid, tableid, body!).value).toEqual(text('a body'));
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, tableid, body!).value).toBe(null);
  });

  it('refuses a fixed Text value longer than cbMax with JET_errInvalidBufferSize, a tagged one with JET_errColumnTooBig', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.code, text('abcde')), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.tag, text('abcde')), EsentColumnTooBigError, -1506, 'JetSetColumn');
    expect(jet.JetSetColumn(sesid, t.tableid, t.code, text('ab'))).toBe(0);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.code, JET_bitRetrieveCopy).value).toEqual(text('ab  '));
  });

  it('refuses autoincrement columns, and version columns in a replace, with JET_errInvalidColumnType', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'counters',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'auto', coltyp: JET_coltypLong, grbit: JET_bitColumnAutoincrement },
        { szColumnName: 'ver', coltyp: JET_coltypLong, grbit: JET_bitColumnVersion },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const tableid = created.tableid;
    const [k, auto, ver] = created.columnids as number[];
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    expectJetError(() => jet.JetSetColumn(sesid, tableid, auto!, long(7)), EsentInvalidColumnTypeError, -1511, 'JetSetColumn');
    expect(jet.JetSetColumn(sesid, tableid, ver!, long(0))).toBe(0);
    jet.JetUpdate2(sesid, tableid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    expectJetError(() => jet.JetSetColumn(sesid, tableid, ver!, long(3)), EsentInvalidColumnTypeError, -1511, 'JetSetColumn');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
  });

  it('refuses null for a NOT NULL column at JetSetColumn; zero length is null for a fixed column only', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.req, null), EsentNullInvalidError, -1504, 'JetSetColumn');
    expectJetError(
      () => jet.JetSetColumn(sesid, t.tableid, t.req, Buffer.alloc(0), JET_bitSetZeroLength),
      EsentNullInvalidError,
      -1504,
      'JetSetColumn',
    );
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.reqv, null), EsentNullInvalidError, -1504, 'JetSetColumn');
    expect(jet.JetSetColumn(sesid, t.tableid, t.reqv, Buffer.alloc(0), JET_bitSetZeroLength)).toBe(0);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
  });

  it('stores a fixed Bit column as 0xFF for any non-zero byte', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.flag, Buffer.from([0x01]));
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.flag, JET_bitRetrieveCopy).value).toEqual(Buffer.from([0xff]));
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
  });

  it('JetSetColumns returns the last entry\'s result', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expect(
      jet.JetSetColumns(sesid, t.tableid, [
        { columnid: t.name, pvData: text('abcdefghij') },
        { columnid: t.a, pvData: long(1) },
      ]),
    ).toBe(0);
    expect(
      jet.JetSetColumns(sesid, t.tableid, [
        { columnid: t.a, pvData: long(1) },
        { columnid: t.name, pvData: text('abcdefghij') },
      ]),
    ).toBe(JET_wrnColumnMaxTruncated);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
  });
});

describe('which error wins', () => {
  it('JetUpdate2 of an insert reports JET_errNullInvalid before JET_errKeyDuplicate', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentNullInvalidError, -1504, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
  });

  it('JetSetColumn on a read-only cursor gives JET_errPermissionDenied before JET_errUpdateNotPrepared', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    const readOnly = jet.JetOpenTable(sesid, dbid, 't', JET_bitTableReadOnly);
    expectJetError(() => jet.JetSetColumn(sesid, readOnly, t.a, long(1)), EsentPermissionDeniedError, -1809, 'JetSetColumn');
    jet.JetCloseTable(sesid, readOnly);
  });

  it('JetPrepareUpdate twice gives JET_errAlreadyPrepared', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
  });
});

describe('where a cursor stands (ESE fucb.hxx locLogical)', () => {
  it('a fresh cursor is on the first record, found when used: retrieve reads it, a move next lands on the second (rec.hxx RECDeferMoveFirst, dir.cxx ErrDIRIIRefresh)', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    const fresh = jet.JetOpenTable(sesid, dbid, 't');
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, fresh, t.a).value)).toBe(1);
    const other = jet.JetOpenTable(sesid, dbid, 't');
    expect(jet.JetMove(sesid, other, JET_MoveNext)).toBe(0);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, other, t.b).value)).toBe(2);
    const dup = jet.JetDupCursor(sesid, other);
    expect(jet.JetGetRecordPosition(sesid, dup).centriesLT).toBe(0);
  });

  it('on an empty table a fresh cursor counts 0 and waits for a record; a failed move leaves it after the last (next) or before the first (first) (dir.cxx ErrDIRIndexRecordCount, rec.cxx ErrIsamMove)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(0);
    const movedNext = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetMove(sesid, movedNext, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetIndexRecordCount(sesid, movedNext), EsentNoCurrentRecordError, -1603, 'JetIndexRecordCount');
    const movedFirst = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetMove(sesid, movedFirst, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
    insert(t, 5, 5);
    insert(t, 1, 1);
    const a = (tableid: bigint) => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, t.a).value);
    // The fresh cursor is on the first record of the index, found at first use: (1, 1).
    expect(current(t)).toEqual([1, 1]);
    // After the last: nothing next, the last record before it.
    expectJetError(() => jet.JetMove(sesid, movedNext, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(jet.JetMove(sesid, movedNext, JET_MovePrevious)).toBe(0);
    expect(a(movedNext)).toBe(5);
    // Before the first: the first record next.
    expect(jet.JetMove(sesid, movedFirst, JET_MoveNext)).toBe(0);
    expect(a(movedFirst)).toBe(1);
  });

  it('a seek that finds nothing in an index without an entry stands where it looked, whatever its kind; the position there is an empty page (rec.cxx ErrIsamSeek, bt.cxx ErrBTGetPosition)', () => {
    const { sesid } = fixture;
    const t = table();
    for (const how of [JET_bitSeekEQ, JET_bitSeekGE, JET_bitSeekLT]) {
      jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
      expectJetError(() => jet.JetSeek(sesid, t.tableid, how), EsentRecordNotFoundError, -1601, 'JetSeek');
      // Where it looked, a range from there is in place and the record count still needs a record.
      jet.JetMakeKey(sesid, t.tableid, long(4), JET_bitNewKey | JET_bitFullColumnEndLimit);
      expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit)).toBe(0);
      expectJetError(() => jet.JetGetRecordPosition(sesid, t.tableid), EsentBadEmptyPageError, -351, 'JetGetRecordPosition');
      expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetIndexRecordCount');
    }
    // With a record, a failed SeekGE goes after the last record instead.
    insert(t, 1, 1);
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekGE), EsentRecordNotFoundError, -1601, 'JetSeek');
    expectJetError(() => jet.JetGetRecordPosition(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetRecordPosition');
  });

  it('JetSetCurrentIndex4 to an index it cannot find lets go of a secondary index: the cursor is back on the primary, before the first record (rec.cxx ErrRECSetCurrentIndex)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['-b'], grbit: 0 }]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'nope'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    // Next is the primary index's first record (byB's first is (1, 2)).
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
    // On the primary index a name it cannot find changes nothing.
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'nope'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    expect(current(t)).toEqual([1, 1]);
  });

  it('JetAddColumn and JetDeleteColumn leave the cursor before the first record (fcreate.cxx ErrIsamAddColumn, ErrIsamDeleteColumn)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetAddColumn(sesid, t.tableid, 'extra', { coltyp: JET_coltypLong });
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
    jet.JetDeleteColumn2(sesid, t.tableid, 'extra');
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
  });

  it('JetSetCurrentIndex4 without JET_bitNoMove cancels a prepared update and goes to the first entry, even for the same index (rec.cxx ErrIsamSetCurrentIndex)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk')).toBe(0);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expect(current(t)).toEqual([1, 1]);
  });

  it('JetSetCurrentIndex4 with JET_bitNoMove and no current record fails before looking the index up (rec.cxx ErrIsamSetCurrentIndex)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(
      () => jet.JetSetCurrentIndex4(sesid, t.tableid, 'nosuchindex', JET_bitNoMove),
      EsentNoCurrentRecordError,
      -1603,
      'JetSetCurrentIndex4',
    );
  });

  it('a secondary index\'s cursor a read left at the root of the empty index refuses a move next or previous, records inserted since or not; the move leaves it after the last entry or before the first (dir.cxx ErrDIRNext, ErrDIRPrev; extended generator seed 14031)', () => {
    const { sesid } = fixture;
    const value = (t: { tableid: bigint; v: number }) => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.v).value);
    const leftAtRoot = (name: string) => {
      const t = keyedWithByV(name, 0);
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV');
      expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.v), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
      return t;
    };
    const forward = leftAtRoot('rooted');
    putKeyed(forward, 1, 10);
    putKeyed(forward, 2, 20);
    expectJetError(() => jet.JetMove(sesid, forward.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetMove(sesid, forward.tableid, JET_MovePrevious);
    expect(value(forward)).toBe(20);
    const backward = leftAtRoot('rootedToo');
    putKeyed(backward, 1, 30);
    expectJetError(() => jet.JetMove(sesid, backward.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetMove(sesid, backward.tableid, JET_MoveNext);
    expect(value(backward)).toBe(30);
  });

  it('a secondary index\'s cursor a read left at the root of the empty index refuses JetSetIndexRange too, records inserted since or not, and keeps the range (rec.cxx ErrIsamSetIndexRange, dir.cxx ErrDIRCheckIndexRange; extended generator seed 15158)', () => {
    const { sesid } = fixture;
    const t = keyedWithByV('rangedAtRoot', 0);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV');
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.v), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    putKeyed(t, 1, 10);
    putKeyed(t, 2, 20);
    jet.JetMakeKey(sesid, t.tableid, long(15), JET_bitNewKey);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove)).toBe(0);
    // The index's cursor is still at the root: a move next is refused as before.
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it('JetIndexRecordCount on a secondary index counts from the entry the index\'s own cursor was put on by a range check, not from the first entry an insert since made: the table\'s deferred move stays its own (rec.cxx ErrIsamIndexRecordCount, dir.cxx ErrDIRIndexRecordCount; extended generator seed 14063)', () => {
    const { sesid } = fixture;
    const counted = keyedWithByV('counted', 0);
    const { tableid, v } = counted;
    putKeyed(counted, 1, 1);
    putKeyed(counted, 2, 4);
    putKeyed(counted, 3, 9);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    // A range check of the index's cursor makes its move to the first entry, v = 1, and the
    // range, instant, goes at once.
    jet.JetMakeKey(sesid, tableid, long(-5), JET_bitNewKey);
    expect(jet.JetSetIndexRange(sesid, tableid, JET_bitRangeInclusive | JET_bitRangeInstantDuration)).toBe(0);
    putKeyed(counted, 4, -3);
    expect(jet.JetIndexRecordCount(sesid, tableid, 0)).toBe(3);
    jet.JetMove(sesid, tableid, JET_MoveNext);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, v).value)).toBe(4);
  });

  it('JetIndexRecordCount from a record deleted since it became current is JET_errRecordDeleted (dir.cxx ErrDIRIndexRecordCount, ErrDIRIRefresh)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    jet.JetDelete(sesid, t.tableid);
    expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetIndexRecordCount');
    // The next entry is still there to count from.
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(2);
  });

  it('JetSetCurrentIndex4 with JET_bitNoMove before the deferred move to the first entry is JET_errNoCurrentRecord (dir.hxx ErrDIRGetBookmark)', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    // A fresh cursor, and one whose index was just set, stand on the first entry only once
    // used: the bookmark JET_bitNoMove takes is not there yet.
    const fresh = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, fresh, 'pk', JET_bitNoMove), EsentNoCurrentRecordError, -1603, 'JetSetCurrentIndex4');
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, null, JET_bitNoMove), EsentNoCurrentRecordError, -1603, 'JetSetCurrentIndex4');
    // Once used, the cursor is on the first entry and keeps it.
    expect(current(t)).toEqual([1, 1]);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, null, JET_bitNoMove)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
    jet.JetCloseTable(sesid, fresh);
  });

  it('a read from a secondary index\'s key moves the index\'s cursor alone: the table\'s cursor still waits for its move to the first entry, so JetGetBookmark and JetSetCurrentIndex4 with JET_bitNoMove find no record until a read of the record (fldext.cxx ErrRECIRetrieveFromIndex; extended generator seed 10216)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'] }]);
    for (const grbit of [JET_bitRetrieveFromIndex, JET_bitRetrieveFromIndex | JET_bitRetrieveTag]) {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
      expect(jet.JetRetrieveColumn(sesid, t.tableid, t.b, grbit).value).toEqual(long(1));
      expectJetError(() => jet.JetGetBookmark(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
      expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'missing', JET_bitNoMove), EsentNoCurrentRecordError, -1603, 'JetSetCurrentIndex4');
    }
    // A read of the record makes the move.
    expect(current(t)).toEqual([1, 1]);
    expect(jet.JetGetBookmark(sesid, t.tableid)).toBeDefined();
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'missing', JET_bitNoMove), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
  });

  it('a failed SeekEQ stands where it looked: move next gives the entry after, move previous the one before (rec.cxx ErrIsamSeek, locOnSeekBM)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const seekEq = (a: number, b: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(b));
      expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    seekEq(1, 5);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([2, 1]);
    seekEq(1, 5);
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
  });

  it('after a failed SeekEQ on a unique index a move goes from the key sought, which the cursor keeps as its bookmark, so it finds the entries inserted since between that key and the entry the seek found (bt.cxx ErrBTDown, ErrBTPerformOnSeekBM; differential seed 28 of the extended generator)', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    const seekEq = (a: number, b: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(b));
      expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    const other = jet.JetOpenTable(sesid, dbid, 't');
    const insertThrough = (a: number, b: number) => insert({ ...t, tableid: other }, a, b);
    seekEq(1, 5);
    insertThrough(1, 7);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 7]);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([2, 1]);
    // Past every entry: the key sought is kept too, and an entry inserted after it is next.
    seekEq(4, 1);
    insertThrough(5, 1);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([5, 1]);
    seekEq(1, 6);
    insertThrough(1, 3);
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([1, 3]);
    jet.JetCloseTable(sesid, other);
  });

  it('a failed SeekEQ with a limit key keeps the key with its limit: on a unique index a move next from it finds nothing past the entries it prefixes, a move previous the last of them (rec.cxx ErrIsamSeek, dir.cxx ErrDIRRelease; extended generator seed 3347)', () => {
    const { sesid, dbid } = fixture;
    for (const grbit of [JET_bitIndexPrimary, JET_bitIndexUnique]) {
      const name = grbit === JET_bitIndexPrimary ? 'p' : 'u';
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [{ szColumnName: 'v', coltyp: JET_coltypBinary, cbMax: 20 }],
        rgindexcreate: [{ szIndexName: 'x', szKey: ['+v'], grbit }],
      });
      const [v] = created.columnids as number[];
      const tableid = created.tableid;
      if (grbit !== JET_bitIndexPrimary) jet.JetSetCurrentIndex4(sesid, tableid, 'x');
      for (const value of ['ff', '01']) {
        jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, tableid, v!, Buffer.from(value, 'hex'));
        jet.JetUpdate2(sesid, tableid);
      }
      const seekLimit = () => {
        // On a variable binary column JET_bitStrLimit ends the key after the value's bytes.
        jet.JetMakeKey(sesid, tableid, Buffer.from('ff', 'hex'), JET_bitNewKey | JET_bitStrLimit);
        expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
      };
      seekLimit();
      expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
      seekLimit();
      expect(jet.JetMove(sesid, tableid, JET_MovePrevious)).toBe(0);
      expect(jet.JetRetrieveColumn(sesid, tableid, v!).value).toEqual(Buffer.from('ff', 'hex'));
      jet.JetCloseTable(sesid, tableid);
    }
  });

  it('the key sought stays the bookmark on a non-unique index too, and an entry inserted since with that very key is found exactly by the move\'s search, which then moves on from it either way: only the first of the entries with that key is passed (dir.cxx ErrDIRRelease, ErrDIRNext, ErrDIRPrev; bt.cxx ErrBTPerformOnSeekBM; extended generator seed 1769)', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]);
    // Three cursors on byB, each left by an exact seek for b = 0, which finds nothing: the
    // search landed on (1, 1), the first entry with b = 1.
    const cursors = [0, 1, 2].map(() => {
      const tableid = jet.JetOpenTable(sesid, dbid, 't');
      jet.JetSetCurrentIndex4(sesid, tableid, 'byB');
      jet.JetMakeKey(sesid, tableid, long(0), JET_bitNewKey);
      expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
      return { ...t, tableid };
    });
    const [nextOne, previousOne, placed] = cursors as [T, T, T];
    insert(t, 4, 0);
    insert(t, 5, 0);
    // byB: (0: 4,0) (0: 5,0) (1: 1,1) (1: 2,1) (1: 3,1) (2: 1,2). The search for b = 0 lands
    // on (4, 0): next passes it, previous finds nothing before it, and the position is its own.
    expect(jet.JetGetRecordPosition(sesid, placed.tableid)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 6 });
    expect(jet.JetMove(sesid, nextOne.tableid, JET_MoveNext)).toBe(0);
    expect(current(nextOne)).toEqual([5, 0]);
    expectJetError(() => jet.JetMove(sesid, previousOne.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');

    // On the unique primary index an entry with the key sought itself is passed as well.
    const primary = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetMakeKey(sesid, primary, long(2), JET_bitNewKey);
    jet.JetMakeKey(sesid, primary, long(5));
    expectJetError(() => jet.JetSeek(sesid, primary, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    insert(t, 2, 5);
    expect(jet.JetGetRecordPosition(sesid, primary)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 7 });
    expect(jet.JetMove(sesid, primary, JET_MoveNext)).toBe(0);
    expect(current({ ...t, tableid: primary })).toEqual([3, 1]);
  });

  it('a seek of any kind into an index without an entry stands on the key sought; entries with that key inserted since: a move passes only the first of them, next or previous (dir.cxx ErrDIRNext, ErrDIRPrev; bt.cxx ErrBTPerformOnSeekBM)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]);
    const kinds = [JET_bitSeekEQ, JET_bitSeekGE, JET_bitSeekLE];
    const cursors = kinds.map((kind) =>
      [0, 1, 2].map(() => {
        const tableid = jet.JetOpenTable(sesid, dbid, 't');
        jet.JetSetCurrentIndex4(sesid, tableid, 'byB');
        jet.JetMakeKey(sesid, tableid, long(5), JET_bitNewKey);
        expectJetError(() => jet.JetSeek(sesid, tableid, kind), EsentRecordNotFoundError, -1601, 'JetSeek');
        return { ...t, tableid };
      }),
    );
    for (const [a, b] of [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 9],
    ] as const) {
      insert(t, a, b);
    }
    for (const [placed, nextOne, previousOne] of cursors as Array<[T, T, T]>) {
      expect(jet.JetGetRecordPosition(sesid, placed.tableid)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 4 });
      expect(jet.JetMove(sesid, nextOne.tableid, JET_MoveNext)).toBe(0);
      expect(current(nextOne)).toEqual([2, 5]);
      expectJetError(() => jet.JetMove(sesid, previousOne.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    }
  });

  it('a seek whose search lands on an entry the session deleted, with no visible entry beyond it, stands where it looked, whatever its kind (bt.cxx ErrBTDown, dir.cxx ErrDIRDown: locOnSeekBM)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const lowerInclusive = JET_bitRangeInclusive;
    const upperInclusive = JET_bitRangeUpperLimit | JET_bitRangeInclusive;
    const seek = (a: number, b: number, kind: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(b));
      expectJetError(() => jet.JetSeek(sesid, t.tableid, kind), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    // Standing on the key sought, a range that key is within is set (dir.cxx
    // ErrDIRCheckIndexRange); before the first entry or after the last it is not.
    const rangeFrom = (a: number, b: number, grbit: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(b));
      return () => jet.JetSetIndexRange(sesid, t.tableid, grbit);
    };
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetDelete(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetDelete(sesid, t.tableid);
    // Left: (1, 2) and (2, 1); (1, 1) and (3, 1) are deleted, still in the index.

    // SeekLE and SeekLT land on (1, 1), and find nothing visible before it.
    seek(1, 1, JET_bitSeekLE);
    expect(rangeFrom(1, 1, lowerInclusive)()).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
    seek(1, 1, JET_bitSeekLT);
    expect(rangeFrom(1, 1, lowerInclusive)()).toBe(0);
    // Below every entry, SeekLE lands on (1, 1) all the same.
    seek(0, 0, JET_bitSeekLE);
    expect(rangeFrom(0, 0, lowerInclusive)()).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');

    // SeekGE and SeekGT land on (3, 1), and find nothing visible after it.
    seek(3, 1, JET_bitSeekGE);
    expect(rangeFrom(3, 1, upperInclusive)()).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    seek(2, 5, JET_bitSeekGT);
    expect(rangeFrom(2, 5, upperInclusive)()).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([2, 1]);
    // SeekEQ past every entry lands on the last one, (3, 1).
    seek(3, 5, JET_bitSeekEQ);
    expect(rangeFrom(3, 5, lowerInclusive)()).toBe(0);

    // Where the search lands on a visible entry the failed seek moves off it as before:
    // SeekGT from (2, 1) lands on it and moves next past (3, 1), after the last entry.
    seek(2, 1, JET_bitSeekGT);
    expectJetError(rangeFrom(2, 1, upperInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    jet.JetRollback(sesid, 0);
  });

  it('on a non-unique index a SeekEQ landing on a deleted entry looks next, then previous; found before, it moves next from there and fails after the last entry (bt.cxx ErrBTDown, rec.cxx ErrIsamSeek)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 2]);
    jet.JetDelete(sesid, t.tableid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    // byB: b = 1 three times, then the deleted b = 2.
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove)).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([3, 1]);
    jet.JetRollback(sesid, 0);
  });

  it('a failed SeekGE/GT leaves the cursor after the last entry, a failed SeekLE/LT before the first (rec.cxx ErrIsamSeek)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(9), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekGE), EsentRecordNotFoundError, -1601, 'JetSeek');
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([3, 1]);
    jet.JetMakeKey(sesid, t.tableid, long(0), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekLT), EsentRecordNotFoundError, -1601, 'JetSeek');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
    // Bits other than the seek kinds are not checked.
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey | JET_bitFullColumnStartLimit);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE | 0x1000)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([2, 1]);
  });
});

describe('index ranges (ESE rec.cxx ErrIsamSetIndexRange, dir.cxx, fucb.cxx ErrFUCBCheckIndexRange)', () => {
  it('an end limit on a variable binary column fills the rest of the value\'s chunk with 0xFF: the key a seek kept in an empty index, which continues the value with other bytes, is inside a range up to that limit, outside one up to the value alone (fldnorm.cxx FLDITrySetPartialColumnLimitOnBinaryColumn, dir.cxx ErrDIRCheckIndexRange; extended generator seed 14089)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'empty',
      rgcolumncreate: [{ szColumnName: 'g', coltyp: JET_coltypBinary, cbMax: 20 }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+g'], grbit: JET_bitIndexPrimary }],
    });
    const tableid = created.tableid;
    const rangeAfterSeek = (value: number[], grbit: number, range: number) => {
      jet.JetMakeKey(sesid, tableid, Buffer.from([0x00, 0xff, 0x00]), JET_bitNewKey | JET_bitFullColumnStartLimit);
      expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekGE), EsentRecordNotFoundError, -1601, 'JetSeek');
      jet.JetMakeKey(sesid, tableid, Buffer.from(value), JET_bitNewKey | grbit);
      return errnoOf(() => jet.JetSetIndexRange(sesid, tableid, range));
    };
    expect(rangeAfterSeek([0x00], JET_bitStrLimit, JET_bitRangeUpperLimit)).toBe(0);
    expect(rangeAfterSeek([0x00], JET_bitPartialColumnEndLimit, JET_bitRangeUpperLimit)).toBe(0);
    expect(rangeAfterSeek([0x00, 0xff], JET_bitStrLimit, JET_bitRangeUpperLimit)).toBe(0);
    expect(rangeAfterSeek([0x00], 0, JET_bitRangeUpperLimit)).toBe(-1603);
    expect(rangeAfterSeek([0x00], JET_bitFullColumnEndLimit, JET_bitRangeUpperLimit)).toBe(-1603);
    expect(rangeAfterSeek([0x00, 0xff, 0x00], 0, JET_bitRangeUpperLimit | JET_bitRangeInclusive)).toBe(0);
    expect(rangeAfterSeek([0x00, 0xff, 0x00], 0, JET_bitRangeUpperLimit)).toBe(-1603);
  });

  it('where a seek with a limit key found nothing in an empty index, the key it keeps, its limit included, is checked against a range\'s limit key byte for byte (dir.cxx ErrDIRCheckIndexRange; fldnorm.cxx ErrIsamMakeKey; extended generator seed 3380)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'empty',
      rgcolumncreate: [
        { szColumnName: 'h', coltyp: JET_coltypLong },
        { szColumnName: 'd', coltyp: JET_coltypBit },
      ],
      rgindexcreate: [{ szIndexName: 'x', szKey: ['+h', '+d'], grbit: JET_bitIndexUnique }],
    });
    const tableid = created.tableid;
    jet.JetSetCurrentIndex4(sesid, tableid, 'x');
    const makeKey = (limit: number) => {
      jet.JetMakeKey(sesid, tableid, long(1), JET_bitNewKey);
      jet.JetMakeKey(sesid, tableid, Buffer.from([1]), limit);
    };
    const seekLimit = () => {
      makeKey(JET_bitFullColumnEndLimit);
      expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekLE), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    // The same key and limit byte: inside an inclusive range either way, outside an exclusive one.
    for (const grbit of [JET_bitRangeInclusive, JET_bitRangeInclusive | JET_bitRangeUpperLimit]) {
      seekLimit();
      makeKey(JET_bitStrLimit);
      expect(jet.JetSetIndexRange(sesid, tableid, grbit)).toBe(0);
    }
    for (const grbit of [0, JET_bitRangeUpperLimit]) {
      seekLimit();
      makeKey(JET_bitStrLimit);
      expectJetError(() => jet.JetSetIndexRange(sesid, tableid, grbit), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    }
    // A range key without a limit is before the key kept.
    seekLimit();
    jet.JetMakeKey(sesid, tableid, long(1), JET_bitNewKey);
    jet.JetMakeKey(sesid, tableid, Buffer.from([1]));
    expectJetError(() => jet.JetSetIndexRange(sesid, tableid, JET_bitRangeInclusive | JET_bitRangeUpperLimit), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    jet.JetCloseTable(sesid, tableid);
  });

  const upperInclusive = JET_bitRangeUpperLimit | JET_bitRangeInclusive;

  it('moving past the limit removes the range and leaves the cursor after the last entry', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSetIndexRange(sesid, t.tableid, upperInclusive)).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([3, 1]);
  });

  it('a lower limit is checked moving backwards and leaves the cursor before the first entry', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeInclusive)).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([2, 1]);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
  });

  it('setting a range the current entry is outside of fails, removes the range and puts the cursor past its end', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, upperInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(current(t)).toEqual([3, 1]);
  });

  it('after a SeekEQ that found nothing on a unique index, the range is checked against the key sought (dir.cxx ErrDIRDown keeps it as bmCurr, locOnSeekBM; ErrDIRCheckIndexRange)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const seekMissing = () => {
      jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(5));
      expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    seekMissing();
    // (1, 5) is within "a up to 1", though the next entry, (2, 1), is not.
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSetIndexRange(sesid, t.tableid, upperInclusive)).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');

    seekMissing();
    // (1, 5) is below "a from 2": the range goes and the cursor stands before the first entry.
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(current(t)).toEqual([1, 1]);
  });

  it('with the cursor off any entry the range is set all the same and JET_errNoCurrentRecord returned (dir.cxx ErrDIRCheckIndexRange)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, upperInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it("a range set on the primary index stays with the table's cursor while a secondary index is current, and is back with the primary index, after JetSetCurrentIndex or after the rollback that ends the secondary index; a move to the first entry or a seek there drops it; its limit is read from the search key buffer, which a JetMakeKey on the secondary index writes too (rec.cxx ErrRECSetCurrentIndex, ErrIsamMove, ErrIsamSeek: DIRResetIndexRange; fucb.cxx ErrFUCBCheckIndexRange; the extended generator's seed 152, confirmed on ESE's engine)", () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'] }]);
    // +a+b: (1,1), (1,2), (2,1), (3,1); the range: a up to 1.
    const movesAfter = (between: () => void, back: 'switch' | 'rollback') => {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
      jet.JetSetIndexRange(sesid, t.tableid, upperInclusive);
      if (back === 'rollback') jet.JetBeginTransaction(sesid);
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
      between();
      if (back === 'rollback') {
        jet.JetRollback(sesid, 0);
      } else {
        jet.JetSetCurrentIndex4(sesid, t.tableid, null);
      }
      const seen: Array<[number, number]> = [];
      for (;;) {
        try {
          jet.JetMove(sesid, t.tableid, JET_MoveNext);
        } catch (error) {
          if (!(error instanceof EsentNoCurrentRecordError)) throw error;
          return seen;
        }
        seen.push(current(t));
      }
    };
    const nothing = () => {};
    // Back through JetSetCurrentIndex the cursor waits to move to the first entry; through the
    // rollback it stands before it.
    expect(movesAfter(nothing, 'switch')).toEqual([[1, 2]]);
    expect(movesAfter(nothing, 'rollback')).toEqual([[1, 1], [1, 2]]);
    expect(movesAfter(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), 'switch')).toEqual([[1, 2]]);
    expect(movesAfter(() => jet.JetMove(sesid, t.tableid, JET_MoveFirst), 'switch')).toEqual([[1, 2], [2, 1], [3, 1]]);
    const seek = () => {
      jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
      jet.JetSeek(sesid, t.tableid, JET_bitSeekGE);
    };
    expect(movesAfter(seek, 'rollback')).toEqual([[1, 1], [1, 2], [2, 1], [3, 1]]);
    // The key made on byB (b = 2) is in the buffer the limit is read from: a up to 2.
    expect(movesAfter(() => jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey), 'switch')).toEqual([[1, 2], [2, 1]]);
  });

  it("on its way to the first entry, a cursor passes nodes it does not see; past the first, each is checked against an upper range first, and one outside drops the range and leaves the cursor waiting for its move to the first entry, though entries it sees come after (bt.cxx ErrBTDown, ErrBTNext; dir.cxx ErrDIRIIRefresh; extended generator seed 5755)", () => {
    const { sesid, dbid } = fixture;
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    let tables = 0;
    // A table keyed +a+b holding (5,1) and (6,1), and the records another session inserts into
    // it and has not committed: nodes this session does not see.
    const tableWith = (...unseen: Array<[number, number]>) => {
      const name = `nodes${++tables}`;
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [
          { szColumnName: 'a', coltyp: JET_coltypLong },
          { szColumnName: 'b', coltyp: JET_coltypLong },
        ],
        rgindexcreate: [{ szIndexName: 'pk', szKey: ['+a', '+b'], grbit: JET_bitIndexPrimary }],
      });
      const [a, b] = created.columnids as [number, number];
      const put = (s: bigint, tableid: bigint, key: [number, number]) => {
        jet.JetPrepareUpdate(s, tableid, JET_prepInsert);
        jet.JetSetColumn(s, tableid, a, long(key[0]));
        jet.JetSetColumn(s, tableid, b, long(key[1]));
        jet.JetUpdate2(s, tableid);
      };
      put(sesid, created.tableid, [5, 1]);
      put(sesid, created.tableid, [6, 1]);
      // The cursor the table was made with holds it exclusively.
      jet.JetCloseTable(sesid, created.tableid);
      const otherTable = jet.JetOpenTable(other, otherDb, name);
      jet.JetBeginTransaction(other);
      for (const key of unseen) put(other, otherTable, key);
      const tableid = jet.JetOpenTable(sesid, dbid, name);
      const read = () => [a, b].map((columnid) => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value));
      return { tableid, read };
    };
    // The range "a up to 1" on the fresh cursor: no entry it sees is in it.
    const rangeUpTo1 = (tableid: bigint) => {
      jet.JetMakeKey(sesid, tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
      expectJetError(() => jet.JetSetIndexRange(sesid, tableid, upperInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
      expectJetError(() => jet.JetSetIndexRange(sesid, tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    };

    // (1,1) is landed on and passed unchecked, (2,1) is outside the range: the cursor still
    // waits, so a read finds (5,1), and a move next from the wait lands on (6,1).
    let t = tableWith([1, 1], [2, 1]);
    rangeUpTo1(t.tableid);
    expect(t.read()).toEqual([5, 1]);
    jet.JetRollback(other, 0);
    t = tableWith([1, 1], [2, 1]);
    rangeUpTo1(t.tableid);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    expect(t.read()).toEqual([6, 1]);
    jet.JetRollback(other, 0);

    // One node not seen: the way down finds (5,1), which the range check puts the cursor past.
    t = tableWith([1, 1]);
    rangeUpTo1(t.tableid);
    expectJetError(() => t.read(), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expect(jet.JetMove(sesid, t.tableid, JET_MovePrevious)).toBe(0);
    expect(t.read()).toEqual([6, 1]);
    jet.JetRollback(other, 0);

    // Nodes not seen inside the range are passed: the same as one.
    t = tableWith([1, 1], [1, 2]);
    rangeUpTo1(t.tableid);
    expectJetError(() => t.read(), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetRollback(other, 0);

    // A lower limit is not checked on the way: the cursor finds (5,1) inside "a from 5".
    t = tableWith([1, 1], [2, 1]);
    jet.JetMakeKey(sesid, t.tableid, long(5), JET_bitNewKey);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeInclusive)).toBe(0);
    expect(t.read()).toEqual([5, 1]);
    jet.JetRollback(other, 0);
    jet.JetEndSession(other);
  });

  it('unknown grbits are not checked; a table without a primary index has no index to range over', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSetIndexRange(sesid, t.tableid, upperInclusive | 0x1000)).toBe(0);
    const plain = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'plain',
      rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
    }).tableid;
    expectJetError(() => jet.JetSetIndexRange(sesid, plain, upperInclusive), EsentNoCurrentIndexError, -1515, 'JetSetIndexRange');
  });

  it('JetIndexRecordCount counts from the current entry to the range end, leaves the cursor and removes the range (dir.cxx ErrDIRIndexRecordCount)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSetIndexRange(sesid, t.tableid, upperInclusive)).toBe(0);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(2);
    expect(current(t)).toEqual([1, 2]);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(3);
    expect(jet.JetIndexRecordCount(sesid, t.tableid, 2)).toBe(2);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetIndexRecordCount');
  });
});

describe('databases (ESE db.cxx)', () => {
  it('JetOpenDatabase: an empty name is JET_errDatabaseInvalidPath; an exclusive open counts the caller\'s own opens (ErrDBOpenDatabase, DBSetOpenDatabaseFlag)', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    expectJetError(() => jet.JetOpenDatabase(sesid, ''), EsentDatabaseInvalidPathError, -1217, 'JetOpenDatabase');
    expectJetError(() => jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive), EsentDatabaseInUseError, -1202, 'JetOpenDatabase');
    jet.JetCloseDatabase(sesid, dbid);
    const exclusive = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    const other = jet.JetBeginSession(fixture.instance);
    expectJetError(() => jet.JetOpenDatabase(other, path), EsentDatabaseLockedError, -1207, 'JetOpenDatabase');
    jet.JetCloseDatabase(sesid, exclusive);
    jet.JetEndSession(other);
  });

  it('rolling back a table created by the session holding the database exclusively ends that hold, as the rollback frees the table\'s space through an open and a close of the database in that session (ver.cxx VERIFreeExt, db.cxx ErrDBCloseDatabase)', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    jet.JetCloseDatabase(sesid, dbid);
    const exclusive = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    const other = jet.JetBeginSession(fixture.instance);
    // A table created and kept leaves the hold alone.
    jet.JetBeginTransaction(sesid);
    jet.JetCreateTable(sesid, exclusive, 'kept');
    jet.JetCommitTransaction(sesid);
    expectJetError(() => jet.JetOpenDatabase(other, path), EsentDatabaseLockedError, -1207, 'JetOpenDatabase');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateTable(sesid, exclusive, 'undone');
    jet.JetRollback(sesid, 0);
    const shared = jet.JetOpenDatabase(other, path);
    // The exclusive session still has the database open, now shared.
    expect(jet.JetCreateTable(sesid, exclusive, 'after')).toBeTypeOf('bigint');
    jet.JetCloseDatabase(other, shared);
    jet.JetCloseDatabase(sesid, exclusive);
    jet.JetEndSession(other);
  });

  it('a table creation that fails after its space was allocated (a name in use) ends the hold the same way: its own transaction\'s rollback frees the space (fcreate.cxx ErrFILECreateTable, ver.cxx VERIFreeExt, db.cxx ErrDBCloseDatabase)', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'taken'));
    jet.JetCloseDatabase(sesid, dbid);
    const exclusive = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    const other = jet.JetBeginSession(fixture.instance);
    // A name refused before any space is taken leaves the hold alone.
    expectJetError(() => jet.JetCreateTable(sesid, exclusive, 'bad!name'), EsentInvalidNameError, -1002, 'JetCreateTable');
    expectJetError(() => jet.JetOpenDatabase(other, path), EsentDatabaseLockedError, -1207, 'JetOpenDatabase');
    expectJetError(() => jet.JetCreateTable(sesid, exclusive, 'taken'), EsentTableDuplicateError, -1303, 'JetCreateTable');
    const shared = jet.JetOpenDatabase(other, path);
    jet.JetCloseDatabase(other, shared);
    // In a transaction, through JetCreateTableColumnIndex3, alike.
    jet.JetCloseDatabase(sesid, exclusive);
    const again = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    jet.JetBeginTransaction(sesid);
    const failed = expectJetError(
      () => jet.JetCreateTableColumnIndex3(sesid, again, { szTableName: 'taken', rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }] }),
      EsentTableDuplicateError,
      -1303,
      'JetCreateTableColumnIndex3',
    );
    expect((failed as Error & { cCreated?: number }).cCreated).toBe(1);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseDatabase(other, jet.JetOpenDatabase(other, path));
    jet.JetCloseDatabase(sesid, again);
    // In a read-only transaction the catalog insert is refused, after the allocation too.
    const readOnly = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    expectJetError(() => jet.JetCreateTable(sesid, readOnly, 'never'), EsentTransReadOnlyError, -1110, 'JetCreateTable');
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseDatabase(other, jet.JetOpenDatabase(other, path));
    jet.JetCloseDatabase(sesid, readOnly);
    jet.JetEndSession(other);
  });

  it('a secondary index creation that fails after its tree was allocated ends the hold: a name in use (the catalog insert), a duplicate key in a unique index (the build); a failure before leaves it (fcreate.cxx ErrFILEIPrepareOneIndex, cat.cxx ErrCATAddTableIndex, ErrFILEIBuildIndex)', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    const created = jet.JetCreateTable(sesid, dbid, 'dups');
    const k = jet.JetAddColumn(sesid, created, 'k', { coltyp: JET_coltypLong });
    for (const value of [1, 1, 2]) {
      jet.JetPrepareUpdate(sesid, created, JET_prepInsert);
      jet.JetSetColumn(sesid, created, k, long(value));
      jet.JetUpdate2(sesid, created);
    }
    jet.JetCloseTable(sesid, created);
    jet.JetCloseDatabase(sesid, dbid);
    const other = jet.JetBeginSession(fixture.instance);
    const holdEnded = () => jet.JetCloseDatabase(other, jet.JetOpenDatabase(other, path));
    const holdKept = () => expectJetError(() => jet.JetOpenDatabase(other, path), EsentDatabaseLockedError, -1207, 'JetOpenDatabase');
    /** Opens the database exclusively, runs `failing` on a cursor of the table, closes both. */
    const underHold = (failing: (tableid: bigint) => void, after: () => void) => {
      const exclusive = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
      const tableid = jet.JetOpenTable(sesid, exclusive, 'dups');
      failing(tableid);
      after();
      jet.JetCloseTable(sesid, tableid);
      jet.JetCloseDatabase(sesid, exclusive);
    };
    underHold(
      (tableid) => expectJetError(() => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byNothing', szKey: ['+nosuch'] }]), EsentColumnNotFoundError, -1507, 'JetCreateIndex2'),
      holdKept,
    );
    underHold(
      (tableid) =>
        expectJetError(
          () => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'unique', szKey: ['+k'], grbit: JET_bitIndexUnique }]),
          EsentKeyDuplicateError,
          -1605,
          'JetCreateIndex2',
        ),
      holdEnded,
    );
    underHold(
      (tableid) => {
        jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['+k'] }]);
        holdKept();
        expectJetError(() => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['-k'] }]), EsentIndexDuplicateError, -1403, 'JetCreateIndex2');
      },
      holdEnded,
    );
    jet.JetEndSession(other);
  });

  it('rolling back a secondary index\'s creation ends the hold too (its tree\'s space is freed the same way), and so does closing one of the holder\'s several opens (db.cxx ErrDBCloseDatabase ends the exclusive open at every close by its holder)', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    const created = jet.JetCreateTable(sesid, dbid, 'indexed');
    jet.JetAddColumn(sesid, created, 'k', { coltyp: JET_coltypLong });
    jet.JetCloseTable(sesid, created);
    jet.JetCloseDatabase(sesid, dbid);
    const exclusive = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    const other = jet.JetBeginSession(fixture.instance);
    const tableid = jet.JetOpenTable(sesid, exclusive, 'indexed');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['+k'] }]);
    jet.JetCommitTransaction(sesid, 0);
    expectJetError(() => jet.JetOpenDatabase(other, path), EsentDatabaseLockedError, -1207, 'JetOpenDatabase');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byKDown', szKey: ['-k'] }]);
    jet.JetRollback(sesid, 0);
    jet.JetCloseDatabase(other, jet.JetOpenDatabase(other, path));
    jet.JetCloseTable(sesid, tableid);
    jet.JetCloseDatabase(sesid, exclusive);

    const held = jet.JetOpenDatabase(sesid, path, null, JET_bitDbExclusive);
    const second = jet.JetOpenDatabase(sesid, path);
    expectJetError(() => jet.JetOpenDatabase(other, path), EsentDatabaseLockedError, -1207, 'JetOpenDatabase');
    jet.JetCloseDatabase(sesid, second);
    jet.JetCloseDatabase(other, jet.JetOpenDatabase(other, path));
    jet.JetCloseDatabase(sesid, held);
    jet.JetEndSession(other);
  });

  it('JetCloseDatabase: a database the session has not opened is JET_errInvalidDatabaseId, though another session has it open; the last close closes the session\'s cursors on it (jetapi.cxx APICALL_SESID::FEnter with ErrPIBCheckIfmp, db.cxx ErrDBCloseDatabase)', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    const other = jet.JetBeginSession(fixture.instance);
    expectJetError(() => jet.JetCloseDatabase(other, dbid), EsentInvalidDatabaseIdError, -1010, 'JetCloseDatabase');
    expectJetError(() => jet.JetCloseDatabase(other, 200), EsentInvalidDatabaseIdError, -1010, 'JetCloseDatabase');
    // The refusal left the opener's handle alone.
    expect(jet.JetCreateTable(sesid, dbid, 'still')).toBeTypeOf('bigint');
    jet.JetEndSession(other);
    jet.JetCreateTable(sesid, dbid, 'left');
    jet.JetCloseDatabase(sesid, dbid);
    // The cursor JetCreateTable left open went with the close: the table can be deleted.
    const reopened = jet.JetOpenDatabase(sesid, path);
    expect(jet.JetDeleteTable(sesid, reopened, 'left')).toBe(0);
  });

  it('JetCreateDatabase2 into a missing folder: JET_errInvalidPath, unless JET_paramCreatePathIfNotExist creates it (ErrDBCreateDatabase)', () => {
    const { sesid, dir } = fixture;
    // The fixture's instance has JET_paramCreatePathIfNotExist: the folders are made.
    const nested = join(dir, 'a', 'b', 'made.edb');
    expect(jet.JetCreateDatabase2(sesid, nested)).toBeGreaterThan(0);
    expect(existsSync(nested)).toBe(true);
    // An instance without it, on folders that exist.
    const plainDir = join(dir, 'plain');
    mkdirSync(plainDir);
    const plain = jet.JetCreateInstance2(uniqueName('nocreate'));
    try {
      jet.JetSetSystemParameter(plain, 0n, JET_paramSystemPath, 0, plainDir + sep);
      jet.JetSetSystemParameter(plain, 0n, JET_paramLogFilePath, 0, plainDir + sep);
      jet.JetSetSystemParameter(plain, 0n, JET_paramTempPath, 0, plainDir + sep);
      jet.JetInit3(plain);
      const other = jet.JetBeginSession(plain);
      expect(jet.JetCreateDatabase2(other, join(plainDir, 'ok.edb'))).toBeGreaterThan(0);
      // Last: a failed creation may take ESE's instance offline (db.cxx ErrDBCreateDatabase
      // does when the version store cannot be cleaned of the half-made database at once), and
      // whether it does depends on timing: later calls on the instance may fail with
      // JET_errInstanceUnavailable.
      expectJetError(() => jet.JetCreateDatabase2(other, join(dir, 'c', 'd.edb')), EsentInvalidPathError, -1023, 'JetCreateDatabase2');
      expect(existsSync(join(dir, 'c'))).toBe(false);
    } finally {
      jet.JetTerm2(plain, JET_bitTermAbrupt);
    }
  });

  it('create, attach and detach refuse to run inside a transaction; an empty name is an invalid path', () => {
    const { sesid, dir } = fixture;
    jet.JetBeginTransaction(sesid);
    try {
      expectJetError(() => jet.JetCreateDatabase2(sesid, join(dir, 'in.edb')), EsentInTransactionError, -1108, 'JetCreateDatabase2');
      expectJetError(() => jet.JetAttachDatabase2(sesid, join(dir, 'fidelity.edb')), EsentInTransactionError, -1108, 'JetAttachDatabase2');
      expectJetError(() => jet.JetDetachDatabase2(sesid, join(dir, 'fidelity.edb')), EsentInTransactionError, -1108, 'JetDetachDatabase2');
    } finally {
      jet.JetRollback(sesid, 0);
    }
    expect(existsSync(join(dir, 'in.edb'))).toBe(false);
    expectJetError(() => jet.JetCreateDatabase2(sesid, ''), EsentDatabaseInvalidPathError, -1217, 'JetCreateDatabase2');
    expectJetError(() => jet.JetAttachDatabase2(sesid, ''), EsentDatabaseInvalidPathError, -1217, 'JetAttachDatabase2');
  });
});

describe('JetGotoBookmark (ESE rec.cxx ErrRECIGotoBookmark)', () => {
  it('cancels a prepared update, removes the index range and drops the key being made, even when the record is gone', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    const first = jet.JetGetBookmark(sesid, t.tableid);
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey | JET_bitFullColumnEndLimit);
    jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expect(jet.JetGotoBookmark(sesid, t.tableid, first)).toBe(0);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentKeyNotMadeError, -1608, 'JetSeek');

    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    const last = jet.JetGetBookmark(sesid, t.tableid);
    jet.JetDelete(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expectJetError(() => jet.JetGotoBookmark(sesid, t.tableid, last), EsentRecordDeletedError, -1017, 'JetGotoBookmark');
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
  });
});

describe("JetCreateTableColumnIndex3's per-entry results (ESE fcreate.cxx ErrFILEIAddColumns, ErrFILEICreateIndexes)", () => {
  type Failed = Error & { columnErrors?: number[]; indexErrors?: number[]; cCreated?: number };
  const failure = (fn: () => unknown) => thrownBy<Failed>(fn);

  it('a column name taken without case: every error field clear, the duplicate counted, nothing created', () => {
    const { sesid, dbid } = fixture;
    const error = failure(() =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: 'dup',
        rgcolumncreate: [
          { szColumnName: 'a', coltyp: JET_coltypLong },
          { szColumnName: 'b', coltyp: JET_coltypText, cbMax: 300 },
          { szColumnName: 'A', coltyp: JET_coltypLong },
        ],
      }),
    );
    expect(error).toBeInstanceOf(EsentColumnDuplicateError);
    // The catalog insert finds the duplicate after the column's own field was cleared and it
    // was counted (the table counts as one).
    expect(error.columnErrors).toEqual([0, 0, 0]);
    expect(error.cCreated).toBe(4);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'dup'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
  });

  it('a column refused by its definition has its own error field set and is not counted', () => {
    const { sesid, dbid } = fixture;
    const error = failure(() =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: 'bad',
        rgcolumncreate: [
          { szColumnName: 'a', coltyp: JET_coltypLong },
          { szColumnName: 'b', coltyp: 99 },
          { szColumnName: 'c', coltyp: JET_coltypLong },
        ],
      }),
    );
    expect(error).toBeInstanceOf(EsentInvalidColumnTypeError);
    expect(error.columnErrors).toEqual([0, -1511, 0]);
    expect(error.cCreated).toBe(2);
  });

  it('an index name taken without case: every error field clear, the duplicate counted', () => {
    const { sesid, dbid } = fixture;
    const error = failure(() =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: 'dupIndex',
        rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }],
        rgindexcreate: [
          { szIndexName: 'byA', szKey: ['+a'] },
          { szIndexName: 'BYA', szKey: ['-a'] },
        ],
      }),
    );
    expect(error).toBeInstanceOf(EsentIndexDuplicateError);
    expect(error.indexErrors).toEqual([0, 0]);
    expect(error.cCreated).toBe(4);
  });

  it('a table name in use: the table was counted before its catalog insert failed (fcreate.cxx ErrFILECreateTable, ErrCATAddTable)', () => {
    const { sesid, dbid } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'taken'));
    const error = failure(() =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'taken', rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }] }),
    );
    expect(error).toBeInstanceOf(EsentTableDuplicateError);
    expect(error.cCreated).toBe(1);
    // The table that was there is untouched.
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 'taken'));
  });

  // jetapi.cxx JetCreateTableColumnIndexEx3W converts the whole structure first
  // (CAutoTABLECREATE3::ErrSet, CAutoIDXCREATE2::_ErrSet: an index key must start with '+' or
  // '-' and end in two NULs) and returns before the engine sees it: a column the engine would
  // refuse, a table name in use, nothing is looked at, and no result field is written.
  it('an index key of the wrong form is refused before any column, the table name or a result field', () => {
    const { sesid, dbid } = fixture;
    jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'taken', rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }] });
    for (const szTableName of ['taken', 'fresh']) {
      const error = failure(() =>
        jet.JetCreateTableColumnIndex3(sesid, dbid, {
          szTableName,
          rgcolumncreate: [
            { szColumnName: 'a', coltyp: JET_coltypLong },
            { szColumnName: 'b', coltyp: 99 },
          ],
          rgindexcreate: [
            { szIndexName: 'byA', szKey: ['+a'] },
            { szIndexName: 'bad', szKey: '\u0000' },
          ],
        }),
      );
      expect(error).toBeInstanceOf(EsentIndexInvalidDefError);
      expect(error.columnErrors).toEqual([0, 0]);
      expect(error.indexErrors).toEqual([0, 0]);
      expect(error.cCreated).toBe(0);
    }
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'fresh'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
  });

  it('a Text cbMax over 255 is cut, and the warning does not stay in its error field', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'wide',
      rgcolumncreate: [{ szColumnName: 'b', coltyp: JET_coltypText, cbMax: 300 }],
    });
    expect(created.columnErrors).toEqual([0]);
  });
});

describe('JetAddColumn finds a taken name last (ESE fcreate.cxx ErrIsamAddColumn, ErrFILEICheckForDuplicateColumn)', () => {
  it('a bad definition, then an escrow column on a table with records, come before the name', () => {
    const { sesid } = fixture;
    const t = table();
    insert(t, 1, 1);
    expectJetError(
      () => jet.JetAddColumn(sesid, t.tableid, 'a', { coltyp: 99 }),
      EsentInvalidColumnTypeError,
      -1511,
      'JetAddColumn',
    );
    expectJetError(
      () =>
        jet.JetAddColumn(sesid, t.tableid, 'A', { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate }, long(0)),
      EsentTableNotEmptyError,
      -1308,
      'JetAddColumn',
    );
    expectJetError(() => jet.JetAddColumn(sesid, t.tableid, 'A', { coltyp: JET_coltypLong }), EsentColumnDuplicateError, -1508, 'JetAddColumn');
  });

  it('an escrow column refused on a table with records puts the table\'s own cursor back to the first record: a current secondary index\'s cursor stays where it is, on its entry or off the entries, so a move goes on from there (fcreate.cxx ErrIsamAddColumn, DIRDeferMoveFirst; extended generator seeds 9226, 19651)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byADown', szKey: ['-a', '+b'] }]);
    const escrow = { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate };
    const refused = (name: string) =>
      expectJetError(() => jet.JetAddColumn(sesid, t.tableid, name, escrow, long(0)), EsentTableNotEmptyError, -1308, 'JetAddColumn');
    // Entries (3, 1), (2, 1), (1, 1), (1, 2).
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byADown');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    refused('e1');
    expectJetError(() => jet.JetGetBookmark(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
    // Before the first entry or after the last, the index's cursor stays off its entries, and a
    // move goes on from there; a read makes the table's cursor's move to the first entry, which
    // puts the index's cursor there too (extended generator seed 19651; seed 741).
    const offEntries = (from: number, to: number) => {
      jet.JetMove(sesid, t.tableid, from);
      expectJetError(() => jet.JetMove(sesid, t.tableid, to), EsentNoCurrentRecordError, -1603, 'JetMove');
    };
    offEntries(JET_MoveFirst, JET_MovePrevious);
    refused('e3');
    expectJetError(() => jet.JetGetBookmark(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([3, 1]);
    offEntries(JET_MoveLast, JET_MoveNext);
    refused('e4');
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(current(t)).toEqual([1, 2]);
    offEntries(JET_MoveLast, JET_MoveNext);
    refused('e5');
    expect(current(t)).toEqual([3, 1]);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([2, 1]);
    // On the primary index the cursor waits for its move to the first record.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    refused('e2');
    expect(current(t)).toEqual([1, 1]);
  });

  it('a default that cannot be set fails after the name, once the new column id is taken, and the id is not given back (ErrFILERebuildDefaultRec, fldmod.cxx ErrRECSetDefaultValue)', () => {
    const { sesid } = fixture;
    const t = table();
    const add = (name: string, def: Parameters<typeof jet.JetAddColumn>[3], value?: Buffer) => () => jet.JetAddColumn(sesid, t.tableid, name, def, value);
    expectJetError(add('NAME', { coltyp: JET_coltypLongBinary }, Buffer.alloc(300, 1)), EsentColumnDuplicateError, -1508, 'JetAddColumn');
    expectJetError(add('big', { coltyp: JET_coltypLongBinary }, Buffer.alloc(300, 1)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expect(add('afterBig', { coltyp: JET_coltypLongBinary })()).toBe(t.tag + 2);
    expectJetError(add('short', { coltyp: JET_coltypLong }, Buffer.alloc(2)), EsentInvalidBufferSizeError, -1047, 'JetAddColumn');
    expect(add('afterShort', { coltyp: JET_coltypLong })()).toBe(Math.max(t.a, t.b, t.code, t.flag, t.req) + 2);
  });
});

describe('a JetAddColumn that fails once the name is free leaves the table\'s cursor at the table\'s root (ESE fcreate.cxx ErrIsamAddColumn: DIRGotoRoot, DIRBeforeFirst only once the column is in; dir.cxx ErrDIRNext, ErrDIRPrev, ErrDIRGet)', () => {
  const noRecord = (move: () => unknown) => expectJetError(move, EsentNoCurrentRecordError, -1603, 'JetMove');

  it('a default that cannot be set: no record there, a move next fails and leaves the cursor after the last record', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(
      () => jet.JetAddColumn(sesid, t.tableid, 'big', { coltyp: JET_coltypLongBinary }, Buffer.alloc(300, 1)),
      EsentDefaultValueTooBigError,
      -1524,
      'JetAddColumn',
    );
    expectJetError(() => jet.JetGetBookmark(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    // ErrDIRGet lets a cursor at the root through: a move by 0 rows succeeds.
    expect(jet.JetMove(sesid, t.tableid, 0)).toBe(0);
    noRecord(() => jet.JetMove(sesid, t.tableid, JET_MoveNext));
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(current(t)).toEqual([3, 1]);
  });

  it('fixed columns that would no longer fit a record: a move previous fails and leaves the cursor before the first record', () => {
    const { sesid } = fixture;
    const t = withRecords();
    let failure: unknown;
    for (let i = 0; i < 64 && failure === undefined; i++) {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetMove(sesid, t.tableid, JET_MoveNext);
      try {
        jet.JetAddColumn(sesid, t.tableid, `f${i}`, { coltyp: JET_coltypBinary, cbMax: 255, grbit: JET_bitColumnFixed });
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(EsentRecordTooBigError);
    noRecord(() => jet.JetMove(sesid, t.tableid, JET_MovePrevious));
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
  });

  it('no fixed column id left: found after the name and the record\'s size, and the cursor left at the root (ErrFILEGetNextColumnid)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const addBit = (name: string) => jet.JetAddColumn(sesid, t.tableid, name, { coltyp: JET_coltypBit });
    // Fixed column ids run from 1 to 127; the table holds five.
    for (let i = 0; i < 122; i++) addBit(`bit${i}`);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expectJetError(() => addBit('flag'), EsentColumnDuplicateError, -1508, 'JetAddColumn');
    expect(current(t)).toEqual([1, 2]);
    expectJetError(
      () => jet.JetAddColumn(sesid, t.tableid, 'wide', { coltyp: JET_coltypBinary, cbMax: 255, grbit: JET_bitColumnFixed }),
      EsentTooManyColumnsError,
      -1040,
      'JetAddColumn',
    );
    noRecord(() => jet.JetMove(sesid, t.tableid, JET_MovePrevious));
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
    // A tagged column still has ids.
    expect(jet.JetAddColumn(sesid, t.tableid, 'more', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged })).toBe(t.tag + 1);
  });

  it('a name already taken fails before the cursor moves', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(() => jet.JetAddColumn(sesid, t.tableid, 'a', { coltyp: JET_coltypLong }), EsentColumnDuplicateError, -1508, 'JetAddColumn');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 2]);
  });
});

describe('a cursor the session opens takes over one of its cursors on the table whose close was deferred (ESE bt.cxx ErrBTOpen, BTClose)', () => {
  /** Another session's JetOpenTable of table 't': the error code, or 0 (the cursor closed again). */
  function otherOpens(): number {
    const other = jet.JetBeginSession(fixture.instance);
    try {
      return errnoOf(() => {
        const dbid = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
        jet.JetCloseTable(other, jet.JetOpenTable(other, dbid, 't'));
      });
    } finally {
      jet.JetEndSession(other);
    }
  }

  /** Table 't' with an index created in a transaction left open: the cursor ESE creates the index through stays, closed deferred. */
  function indexedInTransaction(): T {
    const { sesid } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'] }]);
    return t;
  }

  it('JetSetColumnDefaultValue\'s own cursor, denying reads, takes it over and is closed deferred in its turn, even when the call fails: the table stays locked to other sessions until the transaction ends (fldmod.cxx ErrIsamSetColumnDefaultValue; extended generator seed 1459)', () => {
    const { sesid, dbid } = fixture;
    const t = indexedInTransaction();
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'name', text('n')), EsentColumnInUseError, -1046, 'JetSetColumnDefaultValue');
    jet.JetCloseTable(sesid, t.tableid);
    expect(otherOpens()).toBe(-1302);
    jet.JetCommitTransaction(sesid);
    expect(otherOpens()).toBe(0);
  });

  it('JetDeleteIndex versions the delete through a cursor of its own, which a transaction keeps closed deferred: a later JetSetColumnDefaultValue takes it over and locks the table to other sessions until level 0, whether it succeeds or fails (fcreate.cxx ErrIsamDeleteIndex; extended generator seed 3451)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [
      { szIndexName: 'byName', szKey: ['+name'] },
      { szIndexName: 'byCode', szKey: ['+code'] },
    ]);
    // The creator's cursor denies reads: a plain one instead.
    jet.JetCloseTable(sesid, t.tableid);
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetBeginTransaction(sesid);
    jet.JetDeleteIndex(sesid, tableid, 'byName');
    expect(otherOpens()).toBe(0);
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'code', text('c')), EsentColumnInUseError, -1046, 'JetSetColumnDefaultValue');
    expect(otherOpens()).toBe(-1302);
    jet.JetRollback(sesid, 0);
    expect(otherOpens()).toBe(0);
    // A nested level's delete, committed to level 1, keeps it too; a successful change of the default alike.
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    jet.JetDeleteIndex(sesid, tableid, 'byCode');
    jet.JetCommitTransaction(sesid);
    expect(jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'tag', text('t'))).toBe(0);
    expect(otherOpens()).toBe(-1302);
    jet.JetCommitTransaction(sesid);
    expect(otherOpens()).toBe(0);
    // A delete the index's use refuses versions nothing: the call after it locks nothing.
    jet.JetSetCurrentIndex4(sesid, tableid, 'byName');
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetDeleteIndex(sesid, tableid, 'byName'), EsentIndexInUseError, -1051, 'JetDeleteIndex');
    expect(jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'tag', text('u'))).toBe(0);
    expect(otherOpens()).toBe(0);
    jet.JetRollback(sesid, 0);
  });

  it('an insert\'s own cursor, once another cursor of the session took it over, is opened anew by the next insert and left closed deferred again, for JetSetColumnDefaultValue to take over (bt.cxx ErrBTOpen; recupd.cxx ErrRECIInsert; extended generator seed 5772)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    // A plain cursor: the creator's denies reads.
    jet.JetCloseTable(sesid, t.tableid);
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    const insertThrough = (a: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, t.a, long(a));
      jet.JetSetColumn(sesid, tableid, t.b, long(1));
      jet.JetSetColumn(sesid, tableid, t.req, long(0));
      jet.JetSetColumn(sesid, tableid, t.reqv, text('x'));
      jet.JetUpdate2(sesid, tableid);
    };
    jet.JetBeginTransaction(sesid);
    insertThrough(1);
    // The duplicate takes over the first insert's cursor; the second insert leaves one of its own.
    const dup = jet.JetDupCursor(sesid, tableid);
    insertThrough(2);
    expect(jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'tag', text('t'))).toBe(0);
    jet.JetCloseTable(sesid, dup);
    jet.JetCloseTable(sesid, tableid);
    expect(otherOpens()).toBe(-1302);
    jet.JetCommitTransaction(sesid);
    expect(otherOpens()).toBe(0);
  });

  it('the cursor taken over keeps its deny modes on the table until the transaction ends (differential seed 1063)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    insert(t, 1, 1);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetDelete(sesid, t.tableid);
    // The creator's cursor denies reads; it made a version, so its close is deferred.
    jet.JetCloseTable(sesid, t.tableid);
    expect(otherOpens()).toBe(-1302);
    const plain = jet.JetOpenTable(sesid, dbid, 't');
    expect(otherOpens()).toBe(-1302);
    jet.JetCloseTable(sesid, plain);
    jet.JetCommitTransaction(sesid);
    expect(otherOpens()).toBe(0);
  });

  it('without such a call the creator\'s cursor, closed, lets other sessions in at once; a JetOpenTable denying reads that takes the deferred cursor over keeps them out until the transaction ends', () => {
    const { sesid, dbid } = fixture;
    const t = indexedInTransaction();
    jet.JetCloseTable(sesid, t.tableid);
    expect(otherOpens()).toBe(0);
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 't', JET_bitTableDenyRead));
    expect(otherOpens()).toBe(-1302);
    jet.JetRollback(sesid, 0);
    expect(otherOpens()).toBe(0);
  });

  it('a table created in a transaction was versioned through its creator\'s cursor: closed there, that cursor keeps the table denying reads, so a plain cursor of the creator may add an escrow column, until the transaction ends (fcreate.cxx ErrFILECreateTable, ErrIsamAddColumn FDomainDenyReadByUs; bt.cxx BTClose; extended generator seed 2625)', () => {
    const { sesid, dbid } = fixture;
    const escrow = { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate };
    const addEscrow = (name: string, column: string) => {
      const tableid = jet.JetOpenTable(sesid, dbid, name);
      try {
        return errnoOf(() => jet.JetAddColumn(sesid, tableid, column, escrow, long(5)));
      } finally {
        jet.JetCloseTable(sesid, tableid);
      }
    };
    jet.JetBeginTransaction(sesid);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'made'));
    jet.JetCloseTable(
      sesid,
      jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'madeWithColumns', rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }] }).tableid,
    );
    expect(addEscrow('made', 'e')).toBe(0);
    expect(addEscrow('madeWithColumns', 'e')).toBe(0);
    jet.JetCommitTransaction(sesid);
    // Back at level 0 the creator's cursors are gone, and with them the hold.
    expect(addEscrow('made', 'f')).toBe(-1322);
    // Created outside a transaction, the table is let go at the creator's close, also when
    // that close comes in a transaction begun since.
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'madeAlone'));
    const keptOpen = jet.JetCreateTable(sesid, dbid, 'madeAndKept');
    jet.JetBeginTransaction(sesid);
    expect(addEscrow('madeAlone', 'e')).toBe(-1322);
    jet.JetCloseTable(sesid, keptOpen);
    expect(addEscrow('madeAndKept', 'e')).toBe(-1322);
    jet.JetRollback(sesid, 0);
    // A rollback refused outside the session context the transaction began under closes the
    // cursors its level opened but passes over those closed deferred (tm.cxx ErrIsamRollback).
    jet.JetSetSessionContext(sesid, 0x1001n);
    jet.JetBeginTransaction(sesid);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'madeUnderContext'));
    jet.JetResetSessionContext(sesid);
    expectJetError(() => jet.JetRollback(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetRollback');
    jet.JetSetSessionContext(sesid, 0x1001n);
    expect(addEscrow('madeUnderContext', 'e')).toBe(0);
    jet.JetRollback(sesid, 0);
    jet.JetResetSessionContext(sesid);
  });

  it('a cursor that took over one closed deferred, closed by a rollback refused to another thread, is closed deferred again: a JetSetColumnDefaultValue refused then takes it over denying reads, so another session\'s open is JET_errTableLocked until the owner ends the transaction (tm.cxx ErrIsamRollback calls ErrDispCloseTable; extended generator seed 13734)', () => {
    const { sesid, dbid, instance } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'held',
      rgcolumncreate: [{ szColumnName: 'h', coltyp: JET_coltypLong }],
    });
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, created.columnids[0]!, long(1));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetResetSessionContext(sesid);
    // Closed after its insert: closed deferred; the next open takes it over.
    jet.JetCloseTable(sesid, created.tableid);
    const reopened = jet.JetOpenTable(sesid, dbid, 'held');
    expectJetError(() => jet.JetRollback(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetRollback');
    expectJetError(() => jet.JetMove(sesid, reopened, JET_MoveFirst), EsentInvalidTableIdError, -1310, 'JetMove');
    expectJetError(
      () => jet.JetSetColumnDefaultValue(sesid, dbid, 'held', 'h', long(2)),
      EsentSessionSharingViolationError,
      -1910,
      'JetSetColumnDefaultValue',
    );
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'held'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetRollback(sesid, 0);
    jet.JetResetSessionContext(sesid);
    expect(jet.JetOpenTable(other, otherDb, 'held')).toBeTypeOf('bigint');
    jet.JetEndSession(other);
  });
});

describe('a record two secondary indexes refuse: the newer index answers (ESE recupd.cxx ErrRECIInsert, ErrRECIReplace walk FCB::PfcbNextIndex, newest first)', () => {
  /** Table `name` keyed by id; `dup` (Long) has a unique index, `need` (Long) one that refuses nulls, created in `order`. */
  function refusing(name: string, order: 'unique first' | 'disallow-null first') {
    const { sesid, dbid } = fixture;
    const unique = { szIndexName: 'u', szKey: ['+dup'], grbit: JET_bitIndexUnique };
    const disallow = { szIndexName: 'n', szKey: ['+need'], grbit: JET_bitIndexDisallowNull };
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'dup', coltyp: JET_coltypLong },
        { szColumnName: 'need', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        ...(order === 'unique first' ? [unique, disallow] : [disallow, unique]),
      ],
    });
    const [id, dup, need] = created.columnids as [number, number, number];
    const { tableid } = created;
    const insert = (values: [number, number, number | null]) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(values[0]));
      jet.JetSetColumn(sesid, tableid, dup, long(values[1]));
      if (values[2] !== null) jet.JetSetColumn(sesid, tableid, need, long(values[2]));
      jet.JetUpdate2(sesid, tableid);
    };
    insert([1, 7, 1]);
    insert([2, 8, 2]);
    return { tableid, dup, need, insert };
  }

  it('an insert: a null key for the newer index, a duplicate for the older, is JET_errNullKeyDisallowed; the other way round JET_errKeyDuplicate', () => {
    const { sesid } = fixture;
    const a = refusing('uniqueFirst', 'unique first');
    expectJetError(() => a.insert([3, 7, null]), EsentNullKeyDisallowedError, -1053, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, a.tableid, JET_prepCancel);
    const b = refusing('disallowFirst', 'disallow-null first');
    expectJetError(() => b.insert([3, 7, null]), EsentKeyDuplicateError, -1605, 'JetUpdate2');
  });

  it('a replace the same way', () => {
    const { sesid } = fixture;
    for (const [name, order, expected] of [
      ['replaceUniqueFirst', 'unique first', EsentNullKeyDisallowedError],
      ['replaceDisallowFirst', 'disallow-null first', EsentKeyDuplicateError],
    ] as const) {
      const t = refusing(name, order);
      jet.JetMove(sesid, t.tableid, JET_MoveLast);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, t.tableid, t.dup, long(7));
      jet.JetSetColumn(sesid, t.tableid, t.need, null);
      expect(() => jet.JetUpdate2(sesid, t.tableid)).toThrow(expected);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    }
  });
});

describe('JetRetrieveColumn(s) (ESE fldext.cxx ErrIsamRetrieveColumn, ErrRECRetrieveColumns)', () => {
  // k (fixed Long, primary), v (variable Text), n (variable Text, left NULL), m (tagged,
  // multi-valued Text) and doc (LongText).
  function record() {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'r',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypText, cbMax: 32 },
        { szColumnName: 'n', coltyp: JET_coltypText, cbMax: 32 },
        { szColumnName: 'm', coltyp: JET_coltypText, cbMax: 32, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
        { szColumnName: 'doc', coltyp: JET_coltypLongText },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, v, n, m, doc] = created.columnids as number[];
    const tableid = created.tableid;
    // In a transaction: setting a long value needs one.
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    jet.JetSetColumn(sesid, tableid, v!, text('variable'));
    jet.JetSetColumn(sesid, tableid, m!, text('one'), 0, { itagSequence: 0 });
    jet.JetSetColumn(sesid, tableid, m!, text('two'), 0, { itagSequence: 0 });
    jet.JetSetColumn(sesid, tableid, doc!, text('a long document'));
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    return { tableid, k: k!, v: v!, n: n!, m: m!, doc: doc! };
  }

  it('itagSequence chooses among a tagged column\'s values and is ignored for fixed and variable columns', () => {
    const { sesid } = fixture;
    const r = record();
    for (const itagSequence of [0, 1, 2, 7]) {
      expect(jet.JetRetrieveColumn(sesid, r.tableid, r.v, 0, { itagSequence }).value).toEqual(text('variable'));
      expect(jet.JetRetrieveColumn(sesid, r.tableid, r.k, 0, { itagSequence }).value).toEqual(long(1));
    }
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.m, 0, { itagSequence: 2 }).value).toEqual(text('two'));
    const beyond = jet.JetRetrieveColumn(sesid, r.tableid, r.m, 0, { itagSequence: 3 });
    expect([beyond.value, beyond.err, beyond.cbActual]).toEqual([null, JET_wrnColumnNull, 0]);
    expectJetError(
      () => jet.JetRetrieveColumn(sesid, r.tableid, r.m, 0, { itagSequence: 0 }),
      EsentBadItagSequenceError,
      -1518,
      'JetRetrieveColumn',
    );
  });

  it('ibLongValue applies to long values only', () => {
    const { sesid } = fixture;
    const r = record();
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.doc, 0, { ibLongValue: 2 }).value).toEqual(text('long document'));
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.v, 0, { ibLongValue: 2 }).value).toEqual(text('variable'));
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.m, 0, { ibLongValue: 1, itagSequence: 1 }).value).toEqual(text('one'));
  });

  it('with a JET_RETINFO, columnidNextTagged names the column read, NULL or not', () => {
    const { sesid } = fixture;
    const r = record();
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.v, 0, {}).columnidNextTagged).toBe(r.v);
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.n, 0, {}).columnidNextTagged).toBe(r.n);
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.m, 0, { itagSequence: 2 }).columnidNextTagged).toBe(r.m);
    expect(jet.JetRetrieveColumn(sesid, r.tableid, r.v).columnidNextTagged).toBe(0);
  });

  it('JetRetrieveColumns: itagSequence 0 counts the values of any column; each entry names its column', () => {
    const { sesid } = fixture;
    const r = record();
    const got = jet.JetRetrieveColumns(sesid, r.tableid, [
      { columnid: r.m, itagSequence: 0 },
      { columnid: r.v, itagSequence: 0 },
      { columnid: r.n, itagSequence: 0 },
      { columnid: r.v, itagSequence: 5 },
      { columnid: r.n },
      { columnid: r.doc, cbData: 4 },
    ]);
    expect(got.map((entry) => [entry.itagSequence, entry.err, entry.cbActual, entry.columnidNextTagged])).toEqual([
      [2, 0, 0, r.m],
      [1, 0, 0, r.v],
      [0, 0, 0, r.n],
      [5, 0, 8, r.v],
      [1, JET_wrnColumnNull, 0, r.n],
      [1, JET_wrnBufferTruncated, 15, r.doc],
    ]);
    expect(got[3]!.value).toEqual(text('variable'));
    expect(got[5]!.value).toEqual(text('a lo'));
  });

  it('JetRetrieveColumns: an entry that fails stops the call and keeps its err as it came; those before are filled', () => {
    const { sesid } = fixture;
    const r = record();
    let failed: (Error & { columnErrors?: number[] }) | undefined;
    try {
      jet.JetRetrieveColumns(sesid, r.tableid, [{ columnid: r.n }, { columnid: 9999 }, { columnid: r.v }]);
    } catch (error) {
      failed = error as Error & { columnErrors?: number[] };
    }
    expect(failed).toBeInstanceOf(EsentColumnNotFoundError);
    expect(failed!.columnErrors).toEqual([JET_wrnColumnNull, 0, 0]);
  });

  it('JetRetrieveColumns reads the record before each entry\'s column, JetRetrieveColumn checks the column first (fldext.cxx ErrRECRetrieveColumns, ErrIsamRetrieveColumn)', () => {
    const { sesid } = fixture;
    const r = record();
    jet.JetMove(sesid, r.tableid, JET_MoveFirst);
    expect(() => jet.JetMove(sesid, r.tableid, JET_MoveNext)).toThrow(EsentNoCurrentRecordError);
    expectJetError(() => jet.JetRetrieveColumns(sesid, r.tableid, [{ columnid: 9999 }]), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumns');
    expectJetError(() => jet.JetRetrieveColumn(sesid, r.tableid, 9999), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    // From the copy of a prepared insert no record is read: the column is what fails.
    jet.JetPrepareUpdate(sesid, r.tableid, JET_prepInsert);
    expectJetError(
      () => jet.JetRetrieveColumns(sesid, r.tableid, [{ columnid: 9999, grbit: JET_bitRetrieveCopy }]),
      EsentColumnNotFoundError,
      -1507,
      'JetRetrieveColumns',
    );
    jet.JetPrepareUpdate(sesid, r.tableid, JET_prepCancel);
  });
});

describe('GUID keys (ESE fldnorm.cxx FLDNormalizeFixedSegment)', () => {
  // Three GUIDs alike but for the bytes that tell the orders apart: g1 and g2 differ in
  // bytes 6 and 7 only (the third field, stored little-endian), g3 and g1 in byte 0 only.
  const guid = (set: Record<number, number>) => {
    const bytes = Buffer.alloc(16, 0x11);
    for (const [at, value] of Object.entries(set)) bytes[Number(at)] = value;
    return bytes;
  };
  const g1 = guid({ 6: 0x01, 7: 0x02 });
  const g2 = guid({ 6: 0x02, 7: 0x01 });
  const g3 = guid({ 0: 0x00, 6: 0x01, 7: 0x02 });

  function guids() {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'g',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'g', coltyp: JET_coltypGUID },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byString', szKey: ['+g'] },
        { szIndexName: 'byDotNet', szKey: ['+g'], grbit: JET_bitIndexDotNetGuid },
      ],
    });
    const [id, g] = created.columnids as [number, number];
    const tableid = created.tableid;
    [g1, g2, g3].forEach((value, i) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(i + 1));
      jet.JetSetColumn(sesid, tableid, g, value);
      jet.JetUpdate2(sesid, tableid);
    });
    return { tableid, id, g };
  }

  function order(tableid: bigint, index: string, id: number): number[] {
    const { sesid } = fixture;
    jet.JetSetCurrentIndex4(sesid, tableid, index);
    const ids: number[] = [];
    let err = jet.JetMove(sesid, tableid, JET_MoveFirst);
    while (err >= 0) {
      ids.push(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, id).value!) as number);
      try {
        err = jet.JetMove(sesid, tableid, JET_MoveNext);
      } catch {
        err = -1;
      }
    }
    return ids;
  }

  it('by default: node, clock sequence, then the time fields as stored, byte 6 before byte 7', () => {
    const { sesid } = fixture;
    const t = guids();
    expect(order(t.tableid, 'byString', t.id)).toEqual([3, 1, 2]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byString');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    const b = g3;
    expect(jet.JetRetrieveKey(sesid, t.tableid)).toEqual(
      Buffer.from([0x7f, b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[8]!, b[9]!, b[6]!, b[7]!, b[4]!, b[5]!, b[0]!, b[1]!, b[2]!, b[3]!]),
    );
  });

  it('with JET_bitIndexDotNetGuid: each field as a number, the first field first', () => {
    const t = guids();
    expect(order(t.tableid, 'byDotNet', t.id)).toEqual([3, 2, 1]);
  });
});

describe('segment prefixes (ESE fldnorm.cxx bPrefixNull, bPrefixZeroLength, bPrefixNullHigh, bPrefixData)', () => {
  it('a NULL sorts low as 0x00, high as 0xC0; a zero-length text as 0x40; data after 0x7F; descending inverts', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'p',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
        { szColumnName: 't', coltyp: JET_coltypText, cbMax: 16 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'low', szKey: ['+v'] },
        { szIndexName: 'high', szKey: ['+v'], grbit: JET_bitIndexSortNullsHigh },
        { szIndexName: 'highDown', szKey: ['-v'], grbit: JET_bitIndexSortNullsHigh },
        { szIndexName: 'text', szKey: ['+t'] },
      ],
    });
    const [id, , t] = created.columnids as [number, number, number];
    const tableid = created.tableid;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    jet.JetSetColumn(sesid, tableid, t, Buffer.alloc(0), JET_bitSetZeroLength);
    jet.JetUpdate2(sesid, tableid);
    const keyOn = (index: string) => {
      jet.JetSetCurrentIndex4(sesid, tableid, index);
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      return [...jet.JetRetrieveKey(sesid, tableid)];
    };
    expect(keyOn('low')).toEqual([0x00]);
    expect(keyOn('high')).toEqual([0xc0]);
    expect(keyOn('highDown')).toEqual([0x3f]);
    expect(keyOn('text')).toEqual([0x40]);
    expect(keyOn('pk')).toEqual([0x7f, 0x80, 0x00, 0x00, 0x01]);
  });

  it('binary: a variable column in chunks of 8 (9 after each but the last, whose length ends it), a fixed one as it is', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'bin',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'var', coltyp: JET_coltypBinary, cbMax: 32 },
        { szColumnName: 'fix', coltyp: JET_coltypBinary, cbMax: 4, grbit: JET_bitColumnFixed },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byVar', szKey: ['+var'] },
        { szIndexName: 'byFix', szKey: ['+fix'] },
      ],
    });
    const [id, variable, fixed] = created.columnids as [number, number, number];
    const tableid = created.tableid;
    const bytes = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    jet.JetSetColumn(sesid, tableid, variable, bytes);
    jet.JetSetColumn(sesid, tableid, fixed, Buffer.from([0xa, 0xb, 0xc, 0xd]));
    jet.JetUpdate2(sesid, tableid);
    const keyOn = (index: string) => {
      jet.JetSetCurrentIndex4(sesid, tableid, index);
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      return [...jet.JetRetrieveKey(sesid, tableid)];
    };
    expect(keyOn('byVar')).toEqual([0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 0, 0, 0, 0, 0, 0, 2]);
    expect(keyOn('byFix')).toEqual([0x7f, 0xa, 0xb, 0xc, 0xd]);
  });

  it('an index that disallows nulls drops JET_bitIndexSortNullsHigh (fcreate.cxx: SetFNoNullSeg, else SetFSortNullsHigh): a search key\'s NULL is 0x00 and sorts low', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'nohigh',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'strict', szKey: ['+v'], grbit: JET_bitIndexSortNullsHigh | JET_bitIndexDisallowNull },
        { szIndexName: 'high', szKey: ['+v'], grbit: JET_bitIndexSortNullsHigh },
      ],
    });
    const [id, v] = created.columnids as [number, number];
    const tableid = created.tableid;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    jet.JetSetColumn(sesid, tableid, v, long(5));
    jet.JetUpdate2(sesid, tableid);
    const seekNull = (index: string) => {
      jet.JetSetCurrentIndex4(sesid, tableid, index);
      jet.JetMakeKey(sesid, tableid, null, JET_bitNewKey);
      const key = [...jet.JetRetrieveKey(sesid, tableid, JET_bitRetrieveCopy)];
      return { key, seek: () => jet.JetSeek(sesid, tableid, JET_bitSeekGE) };
    };
    const strict = seekNull('strict');
    expect(strict.key).toEqual([0x00]);
    expect(strict.seek()).toBe(JET_wrnSeekNotEqual);
    const high = seekNull('high');
    expect(high.key).toEqual([0xc0]);
    expectJetError(high.seek, EsentRecordNotFoundError, -1601, 'JetSeek');
  });
});

describe('JetMakeKey (ESE fldnorm.cxx ErrIsamMakeKey, ErrFLDNormalizeSegment)', () => {
  it('a normalised key on an index may have 255 bytes (JET_cbKeyMost), whatever the index\'s key size; more: InvalidParameter', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    expect(jet.JetMakeKey(sesid, t.tableid, Buffer.alloc(255, 0xff), JET_bitNormalizedKey)).toBe(0);
    // A key above every entry: LE lands on the last one.
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([3, 1]);
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, Buffer.alloc(256, 0xff), JET_bitNormalizedKey), EsentInvalidParameterError, -1003, 'JetMakeKey');
    // Measured on ESE's engine: an index of a larger key size takes no longer key.
    const wide = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'wide',
      rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+n'], grbit: JET_bitIndexPrimary | JET_bitIndexKeyMost, cbKeyMost: 1000 }],
    });
    expect(jet.JetGetTableIndexInfo(sesid, wide.tableid, 'pk', JET_IdxInfoKeyMost)).toBe(1000);
    expect(jet.JetMakeKey(sesid, wide.tableid, Buffer.alloc(255, 0xff), JET_bitNormalizedKey)).toBe(0);
    for (const size of [256, 1000, 1001]) {
      expectJetError(() => jet.JetMakeKey(sesid, wide.tableid, Buffer.alloc(size, 0xff), JET_bitNormalizedKey), EsentInvalidParameterError, -1003, 'JetMakeKey');
    }
  });

  it('a table without a primary index takes a normalised key (its record id) and nothing else (ErrIsamMakeKey: a sequential index, JET_cbKeyMost_OLD)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'plain',
      rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
    });
    const [n] = created.columnids as [number];
    const plain = created.tableid;
    for (const value of [10, 20, 30]) {
      jet.JetPrepareUpdate(sesid, plain, JET_prepInsert);
      jet.JetSetColumn(sesid, plain, n, long(value));
      jet.JetUpdate2(sesid, plain);
    }
    expectJetError(() => jet.JetMakeKey(sesid, plain, long(1), JET_bitNewKey), EsentNoCurrentIndexError, -1515, 'JetMakeKey');
    jet.JetMove(sesid, plain, JET_MoveFirst);
    jet.JetMove(sesid, plain, JET_MoveNext);
    const key = jet.JetRetrieveKey(sesid, plain);
    jet.JetMove(sesid, plain, JET_MoveFirst);
    expect(jet.JetMakeKey(sesid, plain, key, JET_bitNormalizedKey)).toBe(0);
    expect(jet.JetSeek(sesid, plain, JET_bitSeekEQ)).toBe(0);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, plain, n).value!)).toBe(20);
    expect(jet.JetMakeKey(sesid, plain, Buffer.alloc(256, 0xff), JET_bitNormalizedKey)).toBe(0);
    expectJetError(() => jet.JetMakeKey(sesid, plain, Buffer.alloc(257), JET_bitNormalizedKey), EsentInvalidParameterError, -1003, 'JetMakeKey');
  });

  it('one column limit at a time (JET_maskLimitOptions), partial limits on text and variable binary only; StrLimit gives way to them', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const both = JET_bitNewKey | JET_bitFullColumnStartLimit | JET_bitFullColumnEndLimit;
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, long(1), both), EsentInvalidGrbitError, -900, 'JetMakeKey');
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitPartialColumnStartLimit), EsentInvalidGrbitError, -900, 'JetMakeKey');
    expect(jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitStrLimit | JET_bitFullColumnEndLimit)).toBe(0);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([1, 2]);
  });

  it('JET_bitStrLimit on a variable binary column ends the key after the value\'s last byte, as JET_bitPartialColumnEndLimit does (fldnorm.cxx FLDITrySetPartialColumnLimitOnBinaryColumn: filled from the column\'s delimiter); on a tagged one too, and in a descending index', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'bin',
      rgcolumncreate: [
        { szColumnName: 'v', coltyp: JET_coltypBinary },
        { szColumnName: 'tg', coltyp: JET_coltypBinary, grbit: JET_bitColumnTagged },
      ],
      rgindexcreate: [
        { szIndexName: 'up', szKey: ['+v'], grbit: 0 },
        { szIndexName: 'down', szKey: ['-v'], grbit: 0 },
        { szIndexName: 'tagged', szKey: ['+tg'], grbit: 0 },
      ],
    });
    const { tableid } = created;
    const [v, tg] = created.columnids as number[];
    const values = ['00ff00', '01', '0102', '01ffffffffffffffff', '0200'];
    for (const hexValue of values) {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, v!, Buffer.from(hexValue, 'hex'));
      jet.JetSetColumn(sesid, tableid, tg!, Buffer.from(hexValue, 'hex'));
      jet.JetUpdate2(sesid, tableid);
    }
    const seek = (index: string, grbit: number): string => {
      jet.JetSetCurrentIndex4(sesid, tableid, index);
      jet.JetMakeKey(sesid, tableid, Buffer.from([1]), JET_bitNewKey | JET_bitStrLimit);
      jet.JetSeek(sesid, tableid, grbit);
      return (jet.JetRetrieveColumn(sesid, tableid, v!).value as Buffer).toString('hex');
    };
    // Every value that starts with 01 is below the limit, whatever its length.
    for (const index of ['up', 'tagged']) {
      expect(seek(index, JET_bitSeekLT)).toBe('01ffffffffffffffff');
      expect(seek(index, JET_bitSeekGT)).toBe('0200');
    }
    expect(seek('down', JET_bitSeekLT)).toBe('01');
    expect(seek('down', JET_bitSeekGT)).toBe('00ff00');
    // As the upper limit of a range from the first entry: the four values up to 01...
    jet.JetSetCurrentIndex4(sesid, tableid, 'up');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    jet.JetMakeKey(sesid, tableid, Buffer.from([1]), JET_bitNewKey | JET_bitStrLimit);
    jet.JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(4);
  });

  it('no data is a null segment, with a limit too; zero length only for variable text and binary columns', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, null, JET_bitFullColumnEndLimit);
    // (1, null) and then 0xFF: below (1, 1), so nothing is at or before it.
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekLE), EsentRecordNotFoundError, -1601, 'JetSeek');
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, null, JET_bitFullColumnEndLimit);
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, long(1), 0), EsentKeyIsMadeError, -1516, 'JetMakeKey');
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([1, 1]);
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, null, JET_bitNewKey | JET_bitKeyDataZeroLength), EsentInvalidBufferSizeError, -1047, 'JetMakeKey');
  });

  it('a fixed Text column\'s key is padded as its value is; longer than the column: InvalidBufferSize', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    for (const [column, value] of [
      [t.a, long(1)],
      [t.b, long(1)],
      [t.req, long(0)],
      [t.reqv, text('x')],
      [t.code, text('ab')],
    ] as const) {
      jet.JetSetColumn(sesid, t.tableid, column, value);
    }
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byCode', szKey: ['+code'] }]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byCode');
    jet.JetMakeKey(sesid, t.tableid, text('ab'), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, text('abcde'), JET_bitNewKey), EsentInvalidBufferSizeError, -1047, 'JetMakeKey');
  });

  it('cbVarSegMac cuts a text or binary segment, its header byte included (ErrFLDNormalizeBinarySegment)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'mac',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypBinary, cbMax: 32 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexUnique, cbVarSegMac: 5 },
      ],
    });
    const [id, v] = created.columnids as [number, number];
    const tableid = created.tableid;
    const put = (key: number, value: number[]) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(key));
      jet.JetSetColumn(sesid, tableid, v, Buffer.from(value));
      jet.JetUpdate2(sesid, tableid);
    };
    put(1, [1, 2, 3, 4, 5, 6]);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect([...jet.JetRetrieveKey(sesid, tableid)]).toEqual([0x7f, 1, 2, 3, 4]);
    // Another value with the same first four bytes has the same key in a unique index.
    expectJetError(() => put(2, [1, 2, 3, 4, 9]), EsentKeyDuplicateError, -1605, 'JetUpdate2');
  });

  it('an ASCII text segment is the value up to its first NUL, a-z upper-cased whatever the index\'s map flags, then a NUL; a value filling the room left keeps its next byte less 0x20 in the terminator\'s place (_osu/normu.cxx ErrUtilNormText; fldnorm.cxx ErrFLDNormalizeTextSegment; extended generator seed 10810)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'asciiKeys',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypText, cbMax: 32, cp: 1252 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byV', szKey: ['+v'] },
        { szIndexName: 'byVCut', szKey: ['+v'], cbVarSegMac: 4 },
      ],
    });
    const [id, v] = created.columnids as [number, number];
    const tableid = created.tableid;
    const keyOf = (index: string, value: Buffer) => {
      jet.JetSetCurrentIndex4(sesid, tableid, index);
      jet.JetMakeKey(sesid, tableid, value, JET_bitNewKey);
      return [...jet.JetRetrieveKey(sesid, tableid, JET_bitRetrieveCopy)];
    };
    expect(keyOf('byV', Buffer.from('ab\0zz', 'latin1'))).toEqual([0x7f, 0x41, 0x42, 0]);
    expect(keyOf('byV', Buffer.from('\0\0\xf0?', 'latin1'))).toEqual([0x7f, 0]);
    expect(keyOf('byV', Buffer.from('a-\xe9z', 'latin1'))).toEqual([0x7f, 0x41, 0x2d, 0xe9, 0x5a, 0]);
    // Room for three bytes after the header: two of the text and its third less 0x20.
    expect(keyOf('byVCut', text('ab12'))).toEqual([0x7f, 0x41, 0x42, 0x11]);
    expect(keyOf('byVCut', text('ab1'))).toEqual([0x7f, 0x41, 0x42, 0x11]);
    expect(keyOf('byVCut', text('ab'))).toEqual([0x7f, 0x41, 0x42, 0]);
    expect(keyOf('byVCut', Buffer.from('a\0cd', 'latin1'))).toEqual([0x7f, 0x41, 0]);
    // A case-sensitive Unicode map on the index changes nothing for an ASCII column.
    jet.JetCreateIndex4(sesid, tableid, [
      { szIndexName: 'byVCase', szKey: ['+v'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName: 'en-US', dwMapFlags: 0x400 } },
    ]);
    expect(keyOf('byVCase', text('aB'))).toEqual([0x7f, 0x41, 0x42, 0]);
    // A record's entry is made the same way: a seek for "AB" finds the value "ab\0zz".
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    jet.JetSetColumn(sesid, tableid, v, Buffer.from('ab\0zz', 'latin1'));
    jet.JetUpdate2(sesid, tableid);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    jet.JetMakeKey(sesid, tableid, text('AB'), JET_bitNewKey);
    expect(jet.JetSeek(sesid, tableid, JET_bitSeekEQ)).toBe(0);
    expect(jet.JetRetrieveColumn(sesid, tableid, v).value).toEqual(Buffer.from('ab\0zz', 'latin1'));
  });
});

describe('escrow columns (ESE recupd.cxx ErrIsamEscrowUpdate, ErrRECIEscrowUpdate; fldmod.cxx ErrIsamSetColumn)', () => {
  /** An empty table `name`: id (Long, primary key), hits (escrow Long, default `start`). */
  function escrowTable(name: string, start: number) {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'hits', coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate, pvDefault: long(start) },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary }],
    });
    const [id, hits] = created.columnids as [number, number];
    // A table is open exclusively to its creator until that cursor closes.
    jet.JetCloseTable(sesid, created.tableid);
    return { tableid: jet.JetOpenTable(sesid, dbid, name), id, hits };
  }

  function counters() {
    const { sesid } = fixture;
    const { tableid, id, hits } = escrowTable('counters', 10);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    jet.JetUpdate2(sesid, tableid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const read = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, hits).value!);
    return { tableid, id, hits, read };
  }

  /** Inserts one record per id, the escrow column left to its default. */
  function insertIds(tableid: bigint, id: number, ids: number[]) {
    const { sesid } = fixture;
    for (const value of ids) {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(value));
      jet.JetUpdate2(sesid, tableid);
    }
  }

  /** The escrow column of the first `count` records, in index order. */
  function hitsInOrder(tableid: bigint, hits: number, count: number) {
    const { sesid } = fixture;
    const values: unknown[] = [];
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    for (let i = 0; i < count; i++) {
      if (i > 0) jet.JetMove(sesid, tableid, JET_MoveNext);
      values.push(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, hits).value!));
    }
    return values;
  }

  it('JetEscrowUpdate goes to the bookmark the cursor keeps, not asking whether the cursor stands on it (dir.cxx ErrDIRDelta, bt.cxx ErrBTDown)', () => {
    const { sesid } = fixture;
    const { tableid, id, hits } = escrowTable('kept', 0);
    jet.JetBeginTransaction(sesid);
    // An empty table: the deferred move to the first entry finds none; a failed move keeps no bookmark.
    expectJetError(() => jet.JetEscrowUpdate(sesid, tableid, hits, 1), EsentNoCurrentRecordError, -1603, 'JetEscrowUpdate');
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetEscrowUpdate(sesid, tableid, hits, 1), EsentRecordDeletedError, -1017, 'JetEscrowUpdate');
    insertIds(tableid, id, [1, 2, 3]);
    // Past the last record and before the first, the cursor keeps the record it left.
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(jet.JetEscrowUpdate(sesid, tableid, hits, 10)).toBe(0);
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, hits), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(jet.JetEscrowUpdate(sesid, tableid, hits, 100)).toBe(0);
    // An exact seek that found nothing on a unique index keeps the key sought, which names no record.
    jet.JetMakeKey(sesid, tableid, long(5), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    expectJetError(() => jet.JetEscrowUpdate(sesid, tableid, hits, 1000), EsentRecordDeletedError, -1017, 'JetEscrowUpdate');
    expect(hitsInOrder(tableid, hits, 3)).toEqual([100, 0, 10]);
    jet.JetRollback(sesid, 0);
  });

  it('a JetEscrowUpdate that finds no record at its bookmark has made its version first: the cursor, closed in the transaction, stays among the table\'s users with its deny modes until level 0; not when the deferred move failed first, nor with JET_bitEscrowNoRollback (bt.cxx ErrBTDelta, ver.cxx ErrVERModify, BTClose; dir.cxx ErrDIRIRefresh, ErrDIRRollback; extended generator seed 2493)', () => {
    const { sesid, dbid } = fixture;
    const { tableid, hits } = escrowTable('held', 0);
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const otherDenyingReads = () => errnoOf(() => jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'held', JET_bitTableDenyRead)));
    const failedEscrow = (cursor: bigint, grbit = 0) => errnoOf(() => jet.JetEscrowUpdate(sesid, cursor, hits, 1, grbit));
    jet.JetBeginTransaction(sesid);
    // The deferred move to the first entry finds none: no version was made.
    expect(failedEscrow(tableid)).toBe(-1603);
    jet.JetCloseTable(sesid, tableid);
    expect(otherDenyingReads()).toBe(0);
    // With no version asked for, none is made.
    const noRollback = jet.JetOpenTable(sesid, dbid, 'held');
    expectJetError(() => jet.JetMove(sesid, noRollback, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(failedEscrow(noRollback, JET_bitEscrowNoRollback)).toBe(-1017);
    jet.JetCloseTable(sesid, noRollback);
    expect(otherDenyingReads()).toBe(0);
    // A failed move leaves a bookmark that names no record: the delta's version comes first.
    const moved = jet.JetOpenTable(sesid, dbid, 'held');
    expectJetError(() => jet.JetMove(sesid, moved, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(failedEscrow(moved)).toBe(-1017);
    jet.JetCloseTable(sesid, moved);
    expect(otherDenyingReads()).toBe(-1304);
    // A nested level rolled back leaves it so; the return to level 0 lets it go.
    jet.JetBeginTransaction(sesid);
    jet.JetRollback(sesid, 0);
    expect(otherDenyingReads()).toBe(-1304);
    jet.JetRollback(sesid, 0);
    expect(otherDenyingReads()).toBe(0);
    // A cursor that denies reads keeps denying them (the program of seed 2493: the table's
    // creator's cursor, closed by JetCloseDatabase).
    jet.JetBeginTransaction(sesid);
    const denying = jet.JetOpenTable(sesid, dbid, 'held', JET_bitTableDenyRead);
    expectJetError(() => jet.JetMove(sesid, denying, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(failedEscrow(denying)).toBe(-1017);
    jet.JetCloseTable(sesid, denying);
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'held'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCommitTransaction(sesid);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'held'));
    jet.JetEndSession(other);
  });

  it('a move of several rows that fails part-way keeps the bookmark of the place it began, which JetEscrowUpdate goes by; with JET_bitMoveKeyNE the last row passed (rec.cxx ErrIsamMove, bt.cxx ErrBTNext, ErrBTRelease; extended generator seed 967)', () => {
    const { sesid } = fixture;
    const { tableid, id, hits } = escrowTable('partway', 0);
    insertIds(tableid, id, [1, 2, 3]);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expectJetError(() => jet.JetMove(sesid, tableid, 5), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetEscrowUpdate(sesid, tableid, hits, 10);
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, tableid, -5), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetEscrowUpdate(sesid, tableid, hits, 100);
    expect(hitsInOrder(tableid, hits, 3)).toEqual([10, 0, 100]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expectJetError(() => jet.JetMove(sesid, tableid, 5, JET_bitMoveKeyNE), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetEscrowUpdate(sesid, tableid, hits, 1000);
    expect(hitsInOrder(tableid, hits, 3)).toEqual([10, 0, 1100]);
    jet.JetRollback(sesid, 0);
  });

  it('JetEscrowUpdate of a record the session deleted goes into the data the delete left flagged on the page, the record not looked at; a rollback takes both away (recupd.cxx ErrRECIEscrowUpdate, bt.cxx ErrBTDelta)', () => {
    const { sesid, dbid } = fixture;
    const c = counters();
    const other = jet.JetOpenTable(sesid, dbid, 'counters');
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5)).toBe(10);
    jet.JetDelete(sesid, other);
    expectJetError(() => jet.JetRetrieveColumn(sesid, c.tableid, c.hits), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 1)).toBe(15);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 2)).toBe(16);
    jet.JetRollback(sesid, 0);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 3)).toBe(16);
    jet.JetRollback(sesid, 0);
    expect(c.read()).toBe(10);
    // Committed, the delete takes the record and its deltas with it.
    jet.JetBeginTransaction(sesid);
    jet.JetDelete(sesid, other);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 7)).toBe(10);
    jet.JetCommitTransaction(sesid);
    expectJetError(() => jet.JetRetrieveColumn(sesid, c.tableid, c.hits), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    jet.JetCloseTable(sesid, other);
  });

  it('a replace may set an escrow column: the set path refuses only autoincrement and version columns', () => {
    const { sesid } = fixture;
    const c = counters();
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, c.tableid, JET_prepReplace);
    expect(jet.JetSetColumn(sesid, c.tableid, c.hits, long(42))).toBe(0);
    jet.JetUpdate2(sesid, c.tableid);
    jet.JetCommitTransaction(sesid);
    expect(c.read()).toBe(42);
  });

  it('an escrow column set to null keeps its bytes: JetEscrowUpdate adds to them and the column stays null (fldmod.cxx ErrRECISetFixedColumn sets only the null bit; recupd.cxx ErrRECIEscrowUpdate, ErrDIRDelta)', () => {
    const { sesid } = fixture;
    const { tableid, id, hits } = escrowTable('kept_null', 5);
    const insert = (key: number, set: () => void) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(key));
      set();
      jet.JetUpdate2(sesid, tableid);
    };
    const seek = (key: number) => {
      jet.JetMakeKey(sesid, tableid, long(key), JET_bitNewKey);
      jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
    };
    // A null escrow column reads as a value too short for its deltas.
    const readNull = () =>
      expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, hits), EsentInvalidBufferSizeError, -1047, 'JetRetrieveColumn');
    jet.JetBeginTransaction(sesid);
    // Set to null at insert: the default's bytes stay under the null bit.
    insert(1, () => jet.JetSetColumn(sesid, tableid, hits, null));
    // A value set and then null in one update: that value's bytes stay.
    insert(2, () => {
      jet.JetSetColumn(sesid, tableid, hits, long(9));
      jet.JetSetColumn(sesid, tableid, hits, null);
    });
    // On a fixed column JET_bitSetRevertToDefaultValue is a null like any other.
    insert(3, () => jet.JetSetColumn(sesid, tableid, hits, null, JET_bitSetRevertToDefaultValue));
    insert(4, () => jet.JetSetColumn(sesid, tableid, hits, long(7)));
    // Under the session's own insert, the delta goes into the row it wrote.
    seek(1);
    expect(jet.JetEscrowUpdate(sesid, tableid, hits, 1)).toBe(5);
    readNull();
    jet.JetCommitTransaction(sesid);
    // A replace that sets it null keeps the value it had.
    seek(4);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, hits, null);
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid);
    const olds: number[] = [];
    for (const key of [1, 2, 3, 4]) {
      seek(key);
      readNull();
      jet.JetBeginTransaction(sesid);
      olds.push(jet.JetEscrowUpdate(sesid, tableid, hits, 10));
      readNull();
      jet.JetCommitTransaction(sesid);
      readNull();
    }
    expect(olds).toEqual([6, 9, 5, 7]);
    // Another session sees the committed deltas in the bytes, and still a null column.
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const otherTable = jet.JetOpenTable(other, otherDb, 'kept_null');
    jet.JetMakeKey(other, otherTable, long(2), JET_bitNewKey);
    jet.JetSeek(other, otherTable, JET_bitSeekEQ);
    expectJetError(() => jet.JetRetrieveColumn(other, otherTable, hits), EsentInvalidBufferSizeError, -1047, 'JetRetrieveColumn');
    jet.JetBeginTransaction(other);
    expect(jet.JetEscrowUpdate(other, otherTable, hits, 1)).toBe(19);
    jet.JetRollback(other, 0);
    jet.JetEndSession(other);
    // A value set again ends the null.
    seek(2);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, hits, long(100));
    jet.JetUpdate2(sesid, tableid);
    expect(jet.JetEscrowUpdate(sesid, tableid, hits, 1)).toBe(100);
    jet.JetCommitTransaction(sesid);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, hits).value!)).toBe(101);
  });

  /** A second session with its own cursor on `counters`, on its one record. */
  function otherSession() {
    const other = jet.JetBeginSession(fixture.instance);
    const dbid = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const tableid = jet.JetOpenTable(other, dbid, 'counters');
    jet.JetMove(other, tableid, JET_MoveFirst);
    return { sesid: other, tableid };
  }
  const readAs = (sesid: bigint, tableid: bigint, columnid: number) =>
    decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value!);

  /** Another session deletes the counters' record and commits. */
  function deletedByOther() {
    const b = otherSession();
    jet.JetBeginTransaction(b.sesid);
    jet.JetDelete(b.sesid, b.tableid);
    jet.JetCommitTransaction(b.sesid);
    return b;
  }

  it('JET_bitEscrowNoRollback makes no version: a rollback keeps the delta, and other sessions\' deltas do not conflict with it (recupd.cxx ErrRECIEscrowUpdate fDIRNoVersion; bt.cxx ErrBTDelta)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(b.sesid);
    expect(jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 100)).toBe(10);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5, JET_bitEscrowNoRollback)).toBe(110);
    jet.JetRollback(sesid, 0);
    jet.JetRollback(b.sesid, 0);
    expect(c.read()).toBe(15);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(15);
    jet.JetEndSession(b.sesid);
  });

  it('JetEscrowUpdate of a record another session deleted goes into the data its node keeps: the old value, then the sum; a rollback takes it out; a transaction older than the delete conflicts (recupd.cxx ErrRECIEscrowUpdate, bt.cxx ErrBTDelta, ver.cxx FVERIWriteConflict)', () => {
    const { sesid } = fixture;
    const c = counters();
    const older = otherSession();
    jet.JetBeginTransaction(older.sesid);
    const b = deletedByOther();
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5)).toBe(10);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 2)).toBe(15);
    expectJetError(() => c.read(), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    // The older transaction still sees the record, as it was, and its delta would follow a delete it does not see.
    expect(readAs(older.sesid, older.tableid, c.hits)).toBe(10);
    expectJetError(() => jet.JetEscrowUpdate(older.sesid, older.tableid, c.hits, 1), EsentWriteConflictError, -1102, 'JetEscrowUpdate');
    jet.JetRollback(sesid, 0);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 3)).toBe(10);
    jet.JetCommitTransaction(sesid);
    expect(readAs(older.sesid, older.tableid, c.hits)).toBe(10);
    jet.JetCommitTransaction(older.sesid);
    jet.JetEndSession(older.sesid);
    jet.JetEndSession(b.sesid);
  });

  it('the node of a committed delete no version needs any more keeps its data for JetEscrowUpdate until cleanup, JET_bitEscrowNoRollback deltas and the data an insert rolled back over it included (bt.cxx ErrBTDelta, ErrBTInsert; ver.cxx VERUndoDelta)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = deletedByOther();
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 4)).toBe(10);
    jet.JetCommitTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 100, JET_bitEscrowNoRollback)).toBe(14);
    jet.JetRollback(sesid, 0);
    // Another session inserts the same key over the node, then rolls back: the node is flagged deleted again, its data as it was.
    jet.JetBeginTransaction(b.sesid);
    jet.JetPrepareUpdate(b.sesid, b.tableid, JET_prepInsert);
    jet.JetSetColumn(b.sesid, b.tableid, c.id, long(1));
    jet.JetUpdate2(b.sesid, b.tableid);
    jet.JetRollback(b.sesid, 0);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 1)).toBe(114);
    jet.JetCommitTransaction(sesid);
    expectJetError(() => c.read(), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    jet.JetEndSession(b.sesid);
  });

  it('the cleanup cuts a table\'s last node to one byte in place, and JetEscrowUpdate still finds the record\'s bytes after it: a committed delete\'s node and a rolled-back insert\'s alike; a node that is not the last goes (bt.cxx ErrBTISPCDeleteNodes, ErrBTDelta; ver.cxx ErrVERIUndoInsertPhysical; extended generator seeds 665 and 2860)', () => {
    const { sesid, dbid } = fixture;
    const escrowTableWith = (name: string, records: Array<[number, number]>) => {
      const { tableid, id, hits } = escrowTable(name, 10);
      for (const [key, value] of records) {
        jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, tableid, id, long(key));
        jet.JetSetColumn(sesid, tableid, hits, long(value));
        jet.JetUpdate2(sesid, tableid);
      }
      return { tableid, id, hits };
    };
    const escrow = (tableid: bigint, hits: number) => {
      jet.JetBeginTransaction(sesid);
      try {
        return [jet.JetEscrowUpdate(sesid, tableid, hits, 1), jet.JetEscrowUpdate(sesid, tableid, hits, 1)];
      } finally {
        jet.JetCommitTransaction(sesid);
      }
    };

    // The only record, deleted at level 0 and cleaned up: its value, not the default.
    const deleted = escrowTableWith('deleted', [[1, 7]]);
    jet.JetMove(sesid, deleted.tableid, JET_MoveFirst);
    jet.JetDelete(sesid, deleted.tableid);
    cleanUpByDetach();
    expect(escrow(deleted.tableid, deleted.hits)).toEqual([7, 8]);
    // The committed deltas stay in those bytes.
    cleanUpByDetach();
    expect(escrow(deleted.tableid, deleted.hits)).toEqual([9, 10]);

    // An insert into an empty table, rolled back: the page is cleaned up at once, its last node kept with the insert's data.
    const rolledBack = escrowTable('rolledBack', 10);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, rolledBack.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, rolledBack.tableid, rolledBack.id, long(1));
    jet.JetSetColumn(sesid, rolledBack.tableid, rolledBack.hits, long(7));
    jet.JetUpdate2(sesid, rolledBack.tableid);
    jet.JetMove(sesid, rolledBack.tableid, JET_MoveFirst);
    jet.JetRollback(sesid, 0);
    expect(escrow(rolledBack.tableid, rolledBack.hits)).toEqual([7, 8]);

    // Two records deleted: the second node goes, the first is the page's last and stays.
    const two = escrowTableWith('two', [[1, 7], [2, 8]]);
    const second = jet.JetDupCursor(sesid, two.tableid);
    jet.JetMove(sesid, two.tableid, JET_MoveFirst);
    jet.JetMove(sesid, second, JET_MoveLast);
    jet.JetDelete(sesid, two.tableid);
    jet.JetDelete(sesid, second);
    cleanUpByDetach();
    expect(escrow(two.tableid, two.hits)).toEqual([7, 8]);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetEscrowUpdate(sesid, second, two.hits, 1), EsentRecordDeletedError, -1017, 'JetEscrowUpdate');
    jet.JetRollback(sesid, 0);
    jet.JetCloseTable(sesid, second);
  });

  it('a JET_bitEscrowNoRollback delta goes into the data on the page: under another session\'s write lock or replace, which it outlives when they roll back, and into what older transactions read through other deltas (bt.cxx ErrBTDelta fDIRNoVersion, ver.cxx DeltaVERGetDelta)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(b.sesid);
    jet.JetGetLock(b.sesid, b.tableid, JET_bitWriteLock);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5, JET_bitEscrowNoRollback)).toBe(10);
    jet.JetCommitTransaction(sesid);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(15);
    jet.JetRollback(b.sesid, 0);
    expect(c.read()).toBe(15);
    jet.JetBeginTransaction(b.sesid);
    jet.JetPrepareUpdate(b.sesid, b.tableid, JET_prepReplace);
    jet.JetUpdate2(b.sesid, b.tableid);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 7, JET_bitEscrowNoRollback)).toBe(15);
    expect(c.read()).toBe(22);
    jet.JetCommitTransaction(sesid);
    jet.JetRollback(b.sesid, 0);
    expect(c.read()).toBe(22);
    // An older transaction reads the page less the deltas it does not see, so a delta without a version reaches it.
    const older = otherSession();
    jet.JetBeginTransaction(older.sesid);
    jet.JetBeginTransaction(b.sesid);
    expect(jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 1)).toBe(22);
    jet.JetCommitTransaction(b.sesid);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 1000, JET_bitEscrowNoRollback)).toBe(23);
    jet.JetRollback(sesid, 0);
    expect(readAs(older.sesid, older.tableid, c.hits)).toBe(1022);
    expect(c.read()).toBe(1023);
    jet.JetCommitTransaction(older.sesid);
    jet.JetEndSession(older.sesid);
    jet.JetEndSession(b.sesid);
  });

  it('two sessions escrow one record together: each reads its own deltas over what it sees committed, the old value has every delta in it (ver.cxx FVERIWriteConflict, DeltaVERGetDelta; bt.cxx ErrBTDelta)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5)).toBe(10);
    jet.JetBeginTransaction(b.sesid);
    // The old value is the record's value with every session's deltas, committed or not.
    expect(jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 3)).toBe(15);
    expect(c.read()).toBe(15);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(13);
    jet.JetCommitTransaction(sesid);
    // b's transaction began before that commit: it still reads 10 plus its own 3.
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(13);
    expect(c.read()).toBe(15);
    expect(jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 1)).toBe(18);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(14);
    jet.JetCommitTransaction(b.sesid);
    expect(c.read()).toBe(19);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(19);
    jet.JetEndSession(b.sesid);
  });

  it('a rollback takes a delta back; deltas of other sessions stay (ver.cxx VERUndoDelta)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(sesid);
    jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5);
    jet.JetBeginTransaction(b.sesid);
    jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 100);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 7)).toBe(115);
    jet.JetRollback(sesid, 0);
    expect(c.read()).toBe(15);
    jet.JetRollback(b.sesid, 0);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 1)).toBe(15);
    jet.JetCommitTransaction(sesid);
    expect(c.read()).toBe(16);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(16);
    jet.JetEndSession(b.sesid);
  });

  it('only a write conflicts with deltas: another session\'s replace, delete or write lock, and a delta under another session\'s write (ver.cxx FVERIWriteConflict)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(sesid);
    jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5);
    jet.JetBeginTransaction(b.sesid);
    expectJetError(() => jet.JetPrepareUpdate(b.sesid, b.tableid, JET_prepReplace), EsentWriteConflictError, -1102, 'JetPrepareUpdate');
    expectJetError(() => jet.JetDelete(b.sesid, b.tableid), EsentWriteConflictError, -1102, 'JetDelete');
    expectJetError(() => jet.JetGetLock(b.sesid, b.tableid, JET_bitWriteLock), EsentWriteConflictError, -1102, 'JetGetLock');
    jet.JetRollback(b.sesid, 0);
    // The session's own deltas do not stand in its way: they become part of its write.
    jet.JetPrepareUpdate(sesid, c.tableid, JET_prepReplace);
    jet.JetUpdate2(sesid, c.tableid);
    expect(c.read()).toBe(15);
    jet.JetBeginTransaction(b.sesid);
    expectJetError(() => jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 1), EsentWriteConflictError, -1102, 'JetEscrowUpdate');
    jet.JetRollback(b.sesid, 0);
    jet.JetCommitTransaction(sesid);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(15);
    jet.JetEndSession(b.sesid);
  });

  it('a delta committed after a transaction began does not conflict with its deltas; a write committed after does (ver.cxx FVERIWriteConflict, RCE::FActiveNotByMe)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(b.sesid);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(10);
    jet.JetBeginTransaction(sesid);
    jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 2);
    jet.JetCommitTransaction(sesid);
    expect(jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 1)).toBe(12);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(11);
    jet.JetCommitTransaction(b.sesid);
    expect(c.read()).toBe(13);

    jet.JetBeginTransaction(b.sesid);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(13);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, c.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, c.tableid, c.hits, long(100));
    jet.JetUpdate2(sesid, c.tableid);
    jet.JetCommitTransaction(sesid);
    expectJetError(() => jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 1), EsentWriteConflictError, -1102, 'JetEscrowUpdate');
    jet.JetRollback(b.sesid, 0);
    jet.JetEndSession(b.sesid);
  });

  it('a JET_bitColumnDeleteOnZero column at zero leaves the record in place inside the transaction (ESE deletes it when the version is cleaned up, ver.cxx FINALIZETASK)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'refs',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        {
          szColumnName: 'n',
          coltyp: JET_coltypLong,
          grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate | JET_bitColumnDeleteOnZero,
          pvDefault: long(1),
        },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary }],
    });
    const [id, n] = created.columnids as [number, number];
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, id, long(1));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, created.tableid, n, -1)).toBe(1);
    expect(readAs(sesid, created.tableid, n)).toBe(0);
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    expect(readAs(sesid, created.tableid, id)).toBe(1);
    jet.JetRollback(sesid, 0);
    // The cursor moved in the level rolled back: it stands before the first entry.
    expectJetError(() => jet.JetRetrieveColumn(sesid, created.tableid, n), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    expect(readAs(sesid, created.tableid, n)).toBe(1);
  });

  it('JetGetLock(JET_bitReadLock) is held until the transaction ends: other sessions\' read locks share it, their writes and deltas conflict (rec.cxx ErrIsamGetLock; ver.cxx FVERIWriteConflict)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    jet.JetBeginTransaction(sesid);
    expect(jet.JetGetLock(sesid, c.tableid, JET_bitReadLock)).toBe(0);
    jet.JetBeginTransaction(b.sesid);
    expect(jet.JetGetLock(b.sesid, b.tableid, JET_bitReadLock)).toBe(0);
    expectJetError(() => jet.JetPrepareUpdate(b.sesid, b.tableid, JET_prepReplace), EsentWriteConflictError, -1102, 'JetPrepareUpdate');
    expectJetError(() => jet.JetEscrowUpdate(b.sesid, b.tableid, c.hits, 1), EsentWriteConflictError, -1102, 'JetEscrowUpdate');
    jet.JetRollback(b.sesid, 0);
    // The lock's owner may write over it once no one else holds one.
    jet.JetPrepareUpdate(sesid, c.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, c.tableid, c.hits, long(20));
    jet.JetUpdate2(sesid, c.tableid);
    jet.JetCommitTransaction(sesid);
    jet.JetBeginTransaction(b.sesid);
    jet.JetPrepareUpdate(b.sesid, b.tableid, JET_prepReplace);
    jet.JetSetColumn(b.sesid, b.tableid, c.hits, long(30));
    jet.JetUpdate2(b.sesid, b.tableid);
    jet.JetCommitTransaction(b.sesid);
    expect(c.read()).toBe(30);
    jet.JetEndSession(b.sesid);
  });

  it("JetGetLock(JET_bitReadLock) on a record the session wrote in its transaction makes its version through the cursor all the same: closed, the cursor that created the table keeps it from other sessions until level 0 (bt.cxx ErrBTLock; extended generator seed 16129)", () => {
    const { sesid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const openByOther = (name: string) => {
      try {
        jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, name));
        return 'opened';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    for (const locked of [true, false]) {
      const name = locked ? 'readLockedUnderWrite' : 'notLockedUnderWrite';
      const t = keyedWithByV(name, 0);
      jet.JetBeginTransaction(sesid);
      const dup = jet.JetDupCursor(sesid, t.tableid);
      putKeyed({ ...t, tableid: dup }, 1, 10);
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      if (locked) expect(jet.JetGetLock(sesid, t.tableid, JET_bitReadLock)).toBe(0);
      jet.JetCloseTable(sesid, t.tableid);
      expect(openByOther(name)).toBe(locked ? 'JET_errTableLocked' : 'opened');
      jet.JetCommitTransaction(sesid, 0);
      expect(openByOther(name)).toBe('opened');
      jet.JetCloseTable(sesid, dup);
    }
    jet.JetEndSession(other);
  });

  it('JetGetLock on a record the session deleted in its transaction succeeds, either lock: the lock goes by the cursor\'s bookmark and the version store only; another session meets the delete as a write conflict (rec.cxx ErrIsamGetLock, dir.cxx ErrDIRGetLock, bt.cxx ErrBTLock; the extended generator\'s seed 228, confirmed on ESE\'s engine)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    for (const lock of [JET_bitReadLock, JET_bitWriteLock]) {
      jet.JetBeginTransaction(sesid);
      jet.JetDelete(sesid, c.tableid);
      expect(jet.JetGetLock(sesid, c.tableid, lock)).toBe(0);
      expect(jet.JetGetLock(sesid, c.tableid, lock)).toBe(0);
      jet.JetBeginTransaction(b.sesid);
      expectJetError(() => jet.JetGetLock(b.sesid, b.tableid, lock), EsentWriteConflictError, -1102, 'JetGetLock');
      jet.JetRollback(b.sesid, 0);
      jet.JetRollback(sesid, 0);
    }
    jet.JetEndSession(b.sesid);
  });

  it('JetGetLock on a record whose delete committed before the transaction began succeeds, either lock, whether a version of it is still kept or not; a session whose transaction began before that delete meets it as a write conflict (bt.cxx ErrBTLock; the extended generator\'s seed 1342, confirmed on ESE\'s engine)', () => {
    const { sesid } = fixture;
    const c = counters();
    const b = otherSession();
    // b's transaction keeps the record's versions while it lasts.
    jet.JetBeginTransaction(b.sesid);
    expect(readAs(b.sesid, b.tableid, c.hits)).toBe(10);
    jet.JetDelete(sesid, c.tableid);
    for (const lock of [JET_bitReadLock, JET_bitWriteLock]) {
      jet.JetBeginTransaction(sesid);
      expect(jet.JetGetLock(sesid, c.tableid, lock)).toBe(0);
      jet.JetRollback(sesid, 0);
      expectJetError(() => jet.JetGetLock(b.sesid, b.tableid, lock), EsentWriteConflictError, -1102, 'JetGetLock');
    }
    jet.JetRollback(b.sesid, 0);
    // No transaction needs the deleted record's versions now.
    for (const lock of [JET_bitReadLock, JET_bitWriteLock]) {
      jet.JetBeginTransaction(sesid);
      expect(jet.JetGetLock(sesid, c.tableid, lock)).toBe(0);
      expectJetError(() => jet.JetRetrieveColumn(sesid, c.tableid, c.hits), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
      jet.JetCommitTransaction(sesid);
    }
    expectJetError(() => jet.JetGetLock(sesid, c.tableid, JET_bitWriteLock), EsentNotInTransactionError, -1054, 'JetGetLock');
    jet.JetEndSession(b.sesid);
  });

  it('an escrow column cannot be indexed (fcreate.cxx ErrFILEIValidateCreateIndex)', () => {
    const { sesid } = fixture;
    const c = counters();
    expectJetError(() => jet.JetCreateIndex2(sesid, c.tableid, [{ szIndexName: 'byHits', szKey: ['+hits'] }]), EsentCannotIndexError, -1071, 'JetCreateIndex2');
  });

  it('grbits other than JET_bitEscrowNoRollback are not looked at', () => {
    const { sesid } = fixture;
    const c = counters();
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, c.tableid, c.hits, 5, 0x40000000)).toBe(10);
    jet.JetCommitTransaction(sesid);
    expect(c.read()).toBe(15);
  });
});

describe('what a rollback does to cursors (ESE tm.cxx ErrIsamRollback)', () => {
  function withSecondary(): T {
    const t = withRecords();
    jet.JetCreateIndex2(fixture.sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['-b', '-a'] }]);
    return t;
  }

  /** The record the cursor's current index has first. */
  function firstEntry(t: T): [number, number] {
    jet.JetMove(fixture.sesid, t.tableid, JET_MoveFirst);
    return current(t);
  }

  it('a secondary index made current in a rolled-back level gives way to the primary index, the cursor before the first entry (rec.cxx ErrRECSetCurrentIndex, ResetCurrency)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 2]);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    // The key made on the secondary index went with it.
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentKeyNotMadeError, -1608, 'JetSeek');
    // Before the first entry of the primary index (+a+b), not of byB (-b-a).
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
  });

  it('the table\'s own cursor that moved in a rolled-back level goes before the first entry even when a secondary index made current since stays current (dir.cxx ErrDIRRollback walks every cursor of the session; extended generator seed 1176)', () => {
    const { sesid } = fixture;
    jet.JetBeginTransaction(sesid);
    // Created in this transaction, the table's index cursors are kept open at this level: made
    // current in a level rolled back later, byV stays current.
    const make = (name: string) => {
      const t = keyedByValue(name);
      // Keys 1, 2, 3 with values 3, 2, 1: byV has key 3 first.
      for (const key of [1, 2, 3]) t.insert(t.tableid, key, 4 - key);
      return t;
    };
    const readId = (t: { tableid: bigint; k: number }) =>
      decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.k).value);
    const rollBack = (tableid: bigint, moveFirst: boolean) => {
      jet.JetBeginTransaction(sesid);
      if (moveFirst) jet.JetMove(sesid, tableid, JET_MoveFirst);
      jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
      jet.JetRollback(sesid, 0);
    };
    // No move of the table's cursor in that level: a read makes the deferred move to byV's first entry.
    const still = make('still');
    rollBack(still.tableid, false);
    expect(readId(still)).toBe(3);
    const moved = make('moved');
    rollBack(moved.tableid, true);
    expectJetError(() => readId(moved), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetMove(sesid, moved.tableid, JET_MoveNext);
    expect(readId(moved)).toBe(3);
    jet.JetRollback(sesid, 0);
  });

  it('a secondary index\'s cursor that moved in a rolled-back level moves nothing once the primary index is current again: the record reached by JET_bitNoMove stays current (dir.cxx ErrDIRRollback, rec.cxx ErrRECSetCurrentIndex closes the index\'s cursor; extended generator seed 1172)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 2]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, null, JET_bitNoMove);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([1, 2]);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([2, 1]);
  });

  it('JetGotoPosition moves the cursor at the level it runs in: rolling that level back puts the cursor before the first entry, on a secondary index its index cursor only (dir.cxx ErrDIRGotoPosition, ErrDIRRollback)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetGotoPosition(sesid, t.tableid, { centriesLT: 2, centriesTotal: 4 })).toBe(0);
    expect(current(t)).toEqual([2, 1]);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
    // The last entry, as a fraction of 1 gives.
    jet.JetBeginTransaction(sesid);
    expect(jet.JetGotoPosition(sesid, t.tableid, { centriesLT: 4, centriesTotal: 4 })).toBe(0);
    expect(current(t)).toEqual([3, 1]);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');

    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetBeginTransaction(sesid);
    expect(jet.JetGotoPosition(sesid, t.tableid, { centriesLT: 2, centriesTotal: 4 })).toBe(0);
    const there = current(t);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual(there);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 2]);
  });

  it('a cursor a rollback put before the first entry counts as moved at the level below, whose rollback puts it there again: a record reached since by its bookmark (no navigation) is let go then (dir.cxx ErrDIRRollback, FUCBSetLevelNavigate; extended generator seed 3766)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    const bookmark = jet.JetGetBookmark(sesid, t.tableid);
    const afterRollback = (movedInNestedLevel: boolean) => {
      jet.JetBeginTransaction(sesid);
      if (movedInNestedLevel) {
        jet.JetBeginTransaction(sesid);
        jet.JetMove(sesid, t.tableid, JET_MoveFirst);
        jet.JetRollback(sesid, 0);
        expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
      }
      jet.JetGotoBookmark(sesid, t.tableid, bookmark);
      expect(current(t)).toEqual([1, 2]);
      jet.JetRollback(sesid, 0);
      try {
        return current(t);
      } catch (e) {
        expect(e).toBeInstanceOf(EsentNoCurrentRecordError);
        return 'no current record';
      }
    };
    expect(afterRollback(false)).toEqual([1, 2]);
    expect(afterRollback(true)).toBe('no current record');
    // Before the first entry: a move next lands on the first.
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
  });

  it('a rollback puts a secondary index\'s cursor that moved in the level before its first entry even where its index was made current again since: the table\'s cursor waits for its deferred move, so a read finds the first record while JetGetRecordPosition, JetIndexRecordCount and JetGetBookmark find none (dir.cxx ErrDIRRollback, DIRBeforeFirst; rec.hxx RECDeferMoveFirst; extended generator seed 9830)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byADown', szKey: ['-a', '+b'] }]);
    const rolledBack = () => {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byADown');
      jet.JetBeginTransaction(sesid);
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byADown');
      jet.JetRollback(sesid, 0);
    };
    rolledBack();
    expectJetError(() => jet.JetGetRecordPosition(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetRecordPosition');
    expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetIndexRecordCount');
    expectJetError(() => jet.JetGetBookmark(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    // A read makes the table's move, and the index's cursor is on that entry again.
    expect(current(t)).toEqual([3, 1]);
    expect(jet.JetGetRecordPosition(sesid, t.tableid)).toMatchObject({ centriesLT: 0, centriesTotal: 4 });
    // A move goes on from the index's cursor: the first entry.
    rolledBack();
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([3, 1]);
  });

  it('JetSetCurrentIndex4 with JET_bitNoMove on the primary index goes back to the record by its bookmark, which is no navigation: rolling that level back leaves the cursor on the record (rec.cxx ErrIsamSetCurrentIndex, ErrRECIGotoBookmark; dir.cxx ErrDIRGotoBookmark)', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, null, JET_bitNoMove)).toBe(0);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([3, 1]);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    // By name, the same.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk', JET_bitNoMove)).toBe(0);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([1, 1]);

    // A table without a primary index, in record-id order.
    const tableid = jet.JetCreateTable(sesid, dbid, 'plain');
    const v = jet.JetAddColumn(sesid, tableid, 'v', { coltyp: JET_coltypLong });
    for (const n of [1, 2]) {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, v, long(n));
      jet.JetUpdate2(sesid, tableid);
    }
    jet.JetMove(sesid, tableid, JET_MoveLast);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetSetCurrentIndex4(sesid, tableid, null, JET_bitNoMove)).toBe(0);
    jet.JetRollback(sesid, 0);
    expect(jet.JetRetrieveColumn(sesid, tableid, v).value).toEqual(long(2));
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it('before the primary index\'s first entry after that rollback, counting, a position, a read, a key and a move of 0 give JET_errNoCurrentRecord and leave the cursor there; JetGotoPosition and JetMove go from there, on the primary index (rec.cxx ErrRECSetCurrentIndex, ResetCurrency; dir.cxx ErrDIRIndexRecordCount, ErrDIRGetPosition)', () => {
    const { sesid, dbid } = fixture;
    const t = withSecondary();
    const calls: Array<[string, (tableid: bigint) => unknown]> = [
      ['JetIndexRecordCount', (tableid) => jet.JetIndexRecordCount(sesid, tableid, 0)],
      ['JetGetRecordPosition', (tableid) => jet.JetGetRecordPosition(sesid, tableid)],
      ['JetRetrieveColumn', (tableid) => jet.JetRetrieveColumn(sesid, tableid, t.a)],
      ['JetRetrieveKey', (tableid) => jet.JetRetrieveKey(sesid, tableid)],
      ['JetMove', (tableid) => jet.JetMove(sesid, tableid, 0)],
    ];
    const rolledBack = () => {
      const tableid = jet.JetOpenTable(sesid, dbid, 't');
      jet.JetBeginTransaction(sesid);
      jet.JetSetCurrentIndex4(sesid, tableid, 'byB');
      jet.JetRollback(sesid, 0);
      return tableid;
    };
    for (const [name, call] of calls) {
      const tableid = rolledBack();
      expectJetError(() => call(tableid), EsentNoCurrentRecordError, -1603, name);
      // Still before the first entry: the next move finds the first, and all is counted from there.
      expectJetError(() => jet.JetMove(sesid, tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
      jet.JetMove(sesid, tableid, JET_MoveNext);
      expect(jet.JetIndexRecordCount(sesid, tableid, 0)).toBe(4);
      jet.JetCloseTable(sesid, tableid);
    }
    // +a+b: (1,1), (1,2), (2,1), (3,1).
    const moved = rolledBack();
    jet.JetMove(sesid, moved, JET_MoveNext);
    expect(current({ ...t, tableid: moved })).toEqual([1, 1]);
    jet.JetCloseTable(sesid, moved);
    const positioned = rolledBack();
    expect(jet.JetGotoPosition(sesid, positioned, { centriesLT: 1, centriesTotal: 2 })).toBe(0);
    expect(current({ ...t, tableid: positioned })).toEqual([2, 1]);
    jet.JetCloseTable(sesid, positioned);
  });

  it('an update leaves its cursor on a secondary index open until level 0 (bt.cxx BTClose); JetSetCurrentIndex4 takes it up with the level it was opened at, so rolling back a later level keeps the index (bt.cxx ErrBTOpen)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    const first = () => firstEntry(t);
    // An insert in level 1 adds an entry to byB through a cursor opened there.
    jet.JetBeginTransaction(sesid);
    insert(t, 9, 0);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 2]);
    // Rolling back level 1 lets go of it.
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 1]);
    // A replace that leaves byB's keys as they were goes through no cursor there.
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.name, text('n'));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 1]);
    jet.JetRollback(sesid, 0);
    // One that changes them does, and so does a delete; a commit to level 0 closes them.
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetDelete(sesid, t.tableid);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 2]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 1]);
  });

  it('a cursor taken up goes back to the session when its cursor leaves the index or closes, and the next cursor on the index takes it up again (rec.cxx ErrRECSetCurrentIndex, bt.cxx BTClose)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    const first = () => firstEntry(t);
    jet.JetBeginTransaction(sesid);
    insert(t, 9, 0);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 2]);
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 2]);
    // Another cursor of the session takes it up and gives it back when it closes.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, other, 'byB');
    jet.JetCloseTable(sesid, other);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 2]);
    jet.JetRollback(sesid, 0);
    expect(first()).toEqual([1, 1]);
  });

  it('a rollback refused to a context that does not own the level lets go of the index too: the walk over the cursors comes before ErrDIRRollback checks the owner', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 2]);
    underContext(0x22n);
    expectJetError(() => jet.JetRollback(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetRollback');
    underContext(0x11n);
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(1);
    // On the primary index, before its first entry, with no key: as a rollback that is not
    // refused leaves it.
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentKeyNotMadeError, -1608, 'JetSeek');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
    // The level stays open and commits; an index made current after the refusal stays.
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 2]);
  });

  it('an index the cursor already let go of, by a JetSetCurrentIndex4 that found no index, is not let go of again by a rollback of the level that opened it: the cursor keeps its record (extended generator seed 12799)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'nope'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 1]);
    underContext(0x22n);
    expectJetError(() => jet.JetRollback(sesid, 0), EsentSessionSharingViolationError, -1910, 'JetRollback');
    underContext(0x11n);
    expect(current(t)).toEqual([1, 1]);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 2]);
    // The owner's rollback puts it before the first record, as it does any cursor that moved in
    // the level, on the primary index still.
    jet.JetRollback(sesid, 0);
    jet.JetResetSessionContext(sesid);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
  });

  it('an index made current before the level, or in a level committed into one that survives, stays (levelOpen handed down on commit)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetRollback(sesid, 0);
    // The secondary index moved in the level: it is before its first entry again, while the
    // record stays current (ESE resets the index's cursor, not the table's).
    expect(current(t)).toEqual([1, 2]);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 2]);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([3, 1]);

    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetCommitTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    jet.JetRollback(sesid, 0);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 2]);
    jet.JetRollback(sesid, 0);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([1, 1]);
  });

  it('a cursor that moved in a rolled-back level stands before the first entry; one that only went to a bookmark, or moved in a level below, stays (dir.cxx ErrDIRRollback, FUCBSetLevelNavigate; ErrDIRGotoBookmark does not navigate)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);

    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    const bookmark = jet.JetGetBookmark(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetGotoBookmark(sesid, t.tableid, bookmark);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([3, 1]);

    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    jet.JetBeginTransaction(sesid);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([2, 1]);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    jet.JetCommitTransaction(sesid);
    expect(current(t)).toEqual([1, 2]);
    // The nested commit handed its navigation to the level below.
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
  });

  it('an insert in a rolled-back level is no navigation: the cursor stays on its record (recupd.cxx ErrRECIInsert; ESE\'s engine)', () => {
    const { sesid, dbid } = fixture;
    for (const primary of [false, true]) {
      const name = primary ? 'keyed' : 'sequential';
      const tableid = jet.JetCreateTable(sesid, dbid, name);
      const a = jet.JetAddColumn(sesid, tableid, 'a', { coltyp: JET_coltypLong });
      if (primary) jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary }]);
      const add = (value: number) => {
        jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, tableid, a, long(value));
        jet.JetUpdate2(sesid, tableid);
      };
      const read = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, a).value);
      for (const value of [10, 20, 30]) add(value);
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      jet.JetMove(sesid, tableid, JET_MoveNext);
      jet.JetBeginTransaction(sesid);
      add(25);
      expect(read()).toBe(20);
      jet.JetRollback(sesid, 0);
      expect(read()).toBe(20);
      jet.JetDelete(sesid, tableid);
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      expect(read()).toBe(10);
      jet.JetMove(sesid, tableid, JET_MoveNext);
      expect(read()).toBe(30);
      jet.JetCloseTable(sesid, tableid);
    }
  });

  it('a secondary index\'s cursor taken up in a level starts at that level\'s navigation: rolling it back puts that cursor before the index\'s first entry, while the table\'s cursor keeps its record or its deferred move to the first entry (dir.cxx ErrDIROpen, DIRInitOpenedCursor, ErrDIRRollback, ErrDIRIIRefresh)', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    const next = () => {
      jet.JetMove(sesid, t.tableid, JET_MoveNext);
      return current(t);
    };
    // An insert in level 1 opens byB's cursor there (-b-a: (1,2), (3,1), (2,1), (1,1), (9,0)).
    jet.JetBeginTransaction(sesid);
    insert(t, 9, 0);
    // Made current and read in level 2: the read stays, the next move starts over.
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    expect(next()).toEqual([3, 1]);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([3, 1]);
    expect(next()).toEqual([1, 2]);
    // Made current and read without a move: the same.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    expect(current(t)).toEqual([1, 2]);
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([1, 2]);
    expect(next()).toEqual([1, 2]);
    // Made current and not used: a read makes the deferred move to the first entry...
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(current(t)).toEqual([1, 2]);
    expect(next()).toEqual([3, 1]);
    // ...and a move goes from before the first entry.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetBeginTransaction(sesid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    jet.JetRollback(sesid, 0);
    expect(next()).toEqual([1, 2]);
    expect(next()).toEqual([3, 1]);
    jet.JetRollback(sesid, 0);
  });

  it('the deferred move to the first entry, made in a rolled-back level, is no navigation: the cursor stays on that entry (dir.cxx ErrDIRIIRefresh sets no navigation level; ErrDIRRollback)', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    const fresh = jet.JetOpenTable(sesid, dbid, 't');
    const read = (tableid: bigint, columnid: number) =>
      decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value) as number;
    jet.JetBeginTransaction(sesid);
    expect([read(fresh, t.a), read(fresh, t.b)]).toEqual([1, 1]);
    jet.JetRollback(sesid, 0);
    expect([read(fresh, t.a), read(fresh, t.b)]).toEqual([1, 1]);
    expect(jet.JetMove(sesid, fresh, JET_MoveNext)).toBe(0);
    expect([read(fresh, t.a), read(fresh, t.b)]).toEqual([1, 2]);
    // Likewise after JetSetCurrentIndex4 (RECDeferMoveFirst), the move made by a read that
    // then fails, as a JET_prepInsertCopy at level 1 under another context does.
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopy), EsentSessionSharingViolationError, -1910, 'JetPrepareUpdate');
    underContext(0x11n);
    jet.JetRollback(sesid, 0);
    jet.JetResetSessionContext(sesid);
    expect(current(t)).toEqual([1, 1]);
    jet.JetCloseTable(sesid, fresh);
  });

  it('rolling back a nested level cancels the updates prepared in it and keeps those prepared below (FFUCBUpdatePreparedLevel)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const dup = jet.JetDupCursor(sesid, t.tableid);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, dup, JET_MoveLast);
    jet.JetPrepareUpdate(sesid, dup, JET_prepReplace);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetUpdate2(sesid, dup), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expect(jet.JetSetColumn(sesid, t.tableid, t.name, text('kept'))).toBe(0);
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid);
    expect(Buffer.from(jet.JetRetrieveColumn(sesid, t.tableid, t.name).value!).toString('latin1')).toBe('kept');
  });
});

describe('setting a tagged column (ESE tagfld.cxx TAGFIELDS::ErrSetColumn)', () => {
  function tagged() {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'tags',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'many', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
        { szColumnName: 'one', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged },
        { szColumnName: 'dflt', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged, pvDefault: long(7) },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary }],
    });
    const [id, many, one, dflt] = created.columnids as [number, number, number, number];
    const tableid = created.tableid;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    const count = (columnid: number) =>
      jet.JetRetrieveColumns(sesid, tableid, [{ columnid, itagSequence: 0, grbit: JET_bitRetrieveCopy }])[0]!.itagSequence;
    return { tableid, many, one, dflt, count };
  }

  it('NULL with itagSequence 0 appends nothing: the values stay', () => {
    const { sesid } = fixture;
    const t = tagged();
    jet.JetSetColumn(sesid, t.tableid, t.many, long(1), 0, { itagSequence: 0 });
    jet.JetSetColumn(sesid, t.tableid, t.many, long(2), 0, { itagSequence: 0 });
    expect(jet.JetSetColumn(sesid, t.tableid, t.many, null, 0, { itagSequence: 0 })).toBe(0);
    expect(t.count(t.many)).toBe(2);
    jet.JetSetColumn(sesid, t.tableid, t.many, null, 0, { itagSequence: 1 });
    expect(t.count(t.many)).toBe(1);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.many, JET_bitRetrieveCopy).value).toEqual(long(2));
  });

  it('a tagged column not flagged multi-valued still takes a second value with itagSequence 0', () => {
    const { sesid } = fixture;
    const t = tagged();
    jet.JetSetColumn(sesid, t.tableid, t.one, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.one, long(2), 0, { itagSequence: 0 });
    expect(t.count(t.one)).toBe(2);
  });

  it('NULL at itagSequence 1 of a column with a default and no value hides the default', () => {
    const { sesid } = fixture;
    const t = tagged();
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.dflt, JET_bitRetrieveCopy).value).toEqual(long(7));
    jet.JetSetColumn(sesid, t.tableid, t.dflt, null, 0, { itagSequence: 2 });
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.dflt, JET_bitRetrieveCopy).value).toEqual(long(7));
    jet.JetSetColumn(sesid, t.tableid, t.dflt, null);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.dflt, JET_bitRetrieveCopy).err).toBe(JET_wrnColumnNull);
  });
});

describe('JetGetRecordPosition (ESE stats.cxx ErrIsamGetRecordPosition, dir.cxx ErrDIRGetPosition)', () => {
  it('answers on a deleted current record and where a failed SeekEQ looked; off any entry: NoCurrentRecord', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(5));
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    // (2, 5) would come after (1, 1), (1, 2) and (2, 1).
    expect(jet.JetGetRecordPosition(sesid, t.tableid)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    jet.JetDelete(sesid, t.tableid);
    expect(jet.JetGetRecordPosition(sesid, t.tableid).centriesLT).toBe(1);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetGetRecordPosition(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetRecordPosition');
  });

  it('a failed SeekEQ on a unique index for a key past every entry stands where it looked too: the search lands on the last entry, whose place the position gives (rec.cxx ErrIsamSeek, dir.cxx ErrDIRRelease, bt.cxx ErrBTGetPosition)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const seekPastEnd = () => {
      jet.JetMakeKey(sesid, t.tableid, long(5), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(5));
      expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    seekPastEnd();
    expect(jet.JetGetRecordPosition(sesid, t.tableid)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
    // The range is checked against the key sought, which is below the limit.
    jet.JetMakeKey(sesid, t.tableid, long(9), JET_bitNewKey);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit)).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    seekPastEnd();
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(current(t)).toEqual([3, 1]);
  });
});

describe('a SeekLT or SeekLE on a non-unique index whose search lands on a node the session cannot see (ESE bt.cxx ErrBTDown: ErrBTNext, then ErrBTPrev)', () => {
  it('keeps no position when the look next for the key leaves the page: JetGetRecordPosition counts afresh once a node has gone, where a MoveFirst keeps its count (extended generator seed 23362)', () => {
    const { sesid, dbid } = fixture;
    for (const how of ['seekLT', 'seekLE', 'moveFirst'] as const) {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: how,
        rgcolumncreate: [
          { szColumnName: 'a', coltyp: JET_coltypLong },
          { szColumnName: 'e', coltyp: JET_coltypText, cbMax: 10 },
        ],
        rgindexcreate: [{ szIndexName: 'strict', szKey: ['+a', '-e'], grbit: JET_bitIndexDisallowNull }],
      });
      const { tableid } = created;
      const [a, e] = created.columnids as [number, number];
      // byE is newer, so a refused insert goes into it before `strict` refuses the record, and
      // the rollback leaves that node flagged deleted as the page's last (a descending null
      // sorts last).
      jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byE', szKey: ['-e', '+a'], grbit: 0 }]);
      const other = jet.JetOpenTable(sesid, dbid, how);
      const refused = (cursor: bigint) => {
        jet.JetPrepareUpdate(sesid, cursor, JET_prepInsert);
        expectJetError(() => jet.JetUpdate2(sesid, cursor), EsentNullKeyDisallowedError, -1053, 'JetUpdate2');
        jet.JetPrepareUpdate(sesid, cursor, JET_prepCancel);
      };
      const position = () => {
        const p = jet.JetGetRecordPosition(sesid, tableid);
        return [p.centriesLT, p.centriesTotal];
      };
      refused(tableid);
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, a, long(0));
      jet.JetSetColumn(sesid, tableid, e, text('b'));
      jet.JetUpdate2(sesid, tableid);
      jet.JetSetCurrentIndex4(sesid, tableid, 'byE');
      if (how === 'moveFirst') {
        jet.JetMove(sesid, tableid, JET_MoveFirst);
      } else {
        jet.JetMakeKey(sesid, tableid, null, JET_bitNewKey);
        jet.JetSeek(sesid, tableid, how === 'seekLT' ? JET_bitSeekLT : JET_bitSeekLE);
      }
      expect(position(), how).toEqual([0, 2]);
      // Another cursor's refused insert cleans the page: the flagged node goes.
      refused(other);
      expect(position(), how).toEqual(how === 'moveFirst' ? [0, 2] : [0, 1]);
    }
  });
});

describe('JetGetRecordPosition counts the index\'s nodes and answers with the position the cursor worked out on its way down (ESE bt.cxx ErrBTDown, ErrBTNext, ErrBTPrev, ErrBTRelease, ErrBTDeferGotoBookmark, ErrBTGetPosition)', () => {
  /** Inserts (a, b) through `tableid`, a cursor on `t`'s table other than t's own. */
  function insertThrough(t: T, tableid: bigint, a: number, b: number) {
    const { sesid } = fixture;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, t.a, long(a));
    jet.JetSetColumn(sesid, tableid, t.b, long(b));
    jet.JetSetColumn(sesid, tableid, t.req, long(0));
    jet.JetSetColumn(sesid, tableid, t.reqv, text('x'));
    jet.JetUpdate2(sesid, tableid);
  }
  const position = (t: T) => jet.JetGetRecordPosition(fixture.sesid, t.tableid);
  /** The nodes t's index counts, afresh: the cursor goes back to its record down the tree. */
  const counted = (t: T) => {
    jet.JetGotoBookmark(fixture.sesid, t.tableid, jet.JetGetBookmark(fixture.sesid, t.tableid));
    return position(t).centriesTotal;
  };
  /**
   * Seeks a key before every record's, which finds none, and gives the position of the node
   * the search came to: the index's nodes counted, however many are flagged deleted.
   */
  function seekBeforeAll(t: T) {
    const { sesid } = fixture;
    jet.JetMakeKey(sesid, t.tableid, long(0), JET_bitNewKey);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekLE), EsentRecordNotFoundError, -1601, 'JetSeek');
    return position(t);
  }
  it('on a unique secondary index a new entry takes over the node flagged deleted with its key, by an insert or by a replace, rather than adding one beside it (bt.cxx ErrBTInsert, ErrNDFlagInsertAndReplaceData; extended generator seed 8393)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'keyed',
      rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'byK', szKey: ['+k'], grbit: JET_bitIndexUnique }],
    });
    const tableid = created.tableid;
    const k = created.columnids[0]!;
    const put = (value: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(value));
      jet.JetUpdate2(sesid, tableid);
    };
    const seek = (value: number) => {
      jet.JetMakeKey(sesid, tableid, long(value), JET_bitNewKey);
      jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
    };
    const nodes = () => {
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      return jet.JetGetRecordPosition(sesid, tableid).centriesTotal;
    };
    jet.JetSetCurrentIndex4(sesid, tableid, 'byK');
    put(1);
    put(5);
    seek(1);
    jet.JetDelete(sesid, tableid);
    expect(nodes()).toBe(2);
    // The insert of key 1 takes the deleted record's node over.
    put(1);
    expect(nodes()).toBe(2);
    // So does a replace that gives a record the key of a deleted node.
    seek(1);
    jet.JetDelete(sesid, tableid);
    seek(5);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, k, long(1));
    jet.JetUpdate2(sesid, tableid);
    // Key 5's node is left flagged deleted, key 1's taken over: two nodes, one record.
    expect(nodes()).toBe(2);
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(1);
    jet.JetCloseTable(sesid, tableid);
  });

  it('the node is taken over while an older transaction still sees the deleted record there: one node for the key, counted once, and the older transaction still finds its record by the key (extended generator seed 23943)', () => {
    const { sesid, dbid, dir, instance } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'keyedOld',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [{ szIndexName: 'byK', szKey: ['+k'], grbit: JET_bitIndexUnique }],
    });
    jet.JetCloseTable(sesid, created.tableid);
    const tableid = jet.JetOpenTable(sesid, dbid, 'keyedOld');
    const [k, v] = created.columnids as [number, number];
    const put = (key: number, value: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(key));
      jet.JetSetColumn(sesid, tableid, v, long(value));
      jet.JetUpdate2(sesid, tableid);
    };
    put(1, 10);
    put(5, 50);
    put(9, 90);
    const older = jet.JetBeginSession(instance);
    const olderTable = jet.JetOpenTable(older, jet.JetOpenDatabase(older, join(dir, 'fidelity.edb')), 'keyedOld');
    jet.JetSetCurrentIndex4(older, olderTable, 'byK');
    jet.JetBeginTransaction(older);
    jet.JetMove(older, olderTable, JET_MoveFirst);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byK');
    const seek = (ses: bigint, cursor: bigint, key: number) => {
      jet.JetMakeKey(ses, cursor, long(key), JET_bitNewKey);
      jet.JetSeek(ses, cursor, JET_bitSeekEQ);
    };
    seek(sesid, tableid, 5);
    jet.JetDelete(sesid, tableid);
    put(5, 51);
    seek(sesid, tableid, 5);
    expect(jet.JetGetRecordPosition(sesid, tableid)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 3 });
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expect(jet.JetGetRecordPosition(sesid, tableid)).toEqual({ centriesLT: 2, centriesInRange: 1, centriesTotal: 3 });
    seek(older, olderTable, 5);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(older, olderTable, v).value)).toBe(50);
    jet.JetCommitTransaction(older, 0);
    jet.JetEndSession(older, 0);
  });

  it('a cursor left on the entry of the deleted record stands on the node the insert took over: a read goes to the deleted record, a JetMove of 0 rows finds the new one and takes the table\'s cursor there, a move passes the key, JetIndexRecordCount and JetGetRecordPosition count from the node (bt.cxx ErrBTInsert; rec.cxx ErrIsamMove; extended generator seed 17427)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'keyed',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [{ szIndexName: 'byK', szKey: ['+k'], grbit: JET_bitIndexUnique }],
    });
    const tableid = created.tableid;
    const [k, v] = created.columnids as [number, number];
    const other = jet.JetDupCursor(sesid, tableid);
    const put = (key: number, value: number) => {
      jet.JetPrepareUpdate(sesid, other, JET_prepInsert);
      jet.JetSetColumn(sesid, other, k, long(key));
      jet.JetSetColumn(sesid, other, v, long(value));
      jet.JetUpdate2(sesid, other);
    };
    const value = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, v).value);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byK');
    put(1, 10);
    put(5, 50);
    put(9, 90);
    /** Puts the cursor on key 5, deletes its record and inserts `replacement` with key 5. */
    const deleteAndPutBack = (replacement: number) => {
      jet.JetMakeKey(sesid, tableid, long(5), JET_bitNewKey);
      jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
      jet.JetDelete(sesid, tableid);
      put(5, replacement);
    };

    deleteAndPutBack(51);
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, v), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    // The index's cursor reads its node: the key is there.
    const key = jet.JetRetrieveKey(sesid, tableid);
    expect(jet.JetMove(sesid, tableid, 0)).toBe(0);
    expect(value()).toBe(51);
    expect(jet.JetRetrieveKey(sesid, tableid)).toEqual(key);

    // In a transaction as well; a move next passes the new record, which has the cursor's key.
    jet.JetBeginTransaction(sesid);
    deleteAndPutBack(52);
    expect(jet.JetMove(sesid, tableid, JET_MoveNext)).toBe(0);
    expect(value()).toBe(90);
    jet.JetMove(sesid, tableid, JET_MovePrevious);
    expect(value()).toBe(52);
    jet.JetCommitTransaction(sesid, 0);

    // A move previous too.
    deleteAndPutBack(53);
    expect(jet.JetMove(sesid, tableid, JET_MovePrevious)).toBe(0);
    expect(value()).toBe(10);
    // JetIndexRecordCount counts from the node, the new record's, and then sends the index's
    // cursor back to its bookmark (the key): the table's cursor stays on the deleted record.
    deleteAndPutBack(54);
    expect(jet.JetIndexRecordCount(sesid, tableid, 0)).toBe(2);
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, v), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    expect(jet.JetGetRecordPosition(sesid, tableid)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 3 });
    expect(jet.JetMove(sesid, tableid, 0)).toBe(0);
    expect(value()).toBe(54);
    // JetGetRecordPosition reads the index's node and JetGetBookmark the table's cursor.
    const deleted = jet.JetGetBookmark(sesid, tableid);
    deleteAndPutBack(55);
    expect(jet.JetGetRecordPosition(sesid, tableid)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 3 });
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, v), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    expect(jet.JetGetBookmark(sesid, tableid)).toEqual(deleted);
    jet.JetCloseTable(sesid, other);
    jet.JetCloseTable(sesid, tableid);
  });

  it('JetGetLock locks the bookmark without reading the page: a cursor that JetIndexRecordCount sent back to its record with no position has none after it either, and JetGetRecordPosition counts afresh, a record inserted since included; a read works the position out (dir.cxx ErrDIRIndexRecordCount, ErrDIRGetLock, bt.cxx ErrBTLock; extended generator seed 17818)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const other = jet.JetDupCursor(sesid, t.tableid);
    const insertBeforeAll = (b: number) => insert({ ...t, tableid: other }, 0, b);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(1);
    expect(jet.JetGetLock(sesid, t.tableid, JET_bitReadLock)).toBe(0);
    insertBeforeAll(1);
    expect(position(t)).toEqual({ centriesLT: 4, centriesInRange: 1, centriesTotal: 5 });
    // A read goes down to the record and keeps the position it found there.
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(1);
    expect(current(t)).toEqual([3, 1]);
    insertBeforeAll(2);
    expect(position(t)).toEqual({ centriesLT: 4, centriesInRange: 1, centriesTotal: 5 });
    jet.JetRollback(sesid, 0);
    jet.JetCloseTable(sesid, other);
  });

  it('JetCreateIndex4 of one secondary index, under a circular log, lets go of the calling cursor\'s page once the index is in the catalog: the position is kept, and the next read goes down the tree to the record again and counts it afresh; a logged build (no circular log), an empty index and a create refused before the catalog leave the page held (fcreate.cxx ErrFILEICreateIndex: ErrBTIGotoRoot, BTUp; bt.cxx ErrBTIIRefresh; extended generator seed 19697)', () => {
    type Attempt = { circular: number; index: { szIndexName: string; szKey: string[]; grbit?: number }; refused?: number };
    const positionAfter = ({ circular, index, refused }: Attempt) => {
      const saved = fixture;
      const dir = tempDir();
      const instance = initRawInstance(dir, 'circular', [[JET_paramCircularLog, circular]]);
      try {
        const sesid = jet.JetBeginSession(instance);
        fixture = { dir, instance, sesid, dbid: jet.JetCreateDatabase2(sesid, join(dir, 'circular.edb')) };
        const t = withRecords();
        jet.JetCreateIndex4(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'] }]);
        const other = jet.JetDupCursor(sesid, t.tableid);
        jet.JetMove(sesid, t.tableid, JET_MoveLast);
        expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
        insertThrough(t, other, 0, 1);
        if (refused === undefined) jet.JetCreateIndex4(sesid, t.tableid, [index]);
        else expect(() => jet.JetCreateIndex4(sesid, t.tableid, [index])).toThrow(expect.objectContaining({ errno: refused }));
        expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
        expect(current(t)).toEqual([3, 1]);
        jet.JetCloseTable(sesid, other);
        return position(t);
      } finally {
        fixture = saved;
        jet.JetTerm2(instance, JET_bitTermAbrupt);
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const kept = { centriesLT: 3, centriesInRange: 1, centriesTotal: 4 };
    const afresh = { centriesLT: 4, centriesInRange: 1, centriesTotal: 5 };
    const byB = { szIndexName: 'byB', szKey: ['+b'] };
    expect(positionAfter({ circular: 1, index: byB })).toEqual(afresh);
    expect(positionAfter({ circular: 0, index: byB })).toEqual(kept);
    // JET_bitIndexEmpty links the index without a build.
    expect(positionAfter({ circular: 1, index: { ...byB, grbit: JET_bitIndexEmpty | JET_bitIndexIgnoreAnyNull } })).toEqual(kept);
    // The name in use is found by the catalog's insert, before the look at the root.
    expect(positionAfter({ circular: 1, index: { ...byB, szIndexName: 'byName' }, refused: -1403 })).toEqual(kept);
    // Duplicates are found by the build, after it.
    expect(positionAfter({ circular: 1, index: { ...byB, grbit: JET_bitIndexUnique }, refused: -1605 })).toEqual(afresh);
  });

  /**
   * Deletes the first of t's four records, (1, 1), through another cursor and moves t's cursor
   * to the first record: it lands on the deleted node and passes it, so it stands at 1 of 4.
   * Returns the other cursor.
   */
  function firstDeletedThroughAnother(t: T): bigint {
    const { sesid } = fixture;
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetDelete(sesid, other);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 4 });
    return other;
  }

  it('the node a rolled-back insert left as its page\'s last has no version: the commit of the outer transaction and the version store\'s cleanups after it leave it there, counted (ver.cxx ErrVERIUndoInsertPhysical, ErrVERICleanOneRCE; extended generator seed 21456)', () => {
    const { sesid, dir } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    insert(t, 1, 1);
    jet.JetRollback(sesid, 0);
    insert(t, 2, 1);
    jet.JetCommitTransaction(sesid, 0);
    const firstRecord = () => {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      return jet.JetGetRecordPosition(sesid, t.tableid);
    };
    // (1, 1)'s node comes first, flagged deleted.
    expect(firstRecord()).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 2 });
    jet.JetCreateDatabase2(sesid, join(dir, 'second.edb'));
    expect(firstRecord()).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 2 });
    expect(jet.JetIdle(sesid, 0)).toBe(1058);
    expect(firstRecord()).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 2 });
  });

  it('a committed delete\'s node, not cleaned up yet, is counted', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const other = firstDeletedThroughAnother(t);
    expect(current(t)).toEqual([1, 2]);
    jet.JetCloseTable(sesid, other);
  });

  it('the position is kept while records come and go; a move next or previous adds or takes one per node it passes, the count as it was', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
    insertThrough(t, other, 0, 1);
    insertThrough(t, other, 2, 5);
    expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(current(t)).toEqual([2, 5]);
    expect(position(t)).toEqual({ centriesLT: 2, centriesInRange: 1, centriesTotal: 4 });
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 4 });
    // A seek goes down again: (2, 1) is the fourth of six.
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(1));
    jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 6 });
    jet.JetCloseTable(sesid, other);
  });

  it('the count kept is unsigned: nodes added before the cursor take a move previous below zero, where it wraps (bt.cxx ErrBTPrev; stats.cxx ErrIsamGetRecordPosition; extended generator seed 2905)', () => {
    const { sesid } = fixture;
    const t = table();
    insert(t, 5, 1);
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 1 });
    insertThrough(t, other, 1, 1);
    insertThrough(t, other, 2, 1);
    jet.JetMove(sesid, t.tableid, -2);
    expect(current(t)).toEqual([1, 1]);
    expect(position(t)).toEqual({ centriesLT: 0xfffffffe, centriesInRange: 1, centriesTotal: 1 });
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(position(t)).toEqual({ centriesLT: 0xffffffff, centriesInRange: 1, centriesTotal: 1 });
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 1 });
    jet.JetCloseTable(sesid, other);
  });

  it('JetSetCurrentIndex4 with JET_bitNoMove to a secondary index, and JetGotoBookmark on one, go to the entry by a deferred go-to-bookmark, which keeps no position: it is counted afresh at the call (dir.cxx ErrDIRDownKeyData, ErrDIRGotoBookmark; bt.cxx ErrBTDeferGotoBookmark; extended generator seed 2957)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b', '+a'] }]);
    insert(t, 1, 5);
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB', JET_bitNoMove);
    insertThrough(t, other, 2, 1);
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 2 });
    const bookmark = jet.JetGetBookmark(sesid, t.tableid);
    // A count at the call keeps nothing either.
    insertThrough(t, other, 3, 2);
    expect(position(t)).toEqual({ centriesLT: 2, centriesInRange: 1, centriesTotal: 3 });
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 3 });
    jet.JetGotoBookmark(sesid, t.tableid, bookmark);
    insertThrough(t, other, 4, 3);
    expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 4 });
    // On the primary index the go-to-bookmark goes down the tree and keeps what it found.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null, JET_bitNoMove);
    insertThrough(t, other, 0, 9);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 4 });
    jet.JetCloseTable(sesid, other);
  });

  it('once the instance creates a database, its other databases\' nodes flagged deleted that no transaction needs are gone (ver.cxx VERSignalCleanup, ErrVERIRCEClean)', () => {
    const { sesid, dir } = fixture;
    const t = withRecords();
    const other = firstDeletedThroughAnother(t);
    jet.JetCreateDatabase2(sesid, join(dir, 'cleanup.edb'));
    // The position kept still counts (1, 1)'s node; counted afresh, it is gone.
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 4 });
    jet.JetGotoBookmark(sesid, t.tableid, jet.JetGetBookmark(sesid, t.tableid));
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 3 });
    jet.JetCloseTable(sesid, other);
  });

  it('a detach of another of the instance\'s databases cleans this one\'s versions too, once the database to detach passes its in-use check; a detach refused for a database in use cleans nothing (db.cxx ErrIsamDetachDatabase, ver.cxx ErrVERIRCEClean)', () => {
    const { sesid, dir } = fixture;
    const secondPath = join(dir, 'second.edb');
    // Made before the delete: a creation cleans up as well.
    jet.JetCloseDatabase(sesid, jet.JetCreateDatabase2(sesid, secondPath));
    const t = withRecords();
    const other = firstDeletedThroughAnother(t);
    // Open, this database is refused before the cleanup: (1, 1)'s node is still counted.
    expectJetError(() => jet.JetDetachDatabase2(sesid, join(dir, 'fidelity.edb')), EsentDatabaseInUseError, -1202, 'JetDetachDatabase2');
    expect(counted(t)).toBe(4);
    // Another, not open, goes, and (1, 1)'s node with it.
    expect(jet.JetDetachDatabase2(sesid, secondPath)).toBe(0);
    expect(counted(t)).toBe(3);
    // Every database: this one, open and first of the instance's, ends the call before the
    // cleanup, and the other stays attached.
    jet.JetAttachDatabase2(sesid, secondPath);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetDelete(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([2, 1]);
    expectJetError(() => jet.JetDetachDatabase2(sesid, null), EsentDatabaseInUseError, -1202, 'JetDetachDatabase2');
    expect(counted(t)).toBe(3);
    jet.JetCloseDatabase(sesid, jet.JetOpenDatabase(sesid, secondPath));
    // Named, the other goes, and (1, 2)'s node with it.
    expect(jet.JetDetachDatabase2(sesid, secondPath)).toBe(0);
    expect(counted(t)).toBe(2);
    jet.JetCloseTable(sesid, other);
  });

  it('a JetCreateDatabase2 refused for a file that exists cleans the instance\'s versions too, as it purges what it began; one refused for a database attached already cleans nothing (db.cxx ErrDBCreateDatabase, ver.cxx ErrVERRCEClean; extended generator seed 5468)', () => {
    const { sesid, dir } = fixture;
    const secondPath = join(dir, 'second.edb');
    jet.JetCloseDatabase(sesid, jet.JetCreateDatabase2(sesid, secondPath));
    const t = withRecords();
    const other = firstDeletedThroughAnother(t);
    // Attached: refused before the database's entry is taken, and (1, 1)'s node stays.
    expectJetError(() => jet.JetCreateDatabase2(sesid, secondPath), EsentDatabaseDuplicateError, -1201, 'JetCreateDatabase2');
    expect(counted(t)).toBe(4);
    // Detached, the file is still there: refused once the entry is taken, and the node goes.
    jet.JetDetachDatabase2(sesid, secondPath);
    expect(counted(t)).toBe(3);
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetDelete(sesid, other);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expect(counted(t)).toBe(3);
    expectJetError(() => jet.JetCreateDatabase2(sesid, secondPath), EsentDatabaseDuplicateError, -1201, 'JetCreateDatabase2');
    expect(counted(t)).toBe(2);
    jet.JetCloseTable(sesid, other);
  });

  it('a record count forgets the position: it is counted afresh until a read works it out again; a go-to-bookmark goes down the tree and works it out (dir.cxx ErrDIRIndexRecordCount, ErrDIRGotoJetBookmark; bt.cxx ErrBTGotoBookmark)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    insertThrough(t, other, 0, 1);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 4 });
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(4);
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 5 });
    // Counted afresh each time while nothing works it out.
    insertThrough(t, other, 0, 2);
    expect(position(t)).toEqual({ centriesLT: 2, centriesInRange: 1, centriesTotal: 6 });
    // A read works the position out, and it is kept.
    expect(current(t)).toEqual([1, 1]);
    insertThrough(t, other, 0, 3);
    expect(position(t)).toEqual({ centriesLT: 2, centriesInRange: 1, centriesTotal: 6 });
    // A go-to-bookmark works it out by itself, with no read after it: 3 of 7, kept.
    jet.JetGotoBookmark(sesid, t.tableid, jet.JetGetBookmark(sesid, t.tableid));
    insertThrough(t, other, 0, 4);
    expect(position(t)).toEqual({ centriesLT: 3, centriesInRange: 1, centriesTotal: 7 });
    expect(current(t)).toEqual([1, 1]);
    jet.JetCloseTable(sesid, other);
  });

  /**
   * Puts t's cursor on the first of four records, its position worked out, deletes that record
   * through another cursor and counts from it: JET_errRecordDeleted. Returns the other cursor.
   */
  function countOnDeleted(t: T): bigint {
    const { sesid } = fixture;
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 4 });
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetDelete(sesid, other);
    expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetIndexRecordCount');
    return other;
  }

  it('a record count that finds the cursor\'s record deleted forgets the position all the same: ESE goes back to the bookmark on its way out (dir.cxx ErrDIRIndexRecordCount, bt.cxx ErrBTGet)', () => {
    const t = withRecords();
    const other = countOnDeleted(t);
    insertThrough(t, other, 0, 1);
    // Counted afresh: (0, 1) comes before the deleted record's node, still there.
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 5 });
    jet.JetCloseTable(fixture.sesid, other);
  });

  it('a read that finds the cursor\'s record deleted lets go of the page and works no position out: only a read that finds its record keeps one (bt.cxx ErrBTGet, BTUp, ErrBTRelease)', () => {
    const t = withRecords();
    const other = countOnDeleted(t);
    expectJetError(() => jet.JetRetrieveColumn(fixture.sesid, t.tableid, t.a), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    insertThrough(t, other, 0, 1);
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 5 });
    jet.JetCloseTable(fixture.sesid, other);
  });

  it('a read through a secondary index that finds the record deleted reads it with the table\'s cursor: the index\'s cursor keeps the position it worked out (fldext.cxx ErrRECIGetRecord calls ErrDIRGet on the table\'s cursor; bt.cxx ErrBTGetPosition on the index\'s)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetSetCurrentIndex4(sesid, other, 'pk');
    // byB: b = 1 for (1, 1), (2, 1), (3, 1), then b = 2 for (1, 2).
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 4 });
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetDelete(sesid, other);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    // (0, 1) goes before the deleted record's entry; counted afresh it would be LT 1 of 5.
    insertThrough(t, other, 0, 1);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 4 });
    jet.JetCloseTable(sesid, other);
  });

  it('an insert that reserves a new batch of autoincrement values reads the table\'s root page through the cursor, which lets go of its page: the position stays, and the next read goes down the tree and counts it afresh (fldmod.cxx ErrRECILoadAutoIncBatch, ErrDIRGetRootField, DIRReleaseLatch; bt.cxx ErrBTIIRefresh)', () => {
    // The batches are kept in the root page from JET_efvExtHdrRootFieldAutoInc on: the engine's
    // default format, set here as ESENT.dll in its downgrade window would not (emulator.md).
    const dir = tempDir();
    const instance = initRawInstance(dir, 'batches', [[JET_paramEngineFormatVersion, JET_efvUseEngineDefault]]);
    try {
      const sesid = jet.JetBeginSession(instance);
      const dbid = jet.JetCreateDatabase2(sesid, join(dir, 'batches.edb'));
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: 'counted',
        rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong, grbit: JET_bitColumnAutoincrement }],
      });
      const { tableid } = created;
      const n = (created.columnids as number[])[0]!;
      const insertHere = () => {
        jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        jet.JetUpdate2(sesid, tableid);
      };
      const total = () => jet.JetGetRecordPosition(sesid, tableid).centriesTotal;
      // The first batch holds 1 and 2.
      insertHere();
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      expect(total()).toBe(1);
      // 2 comes from the batch: the cursor keeps its page, and a read keeps the position.
      insertHere();
      jet.JetRetrieveColumn(sesid, tableid, n);
      expect(total()).toBe(1);
      // 3 needs the next batch (3 to 6), 7 the one after.
      insertHere();
      expect(total()).toBe(1);
      jet.JetRetrieveColumn(sesid, tableid, n);
      expect(total()).toBe(3);
      const totals: number[] = [];
      for (let i = 4; i <= 8; i++) {
        insertHere();
        jet.JetRetrieveColumn(sesid, tableid, n);
        totals.push(total());
      }
      expect(totals).toEqual([3, 3, 3, 7, 7]);
    } finally {
      jet.JetTerm2(instance, JET_bitTermAbrupt);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a rolled-back insert\'s node goes at once, but never the page\'s last: in an empty table it stays, flagged deleted (ver.cxx ErrVERIUndoInsertPhysical, bt.cxx ErrBTISPCDeleteNodes)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid);
    insert(t, 1, 1);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(seekBeforeAll(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 1 });
    // With another node in the page, the rolled-back insert's node and the one kept go.
    insert(t, 2, 1);
    jet.JetBeginTransaction(sesid);
    insert(t, 3, 1);
    jet.JetRollback(sesid, 0);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([2, 1]);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 1 });
  });

  it('the node a cleanup kept as the page\'s last has no version left: the version store\'s cleanup passes it over, until another version\'s cleanup cleans the page (ver.cxx ErrVERIRCEClean, ErrVERIDelete; bt.cxx ErrBTISPCDeleteNodes; extended generator seed 3201)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid);
    insert(t, 1, 1);
    jet.JetRollback(sesid, 0);
    insert(t, 2, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    cleanUpByDetach();
    expect(counted(t)).toBe(2);
    // A committed delete's version, cleaned up, cleans the page: both nodes go.
    insert(t, 3, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetDelete(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    cleanUpByDetach();
    expect(counted(t)).toBe(1);
  });

  it('an insert a secondary index refuses cleans up the pages it went into, as its rollback: nodes flagged deleted no transaction needs go there (recupd.cxx ErrRECIInsert, bt.cxx ErrBTISinglePageCleanup)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'], grbit: JET_bitIndexDisallowNull }]);
    const insertNamed = (a: number, name: string | null) => {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, t.tableid, t.a, long(a));
      jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
      jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
      jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
      if (name !== null) jet.JetSetColumn(sesid, t.tableid, t.name, text(name));
      jet.JetUpdate2(sesid, t.tableid);
    };
    for (const a of [1, 2, 3, 4]) insertNamed(a, 'n');
    const other = firstDeletedThroughAnother(t);
    expectJetError(() => insertNamed(5, null), EsentNullKeyDisallowedError, -1053, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    // The primary index's page lost (1, 1)'s node; byName, which took no entry, keeps its.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(current(t)).toEqual([2, 1]);
    expect(position(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 3 });
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byName');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(position(t)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 4 });
    jet.JetCloseTable(sesid, other);
  });

  it('a rolled-back replace\'s new secondary-index entry goes at once and cleans that index\'s page as a rolled-back insert does: nodes flagged deleted no transaction needs go there, not the primary index\'s (ver.cxx ErrVERIUndoInsertPhysical, bt.cxx ErrBTInsert; extended generator seed 3334)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'], grbit: 0 }]);
    const names = ['a', 'b', 'c', 'd'];
    for (const [i, name] of names.entries()) {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, t.tableid, t.a, long(i + 1));
      jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
      jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
      jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
      jet.JetSetColumn(sesid, t.tableid, t.name, text(name));
      jet.JetUpdate2(sesid, t.tableid);
    }
    const renameRolledBack = (a: number, name: string) => {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(1));
      jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
      jet.JetBeginTransaction(sesid);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, t.tableid, t.name, text(name));
      jet.JetUpdate2(sesid, t.tableid);
      jet.JetRollback(sesid, 0);
    };
    /** byName's first entry seen and the position of its node among byName's nodes. */
    const firstByName = () => {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byName');
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      return [current(t), position(t)];
    };

    // (1, 1) 'a' deleted: its node in byName stays flagged deleted, counted.
    const deleter = firstDeletedThroughAnother(t);
    expect(firstByName()).toEqual([[2, 1], { centriesLT: 1, centriesInRange: 1, centriesTotal: 4 }]);
    // (2, 1) 'b' deleted while another session's transaction is open, which needs its node.
    const older = jet.JetBeginSession(fixture.instance);
    jet.JetBeginTransaction(older);
    const second = jet.JetDupCursor(sesid, deleter);
    jet.JetMove(sesid, second, JET_MoveFirst);
    jet.JetDelete(sesid, second);
    expect(firstByName()).toEqual([[3, 1], { centriesLT: 2, centriesInRange: 1, centriesTotal: 4 }]);
    // A rolled-back rename of (3, 1) to 'z': 'z' and 'a' go, 'b' stays.
    renameRolledBack(3, 'z');
    expect(firstByName()).toEqual([[3, 1], { centriesLT: 1, centriesInRange: 1, centriesTotal: 3 }]);
    // Once that transaction ends, the next rolled-back rename cleans 'b' up too.
    jet.JetCommitTransaction(older);
    renameRolledBack(4, 'z');
    expect(firstByName()).toEqual([[3, 1], { centriesLT: 0, centriesInRange: 1, centriesTotal: 2 }]);
    // The primary index's page is not cleaned: its four nodes are counted.
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(counted(t)).toBe(4);
    jet.JetCloseTable(sesid, second);
    jet.JetCloseTable(sesid, deleter);
    jet.JetEndSession(older, 0);
  });

  it('a nested level\'s rolled-back replaces keep the secondary-index entries a write of the record at an outer level still needs, even one they wrote over (ver.cxx ErrVERIUndoInsertPhysical cleans only nodes no version needs, FVERActive; extended generator seed 3766)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'], grbit: 0 }]);
    const seekPk = (a: number) => {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(1));
      jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    };
    const rename = (a: number, name: string) => {
      seekPk(a);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, t.tableid, t.name, text(name));
      jet.JetUpdate2(sesid, t.tableid);
    };
    /** The records byName finds under `name`, by their key a. */
    const byName = (name: string) => {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byName');
      jet.JetMakeKey(sesid, t.tableid, text(name), JET_bitNewKey);
      try {
        jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
      } catch (e) {
        expect(e).toBeInstanceOf(EsentRecordNotFoundError);
        return [];
      }
      return [current(t)[0]];
    };
    // (1, 1) committed as 'a'; (2, 1) inserted in the transaction as 'x'.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    for (const [column, value] of [[t.a, long(1)], [t.b, long(1)], [t.req, long(0)], [t.reqv, text('r')], [t.name, text('a')]] as const) {
      jet.JetSetColumn(sesid, t.tableid, column, value);
    }
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetBeginTransaction(sesid);
    rename(1, 'b');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    for (const [column, value] of [[t.a, long(2)], [t.b, long(1)], [t.req, long(0)], [t.reqv, text('r')], [t.name, text('x')]] as const) {
      jet.JetSetColumn(sesid, t.tableid, column, value);
    }
    jet.JetUpdate2(sesid, t.tableid);
    // A nested level renames each away and back, then is rolled back.
    jet.JetBeginTransaction(sesid);
    rename(1, 'c');
    rename(1, 'b');
    rename(2, 'y');
    rename(2, 'x');
    jet.JetRollback(sesid, 0);
    expect([byName('a'), byName('b'), byName('c'), byName('x'), byName('y')]).toEqual([[], [1], [], [2], []]);
    // The outer level's rollback brings 'a' back.
    jet.JetRollback(sesid, 0);
    expect([byName('a'), byName('b'), byName('x')]).toEqual([[1], [], []]);
  });

  it('JetGotoPosition lands on the line of that fraction among the nodes, and from one flagged deleted goes on to the next entry it sees, or back to the previous one (bt.cxx ErrBTDown posFrac, IlineBTIFrac)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const other = jet.JetDupCursor(sesid, t.tableid);
    // (1, 2) and (3, 1) deleted: four nodes, two of them seen.
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetMove(sesid, other, JET_MoveNext);
    jet.JetDelete(sesid, other);
    jet.JetMove(sesid, other, JET_MoveLast);
    jet.JetDelete(sesid, other);
    const goTo = (centriesLT: number, centriesTotal: number) => {
      expect(jet.JetGotoPosition(sesid, t.tableid, { centriesLT, centriesTotal })).toBe(0);
      return [current(t), position(t)];
    };
    const at = (a: number, b: number, lt: number) => [[a, b], { centriesLT: lt, centriesInRange: 1, centriesTotal: 4 }];
    // A quarter of the way: line 1, (1, 2)'s node, and on to (2, 1).
    expect(goTo(1, 4)).toEqual(at(2, 1, 2));
    expect(goTo(0, 4)).toEqual(at(1, 1, 0));
    expect(goTo(1, 2)).toEqual(at(2, 1, 2));
    // The last line, (3, 1)'s node: nothing seen after it, so back to (2, 1).
    expect(goTo(4, 4)).toEqual(at(2, 1, 2));
    jet.JetCloseTable(sesid, other);
  });

  it('the version store\'s cleanup keeps an index\'s last node: a table whose records were all deleted still counts one (bt.cxx ErrBTISPCDeleteNodes)', () => {
    const { sesid, dir } = fixture;
    const t = withRecords();
    for (let i = 0; i < 4; i++) {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetDelete(sesid, t.tableid);
    }
    jet.JetCreateDatabase2(sesid, join(dir, 'cleanup.edb'));
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
    expect(seekBeforeAll(t)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 1 });
  });
});

describe('JetGetTableIndexInfo numeric levels (ESE info.cxx ErrINFOGetTableIndexInfo, cat.cxx ErrCATISeekTableObject)', () => {
  it('JET_IdxInfoCount counts the table\'s own order and each secondary index, with or without a primary index', () => {
    const { sesid, dbid } = fixture;
    const bare = jet.JetCreateTable(sesid, dbid, 'bare');
    jet.JetAddColumn(sesid, bare, 'v', { coltyp: JET_coltypLong });
    expect(jet.JetGetTableIndexInfo(sesid, bare, null, JET_IdxInfoCount)).toBe(1);
    jet.JetCreateIndex2(sesid, bare, [{ szIndexName: 'byV', szKey: ['+v'] }]);
    expect(jet.JetGetTableIndexInfo(sesid, bare, null, JET_IdxInfoCount)).toBe(2);
    const t = table();
    expect(jet.JetGetTableIndexInfo(sesid, t.tableid, null, JET_IdxInfoCount)).toBe(1);
  });

  it('a primary index whose columns fix its key\'s size takes that size as its key size and cbVarSegMac (ESE fileopen.cxx FILEIMinimizePrimaryCbKeyMost)', () => {
    const { sesid, dbid } = fixture;
    type Def = { coltyp: number; cbMax?: number; grbit?: number };
    const sizes = (name: string, columns: Def[], grbit: number, cbVarSegMac?: number) => {
      const tableid = jet.JetCreateTable(sesid, dbid, name);
      const key = columns.map((def, i) => {
        jet.JetAddColumn(sesid, tableid, `c${i}`, def);
        return `+c${i}`;
      });
      jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'k', szKey: key, grbit, cbVarSegMac }]);
      const read = () => [JET_IdxInfoKeyMost, JET_IdxInfoVarSegMac].map((level) => jet.JetGetTableIndexInfo(sesid, tableid, 'k', level));
      const first = read();
      // The catalog keeps them: the table opened again reads the same.
      jet.JetCloseTable(sesid, tableid);
      const reopened = jet.JetOpenTable(sesid, dbid, name);
      expect([JET_IdxInfoKeyMost, JET_IdxInfoVarSegMac].map((level) => jet.JetGetTableIndexInfo(sesid, reopened, 'k', level))).toEqual(first);
      jet.JetCloseTable(sesid, reopened);
      return first;
    };
    // Each fixed-size segment: its size and a header byte.
    expect(sizes('ushort', [{ coltyp: 17 }], JET_bitIndexPrimary)).toEqual([3, 3]);
    expect(sizes('long-guid', [{ coltyp: JET_coltypLong }, { coltyp: JET_coltypGUID }], JET_bitIndexPrimary)).toEqual([22, 22]);
    // Fixed binary: cbMax and a header byte, or cbVarSegMac when smaller; text only when cut at cbVarSegMac.
    expect(sizes('fixbin', [{ coltyp: JET_coltypBinary, cbMax: 8, grbit: JET_bitColumnFixed }], JET_bitIndexPrimary)).toEqual([9, 9]);
    expect(sizes('fixbin-mac', [{ coltyp: JET_coltypBinary, cbMax: 8, grbit: JET_bitColumnFixed }, { coltyp: JET_coltypLong }], JET_bitIndexPrimary, 4)).toEqual([9, 4]);
    expect(sizes('text-mac', [{ coltyp: JET_coltypText }, { coltyp: JET_coltypLong }], JET_bitIndexPrimary, 10)).toEqual([15, 10]);
    // A segment of unbounded size, or an index that is not primary, keeps JET_cbKeyMost_OLD.
    expect(sizes('text', [{ coltyp: JET_coltypText }, { coltyp: JET_coltypLong }], JET_bitIndexPrimary)).toEqual([255, 255]);
    expect(sizes('varbin', [{ coltyp: JET_coltypBinary, cbMax: 8 }], JET_bitIndexPrimary)).toEqual([255, 255]);
    expect(sizes('unique', [{ coltyp: 17 }], JET_bitIndexUnique)).toEqual([255, 255]);
  });

  it('an index made with its table keeps the sizes asked for in the catalog, and builds keys with the smaller ones (ESE fcreate.cxx ErrFILEICreateIndex, fileopen.cxx ErrFILEIGenerateIDB)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'withTable',
      rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+n'], grbit: JET_bitIndexPrimary }],
    });
    const alone = jet.JetCreateTable(sesid, dbid, 'alone');
    jet.JetAddColumn(sesid, alone, 'n', { coltyp: JET_coltypLong });
    jet.JetCreateIndex2(sesid, alone, [{ szIndexName: 'pk', szKey: ['+n'], grbit: JET_bitIndexPrimary }]);
    const sizes = (tableid: bigint) => [JET_IdxInfoKeyMost, JET_IdxInfoVarSegMac].map((level) => jet.JetGetTableIndexInfo(sesid, tableid, 'pk', level));
    expect(sizes(created.tableid)).toEqual([255, 255]);
    expect(sizes(alone)).toEqual([5, 5]);
    // Either way a normalised key is cut at the key size in use and one byte more: 5 + 1.
    const key = Buffer.from([0x7f, 0x80, 0, 0, 5, 0, 0, 0, 0, 0]);
    for (const tableid of [created.tableid, alone]) {
      jet.JetMakeKey(sesid, tableid, key, JET_bitNormalizedKey);
      expect(jet.JetRetrieveKey(sesid, tableid, JET_bitRetrieveCopy)).toEqual(key.subarray(0, 6));
    }
  });

  it('the other numeric levels need an index name: without one, IndexNotFound', () => {
    const { sesid } = fixture;
    const t = table();
    expect(jet.JetGetTableIndexInfo(sesid, t.tableid, 'pk', JET_IdxInfoLCID)).toBe(0x409);
    for (const level of [JET_IdxInfoLCID, JET_IdxInfoVarSegMac, JET_IdxInfoKeyMost, JET_IdxInfoSpaceAlloc]) {
      expectJetError(() => jet.JetGetTableIndexInfo(sesid, t.tableid, null, level), EsentIndexNotFoundError, -1404, 'JetGetTableIndexInfo');
    }
  });
});

describe('an index\'s density is its table\'s (jetapi.cxx CAutoIDXCREATE2::ErrSet; fcreate.cxx ErrFILECreateTableProcessSpaceHints, ErrIsamCreateIndex)', () => {
  const density = (tableid: bigint, index: string) => jet.JetGetTableIndexInfo(fixture.sesid, tableid, index, JET_IdxInfoSpaceAlloc);
  const tableDensity = (tableid: bigint) => (jet.JetGetTableInfo(fixture.sesid, tableid, JET_TblInfoSpaceAlloc) as number[])[1];

  it('JetCreateTableColumnIndex3: a primary index\'s ulDensity is the table\'s, and every index takes it; a secondary index\'s is not read, nor checked', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'dense',
      ulDensity: 70,
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
        { szColumnName: 'w', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary, ulDensity: 90 },
        { szIndexName: 'byV', szKey: ['+v'], ulDensity: 80 },
        { szIndexName: 'byW', szKey: ['+w'], ulDensity: 10 },
      ],
    });
    expect(tableDensity(created.tableid)).toBe(90);
    expect(['pk', 'byV', 'byW'].map((name) => density(created.tableid, name))).toEqual([90, 90, 90]);
    // Without a primary index's, the table's own.
    const plain = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'plain',
      ulDensity: 70,
      rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    expect([tableDensity(plain.tableid), density(plain.tableid, 'pk')]).toEqual([70, 70]);
    // The primary index's density is the table's, so it is checked as the table's is.
    expectJetError(
      () =>
        jet.JetCreateTableColumnIndex3(sesid, dbid, {
          szTableName: 'sparse',
          rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
          rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary, ulDensity: 10 }],
        }),
      EsentDensityInvalidError,
      -1307,
      'JetCreateTableColumnIndex3',
    );
  });

  it('JetCreateIndex2 and JetCreateIndex4: ulDensity is not read, nor checked, a primary index\'s included', () => {
    const { sesid, dbid } = fixture;
    const tableid = jet.JetCreateTable(sesid, dbid, 'later', 0, 70);
    for (const name of ['k', 'v', 'w']) jet.JetAddColumn(sesid, tableid, name, { coltyp: JET_coltypLong });
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary, ulDensity: 90 }]);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'low', szKey: ['+v'], ulDensity: 10 }]);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'high', szKey: ['+w'], ulDensity: 200 }]);
    jet.JetCreateIndex4(sesid, tableid, [{ szIndexName: 'four', szKey: ['+v', '+w'], ulDensity: 10 }]);
    expect(['pk', 'low', 'high', 'four'].map((name) => density(tableid, name))).toEqual([70, 70, 70, 70]);
    expect(tableDensity(tableid)).toBe(70);
  });
});

describe('pages of 4 KiB unless asked for others (daedef.hxx g_cbPageDefault, CbKeyMostForPage; info.cxx ErrIsamGetDatabaseInfo)', () => {
  it('JET_paramDatabasePageSize and JET_DbInfoPageSize give 4096; an index key may then have 1000 bytes, not more', () => {
    const { instance, sesid, dbid } = fixture;
    expect(jet.JetGetSystemParameter(instance, sesid, JET_paramDatabasePageSize).lParam).toBe(4096n);
    expect(jet.JetGetDatabaseInfo(sesid, dbid, JET_DbInfoPageSize)).toBe(4096);
    const tableid = jet.JetCreateTable(sesid, dbid, 'keys');
    jet.JetAddColumn(sesid, tableid, 'b', { coltyp: JET_coltypLongBinary });
    expect(jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'most', szKey: ['+b'], grbit: JET_bitIndexKeyMost, cbKeyMost: 1000 }])).toBe(0);
    expectJetError(
      () => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'over', szKey: ['-b'], grbit: JET_bitIndexKeyMost, cbKeyMost: 1001 }]),
      EsentIndexInvalidDefError,
      -1406,
      'JetCreateIndex2',
    );
    expect(jet.JetGetTableIndexInfo(sesid, tableid, 'most', JET_IdxInfoKeyMost)).toBe(1000);
  });

  it('a database attached read-only: JetDeleteTable begins and opens the table for deletion before the catalog refuses it (JET_errPermissionDenied), which leaves the table marked: every open is JET_errTableLocked until the database is attached again; JetRenameTable finds the table first too; JetGetObjectInfo does not call its tables updatable (fcreate.cxx ErrFILEDeleteTable, fileopen.cxx ErrFILEISetMode, cat.cxx ErrCATRenameTable, info.cxx ErrIsamGetObjectInfo; extended generator seed 13404)', () => {
    const { sesid, dbid, dir, instance } = fixture;
    const path = join(dir, 'fidelity.edb');
    for (const name of ['gone', 'kept', 'other', 'held']) {
      const made = jet.JetCreateTable(sesid, dbid, name);
      jet.JetAddColumn(sesid, made, 'a', { coltyp: JET_coltypLong });
      jet.JetCloseTable(sesid, made);
    }
    jet.JetCloseDatabase(sesid, dbid, 0);
    jet.JetDetachDatabase2(sesid, path);
    jet.JetAttachDatabase2(sesid, path, 0, JET_bitDbReadOnly);
    const readOnly = jet.JetOpenDatabase(sesid, path, null, JET_bitDbReadOnly);
    expect(jet.JetGetObjectInfo(sesid, readOnly, JET_objtypTable, null, 'kept', JET_ObjInfoNoStats).grbit).toBe(0x2 | 0x4);
    const listed = jet.JetGetObjectInfo(sesid, readOnly, JET_objtypTable, null, null, JET_ObjInfoListNoStats);
    expect(listed.find((o) => o.szObjectName === 'kept')?.grbit).toBe(0x2 | 0x4);
    // The name, the table and its cursors come first.
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'a.b'), EsentInvalidNameError, -1002, 'JetDeleteTable');
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'missing'), EsentObjectNotFoundError, -1305, 'JetDeleteTable');
    const held = jet.JetOpenTable(sesid, readOnly, 'held');
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'held'), EsentTableInUseError, -1304, 'JetDeleteTable');
    jet.JetCloseTable(sesid, held);
    expectJetError(() => jet.JetRenameTable(sesid, readOnly, 'missing', 'x'), EsentObjectNotFoundError, -1305, 'JetRenameTable');
    expectJetError(() => jet.JetRenameTable(sesid, readOnly, 'kept', 'other'), EsentPermissionDeniedError, -1809, 'JetRenameTable');
    expectJetError(() => jet.JetRenameTable(sesid, readOnly, 'kept', 'x'), EsentPermissionDeniedError, -1809, 'JetRenameTable');
    // In a transaction the caller does not own, the begin fails before the table is looked up.
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'missing'), EsentSessionSharingViolationError, -1910, 'JetDeleteTable');
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'gone'), EsentSessionSharingViolationError, -1910, 'JetDeleteTable');
    underContext(0x11n);
    jet.JetRollback(sesid);
    jet.JetResetSessionContext(sesid);
    // Refused at the catalog, the delete leaves the table marked for every session.
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'gone'), EsentPermissionDeniedError, -1809, 'JetDeleteTable');
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(0);
    expectJetError(() => jet.JetOpenTable(sesid, readOnly, 'gone'), EsentTableLockedError, -1302, 'JetOpenTable');
    expectJetError(() => jet.JetDeleteTable(sesid, readOnly, 'gone'), EsentTableLockedError, -1302, 'JetDeleteTable');
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, path, null, JET_bitDbReadOnly);
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'gone'), EsentTableLockedError, -1302, 'JetOpenTable');
    expect(jet.JetGetObjectInfo(other, otherDb, JET_objtypTable, null, 'gone', JET_ObjInfoNoStats).objtyp).toBe(JET_objtypTable);
    expect(jet.JetOpenTable(other, otherDb, 'kept')).toBeTypeOf('bigint');
    jet.JetEndSession(other);
    jet.JetCloseDatabase(sesid, readOnly, 0);
    jet.JetDetachDatabase2(sesid, path);
    jet.JetAttachDatabase2(sesid, path, 0, JET_bitDbReadOnly);
    const again = jet.JetOpenDatabase(sesid, path, null, JET_bitDbReadOnly);
    expect(jet.JetOpenTable(sesid, again, 'gone')).toBeTypeOf('bigint');
  });

  it('JET_DbInfoOptions is the session\'s exclusive open only, not a read-only attachment', () => {
    const { sesid, dbid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    jet.JetCloseDatabase(sesid, dbid, 0);
    jet.JetDetachDatabase2(sesid, path);
    jet.JetAttachDatabase2(sesid, path, 0, JET_bitDbReadOnly);
    const shared = jet.JetOpenDatabase(sesid, path, null, JET_bitDbReadOnly);
    expect(jet.JetGetDatabaseInfo(sesid, shared, JET_DbInfoOptions)).toBe(0);
    jet.JetCloseDatabase(sesid, shared, 0);
    const exclusive = jet.JetOpenDatabase(sesid, path, null, JET_bitDbReadOnly | JET_bitDbExclusive);
    expect(jet.JetGetDatabaseInfo(sesid, exclusive, JET_DbInfoOptions)).toBe(JET_bitDbExclusive);
  });
});

describe('names pass through code page 1252 (ESE _jet.hxx CAutoSZDDL::ErrSet, os/string.cxx ErrOSSTRUnicodeToAscii, util.cxx ErrUTILICheckName)', () => {
  it('a name code page 1252 holds is accepted and found again; one it lacks is JET_errInvalidName, before the name rules are checked', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTable(sesid, dbid, 'café €');
    jet.JetAddColumn(sesid, created, 'Größe', { coltyp: JET_coltypLong });
    jet.JetCreateIndex2(sesid, created, [{ szIndexName: 'índice', szKey: ['+Größe'] }]);
    jet.JetCloseTable(sesid, created);
    const tableid = jet.JetOpenTable(sesid, dbid, 'café €');
    expect(jet.JetSetCurrentIndex4(sesid, tableid, 'índice')).toBe(0);
    expect(jet.JetGetTableColumnInfo(sesid, tableid, 'Größe', JET_ColInfo).coltyp).toBe(JET_coltypLong);
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'Жук'), EsentInvalidNameError, -1002, 'JetCreateTable');
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'a.名'), EsentInvalidNameError, -1002, 'JetCreateTable');
    expectJetError(() => jet.JetAddColumn(sesid, tableid, '名前', { coltyp: JET_coltypLong }), EsentInvalidNameError, -1002, 'JetAddColumn');
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'a.é'), EsentInvalidNameError, -1002, 'JetCreateTable');
    // A character of 1252 counts as one of the 64 a name may have.
    expect(jet.JetCreateTable(sesid, dbid, 'é'.repeat(64))).toBeTypeOf('bigint');
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'é'.repeat(65)), EsentInvalidNameError, -1002, 'JetCreateTable');
  });

  it('a name only looked up is converted too: one 1252 lacks is JET_errInvalidName, one it holds and no object has is not found (jetapi.cxx JetSetCurrentIndexExW, JetGetTableColumnInfoExW, JetGetTableIndexInfoExW)', () => {
    const { sesid } = fixture;
    const t = table();
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'Жук'), EsentInvalidNameError, -1002, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'ñ'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, t.tableid, '名', JET_ColInfo), EsentInvalidNameError, -1002, 'JetGetTableColumnInfo');
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, t.tableid, 'ñ', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expectJetError(() => jet.JetGetTableIndexInfo(sesid, t.tableid, 'Жук', JET_IdxInfoLCID), EsentInvalidNameError, -1002, 'JetGetTableIndexInfo');
    // The handles are checked before the name.
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, 0n, 'Жук'), EsentInvalidTableIdError, -1310, 'JetSetCurrentIndex4');
    // The refused lookups left the cursor usable.
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk')).toBe(0);
  });

  it('a name looked up must follow the name rules as one being created does (rec.cxx ErrIsamSetCurrentIndex, info.cxx ErrIsamGetTableColumnInfo, ErrINFOGetTableIndexInfo: ErrUTILCheckName)', () => {
    const { sesid } = fixture;
    const t = table();
    for (const bad of ['x!y', 'a.b', 'y'.repeat(65), ' pk']) {
      expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, bad), EsentInvalidNameError, -1002, 'JetSetCurrentIndex4');
      expectJetError(() => jet.JetGetTableColumnInfo(sesid, t.tableid, bad, JET_ColInfo), EsentInvalidNameError, -1002, 'JetGetTableColumnInfo');
      expectJetError(() => jet.JetGetTableIndexInfo(sesid, t.tableid, bad, JET_IdxInfoLCID), EsentInvalidNameError, -1002, 'JetGetTableIndexInfo');
    }
    // Trailing spaces are dropped.
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk  ')).toBe(0);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'a ', JET_ColInfo).columnid).toBe(t.a);
    // The name is checked before JET_bitNoMove looks for the current record (the table is empty).
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'x!y', JET_bitNoMove), EsentInvalidNameError, -1002, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk', JET_bitNoMove), EsentNoCurrentRecordError, -1603, 'JetSetCurrentIndex4');
  });
});

describe('default values are set as JetSetColumn sets a value (ESE fcreate.cxx ErrFILEIAddColumn, fldmod.cxx ErrRECSetDefaultValue, ErrIsamSetColumnDefaultValue)', () => {
  const readDefault = (tableid: bigint, columnid: number) => {
    const { sesid } = fixture;
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    return jet.JetRetrieveColumn(sesid, tableid, columnid);
  };

  it('JetAddColumn: longer than the column holds is JET_errDefaultValueTooBig; a fixed-size type\'s shorter one JET_errInvalidBufferSize; fixed text is padded', () => {
    const { sesid } = fixture;
    const t = table();
    const add = (name: string, def: Parameters<typeof jet.JetAddColumn>[3], value: Buffer) => () => jet.JetAddColumn(sesid, t.tableid, name, def, value);
    expectJetError(add('l2', { coltyp: JET_coltypLong }, Buffer.alloc(2)), EsentInvalidBufferSizeError, -1047, 'JetAddColumn');
    expectJetError(add('l8', { coltyp: JET_coltypLong }, Buffer.alloc(8)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expectJetError(add('v8', { coltyp: JET_coltypText, cbMax: 4 }, text('abcdefgh')), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expectJetError(add('f8', { coltyp: JET_coltypText, cbMax: 4, grbit: JET_bitColumnFixed }, text('abcdefgh')), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expectJetError(add('g8', { coltyp: JET_coltypBinary, cbMax: 4, grbit: JET_bitColumnTagged }, Buffer.alloc(8, 1)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    // Text without cbMax holds 255 bytes; a long value's default at most 255, and no more than its cbMax.
    expectJetError(add('v256', { coltyp: JET_coltypText }, Buffer.alloc(256, 0x41)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expectJetError(add('lt300', { coltyp: JET_coltypLongText }, Buffer.alloc(300, 0x41)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expectJetError(add('lb20', { coltyp: JET_coltypLongBinary, cbMax: 10 }, Buffer.alloc(20, 2)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    // None of the refused columns was added.
    for (const name of ['l2', 'l8', 'v8', 'f8', 'g8', 'v256', 'lt300', 'lb20']) {
      expectJetError(() => jet.JetGetTableColumnInfo(sesid, t.tableid, name, JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    }
    const padded = jet.JetAddColumn(sesid, t.tableid, 'f2', { coltyp: JET_coltypText, cbMax: 4, grbit: JET_bitColumnFixed }, text('ab'));
    const long255 = jet.JetAddColumn(sesid, t.tableid, 'lt255', { coltyp: JET_coltypLongText }, Buffer.alloc(255, 0x41));
    insert(t, 1, 1);
    expect(readDefault(t.tableid, padded).value).toEqual(text('ab  '));
    expect(readDefault(t.tableid, long255).value).toEqual(Buffer.alloc(255, 0x41));
  });

  it('JetSetColumnDefaultValue rolled back: the new default stays in the table\'s definition in memory, for every session, and the catalog keeps the old one for the next attach (fldmod.cxx ErrIsamSetColumnDefaultValue rebuilds the default record without a version; cat.cxx ErrCATChangeColumnDefaultValue is versioned)', () => {
    const { sesid, dbid, dir } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'defaults',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 's', coltyp: JET_coltypUnsignedShort },
        { szColumnName: 'n', coltyp: JET_coltypUnsignedShort, grbit: JET_bitColumnNotNULL },
        { szColumnName: 'x', coltyp: JET_coltypText },
        { szColumnName: 'g', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    jet.JetCloseTable(sesid, created.tableid);
    const [k, s, n, x, g] = created.columnids as number[];
    const other = jet.JetBeginSession(fixture.instance);
    let key = 0;
    const insert = (ses: bigint, db: number): void => {
      const tableid = jet.JetOpenTable(ses, db, 'defaults');
      jet.JetPrepareUpdate(ses, tableid, JET_prepInsert);
      jet.JetSetColumn(ses, tableid, k!, long(++key));
      jet.JetSetColumn(ses, tableid, n!, Buffer.from([1, 0]));
      jet.JetUpdate2(ses, tableid);
      jet.JetCloseTable(ses, tableid);
    };
    const rows = (ses: bigint, db: number): Array<Array<string | null>> => {
      const tableid = jet.JetOpenTable(ses, db, 'defaults');
      const found: Array<Array<string | null>> = [];
      jet.JetMove(ses, tableid, JET_MoveFirst);
      for (;;) {
        found.push([s!, x!, g!].map((id) => (jet.JetRetrieveColumn(ses, tableid, id).value as Buffer | null)?.toString('hex') ?? null));
        try {
          jet.JetMove(ses, tableid, JET_MoveNext);
        } catch {
          break;
        }
      }
      jet.JetCloseTable(ses, tableid);
      return found;
    };
    jet.JetBeginTransaction(sesid);
    jet.JetSetColumnDefaultValue(sesid, dbid, 'defaults', 's', Buffer.from([7, 0]));
    jet.JetSetColumnDefaultValue(sesid, dbid, 'defaults', 'x', text('hi'));
    jet.JetSetColumnDefaultValue(sesid, dbid, 'defaults', 'g', long(5));
    jet.JetRollback(sesid, 0);
    insert(sesid, dbid);
    const otherDb = jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    insert(other, otherDb);
    const kept = ['0700', '6869', '05000000'];
    expect(rows(sesid, dbid)).toEqual([kept, kept]);
    expect(rows(other, otherDb)).toEqual([kept, kept]);
    // Read from the catalog again: the records hold the fixed and variable columns' defaults
    // of their insert; the tagged column's default is gone.
    jet.JetCloseDatabase(other, otherDb, 0);
    jet.JetCloseDatabase(sesid, dbid, 0);
    jet.JetDetachDatabase2(sesid, join(dir, 'fidelity.edb'));
    jet.JetAttachDatabase2(sesid, join(dir, 'fidelity.edb'));
    const again = jet.JetOpenDatabase(sesid, join(dir, 'fidelity.edb'));
    insert(sesid, again);
    const held = ['0700', '6869', null];
    expect(rows(sesid, again)).toEqual([held, held, [null, null, null]]);
    jet.JetEndSession(other, 0);
  });

  it('JetSetColumnDefaultValue: a variable column cuts the value at cbMax, fixed text longer than cbMax is JET_errInvalidBufferSize, a long value over 255 bytes or a tagged column over cbMax JET_errDefaultValueTooBig', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    const lv = jet.JetAddColumn(sesid, t.tableid, 'lv', { coltyp: JET_coltypLongBinary });
    jet.JetCloseTable(sesid, t.tableid);
    const setDefault = (column: string, value: Buffer | null) => () => jet.JetSetColumnDefaultValue(sesid, dbid, 't', column, value);
    expect(setDefault('name', text('abcdefghij'))()).toBe(0);
    expectJetError(setDefault('code', text('abcdefgh')), EsentInvalidBufferSizeError, -1047, 'JetSetColumnDefaultValue');
    expectJetError(setDefault('lv', Buffer.alloc(256, 1)), EsentDefaultValueTooBigError, -1524, 'JetSetColumnDefaultValue');
    expectJetError(setDefault('tag', text('abcdefgh')), EsentDefaultValueTooBigError, -1524, 'JetSetColumnDefaultValue');
    expectJetError(setDefault('name', null), EsentNullInvalidError, -1504, 'JetSetColumnDefaultValue');
    expectJetError(setDefault('x!y', text('a')), EsentInvalidNameError, -1002, 'JetSetColumnDefaultValue');
    expect(setDefault('code', text('ab'))()).toBe(0);
    expect(setDefault('lv', Buffer.alloc(255, 1))()).toBe(0);
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    const reopened = { ...t, tableid };
    insert(reopened, 1, 1);
    expect(readDefault(tableid, t.name).value).toEqual(text('abcdefgh'));
    expect(readDefault(tableid, t.code).value).toEqual(text('ab  '));
    expect(readDefault(tableid, lv).value).toEqual(Buffer.alloc(255, 1));
    // The refused default left the tagged column without one.
    expect(readDefault(tableid, t.tag).err).toBe(JET_wrnColumnNull);
  });
});

describe('JetSetCurrentIndex4 with JET_bitNoMove on a record the session deleted (ESE rec.cxx ErrIsamSetCurrentIndex, dir.hxx ErrDIRGetBookmark)', () => {
  it('the bookmark is still taken: a missing index is JET_errIndexNotFound; the current one and another JET_errRecordDeleted, another one made current, before its first entry', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'pairs',
      rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }, { szColumnName: 'b', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary }, { szIndexName: 'byB', szKey: ['+b'] }],
    });
    const tableid = created.tableid;
    const [a, b] = created.columnids as [number, number];
    // b runs against a: byB orders (3, 7), (2, 8), (1, 9).
    for (const value of [1, 2, 3]) {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, a, long(value));
      jet.JetSetColumn(sesid, tableid, b, long(10 - value));
      jet.JetUpdate2(sesid, tableid);
    }
    const readA = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, a).value);
    const deleteSecond = () => {
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      jet.JetMove(sesid, tableid, JET_MoveNext);
      jet.JetDelete(sesid, tableid);
    };
    jet.JetBeginTransaction(sesid);
    deleteSecond();
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'pk', JET_bitNoMove), EsentRecordDeletedError, -1017, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'missing', JET_bitNoMove), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    // Still on the deleted record of the primary index.
    expectJetError(() => jet.JetMove(sesid, tableid, 0), EsentRecordDeletedError, -1017, 'JetMove');
    jet.JetMove(sesid, tableid, JET_MoveNext);
    expect(readA()).toBe(3);
    jet.JetRollback(sesid, 0);

    jet.JetBeginTransaction(sesid);
    deleteSecond();
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'byB', JET_bitNoMove), EsentRecordDeletedError, -1017, 'JetSetCurrentIndex4');
    // On byB, before its first entry (3, 7).
    expectJetError(() => jet.JetMove(sesid, tableid, 0), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetMove(sesid, tableid, JET_MoveNext);
    expect(readA()).toBe(3);
    jet.JetMove(sesid, tableid, JET_MoveNext);
    expect(readA()).toBe(1);
    jet.JetRollback(sesid, 0);
  });
});

describe('switching to the current index (ESE rec.cxx ErrRECSetCurrentIndex does nothing, ErrIsamSetCurrentIndex then RECDeferMoveFirst)', () => {
  it('keeps the index range and the key being made, and goes to the first entry', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const rangeOverA1 = () => {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
      expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive)).toBe(0);
    };
    rangeOverA1();
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk')).toBe(0);
    expect(current(t)).toEqual([1, 1]);
    expect(jet.JetMove(sesid, t.tableid, JET_MoveNext)).toBe(0);
    // The range is still there: the next move leaves it.
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    rangeOverA1();
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, null)).toBe(0);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove)).toBe(0);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(1));
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, '')).toBe(0);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
    expect(current(t)).toEqual([2, 1]);
  });
});

describe('JetUpdate2 of a replace whose record the session deleted since through another cursor (ESE recupd.cxx ErrRECIReplace)', () => {
  it('holding the write lock, succeeds unseen unless a column of an index is set, where it reads the record again and finds it deleted; the record stays deleted, and the rollback gives it back as it was (extended generator seed 8501)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'] }]);
    const other = jet.JetDupCursor(sesid, t.tableid);
    const cases: Array<[string, Array<[number, Buffer | null]>, boolean]> = [
      ['nothing set', [], true],
      ['a column of no index', [[t.req, long(7)]], true],
      ['a column of the primary index', [[t.b, long(9)]], false],
      ['a column of a secondary index', [[t.name, text('n')]], false],
    ];
    for (const [what, columns, succeeds] of cases) {
      jet.JetBeginTransaction(sesid);
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
      for (const [columnid, value] of columns) jet.JetSetColumn(sesid, t.tableid, columnid, value);
      jet.JetMove(sesid, other, JET_MoveFirst);
      jet.JetDelete(sesid, other);
      if (succeeds) {
        expect(jet.JetUpdate2(sesid, t.tableid), what).toBeDefined();
      } else {
        expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetUpdate2');
      }
      // Still deleted: the first record now is (1, 2).
      jet.JetSetCurrentIndex4(sesid, other, null);
      jet.JetMove(sesid, other, JET_MoveFirst);
      expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, other, t.b).value), what).toBe(2);
      jet.JetRollback(sesid, 0);
      jet.JetMove(sesid, other, JET_MoveFirst);
      expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, other, t.b).value), what).toBe(1);
      expect(jet.JetRetrieveColumn(sesid, other, t.req).value, what).toEqual(long(0));
    }
    jet.JetCloseTable(sesid, other);
  });

  it('holding the write lock with nothing set, looks at nothing: it succeeds after the session\'s delete committed, after another session deleted the record once a commit let go of the lock, and in a transaction older than another session\'s change (extended generator seed 16969)', () => {
    const { sesid, instance, dir, dbid } = fixture;
    const created = withRecords();
    // The cursor JetCreateTableColumnIndex3 gave holds the table exclusively.
    jet.JetCloseTable(sesid, created.tableid);
    const t = { ...created, tableid: jet.JetOpenTable(sesid, dbid, 't') };
    const mine = jet.JetDupCursor(sesid, t.tableid);
    const other = jet.JetBeginSession(instance);
    jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    const theirs = jet.JetOpenTable(other, dbid, 't');
    /** Prepares a replace of the first record with its lock, in a transaction it commits. */
    const prepareLocked = () => {
      jet.JetBeginTransaction(sesid);
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    };
    const first = () => {
      jet.JetMove(sesid, mine, JET_MoveFirst);
      return current({ ...t, tableid: mine });
    };

    // The session's own delete, committed.
    prepareLocked();
    jet.JetMove(sesid, mine, JET_MoveFirst);
    jet.JetDelete(sesid, mine);
    jet.JetCommitTransaction(sesid, 0);
    expect(jet.JetUpdate2(sesid, t.tableid)).toBeDefined();
    expect(first()).toEqual([1, 2]);
    // Nothing is left prepared.
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');

    // Another session's delete, once the commit let go of the lock.
    prepareLocked();
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(other, theirs, JET_MoveFirst);
    jet.JetDelete(other, theirs);
    expect(jet.JetUpdate2(sesid, t.tableid)).toBeDefined();
    expect(first()).toEqual([2, 1]);

    // Another session's change, committed after the transaction of the update began.
    prepareLocked();
    jet.JetCommitTransaction(sesid, 0);
    jet.JetBeginTransaction(sesid);
    jet.JetMove(other, theirs, JET_MoveFirst);
    jet.JetPrepareUpdate(other, theirs, JET_prepReplace);
    jet.JetSetColumn(other, theirs, t.req, long(8));
    jet.JetUpdate2(other, theirs);
    expect(jet.JetUpdate2(sesid, t.tableid)).toBeDefined();
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(sesid, mine, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, mine, t.req).value).toEqual(long(8));

    // Prepared without the lock, the update takes it: a record deleted since is refused.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    jet.JetMove(other, theirs, JET_MoveFirst);
    jet.JetDelete(other, theirs);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetCloseTable(sesid, mine);
    jet.JetEndSession(other);
  });
});


describe('JetUpdate2 of a replace prepared without the lock compares the record with the one it was prepared on (ESE fldmod.cxx ErrIsamPrepareUpdate, recupd.cxx ErrRECUpgradeReplaceNoLock)', () => {
  it('prepared at level 0, it fails with JET_errWriteConflict once the record\'s bytes changed since, whoever changed them and whatever it set; a record changed back, or a replace prepared in a transaction, is not compared (extended generator seed 10087)', () => {
    const { sesid, instance, dir, dbid } = fixture;
    const created = withRecords();
    // The cursor JetCreateTableColumnIndex3 gave holds the table exclusively.
    jet.JetCloseTable(sesid, created.tableid);
    const t = { ...created, tableid: jet.JetOpenTable(sesid, dbid, 't') };
    const other = jet.JetBeginSession(instance);
    jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    const theirs = jet.JetOpenTable(other, dbid, 't');
    const mine = jet.JetDupCursor(sesid, t.tableid);
    /** Sets req of the first record to `value` through `cursor` of `session`, at level 0. */
    const setReq = (session: bigint, cursor: bigint, value: number) => {
      jet.JetMove(session, cursor, JET_MoveFirst);
      jet.JetPrepareUpdate(session, cursor, JET_prepReplace);
      jet.JetSetColumn(session, cursor, t.req, long(value));
      jet.JetUpdate2(session, cursor);
    };
    const cases: Array<[string, number, boolean, () => void, boolean]> = [
      ['another session\'s change, a column set', JET_prepReplaceNoLock, true, () => setReq(other, theirs, 1), false],
      ['another session\'s change, nothing set', JET_prepReplaceNoLock, false, () => setReq(other, theirs, 2), false],
      ['JET_prepReplace at level 0', JET_prepReplace, true, () => setReq(other, theirs, 3), false],
      ['the session\'s own change through another cursor', JET_prepReplaceNoLock, false, () => setReq(sesid, mine, 4), false],
      ['changed and changed back', JET_prepReplaceNoLock, true, () => {
        setReq(other, theirs, 9);
        setReq(other, theirs, 4);
      }, true],
    ];
    for (const [what, prep, sets, change, succeeds] of cases) {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetPrepareUpdate(sesid, t.tableid, prep);
      change();
      if (sets) jet.JetSetColumn(sesid, t.tableid, t.name, text(what.slice(0, 8)));
      if (succeeds) {
        expect(jet.JetUpdate2(sesid, t.tableid), what).toBeDefined();
      } else {
        expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentWriteConflictError, -1102, 'JetUpdate2');
        // Still prepared, and still refused.
        expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentWriteConflictError, -1102, 'JetUpdate2');
        jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
      }
    }
    // Prepared at level 0, the transaction begun after the change: still compared.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    setReq(other, theirs, 5);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentWriteConflictError, -1102, 'JetUpdate2');
    jet.JetRollback(sesid, 0);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    // Prepared in a transaction, the comparison is put off to a commit that never makes it: the
    // session's own change through another cursor is overwritten.
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    setReq(sesid, mine, 6);
    jet.JetSetColumn(sesid, t.tableid, t.req, long(7));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.req).value).toEqual(long(7));
    jet.JetCloseTable(sesid, mine);
    jet.JetEndSession(other);
  });
});
describe('JetUpdate2 of an update prepared before a read-only transaction began (ESE recupd.cxx ErrIsamUpdate, ErrRECIInsert, ErrRECIReplace)', () => {
  it('is not refused for the transaction: an insert is checked for illegal nulls and made, a replace made, both kept by the commit', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    // fldmod.cxx ErrIsamSetColumn refuses a read-only transaction (ErrPIBCheckUpdatable);
    // ErrIsamUpdate has no such check, so ErrRECIInsert's null check comes first.
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.req, long(0)), EsentTransReadOnlyError, -1110, 'JetSetColumn');
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentNullInvalidError, -1504, 'JetUpdate2');
    jet.JetRollback(sesid);
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.name, text('n'));
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(1);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.name).value).toEqual(text('n'));
  });
});

describe('schema calls check names first (ESE fcreate.cxx ErrIsamCreateTable, ErrIsamDeleteColumn, ErrIsamDeleteIndex)', () => {
  it('JetCreateTable: a bad name or density before a read-only transaction; JetDeleteColumn2 and JetDeleteIndex: a bad name too', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'a.b'), EsentInvalidNameError, -1002, 'JetCreateTable');
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'ok', 0, 10), EsentDensityInvalidError, -1307, 'JetCreateTable');
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'ok'), EsentTransReadOnlyError, -1110, 'JetCreateTable');
    expectJetError(() => jet.JetDeleteColumn2(sesid, t.tableid, 'a.b'), EsentInvalidNameError, -1002, 'JetDeleteColumn2');
    expectJetError(() => jet.JetDeleteIndex(sesid, t.tableid, '[x]'), EsentInvalidNameError, -1002, 'JetDeleteIndex');
    expectJetError(() => jet.JetDeleteColumn2(sesid, t.tableid, 'name'), EsentTransReadOnlyError, -1110, 'JetDeleteColumn2');
    jet.JetRollback(sesid);
  });

  it('JetSetColumnDefaultValue in a read-only transaction: the table, the column and its indexes are checked before the catalog update refuses the transaction (fldmod.cxx ErrIsamSetColumnDefaultValue, cat.cxx ErrCATChangeColumnDefaultValue)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetCloseTable(sesid, t.tableid);
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    const setDefault = (tableName: string, column: string) => () => jet.JetSetColumnDefaultValue(sesid, dbid, tableName, column, long(1));
    expectJetError(setDefault('missing', 'req'), EsentObjectNotFoundError, -1305, 'JetSetColumnDefaultValue');
    expectJetError(setDefault('t', 'missing'), EsentColumnNotFoundError, -1507, 'JetSetColumnDefaultValue');
    // a is in the primary index.
    expectJetError(setDefault('t', 'a'), EsentColumnInUseError, -1046, 'JetSetColumnDefaultValue');
    expectJetError(setDefault('t', 'req'), EsentTransReadOnlyError, -1110, 'JetSetColumnDefaultValue');
    jet.JetRollback(sesid);
    expect(jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'req', long(1))).toBe(0);
  });

  it('JetDeleteIndex: an index that is another session\'s current index is in use (fcb.cxx FCB::ErrSetDeleteIndex)', () => {
    const { sesid, dbid, instance } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'] }]);
    // The cursor JetCreateTable... returns holds the table exclusively (fcreate.cxx
    // ErrFILECreateTable opens it with JET_bitTableDenyRead): another session could not open it.
    jet.JetCloseTable(sesid, t.tableid);
    const mine = jet.JetOpenTable(sesid, dbid, 't');
    const other = jet.JetBeginSession(instance);
    jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const cursor = jet.JetOpenTable(other, dbid, 't');
    jet.JetSetCurrentIndex4(other, cursor, 'byName');
    expectJetError(() => jet.JetDeleteIndex(sesid, mine, 'byName'), EsentIndexInUseError, -1051, 'JetDeleteIndex');
    jet.JetSetCurrentIndex4(other, cursor, null);
    expect(jet.JetDeleteIndex(sesid, mine, 'byName')).toBe(0);
    jet.JetCloseTable(other, cursor);
    jet.JetEndSession(other);
  });
});

describe('a tagged column\'s default and NULL (ESE tagfld.cxx TAGFIELDS::ErrSetColumn)', () => {
  it('removing the only value leaves a NULL that hides the default; JET_bitSetRevertToDefaultValue brings it back', () => {
    const { sesid } = fixture;
    const t = table();
    const dflt = jet.JetAddColumn(sesid, t.tableid, 'dflt', { coltyp: JET_coltypText, cbMax: 8, grbit: JET_bitColumnTagged }, text('d'));
    insert(t, 9, 9);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    const read = () => jet.JetRetrieveColumn(sesid, t.tableid, dflt).value;
    expect(read()).toEqual(text('d'));
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, dflt, text('v'));
    jet.JetUpdate2(sesid, t.tableid);
    expect(read()).toEqual(text('v'));
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, dflt, null);
    jet.JetUpdate2(sesid, t.tableid);
    expect(read()).toBeNull();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, dflt, null, JET_bitSetRevertToDefaultValue);
    jet.JetUpdate2(sesid, t.tableid);
    expect(read()).toEqual(text('d'));
  });

  it('JET_bitSetRevertToDefaultValue with data sets the data: the bit acts only where a value is removed, and the data is checked as any other (fldmod.cxx ErrRECISetTaggedColumn)', () => {
    const { sesid } = fixture;
    const t = table();
    const dflt = jet.JetAddColumn(sesid, t.tableid, 'dflt', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged }, long(5));
    const dbl = jet.JetAddColumn(sesid, t.tableid, 'dbl', { coltyp: JET_coltypIEEEDouble, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued });
    insert(t, 1, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expect(jet.JetSetColumn(sesid, t.tableid, dflt, long(7), JET_bitSetRevertToDefaultValue)).toBe(0);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, dbl, Buffer.alloc(7), JET_bitSetRevertToDefaultValue), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.tag, text('12345'), JET_bitSetRevertToDefaultValue), EsentColumnTooBigError, -1506, 'JetSetColumn');
    const first = encodeColumnValue(JET_coltypIEEEDouble, 2.5);
    const second = encodeColumnValue(JET_coltypIEEEDouble, 3.5);
    expect(jet.JetSetColumn(sesid, t.tableid, dbl, first, JET_bitSetRevertToDefaultValue)).toBe(0);
    expect(jet.JetSetColumn(sesid, t.tableid, dbl, second, JET_bitSetRevertToDefaultValue, { itagSequence: 0 })).toBe(0);
    jet.JetUpdate2(sesid, t.tableid);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, dflt).value).toEqual(long(7));
    expect(jet.JetRetrieveColumn(sesid, t.tableid, dbl, 0, { itagSequence: 2 }).value).toEqual(second);
    // Without data, the bit removes one value of several as a NULL would, and the only value
    // leaving no NULL behind, so that the default is read again.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expect(jet.JetSetColumn(sesid, t.tableid, dbl, null, JET_bitSetRevertToDefaultValue, { itagSequence: 1 })).toBe(0);
    expect(jet.JetSetColumn(sesid, t.tableid, dflt, null, JET_bitSetRevertToDefaultValue)).toBe(0);
    jet.JetUpdate2(sesid, t.tableid);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, dflt).value).toEqual(long(5));
    expect(jet.JetRetrieveColumn(sesid, t.tableid, dbl, 0, { itagSequence: 1 }).value).toEqual(second);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, dbl, 0, { itagSequence: 2 }).value).toBeNull();
  });
});

describe('fixed and variable columns keep their defaults in the record (ESE fldmod.cxx ErrIsamPrepareUpdate; fldext.cxx ErrRECIRetrieveFixedColumn, ErrRECIRetrieveVarColumn; rec.hxx ErrRECSetColumn)', () => {
  it('a new record holds the defaults of its fixed and variable columns: JET_bitRetrieveIgnoreDefault reads them, and a later default does not change them', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    const fixedDefault = jet.JetAddColumn(sesid, t.tableid, 'fd', { coltyp: JET_coltypLong }, long(7));
    const varDefault = jet.JetAddColumn(sesid, t.tableid, 'vd', { coltyp: JET_coltypText, cbMax: 8 }, text('v'));
    const taggedDefault = jet.JetAddColumn(sesid, t.tableid, 'td', { coltyp: JET_coltypText, cbMax: 8, grbit: JET_bitColumnTagged }, text('t'));
    const ignoring = (columnid: number, grbit = 0) => jet.JetRetrieveColumn(sesid, t.tableid, columnid, JET_bitRetrieveIgnoreDefault | grbit).value;
    // The copy being prepared already holds them.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expect(ignoring(fixedDefault, JET_bitRetrieveCopy)).toEqual(long(7));
    expect(ignoring(varDefault, JET_bitRetrieveCopy)).toEqual(text('v'));
    expect(ignoring(taggedDefault, JET_bitRetrieveCopy)).toBeNull();
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    insert(t, 1, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(ignoring(fixedDefault)).toEqual(long(7));
    expect(ignoring(varDefault)).toEqual(text('v'));
    expect(ignoring(taggedDefault)).toBeNull();
    expect(jet.JetRetrieveColumn(sesid, t.tableid, taggedDefault).value).toEqual(text('t'));
    // A column added after the record was written is not in it: its default is read, whatever the grbit.
    const late = jet.JetAddColumn(sesid, t.tableid, 'late', { coltyp: JET_coltypLong }, long(5));
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(ignoring(late)).toEqual(long(5));
    jet.JetCloseTable(sesid, t.tableid);
    for (const [column, value] of [['fd', long(9)], ['vd', text('w')], ['td', text('u')], ['late', long(6)]] as const) {
      jet.JetSetColumnDefaultValue(sesid, dbid, 't', column, value);
    }
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const read = (columnid: number) => jet.JetRetrieveColumn(sesid, tableid, columnid).value;
    expect(read(fixedDefault)).toEqual(long(7));
    expect(read(varDefault)).toEqual(text('v'));
    expect(read(taggedDefault)).toEqual(text('u'));
    expect(read(late)).toEqual(long(6));
    // A record inserted now takes the new defaults.
    insert({ ...t, tableid }, 2, 2);
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expect(read(fixedDefault)).toEqual(long(9));
    expect(read(varDefault)).toEqual(text('w'));
  });

  it('JetSetColumnDefaultValue opens the table denying reads: another session\'s cursor is JET_errTableInUse, its deny-read cursor JET_errTableLocked; the session\'s own cursors do not count (fldmod.cxx ErrIsamSetColumnDefaultValue, fileopen.cxx ErrFILEISetMode)', () => {
    const { sesid, dbid, instance } = fixture;
    const t = table();
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const setDefault = () => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'name', text('n'));
    // The session's own cursors: the deny-read one JetCreateTableColumnIndex3 returned, a plain one.
    expect(setDefault()).toBe(0);
    jet.JetCloseTable(sesid, t.tableid);
    const mine = jet.JetOpenTable(sesid, dbid, 't');
    expect(setDefault()).toBe(0);
    const plain = jet.JetOpenTable(other, otherDb, 't');
    expectJetError(setDefault, EsentTableInUseError, -1304, 'JetSetColumnDefaultValue');
    jet.JetCloseTable(other, plain);
    jet.JetCloseTable(sesid, mine);
    const exclusive = jet.JetOpenTable(other, otherDb, 't', JET_bitTableDenyRead);
    expectJetError(setDefault, EsentTableLockedError, -1302, 'JetSetColumnDefaultValue');
    jet.JetCloseTable(other, exclusive);
    expect(setDefault()).toBe(0);
    jet.JetEndSession(other);
  });

  it('JET_bitSetRevertToDefaultValue sets a fixed or variable column to NULL, and a NOT NULL one is JET_errNullInvalid', () => {
    const { sesid } = fixture;
    const t = table();
    const fixedDefault = jet.JetAddColumn(sesid, t.tableid, 'fd', { coltyp: JET_coltypLong }, long(7));
    const varDefault = jet.JetAddColumn(sesid, t.tableid, 'vd', { coltyp: JET_coltypText, cbMax: 8 }, text('v'));
    insert(t, 1, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, fixedDefault, null, JET_bitSetRevertToDefaultValue);
    jet.JetSetColumn(sesid, t.tableid, varDefault, null, JET_bitSetRevertToDefaultValue);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.req, null, JET_bitSetRevertToDefaultValue), EsentNullInvalidError, -1504, 'JetSetColumn');
    jet.JetUpdate2(sesid, t.tableid);
    const read = (columnid: number) => jet.JetRetrieveColumn(sesid, t.tableid, columnid);
    expect(read(fixedDefault).err).toBe(JET_wrnColumnNull);
    expect(read(varDefault).err).toBe(JET_wrnColumnNull);
    expect(read(t.req).value).toEqual(long(0));
  });
});

describe('parameters after JetInit (ESE sysparam.xml: which ones may not change once the instance runs)', () => {
  it('JET_paramCreatePathIfNotExist may still be set; JET_paramCircularLog may not (JET_errAlreadyInitialized); the same value is never refused (jetapi.cxx CJetParam::ValidateSet)', () => {
    const { instance } = fixture;
    expect(jet.JetSetSystemParameter(instance, 0n, JET_paramCreatePathIfNotExist, 0)).toBe(0);
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramCreatePathIfNotExist).lParam).toBe(0n);
    expect(jet.JetSetSystemParameter(instance, 0n, JET_paramCreatePathIfNotExist, 1)).toBe(0);
    expect(jet.JetSetSystemParameter(instance, 0n, JET_paramCircularLog, 0)).toBe(0);
    expectJetError(
      () => jet.JetSetSystemParameter(instance, 0n, JET_paramCircularLog, 1),
      EsentAlreadyInitializedError,
      -1030,
      'JetSetSystemParameter',
    );
  });
});

describe('JetCommitTransaction2 with a time to durability (ESE dir.cxx ErrDIRCommitTransaction)', () => {
  it('is JET_errInvalidParameter unless the commit is lazy, and leaves the transaction open', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid);
    insert(t, 5, 5);
    expectJetError(() => jet.JetCommitTransaction2(sesid, 0, 100), EsentInvalidParameterError, -1003, 'JetCommitTransaction2');
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(1);
    expect(jet.JetCommitTransaction2(sesid, JET_bitCommitLazyFlush, 100)).toBe(0);
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(0);
    expect(() => jet.JetCommitTransaction2(sesid, 0, 100)).toThrow(EsentNotInTransactionError);
  });
});

describe('JetAddColumn checks a definition in ESE\'s order (fcreate.cxx ErrFILEIValidateAddColumn)', () => {
  it('the code page before the flags: a Text escrow column in code page 437 is JET_errInvalidCodePage', () => {
    const { sesid } = fixture;
    const t = table();
    expectJetError(
      () => jet.JetAddColumn(sesid, t.tableid, 'bad', { coltyp: JET_coltypText, cp: 437, grbit: JET_bitColumnEscrowUpdate }, long(0)),
      EsentInvalidCodePageError,
      -1063,
      'JetAddColumn',
    );
    expectJetError(
      () => jet.JetAddColumn(sesid, t.tableid, 'bad', { coltyp: JET_coltypText, grbit: JET_bitColumnEscrowUpdate }, long(0)),
      EsentInvalidGrbitError,
      -900,
      'JetAddColumn',
    );
  });

  it('a tagged column may be NOT NULL: an insert without a value is JET_errNullInvalid (rec.cxx ErrRECIIllegalNulls)', () => {
    const { sesid } = fixture;
    const t = table();
    const must = jet.JetAddColumn(sesid, t.tableid, 'must', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnNotNULL });
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentNullInvalidError, -1504, 'JetUpdate2');
    jet.JetSetColumn(sesid, t.tableid, must, long(7));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, must).value).toEqual(long(7));
  });
});

describe('JetGetTableColumnInfo rebuilds a column\'s grbit (ESE info.cxx ErrINFOGetTableColumnInfo)', () => {
  it('where the column lives, its kept properties, and JET_bitColumnUpdatable on a cursor that can update', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'a').grbit).toBe(JET_bitColumnFixed | JET_bitColumnUpdatable);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'name').grbit).toBe(JET_bitColumnUpdatable);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'tag').grbit).toBe(JET_bitColumnTagged | JET_bitColumnUpdatable);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'req', JET_ColInfoBase).grbit).toBe(
      JET_bitColumnFixed | JET_bitColumnNotNULL | JET_bitColumnUpdatable,
    );
    // JET_bitColumnMaybeNull (0x2000) is a definition-only bit: not kept.
    jet.JetAddColumn(sesid, t.tableid, 'mv', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued | 0x2000 });
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'mv').grbit & ~JET_bitColumnUpdatable).toBe(JET_bitColumnTagged | JET_bitColumnMultiValued);
    jet.JetCloseTable(sesid, t.tableid);
    const readOnly = jet.JetOpenTable(sesid, dbid, 't', JET_bitTableReadOnly);
    expect(jet.JetGetTableColumnInfo(sesid, readOnly, 'a').grbit).toBe(JET_bitColumnFixed);
    expect(jet.JetGetTableColumnInfo(sesid, readOnly, 'req', JET_ColInfoBase).grbit).toBe(JET_bitColumnFixed | JET_bitColumnNotNULL);
    expect(jet.JetGetTableColumnInfo(sesid, readOnly, 'mv').grbit).toBe(JET_bitColumnTagged | JET_bitColumnMultiValued);
  });
});

describe('JetRetrieveColumn of column id 0 reads the record\'s tagged values as one sequence (ESE fldext.cxx ErrIsamRetrieveColumn, tagfld.cxx TAGFIELDS::ErrScan)', () => {
  it('needs a record first (JET_errNoCurrentRecord), then an itagSequence from 1 (JET_errBadItagSequence), and names the column each value came from', () => {
    const { sesid } = fixture;
    const t = table();
    const mv = jet.JetAddColumn(sesid, t.tableid, 'mv', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued });
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, 0, 0, { itagSequence: 0 }), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(1));
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    jet.JetSetColumn(sesid, t.tableid, t.tag, text('tg'));
    jet.JetSetColumn(sesid, t.tableid, mv, long(10));
    jet.JetSetColumn(sesid, t.tableid, mv, long(20), 0, { itagSequence: 0 });
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, 0, 0, { itagSequence: 0 }), EsentBadItagSequenceError, -1518, 'JetRetrieveColumn');
    expect(t.tag).toBeLessThan(mv);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, 0, 0, { itagSequence: 1 })).toMatchObject({ value: text('tg'), err: 0, columnidNextTagged: t.tag });
    expect(jet.JetRetrieveColumn(sesid, t.tableid, 0, 0, { itagSequence: 2 })).toMatchObject({ value: long(10), columnidNextTagged: mv });
    expect(jet.JetRetrieveColumn(sesid, t.tableid, 0, 0, { itagSequence: 3 })).toMatchObject({ value: long(20), columnidNextTagged: mv });
    expect(jet.JetRetrieveColumn(sesid, t.tableid, 0, 0, { itagSequence: 4 })).toMatchObject({ value: null, err: JET_wrnColumnNull });
  });
});

describe('an update, a delete and an escrow update begin a transaction of their own (ESE recupd.cxx ErrRECIInsert, ErrRECIReplace, ErrIsamDelete; dir.cxx ErrDIRBeginTransaction)', () => {
  it('inside a transaction begun under another session context they fail with JET_errSessionSharingViolation and change nothing', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(9));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(9));
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentSessionSharingViolationError, -1910, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(() => jet.JetDelete(sesid, t.tableid), EsentSessionSharingViolationError, -1910, 'JetDelete');
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(4);
    underContext(0x11n);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetDelete(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(3);
  });
});

describe('schema changes and index information begin transactions of their own (ESE fcreate.cxx, info.cxx ErrINFOGetTableIndexInfo; pib.hxx FPIBCheckTrxContext)', () => {
  it('inside a transaction begun under another session context a schema change fails with JET_errSessionSharingViolation before any lookup', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    // fcreate.cxx ErrFILECreateTable: its begin fails before the table is counted.
    let error: (Error & { cCreated?: number }) | undefined;
    try {
      jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'late', rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }] });
    } catch (caught) {
      error = caught as Error & { cCreated?: number };
    }
    expect(error).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(error?.cCreated).toBe(0);
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 't'), EsentSessionSharingViolationError, -1910, 'JetCreateTable');
    // ErrIsamAddColumn begins before it looks for a duplicate name, ErrIsamDeleteColumn and
    // ErrIsamDeleteIndex before they look the column or index up.
    expectJetError(() => jet.JetAddColumn(sesid, t.tableid, 'a', { coltyp: JET_coltypLong }), EsentSessionSharingViolationError, -1910, 'JetAddColumn');
    expectJetError(() => jet.JetDeleteColumn2(sesid, t.tableid, 'missing', 0), EsentSessionSharingViolationError, -1910, 'JetDeleteColumn2');
    expectJetError(() => jet.JetDeleteIndex(sesid, t.tableid, 'missing'), EsentSessionSharingViolationError, -1910, 'JetDeleteIndex');
    // ErrFILEDeleteTable and ErrCATRenameTable begin before they look the table up;
    // ErrIsamSetColumnDefaultValue after it opens the table, before the column.
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'missing'), EsentSessionSharingViolationError, -1910, 'JetDeleteTable');
    expectJetError(() => jet.JetRenameTable(sesid, dbid, 'missing', 'other'), EsentSessionSharingViolationError, -1910, 'JetRenameTable');
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 'missing', 'a', long(1)), EsentObjectNotFoundError, -1305, 'JetSetColumnDefaultValue');
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'missing', long(1)), EsentSessionSharingViolationError, -1910, 'JetSetColumnDefaultValue');
    underContext(0x11n);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'late'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
  });

  it('JetDeleteTable checks a read-only transaction, then the name, then begins (fcreate.cxx ErrIsamDeleteTable, ErrFILEDeleteTable): in a transaction the caller does not own, JET_errSessionSharingViolation before the table is looked up; at level 0 under a context another thread set, the lookup\'s failure and a failed rollback', async () => {
    const { sesid, dbid } = fixture;
    table();
    const level0 = await underWorkerContext([() => jet.JetDeleteTable(sesid, dbid, 'a.b'), () => jet.JetDeleteTable(sesid, dbid, 'missing')]);
    expect(level0.seen[0]).toBeInstanceOf(EsentInvalidNameError);
    expect(level0.seen[1]).toBeInstanceOf(EsentObjectNotFoundError);
    expect(level0.level).toBe(1);
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'a.b'), EsentTransReadOnlyError, -1110, 'JetDeleteTable');
    jet.JetRollback(sesid);
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'a.b'), EsentInvalidNameError, -1002, 'JetDeleteTable');
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'missing'), EsentSessionSharingViolationError, -1910, 'JetDeleteTable');
    // The table's cursor is still open: its owner is told so.
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 't'), EsentSessionSharingViolationError, -1910, 'JetDeleteTable');
    underContext(0x11n);
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 't'), EsentTableInUseError, -1304, 'JetDeleteTable');
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
  });

  it('in a read-only transaction JetCreateTable and JetCreateTableColumnIndex3 fail at the catalog insert (cat.cxx ErrCATAddTable): after the begin, counted, before a name in use', () => {
    const { sesid, dbid } = fixture;
    table();
    const create = (szTableName: string) => {
      try {
        jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName, rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong }] });
      } catch (caught) {
        return caught as Error & { cCreated?: number };
      }
      return undefined;
    };
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    underContext(0x22n);
    const notOwner = create('x');
    expect(notOwner).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(notOwner?.cCreated).toBe(0);
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 'x'), EsentSessionSharingViolationError, -1910, 'JetCreateTable');
    underContext(0x11n);
    for (const name of ['x', 't']) {
      const readOnly = create(name);
      expect(readOnly).toBeInstanceOf(EsentTransReadOnlyError);
      expect(readOnly?.cCreated).toBe(1);
    }
    expectJetError(() => jet.JetCreateTable(sesid, dbid, 't'), EsentTransReadOnlyError, -1110, 'JetCreateTable');
    jet.JetRollback(sesid);
    jet.JetResetSessionContext(sesid);
  });

  /**
   * Runs `calls` on this thread at level 0 while a worker has set the session's context, then
   * has the worker read the session's transaction level and roll back: what each call gave,
   * and the level the worker found.
   */
  async function underWorkerContext(
    calls: Array<() => unknown>,
    ownerSteps: WorkerStep[] = [],
  ): Promise<{ seen: unknown[]; level: number; owner: StepOutcome[] }> {
    const { sesid } = fixture;
    const { seen, steps } = await whileWorkerHoldsContext(sesid, [calls], [...ownerSteps, { fn: 'JetRollback', args: [sesid, 0] }]);
    const owner = steps.splice(2, ownerSteps.length);
    expect(steps.map((r) => r.ok)).toEqual([true, true, true, true]);
    return { seen, level: Number(steps[1]!.value), owner };
  }

  it('at level 0 under a context another thread set, a schema change that fails after it made a version (its own, or a lock on its catalog record) leaves that version in the transaction left open: a detach of the database, closed, is JET_errDatabaseInUse until the owner ends it; JetDeleteIndex and JetSetColumnDefaultValue fail before any (db.cxx ErrIsamDetachDatabase, ver.cxx ErrVERRCEClean; extended generator seed 7340)', async () => {
    const { sesid, dir, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    let databases = 0;
    const cases: Array<[(db: number, tableid: bigint) => unknown, boolean]> = [
      [(db) => jet.JetCreateTable(sesid, db, 'made'), true],
      [(_db, tableid) => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byV', szKey: ['+v'] }]), true],
      [(_db, tableid) => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+c'], grbit: JET_bitIndexPrimary }]), true],
      [(_db, tableid) => jet.JetAddColumn(sesid, tableid, 'z', { coltyp: JET_coltypLong }), true],
      [(_db, tableid) => jet.JetDeleteColumn2(sesid, tableid, 'v'), true],
      [(db) => jet.JetRenameTable(sesid, db, 'T', 'U'), true],
      [(_db, tableid) => jet.JetRenameColumn(sesid, tableid, 'v', 'w'), true],
      [(_db, tableid) => jet.JetDeleteIndex(sesid, tableid, 'byC'), false],
      [(db) => jet.JetSetColumnDefaultValue(sesid, db, 'T', 'v', long(1)), false],
    ];
    for (const [change, holds] of cases) {
      const path = join(dir, `held${++databases}.edb`);
      const db = jet.JetCreateDatabase2(sesid, path);
      jet.JetCloseTable(sesid, jet.JetCreateTableColumnIndex3(sesid, db, {
        szTableName: 'T',
        rgcolumncreate: [
          { szColumnName: 'c', coltyp: JET_coltypLong },
          { szColumnName: 'v', coltyp: JET_coltypLong },
        ],
        rgindexcreate: [{ szIndexName: 'byC', szKey: ['+c'] }],
      }).tableid);
      const tableid = jet.JetOpenTable(sesid, db, 'T');
      const { seen, level, owner } = await underWorkerContext(
        [() => change(db, tableid)],
        [
          { fn: 'JetCloseDatabase', args: [sesid, db, 0] },
          { fn: 'JetDetachDatabase2', args: [other, path, 0] },
        ],
      );
      expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
      expect(level).toBe(1);
      expect(owner[0]).toMatchObject({ ok: true });
      expect(owner[1]).toMatchObject(holds ? { ok: false, errno: -1202 } : { ok: true });
      // Once the owner rolled the transaction back, the database goes.
      if (holds) jet.JetDetachDatabase2(other, path, 0);
    }
    jet.JetEndSession(other);
  });

  it('at level 0 under a context another thread set, a primary index whose catalog insert could not begin stays in a table the session holds denying reads, in the transaction left open, and the owner\'s rollback takes it out; on a table opened without, it is not found, nor is a secondary index on either (fcreate.cxx ErrFILEIPrepareOneIndex, ErrFILEICreateIndex; extended generator seed 19052)', async () => {
    const { sesid, dbid } = fixture;
    for (const held of [true, false]) {
      const name = held ? 'heldPrimary' : 'openPrimary';
      const created = jet.JetCreateTable(sesid, dbid, name);
      jet.JetAddColumn(sesid, created, 'v', { coltyp: JET_coltypLong });
      let tableid = created;
      if (!held) {
        jet.JetCloseTable(sesid, created);
        tableid = jet.JetOpenTable(sesid, dbid, name);
      }
      const { seen, level } = await underWorkerContext([
        () => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+v'], grbit: JET_bitIndexPrimary }]),
        () => jet.JetSetCurrentIndex4(sesid, tableid, 'pk'),
      ]);
      expect(seen[0], name).toBeInstanceOf(EsentSessionSharingViolationError);
      if (held) {
        expect(seen[1], name).toBe('success');
      } else {
        expect(seen[1], name).toBeInstanceOf(EsentIndexNotFoundError);
      }
      expect(level, name).toBe(1);
      expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'pk'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
      jet.JetCloseTable(sesid, tableid);
    }
    // A secondary index is linked into the table only after its catalog insert, so it is not
    // found on a table held denying reads either.
    const tableid = jet.JetCreateTable(sesid, dbid, 'heldSecondary');
    jet.JetAddColumn(sesid, tableid, 'v', { coltyp: JET_coltypLong });
    const { seen, level } = await underWorkerContext([
      () => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byV', szKey: ['+v'] }]),
      () => jet.JetSetCurrentIndex4(sesid, tableid, 'byV'),
    ]);
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(seen[1]).toBeInstanceOf(EsentIndexNotFoundError);
    expect(level).toBe(1);
    jet.JetCloseTable(sesid, tableid);
  });

  it('at level 0 under a context another thread set, a primary index whose catalog insert could not begin, on a table opened without denying reads, refuses every insert with JET_errWriteConflictPrimaryIndex, its creator\'s too, and another primary index with JET_errIndexHasPrimary, until the owner\'s rollback takes it out (fcb.cxx FCB::ErrSetUpdatingAndEnterDML, file.hxx ErrFILEIAccessIndex; extended generator seed 22241)', async () => {
    const { sesid, dbid, instance, dir } = fixture;
    const created = jet.JetCreateTable(sesid, dbid, 'keyless');
    const k = jet.JetAddColumn(sesid, created, 'k', { coltyp: JET_coltypLong });
    jet.JetCloseTable(sesid, created);
    const tableid = jet.JetOpenTable(sesid, dbid, 'keyless');
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(dir, 'fidelity.edb')), 'keyless');
    const insertBy = (session: bigint, cursor: bigint, value: number) => {
      jet.JetPrepareUpdate(session, cursor, JET_prepInsert);
      jet.JetSetColumn(session, cursor, k, long(value));
      try {
        jet.JetUpdate2(session, cursor);
      } catch (error) {
        jet.JetPrepareUpdate(session, cursor, JET_prepCancel);
        throw error;
      }
    };
    const { seen, level, owner } = await underWorkerContext(
      [
        () => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }]),
        () => insertBy(other, otherTable, 1),
        () => jet.JetSetCurrentIndex4(other, otherTable, 'pk'),
        () => jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'pk2', szKey: ['-k'], grbit: JET_bitIndexPrimary }]),
      ],
      // The context's owner inserts in the transaction the create left open.
      [
        { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepInsert] },
        { fn: 'JetSetColumn', args: [sesid, tableid, k, new Uint8Array([2, 0, 0, 0])] },
        { fn: 'JetUpdate2', args: [sesid, tableid] },
        { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepCancel] },
      ],
    );
    expect(level).toBe(1);
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(seen[1]).toBeInstanceOf(EsentWriteConflictPrimaryIndexError);
    expect(seen[2]).toBeInstanceOf(EsentIndexNotFoundError);
    expect(seen[3]).toBeInstanceOf(EsentIndexHasPrimaryError);
    expect(owner.map((r) => r.ok)).toEqual([true, true, false, true]);
    expect(owner[2]).toMatchObject({ errno: -1105 });
    // The rollback took the index out: both sessions insert, in the table's own order.
    insertBy(sesid, tableid, 3);
    insertBy(other, otherTable, 4);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'pk'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    let records = 1;
    while (tryMoveNext(tableid)) records++;
    expect(records).toBe(2);
    jet.JetEndSession(other, 0);
  });

  it('under a context another thread set, JetSetColumn of a long value with JET_bitSetUniqueMultiValues compares it with the record\'s other values before the long value\'s own transaction begins: a duplicate is JET_errMultiValuedDuplicate, a new value fails at that begin (fldmod.cxx ErrFLDSetOneColumn, ErrRECICheckUniqueLVMultiValues; lv.cxx ErrRECSetLongField; extended generator seed 20519)', async () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'values',
      rgcolumncreate: [{ szColumnName: 'lv', coltyp: JET_coltypLongBinary, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued }],
    });
    const { tableid } = created;
    const lv = created.columnids[0]!;
    const seen: unknown[] = [];
    const appendUnique = (value: number, itagSequence = 0) => {
      try {
        jet.JetSetColumn(sesid, tableid, lv, Buffer.from([value]), JET_bitSetUniqueMultiValues, { itagSequence });
        seen.push('success');
      } catch (caught) {
        seen.push(caught);
      }
    };
    // The worker's thread begins the transaction and sets the record's first value; this
    // thread's sets then nest their long value's transaction in it.
    const { results } = await runWorker<{ results: Array<{ ok: boolean }> }>(
      'jet-steps',
      {
        steps: [
          { fn: 'JetSetSessionContext', args: [sesid, 0x33n] },
          { fn: 'JetBeginTransaction', args: [sesid] },
          { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepInsert] },
          { fn: 'JetSetColumn', args: [sesid, tableid, lv, new Uint8Array([1])] },
          { ask: true, fn: 'JetRollback', args: [sesid, 0] },
          { fn: 'JetResetSessionContext', args: [sesid] },
        ],
      },
      () => {
        appendUnique(1);
        appendUnique(2);
        // The value itagSequence names is not compared with.
        appendUnique(1, 1);
        return null;
      },
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    expect(seen[0]).toBeInstanceOf(EsentMultiValuedDuplicateError);
    expect(seen[1]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(seen[2]).toBeInstanceOf(EsentSessionSharingViolationError);
    jet.JetCloseTable(sesid, tableid);
  });

  it('at level 0 under a context another thread set, JetRetrieveColumn and JetRetrieveColumns read in a read-only transaction of their own whose commit fails unseen: the read\'s own result, and the transaction stays open (fldext.cxx ErrIsamRetrieveColumn, ErrIsamRetrieveColumns)', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    let value: unknown;
    const read = await underWorkerContext(
      [() => (value = jet.JetRetrieveColumn(sesid, t.tableid, t.a).value)],
      [{ fn: 'JetPrepareUpdate', args: [sesid, t.tableid, JET_prepInsert] }],
    );
    expect(read.seen[0]).toBe('success');
    expect(value).toEqual(long(1));
    expect(read.level).toBe(1);
    expect(read.owner[0]).toMatchObject({ ok: false, errno: -1110 });
    const columns = await underWorkerContext([
      () => jet.JetRetrieveColumns(sesid, t.tableid, [{ columnid: t.b }]),
    ]);
    expect(columns.seen[0]).toBe('success');
    expect(columns.level).toBe(1);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    const failed = await underWorkerContext([() => jet.JetRetrieveColumn(sesid, t.tableid, t.a)]);
    expect(failed.seen[0]).toBeInstanceOf(EsentNoCurrentRecordError);
    expect(failed.level).toBe(1);
  });

  it('at level 0 under a context another thread set, JetOpenTable looks the table up in a read-only transaction of its own, whose commit or rollback fails and stays open (fileopen.cxx ErrFILEIOpenTable)', async () => {
    const { sesid, dbid } = fixture;
    const t = table();
    // A bad name fails before the transaction begins; a table found (here one in ESE's cache,
    // as just created) fails the commit; one not found fails the rollback, keeping its error.
    const { seen, level, owner } = await underWorkerContext(
      [() => jet.JetOpenTable(sesid, dbid, 'a.b'), () => jet.JetOpenTable(sesid, dbid, 't')],
      [{ fn: 'JetPrepareUpdate', args: [sesid, t.tableid, JET_prepInsert] }],
    );
    expect(seen[0]).toBeInstanceOf(EsentInvalidNameError);
    expect(seen[1]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(level).toBe(1);
    // The transaction left open is read-only.
    expect(owner[0]).toMatchObject({ ok: false, errno: -1110 });
    const missing = await underWorkerContext([() => jet.JetOpenTable(sesid, dbid, 'missing')]);
    expect(missing.seen[0]).toBeInstanceOf(EsentObjectNotFoundError);
    expect(missing.level).toBe(1);
    // Back at level 0 with no context, the table opens.
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 't'));
  });

  it('at level 0 under a context another thread set, JetGetTableIndexInfo fails its commit and leaves the transaction open', async () => {
    const { sesid } = fixture;
    const t = table();
    const { seen, level } = await underWorkerContext([() => jet.JetGetTableIndexInfo(sesid, t.tableid, null, JET_IdxInfoCount)]);
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    // Its rollback failed the same check: the worker, whose context it is, finds level 1.
    expect(level).toBe(1);
    expect(Number(jet.JetGetTableIndexInfo(sesid, t.tableid, null, JET_IdxInfoCount))).toBeGreaterThan(0);
  });

  it('at level 0 under a context another thread set, JetGetTableColumnInfo fails its commit and leaves the transaction open (info.cxx ErrIsamGetTableColumnInfo); a bad name fails before it begins', async () => {
    const { sesid } = fixture;
    const t = table();
    const { seen, level } = await underWorkerContext([
      () => jet.JetGetTableColumnInfo(sesid, t.tableid, 'a.b', JET_ColInfo),
      () => jet.JetGetTableColumnInfo(sesid, t.tableid, 'name', JET_ColInfo),
    ]);
    expect(seen[0]).toBeInstanceOf(EsentInvalidNameError);
    expect(seen[1]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(level).toBe(1);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'name', JET_ColInfo).columnid).toBe(t.name);
  });

  it('at level 0 under a context another thread set, JetGetTableInfo with JET_TblInfo reads the statistics through a read-only open of the table, whose commit fails (info.cxx ErrIsamGetTableInfo, stats.cxx ErrSTATSRetrieveTableStats, fileopen.cxx ErrFILEIOpenTable): the transaction stays open', async () => {
    const { sesid } = fixture;
    const t = table();
    const { seen, level, owner } = await underWorkerContext(
      [() => jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo), () => jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfoName)],
      [{ fn: 'JetPrepareUpdate', args: [sesid, t.tableid, JET_prepInsert] }],
    );
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(seen[1]).toBe('success');
    expect(level).toBe(1);
    // The transaction left open is read-only.
    expect(owner[0]).toMatchObject({ ok: false, errno: -1110 });
    expect(jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo)).toMatchObject({ objtyp: 1 });
  });

  it('at level 0 under a context another thread set, JetGetObjectInfo reads the catalog in a transaction of its own at every level, begun after the names are checked, whose commit fails, as does the rollback after a failure: the transaction stays open, and is not read-only (info.cxx ErrIsamGetObjectInfo)', async () => {
    const { sesid, dbid } = fixture;
    const t = table();
    for (const level of [JET_ObjInfoNoStats, JET_ObjInfo, JET_ObjInfoListNoStats, JET_ObjInfoList]) {
      const found = await underWorkerContext(
        [() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, level === JET_ObjInfo || level === JET_ObjInfoNoStats ? 't' : null, level)],
        [{ fn: 'JetPrepareUpdate', args: [sesid, t.tableid, JET_prepInsert] }, { fn: 'JetPrepareUpdate', args: [sesid, t.tableid, JET_prepCancel] }],
      );
      expect(found.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
      expect(found.level).toBe(1);
      expect(found.owner.map((r) => r.ok)).toEqual([true, true]);
    }
    // The engine's own tables too.
    const system = await underWorkerContext([() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'MSysObjects', JET_ObjInfoNoStats)]);
    expect(system.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(system.level).toBe(1);
    // A table not found: the lookup's error, the transaction left open all the same.
    const missing = await underWorkerContext([() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'absent', JET_ObjInfoNoStats)]);
    expect(missing.seen[0]).toBeInstanceOf(EsentObjectNotFoundError);
    expect(missing.level).toBe(1);
    // A container other than Tables and a bad name fail before the begin.
    const before = await whileWorkerHoldsContext(sesid, [
      [
        () => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, 'Other', 't', JET_ObjInfoNoStats),
        () => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, ' bad', JET_ObjInfoNoStats),
      ],
    ]);
    expect(before.seen[0]).toBeInstanceOf(EsentObjectNotFoundError);
    expect(before.seen[1]).toBeInstanceOf(EsentInvalidNameError);
    expect(before.steps.map((r) => r.ok)).toEqual([true, true, true]);
    expect(Number(before.steps[1]!.value)).toBe(0);
  });

  it('at level 0 under a context another thread set, JetRenameColumn begins its transaction once the names are checked, and the catalog update\'s nested transaction fails before the new name is looked at (fcreate.cxx ErrIsamRenameColumn, cat.cxx ErrCATRenameColumn): a missing column is its own error, and either way nothing is renamed and the transaction stays open', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    const taken = await underWorkerContext([() => jet.JetRenameColumn(sesid, t.tableid, 'name', 'a')]);
    expect(taken.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(taken.level).toBe(1);
    const free = await underWorkerContext([() => jet.JetRenameColumn(sesid, t.tableid, 'name', 'label')]);
    expect(free.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(free.level).toBe(1);
    const missing = await underWorkerContext([() => jet.JetRenameColumn(sesid, t.tableid, 'absent', 'x')]);
    expect(missing.seen[0]).toBeInstanceOf(EsentColumnNotFoundError);
    expect(missing.level).toBe(1);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'name').columnid).toBe(t.name);
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, t.tableid, 'label'), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    // A bad name fails before the begin.
    const bad = await whileWorkerHoldsContext(sesid, [[() => jet.JetRenameColumn(sesid, t.tableid, 'name', ' bad')]]);
    expect(bad.seen[0]).toBeInstanceOf(EsentInvalidNameError);
    expect(Number(bad.steps[1]!.value)).toBe(0);
    // With the session's own thread, the rename goes through.
    expect(jet.JetRenameColumn(sesid, t.tableid, 'name', 'label')).toBe(0);
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'label').columnid).toBe(t.name);
  });

  it('at level 0 under a context another thread set, going to a record in a secondary index (JetSetCurrentIndex4 with JET_bitNoMove, JetGotoBookmark) reads its key in a read-only transaction whose commit fails unseen: success, and the transaction stays open (rec.cxx ErrRECIGotoBookmark, fldnorm.cxx ErrRECIRetrieveKey)', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    const bookmark = jet.JetGetBookmark(sesid, t.tableid);
    // The primary index needs no key of the record: no transaction.
    const primary = await whileWorkerHoldsContext(sesid, [[() => jet.JetSetCurrentIndex4(sesid, t.tableid, null, JET_bitNoMove, 1)]]);
    expect(primary.seen[0]).toBe('success');
    expect(Number(primary.steps[1]!.value)).toBe(0);
    const secondary = await underWorkerContext([() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB', JET_bitNoMove, 1)]);
    expect(secondary.seen[0]).toBe('success');
    expect(secondary.level).toBe(1);
    expect(current(t)).toEqual([1, 1]);
    const goto = await underWorkerContext([() => jet.JetGotoBookmark(sesid, t.tableid, bookmark)]);
    expect(goto.seen[0]).toBe('success');
    expect(goto.level).toBe(1);
    jet.JetSetCurrentIndex4(sesid, t.tableid, null, 0, 1);
  });

  it('at level 0 under a context another thread set, JetRenameTable begins its transaction and looks the table up, and the catalog update\'s nested transaction fails (cat.cxx ErrCATRenameTable): a missing table is its own error, and either way nothing is renamed and the transaction stays open', async () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetCloseTable(sesid, t.tableid);
    const missing = await underWorkerContext([() => jet.JetRenameTable(sesid, dbid, 'absent', 'x')]);
    expect(missing.seen[0]).toBeInstanceOf(EsentObjectNotFoundError);
    expect(missing.level).toBe(1);
    const found = await underWorkerContext([() => jet.JetRenameTable(sesid, dbid, 't', 'u')]);
    expect(found.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(found.level).toBe(1);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'u'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 't'));
    expect(jet.JetRenameTable(sesid, dbid, 't', 'u')).toBe(0);
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 'u'));
  });

  it('at level 0 under a context another thread set, JetSetColumnDefaultValue opens the table in a read-only transaction of its own that neither commit nor rollback can end (fldmod.cxx ErrIsamSetColumnDefaultValue, fileopen.cxx ErrFILEIOpenTable): found or not, the session stays in it and the owner\'s next change is JET_errTransReadOnly', async () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetCloseTable(sesid, t.tableid);
    const ownerChange = { fn: 'JetCreateTable', args: [sesid, dbid, 'fromOwner'] };
    const missing = await underWorkerContext([() => jet.JetSetColumnDefaultValue(sesid, dbid, 'absent', 'name', text('hi'))], [ownerChange]);
    expect(missing.seen[0]).toBeInstanceOf(EsentObjectNotFoundError);
    expect(missing.level).toBe(1);
    expect(missing.owner[0]).toMatchObject({ ok: false, errno: -1110 });
    const found = await underWorkerContext([() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'name', text('hi'))], [ownerChange]);
    expect(found.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(found.level).toBe(1);
    expect(found.owner[0]).toMatchObject({ ok: false, errno: -1110 });
    // Nothing changed: a new record still has no default for the column.
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    expect(jet.JetRetrieveColumn(sesid, tableid, t.name, JET_bitRetrieveCopy).value).toBeNull();
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetCloseTable(sesid, tableid);
    // Owned by this thread, the same call succeeds.
    expect(jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'name', text('hi'))).toBe(0);
  });

  it('at level 0 under a context another thread set, JetUpdate2 fails the commit of its own transaction before it is done with the update (recupd.cxx ErrRECIReplace, ErrRECIInsert): the update stays prepared, its write in the transaction left open', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    // A replace that sets no column still begins and commits.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    const noOp = await underWorkerContext([
      () => jet.JetUpdate2(sesid, t.tableid),
      () => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert),
    ]);
    expect(noOp.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(noOp.seen[1]).toBeInstanceOf(EsentAlreadyPreparedError);
    expect(noOp.level).toBe(1);
    // The worker's rollback of level 1 keeps the update prepared at level 0 (tm.cxx ErrIsamRollback).
    jet.JetSetColumn(sesid, t.tableid, t.name, text('n'));
    jet.JetUpdate2(sesid, t.tableid);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.name).value).toEqual(text('n'));
    // An insert: the owner of the context finds the record in the transaction, which its
    // rollback takes away; the insert, still prepared, then goes in once.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(9));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(9));
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    const insert = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, t.tableid)],
      [{ fn: 'JetIndexRecordCount', args: [sesid, t.tableid, 0] }],
    );
    expect(insert.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(insert.level).toBe(1);
    expect(insert.owner[0]).toMatchObject({ ok: true, value: 5 });
    jet.JetUpdate2(sesid, t.tableid);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(5);
  });

  it('a replace prepared without the lock whose commit failed so holds the lock: the owner deletes the record through another cursor and the update then succeeds unseen, where a replace never upgraded finds the record deleted (recupd.cxx ErrRECIReplace, ErrRECUpgradeReplaceNoLock; extended generator seed 10413)', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    const other = jet.JetDupCursor(sesid, t.tableid);
    // Never upgraded: the update reads the record first, in the transaction that deleted it.
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetDelete(sesid, other);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetUpdate2');
    jet.JetRollback(sesid, 0);
    // Upgraded: the failed commit leaves the lock with the update, still prepared.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    const { seen, level, owner } = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, t.tableid)],
      [
        { fn: 'JetMove', args: [sesid, other, JET_MoveFirst, 0] },
        { fn: 'JetDelete', args: [sesid, other] },
        { fn: 'JetUpdate2', args: [sesid, t.tableid, 0] },
        { fn: 'JetMove', args: [sesid, other, JET_MoveFirst, 0] },
        { fn: 'JetRetrieveColumn', args: [sesid, other, t.b, 0] },
      ],
    );
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(level).toBe(1);
    expect(owner.slice(0, 4).map((step) => step.ok)).toEqual([true, true, true, true]);
    // Still deleted in the transaction: the first record is (1, 2).
    expect(owner[4]).toMatchObject({ ok: true });
    expect(decodeColumnValue(JET_coltypLong, (owner[4]!.value as { value: Buffer }).value)).toBe(2);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    // The worker's rollback gave the record back.
    jet.JetMove(sesid, other, JET_MoveFirst);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, other, t.b).value)).toBe(1);
    jet.JetCloseTable(sesid, other);
  });

  it('JetCreateDatabase2 under a context another thread set fails the commit of its first transaction in the new database: the file goes and the instance goes offline, every call on its sessions then JET_errInstanceUnavailable and JetTerm2 a dirty end with success (db.cxx ErrDBCreateDatabase, INST::SetInstanceUnavailable; tm.cxx ErrIsamTerm)', async () => {
    await onOwnInstance('offline', async (dir, instance) => {
    const sesid = jet.JetBeginSession(instance);
    const other = jet.JetBeginSession(instance);
    const dbid = jet.JetCreateDatabase2(other, join(dir, 'a.edb'));
    const tableid = jet.JetCreateTable(other, dbid, 't');
    jet.JetAddColumn(other, tableid, 'c', { coltyp: JET_coltypLong });
    jet.JetBeginTransaction(other);
    let created: boolean | undefined;
    const { seen, steps } = await whileWorkerHoldsContext(sesid, [
      [
        () => jet.JetCreateDatabase2(sesid, join(dir, 'b.edb')),
        () => (created = existsSync(join(dir, 'b.edb'))),
        () => jet.JetOpenTable(other, dbid, 'MSysObjects'),
        () => jet.JetBeginSession(instance),
      ],
    ]);
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(created).toBe(false);
    expect(seen[2]).toBeInstanceOf(EsentInstanceUnavailableError);
    expect(seen[3]).toBeInstanceOf(EsentInstanceUnavailableError);
    // The worker's own calls on the session, context reset included, are refused too.
    expect(steps.map((r) => (r.ok ? 'ok' : r.errno))).toEqual(['ok', -1090, -1090]);
    expectJetError(() => jet.JetEndSession(other, 0), EsentInstanceUnavailableError, -1090, 'JetEndSession');
    expectJetError(() => jet.JetCreateDatabase2(sesid, join(dir, 'c.edb')), EsentInstanceUnavailableError, -1090, 'JetCreateDatabase2');
    // An index definition ESE cannot read is refused before the call enters the session
    // (jetapi.cxx JetCreateIndexEx1W, CAutoIDXCREATE2::ErrSet; extended generator seed 22483).
    expectJetError(() => jet.JetCreateIndex2(other, tableid, [{ szIndexName: 'bad', szKey: '\u0000' }]), EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    expectJetError(() => jet.JetCreateIndex4(other, tableid, [{ szIndexName: 'bad', szKey: 'c\u0000\u0000' }]), EsentIndexInvalidDefError, -1406, 'JetCreateIndex4');
    expectJetError(() => jet.JetCreateIndex2(other, tableid, [{ szIndexName: 'good', szKey: ['+c'] }]), EsentInstanceUnavailableError, -1090, 'JetCreateIndex2');
    // The instance's parameters still answer.
    expect(jet.JetGetSystemParameter(instance, 0n, JET_paramMaxSessions).err).toBe(0);
    // A clean term would refuse the open transaction; offline, the term goes past it.
    expect(jet.JetTerm2(instance, 0)).toBe(0);
    expectJetError(() => jet.JetTerm2(instance, JET_bitTermAbrupt), EsentInvalidInstanceError, -1115, 'JetTerm2');
    });
  });

  it('JetAttachDatabase2 under a context another thread set: the file is attached, but the transaction ESE began to bring its own tables up to date cannot end, so the attach fails and the session stays in it; a read-only attach succeeds (db.cxx ErrIsamAttachDatabase; dir.cxx ErrDIRCommitTransaction, ErrDIRRollback)', async () => {
    await onOwnInstance('attach', async (dir, instance) => {
    const sesid = jet.JetBeginSession(instance);
    const other = jet.JetBeginSession(instance);
    const path = join(dir, 'a.edb');
    const created = jet.JetCreateDatabase2(other, path);
    jet.JetCloseTable(other, jet.JetCreateTable(other, created, 'kept'));
    jet.JetCloseDatabase(other, created, 0);
    jet.JetDetachDatabase2(other, path);
    let level: unknown;
    const writable = await whileWorkerHoldsContext(sesid, [
      [() => jet.JetAttachDatabase2(sesid, path), () => (level = jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel))],
    ]);
    expect(writable.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(writable.steps.map((r) => r.ok)).toEqual([true, true, true]);
    expect(level).toBe(1);
    // The database is attached, for both sessions.
    for (const session of [sesid, other]) {
      const dbid = jet.JetOpenDatabase(session, path);
      jet.JetCloseTable(session, jet.JetOpenTable(session, dbid, 'kept'));
      jet.JetCloseDatabase(session, dbid, 0);
    }
    // The transaction is the context's: this thread ends it only under that context.
    expectJetError(() => jet.JetCommitTransaction(sesid), EsentSessionSharingViolationError, -1910, 'JetCommitTransaction');
    expectJetError(() => jet.JetDetachDatabase2(sesid, path), EsentInTransactionError, -1108, 'JetDetachDatabase2');
    jet.JetSetSessionContext(sesid, 0x33n);
    jet.JetRollback(sesid);
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(0);
    jet.JetResetSessionContext(sesid);
    expect(jet.JetDetachDatabase2(sesid, path)).toBe(0);
    const readOnly = await whileWorkerHoldsContext(sesid, [
      [() => jet.JetAttachDatabase2(sesid, path, 0, JET_bitDbReadOnly), () => (level = jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel))],
    ]);
    expect(readOnly.seen[0]).toBe('success');
    expect(level).toBe(0);
    expect(jet.JetDetachDatabase2(sesid, path)).toBe(0);
    // The instance stayed online: a clean term.
    expect(jet.JetTerm2(instance, 0)).toBe(0);
    });
  });

  it('JetUpdate2 of an insert a secondary index refuses, at level 0 under a context another thread set: ESE put the record in the primary index first and its own rollback fails, so the record stays in the open transaction; deleting it is refused by the same index (recupd.cxx ErrRECIInsert, ErrRECIDelete, ErrRECIDeleteFromIndex)', async () => {
    const { sesid } = fixture;
    const { tableid, k } = keyedWithByV('refusing', JET_bitIndexDisallowNull);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k, long(7));
    const refused = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, tableid)],
      [
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
        { fn: 'JetIndexRecordCount', args: [sesid, tableid, 0] },
        { fn: 'JetDelete', args: [sesid, tableid] },
      ],
    );
    expect(refused.seen[0]).toBeInstanceOf(EsentNullKeyDisallowedError);
    expect(refused.level).toBe(1);
    expect(refused.owner[0]).toMatchObject({ ok: true });
    expect(refused.owner[1]).toMatchObject({ ok: true, value: 1 });
    expect(refused.owner[2]).toMatchObject({ ok: false, errno: -1053 });
    // The worker's rollback took the record away (its move had cancelled the prepared insert).
    expectJetError(() => jet.JetUpdate2(sesid, tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it("a replace of the record such a refused insert left, setting a column of the index that refused it, is refused too: the old record's null key is made as the new one is (recupd.cxx ErrRECIReplaceInIndex, whose tracking context errs on null segments); a replace leaving that index alone succeeds (extended generator seed 13144)", async () => {
    const { sesid } = fixture;
    const { tableid, k, v } = keyedWithByV('refusingReplace', JET_bitIndexDisallowNull);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k, long(7));
    const refused = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, tableid)],
      [
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
        { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepReplace] },
        { fn: 'JetSetColumn', args: [sesid, tableid, v, long(3), 0, null] },
        { fn: 'JetUpdate2', args: [sesid, tableid] },
        { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepCancel] },
        { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepReplace] },
        { fn: 'JetSetColumn', args: [sesid, tableid, k, long(7), 0, null] },
        { fn: 'JetUpdate2', args: [sesid, tableid] },
      ],
    );
    expect(refused.seen[0]).toBeInstanceOf(EsentNullKeyDisallowedError);
    expect(refused.owner.map((step) => (step.ok ? 'ok' : step.errno))).toEqual(['ok', 'ok', 'ok', -1053, 'ok', 'ok', 'ok', 'ok']);
  });

  it('JetUpdate2 of an insert a unique secondary index refuses as a duplicate, at level 0 under a context another thread set: the record stays in the open transaction with the entries of its values before the duplicate one (recupd.cxx ErrRECIInsert, ErrRECIInsertIndexEntry; extended generator seed 9170)', async () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'duplicateRefused',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'm', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byM', szKey: ['+m'], grbit: JET_bitIndexUnique },
      ],
    });
    const tableid = created.tableid;
    const [k, m] = created.columnids as number[];
    const insert = (key: number, values: number[]) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k!, long(key));
      for (const value of values) jet.JetSetColumn(sesid, tableid, m!, long(value), 0, { itagSequence: 0 });
    };
    insert(1, [5]);
    jet.JetUpdate2(sesid, tableid);
    insert(2, [3, 5, 8]);
    const refused = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, tableid)],
      [
        { fn: 'JetSetCurrentIndex4', args: [sesid, tableid, 'pk'] },
        { fn: 'JetIndexRecordCount', args: [sesid, tableid, 0] },
        { fn: 'JetSetCurrentIndex4', args: [sesid, tableid, 'byM'] },
        { fn: 'JetIndexRecordCount', args: [sesid, tableid, 0] },
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
        { fn: 'JetRetrieveColumn', args: [sesid, tableid, k!, 0] },
      ],
    );
    expect(refused.seen[0]).toBeInstanceOf(EsentKeyDuplicateError);
    expect(refused.level).toBe(1);
    expect(refused.owner.map((step) => step.ok)).toEqual([true, true, true, true, true, true]);
    expect(refused.owner[1]!.value).toBe(2);
    // Entries 3 (the new record's) and 5 (the first record's); none for 8.
    expect(refused.owner[3]!.value).toBe(2);
    expect(decodeColumnValue(JET_coltypLong, (refused.owner[5]!.value as { value: Buffer }).value)).toBe(2);
    // The worker's rollback took the record and its entry away.
    jet.JetSetCurrentIndex4(sesid, tableid, 'pk');
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(1);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byM');
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(1);
  });

  /**
   * A table of LONG columns k, v and w, keyed on k, with secondary indexes byV (v, nulls
   * disallowed) and byW (w) created in the order given, and an insert of k 7 and w 3 prepared:
   * byV refuses it.
   */
  function nullVInsertPrepared(name: string, order: ('byV' | 'byW')[]) {
    const { sesid, dbid } = fixture;
    const secondary = {
      byV: { szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexDisallowNull },
      byW: { szIndexName: 'byW', szKey: ['+w'], grbit: 0 },
    };
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: ['k', 'v', 'w'].map((szColumnName) => ({ szColumnName, coltyp: JET_coltypLong })),
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }, ...order.map((n) => secondary[n])],
    });
    const tableid = created.tableid;
    const [k, , w] = created.columnids as number[];
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(7));
    jet.JetSetColumn(sesid, tableid, w!, long(3));
    return { tableid, k: k!, w: w! };
  }

  it('JetUpdate2 of an insert refused by an older secondary index, at level 0 under a context another thread set: the newer index ESE went through first keeps its entry for the record left in the open transaction, and the older one has none (recupd.cxx ErrRECIInsert; fcb.hxx FCB::LinkSecondaryIndex)', async () => {
    const { sesid } = fixture;
    const { tableid } = nullVInsertPrepared('refusingLater', ['byV', 'byW']);
    const refused = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, tableid)],
      [
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
        { fn: 'JetSetCurrentIndex4', args: [sesid, tableid, 'byW'] },
        { fn: 'JetIndexRecordCount', args: [sesid, tableid, 0] },
        { fn: 'JetSetCurrentIndex4', args: [sesid, tableid, 'byV'] },
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
      ],
    );
    expect(refused.seen[0]).toBeInstanceOf(EsentNullKeyDisallowedError);
    expect(refused.level).toBe(1);
    expect(refused.owner[0]).toMatchObject({ ok: true });
    expect(refused.owner[2]).toMatchObject({ ok: true, value: 1 });
    expect(refused.owner[4]).toMatchObject({ ok: false, errno: -1603 });
    // The owner's rollback took the record away from both.
    jet.JetSetCurrentIndex4(sesid, tableid, 'byW');
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it('JetUpdate2 of an insert refused by the newest secondary index, at level 0 under a context another thread set: ESE stops there, so an older index that would hold an entry for the record left in the open transaction has none, and the record is found through the primary index only (recupd.cxx ErrRECIInsert; fcb.hxx FCB::LinkSecondaryIndex)', async () => {
    const { sesid } = fixture;
    const { tableid, k, w } = nullVInsertPrepared('refusingFirst', ['byW', 'byV']);
    const refused = await underWorkerContext(
      [() => jet.JetUpdate2(sesid, tableid)],
      [
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
        { fn: 'JetIndexRecordCount', args: [sesid, tableid, 0] },
        { fn: 'JetSetCurrentIndex4', args: [sesid, tableid, 'byW'] },
        { fn: 'JetIndexRecordCount', args: [sesid, tableid, 0] },
        { fn: 'JetMove', args: [sesid, tableid, JET_MoveFirst, 0] },
        { fn: 'JetSetCurrentIndex4', args: [sesid, tableid, 'pk'] },
        { fn: 'JetDelete', args: [sesid, tableid] },
      ],
    );
    expect(refused.seen[0]).toBeInstanceOf(EsentNullKeyDisallowedError);
    expect(refused.level).toBe(1);
    expect(refused.owner[0]).toMatchObject({ ok: true });
    expect(refused.owner[1]).toMatchObject({ ok: true, value: 1 });
    expect(refused.owner[3]).toMatchObject({ ok: true, value: 0 });
    expect(refused.owner[4]).toMatchObject({ ok: false, errno: -1603 });
    // Deleting it goes to the newest index first, which refuses the key again.
    expect(refused.owner[6]).toMatchObject({ ok: false, errno: -1053 });
    // The owner's rollback took the record away; an insert now goes into both indexes.
    jet.JetSetCurrentIndex4(sesid, tableid, 'pk');
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k, long(8));
    jet.JetSetColumn(sesid, tableid, w, long(3));
    expectJetError(() => jet.JetUpdate2(sesid, tableid), EsentNullKeyDisallowedError, -1053, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byW');
    expect(jet.JetIndexRecordCount(sesid, tableid, 0)).toBe(0);
  });

  it('JetAddColumn at level 0 under a context another thread set: a name in use is JET_errColumnDuplicate; a free one JET_errSessionSharingViolation at the catalog insert, once the column id is used up and the cursor put before the first record (fcreate.cxx ErrIsamAddColumn, cat.cxx ErrCATAddTableColumn)', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    const probe = jet.JetAddColumn(sesid, t.tableid, 'probe', { coltyp: JET_coltypLong });
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    const duplicate = await underWorkerContext([() => jet.JetAddColumn(sesid, t.tableid, 'a', { coltyp: JET_coltypLong })]);
    expect(duplicate.seen[0]).toBeInstanceOf(EsentColumnDuplicateError);
    expect(duplicate.level).toBe(1);
    expect(current(t)).toEqual([1, 1]);
    const free = await underWorkerContext([() => jet.JetAddColumn(sesid, t.tableid, 'fresh', { coltyp: JET_coltypLong })]);
    expect(free.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(free.level).toBe(1);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, t.tableid, 'fresh', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, probe + 1, JET_ColInfoByColid)).toMatchObject({ coltyp: JET_coltypLong });
    expect(jet.JetAddColumn(sesid, t.tableid, 'next', { coltyp: JET_coltypLong })).toBe(probe + 2);
  });

  /** Table 'adding' with one Long column v, and the cursor its creation returns, denying reads. */
  const addingTable = () =>
    jet.JetCreateTableColumnIndex3(fixture.sesid, fixture.dbid, {
      szTableName: 'adding',
      rgcolumncreate: [{ szColumnName: 'v', coltyp: JET_coltypLong }],
    });

  it('JetAddColumn refused at the catalog insert under a context another thread set leaves the column in the table until the context\'s owner rolls back: through the adder\'s deny-read cursor it is the table\'s in full (a NOT NULL column refuses an insert without it), through another cursor it is found by no one (fcreate.cxx ErrIsamAddColumn, rec.cxx ErrRECIIllegalNulls)', async () => {
    const { sesid, dbid } = fixture;
    const created = addingTable();
    // The cursor the creation returns denies reads to other sessions: the add is not versioned.
    const held = created.tableid;
    const ownerSteps = (tableid: unknown) => [
      { fn: 'JetGetTableColumnInfo', args: [sesid, tableid, 'fresh', JET_ColInfo] },
      { fn: 'JetPrepareUpdate', args: [sesid, tableid, JET_prepInsert] },
      { fn: 'JetUpdate2', args: [sesid, tableid, 0] },
    ];
    const add = (tableid: bigint) => () =>
      jet.JetAddColumn(sesid, tableid, 'fresh', { coltyp: JET_coltypLong, grbit: JET_bitColumnNotNULL });
    const unversioned = await underWorkerContext([add(held)], ownerSteps(held));
    expect(unversioned.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(unversioned.level).toBe(1);
    expect(unversioned.owner[0]).toMatchObject({ ok: true, value: { coltyp: JET_coltypLong } });
    expect(unversioned.owner[1]).toMatchObject({ ok: true });
    expect(unversioned.owner[2]).toMatchObject({ ok: false, errno: -1504 });
    // The owner's rollback took the column away.
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, held, 'fresh', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    jet.JetCloseTable(sesid, held);

    const opened = jet.JetOpenTable(sesid, dbid, 'adding');
    const versioned = await underWorkerContext([add(opened)], ownerSteps(opened));
    expect(versioned.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(versioned.level).toBe(1);
    expect(versioned.owner[0]).toMatchObject({ ok: false, errno: -1507 });
    expect(versioned.owner[1]).toMatchObject({ ok: true });
    expect(versioned.owner[2]).toMatchObject({ ok: true });
    expectJetError(() => jet.JetMove(sesid, opened, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it('a column a JetAddColumn refused at the catalog insert left in the table through the adder\'s deny-read cursor, kept by the owner\'s commit, is in the table\'s description but not in the catalog: another session creating an index on it, without the table held denying reads, does not find it, where the adder finds it (fcreate.cxx ErrFILEGetPfieldAndEnterDML with fLockColumn, cat.cxx ErrCATAccessTableColumn; seed 1283 of the seed list)', async () => {
    const { sesid, dbid, dir } = fixture;
    const created = addingTable();
    const held = created.tableid;
    const { seen, steps } = await whileWorkerHoldsContext(
      sesid,
      [[() => jet.JetAddColumn(sesid, held, 'fresh', { coltyp: JET_coltypLong })]],
      [{ fn: 'JetCommitTransaction', args: [sesid, 0] }],
    );
    expect(seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(steps.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(0);
    expect(jet.JetGetTableColumnInfo(sesid, held, 'fresh', JET_ColInfo)).toMatchObject({ coltyp: JET_coltypLong });
    jet.JetCloseTable(sesid, held);
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    const otherCursor = jet.JetOpenTable(other, otherDb, 'adding');
    expect(jet.JetGetTableColumnInfo(other, otherCursor, 'fresh', JET_ColInfo)).toMatchObject({ coltyp: JET_coltypLong });
    expectJetError(
      () => jet.JetCreateIndex2(other, otherCursor, [{ szIndexName: 'byFresh', szKey: ['+fresh'] }]),
      EsentColumnNotFoundError,
      -1507,
      'JetCreateIndex2',
    );
    // A column the catalog has is found so.
    expect(jet.JetCreateIndex2(other, otherCursor, [{ szIndexName: 'byV', szKey: ['+v'] }])).toBe(0);
    jet.JetCloseTable(other, otherCursor);
    jet.JetEndSession(other);
    // Holding the table denying reads, the adder builds on the table's description.
    const exclusive = jet.JetOpenTable(sesid, dbid, 'adding', JET_bitTableDenyRead);
    expect(jet.JetCreateIndex2(sesid, exclusive, [{ szIndexName: 'byFresh', szKey: ['+fresh'] }])).toBe(0);
  });

  it('JetAddColumn refused at the catalog insert under a context another thread set made its version through the cursor: closed while that transaction stays open, the deny-read cursor keeps the table from other sessions (JET_errTableLocked) until the owner rolls back (fcreate.cxx ErrIsamAddColumn, ver.cxx ErrVERFlag, bt.cxx BTClose)', async () => {
    const { sesid, dbid, dir } = fixture;
    const created = addingTable();
    const held = created.tableid;
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    const added = await underWorkerContext(
      [() => jet.JetAddColumn(sesid, held, 'fresh', { coltyp: JET_coltypLong })],
      [
        { fn: 'JetCloseTable', args: [sesid, held] },
        { fn: 'JetOpenTable', args: [other, otherDb, 'adding', 0] },
      ],
    );
    expect(added.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(added.level).toBe(1);
    expect(added.owner[0]).toMatchObject({ ok: true });
    expect(added.owner[1]).toMatchObject({ ok: false, errno: -1302 });
    // Back at level 0 the close is done and the table free.
    const opened = jet.JetOpenTable(other, otherDb, 'adding');
    jet.JetCloseTable(other, opened);
    jet.JetEndSession(other);
  });

  it('JetCreateIndex2 at level 0 under a context another thread set: its own level-0 begin passes, so the key\'s columns, a second primary index and a primary index on a table with records are refused before the catalog insert, whose nested begin fails with JET_errSessionSharingViolation before the insert would find the name in use (fcreate.cxx ErrFILEICreateIndex, ErrFILEIPrepareOneIndex; cat.cxx ErrCATAddTableIndex)', async () => {
    const { sesid, dbid } = fixture;
    const withPrimary = withRecords();
    const made = (name: string, rows: number) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: name, rgcolumncreate: [{ szColumnName: 'v', coltyp: JET_coltypLong }] });
      for (let i = 0; i < rows; i++) {
        jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, created.tableid, created.columnids[0]!, long(i));
        jet.JetUpdate2(sesid, created.tableid);
      }
      return created.tableid;
    };
    const filled = made('filled', 1);
    const empty = made('empty', 0);
    jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byV', szKey: ['+v'] }]);
    jet.JetCreateIndex2(sesid, empty, [{ szIndexName: 'byV', szKey: ['+v'] }]);
    // A name in use is found by the catalog insert itself, after a primary index found records.
    expectJetError(() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexPrimary }]), EsentTableNotEmptyError, -1308, 'JetCreateIndex2');
    expectJetError(() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byV', szKey: ['+v'] }]), EsentIndexDuplicateError, -1403, 'JetCreateIndex2');
    const cases: Array<[() => unknown, ErrorClass]> = [
      [() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'pkV', szKey: ['+v'], grbit: JET_bitIndexPrimary }]), EsentTableNotEmptyError],
      [() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexPrimary }]), EsentTableNotEmptyError],
      // The nested begin fails before the insert would find the name in use (seed 6288).
      [() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byV', szKey: ['+v'] }]), EsentSessionSharingViolationError],
      [() => jet.JetCreateIndex2(sesid, empty, [{ szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexPrimary }]), EsentSessionSharingViolationError],
      [() => jet.JetCreateIndex2(sesid, withPrimary.tableid, [{ szIndexName: 'pk', szKey: ['+b'] }]), EsentSessionSharingViolationError],
      [() => jet.JetCreateIndex2(sesid, withPrimary.tableid, [{ szIndexName: 'pk2', szKey: ['+b'], grbit: JET_bitIndexPrimary }]), EsentIndexHasPrimaryError],
      [() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byMissing', szKey: ['+missing'] }]), EsentColumnNotFoundError],
      [() => jet.JetCreateIndex2(sesid, empty, [{ szIndexName: 'pkV', szKey: ['+v'], grbit: JET_bitIndexPrimary }]), EsentSessionSharingViolationError],
      [() => jet.JetCreateIndex2(sesid, filled, [{ szIndexName: 'byV', szKey: ['+v'] }]), EsentSessionSharingViolationError],
    ];
    for (const [call, expected] of cases) {
      const result = await underWorkerContext([call]);
      expect(result.seen[0]).toBeInstanceOf(expected);
      // The call's own transaction stays open: its rollback fails under that context too.
      expect(result.level).toBe(1);
    }
    jet.JetCloseTable(sesid, filled);
    jet.JetCloseTable(sesid, empty);
  });

  it('JetCreateIndex2 works through a cursor of its own, which versions the creation before the catalog insert: left in a transaction, closed, it keeps the table in use for other sessions until level 0, after a success in the caller\'s transaction and after a failure at that insert under a context another thread set (fcreate.cxx ErrFILEICreateIndex, ErrFILEIPrepareOneIndex; bt.cxx BTClose)', async () => {
    const { sesid, dbid, dir } = fixture;
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    const make = (name: string) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: name, rgcolumncreate: [{ szColumnName: 'v', coltyp: JET_coltypLong }] });
      jet.JetCloseTable(sesid, created.tableid);
      return jet.JetOpenTable(sesid, dbid, name);
    };
    const inTransaction = make('inTransaction');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, inTransaction, [{ szIndexName: 'byV', szKey: ['+v'] }]);
    jet.JetCloseTable(sesid, inTransaction);
    expectJetError(() => jet.JetDeleteTable(other, otherDb, 'inTransaction'), EsentTableInUseError, -1304, 'JetDeleteTable');
    jet.JetCommitTransaction(sesid);
    expect(jet.JetDeleteTable(other, otherDb, 'inTransaction')).toBe(0);
    // At level 0 and under the caller's own context, the create's transaction ends with it.
    const alone = make('alone');
    jet.JetCreateIndex2(sesid, alone, [{ szIndexName: 'byV', szKey: ['+v'] }]);
    jet.JetCloseTable(sesid, alone);
    expect(jet.JetDeleteTable(other, otherDb, 'alone')).toBe(0);
    const foreign = make('foreign');
    const failed = await underWorkerContext([
      () => jet.JetCreateIndex2(sesid, foreign, [{ szIndexName: 'byV', szKey: ['+v'] }]),
      () => jet.JetCloseTable(sesid, foreign),
      () => jet.JetDeleteTable(other, otherDb, 'foreign'),
    ]);
    expect(failed.seen[0]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(failed.seen[1]).toBe('success');
    expect(failed.seen[2]).toBeInstanceOf(EsentTableInUseError);
    expect(failed.level).toBe(1);
    // The owner's rollback ends the transaction, and the cursor with it.
    expect(jet.JetDeleteTable(other, otherDb, 'foreign')).toBe(0);
    jet.JetEndSession(other);
  });

  it('JetDeleteColumn2 and JetDeleteIndex at level 0 under a context another thread set: a name not found, and the primary index, are refused before the catalog change, whose nested begin fails with JET_errSessionSharingViolation (fcreate.cxx ErrIsamDeleteColumn, ErrIsamDeleteIndex; cat.cxx ErrCATIDeleteTableColumn, ErrCATIDeleteTableIndex)', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]);
    const cases: Array<[() => unknown, ErrorClass]> = [
      [() => jet.JetDeleteColumn2(sesid, t.tableid, 'nope'), EsentColumnNotFoundError],
      [() => jet.JetDeleteColumn2(sesid, t.tableid, 'flag'), EsentSessionSharingViolationError],
      [() => jet.JetDeleteIndex(sesid, t.tableid, 'nope'), EsentIndexNotFoundError],
      [() => jet.JetDeleteIndex(sesid, t.tableid, 'pk'), EsentIndexMustStayError],
      [() => jet.JetDeleteIndex(sesid, t.tableid, 'byB'), EsentSessionSharingViolationError],
    ];
    for (const [call, expected] of cases) {
      const result = await underWorkerContext([call]);
      expect(result.seen[0]).toBeInstanceOf(expected);
      // The call's own transaction stays open: its rollback fails under that context too.
      expect(result.level).toBe(1);
    }
    // The context's owner rolled each back: the column and the index stay.
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'flag', JET_ColInfo)).toMatchObject({ columnid: t.flag });
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB');
  });
});

describe('long values, insert copies and new indexes begin transactions of their own (ESE lv.cxx ErrRECSetLongField, ErrRECAffectLongFieldsInWorkBuf; fldmod.cxx ErrIsamPrepareUpdate; fcreate.cxx ErrFILEICreateIndex)', () => {
  it('JET_prepInsertCopy needs a transaction, and inside one begun under another session context it fails with JET_errSessionSharingViolation, preparing nothing', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    // ErrRECAffectLongFieldsInWorkBuf references the copy's long values, whether it has any or not.
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopy), EsentNotInTransactionError, -1054, 'JetPrepareUpdate');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.a, long(9)), EsentUpdateNotPreparedError, -1609, 'JetSetColumn');
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopy), EsentSessionSharingViolationError, -1910, 'JetPrepareUpdate');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.a, long(9)), EsentUpdateNotPreparedError, -1609, 'JetSetColumn');
    underContext(0x11n);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopy);
    jet.JetSetColumn(sesid, t.tableid, t.b, long(9));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(5);
  });

  it('JetSetColumn of a long value inside a transaction begun under another session context fails with JET_errSessionSharingViolation; other columns are set', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'lv',
      rgcolumncreate: [
        { szColumnName: 'n', coltyp: JET_coltypLong },
        { szColumnName: 'memo', coltyp: JET_coltypLongText, cp: 1252 },
      ],
    });
    const [n, memo] = created.columnids as number[];
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, n!, long(1));
    expectJetError(() => jet.JetSetColumn(sesid, created.tableid, memo!, text('zz')), EsentSessionSharingViolationError, -1910, 'JetSetColumn');
    underContext(0x11n);
    jet.JetSetColumn(sesid, created.tableid, memo!, text('zz'));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, created.tableid, memo!).value).toEqual(text('zz'));
  });

  it('JetCreateIndex2 inside a transaction begun under another session context fails with JET_errSessionSharingViolation once its name is checked', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    // The name is checked before the transaction begins, the key's columns after.
    expectJetError(() => jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: ' bad', szKey: ['+b'], grbit: 0 }]), EsentInvalidNameError, -1002, 'JetCreateIndex2');
    expectJetError(() => jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byMissing', szKey: ['+missing'], grbit: 0 }]), EsentSessionSharingViolationError, -1910, 'JetCreateIndex2');
    expectJetError(() => jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]), EsentSessionSharingViolationError, -1910, 'JetCreateIndex2');
    // So are the locale and the map flags (ErrFILEIValidateCreateIndex, before the begin).
    const unicode = (szLocaleName: string, dwMapFlags: number) => () =>
      jet.JetCreateIndex4(sesid, t.tableid, [{ szIndexName: 'byName', szKey: ['+name'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName, dwMapFlags } }]);
    expectJetError(unicode('xx-NOPE', 0), EsentInvalidLanguageIdError, -1062, 'JetCreateIndex4');
    expectJetError(unicode('en-US', 0x100), EsentInvalidLCMapStringFlagsError, -1064, 'JetCreateIndex4');
    expectJetError(unicode('en-US', 0), EsentSessionSharingViolationError, -1910, 'JetCreateIndex4');
    underContext(0x11n);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetResetSessionContext(sesid);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
  });
});

describe('a single change under a session context another thread set leaves no transaction when it fails before ESE begins one (ESE fcreate.cxx ErrFILECreateTable; dir.cxx ErrDIRBeginTransaction)', () => {
  it('JetCreateTable with an invalid name fails at level 0 and the session stays at level 0; a duplicate name leaves level 1', async () => {
    const { sesid, dbid } = fixture;
    table();
    const { seen, steps } = await whileWorkerHoldsContext(
      sesid,
      [[() => jet.JetCreateTable(sesid, dbid, ' bad')], [() => jet.JetCreateTable(sesid, dbid, 't')]],
      [{ fn: 'JetRollback', args: [sesid, 0] }],
    );
    expect(seen[0]).toBeInstanceOf(EsentInvalidNameError);
    expect(seen[1]).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(steps.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(Number(steps[1]!.value)).toBe(0);
    expect(Number(steps[2]!.value)).toBe(1);
    // The session is free again: a database can be created, which needs level 0.
    jet.JetCreateDatabase2(sesid, join(fixture.dir, 'after.edb'));
  });
});

describe('the page count a new table keeps (ESE fcreate.cxx ErrFILECreateTableProcessSpaceHints; info.cxx ErrIsamGetTableInfo)', () => {
  it('JET_TblInfoSpaceAlloc: a page per index and one for a table without a primary index, or the pages asked for; one page reads as 0', () => {
    const { sesid, dbid } = fixture;
    const spaceAlloc = (tableid: bigint) => jet.JetGetTableInfo(sesid, tableid, JET_TblInfoSpaceAlloc);
    expect(spaceAlloc(jet.JetCreateTable(sesid, dbid, 'plain'))).toEqual([0, 80]);
    expect(spaceAlloc(jet.JetCreateTable(sesid, dbid, 'asked', 5, 90))).toEqual([5, 90]);
    const columns = [
      { szColumnName: 'a', coltyp: JET_coltypLong },
      { szColumnName: 'b', coltyp: JET_coltypLong },
    ];
    const created = (szTableName: string, rgindexcreate: Array<{ szIndexName: string; szKey: string[]; grbit: number }>, ulPages = 0) =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName, ulPages, rgcolumncreate: columns, rgindexcreate }).tableid;
    expect(spaceAlloc(created('primaryOnly', [{ szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary }]))).toEqual([0, 80]);
    expect(
      spaceAlloc(
        created('three', [
          { szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary },
          { szIndexName: 'byB', szKey: ['+b'], grbit: 0 },
          { szIndexName: 'byBA', szKey: ['+b', '+a'], grbit: 0 },
        ]),
      ),
    ).toEqual([3, 80]);
    expect(spaceAlloc(created('noPrimary', [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }]))).toEqual([2, 80]);
    expect(spaceAlloc(created('many', [{ szIndexName: 'byB', szKey: ['+b'], grbit: 0 }], 7))).toEqual([7, 80]);
  });
});

describe('a primary index over a multi-valued column (ESE fcreate.cxx ErrFILEICreateIndexes)', () => {
  it('is JET_errIndexInvalidDef; a secondary index over it is allowed', () => {
    const { sesid, dbid } = fixture;
    const columns = [{ szColumnName: 'c', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued }];
    expectJetError(
      () =>
        jet.JetCreateTableColumnIndex3(sesid, dbid, {
          szTableName: 'mvp',
          rgcolumncreate: columns,
          rgindexcreate: [{ szIndexName: 'pk', szKey: ['-c'], grbit: JET_bitIndexPrimary }],
        }),
      EsentIndexInvalidDefError,
      -1406,
      'JetCreateTableColumnIndex3',
    );
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'mvs',
      rgcolumncreate: columns,
      rgindexcreate: [{ szIndexName: 'byC', szKey: ['+c'], grbit: 0 }],
    });
    expect(created.cCreated).toBe(3);
  });
});

describe('JetSetColumn checks its grbits before the column (ESE fldmod.cxx ErrFLDSetOneColumn)', () => {
  it('a unique multi-value bit with a long-value operation is JET_errInvalidGrbit, before a long value\'s JET_errNotInTransaction', () => {
    const { sesid } = fixture;
    const t = table();
    const lv = jet.JetAddColumn(sesid, t.tableid, 'lv', { coltyp: JET_coltypLongBinary });
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expectJetError(
      () => jet.JetSetColumn(sesid, t.tableid, lv, text('abc'), JET_bitSetUniqueMultiValues | JET_bitSetOverwriteLV),
      EsentInvalidGrbitError,
      -900,
      'JetSetColumn',
    );
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, lv, text('abc')), EsentNotInTransactionError, -1054, 'JetSetColumn');
  });
});

describe('JetMakeKey with JET_bitNewKey (ESE fldnorm.cxx ErrIsamMakeKey)', () => {
  it('wipes the old key at once; a first segment refused leaves no key, so JetSeek is JET_errKeyNotMade', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expectJetError(
      () => jet.JetMakeKey(sesid, t.tableid, Buffer.from([1, 2, 3]), JET_bitNewKey),
      EsentInvalidBufferSizeError,
      -1047,
      'JetMakeKey',
    );
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekGE), EsentKeyNotMadeError, -1608, 'JetSeek');
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(current(t)).toEqual([2, 1]);
  });
});

describe('JetMakeKey of one byte for a Unicode text column (ESE fldnorm.cxx ErrFLDNormalizeTextSegment, norm.cxx ErrNORMMapString)', () => {
  it('leaves no whole UTF-16 unit to map: JET_errUnicodeTranslationFail, the segment not taken; three bytes map the first unit', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'units',
      rgcolumncreate: [
        { szColumnName: 'n', coltyp: JET_coltypLong },
        { szColumnName: 'u', coltyp: JET_coltypText, cp: 1200 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+n', '+u'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byU', szKey: ['+u'], grbit: 0 },
      ],
    });
    const { tableid } = created;
    const [n, u] = created.columnids as number[];
    const unit = Buffer.from('c\0', 'latin1');
    const oneByte = Buffer.from('c', 'latin1');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, n!, long(1));
    jet.JetSetColumn(sesid, tableid, u!, unit);
    jet.JetUpdate2(sesid, tableid);
    // A later segment: the key keeps the segments it had.
    jet.JetMakeKey(sesid, tableid, long(1), JET_bitNewKey);
    expectJetError(() => jet.JetMakeKey(sesid, tableid, oneByte, 0), EsentUnicodeTranslationFailError, -602, 'JetMakeKey');
    jet.JetMakeKey(sesid, tableid, unit, 0);
    expect(jet.JetSeek(sesid, tableid, JET_bitSeekEQ)).toBe(0);
    // A first segment: no key is left.
    jet.JetSetCurrentIndex4(sesid, tableid, 'byU');
    expectJetError(() => jet.JetMakeKey(sesid, tableid, oneByte, JET_bitNewKey), EsentUnicodeTranslationFailError, -602, 'JetMakeKey');
    expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekGE), EsentKeyNotMadeError, -1608, 'JetSeek');
    // Three bytes: the first unit, the odd byte dropped.
    jet.JetMakeKey(sesid, tableid, Buffer.from('c\0d', 'latin1'), JET_bitNewKey);
    expect(jet.JetSeek(sesid, tableid, JET_bitSeekEQ)).toBe(0);
  });
});

describe('a record whose key holds a Unicode text value of one byte (ESE fldnorm.cxx ErrRECIRetrieveKey, ErrFLDNormalizeTextSegment; recupd.cxx ErrRECIInsert, ErrRECIReplace, ErrIsamDelete)', () => {
  const oneByte = Buffer.from('c', 'latin1');
  let next = 1;
  /**
   * Table `name`: k (Long, primary key), u (Unicode Text), big (LongText), n (Long), mv (Unicode
   * Text, tagged multi-valued), with the secondary indexes given, in that order.
   */
  function unicodeTable(name: string, indexes: Array<{ szIndexName: string; szKey: string[]; grbit: number }>) {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'u', coltyp: JET_coltypText, cbMax: 100, cp: 1200 },
        { szColumnName: 'big', coltyp: JET_coltypLongText, cp: 1252 },
        { szColumnName: 'n', coltyp: JET_coltypLong },
        { szColumnName: 'mv', coltyp: JET_coltypText, cbMax: 100, cp: 1200, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const { tableid } = created;
    const [k, u, big, n, mv] = created.columnids as [number, number, number, number, number];
    for (const index of indexes) jet.JetCreateIndex2(sesid, tableid, [index]);
    return {
      tableid,
      u,
      big,
      n,
      mv,
      /** Prepares an insert of a new key and sets columns with `set`; JetUpdate2 is the caller's. */
      prepare(set: () => void) {
        jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, tableid, k, long(next++));
        set();
      },
      /** Inserts in a transaction of its own; a refused insert is cancelled and rolled back. */
      insert(set: () => void) {
        jet.JetBeginTransaction(sesid);
        try {
          this.prepare(set);
          jet.JetUpdate2(sesid, tableid);
          jet.JetCommitTransaction(sesid, 0);
        } catch (e) {
          jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
          jet.JetRollback(sesid, 0);
          throw e;
        }
      },
      count: () => jet.JetIndexRecordCount(sesid, tableid, 0),
    };
  }
  const refused = (fn: () => unknown, name: string) => expectJetError(fn, EsentUnicodeTranslationFailError, -602, name);

  it('an insert or a replace that would index one is refused with JET_errUnicodeTranslationFail, still prepared, nothing written; the primary index too; not once the key is full before its segment', () => {
    const { sesid } = fixture;
    const t = unicodeTable('secondary', [{ szIndexName: 'byU', szKey: ['+u'], grbit: 0 }]);
    t.prepare(() => jet.JetSetColumn(sesid, t.tableid, t.u, oneByte));
    refused(() => jet.JetUpdate2(sesid, t.tableid), 'JetUpdate2');
    refused(() => jet.JetUpdate2(sesid, t.tableid), 'JetUpdate2');
    jet.JetSetColumn(sesid, t.tableid, t.u, Buffer.from('c\0d', 'latin1'));
    jet.JetUpdate2(sesid, t.tableid);
    expect(t.count()).toBe(1);
    // A replace: still prepared after the refusal.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.u, oneByte);
    refused(() => jet.JetUpdate2(sesid, t.tableid), 'JetUpdate2');
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    // In a transaction, which goes on.
    expect(() => t.insert(() => jet.JetSetColumn(sesid, t.tableid, t.u, oneByte))).toThrow(EsentUnicodeTranslationFailError);
    expect(t.count()).toBe(1);

    const primary = jet.JetCreateTableColumnIndex3(sesid, fixture.dbid, {
      szTableName: 'primary',
      rgcolumncreate: [{ szColumnName: 'u', coltyp: JET_coltypText, cbMax: 100, cp: 1200 }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+u'], grbit: JET_bitIndexPrimary }],
    });
    jet.JetPrepareUpdate(sesid, primary.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, primary.tableid, primary.columnids[0]!, oneByte);
    refused(() => jet.JetUpdate2(sesid, primary.tableid), 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, primary.tableid, JET_prepCancel);
    expect(jet.JetIndexRecordCount(sesid, primary.tableid, 0)).toBe(0);

    // A key already full (600 characters of big) normalises no later segment.
    const full = unicodeTable('full', [{ szIndexName: 'byBigU', szKey: ['+big', '+u'], grbit: 0 }]);
    full.insert(() => {
      jet.JetSetColumn(sesid, full.tableid, full.big, Buffer.from('abcdefghij'.repeat(60), 'latin1'));
      jet.JetSetColumn(sesid, full.tableid, full.u, oneByte);
    });
    expect(() =>
      full.insert(() => {
        jet.JetSetColumn(sesid, full.tableid, full.big, Buffer.from('abc', 'latin1'));
        jet.JetSetColumn(sesid, full.tableid, full.u, oneByte);
      }),
    ).toThrow(EsentUnicodeTranslationFailError);
    expect(full.count()).toBe(1);
  });

  it('the key is made before the index looks at its nulls: it comes before JET_errNullKeyDisallowed in the same index, and indexes are met newest first; any value of a multi-valued column counts', () => {
    const { sesid } = fixture;
    const oneByteU = (t: ReturnType<typeof unicodeTable>) => () => jet.JetSetColumn(sesid, t.tableid, t.u, oneByte);
    const same = unicodeTable('same', [{ szIndexName: 'nu', szKey: ['+n', '+u'], grbit: JET_bitIndexDisallowNull }]);
    expect(() => same.insert(oneByteU(same))).toThrow(EsentUnicodeTranslationFailError);
    const newerU = unicodeTable('newerU', [
      { szIndexName: 'byN', szKey: ['+n'], grbit: JET_bitIndexDisallowNull },
      { szIndexName: 'byU', szKey: ['+u'], grbit: 0 },
    ]);
    expect(() => newerU.insert(oneByteU(newerU))).toThrow(EsentUnicodeTranslationFailError);
    const newerN = unicodeTable('newerN', [
      { szIndexName: 'byU', szKey: ['+u'], grbit: 0 },
      { szIndexName: 'byN', szKey: ['+n'], grbit: JET_bitIndexDisallowNull },
    ]);
    expect(() => newerN.insert(oneByteU(newerN))).toThrow(EsentNullKeyDisallowedError);
    const multi = unicodeTable('multi', [{ szIndexName: 'byMv', szKey: ['+mv'], grbit: 0 }]);
    expect(() =>
      multi.insert(() => {
        jet.JetSetColumn(sesid, multi.tableid, multi.mv, Buffer.from('c\0', 'latin1'));
        jet.JetSetColumn(sesid, multi.tableid, multi.mv, oneByte, 0, { itagSequence: 2 });
      }),
    ).toThrow(EsentUnicodeTranslationFailError);
    expect(multi.count()).toBe(0);
  });

  it('an insert passes over an index that ignores nulls when it did not set the columns the index needs (FRECIPossiblyUpdateSparseIndex), a replace over an index none of whose columns it set (FRECIIndexPossiblyChanged); an index build and a delete make every key', () => {
    const { sesid } = fixture;
    const t = unicodeTable('sparse', [{ szIndexName: 'nu', szKey: ['+n', '-u'], grbit: JET_bitIndexIgnoreAnyNull }]);
    // n not set: the index is passed over, and the record is in the table.
    t.insert(() => jet.JetSetColumn(sesid, t.tableid, t.u, oneByte));
    // n set, even to null: the key is made.
    expect(() =>
      t.insert(() => {
        jet.JetSetColumn(sesid, t.tableid, t.n, null);
        jet.JetSetColumn(sesid, t.tableid, t.u, oneByte);
      }),
    ).toThrow(EsentUnicodeTranslationFailError);
    expect(t.count()).toBe(1);
    // A replace of a column the index does not have; then of one it has.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.mv, Buffer.from('c\0', 'latin1'));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.n, long(4));
    refused(() => jet.JetUpdate2(sesid, t.tableid), 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetCommitTransaction(sesid, 0);
    // A delete takes the record out of every index by its keys.
    refused(() => jet.JetDelete(sesid, t.tableid), 'JetDelete');
    expect(t.count()).toBe(1);
    // The build makes every record's key: an index that would ignore the record refuses it too.
    const built = unicodeTable('built', []);
    built.insert(() => jet.JetSetColumn(sesid, built.tableid, built.u, oneByte));
    refused(() => jet.JetCreateIndex2(sesid, built.tableid, [{ szIndexName: 'nu', szKey: ['+n', '+u'], grbit: JET_bitIndexIgnoreAnyNull }]), 'JetCreateIndex2');
    refused(() => jet.JetCreateIndex2(sesid, built.tableid, [{ szIndexName: 'byU', szKey: ['+u'], grbit: 0 }]), 'JetCreateIndex2');
    expectJetError(
      () => jet.JetCreateIndex2(sesid, built.tableid, [{ szIndexName: 'byN', szKey: ['+n'], grbit: JET_bitIndexDisallowNull }]),
      EsentNullKeyDisallowedError,
      -1053,
      'JetCreateIndex2',
    );
    expect(jet.JetGetTableIndexInfo(sesid, built.tableid, null, JET_IdxInfoCount)).toBe(1);
  });
});

describe('JetRetrieveKey with JET_bitRetrieveCopy (ESE fldnorm.cxx ErrIsamRetrieveKey, rec.cxx ErrRECSetCurrentIndex)', () => {
  it('copies the search key buffer: the key last made, after a seek has used it; empty only after a refused new key or a new index', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const copy = () => jet.JetRetrieveKey(sesid, t.tableid, JET_bitRetrieveCopy);
    expectJetError(copy, EsentKeyNotMadeError, -1608, 'JetRetrieveKey');
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetMakeKey(sesid, t.tableid, long(5), 0);
    const made = copy();
    expect(made.length).toBeGreaterThan(0);
    // The seek finds nothing and takes the key (JetSeek again: KeyNotMade); the buffer keeps it.
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentKeyNotMadeError, -1608, 'JetSeek');
    expect(copy()).toEqual(made);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(copy()).toEqual(made);
    // A key of one column, made and used by a seek that finds a record: still copied.
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    const shorter = copy();
    expect(shorter.length).toBeLessThan(made.length);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(copy()).toEqual(shorter);
    // Another index has a cursor of its own, with no key; back on the primary index, its key.
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byReq', szKey: ['+req'] }]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byReq');
    expectJetError(copy, EsentKeyNotMadeError, -1608, 'JetRetrieveKey');
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    expect(copy()).toEqual(shorter);
    // JET_bitNewKey empties the buffer before a refused first segment.
    expectJetError(() => jet.JetMakeKey(sesid, t.tableid, Buffer.from([1, 2, 3]), JET_bitNewKey), EsentInvalidBufferSizeError, -1047, 'JetMakeKey');
    expectJetError(copy, EsentKeyNotMadeError, -1608, 'JetRetrieveKey');
  });
});

describe('JetRetrieveKey with JET_bitRetrieveCopy after a goto on a secondary index (ESE rec.cxx ErrRECIGotoBookmark, fldnorm.cxx ErrIsamMakeKey, ErrIsamRetrieveKey)', () => {
  const copy = (tableid: bigint) => jet.JetRetrieveKey(fixture.sesid, tableid, JET_bitRetrieveCopy);
  const putNull = (t: { tableid: bigint; k: number }, key: number): Buffer => {
    const { sesid } = fixture;
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.k, long(key));
    return jet.JetUpdate2(sesid, t.tableid);
  };

  it("gives an index cursor without a search key buffer one of its own, 2,001 bytes (cbKeyAlloc), the record's key at its start, which the copy returns whole until a key is made in it; a new index cursor has none", () => {
    const { sesid } = fixture;
    const t = keyedWithByV('GotoOwnKeyBuffer', JET_bitIndexIgnoreNull);
    putKeyed(t, 1, 10);
    const notIndexed = putNull(t, 2);
    putKeyed(t, 3, 30);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    const first = jet.JetGetBookmark(sesid, t.tableid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV');
    expectJetError(() => copy(t.tableid), EsentKeyNotMadeError, -1608, 'JetRetrieveKey');
    // The record has no entry in byV: the buffer is made all the same.
    expectJetError(() => jet.JetGotoBookmark(sesid, t.tableid, notIndexed), EsentNoCurrentRecordError, -1603, 'JetGotoBookmark');
    expect(copy(t.tableid).length).toBe(2001);
    jet.JetGotoBookmark(sesid, t.tableid, first);
    const entry = jet.JetRetrieveKey(sesid, t.tableid);
    const whole = copy(t.tableid);
    expect(whole.length).toBe(2001);
    expect(whole.subarray(0, entry.length)).toEqual(entry);
    // A key made goes into that buffer, with its own length.
    jet.JetMakeKey(sesid, t.tableid, long(30), JET_bitNewKey);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
    expect(copy(t.tableid)).toEqual(jet.JetRetrieveKey(sesid, t.tableid));
    // Away to the primary index and back: a new index cursor, with no buffer.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV');
    expectJetError(() => copy(t.tableid), EsentKeyNotMadeError, -1608, 'JetRetrieveKey');
    // So does JET_bitNoMove, which goes to the record as a goto does.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    jet.JetGotoBookmark(sesid, t.tableid, first);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV', JET_bitNoMove);
    expect(copy(t.tableid).length).toBe(2001);
    jet.JetCloseTable(sesid, t.tableid);
  });

  it("writes the record's key over a key made before, in the table cursor's buffer that the index cursor borrowed", () => {
    const { sesid } = fixture;
    const t = keyedWithByV('GotoBorrowedKeyBuffer', 0);
    putKeyed(t, 1, 10);
    putKeyed(t, 2, 2000);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    const first = jet.JetGetBookmark(sesid, t.tableid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV');
    jet.JetMakeKey(sesid, t.tableid, long(2000), JET_bitNewKey);
    const made = copy(t.tableid);
    jet.JetGotoBookmark(sesid, t.tableid, first);
    const entry = jet.JetRetrieveKey(sesid, t.tableid);
    expect(entry).not.toEqual(made);
    expect(copy(t.tableid)).toEqual(entry);
    jet.JetCloseTable(sesid, t.tableid);
  });
});

describe('JetRetrieveKey of an empty secondary index after a read through the table cursor (ESE dir.cxx ErrDIRIIRefresh, ErrDIRGet; fldnorm.cxx ErrIsamRetrieveKey)', () => {
  it("answers an empty key: the read's deferred move to the first entry left the index's cursor at the index's root, which ErrDIRGet does not refuse", () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byReq', szKey: ['+req'] }]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byReq');
    const key = () => jet.JetRetrieveKey(sesid, t.tableid);
    // The index's own cursor makes its deferred move and stays deferred: no current record.
    expectJetError(key, EsentNoCurrentRecordError, -1603, 'JetRetrieveKey');
    expectJetError(key, EsentNoCurrentRecordError, -1603, 'JetRetrieveKey');
    // A read through the table's cursor sends the index's cursor to the root and leaves it there.
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    expect(key().length).toBe(0);
    expect(key().length).toBe(0);
    // Making the index current again puts its cursor back to the deferred move.
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byReq');
    expectJetError(key, EsentNoCurrentRecordError, -1603, 'JetRetrieveKey');
    // A move puts it on an entry: the entry's key.
    insert(t, 1, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expect(key().length).toBeGreaterThan(0);
  });

  it('a JetPrepareUpdate copy that fails reads through the table\'s cursor too; at the root a move by 0 rows succeeds and JetIndexRecordCount finds no current record (dir.cxx ErrDIRIndexRecordCount: only a deferred move counts an empty index as 0)', () => {
    const { sesid } = fixture;
    const t = table();
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byReq', szKey: ['+req'] }]);
    for (const prep of [JET_prepInsertCopy, JET_prepInsertCopyDeleteOriginal]) {
      jet.JetSetCurrentIndex4(sesid, t.tableid, 'byReq');
      expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(0);
      expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, prep), EsentNoCurrentRecordError, -1603, 'JetPrepareUpdate');
      expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetIndexRecordCount');
      expect(jet.JetMove(sesid, t.tableid, 0)).toBe(0);
      // A move leaves the root.
      expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
      expectJetError(() => jet.JetMove(sesid, t.tableid, 0), EsentNoCurrentRecordError, -1603, 'JetMove');
    }
    // On the primary index there is no index cursor to leave at the root.
    jet.JetSetCurrentIndex4(sesid, t.tableid, null);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopy), EsentNoCurrentRecordError, -1603, 'JetPrepareUpdate');
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(0);
    expectJetError(() => jet.JetMove(sesid, t.tableid, 0), EsentNoCurrentRecordError, -1603, 'JetMove');
  });
});

describe('long-value operations of JetSetColumn (ESE lv.cxx ErrLVOpFromGrbit, ErrRECSetLongField, ErrRECAOIntrinsicLV)', () => {
  function longValueRecord() {
    const { sesid } = fixture;
    const t = table();
    const lv = jet.JetAddColumn(sesid, t.tableid, 'lv', { coltyp: JET_coltypLongBinary });
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    const set = (data: Buffer | null, grbit: number, ibLongValue = 0) =>
      jet.JetSetColumn(sesid, t.tableid, lv, data, grbit, { itagSequence: 1, ibLongValue });
    const value = () => jet.JetRetrieveColumn(sesid, t.tableid, lv, JET_bitRetrieveCopy).value;
    const noChunk = (fn: () => unknown) => expectJetError(fn, EsentColumnNoChunkError, -1502, 'JetSetColumn');
    const end = () => {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
      jet.JetRollback(sesid, 0);
    };
    return { set, value, noChunk, end };
  }

  it('JET_bitSetOverwriteLV: a new value only at offset 0, an existing one up to its length (which appends); past it JET_errColumnNoChunk', () => {
    const { set, value, noChunk, end } = longValueRecord();
    noChunk(() => set(text('ab'), JET_bitSetOverwriteLV, 1000));
    noChunk(() => set(null, JET_bitSetOverwriteLV, 2));
    expect(value()).toBe(null);
    expect(set(text('abc'), JET_bitSetOverwriteLV, 0)).toBe(0);
    noChunk(() => set(text('de'), JET_bitSetOverwriteLV, 4));
    expect(value()).toEqual(text('abc'));
    expect(set(text('de'), JET_bitSetOverwriteLV, 3)).toBe(0);
    expect(value()).toEqual(text('abcde'));
    expect(set(text('X'), JET_bitSetOverwriteLV, 1)).toBe(0);
    expect(value()).toEqual(text('aXcde'));
    // No data changes nothing, whatever the offset.
    expect(set(null, JET_bitSetOverwriteLV, 1000)).toBe(0);
    expect(value()).toEqual(text('aXcde'));
    end();
  });

  it('JET_bitSetSizeLV | JET_bitSetOverwriteLV cuts the value after the data written; no data removes it', () => {
    const { set, value, noChunk, end } = longValueRecord();
    noChunk(() => set(text('ab'), JET_bitSetSizeLV | JET_bitSetOverwriteLV, 2));
    set(text('abcde'), 0);
    noChunk(() => set(text('Z'), JET_bitSetSizeLV | JET_bitSetOverwriteLV, 6));
    expect(set(text('Z'), JET_bitSetSizeLV | JET_bitSetOverwriteLV, 2)).toBe(0);
    expect(value()).toEqual(text('abZ'));
    expect(set(null, JET_bitSetSizeLV | JET_bitSetOverwriteLV, 2)).toBe(0);
    expect(value()).toBe(null);
    end();
  });

  it('JET_bitSetAppendLV with no data leaves a value as it is and makes a missing one zero-length; JET_bitSetSizeLV with no data removes it', () => {
    const { set, value, end } = longValueRecord();
    expect(set(null, JET_bitSetAppendLV)).toBe(0);
    expect(value()).toEqual(Buffer.alloc(0));
    expect(set(text('ab'), JET_bitSetAppendLV)).toBe(0);
    expect(set(null, JET_bitSetAppendLV)).toBe(0);
    expect(value()).toEqual(text('ab'));
    expect(set(Buffer.alloc(4, 7), JET_bitSetSizeLV)).toBe(0);
    expect(value()).toEqual(Buffer.from([0x61, 0x62, 0, 0]));
    expect(set(null, JET_bitSetSizeLV)).toBe(0);
    expect(value()).toBe(null);
    end();
  });
});

describe('version columns (recupd.cxx ErrRECIInsert, ErrRECIReplace)', () => {
  /** Table `versioned`: k (Long, primary), v (Long), name (variable Text, NOT NULL), req (Long, NOT NULL), ver (version). */
  function versioned() {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'versioned',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
        { szColumnName: 'name', coltyp: JET_coltypText, cbMax: 16, grbit: JET_bitColumnNotNULL },
        { szColumnName: 'req', coltyp: JET_coltypLong, grbit: JET_bitColumnNotNULL },
        { szColumnName: 'ver', coltyp: JET_coltypLong, grbit: JET_bitColumnVersion },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, v, name, req, ver] = created.columnids as number[];
    let tableid = created.tableid;
    const put = (key: number, version?: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k!, long(key));
      jet.JetSetColumn(sesid, tableid, name!, text('n'));
      jet.JetSetColumn(sesid, tableid, req!, long(0));
      if (version !== undefined) jet.JetSetColumn(sesid, tableid, ver!, long(version));
      jet.JetUpdate2(sesid, tableid);
    };
    const goTo = (key: number) => {
      jet.JetMakeKey(sesid, tableid, long(key), JET_bitNewKey);
      jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
    };
    const version = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, ver!).value);
    const replace = (set: () => void, prep = JET_prepReplace) => {
      jet.JetPrepareUpdate(sesid, tableid, prep);
      set();
      jet.JetUpdate2(sesid, tableid);
    };
    return {
      get tableid() {
        return tableid;
      },
      set tableid(value: bigint) {
        tableid = value;
      },
      k: k!,
      v: v!,
      name: name!,
      req: req!,
      ver: ver!,
      put,
      goTo,
      version,
      replace,
    };
  }

  it('an insert gives the version column 0 unless it sets it; each replace that sets a column adds 1 to the record\'s value', () => {
    const { sesid } = fixture;
    const t = versioned();
    t.put(1);
    t.put(2, 41);
    t.goTo(1);
    expect(t.version()).toBe(0);
    t.replace(() => jet.JetSetColumn(sesid, t.tableid, t.v, long(10)));
    expect(t.version()).toBe(1);
    t.replace(() => jet.JetSetColumn(sesid, t.tableid, t.v, long(11)), JET_prepReplaceNoLock);
    expect(t.version()).toBe(2);
    t.goTo(2);
    expect(t.version()).toBe(41);
    // Setting a column to the value it has is a change all the same.
    t.replace(() => jet.JetSetColumn(sesid, t.tableid, t.name, text('n')));
    expect(t.version()).toBe(42);
    // An insert copy starts again at 0: the copy's version is not one it set.
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopy);
    jet.JetSetColumn(sesid, t.tableid, t.k, long(3));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid, 0);
    t.goTo(3);
    expect(t.version()).toBe(0);
    t.goTo(2);
    expect(t.version()).toBe(42);
  });

  it('a version column added to a table with rows is null in them until their first replace, which makes it 1', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'late',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const { tableid } = created;
    const [k, v] = created.columnids as number[];
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    jet.JetUpdate2(sesid, tableid);
    const ver = jet.JetAddColumn(sesid, tableid, 'ver', { coltyp: JET_coltypLong, grbit: JET_bitColumnVersion });
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, tableid, ver).value).toBe(null);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, v!, long(7));
    jet.JetUpdate2(sesid, tableid);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, ver).value)).toBe(1);
  });

  it('a replace that set no column writes nothing and adds nothing to the version, but takes the record\'s write lock', () => {
    const { sesid, instance } = fixture;
    const t = versioned();
    t.put(1);
    t.put(2);
    t.goTo(1);
    t.replace(() => undefined);
    t.replace(() => undefined, JET_prepReplaceNoLock);
    expect(t.version()).toBe(0);
    // A refused null for a fixed column is refused before the column counts as set: still nothing.
    t.replace(() =>
      expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.req, null), EsentNullInvalidError, -1504, 'JetSetColumn'),
    );
    expect(t.version()).toBe(0);
    // A variable column counts as set before its null check: the replace is a real one.
    t.replace(() =>
      expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.name, null), EsentNullInvalidError, -1504, 'JetSetColumn'),
    );
    expect(t.version()).toBe(1);

    // The empty replace in a transaction holds the record against another session's update.
    // (The cursor JetCreateTableColumnIndex3 returned denies reads to other sessions: reopened.)
    jet.JetCloseTable(sesid, t.tableid);
    t.tableid = jet.JetOpenTable(sesid, fixture.dbid, 'versioned');
    t.goTo(1);
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const otherTable = jet.JetOpenTable(other, otherDb, 'versioned');
    jet.JetBeginTransaction(sesid);
    t.replace(() => undefined, JET_prepReplaceNoLock);
    jet.JetBeginTransaction(other);
    jet.JetMakeKey(other, otherTable, long(1), JET_bitNewKey);
    jet.JetSeek(other, otherTable, JET_bitSeekEQ);
    expectJetError(() => jet.JetPrepareUpdate(other, otherTable, JET_prepReplace), EsentWriteConflictError, -1102, 'JetPrepareUpdate');
    jet.JetRollback(other, 0);
    jet.JetCommitTransaction(sesid, 0);
    expect(t.version()).toBe(1);

    // Another session's change after a no-lock prepare is a write conflict, set columns or not.
    t.goTo(2);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplaceNoLock);
    jet.JetMakeKey(other, otherTable, long(2), JET_bitNewKey);
    jet.JetSeek(other, otherTable, JET_bitSeekEQ);
    jet.JetBeginTransaction(other);
    jet.JetPrepareUpdate(other, otherTable, JET_prepReplace);
    jet.JetSetColumn(other, otherTable, t.v, long(5));
    jet.JetUpdate2(other, otherTable);
    jet.JetCommitTransaction(other, 0);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentWriteConflictError, -1102, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetRollback(sesid, 0);
    jet.JetEndSession(other);
  });
});

describe('JetGetBookmark (dir.hxx ErrDIRGetBookmark)', () => {
  it('a fresh cursor, or one whose index was just set, has no bookmark until a read or a move puts it on the first entry', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    insert(t, 1, 1);
    insert(t, 2, 2);
    jet.JetCloseTable(sesid, t.tableid);
    const fresh = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetGetBookmark(sesid, fresh), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    // A read makes the deferred move.
    jet.JetRetrieveColumn(sesid, fresh, t.a);
    const first = jet.JetGetBookmark(sesid, fresh);
    jet.JetSetCurrentIndex4(sesid, fresh, null);
    expectJetError(() => jet.JetGetBookmark(sesid, fresh), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    jet.JetMove(sesid, fresh, JET_MoveFirst);
    expect(jet.JetGetBookmark(sesid, fresh)).toEqual(first);
    jet.JetCloseTable(sesid, fresh);
  });

  it('a record deleted under the cursor still gives its bookmark; past the last record there is none', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    const first = jet.JetGetBookmark(sesid, t.tableid);
    jet.JetDelete(sesid, t.tableid);
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    expect(jet.JetGetBookmark(sesid, t.tableid)).toEqual(first);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetGetBookmark(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    jet.JetRollback(sesid, 0);
  });
});

describe('the record ids of a table without a primary index (ESE recupd.cxx ErrRECIInsert, ErrRECIInitDbkMost; tdb.hxx ErrGetAndIncrDbkMost)', () => {
  /** Table `name` with one Long column `v` and no primary index. */
  function sequential(name: string): { tableid: bigint; v: number } {
    const created = jet.JetCreateTableColumnIndex3(fixture.sesid, fixture.dbid, {
      szTableName: name,
      rgcolumncreate: [{ szColumnName: 'v', coltyp: JET_coltypLong }],
      rgindexcreate: [],
    });
    return { tableid: created.tableid, v: created.columnids[0]! };
  }

  /** Inserts a record (v null when `value` is), answering its bookmark as hex. */
  function add(tableid: bigint, v: number, value: number | null): string {
    const { sesid } = fixture;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    if (value !== null) jet.JetSetColumn(sesid, tableid, v, long(value));
    return jet.JetUpdate2(sesid, tableid).toString('hex');
  }

  function deleteLast(tableid: bigint): void {
    jet.JetMove(fixture.sesid, tableid, JET_MoveLast);
    jet.JetDelete(fixture.sesid, tableid);
  }

  /** Detaches the fixture's database and attaches it again: its tables are loaded afresh. */
  function reattach(): void {
    const { sesid, dir } = fixture;
    const path = join(dir, 'fidelity.edb');
    jet.JetCloseDatabase(sesid, fixture.dbid, 0);
    jet.JetDetachDatabase2(sesid, path, 0);
    jet.JetAttachDatabase2(sesid, path, 0);
    fixture.dbid = jet.JetOpenDatabase(sesid, path);
  }

  it('count on in memory, and after a load from one past the last node of the tree: the ids of deleted last records are given again, but not that of a node flagged deleted the file keeps', () => {
    const { sesid } = fixture;
    const some = sequential('some');
    expect([add(some.tableid, some.v, 1), add(some.tableid, some.v, 2), add(some.tableid, some.v, 3)]).toEqual(['00000001', '00000002', '00000003']);
    deleteLast(some.tableid);
    expect(add(some.tableid, some.v, 4)).toBe('00000004');
    deleteLast(some.tableid);
    // Every record deleted: the version store's cleanup keeps the page's last node.
    const none = sequential('none');
    add(none.tableid, none.v, 1);
    add(none.tableid, none.v, 2);
    deleteLast(none.tableid);
    deleteLast(none.tableid);
    jet.JetCloseTable(sesid, some.tableid);
    jet.JetCloseTable(sesid, none.tableid);
    reattach();
    const someAgain = jet.JetOpenTable(sesid, fixture.dbid, 'some');
    expect(add(someAgain, some.v, 5)).toBe('00000003');
    expect(add(someAgain, some.v, 6)).toBe('00000004');
    const noneAgain = jet.JetOpenTable(sesid, fixture.dbid, 'none');
    expect(add(noneAgain, none.v, 3)).toBe('00000002');
  });

  it('a primary index created and rolled back leaves its insert\'s node, keyed by that index, which the next insert reads its number from; when that leaves none to take, JET_errOutOfSequentialIndexValues, after a load too (extended generator seed 3276)', () => {
    const { sesid } = fixture;
    const ascending = sequential('ascending');
    const other = jet.JetOpenTable(sesid, fixture.dbid, 'ascending');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, ascending.tableid, [{ szIndexName: 'x', szKey: ['+v'], grbit: JET_bitIndexPrimary }]);
    // A cursor opened before the index goes by it too.
    expect(add(other, ascending.v, 5)).toBe('7f80000005');
    jet.JetRollback(sesid, 0);
    // The node's key is 7f 80 00 00 05: the number is 0x7f800000.
    expect(add(other, ascending.v, 6)).toBe('7f800001');
    expect(add(ascending.tableid, ascending.v, 7)).toBe('7f800002');

    // A descending key of a null value: ff, read as 0xff000000, past the last id ESE gives.
    const descending = sequential('descending');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, descending.tableid, [{ szIndexName: 'x', szKey: ['-v'], grbit: JET_bitIndexPrimary }]);
    expect(add(descending.tableid, descending.v, null)).toBe('ff');
    jet.JetRollback(sesid, 0);
    jet.JetPrepareUpdate(sesid, descending.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, descending.tableid, descending.v, long(1));
    expectJetError(() => jet.JetUpdate2(sesid, descending.tableid), EsentOutOfSequentialIndexValuesError, -1078, 'JetUpdate2');
    expectJetError(() => jet.JetUpdate2(sesid, descending.tableid), EsentOutOfSequentialIndexValuesError, -1078, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, descending.tableid, JET_prepCancel);
    for (const tableid of [ascending.tableid, other, descending.tableid]) jet.JetCloseTable(sesid, tableid);

    reattach();
    expect(add(jet.JetOpenTable(sesid, fixture.dbid, 'ascending'), ascending.v, 8)).toBe('7f800003');
    const descendingAgain = jet.JetOpenTable(sesid, fixture.dbid, 'descending');
    jet.JetPrepareUpdate(sesid, descendingAgain, JET_prepInsert);
    expectJetError(() => jet.JetUpdate2(sesid, descendingAgain), EsentOutOfSequentialIndexValuesError, -1078, 'JetUpdate2');
  });
});

describe('exclusive table modes (fileopen.cxx ErrIsamOpenTable, ErrFILEICheckAndSetMode, ErrFILEISetMode)', () => {
  function sessions() {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'm'));
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const open = (grbit = 0) => jet.JetOpenTable(sesid, dbid, 'm', grbit);
    const openOther = (grbit = 0) => jet.JetOpenTable(other, otherDb, 'm', grbit);
    const refused = (fn: () => unknown, type: ErrorClass, errno: number) =>
      expectJetError(fn, type, errno, 'JetOpenTable');
    return { sesid, other, otherDb, open, openOther, refused };
  }

  it('refuses the grbits only the engine uses and those that contradict each other with JET_errInvalidGrbit', () => {
    const { open, refused } = sessions();
    refused(() => open(0x10000000), EsentInvalidGrbitError, -900);
    refused(() => open(0x20000000), EsentInvalidGrbitError, -900);
    refused(() => open(JET_bitTablePermitDDL), EsentInvalidGrbitError, -900);
    refused(() => open(JET_bitTableDenyRead | JET_bitTableReadOnly), EsentInvalidGrbitError, -900);
    refused(() => open(JET_bitTableReadOnly | JET_bitTableUpdatable), EsentInvalidGrbitError, -900);
    // Checked before the name is looked up.
    expectJetError(() => jet.JetOpenTable(fixture.sesid, fixture.dbid, 'missing', JET_bitTablePermitDDL), EsentInvalidGrbitError, -900, 'JetOpenTable');
    expectJetError(() => jet.JetOpenTable(fixture.sesid, fixture.dbid, 'missing'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
  });

  it('JET_bitTableDenyRead: other sessions cannot open the table (JET_errTableLocked) nor delete it; the holder opens more cursors; asked while another session has it open: JET_errTableInUse', () => {
    const { sesid, other, open, openOther, refused } = sessions();
    const exclusive = open(JET_bitTableDenyRead);
    const second = open();
    refused(() => openOther(), EsentTableLockedError, -1302);
    refused(() => openOther(JET_bitTableReadOnly), EsentTableLockedError, -1302);
    expectJetError(() => jet.JetDeleteTable(other, fixture.dbid, 'm'), EsentTableLockedError, -1302, 'JetDeleteTable');
    jet.JetCloseTable(sesid, exclusive);
    const theirs = openOther();
    refused(() => open(JET_bitTableDenyRead), EsentTableInUseError, -1304);
    jet.JetCloseTable(other, theirs);
    jet.JetCloseTable(sesid, second);
    jet.JetCloseTable(sesid, open(JET_bitTableDenyRead));
    jet.JetCloseTable(other, openOther());
  });

  it('JET_bitTableDenyWrite: another session opening with JET_bitTableUpdatable gets JET_errTableLocked, a plain or read-only open succeeds; a second deny-write, or one while another session may write, is JET_errTableInUse', () => {
    const { sesid, other, open, openOther, refused } = sessions();
    const denying = open(JET_bitTableDenyWrite);
    refused(() => openOther(JET_bitTableUpdatable), EsentTableLockedError, -1302);
    const plain = openOther();
    const readOnly = openOther(JET_bitTableReadOnly);
    refused(() => openOther(JET_bitTableDenyWrite), EsentTableInUseError, -1304);
    refused(() => open(JET_bitTableDenyWrite), EsentTableInUseError, -1304);
    jet.JetCloseTable(sesid, denying);
    // The other session's plain cursor may write: no deny-write now; its read-only one alone is no obstacle.
    refused(() => open(JET_bitTableDenyWrite), EsentTableInUseError, -1304);
    jet.JetCloseTable(other, plain);
    const again = open(JET_bitTableDenyWrite);
    jet.JetCloseTable(sesid, again);
    jet.JetCloseTable(other, readOnly);
    jet.JetCloseTable(other, openOther(JET_bitTableUpdatable));
  });

  it('a table whose creation committed after another session\'s transaction began is not found in that transaction, made in a transaction or at level 0 (cat.cxx ErrCATSeekTable reads as of the snapshot; ver.cxx ErrVERICleanOneRCE fills the catalog hash only once no older transaction is left)', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    jet.JetBeginTransaction(other);
    jet.JetBeginTransaction(sesid);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'inTransaction'));
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'atLevel0'));
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 'inTransaction'));
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'inTransaction'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'atLevel0'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    jet.JetCommitTransaction(other, 0);
    jet.JetBeginTransaction(other);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'inTransaction'));
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'atLevel0'));
    jet.JetCommitTransaction(other, 0);
    jet.JetEndSession(other);
  });

  it('the cursor JetCreateTable returns denies reads to other sessions; a table created in a transaction not committed is not found by them; a closed cursor\'s modes end with it (fcreate.cxx ErrFILECreateTable, fileopen.cxx ErrFILEIOpenTable)', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const created = jet.JetCreateTable(sesid, dbid, 'fresh');
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'fresh'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCloseTable(sesid, created);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'fresh'));

    // Created in a transaction not committed: the other session does not find it at all.
    jet.JetBeginTransaction(sesid);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'pending'));
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'pending'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'pending'));

    // A deny-read cursor lets other sessions in once closed, even in a transaction where it
    // changed a record.
    const column = jet.JetAddColumn(sesid, jet.JetOpenTable(sesid, dbid, 'fresh'), 'v', { coltyp: JET_coltypLong });
    jet.JetBeginTransaction(sesid);
    const exclusive = jet.JetOpenTable(sesid, dbid, 'fresh', JET_bitTableDenyRead);
    jet.JetPrepareUpdate(sesid, exclusive, JET_prepInsert);
    jet.JetSetColumn(sesid, exclusive, column, long(1));
    jet.JetUpdate2(sesid, exclusive);
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'fresh'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCloseTable(sesid, exclusive);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'fresh'));
    jet.JetRollback(sesid, 0);

    jet.JetBeginTransaction(sesid);
    jet.JetCloseTable(sesid, jet.JetOpenTable(sesid, dbid, 'pending', JET_bitTableDenyRead));
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'pending'));
    jet.JetCommitTransaction(sesid, 0);
    jet.JetEndSession(other);
  });

  it('a transaction does not find a table whose creation committed after it began, before the deny-read cursor counts (cat.cxx ErrCATSeekTable reads the catalog as of the snapshot)', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    jet.JetBeginTransaction(other);
    // Made at level 0 (its cursor, still open, denies reads), and in a transaction committed since.
    const open = jet.JetCreateTable(sesid, dbid, 'atLevel0');
    jet.JetBeginTransaction(sesid);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'committed'));
    jet.JetCommitTransaction(sesid, 0);
    for (const name of ['atLevel0', 'committed']) {
      expectJetError(() => jet.JetOpenTable(other, otherDb, name, JET_bitTableReadOnly), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    }
    jet.JetCommitTransaction(other, 0);
    // Outside the transaction, and in one begun now, both are found.
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'atLevel0'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetBeginTransaction(other);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'committed'));
    jet.JetRollback(other, 0);
    jet.JetCloseTable(sesid, open);
    jet.JetEndSession(other);
  });
});

describe('a secondary index whose cursor left the record (ESE rec.cxx ErrIsamSetIndexRange, dir.cxx ErrDIRICheckIndexRange; rec.cxx ErrIsamSetCurrentIndex, ErrRECIGotoBookmark)', () => {
  /** Table `t` with records (1,1) (1,2) (2,1) (3,1) and the index byB (-b-a): (1,2) (3,1) (2,1) (1,1). */
  function withSecondary(): T {
    const t = withRecords();
    jet.JetCreateIndex2(fixture.sesid, t.tableid, [{ szIndexName: 'byB', szKey: ['-b', '-a'] }]);
    jet.JetSetCurrentIndex4(fixture.sesid, t.tableid, 'byB');
    return t;
  }

  /** On byB's entry of (3,1), with an upper limit before it (b = 2): JET_errNoCurrentRecord. */
  function rangeMissed(t: T): void {
    const { sesid } = fixture;
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([3, 1]);
    jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
  }

  it('a range the record is outside puts the index\'s cursor after its last entry, the table\'s cursor still on the record', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    rangeMissed(t);
    // Reads and the bookmark go to the table's cursor; JetMove(0) to the index's.
    expect(current(t)).toEqual([3, 1]);
    const bookmark = jet.JetGetBookmark(sesid, t.tableid);
    expectJetError(() => jet.JetMove(sesid, t.tableid, 0), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    rangeMissed(t);
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(current(t)).toEqual([1, 1]);
    jet.JetGotoBookmark(sesid, t.tableid, bookmark);
    expect(current(t)).toEqual([3, 1]);
  });

  it('JetSetCurrentIndex4 with JET_bitNoMove goes to the table cursor\'s record as JetGotoBookmark does, on the current index too: the index\'s cursor back on its entry, the prepared update cancelled, the range and the key gone', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    rangeMissed(t);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB', JET_bitNoMove)).toBe(0);
    expect(jet.JetMove(sesid, t.tableid, 0)).toBe(0);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([2, 1]);
    // A range the record is inside, a key made and an update prepared.
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey | JET_bitFullColumnEndLimit);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive)).toBe(0);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB', JET_bitNoMove)).toBe(0);
    expect(current(t)).toEqual([2, 1]);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ), EsentKeyNotMadeError, -1608, 'JetSeek');
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    // Past (1,1), the range's limit (b = 1) would have stopped it.
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    // To another index: the prepared update cancelled as well.
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expect(jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk', JET_bitNoMove)).toBe(0);
    expect(current(t)).toEqual([1, 2]);
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
  });

  it('JetSetCurrentIndex4 with JET_bitNoMove on a deleted record: the table\'s key goes before the record is looked up, a secondary index\'s only once it is found', () => {
    const { sesid } = fixture;
    const t = withSecondary();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetDelete(sesid, t.tableid);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'byB', JET_bitNoMove), EsentRecordDeletedError, -1017, 'JetSetCurrentIndex4');
    jet.JetSeek(sesid, t.tableid, JET_bitSeekGE);
    expect(current(t)).toEqual([3, 1]);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk');
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    jet.JetDelete(sesid, t.tableid);
    jet.JetMakeKey(sesid, t.tableid, long(1), JET_bitNewKey);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, t.tableid, 'pk', JET_bitNoMove), EsentRecordDeletedError, -1017, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekGE), EsentKeyNotMadeError, -1608, 'JetSeek');
  });
});

describe('a tagged column of a fixed-size type (ESE fldmod.cxx ErrRECSetTaggedColumn checks the size it holds, then the type\'s own)', () => {
  it('longer than the type is JET_errColumnTooBig, shorter JET_errInvalidBufferSize; as a default JET_errDefaultValueTooBig and JET_errInvalidBufferSize (fldmod.cxx ErrRECSetDefaultValue)', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    const tl = jet.JetAddColumn(sesid, t.tableid, 'tl', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged });
    const fl = jet.JetAddColumn(sesid, t.tableid, 'fl', { coltyp: JET_coltypLong });
    expect(jet.JetGetTableColumnInfo(sesid, t.tableid, 'tl', JET_ColInfo).cbMax).toBe(4);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, tl, Buffer.alloc(8, 1)), EsentColumnTooBigError, -1506, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, tl, Buffer.alloc(2, 1)), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
    // A fixed column of the type: its own size alone.
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, fl, Buffer.alloc(8, 1)), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
    expect(jet.JetSetColumn(sesid, t.tableid, tl, long(7))).toBe(0);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    const add = (name: string, value: Buffer) => () => jet.JetAddColumn(sesid, t.tableid, name, { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged }, value);
    expectJetError(add('d8', Buffer.alloc(8, 1)), EsentDefaultValueTooBigError, -1524, 'JetAddColumn');
    expectJetError(add('d2', Buffer.alloc(2, 1)), EsentInvalidBufferSizeError, -1047, 'JetAddColumn');
    jet.JetCloseTable(sesid, t.tableid);
    const setDefault = (value: Buffer | null) => () => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'tl', value);
    expectJetError(setDefault(Buffer.alloc(8, 1)), EsentDefaultValueTooBigError, -1524, 'JetSetColumnDefaultValue');
    expectJetError(setDefault(Buffer.alloc(2, 1)), EsentInvalidBufferSizeError, -1047, 'JetSetColumnDefaultValue');
    expect(setDefault(long(5))()).toBe(0);
  });
  it('JetMakeKey takes a longer value for such a column and keys the type\'s size of bytes at its start (fldnorm.cxx ErrIsamMakeKey checks the size of fixed columns only; FLDNormalizeFixedSegment)', () => {
    const { sesid } = fixture;
    const t = table();
    const tl = jet.JetAddColumn(sesid, t.tableid, 'tl', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged });
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byTl', szKey: ['+tl'], grbit: 0 }]);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    jet.JetSetColumn(sesid, t.tableid, tl, long(2));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byTl', 0, 1);
    // 5 and then 0x01 bytes: the key is 5's, above the record's 2.
    const value = Buffer.concat([long(5)!, Buffer.alloc(4, 1)]);
    expect(jet.JetMakeKey(sesid, t.tableid, value, JET_bitNewKey)).toBe(0);
    expect([...jet.JetRetrieveKey(sesid, t.tableid, JET_bitRetrieveCopy)]).toEqual([0x7f, 0x80, 0, 0, 5]);
    expectJetError(() => jet.JetSeek(sesid, t.tableid, JET_bitSeekGE), EsentRecordNotFoundError, -1601, 'JetSeek');
    expect(jet.JetMakeKey(sesid, t.tableid, value, JET_bitNewKey)).toBe(0);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    jet.JetSetCurrentIndex4(sesid, t.tableid, null, 0, 1);
  });
  it('JetMakeKey of a shorter value still makes the type\'s whole segment from the bytes at its start: ESE reads on into the caller\'s memory, zeros here, and the emulator keys it as if zeros followed (FLDNormalizeFixedSegment; extended seed 2334)', () => {
    const { sesid } = fixture;
    const t = table();
    const tq = jet.JetAddColumn(sesid, t.tableid, 'tq', { coltyp: JET_coltypLongLong, grbit: JET_bitColumnTagged });
    const td = jet.JetAddColumn(sesid, t.tableid, 'td', { coltyp: JET_coltypIEEEDouble, grbit: JET_bitColumnTagged });
    jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'byTqTd', szKey: ['+tq', '+td'], grbit: 0 }]);
    const insert = (a: number, q: bigint, d: number) => {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, t.tableid, t.a, long(a));
      jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
      jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
      const q8 = Buffer.alloc(8);
      q8.writeBigInt64LE(q);
      jet.JetSetColumn(sesid, t.tableid, tq, q8);
      const d8 = Buffer.alloc(8);
      d8.writeDoubleLE(d);
      jet.JetSetColumn(sesid, t.tableid, td, d8);
      jet.JetUpdate2(sesid, t.tableid);
    };
    insert(1, 255n, 2);
    insert(2, 5n, 2);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byTqTd', 0, 1);
    // A view of the first bytes of a zeroed buffer: what follows the value is zeros.
    const head = (bytes: number[], size: number) => {
      const backing = Buffer.alloc(16);
      backing.set(bytes);
      return backing.subarray(0, size);
    };
    const two = Buffer.alloc(8);
    two.writeDoubleLE(2);
    // One byte of 255, then a 32-bit 5, for the 64-bit column: each keys as the same number
    // in 64 bits would, and the next segment follows the whole first one.
    expect(jet.JetMakeKey(sesid, t.tableid, head([0xff], 1), JET_bitNewKey)).toBe(0);
    expect(jet.JetMakeKey(sesid, t.tableid, two, 0)).toBe(0);
    expect([...jet.JetRetrieveKey(sesid, t.tableid, JET_bitRetrieveCopy)]).toEqual([
      0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0xff, 0x7f, 0xc0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ)).toBe(0);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.a).value).toEqual(long(1));
    expect(jet.JetMakeKey(sesid, t.tableid, head([5, 0, 0, 0], 4), JET_bitNewKey)).toBe(0);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.a).value).toEqual(long(2));
    // The two low bytes of -3: zeros follow, so it keys as 65533, above 255, not as a prefix.
    expect(jet.JetMakeKey(sesid, t.tableid, head([0xfd, 0xff], 2), JET_bitNewKey)).toBe(0);
    expect([...jet.JetRetrieveKey(sesid, t.tableid, JET_bitRetrieveCopy)]).toEqual([0x7f, 0x80, 0, 0, 0, 0, 0, 0xff, 0xfd]);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.a).value).toEqual(long(1));
    // Two zero bytes for the double: the key of 0.0.
    expect(jet.JetMakeKey(sesid, t.tableid, head([0xff], 1), JET_bitNewKey)).toBe(0);
    expect(jet.JetMakeKey(sesid, t.tableid, head([0, 0], 2), 0)).toBe(0);
    expect([...jet.JetRetrieveKey(sesid, t.tableid, JET_bitRetrieveCopy)].slice(9)).toEqual([0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect(jet.JetSeek(sesid, t.tableid, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.a).value).toEqual(long(1));
    jet.JetSetCurrentIndex4(sesid, t.tableid, null, 0, 1);
  });
});

describe('JetMakeKey pads a short value for a fixed Text column as the record is padded (ESE fldnorm.cxx ErrIsamMakeKey, rec.hxx RECTextColumnPadding)', () => {
  it('a Unicode column with L\' \', an ANSI one with \' \': JET_bitSeekEQ finds the record set with the same short value', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'padded',
      rgcolumncreate: [
        { szColumnName: 'u', coltyp: JET_coltypText, cbMax: 8, grbit: JET_bitColumnFixed, cp: 1200 },
        { szColumnName: 'n', coltyp: JET_coltypText, cbMax: 4, grbit: JET_bitColumnFixed, cp: 1252 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+u'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byN', szKey: ['+n'] },
      ],
    });
    const tableid = created.tableid;
    const [u, n] = created.columnids as number[];
    for (const [unicode, ansi] of [['ab', 'ab'], ['abc', 'abc']] as const) {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, u!, Buffer.from(unicode, 'utf16le'));
      jet.JetSetColumn(sesid, tableid, n!, text(ansi));
      jet.JetUpdate2(sesid, tableid);
    }
    jet.JetMakeKey(sesid, tableid, Buffer.from('ab', 'utf16le'), JET_bitNewKey);
    expect(jet.JetSeek(sesid, tableid, JET_bitSeekEQ)).toBe(0);
    expect(jet.JetRetrieveColumn(sesid, tableid, u!).value).toEqual(Buffer.from('ab  ', 'utf16le'));
    jet.JetSetCurrentIndex4(sesid, tableid, 'byN');
    jet.JetMakeKey(sesid, tableid, text('ab'), JET_bitNewKey);
    expect(jet.JetSeek(sesid, tableid, JET_bitSeekEQ)).toBe(0);
    expect(jet.JetRetrieveColumn(sesid, tableid, n!).value).toEqual(text('ab  '));
  });
});

describe('JetCreateTableColumnIndex3 with a long value\'s default over 255 bytes (ESE fcreate.cxx ErrFILEIAddColumns checks cbMax only; cat.cxx keeps 255 bytes of a default)', () => {
  it('is accepted and cut to 255 bytes; over cbMax it is JET_errDefaultValueTooBig', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'lvdef',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'g', coltyp: JET_coltypLongText, cp: 1252, pvDefault: Buffer.alloc(476, 0x78) },
      ],
    });
    const tableid = created.tableid;
    const [k, g] = created.columnids as number[];
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, tableid, g!).value).toEqual(Buffer.alloc(255, 0x78));
    let error: (Error & { cCreated?: number }) | undefined;
    try {
      jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: 'lvmax',
        rgcolumncreate: [{ szColumnName: 'g', coltyp: JET_coltypLongText, cbMax: 300, cp: 1252, pvDefault: Buffer.alloc(476, 0x78) }],
      });
    } catch (caught) {
      error = caught as Error & { cCreated?: number };
    }
    expect(error).toBeInstanceOf(EsentDefaultValueTooBigError);
  });
});

describe('a commit hands the updates prepared in its level down to the level below (ESE dir.cxx ErrDIRCommitTransaction lowers levelPrep)', () => {
  it('a later rollback of a new level, or a failed single change at level 0, keeps them', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(9));
    jet.JetSetColumn(sesid, t.tableid, t.b, long(9));
    jet.JetCommitTransaction(sesid, 0);
    jet.JetBeginTransaction(sesid);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    // At level 0 the update runs in a transaction of its own, which its failure rolls back.
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentNullInvalidError, -1504, 'JetUpdate2');
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    jet.JetUpdate2(sesid, t.tableid);
    expect(jet.JetIndexRecordCount(sesid, t.tableid)).toBe(5);
  });
});

describe('JetRetrieveColumn of an escrow column needs the whole column (ESE fldext.cxx ErrIsamRetrieveColumn, ErrRECAdjustEscrowedColumn)', () => {
  // A table of a long `k` and an escrow long `e` (default 0), on its one record.
  const escrowTable = (name: string) => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'e', coltyp: JET_coltypLong, grbit: JET_bitColumnEscrowUpdate, pvDefault: long(0) },
      ],
    });
    const tableid = created.tableid;
    const [k, e] = created.columnids as [number, number];
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k, long(1));
    jet.JetUpdate2(sesid, tableid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    return { sesid, tableid, k, e };
  };

  it('a smaller buffer, none included, is JET_errInvalidBufferSize', () => {
    const { sesid, tableid, k, e } = escrowTable('esc');
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, e, 0, null, 0), EsentInvalidBufferSizeError, -1047, 'JetRetrieveColumn');
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, e, 0, null, 2), EsentInvalidBufferSizeError, -1047, 'JetRetrieveColumn');
    expect(jet.JetRetrieveColumn(sesid, tableid, e).value).toEqual(long(0));
    expect(jet.JetRetrieveColumn(sesid, tableid, k, 0, null, 2).err).toBe(JET_wrnBufferTruncated);
  });

  it('a null value copies nothing and so is JET_errInvalidBufferSize too; JetRetrieveColumns (ErrRECRetrieveColumns) checks each entry the same way, after giving it its err', () => {
    const { sesid, tableid, k, e } = escrowTable('escnull');
    const failure = (call: () => unknown) => thrownBy<Error & { columnErrors?: number[] }>(call);
    // A whole value: read; a part of it: the entry is truncated, the call refused.
    expect(jet.JetRetrieveColumns(sesid, tableid, [{ columnid: e }])[0]!.value).toEqual(long(0));
    const short = failure(() => jet.JetRetrieveColumns(sesid, tableid, [{ columnid: k }, { columnid: e, cbData: 2 }]));
    expect(short).toBeInstanceOf(EsentInvalidBufferSizeError);
    expect(short.columnErrors).toEqual([0, JET_wrnBufferTruncated]);

    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, e, null);
    jet.JetUpdate2(sesid, tableid);
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, e), EsentInvalidBufferSizeError, -1047, 'JetRetrieveColumn');
    const none = failure(() => jet.JetRetrieveColumns(sesid, tableid, [{ columnid: k }, { columnid: e }, { columnid: k }]));
    expect(none).toBeInstanceOf(EsentInvalidBufferSizeError);
    expect(none.columnErrors).toEqual([0, JET_wrnColumnNull, 0]);
    // Counting is no read of the value.
    expect(jet.JetRetrieveColumns(sesid, tableid, [{ columnid: e, itagSequence: 0 }])[0]!.itagSequence).toBe(0);
    // While an insert is prepared the value is read as it is.
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsertCopy);
    expect(jet.JetRetrieveColumn(sesid, tableid, e, JET_bitRetrieveCopy).err).toBe(JET_wrnColumnNull);
    expect(jet.JetRetrieveColumn(sesid, tableid, e, 0, null, 2).err).toBe(JET_wrnColumnNull);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetRollback(sesid, 0);
  });
});

describe('a column added in a transaction is found as the caller\'s transaction sees the catalog (ESE fldext.cxx ErrRECIAccessColumn, cat.cxx ErrCATAccessTableColumn)', () => {
  it('a transaction begun before the add committed does not find the column: not to set, read or require, nor by name; by column id its definition answers', () => {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'grow'));
    const tableid = jet.JetOpenTable(sesid, dbid, 'grow');
    const k = jet.JetAddColumn(sesid, tableid, 'k', { coltyp: JET_coltypLong });
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), 'grow');
    jet.JetBeginTransaction(other);
    const req = jet.JetAddColumn(sesid, tableid, 'req', { coltyp: JET_coltypLong, grbit: JET_bitColumnNotNULL });
    const tg = jet.JetAddColumn(sesid, tableid, 'tg', { coltyp: JET_coltypText, cbMax: 4, grbit: JET_bitColumnTagged }, text('dflt'));

    jet.JetPrepareUpdate(other, otherTable, JET_prepInsert);
    jet.JetSetColumn(other, otherTable, k, long(1));
    expectJetError(() => jet.JetSetColumn(other, otherTable, req, long(1)), EsentColumnNotFoundError, -1507, 'JetSetColumn');
    // The NOT NULL column it cannot see is not required of its insert (rec.cxx ErrRECIIllegalNulls).
    jet.JetUpdate2(other, otherTable);
    jet.JetMove(other, otherTable, JET_MoveFirst);
    expectJetError(() => jet.JetRetrieveColumn(other, otherTable, tg), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    // Column id 0 walks the tagged columns it can see: the new one's default is not among them.
    expect(jet.JetRetrieveColumn(other, otherTable, 0, 0, { itagSequence: 1 }).err).toBe(JET_wrnColumnNull);
    expectJetError(() => jet.JetGetTableColumnInfo(other, otherTable, 'req', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expect(jet.JetGetTableColumnInfo(other, otherTable, req, JET_ColInfoByColid)).toMatchObject({ columnid: req, coltyp: JET_coltypLong });
    expect(jet.JetGetTableColumnInfo(other, otherTable, null, JET_ColInfoList).map((c) => c.szColumnName)).toEqual(['k']);
    jet.JetCommitTransaction(other, 0);

    // At level 0, and in a transaction begun now, it is there.
    expect(jet.JetGetTableColumnInfo(other, otherTable, 'req', JET_ColInfo).columnid).toBe(req);
    jet.JetBeginTransaction(other);
    expect(jet.JetRetrieveColumn(other, otherTable, tg).value).toEqual(text('dflt'));
    jet.JetPrepareUpdate(other, otherTable, JET_prepInsert);
    jet.JetSetColumn(other, otherTable, k, long(2));
    expectJetError(() => jet.JetUpdate2(other, otherTable), EsentNullInvalidError, -1504, 'JetUpdate2');
    jet.JetSetColumn(other, otherTable, req, long(2));
    jet.JetUpdate2(other, otherTable);
    jet.JetCommitTransaction(other, 0);
    jet.JetEndSession(other);
  });

  it('an add not yet committed is the adder\'s alone; one made through the adder\'s deny-read cursor is not versioned (fcreate.cxx ErrIsamAddColumn)', () => {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'grow'));
    const tableid = jet.JetOpenTable(sesid, dbid, 'grow');
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), 'grow');
    jet.JetBeginTransaction(sesid);
    const pending = jet.JetAddColumn(sesid, tableid, 'pending', { coltyp: JET_coltypLong });
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, pending, long(1));
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetPrepareUpdate(other, otherTable, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(other, otherTable, pending, long(1)), EsentColumnNotFoundError, -1507, 'JetSetColumn');
    jet.JetPrepareUpdate(other, otherTable, JET_prepCancel);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseTable(other, otherTable);

    jet.JetBeginTransaction(other);
    jet.JetCloseTable(sesid, tableid);
    const exclusive = jet.JetOpenTable(sesid, dbid, 'grow', JET_bitTableDenyRead);
    const unversioned = jet.JetAddColumn(sesid, exclusive, 'unversioned', { coltyp: JET_coltypLong });
    jet.JetCloseTable(sesid, exclusive);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const seen = jet.JetOpenTable(other, otherDb, 'grow');
    jet.JetPrepareUpdate(other, seen, JET_prepInsert);
    jet.JetSetColumn(other, seen, unversioned, long(1));
    jet.JetPrepareUpdate(other, seen, JET_prepCancel);
    // Its row in the catalog came with the add's commit, after this transaction began: an update
    // of that row does not find it (cat.cxx ErrCATChangeColumnDefaultValue; extended generator
    // seed 7324), in a read-only transaction too, before the update would be refused.
    expectJetError(() => jet.JetSetColumnDefaultValue(other, otherDb, 'grow', 'unversioned', long(2)), EsentColumnNotFoundError, -1507, 'JetSetColumnDefaultValue');
    jet.JetRollback(other, 0);
    jet.JetBeginTransaction2(other, JET_bitTransactionReadOnly);
    expectJetError(() => jet.JetSetColumnDefaultValue(other, otherDb, 'grow', 'unversioned', long(2)), EsentTransReadOnlyError, -1110, 'JetSetColumnDefaultValue');
    jet.JetRollback(other, 0);
    expect(jet.JetSetColumnDefaultValue(other, otherDb, 'grow', 'unversioned', long(2))).toBe(0);
    jet.JetEndSession(other);
  });

  it('JetGetTableColumnInfo by column id answers for a column whose add was rolled back or that was deleted, as ESE\'s table keeps its description (ver.cxx VERIUndoAddColumn; info.cxx ErrINFOGetTableColumnInfo)', () => {
    const { sesid, dbid } = fixture;
    const tableid = jet.JetCreateTable(sesid, dbid, 'shrink');
    const kept = jet.JetAddColumn(sesid, tableid, 'kept', { coltyp: JET_coltypLong });
    jet.JetBeginTransaction(sesid);
    const undone = jet.JetAddColumn(sesid, tableid, 'undone', { coltyp: JET_coltypText, cbMax: 10 });
    jet.JetRollback(sesid, 0);
    const gone = jet.JetAddColumn(sesid, tableid, 'gone', { coltyp: JET_coltypBinary, cbMax: 6 });
    jet.JetDeleteColumn2(sesid, tableid, 'gone');
    expect(jet.JetGetTableColumnInfo(sesid, tableid, undone, JET_ColInfoByColid)).toMatchObject({ columnid: undone, coltyp: JET_coltypText, cbMax: 10 });
    expect(jet.JetGetTableColumnInfo(sesid, tableid, gone, JET_ColInfoByColid)).toMatchObject({ columnid: gone, coltyp: JET_coltypBinary, cbMax: 6 });
    for (const name of ['undone', 'gone']) {
      expectJetError(() => jet.JetGetTableColumnInfo(sesid, tableid, name, JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    }
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, tableid, gone + 1, JET_ColInfoByColid), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expect(jet.JetGetTableColumnInfo(sesid, tableid, null, JET_ColInfoList).map((c) => c.columnid)).toEqual([kept]);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(sesid, tableid, undone, text('x')), EsentColumnNotFoundError, -1507, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, tableid, gone, text('x')), EsentColumnNotFoundError, -1507, 'JetSetColumn');
  });
});

describe('a column the caller\'s transaction does not see, named in a schema change (ESE fcreate.cxx ErrIsamDeleteColumn, cat.cxx ErrCATDeleteTableColumn; ErrIsamCreateIndex)', () => {
  it('JetDeleteColumn2 and JetCreateIndex2 in a transaction begun before the column\'s add committed do not find it; begun after, they do', () => {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'unseen'));
    const tableid = jet.JetOpenTable(sesid, dbid, 'unseen');
    jet.JetAddColumn(sesid, tableid, 'k', { coltyp: JET_coltypLong });
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), 'unseen');
    jet.JetBeginTransaction(other);
    jet.JetAddColumn(sesid, tableid, 'late', { coltyp: JET_coltypLong });
    expectJetError(() => jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'byLate', szKey: ['+late'] }]), EsentColumnNotFoundError, -1507, 'JetCreateIndex2');
    expectJetError(() => jet.JetDeleteColumn2(other, otherTable, 'late'), EsentColumnNotFoundError, -1507, 'JetDeleteColumn2');
    jet.JetCommitTransaction(other, 0);
    jet.JetBeginTransaction(other);
    jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'byK', szKey: ['+k'] }]);
    jet.JetDeleteColumn2(other, otherTable, 'late');
    jet.JetCommitTransaction(other, 0);
    jet.JetEndSession(other);
  });
});

describe('a primary index created in a transaction not yet committed (ESE fcb.cxx FCB::ErrSetUpdatingAndEnterDML, file.hxx ErrFILEIAccessIndex; ver.cxx resets IDB FVersionedCreate at the commit)', () => {
  it('refuses other sessions\' inserts with JET_errWriteConflictPrimaryIndex, at level 0 and in transactions, after the checks for nulls; its creator inserts; after the commit every session does, a transaction that began before it too', () => {
    const { sesid, dbid, instance, dir } = fixture;
    const created = jet.JetCreateTable(sesid, dbid, 'keyless');
    const k = jet.JetAddColumn(sesid, created, 'k', { coltyp: JET_coltypLong });
    const required = jet.JetAddColumn(sesid, created, 'r', { coltyp: JET_coltypLong, grbit: JET_bitColumnNotNULL });
    jet.JetCloseTable(sesid, created);
    const tableid = jet.JetOpenTable(sesid, dbid, 'keyless');
    const path = join(dir, 'fidelity.edb');
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, path), 'keyless');
    const older = jet.JetBeginSession(instance);
    const olderTable = jet.JetOpenTable(older, jet.JetOpenDatabase(older, path), 'keyless');
    const insertBy = (session: bigint, cursor: bigint, value: number, withRequired = true) => {
      jet.JetPrepareUpdate(session, cursor, JET_prepInsert);
      jet.JetSetColumn(session, cursor, k, long(value));
      if (withRequired) jet.JetSetColumn(session, cursor, required, long(0));
      try {
        jet.JetUpdate2(session, cursor);
      } catch (error) {
        jet.JetPrepareUpdate(session, cursor, JET_prepCancel);
        throw error;
      }
    };
    jet.JetBeginTransaction(older);
    jet.JetBeginTransaction(sesid);
    // A normalized key is made for the table's own order while it has no primary index; the
    // index the others do not see takes that away (fldnorm.cxx ErrIsamMakeKey).
    const normalized = Buffer.from([0x7f, 0x80, 0, 0, 1]);
    expect(jet.JetMakeKey(other, otherTable, normalized, JET_bitNewKey | JET_bitNormalizedKey)).toBe(0);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }]);
    expectJetError(() => jet.JetMakeKey(other, otherTable, normalized, JET_bitNewKey | JET_bitNormalizedKey), EsentNoCurrentIndexError, -1515, 'JetMakeKey');
    expect(jet.JetMakeKey(sesid, tableid, normalized, JET_bitNewKey | JET_bitNormalizedKey)).toBe(0);
    expectJetError(() => insertBy(other, otherTable, 1), EsentWriteConflictPrimaryIndexError, -1105, 'JetUpdate2');
    expectJetError(() => insertBy(older, olderTable, 2), EsentWriteConflictPrimaryIndexError, -1105, 'JetUpdate2');
    expectJetError(() => insertBy(other, otherTable, 3, false), EsentNullInvalidError, -1504, 'JetUpdate2');
    insertBy(sesid, tableid, 5);
    insertBy(sesid, tableid, 4);
    jet.JetCommitTransaction(sesid);
    insertBy(other, otherTable, 6);
    insertBy(older, olderTable, 7);
    jet.JetCommitTransaction(older);
    // Ordered by the new key: 4, 5, 6, 7.
    jet.JetSetCurrentIndex4(sesid, tableid, 'pk');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const keys = [decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, k).value)];
    while (tryMoveNext(tableid)) keys.push(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, k).value));
    expect(keys).toEqual([4, 5, 6, 7]);
  });
});

describe('JetCreateTable in a database created after the transaction began (ESE cat.cxx ErrCATAddTable records the tree in MSysObjids, opened by name: ErrCATInsertMSObjidsRecord, ErrCATIOpenMSObjids)', () => {
  it('is JET_errObjectNotFound once the name is found free, JET_errTableDuplicate before; in a transaction begun later it succeeds', () => {
    const { sesid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    jet.JetBeginTransaction(other);
    const path = join(fixture.dir, 'late.edb');
    const lateDb = jet.JetCreateDatabase2(sesid, path);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, lateDb, 'taken'));
    const otherDb = jet.JetOpenDatabase(other, path);
    expectJetError(() => jet.JetCreateTable(other, otherDb, 'taken'), EsentTableDuplicateError, -1303, 'JetCreateTable');
    expectJetError(() => jet.JetCreateTable(other, otherDb, 'fresh'), EsentObjectNotFoundError, -1305, 'JetCreateTable');
    let error: (Error & { cCreated?: number }) | undefined;
    try {
      jet.JetCreateTableColumnIndex3(other, otherDb, { szTableName: 'fresh', rgcolumncreate: [{ szColumnName: 'c', coltyp: JET_coltypLong }] });
    } catch (caught) {
      error = caught as Error & { cCreated?: number };
    }
    expect(error).toBeInstanceOf(EsentObjectNotFoundError);
    expect(error?.cCreated).toBe(1);
    jet.JetCommitTransaction(other, 0);
    jet.JetBeginTransaction(other);
    jet.JetCloseTable(other, jet.JetCreateTable(other, otherDb, 'fresh'));
    jet.JetCommitTransaction(other, 0);
    jet.JetEndSession(other);
  });
});

describe('JetUpdate2 of a replace goes by the cursor\'s place, not the record the update was prepared on (ESE recupd.cxx ErrRECIReplace: ErrRECFIndexChanged, ErrDIRReplace)', () => {
  it('after JetAddColumn put the cursor before the first record, the replace still prepared is JET_errNoCurrentRecord', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.name, text('x'));
    jet.JetAddColumn(sesid, t.tableid, 'extra', { coltyp: JET_coltypLong });
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentNoCurrentRecordError, -1603, 'JetUpdate2');
    expectJetError(() => jet.JetRetrieveColumn(sesid, t.tableid, t.a), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
  });
});

describe('a tagged NOT NULL column (ESE fcreate.cxx allows it; rec.cxx ErrRECIIllegalNulls requires it at insert)', () => {
  it('is kept in the database file: the database attaches again and the record reads back', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'tnn',
      rgcolumncreate: [{ szColumnName: 'g', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnNotNULL }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+g'], grbit: JET_bitIndexPrimary }],
    });
    const [g] = created.columnids as number[];
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    expectJetError(() => jet.JetUpdate2(sesid, created.tableid), EsentNullInvalidError, -1504, 'JetUpdate2');
    jet.JetSetColumn(sesid, created.tableid, g!, long(7));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetCloseTable(sesid, created.tableid);
    const path = join(fixture.dir, 'fidelity.edb');
    jet.JetCloseDatabase(sesid, dbid, 0);
    jet.JetDetachDatabase2(sesid, path);
    jet.JetAttachDatabase2(sesid, path);
    const again = jet.JetOpenDatabase(sesid, path);
    const tableid = jet.JetOpenTable(sesid, again, 'tnn');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, tableid, g!).value).toEqual(long(7));
  });
});

/**
 * Table `name`: k (Long, primary index pk) and v (Long, secondary index byV), empty; insert(cursor,
 * key, value) adds a row through any cursor of it.
 */
function keyedByValue(name: string) {
  const { sesid, dbid } = fixture;
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: name,
    rgcolumncreate: [
      { szColumnName: 'k', coltyp: JET_coltypLong },
      { szColumnName: 'v', coltyp: JET_coltypLong },
    ],
    rgindexcreate: [
      { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary },
      { szIndexName: 'byV', szKey: ['+v'] },
    ],
  });
  const [k, v] = created.columnids as number[];
  const insert = (cursor: bigint, key: number, value: number) => {
    jet.JetPrepareUpdate(sesid, cursor, JET_prepInsert);
    jet.JetSetColumn(sesid, cursor, k!, long(key));
    jet.JetSetColumn(sesid, cursor, v!, long(value));
    jet.JetUpdate2(sesid, cursor);
  };
  return { tableid: created.tableid, k: k!, v: v!, insert };
}

/**
 * keyedByValue(name) with rows (1, 20) and (2, 10); the cursor is put on byV, its move to the
 * first entry deferred.
 */
function byValue(name: string) {
  const { tableid, k, v, insert } = keyedByValue(name);
  insert(tableid, 1, 20);
  insert(tableid, 2, 10);
  jet.JetSetCurrentIndex4(fixture.sesid, tableid, 'byV');
  return { tableid, k, v };
}


describe('nodes flagged deleted stay in the tree until the version store cleans them up, and a seek lands on them (ESE ver.cxx ErrVERIRCEClean; bt.cxx ErrBTDown; rec.cxx ErrIsamSeek)', () => {
  const seek = (tableid: bigint, key: number, grbit: number) => {
    jet.JetMakeKey(fixture.sesid, tableid, long(key), JET_bitNewKey);
    return jet.JetSeek(fixture.sesid, tableid, grbit);
  };
  /** A seek that finds nothing, then a record inserted through another cursor. */
  const failThenInsert = (t: ReturnType<typeof keyedByValue>, sought: number, grbit: number, key: number, value: number) => {
    expectJetError(() => seek(t.tableid, sought, grbit), EsentRecordNotFoundError, -1601, 'JetSeek');
    const other = jet.JetDupCursor(fixture.sesid, t.tableid);
    t.insert(other, key, value);
    jet.JetCloseTable(fixture.sesid, other);
  };
  /** The key `k` of the record each move reaches. */
  const keysAfterMoves = (tableid: bigint, k: number, moves: number[]) =>
    moves.map((crow) => {
      expect(jet.JetMove(fixture.sesid, tableid, crow)).toBe(0);
      return decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(fixture.sesid, tableid, k).value) as number;
    });

  it('a secondary index keeps the entry a committed change of the key left behind: a SeekLT landing on it, with nothing visible before it, keeps the key sought as its place', () => {
    const { sesid } = fixture;
    const t = keyedByValue('ghostEntry');
    t.insert(t.tableid, 1, 10);
    t.insert(t.tableid, 2, 20);
    seek(t.tableid, 1, JET_bitSeekEQ);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.v, long(30));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetSetCurrentIndex4(sesid, t.tableid, 'byV');
    failThenInsert(t, 5, JET_bitSeekLT, 3, 1);
    expect(keysAfterMoves(t.tableid, t.k, [JET_MoveNext, JET_MovePrevious])).toEqual([2, 3]);
  });

  it('a SeekLT whose search lands on a deleted record\'s node with nothing visible before it keeps the key sought as its place: a move next skips a record inserted before that key since (the extended generator\'s seed 1338, confirmed on ESE\'s engine)', () => {
    const { sesid } = fixture;
    const t = keyedByValue('ghostSeekLT');
    t.insert(t.tableid, 2, 20);
    t.insert(t.tableid, 5, 50);
    seek(t.tableid, 2, JET_bitSeekEQ);
    jet.JetDelete(sesid, t.tableid);
    failThenInsert(t, 1, JET_bitSeekLT, 0, 0);
    expect(keysAfterMoves(t.tableid, t.k, [JET_MoveNext, JET_MovePrevious])).toEqual([5, 0]);
  });

  it('so does a SeekGT whose search lands on such a node with nothing visible after it: a move previous skips a record inserted after that key since', () => {
    const { sesid } = fixture;
    const t = keyedByValue('ghostSeekGT');
    t.insert(t.tableid, 5, 50);
    t.insert(t.tableid, 8, 80);
    seek(t.tableid, 8, JET_bitSeekEQ);
    jet.JetDelete(sesid, t.tableid);
    failThenInsert(t, 6, JET_bitSeekGT, 7, 70);
    expect(keysAfterMoves(t.tableid, t.k, [JET_MovePrevious, JET_MoveNext])).toEqual([5, 7]);
  });
});

describe('JetIndexRecordCount on a secondary index makes the deferred move to the first entry for the index\'s cursor only (ESE stats.cxx ErrIsamIndexRecordCount, dir.cxx ErrDIRIndexRecordCount)', () => {
  it('JetGetBookmark asks the table\'s cursor, which has none until the record is read (dir.hxx ErrDIRGetBookmark); on the primary index the count moves the table\'s cursor itself', () => {
    const { sesid } = fixture;
    const { tableid, k, v } = byValue('counted');
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(2);
    expectJetError(() => jet.JetGetBookmark(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    expect(jet.JetRetrieveColumn(sesid, tableid, v).value).toEqual(long(10));
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(2));

    jet.JetSetCurrentIndex4(sesid, tableid, null);
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(2);
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
  });
});

describe('the table\'s cursor keeps its deferred move to the first entry after JetGetRecordPosition on a secondary index (ESE stats.cxx ErrIsamGetRecordPosition refreshes the index\'s cursor; dir.cxx ErrDIRIIRefresh)', () => {
  it('a record inserted before that entry since is the one read, as the move goes down the index again; on the primary index the position moves the table\'s cursor itself', () => {
    const { sesid } = fixture;
    const { tableid, k, insert: insertVia } = keyedByValue('positioned');
    const other = jet.JetDupCursor(sesid, tableid);
    insertVia(other, 5, 50);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    expect(jet.JetGetRecordPosition(sesid, tableid)).toEqual({ centriesLT: 0, centriesInRange: 1, centriesTotal: 1 });
    expectJetError(() => jet.JetGetBookmark(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    insertVia(other, 6, 10);
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(6));
    // Moved now, the cursor stays on that record whatever comes before it.
    insertVia(other, 7, 5);
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(6));

    jet.JetSetCurrentIndex4(sesid, tableid, null);
    expect(jet.JetGetRecordPosition(sesid, tableid).centriesLT).toBe(0);
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
    insertVia(other, 1, 1);
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(5));
    jet.JetCloseTable(sesid, other);
  });
});

describe('a rollback of a change made through a cursor drops its index range (ESE ver.cxx ErrVERITryUndoLoggedOper: DIRResetIndexRange on the cursor of each change it undoes)', () => {
  /**
   * Table `name`: k (Long, primary key), hits (escrow Long, default 0), with records 1, 2 and
   * 3, opened shared (escrow updates need it: the creation cursor holds it exclusively).
   */
  function counted(name: string) {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'hits', coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate, pvDefault: long(0) },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, hits] = created.columnids as [number, number];
    /** Inserts record `key` through `tableid` and gives its bookmark. */
    const insertKey = (tableid: bigint, key: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(key));
      return jet.JetUpdate2(sesid, tableid);
    };
    for (const key of [1, 2, 3]) insertKey(created.tableid, key);
    jet.JetCloseTable(sesid, created.tableid);
    return { tableid: jet.JetOpenTable(sesid, dbid, name), k, hits, insertKey };
  }

  it('a replace or a delete through the cursor, rolled back, takes the range with it; an insert (made through a cursor of ESE\'s own) or a write lock does not (extended generator seed 4075)', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const change: Record<string, () => void> = {
      nothing: () => undefined,
      insert: () => insert(t, 7, 1),
      lock: () => jet.JetGetLock(sesid, t.tableid, JET_bitWriteLock),
      replace: () => {
        jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
        jet.JetSetColumn(sesid, t.tableid, t.req, long(5));
        jet.JetUpdate2(sesid, t.tableid);
      },
      delete: () => jet.JetDelete(sesid, t.tableid),
    };
    const rangeKept = Object.entries(change).map(([name, make]) => {
      // A range up to (2, 1) from the first record.
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      jet.JetMakeKey(sesid, t.tableid, long(2), JET_bitNewKey);
      jet.JetMakeKey(sesid, t.tableid, long(1));
      jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
      jet.JetBeginTransaction(sesid);
      make();
      jet.JetRollback(sesid, 0);
      try {
        jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove);
        return [name, true];
      } catch (e) {
        expect(e).toBeInstanceOf(EsentInvalidOperationError);
        return [name, false];
      }
    });
    expect(Object.fromEntries(rangeKept)).toEqual({ nothing: true, insert: true, lock: true, replace: false, delete: false });
  });

  it('an escrow update that finds no record at its bookmark drops nothing: its version, made first, is set aside unlogged, not undone (bt.cxx ErrBTDelta, VERNullifyFailedDMLRCE)', () => {
    const { sesid } = fixture;
    const { tableid, hits, insertKey } = counted('gone');
    for (const grbit of [0, JET_bitEscrowNoRollback]) {
      jet.JetBeginTransaction(sesid);
      // A record inserted in a nested level, gone with its rollback; the cursor keeps its bookmark.
      jet.JetBeginTransaction(sesid);
      jet.JetGotoBookmark(sesid, tableid, insertKey(tableid, 5));
      jet.JetMakeKey(sesid, tableid, long(9), JET_bitNewKey);
      jet.JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
      jet.JetRollback(sesid, 0);
      expectJetError(() => jet.JetEscrowUpdate(sesid, tableid, hits, 1, grbit), EsentRecordDeletedError, -1017, 'JetEscrowUpdate');
      expect(jet.JetSetIndexRange(sesid, tableid, JET_bitRangeRemove)).toBe(0);
      jet.JetRollback(sesid, 0);
    }
  });

  it('the range dropped is the one the cursor has at the rollback: one set after the changes goes too, however many changes the level made', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const replace = (value: number) => {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, t.tableid, t.req, long(value));
      jet.JetUpdate2(sesid, t.tableid);
    };
    const rangeUpTo = (a: number) => {
      jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
      jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    };
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    replace(5);
    replace(6);
    jet.JetBeginTransaction(sesid);
    replace(7);
    jet.JetCommitTransaction(sesid, 0);
    rangeUpTo(2);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    // A level that changed nothing through the cursor keeps it.
    rangeUpTo(2);
    jet.JetBeginTransaction(sesid);
    jet.JetRollback(sesid, 0);
    expect(jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeRemove)).toBe(0);
  });

  it('so does an insert copy that deletes its original, and an escrow update, at the level rolled back or committed into it; a plain insert copy does not', () => {
    const { sesid } = fixture;
    const { tableid, k, hits } = counted('counted');
    const copy = (prep: number) => () => {
      jet.JetPrepareUpdate(sesid, tableid, prep);
      jet.JetSetColumn(sesid, tableid, k, long(9));
      jet.JetUpdate2(sesid, tableid);
    };
    const change: Record<string, () => void> = {
      insertCopy: copy(JET_prepInsertCopy),
      insertCopyDeleteOriginal: copy(JET_prepInsertCopyDeleteOriginal),
      escrow: () => jet.JetEscrowUpdate(sesid, tableid, hits, 1),
      escrowInNestedLevel: () => {
        jet.JetBeginTransaction(sesid);
        jet.JetEscrowUpdate(sesid, tableid, hits, 1);
        jet.JetCommitTransaction(sesid, 0);
      },
    };
    const outcome = Object.entries(change).map(([name, make]) => {
      // A range up to 2 from the first record.
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      jet.JetMakeKey(sesid, tableid, long(2), JET_bitNewKey);
      jet.JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
      jet.JetBeginTransaction(sesid);
      make();
      jet.JetRollback(sesid, 0);
      const kept = errnoOf(() => jet.JetSetIndexRange(sesid, tableid, JET_bitRangeRemove)) === 0;
      // The cursor stays on the first record, whose changes are undone.
      const read = (columnid: number) => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value);
      return [name, { kept, at: [read(k), read(hits)] }];
    });
    expect(Object.fromEntries(outcome)).toEqual({
      insertCopy: { kept: true, at: [1, 0] },
      insertCopyDeleteOriginal: { kept: false, at: [1, 0] },
      escrow: { kept: false, at: [1, 0] },
      escrowInNestedLevel: { kept: false, at: [1, 0] },
    });
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, k).value)).toBe(3);
  });
});

describe('a JetSetIndexRange that finds the cursor outside the new range moves it without navigating (ESE dir.cxx ErrDIRICheckIndexRange: DIRAfterLast, DIRBeforeFirst; ErrDIRRollback puts only a cursor that navigated in the level before the first entry)', () => {
  it('after a rollback the cursor is still after the last entry (upper limit) or before the first (lower limit), unless it moved in the level', () => {
    const { sesid } = fixture;
    const t = withRecords();
    // Each case: a fresh cursor, one put on a record before the transaction, and one that
    // moved in it; the key below every record with an upper limit, or above with a lower.
    const run = (setup: 'fresh' | 'before' | 'inside', upper: boolean, cRow: number): number[] | number => {
      const cursor = jet.JetDupCursor(sesid, t.tableid);
      try {
        if (setup === 'before') jet.JetMove(sesid, cursor, JET_MoveFirst);
        jet.JetBeginTransaction(sesid);
        if (setup === 'inside') jet.JetMove(sesid, cursor, JET_MoveFirst);
        jet.JetMakeKey(sesid, cursor, long(upper ? 0 : 9), JET_bitNewKey);
        expectJetError(
          () => jet.JetSetIndexRange(sesid, cursor, (upper ? JET_bitRangeUpperLimit : 0) | JET_bitRangeInclusive),
          EsentNoCurrentRecordError,
          -1603,
          'JetSetIndexRange',
        );
        jet.JetRollback(sesid, 0);
        const moved = errnoOf(() => jet.JetMove(sesid, cursor, cRow));
        if (moved !== 0) return moved;
        const read = (columnid: number) =>
          decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, cursor, columnid).value) as number;
        return [read(t.a), read(t.b)];
      } finally {
        jet.JetCloseTable(sesid, cursor);
      }
    };
    for (const setup of ['fresh', 'before'] as const) {
      expect([setup, run(setup, true, JET_MovePrevious)]).toEqual([setup, [3, 1]]);
      expect([setup, run(setup, true, JET_MoveNext)]).toEqual([setup, -1603]);
      expect([setup, run(setup, false, JET_MoveNext)]).toEqual([setup, [1, 1]]);
      expect([setup, run(setup, false, JET_MovePrevious)]).toEqual([setup, -1603]);
    }
    // A cursor that moved in the level is put before the first entry.
    expect(run('inside', true, JET_MoveNext)).toEqual([1, 1]);
    expect(run('inside', true, JET_MovePrevious)).toBe(-1603);
  });
});

describe('JetSetIndexRange on a fresh secondary index cursor makes the deferred move to the first entry for the index\'s cursor only (ESE rec.cxx ErrIsamSetIndexRange, dir.cxx ErrDIRCheckIndexRange, ErrDIRIIRefresh)', () => {
  const upTo = (tableid: bigint, value: number, grbit = JET_bitRangeUpperLimit | JET_bitRangeInclusive) => () => {
    jet.JetMakeKey(fixture.sesid, tableid, long(value), JET_bitNewKey);
    return jet.JetSetIndexRange(fixture.sesid, tableid, grbit);
  };

  it('a range the first entry is outside moves the index\'s cursor after the last entry; reading the record makes the table\'s deferred move, which puts the index\'s cursor back on the first entry', () => {
    const { sesid } = fixture;
    const { tableid, k, v } = byValue('deferred');
    expectJetError(upTo(tableid, 5), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    // The table's cursor has not moved: no bookmark until the record is read.
    expectJetError(() => jet.JetGetBookmark(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(2));
    // The index's cursor is on (10, 2) again: a range that holds it is accepted, and the
    // cursor moves on to (20, 1).
    upTo(tableid, 20)();
    jet.JetMove(sesid, tableid, JET_MoveNext);
    expect(jet.JetRetrieveColumn(sesid, tableid, v).value).toEqual(long(20));
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it('without that read the index\'s cursor stays after the last entry: a second range and a move next find no record, a move previous the last entry', () => {
    const { sesid } = fixture;
    const { tableid, v } = byValue('deferred');
    expectJetError(upTo(tableid, 5), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expectJetError(upTo(tableid, 20), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetMove(sesid, tableid, JET_MovePrevious);
    expect(jet.JetRetrieveColumn(sesid, tableid, v).value).toEqual(long(20));
  });

  it('a cursor moved to the first entry itself stays on the record after a failed range, and reading it does not bring the index\'s cursor back', () => {
    const { sesid } = fixture;
    const { tableid, k } = byValue('deferred');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expectJetError(upTo(tableid, 5), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(2));
    expectJetError(upTo(tableid, 20), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
  });

  it('JetGetRecordPosition refreshes the index\'s cursor alone as well (stats.cxx ErrIsamGetRecordPosition, dir.cxx ErrDIRGetPosition): a failed range after it, then a read, puts the index\'s cursor back on the first entry', () => {
    const { sesid } = fixture;
    const { tableid, k } = byValue('deferred');
    expect(jet.JetGetRecordPosition(sesid, tableid)).toMatchObject({ centriesLT: 0, centriesTotal: 2 });
    expectJetError(() => jet.JetGetBookmark(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    expectJetError(upTo(tableid, 5), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(2));
    upTo(tableid, 20)();
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
  });

  it('a range the first entry is inside leaves the table\'s cursor waiting too: JetGetBookmark has none until the record is read', () => {
    const { sesid } = fixture;
    const { tableid, k } = byValue('deferred');
    upTo(tableid, 15)();
    expectJetError(() => jet.JetGetBookmark(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetGetBookmark');
    expect(jet.JetRetrieveColumn(sesid, tableid, k).value).toEqual(long(2));
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
  });
});

describe('JetSetColumn overwriting a long value kept in the record past its end (ESE lv.cxx ErrRECSetLongField, ErrRECAOIntrinsicLV)', () => {
  it('a write that would grow it past the 1023 bytes kept in a record checks cbMax first (JET_errColumnTooBig); a smaller one the offset (JET_errColumnNoChunk)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'lvs',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'capped', coltyp: JET_coltypLongBinary, cbMax: 600 },
        { szColumnName: 'open', coltyp: JET_coltypLongBinary },
      ],
    });
    const tableid = created.tableid;
    const [k, capped, open] = created.columnids as number[];
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    jet.JetSetColumn(sesid, tableid, capped!, text('ab'));
    jet.JetSetColumn(sesid, tableid, open!, text('ab'));
    const overwrite = (columnid: number, ib: number, cb: number) => () =>
      jet.JetSetColumn(sesid, tableid, columnid, Buffer.alloc(cb, 0x36), JET_bitSetOverwriteLV, { itagSequence: 1, ibLongValue: ib });
    expectJetError(overwrite(capped!, 1000, 100), EsentColumnTooBigError, -1506, 'JetSetColumn');
    expectJetError(overwrite(capped!, 1000, 5), EsentColumnNoChunkError, -1502, 'JetSetColumn');
    expectJetError(overwrite(capped!, 10, 10), EsentColumnNoChunkError, -1502, 'JetSetColumn');
    expectJetError(overwrite(open!, 1000, 100), EsentColumnNoChunkError, -1502, 'JetSetColumn');
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid, 0);
  });
});

describe('a cursor on a secondary index whose record changed its key there (ESE reads the record through the table\'s cursor, the index entry through the index\'s: fldext.cxx ErrRECIGetRecord; rec.cxx ErrIsamMove, fldnorm.cxx ErrIsamRetrieveKey)', () => {
  let tables = 0;
  function onChangedKey(otherSession: boolean) {
    const { sesid, dbid, instance, dir } = fixture;
    const name = `moved${++tables}`;
    const created = keyedByValue(name);
    const { k, v } = created;
    for (const [key, value] of [[1, 10], [2, 20], [3, 30]] as const) created.insert(created.tableid, key, value);
    jet.JetCloseTable(sesid, created.tableid);
    const tableid = jet.JetOpenTable(sesid, dbid, name);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    jet.JetMove(sesid, tableid, JET_MoveFirst, 0);
    // The record (1, 10) gets the value 25: its entry 10 in byV goes, one for 25 comes.
    const changer = otherSession ? jet.JetBeginSession(instance) : sesid;
    let changing = tableid;
    if (otherSession) {
      jet.JetOpenDatabase(changer, join(dir, 'fidelity.edb'));
      changing = jet.JetOpenTable(changer, dbid, name);
    }
    jet.JetPrepareUpdate(changer, changing, JET_prepReplace);
    jet.JetSetColumn(changer, changing, v, long(25));
    jet.JetUpdate2(changer, changing);
    return { tableid, k, v };
  }

  for (const otherSession of [false, true]) {
    it(`changed ${otherSession ? 'by another session' : 'through the cursor itself'}: the record reads, locks, updates and deletes; JetMove 0, JetRetrieveKey and JetIndexRecordCount, which read the entry, are JET_errRecordDeleted; a move next goes on from the entry`, () => {
      const { sesid } = fixture;
      let t = onChangedKey(otherSession);
      expect(jet.JetRetrieveColumn(sesid, t.tableid, t.v).value).toEqual(long(25));
      expect(jet.JetRetrieveColumn(sesid, t.tableid, t.k).value).toEqual(long(1));
      expect(jet.JetGetBookmark(sesid, t.tableid).length).toBeGreaterThan(0);
      expectJetError(() => jet.JetMove(sesid, t.tableid, 0, 0), EsentRecordDeletedError, -1017, 'JetMove');
      expectJetError(() => jet.JetRetrieveKey(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetRetrieveKey');
      expectJetError(() => jet.JetIndexRecordCount(sesid, t.tableid), EsentRecordDeletedError, -1017, 'JetIndexRecordCount');
      expect(jet.JetMove(sesid, t.tableid, JET_MoveNext, 0)).toBe(0);
      expect(jet.JetRetrieveColumn(sesid, t.tableid, t.v).value).toEqual(long(20));

      t = onChangedKey(otherSession);
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
      expect(jet.JetUpdate2(sesid, t.tableid).length).toBeGreaterThan(0);
      jet.JetBeginTransaction(sesid);
      jet.JetGetLock(sesid, t.tableid, JET_bitWriteLock);
      jet.JetDelete(sesid, t.tableid);
      jet.JetCommitTransaction(sesid, 0);
      jet.JetMove(sesid, t.tableid, JET_MoveFirst, 0);
      expect(jet.JetRetrieveColumn(sesid, t.tableid, t.v).value).toEqual(long(20));
    });
  }
});

describe('JetAddColumn of an escrow or autoincrement column needs the table held denying reads by the caller (ESE fcreate.cxx ErrFILEIValidateAddColumn, from ErrIsamAddColumn with FDomainDenyReadByUs)', () => {
  it('through a cursor of a table no cursor of the session denies reads to: JET_errExclusiveTableLockRequired, empty table or not, before the records are looked at; with one that does, through any cursor of the session, the column is added', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'held',
      rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
    });
    jet.JetCloseTable(sesid, created.tableid);
    const escrow = { coltyp: JET_coltypLong, grbit: JET_bitColumnEscrowUpdate };
    const counter = { coltyp: JET_coltypLong, grbit: JET_bitColumnAutoincrement };
    const shared = jet.JetOpenTable(sesid, dbid, 'held');
    expectJetError(() => jet.JetAddColumn(sesid, shared, 'e', escrow, long(0)), EsentExclusiveTableLockRequiredError, -1322, 'JetAddColumn');
    expectJetError(() => jet.JetAddColumn(sesid, shared, 'n', counter), EsentExclusiveTableLockRequiredError, -1322, 'JetAddColumn');
    // Without a default an escrow column is refused first (JET_errInvalidGrbit).
    expectJetError(() => jet.JetAddColumn(sesid, shared, 'e', escrow), EsentInvalidGrbitError, -900, 'JetAddColumn');

    jet.JetPrepareUpdate(sesid, shared, JET_prepInsert);
    jet.JetSetColumn(sesid, shared, created.columnids[0]!, long(1));
    jet.JetUpdate2(sesid, shared);
    expectJetError(() => jet.JetAddColumn(sesid, shared, 'e', escrow, long(0)), EsentExclusiveTableLockRequiredError, -1322, 'JetAddColumn');
    jet.JetCloseTable(sesid, shared);

    const held = jet.JetOpenTable(sesid, dbid, 'held', JET_bitTableDenyRead);
    const other = jet.JetOpenTable(sesid, dbid, 'held');
    expect(jet.JetAddColumn(sesid, other, 'n', counter)).toBeGreaterThan(0);
    expectJetError(() => jet.JetAddColumn(sesid, held, 'e', escrow, long(0)), EsentTableNotEmptyError, -1308, 'JetAddColumn');
  });
});

describe('JetGetTableInfo with JET_TblInfo tells whether the cursor can update (ESE info.cxx ErrIsamGetTableInfo asks FFUCBUpdatable)', () => {
  it('JET_bitTableInfoUpdatable for a cursor opened to update, not for one opened with JET_bitTableReadOnly', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    expect(jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo)).toMatchObject({ objtyp: 1, grbit: 0x7 });
    const reader = jet.JetOpenTable(sesid, dbid, 't', JET_bitTableReadOnly);
    expect(jet.JetGetTableInfo(sesid, reader, JET_TblInfo)).toMatchObject({ objtyp: 1, grbit: 0x6 });
    const writer = jet.JetOpenTable(sesid, dbid, 't');
    expect(jet.JetGetTableInfo(sesid, writer, JET_TblInfo)).toMatchObject({ objtyp: 1, grbit: 0x7 });
  });
});

describe('a primary index, or an escrow column, needs a table whose tree holds no node at all (ESE fcreate.cxx ErrFILEIPrepareOneIndex, ErrIsamAddColumn: fDIRAllNode)', () => {
  it('a record deleted and committed still has its node, and a page never gives up its last one: the table refuses both from its first record on, even after a rolled-back insert into an empty table', () => {
    const { sesid, dbid } = fixture;
    const make = (name: string) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: name, rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }] });
      return { tableid: created.tableid, k: created.columnids[0]! };
    };
    const insertK = (t: { tableid: bigint; k: number }, value: number) => {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, t.tableid, t.k, long(value));
      jet.JetUpdate2(sesid, t.tableid);
    };
    const primary = (t: { tableid: bigint }) => () => jet.JetCreateIndex2(sesid, t.tableid, [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }]);
    const escrow = (t: { tableid: bigint }) => () =>
      jet.JetAddColumn(sesid, t.tableid, 'e', { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate }, long(0));

    const deleted = make('deleted');
    insertK(deleted, 1);
    insertK(deleted, 2);
    for (let i = 0; i < 2; i++) {
      jet.JetMove(sesid, deleted.tableid, JET_MoveFirst);
      jet.JetDelete(sesid, deleted.tableid);
    }
    expectJetError(() => jet.JetMove(sesid, deleted.tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(primary(deleted), EsentTableNotEmptyError, -1308, 'JetCreateIndex2');
    expectJetError(escrow(deleted), EsentTableNotEmptyError, -1308, 'JetAddColumn');

    const undone = make('undone');
    jet.JetBeginTransaction(sesid);
    insertK(undone, 1);
    jet.JetRollback(sesid, 0);
    expectJetError(primary(undone), EsentTableNotEmptyError, -1308, 'JetCreateIndex2');
    expectJetError(escrow(undone), EsentTableNotEmptyError, -1308, 'JetAddColumn');

    // A table that never held a record takes both.
    const fresh = make('fresh');
    expect(primary(fresh)()).toBe(0);
    expect(escrow(fresh)()).toBeGreaterThan(0);
  });

  it('an insert a secondary index refuses leaves its node flagged deleted, kept while it is the page\'s last; a later insert refused with the same key takes that node over, and its cleanup then deletes it beside another record (recupd.cxx ErrRECIInsert; bt.cxx ErrBTInsert; extended generator seed 10237)', () => {
    const { sesid } = fixture;
    const { tableid, k, v } = keyedWithByV('refusedTwice', JET_bitIndexDisallowNull);
    /** Inserts k and v (null where not given) through `cursor`; the refusal, if any. */
    const insertKV = (cursor: bigint, kValue: number | null, vValue: number | null) => {
      jet.JetPrepareUpdate(sesid, cursor, JET_prepInsert);
      if (kValue !== null) jet.JetSetColumn(sesid, cursor, k, long(kValue));
      if (vValue !== null) jet.JetSetColumn(sesid, cursor, v, long(vValue));
      try {
        jet.JetUpdate2(sesid, cursor);
        return undefined;
      } catch (caught) {
        jet.JetPrepareUpdate(sesid, cursor, JET_prepCancel);
        return caught;
      }
    };
    const nodes = () => {
      jet.JetSetCurrentIndex4(sesid, tableid, null);
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      return jet.JetGetRecordPosition(sesid, tableid).centriesTotal;
    };
    // A primary index takes a null k; byV refuses the null v.
    expect(insertKV(tableid, null, null)).toBeInstanceOf(EsentNullKeyDisallowedError);
    expect(insertKV(tableid, 1, 1)).toBeUndefined();
    expect(nodes()).toBe(2);
    expect(insertKV(tableid, null, null)).toBeInstanceOf(EsentNullKeyDisallowedError);
    expect(nodes()).toBe(1);
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(1);
  });
});

describe('a secondary index is built from the records its creator sees, then from the changes of other sessions it does not see (ESE fcreate.cxx ErrFILEIBuildIndex, ErrFILEIUpdateIndex, ErrFILEIProcessRCE)', () => {
  /**
   * Table `name`: k (Long, primary key), v (Long), records (k, 10k) for k = 1 to 4,
   * committed; open in the fixture's session and in a second session.
   */
  /** v read through each entry of iv a cursor of `ses` passes, or the read's error. */
  function walkIv(ses: bigint, tableid: bigint): number[] {
    const v = jet.JetGetTableColumnInfo(ses, tableid, 'v').columnid;
    jet.JetSetCurrentIndex4(ses, tableid, 'iv');
    const read: number[] = [];
    for (let err = errnoOf(() => jet.JetMove(ses, tableid, JET_MoveFirst)); err === 0; err = errnoOf(() => jet.JetMove(ses, tableid, JET_MoveNext))) {
      let value = 0;
      const readErr = errnoOf(() => (value = jet.JetRetrieveColumn(ses, tableid, v).value!.readInt32LE(0)));
      read.push(readErr === 0 ? value : readErr);
    }
    return read;
  }

  function fourRecords(name: string) {
    const { sesid, dbid, dir } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, v] = created.columnids as [number, number];
    jet.JetCloseTable(sesid, created.tableid);
    const mine = jet.JetOpenTable(sesid, dbid, name);
    const other = jet.JetBeginSession(fixture.instance);
    const theirs = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(dir, 'fidelity.edb')), name);
    const insert = (ses: bigint, tableid: bigint, key: number, value: number) => {
      jet.JetPrepareUpdate(ses, tableid, JET_prepInsert);
      jet.JetSetColumn(ses, tableid, k, long(key));
      jet.JetSetColumn(ses, tableid, v, long(value));
      jet.JetUpdate2(ses, tableid);
    };
    const seek = (ses: bigint, tableid: bigint, key: number) => {
      jet.JetMakeKey(ses, tableid, long(key), JET_bitNewKey);
      jet.JetSeek(ses, tableid, JET_bitSeekEQ);
    };
    for (let key = 1; key <= 4; key++) insert(sesid, mine, key, 10 * key);
    return {
      mine,
      other,
      theirs,
      insert,
      replace(ses: bigint, tableid: bigint, key: number, value: number) {
        seek(ses, tableid, key);
        jet.JetPrepareUpdate(ses, tableid, JET_prepReplace);
        jet.JetSetColumn(ses, tableid, v, long(value));
        jet.JetUpdate2(ses, tableid);
      },
      remove(ses: bigint, tableid: bigint, key: number) {
        seek(ses, tableid, key);
        jet.JetDelete(ses, tableid);
      },
      /** A snapshot for `ses`: a transaction that has read a record. */
      snapshot(ses: bigint, tableid: bigint) {
        jet.JetBeginTransaction(ses);
        jet.JetMove(ses, tableid, JET_MoveFirst);
      },
      createIndex: () => jet.JetCreateIndex2(sesid, mine, [{ szIndexName: 'iv', szKey: ['+v'], grbit: 0 }]),
      /**
       * Has the fixture's session make `changes` and build iv in one transaction, left open,
       * while it holds the table denying reads (the other session's cursor closed first).
       */
      buildWhileHeld(changes: () => void) {
        jet.JetCloseTable(other, this.theirs);
        jet.JetBeginTransaction(sesid);
        const held = jet.JetOpenTable(sesid, dbid, name, JET_bitTableDenyRead);
        changes();
        jet.JetCreateIndex2(sesid, mine, [{ szIndexName: 'iv', szKey: ['+v'], grbit: 0 }]);
        jet.JetCloseTable(sesid, held);
      },
      /** Opens the other session's cursor on the table again. */
      reopenTheirs() {
        this.theirs = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(dir, 'fidelity.edb')), name);
      },
      /**
       * Through index iv on a new cursor of the fixture's session: the position of its first
       * record (the index's nodes counted, flagged deleted or not) and the values of v it reads.
       */
      readIndex() {
        const tableid = jet.JetOpenTable(sesid, dbid, name);
        jet.JetSetCurrentIndex4(sesid, tableid, 'iv');
        jet.JetMove(sesid, tableid, JET_MoveFirst);
        const first = jet.JetGetRecordPosition(sesid, tableid);
        const values: number[] = [];
        for (;;) {
          values.push(jet.JetRetrieveColumn(sesid, tableid, v).value!.readInt32LE(0));
          try {
            jet.JetMove(sesid, tableid, JET_MoveNext);
          } catch (e) {
            if (e instanceof EsentNoCurrentRecordError) break;
            throw e;
          }
        }
        jet.JetCloseTable(sesid, tableid);
        return { nodes: first.centriesTotal, before: first.centriesLT, values };
      },
    };
  }

  it('an index built without versions (JET_bitIndexUnversioned, or a creator holding the table denying reads) has entries a transaction that began before sees whatever version it reads: a record inserted since is found and reads as deleted, a record changed since is found under its new key and reads as it was (fcreate.cxx ErrFILEIBuildIndex; differential seed 268)', () => {
    const { sesid } = fixture;
    for (const how of ['unversioned', 'denyRead'] as const) {
      const u = fourRecords(how);
      // The other session's transaction begins before (5, 50) is inserted and (2, 20) becomes (2, 25).
      u.snapshot(u.other, u.theirs);
      u.insert(sesid, u.mine, 5, 50);
      u.replace(sesid, u.mine, 2, 25);
      if (how === 'unversioned') {
        jet.JetCreateIndex2(sesid, u.mine, [{ szIndexName: 'iv', szKey: ['+v'], grbit: JET_bitIndexUnversioned }]);
      } else {
        // A table held denying reads: the other session's cursor closed first.
        jet.JetCloseTable(u.other, u.theirs);
        const held = jet.JetOpenTable(sesid, fixture.dbid, how, JET_bitTableDenyRead);
        jet.JetCreateIndex2(sesid, held, [{ szIndexName: 'iv', szKey: ['+v'], grbit: 0 }]);
        jet.JetCloseTable(sesid, held);
        u.reopenTheirs();
      }
      const walk = () => walkIv(u.other, u.theirs);
      expect(walk()).toEqual([10, 20, 30, 40, -1017]);
      jet.JetMove(u.other, u.theirs, JET_MoveFirst);
      expect(jet.JetIndexRecordCount(u.other, u.theirs, 0)).toBe(5);
      // Its own change versions the entry: the key it wrote is found, the built one no more.
      jet.JetSetCurrentIndex4(u.other, u.theirs, 'pk');
      u.replace(u.other, u.theirs, 1, 15);
      expect(walk()).toEqual([15, 20, 30, 40, -1017]);
      jet.JetCommitTransaction(u.other, 0);
      // A transaction that begins after the build sees the records as they are.
      u.snapshot(u.other, u.theirs);
      expect(walk()).toEqual([15, 25, 30, 40, 50]);
      jet.JetCommitTransaction(u.other, 0);
      jet.JetEndSession(u.other, 0);
    }
  });

  it('an index built without versions makes its entries for the creator\'s own uncommitted changes from the rows the creator sees, and every session finds them, at level 0 and in a transaction that began after the build: an uncommitted insert is found and reads as deleted, an uncommitted replace is found under its new key and reads as it was; after the commit a transaction that began before it still does (fcreate.cxx ErrFILEIBuildIndex; extended generator seed 19981)', () => {
    const { sesid } = fixture;
    const u = fourRecords('ownUncommitted');
    // The creator holds the table denying reads while it changes records and builds iv in one
    // transaction, and lets go of it before the other session opens the table.
    u.buildWhileHeld(() => {
      u.insert(sesid, u.mine, 5, 50);
      u.replace(sesid, u.mine, 2, 25);
      u.remove(sesid, u.mine, 3);
    });
    u.reopenTheirs();
    const seek = (value: number) =>
      errnoOf(() => {
        jet.JetMakeKey(u.other, u.theirs, long(value), JET_bitNewKey);
        jet.JetSeek(u.other, u.theirs, JET_bitSeekEQ);
      });
    // No entry for (3, 30), which the creator deleted, nor for (2, 20), which it replaced.
    const asOthersSee = [10, 20, 40, -1017];
    expect(walkIv(u.other, u.theirs)).toEqual(asOthersSee);
    expect(seek(25)).toBe(0);
    expect(seek(20)).toBe(-1601);
    u.snapshot(u.other, u.theirs);
    expect(walkIv(u.other, u.theirs)).toEqual(asOthersSee);
    expect(walkIv(sesid, u.mine)).toEqual([10, 25, 40, 50]);
    jet.JetCommitTransaction(sesid, 0);
    expect(walkIv(u.other, u.theirs)).toEqual(asOthersSee);
    jet.JetCommitTransaction(u.other, 0);
    expect(walkIv(u.other, u.theirs)).toEqual([10, 25, 40, 50]);
    jet.JetEndSession(u.other, 0);
  });

  it('such entries are versioned by the next change of their record: after a delete or a replace at level 0 the index has the record as the version each reader sees, a transaction that began before the change still finding the old entries (extended generator seed 23044)', () => {
    const { sesid } = fixture;
    const u = fourRecords('versionedLater');
    u.buildWhileHeld(() => {
      u.insert(sesid, u.mine, 5, 50);
      u.insert(sesid, u.mine, 6, 60);
    });
    jet.JetCommitTransaction(sesid, 0);
    u.reopenTheirs();
    u.snapshot(u.other, u.theirs);
    u.remove(sesid, u.mine, 5);
    u.replace(sesid, u.mine, 6, 65);
    expect(walkIv(sesid, u.mine)).toEqual([10, 20, 30, 40, 65]);
    expect(walkIv(u.other, u.theirs)).toEqual([10, 20, 30, 40, 50, 60]);
    jet.JetCommitTransaction(u.other, 0);
    expect(walkIv(u.other, u.theirs)).toEqual([10, 20, 30, 40, 65]);
    jet.JetEndSession(u.other, 0);
  });

  it('such an entry goes with its node: once the version store\'s cleanup removed it, an uncommitted change that makes the same entry again is versioned, and other sessions do not find it', () => {
    const { sesid } = fixture;
    const u = fourRecords('entryGone');
    u.buildWhileHeld(() => u.replace(sesid, u.mine, 2, 25));
    jet.JetCommitTransaction(sesid, 0);
    // The entry (25, record 2) leaves the index: replaced, then cleaned up.
    u.replace(sesid, u.mine, 2, 20);
    cleanUpByDetach();
    u.reopenTheirs();
    jet.JetSetCurrentIndex4(u.other, u.theirs, 'iv');
    const seek = (value: number) =>
      errnoOf(() => {
        jet.JetMakeKey(u.other, u.theirs, long(value), JET_bitNewKey);
        jet.JetSeek(u.other, u.theirs, JET_bitSeekEQ);
      });
    jet.JetBeginTransaction(sesid);
    u.replace(sesid, u.mine, 2, 25);
    expect(seek(25)).toBe(-1601);
    expect(seek(20)).toBe(0);
    jet.JetRollback(sesid, 0);
    jet.JetEndSession(u.other, 0);
  });

  it('its creator\'s own changes and the versions committed before its transaction began give entries only for what it sees: a record it deleted gets none, a record it changed one', () => {
    const { sesid } = fixture;
    // Its own delete, uncommitted when the index is built in the same transaction.
    let u = fourRecords('ownDelete');
    jet.JetBeginTransaction(sesid);
    u.remove(sesid, u.mine, 1);
    u.createIndex();
    jet.JetCommitTransaction(sesid, 0);
    expect(u.readIndex()).toEqual({ nodes: 3, before: 0, values: [20, 30, 40] });
    jet.JetEndSession(u.other, 0);
    // Its own replace, uncommitted: the entry of the value it replaced is not made.
    u = fourRecords('ownReplace');
    jet.JetBeginTransaction(sesid);
    u.replace(sesid, u.mine, 1, 14);
    u.createIndex();
    expect(u.readIndex()).toEqual({ nodes: 4, before: 0, values: [14, 20, 30, 40] });
    jet.JetCommitTransaction(sesid, 0);
    jet.JetEndSession(u.other, 0);
    // A replace committed before the build, its old version kept for another session's
    // snapshot: the old value gets no entry.
    u = fourRecords('replacedBefore');
    u.snapshot(u.other, u.theirs);
    u.replace(sesid, u.mine, 1, 11);
    u.createIndex();
    expect(u.readIndex()).toEqual({ nodes: 4, before: 0, values: [11, 20, 30, 40] });
    jet.JetCommitTransaction(u.other, 0);
    jet.JetEndSession(u.other, 0);
    // A delete committed before the build, the record kept for another session's snapshot.
    u = fourRecords('deletedBefore');
    u.snapshot(u.other, u.theirs);
    u.remove(sesid, u.mine, 1);
    u.createIndex();
    expect(u.readIndex()).toEqual({ nodes: 3, before: 0, values: [20, 30, 40] });
    jet.JetCommitTransaction(u.other, 0);
  });

  it('a change of another session its creator does not see, uncommitted or committed after its transaction began, gives entries for the record before and after it', () => {
    const { sesid } = fixture;
    const cases: Array<{
      change: (u: ReturnType<typeof fourRecords>) => void;
      mineFirst: boolean;
      built: { nodes: number; before: number; values: number[] };
      committed: { nodes: number; before: number; values: number[] };
    }> = [
      // Uncommitted replace: entries for 10 and 12; after its commit 10's is flagged deleted.
      {
        change: (u) => u.replace(u.other, u.theirs, 1, 12),
        mineFirst: false,
        built: { nodes: 5, before: 0, values: [10, 20, 30, 40] },
        committed: { nodes: 5, before: 1, values: [12, 20, 30, 40] },
      },
      // Uncommitted insert.
      {
        change: (u) => u.insert(u.other, u.theirs, 5, 50),
        mineFirst: false,
        built: { nodes: 5, before: 0, values: [10, 20, 30, 40] },
        committed: { nodes: 5, before: 0, values: [10, 20, 30, 40, 50] },
      },
      // Uncommitted delete.
      {
        change: (u) => u.remove(u.other, u.theirs, 1),
        mineFirst: false,
        built: { nodes: 4, before: 0, values: [10, 20, 30, 40] },
        committed: { nodes: 4, before: 1, values: [20, 30, 40] },
      },
      // Replace committed after the creator's transaction began.
      {
        change: (u) => u.replace(u.other, u.theirs, 1, 13),
        mineFirst: true,
        built: { nodes: 5, before: 0, values: [10, 20, 30, 40] },
        committed: { nodes: 5, before: 1, values: [13, 20, 30, 40] },
      },
      // Delete committed after the creator's transaction began.
      {
        change: (u) => u.remove(u.other, u.theirs, 1),
        mineFirst: true,
        built: { nodes: 4, before: 0, values: [10, 20, 30, 40] },
        committed: { nodes: 4, before: 1, values: [20, 30, 40] },
      },
    ];
    for (const [i, { change, mineFirst, built, committed }] of cases.entries()) {
      const u = fourRecords(`case${i}`);
      if (mineFirst) {
        u.snapshot(sesid, u.mine);
        change(u);
      } else {
        jet.JetBeginTransaction(u.other);
        change(u);
      }
      u.createIndex();
      expect(u.readIndex()).toEqual(built);
      jet.JetCommitTransaction(mineFirst ? sesid : u.other, 0);
      expect(u.readIndex()).toEqual(committed);
      jet.JetEndSession(u.other, 0);
      }
  });
});

describe('an open by name looks in ESE\'s catalog hash before the catalog, and the hash is not versioned (ESE fileopen.cxx ErrFILEIOpenTable, cat.cxx FCATHashILookup)', () => {
  /** A session that triggers the version store's cleanup and one that opens by name. */
  function hashProbes() {
    const { sesid, dbid, dir, instance } = fixture;
    const cleaner = jet.JetBeginSession(instance);
    const reader = jet.JetBeginSession(instance);
    const readerDb = jet.JetOpenDatabase(reader, join(dir, 'fidelity.edb'));
    let databases = 0;
    return {
      cleaner,
      reader,
      readerDb,
      // A database creation runs the cleanup over the instance's other databases.
      cleanUp: () => jet.JetCloseDatabase(cleaner, jet.JetCreateDatabase2(cleaner, join(dir, `clean${++databases}.edb`))),
      /** The errno of the reader's JetOpenTable of `name`, or 0 when it opens. */
      opens: (name: string) => errnoOf(() => jet.JetCloseTable(reader, jet.JetOpenTable(reader, readerDb, name))),
      made: (name: string, keepOpen = false, column?: string) => {
        const tableid = jet.JetCreateTable(sesid, dbid, name);
        if (column !== undefined) jet.JetAddColumn(sesid, tableid, column, { coltyp: JET_coltypLong });
        if (!keepOpen) jet.JetCloseTable(sesid, tableid);
        return tableid;
      },
      end: () => {
        jet.JetEndSession(reader);
        jet.JetEndSession(cleaner);
      },
    };
  }

  it('the version store\'s cleanup of a table\'s creation puts it in the hash under the name of its in-memory description, which a rename changes at once: after a cleanup other sessions open it by a new name not yet committed, or rolled back (ver.cxx operCreateTable, CATHashIInsert; cat.cxx ErrCATRenameTable)', () => {
    const { sesid, dbid, dir } = fixture;
    const { cleaner, cleanUp, opens, made, end } = hashProbes();

    // Renamed before the cleanup: the new name joins the hash, the old one is still in the
    // catalog for others, and the rollback takes neither away.
    made('t');
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 't', 'u');
    expect([opens('u'), opens('t')]).toEqual([-1305, 0]);
    cleanUp();
    expect([opens('u'), opens('t')]).toEqual([0, 0]);
    jet.JetRollback(sesid, 0);
    expect([opens('u'), opens('t')]).toEqual([0, 0]);

    // Rolled back with no cleanup between: the description keeps the new name, and the
    // cleanup after the rollback hashes that.
    made('r');
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 'r', 's');
    jet.JetRollback(sesid, 0);
    expect(opens('s')).toBe(-1305);
    cleanUp();
    expect([opens('s'), opens('r')]).toEqual([0, 0]);

    // Cleaned up before the rename: the rename takes the old name out of the hash and puts no
    // name in, so a later cleanup shows nothing new.
    made('p');
    cleanUp();
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 'p', 'q');
    cleanUp();
    expect([opens('q'), opens('p')]).toEqual([-1305, 0]);
    jet.JetCommitTransaction(sesid, 0);
    expect([opens('q'), opens('p')]).toEqual([0, -1305]);

    // Found in the hash, a table its creator still holds denying reads is locked; a detach's
    // cleanup hashes it as a creation's does.
    jet.JetCloseDatabase(cleaner, jet.JetCreateDatabase2(cleaner, join(dir, 'spare.edb')));
    const held = made('h', true);
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 'h', 'k');
    expect(opens('k')).toBe(-1305);
    jet.JetDetachDatabase2(cleaner, join(dir, 'spare.edb'));
    expect([opens('k'), opens('h')]).toEqual([-1302, -1302]);
    jet.JetRollback(sesid, 0);
    jet.JetCloseTable(sesid, held);
    end();
  });

  it('JetDeleteTable and JetSetColumnDefaultValue find a table through the hash too; a deleted table stays there, locked, until the cleanup of its delete purges it (fcb.cxx CATHashIDelete); a delete during another session\'s rename not yet committed is JET_errWriteConflict', () => {
    const { sesid, dbid } = fixture;
    const { reader, readerDb, cleanUp, opens, made, end } = hashProbes();
    // A rename rolled back, then a cleanup: the hash has the new name, the catalog the old.
    const renamedBack = (from: string, to: string) => {
      made(from, false, 'col');
      jet.JetBeginTransaction(sesid);
      jet.JetRenameTable(sesid, dbid, from, to);
      jet.JetRollback(sesid, 0);
      cleanUp();
    };

    // First, while ESE's engine has had no reason to run its cleanup in the background:
    // deleted by its catalog name, the table keeps its hashed name: locked until a cleanup.
    renamedBack('h', 'k');
    expect(jet.JetDeleteTable(reader, readerDb, 'h')).toBe(0);
    expect([opens('k'), opens('h')]).toEqual([-1302, -1305]);
    expectJetError(() => jet.JetDeleteTable(reader, readerDb, 'k'), EsentTableLockedError, -1302, 'JetDeleteTable');
    cleanUp();
    expect(opens('k')).toBe(-1305);

    // Pending in another session, the rename holds the catalog's record: a delete by either
    // name (the new one through the hash) conflicts, and leaves the table.
    made('d');
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 'd', 'e');
    cleanUp();
    expectJetError(() => jet.JetDeleteTable(reader, readerDb, 'e'), EsentWriteConflictError, -1102, 'JetDeleteTable');
    expectJetError(() => jet.JetDeleteTable(reader, readerDb, 'd'), EsentWriteConflictError, -1102, 'JetDeleteTable');
    jet.JetRollback(sesid, 0);
    expect([opens('e'), opens('d')]).toEqual([0, 0]);

    // The column default by the name only the hash has.
    renamedBack('f', 'g');
    expect(jet.JetSetColumnDefaultValue(reader, readerDb, 'g', 'col', long(4))).toBe(0);
    end();
  });

  it('JetGetTableInfo\'s statistics open the table by its description\'s name: after a rename rolled back, not in the catalog, but found once a cleanup has hashed the table', () => {
    // Alone in its instance: were ESE's engine to run its cleanup in the background before the
    // rename, the table would be hashed under its old name, which the rename takes out.
    const { sesid, dbid } = fixture;
    const { cleanUp, made, end } = hashProbes();
    const t = made('t', true);
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 't', 'u');
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetGetTableInfo(sesid, t, JET_TblInfo), EsentObjectNotFoundError, -1305, 'JetGetTableInfo');
    cleanUp();
    expect(jet.JetGetTableInfo(sesid, t, JET_TblInfo)).toMatchObject({ objtyp: 1 });
    jet.JetCloseTable(sesid, t);
    end();
  });
});

describe('JetGetTableInfo with JET_TblInfo reads its statistics through a read-only open of the table by the name in ESE\'s in-memory description (ESE info.cxx ErrIsamGetTableInfo, stats.cxx ErrSTATSRetrieveTableStats, fileopen.cxx ErrFILEIOpenTable)', () => {
  it('after a rename that was rolled back the description keeps the new name, which the catalog no longer has: JET_errObjectNotFound, on any cursor, until a rename brings the names together again; that name taken by a table another session holds exclusively: JET_errTableLocked', () => {
    const { sesid, dbid } = fixture;
    const t = table();
    jet.JetBeginTransaction(sesid);
    expect(jet.JetRenameTable(sesid, dbid, 't', 'u')).toBe(0);
    expect(jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo)).toMatchObject({ objtyp: 1 });
    jet.JetRollback(sesid, 0);
    // cat.cxx ErrCATRenameTable gives the description its new name at once; the rollback
    // restores only the catalog.
    expect(jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfoName)).toBe('u');
    expectJetError(() => jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo), EsentObjectNotFoundError, -1305, 'JetGetTableInfo');
    const reopened = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetGetTableInfo(sesid, reopened, JET_TblInfo), EsentObjectNotFoundError, -1305, 'JetGetTableInfo');

    // The open goes by that name, whichever table has it now.
    const other = jet.JetBeginSession(fixture.instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const holder = jet.JetCreateTable(other, otherDb, 'u');
    expectJetError(() => jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo), EsentTableLockedError, -1302, 'JetGetTableInfo');
    jet.JetCloseTable(other, holder);
    expect(jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo)).toMatchObject({ objtyp: 1 });
    jet.JetEndSession(other);
    jet.JetDeleteTable(sesid, dbid, 'u');

    // Renamed again and kept, the description and the catalog agree.
    expect(jet.JetRenameTable(sesid, dbid, 't', 'v')).toBe(0);
    expect(jet.JetGetTableInfo(sesid, t.tableid, JET_TblInfo)).toMatchObject({ objtyp: 1 });
    expect(jet.JetGetTableInfo(sesid, reopened, JET_TblInfoName)).toBe('v');
  });
});

describe('a cursor where a JetSeek into an empty index looked stands at the key sought (ESE dir.cxx ErrDIRDown keeps it as the bookmark; ErrDIRNext searches for it again: bt.cxx ErrBTPerformOnSeekBM)', () => {
  it('a move next passes records inserted since with exactly that key, a move previous lands before it, on the primary index and a secondary one alike', () => {
    const { sesid, dbid } = fixture;
    let tables = 0;
    const run = (secondary: boolean, seek: number, move: number): number => {
      const name = `sought${++tables}`;
      const created = keyedByValue(name);
      const { k } = created;
      jet.JetCloseTable(sesid, created.tableid);
      const tableid = jet.JetOpenTable(sesid, dbid, name);
      if (secondary) jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
      jet.JetMakeKey(sesid, tableid, long(5), JET_bitNewKey);
      expectJetError(() => jet.JetSeek(sesid, tableid, seek), EsentRecordNotFoundError, -1601, 'JetSeek');
      const writer = jet.JetOpenTable(sesid, dbid, name);
      for (const value of [3, 5, 7]) created.insert(writer, value, value);
      expect(jet.JetMove(sesid, tableid, move)).toBe(0);
      return decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, k).value) as number;
    };
    for (const secondary of [false, true]) {
      for (const seek of [JET_bitSeekEQ, JET_bitSeekGE, JET_bitSeekLE]) {
        expect(run(secondary, seek, JET_MoveNext)).toBe(7);
        expect(run(secondary, seek, JET_MovePrevious)).toBe(3);
      }
      expect(run(secondary, JET_bitSeekGT, JET_MoveNext)).toBe(7);
    }
    // JET_bitSeekGT on a non-unique index looks after every entry with the key.
    expect(run(true, JET_bitSeekGT, JET_MovePrevious)).toBe(5);
    expect(run(false, JET_bitSeekGT, JET_MovePrevious)).toBe(3);
  });
});

describe('JetDetachDatabase2 without a name (ESE db.cxx ErrIsamDetachAllDatabase detaches the databases one after the other, in database id order)', () => {
  it('a database in use ends it with JET_errDatabaseInUse: those before it are detached, those after it stay', () => {
    const { sesid, dbid, dir } = fixture;
    const first = join(dir, 'fidelity.edb');
    const second = join(dir, 'second.edb');
    const third = join(dir, 'third.edb');
    jet.JetCloseDatabase(sesid, dbid);
    jet.JetCloseDatabase(sesid, jet.JetCreateDatabase2(sesid, second));
    const open = jet.JetCreateDatabase2(sesid, third);
    jet.JetCloseDatabase(sesid, open);
    // The second stays open: the first goes, the third stays.
    const held = jet.JetOpenDatabase(sesid, second);
    expectJetError(() => jet.JetDetachDatabase2(sesid, null), EsentDatabaseInUseError, -1202, 'JetDetachDatabase2');
    expectJetError(() => jet.JetOpenDatabase(sesid, first), EsentDatabaseNotFoundError, -1203, 'JetOpenDatabase');
    jet.JetCloseDatabase(sesid, jet.JetOpenDatabase(sesid, third));
    jet.JetCloseDatabase(sesid, held);
    expect(jet.JetDetachDatabase2(sesid, null)).toBe(0);
    expectJetError(() => jet.JetOpenDatabase(sesid, third), EsentDatabaseNotFoundError, -1203, 'JetOpenDatabase');
  });
});

describe('JetDetachDatabase2 of a database an open transaction changed (ESE db.cxx ErrIsamDetachDatabase: the version store\'s cleanup of the database, ErrVERRCEClean, leaves an open transaction\'s versions)', () => {
  it('is JET_errDatabaseInUse though the changing session closed it, until that transaction ends; one that only read, or committed, does not hold it', () => {
    const { sesid, dbid, dir, instance } = fixture;
    const path = join(dir, 'fidelity.edb');
    const t = withRecords();
    jet.JetCloseTable(sesid, t.tableid);
    const other = jet.JetBeginSession(instance);
    let db = dbid;
    const cases: Array<[string, (db: number) => void, ErrorClass | null]> = [
      ['an insert', (db) => {
        const cursor = jet.JetOpenTable(sesid, db, 't');
        jet.JetPrepareUpdate(sesid, cursor, JET_prepInsert);
        jet.JetSetColumn(sesid, cursor, t.a, long(8));
        jet.JetSetColumn(sesid, cursor, t.b, long(8));
        jet.JetSetColumn(sesid, cursor, t.req, long(0));
        jet.JetSetColumn(sesid, cursor, t.reqv, text('x'));
        jet.JetUpdate2(sesid, cursor);
        jet.JetCloseTable(sesid, cursor);
      }, EsentDatabaseInUseError],
      ['a read lock', (db) => {
        const cursor = jet.JetOpenTable(sesid, db, 't');
        jet.JetMove(sesid, cursor, JET_MoveFirst);
        jet.JetGetLock(sesid, cursor, JET_bitReadLock);
        jet.JetCloseTable(sesid, cursor);
      }, EsentDatabaseInUseError],
      ['a new table', (db) => jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, db, 'fresh')), EsentDatabaseInUseError],
      ['a read', (db) => {
        const cursor = jet.JetOpenTable(sesid, db, 't');
        jet.JetMove(sesid, cursor, JET_MoveFirst);
        jet.JetCloseTable(sesid, cursor);
      }, null],
    ];
    for (const [, change, expected] of cases) {
      jet.JetBeginTransaction(sesid);
      change(db);
      jet.JetCloseDatabase(sesid, db);
      if (expected !== null) {
        expectJetError(() => jet.JetDetachDatabase2(other, path), expected, -1202, 'JetDetachDatabase2');
        jet.JetRollback(sesid, 0);
      } else {
        jet.JetCommitTransaction(sesid, 0);
      }
      expect(jet.JetDetachDatabase2(other, path)).toBe(0);
      jet.JetAttachDatabase2(sesid, path);
      db = jet.JetOpenDatabase(sesid, path);
    }
    // A committed change does not hold it.
    jet.JetBeginTransaction(sesid);
    cases[0]![1](db);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseDatabase(sesid, db);
    expect(jet.JetDetachDatabase2(other, path)).toBe(0);
    // Nor does a session ended with its transaction open: the end rolls it back.
    jet.JetAttachDatabase2(other, path);
    const third = jet.JetBeginSession(instance);
    const thirdDb = jet.JetOpenDatabase(third, path);
    jet.JetBeginTransaction(third);
    jet.JetCloseTable(third, jet.JetCreateTable(third, thirdDb, 'ended'));
    jet.JetEndSession(third);
    expect(jet.JetDetachDatabase2(other, path)).toBe(0);
    jet.JetEndSession(other);
  });

  it('a change made in a nested level that was rolled back does not hold it, the transaction still open; one a nested commit kept, or made before the level, does (extended generator seed 13539)', () => {
    const { sesid, dbid, dir, instance } = fixture;
    const path = join(dir, 'fidelity.edb');
    const t = withRecords();
    jet.JetCloseTable(sesid, t.tableid);
    const other = jet.JetBeginSession(instance);
    const insert = (db: number, a: number) => {
      const cursor = jet.JetOpenTable(sesid, db, 't');
      jet.JetPrepareUpdate(sesid, cursor, JET_prepInsert);
      jet.JetSetColumn(sesid, cursor, t.a, long(a));
      jet.JetSetColumn(sesid, cursor, t.b, long(a));
      jet.JetSetColumn(sesid, cursor, t.req, long(0));
      jet.JetSetColumn(sesid, cursor, t.reqv, text('x'));
      jet.JetUpdate2(sesid, cursor);
      jet.JetCloseTable(sesid, cursor);
    };
    const cases: Array<[string, (db: number) => void, boolean]> = [
      ['an insert in the nested level, rolled back', (db) => {
        jet.JetBeginTransaction(sesid);
        insert(db, 20);
        jet.JetRollback(sesid, 0);
      }, false],
      ['an insert before the nested level, another in it, rolled back', (db) => {
        insert(db, 21);
        jet.JetBeginTransaction(sesid);
        insert(db, 22);
        jet.JetRollback(sesid, 0);
      }, true],
      ['an insert in a nested level that committed', (db) => {
        jet.JetBeginTransaction(sesid);
        insert(db, 23);
        jet.JetCommitTransaction(sesid, 0);
      }, true],
    ];
    let db = dbid;
    for (const [, change, holds] of cases) {
      jet.JetBeginTransaction(sesid);
      change(db);
      expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(1);
      jet.JetCloseDatabase(sesid, db);
      if (holds) {
        expectJetError(() => jet.JetDetachDatabase2(other, path), EsentDatabaseInUseError, -1202, 'JetDetachDatabase2');
        jet.JetRollback(sesid, 0);
        expect(jet.JetDetachDatabase2(other, path)).toBe(0);
      } else {
        expect(jet.JetDetachDatabase2(other, path)).toBe(0);
        jet.JetRollback(sesid, 0);
      }
      jet.JetAttachDatabase2(sesid, path);
      db = jet.JetOpenDatabase(sesid, path);
    }
    jet.JetEndSession(other);
  });
});

describe('a change through a read-only cursor in a read-only transaction (ESE asks the cursor, ErrFUCBCheckUpdatable, before the session, ErrPIBCheckUpdatable)', () => {
  it('JetPrepareUpdate, JetSetColumn, JetDelete, JetGetLock and JetEscrowUpdate are JET_errPermissionDenied; through a cursor that can update, JET_errTransReadOnly', () => {
    const { sesid, dbid } = fixture;
    const t = withRecords();
    jet.JetCloseTable(sesid, t.tableid);
    const reader = jet.JetOpenTable(sesid, dbid, 't', JET_bitTableReadOnly);
    const writer = jet.JetOpenTable(sesid, dbid, 't');
    jet.JetMove(sesid, reader, JET_MoveFirst);
    jet.JetMove(sesid, writer, JET_MoveFirst);
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    const calls: Array<[string, (tableid: bigint) => unknown]> = [
      ['JetPrepareUpdate', (tableid) => jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace)],
      ['JetSetColumn', (tableid) => jet.JetSetColumn(sesid, tableid, t.a, long(1))],
      ['JetDelete', (tableid) => jet.JetDelete(sesid, tableid)],
      ['JetGetLock', (tableid) => jet.JetGetLock(sesid, tableid, JET_bitWriteLock)],
      ['JetEscrowUpdate', (tableid) => jet.JetEscrowUpdate(sesid, tableid, t.req, 1)],
    ];
    for (const [name, call] of calls) {
      expectJetError(() => call(reader), EsentPermissionDeniedError, -1809, name);
      expectJetError(() => call(writer), EsentTransReadOnlyError, -1110, name);
    }
    jet.JetRollback(sesid, 0);
  });
});

describe('going to a record that has no entry in the current secondary index (ESE rec.cxx ErrRECIGotoBookmark: the table\'s cursor goes to the record, the index\'s before its first entry)', () => {
  /** Table `sparse`: k (primary) and v, indexed by byV without its nulls; `put` inserts a record. */
  function sparse() {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'sparse',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexIgnoreAnyNull },
      ],
    });
    const tableid = created.tableid;
    const [k, v] = created.columnids as [number, number];
    const put = (key: number, value: number | null) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(key));
      if (value !== null) jet.JetSetColumn(sesid, tableid, v, long(value));
      return jet.JetUpdate2(sesid, tableid) as Buffer;
    };
    return { tableid, k, v, put };
  }

  it('JetGotoBookmark and JetSetCurrentIndex4 with JET_bitNoMove are JET_errNoCurrentRecord, yet the record is current: it reads, gives its bookmark and is replaced; what reads the index\'s entry is JET_errNoCurrentRecord; a move next goes to the index\'s first entry', () => {
    const { sesid } = fixture;
    const { tableid, k, v, put } = sparse();
    for (const [key, value] of [[1, 10], [2, null], [3, 30]] as const) put(key, value);
    const keyOf = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, k).value);
    jet.JetMakeKey(sesid, tableid, long(2), JET_bitNewKey);
    jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
    const bookmark = jet.JetGetBookmark(sesid, tableid);

    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    expectJetError(() => jet.JetGotoBookmark(sesid, tableid, bookmark), EsentNoCurrentRecordError, -1603, 'JetGotoBookmark');
    expect(keyOf()).toBe(2);
    expect(jet.JetGetBookmark(sesid, tableid)).toEqual(bookmark);
    expectJetError(() => jet.JetMove(sesid, tableid, 0), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetRetrieveKey(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetRetrieveKey');
    expectJetError(() => jet.JetIndexRecordCount(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetIndexRecordCount');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, v, long(20));
    jet.JetUpdate2(sesid, tableid);
    expect(jet.JetMove(sesid, tableid, JET_MoveNext)).toBe(0);
    expect(keyOf()).toBe(1);

    jet.JetSetCurrentIndex4(sesid, tableid, null);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, v, null);
    jet.JetUpdate2(sesid, tableid);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'byV', JET_bitNoMove), EsentNoCurrentRecordError, -1603, 'JetSetCurrentIndex4');
    expect(keyOf()).toBe(1);
    expect(jet.JetGetBookmark(sesid, tableid).length).toBeGreaterThan(0);
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => keyOf(), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
  });

  it('a seek then searches from the index\'s root, and the cursor stands where the search looked: JetGetRecordPosition counts from there, or is JET_errBadEmptyPage in an index without an entry (rec.cxx ErrIsamSeek, dir.cxx ErrDIRGetPosition; extended generator seed 22290)', () => {
    const { sesid } = fixture;
    const { tableid, put } = sparse();
    const unindexed = put(1, null);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
    const seekAfterGoto = (value: number) => {
      expectJetError(() => jet.JetGotoBookmark(sesid, tableid, unindexed), EsentNoCurrentRecordError, -1603, 'JetGotoBookmark');
      jet.JetMakeKey(sesid, tableid, long(value), JET_bitNewKey);
      expectJetError(() => jet.JetSeek(sesid, tableid, JET_bitSeekEQ), EsentRecordNotFoundError, -1601, 'JetSeek');
    };
    seekAfterGoto(9);
    expectJetError(() => jet.JetGetRecordPosition(sesid, tableid), EsentBadEmptyPageError, -351, 'JetGetRecordPosition');
    put(2, 5);
    put(3, 7);
    seekAfterGoto(6);
    expect(jet.JetGetRecordPosition(sesid, tableid)).toEqual({ centriesLT: 1, centriesInRange: 1, centriesTotal: 2 });
  });
});

describe('JetEscrowUpdate of a column that is not fixed (ESE recupd.cxx ErrRECIEscrowUpdate compares the size with a FIELD that fldext.cxx ErrRECIAccessColumn fills in for fixed columns only)', () => {
  it('is JET_errInvalidBufferSize whatever the size given; a fixed column that is not an escrow one, JET_errInvalidOperation', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetEscrowUpdate(sesid, t.tableid, t.tag, 1), EsentInvalidBufferSizeError, -1047, 'JetEscrowUpdate');
    expectJetError(() => jet.JetEscrowUpdate(sesid, t.tableid, t.name, 1n), EsentInvalidBufferSizeError, -1047, 'JetEscrowUpdate');
    expectJetError(() => jet.JetEscrowUpdate(sesid, t.tableid, t.req, 1), EsentInvalidOperationError, -1906, 'JetEscrowUpdate');
    jet.JetRollback(sesid, 0);
  });
});

describe('a column deleted in a transaction is versioned until the delete commits (ESE fcreate.cxx ErrIsamDeleteColumn, fldext.cxx ErrRECIAccessColumn, cat.cxx ErrCATAccessTableColumn)', () => {
  const setUp = (name: string) => {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, name));
    const tableid = jet.JetOpenTable(sesid, dbid, name);
    const k = jet.JetAddColumn(sesid, tableid, 'k', { coltyp: JET_coltypLong });
    const doomed = jet.JetAddColumn(sesid, tableid, 'doomed', { coltyp: JET_coltypLong });
    const tag = jet.JetAddColumn(sesid, tableid, 'tag', { coltyp: JET_coltypLong, grbit: JET_bitColumnTagged });
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }]);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k, long(1));
    jet.JetSetColumn(sesid, tableid, doomed, long(10));
    jet.JetSetColumn(sesid, tableid, tag, long(100));
    jet.JetUpdate2(sesid, tableid);
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), name);
    jet.JetMove(other, otherTable, JET_MoveFirst);
    return { sesid, tableid, k, doomed, tag, other, otherTable };
  };
  // JET_ColInfoList lists by name.
  const names = (sesid: bigint, tableid: bigint) =>
    jet.JetGetTableColumnInfo(sesid, tableid, null, JET_ColInfoList).map((c) => c.szColumnName);

  it('other sessions go on using it until the commit, and so does a transaction begun before the commit; the deleter does not', () => {
    const { sesid, tableid, k, doomed, tag, other, otherTable } = setUp('droppingFixed');
    jet.JetBeginTransaction(sesid);
    jet.JetDeleteColumn2(sesid, tableid, 'doomed');
    jet.JetDeleteColumn2(sesid, tableid, 'tag');
    // The deleter finds neither by name nor by column id.
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, tableid, 'doomed', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expect(names(sesid, tableid)).toEqual(['k']);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, doomed), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    expect(jet.JetRetrieveColumn(sesid, tableid, 0, 0, { itagSequence: 1 }).err).toBe(JET_wrnColumnNull);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(sesid, tableid, doomed, long(1)), EsentColumnNotFoundError, -1507, 'JetSetColumn');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);

    // Another session, at level 0 and in a transaction, still reads, writes and lists them.
    expect(jet.JetGetTableColumnInfo(other, otherTable, 'doomed', JET_ColInfo).columnid).toBe(doomed);
    expect(names(other, otherTable)).toEqual(['doomed', 'k', 'tag']);
    expect(jet.JetRetrieveColumn(other, otherTable, doomed).value).toEqual(long(10));
    expect(jet.JetRetrieveColumn(other, otherTable, 0, 0, { itagSequence: 1 }).value).toEqual(long(100));
    // Its delete would change the catalog entry the first delete changed, and an index over
    // the column would lock it.
    expectJetError(() => jet.JetDeleteColumn2(other, otherTable, 'doomed'), EsentWriteConflictError, -1102, 'JetDeleteColumn2');
    jet.JetBeginTransaction(other);
    expectJetError(() => jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'byDoomed', szKey: ['+doomed'] }]), EsentWriteConflictError, -1102, 'JetCreateIndex2');
    jet.JetRollback(other, 0);
    jet.JetPrepareUpdate(other, otherTable, JET_prepInsert);
    jet.JetSetColumn(other, otherTable, k, long(2));
    jet.JetSetColumn(other, otherTable, doomed, long(20));
    jet.JetUpdate2(other, otherTable);
    jet.JetBeginTransaction(other);
    jet.JetCommitTransaction(sesid, 0);

    // Begun before the commit, its transaction still sees them.
    jet.JetMove(other, otherTable, JET_MoveLast);
    expect(jet.JetRetrieveColumn(other, otherTable, doomed).value).toEqual(long(20));
    expect(jet.JetGetTableColumnInfo(other, otherTable, 'tag', JET_ColInfo).columnid).toBe(tag);
    // An index over it would lock a catalog entry changed since that transaction began.
    expectJetError(() => jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'byDoomedLate', szKey: ['+doomed'] }]), EsentWriteConflictError, -1102, 'JetCreateIndex2');
    jet.JetCommitTransaction(other, 0);

    // After it, no one does.
    expectJetError(() => jet.JetRetrieveColumn(other, otherTable, doomed), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    expectJetError(() => jet.JetGetTableColumnInfo(other, otherTable, 'doomed', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expect(names(other, otherTable)).toEqual(['k']);
    jet.JetBeginTransaction(other);
    expectJetError(() => jet.JetRetrieveColumn(other, otherTable, doomed), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    jet.JetRollback(other, 0);
    jet.JetEndSession(other);
  });

  it('a rolled-back delete leaves the column to everyone, values and all', () => {
    const { sesid, tableid, doomed, other, otherTable } = setUp('droppingUndone');
    jet.JetBeginTransaction(sesid);
    jet.JetDeleteColumn2(sesid, tableid, 'doomed');
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, tableid, 'doomed', JET_ColInfo), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    jet.JetRollback(sesid, 0);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(sesid, tableid, doomed).value).toEqual(long(10));
    expect(jet.JetRetrieveColumn(other, otherTable, doomed).value).toEqual(long(10));
    expect(names(sesid, tableid)).toEqual(['doomed', 'k', 'tag']);
    jet.JetEndSession(other);
  });
});

describe('an index created in a transaction is versioned until the create commits (ESE fcreate.cxx ErrFILEICreateIndex, file.hxx ErrFILEIAccessIndex, cat.cxx ErrCATAccessTableIndex)', () => {
  const setUp = (name: string) => {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, name));
    const tableid = jet.JetOpenTable(sesid, dbid, name);
    const k = jet.JetAddColumn(sesid, tableid, 'k', { coltyp: JET_coltypLong });
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k, long(7));
    jet.JetUpdate2(sesid, tableid);
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), name);
    return { sesid, tableid, k, other, otherTable };
  };

  it('other sessions do not find it by name (JetSetCurrentIndex4, JetGetTableIndexInfo, JetDeleteIndex) until the commit, nor a transaction begun before the commit; the creator does', () => {
    const { sesid, tableid, k, other, otherTable } = setUp('versionedIndex');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['+k'] }]);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoCount)).toBe(2);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byK');
    expect(jet.JetGetTableIndexInfo(other, otherTable, null, JET_IdxInfoCount)).toBe(1);
    expectJetError(() => jet.JetSetCurrentIndex4(other, otherTable, 'byK'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetGetTableIndexInfo(other, otherTable, 'byK', JET_IdxInfoKeyMost), EsentIndexNotFoundError, -1404, 'JetGetTableIndexInfo');
    expectJetError(() => jet.JetDeleteIndex(other, otherTable, 'byK'), EsentIndexNotFoundError, -1404, 'JetDeleteIndex');
    // The other session's writes maintain the index all the same.
    jet.JetPrepareUpdate(other, otherTable, JET_prepInsert);
    jet.JetSetColumn(other, otherTable, k, long(3));
    jet.JetUpdate2(other, otherTable);
    jet.JetBeginTransaction(other);
    jet.JetCommitTransaction(sesid, 0);
    expectJetError(() => jet.JetSetCurrentIndex4(other, otherTable, 'byK'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    expect(jet.JetGetTableIndexInfo(other, otherTable, null, JET_IdxInfoCount)).toBe(1);
    jet.JetCommitTransaction(other, 0);
    jet.JetSetCurrentIndex4(other, otherTable, 'byK');
    jet.JetMove(other, otherTable, JET_MoveFirst);
    expect(jet.JetRetrieveColumn(other, otherTable, k).value).toEqual(long(3));
    expect(jet.JetGetTableIndexInfo(other, otherTable, null, JET_IdxInfoCount)).toBe(2);
    jet.JetEndSession(other);
  });

  it('a primary index another session created and has not committed is no index to make a key on or range over: JetMakeKey and JetSetIndexRange are JET_errNoCurrentIndex until the commit, and in a transaction begun before it (fldnorm.cxx ErrIsamMakeKey, rec.cxx ErrIsamSetIndexRange, file.hxx ErrFILEIAccessIndex)', () => {
    const { sesid, dbid, instance } = fixture;
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'pendingPrimary'));
    const tableid = jet.JetOpenTable(sesid, dbid, 'pendingPrimary');
    const k = jet.JetAddColumn(sesid, tableid, 'k', { coltyp: JET_coltypLong });
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), 'pendingPrimary');
    const rangeOver = (session: bigint, cursor: bigint) => {
      jet.JetMakeKey(session, cursor, long(1), JET_bitNewKey);
      jet.JetSetIndexRange(session, cursor, JET_bitRangeUpperLimit);
    };
    // A key made before the create (on the record-id order, a normalised one) finds no index
    // to range over either (rec.cxx ErrIsamSetIndexRange looks the primary index up the same way).
    jet.JetMakeKey(other, otherTable, Buffer.from([0x7f, 0, 0, 1]), JET_bitNormalizedKey);
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }]);
    expectJetError(() => jet.JetSetIndexRange(other, otherTable, JET_bitRangeUpperLimit), EsentNoCurrentIndexError, -1515, 'JetSetIndexRange');
    // The creator ranges over it: the table is empty, so there is no record to stand on.
    expectJetError(() => rangeOver(sesid, tableid), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expectJetError(() => rangeOver(other, otherTable), EsentNoCurrentIndexError, -1515, 'JetMakeKey');
    jet.JetBeginTransaction(other);
    jet.JetCommitTransaction(sesid, 0);
    expectJetError(() => rangeOver(other, otherTable), EsentNoCurrentIndexError, -1515, 'JetMakeKey');
    jet.JetCommitTransaction(other, 0);
    expectJetError(() => rangeOver(other, otherTable), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    expect(k).toBeGreaterThan(0);
    jet.JetEndSession(other);
  });

  it('one created at level 0 is found by callers at level 0 and by transactions begun after it, not by one begun before; one rolled back is found by no one', () => {
    const { sesid, tableid, other, otherTable } = setUp('levelZeroIndex');
    jet.JetBeginTransaction(other);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['+k'] }]);
    expectJetError(() => jet.JetSetCurrentIndex4(other, otherTable, 'byK'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    jet.JetCommitTransaction(other, 0);
    jet.JetSetCurrentIndex4(other, otherTable, 'byK');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byGone', szKey: ['-k'] }]);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'byGone'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    expectJetError(() => jet.JetSetCurrentIndex4(other, otherTable, 'byGone'), EsentIndexNotFoundError, -1404, 'JetSetCurrentIndex4');
    jet.JetEndSession(other);
  });

  it('another session creating an index of the same name while the first create is open gets JET_errIndexDuplicate (fcreate.cxx ErrFILEInsertIntoUnverIndexList, FFILEUnverIndexExists)', () => {
    const { sesid, tableid, other, otherTable } = setUp('sameNameIndex');
    jet.JetBeginTransaction(sesid);
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['+k'] }]);
    expectJetError(() => jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'byK', szKey: ['-k'] }]), EsentIndexDuplicateError, -1403, 'JetCreateIndex2');
    jet.JetRollback(sesid, 0);
    jet.JetCreateIndex2(other, otherTable, [{ szIndexName: 'byK', szKey: ['-k'] }]);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byK');
    jet.JetEndSession(other);
  });
});

describe('the entry of a record with several values in an index over a multi-valued column (ESE rec.hxx KeySequence, rec.cxx ErrRECIGotoBookmark)', () => {
  // Records 1: many = 20, 10, 30 (in that order); 2: many = 15; 3: many = 25. The index holds
  // 1:10, 2:15, 1:20, 3:25, 1:30.
  const setUp = (name: string) => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: name,
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'many', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
        { szColumnName: 'also', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byMany', szKey: ['+many'] },
        { szIndexName: 'byBoth', szKey: ['+many', '+also'] },
      ],
    });
    const [id, many, also] = created.columnids as [number, number, number];
    const tableid = created.tableid;
    const insert = (key: number, values: number[], alsoValues: number[] = []) => {
      jet.JetBeginTransaction(sesid);
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(key));
      for (const value of values) jet.JetSetColumn(sesid, tableid, many, long(value), 0, { itagSequence: 0 });
      for (const value of alsoValues) jet.JetSetColumn(sesid, tableid, also, long(value), 0, { itagSequence: 0 });
      jet.JetUpdate2(sesid, tableid);
      jet.JetCommitTransaction(sesid, 0);
    };
    insert(1, [20, 10, 30]);
    insert(2, [15]);
    insert(3, [25]);
    const onRecord = (key: number) => {
      jet.JetSetCurrentIndex4(sesid, tableid, 'pk');
      jet.JetMakeKey(sesid, tableid, long(key), JET_bitNewKey);
      jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
    };
    const idAfterNext = () => {
      jet.JetMove(sesid, tableid, JET_MoveNext);
      return jet.JetRetrieveColumn(sesid, tableid, id).value;
    };
    return { sesid, tableid, insert, onRecord, idAfterNext };
  };

  it('JetSetCurrentIndex4 with JET_bitNoMove goes to the entry of the itagSequence-th value, the first by default; past the last value: JET_errBadItagSequence', () => {
    const { sesid, tableid, onRecord, idAfterNext } = setUp('itagEntries');
    const cases: Array<[number, number | null]> = [[0, 3], [1, 3], [2, 2], [3, null]];
    for (const [itag, next] of cases) {
      onRecord(1);
      jet.JetSetCurrentIndex4(sesid, tableid, 'byMany', JET_bitNoMove, itag);
      if (next === null) {
        expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
      } else {
        expect(idAfterNext()).toEqual(long(next));
      }
    }
    onRecord(1);
    expectJetError(() => jet.JetSetCurrentIndex4(sesid, tableid, 'byMany', JET_bitNoMove, 4), EsentBadItagSequenceError, -1518, 'JetSetCurrentIndex4');
    expect(jet.JetRetrieveColumn(sesid, tableid, jet.JetGetTableColumnInfo(sesid, tableid, 'id').columnid).value).toEqual(long(1));
  });

  it('JetGotoBookmark in such an index goes to the entry of the record\'s first value, not its lowest key', () => {
    const { sesid, tableid, onRecord, idAfterNext } = setUp('itagBookmark');
    onRecord(1);
    const bookmark = jet.JetGetBookmark(sesid, tableid);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byMany');
    jet.JetGotoBookmark(sesid, tableid, bookmark);
    expect(idAfterNext()).toEqual(long(3));
  });

  it('only the index\'s first multi-valued column gives an entry per value: a record whose first one holds one value or none has one entry', () => {
    const { sesid, tableid, insert } = setUp('itagFirstColumn');
    insert(4, [40], [1, 2, 3]);
    insert(5, [], [7, 8]);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byBoth');
    // Records 1 to 3 give 5 entries, 4 and 5 one each.
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(7);
  });
});

describe('JetSetColumn of a long value on a record without one: itagSequence 1 reads the column\'s default as the value (ESE lv.cxx ErrRECSetLongField, ErrLVOpFromGrbit; tagfld.cxx TAGFIELDS::ErrRetrieveColumn)', () => {
  it('JET_bitSetOverwriteLV with no data at an offset is no change, not JET_errColumnNoChunk; an append or an overwrite works on the default; itagSequence 0 adds a value', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'lvdefault',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'doc', coltyp: JET_coltypLongBinary, pvDefault: text('abc') },
        { szColumnName: 'bare', coltyp: JET_coltypLongBinary },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const tableid = created.tableid;
    const [k, doc, bare] = created.columnids as number[];
    const values = () => {
      const got: unknown[] = [];
      for (let itag = 1; ; itag++) {
        const r = jet.JetRetrieveColumn(sesid, tableid, doc!, JET_bitRetrieveCopy, { itagSequence: itag });
        if (r.err === JET_wrnColumnNull) return got;
        got.push(r.value!.toString('latin1'));
      }
    };
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    expect(jet.JetSetColumn(sesid, tableid, doc!, null, JET_bitSetOverwriteLV | JET_bitSetRevertToDefaultValue, { itagSequence: 1, ibLongValue: 2 })).toBe(0);
    expect(jet.JetSetColumn(sesid, tableid, doc!, null, JET_bitSetOverwriteLV, { itagSequence: 1, ibLongValue: 2 })).toBe(0);
    expect(values()).toEqual(['abc']);
    // Without a default there is no value to write into.
    expectJetError(
      () => jet.JetSetColumn(sesid, tableid, bare!, null, JET_bitSetOverwriteLV, { itagSequence: 1, ibLongValue: 2 }),
      EsentColumnNoChunkError,
      -1502,
      'JetSetColumn',
    );
    jet.JetSetColumn(sesid, tableid, doc!, text('X'), JET_bitSetOverwriteLV, { itagSequence: 1, ibLongValue: 1 });
    expect(values()).toEqual(['aXc']);
    jet.JetUpdate2(sesid, tableid);

    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(2));
    jet.JetSetColumn(sesid, tableid, doc!, text('de'), JET_bitSetAppendLV);
    expect(values()).toEqual(['abcde']);
    jet.JetUpdate2(sesid, tableid);

    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(3));
    jet.JetSetColumn(sesid, tableid, doc!, text('z'), JET_bitSetAppendLV, { itagSequence: 0 });
    expect(values()).toEqual(['z']);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetRollback(sesid, 0);
  });
});

describe('a NOT NULL column added to a table with records (ESE recupd.cxx: ErrRECIInsert asks rec.cxx ErrRECIIllegalNulls, ErrRECIReplace does not)', () => {
  it('a record written before it is replaced without a value for it; an insert without one is JET_errNullInvalid, and so is setting it to NULL', () => {
    const { sesid } = fixture;
    const t = withRecords();
    const must = jet.JetAddColumn(sesid, t.tableid, 'must', { coltyp: JET_coltypLong, grbit: JET_bitColumnNotNULL });
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.name, text('kept'));
    jet.JetUpdate2(sesid, t.tableid);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.name).value).toEqual(text('kept'));
    expect(jet.JetRetrieveColumn(sesid, t.tableid, must).err).toBe(JET_wrnColumnNull);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, must, null), EsentNullInvalidError, -1504, 'JetSetColumn');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(9));
    jet.JetSetColumn(sesid, t.tableid, t.req, long(0));
    jet.JetSetColumn(sesid, t.tableid, t.reqv, text('x'));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentNullInvalidError, -1504, 'JetUpdate2');
    jet.JetSetColumn(sesid, t.tableid, must, long(1));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid);
  });
});

describe('an insert over a record another session deleted (ESE bt.cxx ErrBTInsert: the write conflict of the insert\'s version is turned into JET_errKeyDuplicate)', () => {
  it('while the delete is uncommitted, and after it committed later than the inserter\'s transaction began, the insert is JET_errKeyDuplicate; in a transaction begun after that commit it succeeds', () => {
    const { sesid, dbid, instance } = fixture;
    const t = withRecords();
    jet.JetCloseTable(sesid, t.tableid);
    const other = jet.JetBeginSession(instance);
    const otherTable = jet.JetOpenTable(other, jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb')), 't');
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    const insertOneOne = () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, t.a, long(1));
      jet.JetSetColumn(sesid, tableid, t.b, long(1));
      jet.JetSetColumn(sesid, tableid, t.req, long(0));
      jet.JetSetColumn(sesid, tableid, t.reqv, text('x'));
      return jet.JetUpdate2(sesid, tableid);
    };
    jet.JetBeginTransaction(other);
    jet.JetMove(other, otherTable, JET_MoveFirst);
    jet.JetDelete(other, otherTable);
    jet.JetBeginTransaction(sesid);
    expectJetError(insertOneOne, EsentKeyDuplicateError, -1605, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetCommitTransaction(other);
    expectJetError(insertOneOne, EsentKeyDuplicateError, -1605, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetRollback(sesid, 0);
    jet.JetBeginTransaction(sesid);
    insertOneOne();
    jet.JetCommitTransaction(sesid);
    jet.JetEndSession(other);
  });
});

describe('a cursor closed in a transaction after it made a version (ESE bt.cxx BTClose defers the close to level 0: dir.cxx ErrDIRCommitTransaction, ErrDIRRollback)', () => {
  it('a column added or deleted through the cursor versions it too: in a transaction a closed deny-read cursor stays until level 0; an index created or deleted does not (fcreate.cxx ErrIsamAddColumn, ErrIsamDeleteColumn: ver.cxx ErrVERFlag; differential seed 79 of the extended generator, the indexes from ESE\'s engine)', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const changes: [string, (tableid: bigint) => unknown][] = [
      ['ddlAdd', (tableid) => jet.JetAddColumn(sesid, tableid, 'extra', { coltyp: JET_coltypLong })],
      ['ddlDelete', (tableid) => jet.JetDeleteColumn2(sesid, tableid, 'spare', 0)],
      ['ddlIndex', (tableid) => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byK', szKey: ['+k'] }])],
      ['ddlDropIndex', (tableid) => jet.JetDeleteIndex(sesid, tableid, 'bySpare')],
    ];
    for (const [name, change] of changes) {
      const defers = name === 'ddlAdd' || name === 'ddlDelete';
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [
          { szColumnName: 'k', coltyp: JET_coltypLong },
          { szColumnName: 'spare', coltyp: JET_coltypLong },
          { szColumnName: 'other', coltyp: JET_coltypLong },
        ],
        rgindexcreate: [{ szIndexName: 'bySpare', szKey: ['+other'] }],
      });
      jet.JetBeginTransaction(sesid);
      change(created.tableid);
      jet.JetCloseTable(sesid, created.tableid);
      if (defers) {
        expectJetError(() => jet.JetOpenTable(other, otherDb, name, JET_bitTableReadOnly), EsentTableLockedError, -1302, 'JetOpenTable');
      } else {
        jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, name, JET_bitTableReadOnly));
      }
      jet.JetCommitTransaction(sesid);
      jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, name, JET_bitTableReadOnly));
    }
    jet.JetEndSession(other, 0);
  });

  it('an insert goes through a cursor of ESE\'s own, updatable and without deny modes, which its version keeps among the table\'s users until level 0 or the rollback of its level: another session\'s deny-read or deny-write open and JetDeleteTable meet it (JET_errTableInUse), a plain open does not (recupd.cxx ErrRECIInsert, ErrDIROpen; bt.cxx BTClose; fileopen.cxx ErrFILEISetMode; the extended generator\'s seed 190, confirmed on ESE\'s engine)', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    let n = 0;
    const table = () => {
      const name = `ins${++n}`;
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: name, rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }] });
      jet.JetCloseTable(sesid, created.tableid);
      return { name, k: (created.columnids as number[])[0]! };
    };
    const insert = (name: string, k: number) => {
      const tableid = jet.JetOpenTable(sesid, dbid, name);
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(1));
      jet.JetUpdate2(sesid, tableid);
      jet.JetCloseTable(sesid, tableid);
    };
    const open = (name: string, grbit: number) => jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, name, grbit));

    const first = table();
    const second = table();
    jet.JetBeginTransaction(sesid);
    insert(first.name, first.k);
    expectJetError(() => open(first.name, JET_bitTableDenyRead), EsentTableInUseError, -1304, 'JetOpenTable');
    expectJetError(() => open(first.name, JET_bitTableDenyWrite), EsentTableInUseError, -1304, 'JetOpenTable');
    expectJetError(() => jet.JetDeleteTable(other, otherDb, first.name), EsentTableInUseError, -1304, 'JetDeleteTable');
    open(first.name, 0);
    open(first.name, JET_bitTableReadOnly);
    // A nested level's insert, rolled back: its cursor goes with it; committed: it stays.
    jet.JetBeginTransaction(sesid);
    insert(second.name, second.k);
    jet.JetRollback(sesid, 0);
    open(second.name, JET_bitTableDenyRead);
    jet.JetBeginTransaction(sesid);
    insert(second.name, second.k);
    jet.JetCommitTransaction(sesid);
    expectJetError(() => open(second.name, JET_bitTableDenyRead), EsentTableInUseError, -1304, 'JetOpenTable');
    jet.JetRollback(sesid, 0);
    open(first.name, JET_bitTableDenyRead);
    open(second.name, JET_bitTableDenyRead);
    jet.JetEndSession(other, 0);
  });

  it('keeps the creation cursor\'s deny-read after a replace until the transaction ends; after an insert only (made through a cursor of ESE\'s own) the table is free at once', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const create = (name: string) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
      });
      return { tableid: created.tableid, k: (created.columnids as number[])[0]! };
    };
    const insert = (tableid: bigint, k: number, value: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(value));
      jet.JetUpdate2(sesid, tableid);
    };
    const openByOther = (name: string) => jet.JetOpenTable(other, otherDb, name);

    // An insert only: closed at once.
    const inserted = create('deferInsert');
    jet.JetBeginTransaction(sesid);
    insert(inserted.tableid, inserted.k, 1);
    jet.JetCloseTable(sesid, inserted.tableid);
    jet.JetCloseTable(other, openByOther('deferInsert'));
    jet.JetCommitTransaction(sesid);

    // A replace: the deny-read stays until the commit.
    const replaced = create('deferReplace');
    insert(replaced.tableid, replaced.k, 1);
    jet.JetMove(sesid, replaced.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, replaced.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, replaced.tableid, replaced.k, long(2));
    jet.JetUpdate2(sesid, replaced.tableid);
    jet.JetCloseTable(sesid, replaced.tableid);
    expectJetError(() => openByOther('deferReplace'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCommitTransaction(sesid);
    jet.JetCloseTable(other, openByOther('deferReplace'));

    // A delete, then a rollback to level 0.
    const deleted = create('deferDelete');
    insert(deleted.tableid, deleted.k, 1);
    jet.JetMove(sesid, deleted.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetDelete(sesid, deleted.tableid);
    jet.JetCloseTable(sesid, deleted.tableid);
    expectJetError(() => openByOther('deferDelete'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetRollback(sesid, 0);
    const reopened = openByOther('deferDelete');
    expect(jet.JetIndexRecordCount(other, reopened)).toBe(1);
    jet.JetCloseTable(other, reopened);

    // A JET_prepReplaceNoLock update takes its write lock before the keys refuse it
    // (recupd.cxx ErrRECIReplace, ErrRECUpgradeReplaceNoLock): the failed replace counts.
    const keyed = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'deferNoLock',
      rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const keyColumn = (keyed.columnids as number[])[0]!;
    insert(keyed.tableid, keyColumn, 1);
    jet.JetMove(sesid, keyed.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, keyed.tableid, JET_prepReplaceNoLock);
    jet.JetSetColumn(sesid, keyed.tableid, keyColumn, long(2));
    expectJetError(() => jet.JetUpdate2(sesid, keyed.tableid), EsentRecordPrimaryChangedError, -1604, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, keyed.tableid, JET_prepCancel);
    jet.JetCloseTable(sesid, keyed.tableid);
    expectJetError(() => openByOther('deferNoLock'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCommitTransaction(sesid);
    jet.JetCloseTable(other, openByOther('deferNoLock'));
    jet.JetEndSession(other);
  });

  it('takes the write lock of a replace prepared without it once: a JetUpdate that took it and failed leaves the update locked, so a later JetUpdate of it makes no version (recupd.cxx ErrRECUpgradeReplaceNoLock; fldmod.cxx ErrIsamPrepareUpdate prepares JET_prepReplace at level 0 so)', () => {
    const { sesid, dbid, instance } = fixture;
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const cases = [
      { prep: JET_prepReplace, failAtLevel0First: true, lockedUntilCommit: false },
      { prep: JET_prepReplaceNoLock, failAtLevel0First: true, lockedUntilCommit: false },
      { prep: JET_prepReplace, failAtLevel0First: false, lockedUntilCommit: true },
      { prep: JET_prepReplaceNoLock, failAtLevel0First: false, lockedUntilCommit: true },
    ];
    const seen = cases.map(({ prep, failAtLevel0First }, i) => {
      const name = `upgradeOnce${i}`;
      // The creation cursor denies reads to other sessions until it is closed.
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
        rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
      });
      const k = (created.columnids as number[])[0]!;
      jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, created.tableid, k, long(1));
      jet.JetUpdate2(sesid, created.tableid);
      jet.JetMove(sesid, created.tableid, JET_MoveFirst);
      jet.JetPrepareUpdate(sesid, created.tableid, prep);
      jet.JetSetColumn(sesid, created.tableid, k, long(2));
      if (failAtLevel0First) {
        expectJetError(() => jet.JetUpdate2(sesid, created.tableid), EsentRecordPrimaryChangedError, -1604, 'JetUpdate2');
      }
      jet.JetBeginTransaction(sesid);
      expectJetError(() => jet.JetUpdate2(sesid, created.tableid), EsentRecordPrimaryChangedError, -1604, 'JetUpdate2');
      // Closing the table cancels the update; a cursor that made a version stays open (closed
      // deferred) until level 0, and with it the creation cursor's deny-read.
      jet.JetCloseTable(sesid, created.tableid);
      let locked = false;
      try {
        jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, name));
      } catch (e) {
        expect(e).toBeInstanceOf(EsentTableLockedError);
        locked = true;
      }
      jet.JetCommitTransaction(sesid);
      jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, name));
      return locked;
    });
    expect(seen).toEqual(cases.map((c) => c.lockedUntilCommit));
    jet.JetEndSession(other);
  });
});

describe('an autoincrement column added to a table with records (ESE fcreate.cxx ErrIsamAddColumn, ErrFILEIUpdateAutoInc)', () => {
  it('the numbering begins with a move to the first record, made even on an empty table: the cursor\'s index range goes, and a rollback of the caller\'s level puts the cursor before the first record (ErrIsamMove, DIRResetIndexRange; dir.cxx ErrDIRRollback)', () => {
    const { sesid, dbid } = fixture;
    const addSerial = (tableid: bigint) =>
      jet.JetAddColumn(sesid, tableid, 'serial', { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnAutoincrement });
    const rangeGone = (tableid: bigint) => {
      try {
        jet.JetSetIndexRange(sesid, tableid, JET_bitRangeRemove);
        return false;
      } catch (e) {
        expect(e).toBeInstanceOf(EsentInvalidOperationError);
        return true;
      }
    };
    // An empty table: the range a failed JetSetIndexRange left goes with the add.
    const empty = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'emptyAutoinc',
      rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    jet.JetMakeKey(sesid, empty.tableid, long(3), JET_bitNewKey);
    expectJetError(() => jet.JetSetIndexRange(sesid, empty.tableid, JET_bitRangeUpperLimit), EsentNoCurrentRecordError, -1603, 'JetSetIndexRange');
    addSerial(empty.tableid);
    expect(rangeGone(empty.tableid)).toBe(true);
    jet.JetCloseTable(sesid, empty.tableid);

    // With records, in a transaction rolled back: the range is gone, the cursor before the first.
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
    jet.JetSetIndexRange(sesid, t.tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    jet.JetBeginTransaction(sesid);
    addSerial(t.tableid);
    jet.JetRollback(sesid, 0);
    expect(rangeGone(t.tableid)).toBe(true);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expect(current(t)).toEqual([1, 1]);
  });

  it('the move to the first record cancels the cursor\'s prepared update, on an empty table too: JetUpdate2 then has nothing prepared, and JetPrepareUpdate prepares afresh (rec.cxx ErrIsamMove; extended generator seed 16065)', () => {
    const { sesid, dbid } = fixture;
    const table = (name: string) =>
      jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
        rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
      });
    for (const [name, rows] of [['autoincCancelsEmpty', 0], ['autoincCancels', 2]] as const) {
      const created = table(name);
      const [k] = created.columnids as [number];
      for (let key = 1; key <= rows; key++) {
        jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, created.tableid, k, long(key));
        jet.JetUpdate2(sesid, created.tableid);
      }
      jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, created.tableid, k, long(9));
      jet.JetAddColumn(sesid, created.tableid, 'serial', { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnAutoincrement });
      expectJetError(() => jet.JetUpdate2(sesid, created.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
      expect(jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert)).toBe(0);
      jet.JetPrepareUpdate(sesid, created.tableid, JET_prepCancel);
      jet.JetCloseTable(sesid, created.tableid);
    }
  });

  it('walks the cursor\'s current index: on a secondary index the numbers follow its order, a record it has no entry for gets none, and one with several entries keeps the number of its last (ErrIsamMove on the current index)', () => {
    const { sesid, dbid } = fixture;
    const number = (indexes: Array<{ szIndexName: string; szKey: string[]; grbit?: number }>, rows: Array<[number, number | null, number[]]>) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: uniqueName('numbered'),
        rgcolumncreate: [
          { szColumnName: 'k', coltyp: JET_coltypLong },
          { szColumnName: 'v', coltyp: JET_coltypLong },
          { szColumnName: 'tags', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
        ],
        rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }, ...indexes],
      });
      const { tableid } = created;
      const [k, v, tags] = created.columnids as [number, number, number];
      for (const [key, value, tagValues] of rows) {
        jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        jet.JetSetColumn(sesid, tableid, k, long(key));
        if (value !== null) jet.JetSetColumn(sesid, tableid, v, long(value));
        for (const tag of tagValues) jet.JetSetColumn(sesid, tableid, tags, long(tag), 0, { itagSequence: 0 });
        jet.JetUpdate2(sesid, tableid);
      }
      jet.JetSetCurrentIndex4(sesid, tableid, indexes[0]!.szIndexName);
      const serial = jet.JetAddColumn(sesid, tableid, 'serial', { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnAutoincrement });
      // After the last entry of that index.
      expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
      const read = (columnid: number) => {
        const { value } = jet.JetRetrieveColumn(sesid, tableid, columnid);
        return value === null ? null : decodeColumnValue(JET_coltypLong, value);
      };
      jet.JetMove(sesid, tableid, JET_MovePrevious);
      const last = read(k);
      jet.JetSetCurrentIndex4(sesid, tableid, null);
      const numbers: Record<number, unknown> = {};
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      do numbers[read(k) as number] = read(serial);
      while (tryMoveNext(tableid));
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, k, long(99));
      jet.JetUpdate2(sesid, tableid);
      jet.JetMove(sesid, tableid, JET_MoveLast);
      return { last, numbers, next: read(serial) };
    };
    const rows: Array<[number, number | null, number[]]> = [
      [1, 30, [5, 1]],
      [2, 10, [3]],
      [3, 20, []],
      [4, null, []],
      [5, 20, []],
    ];
    // Descending: 30, 20 (records 3 then 5, by bookmark), 10, then the record with no value.
    expect(number([{ szIndexName: 'byV', szKey: ['-v'] }], rows)).toEqual({ last: 4, numbers: { 1: 1, 2: 4, 3: 2, 4: 5, 5: 3 }, next: 6 });
    expect(number([{ szIndexName: 'byV', szKey: ['-v'], grbit: JET_bitIndexIgnoreAnyNull }], rows)).toEqual({
      last: 2,
      numbers: { 1: 1, 2: 4, 3: 2, 4: null, 5: 3 },
      next: 5,
    });
    // One entry per tag, records without one first: 3, 4, 5, then 1 (tag 1), 2 (tag 3), 1 (tag 5).
    expect(number([{ szIndexName: 'byTag', szKey: ['+tags'] }], rows)).toEqual({ last: 1, numbers: { 1: 6, 2: 5, 3: 1, 4: 2, 5: 3 }, next: 7 });
  });

  it('numbers the records 1, 2, ... in order, leaves the cursor after the last and the next insert takes the number after', () => {
    const { sesid } = fixture;
    const t = withRecords();
    // The creation cursor denies reads to others, which the add needs.
    const serial = jet.JetAddColumn(sesid, t.tableid, 'serial', { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnAutoincrement });
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetMove(sesid, t.tableid, JET_MovePrevious);
    expect(current(t)).toEqual([3, 1]);
    const read = () => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, serial).value);
    expect(read()).toBe(4);
    expect(jet.JetRetrieveColumns(sesid, t.tableid, [{ columnid: serial, itagSequence: 0 }])[0]!.itagSequence).toBe(1);
    const seen: unknown[] = [];
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    do seen.push([...current(t), read()]);
    while (tryMoveNext(t.tableid));
    expect(seen).toEqual([
      [1, 1, 1],
      [1, 2, 2],
      [2, 1, 3],
      [3, 1, 4],
    ]);
    insert(t, 4, 1);
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expect(read()).toBe(5);
  });
});

function tryMoveNext(tableid: bigint): boolean {
  try {
    jet.JetMove(fixture.sesid, tableid, JET_MoveNext);
    return true;
  } catch (error) {
    if (error instanceof EsentNoCurrentRecordError) return false;
    throw error;
  }
}

describe('an insert prepared on a table with an autoincrement column reserves the values in batches (ESE fldmod.cxx ErrRECISetAutoincrement, ErrRECILoadAutoIncBatch, TDB::ErrInitAutoInc)', () => {
  type Step = { fn: string; args: unknown[] };
  type Outcome = { ok: boolean; value?: unknown; errno?: number };

  function autoincInstance(engineFormatVersion: number) {
    const dir = tempDir();
    const instance = initRawInstance(dir, 'autoinc', [[JET_paramEngineFormatVersion, engineFormatVersion]]);
    const sesid = jet.JetBeginSession(instance);
    const dbid = jet.JetCreateDatabase2(sesid, join(dir, 'autoinc.edb'));
    const make = (name: string) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong, grbit: JET_bitColumnAutoincrement }],
      });
      return { tableid: created.tableid, n: (created.columnids as number[])[0]! };
    };
    const end = () => {
      try {
        jet.JetTerm2(instance, JET_bitTermAbrupt);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    /** Inserts a row through `tableid` and answers its autoincrement value. */
    const insert = (tableid: bigint, n: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      const value = decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, n, JET_bitRetrieveCopy).value);
      jet.JetUpdate2(sesid, tableid);
      return value;
    };
    /** Closes the database, detaches it and attaches it again, so its tables are read into memory anew. */
    const reload = (name: string) => {
      const path = join(dir, 'autoinc.edb');
      jet.JetCloseDatabase(sesid, dbid, 0);
      jet.JetDetachDatabase2(sesid, path);
      jet.JetAttachDatabase2(sesid, path);
      const again = jet.JetOpenDatabase(sesid, path);
      return jet.JetOpenTable(sesid, again, name);
    };
    /** The autoincrement value of the table's first record. */
    const firstValue = (tableid: bigint, n: number) => {
      jet.JetMove(sesid, tableid, JET_MoveFirst);
      return decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, n).value);
    };
    return { sesid, make, end, insert, reload, firstValue };
  }

  /** JetPrepareUpdate of an insert from this thread while a Worker holds the session's context. */
  async function prepareUnderWorkerContext(sesid: bigint, tableid: bigint, ownerSteps: Step[]): Promise<{ seen: unknown; level: number; owner: Outcome[] }> {
    let seen: unknown = 'success';
    const { results } = await runWorker<{ results: Outcome[] }>(
      'jet-steps',
      {
        steps: [
          { fn: 'JetSetSessionContext', args: [sesid, 0x33n] },
          { ask: true, fn: 'JetGetSessionParameter', args: [sesid, JET_sesparamTransactionLevel] },
          ...ownerSteps,
          { fn: 'JetResetSessionContext', args: [sesid] },
        ],
      },
      () => {
        try {
          jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
        } catch (caught) {
          seen = caught;
        }
        return null;
      },
    );
    expect(results.map((r) => r.ok)).toEqual(results.map(() => true));
    return { seen, level: Number(results[1]!.value), owner: results.slice(2, 2 + ownerSteps.length) };
  }

  it('with the newest format the first batch is written in a transaction of its own: at level 0 under a context another thread set its commit fails and it stays open, and the table keeps that failure for every insert prepared on it after', async () => {
    const t = autoincInstance(JET_efvUseEngineDefault);
    try {
      const numbered = t.make('numbered');
      const refused = await prepareUnderWorkerContext(t.sesid, numbered.tableid, [{ fn: 'JetRollback', args: [t.sesid, 0] }]);
      expect(refused.seen).toBeInstanceOf(EsentSessionSharingViolationError);
      expect(refused.level).toBe(1);
      // At level 0 with no context set, the table gives the same error, beginning nothing.
      expectJetError(() => jet.JetPrepareUpdate(t.sesid, numbered.tableid, JET_prepInsert), EsentSessionSharingViolationError, -1910, 'JetPrepareUpdate');
      expect(jet.JetGetSessionParameter(t.sesid, JET_sesparamTransactionLevel)).toBe(0);
      expectJetError(() => jet.JetUpdate2(t.sesid, numbered.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
      // Another table reserves its own batch.
      const other = t.make('other');
      t.insert(other.tableid, other.n);
      expect(t.firstValue(other.tableid, other.n)).toBe(1);
    } finally {
      t.end();
    }
  });

  it('a deleted autoincrement column stays the table\'s until the version store cleans its delete up: another one is JET_errColumnRedundant, JET_prepInsertMustSetAutoIncrement is accepted, and an insert still reserves a batch, which at level 0 under another thread\'s context fails (ver.cxx: the delete\'s cleanup resets TDB::FidAutoincrement; extended generator seed 5739)', async () => {
    const { sesid } = fixture;
    const t = withRecords();
    const addSerial = (name: string) =>
      jet.JetAddColumn(sesid, t.tableid, name, { coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnAutoincrement });
    addSerial('serial');
    jet.JetDeleteColumn2(sesid, t.tableid, 'serial', 0);
    expectJetError(() => addSerial('again'), EsentColumnRedundantError, -1510, 'JetAddColumn');
    expect(jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertMustSetAutoIncrement)).toBe(0);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    insert(t, 5, 1);
    cleanUpByDetach();
    expectJetError(
      () => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertMustSetAutoIncrement),
      EsentIllegalOperationError,
      -1312,
      'JetPrepareUpdate',
    );
    const again = addSerial('again');
    jet.JetMove(sesid, t.tableid, JET_MoveLast);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, again).value)).toBe(5);

    const own = autoincInstance(JET_efvUseEngineDefault);
    try {
      const numbered = own.make('numbered');
      jet.JetDeleteColumn2(own.sesid, numbered.tableid, 'n', 0);
      const refused = await prepareUnderWorkerContext(own.sesid, numbered.tableid, [{ fn: 'JetRollback', args: [own.sesid, 0] }]);
      expect(refused.seen).toBeInstanceOf(EsentSessionSharingViolationError);
      expect(refused.level).toBe(1);
    } finally {
      own.end();
    }
  });

  it('with a format before JET_efvExtHdrRootFieldAutoIncStorageReleased nothing is written, and the insert is prepared under that context too', async () => {
    const t = autoincInstance(JET_efvExchange2016Cu1Rtm);
    try {
      const numbered = t.make('numbered');
      const prepared = await prepareUnderWorkerContext(t.sesid, numbered.tableid, [{ fn: 'JetUpdate2', args: [t.sesid, numbered.tableid, 0] }]);
      expect(prepared.seen).toBe('success');
      expect(prepared.level).toBe(0);
      expect(prepared.owner[0]).toMatchObject({ ok: true });
      expect(t.firstValue(numbered.tableid, numbered.n)).toBe(1);
    } finally {
      t.end();
    }
  });

  it('a batch is reserved after the value in the root page, not after the last used: the values of a reserved batch are handed out under another thread\'s context, the first past it is refused, and the refused batch stays written in the root page and grows the next', async () => {
    const t = autoincInstance(JET_efvUseEngineDefault);
    try {
      const numbered = t.make('numbered');
      // Batches of 2 (values 1 and 2) and 4 (values 3 to 6).
      expect([1, 2, 3, 4].map(() => t.insert(numbered.tableid, numbered.n))).toEqual([1, 2, 3, 4]);
      const seen: unknown[] = [];
      const { results } = await runWorker<{ results: Outcome[] }>(
        'jet-steps',
        {
          steps: [
            { fn: 'JetSetSessionContext', args: [t.sesid, 0x34n] },
            ...[0, 1].flatMap(() => [
              { ask: true, fn: 'JetGetSessionParameter', args: [t.sesid, JET_sesparamTransactionLevel] },
              { fn: 'JetPrepareUpdate', args: [t.sesid, numbered.tableid, JET_prepCancel] },
              { fn: 'JetRollback', args: [t.sesid, 0] },
            ]),
            { ask: true, fn: 'JetGetSessionParameter', args: [t.sesid, JET_sesparamTransactionLevel] },
            { fn: 'JetGetSessionParameter', args: [t.sesid, JET_sesparamTransactionLevel] },
            { fn: 'JetRollback', args: [t.sesid, 0] },
            { fn: 'JetResetSessionContext', args: [t.sesid] },
          ],
        },
        () => {
          // Asked three times: values 5 and 6 (reserved) are handed out on this thread, each
          // insert cancelled by the worker, which also rolls back the transaction of its own that
          // the insert's preparation left open here (lv.cxx ErrRECAffectLongFieldsInWorkBuf); 7
          // needs a batch, whose level-0 transaction fails here before that.
          try {
            jet.JetPrepareUpdate(t.sesid, numbered.tableid, JET_prepInsert);
            seen.push(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(t.sesid, numbered.tableid, numbered.n, JET_bitRetrieveCopy).value));
          } catch (caught) {
            seen.push(caught);
          }
          return null;
        },
      );
      expect(results.map((r) => r.ok)).toEqual(results.map(() => true));
      expect(seen.slice(0, 2)).toEqual([5, 6]);
      expect(seen).toHaveLength(3);
      expect(seen[2]).toBeInstanceOf(EsentSessionSharingViolationError);
      expect(Number(results[8]!.value)).toBe(1);
      expectJetError(() => jet.JetUpdate2(t.sesid, numbered.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
      // Value 7 was used up by the refusal, whose batch of 8 the root page kept (14) through
      // both rollbacks; 8 takes a batch of 16 after it (to 30), so 9 needs none, and the table
      // read again starts at 31.
      expect(t.insert(numbered.tableid, numbered.n)).toBe(8);
      expect(t.insert(numbered.tableid, numbered.n)).toBe(9);
      const reloaded = t.reload('numbered');
      expect(t.insert(reloaded, numbered.n)).toBe(31);
    } finally {
      t.end();
    }
  });

  it('a table read into memory again goes on after the last value reserved, skipping the rest of that batch; with a format before JET_efvExtHdrRootFieldAutoIncStorageReleased after the last used', () => {
    for (const [format, afterReload] of [
      [JET_efvUseEngineDefault, [3, 4, 5, 9]],
      [JET_efvExchange2016Cu1Rtm, [2, 3, 4, 5]],
    ] as const) {
      const t = autoincInstance(format);
      try {
        const numbered = t.make('numbered');
        expect(t.insert(numbered.tableid, numbered.n)).toBe(1);
        jet.JetCloseTable(t.sesid, numbered.tableid);
        // Reserved 1 and 2: read again, the next is 3, in a first batch of 2 (3 and 4); 5 takes
        // a batch of 4 (5 to 8), so read again the next is 9.
        const again = t.reload('numbered');
        const values = [t.insert(again, numbered.n), t.insert(again, numbered.n), t.insert(again, numbered.n)];
        values.push(t.insert(t.reload('numbered'), numbered.n));
        expect(values).toEqual(afterReload);
      } finally {
        t.end();
      }
    }
  });

  it('with a format before JET_efvExtHdrRootFieldAutoIncStorageReleased a table read into memory again goes on after the largest value its records hold, so the values of deleted last records come again; with the newest format they do not (fldmod.cxx ErrRECIInitAutoIncOldFormat)', () => {
    for (const [format, afterReload] of [
      [JET_efvExchange2016Cu1Rtm, 3],
      [JET_efvUseEngineDefault, 7],
    ] as const) {
      const t = autoincInstance(format);
      try {
        const numbered = t.make('numbered');
        const deleteLast = () => {
          jet.JetMove(t.sesid, numbered.tableid, JET_MoveLast);
          jet.JetDelete(t.sesid, numbered.tableid);
        };
        expect([1, 2, 3].map(() => t.insert(numbered.tableid, numbered.n))).toEqual([1, 2, 3]);
        deleteLast();
        // In memory the next value follows the last used, whatever the records hold.
        expect(t.insert(numbered.tableid, numbered.n)).toBe(4);
        deleteLast();
        jet.JetCloseTable(t.sesid, numbered.tableid);
        expect(t.insert(t.reload('numbered'), numbered.n)).toBe(afterReload);
      } finally {
        t.end();
      }
    }
  });
});

describe('the database id of a detached file (ESE fmp.cxx FMP::ErrNewAndWriteLatch, FMP::SnapshotHeaderSignature from db.cxx ErrIsamDetachDatabase)', () => {
  it('is kept for that file: a database created meanwhile takes another, and the file attached again gets its old id back', () => {
    const { sesid, dbid, dir } = fixture;
    const first = join(dir, 'fidelity.edb');
    jet.JetCloseDatabase(sesid, dbid);
    expect(jet.JetDetachDatabase2(sesid, first)).toBe(0);
    const second = jet.JetCreateDatabase2(sesid, join(dir, 'second.edb'));
    expect(second).not.toBe(dbid);
    jet.JetCloseDatabase(sesid, second);
    expect(jet.JetAttachDatabase2(sesid, first)).toBe(0);
    const again = jet.JetOpenDatabase(sesid, first);
    expect(again).toBe(dbid);
    jet.JetCloseDatabase(sesid, again);
    // Detached both, the files get their own ids back whatever order they are attached in.
    expect(jet.JetDetachDatabase2(sesid, null)).toBe(0);
    jet.JetAttachDatabase2(sesid, join(dir, 'second.edb'));
    jet.JetAttachDatabase2(sesid, first);
    const firstAgain = jet.JetOpenDatabase(sesid, first);
    const secondAgain = jet.JetOpenDatabase(sesid, join(dir, 'second.edb'));
    expect([firstAgain, secondAgain]).toEqual([dbid, second]);
    jet.JetCloseDatabase(sesid, firstAgain);
    jet.JetCloseDatabase(sesid, secondAgain);
  });
});

describe('JetDetachDatabase2 without a name after a file was detached and attached again (ESE db.cxx ErrIsamDetachAllDatabase goes by the instance\'s dbids, not the ids handed out)', () => {
  it('detaches a database created in the detached file\'s place before the file attached again', () => {
    const { sesid, dbid, dir } = fixture;
    const first = join(dir, 'fidelity.edb');
    const second = join(dir, 'second.edb');
    const third = join(dir, 'third.edb');
    jet.JetCloseDatabase(sesid, dbid);
    jet.JetCloseDatabase(sesid, jet.JetCreateDatabase2(sesid, second));
    expect(jet.JetDetachDatabase2(sesid, first)).toBe(0);
    // The third takes the first's place among the instance's databases, the first comes after
    // the second.
    jet.JetCloseDatabase(sesid, jet.JetCreateDatabase2(sesid, third));
    expect(jet.JetAttachDatabase2(sesid, first)).toBe(0);
    const held = jet.JetOpenDatabase(sesid, second);
    expectJetError(() => jet.JetDetachDatabase2(sesid, null), EsentDatabaseInUseError, -1202, 'JetDetachDatabase2');
    expectJetError(() => jet.JetOpenDatabase(sesid, third), EsentDatabaseNotFoundError, -1203, 'JetOpenDatabase');
    jet.JetCloseDatabase(sesid, jet.JetOpenDatabase(sesid, first));
    jet.JetCloseDatabase(sesid, held);
    expect(jet.JetDetachDatabase2(sesid, null)).toBe(0);
  });
});

describe('a column definition\'s storage flags (ESE fcreate.cxx ErrFILEIValidateAddColumn; info.cxx ErrINFOGetTableColumnInfo)', () => {
  const add = (name: string, def: { coltyp: number; cbMax?: number; grbit?: number; cp?: number }, dflt?: Buffer) => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: `flags_${name}`,
      rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypLong }],
    });
    return () => {
      jet.JetAddColumn(sesid, created.tableid, name, def, dflt ?? null);
      return jet.JetGetTableColumnInfo(sesid, created.tableid, name).grbit;
    };
  };

  it('compression is for long values only: JET_errColumnCannotBeCompressed otherwise, after the code page and before the placement; a compressed long value keeps the flag', () => {
    for (const coltyp of [JET_coltypBinary, JET_coltypText, JET_coltypLong]) {
      expectJetError(add(`c${coltyp}`, { coltyp, grbit: JET_bitColumnCompressed }), EsentColumnCannotBeCompressedError, -1538, 'JetAddColumn');
    }
    expectJetError(add('fixedc', { coltyp: JET_coltypBinary, grbit: JET_bitColumnCompressed | JET_bitColumnFixed }), EsentColumnCannotBeCompressedError, -1538, 'JetAddColumn');
    expectJetError(add('badcp', { coltyp: JET_coltypText, cp: 5, grbit: JET_bitColumnCompressed }), EsentInvalidCodePageError, -1063, 'JetAddColumn');
    expectJetError(add('lvfixed', { coltyp: JET_coltypLongBinary, grbit: JET_bitColumnCompressed | JET_bitColumnFixed }), EsentInvalidGrbitError, -900, 'JetAddColumn');
    expect(add('lb', { coltyp: JET_coltypLongBinary, grbit: JET_bitColumnCompressed })()).toBe(JET_bitColumnCompressed | JET_bitColumnTagged | JET_bitColumnUpdatable);
    expect(add('lt', { coltyp: JET_coltypLongText, grbit: JET_bitColumnCompressed })()).toBe(JET_bitColumnCompressed | JET_bitColumnTagged | JET_bitColumnUpdatable);
  });

  it('encryption is for single-valued long values without a default: JET_errColumnCannotBeEncrypted otherwise; such a column keeps the flag', () => {
    expectJetError(add('bin', { coltyp: JET_coltypBinary, grbit: JET_bitColumnEncrypted }), EsentColumnCannotBeEncryptedError, -1439, 'JetAddColumn');
    expectJetError(add('mv', { coltyp: JET_coltypLongBinary, grbit: JET_bitColumnEncrypted | JET_bitColumnMultiValued }), EsentColumnCannotBeEncryptedError, -1439, 'JetAddColumn');
    expectJetError(add('dflt', { coltyp: JET_coltypLongBinary, grbit: JET_bitColumnEncrypted }, Buffer.from('ab')), EsentColumnCannotBeEncryptedError, -1439, 'JetAddColumn');
    expect(add('lb', { coltyp: JET_coltypLongBinary, grbit: JET_bitColumnEncrypted | JET_bitColumnCompressed })()).toBe(
      JET_bitColumnEncrypted | JET_bitColumnCompressed | JET_bitColumnTagged | JET_bitColumnUpdatable,
    );
  });

  it('a cbMax past JET_cbLVColumnMost is JET_errInvalidParameter before anything else is checked, in JetCreateTableColumnIndex3 too', () => {
    const { sesid, dbid } = fixture;
    expectJetError(add('big', { coltyp: JET_coltypLongBinary, cbMax: 0x80000000 }), EsentInvalidParameterError, -1003, 'JetAddColumn');
    expectJetError(add('bigbad', { coltyp: 99, cbMax: 0x80000000 }), EsentInvalidParameterError, -1003, 'JetAddColumn');
    expectJetError(
      () => jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'bigmax', rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypBinary, cbMax: 0x80000000 }] }),
      EsentInvalidParameterError,
      -1003,
      'JetCreateTableColumnIndex3',
    );
    expect(add('most', { coltyp: JET_coltypLongBinary, cbMax: 0x7fffffff })()).toBe(JET_bitColumnTagged | JET_bitColumnUpdatable);
  });

  it('a default from a callback (JET_bitColumnUserDefinedDefault) needs a tagged or long-value column, then a JET_USERDEFINEDDEFAULT as the default', () => {
    expectJetError(add('fixed', { coltyp: JET_coltypBinary, grbit: JET_bitColumnUserDefinedDefault | JET_bitColumnFixed }), EsentInvalidGrbitError, -900, 'JetAddColumn');
    expectJetError(add('var', { coltyp: JET_coltypBinary, grbit: JET_bitColumnUserDefinedDefault }), EsentInvalidGrbitError, -900, 'JetAddColumn');
    expectJetError(add('notnull', { coltyp: JET_coltypBinary, grbit: JET_bitColumnUserDefinedDefault | JET_bitColumnTagged | JET_bitColumnNotNULL }), EsentInvalidGrbitError, -900, 'JetAddColumn');
    expectJetError(add('nodefault', { coltyp: JET_coltypBinary, grbit: JET_bitColumnUserDefinedDefault | JET_bitColumnTagged }), EsentInvalidParameterError, -1003, 'JetAddColumn');
    expectJetError(add('short', { coltyp: JET_coltypLongBinary, grbit: JET_bitColumnUserDefinedDefault }, Buffer.alloc(8)), EsentInvalidParameterError, -1003, 'JetAddColumn');
  });
});

describe('an encrypted column without the cursor\'s encryption key (ESE fldmod.cxx ErrFLDSetOneColumn; fldext.cxx ErrIsamRetrieveColumn, ErrRECRetrieveColumns)', () => {
  it('is neither set nor read: JET_errColumnNoEncryptionKey, also for a null value; a compressed column beside it round-trips', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'secret',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'enc', coltyp: JET_coltypLongBinary, grbit: JET_bitColumnEncrypted },
        { szColumnName: 'comp', coltyp: JET_coltypLongBinary, grbit: JET_bitColumnCompressed },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, enc, comp] = created.columnids as number[];
    const tableid = created.tableid;
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    expectJetError(() => jet.JetSetColumn(sesid, tableid, enc!, Buffer.alloc(50, 1)), EsentColumnNoEncryptionKeyError, -1540, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, tableid, enc!, null), EsentColumnNoEncryptionKeyError, -1540, 'JetSetColumn');
    jet.JetSetColumn(sesid, tableid, comp!, Buffer.alloc(5000, 2));
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid, 0);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expectJetError(() => jet.JetRetrieveColumn(sesid, tableid, enc!), EsentColumnNoEncryptionKeyError, -1540, 'JetRetrieveColumn');
    expectJetError(() => jet.JetRetrieveColumns(sesid, tableid, [{ columnid: enc! }]), EsentColumnNoEncryptionKeyError, -1540, 'JetRetrieveColumns');
    expect(jet.JetRetrieveColumn(sesid, tableid, comp!).value).toEqual(Buffer.alloc(5000, 2));
  });
});

describe('JetSetColumn grbits checked before the column (ESE fldmod.cxx ErrFLDSetOneColumn)', () => {
  it('JET_bitSetContiguousLV needs JET_bitSetSeparateLV (JET_errInvalidGrbit) and a page of data (JET_errInvalidBufferSize); the engine\'s own bits are JET_errInvalidGrbit; all before an unknown column', () => {
    const { sesid, dbid } = fixture;
    const contiguousLV = 0x00040000;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'grbits',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'lv', coltyp: JET_coltypLongBinary },
        { szColumnName: 'v', coltyp: JET_coltypBinary, cbMax: 10 },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
    });
    const [k, lv, v] = created.columnids as number[];
    const tableid = created.tableid;
    const set = (columnid: number, data: Buffer, grbit: number) => () => jet.JetSetColumn(sesid, tableid, columnid, data, grbit);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    expectJetError(set(lv!, Buffer.alloc(5000), contiguousLV), EsentInvalidGrbitError, -900, 'JetSetColumn');
    expectJetError(set(99999, Buffer.alloc(2), contiguousLV), EsentInvalidGrbitError, -900, 'JetSetColumn');
    // 4 KiB pages: less than 4096 bytes is not worth a contiguous allocation.
    expectJetError(set(lv!, Buffer.alloc(4095), contiguousLV | JET_bitSetSeparateLV), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
    expect(set(lv!, Buffer.alloc(5000, 1), contiguousLV | JET_bitSetSeparateLV)()).toBe(0);
    for (const internal of [0x10000000, 0x20000000, 0x40000000, 0x80000000]) {
      expectJetError(set(v!, Buffer.alloc(2), internal), EsentInvalidGrbitError, -900, 'JetSetColumn');
      expectJetError(set(99999, Buffer.alloc(2), internal), EsentInvalidGrbitError, -900, 'JetSetColumn');
    }
    expect(jet.JetRetrieveColumn(sesid, tableid, v!, JET_bitRetrieveCopy).err).toBe(JET_wrnColumnNull);
    expect(jet.JetRetrieveColumn(sesid, tableid, lv!, JET_bitRetrieveCopy).value).toEqual(Buffer.alloc(5000, 1));
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetRollback(sesid, 0);
  });
});

describe('JET_bitRetrieveFromIndex and JET_bitRetrieveFromPrimaryBookmark name a column of the index read (ESE fldext.cxx ErrRECIRetrieveFromIndex, ErrIsamRetrieveColumn)', () => {
  it('a column outside that index is JET_errColumnNotFound, both bits JET_errInvalidGrbit, column id 0 JET_errBadColumnId; on the primary index only a cursor on a record is checked; the engine\'s own bits and JET_bitRetrieveTuple alone are JET_errInvalidGrbit', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'fromindex',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'n', coltyp: JET_coltypLong },
        { szColumnName: 'other', coltyp: JET_coltypLong },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byn', szKey: ['+n'], grbit: 0 },
      ],
    });
    const [k, n, other] = created.columnids as number[];
    const tableid = created.tableid;
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    jet.JetSetColumn(sesid, tableid, n!, long(2));
    jet.JetSetColumn(sesid, tableid, other!, long(3));
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid, 0);
    const read = (columnid: number, grbit: number) => () => jet.JetRetrieveColumn(sesid, tableid, columnid, grbit).value;
    const fromIndex = JET_bitRetrieveFromIndex;
    const fromPrimary = JET_bitRetrieveFromPrimaryBookmark;

    // A fresh cursor is not on a record yet: the record is read.
    expect(read(other!, fromIndex)()).toEqual(long(3));
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(read(k!, fromIndex)()).toEqual(long(1));
    expect(read(k!, fromPrimary)()).toEqual(long(1));
    expectJetError(read(other!, fromIndex), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    expectJetError(read(other!, fromPrimary), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    expectJetError(read(k!, fromIndex | fromPrimary), EsentInvalidGrbitError, -900, 'JetRetrieveColumn');
    expectJetError(read(0, fromIndex), EsentBadColumnIdError, -1517, 'JetRetrieveColumn');

    jet.JetSetCurrentIndex4(sesid, tableid, 'byn');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(read(n!, fromIndex)()).toEqual(long(2));
    expectJetError(read(k!, fromIndex), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    expect(read(k!, fromPrimary)()).toEqual(long(1));
    expectJetError(read(n!, fromPrimary), EsentColumnNotFoundError, -1507, 'JetRetrieveColumn');
    expectJetError(
      () => jet.JetRetrieveColumns(sesid, tableid, [{ columnid: other!, grbit: fromIndex }]),
      EsentColumnNotFoundError,
      -1507,
      'JetRetrieveColumns',
    );

    const tuple = 0x00000800;
    expectJetError(read(n!, tuple), EsentInvalidGrbitError, -900, 'JetRetrieveColumn');
    for (const internal of [0x10000000, 0x80000000]) {
      expectJetError(read(n!, internal), EsentInvalidGrbitError, -900, 'JetRetrieveColumn');
    }
  });
});

describe('JET_bitRetrieveFromIndex reads the value from the index entry\'s key where it can (ESE fldext.cxx ErrRECIRetrieveFromIndex, fldnorm.cxx RECIRetrieveColumnFromKey; the extended differential generator\'s seeds 20, 51, 96, 101, 128, 130)', () => {
  it('on the entry: no columnidNextTagged, a Bit as 0xff, the multi-valued value behind the entry whatever itagSequence says (JET_bitRetrieveTag gives its itag), a record the session deleted still answers; text comes from the record', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'fromkey',
      rgcolumncreate: [
        { szColumnName: 'k', coltyp: JET_coltypLong },
        { szColumnName: 'flag', coltyp: JET_coltypBit },
        { szColumnName: 'tags', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
        { szColumnName: 'label', coltyp: JET_coltypText, cbMax: 20, cp: 1252 },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byFlag', szKey: ['+flag'] },
        { szIndexName: 'byTags', szKey: ['-tags'] },
        { szIndexName: 'byLabel', szKey: ['+label'] },
      ],
    });
    const [k, flag, tags, label] = created.columnids as number[];
    const tableid = created.tableid;
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, k!, long(1));
    jet.JetSetColumn(sesid, tableid, flag!, Buffer.from([1]));
    jet.JetSetColumn(sesid, tableid, tags!, long(5), 0, { itagSequence: 0 });
    jet.JetSetColumn(sesid, tableid, tags!, long(7), 0, { itagSequence: 0 });
    jet.JetSetColumn(sesid, tableid, label!, Buffer.from('Ab', 'latin1'));
    jet.JetUpdate2(sesid, tableid);
    const read = (columnid: number, grbit: number, itagSequence = 1) =>
      jet.JetRetrieveColumn(sesid, tableid, columnid, grbit, { itagSequence, ibLongValue: 0 });

    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(read(k!, JET_bitRetrieveFromIndex)).toMatchObject({ value: long(1), columnidNextTagged: 0 });
    expect(read(k!, 0)).toMatchObject({ value: long(1), columnidNextTagged: k });

    jet.JetSetCurrentIndex4(sesid, tableid, 'byFlag');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(read(flag!, JET_bitRetrieveFromIndex).value).toEqual(Buffer.from([0xff]));
    expect(read(flag!, 0).value).toEqual(Buffer.from([0xff]));

    // Descending: the first entry is the one for 7, the record's second value.
    jet.JetSetCurrentIndex4(sesid, tableid, 'byTags');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(read(tags!, JET_bitRetrieveFromIndex, 1).value).toEqual(long(7));
    expect(read(tags!, 0, 1).value).toEqual(long(5));
    const [tagged] = jet.JetRetrieveColumns(sesid, tableid, [{ columnid: tags!, grbit: JET_bitRetrieveFromIndex | JET_bitRetrieveTag, itagSequence: 1 }]);
    expect(tagged).toMatchObject({ value: long(7), itagSequence: 2 });

    // Text cannot come back from a key: the record is read, case and all.
    jet.JetSetCurrentIndex4(sesid, tableid, 'byLabel');
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(read(label!, JET_bitRetrieveFromIndex)).toMatchObject({ value: Buffer.from('Ab', 'latin1'), columnidNextTagged: label });

    jet.JetSetCurrentIndex4(sesid, tableid, null);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    jet.JetDelete(sesid, tableid);
    expect(read(k!, JET_bitRetrieveFromIndex).value).toEqual(long(1));
    expectJetError(() => read(k!, 0), EsentRecordDeletedError, -1017, 'JetRetrieveColumn');
    jet.JetRollback(sesid, 0);
  });

  it('off its entry, the index\'s cursor is read where it stands whatever update is prepared: its deferred move to the first entry is made and the value comes from that entry\'s key, and no entry is JET_errNoCurrentRecord, with JET_bitRetrieveCopy too (fldext.cxx ErrRECIRetrieveFromIndex: ErrDIRGet; the extended generator\'s seed 286, confirmed on ESE\'s engine)', () => {
    const { sesid, dbid } = fixture;
    const make = (name: string, rows: number) => {
      const table = keyedByValue(name);
      for (let i = 1; i <= rows; i++) table.insert(table.tableid, i, 10 + i);
      jet.JetCloseTable(sesid, table.tableid);
      const tableid = jet.JetOpenTable(sesid, dbid, name);
      jet.JetSetCurrentIndex4(sesid, tableid, 'byV');
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      return { tableid, k: table.k, v: table.v };
    };
    for (const grbit of [JET_bitRetrieveFromIndex, JET_bitRetrieveFromIndex | JET_bitRetrieveCopy, JET_bitRetrieveFromPrimaryBookmark | JET_bitRetrieveCopy]) {
      const empty = make(`offEmpty${grbit}`, 0);
      const column = grbit & JET_bitRetrieveFromPrimaryBookmark ? empty.k : empty.v;
      expectJetError(() => jet.JetRetrieveColumn(sesid, empty.tableid, column, grbit), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
    }
    const full = make('offFull', 3);
    expect(jet.JetRetrieveColumn(sesid, full.tableid, full.v, JET_bitRetrieveFromIndex | JET_bitRetrieveCopy).value).toEqual(long(11));
    // The copy itself holds no value.
    expect(jet.JetRetrieveColumn(sesid, full.tableid, full.v, JET_bitRetrieveCopy).value).toBeNull();
  });

  it("reads each segment's prefix as ESE does: a descending GUID's is compared uninverted, so it reads as null and the segments after it are read from its second byte; a fixed text segment is passed over by its cbMax; zero-length and null by their prefixes (fldnorm.cxx RECIRetrieveColumnFromKey; the extended generator's seeds 243 and 275, confirmed on ESE's engine)", () => {
    const { sesid, dbid } = fixture;
    const guid = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const make = (name: string, columns: Array<[string, number, number, number?]>, key: string[], grbit: number, row: Record<string, Buffer | null>) => {
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: name,
        rgcolumncreate: columns.map(([szColumnName, coltyp, columnGrbit, cbMax]) => ({ szColumnName, coltyp, grbit: columnGrbit, cbMax: cbMax ?? 0 })),
        rgindexcreate: [{ szIndexName: 'x', szKey: key, grbit }],
      });
      const ids = Object.fromEntries(columns.map(([n], i) => [n, (created.columnids as number[])[i]!]));
      jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
      for (const [n, v] of Object.entries(row)) jet.JetSetColumn(sesid, created.tableid, ids[n]!, v, v?.length === 0 ? JET_bitSetZeroLength : 0);
      jet.JetUpdate2(sesid, created.tableid);
      if (!(grbit & JET_bitIndexPrimary)) jet.JetSetCurrentIndex4(sesid, created.tableid, 'x');
      jet.JetMove(sesid, created.tableid, JET_MoveFirst);
      return (column: string) => {
        const got = jet.JetRetrieveColumn(sesid, created.tableid, ids[column]!, JET_bitRetrieveFromIndex);
        return [got.err, got.value === null ? null : Buffer.from(got.value).toString('hex')];
      };
    };
    const descending = make('gd', [['g', JET_coltypGUID, 0], ['e', JET_coltypBit, JET_bitColumnTagged]], ['-g', '-e'], JET_bitIndexPrimary, { g: guid, e: Buffer.from([0]) });
    expect(descending('g')).toEqual([JET_wrnColumnNull, null]);
    // The Bit read from the GUID's bytes: not the 0x00 set.
    expect(descending('e')).toEqual([0, 'ff']);
    const ascending = make('ga', [['g', JET_coltypGUID, 0], ['e', JET_coltypBit, JET_bitColumnTagged]], ['+g', '+e'], JET_bitIndexPrimary, { g: guid, e: Buffer.from([1]) });
    expect(ascending('g')).toEqual([0, guid.toString('hex')]);
    expect(ascending('e')).toEqual([0, 'ff']);
    const afterGuid = make('gn', [['g', JET_coltypGUID, 0], ['n', JET_coltypLong, 0]], ['-g', '+n'], JET_bitIndexPrimary, { g: guid, n: long(5) });
    expect(afterGuid('n')).toEqual([0, '32547618']);
    const text = make('ft', [['ft', JET_coltypText, JET_bitColumnFixed, 10], ['n', JET_coltypLong, 0]], ['+ft', '+n'], JET_bitIndexPrimary, { ft: Buffer.from('ab'), n: long(5) });
    expect(text('ft')).toEqual([0, '61622020202020202020']);
    expect(text('n')).toEqual([JET_wrnColumnNull, null]);
    const binary = make('fb', [['fb', JET_coltypBinary, JET_bitColumnFixed, 4], ['n', JET_coltypLong, 0]], ['+fb', '+n'], JET_bitIndexPrimary, { fb: Buffer.from('ab'), n: long(5) });
    expect(binary('n')).toEqual([0, '05000000']);
    const nullsHigh = make('nh', [['n1', JET_coltypLong, 0], ['n2', JET_coltypLong, 0]], ['+n1', '+n2'], JET_bitIndexSortNullsHigh, { n2: long(5) });
    expect(nullsHigh('n1')).toEqual([JET_wrnColumnNull, null]);
    expect(nullsHigh('n2')).toEqual([0, '05000000']);
    const zeroLength = make('zl', [['v', JET_coltypBinary, 0, 20], ['n', JET_coltypLong, 0]], ['-v', '-n'], JET_bitIndexPrimary, { v: Buffer.alloc(0), n: long(5) });
    expect(zeroLength('v')).toEqual([0, '']);
    expect(zeroLength('n')).toEqual([0, '05000000']);
  });
});

describe('JetUpdate2 with JET_bitUpdateNoVersion (ESE recupd.cxx ErrRECIInsert, ErrRECIReplace; tm.cxx ErrIsamCommitTransaction, ErrIsamRollback; fileopen.cxx FILETableMustRollback)', () => {
  /** A table `name` with key column a (primary) and v (unique secondary index). */
  function keyed(name: string) {
    const { tableid, k, v } = keyedWithByV(name, JET_bitIndexUnique, 'a');
    return { tableid, a: k, v };
  }
  type Keyed = ReturnType<typeof keyed>;
  const prepare = (t: Keyed, a: number, v: number) => {
    const { sesid } = fixture;
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(a));
    jet.JetSetColumn(sesid, t.tableid, t.v, long(v));
  };
  const update = (t: Keyed, grbit: number) => () => jet.JetUpdate2(fixture.sesid, t.tableid, grbit);
  const keysOf = (t: Keyed): number[] => {
    const { sesid } = fixture;
    const found: number[] = [];
    try {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      for (;;) {
        found.push(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.a).value) as number);
        jet.JetMove(sesid, t.tableid, JET_MoveNext);
      }
    } catch (error) {
      if (!(error instanceof EsentNoCurrentRecordError)) throw error;
    }
    return found;
  };

  it('is refused (JET_errUpdateMustVersion) for a replace, and for an insert into a table the transaction did not create; the update stays prepared; other bits are ignored', () => {
    const { sesid } = fixture;
    const t = keyed('committed');
    prepare(t, 1, 1);
    expectJetError(update(t, JET_bitUpdateNoVersion), EsentUpdateMustVersionError, -1621, 'JetUpdate2');
    update(t, 0)();
    jet.JetBeginTransaction(sesid);
    prepare(t, 2, 2);
    expectJetError(update(t, JET_bitUpdateNoVersion), EsentUpdateMustVersionError, -1621, 'JetUpdate2');
    update(t, 0)();
    for (const [a, grbit] of [
      [3, JET_bitUpdateCheckESE97Compatibility],
      [4, JET_bitUpdateEnforceOptionallyUniqueIndices],
      [5, 0x8],
      [6, 0xff0],
    ]) {
      prepare(t, a!, a!);
      update(t, grbit!)();
    }
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    expectJetError(update(t, JET_bitUpdateNoVersion), EsentUpdateMustVersionError, -1621, 'JetUpdate2');
    jet.JetSetColumn(sesid, t.tableid, t.v, long(50));
    expectJetError(update(t, JET_bitUpdateNoVersion), EsentUpdateMustVersionError, -1621, 'JetUpdate2');
    update(t, 0)();
    jet.JetCommitTransaction(sesid);
    expect(keysOf(t)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('inserts into a table the transaction created without a version: a rollback of a later level keeps the record, the table\'s rollback drops it', () => {
    const { sesid, dbid } = fixture;
    jet.JetBeginTransaction(sesid);
    jet.JetBeginTransaction(sesid);
    const t = keyed('loaded');
    prepare(t, 1, 10);
    update(t, JET_bitUpdateNoVersion)();
    jet.JetCommitTransaction(sesid);
    prepare(t, 2, 20);
    update(t, JET_bitUpdateNoVersion)();
    jet.JetBeginTransaction(sesid);
    prepare(t, 3, 30);
    update(t, JET_bitUpdateNoVersion)();
    prepare(t, 4, 40);
    update(t, 0)();
    // A duplicate primary key has changed nothing yet: the transaction goes on.
    prepare(t, 3, 31);
    expectJetError(update(t, JET_bitUpdateNoVersion), EsentKeyDuplicateError, -1605, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    // A versioned replace of a versionless record is taken back by its rollback.
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
    jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, t.tableid, t.v, long(33));
    update(t, 0)();
    jet.JetRollback(sesid, 0);
    expect(keysOf(t)).toEqual([1, 2, 3]);
    jet.JetMakeKey(sesid, t.tableid, long(3), JET_bitNewKey);
    jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.v).value)).toBe(30);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'loaded'), EsentObjectNotFoundError, -1305, 'JetOpenTable');

    jet.JetBeginTransaction(sesid);
    const kept = keyed('kept');
    prepare(kept, 1, 1);
    update(kept, JET_bitUpdateNoVersion)();
    jet.JetCommitTransaction(sesid);
    expect(keysOf(kept)).toEqual([1]);
    jet.JetBeginTransaction(sesid);
    prepare(kept, 2, 2);
    expectJetError(update(kept, JET_bitUpdateNoVersion), EsentUpdateMustVersionError, -1621, 'JetUpdate2');
    jet.JetRollback(sesid, 0);
  });

  it('refused by a secondary index after the record went in: the table\'s cursors can only be closed (JET_errIllegalOperation) and the transaction only rolled back to level 0 (JET_errMustRollback)', () => {
    const { sesid, dbid } = fixture;
    jet.JetBeginTransaction(sesid);
    const t = keyed('broken');
    prepare(t, 1, 10);
    update(t, JET_bitUpdateNoVersion)();
    const other = jet.JetOpenTable(sesid, dbid, 'broken');
    prepare(t, 2, 10);
    expectJetError(update(t, JET_bitUpdateNoVersion), EsentKeyDuplicateError, -1605, 'JetUpdate2');
    for (const tableid of [t.tableid, other]) {
      expectJetError(() => jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel), EsentIllegalOperationError, -1312, 'JetPrepareUpdate');
      expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveFirst), EsentIllegalOperationError, -1312, 'JetMove');
      expectJetError(() => jet.JetDupCursor(sesid, tableid), EsentIllegalOperationError, -1312, 'JetDupCursor');
    }
    expectJetError(() => jet.JetCommitTransaction(sesid), EsentMustRollbackError, -1057, 'JetCommitTransaction');
    // A cursor opened now works, and finds the refused record in the primary index.
    const fresh = jet.JetOpenTable(sesid, dbid, 'broken');
    expect(keysOf({ ...t, tableid: fresh })).toEqual([1, 2]);
    jet.JetCloseTable(sesid, t.tableid);
    expectJetError(() => jet.JetCloseTable(sesid, t.tableid), EsentInvalidTableIdError, -1310, 'JetCloseTable');
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetCommitTransaction(sesid), EsentMustRollbackError, -1057, 'JetCommitTransaction');
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetCommitTransaction(sesid), EsentMustRollbackError, -1057, 'JetCommitTransaction');
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'broken'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    jet.JetBeginTransaction(sesid);
    jet.JetCommitTransaction(sesid);
  });
});

describe('JetPrepareUpdate with JET_prepInsertCopyDeleteOriginal and JET_prepInsertCopyReplaceOriginal (ESE fldmod.cxx ErrIsamPrepareUpdate; recupd.cxx ErrRECIInsert, ErrIsamDelete; fucb.hxx FUCBSetUpdateForInsertCopyDeleteOriginal)', () => {
  /** Table `moved`: a (primary), v (unique secondary index), n (autoincrement); records 1:10, 2:20, 3:30. */
  function moved() {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'moved',
      rgcolumncreate: [
        { szColumnName: 'a', coltyp: JET_coltypLong },
        { szColumnName: 'v', coltyp: JET_coltypLong },
        { szColumnName: 'n', coltyp: JET_coltypLong, grbit: JET_bitColumnAutoincrement },
      ],
      rgindexcreate: [
        { szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary },
        { szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexUnique },
      ],
    });
    const [a, v, n] = created.columnids as number[];
    jet.JetCloseTable(sesid, created.tableid);
    const t = { tableid: jet.JetOpenTable(sesid, dbid, 'moved'), a: a!, v: v!, n: n! };
    for (const a of [1, 2, 3]) {
      jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, t.tableid, t.a, long(a));
      jet.JetSetColumn(sesid, t.tableid, t.v, long(a * 10));
      jet.JetUpdate2(sesid, t.tableid);
    }
    return t;
  }
  type Moved = ReturnType<typeof moved>;
  const read = (sesid: bigint, tableid: bigint, columnid: number) =>
    decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value) as number;
  /** Every record as `a:v:n`, in primary-key order. */
  const rows = (t: Moved): string[] => {
    const { sesid } = fixture;
    const found: string[] = [];
    try {
      jet.JetMove(sesid, t.tableid, JET_MoveFirst);
      for (;;) {
        found.push(`${read(sesid, t.tableid, t.a)}:${read(sesid, t.tableid, t.v)}:${read(sesid, t.tableid, t.n)}`);
        jet.JetMove(sesid, t.tableid, JET_MoveNext);
      }
    } catch (error) {
      if (!(error instanceof EsentNoCurrentRecordError)) throw error;
    }
    return found;
  };
  const seek = (sesid: bigint, tableid: bigint, a: number) => {
    jet.JetMakeKey(sesid, tableid, long(a), JET_bitNewKey);
    jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
  };

  it('the original is deleted first: the copy may keep its primary key and its unique secondary key; JET_prepInsertCopyReplaceOriginal keeps the autoincrement value', () => {
    const { sesid } = fixture;
    const t = moved();
    seek(sesid, t.tableid, 1);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopyDeleteOriginal);
    jet.JetSetColumn(sesid, t.tableid, t.v, long(11));
    jet.JetUpdate2(sesid, t.tableid);
    seek(sesid, t.tableid, 2);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopyDeleteOriginal);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(5));
    jet.JetUpdate2(sesid, t.tableid);
    seek(sesid, t.tableid, 3);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopyReplaceOriginal);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(6));
    jet.JetUpdate2(sesid, t.tableid);
    expect(rows(t)).toEqual(['1:11:4', '5:20:5', '6:30:3']);
  });

  it('once JetUpdate2 fails past its start, the update is a plain insert copy: a later JetUpdate2 leaves the original in place', () => {
    const { sesid } = fixture;
    const t = moved();
    jet.JetBeginTransaction(sesid);
    seek(sesid, t.tableid, 1);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopyDeleteOriginal);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(2));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentKeyDuplicateError, -1605, 'JetUpdate2');
    // The original's own secondary key is now taken by the original.
    jet.JetSetColumn(sesid, t.tableid, t.a, long(7));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentKeyDuplicateError, -1605, 'JetUpdate2');
    jet.JetSetColumn(sesid, t.tableid, t.v, long(70));
    jet.JetUpdate2(sesid, t.tableid);
    jet.JetCommitTransaction(sesid);
    expect(rows(t)).toEqual(['1:10:1', '2:20:2', '3:30:3', '7:70:4']);
  });

  it('takes the record\'s write lock, at level 0 too: another session\'s uncommitted change is JET_errWriteConflict, and a transaction\'s prepare holds the record against others', () => {
    const { sesid, instance, dir } = fixture;
    const t = moved();
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(dir, 'fidelity.edb'));
    const otherTable = jet.JetOpenTable(other, otherDb, 'moved');
    jet.JetBeginTransaction(other);
    seek(other, otherTable, 1);
    jet.JetDelete(other, otherTable);
    seek(sesid, t.tableid, 1);
    for (const prep of [JET_prepInsertCopyDeleteOriginal, JET_prepInsertCopyReplaceOriginal]) {
      expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, prep), EsentWriteConflictError, -1102, 'JetPrepareUpdate');
      expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel), EsentUpdateNotPreparedError, -1609, 'JetPrepareUpdate');
    }
    jet.JetRollback(other, 0);

    jet.JetBeginTransaction(sesid);
    seek(sesid, t.tableid, 2);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertCopyDeleteOriginal);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetBeginTransaction(other);
    seek(other, otherTable, 2);
    expectJetError(() => jet.JetDelete(other, otherTable), EsentWriteConflictError, -1102, 'JetDelete');
    jet.JetRollback(other, 0);
    jet.JetRollback(sesid, 0);
    jet.JetEndSession(other);
  });
});

describe('JetPrepareUpdate with JET_prepInsertMustSetAutoIncrement (ESE fldmod.cxx ErrIsamPrepareUpdate, ErrFLDSetOneColumn, ErrRECISetFixedColumn; rec.cxx ErrRECIIllegalNulls)', () => {
  function counted(autoincrement: boolean) {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: autoincrement ? 'counted' : 'uncounted',
      rgcolumncreate: [
        { szColumnName: 'a', coltyp: JET_coltypLong },
        ...(autoincrement ? [{ szColumnName: 'n', coltyp: JET_coltypLong, grbit: JET_bitColumnAutoincrement }] : []),
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary }],
    });
    const [a, n] = created.columnids as number[];
    return { tableid: created.tableid, a: a!, n: n ?? 0 };
  }
  const insertPlain = (t: ReturnType<typeof counted>, a: number) => {
    const { sesid } = fixture;
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(a));
    jet.JetUpdate2(sesid, t.tableid);
  };
  const counterOf = (t: ReturnType<typeof counted>, a: number) => {
    const { sesid } = fixture;
    jet.JetMakeKey(sesid, t.tableid, long(a), JET_bitNewKey);
    jet.JetSeek(sesid, t.tableid, JET_bitSeekEQ);
    return decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.n).value);
  };

  it('needs an autoincrement column (JET_errIllegalOperation, after JET_errAlreadyPrepared); the column then takes only a value the table has handed out, and must be set', () => {
    const { sesid } = fixture;
    const plain = counted(false);
    expectJetError(() => jet.JetPrepareUpdate(sesid, plain.tableid, JET_prepInsertMustSetAutoIncrement), EsentIllegalOperationError, -1312, 'JetPrepareUpdate');
    jet.JetPrepareUpdate(sesid, plain.tableid, JET_prepInsert);
    expectJetError(() => jet.JetPrepareUpdate(sesid, plain.tableid, JET_prepInsertMustSetAutoIncrement), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    jet.JetPrepareUpdate(sesid, plain.tableid, JET_prepCancel);

    const t = counted(true);
    // Nothing handed out yet: every value is too high.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertMustSetAutoIncrement);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.n, long(1)), EsentSetAutoIncrementTooHighError, -1624, 'JetSetColumn');
    jet.JetSetColumn(sesid, t.tableid, t.a, long(50));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentAutoIncrementNotSetError, -1625, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    for (const a of [1, 2, 3]) insertPlain(t, a);

    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsertMustSetAutoIncrement);
    expect(jet.JetRetrieveColumn(sesid, t.tableid, t.n, JET_bitRetrieveCopy).err).toBe(JET_wrnColumnNull);
    jet.JetSetColumn(sesid, t.tableid, t.a, long(4));
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentAutoIncrementNotSetError, -1625, 'JetUpdate2');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.n, long(0)), EsentInvalidParameterError, -1003, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.n, long(4)), EsentSetAutoIncrementTooHighError, -1624, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.n, Buffer.from([1, 0])), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.n, null), EsentAutoIncrementNotSetError, -1625, 'JetSetColumn');
    // A value already used is taken again; the table's counter does not move.
    jet.JetSetColumn(sesid, t.tableid, t.n, long(2));
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.n, JET_bitRetrieveCopy).value)).toBe(2);
    jet.JetUpdate2(sesid, t.tableid);
    insertPlain(t, 5);
    expect(counterOf(t, 4)).toBe(2);
    expect(counterOf(t, 5)).toBe(4);
    // Any other update still refuses the column.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert);
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.n, long(1)), EsentInvalidColumnTypeError, -1511, 'JetSetColumn');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
  });
});

describe('JetPrepareUpdate with JET_prepReadOnlyCopy (ESE fldmod.cxx ErrIsamPrepareUpdate; fldext.cxx ErrIsamRetrieveColumn; fucb.hxx FFUCBAlwaysRetrieveCopy)', () => {
  it('copies the current record in a transaction; the cursor\'s reads see the copy until it is cancelled or the cursor moves; nothing can be set or updated', () => {
    const { sesid } = fixture;
    const t = withRecords();
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy), EsentNotInTransactionError, -1054, 'JetPrepareUpdate');
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepInsert), EsentAlreadyPreparedError, -1607, 'JetPrepareUpdate');
    expectJetError(() => jet.JetSetColumn(sesid, t.tableid, t.req, long(7)), EsentUpdateNotPreparedError, -1609, 'JetSetColumn');
    expectJetError(() => jet.JetUpdate2(sesid, t.tableid), EsentUpdateNotPreparedError, -1609, 'JetUpdate2');
    // The record changes through another cursor; this one still reads the copy, from its index too.
    const other = jet.JetDupCursor(sesid, t.tableid);
    jet.JetMove(sesid, other, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, other, JET_prepReplace);
    jet.JetSetColumn(sesid, other, t.req, long(7));
    jet.JetUpdate2(sesid, other);
    jet.JetCloseTable(sesid, other);
    const req = (grbit = 0) => decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.req, grbit).value);
    expect(req()).toBe(0);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, t.tableid, t.a, JET_bitRetrieveFromIndex).value)).toBe(1);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    expect(req()).toBe(7);
    // A move ends it; a commit keeps it; a rollback of its level ends it.
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy);
    jet.JetMove(sesid, t.tableid, JET_MoveNext);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel), EsentUpdateNotPreparedError, -1609, 'JetPrepareUpdate');
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy);
    jet.JetCommitTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy);
    jet.JetRollback(sesid, 0);
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepCancel), EsentUpdateNotPreparedError, -1609, 'JetPrepareUpdate');
    // No current record.
    jet.JetBeginTransaction(sesid);
    jet.JetMove(sesid, t.tableid, JET_MoveFirst);
    expectJetError(() => jet.JetMove(sesid, t.tableid, JET_MovePrevious), EsentNoCurrentRecordError, -1603, 'JetMove');
    expectJetError(() => jet.JetPrepareUpdate(sesid, t.tableid, JET_prepReadOnlyCopy), EsentNoCurrentRecordError, -1603, 'JetPrepareUpdate');
    jet.JetRollback(sesid, 0);
  });
});

describe('JetUpdate2 with JET_bitUpdateCheckESE97Compatibility (ESE recupd.cxx ErrRECICheckESE97Compatibility; fldenum.cxx CbESE97Format)', () => {
  it('refuses a record whose tagged values would not fit in ESE97\'s format (JET_errRecordTooBigForBackwardCompatibility), the update still prepared; a replace that set no column is not checked', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'ese97',
      rgcolumncreate: [
        { szColumnName: 'a', coltyp: JET_coltypLong },
        { szColumnName: 'pad', coltyp: JET_coltypText, cbMax: 255 },
        { szColumnName: 'mv', coltyp: JET_coltypBinary, cbMax: 255, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+a'], grbit: JET_bitIndexPrimary }],
    });
    const [a, pad, mv] = created.columnids as number[];
    const tableid = created.tableid;
    // Each 1-byte value takes 3 bytes today (a 2-byte offset and its byte) and took 5 in ESE97
    // (a 4-byte TAGFLD and its byte): 756 fit in either format, 757 only in today's.
    const prepare = (key: number, values: number) => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, a!, long(key));
      for (let i = 0; i < values; i++) jet.JetSetColumn(sesid, tableid, mv!, Buffer.from([i & 255]), 0, { itagSequence: 0 });
    };
    jet.JetBeginTransaction(sesid);
    prepare(1, 756);
    jet.JetUpdate2(sesid, tableid, JET_bitUpdateCheckESE97Compatibility);
    prepare(2, 757);
    expectJetError(() => jet.JetUpdate2(sesid, tableid, JET_bitUpdateCheckESE97Compatibility), EsentRecordTooBigForBackwardCompatibilityError, -1112, 'JetUpdate2');
    jet.JetUpdate2(sesid, tableid);
    jet.JetCommitTransaction(sesid);

    jet.JetMakeKey(sesid, tableid, long(2), JET_bitNewKey);
    jet.JetSeek(sesid, tableid, JET_bitSeekEQ);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetUpdate2(sesid, tableid, JET_bitUpdateCheckESE97Compatibility);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, pad!, text('x'));
    expectJetError(() => jet.JetUpdate2(sesid, tableid, JET_bitUpdateCheckESE97Compatibility), EsentRecordTooBigForBackwardCompatibilityError, -1112, 'JetUpdate2');
    jet.JetUpdate2(sesid, tableid);
    expect(jet.JetRetrieveColumn(sesid, tableid, pad!).value).toEqual(text('x'));
  });
});

describe("a column's catalog row changed by another transaction (ESE cat.cxx ErrCATDeleteTableColumn, ErrCATChangeColumnDefaultValue, ErrCATRenameColumn)", () => {
  it('refuses JetDeleteColumn2 and JetSetColumnDefaultValue of that column with JET_errWriteConflict in a transaction that began before the change committed; another column, a transaction begun later, or a change a nested rollback undid, is free (extended generator seed 16884)', () => {
    const { sesid, dbid, instance } = fixture;
    const outcome = (f: () => unknown) => {
      try {
        return f();
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, join(fixture.dir, 'fidelity.edb'));
    const deleteColumn = (name: string, column: string) => () => {
      const tableid = jet.JetOpenTable(sesid, dbid, name);
      try {
        return jet.JetDeleteColumn2(sesid, tableid, column);
      } finally {
        jet.JetCloseTable(sesid, tableid);
      }
    };
    const ops: Array<[string, (name: string) => () => unknown]> = [
      ['delete', (name) => deleteColumn(name, 'h')],
      ['default', (name) => () => jet.JetSetColumnDefaultValue(sesid, dbid, name, 'h', long(5))],
      ['delete another column', (name) => deleteColumn(name, 'v')],
    ];
    const changes: Array<[string, (name: string) => void]> = [
      ['a default at level 0', (name) => jet.JetSetColumnDefaultValue(other, otherDb, name, 'h', long(3))],
      ['a default in a transaction', (name) => {
        jet.JetBeginTransaction(other);
        jet.JetSetColumnDefaultValue(other, otherDb, name, 'h', long(3));
        jet.JetCommitTransaction(other, 0);
      }],
      ['a rename there and back', (name) => {
        const tableid = jet.JetOpenTable(other, otherDb, name);
        jet.JetRenameColumn(other, tableid, 'h', 'hh');
        jet.JetRenameColumn(other, tableid, 'hh', 'h');
        jet.JetCloseTable(other, tableid);
      }],
      ['a default in a nested level that commits', (name) => {
        jet.JetBeginTransaction(other);
        jet.JetBeginTransaction(other);
        jet.JetSetColumnDefaultValue(other, otherDb, name, 'h', long(3));
        jet.JetCommitTransaction(other, 0);
        jet.JetCommitTransaction(other, 0);
      }],
      ['a default in a nested level rolled back', (name) => {
        jet.JetBeginTransaction(other);
        jet.JetBeginTransaction(other);
        jet.JetSetColumnDefaultValue(other, otherDb, name, 'h', long(3));
        jet.JetRollback(other, 0);
        jet.JetCommitTransaction(other, 0);
      }],
    ];
    const seen: Record<string, unknown> = {};
    let n = 0;
    for (const [changeName, change] of changes) {
      for (const [opName, op] of ops) {
        const name = `catalogRow${n++}`;
        jet.JetCloseTable(sesid, jet.JetCreateTableColumnIndex3(sesid, dbid, {
          szTableName: name,
          rgcolumncreate: ['k', 'h', 'v'].map((szColumnName) => ({ szColumnName, coltyp: JET_coltypLong })),
        }).tableid);
        jet.JetBeginTransaction(sesid);
        change(name);
        seen[`${changeName}, then ${opName}`] = outcome(op(name));
        jet.JetRollback(sesid, 0);
        jet.JetBeginTransaction(sesid);
        seen[`${changeName}, ${opName} in a later transaction`] = outcome(op(name));
        jet.JetRollback(sesid, 0);
      }
    }
    jet.JetEndSession(other);
    const expected: Record<string, unknown> = {};
    for (const [changeName] of changes) {
      for (const [opName] of ops) {
        const changed = !changeName.endsWith('rolled back');
        expected[`${changeName}, then ${opName}`] = opName === 'delete another column' || !changed ? 0 : 'JET_errWriteConflict';
        expected[`${changeName}, ${opName} in a later transaction`] = 0;
      }
    }
    expect(seen).toEqual(expected);
  });
});

describe('JetCreateIndex2 in a transaction under a session context another thread set (ESE fcreate.cxx ErrFILEICreateIndex, ErrFILEIValidateCreateIndex, ErrFILEIPrepareOneIndex; pib.hxx FPIBCheckTrxContext)', () => {
  it('a definition refused on its own form fails before the nested begin; one that the key\'s columns make invalid (a primary index over a multi-valued column) fails after it, with JET_errSessionSharingViolation (extended generator seed 18216)', () => {
    const { sesid, dbid } = fixture;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'multi',
      rgcolumncreate: [
        { szColumnName: 'm', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
        { szColumnName: 'v', coltyp: JET_coltypLong },
      ],
    });
    jet.JetCloseTable(sesid, created.tableid);
    const tableid = jet.JetOpenTable(sesid, dbid, 'multi');
    const primaryOverM = () => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'pk', szKey: ['+m'], grbit: JET_bitIndexPrimary }]);
    const keyMostTooSmall = () =>
      jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byV', szKey: ['+v'], grbit: JET_bitIndexKeyMost, cbKeyMost: 1 }]);
    // Under the caller's own context both are the definition's fault.
    expectJetError(primaryOverM, EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    expectJetError(keyMostTooSmall, EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    jet.JetSetSessionContext(sesid, 0x11n);
    jet.JetBeginTransaction(sesid);
    underContext(0x22n);
    expectJetError(keyMostTooSmall, EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    expectJetError(primaryOverM, EsentSessionSharingViolationError, -1910, 'JetCreateIndex2');
    underContext(0x11n);
    jet.JetRollback(sesid, 0);
    jet.JetResetSessionContext(sesid);
    jet.JetCloseTable(sesid, tableid);
  });
});

describe('JetSetColumn of a fixed column refused for its size (ESE fldmod.cxx ErrRECISetFixedColumn)', () => {
  it('has made room for the column first: the record holds it, with its default of the moment or null, and the fixed columns before it, so a default set later reaches none of them (extended generator seed 18410)', () => {
    const { sesid, dbid } = fixture;
    const seen: Record<string, unknown> = {};
    const read = (tableid: bigint, columnid: number) => {
      const value = jet.JetRetrieveColumn(sesid, tableid, columnid).value;
      return value === null ? null : decodeColumnValue(JET_coltypLong, value);
    };
    const cases: Array<[string, Array<number | null>, 'insert' | 'replace', number, Array<number | null>]> = [
      // [name, defaults of f1 and f2 at creation, the update, the column refused, defaults set after]
      ['the only column', [null], 'insert', 0, [1]],
      ['the first of two', [null, null], 'insert', 0, [1, 2]],
      ['after one with a default', [3, null], 'insert', 1, [4, 6]],
      ['past the last held, in a replace', [null, null], 'replace', 1, [null, 6]],
      ['nothing refused', [null, 5], 'insert', -1, [7, null]],
    ];
    for (const [name, created, update, refused, later] of cases) {
      const tableName = `fixedRoom${Object.keys(seen).length}`;
      const table = jet.JetCreateTableColumnIndex3(sesid, dbid, {
        szTableName: tableName,
        rgcolumncreate: created.map((value, i) => ({ szColumnName: `f${i + 1}`, coltyp: JET_coltypLong, pvDefault: value === null ? undefined : long(value) })),
      });
      const ids = table.columnids as number[];
      jet.JetPrepareUpdate(sesid, table.tableid, JET_prepInsert);
      if (update === 'replace') {
        jet.JetSetColumn(sesid, table.tableid, ids[0]!, long(9));
        jet.JetUpdate2(sesid, table.tableid);
        jet.JetMove(sesid, table.tableid, JET_MoveFirst);
        jet.JetPrepareUpdate(sesid, table.tableid, JET_prepReplace);
      }
      if (refused >= 0) {
        expectJetError(() => jet.JetSetColumn(sesid, table.tableid, ids[refused]!, Buffer.from([1, 1, 1])), EsentInvalidBufferSizeError, -1047, 'JetSetColumn');
      }
      jet.JetUpdate2(sesid, table.tableid);
      later.forEach((value, i) => {
        if (value !== null) jet.JetSetColumnDefaultValue(sesid, dbid, tableName, `f${i + 1}`, long(value));
      });
      jet.JetMove(sesid, table.tableid, JET_MoveFirst);
      seen[name] = ids.map((id) => read(table.tableid, id));
      jet.JetCloseTable(sesid, table.tableid);
    }
    expect(seen).toEqual({
      'the only column': [null],
      'the first of two': [null, 2],
      'after one with a default': [3, null],
      'past the last held, in a replace': [9, null],
      // Without a refusal: a column the insert's default record held without a default stays
      // null; one past it reads the default of the moment.
      'nothing refused': [null, 5],
    });
  });
});
