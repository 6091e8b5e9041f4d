/** The audit's finding for one hidden sensitive cell. Widths and verdicts only: no hidden value, no bound. */
export interface CellAudit {
  /** Index of the table (in the list audited) holding the cell. */
  readonly table: number;
  /** The cell's coordinates; a dimension at its total is left out. */
  readonly coords: Readonly<Record<string, string>>;
  /** `count` or the measure the requirement is about. */
  readonly quantity: string;
  /** Names of the rules that made the cell sensitive (`status primary` when only the status says so). */
  readonly rules: readonly string[];
  /**
   * Width of the attacker's interval (`Infinity` when unbounded above; 0 = recomputed exactly). Exact when
   * `widthExact`; otherwise a width the interval is proved to reach (feasible tables at both ends were found and
   * the cell passes), computed without solving its own LPs. The audit makes the narrowest width it finds exact,
   * unless that takes more LP work than `AuditPolicy.narrowestLpWork` allows.
   */
  readonly width: number;
  readonly widthExact: boolean;
  /**
   * True when the cell was required only not to be pinned to one value: no rule could state its protection interval
   * (a magnitude rule on a table read without contributions, or a cell marked primary that no rule explains). Its
   * width is then only a proof of that (often an inner width), not a protection interval to report.
   */
  readonly notPinnedOnly: boolean;
  readonly pass: boolean;
  /** Why it failed: the interval is too low (`upper`), too high (`lower`) or too narrow (`width`). */
  readonly failures: readonly ('upper' | 'lower' | 'width')[];
}

/** The checks of one quantity (the counts, or one measure's sums), whose widths share a unit. */
export interface QuantityAudit {
  /** `count` or the measure. */
  readonly quantity: string;
  readonly cellsChecked: number;
  readonly failed: number;
  /**
   * The quantity's check with the narrowest interval, preferring checks with a protection interval to those required
   * only not to be pinned (see {@link CellAudit.notPinnedOnly}). Its width is exact when `widthExact`; otherwise a
   * lower bound on the quantity's narrowest (the audit makes exact only the narrowest of all its checks).
   */
  readonly narrowest: CellAudit | undefined;
  /** True when every check of the quantity was required only not to be pinned: no width to report. */
  readonly notPinnedOnly: boolean;
}

/** The result of an audit (see `auditTable`). */
export interface AuditResult {
  /** True when every hidden sensitive cell is protected, no sensitive cell is published and no singleton leaks. */
  readonly passed: boolean;
  /** Number of (cell, quantity) pairs checked. */
  readonly cellsChecked: number;
  /** Number of checks that failed. */
  readonly failed: number;
  /**
   * The check with the narrowest interval (the weakest cell), or undefined when nothing was checked. When its
   * `widthExact` is false (the audit ran out of `narrowestLpWork`), its width is a lower bound on the narrowest: no
   * hidden sensitive cell's interval is narrower. Checks with a protection interval come before those required only
   * not to be pinned (see {@link CellAudit.notPinnedOnly}). Over every quantity, whose units may differ (persons and
   * NOK): see `quantities` for each one's.
   */
  readonly narrowest: CellAudit | undefined;
  /** Per quantity (counts first, then the measures by name): its checks and its narrowest interval, in its unit. */
  readonly quantities: readonly QuantityAudit[];
  /** Sensitive cells whose status is `published` (their values are out). */
  readonly publishedSensitive: readonly { readonly table: number; readonly coords: Readonly<Record<string, string>> }[];
  /**
   * Relations whose only two hidden cells include a singleton (a hidden cell with count 1): its one contributor
   * knows its value and recovers the other by subtraction. A hidden cell the attacker derives exactly counts as
   * published here (it covers nothing; see `countSingletonLeaks`). Checked when counts are known.
   */
  readonly singletonLeaks: number;
  /** Every check, in space cell order. */
  readonly cells: readonly CellAudit[];
  /** Wall time of the audit in milliseconds. */
  readonly milliseconds: number;
}
