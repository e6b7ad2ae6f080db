// Table schemas for the data facade: the plain objects given to database.createTable and
// database.openTable, the row, insert, update and key types TypeScript infers from them,
// and their checked, compiled form (column definitions for JetCreateTableColumnIndex3).

import {
  JET_bitColumnAutoincrement,
  JET_bitColumnFixed,
  JET_bitColumnMultiValued,
  JET_bitColumnNotNULL,
  JET_bitColumnTagged,
  JET_bitIndexIgnoreAnyNull,
  JET_bitIndexPrimary,
  JET_bitIndexUnique,
} from './constants.js';
import { COLUMN_TYPES, columnTypeOf, type ColumnTypeName } from './column-types.js';
import { decodeColumnValue, encodeColumnValue } from './column-values.js';
import type { NativeColumnSpec, NativeIndexSpec, NativeTableSpec } from './native.js';

export type { ColumnTypeName };

// ---------------------------------------------------------------------------------------
// The schema objects.

/** The JavaScript value of each column type, as read back. */
export interface SchemaValueTypes {
  bit: boolean;
  unsignedByte: number;
  short: number;
  unsignedShort: number;
  long: number;
  unsignedLong: number;
  longLong: bigint;
  unsignedLongLong: bigint;
  /** The raw 64-bit integer ESE stores: units of 1/10000. */
  currency: bigint;
  ieeeSingle: number;
  ieeeDouble: number;
  dateTime: Date;
  /** 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', lower case on the way out. */
  guid: string;
  binary: Buffer;
  text: string;
  longBinary: Buffer;
  longText: string;
}

export interface ColumnDefinition {
  readonly type: ColumnTypeName;
  /**
   * Longest value: characters (UTF-16 code units; bytes with codePage 'ascii') for text,
   * bytes for binary. Non-long text and binary columns hold at most 255 bytes (the
   * default); long ones are unlimited unless given.
   */
  readonly maxLength?: number;
  /** JET_bitColumnNotNULL: null (or leaving it out on insert, without a default) is refused. */
  readonly notNull?: boolean;
  /** JET_bitColumnMultiValued (a tagged column): the value is an array. */
  readonly multiValued?: boolean;
  /** JET_bitColumnAutoincrement: 'long' or 'currency' only; the engine assigns it. */
  readonly autoIncrement?: boolean;
  /** The default value (pvDefault), stored by the engine for records that leave it unset. */
  readonly default?: unknown;
  /**
   * 'fixed' (JET_bitColumnFixed), 'tagged' (JET_bitColumnTagged) or 'variable' (neither).
   * Default: left to the engine, except multi-valued columns, which are tagged.
   */
  readonly storage?: 'fixed' | 'variable' | 'tagged';
  /** Text code page: 'unicode' (1200, the default) or 'ascii' (1252). */
  readonly codePage?: 'unicode' | 'ascii';
}

export interface IndexDefinition {
  /** Key segments in order: '+column' ascending, '-column' descending ('column' is '+'). */
  readonly key: readonly string[];
  /** JET_bitIndexPrimary: the clustered index, unique. At most one. */
  readonly primary?: boolean;
  /** JET_bitIndexUnique. */
  readonly unique?: boolean;
  /**
   * Text compares case-sensitively. Default false: ESE's default normalisation, which
   * ignores case, kana type and width.
   */
  readonly caseSensitive?: boolean;
  /** JET_bitIndexIgnoreAnyNull: records with a null key column are left out of the index. */
  readonly ignoreNull?: boolean;
  /** More JET_bitIndex* flags, ORed in. */
  readonly grbit?: number;
}

export interface TableSchema {
  readonly columns: { readonly [name: string]: ColumnDefinition };
  readonly indexes?: { readonly [name: string]: IndexDefinition };
}

// ---------------------------------------------------------------------------------------
// Types inferred from a schema.

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ValueOf<C> = C extends { readonly type: infer T extends ColumnTypeName } ? SchemaValueTypes[T] : never;
/** What a column accepts: binary columns take any Uint8Array (a Buffer is one). */
type InputOf<C> = C extends { readonly type: 'binary' | 'longBinary' } ? Uint8Array : ValueOf<C>;
type NeverNull<C> = C extends { readonly notNull: true } ? true : C extends { readonly autoIncrement: true } ? true : false;
type Columns<S extends TableSchema> = S['columns'];

