import { describe, it, expect } from 'vitest';
import {
  parseModuleInstance, parseModule, parseAbsResource, parseAbsResourceInstance, parseResource,
  parseResourceInstance, parseAbsProviderConfig, parseLocalProviderConfig, parseProviderSource,
  parseTarget, parseMoveEndpoint, checkMoveEndpoints, parseAbsOutputValue, parseConfigResource,
  hclQuote, instanceKeyString, compareInstanceKeys, impliedProvider, targetContains,
  ModuleInstance, AbsResource, AbsResourceInstance, Resource, ResourceInstance, OutputValue,
  LocalValue, InputVariable, ModuleCall, parseTraversal,
} from './index.js';

type Parser = (s: string) => { value: { toString(): string; uniqueKey(): string } | undefined; diags: { summary: string; detail?: string }[] };

const roundTrips: [string, Parser, string][] = [
  ['module instance', parseModuleInstance, 'module.net["a"].module.x[0]'],
  ['module instance (root)', parseModuleInstance, ''],
  ['module instance (int keys)', parseModuleInstance, 'module.a[0].module.b[12]'],
  ['module', parseModule, 'module.a.module.b'],
  ['abs resource', parseAbsResource, 'module.a["x"].aws_instance.web'],
  ['abs resource data', parseAbsResource, 'data.aws_ami.u'],
  ['abs resource instance', parseAbsResourceInstance, 'module.a.aws_instance.web[3]'],
  ['abs resource instance string', parseAbsResourceInstance, 'aws_subnet.public["us-east-1a"]'],
  ['abs resource instance escapes', parseAbsResourceInstance, 'aws_x.y["a\\"b\\\\c\\n\\t"]'],
  ['abs resource instance template escape', parseAbsResourceInstance, 'aws_x.y["$${x}%%{y}"]'],
  ['abs resource instance unicode', parseAbsResourceInstance, 'aws_x.y["héllo 世界"]'],
  ['ephemeral', parseAbsResourceInstance, 'ephemeral.aws_secret.s'],
  ['resource', parseResource, 'aws_instance.web'],
  ['resource instance', parseResourceInstance, 'data.aws_ami.u[0]'],
  ['config resource', parseConfigResource, 'module.a.module.b.aws_x.y'],
  ['provider config', parseAbsProviderConfig, 'provider["registry.terraform.io/hashicorp/aws"]'],
  ['provider config alias', parseAbsProviderConfig, 'provider["registry.terraform.io/hashicorp/aws"].west'],
  ['provider config module', parseAbsProviderConfig, 'module.x.module.y.provider["registry.terraform.io/hashicorp/aws"].west'],
  ['provider config builtin', parseAbsProviderConfig, 'provider["terraform.io/builtin/terraform"]'],
  ['local provider config', parseLocalProviderConfig, 'aws.west'],
  ['output', parseAbsOutputValue, 'module.a[1].output.url'],
  ['target module', (s) => wrapTarget(s), 'module.a["k"]'],
  ['target resource', (s) => wrapTarget(s), 'module.a.aws_x.y'],
  ['target instance', (s) => wrapTarget(s), 'aws_x.y[2]'],
  ['move endpoint module', parseMoveEndpoint, 'module.a[1]'],
  ['move endpoint instance', parseMoveEndpoint, 'aws_x.y["a"]'],
];

function wrapTarget(s: string) {
  const r = parseTarget(s);
  return { value: r.value?.subject, diags: r.diags };
}

describe('address round trips', () => {
  it.each(roundTrips)('%s: %s', (_n, parse, src) => {
    const r = parse(src);
    expect(r.diags).toEqual([]);
    expect(r.value!.toString()).toBe(src);
    const again = parse(r.value!.toString());
    expect(again.value!.uniqueKey()).toBe(r.value!.uniqueKey());
  });
});

