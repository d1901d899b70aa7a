/**
 * The serialized form of state format version 4, field for field as Terraform's
 * statefile/version4.go declares it, with a reader that keeps attribute JSON verbatim
 * and a writer that reproduces Terraform's bytes: field order, omitted empty fields,
 * 2-space indentation, Go's string escaping, a trailing newline.
 */
import { GoJSONWriter, goString } from './go-json.js';
import { parseJSONCapturing, RawJSON } from './json-scan.js';

/** The top-level object of a v4 state file. */
export interface StateV4 {
  version: number;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, OutputV4>;
  resources: ResourceV4[];
  check_results: CheckResultV4[] | null;
}

/** A root output: its value and type as cty JSON. */
export interface OutputV4 {
  value: RawJSON;
  type: RawJSON;
  sensitive?: boolean;
}

/** A resource and its instance objects. */
export interface ResourceV4 {
  module?: string;
  mode: string;
  type: string;
  name: string;
  each?: string;
  provider: string;
  instances: InstanceV4[];
}

/** One object (current or deposed) of a resource instance. */
export interface InstanceV4 {
  index_key?: number | string | null;
  status?: string;
  deposed?: string;
  schema_version: number;
  attributes?: RawJSON;
  attributes_flat?: Record<string, string>;
  /** Paths as `[[{"type":"get_attr","value":"x"},{"type":"index","value":{"value":0,"type":"number"}}]]`. */
  sensitive_attributes?: unknown;
  identity_schema_version?: number;
  identity?: RawJSON;
  /** Base64 of the provider's private bytes. */
  private?: string;
  dependencies?: string[];
  create_before_destroy?: boolean;
}

/** Saved results of one checkable object in configuration. */
export interface CheckResultV4 {
  object_kind: string;
  config_addr: string;
  status: string;
  objects: { object_addr: string; status: string; failure_messages?: string[] }[] | null;
}

/** The format version found in a state file, or undefined if the text is not a JSON object with one. */
export function sniffVersion(text: string): number | undefined {
  const m = /"version"\s*:\s*(\d+)/.exec(text.slice(0, 4096));
  return m ? Number(m[1]) : undefined;
}

function captured(p: readonly string[]): boolean {
  if (p[0] === 'outputs') return p.length === 3 && (p[2] === 'value' || p[2] === 'type');
  return p.length === 5 && p[0] === 'resources' && p[3] === '*' && (p[4] === 'attributes' || p[4] === 'identity');
}

/**
 * Above this many characters the scanner reads the state: JSON.parse would hold the whole
 * file as objects at once, several times the text, where the scanner keeps each object's
 * attributes as one string (at 100k instances, hundreds of MB less at the peak).
 */
const NATIVE_MAX_CHARS = 24 * 1024 * 1024;
/**
 * Text JSON.parse then JSON.stringify would not give back verbatim: a `\u` or `\/` escape,
 * an integer-like object key (JSON.parse moves those first), or a number that is not a
 * plain integer of at most 15 digits (1.0, 1e3, -0, big numbers that would be rounded).
 * A number is matched as a whole token (what follows it ends a JSON value), so times such as
 * "12:00:00.000Z" inside strings do not count; other look-alikes in strings may, and the
 * scanner then reads the file, which is always right.
 */
const NOT_VERBATIM = /\\[u/]|"(?:0|[1-9][0-9]*)"\s*:|[:,[]\s*(?:-?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+|-?[0-9]+\.[0-9]+|-?[0-9]{16,}|-0)(?=[\s,\]}])/;

/**
 * The state read by V8's JSON.parse, two to four times faster than the scanner, with the
 * captured parts (see `captured`) turned back into compact text by JSON.stringify. Only
 * when that text is provably what the scanner would capture (see NOT_VERBATIM); undefined
 * otherwise, and for invalid JSON, whose error the scanner reports as Go does.
 */
export function parseStateV4Native(text: string): unknown {
  if (text.length > NATIVE_MAX_CHARS || NOT_VERBATIM.test(text)) return undefined;
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return undefined; }
  if (!isObject(doc)) return doc;
  const raw = (o: Record<string, unknown>, k: string) => { if (k in o) o[k] = new RawJSON(JSON.stringify(o[k])); };
  if (isObject(doc.outputs) || Array.isArray(doc.outputs)) {
    for (const o of Object.values(doc.outputs)) if (isObject(o)) { raw(o, 'value'); raw(o, 'type'); }
  }
  if (Array.isArray(doc.resources)) {
    for (const rs of doc.resources) {
      if (!isObject(rs) || !Array.isArray(rs.instances)) continue;
      for (const is of rs.instances) if (isObject(is)) { raw(is, 'attributes'); raw(is, 'identity'); }
    }
  }
  return doc;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parses state file text into the serialized form. Throws JSONSyntaxError on invalid JSON;
 * fields are not validated here (see state-file.ts).
 */
