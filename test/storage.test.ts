// Database files: what survives a term, and what the engine refuses to read. A damaged or
// foreign file must be refused with a JET error, never read as garbage.
import { existsSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentCorruptionError,
  EsentDatabaseCorruptedError,
  EsentDatabaseDirtyShutdownError,
  EsentDirtyShutdownError,
  EsentError,
  EsentFileNotFoundError,
  EsentReadVerifyFailureError,
  EsentNoCurrentRecordError,
  JET_ColInfoList,
  JET_MoveFirst,
  JET_bitColumnEscrowUpdate,
  JET_bitColumnFixed,
  JET_bitEscrowNoRollback,
  JET_bitTermDirty,
  JET_coltypLong,
  JET_prepInsert,
  JET_wrnColumnNull,
  decodeColumnValue,
  encodeColumnValue,
  jet,
} from '../lib/index.js';
import { itOnEmulator } from './helpers/engine.js';
import { expectJetError } from './helpers/expect-jet-error.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

/** Creates a database with one table of `count` rows, committed, then terminates the instance. */
async function writeDatabase(path: string, count: number): Promise<void> {
  const instance = await pool.open();
  const sesid = jet.JetBeginSession(instance.handle);
  const dbid = jet.JetCreateDatabase2(sesid, path);
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: 'numbers',
    rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
    rgindexcreate: [{ szIndexName: 'primary', szKey: ['+n'], grbit: 0x2 }],
  });
  jet.JetBeginTransaction(sesid);
  for (let n = 0; n < count; n++) {
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, created.columnids[0]!, encodeColumnValue(JET_coltypLong, n));
    jet.JetUpdate2(sesid, created.tableid);
  }
  jet.JetCommitTransaction(sesid);
  jet.JetEndSession(sesid);
  await instance.close();
}

/**
 * Attaches `path` in a fresh instance (whose files are in `instanceDir` if given) and
 * returns the values of table `numbers`.
 */
async function readDatabase(path: string, instanceDir?: string): Promise<number[]> {
  const instance = await pool.open(instanceDir === undefined ? {} : { path: instanceDir });
  const sesid = jet.JetBeginSession(instance.handle);
  try {
    jet.JetAttachDatabase2(sesid, path);
    const dbid = jet.JetOpenDatabase(sesid, path);
    const tableid = jet.JetOpenTable(sesid, dbid, 'numbers');
    const columnid = jet.JetGetTableColumnInfo(sesid, tableid, 'n').columnid;
    const values: number[] = [];
    let more = true;
    try {
      jet.JetMove(sesid, tableid, -2147483648);
    } catch {
      more = false;
    }
    while (more) {
      const { value, err } = jet.JetRetrieveColumn(sesid, tableid, columnid);
      expect(err).not.toBe(JET_wrnColumnNull);
      values.push(decodeColumnValue(JET_coltypLong, value!) as number);
      try {
        jet.JetMove(sesid, tableid, 1);
      } catch {
        more = false;
      }
    }
    return values;
  } finally {
    jet.JetEndSession(sesid);
    await instance.close({ abrupt: true });
  }
}

async function attachError(path: string): Promise<unknown> {
  const instance = await pool.open();
  const sesid = jet.JetBeginSession(instance.handle);
  try {
    jet.JetAttachDatabase2(sesid, path);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    jet.JetEndSession(sesid);
    await instance.close({ abrupt: true });
  }
}

/** Ends `instance` dirty: no database image is written, only its log holds what changed. */
function termDirty(instance: { handle: bigint }): void {
  try {
    jet.JetTerm2(instance.handle, JET_bitTermDirty);
  } catch (error) {
    expect(error).toBeInstanceOf(EsentDirtyShutdownError);
  }
}

/** Runs `body` in a new instance on `instanceDir`, recovered from its log, with `path` attached and opened. */
async function afterRecovery(instanceDir: string, path: string, body: (session: bigint, dbid: number) => void): Promise<void> {
  const again = await pool.open({ path: instanceDir });
  const session = jet.JetBeginSession(again.handle);
  try {
    jet.JetAttachDatabase2(session, path);
    body(session, jet.JetOpenDatabase(session, path));
  } finally {
    jet.JetEndSession(session);
    await again.close({ abrupt: true });
  }
}

