/** Public IPv4 addresses handed to instances, NAT gateways and Elastic IPs. */
import { formatIp, parseIp } from './cidr.js';
import type { Db } from './db.js';

const AUTO_BASE = parseIp('54.160.0.0')!;
const EIP_BASE = parseIp('44.192.0.0')!;

/** A fresh auto-assigned public IP (unique across accounts of this cloud). */
export function autoPublicIp(db: Db): string {
  return formatIp(AUTO_BASE + (db.seq('auto-public-ip') % (1 << 21)));
}

/** A fresh Elastic IP address. */
export function elasticIp(db: Db): string {
  return formatIp(EIP_BASE + (db.seq('elastic-ip') % (1 << 20)));
}

/** The public DNS name AWS derives from a public IP. */
export function publicDnsName(ip: string | undefined, region: string): string {
  if (!ip) return '';
  const dashed = ip.replace(/\./g, '-');
  return region === 'us-east-1' ? `ec2-${dashed}.compute-1.amazonaws.com` : `ec2-${dashed}.${region}.compute.amazonaws.com`;
}

/** The private DNS name AWS derives from a private IP. */
export function privateDnsName(ip: string, region: string): string {
  const dashed = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${dashed}.ec2.internal` : `${dashed}.${region}.compute.internal`;
}

/** A MAC address like AWS's (0e:xx:...). */
export function macAddress(): string {
  const b = Array.from({ length: 5 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0'));
  return ['0e', ...b].join(':');
}
