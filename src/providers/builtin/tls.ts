/**
 * hashicorp/tls: tls_private_key (RSA, ECDSA, ED25519 in PEM, PKCS#8 and OpenSSH forms)
 * and tls_self_signed_cert (an X.509 v3 certificate, DER-encoded by tls-der.ts and signed
 * by node:crypto). Keys and certificates live only in state.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import * as T from '../../lang/types.js';
import { boolVal, numberVal, stringVal } from '../../lang/value.js';
import type { AttributeSchema, ProviderDiagnostic, ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../sdk/resource.js';
import { attr, bool, num, str, toJS, withAttrs } from '../sdk/obj.js';
import * as D from './tls-der.js';
import { sshPrivate, sshPublic } from './tls-ssh.js';

const NODE_CURVE: Record<string, string> = { P224: 'P-224', P256: 'P-256', P384: 'P-384', P521: 'P-521' };

/** Every computed attribute of tls_private_key for a key pair. */
export function keyAttributes(priv: KeyObject): Record<string, string> {
  const pub = createPublicKey(priv);
  const type = priv.asymmetricKeyType;
  const pkcs8 = priv.export({ type: 'pkcs8', format: 'pem' }) as string;
  const classic = type === 'rsa' ? (priv.export({ type: 'pkcs1', format: 'pem' }) as string)
    : type === 'ec' ? (priv.export({ type: 'sec1', format: 'pem' }) as string) : pkcs8;
  const spki = pub.export({ type: 'spki', format: 'der' });
  const ssh = sshPublic(pub);
  return {
    private_key_pem: classic, private_key_pem_pkcs8: pkcs8, private_key_openssh: sshPrivate(priv, pub),
    public_key_pem: pub.export({ type: 'spki', format: 'pem' }) as string,
    public_key_openssh: ssh.openssh, public_key_fingerprint_md5: ssh.md5, public_key_fingerprint_sha256: ssh.sha256,
    id: createHash('sha1').update(spki).digest('hex'),
  };
}

const c = (d: string, sensitive = false): AttributeSchema => ({ type: T.String, computed: true, sensitive, description: d });

/** tls_private_key. */
export const tlsPrivateKey: ResourceDef = {
  schema: {
    version: 1,
    block: {
      attributes: {
        algorithm: { type: T.String, required: true, forceNew: true, description: 'Name of the algorithm to use when generating the private key. Currently-supported values are: `RSA`, `ECDSA`, `ED25519`. ' },
        rsa_bits: { type: T.Number, optional: true, computed: true, forceNew: true, default: numberVal(2048), description: 'When `algorithm` is `RSA`, the size of the generated RSA key, in bits (default: `2048`).' },
        ecdsa_curve: { type: T.String, optional: true, computed: true, forceNew: true, default: stringVal('P224'), description: 'When `algorithm` is `ECDSA`, the name of the elliptic curve to use. Currently-supported values are: `P224`, `P256`, `P384`, `P521`. (default: `P224`).' },
        private_key_pem: c('Private key data in [PEM (RFC 1421)](https://datatracker.ietf.org/doc/html/rfc1421) format.', true),
        private_key_openssh: c('Private key data in [OpenSSH PEM (RFC 4716)](https://datatracker.ietf.org/doc/html/rfc4716) format.', true),
        private_key_pem_pkcs8: c('Private key data in [PKCS#8 PEM (RFC 5208)](https://datatracker.ietf.org/doc/html/rfc5208) format.', true),
        public_key_pem: c('Public key data in [PEM (RFC 1421)](https://datatracker.ietf.org/doc/html/rfc1421) format.'),
        public_key_openssh: c('The public key data in ["Authorized Keys"](https://www.ssh.com/academy/ssh/authorized_keys/openssh#format-of-the-authorized-keys-file) format. This is not populated for `ECDSA` with curve `P224`, as it is [not supported](../../docs#limitations).'),
        public_key_fingerprint_md5: c('The fingerprint of the public key data in OpenSSH MD5 hash format, e.g. `aa:bb:cc:...`. Only available if the selected private key format is compatible, similarly to `public_key_openssh` and the [ECDSA P224 limitations](../../docs#limitations).'),
        public_key_fingerprint_sha256: c('The fingerprint of the public key data in OpenSSH SHA256 hash format, e.g. `SHA256:...`. Only available if the selected private key format is compatible, similarly to `public_key_openssh` and the [ECDSA P224 limitations](../../docs#limitations).'),
        id: c('Unique identifier for this resource: hexadecimal representation of the SHA1 checksum of the resource.'),
      },
      blockTypes: {},
    },
  },
  validate(config) {
    const out: ProviderDiagnostic[] = [];
    const a = str(config, 'algorithm');
    if (a !== undefined && !['RSA', 'ECDSA', 'ED25519'].includes(a)) out.push({ severity: 'error', summary: 'Invalid Attribute Value Match', detail: `Attribute algorithm value must be one of: ["RSA" "ECDSA" "ED25519"], got: "${a}"`, attribute: [{ attr: 'algorithm' }] });
    const cv = str(config, 'ecdsa_curve');
    if (cv !== undefined && !NODE_CURVE[cv]) out.push({ severity: 'error', summary: 'Invalid Attribute Value Match', detail: `Attribute ecdsa_curve value must be one of: ["P224" "P256" "P384" "P521"], got: "${cv}"`, attribute: [{ attr: 'ecdsa_curve' }] });
    return out;
  },
  async create(_ctx, planned) {
    const a = str(planned, 'algorithm');
    let priv: KeyObject;
    if (a === 'RSA') priv = generateKeyPairSync('rsa', { modulusLength: num(planned, 'rsa_bits') ?? 2048 }).privateKey;
    else if (a === 'ECDSA') priv = generateKeyPairSync('ec', { namedCurve: NODE_CURVE[str(planned, 'ecdsa_curve') ?? 'P224']! }).privateKey;
    else if (a === 'ED25519') priv = generateKeyPairSync('ed25519').privateKey;
    else throw new ProviderError('Invalid algorithm', `Unsupported private key algorithm "${a}".`);
    return withAttrs(planned, keyAttributes(priv));
  },
  async read(_ctx, state) { return state; },
  async delete() { /* nothing remote */ },
};

