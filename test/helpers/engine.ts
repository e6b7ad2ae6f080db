// Which engine the suite runs against. A test whose expectation is the emulator's own
// choice (its file format, say) runs only there and says so in its name; everything else
// runs against ESENT.dll too.
import { it } from 'vitest';

import { loadEngine } from '../../lib/index.js';

export const onEmulator = loadEngine().isEmulator;

/** `it`, run only on the emulator; the reason is part of the test's name. */
export function itOnEmulator(name: string, reason: string, fn: () => unknown, timeout?: number): void {
  it.runIf(onEmulator)(`${name} [emulator only: ${reason}]`, fn, timeout);
}
