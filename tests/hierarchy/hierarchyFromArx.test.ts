import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { hierarchyFromArx } from '../../src/hierarchy/hierarchyFromArx.js';
import { readArxHierarchy } from '../../src/hierarchy/readArxHierarchy.js';

const ADULT = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/adult');
const NAMES = ['age', 'education', 'marital-status', 'native-country', 'occupation', 'race', 'salary-class', 'sex', 'workclass'];

/** Labels from `value` up to the root, read through `ancestorAtLevel`. */
function chain(h: Hierarchy, value: string): string[] {
  const leaf = h.leafOf(value);
  expect(leaf).toBeGreaterThanOrEqual(0);
  return Array.from({ length: h.levelCount }, (_, level) => h.labels[h.ancestorAtLevel(leaf, level)]!);
}

function thrown(f: () => unknown): PrikkError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PrikkError);
    return e as PrikkError;
  }
  throw new Error('expected a PrikkError');
}

describe('readArxHierarchy on the Adult hierarchies (ARX benchmark files)', () => {
  for (const name of NAMES) {
    it(`loads ${name}: one leaf per file row, one level per column, file order kept`, () => {
      const path = join(ADULT, `adult_hierarchy_${name}.csv`);
      // Independent reading: split on line breaks, drop blank lines (native-country has no final newline).
      const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
      const h = readArxHierarchy(path, { total: 'Total' });
      expect(h.leafCount).toBe(lines.length);
      expect(h.levelCount).toBe(lines[0]!.split(';').length);
      expect(h.labels.slice(0, h.leafCount)).toEqual(lines.map((l) => l.split(';')[0]));
      expect(h.total).toBe('Total');
      expect(h.leafCountUnder(h.size - 1)).toBe(lines.length);
      // No Adult file reuses a label at two levels, so nothing was renamed.
      expect(h.displayLabels).toEqual(h.labels.slice(0, -1).concat('Total'));
    });
  }

  it('gives the lattice ARX reports for Adult: 5·4·3·3·3·2·2·3 = 6480 transformations over the 8 quasi-identifiers', () => {
    const qi = NAMES.filter((n) => n !== 'salary-class');
    const size = qi.reduce((p, n) => p * readArxHierarchy(join(ADULT, `adult_hierarchy_${n}.csv`)).levelCount, 1);
    expect(size).toBe(6480);
  });

  it('follows parent chains written in the files (read by hand)', () => {
    const age = readArxHierarchy(join(ADULT, 'adult_hierarchy_age.csv'));
    expect(chain(age, '17')).toEqual(['17', '15-19', '10-19', '0-19', '*']); // line 17
    expect(chain(age, '90')).toEqual(['90', '85-89', '80-89', '80-99', '*']); // line 90
    expect(chain(age, '100')).toEqual(['100', '95-99', '90-99', '80-99', '*']); // line 100: 100 is filed under 95-99
    const edu = readArxHierarchy(join(ADULT, 'adult_hierarchy_education.csv'), { total: 'Total' });
    expect(chain(edu, 'Doctorate')).toEqual(['Doctorate', 'Graduate', 'Higher education', 'Total']);
    expect(chain(edu, 'Preschool')).toEqual(['Preschool', 'Primary School', 'Primary education', 'Total']);
    const country = readArxHierarchy(join(ADULT, 'adult_hierarchy_native-country.csv'));
    expect(chain(country, 'Holand-Netherlands')).toEqual(['Holand-Netherlands', 'Europe', '*']); // last line, no newline
    expect(chain(readArxHierarchy(join(ADULT, 'adult_hierarchy_workclass.csv')), 'Never-worked')).toEqual(['Never-worked', 'Unemployed', '*']);
    expect(chain(readArxHierarchy(join(ADULT, 'adult_hierarchy_sex.csv')), 'Female')).toEqual(['Female', '*']);
  });

  it('counts hierarchy rows under each node (ARX Loss), checked by counting lines by hand', () => {
    const age = readArxHierarchy(join(ADULT, 'adult_hierarchy_age.csv'));
    // The file files value v under the band labelled for v - 1 ('5;0-4', '20;15-19', '80;75-79'), so:
    expect(age.leafCountUnder(age.nodeOf('0-19'))).toBe(20); // values 1..20
    expect(age.leafCountUnder(age.nodeOf('80-99'))).toBe(20); // values 81..100
    expect(age.leafCountUnder(age.nodeOf('75-79'))).toBe(5); // values 76..80
    const edu = readArxHierarchy(join(ADULT, 'adult_hierarchy_education.csv'));
    expect(edu.leafCountUnder(edu.nodeOf('Higher education'))).toBe(7); // Bachelors, Some-college, Prof-school, Assoc-acdm, Assoc-voc, Masters, Doctorate
    expect(edu.leafCountUnder(edu.nodeOf('Secondary education'))).toBe(6); // 11th, HS-grad, 9th, 7th-8th, 12th, 10th
    expect(edu.leafCountUnder(edu.nodeOf('Primary education'))).toBe(3); // 1st-4th, 5th-6th, Preschool
    const country = readArxHierarchy(join(ADULT, 'adult_hierarchy_native-country.csv'));
    expect(country.leafCountUnder(country.nodeOf('North America'))).toBe(12);
  });
});

