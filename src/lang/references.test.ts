import { describe, expect, it } from 'vitest';
import { parseExpression, parseTraversalAbs } from '../hcl/parse.js';
import { referencesOf, parseRef, subjectString, traversalsOf } from './references.js';

function refs(src: string): string[] {
  const p = parseExpression(src, 'main.tf');
  expect(p.diags).toEqual([]);
  const r = referencesOf(p.expr);
  expect(r.diags).toEqual([]);
  return r.refs.map((x) => subjectString(x.subject));
}

describe('referencesOf', () => {
  const cases: [string, string[]][] = [
    ['var.a', ['var.a']],
    ['local.b.c[0]', ['local.b']],
    ['aws_instance.web.id', ['aws_instance.web']],
    ['aws_instance.web[0].id', ['aws_instance.web[0]']],
    ['aws_instance.web["k"].id', ['aws_instance.web["k"]']],
    ['data.aws_ami.ubuntu.id', ['data.aws_ami.ubuntu']],
    ['resource.list.x.id', ['list.x']],
    ['module.net.vpc_id', ['module.net.vpc_id']],
    ['module.net[1].vpc_id', ['module.net[1].vpc_id']],
    ['module.net', ['module.net']],
    ['count.index + 1', ['count.index']],
    ['each.value.name', ['each.value']],
    ['path.module', ['path.module']],
    ['terraform.workspace', ['terraform.workspace']],
    ['self.private_ip', ['self']],
    ['"${var.a}-${local.b}"', ['var.a', 'local.b']],
    ['[for x in var.list : x.id if x.on]', ['var.list']],
    ['{for k, v in var.m : k => v.name}', ['var.m']],
    ['[for x in var.l : aws_instance.web[x].id]', ['var.l', 'aws_instance.web']],
    ['var.list[*].id', ['var.list']],
    ['aws_instance.web.*.id', ['aws_instance.web']],
    ['merge(local.tags, { Name = var.name })', ['local.tags', 'var.name']],
    ['{ (var.k) = 1, plain = 2 }', ['var.k']],
    ['try(var.x, null)', ['var.x']],
    ['var.c ? data.a.b.c : null', ['var.c', 'data.a.b']],
  ];
  it.each(cases)('%s', (src, expected) => expect(refs(src)).toEqual(expected));
});

describe('parseRef errors', () => {
  const cases: [string, string, string][] = [
    ['var', 'Invalid reference', 'The "var" object cannot be accessed directly. Instead, access one of its attributes.'],
    ['var[0]', 'Invalid reference', 'The "var" object does not support this operation.'],
    ['data.foo', 'Invalid reference', 'The "data" object must be followed by two attribute names: the data source type and the resource name.'],
    ['aws_instance[0]', 'Invalid reference', 'A reference to a resource type must be followed by at least one attribute access, specifying the resource name.'],
    ['module.m[0][1]', 'Invalid reference', 'Module instance objects do not support this operation.'],
    ['template.x', 'Reserved symbol name', 'The symbol name "template" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.'],
  ];
  it.each(cases)('%s', (src, summary, detail) => {
    const t = parseTraversalAbs(src, 'main.tf');
    expect(t.diags).toEqual([]);
    const r = parseRef(t.traversal!);
    expect(r.ref).toBeUndefined();
    expect(r.diags[0]!.summary).toBe(summary);
    expect(r.diags[0]!.detail).toBe(detail);
  });

  it('keeps the remaining steps after the subject', () => {
    const t = parseTraversalAbs('aws_instance.web[0].tags["Name"]', 'main.tf').traversal!;
    const r = parseRef(t).ref!;
    expect(r.remaining.map((s) => (s.kind === 'attr' ? s.name : s.key))).toEqual(['tags', 'Name']);
    expect(r.range.start.column).toBe(1);
    expect(r.range.end.column).toBe(20);
  });
});

describe('traversalsOf', () => {
  it('excludes names bound by nested for expressions but not outer uses of the same name', () => {
    const p = parseExpression('[for x in x : [for y in x : y + z]]', 'main.tf');
    expect(traversalsOf(p.expr).map((t) => t.root)).toEqual(['x', 'z']);
  });
});
