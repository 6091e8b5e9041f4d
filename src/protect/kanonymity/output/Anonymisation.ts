import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import type { NodeMetrics } from '../metrics/NodeMetrics.js';
import type { UtilityMetric } from '../metrics/UtilityMetric.js';
import type { PrivacyModel } from '../models/PrivacyModel.js';
import type { AnonymisedRecords } from './AnonymisedRecords.js';

/** How the transformation was found. */
export interface SearchReport {
  /** `optimal` (the lattice was searched exhaustively, with pruning that keeps optimality) or `heuristic`. */
  readonly strategy: 'optimal' | 'heuristic';
  /** Number of transformations in the lattice (product of the level counts). */
  readonly latticeSize: number;
  /** Transformations checked (a group-by each), not counting the final evaluation of the chosen one. */
  readonly checked: number;
  /** Transformations classified by predictive tagging without a check (optimal search only). */
  readonly tagged: number;
  /** Extra group-bys that materialised a common specialisation as a roll-up source (optimal search only). */
  readonly pivots: number;
  /** Classes read by all checks and pivots together (the roll-ups' work; the distinct records count once each time). */
  readonly classesRead: number;
  /**
   * Which predictive tagging was valid: `full` (admissibility is monotone: no suppression, or only k-anonymity and
   * distinct l-diversity), `by-class-size` (only the smallest-class condition is monotone) or `none`.
   */
  readonly tagging: 'full' | 'by-class-size' | 'none';
}

/** The numbers that describe an anonymisation. */
export interface AnonymisationSummary {
  /** Quasi-identifier names, in option order. */
  readonly quasiIdentifiers: readonly string[];
  /** Chosen generalisation level per quasi-identifier (0 = original values). */
  readonly levels: Readonly<Record<string, number>>;
  /** Records the models count: persons when the extract has a person column, else rows (N). */
  readonly records: number;
  /** Rows of the extract. */
  readonly rows: number;
  /** Records suppressed (in classes that violate a model). */
  readonly suppressedRecords: number;
  /** Rows of the suppressed records. */
  readonly suppressedRows: number;
  /** floor(suppressionLimit × N): the most records that could have been suppressed. */
  readonly allowedSuppressed: number;
  /** Kept equivalence classes. */
  readonly classes: number;
  /** Records in the smallest kept class (0 when every record is suppressed). */
  readonly minClassSize: number;
  /** Kept records / kept classes (0 when every record is suppressed). */
  readonly averageClassSize: number;
  /** Every utility metric at the chosen transformation. */
  readonly metrics: NodeMetrics;
  /** The metric the search minimised. */
  readonly metric: UtilityMetric;
  readonly suppressionLimit: number;
  /** The models, as text (`5-anonymity`, ...). */
  readonly models: readonly string[];
}

/**
 * The result of `anonymise`: the chosen transformation, the anonymised records, the summary and how the search
 * went. Immutable. `anonymisedTable(result)` makes aggregate tables over the generalised quasi-identifiers and
 * `verifyAnonymity(result.records, ...)` re-checks the records.
 */
export interface Anonymisation {
  /** Chosen level per quasi-identifier, in option order. */
  readonly levels: readonly number[];
  /** The quasi-identifiers' hierarchies, in option order. */
  readonly hierarchies: readonly Hierarchy[];
  readonly models: readonly PrivacyModel[];
  readonly summary: AnonymisationSummary;
  readonly search: SearchReport;
  readonly records: AnonymisedRecords;
}
