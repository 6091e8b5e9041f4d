import type { Hierarchy } from '../../hierarchy/Hierarchy.js';
import type { Extract } from '../../read/Extract.js';
import type { SensitiveContext } from './models/ClassJudge.js';

/**
 * What `anonymise` reads from an extract: the encoded columns and, when persons have several rows, the person
 * column (`Extract` satisfies it; so does a hand-built object of encoded columns).
 */
export type AnonymiseInput = Pick<Extract, 'rowCount' | 'columns' | 'person'> & Partial<Pick<Extract, 'source' | 'reconciliation'>>;

/** Dense value codes of a column, one per row. */
export type ValueCodes = Uint8Array | Uint16Array | Uint32Array;

/**
 * The records the models count, prepared from an extract without copying it: one record per person when the
 * extract has a person column (all rows of a person must agree on every quasi-identifier and on the sensitive
 * attribute), else one per row. A quasi-identifier is read through its value codes (the extract's dictionary codes
 * for a code column) and a map from value code to hierarchy leaf. Internal.
 */
export interface Microdata {
  /** Rows of the extract. */
  readonly rowCount: number;
  /** Records the models count (persons, or rows). */
  readonly recordCount: number;
  /** Record of each row when records are persons; undefined when every row is its own record. */
  readonly recordOfRow: Uint32Array | undefined;
  /** First row of each record when records are persons; undefined when every row is its own record. */
  readonly rowOfRecord: Uint32Array | undefined;
  /** Quasi-identifier column names, in option order. */
  readonly names: readonly string[];
  readonly hierarchies: readonly Hierarchy[];
  /** Value code per row, one array per quasi-identifier. */
  readonly valueCodes: readonly ValueCodes[];
  /** Leaf of each value code (−1 for codes no row has), one array per quasi-identifier. */
  readonly leafOfValue: readonly Int32Array[];
  /** Records per leaf, one array per quasi-identifier. */
  readonly leafHistograms: readonly Float64Array[];
  /** The sensitive column's name, when given. */
  readonly sensitiveName: string | undefined;
  /** Sensitive code per record (index into `sensitiveContext.labels`), when a sensitive column is given. */
  readonly sensitive: Uint32Array | undefined;
  readonly sensitiveContext: SensitiveContext | undefined;
}
