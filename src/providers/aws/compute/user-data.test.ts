import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBase64, userDataBase64, userDataHash } from './user-data.js';

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

describe('user data as hashicorp/aws stores and sends it', () => {
  it.each([
    { text: '#!/bin/bash\necho hi\n', base64: false },
    { text: Buffer.from('#!/bin/bash\necho hi\n').toString('base64'), base64: true },
    { text: 'abcd', base64: true }, // valid base64 is taken as base64, as Go's decoder does
    { text: 'abc', base64: false },
    { text: '', base64: true },
  ])('$text is base64: $base64', ({ text, base64 }) => {
    expect(isBase64(text)).toBe(base64);
  });

  it('hashes the decoded bytes, so the plain and base64 forms of one script hash alike', () => {
    const script = '#!/bin/bash\necho hi\n';
    expect(userDataHash(script)).toBe(sha1(script));
    expect(userDataHash(Buffer.from(script).toString('base64'))).toBe(sha1(script));
  });

  it('sends plain text base64-encoded and base64 as given', () => {
    expect(userDataBase64('#!/bin/sh\n')).toBe(Buffer.from('#!/bin/sh\n').toString('base64'));
    expect(userDataBase64('IyEvYmluL3NoCg==')).toBe('IyEvYmluL3NoCg==');
  });
});
