/**
 * Configuration checks of the security group types, worded as hashicorp/aws words them
 * (SDK ConflictsWith / AtLeastOneOf / validation funcs, and the framework's ExactlyOneOf
 * for the VPC rule resources). Unknown values are never judged.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr, toJS } from '../../sdk/obj.js';
import { ipv4CidrError, ipv6CidrError } from './cidr.js';

/** True when attribute `name` is set: known, not null, and not an empty collection or false. */
function isSet(config: Value, name: string): boolean {
  const v = attr(config, name);
  if (!v.isKnown) return true;
  if (v.isNull) return false;
  const k = v.type.kind;
  if (k === 'list' || k === 'set' || k === 'tuple') return v.elems.length > 0;
  if (k === 'bool') return v.bool;
  if (k === 'string') return v.str !== '';
  return true;
}

function knownString(config: Value, name: string): string | undefined {
  const v = attr(config, name);
  return v.isKnown && !v.isNull && v.type.kind === 'string' ? v.str : undefined;
}

function knownNumber(config: Value, name: string): number | undefined {
  const v = attr(config, name);
  return v.isKnown && !v.isNull && v.type.kind === 'number' ? v.num : undefined;
}

function err(summary: string, detail: string | undefined, attribute: string): ProviderDiagnostic {
  const d: ProviderDiagnostic = { severity: 'error', summary, attribute: [{ attr: attribute }] };
  if (detail !== undefined) d.detail = detail;
  return d;
}

/** SDK ConflictsWith: `"a": conflicts with b` for every pair set together. */
function conflicts(config: Value, name: string, others: string[]): ProviderDiagnostic[] {
  if (!isSet(config, name) || !attr(config, name).isKnown) return [];
  return others.filter((o) => isSet(config, o) && attr(config, o).isKnown)
    .map((o) => err('Conflicting configuration arguments', `"${name}": conflicts with ${o}`, name));
}

function nameChecks(config: Value, name: string, max: number): ProviderDiagnostic[] {
  const v = knownString(config, name);
  if (v === undefined) return [];
  const out: ProviderDiagnostic[] = [];
  if (v.length > max) out.push(err(`expected length of ${name} to be in the range (0 - ${max}), got ${v}`, undefined, name));
  if (v.startsWith('sg-')) out.push(err(`invalid value for ${name} (cannot begin with sg-)`, undefined, name));
  return out;
}

const DESCRIPTION_PATTERN = '^[A-Za-z0-9 \\.\\_\\-\\:\\/\\(\\)\\#\\,\\@\\[\\]\\+\\=\\&\\;\\{\\}\\!\\$\\*]*$';
const DESCRIPTION_RE = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

/** hashicorp's check of a rule description (length and the characters AWS accepts). */
function ruleDescriptionChecks(value: unknown, key: string, attribute: string): ProviderDiagnostic[] {
  if (typeof value !== 'string') return [];
  const out: ProviderDiagnostic[] = [];
  if (value.length > 255) out.push(err(`${JSON.stringify(key)} cannot be longer than 255 characters: ${JSON.stringify(value)}`, undefined, attribute));
  if (!DESCRIPTION_RE.test(value)) out.push(err(`${JSON.stringify(key)} doesn't comply with restrictions (${JSON.stringify(DESCRIPTION_PATTERN)}): ${JSON.stringify(value)}`, undefined, attribute));
  return out;
}

/** CIDR checks of known list elements of `name` (v4 or v6). */
function cidrChecks(values: unknown, v6: boolean, attribute: string): ProviderDiagnostic[] {
  if (!Array.isArray(values)) return [];
  const out: ProviderDiagnostic[] = [];
  for (const c of values) {
    if (typeof c !== 'string') continue;
    const e = v6 ? ipv6CidrError(c) : ipv4CidrError(c);
    if (e) out.push(err(e, undefined, attribute));
  }
  return out;
}

/** aws_security_group. */
export function validateSecurityGroup(config: Value): ProviderDiagnostic[] {
  const out = [...conflicts(config, 'name', ['name_prefix']), ...conflicts(config, 'name_prefix', ['name'])];
  for (const kind of ['ingress', 'egress']) {
    const rules = toJS(attr(config, kind));
    if (!Array.isArray(rules)) continue;
    rules.forEach((r: Record<string, unknown> | undefined, i) => {
      if (!r) return;
      out.push(...cidrChecks(r['cidr_blocks'], false, kind), ...cidrChecks(r['ipv6_cidr_blocks'], true, kind));
      out.push(...ruleDescriptionChecks(r['description'], `${kind}.${i}.description`, kind));
    });
  }
  out.push(...nameChecks(config, 'name', 255), ...nameChecks(config, 'name_prefix', 255 - 26));
  const d = knownString(config, 'description');
  if (d !== undefined && d.length > 255) out.push(err(`expected length of description to be in the range (0 - 255), got ${d}`, undefined, 'description'));
  return out;
}

const SOURCES = ['cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', 'self', 'source_security_group_id'];

/** aws_security_group_rule. */
export function validateSecurityGroupRule(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [];
  const type = knownString(config, 'type');
  if (type !== undefined && type !== 'ingress' && type !== 'egress') {
    out.push(err(`expected type to be one of ["egress" "ingress"], got ${type}`, undefined, 'type'));
  }
  out.push(
    ...conflicts(config, 'cidr_blocks', ['source_security_group_id', 'self']),
    ...conflicts(config, 'ipv6_cidr_blocks', ['source_security_group_id', 'self']),
    ...conflicts(config, 'self', ['cidr_blocks', 'ipv6_cidr_blocks', 'source_security_group_id']),
    ...conflicts(config, 'source_security_group_id', ['cidr_blocks', 'ipv6_cidr_blocks', 'self']),
  );
  out.push(...cidrChecks(toJS(attr(config, 'cidr_blocks')), false, 'cidr_blocks'), ...cidrChecks(toJS(attr(config, 'ipv6_cidr_blocks')), true, 'ipv6_cidr_blocks'));
  out.push(...ruleDescriptionChecks(toJS(attr(config, 'description')), 'description', 'description'));
  if (!SOURCES.some((s) => isSet(config, s))) {
    for (const s of SOURCES) out.push(err('Missing required argument', `"${s}": one of \`${SOURCES.join(',')}\` must be specified`, s));
  }
  return out;
}

const VPC_SOURCES = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'];

/** aws_vpc_security_group_ingress_rule / _egress_rule. */
export function validateVpcSecurityGroupRule(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [];
  const set = VPC_SOURCES.filter((s) => !attr(config, s).isNull);
  const allKnown = VPC_SOURCES.every((s) => attr(config, s).isKnown);
  if (allKnown && set.length !== 1) {
    const which = set.length === 0 ? 'No attribute specified' : `${set.length} attributes specified`;
    out.push({ severity: 'error', summary: 'Invalid Attribute Combination', detail: `${which} when one (and only one) of [${VPC_SOURCES.join(',')}] is required` });
  }
  for (const p of ['from_port', 'to_port']) {
    const n = knownNumber(config, p);
    if (n !== undefined && (n < -1 || n > 65535)) {
      out.push(err('Invalid Attribute Value', `Attribute ${p} value must be between -1 and 65535, got: ${n}`, p));
    }
  }
  return out;
}
