import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../src/cloud/index.js';
import { ec2Client, expectAwsError, startEc2 } from './ec2-helpers.js';

let cloud: RunningCloud;
let ec2: E.EC2Client;
let vpc: string;
let dir: string;

beforeAll(async () => {
  cloud = await startEc2();
  ec2 = ec2Client(cloud.url);
  vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  dir = mkdtempSync(join(tmpdir(), 'ec2-keys-'));
});
afterAll(async () => {
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('security groups', () => {
  it('creates a group with the default egress rule and refuses duplicates and reserved names', async () => {
    const g = await ec2.send(
      new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web tier', VpcId: vpc, TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'web' }] }] }),
    );
    expect(g.GroupId).toMatch(/^sg-0[0-9a-f]{16}$/);
    expect(g.SecurityGroupArn).toBe(`arn:aws:ec2:us-east-1:000000000000:security-group/${g.GroupId}`);
    const d = (await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [g.GroupId!] }))).SecurityGroups![0]!;
    expect(d).toMatchObject({ GroupName: 'web', Description: 'web tier', VpcId: vpc, IpPermissions: [], Tags: [{ Key: 'Name', Value: 'web' }] });
    expect(d.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
    await expectAwsError(
      ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'again', VpcId: vpc })),
      'InvalidGroup.Duplicate',
      `The security group 'web' already exists for VPC '${vpc}'`,
    );
    await expectAwsError(ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'default', Description: 'x', VpcId: vpc })), 'InvalidGroup.Reserved');
    await expectAwsError(ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })), 'InvalidGroup.NotFound', "The security group 'sg-0123456789abcdef0' does not exist");
    await expectAwsError(ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: ['web'] })), 'InvalidGroupId.Malformed');
  });

  it('authorizes and revokes rules, answers Duplicate/NotFound, and lists rules with sgr- ids', async () => {
    const g = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: vpc }))).GroupId!;
    const src = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'lb', Description: 'lb', VpcId: vpc }))).GroupId!;
    const auth = await ec2.send(
      new E.AuthorizeSecurityGroupIngressCommand({
        GroupId: g,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }, { CidrIp: '192.168.0.0/16' }] },
          { IpProtocol: '6', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: src }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        ],
      }),
    );
    expect(auth.Return).toBe(true);
    expect(auth.SecurityGroupRules).toHaveLength(4);
    for (const r of auth.SecurityGroupRules!) {
      expect(r.SecurityGroupRuleId).toMatch(/^sgr-/);
      expect(r.GroupId).toBe(g);
      expect(r.IsEgress).toBe(false);
      expect(r.IpProtocol).toBe('tcp');
    }
    expect(auth.SecurityGroupRules!.find((r) => r.ReferencedGroupInfo)?.ReferencedGroupInfo).toEqual({ GroupId: src, UserId: '000000000000' });
    const d = (await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [g] }))).SecurityGroups![0]!;
    const ssh = d.IpPermissions!.find((p) => p.FromPort === 22)!;
    expect(ssh.IpRanges).toEqual([{ CidrIp: '10.0.0.0/8', Description: 'ssh' }, { CidrIp: '192.168.0.0/16' }]);
    const https = d.IpPermissions!.find((p) => p.FromPort === 443)!;
    expect(https.UserIdGroupPairs![0]!.GroupId).toBe(src);
    expect(https.Ipv6Ranges).toEqual([{ CidrIpv6: '::/0' }]);

    await expectAwsError(
      ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] })),
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 10.0.0.0/8, TCP, from port: 22, to port: 22, ALLOW" already exists',
    );
    await expectAwsError(
      ec2.send(new E.RevokeSecurityGroupIngressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] })),
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );

    const rules = (await ec2.send(new E.DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [g] }] }))).SecurityGroupRules!;
    expect(rules).toHaveLength(5); // 4 ingress + the default egress
    const egress = rules.find((r) => r.IsEgress)!;
    expect(egress).toMatchObject({ IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv4: '0.0.0.0/0' });
    const one = auth.SecurityGroupRules![0]!.SecurityGroupRuleId!;
    const byId = (await ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [one] }))).SecurityGroupRules!;
    expect(byId.map((r) => r.SecurityGroupRuleId)).toEqual([one]);

    // aws_vpc_security_group_ingress_rule updates with ModifySecurityGroupRules and deletes by id.
    await ec2.send(
      new E.ModifySecurityGroupRulesCommand({ GroupId: g, SecurityGroupRules: [{ SecurityGroupRuleId: one, SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 2222, ToPort: 2222, CidrIpv4: '10.0.0.0/8', Description: 'moved' } }] }),
    );
    const moved = (await ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [one] }))).SecurityGroupRules![0]!;
    expect(moved).toMatchObject({ FromPort: 2222, ToPort: 2222, Description: 'moved' });
    await ec2.send(new E.RevokeSecurityGroupIngressCommand({ GroupId: g, SecurityGroupRuleIds: [one] }));
    await expectAwsError(ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [one] })), 'InvalidSecurityGroupRuleId.NotFound');

    // aws_security_group revokes the default egress rule and adds its own.
    await ec2.send(new E.RevokeSecurityGroupEgressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await ec2.send(new E.AuthorizeSecurityGroupEgressCommand({ GroupId: g, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const after = (await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [g] }))).SecurityGroups![0]!;
    expect(after.IpPermissionsEgress).toEqual([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);

    const filteredGroups = (await ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.from-port', Values: ['443'] }, { Name: 'vpc-id', Values: [vpc] }] }))).SecurityGroups!;
    expect(filteredGroups.map((x) => x.GroupId)).toEqual([g]);

    // lb is referenced by app's rule: it cannot go until the rule does.
    await expectAwsError(ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: src })), 'DependencyViolation', `resource ${src} has a dependent object`);
    const defaultSg = (await ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups![0]!;
    await expectAwsError(ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: defaultSg.GroupId })), 'CannotDelete');
    await ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: g }));
    await ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: src }));
    await expectAwsError(ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: g })), 'InvalidGroup.NotFound');
  });

  it('tags a security group rule by its sgr- id', async () => {
    const g = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'tagged', Description: 't', VpcId: vpc }))).GroupId!;
    const r = await ec2.send(
      new E.AuthorizeSecurityGroupIngressCommand({
        GroupId: g,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'Name', Value: 'http' }] }],
      }),
    );
    const id = r.SecurityGroupRules![0]!.SecurityGroupRuleId!;
    expect(r.SecurityGroupRules![0]!.Tags).toEqual([{ Key: 'Name', Value: 'http' }]);
    await ec2.send(new E.CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'env', Value: 'prod' }] }));
    const got = (await ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] }))).SecurityGroupRules![0]!;
    expect(got.Tags).toEqual([{ Key: 'Name', Value: 'http' }, { Key: 'env', Value: 'prod' }]);
  });
});

