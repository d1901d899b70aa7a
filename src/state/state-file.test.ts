import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { decodeState, encodeState } from './state-file.js';
import { State } from './state.js';
import { encodeAttributes } from './attributes.js';
import {
  AbsProviderConfig, Module, ModuleInstance, impliedProvider, parseAbsResource, parseAbsResourceInstance,
} from '../addrs/index.js';
import * as V from '../lang/value.js';
import * as T from '../lang/types.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../testdata/state');
const read = (f: string) => readFileSync(path.join(fixtures, f), 'utf8');
const ri = (s: string) => parseAbsResourceInstance(s).value!;

describe('state files round-trip byte for byte', () => {
  it.each(['simple.tfstate', 'empty.tfstate', 'full.tfstate'])('%s', (f) => {
    const text = read(f);
    const { state, diags } = decodeState(text);
    expect(diags).toEqual([]);
    expect(encodeState(state!)).toBe(text);
  });
});

describe('decoding', () => {
  const { state } = decodeState(read('full.tfstate'));
  const s = state!;

  it('reads the header', () => {
    expect(s.terraformVersion).toBe('1.12.2');
    expect(s.serial).toBe(42);
    expect(s.lineage).toBe('c3a1f0e2-9b8d-4e7f-a6c5-b4d3e2f1a0b9');
  });

  it('places resources in module instances with their keys', () => {
    expect(Array.from(s.instances(), (i) => i.addr.toString())).toEqual([
      'data.aws_ami.ubuntu',
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'aws_instance.web[10]',
      'aws_launch_template.blue',
      'random_password.db',
      'terraform_data.cfg',
      'module.app[0].local_file.conf',
      'module.net.aws_subnet.public["a"]',
      'module.net.aws_subnet.public["b"]',
      'module.net.module.sg["web"].aws_security_group.this',
    ]);
    const sg = s.resource(parseAbsResource('module.net.module.sg["web"].aws_security_group.this').value!)!;
    expect(sg.provider.module.toString()).toBe('module.net');
    expect(s.resource(parseAbsResource('aws_launch_template.blue').value!)!.provider.alias).toBe('west');
  });

  it('keeps status, deposed objects, private bytes and dependencies', () => {
    expect(s.current(ri('aws_instance.web[1]'))!.status).toBe('tainted');
    const lt = s.instance(ri('aws_launch_template.blue'))!;
    expect(lt.current!.createBeforeDestroy).toBe(true);
    expect([...lt.deposed.keys()].sort()).toEqual(['0a1b2c3d', 'ff00ee11']);
    expect(lt.deposed.get('ff00ee11')!.status).toBe('tainted');
    const web0 = s.current(ri('aws_instance.web[0]'))!;
    expect(JSON.parse(Buffer.from(web0.private!).toString())).toHaveProperty('e2bfb730-ecaa-11e6-8f88-34363bc7c4c0');
    expect(web0.dependencies.map(String)).toEqual(['data.aws_ami.ubuntu', 'module.net.aws_subnet.public']);
    expect(web0.schemaVersion).toBe(1);
    expect(web0.identitySchemaVersion).toBe(0);
    expect(JSON.parse(web0.identityJSON!)).toEqual({ account_id: '000000000000', id: 'i-0a1b2c3d', region: 'us-east-1' });
    expect(JSON.parse(web0.attrsJSON!).user_data).toBe('#!/bin/sh\necho "<html>" > /var/www/index.html && exit 0\n');
  });

  it('reads sensitive paths', () => {
    expect(s.current(ri('random_password.db'))!.sensitivePaths).toEqual([[{ attr: 'bcrypt_hash' }], [{ attr: 'result' }]]);
    expect(s.current(ri('terraform_data.cfg'))!.sensitivePaths).toEqual([
      [{ attr: 'input' }, { attr: 'secret' }],
      [{ attr: 'input' }, { attr: 'list' }, { index: 0 }],
    ]);
  });

  it('reads outputs of every type', () => {
    const out = (n: string) => s.outputs.get(n)!;
    expect(out('big').value.num).toBe(1e21);
    expect(out('fraction').value.num).toBe(0.1);
    expect(out('db_password').sensitive).toBe(true);
    expect(out('db_password').value.str).toBe('s3cr3t<pass>&');
    expect(T.typeString(out('ports').value.type)).toBe('set(number)');
    expect(T.typeString(out('server').value.type)).toBe('object({name=string, tags=map(string), zones=list(string)})');
    expect(T.typeString(out('tuple').value.type)).toBe('tuple([string, number, bool, string])');
    expect(out('nothing').value.isNull).toBe(true);
    expect([...out('subnets').value.attrs.keys()]).toEqual(['10', '9', 'a']);
    expect(s.checkResults).toHaveLength(2);
    expect(s.checkResults[0]!.objects[1]!.failureMessages).toEqual(['The instance must be in a public subnet.']);
  });
});

