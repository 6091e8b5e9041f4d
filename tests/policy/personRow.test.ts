/**
 * A table's personRow (count each person once, in the cell of one chosen row): the field, its schema errors and its
 * meaning checks, each with its key path and line. Lines come from the hand-counted numbers beside BASE_LINES in
 * helpers.ts (tables[0] starts on line 19; line 23 is its filter, replaced here by personRow; tables[3], the dp
 * table, starts on line 37).
 */
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/policy/checkPolicy.js';
import { parsePolicy } from '../../src/policy/parsePolicy.js';
import { requestOfPolicy } from '../../src/policy/requestOfPolicy.js';
import { BASE_LINES, expectProblems, withLines } from './helpers.js';

const line23 = (text: string): string => withLines({ 23: `    personRow: ${text}` });

describe('personRow in a policy', () => {
  it('is read as written, and is part of the request (so it changes the fingerprint)', () => {
    const policy = parsePolicy(line23('{ keep: first, orderBy: year }'), { file: 'p.yaml' });
    expect(policy.tables[0]!.personRow).toEqual({ keep: 'first', orderBy: 'year' });
    expect(parsePolicy(line23('{ keep: last }'), { file: 'p.yaml' }).tables[0]!.personRow).toEqual({ keep: 'last' });
    expect((requestOfPolicy(policy) as { tables: typeof policy.tables }).tables[0]!.personRow).toEqual({ keep: 'first', orderBy: 'year' });
  });

  it('as block YAML too', () => {
    // lines 23-25 replace the filter line: personRow:, keep, orderBy; every later line moves down by 2
    const lines = [...BASE_LINES.slice(0, 22), '    personRow:', '      keep: first', '      orderBy: age', ...BASE_LINES.slice(23)];
    expect(parsePolicy(`${lines.join('\n')}\n`, { file: 'p.yaml' }).tables[0]!.personRow).toEqual({ keep: 'first', orderBy: 'age' });
    const bad = [...BASE_LINES.slice(0, 22), '    personRow:', '      keep: first', '      orderBy: hospital', ...BASE_LINES.slice(23)];
    expectProblems(`${bad.join('\n')}\n`, [{ path: 'tables[0].personRow.orderBy', line: 25, says: "'hospital' is a code column" }]);
  });

  it('schema errors: keep is first or last, no other keys, keep required', () => {
    expectProblems(line23('{ keep: frist, orderBy: year }'), [
      { path: 'tables[0].personRow.keep', line: 23, says: "expected one of 'first', 'last', found 'frist'; did you mean 'first'?" },
    ]);
    expectProblems(line23('{ keep: first, by: year }'), [{ path: 'tables[0].personRow.by', line: 23, says: "unknown key 'by'" }]);
    expectProblems(line23('{ orderBy: year }'), [{ path: 'tables[0].personRow.keep', line: 23, says: "missing required key 'keep'" }]);
  });

  it('orderBy is a read number, year or date column of the schema', () => {
    expectProblems(line23('{ keep: first, orderBy: yeer }'), [
      { path: 'tables[0].personRow.orderBy', line: 23, says: "'yeer' is not a column of extract.schema (columns: person_id, hospital, year, age, cost, los); did you mean 'year'?" },
    ]);
    expectProblems(line23('{ keep: first, orderBy: hospital }'), [
      { path: 'tables[0].personRow.orderBy', line: 23, says: "'hospital' is a code column; rows are ordered by a number column (integer, decimal, year or date)" },
    ]);
    expectProblems(line23('{ keep: first, orderBy: person_id }'), [{ path: 'tables[0].personRow.orderBy', line: 23, says: "'person_id' is the person column" }]);
    // line 14: los becomes an ignored column, which is not read (the ck table's measure too)
    expectProblems(withLines({ 14: '      - { name: los, role: ignore, type: integer }', 23: '    personRow: { keep: last, orderBy: los }', 46: '    measures: []' }), [
      { path: 'tables[0].personRow.orderBy', line: 23, says: "'los' is an ignore column, which is not read" },
    ]);
    // a measure or an integer dimension orders rows as well as a year
    expect(() => checkPolicy(parsePolicy(line23('{ keep: last, orderBy: cost }'), { file: 'p.yaml' }))).not.toThrow();
    expect(() => parsePolicy(line23('{ keep: first, orderBy: age }'), { file: 'p.yaml' })).not.toThrow();
  });

  it('needs a person column', () => {
    // line 9: the person column becomes an ignored column; the other tables then count rows (lines 22, 42, 47) and
    // the dp table still needs persons (line 40)
    expectProblems(
      withLines({
        9: '      - { name: person_id, role: ignore }',
        22: "    values: [rows, 'sum:cost']",
        23: '    personRow: { keep: first, orderBy: year }',
        42: '        statistic: rows',
        47: '    values: [rows]',
      }),
      [
        { path: 'tables[0].personRow', line: 23, says: 'counting each person once needs a person column (role: person) in extract.schema' },
        { path: 'tables[3].method.dp', line: 40, says: 'differential privacy protects persons' },
      ],
    );
  });

  it('is refused for a dp table, which bounds contributions itself', () => {
    // a line inserted after line 38 (the dp table's dimensions): personRow on line 39, its method on line 40
    const lines = [...BASE_LINES.slice(0, 38), '    personRow: { keep: first, orderBy: year }', ...BASE_LINES.slice(38)];
    expectProblems(`${lines.join('\n')}\n`, [
      { path: 'tables[3].personRow', line: 39, says: "differential privacy bounds each person's contributions itself (dp.bounds" },
    ]);
  });
});