/**
 * A column's value in a row read back: T, T | null, or T[] for multi-valued columns. A
 * column whose definition is not known to the compiler (a table opened from the catalog)
 * may be any of them.
 */
export type StoredValue<C> = C extends { readonly multiValued: true }
  ? ValueOf<C>[]
  : C extends { readonly type: ColumnTypeName; readonly multiValued?: false }
    ? NeverNull<C> extends true
      ? ValueOf<C>
      : ValueOf<C> | null
    : ValueOf<C>[] | ValueOf<C> | null;

type InsertValue<C> = C extends { readonly multiValued: true }
  ? readonly InputOf<C>[]
  : C extends { readonly type: ColumnTypeName; readonly multiValued?: false }
    ? NeverNull<C> extends true
      ? InputOf<C>
      : InputOf<C> | null
    : readonly InputOf<C>[] | InputOf<C> | null;

type OptionalOnInsert<C> = C extends { readonly autoIncrement: true }
  ? true
  : C extends { readonly multiValued: true }
    ? true
    : C extends { readonly default: {} }
      ? true
      : C extends { readonly notNull: true }
        ? false
        : true;

type AutoIncrementKeys<S extends TableSchema> = {
  [K in keyof Columns<S>]: Columns<S>[K] extends { readonly autoIncrement: true } ? K : never;
}[keyof Columns<S>];
type RequiredInsertKeys<S extends TableSchema> = {
  [K in keyof Columns<S>]: OptionalOnInsert<Columns<S>[K]> extends true ? never : K;
}[keyof Columns<S>];
type OptionalInsertKeys<S extends TableSchema> = Exclude<
  keyof Columns<S>,
  RequiredInsertKeys<S> | AutoIncrementKeys<S>
>;

/** A row as read back: every column. */
export type RowOf<S extends TableSchema> = Simplify<{ -readonly [K in keyof Columns<S>]: StoredValue<Columns<S>[K]> }>;

/**
 * A row to insert: not-null columns without a default are required; autoincrement
 * columns are assigned by the engine and may only be left out.
 */
export type InsertOf<S extends TableSchema> = Simplify<
  { -readonly [K in RequiredInsertKeys<S>]: InsertValue<Columns<S>[K]> } & {
    -readonly [K in OptionalInsertKeys<S>]?: InsertValue<Columns<S>[K]>;
  } & { -readonly [K in AutoIncrementKeys<S>]?: undefined }
>;

/** Changes for update: any columns but autoincrement ones. */
export type UpdateOf<S extends TableSchema> = Simplify<{
  -readonly [K in Exclude<keyof Columns<S>, AutoIncrementKeys<S>>]?: InsertValue<Columns<S>[K]>;
}>;

type IndexesOf<S extends TableSchema> = NonNullable<S['indexes']> extends infer I extends { readonly [name: string]: IndexDefinition }
  ? I
  : {};

/** The names of a schema's indexes. */
export type IndexName<S extends TableSchema> = keyof IndexesOf<S> & string;

/**
 * The name of the primary index (never if the schema has none; any name for a schema whose
 * indexes the compiler does not know, such as a table opened from the catalog).
 */
export type PrimaryIndexName<S extends TableSchema> = string extends IndexName<S>
  ? string
  : {
      [I in IndexName<S>]: IndexesOf<S>[I] extends { readonly primary: true } ? I : never;
    }[IndexName<S>];

type SegmentColumn<Segment> = Segment extends `${'+' | '-'}${infer C}` ? C : Segment;
type KeyPartOf<C> = C extends { readonly type: 'binary' | 'longBinary' }
  ? Uint8Array
  : NeverNull<C> extends true
    ? ValueOf<C>
    : ValueOf<C> | null;
type KeyPart<S extends TableSchema, Segment> =
  SegmentColumn<Segment> extends infer C extends keyof Columns<S> ? KeyPartOf<Columns<S>[C]> : unknown;

