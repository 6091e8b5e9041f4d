import { PrikkError } from '../errors/PrikkError.js';
import { Hierarchy } from '../hierarchy/Hierarchy.js';
import type { Column, Extract, NumberColumn } from '../read/Extract.js';
import type { AggregateOptions } from './AggregateOptions.js';
import type { CountUnit } from './CellTable.js';
import { type CompiledFilter, compileFilter } from './compileFilter.js';
import { type CompiledPersonRow, compilePersonRow } from './compilePersonRow.js';

/** Largest number of dimensions. */
export const MAX_DIMENSIONS = 8;
/** Largest top-k. */
export const MAX_TOP = 16;

/** A requested dimension after checking: its column and the hierarchy given (if any). */
export interface CheckedDimension {
  readonly name: string;
  readonly column: Column;
  readonly hierarchy: Hierarchy | undefined;
}

/** The options of `aggregate`, checked against the extract, with every default filled in. */
export interface CheckedOptions {
  readonly dimensions: readonly CheckedDimension[];
  readonly measures: readonly { readonly name: string; readonly column: NumberColumn }[];
  readonly unit: CountUnit;
  readonly filter: CompiledFilter | undefined;
  readonly personRow: CompiledPersonRow | undefined;
  readonly topContributors: number;
  readonly unknownValues: 'error' | 'exclude';
}

const KNOWN = new Set(['dimensions', 'measures', 'unit', 'filter', 'personRow', 'topContributors', 'unknownValues']);

function bad(field: string, message: string): PrikkError {
  return new PrikkError('INVALID_ARGUMENT', `aggregate: ${field}: ${message}`);
}

function column(extract: Extract, name: string, field: string): Column {
  const c = extract.columns.get(name);
  if (c) return c;
  if (extract.person && extract.person.name === name) {
    throw new PrikkError('UNKNOWN_COLUMN', `aggregate: ${field}: '${name}' is the person column, which cannot be used here`);
  }
  const known = [...extract.columns.keys()].map((k) => `'${k}'`).join(', ');
  throw new PrikkError('UNKNOWN_COLUMN', `aggregate: ${field}: the extract has no column '${name}' (it has ${known || 'no columns'})`);
}

/**
 * Checks every option of `aggregate` against the extract before any row is read, and fills in the defaults.
 *
 * Cost: O(options + dictionary sizes of filtered code columns).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the option for a malformed value (also `personRow` without a person
 * column, or ordered by a code column), `UNKNOWN_COLUMN` for a column the extract does not have (or the person column
 * where a data column is needed).
 */
export function checkAggregateOptions(extract: Extract, options: AggregateOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw bad('options', 'expected an options object');
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw bad('options', `unknown option '${key}' (expected one of ${[...KNOWN].join(', ')})`);
  }

  const dimsIn: unknown = options.dimensions;
  if (!Array.isArray(dimsIn) || dimsIn.length === 0 || dimsIn.length > MAX_DIMENSIONS) {
    throw bad('dimensions', `expected an array of 1 to ${MAX_DIMENSIONS} dimensions`);
  }
  const seen = new Set<string>();
  const dimensions = dimsIn.map((spec: unknown, d): CheckedDimension => {
    const field = `dimensions[${d}]`;
    let name: string;
    let hierarchy: Hierarchy | undefined;
    if (typeof spec === 'string') {
      name = spec;
    } else if (typeof spec === 'object' && spec !== null && typeof (spec as { column?: unknown }).column === 'string') {
      const s = spec as { column: string; hierarchy?: unknown };
      const extra = Object.keys(s).filter((k) => k !== 'column' && k !== 'hierarchy');
      if (extra.length > 0) throw bad(field, `unknown key '${extra[0]}' (expected 'column' and 'hierarchy')`);
      name = s.column;
      if (s.hierarchy !== undefined && !(s.hierarchy instanceof Hierarchy)) {
        throw bad(`${field}.hierarchy`, 'expected a Hierarchy (from flatHierarchy, intervalHierarchy, prefixHierarchy, ...)');
      }
      hierarchy = s.hierarchy;
    } else {
      throw bad(field, "expected a column name or { column, hierarchy? }");
    }
    if (seen.has(name)) throw bad(field, `the dimension '${name}' appears twice`);
    seen.add(name);
    const col = column(extract, name, field);
    if (col.kind === 'number' && hierarchy && !hierarchy.bands) {
      throw bad(`${field}.hierarchy`, `the number column '${name}' needs an interval hierarchy (one with bands), or none for its distinct values`);
    }
    return { name, column: col, hierarchy };
  });

  const measuresIn: unknown = options.measures ?? [];
  if (!Array.isArray(measuresIn)) throw bad('measures', 'expected an array of column names');
  const seenMeasures = new Set<string>();
  const measures = measuresIn.map((name: unknown, i) => {
    if (typeof name !== 'string') throw bad(`measures[${i}]`, 'expected a column name');
    if (seenMeasures.has(name)) throw bad(`measures[${i}]`, `the measure '${name}' appears twice`);
    seenMeasures.add(name);
    const col = column(extract, name, `measures[${i}]`);
    if (col.kind !== 'number') throw bad(`measures[${i}]`, `'${name}' is a code column; a measure must be a number column`);
    return { name, column: col };
  });

  const unit = options.unit ?? (extract.person ? 'persons' : 'rows');
  if (unit !== 'rows' && unit !== 'persons') throw bad('unit', `expected 'rows' or 'persons', got '${String(unit)}'`);
  if (unit === 'persons' && !extract.person) {
    throw bad('unit', "'persons' needs an extract with a person column (give the schema a column with role 'person', or use unit 'rows')");
  }

  const top = options.topContributors ?? (measures.length > 0 ? 2 : 0);
  if (!Number.isInteger(top) || top < 0 || top > MAX_TOP) throw bad('topContributors', `expected an integer from 0 to ${MAX_TOP}, got ${String(top)}`);

  const unknownValues = options.unknownValues ?? 'error';
  if (unknownValues !== 'error' && unknownValues !== 'exclude') {
    throw bad('unknownValues', `expected 'error' or 'exclude', got '${String(unknownValues)}'`);
  }

  const filter = options.filter === undefined ? undefined : compileFilter(options.filter, extract, 'aggregate: filter');
  const personRow = options.personRow === undefined ? undefined : compilePersonRow(options.personRow, extract, 'aggregate: personRow');
  return { dimensions, measures, unit, filter, personRow, topContributors: measures.length > 0 ? top : 0, unknownValues };
}
