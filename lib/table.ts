// A table opened by a session: typed rows in, typed rows out. Every method is one call
// queued on the session (so it joins whatever transaction the session has open) and does
// all of its Jet calls in one trip to an engine thread. Rows and keys become bytes in
// row-codec.ts before the call is queued; the engine thread sees only bytes.

import { bindingError } from './binding-errors.js';
import type { NativeCursor, NativeOpenedTable, NativeSessionObject } from './native.js';
import { addContext, atCallSite, callSite, type CallSite, type ErrorContext } from './error-context.js';
import { columnValue, isPlainObject, Reader, RowCodec, Writer } from './row-codec.js';
import {
  columnSpec,
  compileSchema,
  indexSpec,
  type ColumnDefinition,
  type CompiledIndex,
  type CompiledSchema,
  type IndexDefinition,
  type IndexName,
  type InsertOf,
  type KeyOf,
  type KeyPrefixOf,
  type PrimaryIndexName,
  type RowOf,
  type TableSchema,
  type UpdateOf,
  type WithColumn,
  type WithIndex,
  type WithoutColumn,
  type WithoutIndex,
} from './schema.js';
import type { LinkedSession as Session } from './facade-links.js';
import { JET_bitIndexPrimary, JET_bitIndexUnique } from './constants.js';
import { JET_errKeyDuplicate, JET_errRecordPrimaryChanged } from './errors/codes.g.js';

const NORM_IGNORECASE = 0x00000001;

// Whether two values of a key column are the same key: text compared without case where
// the index ignores it (ESE's default normalisation), the rest by value.
function sameKeyValue(a: unknown, b: unknown, caseless: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return caseless ? a.toLowerCase() === b.toLowerCase() : a === b;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  return a === b;
}

/** The owner of a table: its database, told when the table closes. */
export interface TableOwner {
  readonly session: Session;
  forgetTable(table: Table<TableSchema>): void;
  /** A table on a cursor the addon opened (after a schema change), checked against `schema`. */
  bindTable<S extends TableSchema>(schema: CompiledSchema, opened: NativeOpenedTable): Promise<Table<S>>;
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

const DEFAULT_PAGE_SIZE = 128;

// The writers every table encodes its calls into. A call that starts while they are in use
// (encoding ran user code, a getter say, that called a table) gets writers of its own.
const sharedWriters: [Writer, Writer] = [new Writer(), new Writer()];
let sharedInUse = false;

function borrowWriters(): [Writer, Writer] {
  if (sharedInUse) return [new Writer(), new Writer()];
  sharedInUse = true;
  sharedWriters[0].reset();
  sharedWriters[1].reset();
  return sharedWriters;
}

function returnWriters(writers: [Writer, Writer]): void {
  if (writers === sharedWriters) sharedInUse = false;
}
const MAX_PAGE_SIZE = 65536;

/**
 * A table as seen by one session: a cursor (JetOpenTable) of that session. Create one
 * with database.createTable or database.openTable.
 */
export class Table<S extends TableSchema = TableSchema> {
  readonly #owner: TableOwner;
  readonly #native: NativeSessionObject;
  readonly #schema: CompiledSchema;
  readonly #cursor: NativeCursor;
  readonly #codec: RowCodec;
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
    this.#codec = new RowCodec(schema, columnids);
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

  /**
   * The schema this table was opened with: the one given, the one read from the catalog
   * (openTable without a schema), or the one a schema change resolved with.
   */
  get schema(): S {
    return this.#schema.source as S;
  }

  /** True once close() has begun, or the session has ended (which closed the cursor). */
  get closed(): boolean {
    return this.#closed || this.#closing !== undefined || this.#owner.session.ended;
  }

  // -------------------------------------------------------------------------------------
  // Writes.

