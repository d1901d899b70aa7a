/**
 * Configuration checks hashicorp/aws makes before planning (ConflictsWith, AtLeastOneOf,
 * validators), for the resources of this area. No AWS SDK import: they run at validate time.
 */
import type { Path, Value } from '../../../lang/value.js';
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

function invalid(path: Path, detail: string): ProviderDiagnostic {
  return { severity: 'error', summary: 'Invalid value', detail, attribute: path };
}

function pathName(path: Path): string {
  return path.map((s) => ('attr' in s ? s.attr : String(s.index))).join('.');
}

/** StringInSlice as the plugin SDK words it: `expected <path> to be one of ["a" "b"], got c`. */
function oneOf(v: Value, path: Path, values: string[]): ProviderDiagnostic[] {
  if (!v.isKnown || v.isNull || values.includes(v.str)) return [];
  return [invalid(path, `expected ${pathName(path)} to be one of [${values.map((x) => JSON.stringify(x)).join(' ')}], got ${v.str}`)];
}

function lengthBetween(v: Value, path: Path, min: number, max: number): ProviderDiagnostic[] {
  if (!v.isKnown || v.isNull || (v.str.length >= min && v.str.length <= max)) return [];
  return [invalid(path, `expected length of ${pathName(path)} to be in the range (${min} - ${max}), got ${v.str}`)];
}

/** Each element of a list or set block with its path. */
function elems(config: Value, name: string): [Value, Path][] {
  const b = attr(config, name);
  if (!b.isKnown || b.isNull) return [];
  return b.elems.map((e, i) => [e, [{ attr: name }, { index: i }]]);
}

const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'];

/** aws_key_pair: key_name and key_name_prefix exclude each other and fit AWS's 255 characters. */
export function validateKeyPair(config: Value): ProviderDiagnostic[] {
  const out = isSet(config, 'key_name') && isSet(config, 'key_name_prefix') ? [conflict('key_name', 'key_name_prefix')] : [];
  out.push(...lengthBetween(attr(config, 'key_name'), [{ attr: 'key_name' }], 0, 255));
  out.push(...lengthBetween(attr(config, 'key_name_prefix'), [{ attr: 'key_name_prefix' }], 0, 255 - 26));
  return out;
}

/** aws_instance enumerations and ranges (tenancy, metadata options, volume types, CPU credits). */
function instanceValues(config: Value): ProviderDiagnostic[] {
  const out = oneOf(attr(config, 'tenancy'), [{ attr: 'tenancy' }], ['default', 'dedicated', 'host']);
  for (const [e, path] of elems(config, 'metadata_options')) {
    out.push(...oneOf(attr(e, 'http_endpoint'), [...path, { attr: 'http_endpoint' }], ['disabled', 'enabled']));
    out.push(...oneOf(attr(e, 'http_tokens'), [...path, { attr: 'http_tokens' }], ['optional', 'required']));
    out.push(...oneOf(attr(e, 'http_protocol_ipv6'), [...path, { attr: 'http_protocol_ipv6' }], ['disabled', 'enabled']));
    out.push(...oneOf(attr(e, 'instance_metadata_tags'), [...path, { attr: 'instance_metadata_tags' }], ['disabled', 'enabled']));
    const hop = attr(e, 'http_put_response_hop_limit');
    if (hop.isKnown && !hop.isNull && ((hop.v as number) < 1 || (hop.v as number) > 64)) {
      const p = [...path, { attr: 'http_put_response_hop_limit' }];
      out.push(invalid(p, `expected ${pathName(p)} to be in the range (1 - 64), got ${hop.v as number}`));
    }
  }
  for (const name of ['root_block_device', 'ebs_block_device']) {
    for (const [e, path] of elems(config, name)) out.push(...oneOf(attr(e, 'volume_type'), [...path, { attr: 'volume_type' }], VOLUME_TYPES));
  }
  for (const [e, path] of elems(config, 'credit_specification')) {
    out.push(...oneOf(attr(e, 'cpu_credits'), [...path, { attr: 'cpu_credits' }], ['standard', 'unlimited']));
  }
  return out;
}

/** aws_instance: user data in one form only, base64 that is base64, an AMI or a launch template. */
export function validateInstance(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = instanceValues(config);
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
