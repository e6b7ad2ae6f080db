// The raw schema-change and catalog-listing calls: JetCreateIndex4, JetRenameTable,
// JetRenameColumn, JetSetColumnDefaultValue, JetGetObjectInfo, the list levels of
// JetGetTableColumnInfo / JetGetTableIndexInfo, JetGetDatabaseInfo, JetGotoPosition and
// JetGetLock, with their failure cases. They run on the loaded engine.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  EsentBufferTooSmallError,
  EsentCannotDeleteSystemTableError,
  EsentFixedDDLError,
  EsentTableDuplicateError,
  EsentTableLockedError,
  EsentNullKeyDisallowedError,
  JET_bitIndexDisallowNull,
  JET_sesparamTransactionLevel,
  EsentEngineFormatVersionParamTooLowForRequestedFeatureError,
  EsentColumnInUseError,
  EsentColumnNotFoundError,
  EsentIndexInvalidDefError,
  EsentIndexNotFoundError,
  EsentInTransactionError,
  EsentInvalidDatabaseIdError,
  EsentInvalidGrbitError,
  EsentInvalidLanguageIdError,
  EsentInvalidLCMapStringFlagsError,
  EsentInvalidNameError,
  EsentInvalidParameterError,
  EsentInvalidBufferSizeError,
  EsentKeyDuplicateError,
  EsentNoCurrentRecordError,
  EsentNotInTransactionError,
  EsentNullInvalidError,
  EsentObjectNotFoundError,
  EsentPermissionDeniedError,
  EsentTransReadOnlyError,
  EsentRecordNotFoundError,
  EsentWriteConflictError,
  JET_bitTableDenyRead,
  EsentExclusiveTableLockRequiredError,
  JET_ColInfoList,
  JET_ColInfoBase,
  JET_TblInfoName,
  JET_ColInfoListSortColumnid,
  JET_DbInfoFilename,
  JET_DbInfoPageSize,
  JET_IdxInfo,
  JET_IdxInfoLCID,
  JET_IdxInfoList,
  JET_MoveFirst,
  JET_MoveLast,
  JET_MoveNext,
  JET_ObjInfo,
  JET_ObjInfoList,
  JET_ObjInfoListNoStats,
  JET_ObjInfoNoStats,
  JET_bitIndexIgnoreNull,
  JET_bitIndexPrimary,
  JET_bitIndexUnique,
  JET_bitIndexUnicode,
  JET_bitObjectSystem,
  JET_bitReadLock,
  JET_bitTableReadOnly,
  JET_bitTransactionReadOnly,
  JET_bitWriteLock,
  JET_coltypBinary,
  JET_coltypLong,
  JET_efvExchange2016Cu1Rtm,
  JET_efvUseEngineDefault,
  JET_paramEngineFormatVersion,
  JET_coltypText,
  JET_objtypNil,
  JET_objtypTable,
  JET_prepInsert,
  JET_prepReplace,
  JET_bitColumnTagged,
  jet,
} from '../lib/index.js';
import { decodeColumnValue, encodeColumnValue } from '../lib/column-values.js';
import { expectJetError } from './helpers/expect-jet-error.js';
import { initRawInstance, tempDir } from './helpers/instances.js';

const long = (n: number) => encodeColumnValue(JET_coltypLong, n);

let dir: string;
let instance: bigint;
let sesid: bigint;
let dbid: number;
let dbPath: string;

beforeEach(() => {
  dir = tempDir();
  // The engine's newest format, for LCMAP_UPPERCASE (JET_efvUppercaseTextNormalization): ESE
  // built as ESENT starts an instance at an older one until Windows' downgrade window has
  // passed (jetapi.cxx, ErrUtilOsDowngradeWindowExpired).
  instance = initRawInstance(dir, 'schema', [[JET_paramEngineFormatVersion, JET_efvUseEngineDefault]]);
  sesid = jet.JetBeginSession(instance);
  dbPath = join(dir, 'schema.edb');
  dbid = jet.JetCreateDatabase2(sesid, dbPath);
});

afterEach(() => {
  try {
    jet.JetTerm2(instance, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Table `name` with id (Long, primary) and n (Long); rows of ids 1..count with n = 10*id. */
function makeTable(name: string, count = 0): { tableid: bigint; id: number; n: number } {
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: name,
    rgcolumncreate: [
      { szColumnName: 'id', coltyp: JET_coltypLong },
      { szColumnName: 'n', coltyp: JET_coltypLong },
    ],
    rgindexcreate: [{ szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary }],
  });
  const [id, n] = created.columnids as number[];
  for (let i = 1; i <= count; i++) {
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, id!, long(i));
    jet.JetSetColumn(sesid, created.tableid, n!, long(10 * i));
    jet.JetUpdate2(sesid, created.tableid);
  }
  return { tableid: created.tableid, id: id!, n: n! };
}

const readLong = (tableid: bigint, columnid: number) =>
  decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value);

