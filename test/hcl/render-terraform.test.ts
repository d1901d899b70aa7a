/**
 * Parser ranges and diagnostic rendering together, against Terraform itself: for every
 * invalid corpus file, the errors must print exactly as `terraform validate` printed them
 * (goldens in testdata/hcl/render/invalid, captured from Terraform 1.11 with and without
 * -no-color). The root body is decoded with Terraform's top-level schema, as validate does.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/hcl/parse.js';
import { bodyOf, type BodySchema } from '../../src/hcl/body.js';
import { renderDiagnostics } from '../../src/hcl/diagnostic-render.js';

const corpus = join(import.meta.dirname, '../../testdata/hcl/corpus/invalid');
const goldens = join(import.meta.dirname, '../../testdata/hcl/render/invalid');
const files = readdirSync(corpus).filter((f) => f.endsWith('.tf')).sort();

const ROOT: BodySchema = {
  attributes: [],
  blocks: [
    ['terraform'], ['provider', 'name'], ['variable', 'name'], ['locals'], ['output', 'name'], ['module', 'name'],
    ['resource', 'type', 'name'], ['data', 'type', 'name'], ['moved'], ['import'], ['check', 'name'], ['removed'],
    ['ephemeral', 'type', 'name'],
  ].map(([type, ...labelNames]) => ({ type: type!, labelNames })),
};

describe('errors print like terraform validate', () => {
  it.each(files)('%s', (name) => {
    const src = readFileSync(join(corpus, name), 'utf8');
    const { file, diags } = parseConfig(src, 'main.tf');
    diags.push(...bodyOf(file).content(ROOT).diags);
    const sources = new Map([['main.tf', src]]);
    const base = name.replace(/\.tf$/, '');
    expect(renderDiagnostics(diags, sources, { color: false }).stderr).toBe(readFileSync(join(goldens, `${base}.plain.golden`), 'utf8'));
    expect(renderDiagnostics(diags, sources, { color: true }).stderr).toBe(readFileSync(join(goldens, `${base}.color.golden`), 'utf8'));
  });
});
