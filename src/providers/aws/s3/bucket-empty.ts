/**
 * Emptying a bucket for `force_destroy`: every object version and delete marker goes, in
 * DeleteObjects batches of 1000 (bypassing governance retention when object lock is on).
 */
import { DeleteObjectsCommand, ListObjectVersionsCommand, type ObjectIdentifier } from '@aws-sdk/client-s3';
import type { AwsMeta } from '../config.js';

/** Deletes all versions and delete markers (of `key` only, when given); returns how many. */
export async function emptyBucket(meta: AwsMeta, bucket: string, opts: { bypassGovernance?: boolean; key?: string } = {}): Promise<number> {
  const s3 = meta.s3();
  let deleted = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({
      Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker, Prefix: opts.key,
    }));
    const ids: ObjectIdentifier[] = [];
    for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      if (opts.key !== undefined && v.Key !== opts.key) continue;
      ids.push({ Key: v.Key!, VersionId: v.VersionId });
    }
    for (let i = 0; i < ids.length; i += 1000) {
      const out = await s3.send(new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: ids.slice(i, i + 1000), Quiet: true },
        BypassGovernanceRetention: opts.bypassGovernance || undefined,
      }));
      const err = out.Errors?.[0];
      if (err) throw Object.assign(new Error(`deleting S3 Bucket (${bucket}) object (${err.Key}) version (${err.VersionId}): ${err.Code}: ${err.Message}`), { Code: err.Code });
      deleted += ids.slice(i, i + 1000).length;
    }
    if (!page.IsTruncated) return deleted;
    keyMarker = page.NextKeyMarker;
    versionMarker = page.NextVersionIdMarker;
  }
}
