import type { Filter } from '../aggregate/Filter.js';
import type { CountUnit } from '../aggregate/CellTable.js';
import type { PersonRow } from '../aggregate/PersonRow.js';
import type { HierarchySpec } from '../hierarchy/HierarchySpec.js';
import type { Schema } from '../read/Schema.js';

/**
 * A release policy: what an analyst releases, to whom, why, and under which rules. Written as YAML or JSON
 * (`loadPolicy`), validated against the JSON Schema shipped as `prikk/policy.schema.json`, then by the meaning
 * checks (`checkPolicy`: a measure that is not in the schema, a sum published without a magnitude rule, …).
 *
 * Relative paths (hierarchy files, p-tables, the ledger) are relative to the policy file's folder.
 *
 * @example
 * // policy.yaml
 * // prikk: 1
 * // dataset: hip-fracture-2025
 * // recipient: Acme Pharma AS
 * // purpose: Feasibility of a hip-fracture trial
 * // ledger: ./ledger
 * // extract: { schema: { columns: [ { name: person_id, role: person }, { name: hospital, role: dimension } ] } }
 * // tables:
 * //   - name: by_hospital
 * //     dimensions: [hospital]
 * //     method: { suppression: { rules: [ { frequency: { n: 5 } } ] } }
 */
export interface ReleasePolicy {
  /** Required. The policy format version: 1. */
  readonly prikk: 1;
  /**
   * Required. The dataset's name in the ledger (`[A-Za-z0-9._-]+`): every release from it is checked against the
   * earlier ones, and its privacy budget is a lifetime budget.
   */
  readonly dataset: string;
  /** Required. Who receives the release (organisation, and person if the agreement names one). */
  readonly recipient: string;
  /** Required. The stated purpose, as in the agreement. */
  readonly purpose: string;
  /** Defaults to none. The agreement's reference (case number), copied to the manifest and ledger. */
  readonly agreement?: string;
  /** Required. The ledger folder (relative to the policy file); the CLI's `--ledger` overrides it. */
  readonly ledger: string;
  /** Required. How to read the extract. */
  readonly extract: ExtractPolicy;
  /** Defaults to none. Named hierarchies that tables refer to by name. */
  readonly hierarchies?: Readonly<Record<string, HierarchySpec>>;
  /** Required. One or more tables. */
  readonly tables: readonly TablePolicy[];
  /** Required when a table uses `dp`: the dataset's lifetime privacy budget. */
  readonly privacyBudget?: PrivacyLossPolicy;
  /** Defaults to `{ formats: ['csv', 'json', 'xlsx', 'html'] }`. */
  readonly output?: OutputPolicy;
}

/** How the extract is read. */
export interface ExtractPolicy {
  /** Required. The columns and their roles, as `readCsv`'s schema. */
  readonly schema: Schema;
  /** Defaults to detected (`;`, `,` or tab). */
  readonly delimiter?: ';' | ',' | '\t';
  /** Defaults to `utf8`. */
  readonly encoding?: 'utf8' | 'latin1';
  /** Defaults to false. */
  readonly decimalComma?: boolean;
}

/** One table of a release. */
export interface TablePolicy {
  /** Required. File stem of the table's outputs, `[A-Za-z0-9_-]+`, unique in the policy. */
  readonly name: string;
  /** Defaults to the name. A human title for the report and the XLSX sheet. */
  readonly title?: string;
  /** Required. One to eight dimensions: a column name, or a column with a hierarchy (a name in `hierarchies` or a spec). */
  readonly dimensions: readonly (string | { readonly column: string; readonly hierarchy?: string | HierarchySpec })[];
  /** Defaults to `persons` when the schema has a person column, else `rows`. */
  readonly unit?: CountUnit;
  /** Defaults to `[]`. Measures whose sums (and means) the table may publish. */
  readonly measures?: readonly string[];
  /**
   * Defaults to the count only (`[unit]`). What each published cell shows: `persons`, `rows`, `sum:<measure>`,
   * `mean:<measure>`. Sums and means need a magnitude rule (dominance or p %) on that measure under suppression.
   */
  readonly values?: readonly string[];
  /** Defaults to none. Selects the cohort (same form as `aggregate`'s filter). */
  readonly filter?: Filter;
  /**
   * Defaults to none (every row of the cohort counts). Count each person once, in the cell of one chosen row: after
   * the filter, keep the `first` or `last` row of each person by `orderBy` (a number, year or date column of the
   * schema; ties and no `orderBy`: file order). Counts, sums and means then come from that row, and every persons
   * count is additive, so suppression can protect a persons table whose persons have rows in several cells
   * ("persons by hospital and year of their first operation": `{ keep: first, orderBy: year }`). Needs a person
   * column; not with `dp`, which bounds each person's contributions itself (`dp.bounds`). Same form as
   * `aggregate`'s `personRow`.
   */
  readonly personRow?: PersonRow;
  /** Required. Exactly one protection method. */
  readonly method: MethodPolicy;
}

