import { expect } from 'vitest';

import { EsentError } from '../../lib/index.js';

export type ErrorClass = abstract new (...args: never[]) => EsentError;

/** Runs `call`, which must throw `errorClass` with `errno` for `operation`; returns the error. */
export function expectJetError(call: () => unknown, errorClass: ErrorClass, errno: number, operation: string): EsentError {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${operation} should fail with ${errno}`).toBeInstanceOf(errorClass);
  expect(thrown).toMatchObject({ errno, operation });
  return thrown as EsentError;
}

/** Runs `call`: 0 when it returns, the errno of the ESE error it throws. Anything else thrown is rethrown. */
export function errnoOf(call: () => unknown): number {
  try {
    call();
    return 0;
  } catch (error) {
    if (error instanceof EsentError) return error.errno;
    throw error;
  }
}

/** Runs `call`, which must throw; returns what it threw, typed as `T`. */
export function thrownBy<T = Error>(call: () => unknown): T {
  try {
    call();
  } catch (error) {
    return error as T;
  }
  throw new Error('the call succeeded where it should have thrown');
}
