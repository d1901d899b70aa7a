/** SNS topics and subscriptions as stored, with lookups and the errors SNS answers. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';

/** A stored topic. */
export interface Topic {
  arn: string;
  name: string;
  account: string;
  region: string;
  fifo: boolean;
  attributes: Record<string, string>;
  tags: { Key: string; Value: string }[];
}

/** A stored subscription. */
export interface Subscription {
  arn: string;
  topicArn: string;
  owner: string;
  protocol: string;
  endpoint: string;
  pending: boolean;
  token: string;
  attributes: Record<string, string>;
}

/** 400 InvalidParameter with SNS's "Invalid parameter: " prefix. */
export function invalidParameter(detail: string): AwsError {
  return new AwsError('InvalidParameter', `Invalid parameter: ${detail}`);
}

/** 404 NotFound. */
export function notFound(message: string): AwsError {
  return new AwsError('NotFound', message, 404);
}

/** Splits `arn:aws:sns:<region>:<account>:<name>[:<subscription id>]`. */
export function parseArn(arn: string): { region: string; account: string; name: string; sub?: string } | undefined {
  const m = /^arn:aws[a-z-]*:sns:([^:]+):(\d{12}):([^:]+)(?::([^:]+))?$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]!, sub: m[4] } : undefined;
}

/** The topic an arn names, or undefined. */
export function findTopic(ctx: RequestContext, arn: string | undefined): Topic | undefined {
  const p = arn ? parseArn(arn) : undefined;
  if (!p || p.sub) return undefined;
  return ctx.store.get<Topic>('sns', 'topic', p.account, p.region, arn!);
}

/** The topic an arn names, or NotFound. */
export function topicOrThrow(ctx: RequestContext, arn: string | undefined): Topic {
  if (arn === undefined || arn === '') throw invalidParameter('TopicArn');
  if (!parseArn(arn)) throw invalidParameter('TopicArn');
  const t = findTopic(ctx, arn);
  if (!t) throw notFound('Topic does not exist');
  return t;
}

/** Saves a topic. */
export function saveTopic(ctx: RequestContext, t: Topic): void {
  ctx.store.put('sns', 'topic', t.account, t.region, t.arn, t);
}

/** The subscription an arn names, or undefined. */
export function findSubscription(ctx: RequestContext, arn: string | undefined): Subscription | undefined {
  const p = arn ? parseArn(arn) : undefined;
  if (!p || !p.sub) return undefined;
  return ctx.store.get<Subscription>('sns', 'subscription', p.account, p.region, arn!);
}

/** Saves a subscription (under its topic's account and region). */
export function saveSubscription(ctx: RequestContext, s: Subscription): void {
  const p = parseArn(s.arn)!;
  ctx.store.put('sns', 'subscription', p.account, p.region, s.arn, s);
}

/** Deletes a subscription. */
export function deleteSubscription(ctx: RequestContext, s: Subscription): void {
  const p = parseArn(s.arn)!;
  ctx.store.delete('sns', 'subscription', p.account, p.region, s.arn);
}

/** Every subscription of a topic. */
export function subscriptionsOf(ctx: RequestContext, t: Topic): Subscription[] {
  return ctx.store.list<Subscription>('sns', 'subscription', t.account, t.region).filter((s) => s.topicArn === t.arn);
}
