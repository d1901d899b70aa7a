/**
 * Where ephemeral values (Terraform 1.10+: `ephemeral = true` variables and outputs) may
 * not go: a managed resource's arguments other than write-only ones (they are saved in
 * state), a non-ephemeral output, and any root module output. Texts from terraform 1.11.4.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { HclBody } from '../hcl/body.js';
import type { Output } from '../config/module.js';
import { Mark, deepMarks, type PathMarks, type Value } from '../lang/value.js';
import type { BlockSchema, ProviderDiagnostic } from '../providers/protocol.js';
import { resourceDiags } from './provider-manager.js';

/** The schema of the attribute a path names, walking nested blocks. */
function attributeAt(block: BlockSchema, path: PathMarks['path']): { name: string; writeOnly: boolean } | undefined {
  let cur: BlockSchema | undefined = block;
  for (const step of path) {
    if (!cur || !('attr' in step)) continue;
    const a = cur.attributes[step.attr];
    if (a) return { name: step.attr, writeOnly: a.writeOnly === true };
    cur = cur.blockTypes[step.attr]?.block;
  }
  return undefined;
}

/**
 * Errors for ephemeral values in a managed resource's decoded configuration, given the
 * marks taken off it; each at the argument it came through, naming the resource.
 */
export function ephemeralResourceDiags(marks: readonly PathMarks[], block: BlockSchema, body: HclBody, address: string): Diagnostic[] {
  const pds: ProviderDiagnostic[] = [];
  const seen = new Set<string>();
  for (const pm of marks) {
    if ((pm.marks & Mark.Ephemeral) === 0) continue;
    const attr = attributeAt(block, pm.path);
    if (!attr || attr.writeOnly) continue;
    const key = JSON.stringify(pm.path.filter((s) => 'attr' in s));
    if (seen.has(key)) continue;
    seen.add(key);
    pds.push({
      severity: 'error', summary: 'Invalid use of ephemeral value',
      detail: `Ephemeral values are not valid for "${attr.name}", because it is not a write-only attribute and must be persisted to state.`,
      attribute: pm.path.flatMap((s) => ('attr' in s ? [{ attr: s.attr }] : [])),
    });
  }
  return resourceDiags(pds, body, undefined, address);
}

/** Errors for an output's value: ephemeral where the output is not, or an ephemeral root output. */
export function ephemeralOutputDiags(o: Output, value: Value, root: boolean): Diagnostic[] {
  if (o.ephemeral && root) {
    return [errorDiag('Ephemeral output not allowed', 'Ephemeral outputs are not allowed in context of a root module', o.range)];
  }
  if (!o.ephemeral && (deepMarks(value) & Mark.Ephemeral) !== 0) {
    return [errorDiag('Ephemeral value not allowed', 'This output value is not declared as returning an ephemeral value, so it cannot be set to a result derived from an ephemeral value.', o.expr.range)];
  }
  return [];
}
