/** SQS errors: the JSON error name plus the legacy query code awsQueryCompatible clients read. */
import { AwsError } from '../../errors.js';

/** An SQS error with its JSON code, query code and status. */
export function sqsError(code: string, message: string, queryCode = code, status = 400): AwsError {
  const e = new AwsError(code, message, status);
  e.queryCode = queryCode;
  return e;
}

/** 400 QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue). */
export function noQueue(): AwsError {
  return sqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');
}

/** 400 InvalidParameterValue. */
export function invalidParameter(message: string): AwsError {
  return sqsError('InvalidParameterValue', message);
}

/** 400 MissingParameter. */
export function missing(name: string): AwsError {
  return sqsError('MissingParameter', `The request must contain the parameter ${name}.`);
}

/** 400 InvalidAttributeName. */
export function unknownAttribute(name: string): AwsError {
  return sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

/** 400 InvalidAttributeValue. */
export function invalidAttributeValue(name: string, detail = ''): AwsError {
  return sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.${detail ? ' Reason: ' + detail : ''}`);
}
