/**
 * A destroy that fails in the provider: the error is the provider's alone, with no source
 * range and no resource address, as terraform 1.11.4 reports it (it destroys without the
 * configuration; see test/engine/destroy-error.test.ts for its text), and the object stays
 * in state while the rest of the destroy goes on.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from './workdir.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { newWorld, testProviderFactory } from '../../test/support/test-provider.js';

describe('a destroy that fails in the provider', () => {
  it('reports the provider\'s error without a source, keeps the object and destroys the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-destroy-error-'));
    cpSync(join(import.meta.dirname, '../../testdata/engine/halfway'), dir, { recursive: true });
    const world = newWorld();
    const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
    const wd = (await Workdir.open({ dir, providers: pm })).wd!;
    const run = async (mode: 'normal' | 'destroy') => {
      const { state } = await wd.readState();
      const p = await wd.plan(state, { variables: new Map(), mode });
      return wd.apply(p, { variables: new Map() });
    };
    expect((await run('normal')).diags).toEqual([]);
    world.failDelete.add('side');
    const d = await run('destroy');
    const errors = d.diags.filter((x) => x.severity === 'error');
    expect(errors).toEqual([{ severity: 'error', summary: 'Deletion failed', detail: 'cannot delete side' }]);
    expect(d.counts.destroyed).toBe(5);
    const names = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources.map((r: { name: string }) => r.name);
    expect(names).toEqual(['side']);
  });
});
