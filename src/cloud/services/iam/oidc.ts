/** IAM OpenID Connect providers (e.g. GitHub Actions or EKS clusters federating into roles). */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { qList, required } from '../../protocols/query.js';
import { x, xlist, xs } from '../../xml.js';
import { type Tag, alreadyExists, all, dropTags, load, mergeTags, noSuchEntity, remove, save, tagsParam, tagsXml, timestamp } from './model.js';
import type { QueryAction } from './query-service.js';
import { validationError } from './query-service.js';

/** A stored OIDC provider. */
interface OidcProvider { arn: string; url: string; clientIds: string[]; thumbprints: string[]; createDate: string; tags: Tag[] }

function get(ctx: RequestContext, arn: string): OidcProvider {
  const p = load<OidcProvider>(ctx, 'oidc-provider', arn);
  if (!p) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return p;
}

function thumbprints(list: string[]): string[] {
  if (list.length > 5) throw validationError(`1 validation error detected: Value '[${list.join(', ')}]' at 'thumbprintList' failed to satisfy constraint: Member must have length less than or equal to 5`);
  list.forEach((t, i) => {
    if (t.length !== 40) {
      throw validationError(`1 validation error detected: Value '${t}' at 'thumbprintList.${i + 1}.member' failed to satisfy constraint: Member must have length ${t.length < 40 ? 'greater than or equal to' : 'less than or equal to'} 40`);
    }
  });
  return list;
}

/** OIDC provider actions. */
export const oidcActions: Record<string, QueryAction> = {
  CreateOpenIDConnectProvider(p, ctx) {
    const url = required(p, 'Url');
    if (!/^https:\/\/[^\s/]+/.test(url) || url.length > 255) throw new AwsError('InvalidInput', 'Invalid URL');
    const host = url.replace(/^https:\/\//, '').replace(/\/$/, '');
    const arn = `arn:aws:iam::${ctx.account}:oidc-provider/${host}`;
    if (load(ctx, 'oidc-provider', arn)) throw alreadyExists(`Provider with url ${url} already exists.`);
    const prov: OidcProvider = { arn, url: host, clientIds: qList(p, 'ClientIDList'), thumbprints: thumbprints(qList(p, 'ThumbprintList')), createDate: timestamp(ctx), tags: tagsParam(p) };
    save(ctx, 'oidc-provider', arn, prov);
    return xs(x('OpenIDConnectProviderArn', arn), tagsXml(prov.tags));
  },
  GetOpenIDConnectProvider(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    return xs(
      x('Url', prov.url), xlist('ClientIDList', prov.clientIds, (c) => c, 'member'), xlist('ThumbprintList', prov.thumbprints, (t) => t, 'member'),
      x('CreateDate', prov.createDate), tagsXml(prov.tags),
    );
  },
  DeleteOpenIDConnectProvider(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    remove(ctx, 'oidc-provider', prov.arn);
    return '';
  },
  ListOpenIDConnectProviders(_p, ctx) {
    return xlist('OpenIDConnectProviderList', all<OidcProvider>(ctx, 'oidc-provider'), (o) => x('Arn', o.arn), 'member');
  },
  UpdateOpenIDConnectProviderThumbprint(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    prov.thumbprints = thumbprints(qList(p, 'ThumbprintList'));
    save(ctx, 'oidc-provider', prov.arn, prov);
    return '';
  },
  AddClientIDToOpenIDConnectProvider(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    const id = required(p, 'ClientID');
    if (!prov.clientIds.includes(id)) prov.clientIds.push(id);
    save(ctx, 'oidc-provider', prov.arn, prov);
    return '';
  },
  RemoveClientIDFromOpenIDConnectProvider(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    const id = required(p, 'ClientID');
    prov.clientIds = prov.clientIds.filter((c) => c !== id);
    save(ctx, 'oidc-provider', prov.arn, prov);
    return '';
  },
  TagOpenIDConnectProvider(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    prov.tags = mergeTags(prov.tags, tagsParam(p));
    save(ctx, 'oidc-provider', prov.arn, prov);
    return '';
  },
  UntagOpenIDConnectProvider(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    prov.tags = dropTags(prov.tags, qList(p, 'TagKeys'));
    save(ctx, 'oidc-provider', prov.arn, prov);
    return '';
  },
  ListOpenIDConnectProviderTags(p, ctx) {
    const prov = get(ctx, required(p, 'OpenIDConnectProviderArn'));
    return xs(tagsXml(prov.tags, false), x('IsTruncated', false));
  },
};
