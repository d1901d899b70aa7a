/**
 * When a data source is read: during plan, unless a managed resource it depends on has a
 * change pending, in which case it is read during apply. "Depends on" is Terraform's:
 * direct references to managed resources, depends_on (a local, variable or module standing
 * for everything upstream of it or inside it), and the depends_on of enclosing module
 * calls. Expected actions observed with terraform 1.11.4 on this configuration.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';
import { stringVal } from '../../src/lang/value.js';

// The state file's path is absolute: the remote state provider reads relative to the process's directory.
let other = '';
const REMOTE = (extra = '', cond = '') => `backend = "local"\n  config = { path = ${cond ? `${cond} == "" ? "" : ` : ''}${JSON.stringify(other)} }\n  ${extra}`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-data-deferral-'));
  other = join(dir, 'other.tfstate');
  writeFileSync(join(dir, 'main.tf'), `
variable "v" { default = "1" }
resource "terraform_data" "x" { input = var.v }
resource "terraform_data" "stable" { input = "s" }
locals { l = terraform_data.x.input }
data "terraform_remote_state" "byRef" {
  ${REMOTE('', 'terraform_data.x.input')}
}
data "terraform_remote_state" "byStableRef" {
  ${REMOTE('', 'terraform_data.stable.input')}
}
data "terraform_remote_state" "viaLocal" {
  ${REMOTE('depends_on = [local.l]')}
}
data "terraform_remote_state" "onModule" {
  ${REMOTE('depends_on = [module.n]')}
}
data "terraform_remote_state" "plain" {
  ${REMOTE()}
}
module "m" {
  source     = "./m"
  depends_on = [terraform_data.x]
}
module "n" {
  source = "./n"
  p      = terraform_data.x.input
}
output "o" { value = data.terraform_remote_state.onModule.outputs.o }
`);
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', 'main.tf'), `data "terraform_remote_state" "inM" {\n  ${REMOTE()}\n}\n`);
  mkdirSync(join(dir, 'n'));
  writeFileSync(join(dir, 'n', 'main.tf'), `
variable "p" {}
resource "terraform_data" "y" { input = "k" }
data "terraform_remote_state" "inN" {
  ${REMOTE()}
}
data "terraform_remote_state" "inN2" {
  ${REMOTE('depends_on = [var.p]')}
}
`);
  writeFileSync(join(dir, 'other.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'l', outputs: { o: { value: 'v', type: 'string' } }, resources: [] }));
  return dir;
}

async function plan(dir: string, v: string) {
  const { wd } = await Workdir.open({ dir, cwd: dir });
  const { state } = await wd!.readState();
  const p = await wd!.plan(state, { variables: new Map([['v', stringVal(v)]]) });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  return { wd: wd!, p };
}

const reads = (p: Awaited<ReturnType<typeof plan>>['p']) =>
  p.plan.changes.filter((c) => c.mode === 'data').map((c) => [c.addr, c.actionReason]).sort();

describe('data sources wait for pending changes of what they depend on', () => {
  it('defers reads that depend on a changing resource, and reads the rest during plan', async () => {
    const dir = project();
    const first = await plan(dir, '1');
    const deferred = [
      ['data.terraform_remote_state.byRef', 'read_because_dependency_pending'],
      ['data.terraform_remote_state.byStableRef', 'read_because_dependency_pending'],
      ['data.terraform_remote_state.onModule', 'read_because_dependency_pending'],
      ['data.terraform_remote_state.viaLocal', 'read_because_dependency_pending'],
      ['module.m.data.terraform_remote_state.inM', 'read_because_dependency_pending'],
      ['module.n.data.terraform_remote_state.inN2', 'read_because_dependency_pending'],
    ];
    // Everything is being created: all but the data sources with no dependencies wait.
    expect(reads(first.p)).toEqual(deferred);
    const a = await first.wd.apply(first.p, { variables: new Map([['v', stringVal('1')]]) });
    expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);

    // Only x changes: what depends on `stable` alone is read during plan now.
    const second = await plan(dir, '2');
    expect(reads(second.p)).toEqual(deferred.filter(([a]) => a !== 'data.terraform_remote_state.byStableRef'));

    // Nothing changes: every data source is read during plan.
    const third = await plan(dir, '1');
    expect(reads(third.p)).toEqual([]);
    expect(third.p.plan.changes.every((c) => c.action === 'no-op')).toBe(true);
  });
});
