// Types of index.mjs, for the TypeScript tests.

/** An argument in engine-independent form (see program.mjs). */
export type ProgramArg = unknown;

export interface ProgramCall {
  id: number;
  t: number;
  fn: string;
  args: ProgramArg[];
  out?: string;
  outColumns?: string[];
  /** Why the call is not made (its answer is undefined on ESE); its line says so. */
  unrun?: string;
  note?: string;
}

export interface Program {
  seed: number;
  options: { length: number; threads: number; misuse: string[] };
  calls: ProgramCall[];
}

export interface RunResult {
  lines: string[];
  cleanup: string;
  crashed?: string;
}

export interface Side {
  label: string;
  run(program: Program): Promise<RunResult>;
  /** Ends the side's process, so that its next run starts a fresh one (absent: nothing to end). */
  stop?(): Promise<void>;
}

export const MISUSE_KINDS: readonly string[];
export function generateProgram(seed: number, options?: { length?: number; threads?: number; misuse?: readonly string[]; extended?: boolean }): Program;

export class Executor implements Omit<Side, 'label'> {
  static create(options?: { threads?: number }): Promise<Executor>;
  readonly threads: number;
  readonly folder: string;
  run(program: Program, options?: { onLine?: (index: number, line: string) => void }): Promise<RunResult>;
  close(): Promise<void>;
}

export class ChildSide implements Side {
  constructor(spec: string, options?: { threads?: number; startTimeout?: number; callTimeout?: number });
  readonly label: string;
  readonly starts: number;
  hello: { engine: { path: string; isEmulator: boolean }; platform: string; pid: number } | null;
  start(): Promise<void>;
  run(program: Program): Promise<RunResult>;
  stop(options?: { force?: boolean }): Promise<void>;
}

/** A call the shrinker always keeps: a system parameter putting an instance's files in the run's folder. */
export function isPinned(call: ProgramCall): boolean;
export function runOnBoth(sides: [Side, Side], program: Program): Promise<{ a: RunResult; b: RunResult; index: number }>;
export function shrink(
  sides: [Side, Side],
  program: Program,
  targetId: number,
  options?: { maxRuns?: number; deadline?: number; onProgress?: (progress: { calls: number; runs: number }) => void },
): Promise<{ program: Program; runs: number; complete: boolean }>;
export function formatTraces(labels: [string, string], a: string[], b: string[]): string;
export function firstDifference(a: string[], b: string[]): number;
export function subProgram(program: Program, ids: number[]): Program;