const KEY_USAGE: Record<string, number> = {
  digital_signature: 0, content_commitment: 1, key_encipherment: 2, data_encipherment: 3, key_agreement: 4,
  cert_signing: 5, crl_signing: 6, encipher_only: 7, decipher_only: 8,
};
const EXT_KEY_USAGE: Record<string, string> = {
  any_extended: '2.5.29.37.0', server_auth: '1.3.6.1.5.5.7.3.1', client_auth: '1.3.6.1.5.5.7.3.2', code_signing: '1.3.6.1.5.5.7.3.3',
  email_protection: '1.3.6.1.5.5.7.3.4', ipsec_end_system: '1.3.6.1.5.5.7.3.5', ipsec_tunnel: '1.3.6.1.5.5.7.3.6', ipsec_user: '1.3.6.1.5.5.7.3.7',
  timestamping: '1.3.6.1.5.5.7.3.8', ocsp_signing: '1.3.6.1.5.5.7.3.9', microsoft_server_gated_crypto: '1.3.6.1.4.1.311.10.3.3',
  netscape_server_gated_crypto: '2.16.840.1.113730.4.1', microsoft_commercial_code_signing: '1.3.6.1.4.1.311.2.1.22', microsoft_kernel_code_signing: '1.3.6.1.4.1.311.61.1.1',
};
/** Subject fields in the order Go's pkix.Name writes them. */
const NAME_FIELDS: [string, string][] = [
  ['country', '2.5.4.6'], ['province', '2.5.4.8'], ['locality', '2.5.4.7'], ['street_address', '2.5.4.9'], ['postal_code', '2.5.4.17'],
  ['organization', '2.5.4.10'], ['organizational_unit', '2.5.4.11'], ['common_name', '2.5.4.3'], ['serial_number', '2.5.4.5'],
];

function encodeName(subject: Record<string, unknown> | undefined): Buffer {
  const rdns: Buffer[] = [];
  for (const [field, id] of NAME_FIELDS) {
    const v = subject?.[field];
    const vals = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
    for (const s of vals) rdns.push(D.set(D.seq(D.oid(id), D.dirString(s))));
  }
  return D.seq(...rdns);
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [], t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.concat(groups.map((g) => { const b = Buffer.alloc(2); b.writeUInt16BE(parseInt(g, 16)); return b; }));
}

function keyUsageBits(uses: string[]): Buffer | undefined {
  let bits = 0;
  let max = -1;
  for (const u of uses) { const b = KEY_USAGE[u]; if (b !== undefined) { bits |= 1 << b; max = Math.max(max, b); } }
  if (max < 0) return undefined;
  const bytes = Buffer.alloc(max >= 8 ? 2 : 1);
  for (let i = 0; i <= max; i++) if (bits & (1 << i)) bytes[i >> 3]! |= 0x80 >> (i & 7);
  // DER: trailing zero bits are unused.
  let last = 0;
  for (let i = 0; i <= max; i++) if (bits & (1 << i)) last = i;
  const used = Buffer.from(bytes.subarray(0, (last >> 3) + 1));
  return D.bitString(used, 7 - (last & 7));
}

