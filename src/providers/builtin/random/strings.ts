/**
 * random_string and random_password (hashicorp/random 3.x): a string of `length` characters
 * drawn from the enabled classes, with at least `min_*` of each. Every argument forces
 * replacement. random_password's result is sensitive and it also stores a bcrypt hash.
 */
import { randomInt } from 'node:crypto';
import { bcrypt } from '../../../lang/bcrypt.js';
import * as T from '../../../lang/types.js';
import { boolVal, numberVal, stringVal, type Value } from '../../../lang/value.js';
import type { AttributeSchema, ProviderDiagnostic } from '../../protocol.js';
import type { ResourceDef } from '../../sdk/resource.js';
import { ProviderError } from '../../sdk/resource.js';
import { bool, fromJS, num, str, withAttrs } from '../../sdk/obj.js';
import { impliedType } from '../../schema.js';
import { upgradePasswordState, upgradeStringState } from './upgrade.js';
import { copyPlanned, keepersAttr, shuffle } from './common.js';
import { requiresReplaceUnlessEmptyStringToNull } from '../../sdk/plan-modifiers.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMERIC = '0123456789';
/** The provider's default special characters. */
export const DEFAULT_SPECIAL = '!@#$%&*()-_=+[]{}<>:?';

/** The options of a random string, as configured. */
export interface StringOptions {
  length: number;
  upper: boolean; lower: boolean; numeric: boolean; special: boolean;
  minUpper: number; minLower: number; minNumeric: number; minSpecial: number;
  overrideSpecial?: string;
}

/** Generates a random string honouring the class switches and minimums. */
export function generateString(o: StringOptions): string {
  const special = o.overrideSpecial ?? DEFAULT_SPECIAL;
  const classes: [boolean, string, number][] = [
    [o.upper, UPPER, o.minUpper], [o.lower, LOWER, o.minLower], [o.numeric, NUMERIC, o.minNumeric], [o.special, special, o.minSpecial],
  ];
  let all = '';
  const out: string[] = [];
  for (const [on, chars, min] of classes) {
    if (!on || chars.length === 0) continue;
    all += chars;
    for (let i = 0; i < min; i++) out.push(chars[randomInt(chars.length)]!);
  }
  if (all.length === 0) throw new ProviderError('Random Read Error', 'the character set specified is empty');
  while (out.length < o.length) out.push(all[randomInt(all.length)]!);
  return shuffle(out, (n) => randomInt(n)).join('');
}

function attrs(sensitive: boolean): Record<string, AttributeSchema> {
  const flag = (d: string): AttributeSchema => ({ type: T.Bool, optional: true, computed: true, forceNew: true, default: boolVal(true), description: d });
  const min = (d: string): AttributeSchema => ({ type: T.Number, optional: true, computed: true, forceNew: true, default: numberVal(0), description: d });
  // No schema default for numeric/number: the plan derives both from whichever is set.
  const noDefault = (d: string): AttributeSchema => ({ type: T.Bool, optional: true, computed: true, forceNew: true, description: d });
  return {
    keepers: keepersAttr,
    length: { type: T.Number, required: true, forceNew: true, description: 'The length of the string desired. The minimum value for length is 1 and, length must also be >= (`min_upper` + `min_lower` + `min_numeric` + `min_special`).' },
    special: flag('Include special characters in the result. These are `!@#$%&*()-_=+[]{}<>:?`. Default value is `true`.'),
    upper: flag('Include uppercase alphabet characters in the result. Default value is `true`.'),
    lower: flag('Include lowercase alphabet characters in the result. Default value is `true`.'),
    number: { ...noDefault('Include numeric characters in the result. Default value is `true`. **NOTE**: This is deprecated, use `numeric` instead.'), deprecated: '**NOTE**: This is deprecated, use `numeric` instead.' },
    numeric: noDefault('Include numeric characters in the result. Default value is `true`.'),
    min_numeric: min('Minimum number of numeric characters in the result. Default value is `0`.'),
    min_upper: min('Minimum number of uppercase alphabet characters in the result. Default value is `0`.'),
    min_lower: min('Minimum number of lowercase alphabet characters in the result. Default value is `0`.'),
    min_special: min('Minimum number of special characters in the result. Default value is `0`.'),
    override_special: { type: T.String, optional: true, forceNew: true, replaceIf: requiresReplaceUnlessEmptyStringToNull, description: 'Supply your own list of special characters to use for string generation.' },
    result: { type: T.String, computed: true, sensitive, description: 'The generated random string.' },
    id: { type: T.String, computed: true, description: sensitive ? 'A static value used internally by Terraform, this should not be referenced in configurations.' : 'The generated random string.' },
  };
}

