/**
 * IP protocol values as hashicorp/aws normalises them for security group rules: "all" and
 * "-1" mean every protocol ("-1"), the names tcp/udp/icmp/icmpv6 stay as lower-case names
 * and their IANA numbers become those names; any other value is kept as written.
 */

/** The protocols security groups know by name, with their IANA numbers. */
const NAMED: Record<string, number> = { icmpv6: 58, udp: 17, tcp: 6, icmp: 1, all: -1 };

/** The normalised protocol of `v` ("6" -> "tcp", "ALL" -> "-1"). */
export function protocolForValue(v: string): string {
  const p = v.toLowerCase();
  if (p === '-1' || p === 'all') return '-1';
  if (p in NAMED) return p;
  if (!/^-?\d+$/.test(p)) return p;
  const n = Number(p);
  for (const [name, num] of Object.entries(NAMED)) if (num === n) return name === 'all' ? '-1' : name;
  return p;
}

/** True when `v` is a protocol name security groups accept or an integer. */
export function isKnownProtocol(v: string): boolean {
  return v.toLowerCase() in NAMED || /^-?\d+$/.test(v);
}
