/**
 * IAM policy documents as hashicorp/aws models them for aws_iam_policy_document: the
 * statements built from configuration, the documents decoded from source/override JSON
 * (with Go's decoding rules), merging by Sid, and rendering with Go's encoder, so that
 * `json` and `minified_json` match the provider byte for byte. No AWS SDK import.
 */
import { goCompare, goMarshal, goMarshalIndent, goSortedKeys, type GoJson } from './go-json.js';

/** One principal entry: identifiers are a single string or a list. */
export interface DocPrincipal { type: string; identifiers: string | string[] }
/** One condition entry: values are a single string or a list. */
export interface DocCondition { test: string; variable: string; values: string | string[] }
/** One statement; list-or-string elements keep the value they were given. */
export interface DocStatement {
  sid: string;
  effect: string;
  actions?: GoJson;
  notActions?: GoJson;
  resources?: GoJson;
  notResources?: GoJson;
  principals: DocPrincipal[];
  notPrincipals: DocPrincipal[];
  conditions: DocCondition[];
}
/** A policy document. */
export interface PolicyDoc { version: string; id: string; statements: DocStatement[] }

/** An error with hashicorp's wording, turned into a diagnostic by the data source. */
export class PolicyDocError extends Error {}

/** A new empty document. */
export function emptyDoc(): PolicyDoc {
  return { version: '', id: '', statements: [] };
}

/** Merges `next` into `doc`: its Id wins, a later Version wins, statements with a known Sid are replaced in place. */
export function mergeDoc(doc: PolicyDoc, next: PolicyDoc): void {
  if (next.id.length > 0) doc.id = next.id;
  if (goCompare(next.version, doc.version) > 0) doc.version = next.version;
  for (const st of next.statements) {
    const i = st.sid === '' ? -1 : doc.statements.findIndex((s) => s.sid === st.sid);
    if (i >= 0) doc.statements[i] = st;
    else doc.statements.push(st);
  }
}

/** A single string as itself, several as a list sorted in reverse byte order (hashicorp's policyDecodeConfigStringList). */
export function decodeStringList(items: readonly string[]): string | string[] {
  if (items.length === 1) return items[0]!;
  return [...items].sort(goCompare).reverse();
}

function principalsJson(ps: DocPrincipal[]): GoJson {
  if (ps.length === 1 && ps[0]!.type === '*') {
    const ids = ps[0]!.identifiers;
    if (ids === '*' || (Array.isArray(ids) && ids.length === 1 && ids[0] === '*')) return '*';
  }
  const raw: Record<string, string | string[]> = {};
  for (const p of ps) {
    const have = raw[p.type];
    if (Array.isArray(p.identifiers)) {
      const list = have === undefined ? [] : typeof have === 'string' ? [have] : have;
      raw[p.type] = [...list, ...[...p.identifiers].sort(goCompare).reverse()];
    } else if (have === undefined) raw[p.type] = p.identifiers;
    else raw[p.type] = [...(typeof have === 'string' ? [have] : have), p.identifiers];
  }
  return goSortedKeys(raw);
}

function conditionsJson(cs: DocCondition[]): GoJson {
  const raw: Record<string, Record<string, string[]>> = {};
  for (const c of cs) {
    const t = (raw[c.test] ??= {});
    t[c.variable] = [...(t[c.variable] ?? []), ...(Array.isArray(c.values) ? c.values : [c.values])];
  }
  const out: Record<string, GoJson> = {};
  for (const [test, vars] of Object.entries(goSortedKeys(raw))) {
    const o: Record<string, GoJson> = {};
    for (const [k, v] of Object.entries(goSortedKeys(vars))) o[k] = v.length === 1 ? v[0]! : v;
    out[test] = o;
  }
  return out;
}

function statementJson(s: DocStatement): GoJson {
  return {
    Sid: s.sid || undefined,
    Effect: s.effect || undefined,
    Action: s.actions ?? undefined,
    NotAction: s.notActions ?? undefined,
    Resource: s.resources ?? undefined,
    NotResource: s.notResources ?? undefined,
    Principal: s.principals.length ? principalsJson(s.principals) : undefined,
    NotPrincipal: s.notPrincipals.length ? principalsJson(s.notPrincipals) : undefined,
    Condition: s.conditions.length ? conditionsJson(s.conditions) : undefined,
  };
}

function docJson(d: PolicyDoc): GoJson {
  return {
    Version: d.version || undefined,
    Id: d.id || undefined,
    Statement: d.statements.length ? d.statements.map(statementJson) : undefined,
  };
}

/** The document as the provider's `json` attribute (indented) and `minified_json`. */
export function renderDoc(d: PolicyDoc): { json: string; minified: string } {
  const v = docJson(d);
  return { json: goMarshalIndent(v), minified: goMarshal(v) };
}