/** The signature algorithm for a key: [AlgorithmIdentifier DER, node digest or null, name]. */
function sigAlg(key: KeyObject): [Buffer, string | null, string] {
  const t = key.asymmetricKeyType;
  if (t === 'rsa') return [D.seq(D.oid('1.2.840.113549.1.1.11'), D.nullDer()), 'sha256', 'RSA'];
  if (t === 'ed25519') return [D.seq(D.oid('1.3.101.112')), null, 'ED25519'];
  if (t === 'ec') {
    const crv = key.asymmetricKeyDetails?.namedCurve;
    if (crv === 'secp384r1') return [D.seq(D.oid('1.2.840.10045.4.3.3')), 'sha384', 'ECDSA'];
    if (crv === 'secp521r1') return [D.seq(D.oid('1.2.840.10045.4.3.4')), 'sha512', 'ECDSA'];
    return [D.seq(D.oid('1.2.840.10045.4.3.2')), 'sha256', 'ECDSA'];
  }
  throw new ProviderError('Unsupported key', `Keys of type "${t}" cannot sign certificates.`);
}

/** Options of a self-signed certificate. */
export interface CertOptions {
  subject?: Record<string, unknown>;
  validityHours: number;
  allowedUses: string[];
  dnsNames: string[];
  ipAddresses: string[];
  uris: string[];
  isCA: boolean;
  subjectKeyId: boolean;
  authorityKeyId: boolean;
  now?: Date;
}

/** Builds and signs a self-signed X.509 v3 certificate; returns PEM, serial and validity. */
export function selfSignedCert(priv: KeyObject, o: CertOptions): { pem: string; serial: bigint; start: Date; end: Date; algorithm: string } {
  const pub = createPublicKey(priv);
  const spki = pub.export({ type: 'spki', format: 'der' });
  const [alg, digest, algorithm] = sigAlg(priv);
  const serial = BigInt('0x' + randomBytes(16).toString('hex')) >> 1n;
  const start = new Date(Math.floor((o.now ?? new Date()).getTime() / 1000) * 1000);
  const end = new Date(start.getTime() + o.validityHours * 3600000);
  // SubjectKeyIdentifier: SHA-1 of the subjectPublicKey bits (RFC 5280 method 1).
  const bitsStart = spki.length - publicKeyBitsLength(spki);
  const skid = createHash('sha1').update(spki.subarray(bitsStart)).digest();
  const exts: Buffer[] = [];
  const ext = (id: string, critical: boolean, value: Buffer) => exts.push(D.seq(D.oid(id), ...(critical ? [D.bool(true)] : []), D.octets(value)));
  const ku = keyUsageBits(o.allowedUses);
  if (ku) ext('2.5.29.15', true, ku);
  const eku = o.allowedUses.map((u) => EXT_KEY_USAGE[u]).filter((x): x is string => !!x);
  if (eku.length) ext('2.5.29.37', false, D.seq(...eku.map(D.oid)));
  ext('2.5.29.19', true, o.isCA ? D.seq(D.bool(true)) : D.seq());
  if (o.subjectKeyId) ext('2.5.29.14', false, D.octets(skid));
  if (o.authorityKeyId) ext('2.5.29.35', false, D.seq(D.implicit(0, skid)));
  const san = [...o.dnsNames.map((d) => D.implicit(2, Buffer.from(d, 'ascii'))), ...o.ipAddresses.map((ip) => D.implicit(7, ipBytes(ip))), ...o.uris.map((u) => D.implicit(6, Buffer.from(u, 'ascii')))];
  if (san.length) ext('2.5.29.17', false, D.seq(...san));
  const name = encodeName(o.subject);
  const tbs = D.seq(
    D.explicit(0, D.integer(2n)), D.integer(serial), alg, name, D.seq(D.time(start), D.time(end)), name, spki,
    D.explicit(3, D.seq(...exts)),
  );
  const sig = sign(digest, tbs, priv);
  const cert = D.seq(tbs, alg, D.bitString(sig));
  return { pem: D.pem('CERTIFICATE', cert), serial, start, end, algorithm };
}

