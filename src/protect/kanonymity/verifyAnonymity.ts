import { PrikkError } from '../../errors/PrikkError.js';
import { ClassJudge, type SensitiveContext } from './models/ClassJudge.js';
import { checkModels } from './models/checkModels.js';
import { describeModel } from './models/describeModel.js';
import type { PrivacyModel } from './models/PrivacyModel.js';
import { AnonymisedRecords } from './output/AnonymisedRecords.js';

/** Records to verify, as labels: any output, from `anonymise` or from elsewhere (ARX, a hand-made file). */
export interface RecordsToVerify {
  /** Required. The generalised quasi-identifier labels, one array per column, all with one entry per row. */
  readonly quasiIdentifiers: Readonly<Record<string, readonly string[]>>;
  /** The sensitive attribute, one label per row. Required when a model reads it. */
  readonly sensitive?: readonly string[];
  /**
   * Which rows are suppressed (1/true). Defaults to: a row whose every quasi-identifier equals `suppressedLabel`
   * (which cannot tell suppression from generalisation to the roots: give it when the roots are labelled `*`).
   */
  readonly suppressed?: ArrayLike<number | boolean>;
  /** The person of each row (any ids); a person's rows count once. Defaults to every row being its own person. */
  readonly person?: ArrayLike<number | string>;
}

/** Options of {@link verifyAnonymity}. */
export interface VerifyOptions {
  /** Required. The privacy models every kept class must satisfy. */
  readonly models: readonly PrivacyModel[];
  /** Largest fraction of records that may be suppressed. Defaults to 0. */
  readonly suppressionLimit?: number;
  /** The label of a suppressed value. Defaults to `*`. */
  readonly suppressedLabel?: string;
}

/** One model's violations. */
export interface ModelViolation {
  readonly model: string;
  /** Kept classes that violate it. */
  readonly classes: number;
  /** Records in those classes. */
  readonly records: number;
}

/** What {@link verifyAnonymity} found. */
export interface VerificationReport {
  /** True when every kept class satisfies every model, the suppressed records fit the limit, and the input is consistent. */
  readonly passed: boolean;
  /** Records (persons, or rows). */
  readonly records: number;
  readonly suppressedRecords: number;
  /** floor(suppressionLimit × records). */
  readonly allowedSuppressed: number;
  /** Kept equivalence classes. */
  readonly classes: number;
  /** Records in the smallest kept class (0 when none is kept). */
  readonly smallestClass: number;
  readonly violations: readonly ModelViolation[];
  /** Everything that failed, in words (no labels of classes, no person ids). */
  readonly problems: readonly string[];
}

/**
 * Checks released records against privacy models, independently of how they were made: groups the kept records
 * into equivalence classes by their quasi-identifier labels (plain string keys, one record per person), judges each
 * class against every model (the same definitions as `anonymise`, ARX's; t-closeness against the distribution of
 * the sensitive attribute over all records, suppressed ones included, as ARX), and checks that the suppressed
 * records number at most floor(suppressionLimit × records). It also reports persons whose rows disagree.
 *
 * Cost O(rows × quasi-identifiers) plus the model tests.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options or columns of different lengths, or a missing sensitive
 * column when a model reads it; `INVALID_VALUE` when a sensitive value is not a leaf of a t-closeness hierarchy.
 * @example
 * const report = verifyAnonymity(result.records, { models: [kAnonymity(5)], suppressionLimit: 0.05 });
 * report.passed        // true
 * report.smallestClass // >= 5
 * verifyAnonymity({ quasiIdentifiers: { age: ['20-29', '20-29', '30-39'] } }, { models: [kAnonymity(2)] }).violations
 * // [{ model: '2-anonymity', classes: 1, records: 1 }]
 */
