/**
 * One change at a time per security group, as hashicorp serialises aws_security_group_rule
 * changes with a per-group mutex: rules of the same group authorized or revoked in
 * parallel would otherwise race on AWS's view of the group.
 */
const tails = new Map<string, Promise<void>>();

/** Runs `fn` once every earlier call for `groupId` has finished. */
export async function withGroupLock<R>(groupId: string, fn: () => Promise<R>): Promise<R> {
  const before = tails.get(groupId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => { release = r; });
  const tail = before.then(() => mine);
  tails.set(groupId, tail);
  await before;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(groupId) === tail) tails.delete(groupId);
  }
}
