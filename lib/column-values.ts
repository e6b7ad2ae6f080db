// Column values as ESE stores them, converted to and from JavaScript values. `jet` moves
// raw bytes (JetSetColumn, JetRetrieveColumn, JetMakeKey); these converters give those
// bytes their column type's meaning. They never call the engine.
//
// | coltyp | JavaScript value | bytes |
// | --- | --- | --- |
// | Bit | boolean | 1 byte: 0 is false, anything else true; true is written as 0xFF |
// | UnsignedByte | number 0..255 | 1 |
// | Short / UnsignedShort | number | 2, little-endian |
// | Long / UnsignedLong | number | 4, little-endian |
// | LongLong / UnsignedLongLong | bigint (numbers accepted when encoding) | 8, little-endian |
// | Currency | bigint, in units of 1/10000 (numbers accepted when encoding) | 8, signed |
// | IEEESingle / IEEEDouble | number | 4 / 8, IEEE 754 |
// | DateTime | Date | 8: an OLE Automation date, see below |
// | GUID | string 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' | 16, Windows GUID layout |
// | Binary / LongBinary | Buffer | as is |
// | Text / LongText | string | cp 1200: UTF-16LE; cp 1252: Windows-1252 |
//
// DateTime: ESE stores the OLE Automation date, a double counting days from 1899-12-30
// 00:00 with the time of day as the fraction (for dates before the epoch the fraction still
// counts forward: -1.25 is 1899-12-29 06:00). The date has no time zone; it is read and
// written as UTC, so the Date's UTC fields are the stored fields. A double's precision at
// today's dates is about a microsecond; decoding rounds to the millisecond, which is all a
// Date holds, so every Date in range survives a round trip. The range is that of OLE
// dates: years 100 to 9999.

import {
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
  JET_coltypShort,
  JET_coltypText,
  JET_coltypUnsignedByte,
  JET_coltypUnsignedLong,
  JET_coltypUnsignedLongLong,
  JET_coltypUnsignedShort,
} from './constants.js';
import { columnTypeOf } from './column-types.js';

/** The JavaScript value of each column type, as decodeColumnValue returns it. */
export interface ColumnValueTypes {
  1: boolean;
  2: number;
  3: number;
  4: number;
  5: bigint;
  6: number;
  7: number;
  8: Date;
  9: Buffer;
  10: string;
  11: Buffer;
  12: string;
  14: number;
  15: bigint;
  16: string;
  17: number;
  18: bigint;
}

/** Any decoded column value. */
export type ColumnValue = ColumnValueTypes[keyof ColumnValueTypes];

/** What encodeColumnValue accepts for each column type. */
export interface ColumnInputTypes {
  1: boolean;
  2: number;
  3: number;
  4: number;
  5: bigint | number;
  6: number;
  7: number;
  8: Date;
  9: ArrayBufferView;
  10: string;
  11: ArrayBufferView;
  12: string;
  14: number;
  15: bigint | number;
  16: string;
  17: number;
  18: bigint | number;
}

type Decoded<C extends number> = C extends keyof ColumnValueTypes ? ColumnValueTypes[C] : ColumnValue;
type Input<C extends number> = C extends keyof ColumnInputTypes ? ColumnInputTypes[C] : unknown;

const UNICODE = 1200;
const WINDOWS_1252 = 1252;

/** 1899-12-30T00:00:00Z, day 0 of OLE Automation dates. */
const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;
/** OLE dates lie strictly between these (years 100 to 9999). */
const OLE_MIN_DAYS = -657_435;
const OLE_MAX_DAYS = 2_958_466;

// Windows-1252 bytes 0x80..0x9F. The five bytes the code page leaves unassigned map to
// the C1 control with the same number, as Windows does, so every byte string decodes.
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];
const CP1252_ENCODE = new Map<number, number>(CP1252_HIGH.map((code, i) => [code, 0x80 + i]));

