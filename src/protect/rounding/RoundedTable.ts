import type { CellTable } from '../../aggregate/CellTable.js';

/**
 * A table's counts after rounding. Cells hidden by suppression stay hidden (NaN, `symbol` 1), and so do cells a
 * rule shows as a symbol (the NHS rule's 1–7).
 */
export interface RoundedTable {
  /** The table that was rounded (its statuses and hidden values are untouched). */
  readonly table: CellTable;
  /** e.g. `base(5)`, `nhs(1-7 as *, base 5)`, `random(5)`. */
  readonly method: string;
  readonly base: number;
  /** Rounded count per cell; NaN where the cell is shown as a symbol or hidden. */
  readonly values: Float64Array;
  /** 1 where the cell shows the symbol instead of a value. */
  readonly symbol: Uint8Array;
  /** The text shown for those cells, e.g. `*` or `:`. */
  readonly symbolText: string;
  /**
   * True: every cell, margins included, is rounded on its own (independent rounding), so published margins need
   * not equal the sum of their rounded children. Readers must be told; controlled rounding (additive) would
   * set this false.
   */
  readonly marginsRoundedIndependently: boolean;
}
