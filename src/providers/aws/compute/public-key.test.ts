import { describe, expect, it } from 'vitest';
import { samePublicKey, storedPublicKey } from './public-key.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEAuedLZqeD9RQhSOcqeKozBcCZHG00aUyk9IDDyABNJ';

describe('OpenSSH public keys', () => {
  it('stores the configured text trimmed', () => {
    expect(storedPublicKey(`  ${KEY} me@host\n`)).toBe(`${KEY} me@host`);
  });

  it.each([
    [`${KEY} a@b`, `${KEY} c@d`, true],
    [`${KEY}`, `${KEY} deployer\n`, true],
    [`${KEY} a`, `${KEY.slice(0, -2)}xx a`, false],
    ['garbage', 'garbage', false],
    [`${KEY}`, `ssh-rsa ${KEY.split(' ')[1]}`, false],
  ])('%s vs %s: %s', (a, b, same) => {
    expect(samePublicKey(a, b)).toBe(same);
  });
});