/** Exactly one of the methods. */
export type MethodPolicy =
  | { readonly suppression: SuppressionMethodPolicy }
  | { readonly rounding: RoundingMethodPolicy }
  | { readonly kAnonymity: KAnonymityMethodPolicy }
  | { readonly dp: DpMethodPolicy }
  | { readonly cellKey: CellKeyMethodPolicy };

/** A primary rule: exactly one key. */
export type RulePolicy =
  | { readonly frequency: { readonly n: number; readonly zerosSensitive?: boolean; readonly minWidth?: number } }
  | { readonly dominance: { readonly measure: string; readonly n: number; readonly k: number } }
  | { readonly pPercent: { readonly measure: string; readonly p: number; readonly q?: number } };

/**
 * Cell suppression. Tables of a release whose suppression settings are equal are protected together (linked
 * tables); the audit then runs on every suppressed table of the release and of earlier releases of the dataset.
 */
export interface SuppressionMethodPolicy {
  /** Required. At least one rule. */
  readonly rules: readonly RulePolicy[];
  /** Defaults to `fast`. */
  readonly secondary?: 'fast' | 'optimal';
  /** Defaults to `cells`. */
  readonly cost?: 'cells' | 'value';
  /** Defaults to true. */
  readonly singletons?: boolean;
  /**
   * Optimal method only. Defaults to 60. Seconds for the optimal search; when they run out, the best protecting
   * pattern found (at worst the fast method's) is released, and the manifest says it is not proven optimal.
   */
  readonly optimalTimeLimit?: number;
}

/**
 * Where a registry secret is: an environment variable or a file (relative to the policy file). The secret itself never
 * appears in a policy (a policy is copied to the manifest and the ledger).
 */
export type SecretPolicy = { readonly env: string } | { readonly file: string };

/** Rounding of counts. `nhs`: low..high shown as the symbol, others to base; `base`: conventional; `random`: unbiased random. */
export interface RoundingMethodPolicy {
  /** Required. */
  readonly rule: 'nhs' | 'base' | 'random';
  /** Defaults to 5. */
  readonly base?: number;
  /** NHS rule only. Defaults to 1. */
  readonly low?: number;
  /** NHS rule only. Defaults to 7. */
  readonly high?: number;
  /**
   * Random rule only. Defaults to `keyed`. Where each cell's draw comes from. `keyed`: from the cell's key (its
   * persons' record keys, HMACs of their ids under the registry secret, summed mod 1, as the cell key method), so the
   * same persons are rounded the same way in every table and every release and asking again, or differently, gains
   * nothing. `fresh`: a new draw at every release; weaker, as a count released in several differently written requests
   * can be averaged back.
   */
  readonly draws?: 'keyed' | 'fresh';
  /** Random rule with keyed draws only. Defaults to `{ env: 'PRIKK_CELL_KEY_SECRET' }`. Where the registry secret is. */
  readonly secret?: SecretPolicy;
}

