/**
 * Relative tolerance within which two metric scores are ties in the generalisation searches. The metrics are sums
 * whose last bits depend on the order of addition (a property test found Loss 0.377224150957274 at height 2 beside
 * 0.37722415095727424 at height 1), so an exact comparison would let that order, not the tie rule, pick the node.
 * @internal
 */
export const SCORE_SLACK = 1e-12;

/**
 * The tolerance around score `x` within which another score ties with it: `SCORE_SLACK × max(1, |x|)`.
 *
 * Cost: O(1).
 * @example
 * scoreSlack(0.5) // 1e-12
 * scoreSlack(2000) // 2e-9
 * @internal
 */
export function scoreSlack(x: number): number {
  return SCORE_SLACK * Math.max(1, Math.abs(x));
}
