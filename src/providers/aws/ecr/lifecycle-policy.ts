/**
 * aws_ecr_lifecycle_policy as hashicorp/aws defines it: id = the repository name (also the
 * import id); a new policy text forces a new resource (there is no update); the text AWS
 * returns keeps the configured one while equivalent (rules in any order).
 */
import { DeleteLifecyclePolicyCommand, GetLifecyclePolicyCommand, PutLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import type { Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { equivalentJson, keepEquivalent, suppressEquivalent } from '../json-policy.js';
import { lifecyclePolicySchema } from './schemas.js';

const GONE = ['LifecyclePolicyNotFoundException', 'RepositoryNotFoundException'];

/** Lifecycle policies are equivalent when their rules, ordered by priority, are the same JSON. */
export function equivalentLifecyclePolicy(a: string, b: string): boolean {
  if (equivalentJson(a, b)) return true;
  const norm = (s: string): string | undefined => {
    try {
      const doc = JSON.parse(s) as { rules?: { rulePriority?: number; selection?: Record<string, unknown> }[] };
      if (!Array.isArray(doc.rules)) return undefined;
      doc.rules = [...doc.rules].sort((x, y) => (x.rulePriority ?? 0) - (y.rulePriority ?? 0)).map((r) => {
        const sel = r.selection ? { ...r.selection } : undefined;
        for (const k of ['tagPrefixList', 'tagPatternList']) if (sel && Array.isArray(sel[k])) sel[k] = [...(sel[k] as string[])].sort();
        return sel ? { ...r, selection: sel } : r;
      });
      return JSON.stringify(doc);
    } catch {
      return undefined;
    }
  };
  const na = norm(a), nb = norm(b);
  return na !== undefined && nb !== undefined && equivalentJson(na, nb);
}

async function readPolicy(meta: AwsMeta, repo: string, prior: Value): Promise<Value | null> {
  try {
    const out = await meta.ecr().send(new GetLifecyclePolicyCommand({ repositoryName: repo }));
    return withAttrs(prior, {
      id: repo, repository: out.repositoryName ?? repo, registry_id: out.registryId,
      policy: keepEquivalent(str(prior, 'policy'), out.lifecyclePolicyText, equivalentLifecyclePolicy),
    });
  } catch (e) {
    if (isAwsCode(e, ...GONE)) return null;
    return awsCall(`reading ECR Lifecycle Policy (${repo})`, () => Promise.reject(e));
  }
}

/** The aws_ecr_lifecycle_policy resource. */
export const awsEcrLifecyclePolicy: ResourceDef<AwsMeta> = {
  schema: lifecyclePolicySchema,

  customizePlan(_ctx, p) {
    const out = suppressEquivalent(p, ['policy'], equivalentLifecyclePolicy);
    if (out === p || !p.prior) return p;
    // An equivalent text is no change, so it forces nothing either.
    const rest = p.requiresReplace.filter((path) => !(path.length === 1 && 'attr' in path[0]! && path[0].attr === 'policy'));
    return rest.length ? { ...out, requiresReplace: rest } : { ...out, planned: p.prior, requiresReplace: [] };
  },

  async create(ctx, planned) {
    const repo = str(planned, 'repository')!;
    await awsCall(`creating ECR Lifecycle Policy (${repo})`, () => ctx.meta.ecr().send(new PutLifecyclePolicyCommand({
      repositoryName: repo, lifecyclePolicyText: str(planned, 'policy'),
    })));
    const got = await readPolicy(ctx.meta, repo, withAttrs(planned, { id: repo }));
    if (!got) throw new ProviderError(`reading ECR Lifecycle Policy (${repo}): empty result after creation`);
    return got;
  },

  read: (ctx, state) => readPolicy(ctx.meta, str(state, 'id')!, state),

  async delete(ctx, state) {
    const repo = str(state, 'id')!;
    try {
      await ctx.meta.ecr().send(new DeleteLifecyclePolicyCommand({ repositoryName: repo }));
    } catch (e) {
      if (isAwsCode(e, ...GONE)) return;
      await awsCall(`deleting ECR Lifecycle Policy (${repo})`, () => Promise.reject(e));
    }
  },
};
