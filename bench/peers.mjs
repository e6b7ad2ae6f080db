// npm run bench:peers: esent against the other embedded databases of Node, on the same data
// in the same run, as microseconds per operation and as ratios (esent time / peer time:
// below 1 means esent is faster). The scoreboard of docs/performance.md.
//
// The peers (pinned devDependencies): classic-level (LevelDB; async, one libuv hop per
// call, as esent's facade), better-sqlite3 (SQLite; synchronous) and lmdb (LMDB; reads
// synchronous). A peer that cannot be loaded here (a native build missing, as for
// better-sqlite3 under Windows Node in Wine) is reported and left out.
//
// Same data on every side: `rows` records { id: int32 key, name: text, amount: int64 },
// inserted before the reads. Every operation hands back (or takes) the decoded row as a
// JavaScript object with amount as a bigint, so no side skips its decoding.
//
// Durability, stated because it decides write speed: no side waits for the disk on a write.
//   esent      the emulator: commits are lazy (JET_bitCommitLazyFlush); the file is written
//              whole at detach/term (docs/emulator.md); on Windows ESENT.dll, lazy log flush
//   LevelDB    sync: false (each write appended to its log, no fsync)
//   SQLite     journal_mode=WAL, synchronous=OFF
//   LMDB       noSync: true, writes batched in transactions by lmdb
//
// Each case is warmed up, then timed `runs` times (fresh timing, same open databases); the
// median is reported. Options: --rows N (default 20000), --runs N (default 3), --ops N
// (operations per timed case, default 20000), --only name,name (esent, level, sqlite, lmdb).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Instance, engineInfo, jet, JET_bitNewKey, JET_bitSeekEQ } from '../dist/index.js';
import { CUSTOMER_SCHEMA, customerRow, decodeLevelRow, encodeLevelRow, levelKey, openLevelCustomers, openRawCustomers } from './rows.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    ops: { type: 'string', default: '20000' },
    only: { type: 'string', default: 'esent,level,sqlite,lmdb' },
  },
});
const ROWS = Number(values.rows);
const RUNS = Math.max(1, Number(values.runs));
const OPS = Number(values.ops);
const ONLY = new Set(values.only.split(','));
const BATCH = 1000; // rows per insertMany / batch / transaction
const MANY = 100; // keys per getMany
const SCAN = 1000; // rows per scan
const FLIGHT = 64; // calls in flight for the concurrent reads

const require = createRequire(import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'esent-peers-'));

const rowFor = customerRow;
// Keys spread over the table in a fixed order, the same on every side.
const keyAt = (i) => 1 + ((i * 7919) % ROWS);

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1000;
}

// ---------------------------------------------------------------------------------------
// Each side: open(), then named cases, each an async (count, offset) => void doing `count`
// operations; `per` says how many operations one call is (rows of a batch, say).

