/** The legacy query form of SQS: form parameters to the JSON input shape, JSON output to query XML. */
import { listItems, qList, qMap, qStructs, str, type QueryParams, type QueryTree } from '../../protocols/query.js';
import { x, xs, type Raw, type XmlContent } from '../../xml.js';

function messageAttributes(items: (QueryTree | string)[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const it of items) {
    if (typeof it !== 'object') continue;
    const name = str(it, 'Name');
    const v = it['Value'];
    if (!name || typeof v !== 'object') continue;
    const val: Record<string, string> = { DataType: str(v, 'DataType') ?? '' };
    if (str(v, 'StringValue') !== undefined) val['StringValue'] = str(v, 'StringValue')!;
    if (str(v, 'BinaryValue') !== undefined) val['BinaryValue'] = str(v, 'BinaryValue')!;
    out[name] = val;
  }
  return Object.keys(out).length ? out : undefined;
}

const ENTRY_LISTS = ['SendMessageBatchRequestEntry', 'DeleteMessageBatchRequestEntry', 'ChangeMessageVisibilityBatchRequestEntry'];

/** Converts a legacy query request's parameters to the JSON protocol's input shape. */
export function queryToInput(p: QueryParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!k.includes('.') && k !== 'Action' && k !== 'Version') out[k] = v;
  const attrs = qMap(p, 'Attribute', 'Name', 'Value');
  if (Object.keys(attrs).length) out['Attributes'] = attrs;
  const tags = qMap(p, 'Tag', 'Key', 'Value');
  if (Object.keys(tags).length) out['Tags'] = tags;
  const lists: [string, string][] = [['AttributeName', 'AttributeNames'], ['MessageAttributeName', 'MessageAttributeNames'], ['MessageSystemAttributeName', 'MessageSystemAttributeNames'], ['TagKey', 'TagKeys']];
  for (const [q, j] of lists) {
    const l = qList(p, q);
    if (l.length) out[j] = l;
  }
  const ma = messageAttributes(qStructs(p, 'MessageAttribute'));
  if (ma) out['MessageAttributes'] = ma;
  const msa = messageAttributes(qStructs(p, 'MessageSystemAttribute'));
  if (msa) out['MessageSystemAttributes'] = msa;
  for (const name of ENTRY_LISTS) {
    const entries = qStructs(p, name);
    if (!entries.length) continue;
    out['Entries'] = entries.map((e) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e)) if (typeof v === 'string') o[k] = v;
      const a = messageAttributes(listItems(e['MessageAttribute']));
      if (a) o['MessageAttributes'] = a;
      return o;
    });
  }
  return out;
}

function attrValue(v: Record<string, string>): Raw {
  return xs(x('StringValue', v['StringValue']), x('BinaryValue', v['BinaryValue']), x('DataType', v['DataType']));
}

function fields(obj: Record<string, unknown>, action: string): Raw {
  const parts: XmlContent[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (k === 'Attributes') {
      for (const [n, val] of Object.entries(v as Record<string, string>)) parts.push(x('Attribute', xs(x('Name', n), x('Value', val))));
    } else if (k === 'Tags') {
      for (const [n, val] of Object.entries(v as Record<string, string>)) parts.push(x('Tag', xs(x('Key', n), x('Value', val))));
    } else if (k === 'MessageAttributes') {
      for (const [n, val] of Object.entries(v as Record<string, Record<string, string>>)) parts.push(x('MessageAttribute', xs(x('Name', n), x('Value', attrValue(val)))));
    } else if (Array.isArray(v)) {
      const el = k === 'QueueUrls' || k === 'queueUrls' ? 'QueueUrl' : k === 'Messages' ? 'Message' : k === 'Successful' ? `${action}ResultEntry` : k === 'Failed' ? 'BatchResultErrorEntry' : k;
      for (const item of v) parts.push(x(el, typeof item === 'object' ? fields(item as Record<string, unknown>, action) : String(item)));
    } else if (typeof v === 'object') {
      parts.push(x(k, fields(v as Record<string, unknown>, action)));
    } else {
      parts.push(x(k, v as string | number | boolean));
    }
  }
  return xs(...parts);
}

/** Renders a JSON-shaped output as the inner XML of `<ActionResult>`. */
export function outputToXml(action: string, out: Record<string, unknown>): Raw {
  return fields(out, action);
}
