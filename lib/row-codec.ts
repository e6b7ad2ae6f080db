// Rows and keys in the wire format of the session calls, the JavaScript half of
// native/addon/session_calls/wire.h (the format is stated there). Values are checked and
// converted to bytes here, before a call is queued; the pool thread sees only bytes.

import {
  JET_coltypBinary,
  JET_coltypBit,
  JET_coltypCurrency,
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
import type { CompiledColumn, CompiledIndex, CompiledSchema } from './schema.js';
import { CP_UNICODE, decodeValue, encodeValue } from './schema.js';

const NULL_LENGTH = 0xffffffff;
// Text up to this many UTF-16 units is copied unit by unit; longer text through Buffer.write.
const SHORT_TEXT = 32;

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Stores `value` (0 to 2^32 - 1) little-endian at `at`, byte by byte: on the hot path this
 * is several times cheaper than Buffer's writeUInt32LE, whose checks the callers here do not
 * need (their values are lengths, counts and column ids).
 */
function put32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value;
  bytes[at + 1] = value >>> 8;
  bytes[at + 2] = value >>> 16;
  bytes[at + 3] = value >>> 24;
}

/** A growable little-endian byte buffer. */
export class Writer {
  #buffer = Buffer.allocUnsafe(256);
  #view: DataView | null = null;
  #length = 0;

  #reserve(n: number): void {
    if (this.#length + n <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.#length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buffer.copy(next, 0, 0, this.#length);
    this.#buffer = next;
    this.#view = null;
  }

  get length(): number {
    return this.#length;
  }

  /** Empties it for reuse; what finish() returned before must no longer be needed. */
  reset(): this {
    this.#length = 0;
    return this;
  }

  /** Room for `n` more bytes at `this.length`: the buffer to write them into. */
  room(n: number): Buffer {
    this.#reserve(n);
    return this.#buffer;
  }

