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
