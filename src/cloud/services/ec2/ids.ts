/** EC2 identifiers: formats, generation and the Malformed checks AWS applies. */
import { AwsError } from '../../errors.js';
import { hexId } from '../../ids.js';

/** A new id such as `vpc-0a1b2c3d4e5f60718` (17 hex digits, as AWS issues today). */
export function newId(prefix: string): string {
  return `${prefix}-0${hexId(16)}`;
}

/** True if `id` has the shape `<prefix>-<8 or 17 hex digits>`. */
export function wellFormed(id: string, prefix: string): boolean {
  if (!id.startsWith(prefix + '-')) return false;
  const rest = id.slice(prefix.length + 1);
  return /^[0-9a-f]+$/.test(rest) && (rest.length === 8 || rest.length === 17);
}

/**
 * Checks an id's shape; a bad one is `<code>` with AWS's `Invalid id: "x" (expecting "ami-...")` text.
 * (EC2 answers Malformed only for some kinds; the callers choose.)
 */
export function checkMalformed(id: string, prefix: string, code: string): void {
  if (!wellFormed(id, prefix)) throw new AwsError(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);
}

/** The resource type EC2 reports for an id in DescribeTags, by prefix. */
export const RESOURCE_TYPES: Record<string, string> = {
  vpc: 'vpc',
  subnet: 'subnet',
  igw: 'internet-gateway',
  rtb: 'route-table',
  acl: 'network-acl',
  sg: 'security-group',
  sgr: 'security-group-rule',
  key: 'key-pair',
  i: 'instance',
  vol: 'volume',
  eipalloc: 'elastic-ip',
  nat: 'natgateway',
  ami: 'image',
  eni: 'network-interface',
  dopt: 'dhcp-options',
};

/** The prefix of an id (`vpc` of `vpc-0123`). */
export function prefixOf(id: string): string {
  const i = id.indexOf('-');
  return i < 0 ? '' : id.slice(0, i);
}
