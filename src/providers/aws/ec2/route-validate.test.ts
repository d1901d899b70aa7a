import { describe, expect, it } from 'vitest';
import * as T from '../../../lang/types.js';
import { unknownVal } from '../../../lang/value.js';
import { fromJS, withAttrs } from '../../sdk/obj.js';
import { impliedType } from '../../schema.js';
import { natGatewaySchema, routeSchema, routeTableAssociationSchema } from './schemas.js';
import { validateNatGateway, validateRoute, validateRouteTableAssociation } from './route-validate.js';

const route = (js: Record<string, unknown>) => validateRoute(fromJS(js, impliedType(routeSchema.block)));

describe('validateRoute', () => {
  it('accepts one destination and one target', () => {
    expect(route({ route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' })).toEqual([]);
  });
  it.each([
    ['no destination', { route_table_id: 'rtb-1', gateway_id: 'igw-1' },
      '"destination_cidr_block": one of `destination_cidr_block,destination_ipv6_cidr_block,destination_prefix_list_id` must be specified'],
    ['two targets', { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-1', nat_gateway_id: 'nat-1' },
      '"gateway_id": only one of `carrier_gateway_id,core_network_arn,egress_only_gateway_id,gateway_id,local_gateway_id,nat_gateway_id,network_interface_id,transit_gateway_id,vpc_endpoint_id,vpc_peering_connection_id` can be specified, but `gateway_id,nat_gateway_id` were specified.'],
    ['an egress-only gateway for IPv4', { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', egress_only_gateway_id: 'eigw-1' },
      '"egress_only_gateway_id": conflicts with destination_cidr_block'],
  ])('rejects %s', (_name, cfg, detail) => {
    expect(route(cfg).map((d) => d.detail)).toContain(detail);
  });
  it('counts a target not yet known as set', () => {
    const t = impliedType(routeSchema.block);
    const v = withAttrs(fromJS({ route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0' }, t), { gateway_id: unknownVal(T.String) });
    expect(validateRoute(v)).toEqual([]);
  });
});

describe('validateRouteTableAssociation and validateNatGateway', () => {
  it('needs exactly one of subnet_id and gateway_id', () => {
    const t = impliedType(routeTableAssociationSchema.block);
    expect(validateRouteTableAssociation(fromJS({ route_table_id: 'rtb-1', subnet_id: 'subnet-1' }, t))).toEqual([]);
    expect(validateRouteTableAssociation(fromJS({ route_table_id: 'rtb-1' }, t))[0]?.detail).toBe('"gateway_id": one of `gateway_id,subnet_id` must be specified');
  });
  it('rejects an allocation for a private gateway and a secondary count for a public one', () => {
    const t = impliedType(natGatewaySchema.block);
    expect(validateNatGateway(fromJS({ subnet_id: 's', connectivity_type: 'private', allocation_id: 'eipalloc-1' }, t)).map((d) => d.summary))
      .toEqual(['allocation_id is not supported with connectivity_type = "private"']);
    expect(validateNatGateway(fromJS({ subnet_id: 's', allocation_id: 'eipalloc-1', secondary_private_ip_address_count: 2 }, t)).map((d) => d.summary))
      .toEqual(['secondary_private_ip_address_count is not supported with connectivity_type = "public"']);
    expect(validateNatGateway(fromJS({ subnet_id: 's', allocation_id: 'eipalloc-1' }, t))).toEqual([]);
  });
});
