import { describe, expect, it } from 'vitest';
import { Mark, mapVal, nullVal, numberVal, objectVal, stringVal, unknownVal, type Value } from '../../lang/value.js';
import * as T from '../../lang/types.js';
import type { BlockSchema } from '../../providers/protocol.js';
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

  it('leaves out attributes null before and after, not counting them as unchanged', () => {
    const o = (input: string, output: Value) => objectVal({ id: stringVal('x-1'), input: stringVal(input), output, triggers_replace: nullVal(T.String) });
    const text = render(plan([change('update', o('a', stringVal('a')), o('b', unknownVal(T.String)))]));
    expect(text).toContain('  ~ resource "test_thing" "a" {\n        id     = "x-1"\n      ~ input  = "a" -> "b"\n      ~ output = "a" -> (known after apply)\n    }\n');
  });

  it('shows a changed sensitive value without an arrow, with Terraform\'s note when its sensitivity changes', () => {
    const o = (s: Value) => objectVal({ id: stringVal('x-1'), secret: s });
    const secret = (v: string) => stringVal(v).mark(Mark.Sensitive);
    expect(render(plan([change('update', o(secret('a')), o(secret('b')))]))).toContain('        id     = "x-1"\n      ~ secret = (sensitive value)\n    }\n');
    expect(render(plan([change('update', o(secret('a')), o(stringVal('b')))]))).toContain(
      '        id     = "x-1"\n      # Warning: this attribute value will no longer be marked as sensitive\n      # after applying this change.\n      ~ secret = (sensitive value)\n');
    expect(render(plan([change('update', o(stringVal('a')), o(secret('a')))]))).toContain(
      '      # Warning: this attribute value will be marked as sensitive and will not\n      # display in UI output after applying this change. The value is unchanged.\n      ~ secret = (sensitive value)\n');
  });

  it('shows the identifying attributes of a changed object, hides the rest and leaves out its nulls', () => {
    const cfg = (size: number) => objectVal({ extra: stringVal('x'), gone: nullVal(T.String), id: stringVal('i'), size: numberVal(size) });
    const o = (size: number) => objectVal({ cfg: cfg(size), id: stringVal('x-1') });
    expect(render(plan([change('update', o(1), o(2))]))).toContain(
      '      ~ cfg = {\n            id    = "i"\n          ~ size  = 1 -> 2\n            # (1 unchanged attribute hidden)\n        }\n');
  });

  it('renders a dynamically typed attribute as Terraform renders JSON: maps as objects, replacement only when unknown', () => {
    const block: BlockSchema = {
      attributes: { id: { type: T.String, computed: true }, input: { type: T.Dynamic, optional: true }, triggers_replace: { type: T.Dynamic, optional: true } },
      blockTypes: {},
    };
    const o = (k: string, trigger: Value) => objectVal({ id: stringVal('x-1'), input: mapVal({ 'a b': stringVal('x'), k: stringVal(k), z: stringVal('w') }), triggers_replace: trigger });
    const p = (after: Value) => plan([change('delete-then-create', o('a', stringVal('a')), o('b', after), { requiredReplace: [[{ attr: 'triggers_replace' }]] })]);
    const text = renderPlan(p(stringVal('b')), { color: false, schemaFor: () => block });
    expect(text).toContain('      ~ input            = {\n          ~ k     = "a" -> "b"\n            # (2 unchanged attributes hidden)\n        }\n      ~ triggers_replace = "a" -> "b"\n    }\n');
    expect(renderPlan(p(unknownVal(T.String)), { color: false, schemaFor: () => block })).toContain('      ~ triggers_replace = "a" -> (known after apply) # forces replacement\n');
  });

  it('lines output names up over every output, changed or not', () => {
    const outputs: OutputChange[] = [
      { name: 'a_very_long_output_name', action: 'no-op', before: stringVal('c'), after: stringVal('c'), sensitive: false },
      { name: 'cbd', action: 'update', before: stringVal('s1'), after: stringVal('s2'), sensitive: true },
    ];
    expect(render(plan([], { outputChanges: outputs }))).toContain('\nChanges to Outputs:\n  ~ cbd                     = (sensitive value)\n\n');
  });

  it('closes the drift of a refresh-only plan with a rule only before output changes, which it shows', () => {
    const rule = '─'.repeat(77);
    const drift = [change('update', obj('x-1', 'a'), obj('x-1', 'b'))];
    const alone = render(plan([], { mode: 'refresh-only', drift }));
    expect(alone).toContain('record the updated values in the terrane state without changing any remote\nobjects.\n');
    expect(alone).not.toContain(rule);
    const out: OutputChange = { name: 'x', action: 'create', before: nullVal(T.Number), after: numberVal(1), sensitive: false };
    expect(render(plan([], { mode: 'refresh-only', drift, outputChanges: [out] }))).toContain(`objects.\n\n${rule}\n\nChanges to Outputs:\n  + x = 1\n\nYou can apply this plan`);
    expect(render(plan([], { mode: 'refresh-only', outputChanges: [out] }))).toBe(
      '\nChanges to Outputs:\n  + x = 1\n\nYou can apply this plan to save these new output values to the terrane\nstate, without changing any real infrastructure.\n');
  });

  it('shows a forgotten object as Terraform 1.11 does: comments and `.` one column left, the object unchanged, no symbol, not counted', () => {
    const o = objectVal({ id: stringVal('x-1'), name: stringVal('kept'), note: nullVal(stringVal('').type) });
    const text = render(plan([change('forget', o, nullVal(o.type), { actionReason: 'delete_because_no_resource_config' })]));
    expect(text).toBe(`\nterrane used the selected providers to generate the following execution\nplan. ${LEGEND}\n\nterrane will perform the following actions:\n\n`
      + ' # test_thing.a will no longer be managed by terrane, but will not be destroyed\n # (destroy = false is set in the configuration)\n'
      + ' . resource "test_thing" "a" {\n        id   = "x-1"\n        name = "kept"\n    }\n\nPlan: 0 to add, 0 to change, 0 to destroy.\n');
    const esc = (t: string) => t.replace(/\x1b\[(\d+)m/g, '<$1>');
    const colored = esc(renderPlan(plan([change('forget', o, nullVal(o.type))]), { color: true, schemaFor: () => undefined }));
    expect(colored).toContain('<1> # test_thing.a<22> will no longer be managed by terrane, but <1><31>will not be destroyed<39><22>\n # (destroy = false');
    expect(colored).toContain('\n <31>.<39> resource "test_thing" "a" {\n');
  });

  it('names a resource with no configuration without its module path, as Terraform does', () => {
    const o = obj('x-1', 'a');
    const text = render(plan([change('delete', o, nullVal(o.type), { addr: 'module.m[0].test_thing.a[1]', actionReason: 'delete_because_no_resource_config' })]));
    expect(text).toContain('  # module.m[0].test_thing.a[1] will be destroyed\n  # (because test_thing.a is not in configuration)\n');
  });

  it('counts no attribute that is null before and after among the hidden ones', () => {
    const o = (size: number) => objectVal({ id: stringVal('x-1'), note: nullVal(stringVal('').type), size: numberVal(size) });
    const text = render(plan([change('update', o(1), o(2))]));
    expect(text).toContain('  ~ resource "test_thing" "a" {\n        id   = "x-1"\n      ~ size = 1 -> 2\n    }\n');
  });
});
