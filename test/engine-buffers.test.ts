// What the engine writes into a caller's buffer that is too small, or larger than the value
// (JetRetrieveKey, JetGetBookmark, JetGetTableInfo, JetGetTableIndexInfo, JetUpdate2,
// JetRetrieveColumn(s)). The raw JavaScript API always passes a buffer that fits, so these
// answers are checked by a small C++ program (test/native/buffer_sizes.cc) that calls the
// loaded engine library directly, built here with the C++ compiler that builds the addon. The
// real-engine lane runs the same program on ESE's engine (scripts/ese/smoke.mjs), where every
// check passes too.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, sep } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadEngine } from '../lib/index.js';
import { tempDir } from './helpers/instances.js';
import { bufferSizesArgs } from './native/buffer-sizes-build.mjs';

const engine = loadEngine();

// On Windows the engine is ESENT.dll and no compiler is assumed; the lane on Wine covers it.
describe.skipIf(process.platform === 'win32' || !engine.isEmulator)('buffers the caller sizes (test/native/buffer_sizes.cc)', () => {
  it('a cut key warns only for the current entry\'s, a cut bookmark fails but a replace\'s, each info level writes its own width', () => {
    const dir = tempDir();
    try {
      const program = join(dir, 'buffer_sizes');
      const compiler = process.env.CXX || 'c++';
      execFileSync(compiler, [...bufferSizesArgs(program), ...(process.platform === 'linux' ? ['-ldl'] : [])], {
        // Under the sanitizer lanes the runtime is preloaded for the engine library; the compiler
        // does not need it (and ThreadSanitizer's crashes some programs it is preloaded into).
        stdio: 'pipe',
        env: { ...process.env, LD_PRELOAD: undefined },
      });
      const run = spawnSync(program, [engine.path, `${dir}${sep}`], { encoding: 'utf8' });
      const failed = run.stdout.split('\n').filter((line) => line.startsWith('FAIL'));
      expect(failed, run.stdout + run.stderr).toEqual([]);
      expect(run.stdout).toContain('0 check(s) failed');
      // Every check ran: the program stops early only when a step it needs fails.
      expect(run.stdout.split('\n').filter((line) => line.startsWith('ok')).length).toBeGreaterThanOrEqual(70);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
