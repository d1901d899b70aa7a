/**
 * aws_iam_openid_connect_provider as hashicorp/aws defines it: id = arn (import by arn);
 * the url forces a new provider and is stored as IAM returns it (without "https://", the
 * configured scheme being no change); client ids and thumbprints update in place.
 */
import {
  AddClientIDToOpenIDConnectProviderCommand, CreateOpenIDConnectProviderCommand, DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand, RemoveClientIDFromOpenIDConnectProviderCommand, TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand, UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import { stringVal, type Value } from '../../../lang/value.js';
import { attr, str, toJS, withAttrs } from '../../sdk/obj.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { tagMap } from '../tags.js';
import { iamTags, iamTagsForState, notFound, orNull, readAfterWrite } from './common.js';
import { iamPlan } from './plan.js';
import { oidcProviderSchema } from './schemas.js';

const bare = (url: string) => url.replace(/^https:\/\//, '');
const list = (v: Value, n: string): string[] => (toJS(attr(v, n)) as string[] | null) ?? [];

async function readProvider(meta: AwsMeta, arn: string, prior: Value, refresh = false): Promise<Value | null> {
  const out = await awsCall(`reading IAM OIDC Provider (${arn})`, () => orNull(() => meta.iam().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))));
  if (!out) return null;
  return withAttrs(prior, {
    id: arn, arn, url: out.Url, client_id_list: out.ClientIDList ?? [], thumbprint_list: out.ThumbprintList ?? [],
    ...iamTagsForState(meta, out.Tags, prior, refresh),
  });
}

/** The aws_iam_openid_connect_provider resource. */
export const awsIamOpenidConnectProvider: ResourceDef<AwsMeta> = {
  schema: oidcProviderSchema,

  customizePlan: (ctx, p) => iamPlan(ctx.meta, oidcProviderSchema.block, p, {
    tags: true,
    extra(planned, prior, config) {
      // "https://host" in configuration and "host" as IAM stores it are the same url.
      const c = str(config, 'url');
      if (prior && c !== undefined && bare(c) === bare(str(prior, 'url') ?? '')) return withAttrs(planned, { url: attr(prior, 'url') });
      return planned;
    },
  }),

  async create(ctx, planned) {
    const url = str(planned, 'url')!;
    const out = await awsCall(`creating IAM OIDC Provider (${url})`, () => ctx.meta.iam().send(new CreateOpenIDConnectProviderCommand({
      Url: url, ClientIDList: list(planned, 'client_id_list'), ThumbprintList: list(planned, 'thumbprint_list'),
      Tags: iamTags(tagMap(planned, 'tags_all')),
    })));
    const arn = out.OpenIDConnectProviderArn!;
    return readAfterWrite(`IAM OIDC Provider (${arn})`, () => readProvider(ctx.meta, arn, withAttrs(planned, { id: arn, url: stringVal(url) })));
  },

  read: (ctx, state) => readProvider(ctx.meta, str(state, 'id')!, state, true),

  async update(ctx, prior, planned) {
    const iam = ctx.meta.iam();
    const arn = str(prior, 'id')!;
    const before = list(prior, 'client_id_list'), after = list(planned, 'client_id_list');
    for (const id of after.filter((c) => !before.includes(c))) {
      await awsCall(`adding IAM OIDC Provider (${arn}) client ID (${id})`, () => iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: id })));
    }
    for (const id of before.filter((c) => !after.includes(c))) {
      await awsCall(`removing IAM OIDC Provider (${arn}) client ID (${id})`, () => iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: id })));
    }
    const thumbs = attr(planned, 'thumbprint_list');
    if (thumbs.isKnown && JSON.stringify(list(prior, 'thumbprint_list')) !== JSON.stringify(list(planned, 'thumbprint_list'))) {
      await awsCall(`updating IAM OIDC Provider (${arn}) thumbprint`, () => iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: list(planned, 'thumbprint_list') })));
    }
    const tb = tagMap(prior, 'tags_all'), ta = tagMap(planned, 'tags_all');
    const removed = Object.keys(tb).filter((k) => !(k in ta));
    const changed = iamTags(Object.fromEntries(Object.entries(ta).filter(([k, v]) => tb[k] !== v)));
    if (removed.length) await awsCall(`untagging IAM OIDC Provider (${arn})`, () => iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: removed })));
    if (changed) await awsCall(`tagging IAM OIDC Provider (${arn})`, () => iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: changed })));
    return readAfterWrite(`IAM OIDC Provider (${arn})`, () => readProvider(ctx.meta, arn, planned));
  },

  async delete(ctx, state) {
    const arn = str(state, 'id')!;
    try {
      await ctx.meta.iam().send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM OIDC Provider (${arn})`, e);
    }
  },
};
