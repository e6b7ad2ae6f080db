// A table opened by a session: typed rows in, typed rows out. Every method is one call
// queued on the session (so it joins whatever transaction the session has open) and does
// all of its Jet calls in one trip to the thread pool. Values are checked and converted
// to bytes here, before the call is queued; the pool thread sees only bytes.

import { bindingError } from './binding-errors.js';
import type { NativeCursor, NativeSessionObject } from './native.js';
import {
  decodeValue,
  encodeValue,
  type CompiledColumn,
  type CompiledIndex,
  type CompiledSchema,
  type IndexName,
  type InsertOf,
  type KeyOf,
  type KeyPrefixOf,
  type PrimaryIndexName,
  type RowOf,
  type TableSchema,
  type UpdateOf,
} from './schema.js';
import type { Session } from './session.js';

/** The owner of a table: its database, told when the table closes. */
export interface TableOwner {
  readonly session: Session;
  forgetTable(table: Table<TableSchema>): void;
}

export interface IndexOption<I extends string> {
  /** The index whose key is given. Default: the primary index. */
  index?: I;
}

export interface FindOptions<S extends TableSchema, I extends IndexName<S>> extends IndexOption<I> {
  /** Lower bound in index order: the first key columns (or the first one bare). */
  from?: KeyPrefixOf<S, I>;
  /** Upper bound in index order: the first key columns (or the first one bare). */
  to?: KeyPrefixOf<S, I>;
  /** Leave out records whose key matches `from`. Default false: `from` is included. */
  fromExclusive?: boolean;
  /** Leave out records whose key matches `to`. Default false: `to` is included. */
  toExclusive?: boolean;
  /** Walk from `to` down to `from`. */
  reverse?: boolean;
  /** Stop after this many rows. */
  limit?: number;
  /** Rows fetched per trip to the pool (default 128). */
  pageSize?: number;
}

export type CountOptions<S extends TableSchema, I extends IndexName<S>> = Omit<
  FindOptions<S, I>,
  'reverse' | 'limit' | 'pageSize'
>;

/** A range bound as the addon takes it. */
interface NativeBound {
  key: Buffer;
  inclusive: boolean;
  prefix: boolean;
}

interface NativeRange {
  index: string;
  lower: NativeBound | null;
  upper: NativeBound | null;
}

const NULL_LENGTH = 0xffffffff;
const DEFAULT_PAGE_SIZE = 128;
const MAX_PAGE_SIZE = 65536;

/** A growable little-endian byte buffer for the addon's wire format (native/addon/session_calls/wire.h). */
class Writer {
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

/** Reads records back in the addon's format. */
class Reader {
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

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/**
 * A table as seen by one session: a cursor (JetOpenTable) of that session. Create one
 * with database.createTable or database.openTable.
 */
export class Table<S extends TableSchema = TableSchema> {
  readonly #owner: TableOwner;
  readonly #native: NativeSessionObject;
  readonly #schema: CompiledSchema;
  readonly #cursor: NativeCursor;
  readonly #columnids: readonly number[];
  readonly #readBackPositions: Uint32Array;
  #closing: Promise<void> | undefined;
  #closed = false;

  /** @internal Use database.createTable or database.openTable. */
  constructor(
    owner: TableOwner,
    nativeSession: NativeSessionObject,
    schema: CompiledSchema,
    cursor: NativeCursor,
    columnids: readonly number[],
  ) {
    this.#owner = owner;
    this.#native = nativeSession;
    this.#schema = schema;
    this.#cursor = cursor;
    this.#columnids = columnids;
    this.#readBackPositions = Uint32Array.from(schema.readBackOnInsert.map((column) => column.position));
  }

  /** The table's name. */
  get name(): string {
    return this.#schema.table;
  }

  /** The session whose cursor this is. */
  get session(): Session {
    return this.#owner.session;
  }

  /** Column names, in schema order. */
  get columns(): string[] {
    return this.#schema.columns.map((column) => column.name);
  }

