/** S3's error codes with AWS's messages and statuses. */
import { AwsError } from '../../errors.js';

function e(code: string, message: string, status: number, fields?: Record<string, string>): AwsError {
  const err = new AwsError(code, message, status);
  if (fields) err.with(fields);
  return err;
}

/** Errors S3 answers with; each returns a fresh AwsError. */
export const S3Errors = {
  noSuchBucket: (b: string) => e('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: b }),
  noSuchKey: (k: string) => e('NoSuchKey', 'The specified key does not exist.', 404, { Key: k }),
  noSuchVersion: (k: string, v: string) => e('NoSuchVersion', 'The specified version does not exist.', 404, { Key: k, VersionId: v }),
  invalidVersionId: (v: string) => e('InvalidArgument', 'Invalid version id specified', 400, { ArgumentName: 'versionId', ArgumentValue: v }),
  bucketNotEmpty: (b: string) => e('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: b }),
  alreadyOwnedByYou: (b: string) =>
    e('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: b }),
  alreadyExists: (b: string) =>
    e('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: b }),
  invalidBucketName: (b: string) => e('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: b }),
  noSuchUpload: (id: string) =>
    e('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: id }),
  invalidRange: (range: string, size: number) =>
    e('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: range, ActualObjectSize: String(size) }),
  invalidArgument: (message: string, name: string, value: string) => e('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => e('InvalidRequest', message, 400),
  malformedPolicy: (message: string) => e('MalformedPolicy', message, 400),
  invalidTag: (message: string) => e('InvalidTag', message, 400),
  invalidPart: () =>
    e('InvalidPart', "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.", 400),
  invalidPartOrder: () => e('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400),
  entityTooSmall: () => e('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400),
  badDigest: (what = 'Content-MD5') =>
    e('BadDigest', what === 'Content-MD5' ? 'The Content-MD5 you specified did not match what we received.' : `The ${what} you specified did not match the calculated checksum.`, 400),
  invalidDigest: () => e('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400),
  preconditionFailed: (cond: string) => e('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: cond }),
  methodNotAllowed: (method: string, resource: string) =>
    e('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: resource }),
  invalidLocationConstraint: (lc: string) =>
    e('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: lc }),
  illegalLocationConstraint: (lc: string | undefined) =>
    e(
      'IllegalLocationConstraintException',
      `The ${lc ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    ),
  invalidBucketState: (message: string) => e('InvalidBucketState', message, 409),
  notImplemented: (what: string) => e('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, { Header: what }),
  accessDenied: (message = 'Access Denied') => e('AccessDenied', message, 403),
  aclNotSupported: () => e('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400),
  missingContentLength: () => e('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411),
  // The "not configured" answers of the Get* calls a bucket read makes.
  noSuchBucketPolicy: (b: string) => e('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: b }),
  noSuchCors: (b: string) => e('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, { BucketName: b }),
  noSuchWebsite: (b: string) => e('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', 404, { BucketName: b }),
  noSuchLifecycle: (b: string) => e('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, { BucketName: b }),
  noReplication: (b: string) => e('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404, { BucketName: b }),
  noEncryption: (b: string) =>
    e('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404, { BucketName: b }),
  noObjectLock: (b: string) => e('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404, { BucketName: b }),
  noSuchTagSet: (b: string) => e('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: b }),
  noPublicAccessBlock: (b: string) =>
    e('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, { BucketName: b }),
  noOwnershipControls: (b: string) => e('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404, { BucketName: b }),
};
