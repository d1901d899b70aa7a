/**
 * Schemas of aws_key_pair, aws_instance and data source aws_ami as hashicorp/aws 5.x defines
 * them (optional/computed from its schema, force-new and defaults from its source). No AWS
 * SDK import: schemas load eagerly on every command.
 */
import * as T from '../../../lang/types.js';
import { boolVal, numberVal, stringVal } from '../../../lang/value.js';
import type { AttributeSchema, Schema } from '../../protocol.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';

const S = T.String, N = T.Number, B = T.Bool;
const SM = T.Map(T.String);

/** `tags` and an optional+computed `tags_all`, as the 5.x schema dump has them. */
const tags: Record<string, AttributeSchema> = { tags: a(SM, 'o'), tags_all: a(SM, 'oc') };

/** aws_key_pair. */
export const keyPairSchema: Schema = schema(1, block({
  arn: a(S, 'c'),
  fingerprint: a(S, 'c'),
  id: a(S, 'oc'),
  key_name: a(S, 'ocf'),
  key_name_prefix: a(S, 'ocf'),
  key_pair_id: a(S, 'c'),
  key_type: a(S, 'c'),
  public_key: a(S, 'rf'),
  ...tags,
}));

const rootBlockDevice = block({
  delete_on_termination: a(B, 'o', { default: boolVal(true) }),
  device_name: a(S, 'c'),
  encrypted: a(B, 'ocf'),
  iops: a(N, 'oc'),
  kms_key_id: a(S, 'ocf'),
  ...tags,
  throughput: a(N, 'oc'),
  volume_id: a(S, 'c'),
  volume_size: a(N, 'oc'),
  volume_type: a(S, 'oc'),
});

const ebsBlockDevice = block({
  delete_on_termination: a(B, 'of', { default: boolVal(true) }),
  device_name: a(S, 'rf'),
  encrypted: a(B, 'ocf'),
  iops: a(N, 'ocf'),
  kms_key_id: a(S, 'ocf'),
  snapshot_id: a(S, 'ocf'),
  ...tags,
  throughput: a(N, 'ocf'),
  volume_id: a(S, 'c'),
  volume_size: a(N, 'ocf'),
  volume_type: a(S, 'ocf'),
});

/**
 * Blocks of aws_instance that hashicorp declares Optional+Computed: left out of the
 * configuration they keep what AWS reports (the SDK planner knows no computed blocks, so
 * instance-plan.ts applies this).
 */
export const INSTANCE_COMPUTED_BLOCKS = [
  'capacity_reservation_specification', 'cpu_options', 'ebs_block_device', 'enclave_options', 'ephemeral_block_device',
  'instance_market_options', 'maintenance_options', 'metadata_options', 'network_interface', 'private_dns_name_options',
  'root_block_device',
] as const;

