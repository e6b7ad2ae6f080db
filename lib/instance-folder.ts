// Where an instance keeps its system, log and temporary files, and making sure that folder
// can be used before the engine is asked to.

import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, parse, resolve, sep, win32 } from 'node:path';

// Folders of the operating system itself: a process started there (a Windows service
// starts in System32, a systemd service in /) has not chosen them for its data.
const POSIX_SYSTEM_FOLDERS = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/proc', '/run', '/sbin', '/sys', '/usr'];

function isInside(child: string, parent: string, caseless: boolean): boolean {
  const c = caseless ? child.toLowerCase() : child;
  const p = caseless ? parent.toLowerCase() : parent;
  return c === p || c.startsWith(p.endsWith(sep) ? p : p + sep);
}

/** Whether `folder` is a system folder, where no instance files should go by default. */
export function isSystemFolder(folder: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') {
    const windowsDir = process.env.SystemRoot ?? process.env.windir ?? 'C:\\Windows';
    return win32.parse(folder).root === folder || isInside(folder, windowsDir, true);
  }
  return folder === '/' || POSIX_SYSTEM_FOLDERS.some((system) => isInside(folder, system, false));
}

/**
 * The instance folder when `path` is not given: the working directory, unless that is a
 * system folder; then a folder of the user's own: `%LOCALAPPDATA%\esent` on Windows,
 * `$XDG_STATE_HOME/esent` (`~/.local/state/esent`) elsewhere.
 */
export function defaultInstanceFolder(): string {
  const cwd = process.cwd();
  if (!isSystemFolder(cwd)) return cwd;
  if (process.platform === 'win32') {
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'esent');
  }
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'esent');
}

function folderError(option: string, folder: string, reason: string, cause?: NodeJS.ErrnoException): Error {
  const error = new Error(`Instance.create: cannot use '${folder}' (${option}) as a folder: ${reason}`, { cause });
  return Object.assign(error, { code: cause?.code ?? 'ENOTDIR', path: folder });
}

/**
 * Makes `folder` exist and checks that it is a writable folder. Each missing level is made
 * on its own: Node's recursive mkdir never returns on some file systems (in /proc it retries
 * forever), and a failure here names the folder and the reason at once.
 */
export async function prepareFolder(option: string, folder: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(current)).isDirectory();
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT') throw folderError(option, folder, e.message, e);
      missing.push(current);
      const parent = dirname(current);
      if (parent === current || parse(current).root === current) break;
      current = parent;
      continue;
    }
    if (!isFolder) throw folderError(option, folder, `'${current}' is a file, not a folder`);
    break;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'EEXIST') throw folderError(option, folder, e.message, e);
    }
  }
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw folderError(option, folder, e.message, e);
  }
}
