/** Loading documents by id with AWS's Malformed and NotFound errors. */
import { AwsError } from '../../errors.js';
import type { Db } from './db.js';
import { wellFormed } from './ids.js';
import { notFoundFor } from './tags.js';

/** Kinds whose ids EC2 checks for shape before looking them up, with the code it answers. */
const MALFORMED: Record<string, [prefix: string, code: string]> = {
  vpc: ['vpc', 'InvalidVpcID.Malformed'],
  subnet: ['subnet', 'InvalidSubnetID.Malformed'],
  sg: ['sg', 'InvalidGroupId.Malformed'],
  instance: ['i', 'InvalidInstanceID.Malformed'],
};

/** Loads a document or throws Malformed / NotFound as EC2 does for that kind. */
export function requireDoc<T>(db: Db, kind: string, id: string): T {
  const m = MALFORMED[kind];
  if (m && !wellFormed(id, m[0])) throw new AwsError(m[1], `Invalid id: "${id}" (expecting "${m[0]}-...")`);
  const doc = db.get<T>(kind, id);
  if (!doc) throw notFoundFor(id);
  return doc;
}

/** Loads every document of `ids`, in order; the first missing one throws. */
export function requireDocs<T>(db: Db, kind: string, ids: string[]): T[] {
  return ids.map((id) => requireDoc<T>(db, kind, id));
}

/** Documents of a kind, restricted to `ids` when given (every id must exist). */
export function listOrIds<T>(db: Db, kind: string, ids: string[]): T[] {
  if (ids.length === 0) return db.list<T>(kind);
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(requireDoc<T>(db, kind, id));
  }
  return out;
}
