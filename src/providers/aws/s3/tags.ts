/**
 * Bucket and object tags over S3's tagging calls (a whole tag set is put at once; AWS's
 * own "aws:" tags are neither shown nor removed).
 */
import {
  DeleteBucketTaggingCommand, DeleteObjectTaggingCommand, GetBucketTaggingCommand, GetObjectTaggingCommand,
  PutBucketTaggingCommand, PutObjectTaggingCommand, type Tag,
} from '@aws-sdk/client-s3';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';

/** The bucket's tags (empty when it has none). */
export async function bucketTags(meta: AwsMeta, bucket: string): Promise<Tag[]> {
  try {
    const out = await meta.s3().send(new GetBucketTaggingCommand({ Bucket: bucket }));
    return out.TagSet ?? [];
  } catch (e) {
    if (isAwsCode(e, 'NoSuchTagSet')) return [];
    return awsCall(`listing tags for S3 Bucket (${bucket})`, () => Promise.reject(e));
  }
}

const toTagSet = (all: Record<string, string>): Tag[] => Object.entries(all).map(([Key, Value]) => ({ Key, Value }));

/** Replaces the bucket's tags with `all` (keeping AWS's own "aws:" tags). */
export async function setBucketTags(meta: AwsMeta, bucket: string, all: Record<string, string>, operation: string): Promise<void> {
  const s3 = meta.s3();
  const system = (await bucketTags(meta, bucket)).filter((t) => t.Key?.startsWith('aws:'));
  const tags = [...system, ...toTagSet(all)];
  if (tags.length === 0) {
    await awsCall(operation, () => s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket })));
    return;
  }
  await awsCall(operation, () => s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags } })));
}

/** The object's tags (empty when it has none). */
export async function objectTags(meta: AwsMeta, bucket: string, key: string): Promise<Tag[]> {
  const out = await awsCall(`listing tags for S3 Bucket (${bucket}) Object (${key})`, () =>
    meta.s3().send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key })));
  return out.TagSet ?? [];
}

/** Replaces the object's tags with `all`. */
export async function setObjectTags(meta: AwsMeta, bucket: string, key: string, all: Record<string, string>): Promise<void> {
  const s3 = meta.s3();
  const op = `updating tags for S3 Bucket (${bucket}) Object (${key})`;
  if (Object.keys(all).length === 0) {
    await awsCall(op, () => s3.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: key })));
    return;
  }
  await awsCall(op, () => s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: toTagSet(all) } })));
}
