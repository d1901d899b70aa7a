/**
 * Schemas of the EC2 network data sources (aws_vpc, aws_subnet, aws_subnets), as
 * hashicorp/aws defines them. No AWS SDK import: schemas load eagerly.
 */
import * as T from '../../../lang/types.js';
import type { Schema } from '../../protocol.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';

const S = T.String;

/** The `filter` block of the EC2 describe-based data sources. */
export const filterBlock = nested('set', block({ name: a(S, 'r'), values: a(T.Set(S), 'r') }));

/** data aws_vpc. */
export const vpcDataSchema: Schema = schema(0, block(
  {
    arn: a(S, 'c'),
    cidr_block: a(S, 'oc'),
    cidr_block_associations: a(T.List(T.Object_({ association_id: S, cidr_block: S, state: S })), 'c'),
    default: a(T.Bool, 'oc'),
    dhcp_options_id: a(S, 'oc'),
    enable_dns_hostnames: a(T.Bool, 'c'),
    enable_dns_support: a(T.Bool, 'c'),
    enable_network_address_usage_metrics: a(T.Bool, 'c'),
    id: a(S, 'oc'),
    instance_tenancy: a(S, 'c'),
    ipv6_association_id: a(S, 'c'),
    ipv6_cidr_block: a(S, 'c'),
    main_route_table_id: a(S, 'c'),
    owner_id: a(S, 'c'),
    state: a(S, 'oc'),
    tags: a(T.Map(S), 'oc'),
  },
  { filter: filterBlock, timeouts: timeoutsBlock('read') },
));

/** data aws_subnets. */
export const subnetsDataSchema: Schema = schema(0, block(
  {
    id: a(S, 'oc'),
    ids: a(T.List(S), 'c'),
    tags: a(T.Map(S), 'oc'),
  },
  { filter: filterBlock, timeouts: timeoutsBlock('read') },
));

/** data aws_subnet. */
export const subnetDataSchema: Schema = schema(0, block(
  {
    arn: a(S, 'c'),
    assign_ipv6_address_on_creation: a(T.Bool, 'c'),
    availability_zone: a(S, 'oc'),
    availability_zone_id: a(S, 'oc'),
    available_ip_address_count: a(T.Number, 'c'),
    cidr_block: a(S, 'oc'),
    customer_owned_ipv4_pool: a(S, 'c'),
    default_for_az: a(T.Bool, 'oc'),
    enable_dns64: a(T.Bool, 'c'),
    enable_lni_at_device_index: a(T.Number, 'c'),
    enable_resource_name_dns_a_record_on_launch: a(T.Bool, 'c'),
    enable_resource_name_dns_aaaa_record_on_launch: a(T.Bool, 'c'),
    id: a(S, 'oc'),
    ipv6_cidr_block: a(S, 'oc'),
    ipv6_cidr_block_association_id: a(S, 'c'),
    ipv6_native: a(T.Bool, 'c'),
    map_customer_owned_ip_on_launch: a(T.Bool, 'c'),
    map_public_ip_on_launch: a(T.Bool, 'c'),
    outpost_arn: a(S, 'c'),
    owner_id: a(S, 'c'),
    private_dns_hostname_type_on_launch: a(S, 'c'),
    state: a(S, 'oc'),
    tags: a(T.Map(S), 'oc'),
    vpc_id: a(S, 'oc'),
  },
  { filter: filterBlock, timeouts: timeoutsBlock('read') },
));
