/**
 * Bounded retries for the security group calls that AWS answers with "still in use" while
 * dependent objects go away, and a wait for a deleted group to disappear. The first
 * attempt is immediate, so a cloud that answers at once costs nothing.
 */
import { isAwsCode } from '../errors.js';
import { ProviderError } from '../../sdk/resource.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn`, retrying with backoff while it fails with one of `codes`. */
export async function retryWhileCodes<R>(fn: () => Promise<R>, codes: string[], opts: { attempts?: number; firstDelayMs?: number } = {}): Promise<R> {
  const attempts = opts.attempts ?? 8;
  let delay = opts.firstDelayMs ?? 500;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isAwsCode(e, ...codes)) throw e;
      await sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

/** Polls `find` until it returns undefined (bounded; `what` names the wait in the error). */
export async function untilGone(find: () => Promise<unknown>, what: string, attempts = 20): Promise<void> {
  let delay = 250;
  for (let i = 0; i < attempts; i++) {
    if ((await find()) === undefined) return;
    await sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
  throw new ProviderError(`${what}: timeout while waiting for resource to be gone`);
}
