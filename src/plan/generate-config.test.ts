import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as T from '../lang/types.js';
import { Mark, objectVal, setVal, numberVal, stringVal, type Value } from '../lang/value.js';
import type { AttributeSchema, BlockSchema, NestedBlockSchema, NestingMode } from '../providers/protocol.js';
import { impliedType } from '../providers/schema.js';
import { fromJS } from '../providers/sdk/obj.js';
import { typeFromJSONValue } from '../state/values-json.js';
import { markSchemaSensitive } from './objchange.js';
import { ctySetOrder, generateResourceContents, generationSchema, setHashKey, valueTokens, wrapResourceContents } from './generate-config.js';
import { decimalText, jsonForGeneration } from './generate-config-json.js';
import { generatedFileText } from './generate-config-file.js';
import { loadConfig } from '../config/load-config.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import { State } from '../state/index.js';
import { ProviderManager } from './provider-manager.js';
import { makePlan } from './planner.js';
import { newWorld, testProviderFactory } from '../../test/support/test-provider.js';

const FIXTURE = join(import.meta.dirname, '../../testdata/plan/generate-config-aws');

interface SchemaJSON {
  attributes?: Record<string, { type: unknown; required?: boolean; optional?: boolean; computed?: boolean; sensitive?: boolean; deprecated?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; min_items?: number; max_items?: number; block: SchemaJSON }>;
  deprecated?: boolean;
}

/** A block schema from `terraform providers schema -json`. */
function blockFromJSON(j: SchemaJSON): BlockSchema {
  const attributes: Record<string, AttributeSchema> = {};
  for (const [k, a] of Object.entries(j.attributes ?? {})) {
    attributes[k] = {
      type: typeFromJSONValue(a.type), ...(a.required ? { required: true } : {}), ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}), ...(a.sensitive ? { sensitive: true } : {}), ...(a.deprecated ? { deprecated: 'deprecated' } : {}),
    };
  }
  const blockTypes: Record<string, NestedBlockSchema> = {};
  for (const [k, b] of Object.entries(j.block_types ?? {})) {
    blockTypes[k] = { nesting: b.nesting_mode as NestingMode, block: blockFromJSON(b.block), ...(b.min_items ? { minItems: b.min_items } : {}) };
  }
  return { attributes, blockTypes, ...(j.deprecated ? { deprecated: true } : {}) };
}

/** Generates the formatted resource block for `js` as an object of `block`. */
function gen(block: BlockSchema, js: Record<string, unknown>, type = 'test_thing', provider: { type: string; alias?: string } = { type: 'test' }): string {
  const v = markSchemaSensitive(fromJS(js, impliedType(block)), block);
  return wrapResourceContents(type, 'x', generateResourceContents(type, generationSchema(block), provider, v));
}

const S = (o: Partial<AttributeSchema> = {}): AttributeSchema => ({ type: T.String, optional: true, ...o });
const block = (attributes: Record<string, AttributeSchema>, blockTypes: Record<string, NestedBlockSchema> = {}): BlockSchema => ({ attributes, blockTypes });