describe('encoding a state built in memory', () => {
  it('writes what Terraform writes for the same state', () => {
    const s = new State('0d6a5b4e-2f7a-5c3b-9d1e-8a4f6c2b1e90');
    s.terraformVersion = '1.5.7';
    s.serial = 3;
    const prov = (t: string) => new AbsProviderConfig(Module.ROOT, impliedProvider(t));
    const pet = encodeAttributes(V.objectVal({
      id: V.stringVal('lucky-ferret'), keepers: V.nullVal(T.Map(T.String)), length: V.numberVal(2),
      prefix: V.nullVal(T.String), separator: V.stringVal('-'),
    }));
    // Insert out of order: the encoder sorts.
    s.setCurrent(ri('null_resource.hello'), {
      status: 'ready', schemaVersion: 0,
      ...encodeAttributes(V.objectVal({ id: V.stringVal('6471398721573461826'), triggers: V.mapVal({ pet: V.stringVal('lucky-ferret') }) })),
      dependencies: [parseAbsResource('random_pet.name').value!.config()], createBeforeDestroy: false,
    }, prov('null'));
    s.setCurrent(ri('random_pet.name'), { status: 'ready', schemaVersion: 0, ...pet, dependencies: [], createBeforeDestroy: false }, prov('random'));
    s.setOutput('pet', V.stringVal('lucky-ferret'), false);
    expect(encodeState(s)).toBe(read('simple.tfstate'));
  });

  it('records sensitive marks as v4 paths', () => {
    const s = new State('l');
    const attrs = encodeAttributes(V.objectVal({
      id: V.stringVal('x'),
      tags: V.mapVal({ k: V.stringVal('v').mark(V.Mark.Sensitive) }),
      list: V.listVal([V.stringVal('a'), V.stringVal('b').mark(V.Mark.Sensitive)]),
    }));
    s.setCurrent(ri('x_y.z'), { status: 'ready', schemaVersion: 0, ...attrs, dependencies: [], createBeforeDestroy: false }, new AbsProviderConfig(Module.ROOT, impliedProvider('x')));
    const text = encodeState(s);
    expect(text).toContain([
      '          "sensitive_attributes": [',
      '            [',
      '              {',
      '                "type": "get_attr",',
      '                "value": "list"',
      '              },',
      '              {',
      '                "type": "index",',
      '                "value": {',
      '                  "value": 1,',
      '                  "type": "number"',
      '                }',
      '              }',
      '            ],',
      '            [',
      '              {',
      '                "type": "get_attr",',
      '                "value": "tags"',
      '              },',
      '              {',
      '                "type": "index",',
      '                "value": {',
      '                  "value": "k",',
      '                  "type": "string"',
      '                }',
      '              }',
      '            ]',
      '          ],',
      '          "identity_schema_version": 0',
      '        }',
    ].join('\n'));
    const back = decodeState(text).state!;
    expect(back.current(ri('x_y.z'))!.sensitivePaths).toEqual([[{ attr: 'list' }, { index: 1 }], [{ attr: 'tags' }, { index: 'k' }]]);
  });

  it('sorts resources by module, mode, type, name and instances by key', () => {
    const s = new State('l');
    const p = new AbsProviderConfig(Module.ROOT, impliedProvider('t'));
    const obj = { status: 'ready' as const, schemaVersion: 0, attrsJSON: '{}', sensitivePaths: [], dependencies: [], createBeforeDestroy: false };
    for (const a of ['module.b.t_a.x', 't_b.x["b"]', 't_b.x["a"]', 'data.t_z.x', 't_a.y[10]', 't_a.y[2]', 'module.a.t_a.x']) s.setCurrent(ri(a), obj, p);
    const text = encodeState(s);
    const order = [...text.matchAll(/"(module|type|name|index_key)": ("[^"]*(?:\\"[^"]*)*"|\d+)/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(order).toEqual([
      'type="t_z"', 'name="x"',
      'type="t_a"', 'name="y"', 'index_key=2', 'index_key=10',
      'type="t_b"', 'name="x"', 'index_key="a"', 'index_key="b"',
      'module="module.a"', 'type="t_a"', 'name="x"',
      'module="module.b"', 'type="t_a"', 'name="x"',
    ]);
  });

  it('writes dependencies sorted and without duplicates, as Terraform does', () => {
    const s = new State('l');
    const deps = ['module.b.x_a.y', 'data.x_d.e', 'module.b.x_a.y', 'x_c.d'].map((d) => parseAbsResource(d).value!.config());
    s.setCurrent(ri('x_y.z'), { status: 'ready', schemaVersion: 0, attrsJSON: '{}', sensitivePaths: [], dependencies: deps, createBeforeDestroy: false }, new AbsProviderConfig(Module.ROOT, impliedProvider('x')));
    expect(encodeState(s)).toContain('"dependencies": [\n            "data.x_d.e",\n            "module.b.x_a.y",\n            "x_c.d"\n          ]');
    expect(s.terraformVersion).toMatch(/^1\.\d+\.\d+$/);
    // New states claim a Terraform version that writes identity_schema_version everywhere.
    expect(encodeState(s)).toContain('"identity_schema_version": 0');
    s.terraformVersion = '1.9.8';
    expect(encodeState(s)).not.toContain('identity_schema_version');
  });

  it('removing the last object removes the instance, resource and module', () => {
    const s = decodeState(read('full.tfstate')).state!;
    const p = s.resource(parseAbsResource('module.app[0].local_file.conf').value!)!.provider;
    s.setCurrent(ri('module.app[0].local_file.conf'), undefined, p);
    expect(s.module(ModuleInstance.ROOT.child('app', 0))).toBeUndefined();
    const key = s.deposeCurrent(ri('random_password.db'))!;
    expect(key).toMatch(/^[0-9a-f]{8}$/);
    expect(s.current(ri('random_password.db'))).toBeUndefined();
    expect(encodeState(s)).toContain(`"deposed": "${key}"`);
  });
});