describe('JetGetObjectInfo', () => {
  it('lists every table by name (no system tables reach callers that filter JET_bitObjectSystem)', () => {
    makeTable('zeta', 2);
    makeTable('Alpha');
    const listed = jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, null, JET_ObjInfoList);
    const user = listed.filter((o) => (o.flags & JET_bitObjectSystem) === 0);
    expect(user.map((o) => o.szObjectName)).toEqual(['Alpha', 'zeta']);
    // The counts are the statistics the catalog keeps (stats.cxx ErrSTATSRetrieveTableStats),
    // which only JetComputeStats sets: none yet.
    expect(user.find((o) => o.szObjectName === 'zeta')).toMatchObject({ objtyp: JET_objtypTable, cRecord: 0, cPage: 0 });
    const noStats = jet.JetGetObjectInfo(sesid, dbid, JET_objtypNil, 'Tables', null, JET_ObjInfoListNoStats);
    expect(noStats.filter((o) => (o.flags & JET_bitObjectSystem) === 0).map((o) => o.szObjectName)).toEqual(['Alpha', 'zeta']);
  });

  it("lists the engine's own tables too, with their flags; their names are taken, the catalog's tables cannot be deleted or renamed, MSysLocales can be deleted (cat.cxx, db.cxx, fcreate.cxx ErrIsamDeleteTable, fileopen.cxx ErrFILEIOpenTable, cat.cxx ErrCATRenameTable)", () => {
    makeTable('u');
    const system = JET_bitObjectSystem >>> 0;
    const fixedDdl = 0x40000000;
    const dynamic = 0x08000000;
    const listed = () => jet.JetGetObjectInfo(sesid, dbid, JET_objtypNil, null, null, JET_ObjInfoList).map((o) => [o.szObjectName, o.flags >>> 0]);
    expect(listed()).toEqual([
      ['MSysLocales', (system | dynamic) >>> 0],
      ['MSysObjects', (system | fixedDdl) >>> 0],
      ['MSysObjectsShadow', (system | fixedDdl) >>> 0],
      ['MSysObjids', (system | fixedDdl | dynamic) >>> 0],
      ['u', 0],
    ]);
    expect(jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'msysobjects', JET_ObjInfo)).toMatchObject({ objtyp: JET_objtypTable, flags: (system | fixedDdl) >>> 0 });
    for (const name of ['MSysObjects', 'MSysObjids', 'msyslocales']) {
      expectJetError(() => jet.JetCreateTable(sesid, dbid, name), EsentTableDuplicateError, -1303, 'JetCreateTable');
    }
    expectJetError(() => jet.JetRenameTable(sesid, dbid, 'u', 'MSysObjids'), EsentKeyDuplicateError, -1605, 'JetRenameTable');
    for (const name of ['MSysObjects', 'MSysObjectsShadow', 'MSysObjids']) {
      expectJetError(() => jet.JetDeleteTable(sesid, dbid, name), EsentCannotDeleteSystemTableError, -1318, 'JetDeleteTable');
      expectJetError(() => jet.JetRenameTable(sesid, dbid, name, 'Zed'), EsentFixedDDLError, -1323, 'JetRenameTable');
    }
    // MSysObjids is refused before the transaction is looked at.
    jet.JetBeginTransaction(sesid, JET_bitTransactionReadOnly);
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'MSysObjids'), EsentCannotDeleteSystemTableError, -1318, 'JetDeleteTable');
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'MSysObjects'), EsentTransReadOnlyError, -1110, 'JetDeleteTable');
    jet.JetRollback(sesid);
    // Deleted in a transaction, MSysLocales comes back with its rollback.
    jet.JetBeginTransaction(sesid);
    expect(jet.JetDeleteTable(sesid, dbid, 'MSysLocales')).toBe(0);
    expect(listed().map(([name]) => name)).not.toContain('MSysLocales');
    jet.JetRollback(sesid);
    expect(listed().map(([name]) => name)).toContain('MSysLocales');
    expect(jet.JetDeleteTable(sesid, dbid, 'MSysLocales')).toBe(0);
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'MSysLocales', JET_ObjInfo), EsentObjectNotFoundError, -1305, 'JetGetObjectInfo');
    const made = jet.JetCreateTable(sesid, dbid, 'MSysLocales');
    jet.JetCloseTable(sesid, made);
    expect(listed().find(([name]) => name === 'MSysLocales')).toEqual(['MSysLocales', 0]);
  });

  it("reads a table's statistics through a read-only open, which another session's deny-read cursor locks; a table another session's open transaction made is not found (info.cxx ErrInfoGetObjectInfo, ErrInfoGetObjectInfoList; stats.cxx ErrSTATSRetrieveTableStats)", () => {
    jet.JetCloseTable(sesid, makeTable('t').tableid);
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, dbPath);
    const locked = jet.JetOpenTable(other, otherDb, 't', JET_bitTableDenyRead);
    jet.JetBeginTransaction(other);
    const fresh = jet.JetCreateTable(other, otherDb, 'fresh');
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 't', JET_ObjInfo), EsentTableLockedError, -1302, 'JetGetObjectInfo');
    expect(jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 't', JET_ObjInfoNoStats)).toMatchObject({ objtyp: JET_objtypTable, flags: 0 });
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypNil, null, null, JET_ObjInfoList), EsentTableLockedError, -1302, 'JetGetObjectInfo');
    const names = () => jet.JetGetObjectInfo(sesid, dbid, JET_objtypNil, null, null, JET_ObjInfoListNoStats).map((o) => o.szObjectName);
    expect(names()).toEqual(['MSysLocales', 'MSysObjects', 'MSysObjectsShadow', 'MSysObjids', 't']);
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'fresh', JET_ObjInfoNoStats), EsentObjectNotFoundError, -1305, 'JetGetObjectInfo');
    // The session's own cursors lock nothing for it.
    expect(jet.JetGetObjectInfo(other, otherDb, JET_objtypTable, null, 't', JET_ObjInfo)).toMatchObject({ cRecord: 0 });
    jet.JetCloseTable(other, fresh);
    jet.JetCommitTransaction(other, 0);
    jet.JetCloseTable(other, locked);
    expect(names()).toEqual(['fresh', 'MSysLocales', 'MSysObjects', 'MSysObjectsShadow', 'MSysObjids', 't']);
    expect(jet.JetGetObjectInfo(sesid, dbid, JET_objtypNil, null, null, JET_ObjInfoList)).toHaveLength(6);
    jet.JetEndSession(other, 0);
  });

  it("a rename is the catalog's versioned change: other sessions find the table by its name before until it commits, and so does a transaction that began before the commit (cat.cxx ErrCATRenameTable)", () => {
    jet.JetCloseTable(sesid, makeTable('t').tableid);
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, dbPath);
    const names = (s: bigint, d: number) => jet.JetGetObjectInfo(s, d, JET_objtypTable, null, null, JET_ObjInfoListNoStats).map((o) => o.szObjectName).filter((n) => !n.startsWith('MSys'));
    jet.JetBeginTransaction(other);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetRenameTable(sesid, dbid, 't', 'u')).toBe(0);
    expect(names(sesid, dbid)).toEqual(['u']);
    expect(names(other, otherDb)).toEqual(['t']);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 't'));
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'u'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    expectJetError(() => jet.JetGetObjectInfo(other, otherDb, JET_objtypTable, null, 'u', JET_ObjInfoNoStats), EsentObjectNotFoundError, -1305, 'JetGetObjectInfo');
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 't'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    jet.JetCommitTransaction(sesid, 0);
    // The other session's transaction began before the commit.
    expect(names(other, otherDb)).toEqual(['t']);
    jet.JetCommitTransaction(other, 0);
    expect(names(other, otherDb)).toEqual(['u']);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'u'));
    // Rolled back, the rename leaves the catalog's name as it was, but not the name in the
    // table's in-memory description, which the rename changed at once for every session
    // (fcreate.cxx ErrIsamRenameTable: "instantly visible in the TDB, but versioned in the
    // catalog"; differential seed 125 of the extended generator).
    const cursor = jet.JetOpenTable(other, otherDb, 'u');
    jet.JetBeginTransaction(sesid);
    expect(jet.JetRenameTable(sesid, dbid, 'u', 'v')).toBe(0);
    expect(jet.JetGetTableInfo(other, cursor, JET_TblInfoName)).toBe('v');
    jet.JetRollback(sesid, 0);
    expect(names(other, otherDb)).toEqual(['u']);
    expect(names(sesid, dbid)).toEqual(['u']);
    expect(jet.JetGetTableInfo(other, cursor, JET_TblInfoName)).toBe('v');
    expect(jet.JetGetTableColumnInfo(other, cursor, 'n', JET_ColInfoBase)).toMatchObject({ szBaseTableName: 'v' });
    jet.JetCloseTable(other, cursor);
    jet.JetEndSession(other, 0);
  });

  it("a delete is versioned too: until it commits, and for a transaction that began before, other sessions find the table, held by its deleter, while the deleter may use the name again (fcreate.cxx ErrFILEDeleteTable, fileopen.cxx ErrFILEIOpenTable)", () => {
    jet.JetCloseTable(sesid, makeTable('a').tableid);
    jet.JetCloseTable(sesid, makeTable('b').tableid);
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, dbPath);
    const older = jet.JetBeginSession(instance);
    const olderDb = jet.JetOpenDatabase(older, dbPath);
    const names = (s: bigint, d: number) => jet.JetGetObjectInfo(s, d, JET_objtypTable, null, null, JET_ObjInfoListNoStats).map((o) => o.szObjectName).filter((n) => !n.startsWith('MSys'));
    jet.JetBeginTransaction(older);
    jet.JetBeginTransaction(sesid);
    expect(jet.JetDeleteTable(sesid, dbid, 'a')).toBe(0);
    expect(names(sesid, dbid)).toEqual(['b']);
    expect(names(other, otherDb)).toEqual(['a', 'b']);
    expect(jet.JetGetObjectInfo(other, otherDb, JET_objtypTable, null, 'a', JET_ObjInfoNoStats)).toMatchObject({ objtyp: JET_objtypTable });
    expectJetError(() => jet.JetGetObjectInfo(other, otherDb, JET_objtypTable, null, 'a', JET_ObjInfo), EsentTableLockedError, -1302, 'JetGetObjectInfo');
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'a'), EsentTableLockedError, -1302, 'JetOpenTable');
    expectJetError(() => jet.JetDeleteTable(other, otherDb, 'a'), EsentTableLockedError, -1302, 'JetDeleteTable');
    expectJetError(() => jet.JetSetColumnDefaultValue(other, otherDb, 'a', 'n', long(1)), EsentTableLockedError, -1302, 'JetSetColumnDefaultValue');
    expectJetError(() => jet.JetCreateTable(other, otherDb, 'a'), EsentTableDuplicateError, -1303, 'JetCreateTable');
    expectJetError(() => jet.JetRenameTable(other, otherDb, 'a', 'z'), EsentWriteConflictError, -1102, 'JetRenameTable');
    expectJetError(() => jet.JetRenameTable(other, otherDb, 'b', 'a'), EsentKeyDuplicateError, -1605, 'JetRenameTable');
    // The deleter makes a new table of that name; the others still find the old one.
    jet.JetCloseTable(sesid, jet.JetCreateTable(sesid, dbid, 'a'));
    expectJetError(() => jet.JetOpenTable(other, otherDb, 'a'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCommitTransaction(sesid, 0);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'a'));
    // The older transaction still finds the deleted table.
    expectJetError(() => jet.JetOpenTable(older, olderDb, 'a'), EsentTableLockedError, -1302, 'JetOpenTable');
    jet.JetCommitTransaction(older, 0);
    jet.JetCloseTable(older, jet.JetOpenTable(older, olderDb, 'a'));
    // Rolled back, a delete leaves the table as it was.
    jet.JetBeginTransaction(sesid);
    expect(jet.JetDeleteTable(sesid, dbid, 'b')).toBe(0);
    jet.JetRollback(sesid, 0);
    expect(names(other, otherDb)).toEqual(['a', 'b']);
    jet.JetCloseTable(other, jet.JetOpenTable(other, otherDb, 'b'));
    jet.JetEndSession(other, 0);
    jet.JetEndSession(older, 0);
  });

  it('describes one table; unknown table or container: ObjectNotFound; bad names and dbids fail', () => {
    makeTable('t', 3);
    expect(jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 't', JET_ObjInfo)).toMatchObject({
      objtyp: JET_objtypTable,
      cRecord: 0,
      cPage: 0,
    });
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'nope', JET_ObjInfo), EsentObjectNotFoundError, -1305, 'JetGetObjectInfo');
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, 'Queries', null, JET_ObjInfoList), EsentObjectNotFoundError, -1305, 'JetGetObjectInfo');
    expectJetError(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, 'a.b', JET_ObjInfo), EsentInvalidNameError, -1002, 'JetGetObjectInfo');
    expectJetError(() => jet.JetGetObjectInfo(sesid, 999, JET_objtypTable, null, null, JET_ObjInfoList), EsentInvalidDatabaseIdError, -1010, 'JetGetObjectInfo');
    expect(() => jet.JetGetObjectInfo(sesid, dbid, JET_objtypTable, null, null, 3)).toThrow(RangeError);
  });
});

