import { PrikkError } from '../errors/PrikkError.js';
import { Hierarchy } from '../hierarchy/Hierarchy.js';
import { flatHierarchy } from '../hierarchy/flatHierarchy.js';
import type { Column } from '../read/Extract.js';

/** The label of the root of a default (flat) hierarchy. */
export const FLAT_TOTAL = 'Total';

/** Integer-valued number columns whose range is at most this wide are handled with a lookup table. */
export const MAX_LUT_RANGE = 1 << 20;

/**
 * Statistics of a number column over the kept rows: smallest and largest value, whether every value is an integer
 * (then a lookup table over `min..max` replaces a search), and whether a value is missing (NaN).
 */
export interface NumberStats {
  readonly min: number;
  readonly max: number;
  readonly allInteger: boolean;
  readonly kept: number;
}

/** One pass over the kept rows of a number column. Cost: O(rows). */
export function numberStats(values: Float64Array, mask: Uint8Array | undefined): NumberStats {
  const out = new Float64Array(4);
  statsPass(values, mask ?? new Uint8Array(0), mask === undefined ? 0 : 1, out);
  return { min: out[0]!, max: out[1]!, allInteger: out[2] === 1, kept: out[3]! };
}

// Typed arrays and numbers only, so that V8's optimised loop survives a full GC between calls (see
// `accumulateFinest`'s kernel). Readable: for each kept row, min/max of the values, whether all are integers
// (`Number.isInteger`: NaN and ±Infinity are not), and the number of kept rows; out = [min, max, allInteger, kept].
function statsPass(values: Float64Array, mask: Uint8Array, hasMask: number, out: Float64Array): void {
  let min = Infinity;
  let max = -Infinity;
  let allInteger = true;
  let kept = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (hasMask === 1 && mask[i] === 0) continue;
    const v = values[i]!;
    kept++;
    if (v < min) min = v;
    if (v > max) max = v;
    // Number.isInteger(v), inlined: finite (v - v is 0, not NaN) and whole.
    if (allInteger && !(Math.floor(v) === v && v - v === 0)) allInteger = false;
  }
  out[0] = min;
  out[1] = max;
  out[2] = allInteger ? 1 : 0;
  out[3] = kept;
}

function flat(column: string, leaves: readonly string[]): Hierarchy {
  if (leaves.includes(FLAT_TOTAL)) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `aggregate: dimension '${column}' has the value '${FLAT_TOTAL}', which is the label of the default hierarchy's total; give the dimension a hierarchy with another total label`,
    );
  }
  // No kept row and no code list: the dimension is its total alone.
  if (leaves.length === 0) return Hierarchy.fromParents(FLAT_TOTAL, [FLAT_TOTAL], [-1]);
  return flatHierarchy(leaves, { total: FLAT_TOTAL });
}

/**
 * The default hierarchy of a dimension given without one: one level of leaves under the total `Total`.
 * - A code column with a public code list: every code of the list, in the list's order, whether or not a row has it
 *   (public keys are all released).
 * - A code column whose dictionary was found in the data: the codes that occur in the kept rows, sorted (by UTF-16
 *   code units, so the order does not depend on a locale). Codes that only occur in rows a filter removed are not
 *   listed, so a filtered table is not padded with the whole dictionary.
 * - A number column (years, ages): the distinct values of the kept rows, sorted numerically, labelled `String(v)`.
 *
 * Cost: O(rows) (plus O(d log d) to sort d distinct values).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when a value is `Total` (the root's label).
 */
export function flatHierarchyOf(name: string, column: Column, mask: Uint8Array | undefined, stats?: NumberStats): Hierarchy {
  if (column.kind === 'code') {
    if (column.fromCodeList) return flat(name, column.dictionary);
    const present = new Uint8Array(column.dictionary.length);
    const codes = column.codes;
    if (mask) for (let i = 0; i < codes.length; i++) present[codes[i]!]! |= mask[i]!;
    else for (let i = 0; i < codes.length; i++) present[codes[i]!] = 1;
    const leaves = column.dictionary.filter((_, c) => present[c] === 1).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return flat(name, leaves);
  }
  const values = column.values;
  const s = stats ?? numberStats(values, mask);
  let distinct: Float64Array;
  if (s.kept === 0) {
    distinct = new Float64Array(0);
  } else if (s.allInteger && s.max - s.min <= MAX_LUT_RANGE) {
    const present = new Uint8Array(s.max - s.min + 1);
    for (let i = 0; i < values.length; i++) if (!mask || mask[i] === 1) present[values[i]! - s.min] = 1;
    const out: number[] = [];
    for (let k = 0; k < present.length; k++) if (present[k] === 1) out.push(s.min + k);
    distinct = Float64Array.from(out);
  } else {
    const kept = new Float64Array(s.kept);
    let j = 0;
    for (let i = 0; i < values.length; i++) if (!mask || mask[i] === 1) kept[j++] = values[i]!;
    kept.sort();
    const out: number[] = [];
    for (let k = 0; k < kept.length; k++) {
      const v = kept[k]!;
      // NaN sorts last and is not a value: it stays outside the hierarchy (an unknown value).
      if (Number.isNaN(v)) break;
      if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
    }
    distinct = Float64Array.from(out);
  }
  return flat(name, Array.from(distinct, (v) => String(v)));
}
