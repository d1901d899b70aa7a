/**
 * What the S3 resources share: hashicorp's "BUCKET[,EXPECTED_BUCKET_OWNER]" ids, generated
 * names ("terraform-" + timestamp + counter), and the legacy plugin-SDK planning rules
 * (an unset optional attribute stored as "" / false / 0 stays so; an unset optional+computed
 * block keeps what was read).
 */
import type { Value } from '../../../lang/value.js';
import { emptyListVal, emptySetVal, rawEquals, unknownVal, listVal, setVal, objectValOfType } from '../../../lang/value.js';
import type * as T from '../../../lang/types.js';
import type { BlockSchema } from '../../protocol.js';
import { impliedType } from '../../schema.js';
import { planObject, replacePaths } from '../../sdk/planner.js';
import { attr, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type PlanCustomization } from '../../sdk/resource.js';
import { isAwsCode } from '../errors.js';

/** The id of a bucket configuration resource: the bucket, then ",owner" when one is expected. */
export function resourceId(bucket: string, expectedOwner: string | undefined): string {
  return expectedOwner ? `${bucket},${expectedOwner}` : bucket;
}

/** Splits a "BUCKET" or "BUCKET,EXPECTED_BUCKET_OWNER" id (import ids included). */
export function parseResourceId(id: string): { bucket: string; owner: string | undefined } {
  const parts = id.split(',');
  if (parts.length === 1 && parts[0]) return { bucket: parts[0], owner: undefined };
  if (parts.length === 2 && parts[0] && parts[1]) return { bucket: parts[0], owner: parts[1] };
  throw new ProviderError(
    'Invalid import ID',
    `unexpected format for ID (${id}), expected BUCKET or BUCKET,EXPECTED_BUCKET_OWNER`,
  );
}

let counter = 0;

/**
 * A unique name as hashicorp's plugin SDK makes them: prefix, the UTC time to 1/10000 s
 * (18 digits) and an 8-hex-digit counter (26 characters in all).
 */
