/**
 * Between schema-typed Values and the attribute JSON of a state object: sensitive marks
 * become `sensitive_attributes` paths on the way in and marks again on the way out.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Type } from '../lang/types.js';
import { Mark, markWithPaths, unmarkDeep, type Path, type Value } from '../lang/value.js';
import { NO_SENSITIVE_PATHS, type ResourceInstanceObject } from './state.js';
import { JSONValueError, valueFromJSON, valueToJSON } from './values-json.js';

/** Attribute JSON and sensitive paths ready to put in a ResourceInstanceObject. */
export interface EncodedAttributes {
  attrsJSON: string;
  sensitivePaths: Path[];
}

/**
 * Encodes an object value of the resource's schema type. Sensitive marks anywhere in the
 * value are removed and reported as paths; other marks are dropped. Throws JSONValueError
 * when the value is not wholly known (state can only hold known values: a bug upstream).
 */
export function encodeAttributes(value: Value, type: Type = value.type): EncodedAttributes {
  const [bare, pms] = unmarkDeep(value);
  let sensitivePaths: Path[] = NO_SENSITIVE_PATHS;
  for (const pm of pms) if (pm.marks & Mark.Sensitive) (sensitivePaths === NO_SENSITIVE_PATHS ? (sensitivePaths = []) : sensitivePaths).push(pm.path);
  return { attrsJSON: valueToJSON(bare, type), sensitivePaths };
}

/** A decoded object value (marked sensitive at its recorded paths) and any problem found. */
export interface DecodedAttributes {
  value: Value | undefined;
  diags: Diagnostic[];
}

/**
 * Decodes an object's attributes for the given schema type, re-applying sensitive marks.
 * `addr` names the instance in error messages.
 */
export function decodeAttributes(obj: ResourceInstanceObject, type: Type, addr = 'resource instance'): DecodedAttributes {
  if (obj.attrsJSON === undefined) {
    return { value: undefined, diags: [errorDiag('Legacy state format', `The state for ${addr} uses the flatmap attribute format of Terraform 0.11 and earlier, which needs a provider state upgrade.`)] };
  }
  try {
    const v = valueFromJSON(obj.attrsJSON, type);
    const marked = obj.sensitivePaths.length
      ? markWithPaths(v, obj.sensitivePaths.map((path) => ({ path, marks: Mark.Sensitive })))
      : v;
    return { value: marked, diags: [] };
  } catch (e) {
    if (e instanceof JSONValueError || e instanceof SyntaxError) {
      const where = e instanceof JSONValueError && e.path.length ? ` at ${formatPath(e.path)}` : '';
      return { value: undefined, diags: [errorDiag('Invalid resource instance data in state', `Instance ${addr} data could not be decoded from the state: ${e.message}${where}.`)] };
    }
    throw e;
  }
}

/** A path as Terraform prints it in messages: `.tags["Name"]`, `.list[0]`. */
export function formatPath(path: Path): string {
  let s = '';
  for (const st of path) {
    if ('attr' in st) s += '.' + st.attr;
    else if (typeof st.index === 'number') s += `[${st.index}]`;
    else if (typeof st.index === 'string') s += `[${JSON.stringify(st.index)}]`;
    else s += '[...]';
  }
  return s;
}
