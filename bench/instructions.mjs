// One workload of bench:peers' cases, on one side, for counting instructions under
// callgrind (docs/performance.md, "What each part costs"): the same rows, keys and
// encodings as bench/peers.mjs, with a warm-up of `--warm` operations (so the measured ones
// run optimized code) before `count` measured operations. Run it twice, with N and 3N, and
// divide the difference by 2N:
//
//   valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file=cg.N \
//     node bench/instructions.mjs get 2000
//
// Workloads: esent get, insert, insertMany (1,000 rows per call), getMany (100 keys per
// call), flight (64 gets in flight), rawGet (JetMakeKey + JetSeek + JetRetrieveColumns); classic-level level-get,
// level-put, level-batch (1,000 rows per batch); better-sqlite3 sqlite-get.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { configure, Instance, jet, JET_bitNewKey, JET_bitSeekEQ } from '../dist/index.js';
import { CUSTOMER_SCHEMA, customerRow, decodeLevelRow, encodeLevelRow, levelKey, openLevelCustomers, openRawCustomers } from './rows.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { warm: { type: 'string', default: '2000' }, 'no-polling': { type: 'boolean', default: false } },
});
const [what, countArg] = positionals;
const COUNT = Number(countArg);
if (!what || !Number.isInteger(COUNT) || COUNT < 0) {
  console.error('usage: node bench/instructions.mjs <workload> <count> [--warm N]');
  process.exit(2);
}
// Polling for results (configure's resultPolling) spends instructions on the JavaScript
// thread while it waits, more of them the slower the engine thread runs (as under callgrind):
// --no-polling counts the call's own work only.
if (values['no-polling']) configure({ resultPolling: false });
const ROWS = 20000;
const BATCH = 1000;
const FLIGHT = 64;
const MANY = 100; // keys per getMany, as bench/peers.mjs
const keyAt = (i) => 1 + ((i * 7919) % ROWS);
const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'esent-instructions-'));

async function esent() {
  const instance = await Instance.create({ path: dir });
  const session = instance.beginSession();
  const file = join(dir, 'w.edb');
  const database = await session.createDatabase(file);
  const table = await database.createTable('rows', CUSTOMER_SCHEMA);
  for (let id = 1; id <= ROWS; id += BATCH) {
    await table.insertMany(Array.from({ length: BATCH }, (_, i) => customerRow(id + i)));
  }
  const scratch = await database.createTable('scratch', CUSTOMER_SCHEMA);
  const raw = jet.JetBeginSession(instance.handle);
  const { tableid, retrieve } = openRawCustomers(raw, file, 'rows');
  const keyBytes = Buffer.alloc(4);
  let nextId = ROWS + 1;
  const workloads = {
    get: async (n) => {
      for (let i = 0; i < n; i++) await table.get(keyAt(i));
    },
    insert: async (n) => {
      for (let i = 0; i < n; i++) await scratch.insert(customerRow(nextId++));
    },
    insertMany: async (n) => {
      for (let i = 0; i < n; i += BATCH) await scratch.insertMany(Array.from({ length: BATCH }, () => customerRow(nextId++)));
    },
    getMany: async (n) => {
      for (let i = 0; i < n; i += MANY) await table.getMany(Array.from({ length: MANY }, (_, j) => keyAt(i + j)));
    },
    flight: async (n) => {
      let i = 0;
      const lane = async () => {
        while (i < n) await table.get(keyAt(i++));
      };
      await Promise.all(Array.from({ length: FLIGHT }, lane));
    },
    rawGet: async (n) => {
      for (let i = 0; i < n; i++) {
        keyBytes.writeInt32LE(keyAt(i));
        jet.JetMakeKey(raw, tableid, keyBytes, JET_bitNewKey);
        jet.JetSeek(raw, tableid, JET_bitSeekEQ);
        const [id, name, amount] = jet.JetRetrieveColumns(raw, tableid, retrieve);
        void { id: id.value.readInt32LE(0), name: name.value.toString('utf16le'), amount: amount.value.readBigInt64LE(0) };
      }
    },
  };
  const close = async () => {
    jet.JetCloseTable(raw, tableid);
    jet.JetEndSession(raw);
    await instance.close();
  };
  return { workloads, close };
}

async function level() {
  const { ClassicLevel } = require('classic-level');
  const db = await openLevelCustomers(ClassicLevel, join(dir, 'level'), ROWS, BATCH);
  const key = levelKey;
  const encode = encodeLevelRow;
  const decode = decodeLevelRow;
  let nextId = ROWS + 1;
  const workloads = {
    'level-get': async (n) => {
      for (let i = 0; i < n; i++) decode(await db.get(key(keyAt(i))));
    },
    'level-put': async (n) => {
      for (let i = 0; i < n; i++) {
        const row = customerRow(nextId++);
        await db.put(key(row.id), encode(row));
      }
    },
    'level-batch': async (n) => {
      for (let i = 0; i < n; i += BATCH) {
        const ops = [];
        for (let j = 0; j < BATCH; j++) {
          const row = customerRow(nextId++);
          ops.push({ type: 'put', key: key(row.id), value: encode(row) });
        }
        await db.batch(ops);
      }
    },
  };
  return { workloads, close: () => db.close() };
}

async function sqlite() {
  const Database = require('better-sqlite3');
  const db = new Database(join(dir, 'sqlite.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount INTEGER)');
  const insert = db.prepare('INSERT INTO rows (id, name, amount) VALUES (?, ?, ?)');
  const insertMany = db.transaction((rows) => {
    for (const row of rows) insert.run(row.id, row.name, row.amount);
  });
  for (let id = 1; id <= ROWS; id += BATCH) insertMany(Array.from({ length: BATCH }, (_, i) => customerRow(id + i)));
  const select = db.prepare('SELECT id, name, amount FROM rows WHERE id = ?').safeIntegers(true);
  const workloads = {
    'sqlite-get': async (n) => {
      for (let i = 0; i < n; i++) {
        const row = select.get(keyAt(i));
        if (row) row.id = Number(row.id);
      }
    },
  };
  return { workloads, close: () => db.close() };
}

const side = await (what.startsWith('level-') ? level() : what.startsWith('sqlite-') ? sqlite() : esent());
const run = side.workloads[what];
try {
  if (!run) throw new Error(`no workload '${what}'`);
  await run(Number(values.warm));
  await run(COUNT);
} finally {
  await side.close();
  rmSync(dir, { recursive: true, force: true });
}
