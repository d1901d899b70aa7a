/** OpenSSH key formats and the fingerprints AWS computes for key pairs. */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** A parsed OpenSSH public key. */
export interface ParsedPublicKey {
  type: 'rsa' | 'ed25519';
  /** The SSH wire-format blob (what the base64 field holds). */
  blob: Buffer;
  key: KeyObject;
}

function readString(b: Buffer, off: number): [Buffer, number] {
  if (off + 4 > b.length) throw new Error('short');
  const n = b.readUInt32BE(off);
  if (off + 4 + n > b.length) throw new Error('short');
  return [b.subarray(off + 4, off + 4 + n), off + 4 + n];
}

function sshString(b: Buffer | string): Buffer {
  const body = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function mpint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return sshString(v);
}

function unsigned(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** Parses `ssh-rsa AAAA... comment` / `ssh-ed25519 AAAA...` (or RFC 4716 armor); undefined if not one. */
export function parseOpenSshPublicKey(text: string): ParsedPublicKey | undefined {
  let t = text.trim();
  if (t.startsWith('---- BEGIN SSH2 PUBLIC KEY ----')) {
    const body = t.split(/\r?\n/).filter((l) => !l.startsWith('----') && !/^[\w-]+:/.test(l)).join('');
    const blob = Buffer.from(body, 'base64');
    try {
      const [type] = readString(blob, 0);
      t = `${type.toString()} ${body}`;
    } catch {
      return undefined;
    }
  }
  const m = /^(ssh-rsa|ssh-ed25519)\s+([A-Za-z0-9+/]+={0,2})(\s.*)?$/s.exec(t);
  if (!m) return undefined;
  const blob = Buffer.from(m[2]!, 'base64');
  try {
    const [type, o1] = readString(blob, 0);
    if (type.toString() !== m[1]) return undefined;
    if (m[1] === 'ssh-rsa') {
      const [e, o2] = readString(blob, o1);
      const [n, o3] = readString(blob, o2);
      if (o3 !== blob.length) return undefined;
      const key = createPublicKey({ key: { kty: 'RSA', e: unsigned(e).toString('base64url'), n: unsigned(n).toString('base64url') }, format: 'jwk' });
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < 1024 || bits > 16384) return undefined;
      return { type: 'rsa', blob, key };
    }
    const [pub, o2] = readString(blob, o1);
    if (o2 !== blob.length || pub.length !== 32) return undefined;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url') }, format: 'jwk' });
    return { type: 'ed25519', blob, key };
  } catch {
    return undefined;
  }
}

/** Colon-separated lower-case hex, as AWS shows MD5/SHA-1 fingerprints. */
function colonHex(b: Buffer): string {
  return b.toString('hex').match(/../g)!.join(':');
}

/** AWS's fingerprint of an imported key: MD5 of the DER public key (RSA) or base64 SHA-256 (ED25519). */
export function importedFingerprint(k: ParsedPublicKey): string {
  if (k.type === 'ed25519') return createHash('sha256').update(k.blob).digest('base64');
  const der = k.key.export({ type: 'spki', format: 'der' });
  return colonHex(createHash('md5').update(der).digest());
}

/** A key pair EC2 generated: the private key it hands out once, the public key and the fingerprint. */
export interface GeneratedKey {
  material: string;
  publicKey: string;
  fingerprint: string;
}

function ed25519OpenSshPrivate(pub: Buffer, seed: Buffer, comment: string): string {
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    Buffer.from([0, 0, 0, 1]),
    sshString(pubBlob),
    sshString(priv),
  ]);
  const b64 = body.toString('base64').match(/.{1,70}/g)!.join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/**
 * Generates a key pair as CreateKeyPair does: RSA 2048 as a PKCS#1 PEM with the SHA-1 fingerprint of
 * its PKCS#8 DER private key; ED25519 in OpenSSH format with the base64 SHA-256 of its public key.
 */
export function generateKey(type: 'rsa' | 'ed25519', name: string): GeneratedKey {
  if (type === 'rsa') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const material = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trimEnd();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const jwk = publicKey.export({ format: 'jwk' });
    const blob = Buffer.concat([sshString('ssh-rsa'), mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))]);
    return { material, publicKey: `ssh-rsa ${blob.toString('base64')} ${name}`, fingerprint: colonHex(createHash('sha1').update(der).digest()) };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  return {
    material: ed25519OpenSshPrivate(pub, seed, name),
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${name}`,
    fingerprint: createHash('sha256').update(blob).digest('base64'),
  };
}
