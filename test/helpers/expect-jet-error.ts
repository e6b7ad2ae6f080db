import { expect } from 'vitest';

import type { EsentError } from '../../lib/index.js';

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
