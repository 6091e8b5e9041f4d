// The HTML string of renderReport on the hand-built release in fixtures.ts. Expected texts are read off the fixture
// (values, symbols, meanings) or computed by hand in the comments; the DOM and the layout are checked in chromium
// by report.browser.test.ts.
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { ReleaseManifest } from '../../../src/release/manifest/ReleaseManifest.js';
import type { ReleasedCell, ReleasedTable } from '../../../src/release/ReleasedTable.js';
import { renderReport } from '../../../src/release/report/renderReport.js';
import {
  AGE,
  byHospital,
  byRegionYear,
  bySexAgeYear,
  cellKeyCount,
  EVIL_LABEL,
  manifest,
  REGION_YEAR,
  SEX,
  tables,
  YEAR,
} from './fixtures.js';
import { attribute, tableByCaption, tablesOf, textOf } from './htmlHelpers.js';

const html = renderReport({ manifest, tables });
const NNBSP = '\u202f';

describe('renderReport: document and sections', () => {
  it('is one HTML5 document with one h1 and the six section headings as h2, in order', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect([...html.matchAll(/<h1[^>]*>(.*?)<\/h1>/g)].map((m) => textOf(m[1]!))).toEqual(['Release report: hip-fracture-2025']);
    expect([...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => textOf(m[1]!))).toEqual([
      'What was asked',
      'The rules applied',
      'The tables',
      'The audit',
      'Utility cost',
      'Reconciliation of input rows',
    ]);
  });

  it('has an h3 per table in the rules and in the tables sections, and one for the budget', () => {
    const h3 = [...html.matchAll(/<h3[^>]*>(.*?)<\/h3>/g)].map((m) => textOf(m[1]!));
    const titles = tables.map((t) => `${t.title} (${t.name})`);
    expect(h3).toEqual([...titles, ...titles, 'Privacy budget']);
  });

  it('loads nothing: no script, link, image, frame, external URL or CSS import; links are fragments only', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|audio|video|source|base)\b/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    // The only URL is the SVG namespace, which is a name and never fetched.
    const urls = [...html.matchAll(/(https?|ftp|file|data):[^\s"'<>)]*/gi)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#[a-z-]+$/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
  });
});

describe('renderReport: escaping', () => {
  it('escapes a label like <script> in the table, the rules and the charts', () => {
    expect(html).not.toContain(EVIL_LABEL);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const table = tableByCaption(html, 'Persons by hospital & ward');
    expect(table.rows.map((r) => r[0]!.text)).toContain(EVIL_LABEL);
  });

  it('escapes text in attributes and in text: quotes in the recipient, & in a title', () => {
    expect(html).toContain('Acme Pharma AS &quot;Nordic&quot;');
    expect(html).not.toContain('"Nordic"');
    expect(html).toContain('Persons by hospital &amp; ward');
  });
});

describe('renderReport: what was asked', () => {
  it('lists dataset, recipient, purpose, agreement, time, version, ids, input and policy with sha256', () => {
    const facts = tableByCaption(html, 'The request and its sources').rows.map((r) => [r[0]!.text, r[1]!.text]);
    expect(facts).toEqual([
      ['Dataset', 'hip-fracture-2025'],
      ['Recipient', 'Acme Pharma AS "Nordic"'],
      ['Purpose', 'Feasibility of a hip-fracture trial'],
      ['Agreement', 'HSØ 2025/123'],
      ['Created at', '2026-11-22T10:00:00.000Z'],
      ['prikk version', '0.1.0'],
      ['Release id', '2026-11-22T10-00-00Z-3f2a'],
      ['Request fingerprint', 'f'.repeat(64)],
      // 123456 bytes: six digits, grouped by a narrow no-break space.
      ['Input file', `extract.csv (123${NNBSP}456 bytes)sha256 ${'1'.repeat(64)}`],
      ['Policy file', `policy.yaml${'sha256 '}${'2'.repeat(64)}`],
    ]);
    expect(html).not.toContain('Re-issue of');
  });

  it('says when the release re-issues an earlier one', () => {
    const reissued = renderReport({ manifest: { ...manifest, reissueOf: 'R-0001' }, tables });
    const facts = tableByCaption(reissued, 'The request and its sources').rows.map((r) => [r[0]!.text, r[1]!.text]);
    expect(facts).toContainEqual(['Re-issue of', 'R-0001']);
    expect(textOf(reissued)).toContain('This is a re-issue of release R-0001');
  });
});

