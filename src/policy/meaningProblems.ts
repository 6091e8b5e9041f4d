import type { Filter } from '../aggregate/Filter.js';
import { PrikkError } from '../errors/PrikkError.js';
import { createPTable } from '../protect/cellkey/createPTable.js';
import type { HierarchySpec } from '../hierarchy/HierarchySpec.js';
import { add, compare, describeRational, type Rational, ZERO } from '../protect/dp/rational/Rational.js';
import { toRational } from '../protect/dp/rational/toRational.js';
import { resolveSchema } from '../read/resolveSchema.js';
import type { ColumnSpec, ColumnType } from '../read/Schema.js';
import { closestName } from './closestName.js';
import type { PolicyPath } from './PolicyPath.js';
import type { PolicyProblem } from './PolicyProblem.js';
import type { PrivacyLossPolicy, ReleasePolicy, SecretPolicy } from './ReleasePolicy.js';

type Path = (string | number)[];

/** What a value key of a table asks for. */
type ValueKey = { kind: 'persons' | 'rows' } | { kind: 'sum' | 'mean'; measure: string };

function parseValue(value: string): ValueKey {
  if (value === 'persons' || value === 'rows') return { kind: value };
  const colon = value.indexOf(':');
  return { kind: value.slice(0, colon) as 'sum' | 'mean', measure: value.slice(colon + 1) };
}

function typeOf(c: ColumnSpec): ColumnType {
  return c.type ?? (c.role === 'measure' ? 'decimal' : 'code');
}

function lossKind(loss: PrivacyLossPolicy): 'epsilon' | 'rho' {
  return 'epsilon' in loss ? 'epsilon' : 'rho';
}

function lossValue(loss: PrivacyLossPolicy): number | string {
  return 'epsilon' in loss ? loss.epsilon : loss.rho;
}

const quote = (s: string): string => `'${s}'`;

/** `an integer`, `a decimal`, … */
const aType = (t: ColumnType): string => (t === 'integer' ? 'an integer' : `a ${t}`);

/**
 * True for text that looks like a secret value rather than a name: long hex, or long base64-like text that mixes
 * lower case, upper case and digits (an environment variable's name is `UPPER_CASE` by convention).
 */
function looksLikeSecret(text: string, allowPath: boolean): boolean {
  if (allowPath && /[./\\]/.test(text)) return false;
  if (/^[0-9a-fA-F]{32,}$/.test(text)) return true;
  return text.length >= (allowPath ? 32 : 20) && /^[A-Za-z0-9+/=_-]+$/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /[0-9]/.test(text);
}

/** A secret's place must be a name (an environment variable or a file), never a value pasted into the policy. */
function secretProblems(secret: SecretPolicy | undefined, path: Path, problem: (path: Path, says: string) => void): void {
  if (secret !== undefined && 'env' in secret && looksLikeSecret(secret.env, false)) {
    problem([...path, 'env'], 'this looks like a secret value, not the name of an environment variable: a policy is copied to the manifest and the ledger, so it must never hold the secret; put the secret in an environment variable and name the variable here');
  }
  if (secret !== undefined && 'file' in secret && looksLikeSecret(secret.file, true)) {
    problem([...path, 'file'], 'this looks like a secret value, not a file name: a policy is copied to the manifest and the ledger, so it must never hold the secret; put the secret in a file and name the file here');
  }
}

/**
 * The meaning checks of a release policy that a JSON Schema cannot express, on a policy that already matches
 * {@link POLICY_JSON_SCHEMA}: names that must refer to columns, hierarchies and measures that exist; protection
 * that covers what is published; DP budgets of the same kind; no secret written into the policy. Every problem
 * names its key. The list of checks is in `checkPolicy`'s documentation.
 *
 * Cost: O(size of the policy + columns × tables); one `resolveSchema` of the extract's schema.
 *
 * @throws nothing; every problem is returned.
 * @example
 * meaningProblems(policyWithTableOn('nosuch'))[0]
 * // { path: ['tables', 0, 'dimensions', 0], message: "'nosuch' is not a column of extract.schema (dimension columns: hospital, year)" }
 */
