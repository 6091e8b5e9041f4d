import { PrikkError } from '../errors/PrikkError.js';
import type { CodeColumn, Column, Extract, NumberColumn } from '../read/Extract.js';
import { checkFilterShape } from './checkFilterShape.js';
import { describeFilter } from './describeFilter.js';
import type { Filter, FilterValue } from './Filter.js';

/** A filter checked against an extract and ready to run: its description and a function that computes the row mask. */
export interface CompiledFilter {
  /** The text of {@link describeFilter}, recorded as `filter:<description>` in the reconciliation. */
  readonly description: string;
  /** One byte per row of the extract: 1 keeps the row, 0 removes it. Each call computes a fresh mask. */
  mask(): Uint8Array;
}

type Node =
  | { readonly kind: 'code'; readonly column: CodeColumn; readonly lut: Uint8Array }
  | { readonly kind: 'range'; readonly values: Float64Array; readonly min: number; readonly max: number }
  | { readonly kind: 'numberIn'; readonly values: Float64Array; readonly sorted: Float64Array }
  | { readonly kind: 'and' | 'or'; readonly children: readonly Node[] }
  | { readonly kind: 'not'; readonly child: Node };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a filter value for a number column: numbers as given, ISO dates for date columns, decimal text otherwise. */
function toNumber(value: FilterValue, column: NumberColumn, path: string): number {
  if (typeof value === 'number') return value;
  if (column.spec.type === 'date') {
    const m = ISO_DATE.exec(value);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const ms = Date.UTC(y, mo - 1, d);
      const back = new Date(ms);
      if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / 86_400_000;
    }
    throw new PrikkError('INVALID_ARGUMENT', `${path}: expected a date YYYY-MM-DD or a number of days since 1970-01-01 for the date column '${column.spec.name}', got '${value}'`);
  }
  if (DECIMAL.test(value.trim())) return Number(value);
  throw new PrikkError('INVALID_ARGUMENT', `${path}: expected a number for the ${column.spec.type ?? 'number'} column '${column.spec.name}', got '${value}'`);
}

function lookup(columns: ReadonlyMap<string, Column>, name: string, path: string): Column {
  const column = columns.get(name);
  if (!column) {
    const known = [...columns.keys()].map((k) => `'${k}'`).join(', ');
    throw new PrikkError('UNKNOWN_COLUMN', `${path}.column: the extract has no column '${name}' (it has ${known || 'no columns'})`);
  }
  return column;
}

function build(f: Filter, columns: ReadonlyMap<string, Column>, path: string): Node {
  if ('and' in f || 'or' in f) {
    const op = 'and' in f ? 'and' : 'or';
    const children = ('and' in f ? f.and : f.or).map((g, i) => build(g, columns, `${path}.${op}[${i}]`));
    // Fold a subtree over one code column into one lookup table: the per-row test stays a single load.
    const first = children[0]!;
    if (first.kind === 'code' && children.every((c) => c.kind === 'code' && c.column === first.column)) {
      const lut = Uint8Array.from(first.lut);
      for (const c of children.slice(1)) {
        const other = (c as { lut: Uint8Array }).lut;
        for (let k = 0; k < lut.length; k++) lut[k] = op === 'and' ? lut[k]! & other[k]! : lut[k]! | other[k]!;
      }
      return { kind: 'code', column: first.column, lut };
    }
    return children.length === 1 ? first : { kind: op, children };
  }
  if ('not' in f) {
    const child = build(f.not, columns, `${path}.not`);
    if (child.kind === 'code') return { kind: 'code', column: child.column, lut: child.lut.map((b) => b ^ 1) };
    return { kind: 'not', child };
  }
  const column = lookup(columns, f.column, path);
  if ('range' in f) {
    if (column.kind !== 'number') {
      throw new PrikkError('INVALID_ARGUMENT', `${path}.range: a range needs a number column, but '${f.column}' is a code column (use 'in' or 'prefix')`);
    }
    const min = f.range.min === undefined ? -Infinity : toNumber(f.range.min, column, `${path}.range.min`);
    const max = f.range.max === undefined ? Infinity : toNumber(f.range.max, column, `${path}.range.max`);
    if (min > max) throw new PrikkError('INVALID_ARGUMENT', `${path}.range: min ${String(f.range.min)} is above max ${String(f.range.max)}`);
    return { kind: 'range', values: column.values, min, max };
  }
  if ('in' in f) {
    if (column.kind === 'number') {
      const nums = f.in.map((v, i) => toNumber(v, column, `${path}.in[${i}]`));
      return { kind: 'numberIn', values: column.values, sorted: Float64Array.from(new Set(nums)).sort() };
    }
    const wanted = new Set(f.in.map(String));
    if (column.fromCodeList) {
      const known = new Set(column.dictionary);
      for (const v of wanted) {
        if (!known.has(v)) {
          throw new PrikkError('INVALID_ARGUMENT', `${path}.in: '${v}' is not in the code list of column '${f.column}'`);
        }
      }
    }
    return { kind: 'code', column, lut: Uint8Array.from(column.dictionary, (v) => (wanted.has(v) ? 1 : 0)) };
  }
  if (column.kind !== 'code') {
    throw new PrikkError('INVALID_ARGUMENT', `${path}.prefix: a prefix needs a code column, but '${f.column}' is a number column (use 'range' or 'in')`);
  }
  const prefixes = typeof f.prefix === 'string' ? [f.prefix] : f.prefix;
  return {
    kind: 'code',
    column,
    lut: Uint8Array.from(column.dictionary, (v) => (prefixes.some((p) => v.startsWith(p)) ? 1 : 0)),
  };
}

