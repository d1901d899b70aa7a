import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendConfigHash, readBackendRecord, writeBackendRecord } from './backend-record.js';

describe('backend record', () => {
  it('hashes a backend block as terraform 1.11.4 does', () => {
    // What terraform init wrote in .terraform/terraform.tfstate for these blocks.
    expect(backendConfigHash('local', { path: 'one.tfstate', workspace_dir: null })).toBe(427796062);
    expect(backendConfigHash('local', { path: 'two.tfstate', workspace_dir: null })).toBe(1214197412);
    expect(backendConfigHash('local', { path: null, workspace_dir: null })).toBe(666019178);
    expect(backendConfigHash('local', { path: null, workspace_dir: 'wsdir' })).toBe(2424284356);
  });

  it('reads what terraform wrote and writes the same layout', async () => {
    const written = readFileSync(join(import.meta.dirname, '../../testdata/cli/backend-local/terraform/backend-record.json'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'terrane-record-'));
    writeFileSync(join(dir, 'terraform.tfstate'), written);
    const { record } = await readBackendRecord(dir);
    expect(record).toEqual({ type: 'local', config: { path: 'one.tfstate', workspace_dir: null }, hash: 427796062 });
    expect(await writeBackendRecord(dir, record!)).toEqual([]);
    const again = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    expect(again.replace(/"terraform_version": "[^"]*"/, '')).toBe(written.replace(/"terraform_version": "[^"]*"/, ''));
  });
});
