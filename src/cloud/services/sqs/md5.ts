/** The MD5 digests SQS returns and SDKs verify: of the body and of the message attributes. */
import { createHash } from 'node:crypto';

/** A message attribute value as SQS carries it (BinaryValue base64 on the wire). */
export interface MessageAttributeValue { DataType: string; StringValue?: string; BinaryValue?: string }

/** Hex MD5 of a string. */
export function md5Hex(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

function lengthPrefixed(buf: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}

/**
 * MD5 of message attributes as SQS defines it: attributes sorted by name, each encoded as
 * name, data type, a transport byte (1 string, 2 binary) and the value, every part length-prefixed.
 */
export function md5OfAttributes(attrs: Record<string, MessageAttributeValue>): string {
  const parts: Buffer[] = [];
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name]!;
    parts.push(lengthPrefixed(Buffer.from(name, 'utf8')), lengthPrefixed(Buffer.from(a.DataType, 'utf8')));
    if (a.BinaryValue !== undefined && !a.DataType.startsWith('String') && !a.DataType.startsWith('Number')) {
      parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(a.BinaryValue, 'base64')));
    } else {
      parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8')));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
