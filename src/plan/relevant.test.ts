import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { ProviderManager } from './provider-manager.js';
import { relevantAttributes } from './relevant.js';
import type { ResourceInstanceChange } from './plan.js';

describe('relevantAttributes', () => {
  it('follows a chain of 60k references without running out of stack', () => {
    const n = 60_000;
    const dir = mkdtempSync(join(tmpdir(), 'terrane-relevant-'));
    let src = 'resource "terraform_data" "r0" {\n  input = "0"\n}\n';
    for (let i = 1; i < n; i++) src += `resource "terraform_data" "r${i}" {\n  input = terraform_data.r${i - 1}.output\n}\n`;
    writeFileSync(join(dir, 'main.tf'), src);
    const { config, diags } = loadConfig(dir);
    expect(diags).toEqual([]);
    const last = { addr: `terraform_data.r${n - 1}`, action: 'create' } as ResourceInstanceChange;
    const relevant = relevantAttributes(config, { changes: [last], outputChanges: [] }, new ProviderManager());
    // Every link but the last is referred to, through its output attribute.
    expect(relevant).toHaveLength(n - 1);
    expect(relevant.find((r) => r.resource === 'terraform_data.r0')).toMatchObject({ attr: ['output'] });
  });
});
