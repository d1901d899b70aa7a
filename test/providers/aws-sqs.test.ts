/**
 * aws_sqs_queue and aws_sqs_queue_policy through the provider protocol against the
 * in-process cloud: state as hashicorp stores it, no drift after apply (JSON policies
 * included), in-place updates, replacement, drift seen, import by URL, destroy, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueuesCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

let cloud: RunningCloud;
let h: Harness;
let sqs: SQSClient;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ sqs: cloud.url, sts: cloud.url }],
  });
  sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  sqs?.destroy();
  await h?.p.close?.();
  await cloud?.close();
});

const Q = 'aws_sqs_queue';
const P = 'aws_sqs_queue_policy';

describe('aws_sqs_queue', () => {
  it('creates a queue with hashicorp defaults in state and plans no change after', async () => {
    const cfg = { name: 'orders', tags: { Team: 'shop' } };
    const s = js(await h.create(Q, cfg));
    expect(s.id).toMatch(/\/000000000000\/orders$/);
    expect(s.url).toBe(s.id);
    expect(s.arn).toBe('arn:aws:sqs:us-east-1:000000000000:orders');
    expect(s).toMatchObject({
      name: 'orders', fifo_queue: false, content_based_deduplication: false, delay_seconds: 0, max_message_size: 262144,
      message_retention_seconds: 345600, receive_wait_time_seconds: 0, visibility_timeout_seconds: 30,
      kms_data_key_reuse_period_seconds: 300, policy: '', redrive_policy: '', redrive_allow_policy: '', kms_master_key_id: '',
      deduplication_scope: '', fifo_throughput_limit: '', tags: { Team: 'shop' }, tags_all: { Team: 'shop' },
    });
    await h.expectNoChange(Q, await h.create(Q, { name: 'orders-2' }), { name: 'orders-2' });
  });

  it('makes FIFO names end in .fifo, generates names from a prefix, and rejects bad names at plan', async () => {
    const fifo = js(await h.create(Q, { name_prefix: 'jobs-', fifo_queue: true, content_based_deduplication: true }));
    expect(fifo.name).toMatch(/^jobs-\d{18}[0-9a-f]{8}\.fifo$/);
    expect(fifo).toMatchObject({ name_prefix: 'jobs-', fifo_queue: true, content_based_deduplication: true, deduplication_scope: 'queue', fifo_throughput_limit: 'perQueue' });
    const gen = js(await h.create(Q, {}));
    expect(gen.name).toMatch(/^terraform-\d{18}[0-9a-f]{8}$/);
    const bad = await h.plan(Q, null, { name: 'no-suffix', fifo_queue: true });
    expect(bad.diagnostics[0]?.summary).toBe('invalid queue name: no-suffix');
    const cbd = await h.plan(Q, null, { name: 'plain', content_based_deduplication: true });
    expect(cbd.diagnostics[0]?.summary).toBe('content-based deduplication can only be set for FIFO queue');
    const range = await h.plan(Q, null, { name: 'slow', delay_seconds: 1000 });
    expect(range.diagnostics[0]?.summary).toBe('expected delay_seconds to be in the range (0 - 900), got 1000');
  });

  it('keeps an equivalent policy and redrive policy as written, updates in place, and replaces on a new name', async () => {
    const dlq = js(await h.create(Q, { name: 'orders-dlq' }));
    const policy = `{
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": ["sqs:SendMessage"], "Resource": "*" }]
    }`;
    const redrive = `{ "maxReceiveCount": 4, "deadLetterTargetArn": "${dlq.arn as string}" }`;
    const cfg = { name: 'orders-main', policy, redrive_policy: redrive, visibility_timeout_seconds: 60 };
    const state = await h.create(Q, cfg);
    expect(js(state).policy).toBe(policy);
    // AWS re-serialises what it stores; the next read must still keep the configured text.
    const url = js(state).id as string;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify(JSON.parse(policy)).replace('["sqs:SendMessage"]', '"sqs:SendMessage"') } }));
    const read = await h.expectNoChange(Q, state, cfg);
    expect(js(read).redrive_policy).toBe(redrive);

    const upd = await h.plan(Q, read, { ...cfg, visibility_timeout_seconds: 90, tags: { Env: 'dev' } });
    expect(upd.requiresReplace).toEqual([]);
    const after = js(await h.apply(Q, read, upd.plannedState, { ...cfg, visibility_timeout_seconds: 90, tags: { Env: 'dev' } }));
    expect(after.visibility_timeout_seconds).toBe(90);
    expect(after.tags_all).toEqual({ Env: 'dev' });
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }));
    expect(attrs.Attributes?.VisibilityTimeout).toBe('90');

    const repl = await h.plan(Q, read, { ...cfg, name: 'orders-renamed' });
    expect(repl.requiresReplace).toContainEqual([{ attr: 'name' }]);
    const fifoRepl = await h.plan(Q, read, { ...cfg, fifo_queue: true });
    expect(fifoRepl.requiresReplace).toContainEqual([{ attr: 'fifo_queue' }]);
  });

  it('keeps a redrive allow policy as written and updates content-based deduplication of a FIFO queue in place', async () => {
    const src = js(await h.create(Q, { name: 'src' }));
    const allow = `{ "redrivePermission": "byQueue", "sourceQueueArns": ["${src.arn as string}"] }`;
    const cfg = { name: 'dead.fifo', fifo_queue: true, redrive_allow_policy: allow };
    const s = await h.expectNoChange(Q, await h.create(Q, cfg), cfg);
    expect(js(s)).toMatchObject({ redrive_allow_policy: allow, content_based_deduplication: false, fifo_queue: true });
    const upd = await h.plan(Q, s, { ...cfg, content_based_deduplication: true });
    expect(upd.requiresReplace).toEqual([]);
    const after = await h.apply(Q, s, upd.plannedState, { ...cfg, content_based_deduplication: true });
    expect(js(after).content_based_deduplication).toBe(true);
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: js(after).url as string, AttributeNames: ['ContentBasedDeduplication'] }));
    expect(attrs.Attributes?.ContentBasedDeduplication).toBe('true');
  });

  it('sees a change made outside, imports by URL with no change planned, and destroys', async () => {
    const cfg = { name: 'imported', message_retention_seconds: 86400 };
    const made = await sqs.send(new CreateQueueCommand({ QueueName: 'imported', Attributes: { MessageRetentionPeriod: '86400' } }));
    const imp = await h.importState(Q, made.QueueUrl!);
    expect(imp.diagnostics).toEqual([]);
    const state = imp.importedResources[0]!.state;
    expect(js(state)).toMatchObject({ name: 'imported', message_retention_seconds: 86400, url: made.QueueUrl });
    await h.expectNoChange(Q, state, cfg);

    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: made.QueueUrl!, Attributes: { DelaySeconds: '15' } }));
    const drift = await h.read(Q, state);
    expect(js(drift).delay_seconds).toBe(15);
    const fix = await h.plan(Q, drift, cfg);
    expect(js(fix.plannedState).delay_seconds).toBe(0);

    await h.destroy(Q, drift!);
    const left = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'imported' }));
    expect(left.QueueUrls ?? []).toEqual([]);
    expect(await h.read(Q, drift!)).toBeNull();
  });

  it('reports an AWS error with the operation, code and message', async () => {
    const cfg = { name: 'bad-redrive', redrive_policy: '{"maxReceiveCount":5}' };
    const pl = await h.plan(Q, null, cfg);
    const r = await h.p.applyResourceChange({ typeName: Q, priorState: nullVal(h.type(Q)), plannedState: pl.plannedState, config: h.config(Q, cfg) } as never);
    expect(r.diagnostics[0]?.summary).toMatch(/^creating SQS Queue \(bad-redrive\): InvalidAttributeValue: .*deadLetterTargetArn/);
  });
});

describe('aws_sqs_queue_policy', () => {
  it('sets, keeps the configured text, updates, imports by URL and deletes', async () => {
    const q = js(await h.create(Q, { name: 'with-policy' }));
    const url = q.url as string;
    const doc = (sid: string) => `{"Version":"2012-10-17","Statement":[{"Sid":"${sid}","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"${q.arn as string}"}]}`;
    const cfg = { queue_url: url, policy: doc('a') };
    const s = await h.create(P, cfg);
    expect(js(s)).toMatchObject({ id: url, queue_url: url, policy: doc('a') });
    const read = await h.expectNoChange(P, s, cfg);

    const upd = await h.plan(P, read, { queue_url: url, policy: doc('b') });
    expect(upd.requiresReplace).toEqual([]);
    await h.apply(P, read, upd.plannedState, { queue_url: url, policy: doc('b') });
    const got = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }));
    expect(JSON.parse(got.Attributes!.Policy!).Statement[0].Sid).toBe('b');

    // A policy replaced by hand shows as the new text, planned back to the configuration.
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: doc('by-hand') } }));
    const drift = await h.read(P, read);
    expect(js(drift).policy).toBe(doc('by-hand'));
    expect(js((await h.plan(P, drift, { queue_url: url, policy: doc('b') })).plannedState).policy).toBe(doc('b'));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: doc('b') } }));

    const imp = await h.importState(P, url);
    expect(imp.diagnostics).toEqual([]);
    await h.expectNoChange(P, imp.importedResources[0]!.state, { queue_url: url, policy: doc('b') });

    const other = await h.plan(P, read, { queue_url: `${url}-other`, policy: doc('b') });
    expect(other.requiresReplace).toContainEqual([{ attr: 'queue_url' }]);

    await h.destroy(P, imp.importedResources[0]!.state);
    const gone = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }));
    expect(gone.Attributes?.Policy).toBeUndefined();
    expect(await h.read(P, read)).toBeNull();
  });
});
