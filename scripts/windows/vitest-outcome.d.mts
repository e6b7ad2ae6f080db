// Types of vitest-outcome.mjs, for the tests.
export interface TestResult {
  file: string;
  name: string;
  status: string;
  messages: string[];
}

export interface RunOutcome {
  code: number | null;
  timedOut?: boolean;
  stdoutFile?: string;
  stderrFile?: string;
  resultsFile: string;
}

export function projectPath(root: string, name: string): string;
export function readReport(resultsFile: string): unknown;
export function collectTests(root: string, report: unknown): TestResult[];
export function filesNeverStarted(root: string, outcome: RunOutcome): { files: string[]; onlyErrors: boolean };
