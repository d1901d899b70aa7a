/**
 * Hash and crypto functions: base64sha256 base64sha512 bcrypt filebase64sha256
 * filebase64sha512 filemd5 filesha1 filesha256 filesha512 md5 rsadecrypt sha1 sha256
 * sha512 uuid uuidv5.
 */
import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { bcrypt } from '../bcrypt.js';
import * as T from '../types.js';
import { stringVal } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param } from './util.js';
import { readFileBytes } from './files.js';
import { decodeBase64Strict } from './encoding.js';

type Algo = 'md5' | 'sha1' | 'sha256' | 'sha512';

function strHash(algo: Algo, enc: 'hex' | 'base64', what: string): FunctionDef {
  return fixed(what, [param('str', T.String)], T.String,
    ([s]) => stringVal(createHash(algo).update(s!.str, 'utf8').digest(enc)));
}
function fileHash(algo: Algo, enc: 'hex' | 'base64', what: string): FunctionDef {
  return fixed(what, [param('path', T.String)], T.String,
    ([p], ctx) => stringVal(createHash(algo).update(readFileBytes(ctx.baseDir, p!.str)).digest(enc)));
}

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** google/uuid's Parse: plain, braced, urn:uuid: forms. */
function parseUUID(s: string): Buffer {
  let t = s;
  if (t.length === 36 + 9) {
    if (t.slice(0, 9).toLowerCase() !== 'urn:uuid:') throw new Error(`invalid urn prefix: ${JSON.stringify(t.slice(0, 9))}`);
    t = t.slice(9);
  } else if (t.length === 36 + 2) t = t.slice(1, -1);
  else if (t.length === 32) return hexBytes(t);
  else if (t.length !== 36) throw new Error(`invalid UUID length: ${t.length}`);
  if (t[8] !== '-' || t[13] !== '-' || t[18] !== '-' || t[23] !== '-') throw new Error('invalid UUID format');
  return hexBytes(t.replace(/-/g, ''));
}
function hexBytes(h: string): Buffer {
  if (!/^[0-9a-fA-F]{32}$/.test(h)) throw new Error('invalid UUID format');
  return Buffer.from(h, 'hex');
}

/** A name-based (SHA-1, version 5) UUID. */
export function uuidV5(namespace: Buffer, name: string): string {
  const h = createHash('sha1').update(namespace).update(Buffer.from(name, 'utf8')).digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    e >>= 1n;
    b = (b * b) % m;
  }
  return r;
}
function b64urlBig(s: string): bigint {
  return BigInt('0x' + (Buffer.from(s, 'base64url').toString('hex') || '0'));
}

/** RSA PKCS#1 v1.5 decryption (done by hand: Node 20 refuses that padding in privateDecrypt). */
function rsaDecrypt(cipher: Buffer, pem: string): Buffer {
  let jwk: { n?: string; d?: string; kty?: string };
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new FunctionError(`invalid private key type ${key.asymmetricKeyType}`, 1);
    jwk = key.export({ format: 'jwk' }) as { n?: string; d?: string };
  } catch (e) {
    if (e instanceof FunctionError) throw e;
    throw new FunctionError(pem.includes('-----BEGIN') ? 'invalid ASN1 data in the given private key' : 'invalid private key: ssh: no key found', 1);
  }
  const n = b64urlBig(jwk.n!), d = b64urlBig(jwk.d!);
  const k = Math.ceil(n.toString(16).length / 2);
  if (cipher.length > k) throw new FunctionError('failed to decrypt: crypto/rsa: decryption error');
  const m = modPow(BigInt('0x' + (cipher.toString('hex') || '0')), d, n);
  const em = Buffer.from(m.toString(16).padStart(k * 2, '0'), 'hex');
  if (em[0] !== 0 || em[1] !== 2) throw new FunctionError('failed to decrypt: crypto/rsa: decryption error');
  const sep = em.indexOf(0, 2);
  if (sep < 10) throw new FunctionError('failed to decrypt: crypto/rsa: decryption error');
  return em.subarray(sep + 1);
}