/** Length of the subjectPublicKey content (after the unused-bits byte) at the end of an SPKI. */
function publicKeyBitsLength(spki: Buffer): number {
  // SPKI = SEQUENCE { AlgorithmIdentifier, BIT STRING }: walk to the BIT STRING.
  let i = 1;
  i += spki[i]! & 0x80 ? 1 + (spki[i]! & 0x7f) : 1;
  const algLen = (() => { let j = i + 1; const l = spki[j]!; if (l & 0x80) { let n = 0; for (let k = 1; k <= (l & 0x7f); k++) n = n * 256 + spki[j + k]!; return 1 + 1 + (l & 0x7f) + n; } return 2 + l; })();
  i += algLen;
  let j = i + 1;
  let len = spki[j]!;
  if (len & 0x80) { const nb = len & 0x7f; len = 0; for (let k = 1; k <= nb; k++) len = len * 256 + spki[j + k]!; j += nb; }
  return len - 1;
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const list = (d: string): AttributeSchema => ({ type: T.List(T.String), optional: true, forceNew: true, description: d });

/** tls_self_signed_cert. */
export const tlsSelfSignedCert: ResourceDef = {
  schema: {
    version: 0,
    block: {
      attributes: {
        private_key_pem: { type: T.String, required: true, forceNew: true, sensitive: true, description: 'Private key in [PEM (RFC 1421)](https://datatracker.ietf.org/doc/html/rfc1421) format, that the certificate will belong to. This can be read from a separate file using the [`file`](https://www.terraform.io/language/functions/file) interpolation function. ' },
        validity_period_hours: { type: T.Number, required: true, forceNew: true, description: 'Number of hours, after initial issuing, that the certificate will remain valid for.' },
        allowed_uses: { type: T.List(T.String), required: true, forceNew: true, description: 'List of key usages allowed for the issued certificate. Values are defined in [RFC 5280](https://datatracker.ietf.org/doc/html/rfc5280) and combine flags defined by both [Key Usages](https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.3) and [Extended Key Usages](https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.12).' },
        dns_names: list('List of DNS names for which a certificate is being requested (i.e. certificate subjects).'),
        ip_addresses: list('List of IP addresses for which a certificate is being requested (i.e. certificate subjects).'),
        uris: list('List of URIs for which a certificate is being requested (i.e. certificate subjects).'),
        early_renewal_hours: { type: T.Number, optional: true, computed: true, default: numberVal(0), description: 'The resource will consider the certificate to have expired the given number of hours before its actual expiry time. This can be useful to deploy an updated certificate in advance of the expiration of the current certificate. However, the old certificate remains valid until its true expiration time, since this resource does not (and cannot) support certificate revocation. Also, this advance update can only be performed should the Terraform configuration be applied during the early renewal period. (default: `0`)' },
        is_ca_certificate: { type: T.Bool, optional: true, computed: true, forceNew: true, default: boolVal(false), description: 'Is the generated certificate representing a Certificate Authority (CA) (default: `false`).' },
        set_subject_key_id: { type: T.Bool, optional: true, computed: true, forceNew: true, default: boolVal(false), description: 'Should the generated certificate include a [subject key identifier](https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.2) (default: `false`).' },
        set_authority_key_id: { type: T.Bool, optional: true, computed: true, forceNew: true, default: boolVal(false), description: 'Should the generated certificate include an [authority key identifier](https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.1): for self-signed certificates this is the same value as the [subject key identifier](https://datatracker.ietf.org/doc/html/rfc5280#section-4.2.1.2) (default: `false`).' },
        cert_pem: c('Certificate data in [PEM (RFC 1421)](https://datatracker.ietf.org/doc/html/rfc1421) format. **NOTE**: the [underlying](https://pkg.go.dev/encoding/pem#Encode) [libraries](https://pkg.go.dev/golang.org/x/crypto/ssh#MarshalAuthorizedKey) that generate this value append a `\\n` at the end of the PEM. In case this disrupts your use case, we recommend using [`trimspace()`](https://www.terraform.io/language/functions/trimspace).'),
        ready_for_renewal: { type: T.Bool, computed: true, description: 'Is the certificate either expired (i.e. beyond the `validity_period_hours`) or ready for an early renewal (i.e. within the `early_renewal_hours`)?' },
        validity_start_time: c('The time after which the certificate is valid, expressed as an [RFC3339](https://tools.ietf.org/html/rfc3339) timestamp.'),
        validity_end_time: c('The time until which the certificate is invalid, expressed as an [RFC3339](https://tools.ietf.org/html/rfc3339) timestamp.'),
        key_algorithm: c('Name of the algorithm used when generating the private key provided in `private_key_pem`. '),
        id: c('Unique identifier for this resource: the certificate serial number.'),
      },
      blockTypes: {
        subject: {
          nesting: 'list', maxItems: 1, forceNew: true,
          block: {
            attributes: {
              common_name: { type: T.String, optional: true, description: 'Distinguished name: `CN`' },
              organization: { type: T.String, optional: true, description: 'Distinguished name: `O`' },
              organizational_unit: { type: T.String, optional: true, description: 'Distinguished name: `OU`' },
              street_address: { type: T.List(T.String), optional: true, description: 'Distinguished name: `STREET`' },
              locality: { type: T.String, optional: true, description: 'Distinguished name: `L`' },
              province: { type: T.String, optional: true, description: 'Distinguished name: `ST`' },
              country: { type: T.String, optional: true, description: 'Distinguished name: `C`' },
              postal_code: { type: T.String, optional: true, description: 'Distinguished name: `PC`' },
              serial_number: { type: T.String, optional: true, description: 'Distinguished name: `SERIALNUMBER`' },
            },
            blockTypes: {},
          },
        },
      },
    },
  },
  validate(config) {
    const out: ProviderDiagnostic[] = [];
    const uses = toJS(attr(config, 'allowed_uses'));
    if (Array.isArray(uses)) for (const u of uses) {
      if (typeof u === 'string' && KEY_USAGE[u] === undefined && EXT_KEY_USAGE[u] === undefined) {
        out.push({ severity: 'error', summary: 'Invalid Attribute Value Match', detail: `Attribute allowed_uses value must be one of: [${[...Object.keys(KEY_USAGE), ...Object.keys(EXT_KEY_USAGE)].map((k) => `"${k}"`).join(' ')}], got: "${u}"`, attribute: [{ attr: 'allowed_uses' }] });
      }
    }
    const ips = toJS(attr(config, 'ip_addresses'));
    if (Array.isArray(ips)) for (const ip of ips) if (typeof ip === 'string' && !isIP(ip)) out.push({ severity: 'error', summary: 'Invalid IP address', detail: `Invalid IP address "${ip}".`, attribute: [{ attr: 'ip_addresses' }] });
    return out;
  },
  customizePlan(_ctx, p) {
    // A certificate inside its renewal window (or expired) is planned for replacement.
    if (!p.prior) return p;
    const end = Date.parse(str(p.prior, 'validity_end_time') ?? '');
    const early = (num(p.planned, 'early_renewal_hours') ?? 0) * 3600000;
    if (Number.isNaN(end) || Date.now() < end - early) return p;
    return { ...p, requiresReplace: [...p.requiresReplace, [{ attr: 'ready_for_renewal' }]], planned: withAttrs(p.planned, { cert_pem: null, ready_for_renewal: false }) };
  },
  async create(_ctx, planned) {
    let priv: KeyObject;
    try { priv = createPrivateKey(str(planned, 'private_key_pem')!); } catch (e) {
      throw new ProviderError('Failed to parse private key PEM', (e as Error).message, [{ attr: 'private_key_pem' }]);
    }
    const subj = (toJS(attr(planned, 'subject')) as Record<string, unknown>[] | null)?.[0];
    const strs = (k: string) => ((toJS(attr(planned, k)) as string[] | null) ?? []);
    const o: CertOptions = {
      validityHours: num(planned, 'validity_period_hours')!, allowedUses: strs('allowed_uses'), dnsNames: strs('dns_names'),
      ipAddresses: strs('ip_addresses'), uris: strs('uris'), isCA: bool(planned, 'is_ca_certificate') === true,
      subjectKeyId: bool(planned, 'set_subject_key_id') === true, authorityKeyId: bool(planned, 'set_authority_key_id') === true,
    };
    if (subj) o.subject = subj;
    const cert = selfSignedCert(priv, o);
    const early = (num(planned, 'early_renewal_hours') ?? 0) * 3600000;
    return withAttrs(planned, {
      cert_pem: cert.pem, id: cert.serial.toString(10), key_algorithm: cert.algorithm,
      validity_start_time: rfc3339(cert.start), validity_end_time: rfc3339(cert.end), ready_for_renewal: Date.now() >= cert.end.getTime() - early,
    });
  },
  async update(_ctx, _prior, planned) { return planned; },
  async read(_ctx, state) { return state; },
  async delete() { /* nothing remote */ },
};

/** The `tls` provider. */
export const tlsProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/tls',
  version: '4.0.6',
  create: () => makeProvider<undefined>({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => undefined,
    framework: true,
    resources: { tls_private_key: tlsPrivateKey, tls_self_signed_cert: tlsSelfSignedCert },
    dataSources: {},
  }),
};
