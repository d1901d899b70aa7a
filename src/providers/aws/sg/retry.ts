/**
 * Bounded retries for the security group calls that AWS answers with "still in use" while
 * dependent objects go away, and a wait for a deleted group to disappear. The first
 * attempt is immediate, so a cloud that answers at once costs nothing.
 */
import { isAwsCode } from '../errors.js';
import { ProviderError } from '../../sdk/resource.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn`, retrying with backoff while it fails with one of `codes`, for at most
 * `attempts` tries or until `withinMs` has passed, whichever ends first.
 */
export async function retryWhileCodes<R>(fn: () => Promise<R>, codes: string[], opts: { attempts?: number; firstDelayMs?: number; withinMs?: number } = {}): Promise<R> {
  const attempts = opts.attempts ?? 8;
  const deadline = opts.withinMs === undefined ? Infinity : Date.now() + opts.withinMs;
  let delay = opts.firstDelayMs ?? 500;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || Date.now() + delay > deadline || !isAwsCode(e, ...codes)) throw e;
      await sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

/** Milliseconds of a Terraform timeout string ("30s", "10m", "1h30m"); undefined when not one. */
export function durationMs(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s)) !== null) { total += Number(m[1]) * unit[m[2]!]!; end = re.lastIndex; }
  return end === s.length && end > 0 ? total : undefined;
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
