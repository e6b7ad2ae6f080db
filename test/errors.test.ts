import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as errors from '../lib/errors/index.js';
import {
  EsentError,
  EsentOperationError,
  EsentFatalError,
  EsentIOError,
  EsentResourceError,
  EsentMemoryError,
  EsentQuotaError,
  EsentDiskError,
  EsentDataError,
  EsentCorruptionError,
  EsentInconsistentError,
  EsentFragmentationError,
  EsentApiError,
  EsentUsageError,
  EsentStateError,
  EsentObsoleteError,
  EsentSessionSharingViolationError,
  EsentOutOfMemoryError,
  EsentNyiError,
  ERROR_CLASSES,
  ERROR_CATEGORY_NAMES,
  JET_CODES,
  JET_errSessionSharingViolation,
  JET_errOutOfMemory,
  JET_wrnColumnNull,
  categoryOf,
  describeError,
  registerCategoryResolver,
  type EsentErrorCategory,
} from '../lib/errors/index.js';

interface Row {
  value: number;
  kind: string;
  status: string;
  category: string;
  symbol: string;
}

const tsvUrl = new URL('../lib/errors/jet-errors.tsv', import.meta.url);
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const generator = join(projectRoot, 'scripts', 'generate-errors.mjs');

function readRows(): Row[] {
  const text = readFileSync(tsvUrl, 'utf8');
  const rows: Row[] = [];
  let sawHeader = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!sawHeader) {
      sawHeader = true;
      continue;
    }
    const [value, kind, status, category, symbol] = line.split('\t');
    if (value === undefined || kind === undefined || status === undefined || category === undefined || symbol === undefined) {
      throw new Error(`malformed TSV line: ${line}`);
    }
    rows.push({ value: Number(value), kind, status, category, symbol });
  }
  return rows;
}

const rows = readRows();
const exported = errors as unknown as Record<string, unknown>;

type AnyClass = { readonly prototype: object };

const CATEGORY_CLASSES: Record<Exclude<EsentErrorCategory, 'Unknown'>, AnyClass> = {
  Error: EsentError,
  Operation: EsentOperationError,
  Fatal: EsentFatalError,
  IO: EsentIOError,
  Resource: EsentResourceError,
  Memory: EsentMemoryError,
  Quota: EsentQuotaError,
  Disk: EsentDiskError,
  Data: EsentDataError,
  Corruption: EsentCorruptionError,
  Inconsistent: EsentInconsistentError,
  Fragmentation: EsentFragmentationError,
  Api: EsentApiError,
  Usage: EsentUsageError,
  State: EsentStateError,
  Obsolete: EsentObsoleteError,
};

// Written out independently of the implementation: each category with its ancestors.
const ANCESTRY: Record<Exclude<EsentErrorCategory, 'Unknown'>, string[]> = {
  Error: ['Error'],
  Operation: ['Operation', 'Error'],
  Fatal: ['Fatal', 'Operation', 'Error'],
  IO: ['IO', 'Operation', 'Error'],
  Resource: ['Resource', 'Operation', 'Error'],
  Memory: ['Memory', 'Resource', 'Operation', 'Error'],
  Quota: ['Quota', 'Resource', 'Operation', 'Error'],
  Disk: ['Disk', 'Resource', 'Operation', 'Error'],
  Data: ['Data', 'Error'],
  Corruption: ['Corruption', 'Data', 'Error'],
  Inconsistent: ['Inconsistent', 'Data', 'Error'],
  Fragmentation: ['Fragmentation', 'Data', 'Error'],
  Api: ['Api', 'Error'],
  Usage: ['Usage', 'Api', 'Error'],
  State: ['State', 'Api', 'Error'],
  Obsolete: ['Obsolete', 'Api', 'Error'],
};

function expectCategoryChain(err: unknown, category: Exclude<EsentErrorCategory, 'Unknown'>): void {
  const chain = new Set(ANCESTRY[category]);
  expect(err).toBeInstanceOf(Error);
  for (const [name, cls] of Object.entries(CATEGORY_CLASSES)) {
    expect(err instanceof (cls as Function), `${String(err)} instanceof ${name}`).toBe(chain.has(name));
  }
}

