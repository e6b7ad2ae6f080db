// The CommonJS form of the smoke test: `require('esent')` (require of an ES module, which
// every Node version in the package's `engines` does without a flag).
//   node smoke.cjs <empty folder for the instance>
'use strict';
const assert = require('node:assert/strict');
const { join } = require('node:path');

const { Instance, EsentError, JET_errNotInTransaction, engineInfo } = require('esent');

async function main() {
  const folder = process.argv[2];
  assert.ok(folder, 'usage: node smoke.cjs <folder>');
  const instance = await Instance.create({ path: folder, name: `smoke-cjs-${process.pid}` });
  const session = instance.beginSession();
  const db = await session.createDatabase(join(folder, 'smoke-cjs.edb'));
  const notes = await db.createTable('notes', {
    columns: { id: { type: 'long', autoIncrement: true }, text: { type: 'text' } },
    indexes: { primary: { key: ['+id'], primary: true } },
  });
  const { id } = await notes.insert({ text: 'hello' });
  assert.deepEqual(await notes.get(id), { id, text: 'hello' });
  const error = await session.commit().then(() => null, (e) => e);
  assert.ok(error instanceof EsentError && error.errno === JET_errNotInTransaction, `got ${error}`);
  await session.end();
  await instance.close();
  const info = engineInfo();
  console.log(JSON.stringify({ platform: process.platform, arch: process.arch, node: process.version, engine: info.path, emulator: info.isEmulator }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
