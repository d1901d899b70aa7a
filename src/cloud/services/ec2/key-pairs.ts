/** Key pairs: CreateKeyPair (generated material), ImportKeyPair (OpenSSH RSA/ED25519), describe and delete. */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { K, type KeyPairDoc } from './model.js';
import { checkSpecTypes, specTags, tagSet } from './tags.js';
import { generateKey, importedFingerprint, parseOpenSshPublicKey } from './ssh-keys.js';

/**
 * Checks a new key name. AWS words the duplicate differently per call: CreateKeyPair names
 * the key, ImportKeyPair does not ("The keypair already exists").
 */
function checkName(db: Db, name: string, op: 'create' | 'import'): void {
  if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) {
    throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter keyName is invalid. Key names must contain only ASCII characters and be at most 255 long.`);
  }
  if (db.get<KeyPairDoc>(K.key, name)) {
    throw new AwsError('InvalidKeyPair.Duplicate', op === 'create' ? `The keypair '${name}' already exists.` : 'The keypair already exists');
  }
}

const createKeyPair: Action = ({ p, db, now }) => {
  checkSpecTypes(p, ['key-pair']);
  const name = p.req('KeyName');
  checkName(db, name, 'create');
  const type = p.str('KeyType') ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519') {
    throw new AwsError('InvalidParameterValue', `Value (${type}) for parameter keyType is invalid. Valid values are rsa and ed25519.`);
  }
  const format = p.str('KeyFormat') ?? 'pem';
  if (format !== 'pem') throw new AwsError('InvalidParameterValue', `Value (${format}) for parameter keyFormat is invalid. This cloud issues pem keys only.`);
  const k = generateKey(type, name);
  const doc: KeyPairDoc = {
    keyPairId: newId('key'),
    keyName: name,
    keyFingerprint: k.fingerprint,
    keyType: type,
    publicKey: k.publicKey,
    createTime: now.toISOString(),
    tags: specTags(p, 'key-pair'),
  };
  db.put(K.key, name, doc);
  return { keyName: name, keyFingerprint: k.fingerprint, keyMaterial: k.material, keyPairId: doc.keyPairId, tagSet: tagSet(doc.tags) };
};

/** The OpenSSH text of PublicKeyMaterial (a base64 blob on the wire; raw text is accepted too). */
function materialText(raw: string): string {
  const decoded = Buffer.from(raw, 'base64').toString('utf8');
  if (/^(ssh-|---- BEGIN)/.test(decoded.trim())) return decoded;
  return raw;
}

const importKeyPair: Action = ({ p, db, now }) => {
  checkSpecTypes(p, ['key-pair']);
  const name = p.req('KeyName');
  const raw = p.req('PublicKeyMaterial');
  const text = materialText(raw);
  const parsed = parseOpenSshPublicKey(text);
  if (!parsed) throw new AwsError('InvalidKeyPair.Format', 'Key is not in valid OpenSSH public key format');
  checkName(db, name, 'import');
  const doc: KeyPairDoc = {
    keyPairId: newId('key'),
    keyName: name,
    keyFingerprint: importedFingerprint(parsed),
    keyType: parsed.type,
    publicKey: text.trim(),
    createTime: now.toISOString(),
    tags: specTags(p, 'key-pair'),
  };
  db.put(K.key, name, doc);
  return { keyFingerprint: doc.keyFingerprint, keyName: name, keyPairId: doc.keyPairId, tagSet: tagSet(doc.tags) };
};

const deleteKeyPair: Action = ({ p, db }) => {
  const name = p.str('KeyName');
  const id = p.str('KeyPairId');
  if (!name && !id) throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
  const doc = name ? db.get<KeyPairDoc>(K.key, name) : db.list<KeyPairDoc>(K.key).find((k) => k.keyPairId === id);
  if (!doc && id && !name) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
  // Deleting a key name that does not exist succeeds on AWS.
  if (doc) db.delete(K.key, doc.keyName);
  return { return: true, keyPairId: doc?.keyPairId };
};

const keyFilters: FilterSpec<KeyPairDoc> = {
  'key-pair-id': (k) => k.keyPairId,
  'key-name': (k) => k.keyName,
  fingerprint: (k) => k.keyFingerprint,
  'key-type': (k) => k.keyType,
};

const describeKeyPairs: Action = ({ p, db }) => {
  const names = p.strs('KeyName');
  const ids = p.strs('KeyPairId');
  let items = db.list<KeyPairDoc>(K.key);
  for (const n of names) if (!items.some((k) => k.keyName === n)) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
  for (const n of ids) if (!items.some((k) => k.keyPairId === n)) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
  if (names.length || ids.length) items = items.filter((k) => names.includes(k.keyName) || ids.includes(k.keyPairId));
  items = filtered(p, items, keyFilters);
  const withPublic = p.bool('IncludePublicKey') ?? false;
  return {
    keySet: items.map((k) => ({
      keyPairId: k.keyPairId,
      keyType: k.keyType,
      tagSet: tagSet(k.tags),
      publicKey: withPublic ? k.publicKey : undefined,
      createTime: k.createTime,
      keyName: k.keyName,
      keyFingerprint: k.keyFingerprint,
    })),
  };
};

/** The key pair actions. */
export const keyPairActions: Record<string, Action> = {
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DeleteKeyPair: deleteKeyPair,
  DescribeKeyPairs: describeKeyPairs,
};
