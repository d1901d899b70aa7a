/** DynamoDB transactions: TransactWriteItems (all or nothing) and TransactGetItems. */
import { AwsError } from '../../errors.js';
import { type Item } from './attribute-value.js';
import { checkItemValues, exprEnv, getItem, prepareWrite, projectionOf, tableOf, type PreparedWrite } from './items.js';
import { validation } from './table-model.js';
import type { JsonOp } from './tables.js';

/** A cancelled transaction with one reason per item, as DynamoDB reports it. */
export class TransactionCanceled extends AwsError {
  constructor(readonly reasons: { Code: string; Message?: string; Item?: Item }[]) {
    super('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`);
  }
}

const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;

function items(input: Record<string, unknown>): Record<string, unknown>[] {
  const list = input['TransactItems'];
  if (!Array.isArray(list) || list.length === 0) throw validation("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  if (list.length > 100) {
    throw validation(`1 validation error detected: Value '[...]' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100`);
  }
  return list as Record<string, unknown>[];
}

/** The transaction operations. */
export const transactionOps: Record<string, JsonOp> = {
  TransactWriteItems(input, ctx) {
    const prepared: PreparedWrite[] = [];
    const ids = new Set<string>();
    for (const entry of items(input)) {
      const kinds = KINDS.filter((k) => entry[k] !== undefined);
      if (kinds.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
      const kind = kinds[0]!;
      const w = prepareWrite(kind, entry[kind] as Record<string, unknown>, ctx);
      if (ids.has(w.id)) throw validation('Transaction request cannot include multiple operations on one item');
      ids.add(w.id);
      prepared.push(w);
    }
    // Every condition is checked before anything is written, so a failure leaves the tables untouched.
    if (prepared.some((w) => !w.passes)) {
      throw new TransactionCanceled(prepared.map((w, i) => {
        if (w.passes) return { Code: 'None' };
        const body = (items(input)[i]![KINDS.find((k) => items(input)[i]![k] !== undefined)!] ?? {}) as Record<string, unknown>;
        return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(body['ReturnValuesOnConditionCheckFailure'] === 'ALL_OLD' && w.old ? { Item: w.old } : {}) };
      }));
    }
    for (const w of prepared) w.apply();
    return {};
  },
  TransactGetItems(input, ctx) {
    const responses = items(input).map((entry) => {
      const get = entry['Get'] as Record<string, unknown> | undefined;
      if (!get) throw validation('TransactItems can only contain Get');
      const t = tableOf(ctx, get);
      const env = exprEnv(get, [typeof get['ProjectionExpression'] === 'string' ? get['ProjectionExpression'] : undefined]);
      const item = getItem(ctx, t, checkItemValues(get['Key'], 'key'));
      return item ? { Item: projectionOf(get, env, item) } : {};
    });
    return { Responses: responses };
  },
};
