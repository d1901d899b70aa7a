import { describe, expect, it } from 'vitest';
import * as T from '../../../lang/types.js';
import { isWhollyKnown, objectValOfType, stringVal, unknownVal } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { fromJS, toJS } from '../../sdk/obj.js';
import { atomsMinus, matchRules, normalizeRule, remoteAtoms, ruleAtoms, toIpPermissions, type InlineRule } from './inline-rules.js';
import { generatedName, namePrefixFromName, prefixedUniqueId } from './names.js';
import { protocolForValue } from './protocol.js';
import { configuredRules, normalizeRuleValue, planInlineRules } from './security-group-plan.js';
import { inlineRuleBlock, securityGroupSchema } from './schemas.js';

const rule = (js: Partial<InlineRule> & Record<string, unknown>) => normalizeRule(js);

describe('protocolForValue', () => {
  it.each([
    ['-1', '-1'], ['all', '-1'], ['ALL', '-1'], ['tcp', 'tcp'], ['TCP', 'tcp'], ['6', 'tcp'], ['17', 'udp'],
    ['1', 'icmp'], ['58', 'icmpv6'], ['icmpv6', 'icmpv6'], ['50', '50'], ['esp', 'esp'],
  ])('%s -> %s', (given, want) => {
    expect(protocolForValue(given)).toBe(want);
  });
});

describe('generated names', () => {
  it('are the prefix, a 1/10000 s UTC timestamp and an 8-digit hex counter', () => {
    const a = prefixedUniqueId('x-', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
    const b = prefixedUniqueId('x-', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
    expect(a).toMatch(/^x-202401020304056780[0-9a-f]{8}$/);
    expect(b > a).toBe(true);
    expect(generatedName('given', 'p-')).toBe('given');
    expect(generatedName(undefined, undefined)).toMatch(/^terraform-\d{18}[0-9a-f]{8}$/);
  });
  it.each([
    ['terraform-20240102030405678000000001', 'terraform-'],
    ['app-20240102030405678000000001', 'app-'],
    ['web', null],
    ['20240102030405678000000001', null],
  ])('prefix of %s is %s', (name, want) => {
    expect(namePrefixFromName(name)).toBe(want);
  });
});

describe('inline rule atoms', () => {
  it('splits a rule into one atom per source and back into grouped IpPermissions', () => {
    const r = rule({ from_port: 22, to_port: 22, protocol: '6', cidr_blocks: ['10.0.0.0/8', '10.1.0.0/16'], self: true, security_groups: ['111122223333/sg-1', 'sg-2'], description: 'd' });
    const atoms = ruleAtoms(r);
    expect(atoms.map((a) => [a.kind, a.value])).toEqual([['self', ''], ['cidr', '10.0.0.0/8'], ['cidr', '10.1.0.0/16'], ['sg', '111122223333/sg-1'], ['sg', 'sg-2']]);
    const perms = toIpPermissions(atoms, 'sg-me');
    expect(perms).toEqual([{
      IpProtocol: 'tcp', FromPort: 22, ToPort: 22,
      IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'd' }, { CidrIp: '10.1.0.0/16', Description: 'd' }],
      UserIdGroupPairs: [{ GroupId: 'sg-me', Description: 'd' }, { GroupId: 'sg-1', UserId: '111122223333', Description: 'd' }, { GroupId: 'sg-2', UserId: undefined, Description: 'd' }],
    }]);
  });

  it('leaves ports out for protocol -1 and refuses other ports with it', () => {
    expect(toIpPermissions(ruleAtoms(rule({ from_port: 0, to_port: 0, protocol: 'all', cidr_blocks: ['0.0.0.0/0'] })), 'sg-me'))
      .toEqual([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: undefined }] }]);
    expect(() => toIpPermissions(ruleAtoms(rule({ from_port: 1, to_port: 2, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] })), 'sg-me'))
      .toThrow(`from_port (1) and to_port (2) must both be 0 to use the 'ALL' "-1" protocol!`);
  });

  it('differences changed sources only (a description change is a different rule)', () => {
    const before = ruleAtoms(rule({ from_port: 80, to_port: 80, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '10.1.0.0/16'] }));
    const after = ruleAtoms(rule({ from_port: 80, to_port: 80, protocol: 'tcp', cidr_blocks: ['10.1.0.0/16', '10.2.0.0/16'] }));
    expect(atomsMinus(before, after).map((a) => a.value)).toEqual(['10.0.0.0/8']);
    expect(atomsMinus(after, before).map((a) => a.value)).toEqual(['10.2.0.0/16']);
    const described = ruleAtoms(rule({ from_port: 80, to_port: 80, protocol: 'tcp', cidr_blocks: ['10.1.0.0/16'], description: 'x' }));
    expect(atomsMinus(described, after)).toHaveLength(1);
  });
});