describe('JetGetTableColumnInfo and JetGetTableIndexInfo list levels', () => {
  it('list every column with its definition and default, by name or by column id', () => {
    const { tableid } = makeTable('t');
    jet.JetAddColumn(sesid, tableid, 'label', { coltyp: JET_coltypText, cbMax: 20 }, Buffer.from('x'));
    const byName = jet.JetGetTableColumnInfo(sesid, tableid, null, JET_ColInfoList);
    expect(byName.map((c) => c.szColumnName)).toEqual(['id', 'label', 'n']);
    expect(byName.find((c) => c.szColumnName === 'label')).toMatchObject({ coltyp: JET_coltypText, cbMax: 20 });
    expect(byName.find((c) => c.szColumnName === 'label')!.pvDefault).toEqual(Buffer.from('x'));
    expect(byName.find((c) => c.szColumnName === 'id')!.pvDefault).toBeNull();
    const byId = jet.JetGetTableColumnInfo(sesid, tableid, null, JET_ColInfoListSortColumnid);
    expect(byId.map((c) => c.columnid)).toEqual([...byId.map((c) => c.columnid)].sort((a, b) => a - b));
  });

  it('list indexes with their key columns in order; a named one alone; an unknown name: IndexNotFound', () => {
    const { tableid } = makeTable('t');
    jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'byN', szKey: ['-n', '+id'] }]);
    const all = jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList);
    expect(all.map((i) => i.szIndexName)).toEqual(['byN', 'pk']);
    expect(all[0]!.columns.map((c) => [c.szColumnName, c.grbitColumn])).toEqual([
      ['n', 1],
      ['id', 0],
    ]);
    expect(all[1]!.grbitIndex & JET_bitIndexPrimary).toBe(JET_bitIndexPrimary);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, 'pk', JET_IdxInfo).map((i) => i.szIndexName)).toEqual(['pk']);
    expectJetError(() => jet.JetGetTableIndexInfo(sesid, tableid, 'nope', JET_IdxInfo), EsentIndexNotFoundError, -1404, 'JetGetTableIndexInfo');
  });
});

