/**
 * Shape errors (the JSON Schema): each kind names the key path and the line. Lines come from the hand-counted
 * numbers beside BASE_LINES in helpers.ts; an edit replaces one line by one line, so the numbers stay right.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/parsePolicy.js';
import { BASE_LINES, errorOf, expectProblems, listedProblems, withLines } from './helpers.js';

describe('the base policy of these tests', () => {
  it('has the 51 lines counted in its comments and parses', () => {
    expect(BASE_LINES).toHaveLength(51);
    const policy = parsePolicy(withLines({}), { file: 'p.yaml' });
    expect(policy.tables.map((t) => Object.keys(t.method)[0])).toEqual(['suppression', 'rounding', 'kAnonymity', 'dp', 'cellKey']);
  });
});

describe('parsePolicy: shape errors name the key path and the line', () => {
  it('an unknown key (a typo) names the key, the keys allowed, and the near one', () => {
    // line 21 `measures` misspelt: the table then lacks nothing required, so this is the only shape error
    expectProblems(withLines({ 21: '    measure: [cost]' }), [{ path: 'tables[0].measure', line: 21, says: "unknown key 'measure' (keys here: name, title, dimensions, unit, measures" }]);
    const e = errorOf(withLines({ 21: '    measure: [cost]' }));
    expect(listedProblems(e)[0]!.message).toContain("did you mean 'measures'?");
  });

  it('an unknown key at the top level', () => {
    expectProblems(withLines({ 17: 'privacyBudjet: { epsilon: 2 }' }), [{ path: 'privacyBudjet', line: 17, says: "unknown key 'privacyBudjet' (keys here: prikk, dataset" }]);
    expect(errorOf(withLines({ 17: 'privacyBudjet: { epsilon: 2 }' })).message).toContain("did you mean 'privacyBudget'?");
  });

  it('an unknown method is named with the five methods', () => {
    expectProblems(withLines({ 32: '      roundng: { rule: nhs }' }), [
      { path: 'tables[1].method.roundng', line: 32, says: "unknown key 'roundng' (expected exactly one of suppression, rounding, kAnonymity, dp, cellKey; did you mean 'rounding'?)" },
    ]);
  });

  it('a wrong type says what was expected and what was found', () => {
    expectProblems(withLines({ 27: '          - frequency: { n: five }' }), [{ path: 'tables[0].method.suppression.rules[0].frequency.n', line: 27, says: "expected an integer, found 'five'" }]);
    expectProblems(withLines({ 27: '          - frequency: { n: 0 }' }), [{ path: 'tables[0].method.suppression.rules[0].frequency.n', line: 27, says: 'expected an integer >= 1, found 0' }]);
    expectProblems(withLines({ 30: '    dimensions: hospital' }), [{ path: 'tables[1].dimensions', line: 30, says: "expected a list, found 'hospital'" }]);
  });

  it('a code that YAML reads as a number gets a hint to quote it', () => {
    // line 10: 0301 is the integer 301 in YAML 1.2
    expectProblems(withLines({ 10: '      - { name: hospital, role: dimension, codes: [A, 0301] }' }), [
      { path: 'extract.schema.columns[1].codes[1]', line: 10, says: "expected text, found 301 (YAML reads 0301 as a number: write it in quotes, '0301', to keep it as text)" },
    ]);
  });

  it('a missing required key is named with what it is for, at the line of its parent', () => {
    // the dominance rule on line 28 without k
    expectProblems(withLines({ 28: '          - dominance: { measure: cost, n: 1 }' }), [
      { path: 'tables[0].method.suppression.rules[1].dominance.k', line: 28, says: "missing required key 'k': the share in percent, 0 < k <= 100" },
    ]);
    // a table (line 29) without dimensions (line 30 replaced by a title)
    expectProblems(withLines({ 30: '    title: Rounded' }), [{ path: 'tables[1].dimensions', line: 29, says: "missing required key 'dimensions'" }]);
  });

  it('two methods on one table: expected exactly one of the five', () => {
    // line 31 holds both methods in one flow mapping, line 32 becomes a comment
    expectProblems(withLines({ 31: '    method: { rounding: { rule: base }, suppression: { rules: [{ frequency: { n: 3 } }] } }', 32: '    # (the method is on line 31)' }), [
      { path: 'tables[1].method', line: 31, says: 'expected exactly one of suppression, rounding, kAnonymity, dp, cellKey, found 2: rounding, suppression' },
    ]);
    expectProblems(withLines({ 31: '    method: {}', 32: '    # (no method)' }), [{ path: 'tables[1].method', line: 31, says: 'expected exactly one of suppression, rounding, kAnonymity, dp, cellKey, found none' }]);
  });

  it('a rule with no kind, or two', () => {
    expectProblems(withLines({ 27: '          - {}' }), [{ path: 'tables[0].method.suppression.rules[0]', line: 27, says: 'expected exactly one of frequency, dominance, pPercent, found none' }]);
    expectProblems(withLines({ 27: '          - { frequency: { n: 5 }, pPercent: { measure: cost, p: 10 } }' }), [
      { path: 'tables[0].method.suppression.rules[0]', line: 27, says: 'found 2: frequency, pPercent' },
    ]);
  });

  it('a bad enum value lists the allowed values and the near one', () => {
    expectProblems(withLines({ 42: '        statistic: person' }), [
      { path: 'tables[3].method.dp.statistic', line: 42, says: "expected one of 'persons', 'rows', 'sum', 'mean', found 'person'; did you mean 'persons'?" },
    ]);
    expectProblems(withLines({ 16: '  years: { type: interval, min: 2019, max: 2026, width: 1 }' }), [
      { path: 'hierarchies.years.type', line: 16, says: "expected one of 'flat', 'arx', 'parentChild', 'intervals', 'prefix', 'icd10', 'municipality', found 'interval'; did you mean 'intervals'?" },
    ]);
  });

  it('a hierarchy spec: only the errors of the type it names', () => {
    expectProblems(withLines({ 16: '  years: { type: intervals, min: 2019, max: 2026, widht: 1 }' }), [{ path: 'hierarchies.years.widht', line: 16, says: "unknown key 'widht'" }]);
    expectProblems(withLines({ 16: '  years: { type: arx }' }), [{ path: 'hierarchies.years.file', line: 16, says: "missing required key 'file'" }]);
    expectProblems(withLines({ 16: '  years: { min: 2019 }' }), [{ path: 'hierarchies.years.type', line: 16, says: "missing required key 'type': one of 'flat', 'arx'" }]);
  });

  it('a p-table is parameters or a file, not both', () => {
    expectProblems(withLines({ 50: '        ptable: { D: 4, V: 3, file: p.txt }' }), [
      { path: 'tables[4].method.cellKey.ptable', line: 50, says: 'expected { D, V, js?, pstay? } or { file }, found a mapping with keys D, V, file' },
    ]);
    expectProblems(withLines({ 50: '        ptable: { D: 4 }' }), [{ path: 'tables[4].method.cellKey.ptable.V', line: 50, says: "missing required key 'V'" }]);
  });

  it('a filter: the form it means is chosen from its keys', () => {
    expectProblems(withLines({ 23: '    filter: { column: year, rnage: { min: 2019 } }' }), [
      { path: 'tables[0].filter.rnage', line: 23, says: "unknown key 'rnage' (expected { column, range } or { column, in } or { column, prefix } or { and } or { or } or { not }; did you mean 'range'?)" },
    ]);
    expectProblems(withLines({ 23: '    filter: { and: [{ column: year, range: {} }, { not: { column: age } }] }' }), [
      { path: 'tables[0].filter.and[0].range', line: 23, says: 'expected at least one of min, max, found none' },
      { path: 'tables[0].filter.and[1].not', line: 23, says: 'found a mapping with key column' },
    ]);
  });

  it('a literal secret is refused and never shown', () => {
    const secret = 'c2VjcmV0LXZhbHVlLW9mLXRoZS1yZWdpc3RyeS0yMDI1';
    const e = expectProblems(withLines({ 51: `        secret: ${secret}` }), [
      { path: 'tables[4].method.cellKey.secret', line: 51, says: 'expected a mapping with exactly one of env, file, found text (not shown); a policy never holds the secret itself' },
    ]);
    expect(e.message).not.toContain(secret);
    const e2 = expectProblems(withLines({ 51: `        secret: { value: ${secret} }` }), [
      { path: 'tables[4].method.cellKey.secret', line: 51, says: 'an unknown key (not shown; expected exactly one of env, file); a policy never holds the secret itself' },
    ]);
    expect(e2.message).not.toContain(secret);
    // a secret pasted as a key is not shown either
    const e3 = errorOf(withLines({ 51: `        secret: { ${secret}: 1 }` }));
    expect(e3.message).not.toContain(secret);
  });

  it('several errors are all listed, sorted by line, and the error points at the first', () => {
    const text = withLines({
      2: 'dataset: hip demo', // pattern
      27: '          - frequency: { n: -1 }', // minimum
      32: '      rounding: { rule: nhs, base: 1 }', // base >= 2
      42: '        statistic: count', // enum
      50: '        ptable: { D: 60, V: 3 }', // maximum
    });
    const e = expectProblems(text, [
      { path: 'dataset', line: 2, says: "expected letters, digits, '.', '_' and '-' only, found 'hip demo'" },
      { path: 'tables[0].method.suppression.rules[0].frequency.n', line: 27, says: 'expected an integer >= 1, found -1' },
      { path: 'tables[1].method.rounding.base', line: 32, says: 'expected an integer >= 2, found 1' },
      { path: 'tables[3].method.dp.statistic', line: 42, says: "found 'count'" },
      { path: 'tables[4].method.cellKey.ptable.D', line: 50, says: 'expected an integer from 1 to 49, found 60' },
    ]);
    expect(e.message.split('\n')[0]).toBe('p.yaml, line 2: invalid policy (5 problems):');
    expect(listedProblems(e).map((p) => p.line)).toEqual([2, 27, 32, 42, 50]);
  });

  it('lists at most 20 problems and counts the rest', () => {
    // 25 tables (lines 19 + ...) each with a bad name: 25 problems
    const tables = Array.from({ length: 25 }, (_, i) => `  - { name: 'bad name ${i}', dimensions: [hospital], method: { rounding: { rule: base } } }`);
    const e = errorOf(`${[...BASE_LINES.slice(0, 18), ...tables].join('\n')}\n`);
    expect(e.message.split('\n')[0]).toContain('invalid policy (25 problems)');
    expect(listedProblems(e)).toHaveLength(20);
    expect(e.message).toContain('  ... and 5 more');
    // table i is on line 19 + i
    expect(listedProblems(e)[3]).toMatchObject({ line: 22, path: 'tables[3].name' });
  });

  it('the top level must be a mapping', () => {
    const e = errorOf('- 1\n- 2\n');
    expect(listedProblems(e)[0]).toMatchObject({ line: 1, path: '(top level)', message: 'expected a mapping (key: value), found a list of 2 items' });
    expect(listedProblems(errorOf(''))[0]!.message).toBe('expected a mapping (key: value), found nothing (null)');
  });
});

describe('parsePolicy: syntax errors name the line', () => {
  it('a YAML syntax error names its line and column', () => {
    // line 23: an unclosed flow mapping; the parser notices it at the start of line 24
    const e = errorOf(withLines({ 23: '    filter: { column: year, range: { min: 2019 }' }));
    expect(e.code).toBe('INVALID_POLICY');
    expect(e.location).toEqual({ file: 'p.yaml', line: 24 });
    expect(e.message).toMatch(/^p\.yaml, line 24: YAML syntax error \(line 24, column \d+\):\n {2}p\.yaml:24:\d+: Flow map/);
  });

  it('a repeated key and a tab indentation are syntax errors with their lines', () => {
    const repeated = errorOf(withLines({ 4: 'recipient: Someone else' }));
    expect(repeated.location?.line).toBe(4);
    expect(repeated.message).toContain('p.yaml:4:1: Map keys must be unique');
    const tab = errorOf(withLines({ 30: '\tdimensions: [hospital]' }));
    expect(tab.location?.line).toBe(30);
    expect(tab.message).toContain('p.yaml:30:1: Tabs are not allowed as indentation');
  });

  it('a second YAML document is refused', () => {
    const e = errorOf(withLines({}, ['---', 'prikk: 1']));
    // the base has 51 lines; '---' is line 52
    expect(e.location?.line).toBe(52);
    expect(e.message).toContain('a policy is one YAML document');
  });

  it('a JSON syntax error names its line and column', () => {
    // line 1 '{', line 2 '"prikk": 1,', line 3 '"tables": [1, 2,]' (column 17 is the ']': 8 for "tables", then ': [1, 2,' ends at 16), line 4 '}'
    const e = errorOf('{\n"prikk": 1,\n"tables": [1, 2,]\n}\n', 'p.json');
    expect(e.code).toBe('INVALID_POLICY');
    expect(e.location).toEqual({ file: 'p.json', line: 3 });
    expect(e.message).toBe("p.json, line 3: JSON syntax error at line 3, column 17: expected a value after the comma, found ']'");
    const dup = errorOf('{\n"prikk": 1,\n"prikk": 1\n}\n', 'p.json');
    expect(dup.message).toContain('JSON syntax error at line 3, column 1: the key "prikk" appears twice in one object');
  });
});
