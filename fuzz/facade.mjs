// Fuzzing the facade on one thread: schema objects, rows, keys and options of every shape,
// valid or not, on instances, sessions, databases and tables that come and go. Every call
// must resolve, or throw or reject with a TypeError, RangeError, EsentError or one of the
// binding's own errors (code ERR_ESENT_*).
import { join } from 'node:path';

import { EsentError, Instance } from '../dist/index.js';
import { describe } from './raw.mjs';

const TYPES = ['bit', 'unsignedByte', 'short', 'unsignedShort', 'long', 'unsignedLong', 'longLong',
  'unsignedLongLong', 'currency', 'float', 'double', 'dateTime', 'guid', 'binary', 'text', 'longBinary', 'longText'];

export function classify(error) {
  if (error instanceof EsentError) return 'EsentError';
  if (error instanceof TypeError) return 'TypeError';
  if (error instanceof RangeError) return 'RangeError';
  if (error instanceof Error && typeof error.code === 'string' && error.code.startsWith('ERR_ESENT_')) return error.code;
  return 'failure';
}

export class FacadeFuzzer {
  constructor(random, dir, label) {
    this.random = random;
    this.dir = dir;
    this.label = label;
    this.instance = undefined;
    this.sessions = [];
    this.databases = [];
    this.tables = [];
    this.generation = 0;
  }

  schema() {
    const r = this.random;
    if (r.chance(0.05)) return r.junk();
    const columns = {};
    const names = [];
    for (let i = 0; i < 1 + r.int(5); i++) {
      const name = r.chance(0.9) ? `c${i}` : r.text();
      names.push(name);
      const def = { type: r.chance(0.9) ? r.pick(TYPES) : r.junk() };
      if (r.chance(0.2)) def.notNull = r.chance(0.8) ? true : r.junk();
      if (r.chance(0.1)) def.multiValued = true;
      if (r.chance(0.1)) def.autoIncrement = true;
      if (r.chance(0.1)) def.maxLength = r.chance(0.7) ? 1 + r.int(300) : r.junk();
      if (r.chance(0.1)) def.storage = r.pick(['fixed', 'variable', 'tagged', r.junk()]);
      if (r.chance(0.1)) def.codePage = r.pick(['unicode', 'ascii', r.junk()]);
      if (r.chance(0.1)) def.default = this.cell();
      columns[name] = def;
    }
    const indexes = {};
    for (let i = 0; i < r.int(3); i++) {
      indexes[r.chance(0.9) ? `i${i}` : r.text()] = {
        key: r.chance(0.9) ? Array.from({ length: 1 + r.int(2) }, () => `${r.pick(['+', '-', ''])}${r.pick(names)}`) : r.junk(),
        ...(r.chance(0.3) ? { primary: true } : {}),
        ...(r.chance(0.2) ? { unique: r.chance(0.8) ? true : r.junk() } : {}),
        ...(r.chance(0.1) ? { grbit: r.grbit() } : {}),
      };
    }
    if (r.chance(0.05)) return { columns: Object.values(columns), indexes };
    if (r.chance(0.05)) return { columns, indexes: Object.values(indexes) };
    return { columns, indexes };
  }

  cell() {
    const r = this.random;
    return r.pick([null, undefined, 0, 1, -1, 2 ** 31, 2 ** 53, 1.5, NaN, 'text', '', 'x'.repeat(300), 10n, -1n,
      2n ** 64n, true, false, new Date(0), new Date(NaN), Buffer.from([1, 2, 3]), [1, 2], [], ['a'], {}, r.junk(),
      '00000000-0000-0000-0000-000000000000']);
  }

  row(table) {
    const r = this.random;
    if (r.chance(0.05)) return r.junk();
    const row = {};
    for (const name of table.columns) if (r.chance(0.8)) row[name] = this.cell();
    if (r.chance(0.05)) row.unknownColumn = 1;
    return row;
  }

  key() {
    const r = this.random;
    return r.chance(0.3) ? Array.from({ length: r.int(3) }, () => this.cell()) : this.cell();
  }

