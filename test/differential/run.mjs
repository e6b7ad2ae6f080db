#!/usr/bin/env node
// The differential test (docs/differential.md): runs seeded random programs of raw `jet`
// calls on two engines, each in its own process, and compares every outcome. A mismatch is
// shrunk to the shortest call sequence that shows it and printed with its seed.
//
// Usage: node test/differential/run.mjs [options]
//   --a SPEC, --b SPEC   the sides (default node:emulator and wine:emulator; see sides.mjs);
//                        wine:ese is ESE's engine built from source (npm run build:ese, cached)
//   --minutes M          run seeds for M minutes (default 3; the build and the sides' start-up not counted) ...
//   --seeds N            ... or N seeds, whichever ends first
//   --start S            the first seed (default 1); seeds run S, S+1, ...
//   --seed S             only seed S
//   --seed-list LIST     exactly these seeds, LIST as 1-22,24,30-34 (no time limit; a
//                        mismatch does not stop the others); npm run test:differential:ese
//                        runs the seeds that agree with ESE's engine this way
//   --length L           calls per program (default 200)
//   --threads T          threads per side, the main one included (default 3)
//   --no-misuse KIND     leave out a kind of deliberate misuse (repeatable; see generate.mjs)
//   --extended           the extended generator: schema change, catalog and position calls
//                        on top of the others (another program for each seed; generate.mjs)
//   --keep-going         after a mismatch, go on with the next seeds
//   --no-shrink          report mismatches unshrunk
//   --shrink-minutes M   time for shrinking one mismatch (default 15)
//   --replay FILE        run a saved program (.cache/differential/*.json) on both sides and print both traces
//   --no-build           do not run the win32 cross-build before a wine side
// Exit status: 0 when the sides agreed on every seed, 1 on a mismatch, 2 on a setup failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

import { ROOT } from '../../scripts/windows/common.mjs';
import { formatTraces, restartBoth, runOnBoth, shrink, sidesLeftDirty } from './compare.mjs';
import { DEFAULT_OPTIONS, MISUSE_KINDS, generateProgram } from './generate.mjs';
import { ChildSide, LOG_DIR, parseSideSpec } from './sides.mjs';

