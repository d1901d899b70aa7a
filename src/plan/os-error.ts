/**
 * Terraform prints a failed file operation as Go's *PathError does (`stat PATH: no such file
 * or directory`), naming the path as the user gave it; Node's messages read differently.
 */

const GO_ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory', ENOTDIR: 'not a directory', EISDIR: 'is a directory',
  EACCES: 'permission denied', EROFS: 'read-only file system', ENOSPC: 'no space left on device',
};

/** `OP PATH: reason`, as Go's os package words an error of `op` ("open", "stat") on `path`. */
export function goPathError(op: string, path: string, err: NodeJS.ErrnoException): string {
  return `${op} ${path}: ${GO_ERRNO_TEXT[err.code ?? ''] ?? err.message}`;
}
