// The differential test's parts, for the in-process vitest test (test/differential.test.ts).
export { MISUSE_KINDS, generateProgram } from './generate.mjs';
export { Executor } from './execute.mjs';
export { isPinned, runOnBoth, shrink, formatTraces } from './compare.mjs';
export { firstDifference, subProgram } from './program.mjs';
export { ChildSide } from './sides.mjs';
