/**
 * Converts between the serialized v4 form and the State model: `decodeState(text)` reads
 * a terraform.tfstate (diagnostics for anything Terraform would reject) and
 * `encodeState(state)` writes the exact bytes Terraform would write for it.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import {
  AbsResource, AbsResourceInstance, ConfigResource, ModuleInstance, Resource, ResourceInstance, parseAbsProviderConfig, type AbsProviderConfig,
  parseAbsResource, parseModuleInstance, instanceKeyString, type InstanceKey, type ResourceMode,
} from '../addrs/index.js';
import { Value, type Path, type PathStep } from '../lang/value.js';
import * as T from '../lang/types.js';
import { JSONSyntaxError, RawJSON, own } from './json-scan.js';
import {
  cmpGoStrings, parseStateV4, sniffVersion, writeCheckResultsV4, writeInstanceText,
  type CheckResultV4, type InstanceV4, type ResourceV4, type StateV4,
} from './state-v4-json.js';
import { GoJSONWriter, goString } from './go-json.js';
import { NO_DEPENDENCIES, NO_SENSITIVE_PATHS, State, type CheckResult, type CheckStatus, type ResourceInstanceObject, type ResourceInstanceState, type ResourceState } from './state.js';
import { withConcreteTypes } from '../lang/concrete-type.js';
import { JSONValueError, typeFromJSON, typeToJSON, valueFromJSON, valueFromJSONValue, valueToJSON, compactStringify } from './values-json.js';

/** A decoding result: the state (absent only when the file could not be read at all) and diagnostics. */
export interface DecodedState {
  state: State | undefined;
  diags: Diagnostic[];
}

/** Reads state file text. */
export function decodeState(text: string): DecodedState {
  const diags: Diagnostic[] = [];
  const version = sniffVersion(text);
  if (version !== undefined && version !== 4) {
    diags.push(version > 4
      ? errorDiag('Unsupported state file format', `The state file uses format version ${version}, which is not supported by terrane. This state file may have been created by a newer version of Terraform.`)
      : errorDiag('Unsupported state file format', `The state file uses format version ${version}. terrane reads format version 4, written by Terraform 0.12 and later; run Terraform 0.12 or later on this state once to upgrade it.`));
    return { state: undefined, diags };
  }
  let file: StateV4;
  try {
    file = parseStateV4(text);
  } catch (e) {
    if (e instanceof JSONSyntaxError) {
      diags.push(errorDiag('Failed to decode state', `The state file could not be parsed as JSON: syntax error at byte offset ${e.byteOffset}.`));
      return { state: undefined, diags };
    }
    throw e;
  }
  if (file.version !== 4) {
    diags.push(errorDiag('Unsupported state file format', 'The state file does not have a "version" attribute, which is required to identify the format version.'));
    return { state: undefined, diags };
  }
  if (file.terraform_version !== '' && !/^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(file.terraform_version)) {
    diags.push(errorDiag('Invalid Terraform version string', `State file claims to have been written by Terraform version "${file.terraform_version}", which is not a valid version string.`));
  }
  const state = new State(file.lineage);
  state.terraformVersion = file.terraform_version;
  state.serial = file.serial;

  const cache: DecodeCache = { deps: new Map(), providers: new Map(), types: new Map(), resources: new Map() };
  for (const rs of file.resources) decodeResource(state, rs, diags, cache);

  for (const [name, o] of Object.entries(file.outputs)) {
    if (!(o?.type instanceof RawJSON) || !(o.value instanceof RawJSON)) {
      diags.push(errorDiag('Invalid output value type in state', `The state file has an invalid type specification for output "${name}".`));
      continue;
    }
    let type: T.Type;
    try { type = typeFromJSON(o.type.json); } catch (e) {
      diags.push(errorDiag('Invalid output value type in state', `The state file has an invalid type specification for output "${name}": ${(e as Error).message}.`));
      continue;
    }
    try {
      // As cty decodes it: a dynamic place in the saved type takes the type of its value.
      state.setOutput(name, withConcreteTypes(valueFromJSON(o.value.json, type)), o.sensitive === true);
    } catch (e) {
      diags.push(errorDiag('Invalid output value saved in state', `The state file has an invalid value for output "${name}": ${(e as Error).message}.`));
    }
  }

  for (const c of file.check_results ?? []) {
    // Kinds from newer versions are left out, as Terraform does.
    const d = decodeCheck(c);
    if (d) state.checkResults.push(d);
  }
  return { state, diags };
}

