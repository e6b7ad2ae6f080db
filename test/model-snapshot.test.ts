// Model-based test of the data facade against snapshot isolation. Seeded random sequences
// of inserts, updates, deletes, seeks and (nested) transactions run on several sessions;
// after every step the acting session's whole view of the table, and the answer of the
// step itself, are compared with a small in-memory model:
//
// - a transaction sees the records committed before its level-0 begin, plus its own
//   changes; outside a transaction a call sees the latest commits;
// - a session that updates or deletes a record holds it until its transaction ends (or
//   the nested level that wrote it rolls back); a second writer gets
//   JET_errWriteConflict if the holder has not committed, or committed after the second
//   writer's transaction began;
// - a rollback undoes exactly its own level.
//
// Inserts always use fresh keys, so they never conflict; updates and deletes pick keys
// the acting session may or may not see. The seeds are fixed, so every run does the same.
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { EsentWriteConflictError, type Session } from '../lib/index.js';
import type { Table } from '../lib/table.js';
import { InstancePool, tempDir } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34];
const STEPS = 160;
const SESSIONS = 3;
const MAX_LEVEL = 3;

const schema = {
  columns: {
    id: { type: 'long', notNull: true },
    value: { type: 'long', notNull: true },
    note: { type: 'text', maxLength: 20 },
  },
  indexes: { pk: { key: ['+id'], primary: true } },
} as const;

type Value = { value: number; note: string | null };
/** A level's own writes: the new value, or null for a delete. */
type Writes = Map<number, Value | null>;

/** mulberry32: a small deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Model {
  /** Committed versions of each key, oldest first: [commit time, value or null]. */
  readonly versions = new Map<number, Array<[number, Value | null]>>();
  clock = 0;

  committedAt(key: number, time: number): Value | null {
    const list = this.versions.get(key);
    if (!list) return null;
    let found: Value | null = null;
    for (const [at, value] of list) if (at <= time) found = value;
    return found;
  }

  lastCommitTime(key: number): number {
    const list = this.versions.get(key);
    return list ? list[list.length - 1]![0] : -1;
  }

  commit(writes: Writes): void {
    this.clock++;
    for (const [key, value] of writes) {
      const list = this.versions.get(key) ?? [];
      list.push([this.clock, value]);
      this.versions.set(key, list);
    }
  }

  keys(): number[] {
    return [...this.versions.keys()];
  }
}

class ModelSession {
  /** One Writes per open level; empty outside a transaction. */
  levels: Writes[] = [];
  snapshot = 0;

  constructor(
    readonly name: string,
    readonly model: Model,
  ) {}

  get level(): number {
    return this.levels.length;
  }

  /** What this session sees for `key`. */
  read(key: number): Value | null {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const writes = this.levels[i]!;
      if (writes.has(key)) return writes.get(key)!;
    }
    return this.model.committedAt(key, this.level === 0 ? this.model.clock : this.snapshot);
  }

  view(): Array<[number, Value]> {
    const keys = new Set(this.model.keys());
    for (const writes of this.levels) for (const key of writes.keys()) keys.add(key);
    const out: Array<[number, Value]> = [];
    for (const key of [...keys].sort((a, b) => a - b)) {
      const value = this.read(key);
      if (value) out.push([key, value]);
    }
    return out;
  }

  holds(key: number): boolean {
    return this.levels.some((writes) => writes.has(key));
  }

  begin(): void {
    if (this.level === 0) this.snapshot = this.model.clock;
    this.levels.push(new Map());
  }

  commit(): void {
    const top = this.levels.pop()!;
    if (this.level === 0) {
      this.model.commit(top);
    } else {
      const below = this.levels[this.level - 1]!;
      for (const [key, value] of top) below.set(key, value);
    }
  }

  rollback(): void {
    this.levels.pop();
  }
}

