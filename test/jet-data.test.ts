// The data half of the raw `jet` API (databases, tables, columns, indexes, cursors,
// records) and the column value converters.
//
// - "column values": the converters alone, no engine.
// - "argument checks": TypeError / RangeError raised by the binding before the engine is
//   called, so they hold whatever the loaded library exports.
// - "on the engine": behaviour through the loaded engine (the ESE emulator off Windows),
//   each check with its exact JET_ERR.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  EsentClientRequestToStopJetServiceError,
  EsentColumnDuplicateError,
  EsentColumnNotFoundError,
  EsentDatabaseDuplicateError,
  EsentEngineFormatVersionParamTooLowForRequestedFeatureError,
  EsentError,
  EsentFileNotFoundError,
  EsentIndexNotFoundError,
  EsentInvalidTableIdError,
  EsentKeyDuplicateError,
  EsentInvalidOperationError,
  EsentNoCurrentRecordError,
  EsentObjectNotFoundError,
  EsentRecordNotFoundError,
  EsentSesidTableIdMismatchError,
  EsentTableDuplicateError,
  JET_ColInfo,
  JET_ColInfoBase,
  JET_ColInfoByColid,
  JET_ColInfoList,
  JET_IdxInfo,
  JET_IdxInfoCount,
  JET_IdxInfoList,
  JET_MoveFirst,
  JET_MoveLast,
  JET_MoveNext,
  JET_MovePrevious,
  JET_TblInfo,
  JET_TblInfoDbid,
  JET_TblInfoName,
  JET_bitColumnEscrowUpdate,
  JET_bitColumnFixed,
  JET_bitColumnMultiValued,
  JET_bitColumnTagged,
  JET_bitIndexPrimary,
  JET_bitIndexTupleLimits,
  JET_bitIndexUnicode,
  JET_bitIndexUnique,
  JET_bitNewKey,
  JET_bitRangeInclusive,
  JET_bitRangeRemove,
  JET_bitRangeUpperLimit,
  JET_bitRetrieveCopy,
  JET_bitSeekEQ,
  JET_bitSeekGE,
  JET_bitSeekLE,
  JET_bitSetZeroLength,
  JET_bitTermAbrupt,
  JET_bitTableDenyRead,
  JET_coltypBinary,
  JET_coltypBit,
  JET_coltypCurrency,
  JET_coltypDateTime,
  JET_coltypGUID,
  JET_coltypIEEEDouble,
  JET_coltypIEEESingle,
  JET_coltypLong,
  JET_coltypLongBinary,
  JET_coltypLongLong,
  JET_coltypLongText,
  JET_coltypNil,
  JET_coltypShort,
  JET_coltypText,
  JET_coltypUnsignedByte,
  JET_coltypUnsignedLong,
  JET_coltypUnsignedLongLong,
  JET_coltypUnsignedShort,
  JET_objtypTable,
  JET_prepCancel,
  JET_prepInsert,
  JET_prepReplace,
  JET_wrnBufferTruncated,
  JET_wrnColumnNull,
  JET_wrnDatabaseAttached,
  JET_wrnSeekNotEqual,
  jet,
  JET_efvEscrow64,
  JET_efvExchange2016Cu1Rtm,
  JET_paramEngineFormatVersion,
} from '../lib/index.js';
import type { JetColumnCreate } from '../lib/jet-data-types.js';
import { decodeColumnValue, encodeColumnValue } from '../lib/column-values.js';
import { initRawInstance, tempDir } from './helpers/instances.js';
import { expectJetError } from './helpers/expect-jet-error.js';

const buf = (...bytes: number[]) => Buffer.from(bytes);

// ---- column values --------------------------------------------------------------------------

