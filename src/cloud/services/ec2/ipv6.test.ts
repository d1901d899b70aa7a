import { describe, expect, it } from 'vitest';
import { ipv6Groups } from './ipv6.js';

describe('ipv6Groups', () => {
  it.each([
    ['2600:1f18:1000:100::', [0x2600, 0x1f18, 0x1000, 0x100, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:DB8:0:0:1:0:0:1', [0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
  ])('expands %s', (addr, groups) => {
    expect(ipv6Groups(addr)).toEqual(groups);
  });
  it.each(['1::2::3', '1:2:3', 'g::1', '1:2:3:4:5:6:7:8:9', '12345::'])('rejects %s', (addr) => {
    expect(ipv6Groups(addr)).toBeUndefined();
  });
});
