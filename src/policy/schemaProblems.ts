import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { closestName } from './closestName.js';
import { formatPolicyPath, type PolicyPath } from './PolicyPath.js';
import type { PolicyProblem } from './PolicyProblem.js';
import { POLICY_JSON_SCHEMA, type JsonSchemaObject } from './policyJsonSchema.js';

/** The compiled validator and the JSON pointer of every schema node (to compile the branches of a union). */
interface Compiled {
  readonly ajv: Ajv;
  readonly root: ValidateFunction;
  readonly pointers: WeakMap<object, string>;
}

let compiled: Compiled | undefined;

/** Compiles the policy schema once, on first use. */
function compile(): Compiled {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
  const root = ajv.compile(POLICY_JSON_SCHEMA);
  const pointers = new WeakMap<object, string>();
  const index = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    if (!pointers.has(node)) pointers.set(node, pointer);
    for (const [key, child] of Object.entries(node)) index(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  index(POLICY_JSON_SCHEMA, '');
  compiled = { ajv, root, pointers };
  return compiled;
}

/** A validator for one branch of a union (compiled by Ajv once, then cached by Ajv). */
function branchValidator(branch: JsonSchemaObject): ValidateFunction {
  const { ajv, pointers } = compile();
  const pointer = pointers.get(branch);
  const validate = pointer === undefined ? undefined : ajv.getSchema(`${POLICY_JSON_SCHEMA.$id}#${pointer}`);
  if (validate === undefined) throw new Error(`schemaProblems: no schema at ${String(pointer)}`); // a bug, not a policy problem
  return validate;
}

type Written = (path: string) => string | undefined;

/** What {@link problemsOf} needs besides the data. */
interface Context {
  /** The whole policy (to tell list indexes from object keys along a JSON pointer). */
  readonly root: unknown;
  readonly written: Written;
}

/**
 * Validates a policy's data against {@link POLICY_JSON_SCHEMA} (Ajv, all errors) and turns Ajv's errors into one
 * problem per mistake, each with its key path and a message that says what was expected and what was found:
 * `unknown key 'supression' (expected exactly one of suppression, rounding, kAnonymity, dp, cellKey; did you mean
 * 'suppression'?)`, `expected an integer >= 1, found 0`, `expected one of 'fast', 'optimal', found 'fst'`.
 *
 * Unions are not reported as Ajv reports them (every branch's errors): the branch that the data means is chosen (by
 * its kind, its `type` discriminator, its keys) and only its errors are kept; when none can be chosen, one message
 * lists the forms that were expected.
 *
 * Cost: one Ajv validation (compiled once, on first use), plus one per union that failed.
 *
 * @param written The text of a scalar as written in the file, for hints (`0301` read as the number 301).
 * @throws nothing for bad data; every problem is returned.
 * @example
 * schemaProblems({ prikk: 2 }).find((p) => p.path[0] === 'prikk')?.message // 'expected 1, found 2'
 */
export function schemaProblems(value: unknown, written: Written = () => undefined): PolicyProblem[] {
  const { root } = compile();
  return dedupe(problemsOf(root, value, '', { root: value, written }));
}

/** The union a branch was chosen from: the keys of all its forms, and the forms as people read them. */
interface UnionContext {
  readonly keys: ReadonlySet<string>;
  readonly expected: string;
}

function problemsOf(validate: ValidateFunction, data: unknown, base: string, ctx: Context, union?: UnionContext): PolicyProblem[] {
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: base + e.instancePath }));
  const within = (path: string, outer: string): boolean => path === outer || path.startsWith(`${outer}/`);

  // The outermost failed unions: each replaces every error at or below its path.
  const unions = errors
    .map((e, order) => ({ e, order }))
    .filter(({ e }) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => depth(a.e.instancePath) - depth(b.e.instancePath) || b.order - a.order);
  const picked: ErrorObject[] = [];
  for (const { e } of unions) if (!picked.some((p) => within(e.instancePath, p.instancePath))) picked.push(e);

  const out: PolicyProblem[] = [];
  const typeFailed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const e of errors) {
    if (picked.some((u) => within(e.instancePath, u.instancePath))) continue;
    if (e.keyword !== 'type' && typeFailed.has(e.instancePath)) continue;
    const problem = simpleProblem(e, ctx, base, union);
    if (problem !== undefined) out.push(problem);
  }
  for (const u of picked) {
    const found = unionProblems(u, ctx);
    // a union also fails when the data fits two of its forms (not possible with the forms of this schema)
    out.push(...(found.length > 0 ? found : [{ path: pathOf(u.instancePath, ctx.root), message: 'fits more than one form; expected exactly one' }]));
  }
  return out;
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1;
}

