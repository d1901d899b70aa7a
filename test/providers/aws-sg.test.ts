/**
 * aws_security_group through the provider protocol against the in-process cloud: inline
 * rules as hashicorp stores them, AWS's default egress rule removed, no drift after apply,
 * in-place rule changes, force-new attributes, drift made with the AWS SDK, import by id,
 * and deletes that wait for dependent rules to go.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DescribeVpcsCommand, DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand, type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { isWhollyKnown, nullVal, rawEquals, type Value } from '../../src/lang/value.js';
import { js } from './harness.js';
import { sgWorld, type SgWorld } from './aws-sg-support.js';

const T = 'aws_security_group';
let w: SgWorld;

beforeAll(async () => { w = await sgWorld(); });
afterAll(async () => { await w?.close(); });

async function describe1(id: string): Promise<SecurityGroup | undefined> {
  try {
    return (await w.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups?.[0];
  } catch {
    return undefined;
  }
}

const web = (name: string, extra: Record<string, unknown> = {}) => ({
  name, vpc_id: w.vpcId, tags: { Name: name },
  ingress: [
    { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '192.168.0.0/16'], description: 'ssh' },
    { from_port: 443, to_port: 443, protocol: '6', cidr_blocks: ['0.0.0.0/0'] },
  ],
  egress: [{ from_port: 0, to_port: 0, protocol: 'all', cidr_blocks: ['0.0.0.0/0'] }],
  ...extra,
});

/** Plans `cfg` against `state` and expects no change. */
async function expectNoChange(state: Value, cfg: Record<string, unknown>) {
  const read = await w.h.read(T, state);
  expect(read).not.toBeNull();
  const again = await w.h.plan(T, read, cfg);
  expect(again.diagnostics).toEqual([]);
  expect(again.requiresReplace).toEqual([]);
  expect(js(again.plannedState)).toEqual(js(read));
  return read!;
}

