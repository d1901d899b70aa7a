/** Data source aws_caller_identity: who the provider's credentials are (sts GetCallerIdentity). */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { withAttrs } from '../../sdk/obj.js';
import { callerIdentitySchema } from './schemas.js';
import type { DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';

/** The aws_caller_identity data source. */
export const awsCallerIdentity: DataSourceDef<AwsMeta> = {
  schema: callerIdentitySchema,
  async read(ctx, config) {
    const out = await awsCall('reading STS Caller Identity', () => ctx.meta.sts().send(new GetCallerIdentityCommand({})));
    return withAttrs(config, { account_id: out.Account, arn: out.Arn, id: out.Account, user_id: out.UserId });
  },
};
