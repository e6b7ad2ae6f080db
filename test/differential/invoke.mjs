// One raw `jet` call on the calling thread, its outcome as plain data that survives
// postMessage: { ok: true, value } or { ok: false, errno, code, ... }.
import { jet } from '../../dist/index.js';

export function invoke(fn, args) {
  try {
    return { ok: true, value: jet[fn](...args) };
  } catch (error) {
    if (typeof error?.errno === 'number') {
      const failure = { ok: false, errno: error.errno, code: error.code };
      for (const key of ['columnErrors', 'indexErrors', 'cCreated']) if (key in error) failure[key] = error[key];
      return failure;
    }
    return { ok: false, thrown: error?.name ?? 'Error', message: String(error?.message ?? error) };
  }
}