export function meaningProblems(policy: ReleasePolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const problem = (path: PolicyPath, message: string): void => {
    out.push({ path, message });
  };

  // The extract's schema.
  const columns = policy.extract.schema.columns;
  const byName = new Map<string, ColumnSpec>();
  const firstIndex = new Map<string, number>();
  let schemaOk = true;
  columns.forEach((c, i) => {
    const first = firstIndex.get(c.name);
    if (first !== undefined) {
      problem(['extract', 'schema', 'columns', i, 'name'], `the column ${quote(c.name)} is defined twice (columns[${first}] is the first)`);
      schemaOk = false;
    } else {
      firstIndex.set(c.name, i);
      byName.set(c.name, c);
    }
  });
  const personIndexes = columns.flatMap((c, i) => (c.role === 'person' ? [i] : []));
  for (const i of personIndexes.slice(1)) {
    const first = columns[personIndexes[0]!]!.name;
    problem(['extract', 'schema', 'columns', i, 'role'], `a schema has at most one person column, and ${quote(first)} (columns[${personIndexes[0]}]) is one already`);
    schemaOk = false;
  }
  if (schemaOk) {
    try {
      resolveSchema(policy.extract.schema, 'policy');
    } catch (error) {
      if (!(error instanceof PrikkError)) throw error;
      const m = /schema\.columns\[(\d+)\](?: \('(?:[^']|\\')*'\))?(?:\.([A-Za-z]+))?:? ?/.exec(error.message);
      if (m) problem(['extract', 'schema', 'columns', Number(m[1]), ...(m[2] ? [m[2]] : [])], error.message.slice(m.index + m[0].length));
      else problem(['extract', 'schema'], error.message.replace(/^policy: schema /, ''));
    }
  }
  const hasPerson = personIndexes.length > 0;
  const namesWithRole = (role: ColumnSpec['role']): string =>
    columns
      .filter((c) => c.role === role)
      .map((c) => c.name)
      .join(', ') || 'none';
  const unknownColumn = (name: string, role?: ColumnSpec['role']): string => {
    const near = closestName(name, byName.keys());
    const listed = role === undefined ? `columns: ${[...byName.keys()].join(', ')}` : `${role} columns: ${namesWithRole(role)}`;
    return `${quote(name)} is not a column of extract.schema (${listed})${near ? `; did you mean ${quote(near)}?` : ''}`;
  };

  // Named hierarchies.
  const hierarchies = policy.hierarchies ?? {};
  for (const [name, spec] of Object.entries(hierarchies)) specProblems(spec, ['hierarchies', name], problem);

  // Tables.
  const tableIndex = new Map<string, number>();
  const dpLosses: { path: Path; loss: PrivacyLossPolicy }[] = [];
  policy.tables.forEach((t, i) => {
    const at: Path = ['tables', i];
    const first = tableIndex.get(t.name);
    if (first !== undefined) problem([...at, 'name'], `the table name ${quote(t.name)} is used twice (tables[${first}] is the first); names are file stems and must be unique`);
    else tableIndex.set(t.name, i);

    // Measures.
    const measures = t.measures ?? [];
    measures.forEach((m, j) => {
      const c = byName.get(m);
      if (c === undefined) problem([...at, 'measures', j], unknownColumn(m, 'measure'));
      else if (c.role !== 'measure') problem([...at, 'measures', j], `${quote(m)} is a ${c.role} column; only measure columns can be summed`);
    });
    const measureSet = new Set(measures);
    const needMeasure = (path: Path, m: string, what: string): void => {
      if (!measureSet.has(m)) {
        const near = closestName(m, measures);
        const hint = near !== undefined ? `did you mean ${quote(near)}? Or add it` : 'add it';
        problem(path, `${quote(m)} is not one of this table's measures (${measures.join(', ') || 'none'}); ${what} reads it: ${hint} to tables[${i}].measures`);
      }
    };

    // Dimensions.
    const dimensionColumns = new Set<string>();
    t.dimensions.forEach((d, j) => {
      const path: Path = [...at, 'dimensions', j];
      const column = typeof d === 'string' ? d : d.column;
      const columnPath = typeof d === 'string' ? path : [...path, 'column'];
      if (dimensionColumns.has(column)) problem(columnPath, `the column ${quote(column)} is a dimension of this table twice`);
      dimensionColumns.add(column);
      const c = byName.get(column);
      if (c === undefined) problem(columnPath, unknownColumn(column, 'dimension'));
      else if (c.role !== 'dimension') problem(columnPath, `${quote(column)} is a ${c.role} column; a table is grouped by dimension columns only`);
      if (typeof d === 'string' || d.hierarchy === undefined) return;
      let spec: HierarchySpec | undefined;
      if (typeof d.hierarchy === 'string') {
        spec = hierarchies[d.hierarchy];
        if (spec === undefined || !Object.hasOwn(hierarchies, d.hierarchy)) {
          const names = Object.keys(hierarchies);
          const near = closestName(d.hierarchy, names);
          problem([...path, 'hierarchy'], `no hierarchy named ${quote(d.hierarchy)} in hierarchies (${names.join(', ') || 'there are none'})${near ? `; did you mean ${quote(near)}?` : ''}`);
          spec = undefined;
        }
      } else {
        spec = d.hierarchy;
        specProblems(spec, [...path, 'hierarchy'], problem);
      }
      if (spec !== undefined && c !== undefined && c.role === 'dimension') {
        const numeric = typeOf(c) !== 'code';
        if (spec.type === 'intervals' && !numeric) problem([...path, 'hierarchy'], `an intervals hierarchy needs a number column, and ${quote(column)} is a code column`);
        if (spec.type !== 'intervals' && numeric) problem([...path, 'hierarchy'], `a ${spec.type} hierarchy groups codes, and ${quote(column)} is ${aType(typeOf(c))} column; use an intervals hierarchy`);
      }
    });

    // Unit and values.
    if (t.unit === 'persons' && !hasPerson) problem([...at, 'unit'], 'counting persons needs a person column (role: person) in extract.schema; count rows instead');
    const values = (t.values ?? []).map(parseValue);
    const magnitudes: { measure: string; index: number; text: string }[] = [];
    values.forEach((v, j) => {
      const path: Path = [...at, 'values', j];
      if (v.kind === 'persons' && !hasPerson) problem(path, "'persons' needs a person column (role: person) in extract.schema");
      if (v.kind === 'sum' || v.kind === 'mean') {
        needMeasure(path, v.measure, `'${v.kind}:${v.measure}'`);
        magnitudes.push({ measure: v.measure, index: j, text: `${v.kind}:${v.measure}` });
      }
    });

    if (t.filter !== undefined) filterProblems(t.filter, [...at, 'filter'], byName, problem);
    if (t.personRow !== undefined) {
      const path: Path = [...at, 'personRow'];
      if (!hasPerson) problem(path, 'counting each person once needs a person column (role: person) in extract.schema');
      if ('dp' in t.method) {
        problem(
          path,
          "differential privacy bounds each person's contributions itself (dp.bounds, choosing rows at random), so a dp table takes no personRow; leave it out (maxPartitionsPerPerson: 1 counts each person in one cell)",
        );
      }
      const orderBy = t.personRow.orderBy;
      if (orderBy !== undefined) {
        const c = byName.get(orderBy);
        const at2: Path = [...path, 'orderBy'];
        if (c === undefined) problem(at2, unknownColumn(orderBy));
        else if (c.role === 'ignore') problem(at2, `${quote(orderBy)} is an ignore column, which is not read; give it the role attribute to order rows by it`);
        else if (c.role === 'person') problem(at2, `${quote(orderBy)} is the person column; rows are ordered by a number, year or date column`);
        else if (typeOf(c) === 'code') problem(at2, `${quote(orderBy)} is a code column; rows are ordered by a number column (integer, decimal, year or date)`);
      }
    }

    const method = t.method;
    if ('suppression' in method) {
      const rules = method.suppression.rules;
      const covered = new Set<string>();
      rules.forEach((r, k) => {
        const rulePath: Path = [...at, 'method', 'suppression', 'rules', k];
        if ('dominance' in r) {
          needMeasure([...rulePath, 'dominance', 'measure'], r.dominance.measure, 'the dominance rule');
          covered.add(r.dominance.measure);
        } else if ('pPercent' in r) {
          needMeasure([...rulePath, 'pPercent', 'measure'], r.pPercent.measure, 'the p % rule');
          covered.add(r.pPercent.measure);
          const q = r.pPercent.q ?? 100;
          if (!(r.pPercent.p < q)) problem([...rulePath, 'pPercent', 'p'], `expected p < q (q = ${q}), found p = ${r.pPercent.p}`);
        }
      });
      for (const m of magnitudes) {
        if (!covered.has(m.measure)) {
          problem(
            [...at, 'values', m.index],
            `${quote(m.text)} is published under suppression without a magnitude rule on ${quote(m.measure)}: a sum can reveal a dominant ` +
              `contributor's value even when every count is safe; add a dominance or pPercent rule on ${quote(m.measure)} to ` +
              `method.suppression.rules (e.g. { dominance: { measure: ${m.measure}, n: 1, k: 85 } }) or drop the value`,
          );
        }
      }
    } else if ('rounding' in method) {
      const r = method.rounding;
      const path: Path = [...at, 'method', 'rounding'];
      if (r.rule !== 'random') {
        if (r.draws !== undefined) problem([...path, 'draws'], `draws is for the random rule only, and the rule is ${quote(r.rule)}`);
        if (r.secret !== undefined) problem([...path, 'secret'], `secret is for the random rule only, and the rule is ${quote(r.rule)}`);
      } else if ((r.draws ?? 'keyed') === 'keyed') {
        if (!hasPerson) {
          problem(path, "keyed random rounding draws from the persons' record keys: extract.schema needs a person column (role: person), or ask for draws: fresh by name (weaker: requests can be averaged)");
        }
        secretProblems(r.secret, [...path, 'secret'], problem);
      } else if (r.secret !== undefined) {
        problem([...path, 'secret'], 'fresh draws use no secret; leave secret out, or use draws: keyed');
      }
      if (r.rule !== 'nhs') {
        if (r.low !== undefined) problem([...path, 'low'], `low is for the nhs rule only, and the rule is ${quote(r.rule)}`);
        if (r.high !== undefined) problem([...path, 'high'], `high is for the nhs rule only, and the rule is ${quote(r.rule)}`);
      } else {
        const low = r.low ?? 1;
        const high = r.high ?? 7;
        if (low > high) problem([...path, r.high !== undefined ? 'high' : 'low'], `expected low <= high, found low = ${low}, high = ${high}`);
      }
      for (const m of magnitudes) problem([...at, 'values', m.index], `rounding protects counts only, so ${quote(m.text)} would be published unprotected; use suppression with a magnitude rule, or cellKey with magnitudes`);
    } else if ('kAnonymity' in method) {
      const k = method.kAnonymity;
      const path: Path = [...at, 'method', 'kAnonymity'];
      for (const [model, label] of [
        ['lDiversity', 'l-diversity'],
        ['tCloseness', 't-closeness'],
      ] as const) {
        if (k[model] !== undefined && k.sensitive === undefined) problem([...path, 'sensitive'], `missing: ${model} needs the sensitive attribute whose ${label} is required (a column of extract.schema)`);
      }
      if (k.sensitive !== undefined) {
        const c = byName.get(k.sensitive);
        if (c === undefined) problem([...path, 'sensitive'], unknownColumn(k.sensitive));
        else if (c.role === 'ignore') problem([...path, 'sensitive'], `${quote(k.sensitive)} is an ignore column, which is not read`);
        else if (c.role === 'person') problem([...path, 'sensitive'], `${quote(k.sensitive)} is the person column, not an attribute`);
        else if (dimensionColumns.has(k.sensitive)) problem([...path, 'sensitive'], `${quote(k.sensitive)} is a dimension (a quasi-identifier) of this table; the sensitive attribute must be another column`);
      }
      const l = k.lDiversity;
      if (l !== undefined) {
        if (l.kind === 'recursive' && l.c === undefined) problem([...path, 'lDiversity', 'c'], 'missing: recursive (c, l)-diversity needs c > 0');
        if (l.kind !== 'recursive' && l.c !== undefined) problem([...path, 'lDiversity', 'c'], `c is for recursive (c, l)-diversity only, and the kind is ${quote(l.kind)}`);
        if (l.kind !== 'entropy' && !Number.isInteger(l.l)) problem([...path, 'lDiversity', 'l'], `expected an integer for ${l.kind} l-diversity, found ${l.l}`);
      }
      for (const m of magnitudes) problem([...at, 'values', m.index], `k-anonymity generalises the dimensions but does not protect magnitudes, so ${quote(m.text)} would be published unprotected; use suppression with a magnitude rule, or cellKey with magnitudes`);
    } else if ('dp' in method) {
      const dp = method.dp;
      const path: Path = [...at, 'method', 'dp'];
      if (!hasPerson) problem(path, 'differential privacy protects persons: extract.schema needs a person column (role: person)');
      if (policy.privacyBudget === undefined) problem(path, "a dp table needs privacyBudget at the top of the policy: the dataset's lifetime privacy budget, of the same kind (epsilon or rho)");
      else if (lossKind(dp.privacy) !== lossKind(policy.privacyBudget)) {
        problem(
          [...path, 'privacy', lossKind(dp.privacy)],
          `this table's loss is ${lossKind(dp.privacy)} but privacyBudget is ${lossKind(policy.privacyBudget)}; write both as epsilon (pure DP) or both as rho (zCDP)`,
        );
      }
      const loss = positiveLoss(dp.privacy, [...path, 'privacy'], problem);
      if (loss !== undefined) dpLosses.push({ path: [...path, 'privacy'], loss: dp.privacy });
      const magnitude = dp.statistic === 'sum' || dp.statistic === 'mean';
      if (magnitude) {
        if (dp.measure === undefined) problem([...path, 'measure'], `missing: a dp ${dp.statistic} needs the measure it sums`);
        else needMeasure([...path, 'measure'], dp.measure, `the dp ${dp.statistic}`);
        if (dp.clamp === undefined) problem([...path, 'clamp'], `missing: a dp ${dp.statistic} needs clamp { lower, upper }, the bounds of one contribution (the noise is scaled to them)`);
        else if (!(dp.clamp.lower < dp.clamp.upper)) problem([...path, 'clamp', 'upper'], `expected lower < upper, found lower = ${dp.clamp.lower}, upper = ${dp.clamp.upper}`);
      } else {
        if (dp.measure !== undefined) problem([...path, 'measure'], `measure is for the sum and mean statistics only, and the statistic is ${quote(dp.statistic)}`);
        if (dp.clamp !== undefined) problem([...path, 'clamp'], `clamp is for the sum and mean statistics only, and the statistic is ${quote(dp.statistic)}`);
        if (dp.resolution !== undefined) problem([...path, 'resolution'], `resolution is for the sum and mean statistics only, and the statistic is ${quote(dp.statistic)}`);
      }
      const key = magnitude ? `${dp.statistic}:${dp.measure ?? '?'}` : dp.statistic;
      if (t.values !== undefined && !(t.values.length === 1 && t.values[0] === key)) {
        problem([...at, 'values'], `a dp table releases its statistic only: expected [${key}] (or leave values out), found [${t.values.join(', ')}]`);
      }
      t.dimensions.forEach((d, j) => {
        const column = typeof d === 'string' ? d : d.column;
        const c = byName.get(column);
        if (c === undefined || c.role !== 'dimension') return;
        const spec = typeof d === 'string' || d.hierarchy === undefined ? undefined : typeof d.hierarchy === 'string' ? hierarchies[d.hierarchy] : d.hierarchy;
        if (typeof d !== 'string' && typeof d.hierarchy === 'string' && spec === undefined) return;
        if (!publicKeys(c, spec)) {
          problem(
            [...at, 'dimensions', j],
            `differential privacy releases every key of a public list (empty cells too), but the keys of ${quote(column)} would come from the data; ` +
              'give the column a code list (codes) in extract.schema, or a hierarchy that lists its leaves (intervals with min and max or bands, arx, parentChild, municipality with allCodes)',
          );
        }
      });
    } else if ('cellKey' in method) {
      const ck = method.cellKey;
      const path: Path = [...at, 'method', 'cellKey'];
      if (magnitudes.length > 0 && ck.magnitudes === undefined) {
        problem([...path, 'magnitudes'], `missing: this table publishes ${magnitudes.map((m) => quote(m.text)).join(', ')}, and the cell key method perturbs sums only with magnitudes { ptable, p?, epsilon? }`);
      }
      const pt = ck.ptable;
      if ('D' in pt) {
        try {
          createPTable({ D: pt.D, V: pt.V, ...(pt.js !== undefined ? { js: pt.js } : {}), ...(pt.pstay !== undefined ? { pstay: pt.pstay } : {}) });
        } catch (error) {
          if (!(error instanceof PrikkError)) throw error;
          problem([...path, 'ptable'], error.message.replace(/^createPTable: /, ''));
        }
      }
      const mp = ck.magnitudes?.ptable;
      if (mp !== undefined && 'D' in mp) {
        if (mp.js !== undefined && mp.js !== 0) problem([...path, 'magnitudes', 'ptable', 'js'], 'js applies to counts p-tables only; leave it out of the magnitudes p-table');
        else {
          try {
            // as the release builds it: rows at the classes 1 and D (the ptable package's icat = c(1, D))
            createPTable({ kind: 'magnitudes', D: mp.D, V: mp.V, icat: [...new Set([1, mp.D])] });
          } catch (error) {
            if (!(error instanceof PrikkError)) throw error;
            problem([...path, 'magnitudes', 'ptable'], error.message.replace(/^createPTable: /, ''));
          }
        }
      }
      const eps = ck.magnitudes?.epsilon;
      if (eps !== undefined) {
        if (eps[0] !== 1) problem([...path, 'magnitudes', 'epsilon', 0], `expected the first weight to be 1, found ${eps[0]}`);
        eps.forEach((e, j) => {
          if (j > 0 && e > eps[j - 1]!) problem([...path, 'magnitudes', 'epsilon', j], `expected weights in descending order, found ${e} after ${eps[j - 1]}`);
        });
      }
      secretProblems(ck.secret, [...path, 'secret'], problem);
    }
  });

  // The dataset's budget: positive, and not spent by this policy alone.
  if (policy.privacyBudget !== undefined) {
    const budget = positiveLoss(policy.privacyBudget, ['privacyBudget'], problem);
    const kind = lossKind(policy.privacyBudget);
    const same = dpLosses.filter((d) => lossKind(d.loss) === kind);
    if (budget !== undefined && same.length > 0) {
      let total: Rational = ZERO;
      for (const d of same) total = add(total, toRational(lossValue(d.loss), 'privacy'));
      if (compare(total, budget) > 0) {
        problem(
          ['privacyBudget', kind],
          `the dp tables of this policy spend ${kind} = ${describeRational(total)} together, more than the dataset's lifetime budget ${kind} = ${describeRational(budget)}`,
        );
      }
    }
  }
  return out;
}

