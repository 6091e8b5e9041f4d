// One line per dimension in the rules section. The expected lines are written by hand from the example policy
// (examples/hipFracture/policy.yaml) and the released trees in exampleShapes.ts: node counts per level counted there
// (47 hospitals in 4 regions; 7 years; 22 five-year bands in 11 ten-year bands; 14 NCSP codes under 6 prefixes;
// 357 municipalities, 15 counties, 4 health regions in 2024).
import { describe, expect, it } from 'vitest';
import { describeDimension } from '../../../src/release/report/rules/describeDimension.js';
import { hierarchyShape } from '../../../src/release/report/rules/hierarchyShape.js';
import { levelLabels } from '../../../src/release/report/rules/levelLabels.js';
import {
  AGE_BANDS_SPEC,
  AGE_DIMENSION,
  HOSPITAL_DIMENSION,
  HOSPITALS_SPEC,
  MUNICIPALITIES_SPEC,
  MUNICIPALITY_AT_TOTAL,
  MUNICIPALITY_DIMENSION,
  PROCEDURE_DIMENSION,
  PROCEDURE_SPEC,
  SEX_DIMENSION,
  YEAR_DIMENSION,
  YEARS_SPEC,
} from './exampleShapes.js';

describe('describeDimension: the example release', () => {
  it('hospital: a named parent-child hierarchy, 47 hospitals → 4 regions → Total', () => {
    expect(describeDimension('hospital', HOSPITALS_SPEC, HOSPITAL_DIMENSION)).toBe(
      "hospital: named hierarchy 'hospitals' (parent-child, 47 values → 4 groups → Total)",
    );
  });

  it('year: named intervals [2019, 2026) of width 1 read as 2019–2025', () => {
    expect(describeDimension('year', YEARS_SPEC, YEAR_DIMENSION)).toBe("year: named hierarchy 'years' (intervals 2019–2025 of width 1, 7 values → Total)");
    // The cell key table's inline spec has no name.
    const threeYears = { name: 'year', total: 'Total', hierarchy: { Total: ['2023', '2024', '2025'] } };
    expect(describeDimension('year', { type: 'intervals', min: 2023, max: 2026, width: 1 }, threeYears)).toBe(
      'year: intervals 2023–2025 of width 1 (3 values → Total)',
    );
  });

  it('age: 5-year bands under 10-year bands', () => {
    expect(describeDimension('age', AGE_BANDS_SPEC, AGE_DIMENSION)).toBe(
      "age: named hierarchy 'ageBands' (intervals 0–109 of width 5, 22 bands → 11 bands of width 10 → Total)",
    );
  });

  it('municipality: the 2024 code list with its level names and counts', () => {
    expect(describeDimension('municipality', MUNICIPALITIES_SPEC, MUNICIPALITY_DIMENSION)).toBe(
      "municipality: named hierarchy 'municipalities' (Norwegian municipalities 2024, all codes, " +
        '357 municipalities → 15 counties → 4 health regions → Total)',
    );
  });

  it('municipality generalised by k-anonymity: what was released, not what was asked', () => {
    expect(describeDimension('municipality', MUNICIPALITIES_SPEC, MUNICIPALITY_AT_TOTAL)).toBe(
      "municipality: named hierarchy 'municipalities' (Norwegian municipalities 2024, all codes, released as Total only)",
    );
    // Generalised one level less: the 4 health regions (the coarsest level name) right under the total.
    const regions = { name: 'municipality', total: 'Total', hierarchy: { Total: ['Helse Sør-Øst', 'Helse Vest', 'Helse Midt-Norge', 'Helse Nord'] } };
    expect(describeDimension('municipality', MUNICIPALITIES_SPEC, regions)).toBe(
      "municipality: named hierarchy 'municipalities' (Norwegian municipalities 2024, all codes, released generalised to 4 health regions → Total)",
    );
  });

  it('procedure: code prefixes of length 3; sex: flat, its few values listed', () => {
    expect(describeDimension('procedure', PROCEDURE_SPEC, PROCEDURE_DIMENSION)).toBe('procedure: code prefixes (14 codes → 6 prefixes of length 3 → Total)');
    expect(describeDimension('sex', 'flat', SEX_DIMENSION)).toBe('sex: flat (2 values: 1, 2)');
    // Nine values are more than the eight a line lists.
    const nine = { name: 'd', total: 'All', hierarchy: { All: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] } };
    expect(describeDimension('d', { type: 'flat' }, nine)).toBe('d: flat (9 values)');
  });
});