  /**
   * Inserts a row (JetPrepareUpdate(insert), JetSetColumns, JetUpdate2, in one nested
   * transaction) and resolves with the row as stored: the values given, the
   * engine-assigned autoincrement value and the defaults of columns left out.
   */
  insert(row: InsertOf<S>): Promise<RowOf<S>> {
    return this.#insert([row], 'insert', callSite(this.insert), (stored) => stored[0]!);
  }

  /**
   * Inserts rows in order, all in one trip and one nested transaction: all of them or
   * (if one fails) none. Resolves with the stored rows, as insert does.
   */
  insertMany(rows: readonly InsertOf<S>[]): Promise<RowOf<S>[]> {
    const site = callSite(this.insertMany);
    if (!Array.isArray(rows)) return Promise.reject(atCallSite(new TypeError(`${this.name}.insertMany: rows must be an array`), site));
    if (rows.length === 0) return Promise.resolve([]);
    return this.#insert(rows, 'insertMany', site, (stored) => stored);
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
    return this.#call(
      'update',
      callSite(this.update),
      (keyWriter, rowWriter) => {
        const index = this.#indexOption(options, 'update');
        this.#codec.writeKey(keyWriter, index, key, false, 'update');
        this.#codec.writeRow(rowWriter, changes as Record<string, unknown>, 'update');
        return this.#native.update(this.#cursor, index.name, keyWriter.finish(), rowWriter.finish());
      },
      (found) => found,
      { index: options?.index },
      (error) => this.#explainUpdate(error, key, changes as Record<string, unknown>, options?.index),
    );
  }

