/**
 * Contender (a): prikk's `aggregate` on an already encoded extract; for the finest level, `aggregateFinest`.
 */
import { aggregate } from '../../src/aggregate/aggregate.js';
import { aggregateFinest } from '../../src/aggregate/aggregateFinest.js';
import type { FinestTable } from '../../src/aggregate/FinestTable.js';
import type { DimensionSpec } from '../../src/aggregate/AggregateOptions.js';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import type { Extract } from '../../src/read/Extract.js';
import type { CellValues, Fingerprint } from '../fingerprint.js';
import type { BenchDimension, BenchQuery } from '../queries.js';

/** The same leaves directly under the total: the smallest cube prikk builds over a dimension (finest level + total). */
export function leavesOnly(h: Hierarchy): Hierarchy {
  const labels = [...h.labels.slice(0, h.leafCount), h.total];
  const parents = labels.map((_, i) => (i === labels.length - 1 ? -1 : labels.length - 1));
  return Hierarchy.fromParents(h.total, labels, parents, h.bands);
}

/** Options of {@link prikkCube}. */
export interface PrikkCubeOptions {
  /** Only the finest level (each hierarchy cut to its leaves and the total). */
  readonly finest: boolean;
  /** Largest per-person contributions kept per cell (0 = none, as the other contenders; 2 = what protection needs). */
  readonly topContributors: number;
}

/** The query's dimensions as prikk dimension specs. */
export function prikkDimensions(query: BenchQuery, hierarchies: Readonly<Record<BenchDimension, Hierarchy>>, finest: boolean): DimensionSpec[] {
  return query.dimensions.map((d) => ({ column: d, hierarchy: finest ? leavesOnly(hierarchies[d]) : hierarchies[d] }));
}

/** Runs the query: rows, distinct persons and sum(cost) in every cell (the timed call). */
export function prikkCube(extract: Extract, dimensions: readonly DimensionSpec[], options: PrikkCubeOptions): CellTable {
  return aggregate(extract, { dimensions, measures: ['cost'], unit: 'persons', topContributors: options.topContributors });
}

/** The fingerprint of a prikk cell table for the query (probes by label; non-empty cells counted). */
export function prikkFingerprint(table: CellTable, query: BenchQuery, finest: boolean): Fingerprint {
  const cost = table.sums.get('cost')!;
  const probes = query.probes.map((probe): CellValues | null => {
    const coords: Record<string, string> = {};
    for (const [d, label] of Object.entries(probe)) coords[d] = label;
    const nodes = table.dimensions.map((dim) => {
      const label = coords[dim.name];
      return label === undefined ? dim.hierarchy.size - 1 : dim.hierarchy.nodeOf(label);
    });
    if (nodes.some((n) => n < 0)) return null; // a margin that the finest-level cube does not have
    const i = table.indexOfNodes(nodes);
    return { rows: table.rows[i]!, persons: table.persons![i]!, sum: cost[i]! };
  });
  let nonEmpty = 0;
  let nonEmptyFinest = 0;
  const { shape, strides } = table;
  const leafCounts = table.dimensions.map((d) => d.hierarchy.leafCount);
  for (let i = 0; i < table.cellCount; i++) {
    if (table.rows[i]! > 0) {
      nonEmpty++;
      let leaf = true;
      for (let d = 0; d < shape.length && leaf; d++) leaf = Math.floor(i / strides[d]!) % shape[d]! < leafCounts[d]!;
      if (leaf) nonEmptyFinest++;
    }
  }
  return { probes, nonEmptyCells: finest ? null : nonEmpty, nonEmptyFinest };
}

/** The finest level only (`aggregateFinest`: no totals at all): rows, distinct persons and sum(cost) (the timed call). */
export function prikkFinest(extract: Extract, query: BenchQuery, hierarchies: Readonly<Record<BenchDimension, Hierarchy>>): FinestTable {
  const dimensions = query.dimensions.map((d) => ({ column: d, hierarchy: hierarchies[d] }));
  return aggregateFinest(extract, { dimensions, measures: ['cost'], unit: 'persons' });
}

/** The fingerprint of a finest table: the all-leaf probes (the others are margins it does not have), non-empty cells. */
export function finestFingerprint(table: FinestTable, query: BenchQuery): Fingerprint {
  const cost = table.sums.get('cost')!;
  const probes = query.probes.map((probe): CellValues | null => {
    const labels: Readonly<Record<string, string | undefined>> = probe;
    const leaves = table.dimensions.map((dim) => {
      const label = labels[dim.name];
      return label === undefined ? -1 : dim.hierarchy.leafOf(label);
    });
    if (leaves.some((l) => l < 0)) return null;
    const i = leaves.reduce((a, l, d) => a + l * table.strides[d]!, 0);
    return { rows: table.rows[i]!, persons: table.persons![i]!, sum: cost[i]! };
  });
  let nonEmptyFinest = 0;
  for (let i = 0; i < table.cellCount; i++) if (table.rows[i]! > 0) nonEmptyFinest++;
  return { probes, nonEmptyCells: null, nonEmptyFinest };
}