describe('renderReport: the rules applied', () => {
  it('puts each method in plain words, and parameters it does not know as key/value', () => {
    const text = textOf(html);
    expect(text).toContain(
      'Cell suppression: a cell is sensitive when persons < 5; dominance (1, 80 %) on cost; secondary suppression: ' +
        'fast (Gaussian elimination), cost: fewest cells; singletons protected.',
    );
    expect(text).toContain('NHS rule: 1–7 shown as *, other counts rounded to base 5.');
    expect(text).toContain(
      'Differential privacy: ε = 1/2 (0.5); statistic: persons; each person counts in at most 1 cell, with at most 1 row per cell; ' +
        '95 % confidence intervals',
    );
    expect(text).toContain('Cell key method: p-table D = 3, V = 1, js = 2;');
    expect(text).toContain('margins are not additive');
    expect(html).toContain('<dt>Parameter solverNote</dt><dd>HiGHS 1.15</dd>');
    expect(html).toContain('<dt>Cohort filter</dt><dd>age &gt;= 65</dd>');
    expect(html).toContain('<dt>Privacy spent</dt><dd>ε = 1/2 (0.5)</dd>');
  });
});

describe('renderReport: the tables', () => {
  it('1 dimension: a column table in hierarchy order, hidden cells as their symbol with the meaning as tooltip', () => {
    const t = tableByCaption(html, 'Persons by hospital & ward');
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['hospital', 'Persons'],
      ['A', '12'],
      [EVIL_LABEL, '..'],
      ['C', ':'],
      ['Total', '41'],
    ]);
    const [primary, secondary] = [t.rows[2]![1]!, t.rows[3]![1]!];
    expect(attribute(primary.attributes, 'class')).toBe('num hidden status-primary');
    expect(attribute(primary.attributes, 'title')).toBe('Hidden: fewer than 5 persons');
    expect(attribute(secondary.attributes, 'class')).toBe('num hidden status-secondary');
    expect(attribute(secondary.attributes, 'title')).toBe('Hidden to protect another hidden cell');
    // The total row is a margin; th has scope on every header cell.
    expect(html).toMatch(/<tr class="margin"><th scope="row" class="lvl-0">Total<\/th><td class="num margin">41<\/td><\/tr>/);
  });

  it('2 dimensions: a cross table, rows and columns in hierarchy order with subtotals and totals', () => {
    const t = tableByCaption(html, 'Persons by region and year (Persons)');
    const expected = [
      ['region \\ year', '2023', '2024', 'Total'],
      // Post-order of { Total: [East, West], East: [Oslo, Viken], West: [Bergen] }: members before their subtotal.
      ...['Oslo', 'Viken', 'East', 'Bergen', 'West', 'Total'].map((region, i) => [region, ...REGION_YEAR[i]!.map((v) => (v === null ? '*' : String(v)))]),
    ];
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual(expected);
    const small = t.rows.flat().filter((c) => c.attributes.includes('hidden'));
    expect(small).toHaveLength(3);
    for (const c of small) expect(attribute(c.attributes, 'title')).toBe('1 to 7 persons');
    // East, West and Total are margins; every cell of the Total column too.
    const marginRows = t.rows.slice(1).filter((r) => r.every((c) => c.attributes.includes('margin') || c.tag === 'th'));
    expect(marginRows.map((r) => r[0]!.text)).toEqual(['East', 'West', 'Total']);
    for (const row of t.rows.slice(1)) expect(row[3]!.attributes).toContain('margin');
  });

  it('DP cells show grouped values, and the interval and post-processing in the tooltip', () => {
    const t = tableByCaption(html, 'Persons by sex (differentially private)');
    // Each count carries its interval in a span.ci that only print shows (paper has no tooltips).
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['sex', 'Persons', 'Mean of cost'],
      ['F', '2710 (2706 to 2714)', `81${NNBSP}234.5`],
      ['M', '2179 (2175 to 2183)', `79${NNBSP}000.0`],
      ['Total', `12${NNBSP}345 (12${NNBSP}341 to 12${NNBSP}349)`, `80${NNBSP}250.0`],
    ]);
    expect(attribute(t.rows[1]![1]!.attributes, 'title')).toBe('95 % confidence interval: 2706 to 2714');
    expect(attribute(t.rows[2]![1]!.attributes, 'title')).toBe('95 % confidence interval: 2175 to 2183; changed by post-processing');
    expect(attribute(t.rows[3]![1]!.attributes, 'title')).toBe(`95 % confidence interval: 12${NNBSP}341 to 12${NNBSP}349`);
    // The interval belongs to the first value field only.
    expect(attribute(t.rows[1]![2]!.attributes, 'title')).toBeUndefined();
  });

  it('3 dimensions: the long format, every cell, the hidden one as its symbol', () => {
    const t = tableByCaption(html, 'Persons by sex, age and year');
    const expected: string[][] = [['sex', 'age', 'year', 'Persons']];
    SEX.forEach((sex, s) =>
      AGE.forEach((age, a) =>
        YEAR.forEach((year, y) => expected.push([sex, age, year, s === 1 && a === 1 && y === 1 ? 'x' : String(cellKeyCount(s, a, y))])),
      ),
    );
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual(expected);
    expect(html).not.toContain('Showing the first');
  });

  it('caps the long format at 2,000 rows and says where the full table is', () => {
    const labels = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const dims = ['a', 'b', 'c'].map((name) => ({ name, total: 'T', hierarchy: { T: labels } }));
    const all = [...labels, 'T'];
    const cells: ReleasedCell[] = [];
    for (const a of all) for (const b of all) for (const c of all) cells.push({ coords: { a, b, c }, status: 'published', rows: 1 });
    // 13 × 13 × 13 = 2197 cells: 2000 shown, 197 left out.
    const big: ReleasedTable = {
      ...bySexAgeYear,
      name: 'big',
      title: 'Big',
      dimensions: dims,
      valueFields: [{ key: 'rows', label: 'Rows', decimals: 0 }],
      cells,
      legend: [],
      notes: [],
      summary: { cells: 2197, hiddenCells: 0, hiddenCellShare: 0 },
    };
    const bigManifest: ReleaseManifest = {
      ...manifest,
      tables: [{ ...manifest.tables[3]!, name: 'big', title: 'Big', summary: big.summary, files: [{ path: 'big.csv', sha256: '' }, { path: 'big.xlsx', sha256: '' }] }],
    };
    const out = renderReport({ manifest: bigManifest, tables: [big] });
    expect(tableByCaption(out, 'Big').rows).toHaveLength(1 + 2000);
    expect(textOf(out)).toContain('Showing the first 2000 of 2197 cells (197 more): the full table is in big.csv, big.xlsx.');
  });

  it('2 dimensions with more than 40 columns: the long format instead of a cross table, with a note', () => {
    const years = Array.from({ length: 41 }, (_, i) => String(1980 + i));
    const wide: ReleasedTable = {
      ...byRegionYear,
      name: 'wide',
      title: 'Wide',
      dimensions: [byRegionYear.dimensions[0]!, { name: 'year', total: 'Total', hierarchy: { Total: years } }],
      cells: ['Oslo', 'Total'].flatMap((region) => [...years, 'Total'].map((year): ReleasedCell => ({ coords: { region, year }, status: 'published', persons: 5 }))),
    };
    const out = renderReport({ manifest: { ...manifest, tables: [{ ...manifest.tables[1]!, name: 'wide', title: 'Wide' }] }, tables: [wide] });
    const t = tableByCaption(out, 'Wide');
    expect(t.className).toBe('cells long');
    // 2 regions × 42 year nodes = 84 cells, one row each, and the header row.
    expect(t.rows).toHaveLength(85);
    expect(textOf(out)).toContain('Shown in the long format: 42 columns by 6 rows do not fit a cross table.');
  });

  it('hidden cells never show a number, anywhere in any table', () => {
    const hidden = tablesOf(html)
      .flatMap((t) => t.rows.flat())
      .filter((c) => /\bhidden\b/.test(attribute(c.attributes, 'class') ?? ''));
    // 2 in by_hospital, 3 in by_region_year, 1 in by_sex_age_year.
    expect(hidden).toHaveLength(6);
    const meanings = tables.flatMap((t) => t.legend.filter((l) => l.status !== 'published').map((l) => l.meaning));
    for (const c of hidden) {
      expect(['..', ':', '*', 'x']).toContain(c.text);
      expect(c.text).not.toMatch(/\d/);
      // The tooltip is the legend's meaning, word for word: nothing about the cell's own value.
      expect(meanings).toContain(attribute(c.attributes, 'title'));
    }
  });

  it('footnotes: the legend with symbol, meaning and cell count, and the notes', () => {
    const text = textOf(html);
    expect(text).toContain('.. Hidden: fewer than 5 persons (1 cell)');
    expect(text).toContain(': Hidden to protect another hidden cell (1 cell)');
    expect(text).toContain('* 1 to 7 persons (3 cells)');
    expect(html).toContain('<ul class="notes" aria-label="Notes"><li>Rounded counts: margins may not equal the sum of their parts.</li></ul>');
  });
});

