#!/usr/bin/env node
// npm run test:tsan / npm run test:asan: the addon and the emulator built with
// ThreadSanitizer, or with AddressSanitizer and UndefinedBehaviorSanitizer, then the suite
// and a multi-threaded fuzz run against them, in Node as installed (the sanitizer's runtime
// preloaded). Passes only with zero reports.
//
//   node scripts/sanitizers/run.mjs thread|address [--jobs N] [--calls N] [--files a,b] [--no-suite]
//
// The whole suite by default, less the files NOT_RUN names (each printed with its reason);
// --files runs a part of it instead.
//
// What is built: the sources of binding.gyp's two targets (scripts/list-sources.mjs), with
// g++ and the sanitizer flags, into .cache/sanitizers/<kind>/, incrementally. What runs: a
// copy of the package in .cache/sanitizers/<kind>/package whose build/Release holds those
// builds (node_modules is linked), so the checkout's own build is never touched.
//
// Reports are written by the sanitizer runtimes to files, then counted:
// - ThreadSanitizer: every data race, less Node's own (tsan.supp lists them and why);
// - AddressSanitizer, UndefinedBehaviorSanitizer: every report;
// - LeakSanitizer: the leaks whose memory was allocated by the addon or the emulator (the
//   first frame past the allocator and libstdc++ is in one of them). Not counted: memory
//   allocated by Node's own code (the first such frame in the node binary), chiefly V8's heap
//   pages, free lists and slot sets, which Node leaves to the operating system at exit
//   instead of tearing V8 down; LeakSanitizer's suppressions cannot say this, since they match
//   any frame of the stack, and every call of ours passes through Node's frames.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HERE = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: {
    jobs: { type: 'string', default: '2' },
    calls: { type: 'string', default: '20000' },
    files: { type: 'string' },
    'no-suite': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const kind = positionals[0];
