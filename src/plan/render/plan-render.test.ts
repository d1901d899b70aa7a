import { describe, expect, it } from 'vitest';
import { nullVal, numberVal, objectVal, stringVal, type Value } from '../../lang/value.js';
import type { OutputChange, Plan, ResourceInstanceChange } from '../plan.js';
import { renderPlan } from './plan-render.js';

const obj = (id: string, name: string) => objectVal({ id: stringVal(id), name: stringVal(name) });

function change(action: ResourceInstanceChange['action'], before: Value, after: Value, extra: Partial<ResourceInstanceChange> = {}): ResourceInstanceChange {
  return {
    addr: 'test_thing.a', mode: 'managed', type: 'test_thing', name: 'a', providerAddr: 'provider["registry.terraform.io/hashicorp/test"]',
    action, before, after, objectType: (after.isNull ? before : after).type, requiredReplace: [], ...extra,
  };
}

function plan(changes: ResourceInstanceChange[], extra: Partial<Plan> = {}): Plan {
  return {
    mode: 'normal', changes, outputChanges: [], drift: [], variables: {}, targets: [], excludes: [], replaceAddrs: [], checks: [],
    priorStateSerial: 0, priorStateLineage: '', timestamp: new Date(0), errored: false, diagnostics: [], ...extra,
  };
}

const render = (p: Plan) => renderPlan(p, { color: false, schemaFor: () => undefined });
const LEGEND = 'Resource actions are indicated with the following symbols:';

describe('renderPlan', () => {
  it('colours change headers as Terraform does: the address bold, `replaced`/`destroyed` bold red, notes plain', () => {
    const esc = (t: string) => t.replace(/\x1b\[(\d+)m/g, '<$1>');
    const colored = (p: Plan) => esc(renderPlan(p, { color: true, schemaFor: () => undefined }));
    const o = obj('x-1', 'a');
    expect(colored(plan([change('create', nullVal(o.type), o)]))).toContain('<1>  # test_thing.a<22> will be created\n');
    expect(colored(plan([change('delete', o, nullVal(o.type))]))).toContain('<1>  # test_thing.a<22> will be <1><31>destroyed<39><22>\n');
    const replaced = colored(plan([change('delete-then-create', o, obj('x-1', 'b'), { importing: { id: 'x-1' } })]));
    expect(replaced).toContain('<1>  # test_thing.a<22> must be <1><31>replaced<39><22>\n  # (imported from "x-1")\n  # <33>Warning: this will destroy the imported resource<39>\n');
    expect(colored(plan([change('no-op', o, o, { prevRunAddr: 'test_thing.old' })]))).toContain('<1>  # test_thing.old<22> has moved to <1>test_thing.a<22>\n');
  });

  it('shows every attribute of an object being imported, and no legend when importing is all it does', () => {
    const o = obj('x-1', 'kept');
    const text = render(plan([change('no-op', o, o, { importing: { id: 'x-1' } })]));
    expect(text).not.toContain(LEGEND);
    expect(text).toContain('  # test_thing.a will be imported\n    resource "test_thing" "a" {\n        id   = "x-1"\n        name = "kept"\n    }\n');
    expect(text).not.toContain('unchanged');
    expect(text).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.\n');
  });

  it('hides unchanged attributes of an update that imports nothing, and names its symbol', () => {
    const o = (size: number) => objectVal({ color: stringVal('red'), id: stringVal('x-1'), size: numberVal(size) });
    const text = render(plan([change('update', o(1), o(2))]));
    expect(text).toContain(`${LEGEND}\n  ~ update in-place\n`);
    expect(text).toContain('        # (1 unchanged attribute hidden)\n');
  });

  it('warns that replacing an imported object destroys it', () => {
    const text = render(plan([change('delete-then-create', obj('x-1', 'a'), obj('x-1', 'b'), { importing: { id: 'x-1' } })]));
    expect(text).toContain('  # test_thing.a must be replaced\n  # (imported from "x-1")\n  # Warning: this will destroy the imported resource\n-/+ resource "test_thing" "a" {\n');
    expect(text).toContain('Plan: 1 to import, 1 to add, 0 to change, 1 to destroy.\n');
  });

  it('says planning failed for an errored plan with nothing to show, and what it planned otherwise', () => {
    const o = obj('x-1', 'kept');
    expect(render(plan([change('no-op', o, o)], { errored: true }))).toBe('\nPlanning failed. terrane encountered an error while generating this plan.\n\n');
    const partial = render(plan([change('create', nullVal(o.type), o)], { errored: true }));
    expect(partial).toContain('\nterrane planned the following actions, but then encountered a problem:\n\n  # test_thing.a will be created\n');
  });

  it('says a destroy with nothing to destroy in Terraform 1.11.4\'s words', () => {
    expect(render(plan([], { mode: 'destroy' }))).toBe('\nNo changes. No objects need to be destroyed.\n\n'
      + 'Either you have not created any objects yet or the existing objects were\nalready deleted outside of terrane.\n');
    expect(render(plan([]))).toContain('No changes. Your infrastructure matches the configuration.');
  });

  it('explains an output-only plan after its output changes', () => {
    const out: OutputChange = { name: 'x', action: 'create', before: nullVal(numberVal(1).type), after: numberVal(1), sensitive: false };
    expect(render(plan([], { outputChanges: [out] }))).toBe('\nChanges to Outputs:\n  + x = 1\n\nYou can apply this plan to save these new output values to the terrane\nstate, without changing any real infrastructure.\n');
  });
});
