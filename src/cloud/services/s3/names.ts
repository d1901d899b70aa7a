/** S3 bucket naming rules (general purpose buckets). */

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * True if `name` is a valid bucket name: 3-63 characters of lower-case letters, digits, dots
 * and hyphens, starting and ending with a letter or digit, no adjacent dots, not shaped like
 * an IP address, and without the reserved prefixes and suffixes.
 */
export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return false;
  if (name.includes('..')) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  if (FORBIDDEN_PREFIXES.some((p) => name.startsWith(p))) return false;
  if (FORBIDDEN_SUFFIXES.some((s) => name.endsWith(s))) return false;
  return true;
}
