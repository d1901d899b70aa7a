/**
 * `tags` / `tags_all` as hashicorp/aws handles them: tags_all is tags merged over the
 * provider's default_tags; refresh stores every remote tag in tags_all and the ones not
 * coming from default_tags in tags; updates add and remove the difference.
 */
import * as T from '../../lang/types.js';
import { CreateTagsCommand, DeleteTagsCommand, type Tag } from '@aws-sdk/client-ec2';
import { unknownVal, type Value } from '../../lang/value.js';
import { attr, fromJS, toJS, withAttrs } from '../sdk/obj.js';
import type { PlanCustomization } from '../sdk/resource.js';
import type { AwsMeta } from './config.js';
import { awsCall } from './errors.js';


/** Tags of a value's attribute as a plain record (empty when null). */
export function tagMap(v: Value, name = 'tags'): Record<string, string> {
  return (toJS(attr(v, name)) as Record<string, string> | null | undefined) ?? {};
}

/** Plans tags_all from tags and the provider's default tags (unknown while tags are). */
export function planTagsAll(meta: AwsMeta, p: PlanCustomization): PlanCustomization {
  const tags = attr(p.config, 'tags');
  const all = tags.isKnown
    ? fromJS({ ...meta.defaultTags, ...tagMap(p.config) }, T.Map(T.String))
    : unknownVal(T.Map(T.String));
  return { ...p, planned: withAttrs(p.planned, { tags_all: all }) };
}

/** EC2 TagSpecification-style tags for a create call (undefined when none). */
export function ec2Tags(all: Record<string, string>): Tag[] | undefined {
  const out = Object.entries(all).map(([Key, Value]) => ({ Key, Value }));
  return out.length ? out : undefined;
}

/** Attributes `tags` and `tags_all` for state from the remote tags (see the file comment). */
export function tagsForState(meta: AwsMeta, remote: Tag[] | undefined, prior: Value | null): { tags: unknown; tags_all: unknown } {
  const all: Record<string, string> = {};
  for (const t of remote ?? []) if (t.Key !== undefined && !t.Key.startsWith('aws:')) all[t.Key] = t.Value ?? '';
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (meta.defaultTags[k] !== v) own[k] = v;
  const priorTags = prior ? attr(prior, 'tags') : null;
  const keepNull = Object.keys(own).length === 0 && (!priorTags || priorTags.isNull);
  return { tags: keepNull ? null : own, tags_all: all };
}

/** Applies the difference between two tags_all maps to an EC2 resource. */
export async function updateEc2Tags(meta: AwsMeta, id: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = Object.entries(after).filter(([k, v]) => before[k] !== v);
  if (removed.length) {
    await awsCall(`untagging resource (${id})`, () => meta.ec2().send(new DeleteTagsCommand({ Resources: [id], Tags: removed.map((Key) => ({ Key })) })));
  }
  if (changed.length) {
    await awsCall(`tagging resource (${id})`, () => meta.ec2().send(new CreateTagsCommand({ Resources: [id], Tags: changed.map(([Key, Value]) => ({ Key, Value })) })));
  }
}