const normalising: [string, Parser, string, string][] = [
  ['resource. prefix dropped', parseAbsResourceInstance, 'resource.aws_x.y', 'aws_x.y'],
  ['resource. prefix kept for keywords', parseAbsResourceInstance, 'resource.count.x', 'resource.count.x'],
  ['legacy dot index', parseAbsResourceInstance, 'aws_x.y.0', 'aws_x.y[0]'],
  ['unicode escape', parseAbsResourceInstance, 'aws_x.y["\\u00e9"]', 'aws_x.y["é"]'],
  ['control char escaped as \\u', parseAbsResourceInstance, 'aws_x.y["\\u0001"]', 'aws_x.y["\\u0001"]'],
  ['legacy provider', parseAbsProviderConfig, 'provider.aws', 'provider["registry.terraform.io/-/aws"]'],
  ['provider case folded', parseAbsProviderConfig, 'provider["Registry.Terraform.io/HashiCorp/AWS"]', 'provider["registry.terraform.io/hashicorp/aws"]'],
];

describe('addresses that print in canonical form', () => {
  it.each(normalising)('%s', (_n, parse, src, want) => {
    const r = parse(src);
    expect(r.diags).toEqual([]);
    expect(r.value!.toString()).toBe(want);
    expect(parse(want).value!.uniqueKey()).toBe(r.value!.uniqueKey());
  });
});

const errors: [string, Parser, string, string][] = [
  ['empty', parseAbsResource, '', 'Must begin with a variable name.'],
  ['module without name', parseModuleInstance, 'module', 'Prefix "module." must be followed by a module name.'],
  ['module then resource', parseModuleInstance, 'module.a.aws_x.y', 'A module instance address must be'],
  ['fractional module key', parseModuleInstance, 'module.a[1.5]', 'Invalid module index: value must be a whole number'],
  ['resource without name', parseAbsResource, 'aws_instance', 'Resource specification must include a resource type and name.'],
  ['resource key not in brackets', parseAbsResourceInstance, 'aws_x.y.z', 'Resource instance key must be given in square brackets.'],
  ['extra operators', parseAbsResourceInstance, 'aws_x.y[0][1]', 'Unexpected extra operators after address.'],
  ['reserved word', parseAbsResource, 'var.foo', 'The keyword "var" is reserved'],
  ['abs resource with key', parseAbsResource, 'aws_x.y[0]', 'This instance key identifies a specific resource instance'],
  ['module path only', parseAbsResource, 'module.a', 'The module path must be followed by a resource specification.'],
  ['data without name', parseAbsResource, 'data.x', 'Resource specification must include a resource type and name.'],
  ['unterminated string', parseAbsResourceInstance, 'aws_x.y["a]', 'The string literal is not terminated.'],
  ['bad escape', parseAbsResourceInstance, 'aws_x.y["\\q"]', 'not a valid escape sequence'],
  ['template in key', parseAbsResourceInstance, 'aws_x.y["${a}"]', 'Template sequences are not allowed'],
  ['missing bracket', parseAbsResourceInstance, 'aws_x.y[0', 'closing bracket'],
  ['garbage after', parseAbsResourceInstance, 'aws_x.y foo', 'characters that are not part of an address'],
  ['static module with key', parseModule, 'module.a[0]', 'Module path must not include instance keys.'],
  ['provider module index', parseAbsProviderConfig, 'module.a[0].provider["hashicorp/aws"]', 'Provider address cannot contain module indexes.'],
  ['provider extra', parseAbsProviderConfig, 'provider["hashicorp/aws"].a.b', 'Extraneous operators'],
  ['local provider extra', parseLocalProviderConfig, 'aws.a.b', 'Extraneous extra operators'],
  ['output wrong keyword', parseAbsOutputValue, 'module.a.foo.bar', 'Output address must be'],
];

describe('address errors are diagnostics', () => {
  it.each(errors)('%s', (_n, parse, src, detail) => {
    const r = parse(src);
    expect(r.value).toBeUndefined();
    expect(r.diags.length).toBeGreaterThan(0);
    expect(r.diags[0]!.summary.length).toBeGreaterThan(0);
    expect(r.diags[0]!.detail).toContain(detail);
  });
});

