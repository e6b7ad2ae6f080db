// npm run bench:breakdown: where the time of one async point read (table.get) goes, part
// by part, each part timed on its own in this run (docs/performance.md):
//
//   encode     the JavaScript checks and the key's bytes (row-codec.ts)
//   call       the N-API call that parses the arguments and queues the call (no await)
//   engine     the engine's own work for the read, on the calling thread (raw jet calls:
//              set context, make key, seek, retrieve columns, reset context)
//   round trip an awaited call that does almost nothing in the engine
//              (transactionLevel): queueing, the thread hop there and back, settlement
//   decode     turning the record's bytes into the row object
//   whole      await table.get(key), serial
//
// Options: --ops N (default 20000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Instance, jet, JET_bitNewKey, JET_bitSeekEQ, JET_sesparamTransactionLevel } from '../dist/index.js';
import { Reader, RowCodec, Writer } from '../dist/row-codec.js';
import { compileSchema } from '../dist/schema.js';
import { CUSTOMER_SCHEMA, customerRow, openRawCustomers } from './rows.mjs';

const { values } = parseArgs({ options: { ops: { type: 'string', default: '20000' } } });
const OPS = Number(values.ops);
const ROWS = 20000;
const keyAt = (i) => 1 + ((i * 7919) % ROWS);

function timeSync(n, fn) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

async function timeAsync(n, fn) {
  for (let i = 0; i < Math.min(n, 2000); i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}


const dir = mkdtempSync(join(tmpdir(), 'esent-breakdown-'));
const instance = await Instance.create({ path: dir });
try {
  const session = instance.beginSession();
  const file = join(dir, 'b.edb');
  const database = await session.createDatabase(file);
  const table = await database.createTable('rows', CUSTOMER_SCHEMA);
  for (let id = 1; id <= ROWS; id += 1000) {
    await table.insertMany(
      Array.from({ length: 1000 }, (_, i) => customerRow(id + i)),
    );
  }

  const raw = jet.JetBeginSession(instance.handle);
  const { tableid, columns, retrieve } = openRawCustomers(raw, file, 'rows');
  const schema = compileSchema('rows', CUSTOMER_SCHEMA);
  const codec = new RowCodec(schema, [columns.id, columns.name, columns.amount]);
  const index = schema.primary;
  const writer = new Writer();
  const context = 0x5eed0002n;
  const keyBytes = Buffer.alloc(4);

  const encode = timeSync(OPS, (i) => {
    codec.writeKey(writer.reset(), index, keyAt(i), false, 'get');
    return writer.finish();
  });
  // The record bytes of one row, as lookup returns them (without the found flag).
  const record = new Writer();
  for (const value of [Buffer.from([1, 0, 0, 0]), Buffer.from('customer 1', 'utf16le'), Buffer.alloc(8)]) {
    record.u32(1);
    record.value(value);
  }
  const recordBytes = Buffer.from(record.finish());
  const decode = timeSync(OPS, () => codec.readRow(new Reader(recordBytes)));
  const engine = timeSync(OPS, (i) => {
    jet.JetSetSessionContext(raw, context);
    keyBytes.writeInt32LE(keyAt(i));
    jet.JetMakeKey(raw, tableid, keyBytes, JET_bitNewKey);
    jet.JetSeek(raw, tableid, JET_bitSeekEQ);
    jet.JetRetrieveColumns(raw, tableid, retrieve);
    jet.JetResetSessionContext(raw);
  });
  const rawLevel = timeSync(OPS, () => jet.JetGetSessionParameter(raw, JET_sesparamTransactionLevel));
  const roundTrip = await timeAsync(OPS / 2, () => session.transactionLevel());
  const syncLevel = timeSync(OPS, () => session.transactionLevelSync());
  const whole = await timeAsync(OPS / 2, (i) => table.get(keyAt(i)));

  const rows = [
    ['encode: checks and key bytes (JavaScript)', encode],
    ['engine: context + MakeKey + Seek + RetrieveColumns (raw jet, sync)', engine],
    ['  of which one raw N-API call (JetGetSessionParameter)', rawLevel],
    ['sync session call (transactionLevelSync): N-API + context wrap', syncLevel],
    ['round trip: await session.transactionLevel()', roundTrip],
    ['decode: record bytes to a row (JavaScript)', decode],
    ['whole: await table.get(key), serial', whole],
  ];
  console.log(`µs per operation, ${OPS} operations each`);
  for (const [name, us] of rows) console.log(`${name.padEnd(70)} ${us.toFixed(2).padStart(8)}`);
  jet.JetCloseTable(raw, tableid);
  jet.JetEndSession(raw);
} finally {
  await instance.close();
  rmSync(dir, { recursive: true, force: true });
}
