import { describe, it, expect } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './cli.js';

describe('hashicorp/tls end to end', () => {
  it('init, apply, plan with no changes, destroy', () => {
    const dir = fixture('tls');
    expect(terrane(dir, 'init').code).toBe(0);
    const apply = terrane(dir, 'apply', '-auto-approve');
    expect(apply.err).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    expect(apply.out).toMatch(/ssh_public = <<EOT\nssh-ed25519 AAAA/);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const cert = state.resources.find((r: { type: string }) => r.type === 'tls_self_signed_cert').instances[0].attributes;
    const x = new X509Certificate(cert.cert_pem);
    expect(x.subject).toBe('O=Example\nCN=Example CA');
    expect(x.ca).toBe(true);
    expect(cert.key_algorithm).toBe('ECDSA');
    expect(terrane(dir, 'plan', '-detailed-exitcode').code).toBe(0);
    const destroy = terrane(dir, 'destroy', '-auto-approve');
    expect(destroy.code).toBe(0);
    expect(destroy.out).toContain('Destroy complete! Resources: 3 destroyed.');
  });
});