/** The policy path of a JSON pointer: list indexes as numbers, keys as text. */
function pathOf(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema inspection

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Follows `$ref: '#/definitions/x'` and `allOf: [one]` wrappers to the schema that says something. */
function resolve(schema: JsonSchemaObject): JsonSchemaObject {
  let s = schema;
  for (let guard = 0; guard < 10; guard++) {
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/')) {
      const definitions = POLICY_JSON_SCHEMA.definitions as Record<string, JsonSchemaObject>;
      s = definitions[s.$ref.slice('#/definitions/'.length)]!;
    } else if (Array.isArray(s.allOf) && s.allOf.length === 1) s = s.allOf[0] as JsonSchemaObject;
    else return s;
  }
  return s;
}

type Kind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

function kindsOf(schema: JsonSchemaObject): Set<Kind> | undefined {
  const s = resolve(schema);
  if (typeof s.type === 'string') return new Set([s.type as Kind]);
  if (Array.isArray(s.type)) return new Set(s.type as Kind[]);
  if (Array.isArray(s.oneOf)) {
    const all = new Set<Kind>();
    for (const b of s.oneOf as JsonSchemaObject[]) {
      const k = kindsOf(b);
      if (k === undefined) return undefined;
      for (const x of k) all.add(x);
    }
    return all;
  }
  return undefined;
}

function kindOf(x: unknown): Kind {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x as Kind;
}

function kindMatches(schema: JsonSchemaObject, data: unknown): boolean {
  const kinds = kindsOf(schema);
  if (kinds === undefined) return true;
  const k = kindOf(data);
  return kinds.has(k) || (k === 'number' && kinds.has('integer') && Number.isInteger(data));
}

function propertiesOf(schema: JsonSchemaObject): Record<string, JsonSchemaObject> {
  const p = resolve(schema).properties;
  return isObject(p) ? (p as Record<string, JsonSchemaObject>) : {};
}

function requiredOf(schema: JsonSchemaObject): readonly string[] {
  const r = resolve(schema).required;
  return Array.isArray(r) ? (r as string[]) : [];
}

/** The discriminator of a union branch: a required key whose value is a `const`. */
function discriminatorOf(schema: JsonSchemaObject): { key: string; value: unknown } | undefined {
  const properties = propertiesOf(schema);
  for (const key of requiredOf(schema)) {
    const p = properties[key];
    if (p !== undefined && 'const' in p) return { key, value: p.const };
  }
  return undefined;
}

function isExactlyOne(schema: JsonSchemaObject): boolean {
  return schema.minProperties === 1 && schema.maxProperties === 1 && isObject(schema.properties);
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

const quote = (s: string): string => `'${s}'`;

function listOf(names: readonly string[]): string {
  return names.join(', ');
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    default:
      return kind;
  }
}