describe('JetCreateIndex4', () => {
  it('indexes the rows already there; a unique index over duplicates fails and leaves nothing behind', () => {
    const { tableid, n } = makeTable('t', 3);
    expect(jet.JetCreateIndex4(sesid, tableid, [{ szIndexName: 'byN', szKey: ['-n'] }])).toBe(0);
    jet.JetSetCurrentIndex4(sesid, tableid, 'byN');
    expect(readLong(tableid, n)).toBe(30);
    // Make a duplicate n, then a unique index over n cannot be built.
    jet.JetSetCurrentIndex4(sesid, tableid, null);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    jet.JetPrepareUpdate(sesid, tableid, 2);
    jet.JetSetColumn(sesid, tableid, n, long(20));
    jet.JetUpdate2(sesid, tableid);
    const entries = [{ szIndexName: 'uniqueN', szKey: ['+n'], grbit: JET_bitIndexUnique }];
    expectJetError(() => jet.JetCreateIndex4(sesid, tableid, entries), EsentKeyDuplicateError, -1605, 'JetCreateIndex4');
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['byN', 'pk']);
  });

  // JET_INDEXCREATE3_W: jetapi.cxx CAutoIDXCREATE3::ErrSet, fcreate.cxx
  // ErrIDXCheckUnicodeFlagAndDefn and ErrFILEIValidateCreateIndex, os/norm.cxx
  // ErrNORMCheckLocaleName and ErrNORMCheckLCMapFlags.
  it('takes a JET_UNICODEINDEX2: a locale name and map flags, stored with LCMAP_SORTKEY added', () => {
    const { tableid } = makeTable('u', 1);
    // The catalog keeps map flags for an index over Unicode text only (cat.cxx ErrCATIInitIDB).
    jet.JetAddColumn(sesid, tableid, 'name', { coltyp: JET_coltypText, cp: 1200 });
    const entries = [
      { szIndexName: 'fr', szKey: ['+name'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName: 'fr-fr', dwMapFlags: 0x1 } },
    ];
    expect(jet.JetCreateIndex4(sesid, tableid, entries)).toBe(0);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, 'fr', JET_IdxInfoLCID)).toBe(0x040c);
    const listed = jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList);
    expect(listed.find((i) => i.szIndexName === 'fr')!.LCMapFlags).toBe(0x401);
    // No flags: the engine's default; a null locale name: the invariant locale.
    jet.JetCreateIndex4(sesid, tableid, [
      { szIndexName: 'inv', szKey: ['+name'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName: null } },
    ]);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, 'inv', JET_IdxInfoLCID)).toBe(0x7f);
    const inv = jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).find((i) => i.szIndexName === 'inv');
    expect(inv!.LCMapFlags).toBe(0x30401);
    // LCMAP_UPPERCASE alone is kept as it is.
    jet.JetCreateIndex4(sesid, tableid, [
      { szIndexName: 'upper', szKey: ['+name'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName: 'en-US', dwMapFlags: 0x200 } },
    ]);
    const upper = jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).find((i) => i.szIndexName === 'upper');
    expect(upper!.LCMapFlags).toBe(0x200);
    // The primary index, over a number, keeps no map flags.
    const flags = Object.fromEntries(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => [i.szIndexName, i.LCMapFlags]));
    expect(flags).toEqual({ fr: 0x401, inv: 0x30401, upper: 0x200, pk: 0 });
  });

  it('refuses LCMAP_UPPERCASE below JET_efvUppercaseTextNormalization: EngineFormatVersionParamTooLowForRequestedFeature', () => {
    const olderDir = tempDir();
    const older = initRawInstance(olderDir, 'schema-efv', [[JET_paramEngineFormatVersion, JET_efvExchange2016Cu1Rtm]]);
    try {
      expect(jet.JetGetSystemParameter(older, 0n, JET_paramEngineFormatVersion).lParam).toBe(BigInt(JET_efvExchange2016Cu1Rtm));
      const s = jet.JetBeginSession(older);
      const d = jet.JetCreateDatabase2(s, join(olderDir, 'older.edb'));
      const created = jet.JetCreateTableColumnIndex3(s, d, {
        szTableName: 'u',
        rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
      });
      const upper = [{ szIndexName: 'upper', szKey: ['+n'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName: 'en-US', dwMapFlags: 0x200 } }];
      expectJetError(() => jet.JetCreateIndex4(s, created.tableid, upper), EsentEngineFormatVersionParamTooLowForRequestedFeatureError, -621, 'JetCreateIndex4');
      // The sort-key flags need no format feature.
      expect(jet.JetCreateIndex4(s, created.tableid, [{ ...upper[0]!, szIndexName: 'sortKey', pidxunicode: { szLocaleName: 'en-US', dwMapFlags: 0x1 } }])).toBe(0);
    } finally {
      jet.JetTerm2(older, 0);
      rmSync(olderDir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown locale, map flags outside the sort-key flags and a locale name too long', () => {
    const { tableid } = makeTable('u', 1);
    const unicode = (pidxunicode: { szLocaleName?: string | null; dwMapFlags?: number }) => [
      { szIndexName: 'x', szKey: ['+n'], grbit: JET_bitIndexUnicode, pidxunicode },
    ];
    expectJetError(() => jet.JetCreateIndex4(sesid, tableid, unicode({ szLocaleName: 'xx-NOWHERE' })), EsentInvalidLanguageIdError, -1062, 'JetCreateIndex4');
    // LCMAP_LOWERCASE (0x100) is no sort-key flag; LCMAP_UPPERCASE with another flag is not alone.
    expectJetError(() => jet.JetCreateIndex4(sesid, tableid, unicode({ szLocaleName: 'en-US', dwMapFlags: 0x100 })), EsentInvalidLCMapStringFlagsError, -1064, 'JetCreateIndex4');
    expectJetError(() => jet.JetCreateIndex4(sesid, tableid, unicode({ szLocaleName: 'en-US', dwMapFlags: 0x201 })), EsentInvalidLCMapStringFlagsError, -1064, 'JetCreateIndex4');
    expectJetError(() => jet.JetCreateIndex4(sesid, tableid, unicode({ szLocaleName: 'e'.repeat(85) })), EsentBufferTooSmallError, -1038, 'JetCreateIndex4');
    // The locale is checked before the columns are looked up.
    const missingColumn = [{ szIndexName: 'x', szKey: ['+nope'], grbit: JET_bitIndexUnicode, pidxunicode: { szLocaleName: 'zz' } }];
    expectJetError(() => jet.JetCreateIndex4(sesid, tableid, missingColumn), EsentInvalidLanguageIdError, -1062, 'JetCreateIndex4');
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['pk']);
  });

  it('takes no lcid, and pidxunicode only with JET_bitIndexUnicode (the binding checks the pairing)', () => {
    const { tableid } = makeTable('u', 1);
    expect(() => jet.JetCreateIndex4(sesid, tableid, [{ szIndexName: 'byN', szKey: ['+n'], lcid: 1033 } as never])).toThrow(
      /pindexcreate\[0\]\.lcid' is not in JET_INDEXCREATE3_W/,
    );
    expect(() =>
      jet.JetCreateIndex4(sesid, tableid, [{ szIndexName: 'byN', szKey: ['+n'], pidxunicode: { szLocaleName: 'en-US' } }]),
    ).toThrow(/needs JET_bitIndexUnicode/);
    expect(() => jet.JetCreateIndex4(sesid, tableid, [{ szIndexName: 'byN', szKey: ['+n'], grbit: JET_bitIndexUnicode }])).toThrow(
      /without pidxunicode/,
    );
    expect(() =>
      jet.JetCreateIndex4(sesid, tableid, [
        { szIndexName: 'byN', szKey: ['+n'], grbit: JET_bitIndexUnicode, pidxunicode: { lcid: 1033 } as never },
      ]),
    ).toThrow(/JET_UNICODEINDEX2 takes szLocaleName/);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['pk']);
  });
});

