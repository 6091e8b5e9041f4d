import { PrikkError } from '../errors/PrikkError.js';
import { isWellFormedText } from './TextCodec.js';
import type { ColumnRole, ColumnSpec, ColumnType, MissingPolicy, Schema } from './Schema.js';

/** A schema column with every default filled in, as the readers use it. */
export interface ResolvedColumn {
  readonly spec: ColumnSpec;
  readonly name: string;
  readonly role: Exclude<ColumnRole, 'ignore'>;
  readonly type: ColumnType;
  /** Position in `schema.columns`; exclusion reasons are ranked by it. */
  readonly schemaIndex: number;
  readonly missing: MissingPolicy;
  readonly missingTokens: readonly string[];
  readonly missingLabel: string;
  readonly codes: readonly string[] | undefined;
  readonly unknownCodes: 'error' | 'exclude';
  readonly min: number;
  readonly max: number;
  readonly outOfRange: 'error' | 'exclude';
}

/** A validated schema: the columns to read in schema order (the person column among them), and the ignored names. */
export interface ResolvedSchema {
  readonly columns: readonly ResolvedColumn[];
  readonly person: ResolvedColumn | undefined;
  readonly ignored: readonly string[];
}

const ROLES: readonly ColumnRole[] = ['person', 'dimension', 'measure', 'attribute', 'ignore'];
const TYPES: readonly ColumnType[] = ['code', 'integer', 'decimal', 'year', 'date'];
const MISSING: readonly MissingPolicy[] = ['error', 'exclude', 'category'];
const KNOWN_FIELDS = new Set([
  'name', 'role', 'type', 'codes', 'unknownCodes', 'missing', 'missingTokens', 'missingLabel', 'min', 'max', 'outOfRange',
]);

/**
 * Validates a schema and fills in its defaults: type `code` for person, dimension and attribute columns and
 * `decimal` for measures; `missing: 'error'`; `missingLabel: '(missing)'`; `unknownCodes` and `outOfRange`
 * `'error'`; `min` 0 for measures (negative costs are errors) and `-Infinity` otherwise; `max` `Infinity`.
 *
 * Checks (each failure is an `INVALID_SCHEMA` error naming the column and the field): at least one column that
 * is read; unique non-empty names; known roles, types and policies; no unknown fields (typos); at most one
 * person column, of type `code`, without a code list, `min`/`max` or `missing: 'category'`; measures numeric;
 * `codes` only on code columns, unique, non-empty, none of them a missing token; `unknownCodes` only with
 * `codes`; `missing: 'category'` only on code columns; `missingLabel` only with it and not a missing token;
 * `min`/`max`/`outOfRange` only on numeric columns, finite, `min <= max`.
 *
 * Cost O(columns + code-list lengths).
 *
 * @throws PrikkError `INVALID_SCHEMA` as above.
 * @example
 * resolveSchema({ columns: [{ name: 'cost', role: 'measure' }] }, 'readCsv').columns[0]
 * // { name: 'cost', role: 'measure', type: 'decimal', min: 0, max: Infinity, missing: 'error', ... }
 */
