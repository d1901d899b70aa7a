/**
 * Data source aws_iam_policy_document: builds an IAM policy from statement blocks and
 * merges source and override documents, rendering `json`, `minified_json` and `id` exactly
 * as hashicorp/aws does. Computed locally; no API call and no AWS SDK import.
 */
import * as T from '../../../lang/types.js';
import type { Value } from '../../../lang/value.js';
import type { Path } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { impliedType } from '../../schema.js';
import { attr, fromJS, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import {
  decodeDoc, decodeStringList, emptyDoc, mergeDoc, PolicyDocError, renderDoc,
  type DocCondition, type DocPrincipal, type DocStatement, type PolicyDoc,
} from './policy-model.js';
import { policyDocumentSchema } from './schemas.js';
import { sdkSetOrder, serializeStringList, serializeStringSet, stringHashcode } from './sdk-hash.js';

interface CfgPrincipal { type: string; identifiers: string[] }
interface CfgCondition { test: string; variable: string; values: string[] }
interface CfgStatement {
  sid?: string | null; effect?: string | null;
  actions?: string[] | null; not_actions?: string[] | null; resources?: string[] | null; not_resources?: string[] | null;
  principals?: CfgPrincipal[] | null; not_principals?: CfgPrincipal[] | null; condition?: CfgCondition[] | null;
}

const VERSIONS = ['2008-10-17', '2012-10-17'];

function replaceVars(items: string | string[], version: string): string | string[] {
  const one = (s: string) => {
    if (version === '2008-10-17' && s.includes('&{')) {
      throw new PolicyDocError(`found &{ sequence in (${s}), which is not supported in document version 2008-10-17`);
    }
    return s.split('&{').join('${');
  };
  return Array.isArray(items) ? items.map(one) : one(items);
}

function wrap<R>(prefix: string, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PolicyDocError) throw new PolicyDocError(`${prefix}: ${e.message}`);
    throw e;
  }
}

/** Principal blocks in the order the SDK lists the set, identifiers decoded like hashicorp. */
function principals(list: CfgPrincipal[], version: string): DocPrincipal[] {
  const ordered = sdkSetOrder(list, (p) => `identifiers:${serializeStringSet(p.identifiers)}type:${p.type};`);
  return ordered.map((p) => ({
    type: p.type,
    identifiers: wrap('reading identifiers', () => replaceVars(decodeStringList(p.identifiers), version)),
  }));
}

function conditions(list: CfgCondition[], version: string): DocCondition[] {
  const ordered = sdkSetOrder(list, (c) => `test:${c.test};values:${serializeStringList(c.values)}variable:${c.variable};`);
  return ordered.map((c) => {
    const values = wrap('reading values', () => replaceVars(c.values, version)) as string[];
    return { test: c.test, variable: c.variable, values: values.length === 1 ? values[0]! : values };
  });
}

function statementsFromConfig(list: CfgStatement[], version: string): DocStatement[] {
  const sids = new Set<string>();
  return list.map((c) => {
    const sid = c.sid ?? '';
    if (sids.has(sid)) throw new PolicyDocError(`writing IAM Policy Document: duplicate Sid (${sid}). Remove the Sid or ensure the Sid is unique.`);
    if (sid) sids.add(sid);
    const st: DocStatement = { sid, effect: c.effect ?? 'Allow', principals: [], notPrincipals: [], conditions: [] };
    if (c.actions?.length) st.actions = decodeStringList(c.actions);
    if (c.not_actions?.length) st.notActions = decodeStringList(c.not_actions);
    if (c.resources?.length) st.resources = wrap('reading resources', () => replaceVars(decodeStringList(c.resources!), version));
    if (c.not_resources?.length) st.notResources = wrap('reading not_resources', () => replaceVars(decodeStringList(c.not_resources!), version));
    if (c.principals?.length) st.principals = wrap('reading principals', () => principals(c.principals!, version));
    if (c.not_principals?.length) st.notPrincipals = wrap('reading not_principals', () => principals(c.not_principals!, version));
    if (c.condition?.length) st.conditions = wrap('reading condition', () => conditions(c.condition!, version));
    return st;
  });
}