function options(v: Value): StringOptions {
  // `number` is the deprecated spelling of `numeric`: either one false turns digits off.
  const numeric = (bool(v, 'numeric') ?? true) && (bool(v, 'number') ?? true);
  const o: StringOptions = {
    length: num(v, 'length') ?? 0,
    upper: bool(v, 'upper') ?? true, lower: bool(v, 'lower') ?? true, numeric, special: bool(v, 'special') ?? true,
    minUpper: num(v, 'min_upper') ?? 0, minLower: num(v, 'min_lower') ?? 0, minNumeric: num(v, 'min_numeric') ?? 0, minSpecial: num(v, 'min_special') ?? 0,
  };
  const os = str(v, 'override_special');
  if (os !== undefined) o.overrideSpecial = os;
  return o;
}

function validate(config: Value): ProviderDiagnostic[] {
  const out = [...atLeastOneOfTrue(config, 'number'), ...atLeastOneOfTrue(config, 'numeric')];
  const o = options(config);
  const len = num(config, 'length');
  if (len === undefined) return out;
  if (len < 1) return [...out, { severity: 'error', summary: 'Invalid Attribute Value', detail: `Attribute length value must be at least 1, got: ${len}`, attribute: [{ attr: 'length' }] }];
  const mins = o.minUpper + o.minLower + o.minNumeric + o.minSpecial;
  if (len < mins) return [...out, { severity: 'error', summary: 'Invalid Attribute Value', detail: `Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: ${len}`, attribute: [{ attr: 'length' }] }];
  return out;
}

/**
 * The provider's AtLeastOneOfTrue validator on `number` and on `numeric`: when that one and
 * special, upper and lower are all configured false, no character class is left.
 */
function atLeastOneOfTrue(config: Value, name: 'number' | 'numeric'): ProviderDiagnostic[] {
  const others = ['special', 'upper', 'lower'];
  // Null (unset) or unknown values pass: the default is true, or the value is not known yet.
  if ([name, ...others].some((k) => bool(config, k) !== false)) return [];
  return [{ severity: 'error', summary: 'Invalid Attribute Combination', detail: `At least one attribute out of [${[...others, name].join(',')}] must be specified as true`, attribute: [{ attr: name }] }];
}

/** Fills the planned-but-computed flags from config (numeric and number mirror each other). */
function syncNumeric(planned: Value, config: Value): Value {
  const numeric = (bool(config, 'numeric') ?? true) && (bool(config, 'number') ?? true);
  return withAttrs(planned, { numeric: boolVal(numeric), number: boolVal(numeric) });
}

/** The state an import of `result` produces: defaults everywhere, as the provider does. */
function importedState(planned: Value, result: string, password: boolean): Value {
  const base: Record<string, unknown> = {
    length: result.length, special: true, upper: true, lower: true, number: true, numeric: true,
    min_numeric: 0, min_upper: 0, min_lower: 0, min_special: 0, result, id: password ? 'none' : result,
  };
  if (password) base.bcrypt_hash = bcrypt().hashSync(result, 10);
  return withAttrs(planned, base);
}

/** random_string. */
export const randomString: ResourceDef = {
  schema: { version: 2, block: { attributes: attrs(false), blockTypes: {} } },
  validate,
  customizePlan: (_ctx, p) => ({ ...p, planned: syncNumeric(p.planned, p.config) }),
  async create(_ctx, planned) {
    const result = generateString(options(planned));
    return withAttrs(planned, { result: stringVal(result), id: stringVal(result) });
  },
  async read(_ctx, state) { return state; },
  async delete() { /* nothing remote */ },
  ...copyPlanned,
  async importState(_ctx, id) { return importedState(emptyObj(randomString), id, false); },
  upgradeState: upgradeStringState,
};

/** random_password. */
export const randomPassword: ResourceDef = {
  schema: {
    version: 3,
    block: {
      attributes: { ...attrs(true), bcrypt_hash: { type: T.String, computed: true, sensitive: true, description: 'A bcrypt hash of the generated random string. **NOTE**: If the generated random string is greater than 72 bytes in length, `bcrypt_hash` will contain a hash of the first 72 bytes.' } },
      blockTypes: {},
    },
  },
  validate,
  customizePlan: (_ctx, p) => ({ ...p, planned: syncNumeric(p.planned, p.config) }),
  async create(_ctx, planned) {
    const result = generateString(options(planned));
    return withAttrs(planned, { result: stringVal(result), id: stringVal('none'), bcrypt_hash: stringVal(bcrypt().hashSync(result, 10)) });
  },
  async read(_ctx, state) { return state; },
  async delete() { /* nothing remote */ },
  ...copyPlanned,
  async importState(_ctx, id) { return importedState(emptyObj(randomPassword), id, true); },
  upgradeState: upgradePasswordState,
};

function emptyObj(r: ResourceDef): Value {
  return fromJS({}, impliedType(r.schema.block));
}
