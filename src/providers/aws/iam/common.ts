/** Shared IAM calls for the resources: tag updates, documents as AWS returns them, dates, generated names. */
import {
  type Tag, TagInstanceProfileCommand, TagPolicyCommand, TagRoleCommand, TagUserCommand,
  UntagInstanceProfileCommand, UntagPolicyCommand, UntagRoleCommand, UntagUserCommand,
} from '@aws-sdk/client-iam';
import type { Tag as EcTag } from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import type { AwsMeta } from '../config.js';
import { tagsForState } from '../tags.js';
import { awsCall, isAwsCode } from '../errors.js';

/** True for IAM's "no such entity" answer. */
export function notFound(e: unknown): boolean {
  return isAwsCode(e, 'NoSuchEntity', 'NoSuchEntityException');
}

/** Runs `fn`; NoSuchEntity becomes null. */
export async function orNull<R>(fn: () => Promise<R>): Promise<R | null> {
  try {
    return await fn();
  } catch (e) {
    if (notFound(e)) return null;
    throw e;
  }
}

/** A policy document as IAM returns it (URL-encoded), decoded like Go's url.QueryUnescape. */
export function decodeDocument(doc: string | undefined): string {
  if (!doc) return '';
  try {
    return decodeURIComponent(doc.replace(/\+/g, ' '));
  } catch {
    return doc;
  }
}

/** RFC 3339 in UTC without fractions, as the provider formats IAM dates. */
export function rfc3339(d: Date | undefined): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

/** IAM tags from a tags_all map (undefined when empty). */
export function iamTags(all: Record<string, string>): Tag[] | undefined {
  const out = Object.entries(all).map(([Key, Value]) => ({ Key, Value }));
  return out.length ? out : undefined;
}

type Taggable = 'role' | 'user' | 'policy' | 'instance-profile';

/** Applies the difference between two tags_all maps to an IAM entity. */
export async function updateIamTags(meta: AwsMeta, kind: Taggable, id: string, noun: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
  const iam = meta.iam();
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = iamTags(Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v)));
  if (removed.length) {
    await awsCall(`untagging ${noun} (${id})`, () => {
      switch (kind) {
        case 'role': return iam.send(new UntagRoleCommand({ RoleName: id, TagKeys: removed }));
        case 'user': return iam.send(new UntagUserCommand({ UserName: id, TagKeys: removed }));
        case 'policy': return iam.send(new UntagPolicyCommand({ PolicyArn: id, TagKeys: removed }));
        case 'instance-profile': return iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: id, TagKeys: removed }));
      }
    });
  }
  if (changed) {
    await awsCall(`tagging ${noun} (${id})`, () => {
      switch (kind) {
        case 'role': return iam.send(new TagRoleCommand({ RoleName: id, Tags: changed }));
        case 'user': return iam.send(new TagUserCommand({ UserName: id, Tags: changed }));
        case 'policy': return iam.send(new TagPolicyCommand({ PolicyArn: id, Tags: changed }));
        case 'instance-profile': return iam.send(new TagInstanceProfileCommand({ InstanceProfileName: id, Tags: changed }));
      }
    });
  }
}

const UNIQUE_SUFFIX = 26;
let counter = 0;

/** The plugin SDK's PrefixedUniqueId: prefix, UTC time to 1/10000 s, 8 hex digits of a counter. */
export function prefixedUniqueId(prefix: string, now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}${p(now.getUTCMilliseconds(), 3)}0`;
  counter = (counter + 1) >>> 0;
  return prefix + stamp + counter.toString(16).padStart(8, '0');
}

/** create.Name: the name, or prefix + unique suffix, or "terraform-" + unique suffix. */
export function createName(name: string | undefined, prefix: string | undefined): string {
  if (name) return name;
  return prefixedUniqueId(prefix || 'terraform-');
}

/** create.NamePrefixFromName: the prefix of a generated name, else "" (the SDK stores nil as ""). */
export function namePrefixFromName(name: string): string {
  if (!/[0-9a-fA-F]{26}$/.test(name) || name.length <= UNIQUE_SUFFIX) return '';
  return name.slice(0, name.length - UNIQUE_SUFFIX);
}

/**
 * tags/tags_all from the remote tags. The plugin SDK stores an empty `tags` as null in the
 * state an apply writes but as {} in the state a refresh writes; both are kept here.
 */
export function iamTagsForState(meta: AwsMeta, remote: Tag[] | undefined, prior: Value | null, refresh: boolean): { tags: unknown; tags_all: unknown } {
  const t = tagsForState(meta, remote as EcTag[] | undefined, prior);
  return refresh && t.tags === null ? { ...t, tags: {} } : t;
}

/** How long hashicorp waits for IAM's eventual consistency (propagationTimeout). */
export const PROPAGATION_MS = 2 * 60 * 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads a just-written entity, polling while IAM does not show it yet (real IAM is
 * eventually consistent; the first try is immediate, so a cloud that answers at once
 * costs nothing).
 */
export async function readAfterWrite<R>(what: string, read: () => Promise<R | null>, timeoutMs = PROPAGATION_MS): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    const got = await read();
    if (got !== null) return got;
    if (Date.now() + delay > deadline) throw new Error(`reading ${what}: not found after writing it`);
    await sleep(delay);
  }
}

/**
 * Runs `fn`, retrying while IAM rejects a principal it does not know yet (a role or user
 * created moments ago), as hashicorp does for trust policies.
 */
export async function retryInvalidPrincipal<R>(fn: () => Promise<R>, timeoutMs = PROPAGATION_MS): Promise<R> {
  return retryWhile(fn, (e) => isAwsCode(e, 'MalformedPolicyDocument', 'MalformedPolicyDocumentException') && e instanceof Error && e.message.includes('Invalid principal in policy'), timeoutMs);
}

/** Runs `fn`, retrying with backoff while `retryable(error)` holds, within `timeoutMs`. */
export async function retryWhile<R>(fn: () => Promise<R>, retryable: (e: unknown) => boolean, timeoutMs = PROPAGATION_MS): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e) || Date.now() + delay > deadline) throw e;
      await sleep(delay);
    }
  }
}
