import { describe, it, expect } from 'vitest';
import { fixture, terrane } from './helpers.js';

describe('graph', () => {
  it('summarizes resources and their dependencies in DOT', () => {
    const dir = fixture('basic');
    const r = terrane(dir, ['graph']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^digraph G \{\n  rankdir = "RL";\n/);
    expect(r.stdout).toContain('\n  "null_resource.b" -> "terraform_data.a";\n');
    expect(r.stdout).not.toContain('provider[');
  });

  it('shows the operation graph with -type=plan and rejects unknown types', () => {
    const dir = fixture('basic');
    const r = terrane(dir, ['graph', '-type=plan']);
    expect(r.stdout).toContain('"[root] terraform_data.many (expand)"');
    expect(r.stdout).toContain('shape = "diamond"');
    const bad = terrane(dir, ['graph', '-type=nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Unsupported graph type');
  });
});

describe('providers', () => {
  it('prints the requirement tree', () => {
    const dir = fixture('basic');
    const r = terrane(dir, ['providers']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Providers required by configuration:\n.\n├── provider[registry.terraform.io/hashicorp/null]\n└── provider[terraform.io/builtin/terraform]\n');
  });
});

describe('providers schema -json', () => {
  it('prints the schemas of the providers in use', () => {
    const j = JSON.parse(terrane(fixture('basic'), ['providers', 'schema', '-json']).stdout);
    expect(j.format_version).toBe('1.0');
    const nr = j.provider_schemas['registry.terraform.io/hashicorp/null'].resource_schemas.null_resource;
    expect(nr.block.attributes.triggers).toMatchObject({ type: ['map', 'string'], optional: true });
    expect(nr.block.attributes.id.computed).toBe(true);
  });
});