/** Dependency and provider addresses repeat across a state's resources: each is parsed once. */
interface DecodeCache {
  deps: Map<string, ConfigResource | undefined>;
  providers: Map<string, AbsProviderConfig>;
  types: Map<string, string>;
  /** One Resource address per resource (by mode and type, then name), shared by its state entry and every dependency on it. */
  resources: Map<string, Map<string, Resource>>;
}

function sharedResource(cache: DecodeCache, mode: ResourceMode, rawType: string, name: string): Resource {
  let byName = cache.resources.get(mode + '.' + rawType);
  if (!byName) cache.resources.set(mode + '.' + rawType, (byName = new Map()));
  let r = byName.get(name);
  if (!r) {
    let type = cache.types.get(rawType);
    if (type === undefined) cache.types.set(rawType, (type = own(rawType)));
    byName.set(name, (r = new Resource(mode, type, own(name))));
  }
  return r;
}

function decodeResource(state: State, rs: ResourceV4, diags: Diagnostic[], cache: DecodeCache): void {
  const depCache = cache.deps;
  if (rs.mode !== 'managed' && rs.mode !== 'data') {
    diags.push(errorDiag('Invalid resource mode in state', `State contains a resource with mode "${rs.mode}" ("${rs.type}" "${rs.name}") which is not supported.`));
    return;
  }
  let module = ModuleInstance.ROOT;
  if (rs.module) {
    const m = parseModuleInstance(rs.module);
    if (!m.value) { diags.push(...m.diags); return; }
    module = m.value;
  }
  const providers = cache.providers;
  let provider = providers.get(rs.provider ?? '');
  if (!provider) {
    const p = parseAbsProviderConfig(rs.provider ?? '');
    if (!p.value) { diags.push(...p.diags); return; }
    provider = p.value;
    providers.set(rs.provider ?? '', provider);
  }
  const rAddr = new AbsResource(module, sharedResource(cache, rs.mode === 'managed' ? 'managed' : 'data', rs.type, rs.name));
  const res = state.ensureResource(rAddr, provider);

  for (const is of rs.instances ?? []) {
    let key: InstanceKey = null;
    const raw = is.index_key;
    if (typeof raw === 'number') key = Math.trunc(raw);
    else if (typeof raw === 'string') key = raw;
    else if (raw !== undefined && raw !== null) {
      diags.push(errorDiag('Invalid resource instance metadata in state', `Resource ${rAddr} has an instance with the invalid instance key ${JSON.stringify(raw)}.`));
      continue;
    }
    const iAddr = new AbsResourceInstance(module, new ResourceInstance(rAddr.resource, key));
    if (is.status !== undefined && is.status !== '' && is.status !== 'tainted') {
      diags.push(errorDiag('Invalid resource instance metadata in state', `Instance ${iAddr} has invalid status "${is.status}".`));
      continue;
    }
    const paths = decodePaths(is.sensitive_attributes, diags);
    if (!paths) continue;
    let deps: ConfigResource[] = NO_DEPENDENCIES;
    for (const d of is.dependencies ?? []) {
      // The same few dependency addresses repeat across instances: parse each once.
      if (!depCache.has(d)) {
        const a = parseAbsResource(d);
        if (!a.value) diags.push(...a.diags);
        const r = a.value?.resource;
        depCache.set(d, a.value && new ConfigResource(a.value.module.module(), sharedResource(cache, r!.mode, r!.type, r!.name)));
      }
      const c = depCache.get(d);
      if (c) deps = deps === NO_DEPENDENCIES ? [c] : deps.concat(c);
    }
    // Every usual field in the literal (undefined when absent): V8 then keeps them inside the object.
    const obj: { -readonly [K in keyof ResourceInstanceObject]: ResourceInstanceObject[K] } = {
      status: is.status === 'tainted' ? 'tainted' : 'ready',
      schemaVersion: is.schema_version ?? 0,
      sensitivePaths: paths,
      dependencies: deps,
      createBeforeDestroy: is.create_before_destroy === true,
      attrsJSON: is.attributes instanceof RawJSON ? is.attributes.json : is.attributes_flat ? undefined : '{}',
      identitySchemaVersion: typeof is.identity_schema_version === 'number' ? is.identity_schema_version : undefined,
    };
    if (obj.attrsJSON === undefined) obj.attrsFlat = is.attributes_flat;
    if (is.identity instanceof RawJSON) obj.identityJSON = is.identity.json;
    if (is.private) obj.private = new Uint8Array(Buffer.from(is.private, 'base64'));

    const existing = res.instances.get(instanceKeyString(key));
    if (is.deposed) {
      if (is.deposed.length !== 8) {
        diags.push(errorDiag('Invalid resource instance metadata in state', `Instance ${iAddr} has an object with deposed key "${is.deposed}", which is not correctly formatted.`));
        continue;
      }
      if (existing?.deposed.has(is.deposed)) {
        diags.push(errorDiag('Duplicate resource instance in state', `Instance ${iAddr} deposed object "${is.deposed}" appears multiple times in the state file.`));
        continue;
      }
      state.setDeposed(iAddr, is.deposed, obj, provider);
    } else {
      if (existing?.current) {
        diags.push(errorDiag('Duplicate resource instance in state', `Instance ${iAddr} appears multiple times in the state file.`));
        continue;
      }
      state.setCurrent(iAddr, obj, provider);
    }
  }
}

