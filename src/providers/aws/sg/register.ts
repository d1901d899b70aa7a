/** Security groups and their rules. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyDataSource, lazyResource } from '../lazy.js';
import { securityGroupDataSchema, securityGroupRuleSchema, securityGroupSchema, vpcSecurityGroupRuleSchema } from './schemas.js';
import { validateSecurityGroup, validateSecurityGroupRule, validateVpcSecurityGroupRule } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_security_group: {
    ...lazyResource(securityGroupSchema, async () => (await import('./security-group.js')).awsSecurityGroup),
    validate: validateSecurityGroup,
  },
  aws_security_group_rule: {
    ...lazyResource(securityGroupRuleSchema, async () => (await import('./security-group-rule.js')).awsSecurityGroupRule),
    validate: validateSecurityGroupRule,
  },
  aws_vpc_security_group_egress_rule: {
    ...lazyResource(vpcSecurityGroupRuleSchema, async () => (await import('./vpc-security-group-rule.js')).awsVpcSecurityGroupEgressRule),
    validate: validateVpcSecurityGroupRule,
    // Built on the plugin framework in hashicorp/aws, so held to Terraform's apply-result check.
    legacyTypeSystem: false,
  },
  aws_vpc_security_group_ingress_rule: {
    ...lazyResource(vpcSecurityGroupRuleSchema, async () => (await import('./vpc-security-group-rule.js')).awsVpcSecurityGroupIngressRule),
    validate: validateVpcSecurityGroupRule,
    // Built on the plugin framework in hashicorp/aws, so held to Terraform's apply-result check.
    legacyTypeSystem: false,
  },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {
  aws_security_group: lazyDataSource(securityGroupDataSchema, async () => (await import('./security-group-data.js')).awsSecurityGroupData),
};
