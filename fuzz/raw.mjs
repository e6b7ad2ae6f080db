// Fuzzing the raw `jet` API on one thread: random entry points with arguments drawn from
// live handles, stale ones, handles of the wrong kind, made-up values, wrong types, huge and
// negative sizes and random flag bits. Every call must return or throw a TypeError,
// RangeError or EsentError.
import { join } from 'node:path';

import {
  EsentError,
  JET_paramCreatePathIfNotExist,
  JET_paramLogFilePath,
  JET_paramSystemPath,
  JET_paramTempPath,
  jet,
} from '../dist/index.js';

const POOL_MOST = 12;

// The JavaScript signature of each entry point, as kinds of argument (jet-types.ts,
// jet-data-types.ts). A trailing '?' marks an optional one.
const SPECS = {
  JetCreateInstance: ['text?'],
  JetCreateInstance2: ['text?', 'text?', 'grbit?'],
  JetSetSystemParameter: ['instance', 'sesid', 'paramid', 'lparam', 'text?'],
  JetGetSystemParameter: ['instance', 'sesid', 'paramid'],
  JetInit: ['instance'],
  JetInit3: ['instance', 'grbit?'],
  JetTerm: ['instance'],
  JetTerm2: ['instance', 'grbit?'],
  JetStopServiceInstance: ['instance'],
  JetStopServiceInstance2: ['instance', 'grbit?'],
  JetBeginSession: ['instance', 'text?', 'text?'],
  JetEndSession: ['sesid', 'grbit?'],
  JetDupSession: ['sesid'],
  JetSetSessionContext: ['sesid', 'context'],
  JetResetSessionContext: ['sesid'],
  JetBeginTransaction: ['sesid', 'grbit?'],
  JetBeginTransaction2: ['sesid', 'grbit?'],
  JetBeginTransaction3: ['sesid', 'trxid?', 'grbit?'],
  JetCommitTransaction: ['sesid', 'grbit?'],
  JetCommitTransaction2: ['sesid', 'grbit?', 'number?'],
  JetRollback: ['sesid', 'grbit?'],
  JetGetSessionParameter: ['sesid', 'sesparam'],
  JetGetErrorInfo: ['err'],
  JetCreateDatabase2: ['sesid', 'path', 'number?', 'grbit?'],
  JetAttachDatabase2: ['sesid', 'path', 'number?', 'grbit?'],
  JetOpenDatabase: ['sesid', 'path', 'text?', 'grbit?'],
  JetCloseDatabase: ['sesid', 'dbid', 'grbit?'],
  JetDetachDatabase2: ['sesid', 'path?', 'grbit?'],
  JetCreateTableColumnIndex3: ['sesid', 'dbid', 'tablecreate'],
  JetCreateTable: ['sesid', 'dbid', 'name', 'number?', 'number?'],
  JetDeleteTable: ['sesid', 'dbid', 'name'],
  JetAddColumn: ['sesid', 'tableid', 'name', 'columndef', 'bytes?'],
  JetDeleteColumn2: ['sesid', 'tableid', 'name', 'grbit?'],
  JetCreateIndex2: ['sesid', 'tableid', 'indexcreates'],
  JetDeleteIndex: ['sesid', 'tableid', 'name'],
  JetGetTableColumnInfo: ['sesid', 'tableid', 'column', 'infolevel?'],
  JetGetTableIndexInfo: ['sesid', 'tableid', 'name?', 'infolevel'],
  JetGetTableInfo: ['sesid', 'tableid', 'infolevel?'],
  JetOpenTable: ['sesid', 'dbid', 'name', 'grbit?'],
  JetCloseTable: ['sesid', 'tableid'],
  JetDupCursor: ['sesid', 'tableid', 'grbit?'],
  JetSetCurrentIndex4: ['sesid', 'tableid', 'name?', 'grbit?', 'number?'],
  JetMove: ['sesid', 'tableid', 'crow', 'grbit?'],
  JetMakeKey: ['sesid', 'tableid', 'bytes', 'grbit?'],
  JetSeek: ['sesid', 'tableid', 'grbit'],
  JetSetIndexRange: ['sesid', 'tableid', 'grbit'],
  JetIndexRecordCount: ['sesid', 'tableid', 'number?'],
  JetGetBookmark: ['sesid', 'tableid'],
  JetGotoBookmark: ['sesid', 'tableid', 'bytes'],
  JetRetrieveKey: ['sesid', 'tableid', 'grbit?'],
  JetGetRecordPosition: ['sesid', 'tableid'],
  JetPrepareUpdate: ['sesid', 'tableid', 'prep'],
  JetSetColumn: ['sesid', 'tableid', 'columnid', 'bytes', 'grbit?', 'setinfo?'],
  JetSetColumns: ['sesid', 'tableid', 'setcolumns'],
  JetUpdate2: ['sesid', 'tableid', 'grbit?'],
  JetDelete: ['sesid', 'tableid'],
  JetRetrieveColumn: ['sesid', 'tableid', 'columnid', 'grbit?', 'retinfo?', 'number?'],
  JetRetrieveColumns: ['sesid', 'tableid', 'retrievecolumns'],
  JetEscrowUpdate: ['sesid', 'tableid', 'columnid', 'delta', 'grbit?'],
};

