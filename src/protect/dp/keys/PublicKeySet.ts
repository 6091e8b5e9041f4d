import { PrikkError } from '../../../errors/PrikkError.js';
import { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import type { Extract } from '../../../read/Extract.js';

/**
 * Keys that are public knowledge, independent of the data: a code list (municipalities from SSB KLASS, ICD-10
 * chapters, the hospitals of a health region), with its hierarchy for margins. A DP table over a public key set
 * releases every key, also those with no rows (with noise, like every other cell), so the set of keys shown reveals
 * nothing about who is in the data.
 *
 * Keys found in the data are not public: they must pass DP partition selection (`selectPartitions`), which returns
 * a {@link SelectedKeySet}. The two are different classes, and neither can be made from the other, so a table cannot
 * use data keys by mistake.
 *
 * @example
 * const sexes = PublicKeySet.fromCodeList(['1', '2']);             // flat, total 'Total'
 * const regions = PublicKeySet.fromHierarchy(regionHierarchy);     // hospitals -> regions -> total
 * const years = PublicKeySet.fromCodeList(['2021', '2022', '2023'], { total: 'All years' });
 */
export class PublicKeySet {
  /** The keys and their margins: the leaves are the keys, the root is the dimension's total. */
  readonly hierarchy: Hierarchy;
  readonly kind = 'public' as const;
  readonly #brand = true;

  private constructor(hierarchy: Hierarchy) {
    this.hierarchy = hierarchy;
    Object.freeze(this);
  }

  /** The keys (the hierarchy's leaves), in order. */
  get keys(): readonly string[] {
    return this.hierarchy.labels.slice(0, this.hierarchy.leafCount);
  }

  /**
   * A flat key set (one level under a total) from a public code list.
   * Cost: O(codes).
   * @throws {PrikkError} `INVALID_ARGUMENT` for an empty list, a repeated code, or a code equal to the total's label.
   */
  static fromCodeList(codes: readonly string[], options: { readonly total?: string } = {}): PublicKeySet {
    const total = options.total ?? 'Total';
    if (!Array.isArray(codes) || codes.length === 0) {
      throw new PrikkError('INVALID_ARGUMENT', 'PublicKeySet.fromCodeList: expected a non-empty list of codes');
    }
    for (const c of codes) {
      if (typeof c !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'PublicKeySet.fromCodeList: every code must be a string');
      if (c === total) {
        throw new PrikkError('INVALID_ARGUMENT', `PublicKeySet.fromCodeList: the code '${c}' is the total's label; pass another { total }`);
      }
    }
    const parents = new Int32Array(codes.length + 1).fill(codes.length);
    parents[codes.length] = -1;
    try {
      return new PublicKeySet(Hierarchy.fromParents(total, [...codes, total], parents));
    } catch (e) {
      if (e instanceof PrikkError) throw new PrikkError('INVALID_ARGUMENT', `PublicKeySet.fromCodeList: ${e.message}`);
      throw e;
    }
  }

  /** A key set with margins: the leaves of a (public) hierarchy are the keys. */
  static fromHierarchy(hierarchy: Hierarchy): PublicKeySet {
    if (!(hierarchy instanceof Hierarchy)) throw new PrikkError('INVALID_ARGUMENT', 'PublicKeySet.fromHierarchy: expected a Hierarchy');
    return new PublicKeySet(hierarchy);
  }

  /**
   * The code list a schema declared for a column (`ColumnSpec.codes`), which is public by construction. Refuses a
   * column whose dictionary was found in the data.
   * @throws {PrikkError} `UNKNOWN_COLUMN` for a missing column; `INVALID_ARGUMENT` when the column has no code list.
   */
  static fromSchema(extract: Extract, column: string): PublicKeySet {
    const c = extract.columns.get(column);
    if (!c) throw new PrikkError('UNKNOWN_COLUMN', `PublicKeySet.fromSchema: the extract has no column '${column}'`);
    if (c.kind !== 'code' || !c.fromCodeList) {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        `PublicKeySet.fromSchema: column '${column}' has no public code list in the schema; its values were found in the data and need selectPartitions`,
      );
    }
    return PublicKeySet.fromCodeList(c.dictionary);
  }
}
