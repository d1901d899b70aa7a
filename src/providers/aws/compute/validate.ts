/**
 * Configuration checks hashicorp/aws makes before planning (ConflictsWith, AtLeastOneOf,
 * validators), for the resources of this area. No AWS SDK import: they run at validate time.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr } from '../../sdk/obj.js';
import { isBase64 } from './user-data.js';

function isSet(v: Value, name: string): boolean {
  const x = attr(v, name);
  return !x.isNull && !(x.isKnown && (x.type.kind === 'list' || x.type.kind === 'set') && x.elems.length === 0);
}

function conflict(name: string, other: string): ProviderDiagnostic {
  return { severity: 'error', summary: 'Conflicting configuration arguments', detail: `"${name}": conflicts with ${other}`, attribute: [{ attr: name }] };
}

/** aws_key_pair: key_name and key_name_prefix exclude each other. */
export function validateKeyPair(config: Value): ProviderDiagnostic[] {
  return isSet(config, 'key_name') && isSet(config, 'key_name_prefix') ? [conflict('key_name', 'key_name_prefix')] : [];
}

/** aws_instance: user data in one form only, base64 that is base64, an AMI or a launch template. */
export function validateInstance(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [];
  if (isSet(config, 'user_data') && isSet(config, 'user_data_base64')) out.push(conflict('user_data', 'user_data_base64'));
  if (isSet(config, 'ipv6_address_count') && isSet(config, 'ipv6_addresses')) out.push(conflict('ipv6_address_count', 'ipv6_addresses'));
  if (isSet(config, 'network_interface')) {
    for (const other of ['associate_public_ip_address', 'subnet_id', 'private_ip', 'secondary_private_ips', 'vpc_security_group_ids', 'security_groups', 'ipv6_addresses', 'ipv6_address_count']) {
      if (isSet(config, other)) out.push(conflict('network_interface', other));
    }
  }
  if (isSet(config, 'volume_tags')) {
    for (const b of ['root_block_device', 'ebs_block_device']) {
      const v = attr(config, b);
      if (!v.isKnown || v.isNull) continue;
      v.elems.forEach((e, i) => {
        if (isSet(e, 'tags')) out.push({ ...conflict('volume_tags', 'tags'), detail: `"${b}.${i}.tags": conflicts with volume_tags`, attribute: [{ attr: b }, { index: i }, { attr: 'tags' }] });
      });
    }
  }
  const b64 = attr(config, 'user_data_base64');
  if (b64.isKnown && !b64.isNull && !isBase64(b64.str)) {
    out.push({ severity: 'error', summary: 'Invalid value', detail: 'user_data_base64: must be base64-encoded', attribute: [{ attr: 'user_data_base64' }] });
  }
  const ud = attr(config, 'user_data');
  if (ud.isKnown && !ud.isNull && ud.str.length > 16384) {
    out.push({ severity: 'error', summary: 'Invalid value', detail: `expected length of user_data to be in the range (0 - 16384), got ${ud.str}`, attribute: [{ attr: 'user_data' }] });
  }
  if (!isSet(config, 'ami') && !isSet(config, 'launch_template')) {
    out.push({ severity: 'error', summary: 'Missing required argument', detail: '"ami": one of `ami,launch_template` must be specified', attribute: [{ attr: 'ami' }] });
  }
  if (!isSet(config, 'instance_type') && !isSet(config, 'launch_template')) {
    out.push({ severity: 'error', summary: 'Missing required argument', detail: '"instance_type": one of `instance_type,launch_template` must be specified', attribute: [{ attr: 'instance_type' }] });
  }
  return out;
}