  /** True once close() has begun, or the session has ended (which closed the cursor). */
  get closed(): boolean {
    return this.#closed || this.#closing !== undefined || this.#native.ended;
  }

  // -------------------------------------------------------------------------------------
  // Writes.

  /**
   * Inserts a row (JetPrepareUpdate(insert), JetSetColumns, JetUpdate2, in one nested
   * transaction) and resolves with the row as stored: the values given, the
   * engine-assigned autoincrement value and the defaults of columns left out.
   */
  async insert(row: InsertOf<S>): Promise<RowOf<S>> {
    const [stored] = await this.#insert([row], 'insert');
    return stored!;
  }

  /**
   * Inserts rows in order, all in one trip and one nested transaction: all of them or
   * (if one fails) none. Resolves with the stored rows, as insert does.
   */
  async insertMany(rows: readonly InsertOf<S>[]): Promise<RowOf<S>[]> {
    if (!Array.isArray(rows)) throw new TypeError(`${this.name}.insertMany: rows must be an array`);
    if (rows.length === 0) return [];
    return this.#insert(rows, 'insertMany');
  }

  /**
   * Changes the record whose key (on `index`, default the primary index) is `key`.
   * Only the columns given change; a multi-valued column's array replaces all its
   * values. Resolves true, or false if there is no such record.
   */
  update<I extends IndexName<S> = PrimaryIndexName<S>>(
    key: KeyOf<S, I>,
    changes: UpdateOf<S>,
    options?: IndexOption<I>,
  ): Promise<boolean> {
    return this.#run('update', () => {
      const index = this.#index(options?.index, 'update');
      const keyBytes = this.#key(index, key, false, 'update');
      const writer = new Writer();
      this.#writeRow(writer, changes as Record<string, unknown>, 'update');
      return this.#native.update(this.#cursor, index.name, keyBytes, writer.finish());
    });
  }

