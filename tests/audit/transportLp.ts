import type { CoreLpData, CoreLpOptions, CoreLpOutcome } from '../../src/audit/CoreLp.js';

/** Row sums of the 4 x 4 transport polytope of {@link transportLp}. */
export const TRANSPORT_ROWS = [10, 6, 8, 5];
/** Column sums of the 4 x 4 transport polytope of {@link transportLp} (both sum to 29). */
export const TRANSPORT_COLS = [7, 9, 4, 9];

/**
 * A 4 x 4 transport polytope as a core LP: cells t[i][j] >= 0 (column 4i + j) with row sums 10, 6, 8, 5 and column
 * sums 7, 9, 4, 9. By hand: t[0][0] is at most min(10, 7) = 7 (row 0 and column 0), and it reaches 7 (e.g. the
 * north-west corner rule). Cold solves by the dual simplex, warm ones by the primal, no presolve.
 */
export function transportLp(warmOptions: CoreLpOptions = { output_flag: false, presolve: 'off', simplex_strategy: 4 }): CoreLpData {
  const starts = [0];
  const indices: number[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) indices.push(i * 4 + j);
    starts.push(indices.length);
  }
  for (let j = 0; j < 4; j++) {
    for (let i = 0; i < 4; i++) indices.push(i * 4 + j);
    starts.push(indices.length);
  }
  return {
    numCols: 16,
    numRows: 8,
    colLower: new Float64Array(16),
    colUpper: new Float64Array(16).fill(Infinity),
    rowBound: Float64Array.from([...TRANSPORT_ROWS, ...TRANSPORT_COLS]),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: new Float64Array(indices.length).fill(1),
    coldOptions: { output_flag: false, presolve: 'off', simplex_strategy: 1 },
    warmOptions,
  };
}

/** The objective with cost 1 on column j of the transport LP, 0 elsewhere. */
export const unitCost = (j: number): Float64Array => Float64Array.from({ length: 16 }, (_, k) => (k === j ? 1 : 0));

/** The outcome, which must be optimal (the test fails otherwise). */
export function optimal(o: CoreLpOutcome): Extract<CoreLpOutcome, { kind: 'optimal' }> {
  if (o.kind !== 'optimal') throw new Error(`expected optimal, got ${o.kind}`);
  return o;
}
