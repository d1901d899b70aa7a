/** The REST-XML protocol (S3): XML request bodies and the S3 error envelope. */
import { createRequire } from 'node:module';
import type { RequestContext } from '../context.js';
import { AwsError } from '../errors.js';
import { XML_DECL, esc } from '../xml.js';

type Fxp = typeof import('fast-xml-parser');
let fxp: { parser: InstanceType<Fxp['XMLParser']>; validate: Fxp['XMLValidator']['validate'] } | undefined;

/** fast-xml-parser, loaded on the first XML body rather than at start-up. */
function xml(): NonNullable<typeof fxp> {
  if (!fxp) {
    const m = createRequire(import.meta.url)('fast-xml-parser') as Fxp;
    const parser = new m.XMLParser({
      ignoreAttributes: true,
      removeNSPrefix: true,
      parseTagValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      processEntities: true,
    });
    fxp = { parser, validate: m.XMLValidator.validate };
  }
  return fxp;
}

/** A parsed XML element: text, or children by name (repeated names become arrays). */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

/**
 * Parses an XML request body. Malformed XML, or a root other than `root` when given, is
 * 400 MalformedXML with S3's message.
 */
export function parseXmlBody(body: Buffer | string, root?: string): Record<string, XmlNode | XmlNode[]> {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const { parser, validate } = xml();
  if (text.trim() === '' || validate(text) !== true) throw malformedXml();
  const doc = parser.parse(text) as Record<string, XmlNode | XmlNode[]>;
  if (root) {
    const r = doc[root];
    if (r === undefined || Array.isArray(r)) throw malformedXml();
    return typeof r === 'string' ? {} : r;
  }
  return doc;
}

/** S3's MalformedXML error. */
export function malformedXml(): AwsError {
  return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
}

/** Children named `name` of a parsed node, always as an array. */
export function children(node: XmlNode | XmlNode[] | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const c = node[name];
  if (c === undefined) return [];
  return Array.isArray(c) ? c : [c];
}

/** The text of child `name` (first one), or undefined. */
export function text(node: XmlNode | XmlNode[] | undefined, name: string): string | undefined {
  const c = children(node, name)[0];
  if (c === undefined) return undefined;
  return typeof c === 'string' ? c : '';
}

/** The child element `name` (first one) as a node, or undefined. */
export function child(node: XmlNode | XmlNode[] | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** `<Error><Code/><Message/>[fields]<RequestId/><HostId/></Error>` as S3 sends it. */
export function restXmlError(err: AwsError, ctx: Pick<RequestContext, 'requestId'>, hostId: string): string {
  const extra = err.fields ? Object.entries(err.fields).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('') : '';
  return (
    `${XML_DECL}\n<Error><Code>${esc(err.code)}</Code><Message>${esc(err.message)}</Message>${extra}` +
    `<RequestId>${ctx.requestId}</RequestId><HostId>${hostId}</HostId></Error>`
  );
}
