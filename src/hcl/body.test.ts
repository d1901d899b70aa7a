import { describe, it, expect } from 'vitest';
import { parseConfig } from './parse.js';
import { bodyOf, nativeBody, type BodySchema } from './body.js';
import { nameSuggestion } from './didyoumean.js';

function body(src: string) {
  const { file, diags } = parseConfig(src, 'main.tf');
  expect(diags).toEqual([]);
  return bodyOf(file);
}

const resourceSchema: BodySchema = {
  attributes: [{ name: 'ami', required: true }, { name: 'instance_type' }, { name: 'tags' }],
  blocks: [{ type: 'ebs_block_device', labelNames: [] }, { type: 'lifecycle', labelNames: [] }],
};

describe('native bodies', () => {
  it('selects attributes and blocks, keeping repeated blocks', () => {
    const b = body('resource "aws_instance" "web" {\n  ami = "x"\n  ebs_block_device {}\n  ebs_block_device {}\n}\n');
    const top = b.content({ attributes: [], blocks: [{ type: 'resource', labelNames: ['type', 'name'] }] });
    expect(top.diags).toEqual([]);
    const r = top.content.blocks[0]!;
    expect(r.labels).toEqual(['aws_instance', 'web']);
    expect(r.defRange).toMatchObject({ start: { line: 1, column: 1 }, end: { line: 1, column: 30 } });
    const inner = r.body.content(resourceSchema);
    expect(inner.diags).toEqual([]);
    expect(inner.content.blocks).toHaveLength(2);
    expect([...inner.content.attributes.keys()]).toEqual(['ami']);
  });

  const cases: [string, string, string, string][] = [
    ['instance_typ = 1', 'Unsupported argument', 'An argument named "instance_typ" is not expected here. Did you mean "instance_type"?', '1:1'],
    // An argument already set is not suggested again.
    ['amii = 1', 'Unsupported argument', 'An argument named "amii" is not expected here.', '1:1'],
    ['foo = 1', 'Unsupported argument', 'An argument named "foo" is not expected here.', '1:1'],
    ['lifecycle = {}', 'Unsupported argument', 'An argument named "lifecycle" is not expected here. Did you mean to define a block of type "lifecycle"?', '1:1'],
    ['tags {\n}', 'Unsupported block type', 'Blocks of type "tags" are not expected here. Did you mean to define argument "tags"? If so, use the equals sign to assign it a value.', '1:1'],
    ['lifecycl {\n}', 'Unsupported block type', 'Blocks of type "lifecycl" are not expected here. Did you mean "lifecycle"?', '1:1'],
    ['lifecycle "x" {\n}', 'Extraneous label for lifecycle', 'No labels are expected for lifecycle blocks.', '1:11'],
  ];
  it.each(cases)('diagnoses %j', (src, summary, detail, at) => {
    const { diags } = body(`ami = 1\n${src}\n`).content(resourceSchema);
    expect(diags).toEqual([expect.objectContaining({ severity: 'error', summary, detail })]);
    expect(`${diags[0]!.subject!.start.line - 1}:${diags[0]!.subject!.start.column}`).toBe(at);
  });

  it('reports missing required arguments at the start of the body', () => {
    const b = body('resource "a" "b" {\n}\n');
    const r = b.content({ attributes: [], blocks: [{ type: 'resource', labelNames: ['type', 'name'] }] }).content.blocks[0]!;
    const { diags } = r.body.content(resourceSchema);
    expect(diags).toEqual([expect.objectContaining({ summary: 'Missing required argument', detail: 'The argument "ami" is required, but no definition was found.' })]);
  });

  it('reports label count errors with the label names', () => {
    const s: BodySchema = { attributes: [], blocks: [{ type: 'resource', labelNames: ['type', 'name'] }] };
    expect(body('resource "a" {\n}\n').content(s).diags).toEqual([expect.objectContaining({
      summary: 'Missing name for resource', detail: 'All resource blocks must have 2 labels (type, name).',
    })]);
    expect(body('resource "a" "b" "c" {\n}\n').content(s).diags).toEqual([expect.objectContaining({
      summary: 'Extraneous label for resource', detail: 'Only 2 labels (type, name) are expected for resource blocks.',
    })]);
  });

  it('hands the rest to a second schema after partialContent', () => {
    const b = nativeBody(parseConfig('count = 1\nami = "x"\nlifecycle {}\n', 'main.tf').file.body);
    const meta = b.partialContent({ attributes: [{ name: 'count' }], blocks: [{ type: 'lifecycle', labelNames: [] }] });
    expect(meta.content.blocks).toHaveLength(1);
    expect(meta.remain.content({ attributes: [{ name: 'ami' }], blocks: [] }).diags).toEqual([]);
  });

  it('rejects blocks in justAttributes', () => {
    const { attributes, diags } = body('a = 1\nb {}\n').justAttributes();
    expect([...attributes.keys()]).toEqual(['a']);
    expect(diags).toEqual([expect.objectContaining({ summary: 'Unexpected "b" block', detail: 'Blocks are not allowed here.' })]);
  });
});

describe('nameSuggestion', () => {
  it.each([
    ['instance_typ', ['ami', 'instance_type'], 'instance_type'],
    ['amx', ['ami', 'amy'], 'ami'],
    ['zzzzz', ['ami'], undefined],
  ] as const)('%s -> %s', (given, cands, want) => {
    expect(nameSuggestion(given, cands)).toBe(want);
  });
});

describe('parseConfigFile', () => {
  it('chooses the syntax by file name and decodes both the same way', async () => {
    const { parseConfigFile } = await import('./parse-file.js');
    const schema: BodySchema = { attributes: [], blocks: [{ type: 'variable', labelNames: ['name'] }] };
    const native = parseConfigFile('variable "x" {\n  default = 1\n}\n', 'a.tf');
    const json = parseConfigFile('{"variable": {"x": {"default": 1}}}', 'a.tf.json');
    expect(native.file.syntax).toBe('native');
    expect(json.file.syntax).toBe('json');
    for (const { file } of [native, json]) {
      const { content, diags } = bodyOf(file).content(schema);
      expect(diags).toEqual([]);
      expect(content.blocks.map((b) => b.labels)).toEqual([['x']]);
      expect([...content.blocks[0]!.body.justAttributes().attributes.keys()]).toEqual(['default']);
    }
  });
});
