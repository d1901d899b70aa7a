/**
 * Scenario 3's mistakes on examples/network, as a user meets them with the CLI on the
 * built-in cloud: each is one error naming the resource, its line and AWS's code and
 * message, and each is put right the way the error says.
 */
import { writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EC2Client, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { cloudInventory, nonEmpty } from '../support/cloud-inventory.js';
import { copyFixture, terrane, type CliResult } from '../support/cli.js';

const example = join(import.meta.dirname, '../../examples/network');
let dir = '';

afterAll(() => {
  if (dir) terrane(dir, ['cloud', 'stop', '-local']);
});

function errorsOf(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('Error: ')).map((l) => l.slice('Error: '.length));
}

const lineOf = (text: string, file = 'main.tf') => readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.startsWith(text)) + 1;

describe('examples/network: the mistakes of scenario 3', () => {
  it('a key pair made by hand, a malformed AMI id, a type the zone lacks, a bad public key', async () => {
    dir = copyFixture(example);
    expect(terrane(dir, ['init', '-local']).code).toBe(0);
    // Starts the cloud; nothing to create yet.
    expect(terrane(dir, ['plan']).code).toBe(0);
    const url = (JSON.parse(readFileSync(join(dir, '.terrane/cloud/cloud.pid.json'), 'utf8')) as { url: string }).url;
    const ec2 = new EC2Client({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      // 1. The key pair already exists, made by hand with the same public key.
      await ec2.send(new ImportKeyPairCommand({ KeyName: 'data-platform-deployer', PublicKeyMaterial: readFileSync(join(dir, 'keys/data-platform.pub')) }));
      const dup = terrane(dir, ['apply', '-auto-approve']);
      expect(dup.code).toBe(1);
      expect(errorsOf(dup)).toEqual(['importing EC2 Key Pair (data-platform-deployer): InvalidKeyPair.Duplicate: The keypair already exists']);
      expect(dup.stderr).toContain(`  with aws_key_pair.deployer,\n  on main.tf line ${lineOf('resource "aws_key_pair" "deployer"')}, in resource "aws_key_pair" "deployer":`);
      expect(dup.stderr).toContain('terrane import aws_key_pair.<resource name> data-platform-deployer');
      const imp = terrane(dir, ['import', 'aws_key_pair.deployer', 'data-platform-deployer']);
      expect(imp.code, imp.stderr).toBe(0);
      expect(imp.stdout).toContain('Import successful!');
      const fixed = terrane(dir, ['apply', '-auto-approve']);
      expect(fixed.code, fixed.stderr).toBe(0);
      expect(fixed.stdout).toContain('Apply complete!');
      expect(fixed.stdout).not.toContain('aws_key_pair.deployer: Creating...');

      // 2. A malformed AMI id written by hand (an override file, as users try a fixed image).
      writeFileSync(join(dir, 'ami_override.tf'), 'resource "aws_instance" "platform" {\n  ami = "ami-12345"\n}\n');
      const ami = terrane(dir, ['apply', '-auto-approve']);
      expect(ami.code).toBe(1);
      expect(errorsOf(ami)).toHaveLength(1);
      expect(errorsOf(ami)[0]).toMatch(/InvalidAMIID\.Malformed: Invalid id: "ami-12345"/);
      expect(ami.stderr).toContain('with aws_instance.platform,');
      rmSync(join(dir, 'ami_override.tf'));

      // 3. An instance type the pinned zone does not offer.
      const az = terrane(dir, ['apply', '-auto-approve', '-var', 'availability_zone=us-east-1e']);
      expect(az.code).toBe(1);
      expect(errorsOf(az)).toHaveLength(1);
      expect(errorsOf(az)[0]).toContain('Unsupported: Your requested instance type (t2.micro) is not supported in your requested Availability Zone (us-east-1e). Please retry your request by not specifying an Availability Zone or choosing us-east-1a');
      expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);

      // 4. A public key file in the wrong format (a private key given by mistake).
      writeFileSync(join(dir, 'keys/wrong.pub'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n');
      const fmt = terrane(dir, ['apply', '-auto-approve', '-var', 'public_key_path=keys/wrong.pub']);
      expect(fmt.code).toBe(1);
      expect(errorsOf(fmt)).toHaveLength(1);
      expect(errorsOf(fmt)[0]).toContain('InvalidKeyPair.Format: Key is not in valid OpenSSH public key format');
      expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);

      const plan = terrane(dir, ['plan', '-detailed-exitcode']);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      expect(terrane(dir, ['destroy', '-auto-approve']).code).toBe(0);
      expect(nonEmpty(await cloudInventory(url))).toEqual({});
    } finally {
      ec2.destroy();
    }
  });
});