export function prefixedUniqueId(prefix: string, now = new Date()): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const ts = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1, 2)}${p(now.getUTCDate(), 2)}` +
    `${p(now.getUTCHours(), 2)}${p(now.getUTCMinutes(), 2)}${p(now.getUTCSeconds(), 2)}${p(now.getUTCMilliseconds(), 3)}0`;
  counter++;
  return `${prefix}${ts}${counter.toString(16).padStart(8, '0')}`;
}

/** The prefix of a generated name (null when the name was not generated from one). */
export function namePrefixFromName(name: string): string | null {
  const i = name.length - 26;
  if (i <= 0) return null;
  return /^[0-9a-fA-F]{26}$/.test(name.slice(i)) ? name.slice(0, i) : null;
}

function isZero(v: Value): boolean {
  if (v.isNull || !v.isKnown) return false;
  return v.v === '' || v.v === false || v.v === 0;
}

/**
 * The planned object with hashicorp's legacy zero values taken from `prior`: an optional,
 * non-computed attribute planned null whose prior value is "" / false / 0 keeps it, in
 * nested blocks too (list elements by position, set elements by their normalised value).
 */
export function keepLegacyZeros(block: BlockSchema, planned: Value, prior: Value | null): Value {
  if (!prior || prior.isNull || !prior.isKnown || planned.isNull || !planned.isKnown) return planned;
  const type = planned.type as T.ObjectType;
  const entries = new Map(planned.attrs);
  for (const [name, s] of Object.entries(block.attributes)) {
    if (!s.optional || s.computed) continue;
    const pv = prior.attrs.get(name);
    if (pv && isZero(pv) && entries.get(name)?.isNull) entries.set(name, pv);
  }
  for (const [name, nb] of Object.entries(block.blockTypes)) {
    const nv = entries.get(name), pv = prior.attrs.get(name);
    if (!nv || !pv || !nv.isKnown || nv.isNull || !pv.isKnown || pv.isNull) continue;
    if (nb.nesting === 'single' || nb.nesting === 'group') entries.set(name, keepLegacyZeros(nb.block, nv, pv));
    else if (nb.nesting === 'list' && nv.elems.length > 0) {
      entries.set(name, listVal(nv.elems.map((e, i) => keepLegacyZeros(nb.block, e, pv.elems[i] ?? null))));
    } else if (nb.nesting === 'set' && nv.elems.length > 0) {
      const left = [...pv.elems];
      entries.set(name, setVal(nv.elems.map((e) => {
        const i = left.findIndex((p) => rawEquals(keepLegacyZeros(nb.block, e, p), p));
        return i >= 0 ? left.splice(i, 1)[0]! : e;
      })));
    }
  }
  const out = objectValOfType(type, entries);
  return rawEquals(out, prior) ? prior : out;
}

/**
 * Plans like hashicorp's plugin SDK for values it stores as zero values (keepLegacyZeros),
 * and for the deprecated Optional+Computed blocks named in `computedBlocks`: left out of
 * the configuration, they keep their prior value (unknown when creating or replacing).
 */
export function legacyPlan(block: BlockSchema, p: PlanCustomization, computedBlocks: readonly string[] = []): PlanCustomization {
  const prior = p.prior && !p.prior.isNull ? p.prior : null;
  const type = impliedType(block);
  const withBlocks = (planned: Value, replacing: boolean): Value => {
    const changes: Record<string, Value> = {};
    for (const name of computedBlocks) {
      const c = attr(p.config, name);
      if (c.isKnown && !c.isNull && c.elems.length > 0) continue;
      const bt = type.attrs[name]! as T.ListType | T.SetType;
      if (!prior || replacing) changes[name] = unknownVal(bt);
      else {
        const pv = attr(prior, name);
        changes[name] = !pv.isNull ? pv : bt.kind === 'set' ? emptySetVal(bt.elem) : emptyListVal(bt.elem);
      }
    }
    return Object.keys(changes).length ? withAttrs(planned, changes) : planned;
  };
  let base = p;
  // A force-new attribute stored as "" and now unset, or a computed block left out, is no
  // change: plan again as an update when nothing else forces the replacement.
  if (prior && p.requiresReplace.length > 0) {
    const candidate = keepLegacyZeros(block, withBlocks(planObject(block, prior, p.config), false), prior);
    if (replacePaths(block, prior, candidate).length === 0) base = { ...p, planned: candidate, requiresReplace: [] };
  }
  const replacing = base.requiresReplace.length > 0;
  let planned = withBlocks(base.planned, replacing);
  if (prior && !replacing) planned = keepLegacyZeros(block, planned, prior);
  if (prior && rawEquals(planned, prior)) planned = prior;
  return planned === base.planned ? base : { ...base, planned };
}

/** The plan with the prior object itself when nothing differs (so "no changes" is exact). */
export function samePrior(p: PlanCustomization): PlanCustomization {
  if (p.prior && !p.prior.isNull && p.planned !== p.prior && rawEquals(p.planned, p.prior)) return { ...p, planned: p.prior };
  return p;
}

/**
 * Reads a just-written object until it shows (S3 is eventually consistent on AWS): the
 * first read is immediate, so an endpoint that answers at once costs nothing.
 */
export async function readAfterWrite<R>(read: () => Promise<R | null>, timeoutMs = 120_000): Promise<R | null> {
  const start = Date.now();
  for (let delay = 200; ; delay = Math.min(delay * 2, 5000)) {
    const got = await read();
    if (got !== null || Date.now() - start > timeoutMs) return got;
    await new Promise((r) => setTimeout(r, delay));
  }
}

/**
 * Runs `fn` again while it fails with one of `codes` (e.g. S3's OperationAborted while a
 * just-deleted bucket of the same name settles), backing off, for at most `timeoutMs`.
 */
export async function retryOnCodes<R>(fn: () => Promise<R>, codes: string[], timeoutMs = 120_000): Promise<R> {
  const start = Date.now();
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await fn();
    } catch (e) {
      if (!isAwsCode(e, ...codes) || Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
