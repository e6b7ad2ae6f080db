// What the raw API does with input that is not a value of the right kind at all: a clear
// TypeError or RangeError from the binding, before the engine is called, and the process
// carries on. Values of the right kind go to the engine unchanged.
import { afterEach, describe, expect, it } from 'vitest';

import {
  EsentInvalidParameterError,
  EsentInvalidSesidError,
  EsentInvalidInstanceError,
  JET_sesidNil,
  jet,
} from '../lib/index.js';
import { InstancePool } from './helpers/instances.js';

const pool = new InstancePool();
afterEach(() => pool.cleanup());

type AnyFn = (...args: unknown[]) => unknown;
const call = (name: keyof typeof jet, ...args: unknown[]) => (jet[name] as AnyFn)(...args);

describe('argument counts', () => {
  const cases: Array<[keyof typeof jet, number, number]> = [
    ['JetCreateInstance2', 0, 3],
    ['JetSetSystemParameter', 4, 5],
    ['JetGetSystemParameter', 3, 3],
    ['JetInit3', 1, 2],
    ['JetTerm2', 1, 2],
    ['JetBeginSession', 1, 3],
    ['JetEndSession', 1, 2],
    ['JetDupSession', 1, 1],
    ['JetSetSessionContext', 2, 2],
    ['JetResetSessionContext', 1, 1],
    ['JetBeginTransaction', 1, 2],
    ['JetBeginTransaction3', 1, 3],
    ['JetCommitTransaction', 1, 2],
    ['JetCommitTransaction2', 1, 3],
    ['JetRollback', 1, 2],
    ['JetGetSessionParameter', 2, 2],
    ['JetGetErrorInfo', 1, 1],
  ];
  for (const [name, min, max] of cases) {
    it(`${name} takes ${min} to ${max} arguments`, () => {
      if (min > 0) {
        expect(() => call(name, ...Array(min - 1).fill(1n))).toThrow(
          new TypeError(`${name}: expected ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${min - 1}`),
        );
      }
      expect(() => call(name, ...Array(max + 1).fill(1n))).toThrow(TypeError);
      expect(() => call(name, ...Array(max + 1).fill(1n))).toThrow(/expected .* got/);
    });
  }
});

describe('handles', () => {
  it('must be bigints', () => {
    for (const bad of [1, '1', null, undefined, {}, true, Symbol('s')]) {
      expect(() => call('JetBeginTransaction', bad)).toThrow(TypeError);
      expect(() => call('JetBeginTransaction', bad)).toThrow(/'sesid' must be a bigint handle/);
    }
    expect(() => call('JetSetSessionContext', 1n, 1)).toThrow(/'ulContext' must be a bigint/);
    expect(() => call('JetBeginSession', 1)).toThrow(/'instance' must be a bigint/);
  });

  it('must fit a pointer; negative values down to -2^63 stand for their bit pattern', () => {
    expect(() => jet.JetBeginTransaction(2n ** 64n)).toThrow(RangeError);
    expect(() => jet.JetBeginTransaction(-(2n ** 63n) - 1n)).toThrow(RangeError);
    // -1n is all bits set: JET_sesidNil, which the engine refuses by itself.
    expect(() => jet.JetBeginTransaction(-1n)).toThrow(EsentInvalidSesidError);
    expect(() => jet.JetBeginTransaction(JET_sesidNil)).toThrow(EsentInvalidSesidError);
  });

  it('reach the engine as they are: 0, made-up and stale values get the engine’s own errors', async () => {
    expect(() => jet.JetSetSessionContext(0n, 1n)).toThrow(EsentInvalidSesidError);
    expect(() => jet.JetResetSessionContext(0x1234_5678n)).toThrow(EsentInvalidSesidError);
    expect(() => jet.JetBeginSession(0x1234_5678n)).toThrow(EsentInvalidInstanceError);
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    jet.JetEndSession(sesid);
    try {
      jet.JetBeginTransaction(sesid);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EsentInvalidSesidError);
      expect(error).toMatchObject({ errno: -1104, operation: 'JetBeginTransaction', code: 'JET_errInvalidSesid' });
    }
  });
});