describe('renderReport: the audit', () => {
  it('shows each audit and the release-wide one as passed, without a red box', () => {
    const t = tableByCaption(html, 'Audit per table');
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Table', 'Method', 'Result', 'Cells checked', 'Failed', 'Narrowest interval width', 'Singleton leaks', 'Scope'],
      ['Persons by hospital & ward (by_hospital)', 'Cell suppression', 'passed', '1', '0', '26', '0', 'by_hospital'],
    ]);
    const r = tableByCaption(html, 'Audit of the whole release, together with the earlier releases of the dataset');
    expect(r.rows[1]!.map((c) => c.text)).toEqual(['This release with 2 earlier releases', 'every suppressed table', 'passed', '1', '0', '26', '0', 'release + earlier']);
    expect(html).not.toContain('class="alarm"');
  });

  it('puts a red box (role=alert) in the audit section and under the h1 when an audit failed', () => {
    const failed: ReleaseManifest = {
      ...manifest,
      releaseAudit: { ...manifest.releaseAudit!, passed: false, failed: 1, narrowestWidth: 0 },
    };
    const out = renderReport({ manifest: failed, tables });
    expect(out.match(/<div class="alarm" role="alert">/g)).toHaveLength(2);
    expect(textOf(out)).toContain('The audit FAILED for the release-wide audit.');
    expect(textOf(out)).toContain('The audit of this release FAILED.');
  });
});

