/**
 * Terraform core's check of a provider's apply result: every value the plan knew must come
 * back unchanged; only what was unknown ("known after apply") may be filled in. A provider
 * that breaks this would make dependents, planned against the planned value, apply with
 * another. The rules follow Terraform's objchange.AssertObjectCompatible, and the problems
 * are worded as it words them, since a user passes them on to the provider's developers.
 */
import * as T from '../lang/types.js';
import { Mark, rawEquals, type Path, type PathMarks, type Value } from '../lang/value.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { goQuote } from '../lang/format-console.js';
import { goStringValue } from '../lang/value-gostring.js';
import { mismatchMessage } from '../lang/convert-mismatch.js';
import type { BlockSchema } from '../providers/protocol.js';
import { formatPath } from '../state/attributes.js';

/**
 * Terraform's "Provider produced inconsistent result after apply" errors: one for each
 * value the plan knew that the provider changed. Sourceless, as in Terraform. `marks` are
 * the configuration's marks, whose sensitive values are not shown.
 */
export function inconsistentResultDiags(block: BlockSchema, planned: Value, actual: Value, marks: PathMarks[], addr: string, provider: string): Diagnostic[] {
  const sensitive = (p: Path) => marks.some((pm) => (pm.marks & Mark.Sensitive) !== 0 && pathsOverlap(pm.path, p));
  return assertObjectCompatible(block, planned, actual, sensitive).map((e) => errorDiag('Provider produced inconsistent result after apply',
    `When applying changes to ${addr}, provider ${goQuote(provider)} produced an unexpected new value: ${formatIncompatibility(e)}.\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker.`));
}

/** True when one path is a prefix of the other (a mark on either covers the other). */
function pathsOverlap(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!, y = b[i]!;
    if ('attr' in x ? !('attr' in y) || x.attr !== y.attr : 'attr' in y || x.index !== y.index) return false;
  }
  return true;
}

/** One inconsistency, at a path in the object. */
export interface Incompatibility { path: Path; message: string }

/** The problem as Terraform prints it: `.tags["a"]: was cty.StringVal("x"), but now ...`. */
export function formatIncompatibility(e: Incompatibility): string {
  return e.path.length ? `${formatPath(e.path)}: ${e.message}` : e.message;
}

/**
 * The ways `actual` (an apply's result, no marks) is not a completion of `planned` (the
 * planned new object, no marks). `sensitive(path)` says when an attribute's values came
 * sensitive from the configuration, so that they are not shown.
 */
export function assertObjectCompatible(block: BlockSchema, planned: Value, actual: Value, sensitive: (p: Path) => boolean = () => false): Incompatibility[] {
  return objectCompatible(block, planned, actual, [], sensitive);
}

function objectCompatible(block: BlockSchema, planned: Value, actual: Value, path: Path, sensitive: (p: Path) => boolean): Incompatibility[] {
  const errs: Incompatibility[] = [];
  const root = path.length === 0 ? 'Root object ' : '';
  if (planned.isNull !== actual.isNull) return [{ path, message: `${root}was ${planned.isNull ? 'absent, but now present' : 'present, but now absent'}` }];
  if (planned.isNull) return errs;
  // An object planned wholly unknown may become anything of its type.
  if (!planned.isKnown) return valueCompatible(planned, actual, path);
  if (!actual.isKnown) return [{ path, message: 'was known, but now unknown' }];
  // Sorted for a stable order (Terraform's follows Go's map order, which varies).
  for (const name of T.sortedKeys(block.attributes)) {
    const attr = block.attributes[name]!;
    const p = [...path, { attr: name }];
    const pv = planned.attrs.get(name), av = actual.attrs.get(name);
    if (!pv || !av) continue;
    const more = valueCompatible(pv, av, p);
    // A vague placeholder instead, so that a secret does not end up in a bug report.
    if (more.length && (attr.sensitive || sensitive(p))) errs.push({ path: p, message: 'inconsistent values for sensitive attribute' });
    else errs.push(...more);
  }
  for (const name of T.sortedKeys(block.blockTypes)) {
    const nb = block.blockTypes[name]!;
    const p = [...path, { attr: name }];
    const pv = planned.attrs.get(name), av = actual.attrs.get(name);
    if (!pv || !av) continue;
    switch (nb.nesting) {
      case 'single':
      case 'group':
        // An unknown placeholder block may turn out to be no block at all.
        if (!pv.isKnown && av.isNull) continue;
        errs.push(...objectCompatible(nb.block, pv, av, p, sensitive));
        break;
      case 'list':
      case 'map': {
        if (!pv.isKnown || !av.isKnown || pv.isNull || av.isNull) continue;
        if (pv.type.kind === 'object') {
          // A map of blocks with dynamic attributes: an object keyed as the map is.
          for (const [k, pe] of pv.attrs) {
            const ae = av.attrs.get(k);
            if (!ae) { errs.push({ path: p, message: `block key "${k}" has vanished` }); continue; }
            errs.push(...objectCompatible(nb.block, pe, ae, [...p, { attr: k }], sensitive));
          }
          for (const k of av.attrs.keys()) if (!pv.attrs.has(k)) errs.push({ path: p, message: `new block key "${k}" has appeared` });
          break;
        }
        const pn = nb.nesting === 'map' ? pv.attrs.size : pv.elems.length;
        const an = nb.nesting === 'map' ? av.attrs.size : av.elems.length;
        if (pn !== an) { errs.push({ path: p, message: `block count changed from ${pn} to ${an}` }); continue; }
        if (nb.nesting === 'map') {
          for (const [k, pe] of pv.attrs) {
            const ae = av.attrs.get(k);
            if (ae) errs.push(...objectCompatible(nb.block, pe, ae, [...p, { index: k }], sensitive));
          }
        } else {
          pv.elems.forEach((pe, i) => errs.push(...objectCompatible(nb.block, pe, av.elems[i]!, [...p, { index: i }], sensitive)));
        }
        break;
      }
      case 'set': {
        if (!pv.isKnown || !av.isKnown || pv.isNull || av.isNull) continue;
        errs.push(...setCompatible(pv, av, p, (pe, ae) => objectCompatible(nb.block, pe, ae, [...p, { index: ae }], sensitive).length === 0));
        // Elements that turn out equal coalesce, so a set may shrink, but never grow.
        if (pv.elems.length < av.elems.length) errs.push({ path: p, message: `block set length changed from ${pv.elems.length} to ${av.elems.length}` });
        break;
      }
    }
  }
  return errs;
}

