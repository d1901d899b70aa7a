/**
 * -target and -exclude naming one instance of a counted resource, and the root outputs a
 * targeted run leaves alone, as Terraform 1.11 does (observed with terraform_data).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';
import { stringVal } from '../../src/lang/value.js';

const CONFIG = (suffix: string) => `
resource "terraform_data" "x" {
  count = 3
  input = "${suffix}\${count.index}"
}
resource "terraform_data" "y" {
  input = terraform_data.x[1].output
}
output "ox" { value = terraform_data.x[0].output }
output "oy" { value = terraform_data.y.output }
output "c" { value = "const-${suffix}" }
`;

async function open(dir: string): Promise<Workdir> {
  const r = await Workdir.open({ dir });
  expect(r.diags.filter((d) => d.severity === 'error')).toEqual([]);
  return r.wd!;
}

async function run(dir: string, o: { targets?: string[]; excludes?: string[] }) {
  const wd = await open(dir);
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables: new Map(), ...o });
  const errors = p.diags.filter((d) => d.severity === 'error');
  const a = errors.length ? undefined : await wd.apply(p, { variables: new Map(), ...o });
  return { p, a, errors: [...errors, ...(a?.diags.filter((d) => d.severity === 'error') ?? [])], wd };
}

function dirWith(suffix: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-targets-'));
  writeFileSync(join(dir, 'main.tf'), CONFIG(suffix));
  return dir;
}

const actions = (p: Awaited<ReturnType<typeof run>>['p']) => p.plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.addr}`);

describe('targeting one instance', () => {
  it('plans and applies only the targeted instance, and only the outputs that depend on targeted resources alone', async () => {
    const dir = dirWith('x');
    const { p, a, errors } = await run(dir, { targets: ['terraform_data.x[0]'] });
    expect(errors).toEqual([]);
    expect(actions(p)).toEqual(['create terraform_data.x[0]']);
    expect(p.plan.outputChanges.map((o) => `${o.action} ${o.name}`)).toEqual(['create ox']);
    expect(p.diags.map((d) => d.summary)).toContain('Resource targeting is in effect');
    expect(a!.counts).toMatchObject({ added: 1, changed: 0, destroyed: 0 });
    expect([...a!.state.instances()].map((i) => i.addr.toString())).toEqual(['terraform_data.x[0]']);
    expect([...a!.state.outputs.keys()]).toEqual(['ox']);
    expect(a!.diags.map((d) => `${d.severity}: ${d.summary}`)).toEqual(['warning: Applied changes may be incomplete']);
  });

  it('leaves instances it does not plan, and that do not exist yet, out of the resource value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-targets-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "x" {\n  count = 3\n  input = "x${count.index}"\n}\noutput "all" { value = terraform_data.x[*].output }\n');
    const { p, a, errors } = await run(dir, { targets: ['terraform_data.x[0]'] });
    expect(errors).toEqual([]);
    const all = p.plan.outputChanges.find((o) => o.name === 'all')!;
    expect(all.after.type.kind === 'tuple' && all.after.elems.length).toBe(1);
    expect(a!.state.outputs.get('all')?.value.elems.map((e) => e.str)).toEqual(['x0']);
  });

  it('keeps the prior value of outputs it does not evaluate', async () => {
    const dir = dirWith('x');
    expect((await run(dir, {})).errors).toEqual([]);
    writeFileSync(join(dir, 'main.tf'), CONFIG('z'));
    const { p, a, errors } = await run(dir, { targets: ['terraform_data.x[0]'] });
    expect(errors).toEqual([]);
    expect(actions(p)).toEqual(['update terraform_data.x[0]']);
    expect(p.plan.outputChanges.map((o) => `${o.action} ${o.name}`)).toEqual(['update ox']);
    const outs = a!.state.outputs;
    expect(outs.get('c')?.value).toEqual(stringVal('const-x'));
    expect(outs.get('oy')?.value).toEqual(stringVal('x1'));
    expect(outs.get('ox')?.value).toEqual(stringVal('z0'));
  });

  it('plans every instance of a resource a target only depends on', async () => {
    const dir = dirWith('x');
    const { p, errors } = await run(dir, { targets: ['terraform_data.y'] });
    expect(errors).toEqual([]);
    expect(actions(p)).toEqual(['create terraform_data.x[0]', 'create terraform_data.x[1]', 'create terraform_data.x[2]', 'create terraform_data.y']);
  });

  it('-exclude of one instance leaves the others, and excludes what depends on the resource', async () => {
    const dir = dirWith('x');
    const { p, errors } = await run(dir, { excludes: ['terraform_data.x[1]'] });
    expect(errors).toEqual([]);
    expect(actions(p)).toEqual(['create terraform_data.x[0]', 'create terraform_data.x[2]']);
  });
});

describe('targeting module instances', () => {
  // terraform 1.11.4 on this configuration: -target=module.m applies both instances;
  // -target=module.m[1] or a resource inside module.m[0] applies that instance only, and the
  // outputs of the other instance are not evaluated: null in the applied outputs (typed
  // "dynamic"), unknown in the plan.
  const dirWithModule = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-targets-mod-'));
    writeFileSync(join(dir, 'main.tf'), `
module "m" {
  source = "./mod"
  count  = 2
  n      = count.index
}
output "ids" { value = module.m[*].id }
output "one" { value = module.m[1].id }
`);
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'mod', 'main.tf'), `
variable "n" {}
resource "terraform_data" "x" { input = "x-\${var.n}" }
output "id" { value = terraform_data.x.output }
`);
    return dir;
  };
  const outputs = (a: Awaited<ReturnType<typeof run>>['a']) => Object.fromEntries([...a!.state.outputs].map(([k, o]) => [k, JSON.stringify(o.value.isNull ? null : o.value.type.kind === 'tuple' ? o.value.elems.map((e) => (e.isNull ? null : e.str)) : o.value.str)]));

  it('-target=module.m selects every instance of a counted module', async () => {
    const { p, a, errors } = await run(dirWithModule(), { targets: ['module.m'] });
    expect(errors).toEqual([]);
    expect(actions(p)).toEqual(['create module.m[0].terraform_data.x', 'create module.m[1].terraform_data.x']);
    expect(outputs(a)).toEqual({ ids: '["x-0","x-1"]', one: '"x-1"' });
  });

  it('-target=module.m[1] leaves module.m[0] alone: its outputs are unknown in the plan and null once applied', async () => {
    const { p, a, errors } = await run(dirWithModule(), { targets: ['module.m[1]'] });
    expect(errors).toEqual([]);
    expect(actions(p)).toEqual(['create module.m[1].terraform_data.x']);
    const ids = p.plan.outputChanges.find((o) => o.name === 'ids')!;
    expect(ids.after.elems.map((e) => e.isKnown)).toEqual([false, false]);
    expect(outputs(a)).toEqual({ ids: '[null,"x-1"]', one: '"x-1"' });
    expect(a!.state.outputs.get('ids')!.value.type).toEqual({ kind: 'tuple', elems: [{ kind: 'dynamic' }, { kind: 'string' }] });
  });

  it('a resource inside module.m[0] as the target evaluates that instance\'s outputs only', async () => {
    const { a, errors } = await run(dirWithModule(), { targets: ['module.m[0].terraform_data.x'] });
    expect(errors).toEqual([]);
    expect(outputs(a)).toEqual({ ids: '["x-0",null]', one: 'null' });
  });
});