describe('renderReport: a narrowest width that is a bound', () => {
  it('shows it as "≥ w" with a note, and only then; a flag that is not true is refused', () => {
    const bound: ReleaseManifest = { ...manifest, releaseAudit: { ...manifest.releaseAudit!, narrowestWidthIsBound: true } };
    const out = renderReport({ manifest: bound, tables });
    const r = tableByCaption(out, 'Audit of the whole release, together with the earlier releases of the dataset');
    expect(r.rows[1]![5]!.text).toBe('≥ 26');
    expect(tableByCaption(out, 'Audit per table').rows[1]![5]!.text).toBe('26');
    expect(textOf(out)).toContain('the narrowest interval is at least w wide');
    expect(textOf(html)).not.toContain('the narrowest interval is at least w wide');
    const wrong = { ...manifest, releaseAudit: { ...manifest.releaseAudit!, narrowestWidthIsBound: false } } as unknown as ReleaseManifest;
    expect(() => renderReport({ manifest: wrong, tables })).toThrow('narrowestWidthIsBound?: true');
  });
});

describe('renderReport: an audit of several quantities', () => {
  it('shows each part\'s narrowest in its unit, "not pinned" where none is reported, with a note; malformed parts are refused', () => {
    const parts = [
      { scope: 'a + b (count < 5)', quantity: 'count', cellsChecked: 3, failed: 0, narrowestWidth: 5 },
      { scope: 'a + b (cost: dominance; hidden sums not pinned)', quantity: 'cost', cellsChecked: 2, failed: 0, narrowestWidth: null, notPinnedOnly: true as const },
    ];
    const withParts: ReleaseManifest = { ...manifest, releaseAudit: { ...manifest.releaseAudit!, narrowestWidth: 5, parts } };
    const out = renderReport({ manifest: withParts, tables });
    const r = tableByCaption(out, 'Audit of the whole release, together with the earlier releases of the dataset');
    expect(r.rows[1]![5]!.text).toBe('count: 5cost: not pinned');
    expect(textOf(out)).toContain('not pinned: the published tables hold no contributions');
    expect(textOf(html)).not.toContain('not pinned: the published tables');
    // One part with a width: shown as before, without a label.
    const one: ReleaseManifest = { ...manifest, releaseAudit: { ...manifest.releaseAudit!, parts: [parts[0]!] } };
    expect(tableByCaption(renderReport({ manifest: one, tables }), 'Audit of the whole release, together with the earlier releases of the dataset').rows[1]![5]!.text).toBe('26');
    const wrong = { ...manifest, releaseAudit: { ...manifest.releaseAudit!, parts: [{ ...parts[1], notPinnedOnly: false }] } } as unknown as ReleaseManifest;
    expect(() => renderReport({ manifest: wrong, tables })).toThrow('manifest.releaseAudit.parts[0]');
  });
});