describe('generated configuration', () => {
  const schemas = JSON.parse(readFileSync(join(FIXTURE, 'schema.json'), 'utf8')) as Record<string, { block: SchemaJSON }>;
  /** The block for `addr` from the state Terraform recorded for it (the fixture's `<name>.state.json`). */
  const golden = (name: string, addr: string, provider: { type: string; alias?: string } = { type: 'aws' }) => {
    const state = JSON.parse(readFileSync(join(FIXTURE, `${name}.state.json`), 'utf8')) as Record<string, Record<string, unknown>>;
    const [type, rname] = addr.split('.') as [string, string];
    const b = blockFromJSON(schemas[type]!.block);
    const v = markSchemaSensitive(fromJS(state[addr], impliedType(b)), b);
    return { id: state[addr]!['id'] as string, config: wrapResourceContents(type, rname, generateResourceContents(type, generationSchema(b), provider, v)) };
  };

  it('is byte for byte what Terraform 1.11 wrote for a hashicorp/aws 5.100.0 VPC and security group (golden file)', () => {
    const sg = golden('vpc-sg', 'aws_security_group.web'), vpc = golden('vpc-sg', 'aws_vpc.main');
    // The VPC's generated configuration failed to plan (hashicorp/aws: ipv6_netmask_length
    // = 0 needs ipv6_ipam_pool_id), so Terraform wrote it without the import id.
    const text = generatedFileText([
      { addr: 'aws_security_group.web', importId: sg.id, config: sg.config },
      { addr: 'aws_vpc.main', config: vpc.config },
    ]);
    expect(text).toBe(readFileSync(join(FIXTURE, 'vpc-sg.generated.tf'), 'utf8'));
  });

  it('is byte for byte what Terraform 1.11 wrote for an IAM policy (jsonencode) and a group through an aliased provider (golden file)', () => {
    const pol = golden('policy-alias', 'aws_iam_policy.reader'), sg = golden('policy-alias', 'aws_security_group.odd', { type: 'aws', alias: 'west' });
    const text = generatedFileText([
      { addr: 'aws_iam_policy.reader', importId: pol.id, config: pol.config },
      { addr: 'aws_security_group.odd', importId: sg.id, config: sg.config },
    ]);
    expect(text).toBe(readFileSync(join(FIXTURE, 'policy-alias.generated.tf'), 'utf8'));
  });

  it.each([
    ['computed-only attributes are left out, optional nulls are written',
      block({ arn: { type: T.String, computed: true }, name: S({ required: true }), note: S() }), { arn: 'a', name: 'n' },
      'resource "test_thing" "x" {\n  name = "n"\n  note = null\n}'],
    ['an optional "" is null (the legacy SDK stores "" for unset); a required "" stays',
      block({ a: S(), b: S({ optional: false, required: true }) }), { a: '', b: '' },
      'resource "test_thing" "x" {\n  a = null\n  b = ""\n}'],
    ['the SDK\'s optional+computed top-level id and deprecated attributes are left out',
      block({ id: S({ computed: true }), old: S({ deprecated: 'use new' }), new: S() }), { id: 'i-1', old: 'o', new: 'n' },
      'resource "test_thing" "x" {\n  new = "n"\n}'],
    ['a sensitive attribute is null with a comment, the = and comments aligned',
      block({ password: S({ sensitive: true }), user: S(), port: { type: T.Number, optional: true } }), { password: 'p', user: 'u', port: 5432 },
      'resource "test_thing" "x" {\n  password = null # sensitive\n  port     = 5432\n  user     = "u"\n}'],
    ['a JSON object or array becomes jsonencode, keys sorted, numbers exact',
      block({ policy: S(), list: S() }), { policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","n":1.50e1}]}', list: '[1, "a b", null]' },
      'resource "test_thing" "x" {\n  list = jsonencode([1, "a b", null])\n  policy = jsonencode({\n    Statement = [{\n      Action = "s3:*"\n      Effect = "Allow"\n      n      = 15\n    }]\n    Version = "2012-10-17"\n  })\n}'],
    ['a lone JSON string, number or bool stays a string; JSON null is jsonencode(null)',
      block({ a: S(), b: S(), c: S(), d: S() }), { a: '42', b: 'true', c: '"q"', d: 'null' },
      'resource "test_thing" "x" {\n  a = "42"\n  b = "true"\n  c = "\\"q\\""\n  d = jsonencode(null)\n}'],
    ['strings are escaped as hclwrite escapes them (templates doubled)',
      block({ a: S() }), { a: 'say "${hi}" %{x}\n\ttab\\' },
      'resource "test_thing" "x" {\n  a = "say \\"$${hi}\\" %%{x}\\n\\ttab\\\\"\n}'],
    ['maps and objects are written over several lines, keys bare or quoted',
      block({ tags: { type: T.Map(T.String), optional: true }, empty: { type: T.Map(T.String), optional: true } }), { tags: { Name: 'web', 'cost-center': '42', 'a b': 'c' }, empty: {} },
      'resource "test_thing" "x" {\n  empty = {}\n  tags = {\n    Name        = "web"\n    "a b"       = "c"\n    cost-center = "42"\n  }\n}'],
    ['lists and sets on one line; numbers without exponent',
      block({ l: { type: T.List(T.Number), optional: true }, s: { type: T.Set(T.String), optional: true } }), { l: [1e21, 0.5, -3], s: ['b', 'a'] },
      'resource "test_thing" "x" {\n  l = [1000000000000000000000, 0.5, -3]\n  s = ["a", "b"]\n}'],
  ] as [string, BlockSchema, Record<string, unknown>, string][])('%s', (_name, schema, js, want) => {
    expect(gen(schema, js)).toBe(want);
  });

  const nested = (nesting: NestingMode): BlockSchema => block({ name: S() }, {
    rule: { nesting, block: block({ port: { type: T.Number, required: true }, id: S({ computed: true }), state: { type: T.String, computed: true } }) },
  });

  it.each([
    ['list blocks repeat, nested optional+computed id kept, computed-only dropped', 'list', { name: 'n', rule: [{ port: 2, id: 'r1', state: 'ok' }, { port: 1, id: 'r2' }] },
      'resource "test_thing" "x" {\n  name = "n"\n  rule {\n    id   = "r1"\n    port = 2\n  }\n  rule {\n    id   = "r2"\n    port = 1\n  }\n}'],
    ['set blocks in cty order', 'set', { rule: [{ port: 10 }, { port: 9 }] },
      'resource "test_thing" "x" {\n  name = null\n  rule {\n    id   = null\n    port = 10\n  }\n  rule {\n    id   = null\n    port = 9\n  }\n}'],
    ['a null single block is left out', 'single', { name: 'n', rule: null },
      'resource "test_thing" "x" {\n  name = "n"\n}'],
    ['a single block', 'single', { rule: { port: 1 } },
      'resource "test_thing" "x" {\n  name = null\n  rule {\n    id   = null\n    port = 1\n  }\n}'],
    ['map blocks are labelled with their keys', 'map', { rule: { b: { port: 2 }, a: { port: 1 } } },
      'resource "test_thing" "x" {\n  name = null\n  rule "a" {\n    id   = null\n    port = 1\n  }\n  rule "b" {\n    id   = null\n    port = 2\n  }\n}'],
  ] as [string, NestingMode, Record<string, unknown>, string][])('%s', (_name, nesting, js, want) => {
    expect(gen(nested(nesting), js)).toBe(want);
  });

  it.each([
    ['the implied provider is not named', { type: 'test' }, '  a = "v"\n'],
    ['an aliased provider is named', { type: 'test', alias: 'west' }, '  provider = test.west\n  a        = "v"\n'],
    ['another provider type is named', { type: 'other' }, '  provider = other\n  a        = "v"\n'],
  ] as [string, { type: string; alias?: string }, string][])('%s', (_name, provider, body) => {
    expect(gen(block({ a: S() }), { a: 'v' }, 'test_thing', provider)).toBe(`resource "test_thing" "x" {\n${body}}`);
  });

  it('writes a sensitive value inside a nested block as a sensitive null', () => {
    const b = block({}, { login: { nesting: 'list', block: block({ user: S(), pass: S({ sensitive: true }) }) } });
    expect(gen(b, { login: [{ user: 'u', pass: 'p' }] })).toBe('resource "test_thing" "x" {\n  login {\n    pass = null # sensitive\n    user = "u"\n  }\n}');
  });

  it('writes a value marked sensitive (not by the schema) as a sensitive null', () => {
    const b = block({ a: S(), b: S() });
    const v = objectVal({ a: stringVal('x').mark(Mark.Sensitive), b: stringVal('y') });
    expect(wrapResourceContents('test_thing', 'x', generateResourceContents('test_thing', b, { type: 'test' }, v))).toBe('resource "test_thing" "x" {\n  a = null # sensitive\n  b = "y"\n}');
  });
});

describe('cty set order', () => {
  it('orders objects by the bytes of their set hash key', () => {
    const o = (cidr: string, port: number): Value => objectVal({ cidr_blocks: setVal([stringVal(cidr)]), from_port: numberVal(port) });
    const elems = [o('10.0.0.0/8', 22), o('0.0.0.0/0', 443)];
    expect(setHashKey(elems[0]!)).toBe('<["10.0.0.0/8";];22;>');
    expect(ctySetOrder(elems).map((e) => e.attrs.get('from_port')!.num)).toEqual([443, 22]);
  });

  it.each([
    [443, '443'], [0, '0'], [-1, '-1'], [1.5, '1.5'], [12345678901, '1.23456789e+10'], [0.00001, '1e-05'],
  ])('hashes the number %s as %s', (n, want) => {
    expect(setHashKey(numberVal(n))).toBe(want);
  });

  it('writes a set of objects in that order', () => {
    const v = setVal([objectVal({ n: stringVal('b') }), objectVal({ n: stringVal('a') })]);
    expect(valueTokens(v)).toBe('[{\nn = "a"\n}, {\nn = "b"\n}]');
  });
});

describe('JSON strings', () => {
  it.each([
    ['{}', '{}'], ['[]', '[]'], [' {"a" : [true, false]} ', '{\na = [true, false]\n}'], ['{"a-b":1,"1x":2}', '{\n"1x" = 2\na-b = 1\n}'],
  ])('%s is written as %s', (s, want) => {
    expect(jsonForGeneration(s)).toEqual({ primitive: false, tokens: want });
  });

  it.each(['', '{', '{"a":1,}', '[1 2]', "{'a':1}", '01', 'NaN', '{"a":1,"a":2}', '"\u0001"'])('%j is not written as JSON', (s) => {
    expect(jsonForGeneration(s)).toBeUndefined();
  });

  it.each([
    ['1', '1'], ['-0.50', '-0.5'], ['1e3', '1000'], ['1.5E-3', '0.0015'], ['123456789012345678901234567890', '123456789012345678901234567890'], ['0', '0'], ['0.0e5', '0'],
  ])('the JSON number %s is the decimal %s', (text, want) => {
    expect(decimalText(text)).toBe(want);
  });
});

describe('makePlan with generateConfigOut', () => {
  const dir = join(import.meta.dirname, '../../testdata/plan/generate-config-engine');
  const plan = async (generateConfigOut?: string) => {
    const world = newWorld();
    world.objects.set('t-9', { id: 't-9', name: 'made', size: 3, tags: { team: 'data' }, secret: 's3cr3t', arn: 'arn:test:t-9' });
    world.objects.set('t-10', { id: 't-10', name: 'declared', size: 1, tags: null, secret: null, arn: 'arn:test:t-10' });
    const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
    const { config, diags } = loadConfig(dir);
    expect(diags).toEqual([]);
    return makePlan(config, new State(), pm, {
      mode: 'normal', refresh: true, targets: [], excludes: [], replace: [], parallelism: 10, variables: new Map(),
      run: { cwd: dir, rootDir: dir, workspace: 'default', applying: false, planTimestamp: new Date() },
      ...(generateConfigOut ? { generateConfigOut } : {}),
    });
  };

  it('generates configuration for the target without a resource block and plans with it', async () => {
    const r = await plan('gen.tf');
    expect(r.diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.generated).toEqual([{
      addr: 'testing_thing.made', importId: 't-9',
      config: 'resource "testing_thing" "made" {\n  name   = "made"\n  secret = null # sensitive\n  size   = 3\n  tags = {\n    team = "data"\n  }\n}',
    }]);
    // The generated secret is null, so the import also updates the object, as it would in Terraform.
    const made = r.plan.changes.find((c) => c.addr === 'testing_thing.made')!;
    expect(made.importing).toEqual({ id: 't-9' });
    expect(made.action).toBe('update');
    expect(made.after.attrs.get('secret')!.isNull).toBe(true);
    expect(made.after.attrs.get('size')!.num).toBe(3);
    const declared = r.plan.changes.find((c) => c.addr === 'testing_thing.declared')!;
    expect([declared.action, declared.importing]).toEqual(['no-op', { id: 't-10' }]);
    expect(r.refreshed.current(parseAddr('testing_thing.made'))).toBeDefined();
  });

  it('without it, the missing configuration is an error and nothing is imported', async () => {
    const r = await plan();
    expect(r.generated).toBeUndefined();
    expect(r.diags.filter((d) => d.severity === 'error').map((d) => [d.summary, d.subject?.start.line])).toEqual([['Configuration for import target does not exist', 3]]);
    expect(r.plan.changes).toEqual([]);
  });
});

function parseAddr(s: string) {
  return parseAbsResourceInstance(s).value!;
}