const { values } = parseArgs({
  options: {
    a: { type: 'string', default: 'node:emulator' },
    b: { type: 'string', default: 'wine:emulator' },
    minutes: { type: 'string', default: '3' },
    seeds: { type: 'string' },
    start: { type: 'string', default: '1' },
    seed: { type: 'string' },
    'seed-list': { type: 'string' },
    length: { type: 'string', default: String(DEFAULT_OPTIONS.length) },
    threads: { type: 'string', default: String(DEFAULT_OPTIONS.threads) },
    'no-misuse': { type: 'string', multiple: true, default: [] },
    extended: { type: 'boolean', default: false },
    'keep-going': { type: 'boolean', default: false },
    'no-shrink': { type: 'boolean', default: false },
    'shrink-minutes': { type: 'string', default: '15' },
    replay: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

const print = (text = '') => process.stdout.write(`${text}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function integer(name, text, min = 0) {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    print(`differential: --${name} must be an integer >= ${min}, got '${text}'`);
    process.exit(2);
  }
  return value;
}

/** '1-22,24,30-34' as [1, ..., 22, 24, 30, ..., 34]; null, after printing why, if malformed. */
function parseSeedList(text) {
  const seeds = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const from = match && Number(match[1]);
    const to = match && (match[2] === undefined ? from : Number(match[2]));
    if (!match || !Number.isSafeInteger(to) || to < from) {
      print(`differential: --seed-list: '${part}' is not a seed or a range FROM-TO (FROM <= TO)`);
      return null;
    }
    for (let seed = from; seed <= to; seed++) seeds.push(seed);
  }
  return seeds;
}

/** The seeds as ranges again, for the summary line. */
function describeSeeds(seeds) {
  const ranges = [];
  for (const seed of seeds) {
    const last = ranges.at(-1);
    if (last && seed === last[1] + 1) last[1] = seed;
    else ranges.push([seed, seed]);
  }
  return ranges.map(([from, to]) => (from === to ? `${from}` : `${from}..${to}`)).join(', ');
}

function save(name, program) {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = join(LOG_DIR, name);
  writeFileSync(file, `${JSON.stringify(program, null, 1)}\n`);
  return relative(ROOT, file);
}

// wine:ese names the DLL of scripts/ese/build.mjs, built here when its cache lacks it.
async function resolveEse(spec) {
  if (spec.where !== 'wine' || spec.library !== 'ese') return spec;
  const { buildEseDll } = await import('../../scripts/ese/lib/pipeline.mjs');
  return parseSideSpec(`wine:${await buildEseDll({ quiet: true })}`);
}

async function main() {
  let specs;
  try {
    specs = await Promise.all([values.a, values.b].map((spec) => resolveEse(parseSideSpec(spec))));
  } catch (error) {
    print(`differential: ${error.message}`);
    return 2;
  }
  const threads = integer('threads', values.threads, 1);
  const seedList = values['seed-list'] === undefined ? null : parseSeedList(values['seed-list']);
  if (seedList === null && values['seed-list'] !== undefined) return 2;
  if (specs.some((spec) => spec.where === 'wine') && !values['no-build']) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'prebuild.mjs'), 'win32-x64'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      print('differential: the win32 cross-build failed');
      return 2;
    }
  }
  const sides = specs.map((spec) => new ChildSide(spec.label, { threads }));
  try {
    await Promise.all(sides.map((side) => side.start()));
  } catch (error) {
    print(`differential: ${error.message}`);
    for (const side of sides) print(side.logTail());
    await Promise.all(sides.map((side) => side.stop()));
    return 2;
  }
  for (const side of sides) {
    const { engine, platform, arch, node } = side.hello;
    print(`[differential] ${side.label}: ${node} ${platform}-${arch}, engine ${engine.path}${engine.isEmulator ? ' (emulator)' : ''}`);
  }
  try {
    return values.replay ? await replay(sides) : await search(sides, threads, seedList);
  } finally {
    await Promise.all(sides.map((side) => side.stop()));
  }
}

async function replay(sides) {
  const program = JSON.parse(readFileSync(values.replay, 'utf8'));
  const { a, b, index } = await runOnBoth(sides, program);
  print(formatTraces(sides.map((s) => s.label), a.lines, b.lines));
  print(index < 0 ? 'differential: the sides agree' : `differential: first difference at call #${program.calls[index]?.id}`);
  return index < 0 ? 0 : 1;
}

async function search(sides, threads, seedList) {
  const misuse = MISUSE_KINDS.filter((kind) => !values['no-misuse'].includes(kind));
  for (const kind of values['no-misuse']) if (!MISUSE_KINDS.includes(kind)) throw new Error(`unknown misuse kind '${kind}'`);
  const options = { length: integer('length', values.length, 1), threads, misuse, extended: values.extended };
  const single = values.seed !== undefined;
  const first = seedList ? seedList[0] : integer(single ? 'seed' : 'start', single ? values.seed : values.start);
  const maxSeeds = seedList ? seedList.length : single ? 1 : values.seeds !== undefined ? integer('seeds', values.seeds, 1) : Infinity;
  const minutes = Number(values.minutes);
  if (!(minutes >= 0)) throw new Error(`--minutes must be a number >= 0, got '${values.minutes}'`);
  // The time budget counts from here: builds and Wine's start-up are not part of it.
  const deadline = single || seedList ? Infinity : Date.now() + minutes * 60_000;
  const keepGoing = values['keep-going'] || seedList !== null;
  const which = seedList ? `seeds ${describeSeeds(seedList)}` : `seeds from ${first}`;
  print(`[differential] ${sides[0].label} vs ${sides[1].label}: ${which}, ${options.length} calls each, ${threads} threads, misuse: ${misuse.join(', ') || 'none'}${options.extended ? ', extended generator' : ''}`);

  let seeds = 0;
  let calls = 0;
  let mismatches = 0;
  let restarts = 0;
  // Seeds whose calls mostly had no handle to run with (an instance that never started, say).
  // A few are in any batch; many in a row say a process has lost the ability to run programs.
  let idle = 0;
  // At least one seed, however small the budget.
  const ran = [];
  for (let seed = first; seeds < maxSeeds && (seeds === 0 || Date.now() < deadline); seed = seedList ? seedList[seeds] : seed + 1) {
    const program = generateProgram(seed, options);
    const { a, b, index } = await runOnBoth(sides, program);
    seeds++;
    ran.push(seed);
    calls += program.calls.length;
    if (b.lines.filter((line) => line.endsWith(' -> skip')).length * 2 > program.calls.length) idle++;
    for (const [side, result] of [[sides[0], a], [sides[1], b]]) {
      if (result.crashed) print(`[differential] seed ${seed}: ${side.label} ${result.crashed}`);
    }
    const dirty = sidesLeftDirty(sides, { a, b });
    for (const { side, result } of dirty) {
      print(`[differential] seed ${seed}: ${side.label} cleanup ${result.cleanup}; restarting both sides`);
    }
    if (dirty.length > 0) {
      // Leftovers could leak into the next program.
      await restartBoth(sides);
      restarts++;
    }
    if (index < 0) {
      if (seeds % 10 === 0) print(`[differential] ${seeds} seeds, ${calls} calls, ${elapsed()}`);
      continue;
    }
    mismatches++;
    await report(sides, seed, program, index, a.lines, b.lines);
    if (!keepGoing) break;
  }
  print(
    `differential: ${seeds} seeds (${describeSeeds(ran)}), ${calls} calls, ${mismatches} mismatch(es), ` +
      `${restarts} restart(s) of both sides, ${idle} seed(s) with most calls skipped, ${elapsed()}`,
  );
  return mismatches ? 1 : 0;
}

async function report(sides, seed, program, index, linesA, linesB) {
  const labels = sides.map((s) => s.label);
  const call = program.calls[index];
  print(`\nMISMATCH: seed ${seed}, call #${call.id} of ${program.calls.length}`);
  print(`  ${labels[0]}: ${linesA[index] ?? '(no line)'}`);
  print(`  ${labels[1]}: ${linesB[index] ?? '(no line)'}`);
  print(`  whole program: ${save(`seed-${seed}.json`, program)}`);
  if (values['no-shrink']) return;
  const shrinkStarted = Date.now();
  let last = 0;
  const result = await shrink(sides, program, call.id, {
    deadline: shrinkStarted + Number(values['shrink-minutes']) * 60_000,
    onProgress: ({ calls, runs }) => {
      if (Date.now() - last > 5000) {
        last = Date.now();
        print(`  shrinking: ${calls} calls after ${runs} runs`);
      }
    },
  });
  const seconds = ((Date.now() - shrinkStarted) / 1000).toFixed(1);
  const minimal = result.program;
  print(
    `  shrunk to ${minimal.calls.length} call(s) in ${result.runs} runs, ${seconds} s` +
      (result.complete ? '' : ' (stopped by the shrink budget: may not be minimal)'),
  );
  // The shortest sequence runs on fresh processes, as a replay would, whatever the last
  // candidate left in them.
  await restartBoth(sides);
  const { a, b } = await runOnBoth(sides, minimal);
  print(`  shortest sequence (seed ${seed}; replay: --replay ${save(`seed-${seed}-min.json`, minimal)}):`);
  print(formatTraces(labels, a.lines, b.lines));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    print(`differential: ${error.stack ?? error}`);
    process.exit(2);
  },
);