describe('renderReport: utility cost and budget', () => {
  it('tabulates the cost per table', () => {
    const t = tableByCaption(html, 'Utility cost per table');
    expect(t.rows.slice(1).map((r) => r.map((c) => c.text))).toEqual([
      // 29/41 = 0.70731… -> 70.7 %
      ['by_hospital', 'Cell suppression', '4', '2', '50.0 %', '70.7 %', '–', '–', '–'],
      // 3/18 = 0.1666… -> 16.7 %
      ['by_region_year', 'Rounding', '18', '3', '16.7 %', '5.0 %', '–', '1.2', '–'],
      // 2.2360679 to three significant digits: 2.24
      ['dp_by_sex', 'Differential privacy', '3', '0', '0.0 %', '–', '2.24', '–', '–'],
      // 1/27 = 0.037037… -> 3.7 %
      ['by_sex_age_year', 'Cell key method', '27', '1', '3.7 %', '–', '1', '0.75', '–'],
    ]);
  });

  it('draws the hidden share and noise charts with title, desc and the numbers as text', () => {
    const svg = (id: string): string => {
      const m = new RegExp(`<svg[^>]*aria-labelledby="${id}-title ${id}-desc"[^>]*>.*?</svg>`, 's').exec(html);
      if (!m) throw new Error(`no chart ${id}`);
      return m[0];
    };
    const hidden = svg('chart-hidden-share');
    expect(hidden).toContain('role="img"');
    expect(hidden).toContain('<title id="chart-hidden-share-title">Share of cells hidden, per table</title>');
    expect(textOf(/<desc[^>]*>(.*?)<\/desc>/s.exec(hidden)![1]!)).toBe(
      'Share of each table’s cells that are hidden (0 to 100 %). by_hospital: 50.0 %. by_region_year: 16.7 %. dp_by_sex: 0.0 %. by_sex_age_year: 3.7 %.',
    );
    // Bar lengths: 340 px is 100 %, so 50 % is 170 px, 16.7 % is 56.7 px, 0 % is 0, 1/27 is 12.6 px.
    expect([...hidden.matchAll(/class="bar-rect"[^>]*\swidth="([\d.]+)"/g)].map((m) => m[1])).toEqual(['170', '56.7', '0', '12.6']);
    const noise = svg('chart-noise-sd');
    expect(textOf(/<desc[^>]*>(.*?)<\/desc>/s.exec(noise)![1]!)).toContain('dp_by_sex: 2.24. by_sex_age_year: 1.');
  });

  it('shows the privacy budget: lifetime ε = 2, ε = 1/2 before and now, 1 remaining', () => {
    const facts = tableByCaption(html, 'The privacy budget of dataset hip-fracture-2025').rows.map((r) => [r[0]!.text, r[1]!.text]);
    expect(facts).toEqual([
      ['Lifetime budget of the dataset', 'ε = 2'],
      ['Spent by earlier releases', 'ε = 1/2 (0.5)'],
      ['Spent by this release', 'ε = 1/2 (0.5)'],
      ['Summary', 'spent ε = 1 of 2, remaining ε = 1'],
    ]);
    const legend = [...html.matchAll(/<text class="legend"[^>]*>(.*?)<\/text>/g)].map((m) => textOf(m[1]!));
    expect(legend).toEqual(expect.arrayContaining(['Spent before: ε = 0.5', 'Spent now: ε = 0.5', 'Remaining: ε = 1']));
  });

  it('expresses pure-DP spending against a zCDP budget as ρ = ε²/2', () => {
    // Lifetime ρ = 1/2; spent before ε = 1/2 -> ρ = 1/8 = 0.125; now ρ = 1/10 -> remaining 1/2 - 1/8 - 1/10 = 0.275.
    const zcdp: ReleaseManifest = {
      ...manifest,
      budget: {
        lifetime: { kind: 'zcdp', rho: '1/2', delta: '0' },
        spentBefore: [{ kind: 'pure', epsilon: '1/2' }],
        spentNow: [{ kind: 'zcdp', rho: '1/10', delta: '0' }],
        description: '…',
      },
    };
    const out = renderReport({ manifest: zcdp, tables });
    const legend = [...out.matchAll(/<text class="legend"[^>]*>(.*?)<\/text>/g)].map((m) => textOf(m[1]!));
    expect(legend).toEqual(expect.arrayContaining(['Spent before: ρ = 0.125', 'Spent now: ρ = 0.1', 'Remaining: ρ = 0.275']));
  });

  it('leaves the budget out when the manifest has none', () => {
    const { budget: _, ...noBudget } = manifest;
    const out = renderReport({ manifest: noBudget, tables });
    expect(out).not.toContain('Privacy budget');
    expect(out).not.toContain('chart-budget');
  });
});