describe('describeDimension: other specs and trees', () => {
  it('without the released table: the level names of the spec, no counts', () => {
    expect(describeDimension('municipality', { type: 'municipality' })).toBe(
      'municipality: Norwegian municipalities 2024 (municipalities → counties → health regions → Total)',
    );
    expect(describeDimension('diagnosis', { type: 'icd10', levels: ['block'], total: 'All' })).toBe('diagnosis: ICD-10, WHO 2019 (codes → blocks → All)');
    expect(describeDimension('hospital', HOSPITALS_SPEC)).toBe("hospital: named hierarchy 'hospitals' (parent-child)");
    expect(describeDimension('sex', 'flat')).toBe('sex: flat');
    expect(describeDimension('ward', { type: 'arx', file: 'wards.csv' })).toBe('ward: ARX hierarchy file wards.csv');
  });

  it('interval bounds: an open top band, non-integer bounds, given bands', () => {
    expect(describeDimension('age', { type: 'intervals', min: 0, max: 85, width: 5, openTop: true })).toBe('age: intervals 0–84 of width 5, and 85+');
    expect(describeDimension('dose', { type: 'intervals', min: 0.5, max: 2.5, width: 0.5 })).toBe('dose: intervals [0.5, 2.5) of width 0.5');
    expect(describeDimension('age', { type: 'intervals', bands: [{ from: 0, to: 18 }, { from: 18 }] })).toBe('age: intervals, 2 given bands');
  });

  it('a tree whose leaves sit at different depths is counted as values and groups', () => {
    // Total → East (→ Oslo, Viken), Bergen: leaves Oslo, Viken (depth 2) and Bergen (depth 1); one group, East.
    const uneven = { name: 'region', total: 'Total', hierarchy: { Total: ['East', 'Bergen'], East: ['Oslo', 'Viken'] } };
    expect(describeDimension('region', { type: 'parentChild', pairs: [] }, uneven)).toBe(
      'region: parent-child (3 values and 1 group, up to 2 levels below Total)',
    );
  });

  it('an unknown spec is named by its type, never dropped', () => {
    expect(describeDimension('x', { type: 'quadtree', depth: 3 }, { name: 'x', total: 'Total', hierarchy: { Total: ['a', 'b'] } })).toBe(
      'x: quadtree (2 values → Total)',
    );
  });
});

describe('hierarchyShape and levelLabels', () => {
  it('counts nodes per depth of the released tree', () => {
    expect(hierarchyShape(HOSPITAL_DIMENSION)).toMatchObject({ nodes: [1, 4, 47], leaves: 47, balanced: true });
    expect(hierarchyShape(MUNICIPALITY_DIMENSION)).toMatchObject({ nodes: [1, 4, 15, 357], leaves: 357, balanced: true });
    expect(hierarchyShape(MUNICIPALITY_AT_TOTAL)).toMatchObject({ nodes: [1], leaves: 0, topLabels: [] });
    // A cycle (a → Total) is cut where the node repeats.
    expect(hierarchyShape({ name: 'c', total: 'Total', hierarchy: { Total: ['a'], a: ['Total', 'b'] } })).toMatchObject({ nodes: [1, 1, 1], leaves: 1 });
  });

  it('names each depth, the total first, as the DP noise table shows them', () => {
    expect(levelLabels(MUNICIPALITIES_SPEC, MUNICIPALITY_DIMENSION)).toEqual(['Total', 'health region', 'county', 'municipality']);
    expect(levelLabels(YEARS_SPEC, YEAR_DIMENSION)).toEqual(['Total', 'year']);
    expect(levelLabels(HOSPITALS_SPEC, HOSPITAL_DIMENSION)).toEqual(['Total', 'depth 1', 'hospital']);
    expect(levelLabels(AGE_BANDS_SPEC, AGE_DIMENSION)).toEqual(['Total', 'band of width 10', 'band']);
  });
});
