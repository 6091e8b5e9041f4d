import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';

/**
 * k-anonymity (Sweeney 2002): every equivalence class (records sharing their generalised quasi-identifiers) holds
 * at least `k` records. Made by {@link kAnonymity}.
 */
export interface KAnonymity {
  readonly kind: 'k-anonymity';
  /** Smallest allowed class size, an integer >= 1. */
  readonly k: number;
}

/**
 * Distinct l-diversity (Machanavajjhala et al. 2007, as ARX's `DistinctLDiversity`): every class holds at least
 * `l` distinct values of the sensitive attribute. Made by {@link distinctLDiversity}.
 */
export interface DistinctLDiversity {
  readonly kind: 'distinct-l-diversity';
  /** Smallest allowed number of distinct sensitive values, an integer >= 1. */
  readonly l: number;
}

/**
 * Entropy l-diversity (Machanavajjhala et al. 2007, as ARX's `EntropyLDiversity`): the entropy (base 2) of the
 * sensitive values in every class is at least log2(l). Made by {@link entropyLDiversity}.
 */
export interface EntropyLDiversity {
  readonly kind: 'entropy-l-diversity';
  /** A real number >= 1. */
  readonly l: number;
}

/**
 * Recursive-(c,l)-diversity (Machanavajjhala et al. 2007, as ARX's `RecursiveCLDiversity`): with the sensitive
 * value counts of a class sorted in descending order r1 >= r2 >= ... >= rm, the class has at least `l` distinct
 * values and r1 < c · (r_l + r_(l+1) + ... + r_m). Made by {@link recursiveClDiversity}.
 */
export interface RecursiveClDiversity {
  readonly kind: 'recursive-cl-diversity';
  /** A real number > 0. */
  readonly c: number;
  /** An integer >= 1. */
  readonly l: number;
}

/**
 * t-closeness with the equal ground distance (Li, Li & Venkatasubramanian 2007, as ARX's
 * `EqualDistanceTCloseness`): in every class, the earth mover's distance between the class's distribution of the
 * sensitive attribute and its distribution over all records, with every two values at distance 1, is at most `t`.
 * That distance is half the L1 distance: EMD(P, Q) = 1/2 · Σ_v |p_v − q_v|. Made by {@link equalDistanceTCloseness}.
 */
export interface EqualDistanceTCloseness {
  readonly kind: 'equal-distance-t-closeness';
  /** A real number in [0, 1]. */
  readonly t: number;
}

/**
 * t-closeness with the hierarchical ground distance (Li, Li & Venkatasubramanian 2007, as ARX's
 * `HierarchicalDistanceTCloseness`): the distance between two sensitive values is the level of their lowest common
 * ancestor divided by the hierarchy's height, and in every class the earth mover's distance to the overall
 * distribution is at most `t`. Made by {@link hierarchicalDistanceTCloseness}.
 */
export interface HierarchicalDistanceTCloseness {
  readonly kind: 'hierarchical-distance-t-closeness';
  /** A real number in [0, 1]. */
  readonly t: number;
  /** A hierarchy with levels over the sensitive values (every value of the sensitive column must be a leaf). */
  readonly hierarchy: Hierarchy;
}

/**
 * A privacy model that every kept equivalence class must satisfy. Several models apply together: a class that
 * violates any of them is suppressed (ARX's semantics). Build them with the factories (`kAnonymity`,
 * `distinctLDiversity`, `entropyLDiversity`, `recursiveClDiversity`, `equalDistanceTCloseness`,
 * `hierarchicalDistanceTCloseness`), which validate their parameters.
 */
export type PrivacyModel =
  | KAnonymity
  | DistinctLDiversity
  | EntropyLDiversity
  | RecursiveClDiversity
  | EqualDistanceTCloseness
  | HierarchicalDistanceTCloseness;

/**
 * Slack used where a model compares a floating-point quantity with its threshold (the entropy of entropy
 * l-diversity, the distance of t-closeness): a class passes when entropy >= log2(l) − 1e-9, or distance <= t + 1e-9.
 * ARX compares exactly, so at an exact boundary (a class whose distribution is uniform over exactly l values has
 * entropy log2(l), computed as log2(l) or one unit in the last place below) its answer depends on rounding; the
 * slack makes the boundary inclusive, as the papers define it, and keeps the models monotone under merging
 * classes despite rounding.
 */
export const MODEL_TOLERANCE = 1e-9;