export function resolveSchema(schema: Schema, caller: string): ResolvedSchema {
  const where = `${caller}: schema`;
  if (typeof schema !== 'object' || schema === null || !Array.isArray(schema.columns)) {
    throw new PrikkError('INVALID_SCHEMA', `${where} must be an object with a 'columns' array`);
  }
  const names = new Set<string>();
  const columns: ResolvedColumn[] = [];
  const ignored: string[] = [];
  let person: ResolvedColumn | undefined;
  schema.columns.forEach((spec: ColumnSpec, index: number) => {
    const at = `${where}.columns[${index}]`;
    if (typeof spec !== 'object' || spec === null) throw bad(`${at} must be an object`);
    if (typeof spec.name !== 'string' || spec.name === '') throw bad(`${at}.name must be a non-empty string`);
    const col = `${at} ('${spec.name}')`;
    for (const key of Object.keys(spec)) {
      if (!KNOWN_FIELDS.has(key)) throw bad(`${col} has an unknown field '${key}' (known: ${[...KNOWN_FIELDS].join(', ')})`);
    }
    if (names.has(spec.name)) throw bad(`${col}: the name '${spec.name}' is used twice`);
    names.add(spec.name);
    if (!ROLES.includes(spec.role)) throw bad(`${col}.role must be one of ${ROLES.join(', ')}, got ${show(spec.role)}`);
    if (spec.type !== undefined && !TYPES.includes(spec.type)) {
      throw bad(`${col}.type must be one of ${TYPES.join(', ')}, got ${show(spec.type)}`);
    }
    if (spec.role === 'ignore') {
      ignored.push(spec.name);
      return;
    }
    const role = spec.role;
    const type: ColumnType = spec.type ?? (role === 'measure' ? 'decimal' : 'code');
    const numeric = type !== 'code';
    if (role === 'measure' && !numeric) throw bad(`${col}: a measure must be numeric (integer, decimal, year or date), got type 'code'`);

    const missing = spec.missing ?? 'error';
    if (!MISSING.includes(missing)) throw bad(`${col}.missing must be one of ${MISSING.join(', ')}, got ${show(spec.missing)}`);
    if (missing === 'category' && (numeric || role === 'person')) {
      throw bad(`${col}: missing: 'category' needs a code column that is not the person column`);
    }
    const missingTokens = spec.missingTokens ?? [];
    if (!Array.isArray(missingTokens) || missingTokens.some((t) => typeof t !== 'string' || t === '')) {
      throw bad(`${col}.missingTokens must be an array of non-empty strings (the empty field is always missing)`);
    }
    if (new Set(missingTokens).size !== missingTokens.length) throw bad(`${col}.missingTokens has a token twice`);
    if (spec.missingLabel !== undefined) {
      if (missing !== 'category') throw bad(`${col}.missingLabel is only used with missing: 'category'`);
      if (typeof spec.missingLabel !== 'string' || spec.missingLabel === '') throw bad(`${col}.missingLabel must be a non-empty string`);
    }
    const missingLabel = spec.missingLabel ?? '(missing)';
    if (missing === 'category' && missingTokens.includes(missingLabel)) {
      throw bad(`${col}: missingLabel '${missingLabel}' is also a missing token`);
    }

    let codes: readonly string[] | undefined;
    if (spec.codes !== undefined) {
      if (numeric || role === 'person') throw bad(`${col}.codes needs a code column that is not the person column`);
      if (!Array.isArray(spec.codes) || spec.codes.length === 0 || spec.codes.some((c) => typeof c !== 'string' || c === '')) {
        throw bad(`${col}.codes must be a non-empty array of non-empty strings`);
      }
      if (new Set(spec.codes).size !== spec.codes.length) {
        const seen = new Set<string>();
        const dup = spec.codes.find((c) => (seen.has(c) ? true : (seen.add(c), false)));
        throw bad(`${col}.codes lists '${dup}' twice`);
      }
      const token = spec.codes.find((c) => missingTokens.includes(c));
      if (token !== undefined) throw bad(`${col}.codes contains '${token}', which is also a missing token`);
      for (const c of spec.codes) if (!isWellFormedText(c)) throw bad(`${col}.codes contains a string with a lone surrogate`);
      codes = Object.freeze([...spec.codes]);
    }
    const unknownCodes = spec.unknownCodes ?? 'error';
    if (spec.unknownCodes !== undefined) {
      if (unknownCodes !== 'error' && unknownCodes !== 'exclude') throw bad(`${col}.unknownCodes must be 'error' or 'exclude'`);
      if (codes === undefined) throw bad(`${col}.unknownCodes needs a code list (codes)`);
    }

    for (const key of ['min', 'max', 'outOfRange'] as const) {
      if (spec[key] !== undefined && !numeric) throw bad(`${col}.${key} needs a numeric column, the type is 'code'`);
    }
    for (const key of ['min', 'max'] as const) {
      const v = spec[key];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw bad(`${col}.${key} must be a finite number`);
    }
    const min = spec.min ?? (role === 'measure' ? 0 : -Infinity);
    const max = spec.max ?? Infinity;
    if (min > max) {
      const hint = spec.min === undefined ? ' (a measure defaults to min 0: set min to allow negative values)' : '';
      throw bad(`${col}: min ${min} is larger than max ${max}${hint}`);
    }
    const outOfRange = spec.outOfRange ?? 'error';
    if (outOfRange !== 'error' && outOfRange !== 'exclude') throw bad(`${col}.outOfRange must be 'error' or 'exclude'`);

    const resolved: ResolvedColumn = Object.freeze({
      spec, name: spec.name, role, type, schemaIndex: index, missing, missingTokens: Object.freeze([...missingTokens]),
      missingLabel, codes, unknownCodes, min, max, outOfRange,
    });
    if (role === 'person') {
      if (person !== undefined) throw bad(`${col}: only one person column is allowed, '${person.name}' is one already`);
      if (type !== 'code') throw bad(`${col}: the person column is compared as text, its type must be 'code' (or left out)`);
      person = resolved;
    }
    columns.push(resolved);
  });
  if (columns.length === 0) throw bad(`${where} has no column to read (every column is 'ignore')`);
  return Object.freeze({ columns: Object.freeze(columns), person, ignored: Object.freeze(ignored) });
}

function bad(message: string): PrikkError {
  return new PrikkError('INVALID_SCHEMA', message);
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
