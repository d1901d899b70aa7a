import { describe, it, expect } from 'vitest';
import { parseExpression } from '../../hcl/parse.js';
import { expressionJSON } from './json-config.js';

describe('expressionJSON (Terraform marshalExpression)', () => {
  it.each([
    ['2', { constant_value: 2 }],
    ['{ b = "x", a = [1, true, null] }', { constant_value: { a: [1, true, null], b: 'x' } }],
    ['var.x', { references: ['var.x'] }],
    ['var.list[0]', { references: ['var.list[0]', 'var.list'] }],
    ['aws_instance.web.id', { references: ['aws_instance.web.id', 'aws_instance.web'] }],
    ['aws_instance.web[0].tags["Name"]', { references: ['aws_instance.web[0].tags["Name"]', 'aws_instance.web[0].tags', 'aws_instance.web[0]', 'aws_instance.web'] }],
    ['data.aws_ami.u.id', { references: ['data.aws_ami.u.id', 'data.aws_ami.u'] }],
    ['module.net.vpc_id', { references: ['module.net.vpc_id', 'module.net'] }],
    ['module.net["a"].vpc_id', { references: ['module.net["a"].vpc_id', 'module.net["a"]'] }],
    ['module.net[1]', { references: ['module.net[1]', 'module.net'] }],
    ['"${count.index}-${each.key}"', { references: ['count.index', 'each.key'] }],
    ['[for s in var.l : upper(s)]', { references: ['var.l'] }],
    ['toset(["a"])', {}],
    ['[var.a, 1]', { references: ['var.a'] }],
  ])('%s', (src, want) => {
    const e = parseExpression(src, 'x.tf');
    expect(expressionJSON(e.expr)).toEqual(want);
  });
});