function decodePaths(raw: unknown, diags: Diagnostic[]): Path[] | undefined {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return NO_SENSITIVE_PATHS;
  const bad = (detail: string) => { diags.push(errorDiag('Error unmarshaling path steps', detail)); return undefined; };
  if (!Array.isArray(raw)) return bad('sensitive_attributes must be an array of paths');
  const out: Path[] = [];
  for (const p of raw) {
    if (!Array.isArray(p)) return bad('each sensitive attribute path must be an array of steps');
    const path: PathStep[] = [];
    for (const st of p as { type?: unknown; value?: unknown }[]) {
      if (st?.type === 'get_attr' && typeof st.value === 'string') path.push({ attr: st.value });
      else if (st?.type === 'index') {
        let v: Value;
        try { v = valueFromJSONValue(st.value, T.Dynamic); } catch (e) {
          return bad(`Failed to unmarshal index step key: ${(e as Error).message}`);
        }
        path.push({ index: v.type.kind === 'number' && !v.isNull ? v.num : v.type.kind === 'string' && !v.isNull ? v.str : v });
      } else {
        diags.push(errorDiag('Unsupported path step', `Unsupported path step type ${JSON.stringify(st?.type)}`));
        return undefined;
      }
    }
    out.push(path);
  }
  return out;
}

/** The v4 JSON form of sensitive paths. */
export function encodePaths(paths: readonly Path[]): unknown[] {
  return paths.map((p) => p.map((st) => {
    if ('attr' in st) return { type: 'get_attr', value: st.attr };
    const k = st.index;
    const json = typeof k === 'number' ? `{"value":${k},"type":"number"}`
      : typeof k === 'string' ? `{"value":${compactStringify(k)},"type":"string"}`
      : valueToJSON(k, T.Dynamic);
    return { type: 'index', value: new RawJSON(json) };
  }));
}