describe('JetCreateIndex2: ESE\'s checks of an index definition', () => {
  // jetapi.cxx CAutoIDXCREATE2::ErrSet and CAutoINDEXCREATE2To3_T::ErrSet; fcreate.cxx
  // ErrIsamCreateIndex, ErrFILEIBatchCreateIndex and ErrFILEIValidateCreateIndex.
  it('turns an lcid into a locale: an unknown one is InvalidLanguageId; JET_UNICODEINDEX flags are checked', () => {
    const { tableid } = makeTable('t', 1);
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'x', szKey: ['+n'], lcid: 0x1234 }]), EsentInvalidLanguageIdError, -1062, 'JetCreateIndex2');
    expect(jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'de', szKey: ['+n'], lcid: 0x0407 }])).toBe(0);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, 'de', JET_IdxInfoLCID)).toBe(0x0407);
    const badFlags = [{ szIndexName: 'x', szKey: ['+n'], grbit: JET_bitIndexUnicode, pidxunicode: { lcid: 0x409, dwMapFlags: 0x100 } }];
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, badFlags), EsentInvalidLCMapStringFlagsError, -1064, 'JetCreateIndex2');
  });

  it('checks the key\'s form: a first segment without + or -, bytes after the end, 17 segments, cbVarSegMac', () => {
    const { tableid } = makeTable('t', 1);
    const one = (entry: Record<string, unknown>) => [{ szIndexName: 'x', szKey: ['+n'], ...entry }];
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, one({ szKey: 'n\0\0' })), EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    // A second segment may go without its sign.
    expect(jet.JetCreateIndex2(sesid, tableid, one({ szIndexName: 'two', szKey: '+n\0id\0\0' }))).toBe(0);
    // Bytes after the end that are not a LANGID (and a cbVarSegMac), each followed by two
    // NULs, the older form jetapi.cxx CAutoIDXCREATE2::ErrSet still reads.
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, one({ szKey: '+n\0\0xy\0\0' })), EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    const seventeen = Array.from({ length: 17 }, (_, i) => (i % 2 === 0 ? '+n' : '+id'));
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, one({ szKey: seventeen })), EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, one({ cbVarSegMac: 256 })), EsentIndexInvalidDefError, -1406, 'JetCreateIndex2');
    // A primary index with an ignore-null bit: InvalidGrbit, before the table is found not empty.
    const primaryIgnore = one({ grbit: JET_bitIndexPrimary | JET_bitIndexIgnoreNull });
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, primaryIgnore), EsentInvalidGrbitError, -900, 'JetCreateIndex2');
  });

  it('creates several indexes together or none; a primary index cannot be one of several; err is left as given (0)', () => {
    const { tableid } = makeTable('t', 2);
    const entries = [
      { szIndexName: 'a', szKey: ['+n'] },
      { szIndexName: 'b', szKey: ['+nope'] },
    ];
    const failed = expectJetError(() => jet.JetCreateIndex2(sesid, tableid, entries), EsentColumnNotFoundError, -1507, 'JetCreateIndex2');
    // The binding passes err as 0 and reads back what the engine left: ESE writes nothing there.
    expect((entries[1] as { err?: number }).err).toBe(0);
    expect((failed as { indexErrors?: number[] }).indexErrors).toEqual([0, 0]);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['pk']);
    const withPrimary = [
      { szIndexName: 'a', szKey: ['+n'] },
      { szIndexName: 'p', szKey: ['+n'], grbit: JET_bitIndexPrimary },
    ];
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, withPrimary), EsentInvalidGrbitError, -900, 'JetCreateIndex2');
    expect(jet.JetCreateIndex2(sesid, tableid, [{ szIndexName: 'a', szKey: ['+n'] }, { szIndexName: 'b', szKey: ['-n'] }])).toBe(0);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['a', 'b', 'pk']);
  });

  // fcreate.cxx ErrFILEIBatchCreateIndex: several indexes only outside a transaction, then only
  // on a table the session holds denying reads, both before the indexes' own checks.
  it('creates several indexes only at level 0 (JET_errInTransaction) and only through a table held with JET_bitTableDenyRead (JET_errExclusiveTableLockRequired)', () => {
    const created = makeTable('t', 2);
    const batch = (grbit = 0) => [
      { szIndexName: 'a', szKey: ['+n'] },
      { szIndexName: 'b', szKey: ['-n'], grbit },
    ];
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetCreateIndex2(sesid, created.tableid, batch(JET_bitIndexPrimary)), EsentInTransactionError, -1108, 'JetCreateIndex2');
    // One index alone is created in a transaction.
    expect(jet.JetCreateIndex2(sesid, created.tableid, [{ szIndexName: 'one', szKey: ['+n'] }])).toBe(0);
    jet.JetRollback(sesid, 0);
    jet.JetCloseTable(sesid, created.tableid);
    const plain = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetCreateIndex2(sesid, plain, batch(JET_bitIndexPrimary)), EsentExclusiveTableLockRequiredError, -1322, 'JetCreateIndex2');
    expectJetError(() => jet.JetCreateIndex2(sesid, plain, batch()), EsentExclusiveTableLockRequiredError, -1322, 'JetCreateIndex2');
    // The session's exclusive cursor is enough, whichever of its cursors asks.
    const exclusive = jet.JetOpenTable(sesid, dbid, 't', JET_bitTableDenyRead);
    expect(jet.JetCreateIndex2(sesid, plain, batch())).toBe(0);
    jet.JetCloseTable(sesid, exclusive);
    expect(jet.JetGetTableIndexInfo(sesid, plain, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['a', 'b', 'pk']);
  });

  // fcreate.cxx ErrFILEIBuildIndex reads every record, and
  // ErrFILEIAddSecondaryIndexEntriesForPrimaryKey refuses a null key segment in an index with
  // JET_bitIndexDisallowNull before the sort looks for duplicates; ErrFILEICreateIndex then
  // rolls its own transaction back.
  it('refuses JET_bitIndexDisallowNull over records with a null key column: NullKeyDisallowed, nothing left', () => {
    const { tableid, id, n } = makeTable('t', 2);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(3));
    jet.JetUpdate2(sesid, tableid);
    const disallow = (name: string, grbit = 0) => [{ szIndexName: name, szKey: ['+n'], grbit: JET_bitIndexDisallowNull | grbit }];
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, disallow('x')), EsentNullKeyDisallowedError, -1053, 'JetCreateIndex2');
    // A null comes before a duplicate: the duplicate n (10) is only found by the sort.
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    jet.JetMove(sesid, tableid, JET_MoveNext);
    jet.JetPrepareUpdate(sesid, tableid, 2);
    jet.JetSetColumn(sesid, tableid, n, long(10));
    jet.JetUpdate2(sesid, tableid);
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, disallow('x', JET_bitIndexUnique)), EsentNullKeyDisallowedError, -1053, 'JetCreateIndex2');
    // Inside a transaction: refused the same, and the caller's transaction goes on.
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetCreateIndex2(sesid, tableid, disallow('x')), EsentNullKeyDisallowedError, -1053, 'JetCreateIndex2');
    expect(jet.JetGetSessionParameter(sesid, JET_sesparamTransactionLevel)).toBe(1);
    jet.JetCommitTransaction(sesid);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoList).map((i) => i.szIndexName)).toEqual(['pk']);
    // Once no record has a null there, the index is built.
    jet.JetMove(sesid, tableid, JET_MoveLast);
    jet.JetPrepareUpdate(sesid, tableid, 2);
    jet.JetSetColumn(sesid, tableid, n, long(30));
    jet.JetUpdate2(sesid, tableid);
    expect(jet.JetCreateIndex2(sesid, tableid, disallow('x'))).toBe(0);
  });
});

