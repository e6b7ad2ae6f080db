// Workers in the tests load the package as users do, from dist/: compile it first so the
// Workers run the same sources as the tests.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  if (!existsSync(join(root, 'build', 'Release', 'esent.node')) && !existsSync(join(root, 'prebuilds'))) {
    throw new Error('the addon is not built: run `npm run build` first');
  }
  // The Wine runner compiles dist/ once before running each file in a Windows Node of its own.
  if (process.env.ESENT_DIST_BUILT === '1') return;
  const require = createRequire(import.meta.url);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
