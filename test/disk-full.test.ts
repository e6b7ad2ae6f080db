// A full disk: the commit that finds no room gets ESE's log-disk error and stays uncommitted,
// every earlier commit stays, and once there is room again the instance goes on.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { Instance, type TableSchema } from '../lib/index.js';
import { tempDir, uniqueName } from './helpers/instances.js';
import { runFixture, type WatchedProcess } from './helpers/processes.js';

const running: WatchedProcess[] = [];
afterEach(async () => {
  for (const process of running.splice(0)) await process.kill();
});

function works(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

const linux = process.platform === 'linux';
const hasPrlimit = linux && works('prlimit', ['--version']);
// A file system of its own needs a mount namespace and the right to mount in it.
const canMountTmpfs = linux && works('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']);

async function finish(writer: WatchedProcess): Promise<string[]> {
  expect(await writer.exited(), writer.stderr()).toBe(0);
  return writer.lines;
}

const acks = (lines: string[], word: string): number[] =>
  lines.filter((line) => line.startsWith(`${word} `)).map((line) => Number(line.split(' ')[1]));

describe('a disk that is full', () => {
  it.runIf(hasPrlimit)('under a file-size limit: JET_errLogDiskFull, earlier commits kept, recovered after', async () => {
    const dir = tempDir();
    const writer = runFixture('disk-full-writer', { dir, rowSize: 4096 }, ['prlimit', `--fsize=${384 * 1024}`]);
    running.push(writer);
    const lines = await finish(writer);
    const failed = lines.find((line) => line.startsWith('failed '));
    expect(failed, lines.join('\n')).toMatch(/^failed \d+ JET_errLogDiskFull$/);
    expect(lines.filter((line) => line.startsWith('again ')), lines.join('\n')).toEqual([
      'again JET_errLogDiskFull',
      'again JET_errLogDiskFull',
      'again JET_errLogDiskFull',
    ]);
    const acked = acks(lines, 'ack');
    expect(acked.length).toBeGreaterThan(10);
    // The term could not write the database either (its image is as big as the log): it is
    // left for recovery, which finds exactly the acknowledged rows.
    expect(lines.some((line) => line === 'closed' || line.startsWith('close-failed JET_errDiskFull'))).toBe(true);
    const schema = { columns: { id: { type: 'long', notNull: true } } } as const satisfies TableSchema;
    const instance = await Instance.create({ path: dir, name: uniqueName('after-full') });
    const session = instance.beginSession();
    const table = await (await session.attachDatabase(join(dir, 'full.edb'))).openTable('rows', schema);
    const ids: number[] = [];
    for await (const row of table.find()) ids.push(row.id);
    expect(ids).toEqual(acked);
    await instance.close();
  }, 120_000);

  it.runIf(canMountTmpfs)('on a small file system: goes on once space is freed', async () => {
    const dir = tempDir();
    const mount = join(dir, 'fs');
    mkdirSync(mount);
    // Inside a mount namespace of its own: the file system goes away with the process. The
    // filler is written with head, not dd: dd asks aligned_alloc for less than its alignment,
    // which AddressSanitizer's runtime (preloaded into every program `npm run test:asan`
    // starts) refuses, aborting dd.
    const script = 'mount -t tmpfs -o size=1536k tmpfs "$0" && head -c 786432 /dev/zero > "$0/filler" && exec "$@"';
    const writer = runFixture(
      'disk-full-writer',
      { dir: join(mount, 'db'), rowSize: 4096, filler: join(mount, 'filler'), verify: true },
      ['unshare', '-m', 'sh', '-c', script, mount],
    );
    running.push(writer);
    const lines = await finish(writer);
    expect(lines.find((line) => line.startsWith('failed ')), lines.join('\n')).toMatch(/JET_errLogDiskFull$/);
    expect(lines).toContain('freed');
    const after = acks(lines, 'ack-after-free');
    expect(after, lines.join('\n')).toHaveLength(1);
    expect(lines).toContain('closed');
    const rows = JSON.parse(lines.find((line) => line.startsWith('rows '))!.slice(5)) as number[];
    expect(rows).toEqual([...acks(lines, 'ack'), ...after]);
  }, 120_000);
});
