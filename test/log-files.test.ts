// The files an instance keeps for its log, named as ESE names them, and what the log
// parameters do to them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  JET_bitForceNewLog,
  JET_paramCheckpointDepthMax,
  JET_paramLegacyFileNames,
  JET_paramLogFileSize,
  JET_paramRecovery,
  jet,
  type InstanceOptions,
  type TableSchema,
} from '../lib/index.js';
import { itOnEmulator } from './helpers/engine.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

const schema = {
  columns: { id: { type: 'long', notNull: true }, blob: { type: 'binary' } },
  indexes: { primary: { key: ['+id'], primary: true } },
} as const satisfies TableSchema;

/** An instance in a folder of its own that commits `commits` rows of 200 bytes, then closes. */
async function run(options: InstanceOptions, commits: number, force = false): Promise<string[]> {
  const dir = tempDir();
  const instance = await pool.open({ ...options, path: dir });
  const session = instance.beginSession();
  const table = await (await session.createDatabase(join(dir, 'files.edb'))).createTable('rows', schema);
  for (let id = 0; id < commits; id++) {
    await session.beginTransaction();
    await table.insert({ id, blob: Buffer.alloc(200, id) });
    await session.commit();
  }
  if (force) {
    jet.JetCommitTransaction(session.handle, JET_bitForceNewLog);
  }
  await session.end();
  await instance.close();
  return readdirSync(dir).sort();
}

describe('log files', () => {
  it('edb.log and edb.chk beside the database by default; JET_paramBaseName renames them', async () => {
    const files = await run({}, 3);
    expect(files).toEqual(expect.arrayContaining(['edb.chk', 'edb.log', 'files.edb']));
    const named = await run({ baseName: 'abc' }, 3);
    expect(named).toEqual(expect.arrayContaining(['abc.chk', 'abc.log']));
    expect(named).not.toContain('edb.log');
  });

  it('a full log is archived as edb00001.log, edb00002.log, ...', async () => {
    const files = await run({ parameters: [[JET_paramLogFileSize, 64]] }, 800);
    expect(files).toEqual(expect.arrayContaining(['edb.log', 'edb00001.log', 'edb00002.log']));
  });

  it('JET_bitForceNewLog starts the next generation', async () => {
    const files = await run({}, 2, true);
    expect(files).toEqual(expect.arrayContaining(['edb.log', 'edb00001.log']));
  });

  itOnEmulator(
    'with circular logging, generations the checkpoint has passed are deleted',
    'when ESE deletes them depends on its cache flushing',
    async () => {
      const kept = await run({ parameters: [[JET_paramLogFileSize, 64]] }, 800);
      const circular = await run(
        { circularLog: true, parameters: [[JET_paramLogFileSize, 64], [JET_paramCheckpointDepthMax, 65536]] },
        800,
      );
      const archives = (files: string[]) => files.filter((name) => /^edb[0-9A-F]{5}\.log$/.test(name));
      expect(archives(kept).length).toBeGreaterThan(2);
      // The clean term's checkpoint is at the end of the log: nothing before it is kept.
      expect(archives(circular)).toEqual([]);
      expect(circular).toContain('edb.log');
    },
    120_000,
  );

  itOnEmulator(
    'without JET_bitESE98FileNames: .jtx and .jcp, and eight-digit generations without JET_bitEightDotThreeSoftCompat',
    'unconfirmed against ESENT.dll',
    async () => {
      const files = await run({ parameters: [[JET_paramLegacyFileNames, 0], [JET_paramLogFileSize, 64]] }, 800);
      expect(files).toEqual(expect.arrayContaining(['edb.jtx', 'edb.jcp', 'edb00000001.jtx']));
      expect(files.some((name) => name.endsWith('.log') || name.endsWith('.chk'))).toBe(false);
    },
    120_000,
  );

  it('JET_paramRecovery off keeps no log', async () => {
    const dir = tempDir();
    const instance = await pool.open({ path: dir, parameters: [[JET_paramRecovery, 0, 'off']] });
    const session = instance.beginSession();
    await (await session.createDatabase(join(dir, 'files.edb'))).createTable('rows', schema);
    await session.end();
    await instance.close();
    expect(existsSync(join(dir, 'edb.log'))).toBe(false);
    expect(existsSync(join(dir, 'edb.chk'))).toBe(false);
    expect(existsSync(join(dir, 'files.edb'))).toBe(true);
  });
});