/** The loss as an exact rational when it is a valid positive number, else reports why and returns undefined. */
function positiveLoss(loss: PrivacyLossPolicy, path: Path, problem: (path: PolicyPath, message: string) => void): Rational | undefined {
  const kind = lossKind(loss);
  try {
    const r = toRational(lossValue(loss), kind);
    if (compare(r, ZERO) <= 0) {
      problem([...path, kind], `expected ${kind} > 0, found ${String(lossValue(loss))}`);
      return undefined;
    }
    return r;
  } catch (error) {
    if (!(error instanceof PrikkError)) throw error;
    problem([...path, kind], error.message.replace(/^[a-z]+: /, ''));
    return undefined;
  }
}

/** True when a dimension's keys come from a public list, not from the data. */
function publicKeys(c: ColumnSpec, spec: HierarchySpec | undefined): boolean {
  const listed = c.codes !== undefined && c.codes.length > 0;
  if (spec === undefined) return listed;
  switch (spec.type) {
    case 'arx':
    case 'parentChild':
      return true;
    case 'intervals':
      return spec.bands !== undefined || (spec.min !== undefined && spec.max !== undefined);
    case 'municipality':
      return spec.allCodes === true || listed;
    default:
      return listed;
  }
}

/** Checks of a hierarchy spec beyond its shape. */
function specProblems(spec: HierarchySpec, path: Path, problem: (path: PolicyPath, message: string) => void): void {
  if (spec.type !== 'intervals') return;
  const hasBands = spec.bands !== undefined;
  const hasWidth = spec.width !== undefined;
  if (hasBands === hasWidth) {
    problem(path, hasBands ? 'an intervals hierarchy takes bands or width, not both' : 'an intervals hierarchy needs bands, or width (with min and max)');
  }
  if (hasBands) {
    for (const key of ['min', 'max', 'openTop', 'anchor'] as const) {
      if (spec[key] !== undefined) problem([...path, key], `${key} is for generated bands (width) only`);
    }
  }
  if (spec.min !== undefined && spec.max !== undefined && !(spec.min < spec.max)) problem([...path, 'max'], `expected min < max, found min = ${spec.min}, max = ${spec.max}`);
}