async function esentSide() {
  const dir = join(root, 'esent');
  const instance = await Instance.create({ path: dir, maxSessions: 32 });
  const session = instance.beginSession();
  const file = join(dir, 'peers.edb');
  const database = await session.createDatabase(file);
  const schema = CUSTOMER_SCHEMA;
  const table = await database.createTable('rows', schema);
  const scratch = await database.createTable('scratch', schema);
  for (let id = 1; id <= ROWS; id += BATCH) {
    await table.insertMany(Array.from({ length: Math.min(BATCH, ROWS - id + 1) }, (_, i) => rowFor(id + i)));
  }
  // Eight more sessions on the same table, for the concurrent cases.
  const others = [];
  for (let s = 0; s < 8; s++) {
    const other = instance.beginSession();
    const db = await other.openDatabase(file);
    others.push(await db.openTable('rows', schema));
  }
  // The raw API on a session of its own, on the main thread.
  const raw = jet.JetBeginSession(instance.handle);
  const { tableid, retrieve } = openRawCustomers(raw, file, 'rows');
  const keyBytes = Buffer.alloc(4);
  let nextId = ROWS + 1;
  return {
    name: 'esent',
    label: `esent (${engineInfo().isEmulator ? 'emulator' : engineInfo().path})`,
    cases: {
      getSerial: async (n, o) => {
        for (let i = 0; i < n; i++) await table.get(keyAt(o + i));
      },
      getFlight: async (n, o) => {
        let i = 0;
        const lane = async () => {
          while (i < n) await table.get(keyAt(o + i++));
        };
        await Promise.all(Array.from({ length: FLIGHT }, lane));
      },
      insertSerial: async (n) => {
        for (let i = 0; i < n; i++) await scratch.insert(rowFor(nextId++));
      },
      insertBatch: async (n) => {
        for (let i = 0; i < n; i += BATCH) {
          await scratch.insertMany(Array.from({ length: BATCH }, () => rowFor(nextId++)));
        }
      },
      getMany: async (n, o) => {
        for (let i = 0; i < n; i += MANY) await table.getMany(Array.from({ length: MANY }, (_, j) => keyAt(o + i + j)));
      },
      update: async (n, o) => {
        for (let i = 0; i < n; i++) await table.update(keyAt(o + i), { amount: BigInt(o + i) });
      },
      scan: async (n, o) => {
        for (let done = 0; done < n; done += SCAN) {
          const from = 1 + ((o + done) % (ROWS - SCAN));
          for await (const row of table.find({ from, limit: SCAN, pageSize: SCAN })) void row;
        }
      },
      mixed8: async (n, o) => {
        const per = Math.ceil(n / 8);
        await Promise.all(
          others.map(async (t, s) => {
            for (let i = 0; i < per; i++) {
              const id = keyAt(o + s * per + i);
              if (i % 4 === 3) await t.update(id, { amount: BigInt(i) });
              else await t.get(id);
            }
          }),
        );
      },
      rawGet: async (n, o) => {
        for (let i = 0; i < n; i++) {
          keyBytes.writeInt32LE(keyAt(o + i));
          jet.JetMakeKey(raw, tableid, keyBytes, JET_bitNewKey);
          jet.JetSeek(raw, tableid, JET_bitSeekEQ);
          const [id, name, amount] = jet.JetRetrieveColumns(raw, tableid, retrieve);
          void { id: id.value.readInt32LE(0), name: name.value.toString('utf16le'), amount: amount.value.readBigInt64LE(0) };
        }
      },
      rawTransaction: async (n) => {
        for (let i = 0; i < n; i++) {
          jet.JetBeginTransaction(raw);
          jet.JetCommitTransaction(raw);
        }
      },
      // Throughput of concurrent reads by how they are spread over sessions.
      oneSession8: async (n, o) => {
        let i = 0;
        const lane = async () => {
          while (i < n) await table.get(keyAt(o + i++));
        };
        await Promise.all(Array.from({ length: 8 }, lane));
      },
      sessions8x8: async (n, o) => {
        let i = 0;
        const lane = async (t) => {
          while (i < n) await t.get(keyAt(o + i++));
        };
        await Promise.all(others.flatMap((t) => Array.from({ length: 8 }, () => lane(t))));
      },
    },
    close: async () => {
      jet.JetCloseTable(raw, tableid);
      jet.JetEndSession(raw);
      await instance.close();
    },
  };
}

async function levelSide() {
  const { ClassicLevel } = require('classic-level');
  const db = await openLevelCustomers(ClassicLevel, join(root, 'level'), ROWS, BATCH);
  const key = levelKey;
  const encode = encodeLevelRow;
  const decode = decodeLevelRow;
  let nextId = ROWS + 1;
  return {
    name: 'level',
    label: 'classic-level (LevelDB)',
    cases: {
      getSerial: async (n, o) => {
        for (let i = 0; i < n; i++) decode(await db.get(key(keyAt(o + i))));
      },
      getFlight: async (n, o) => {
        let i = 0;
        const lane = async () => {
          while (i < n) decode(await db.get(key(keyAt(o + i++))));
        };
        await Promise.all(Array.from({ length: FLIGHT }, lane));
      },
      insertSerial: async (n) => {
        for (let i = 0; i < n; i++) {
          const row = rowFor(nextId++);
          await db.put(key(row.id), encode(row));
        }
      },
      insertBatch: async (n) => {
        for (let i = 0; i < n; i += BATCH) {
          const ops = [];
          for (let j = 0; j < BATCH; j++) {
            const row = rowFor(nextId++);
            ops.push({ type: 'put', key: key(row.id), value: encode(row) });
          }
          await db.batch(ops);
        }
      },
      getMany: async (n, o) => {
        for (let i = 0; i < n; i += MANY) {
          const values = await db.getMany(Array.from({ length: MANY }, (_, j) => key(keyAt(o + i + j))));
          values.forEach(decode);
        }
      },
      // A whole-row put: LevelDB has no partial update; reading first would cost it a get.
      update: async (n, o) => {
        for (let i = 0; i < n; i++) {
          const id = keyAt(o + i);
          await db.put(key(id), encode({ id, name: `customer ${id}`, amount: BigInt(o + i) }));
        }
      },
      scan: async (n, o) => {
        for (let done = 0; done < n; done += SCAN) {
          const from = 1 + ((o + done) % (ROWS - SCAN));
          for await (const value of db.values({ gte: key(from), limit: SCAN })) decode(value);
        }
      },
      mixed8: async (n, o) => {
        const per = Math.ceil(n / 8);
        await Promise.all(
          Array.from({ length: 8 }, async (_, s) => {
            for (let i = 0; i < per; i++) {
              const id = keyAt(o + s * per + i);
              if (i % 4 === 3) await db.put(key(id), encode({ id, name: `customer ${id}`, amount: BigInt(i) }));
              else decode(await db.get(key(id)));
            }
          }),
        );
      },
    },
    close: () => db.close(),
  };
}

