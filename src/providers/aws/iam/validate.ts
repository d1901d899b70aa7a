/**
 * Configuration checks of the IAM resources, worded as hashicorp/aws's validation
 * functions word them (StringLenBetween, StringMatch, IntBetween, StringInSlice,
 * ConflictsWith). Unknown values are never judged. No AWS SDK import.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr } from '../../sdk/obj.js';

type Check = (config: Value) => ProviderDiagnostic[];

const err = (summary: string, name: string, detail?: string): ProviderDiagnostic => {
  const d: ProviderDiagnostic = { severity: 'error', summary, attribute: [{ attr: name }] };
  if (detail !== undefined) d.detail = detail;
  return d;
};

function known(config: Value, name: string): string | number | undefined {
  const v = attr(config, name);
  return v.isKnown && !v.isNull ? (v.v as string | number) : undefined;
}

/** validResourceName(max): 1..max characters of [\w+=,.@-]. */
function resourceName(name: string, max: number): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'string') return [];
    const out: ProviderDiagnostic[] = [];
    if (v.length < 1 || v.length > max) out.push(err(`expected length of ${name} to be in the range (1 - ${max}), got ${v}`, name));
    if (!/^[\w+=,.@-]*$/.test(v)) out.push(err(`invalid value for ${name} (must match [\\w+=,.@-])`, name));
    return out;
  };
}

/** User and group names: [0-9A-Za-z=,.@\-_+]+. */
function principalName(name: string): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'string' || /^[0-9A-Za-z=,.@\-_+]+$/.test(v)) return [];
    return [err(`invalid value for ${name} (must only contain alphanumeric characters, hyphens, underscores, commas, periods, @ symbols, plus and equals signs)`, name)];
  };
}

function lengthBetween(name: string, min: number, max: number): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'string' || (v.length >= min && v.length <= max)) return [];
    return [err(`expected length of ${name} to be in the range (${min} - ${max}), got ${v}`, name)];
  };
}

function intBetween(name: string, min: number, max: number): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'number' || (v >= min && v <= max)) return [];
    return [err(`expected ${name} to be in the range (${min} - ${max}), got ${v}`, name)];
  };
}

function oneOf(name: string, allowed: string[]): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'string' || allowed.includes(v)) return [];
    return [err(`expected ${name} to be one of [${allowed.map((x) => JSON.stringify(x)).join(' ')}], got ${v}`, name)];
  };
}

function conflicting(a: string, b: string): Check {
  return (c) => {
    const va = attr(c, a), vb = attr(c, b);
    if (va.isNull || vb.isNull || !va.isKnown || !vb.isKnown) return [];
    return [err('Conflicting configuration arguments', a, `"${a}": conflicts with ${b}`), err('Conflicting configuration arguments', b, `"${b}": conflicts with ${a}`)];
  };
}

function json(name: string): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'string') return [];
    try {
      JSON.parse(v);
      return [];
    } catch (e) {
      return [err(`"${name}" contains an invalid JSON: ${e instanceof Error ? e.message : String(e)}`, name)];
    }
  };
}

/** Role descriptions may not hold typographic quotes. */
function noTypographicQuotes(name: string): Check {
  return (c) => {
    const v = known(c, name);
    if (typeof v !== 'string' || !/[“‘]/.test(v)) return [];
    return [err(`invalid value for ${name} (cannot contain specially formatted single or double quotes: [“‘])`, name)];
  };
}

const all = (...checks: Check[]) => (config: Value): ProviderDiagnostic[] => checks.flatMap((f) => f(config));

const PREFIX = 26;

/** Checks per resource type. */
export const validators: Record<string, (config: Value) => ProviderDiagnostic[]> = {
  aws_iam_user: all(principalName('name'), lengthBetween('path', 0, 512)),
  aws_iam_group: all(principalName('name'), lengthBetween('path', 0, 512)),
  aws_iam_role: all(
    resourceName('name', 64), resourceName('name_prefix', 64 - PREFIX), conflicting('name', 'name_prefix'),
    lengthBetween('path', 0, 512), lengthBetween('description', 0, 1000), noTypographicQuotes('description'), intBetween('max_session_duration', 3600, 43200), json('assume_role_policy'),
  ),
  aws_iam_policy: all(resourceName('name', 128), resourceName('name_prefix', 128 - PREFIX), conflicting('name', 'name_prefix'), json('policy')),
  aws_iam_role_policy: all(resourceName('name', 128), resourceName('name_prefix', 128 - PREFIX), conflicting('name', 'name_prefix'), json('policy')),
  aws_iam_user_policy: all(resourceName('name', 128), resourceName('name_prefix', 128 - PREFIX), conflicting('name', 'name_prefix'), json('policy')),
  aws_iam_group_policy: all(resourceName('name', 128), resourceName('name_prefix', 128 - PREFIX), conflicting('name', 'name_prefix'), json('policy')),
  aws_iam_instance_profile: all(resourceName('name', 128), resourceName('name_prefix', 128 - PREFIX), conflicting('name', 'name_prefix')),
  aws_iam_access_key: all(oneOf('status', ['Active', 'Inactive'])),
};
