// npm run bench (second part): the session pool.
//
// Claim + release, as ratios to a bare JetSetSessionContext + JetResetSessionContext pair
// in C++ (p0), all measured in this run:
//   (p1) pool claim + release in C++ on one thread: the engine's set, the entry gate and
//        the line's bookkeeping, with no thread hop
//   (p2) the bare pair from JavaScript (jet.*), for scale
//   (p3) pool.run(fn) with no transaction and no calls: claim and release through the
//        claim thread, two round trips
//   (p4) pool.run(fn) with an empty transaction: begin with the claim, commit with the release
//
// Throughput: runs per second with 1, 2, 4 and 8 Workers sharing one pool of 4 sessions.
// Each run is a transaction that reads and updates one row of its Worker's own. The same
// runs on one facade session of the main thread (no pool, no Worker), serially, give the scale.
//
// Options: --claims N (default 20000), --pool-runs N (default 4000, split among the Workers).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import { Instance, SessionPool, engineInfo, jet } from '../dist/index.js';
import { benchPoolClaimLoop } from '../dist/debug.js';

// The bare pair's C++ loop: bench/native, built by `npm run bench` (bench/native/build.mjs).
const { setResetLoop } = createRequire(import.meta.url)('./native/build/Release/esent_bench.node');
const benchSetResetLoop = (sesid, context, count) => setResetLoop(engineInfo().path, sesid, context, count);

const schema = {
  columns: { id: { type: 'long' }, value: { type: 'long', notNull: true } },
  indexes: { primary: { key: ['+id'], primary: true } },
};

// Opens the database and table, reads the row and adds 1. A pool run closes what it opened
// when it ends; elsewhere the caller closes the database it returns.
async function oneRun(session, path, id) {
  const database = await session.openDatabase(path);
  const table = await database.openTable('counters', schema);
  const row = await table.get(id);
  await table.update(id, { value: row.value + 1 });
  return database;
}

