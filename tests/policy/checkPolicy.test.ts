/**
 * The meaning checks (checkPolicy): one test per rule, each naming the key path and the line. Lines come from the
 * hand-counted numbers beside BASE_LINES in helpers.ts (tables[0] starts on line 19, tables[1] on 29, tables[2] on
 * 33, tables[3] on 37, tables[4] on 44).
 */
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { checkPolicy } from '../../src/policy/checkPolicy.js';
import { parsePolicy } from '../../src/policy/parsePolicy.js';
import type { ReleasePolicy } from '../../src/policy/ReleasePolicy.js';
import { errorOf, expectProblems, listedProblems, withLines } from './helpers.js';

describe('checkPolicy through parsePolicy: the schema and the names', () => {
  it('table names are unique', () => {
    expectProblems(withLines({ 29: '  - name: supp' }), [{ path: 'tables[1].name', line: 29, says: "the table name 'supp' is used twice (tables[0] is the first)" }]);
  });

  it('a dimension is a dimension column of the schema', () => {
    expectProblems(withLines({ 30: '    dimensions: [cost]' }), [{ path: 'tables[1].dimensions[0]', line: 30, says: "'cost' is a measure column; a table is grouped by dimension columns only" }]);
    expectProblems(withLines({ 30: '    dimensions: [hospitl]' }), [
      { path: 'tables[1].dimensions[0]', line: 30, says: "'hospitl' is not a column of extract.schema (dimension columns: hospital, year, age); did you mean 'hospital'?" },
    ]);
    expectProblems(withLines({ 30: '    dimensions: [hospital, hospital]' }), [{ path: 'tables[1].dimensions[1]', line: 30, says: "the column 'hospital' is a dimension of this table twice" }]);
  });

  it('a hierarchy named by text exists in hierarchies', () => {
    expectProblems(withLines({ 20: '    dimensions: [hospital, { column: year, hierarchy: yeers }]' }), [
      { path: 'tables[0].dimensions[1].hierarchy', line: 20, says: "no hierarchy named 'yeers' in hierarchies (years); did you mean 'years'?" },
    ]);
  });

  it('an intervals hierarchy needs a number column, the other kinds a code column', () => {
    expectProblems(withLines({ 30: '    dimensions: [{ column: hospital, hierarchy: years }]' }), [
      { path: 'tables[1].dimensions[0].hierarchy', line: 30, says: "an intervals hierarchy needs a number column, and 'hospital' is a code column" },
    ]);
    expectProblems(withLines({ 30: '    dimensions: [{ column: age, hierarchy: { type: flat } }]' }), [
      { path: 'tables[1].dimensions[0].hierarchy', line: 30, says: "a flat hierarchy groups codes, and 'age' is an integer column" },
    ]);
    expectProblems(withLines({ 16: '  years: { type: intervals, min: 2019, max: 2026 }' }), [
      { path: 'hierarchies.years', line: 16, says: 'an intervals hierarchy needs bands, or width (with min and max)' },
    ]);
  });

  it('measures are measure columns', () => {
    expectProblems(withLines({ 21: '    measures: [cost, age]' }), [{ path: 'tables[0].measures[1]', line: 21, says: "'age' is a dimension column; only measure columns can be summed" }]);
  });

  it('sum:<m> and mean:<m> need m among the table measures', () => {
    // also: 'sum:los' is then published under suppression without a magnitude rule on los (same line)
    const e = errorOf(withLines({ 22: "    values: [persons, 'sum:los']" }));
    const listed = listedProblems(e);
    expect(listed.filter((p) => p.path === 'tables[0].values[1]').map((p) => p.line)).toEqual([22, 22]);
    expect(e.message).toContain("tables[0].values[1]: 'los' is not one of this table's measures (cost); 'sum:los' reads it: add it to tables[0].measures");
  });

  it('persons (as a value or a unit, or in a dp table) needs a person column', () => {
    // line 9: the person column becomes an ignored column
    expectProblems(withLines({ 9: '      - { name: person_id, role: ignore }' }), [
      { path: 'tables[0].values[0]', line: 22, says: "'persons' needs a person column (role: person) in extract.schema" },
      { path: 'tables[3].method.dp', line: 40, says: 'differential privacy protects persons: extract.schema needs a person column' },
      { path: 'tables[4].values[0]', line: 47, says: "'persons' needs a person column" },
    ]);
    // line 29 holds the whole table with unit: persons; lines 30-32 become comments
    expectProblems(
      withLines({
        9: '      - { name: person_id, role: ignore }',
        22: '    values: [rows]',
        29: '  - { name: round, unit: persons, dimensions: [hospital], method: { rounding: { rule: nhs } } }',
        30: '    # (table on line 29)',
        31: '    #',
        32: '    #',
        42: '        statistic: rows',
        47: '    values: [rows]',
      }),
      [
        { path: 'tables[1].unit', line: 29, says: 'counting persons needs a person column (role: person) in extract.schema' },
        { path: 'tables[3].method.dp', line: 40, says: 'differential privacy protects persons' },
      ],
    );
  });

  it('the schema has at most one person column, and passes the reader schema checks', () => {
    expectProblems(withLines({ 12: '      - { name: age, role: person }' }), [
      { path: 'extract.schema.columns[3].role', line: 12, says: "a schema has at most one person column, and 'person_id' (columns[0]) is one already" },
      // the k-anonymity table groups by age
      { path: 'tables[2].dimensions[1].column', line: 34, says: "'age' is a person column" },
    ]);
    // line 12: age replaced by a second hospital column (the k-anonymity table then lacks age)
    expectProblems(withLines({ 12: '      - { name: hospital, role: dimension }' }), [
      { path: 'extract.schema.columns[3].name', line: 12, says: "the column 'hospital' is defined twice (columns[1] is the first)" },
      { path: 'tables[2].dimensions[1].column', line: 34, says: "'age' is not a column of extract.schema" },
    ]);
    // resolveSchema's check, mapped to its column: a measure must be numeric
    expectProblems(withLines({ 13: '      - { name: cost, role: measure, type: code }' }), [{ path: 'extract.schema.columns[4]', line: 13, says: 'a measure must be numeric' }]);
  });

  it('a filter names read columns, ranges on number columns', () => {
    expectProblems(withLines({ 23: '    filter: { column: hospital, range: { min: 1 } }' }), [
      { path: 'tables[0].filter.column', line: 23, says: "a range needs a number column (integer, decimal, year or date), and 'hospital' is a code column" },
    ]);
    expectProblems(withLines({ 23: '    filter: { not: { column: yaer, in: [2020] } }' }), [{ path: 'tables[0].filter.not.column', line: 23, says: "'yaer' is not a column of extract.schema; did you mean 'year'?" }]);
  });
});

