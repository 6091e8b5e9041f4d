/**
 * How the audit's saturating rounds run (see `AttackCore.certify`): whether a core's first round starts
 * from the true table, how many rounds run, when they drop the warm start, and how much each open goal weighs. Each
 * choice reads counts and distances only, so the rounds are the same on every thread setting.
 */

/**
 * Open goals, as a share of a core's columns, up to which the first round of a core's model starts from the true
 * table (`trueStart` in `AttackCore`) instead of cold: the primal simplex from there pays per goal it moves, the dual
 * simplex from the slack basis per row. Measured on the first rounds of the two 100k-cell benchmark tables' stand-alone audits:
 * the 110k-cell table's 15 cores (996-2,525 columns, 2-10 % of them open goals) 37,363 → 11,800 simplex iterations,
 * 6.0 → 3.3 s of HiGHS with the crossovers (about 40 % of it); the registry's 108,576-cell table's 8 cores
 * (1,244-6,659 columns, 17-31 % open) 33,902 → 62,532 iterations from the true table, 9.6 → 24.1 s of simplex alone
 * (only its 17 % core took fewer iterations, 1,064 → 934).
 * @internal
 */
export const START_MAX_SHARE = 1 / 8;

/** Saturating rounds per sense that always run while they certify something (see {@link anotherRound}). */
const ROUNDS = 6;
/** Rounds after {@link ROUNDS} run only while at least this many goals are open... */
const MORE_ROUNDS_MIN_OPEN = 32;
/** ...and the round before certified at least 1 / this of the goals it started with. */
const MORE_ROUNDS_YIELD = 8;
/**
 * Columns from which every solve of a core is cold, by the interior point method (IPX) and its crossover
 * (`CoreLpData.coldOptions` and `recoldOptions`): the first, the saturating rounds, the push-down and the exact LPs.
 * On such cores the primal simplex from the last basis is slow and erratic, the interior point method steady.
 * Measured on the 5,000-row example extract by hospital → region × year × sex × 10-year age × diagnosis (59,904
 * cells, count < 5; the audit's core of 13,899 columns × 20,238 rows, one thread): the cold first solve by the dual
 * simplex 24,374 iterations, 11.6 s; a saturating round warm from its basis 479,935 iterations (573 s), cut at
 * 24,374 iterations (see `WARM_ITERATIONS_FLOOR` in `AttackCore`) still 83 s, by IPX 1.4 s; the exact LPs of 6
 * columns (max and min) warm 0.2-105 s (12 LPs, 135 s in all), by IPX 1.4-1.8 s each (19 s in all), the same optima.
 * On the benchmark tables' cores (at most 6,659 columns) warm re-solves take about 140 ms and IPX about 1 s: they
 * keep the simplex. The saturating rounds on such cores: see {@link anotherRound}.
 * @internal
 */
export const ALWAYS_COLD_MIN_COLUMNS = 10_000;

/**
 * On a core of {@link ALWAYS_COLD_MIN_COLUMNS} or more, rounds after {@link ROUNDS} go on while the round before
 * certified at least this many goals: there every solve is cold by the interior point method, so a round costs what
 * one exact LP costs, and one that certifies two goals saves at least one. Measured on the 5,000-row example extract
 * by hospital × year × sex × 10-year age × diagnosis (one core of 12,275 columns, count < 5, stand-alone audit of
 * its protected pattern), when exact LPs were warm: a round 1.2-1.7 s, an exact LP 1.7-8 s; going on down to 8 open
 * goals took the audit 112.6 → 88.8 s. With hospitals grouped into health regions (59,904 cells, a core of 13,899
 * columns) 8,309 goals were open at the first round and the last rounds certified 30-60 each: 98 rounds (1.1-1.5 s
 * each), then 48 exact LPs.
 */
const LARGE_CORE_MIN_CERTIFIED = 2;
/** At most this many saturating rounds per sense on a core of {@link ALWAYS_COLD_MIN_COLUMNS} or more. */
const LARGE_CORE_MAX_ROUNDS = 400;
/** At most this many saturating rounds per sense. */
const MAX_ROUNDS = 40;

/** See {@link goesCold}. */
const COLD_AFTER_SHARE = 16;

/** See {@link progressWeight}. */
const PROGRESS_EPS = 0.15;

/**
 * Open goals below which a saturating round that would start cold is not run: the goals go to their exact LPs, each
 * a warm re-solve. Measured on the registry's 108,576-cell table's stand-alone audit (with {@link progressWeight}):
 * the cores' rounds for their second sense (1-3 goals open) each cost a cold solve of the whole core (77-820 ms, 2.8 s
 * of HiGHS in all) against 10-100 ms per exact LP; without them 20.5 → 19.8 s wall.
 * @internal
 */