  options() {
    const r = this.random;
    return r.pick([undefined, {}, { index: r.pick(['i0', 'i1', 'primary', 'nope']) }, 'i0', null, r.junk(),
      { from: this.key(), to: this.key(), limit: r.pick([1, 0, -1, 2.5, 5]), reverse: true },
      { pageSize: r.number() }]);
  }

  async setUp() {
    const r = this.random;
    await this.tearDown();
    const dir = join(this.dir, `facade-${this.label}-${++this.generation}`);
    const options = { path: dir, name: `fuzz-facade-${this.label}-${process.pid}-${this.generation}` };
    if (r.chance(0.1)) options.maxSessions = r.number();
    if (r.chance(0.05)) options.parameters = [[r.int(200), r.number(), r.chance(0.5) ? null : r.text()]];
    this.instance = await Instance.create(options);
    const session = this.instance.beginSession();
    this.sessions.push(session);
    this.databases.push(await session.createDatabase(join(dir, 'facade.edb')));
  }

  async tearDown() {
    if (this.instance && !this.instance.closed) {
      await this.instance.close({ dirty: true }).catch(() => undefined);
    }
    this.instance = undefined;
    this.sessions = [];
    this.databases = [];
    this.tables = [];
  }

  // One operation; returns [name, outcome, detail?].
  async step() {
    const r = this.random;
    if (!this.instance || this.instance.closed || this.sessions.length === 0 || r.chance(0.002)) {
      try {
        await this.setUp();
      } catch (error) {
        const outcome = classify(error);
        return ['setUp', outcome, outcome === 'failure' ? String(error?.stack ?? error) : undefined];
      }
    }
    const table = this.tables.length > 0 ? r.pick(this.tables) : undefined;
    const session = r.pick(this.sessions);
    const database = this.databases.length > 0 ? r.pick(this.databases) : undefined;
    const operations = [
      ['createTable', database && (() => database.createTable(r.chance(0.9) ? `t${r.int(6)}` : r.text(), this.schema()))],
      ['openTable', database && (() => database.openTable(`t${r.int(6)}`, this.schema()))],
      ['insert', table && (() => table.insert(this.row(table)))],
      ['insertMany', table && (() => table.insertMany(r.chance(0.9) ? Array.from({ length: r.int(5) }, () => this.row(table)) : r.junk()))],
      ['get', table && (() => table.get(this.key(), this.options()))],
      ['getMany', table && (() => table.getMany(r.chance(0.9) ? [this.key(), this.key()] : r.junk(), this.options()))],
      ['update', table && (() => table.update(this.key(), this.row(table), this.options()))],
      ['delete', table && (() => table.delete(this.key(), this.options()))],
      ['count', table && (() => table.count(this.options()))],
      ['find', table && (async () => {
        let n = 0;
        for await (const row of table.find(this.options())) if (++n > 5 || !row) break;
      })],
      ['closeTable', table && (() => table.close())],
      ['beginTransaction', () => session.beginTransaction(r.chance(0.8) ? undefined : r.junk())],
      ['commit', () => session.commit(r.pick([undefined, { lazy: true }, r.junk()]))],
      ['rollback', () => session.rollback(r.pick([undefined, { all: true }, r.junk()]))],
      ['beginSession', () => this.sessions.push(this.instance.beginSession())],
      ['openDatabase', () => session.openDatabase(this.databases[0]?.path ?? r.text()).then((db) => this.databases.push(db))],
      ['endSession', () => session.end()],
      ['closeInstance', r.chance(0.05) ? () => this.instance.close(r.pick([undefined, { abrupt: true }, { dirty: true }])) : undefined],
    ].filter(([, run]) => run);
    const [name, run] = r.pick(operations);
    try {
      const result = await run();
      if ((name === 'createTable' || name === 'openTable') && result) this.tables.push(result);
      if (name === 'endSession') this.sessions = this.sessions.filter((s) => s !== session);
      if (name === 'closeTable') this.tables = this.tables.filter((t) => t !== table);
      return [name, 'ok'];
    } catch (error) {
      const outcome = classify(error);
      return [name, outcome, outcome === 'failure' ? `${name}: ${error?.stack ?? String(error)}` : undefined];
    }
  }
}

export { describe };