/** The found value, shown when harmless: never the value under a `secret` key. */
function describeValue(x: unknown, path: PolicyPath): string {
  if (path.includes('secret') && (typeof x === 'string' || typeof x === 'number')) return `${typeof x === 'string' ? 'text' : 'a number'} (not shown)`;
  if (x === null || x === undefined) return 'nothing (null)';
  if (typeof x === 'string') return x.length > 40 ? `'${x.slice(0, 37)}...'` : `'${x}'`;
  if (typeof x === 'number') return `${x}`;
  if (typeof x === 'boolean') return `${x}`;
  if (Array.isArray(x)) return x.length === 0 ? 'an empty list' : `a list of ${x.length} item${x.length === 1 ? '' : 's'}`;
  const keys = Object.keys(x as object);
  if (keys.length === 0) return 'an empty mapping';
  return `a mapping with key${keys.length === 1 ? '' : 's'} ${listOf(keys.slice(0, 8))}${keys.length > 8 ? ', ...' : ''}`;
}

/** A union branch as people read it: `{ D, V, js?, pstay? }`, `{ type: 'flat', total? }`, `text`. */
function describeShape(schema: JsonSchemaObject): string {
  const s = resolve(schema);
  if (Array.isArray(s.oneOf)) {
    const branches = s.oneOf as JsonSchemaObject[];
    const d = branches.map(discriminatorOf);
    if (d.every((x) => x !== undefined && x.key === d[0]!.key)) {
      return `a mapping with ${d[0]!.key}: one of ${listOf(d.map((x) => quote(String(x!.value))))}`;
    }
    return branches.map(describeShape).join(' or ');
  }
  const kinds = kindsOf(s);
  if (kinds?.has('object')) {
    const required = new Set(requiredOf(s));
    const parts = Object.entries(propertiesOf(s)).map(([key, p]) =>
      'const' in p ? `${key}: ${JSON.stringify(p.const).replace(/"/g, "'")}` : required.has(key) ? key : `${key}?`,
    );
    return `{ ${parts.join(', ')} }`;
  }
  return kinds === undefined ? 'a value' : [...kinds].map(describeKind).join(' or ');
}

function numberRange(schema: JsonSchemaObject): string {
  const kinds = kindsOf(schema);
  const kind = kinds?.has('integer') ? 'an integer' : 'a number';
  const lo = typeof schema.minimum === 'number' ? { v: schema.minimum, open: false } : typeof schema.exclusiveMinimum === 'number' ? { v: schema.exclusiveMinimum, open: true } : undefined;
  const hi = typeof schema.maximum === 'number' ? { v: schema.maximum, open: false } : typeof schema.exclusiveMaximum === 'number' ? { v: schema.exclusiveMaximum, open: true } : undefined;
  if (lo && hi) {
    if (kind === 'an integer' && !lo.open && !hi.open) return `${kind} from ${lo.v} to ${hi.v}`;
    return `${kind} in ${lo.open ? '(' : '['}${lo.v}, ${hi.v}${hi.open ? ')' : ']'}`;
  }
  if (lo) return `${kind} ${lo.open ? '>' : '>='} ${lo.v}`;
  if (hi) return `${kind} ${hi.open ? '<' : '<='} ${hi.v}`;
  return kind;
}

const PATTERNS: Readonly<Record<string, string>> = {
  '^[A-Za-z0-9._-]+$': "letters, digits, '.', '_' and '-' only",
  '^[A-Za-z0-9_-]+$': "letters, digits, '_' and '-' only",
  '^[A-Za-z_][A-Za-z0-9_]*$': "the name of an environment variable (letters, digits and '_', not starting with a digit), not the secret itself",
  '^(persons|rows|(sum|mean):.+)$': "'persons', 'rows', 'sum:<measure>' or 'mean:<measure>'",
};

function patternText(pattern: string): string {
  return PATTERNS[pattern] ?? (pattern.includes('\\d+\\s*/') ? "a positive number, as decimal text or a fraction ('0.5', '2e-3', '1/3')" : `text matching /${pattern}/`);
}

const SECRET_HINT = 'a policy never holds the secret itself: name an environment variable { env: NAME } or a file { file: path }';

function didYouMean(wanted: unknown, names: readonly string[]): string {
  if (typeof wanted !== 'string') return '';
  const near = closestName(wanted, names);
  return near === undefined ? '' : `; did you mean ${quote(near)}?`;
}

