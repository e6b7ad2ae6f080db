// A record must fit in one database page (ESE rec.hxx REC::CbRecordMost): JetSetColumn refuses a
// value that would make it larger with JET_errRecordTooBig and leaves the column as it was, and
// a table's fixed columns must fit a record together. The sizes below follow ESE's record
// format at the default 4 KiB page: 4048 bytes for a node, less the key count and the room kept
// for the primary key (at least JET_cbKeyMostMin), 3,791 bytes for a table keyed by a Long.
// They run on the loaded engine, so ESE's own engine checks the arithmetic.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  EsentRecordTooBigError,
  JET_bitColumnFixed,
  JET_bitColumnMultiValued,
  JET_bitColumnTagged,
  JET_bitIndexKeyMost,
  JET_bitIndexPrimary,
  JET_bitRetrieveCopy,
  JET_bitTermAbrupt,
  JET_coltypBinary,
  JET_coltypLong,
  JET_coltypLongBinary,
  JET_MoveFirst,
  JET_paramEngineFormatVersion,
  JET_prepCancel,
  JET_prepInsert,
  JET_prepReplace,
  JET_wrnColumnNull,
  jet,
} from '../lib/index.js';
import { encodeColumnValue } from '../lib/column-values.js';
import { expectJetError } from './helpers/expect-jet-error.js';
import { initRawInstance, tempDir } from './helpers/instances.js';

const long = (n: number) => encodeColumnValue(JET_coltypLong, n)!;
const bytes = (n: number, fill = 0x61) => Buffer.alloc(n, fill);

// Engine format versions either side of long-value ids growing to 8 bytes (JET_efvLid64).
const BEFORE_LID64 = 9060;
const LID64 = 9080;

interface Fixture {
  dir: string;
  instance: bigint;
  sesid: bigint;
  dbid: number;
}

let fixture: Fixture | undefined;

function open(params: ReadonlyArray<readonly [number, number]> = []): Fixture {
  const dir = tempDir();
  const instance = initRawInstance(dir, 'recsize', params);
  const sesid = jet.JetBeginSession(instance);
  const dbid = jet.JetCreateDatabase2(sesid, join(dir, 'recsize.edb'));
  fixture = { dir, instance, sesid, dbid };
  return fixture;
}

beforeEach(() => {
  fixture = undefined;
});

afterEach(() => {
  if (!fixture) return;
  try {
    jet.JetTerm2(fixture.instance, JET_bitTermAbrupt);
  } finally {
    rmSync(fixture.dir, { recursive: true, force: true });
  }
});

/** Table `name`: k (Long, primary key), then `count` columns of `coltyp` with `grbit`. */
function wideTable(f: Fixture, name: string, count: number, coltyp: number, grbit = 0) {
  const created = jet.JetCreateTableColumnIndex3(f.sesid, f.dbid, {
    szTableName: name,
    rgcolumncreate: [
      { szColumnName: 'k', coltyp: JET_coltypLong },
      ...Array.from({ length: count }, (_, i) => ({ szColumnName: `c${i}`, coltyp, cbMax: 255, grbit })),
    ],
    rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
  });
  const [k, ...columns] = created.columnids as number[];
  return { tableid: created.tableid, k: k!, columns };
}

function tooBig(f: Fixture, tableid: bigint, columnid: number, value: Buffer, itagSequence?: number) {
  expectJetError(
    () => jet.JetSetColumn(f.sesid, tableid, columnid, value, 0, itagSequence === undefined ? undefined : { itagSequence }),
    EsentRecordTooBigError,
    -1026,
    'JetSetColumn',
  );
}

function read(f: Fixture, tableid: bigint, columnid: number, itagSequence = 1) {
  const r = jet.JetRetrieveColumn(f.sesid, tableid, columnid, JET_bitRetrieveCopy, { itagSequence });
  return r.err === JET_wrnColumnNull ? null : r.value!.length;
}

