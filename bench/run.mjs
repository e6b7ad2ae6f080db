// npm run bench: the cost of one transaction (begin + commit, each inside the session's
// context) through each layer, as ratios to a native C++ loop measured in the same run.
//
//   (a) native loop      set-context / begin / commit / reset-context in C++
//   (b) raw sync API     the same four jet.* calls from JavaScript
//   (c) facade, serial   await session.beginTransaction(); await session.commit()
//   (c2) pipelined       the same with begin not awaited first: one pool trip per transaction
//   (d) facade, parallel the same on N sessions at once
//   (r) for scale        two round trips of Node's own fs.access through the same pool
//
// Options: --iterations N (default 20000), --sessions N (default 16), --rows N (default
// 20000, for the data section), --durable-mb N and --commits N (the durability section at
// the end, bench/durability.mjs), --sections LIST (transactions,data,durability: the ones to
// run), --native FILE (the baseline addon, for a build other than bench/native's own, as
// bench/engines.mjs passes under Wine), --json FILE (the figures, for bench/engines.mjs).
import { mkdtempSync, promises as fsPromises, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Instance, engineInfo, jet } from '../dist/index.js';
import { CUSTOMER_SCHEMA, customerRow, openRawCustomers } from './rows.mjs';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '20000' },
    sessions: { type: 'string', default: '16' },
    rows: { type: 'string', default: '20000' },
    'durable-mb': { type: 'string', default: '1024' },
    commits: { type: 'string', default: '300' },
    sections: { type: 'string', default: 'transactions,data,durability' },
    native: { type: 'string', default: './native/build/Release/esent_bench.node' },
    json: { type: 'string' },
  },
});
const iterations = Number(values.iterations);
const sessionCount = Number(values.sessions);
const sections = new Set(values.sections.split(','));
for (const name of sections) {
  if (!['transactions', 'data', 'durability'].includes(name)) throw new TypeError(`--sections: unknown section ${name}`);
}

// The C++ baseline: bench/native, built by `npm run bench` (bench/native/build.mjs).
const { contextLoop } = createRequire(import.meta.url)(values.native);
const benchContextLoop = (sesid, context, count) => contextLoop(engineInfo().path, sesid, context, count);

// What --json writes: per section, [name, ns, baseline ns] for each row.
const report = { engine: engineInfo().path, isEmulator: engineInfo().isEmulator, platform: process.platform };

function perOp(ns, count) {
  return ns / count;
}

async function timeAsync(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start);
}

function timeSync(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start);
}

