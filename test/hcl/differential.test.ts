/**
 * Differential test of the native-syntax parser against HashiCorp's own (through
 * @cdktf/hcl2json, which runs hclsyntax compiled to WASM): every corpus file must convert
 * to the same JSON, and invalid files must fail in both with the same errors on the same
 * lines, which also match the `# ERROR: <summary>` markers written in the files.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { parseConfig } from '../../src/hcl/parse.js';
import { toHcl2Json } from './to-hcl2json.js';

const dir = join(import.meta.dirname, '../../testdata/hcl/corpus');
const valid = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
const invalid = readdirSync(join(dir, 'invalid')).filter((f) => f.endsWith('.tf')).sort();

/** HCL's error list as `line:column: summary`, from hcl2json's message `[main.tf:3,5-6: Summary; Detail ...]`. */
function referenceErrors(message: string): string[] {
  const out: string[] = [];
  const re = /main\.tf:(\d+),(\d+)-(?:\d+,)?\d+: ([^;]+);/g;
  for (let m = re.exec(message); m; m = re.exec(message)) out.push(`${m[1]}:${m[2]}: ${m[3]}`);
  return out.sort();
}

async function reference(src: string): Promise<{ json?: unknown; errors?: string[] }> {
  try {
    return { json: await parse('main.tf', src) };
  } catch (e) {
    return { errors: referenceErrors(String(e)) };
  }
}

describe('native parser agrees with HCL on valid files', () => {
  it.each(valid)('%s', async (name) => {
    const src = readFileSync(join(dir, name), 'utf8');
    const ref = await reference(src);
    expect(ref.errors, 'the reference parser rejects this corpus file').toBeUndefined();
    const { file, diags } = parseConfig(src, 'main.tf');
    expect(diags.filter((d) => d.severity === 'error').map((d) => `${d.subject?.start.line}: ${d.summary}: ${d.detail}`)).toEqual([]);
    expect(toHcl2Json(file)).toEqual(ref.json);
  });
});

/**
 * Known disagreements, each with its reason. They run as `it.fails`, so fixing the parser
 * makes the test fail until the entry is removed here.
 */
const KNOWN_MISMATCHES: Record<string, string> = {};

describe('native parser agrees with HCL on invalid files', () => {
  const cases = invalid.filter((n) => !(n in KNOWN_MISMATCHES));
  const known = invalid.filter((n) => n in KNOWN_MISMATCHES);
  if (known.length) {
    it.each(known)('%s (known mismatch)', async (name) => {
      await checkInvalid(name);
    }, { fails: true });
  }
  it.each(cases)('%s', async (name) => {
    await checkInvalid(name);
  });
});

async function checkInvalid(name: string): Promise<void> {
  {
    const src = readFileSync(join(dir, 'invalid', name), 'utf8');
    const markers = src.split('\n').flatMap((l, i) => {
      const m = /# ERROR: (.+?)\s*$/.exec(l);
      return m ? [`${i + 1}: ${m[1]}`] : [];
    });
    expect(markers.length, 'an invalid file marks its expected error').toBeGreaterThan(0);
    const ref = await reference(src);
    expect(ref.errors, 'the reference parser accepts this file').toBeDefined();
    const lineOnly = (e: string): string => e.replace(/^(\d+):\d+:/, '$1:');
    for (const m of markers) expect(ref.errors!.map(lineOnly), 'marker disagrees with HCL').toContain(m);

    const { diags } = parseConfig(src, 'main.tf');
    const ours = diags.filter((d) => d.severity === 'error').map((d) => `${d.subject?.start.line}:${d.subject?.start.column}: ${d.summary}`).sort();
    for (const m of markers) expect(ours.map(lineOnly)).toContain(m);
    // Same errors at the same line and column as HCL.
    expect(ours).toEqual(ref.errors);
  }
}