describe('JetRenameTable and JetRenameColumn', () => {
  it('rename a table, with cursors open and inside a transaction that a rollback undoes', () => {
    const { tableid, n } = makeTable('old', 1);
    expect(jet.JetRenameTable(sesid, dbid, 'old', 'new')).toBe(0);
    expect(readLong(tableid, n)).toBe(10);
    const reopened = jet.JetOpenTable(sesid, dbid, 'NEW');
    expect(readLong(reopened, n)).toBe(10);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'old'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    jet.JetBeginTransaction(sesid);
    jet.JetRenameTable(sesid, dbid, 'new', 'newer');
    jet.JetRollback(sesid, 0);
    expect(jet.JetOpenTable(sesid, dbid, 'new')).toBeTypeOf('bigint');
  });

  it('refuse a missing table, a name in use, invalid names and a read-only transaction', () => {
    makeTable('a');
    makeTable('b');
    expectJetError(() => jet.JetRenameTable(sesid, dbid, 'nope', 'c'), EsentObjectNotFoundError, -1305, 'JetRenameTable');
    expectJetError(() => jet.JetRenameTable(sesid, dbid, 'a', 'B'), EsentKeyDuplicateError, -1605, 'JetRenameTable');
    expectJetError(() => jet.JetRenameTable(sesid, dbid, 'a', 'bad.name'), EsentInvalidNameError, -1002, 'JetRenameTable');
    jet.JetBeginTransaction2(sesid, JET_bitTransactionReadOnly);
    try {
      expectJetError(() => jet.JetRenameTable(sesid, dbid, 'a', 'c'), EsentTransReadOnlyError, -1110, 'JetRenameTable');
    } finally {
      jet.JetRollback(sesid, 0);
    }
  });

  it('rename a column outside a transaction only; missing column, name in use', () => {
    const { tableid, n } = makeTable('t', 1);
    expect(jet.JetRenameColumn(sesid, tableid, 'n', 'amount')).toBe(0);
    expect(jet.JetGetTableColumnInfo(sesid, tableid, 'amount').columnid).toBe(n);
    expectJetError(() => jet.JetGetTableColumnInfo(sesid, tableid, 'n'), EsentColumnNotFoundError, -1507, 'JetGetTableColumnInfo');
    expectJetError(() => jet.JetRenameColumn(sesid, tableid, 'nope', 'x'), EsentColumnNotFoundError, -1507, 'JetRenameColumn');
    expectJetError(() => jet.JetRenameColumn(sesid, tableid, 'amount', 'ID'), EsentKeyDuplicateError, -1605, 'JetRenameColumn');
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetRenameColumn(sesid, tableid, 'amount', 'n'), EsentInTransactionError, -1108, 'JetRenameColumn');
    jet.JetRollback(sesid, 0);
  });
});

