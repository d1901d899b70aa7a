import { describe, expect, it } from 'vitest';
import { impliedType } from '../../schema.js';
import { attr, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { vpcSchema } from './schemas.js';
import { keepZeroValues, validateVpc } from './vpc-plan.js';

const vpc = (attrs: Record<string, unknown>) => withAttrs(nullObject(impliedType(vpcSchema.block)), attrs);

describe('validateVpc', () => {
  it.each([
    ['nothing IPv6', { cidr_block: '10.0.0.0/16' }, []],
    // What hashicorp/aws generates for an imported VPC, and then rejects.
    ['a zero netmask without a pool', { ipv6_netmask_length: 0 }, ['Missing required argument: "ipv6_netmask_length": all of `ipv6_ipam_pool_id,ipv6_netmask_length` must be specified']],
    ['a netmask with its pool', { ipv6_netmask_length: 56, ipv6_ipam_pool_id: 'ipam-pool-1' }, []],
    ['an IPv6 block without a pool', { ipv6_cidr_block: '2600::/56' }, ['Missing required argument: "ipv6_cidr_block": all of `ipv6_cidr_block,ipv6_ipam_pool_id` must be specified']],
    ['a CIDR and an IPv4 netmask', { cidr_block: '10.0.0.0/16', ipv4_netmask_length: 16, ipv4_ipam_pool_id: 'p' }, [
      'Conflicting configuration arguments: "cidr_block": conflicts with ipv4_netmask_length',
      'Conflicting configuration arguments: "ipv4_netmask_length": conflicts with cidr_block',
    ]],
    ['an Amazon IPv6 block and a pool', { assign_generated_ipv6_cidr_block: true, ipv6_ipam_pool_id: 'p' }, [
      'Conflicting configuration arguments: "assign_generated_ipv6_cidr_block": conflicts with ipv6_ipam_pool_id',
      'Conflicting configuration arguments: "ipv6_ipam_pool_id": conflicts with assign_generated_ipv6_cidr_block',
    ]],
  ])('%s', (_name, config, want) => {
    expect(validateVpc(vpc(config)).map((d) => `${d.summary}: ${d.detail}`)).toEqual(want);
  });
});

describe('keepZeroValues', () => {
  const prior = vpc({ id: 'vpc-1', assign_generated_ipv6_cidr_block: false, ipv6_netmask_length: 0, ipv6_ipam_pool_id: '' });
  it('plans no change for the zero values hashicorp/aws reads when the configuration leaves them unset', () => {
    const p = keepZeroValues({ prior, planned: vpc({ id: 'vpc-1' }), config: vpc({}), requiresReplace: [] });
    expect(attr(p.planned, 'assign_generated_ipv6_cidr_block').bool).toBe(false);
    expect(attr(p.planned, 'ipv6_netmask_length').num).toBe(0);
    expect(attr(p.planned, 'ipv6_ipam_pool_id').str).toBe('');
  });
  it('leaves a configured value and a create alone', () => {
    const set = keepZeroValues({ prior, planned: vpc({ assign_generated_ipv6_cidr_block: true }), config: vpc({ assign_generated_ipv6_cidr_block: true }), requiresReplace: [] });
    expect(attr(set.planned, 'assign_generated_ipv6_cidr_block').bool).toBe(true);
    const create = keepZeroValues({ prior: null, planned: vpc({}), config: vpc({}), requiresReplace: [] });
    expect(attr(create.planned, 'ipv6_netmask_length').isNull).toBe(true);
  });
});
