/**
 * AWS errors as user diagnostics: "<operation>: <Code>: <message>", as the hashicorp
 * provider words them (e.g. "creating EC2 VPC: InvalidVpc.Range: The CIDR ... is invalid.").
 */
import { ProviderError } from '../sdk/resource.js';

/** The AWS error code of an SDK exception, or undefined when it is not an AWS service error. */
export function awsErrorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; Code?: unknown; $metadata?: unknown };
    if (typeof o.Code === 'string') return o.Code;
    if (o.$metadata && typeof o.name === 'string') return o.name;
  }
  return undefined;
}

/** A ProviderError naming the operation and AWS's code and message. */
export function awsFailure(operation: string, e: unknown): ProviderError {
  if (e instanceof ProviderError) return e;
  const code = awsErrorCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  return new ProviderError(code ? `${operation}: ${code}: ${msg}` : `${operation}: ${msg}`);
}

/** Runs `fn`, turning any AWS error into a diagnostic naming `operation`. */
export async function awsCall<R>(operation: string, fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (e) {
    throw awsFailure(operation, e);
  }
}

/** True when `e` is an AWS error with one of `codes`. */
export function isAwsCode(e: unknown, ...codes: string[]): boolean {
  const c = awsErrorCode(e);
  return c !== undefined && codes.includes(c);
}

/**
 * Retries `fn` while it fails with DependencyViolation (a just-deleted dependent object
 * may take a moment on real AWS). Bounded; the first attempt is immediate, so a cloud that
 * answers at once costs nothing.
 */
export async function retryDependencyViolation<R>(fn: () => Promise<R>, attempts = 8, firstDelayMs = 500): Promise<R> {
  let delay = firstDelayMs;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isAwsCode(e, 'DependencyViolation')) throw e;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