function nameOf(coltyp: number): string {
  if (coltyp === 0) return 'JET_coltypNil';
  return columnTypeOf(coltyp)?.jetName ?? `column type ${coltyp}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (ArrayBuffer.isView(value)) return 'a Buffer';
  const type = typeof value;
  return type === 'object' ? 'an object' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeError(coltyp: number, expected: string, value: unknown): TypeError {
  return new TypeError(`${nameOf(coltyp)} value must be ${expected}, got ${kindOf(value)}`);
}

function rangeError(coltyp: number, message: string): RangeError {
  return new RangeError(`${nameOf(coltyp)} value ${message}`);
}

function requireKnown(coltyp: number): void {
  if (coltyp === 0) throw new RangeError('JET_coltypNil has no values');
  if (!Number.isInteger(coltyp) || columnTypeOf(coltyp) === undefined) {
    throw new RangeError(`unknown column type ${String(coltyp)}`);
  }
}

function codePage(coltyp: number, cp: number | undefined): number {
  const page = cp ?? UNICODE;
  if (page !== UNICODE && page !== WINDOWS_1252) {
    throw new RangeError(`${nameOf(coltyp)} code page must be 1200 (UTF-16LE) or 1252 (Windows-1252), got ${page}`);
  }
  return page;
}

function integer(coltyp: number, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') throw typeError(coltyp, 'a number', value);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw rangeError(coltyp, `must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function integer64(coltyp: number, value: unknown, min: bigint, max: bigint): bigint {
  let big: bigint;
  if (typeof value === 'bigint') {
    big = value;
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw rangeError(coltyp, `must be a bigint or a safe integer, got ${value}`);
    }
    big = BigInt(value);
  } else {
    throw typeError(coltyp, 'a bigint', value);
  }
  if (big < min || big > max) throw rangeError(coltyp, `must be from ${min} to ${max}, got ${big}`);
  return big;
}

function toBuffer(view: ArrayBufferView): Buffer {
  return Buffer.isBuffer(view) ? view : Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

function encodeText(coltyp: number, value: string, cp: number): Buffer {
  if (cp === UNICODE) return Buffer.from(value, 'utf16le');
  const out = Buffer.allocUnsafe(value.length);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let byte: number | undefined;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) byte = code;
    else byte = CP1252_ENCODE.get(code);
    if (byte === undefined) {
      throw rangeError(
        coltyp,
        `has a character Windows-1252 cannot hold: U+${code.toString(16).toUpperCase().padStart(4, '0')} at ${i}`,
      );
    }
    out[i] = byte;
  }
  return out;
}

function decodeText(coltyp: number, data: Buffer, cp: number): string {
  if (cp === UNICODE) {
    if (data.length % 2 !== 0) throw rangeError(coltyp, `in UTF-16 must have an even length, got ${data.length} bytes`);
    return data.toString('utf16le');
  }
  let text = '';
  for (let start = 0; start < data.length; start += 8192) {
    const end = Math.min(start + 8192, data.length);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const byte = data[i]!;
      codes[i - start] = byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : byte;
    }
    text += String.fromCharCode(...codes);
  }
  return text;
}

const GUID_PATTERN = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;

function encodeGuid(coltyp: number, value: unknown): Buffer {
  if (typeof value !== 'string') throw typeError(coltyp, 'a GUID string', value);
  const match = GUID_PATTERN.exec(value);
  if (!match || value.startsWith('{') !== value.endsWith('}')) {
    throw rangeError(coltyp, `must be a GUID like 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', got '${value}'`);
  }
  const out = Buffer.alloc(16);
  // Data1, Data2 and Data3 are little-endian integers in a Windows GUID; Data4 is 8 bytes as written.
  out.writeUInt32LE(parseInt(match[1]!, 16), 0);
  out.writeUInt16LE(parseInt(match[2]!, 16), 4);
  out.writeUInt16LE(parseInt(match[3]!, 16), 6);
  Buffer.from(match[4]! + match[5]!, 'hex').copy(out, 8);
  return out;
}

