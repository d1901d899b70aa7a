/** Tag sets of buckets and objects: the Tagging document and the x-amz-tagging header. */
import { AwsError } from '../../errors.js';
import { children, child, parseXmlBody, text, malformedXml } from '../../protocols/rest-xml.js';
import { x, xs, type Raw } from '../../xml.js';
import { S3Errors } from './errors.js';

/** One tag. */
export interface Tag {
  Key: string;
  Value: string;
}

function check(tags: Tag[], max: number): Tag[] {
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key)) throw S3Errors.invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(t.Key);
    if (t.Key.length === 0 || t.Key.length > 128) throw S3Errors.invalidTag('The TagKey you have provided is invalid');
    if (t.Value.length > 256) throw S3Errors.invalidTag('The TagValue you have provided is invalid');
    if (t.Key.toLowerCase().startsWith('aws:')) throw S3Errors.invalidTag('System tags cannot be added/updated by requester');
  }
  if (tags.length > max) {
    throw max === 10 ? new AwsError('BadRequest', 'Object tags cannot be greater than 10', 400) : S3Errors.invalidTag('Bucket tag count cannot be greater than 50');
  }
  return tags;
}

/** Parses `<Tagging><TagSet><Tag><Key/><Value/></Tag>...` and checks it. */
export function parseTagSet(body: Buffer, max: number): Tag[] {
  const doc = parseXmlBody(body, 'Tagging');
  const set = child(doc, 'TagSet');
  if (set === undefined) throw malformedXml();
  const tags = children(set, 'Tag').map((t) => {
    const k = text(t, 'Key');
    if (k === undefined) throw malformedXml();
    return { Key: k, Value: text(t, 'Value') ?? '' };
  });
  return check(tags, max);
}

/** Parses the x-amz-tagging header (a URL query string). */
export function parseTaggingHeader(h: string): Tag[] {
  const tags: Tag[] = [];
  for (const [k, v] of new URLSearchParams(h)) tags.push({ Key: k, Value: v });
  return check(tags, 10);
}

/** `<TagSet><Tag>..</Tag></TagSet>`. */
export function tagSetXml(tags: Tag[]): Raw {
  return x('TagSet', tags.length ? tags.map((t) => x('Tag', xs(x('Key', t.Key), x('Value', t.Value)))) : null);
}