function valueCompatible(planned: Value, actual: Value, path: Path): Incompatibility[] {
  if (planned.type.kind === 'dynamic') return [];
  if (!T.conformsTo(actual.type, planned.type)) return [{ path, message: `wrong final value type: ${mismatchMessage(actual.type, planned.type)}` }];
  if (!planned.isKnown) {
    // Only what the plan's placeholder promised is checked: its refinements.
    if (planned.refinement?.notNull && actual.isKnown && actual.isNull) {
      return [{ path, message: `final value ${goStringValue(actual)} does not conform to planning placeholder ${goStringValue(planned)}` }];
    }
    return [];
  }
  if (actual.isNull) return planned.isNull ? [] : [{ path, message: `was ${goStringValue(planned)}, but now null` }];
  if (planned.isNull) return [{ path, message: `was null, but now ${goStringValue(actual)}` }];
  if (!actual.isKnown) return [{ path, message: 'was known, but now unknown' }];
  const errs: Incompatibility[] = [];
  switch (planned.type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      if (!rawEquals(planned, actual)) errs.push({ path, message: `was ${goStringValue(planned)}, but now ${goStringValue(actual)}` });
      break;
    case 'list':
    case 'tuple':
      planned.elems.forEach((pe, i) => {
        const ae = actual.elems[i];
        if (!ae) errs.push({ path, message: `element ${i} has vanished` });
        else errs.push(...valueCompatible(pe, ae, [...path, { index: i }]));
      });
      for (let i = planned.elems.length; i < actual.elems.length; i++) errs.push({ path, message: `new element ${i} has appeared` });
      break;
    case 'map':
      for (const [k, pe] of planned.attrs) {
        const ae = actual.attrs.get(k);
        if (!ae) errs.push({ path, message: `element ${goQuote(k)} has vanished` });
        else errs.push(...valueCompatible(pe, ae, [...path, { index: k }]));
      }
      for (const k of actual.attrs.keys()) if (!planned.attrs.has(k)) errs.push({ path, message: `new element ${goQuote(k)} has appeared` });
      break;
    case 'object':
      for (const [k, pe] of planned.attrs) errs.push(...valueCompatible(pe, actual.attrs.get(k)!, [...path, { attr: k }]));
      break;
    case 'set':
      errs.push(...setCompatible(planned, actual, path, (pe, ae) => valueCompatible(pe, ae, [...path, { index: ae }]).length === 0));
      if (planned.elems.length < actual.elems.length) errs.push({ path, message: `length changed from ${planned.elems.length} to ${actual.elems.length}` });
      break;
  }
  return errs;
}

/**
 * Set elements have no identity but their value, so each planned element must match some
 * actual one and each actual element some planned one (unknowns in the plan match by type).
 */
function setCompatible(planned: Value, actual: Value, path: Path, matches: (p: Value, a: Value) => boolean): Incompatibility[] {
  const pm = planned.elems.map(() => false), am = actual.elems.map(() => false);
  planned.elems.forEach((pe, i) => actual.elems.forEach((ae, j) => {
    if (pm[i] && am[j]) return;
    if (matches(pe, ae)) pm[i] = am[j] = true;
  }));
  const lost = planned.elems.filter((_, i) => !pm[i]);
  if (lost.length) return lost.map((pe) => ({ path, message: `planned set element ${goStringValue(pe)} does not correlate with any element in actual` }));
  return actual.elems.filter((_, j) => !am[j]).map((ae) => ({ path, message: `actual set element ${goStringValue(ae)} does not correlate with any element in plan` }));
}
