// Correct use of the API from several threads at once: each thread with its own instance
// and session, sharing only the engine's process-wide registries. Under ThreadSanitizer
// (npm run test:tsan) these also prove the absence of data races; in a plain build they
// catch the crashes and wrong answers those races cause.
import { rmSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { runWorker, tempDir, uniqueName } from './helpers/instances.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('threads sharing the engine', () => {
  it('open, duplicate and close cursors on their own tables at the same time', async () => {
    const workers = Array.from({ length: 3 }, () => {
      const dir = tempDir();
      dirs.push(dir);
      return runWorker<{ rounds: number; failures: string[] }>('cursor-churn', {
        dir,
        name: uniqueName('churn'),
        rounds: 2000,
      });
    });
    for (const result of await Promise.all(workers)) {
      expect(result.failures).toEqual([]);
      expect(result.rounds).toBe(2000);
    }
  });
});