describe('decoding errors are diagnostics', () => {
  const base = read('simple.tfstate');
  it.each([
    ['not JSON', '{"version": 4, ', 'Failed to decode state', 'syntax error at byte offset 15'],
    ['old format', '{"version": 3, "serial": 1}', 'Unsupported state file format', 'version 3'],
    ['future format', '{"version": 5}', 'Unsupported state file format', 'version 5'],
    ['bad mode', base.replace('"mode": "managed"', '"mode": "weird"'), 'Invalid resource mode in state', 'mode "weird"'],
    ['bad status', base.replace('"schema_version": 0,\n          "attributes": {\n            "id": "lucky', '"status": "odd",\n          "schema_version": 0,\n          "attributes": {\n            "id": "lucky'), 'Invalid resource instance metadata in state', 'invalid status "odd"'],
    ['bad provider', base.replace('provider[\\"registry.terraform.io/hashicorp/null\\"]', 'nonsense'), 'Invalid provider configuration address', ''],
    ['bad output type', base.replace('"type": "string"', '"type": "strung"'), 'Invalid output value type in state', 'output "pet"'],
    ['bad output value', base.replace('"value": "lucky-ferret"', '"value": {}'), 'Invalid output value saved in state', 'string is required'],
    ['bad version string', base.replace('"1.5.7"', '"banana"'), 'Invalid Terraform version string', 'banana'],
  ])('%s', (_n, text, summary, detail) => {
    const { diags } = decodeState(text);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]!.summary).toBe(summary);
    expect(diags[0]!.detail ?? '').toContain(detail);
  });
  it('rejects duplicate instances and malformed deposed keys', () => {
    const full = read('full.tfstate');
    expect(decodeState(full.replace('"deposed": "0a1b2c3d"', '"deposed": "abc"')).diags[0]!.detail).toContain('deposed key "abc"');
    expect(decodeState(full.replace('"index_key": 10,', '"index_key": 1,')).diags[0]!.summary).toBe('Duplicate resource instance in state');
  });
});
