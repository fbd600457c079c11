import { InputError } from '../core/input-error.js';

/**
 * Runs `write`, turning a file-system error (no such directory, permission denied, a file
 * in the way) into an {@link InputError} that names the path: the user can fix it.
 */
export function fileErrorsAsInput<T>(path: string, what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new InputError(`${what}: ${REASONS[code] ?? code}`, { file: path });
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on the device',
};
