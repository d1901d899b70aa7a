/**
 * aws_vpc_security_group_ingress_rule / _egress_rule through the provider protocol against
 * the in-process cloud: rule ids and ARNs, no drift after apply, in-place updates through
 * ModifySecurityGroupRules, replacement when the source kind or group changes, drift made
 * with the AWS SDK, import by rule id, and the one-source validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeSecurityGroupRulesCommand, ModifySecurityGroupRulesCommand, RevokeSecurityGroupIngressCommand, type SecurityGroupRule } from '@aws-sdk/client-ec2';
import { isWhollyKnown, nullVal, type Value } from '../../src/lang/value.js';
import { js } from './harness.js';
import { sgWorld, type SgWorld } from './aws-sg-support.js';

const IN = 'aws_vpc_security_group_ingress_rule';
const OUT = 'aws_vpc_security_group_egress_rule';
let w: SgWorld;
let sgId: string;
let peerId: string;

beforeAll(async () => {
  w = await sgWorld();
  sgId = js(await w.h.create('aws_security_group', { name: 'rules-main', vpc_id: w.vpcId })).id as string;
  peerId = js(await w.h.create('aws_security_group', { name: 'rules-peer', vpc_id: w.vpcId })).id as string;
});
afterAll(async () => { await w?.close(); });

async function awsRule(id: string): Promise<SecurityGroupRule | undefined> {
  try {
    return (await w.ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] }))).SecurityGroupRules?.[0];
  } catch {
    return undefined;
  }
}

async function noChange(type: string, state: Value, cfg: Record<string, unknown>) {
  const read = await w.h.read(type, state);
  expect(read).not.toBeNull();
  const p = await w.h.plan(type, read, cfg);
  expect(p.diagnostics).toEqual([]);
  expect(p.requiresReplace).toEqual([]);
  expect(js(p.plannedState)).toEqual(js(read));
  return read!;
}

describe('aws_vpc_security_group_ingress_rule / egress_rule', () => {
  it('creates an ingress rule with the AWS rule id, ARN and tags, and plans no change after', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8', description: 'https', tags: { Name: 'https' } };
    const state = await w.h.create(IN, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s.id).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(s.security_group_rule_id).toBe(s.id);
    expect(s.arn).toMatch(new RegExp(`^arn:aws:ec2:us-east-1:\\d{12}:security-group-rule/${s.id}$`));
    expect(s.tags_all).toEqual({ Name: 'https' });
    const r = await awsRule(s.id as string);
    expect([r?.IsEgress, r?.CidrIpv4, r?.FromPort, r?.ToPort, r?.Description]).toEqual([false, '10.0.0.0/8', 443, 443, 'https']);
    expect(r?.Tags).toEqual([{ Key: 'Name', Value: 'https' }]);
    await noChange(IN, state, cfg);
    await w.h.destroy(IN, state);
    expect(await awsRule(s.id as string)).toBeUndefined();
  });

  it('creates an all-traffic egress rule to a referenced group with null ports', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: '-1', referenced_security_group_id: peerId };
    const state = await w.h.create(OUT, cfg);
    const s = js(state);
    expect(s.from_port).toBeNull();
    expect(s.to_port).toBeNull();
    expect(s.referenced_security_group_id).toBe(peerId);
    expect((await awsRule(s.id as string))?.IsEgress).toBe(true);
    await noChange(OUT, state, cfg);
    await w.h.destroy(OUT, state);
  });

  it('keeps the protocol as written when AWS reports an equivalent one', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: '6', from_port: 22, to_port: 22, cidr_ipv4: '10.2.0.0/16' };
    const state = await w.h.create(IN, cfg);
    expect(js(state).ip_protocol).toBe('6');
    const read = await noChange(IN, state, cfg);
    const asName = await w.h.plan(IN, read, { ...cfg, ip_protocol: 'tcp' });
    expect(js(asName.plannedState)).toEqual(js(read));
    await w.h.destroy(IN, state);
  });

  it('updates ports, description and CIDR in place, and replaces the rule when the source kind changes', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '10.3.0.0/16' };
    const state = await w.h.create(IN, cfg);
    const id = js(state).id as string;
    const next = { ...cfg, from_port: 8000, to_port: 8080, cidr_ipv4: '10.4.0.0/16', description: 'web' };
    const p = await w.h.plan(IN, state, next);
    expect(p.requiresReplace).toEqual([]);
    const updated = await w.h.apply(IN, state, p.plannedState, next);
    expect(js(updated).id).toBe(id);
    const r = await awsRule(id);
    expect([r?.FromPort, r?.ToPort, r?.CidrIpv4, r?.Description]).toEqual([8000, 8080, '10.4.0.0/16', 'web']);
    await noChange(IN, updated, next);

    const kind = await w.h.plan(IN, updated, { security_group_id: sgId, ip_protocol: 'tcp', from_port: 80, to_port: 80, referenced_security_group_id: peerId });
    expect(kind.requiresReplace).toEqual(expect.arrayContaining([[{ attr: 'cidr_ipv4' }], [{ attr: 'referenced_security_group_id' }]]));
    expect(kind.plannedState.attrs.get('id')!.isKnown).toBe(false);
    const group = await w.h.plan(IN, updated, { ...next, security_group_id: peerId });
    expect(group.requiresReplace).toContainEqual([{ attr: 'security_group_id' }]);
    await w.h.destroy(IN, updated);
  });

  it('sees a rule changed or revoked with the AWS SDK', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: 'udp', from_port: 53, to_port: 53, cidr_ipv4: '10.5.0.0/16' };
    const state = await w.h.create(IN, cfg);
    const id = js(state).id as string;
    await w.ec2.send(new ModifySecurityGroupRulesCommand({ GroupId: sgId, SecurityGroupRules: [{ SecurityGroupRuleId: id, SecurityGroupRule: { IpProtocol: 'udp', FromPort: 53, ToPort: 54, CidrIpv4: '10.5.0.0/16' } }] }));
    const read = await w.h.read(IN, state);
    expect(js(read).to_port).toBe(54);
    const p = await w.h.plan(IN, read, cfg);
    expect(js(p.plannedState).to_port).toBe(53);
    await w.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: sgId, SecurityGroupRuleIds: [id] }));
    expect(await w.h.read(IN, state)).toBeNull();
    await w.h.destroy(IN, state); // already gone: succeeds
  });

  it('imports by rule id with no change planned after', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: 'tcp', from_port: 5432, to_port: 5432, referenced_security_group_id: peerId, description: 'db' };
    const made = await w.h.create(IN, cfg);
    const imp = await w.h.importState(IN, js(made).id as string);
    expect(imp.diagnostics).toEqual([]);
    const state = imp.importedResources[0]!.state;
    expect(js(state)).toEqual(js(made));
    await noChange(IN, state, cfg);
    // An ingress rule id is not an egress rule.
    const wrong = await w.h.importState(OUT, js(made).id as string);
    expect(wrong.diagnostics[0]?.summary).toBe('Cannot import non-existent remote object');
    await w.h.destroy(IN, state);
  });

  it('requires exactly one source and ports in range', async () => {
    const none = await w.h.plan(IN, null, { security_group_id: sgId, ip_protocol: 'tcp', from_port: 1, to_port: 2 });
    expect(none.diagnostics[0]?.detail).toBe('No attribute specified when one (and only one) of [cidr_ipv4,cidr_ipv6,prefix_list_id,referenced_security_group_id] is required');
    const two = await w.h.plan(IN, null, { security_group_id: sgId, ip_protocol: 'tcp', from_port: 1, to_port: 2, cidr_ipv4: '10.0.0.0/8', cidr_ipv6: '::/0' });
    expect(two.diagnostics[0]?.detail).toBe('2 attributes specified when one (and only one) of [cidr_ipv4,cidr_ipv6,prefix_list_id,referenced_security_group_id] is required');
    const port = await w.h.plan(IN, null, { security_group_id: sgId, ip_protocol: 'tcp', from_port: 1, to_port: 70000, cidr_ipv4: '10.0.0.0/8' });
    expect(port.diagnostics[0]?.detail).toBe('Attribute to_port value must be between -1 and 65535, got: 70000');
  });

  it('reports a duplicate rule as AWS words it', async () => {
    const cfg = { security_group_id: sgId, ip_protocol: 'tcp', from_port: 25, to_port: 25, cidr_ipv4: '10.6.0.0/16' };
    const first = await w.h.create(IN, cfg);
    const plan = await w.h.plan(IN, null, cfg);
    const r = await w.h.p.applyResourceChange({ typeName: IN, priorState: nullVal(w.h.type(IN)), plannedState: plan.plannedState, config: w.h.config(IN, cfg) });
    expect(r.diagnostics[0]?.summary).toBe('creating VPC Security Group Rule: InvalidPermission.Duplicate: the specified rule "peer: 10.6.0.0/16, TCP, from port: 25, to port: 25, ALLOW" already exists');
    await w.h.destroy(IN, first);
  });
});
