/**
 * Shared file access for the filesystem and file-hash functions: path resolution against
 * the module directory with `~` expansion, and Terraform's error messages.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { FunctionError } from './function.js';

/** go-homedir's Expand: `~` and `~/...` only. */
export function expandHome(p: string): string {
  if (!p.startsWith('~')) return p;
  if (p.length > 1 && p[1] !== '/' && p[1] !== '\\') throw new FunctionError('failed to expand ~: cannot expand user-specific home dir');
  return path.join(homedir(), p.slice(1));
}

/** The absolute, cleaned path a function argument refers to. */
export function resolvePath(baseDir: string, p: string): string {
  let full = expandHome(p);
  if (!path.isAbsolute(full)) full = path.join(baseDir, full);
  return path.normalize(full);
}

/** `value` quoted like Go's %q, or `(sensitive value)`. */
export function redact(value: string, sensitive: boolean): string {
  return sensitive ? '(sensitive value)' : JSON.stringify(value);
}

/** Reads a file for file(), filebase64() and the hash functions. */
export function readFileBytes(baseDir: string, p: string, sensitive = false): Buffer {
  const full = resolvePath(baseDir, p);
  try {
    return readFileSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new FunctionError(`no file exists at ${redact(p, sensitive)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`, 0);
    }
    if (code === 'EISDIR') throw new FunctionError(`failed to read file: read ${full}: is a directory`, 0);
    throw new FunctionError(`open ${full}: ${(e as Error).message}`, 0);
  }
}