describe('aws_security_group', () => {
  it('creates a group with inline rules stored as hashicorp stores them, and plans no change after', async () => {
    const cfg = web('grp-web');
    const plan = await w.h.plan(T, null, cfg);
    expect(plan.diagnostics).toEqual([]);
    // Planned rules already carry the provider's normal form, so plan output shows them as stored.
    const plannedIngress = js(plan.plannedState).ingress as Record<string, unknown>[];
    expect(plannedIngress.find((r) => r.from_port === 443)).toEqual({
      cidr_blocks: ['0.0.0.0/0'], description: '', from_port: 443, ipv6_cidr_blocks: [], prefix_list_ids: [],
      protocol: 'tcp', security_groups: [], self: false, to_port: 443,
    });
    const state = await w.h.apply(T, null, plan.plannedState, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s.id).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(s.arn).toBe(`arn:aws:ec2:us-east-1:${s.owner_id}:security-group/${s.id}`);
    expect(s.owner_id).toMatch(/^\d{12}$/);
    expect(s.description).toBe('Managed by Terraform');
    expect(s.name).toBe('grp-web');
    expect(s.name_prefix).toBe('');
    expect(s.revoke_rules_on_delete).toBe(false);
    expect(s.egress).toEqual([{ cidr_blocks: ['0.0.0.0/0'], description: '', from_port: 0, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: '-1', security_groups: [], self: false, to_port: 0 }]);
    expect(s.tags_all).toEqual({ Name: 'grp-web' });

    const g = await describe1(s.id as string);
    expect(g?.GroupName).toBe('grp-web');
    expect(g?.VpcId).toBe(w.vpcId);
    const ssh = g?.IpPermissions?.find((p) => p.FromPort === 22);
    expect(ssh?.IpRanges?.map((r) => [r.CidrIp, r.Description])).toEqual([['10.0.0.0/8', 'ssh'], ['192.168.0.0/16', 'ssh']]);
    expect(g?.IpPermissionsEgress).toHaveLength(1);
    await expectNoChange(state, cfg);
    await w.h.destroy(T, state);
    expect(await describe1(s.id as string)).toBeUndefined();
  });

  it('removes the default egress rule when no egress is configured, and generates a name', async () => {
    // No ingress or egress written at all (null): the rules are computed.
    const cfg = { vpc_id: w.vpcId, ingress: null, egress: null };
    const plan = await w.h.plan(T, null, cfg);
    expect(plan.plannedState.attrs.get('egress')!.isKnown).toBe(false);
    const state = await w.h.apply(T, null, plan.plannedState, cfg);
    const s = js(state);
    expect(s.egress).toEqual([]);
    expect(s.ingress).toEqual([]);
    expect(s.name).toMatch(/^terraform-\d{18}[0-9a-f]{8}$/);
    expect(s.name_prefix).toBe('terraform-');
    expect((await describe1(s.id as string))?.IpPermissionsEgress ?? []).toEqual([]);
    await expectNoChange(state, cfg);

    const prefixed = await w.h.create(T, { vpc_id: w.vpcId, name_prefix: 'app-' });
    expect(js(prefixed).name).toMatch(/^app-\d{18}[0-9a-f]{8}$/);
    expect(js(prefixed).name_prefix).toBe('app-');
    await expectNoChange(prefixed, { vpc_id: w.vpcId, name_prefix: 'app-' });
    await w.h.destroy(T, prefixed);
    await w.h.destroy(T, state);
  });

  it('creates a group in the default VPC when vpc_id is omitted', async () => {
    const cfg = { name: 'grp-default-vpc' };
    const state = await w.h.create(T, cfg);
    const vpcs = await w.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }));
    expect(js(state).vpc_id).toBe(vpcs.Vpcs?.[0]?.VpcId);
    await expectNoChange(state, cfg);
    await w.h.destroy(T, state);
  });

  it.each([
    ['all', '-1'], ['-1', '-1'], ['6', 'tcp'], ['TCP', 'tcp'], ['17', 'udp'], ['icmp', 'icmp'], ['1', 'icmp'], ['50', '50'],
  ])('normalises protocol %s to %s', async (given, stored) => {
    const ports = stored === '-1' || stored === '50' ? [0, 0] : stored === 'icmp' ? [-1, -1] : [80, 80];
    const cfg = { name: `proto-${given}`, vpc_id: w.vpcId, ingress: [{ from_port: ports[0], to_port: ports[1], protocol: given, cidr_blocks: ['10.1.0.0/16'] }] };
    const state = await w.h.create(T, cfg);
    expect((js(state).ingress as { protocol: string }[])[0]!.protocol).toBe(stored);
    await expectNoChange(state, cfg);
    await w.h.destroy(T, state);
  });

  it('fails like hashicorp for protocol -1 with ports', async () => {
    const cfg = { name: 'bad-ports', vpc_id: w.vpcId, ingress: [{ from_port: 22, to_port: 22, protocol: '-1', cidr_blocks: ['10.0.0.0/8'] }] };
    const diags = await applyCreate(cfg);
    expect(diags[0]?.summary).toMatch(/^updating Security Group \(sg-[0-9a-f]+\) ingress rules: updating rules: from_port \(22\) and to_port \(22\) must both be 0 to use the 'ALL' "-1" protocol!$/);
    // Nothing is left behind: the next apply can create the group under the same name.
    const left = await w.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['bad-ports'] }] }));
    expect(left.SecurityGroups).toEqual([]);
  });

  it('updates inline rules in place, revoking and authorizing only the difference', async () => {
    const cfg = web('grp-upd');
    const state = await w.h.create(T, cfg);
    const id = js(state).id as string;
    const before = await describe1(id);
    const keptRuleIds = before?.IpPermissions?.find((p) => p.FromPort === 443);
    expect(keptRuleIds).toBeDefined();
    const next = web('grp-upd', {
      ingress: [
        { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'], description: 'ssh' },
        { from_port: 443, to_port: 443, protocol: '6', cidr_blocks: ['0.0.0.0/0'] },
        { from_port: 8080, to_port: 8081, protocol: 'tcp', self: true },
      ],
    });
    const plan = await w.h.plan(T, state, next);
    expect(plan.requiresReplace).toEqual([]);
    const updated = await w.h.apply(T, state, plan.plannedState, next);
    expect(js(updated).id).toBe(id);
    const g = await describe1(id);
    expect(g?.IpPermissions?.find((p) => p.FromPort === 22)?.IpRanges?.map((r) => r.CidrIp)).toEqual(['10.0.0.0/8']);
    expect(g?.IpPermissions?.find((p) => p.FromPort === 8080)?.UserIdGroupPairs?.map((p) => p.GroupId)).toEqual([id]);
    expect((js(updated).ingress as { self: boolean; from_port: number }[]).find((r) => r.from_port === 8080)?.self).toBe(true);
    await expectNoChange(updated, next);

    // No ingress blocks at all: the rules are computed, kept as they are (hashicorp's behaviour).
    const none = { ...next, ingress: null };
    const keep = await w.h.plan(T, updated, none);
    expect(rawEquals(keep.plannedState.attrs.get('ingress')!, updated.attrs.get('ingress')!)).toBe(true);
    await w.h.destroy(T, updated);
  });

  it('requires replacement when description, name or vpc_id change', async () => {
    const cfg = web('grp-repl');
    const state = await w.h.create(T, cfg);
    const vpc2 = (await w.ec2.send(new CreateVpcCommand({ CidrBlock: '10.41.0.0/16' }))).Vpc!.VpcId!;
    for (const [attr, change] of [['description', { description: 'other' }], ['name', { name: 'grp-repl2' }], ['vpc_id', { vpc_id: vpc2 }]] as const) {
      const p = await w.h.plan(T, state, { ...cfg, ...change });
      expect(p.requiresReplace).toContainEqual([{ attr }]);
      expect(p.plannedState.attrs.get('id')!.isKnown).toBe(false);
    }
    const tagged = await w.h.plan(T, state, { ...cfg, tags: { Name: 'x', Env: 'dev' } });
    expect(tagged.requiresReplace).toEqual([]);
    const after = await w.h.apply(T, state, tagged.plannedState, { ...cfg, tags: { Name: 'x', Env: 'dev' } });
    expect(js(after).tags_all).toEqual({ Name: 'x', Env: 'dev' });
    await w.h.destroy(T, after);
  });

  it('sees rules revoked and added with the AWS SDK in the next plan', async () => {
    const cfg = web('grp-drift');
    const state = await w.h.create(T, cfg);
    const id = js(state).id as string;
    await w.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '192.168.0.0/16' }] }] }));
    await w.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.9.0.0/16' }] }] }));
    const read = await w.h.read(T, state);
    const ingress = js(read).ingress as { from_port: number; cidr_blocks: string[]; protocol: string }[];
    // The half-revoked ssh rule no longer matches; what is left of it and the new rule appear as found.
    expect(ingress.map((r) => [r.protocol, r.from_port, r.cidr_blocks]).sort()).toEqual([
      ['tcp', 22, ['10.0.0.0/8']], ['tcp', 443, ['0.0.0.0/0']], ['udp', 53, ['10.9.0.0/16']],
    ].sort());
    const plan = await w.h.plan(T, read, cfg);
    expect(plan.requiresReplace).toEqual([]);
    expect(rawEquals(plan.plannedState, read!)).toBe(false);
    const fixed = await w.h.apply(T, read, plan.plannedState, cfg);
    const g = await describe1(id);
    expect(g?.IpPermissions?.find((p) => p.IpProtocol === 'udp')).toBeUndefined();
    expect(g?.IpPermissions?.find((p) => p.FromPort === 22)?.IpRanges?.map((r) => r.CidrIp)).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
    await expectNoChange(fixed, cfg);
    await w.h.destroy(T, fixed);
  });

  it('imports by group id with no change planned after', async () => {
    const cfg = web('grp-imp');
    const made = await w.h.create(T, cfg);
    const id = js(made).id as string;
    const imp = await w.h.importState(T, id);
    expect(imp.diagnostics).toEqual([]);
    const state = imp.importedResources[0]!.state;
    expect(js(state).name).toBe('grp-imp');
    expect(js(state).vpc_id).toBe(w.vpcId);
    const plan = await w.h.plan(T, state, cfg);
    expect(plan.requiresReplace).toEqual([]);
    expect(js(plan.plannedState)).toEqual(js(state));
    const missing = await w.h.importState(T, 'sg-0123456789abcdef0');
    expect(missing.diagnostics[0]?.summary).toBe('Cannot import non-existent remote object');
    await w.h.destroy(T, state);
  });

  it('reports AWS errors with the operation, code and message', async () => {
    await w.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'taken', Description: 'd', VpcId: w.vpcId }));
    const cfg = { name: 'taken', vpc_id: w.vpcId };
    const diags = await applyCreate(cfg);
    expect(diags[0]?.summary).toBe(`creating Security Group (taken): InvalidGroup.Duplicate: The security group 'taken' already exists for VPC '${w.vpcId}'`);
  });

  it('waits for a dependent rule in another group to go before deleting, and revoke_rules_on_delete removes it', async () => {
    const target = await w.h.create(T, { name: 'grp-target', vpc_id: w.vpcId });
    const targetId = js(target).id as string;
    const other = await w.h.create(T, { name: 'grp-other', vpc_id: w.vpcId, ingress: [{ from_port: 5432, to_port: 5432, protocol: 'tcp', security_groups: [targetId] }] });
    const otherId = js(other).id as string;
    const started = w.h.destroy(T, target);
    setTimeout(() => {
      void w.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: otherId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: targetId }] }] }));
    }, 200);
    await started;
    expect(await describe1(targetId)).toBeUndefined();

    const t2 = await w.h.create(T, { name: 'grp-target2', vpc_id: w.vpcId, revoke_rules_on_delete: true });
    const t2Id = js(t2).id as string;
    await w.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: otherId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, UserIdGroupPairs: [{ GroupId: t2Id }] }] }));
    await w.h.destroy(T, t2);
    expect(await describe1(t2Id)).toBeUndefined();
    await w.h.destroy(T, other);
  }, 30_000);

  it('gives up with AWS\'s DependencyViolation once timeouts.delete has passed', async () => {
    const target = await w.h.create(T, { name: 'grp-held', vpc_id: w.vpcId, timeouts: { delete: '1s' } });
    const targetId = js(target).id as string;
    const holder = await w.h.create(T, { name: 'grp-holder', vpc_id: w.vpcId, egress: [{ from_port: 443, to_port: 443, protocol: 'tcp', security_groups: [targetId] }] });
    const started = Date.now();
    const r = await w.h.p.applyResourceChange({ typeName: T, priorState: target, plannedState: nullVal(w.h.type(T)), config: nullVal(w.h.type(T)) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.diagnostics[0]?.summary).toBe(`deleting Security Group (${targetId}): DependencyViolation: resource ${targetId} has a dependent object`);
    expect(await describe1(targetId)).toBeDefined();
    await w.h.destroy(T, holder);
    await w.h.destroy(T, target);
  });
});

/** Plans and applies a create, returning the apply's diagnostics (for expected failures). */
async function applyCreate(cfg: Record<string, unknown>) {
  const plan = await w.h.plan(T, null, cfg);
  expect(plan.diagnostics).toEqual([]);
  const r = await w.h.p.applyResourceChange({ typeName: T, priorState: nullVal(w.h.type(T)), plannedState: plan.plannedState, config: w.h.config(T, cfg) });
  return r.diagnostics;
}
