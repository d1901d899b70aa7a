/**
 * Data source aws_security_group: the one group matching `id`, `name`, `vpc_id`, `tags`
 * and `filter` blocks (DescribeSecurityGroups), with hashicorp's errors when none or
 * several match.
 */
import { DescribeSecurityGroupsCommand, type Filter, type SecurityGroup } from '@aws-sdk/client-ec2';
import { emptySetVal } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { securityGroupDataSchema } from './schemas.js';

const filterType = impliedType(securityGroupDataSchema.block.blockTypes['filter']!.block);

/** The aws_security_group data source. */
export const awsSecurityGroupData: DataSourceDef<AwsMeta> = {
  schema: securityGroupDataSchema,
  async read(ctx, config) {
    const filters: Filter[] = [];
    const add = (Name: string, v: string | undefined) => { if (v) filters.push({ Name, Values: [v] }); };
    add('group-name', str(config, 'name'));
    add('vpc-id', str(config, 'vpc_id'));
    const tags = (toJS(attr(config, 'tags')) as Record<string, string> | null) ?? {};
    for (const [k, v] of Object.entries(tags)) filters.push({ Name: `tag:${k}`, Values: [v] });
    for (const f of (toJS(attr(config, 'filter')) as { name: string; values: string[] }[] | null) ?? []) {
      filters.push({ Name: f.name, Values: f.values });
    }
    const id = str(config, 'id');
    const ec2 = ctx.meta.ec2();
    const found: SecurityGroup[] = [];
    let token: string | undefined;
    do {
      const page = await awsCall('reading EC2 Security Group', async () => {
        try {
          return await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: id ? [id] : undefined, Filters: filters.length ? filters : undefined, NextToken: token }));
        } catch (e) {
          if (isAwsCode(e, 'InvalidGroup.NotFound')) return { SecurityGroups: [], NextToken: undefined };
          throw e;
        }
      });
      found.push(...(page.SecurityGroups ?? []));
      token = page.NextToken;
    } while (token);
    if (found.length === 0) throw new ProviderError('no matching EC2 Security Group found');
    if (found.length > 1) throw new ProviderError('multiple EC2 Security Groups matched; use additional constraints to reduce matches to a single EC2 Security Group');
    const g = found[0]!;
    const owner = g.OwnerId ?? ctx.meta.accountId;
    const gotTags: Record<string, string> = {};
    for (const t of g.Tags ?? []) if (t.Key !== undefined) gotTags[t.Key] = t.Value ?? '';
    return withAttrs(config, {
      id: g.GroupId, arn: `arn:${ctx.meta.partition}:ec2:${ctx.meta.region}:${owner}:security-group/${g.GroupId}`,
      description: g.Description ?? '', name: g.GroupName ?? '', vpc_id: g.VpcId ?? '', tags: gotTags,
      filter: attr(config, 'filter').isNull ? emptySetVal(filterType) : attr(config, 'filter'),
    });
  },
};