const CHECK_STATUSES = new Set(['pass', 'fail', 'error']);
const CHECK_KINDS = new Set(['resource', 'output', 'check', 'var']);
function decodeCheck(c: CheckResultV4): CheckResult | undefined {
  const st = (s: string): CheckStatus => (CHECK_STATUSES.has(s) ? (s as CheckStatus) : 'unknown');
  if (!CHECK_KINDS.has(c.object_kind)) return undefined;
  const kind = c.object_kind as CheckResult['objectKind'];
  return {
    objectKind: kind,
    configAddr: c.config_addr,
    status: st(c.status),
    objects: (c.objects ?? []).map((o) => {
      const r: { objectAddr: string; status: CheckStatus; failureMessages?: string[] } = { objectAddr: o.object_addr, status: st(o.status) };
      if (o.failure_messages) r.failureMessages = o.failure_messages;
      return r;
    }),
  };
}

function checkResultsV4(results: readonly CheckResult[]): CheckResultV4[] | null {
  if (!results.length) return null;
  return results.map((c) => ({
    object_kind: c.objectKind,
    config_addr: c.configAddr,
    status: c.status,
    objects: c.objects.length ? c.objects.map((o) => ({ object_addr: o.objectAddr, status: o.status, ...(o.failureMessages ? { failure_messages: o.failureMessages.slice() } : {}) })) : null,
  }));
}

/** True for Terraform versions (1.12+) whose state files carry `identity_schema_version`. */
export function writesIdentity(version: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const major = Number(m[1]), minor = Number(m[2]);
  return major > 1 || (major === 1 && minor >= 12);
}

function encodeObject(key: InstanceKey, deposed: string | undefined, o: ResourceInstanceObject, identityDefault: number | undefined): InstanceV4 {
  const i: InstanceV4 = { schema_version: o.schemaVersion };
  if (key !== null) i.index_key = key;
  if (o.status === 'tainted') i.status = 'tainted';
  if (deposed) i.deposed = deposed;
  if (o.attrsJSON !== undefined) i.attributes = new RawJSON(o.attrsJSON);
  else if (o.attrsFlat) i.attributes_flat = { ...o.attrsFlat };
  else i.attributes = new RawJSON('{}');
  i.sensitive_attributes = encodePaths(o.sensitivePaths);
  const isv = o.identitySchemaVersion ?? identityDefault;
  if (isv !== undefined) i.identity_schema_version = isv;
  if (o.identityJSON) i.identity = new RawJSON(o.identityJSON);
  if (o.private && o.private.length) i.private = Buffer.from(o.private).toString('base64');
  if (o.dependencies.length) {
    // Terraform records dependencies sorted and without duplicates.
    const deps = Array.from(new Set(o.dependencies.map(String)));
    deps.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    i.dependencies = deps;
  }
  if (o.createBeforeDestroy) i.create_before_destroy = true;
  return i;
}

/** Writes a state as Terraform's exact terraform.tfstate bytes. */
export function encodeState(state: State): string {
  return encodeStateParts(state).text();
}

/**
 * A state's file bytes in pieces: the head, which holds the serial (so a new serial costs
 * only a new head), and the rest, in which each instance is one piece shared with every
 * earlier encoding of the same object. An apply writes the whole state after its changes;
 * with 100k instances this keeps each write to the pieces that changed, with no one large
 * string, and lets two encodings be compared mostly by identity.
 */
export class EncodedState {
  constructor(readonly terraformVersion: string, public serial: number, readonly rest: readonly Buffer[]) {}

  /** The text before the lineage, for `serial`. */
  head(serial = this.serial): Buffer {
    return Buffer.from(`{\n  "version": 4,\n  "terraform_version": ${goString(this.terraformVersion)},\n  "serial": ${serial},\n`);
  }

  /** The file's bytes, in order. */
  buffers(): Buffer[] {
    return [this.head(), ...this.rest];
  }

  /** The file's text. */
  text(): string {
    return Buffer.concat(this.buffers()).toString('utf8');
  }

  /** Total length in bytes. */
  get byteLength(): number {
    let n = this.head().length;
    for (const b of this.rest) n += b.length;
    return n;
  }

