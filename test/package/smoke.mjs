// Run by scripts/test-package.mjs inside a fresh project that installed the packed
// tarball: a few calls through every layer, on whichever addon the platform picked.
// Prints one JSON line for the runner to check; exits non-zero on any failure.
//   node smoke.mjs <empty folder for the instance>
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { EsentError, EsentKeyDuplicateError, Instance, engineInfo, jet } from 'esent';

const folder = process.argv[2];
assert.ok(folder, 'usage: node smoke.mjs <folder>');

const instance = await Instance.create({ path: folder, name: `smoke-${process.pid}` });
const session = instance.beginSession();
const db = await session.createDatabase(join(folder, 'smoke.edb'));
const people = await db.createTable('people', {
  columns: { id: { type: 'long', autoIncrement: true }, name: { type: 'text', notNull: true } },
  indexes: { primary: { key: ['+id'], primary: true }, byName: { key: ['+name'], unique: true } },
});

// One transaction across awaits, whichever pool threads run its calls.
await session.transaction(async () => {
  await people.insert({ name: 'Ada' });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await people.insert({ name: 'Grace' });
});
const names = [];
for await (const row of people.find({ index: 'byName' })) names.push(row.name);
assert.deepEqual(names, ['Ada', 'Grace']);

const duplicate = await people.insert({ name: 'Ada' }).then(
  () => null,
  (error) => error,
);
assert.ok(duplicate instanceof EsentKeyDuplicateError, `expected EsentKeyDuplicateError, got ${duplicate}`);
assert.ok(duplicate instanceof EsentError);

// The raw API on the main thread and in a Worker, on the same instance.
const sesid = jet.JetBeginSession(instance.handle);
jet.JetBeginTransaction(sesid);
jet.JetCommitTransaction(sesid);
jet.JetEndSession(sesid);
const workerLevel = await new Promise((resolve, reject) => {
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     import('esent').then(({ jet }) => {
       const sesid = jet.JetBeginSession(workerData);
       jet.JetBeginTransaction(sesid);
       jet.JetCommitTransaction(sesid);
       jet.JetEndSession(sesid);
       parentPort.postMessage('ok');
     });`,
    { eval: true, workerData: instance.handle },
  );
  worker.once('message', resolve);
  worker.once('error', reject);
});
assert.equal(workerLevel, 'ok');

const count = await people.count();
await session.end();
await instance.close();

const info = engineInfo();
console.log(JSON.stringify({ platform: process.platform, arch: process.arch, node: process.version, count, engine: info.path, emulator: info.isEmulator }));