if (!isMainThread) {
  // A Worker: waits for the start signal, then makes its runs one after another.
  const { token, path, id, runs, start } = workerData;
  const pool = SessionPool.from(token);
  await pool.run(async (session) => void (await oneRun(session, path, id))); // warm: loads and opens once
  parentPort.postMessage('ready');
  Atomics.wait(new Int32Array(start), 0, 0);
  for (let i = 0; i < runs; i++) await pool.run(async (session) => void (await oneRun(session, path, id)));
  parentPort.postMessage('done');
} else {
  const { values } = parseArgs({
    options: {
      claims: { type: 'string', default: '20000' },
      'pool-runs': { type: 'string', default: '4000' },
    },
    strict: false,
  });
  const claims = Number(values.claims);
  const poolRuns = Number(values['pool-runs']);
  const poolSize = 4;

  const timeNs = async (fn) => {
    const begin = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - begin);
  };

  const dir = mkdtempSync(join(tmpdir(), 'esent-bench-pool-'));
  const instance = await Instance.create({ path: dir, maxSessions: poolSize + 8, maxVerPages: 4096 });
  try {
    const path = join(dir, 'pool.edb');
    const setup = instance.beginSession();
    const database = await setup.createDatabase(path);
    const table = await database.createTable('counters', schema);
    await table.insertMany(Array.from({ length: 16 }, (_, id) => ({ id, value: 0 })));
    await database.close();

    const pool = instance.sessionPool({ size: poolSize });
    const raw = jet.JetBeginSession(instance.handle);
    const context = 0x5eed0003n;
    const warm = Math.min(2000, claims);

    benchSetResetLoop(raw, context, warm);
    const bareNs = benchSetResetLoop(raw, context, claims) / claims;
    benchPoolClaimLoop(pool, warm);
    const claimNs = benchPoolClaimLoop(pool, claims) / claims;
    const jsPair = (count) => {
      for (let i = 0; i < count; i++) {
        jet.JetSetSessionContext(raw, context);
        jet.JetResetSessionContext(raw);
      }
    };
    jsPair(warm);
    const jsPairNs = (await timeNs(() => jsPair(claims))) / claims;

    const runCount = Math.max(1, Math.floor(claims / 8));
    const serialRuns = async (count, options) => {
      for (let i = 0; i < count; i++) await pool.run(() => undefined, options);
    };
    await serialRuns(Math.min(500, runCount), { transaction: false });
    const emptyRunNs = (await timeNs(() => serialRuns(runCount, { transaction: false }))) / runCount;
    await serialRuns(Math.min(500, runCount));
    const emptyTransactionNs = (await timeNs(() => serialRuns(runCount))) / runCount;

    const info = engineInfo();
    console.log('');
    console.log(`session pool (${poolSize} sessions); engine: ${info.path}${info.isEmulator ? ' (emulator)' : ''}`);
    console.log(`claims: ${claims} (p0-p2), runs: ${runCount} (p3, p4)`);
    console.log('');
    console.log('claim + release                                   ns/claim   ratio to (p0)');
    for (const [name, ns] of [
      ['(p0) bare set/reset pair, C++ (baseline)', bareNs],
      ['(p1) pool claim + release, C++, one thread', claimNs],
      ['(p2) bare set/reset pair from JavaScript', jsPairNs],
      ['(p3) pool.run, no transaction, no calls', emptyRunNs],
      ['(p4) pool.run, empty transaction', emptyTransactionNs],
    ]) {
      console.log(`${name.padEnd(48)} ${ns.toFixed(0).padStart(9)}   ${(ns / bareNs).toFixed(1).padStart(10)}x`);
    }
    jet.JetEndSession(raw);

    // The same work without the pool, on one session of this thread, for scale.
    const own = instance.beginSession();
    const ownRuns = Math.max(1, Math.floor(poolRuns / 4));
    const ownLoop = async (count) => {
      for (let i = 0; i < count; i++) {
        await own.transaction(async (session) => (await oneRun(session, path, 15)).close());
      }
    };
    await ownLoop(Math.min(200, ownRuns));
    const ownPerSecond = ownRuns / ((await timeNs(() => ownLoop(ownRuns))) / 1e9);
    await own.end();

    const throughput = [];
    for (const workers of [1, 2, 4, 8]) {
      const start = new SharedArrayBuffer(4);
      const runs = Math.max(1, Math.floor(poolRuns / workers));
      const threads = [];
      const ready = [];
      const done = [];
      for (let w = 0; w < workers; w++) {
        const worker = new Worker(new URL(import.meta.url), {
          workerData: { token: pool.token, path, id: w, runs, start },
        });
        threads.push(worker);
        ready.push(new Promise((resolve) => worker.once('message', resolve)));
        done.push(
          new Promise((resolve, reject) => {
            worker.on('message', (message) => message === 'done' && resolve());
            worker.on('error', reject);
          }),
        );
      }
      await Promise.all(ready);
      const begin = process.hrtime.bigint();
      Atomics.store(new Int32Array(start), 0, 1);
      Atomics.notify(new Int32Array(start), 0);
      await Promise.all(done);
      const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
      await Promise.all(threads.map((worker) => worker.terminate()));
      throughput.push([workers, (runs * workers) / seconds]);
    }
    const [, oneWorker] = throughput[0];
    console.log('');
    console.log(
      `throughput: a run = a transaction reading and updating one row (${availableParallelism()} cores here)`,
    );
    console.log('                                                  runs/s   ratio to 1 Worker');
    console.log(`${'one session of the main thread, no pool'.padEnd(48)} ${ownPerSecond.toFixed(0).padStart(9)}   ${(ownPerSecond / oneWorker).toFixed(2).padStart(10)}x`);
    for (const [workers, perSecond] of throughput) {
      const name = `${workers} Worker${workers > 1 ? 's' : ''}, pool of ${poolSize}`;
      console.log(`${name.padEnd(48)} ${perSecond.toFixed(0).padStart(9)}   ${(perSecond / oneWorker).toFixed(2).padStart(10)}x`);
    }
    await pool.close();
  } finally {
    await instance.close({ abrupt: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
