// Damaged files at recovery: a log cut short at any byte of its last records, single bit
// flips anywhere in the log, the checkpoint or the database image, and an image cut short.
// Recovery either stops at the last good record (the data is then exactly a prefix of what
// was committed) or refuses with a corruption error; it never crashes and never returns
// garbage.
import { readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { afterAll, beforeAll, describe, expect } from 'vitest';

import {
  EsentError,
  JET_bitTermAbrupt,
  JET_bitTermDirty,
  JET_coltypLong,
  JET_prepInsert,
  decodeColumnValue,
  encodeColumnValue,
  jet,
} from '../lib/index.js';
import { itOnEmulator } from './helpers/engine.js';
import { initRawInstance, tempDir } from './helpers/instances.js';
import { seededRandom } from './helpers/processes.js';

const COMMITS = 40;
const seed = Number(process.env.ESENT_TEST_SEED ?? 0x5eed);
const reason = "the emulator's own log and file formats";

let dir = '';
let dbPath = '';
let pristine = new Map<string, Buffer>();

function files(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** Puts every file back as it was after the dirty term, and nothing else. */
function restore(): void {
  for (const path of files(dir)) if (!pristine.has(path)) rmSync(path);
  for (const [path, bytes] of pristine) writeFileSync(path, bytes);
}

function only(name: string): string {
  const found = [...pristine.keys()].filter((path) => path.endsWith(name));
  expect(found).toHaveLength(1);
  return found[0]!;
}

type Outcome = { values: number[] } | { errno: number };

/** JetInit (recovery), then the values the database holds, or the error. */
function recover(): Outcome {
  let instance: bigint;
  try {
    instance = initRawInstance(dir, 'recover');
  } catch (error) {
    expect(error).toBeInstanceOf(EsentError);
    return { errno: (error as EsentError).errno };
  }
  try {
    const sesid = jet.JetBeginSession(instance);
    jet.JetAttachDatabase2(sesid, dbPath);
    const dbid = jet.JetOpenDatabase(sesid, dbPath);
    const tableid = jet.JetOpenTable(sesid, dbid, 'numbers');
    const columnid = jet.JetGetTableColumnInfo(sesid, tableid, 'n').columnid;
    const values: number[] = [];
    try {
      jet.JetMove(sesid, tableid, -2147483648);
      for (;;) {
        values.push(decodeColumnValue(JET_coltypLong, jet.JetRetrieveColumn(sesid, tableid, columnid).value!) as number);
        jet.JetMove(sesid, tableid, 1);
      }
    } catch (error) {
      expect((error as EsentError).errno).toBe(-1603); // JET_errNoCurrentRecord: the end
    }
    jet.JetEndSession(sesid);
    return { values };
  } finally {
    jet.JetTerm2(instance, JET_bitTermAbrupt);
  }
}

/** The values must be 0, 1, ... k-1: what was committed first, and nothing else. */
function expectPrefix(outcome: Outcome, what: string): number {
  expect('values' in outcome, `${what}: ${JSON.stringify(outcome)}`).toBe(true);
  const { values } = outcome as { values: number[] };
  expect(values, what).toEqual(Array.from({ length: values.length }, (_, i) => i));
  return values.length;
}

function expectRefused(outcome: Outcome, what: string, allowed: number[]): void {
  if ('values' in outcome) return void expectPrefix(outcome, what);
  expect(allowed, `${what}: errno ${outcome.errno}`).toContain(outcome.errno);
}

beforeAll(() => {
  dir = tempDir();
  dbPath = join(dir, 'damage.edb');
  const instance = initRawInstance(dir, 'damage');
  const sesid = jet.JetBeginSession(instance);
  const dbid = jet.JetCreateDatabase2(sesid, dbPath);
  const created = jet.JetCreateTableColumnIndex3(sesid, dbid, {
    szTableName: 'numbers',
    rgcolumncreate: [{ szColumnName: 'n', coltyp: JET_coltypLong }],
    rgindexcreate: [{ szIndexName: 'primary', szKey: ['+n'], grbit: 0x2 }],
  });
  for (let n = 0; n < COMMITS; n++) {
    jet.JetBeginTransaction(sesid);
    jet.JetPrepareUpdate(sesid, created.tableid, JET_prepInsert);
    jet.JetSetColumn(sesid, created.tableid, created.columnids[0]!, encodeColumnValue(JET_coltypLong, n));
    jet.JetUpdate2(sesid, created.tableid);
    jet.JetCommitTransaction(sesid);
  }
  // Dirty: the records are in the log only, recovery must replay them.
  expect(() => jet.JetTerm2(instance, JET_bitTermDirty)).toThrow(EsentError);
  pristine = new Map(files(dir).map((path) => [path, readFileSync(path)]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recovery from damaged files', () => {
  itOnEmulator('replays an intact log completely', reason, () => {
    restore();
    expect(expectPrefix(recover(), 'intact')).toBe(COMMITS);
  });

  itOnEmulator('stops at the last whole record when the log is cut at any byte of its end', reason, () => {
    const log = only('edb.log');
    const size = pristine.get(log)!.length;
    let previous = 0;
    // Every byte of the last record or so, and every 7th of a few before it, oldest cut
    // first: what survives never shrinks.
    for (let at = Math.max(0, size - 600); at <= size; at += at >= size - 130 ? 1 : 7) {
      restore();
      truncateSync(log, at);
      const outcome = recover();
      if ('errno' in outcome) {
        expect(at, `cut at ${at} refused with ${outcome.errno}`).toBeLessThan(64); // inside the file header
        continue;
      }
      const kept = expectPrefix(outcome, `cut at ${at} of ${size}`);
      expect(kept, `cut at ${at}`).toBeGreaterThanOrEqual(previous);
      previous = kept;
    }
    expect(previous).toBe(COMMITS);
  }, 120_000);

  itOnEmulator('refuses or stops early on a single flipped bit anywhere in the log', reason, () => {
    const log = only('edb.log');
    const size = pristine.get(log)!.length;
    const random = seededRandom(seed);
    for (let i = 0; i < 120; i++) {
      const at = i < 16 ? i * 4 : Math.floor(random() * size);
      const bit = Math.floor(random() * 8);
      restore();
      const bytes = Buffer.from(pristine.get(log)!);
      bytes[at] = bytes[at]! ^ (1 << bit);
      writeFileSync(log, bytes);
      // JET_errLogFileCorrupt, or a header no longer recognised as this log set's.
      expectRefused(recover(), `bit ${bit} of byte ${at} of ${relative(dir, log)}`, [-501, -530, -528]);
    }
  }, 120_000);

  itOnEmulator('refuses a flipped bit in the checkpoint or the database image', reason, () => {
    const random = seededRandom(seed + 1);
    for (const [name, allowed] of [
      ['edb.chk', [-533, -532]],
      ['damage.edb', [-1018, -1206, -1209]],
    ] as const) {
      const path = only(name);
      const size = pristine.get(path)!.length;
      for (let i = 0; i < 40; i++) {
        const at = Math.floor(random() * size);
        const bit = Math.floor(random() * 8);
        restore();
        const bytes = Buffer.from(pristine.get(path)!);
        bytes[at] = bytes[at]! ^ (1 << bit);
        writeFileSync(path, bytes);
        expectRefused(recover(), `bit ${bit} of byte ${at} of ${name}`, [...allowed]);
      }
    }
  }, 120_000);

  itOnEmulator('refuses a database image cut short', reason, () => {
    const path = only('damage.edb');
    const size = pristine.get(path)!.length;
    const random = seededRandom(seed + 2);
    for (let i = 0; i < 30; i++) {
      const at = Math.floor(random() * size);
      restore();
      truncateSync(path, at);
      const outcome = recover();
      expect('errno' in outcome, `image cut at ${at} of ${size}`).toBe(true);
      expect([-1018, -1206]).toContain((outcome as { errno: number }).errno);
    }
  });
});