function simpleProblem(e: ErrorObject, ctx: Context, base: string, union: UnionContext | undefined): PolicyProblem | undefined {
  if ((e as { propertyName?: string }).propertyName !== undefined) return undefined; // reported by its propertyNames error
  const path = pathOf(e.instancePath, ctx.root);
  const parent = (e.parentSchema ?? {}) as JsonSchemaObject;
  const data = e.data as unknown;
  const params = e.params as Record<string, unknown>;
  const found = (): string => describeValue(data, path);
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const description = propertiesOf(parent)[key]?.description;
      const what = typeof description === 'string' ? firstSentence(description) : '';
      return { path: [...path, key], message: `missing required key ${quote(key)}${what ? `: ${what}` : ''}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(propertiesOf(parent));
      const at = [...path, key];
      if (union !== undefined && union.keys.has(key) && e.instancePath === base) {
        const others = Object.keys(data as object).filter((k) => k !== key && known.includes(k));
        return { path: at, message: `key ${quote(key)} does not go with ${listOf(others.map(quote))} (${union.expected})` };
      }
      if ('env' in propertiesOf(parent) && 'file' in propertiesOf(parent)) {
        // under `secret`, even a key may be a pasted secret: neither the path nor the message shows it
        return { path, message: `an unknown key (not shown; expected exactly one of env, file); ${SECRET_HINT}` };
      }
      const expected = isExactlyOne(parent) ? `expected exactly one of ${listOf(known)}` : `keys here: ${listOf(known)}`;
      return { path: at, message: `unknown key ${quote(key)} (${expected}${didYouMean(key, known)})` };
    }
    case 'type': {
      const kinds = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      let expected = kinds.map(describeKind).join(' or ');
      if (isExactlyOne(parent)) expected = `a mapping with exactly one of ${listOf(Object.keys(propertiesOf(parent)))}`;
      let hint = '';
      const text = ctx.written(formatPolicyPath(path));
      if (kinds.includes('string') && typeof data === 'number' && text !== undefined && !path.includes('secret')) hint = ` (YAML reads ${text} as a number: write it in quotes, '${text}', to keep it as text)`;
      if (isExactlyOne(parent) && 'env' in propertiesOf(parent)) hint = `; ${SECRET_HINT}`;
      return { path, message: `expected ${expected}, found ${found()}${hint}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? quote(v.replace(/\t/g, '\\t')) : String(v)));
      return { path, message: `expected one of ${listOf(allowed)}, found ${found()}${didYouMean(data, (params.allowedValues as unknown[]).map(String))}` };
    }
    case 'const':
      return { path, message: `expected ${JSON.stringify(params.allowedValue)}, found ${found()}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return { path, message: `expected ${numberRange(parent)}, found ${found()}` };
    case 'minLength':
      return { path, message: params.limit === 1 ? `expected non-empty text, found ${found()}` : `expected at least ${String(params.limit)} characters, found ${found()}` };
    case 'maxLength':
      return { path, message: `expected at most ${String(params.limit)} characters, found ${typeof data === 'string' ? data.length : '?'}` };
    case 'pattern':
      return { path, message: `expected ${patternText(String(params.pattern))}, found ${found()}` };
    case 'minItems':
      return { path, message: `expected at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}, found ${found()}` };
    case 'maxItems':
      return { path, message: `expected at most ${String(params.limit)} items, found ${Array.isArray(data) ? data.length : '?'}` };
    case 'additionalItems':
      return { path, message: `expected at most ${String(params.limit)} items, found ${Array.isArray(data) ? data.length : '?'}` };
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const item = Array.isArray(data) ? data[later] : undefined;
      return { path: [...path, later], message: `repeats item ${earlier} (${describeValue(item, path)}); items must be distinct` };
    }
    case 'minProperties':
    case 'maxProperties': {
      const known = Object.keys(propertiesOf(parent));
      const present = isObject(data) ? Object.keys(data) : [];
      if (isExactlyOne(parent)) {
        const given = present.filter((k) => known.includes(k));
        const foundText = given.length === 0 ? (present.length === 0 ? 'none' : `none (keys: ${listOf(present)})`) : `${given.length}: ${listOf(given)}`;
        return { path, message: `expected exactly one of ${listOf(known)}, found ${foundText}` };
      }
      return { path, message: e.keyword === 'minProperties' ? `expected at least one of ${listOf(known)}, found none` : `expected at most ${String(params.limit)} keys` };
    }
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], message: 'expected a non-empty name' };
    case 'if':
    case 'allOf':
      return undefined;
    case 'false schema':
      return { path, message: 'not allowed here' };
    default:
      return { path, message: e.message ?? `does not match the schema (${e.keyword})` };
  }
}

function firstSentence(description: string): string {
  const text = description.replace(/^(Required( for [^.]*)?\.|Defaults to [^.]*\.)\s*/, '');
  const end = text.search(/\.(\s|$)/);
  const sentence = end < 0 ? text : text.slice(0, end);
  return sentence.length === 0 ? '' : sentence[0]!.toLowerCase() + sentence.slice(1);
}

/** Problems of a failed union: those of the branch the data means, or one message listing the forms expected. */
function unionProblems(u: ErrorObject, ctx: Context): PolicyProblem[] {
  const data = u.data as unknown;
  const branches = u.schema as JsonSchemaObject[];
  const path = pathOf(u.instancePath, ctx.root);
  const expected = (): string => `expected ${branches.map(describeShape).join(' or ')}`;

  const candidates = branches.filter((b) => {
    if (!kindMatches(b, data)) return false;
    const d = discriminatorOf(b);
    return d === undefined || (isObject(data) && data[d.key] === d.value);
  });
  if (candidates.length === 1) return problemsOf(branchValidator(candidates[0]!), data, u.instancePath, ctx);
  if (candidates.length === 0) {
    const d = branches.map(discriminatorOf);
    if (isObject(data) && d.every((x) => x !== undefined && x.key === d[0]!.key)) {
      const key = d[0]!.key;
      const values = d.map((x) => String(x!.value));
      if (!(key in data)) return [{ path: [...path, key], message: `missing required key ${quote(key)}: one of ${listOf(values.map(quote))}` }];
      return [{ path: [...path, key], message: `expected one of ${listOf(values.map(quote))}, found ${describeValue(data[key], path)}${didYouMean(data[key], values)}` }];
    }
    return [{ path, message: `${expected()}, found ${describeValue(data, path)}` }];
  }
  if (!isObject(data)) return [{ path, message: `${expected()}, found ${describeValue(data, path)}` }];

  // Several mappings could be meant: unknown keys first, then the form whose required keys are all there.
  const keys = Object.keys(data);
  const allKeys = new Set(candidates.flatMap((b) => Object.keys(propertiesOf(b))));
  const unknown = keys.filter((k) => !allKeys.has(k));
  if (unknown.length > 0) {
    return unknown.map((k) => ({ path: [...path, k], message: `unknown key ${quote(k)} (${expected()}${didYouMean(k, [...allKeys])})` }));
  }
  const complete = candidates.filter((b) => requiredOf(b).every((k) => k in data));
  let pick: JsonSchemaObject | undefined;
  if (complete.length === 1) pick = complete[0];
  else if (complete.length === 0) {
    const overlap = candidates.map((b) => keys.filter((k) => k in propertiesOf(b)).length);
    const best = Math.max(...overlap);
    if (overlap.filter((o) => o === best).length === 1) pick = candidates[overlap.indexOf(best)];
  }
  if (pick === undefined) return [{ path, message: `${expected()}, found ${describeValue(data, path)}` }];
  return problemsOf(branchValidator(pick), data, u.instancePath, ctx, { keys: allKeys, expected: expected() });
}

/** Drops repeated problems (the same message on the same key). */
function dedupe(problems: readonly PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${formatPolicyPath(p.path)}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
