import { describe, expect, it } from 'vitest';
import { intervalHierarchy } from '../../src/hierarchy/intervalHierarchy.js';
import { canonical, thrown } from './helpers.js';

describe('intervalHierarchy', () => {
  // Age 0-4, ..., 80-84, 85+ under 10-year and 20-year bands.
  const age = intervalHierarchy({ min: 0, max: 85, width: 5, openTop: true, levels: [10, 20] });
  const labelOf = (x: number) => (age.leafOfNumber(x) < 0 ? undefined : age.labels[age.leafOfNumber(x)]);

  it('generates the bands, labels and levels (written out by hand)', () => {
    expect(age.labels.slice(0, age.leafCount)).toEqual([
      '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44',
      '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+',
    ]);
    expect(age.levelCount).toBe(4);
    expect(canonical(age.toJSON())).toEqual(
      canonical({
        Total: ['0-19', '20-39', '40-59', '60-79', '80+ (level 2)'],
        '0-19': ['0-9', '10-19'],
        '20-39': ['20-29', '30-39'],
        '40-59': ['40-49', '50-59'],
        '60-79': ['60-69', '70-79'],
        '80+ (level 2)': ['80+'],
        '0-9': ['0-4', '5-9'],
        '10-19': ['10-14', '15-19'],
        '20-29': ['20-24', '25-29'],
        '30-39': ['30-34', '35-39'],
        '40-49': ['40-44', '45-49'],
        '50-59': ['50-54', '55-59'],
        '60-69': ['60-64', '65-69'],
        '70-79': ['70-74', '75-79'],
        '80+': ['80-84', '85+'],
      }),
    );
    // The open band merges into an open coarser band; its repeat at level 2 is made unique but displays as '80+'.
    expect(age.displayLabels[age.nodeOf('80+ (level 2)')]).toBe('80+');
  });

  it('finds the band of a number at the boundaries, in the open band, and -1 outside', () => {
    expect([0, 4, 4.999, 5, 17, 84.5, 85, 120, 1e9].map(labelOf)).toEqual(['0-4', '0-4', '0-4', '5-9', '15-19', '80-84', '85+', '85+', '85+']);
    expect(age.leafOfNumber(-0.001)).toBe(-1);
    expect(age.leafOfNumber(Number.NaN)).toBe(-1);
    expect(age.labels[age.ancestorAtLevel(age.leafOfNumber(87), 1)]).toBe('80+');
    expect(age.labels[age.ancestorAtLevel(age.leafOfNumber(19), 2)]).toBe('0-19');
    const closed = intervalHierarchy({ min: 0, max: 85, width: 5 });
    expect(closed.leafOfNumber(85)).toBe(-1);
    expect(closed.leafOfNumber(84.99)).toBe(16);
  });

  it('takes listed bands with gaps, an open bottom and labels, and explicit coarser groupings', () => {
    const h = intervalHierarchy({
      bands: [{ from: -Infinity, to: 18 }, { from: 18, to: 40, label: 'young adult' }, { from: 50, to: 67 }, { from: 67 }],
      levels: [[{ from: -Infinity, to: 18, label: 'child' }, { from: 18, to: 67, label: 'working age' }, { from: 67, label: 'retired' }]],
    });
    expect(h.labels).toEqual(['<18', 'young adult', '50-66', '67+', 'child', 'working age', 'retired', 'Total']);
    expect(h.leafOfNumber(-5)).toBe(0);
    expect(h.leafOfNumber(45)).toBe(-1); // in the gap
    expect(h.toJSON()).toEqual({ Total: ['child', 'working age', 'retired'], child: ['<18'], 'working age': ['young adult', '50-66'], retired: ['67+'] });
  });

  it('groups an open-bottom band by its upper end', () => {
    const h = intervalHierarchy({ bands: [{ from: -Infinity, to: 15 }, { from: 15, to: 20 }, { from: 20, to: 30 }], levels: [10] });
    // The coarse band [20, 30) has the leaf's label, so it becomes '20-29 (level 1)'.
    expect(h.toJSON()).toEqual({ Total: ['<20', '20-29 (level 1)'], '<20': ['<15', '15-19'], '20-29 (level 1)': ['20-29'] });
  });

  it('labels width-1 bands and non-integer bounds, and tidies generated bounds', () => {
    expect(intervalHierarchy({ min: 0, max: 3, width: 1 }).labels).toEqual(['0', '1', '2', 'Total']);
    expect(intervalHierarchy({ min: 0, max: 0.3, width: 0.1 }).labels).toEqual(['[0, 0.1)', '[0.1, 0.2)', '[0.2, 0.3)', 'Total']);
    expect(intervalHierarchy({ bands: [{ from: 18.5, to: 25 }] }).labels).toEqual(['[18.5, 25)', 'Total']);
  });

  it('aligns width levels to the anchor', () => {
    const h = intervalHierarchy({ min: 17, max: 37, width: 5, levels: [10], anchor: 17 });
    expect(h.labels.slice(h.leafCount, -1)).toEqual(['17-26', '27-36']);
    expect(thrown(() => intervalHierarchy({ min: 17, max: 37, width: 5, levels: [10] })).message).toMatch(/'17-21' does not fit in one band of width 10/);
  });

  it('rejects overlaps, disorder, widths that do not nest, and bad groupings', () => {
    expect(thrown(() => intervalHierarchy({ bands: [{ from: 0, to: 10 }, { from: 5, to: 15 }] })).message).toMatch(/'0-9' and '5-14' overlap/);
    expect(thrown(() => intervalHierarchy({ bands: [{ from: 10, to: 15 }, { from: 0, to: 5 }] })).message).toMatch(/increasing order/);
    expect(thrown(() => intervalHierarchy({ min: 0, max: 60, width: 5, levels: [10, 15] })).message).toMatch(/levels\[1\].*'10-19' does not fit .* width 15/);
    expect(thrown(() => intervalHierarchy({ min: 0, max: 60, width: 10, levels: [[{ from: 0, to: 25 }, { from: 25, to: 60 }]] })).message).toMatch(/'20-29' is not inside one band/);
    expect(thrown(() => intervalHierarchy({ min: 0, max: 20, width: 10, levels: [[{ from: 0, to: 20 }, { from: 20, to: 30 }]] })).message).toMatch(/'20-29' holds no band/);
    expect(thrown(() => intervalHierarchy({ bands: [{ from: 0 }, { from: 10, to: 20 }] })).message).toMatch(/omitted only for the last band/);
    expect(thrown(() => intervalHierarchy({ bands: [{ from: 5, to: 5 }] })).message).toMatch(/empty/);
    expect(thrown(() => intervalHierarchy({ min: 0, max: 7, width: 5 })).message).toMatch(/multiple of width/);
    expect(thrown(() => intervalHierarchy({ min: 0, max: 1e7, width: 1 })).message).toMatch(/1,000,000/);
    expect(thrown(() => intervalHierarchy({ bands: [{ from: 0, to: 1, label: 'x' }, { from: 1, to: 2, label: 'x' }] })).message).toMatch(/'x' names two bands/);
    expect(thrown(() => intervalHierarchy({ bands: [{ from: 0, to: 1 }], min: 0 })).message).toMatch(/either/);
    expect(thrown(() => intervalHierarchy({ min: 0, max: 10, width: 0 })).code).toBe('INVALID_ARGUMENT');
  });
});