// Entry points that make or move state get picked more often than those that only read.
const WEIGHTS = {
  JetPrepareUpdate: 6, JetSetColumn: 8, JetUpdate2: 6, JetRetrieveColumn: 6, JetMove: 6, JetMakeKey: 4, JetSeek: 4,
  JetBeginTransaction: 3, JetCommitTransaction: 3, JetRollback: 3, JetOpenTable: 3, JetCloseTable: 2,
  JetCreateTableColumnIndex3: 2, JetSetColumns: 3, JetRetrieveColumns: 3, JetSetIndexRange: 2,
};
const NAMES = Object.keys(SPECS).flatMap((name) => Array(WEIGHTS[name] ?? 1).fill(name));

export class RawFuzzer {
  constructor(random, dir, label) {
    this.random = random;
    this.dir = dir;
    this.label = label;
    this.pools = { instance: [], sesid: [], dbid: [], tableid: [], columnid: [], path: [] };
    this.stale = [];
    this.owned = [];  // instances this fuzzer created, terminated at the end
    this.generation = 0;
  }

  // A fresh instance with a session, a database and a table of every column kind.
  setUp() {
    const dir = join(this.dir, `raw-${this.label}-${++this.generation}`);
    let instance;
    try {
      instance = jet.JetCreateInstance2(`fuzz-${this.label}-${process.pid}-${this.generation}`);
      jet.JetSetSystemParameter(instance, 0n, JET_paramSystemPath, 0, `${dir}/`);
      jet.JetSetSystemParameter(instance, 0n, JET_paramLogFilePath, 0, `${dir}/`);
      jet.JetSetSystemParameter(instance, 0n, JET_paramTempPath, 0, `${dir}/`);
      jet.JetSetSystemParameter(instance, 0n, JET_paramCreatePathIfNotExist, 1);
      jet.JetInit3(instance);
    } catch (error) {
      if (!(error instanceof EsentError)) throw error;
      if (instance !== undefined) this.remember('instance', instance);
      return;
    }
    this.owned.push(instance);
    this.remember('instance', instance);
    try {
      const sesid = jet.JetBeginSession(instance);
      this.remember('sesid', sesid);
      const path = join(dir, 'fuzz.edb');
      this.remember('path', path);
      this.remember('path', join(dir, 'other.edb'));
      const dbid = jet.JetCreateDatabase2(sesid, path);
      this.remember('dbid', dbid);
      const created = jet.JetCreateTableColumnIndex3(sesid, dbid, this.tableCreate(true));
      this.remember('tableid', created.tableid);
      for (const columnid of created.columnids) this.remember('columnid', columnid);
      this.remember('sesid', jet.JetBeginSession(instance));
    } catch (error) {
      if (!(error instanceof EsentError)) throw error;
    }
  }

  remember(kind, value) {
    const pool = this.pools[kind];
    if (pool.length >= POOL_MOST) this.stale.push(pool.splice(this.random.int(pool.length), 1)[0]);
    if (this.stale.length > 64) this.stale.shift();
    pool.push(value);
  }

