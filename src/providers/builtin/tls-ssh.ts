/** OpenSSH encodings of keys: the public wire format, authorized_keys lines, fingerprints and the private key file. */
import { createHash, randomInt, type KeyObject } from 'node:crypto';
import { pem } from './tls-der.js';

const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
const sshString = (b: Buffer | string): Buffer => { const x = typeof b === 'string' ? Buffer.from(b) : b; return Buffer.concat([u32(x.length), x]); };
function mpint(b64url: string): Buffer {
  let b = Buffer.from(b64url, 'base64url');
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b.length && b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
}

const CURVES: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

/** SSH has no encoding for P-224 keys (and node cannot export them as JWK). */
function sshCapable(k: KeyObject): boolean {
  return k.asymmetricKeyType !== 'ec' || ['prime256v1', 'secp384r1', 'secp521r1'].includes(k.asymmetricKeyDetails?.namedCurve ?? '');
}

interface Jwk { kty: string; crv?: string; x?: string; y?: string; d?: string; n?: string; e?: string; p?: string; q?: string; qi?: string }

/** The key type name and public wire blob; undefined for keys SSH cannot express (P-224). */
function publicWire(jwk: Jwk): { type: string; blob: Buffer } | undefined {
  if (jwk.kty === 'RSA') return { type: 'ssh-rsa', blob: Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e!), mpint(jwk.n!)]) };
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return { type: 'ssh-ed25519', blob: Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.from(jwk.x!, 'base64url'))]) };
  if (jwk.kty === 'EC' && jwk.crv && CURVES[jwk.crv]) {
    const name = CURVES[jwk.crv]!;
    const q = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    return { type: `ecdsa-sha2-${name}`, blob: Buffer.concat([sshString(`ecdsa-sha2-${name}`), sshString(name), sshString(q)]) };
  }
  return undefined;
}

/** The SSH public encodings of a key ("" everywhere when SSH cannot express it). */
export function sshPublic(pub: KeyObject): { openssh: string; md5: string; sha256: string } {
  const w = sshCapable(pub) ? publicWire(pub.export({ format: 'jwk' }) as Jwk) : undefined;
  if (!w) return { openssh: '', md5: '', sha256: '' };
  return {
    openssh: `${w.type} ${w.blob.toString('base64')}\n`,
    md5: createHash('md5').update(w.blob).digest('hex').replace(/(..)(?!$)/g, '$1:'),
    sha256: 'SHA256:' + createHash('sha256').update(w.blob).digest('base64').replace(/=+$/, ''),
  };
}

/** The unencrypted "OPENSSH PRIVATE KEY" file of a key ("" when SSH cannot express it). */
export function sshPrivate(priv: KeyObject, pub: KeyObject): string {
  if (!sshCapable(priv)) return '';
  const jwk = priv.export({ format: 'jwk' }) as Jwk;
  const w = publicWire(pub.export({ format: 'jwk' }) as Jwk);
  if (!w) return '';
  let body: Buffer;
  if (jwk.kty === 'RSA') {
    body = Buffer.concat([sshString('ssh-rsa'), mpint(jwk.n!), mpint(jwk.e!), mpint(jwk.d!), mpint(jwk.qi!), mpint(jwk.p!), mpint(jwk.q!)]);
  } else if (jwk.kty === 'OKP') {
    const x = Buffer.from(jwk.x!, 'base64url');
    body = Buffer.concat([sshString('ssh-ed25519'), sshString(x), sshString(Buffer.concat([Buffer.from(jwk.d!, 'base64url'), x]))]);
  } else {
    // The wire blob already holds type, curve name and point; the scalar follows.
    body = Buffer.concat([w.blob, mpint(jwk.d!)]);
  }
  const check = randomInt(2 ** 32 - 1);
  let priv2 = Buffer.concat([u32(check), u32(check), body, sshString('')]);
  const pad: number[] = [];
  for (let i = 1; (priv2.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv2 = Buffer.concat([priv2, Buffer.from(pad)]);
  const file = Buffer.concat([
    Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), u32(1), sshString(w.blob), sshString(priv2),
  ]);
  return pem('OPENSSH PRIVATE KEY', file);
}
