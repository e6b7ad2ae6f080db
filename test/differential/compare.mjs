// Comparing two sides on a program, and shrinking a program that shows a difference to the
// shortest call sequence that still shows it.
import { firstDifference, referencedSymbols, subProgram } from './program.mjs';

/** Runs `program` on both sides at once; `index` is the first differing line, or -1. */
export async function runOnBoth([a, b], program) {
  const [resultA, resultB] = await Promise.all([a.run(program), b.run(program)]);
  return { a: resultA, b: resultB, index: firstDifference(resultA.lines, resultB.lines) };
}

/** The sides whose run (a runOnBoth result) left something its cleanup could not undo. */
export function sidesLeftDirty(sides, { a, b }) {
  return [
    [sides[0], a],
    [sides[1], b],
  ]
    .filter(([, result]) => result.cleanup !== 'ok' && result.cleanup !== 'forced')
    .map(([side, result]) => ({ side, result }));
}

/**
 * Starts both sides' processes afresh. Both, not only a side left dirty: what a program
 * leaves in its process (global system parameters set with no instance running, an instance
 * the cleanup could not end) must be the same on both for the next program.
 */
export async function restartBoth(sides) {
  await Promise.all(sides.map((side) => side.stop?.()));
}

/**
 * A call the shrinker never leaves out: a system parameter that puts an instance's files
 * (system, log and temporary paths) in the run's own folder. Without it the engine writes
 * them in the side process's working folder, which every run of the process shares, and a run
 * then depends on what earlier runs left there (a log that names their databases).
 */
export function isPinned(call) {
  const value = call.fn === 'JetSetSystemParameter' ? call.args[4] : undefined;
  return typeof value === 'object' && value !== null && 'dir' in value;
}

/**
 * Shrinks `program`, whose call `targetId` differs between the sides, to a 1-minimal
 * program: one where that call still differs (and differs first), while leaving out any
 * single other call makes it agree there (pinned calls, see isPinned, stay). Delta debugging over complements: drop ever
 * smaller chunks of calls while the difference stays.
 *
 * Calls whose symbols are no longer bound (their creating call was dropped) are skipped by
 * the executor, so every subsequence is a valid program.
 *
 * Returns { program, runs, complete }: `complete` is false when `maxRuns` or `deadline`
 * (a Date.now() value) cut the search short; the program is then the shortest found.
 */
export async function shrink(sides, program, targetId, { maxRuns = 4000, deadline = Infinity, onProgress } = {}) {
  const target = program.calls.find((call) => call.id === targetId);
  if (!target) throw new Error(`call ${targetId} is not in the program`);
  let runs = 0;
  const seen = new Map();
  const budgetLeft = () => runs < maxRuns && Date.now() < deadline;

  const stillDiffers = async (ids) => {
    const key = ids.join(',');
    if (seen.has(key)) return seen.get(key);
    runs++;
    const candidate = subProgram(program, [...ids, ...pinned, targetId]);
    const outcome = await runOnBoth(sides, candidate);
    // A candidate can leave what a whole program would not (an instance it cut the term of):
    // the next candidate must not start from it.
    if (sidesLeftDirty(sides, outcome).length > 0) await restartBoth(sides);
    const { index } = outcome;
    const differs = index >= 0 && candidate.calls[index]?.id === targetId;
    seen.set(key, differs);
    return differs;
  };

  const pinned = program.calls.filter((call) => call.id < targetId && isPinned(call)).map((call) => call.id);
  let kept = program.calls.filter((call) => call.id < targetId && !isPinned(call)).map((call) => call.id);
  // One cheap first guess, often most of the work: only the calls on the target's handles.
  const related = relatedCalls(program, target)
    .filter((call) => !isPinned(call))
    .map((call) => call.id);
  if (related.length < kept.length && (await stillDiffers(related))) {
    kept = related;
    onProgress?.({ calls: kept.length + 1, runs });
  }
  let chunks = 2;
  let complete = true;
  while (kept.length > 0) {
    if (!budgetLeft()) {
      complete = false;
      break;
    }
    const size = Math.ceil(kept.length / chunks);
    let reduced = false;
    for (let start = 0; start < kept.length && budgetLeft(); start += size) {
      const without = [...kept.slice(0, start), ...kept.slice(start + size)];
      if (await stillDiffers(without)) {
        kept = without;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        onProgress?.({ calls: kept.length + 1, runs });
        break;
      }
    }
    if (reduced) continue;
    if (!budgetLeft()) {
      complete = false;
      break;
    }
    if (size === 1) break; // no single call can go: 1-minimal
    chunks = Math.min(chunks * 2, kept.length);
  }
  return { program: subProgram(program, [...kept, ...pinned, targetId]), runs, complete };
}

/**
 * The calls before `target` that work only on the handles `target` needs: the symbols it
 * refers to, the symbols their creating calls refer to, and so on.
 */
function relatedCalls(program, target) {
  const creators = new Map();
  for (const call of program.calls) for (const sym of [call.out, ...(call.outColumns ?? [])]) if (sym) creators.set(sym, call);
  const needed = new Set();
  const pending = referencedSymbols(target);
  while (pending.length) {
    const sym = pending.pop();
    if (needed.has(sym)) continue;
    needed.add(sym);
    const creator = creators.get(sym);
    if (creator) pending.push(...referencedSymbols(creator));
  }
  return program.calls.filter((call) => {
    if (call.id >= target.id) return false;
    if ([call.out, ...(call.outColumns ?? [])].some((sym) => sym && needed.has(sym))) return true;
    const refs = referencedSymbols(call);
    return refs.length > 0 && refs.every((sym) => needed.has(sym));
  });
}

/** Side-by-side text of two traces, the differing lines marked. */
export function formatTraces(labels, a, b) {
  const out = [];
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] === b[i]) out.push(`    ${a[i]}`);
    else {
      out.push(`  ${labels[0]}: ${a[i] ?? '(no line)'}`);
      out.push(`  ${labels[1]}: ${b[i] ?? '(no line)'}`);
    }
  }
  return out.join('\n');
}
