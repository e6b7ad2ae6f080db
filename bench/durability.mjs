// The cost of durability, as ratios measured in the same run:
//
//   (m) one-row durable commit, database of 1 MB     begin / insert / commit, one session
//   (n) the same, database of --durable-mb MB        goal: (n)/(m) <= 2 (a commit logs its
//                                                    change; it does not rewrite the file)
//   (o) the same on 8 sessions at once, per commit   goal: (o)/(m) < 1 (group commit: one log
//                                                    flush serves every commit waiting)
//
// The large database is built, closed and attached again before it is measured, so no
// background work of the build is left running. Options: --durable-mb N (default 1024; 0
// skips the section), --commits N (default 300).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Instance } from '../dist/index.js';

const ROW_BYTES = 16 * 1024;
const schema = {
  columns: { id: { type: 'long', notNull: true }, blob: { type: 'longBinary' } },
  indexes: { primary: { key: ['+id'], primary: true } },
};

async function build(instance, path, megabytes) {
  const session = instance.beginSession();
  const table = await (await session.createDatabase(path)).createTable('rows', schema);
  const rows = Math.ceil((megabytes * 1024 * 1024) / ROW_BYTES);
  const blob = Buffer.alloc(ROW_BYTES, 0x5a);
  for (let id = 0; id < rows; id += 64) {
    const batch = [];
    for (let i = id; i < Math.min(rows, id + 64); i++) batch.push({ id: i, blob });
    await table.insertMany(batch);
  }
  await session.end();
  return rows;
}

async function openTable(instance, path) {
  const session = instance.beginSession();
  const table = await (await session.attachDatabase(path)).openTable('rows', schema);
  return { session, table };
}

// One-row durable commits on one session; ns per commit.
async function commitLoop({ session, table }, from, count) {
  const small = Buffer.alloc(100, 1);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await session.beginTransaction();
    await table.insert({ id: from + i, blob: small });
    await session.commit();
  }
  return Number(process.hrtime.bigint() - start) / count;
}

export async function runDurability({ megabytes, commits }) {
  if (megabytes <= 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'esent-bench-durable-'));
  const smallPath = join(dir, 'small.edb');
  const largePath = join(dir, 'large.edb');
  const options = { path: dir, maxSessions: 16, circularLog: true };
  try {
    console.log('');
    console.log(`durable commits: building databases of 1 MB and ${megabytes} MB ...`);
    const builder = await Instance.create({ ...options, name: `bench-build-${process.pid}` });
    const baseRows = Math.max(await build(builder, smallPath, 1), await build(builder, largePath, megabytes));
    await builder.close();

    const instance = await Instance.create({ ...options, name: `bench-durable-${process.pid}` });
    try {
      const small = await openTable(instance, smallPath);
      const large = await openTable(instance, largePath);
      let next = baseRows + 1;
      await commitLoop(small, next, 20);
      next += 20;
      await commitLoop(large, next, 20);
      next += 20;
      // Alternated, so that a slow moment of the disk falls on both.
      let smallNs = 0;
      let largeNs = 0;
      const rounds = 3;
      for (let round = 0; round < rounds; round++) {
        smallNs += (await commitLoop(small, next, Math.ceil(commits / rounds))) / rounds;
        next += commits;
        largeNs += (await commitLoop(large, next, Math.ceil(commits / rounds))) / rounds;
        next += commits;
      }

      const sessions = [];
      for (let s = 0; s < 8; s++) sessions.push(await openTable(instance, smallPath));
      const perSession = Math.max(1, Math.ceil(commits / 8));
      const start = process.hrtime.bigint();
      await Promise.all(sessions.map((s, i) => commitLoop(s, next + i * perSession, perSession)));
      const groupNs = Number(process.hrtime.bigint() - start) / (perSession * 8);

      const line = (name, ns, goal, met) =>
        console.log(`${name.padEnd(52)} ${(ns / 1000).toFixed(0).padStart(8)} µs   ${(ns / smallNs).toFixed(2).padStart(6)}x   ${goal} ${met ? 'met' : 'MISSED'}`);
      console.log('');
      console.log('durable one-row commit                                    cost   ratio to (m)');
      console.log(`${'(m) database of 1 MB (baseline)'.padEnd(52)} ${(smallNs / 1000).toFixed(0).padStart(8)} µs`);
      line(`(n) database of ${megabytes} MB`, largeNs, 'goal <= 2:', largeNs / smallNs <= 2);
      line('(o) 8 sessions at once, per commit', groupNs, 'goal < 1:', groupNs / smallNs < 1);
    } finally {
      await instance.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
