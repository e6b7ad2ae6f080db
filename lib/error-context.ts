// What a rejected facade call carries besides the engine's code: the frames of the code
// that made the call, and what the call was about.
//
// The frames: a call runs on an engine thread and its error is made in a native callback,
// so the error's own stack holds no frame of the caller. A rejection gets the caller's
// frames in place of its own, under its own "Name: message" line, found one of two ways
// (configure({ callerStack })):
//   'await' (the default): when the call fails, from V8's async stack trace: the async
//     functions awaiting the call, each at its await, up the chain. Nothing is captured
//     while calls succeed, which is what makes it the default: a capture at every call
//     costs more than the rest of a point read's JavaScript work (docs/performance.md).
//   'call': when the call is made, the caller's whole synchronous stack, as Node's own
//     promise APIs do; it also names callers that return the promise without awaiting it.
//
// The context: `path` (a database file or the instance folder), `table`, `index`, `column`,
// and for a duplicate key the `index` and the `key` values. Each is set as a property and
// named in the message.

import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ErrorContext {
  path?: string;
  table?: string;
  index?: string;
  column?: string;
  /** The values of the key columns, by column name. */
  key?: Record<string, unknown>;
}

/** The caller's stack, captured when a call is made; or, in 'await' mode, found when it fails. */
export interface CallSite {
  readonly stack?: string;
}

/** How a facade call finds its caller's frames (see above). */
export type CallerStack = 'await' | 'call';

let captureAtCall = false;

export function setCallerStack(mode: CallerStack): void {
  captureAtCall = mode === 'call';
}

export function callerStack(): CallerStack {
  return captureAtCall ? 'call' : 'await';
}

// The site of every call in 'await' mode: its frames are looked for once it fails.
const atFailure: CallSite = Object.freeze({});

// Frames of this package above the caller's when the stack is taken at failure: room for
// them on top of Error.stackTraceLimit, so that the caller keeps as many frames as it asked.
const ownFramesRoom = 16;

// This package's own frames (dist/ compiled, lib/ when run from source) are left out.
// A frame names its file as a path or as a file: URL; on Windows the URL's form has forward
// slashes (file:///C:/...), so both spellings of the folder are looked for.
const ownFolder = dirname(fileURLToPath(import.meta.url)) + sep;
const ownFolderSpellings = [...new Set([ownFolder, ownFolder.replaceAll('\\', '/')])];

/**
 * In 'call' mode, captures the stack of the code calling `fn` (fn's frame and those above it
 * are dropped); in 'await' mode, captures nothing.
 */
export function callSite(fn: (...args: never[]) => unknown): CallSite {
  if (!captureAtCall) return atFailure;
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, fn);
  return site;
}

// The stack here, with the async functions awaiting the promise whose reaction is running
// (V8 follows the chain from a promise reaction job to the awaits on it).
function stackHere(): string | undefined {
  const limit = Error.stackTraceLimit;
  const here: { stack?: string } = {};
  if (typeof limit === 'number') Error.stackTraceLimit = limit + ownFramesRoom;
  try {
    Error.captureStackTrace(here, stackHere);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return here.stack;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

// The message as it was before any context was added, and the words added so far: each
// addContext rewrites one "(...)" group at the end, in the order of `order`.
const contextWords = Symbol('esent.contextWords');
const order = ['path', 'table', 'index', 'column', 'key'] as const;

/**
 * Sets what is known of `context` on `error` (each property once: the innermost call that
 * knew it wins) and names it in the message. Returns the error.
 */
export function addContext<E>(error: E, context: ErrorContext): E {
  if (!(error instanceof Error)) return error;
  const target = error as Error & ErrorContext & { [contextWords]?: { base: string; words: Map<string, string> } };
  let added = false;
  const state = target[contextWords] ?? { base: target.message, words: new Map<string, string>() };
  for (const name of order) {
    const value = context[name];
    if (value === undefined || target[name] !== undefined) continue;
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
    state.words.set(
      name,
      name === 'key'
        ? `key { ${Object.entries(value as Record<string, unknown>).map(([column, part]) => `${column}: ${describe(part)}`).join(', ')} }`
        : `${name} '${String(value)}'`,
    );
    added = true;
  }
  if (added) {
    Object.defineProperty(target, contextWords, { value: state, enumerable: false, configurable: true });
    const header = `${target.name}: ${target.message}`;
    const stack = target.stack;
    const words = order.filter((name) => state.words.has(name)).map((name) => state.words.get(name)!);
    target.message = `${state.base} (${words.join(', ')})`;
    // The stack's first line was made from the old message: it names the context too.
    if (typeof stack === 'string' && stack.startsWith(header)) {
      target.stack = `${target.name}: ${target.message}${stack.slice(header.length)}`;
    }
  }
  return error;
}

/**
 * Gives `error` the caller's frames from `site` in place of its own. An error that passes
 * through a facade call made by another (Database.detach calling session.detachDatabase)
 * ends with the frames of the outer one, the call the user made.
 */
export function atCallSite<E>(error: E, site: CallSite): E {
  if (!(error instanceof Error)) return error;
  const stack = site === atFailure ? stackHere() : site.stack;
  if (!stack) return error;
  const limit = Error.stackTraceLimit;
  const frames = stack
    .split('\n')
    .slice(1)
    .filter((line) => !ownFolderSpellings.some((folder) => line.includes(folder)))
    .slice(0, typeof limit === 'number' ? Math.max(0, limit) : undefined);
  error.stack = `${error.name}: ${error.message}\n${frames.join('\n')}`;
  return error;
}

/** A rejection handler that joins the caller's frames and context, then rethrows. */
export function rethrowAt(site: CallSite, context?: ErrorContext): (error: unknown) => never {
  return (error: unknown) => {
    if (context) addContext(error, context);
    throw atCallSite(error, site);
  };
}
