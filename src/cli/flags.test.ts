import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from './flags.js';

const spec: FlagSpec = {
  'auto-approve': { type: 'bool' },
  var: { type: 'list' },
  'var-file': { type: 'list' },
  out: { type: 'string' },
  parallelism: { type: 'int', default: 10 },
  refresh: { type: 'bool', default: true },
};

describe('parseFlags', () => {
  it('accepts one or two dashes, = or a separate value', () => {
    const p = parseFlags(['--auto-approve', '-out', 'plan.bin', '-parallelism=3', 'dir'], spec);
    expect(p.error).toBeUndefined();
    expect(p.flags).toMatchObject({ 'auto-approve': true, out: 'plan.bin', parallelism: 3, refresh: true });
    expect(p.positional).toEqual(['dir']);
  });
  it('keeps -var and -var-file in command-line order', () => {
    const p = parseFlags(['-var', 'a=1', '-var-file=x.tfvars', '-var=b=2'], spec);
    expect(p.flags.var).toEqual(['a=1', 'b=2']);
    expect(p.ordered.map((o) => o.name)).toEqual(['var', 'var-file', 'var']);
  });
  it('parses boolean values like Go', () => {
    expect(parseFlags(['-refresh=false'], spec).flags.refresh).toBe(false);
    expect(parseFlags(['-refresh=nope'], spec).error).toMatch(/invalid boolean value/);
  });
  it('reports unknown flags and missing values like Go', () => {
    expect(parseFlags(['-bogus'], spec).error).toBe('flag provided but not defined: -bogus');
    expect(parseFlags(['-out'], spec).error).toBe('flag needs an argument: -out');
    expect(parseFlags(['-parallelism=x'], spec).error).toMatch(/invalid value "x" for flag -parallelism/);
  });
  it('stops at -- and at the first positional', () => {
    expect(parseFlags(['--', '-out'], spec).positional).toEqual(['-out']);
    expect(parseFlags(['a', '-out', 'x'], spec).positional).toEqual(['a', '-out', 'x']);
  });
});