describe('JetSetColumnDefaultValue', () => {
  it('gives rows inserted after it the new default; refuses no value, an indexed column, unknown names', () => {
    const { tableid, n } = makeTable('t');
    expect(jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'n', long(7))).toBe(0);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, 1, long(1));
    jet.JetUpdate2(sesid, tableid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(readLong(tableid, n)).toBe(7);
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'n', null), EsentNullInvalidError, -1504, 'JetSetColumnDefaultValue');
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'id', long(1)), EsentColumnInUseError, -1046, 'JetSetColumnDefaultValue');
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'nope', long(1)), EsentColumnNotFoundError, -1507, 'JetSetColumnDefaultValue');
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 'nope', 'n', long(1)), EsentObjectNotFoundError, -1305, 'JetSetColumnDefaultValue');
    // The value is set as JetSetColumn sets one (fldmod.cxx ErrRECSetDefaultValue): a Long needs 4 bytes.
    expectJetError(() => jet.JetSetColumnDefaultValue(sesid, dbid, 't', 'n', Buffer.alloc(2)), EsentInvalidBufferSizeError, -1047, 'JetSetColumnDefaultValue');
  });

  it("reaches the rows already there only in the columns they do not hold: a record holds every fixed and every variable column up to the last one set in it, null or not, and making room for a later one stores the defaults of the moment (fldmod.cxx ErrRECISetFixedColumn, CbBurstVarDefaults)", () => {
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'held',
      rgcolumncreate: [
        { szColumnName: 'f1', coltyp: JET_coltypLong },
        { szColumnName: 'f2', coltyp: JET_coltypLong },
        { szColumnName: 'f3', coltyp: JET_coltypLong },
        { szColumnName: 'v1', coltyp: JET_coltypBinary, cbMax: 10 },
        { szColumnName: 'v2', coltyp: JET_coltypBinary, cbMax: 10 },
        { szColumnName: 't1', coltyp: JET_coltypBinary, grbit: JET_bitColumnTagged },
      ],
    });
    const tableid = created.tableid;
    const [f1, f2, f3, v1, v2, t1] = created.columnids as number[];
    const read = (columnid: number) => jet.JetRetrieveColumn(sesid, tableid, columnid!).value;
    // The record holds f1 to f2 and v1, f2 set to null.
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, f2!, null);
    jet.JetSetColumn(sesid, tableid, v1!, Buffer.from('x'));
    jet.JetUpdate2(sesid, tableid);
    for (const column of ['f1', 'f2', 'f3']) jet.JetSetColumnDefaultValue(sesid, dbid, 'held', column, long(9));
    for (const column of ['v2', 't1']) jet.JetSetColumnDefaultValue(sesid, dbid, 'held', column, Buffer.from('D'));
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect([read(f1!), read(f2!), read(f3!)]).toEqual([null, null, long(9)]);
    expect([read(v1!), read(v2!), read(t1!)]).toEqual([Buffer.from('x'), Buffer.from('D'), Buffer.from('D')]);
    // Setting f3 makes room for it: the record now holds f3, and nothing more is read from the defaults.
    jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
    jet.JetSetColumn(sesid, tableid, f3!, long(3));
    jet.JetSetColumn(sesid, tableid, v2!, Buffer.from('y'));
    jet.JetUpdate2(sesid, tableid);
    jet.JetSetColumnDefaultValue(sesid, dbid, 'held', 'f1', long(8));
    expect([read(f1!), read(f2!), read(f3!), read(v2!)]).toEqual([null, null, long(3), Buffer.from('y')]);
    // A new record starts from the defaults of the moment: f1 to f3, v2.
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, f1!, long(1));
    const second = jet.JetUpdate2(sesid, tableid);
    jet.JetSetColumnDefaultValue(sesid, dbid, 'held', 'f2', long(7));
    jet.JetGotoBookmark(sesid, tableid, second);
    expect([read(f1!), read(f2!), read(f3!), read(v1!), read(v2!)]).toEqual([long(1), long(9), long(9), null, Buffer.from('D')]);
  });
});