// ---- decoding JSON documents the way Go's encoding/json fills hashicorp's structs ----

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function typeError(v: unknown, where: string, goType: string): PolicyDocError {
  return new PolicyDocError(`json: cannot unmarshal ${jsonKind(v)} into Go ${where} of type ${goType}`);
}

/** Generic values as Go re-encodes them: objects with their keys in byte order. */
function generic(v: unknown): GoJson {
  if (Array.isArray(v)) return v.map(generic);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, GoJson> = {};
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) o[k] = generic(e);
    return goSortedKeys(o);
  }
  return v as GoJson;
}

function goString(v: unknown, field: string, struct: string): string | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'string') throw typeError(v, `struct field ${struct}.${field}`, 'string');
  return v;
}

/** Fields matched case-insensitively, later keys winning, as Go does. */
function fields(o: Record<string, unknown>, names: string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    const name = names.find((n) => n.toLowerCase() === k.toLowerCase());
    if (name) out.set(name, v);
  }
  return out;
}

function decodePrincipals(v: unknown): DocPrincipal[] {
  if (v === null) return [];
  if (typeof v === 'string') return [{ type: '*', identifiers: ['*'] }];
  if (typeof v !== 'object' || Array.isArray(v)) throw new PolicyDocError(`Unsupported data type ${goTypeName(v)} for IAMPolicyStatementPrincipalSet`);
  const out: DocPrincipal[] = [];
  for (const [type, ids] of Object.entries(v as Record<string, unknown>)) {
    if (typeof ids === 'string') out.push({ type, identifiers: ids });
    else if (Array.isArray(ids)) {
      const list = ids.map((e, i) => {
        if (typeof e !== 'string') throw new PolicyDocError(`Unsupported element type ${goTypeName(e)} for IAMPolicyStatementPrincipalSet.Identifiers[${i}] (principal type "${type}"): must be string`);
        return e;
      });
      out.push({ type, identifiers: list.sort(goCompare) });
    } else throw new PolicyDocError(`Unsupported data type ${goTypeName(ids)} for IAMPolicyStatementPrincipalSet.Identifiers`);
  }
  return out;
}

function goTypeName(v: unknown): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string': return 'string';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    default: return 'map[string]interface {}';
  }
}

function decodeConditions(v: unknown): DocCondition[] {
  if (v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(v, 'value', 'map[string]map[string]interface {}');
  const out: DocCondition[] = [];
  for (const [test, vars] of Object.entries(v as Record<string, unknown>)) {
    if (vars === null) continue;
    if (typeof vars !== 'object' || Array.isArray(vars)) throw typeError(vars, 'value', 'map[string]interface {}');
    for (const [variable, values] of Object.entries(vars as Record<string, unknown>)) {
      // Numbers and nulls have no case in the provider and are dropped.
      if (typeof values === 'string') out.push({ test, variable, values: [values] });
      else if (typeof values === 'boolean') out.push({ test, variable, values: String(values) });
      else if (Array.isArray(values)) out.push({ test, variable, values: values.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) });
    }
  }
  return out;
}

const STATEMENT_FIELDS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];

function decodeStatement(v: unknown): DocStatement {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw typeError(v, 'struct field IAMPolicyDoc.Statement', 'iam.IAMPolicyStatement');
  const f = fields(v as Record<string, unknown>, STATEMENT_FIELDS);
  const any = (k: string): GoJson | undefined => (f.has(k) && f.get(k) !== null ? generic(f.get(k)) : undefined);
  return {
    sid: goString(f.get('Sid') ?? null, 'Statement.Sid', 'IAMPolicyStatement') ?? '',
    effect: goString(f.get('Effect') ?? null, 'Statement.Effect', 'IAMPolicyStatement') ?? '',
    actions: any('Action'), notActions: any('NotAction'), resources: any('Resource'), notResources: any('NotResource'),
    principals: decodePrincipals(f.get('Principal') ?? null),
    notPrincipals: decodePrincipals(f.get('NotPrincipal') ?? null),
    conditions: decodeConditions(f.get('Condition') ?? null),
  };
}

/** Decodes a JSON policy text as the provider does (throws PolicyDocError with Go's wording). */
export function decodeDoc(text: string): PolicyDoc {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new PolicyDocError(e instanceof Error ? e.message : String(e));
  }
  if (v === null) return emptyDoc();
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(v, 'value', 'iam.IAMPolicyDoc');
  const f = fields(v as Record<string, unknown>, ['Version', 'Id', 'Statement']);
  const st = f.get('Statement') ?? null;
  if (st !== null && !Array.isArray(st)) throw typeError(st, 'struct field IAMPolicyDoc.Statement', '[]*iam.IAMPolicyStatement');
  return {
    version: goString(f.get('Version') ?? null, 'Version', 'IAMPolicyDoc') ?? '',
    id: goString(f.get('Id') ?? null, 'Id', 'IAMPolicyDoc') ?? '',
    statements: ((st as unknown[] | null) ?? []).map(decodeStatement),
  };
}
