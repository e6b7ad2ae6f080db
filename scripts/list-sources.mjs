// Prints the C++ sources (*.cc) of the given folders and their subfolders, one per line, for
// binding.gyp and the cross-build script, so that a folder's contents are the single list of
// what gets built.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

function collect(dir, files) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collect(path, files);
    else if (entry.name.endsWith('.cc')) files.push(path.split('\\').join('/'));
  }
}

const files = [];
for (const dir of process.argv.slice(2)) collect(dir, files);
// One target's objects share a folder in MSBuild, so two sources with one name would clash.
const seen = new Map();
for (const file of files) {
  const name = basename(file);
  if (seen.has(name)) {
    process.stderr.write(`list-sources: ${seen.get(name)} and ${file} share a file name; rename one\n`);
    process.exit(1);
  }
  seen.set(name, file);
}
process.stdout.write(files.join('\n') + '\n');
