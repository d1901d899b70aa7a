import { describe, expect, it } from 'vitest';
import { flattenRoute, routeDestination, routeTarget } from './route-table-routes.js';

const empty = {
  carrier_gateway_id: '', cidr_block: '', core_network_arn: '', destination_prefix_list_id: '', egress_only_gateway_id: '',
  gateway_id: '', ipv6_cidr_block: '', local_gateway_id: '', nat_gateway_id: '', network_interface_id: '', transit_gateway_id: '',
  vpc_endpoint_id: '', vpc_peering_connection_id: '',
};

describe('flattenRoute', () => {
  it.each([
    ['the local route', { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable' }],
    ['a propagated route', { DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'vgw-1', Origin: 'EnableVgwRoutePropagation' }],
    ['a VPC endpoint prefix list route', { DestinationPrefixListId: 'pl-1', GatewayId: 'vpce-1', Origin: 'CreateRoute' }],
  ] as const)('leaves out %s', (_name, r) => {
    expect(flattenRoute(r)).toBeUndefined();
  });
  it('stores every field, "" when unset', () => {
    expect(flattenRoute({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', Origin: 'CreateRoute', State: 'active' }))
      .toEqual({ ...empty, cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-1' });
  });
  it('reports an endpoint target as vpc_endpoint_id', () => {
    expect(flattenRoute({ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'vpce-1' })).toEqual({ ...empty, cidr_block: '10.1.0.0/16', vpc_endpoint_id: 'vpce-1' });
  });
});

describe('route destination and target', () => {
  it('take the first set attribute in hashicorp order', () => {
    const r = { ...empty, ipv6_cidr_block: '::/0', egress_only_gateway_id: 'eigw-1' };
    expect(routeDestination(r)).toEqual(['ipv6_cidr_block', '::/0']);
    expect(routeTarget(r)).toEqual(['egress_only_gateway_id', 'eigw-1']);
    expect(routeTarget(empty)).toEqual(['', '']);
  });
});
