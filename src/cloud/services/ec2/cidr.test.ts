import { describe, expect, it } from 'vitest';
import { contains, formatCidr, isNetwork, overlaps, parseCidr, size } from './cidr.js';

describe('cidr', () => {
  it.each([
    ['10.0.0.0/16', true, 65536],
    ['10.0.0.1/16', false, 65536],
    ['0.0.0.0/0', true, 2 ** 32],
    ['192.168.1.128/25', true, 128],
  ])('%s: network=%s size=%d', (s, net, n) => {
    const c = parseCidr(s)!;
    expect(isNetwork(c)).toBe(net);
    expect(size(c)).toBe(n);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', 'x/8', '10.0.0/8'])('rejects %s', (s) => {
    expect(parseCidr(s)).toBeUndefined();
  });

  it.each([
    ['10.0.0.0/16', '10.0.1.0/24', true, true],
    ['10.0.0.0/16', '10.1.0.0/24', false, false],
    ['10.0.1.0/24', '10.0.0.0/16', false, true],
    ['10.0.1.0/25', '10.0.1.128/25', false, false],
  ])('%s vs %s: contains=%s overlaps=%s', (a, b, c, o) => {
    expect(contains(parseCidr(a)!, parseCidr(b)!)).toBe(c);
    expect(overlaps(parseCidr(a)!, parseCidr(b)!)).toBe(o);
  });

  it('formats the network of a block', () => {
    expect(formatCidr(parseCidr('10.1.2.3/16')!)).toBe('10.1.0.0/16');
  });
});