  /** Deletes the record with `key` (JetDelete). Resolves true, or false if there was none. */
  delete<I extends IndexName<S> = PrimaryIndexName<S>>(key: KeyOf<S, I>, options?: IndexOption<I>): Promise<boolean> {
    return this.#run('delete', () => {
      const index = this.#index(options?.index, 'delete');
      return this.#native.remove(this.#cursor, index.name, this.#key(index, key, false, 'delete'));
    });
  }

  // -------------------------------------------------------------------------------------
  // Reads.

  /**
   * The record whose key on `index` (default: the primary index) equals `key`, or
   * undefined. On a non-unique index, the first record with that key in index order.
   */
  async get<I extends IndexName<S> = PrimaryIndexName<S>>(
    key: KeyOf<S, I>,
    options?: IndexOption<I>,
  ): Promise<RowOf<S> | undefined> {
    const [row] = await this.#lookup([key], options, 'get');
    return row;
  }

  /** get for many keys in one trip: a row or undefined for each key, in order. */
  getMany<I extends IndexName<S> = PrimaryIndexName<S>>(
    keys: readonly KeyOf<S, I>[],
    options?: IndexOption<I>,
  ): Promise<Array<RowOf<S> | undefined>> {
    if (!Array.isArray(keys)) {
      return Promise.reject(new TypeError(`${this.name}.getMany: keys must be an array`));
    }
    if (keys.length === 0) return Promise.resolve([]);
    return this.#lookup(keys, options, 'getMany');
  }

  /**
   * Rows in index order (default: the primary index; with no primary index and no
   * bounds, the table's own order), as an async iterator. Each trip to the pool fetches
   * a page of rows on a cursor of its own, so other calls on the table may run between
   * pages. Bounds are inclusive unless fromExclusive / toExclusive; a bound with fewer
   * columns than the index matches every key starting with it.
   *
   * Outside a transaction each page sees the data committed when it is read; inside one,
   * the transaction's snapshot. Stop early with `break` (or iterator.return()) to close
   * the cursor at once; an iterator dropped half-way keeps its cursor until the session
   * ends.
   */
  find<I extends IndexName<S> = PrimaryIndexName<S>>(options: FindOptions<S, I> = {}): AsyncIterableIterator<RowOf<S>> {
    this.#checkUsable('find');
    if (!isPlainObject(options as unknown)) throw new TypeError(`${this.name}.find: options must be an object`);
    const range = this.#range(options, 'find');
    const limit = options.limit ?? 0;
    if (options.limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 0xffffffff)) {
      throw new RangeError(`${this.name}.find: limit must be a positive integer`);
    }
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new RangeError(`${this.name}.find: pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    return this.#scan(range, options.reverse === true, pageSize, limit);
  }

  /** The number of records, on `index` between the bounds if given (JetIndexRecordCount). */
  count<I extends IndexName<S> = PrimaryIndexName<S>>(options: CountOptions<S, I> = {}): Promise<number> {
    return this.#run('count', () => {
      if (!isPlainObject(options as unknown)) throw new TypeError(`${this.name}.count: options must be an object`);
      const range = this.#range(options, 'count');
      return this.#native.count(this.#cursor, range.index, range.lower, range.upper);
    });
  }

  /**
   * Closes the cursor (JetCloseTable), after the calls already queued. Once the session
   * has ended there is nothing left to close and this resolves at once.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closing ??= (async () => {
      try {
        if (!this.#native.ended) await this.#native.closeCursor(this.#cursor);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_ESENT_SESSION_ENDED') {
          this.#closing = undefined;
          throw error;
        }
      }
      this.#closed = true;
      this.#owner.forgetTable(this as unknown as Table<TableSchema>);
    })();
    return this.#closing;
  }

  // -------------------------------------------------------------------------------------
  // The machinery.

  #checkUsable(what: string): void {
    if (this.#native.ended) {
      throw bindingError('ERR_ESENT_SESSION_ENDED', `${this.name}.${what}: the session of this table has ended`);
    }
    if (this.#closed || this.#closing !== undefined) {
      throw bindingError('ERR_ESENT_TABLE_CLOSED', `${this.name}.${what}: the table is closed`);
    }
    if (this.#owner.session.ended) {
      throw bindingError('ERR_ESENT_SESSION_ENDED', `${this.name}.${what}: the session of this table has ended`);
    }
  }

  /** Checks, encodes and queues: argument faults reject before anything is queued. */
  async #run<T>(what: string, queue: () => Promise<T>): Promise<T> {
    this.#checkUsable(what);
    this.#owner.session.checkUsable(`${this.name}.${what}`);
    try {
      return await queue();
    } catch (error) {
      if (error instanceof Error && typeof (error as { errno?: unknown }).errno === 'number') {
        error.message += ` (table '${this.name}')`;
      }
      throw error;
    }
  }

  #index(name: string | undefined, what: string): CompiledIndex {
    if (name === undefined) {
      const primary = this.#schema.primary;
      if (!primary) {
        throw new TypeError(`${this.name}.${what}: the table has no primary index; pass { index }`);
      }
      return primary;
    }
    const index = this.#schema.indexes.get(name);
    if (!index) throw new TypeError(`${this.name}.${what}: the schema has no index '${String(name)}'`);
    return index;
  }

  /** A key (or with allowPrefix, a leading part of one) as the addon's key bytes. */
  #key(index: CompiledIndex, key: unknown, allowPrefix: boolean, what: string, writer = new Writer()): Buffer {
    const parts = Array.isArray(key) ? (key as readonly unknown[]) : [key];
    const n = index.columns.length;
    if (allowPrefix ? parts.length < 1 || parts.length > n : parts.length !== n) {
      throw new TypeError(
        `${this.name}.${what}: index '${index.name}' has ${n} key column${n === 1 ? '' : 's'} (${index.columns
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
    return writer.finish();
  }

  #range(options: CountOptions<S, IndexName<S>>, what: string): NativeRange {
    const hasBounds = options.from !== undefined || options.to !== undefined;
    let index: CompiledIndex | undefined;
    if (options.index !== undefined || this.#schema.primary || hasBounds) index = this.#index(options.index, what);
    const bound = (value: unknown, exclusive: boolean | undefined) => {
      if (value === undefined || !index) return null;
      const parts = Array.isArray(value) ? value.length : 1;
      return {
        key: this.#key(index, value, true, what),
        inclusive: exclusive !== true,
        prefix: parts < index.columns.length,
      };
    };
    return {
      index: index?.name ?? '',
      lower: bound(options.from, options.fromExclusive),
      upper: bound(options.to, options.toExclusive),
    };
  }

  /**
   * Writes one row's entries: insert (every column given, checked for required ones) or
   * update (the columns given).
   */
  #writeRow(
    writer: Writer,
    row: Record<string, unknown>,
    what: 'insert' | 'insertMany' | 'update',
    echo?: Record<string, unknown>,
  ): void {
    if (!isPlainObject(row)) {
      throw new TypeError(`${this.name}.${what}: a row must be a plain object, got ${kindOf(row)}`);
    }
    const isInsert = what !== 'update';
    for (const name of Object.keys(row)) {
      if (!this.#schema.byName.has(name)) {
        throw new TypeError(`${this.name}.${what}: the table has no column '${name}'`);
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

  async #insert(rows: readonly unknown[], what: 'insert' | 'insertMany'): Promise<RowOf<S>[]> {
    const readBack = this.#schema.readBackOnInsert;
    const stored: Array<Record<string, unknown>> = [];
    const out = await this.#run(what, () => {
      const writer = new Writer();
      writer.u32(rows.length);
      for (const row of rows) {
        const echo: Record<string, unknown> = {};
        for (const column of this.#schema.columns) echo[column.name] = column.multiValued ? [] : null;
        this.#writeRow(writer, row as Record<string, unknown>, what, echo);
        stored.push(echo);
      }
      return this.#native.insert(this.#cursor, writer.finish(), this.#readBackPositions);
    });
    const reader = new Reader(out);
    for (const row of stored) {
      for (const column of readBack) row[column.name] = this.#readColumn(reader, column);
    }
    return stored as RowOf<S>[];
  }

  #readColumn(reader: Reader, column: CompiledColumn): unknown {
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

  #readRow(reader: Reader): RowOf<S> {
    const row: Record<string, unknown> = {};
    for (const column of this.#schema.columns) row[column.name] = this.#readColumn(reader, column);
    return row as RowOf<S>;
  }

  async #lookup(
    keys: readonly unknown[],
    options: IndexOption<string> | undefined,
    what: string,
  ): Promise<Array<RowOf<S> | undefined>> {
    const out = await this.#run(what, () => {
      const index = this.#index(options?.index, what);
      const writer = new Writer();
      for (const key of keys) this.#key(index, key, false, what, writer);
      return this.#native.lookup(this.#cursor, index.name, writer.finish(), keys.length);
    });
    const reader = new Reader(out);
    const rows: Array<RowOf<S> | undefined> = [];
    for (let i = 0; i < keys.length; i++) rows.push(reader.u32() === 1 ? this.#readRow(reader) : undefined);
    return rows;
  }

  async *#scan(
    range: NativeRange,
    reverse: boolean,
    pageSize: number,
    limit: number,
  ): AsyncGenerator<RowOf<S>, void, undefined> {
    let remaining = limit;
    let page = await this.#run('find', () =>
      this.#native.scan(this.#cursor, range.index, range.lower, range.upper, reverse, pageSize, remaining),
    );
    let scan = page.scan;
    try {
      for (;;) {
        const reader = new Reader(page.rows);
        for (let i = 0; i < page.count; i++) yield this.#readRow(reader);
        if (limit !== 0) remaining -= page.count;
        if (scan === undefined || (limit !== 0 && remaining <= 0)) return;
        const current = scan;
        page = await this.#run('find', () => this.#native.scanNext(current, pageSize, remaining));
        scan = page.scan;
      }
    } finally {
      if (scan !== undefined && !this.#native.ended) {
        await this.#native.closeCursor(scan).catch(() => undefined);
      }
    }
  }
}
