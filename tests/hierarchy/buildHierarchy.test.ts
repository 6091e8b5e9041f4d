import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildHierarchy } from '../../src/hierarchy/buildHierarchy.js';
import type { HierarchySpec } from '../../src/hierarchy/HierarchySpec.js';
import { thrown } from './helpers.js';

const ADULT = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/adult');

describe('buildHierarchy', () => {
  it('builds each kind of spec', () => {
    expect(buildHierarchy({ type: 'flat' }, ['2', '1', '2']).toJSON()).toEqual({ Total: ['1', '2'] }); // distinct, sorted
    expect(buildHierarchy({ type: 'prefix', lengths: [2] }, ['1103', '0301', '1101']).toJSON()).toEqual({ Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] });
    expect(buildHierarchy({ type: 'icd10', levels: ['chapter'] }, ['S72.0', 'I21.4']).toJSON()).toEqual({ Total: ['IX', 'XIX'], IX: ['I21.4'], XIX: ['S72.0'] });
    expect(buildHierarchy({ type: 'municipality', levels: ['county'], total: 'Norge' }, ['0301']).toJSON()).toEqual({ Norge: ['03'], '03': ['0301'] });
    expect(buildHierarchy({ type: 'parentChild', pairs: [['a', 'x'], ['b', 'x']] }, ['a']).toJSON()).toEqual({ Total: ['x'], x: ['a', 'b'] });
    const age = buildHierarchy({ type: 'arx', file: 'adult_hierarchy_age.csv', total: 'Total' }, ['17', '90'], { baseDir: ADULT });
    expect([age.leafCount, age.levelCount, age.total]).toEqual([100, 5, 'Total']);
    const bands = buildHierarchy({ type: 'intervals', min: 0, max: 90, width: 10, levels: [30] }, new Float64Array([17, 64]));
    expect(bands.leafCount).toBe(9);
    expect(bands.labels[bands.leafOfNumber(64)]).toBe('60-69');
  });

  it('uses the whole public municipality list with allCodes, checking the values against it', () => {
    expect(buildHierarchy({ type: 'municipality', allCodes: true }, ['0301']).leafCount).toBe(357);
    expect(thrown(() => buildHierarchy({ type: 'municipality', allCodes: true }, ['0301', '9999'])).message).toMatch(/1 value is not a leaf of the 2024 municipality list: '9999'/);
  });

  it('derives missing interval bounds from the data, aligned to the width', () => {
    const h = buildHierarchy({ type: 'intervals', width: 10 }, new Float64Array([17, 64, Number.NaN]));
    expect(h.labels.slice(0, h.leafCount)).toEqual(['10-19', '20-29', '30-39', '40-49', '50-59', '60-69']);
    expect(thrown(() => buildHierarchy({ type: 'intervals', width: 10 }, new Float64Array([Number.NaN]))).message).toMatch(/no finite number/);
  });

  it('resolves ARX files against baseDir and checks values are leaves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prikk-h-'));
    writeFileSync(join(dir, 'sex.csv'), 'M;*\nF;*\n');
    expect(buildHierarchy({ type: 'arx', file: 'sex.csv' }, ['M'], { baseDir: dir }).total).toBe('*');
    const e = thrown(() => buildHierarchy({ type: 'arx', file: 'sex.csv' }, ['M', 'X', 'Y'], { baseDir: dir }));
    expect(e.message).toBe("buildHierarchy: 2 values are not a leaf of the hierarchy file 'sex.csv': 'X', 'Y'");
    expect(thrown(() => buildHierarchy({ type: 'arx', file: 'missing.csv' }, [], { baseDir: dir })).code).toBe('IO_ERROR');
  });

  it('rejects malformed specs and values of the wrong kind, naming the field', () => {
    expect(thrown(() => buildHierarchy({ type: 'tree' } as unknown as HierarchySpec, ['a'])).message).toMatch(/spec.type must be one of 'flat', 'arx'/);
    expect(thrown(() => buildHierarchy({ type: 'flat', lengths: [2] } as unknown as HierarchySpec, ['a'])).message).toMatch(/spec.lengths is not a field of a 'flat' hierarchy/);
    expect(thrown(() => buildHierarchy({ type: 'prefix' } as unknown as HierarchySpec, ['a'])).message).toMatch(/spec.lengths must be an array/);
    expect(thrown(() => buildHierarchy({ type: 'intervals', min: 0, max: 10, width: 5 }, ['1'])).message).toMatch(/Float64Array/);
    expect(thrown(() => buildHierarchy({ type: 'flat' }, new Float64Array([1]))).message).toMatch(/string values/);
    expect(thrown(() => buildHierarchy(null as unknown as HierarchySpec, ['a'])).code).toBe('INVALID_ARGUMENT');
  });
});
