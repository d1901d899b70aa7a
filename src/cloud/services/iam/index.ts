/** IAM: the global identity service of the local cloud (AWS query protocol). */
import type { ServiceDef } from '../registry.js';
import { credentialActions } from './credentials.js';
import { oidcActions } from './oidc.js';
import { serviceLinkedActions } from './service-linked.js';
import { policyActions } from './policies.js';
import { principalActions } from './principals.js';
import { queryHandler } from './query-service.js';

/** IAM's query namespace. */
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

const actions = { ...principalActions, ...policyActions, ...credentialActions, ...oidcActions, ...serviceLinkedActions };

/** The IAM service definition (the registry loads `service`). */
export const service: ServiceDef = {
  name: 'iam',
  signingNames: ['iam'],
  protocol: 'query',
  xmlNamespace: IAM_XMLNS,
  actions: Object.keys(actions),
  handle: queryHandler(actions, IAM_XMLNS),
};
