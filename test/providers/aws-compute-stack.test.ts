/**
 * Issue 5's compute stack through the CLI entry point, in process, against the in-process
 * cloud: a key pair made by hand stops the apply with AWS's duplicate error and the
 * `terrane import` hint, import adopts it, a zone without t2.micro and a malformed AMI id
 * fail with AWS's words and the resource address, then the apply succeeds, plans no
 * change, and destroy takes everything down.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeInstancesCommand, DescribeKeyPairsCommand, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { main } from '../../src/cli/main.js';
import { copyFixture } from '../support/cli.js';
import { computeEnv, ed25519PublicKey, type ComputeEnv } from './aws-compute-support.js';

let env: ComputeEnv;
let dir: string;
const saved = process.env.TERRANE_CLOUD_ENDPOINT;

beforeAll(async () => {
  env = await computeEnv();
  process.env.TERRANE_CLOUD_ENDPOINT = env.cloud.url;
  dir = copyFixture(join(import.meta.dirname, '../../testdata/providers/aws-compute-stack'));
});
afterAll(async () => {
  if (saved === undefined) delete process.env.TERRANE_CLOUD_ENDPOINT;
  else process.env.TERRANE_CLOUD_ENDPOINT = saved;
  await env?.close();
});

async function terrane(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough(), err = new PassThrough();
  let stdout = '', stderr = '';
  out.on('data', (d: Buffer) => { stdout += d.toString(); });
  err.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await main(args, { stdout: out, stderr: err, cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

describe('issue 5 compute stack', () => {
  it('adopts a hand-made key pair, reports launch mistakes as AWS errors, then applies cleanly', async () => {
    const key = ed25519PublicKey('dev@laptop');
    writeFileSync(join(dir, 'id_ed25519.pub'), `${key}\n`);
    // The key pair was made by hand (console or CLI) before the configuration knew it.
    await env.ec2.send(new ImportKeyPairCommand({ KeyName: 'deployer', PublicKeyMaterial: Buffer.from(key.replace('dev@laptop', 'console')) }));
    expect((await terrane('init')).code).toBe(0);

    const dup = await terrane('apply', '-auto-approve');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('importing EC2 Key Pair (deployer): InvalidKeyPair.Duplicate: The keypair already exists');
    expect(oneLine(dup.stderr)).toContain('terrane import aws_key_pair.<resource name> deployer');
    expect(dup.stderr).toContain('aws_key_pair.deployer');

    const imp = await terrane('import', 'aws_key_pair.deployer', 'deployer');
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('Import successful!');

    const zone = await terrane('apply', '-auto-approve', '-var=az=us-east-1e');
    expect(zone.code).toBe(1);
    expect(oneLine(zone.stderr)).toContain(
      'creating EC2 Instance: Unsupported: Your requested instance type (t2.micro) is not supported in your requested Availability Zone (us-east-1e). ' +
      'Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f.');
    expect(zone.stderr).toContain('aws_instance.spark');

    const badAmi = await terrane('apply', '-auto-approve', '-var=ami=ami-123');
    expect(badAmi.code).toBe(1);
    expect(badAmi.stderr).toContain('creating EC2 Instance: InvalidAMIID.Malformed: Invalid id: "ami-123" (expecting "ami-...")');

    const ok = await terrane('apply', '-auto-approve');
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/Apply complete! Resources: \d+ added, \d+ changed, \d+ destroyed\./);
    expect(ok.stdout).not.toContain('aws_key_pair.deployer must be replaced');
    const running = (await env.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }))).Reservations!;
    expect(running.flatMap((r) => r.Instances!).map((i) => i.KeyName)).toEqual(['deployer']);

    const plan = await terrane('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');

    const destroy = await terrane('destroy', '-auto-approve');
    expect(destroy.code, destroy.stderr).toBe(0);
    expect((await env.ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs).toEqual([]);
    const left = (await env.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running', 'pending', 'stopped'] }] }))).Reservations!;
    expect(left).toEqual([]);
  }, 60_000);
});
