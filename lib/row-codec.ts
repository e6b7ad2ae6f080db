// Rows and keys in the wire format of the session calls, the JavaScript half of
// native/addon/session_calls/wire.h (the format is stated there). Values are checked and
// converted to bytes here, before a call is queued; the pool thread sees only bytes.

import type { CompiledColumn, CompiledIndex, CompiledSchema } from './schema.js';
import { decodeValue, encodeValue } from './schema.js';

const NULL_LENGTH = 0xffffffff;

/** A growable little-endian byte buffer. */
export class Writer {
  #buffer = Buffer.allocUnsafe(256);
  #length = 0;

  #reserve(n: number): void {
    if (this.#length + n <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.#length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buffer.copy(next, 0, 0, this.#length);
    this.#buffer = next;
  }

  get length(): number {
    return this.#length;
  }

  u32(value: number): void {
    this.#reserve(4);
    this.#buffer.writeUInt32LE(value, this.#length);
    this.#length += 4;
  }

  patch(at: number, value: number): void {
    this.#buffer.writeUInt32LE(value, at);
  }

  value(bytes: Buffer | null): void {
    if (bytes === null) {
      this.u32(NULL_LENGTH);
      return;
    }
    this.#reserve(4 + bytes.length);
    this.#buffer.writeUInt32LE(bytes.length, this.#length);
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
  constructor(private readonly bytes: Buffer) {}

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

export type RowWrite = 'insert' | 'insertMany' | 'update';

/** The rows and keys of one table: its compiled schema and the columnids the engine gave. */
export class RowCodec {
  readonly #schema: CompiledSchema;
  readonly #columnids: readonly number[];

  constructor(schema: CompiledSchema, columnids: readonly number[]) {
    this.#schema = schema;
    this.#columnids = columnids;
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
        writer.value(encodeValue(column, part));
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
      const value = row[column.name];
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
        writer.u32(this.#columnids[column.position]!);
        writer.u32(1);
        writer.u32(value.length);
        const echoed: unknown[] = [];
        for (const item of value as readonly unknown[]) {
          if (item === null || item === undefined) {
            throw new TypeError(`${column.label}: the values of a multi-valued column cannot be ${String(item)}`);
          }
          const bytes = encodeValue(column, item);
          writer.value(bytes);
          if (echo) echoed.push(decodeValue(column, bytes));
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
        writer.u32(this.#columnids[column.position]!);
        writer.u32(0);
        writer.u32(1);
        writer.value(null);
        entries++;
        continue;
      }
      writer.u32(this.#columnids[column.position]!);
      writer.u32(0);
      writer.u32(1);
      const bytes = encodeValue(column, value);
      writer.value(bytes);
      if (echo) echo[column.name] = decodeValue(column, bytes);
      entries++;
    }
    writer.patch(countAt, entries);
  }

  /** One column of a record. */
  readColumn(reader: Reader, column: CompiledColumn): unknown {
    const count = reader.u32();
    if (column.multiValued) {
      const values: unknown[] = new Array(count);
      for (let i = 0; i < count; i++) values[i] = decodeValue(column, reader.value()!);
      return values;
    }
    let value: unknown = null;
    for (let i = 0; i < count; i++) {
      const bytes = reader.value();
      if (i === 0 && bytes !== null) value = decodeValue(column, bytes);
    }
    return value;
  }

  /** A whole record (every column of the schema). */
  readRow(reader: Reader): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const column of this.#schema.columns) row[column.name] = this.readColumn(reader, column);
    return row;
  }
}
