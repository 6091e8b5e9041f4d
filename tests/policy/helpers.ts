import { expect } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { parsePolicy } from '../../src/policy/parsePolicy.js';

/**
 * A valid policy with one table per method, as YAML lines. The line numbers in the comments were counted by hand,
 * and every expected line in the tests below comes from them (a test also checks that there are 51 lines and that
 * the text parses).
 */
export const BASE_LINES: readonly string[] = [
  'prikk: 1', // 1
  'dataset: hip-demo', // 2
  'recipient: Acme Pharma AS', // 3
  'purpose: Trial feasibility', // 4
  'ledger: ./ledger', // 5
  'extract:', // 6
  '  schema:', // 7
  '    columns:', // 8
  '      - { name: person_id, role: person }', // 9
  '      - { name: hospital, role: dimension, codes: [A, B, C] }', // 10
  '      - { name: year, role: dimension, type: year }', // 11
  '      - { name: age, role: dimension, type: integer }', // 12
  '      - { name: cost, role: measure }', // 13
  '      - { name: los, role: measure, type: integer }', // 14
  'hierarchies:', // 15
  '  years: { type: intervals, min: 2019, max: 2026, width: 1 }', // 16
  'privacyBudget: { epsilon: 2 }', // 17
  'tables:', // 18
  '  - name: supp', // 19 (tables[0])
  '    dimensions: [hospital, { column: year, hierarchy: years }]', // 20
  '    measures: [cost]', // 21
  "    values: [persons, 'sum:cost']", // 22
  '    filter: { column: year, range: { min: 2019 } }', // 23
  '    method:', // 24
  '      suppression:', // 25
  '        rules:', // 26
  '          - frequency: { n: 5 }', // 27
  '          - dominance: { measure: cost, n: 1, k: 85 }', // 28
  '  - name: round', // 29 (tables[1])
  '    dimensions: [hospital]', // 30
  '    method:', // 31
  '      rounding: { rule: nhs, low: 1, high: 7 }', // 32
  '  - name: kanon', // 33 (tables[2])
  '    dimensions: [hospital, { column: age, hierarchy: { type: intervals, min: 0, max: 110, width: 10 } }]', // 34
  '    method:', // 35
  '      kAnonymity: { k: 5 }', // 36
  '  - name: dp', // 37 (tables[3])
  '    dimensions: [hospital, { column: year, hierarchy: years }]', // 38
  '    method:', // 39
  '      dp:', // 40
  '        privacy: { epsilon: 0.5 }', // 41
  '        statistic: persons', // 42
  '        bounds: { maxPartitionsPerPerson: 2, maxRowsPerPartition: 1 }', // 43
  '  - name: ck', // 44 (tables[4])
  '    dimensions: [hospital]', // 45
  '    measures: [los]', // 46
  '    values: [persons]', // 47
  '    method:', // 48
  '      cellKey:', // 49
  '        ptable: { D: 4, V: 3, js: 2 }', // 50
  '        secret: { env: PRIKK_CELL_KEY_SECRET }', // 51
];

/** The base text with some lines (1-based) replaced; replacing a line by one line keeps every line number. */
export function withLines(edits: Readonly<Record<number, string>>, extra: readonly string[] = []): string {
  const lines = [...BASE_LINES];
  for (const [n, text] of Object.entries(edits)) {
    if (Number(n) < 1 || Number(n) > lines.length) throw new Error(`no line ${n}`);
    lines[Number(n) - 1] = text;
  }
  return `${[...lines, ...extra].join('\n')}\n`;
}

/** One listed problem of an INVALID_POLICY message. */
export interface ListedProblem {
  readonly file: string;
  readonly line: number | undefined;
  readonly path: string;
  readonly message: string;
}

/** The problems an INVALID_POLICY error lists, one a line `  <file>:<line>: <path>: <message>`. */
export function listedProblems(error: PrikkError): ListedProblem[] {
  return error.message
    .split('\n')
    .slice(1)
    .filter((l) => !l.startsWith('  ... and'))
    .map((l) => {
      const m = /^ {2}([^:]+):(?:(\d+): )? ?(\(top level\)|\S+): (.*)$/.exec(l);
      if (!m) throw new Error(`not a problem line: ${l}`);
      return { file: m[1]!, line: m[2] === undefined ? undefined : Number(m[2]), path: m[3]!, message: m[4]! };
    });
}

/** The error that parsing `text` throws (fails the test when none). */
export function errorOf(text: string, file = 'p.yaml'): PrikkError {
  try {
    parsePolicy(text, { file });
  } catch (error) {
    expect(error).toBeInstanceOf(PrikkError);
    return error as PrikkError;
  }
  throw new Error('expected parsePolicy to throw');
}

/**
 * Expects `text` to be refused with INVALID_POLICY, listing exactly the given problems (path, line, and a part of
 * the message), with the error's line the first problem's.
 */
export function expectProblems(text: string, expected: readonly { readonly path: string; readonly line: number; readonly says: string | RegExp }[], file = 'p.yaml'): PrikkError {
  const error = errorOf(text, file);
  expect(error.code).toBe('INVALID_POLICY');
  const listed = listedProblems(error);
  expect(listed.map((p) => p.path).sort(), error.message).toEqual(expected.map((p) => p.path).sort());
  for (const e of expected) {
    const p = listed.find((x) => x.path === e.path)!;
    expect(p.file).toBe(file);
    expect(p.line, `${e.path} in\n${error.message}`).toBe(e.line);
    if (typeof e.says === 'string') expect(p.message).toContain(e.says);
    else expect(p.message).toMatch(e.says);
  }
  expect(error.location?.file).toBe(file);
  expect(error.location?.line).toBe(Math.min(...expected.map((e) => e.line)));
  return error;
}
