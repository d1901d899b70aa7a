/** Data source aws_caller_identity: who the provider's credentials are (sts GetCallerIdentity). */
import * as T from '../../../lang/types.js';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { withAttrs } from '../../sdk/obj.js';
import type { DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';

/** The aws_caller_identity data source. */
export const awsCallerIdentity: DataSourceDef<AwsMeta> = {
  schema: {
    version: 0,
    block: {
      attributes: {
        account_id: { type: T.String, computed: true },
        arn: { type: T.String, computed: true },
        id: { type: T.String, optional: true, computed: true },
        user_id: { type: T.String, computed: true },
      },
      blockTypes: {},
    },
  },
  async read(ctx, config) {
    const out = await awsCall('reading STS Caller Identity', () => ctx.meta.sts().send(new GetCallerIdentityCommand({})));
    return withAttrs(config, { account_id: out.Account, arn: out.Arn, id: out.Account, user_id: out.UserId });
  },
};
