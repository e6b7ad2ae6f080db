// Types of buffer-sizes-build.mjs, for the TypeScript tests.

/** The arguments that compile test/native/buffer_sizes.cc into `output` (buffer-sizes-build.mjs). */
export function bufferSizesArgs(output: string): string[];