describe('column values', () => {
  const roundTrips: Array<[string, number, unknown, number[]]> = [
    ['Bit true', JET_coltypBit, true, [0xff]],
    ['Bit false', JET_coltypBit, false, [0x00]],
    ['UnsignedByte 0', JET_coltypUnsignedByte, 0, [0]],
    ['UnsignedByte 255', JET_coltypUnsignedByte, 255, [0xff]],
    ['Short min', JET_coltypShort, -32768, [0x00, 0x80]],
    ['Short max', JET_coltypShort, 32767, [0xff, 0x7f]],
    ['UnsignedShort max', JET_coltypUnsignedShort, 65535, [0xff, 0xff]],
    ['Long min', JET_coltypLong, -2147483648, [0, 0, 0, 0x80]],
    ['Long -1', JET_coltypLong, -1, [0xff, 0xff, 0xff, 0xff]],
    ['Long max', JET_coltypLong, 2147483647, [0xff, 0xff, 0xff, 0x7f]],
    ['UnsignedLong max', JET_coltypUnsignedLong, 4294967295, [0xff, 0xff, 0xff, 0xff]],
    ['LongLong min', JET_coltypLongLong, -(1n << 63n), [0, 0, 0, 0, 0, 0, 0, 0x80]],
    ['LongLong max', JET_coltypLongLong, (1n << 63n) - 1n, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
    ['UnsignedLongLong max', JET_coltypUnsignedLongLong, (1n << 64n) - 1n, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ['Currency 1.2345', JET_coltypCurrency, 12345n, [0x39, 0x30, 0, 0, 0, 0, 0, 0]],
    ['Currency negative', JET_coltypCurrency, -1n, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ['IEEESingle 1.5', JET_coltypIEEESingle, 1.5, [0x00, 0x00, 0xc0, 0x3f]],
    ['IEEEDouble -2', JET_coltypIEEEDouble, -2, [0, 0, 0, 0, 0, 0, 0, 0xc0]],
    ['GUID', JET_coltypGUID, '00112233-4455-6677-8899-aabbccddeeff',
      [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]],
    ['Text UTF-16', JET_coltypText, 'aé', [0x61, 0x00, 0xe9, 0x00]],
    ['LongText UTF-16 surrogate pair', JET_coltypLongText, '😀', [0x3d, 0xd8, 0x00, 0xde]],
    ['Binary', JET_coltypBinary, buf(1, 2, 3), [1, 2, 3]],
    ['LongBinary empty', JET_coltypLongBinary, Buffer.alloc(0), []],
  ];
  for (const [name, coltyp, value, bytes] of roundTrips) {
    it(`encodes and decodes ${name}`, () => {
      const encoded = encodeColumnValue(coltyp, value as never);
      expect(encoded).toEqual(Buffer.from(bytes));
      expect(decodeColumnValue(coltyp, encoded)).toEqual(value);
    });
  }

  it('reads any non-zero Bit byte as true', () => {
    expect(decodeColumnValue(JET_coltypBit, buf(1))).toBe(true);
    expect(decodeColumnValue(JET_coltypBit, buf(0x80))).toBe(true);
    expect(decodeColumnValue(JET_coltypBit, buf(0))).toBe(false);
  });

  it('accepts safe integer numbers for 64-bit types and decodes them as bigint', () => {
    expect(decodeColumnValue(JET_coltypLongLong, encodeColumnValue(JET_coltypLongLong, -5))).toBe(-5n);
    expect(decodeColumnValue(JET_coltypCurrency, encodeColumnValue(JET_coltypCurrency, 10000))).toBe(10000n);
    expect(() => encodeColumnValue(JET_coltypLongLong, 2 ** 60)).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypCurrency, 1.5)).toThrow(/JET_coltypCurrency/);
  });

  it('encodes Windows-1252 text, including the 0x80-0x9F characters', () => {
    const text = 'A€ÿ‚Ÿ';
    const encoded = encodeColumnValue(JET_coltypText, text, 1252);
    expect(encoded).toEqual(buf(0x41, 0x80, 0xff, 0x82, 0x9f));
    expect(decodeColumnValue(JET_coltypText, encoded, 1252)).toBe(text);
    // Unassigned bytes decode to the C1 control of the same number and encode back.
    expect(decodeColumnValue(JET_coltypLongText, buf(0x81, 0x8d), 1252)).toBe('\u0081\u008d');
    expect(encodeColumnValue(JET_coltypLongText, '\u0081', 1252)).toEqual(buf(0x81));
  });

  it('decodes long Windows-1252 text', () => {
    const text = 'x'.repeat(100_000);
    expect(decodeColumnValue(JET_coltypLongText, encodeColumnValue(JET_coltypLongText, text, 1252), 1252)).toBe(text);
  });

  it('rejects characters Windows-1252 cannot hold, naming the type', () => {
    expect(() => encodeColumnValue(JET_coltypText, 'snow ☃', 1252)).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypText, 'snow ☃', 1252)).toThrow(/JET_coltypText.*U\+2603/);
    expect(() => encodeColumnValue(JET_coltypText, '\u0080', 1252)).toThrow(RangeError);
  });

  it('rejects code pages other than 1200 and 1252 for text', () => {
    expect(() => encodeColumnValue(JET_coltypText, 'a', 65001)).toThrow(RangeError);
    expect(() => decodeColumnValue(JET_coltypLongText, buf(0x61, 0), 0)).toThrow(RangeError);
  });

  it('converts DateTime to and from OLE Automation dates', () => {
    const at = (days: number) => {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(days);
      return bytes;
    };
    expect(decodeColumnValue(JET_coltypDateTime, at(0))).toEqual(new Date('1899-12-30T00:00:00Z'));
    expect(decodeColumnValue(JET_coltypDateTime, at(2.25))).toEqual(new Date('1900-01-01T06:00:00Z'));
    // Before the epoch the fraction counts forward from the (negative) whole day.
    expect(decodeColumnValue(JET_coltypDateTime, at(-1.25))).toEqual(new Date('1899-12-29T06:00:00Z'));
    expect(encodeColumnValue(JET_coltypDateTime, new Date('1899-12-29T06:00:00Z'))!.readDoubleLE(0)).toBe(-1.25);
    expect(encodeColumnValue(JET_coltypDateTime, new Date('2000-01-01T00:00:00Z'))!.readDoubleLE(0)).toBe(36526);
    for (const iso of [
      '2024-02-29T23:59:59.999Z',
      '1970-01-01T00:00:00.001Z',
      '1899-12-28T12:34:56.789Z',
      '0100-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      const date = new Date(iso);
      expect(decodeColumnValue(JET_coltypDateTime, encodeColumnValue(JET_coltypDateTime, date))).toEqual(date);
    }
  });

  it('rejects dates OLE Automation dates cannot hold', () => {
    expect(() => encodeColumnValue(JET_coltypDateTime, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypDateTime, new Date('0099-12-31T00:00:00Z'))).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypDateTime, new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypDateTime, 0 as never)).toThrow(TypeError);
    const nan = Buffer.alloc(8);
    nan.writeDoubleLE(Number.NaN);
    expect(() => decodeColumnValue(JET_coltypDateTime, nan)).toThrow(RangeError);
  });

  it('accepts GUIDs in braces and in upper case, and rejects malformed ones', () => {
    const guid = '{00112233-4455-6677-8899-AABBCCDDEEFF}';
    expect(decodeColumnValue(JET_coltypGUID, encodeColumnValue(JET_coltypGUID, guid))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    );
    expect(() => encodeColumnValue(JET_coltypGUID, '00112233-4455-6677-8899')).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypGUID, '{00112233-4455-6677-8899-aabbccddeeff')).toThrow(RangeError);
    expect(() => encodeColumnValue(JET_coltypGUID, Buffer.alloc(16) as never)).toThrow(TypeError);
  });

  it('passes null through as NULL', () => {
    expect(encodeColumnValue(JET_coltypLong, null)).toBeNull();
    expect(decodeColumnValue(JET_coltypLong, null)).toBeNull();
  });

  it('rejects values out of range with RangeError naming the type', () => {
    const cases: Array<[number, unknown]> = [
      [JET_coltypUnsignedByte, 256],
      [JET_coltypUnsignedByte, -1],
      [JET_coltypShort, 32768],
      [JET_coltypUnsignedShort, -1],
      [JET_coltypLong, 2147483648],
      [JET_coltypLong, 1.5],
      [JET_coltypUnsignedLong, 4294967296],
      [JET_coltypLongLong, 1n << 63n],
      [JET_coltypUnsignedLongLong, -1n],
      [JET_coltypCurrency, -(1n << 63n) - 1n],
      [JET_coltypIEEESingle, 1e39],
    ];
    for (const [coltyp, value] of cases) {
      expect(() => encodeColumnValue(coltyp, value as never), `${coltyp} ${String(value)}`).toThrow(RangeError);
    }
    expect(() => encodeColumnValue(JET_coltypShort, 40000)).toThrow(/JET_coltypShort/);
  });

  it('keeps float specials for IEEE types', () => {
    expect(decodeColumnValue(JET_coltypIEEESingle, encodeColumnValue(JET_coltypIEEESingle, Infinity))).toBe(Infinity);
    expect(decodeColumnValue(JET_coltypIEEEDouble, encodeColumnValue(JET_coltypIEEEDouble, NaN))).toBeNaN();
  });

  it('rejects values of the wrong kind with TypeError naming the type', () => {
    const cases: Array<[number, unknown]> = [
      [JET_coltypBit, 1],
      [JET_coltypUnsignedByte, '1'],
      [JET_coltypLong, 1n],
      [JET_coltypLongLong, '1'],
      [JET_coltypIEEEDouble, 1n],
      [JET_coltypDateTime, '2020-01-01'],
      [JET_coltypBinary, 'abc'],
      [JET_coltypLongBinary, [1, 2]],
      [JET_coltypText, 5],
      [JET_coltypLong, undefined],
    ];
    for (const [coltyp, value] of cases) {
      expect(() => encodeColumnValue(coltyp, value as never), `${coltyp} ${String(value)}`).toThrow(TypeError);
    }
    expect(() => encodeColumnValue(JET_coltypBit, 1 as never)).toThrow(/JET_coltypBit value must be a boolean/);
  });

  it('rejects bytes of the wrong length for fixed types', () => {
    expect(() => decodeColumnValue(JET_coltypLong, buf(1, 2, 3))).toThrow(RangeError);
    expect(() => decodeColumnValue(JET_coltypLong, buf(1, 2, 3))).toThrow(/JET_coltypLong value must be 4 bytes, got 3/);
    expect(() => decodeColumnValue(JET_coltypGUID, Buffer.alloc(15))).toThrow(RangeError);
    expect(() => decodeColumnValue(JET_coltypBit, Buffer.alloc(0))).toThrow(RangeError);
    expect(() => decodeColumnValue(JET_coltypText, buf(0x61))).toThrow(RangeError);
    expect(() => decodeColumnValue(JET_coltypText, 'a' as never)).toThrow(TypeError);
  });

  it('rejects unknown column types', () => {
    expect(() => encodeColumnValue(JET_coltypNil, 1 as never)).toThrow(RangeError);
    expect(() => encodeColumnValue(13, 1 as never)).toThrow(RangeError);
    expect(() => decodeColumnValue(99, buf(1))).toThrow(/unknown column type 99/);
  });

  it('decodes views that do not start at offset 0', () => {
    const backing = buf(0xaa, 0x01, 0x00, 0x00, 0x00, 0xbb);
    expect(decodeColumnValue(JET_coltypLong, backing.subarray(1, 5))).toBe(1);
    expect(decodeColumnValue(JET_coltypLong, new Uint8Array(backing.buffer, backing.byteOffset + 1, 4))).toBe(1);
  });
});

