// The rules section's HTML for a release shaped like the hip-fracture example (parameters and hierarchy specs copied
// from its manifest, released trees built by hand in exampleShapes.ts): one line per dimension, short parameter
// lines, the DP noise table, and the full JSON kept in collapsed <details>. Expected texts are written by hand.
import { describe, expect, it } from 'vitest';
import type { CellTableDimensionJson } from '../../../src/aggregate/CellTableJson.js';
import type { ReleaseManifest, TableManifest } from '../../../src/release/manifest/ReleaseManifest.js';
import type { ReleaseMethod, ReleasedTable } from '../../../src/release/ReleasedTable.js';
import { renderRulesSection } from '../../../src/release/report/sections/renderRulesSection.js';
import {
  AGE_BANDS_SPEC,
  AGE_DIMENSION,
  CELL_KEY_PARAMETERS,
  DP_PARAMETERS,
  HOSPITAL_DIMENSION,
  HOSPITALS_SPEC,
  K_ANONYMITY_PARAMETERS,
  MUNICIPALITIES_SPEC,
  MUNICIPALITY_AT_TOTAL,
  MUNICIPALITY_DIMENSION,
  PROCEDURE_DIMENSION,
  PROCEDURE_SPEC,
  ROUNDING_PARAMETERS,
  SEX_DIMENSION,
  SUPPRESSION_PARAMETERS,
  YEAR_DIMENSION,
  YEARS_SPEC,
} from './exampleShapes.js';
import { decode, tableByCaption, textOf } from './htmlHelpers.js';

interface Spec {
  readonly name: string;
  readonly method: ReleaseMethod;
  readonly unit: 'rows' | 'persons';
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly dimensions: readonly (readonly [spec: unknown, released: CellTableDimensionJson])[];
}

const SPECS: readonly Spec[] = [
  {
    name: 'cost_by_hospital_year',
    method: 'suppression',
    unit: 'rows',
    parameters: SUPPRESSION_PARAMETERS,
    dimensions: [
      [HOSPITALS_SPEC, HOSPITAL_DIMENSION],
      [YEARS_SPEC, YEAR_DIMENSION],
    ],
  },
  {
    name: 'operations_by_procedure_sex',
    method: 'rounding',
    unit: 'rows',
    parameters: ROUNDING_PARAMETERS,
    dimensions: [
      [PROCEDURE_SPEC, PROCEDURE_DIMENSION],
      ['flat', SEX_DIMENSION],
    ],
  },
  {
    name: 'persons_by_age_sex_area',
    method: 'kAnonymity',
    unit: 'persons',
    parameters: K_ANONYMITY_PARAMETERS,
    dimensions: [
      [AGE_BANDS_SPEC, AGE_DIMENSION],
      ['flat', SEX_DIMENSION],
      [MUNICIPALITIES_SPEC, MUNICIPALITY_AT_TOTAL],
    ],
  },
  {
    name: 'persons_by_region_year_dp',
    method: 'dp',
    unit: 'persons',
    parameters: DP_PARAMETERS,
    dimensions: [
      [MUNICIPALITIES_SPEC, MUNICIPALITY_DIMENSION],
      [YEARS_SPEC, YEAR_DIMENSION],
    ],
  },
  {
    name: 'feasibility_by_hospital_year',
    method: 'cellKey',
    unit: 'persons',
    parameters: CELL_KEY_PARAMETERS,
    dimensions: [
      [HOSPITALS_SPEC, HOSPITAL_DIMENSION],
      [YEARS_SPEC, YEAR_DIMENSION],
    ],
  },
];

const summary = { cells: 1, hiddenCells: 0, hiddenCellShare: 0 };
const entries: TableManifest[] = SPECS.map((s) => ({
  name: s.name,
  title: s.name,
  method: s.method,
  parameters: s.parameters,
  dimensions: s.dimensions.map(([spec, released]) => ({ column: released.name, hierarchy: spec })),
  unit: s.unit,
  values: [s.unit],
  summary,
  notes: [],
  files: [],
}));
// renderRulesSection reads the released tables' dimensions and legend only.
const released: ReleasedTable[] = SPECS.map((s) => ({
  format: 'prikk.cell-table/1',
  name: s.name,
  title: s.name,
  method: s.method,
  unit: s.unit,
  measures: [],
  dimensions: s.dimensions.map(([, d]) => d),
  valueFields: [],
  cells: [],
  legend: [{ status: 'small', symbol: '*', meaning: '1 to 7', cells: 0 }],
  notes: [],
  summary,
}));
const manifest = { tables: entries } as unknown as ReleaseManifest;
const html = renderRulesSection(manifest, released, ',');