describe('matchRules', () => {
  const remote = remoteAtoms([
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }, { CidrIp: '10.1.0.0/16', Description: 'ssh' }] },
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], UserIdGroupPairs: [{ GroupId: 'sg-me', UserId: '000000000000' }, { GroupId: 'sg-9', UserId: '999999999999' }] },
    { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ], 'sg-me', '000000000000');

  it('keeps local rules whose sources all exist, in their written order, with the remote description', () => {
    const local = [rule({ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.1.0.0/16', '10.0.0.0/8'] })];
    const got = matchRules(local, remote);
    expect(got[0]).toEqual({ ...local[0], description: 'ssh' });
  });

  it('turns what is left over into rules grouped by protocol, ports and description', () => {
    const got = matchRules([], remote);
    expect(got).toEqual([
      rule({ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '10.1.0.0/16'], description: 'ssh' }),
      rule({ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], self: true, security_groups: ['999999999999/sg-9'] }),
      rule({ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }),
    ]);
  });

  it('drops a local rule that lost a source, leaving the rest as found', () => {
    const local = [rule({ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '10.9.0.0/16'] })];
    const got = matchRules(local, remote);
    expect(got.find((r) => r.from_port === 22)?.cidr_blocks).toEqual(['10.0.0.0/8', '10.1.0.0/16']);
  });
});

describe('planning inline rules', () => {
  const type = impliedType(securityGroupSchema.block);
  const ruleType = impliedType(inlineRuleBlock);

  it('fills zero values and normalises the protocol, keeping unknown parts unknown', () => {
    const v = fromJS({ from_port: 80, to_port: 80, protocol: '6' }, ruleType);
    expect(toJS(normalizeRuleValue(v))).toEqual({ cidr_blocks: [], description: '', from_port: 80, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: 80 });
    const withUnknown = new Map(v.attrs);
    withUnknown.set('cidr_blocks', unknownVal(T.List(T.String)));
    const n = normalizeRuleValue(objectValOfType(ruleType, withUnknown));
    expect(isWhollyKnown(n)).toBe(false);
    expect(n.attrs.get('protocol')).toEqual(stringVal('tcp'));
  });

  it('treats no rule blocks as computed: prior on update, unknown on create', () => {
    const prior = fromJS({ id: 'sg-1', ingress: [{ from_port: 1, to_port: 1, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'], description: '', ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }], egress: [] }, type);
    const config = fromJS({ ingress: null, egress: null }, type);
    expect(configuredRules(config, 'ingress')).toBeUndefined();
    // `ingress = []` written as an argument removes every rule.
    expect(toJS(configuredRules(fromJS({ ingress: [], egress: null }, type), 'ingress')!)).toEqual([]);
    const updated = planInlineRules(prior, prior, config);
    expect(toJS(updated.attrs.get('ingress')!)).toEqual(toJS(prior.attrs.get('ingress')!));
    const created = planInlineRules(fromJS({}, type), null, config);
    expect(created.attrs.get('ingress')!.isKnown).toBe(false);
    expect(created.attrs.get('egress')!.isKnown).toBe(false);
  });
});
