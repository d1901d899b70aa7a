// Regenerates the golden outputs of aws_iam_policy_document from the real hashicorp/aws
// provider: node regenerate.mjs (needs terraform on PATH and TF_CLI_CONFIG_FILE pointing at
// a CLI config whose provider_installation finds hashicorp/aws 5.100.0). Writes
// <case>/main.tf and <case>/expected.json for every case of cases.json and errors.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PROVIDER = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;
const BLOCKS = new Set(['statement', 'principals', 'not_principals', 'condition']);

function hclString(s) {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (c < 0x20 || c > 0x7e) out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

function body(obj, indent) {
  const pad = '  '.repeat(indent);
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (BLOCKS.has(k)) {
      for (const b of v) out += `${pad}${k} {\n${body(b, indent + 1)}${pad}}\n`;
    } else if (Array.isArray(v)) out += `${pad}${k} = [${v.map(hclString).join(', ')}]\n`;
    else out += `${pad}${k} = ${hclString(v)}\n`;
  }
  return out;
}

const dataBlock = (name, config) => `data "aws_iam_policy_document" "${name}" {\n${body(config, 1)}}\n`;

function run(dir, args) {
  try {
    return { ok: true, out: execFileSync('terraform', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TF_IN_AUTOMATION: '1' } }) };
  } catch (e) {
    return { ok: false, out: String(e.stdout) + String(e.stderr) };
  }
}

function workdir(tf) {
  const dir = mkdtempSync(join(tmpdir(), 'iam-doc-'));
  writeFileSync(join(dir, 'provider.tf'), PROVIDER);
  writeFileSync(join(dir, 'main.tf'), tf);
  const init = run(dir, ['init', '-no-color']);
  if (!init.ok) throw new Error(init.out);
  return dir;
}

const cases = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));
const errors = JSON.parse(readFileSync(join(here, 'errors.json'), 'utf8'));

for (const c of [...cases, ...errors]) {
  mkdirSync(join(here, c.name), { recursive: true });
  writeFileSync(join(here, c.name, 'main.tf'), dataBlock('this', c.config));
}

const dir = workdir(cases.map((c) => dataBlock(c.name, c.config)).join('\n'));
const applied = run(dir, ['apply', '-auto-approve', '-no-color']);
if (!applied.ok) throw new Error(applied.out);
const state = JSON.parse(run(dir, ['show', '-json']).out);
for (const r of state.values.root_module.resources) {
  const { json, minified_json, id } = r.values;
  writeFileSync(join(here, r.name, 'expected.json'), JSON.stringify({ json, minified_json, id }, null, 2) + '\n');
}

for (const c of errors) {
  const d = workdir(dataBlock('this', c.config));
  const plan = run(d, ['plan', '-no-color']);
  if (plan.ok) throw new Error(`${c.name}: expected an error`);
  const m = /Error: (.*)/.exec(plan.out);
  writeFileSync(join(here, c.name, 'expected.json'), JSON.stringify({ error: m ? m[1] : plan.out }, null, 2) + '\n');
}
console.log(`${cases.length} cases, ${errors.length} errors`);
