/**
 * Shared set-up for the aws compute tests: an in-process cloud, the provider configured
 * against it, an EC2 client for changes made behind terrane's back, and OpenSSH keys.
 */
import { generateKeyPairSync } from 'node:crypto';
import { EC2Client } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal, type Value } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

/** A running cloud, a configured provider harness and a direct EC2 client. */
export interface ComputeEnv {
  cloud: RunningCloud;
  h: Harness;
  ec2: EC2Client;
  close(): Promise<void>;
}

/** Starts the cloud and configures the aws provider against it. */
export async function computeEnv(): Promise<ComputeEnv> {
  const cloud = await startCloud({ port: 0 });
  const h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ ec2: cloud.url, sts: cloud.url }],
  });
  const ec2 = new EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    cloud, h, ec2,
    async close() {
      ec2.destroy();
      await h.p.close?.();
      await cloud.close();
    },
  };
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** A fresh `ssh-ed25519 AAAA... comment` public key line. */
export function ed25519PublicKey(comment = 'dev@laptop'): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

function mpint(b: Buffer): Buffer {
  return sshString(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** A fresh `ssh-rsa AAAA... comment` public key line (2048 bits). */
export function rsaPublicKey(comment = 'dev@laptop'): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))]);
  return `ssh-rsa ${blob.toString('base64')} ${comment}`;
}

/** A PEM private key: what people paste into public_key by mistake. */
export function pemPrivateKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}

/** Reads `state` back, plans `cfg` over it and expects no change at all; returns the read state. */
export async function expectNoChange(h: Harness, type: string, state: Value, cfg: Record<string, unknown>): Promise<Value> {
  const read = await h.read(type, state);
  expect(read).not.toBeNull();
  const again = await h.plan(type, read, cfg);
  expect(again.diagnostics).toEqual([]);
  expect(again.requiresReplace).toEqual([]);
  expect(js(again.plannedState)).toEqual(js(read));
  return read!;
}

/** The one error diagnostic of a failed apply of `cfg` as a create. */
export async function createError(h: Harness, type: string, cfg: Record<string, unknown>): Promise<{ summary: string; detail?: string }> {
  const pl = await h.plan(type, null, cfg);
  expect(pl.diagnostics).toEqual([]);
  const r = await h.p.applyResourceChange({ typeName: type, priorState: nullVal(h.type(type)), plannedState: pl.plannedState, config: h.config(type, cfg) } as never);
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
}
