/**
 * The record of the initialised backend that `init` keeps in `.terraform/terraform.tfstate`
 * (Terraform's layout: a version 3 "state" whose only meaningful part is
 * `backend: {type, config, hash}`), so that every later command can tell when the
 * configuration no longer matches and refuse instead of silently using another state.
 * Terraform and terrane read and write the same file, so both can share a working directory.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { goQuote } from '../graph/dot.js';
import { atomicWrite } from './backends/local.js';
import { TERRAFORM_COMPAT_VERSION } from './state.js';

/** A backend's resolved arguments: each argument of its schema, null when not set. */
export type BackendSettings = Record<string, string | null>;

/** What `init` recorded about the backend. */
export interface BackendRecord {
  type: string;
  config: BackendSettings;
  /** Terraform's hash of the `backend` block (without -backend-config overrides). */
  hash: number;
}

/** The file holding the record, inside the data directory. */
export function backendRecordPath(dataDir: string): string {
  return path.join(dataDir, 'terraform.tfstate');
}

/** Reads the record; undefined when the working directory was never initialised with a backend. */
export async function readBackendRecord(dataDir: string): Promise<{ record?: BackendRecord; diags: Diagnostic[] }> {
  let text: string;
  try {
    text = await fs.readFile(backendRecordPath(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { diags: [] };
    return { diags: [errorDiag('Failed to load state', (e as Error).message)] };
  }
  if (text.trim() === '') return { diags: [] };
  try {
    const b = (JSON.parse(text) as { backend?: { type?: unknown; config?: unknown; hash?: unknown } }).backend;
    if (!b || typeof b.type !== 'string' || b.type === '') return { diags: [] };
    const config: BackendSettings = {};
    for (const [k, v] of Object.entries((b.config ?? {}) as Record<string, unknown>)) config[k] = typeof v === 'string' ? v : null;
    return { record: { type: b.type, config, hash: typeof b.hash === 'number' ? b.hash : 0 }, diags: [] };
  } catch (e) {
    return { diags: [errorDiag('Failed to load state', `Error reading ${backendRecordPath(dataDir)}: ${(e as Error).message}`)] };
  }
}

/**
 * Writes the record as Terraform does (two-space indent, config attributes in name order, no
 * final newline), keeping whatever else a previous Terraform put in the file.
 */
export async function writeBackendRecord(dataDir: string, record: BackendRecord): Promise<Diagnostic[]> {
  const file = backendRecordPath(dataDir);
  let doc: Record<string, unknown> = {};
  try { doc = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>; } catch { /* none yet, or unreadable: start over */ }
  const config: BackendSettings = {};
  for (const k of Object.keys(record.config).sort()) config[k] = record.config[k]!;
  const out = { version: 3, terraform_version: TERRAFORM_COMPAT_VERSION, ...doc, backend: { type: record.type, config, hash: record.hash } };
  out.version = 3;
  out.terraform_version = TERRAFORM_COMPAT_VERSION;
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await atomicWrite(file, JSON.stringify(out, null, 2), 0o644);
  } catch (e) {
    return [errorDiag('Failed to save the backend configuration', `Error saving the backend configuration: ${(e as Error).message}\n\nterrane saves the complete backend configuration in a local file for\nconfiguring the backend on future operations. This cannot be disabled. Errors\nare usually due to simple file permission errors. Please look at the error\nabove, resolve it, and try again.`)];
  }
  return [];
}

/** Forgets the backend (init after the block was removed): the directory is back to plain local state. */
export async function clearBackendRecord(dataDir: string): Promise<Diagnostic[]> {
  try {
    await fs.rm(backendRecordPath(dataDir), { force: true });
    return [];
  } catch (e) {
    return [errorDiag('Failed to clear the backend configuration', `Error clearing the backend configuration: ${(e as Error).message}`)];
  }
}

/**
 * Terraform's hash of a backend block: cty's set hash (CRC-32 of its canonical bytes) of the
 * tuple [type, object of the arguments], null arguments included. Equal to Terraform's for
 * blocks of literal values, so a directory initialised by either tool is seen as unchanged
 * by the other.
 */
export function backendConfigHash(type: string, settings: BackendSettings): number {
  let bytes = `<${goQuote(type)};<`;
  for (const k of Object.keys(settings).sort()) {
    const v = settings[k];
    bytes += (v === null || v === undefined ? '~' : goQuote(v)) + ';';
  }
  return crc32(Buffer.from(bytes + '>;>', 'utf8'));
}

/** Whether two resolved configurations are the same (Terraform's RawEquals of the decoded values). */
export function sameSettings(a: BackendSettings, b: BackendSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}