/** The outcome the model predicts for a write of `key` by `session`. */
function predictWrite(session: ModelSession, others: ModelSession[], key: number): 'missing' | 'conflict' | 'ok' {
  if (!session.read(key)) return 'missing';
  if (session.holds(key)) return 'ok';
  if (others.some((other) => other.holds(key))) return 'conflict';
  const snapshot = session.level === 0 ? session.model.clock : session.snapshot;
  if (session.model.lastCommitTime(key) > snapshot) return 'conflict';
  return 'ok';
}

/** Applies a write the model allowed, in its own level outside a transaction. */
function applyWrite(session: ModelSession, key: number, value: Value | null): void {
  if (session.level === 0) {
    session.model.commit(new Map([[key, value]]));
  } else {
    session.levels[session.level - 1]!.set(key, value);
  }
}

/** What the steps of a seed did, so that a seed that exercised nothing shows. */
interface Tally {
  conflicts: number;
  writes: number;
  missing: number;
  rollbacks: number;
  nested: number;
}

async function runSeed(seed: number): Promise<Tally> {
  const tally: Tally = { conflicts: 0, writes: 0, missing: 0, rollbacks: 0, nested: 0 };
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const path = tempDir();
  const instance = await pool.open({ path, maxSessions: SESSIONS + 2 });
  const file = join(path, 'model.edb');

  const sessions: Session[] = [];
  const tables: Array<Table<typeof schema>> = [];
  const creator = instance.beginSession();
  const created = await creator.createDatabase(file);
  await created.createTable('records', schema);
  await created.close();
  await creator.end();
  for (let i = 0; i < SESSIONS; i++) {
    const session = instance.beginSession();
    const database = await session.openDatabase(file);
    sessions.push(session);
    tables.push(await database.openTable('records', schema));
  }

  const model = new Model();
  const models = sessions.map((_, i) => new ModelSession(`s${i}`, model));
  let nextKey = 1;
  const history: string[] = [];
  const fail = (step: number, message: string): never => {
    throw new Error(
      `model mismatch (seed ${seed}, step ${step}): ${message}\nlast steps:\n  ${history.slice(-25).join('\n  ')}`,
    );
  };
  const rowOf = (key: number, value: Value | null) => (value ? { id: key, ...value } : undefined);

  for (let step = 0; step < STEPS; step++) {
    const i = Math.floor(next() * SESSIONS);
    const session = sessions[i]!;
    const table = tables[i]!;
    const me = models[i]!;
    const others = models.filter((m) => m !== me);
    const known = [...model.keys(), nextKey, nextKey + 1];
    const roll = next();
    let action: string;

    if (roll < 0.12 && me.level < MAX_LEVEL) {
      action = 'begin';
      await session.beginTransaction();
      me.begin();
      if (me.level > 1) tally.nested++;
    } else if (roll < 0.2 && me.level > 0) {
      action = 'commit';
      await session.commit();
      me.commit();
    } else if (roll < 0.27 && me.level > 0) {
      action = 'rollback';
      await session.rollback();
      me.rollback();
      tally.rollbacks++;
    } else if (roll < 0.45) {
      const count = 1 + Math.floor(next() * 3);
      const rows = Array.from({ length: count }, () => ({
        id: nextKey++,
        value: Math.floor(next() * 1000),
        note: next() < 0.3 ? null : `n${Math.floor(next() * 100)}`,
      }));
      action = `insert ${rows.map((r) => r.id).join(',')}`;
      if (count === 1) await table.insert(rows[0]!);
      else await table.insertMany(rows);
      if (me.level === 0) {
        model.commit(new Map(rows.map((r) => [r.id, { value: r.value, note: r.note }])));
      } else {
        for (const r of rows) me.levels[me.level - 1]!.set(r.id, { value: r.value, note: r.note });
      }
    } else if (roll < 0.65) {
      const key = pick(known);
      const value = { value: Math.floor(next() * 1000), note: next() < 0.5 ? null : 'u' };
      const expected = predictWrite(me, others, key);
      action = `update ${key} -> ${expected}`;
      let outcome: string;
      try {
        outcome = (await table.update(key, value)) ? 'ok' : 'missing';
      } catch (error) {
        if (!(error instanceof EsentWriteConflictError)) throw error;
        outcome = 'conflict';
      }
      if (outcome !== expected) fail(step, `${me.name} update ${key}: engine said ${outcome}, model ${expected}`);
      if (expected === 'ok') applyWrite(me, key, value);
      count(tally, expected);
    } else if (roll < 0.78) {
      const key = pick(known);
      const expected = predictWrite(me, others, key);
      action = `delete ${key} -> ${expected}`;
      let outcome: string;
      try {
        outcome = (await table.delete(key)) ? 'ok' : 'missing';
      } catch (error) {
        if (!(error instanceof EsentWriteConflictError)) throw error;
        outcome = 'conflict';
      }
      if (outcome !== expected) fail(step, `${me.name} delete ${key}: engine said ${outcome}, model ${expected}`);
      if (expected === 'ok') applyWrite(me, key, null);
      count(tally, expected);
    } else {
      const keys = [pick(known), pick(known)];
      action = `seek ${keys.join(',')}`;
      const got = await table.getMany(keys);
      const want = keys.map((key) => rowOf(key, me.read(key)));
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        fail(step, `${me.name} getMany ${keys}: engine ${JSON.stringify(got)}, model ${JSON.stringify(want)}`);
      }
    }
    history.push(`${step}: ${me.name} (level ${me.level}) ${action}`);

    // The acting session's whole view, and its level.
    const rows: unknown[] = [];
    for await (const row of table.find({ pageSize: 4 })) rows.push(row);
    const want = me.view().map(([key, value]) => ({ id: key, ...value }));
    if (JSON.stringify(rows) !== JSON.stringify(want)) {
      fail(step, `${me.name} view: engine ${JSON.stringify(rows)}\n  model ${JSON.stringify(want)}`);
    }
    const level = await session.transactionLevel();
    if (level !== me.level) fail(step, `${me.name} level: engine ${level}, model ${me.level}`);
  }

  // Settle: commit whatever is open, then every session sees the same committed table.
  for (let i = 0; i < SESSIONS; i++) {
    while (models[i]!.level > 0) {
      await sessions[i]!.commit();
      models[i]!.commit();
    }
  }
  const final = JSON.stringify(models[0]!.view().map(([key, value]) => ({ id: key, ...value })));
  for (let i = 0; i < SESSIONS; i++) {
    const rows: unknown[] = [];
    for await (const row of tables[i]!.find()) rows.push(row);
    if (JSON.stringify(rows) !== final) fail(STEPS, `s${i} final view differs from the model`);
    expect(await tables[i]!.count()).toBe(models[0]!.view().length);
  }
  for (const session of sessions) await session.end();
  return tally;
}

function count(tally: Tally, outcome: 'missing' | 'conflict' | 'ok'): void {
  if (outcome === 'conflict') tally.conflicts++;
  else if (outcome === 'missing') tally.missing++;
  else tally.writes++;
}

describe('snapshot isolation model', () => {
  const tallies: Tally[] = [];
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} steps on ${SESSIONS} sessions match the model`, async () => {
      const tally = await runSeed(seed);
      tallies.push(tally);
    });
  }
  it('the seeds together exercised conflicts, misses, rollbacks and nesting', () => {
    const sum = (key: keyof Tally) => tallies.reduce((total, tally) => total + tally[key], 0);
    expect(tallies).toHaveLength(SEEDS.length);
    expect(sum('conflicts')).toBeGreaterThan(0);
    expect(sum('missing')).toBeGreaterThan(0);
    expect(sum('writes')).toBeGreaterThan(0);
    expect(sum('rollbacks')).toBeGreaterThan(0);
    expect(sum('nested')).toBeGreaterThan(0);
  });
});