function decodeGuid(data: Buffer): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const tail = data.toString('hex', 8, 16);
  return `${hex(data.readUInt32LE(0), 8)}-${hex(data.readUInt16LE(4), 4)}-${hex(data.readUInt16LE(6), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

function dateToOle(coltyp: number, value: unknown): number {
  if (!(value instanceof Date)) throw typeError(coltyp, 'a Date', value);
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw rangeError(coltyp, 'must be a valid Date, got an Invalid Date');
  const days = (ms - OLE_EPOCH_MS) / MS_PER_DAY;
  if (!(days > OLE_MIN_DAYS && days < OLE_MAX_DAYS)) {
    throw rangeError(coltyp, `must be between the years 100 and 9999, got ${value.toISOString()}`);
  }
  if (days >= 0) return days;
  // Before the epoch the whole days count back while the fraction still counts forward.
  const whole = Math.floor(days);
  const fraction = days - whole;
  return fraction === 0 ? whole : whole - fraction;
}

function oleToDate(coltyp: number, days: number): Date {
  if (!Number.isFinite(days)) throw rangeError(coltyp, `is not a date: ${days}`);
  let ms: number;
  if (days >= 0) {
    ms = days * MS_PER_DAY;
  } else {
    const whole = Math.ceil(days);
    ms = whole * MS_PER_DAY + (whole - days) * MS_PER_DAY;
  }
  return new Date(OLE_EPOCH_MS + Math.round(ms));
}

/**
 * The bytes ESE stores for `value` in a column of type `coltyp` (a JET_coltyp* value),
 * ready for JetSetColumn or JetMakeKey. `null` gives null (a NULL column). `cp` is the
 * code page of Text and LongText columns: 1200 (UTF-16LE, the default) or 1252.
 *
 * A value of the wrong kind throws TypeError; a value of the right kind that the type
 * cannot hold (out of range, not an integer, an unencodable character, a malformed GUID)
 * throws RangeError. Both name the column type. Binary values may share memory with the
 * view given.
 */
export function encodeColumnValue<C extends number>(coltyp: C, value: Input<C> | null, cp?: number): Buffer | null;
export function encodeColumnValue(coltyp: number, value: unknown, cp?: number): Buffer | null {
  requireKnown(coltyp);
  if (value === null) return null;
  switch (coltyp) {
    case JET_coltypBit:
      if (typeof value !== 'boolean') throw typeError(coltyp, 'a boolean', value);
      return Buffer.from([value ? 0xff : 0x00]);
    case JET_coltypUnsignedByte:
      return Buffer.from([integer(coltyp, value, 0, 0xff)]);
    case JET_coltypShort: {
      const out = Buffer.allocUnsafe(2);
      out.writeInt16LE(integer(coltyp, value, -0x8000, 0x7fff));
      return out;
    }
    case JET_coltypUnsignedShort: {
      const out = Buffer.allocUnsafe(2);
      out.writeUInt16LE(integer(coltyp, value, 0, 0xffff));
      return out;
    }
    case JET_coltypLong: {
      const out = Buffer.allocUnsafe(4);
      out.writeInt32LE(integer(coltyp, value, -0x80000000, 0x7fffffff));
      return out;
    }
    case JET_coltypUnsignedLong: {
      const out = Buffer.allocUnsafe(4);
      out.writeUInt32LE(integer(coltyp, value, 0, 0xffffffff));
      return out;
    }
    case JET_coltypLongLong:
    case JET_coltypCurrency: {
      const out = Buffer.allocUnsafe(8);
      out.writeBigInt64LE(integer64(coltyp, value, -(1n << 63n), (1n << 63n) - 1n));
      return out;
    }
    case JET_coltypUnsignedLongLong: {
      const out = Buffer.allocUnsafe(8);
      out.writeBigUInt64LE(integer64(coltyp, value, 0n, (1n << 64n) - 1n));
      return out;
    }
    case JET_coltypIEEESingle: {
      if (typeof value !== 'number') throw typeError(coltyp, 'a number', value);
      if (Number.isFinite(value) && !Number.isFinite(Math.fround(value))) {
        throw rangeError(coltyp, `is outside the range of a 32-bit float: ${value}`);
      }
      const out = Buffer.allocUnsafe(4);
      out.writeFloatLE(value);
      return out;
    }
    case JET_coltypIEEEDouble: {
      if (typeof value !== 'number') throw typeError(coltyp, 'a number', value);
      const out = Buffer.allocUnsafe(8);
      out.writeDoubleLE(value);
      return out;
    }
    case JET_coltypDateTime: {
      const out = Buffer.allocUnsafe(8);
      out.writeDoubleLE(dateToOle(coltyp, value));
      return out;
    }
    case JET_coltypGUID:
      return encodeGuid(coltyp, value);
    case JET_coltypBinary:
    case JET_coltypLongBinary:
      if (!ArrayBuffer.isView(value)) throw typeError(coltyp, 'a Buffer or Uint8Array', value);
      return toBuffer(value);
    default: {
      // JET_coltypText, JET_coltypLongText: the only types left once requireKnown passed.
      if (typeof value !== 'string') throw typeError(coltyp, 'a string', value);
      return encodeText(coltyp, value, codePage(coltyp, cp));
    }
  }
}

/**
 * The JavaScript value of `data` (bytes from JetRetrieveColumn) in a column of type
 * `coltyp`. `null` (a NULL column) gives null. `cp` as for encodeColumnValue. Bytes of the
 * wrong length for a fixed-size type (or an odd length for UTF-16) throw RangeError.
 * Binary values share memory with `data`.
 */
export function decodeColumnValue<C extends number>(
  coltyp: C,
  data: ArrayBufferView | null,
  cp?: number,
): Decoded<C> | null;
export function decodeColumnValue(coltyp: number, data: ArrayBufferView | null, cp?: number): ColumnValue | null {
  requireKnown(coltyp);
  if (data === null) return null;
  if (!ArrayBuffer.isView(data)) throw new TypeError(`${nameOf(coltyp)} bytes must be a Buffer, got ${kindOf(data)}`);
  const bytes = toBuffer(data);
  const size = columnTypeOf(coltyp)!.size;
  if (size !== 0 && bytes.length !== size) {
    throw rangeError(coltyp, `must be ${size} byte${size === 1 ? '' : 's'}, got ${bytes.length}`);
  }
  switch (coltyp) {
    case JET_coltypBit:
      return bytes[0] !== 0;
    case JET_coltypUnsignedByte:
      return bytes[0]!;
    case JET_coltypShort:
      return bytes.readInt16LE(0);
    case JET_coltypUnsignedShort:
      return bytes.readUInt16LE(0);
    case JET_coltypLong:
      return bytes.readInt32LE(0);
    case JET_coltypUnsignedLong:
      return bytes.readUInt32LE(0);
    case JET_coltypLongLong:
    case JET_coltypCurrency:
      return bytes.readBigInt64LE(0);
    case JET_coltypUnsignedLongLong:
      return bytes.readBigUInt64LE(0);
    case JET_coltypIEEESingle:
      return bytes.readFloatLE(0);
    case JET_coltypIEEEDouble:
      return bytes.readDoubleLE(0);
    case JET_coltypDateTime:
      return oleToDate(coltyp, bytes.readDoubleLE(0));
    case JET_coltypGUID:
      return decodeGuid(bytes);
    case JET_coltypBinary:
    case JET_coltypLongBinary:
      return bytes;
    default:
      return decodeText(coltyp, bytes, codePage(coltyp, cp));
  }
}