if (sections.has('transactions')) {
  const dir = mkdtempSync(join(tmpdir(), 'esent-bench-'));
  const instance = await Instance.create({ path: dir, maxSessions: sessionCount + 4 });
  try {
    const session = instance.beginSession();
    const raw = jet.JetBeginSession(instance.handle);
    const rawContext = 0x5eed0001n;
    const warmup = Math.min(2000, iterations);

    benchContextLoop(raw, rawContext, warmup);
    const nativeNs = perOp(benchContextLoop(raw, rawContext, iterations), iterations);

    const rawLoop = (count) => {
      for (let i = 0; i < count; i++) {
        jet.JetSetSessionContext(raw, rawContext);
        jet.JetBeginTransaction(raw);
        jet.JetCommitTransaction(raw);
        jet.JetResetSessionContext(raw);
      }
    };
    rawLoop(warmup);
    const rawNs = perOp(timeSync(() => rawLoop(iterations)), iterations);

    const facadeLoop = async (s, count) => {
      for (let i = 0; i < count; i++) {
        await s.beginTransaction();
        await s.commit();
      }
    };
    const facadeIterations = Math.max(1, Math.floor(iterations / 4));
    await facadeLoop(session, Math.min(500, facadeIterations));
    const serialNs = perOp(await timeAsync(() => facadeLoop(session, facadeIterations)), facadeIterations);

    // begin queued without awaiting it: both calls travel to the pool in one trip.
    const pipelinedLoop = async (s, count) => {
      for (let i = 0; i < count; i++) {
        const begun = s.beginTransaction();
        await s.commit();
        await begun;
      }
    };
    await pipelinedLoop(session, Math.min(500, facadeIterations));
    const pipelinedNs = perOp(await timeAsync(() => pipelinedLoop(session, facadeIterations)), facadeIterations);

    const sessions = Array.from({ length: sessionCount }, () => instance.beginSession());
    const perSession = Math.max(1, Math.floor(facadeIterations / sessionCount));
    await Promise.all(sessions.map((s) => facadeLoop(s, Math.min(50, perSession))));
    const parallelNs = perOp(
      await timeAsync(() => Promise.all(sessions.map((s) => facadeLoop(s, perSession)))),
      perSession * sessionCount,
    );

    // For scale: what any libuv pool round trip costs on this machine (Node's own fs.access).
    const poolRoundTrip = async (count) => {
      for (let i = 0; i < count; i++) await fsPromises.access(dir);
    };
    await poolRoundTrip(Math.min(500, facadeIterations));
    const poolRoundTripNs = perOp(await timeAsync(() => poolRoundTrip(facadeIterations)), facadeIterations);

    const rows = [
      ['(a) native loop (baseline)', nativeNs],
      ['(b) raw sync API', rawNs],
      ['(c) facade async, serial', serialNs],
      ['(c2) facade async, begin+commit pipelined', pipelinedNs],
      [`(d) facade async, ${sessionCount} sessions`, parallelNs],
      ['(r) for scale: 2 x fs.access round trip', 2 * poolRoundTripNs],
    ];
    const info = engineInfo();
    console.log(`engine: ${info.path}${info.isEmulator ? ' (emulator)' : ''}`);
    console.log(`transactions: ${iterations} (a, b), ${facadeIterations} (c), ${perSession * sessionCount} (d)`);
    console.log('');
    console.log('layer                                        ns/transaction   ratio to (a)');
    for (const [name, ns] of rows) {
      console.log(`${name.padEnd(44)} ${ns.toFixed(0).padStart(14)}   ${(ns / nativeNs).toFixed(1).padStart(10)}x`);
    }
    report.transactions = rows.map(([name, ns]) => [name, ns, nativeNs]);
    jet.JetEndSession(raw);
  } finally {
    await instance.close({ abrupt: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Data: rows inserted and read by primary key, through the facade against the raw sync
// API (jet.* data calls on the main thread), as ratios measured in this same run.
//
//   (e) raw sync insert     begin / prepare / set columns / update / commit per row
//   (f) raw sync get        make key / seek / retrieve columns per row
//   (g) facade insert       await table.insert(row), one row per pool trip
//   (h) facade insertMany   100 rows per pool trip
//   (i) facade get          await table.get(id), one row per pool trip
//   (j) facade getMany      100 keys per pool trip
//   (k) facade insert, N sessions in parallel, one row per trip each
//   (l) facade get, N sessions in parallel, one row per trip each
//
// Options: --rows N (default 20000).
if (sections.has('data')) {
  const rowCount = Number(values.rows);
  const { JET_prepInsert, JET_bitSeekEQ, JET_bitNewKey, JET_bitCommitLazyFlush } = await import('../dist/index.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'esent-bench-data-'));
  const dataInstance = await Instance.create({ path: dataDir, maxSessions: sessionCount + 4 });
  const schema = CUSTOMER_SCHEMA;
  const rowFor = customerRow;
  try {
    const session = dataInstance.beginSession();
    const file = join(dataDir, 'bench.edb');
    const database = await session.createDatabase(file);
    const rawTableFacade = await database.createTable('raw', schema);
    const table = await database.createTable('facade', schema);
    const manyTable = await database.createTable('batched', schema);
    const parallelTable = await database.createTable('parallel', schema);
    await rawTableFacade.close();

    // The raw API on its own session, on the main thread.
    const raw = jet.JetBeginSession(dataInstance.handle);
    const { tableid, columns, retrieve } = openRawCustomers(raw, file, 'raw');
    const [idCol, nameCol, amountCol] = [columns.id, columns.name, columns.amount];
    const encodeRow = (row) => {
      const id = Buffer.allocUnsafe(4);
      id.writeInt32LE(row.id);
      const amount = Buffer.allocUnsafe(8);
      amount.writeBigInt64LE(row.amount);
      return [id, Buffer.from(row.name, 'utf16le'), amount];
    };
    const rawInsert = (from, count) => {
      for (let id = from; id < from + count; id++) {
        const [idBytes, nameBytes, amountBytes] = encodeRow(rowFor(id));
        jet.JetBeginTransaction(raw);
        jet.JetPrepareUpdate(raw, tableid, JET_prepInsert);
        jet.JetSetColumns(raw, tableid, [
          { columnid: idCol, pvData: idBytes },
          { columnid: nameCol, pvData: nameBytes },
          { columnid: amountCol, pvData: amountBytes },
        ]);
        jet.JetUpdate2(raw, tableid);
        jet.JetCommitTransaction(raw, JET_bitCommitLazyFlush);
      }
    };
    const rawGet = (count) => {
      const key = Buffer.allocUnsafe(4);
      for (let i = 0; i < count; i++) {
        key.writeInt32LE(1 + (i % rowCount));
        jet.JetMakeKey(raw, tableid, key, JET_bitNewKey);
        jet.JetSeek(raw, tableid, JET_bitSeekEQ);
        const [id, name, amount] = jet.JetRetrieveColumns(raw, tableid, retrieve);
        // Decode as the facade does, so both sides hand back JavaScript values.
        void { id: id.value.readInt32LE(0), name: name.value.toString('utf16le'), amount: amount.value.readBigInt64LE(0) };
      }
    };

    const warm = Math.min(500, rowCount);
    rawInsert(1, rowCount);
    const rawInsertNs = perOp(timeSync(() => rawInsert(rowCount + 1, rowCount)), rowCount);
    rawGet(warm);
    const rawGetNs = perOp(timeSync(() => rawGet(rowCount)), rowCount);

    const facadeRows = Math.max(1, Math.floor(rowCount / 4));
    const insertSerial = async (t, from, count) => {
      for (let id = from; id < from + count; id++) await t.insert(rowFor(id));
    };
    await insertSerial(table, 1, warm);
    const insertNs = perOp(await timeAsync(() => insertSerial(table, warm + 1, facadeRows)), facadeRows);

    const batch = 100;
    const insertBatched = async (from, count) => {
      for (let id = from; id < from + count; id += batch) {
        await manyTable.insertMany(Array.from({ length: Math.min(batch, from + count - id) }, (_, i) => rowFor(id + i)));
      }
    };
    await insertBatched(1, warm);
    const insertManyNs = perOp(await timeAsync(() => insertBatched(warm + 1, rowCount)), rowCount);

    const getSerial = async (t, count, modulo) => {
      for (let i = 0; i < count; i++) await t.get(1 + (i % modulo));
    };
    await getSerial(table, warm, facadeRows);
    const getNs = perOp(await timeAsync(() => getSerial(table, facadeRows, facadeRows)), facadeRows);

    const getBatched = async (count) => {
      for (let i = 0; i < count; i += batch) {
        await manyTable.getMany(Array.from({ length: Math.min(batch, count - i) }, (_, j) => 1 + ((i + j) % rowCount)));
      }
    };
    await getBatched(warm);
    const getManyNs = perOp(await timeAsync(() => getBatched(rowCount)), rowCount);

    const parallel = [];
    for (let s = 0; s < sessionCount; s++) {
      const ps = dataInstance.beginSession();
      const pdb = await ps.openDatabase(file);
      parallel.push(await pdb.openTable('parallel', schema));
    }
    const perSessionRows = Math.max(1, Math.floor(facadeRows / sessionCount));
    const parallelInsertNs = perOp(
      await timeAsync(() =>
        Promise.all(parallel.map((t, s) => insertSerial(t, 1 + s * perSessionRows, perSessionRows))),
      ),
      perSessionRows * sessionCount,
    );
    const parallelGetNs = perOp(
      await timeAsync(() => Promise.all(parallel.map((t) => getSerial(t, perSessionRows, perSessionRows * sessionCount)))),
      perSessionRows * sessionCount,
    );

    const dataRows = [
      ['(e) raw sync insert (baseline)', rawInsertNs, rawInsertNs],
      ['(g) facade insert, serial', insertNs, rawInsertNs],
      [`(h) facade insertMany x${batch}`, insertManyNs, rawInsertNs],
      [`(k) facade insert, ${sessionCount} sessions`, parallelInsertNs, rawInsertNs],
      ['(f) raw sync get (baseline)', rawGetNs, rawGetNs],
      ['(i) facade get, serial', getNs, rawGetNs],
      [`(j) facade getMany x${batch}`, getManyNs, rawGetNs],
      [`(l) facade get, ${sessionCount} sessions`, parallelGetNs, rawGetNs],
    ];
    console.log('');
    console.log(`rows: ${rowCount} (e, f, h, j), ${facadeRows} (g, i), ${perSessionRows * sessionCount} (k, l)`);
    console.log('');
    console.log('data path                                    ns/row           ratio to raw');
    for (const [name, ns, base] of dataRows) {
      console.log(`${name.padEnd(44)} ${ns.toFixed(0).padStart(14)}   ${(ns / base).toFixed(2).padStart(10)}x`);
    }
    report.data = dataRows;
    jet.JetCloseTable(raw, tableid);
    jet.JetEndSession(raw);
  } catch (error) {
    if (error?.code === 'JET_errEntryPointNotFound') {
      console.log(`\ndata section skipped: ${error.message}`);
    } else {
      throw error;
    }
  } finally {
    await dataInstance.close({ abrupt: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Durability: what a durable commit costs as the database grows, and with group commit.
if (sections.has('durability')) {
  const { runDurability } = await import('./durability.mjs');
  await runDurability({ megabytes: Number(values['durable-mb']), commits: Number(values.commits) });
}

if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
