import { describe, it, expect } from 'vitest';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, js, lifecycle } from '../../../test/providers/harness.js';
import { tlsProvider } from './tls.js';

const h = () => new Harness(tlsProvider).configure();
// Under CI the tools are installed (.ci/run), so a missing one fails instead of skipping the cross-check.
const has = (cmd: string) => process.env.CI === 'true' || spawnSync(cmd, ['-V'], { encoding: 'utf8' }).error === undefined;

describe('tls_private_key', () => {
  it.each([
    [{ algorithm: 'RSA', rsa_bits: 1024 }, 'RSA PRIVATE KEY', /^ssh-rsa AAAA[\w+/=]+\n$/],
    [{ algorithm: 'ECDSA', ecdsa_curve: 'P256' }, 'EC PRIVATE KEY', /^ecdsa-sha2-nistp256 AAAA[\w+/=]+\n$/],
    [{ algorithm: 'ECDSA', ecdsa_curve: 'P384' }, 'EC PRIVATE KEY', /^ecdsa-sha2-nistp384 AAAA[\w+/=]+\n$/],
    [{ algorithm: 'ED25519' }, 'PRIVATE KEY', /^ssh-ed25519 AAAA[\w+/=]+\n$/],
  ])('%j: PEM forms, OpenSSH forms and fingerprints', async (cfg, label, sshRe) => {
    const s = js(await lifecycle(await h(), 'tls_private_key', cfg, { ...cfg, algorithm: cfg.algorithm === 'RSA' ? 'ED25519' : 'RSA' }, 'algorithm'));
    expect(s.private_key_pem).toMatch(new RegExp(`^-----BEGIN ${label}-----\\n`));
    expect(s.private_key_pem_pkcs8).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(s.public_key_pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(s.public_key_openssh).toMatch(sshRe);
    expect(s.private_key_openssh).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(s.public_key_fingerprint_md5).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(s.public_key_fingerprint_sha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(s.id).toMatch(/^[0-9a-f]{40}$/);
    // The PEM forms hold the same key.
    const a = createPublicKey(createPrivateKey(s.private_key_pem as string)).export({ type: 'spki', format: 'pem' });
    expect(a).toBe(s.public_key_pem);
    if (has('ssh-keygen')) {
      const f = join(mkdtempSync(join(tmpdir(), 'tls-')), 'k');
      writeFileSync(f, s.private_key_openssh as string, { mode: 0o600 });
      const pub = spawnSync('ssh-keygen', ['-y', '-f', f], { encoding: 'utf8' });
      expect(pub.stdout.trim()).toBe((s.public_key_openssh as string).trim());
      writeFileSync(f + '.pub', s.public_key_openssh as string);
      const fp = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', f + '.pub'], { encoding: 'utf8' });
      expect(fp.stdout).toContain(s.public_key_fingerprint_sha256 as string);
      const md5 = spawnSync('ssh-keygen', ['-l', '-E', 'md5', '-f', f + '.pub'], { encoding: 'utf8' });
      expect(md5.stdout).toContain('MD5:' + (s.public_key_fingerprint_md5 as string));
    }
  });
  it('defaults: RSA 2048, ECDSA P224 with no OpenSSH forms', async () => {
    const p = await h();
    const ec = js(await p.create('tls_private_key', { algorithm: 'ECDSA' }));
    expect(ec).toMatchObject({ ecdsa_curve: 'P224', rsa_bits: 2048, public_key_openssh: '', private_key_openssh: '', public_key_fingerprint_md5: '' });
    expect(createPrivateKey(ec.private_key_pem as string).asymmetricKeyDetails?.namedCurve).toBe('secp224r1');
    expect(p.p.getSchema().resources.tls_private_key!.block.attributes.private_key_pem!.sensitive).toBe(true);
  });
  it('rejects an unknown algorithm', async () => {
    expect((await (await h()).plan('tls_private_key', null, { algorithm: 'DSA' })).diagnostics[0]!.detail).toContain('"DSA"');
  });
});

describe('tls_self_signed_cert', () => {
  it.each([['RSA'], ['ECDSA'], ['ED25519']])('signs a verifiable certificate with %s', async (algorithm) => {
    const p = await h();
    const key = js(await p.create('tls_private_key', { algorithm, ecdsa_curve: 'P256', rsa_bits: 2048 }));
    const cfg = {
      private_key_pem: key.private_key_pem, validity_period_hours: 12, allowed_uses: ['key_encipherment', 'digital_signature', 'server_auth', 'cert_signing'],
      dns_names: ['example.com', 'www.example.com'], ip_addresses: ['127.0.0.1', '::1'], is_ca_certificate: true, set_subject_key_id: true,
      subject: [{ common_name: 'example.com', organization: 'ACME Examples, Inc', country: 'US' }],
    };
    const s = js(await lifecycle(p, 'tls_self_signed_cert', cfg, { ...cfg, validity_period_hours: 24 }, 'validity_period_hours'));
    const x = new X509Certificate(s.cert_pem as string);
    expect(x.verify(createPublicKey(key.public_key_pem as string))).toBe(true);
    expect(x.subject).toBe('C=US\nO=ACME Examples\\, Inc\nCN=example.com');
    expect(x.issuer).toBe(x.subject);
    expect(x.subjectAltName).toBe('DNS:example.com, DNS:www.example.com, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x.ca).toBe(true);
    expect(BigInt('0x' + x.serialNumber).toString()).toBe(s.id);
    expect(Date.parse(s.validity_end_time as string) - Date.parse(s.validity_start_time as string)).toBe(12 * 3600000);
    expect(new Date(x.validTo).getTime()).toBe(Date.parse(s.validity_end_time as string));
    expect(s).toMatchObject({ key_algorithm: algorithm, ready_for_renewal: false, early_renewal_hours: 0 });
    if (has('openssl') && algorithm === 'RSA') {
      const f = join(mkdtempSync(join(tmpdir(), 'tls-')), 'c.pem');
      writeFileSync(f, s.cert_pem as string);
      const txt = spawnSync('openssl', ['x509', '-noout', '-text', '-in', f], { encoding: 'utf8' }).stdout;
      expect(txt).toContain('Digital Signature, Key Encipherment, Certificate Sign');
      expect(txt).toContain('TLS Web Server Authentication');
      expect(txt).toContain('CA:TRUE');
      expect(txt).toContain('X509v3 Subject Key Identifier');
    }
  });
  it('plans a replacement inside the early renewal window', async () => {
    const p = await h();
    const key = js(await p.create('tls_private_key', { algorithm: 'ED25519' }));
    const cfg = { private_key_pem: key.private_key_pem, validity_period_hours: 10, allowed_uses: ['digital_signature'] };
    const s = await p.create('tls_self_signed_cert', cfg);
    expect((await p.plan('tls_self_signed_cert', s, cfg)).requiresReplace).toEqual([]);
    expect((await p.plan('tls_self_signed_cert', s, { ...cfg, early_renewal_hours: 11 })).requiresReplace).not.toEqual([]);
  });
});