function md5Colon(b: Buffer): string {
  return createHash('md5').update(b).digest('hex').match(/../g)!.join(':');
}

describe('key pairs', () => {
  it('creates an RSA key whose fingerprint is the SHA-1 of its PKCS#8 DER private key', async () => {
    const k = await ec2.send(new E.CreateKeyPairCommand({ KeyName: 'made-rsa' }));
    expect(k.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const der = createPrivateKey(k.KeyMaterial!).export({ type: 'pkcs8', format: 'der' });
    expect(k.KeyFingerprint).toBe(createHash('sha1').update(der).digest('hex').match(/../g)!.join(':'));
    expect(k.KeyPairId).toMatch(/^key-/);
    // The same digest through openssl, as AWS documents it.
    const pem = join(dir, 'made-rsa.pem');
    writeFileSync(pem, k.KeyMaterial! + '\n');
    const viaOpenssl = execFileSync('sh', ['-c', `openssl pkcs8 -in ${pem} -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c`]).toString();
    expect(viaOpenssl).toContain(k.KeyFingerprint!);
  });

  it('creates an ED25519 key in OpenSSH format with the base64 SHA-256 fingerprint ssh-keygen shows', async () => {
    const k = await ec2.send(new E.CreateKeyPairCommand({ KeyName: 'made-ed', KeyType: 'ed25519' }));
    expect(k.KeyMaterial).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    const file = join(dir, 'made-ed');
    writeFileSync(file, k.KeyMaterial!, { mode: 0o600 });
    const shown = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]).toString();
    expect(shown).toContain(`SHA256:${k.KeyFingerprint!.replace(/=+$/, '')}`);
    const listed = (await ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['made-ed'], IncludePublicKey: true }))).KeyPairs![0]!;
    expect(listed).toMatchObject({ KeyName: 'made-ed', KeyType: 'ed25519', KeyFingerprint: k.KeyFingerprint });
    expect(listed.PublicKey).toMatch(/^ssh-ed25519 AAAA/);
    expect(execFileSync('ssh-keygen', ['-y', '-f', file]).toString().split(' ').slice(0, 2)).toEqual(listed.PublicKey!.split(' ').slice(0, 2));
  });

  it('imports OpenSSH RSA keys with the MD5 of the DER public key, and ED25519 with base64 SHA-256', async () => {
    const rsaFile = join(dir, 'imp-rsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-C', 'me@host', '-f', rsaFile]);
    const pub = readFileSync(rsaFile + '.pub');
    const r = await ec2.send(new E.ImportKeyPairCommand({ KeyName: 'imp-rsa', PublicKeyMaterial: pub, TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'k', Value: 'v' }] }] }));
    const spki = createPublicKey(createPrivateKey(readFileSync(rsaFile))).export({ type: 'spki', format: 'der' });
    expect(r.KeyFingerprint).toBe(md5Colon(spki));
    expect(r.Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    // AWS's documented pipeline for imported keys.
    const viaOpenssl = execFileSync('sh', ['-c', `ssh-keygen -ef ${rsaFile} -m PEM | openssl rsa -RSAPublicKey_in -outform DER 2>/dev/null | openssl md5 -c`]).toString();
    expect(viaOpenssl).toContain(r.KeyFingerprint!);

    const edFile = join(dir, 'imp-ed');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', edFile]);
    const e = await ec2.send(new E.ImportKeyPairCommand({ KeyName: 'imp-ed', PublicKeyMaterial: readFileSync(edFile + '.pub') }));
    const shown = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', edFile + '.pub']).toString();
    expect(shown).toContain(`SHA256:${e.KeyFingerprint!.replace(/=+$/, '')}`);
    const types = (await ec2.send(new E.DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: ['imp-*'] }] }))).KeyPairs!.map((k) => [k.KeyName, k.KeyType]);
    expect(types).toEqual([['imp-ed', 'ed25519'], ['imp-rsa', 'rsa']]);
  });

  it('answers Format, Duplicate and NotFound like EC2; deleting an unknown name succeeds', async () => {
    await expectAwsError(
      ec2.send(new E.ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: Buffer.from('ssh-rsa not-base64!!') })),
      'InvalidKeyPair.Format',
      'Key is not in valid OpenSSH public key format',
    );
    const ecdsa = join(dir, 'ecdsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', ecdsa]);
    await expectAwsError(ec2.send(new E.ImportKeyPairCommand({ KeyName: 'ec', PublicKeyMaterial: readFileSync(ecdsa + '.pub') })), 'InvalidKeyPair.Format');
    await ec2.send(new E.CreateKeyPairCommand({ KeyName: 'dup' }));
    await expectAwsError(ec2.send(new E.CreateKeyPairCommand({ KeyName: 'dup' })), 'InvalidKeyPair.Duplicate', "The keypair 'dup' already exists.");
    const edFile = join(dir, 'dup-ed');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', edFile]);
    await expectAwsError(ec2.send(new E.ImportKeyPairCommand({ KeyName: 'dup', PublicKeyMaterial: readFileSync(edFile + '.pub') })), 'InvalidKeyPair.Duplicate');
    await expectAwsError(ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['ghost'] })), 'InvalidKeyPair.NotFound', "The key pair 'ghost' does not exist");
    await ec2.send(new E.DeleteKeyPairCommand({ KeyName: 'dup' }));
    await ec2.send(new E.DeleteKeyPairCommand({ KeyName: 'ghost' }));
    await expectAwsError(ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['dup'] })), 'InvalidKeyPair.NotFound');
  });
});