describe('JetGetDatabaseInfo', () => {
  it('gives the file name and the page size; other levels and dbids fail', () => {
    expect(jet.JetGetDatabaseInfo(sesid, dbid, JET_DbInfoFilename)).toMatch(/schema\.edb$/i);
    expect(jet.JetGetDatabaseInfo(sesid, dbid, JET_DbInfoPageSize)).toBeGreaterThan(0);
    expectJetError(() => jet.JetGetDatabaseInfo(sesid, 999, JET_DbInfoFilename), EsentInvalidDatabaseIdError, -1010, 'JetGetDatabaseInfo');
  });
});

describe('JetGotoPosition', () => {
  it('goes to the entry at a fraction of the index; checks the fraction; an empty index: RecordNotFound', () => {
    const { tableid, id } = makeTable('t', 10);
    expect(jet.JetGotoPosition(sesid, tableid, { centriesLT: 5, centriesTotal: 10 })).toBe(0);
    expect(readLong(tableid, id)).toBe(6);
    expect(jet.JetGotoPosition(sesid, tableid, { centriesLT: 0, centriesTotal: 10 })).toBe(0);
    expect(readLong(tableid, id)).toBe(1);
    expectJetError(() => jet.JetGotoPosition(sesid, tableid, { centriesLT: 11, centriesTotal: 10 }), EsentInvalidParameterError, -1003, 'JetGotoPosition');
    const empty = makeTable('empty');
    expectJetError(() => jet.JetGotoPosition(sesid, empty.tableid, { centriesLT: 0, centriesTotal: 1 }), EsentRecordNotFoundError, -1601, 'JetGotoPosition');
    expectJetError(() => jet.JetRetrieveColumn(sesid, empty.tableid, empty.id), EsentNoCurrentRecordError, -1603, 'JetRetrieveColumn');
  });
});

describe('JetGetLock', () => {
  it('needs a transaction and one lock kind; a write lock makes another writer conflict', () => {
    // The cursor that created the table holds it exclusively (another session's JetOpenTable is
    // JET_errTableLocked on ESE's engine); a cursor opened again does not.
    jet.JetCloseTable(sesid, makeTable('t', 1).tableid);
    const tableid = jet.JetOpenTable(sesid, dbid, 't');
    expectJetError(() => jet.JetGetLock(sesid, tableid, JET_bitWriteLock), EsentNotInTransactionError, -1054, 'JetGetLock');
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetGetLock(sesid, tableid, JET_bitWriteLock | JET_bitReadLock), EsentInvalidGrbitError, -900, 'JetGetLock');
    expect(jet.JetGetLock(sesid, tableid, JET_bitWriteLock)).toBe(0);
    const other = jet.JetBeginSession(instance);
    const otherDb = jet.JetOpenDatabase(other, dbPath);
    const otherTable = jet.JetOpenTable(other, otherDb, 't');
    jet.JetBeginTransaction(other);
    expectJetError(() => jet.JetGetLock(other, otherTable, JET_bitReadLock), EsentWriteConflictError, -1102, 'JetGetLock');
    jet.JetRollback(other, 0);
    jet.JetCommitTransaction(sesid, 0);
    const readOnly = jet.JetOpenTable(sesid, dbid, 't', JET_bitTableReadOnly);
    jet.JetBeginTransaction(sesid);
    expectJetError(() => jet.JetGetLock(sesid, readOnly, JET_bitWriteLock), EsentPermissionDeniedError, -1809, 'JetGetLock');
    expect(jet.JetGetLock(sesid, readOnly, JET_bitReadLock)).toBe(0);
    jet.JetRollback(sesid, 0);
    jet.JetEndSession(other);
  });
});
