// Finds and loads the compiled addon: build/Release when the package was built from source,
// otherwise the prebuild in prebuilds/<platform>-<arch>/ that fits (node-gyp-build's choice).
// When none fits, or the one found cannot be loaded, the error names the platform and says
// what to run, instead of node-gyp-build's bare "No native build was found".

import { createRequire } from 'node:module';

import { bindingError } from './binding-errors.js';

const require = createRequire(import.meta.url);
const nodeGypBuild = require('node-gyp-build') as ((dir: string) => unknown) & { path(dir: string): string };

/** What the package's install script needs to build from source, per platform. */
function toolchainAdvice(): string {
  switch (process.platform) {
    case 'win32':
      return 'Python 3 and Visual Studio 2019 or later with the "Desktop development with C++" workload';
    case 'darwin':
      return 'Python 3 and the Xcode Command Line Tools (xcode-select --install)';
    default:
      return 'Python 3, make and a C++17 compiler (Debian/Ubuntu: apt-get install python3 make g++; Alpine: apk add python3 make g++)';
  }
}

/**
 * The platform as node-gyp-build matches prebuilds (with the same npm_config_platform and
 * npm_config_arch overrides): platform-arch, and the C library on Linux.
 */
function platformTag(): string {
  const platform = process.env.npm_config_platform || process.platform;
  const tag = `${platform}-${process.env.npm_config_arch || process.arch}`;
  if (platform !== 'linux' || process.platform !== 'linux') return tag;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const glibc = report?.header?.glibcVersionRuntime;
  return `${tag} (${glibc ? `glibc ${glibc}` : 'musl'})`;
}

function howToBuild(): string {
  return (
    `Build it from source with \`npm rebuild esent\` in your project (pnpm: \`pnpm rebuild esent\`), which needs ` +
    `${toolchainAdvice()}. If your package manager skips install scripts (--ignore-scripts, ` +
    `pnpm, bun, allowScripts), allow them for esent, or run that command after installing.`
  );
}

/** Loads the addon of the package at `packageRoot`; returns it with the file it came from. */
export function loadAddon<T>(packageRoot: string): { addon: T; path: string } {
  let path: string;
  try {
    path = nodeGypBuild.path(packageRoot);
  } catch (cause) {
    throw Object.assign(
      bindingError(
        'ERR_ESENT_NO_BUILD',
        `esent has no native addon for ${platformTag()}, Node ${process.versions.node}: no prebuild in the package ` +
          `fits this platform, and none was built when it was installed. ${howToBuild()}`,
      ),
      { cause },
    );
  }
  try {
    return { addon: require(path) as T, path };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw Object.assign(
      bindingError(
        'ERR_ESENT_NO_BUILD',
        `esent's native addon for ${platformTag()} (${path}) cannot be loaded: ${reason.trim()}. ${howToBuild()}`,
      ),
      { cause },
    );
  }
}
