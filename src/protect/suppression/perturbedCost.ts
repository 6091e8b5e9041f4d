/**
 * Relative size of the repair LP's cost perturbation (see {@link perturbedCost}). @internal
 */
export const REPAIR_COST_PERTURBATION = 1e-4;

/**
 * The cost of hiding a published cell as the repair LP (`buildRepairLp`) prices it: the cell's cost raised by a
 * tiny amount that follows the cell's place in the publishing order (`publishOrder`) among the LP's published
 * cells, `cost × (1 + ε·place / count)` with ε = {@link REPAIR_COST_PERTURBATION}. Every published cell of the LP
 * gets a different multiplier, spaced ε / count apart (well above HiGHS's 1e-7 tolerances), so the LP has one
 * optimum and every simplex path (dual or primal, any pricing, presolve or not) ends on the same cells: the
 * classic cure for degenerate optima by perturbing the costs (Charnes 1952, "Optimality and degeneracy in linear
 * programming", Econometrica 20; Wolfe 1963, "A technique for resolving degeneracy in linear programming"), with
 * the perturbation from the publishing order instead of random, so the pattern is reproducible and the solver
 * path is free to be the fastest. The multiplier stays in `[1, 1 + ε)`, so the perturbed optimum is an
 * unperturbed optimum unless another vertex costs less than ε of the objective more.
 *
 * The sign: the cells later in the publishing order (the ones it would hide first) cost slightly more to hide in
 * the LP, so among equally costly changes the LP moves cells earlier in the order (larger ones, and zeros, which a
 * change can only move up). Measured against the other sign, `(1 + ε·(1 − place / count))`, which follows the
 * order's own preference, on the suppression benchmark's tables (rule count < 5): 49k cells 6,342 against 6,345
 * secondaries (3 repair rounds against 4), 110k cells 9,065 against 9,064, 12k cells 1,097 both; main before the
 * perturbation: 6,349, 9,067, 1,097. (By the global rank, `rank / cellCount`, both signs gave the same counts but
 * left one LP of 165 with path-dependent cells.)
 *
 * Cost: O(1).
 * @param cost the cell's cost of hiding (> 0).
 * @param place the cell's place among the LP's published cells in the publishing order (0 = most wanted published).
 * @param count the number of the LP's published cells (> place).
 * @returns the perturbed cost, in `[cost, cost × (1 + ε))`. Throws nothing (its caller's inputs are validated).
 * @internal
 * @example
 * perturbedCost(2, 0, 4) // 2: the cell most wanted published keeps its cost
 * perturbedCost(2, 3, 4) // 2.00015 = 2 × (1 + 1e-4 × 3/4)
 */
export function perturbedCost(cost: number, place: number, count: number): number {
  return cost * (1 + REPAIR_COST_PERTURBATION * (place / count));
}
