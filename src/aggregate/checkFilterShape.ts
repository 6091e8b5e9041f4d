import { PrikkError } from '../errors/PrikkError.js';
import type { Filter, FilterValue } from './Filter.js';

const LEAF_KEYS = ['range', 'in', 'prefix'] as const;

function fail(path: string, expected: string): never {
  throw new PrikkError('INVALID_ARGUMENT', `${path}: expected ${expected}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkValue(v: unknown, path: string): asserts v is FilterValue {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(path, `a finite number, got ${String(v)}`);
  } else if (typeof v !== 'string') {
    fail(path, `a number or a string, got ${v === null ? 'null' : typeof v}`);
  }
}

/**
 * Checks that a value has the shape of a {@link Filter} (without looking at any extract): exactly one of
 * `and` / `or` / `not`, or a `column` with exactly one of `range` / `in` / `prefix`; non-empty lists; a range with a
 * `min` or a `max`; no unknown keys. Internal: {@link describeFilter} and `compileFilter` call it first.
 *
 * Cost: O(size of the filter).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the path of the bad part (e.g. `filter.and[1].range`).
 */
export function checkFilterShape(filter: unknown, path: string): asserts filter is Filter {
  if (!isRecord(filter)) fail(path, `a filter object, got ${Array.isArray(filter) ? 'an array' : String(filter)}`);
  const keys = Object.keys(filter);
  if ('and' in filter || 'or' in filter) {
    const op = 'and' in filter ? 'and' : 'or';
    if (keys.length !== 1) fail(path, `only the key '${op}', got keys ${keys.map((k) => `'${k}'`).join(', ')}`);
    const list = filter[op];
    if (!Array.isArray(list) || list.length === 0) fail(`${path}.${op}`, 'a non-empty array of filters');
    list.forEach((f, i) => checkFilterShape(f, `${path}.${op}[${i}]`));
    return;
  }
  if ('not' in filter) {
    if (keys.length !== 1) fail(path, `only the key 'not', got keys ${keys.map((k) => `'${k}'`).join(', ')}`);
    checkFilterShape(filter.not, `${path}.not`);
    return;
  }
  if (!('column' in filter)) fail(path, "one of the keys 'and', 'or', 'not' or 'column'");
  if (typeof filter.column !== 'string' || filter.column === '') fail(`${path}.column`, 'a column name');
  const ops = LEAF_KEYS.filter((k) => k in filter);
  if (ops.length !== 1) fail(path, `exactly one of 'range', 'in', 'prefix' beside 'column'`);
  const extra = keys.filter((k) => k !== 'column' && k !== ops[0]);
  if (extra.length > 0) fail(path, `no other keys than 'column' and '${ops[0]}', got ${extra.map((k) => `'${k}'`).join(', ')}`);
  const op = ops[0]!;
  if (op === 'range') {
    const range = filter.range;
    if (!isRecord(range)) fail(`${path}.range`, 'an object { min?, max? }');
    const rangeExtra = Object.keys(range).filter((k) => k !== 'min' && k !== 'max');
    if (rangeExtra.length > 0) fail(`${path}.range`, `only 'min' and 'max', got ${rangeExtra.map((k) => `'${k}'`).join(', ')}`);
    if (range.min === undefined && range.max === undefined) fail(`${path}.range`, "a 'min', a 'max' or both");
    if (range.min !== undefined) checkValue(range.min, `${path}.range.min`);
    if (range.max !== undefined) checkValue(range.max, `${path}.range.max`);
  } else if (op === 'in') {
    const list = filter.in;
    if (!Array.isArray(list) || list.length === 0) fail(`${path}.in`, 'a non-empty array of values');
    list.forEach((v, i) => checkValue(v, `${path}.in[${i}]`));
  } else {
    const p = filter.prefix;
    const list = typeof p === 'string' ? [p] : p;
    if (!Array.isArray(list) || list.length === 0) fail(`${path}.prefix`, 'a prefix or a non-empty array of prefixes');
    list.forEach((v, i) => {
      if (typeof v !== 'string' || v === '') fail(`${path}.prefix${typeof p === 'string' ? '' : `[${i}]`}`, 'a non-empty string');
    });
  }
}
