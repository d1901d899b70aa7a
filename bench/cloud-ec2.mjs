// Requests per second of the local cloud's EC2 service for DescribeVpcs, CreateTags and
// RunInstances, driven through @aws-sdk/client-ec2 with concurrency.
//
// Run from the project root:  node bench/cloud-ec2.mjs [seconds=3] [concurrency=64] [workers=1]
// The cloud runs in this process (TypeScript sources through tsx's loader, temporary store);
// the SDK clients run in worker threads so that signing and XML parsing do not compete with
// the server on one core. For scale, the same harness is also run against a bare node:http
// server that answers a constant EC2 response: that figure is the ceiling of this machine's
// loopback HTTP, not of the cloud. A second pass sends the same requests as pre-built form
// bodies over keep-alive node:http (no SDK signing or XML parsing on the client), which shows
// what the server itself sustains. Nothing here passes or fails.
import { register } from 'tsx/esm/api';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const here = fileURLToPath(import.meta.url);

if (!isMainThread) {
  const http = await import('node:http');
  const { Agent } = http;
  const E = await import('@aws-sdk/client-ec2');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const { url, op, seconds, concurrency, args, raw } = workerData;
  const rawAgent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const rawBody = {
    DescribeVpcs: () => 'Action=DescribeVpcs&Version=2016-11-15',
    CreateTags: (n) => `Action=CreateTags&Version=2016-11-15&ResourceId.1=${args.vpcId}&Tag.1.Key=k${n % 40}&Tag.1.Value=${n}`,
    RunInstances: () => `Action=RunInstances&Version=2016-11-15&ImageId=${args.imageId}&InstanceType=t3.micro&MinCount=1&MaxCount=1&SubnetId=${args.subnetId}`,
  }[op];
  const auth = `AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
  const sendRaw = (n) =>
    new Promise((res, rej) => {
      const body = rawBody(n);
      const r = http.request(url, { method: 'POST', agent: rawAgent, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: auth, 'content-length': Buffer.byteLength(body) } }, (resp) => {
        resp.resume();
        resp.on('end', () => (resp.statusCode === 200 ? res() : rej(new Error(`HTTP ${resp.statusCode}`))));
      });
      r.on('error', rej);
      r.end(body);
    });
  const client = new E.EC2Client({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) }),
  });
  const make = {
    DescribeVpcs: () => new E.DescribeVpcsCommand({}),
    CreateTags: (n) => new E.CreateTagsCommand({ Resources: [args.vpcId], Tags: [{ Key: `k${n % 40}`, Value: String(n) }] }),
    RunInstances: () => new E.RunInstancesCommand({ ImageId: args.imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: args.subnetId }),
  }[op];
  let done = 0;
  let errors = 0;
  // Start together: the parent says go once every worker has loaded the SDK.
  parentPort.postMessage({ ready: true });
  await new Promise((r) => parentPort.once('message', r));
  const t0 = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        try {
          if (raw) await sendRaw(done);
          else await client.send(make(done));
          done++;
        } catch (e) {
          errors++;
          if (errors === 1) console.error(op, String(e));
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  client.destroy();
  parentPort.postMessage({ done, errors, secs });
} else {
  register();
  const root = resolve(dirname(here), '..');
  const seconds = Number(process.argv[2] ?? 3);
  const concurrency = Number(process.argv[3] ?? 64);
  const workers = Number(process.argv[4] ?? 1);
  const { startCloud } = await import(join(root, 'src/cloud/index.ts'));
  const { service } = await import(join(root, 'src/cloud/services/ec2/index.ts'));
  const E = await import('@aws-sdk/client-ec2');

  async function drive(url, op, args, raw = false) {
    const per = Math.max(1, Math.floor(concurrency / workers));
    const ws = Array.from({ length: workers }, () => new Worker(here, { workerData: { url, op, seconds, concurrency: per, args, raw } }));
    await Promise.all(ws.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); })));
    const results = await Promise.all(
      ws.map((w) => new Promise((res, rej) => {
        w.once('message', res);
        w.once('error', rej);
        w.postMessage('go');
      })),
    );
    const secs = Math.max(...results.map((r) => r.secs));
    const done = results.reduce((a, r) => a + r.done, 0);
    const errors = results.reduce((a, r) => a + r.errors, 0);
    return { rps: done / secs, done, errors };
  }

  const cloud = await startCloud({ port: 0, services: [service] });
  const c = new E.EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const vpcId = (await c.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId;
  for (let i = 1; i < 10; i++) await c.send(new E.CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
  const subnetId = (await c.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.0/16' }))).Subnet.SubnetId;
  const imageId = (await c.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }))).Images[0].ImageId;
  c.destroy();

  console.log(`EC2 via @aws-sdk/client-ec2, ${seconds}s per operation, ${concurrency} requests in flight over ${workers} worker(s), ${cpus().length} CPU(s)`);
  const rows = [];
  for (const raw of [false, true]) {
    console.log(raw ? 'Same operations as pre-built form bodies over keep-alive node:http (server capacity):' : 'Through the SDK:');
    for (const op of ['DescribeVpcs', 'CreateTags', 'RunInstances']) {
      await drive(cloud.url, op, { vpcId, subnetId, imageId }, raw); // warm-up
      const r = await drive(cloud.url, op, { vpcId, subnetId, imageId }, raw);
      rows.push([op, r]);
      console.log(`  ${op.padEnd(14)} ${r.rps.toFixed(0).padStart(7)} req/s  (${r.done} requests, ${r.errors} errors)`);
    }
  }
  await cloud.close();

  const body = '<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>x</requestId><vpcSet/></DescribeVpcsResponse>';
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${bare.address().port}`;
  const b = await drive(bareUrl, 'DescribeVpcs', {});
  const braw = await drive(bareUrl, 'DescribeVpcs', {}, true);
  console.log('A bare node:http server answering a constant DescribeVpcs (this machine\'s ceiling):');
  console.log(`  ${'via SDK'.padEnd(14)} ${b.rps.toFixed(0).padStart(7)} req/s`);
  console.log(`  ${'raw HTTP'.padEnd(14)} ${braw.rps.toFixed(0).padStart(7)} req/s`);
  bare.close();
}
