/**
 * How far a running audit is, for a progress line (`AuditPolicy.onProgress`): of the hidden cells the attacker's
 * linear programs solve for (those left after the reduction; each stands for the cells tied to it by a relation of
 * two unknowns), how many are proved to meet their sensitive cells' requirements so far. It grows as box moves and
 * each round of linear programming prove cells, and reaches the total when the last group of them ends; the exact
 * narrowest width is made after that. Counts only, never a value.
 *
 * @example
 * await auditTable(table, { rules, onProgress: (p) => console.error(`${p.cellsProved} of ${p.cells} proved`) });
 */
export interface AuditProgress {
  /**
   * Cells proved so far, for the quantity being audited (a table audited under a frequency rule and a magnitude rule
   * counts each in turn).
   */
  readonly cellsProved: number;
  /** Cells to prove. */
  readonly cells: number;
  /** Milliseconds since `auditTable` was called. */
  readonly elapsedMs: number;
}
