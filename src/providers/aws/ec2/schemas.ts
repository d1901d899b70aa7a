/**
 * Schemas of the EC2 network resources, as hashicorp/aws defines them. Kept apart from the
 * implementations so that loading the provider's schema does not load the AWS SDK.
 */
import * as T from '../../../lang/types.js';
import { boolVal, stringVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
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
    blockTypes: {},
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
    blockTypes: {},
  },
};