  /** Deletes the record with `key` (JetDelete). Resolves true, or false if there was none. */
  delete<I extends IndexName<S> = PrimaryIndexName<S>>(key: KeyOf<S, I>, options?: IndexOption<I>): Promise<boolean> {
    return this.#call(
      'delete',
      callSite(this.delete),
      (keyWriter) => {
        const index = this.#indexOption(options, 'delete');
        this.#codec.writeKey(keyWriter, index, key, false, 'delete');
        return this.#native.remove(this.#cursor, index.name, keyWriter.finish());
      },
      (found) => found,
      { index: options?.index },
    );
  }

  // -------------------------------------------------------------------------------------
  // Reads.

  /**
   * The record whose key on `index` (default: the primary index) equals `key`, or
   * undefined. On a non-unique index, the first record with that key in index order.
   */
  get<I extends IndexName<S> = PrimaryIndexName<S>>(
    key: KeyOf<S, I>,
    options?: IndexOption<I>,
  ): Promise<RowOf<S> | undefined> {
    return this.#lookup([key], options, 'get', callSite(this.get), (rows) => rows[0]);
  }

  /** get for many keys in one trip: a row or undefined for each key, in order. */
  getMany<I extends IndexName<S> = PrimaryIndexName<S>>(
    keys: readonly KeyOf<S, I>[],
    options?: IndexOption<I>,
  ): Promise<Array<RowOf<S> | undefined>> {
    const site = callSite(this.getMany);
    if (!Array.isArray(keys)) {
      return Promise.reject(atCallSite(new TypeError(`${this.name}.getMany: keys must be an array`), site));
    }
    if (keys.length === 0) return Promise.resolve([]);
    return this.#lookup(keys, options, 'getMany', site, (rows) => rows);
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
    return this.#scan(range, options.reverse === true, pageSize, limit, callSite(this.find));
  }

  /** The number of records, on `index` between the bounds if given (JetIndexRecordCount). */
  count<I extends IndexName<S> = PrimaryIndexName<S>>(options: CountOptions<S, I> = {}): Promise<number> {
    return this.#call(
      'count',
      callSite(this.count),
      () => {
        if (!isPlainObject(options as unknown)) throw new TypeError(`${this.name}.count: options must be an object`);
        const range = this.#range(options, 'count');
        return this.#native.count(this.#cursor, range.index, range.lower, range.upper);
      },
      (count) => count,
      { index: isPlainObject(options as unknown) ? options.index : undefined },
    );
  }

  // -------------------------------------------------------------------------------------
  // Schema changes. Each is one call: the change through this table's cursor, then a fresh
  // cursor on the changed table (JetDupCursor) that resolves as a new Table whose type has
  // the change. This table is then closed (after the calls already queued on it).

  /**
   * Adds a column (JetAddColumn). Existing rows read it as null (or its default); a
   * not-null column needs a default. Resolves with the table including the column.
   */
  addColumn<const N extends string, const C extends ColumnDefinition>(
    name: N,
    definition: C,
  ): Promise<Table<WithColumn<S, N, C>>> {
    return this.#change('addColumn', callSite(this.addColumn), { column: name }, () => {
      if (typeof name !== 'string') throw new TypeError(`${this.name}.addColumn: the column name must be a string`);
      const source = this.#schema.source;
      const schema = compileSchema(this.name, { ...source, columns: { ...source.columns, [name]: definition } });
      return [schema, (columns, indexes) => this.#native.addColumn(this.#cursor, columnSpec(schema.byName.get(name)!), columns, indexes)];
    });
  }

  /**
   * Deletes a column and its values (JetDeleteColumn2). ESE refuses one that an index uses
   * (EsentColumnInUseError). Resolves with the table without the column.
   */
  deleteColumn<const N extends string>(name: N): Promise<Table<WithoutColumn<S, N>>> {
    return this.#change('deleteColumn', callSite(this.deleteColumn), { column: name }, () => {
      if (typeof name !== 'string') throw new TypeError(`${this.name}.deleteColumn: the column name must be a string`);
      const { [name]: _deleted, ...columns } = this.#schema.source.columns;
      // An index on the column makes the engine refuse; the schema after the change has none.
      const indexes = Object.fromEntries(
        Object.entries(this.#schema.source.indexes ?? {}).filter(([, index]) =>
          !index.key.some((segment) => segment.replace(/^[+-]/, '') === name),
        ),
      );
      const schema = compileSchema(this.name, { ...this.#schema.source, columns, indexes });
      return [schema, (names, indexNames) => this.#native.deleteColumn(this.#cursor, name, names, indexNames)];
    });
  }

  /**
   * Creates an index (JetCreateIndex2) over the rows already there. A unique index over
   * duplicate keys fails with EsentKeyDuplicateError and leaves nothing behind. Inside a
   * transaction, a rollback removes it. Resolves with the table including the index.
   */
  createIndex<const N extends string, const D extends IndexDefinition>(
    name: N,
    definition: D,
  ): Promise<Table<WithIndex<S, N, D>>> {
    return this.#change('createIndex', callSite(this.createIndex), { index: name }, () => {
      if (typeof name !== 'string') throw new TypeError(`${this.name}.createIndex: the index name must be a string`);
      const source = this.#schema.source;
      const schema = compileSchema(this.name, { ...source, indexes: { ...source.indexes, [name]: definition } });
      return [schema, (columns, indexes) => this.#native.createIndex(this.#cursor, indexSpec(schema.indexes.get(name)!), columns, indexes)];
    });
  }

  /**
   * Deletes an index (JetDeleteIndex). ESE refuses the primary index
   * (EsentIndexMustStayError) and one that another cursor has as its current index
   * (EsentIndexInUseError). Resolves with the table without the index.
   */
  deleteIndex<const N extends string>(name: N): Promise<Table<WithoutIndex<S, N>>> {
    return this.#change('deleteIndex', callSite(this.deleteIndex), { index: name }, () => {
      if (typeof name !== 'string') throw new TypeError(`${this.name}.deleteIndex: the index name must be a string`);
      const { [name]: _deleted, ...indexes } = this.#schema.source.indexes ?? {};
      const schema = compileSchema(this.name, { ...this.#schema.source, indexes });
      return [schema, (columns, indexNames) => this.#native.deleteIndex(this.#cursor, name, columns, indexNames)];
    });
  }

  // The schema after the change is compiled (faults are TypeErrors) before anything is
  // queued; the fresh cursor learns exactly its columns and indexes.
  async #change<T extends TableSchema>(
    what: string,
    site: CallSite,
    context: ErrorContext,
    prepare: () => [CompiledSchema, (columns: string[], indexes: string[]) => Promise<NativeOpenedTable>],
  ): Promise<Table<T>> {
    try {
      this.#checkUsable(what);
      this.#owner.session.checkUsable(`${this.name}.${what}`);
      const [schema, queue] = prepare();
      const opened = await queue(
        schema.columns.map((column) => column.name),
        [...schema.indexes.keys()],
      );
      const changed = await this.#owner.bindTable<T>(schema, opened);
      await this.close();
      return changed;
    } catch (error) {
      if (error instanceof Error && typeof (error as { errno?: unknown }).errno === 'number') {
        addContext(error, { table: this.name, ...context });
      }
      throw atCallSite(error, site);
    }
  }

  /**
   * Closes the cursor (JetCloseTable), after the calls already queued. Once the session
   * has ended there is nothing left to close and this resolves at once.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closing ??= (async () => {
      try {
        if (!this.#owner.session.ended) await this.#native.closeCursor(this.#cursor);
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
    if (this.#owner.session.ended) {
      throw bindingError('ERR_ESENT_SESSION_ENDED', `${this.name}.${what}: the session of this table has ended`);
    }
    if (this.#closed || this.#closing !== undefined) {
      throw bindingError('ERR_ESENT_TABLE_CLOSED', `${this.name}.${what}: the table is closed`);
    }
  }

  /**
   * Checks, encodes and queues, then turns the call's result into the method's with
   * `done`: argument faults reject before anything is queued. `queue` gets two emptied
   * writers for its keys and rows; the addon copies their bytes before the call returns,
   * so they are reused call after call. A rejection gets the caller's frames (`site`), and
   * an engine error what the call was about: the table, the index asked for, and what
   * `explain` finds out (a duplicate key's index and key).
   */
  #call<R, T>(
    what: string,
    site: CallSite,
    queue: (keys: Writer, rows: Writer) => Promise<R>,
    done: (result: R) => T,
    context?: ErrorContext,
    explain?: (error: Error & { errno: number }) => Promise<ErrorContext | undefined>,
  ): Promise<T> {
    let pending: Promise<R>;
    const writers = borrowWriters();
    try {
      this.#checkUsable(what);
      this.#owner.session.checkUsable(`${this.name}.${what}`);
      pending = queue(writers[0], writers[1]);
    } catch (error) {
      return this.#failed(error, site, context, explain);
    } finally {
      returnWriters(writers);
    }
    return pending.then(done, (error: unknown) => this.#failed(error, site, context, explain));
  }

  /** #call for the async iterator's pages. */
  #run<T>(what: string, site: CallSite, queue: () => Promise<T>, context?: ErrorContext): Promise<T> {
    return this.#call(what, site, queue, (result) => result, context);
  }

  async #failed(
    error: unknown,
    site: CallSite,
    context: ErrorContext = {},
    explain?: (error: Error & { errno: number }) => Promise<ErrorContext | undefined>,
  ): Promise<never> {
    const engine = error as Error & { errno?: unknown };
    if (error instanceof Error && typeof engine.errno === 'number') {
      const explained = explain ? await explain(engine as Error & { errno: number }).catch(() => undefined) : undefined;
      // What explain found (a duplicate's index) names the index over the one asked for.
      const given = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
      addContext(error, { table: this.name, ...given, ...explained });
    }
    throw atCallSite(error, site);
  }

  // A duplicate key names neither index nor key (ESE says only JET_errKeyDuplicate): find
  // them. On each unique index, the rows' keys are looked up in the table in one trip (the
  // failed write changed nothing) and compared among the rows themselves (a batch is rolled
  // back whole). Writes stop at the first failing row, so the earliest row found is the one.
  async #findDuplicate(
    rows: readonly Record<string, unknown>[],
    onIndex: (index: CompiledIndex) => boolean = () => true,
  ): Promise<(ErrorContext & { rowIndex: number }) | undefined> {
    let best: (ErrorContext & { rowIndex: number }) | undefined;
    for (const index of this.#schema.indexes.values()) {
      if ((index.grbit & (JET_bitIndexUnique | JET_bitIndexPrimary)) === 0 || !onIndex(index)) continue;
      const candidates = rows
        .map((row, at) => ({ at, values: index.columns.map((column) => columnValue(row, column)) }))
        .filter(({ values }) => !values.some((value) => value === undefined || value === null));
      if (candidates.length === 0) continue;
      const writer = new Writer();
      for (const { values } of candidates) this.#codec.writeKey(writer, index, values.length === 1 ? values[0] : values, false, 'insert');
      const reader = new Reader(await this.#native.lookup(this.#cursor, index.name, writer.finish(), candidates.length));
      // ESE's default normalisation, and any map flags but the case-sensitive ones, ignore case.
      const caseless = index.mapFlags === null || (index.mapFlags & NORM_IGNORECASE) !== 0;
      let at: number | undefined;
      candidates.forEach((candidate, k) => {
        if (reader.u32() === 1) {
          this.#codec.readRow(reader);
          at ??= candidate.at;
        }
        const earlier = candidates.slice(0, k);
        if (earlier.some((other) => other.values.every((value, i) => sameKeyValue(value, candidate.values[i], caseless)))) {
          at = Math.min(at ?? candidate.at, candidate.at);
        }
      });
      if (at !== undefined && (best === undefined || at < best.rowIndex)) {
        const row = rows[at]!;
        best = { index: index.name, key: Object.fromEntries(index.columns.map((column) => [column.name, columnValue(row, column)])), rowIndex: at };
      }
    }
    return best;
  }

  async #explainUpdate(
    error: { errno: number },
    key: unknown,
    changes: Record<string, unknown>,
    indexName: string | undefined,
  ): Promise<ErrorContext | undefined> {
    if (error.errno !== JET_errKeyDuplicate && error.errno !== JET_errRecordPrimaryChanged) return undefined;
    const index = this.#index(indexName, 'update');
    const writer = new Writer();
    this.#codec.writeKey(writer, index, key, false, 'update');
    const reader = new Reader(await this.#native.lookup(this.#cursor, index.name, writer.finish(), 1));
    if (reader.u32() !== 1) return undefined;
    const current = this.#codec.readRow(reader) as Record<string, unknown>;
    if (error.errno === JET_errRecordPrimaryChanged) {
      // ESE refuses a replace that changes the primary key without naming the column: the
      // first primary key column whose value the update changes is the one.
      const primary = this.#schema.primary;
      if (!primary) return undefined;
      const caseless = primary.mapFlags === null || (primary.mapFlags & NORM_IGNORECASE) !== 0;
      const changed = primary.columns.find(
        (column) => Object.hasOwn(changes, column.name) && !sameKeyValue(changes[column.name], current[column.name], caseless),
      );
      return changed ? { index: primary.name, column: changed.name } : undefined;
    }
    // Only an index with a changed column can have run into another row.
    const found = await this.#findDuplicate([{ ...current, ...changes }], (candidate) =>
      candidate.columns.some((column) => column.name in changes),
    );
    if (!found) return undefined;
    const { rowIndex: _unused, ...context } = found;
    return context;
  }

  /** The index `options` names (get, getMany, update, delete); TypeError for anything else. */
  #indexOption(options: unknown, what: string): CompiledIndex {
    if (options !== undefined && !isPlainObject(options)) {
      throw new TypeError(`${this.name}.${what}: options must be an object like { index: 'name' }`);
    }
    return this.#index((options as IndexOption<string> | undefined)?.index, what);
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

  #range(options: CountOptions<S, IndexName<S>>, what: string): NativeRange {
    const hasBounds = options.from !== undefined || options.to !== undefined;
    let index: CompiledIndex | undefined;
    if (options.index !== undefined || this.#schema.primary || hasBounds) index = this.#index(options.index, what);
    const bound = (value: unknown, exclusive: boolean | undefined) => {
      if (value === undefined || !index) return null;
      const parts = Array.isArray(value) ? value.length : 1;
      return {
        key: this.#codec.key(index, value, true, what),
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

  #insert<T>(
    rows: readonly unknown[],
    what: 'insert' | 'insertMany',
    site: CallSite,
    done: (stored: RowOf<S>[]) => T,
  ): Promise<T> {
    const readBack = this.#schema.readBackOnInsert;
    const stored: Array<Record<string, unknown>> = [];
    return this.#call(
      what,
      site,
      (_, writer) => {
        writer.u32(rows.length);
        for (const row of rows) {
          const echo = this.#codec.emptyRow();
          this.#codec.writeRow(writer, row as Record<string, unknown>, what, echo);
          stored.push(echo);
        }
        return this.#native.insert(this.#cursor, writer.finish(), this.#readBackPositions);
      },
      (out) => {
        if (readBack.length > 0) {
          // The addon reads back exactly these columns (#readBackPositions).
          const reader = new Reader(out!);
          for (const row of stored) {
            for (const column of readBack) row[column.name] = this.#codec.readColumn(reader, column);
          }
        }
        return done(stored as RowOf<S>[]);
      },
      {},
      async (error) => {
        if (error.errno !== JET_errKeyDuplicate) return undefined;
        const found = await this.#findDuplicate(rows as readonly Record<string, unknown>[]);
        if (!found) return undefined;
        const { rowIndex, ...context } = found;
        if (what === 'insertMany') Object.defineProperty(error, 'rowIndex', { value: rowIndex, enumerable: true, writable: true, configurable: true });
        return context;
      },
    );
  }

  #lookup<T>(
    keys: readonly unknown[],
    options: IndexOption<string> | undefined,
    what: string,
    site: CallSite,
    done: (rows: Array<RowOf<S> | undefined>) => T,
  ): Promise<T> {
    return this.#call(
      what,
      site,
      (writer) => {
        const index = this.#indexOption(options, what);
        for (const key of keys) this.#codec.writeKey(writer, index, key, false, what);
        return this.#native.lookup(this.#cursor, index.name, writer.finish(), keys.length);
      },
      (out) => {
        const reader = new Reader(out);
        const rows: Array<RowOf<S> | undefined> = new Array(keys.length);
        for (let i = 0; i < keys.length; i++) {
          rows[i] = reader.u32() === 1 ? (this.#codec.readRow(reader) as RowOf<S>) : undefined;
        }
        return done(rows);
      },
      { index: options?.index },
    );
  }

  async *#scan(
    range: NativeRange,
    reverse: boolean,
    pageSize: number,
    limit: number,
    site: CallSite,
  ): AsyncGenerator<RowOf<S>, void, undefined> {
    let remaining = limit;
    const context = { index: range.index || undefined };
    let page = await this.#run(
      'find',
      site,
      () => this.#native.scan(this.#cursor, range.index, range.lower, range.upper, reverse, pageSize, remaining),
      context,
    );
    let scan = page.scan;
    try {
      for (;;) {
        const reader = new Reader(page.rows);
        for (let i = 0; i < page.count; i++) yield this.#codec.readRow(reader) as RowOf<S>;
        if (limit !== 0) remaining -= page.count;
        if (scan === undefined || (limit !== 0 && remaining <= 0)) return;
        const current = scan;
        page = await this.#run('find', site, () => this.#native.scanNext(current, pageSize, remaining), context);
        scan = page.scan;
      }
    } finally {
      if (scan !== undefined && !this.#owner.session.ended) {
        await this.#native.closeCursor(scan).catch(() => undefined);
      }
    }
  }
}
