// Prints the C++ sources (*.cc) of the given folders, one per line, for binding.gyp and the
// cross-build script, so that a folder's contents are the single list of what gets built.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const files = [];
for (const dir of process.argv.slice(2)) {
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.cc')) files.push(join(dir, name).split('\\').join('/'));
  }
}
process.stdout.write(files.join('\n') + '\n');