  /** True when `other` encodes the same bytes. */
  sameAs(other: EncodedState): boolean {
    if (other.terraformVersion !== this.terraformVersion || other.serial !== this.serial) return false;
    const a = this.rest, b = other.rest;
    if (a.length === b.length) {
      let i = 0;
      while (i < a.length && (a[i] === b[i] || a[i]!.equals(b[i]!))) i++;
      if (i === a.length) return true;
    }
    // Pieces are cut by structure, so equal bytes almost always mean equal pieces; check the
    // bytes themselves before calling them different.
    return this.byteLength === other.byteLength && Buffer.concat(a).equals(Buffer.concat(b));
  }
}

// Instances sit at nesting level 4: the file's object, "resources", a resource, "instances".
const INSTANCE_LEVEL = 4;
const INSTANCE_SEP = Buffer.from(',\n' + '  '.repeat(INSTANCE_LEVEL));

/** An object's encoded text, for the place (key, deposed key, identity default) it was encoded for. */
interface EncodedInstance { key: InstanceKey; deposed: string | undefined; identityDefault: number | undefined; bytes: Buffer }
const instanceBytes = new WeakMap<ResourceInstanceObject, EncodedInstance>();

function encodedInstance(key: InstanceKey, deposed: string | undefined, o: ResourceInstanceObject, identityDefault: number | undefined): Buffer {
  const hit = instanceBytes.get(o);
  if (hit && hit.key === key && hit.deposed === deposed && hit.identityDefault === identityDefault) return hit.bytes;
  const w = new GoJSONWriter('  ', INSTANCE_LEVEL);
  writeInstanceText(w, encodeObject(key, deposed, o, identityDefault));
  const bytes = Buffer.from(w.body(), 'utf8');
  instanceBytes.set(o, { key, deposed, identityDefault, bytes });
  return bytes;
}

/**
 * A resource's bytes from its `{` to its instances' `[` and the newline after it, for the
 * provider it was encoded with.
 */
const resourceHeads = new WeakMap<ResourceState, { provider: AbsProviderConfig; bytes: Buffer }>();

function resourceHead(r: ResourceState, module: string): Buffer {
  const hit = resourceHeads.get(r);
  if (hit && hit.provider === r.provider) return hit.bytes;
  const w = new GoJSONWriter('  ', 2);
  w.openObject();
  if (module) w.key('module').string(module);
  w.key('mode').string(r.addr.resource.mode);
  w.key('type').string(r.addr.resource.type);
  w.key('name').string(r.addr.resource.name);
  w.key('provider').string(r.provider.toString());
  w.key('instances');
  const bytes = Buffer.from(w.body() + '[\n' + '  '.repeat(INSTANCE_LEVEL), 'utf8');
  resourceHeads.set(r, { provider: r.provider, bytes });
  return bytes;
}

// The constant pieces around resources and instances.
const FIRST_RESOURCE = Buffer.from('[\n    ');
const NEXT_RESOURCE = Buffer.from(',\n    ');
const RESOURCE_END = Buffer.from('\n      ]\n    }');
const NO_INSTANCES = Buffer.from('[]\n    }');

function compareKeys(kx: InstanceKey, ky: InstanceKey): number {
  if (kx === ky) return 0;
  if (kx === null) return -1;
  if (ky === null) return 1;
  if (typeof kx === 'number' && typeof ky === 'number') return kx - ky;
  if (typeof kx === 'string' && typeof ky === 'string') return cmpGoStrings(kx, ky);
  return typeof kx === 'number' ? -1 : 1;
}

const compareResources = (a: ResourceState, b: ResourceState): number =>
  cmpGoStrings(a.addr.resource.mode, b.addr.resource.mode) || cmpGoStrings(a.addr.resource.type, b.addr.resource.type) || cmpGoStrings(a.addr.resource.name, b.addr.resource.name);
const compareInstances = (a: ResourceInstanceState, b: ResourceInstanceState): number => compareKeys(a.key, b.key);

/**
 * The values of `map` in `cmp` order, kept from one call to the next: an apply writes the
 * state after its changes, and between two writes a few entries come and go among up to
 * 100k. New entries are sorted and merged in; a removal sorts afresh.
 */
interface SortedValues<V> { members: Set<V>; sorted: V[] }
const sortedCache = new WeakMap<Map<string, unknown>, SortedValues<unknown>>();

