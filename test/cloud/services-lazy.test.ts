import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
});
afterAll(() => cloud.close());

describe('built-in services load on first use', () => {
  it('lists every built-in service as available before any request', async () => {
    const h = (await (await fetch(`${cloud.url}/_terrane/health`)).json()) as { services: Record<string, string> };
    expect(h.services['s3']).toBe('available');
    expect(h.services['sts']).toBe('available');
  });

  it('loads a service for its first signed request', async () => {
    const r = await new STSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }).send(new GetCallerIdentityCommand({}));
    expect(r.Account).toBe('000000000000');
    const h = (await (await fetch(`${cloud.url}/_terrane/health`)).json()) as { services: Record<string, string> };
    expect(h.services['sts']).toBe('running');
  });

  it('routes an unsigned query request by its Action once the services are loaded', async () => {
    const fresh = await startCloud({ port: 0 });
    try {
      const r = await fetch(fresh.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    } finally {
      await fresh.close();
    }
  });

  it('wipes everything on POST /_terrane/reset', async () => {
    await fetch(`${cloud.url}/reset-me`, { method: 'PUT', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' } });
    expect((await fetch(`${cloud.url}/reset-me`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${cloud.url}/_terrane/reset`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${cloud.url}/reset-me`, { method: 'HEAD' })).status).toBe(404);
  });
});
