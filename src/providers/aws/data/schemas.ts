/**
 * Schemas of the data sources, as hashicorp/aws defines them (no AWS SDK import, see
 * ../ec2/schemas.ts).
 */
import * as T from '../../../lang/types.js';
import type { Schema } from '../../protocol.js';

const SL = T.List(T.String);

/** Data source aws_caller_identity. */
export const callerIdentitySchema: Schema = {
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
};

/** Data source aws_region. */
export const regionSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      description: { type: T.String, computed: true },
      endpoint: { type: T.String, optional: true, computed: true },
      id: { type: T.String, optional: true, computed: true },
      name: { type: T.String, optional: true, computed: true },
    },
    blockTypes: {},
  },
};

/** Data source aws_availability_zones. */
export const availabilityZonesSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      all_availability_zones: { type: T.Bool, optional: true },
      exclude_names: { type: T.Set(T.String), optional: true },
      exclude_zone_ids: { type: T.Set(T.String), optional: true },
      group_names: { type: T.Set(T.String), computed: true },
      id: { type: T.String, optional: true, computed: true },
      names: { type: SL, computed: true },
      state: { type: T.String, optional: true },
      zone_ids: { type: SL, computed: true },
    },
    blockTypes: {
      filter: {
        nesting: 'set',
        block: {
          attributes: { name: { type: T.String, required: true }, values: { type: T.Set(T.String), required: true } },
          blockTypes: {},
        },
      },
    },
  },
};
