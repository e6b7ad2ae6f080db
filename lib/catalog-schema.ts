// The schema of a stored table, read back from the catalog (the addon's describeTable:
// JetGetTableColumnInfo and JetGetTableIndexInfo list levels), for database.openTable
// without a schema. It is a plain TableSchema, as a user would write it for that table.

import { columnTypeOf } from './column-types.js';
import { decodeColumnValue } from './column-values.js';
import {
  JET_bitColumnAutoincrement,
  JET_bitColumnMultiValued,
  JET_bitColumnNotNULL,
  JET_bitIndexIgnoreAnyNull,
  JET_bitIndexIgnoreFirstNull,
  JET_bitIndexIgnoreNull,
  JET_bitIndexPrimary,
  JET_bitIndexUnicode,
  JET_bitIndexUnique,
} from './constants.js';
import type { NativeTableDescription } from './native.js';
import { CB_COLUMN_MOST, CP_ASCII, type ColumnDefinition, type IndexDefinition, type TableSchema } from './schema.js';

const NORM_IGNORECASE = 0x00000001;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function columnOf(stored: NativeTableDescription['columns'][number]): ColumnDefinition | undefined {
  const type = columnTypeOf(stored.coltyp);
  if (!type) return undefined;
  const def: Writable<ColumnDefinition> = { type: type.name };
  const isText = type.name === 'text' || type.name === 'longText';
  const isLong = type.name === 'longText' || type.name === 'longBinary';
  if (stored.grbit & JET_bitColumnNotNULL) def.notNull = true;
  if (stored.grbit & JET_bitColumnMultiValued) def.multiValued = true;
  if (stored.grbit & JET_bitColumnAutoincrement) def.autoIncrement = true;
  if (isText && stored.cp === CP_ASCII) def.codePage = 'ascii';
  if (type.size === 0 && stored.cbMax > 0) {
    const bytes = isLong ? stored.cbMax : Math.min(stored.cbMax, CB_COLUMN_MOST);
    const unit = isText && def.codePage !== 'ascii' ? 2 : 1;
    if (bytes >= unit) def.maxLength = Math.floor(bytes / unit);
  }
  if (stored.defaultValue !== null && !def.autoIncrement) {
    try {
      def.default = decodeColumnValue(stored.coltyp, stored.defaultValue, isText ? stored.cp || undefined : undefined);
    } catch {
      // A default this package cannot read back is left to the engine, which still applies it.
    }
  }
  return def;
}

function indexOf(stored: NativeTableDescription['indexes'][number], columns: TableSchema['columns']): IndexDefinition | undefined {
  const key: string[] = [];
  let hasText = false;
  for (const segment of stored.segments) {
    const column = columns[segment.column];
    // Keys on long columns (or on columns of a type this package does not know) are not
    // usable through the facade: such an index is left out of the schema.
    if (!column || column.type === 'longText' || column.type === 'longBinary') return undefined;
    if (column.type === 'text') hasText = true;
    key.push(`${segment.descending ? '-' : '+'}${segment.column}`);
  }
  if (key.length === 0) return undefined;
  const def: Writable<IndexDefinition> = { key };
  if (stored.grbit & JET_bitIndexPrimary) def.primary = true;
  else if (stored.grbit & JET_bitIndexUnique) def.unique = true;
  // The catalog gives an index's null bits cumulatively (ESE's IDB::GrbitFromFlags): one that
  // ignores any null also reads back as ignoring a first null and an all-null key.
  const ignoreAnyNull = (stored.grbit & JET_bitIndexIgnoreAnyNull) !== 0;
  if (ignoreAnyNull) def.ignoreNull = true;
  if (hasText && stored.mapFlags !== 0 && (stored.mapFlags & NORM_IGNORECASE) === 0) def.caseSensitive = true;
  const implied = ignoreAnyNull ? JET_bitIndexIgnoreAnyNull | JET_bitIndexIgnoreFirstNull | JET_bitIndexIgnoreNull : 0;
  const rest = stored.grbit & ~(JET_bitIndexPrimary | JET_bitIndexUnique | implied | JET_bitIndexUnicode);
  if (rest !== 0) def.grbit = rest >>> 0;
  return def;
}

/**
 * The schema of a stored table: its columns in column id order (those of a type this
 * package knows) and the indexes whose key columns the facade can use.
 */
export function schemaFromCatalog(description: NativeTableDescription): TableSchema {
  const columns: Record<string, ColumnDefinition> = {};
  for (const stored of description.columns) {
    const def = columnOf(stored);
    if (def) columns[stored.name] = def;
  }
  const indexes: Record<string, IndexDefinition> = {};
  for (const stored of description.indexes) {
    const def = indexOf(stored, columns);
    if (def) indexes[stored.name] = def;
  }
  return { columns, indexes };
}