/** The values of an index's key columns, in segment order. */
export type KeyTuple<S extends TableSchema, I extends IndexName<S>> = I extends unknown
  ? IndexesOf<S>[I] extends { readonly key: infer Segments extends readonly string[] }
    ? { -readonly [P in keyof Segments]: KeyPart<S, Segments[P]> }
    : unknown[]
  : never;

/**
 * A whole key: the tuple, or for one-column keys also the bare value (and for an index
 * whose columns the compiler does not know, either).
 */
export type KeyOf<S extends TableSchema, I extends IndexName<S>> =
  KeyTuple<S, I> extends [infer Only]
    ? Only | readonly [Only]
    : number extends KeyTuple<S, I>['length']
      ? Readonly<KeyTuple<S, I>> | KeyTuple<S, I>[number]
      : Readonly<KeyTuple<S, I>>;

// ---------------------------------------------------------------------------------------
// Schemas after a change: what table.addColumn, deleteColumn, createIndex and deleteIndex
// resolve with a table of.

/** S with column N (defined by C) added or replaced. */
export type WithColumn<S extends TableSchema, N extends string, C extends ColumnDefinition> = Simplify<
  Omit<S, 'columns'> & { readonly columns: Simplify<Omit<Columns<S>, N> & { readonly [K in N]: C }> }
>;

/** S without column N. */
export type WithoutColumn<S extends TableSchema, N extends string> = Simplify<
  Omit<S, 'columns'> & { readonly columns: Simplify<Omit<Columns<S>, N>> }
>;

/** S with index N (defined by D) added. */
export type WithIndex<S extends TableSchema, N extends string, D extends IndexDefinition> = Simplify<
  Omit<S, 'indexes'> & { readonly indexes: Simplify<Omit<IndexesOf<S>, N> & { readonly [K in N]: D }> }
>;

/** S without index N. */
export type WithoutIndex<S extends TableSchema, N extends string> = Simplify<
  Omit<S, 'indexes'> & { readonly indexes: Simplify<Omit<IndexesOf<S>, N>> }
>;

type Prefixes<T extends readonly unknown[]> = T extends readonly [...infer Init, unknown]
  ? Readonly<T> | (Init extends readonly [] ? never : Prefixes<Init>)
  : Readonly<T>;

/** A range bound: the first key columns (any number of them), or the first one bare. */
export type KeyPrefixOf<S extends TableSchema, I extends IndexName<S>> =
  | Prefixes<KeyTuple<S, I>>
  | (KeyTuple<S, I> extends readonly [infer First, ...unknown[]] ? First : unknown);

// ---------------------------------------------------------------------------------------
// Compiled schemas.

export function typeNameOfColtyp(coltyp: number): string {
  return columnTypeOf(coltyp)?.name ?? `coltyp ${coltyp}`;
}

export const CP_UNICODE = 1200;
export const CP_ASCII = 1252;
/** Non-long text and binary columns hold at most this many bytes. */
export const CB_COLUMN_MOST = 255;

// LCMapString flags for JET_UNICODEINDEX: ESE's default normalisation ignores case, kana
// type and width; the case-sensitive variant drops NORM_IGNORECASE.
const LCMAP_SORTKEY = 0x00000400;
const NORM_IGNORECASE = 0x00000001;
const NORM_IGNOREKANATYPE = 0x00010000;
const NORM_IGNOREWIDTH = 0x00020000;
const LCID_EN_US = 0x0409;

export interface CompiledColumn {
  readonly table: string;
  readonly name: string;
  /** Position in the table's column list (the order of schema.columns). */
  readonly position: number;
  readonly type: ColumnTypeName;
  readonly coltyp: number;
  /** cbMax given to the engine (0: the engine's default). */
  readonly cbMax: number;
  /** Largest value accepted, in bytes (Infinity for no limit). */
  readonly maxBytes: number;
  readonly grbit: number;
  readonly cp: number;
  readonly multiValued: boolean;
  readonly notNull: boolean;
  readonly autoIncrement: boolean;
  readonly hasDefault: boolean;
  readonly defaultBytes: Buffer | null;
  /** Fixed text or binary: the engine pads shorter values to cbMax (spaces, zeros). */
  readonly padded: boolean;
  /** "orders.customer (text)", for messages. */
  readonly label: string;
  /** Named as a property every object has (`constructor`, `__proto__`...): read rows' own only. */
  readonly inherited: boolean;
}

