/**
 * How far a running audit is, for a progress line (`AuditPolicy.onProgress`): the groups of hidden cells joined by
 * relations (each one linear program, solved for all its sensitive cells) whose cells are proved so far. Groups
 * differ much in size (on a 100k-cell 4-dimensional table the largest takes most of the time), so this counts
 * progress, it does not time it. Counts only, never a value.
 *
 * @example
 * await auditTable(table, { rules, onProgress: (p) => console.error(`${p.groupsDone} of ${p.groups} groups`) });
 */
export interface AuditProgress {
  /**
   * Groups proved so far, of the quantity being audited (a table audited under a frequency rule and a magnitude
   * rule counts the groups of each in turn).
   */
  readonly groupsDone: number;
  /** Groups to prove. */
  readonly groups: number;
  /** Milliseconds since `auditTable` was called. */
  readonly elapsedMs: number;
}