describe('instance keys', () => {
  it.each([
    [null, ''], [0, '[0]'], [42, '[42]'], ['a', '["a"]'], ['a"b', '["a\\"b"]'], ['x\\y', '["x\\\\y"]'],
    ['l1\nl2', '["l1\\nl2"]'], ['${x}', '["$${x}"]'], ['%{x}', '["%%{x}"]'], ['$x', '["$x"]'], ['\u007f', '["\\u007f"]'],
    ['\u{1F600}', '["\u{1F600}"]'], ['\u200b', '["\\u200b"]'], ['', '[""]'],
  ] as [string | number | null, string][])('%j prints as %s', (k, want) => {
    expect(instanceKeyString(k)).toBe(want);
    if (k !== null) {
      const r = parseAbsResourceInstance('a_b.c' + want);
      expect(r.diags).toEqual([]);
      expect(r.value!.key).toBe(k);
    }
  });
  it('sorts no key, then ints, then strings', () => {
    const keys = ['b', 10, null, 'a', 2];
    expect(keys.sort(compareInstanceKeys)).toEqual([null, 2, 10, 'a', 'b']);
  });
  it('quotes like HCL', () => {
    expect(hclQuote('tab\there')).toBe('"tab\\there"');
  });
});

describe('provider source addresses', () => {
  it.each([
    ['aws', 'registry.terraform.io/hashicorp/aws', 'hashicorp/aws'],
    ['hashicorp/aws', 'registry.terraform.io/hashicorp/aws', 'hashicorp/aws'],
    ['kreuzwerker/docker', 'registry.terraform.io/kreuzwerker/docker', 'kreuzwerker/docker'],
    ['example.com:8443/acme/thing', 'example.com:8443/acme/thing', 'example.com:8443/acme/thing'],
    ['terraform', 'terraform.io/builtin/terraform', 'terraform.io/builtin/terraform'],
  ])('%s -> %s', (src, full, disp) => {
    const r = parseProviderSource(src);
    expect(r.diags).toEqual([]);
    expect(r.value!.toString()).toBe(full);
    expect(r.value!.forDisplay()).toBe(disp);
  });
  it.each(['a/b/c/d', 'hashicorp/', '-bad/x', 'hashicorp/terraform-provider-aws', 'hashicorp/aws_x'])('rejects %s', (src) => {
    const r = parseProviderSource(src);
    expect(r.value).toBeUndefined();
    expect(r.diags[0]!.summary).toBe('Invalid provider source address');
  });
  it('implies hashicorp for a local name and builtin for terraform', () => {
    expect(impliedProvider('random').toString()).toBe('registry.terraform.io/hashicorp/random');
    expect(impliedProvider('terraform').toString()).toBe('terraform.io/builtin/terraform');
    expect(new Resource('managed', 'aws_instance', 'x').impliedProvider()).toBe('aws');
  });
});

describe('equality and unique keys', () => {
  it('distinguishes kinds that print the same', () => {
    const r = parseAbsResource('aws_x.y').value!;
    const ri = r.instance(null);
    expect(r.toString()).toBe(ri.toString());
    expect(r.uniqueKey()).not.toBe(ri.uniqueKey());
  });
  it('compares structurally', () => {
    const a = ModuleInstance.ROOT.child('a', 'k').child('b', 1);
    const b = parseModuleInstance('module.a["k"].module.b[1]').value!;
    expect(a.equals(b)).toBe(true);
    expect(a.equals(ModuleInstance.ROOT.child('a', 'k').child('b', '1'))).toBe(false);
    expect(new ResourceInstance(new Resource('data', 't', 'n'), 0).equals(new ResourceInstance(new Resource('managed', 't', 'n'), 0))).toBe(false);
    const m = new Map<string, number>([[a.uniqueKey(), 1]]);
    expect(m.get(b.uniqueKey())).toBe(1);
  });
  it('prints referenceable names', () => {
    expect(new OutputValue('x').toString()).toBe('output.x');
    expect(new OutputValue('x').absolute(ModuleInstance.ROOT.child('m', 0)).toString()).toBe('module.m[0].output.x');
    expect(new LocalValue('x').toString()).toBe('local.x');
    expect(new InputVariable('x').toString()).toBe('var.x');
    expect(new ModuleCall('x').instance('a').toString()).toBe('module.x["a"]');
  });
  it('orders abs resources by module then mode, type, name', () => {
    const addrs = ['module.b.aws_x.a', 'aws_y.a', 'data.aws_x.a', 'aws_x.b', 'module.a.aws_x.a'].map((s) => parseAbsResource(s).value!);
    expect(addrs.sort((x, y) => x.compare(y)).map(String)).toEqual(['data.aws_x.a', 'aws_x.b', 'aws_y.a', 'module.a.aws_x.a', 'module.b.aws_x.a']);
  });
});