describe('checkPolicy through parsePolicy: the methods', () => {
  it('suppression: a published sum needs a dominance or p% rule on its measure (the message says why)', () => {
    expectProblems(withLines({ 28: '          - frequency: { n: 3 }' }), [
      { path: 'tables[0].values[1]', line: 22, says: "'sum:cost' is published under suppression without a magnitude rule on 'cost': a sum can reveal a dominant contributor's value" },
    ]);
  });

  it("suppression: a rule's measure is one of the table's measures", () => {
    expectProblems(withLines({ 28: '          - pPercent: { measure: los, p: 10 }' }), [
      { path: 'tables[0].method.suppression.rules[1].pPercent.measure', line: 28, says: "'los' is not one of this table's measures (cost); the p % rule reads it" },
      { path: 'tables[0].values[1]', line: 22, says: 'without a magnitude rule' },
    ]);
    expectProblems(withLines({ 28: '          - pPercent: { measure: cost, p: 20, q: 15 }' }), [{ path: 'tables[0].method.suppression.rules[1].pPercent.p', line: 28, says: 'expected p < q (q = 15), found p = 20' }]);
  });

  it('rounding: low <= high, and low/high for the nhs rule only', () => {
    expectProblems(withLines({ 32: '      rounding: { rule: nhs, low: 8, high: 7 }' }), [{ path: 'tables[1].method.rounding.high', line: 32, says: 'expected low <= high, found low = 8, high = 7' }]);
    expectProblems(withLines({ 32: '      rounding: { rule: base, low: 1 }' }), [{ path: 'tables[1].method.rounding.low', line: 32, says: "low is for the nhs rule only, and the rule is 'base'" }]);
  });

  it('rounding: draws and secret for the random rule only; keyed draws need a person column and a secret named, not pasted', () => {
    expectProblems(withLines({ 32: '      rounding: { rule: nhs, draws: keyed }' }), [{ path: 'tables[1].method.rounding.draws', line: 32, says: "draws is for the random rule only, and the rule is 'nhs'" }]);
    expectProblems(withLines({ 32: '      rounding: { rule: random, draws: fresh, secret: { env: MY_SECRET } }' }), [
      { path: 'tables[1].method.rounding.secret', line: 32, says: 'fresh draws use no secret; leave secret out, or use draws: keyed' },
    ]);
    const hex = 'a'.repeat(40);
    expectProblems(withLines({ 32: `      rounding: { rule: random, secret: { env: ${hex} } }` }), [
      { path: 'tables[1].method.rounding.secret.env', line: 32, says: 'this looks like a secret value, not the name of an environment variable' },
    ]);
    expect(() => parsePolicy(withLines({ 32: '      rounding: { rule: random, secret: { file: /run/secrets/registry } }' }), { file: 'p.yaml' })).not.toThrow();
    expect(() => parsePolicy(withLines({ 32: '      rounding: { rule: random, draws: fresh }' }), { file: 'p.yaml' })).not.toThrow();
  });

  it('kAnonymity: lDiversity and tCloseness need sensitive, a column of the schema that is not a dimension', () => {
    expectProblems(withLines({ 36: '      kAnonymity: { k: 5, lDiversity: { kind: distinct, l: 2 } }' }), [
      { path: 'tables[2].method.kAnonymity.sensitive', line: 36, says: 'missing: lDiversity needs the sensitive attribute' },
    ]);
    expectProblems(withLines({ 36: '      kAnonymity: { k: 5, sensitive: diagnosis, tCloseness: { kind: equal, t: 0.2 } }' }), [
      { path: 'tables[2].method.kAnonymity.sensitive', line: 36, says: "'diagnosis' is not a column of extract.schema (columns: person_id, hospital, year, age, cost, los)" },
    ]);
    expectProblems(withLines({ 36: '      kAnonymity: { k: 5, sensitive: age, lDiversity: { kind: recursive, l: 2 } }' }), [
      { path: 'tables[2].method.kAnonymity.sensitive', line: 36, says: "'age' is a dimension (a quasi-identifier) of this table" },
      { path: 'tables[2].method.kAnonymity.lDiversity.c', line: 36, says: 'missing: recursive (c, l)-diversity needs c > 0' },
    ]);
  });

  it('dp: sum and mean need a measure and clamp with lower < upper', () => {
    expectProblems(withLines({ 42: '        statistic: sum' }), [
      { path: 'tables[3].method.dp.measure', line: 40, says: 'missing: a dp sum needs the measure it sums' },
      { path: 'tables[3].method.dp.clamp', line: 40, says: 'missing: a dp sum needs clamp { lower, upper }' },
    ]);
    // lines 41-43 become one flow mapping spread over three lines; the table has no measures
    expectProblems(
      withLines({
        41: '        { privacy: { epsilon: 0.5 }, statistic: mean, measure: cost,',
        42: '          clamp: { lower: 10, upper: 10 },',
        43: '          bounds: { maxPartitionsPerPerson: 2, maxRowsPerPartition: 1 } }',
        40: '      dp:',
      }),
      [
        { path: 'tables[3].method.dp.measure', line: 41, says: "'cost' is not one of this table's measures (none)" },
        { path: 'tables[3].method.dp.clamp.upper', line: 42, says: 'expected lower < upper, found lower = 10, upper = 10' },
      ],
    );
  });

  it('dp: needs privacyBudget, of the same kind, not spent by this policy alone', () => {
    expectProblems(withLines({ 17: '# no privacy budget' }), [{ path: 'tables[3].method.dp', line: 40, says: 'a dp table needs privacyBudget at the top of the policy' }]);
    expectProblems(withLines({ 17: 'privacyBudget: { rho: 0.1 }' }), [
      { path: 'tables[3].method.dp.privacy.epsilon', line: 41, says: "this table's loss is epsilon but privacyBudget is rho" },
    ]);
    // 0.5 > 0.25: "1/2 (0.5)" is describeRational's form
    expectProblems(withLines({ 17: "privacyBudget: { epsilon: '1/4' }" }), [
      { path: 'privacyBudget.epsilon', line: 17, says: "the dp tables of this policy spend epsilon = 1/2 (0.5) together, more than the dataset's lifetime budget epsilon = 1/4 (0.25)" },
    ]);
    expectProblems(withLines({ 41: "        privacy: { epsilon: '0' }" }), [{ path: 'tables[3].method.dp.privacy.epsilon', line: 41, says: 'expected epsilon > 0, found 0' }]);
  });

  it('dp: every dimension needs public keys', () => {
    expectProblems(withLines({ 38: '    dimensions: [hospital, year]' }), [
      { path: 'tables[3].dimensions[1]', line: 38, says: "the keys of 'year' would come from the data; give the column a code list (codes)" },
    ]);
  });

  it('cellKey: sums or means need magnitudes; the p-table must exist', () => {
    expectProblems(withLines({ 47: "    values: [persons, 'mean:los']" }), [
      { path: 'tables[4].method.cellKey.magnitudes', line: 49, says: "missing: this table publishes 'mean:los', and the cell key method perturbs sums only with magnitudes" },
    ]);
    // line 51: the secret line becomes magnitudes (the secret then defaults to the environment variable)
    expectProblems(withLines({ 47: "    values: [persons, 'mean:los']", 51: '        magnitudes: { ptable: { D: 5, V: 2, js: 1 }, epsilon: [1, 0.5, 0.8] }' }), [
      { path: 'tables[4].method.cellKey.magnitudes.ptable.js', line: 51, says: 'js applies to counts p-tables only' },
      { path: 'tables[4].method.cellKey.magnitudes.epsilon[2]', line: 51, says: 'expected weights in descending order, found 0.8 after 0.5' },
    ]);
    expect(() => parsePolicy(withLines({ 47: "    values: [persons, 'mean:los']", 51: '        magnitudes: { ptable: { D: 5, V: 2 }, p: 0.05 }' }), { file: 'p.yaml' })).not.toThrow();
    // D = 3 with js = 2 has no noise distribution of variance exactly V (count 1 can only move by -1, +2, +3,
    // whose zero-mean variances lie in [2, 3]; count 2 needs V >= 2 too, and the rows together have no solution)
    expectProblems(withLines({ 50: '        ptable: { D: 3, V: 1, js: 2 }' }), [
      { path: 'tables[4].method.cellKey.ptable', line: 50, says: 'no noise distribution for the original value i = 1 meets the constraints (D = 3, V = 1, js = 2)' },
    ]);
  });

  it('no secret value in a policy, even where a name belongs', () => {
    const secret = 'Zx9kQ2mB7vR4tY6wP1sD3fG8hJ5';
    const e = expectProblems(withLines({ 51: `        secret: { env: ${secret} }` }), [
      { path: 'tables[4].method.cellKey.secret.env', line: 51, says: 'this looks like a secret value, not the name of an environment variable' },
    ]);
    expect(e.message).not.toContain(secret);
    const hex = 'a3f9c2e81b7d4056a3f9c2e81b7d4056';
    const e2 = expectProblems(withLines({ 51: `        secret: { file: ${hex} }` }), [{ path: 'tables[4].method.cellKey.secret.file', line: 51, says: 'this looks like a secret value, not a file name' }]);
    expect(e2.message).not.toContain(hex);
    // a real path or variable name passes
    expect(() => parsePolicy(withLines({ 51: '        secret: { file: /run/secrets/prikkCellKeySecret2025 }' }), { file: 'p.yaml' })).not.toThrow();
  });

  it('output: symbols are not empty (appended lines 52-53)', () => {
    expectProblems(withLines({}, ['output:', "  symbols: { primary: '' }"]), [{ path: 'output.symbols.primary', line: 53, says: "expected non-empty text, found ''" }]);
  });
});

