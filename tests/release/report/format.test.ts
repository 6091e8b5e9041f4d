// The small parts of the report: escaping, number formatting, hierarchy order, charts, budget amounts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetAmounts } from '../../../src/release/report/budgetAmounts.js';
import { horizontalBarChart } from '../../../src/release/report/charts/horizontalBarChart.js';
import { stackedBarChart } from '../../../src/release/report/charts/stackedBarChart.js';
import { escapeHtml } from '../../../src/release/report/escapeHtml.js';
import { formatNumber, formatShare, formatStatistic } from '../../../src/release/report/formatNumber.js';
import { dimensionOrder } from '../../../src/release/report/tables/dimensionOrder.js';
import { decode } from './htmlHelpers.js';

describe('escapeHtml', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  // Strings rich in the characters (and entity look-alikes) that matter, mixed with any grapheme.
  const markupHeavy = fc.oneof(
    fc.constantFrom('<', '>', '"', "'", '&', '&amp;', '&#39;', '&lt;', ';'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  );

  it('property: the output has no markup character and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: markupHeavy }), (s) => {
        const e = escapeHtml(s);
        return !/[<>"']/.test(e) && decode(e) === s;
      }),
    );
  });
});

describe('formatNumber', () => {
  const N = '\u202f';
  it.each([
    [0, 0, '.', '0'],
    [-0, 0, '.', '0'],
    [-0.04, 1, '.', '0.0'],
    [-12.5, 1, ',', '-12,5'],
    [1234, 0, '.', '1234'],
    [12345, 0, '.', `12${N}345`],
    [1234567.891, 2, ',', `1${N}234${N}567,89`],
    [Number.NaN, 0, '.', '–'],
  ] as const)('formatNumber(%s, %s, %s) = %s', (value, decimals, mark, expected) => {
    expect(formatNumber(value, decimals, mark)).toBe(expected);
  });

  it('shares and statistics', () => {
    expect(formatShare(2 / 3, '.')).toBe('66.7 %');
    expect(formatShare(1, ',')).toBe('100,0 %');
    expect(formatStatistic(0.5, '.')).toBe('0.5');
    expect(formatStatistic(2.2360679, ',')).toBe('2,24');
    expect(formatStatistic(0.012345, '.')).toBe('0.0123');
    expect(formatStatistic(10.04, '.')).toBe('10');
    expect(formatStatistic(123.6, '.')).toBe('124');
  });
});

describe('dimensionOrder', () => {
  it('walks members before their subtotal, the total last, and keeps labels the hierarchy lacks', () => {
    const order = dimensionOrder(
      { name: 'r', total: 'T', hierarchy: { T: ['03', '11'], '11': ['1101', '1103'] } },
      [{ coords: { r: 'zz' }, status: 'published' }, { coords: { r: '1101' }, status: 'published' }],
    );
    expect(order).toEqual([
      { label: '03', depth: 1, margin: false },
      { label: '1101', depth: 2, margin: false },
      { label: '1103', depth: 2, margin: false },
      { label: '11', depth: 1, margin: true },
      { label: 'zz', depth: 1, margin: false },
      { label: 'T', depth: 0, margin: true },
    ]);
  });

  it('survives a cycle and a deep chain', () => {
    expect(dimensionOrder({ name: 'r', total: 'T', hierarchy: { T: ['a'], a: ['T', 'b'] } }, []).map((n) => n.label)).toEqual(['b', 'a', 'T']);
    const deep: Record<string, string[]> = {};
    for (let i = 0; i < 20000; i++) deep[i === 0 ? 'T' : `n${i}`] = [`n${i + 1}`];
    expect(dimensionOrder({ name: 'r', total: 'T', hierarchy: deep }, [])).toHaveLength(20001);
  });
});

describe('charts', () => {
  it('horizontal bars: lengths proportional to value over max, title/desc, escaped labels', () => {
    const svg = horizontalBarChart({
      id: 'c1',
      title: 'T <1>',
      description: 'D.',
      bars: [
        { label: 'a<b', value: 2, text: '2' },
        { label: 'b', value: 4, text: '4' },
      ],
    });
    // The longest bar (4) is the full 340 px; 2 is half.
    expect([...svg.matchAll(/class="bar-rect"[^>]*\swidth="([\d.]+)"/g)].map((m) => m[1])).toEqual(['170', '340']);
    expect(svg).toContain('<title id="c1-title">T &lt;1&gt;</title><desc id="c1-desc">D. a&lt;b: 2. b: 4.</desc>');
    expect(svg).not.toContain('a<b');
    expect(() => horizontalBarChart({ id: '1"x', title: '', description: '', bars: [] })).toThrow("horizontalBarChart: id: expected a letter");
  });

  it('stacked bar: segment widths add up to the 624 px track', () => {
    const svg = stackedBarChart({
      id: 'c2',
      title: 't',
      description: 'd',
      segments: [
        { label: 'x', value: 1, text: '1' },
        { label: 'y', value: 3, text: '3' },
      ],
    });
    // 1/4 and 3/4 of 624 px.
    expect([...svg.matchAll(/class="segment"[^>]*\swidth="([\d.]+)"/g)].map((m) => m[1])).toEqual(['156', '468']);
  });
});

describe('budgetAmounts', () => {
  it('sums exactly in the lifetime budget’s terms', () => {
    // 1/3 + 1/6 = 1/2 before; 1/10 now; 1 - 1/2 - 1/10 = 0.4 remaining.
    expect(
      budgetAmounts({
        lifetime: { kind: 'pure', epsilon: '1' },
        spentBefore: [{ kind: 'pure', epsilon: '1/3' }, { kind: 'pure', epsilon: '1/6' }],
        spentNow: [{ kind: 'pure', epsilon: '0.1' }],
        description: '',
      }),
    ).toEqual({ parameter: 'ε', lifetime: 1, spentBefore: 0.5, spentNow: 0.1, remaining: 0.4 });
  });

  it('gives up (no bar) when a loss cannot be spent from the budget’s kind', () => {
    expect(
      budgetAmounts({ lifetime: { kind: 'pure', epsilon: '1' }, spentBefore: [{ kind: 'zcdp', rho: '1/10', delta: '0' }], spentNow: [], description: '' }),
    ).toBeUndefined();
  });
});
