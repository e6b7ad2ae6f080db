// The data every data benchmark uses, so that their figures describe the same rows: a table of
// customers keyed by an int32 id, with a text name and an int64 amount.
import { jet } from '../dist/index.js';

/** The facade schema of the benchmarks' table (primary index `pk` on `id`). */
export const CUSTOMER_SCHEMA = {
  columns: {
    id: { type: 'long', notNull: true },
    name: { type: 'text', maxLength: 40, notNull: true },
    amount: { type: 'longLong' },
  },
  indexes: { pk: { key: ['+id'], primary: true } },
};

/** The row stored under `id`. */
export const customerRow = (id) => ({ id, name: `customer ${id}`, amount: BigInt(id) * 100n });

/**
 * The table `name` of the database file opened on a raw session, on its primary index, with
 * the column ids and the JetRetrieveColumns list that reads a whole row.
 */
export function openRawCustomers(raw, file, name) {
  const dbid = jet.JetOpenDatabase(raw, file);
  const tableid = jet.JetOpenTable(raw, dbid, name);
  jet.JetSetCurrentIndex4(raw, tableid, 'pk');
  const col = (column) => jet.JetGetTableColumnInfo(raw, tableid, column).columnid;
  const columns = { id: col('id'), name: col('name'), amount: col('amount') };
  const retrieve = [{ columnid: columns.id }, { columnid: columns.name }, { columnid: columns.amount }];
  return { dbid, tableid, columns, retrieve };
}

/** A customer's key in LevelDB: the id as 4 big-endian bytes, so keys sort by id. */
export function levelKey(id) {
  const key = new Uint8Array(4);
  new DataView(key.buffer).setUint32(0, id);
  return key;
}

/** A customer as LevelDB stores it: JSON, the int64 amount as a string. */
export const encodeLevelRow = (row) => JSON.stringify({ id: row.id, name: row.name, amount: String(row.amount) });

export function decodeLevelRow(text) {
  if (text === undefined) return undefined;
  const row = JSON.parse(text);
  row.amount = BigInt(row.amount);
  return row;
}

/** A classic-level database in `folder` holding customers 1..rows, written `batch` rows at a time. */
export async function openLevelCustomers(ClassicLevel, folder, rows, batch) {
  const db = new ClassicLevel(folder, { keyEncoding: 'view', valueEncoding: 'utf8' });
  await db.open();
  for (let id = 1; id <= rows; id += batch) {
    const ops = [];
    for (let i = id; i < Math.min(id + batch, rows + 1); i++) ops.push({ type: 'put', key: levelKey(i), value: encodeLevelRow(customerRow(i)) });
    await db.batch(ops);
  }
  return db;
}
