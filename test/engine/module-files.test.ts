/**
 * File functions read paths relative to the working directory in every module, as in
 * Terraform, so the usual file("${path.module}/x") works inside a child module.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';

describe('file functions in a child module', () => {
  it('read path.module-relative paths from the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-module-files-'));
    writeFileSync(join(dir, 'main.tf'), 'module "m" { source = "./mod" }\noutput "o" { value = module.m.o }\n');
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'mod', 'x.txt'), 'hello ${name}');
    writeFileSync(join(dir, 'mod', 'main.tf'), 'output "o" { value = [file("${path.module}/x.txt"), templatefile("${path.module}/x.txt", { name = "m" }), fileexists("mod/x.txt")] }\n');
    const { wd } = await Workdir.open({ dir, cwd: dir });
    const { state } = await wd!.readState();
    const p = await wd!.plan(state, { variables: new Map() });
    expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
    const o = p.plan.outputChanges.find((x) => x.name === 'o')!.after;
    expect(o.elems.map((e) => e.v)).toEqual(['hello ${name}', 'hello m', true]);
  });
});
