/**
 * aws_iam_access_key as hashicorp/aws defines it: id = the access key id; the secret and
 * the SES SMTP password (v4, derived from the secret for the provider's region) exist only
 * in the state written at creation; status updates in place; import by key id finds the
 * user with GetAccessKeyLastUsed. PGP encryption of the secret is not supported.
 */
import { createHmac } from 'node:crypto';
import {
  CreateAccessKeyCommand, DeleteAccessKeyCommand, GetAccessKeyLastUsedCommand, ListAccessKeysCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { notFound, orNull, rfc3339 } from './common.js';
import { accessKeySchema } from './schemas.js';

/** The SES SMTP password (version 4) for a secret access key in `region`. */
export function sesSmtpPasswordV4(secret: string, region: string): string {
  let key: Buffer = Buffer.from('AWS4' + secret, 'utf8');
  for (const part of ['11111111', region, 'ses', 'aws4_request', 'SendRawEmail']) {
    key = createHmac('sha256', key).update(part, 'utf8').digest();
  }
  return Buffer.concat([Buffer.from([0x04]), key]).toString('base64');
}

async function readKey(meta: AwsMeta, state: Value): Promise<Value | null> {
  const id = str(state, 'id')!, user = str(state, 'user')!;
  const out = await awsCall(`reading IAM Access Key (${id})`, () => orNull(() => meta.iam().send(new ListAccessKeysCommand({ UserName: user }))));
  const k = out?.AccessKeyMetadata?.find((m) => m.AccessKeyId === id);
  if (!k) return null;
  return withAttrs(state, { id, user: k.UserName, status: k.Status, create_date: rfc3339(k.CreateDate) });
}

async function setStatus(meta: AwsMeta, user: string, id: string, status: string): Promise<void> {
  await awsCall(`updating IAM Access Key (${id}) status`, () => meta.iam().send(new UpdateAccessKeyCommand({ UserName: user, AccessKeyId: id, Status: status as 'Active' })));
}

/** The aws_iam_access_key resource. */
export const awsIamAccessKey: ResourceDef<AwsMeta> = {
  schema: accessKeySchema,

  customizePlan(_ctx, p) {
    if (!p.prior && str(p.config, 'pgp_key')) {
      throw new ProviderError('pgp_key is not supported by terrane', 'Encrypting the secret with a PGP key is not supported; remove pgp_key to keep the secret (sensitive) in state.', [{ attr: 'pgp_key' }]);
    }
    return p;
  },

  async create(ctx, planned) {
    const user = str(planned, 'user')!;
    const out = await awsCall(`creating IAM Access Key (${user})`, () => ctx.meta.iam().send(new CreateAccessKeyCommand({ UserName: user })));
    const k = out.AccessKey!;
    const status = str(planned, 'status') ?? 'Active';
    if (status !== k.Status) await setStatus(ctx.meta, user, k.AccessKeyId!, status);
    return withAttrs(planned, {
      id: k.AccessKeyId, user: k.UserName, status, create_date: rfc3339(k.CreateDate),
      secret: k.SecretAccessKey, ses_smtp_password_v4: sesSmtpPasswordV4(k.SecretAccessKey!, ctx.meta.region),
      encrypted_secret: null, encrypted_ses_smtp_password_v4: null, key_fingerprint: null,
    });
  },

  read: (ctx, state) => readKey(ctx.meta, state),

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    if (str(planned, 'status') !== str(prior, 'status')) await setStatus(ctx.meta, str(prior, 'user')!, id, str(planned, 'status') ?? 'Active');
    const got = await readKey(ctx.meta, planned);
    if (!got) throw new Error(`reading IAM Access Key (${id}): not found after updating it`);
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    try {
      await ctx.meta.iam().send(new DeleteAccessKeyCommand({ UserName: str(state, 'user'), AccessKeyId: id }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM Access Key (${id})`, e);
    }
  },

  async importState(ctx, id) {
    const out = await awsCall(`importing IAM Access Key (${id})`, () => ctx.meta.iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id })));
    return withAttrs(nullObject(impliedType(accessKeySchema.block)), { id, user: out.UserName });
  },
};
