/** SNS: topics, subscriptions and publishing (AWS query protocol), delivering to SQS in this cloud. */
import type { ServiceDef } from '../registry.js';
import { queryHandler } from '../iam/query-service.js';
import { subscriptionActions } from './subscriptions.js';
import { topicActions } from './topics.js';

/** SNS's query namespace. */
export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const actions = { ...topicActions, ...subscriptionActions };

/** The SNS service definition (the registry loads `service`). */
export const service: ServiceDef = {
  name: 'sns',
  signingNames: ['sns'],
  protocol: 'query',
  xmlNamespace: SNS_XMLNS,
  actions: Object.keys(actions),
  handle: queryHandler(actions, SNS_XMLNS),
};
