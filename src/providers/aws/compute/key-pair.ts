/**
 * aws_key_pair, as hashicorp/aws defines it: ImportKeyPair of the configured public key
 * (stored trimmed), import id = the key name. Unlike hashicorp's 5.x read, the public key
 * is read back (DescribeKeyPairs IncludePublicKey), so an adopted key pair plans no
 * replacement when the configuration holds the same key; comments do not count.
 */
import { DeleteKeyPairCommand, DescribeKeyPairsCommand, ImportKeyPairCommand, type KeyPairInfo } from '@aws-sdk/client-ec2';
import { stringVal, type Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { ec2Tags, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { samePublicKey, storedPublicKey } from './public-key.js';
import { replan, withTagsAll } from './replan.js';
import { keyPairSchema } from './schemas.js';
import { uniqueName, namePrefixFromName } from './unique-name.js';

/** The aws_key_pair resource. */
export const awsKeyPair: ResourceDef<AwsMeta> = {
  schema: keyPairSchema,

  customizePlan(ctx, p) {
    const { planned, requiresReplace } = replan(keyPairSchema.block, p.prior, p.config, (pl, prior) => {
      let out = withTagsAll(ctx.meta, pl, p.config);
      const cfg = str(p.config, 'public_key');
      if (cfg !== undefined) {
        const before = prior ? str(prior, 'public_key') : undefined;
        out = withAttrs(out, { public_key: before !== undefined && samePublicKey(before, cfg) ? before : storedPublicKey(cfg) });
      }
      return out;
    });
    return { ...p, planned, requiresReplace };
  },

  async create(ctx, planned) {
    const name = str(planned, 'key_name') ?? uniqueName(str(planned, 'key_name_prefix') ?? 'terraform-');
    const tags = ec2Tags(tagMap(planned, 'tags_all'));
    try {
      await ctx.meta.ec2().send(new ImportKeyPairCommand({
        KeyName: name,
        PublicKeyMaterial: Buffer.from(str(planned, 'public_key') ?? ''),
        TagSpecifications: tags ? [{ ResourceType: 'key-pair', Tags: tags }] : undefined,
      }));
    } catch (e) {
      const f = awsFailure(`importing EC2 Key Pair (${name})`, e);
      if (isAwsCode(e, 'InvalidKeyPair.Duplicate')) {
        throw new ProviderError(f.summary,
          `A key pair named "${name}" already exists in this account and region (made outside this configuration). ` +
          `To manage it here, import it into the state, then apply again:\n  terrane import aws_key_pair.<resource name> ${name}`);
      }
      throw f;
    }
    const got = await readKeyPair(ctx.meta, name, withAttrs(planned, { id: name }));
    if (!got) throw new ProviderError(`reading EC2 Key Pair (${name}): not found after creation`);
    return got;
  },

  async read(ctx, state) {
    return readKeyPair(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const kp = await findKeyPair(ctx.meta, id);
    if (kp?.KeyPairId) await updateEc2Tags(ctx.meta, kp.KeyPairId, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    const got = await readKeyPair(ctx.meta, id, planned);
    if (!got) throw new ProviderError(`reading EC2 Key Pair (${id}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    await awsCall(`deleting EC2 Key Pair (${id})`, () => ctx.meta.ec2().send(new DeleteKeyPairCommand({ KeyName: id })));
  },
};

async function findKeyPair(meta: AwsMeta, name: string): Promise<KeyPairInfo | undefined> {
  try {
    const out = await meta.ec2().send(new DescribeKeyPairsCommand({ KeyNames: [name], IncludePublicKey: true }));
    return out.KeyPairs?.[0];
  } catch (e) {
    if (isAwsCode(e, 'InvalidKeyPair.NotFound')) return undefined;
    return awsCall(`reading EC2 Key Pair (${name})`, () => Promise.reject(e));
  }
}

/** The full state of key pair `name`, or null when it no longer exists. */
export async function readKeyPair(meta: AwsMeta, name: string, prior: Value): Promise<Value | null> {
  const kp = await findKeyPair(meta, name);
  if (!kp) return null;
  const keyName = kp.KeyName ?? name;
  const had = str(prior, 'public_key');
  const remote = kp.PublicKey?.trim();
  // Keep the configured text while it is the same key; show AWS's when it changed behind our back.
  const publicKey = had !== undefined && (!remote || samePublicKey(had, remote)) ? had : remote ?? null;
  return withAttrs(prior, {
    id: keyName,
    arn: `arn:${meta.partition}:ec2:${meta.region}:${meta.accountId}:key-pair/${keyName}`,
    fingerprint: kp.KeyFingerprint,
    key_name: keyName,
    key_name_prefix: stringVal(namePrefixFromName(keyName) ?? ''),
    key_pair_id: kp.KeyPairId,
    key_type: kp.KeyType,
    public_key: publicKey,
    ...tagsForState(meta, kp.Tags, prior),
  });
}