// ---- argument checks ----------------------------------------------------------------------

describe('argument checks (before the engine)', () => {
  const s = 1n; // never reaches the engine
  const t = 2n;

  it('requires bigint session and table handles', () => {
    expect(() => jet.JetOpenTable(1 as never, 1, 'x')).toThrow(TypeError);
    expect(() => jet.JetCloseTable(s, 5 as never)).toThrow(/'tableid' must be a bigint handle, got a number/);
    expect(() => jet.JetMove(s, '1' as never, JET_MoveNext)).toThrow(TypeError);
    expect(() => jet.JetRetrieveColumn(s, 1n << 65n, 1)).toThrow(RangeError);
  });

  it('requires numbers for dbids, columnids and grbits', () => {
    expect(() => jet.JetCloseDatabase(s, 1n as never)).toThrow(/'dbid' must be a number, got a bigint/);
    expect(() => jet.JetCloseDatabase(s, undefined as never)).toThrow(TypeError);
    expect(() => jet.JetCloseDatabase(s, -1)).toThrow(RangeError);
    expect(() => jet.JetSetColumn(s, t, 2 ** 32, null)).toThrow(RangeError);
    expect(() => jet.JetSetColumn(s, t, 1.5, null)).toThrow(RangeError);
    expect(() => jet.JetSeek(s, t, undefined as never)).toThrow(TypeError);
    expect(() => jet.JetSeek(s, t, '1' as never)).toThrow(TypeError);
    expect(() => jet.JetPrepareUpdate(s, t, -1)).toThrow(RangeError);
  });

  it('checks argument counts', () => {
    expect(() => (jet.JetCloseTable as (...a: unknown[]) => unknown)(s)).toThrow(/expected 2 arguments, got 1/);
    expect(() => (jet.JetDelete as (...a: unknown[]) => unknown)(s, t, 1)).toThrow(TypeError);
    expect(() => (jet.JetDetachDatabase2 as (...a: unknown[]) => unknown)(s)).toThrow(TypeError);
  });

  it('rejects names containing NUL and names that are not strings', () => {
    expect(() => jet.JetOpenTable(s, 1, 'a\0b')).toThrow(/must not contain NUL/);
    expect(() => jet.JetCreateDatabase2(s, 'x\0.edb')).toThrow(TypeError);
    expect(() => jet.JetDeleteTable(s, 1, 42 as never)).toThrow(TypeError);
    expect(() => jet.JetSetCurrentIndex4(s, t, 'i\0')).toThrow(TypeError);
    expect(() => jet.JetAddColumn(s, t, 'c\0', { coltyp: JET_coltypLong })).toThrow(TypeError);
  });

  it('takes Buffers, Uint8Arrays and other views as data, and rejects everything else', () => {
    expect(() => jet.JetMakeKey(s, t, 'abc' as never)).toThrow(/'pvData' must be a Buffer or Uint8Array or null, got a string/);
    expect(() => jet.JetMakeKey(s, t, [1, 2] as never)).toThrow(TypeError);
    expect(() => jet.JetMakeKey(s, t, new ArrayBuffer(4) as never)).toThrow(/got an ArrayBuffer/);
    expect(() => jet.JetSetColumn(s, t, 1, 7 as never)).toThrow(TypeError);
    expect(() => jet.JetGotoBookmark(s, t, null as never)).toThrow(TypeError);
  });

  it('checks the fields of column, index and table definitions', () => {
    expect(() => jet.JetCreateTableColumnIndex3(s, 1, null as never)).toThrow(/'tablecreate' must be an object/);
    expect(() => jet.JetCreateTableColumnIndex3(s, 1, { szTableName: 't', rgcolumncreate: {} as never })).toThrow(
      /'tablecreate.rgcolumncreate' must be an array/,
    );
    expect(() =>
      jet.JetCreateTableColumnIndex3(s, 1, { szTableName: 't', rgcolumncreate: [{ szColumnName: 'a' } as never] }),
    ).toThrow(/'tablecreate.rgcolumncreate\[0\].coltyp' must be a number, got undefined/);
    expect(() =>
      jet.JetCreateTableColumnIndex3(s, 1, {
        szTableName: 't',
        rgcolumncreate: [{ szColumnName: 'a', coltyp: JET_coltypLong, pvDefault: 'x' as never }],
      }),
    ).toThrow(/pvDefault' must be a Buffer/);
    expect(() => jet.JetCreateTableColumnIndex3(s, 1, { szTableName: 'a\0' })).toThrow(TypeError);
    expect(() => jet.JetAddColumn(s, t, 'c', { coltyp: JET_coltypText, cp: 70000 })).toThrow(RangeError);
    expect(() => jet.JetAddColumn(s, t, 'c', { coltyp: JET_coltypText }, 'x' as never)).toThrow(TypeError);
  });

  it('checks index keys and the union fields of index definitions', () => {
    const index = (extra: object) => [{ szIndexName: 'i', szKey: '+a\0\0', ...extra }];
    expect(() => jet.JetCreateIndex2(s, t, index({ szKey: 5 }))).toThrow(/szKey' must be a string or an array/);
    expect(() => jet.JetCreateIndex2(s, t, index({ szKey: ['+a', ''] }))).toThrow(/szKey\[1\]' must not be empty/);
    expect(() => jet.JetCreateIndex2(s, t, index({ szKey: ['+a\0'] }))).toThrow(/must not contain NUL/);
    expect(() => jet.JetCreateIndex2(s, t, index({ grbit: JET_bitIndexUnicode }))).toThrow(/without pidxunicode/);
    expect(() => jet.JetCreateIndex2(s, t, index({ pidxunicode: { lcid: 1033 } }))).toThrow(/needs JET_bitIndexUnicode/);
    expect(() => jet.JetCreateIndex2(s, t, index({ grbit: JET_bitIndexTupleLimits }))).toThrow(/without ptuplelimits/);
    expect(() => jet.JetCreateIndex2(s, t, {} as never)).toThrow(/'pindexcreate' must be an array/);
    expect(() => jet.JetCreateIndex2(s, t, [{ szKey: '+a\0\0' } as never])).toThrow(/szIndexName/);
  });

  it('checks the entries of JetSetColumns and JetRetrieveColumns', () => {
    expect(() => jet.JetSetColumns(s, t, [{ pvData: null } as never])).toThrow(/'psetcolumn\[0\].columnid'/);
    expect(() => jet.JetSetColumns(s, t, [{ columnid: 1, pvData: 'x' as never }])).toThrow(/psetcolumn\[0\].pvData/);
    expect(() => jet.JetRetrieveColumns(s, t, [5 as never])).toThrow(/'pretrievecolumn\[0\]' must be an object/);
    expect(() => jet.JetRetrieveColumns(s, t, [{ columnid: 1, cbData: -1 }])).toThrow(RangeError);
  });

  it('refuses info levels the binding does not support, with RangeError', () => {
    expect(() => jet.JetGetTableIndexInfo(s, t, null, 2)).toThrow(/info level 2 is not supported by the binding/);
    expect(() => jet.JetGetTableIndexInfo(s, t, 'i', 3)).toThrow(RangeError);
    // The list levels take no column name.
    expect(() => jet.JetGetTableColumnInfo(s, t, 'c', JET_ColInfoList)).toThrow(RangeError);
    expect(() => jet.JetGetTableColumnInfo(s, t, null, JET_ColInfoBase)).toThrow(TypeError);
    expect(() => jet.JetGetTableInfo(s, t, 3 as never)).toThrow(/info level 3 is not supported/);
    // The kind of the column argument must match the level.
    expect(() => jet.JetGetTableColumnInfo(s, t, 'c', JET_ColInfoByColid as never)).toThrow(TypeError);
    expect(() => jet.JetGetTableColumnInfo(s, t, 5, JET_ColInfoBase as never)).toThrow(TypeError);
    expect(() => jet.JetGetTableColumnInfo(s, t, null as never)).toThrow(TypeError);
  });

  it('checks JetMove offsets and escrow deltas', () => {
    expect(() => jet.JetMove(s, t, 2 ** 31)).toThrow(RangeError);
    expect(() => jet.JetMove(s, t, 0.5)).toThrow(RangeError);
    expect(() => jet.JetEscrowUpdate(s, t, 1, 2 ** 31)).toThrow(RangeError);
    expect(() => jet.JetEscrowUpdate(s, t, 1, 1n << 64n)).toThrow(RangeError);
    expect(() => jet.JetEscrowUpdate(s, t, 1, '1' as never)).toThrow(TypeError);
  });
});

// ---- on the engine ------------------------------------------------------------------------

interface Fixture {
  dir: string;
  instance: bigint;
  sesid: bigint;
  dbPath: string;
  dbid: number;
}

let fixture: Fixture | undefined;

/** A raw instance with a session and a new database, all in a fresh folder. */
function open(): Fixture {
  const dir = tempDir();
  const instance = initRawInstance(dir, 'data');
  const sesid = jet.JetBeginSession(instance);
  fixture = { dir, instance, sesid, dbPath: join(dir, 'test.edb'), dbid: 0 };
  fixture.dbid = jet.JetCreateDatabase2(sesid, fixture.dbPath);
  return fixture;
}

function close(): void {
  if (!fixture) return;
  const { dir, instance } = fixture;
  fixture = undefined;
  try {
    jet.JetTerm2(instance, JET_bitTermAbrupt);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` in a transaction that commits when it returns and rolls back if it throws. */
function transaction<T>(sesid: bigint, fn: () => T): T {
  jet.JetBeginTransaction(sesid);
  try {
    const result = fn();
    jet.JetCommitTransaction(sesid);
    return result;
  } catch (error) {
    jet.JetRollback(sesid);
    throw error;
  }
}

const long = (n: number) => encodeColumnValue(JET_coltypLong, n);

describe('on the engine', () => {
  beforeEach(() => {
    open();
  });
  afterEach(() => {
    close();
  });

  /** A table `people` with id (Long, unique primary), name (Text, cp 1200), blob, tags (tagged multi-valued Long). */
  function people() {
    const { sesid, dbid } = fixture!;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'people',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong, grbit: JET_bitColumnFixed },
        { szColumnName: 'name', coltyp: JET_coltypText, cp: 1200, cbMax: 200 },
        { szColumnName: 'blob', coltyp: JET_coltypLongBinary },
        { szColumnName: 'tags', coltyp: JET_coltypLong, grbit: JET_bitColumnTagged | JET_bitColumnMultiValued },
      ],
      rgindexcreate: [
        { szIndexName: 'primary', szKey: '+id\0\0', grbit: JET_bitIndexPrimary | JET_bitIndexUnique },
        { szIndexName: 'byName', szKey: ['+name', '-id'] },
      ],
    });
    const [id, name, blob, tags] = created.columnids as [number, number, number, number];
    return { created, tableid: created.tableid, id, name, blob, tags };
  }

  function insert(tableid: bigint, values: Array<[number, Buffer | null]>): Buffer {
    const { sesid } = fixture!;
    return transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      for (const [columnid, data] of values) jet.JetSetColumn(sesid, tableid, columnid, data);
      return jet.JetUpdate2(sesid, tableid);
    });
  }

  function seekId(tableid: bigint, id: number, grbit = JET_bitSeekEQ): number {
    const { sesid } = fixture!;
    jet.JetMakeKey(sesid, tableid, long(id), JET_bitNewKey);
    return jet.JetSeek(sesid, tableid, grbit);
  }

  function currentId(tableid: bigint, idColumn: number): number {
    return decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(fixture!.sesid, tableid, idColumn).value) as number;
  }

  it('creates, detaches, attaches and opens a database', () => {
    const { sesid, dbid, dbPath } = fixture!;
    expect(typeof dbid).toBe('number');
    expect(jet.JetCloseDatabase(sesid, dbid)).toBe(0);
    expect(jet.JetDetachDatabase2(sesid, dbPath)).toBe(0);
    expect(jet.JetAttachDatabase2(sesid, dbPath)).toBe(0);
    expect(jet.JetAttachDatabase2(sesid, dbPath)).toBe(JET_wrnDatabaseAttached);
    const reopened = jet.JetOpenDatabase(sesid, dbPath);
    expect(typeof reopened).toBe('number');
    expect(jet.JetCloseDatabase(sesid, reopened)).toBe(0);
  });

  it('refuses to create an attached database again and to attach a missing file', () => {
    const { sesid, dbPath, dir } = fixture!;
    expectJetError(() => jet.JetCreateDatabase2(sesid, dbPath), EsentDatabaseDuplicateError, -1201, 'JetCreateDatabase2');
    expectJetError(
      () => jet.JetAttachDatabase2(sesid, join(dir, 'missing.edb')),
      EsentFileNotFoundError,
      -1811,
      'JetAttachDatabase2',
    );
  });

  it('creates a table with columns and indexes in one call', () => {
    const { sesid, dbid } = fixture!;
    const { created, tableid } = people();
    expect(typeof created.tableid).toBe('bigint');
    expect(created.err).toBe(0);
    expect(created.cCreated).toBe(1 + 4 + 2);
    expect(created.columnErrors).toEqual([0, 0, 0, 0]);
    expect(created.indexErrors).toEqual([0, 0]);
    expect(new Set(created.columnids).size).toBe(4);
    expect(jet.JetCloseTable(sesid, tableid)).toBe(0);
    expectJetError(
      () => jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'people' }),
      EsentTableDuplicateError,
      -1303,
      'JetCreateTableColumnIndex3',
    );
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'nobody'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
  });

  it('attaches per-column errors to a failed JetCreateTableColumnIndex3', () => {
    const { sesid, dbid } = fixture!;
    const columns: JetColumnCreate[] = [
      { szColumnName: 'same', coltyp: JET_coltypLong },
      { szColumnName: 'same', coltyp: JET_coltypLong },
    ];
    const error = expectJetError(
      () => jet.JetCreateTableColumnIndex3(sesid, dbid, { szTableName: 'bad', rgcolumncreate: columns }),
      EsentColumnDuplicateError,
      -1508,
      'JetCreateTableColumnIndex3',
    ) as EsentError & { columnErrors?: number[]; indexErrors?: number[] };
    expect(error.columnErrors).toHaveLength(2);
    expect(error.indexErrors).toEqual([]);
  });

  it('round-trips a value of every column type', () => {
    const { sesid, dbid } = fixture!;
    const values: Array<[string, number, unknown, number?]> = [
      ['bit', JET_coltypBit, true],
      ['ubyte', JET_coltypUnsignedByte, 200],
      ['short', JET_coltypShort, -12345],
      ['ushort', JET_coltypUnsignedShort, 54321],
      ['long', JET_coltypLong, -7],
      ['ulong', JET_coltypUnsignedLong, 4000000000],
      ['longlong', JET_coltypLongLong, -(2n ** 62n)],
      ['ulonglong', JET_coltypUnsignedLongLong, 2n ** 63n + 5n],
      ['currency', JET_coltypCurrency, 123456789n],
      ['single', JET_coltypIEEESingle, 0.5],
      ['double', JET_coltypIEEEDouble, Math.PI],
      ['when', JET_coltypDateTime, new Date('2023-05-06T07:08:09.010Z')],
      ['guid', JET_coltypGUID, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'],
      ['bin', JET_coltypBinary, buf(0, 1, 2, 255)],
      ['text', JET_coltypText, 'héllo wörld', 1200],
      ['ascii', JET_coltypText, 'caf\u00e9 \u20ac', 1252],
      ['longbin', JET_coltypLongBinary, Buffer.alloc(20_000, 7)],
      ['longtext', JET_coltypLongText, 'ü'.repeat(5000), 1200],
    ];
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'everything',
      rgcolumncreate: values.map(([name, coltyp, , cp]) => ({ szColumnName: name, coltyp, cp: cp ?? 0 })),
    });
    const tableid = created.tableid;
    insert(
      tableid,
      values.map(([, coltyp, value, cp], i) => [created.columnids[i]!, encodeColumnValue(coltyp, value as never, cp)]),
    );
    expect(jet.JetMove(sesid, tableid, JET_MoveFirst)).toBe(0);
    values.forEach(([name, coltyp, value, cp], i) => {
      const got = jet.JetRetrieveColumn(sesid, tableid, created.columnids[i]!);
      expect(got.err, name).toBe(0);
      expect(decodeColumnValue(coltyp, got.value, cp), name).toEqual(value);
    });
    // The column definitions read back.
    const info = jet.JetGetTableColumnInfo(sesid, tableid, 'ascii');
    expect(info).toMatchObject({ coltyp: JET_coltypText, cp: 1252, columnid: created.columnids[15] });
    expect(jet.JetGetTableColumnInfo(sesid, tableid, created.columnids[0]!)).toMatchObject({
      coltyp: JET_coltypBit,
      columnid: created.columnids[0],
    });
  });

  it('reports NULL columns with JET_wrnColumnNull and value null', () => {
    const { sesid } = fixture!;
    const { tableid, id, name } = people();
    insert(tableid, [[id, long(1)]]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const got = jet.JetRetrieveColumn(sesid, tableid, name);
    expect(got).toEqual({ value: null, err: JET_wrnColumnNull, cbActual: 0, columnidNextTagged: 0 });
  });

  it('distinguishes a zero-length value from NULL', () => {
    const { sesid } = fixture!;
    const { tableid, id, blob } = people();
    transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(1));
      jet.JetSetColumn(sesid, tableid, blob, Buffer.alloc(0), JET_bitSetZeroLength);
      jet.JetUpdate2(sesid, tableid);
    });
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const got = jet.JetRetrieveColumn(sesid, tableid, blob);
    expect(got.err).toBe(0);
    expect(got.value).toEqual(Buffer.alloc(0));
  });

  it('returns values of any size whole, and truncates only at a caller limit', () => {
    const { sesid } = fixture!;
    const { tableid, id, blob } = people();
    const big = Buffer.alloc(100_000);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    insert(tableid, [
      [id, long(1)],
      [blob, big],
    ]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const whole = jet.JetRetrieveColumn(sesid, tableid, blob);
    expect(whole.err).toBe(0);
    expect(whole.cbActual).toBe(big.length);
    expect(whole.value!.equals(big)).toBe(true);

    const cut = jet.JetRetrieveColumn(sesid, tableid, blob, 0, null, 10);
    expect(cut.err).toBe(JET_wrnBufferTruncated);
    expect(cut.cbActual).toBe(big.length);
    expect(cut.value).toEqual(big.subarray(0, 10));

    const sizeOnly = jet.JetRetrieveColumn(sesid, tableid, blob, 0, null, 0);
    expect(sizeOnly).toMatchObject({ err: JET_wrnBufferTruncated, cbActual: big.length });
    expect(sizeOnly.value).toEqual(Buffer.alloc(0));

    const tail = jet.JetRetrieveColumn(sesid, tableid, blob, 0, { ibLongValue: big.length - 5 });
    expect(tail.value).toEqual(big.subarray(big.length - 5));
  });

  it('sets and retrieves several columns at once', () => {
    const { sesid } = fixture!;
    const { tableid, id, name, blob } = people();
    const entries = [
      { columnid: id, pvData: long(7) },
      { columnid: name, pvData: encodeColumnValue(JET_coltypText, 'seven') },
      { columnid: blob, pvData: Buffer.alloc(6000, 1) },
    ];
    transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      expect(jet.JetSetColumns(sesid, tableid, entries)).toBe(0);
      jet.JetUpdate2(sesid, tableid);
    });
    expect(entries.map((e) => (e as { err?: number }).err)).toEqual([0, 0, 0]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const got = jet.JetRetrieveColumns(sesid, tableid, [
      { columnid: blob },
      { columnid: name },
      { columnid: id },
      { columnid: blob, cbData: 4 },
    ]);
    expect(got).toHaveLength(4);
    expect(got[0]!.value).toEqual(Buffer.alloc(6000, 1));
    expect(got[0]!.err).toBe(0);
    expect(decodeColumnValue(JET_coltypText, got[1]!.value)).toBe('seven');
    expect(decodeColumnValue(JET_coltypLong, got[2]!.value)).toBe(7);
    expect(got[3]).toMatchObject({ err: JET_wrnBufferTruncated, cbActual: 6000 });
    expect(got[3]!.value).toEqual(Buffer.alloc(4, 1));
  });

  it('JetRetrieveColumns gives each entry bytes of its own, whatever form the entries take', () => {
    const { sesid } = fixture!;
    const { tableid, id, name, blob } = people();
    insert(tableid, [
      [id, long(9)],
      [name, encodeColumnValue(JET_coltypText, 'nine')],
      [blob, Buffer.alloc(5000, 2)],
    ]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const plain = jet.JetRetrieveColumns(sesid, tableid, [
      { columnid: id },
      { columnid: name, grbit: 0, itagSequence: 1, ibLongValue: 0, cbData: null as never },
      { columnid: blob, cbData: 3 },
      { columnid: blob },
    ]);
    expect(plain).toMatchObject([
      { value: long(9), err: 0, cbActual: 4, itagSequence: 1 },
      { value: encodeColumnValue(JET_coltypText, 'nine'), err: 0, cbActual: 8, itagSequence: 1 },
      { value: Buffer.alloc(3, 2), err: JET_wrnBufferTruncated, cbActual: 5000, itagSequence: 1 },
      { value: Buffer.alloc(5000, 2), err: 0, cbActual: 5000, itagSequence: 1 },
    ]);
    for (const entry of plain) {
      expect(Object.keys(entry)).toEqual(['value', 'err', 'cbActual', 'columnidNextTagged', 'itagSequence']);
      expect(Buffer.isBuffer(entry.value)).toBe(true);
    }
    // Writing into one value leaves the others as they were.
    plain[0]!.value!.fill(0xff);
    expect(plain[1]!.value).toEqual(encodeColumnValue(JET_coltypText, 'nine'));
    expect(plain[2]!.value).toEqual(Buffer.alloc(3, 2));
    // Entries of a class, with getters, and a getter that reads the record itself while
    // its entry is being read: the same results.
    class Spec {
      constructor(readonly columnid: number) {}
    }
    let inner: unknown;
    const reading = {
      get columnid() {
        inner = jet.JetRetrieveColumns(sesid, tableid, [{ columnid: id }, { columnid: name }]);
        return name;
      },
    };
    const mixed = jet.JetRetrieveColumns(sesid, tableid, [new Spec(id), reading, { columnid: id }]);
    expect(mixed.map((entry) => entry.value)).toEqual([long(9), encodeColumnValue(JET_coltypText, 'nine'), long(9)]);
    expect((inner as Array<{ value: Buffer }>).map((entry) => entry.value)).toEqual([
      long(9),
      encodeColumnValue(JET_coltypText, 'nine'),
    ]);
    // A bad field after good entries is named, as for a first entry.
    expect(() => jet.JetRetrieveColumns(sesid, tableid, [{ columnid: id }, { columnid: id, grbit: 'x' as never }])).toThrow(
      /'pretrievecolumn\[1\]\.grbit' must be a number, got a string/,
    );
    expect(() => jet.JetRetrieveColumns(sesid, tableid, [{ columnid: id }, { columnid: 1.5 }])).toThrow(
      /'pretrievecolumn\[1\]\.columnid' must be an integer/,
    );
    expect(jet.JetRetrieveColumns(sesid, tableid, [])).toEqual([]);
  });

  it('stores multi-valued columns by itagSequence', () => {
    const { sesid } = fixture!;
    const { tableid, id, tags } = people();
    transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
      jet.JetSetColumn(sesid, tableid, id, long(1));
      // Without a JET_SETINFO the first value is set; itagSequence 0 adds one more.
      jet.JetSetColumn(sesid, tableid, tags, long(10));
      jet.JetSetColumn(sesid, tableid, tags, long(20), 0, { itagSequence: 0 });
      jet.JetSetColumn(sesid, tableid, tags, long(30), 0, { itagSequence: 0 });
      jet.JetUpdate2(sesid, tableid);
    });
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const tag = (n: number) => jet.JetRetrieveColumn(sesid, tableid, tags, 0, { itagSequence: n });
    expect(decodeColumnValue(JET_coltypLong, tag(1).value)).toBe(10);
    expect(decodeColumnValue(JET_coltypLong, tag(2).value)).toBe(20);
    expect(decodeColumnValue(JET_coltypLong, tag(3).value)).toBe(30);
    expect(tag(4)).toMatchObject({ value: null, err: JET_wrnColumnNull });
    // itagSequence 0 in JetRetrieveColumns counts the values.
    const [count] = jet.JetRetrieveColumns(sesid, tableid, [{ columnid: tags, itagSequence: 0 }]);
    expect(count!.itagSequence).toBe(3);

    // Replace the second value, then remove the first (setting NULL at its itag).
    transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, tableid, tags, long(25), 0, { itagSequence: 2 });
      jet.JetSetColumn(sesid, tableid, tags, null, 0, { itagSequence: 1 });
      jet.JetUpdate2(sesid, tableid);
    });
    expect(decodeColumnValue(JET_coltypLong, tag(1).value)).toBe(25);
    expect(decodeColumnValue(JET_coltypLong, tag(2).value)).toBe(30);
    expect(tag(3).err).toBe(JET_wrnColumnNull);
  });

  it('seeks exactly, inexactly (JET_wrnSeekNotEqual) and fails with JET_errRecordNotFound', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    for (const n of [10, 20, 30]) insert(tableid, [[id, long(n)]]);
    expect(seekId(tableid, 20)).toBe(0);
    expect(currentId(tableid, id)).toBe(20);
    expect(seekId(tableid, 25, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    expect(currentId(tableid, id)).toBe(30);
    expect(seekId(tableid, 25, JET_bitSeekLE)).toBe(JET_wrnSeekNotEqual);
    expect(currentId(tableid, id)).toBe(20);
    expectJetError(() => seekId(tableid, 25), EsentRecordNotFoundError, -1601, 'JetSeek');
    expectJetError(() => seekId(tableid, 31, JET_bitSeekGE), EsentRecordNotFoundError, -1601, 'JetSeek');
  });

  it('moves first, last, next and previous, and reports the end with JET_errNoCurrentRecord', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    for (const n of [3, 1, 2]) insert(tableid, [[id, long(n)]]);
    expect(jet.JetMove(sesid, tableid, JET_MoveFirst)).toBe(0);
    expect(currentId(tableid, id)).toBe(1);
    expect(jet.JetMove(sesid, tableid, JET_MoveNext)).toBe(0);
    expect(currentId(tableid, id)).toBe(2);
    expect(jet.JetMove(sesid, tableid, JET_MoveLast)).toBe(0);
    expect(currentId(tableid, id)).toBe(3);
    expect(jet.JetMove(sesid, tableid, JET_MovePrevious)).toBe(0);
    expect(currentId(tableid, id)).toBe(2);
    jet.JetMove(sesid, tableid, JET_MoveLast);
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveNext), EsentNoCurrentRecordError, -1603, 'JetMove');
  });

  it('limits a cursor to an index range', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    for (const n of [10, 20, 30, 40]) insert(tableid, [[id, long(n)]]);
    expect(seekId(tableid, 15, JET_bitSeekGE)).toBe(JET_wrnSeekNotEqual);
    jet.JetMakeKey(sesid, tableid, long(30), JET_bitNewKey);
    expect(jet.JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive)).toBe(0);
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(2);
    // The count removed the range (dir.cxx ErrDIRIndexRecordCount) and left the cursor on 20.
    expect(currentId(tableid, id)).toBe(20);
    expectJetError(() => jet.JetSetIndexRange(sesid, tableid, JET_bitRangeRemove), EsentInvalidOperationError, -1906, 'JetSetIndexRange');
    jet.JetMakeKey(sesid, tableid, long(30), JET_bitNewKey);
    expect(jet.JetSetIndexRange(sesid, tableid, JET_bitRangeUpperLimit | JET_bitRangeInclusive)).toBe(0);
    const seen = [currentId(tableid, id)];
    for (;;) {
      try {
        jet.JetMove(sesid, tableid, JET_MoveNext);
      } catch (error) {
        expect(error).toBeInstanceOf(EsentNoCurrentRecordError);
        break;
      }
      seen.push(currentId(tableid, id));
    }
    expect(seen).toEqual([20, 30]);
    // Without a range the count runs to the end of the index; crecMax caps it.
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(jet.JetIndexRecordCount(sesid, tableid)).toBe(4);
    expect(jet.JetIndexRecordCount(sesid, tableid, 3)).toBe(3);
  });

  it('uses a secondary index chosen with JetSetCurrentIndex4 and goes back to the primary one', () => {
    const { sesid } = fixture!;
    const { tableid, id, name } = people();
    insert(tableid, [
      [id, long(1)],
      [name, encodeColumnValue(JET_coltypText, 'carol')],
    ]);
    insert(tableid, [
      [id, long(2)],
      [name, encodeColumnValue(JET_coltypText, 'alice')],
    ]);
    expect(jet.JetSetCurrentIndex4(sesid, tableid, 'byName')).toBe(0);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(currentId(tableid, id)).toBe(2);
    // JetSeek(JET_bitSeekEQ) matches whole keys, so every column of byName (name, id) is given.
    jet.JetMakeKey(sesid, tableid, encodeColumnValue(JET_coltypText, 'carol'), JET_bitNewKey);
    jet.JetMakeKey(sesid, tableid, long(1));
    expect(jet.JetSeek(sesid, tableid, JET_bitSeekEQ)).toBe(0);
    expect(currentId(tableid, id)).toBe(1);
    expect(jet.JetSetCurrentIndex4(sesid, tableid, null)).toBe(0);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(currentId(tableid, id)).toBe(1);
    expectJetError(
      () => jet.JetSetCurrentIndex4(sesid, tableid, 'noSuchIndex'),
      EsentIndexNotFoundError,
      -1404,
      'JetSetCurrentIndex4',
    );
  });

  it('returns bookmarks from JetUpdate2 and JetGetBookmark that JetGotoBookmark accepts', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    const first = insert(tableid, [[id, long(1)]]);
    insert(tableid, [[id, long(2)]]);
    expect(Buffer.isBuffer(first)).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    jet.JetMove(sesid, tableid, JET_MoveLast);
    const second = jet.JetGetBookmark(sesid, tableid);
    expect(jet.JetGotoBookmark(sesid, tableid, first)).toBe(0);
    expect(currentId(tableid, id)).toBe(1);
    expect(jet.JetGotoBookmark(sesid, tableid, new Uint8Array(second))).toBe(0);
    expect(currentId(tableid, id)).toBe(2);
  });

  it('retrieves the key of the current record and of a key being made', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    insert(tableid, [[id, long(42)]]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    const recordKey = jet.JetRetrieveKey(sesid, tableid);
    expect(recordKey.length).toBeGreaterThan(0);
    jet.JetMakeKey(sesid, tableid, long(42), JET_bitNewKey);
    expect(jet.JetRetrieveKey(sesid, tableid, JET_bitRetrieveCopy)).toEqual(recordKey);
  });

  it('replaces, cancels and deletes records', () => {
    const { sesid } = fixture!;
    const { tableid, id, name } = people();
    insert(tableid, [
      [id, long(1)],
      [name, encodeColumnValue(JET_coltypText, 'before')],
    ]);
    seekId(tableid, 1);
    transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, tableid, name, encodeColumnValue(JET_coltypText, 'after'));
      // The copy being prepared holds the new value; the record still the old one.
      const copy = jet.JetRetrieveColumn(sesid, tableid, name, JET_bitRetrieveCopy);
      expect(decodeColumnValue(JET_coltypText, copy.value)).toBe('after');
      jet.JetUpdate2(sesid, tableid);
    });
    expect(decodeColumnValue(JET_coltypText, jet.JetRetrieveColumn(sesid, tableid, name).value)).toBe('after');
    transaction(sesid, () => {
      jet.JetPrepareUpdate(sesid, tableid, JET_prepReplace);
      jet.JetSetColumn(sesid, tableid, name, encodeColumnValue(JET_coltypText, 'dropped'));
      jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    });
    expect(decodeColumnValue(JET_coltypText, jet.JetRetrieveColumn(sesid, tableid, name).value)).toBe('after');
    transaction(sesid, () => jet.JetDelete(sesid, tableid));
    expectJetError(() => seekId(tableid, 1), EsentRecordNotFoundError, -1601, 'JetSeek');
  });

  it('rolls back an insert with its transaction', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(5));
    jet.JetUpdate2(sesid, tableid);
    jet.JetRollback(sesid);
    expectJetError(() => seekId(tableid, 5), EsentRecordNotFoundError, -1601, 'JetSeek');
  });

  it('refuses a duplicate key in a unique index with JET_errKeyDuplicate', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    insert(tableid, [[id, long(1)]]);
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, tableid, id, long(1));
    expectJetError(() => jet.JetUpdate2(sesid, tableid), EsentKeyDuplicateError, -1605, 'JetUpdate2');
    jet.JetPrepareUpdate(sesid, tableid, JET_prepCancel);
    jet.JetRollback(sesid);
  });

  it('updates escrow columns and returns the previous value', () => {
    const { sesid, dbid } = fixture!;
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
      szTableName: 'counters',
      rgcolumncreate: [
        { szColumnName: 'id', coltyp: JET_coltypLong, grbit: JET_bitColumnFixed },
        {
          szColumnName: 'hits',
          coltyp: JET_coltypLong,
          grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate,
          pvDefault: long(100),
        },
      ],
      rgindexcreate: [{ szIndexName: 'pk', szKey: ['+id'], grbit: JET_bitIndexPrimary }],
    });
    const [idColumn, hits] = created.columnids as [number, number];
    insert(created.tableid, [[idColumn, long(1)]]);
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    const previous = transaction(sesid, () => jet.JetEscrowUpdate(sesid, created.tableid, hits, 5));
    expect(previous).toBe(100);
    expect(transaction(sesid, () => jet.JetEscrowUpdate(sesid, created.tableid, hits, -10))).toBe(105);
    expect(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, created.tableid, hits).value)).toBe(95);
  });

  // 64-bit escrow columns are a format feature (fcreate.cxx ErrFILEIAddColumn checks
  // JET_efvEscrow64): an instance whose JET_paramEngineFormatVersion is older refuses them.
  // ESE built as ESENT starts an instance at JET_efvExchange2016Cu1Rtm until Windows' downgrade
  // window has passed (jetapi.cxx, ErrUtilOsDowngradeWindowExpired), so the test sets it.
  const counters64 = {
    szTableName: 'counters64',
    rgcolumncreate: [
      { szColumnName: 'id', coltyp: JET_coltypLong, grbit: JET_bitColumnFixed },
      {
        szColumnName: 'total',
        coltyp: JET_coltypLongLong,
        grbit: JET_bitColumnFixed | JET_bitColumnEscrowUpdate,
        pvDefault: encodeColumnValue(JET_coltypLongLong, 0n),
      },
    ],
    rgindexcreate: [{ szIndexName: 'pk', szKey: '+id\0\0', grbit: JET_bitIndexPrimary }],
  };

  it('updates 64-bit escrow columns with bigint deltas', () => {
    close();
    const dir = tempDir();
    const instance = initRawInstance(dir, 'escrow64', [[JET_paramEngineFormatVersion, JET_efvEscrow64]]);
    const sesid = jet.JetBeginSession(instance);
    fixture = { dir, instance, sesid, dbPath: join(dir, 'test.edb'), dbid: 0 };
    const dbid = (fixture.dbid = jet.JetCreateDatabase2(sesid, fixture.dbPath));
    const created = jet.JetCreateTableColumnIndex3(sesid, dbid, counters64);
    const [idColumn, total] = created.columnids as [number, number];
    insert(created.tableid, [[idColumn, long(1)]]);
    jet.JetMove(sesid, created.tableid, JET_MoveFirst);
    expect(transaction(sesid, () => jet.JetEscrowUpdate(sesid, created.tableid, total, 1n << 40n))).toBe(0n);
    expect(transaction(sesid, () => jet.JetEscrowUpdate(sesid, created.tableid, total, 1n))).toBe(1n << 40n);
  });

  it('refuses 64-bit escrow columns below JET_efvEscrow64: EngineFormatVersionParamTooLowForRequestedFeature', () => {
    close();
    const dir = tempDir();
    const instance = initRawInstance(dir, 'escrow64', [[JET_paramEngineFormatVersion, JET_efvExchange2016Cu1Rtm]]);
    const sesid = jet.JetBeginSession(instance);
    fixture = { dir, instance, sesid, dbPath: join(dir, 'test.edb'), dbid: 0 };
    const dbid = (fixture.dbid = jet.JetCreateDatabase2(sesid, fixture.dbPath));
    expectJetError(
      () => jet.JetCreateTableColumnIndex3(sesid, dbid, counters64),
      EsentEngineFormatVersionParamTooLowForRequestedFeatureError,
      -621,
      'JetCreateTableColumnIndex3',
    );
    // A 32-bit escrow column needs no format feature.
    const long32 = {
      ...counters64,
      rgcolumncreate: [
        counters64.rgcolumncreate[0]!,
        { ...counters64.rgcolumncreate[1]!, coltyp: JET_coltypLong, pvDefault: encodeColumnValue(JET_coltypLong, 0) },
      ],
    };
    expect(jet.JetCreateTableColumnIndex3(sesid, dbid, long32).columnids).toHaveLength(2);
  });

  it('duplicates cursors that move independently', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    for (const n of [1, 2]) insert(tableid, [[id, long(n)]]);
    const other = jet.JetDupCursor(sesid, tableid);
    expect(typeof other).toBe('bigint');
    expect(other).not.toBe(tableid);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    jet.JetMove(sesid, other, JET_MoveLast);
    expect(currentId(tableid, id)).toBe(1);
    expect(currentId(other, id)).toBe(2);
    expect(jet.JetCloseTable(sesid, other)).toBe(0);
  });

  it('adds and deletes columns, indexes and tables', () => {
    const { sesid, dbid } = fixture!;
    const tableid = jet.JetCreateTable(sesid, dbid, 'plain');
    expect(typeof tableid).toBe('bigint');
    const a = jet.JetAddColumn(sesid, tableid, 'a', { coltyp: JET_coltypLong });
    const b = jet.JetAddColumn(sesid, tableid, 'b', { coltyp: JET_coltypText, cp: 1200 }, encodeColumnValue(JET_coltypText, 'dflt'));
    expect(typeof a).toBe('number');
    expect(b).not.toBe(a);
    expect(jet.JetGetTableColumnInfo(sesid, tableid, 'a', JET_ColInfo)).toMatchObject({ columnid: a, coltyp: JET_coltypLong });
    expect(jet.JetGetTableColumnInfo(sesid, tableid, b, JET_ColInfoByColid)).toMatchObject({ columnid: b, cp: 1200 });
    const base = jet.JetGetTableColumnInfo(sesid, tableid, 'b', JET_ColInfoBase);
    expect(base).toMatchObject({ columnid: b, szBaseTableName: 'plain', szBaseColumnName: 'b' });
    expectJetError(
      () => jet.JetAddColumn(sesid, tableid, 'a', { coltyp: JET_coltypLong }),
      EsentColumnDuplicateError,
      -1508,
      'JetAddColumn',
    );

    // A default value is what a record without the column reads.
    const indexes = [{ szIndexName: 'byA', szKey: ['+a'], grbit: JET_bitIndexUnique }];
    expect(jet.JetCreateIndex2(sesid, tableid, indexes)).toBe(0);
    expect((indexes[0] as { err?: number }).err).toBe(0);
    // The table's own (record-id) order counts as one, as in info.cxx ErrINFOGetTableIndexInfo.
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoCount)).toBe(2);
    insert(tableid, [[a, long(1)]]);
    jet.JetMove(sesid, tableid, JET_MoveFirst);
    expect(decodeColumnValue(JET_coltypText, jet.JetRetrieveColumn(sesid, tableid, b).value)).toBe('dflt');

    expect(jet.JetDeleteIndex(sesid, tableid, 'byA')).toBe(0);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoCount)).toBe(1);
    expect(jet.JetDeleteColumn2(sesid, tableid, 'b')).toBe(0);
    expectJetError(
      () => jet.JetGetTableColumnInfo(sesid, tableid, 'b'),
      EsentColumnNotFoundError,
      -1507,
      'JetGetTableColumnInfo',
    );
    expectJetError(() => jet.JetDeleteColumn2(sesid, tableid, 'b'), EsentColumnNotFoundError, -1507, 'JetDeleteColumn2');
    expect(jet.JetCloseTable(sesid, tableid)).toBe(0);
    expect(jet.JetDeleteTable(sesid, dbid, 'plain')).toBe(0);
    expectJetError(() => jet.JetOpenTable(sesid, dbid, 'plain'), EsentObjectNotFoundError, -1305, 'JetOpenTable');
    expectJetError(() => jet.JetDeleteTable(sesid, dbid, 'plain'), EsentObjectNotFoundError, -1305, 'JetDeleteTable');
  });

  it('describes tables with JetGetTableInfo', () => {
    const { sesid, dbid } = fixture!;
    const { tableid } = people();
    const info = jet.JetGetTableInfo(sesid, tableid, JET_TblInfo);
    expect(info.objtyp).toBe(JET_objtypTable);
    expect(Object.keys(info).sort()).toEqual(['cPage', 'cRecord', 'flags', 'grbit', 'objtyp']);
    expect(jet.JetGetTableInfo(sesid, tableid)).toEqual(info);
    expect(jet.JetGetTableInfo(sesid, tableid, JET_TblInfoName)).toBe('people');
    expect(jet.JetGetTableInfo(sesid, tableid, JET_TblInfoDbid)).toBe(dbid);
    expect(jet.JetGetTableIndexInfo(sesid, tableid, null, JET_IdxInfoCount)).toBe(2);
  });

  it('reports the record position', () => {
    const { sesid } = fixture!;
    const { tableid, id } = people();
    for (const n of [1, 2, 3]) insert(tableid, [[id, long(n)]]);
    jet.JetMove(sesid, tableid, JET_MoveLast);
    const position = jet.JetGetRecordPosition(sesid, tableid);
    expect(Object.keys(position).sort()).toEqual(['centriesInRange', 'centriesLT', 'centriesTotal']);
    expect(position.centriesTotal).toBeGreaterThanOrEqual(position.centriesLT);
    expect(position.centriesTotal).toBeGreaterThan(0);
  });

  it('opens tables by name with grbits, and closes them', () => {
    const { sesid, dbid } = fixture!;
    const { tableid } = people();
    jet.JetCloseTable(sesid, tableid);
    const opened = jet.JetOpenTable(sesid, dbid, 'people', JET_bitTableDenyRead);
    expect(typeof opened).toBe('bigint');
    expect(jet.JetCloseTable(sesid, opened)).toBe(0);
  });

  it('closes the cursors that a rolled-back transaction level opened', () => {
    const { sesid, dbid } = fixture!;
    const { tableid } = people(); // opened outside any transaction
    const name = (cursor: bigint) => jet.JetGetTableInfo(sesid, cursor, JET_TblInfoName);
    jet.JetBeginTransaction(sesid);
    const outer = jet.JetOpenTable(sesid, dbid, 'people');
    jet.JetBeginTransaction(sesid);
    const inner = jet.JetOpenTable(sesid, dbid, 'people');
    const dup = jet.JetDupCursor(sesid, outer);
    jet.JetBeginTransaction(sesid);
    const handedDown = jet.JetOpenTable(sesid, dbid, 'people');
    jet.JetCommitTransaction(sesid); // level 3 commits into level 2
    jet.JetRollback(sesid); // level 2 rolls back
    for (const closed of [inner, dup, handedDown]) {
      expectJetError(() => name(closed), EsentInvalidTableIdError, -1310, 'JetGetTableInfo');
    }
    expect(name(outer)).toBe('people');
    jet.JetCommitTransaction(sesid); // level 1 commits: its cursors stay open
    jet.JetBeginTransaction(sesid);
    jet.JetRollback(sesid);
    expect(name(outer)).toBe('people');
    expect(name(tableid)).toBe('people');
  });

  it('checks the session and table handles together, before the instance state', () => {
    const { instance, sesid } = fixture!;
    const { tableid } = people();
    const other = jet.JetBeginSession(instance);
    // A live table id of another session is a mismatch, whatever the call.
    expectJetError(() => jet.JetMove(other, tableid, JET_MoveFirst), EsentSesidTableIdMismatchError, -1114, 'JetMove');
    expectJetError(() => jet.JetRetrieveColumn(other, tableid, 1), EsentSesidTableIdMismatchError, -1114, 'JetRetrieveColumn');
    expectJetError(() => jet.JetCloseTable(other, tableid), EsentSesidTableIdMismatchError, -1114, 'JetCloseTable');
    const closed = jet.JetDupCursor(sesid, tableid);
    expect(jet.JetCloseTable(sesid, closed)).toBe(0);
    // The handles are checked before the stopped instance refuses the call.
    jet.JetStopServiceInstance2(instance, 0);
    expectJetError(() => jet.JetDelete(other, tableid), EsentSesidTableIdMismatchError, -1114, 'JetDelete');
    expectJetError(() => jet.JetMove(sesid, closed, JET_MoveFirst), EsentInvalidTableIdError, -1310, 'JetMove');
    expectJetError(() => jet.JetMove(sesid, 0n, JET_MoveFirst), EsentInvalidTableIdError, -1310, 'JetMove');
    expectJetError(() => jet.JetMove(sesid, tableid, JET_MoveFirst), EsentClientRequestToStopJetServiceError, -1329, 'JetMove');
  });
});
