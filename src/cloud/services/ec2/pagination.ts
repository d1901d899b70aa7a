/** MaxResults / NextToken paging as EC2 does it on the Describe calls that support it. */
import { AwsError } from '../../errors.js';
import type { Params } from './params.js';

/** One page of results and the token of the next, if any. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Pages `items` (already in a stable order). `min`/`max` bound MaxResults as the call's API does;
 * AWS rejects MaxResults together with explicit ids on most calls, so `idsGiven` turns that into an error.
 */
export function paginate<T>(p: Params, items: T[], opts: { min?: number; max?: number; idsGiven?: string } = {}): Page<T> {
  const maxRaw = p.str('MaxResults');
  const token = p.str('NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const m = /^o(\d+)\.([0-9a-f]+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw new AwsError('InvalidPaginationToken', `Invalid pagination token: ${token}`);
    start = Number(m[1]);
  }
  if (maxRaw === undefined) {
    return { items: start ? items.slice(start) : items };
  }
  const min = opts.min ?? 5;
  const max = opts.max ?? 1000;
  const n = Number(maxRaw);
  if (opts.idsGiven) {
    throw new AwsError('InvalidParameterCombination', `The parameter ${opts.idsGiven} cannot be used with the parameter maxResults`);
  }
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AwsError('InvalidParameterValue', `Value ( ${maxRaw} ) for parameter maxResults is invalid. Parameter must be between ${min} and ${max}.`);
  }
  const page = items.slice(start, start + n);
  const next = start + n < items.length ? Buffer.from(`o${start + n}.${(items.length >>> 0).toString(16)}`).toString('base64url') : undefined;
  return { items: page, nextToken: next };
}