export interface CompiledIndex {
  readonly name: string;
  readonly columns: readonly CompiledColumn[];
  /** "+a\0-b\0\0", as JET_INDEXCREATE wants it. */
  readonly keyString: string;
  readonly grbit: number;
  readonly primary: boolean;
  /** LCMapString flags when the index has text columns, else null. */
  readonly mapFlags: number | null;
}

export interface CompiledSchema {
  readonly table: string;
  /** The schema object it was compiled from. */
  readonly source: TableSchema;
  readonly columns: readonly CompiledColumn[];
  readonly byName: ReadonlyMap<string, CompiledColumn>;
  readonly indexes: ReadonlyMap<string, CompiledIndex>;
  readonly primary: CompiledIndex | undefined;
  /**
   * Columns whose stored value an insert reads back, so that it returns what get() will:
   * autoincrement and defaulted ones, and fixed text and binary ones (the engine pads them).
   */
  readonly readBackOnInsert: readonly CompiledColumn[];
}

/** An object whose own keys are names: not null, not an array, not a Map or other class. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function schemaError(table: string, message: string): TypeError {
  return new TypeError(`table '${table}': ${message}`);
}

function compileColumn(table: string, name: string, position: number, def: ColumnDefinition): CompiledColumn {
  if (def === null || typeof def !== 'object') throw schemaError(table, `column '${name}' must be an object`);
  const type = def.type;
  if (typeof type !== 'string' || !Object.hasOwn(COLUMN_TYPES, type)) {
    throw schemaError(
      table,
      `column '${name}' has an unknown type ${JSON.stringify(type)} (one of ${Object.keys(COLUMN_TYPES).join(', ')})`,
    );
  }
  if (name.length === 0 || name.length > 64 || name.includes('\0')) {
    throw schemaError(table, `column name '${name}' must have 1 to 64 characters and no NUL`);
  }
  const { coltyp, size } = COLUMN_TYPES[type];
  const isText = type === 'text' || type === 'longText';
  const isLong = type === 'longText' || type === 'longBinary';
  const isVariable = size === 0;
  const multiValued = def.multiValued === true;
  const autoIncrement = def.autoIncrement === true;
  const notNull = def.notNull === true;

  let cp = 0;
  if (isText) {
    if (def.codePage !== undefined && def.codePage !== 'unicode' && def.codePage !== 'ascii') {
      throw schemaError(table, `column '${name}': codePage must be 'unicode' or 'ascii'`);
    }
    cp = def.codePage === 'ascii' ? CP_ASCII : CP_UNICODE;
  } else if (def.codePage !== undefined) {
    throw schemaError(table, `column '${name}': codePage applies to text columns only`);
  }
  const bytesPerUnit = cp === CP_UNICODE ? 2 : 1;

  let cbMax = 0;
  let maxBytes = isLong ? Infinity : isVariable ? CB_COLUMN_MOST : size;
  if (def.maxLength !== undefined) {
    if (!isVariable) throw schemaError(table, `column '${name}': maxLength applies to text and binary columns only`);
    if (!Number.isInteger(def.maxLength) || def.maxLength <= 0) {
      throw schemaError(table, `column '${name}': maxLength must be a positive integer`);
    }
    cbMax = def.maxLength * bytesPerUnit;
    if (!isLong && cbMax > CB_COLUMN_MOST) {
      throw schemaError(
        table,
        `column '${name}': a ${type} column holds at most ${CB_COLUMN_MOST} bytes (${Math.floor(
          CB_COLUMN_MOST / bytesPerUnit,
        )} characters); use ${isText ? 'longText' : 'longBinary'}`,
      );
    }
    maxBytes = cbMax;
  } else if (isVariable && !isLong) {
    maxBytes = CB_COLUMN_MOST - (CB_COLUMN_MOST % bytesPerUnit);
  }

  let grbit = 0;
  if (notNull) grbit |= JET_bitColumnNotNULL;
  if (multiValued) grbit |= JET_bitColumnMultiValued | JET_bitColumnTagged;
  if (autoIncrement) {
    if (type !== 'long' && type !== 'currency') {
      throw schemaError(table, `column '${name}': autoIncrement needs type 'long' or 'currency', not '${type}'`);
    }
    if (multiValued) throw schemaError(table, `column '${name}': an autoincrement column cannot be multi-valued`);
    if (def.default !== undefined) throw schemaError(table, `column '${name}': an autoincrement column has no default`);
    grbit |= JET_bitColumnAutoincrement;
  }
  switch (def.storage) {
    case undefined:
      break;
    case 'fixed':
      if (isLong || multiValued) throw schemaError(table, `column '${name}': ${type} columns cannot be fixed`);
      grbit |= JET_bitColumnFixed;
      break;
    case 'tagged':
      grbit |= JET_bitColumnTagged;
      break;
    case 'variable':
      if (!isVariable || isLong || multiValued) {
        throw schemaError(table, `column '${name}': only binary and text columns can be variable`);
      }
      break;
    default:
      throw schemaError(table, `column '${name}': storage must be 'fixed', 'variable' or 'tagged'`);
  }

  const label = `${table}.${name} (${type})`;
  const column: CompiledColumn = {
    table,
    name,
    position,
    type,
    coltyp,
    cbMax,
    maxBytes,
    grbit,
    cp,
    multiValued,
    notNull,
    autoIncrement,
    hasDefault: def.default !== undefined,
    defaultBytes: null,
    padded: isVariable && !isLong && (grbit & JET_bitColumnFixed) !== 0,
    label,
    inherited: name in Object.prototype,
  };
  if (def.default !== undefined) {
    if (def.default === null) throw schemaError(table, `column '${name}': a default cannot be null`);
    let bytes: Buffer;
    try {
      bytes = encodeValue(column, def.default);
    } catch (error) {
      throw schemaError(table, `column '${name}': bad default: ${(error as Error).message}`);
    }
    return { ...column, defaultBytes: bytes };
  }
  return column;
}

function compileIndex(
  table: string,
  name: string,
  def: IndexDefinition,
  byName: ReadonlyMap<string, CompiledColumn>,
): CompiledIndex {
  if (def === null || typeof def !== 'object') throw schemaError(table, `index '${name}' must be an object`);
  if (name.length === 0 || name.length > 64 || name.includes('\0')) {
    throw schemaError(table, `index name '${name}' must have 1 to 64 characters and no NUL`);
  }
  if (!Array.isArray(def.key) || def.key.length === 0 || def.key.length > 16) {
    throw schemaError(table, `index '${name}': key must list 1 to 16 columns, like ['+id', '-created']`);
  }
  const columns: CompiledColumn[] = [];
  let keyString = '';
  for (const segment of def.key as readonly unknown[]) {
    if (typeof segment !== 'string' || segment.length === 0) {
      throw schemaError(table, `index '${name}': key segments are strings like '+column' or '-column'`);
    }
    const direction = segment[0] === '-' ? '-' : '+';
    const columnName = segment[0] === '+' || segment[0] === '-' ? segment.slice(1) : segment;
    const column = byName.get(columnName);
    if (!column) throw schemaError(table, `index '${name}' names the unknown column '${columnName}'`);
    if (columns.includes(column)) {
      // A second segment on a column adds nothing to the order and doubles its key bytes.
      throw schemaError(table, `index '${name}' names column '${columnName}' twice`);
    }
    if (column.type === 'longText' || column.type === 'longBinary') {
      // ESE indexes long values by a prefix of them; the facade keeps keys exact.
      throw schemaError(table, `index '${name}': long column '${columnName}' cannot be a key column here`);
    }
    columns.push(column);
    keyString += `${direction}${columnName}\0`;
  }
  keyString += '\0';
  const primary = def.primary === true;
  let grbit = def.grbit ?? 0;
  if (!Number.isInteger(grbit) || grbit < 0) throw schemaError(table, `index '${name}': grbit must be a number`);
  if (primary) grbit |= JET_bitIndexPrimary;
  if (def.unique === true) grbit |= JET_bitIndexUnique;
  if (def.ignoreNull === true) grbit |= JET_bitIndexIgnoreAnyNull;
  const hasText = columns.some((column) => column.type === 'text');
  let mapFlags: number | null = null;
  if (hasText && def.caseSensitive === true) {
    mapFlags = LCMAP_SORTKEY | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH;
  } else if (hasText && def.caseSensitive === false) {
    mapFlags = LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH;
  }
  return { name, columns, keyString, grbit, primary, mapFlags };
}

/** Checks a schema and compiles it; TypeError naming the table and the fault otherwise. */
export function compileSchema(table: string, schema: TableSchema): CompiledSchema {
  if (typeof table !== 'string' || table.length === 0 || table.length > 64 || table.includes('\0')) {
    throw new TypeError('a table name must be a string of 1 to 64 characters without NUL');
  }
  if (!isPlainRecord(schema) || !isPlainRecord(schema.columns)) {
    throw schemaError(table, 'the schema must be an object with a `columns` object (names to definitions, not an array)');
  }
  if (schema.indexes !== undefined && !isPlainRecord(schema.indexes)) {
    throw schemaError(table, '`indexes` must be an object of names to definitions, not an array');
  }
  const names = Object.keys(schema.columns);
  if (names.length === 0) throw schemaError(table, 'the schema needs at least one column');
  const columns = names.map((name, position) => compileColumn(table, name, position, schema.columns[name]!));
  const byName = new Map(columns.map((column) => [column.name, column]));
  const indexes = new Map<string, CompiledIndex>();
  let primary: CompiledIndex | undefined;
  for (const [name, def] of Object.entries(schema.indexes ?? {})) {
    const index = compileIndex(table, name, def, byName);
    if (index.primary) {
      if (primary) throw schemaError(table, `two primary indexes: '${primary.name}' and '${name}'`);
      primary = index;
    }
    indexes.set(name, index);
  }
  return {
    table,
    source: schema,
    columns,
    byName,
    indexes,
    primary,
    readBackOnInsert: columns.filter((column) => column.autoIncrement || column.hasDefault || column.padded),
  };
}