function shortName(symbol: string): string {
  return symbol.replace(/^JET_(err|wrn)/, '');
}

afterEach(() => {
  registerCategoryResolver(undefined);
});

describe('the data', () => {
  it('has a reasonable number of rows with unique values and symbols', () => {
    expect(rows.length).toBeGreaterThan(400);
    expect(new Set(rows.map((r) => r.value)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.symbol)).size).toBe(rows.length);
  });
});

describe('code constants and table', () => {
  it('exports every symbol as a constant with its value', () => {
    for (const row of rows) {
      expect(exported[row.symbol], row.symbol).toBe(row.value);
    }
    expect(JET_errSessionSharingViolation).toBe(-1910);
    expect(JET_errOutOfMemory).toBe(-1011);
    expect(JET_wrnColumnNull).toBe(1004);
  });

  it('describes every code exactly as the data does', () => {
    for (const row of rows) {
      expect(describeError(row.value), row.symbol).toEqual(row);
    }
    expect(describeError(-12345)).toBeUndefined();
    expect(describeError(0.5)).toBeUndefined();
  });

  it('keeps a frozen table sorted by value', () => {
    expect(JET_CODES.length).toBe(rows.length);
    const values = JET_CODES.map((c) => c.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(Object.isFrozen(JET_CODES)).toBe(true);
    expect(Object.isFrozen(JET_CODES[0])).toBe(true);
    expect(() => {
      (JET_CODES as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('numbers the categories as JET_ERRCAT does', () => {
    expect(ERROR_CATEGORY_NAMES.indexOf('Unknown')).toBe(0);
    expect(ERROR_CATEGORY_NAMES.indexOf('Error')).toBe(1);
    expect(ERROR_CATEGORY_NAMES.indexOf('Resource')).toBe(5);
    expect(ERROR_CATEGORY_NAMES.indexOf('Corruption')).toBe(10);
    expect(ERROR_CATEGORY_NAMES.indexOf('Usage')).toBe(14);
    expect(ERROR_CATEGORY_NAMES.indexOf('Obsolete')).toBe(16);
    expect(ERROR_CATEGORY_NAMES.length).toBe(17);
  });
});

describe('EsentError.from on every code in the data', () => {
  const failures = rows.filter((r) => r.value < 0);
  const current = failures.filter((r) => r.status === 'EXTERNAL');
  const retired = failures.filter((r) => r.status === 'OBSOLETE');

  it('covers both current and retired failure codes', () => {
    expect(current.length).toBeGreaterThan(300);
    expect(retired.length).toBeGreaterThan(50);
  });

  it('gives each current failure code its own class, in the right category', () => {
    for (const row of current) {
      const className = `Esent${shortName(row.symbol)}Error`;
      const cls = exported[className] as (Function & { errno: number; code: string }) | undefined;
      expect(cls, className).toBeTypeOf('function');
      if (cls === undefined) continue;
      expect(cls.errno, className).toBe(row.value);
      expect(cls.code, className).toBe(row.symbol);
      expect(ERROR_CLASSES.get(row.value)).toBe(cls);

      const err = EsentError.from(row.value, 'JetTestOperation');
      expect(err.constructor, row.symbol).toBe(cls);
      expect(err.errno).toBe(row.value);
      expect(err.code).toBe(row.symbol);
      expect(err.category).toBe(row.category);
      expect(err.operation).toBe('JetTestOperation');
      expect(err.name).toBe(className);
      expectCategoryChain(err, row.category as Exclude<EsentErrorCategory, 'Unknown'>);
    }
    expect(ERROR_CLASSES.size).toBe(current.length);
  });

  it('turns retired codes into EsentObsoleteError whatever category the data gives', () => {
    const categories = new Set(retired.map((r) => r.category));
    expect(categories.size).toBeGreaterThan(1);
    const concrete = new Set<unknown>(ERROR_CLASSES.values());
    for (const row of retired) {
      const err = EsentError.from(row.value, 'JetOld');
      expect(err.errno, row.symbol).toBe(row.value);
      expect(err.code).toBe(row.symbol);
      expect(err.category).toBe('Obsolete');
      expect(err.name).toBe('EsentObsoleteError');
      expect(err.operation).toBe('JetOld');
      expect(concrete.has(err.constructor)).toBe(false);
      expect(exported[`Esent${shortName(row.symbol)}Error`]).toBeUndefined();
      expectCategoryChain(err, 'Obsolete');
      expect(categoryOf(row.value)).toBe('Obsolete');
    }
  });

  it('rejects success and warnings', () => {
    for (const row of rows.filter((r) => r.value >= 0)) {
      expect(() => EsentError.from(row.value), row.symbol).toThrow(RangeError);
    }
  });
});

describe('EsentError.from argument checks', () => {
  it('rejects values that are not negative 32-bit integers', () => {
    for (const bad of [0, 1, 1004, 0.5, -0.5, -1910.25, NaN, Infinity, -Infinity, -(2 ** 31) - 1]) {
      expect(() => EsentError.from(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => EsentError.from('-1910' as unknown as number)).toThrow(RangeError);
    expect(EsentError.from(-(2 ** 31)).errno).toBe(-(2 ** 31));
  });

  it('treats -0 as 0', () => {
    expect(() => EsentError.from(-0)).toThrow(RangeError);
  });
});

describe('a known error in detail', () => {
  it('carries all fields and a message naming them', () => {
    const err = EsentError.from(-1910, 'JetSetSessionContext');
    expect(err).toBeInstanceOf(EsentSessionSharingViolationError);
    expect(err.errno).toBe(-1910);
    expect(err.code).toBe('JET_errSessionSharingViolation');
    expect(err.category).toBe('Usage');
    expect(err.operation).toBe('JetSetSessionContext');
    expect(err.name).toBe('EsentSessionSharingViolationError');
    expect(err.message).toBe(
      'JetSetSessionContext failed with JET_errSessionSharingViolation (-1910, category Usage)',
    );
    expect(String(err)).toBe(`EsentSessionSharingViolationError: ${err.message}`);
    expect(err.stack).toMatch(/^EsentSessionSharingViolationError: JetSetSessionContext failed/);
    expectCategoryChain(err, 'Usage');
  });

  it('has an empty operation when none is given', () => {
    const err = EsentError.from(-1011);
    expect(err).toBeInstanceOf(EsentOutOfMemoryError);
    expect(err.operation).toBe('');
    expect(err.message).toBe('ESE call failed with JET_errOutOfMemory (-1011, category Memory)');
    expectCategoryChain(err, 'Memory');
  });

  it('can be constructed directly from its class', () => {
    const err = new EsentSessionSharingViolationError('JetSetSessionContext');
    expect(err.message).toBe(EsentError.from(-1910, 'JetSetSessionContext').message);
    expect(err.errno).toBe(EsentSessionSharingViolationError.errno);
    expect(err.code).toBe(EsentSessionSharingViolationError.code);
    expect(Object.keys(err).sort()).toEqual(['category', 'code', 'errno', 'operation']);
  });

  it('gives the negative warning JET_wrnNyi a class of its own', () => {
    const err = EsentError.from(-1, 'JetSomething');
    expect(err).toBeInstanceOf(EsentNyiError);
    expect(err.code).toBe('JET_wrnNyi');
    expect(err.category).toBe('Usage');
    expectCategoryChain(err, 'Usage');
  });

  it('keeps one category per class and separates sibling classes', () => {
    const usage = EsentError.from(-1910);
    const memory = EsentError.from(-1011);
    expect(usage).not.toBeInstanceOf(EsentOutOfMemoryError);
    expect(memory).not.toBeInstanceOf(EsentSessionSharingViolationError);
  });
});

describe('unknown codes', () => {
  it('without a resolver give a plain EsentError with category Unknown', () => {
    const err = EsentError.from(-12345, 'JetMystery');
    expect(err.constructor).toBe(EsentError);
    expect(err.errno).toBe(-12345);
    expect(err.code).toBe('JET_err-12345');
    expect(err.category).toBe('Unknown');
    expect(err.operation).toBe('JetMystery');
    expect(err.name).toBe('EsentError');
    expect(err.message).toBe('JetMystery failed with JET_err-12345 (-12345, category Unknown)');
    expect(err).toBeInstanceOf(EsentError);
    for (const [name, cls] of Object.entries(CATEGORY_CLASSES)) {
      if (name !== 'Error') expect(err instanceof (cls as Function), name).toBe(false);
    }
    expect(categoryOf(-12345)).toBe('Unknown');
  });

  it('take their category from the resolver, by number or by name', () => {
    const asked: number[] = [];
    registerCategoryResolver((errno) => {
      asked.push(errno);
      return errno === -12345 ? 14 : errno === -12346 ? 'Disk' : errno === -12347 ? 'Corruption' : undefined;
    });

    const usage = EsentError.from(-12345, 'JetMystery');
    expect(usage.category).toBe('Usage');
    expect(usage.code).toBe('JET_err-12345');
    expect(usage.name).toBe('EsentUsageError');
    expect(usage.message).toBe('JetMystery failed with JET_err-12345 (-12345, category Usage)');
    expectCategoryChain(usage, 'Usage');

    const disk = EsentError.from(-12346);
    expect(disk.category).toBe('Disk');
    expectCategoryChain(disk, 'Disk');

    const corruption = EsentError.from(-12347);
    expectCategoryChain(corruption, 'Corruption');

    const unresolved = EsentError.from(-12348);
    expect(unresolved.constructor).toBe(EsentError);
    expect(unresolved.category).toBe('Unknown');

    expect(asked).toEqual([-12345, -12346, -12347, -12348]);
    expect(categoryOf(-12346)).toBe('Disk');
  });

  it('give an instance for every category the resolver may name', () => {
    for (let n = 0; n < ERROR_CATEGORY_NAMES.length; n++) {
      const name = ERROR_CATEGORY_NAMES[n] as EsentErrorCategory;
      registerCategoryResolver(() => n);
      const byNumber = EsentError.from(-20000);
      registerCategoryResolver(() => name);
      const byName = EsentError.from(-20000);
      for (const err of [byNumber, byName]) {
        expect(err.category).toBe(name);
        if (name === 'Unknown' || name === 'Error') {
          expect(err.constructor).toBe(EsentError);
          expectCategoryChain(err, 'Error');
        } else {
          expect(err.name).toBe(`Esent${name}Error`);
          expectCategoryChain(err, name);
        }
      }
    }
  });

  it('are Unknown when the resolver answers nonsense or throws', () => {
    for (const answer of [17, -1, 2.5, 'usage', 'Bogus', null, undefined, {}]) {
      registerCategoryResolver(() => answer as unknown as number);
      const err = EsentError.from(-20001);
      expect(err.category, String(answer)).toBe('Unknown');
      expect(err.constructor).toBe(EsentError);
    }
    registerCategoryResolver(() => {
      throw new Error('resolver broke');
    });
    expect(EsentError.from(-20001).category).toBe('Unknown');
  });

  it('do not consult the resolver for known codes', () => {
    let calls = 0;
    registerCategoryResolver(() => {
      calls++;
      return 'Fatal';
    });
    expect(EsentError.from(-1910).category).toBe('Usage');
    expect(EsentError.from(-100).category).toBe('Obsolete');
    expect(categoryOf(-1910)).toBe('Usage');
    expect(calls).toBe(0);
  });

  it('stop using a resolver once it is removed, and registration returns the previous one', () => {
    const first = (): number => 3;
    expect(registerCategoryResolver(first)).toBeUndefined();
    expect(EsentError.from(-20002).category).toBe('Fatal');
    expect(registerCategoryResolver(undefined)).toBe(first);
    expect(EsentError.from(-20002).category).toBe('Unknown');
    expect(() => registerCategoryResolver(42 as unknown as () => number)).toThrow(TypeError);
  });
});

describe('categoryOf', () => {
  it('reports the data category for current codes, warnings and success', () => {
    expect(categoryOf(-1910)).toBe('Usage');
    expect(categoryOf(0)).toBe('State');
    expect(categoryOf(1004)).toBe(describeError(1004)?.category);
    expect(categoryOf(0.5)).toBe('Unknown');
  });
});

describe('category classes', () => {
  it('cannot be constructed directly (checked by the type checker)', () => {
    const attempts = [
      // @ts-expect-error EsentError's constructor is protected
      () => new EsentError(-1910, 'JET_errSessionSharingViolation', 'Usage', 'x'),
      // @ts-expect-error the category classes are abstract
      () => new EsentUsageError(-1910, 'JET_errSessionSharingViolation', 'Usage', 'x'),
      // @ts-expect-error the category classes are abstract
      () => new EsentResourceError(-1011, 'JET_errOutOfMemory', 'Memory', 'x'),
    ];
    expect(attempts.length).toBe(3);
  });

  it('have stable names', () => {
    for (const [category, cls] of Object.entries(CATEGORY_CLASSES)) {
      expect((cls.prototype as Error).name).toBe(category === 'Error' ? 'EsentError' : `Esent${category}Error`);
    }
  });
});

describe('the generator', () => {
  it('reproduces the checked-in files exactly', () => {
    const out = mkdtempSync(join(tmpdir(), 'esent-errors-'));
    try {
      const run = spawnSync(process.execPath, [generator, '--out', out], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      for (const rel of [
        'native/include/esent/jet_errors.g.h',
        'lib/errors/codes.g.ts',
        'lib/errors/classes.g.ts',
      ]) {
        const fresh = readFileSync(join(out, rel), 'utf8');
        const checkedIn = readFileSync(join(projectRoot, rel), 'utf8');
        expect(fresh === checkedIn, `${rel} is stale; run npm run generate:errors`).toBe(true);
        expect(fresh.split('\n')[0]).toContain('generated by scripts/generate-errors.mjs from jet-errors.tsv; do not edit');
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes a C++ header with every code and a sorted category table', () => {
    const header = readFileSync(join(projectRoot, 'native/include/esent/jet_errors.g.h'), 'utf8');
    const errNs = /namespace err \{([\s\S]*?)\}\s*\/\/ namespace err/.exec(header)?.[1] ?? '';
    const wrnNs = /namespace wrn \{([\s\S]*?)\}\s*\/\/ namespace wrn/.exec(header)?.[1] ?? '';
    const table = /kErrorTable\[\] = \{([\s\S]*?)\n\};/.exec(header)?.[1] ?? '';
    const entries = [...table.matchAll(/\{(-?\d+), (\d+)\}/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(entries.length).toBe(rows.length);
    for (let i = 1; i < entries.length; i++) {
      expect((entries[i] as readonly [number, number])[0]).toBeGreaterThan((entries[i - 1] as readonly [number, number])[0]);
    }
    const tableMap = new Map(entries);
    for (const row of rows) {
      const ns = row.kind === 'ERR' ? errNs : wrnNs;
      expect(ns, row.symbol).toContain(`constexpr std::int32_t ${shortName(row.symbol)} = ${row.value};`);
      expect(tableMap.get(row.value), row.symbol).toBe(ERROR_CATEGORY_NAMES.indexOf(row.category as EsentErrorCategory));
    }
  });

  it('refuses bad data and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'esent-errors-bad-'));
    try {
      const good = readFileSync(tsvUrl, 'utf8');
      const cases: Array<[string, RegExp]> = [
        ['-1910\tERR\tEXTERNAL\tUsage\tJET_errSomethingNew\n', /value -1910 is used by both/],
        ['-99999\tERR\tEXTERNAL\tUsage\tJET_errSessionSharingViolation\n', /symbol JET_errSessionSharingViolation appears twice/],
        ['-99999\tERR\tEXTERNAL\tSevere\tJET_errSomethingNew\n', /unknown category "Severe"/],
        ['-99999\tERR\tEXTERNAL\tUsage\tJET_errDisk\n', /EsentDiskError, which is the name of a category class/],
        ['-99999\tWRN\tEXTERNAL\tUsage\tJET_errSomethingNew\n', /does not match the symbol's prefix/],
        ['-99999\tERR\tEXTERNAL\tUsage\n', /expected 5 tab-separated fields/],
      ];
      for (const [extra, message] of cases) {
        const tsv = join(dir, 'bad.tsv');
        const out = join(dir, 'out');
        writeFileSync(tsv, good.endsWith('\n') ? good + extra : `${good}\n${extra}`);
        const run = spawnSync(process.execPath, [generator, '--out', out, tsv], { encoding: 'utf8' });
        expect(run.status, extra).toBe(1);
        expect(run.stderr).toMatch(message);
        expect(() => readFileSync(join(out, 'lib/errors/codes.g.ts'))).toThrow();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
