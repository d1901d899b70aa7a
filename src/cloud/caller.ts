/** Who a request acts as: the account, principal and user id behind its access key. */
import type { Store } from './store.js';

/** The account of the usual test keys and of any key the cloud does not know. */
export const DEFAULT_ACCOUNT = '000000000000';

/**
 * Resolves an access key: keys the cloud issued (STS, IAM) map to their principal; a
 * 12-digit key id is taken as the account itself (as LocalStack does); anything else is
 * the root of the default account 000000000000.
 */
export function resolveCaller(store: Store, accessKeyId: string | undefined): { account: string; arn: string; userId: string } {
  if (accessKeyId) {
    const rec = store.getAccessKey(accessKeyId);
    if (rec) return { account: rec.account, arn: rec.arn, userId: rec.userId };
    if (/^\d{12}$/.test(accessKeyId)) return { account: accessKeyId, arn: `arn:aws:iam::${accessKeyId}:root`, userId: accessKeyId };
  }
  return { account: DEFAULT_ACCOUNT, arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:root`, userId: DEFAULT_ACCOUNT };
}