describe('contexts', () => {
  it('0 and -1 are passed on and refused by the engine', async () => {
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    expect(() => jet.JetSetSessionContext(sesid, 0n)).toThrow(EsentInvalidParameterError);
    expect(() => jet.JetSetSessionContext(sesid, -1n)).toThrow(EsentInvalidParameterError);
    expect(() => jet.JetSetSessionContext(sesid, 2n ** 64n - 1n)).toThrow(EsentInvalidParameterError);
    // Nothing was set: the session still ends.
    expect(jet.JetEndSession(sesid)).toBe(0);
  });
});

describe('numbers and flags', () => {
  it('grbits are 32-bit unsigned integers', () => {
    for (const bad of [-1, 1.5, 2 ** 32, NaN, Infinity]) {
      expect(() => jet.JetBeginTransaction(1n, bad)).toThrow(RangeError);
    }
    expect(() => jet.JetBeginTransaction(1n, '1' as unknown as number)).toThrow(TypeError);
  });

  it('JetGetErrorInfo takes a 32-bit signed integer', () => {
    expect(() => jet.JetGetErrorInfo(2 ** 31)).toThrow(RangeError);
    expect(() => jet.JetGetErrorInfo(-1910.5)).toThrow(RangeError);
    expect(() => jet.JetGetErrorInfo('x' as unknown as number)).toThrow(TypeError);
    expect(jet.JetGetErrorInfo(-1910).errValue).toBe(-1910);
  });

  it('JetBeginTransaction3 takes a 64-bit id as a bigint or a safe integer', async () => {
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    expect(() => jet.JetBeginTransaction3(sesid, 2n ** 63n)).toThrow(RangeError);
    expect(() => jet.JetBeginTransaction3(sesid, 2 ** 60)).toThrow(RangeError);
    expect(jet.JetBeginTransaction3(sesid, 42n)).toBe(0);
    expect(jet.JetBeginTransaction3(sesid, 43)).toBe(0);
    jet.JetRollback(sesid, 1);
  });

  it('JetSetSystemParameter takes lParam as a bigint or a non-negative safe integer', () => {
    expect(() => jet.JetSetSystemParameter(0n, 0n, 5, -1)).toThrow(RangeError);
    expect(() => jet.JetSetSystemParameter(0n, 0n, 5, 1.5)).toThrow(RangeError);
    expect(() => jet.JetSetSystemParameter(0n, 0n, 5, 'x' as unknown as number)).toThrow(TypeError);
  });
});

describe('strings', () => {
  it('must be strings without NUL characters', () => {
    expect(() => jet.JetCreateInstance2('a\0b')).toThrow(new TypeError("JetCreateInstance2: 'szInstanceName' must not contain NUL characters"));
    expect(() => jet.JetCreateInstance2(42 as unknown as string)).toThrow(/'szInstanceName' must be a string/);
    expect(() => jet.JetSetSystemParameter(0n, 0n, 0, 0, 'dir\0')).toThrow(/NUL/);
    expect(() => jet.JetBeginSession(1n, 'user\0')).toThrow(/NUL/);
  });

  it('non-ASCII names round-trip as UTF-16', async () => {
    const name = `instance-ünïcødé-名前-${process.pid}-${Date.now()}`;
    const instance = jet.JetCreateInstance2(name);
    try {
      expect(() => jet.JetCreateInstance2(name)).toThrow(expect.objectContaining({ errno: -1086 }));
    } finally {
      jet.JetTerm2(instance, 2);
    }
  });
});

describe('the process survives', () => {
  it('a storm of bad calls leaves the engine working', async () => {
    for (let i = 0; i < 1000; i++) {
      try {
        jet.JetSetSessionContext(BigInt(i * 7919), BigInt(i));
      } catch {
        // expected: made-up handles
      }
    }
    const instance = await pool.open();
    const sesid = jet.JetBeginSession(instance.handle);
    expect(jet.JetBeginTransaction(sesid)).toBe(0);
    expect(jet.JetCommitTransaction(sesid)).toBe(0);
    expect(jet.JetEndSession(sesid)).toBe(0);
  });
});
