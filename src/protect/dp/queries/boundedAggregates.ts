import type { Extract, NumberColumn } from '../../../read/Extract.js';
import { boundContributions } from '../bounding/boundContributions.js';
import type { ContributionBounds } from '../bounding/ContributionBounds.js';
import { type FixedPoint, toUnits } from '../bounding/FixedPoint.js';
import type { ExactDraws } from '../noise/ExactDraws.js';
import type { DpCube } from './DpCube.js';
import { type RowDimension, rowCells } from './rowCells.js';

/** The exact (noise-free) values of every cell of a DP table after contribution bounding. */
export interface BoundedAggregates {
  /** Distinct persons per cell (each person counted once in every cell above any of their kept rows). */
  readonly persons: Float64Array;
  /** Kept rows per cell. */
  readonly rows: Float64Array;
  /** Sum of kept units per cell (when a measure was given). */
  readonly sums: Float64Array | undefined;
}

/** What {@link boundedAggregates} reads. */
export interface BoundedAggregatesInput {
  readonly extract: Extract;
  readonly cube: DpCube;
  readonly dimensions: readonly RowDimension[];
  readonly mask: Uint8Array | undefined;
  readonly measure: NumberColumn | undefined;
  readonly fixedPoint: FixedPoint | undefined;
  readonly bounds: ContributionBounds;
  readonly draws: ExactDraws;
}

/**
 * Filters and classifies the rows, bounds each person's contributions and rolls the kept values up to every cell
 * of the cube: the true values that a DP table then adds noise to. Nothing returned here may be released as is.
 * Rows with a missing measure value are dropped (for sums and means).
 *
 * Cost: O(rows × dimensions + persons + cells × dimensions), plus the ancestors of the cells of persons who kept
 * two or more cells (for distinct counts).
 */
export function boundedAggregates(input: BoundedAggregatesInput): BoundedAggregates {
  const { cube, extract } = input;
  const person = extract.person!;
  const trash = cube.cellCount;
  const cells = rowCells(extract, cube, input.dimensions, input.mask);
  let units: Float64Array | undefined;
  if (input.measure && input.fixedPoint) {
    units = toUnits(input.measure.values, input.fixedPoint);
    for (let i = 0; i < units.length; i++) if (Number.isNaN(units[i]!)) cells[i] = trash;
  }
  const bounded = boundContributions({
    cells,
    trash,
    cellCount: cube.cellCount,
    persons: person.codes,
    personCount: person.personCount,
    units,
    maxPartitionsPerPerson: input.bounds.maxPartitionsPerPerson,
    maxRowsPerPartition: input.bounds.maxRowsPerPartition,
    draws: input.draws,
  });
  cube.rollUp(bounded.persons);
  cube.rollUp(bounded.rows);
  if (bounded.sums) cube.rollUp(bounded.sums);
  // Distinct persons in margins: the roll-up counted a person once per kept finest cell under a margin; a person
  // with kept cells K adds |K under A| − 1 too many at every cell A above two or more of them.
  const seen = new Map<number, number>();
  const { multiOffsets, multiCells } = bounded;
  for (let j = 0; j + 1 < multiOffsets.length; j++) {
    seen.clear();
    for (let k = multiOffsets[j]!; k < multiOffsets[j + 1]!; k++) {
      cube.forEachAncestor(multiCells[k]!, (a) => seen.set(a, (seen.get(a) ?? 0) + 1));
    }
    for (const [a, times] of seen) if (times > 1) bounded.persons[a]! -= times - 1;
  }
  return { persons: bounded.persons, rows: bounded.rows, sums: bounded.sums };
}
