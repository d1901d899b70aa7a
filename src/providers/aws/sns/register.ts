/** SNS topics and subscriptions. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyResource } from '../lazy.js';
import { topicSchema, topicSubscriptionSchema } from './schemas.js';
import { validateTopic, validateTopicSubscription } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_sns_topic: { ...lazyResource(topicSchema, async () => (await import('./topic.js')).awsSnsTopic), validate: validateTopic },
  aws_sns_topic_subscription: {
    ...lazyResource(topicSubscriptionSchema, async () => (await import('./topic-subscription.js')).awsSnsTopicSubscription),
    validate: validateTopicSubscription,
  },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {};