export function verifyAnonymity(records: AnonymisedRecords | RecordsToVerify, options: VerifyOptions): VerificationReport {
  const fn = 'verifyAnonymity';
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${fn}: options must be an object`);
  const models = checkModels(fn, options.models);
  const limit = options.suppressionLimit ?? 0;
  if (typeof limit !== 'number' || !(limit >= 0 && limit <= 1)) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.suppressionLimit must be a number in [0, 1], got ${String(limit)}`);
  }
  const suppressedLabel = options.suppressedLabel ?? '*';
  const input = records instanceof AnonymisedRecords ? fromAnonymised(records) : records;
  if (typeof input !== 'object' || input === null || typeof input.quasiIdentifiers !== 'object' || input.quasiIdentifiers === null) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: records must be AnonymisedRecords or { quasiIdentifiers: { column: labels[] }, ... }`);
  }
  const columns = Object.entries(input.quasiIdentifiers);
  if (columns.length === 0) throw new PrikkError('INVALID_ARGUMENT', `${fn}: records.quasiIdentifiers must have at least one column`);
  const rows = columns[0]![1].length;
  const sameLength = (what: string, a: ArrayLike<unknown> | undefined): void => {
    if (a !== undefined && a.length !== rows) {
      throw new PrikkError('INVALID_ARGUMENT', `${fn}: ${what} has ${a.length} entries, expected ${rows} (one per row, as '${columns[0]![0]}')`);
    }
  };
  for (const [name, labels] of columns) sameLength(`quasi-identifier '${name}'`, labels);
  sameLength('sensitive', input.sensitive);
  sameLength('suppressed', input.suppressed);
  sameLength('person', input.person);
  const needsSensitive = models.find((m) => m.kind !== 'k-anonymity');
  if (needsSensitive && !input.sensitive) throw new PrikkError('INVALID_ARGUMENT', `${fn}: the model '${needsSensitive.kind}' needs records.sensitive`);

  // One record per person: the first row of each person stands for it; later rows must agree.
  const problems: string[] = [];
  const recordRows: number[] = [];
  const keyOfRow = (r: number): string => columns.map(([, labels]) => labels[r]!).join('\u0000');
  const isSuppressed = (r: number): boolean =>
    input.suppressed ? Boolean(input.suppressed[r]) : columns.every(([, labels]) => labels[r] === suppressedLabel);
  if (input.person) {
    const first = new Map<number | string, number>();
    let disagreeing = 0;
    for (let r = 0; r < rows; r++) {
      const p = input.person[r]!;
      const f = first.get(p);
      if (f === undefined) {
        first.set(p, r);
        recordRows.push(r);
      } else if (keyOfRow(f) !== keyOfRow(r) || isSuppressed(f) !== isSuppressed(r) || input.sensitive?.[f] !== input.sensitive?.[r]) {
        disagreeing++;
      }
    }
    if (disagreeing > 0) problems.push(`${disagreeing} row(s) disagree with their person's first row (a person must be one record)`);
  } else {
    for (let r = 0; r < rows; r++) recordRows.push(r);
  }

  // Sensitive codes and the overall distribution (all records, suppressed included).
  let context: SensitiveContext | undefined;
  const sensitiveCode = new Map<string, number>();
  const codeOfRecord = new Uint32Array(recordRows.length);
  if (input.sensitive) {
    const counts: number[] = [];
    recordRows.forEach((r, i) => {
      const label = input.sensitive![r]!;
      let code = sensitiveCode.get(label);
      if (code === undefined) {
        code = counts.length;
        sensitiveCode.set(label, code);
        counts.push(0);
      }
      counts[code]!++;
      codeOfRecord[i] = code;
    });
    context = { labels: [...sensitiveCode.keys()], globalCounts: Float64Array.from(counts), total: recordRows.length };
  }
  const judge = new ClassJudge(models, context);

  // Kept classes by label key, with their sensitive histograms.
  const classes = new Map<string, { size: number; histogram: Map<number, number> }>();
  let suppressed = 0;
  recordRows.forEach((r, i) => {
    if (isSuppressed(r)) {
      suppressed++;
      return;
    }
    const key = keyOfRow(r);
    let entry = classes.get(key);
    if (!entry) classes.set(key, (entry = { size: 0, histogram: new Map() }));
    entry.size++;
    if (context) entry.histogram.set(codeOfRecord[i]!, (entry.histogram.get(codeOfRecord[i]!) ?? 0) + 1);
  });
  const violations = models.map((m) => ({ model: describeModel(m), classes: 0, records: 0 }));
  let smallest = Number.POSITIVE_INFINITY;
  for (const { size, histogram } of classes.values()) {
    smallest = Math.min(smallest, size);
    const values = Uint32Array.from(histogram.keys());
    const counts = Uint32Array.from(histogram.values());
    models.forEach((_, m) => {
      if (judge.violatesModel(m, size, values, counts, 0, values.length)) {
        violations[m]!.classes++;
        violations[m]!.records += size;
      }
    });
  }
  const allowed = Math.floor(limit * recordRows.length);
  if (suppressed > allowed) problems.push(`${suppressed} records are suppressed, more than the ${allowed} allowed (floor(${limit} × ${recordRows.length}))`);
  const violated = violations.filter((v) => v.classes > 0);
  for (const v of violated) problems.push(`${v.classes} class(es) with ${v.records} record(s) violate ${v.model}`);
  return Object.freeze({
    passed: problems.length === 0,
    records: recordRows.length,
    suppressedRecords: suppressed,
    allowedSuppressed: allowed,
    classes: classes.size,
    smallestClass: classes.size === 0 ? 0 : smallest,
    violations: Object.freeze(violated.map((v) => Object.freeze(v))),
    problems: Object.freeze(problems),
  });
}

function fromAnonymised(records: AnonymisedRecords): RecordsToVerify {
  const labels = (column: { dictionary: readonly string[]; codes: Uint32Array }): string[] => Array.from(column.codes, (c) => column.dictionary[c]!);
  const quasiIdentifiers: Record<string, string[]> = {};
  for (const c of records.quasiIdentifiers) quasiIdentifiers[c.name] = labels(c);
  return {
    quasiIdentifiers,
    sensitive: records.sensitive ? labels(records.sensitive) : undefined,
    suppressed: records.suppressed,
    person: records.person,
  };
}
