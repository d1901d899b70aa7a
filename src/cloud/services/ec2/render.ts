/** Renders plain objects as EC2 response XML: keys are element names, arrays become `<item>` lists. */
import { esc } from '../../xml.js';

/** A value the renderer understands; undefined and null fields are left out, as AWS omits absent members. */
export type XmlValue = string | number | boolean | Date | XmlObject | XmlValue[] | undefined | null;
/** An element's children by name. */
export interface XmlObject {
  [name: string]: XmlValue;
}

function value(v: XmlValue): string {
  if (typeof v === 'string') return esc(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    let s = '';
    for (const it of v) s += `<item>${value(it)}</item>`;
    return s;
  }
  if (v && typeof v === 'object') return renderObject(v);
  return '';
}

/** The children of one element, in key order. */
export function renderObject(o: XmlObject): string {
  let s = '';
  for (const k in o) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    s += `<${k}>${value(v)}</${k}>`;
  }
  return s;
}
