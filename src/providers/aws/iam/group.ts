/** aws_iam_group as hashicorp/aws defines it: id = name (import by name); name and path update in place (UpdateGroup). */
import { CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, UpdateGroupCommand } from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { notFound, orNull, readAfterWrite } from './common.js';
import { groupSchema } from './schemas.js';

async function readGroup(meta: AwsMeta, name: string, prior: Value): Promise<Value | null> {
  const out = await awsCall(`reading IAM Group (${name})`, () => orNull(() => meta.iam().send(new GetGroupCommand({ GroupName: name, MaxItems: 1 }))));
  const g = out?.Group;
  if (!g) return null;
  return withAttrs(prior, { id: g.GroupName, name: g.GroupName, arn: g.Arn, path: g.Path, unique_id: g.GroupId });
}

async function mustRead(meta: AwsMeta, name: string, planned: Value): Promise<Value> {
  return readAfterWrite(`IAM Group (${name})`, () => readGroup(meta, name, planned));
}

/** The aws_iam_group resource. */
export const awsIamGroup: ResourceDef<AwsMeta> = {
  schema: groupSchema,

  async create(ctx, planned) {
    const name = str(planned, 'name')!;
    await awsCall(`creating IAM Group (${name})`, () => ctx.meta.iam().send(new CreateGroupCommand({ GroupName: name, Path: str(planned, 'path') })));
    return mustRead(ctx.meta, name, planned);
  },

  async read(ctx, state) {
    return readGroup(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const name = str(planned, 'name')!;
    await awsCall(`updating IAM Group (${id})`, () => ctx.meta.iam().send(new UpdateGroupCommand({ GroupName: id, NewGroupName: name, NewPath: str(planned, 'path') })));
    return mustRead(ctx.meta, name, planned);
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    try {
      await ctx.meta.iam().send(new DeleteGroupCommand({ GroupName: id }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`deleting IAM Group (${id})`, e);
    }
  },
};