describe('renderReport: reconciliation', () => {
  it('shows rows read = used + excluded by reason, largest first, as a table and a stacked bar', () => {
    expect(textOf(html)).toContain('extract.csv: 5000 rows read = 4890 used + 110 excluded');
    const t = tableByCaption(html, 'Input rows: used, and excluded by reason');
    expect(t.rows.slice(1).map((r) => r.map((c) => c.text))).toEqual([
      // 4890/5000 = 97.8 %, 60/5000 = 1.2 %, 50/5000 = 1.0 %
      ['Rows used', '4890', '97.8 %'],
      ['Excluded: missing:age', '60', '1.2 %'],
      ['Excluded: filter:age >= 65', '50', '1.0 %'],
      ['Rows read', '5000', '100.0 %'],
    ]);
    const segments = [...html.matchAll(/<rect class="segment"[^>]*\swidth="([\d.]+)"[^>]*><title>(.*?)<\/title>/g)].map((m) => [textOf(m[2]!), m[1]]);
    // 624 px for 5000 rows: 4890 -> 610.3, 60 -> 7.5, 50 -> 6.2 (624 × n / 5000, to 0.1 px).
    expect(segments).toEqual(
      expect.arrayContaining([
        ['Used: 4890', '610.3'],
        ['Excluded: missing:age: 60', '7.5'],
        ['Excluded: filter:age >= 65: 50', '6.2'],
      ]),
    );
    expect(html.match(/class="alarm"/g)).toBeNull();
  });

  it('flags a reconciliation that does not add up', () => {
    const out = renderReport({ manifest: { ...manifest, reconciliation: { ...manifest.reconciliation, rowsRead: 5001 } }, tables });
    expect(textOf(out)).toContain('The rows do not add up: 4890 used + 110 excluded is 5000, not the 5001 rows read.');
  });
});

