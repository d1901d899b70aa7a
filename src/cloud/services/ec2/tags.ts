/** Tags: TagSpecification on create calls, CreateTags/DeleteTags/DescribeTags over every taggable kind. */
import { AwsError } from '../../errors.js';
import type { Action, Db, Tag } from './db.js';
import { applyFilters, readFilters, type FilterSpec } from './filters.js';
import { prefixOf, RESOURCE_TYPES } from './ids.js';
import { K } from './model.js';
import { paginate } from './pagination.js';
import { field, structs, type Params } from './params.js';

/** Id prefix -> store kind of taggable resources. */
export const KIND_OF_PREFIX: Record<string, string> = {
  vpc: K.vpc,
  subnet: K.subnet,
  igw: K.igw,
  rtb: K.rtb,
  acl: K.acl,
  sg: K.sg,
  key: K.key,
  i: K.instance,
  vol: K.volume,
  eipalloc: K.eip,
  nat: K.nat,
};

/** The NotFound error EC2 gives for a missing resource of the id's kind. */
export function notFoundFor(id: string): AwsError {
  switch (prefixOf(id)) {
    case 'vpc':
      return new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
    case 'subnet':
      return new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    case 'igw':
      return new AwsError('InvalidInternetGatewayID.NotFound', `The internetGateway ID '${id}' does not exist`);
    case 'rtb':
      return new AwsError('InvalidRouteTableID.NotFound', `The routeTable ID '${id}' does not exist`);
    case 'acl':
      return new AwsError('InvalidNetworkAclID.NotFound', `The networkAcl ID '${id}' does not exist`);
    case 'sg':
      return new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    case 'key':
      return new AwsError('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
    case 'i':
      return new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    case 'vol':
      return new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
    case 'eipalloc':
      return new AwsError('InvalidAllocationID.NotFound', `The allocation ID '${id}' does not exist`);
    case 'nat':
      return new AwsError('NatGatewayNotFound', `NAT gateway ${id} was not found`);
    default:
      return new AwsError('InvalidID', `The ID '${id}' is not valid`);
  }
}

function checkTag(key: string, value: string): void {
  if (key.length === 0 || key.length > 128) {
    throw new AwsError('InvalidParameterValue', `Tag key must be between 1 and 128 characters long`);
  }
  if (value.length > 256) throw new AwsError('InvalidParameterValue', `Tag value exceeds the maximum length of 256 characters`);
  if (key.toLowerCase().startsWith('aws:')) {
    throw new AwsError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
  }
}

/** Merges tags into a list (same key replaces), enforcing AWS's limit of 50. */
export function mergeTags(into: Tag[], add: Tag[]): Tag[] {
  const out = [...into];
  for (const t of add) {
    checkTag(t.key, t.value);
    const i = out.findIndex((o) => o.key === t.key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  if (out.length > 50) throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  return out;
}

/** The tags a create call's `TagSpecification.N` gives the resource type. */
export function specTags(p: Params, resourceType: string): Tag[] {
  let out: Tag[] = [];
  for (const spec of p.structs('TagSpecification')) {
    const rt = field(spec, 'ResourceType');
    const tags = structs(spec['Tag']).map((t) => ({ key: field(t, 'Key') ?? '', value: field(t, 'Value') ?? '' }));
    if (rt !== resourceType) continue;
    if (tags.length === 0) throw new AwsError('InvalidParameterValue', 'Tag specification must have at least one tag');
    out = mergeTags(out, tags);
  }
  return out;
}

/** Checks that every TagSpecification names a resource type the call creates. */
export function checkSpecTypes(p: Params, allowed: string[]): void {
  for (const spec of p.structs('TagSpecification')) {
    const rt = field(spec, 'ResourceType') ?? '';
    if (!allowed.includes(rt)) {
      throw new AwsError('InvalidParameterValue', `'${rt}' is not a valid taggable resource type for this operation.`);
    }
  }
}

/** A taggable resource loaded by id, with a way to store its changed tags. */
interface TagTarget {
  tags: Tag[];
  save(tags: Tag[]): void;
}

/** Loads a taggable resource by id, or throws the id kind's NotFound. */
function load(db: Db, id: string): TagTarget {
  const prefix = prefixOf(id);
  if (prefix === 'sgr') {
    // Security group rules live inside their group's document.
    for (const g of db.list<{ groupId: string; rules: { securityGroupRuleId: string; tags: Tag[] }[] }>(K.sg)) {
      const r = g.rules.find((x) => x.securityGroupRuleId === id);
      if (r) {
        return {
          tags: r.tags ?? [],
          save: (tags) => {
            r.tags = tags;
            db.put(K.sg, g.groupId, g);
          },
        };
      }
    }
    throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
  }
  const kind = KIND_OF_PREFIX[prefix];
  if (!kind) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  const doc =
    kind === K.key
      ? db.list<{ keyPairId: string; keyName: string; tags: Tag[] }>(K.key).find((k) => k.keyPairId === id)
      : db.get<{ tags: Tag[] }>(kind, id);
  if (!doc) throw notFoundFor(id);
  const key = kind === K.key ? (doc as unknown as { keyName: string }).keyName : id;
  return {
    tags: doc.tags ?? [],
    save: (tags) => {
      doc.tags = tags;
      db.put(kind, key, doc);
    },
  };
}

const createTags: Action = ({ p, db }) => {
  const ids = p.strs('ResourceId');
  if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const tags = p.structs('Tag').map((t) => ({ key: field(t, 'Key') ?? '', value: field(t, 'Value') ?? '' }));
  if (tags.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter tagSet');
  for (const id of ids) {
    const t = load(db, id);
    t.save(mergeTags(t.tags, tags));
  }
  return { return: true };
};

const deleteTags: Action = ({ p, db }) => {
  const ids = p.strs('ResourceId');
  if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const given = p.structs('Tag').map((t) => ({ key: field(t, 'Key') ?? '', value: field(t, 'Value') }));
  for (const id of ids) {
    const t = load(db, id);
    t.save(given.length === 0 ? [] : t.tags.filter((x) => !given.some((g) => g.key === x.key && (g.value === undefined || g.value === x.value))));
  }
  return { return: true };
};

interface TagRow {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
  tags?: never[];
}

const tagRowFilters: FilterSpec<TagRow> = {
  'resource-id': (r) => r.resourceId,
  'resource-type': (r) => r.resourceType,
  key: (r) => r.key,
  value: (r) => r.value,
};

const ID_FIELD: Record<string, string> = {
  [K.vpc]: 'vpcId',
  [K.subnet]: 'subnetId',
  [K.igw]: 'internetGatewayId',
  [K.rtb]: 'routeTableId',
  [K.acl]: 'networkAclId',
  [K.sg]: 'groupId',
  [K.key]: 'keyPairId',
  [K.instance]: 'instanceId',
  [K.volume]: 'volumeId',
  [K.eip]: 'allocationId',
  [K.nat]: 'natGatewayId',
};

const describeTags: Action = ({ p, db }) => {
  const rows: TagRow[] = [];
  for (const [kind, idField] of Object.entries(ID_FIELD)) {
    for (const doc of db.list<Record<string, unknown> & { tags?: Tag[] }>(kind)) {
      const id = doc[idField] as string;
      if (kind === K.instance && doc['state'] === 'terminated') continue;
      for (const t of doc.tags ?? []) rows.push({ resourceId: id, resourceType: RESOURCE_TYPES[prefixOf(id)] ?? kind, key: t.key, value: t.value });
    }
  }
  rows.sort((a, b) => (a.resourceId === b.resourceId ? (a.key < b.key ? -1 : 1) : a.resourceId < b.resourceId ? -1 : 1));
  const items = applyFilters(rows, readFilters(p, tagRowFilters), tagRowFilters);
  const page = paginate(p, items, { min: 5, max: 1000 });
  return { tagSet: page.items.map((r) => ({ resourceId: r.resourceId, resourceType: r.resourceType, key: r.key, value: r.value })), nextToken: page.nextToken };
};

/** The tag actions. */
export const tagActions: Record<string, Action> = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};

/** Tags as rendered in a `tagSet` (absent when empty, as EC2 does). */
export function tagSet(tags: Tag[] | undefined): Tag[] | undefined {
  return tags && tags.length ? tags.map((t) => ({ key: t.key, value: t.value })) : undefined;
}
