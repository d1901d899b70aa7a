/**
 * aws_sns_topic and aws_sns_topic_subscription through the provider protocol against the
 * in-process cloud: state as hashicorp stores it (the default access policy included), no
 * drift after apply, in-place updates, replacement, drift seen, import by ARN, destroy, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTopicCommand, GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListTopicsCommand, SetSubscriptionAttributesCommand, SetTopicAttributesCommand, SNSClient, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal, type Value } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

let cloud: RunningCloud;
let h: Harness;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ sns: cloud.url, sqs: cloud.url, sts: cloud.url }],
    default_tags: [{ tags: { Project: 'msg' } }],
  });
  const c = { endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  sns = new SNSClient(c);
  sqs = new SQSClient(c);
});
afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await h?.p.close?.();
  await cloud?.close();
});

const T_ = 'aws_sns_topic';
const S_ = 'aws_sns_topic_subscription';

describe('aws_sns_topic', () => {
  it('creates a topic whose state carries the default policy, and plans no change after', async () => {
    const cfg = { name: 'events', display_name: 'Events', tags: { Name: 'events' } };
    const s = js(await h.create(T_, cfg));
    expect(s).toMatchObject({
      id: 'arn:aws:sns:us-east-1:000000000000:events', arn: 'arn:aws:sns:us-east-1:000000000000:events', owner: '000000000000',
      name: 'events', display_name: 'Events', fifo_topic: false, content_based_deduplication: false, delivery_policy: '',
      kms_master_key_id: '', tags: { Name: 'events' }, tags_all: { Name: 'events', Project: 'msg' },
    });
    const policy = JSON.parse(s.policy as string);
    expect(policy.Statement[0].Resource).toBe(s.arn);
    expect(policy.Statement[0].Condition.StringEquals['AWS:SourceOwner']).toBe('000000000000');
    await h.expectNoChange(T_, await h.read(T_, await h.create(T_, { name: 'events-2' })), { name: 'events-2' });
  });

  it('makes FIFO topics with .fifo names and generated names from a prefix', async () => {
    const s = js(await h.create(T_, { name_prefix: 'orders-', fifo_topic: true, content_based_deduplication: true }));
    expect(s.name).toMatch(/^orders-\d{18}[0-9a-f]{8}\.fifo$/);
    expect(s).toMatchObject({ name_prefix: 'orders-', fifo_topic: true, content_based_deduplication: true });
    const bad = await h.plan(T_, null, { name: 'x', fifo_topic: true });
    expect(bad.diagnostics[0]?.summary).toBe('invalid topic name: x');
  });

  it('keeps an equivalent policy as written, updates in place, replaces on a new name, sees drift', async () => {
    const arn = 'arn:aws:sns:us-east-1:000000000000:alerts';
    const policy = `{"Version":"2012-10-17","Statement":[{"Sid":"pub","Effect":"Allow","Principal":{"AWS":["*"]},"Action":["sns:Publish"],"Resource":"${arn}"}]}`;
    const cfg = { name: 'alerts', policy, delivery_policy: '{ "http": { "defaultHealthyRetryPolicy": { "numRetries": 5 } } }' };
    const state = await h.create(T_, cfg);
    expect(js(state).policy).toBe(policy);
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Policy', AttributeValue: JSON.stringify(JSON.parse(policy)).replace('["sns:Publish"]', '"sns:Publish"').replace('{"AWS":["*"]}', '{"AWS":"*"}') }));
    const read = await h.expectNoChange(T_, state, cfg);

    const cfg2 = { ...cfg, display_name: 'Alerts!' };
    const upd = await h.plan(T_, read, cfg2);
    expect(upd.requiresReplace).toEqual([]);
    const after = await h.apply(T_, read, upd.plannedState, cfg2);
    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(attrs.Attributes?.DisplayName).toBe('Alerts!');
    await h.expectNoChange(T_, after, cfg2);

    expect((await h.plan(T_, after, { ...cfg2, name: 'alerts-2' })).requiresReplace).toContainEqual([{ attr: 'name' }]);

    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'by hand' }));
    const drift = await h.read(T_, after);
    expect(js(drift).display_name).toBe('by hand');
    expect(js((await h.plan(T_, drift, cfg2)).plannedState).display_name).toBe('Alerts!');
  });

  it('imports by ARN with no change planned, destroys, and reports AWS errors', async () => {
    const made = await sns.send(new CreateTopicCommand({ Name: 'by-hand', Tags: [{ Key: 'Project', Value: 'msg' }] }));
    const imp = await h.importState(T_, made.TopicArn!);
    expect(imp.diagnostics).toEqual([]);
    const state = imp.importedResources[0]!.state;
    expect(js(state)).toMatchObject({ name: 'by-hand', tags: null, tags_all: { Project: 'msg' } });
    await h.expectNoChange(T_, state, { name: 'by-hand' });
    await h.destroy(T_, state);
    const left = await sns.send(new ListTopicsCommand({}));
    expect((left.Topics ?? []).map((t) => t.TopicArn)).not.toContain(made.TopicArn);
    expect(await h.read(T_, state)).toBeNull();

    const cfg = { name: 'bad-policy', delivery_policy: '{"x": 1}', policy: '{"Version": 1' };
    const v = await h.plan(T_, null, cfg);
    expect(v.diagnostics[0]?.summary).toMatch(/^"policy" contains an invalid JSON/);
  });
});

describe('aws_sns_topic_subscription', () => {
  it('subscribes a queue, keeps the filter policy as written, updates, imports, replaces and unsubscribes', async () => {
    const topic = js(await h.create(T_, { name: 'fanout' }));
    const q = await sqs.send(new CreateQueueCommand({ QueueName: 'fanout-q' }));
    const qArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const cfg = { topic_arn: topic.arn, protocol: 'sqs', endpoint: qArn, filter_policy: '{ "kind": ["order"] }' };
    const s = await h.create(S_, cfg);
    const sj = js(s);
    expect(sj.arn).toMatch(/^arn:aws:sns:us-east-1:000000000000:fanout:[0-9a-f-]{36}$/);
    expect(sj).toMatchObject({
      id: sj.arn, owner_id: '000000000000', pending_confirmation: false, confirmation_was_authenticated: true,
      raw_message_delivery: false, filter_policy: '{ "kind": ["order"] }', filter_policy_scope: 'MessageAttributes',
      confirmation_timeout_in_minutes: 1, endpoint_auto_confirms: false,
    });
    const read = await h.expectNoChange(S_, s, cfg);

    const cfg2 = { ...cfg, raw_message_delivery: true };
    const upd = await h.plan(S_, read, cfg2);
    expect(upd.requiresReplace).toEqual([]);
    const after = await h.apply(S_, read, upd.plannedState, cfg2);
    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sj.arn as string }));
    expect(attrs.Attributes?.RawMessageDelivery).toBe('true');

    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sj.arn as string, AttributeName: 'FilterPolicy', AttributeValue: '{"kind":["refund"]}' }));
    const drift = await h.read(S_, after);
    expect(js(drift).filter_policy).toBe('{"kind":["refund"]}');
    const back = await h.plan(S_, drift, cfg2);
    expect(js(back.plannedState).filter_policy).toBe(cfg.filter_policy);
    await h.apply(S_, drift, back.plannedState, cfg2);

    const imp = await h.importState(S_, sj.arn as string);
    expect(imp.diagnostics).toEqual([]);
    await h.expectNoChange(S_, imp.importedResources[0]!.state, cfg2);

    expect((await h.plan(S_, after, { ...cfg2, protocol: 'email', endpoint: 'a@example.com' })).requiresReplace).toEqual(
      expect.arrayContaining([[{ attr: 'endpoint' }], [{ attr: 'protocol' }]]));

    await h.destroy(S_, after);
    expect(await h.read(S_, after)).toBeNull();
  });

  it('waits for an HTTP endpoint that confirms by itself when endpoint_auto_confirms is set', async () => {
    // The endpoint visits the SubscribeURL of the confirmation request, as a webhook receiver does.
    const srv = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString(); });
      req.on('end', () => {
        const m = JSON.parse(body) as { Type: string; SubscribeURL?: string };
        const done = () => res.end('ok');
        if (m.Type === 'SubscriptionConfirmation' && m.SubscribeURL) void fetch(m.SubscribeURL).then(done, done);
        else done();
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const topic = js(await h.create(T_, { name: 'hooks' }));
      const endpoint = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`;
      const cfg = { topic_arn: topic.arn, protocol: 'http', endpoint, endpoint_auto_confirms: true };
      const s = js(await h.create(S_, cfg));
      expect(s).toMatchObject({ pending_confirmation: false, endpoint_auto_confirms: true, confirmation_timeout_in_minutes: 1 });
    } finally {
      srv.close();
    }
  });

  it('keeps an email subscription pending and reports a bad endpoint as the AWS error', async () => {
    const topic = js(await h.create(T_, { name: 'mail' }));
    const s = js(await h.create(S_, { topic_arn: topic.arn, protocol: 'email', endpoint: 'ops@example.com' }));
    expect(s.pending_confirmation).toBe(true);
    // AWS refuses to remove an unconfirmed subscription; destroy treats that as done, as hashicorp does.
    const unsub = await sns.send(new UnsubscribeCommand({ SubscriptionArn: s.arn as string })).then(() => undefined, (e: Error) => e);
    expect(unsub?.message).toBe('Invalid parameter: SubscriptionArn Reason: Cannot unsubscribe a subscription that is pending confirmation');
    await h.destroy(S_, await h.read(S_, h.config(S_, { ...s, id: s.arn })) as Value);
    const cfg = { topic_arn: topic.arn, protocol: 'sqs', endpoint: 'not-an-arn' };
    const pl = await h.plan(S_, null, cfg);
    const r = await h.p.applyResourceChange({ typeName: S_, priorState: nullVal(h.type(S_)), plannedState: pl.plannedState, config: h.config(S_, cfg) } as never);
    expect(r.diagnostics[0]?.summary).toMatch(/^creating SNS Topic Subscription: InvalidParameter(Exception)?: Invalid parameter: SQS endpoint ARN/);
  });
});
