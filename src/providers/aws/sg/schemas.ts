/**
 * Schemas of the security group types, as hashicorp/aws 5.x defines them (ForceNew and
 * defaults from the provider's Go source). No AWS SDK import: schemas load eagerly.
 *
 * aws_security_group's `ingress` / `egress` are, as in hashicorp's schema, optional+computed
 * set-of-object attributes, usually written with block syntax (Terraform's
 * attributes-as-blocks, which terrane's body decoder supports); `ingress = []` removes every
 * rule. The plan customisation (security-group-plan.ts) gives them hashicorp's "computed
 * when absent" meaning.
 */
import * as T from '../../../lang/types.js';
import { boolVal, stringVal } from '../../../lang/value.js';
import type { Schema } from '../../protocol.js';
import { impliedType } from '../../schema.js';
import { a, block, nested, schema, timeoutsBlock } from '../schema-dsl.js';
import { tagsAttributes } from '../tags-schema.js';

const S = T.String;
const N = T.Number;

/** One inline rule of aws_security_group (the element of `ingress` / `egress`). */
export const inlineRuleBlock = block({
  cidr_blocks: a(T.List(S), 'o'),
  description: a(S, 'o'),
  from_port: a(N, 'r'),
  ipv6_cidr_blocks: a(T.List(S), 'o'),
  prefix_list_ids: a(T.List(S), 'o'),
  protocol: a(S, 'r'),
  security_groups: a(T.Set(S), 'o'),
  self: a(T.Bool, 'o'),
  to_port: a(N, 'r'),
});

/** aws_security_group. */
export const securityGroupSchema: Schema = schema(1, block(
  {
    arn: a(S, 'c'),
    description: a(S, 'of', { default: stringVal('Managed by Terraform') }),
    id: a(S, 'oc'),
    name: a(S, 'ocf'),
    name_prefix: a(S, 'ocf'),
    owner_id: a(S, 'c'),
    revoke_rules_on_delete: a(T.Bool, 'o', { default: boolVal(false) }),
    vpc_id: a(S, 'ocf'),
    ...tagsAttributes,
    // hashicorp's SDK resources declare tags_all optional as well as computed.
    tags_all: a(T.Map(S), 'oc'),
    egress: a(T.Set(impliedType(inlineRuleBlock)), 'oc'),
    ingress: a(T.Set(impliedType(inlineRuleBlock)), 'oc'),
  },
  {
    timeouts: timeoutsBlock('create', 'delete'),
  },
));

/** aws_vpc_security_group_ingress_rule and aws_vpc_security_group_egress_rule. */
export const vpcSecurityGroupRuleSchema: Schema = schema(0, block({
  arn: a(S, 'c'),
  cidr_ipv4: a(S, 'o'),
  cidr_ipv6: a(S, 'o'),
  description: a(S, 'o'),
  from_port: a(N, 'o'),
  id: a(S, 'c'),
  ip_protocol: a(S, 'r'),
  prefix_list_id: a(S, 'o'),
  referenced_security_group_id: a(S, 'o'),
  security_group_id: a(S, 'rf'),
  security_group_rule_id: a(S, 'c'),
  tags: a(T.Map(S), 'o'),
  tags_all: a(T.Map(S), 'c'),
  to_port: a(N, 'o'),
}));

/** aws_security_group_rule (everything but `description` forces a new rule). */
export const securityGroupRuleSchema: Schema = schema(2, block(
  {
    cidr_blocks: a(T.List(S), 'of'),
    description: a(S, 'o'),
    from_port: a(N, 'rf'),
    id: a(S, 'oc'),
    ipv6_cidr_blocks: a(T.List(S), 'of'),
    prefix_list_ids: a(T.List(S), 'of'),
    protocol: a(S, 'rf'),
    security_group_id: a(S, 'rf'),
    security_group_rule_id: a(S, 'c'),
    self: a(T.Bool, 'of', { default: boolVal(false) }),
    source_security_group_id: a(S, 'ocf'),
    to_port: a(N, 'rf'),
    type: a(S, 'rf'),
  },
  { timeouts: timeoutsBlock('create') },
));

/** Data source aws_security_group. */
export const securityGroupDataSchema: Schema = schema(0, block(
  {
    arn: a(S, 'c'),
    description: a(S, 'c'),
    id: a(S, 'oc'),
    name: a(S, 'oc'),
    tags: a(T.Map(S), 'oc'),
    vpc_id: a(S, 'oc'),
  },
  {
    filter: nested('set', block({ name: a(S, 'r'), values: a(T.Set(S), 'r') })),
    timeouts: timeoutsBlock('read'),
  },
));
