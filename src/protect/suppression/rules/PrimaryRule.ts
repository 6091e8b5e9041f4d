import type { CellTable } from '../../../aggregate/CellTable.js';
import type { ProtectionRequirement } from '../../../audit/ProtectionRequirement.js';
import type { Quantity } from '../../../audit/CellSpace.js';

/**
 * A primary suppression rule: finds the sensitive cells of a table and says how much protection each needs.
 * Made by {@link frequencyRule}, {@link dominanceRule} or {@link pPercentRule}; validated when made.
 */
export interface PrimaryRule {
  /** A readable name with the operator and parameters, e.g. `frequency(count < 3)`. */
  readonly name: string;
  readonly kind: 'frequency' | 'dominance' | 'p-percent';
  /** The value the rule protects: counts for the frequency rule, the measure's sums for magnitude rules. */
  readonly quantity: Quantity;
  /**
   * Flags per cell, 1 where the rule finds the cell sensitive.
   * @throws {PrikkError} when the table lacks what the rule reads (e.g. top contributions).
   */
  sensitive(table: CellTable): Uint8Array;
  /** What the audit must find for a sensitive cell (uses the cell's values). */
  requirement(table: CellTable, cell: number): ProtectionRequirement;
  /**
   * The requirement when hidden values are unknown (a table read from JSON); `undefined` when the rule
   * cannot state one without values (magnitude rules: the audit then only checks the cell is not pinned).
   */
  requirementWithoutValues(): ProtectionRequirement | undefined;
}