/** The crypto/hash function table. */
export const cryptoFunctions: Record<string, FunctionDef> = {
  md5: strHash('md5', 'hex', 'Computes the MD5 hash of a given string and encodes it with hexadecimal digits.'),
  sha1: strHash('sha1', 'hex', 'Computes the SHA1 hash of a given string and encodes it with hexadecimal digits.'),
  sha256: strHash('sha256', 'hex', 'Computes the SHA256 hash of a given string and encodes it with hexadecimal digits.'),
  sha512: strHash('sha512', 'hex', 'Computes the SHA512 hash of a given string and encodes it with hexadecimal digits.'),
  base64sha256: strHash('sha256', 'base64', 'Computes the SHA256 hash of a given string and encodes it with Base64.'),
  base64sha512: strHash('sha512', 'base64', 'Computes the SHA512 hash of a given string and encodes it with Base64.'),
  filemd5: fileHash('md5', 'hex', 'Computes the MD5 hash of the contents of a given file and encodes it as hex.'),
  filesha1: fileHash('sha1', 'hex', 'Computes the SHA1 hash of the contents of a given file and encodes it as hex.'),
  filesha256: fileHash('sha256', 'hex', 'Computes the SHA256 hash of the contents of a given file and encodes it as hex.'),
  filesha512: fileHash('sha512', 'hex', 'Computes the SHA512 hash of the contents of a given file and encodes it as hex.'),
  filebase64sha256: fileHash('sha256', 'base64', 'Computes the SHA256 hash of the contents of a given file and encodes it with Base64.'),
  filebase64sha512: fileHash('sha512', 'base64', 'Computes the SHA512 hash of the contents of a given file and encodes it with Base64.'),

  bcrypt: fixed('Computes a hash of the given string using the Blowfish cipher.', [param('str', T.String)], T.String, (args) => {
    if (args.length > 2) throw new FunctionError('bcrypt() takes no more than two arguments');
    let cost = 10;
    if (args.length === 2) cost = args[1]!.num;
    if (!Number.isInteger(cost)) throw new FunctionError(`value must be a whole number, got ${cost}`, 1);
    if (cost < 4) cost = 10;
    if (cost > 31) throw new FunctionError(`error occured generating password crypto/bcrypt: cost ${cost} is outside allowed range (4,31)`);
    if (Buffer.byteLength(args[0]!.str) > 72) throw new FunctionError('error occured generating password bcrypt: password length exceeds 72 bytes');
    const salt = bcrypt().genSaltSync(cost).replace(/^\$2b\$/, '$2a$');
    return stringVal(bcrypt().hashSync(args[0]!.str, salt));
  }, { varParam: param('cost', T.Number), impure: true }),

  uuid: fixed('Generates a unique identifier string.', [], T.String, () => stringVal(randomUUID()), { impure: true }),
  uuidv5: fixed('Generates a name-based UUID, as described in RFC 4122 section 4.3, also known as a "version 5" UUID.',
    [param('namespace', T.String), param('name', T.String)], T.String, ([ns, name]) => {
      const known = NAMESPACES[ns!.str];
      let nsBytes: Buffer;
      if (known) nsBytes = Buffer.from(known.replace(/-/g, ''), 'hex');
      else {
        try { nsBytes = parseUUID(ns!.str); } catch (e) {
          throw new FunctionError(`uuidv5() doesn't support namespace ${ns!.str} (${(e as Error).message})`);
        }
      }
      return stringVal(uuidV5(nsBytes, name!.str));
    }),

  rsadecrypt: fixed('Decrypts an RSA-encrypted ciphertext, returning the corresponding cleartext.',
    [param('ciphertext', T.String), param('privatekey', T.String)], T.String, ([c, k]) => {
      const b = decodeBase64Strict(c!.str);
      if (!b) throw new FunctionError(`failed to decode input ${JSON.stringify(c!.str)}: cipher text must be base64-encoded`, 0);
      return stringVal(rsaDecrypt(b, k!.str).toString('utf8'));
    }),
};
