/** Key pairs, instances and AMIs. */
import type { DataSourceDef, ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { lazyDataSource, lazyResource } from '../lazy.js';
import { amiDataSchema, instanceSchema, keyPairSchema } from './schemas.js';
import { validateInstance, validateKeyPair } from './validate.js';

/** Resource types of this area. */
export const resources: Record<string, ResourceDef<AwsMeta>> = {
  aws_instance: { ...lazyResource(instanceSchema, async () => (await import('./instance.js')).awsInstance), validate: validateInstance },
  aws_key_pair: { ...lazyResource(keyPairSchema, async () => (await import('./key-pair.js')).awsKeyPair), validate: validateKeyPair },
};

/** Data source types of this area. */
export const dataSources: Record<string, DataSourceDef<AwsMeta>> = {
  aws_ami: lazyDataSource(amiDataSchema, async () => (await import('./ami.js')).awsAmi),
};