if (kind !== 'thread' && kind !== 'address') {
  console.error('usage: node scripts/sanitizers/run.mjs thread|address [--jobs N] [--calls N] [--files a,b]');
  process.exit(2);
}
// The test files the whole-suite run leaves out, each printed with its reason:
const NOT_RUN = {
  'package.test.ts':
    'checks the files `npm pack` would publish from the checkout; the sanitized copy of the package holds what the tests run and the sanitized build, not the native sources, so its listing is not the package\'s',
  'errors.test.ts': 'loads no native code (the error classes and the generator of their table are TypeScript and Node scripts), so a sanitizer has nothing to check in it',
};
const CXX = process.env.CXX || 'g++';
const OUT = join(ROOT, '.cache', 'sanitizers', kind);
const SANITIZE = kind === 'thread' ? ['-fsanitize=thread'] : ['-fsanitize=address,undefined', '-fno-sanitize-recover=undefined'];
const RUNTIME_LIBRARY = kind === 'thread' ? 'libtsan.so' : 'libasan.so';
const log = (message) => process.stdout.write(`[sanitize:${kind}] ${message}\n`);
const fail = (message) => {
  process.stderr.write(`[sanitize:${kind}] ${message}\n`);
  process.exit(1);
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (result.error || result.status !== 0) {
    fail(`${command} ${args.join(' ')} failed:\n${result.error?.message ?? ''}${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

function runAsync(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => done({ code, output }));
  });
}

// ---- build ------------------------------------------------------------------------------

function runtimePath() {
  const path = run(CXX, [`-print-file-name=${RUNTIME_LIBRARY}`]).trim();
  if (!path.startsWith('/') || !existsSync(path)) {
    fail(`${CXX} has no ${RUNTIME_LIBRARY}; install it (Debian: apt-get install ${kind === 'thread' ? 'libtsan2' : 'libasan8 libubsan1'})`);
  }
  return path;
}

function sources(dirs) {
  return run(process.execPath, [join(ROOT, 'scripts', 'list-sources.mjs'), ...dirs], { cwd: ROOT })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function upToDate(object, depfile, stampFile, stamp) {
  if (!existsSync(object) || !existsSync(depfile) || !existsSync(stampFile)) return false;
  if (readFileSync(stampFile, 'utf8') !== stamp) return false;
  const text = readFileSync(depfile, 'utf8').replace(/\\\r?\n/g, ' ');
  const deps = text.slice(text.indexOf(': ') + 2).split(/(?<!\\)\s+/).filter(Boolean);
  const built = statSync(object).mtimeMs;
  return deps.every((dep) => existsSync(resolve(ROOT, dep)) && statSync(resolve(ROOT, dep)).mtimeMs <= built);
}

async function compile(target, files, flags) {
  const objDir = join(OUT, 'obj', target);
  mkdirSync(objDir, { recursive: true });
  const stamp = createHash('sha256').update(JSON.stringify([CXX, flags])).digest('hex');
  const jobs = files.map((source) => {
    const stem = source.replace(/[\\/]/g, '_').replace(/\.cc$/, '');
    return { source, object: join(objDir, `${stem}.o`), depfile: join(objDir, `${stem}.d`), stampFile: join(objDir, `${stem}.stamp`) };
  });
  const pending = jobs.filter((job) => !upToDate(job.object, job.depfile, job.stampFile, stamp));
  let next = 0;
  const errors = [];
  const worker = async () => {
    while (next < pending.length) {
      const job = pending[next++];
      log(`${target}: compiling ${job.source}`);
      const result = await runAsync(CXX, [...flags, '-MMD', '-MF', job.depfile, '-c', job.source, '-o', job.object], { cwd: ROOT });
      if (result.code !== 0) errors.push(`${job.source}:\n${result.output}`);
      else writeFileSync(job.stampFile, stamp);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, worker));
  if (errors.length) fail(errors.join('\n'));
  return jobs.map((job) => job.object);
}

async function build() {
  const require = createRequire(join(ROOT, 'package.json'));
  const common = ['-std=c++17', '-fexceptions', '-fPIC', '-g', '-O1', '-fno-omit-frame-pointer', ...SANITIZE,
    `-I${join(ROOT, 'native', 'include')}`];
  const emulator = await compile('emulator', sources(['native/emulator']), [...common, '-DESENT_EMULATOR_BUILD',
    '-fvisibility=hidden']);
  const addon = await compile('addon', sources(['native/addon', 'native/loader']), [...common, '-DNAPI_VERSION=8',
    '-DNAPI_CPP_EXCEPTIONS', '-DNODE_ADDON_API_DISABLE_DEPRECATED',
    `-I${dirname(require.resolve('node-addon-api/package.json'))}`,
    `-I${require('node-api-headers').include_dir}`]);
  const release = join(OUT, 'package', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  log('linking');
  run(CXX, ['-shared', ...SANITIZE, '-o', join(release, 'esent_emulator.so'), ...emulator, '-lpthread']);
  run(CXX, ['-shared', ...SANITIZE, '-o', join(release, 'esent.node'), ...addon, '-ldl']);
}

// ---- a copy of the package to run -------------------------------------------------------

function stage() {
  const target = join(OUT, 'package');
  for (const entry of ['lib', 'test', 'fuzz', 'examples', 'bench', 'dist', 'scripts', 'docs', 'native']) rmSync(join(target, entry), { recursive: true, force: true });
  // scripts/: the differential test's sides import its helpers; README.md and docs/: the docs
  // test runs their examples; native/: the buffer check (test/engine-buffers.test.ts) compiles
  // a program against its headers and the engine loader.
  for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts', 'README.md', 'lib', 'test', 'fuzz', 'examples', 'scripts', 'docs', 'native']) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(target, entry), { recursive: true });
  }
  if (!existsSync(join(target, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
  run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: target });
  return target;
}

// ---- running and counting reports -------------------------------------------------------

const OURS = /esent\.node|esent_emulator\.so/;

// addr2line for frames the runtime could not name (our libraries keep their symbols hidden):
// one addr2line per library for every offset of every report (one per frame took minutes,
// each call reading the library's debug information again).
const FRAME = /\((\S*?(esent\.node|esent_emulator\.so))\+(0x[0-9a-f]+)\)/g;

function symbolizer(texts, libraries) {
  const names = new Map();
  for (const [name, file] of Object.entries(libraries)) {
    const offsets = [...new Set(texts.flatMap((text) => [...text.matchAll(FRAME)].filter((m) => m[2] === name).map((m) => m[3])))];
    if (offsets.length === 0) continue;
    const result = spawnSync('addr2line', ['-f', '-C', '-e', file, ...offsets], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) continue;
    const lines = result.stdout.split('\n');
    offsets.forEach((offset, i) => names.set(`${name}+${offset}`, `${lines[2 * i]} ${lines[2 * i + 1]}`));
  }
  return (text) =>
    text.replace(FRAME, (whole, path, name, offset) => {
      const known = names.get(`${name}+${offset}`);
      return known ? `${known} (${name}+${offset})` : whole;
    });
}

function reports(dir, libraries) {
  const found = [];
  if (!existsSync(dir)) return found;
  const texts = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
  const symbolize = symbolizer(texts, libraries);
  for (const raw of texts) {
    const text = symbolize(raw);
    // One report per block that starts with the runtime's banner.
    const blocks = text.split(/\n(?==+\n==\d+==|WARNING: ThreadSanitizer|.*runtime error:)/);
    for (const block of blocks) {
      // A leak check that could not run is a report too: it checked nothing.
      if (/WARNING: ThreadSanitizer|ERROR: AddressSanitizer|runtime error:|LeakSanitizer has encountered a fatal error/.test(block)) {
        found.push(block.trim());
      } else if (/ERROR: LeakSanitizer/.test(block)) {
        // Each leak: "Direct/Indirect leak of N byte(s) ... allocated from:" and its frames.
        for (const leak of block.split(/\n(?=(?:Direct|Indirect) leak of)/).slice(1)) {
          const frames = leak.split('\n').filter((line) => /^\s+#\d+/.test(line));
          // The allocating code: past the allocator and the C++ library (a std::thread's or a
          // container's memory is allocated inside libstdc++ on its caller's behalf).
          const caller = frames.find((line) => !/libasan|libstdc\+\+|operator new|malloc|calloc|realloc|operator delete/.test(line));
          if (caller && OURS.test(caller)) found.push(leak.trim());
        }
      }
    }
  }
  return found;
}

async function main() {
  const runtime = runtimePath();
  const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;
  let since = Date.now();
  await build();
  log(`built in ${seconds(since)}`);
  const packageDir = stage();
  const libraries = {
    'esent.node': join(packageDir, 'build', 'Release', 'esent.node'),
    'esent_emulator.so': join(packageDir, 'build', 'Release', 'esent_emulator.so'),
  };
  const reportDir = join(OUT, 'reports');
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  const logPath = join(reportDir, 'report');
  const env = {
    ...process.env,
    LD_PRELOAD: runtime,
    ESENT_CRASH_ROUNDS: process.env.ESENT_CRASH_ROUNDS ?? '5',
    // stage() has compiled dist/ already; the suite's global setup need not run tsc again
    // (slow, and one more Node process to check for leaks at exit).
    ESENT_DIST_BUILT: '1',
    TSAN_OPTIONS: `log_path=${logPath} suppressions=${join(HERE, 'tsan.supp')} report_signal_unsafe=0 halt_on_error=0 history_size=4`,
    // Node and V8 handle SIGSEGV themselves; the sanitizer must leave it to them.
    // symbolize=0: every Node process of the run reports Node's own unfreed memory at exit,
    // thousands of stacks, and symbolizing them took minutes per process; reports() names
    // the frames in our libraries itself, with addr2line.
    ASAN_OPTIONS: `log_path=${logPath} detect_leaks=1 handle_segv=0 allow_user_segv_handler=1 detect_odr_violation=0 halt_on_error=0 symbolize=0`,
    // use_tls=0: with TLS scanning, LeakSanitizer's tracer crashes at the exit of processes
    //   whose threads hold dynamic TLS (GCC 12's runtime on glibc 2.36: "Tracer caught signal
    //   11"), and then checks nothing. Our thread_locals hold no heap pointers (a scratch
    //   array, a thread id), so no leak of ours can be missed or invented by skipping TLS.
    // exitcode=0: Node's own unfreed memory must not change the exit status of the processes
    //   the tests start; every leak is still written to the report files and counted below.
    LSAN_OPTIONS: 'report_objects=0 use_tls=0 exitcode=0',
    UBSAN_OPTIONS: `log_path=${logPath} print_stacktrace=1 halt_on_error=1`,
  };
  let failed = false;
  if (!values['no-suite']) {
    // Every test file but those NOT_RUN names, or the files asked for.
    let files;
    if (values.files) {
      files = values.files.split(',');
    } else {
      const all = readdirSync(join(packageDir, 'test')).filter((name) => name.endsWith('.test.ts')).sort();
      files = all.filter((name) => !(name in NOT_RUN)).map((name) => `test/${name}`);
      for (const [name, reason] of Object.entries(NOT_RUN)) log(`not run: ${name}: ${reason}`);
    }
    // ThreadSanitizer's runtime, preloaded, crashes the shell (dash and bash, glibc 2.36): a
    // test that starts a program through one then skips by its own probe; say which.
    if (spawnSync('sh', ['-c', 'true'], { env: { ...process.env, LD_PRELOAD: runtime, ASAN_OPTIONS: 'detect_leaks=0' } }).status !== 0) {
      log('sh crashes with this runtime preloaded, so under it disk-full.test.ts skips "on a small file system" (it mounts a tmpfs through sh)');
    }
    log(`running ${files.length} test files`);
    since = Date.now();
    // The sanitizers make native code several times slower (ThreadSanitizer most), so each
    // test and hook gets four times the suite's usual 30 s before vitest calls it hung.
    const timeouts = ['--testTimeout', '120000', '--hookTimeout', '120000'];
    const vitest = spawnSync(process.execPath, [join(packageDir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...timeouts, ...files], {
      cwd: packageDir,
      env,
      stdio: 'inherit',
    });
    log(`the suite ran in ${seconds(since)}`);
    if (vitest.status !== 0) {
      log(`the suite failed (exit ${vitest.status})`);
      failed = true;
    }
  }
  log(`fuzz: ${values.calls} calls on 3 threads`);
  since = Date.now();
  const fuzz = spawnSync(process.execPath, [join(packageDir, 'fuzz', 'run.mjs'), '--calls', values.calls, '--threads', '3', '--seed', '1'], {
    cwd: packageDir,
    env,
    stdio: 'inherit',
  });
  log(`the fuzz run took ${seconds(since)}`);
  if (fuzz.status !== 0) {
    log(`the fuzz run failed (exit ${fuzz.status})`);
    failed = true;
  }
  const found = reports(reportDir, libraries);
  for (const report of found.slice(0, 20)) process.stdout.write(`\n${report}\n`);
  log(`${found.length} report(s)`);
  if (found.length > 0 || failed) process.exit(1);
}

main().catch((error) => fail(error.stack || String(error)));