/** The merged document for a configuration given as plain JS (exported for tests). */
export function buildPolicyDocument(cfg: {
  version?: string | null; policy_id?: string | null; statement?: CfgStatement[] | null;
  source_policy_documents?: (string | null)[] | null; override_policy_documents?: (string | null)[] | null;
}): PolicyDoc {
  const merged = emptyDoc();
  const sids = new Set<string>();
  (cfg.source_policy_documents ?? []).forEach((text, i) => {
    if (text === null) return;
    const doc = wrap(`writing IAM Policy Document: merging source document ${i}`, () => decodeDoc(text));
    doc.statements.forEach((st, j) => {
      if (!st.sid) return;
      if (sids.has(st.sid)) {
        throw new PolicyDocError(`writing IAM Policy Document: merging source document ${i}: duplicate Sid (${st.sid}) in source_policy_documents (statement ${j}). Remove the Sid or ensure Sids are unique.`);
      }
      sids.add(st.sid);
    });
    mergeDoc(merged, doc);
  });
  const version = cfg.version ?? '2012-10-17';
  mergeDoc(merged, { version, id: cfg.policy_id ?? '', statements: statementsFromConfig(cfg.statement ?? [], version) });
  (cfg.override_policy_documents ?? []).forEach((text, i) => {
    if (text === null) return;
    mergeDoc(merged, wrap(`writing IAM Policy Document: merging override document ${i}`, () => decodeDoc(text)));
  });
  return merged;
}

function stateStatements(list: CfgStatement[] | null | undefined): unknown {
  if (!list) return null;
  const set = <T>(v: T[] | null | undefined) => v ?? [];
  return list.map((s) => ({
    sid: s.sid ?? '', effect: s.effect ?? 'Allow',
    actions: set(s.actions), not_actions: set(s.not_actions), resources: set(s.resources), not_resources: set(s.not_resources),
    principals: set(s.principals), not_principals: set(s.not_principals), condition: set(s.condition),
  }));
}

function validate(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [];
  const err = (summary: string, path: Path) => out.push({ severity: 'error', summary, attribute: path });
  const version = attr(config, 'version');
  if (version.isKnown && !version.isNull && !VERSIONS.includes(version.v as string)) {
    err(`expected version to be one of ["2008-10-17" "2012-10-17"], got ${String(version.v)}`, [{ attr: 'version' }]);
  }
  for (const name of ['source_json', 'override_json']) {
    const v = attr(config, name);
    if (v.isKnown && !v.isNull && v.v !== '') err(`expected "${name}" to be an empty string: got ${String(v.v)}`, [{ attr: name }]);
  }
  for (const name of ['source_policy_documents', 'override_policy_documents']) {
    const docs = attr(config, name);
    if (!docs.isKnown || docs.isNull) continue;
    docs.elems.forEach((d, i) => {
      if (!d.isKnown || d.isNull) return;
      try {
        JSON.parse(d.v as string);
      } catch (e) {
        err(`"${name}.${i}" contains an invalid JSON: ${e instanceof Error ? e.message : String(e)}`, [{ attr: name }, { index: i }]);
      }
    });
  }
  const statements = attr(config, 'statement');
  if (statements.isKnown && !statements.isNull) {
    statements.elems.forEach((s, i) => {
      const effect = attr(s, 'effect');
      if (effect.isKnown && !effect.isNull && effect.v !== 'Allow' && effect.v !== 'Deny') {
        err(`expected statement.${i}.effect to be one of ["Allow" "Deny"], got ${String(effect.v)}`, [{ attr: 'statement' }, { index: i }, { attr: 'effect' }]);
      }
      const sid = attr(s, 'sid');
      if (sid.isKnown && !sid.isNull && !/^[a-zA-Z0-9]*$/.test(sid.v as string)) {
        err(`invalid value for statement.${i}.sid (must only include alphanumeric characters)`, [{ attr: 'statement' }, { index: i }, { attr: 'sid' }]);
      }
    });
  }
  return out;
}

/** The aws_iam_policy_document data source. */
export const awsIamPolicyDocument: DataSourceDef<AwsMeta> = {
  schema: policyDocumentSchema,
  validate,
  async read(_ctx, config) {
    const cfg = toJS(config.unmark()) as Parameters<typeof buildPolicyDocument>[0] & { statement?: CfgStatement[] | null };
    let doc: PolicyDoc;
    try {
      doc = buildPolicyDocument(cfg);
    } catch (e) {
      if (e instanceof PolicyDocError) throw new ProviderError(e.message);
      throw e;
    }
    const { json, minified } = renderDoc(doc);
    const t = impliedType(policyDocumentSchema.block);
    return withAttrs(config, {
      id: String(stringHashcode(json)), json, minified_json: minified,
      version: str(config, 'version') ?? '2012-10-17',
      statement: fromJS(stateStatements(cfg.statement), (t as T.ObjectType).attrs['statement']!),
    });
  },
};
