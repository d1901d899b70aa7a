/**
 * The CIDR checks hashicorp/aws 5.100 runs on VPC and subnet arguments, with its words:
 * aws_vpc's cidr_block is validation.IsCIDRNetwork(16, 28); its ipv6_cidr_block is
 * ValidIPv6CIDRNetworkAddress together with IsCIDRNetwork at one of the prefix lengths
 * AWS allocates (/44 to /60 in steps of 4), reported only when none fits; aws_subnet's
 * cidr_block and ipv6_cidr_block are ValidIPv4 / ValidIPv6CIDRNetworkAddress. Unknown and
 * null values are not judged.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr } from '../../sdk/obj.js';
import { cidrNetworkErrors, ipv4CidrError, ipv6CidrError } from '../sg/cidr.js';

function known(config: Value, name: string): string | undefined {
  const v = attr(config, name);
  return v.isKnown && !v.isNull && v.type.kind === 'string' ? v.str : undefined;
}

const diag = (name: string) => (summary: string): ProviderDiagnostic => ({ severity: 'error', summary, attribute: [{ attr: name }] });

/** aws_vpc's cidr_block and ipv6_cidr_block errors. */
export function vpcCidrDiags(config: Value): ProviderDiagnostic[] {
  const v4 = known(config, 'cidr_block');
  const v4Errors = v4 === undefined ? [] : cidrNetworkErrors('cidr_block', v4, 16, 28);
  const v6 = known(config, 'ipv6_cidr_block');
  const v6Errors: string[] = [];
  if (v6 !== undefined) {
    const first = ipv6CidrError(v6);
    if (first) v6Errors.push(first);
    const each = [44, 48, 52, 56, 60].map((n) => cidrNetworkErrors('ipv6_cidr_block', v6, n, n));
    if (!each.some((e) => e.length === 0)) v6Errors.push(...each.flat());
  }
  return [...v4Errors.map(diag('cidr_block')), ...v6Errors.map(diag('ipv6_cidr_block'))];
}

/** aws_subnet's configuration checks: its CIDR blocks. */
export function validateSubnet(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [];
  const v4 = known(config, 'cidr_block');
  const e4 = v4 === undefined ? null : ipv4CidrError(v4);
  if (e4) out.push(diag('cidr_block')(e4));
  const v6 = known(config, 'ipv6_cidr_block');
  const e6 = v6 === undefined ? null : ipv6CidrError(v6);
  if (e6) out.push(diag('ipv6_cidr_block')(e6));
  return out;
}