describe('targets', () => {
  it('a resource without key targets the whole resource', () => {
    expect(parseTarget('aws_x.y').value!.subject).toBeInstanceOf(AbsResource);
    expect(parseTarget('aws_x.y[0]').value!.subject).toBeInstanceOf(AbsResourceInstance);
    expect(parseTarget('module.m').value!.subject).toBeInstanceOf(ModuleInstance);
  });
  it.each([
    ['module.a', 'module.a.aws_x.y[0]', true],
    ['module.a', 'module.a.module.b.aws_x.y', true],
    ['module.a', 'module.ab.aws_x.y', false],
    ['module.a[0]', 'module.a[1].aws_x.y', false],
    ['aws_x.y', 'aws_x.y["k"]', true],
    ['aws_x.y', 'aws_x.z', false],
    ['aws_x.y[0]', 'aws_x.y[0]', true],
    ['aws_x.y[0]', 'aws_x.y[1]', false],
    ['aws_x.y[0]', 'aws_x.y', false],
  ])('%s selects %s: %s', (t, a, want) => {
    expect(targetContains(parseTarget(t).value!.subject, parseTarget(a).value!.subject)).toBe(want);
  });
});

describe('moved endpoints', () => {
  it('knows its kind', () => {
    expect(parseMoveEndpoint('module.a').value!.kind).toBe('module');
    expect(parseMoveEndpoint('module.a.aws_x.y').value!.kind).toBe('resource');
  });
  it('module.a contains module.a.aws_x.y', () => {
    const e = parseMoveEndpoint('module.a').value!;
    expect(e.contains(parseAbsResourceInstance('module.a.aws_x.y').value!)).toBe(true);
    expect(e.contains(parseAbsResourceInstance('aws_x.y').value!)).toBe(false);
    expect(parseMoveEndpoint('aws_x.y').value!.contains(parseAbsResourceInstance('aws_x.y[3]').value!)).toBe(true);
  });
  it('is made absolute inside a module', () => {
    const e = parseMoveEndpoint('aws_x.y[0]').value!.inModule(parseModuleInstance('module.m["k"]').value!);
    expect(e.toString()).toBe('module.m["k"].aws_x.y[0]');
  });
  it.each([
    ['module.a', 'aws_x.y', 'both refer to resources or both refer to modules'],
    ['aws_x.y', 'aws_x.y', 'to the same address'],
    ['aws_x.y', 'data.aws_x.y', 'same mode'],
    ['aws_x.y', 'aws_x.z[0]', ''],
    ['module.a', 'module.b["x"]', ''],
  ])('%s -> %s', (f, t, msg) => {
    const d = checkMoveEndpoints(parseMoveEndpoint(f).value!, parseMoveEndpoint(t).value!);
    if (msg) expect(d[0]!.detail).toContain(msg);
    else expect(d).toEqual([]);
  });
});

describe('traversal ranges', () => {
  it('points at the offending step', () => {
    const r = parseAbsResourceInstance('aws_x.y[0][1]');
    expect(r.diags[0]!.detail).toBe('Unexpected extra operators after address.');
    expect((r.diags[0] as { subject?: { start: { column: number } } }).subject!.start.column).toBe(11);
    expect(parseTraversal('a.b').value!.map((s) => s.type)).toEqual(['root', 'attr']);
  });
});

describe('printing and parsing agree for arbitrary string keys', () => {
  // Deterministic pseudo-random strings mixing ASCII, escapes, template introducers,
  // controls, non-BMP characters and invisible format characters.
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\r', '\t', '$', '%', '{', '}', '${', '%{', '$${', '\u0000', '\u001b', '\u007f', '\u00e9', '\u200b', '\u2028', '\ufeff', '世', '\u{1F680}', '[', ']', '.'];
  let seed = 12345;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const samples = Array.from({ length: 300 }, () => Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join(''));
  it('resource instance keys', () => {
    for (const k of samples) {
      const a = new AbsResourceInstance(ModuleInstance.ROOT.child('m', k), new ResourceInstance(new Resource('managed', 'x_y', 'z'), k));
      const r = parseAbsResourceInstance(a.toString());
      expect(r.diags, a.toString()).toEqual([]);
      expect(r.value!.equals(a), a.toString()).toBe(true);
    }
  });
});
