/** Chooses the service of a request the way LocalStack does, from signature, target, host and form. */
/** What the router needs to know of a service (a loaded ServiceDef or a manifest entry). */
export interface Routable {
  name: string;
  signingNames: string[];
  targetPrefixes?: string[];
  /** Query actions, for unsigned form requests. */
  actions?: string[];
}

/** What the router learned about a request. */
export interface Route<T extends Routable = Routable> {
  service: T | undefined;
  /** From the SigV4 credential scope (header or presigned query), if any. */
  region?: string;
  /** From the SigV4 credential (or a SigV2 signature), if any. */
  accessKeyId?: string;
  /** The form `Action` of an unsigned query request, when the router looked at it. */
  action?: string;
}

/** The parts of a SigV4 credential `AKID/20240101/us-east-1/s3/aws4_request`. */
export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** Parses a SigV4 credential string; undefined if it is not one. */
export function parseCredential(cred: string): Credential | undefined {
  const parts = cred.split('/');
  if (parts.length < 5) return undefined;
  // The access key id never contains '/', but be lenient and take the last four as the scope.
  const n = parts.length;
  return { accessKeyId: parts.slice(0, n - 4).join('/'), date: parts[n - 4]!, region: parts[n - 3]!, service: parts[n - 2]! };
}

/** The credential of an `Authorization` header (SigV4) or the access key of a SigV2 one. */
export function authorizationCredential(auth: string | undefined): Partial<Credential> | undefined {
  if (!auth) return undefined;
  const m = /Credential=([^,\s]+)/.exec(auth);
  if (m) return parseCredential(m[1]!);
  const v2 = /^AWS ([^:]+):/.exec(auth);
  if (v2) return { accessKeyId: v2[1]!, service: 's3' };
  return undefined;
}

/** An index of services by the keys the router looks up. */
export class Router<T extends Routable = Routable> {
  private readonly bySigningName = new Map<string, T>();
  private readonly byTarget = new Map<string, T>();
  private readonly byAction = new Map<string, T>();
  private readonly byName = new Map<string, T>();

  constructor(readonly services: readonly T[]) {
    for (const s of services) {
      this.byName.set(s.name, s);
      for (const n of s.signingNames) this.bySigningName.set(n, s);
      for (const t of s.targetPrefixes ?? []) this.byTarget.set(t, s);
      for (const a of s.actions ?? []) if (!this.byAction.has(a)) this.byAction.set(a, s);
    }
  }

  /** The service registered under `name`. */
  service(name: string): T | undefined {
    return this.byName.get(name);
  }

  /**
   * Routes by, in order: X-Amz-Target prefix; SigV4 scope service (Authorization header or
   * presigned X-Amz-Credential); a SigV2 signature (S3); the form `Action` of an unsigned
   * query request; the first label of the host (sts.amazonaws.com); otherwise S3, which
   * owns every remaining path (path-style and virtual-host-style buckets).
   */
  route(headers: Record<string, string>, query: URLSearchParams, body: Buffer): Route<T> {
    let cred: Partial<Credential> | undefined = authorizationCredential(headers['authorization']);
    if (!cred) {
      const q = query.get('X-Amz-Credential');
      if (q) cred = parseCredential(q);
      else if (query.has('AWSAccessKeyId')) cred = { accessKeyId: query.get('AWSAccessKeyId')!, service: 's3' };
    }
    const r: Route<T> = { service: undefined, region: cred?.region, accessKeyId: cred?.accessKeyId };
    const target = headers['x-amz-target'];
    if (target) {
      const dot = target.lastIndexOf('.');
      const svc = this.byTarget.get(dot < 0 ? target : target.slice(0, dot));
      if (svc) return { ...r, service: svc };
    }
    if (cred?.service) {
      const svc = this.bySigningName.get(cred.service);
      if (svc) return { ...r, service: svc };
    }
    const action = query.get('Action') ?? formAction(headers, body);
    if (action) {
      const svc = this.byAction.get(action);
      if (svc) return { ...r, service: svc, action };
      r.action = action;
    }
    const host = (headers['host'] ?? '').split(':')[0]!;
    const first = host.split('.')[0]!;
    if (first !== 's3' && host.includes('.')) {
      const svc = this.bySigningName.get(first);
      if (svc && svc.name !== 's3') return { ...r, service: svc };
    }
    return { ...r, service: this.byName.get('s3') };
  }
}

function formAction(headers: Record<string, string>, body: Buffer): string | undefined {
  const ct = headers['content-type'] ?? '';
  if (!ct.includes('x-www-form-urlencoded') || body.length === 0 || body.length > 1 << 20) return undefined;
  return new URLSearchParams(body.toString('utf8')).get('Action') ?? undefined;
}
