import { PrikkError } from '../../../errors/PrikkError.js';

/** One column of the anonymised records: row i shows `dictionary[codes[i]]`. */
export interface AnonymisedColumn {
  readonly name: string;
  readonly dictionary: readonly string[];
  readonly codes: Uint32Array;
}

/** The fields of {@link AnonymisedRecords}; the columns may be given as functions that build them on first use. */
export interface AnonymisedRecordsInit {
  readonly rowCount: number;
  readonly quasiIdentifiers: readonly AnonymisedColumn[] | (() => readonly AnonymisedColumn[]);
  readonly sensitive: AnonymisedColumn | undefined | (() => AnonymisedColumn | undefined);
  readonly suppressed: Uint8Array;
  readonly classOfRow: Int32Array;
  readonly person: Uint32Array | undefined;
}

/**
 * The anonymised extract, row for row in the extract's order: each quasi-identifier generalised to the chosen
 * level (the hierarchy's display labels, e.g. `30-39`), the suppressed rows showing the suppressed label (`*`) in
 * every quasi-identifier, and the sensitive attribute unchanged (as ARX releases it). Other columns of the extract
 * can be joined by row number. Columnar and immutable; `row(i)` and `toRows()` give objects of strings. The
 * generalised columns are built on first use (as ARX builds its output on request), so `anonymise` costs no more
 * than the search when only the summary or a table is wanted.
 *
 * At the most general node every value is the root (ARX's `*`), so a suppressed row and a kept row can look the
 * same: `suppressed` tells them apart, and `verifyAnonymity` reads it.
 *
 * @example
 * const a = anonymise(extract, { quasiIdentifiers, models: [kAnonymity(2)] });
 * a.records.row(0)          // { age: '30-39', sex: 'Male', salary: '<=50K' }
 * a.records.suppressed[0]   // 0
 */
export class AnonymisedRecords {
  readonly rowCount: number;
  /** 1 for a suppressed row, 0 for a kept one. */
  readonly suppressed: Uint8Array;
  /** Kept equivalence class of each row (0 .. classes − 1), or −1 for a suppressed row. */
  readonly classOfRow: Int32Array;
  /** The person of each row (dense codes), when the extract has a person column. */
  readonly person: Uint32Array | undefined;

  // Columns are built on first use (the search's result does not need them) and kept.
  readonly #columns: { qi?: readonly AnonymisedColumn[]; sensitive?: AnonymisedColumn | undefined; sensitiveDone?: boolean } = {};
  readonly #init: AnonymisedRecordsInit;

  constructor(init: AnonymisedRecordsInit) {
    this.#init = init;
    this.rowCount = init.rowCount;
    this.suppressed = init.suppressed;
    this.classOfRow = init.classOfRow;
    this.person = init.person;
    Object.freeze(this);
  }

  /** The generalised quasi-identifiers, in option order (built on first use, O(rows × quasi-identifiers)). */
  get quasiIdentifiers(): readonly AnonymisedColumn[] {
    if (!this.#columns.qi) {
      const given = this.#init.quasiIdentifiers;
      this.#columns.qi = Object.freeze([...(typeof given === 'function' ? given() : given)]);
    }
    return this.#columns.qi;
  }

  /** The sensitive attribute, unchanged; undefined when none was given (built on first use). */
  get sensitive(): AnonymisedColumn | undefined {
    if (!this.#columns.sensitiveDone) {
      const given = this.#init.sensitive;
      this.#columns.sensitive = typeof given === 'function' ? given() : given;
      this.#columns.sensitiveDone = true;
    }
    return this.#columns.sensitive;
  }

  /** Column names: the quasi-identifiers, then the sensitive attribute. */
  get columnNames(): string[] {
    const names = this.quasiIdentifiers.map((c) => c.name);
    if (this.sensitive) names.push(this.sensitive.name);
    return names;
  }

  /**
   * Row `i` as an object of strings.
   * @throws {PrikkError} `INVALID_ARGUMENT` when `i` is not a row index.
   */
  row(i: number): Record<string, string> {
    if (!Number.isInteger(i) || i < 0 || i >= this.rowCount) {
      throw new PrikkError('INVALID_ARGUMENT', `AnonymisedRecords.row: expected a row index in [0, ${this.rowCount}), got ${i}`);
    }
    const out: Record<string, string> = {};
    for (const c of this.quasiIdentifiers) out[c.name] = c.dictionary[c.codes[i]!]!;
    const sensitive = this.sensitive;
    if (sensitive) out[sensitive.name] = sensitive.dictionary[sensitive.codes[i]!]!;
    return out;
  }

  /** Every row as an object of strings (O(rows × columns)). */
  toRows(): Record<string, string>[] {
    return Array.from({ length: this.rowCount }, (_, i) => this.row(i));
  }
}
