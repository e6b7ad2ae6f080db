// Where an async workload's time goes by thread: wall time per operation beside the CPU time
// the JavaScript thread and the other threads (engine threads, V8's helpers, libuv's pool)
// spend per operation, read from /proc (Linux only). When the JavaScript thread's CPU time per
// operation is close to the wall time per operation, the workload is bound by that thread,
// and more sessions or engine threads cannot make it faster.
//
//   node bench/thread-time.mjs [--ops N] [--runs N] [--no-polling] [workload ...]
//
// The JavaScript thread's time includes its polling for results of short calls (configure's
// resultPolling), which spins while an engine thread works; --no-polling turns it off, so that
// the thread's time is its own work and its wake-ups.
//
// Workloads (bench:peers' cases, same rows): get (serial), insert (serial, one row per call),
// flight8 (1 session, 8 in flight),
// sessions8x8 (8 sessions, 8 in flight each), flight64 (1 session, 64 in flight), insertMany
// (1,000 rows per call), getMany (100 keys per call).
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { configure, Instance } from '../dist/index.js';
import { CUSTOMER_SCHEMA, customerRow } from './rows.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ops: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    'no-polling': { type: 'boolean', default: false },
  },
});
if (process.platform !== 'linux') {
  console.error('thread-time: reads /proc, so runs on Linux only');
  process.exit(2);
}
if (values['no-polling']) configure({ resultPolling: false });
const OPS = Number(values.ops);
const RUNS = Number(values.runs);
const ROWS = 20000;
const keyAt = (i) => 1 + ((i * 7919) % ROWS);

// Time on a CPU, in nanoseconds, of every thread of this process, by thread id (the first
// field of the scheduler's statistics).
function threadTimes() {
  const times = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      times.set(Number(tid), Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
}

const dir = mkdtempSync(join(tmpdir(), 'esent-thread-time-'));
const instance = await Instance.create({ path: dir });
const session = instance.beginSession();
const database = await session.createDatabase(join(dir, 't.edb'));
const table = await database.createTable('rows', CUSTOMER_SCHEMA);
for (let id = 1; id <= ROWS; id += 1000) {
  await table.insertMany(Array.from({ length: 1000 }, (_, i) => customerRow(id + i)));
}
const scratch = await database.createTable('scratch', CUSTOMER_SCHEMA);
const others = [];
for (let s = 0; s < 8; s++) {
  const db = await instance.beginSession().openDatabase(join(dir, 't.edb'));
  others.push(await db.openTable('rows', CUSTOMER_SCHEMA));
}
let nextId = ROWS + 1;

const lanes = async (tables, perTable, n, o) => {
  let i = 0;
  const lane = async (t) => {
    while (i < n) await t.get(keyAt(o + i++));
  };
  await Promise.all(tables.flatMap((t) => Array.from({ length: perTable }, () => lane(t))));
};
const workloads = {
  get: async (n, o) => {
    for (let i = 0; i < n; i++) await table.get(keyAt(o + i));
  },
  flight8: (n, o) => lanes([table], 8, n, o),
  sessions8x8: (n, o) => lanes(others, 8, n, o),
  flight64: (n, o) => lanes([table], 64, n, o),
  insert: async (n) => {
    for (let i = 0; i < n; i++) await scratch.insert(customerRow(nextId++));
  },
  insertMany: async (n) => {
    for (let i = 0; i < n; i += 1000) await scratch.insertMany(Array.from({ length: 1000 }, () => customerRow(nextId++)));
  },
  getMany: async (n, o) => {
    for (let i = 0; i < n; i += 100) await table.getMany(Array.from({ length: 100 }, (_, j) => keyAt(o + i + j)));
  },
};
const chosen = positionals.length > 0 ? positionals : Object.keys(workloads);
for (const name of chosen) {
  if (!workloads[name]) {
    console.error(`thread-time: no workload '${name}' (${Object.keys(workloads).join(', ')})`);
    process.exit(2);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${OPS} operations per run, median of ${RUNS} runs; µs per operation`);
console.log('workload        wall    JS thread   other threads   (busiest two)');
let offset = 0;
for (const name of chosen) {
  await workloads[name](Math.min(OPS, 2000), offset); // warm-up
  const rows = [];
  for (let r = 0; r < RUNS; r++) {
    offset += OPS;
    const before = threadTimes();
    const start = process.hrtime.bigint();
    await workloads[name](OPS, offset);
    const wall = Number(process.hrtime.bigint() - start) / 1000 / OPS;
    const after = threadTimes();
    const spent = [...after].map(([tid, t]) => [tid, (t - (before.get(tid) ?? 0)) / 1000 / OPS]);
    const js = spent.find(([tid]) => tid === process.pid)?.[1] ?? 0;
    const rest = spent.filter(([tid]) => tid !== process.pid).map(([, t]) => t).sort((a, b) => b - a);
    rows.push({ wall, js, other: rest.reduce((a, b) => a + b, 0), top: rest.slice(0, 2) });
  }
  const m = (f) => median(rows.map(f)).toFixed(2);
  console.log(
    `${name.padEnd(14)} ${m((r) => r.wall).padStart(6)} ${m((r) => r.js).padStart(11)} ${m((r) => r.other).padStart(15)}   (${m((r) => r.top[0] ?? 0)}, ${m((r) => r.top[1] ?? 0)})`,
  );
}
await instance.close();
rmSync(dir, { recursive: true, force: true });
