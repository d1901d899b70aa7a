import { describe, expect, it } from 'vitest';
import { goNetworkString, isGoIPv4, parseGoCidr } from './go-cidr.js';

describe("Go's net.ParseCIDR", () => {
  it.each([
    ['10.0.0.1/16', '10.0.0.0/16', true],
    ['10.0.0.0/016', '10.0.0.0/16', true],
    ['::ffff:10.0.0.0/112', '10.0.0.0/16', true],
    ['::ffff:10.0.0.0/80', '::/80', true],
    ['2001:db8::1/20', '2001::/20', false],
    ['2001:DB8:0:0:1::/64', '2001:db8::/64', false],
    ['::1.2.3.4/128', '::102:304/128', false],
    ['0.0.0.0/0', '0.0.0.0/0', true],
  ])('%s has the network %s', (cidr, net, v4) => {
    const c = parseGoCidr(cidr)!;
    expect(goNetworkString(c)).toBe(net);
    expect(isGoIPv4(c)).toBe(v4);
  });

  it.each(['nonsense', '', '10.0.0.0', '010.0.0.0/16', '10.0.0.0/33', '10.0.0.256/8', '10.0.0.0/+8', '10.0.0.0/', 'fe80::1%eth0/64', '1:2:3:4:5:6:7:8:9/64', '::/129'])('refuses %j', (cidr) => {
    expect(parseGoCidr(cidr)).toBeNull();
  });
});
