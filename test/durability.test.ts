// What survives a crash. Commits acknowledged before a SIGKILL are all there after recovery
// and nothing half-made is, whatever the moment of the kill; a database and its log belong
// to one process; a database left dirty is refused by every log but its own.
//
// ESENT_CRASH_ROUNDS sets the number of kills (20 by default; 1000 for a long run), and
// ESENT_TEST_SEED the seed that places them.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentDatabaseDirtyShutdownError,
  EsentFileAccessDeniedError,
  Instance,
  type TableSchema,
} from '../lib/index.js';
import { itOnEmulator } from './helpers/engine.js';
import { InstancePool, tempDir, uniqueName } from './helpers/instances.js';
import { runFixture, seededRandom, type WatchedProcess } from './helpers/processes.js';

const rounds = Number(process.env.ESENT_CRASH_ROUNDS ?? 20);
const seed = Number(process.env.ESENT_TEST_SEED ?? 0x5eed);
const schema = {
  columns: { id: { type: 'longLong', notNull: true }, pair: { type: 'longLong', notNull: true } },
  indexes: { primary: { key: ['+id'], primary: true } },
} as const satisfies TableSchema;

const pool = new InstancePool();
const running: WatchedProcess[] = [];
afterEach(async () => {
  for (const process of running.splice(0)) await process.kill();
  await pool.cleanup();
});

/** Recovers `dir` in this process and counts the rows of each pair. */
async function readPairs(dir: string): Promise<Map<number, number>> {
  const instance = await Instance.create({ path: dir, name: uniqueName('recover') });
  try {
    const session = instance.beginSession();
    const database = await session.attachDatabase(join(dir, 'crash.edb'));
    const table = await database.openTable('rows', schema);
    const pairs = new Map<number, number>();
    for await (const row of table.find()) {
      expect(row.id / 2n).toBe(row.pair);
      pairs.set(Number(row.pair), (pairs.get(Number(row.pair)) ?? 0) + 1);
    }
    await session.end();
    return pairs;
  } finally {
    await instance.close();
  }
}

function numbersAfter(lines: string[], word: string): number[] {
  return lines.filter((line) => line.startsWith(`${word} `)).map((line) => Number(line.slice(word.length + 1)));
}

/**
 * Kills a crash-writer at seeded moments, `count` times, recovering after each: every
 * acknowledged pair must be whole, and every pair present must have been begun.
 */
async function killAndRecover(count: number, lazy: boolean): Promise<void> {
  const random = seededRandom(seed + (lazy ? 1 : 0));
  const dir = tempDir();
  const acked = new Set<number>();
  const begun = new Set<number>();
  for (let round = 0; round < count; round++) {
    const writer = runFixture('crash-writer', { dir, sessions: 8, base: round * 1_000_000, lazy });
    running.push(writer);
    const target = 1 + Math.floor(random() * 80);
    let seen = 0;
    await writer.waitFor((line) => line.startsWith('ack ') && ++seen >= target);
    await sleep(Math.floor(random() * 15));
    await writer.kill();
    numbersAfter(writer.lines, 'ack').forEach((k) => acked.add(k));
    numbersAfter(writer.lines, 'begin').forEach((k) => begun.add(k));
    const pairs = await readPairs(dir);
    const where = `round ${round + 1} of ${count}, seed ${seed}`;
    for (const k of acked) expect(pairs.get(k), `${where}: acknowledged pair ${k}`).toBe(2);
    for (const [k, rows] of pairs) {
      expect(rows, `${where}: pair ${k} is half there`).toBe(2);
      expect(begun.has(k), `${where}: pair ${k} was never begun`).toBe(true);
    }
  }
}

describe('SIGKILL during concurrent commits', () => {
  it(
    `keeps exactly the acknowledged durable commits of 8 sessions across ${rounds} kills`,
    () => killAndRecover(rounds, false),
    // A limit for a hung round, not a speed check: each round starts a process and recovers
    // the log, which takes ESE's engine under Wine on a loaded two-core machine over 10 s.
    60_000 + rounds * 30_000,
  );

  itOnEmulator(
    'keeps acknowledged lazy commits too',
    'the emulator hands each commit to the OS at once; ESE keeps lazy ones in the process for a while',
    () => killAndRecover(Math.max(3, Math.ceil(rounds / 5)), true),
  );
});

describe('one process per database and log', () => {
  async function holder(): Promise<{ dir: string; path: string; process: WatchedProcess }> {
    const dir = tempDir();
    const path = join(dir, 'held.edb');
    const process = runFixture('hold-database', { dir: join(dir, 'holder'), path });
    running.push(process);
    await process.waitFor((line) => line === 'ready');
    return { dir, path, process };
  }

  async function readHeld(instanceDir: string, path: string): Promise<number[]> {
    const instance = await pool.open({ path: instanceDir });
    const session = instance.beginSession();
    const database = await session.attachDatabase(path);
    const table = await database.openTable('rows', { columns: { n: { type: 'long', notNull: true } } });
    const values: number[] = [];
    for await (const row of table.find()) values.push(row.n);
    await session.end();
    await instance.close();
    return values;
  }

  it('a second process cannot attach a database another one has attached', async () => {
    const { dir, path, process } = await holder();
    const instance = await pool.open({ path: join(dir, 'other') });
    const session = instance.beginSession();
    await expect(session.attachDatabase(path)).rejects.toBeInstanceOf(EsentFileAccessDeniedError);
    await session.end();
    await instance.close();
    // Killed, the holder leaves it dirty: refused by any log but its own, which recovers it.
    await process.kill();
    const again = await pool.open({ path: join(dir, 'other') });
    const second = again.beginSession();
    await expect(second.attachDatabase(path)).rejects.toBeInstanceOf(EsentDatabaseDirtyShutdownError);
    await second.end();
    await again.close();
    expect(await readHeld(join(dir, 'holder'), path)).toEqual([7]);
  });

  itOnEmulator(
    'a second process cannot start an instance on the log files of a running one',
    'the error ESENT.dll gives for a log set locked by another process is not confirmed',
    async () => {
      const { dir } = await holder();
      await expect(Instance.create({ path: join(dir, 'holder'), name: uniqueName('intruder') })).rejects.toBeInstanceOf(
        EsentFileAccessDeniedError,
      );
    },
  );
});