/** Checks that every column a filter names is read, and that ranges and prefixes fit the column's type. */
function filterProblems(filter: Filter, path: Path, byName: ReadonlyMap<string, ColumnSpec>, problem: (path: PolicyPath, message: string) => void): void {
  if ('and' in filter) filter.and.forEach((f, i) => filterProblems(f, [...path, 'and', i], byName, problem));
  else if ('or' in filter) filter.or.forEach((f, i) => filterProblems(f, [...path, 'or', i], byName, problem));
  else if ('not' in filter) filterProblems(filter.not, [...path, 'not'], byName, problem);
  else {
    const c = byName.get(filter.column);
    const at = [...path, 'column'];
    if (c === undefined) {
      const near = closestName(filter.column, byName.keys());
      problem(at, `${quote(filter.column)} is not a column of extract.schema${near ? `; did you mean ${quote(near)}?` : ''}`);
    } else if (c.role === 'ignore') problem(at, `${quote(filter.column)} is an ignore column, which is not read; give it the role attribute to filter on it`);
    else if (c.role === 'person') problem(at, `${quote(filter.column)} is the person column; a filter on person ids would single persons out`);
    else if ('range' in filter && typeOf(c) === 'code') problem(at, `a range needs a number column (integer, decimal, year or date), and ${quote(filter.column)} is a code column`);
    else if ('prefix' in filter && typeOf(c) !== 'code') problem(at, `a prefix needs a code column, and ${quote(filter.column)} is ${aType(typeOf(c))} column`);
  }
}
