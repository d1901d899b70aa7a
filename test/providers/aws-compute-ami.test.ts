/**
 * Data source aws_ami through the provider protocol against the in-process cloud: the
 * usual "latest Ubuntu from Canonical" lookup, name_regex, and hashicorp's errors when
 * nothing or more than one image matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { js } from './harness.js';
import { computeEnv, type ComputeEnv } from './aws-compute-support.js';

let env: ComputeEnv;
beforeAll(async () => { env = await computeEnv(); });
afterAll(async () => { await env?.close(); });

const A = 'aws_ami';
const CANONICAL = '099720109477';
const JAMMY = 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*';

describe('data aws_ami', () => {
  it('finds the most recent Ubuntu 22.04 image from Canonical', async () => {
    const r = await env.h.readData(A, {
      most_recent: true, owners: [CANONICAL],
      filter: [{ name: 'name', values: [JAMMY] }, { name: 'virtualization-type', values: ['hvm'] }],
    });
    expect(r.diagnostics).toEqual([]);
    const all = (await env.ec2.send(new DescribeImagesCommand({ Owners: [CANONICAL], Filters: [{ Name: 'name', Values: [JAMMY] }] }))).Images!;
    const newest = [...all].sort((a, b) => (a.CreationDate! < b.CreationDate! ? 1 : -1))[0]!;
    expect(all.length).toBeGreaterThan(1);
    const s = js(r.state);
    expect(s).toMatchObject({
      id: newest.ImageId, image_id: newest.ImageId, name: newest.Name, owner_id: CANONICAL, architecture: 'x86_64',
      root_device_name: '/dev/sda1', root_device_type: 'ebs', virtualization_type: 'hvm', state: 'available', public: true,
      image_type: 'machine', creation_date: newest.CreationDate, most_recent: true, include_deprecated: false,
      state_reason: { code: 'UNSET', message: 'UNSET' }, tags: {}, platform_details: 'Linux/UNIX',
    });
    expect(s.arn).toBe(`arn:aws:ec2:us-east-1::image/${newest.ImageId}`);
    const root = (s.block_device_mappings as Record<string, unknown>[]).find((m) => m.device_name === '/dev/sda1');
    expect(root).toMatchObject({ virtual_name: '', no_device: '', ebs: { delete_on_termination: 'true', encrypted: 'false', volume_size: '8', volume_type: 'gp2', iops: '0', throughput: '0' } });
    expect(s.root_snapshot_id).toBe((root!.ebs as Record<string, string>).snapshot_id);
  });

  it('narrows with name_regex', async () => {
    const r = await env.h.readData(A, { most_recent: true, owners: ['amazon'], name_regex: '^al2023-ami-2023\\.3\\..*-arm64$' });
    expect(r.diagnostics).toEqual([]);
    expect(js(r.state)).toMatchObject({ name: 'al2023-ami-2023.3.20240205.2-kernel-6.1-arm64', architecture: 'arm64', image_owner_alias: 'amazon', imds_support: 'v2.0' });
  });

  it.each([
    { name: 'nothing matches', cfg: { owners: [CANONICAL], filter: [{ name: 'name', values: ['windows-*'] }] },
      want: 'Your query returned no results. Please change your search criteria and try again.' },
    { name: 'several match without most_recent', cfg: { owners: [CANONICAL], filter: [{ name: 'name', values: [JAMMY] }] },
      want: 'Your query returned more than one result. Please try a more specific search criteria, or set `most_recent` attribute to true.' },
    { name: 'a filter AWS does not know', cfg: { owners: [CANONICAL], filter: [{ name: 'colour', values: ['blue'] }] },
      want: "reading EC2 AMIs: InvalidParameterValue: The filter 'colour' is invalid" },
  ])('fails as hashicorp does when $name', async ({ cfg, want }) => {
    const r = await env.h.readData(A, cfg);
    expect(r.diagnostics.map((d) => d.summary)).toEqual([want]);
  });
});