export function parseStateV4(text: string, opts: { scanner?: boolean } = {}): StateV4 {
  const raw = ((!opts.scanner && parseStateV4Native(text)) || parseJSONCapturing(text, captured)) as Partial<StateV4> & Record<string, unknown>;
  return {
    version: typeof raw.version === 'number' ? raw.version : 0,
    terraform_version: typeof raw.terraform_version === 'string' ? raw.terraform_version : '',
    serial: typeof raw.serial === 'number' ? raw.serial : 0,
    lineage: typeof raw.lineage === 'string' ? raw.lineage : '',
    outputs: raw.outputs && typeof raw.outputs === 'object' ? raw.outputs : {},
    resources: Array.isArray(raw.resources) ? raw.resources : [],
    check_results: Array.isArray(raw.check_results) ? raw.check_results : null,
  };
}

/** Go's byte-wise string order. */
function goLess(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}
/** Go's byte-wise (UTF-8) string order, compared on UTF-16 code units where that gives the same answer. */
export function cmpGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, code unit order is code point order is UTF-8 byte order.
    if (x >= 0xd800 && y >= 0xd800) return goLess(a, b);
    return x - y;
  }
  return a.length - b.length;
}

/** Writes the `check_results` value (null when there are none). */
export function writeCheckResultsV4(w: GoJSONWriter, list: readonly CheckResultV4[] | null | undefined): void {
  if (!list || list.length === 0) w.null();
  else {
    w.openArray();
    for (const c of list) {
      w.openObject();
      w.key('object_kind').string(c.object_kind);
      w.key('config_addr').string(c.config_addr);
      w.key('status').string(c.status);
      w.key('objects');
      if (!c.objects || c.objects.length === 0) w.null();
      else {
        w.openArray();
        for (const o of c.objects) {
          w.openObject();
          w.key('object_addr').string(o.object_addr);
          w.key('status').string(o.status);
          if (o.failure_messages && o.failure_messages.length) {
            w.key('failure_messages').openArray();
            for (const m of o.failure_messages) w.string(m);
            w.close(']');
          }
          w.close('}');
        }
        w.close(']');
      }
      w.close('}');
    }
    w.close(']');
}
}

/** Writes one instance object (at the writer's current level). */
export function writeInstanceText(w: GoJSONWriter, i: InstanceV4): void {
  w.openObject();
  if (i.index_key !== undefined && i.index_key !== null) {
    if (typeof i.index_key === 'number') w.key('index_key').number(i.index_key);
    else w.key('index_key').string(i.index_key);
  }
  if (i.status) w.key('status').string(i.status);
  if (i.deposed) w.key('deposed').string(i.deposed);
  w.key('schema_version').number(i.schema_version);
  if (i.attributes) w.key('attributes').raw(i.attributes.json);
  if (i.attributes_flat && Object.keys(i.attributes_flat).length) {
    w.key('attributes_flat').openObject();
    for (const k of Object.keys(i.attributes_flat).sort(cmpGoStrings)) w.key(k).string(i.attributes_flat[k]!);
    w.close('}');
  }
  if (i.sensitive_attributes !== undefined) {
    const sa = i.sensitive_attributes;
    if (Array.isArray(sa) && sa.length === 0) w.key('sensitive_attributes').rawIndented('[]');
    else w.key('sensitive_attributes').raw(stringifyPaths(sa));
  }
  if (i.identity_schema_version !== undefined) w.key('identity_schema_version').number(i.identity_schema_version);
  if (i.identity) w.key('identity').raw(i.identity.json);
  if (i.private) w.key('private').string(i.private);
  if (i.dependencies && i.dependencies.length) {
    w.key('dependencies').openArray();
    for (const d of i.dependencies) w.string(d);
    w.close(']');
  }
  if (i.create_before_destroy) w.key('create_before_destroy').bool(true);
  w.close('}');
}

// Sensitive paths are plain JSON values here; write them compactly with Go's escaping.
function stringifyPaths(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof RawJSON) return v.json;
  if (Array.isArray(v)) return '[' + v.map(stringifyPaths).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).map((k) => goString(k) + ':' + stringifyPaths(o[k])).join(',') + '}';
}

export { RawJSON };
