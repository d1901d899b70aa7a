import { describe, expect, it } from 'vitest';
import { impliedType } from '../../schema.js';
import { fromJS } from '../../sdk/obj.js';
import { ipv4CidrError, ipv6CidrError } from './cidr.js';
import { securityGroupRuleSchema, securityGroupSchema } from './schemas.js';
import { validateSecurityGroup, validateSecurityGroupRule } from './validate.js';

describe('CIDR checks', () => {
  it.each([
    ['10.0.0.0/8', null],
    ['0.0.0.0/0', null],
    ['10.0.0.1/8', '"10.0.0.1/8" is not a valid IPv4 CIDR block; did you mean "10.0.0.0/8"?'],
    ['97.120.85.138/0', '"97.120.85.138/0" is not a valid IPv4 CIDR block; did you mean "0.0.0.0/0"?'],
    ['10.0.0.0', '"10.0.0.0" is not a valid CIDR block: invalid CIDR address: 10.0.0.0'],
    ['10.0.0.0/33', '"10.0.0.0/33" is not a valid CIDR block: invalid CIDR address: 10.0.0.0/33'],
    ['::/0', '"::/0" is not a valid IPv4 CIDR block'],
  ])('IPv4 %s', (cidr, want) => {
    expect(ipv4CidrError(cidr)).toBe(want);
  });
  it.each([
    ['::/0', null],
    ['2001:db8::/32', null],
    ['2001:DB8::/32', null],
    ['2001:db8::1/32', '"2001:db8::1/32" is not a valid IPv6 CIDR block; did you mean "2001:db8::/32"?'],
    ['2001:db8:0:0:1::/64', '"2001:db8:0:0:1::/64" is not a valid IPv6 CIDR block; did you mean "2001:db8::/64"?'],
    ['10.0.0.0/8', '"10.0.0.0/8" is not a valid IPv6 CIDR block'],
    ['zz::/8', '"zz::/8" is not a valid CIDR block: invalid CIDR address: zz::/8'],
  ])('IPv6 %s', (cidr, want) => {
    expect(ipv6CidrError(cidr)).toBe(want);
  });
});

describe('security group validation', () => {
  const sg = (js: Record<string, unknown>) => validateSecurityGroup(fromJS(js, impliedType(securityGroupSchema.block)));
  const rule = (js: Record<string, unknown>) => validateSecurityGroupRule(fromJS(js, impliedType(securityGroupRuleSchema.block)));

  it('accepts a plain group and refuses conflicting names and sg- names', () => {
    expect(sg({ name: 'web', ingress: [{ from_port: 1, to_port: 1, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }] })).toEqual([]);
    expect(sg({ name: 'a', name_prefix: 'b' }).map((d) => d.detail)).toEqual(['"name": conflicts with name_prefix', '"name_prefix": conflicts with name']);
    expect(sg({ name: 'sg-web' }).map((d) => d.summary)).toEqual(['invalid value for name (cannot begin with sg-)']);
  });

  it('checks inline rule CIDRs and descriptions at plan time', () => {
    const d = sg({ ingress: [{ from_port: 1, to_port: 1, protocol: 'tcp', cidr_blocks: ['10.0.0.1/8'], description: 'bad<desc>' }] });
    expect(d.map((x) => x.summary)).toEqual([
      '"10.0.0.1/8" is not a valid IPv4 CIDR block; did you mean "10.0.0.0/8"?',
      '"ingress.0.description" doesn\'t comply with restrictions ("^[A-Za-z0-9 \\\\.\\\\_\\\\-\\\\:\\\\/\\\\(\\\\)\\\\#\\\\,\\\\@\\\\[\\\\]\\\\+\\\\=\\\\&\\\\;\\\\{\\\\}\\\\!\\\\$\\\\*]*$"): "bad<desc>"',
    ]);
    expect(d.every((x) => JSON.stringify(x.attribute) === '[{"attr":"ingress"}]')).toBe(true);
  });

  it('checks aws_security_group_rule CIDRs', () => {
    expect(rule({ type: 'ingress', protocol: 'tcp', from_port: 1, to_port: 1, security_group_id: 'sg-1', ipv6_cidr_blocks: ['2001:db8::1/32'] }).map((x) => x.summary))
      .toEqual(['"2001:db8::1/32" is not a valid IPv6 CIDR block; did you mean "2001:db8::/32"?']);
  });
});
