/**
 * The instances in state of a count or for_each resource that its configuration no longer
 * has. Terraform builds a resource's value from the instances in its state, less those
 * being deleted, so plan and apply put the ones they keep (a -target left them out; a
 * refresh-only plan deletes nothing) into the resource's value.
 */
import { instanceKeyString, type InstanceKey } from '../addrs/index.js';
import type { ResourceInstanceObject, ResourceState } from '../state/index.js';

/**
 * The current objects of `rs`'s instances whose keys `configured` lacks, keyed as the
 * repetition `kind` keys them (numbers for count, strings for for_each): keys of the
 * other kind, left from a change between count and for_each, are never part of the value.
 */
export function* droppedInstances(
  rs: ResourceState | undefined, kind: 'count' | 'for_each', configured: readonly InstanceKey[],
): Generator<{ key: InstanceKey; obj: ResourceInstanceObject }> {
  if (!rs || rs.instances.size === 0) return;
  const wanted = kind === 'count' ? 'number' : 'string';
  const inConfig = new Set(configured.map((k) => instanceKeyString(k)));
  for (const [ks, is] of rs.instances) {
    if (inConfig.has(ks) || typeof is.key !== wanted || !is.current) continue;
    yield { key: is.key, obj: is.current };
  }
}
