import { describe, expect, it } from 'vitest';
import { municipalityHierarchy } from '../../src/codelists/municipalityHierarchy.js';
import { NORWEGIAN_COUNTIES_2024 } from '../../src/codelists/norwegianCounties2024.js';
import { healthRegionOfCounty, NORWEGIAN_HEALTH_REGIONS } from '../../src/codelists/norwegianHealthRegions.js';
import { NORWEGIAN_MUNICIPALITIES_2024 } from '../../src/codelists/norwegianMunicipalities2024.js';
import { thrown } from '../hierarchy/helpers.js';

describe('Norwegian code lists of 2024', () => {
  it('has the 15 counties and 357 municipalities, codes unique and every municipality in a county', () => {
    expect(NORWEGIAN_COUNTIES_2024.map((c) => c.code)).toEqual(['03', '11', '15', '18', '31', '32', '33', '34', '39', '40', '42', '46', '50', '55', '56']);
    expect(NORWEGIAN_MUNICIPALITIES_2024.length).toBe(357);
    const codes = NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code);
    expect(new Set(codes).size).toBe(357);
    expect(codes.every((c) => /^[0-9]{4}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
    // Municipalities per county, as counted in the source (SSB KLASS 131 via NAV).
    const perCounty = Object.fromEntries(NORWEGIAN_COUNTIES_2024.map((c) => [c.code, codes.filter((m) => m.startsWith(c.code)).length]));
    expect(perCounty).toEqual({ '03': 1, '11': 23, '15': 27, '18': 41, '31': 12, '32': 21, '33': 18, '34': 46, '39': 6, '40': 17, '42': 25, '46': 43, '50': 38, '55': 21, '56': 18 });
    expect(NORWEGIAN_MUNICIPALITIES_2024.find((m) => m.code === '1580')?.name).toBe('Haram'); // split from Ålesund in 2024
  });

  it('puts every county in exactly one health region', () => {
    const all = NORWEGIAN_HEALTH_REGIONS.flatMap((r) => r.counties);
    expect([...all].sort()).toEqual(NORWEGIAN_COUNTIES_2024.map((c) => c.code));
    expect(['03', '11', '15', '18', '46', '50', '55'].map(healthRegionOfCounty)).toEqual([
      'Helse Sør-Øst', 'Helse Vest', 'Helse Midt-Norge', 'Helse Nord', 'Helse Vest', 'Helse Midt-Norge', 'Helse Nord',
    ]);
    expect(thrown(() => healthRegionOfCounty('30')).code).toBe('INVALID_VALUE');
  });
});

describe('municipalityHierarchy', () => {
  it('builds municipality -> county -> health region -> total (expected tree by hand)', () => {
    const h = municipalityHierarchy(['0301', '4601', '4602', '5001']);
    expect(h.toJSON()).toEqual({
      Total: ['Helse Sør-Øst', 'Helse Vest', 'Helse Midt-Norge'],
      'Helse Sør-Øst': ['03'],
      'Helse Vest': ['46'],
      'Helse Midt-Norge': ['50'],
      '03': ['0301'],
      '46': ['4601', '4602'],
      '50': ['5001'],
    });
    expect(h.levelCount).toBe(4);
  });

  it('builds only the requested levels', () => {
    expect(municipalityHierarchy(['0301', '1103'], { levels: ['county'] }).toJSON()).toEqual({ Total: ['03', '11'], '03': ['0301'], '11': ['1103'] });
    expect(municipalityHierarchy(['0301', '1103'], { levels: ['region'] }).toJSON()).toEqual({ Total: ['Helse Sør-Øst', 'Helse Vest'], 'Helse Sør-Øst': ['0301'], 'Helse Vest': ['1103'] });
    expect(thrown(() => municipalityHierarchy(['0301'], { levels: ['region', 'county'] })).code).toBe('INVALID_ARGUMENT');
  });

  it('covers the whole country with all 357 codes', () => {
    const h = municipalityHierarchy(NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code));
    expect([h.leafCount, h.size]).toEqual([357, 357 + 15 + 4 + 1]);
    expect(h.leafCountUnder(h.nodeOf('Helse Nord'))).toBe(41 + 21 + 18);
  });

  it('rejects codes that are not 2024 municipalities, naming them', () => {
    const e = thrown(() => municipalityHierarchy(['0301', '3001']));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.message).toMatch(/'3001' is not a Norwegian municipality code of 2024/);
  });
});