describe('database files', () => {
  it('survive JetTerm and are read back by a new instance', async () => {
    const path = join(tempDir(), 'kept.edb');
    await writeDatabase(path, 50);
    expect(await readDatabase(path)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  });

  it('a table with no columns, alone in its database, is read back: the smallest table a file holds', async () => {
    const path = join(tempDir(), 'bare.edb');
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    const dbid = jet.JetCreateDatabase2(sesid, path);
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 't', 0, 0));
    jet.JetCloseDatabase(sesid, dbid, 0);
    jet.JetDetachDatabase2(sesid, path);
    expect(jet.JetAttachDatabase2(sesid, path)).toBe(0);
    const reopened = jet.JetOpenDatabase(sesid, path);
    const tableid = jet.JetOpenTable(sesid, reopened, 't');
    expect(jet.JetGetTableColumnInfo(sesid, tableid, null, JET_ColInfoList)).toEqual([]);
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveFirst), EsentNoCurrentRecordError, -1603, 'JetMove');
    jet.JetCloseTable(sesid, tableid);
    jet.JetEndSession(sesid);
  });

  it('a missing file is JET_errFileNotFound', async () => {
    expect(await attachError(join(tempDir(), 'absent.edb'))).toBeInstanceOf(EsentFileNotFoundError);
  });

  // ESE looks the file up first (ErrUtilPathComplete with the path required to exist), and its
  // file find reports a missing folder as it does a missing file (osfs.cxx COSFileFind::ErrInit).
  it('a file in a missing folder is JET_errFileNotFound too, one folder or several down, or under a file', async () => {
    const dir = tempDir();
    const plainFile = join(dir, 'plain.txt');
    writeFileSync(plainFile, 'not a folder\n');
    for (const path of [join(dir, 'absent', 'db.edb'), join(dir, 'a', 'b', 'c', 'db.edb'), join(plainFile, 'db.edb')]) {
      const error = await attachError(path);
      expect(error).toBeInstanceOf(EsentFileNotFoundError);
      expect(error).toMatchObject({ operation: 'JetAttachDatabase2', errno: -1811 });
      expect(existsSync(join(dir, 'absent'))).toBe(false);
    }
  });

  itOnEmulator('a file that is not a database is refused as corrupted', "the emulator's own file format", async () => {
    const path = join(tempDir(), 'foreign.edb');
    writeFileSync(path, 'this is a text file, not a database\n'.repeat(100));
    const error = await attachError(path);
    expect(error).toBeInstanceOf(EsentDatabaseCorruptedError);
    expect(error).toMatchObject({ operation: 'JetAttachDatabase2', errno: -1206 });
    writeFileSync(path, Buffer.alloc(0));
    expect(await attachError(path)).toBeInstanceOf(EsentDatabaseCorruptedError);
  });

  itOnEmulator('a torn file (cut short) fails verification', "the emulator's own file format", async () => {
    const path = join(tempDir(), 'torn.edb');
    await writeDatabase(path, 200);
    const size = readFileSync(path).length;
    truncateSync(path, Math.floor(size / 2));
    const error = await attachError(path);
    expect(error).toBeInstanceOf(EsentCorruptionError);
    expect(error).toBeInstanceOf(EsentReadVerifyFailureError);
  });

  itOnEmulator('a flipped byte in the data fails verification', "the emulator's own file format", async () => {
    const path = join(tempDir(), 'flipped.edb');
    await writeDatabase(path, 200);
    const bytes = readFileSync(path);
    const at = bytes.length - 17;
    bytes[at] = bytes[at]! ^ 0x40;
    writeFileSync(path, bytes);
    expect(await attachError(path)).toBeInstanceOf(EsentReadVerifyFailureError);
  });

  it('an uncommitted transaction never reaches the file', async () => {
    const path = join(tempDir(), 'partial.edb');
    await writeDatabase(path, 3);
    const instanceDir = tempDir();
    const instance = await pool.open({ path: instanceDir });
    const sesid = jet.JetBeginSession(instance.handle);
    jet.JetAttachDatabase2(sesid, path);
    const dbid = jet.JetOpenDatabase(sesid, path);
    const tableid = jet.JetOpenTable(sesid, dbid, 'numbers');
    const columnid = jet.JetGetTableColumnInfo(sesid, tableid, 'n').columnid;
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, columnid, encodeColumnValue(JET_coltypLong, 99));
    jet.JetUpdate2(sesid, tableid);
    // Terminated dirty (the only term that goes past an open transaction): it rolls back.
    expect(() => jet.JetTerm2(instance.handle, JET_bitTermDirty)).toThrow(EsentDirtyShutdownError);
    // Left dirty: no other log can vouch for it, the instance's own log recovers it.
    expect(await attachError(path)).toBeInstanceOf(EsentDatabaseDirtyShutdownError);
    expect(await readDatabase(path, instanceDir)).toEqual([0, 1, 2]);
  });

  it('a JET_bitEscrowNoRollback delta is recovered from the log though its transaction rolled back, once a durable commit has flushed the log past it (bt.cxx ErrBTDelta logs it with no version)', async () => {
    const path = join(tempDir(), 'escrow.edb');
    const instanceDir = tempDir();
    const instance = await pool.open({ path: instanceDir });
    const sesid = jet.JetBeginSession(instance.handle);
    const dbid = jet.JetCreateDatabase2(sesid, path);
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'counters',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong },
        { szColumnName: 'hits', coltyp: JET_coltypLong, grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate, pvDefault: encodeColumnValue(JET_coltypLong, 10) },
      ],
      rgindexcreate: [{ szIndexName: 'primary', szKey: ['+id'], grbit: 0x2 }],
    });
    const [id, hits] = created.columnids as [number, number];
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, id, encodeColumnValue(JET_coltypLong, 1));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetCommitTransaction(sesid);
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetEscrowUpdate(sesid, created.tableid, hits, 5, JET_bitEscrowNoRollback)).toBe(10);
    expect(jet.JetEscrowUpdate(sesid, created.tableid, hits, 100)).toBe(15);
    jet.JetRollback(sesid, 0);
    // A durable commit after it: the log is on disk up to here.
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, id, encodeColumnValue(JET_coltypLong, 2));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetCommitTransaction(sesid);
    termDirty(instance);
    await afterRecovery(instanceDir, path, (session, dbid) => {
      const table = jet.JetOpenTable(session, dbid, 'counters');
      jet.JetMove(session, table, JET_MoveFirst);
      expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(session, table, hits).value!)).toBe(15);
    });
  });

  it('schema changes outside a transaction (rename, default value, new index) are recovered from the log', async () => {
    const path = join(tempDir(), 'renamed.edb');
    await writeDatabase(path, 3);
    const instanceDir = tempDir();
    const instance = await pool.open({ path: instanceDir });
    const sesid = jet.JetBeginSession(instance.handle);
    jet.JetAttachDatabase2(sesid, path);
    const dbid = jet.JetOpenDatabase(sesid, path);
    jet.JetRenameTable(sesid, dbid, 'numbers', 'values');
    const tableid = jet.JetOpenTable(sesid, dbid, 'values');
    jet.JetAddColumn(sesid, tableid, 'extra', { coltyp: JET_coltypLong });
    jet.JetSetColumnDefaultValue(sesid, dbid, 'values', 'extra', encodeColumnValue(JET_coltypLong, 5));
    jet.JetRenameColumn(sesid, tableid, 'n', 'v');
    jet.JetCreateIndex4(sesid, tableid, [{ szIndexName: 'byExtra', szKey: ['+extra'] }]);
    termDirty(instance);
    await afterRecovery(instanceDir, path, (session, db) => {
      expect(() => jet.JetOpenTable(session, db, 'numbers')).toThrow(EsentError);
      const table = jet.JetOpenTable(session, db, 'values');
      const v = jet.JetGetTableColumnInfo(session, table, 'v').columnid;
      const extra = jet.JetGetTableColumnInfo(session, table, 'extra').columnid;
      jet.JetSetCurrentIndex4(session, table, 'byExtra');
      jet.JetBeginTransaction(session);
      jet.JetPrepareUpdate(session, table, JET_prepInsert);
      jet.JetSetColumn(session, table, v, encodeColumnValue(JET_coltypLong, 10));
      jet.JetUpdate2(session, table);
      jet.JetCommitTransaction(session);
      jet.JetSetCurrentIndex4(session, table, 'primary');
      jet.JetMakeKey(session, table, encodeColumnValue(JET_coltypLong, 10), 0x1);
      jet.JetSeek(session, table, 0x1);
      expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(session, table, extra).value!)).toBe(5);
    });
  });
});