/** aws_instance. */
export const instanceSchema: Schema = schema(1, block({
  ami: a(S, 'ocf'),
  arn: a(S, 'c'),
  associate_public_ip_address: a(B, 'ocf'),
  availability_zone: a(S, 'ocf'),
  cpu_core_count: a(N, 'ocf', { deprecated: "use 'cpu_options' argument instead" }),
  cpu_threads_per_core: a(N, 'ocf', { deprecated: "use 'cpu_options' argument instead" }),
  disable_api_stop: a(B, 'oc'),
  disable_api_termination: a(B, 'oc'),
  ebs_optimized: a(B, 'ocf'),
  enable_primary_ipv6: a(B, 'oc'),
  get_password_data: a(B, 'o', { default: boolVal(false) }),
  hibernation: a(B, 'of'),
  host_id: a(S, 'ocf'),
  host_resource_group_arn: a(S, 'oc'),
  iam_instance_profile: a(S, 'oc'),
  id: a(S, 'oc'),
  instance_initiated_shutdown_behavior: a(S, 'oc'),
  instance_lifecycle: a(S, 'c'),
  instance_state: a(S, 'c'),
  instance_type: a(S, 'oc'),
  ipv6_address_count: a(N, 'ocf'),
  ipv6_addresses: a(T.List(S), 'ocf'),
  key_name: a(S, 'ocf'),
  monitoring: a(B, 'oc'),
  outpost_arn: a(S, 'c'),
  password_data: a(S, 'c'),
  placement_group: a(S, 'ocf'),
  placement_partition_number: a(N, 'ocf'),
  primary_network_interface_id: a(S, 'c'),
  private_dns: a(S, 'c'),
  private_ip: a(S, 'ocf'),
  public_dns: a(S, 'c'),
  public_ip: a(S, 'c'),
  secondary_private_ips: a(T.Set(S), 'oc'),
  security_groups: a(T.Set(S), 'ocf'),
  source_dest_check: a(B, 'o', { default: boolVal(true) }),
  spot_instance_request_id: a(S, 'c'),
  subnet_id: a(S, 'ocf'),
  ...tags,
  tenancy: a(S, 'ocf'),
  user_data: a(S, 'oc'),
  user_data_base64: a(S, 'oc'),
  user_data_replace_on_change: a(B, 'o', { default: boolVal(false) }),
  volume_tags: a(SM, 'o'),
  vpc_security_group_ids: a(T.Set(S), 'oc'),
}, {
  capacity_reservation_specification: nested('list', block({ capacity_reservation_preference: a(S, 'o') }, {
    capacity_reservation_target: nested('list', block({
      capacity_reservation_id: a(S, 'o'),
      capacity_reservation_resource_group_arn: a(S, 'o'),
    }), { max: 1 }),
  }), { max: 1 }),
  cpu_options: nested('list', block({ amd_sev_snp: a(S, 'ocf'), core_count: a(N, 'ocf'), threads_per_core: a(N, 'ocf') }), { max: 1 }),
  credit_specification: nested('list', block({ cpu_credits: a(S, 'o') }), { max: 1 }),
  ebs_block_device: nested('set', ebsBlockDevice),
  enclave_options: nested('list', block({ enabled: a(B, 'ocf') }), { max: 1 }),
  ephemeral_block_device: nested('set', block({ device_name: a(S, 'r'), no_device: a(B, 'o'), virtual_name: a(S, 'o') }), { forceNew: true }),
  instance_market_options: nested('list', block({ market_type: a(S, 'ocf') }, {
    spot_options: nested('list', block({
      instance_interruption_behavior: a(S, 'ocf'), max_price: a(S, 'ocf'), spot_instance_type: a(S, 'ocf'), valid_until: a(S, 'ocf'),
    }), { max: 1, forceNew: true }),
  }), { max: 1, forceNew: true }),
  launch_template: nested('list', block({
    id: a(S, 'ocf'), name: a(S, 'ocf'), version: a(S, 'o', { default: stringVal('$Default') }),
  }), { max: 1, forceNew: true }),
  maintenance_options: nested('list', block({ auto_recovery: a(S, 'oc') }), { max: 1 }),
  metadata_options: nested('list', block({
    http_endpoint: a(S, 'o', { default: stringVal('enabled') }),
    http_protocol_ipv6: a(S, 'o', { default: stringVal('disabled') }),
    http_put_response_hop_limit: a(N, 'oc'),
    http_tokens: a(S, 'oc'),
    instance_metadata_tags: a(S, 'oc'),
  }), { max: 1 }),
  network_interface: nested('set', block({
    delete_on_termination: a(B, 'of', { default: boolVal(false) }),
    device_index: a(N, 'rf'),
    network_card_index: a(N, 'of', { default: numberVal(0) }),
    network_interface_id: a(S, 'rf'),
  })),
  private_dns_name_options: nested('list', block({
    enable_resource_name_dns_a_record: a(B, 'oc'),
    enable_resource_name_dns_aaaa_record: a(B, 'oc'),
    hostname_type: a(S, 'oc'),
  }), { max: 1, forceNew: true }),
  root_block_device: nested('list', rootBlockDevice, { max: 1 }),
  timeouts: timeoutsBlock('create', 'delete', 'read', 'update'),
}));

/** Data source aws_ami. */
export const amiDataSchema: Schema = schema(0, block({
  architecture: a(S, 'c'),
  arn: a(S, 'c'),
  block_device_mappings: a(T.Set(T.Object_({ device_name: S, ebs: SM, no_device: S, virtual_name: S })), 'c'),
  boot_mode: a(S, 'c'),
  creation_date: a(S, 'c'),
  deprecation_time: a(S, 'c'),
  description: a(S, 'c'),
  ena_support: a(B, 'c'),
  executable_users: a(T.List(S), 'o'),
  hypervisor: a(S, 'c'),
  id: a(S, 'oc'),
  image_id: a(S, 'c'),
  image_location: a(S, 'c'),
  image_owner_alias: a(S, 'c'),
  image_type: a(S, 'c'),
  imds_support: a(S, 'c'),
  include_deprecated: a(B, 'o'),
  kernel_id: a(S, 'c'),
  last_launched_time: a(S, 'c'),
  most_recent: a(B, 'o'),
  name: a(S, 'c'),
  name_regex: a(S, 'o'),
  owner_id: a(S, 'c'),
  owners: a(T.List(S), 'o'),
  platform: a(S, 'c'),
  platform_details: a(S, 'c'),
  product_codes: a(T.Set(T.Object_({ product_code_id: S, product_code_type: S })), 'c'),
  public: a(B, 'c'),
  ramdisk_id: a(S, 'c'),
  root_device_name: a(S, 'c'),
  root_device_type: a(S, 'c'),
  root_snapshot_id: a(S, 'c'),
  sriov_net_support: a(S, 'c'),
  state: a(S, 'c'),
  state_reason: a(SM, 'c'),
  tags: a(SM, 'oc'),
  tpm_support: a(S, 'c'),
  uefi_data: a(S, 'o'),
  usage_operation: a(S, 'c'),
  virtualization_type: a(S, 'c'),
}, {
  filter: nested('set', block({ name: a(S, 'r'), values: a(T.Set(S), 'r') })),
  timeouts: timeoutsBlock('read'),
}));