  handle(kind) {
    const r = this.random;
    const pool = this.pools[kind];
    if (pool.length > 0 && r.chance(0.8)) return r.pick(pool);
    if (this.stale.length > 0 && r.chance(0.5)) return r.pick(this.stale);
    const other = this.pools[r.pick(['instance', 'sesid', 'tableid'])];
    if (other.length > 0 && r.chance(0.5)) return r.pick(other);
    return r.bigint();
  }

  name() {
    const r = this.random;
    return r.chance(0.6) ? r.pick(['fuzz', 't0', 't1', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'i0', 'i1', 'primary']) : r.text();
  }

  tableCreate(sane = false) {
    const r = this.random;
    const coltyps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18];
    const columns = Array.from({ length: sane ? 6 : r.int(8) }, (_, i) => ({
      szColumnName: sane || r.chance(0.8) ? `c${i}` : r.text(),
      coltyp: sane ? coltyps[(i * 3) % coltyps.length] : r.chance(0.8) ? r.pick(coltyps) : r.number(),
      cbMax: sane || r.chance(0.6) ? 0 : r.number(),
      grbit: sane ? (i === 5 ? 0x400 | 0x2 : 0) : r.chance(0.5) ? 0 : r.grbit(),
      cp: sane || r.chance(0.7) ? 0 : r.pick([0, 1200, 1252, 65001, r.number()]),
      ...(!sane && r.chance(0.1) ? { pvDefault: r.bytes() } : {}),
    }));
    const indexes = Array.from({ length: sane ? 2 : r.int(4) }, (_, i) => ({
      szIndexName: sane ? `i${i}` : this.name(),
      szKey: sane ? [i === 0 ? '+c0' : '-c1'] : Array.from({ length: 1 + r.int(3) }, () => `${r.pick(['+', '-', ''])}${this.name()}`),
      grbit: sane ? (i === 0 ? 0x2 : 0) : r.chance(0.5) ? r.pick([0, 0x1, 0x2, 0x4, 0x8, 0x400]) : r.grbit(),
      ...(!sane && r.chance(0.2) ? { cbKeyMost: r.number() } : {}),
    }));
    return {
      szTableName: sane ? 'fuzz' : this.name(),
      rgcolumncreate: columns,
      rgindexcreate: indexes,
      ...(!sane && r.chance(0.2) ? { ulPages: r.number(), ulDensity: r.number() } : {}),
    };
  }

  value(kind) {
    const r = this.random;
    if (r.chance(0.08)) return r.junk();
    switch (kind) {
      case 'instance':
      case 'sesid':
      case 'tableid':
        return this.handle(kind);
      case 'dbid':
      case 'columnid': {
        const pool = this.pools[kind];
        return pool.length > 0 && r.chance(0.85) ? r.pick(pool) : r.number();
      }
      case 'grbit':
        return r.grbit();
      case 'number':
      case 'err':
        return r.chance(0.5) ? r.int(1000) - 500 : r.number();
      case 'crow':
        return r.pick([0, 1, -1, 2, -2, 0x7fffffff, -0x80000000, r.int(10) - 5]);
      case 'prep':
        return r.chance(0.8) ? r.int(9) : r.number();
      case 'paramid':
        return r.chance(0.8) ? r.int(200) : r.number();
      case 'sesparam':
        return r.chance(0.7) ? 4096 + r.int(8) : r.number();
      case 'infolevel':
        return r.chance(0.8) ? r.int(16) : r.number();
      case 'lparam':
        return r.chance(0.5) ? r.number() : r.bigint();
      case 'context':
      case 'trxid':
        return r.bigint();
      case 'delta':
        return r.chance(0.5) ? r.int(100) - 50 : r.bigint();
      case 'text':
      case 'name':
        return this.name();
      case 'path': {
        const pool = this.pools.path;
        // Only paths inside the fuzzer's folder, or none at all: never a file elsewhere.
        return pool.length > 0 && r.chance(0.9) ? r.pick(pool) : r.pick(['', null, 42]);
      }
      case 'column':
        return r.chance(0.5) ? this.value('columnid') : this.name();
      case 'bytes':
        return r.chance(0.05) ? null : r.bytes();
      case 'tablecreate':
        return this.tableCreate(r.chance(0.2));
      case 'columndef':
        return { coltyp: r.int(20), cbMax: r.chance(0.5) ? 0 : r.number(), grbit: r.chance(0.5) ? 0 : r.grbit(), cp: r.pick([0, 1200, 1252]) };
      case 'indexcreates':
        return this.tableCreate().rgindexcreate;
      case 'setinfo':
      case 'retinfo':
        return { ibLongValue: r.chance(0.7) ? 0 : r.number(), itagSequence: r.chance(0.5) ? 1 : r.number() };
      case 'setcolumns':
        return Array.from({ length: r.int(6) }, () => ({
          columnid: this.value('columnid'),
          pvData: this.value('bytes'),
          grbit: r.chance(0.6) ? 0 : r.grbit(),
          ...(r.chance(0.3) ? { ibLongValue: r.number(), itagSequence: r.number() } : {}),
        }));
      case 'retrievecolumns':
        return Array.from({ length: r.int(6) }, () => ({
          columnid: this.value('columnid'),
          grbit: r.chance(0.6) ? 0 : r.grbit(),
          ...(r.chance(0.3) ? { cbData: r.number(), ibLongValue: r.number(), itagSequence: r.number() } : {}),
        }));
      default:
        throw new Error(`no generator for ${kind}`);
    }
  }

  // One call; returns [name, outcome] with outcome 'ok', an error class name, or 'failure'.
  step() {
    const r = this.random;
    if (this.pools.sesid.length === 0 || r.chance(0.001)) this.setUp();
    const name = r.pick(NAMES);
    const spec = SPECS[name];
    const args = [];
    for (const kind of spec) {
      const optional = kind.endsWith('?');
      if (optional && r.chance(0.3)) break;
      args.push(this.value(optional ? kind.slice(0, -1) : kind));
    }
    if (r.chance(0.02)) args.push(r.junk());
    let result;
    try {
      result = jet[name](...args);
    } catch (error) {
      if (error instanceof EsentError) return [name, 'EsentError'];
      if (error instanceof TypeError) return [name, 'TypeError'];
      if (error instanceof RangeError) return [name, 'RangeError'];
      return [name, 'failure', `${name}(${describe(args)}) threw ${error?.stack ?? String(error)}`];
    }
    this.learn(name, args, result);
    return [name, 'ok'];
  }

  learn(name, args, result) {
    switch (name) {
      case 'JetCreateInstance':
      case 'JetCreateInstance2':
        this.owned.push(result);
        this.remember('instance', result);
        break;
      case 'JetBeginSession':
      case 'JetDupSession':
        this.remember('sesid', result);
        break;
      case 'JetOpenTable':
      case 'JetDupCursor':
      case 'JetCreateTable':
        this.remember('tableid', result);
        break;
      case 'JetOpenDatabase':
        this.remember('dbid', result);
        break;
      case 'JetCreateTableColumnIndex3':
        this.remember('tableid', result.tableid);
        for (const columnid of result.columnids) this.remember('columnid', columnid);
        break;
      case 'JetTerm':
      case 'JetTerm2':
      case 'JetEndSession':
        this.forget(args[0]);
        break;
      case 'JetCloseTable':
        this.forget(args[1]);
        break;
      default:
        break;
    }
  }

  // A closed handle: from now on it is a stale one.
  forget(handle) {
    for (const pool of Object.values(this.pools)) {
      const at = pool.indexOf(handle);
      if (at >= 0) this.stale.push(...pool.splice(at, 1));
    }
  }

  // Terminates every instance this fuzzer created that is still there.
  tearDown() {
    for (const instance of this.owned) {
      try {
        jet.JetTerm2(instance, 0x8);  // JET_bitTermDirty: past any open transaction
      } catch {
        // already gone, or dirty (JET_errDirtyShutdown)
      }
    }
    this.owned = [];
  }
}

export function describe(args) {
  return args
    .map((arg) => {
      if (typeof arg === 'bigint') return `${arg}n`;
      if (Buffer.isBuffer(arg) || arg instanceof Uint8Array) return `<${arg.length} bytes>`;
      if (typeof arg === 'symbol' || typeof arg === 'function') return String(arg);
      try {
        const text = JSON.stringify(arg, (_, v) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? `<${v.length} bytes>` : v));
        return text === undefined ? String(arg) : text.length > 200 ? `${text.slice(0, 200)}...` : text;
      } catch {
        return String(arg);
      }
    })
    .join(', ');
}
