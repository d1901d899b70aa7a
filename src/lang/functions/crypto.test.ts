import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import bcrypt from 'bcryptjs';
import { stringVal, numberVal, type Value } from '../value.js';
import { builtinFunctions } from './index.js';
import { callFunction } from './call.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fns = builtinFunctions();
const ctx = { baseDir: path.join(root, 'testdata/functions') };
const call = (name: string, ...args: Value[]) => callFunction(name, fns.get(name)!, args, ctx);
const s = stringVal;

describe('crypto functions', () => {
  it('bcrypt produces a verifiable $2a$ hash with the default or given cost', () => {
    const h = call('bcrypt', s('hello world')).str;
    expect(h).toMatch(/^\$2a\$10\$/);
    expect(bcrypt.compareSync('hello world', h)).toBe(true);
    expect(call('bcrypt', s('x'), numberVal(5)).str).toMatch(/^\$2a\$05\$/);
    expect(() => call('bcrypt', s('x'), numberVal(5), numberVal(6))).toThrow('bcrypt() takes no more than two arguments');
  });
  it('bcrypt and uuid are unknown while validating', () => {
    expect(callFunction('uuid', fns.get('uuid')!, [], { ...ctx, impureUnknown: true }).isKnown).toBe(false);
    expect(callFunction('bcrypt', fns.get('bcrypt')!, [s('x')], { ...ctx, impureUnknown: true }).isKnown).toBe(false);
  });
  it('uuid is a random version 4 UUID', () => {
    expect(call('uuid').str).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('uuidv5 accepts the named namespaces and UUIDs', () => {
    expect(call('uuidv5', s('url'), s('https://www.terraform.io/')).str).toBe('9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5');
    expect(call('uuidv5', s('6ba7b810-9dad-11d1-80b4-00c04fd430c8'), s('www.terraform.io')).str).toBe(call('uuidv5', s('dns'), s('www.terraform.io')).str);
  });
  it('rsadecrypt decrypts PKCS #1 v1.5 ciphertext', () => {
    const cipher = call('filebase64', s('ciphertext'));
    expect(call('rsadecrypt', cipher, call('file', s('privatekey.pem'))).str).toBe('Hello, world!');
    expect(() => call('rsadecrypt', s('not base64!'), call('file', s('privatekey.pem')))).toThrow('cipher text must be base64-encoded');
    expect(() => call('rsadecrypt', cipher, s('nonsense'))).toThrow('invalid private key');
  });
  it.each([
    ['md5', 'hello world', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1', 'hello world', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['base64sha256', 'hello world', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
  ])('%s(%j)', (fn, input, want) => expect(call(fn, s(input)).str).toBe(want));
});
