import { describe, expect, it } from 'vitest';
import { bodyOf } from '../hcl/body.js';
import { parseConfig } from '../hcl/parse.js';
import { toJS } from '../providers/sdk/obj.js';
import { bodyTraversals, decodeBody, type DecodeBlock } from './decode-body.js';
import * as T from './types.js';

// An argument typed as a set of objects, as hashicorp/aws declares aws_security_group's ingress.
const rule = T.Object_({ from_port: T.Number, to_port: T.Number, cidr_blocks: T.List(T.String), description: T.String });
const schema: DecodeBlock = {
  attributes: { name: { type: T.String, optional: true }, ingress: { type: T.Set(rule), optional: true, computed: true } },
  blockTypes: {},
};

function decode(src: string) {
  const { file, diags } = parseConfig(src, 'main.tf');
  expect(diags).toEqual([]);
  return decodeBody(bodyOf(file!), schema, { functions: new Map() } as never);
}

describe('arguments of list or set of objects written as blocks', () => {
  it('decode blocks into elements, with unset attributes null', () => {
    const r = decode('ingress {\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["10.0.0.0/8"]\n}\ningress {\n  from_port = 80\n  to_port = 80\n}\n');
    expect(r.diags).toEqual([]);
    const rules = toJS(r.value.attrs.get('ingress')!) as Record<string, unknown>[];
    expect(rules).toHaveLength(2);
    expect(rules).toContainEqual({ from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'], description: null });
    expect(rules).toContainEqual({ from_port: 80, to_port: 80, cidr_blocks: null, description: null });
  });

  it('accept the argument form too, including an empty list that removes every element', () => {
    const r = decode('ingress = []\n');
    expect(r.diags).toEqual([]);
    expect(toJS(r.value.attrs.get('ingress')!)).toEqual([]);
  });

  it('leave the argument null when neither form is written', () => {
    const r = decode('name = "x"\n');
    expect(r.value.attrs.get('ingress')!.isNull).toBe(true);
  });

  it('expand dynamic blocks', () => {
    const r = decode('dynamic "ingress" {\n  for_each = [3000, 8080]\n  content {\n    from_port = ingress.value\n    to_port = ingress.value\n  }\n}\n');
    expect(r.diags).toEqual([]);
    expect((toJS(r.value.attrs.get('ingress')!) as { from_port: number }[]).map((x) => x.from_port).sort()).toEqual([3000, 8080]);
  });

  it('refuse both forms at once, and unknown block arguments with the usual message', () => {
    const both = decode('ingress = []\ningress {\n  from_port = 1\n}\n');
    expect(both.diags.map((d) => d.summary)).toEqual(['Unsupported argument']);
    const bad = decode('ingress {\n  form_port = 1\n}\n');
    expect(bad.diags.map((d) => d.detail)).toEqual(['An argument named "form_port" is not expected here. Did you mean "from_port"?']);
  });

  it('find the references inside such blocks', () => {
    const { file } = parseConfig('ingress {\n  cidr_blocks = [var.office]\n}\n', 'main.tf');
    expect(bodyTraversals(bodyOf(file!), schema).map((t) => t.root)).toEqual(['var']);
  });
});
