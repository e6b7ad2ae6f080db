// How test/native/buffer_sizes.cc is compiled, for the suite (test/engine-buffers.test.ts, with
// the host's C++ compiler) and for the real-engine lane (scripts/ese/smoke.mjs, with mingw-w64):
// the compiler's arguments but those of the target's own libraries.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The arguments that compile the buffer check into `output`. */
export function bufferSizesArgs(output) {
  return [
    '-std=c++17',
    '-O1',
    '-Wall',
    `-I${join(root, 'native', 'include')}`,
    '-o',
    output,
    join(root, 'test', 'native', 'buffer_sizes.cc'),
    join(root, 'native', 'loader', 'engine_library.cc'),
  ];
}
