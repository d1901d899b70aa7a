/**
 * The file `plan -generate-config-out=PATH` writes, as Terraform writes it: a header, then
 * one `resource` block per imported instance, each under a comment naming the import id.
 * The comments are Terraform's byte for byte (`# __generated__ by Terraform` is a marker
 * tools look for), so a file terrane writes is the file Terraform would write.
 */
import { existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorDiag, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { goQuote } from '../hcl/go-format.js';
import { goPathError } from './os-error.js';

/** The marker Terraform puts at the top of generated files and above each generated block. */
export const GENERATED_MARKER = '# __generated__ by Terraform';

/** The first lines of a generated file. */
export const GENERATED_FILE_HEADER = `${GENERATED_MARKER}\n# Please review these resources and move them into your main configuration files.\n`;

/** One generated resource block: the instance it is for, its import id and its HCL. */
export interface GeneratedResource {
  addr: string;
  importId?: string;
  /** The formatted `resource "type" "name" { ... }` block, without a final newline. */
  config: string;
}

/** The whole text of a generated file (what Terraform writes, in the order given). */
export function generatedFileText(entries: readonly GeneratedResource[]): string {
  let s = GENERATED_FILE_HEADER;
  for (const e of entries) s += generatedEntryText(e);
  return s;
}

function generatedEntryText(e: GeneratedResource): string {
  return `\n${GENERATED_MARKER}${e.importId ? ` from ${goQuote(e.importId)}` : ''}\n${e.config}\n`;
}

/** Terraform writes only into a new file: an error when `path` (relative to `dir`) exists. */
export function validateTargetFile(path: string, dir = process.cwd()): Diagnostic[] {
  if (!existsSync(resolve(dir, path))) return [];
  return [errorDiag('Target generated file already exists',
    'terrane can only write generated config into a new file. Either choose a different target location or move all existing configuration out of the target file, delete it and try again.')];
}

/** The warning shown whenever a file was written. */
export function experimentalWarning(): Diagnostic {
  return warningDiag('Config generation is experimental',
    'Generating configuration during import is currently experimental, and the generated configuration format may change in future versions.');
}

/**
 * Writes the generated configuration to `path` (a new file; nothing is created when there
 * is nothing to write). Returns whether a file was written, with Terraform's diagnostics:
 * the experimental-feature warning after a write, errors when the file exists or cannot be
 * created. A relative `path` is taken from `dir`; messages show it as given.
 */
export function writeGeneratedConfig(path: string, entries: readonly GeneratedResource[], dir = process.cwd()): { wrote: boolean; diags: Diagnostic[] } {
  if (!entries.length) return { wrote: false, diags: [] };
  const exists = validateTargetFile(path, dir);
  if (exists.length) return { wrote: false, diags: exists };
  let fd: number;
  try {
    // 'wx' refuses to replace a file that appeared since the check above.
    fd = openSync(resolve(dir, path), 'wx', 0o666);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') return { wrote: false, diags: validateTargetFile(path, dir) };
    if (err.code === 'EACCES' || err.code === 'EPERM') {
      return { wrote: false, diags: [errorDiag('Failed to create target generated file', `terrane did not have permission to create the generated file (${path}) in the target directory. Please modify permissions over the target directory, and try again.`)] };
    }
    return { wrote: false, diags: [errorDiag('Failed to create target generated file', `terrane could not create the generated file (${path}) in the target directory: ${goPathError('open', path, err)}. Depending on the error message, this may be a bug in terrane itself. If so, please report it!`)] };
  }
  const diags: Diagnostic[] = [];
  try {
    // Like Terraform, a header that fails to write is not worth failing for.
    try { writeSync(fd, GENERATED_FILE_HEADER); } catch { /* ignored */ }
    for (const e of entries) {
      try {
        writeSync(fd, generatedEntryText(e));
      } catch (err) {
        diags.push(warningDiag('Failed to save generated config', `terrane encountered an error while writing generated config: ${(err as Error).message}. The config for ${e.addr} must be created manually before applying. Depending on the error message, this may be a bug in terrane itself. If so, please report it!`));
      }
    }
  } finally {
    closeSync(fd);
  }
  diags.push(experimentalWarning());
  return { wrote: true, diags };
}