describe('hierarchyFromArx', () => {
  it('renames the root, keeps file order, and reads quotes, CRLF, a BOM and blank lines', () => {
    const text = '\uFEFF"a;1";x;*\r\n\r\nb;"y ""q""";*\r\n';
    const h = hierarchyFromArx(text, { total: 'Total' });
    expect(h.labels).toEqual(['a;1', 'b', 'x', 'y "q"', 'Total']);
    expect(h.toJSON()).toEqual({ Total: ['x', 'y "q"'], x: ['a;1'], 'y "q"': ['b'] });
  });

  it('takes another delimiter', () => {
    expect(hierarchyFromArx('a,x,*\nb,x,*', { delimiter: ',' }).toJSON()).toEqual({ '*': ['x'], x: ['a', 'b'] });
  });

  it('makes a label reused at a coarser level unique and keeps it as the display label', () => {
    // ARX-style hierarchy that keeps the value at level 1; and a value equal to another row's level-1 label.
    const h = hierarchyFromArx('Male;Male;*\nFemale;Female;*\n1;1;*\n2;1;*\n', { total: 'Total' });
    expect(h.labels).toEqual(['Male', 'Female', '1', '2', 'Male (level 1)', 'Female (level 1)', '1 (level 1)', 'Total']);
    expect(h.displayLabels).toEqual(['Male', 'Female', '1', '2', 'Male', 'Female', '1', 'Total']);
    expect(h.labels[h.ancestorAtLevel(h.leafOf('2'), 1)]).toBe('1 (level 1)');
    expect(h.leafCountUnder(h.nodeOf('1 (level 1)'))).toBe(2);
  });

  it('disambiguates an internal label equal to the total, but rejects a value equal to it', () => {
    expect(hierarchyFromArx('a;*;*\n').labels).toEqual(['a', '* (level 1)', '*']);
    expect(thrown(() => hierarchyFromArx('Total;x;*\n', { total: 'Total' })).message).toMatch(/line 1: hierarchyFromArx: the value 'Total' .* equals the total/);
  });

  it('names source, line and conflict in its errors', () => {
    const twoParents = thrown(() => hierarchyFromArx('a;x;P;*\nb;y;P;*\nc;x;Q;*\n', { source: 'h.csv' }));
    expect(twoParents.code).toBe('INVALID_SCHEMA');
    expect(twoParents.location).toEqual({ file: 'h.csv', line: 3 });
    expect(twoParents.message).toBe("h.csv, line 3: hierarchyFromArx: 'x' at level 1 has parent 'Q' on line 3 but 'P' on line 1; a node must have one parent");
    expect(thrown(() => hierarchyFromArx('a;x;*\n\nb;*\n', { source: 'h.csv' })).message).toBe(
      'h.csv, line 3: hierarchyFromArx: the row has 2 columns, expected 3 as on line 1',
    );
    expect(thrown(() => hierarchyFromArx('a;*\nb;ALL\n')).message).toMatch(/line 2: .*last column is 'ALL' but '\*' on line 1/);
    expect(thrown(() => hierarchyFromArx('a;x;*\na;y;*\n')).message).toMatch(/line 2: .*'a' appears twice \(line 1 and line 2\)/);
    expect(thrown(() => hierarchyFromArx('a;;*\n')).message).toMatch(/line 1 has an empty label at level 1/);
    expect(thrown(() => hierarchyFromArx('a\nb\n')).message).toMatch(/at least 2 columns/);
    expect(thrown(() => hierarchyFromArx('\n\n')).code).toBe('INVALID_SCHEMA');
    const quote = thrown(() => hierarchyFromArx('a;*\n"b;*\n', { source: 'q.csv' }));
    expect(quote.code).toBe('MALFORMED_INPUT');
    expect(quote.location).toEqual({ file: 'q.csv', line: 2 });
    expect(thrown(() => hierarchyFromArx('a;*', { delimiter: '""' })).code).toBe('INVALID_ARGUMENT');
  });

  it('reports an unreadable file as IO_ERROR naming it', () => {
    const e = thrown(() => readArxHierarchy('/nonexistent/hierarchy.csv'));
    expect(e.code).toBe('IO_ERROR');
    expect(e.location).toEqual({ file: '/nonexistent/hierarchy.csv' });
  });
});
