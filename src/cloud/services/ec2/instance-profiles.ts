/** IAM instance profile associations of instances: describe, associate, replace, disassociate. */
import { AwsError } from '../../errors.js';
import type { Action, Db } from './db.js';
import { filtered, type FilterSpec } from './filters.js';
import { newId } from './ids.js';
import { requireInstances } from './instances.js';
import { K, type InstanceDoc } from './model.js';
import { field, type Params } from './params.js';

interface Assoc {
  associationId: string;
  instance: InstanceDoc;
  tags?: never[];
}

function associations(db: Db): Assoc[] {
  return db.list<InstanceDoc>(K.instance)
    .filter((i) => i.iamProfileAssociationId && i.iamInstanceProfile && i.state !== 'terminated')
    .map((i) => ({ associationId: i.iamProfileAssociationId!, instance: i }));
}

function render(a: Assoc, state: string): Record<string, unknown> {
  return { associationId: a.associationId, instanceId: a.instance.instanceId, iamInstanceProfile: a.instance.iamInstanceProfile, state };
}

/** The profile a request names (by ARN or name), as the instance records it. */
function profileOf(p: Params, db: Db, instanceId: string): { arn: string; id: string } {
  const spec = p.struct('IamInstanceProfile');
  const arn = field(spec, 'Arn') ?? (field(spec, 'Name') ? `arn:aws:iam::${db.account}:instance-profile/${field(spec, 'Name')}` : undefined);
  if (!arn) throw new AwsError('MissingParameter', 'The request must contain the parameter IamInstanceProfile');
  return { arn, id: `AIPA${instanceId.slice(2, 19).toUpperCase()}` };
}

function requireAssociation(db: Db, id: string): Assoc {
  const a = associations(db).find((x) => x.associationId === id);
  if (!a) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
  return a;
}

const spec: FilterSpec<Assoc> = {
  'instance-id': (a) => a.instance.instanceId,
  state: () => 'associated',
};

const describe: Action = ({ p, db }) => {
  const ids = p.strs('AssociationId');
  for (const id of ids) requireAssociation(db, id);
  let items = associations(db);
  if (ids.length) items = items.filter((a) => ids.includes(a.associationId));
  return { iamInstanceProfileAssociationSet: filtered(p, items, spec).map((a) => render(a, 'associated')) };
};

const associate: Action = ({ p, db, now }) => {
  const [i] = requireInstances(db, [p.req('InstanceId')], now);
  if (i!.iamProfileAssociationId) throw new AwsError('IncorrectState', `There is an existing association for instance ${i!.instanceId}`);
  i!.iamInstanceProfile = profileOf(p, db, i!.instanceId);
  i!.iamProfileAssociationId = newId('iip-assoc');
  db.put(K.instance, i!.instanceId, i);
  return { iamInstanceProfileAssociation: render({ associationId: i!.iamProfileAssociationId, instance: i! }, 'associating') };
};

const replace: Action = ({ p, db }) => {
  const a = requireAssociation(db, p.req('AssociationId'));
  const i = a.instance;
  i.iamInstanceProfile = profileOf(p, db, i.instanceId);
  i.iamProfileAssociationId = newId('iip-assoc');
  db.put(K.instance, i.instanceId, i);
  return { iamInstanceProfileAssociation: render({ associationId: i.iamProfileAssociationId, instance: i }, 'associating') };
};

const disassociate: Action = ({ p, db }) => {
  const a = requireAssociation(db, p.req('AssociationId'));
  const out = render(a, 'disassociating');
  a.instance.iamInstanceProfile = undefined;
  a.instance.iamProfileAssociationId = undefined;
  db.put(K.instance, a.instance.instanceId, a.instance);
  return { iamInstanceProfileAssociation: out };
};

/** The instance profile association actions. */
export const instanceProfileActions: Record<string, Action> = {
  DescribeIamInstanceProfileAssociations: describe,
  AssociateIamInstanceProfile: associate,
  ReplaceIamInstanceProfileAssociation: replace,
  DisassociateIamInstanceProfile: disassociate,
};