function sortedValues<V>(map: Map<string, V>, cmp: (a: V, b: V) => number): V[] {
  // Small maps (most resources have one instance) are cheaper to sort than to remember.
  if (map.size <= 16) {
    const out = [...map.values()];
    if (out.length > 1) out.sort(cmp);
    return out;
  }
  const hit = sortedCache.get(map) as SortedValues<V> | undefined;
  if (hit) {
    let added: V[] | undefined;
    for (const v of map.values()) if (!hit.members.has(v)) (added ??= []).push(v);
    if (hit.members.size + (added?.length ?? 0) === map.size) {
      if (!added) return hit.sorted;
      added.sort(cmp);
      for (const v of added) hit.members.add(v);
      hit.sorted = mergeSorted(hit.sorted, added, cmp);
      return hit.sorted;
    }
  }
  const sorted = [...map.values()].sort(cmp);
  sortedCache.set(map, { members: new Set(sorted), sorted } as SortedValues<unknown>);
  return sorted;
}

function mergeSorted<V>(a: readonly V[], b: readonly V[], cmp: (x: V, y: V) => number): V[] {
  const out = new Array<V>(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Encodes a state as EncodedState: the bytes Terraform writes, sorted as Terraform sorts them. */
export function encodeStateParts(state: State): EncodedState {
  const rest: Buffer[] = [];

  // The fields after the serial, up to the resources' `[`, written as part of the file's object.
  const top = new GoJSONWriter();
  top.openObject();
  top.key('lineage').string(state.lineage);
  top.key('outputs').openObject();
  for (const name of [...state.outputs.keys()].sort(cmpGoStrings)) {
    const o = state.outputs.get(name)!;
    const v = o.value;
    top.key(name).openObject();
    top.key('value').raw(valueToJSON(v, v.type));
    top.key('type').raw(typeToJSON(v.type));
    if (o.sensitive) top.key('sensitive').bool(true);
    top.close('}');
  }
  top.close('}');
  top.key('resources');
  rest.push(Buffer.from(top.body().slice(2), 'utf8')); // from the lineage's indentation on (without `{` and its newline)

  const identityDefault = writesIdentity(state.terraformVersion) ? 0 : undefined;
  const mods = [...state.modules.values()].map((m) => ({ m, name: m.addr.toString() }));
  mods.sort((a, b) => cmpGoStrings(a.name, b.name));
  let firstResource = true;
  for (const { m, name: module } of mods) {
    for (const r of sortedValues(m.resources, compareResources)) {
      rest.push(firstResource ? FIRST_RESOURCE : NEXT_RESOURCE);
      firstResource = false;
      let head: Buffer | undefined = resourceHead(r, module);
      let n = 0;
      for (const is of sortedValues(r.instances, compareInstances)) {
        if (is.current) {
          if (head) { rest.push(head); head = undefined; } else rest.push(INSTANCE_SEP);
          rest.push(encodedInstance(is.key, undefined, is.current, identityDefault));
          n++;
        }
        if (is.deposed.size === 0) continue;
        for (const dk of [...is.deposed.keys()].sort(cmpGoStrings)) {
          if (head) { rest.push(head); head = undefined; } else rest.push(INSTANCE_SEP);
          rest.push(encodedInstance(is.key, dk, is.deposed.get(dk)!, identityDefault));
          n++;
        }
      }
      if (n === 0) {
        // `"instances": []`: the head without its trailing newline and indentation.
        rest.push(head!.subarray(0, head!.length - 1 - 2 * INSTANCE_LEVEL - 1), NO_INSTANCES);
      } else rest.push(RESOURCE_END);
    }
  }

  const tail = new GoJSONWriter('  ', 1);
  writeCheckResultsV4(tail, checkResultsV4(state.checkResults));
  rest.push(Buffer.from((firstResource ? '[]' : '\n  ]') + ',\n  "check_results": ' + tail.body() + '\n}\n', 'utf8'));
  return new EncodedState(state.terraformVersion, state.serial, rest);
}

export { JSONValueError };