export const COLD_ROUND_MIN_OPEN = 4;

/**
 * The weight of an open goal in a saturating round after the first: `1 / (left / first + 0.15)`, where `left` is
 * how far the last round's table stayed from the goal and `first` how far the best known table was when the goal's
 * rounds began (a weight of 1 when `first` is unknown). A round maximises the weighted sum of the open roots, each
 * capped at its goal; with equal weights its optimum spreads the slack, leaving most goals part of the way (on the
 * largest core of the registry's 108,576-cell table, 1,422 of the 1,961 goals open at the first round), and the next
 * round may spend the slack elsewhere again. Weighting the goals that came closest makes the rounds finish what
 * they began (iteratively reweighted, as for sparse solutions). Measured on that table's stand-alone audit (8 cores
 * of 1,244-6,659 columns): the largest core 14 rounds and 57 exact LPs → 10 rounds and 18 exact LPs; all cores 88
 * → 71 rounds, 247 → 127 exact LPs, 27.1 → 21.0 s wall (HiGHS 52 → 38 s CPU); the 110k-cell benchmark's audit
 * (2-6 rounds per core) the same within noise. Weights from the best values known before the first round too
 * (from the moves) changed nothing; squared weights, or weights from the best value of all rounds, did no better.
 *
 * Cost: O(1).
 * @example
 * progressWeight(4, 4) // ≈ 0.87 (untouched)
 * progressWeight(1, 4) // = 2.5 (three quarters of the way)
 * @internal
 */
export function progressWeight(left: number, first: number): number {
  if (!(first > 0) || !Number.isFinite(first)) return 1;
  return 1 / (Math.max(0, left) / first + PROGRESS_EPS);
}

/**
 * Whether saturating round `round` of a core with `columns` columns, and every round after it, start cold: when the
 * round before certified `certified` goals, at least 1 / {@link COLD_AFTER_SHARE} of the columns (why: see
 * `AttackCore.certify`). Reads counts only: the same on every thread setting.
 * @internal
 */
export function goesCold(round: number, certified: number, columns: number): boolean {
  return round > 0 && certified * COLD_AFTER_SHARE >= columns;
}

/**
 * Whether a core runs saturating round `round` (0-based, per sense) with `open` goals still open, when the round
 * before started with `before` open goals and certified `certified` of them (the caller stops anyway once a round
 * certifies nothing), on a core of `columns` columns. The first {@link ROUNDS} always run; after them, rounds go on
 * while many goals are open ({@link MORE_ROUNDS_MIN_OPEN}) and the last round still certified a good share of them
 * (at least 1 / {@link MORE_ROUNDS_YIELD}), up to {@link MAX_ROUNDS}, or on large cores while it certified
 * {@link LARGE_CORE_MIN_CERTIFIED}, up to {@link LARGE_CORE_MAX_ROUNDS}; what is left gets exact LPs. Why: a round
 * costs about one solve of the whole core, an exact LP a solve per goal. Measured on the registry's 4-dimensional
 * 108,576-cell table (cores of 1,244-6,659 columns, 206-1,961 goals open at the first round, each round certifying a fifth to a quarter of them): after six rounds its
 * largest core still had 532 goals open, and their exact LPs (219 solves, ~140 ms each) took 30.7 s of that core's
 * LP time; with rounds going on while they certify an eighth, the cores ran 8-16 rounds and 200 exact LPs instead of
 * 717, LP time 102 → 86 s, the first audit 64 → 51 s and protect 124.6 → 111.4 s (11,701 secondaries either way).
 * Stopping at a fifth (more exact LPs) and at a sixteenth with 16 goals open (more rounds) both took longer. The
 * other benchmark tables have at most 6 goals open after six rounds, so they run the same LPs as before. Reads
 * counts only: the same rounds on every thread setting.
 * @internal
 */
export function anotherRound(round: number, open: number, before: number, certified: number, columns: number): boolean {
  if (round < ROUNDS) return true;
  if (columns >= ALWAYS_COLD_MIN_COLUMNS) return round < LARGE_CORE_MAX_ROUNDS && certified >= LARGE_CORE_MIN_CERTIFIED;
  return round < MAX_ROUNDS && open >= MORE_ROUNDS_MIN_OPEN && certified * MORE_ROUNDS_YIELD >= before;
}