function evaluate(node: Node, n: number): Uint8Array {
  switch (node.kind) {
    case 'code': {
      // Readable: out[i] = lut[codes[i]] — the predicate was evaluated once per dictionary entry.
      const { lut } = node;
      const codes = node.column.codes;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = lut[codes[i]!]!;
      return out;
    }
    case 'range': {
      const { values, min, max } = node;
      const out = new Uint8Array(n);
      // NaN compares false both ways, so a missing value never matches.
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        out[i] = v >= min && v <= max ? 1 : 0;
      }
      return out;
    }
    case 'numberIn': {
      const { values, sorted } = node;
      const out = new Uint8Array(n);
      const m = sorted.length;
      for (let i = 0; i < n; i++) {
        // Binary search in the sorted set (a handful of values in practice).
        const v = values[i]!;
        let lo = 0;
        let hi = m - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const s = sorted[mid]!;
          if (s < v) lo = mid + 1;
          else if (s > v) hi = mid - 1;
          else {
            out[i] = 1;
            break;
          }
        }
      }
      return out;
    }
    case 'and':
    case 'or': {
      const out = evaluate(node.children[0]!, n);
      for (const child of node.children.slice(1)) {
        const m = evaluate(child, n);
        if (node.kind === 'and') for (let i = 0; i < n; i++) out[i]! &= m[i]!;
        else for (let i = 0; i < n; i++) out[i]! |= m[i]!;
      }
      return out;
    }
    case 'not': {
      const out = evaluate(node.child, n);
      for (let i = 0; i < n; i++) out[i]! ^= 1;
      return out;
    }
  }
}

/**
 * Checks a {@link Filter} against an extract (columns exist, ranges on number columns, prefixes on code columns,
 * values that parse, codes that are in the column's public code list) and compiles it into typed-array passes:
 * a predicate on a code column becomes a lookup table over the column's dictionary, and a subtree over one code
 * column folds into one table, so the per-row test is a single load. No row is read until `mask()` is called.
 *
 * Cost: compiling is O(size of the filter × dictionary size); `mask()` is O(rows × leaves of the filter).
 *
 * @param filter The filter. Required.
 * @param extract The extract whose rows the mask selects. Required.
 * @param path How errors name the filter, e.g. `aggregate: filter`. Defaults to `filter`.
 * @throws {PrikkError} `INVALID_ARGUMENT` for a malformed filter, a range on a code column, a prefix on a number
 * column, a value that does not parse, a code outside the column's code list, or `min > max`;
 * `UNKNOWN_COLUMN` for a column the extract does not have.
 * @example
 * const f = compileFilter({ column: 'age', range: { min: 65 } }, extract);
 * f.description // 'age >= 65'
 * f.mask()      // Uint8Array [0, 1, 1, 0, ...]
 */
export function compileFilter(filter: Filter, extract: Extract, path = 'filter'): CompiledFilter {
  checkFilterShape(filter, path);
  const description = describeFilter(filter);
  const root = build(filter, extract.columns, path);
  const n = extract.rowCount;
  return Object.freeze({ description, mask: () => evaluate(root, n) });
}
