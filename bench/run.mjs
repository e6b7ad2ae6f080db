// npm run bench: the cost of one transaction (begin + commit, each inside the session's
// context) through each layer, as ratios to a native C++ loop measured in the same run.
//
//   (a) native loop      set-context / begin / commit / reset-context in C++
//   (b) raw sync API     the same four jet.* calls from JavaScript
//   (c) facade, serial   await session.beginTransaction(); await session.commit()
//   (d) facade, parallel the same on N sessions at once
//
// Options: --iterations N (default 20000), --sessions N (default 16).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Instance, engineInfo, jet } from '../dist/index.js';
import { benchContextLoop } from '../dist/debug.js';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '20000' },
    sessions: { type: 'string', default: '16' },
  },
});
const iterations = Number(values.iterations);
const sessionCount = Number(values.sessions);

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

  const sessions = Array.from({ length: sessionCount }, () => instance.beginSession());
  const perSession = Math.max(1, Math.floor(facadeIterations / sessionCount));
  await Promise.all(sessions.map((s) => facadeLoop(s, Math.min(50, perSession))));
  const parallelNs = perOp(
    await timeAsync(() => Promise.all(sessions.map((s) => facadeLoop(s, perSession)))),
    perSession * sessionCount,
  );

  const rows = [
    ['(a) native loop (baseline)', nativeNs],
    ['(b) raw sync API', rawNs],
    ['(c) facade async, serial', serialNs],
    [`(d) facade async, ${sessionCount} sessions`, parallelNs],
  ];
  const info = engineInfo();
  console.log(`engine: ${info.path}${info.isEmulator ? ' (emulator)' : ''}`);
  console.log(`transactions: ${iterations} (a, b), ${facadeIterations} (c), ${perSession * sessionCount} (d)`);
  console.log('');
  console.log('layer                                ns/transaction   ratio to (a)');
  for (const [name, ns] of rows) {
    console.log(`${name.padEnd(36)} ${ns.toFixed(0).padStart(14)}   ${(ns / nativeNs).toFixed(1).padStart(10)}x`);
  }
  jet.JetEndSession(raw);
} finally {
  await instance.close({ abrupt: true });
  rmSync(dir, { recursive: true, force: true });
}
