/**
 * Schemas of the EC2 network resources, as hashicorp/aws defines them. Kept apart from the
 * implementations so that loading the provider's schema does not load the AWS SDK.
 */
import * as T from '../../../lang/types.js';
import { boolVal, stringVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { impliedType } from '../../schema.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';
import { tagsAttributes } from '../tags-schema.js';

const S = T.String;
const no = boolVal(false);

/** aws_vpc. */
export const vpcSchema: Schema = {
  version: 1,
  block: {
    attributes: {
      arn: { type: S, computed: true },
      assign_generated_ipv6_cidr_block: { type: T.Bool, optional: true },
      cidr_block: { type: S, optional: true, computed: true, forceNew: true },
      default_network_acl_id: { type: S, computed: true },
      default_route_table_id: { type: S, computed: true },
      default_security_group_id: { type: S, computed: true },
      dhcp_options_id: { type: S, computed: true },
      enable_dns_hostnames: { type: T.Bool, optional: true, computed: true },
      enable_dns_support: { type: T.Bool, optional: true, default: boolVal(true) },
      enable_network_address_usage_metrics: { type: T.Bool, optional: true, computed: true },
      id: { type: S, optional: true, computed: true },
      instance_tenancy: { type: S, optional: true, default: stringVal('default') },
      ipv4_ipam_pool_id: { type: S, optional: true, forceNew: true },
      ipv4_netmask_length: { type: T.Number, optional: true, forceNew: true },
      ipv6_association_id: { type: S, computed: true },
      ipv6_cidr_block: { type: S, optional: true, computed: true },
      ipv6_cidr_block_network_border_group: { type: S, optional: true, computed: true },
      ipv6_ipam_pool_id: { type: S, optional: true },
      ipv6_netmask_length: { type: T.Number, optional: true },
      main_route_table_id: { type: S, computed: true },
      owner_id: { type: S, computed: true },
      ...tagsAttributes,
    },
    blockTypes: {},
  },
};

/** aws_subnet. */
export const subnetSchema: Schema = {
  version: 1,
  block: {
    attributes: {
      arn: { type: S, computed: true },
      assign_ipv6_address_on_creation: { type: T.Bool, optional: true, default: no },
      availability_zone: { type: S, optional: true, computed: true, forceNew: true },
      availability_zone_id: { type: S, optional: true, computed: true, forceNew: true },
      cidr_block: { type: S, optional: true, forceNew: true },
      customer_owned_ipv4_pool: { type: S, optional: true },
      enable_dns64: { type: T.Bool, optional: true, default: no },
      enable_lni_at_device_index: { type: T.Number, optional: true, computed: true },
      enable_resource_name_dns_a_record_on_launch: { type: T.Bool, optional: true, default: no },
      enable_resource_name_dns_aaaa_record_on_launch: { type: T.Bool, optional: true, default: no },
      id: { type: S, optional: true, computed: true },
      ipv6_cidr_block: { type: S, optional: true },
      ipv6_cidr_block_association_id: { type: S, computed: true },
      ipv6_native: { type: T.Bool, optional: true, default: no, forceNew: true },
      map_customer_owned_ip_on_launch: { type: T.Bool, optional: true },
      map_public_ip_on_launch: { type: T.Bool, optional: true, default: no },
      outpost_arn: { type: S, optional: true },
      owner_id: { type: S, computed: true },
      private_dns_hostname_type_on_launch: { type: S, optional: true, computed: true },
      vpc_id: { type: S, required: true, forceNew: true },
      ...tagsAttributes,
    },
    blockTypes: { timeouts: timeoutsBlock('create', 'delete') },
  },
};

/** aws_internet_gateway. */
export const internetGatewaySchema: Schema = {
  version: 0,
  block: {
    attributes: {
      arn: { type: S, computed: true },
      id: { type: S, optional: true, computed: true },
      owner_id: { type: S, computed: true },
      vpc_id: { type: S, optional: true },
      ...tagsAttributes,
    },
    blockTypes: { timeouts: timeoutsBlock('create', 'update', 'delete') },
  },
};

/** One element of aws_route_table's `route` set (every field a string, "" when unset). */
export const routeTableRouteBlock = block({
  carrier_gateway_id: a(S, 'o'),
  cidr_block: a(S, 'o'),
  core_network_arn: a(S, 'o'),
  destination_prefix_list_id: a(S, 'o'),
  egress_only_gateway_id: a(S, 'o'),
  gateway_id: a(S, 'o'),
  ipv6_cidr_block: a(S, 'o'),
  local_gateway_id: a(S, 'o'),
  nat_gateway_id: a(S, 'o'),
  network_interface_id: a(S, 'o'),
  transit_gateway_id: a(S, 'o'),
  vpc_endpoint_id: a(S, 'o'),
  vpc_peering_connection_id: a(S, 'o'),
});

/**
 * aws_route_table. `route` is, as in hashicorp's schema, an optional+computed set-of-object
 * argument usually written with block syntax (attributes-as-blocks); the plan customisation
 * gives it the "computed when absent" meaning, and `route = []` removes every route.
 */
export const routeTableSchema: Schema = schema(0, block(
  {
    arn: a(S, 'c'),
    id: a(S, 'oc'),
    owner_id: a(S, 'c'),
    propagating_vgws: a(T.Set(S), 'oc'),
    vpc_id: a(S, 'rf'),
    ...tagsAttributes,
    route: a(T.Set(impliedType(routeTableRouteBlock)), 'oc'),
  },
  { timeouts: timeoutsBlock('create', 'update', 'delete') },
));

/** aws_route. */
export const routeSchema: Schema = schema(0, block(
  {
    carrier_gateway_id: a(S, 'o'),
    core_network_arn: a(S, 'o'),
    destination_cidr_block: a(S, 'of'),
    destination_ipv6_cidr_block: a(S, 'of'),
    destination_prefix_list_id: a(S, 'of'),
    egress_only_gateway_id: a(S, 'o'),
    gateway_id: a(S, 'o'),
    id: a(S, 'oc'),
    instance_id: a(S, 'c'),
    instance_owner_id: a(S, 'c'),
    local_gateway_id: a(S, 'o'),
    nat_gateway_id: a(S, 'o'),
    network_interface_id: a(S, 'oc'),
    origin: a(S, 'c'),
    route_table_id: a(S, 'rf'),
    state: a(S, 'c'),
    transit_gateway_id: a(S, 'o'),
    vpc_endpoint_id: a(S, 'o'),
    vpc_peering_connection_id: a(S, 'o'),
  },
  { timeouts: timeoutsBlock('create', 'update', 'delete') },
));

/** aws_route_table_association. */
export const routeTableAssociationSchema: Schema = schema(0, block(
  {
    gateway_id: a(S, 'of'),
    id: a(S, 'oc'),
    route_table_id: a(S, 'r'),
    subnet_id: a(S, 'of'),
  },
  { timeouts: timeoutsBlock('create', 'update', 'delete') },
));

/** aws_main_route_table_association. */
export const mainRouteTableAssociationSchema: Schema = schema(0, block(
  {
    id: a(S, 'oc'),
    original_route_table_id: a(S, 'c'),
    route_table_id: a(S, 'r'),
    vpc_id: a(S, 'r'),
  },
  { timeouts: timeoutsBlock('create', 'update', 'delete') },
));

/** aws_eip. */
export const eipSchema: Schema = schema(0, block(
  {
    address: a(S, 'of'),
    allocation_id: a(S, 'c'),
    arn: a(S, 'c'),
    associate_with_private_ip: a(S, 'o'),
    association_id: a(S, 'c'),
    carrier_ip: a(S, 'c'),
    customer_owned_ip: a(S, 'c'),
    customer_owned_ipv4_pool: a(S, 'o'),
    domain: a(S, 'ocf'),
    id: a(S, 'oc'),
    instance: a(S, 'oc'),
    ipam_pool_id: a(S, 'ocf'),
    network_border_group: a(S, 'ocf'),
    network_interface: a(S, 'oc'),
    private_dns: a(S, 'c'),
    private_ip: a(S, 'c'),
    ptr_record: a(S, 'c'),
    public_dns: a(S, 'c'),
    public_ip: a(S, 'c'),
    public_ipv4_pool: a(S, 'ocf'),
    vpc: a(T.Bool, 'ocf', { deprecated: 'use domain attribute instead' }),
    ...tagsAttributes,
  },
  { timeouts: timeoutsBlock('read', 'update', 'delete') },
));

/** aws_nat_gateway. */
export const natGatewaySchema: Schema = schema(0, block(
  {
    allocation_id: a(S, 'of'),
    association_id: a(S, 'c'),
    connectivity_type: a(S, 'of', { default: stringVal('public') }),
    id: a(S, 'oc'),
    network_interface_id: a(S, 'c'),
    private_ip: a(S, 'ocf'),
    public_ip: a(S, 'c'),
    secondary_allocation_ids: a(T.Set(S), 'o'),
    secondary_private_ip_address_count: a(T.Number, 'ocf'),
    secondary_private_ip_addresses: a(T.Set(S), 'oc'),
    subnet_id: a(S, 'rf'),
    ...tagsAttributes,
  },
  { timeouts: timeoutsBlock('create', 'update', 'delete') },
));

/** aws_default_vpc. */
export const defaultVpcSchema: Schema = schema(1, block({
  arn: a(S, 'c'),
  assign_generated_ipv6_cidr_block: a(T.Bool, 'o'),
  cidr_block: a(S, 'c'),
  default_network_acl_id: a(S, 'c'),
  default_route_table_id: a(S, 'c'),
  default_security_group_id: a(S, 'c'),
  dhcp_options_id: a(S, 'c'),
  enable_dns_hostnames: a(T.Bool, 'o', { default: boolVal(true) }),
  enable_dns_support: a(T.Bool, 'o', { default: boolVal(true) }),
  enable_network_address_usage_metrics: a(T.Bool, 'oc'),
  existing_default_vpc: a(T.Bool, 'c'),
  force_destroy: a(T.Bool, 'o', { default: no }),
  id: a(S, 'oc'),
  instance_tenancy: a(S, 'c'),
  ipv6_association_id: a(S, 'c'),
  ipv6_cidr_block: a(S, 'oc'),
  ipv6_cidr_block_network_border_group: a(S, 'oc'),
  ipv6_ipam_pool_id: a(S, 'o'),
  ipv6_netmask_length: a(T.Number, 'o'),
  main_route_table_id: a(S, 'c'),
  owner_id: a(S, 'c'),
  ...tagsAttributes,
}));
