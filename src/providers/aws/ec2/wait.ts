/**
 * Polling until an EC2 object reaches a state, as hashicorp's StateChangeConf waiters do.
 * The first poll is immediate (a cloud that answers at once costs nothing); later polls
 * back off up to a few seconds. Timeouts come from the resource's `timeouts` block.
 */
import type { Value } from '../../../lang/value.js';
import { attr, str } from '../../sdk/obj.js';
import { ProviderError } from '../../sdk/resource.js';

/** What a poll reports: the object's state name, and the object (undefined when gone). */
export interface Polled<R> {
  state: string;
  value?: R;
  /** Why the object is in a failed state (AWS's failure message). */
  error?: string;
}

/**
 * Polls `poll` until its state is one of `target`; fails on a state outside `pending`
 * (when given) and on timeout, with hashicorp's wording for both.
 */
export async function waitForState<R>(
  what: string, poll: () => Promise<Polled<R>>, target: string[], opts: { pending?: string[]; timeoutMs: number; signal?: AbortSignal },
): Promise<R | undefined> {
  const start = Date.now();
  let delay = 100;
  let last = '';
  for (;;) {
    const got = await poll();
    last = got.state;
    if (target.includes(got.state)) return got.value;
    if (opts.pending && !opts.pending.includes(got.state)) {
      const why = got.error ? `. last error: ${got.error}` : '';
      throw new ProviderError(`${what}: unexpected state '${got.state}', wanted target '${target.join(', ')}'${why}`);
    }
    if (Date.now() - start >= opts.timeoutMs) {
      throw new ProviderError(`${what}: timeout while waiting for state to become '${target.join(', ')}' (last state: '${last}', timeout: ${goDuration(opts.timeoutMs)})`);
    }
    if (opts.signal?.aborted) throw new ProviderError(`${what}: interrupted`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5_000);
  }
}

/** A duration the way Go prints it (10m0s, 30s, 1h0m0s). */
export function goDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

/** Parses a Terraform duration ("10m", "1h30m", "45s"); undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0, matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    total += n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched === text.length && matched > 0 ? total : undefined;
}

/** The timeout for `op` from a resource's `timeouts` block, or `fallbackMs`. */
export function timeoutOf(v: Value, op: 'create' | 'read' | 'update' | 'delete', fallbackMs: number): number {
  const t = attr(v, 'timeouts');
  if (t.isNull || !t.isKnown) return fallbackMs;
  const s = str(t, op);
  return (s && parseDuration(s)) || fallbackMs;
}