  /** A DataView of the buffer room() last gave (for 64-bit and floating-point stores). */
  view(): DataView {
    if (this.#view === null) this.#view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset, this.#buffer.length);
    return this.#view;
  }

  /** Counts `n` bytes written into room(). */
  advance(n: number): void {
    this.#length += n;
  }

  u32(value: number): void {
    this.#reserve(4);
    put32(this.#buffer, this.#length, value);
    this.#length += 4;
  }

  /** Three u32s at once: an entry's column id, itagSequence and count of values. */
  u32x3(a: number, b: number, c: number): void {
    this.#reserve(12);
    const buffer = this.#buffer;
    const at = this.#length;
    put32(buffer, at, a);
    put32(buffer, at + 4, b);
    put32(buffer, at + 8, c);
    this.#length = at + 12;
  }

  patch(at: number, value: number): void {
    put32(this.#buffer, at, value);
  }

  value(bytes: Buffer | null): void {
    if (bytes === null) {
      this.u32(NULL_LENGTH);
      return;
    }
    this.#reserve(4 + bytes.length);
    put32(this.#buffer, this.#length, bytes.length);
    bytes.copy(this.#buffer, this.#length + 4);
    this.#length += 4 + bytes.length;
  }

  finish(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }
}

/** Reads records back. */
export class Reader {
  #at = 0;
  constructor(readonly bytes: Buffer) {}

  /** Where the next read starts. */
  get at(): number {
    return this.#at;
  }

  skip(n: number): void {
    this.#at += n;
  }

  u32(): number {
    const value = this.bytes.readUInt32LE(this.#at);
    this.#at += 4;
    return value;
  }

  value(): Buffer | null {
    const length = this.u32();
    if (length === NULL_LENGTH) return null;
    const value = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return value;
  }
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/**
 * The value a row object gives `column`: only its own property. A column may be named as
 * something every object inherits (`constructor`, `toString`, `__proto__`), which a row
 * without that key would otherwise seem to give.
 */
export function columnValue(row: Record<string, unknown>, column: CompiledColumn): unknown {
  return column.inherited && !Object.hasOwn(row, column.name) ? undefined : row[column.name];
}

export type RowWrite = 'insert' | 'insertMany' | 'update';

/**
 * Appends `value` (not null) for `column` as one wire value, encoding it in place for the
 * common types. Anything the in-place path does not take (other types, or a value it would
 * refuse) goes through encodeValue, which gives the same bytes or the error.
 */
export function writeValue(writer: Writer, column: CompiledColumn, value: unknown): void {
  let buffer: Buffer;
  const at = writer.length;
  switch (column.coltyp) {
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
      if (column.coltyp === JET_coltypLong ? !isInteger(value, -0x80000000, 0x7fffffff) : !isInteger(value, 0, 0xffffffff)) {
        break;
      }
      buffer = writer.room(8);
      put32(buffer, at, 4);
      put32(buffer, at + 4, (value as number) >>> 0);
      writer.advance(8);
      return;
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
      if (column.coltyp === JET_coltypShort ? !isInteger(value, -0x8000, 0x7fff) : !isInteger(value, 0, 0xffff)) break;
      buffer = writer.room(6);
      put32(buffer, at, 2);
      buffer[at + 4] = value as number;
      buffer[at + 5] = (value as number) >>> 8;
      writer.advance(6);
      return;
    case JET_coltypUnsignedByte:
    case JET_coltypBit: {
      let byte: number;
      if (column.coltyp === JET_coltypBit) {
        if (typeof value !== 'boolean') break;
        byte = value ? 0xff : 0;
      } else {
        if (!isInteger(value, 0, 0xff)) break;
        byte = value;
      }
      buffer = writer.room(5);
      put32(buffer, at, 1);
      buffer[at + 4] = byte;
      writer.advance(5);
      return;
    }
    case JET_coltypLongLong:
    case JET_coltypCurrency:
    case JET_coltypUnsignedLongLong: {
      const big = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value as number) : null;
      if (big === null) break;
      const unsigned = column.coltyp === JET_coltypUnsignedLongLong;
      // In range exactly when wrapping it to 64 bits leaves it unchanged.
      if ((unsigned ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big)) !== big) break;
      buffer = writer.room(12);
      put32(buffer, at, 8);
      if (unsigned) writer.view().setBigUint64(at + 4, big, true);
      else writer.view().setBigInt64(at + 4, big, true);
      writer.advance(12);
      return;
    }
    case JET_coltypIEEEDouble:
      if (typeof value !== 'number') break;
      buffer = writer.room(12);
      put32(buffer, at, 8);
      writer.view().setFloat64(at + 4, value, true);
      writer.advance(12);
      return;
    case JET_coltypText:
    case JET_coltypLongText: {
      if (typeof value !== 'string' || column.cp !== CP_UNICODE) break;
      const size = value.length * 2;
      if (size > column.maxBytes) break;
      buffer = writer.room(4 + size);
      put32(buffer, at, size);
      if (value.length <= SHORT_TEXT) {
        // UTF-16 code units as they are, as Buffer's 'utf16le' writes them; a short string
        // costs less this way than a call into Buffer.write.
        for (let i = 0, to = at + 4; i < value.length; i++, to += 2) {
          const unit = value.charCodeAt(i);
          buffer[to] = unit;
          buffer[to + 1] = unit >>> 8;
        }
      } else {
        buffer.write(value, at + 4, size, 'utf16le');
      }
      writer.advance(4 + size);
      return;
    }
    case JET_coltypBinary:
    case JET_coltypLongBinary: {
      if (!(value instanceof Uint8Array) || value.length > column.maxBytes) break;
      buffer = writer.room(4 + value.length);
      put32(buffer, at, value.length);
      buffer.set(value, at + 4);
      writer.advance(4 + value.length);
      return;
    }
  }
  writer.value(encodeValue(column, value));
}

/**
 * The value a row holds once `value` (not null, accepted by writeValue) is stored: what
 * reading it back would give, without the round trip for the common types.
 */
export function storedValue(column: CompiledColumn, value: unknown): unknown {
  switch (column.coltyp) {
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
    case JET_coltypUnsignedByte:
    case JET_coltypBit:
    case JET_coltypIEEEDouble:
      return value;
    case JET_coltypIEEESingle:
      return Math.fround(value as number);
    case JET_coltypLongLong:
    case JET_coltypCurrency:
    case JET_coltypUnsignedLongLong:
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case JET_coltypText:
    case JET_coltypLongText:
      if (column.cp === CP_UNICODE) return value;
      break;
    case JET_coltypBinary:
    case JET_coltypLongBinary:
      return Buffer.from(value as Uint8Array);
  }
  return decodeValue(column, encodeValue(column, value));
}

type ValueDecoder = (bytes: Buffer, at: number, length: number) => unknown;
type ColumnReader = (reader: Reader) => unknown;

/** The conversion of one column's wire values, chosen once: the common sizes read in place. */
function valueDecoder(column: CompiledColumn): ValueDecoder {
  const other: ValueDecoder = (bytes, at, length) => decodeValue(column, bytes.subarray(at, at + length));
  switch (column.coltyp) {
    case JET_coltypLong:
      return (bytes, at, length) => (length === 4 ? bytes.readInt32LE(at) : other(bytes, at, length));
    case JET_coltypUnsignedLong:
      return (bytes, at, length) => (length === 4 ? bytes.readUInt32LE(at) : other(bytes, at, length));
    case JET_coltypLongLong:
    case JET_coltypCurrency:
      return (bytes, at, length) => (length === 8 ? bytes.readBigInt64LE(at) : other(bytes, at, length));
    case JET_coltypUnsignedLongLong:
      return (bytes, at, length) => (length === 8 ? bytes.readBigUInt64LE(at) : other(bytes, at, length));
    case JET_coltypIEEEDouble:
      return (bytes, at, length) => (length === 8 ? bytes.readDoubleLE(at) : other(bytes, at, length));
    case JET_coltypText:
    case JET_coltypLongText:
      if (column.cp !== CP_UNICODE) return other;
      return (bytes, at, length) => (length % 2 === 0 ? bytes.toString('utf16le', at, at + length) : other(bytes, at, length));
  }
  return other;
}

/**
 * A reader of one column of a record (its count of values, then each value) as a function
 * of its own: see compileRowReader. A single-valued column reads its first value, or null.
 */
function columnReader(column: CompiledColumn): ColumnReader {
  const decode = valueDecoder(column);
  const one = (reader: Reader): unknown => {
    const length = reader.u32();
    if (length === NULL_LENGTH) return null;
    const at = reader.at;
    reader.skip(length);
    return decode(reader.bytes, at, length);
  };
  if (column.multiValued) {
    return (reader) => {
      const count = reader.u32();
      const values: unknown[] = new Array(count);
      for (let i = 0; i < count; i++) values[i] = one(reader);
      return values;
    };
  }
  return (reader) => {
    const count = reader.u32();
    let value: unknown = null;
    for (let i = 0; i < count; i++) {
      const read = one(reader);
      if (i === 0) value = read;
    }
    return value;
  };
}

/**
 * A function reading a whole record into one object literal of the schema's columns, in
 * order, each read by a reader of its own: every row gets one hidden class from its
 * creation, with no keyed stores by a column name only known at run time, and each column's
 * call site sees one reader. Null when it cannot be made: a column named __proto__ (a
 * literal would set the prototype), or a process that forbids code from strings.
 */
function compileRowReader(
  columns: readonly CompiledColumn[],
  readers: readonly ColumnReader[],
): ((reader: Reader) => Record<string, unknown>) | null {
  if (columns.some((column) => column.name === '__proto__')) return null;
  const fields = columns.map((column, i) => `${JSON.stringify(column.name)}: r[${i}](reader)`);
  try {
    // Property values are evaluated in source order, the order of the columns on the wire.
    const make = new Function('r', `return function readRow(reader) { return { ${fields.join(', ')} }; };`);
    return make(readers) as (reader: Reader) => Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The rows and keys of one table: its compiled schema and the columnids the engine gave. */
export class RowCodec {
  readonly #schema: CompiledSchema;
  readonly #columnids: readonly number[];

  readonly #template: Record<string, unknown>;
  // By column position.
  readonly #columnReaders: readonly ColumnReader[];
  readonly #readRow: ((reader: Reader) => Record<string, unknown>) | null;

  constructor(schema: CompiledSchema, columnids: readonly number[]) {
    this.#schema = schema;
    this.#columnids = columnids;
    this.#template = Object.fromEntries(schema.columns.map((column) => [column.name, null]));
    this.#columnReaders = schema.columns.map(columnReader);
    this.#readRow = compileRowReader(schema.columns, this.#columnReaders);
  }

  /** A row of nulls (empty arrays for multi-valued columns) in schema order. */
  emptyRow(): Record<string, unknown> {
    const row = { ...this.#template };
    for (const column of this.#schema.columns) if (column.multiValued) row[column.name] = [];
    return row;
  }

  /** A key (or with allowPrefix, a leading part of one) as key bytes, appended to `writer`. */
  writeKey(writer: Writer, index: CompiledIndex, key: unknown, allowPrefix: boolean, what: string): void {
    const parts = Array.isArray(key) ? (key as readonly unknown[]) : [key];
    const n = index.columns.length;
    if (allowPrefix ? parts.length < 1 || parts.length > n : parts.length !== n) {
      throw new TypeError(
        `${this.#schema.table}.${what}: index '${index.name}' has ${n} key column${n === 1 ? '' : 's'} (${index.columns
          .map((column) => column.name)
          .join(', ')}); got ${Array.isArray(key) ? `${parts.length} values` : kindOf(key)}`,
      );
    }
    writer.u32(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const column = index.columns[i]!;
      const part = parts[i];
      if (part === null || part === undefined) {
        if (column.notNull || column.autoIncrement || part === undefined) {
          throw new TypeError(`${column.label}: a key value is required, got ${String(part)}`);
        }
        writer.value(null);
      } else {
        writeValue(writer, column, part);
      }
    }
  }

  /** One key as its own Buffer. */
  key(index: CompiledIndex, key: unknown, allowPrefix: boolean, what: string): Buffer {
    const writer = new Writer();
    this.writeKey(writer, index, key, allowPrefix, what);
    return writer.finish();
  }

  /**
   * Writes one row's entries: insert (every column given, checked for required ones) or
   * update (the columns given). With `echo`, also the row as it will be stored.
   */
  writeRow(writer: Writer, row: Record<string, unknown>, what: RowWrite, echo?: Record<string, unknown>): void {
    const table = this.#schema.table;
    if (!isPlainObject(row)) {
      throw new TypeError(`${table}.${what}: a row must be a plain object, got ${kindOf(row)}`);
    }
    const isInsert = what !== 'update';
    for (const name of Object.keys(row)) {
      if (!this.#schema.byName.has(name)) {
        throw new TypeError(`${table}.${what}: the table has no column '${name}'`);
      }
    }
    const countAt = writer.length;
    writer.u32(0);
    let entries = 0;
    for (const column of this.#schema.columns) {
      const value = columnValue(row, column);
      if (column.autoIncrement) {
        if (value !== undefined) {
          throw new TypeError(`${column.label}: an autoincrement column is assigned by the engine; leave it out`);
        }
        continue;
      }
      if (value === undefined) {
        if (isInsert && column.notNull && !column.hasDefault && !column.multiValued) {
          throw new TypeError(`${column.label}: a value is required (the column is not null)`);
        }
        if (echo) echo[column.name] = column.multiValued ? [] : null;
        continue;
      }
      if (column.multiValued) {
        if (!Array.isArray(value)) {
          throw new TypeError(`${column.label}: a multi-valued column takes an array, got ${kindOf(value)}`);
        }
        writer.u32x3(this.#columnids[column.position]!, 1, value.length);
        const echoed: unknown[] = [];
        for (const item of value as readonly unknown[]) {
          if (item === null || item === undefined) {
            throw new TypeError(`${column.label}: the values of a multi-valued column cannot be ${String(item)}`);
          }
          writeValue(writer, column, item);
          if (echo) echoed.push(storedValue(column, item));
        }
        if (echo) echo[column.name] = echoed;
        entries++;
        continue;
      }
      if (value === null) {
        if (column.notNull) throw new TypeError(`${column.label}: the column is not null`);
        if (echo) echo[column.name] = null;
        // An insert leaves an unset column null already, unless it has a default.
        if (isInsert && !column.hasDefault) continue;
        writer.u32x3(this.#columnids[column.position]!, 0, 1);
        writer.value(null);
        entries++;
        continue;
      }
      writer.u32x3(this.#columnids[column.position]!, 0, 1);
      writeValue(writer, column, value);
      if (echo) echo[column.name] = storedValue(column, value);
      entries++;
    }
    writer.patch(countAt, entries);
  }

  /** One column of a record. */
  readColumn(reader: Reader, column: CompiledColumn): unknown {
    return this.#columnReaders[column.position]!(reader);
  }

  /** A whole record (every column of the schema). */
  readRow(reader: Reader): Record<string, unknown> {
    if (this.#readRow) return this.#readRow(reader);
    // Copies of one template share one hidden class: the stores below stay cheap.
    const row = { ...this.#template };
    for (const column of this.#schema.columns) row[column.name] = this.readColumn(reader, column);
    return row;
  }
}