/** A column as createTable and addColumn send it to the addon. */
export function columnSpec(column: CompiledColumn): NativeColumnSpec {
  return {
    name: column.name,
    coltyp: column.coltyp,
    cbMax: column.cbMax,
    grbit: column.grbit,
    cp: column.cp,
    defaultValue: column.defaultBytes,
  };
}

/** An index as createTable and createIndex send it to the addon. */
export function indexSpec(index: CompiledIndex): NativeIndexSpec {
  return { name: index.name, key: index.keyString.slice(0, -1), grbit: index.grbit, lcid: LCID_EN_US, mapFlags: index.mapFlags };
}

/** The table spec createTable sends to the addon. */
export function tableCreateSpec(schema: CompiledSchema): NativeTableSpec {
  return {
    name: schema.table,
    columns: schema.columns.map(columnSpec),
    indexes: [...schema.indexes.values()].map(indexSpec),
  };
}

// ---------------------------------------------------------------------------------------
// Values: the converters of column-values.ts, with messages naming table, column and type
// and the facade's own length limits.

/** The bytes of `value` for `column` (never null: callers deal with null first). */
export function encodeValue(column: CompiledColumn, value: unknown): Buffer {
  let bytes: Buffer | null;
  try {
    bytes = encodeColumnValue(column.coltyp, value as never, column.cp === 0 ? undefined : column.cp);
  } catch (error) {
    const message = `${column.label}: ${(error as Error).message}`;
    throw error instanceof RangeError ? new RangeError(message) : new TypeError(message);
  }
  if (bytes === null) throw new TypeError(`${column.label}: null is not a value here`);
  if (bytes.length > column.maxBytes) {
    const unit = column.cp === CP_UNICODE ? 2 : 1;
    const what =
      column.cp !== 0
        ? `${bytes.length / unit} characters, more than its maxLength of ${column.maxBytes / unit}`
        : `${bytes.length} bytes, more than its maxLength of ${column.maxBytes}`;
    throw new RangeError(`${column.label}: the value has ${what}`);
  }
  return bytes;
}

/** The JavaScript value of stored bytes; binary values get their own memory. */
export function decodeValue(column: CompiledColumn, bytes: Buffer): unknown {
  const value = decodeColumnValue(column.coltyp, bytes, column.cp === 0 ? undefined : column.cp);
  return Buffer.isBuffer(value) ? Buffer.from(value) : value;
}
