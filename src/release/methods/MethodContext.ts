import type { Extract } from '../../read/Extract.js';
import type { CsvReadOptions } from '../../read/CsvReadOptions.js';
import type { Schema } from '../../read/Schema.js';
import type { RandomSource } from '../../random/RandomSource.js';
import type { DatasetBudget } from '../../protect/dp/budget/DatasetBudget.js';
import type { SuppressionProgress } from '../../protect/suppression/SuppressionProgress.js';

/** What every method plug-in may use besides its table request. */
export interface MethodContext {
  readonly extract: Extract;
  /** The extract's file and how it was read (the cell key method re-reads it for record keys). */
  readonly source: { readonly path: string; readonly schema: Schema; readonly options: CsvReadOptions };
  /** Folder of the policy file: relative paths (hierarchy files, p-tables, secret files) resolve against it. */
  readonly policyDir: string;
  /** Symbols of hidden cells, per status, as the output policy sets them. */
  readonly symbols: { readonly primary: string; readonly secondary: string; readonly small: string };
  /** The secure source (rounding at random, DP noise). */
  readonly random: RandomSource;
  /** Tests only: the name of an insecure source to accept. */
  readonly insecureRandomForTesting?: string;
  /** DP only: the dataset's lifetime budget, opened on the ledger. */
  readonly budget?: DatasetBudget;
  /** Reads an environment variable (the cell key secret); defaults to `process.env`. */
  readonly env: (name: string) => string | undefined;
  /** Defaults to 1. The output policy's `decimals`: decimals shown for means and for sums that are not whole numbers. */
  readonly decimals?: number;
  /** Defaults to `;`. The output policy's `csvDelimiter`, for extra CSV files (k-anonymity's records). */
  readonly csvDelimiter?: ';' | ',' | '\t';
  /** Defaults to none. Stops long work (suppression, audits) once aborted (`PrikkError` `ABORTED`). */
  readonly signal?: AbortSignal;
  /** Defaults to none. Called as each step of a suppression starts, with the names of the tables protected together. */
  readonly onSuppressionProgress?: (tables: readonly string[], progress: SuppressionProgress) => void;
}
