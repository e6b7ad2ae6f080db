import { setCallerStack, type CallerStack } from './error-context.js';
import { native, resolveLibrarySetting, setResultPolling, type EngineInfo } from './native.js';

export type { EngineInfo } from './native.js';

export interface ConfigureOptions {
  /**
   * The ESE engine library: 'system' (System32's ESENT.dll, the Windows default),
   * 'emulator' (this package's emulator, the default elsewhere) or a path to a library
   * exporting the JET functions. The environment variable ESENT_LIBRARY sets the same
   * thing at startup.
   */
  library?: string;
  /**
   * How a rejected facade call finds the frames of the code that made it
   * (docs/api.md, "What a rejected call tells"): 'await' (the default) looks for them once
   * the call has failed, in the chain of async functions awaiting it, at no cost to calls
   * that succeed; 'call' captures the caller's whole stack at every call. May be changed at
   * any time; it applies to calls made from then on, in this JavaScript environment.
   */
  callerStack?: CallerStack;
  /**
   * Whether the event loop polls for the results of short session calls (the default, true):
   * after such a call it keeps looking for finished calls, an immediate at a time, for up to
   * 50 µs with nothing finishing, instead of sleeping until an engine thread wakes it. An
   * awaited call then comes back several microseconds sooner, for a core kept busy meanwhile.
   * false: always sleep until woken. Applies to this JavaScript environment (the main
   * thread or one Worker), from its next call on.
   */
  resultPolling?: boolean;
}

/**
 * Chooses the engine library before first use, how errors find their caller's frames, and
 * whether the event loop polls for results.
 * The library is process-wide and loaded once; configuring a different one after that
 * throws (code 'ERR_ESENT_ALREADY_LOADED'), and then nothing of `options` is applied.
 */
export function configure(options: ConfigureOptions): EngineInfo {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('configure: options must be an object');
  }
  if (options.callerStack !== undefined && options.callerStack !== 'await' && options.callerStack !== 'call') {
    throw new TypeError("configure: 'callerStack' must be 'await' or 'call'");
  }
  if (options.resultPolling !== undefined && typeof options.resultPolling !== 'boolean') {
    throw new TypeError("configure: 'resultPolling' must be a boolean");
  }
  if (options.library !== undefined) {
    if (typeof options.library !== 'string' || options.library === '') {
      throw new TypeError("configure: 'library' must be a non-empty string");
    }
    const path = resolveLibrarySetting(options.library);
    if (!native.setLibraryPath(path)) {
      const current = native.engineInfo();
      if (current.path !== path) {
        const error = new Error(
          `configure: the ESE library '${current.path}' is already loaded in this process; ` +
            'configure({ library }) must run before the first call',
        );
        Object.assign(error, { code: 'ERR_ESENT_ALREADY_LOADED' });
        throw error;
      }
    }
  }
  if (options.callerStack !== undefined) setCallerStack(options.callerStack);
  if (options.resultPolling !== undefined) setResultPolling(options.resultPolling);
  return native.engineInfo();
}

/** Which engine library is (or will be) used, and whether it is loaded. */
export function engineInfo(): EngineInfo {
  return native.engineInfo();
}

/** Loads the configured engine library now rather than on first use. */
export function loadEngine(): EngineInfo {
  return native.loadEngine();
}
