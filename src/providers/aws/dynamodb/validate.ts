/**
 * Plan-time checks of aws_dynamodb_table, worded as hashicorp/aws's CustomizeDiff and
 * validators word them: every attribute must be a key of the table or an index, every key
 * must be a defined attribute, a stream needs its view type, capacities match the billing
 * mode. Unknown values pass. No AWS SDK import.
 */
import { isWhollyKnown, type Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr, toJS } from '../../sdk/obj.js';
import { stringInSlice } from '../sqs/checks.js';

const err = (summary: string, at?: string): ProviderDiagnostic => ({ severity: 'error', summary, ...(at ? { attribute: [{ attr: at }] } : {}) });

/** Validates an aws_dynamodb_table body. */
export function validateTable(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [
    ...stringInSlice(config, 'billing_mode', ['PAY_PER_REQUEST', 'PROVISIONED']),
    ...stringInSlice(config, 'table_class', ['STANDARD', 'STANDARD_INFREQUENT_ACCESS']),
    ...stringInSlice(config, 'stream_view_type', ['', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY']),
  ];
  const known = (n: string) => isWhollyKnown(attr(config, n));
  if (!['attribute', 'hash_key', 'range_key', 'global_secondary_index', 'local_secondary_index'].every(known)) return out;
  const defs = (toJS(attr(config, 'attribute')) as { name?: string }[] | null) ?? [];
  if (defs.some((d) => d.name === undefined)) return out;
  const keys = new Set<string>();
  const add = (k: unknown) => { if (typeof k === 'string' && k !== '') keys.add(k); };
  add(toJS(attr(config, 'hash_key')));
  add(toJS(attr(config, 'range_key')));
  for (const g of (toJS(attr(config, 'global_secondary_index')) as { hash_key?: string; range_key?: string }[] | null) ?? []) { add(g.hash_key); add(g.range_key); }
  for (const l of (toJS(attr(config, 'local_secondary_index')) as { range_key?: string }[] | null) ?? []) add(l.range_key);
  const defined = new Set(defs.map((d) => d.name!));
  const unused = [...defined].filter((n) => !keys.has(n)).sort();
  const unmatched = [...keys].filter((k) => !defined.has(k)).sort();
  if (unused.length) out.push(err(`all attributes must be indexed. Unused attributes: [${unused.map((u) => JSON.stringify(u)).join(' ')}]`, 'attribute'));
  if (unmatched.length) out.push(err(`all indexes must match a defined attribute. Unmatched indexes: [${unmatched.map((u) => JSON.stringify(u)).join(' ')}]`, 'attribute'));

  const streamOn = attr(config, 'stream_enabled');
  const view = attr(config, 'stream_view_type');
  if (streamOn.isKnown && streamOn.v === true && view.isKnown && (view.isNull || view.v === '')) {
    out.push(err('stream_view_type is required when stream_enabled = true', 'stream_view_type'));
  }
  const mode = attr(config, 'billing_mode');
  const m = mode.isNull ? 'PROVISIONED' : mode.isKnown ? (mode.v as string) : undefined;
  for (const k of ['read_capacity', 'write_capacity']) {
    const v = attr(config, k);
    if (!v.isKnown || m === undefined || attr(config, 'restore_source_name').v) continue;
    if (m === 'PROVISIONED' && (v.isNull || (v.v as number) < 1)) out.push(err(`${k} must be at least 1 when billing_mode is "PROVISIONED"`, k));
    if (m === 'PAY_PER_REQUEST' && !v.isNull && v.v !== 0) out.push(err(`${k} can not be set when billing_mode is "PAY_PER_REQUEST"`, k));
  }
  return out;
}