/** k-anonymity (and optionally l-diversity / t-closeness) of the table's dimensions as quasi-identifiers. */
export interface KAnonymityMethodPolicy {
  /** Required. */
  readonly k: number;
  /** Defaults to 0. Share of records that may be suppressed (0..1). */
  readonly suppressionLimit?: number;
  /** Defaults to none. A sensitive attribute column for l-diversity / t-closeness. */
  readonly sensitive?: string;
  /** Defaults to none. */
  readonly lDiversity?: { readonly kind: 'distinct' | 'entropy' | 'recursive'; readonly l: number; readonly c?: number };
  /** Defaults to none. */
  readonly tCloseness?: { readonly kind: 'equal' | 'hierarchical'; readonly t: number };
  /** Defaults to `loss` (ARX's default). */
  readonly metric?: 'loss' | 'discernibility' | 'height' | 'averageClassSize';
  /** Defaults to false. Also write the anonymised records (`<name>.records.csv`). */
  readonly records?: boolean;
}

/** A privacy loss as written in a policy: exactly one of `epsilon` (pure ε-DP) or `rho` (ρ-zCDP). Decimal text or numbers. */
export type PrivacyLossPolicy = { readonly epsilon: number | string } | { readonly rho: number | string };

/** Differential privacy over public keys (every hierarchy leaf is released, empty ones too). */
export interface DpMethodPolicy {
  /** Required. The table's privacy loss, charged to the dataset's lifetime budget. */
  readonly privacy: PrivacyLossPolicy;
  /** Required. What the cells release. */
  readonly statistic: 'persons' | 'rows' | 'sum' | 'mean';
  /** Required for `sum` and `mean`. */
  readonly measure?: string;
  /** Required for `sum` and `mean`: the clamping bounds. */
  readonly clamp?: { readonly lower: number; readonly upper: number };
  /** Defaults to 1. Resolution of sums in fixed point. */
  readonly resolution?: number;
  /** Required. Contribution bounds. */
  readonly bounds: { readonly maxPartitionsPerPerson: number; readonly maxRowsPerPartition: number };
  /** Defaults to `allLevels`. */
  readonly margins?: 'allLevels' | 'finestOnly';
  /** Defaults to true. */
  readonly postProcess?: boolean;
  /** Defaults to 0.95. */
  readonly confidence?: number;
}

/** The cell key method. The registry secret never appears in a policy: it is named by an environment variable or a file. */
export interface CellKeyMethodPolicy {
  /** Required. Generated from parameters, or a tau-ARGUS / ptable-package file. */
  readonly ptable: { readonly D: number; readonly V: number; readonly js?: number; readonly pstay?: number } | { readonly file: string };
  /** Defaults to `{ env: 'PRIKK_CELL_KEY_SECRET' }`. Where the registry secret (at least 32 bytes) is. */
  readonly secret?: SecretPolicy;
  /** Defaults to `mod1`. */
  readonly keys?: 'mod1' | 'mod256';
  /** Required when the table publishes sums. */
  readonly magnitudes?: {
    readonly ptable: { readonly D: number; readonly V: number; readonly js?: number } | { readonly file: string };
    /** Defaults to 0.05. The noise's scale relative to the contributions it scales with (the cellKey package's p). */
    readonly p?: number;
    /** Defaults to `[1]`. Weights of the largest contributions (the cellKey package's epsilon). */
    readonly epsilon?: readonly number[];
  };
}

/** Output formats and how values look. */
export interface OutputPolicy {
  /** Defaults to all four. */
  readonly formats?: readonly ('csv' | 'json' | 'xlsx' | 'html')[];
  /** Defaults to `;` (Excel in Nordic locales). */
  readonly csvDelimiter?: ';' | ',' | '\t';
  /** Defaults to `,` when the delimiter is `;`, else `.`. */
  readonly decimalMark?: '.' | ',';
  /** Defaults to 1. Decimals shown for means and noisy values that are not whole numbers. */
  readonly decimals?: number;
  /** Defaults to `{ primary: '..', secondary: '..', small: '*' }`. What a hidden cell shows, per status. */
  readonly symbols?: Readonly<Partial<Record<'primary' | 'secondary' | 'small', string>>>;
  /**
   * Defaults to `withhold` when a table uses dp, else `show`. Whether the recipient's manifest and report show the
   * exact counts of input rows used and excluded by reason (the ledger's stored copy keeps them either way). Exact
   * counts are not covered by differential privacy, so a release with dp tables withholds them unless asked by name.
   */
  readonly reconciliation?: 'show' | 'withhold';
}
