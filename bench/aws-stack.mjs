// Wall time of apply, no-change plan and destroy of AWS stacks on terrane's built-in cloud,
// through the built CLI as a user runs it, and the AWS calls each step makes per resource
// (read from the cloud's /metrics). Stacks: examples/network, and a generated stack of 50
// subnets, 50 security groups and 100 instances (201 resources with its VPC).
// When `terraform` and a hashicorp/aws plugin mirror are available (TERRANE_TF_PLUGIN_MIRROR),
// the same stacks are run with Terraform + hashicorp/aws against the same cloud, side by side.
//   npm run build && node bench/aws-stack.mjs [network,big] [parallelism=10]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloud } from '../dist/cloud/index.js';

const ROOT = join(import.meta.dirname, '..');
const which = (process.argv[2] ?? 'network,big').split(',');
const parallelism = Number(process.argv[3] ?? 10);
const mirror = process.env.TERRANE_TF_PLUGIN_MIRROR;
const tf = mirror && spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0 ? 'terraform' : undefined;

function bigStack(providerBlock) {
  return `${providerBlock}
data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

resource "aws_vpc" "big" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "s" {
  count             = 50
  vpc_id            = aws_vpc.big.id
  cidr_block        = cidrsubnet(aws_vpc.big.cidr_block, 8, count.index)
  availability_zone = element(["us-east-1a", "us-east-1b", "us-east-1c"], count.index)
}

resource "aws_security_group" "g" {
  count  = 50
  name   = "g-\${count.index}"
  vpc_id = aws_vpc.big.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "i" {
  count                  = 100
  ami                    = data.aws_ami.al2023.id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.s[count.index % 50].id
  vpc_security_group_ids = [aws_security_group.g[count.index % 50].id]
}
`;
}

const TF_PROVIDER = (url) => `provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = false
  skip_metadata_api_check     = true
  endpoints {
    ec2 = "${url}"
    sts = "${url}"
    iam = "${url}"
    s3  = "${url}"
  }
}
`;

function run(cmd, args, cwd, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => resolve({ code, out, ms: performance.now() - t0 }));
  });
}

async function requests(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  let n = 0;
  for (const line of text.split('\n')) if (line.startsWith('terrane_cloud_requests_total{')) n += Number(line.split(' ').pop());
  return n;
}

async function measure(label, tool, dir, url, resources) {
  const terrane = (args) => run(process.execPath, [join(ROOT, 'bin/terrane.js'), ...args], dir, { TERRANE_CLOUD_ENDPOINT: url });
  const terraform = (args) => run(tf, args, dir, { TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1' });
  const exec = tool === 'terrane' ? terrane : terraform;
  const par = `-parallelism=${parallelism}`;
  const steps = [
    ['init', ['init', '-input=false']],
    ['apply', ['apply', '-auto-approve', '-input=false', par]],
    ['plan (no change)', ['plan', '-detailed-exitcode', '-input=false', par]],
    ['destroy', ['destroy', '-auto-approve', '-input=false', par]],
  ];
  const row = { stack: label, tool };
  for (const [name, args] of steps) {
    const before = await requests(url);
    const r = await exec(args);
    const calls = (await requests(url)) - before;
    if (r.code !== 0) { console.error(`${tool} ${name} failed (exit ${r.code}):\n${r.out.slice(-3000)}`); row[name] = 'failed'; return row; }
    row[name] = `${(r.ms / 1000).toFixed(2)} s`;
    if (name !== 'init') row[`${name} calls/res`] = (calls / resources).toFixed(1);
  }
  return row;
}

const cloud = await startCloud({ port: 0, logLevel: 'silent' });
const rows = [];
try {
  for (const stack of which) {
    for (const tool of ['terrane', ...(tf ? ['terraform'] : [])]) {
      const dir = mkdtempSync(join(tmpdir(), `terrane-bench-${stack}-`));
      let resources;
      if (stack === 'network') {
        cpSync(join(ROOT, 'examples/network'), dir, { recursive: true });
        rmSync(join(dir, '.terraform'), { recursive: true, force: true });
        if (tool === 'terraform') writeFileSync(join(dir, 'override.tf'), TF_PROVIDER(cloud.url));
        resources = 8;
      } else {
        writeFileSync(join(dir, 'main.tf'), bigStack(tool === 'terraform' ? TF_PROVIDER(cloud.url) : 'provider "aws" {\n  region = "us-east-1"\n}\n'));
        resources = 201;
      }
      if (tool === 'terraform') writeFileSync(join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
      rows.push(await measure(stack, tool, dir, cloud.url, resources));
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await cloud.close();
}
console.log(`parallelism ${parallelism}; ${tf ? 'Terraform + hashicorp/aws alongside' : 'no terraform/TERRANE_TF_PLUGIN_MIRROR: terrane only'}`);
console.table(rows);