describe('renderReport: decimal mark', () => {
  it("uses the policy's decimal mark, ',' by default (the CSV delimiter's default is ';')", () => {
    const out = renderReport({ manifest: { ...manifest, policy: { ...manifest.policy, content: {} } }, tables });
    const t = tableByCaption(out, 'Persons by sex (differentially private)');
    expect(t.rows[1]!.map((c) => c.text)).toEqual(['F', '2710 (2706 to 2714)', `81${NNBSP}234,5`]);
    expect(textOf(out)).toContain('97,8 %');
  });
});

describe('renderReport: refuses malformed input', () => {
  const withCells = (cells: readonly ReleasedCell[]): readonly ReleasedTable[] => [{ ...byHospital, cells }, ...tables.slice(1)];

  it('refuses a hidden cell that carries a value, without printing the value', () => {
    const leaky = byHospital.cells.map((c, i) => (i === 1 ? { ...c, persons: 987 } : c));
    let error: unknown;
    try {
      renderReport({ manifest, tables: withCells(leaky) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('INVALID_ARGUMENT');
    expect((error as PrikkError).message).toBe(
      "renderReport: tables[0].cells[1]: expected no value field on a hidden cell (status 'primary'), but it carries 'persons'; hidden cells must have no value",
    );
    expect((error as PrikkError).message).not.toContain('987');
  });

  it('refuses a DP interval on a hidden cell, an unknown status, a missing coordinate and repeated names', () => {
    const cases: [readonly ReleasedTable[], string][] = [
      [withCells(byHospital.cells.map((c, i) => (i === 2 ? { ...c, interval: { lower: 1, upper: 9 } } : c))), "carries 'interval'"],
      [withCells(byHospital.cells.map((c, i) => (i === 0 ? { ...c, status: 'suppressed' as 'primary' } : c))), 'tables[0].cells[0].status: expected one of published, primary, secondary, small'],
      [withCells(byHospital.cells.map((c, i) => (i === 0 ? { ...c, coords: {} } : c))), "tables[0].cells[0].coords: expected a label for dimension 'hospital'"],
      [[byHospital, byHospital], "tables[1].name: expected a name no other table has ('by_hospital' repeats)"],
    ];
    for (const [input, message] of cases) {
      expect(() => renderReport({ manifest, tables: input })).toThrow(message);
    }
  });

  it('refuses a manifest without its required fields', () => {
    const { recipient: _, ...noRecipient } = manifest;
    expect(() => renderReport({ manifest: noRecipient as ReleaseManifest, tables })).toThrow('renderReport: manifest.recipient: expected a string');
    expect(() => renderReport({ manifest: { ...manifest, tables: [{ ...manifest.tables[0]!, summary: {} as never }] }, tables })).toThrow(
      'renderReport: manifest.tables[0].summary: expected { cells, hiddenCells, hiddenCellShare }',
    );
  });
});