describe('checkPolicy on a policy built in code', () => {
  const policy = parsePolicy(withLines({}), { file: 'p.yaml' });

  it('accepts the base policy', () => {
    expect(() => checkPolicy(policy)).not.toThrow();
  });

  it('lists problems without lines, or with the lines locate gives', () => {
    const bad: ReleasePolicy = { ...policy, tables: [{ ...policy.tables[1]!, dimensions: ['cost'], values: ['sum:cost'], measures: ['cost'] }] };
    let error: unknown;
    try {
      checkPolicy(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrikkError);
    const e = error as PrikkError;
    expect(e.code).toBe('INVALID_POLICY');
    expect(e.message).toBe(
      'invalid policy (2 problems):\n' +
        "  tables[0].dimensions[0]: 'cost' is a measure column; a table is grouped by dimension columns only\n" +
        "  tables[0].values[0]: rounding protects counts only, so 'sum:cost' would be published unprotected; use suppression with a magnitude rule, or cellKey with magnitudes",
    );
    let located: unknown;
    try {
      checkPolicy(bad, (path) => (path.startsWith('tables[0].values') ? 9 : 7));
    } catch (e2) {
      located = e2;
    }
    expect((located as PrikkError).location).toEqual({ line: 7 });
    expect((located as PrikkError).message).toContain("line 9: tables[0].values[0]: rounding protects counts only, so 'sum:cost'");
  });

  it('checks the shape too, so plain JavaScript gets messages rather than a TypeError', () => {
    expect(() => checkPolicy(null as unknown as ReleasePolicy)).toThrow(/invalid policy \(1 problem\):\n {2}\(top level\): expected a mapping \(key: value\), found nothing \(null\)/);
    expect(() => checkPolicy({ ...policy, tables: 'x' } as unknown as ReleasePolicy)).toThrow("tables: expected a list, found 'x'");
  });

  it('k-anonymity does not publish sums either', () => {
    const bad: ReleasePolicy = { ...policy, tables: [{ ...policy.tables[2]!, measures: ['cost'], values: ['persons', 'mean:cost'] }] };
    expect(() => checkPolicy(bad)).toThrow("tables[0].values[1]: k-anonymity generalises the dimensions but does not protect magnitudes, so 'mean:cost' would be published unprotected");
  });

  it('dp: values, when given, is the statistic', () => {
    const dp = policy.tables[3]!;
    const bad: ReleasePolicy = { ...policy, tables: [{ ...dp, values: ['persons', 'rows'] }] };
    expect(() => checkPolicy(bad)).toThrow('tables[0].values: a dp table releases its statistic only: expected [persons] (or leave values out), found [persons, rows]');
    expect(() => checkPolicy({ ...policy, tables: [{ ...dp, values: ['persons'] }] })).not.toThrow();
  });
});
