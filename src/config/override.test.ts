import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as T from '../lang/types.js';
import { toJS } from '../providers/sdk/obj.js';
import { loadModule } from './load-module.js';

function load(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-override-'));
  for (const [n, text] of Object.entries(files)) writeFileSync(join(dir, n), text);
  return loadModule(dir);
}

const base = `
variable "size" {
  type    = string
  default = "small"
}

resource "aws_instance" "web" {
  count         = 2
  ami           = "ami-0abc"
  instance_type = "t2.micro"

  ingress {
    port = 22
  }
  ingress {
    port = 80
  }

  lifecycle {
    create_before_destroy = true
  }
}

output "ip" {
  value       = "10.0.0.1"
  description = "the address"
}
`;

describe('override files', () => {
  it('merge argument by argument: nested block types replace, lifecycle merges, for_each drops count', () => {
    const { module: m, diags } = load({
      'main.tf': base,
      'override.tf': `
resource "aws_instance" "web" {
  for_each      = toset(["a"])
  instance_type = "t3.large"

  ingress {
    port = 443
  }

  lifecycle {
    prevent_destroy = true
  }
}

variable "size" {
  default = "large"
}

output "ip" {
  value = "10.0.0.2"
}
`,
    });
    expect(diags).toEqual([]);
    const r = m.managedResources.get('aws_instance.web')!;
    expect(r.count).toBeUndefined();
    expect(r.forEach).toBeDefined();
    expect(r.lifecycle.createBeforeDestroy).toBe(true);
    expect(r.lifecycle.preventDestroy).toBeDefined();
    const { content } = r.config.content({ attributes: [{ name: 'ami' }, { name: 'instance_type' }], blocks: [{ type: 'ingress', labelNames: [] }] });
    expect([...content.attributes.keys()].sort()).toEqual(['ami', 'instance_type']);
    expect(content.attributes.get('instance_type')!.range.filename).toMatch(/override\.tf$/);
    expect(content.attributes.get('ami')!.range.filename).toMatch(/main\.tf$/);
    expect(content.blocks).toHaveLength(1);
    expect(content.blocks[0]!.range.filename).toMatch(/override\.tf$/);
    const v = m.variables.get('size')!;
    expect(toJS(v.default!)).toBe('large');
    expect(v.type).toBe(T.String);
    const o = m.outputs.get('ip')!;
    expect(o.description).toBe('the address');
  });

  it('apply in name order, later override files over earlier ones, JSON ones too', () => {
    const { module: m, diags } = load({
      'main.tf': base,
      'a_override.tf': 'variable "size" {\n  default = "medium"\n}\n',
      'b_override.tf.json': '{"variable": {"size": {"description": "from JSON"}}}',
    });
    expect(diags).toEqual([]);
    const v = m.variables.get('size')!;
    expect(toJS(v.default!)).toBe('medium');
    expect(v.description).toBe('from JSON');
  });

  it.each([
    ['resource "aws_instance" "db" {\n  ami = "x"\n}\n', 'Missing resource to override', 'There is no aws_instance resource named "db". An override file can only override a resource block defined in a primary configuration file.'],
    ['data "aws_ami" "x" {\n}\n', 'Missing data resource to override', 'There is no aws_ami data resource named "x".'],
    ['variable "other" {\n}\n', 'Missing base variable declaration to override', 'There is no variable named "other".'],
    ['output "other" {\n  value = 1\n}\n', 'Missing base output definition to override', 'There is no output named "other".'],
    ['module "net" {\n  source = "./net"\n}\n', 'Missing module call to override', 'There is no module call named "net".'],
    ['locals {\n  zone = "a"\n}\n', 'Missing base local value definition to override', 'There is no local value named "zone".'],
    ['provider "aws" {\n  alias = "west"\n}\n', 'Missing base provider configuration for override', 'There is no aws provider configuration with the alias "west".'],
    ['moved {\n  from = aws_instance.a\n  to   = aws_instance.b\n}\n', "Cannot override 'moved' blocks", 'Records of moved objects can appear only in normal files, not in override files.'],
    ['import {\n  to = aws_instance.web\n  id = "i-1"\n}\n', "Cannot override 'import' blocks", 'Import blocks can appear only in normal files, not in override files.'],
  ])('report an override with nothing to override: %s', (text, summary, detail) => {
    const { diags } = load({ 'main.tf': base, 'override.tf': text });
    expect(diags.map((d) => d.summary)).toEqual([summary]);
    expect(diags[0]!.detail).toContain(detail);
    expect(diags[0]!.subject!.filename).toMatch(/override\.tf$/);
    // The block header, or for locals the value's name.
    expect(diags[0]!.subject!.start.line).toBe(text.startsWith('locals') ? 2 : 1);
  });

  it('may introduce a default provider configuration', () => {
    const { module: m, diags } = load({ 'main.tf': base, 'override.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n' });
    expect(diags).toEqual([]);
    expect(m.providers.has('aws')).toBe(true);
  });
});
