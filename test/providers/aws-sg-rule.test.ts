/**
 * aws_security_group_rule and the aws_security_group data source through the provider
 * protocol against the in-process cloud: hashicorp's "sgrule-" ids, force-new arguments,
 * description updates in place, the "-1" port rule, drift, import ids such as
 * "sg-0abc_ingress_tcp_22_22_10.0.0.0/8", argument validation, and data source lookups.
 */
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTagsCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { isWhollyKnown, nullVal, type Value } from '../../src/lang/value.js';
import { fromJS } from '../../src/providers/sdk/obj.js';
import { impliedType } from '../../src/providers/schema.js';
import { js } from './harness.js';
import { sgWorld, type SgWorld } from './aws-sg-support.js';

const R = 'aws_security_group_rule';
let w: SgWorld;
let sgId: string;
let peerId: string;

beforeAll(async () => {
  w = await sgWorld();
  sgId = js(await w.h.create('aws_security_group', { name: 'sgr-main', vpc_id: w.vpcId })).id as string;
  peerId = js(await w.h.create('aws_security_group', { name: 'sgr-peer', vpc_id: w.vpcId, tags: { Role: 'peer' } })).id as string;
});
afterAll(async () => { await w?.close(); });

async function ingress() {
  return (await w.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sgId] }))).SecurityGroups![0]!.IpPermissions ?? [];
}

/** Reads the data source (the harness types configs by the resource of the same name). */
async function readData(cfg: Record<string, unknown>) {
  const type = impliedType(w.h.p.getSchema().dataSources['aws_security_group']!.block);
  return w.h.p.readDataSource({ typeName: 'aws_security_group', config: fromJS({ filter: [], ...cfg }, type) });
}

async function noChange(state: Value, cfg: Record<string, unknown>) {
  const read = await w.h.read(R, state);
  expect(read).not.toBeNull();
  const p = await w.h.plan(R, read, cfg);
  expect(p.diagnostics).toEqual([]);
  expect(p.requiresReplace, JSON.stringify([js(read), js(p.plannedState)])).toEqual([]);
  expect(js(p.plannedState)).toEqual(js(read));
  return read!;
}

