/** A tiny XML builder for AWS responses: escaping, elements, lists. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** Escapes text for element content and attribute values. */
export function esc(s: string): string {
  return /[&<>"\r]/.test(s) ? s.replace(/[&<>"\r]/g, (c) => ESC[c]!) : s;
}

/** What x() accepts as content: text (escaped), numbers/booleans, nested raw XML from x(), or nothing. */
export type XmlContent = string | number | boolean | Raw | Raw[] | null | undefined;

/** Already-built XML that must not be escaped again. */
export class Raw {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

/** Marks a string as built XML. */
export function raw(xml: string): Raw {
  return new Raw(xml);
}

function content(c: XmlContent): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Raw) return c.xml;
  if (Array.isArray(c)) return c.map((r) => r.xml).join('');
  return esc(String(c));
}

/**
 * `<name>content</name>`; text is escaped, Raw is kept. Returns Raw so it nests.
 * `undefined` content yields nothing at all (an absent optional field); `null` yields `<name/>`.
 */
export function x(name: string, c?: XmlContent, attrs?: Record<string, string>): Raw {
  if (c === undefined) return new Raw('');
  const a = attrs ? Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join('') : '';
  const inner = content(c);
  return new Raw(inner === '' ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`);
}

/** Concatenates parts into one Raw. */
export function xs(...parts: XmlContent[]): Raw {
  return new Raw(parts.map(content).join(''));
}

/** A wrapped list: `<name><item>..</item>...</name>` (EC2 uses item, query uses member). */
export function xlist<T>(name: string, items: readonly T[], each: (t: T) => XmlContent, itemName = 'item'): Raw {
  return new Raw(`<${name}>${items.map((t) => `<${itemName}>${content(each(t))}</${itemName}>`).join('')}</${name}>`);
}

/** A flattened list: `<name>..</name><name>..</name>` (S3 style). */
export function xflat<T>(name: string, items: readonly T[], each: (t: T) => XmlContent): Raw {
  return new Raw(items.map((t) => `<${name}>${content(each(t))}</${name}>`).join(''));
}

/** The XML declaration AWS puts first. */
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
