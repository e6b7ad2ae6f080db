// The README's example runs to the end and its books balance.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('examples/order-service.mjs', () => {
  it('places orders, retries conflicts and balances stock against orders', () => {
    const output = execFileSync(process.execPath, [join(root, 'examples', 'order-service.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output).toMatch(/placed: \d+, declined \(rolled back\): \d+, sold out: \d+/);
    expect(output).not.toContain('MISMATCH');
    const lines = output.split('\n').filter((line) => / in stock at start, /.test(line));
    expect(lines).toHaveLength(3);
    const placed = Number(/placed: (\d+)/.exec(output)![1]);
    expect(Number(/orders table: (\d+) rows/.exec(output)![1])).toBe(placed);
  });
});
