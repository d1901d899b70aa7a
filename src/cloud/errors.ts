/** AWS-shaped errors thrown by services and rendered by the protocol of the service. */

/**
 * An error AWS would return: its code, message, HTTP status and whether the caller is at fault
 * (Sender) or the service (Receiver). Services throw it; the server renders it in the
 * service's protocol envelope.
 */
export class AwsError extends Error {
  /** Extra elements for REST-XML (S3) error bodies, e.g. BucketName, Key, ArgumentName. */
  fields?: Record<string, string>;
  /** Extra response headers (e.g. x-amz-delete-marker on a NoSuchKey for a delete marker). */
  headers?: Record<string, string>;
  /** For awsQueryCompatible JSON services (SQS): the legacy query code sent in `x-amzn-query-error`. */
  queryCode?: string;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly senderFault = true,
  ) {
    super(message);
    this.name = 'AwsError';
  }

  /** Sets extra REST-XML fields; returns this for chaining. */
  with(fields: Record<string, string>): this {
    this.fields = { ...this.fields, ...fields };
    return this;
  }
}

/** 400 MissingParameter as the query and EC2 protocols word it. */
export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
}

/** 400 InvalidAction for an action the query/EC2 service does not know. */
export function invalidAction(action: string): AwsError {
  return new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
}

/** 500 for a bug in a service: the caller sees a generic internal error, the log has the stack. */
export function internalError(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, false);
}

/** True if `e` is an AwsError (also across module copies). */
export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AwsError');
}
