import type { Hierarchy } from '../../hierarchy/Hierarchy.js';
import type { UtilityMetric } from './metrics/UtilityMetric.js';
import type { PrivacyModel } from './models/PrivacyModel.js';

/** A quasi-identifier: a column of the extract and the hierarchy its values are generalised along. */
export interface QuasiIdentifier {
  /** Required. The column's name in the extract (a code column, or a numeric column whose values are leaves). */
  readonly column: string;
  /**
   * Required. A hierarchy with levels (every leaf at the same depth, e.g. an ARX hierarchy file read with
   * `readArxHierarchy`); every value of the column must be a leaf (by label, or by band for interval hierarchies).
   * Level 0 keeps the value, the last level is the root.
   */
  readonly hierarchy: Hierarchy;
}

/** Options of `anonymise`. */
export interface AnonymiseOptions {
  /** Required. The quasi-identifiers, at least one; their order is the order of the levels in results. */
  readonly quasiIdentifiers: readonly QuasiIdentifier[];
  /** Required. The privacy models every kept class must satisfy, at least one (e.g. `[kAnonymity(5)]`). */
  readonly models: readonly PrivacyModel[];
  /**
   * The sensitive attribute (a code or numeric column), required when a model reads it (l-diversity,
   * t-closeness). Defaults to none.
   */
  readonly sensitive?: string;
  /**
   * Largest fraction of records (persons) that may be suppressed, in [0, 1]: a node is admissible when the records
   * of the classes that violate a model number at most floor(suppressionLimit × records), as in ARX.
   * Defaults to 0.
   */
  readonly suppressionLimit?: number;
  /** What the search minimises. Defaults to `loss` (ARX's default, so results compare with ARX). */
  readonly metric?: UtilityMetric;
  /**
   * Largest lattice (product of the hierarchies' level counts) searched optimally; a larger one is searched by the
   * best-effort heuristic (the result says `search.strategy: 'heuristic'`). Defaults to 1,000,000.
   */
  readonly maxLatticeSize?: number;
  /** Largest number of transformations the heuristic may check. Defaults to 5,000. */
  readonly heuristicBudget?: number;
  /** Text shown for a suppressed value in every quasi-identifier. Defaults to `*` (as ARX). */
  readonly suppressedLabel?: string;
  /**
   * Bytes of evaluated classes the search keeps to roll later transformations up from (least recently used first
   * out); more memory, fewer classes re-read. Does not change the result. Defaults to 32 MiB.
   */
  readonly memoryBudget?: number;
}