describe('aws_security_group_rule', () => {
  it('creates a rule with hashicorp\'s id and state, and plans no change after', async () => {
    const cfg = { type: 'ingress', security_group_id: sgId, protocol: '6', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8', '172.16.0.0/12'] };
    const state = await w.h.create(R, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s.id).toBe(`sgrule-${crc32(`${sgId}-22-22-tcp-ingress-10.0.0.0/8-172.16.0.0/12-`)}`);
    expect(s.protocol).toBe('tcp');
    expect(s.description).toBe('');
    expect(s.self).toBe(false);
    expect(s.source_security_group_id).toBeNull();
    expect(s.ipv6_cidr_blocks).toBeNull();
    expect(s.security_group_rule_id).toBe('');
    expect((await ingress()).find((p) => p.FromPort === 22)?.IpRanges?.map((r) => r.CidrIp)).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
    await noChange(state, cfg);
    await w.h.destroy(R, state);
    expect((await ingress()).find((p) => p.FromPort === 22)).toBeUndefined();
  });

  it('records the AWS rule id of a single-source rule and updates its description in place', async () => {
    const cfg = { type: 'ingress', security_group_id: sgId, protocol: 'tcp', from_port: 5432, to_port: 5432, source_security_group_id: peerId, description: 'db' };
    const state = await w.h.create(R, cfg);
    expect(js(state).security_group_rule_id).toMatch(/^sgr-/);
    const next = { ...cfg, description: 'database' };
    const p = await w.h.plan(R, state, next);
    expect(p.requiresReplace).toEqual([]);
    const updated = await w.h.apply(R, state, p.plannedState, next);
    expect(js(updated).description).toBe('database');
    expect((await ingress()).find((x) => x.FromPort === 5432)?.UserIdGroupPairs?.[0]?.Description).toBe('database');
    await noChange(updated, next);
    for (const [attr, change] of [['from_port', { from_port: 5433 }], ['protocol', { protocol: 'udp' }], ['type', { type: 'egress' }], ['source_security_group_id', { source_security_group_id: sgId }]] as const) {
      const r = await w.h.plan(R, updated, { ...next, ...change });
      expect(r.requiresReplace).toContainEqual([{ attr }]);
    }
    await w.h.destroy(R, updated);
  });

  it('stores ports 0 for an all-protocol rule and ignores other configured ports', async () => {
    const cfg = { type: 'egress', security_group_id: sgId, protocol: 'all', from_port: 0, to_port: 65535, self: true };
    const state = await w.h.create(R, cfg);
    const s = js(state);
    expect([s.protocol, s.from_port, s.to_port, s.self]).toEqual(['-1', 0, 0, true]);
    await noChange(state, cfg);
    await w.h.destroy(R, state);
  });

  it('is gone from state when a source is revoked behind terrane\'s back', async () => {
    const cfg = { type: 'ingress', security_group_id: sgId, protocol: 'udp', from_port: 53, to_port: 53, cidr_blocks: ['10.7.0.0/16', '10.8.0.0/16'] };
    const state = await w.h.create(R, cfg);
    await w.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.8.0.0/16' }] }] }));
    expect(await w.h.read(R, state)).toBeNull();
    await w.h.destroy(R, state);
  });

  it('imports by hashicorp\'s import id with no change planned after', async () => {
    const cfg = { type: 'ingress', security_group_id: sgId, protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_blocks: ['10.0.0.0/8'], description: 'app' };
    const made = await w.h.create(R, cfg);
    const imp = await w.h.importState(R, `${sgId}_ingress_tcp_8080_8080_10.0.0.0/8`);
    expect(imp.diagnostics).toEqual([]);
    const state = imp.importedResources[0]!.state;
    expect(js(state).id).toBe(js(made).id);
    expect(js(state).description).toBe('app');
    await noChange(state, cfg);
    const bad = await w.h.importState(R, `${sgId}_sideways_tcp_1_2_10.0.0.0/8`);
    expect(bad.diagnostics[0]?.summary).toBe(`unexpected format for ID ("${sgId}_sideways_tcp_1_2_10.0.0.0/8"), expected SECURITYGROUPID_TYPE_PROTOCOL_FROMPORT_TOPORT_SOURCE[_SOURCE]*: expecting 'ingress' or 'egress'`);
    const short = await w.h.importState(R, `${sgId}_ingress_tcp`);
    expect(short.diagnostics[0]?.summary).toMatch(/too few parts$/);
    await w.h.destroy(R, state);
  });

  it('creates rules of one group in parallel, and imports a self rule', async () => {
    const cfgs = [100, 101, 102, 103].map((port) => ({ type: 'ingress', security_group_id: sgId, protocol: 'tcp', from_port: port, to_port: port, self: true }));
    const states = await Promise.all(cfgs.map((c) => w.h.create(R, c)));
    expect(new Set(states.map((x) => js(x).id)).size).toBe(4);
    const imp = await w.h.importState(R, `${sgId}_ingress_tcp_101_101_self`);
    expect(imp.diagnostics).toEqual([]);
    expect(js(imp.importedResources[0]!.state).id).toBe(js(states[1]!).id);
    await noChange(imp.importedResources[0]!.state, cfgs[1]!);
    await Promise.all(states.map((x) => w.h.destroy(R, x)));
    expect((await ingress()).filter((p) => (p.FromPort ?? 0) >= 100 && (p.FromPort ?? 0) <= 103)).toEqual([]);
  });

  it('checks type, conflicting sources and that one source is given', async () => {
    const base = { security_group_id: sgId, protocol: 'tcp', from_port: 1, to_port: 1 };
    const type = await w.h.plan(R, null, { ...base, type: 'sideways', cidr_blocks: ['10.0.0.0/8'] });
    expect(type.diagnostics.map((d) => d.summary)).toContain('expected type to be one of ["egress" "ingress"], got sideways');
    const both = await w.h.plan(R, null, { ...base, type: 'ingress', cidr_blocks: ['10.0.0.0/8'], self: true });
    expect(both.diagnostics.map((d) => d.detail)).toContain('"cidr_blocks": conflicts with self');
    const none = await w.h.plan(R, null, { ...base, type: 'ingress' });
    expect(none.diagnostics.map((d) => d.detail)).toContain('"cidr_blocks": one of `cidr_blocks,ipv6_cidr_blocks,prefix_list_ids,self,source_security_group_id` must be specified');
  });

  it('reports a duplicate with hashicorp\'s warning text', async () => {
    const cfg = { type: 'ingress', security_group_id: sgId, protocol: 'tcp', from_port: 9, to_port: 9, cidr_blocks: ['10.9.0.0/16'] };
    const first = await w.h.create(R, cfg);
    const plan = await w.h.plan(R, null, cfg);
    const r = await w.h.p.applyResourceChange({ typeName: R, priorState: nullVal(w.h.type(R)), plannedState: plan.plannedState, config: w.h.config(R, cfg) });
    expect(r.diagnostics[0]?.summary).toMatch(new RegExp(`^\\[WARN\\] A duplicate Security Group rule was found on \\(${sgId}\\)`));
    expect(r.diagnostics[0]?.summary).toContain('Error: InvalidPermission.Duplicate: the specified rule');
    await w.h.destroy(R, first);
  });
});

describe('data source aws_security_group', () => {
  it.each([
    ['id', () => ({ id: peerId })],
    ['name and vpc_id', () => ({ name: 'sgr-peer', vpc_id: w.vpcId })],
    ['tags', () => ({ tags: { Role: 'peer' } })],
    ['filter', () => ({ filter: [{ name: 'group-name', values: ['sgr-peer'] }] })],
  ])('finds a group by %s', async (_, cfg) => {
    const r = await readData(cfg());
    expect(r.diagnostics, JSON.stringify(r.diagnostics)).toEqual([]);
    const s = js(r.state);
    expect(s.id).toBe(peerId);
    expect(s.name).toBe('sgr-peer');
    expect(s.vpc_id).toBe(w.vpcId);
    expect(s.description).toBe('Managed by Terraform');
    expect(s.arn).toMatch(new RegExp(`:security-group/${peerId}$`));
    expect(s.tags).toEqual({ Role: 'peer' });
  });

  it('fails when no group or several match', async () => {
    const none = await readData({ name: 'no-such-group' });
    expect(none.diagnostics[0]?.summary).toBe('no matching EC2 Security Group found');
    const missing = await readData({ id: 'sg-0123456789abcdef0' });
    expect(missing.diagnostics[0]?.summary).toBe('no matching EC2 Security Group found');
    await w.ec2.send(new CreateTagsCommand({ Resources: [sgId], Tags: [{ Key: 'Role', Value: 'peer' }] }));
    const many = await readData({ tags: { Role: 'peer' } });
    expect(many.diagnostics[0]?.summary).toBe('multiple EC2 Security Groups matched; use additional constraints to reduce matches to a single EC2 Security Group');
  });
});
