/** SQS queues and queue policies. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { queuePolicySchema, queueSchema } from './schemas.js';
import { validateQueue, validateQueuePolicy } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_sqs_queue: { ...lazyResource(queueSchema, async () => (await import('./queue.js')).awsSqsQueue), validate: validateQueue },
  aws_sqs_queue_policy: {
    ...lazyResource(queuePolicySchema, async () => (await import('./queue-policy.js')).awsSqsQueuePolicy), validate: validateQueuePolicy,
  },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