describe('a record must fit in its page (ESE rec.hxx REC::CbRecordMost; fldmod.cxx ErrRECISetVarColumn, ErrRECISetIFixedColumn; tagfld.cxx TAGFIELDS::ErrSetColumn)', () => {
  it('variable columns: 4 bytes of header, 5 of fixed data and null bits, then 2 bytes of offset and the data per column: fourteen full columns and 182 bytes fit, 183 do not', () => {
    const f = open();
    const t = wideTable(f, 'vars', 16, JET_coltypBinary);
    jet.JetBeginTransaction(f.sesid);
    jet.JetPrepareUpdate(f.sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(f.sesid, t.tableid, t.k, long(1));
    for (let i = 0; i < 14; i++) jet.JetSetColumn(f.sesid, t.tableid, t.columns[i]!, bytes(255));
    // 9 + 14 × 257 = 3,607: 184 bytes left, one offset and 182 of data.
    tooBig(f, t.tableid, t.columns[14]!, bytes(255));
    tooBig(f, t.tableid, t.columns[14]!, bytes(183));
    // The refused value left nothing behind, and the record is still whole.
    expect(read(f, t.tableid, t.columns[14]!)).toBeNull();
    jet.JetSetColumn(f.sesid, t.tableid, t.columns[14]!, bytes(182));
    // A later column needs an offset of its own as well as its data: not even an empty one fits.
    tooBig(f, t.tableid, t.columns[15]!, bytes(1));
    jet.JetUpdate2(f.sesid, t.tableid);
    jet.JetCommitTransaction(f.sesid, 0);

    jet.JetMove(f.sesid, t.tableid, JET_MoveFirst);
    expect(read(f, t.tableid, t.columns[13]!)).toBe(255);
    expect(read(f, t.tableid, t.columns[14]!)).toBe(182);

    // A replace may shrink one column and grow another by as much, but no more.
    jet.JetBeginTransaction(f.sesid);
    jet.JetPrepareUpdate(f.sesid, t.tableid, JET_prepReplace);
    jet.JetSetColumn(f.sesid, t.tableid, t.columns[0]!, bytes(200));
    tooBig(f, t.tableid, t.columns[14]!, bytes(238));
    jet.JetSetColumn(f.sesid, t.tableid, t.columns[14]!, bytes(237));
    jet.JetUpdate2(f.sesid, t.tableid);
    jet.JetCommitTransaction(f.sesid, 0);
    expect(read(f, t.tableid, t.columns[0]!)).toBe(200);
    expect(read(f, t.tableid, t.columns[14]!)).toBe(237);
  });

  it('a null variable column still takes its offset: setting the last one to null makes room for all before it', () => {
    const f = open();
    const t = wideTable(f, 'nulls', 16, JET_coltypBinary);
    jet.JetBeginTransaction(f.sesid);
    jet.JetPrepareUpdate(f.sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(f.sesid, t.tableid, t.k, long(1));
    // Sixteen offsets (32 bytes) for the last column set to null: 9 + 32 = 41.
    jet.JetSetColumn(f.sesid, t.tableid, t.columns[15]!, null);
    for (let i = 0; i < 14; i++) jet.JetSetColumn(f.sesid, t.tableid, t.columns[i]!, bytes(255));
    // 41 + 14 × 255 = 3,611: 180 bytes of data left.
    tooBig(f, t.tableid, t.columns[14]!, bytes(181));
    jet.JetSetColumn(f.sesid, t.tableid, t.columns[14]!, bytes(180));
    jet.JetPrepareUpdate(f.sesid, t.tableid, JET_prepCancel);
    jet.JetRollback(f.sesid, 0);
  });

  it('tagged values: 4 bytes of entry, a pair shares a flags and a length byte, three or more take a flags byte and a 2-byte offset each', () => {
    const f = open();
    const t = wideTable(f, 'tagged', 1, JET_coltypBinary, JET_bitColumnTagged | JET_bitColumnMultiValued);
    const mv = t.columns[0]!;
    jet.JetBeginTransaction(f.sesid);
    jet.JetPrepareUpdate(f.sesid, t.tableid, JET_prepInsert);
    jet.JetSetColumn(f.sesid, t.tableid, t.k, long(1));
    for (let i = 0; i < 14; i++) jet.JetSetColumn(f.sesid, t.tableid, mv, bytes(255), 0, { itagSequence: 0 });
    // 9 + 4 + 1 + 14 × 257 = 3,612: 179 bytes left, one offset and 177 of data.
    tooBig(f, t.tableid, mv, bytes(178), 0);
    expect(read(f, t.tableid, mv, 15)).toBeNull();
    expect(read(f, t.tableid, mv, 14)).toBe(255);
    jet.JetSetColumn(f.sesid, t.tableid, mv, bytes(177), 0, { itagSequence: 0 });
    // Growing a value in place by one byte is refused too.
    tooBig(f, t.tableid, mv, bytes(178), 15);
    expect(read(f, t.tableid, mv, 15)).toBe(177);
    jet.JetUpdate2(f.sesid, t.tableid);
    jet.JetCommitTransaction(f.sesid, 0);
  });

  it('long values leave the record for their own tree: an id of 8 bytes with JET_efvLid64, 4 before, behind 4 bytes of entry and a flags byte', () => {
    for (const [efv, perValue] of [
      [LID64, 13],
      [BEFORE_LID64, 9],
    ] as const) {
      const f = open([[JET_paramEngineFormatVersion, efv]]);
      const created = jet.JetCreateTableColumnIndex3(f.sesid, f.dbid, {
        szTableName: 'lvs',
        rgcolumncreate: [
          { szColumnName: 'k', coltyp: JET_coltypLong },
          ...Array.from({ length: 14 }, (_, i) => ({ szColumnName: `v${i}`, coltyp: JET_coltypBinary, cbMax: 255 })),
          ...Array.from({ length: 30 }, (_, i) => ({ szColumnName: `lv${i}`, coltyp: JET_coltypLongBinary })),
        ],
        rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }],
      });
      const ids = created.columnids as number[];
      const vars = ids.slice(1, 15);
      const lvs = ids.slice(15);
      jet.JetBeginTransaction(f.sesid);
      jet.JetPrepareUpdate(f.sesid, created.tableid, JET_prepInsert);
      jet.JetSetColumn(f.sesid, created.tableid, ids[0]!, long(1));
      for (const v of vars) jet.JetSetColumn(f.sesid, created.tableid, v, bytes(255));
      // 184 bytes left after the fourteen full variable columns (above): as many long values of
      // 2,000 bytes as ids fit, then JET_errRecordTooBig.
      const fit = Math.floor(184 / perValue);
      for (let i = 0; i < fit; i++) jet.JetSetColumn(f.sesid, created.tableid, lvs[i]!, bytes(2000));
      tooBig(f, created.tableid, lvs[fit]!, bytes(2000));
      jet.JetUpdate2(f.sesid, created.tableid);
      jet.JetCommitTransaction(f.sesid, 0);
      jet.JetMove(f.sesid, created.tableid, JET_MoveFirst);
      expect(read(f, created.tableid, lvs[fit - 1]!)).toBe(2000);
      expect(read(f, created.tableid, lvs[fit]!)).toBeNull();
      jet.JetTerm2(f.instance, JET_bitTermAbrupt);
      rmSync(f.dir, { recursive: true, force: true });
      fixture = undefined;
    }
  });

  // Each case fills a record close to the limit, then finds that the last value fits at
  // `largest` bytes and not one byte more.
  describe('the largest last value, by what the record holds', () => {
    const k = { szColumnName: 'k', coltyp: JET_coltypLong };
    const columns = (prefix: string, n: number, extra: Record<string, unknown> = {}) =>
      Array.from({ length: n }, (_, i) => ({ szColumnName: `${prefix}${i}`, coltyp: JET_coltypBinary, cbMax: 255, ...extra }));
    const primary = [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary }];
    const mv = { szColumnName: 'mv', coltyp: JET_coltypBinary, cbMax: 255, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued };
    interface Case {
      name: string;
      efv?: number;
      rgcolumncreate: Array<Record<string, unknown>>;
      rgindexcreate?: Array<Record<string, unknown>>;
      // Column index and value (a size, or a Long) in order; then the column whose size is probed.
      fill: Array<[number, number | Buffer, number?]>;
      probe: [number, number?];
      largest: number;
    }
    const full = (from: number, to: number): Case['fill'] => Array.from({ length: to - from }, (_, i) => [from + i, 255]);
    const cases: Case[] = [
      {
        // No primary index: a 4-byte DBK keys the records, and the room kept is JET_cbKeyMostMin still.
        name: 'no primary index',
        rgcolumncreate: [k, ...columns('v', 15)],
        fill: [[0, long(1)], ...full(1, 15)],
        probe: [15],
        largest: 182,
      },
      {
        // A primary index of 1,000-byte keys keeps 1,002 bytes for its key: 3,044 for the record.
        name: 'a primary index with JET_bitIndexKeyMost 1000',
        rgcolumncreate: [{ szColumnName: 'k', coltyp: JET_coltypBinary, cbMax: 255 }, ...columns('v', 15)],
        rgindexcreate: [{ szIndexName: 'pk', szKey: ['+k'], grbit: JET_bitIndexPrimary | JET_bitIndexKeyMost, cbKeyMost: 1000 }],
        fill: [[0, 1], ...full(1, 12)],
        probe: [12],
        largest: 208,
      },
      {
        // A new record starts from the table's default record: the three 100-byte defaults are in it.
        name: 'variable columns with defaults',
        rgcolumncreate: [k, ...columns('d', 3, { pvDefault: Buffer.alloc(100, 0x64) }), ...columns('v', 14)],
        fill: [[0, long(1)], ...full(4, 17)],
        probe: [17],
        largest: 133,
      },
      {
        // Setting the tenth fixed column makes room for all ten, and ten null bits.
        name: 'the last fixed column set',
        rgcolumncreate: [k, ...columns('f', 10, { grbit: JET_bitColumnFixed }), ...columns('v', 16)],
        fill: [[0, long(1)], [10, 255], ...full(11, 15)],
        probe: [15],
        largest: 201,
      },
      {
        name: 'the last fixed column set to null',
        rgcolumncreate: [k, ...columns('f', 10, { grbit: JET_bitColumnFixed }), ...columns('v', 16)],
        fill: [[0, long(1)], [10, 0], ...full(11, 15)],
        probe: [15],
        largest: 201,
      },
      {
        name: 'a second tagged value',
        rgcolumncreate: [k, mv, ...columns('v', 14)],
        fill: [[0, long(1)], ...full(2, 16), [1, 10]],
        probe: [1, 2],
        largest: 168,
      },
      {
        name: 'a third tagged value',
        rgcolumncreate: [k, mv, ...columns('v', 14)],
        fill: [[0, long(1)], ...full(2, 16), [1, 10], [1, 10, 2]],
        probe: [1, 3],
        largest: 153,
      },
      {
        // A tagged column with a default set to null keeps a 4-byte entry saying so.
        name: 'a tagged column with a default set to null',
        rgcolumncreate: [k, { szColumnName: 't', coltyp: JET_coltypBinary, cbMax: 255, grbit: JET_bitColumnTagged, pvDefault: Buffer.from('x') }, ...columns('v', 15)],
        fill: [[0, long(1)], [1, 0], ...full(2, 16)],
        probe: [16],
        largest: 178,
      },
      ...([
        [LID64, 161],
        [BEFORE_LID64, 165],
      ] as const).map(([efv, largest]) => ({
        // A 150-byte long value goes to its own tree to make room; a 3-byte one stays.
        name: `long values moved out to make room (engine format ${efv})`,
        efv,
        rgcolumncreate: [k, ...columns('v', 15), { szColumnName: 'lv1', coltyp: JET_coltypLongBinary }, { szColumnName: 'lv2', coltyp: JET_coltypLongBinary }],
        fill: [[0, long(1)], ...full(1, 15), [16, 150], [17, 3]] as Case['fill'],
        probe: [15] as Case['probe'],
        largest,
      })),
    ];
    for (const c of cases) {
      it(`${c.name}: ${c.largest} bytes`, () => {
        const f = open(c.efv === undefined ? [] : [[JET_paramEngineFormatVersion, c.efv]]);
        const created = jet.JetCreateTableColumnIndex3(f.sesid, f.dbid, {
          szTableName: 'probe',
          rgcolumncreate: c.rgcolumncreate as never,
          rgindexcreate: (c.rgindexcreate ?? primary) as never,
        });
        const ids = created.columnids as number[];
        const tableid = created.tableid;
        const attempt = (size: number) => {
          jet.JetPrepareUpdate(f.sesid, tableid, JET_prepInsert);
          for (const [index, value, itagSequence] of c.fill) {
            const data = typeof value === 'number' ? (value === 0 ? null : bytes(value, 0x62)) : value;
            jet.JetSetColumn(f.sesid, tableid, ids[index]!, data, 0, itagSequence === undefined ? undefined : { itagSequence });
          }
          try {
            jet.JetSetColumn(f.sesid, tableid, ids[c.probe[0]]!, bytes(size), 0, c.probe[1] === undefined ? undefined : { itagSequence: c.probe[1] });
            return 'fits';
          } catch (error) {
            return error instanceof EsentRecordTooBigError ? 'too big' : error;
          } finally {
            jet.JetPrepareUpdate(f.sesid, tableid, JET_prepCancel);
          }
        };
        jet.JetBeginTransaction(f.sesid);
        expect(attempt(c.largest)).toBe('fits');
        expect(attempt(c.largest + 1)).toBe('too big');
        jet.JetRollback(f.sesid, 0);
      });
    }
  });

  it("a table's fixed columns must fit a record together: JetCreateTableColumnIndex3 refuses the column past it with its own error, JetAddColumn refuses it", () => {
    const f = open();
    let failed: (Error & { columnErrors?: number[]; cCreated?: number }) | undefined;
    try {
      wideTable(f, 'fixed', 16, JET_coltypBinary, JET_bitColumnFixed);
    } catch (error) {
      failed = error as typeof failed;
    }
    // 4 + 4 (k) + 14 × 255 = 3,578 fit; the fifteenth reaches 3,833, past 3,789 (the room kept
    // for a key here is JET_cbKeyMostMin's and its count, whatever the index).
    expect(failed).toBeInstanceOf(EsentRecordTooBigError);
    expect(failed!.columnErrors!.slice(0, 17)).toEqual([...Array<number>(15).fill(0), -1026, 0]);

    const t = wideTable(f, 'fixed2', 14, JET_coltypBinary, JET_bitColumnFixed);
    expectJetError(
      () => jet.JetAddColumn(f.sesid, t.tableid, 'one', { coltyp: JET_coltypBinary, cbMax: 255, grbit: JET_bitColumnFixed }),
      EsentRecordTooBigError,
      -1026,
      'JetAddColumn',
    );
    // A smaller one still fits, and a variable column is not counted.
    jet.JetAddColumn(f.sesid, t.tableid, 'small', { coltyp: JET_coltypBinary, cbMax: 200, grbit: JET_bitColumnFixed });
    jet.JetAddColumn(f.sesid, t.tableid, 'var', { coltyp: JET_coltypBinary, cbMax: 255 });
  });
});
