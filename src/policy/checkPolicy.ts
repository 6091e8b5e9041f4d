import { policyError } from './PolicyProblem.js';
import { policyProblems } from './policyProblems.js';
import type { ReleasePolicy } from './ReleasePolicy.js';

/**
 * Checks a release policy, all at once, and throws one error that lists every problem with its key path (and line,
 * when `locate` knows it). A policy built in code gets the same checks as one read from a file: first its shape
 * against `POLICY_JSON_SCHEMA` (so plain JavaScript callers get messages, not a `TypeError`), then the meaning checks
 * that a JSON Schema cannot express:
 *
 * - the extract's schema: column names unique, at most one `person` column, and `resolveSchema`'s checks (a measure
 *   is numeric, `codes` only on code columns, `min <= max`, …);
 * - tables: names unique; every dimension a `dimension` column, at most once; a hierarchy named by text exists in
 *   `hierarchies`; an `intervals` hierarchy on a number column, the others on code columns (`intervals`: `bands` or
 *   `width`, `min < max`); `measures` are `measure` columns; `values` are `persons` (needs a person column), `rows`,
 *   `sum:<m>` / `mean:<m>` with m in the table's `measures`; `unit: persons` needs a person column; a filter names
 *   columns that are read (not the person column), ranges on number columns, prefixes on code columns;
 *   `personRow` needs a person column, and its `orderBy` is a read number column (integer, decimal, year or date);
 * - suppression: a published sum or mean of m needs a dominance or pPercent rule on m (Hundepool et al. 2012,
 *   §4.2: a count rule does not protect a dominant contributor's value); a rule's measure is in the table's
 *   measures; p < q;
 * - rounding: `low <= high`, `low`/`high` for the nhs rule only; no sums or means (rounding protects counts);
 * - kAnonymity: `lDiversity` / `tCloseness` need `sensitive`, a read column that is not a dimension of the table or
 *   the person column; recursive l-diversity needs c; no sums or means (k-anonymity does not protect magnitudes);
 * - dp: a person column (the privacy unit); no `personRow` (DP bounds each person's contributions itself); `privacyBudget` at the top, of the same kind (epsilon or rho) as every
 *   table's loss, positive, and not spent by this policy's tables alone (sequential composition); `sum` / `mean` need
 *   `measure` (in the table's measures) and `clamp` with lower < upper, `persons` / `rows` take neither; `values` (if
 *   given) is the statistic; every dimension's keys come from a public list (a code list, or a hierarchy that lists
 *   its leaves), since a DP table must not publish the set of keys found in the data;
 * - cellKey: a p-table given by parameters exists (`createPTable` finds a noise distribution for every row; a
 *   magnitudes p-table as the release builds it, rows at 1 and D, without js); a table with sums or means needs `magnitudes` (weights descending from 1; no `js` in a magnitudes
 *   p-table);
 * - no secret in the policy: the schema only allows `secret: { env }` or `{ file }`, and a variable or file name that
 *   looks like a secret value (long hex, or long mixed-case base64-like text) is refused.
 *
 * Cost: O(size of the policy + columns × tables); the JSON Schema is compiled once per process, on first use.
 *
 * @param locate The line of a key path, e.g. `parsePolicyText`'s; defaults to none (messages without lines).
 * @throws {PrikkError} `INVALID_POLICY` listing every problem (up to 20) as `line <n>: <key path>: <message>`; its
 * location's line is the first problem's.
 * @example
 * checkPolicy({ ...policy, tables: [{ ...table, dimensions: ['cost'] }] })
 * // throws "invalid policy (1 problem):\n  tables[0].dimensions[0]: 'cost' is a measure column; a table is grouped by dimension columns only"
 */
export function checkPolicy(policy: ReleasePolicy, locate?: (path: string) => number | undefined): void {
  const problems = policyProblems(policy);
  if (problems.length > 0) throw policyError(problems, { locate });
}
