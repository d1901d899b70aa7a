/**
 * The CIDR checks hashicorp/aws runs at plan time on security group rule sources: a CIDR
 * must parse (Go's net.ParseCIDR rules), be of the right family, and name its network
 * ("10.0.0.1/8" is refused with "did you mean "10.0.0.0/8"?").
 */
import { goQuote } from '../../../lang/format-console.js';
import { goIPString, goNetworkString, invalidCidr, isGoIPv4, networkOf, parseGoCidr } from '../go-cidr.js';

/** null when `cidr` is a valid IPv4 network, else hashicorp's message (its ValidateIPv4CIDRBlock). */
export function ipv4CidrError(cidr: string): string | null {
  const c = parseGoCidr(cidr);
  if (!c) return `${goQuote(cidr)} is not a valid CIDR block: ${invalidCidr(cidr)}`;
  if (!isGoIPv4(c)) return `${goQuote(cidr)} is not a valid IPv4 CIDR block`;
  // CIDRBlocksEqual of the text and its network: same address, same network.
  const net = goNetworkString(c);
  if (goIPString(networkOf(c).bytes) !== goIPString(c.bytes)) return `${goQuote(cidr)} is not a valid IPv4 CIDR block; did you mean ${goQuote(net)}?`;
  return null;
}

/**
 * The SDK's validation.IsCIDRNetwork(min, max) on attribute `key`: the value must parse,
 * be written as its network, and have between `min` and `max` prefix bits. The last two
 * are separate errors, both reported.
 */
export function cidrNetworkErrors(key: string, value: string, min: number, max: number): string[] {
  const c = parseGoCidr(value);
  if (!c) return [`expected ${key} to contain a valid Value, got: ${value} with err: ${invalidCidr(value)}`];
  const out: string[] = [];
  const net = goNetworkString(c);
  if (value !== net) out.push(`expected ${key} to contain a valid network Value, expected ${net}, got ${value}`);
  if (c.bits < min || c.bits > max) out.push(`expected ${goQuote(key)} to contain a network Value with between ${min} and ${max} significant bits, got: ${c.bits}`);
  return out;
}

/** null when `cidr` is a valid IPv6 network, else hashicorp's message. */
export function ipv6CidrError(cidr: string): string | null {
  const c = parseGoCidr(cidr);
  if (!c) return `${goQuote(cidr)} is not a valid CIDR block: ${invalidCidr(cidr)}`;
  if (isGoIPv4(c)) return `${goQuote(cidr)} is not a valid IPv6 CIDR block`;
  if (goIPString(networkOf(c).bytes) !== goIPString(c.bytes)) return `${goQuote(cidr)} is not a valid IPv6 CIDR block; did you mean ${goQuote(goNetworkString(c))}?`;
  return null;
}
