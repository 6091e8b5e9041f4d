import { PrikkError } from '../errors/PrikkError.js';
import type { Extract } from '../read/Extract.js';
import { checkPersonRowShape } from './checkPersonRowShape.js';
import { describePersonRow } from './describePersonRow.js';
import type { PersonRow } from './PersonRow.js';

/** The rows a {@link PersonRow} choice keeps: one per person of the cohort. */
export interface PersonRowSelection {
  /** One byte per row of the extract: 1 for the chosen row of each person in the cohort, else 0. */
  readonly mask: Uint8Array;
  /** Rows of the cohort that were not chosen (recorded as `person-row:<description>`). */
  readonly dropped: number;
}

/** A {@link PersonRow} checked against an extract and ready to run. */
export interface CompiledPersonRow {
  /** The text of `describePersonRow` (`first by year`), recorded as `person-row:<description>` in the reconciliation. */
  readonly description: string;
  /**
   * Chooses one row per person among the rows that `cohort` keeps (every row when it is undefined); the input is not
   * changed. Each call computes a fresh mask.
   */
  select(cohort: Uint8Array | undefined): PersonRowSelection;
}

/**
 * Checks a {@link PersonRow} against an extract (a person column exists; `orderBy`, when given, is a number column:
 * integer, decimal, year or date) and compiles it into one pass over the rows with per-person state, indexed by the
 * dictionary-encoded person codes: the chosen row of each person (an `Int32Array`) or, with `orderBy`, its value and
 * row side by side (one `Float64Array`). A row replaces the person's chosen row when its value is smaller (`first`)
 * or at least as large (`last`), which keeps file order on ties: the earliest row of the smallest value, the latest
 * of the largest. No row is read until `select` is called.
 *
 * Source: the epidemiological convention of one index event per person (incidence counts each patient at their first
 * event: "persons by hospital and year of their first operation"), which makes a persons table additive, as secondary
 * suppression and its audit need (their relations are sums).
 *
 * Cost: compiling is O(1); `select` is O(rows + persons), memory 4 bytes per person (16 with `orderBy`) and one byte
 * per row. Measured (5 M rows of 1 M persons in random order, 2 shared cores): about 0.07 s in file order, 0.5 s with
 * `orderBy` (random accesses to the per-person state dominate).
 *
 * @param personRow The choice. Required.
 * @param extract The extract whose rows it chooses. Required; needs a person column.
 * @param path How errors name the option, e.g. `aggregate: personRow`. Defaults to `personRow`.
 * @throws {PrikkError} `INVALID_ARGUMENT` for a malformed choice, an extract without a person column, or an `orderBy`
 * that is a code column; `UNKNOWN_COLUMN` for an `orderBy` the extract does not have (or the person column).
 * @example
 * // person P has rows in 2024 (row 0) and 2023 (row 1); person Q one row in 2024 (row 2)
 * const p = compilePersonRow({ keep: 'first', orderBy: 'year' }, extract);
 * p.description            // 'first by year'
 * p.select(undefined)      // { mask: Uint8Array [0, 1, 1], dropped: 1 }
 */
export function compilePersonRow(personRow: PersonRow, extract: Extract, path = 'personRow'): CompiledPersonRow {
  checkPersonRowShape(personRow, path);
  const person = extract.person;
  if (!person) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${path}: counting each person once needs an extract with a person column (give the schema a column with role 'person')`,
    );
  }
  let orderValues: Float64Array | undefined;
  const name = personRow.orderBy;
  if (name !== undefined) {
    const column = extract.columns.get(name);
    if (!column) {
      if (person.name === name) throw new PrikkError('UNKNOWN_COLUMN', `${path}.orderBy: '${name}' is the person column; rows are ordered by a number, year or date column`);
      const known = [...extract.columns.keys()].map((k) => `'${k}'`).join(', ');
      throw new PrikkError('UNKNOWN_COLUMN', `${path}.orderBy: the extract has no column '${name}' (it has ${known || 'no columns'})`);
    }
    if (column.kind !== 'number') {
      throw new PrikkError('INVALID_ARGUMENT', `${path}.orderBy: '${name}' is a code column; rows are ordered by a number column (integer, decimal, year or date)`);
    }
    orderValues = column.values;
  }
  const description = describePersonRow(personRow);
  const first = personRow.keep === 'first';
  const codes = person.codes;
  const personCount = person.personCount;
  const n = extract.rowCount;

  const select = (cohort: Uint8Array | undefined): PersonRowSelection => {
    // A local const, so that the hot loops read a Float64Array, not a captured `let` of a union type.
    const values = orderValues;
    const mask = new Uint8Array(n);
    let inCohort = 0;
    let kept = 0;
    if (values === undefined) {
      // Readable: for each row i in the cohort, person p = codes[i]: first keeps the first row met, last the last.
      const chosen = new Int32Array(personCount).fill(-1);
      for (let i = 0; i < n; i++) {
        if (cohort !== undefined && cohort[i] === 0) continue;
        inCohort++;
        const p = codes[i]!;
        if (!first || chosen[p]! < 0) chosen[p] = i;
      }
      for (let p = 0; p < personCount; p++) {
        const row = chosen[p]!;
        if (row >= 0) {
          mask[row] = 1;
          kept++;
        }
      }
      return { mask, dropped: inCohort - kept };
    }
    // Readable: key = values[i] (NaN → +∞ for first, −∞ for last, so a missing value never wins over a present
    // one); a row replaces the person's chosen row when they have none yet, or when key < best (first) or
    // key >= best (last): ties keep file order (the earliest row of the smallest, the latest of the largest).
    // Hand-tuned: the per-person state is interleaved, state[2p] = best key, state[2p + 1] = chosen row (-1: none;
    // rows < 2^32 are exact in a float64), so each row touches one cache line of it instead of two arrays (the pass
    // is bound by these random accesses: the loop alone measured 0.31 s against 0.49 s with two arrays, on 5 M rows
    // of 1 M persons in random order).
    const state = new Float64Array(2 * personCount);
    for (let p = 1; p < state.length; p += 2) state[p] = -1;
    if (first) {
      for (let i = 0; i < n; i++) {
        if (cohort !== undefined && cohort[i] === 0) continue;
        inCohort++;
        const at = codes[i]! * 2;
        const v = values[i]!;
        const key = v === v ? v : Infinity;
        if (state[at + 1]! < 0 || key < state[at]!) {
          state[at] = key;
          state[at + 1] = i;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (cohort !== undefined && cohort[i] === 0) continue;
        inCohort++;
        const at = codes[i]! * 2;
        const v = values[i]!;
        const key = v === v ? v : -Infinity;
        if (state[at + 1]! < 0 || key >= state[at]!) {
          state[at] = key;
          state[at + 1] = i;
        }
      }
    }
    for (let p = 1; p < state.length; p += 2) {
      const row = state[p]!;
      if (row >= 0) {
        mask[row] = 1;
        kept++;
      }
    }
    return { mask, dropped: inCohort - kept };
  };
  return Object.freeze({ description, select });
}
