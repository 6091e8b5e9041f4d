import type { Extract, NumberColumn, Reconciliation } from '../read/Extract.js';
import type { CheckedOptions } from './checkAggregateOptions.js';
import type { DimensionInput } from './finestCells.js';
import { flatHierarchyOf, type NumberStats, numberStats } from './flatHierarchyOf.js';

/** The rows an aggregation counts and its dimensions' hierarchies (see {@link selectCohort}). */
export interface Cohort {
  /** 1 = the row is counted; undefined = every row is. */
  readonly mask: Uint8Array | undefined;
  /** The dimensions with their hierarchies (a default one built from the kept rows) and number stats. */
  readonly dims: DimensionInput[];
  /** The rows the filter and `personRow` removed (the unknown values come later, from the finest pass). */
  readonly removed: Omit<Removed, 'unknown'>;
}

/** The rows an aggregation removed, by reason. */
export interface Removed {
  readonly filter: string | undefined;
  readonly filtered: number;
  readonly personRow: string | undefined;
  readonly personRowDropped: number;
  readonly unknown: ReadonlyMap<string, number>;
}

/**
 * Applies the filter and `personRow` of checked aggregate options as a row mask, and gives each dimension its
 * hierarchy (the one given, else the flat one over the kept rows). Shared by `aggregate` and `aggregateFinest`, so
 * that both count the same cohort.
 *
 * Cost: O(rows) when a filter or `personRow` is given or a number dimension needs its stats, else O(dimensions).
 */
export function selectCohort(extract: Extract, opts: CheckedOptions): Cohort {
  const n = extract.rowCount;
  let mask = opts.filter?.mask();
  let filtered = 0;
  if (mask) for (let i = 0; i < n; i++) filtered += mask[i]! ^ 1;
  // One row per person (after the filter): the rows left out are treated as filtered from here on.
  let personRowDropped = 0;
  if (opts.personRow) {
    const chosen = opts.personRow.select(mask);
    mask = chosen.mask;
    personRowDropped = chosen.dropped;
  }
  const dims: DimensionInput[] = opts.dimensions.map((d) => {
    // Without a mask, the stats the reader computed when it built the extract (every row is kept).
    const stats = d.column.kind === 'number' ? statsOf(d.column, mask) : undefined;
    const hierarchy = d.hierarchy ?? flatHierarchyOf(d.name, d.column, mask, stats);
    return { name: d.name, column: d.column, hierarchy, stats };
  });
  const removed = { filter: opts.filter?.description, filtered, personRow: opts.personRow?.description, personRowDropped };
  return { mask, dims, removed };
}

/**
 * The stats of a number dimension over the kept rows: the column's own (`NumberColumn.stats`, computed once by the
 * reader) when every row is kept, else one pass over the kept rows.
 */
function statsOf(column: NumberColumn, mask: Uint8Array | undefined): NumberStats {
  const s = column.stats;
  if (mask === undefined && s !== undefined) return { min: s.min, max: s.max, allInteger: s.allInteger, kept: column.values.length };
  return numberStats(column.values, mask);
}

/**
 * The extract's reconciliation with the rows an aggregation removed added by reason (`filter:…`, `person-row:…`,
 * `unknown-value:<column>`), so that `rowsRead = rowsUsed + Σ excluded` still holds.
 */
export function reconcile(from: Reconciliation, rowCount: number, removedBy: Removed): Reconciliation {
  const { filter, filtered, personRow, personRowDropped, unknown } = removedBy;
  const excluded: Record<string, number> = { ...from.excluded };
  let removed = 0;
  if (filter !== undefined) {
    const key = `filter:${filter}`;
    excluded[key] = (excluded[key] ?? 0) + filtered;
    removed += filtered;
  }
  if (personRow !== undefined) {
    const key = `person-row:${personRow}`;
    excluded[key] = (excluded[key] ?? 0) + personRowDropped;
    removed += personRowDropped;
  }
  for (const [name, count] of unknown) {
    const key = `unknown-value:${name}`;
    excluded[key] = (excluded[key] ?? 0) + count;
    removed += count;
  }
  return Object.freeze({
    source: from.source,
    rowsRead: from.rowsRead,
    rowsUsed: rowCount - removed,
    excluded: Object.freeze(excluded),
  });
}
