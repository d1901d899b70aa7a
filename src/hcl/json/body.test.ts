import { describe, it, expect } from 'vitest';
import { parseJsonConfig } from './parse-config.js';
import { bodyOf, type BodySchema } from '../body.js';

function body(src: string) {
  const { file, diags } = parseJsonConfig(src, 'main.tf.json');
  expect(diags).toEqual([]);
  return bodyOf(file);
}

const top: BodySchema = {
  attributes: [],
  blocks: [
    { type: 'resource', labelNames: ['type', 'name'] },
    { type: 'variable', labelNames: ['name'] },
    { type: 'locals', labelNames: [] },
  ],
};

describe('JSON bodies', () => {
  it('peels one object level per label and keeps blocks in source order', () => {
    const b = body(JSON.stringify({
      resource: { aws_instance: { web: { ami: 'a' }, db: { ami: 'b' } }, aws_s3_bucket: { logs: {} } },
      variable: { region: { default: 'us-east-1' } },
    }));
    const { content, diags } = b.content(top);
    expect(diags).toEqual([]);
    expect(content.blocks.map((x) => [x.type, ...x.labels])).toEqual([
      ['resource', 'aws_instance', 'web'], ['resource', 'aws_instance', 'db'], ['resource', 'aws_s3_bucket', 'logs'], ['variable', 'region'],
    ]);
    const web = content.blocks[0]!;
    expect(web.labelRanges.map((r) => r.start.column)).toEqual([14, 30]);
    const inner = web.body.content({ attributes: [{ name: 'ami', required: true }], blocks: [] });
    expect(inner.diags).toEqual([]);
    expect(inner.content.attributes.get('ami')!.expr).toMatchObject({ kind: 'json', value: { type: 'string', value: 'a' } });
  });

  it('reads an array of objects as repeated blocks, and a root array as one body', () => {
    const b = body('[{"locals": {"a": 1}}, {"locals": [{"b": 2}, {"c": 3}]}]');
    const { content, diags } = b.content(top);
    expect(diags).toEqual([]);
    expect(content.blocks).toHaveLength(3);
    expect([...content.blocks[2]!.body.justAttributes().attributes.keys()]).toEqual(['c']);
  });

  it('ignores "//" comment properties in bodies', () => {
    const b = body('{"//": "generated", "variable": {"x": {"//": "note", "type": "string"}}}');
    const { content, diags } = b.content(top);
    expect(diags).toEqual([]);
    const v = content.blocks[0]!.body.content({ attributes: [{ name: 'type' }], blocks: [] });
    expect(v.diags).toEqual([]);
    expect(content.blocks[0]!.body.justAttributes().attributes.has('//')).toBe(false);
  });

  it('reports extraneous properties with a suggestion', () => {
    const b = body('{"variable": {"x": {"defualt": 1}}}');
    const v = b.content(top).content.blocks[0]!.body.content({ attributes: [{ name: 'default' }, { name: 'type' }], blocks: [{ type: 'validation', labelNames: [] }] });
    expect(v.diags).toEqual([expect.objectContaining({
      summary: 'Extraneous JSON object property', detail: 'No argument or block type is named "defualt". Did you mean "default"?',
    })]);
    expect(v.diags[0]!.subject!.start.column).toBe(21);
  });

  it('reports missing required arguments at the closing brace', () => {
    const b = body('{"variable": {"x": {}}}');
    const v = b.content(top).content.blocks[0]!.body.content({ attributes: [{ name: 'source', required: true }], blocks: [] });
    expect(v.diags).toEqual([expect.objectContaining({
      summary: 'Missing required argument', detail: 'The argument "source" is required, but no definition was found.',
    })]);
    expect(v.diags[0]!.subject!.start.column).toBe(21);
  });

  it('reports duplicates split across objects', () => {
    const b = body('[{"a": 1}, {"a": 2}]');
    const { diags } = b.content({ attributes: [{ name: 'a' }], blocks: [] });
    expect(diags).toEqual([expect.objectContaining({ summary: 'Duplicate argument', detail: 'The argument "a" was already set at main.tf.json:1,3-9.' })]);
    expect(b.justAttributes().diags).toEqual([expect.objectContaining({ summary: 'Incorrect JSON value type' })]);
    const j = body('{"a": 1, "a": 2}').justAttributes();
    expect(j.diags).toEqual([expect.objectContaining({ summary: 'Duplicate attribute definition' })]);
  });

  it('diagnoses label levels and block values of the wrong shape', () => {
    expect(body('{"resource": {"aws_instance": {}}}').content(top).diags).toEqual([expect.objectContaining({
      summary: 'Missing block label', detail: "At least one object property is required, whose name represents the resource block's name.",
    })]);
    // Like HCL, a label level of the wrong type also has no label in it.
    expect(body('{"resource": "x"}').content(top).diags.map((d) => d.detail)).toEqual([
      'Either a JSON object or JSON array of objects is required here, to specify type labels for this block.',
      "At least one object property is required, whose name represents the resource block's type.",
    ]);
    expect(body('{"locals": 3}').content(top).diags).toEqual([expect.objectContaining({
      summary: 'Incorrect JSON value type', detail: 'Either a JSON object or a JSON array is required, representing the contents of one or more "locals" blocks.',
    })]);
  });

  it('splits with partialContent and leaves the rest for a second schema', () => {
    const b = body('{"count": 2, "ami": "x", "lifecycle": {"create_before_destroy": true}}');
    const meta = b.partialContent({ attributes: [{ name: 'count' }], blocks: [{ type: 'lifecycle', labelNames: [] }] });
    expect(meta.diags).toEqual([]);
    expect([...meta.content.attributes.keys()]).toEqual(['count']);
    expect(meta.content.blocks).toHaveLength(1);
    const rest = meta.remain.content({ attributes: [{ name: 'ami' }], blocks: [] });
    expect(rest.diags).toEqual([]);
    expect([...meta.remain.justAttributes().attributes.keys()]).toEqual(['ami']);
  });
});