async function sqliteSide() {
  const Database = require('better-sqlite3');
  const db = new Database(join(root, 'sqlite.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount INTEGER)');
  const insert = db.prepare('INSERT INTO rows (id, name, amount) VALUES (?, ?, ?)');
  const select = db.prepare('SELECT id, name, amount FROM rows WHERE id = ?').safeIntegers(true);
  const range = db.prepare('SELECT id, name, amount FROM rows WHERE id >= ? ORDER BY id LIMIT ?').safeIntegers(true);
  const update = db.prepare('UPDATE rows SET amount = ? WHERE id = ?');
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const insertMany = db.transaction((rows) => {
    for (const row of rows) insert.run(row.id, row.name, row.amount);
  });
  for (let id = 1; id <= ROWS; id += BATCH) {
    insertMany(Array.from({ length: Math.min(BATCH, ROWS - id + 1) }, (_, i) => rowFor(id + i)));
  }
  const decode = (row) => {
    if (row) row.id = Number(row.id);
    return row;
  };
  let nextId = ROWS + 1;
  return {
    name: 'sqlite',
    label: 'better-sqlite3 (SQLite)',
    cases: {
      rawGet: async (n, o) => {
        for (let i = 0; i < n; i++) decode(select.get(keyAt(o + i)));
      },
      getMany: async (n, o) => {
        for (let i = 0; i < n; i++) decode(select.get(keyAt(o + i)));
      },
      rawTransaction: async (n) => {
        for (let i = 0; i < n; i++) {
          begin.run();
          commit.run();
        }
      },
      insertSerial: async (n) => {
        for (let i = 0; i < n; i++) {
          const row = rowFor(nextId++);
          insert.run(row.id, row.name, row.amount);
        }
      },
      insertBatch: async (n) => {
        for (let i = 0; i < n; i += BATCH) insertMany(Array.from({ length: BATCH }, () => rowFor(nextId++)));
      },
      update: async (n, o) => {
        for (let i = 0; i < n; i++) update.run(BigInt(o + i), keyAt(o + i));
      },
      scan: async (n, o) => {
        for (let done = 0; done < n; done += SCAN) {
          for (const row of range.iterate(1 + ((o + done) % (ROWS - SCAN)), SCAN)) decode(row);
        }
      },
    },
    close: () => db.close(),
  };
}

async function lmdbSide() {
  const { open } = require('lmdb');
  const db = open({ path: join(root, 'lmdb'), noSync: true, keyEncoding: 'uint32', encoding: 'msgpack' });
  const encode = (row) => ({ id: row.id, name: row.name, amount: String(row.amount) });
  const decode = (value) => {
    if (value === undefined) return undefined;
    return { id: value.id, name: value.name, amount: BigInt(value.amount) };
  };
  for (let id = 1; id <= ROWS; id += BATCH) {
    db.transactionSync(() => {
      for (let i = id; i < Math.min(id + BATCH, ROWS + 1); i++) db.putSync(i, encode(rowFor(i)));
    });
  }
  let nextId = ROWS + 1;
  return {
    name: 'lmdb',
    label: 'lmdb (LMDB)',
    cases: {
      rawGet: async (n, o) => {
        for (let i = 0; i < n; i++) decode(db.get(keyAt(o + i)));
      },
      insertSerial: async (n) => {
        for (let i = 0; i < n; i++) {
          const row = rowFor(nextId++);
          await db.put(row.id, encode(row));
        }
      },
      insertBatch: async (n) => {
        for (let i = 0; i < n; i += BATCH) {
          await db.transaction(() => {
            for (let j = 0; j < BATCH; j++) {
              const row = rowFor(nextId++);
              db.put(row.id, encode(row));
            }
          });
        }
      },
      scan: async (n, o) => {
        for (let done = 0; done < n; done += SCAN) {
          const start = 1 + ((o + done) % (ROWS - SCAN));
          for (const { value } of db.getRange({ start, limit: SCAN })) decode(value);
        }
      },
    },
    close: () => db.close(),
  };
}

// ---------------------------------------------------------------------------------------
// What is timed, and how many operations each case counts.

const CASES = [
  ['getSerial', 'async point read, serial', OPS / 4],
  ['getFlight', `async point read, ${FLIGHT} in flight`, OPS],
  ['insertSerial', 'insert one row per call, serial', OPS / 4],
  ['insertBatch', `insert ${BATCH} rows per call (per row)`, Math.max(BATCH, Math.ceil(OPS / BATCH) * BATCH)],
  ['getMany', `point reads, ${MANY} keys per call (per row)`, Math.max(MANY, Math.ceil(OPS / MANY) * MANY)],
  ['update', 'update one column by key, serial', OPS / 4],
  ['scan', `range scan, ${SCAN} rows per scan (per row)`, Math.max(SCAN, Math.ceil(OPS / SCAN) * SCAN)],
  ['mixed8', '8 concurrent clients, 3 reads : 1 write', OPS / 2],
  ['rawGet', 'sync point read (raw jet: MakeKey+Seek+RetrieveColumns)', OPS],
  ['rawTransaction', 'sync begin + commit (raw jet)', OPS],
  ['oneSession8', 'async reads, 1 session x 8 in flight', OPS],
  ['sessions8x8', 'async reads, 8 sessions x 8 in flight', OPS],
];

// The goals: esent case / peer case at most `most` (ratios of medians).
const GOALS = [
  ['getSerial', 'level', 'getSerial', 0.5],
  ['getFlight', 'level', 'getFlight', 0.5],
  ['insertSerial', 'level', 'insertSerial', 0.5],
  ['insertBatch', 'level', 'insertBatch', 1],
  ['getMany', 'sqlite', 'getMany', 0.5],
  ['rawGet', 'sqlite', 'rawGet', 1],
  // Throughput: time of 8 sessions x 8 at most 1/1.6 of 1 session x 8, and at most that
  // of 1 session x 64.
  ['sessions8x8', 'esent', 'oneSession8', 1 / 1.6],
  ['sessions8x8', 'esent', 'getFlight', 1],
];

const makers = { esent: esentSide, level: levelSide, sqlite: sqliteSide, lmdb: lmdbSide };
const sides = [];
for (const [name, make] of Object.entries(makers)) {
  if (!ONLY.has(name)) continue;
  try {
    sides.push(await make());
  } catch (error) {
    console.log(`${name}: left out (${error?.code ?? ''} ${error?.message?.split('\n')[0] ?? error})`);
  }
}

const results = new Map(); // `${side}:${case}` -> µs per op
try {
  console.log(`rows: ${ROWS}; median of ${RUNS} runs; µs per operation`);
  for (const side of sides) console.log(`  ${side.name.padEnd(7)} ${side.label}`);
  console.log('');
  let offset = 0;
  for (const [id, title, count] of CASES) {
    const line = [title.padEnd(58)];
    for (const side of sides) {
      const run = side.cases[id];
      if (!run) {
        line.push('-'.padStart(10));
        continue;
      }
      const n = Math.max(1, Math.floor(count));
      await run(Math.min(n, 2000), offset); // warm-up
      const times = [];
      for (let r = 0; r < RUNS; r++) {
        offset += n;
        times.push((await time(() => run(n, offset))) / n);
      }
      results.set(`${side.name}:${id}`, median(times));
      line.push(median(times).toFixed(2).padStart(10));
    }
    console.log(line.join(''));
  }
  console.log(`${''.padEnd(58)}${sides.map((side) => side.name.padStart(10)).join('')}`);

  console.log('\ngoal (esent / peer, ratio of medians)                     ratio    goal');
  for (const [mine, peer, theirs, most] of GOALS) {
    const a = results.get(`esent:${mine}`);
    const b = results.get(`${peer}:${theirs}`);
    const name = `${mine} / ${peer === 'esent' ? '' : `${peer} `}${theirs}`;
    if (a === undefined || b === undefined) {
      console.log(`${name.padEnd(58)}${'n/a'.padStart(6)}`);
      continue;
    }
    const ratio = a / b;
    console.log(`${name.padEnd(58)}${ratio.toFixed(2).padStart(6)}  <= ${most.toFixed(2)}  ${ratio <= most ? 'met' : 'NOT met'}`);
  }
} finally {
  for (const side of sides) await side.close();
  rmSync(root, { recursive: true, force: true });
}