/** The HTML of table i's <section class="rule">. */
function ruleOf(i: number): string {
  const sections = html.split('<section class="rule"').slice(1);
  return sections[i]!;
}

/** The <dd> texts after the <dt> named `term` in a rule section. */
function dd(rule: string, term: string): string {
  const m = new RegExp(`<dt>${term}</dt><dd>(.*?)</dd>`, 's').exec(rule);
  if (!m) throw new Error(`no <dt>${term}</dt>`);
  return m[1]!;
}

describe('rules section: dimensions', () => {
  it('one list item per dimension, in words', () => {
    const items = (i: number): string[] => [...dd(ruleOf(i), 'Dimensions').matchAll(/<li>(.*?)<\/li>/g)].map((m) => decode(m[1]!));
    expect(items(0)).toEqual([
      "hospital: named hierarchy 'hospitals' (parent-child, 47 values → 4 groups → Total)",
      "year: named hierarchy 'years' (intervals 2019–2025 of width 1, 7 values → Total)",
    ]);
    expect(items(1)).toEqual(['procedure: code prefixes (14 codes → 6 prefixes of length 3 → Total)', 'sex: flat (2 values: 1, 2)']);
    expect(items(2)).toEqual([
      "age: named hierarchy 'ageBands' (intervals 0–109 of width 5, 22 bands → 11 bands of width 10 → Total)",
      'sex: flat (2 values: 1, 2)',
      "municipality: named hierarchy 'municipalities' (Norwegian municipalities 2024, all codes, released as Total only)",
    ]);
    expect(items(3)[0]).toBe(
      "municipality: named hierarchy 'municipalities' (Norwegian municipalities 2024, all codes, 357 municipalities → 15 counties → 4 health regions → Total)",
    );
  });

  it('nothing floods the page: no <dd> has more than 200 characters (the hospital spec alone had about 1,500)', () => {
    // A list item is a line of its own.
    const lines = [...html.matchAll(/<dd>(.*?)<\/dd>/gs)].flatMap((m) => textOf(m[1]!.replace(/<\/li><li>/g, '\n')).split('\n'));
    expect(lines.length).toBeGreaterThan(30);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(200);
    // The hospital codes are in the hierarchy spec only: outside the collapsed JSON they do not appear.
    expect(html).toContain('OUS-ULL');
    expect(html.replace(/<details.*?<\/details>/gs, '')).not.toContain('OUS-ULL');
  });
});

describe('rules section: parameters', () => {
  it('lists uncovered parameters as one line each', () => {
    expect(decode(dd(ruleOf(2), 'Parameter metrics'))).toBe('loss = 0.272047, discernibility = 42663, height = 3, averageClassSize = 31.4091');
    expect(html).not.toContain('<dt>Parameter noise</dt>');
    expect(html).not.toContain('<dt>Parameter ptable</dt>');
  });

  it('shows the DP noise as a table: level, depth names, noise, loss and share (with the decimal comma)', () => {
    const t = tableByCaption(html, 'Noise per level');
    const names = ['Total', 'health region', 'county', 'municipality'];
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Level', 'municipality', 'year', 'Noise', 'Privacy loss', 'Share of ε'],
      // Level l has depths (floor(l / 2), l mod 2); 1/16 of ε = 1/2 is 12.5 %.
      ...Array.from({ length: 8 }, (_, l) => [
        String(l),
        names[Math.floor(l / 2)]!,
        l % 2 === 0 ? 'Total' : 'year',
        'discrete Laplace(scale 32)',
        'ε = 1/16 (0.0625)',
        '12,5 %',
      ]),
    ]);
  });

  it('keeps every parameter and every hierarchy spec as JSON in closed <details>, one per table', () => {
    const all = [...html.matchAll(/<details class="json"><summary>All parameters<\/summary><pre>(.*?)<\/pre><\/details>/gs)];
    expect(all).toHaveLength(5);
    all.forEach((m, i) => expect(JSON.parse(decode(m[1]!))).toEqual(SPECS[i]!.parameters));
    const specs = [...html.matchAll(/<details class="json"><summary>Hierarchy specifications<\/summary><pre>(.*?)<\/pre><\/details>/gs)];
    expect(specs).toHaveLength(5);
    expect(JSON.parse(decode(specs[0]![1]!))).toEqual({ hospital: HOSPITALS_SPEC, year: YEARS_SPEC });
    expect(JSON.parse(decode(specs[1]![1]!))).toEqual({ procedure: PROCEDURE_SPEC, sex: 'flat' });
    expect(html).not.toMatch(/<details[^>]* open/);
  });
});
