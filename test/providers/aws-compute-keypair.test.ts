/**
 * aws_key_pair through the provider protocol against the in-process cloud: state as
 * hashicorp stores it, no drift, tags in place, a new key forces replacement, drift seen,
 * import of a key pair made by hand (no change planned after), destroy, and the mistakes
 * of issue 5 (bad key formats, a name already taken) as AWS's errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteKeyPairCommand, DescribeKeyPairsCommand, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';
import { computeEnv, createError, ed25519PublicKey, expectNoChange, pemPrivateKey, rsaPublicKey, type ComputeEnv } from './aws-compute-support.js';

let env: ComputeEnv;
beforeAll(async () => { env = await computeEnv(); });
afterAll(async () => { await env?.close(); });

const K = 'aws_key_pair';

async function names(): Promise<string[]> {
  return ((await env.ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).map((k) => k.KeyName!);
}

describe('aws_key_pair', () => {
  it('imports a public key, stores it as hashicorp does and plans no change after', async () => {
    const { h } = env;
    const key = ed25519PublicKey();
    const cfg = { key_name: 'deployer', public_key: `${key}\n`, tags: { Name: 'deployer' } };
    const state = await h.create(K, cfg);
    const s = js(state);
    expect(s).toMatchObject({
      id: 'deployer', key_name: 'deployer', key_name_prefix: '', key_type: 'ed25519', public_key: key,
      tags: { Name: 'deployer' }, tags_all: { Name: 'deployer' },
    });
    expect(s.arn).toMatch(/^arn:aws:ec2:us-east-1:\d{12}:key-pair\/deployer$/);
    expect(s.key_pair_id).toMatch(/^key-[0-9a-f]{17}$/);
    expect(s.fingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await expectNoChange(h, K, state, cfg);

    // Tags change in place; another key replaces the key pair.
    const retag = { ...cfg, tags: { Name: 'deployer', Team: 'data' } };
    const pl = await h.plan(K, state, retag);
    expect(pl.requiresReplace).toEqual([]);
    const updated = await h.apply(K, state, pl.plannedState, retag);
    expect(js(updated).tags_all).toEqual({ Name: 'deployer', Team: 'data' });
    const other = await h.plan(K, updated, { ...retag, public_key: ed25519PublicKey() });
    expect(other.requiresReplace).toEqual([[{ attr: 'public_key' }]]);

    await h.destroy(K, updated);
    expect(await names()).not.toContain('deployer');
    expect(await h.read(K, updated)).toBeNull();
  });

  it('takes an RSA key, with the MD5 fingerprint AWS gives imported RSA keys', async () => {
    const { h } = env;
    const cfg = { key_name: 'rsa-key', public_key: rsaPublicKey() };
    const state = await h.create(K, cfg);
    expect(js(state)).toMatchObject({ key_type: 'rsa', public_key: cfg.public_key });
    expect(js(state).fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    await expectNoChange(h, K, state, cfg);
    await h.destroy(K, state);
  });

  it('makes a name from key_name_prefix and reports the prefix back', async () => {
    const { h } = env;
    const state = await h.create(K, { key_name_prefix: 'ci-', public_key: ed25519PublicKey() });
    const s = js(state);
    expect(s.key_name).toMatch(/^ci-\d{18}[0-9a-f]{8}$/);
    expect(s.key_name_prefix).toBe('ci-');
    await expectNoChange(h, K, state, { key_name_prefix: 'ci-', public_key: s.public_key });
    await h.destroy(K, state);
  });

  it('sees a key pair deleted behind its back as gone, and a key swapped by hand as a change', async () => {
    const { h, ec2 } = env;
    const cfg = { key_name: 'drifty', public_key: ed25519PublicKey() };
    const state = await h.create(K, cfg);
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'drifty' }));
    await ec2.send(new ImportKeyPairCommand({ KeyName: 'drifty', PublicKeyMaterial: Buffer.from(ed25519PublicKey()) }));
    const read = await h.read(K, state);
    expect(js(read).public_key).not.toBe(cfg.public_key);
    const pl = await h.plan(K, read, cfg);
    expect(pl.requiresReplace).toEqual([[{ attr: 'public_key' }]]);
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'drifty' }));
    expect(await h.read(K, state)).toBeNull();
  });

  it('adopts a key pair made by hand: the duplicate error says how to import it, and after import nothing changes', async () => {
    const { h, ec2 } = env;
    const key = ed25519PublicKey('me@home');
    await ec2.send(new ImportKeyPairCommand({ KeyName: 'by-hand', PublicKeyMaterial: Buffer.from(key) }));
    const cfg = { key_name: 'by-hand', public_key: key.replace('me@home', 'me@work') };
    const err = await createError(h, K, cfg);
    expect(err.summary).toBe('importing EC2 Key Pair (by-hand): InvalidKeyPair.Duplicate: The keypair already exists');
    expect(err.detail).toContain('terrane import aws_key_pair.<resource name> by-hand');

    const imp = await h.importState(K, 'by-hand');
    expect(imp.diagnostics).toEqual([]);
    const imported = imp.importedResources[0]!.state;
    expect(js(imported)).toMatchObject({ id: 'by-hand', key_name: 'by-hand', key_type: 'ed25519' });
    // The same key with another comment is the same key: nothing to do.
    const read = await expectNoChange(h, K, imported, cfg);
    await h.destroy(K, read);
    expect(await names()).not.toContain('by-hand');
  });

  it.each([
    { name: 'a PEM private key', key: () => pemPrivateKey() },
    { name: 'garbage', key: () => 'not a key at all' },
    { name: 'a truncated key', key: () => ed25519PublicKey().slice(0, 40) },
  ])('reports $name given as public_key as InvalidKeyPair.Format', async ({ key }) => {
    const err = await createError(env.h, K, { key_name: 'bad-format', public_key: key() });
    expect(err.summary).toBe('importing EC2 Key Pair (bad-format): InvalidKeyPair.Format: Key is not in valid OpenSSH public key format');
    expect(await names()).not.toContain('bad-format');
  });

  it('merges the provider default_tags into tags_all and keeps them out of tags', async () => {
    const h = await new Harness(awsProvider).configure({
      region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ ec2: env.cloud.url, sts: env.cloud.url }],
      default_tags: [{ tags: { Project: 'data-platform' } }],
    });
    try {
      const cfg = { key_name: 'tagged', public_key: ed25519PublicKey(), tags: { Name: 'tagged' } };
      const state = await h.create(K, cfg);
      expect(js(state)).toMatchObject({ tags: { Name: 'tagged' }, tags_all: { Name: 'tagged', Project: 'data-platform' } });
      const kp = (await env.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['tagged'] }))).KeyPairs![0]!;
      expect(Object.fromEntries(kp.Tags!.map((t) => [t.Key, t.Value]))).toEqual({ Name: 'tagged', Project: 'data-platform' });
      await expectNoChange(h, K, state, cfg);
      await h.destroy(K, state);
    } finally {
      await h.p.close?.();
    }
  });

  it('rejects key_name together with key_name_prefix', () => {
    const diags = env.h.p.validateResourceConfig!(K, env.h.config(K, { key_name: 'a', key_name_prefix: 'b', public_key: 'x' }));
    expect(diags.map((d) => d.detail)).toEqual(['"key_name": conflicts with key_name_prefix']);
    const long = 'k'.repeat(256);
    const tooLong = env.h.p.validateResourceConfig!(K, env.h.config(K, { key_name: long, public_key: 'x' }));
    expect(tooLong.map((d) => d.detail)).toEqual([`expected length of key_name to be in the range (0 - 255), got ${long}`]);
  });
});
