/**
 * Polling for EC2 state changes, as hashicorp's waiters do, with the first poll immediate
 * (the local cloud answers at once, so waiting there costs nothing) and `timeouts` durations.
 */
import { ProviderError } from '../../sdk/resource.js';

/** A Go-style duration ("10m", "1h30m", "45s") in milliseconds, or undefined when malformed. */
export function parseDuration(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0, m: RegExpExecArray | null, consumed = 0;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    consumed = re.lastIndex;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}

/** What one poll saw: the current state name, or null when the object is gone. */
export type Poll<T> = () => Promise<{ state: string | null; value: T }>;

/**
 * Polls until the state is one of `target` (or gone, when `target` includes null). A state
 * outside `pending` and `target` fails at once, as hashicorp's StateChangeConf does.
 */
export async function waitFor<T>(what: string, poll: Poll<T>, pending: (string | null)[], target: (string | null)[], timeoutMs: number, signal?: AbortSignal): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 1000;
  for (;;) {
    const got = await poll();
    if (target.includes(got.state)) return got.value;
    if (!pending.includes(got.state)) {
      throw new ProviderError(`${what}: unexpected state '${got.state ?? 'not found'}', wanted target '${target.filter((t) => t).join(', ')}'`);
    }
    if (Date.now() + delay > deadline) throw new ProviderError(`${what}: timeout while waiting for state to become '${target.filter((t) => t).join(', ')}' (last state: '${got.state}', timeout: ${Math.round(timeoutMs / 1000)}s)`);
    if (signal?.aborted) throw new ProviderError(`${what}: interrupted`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5000);
  }
}
