import { describe, expect, it } from 'vitest';
import { lossOfPolicy } from '../../src/policy/lossOfPolicy.js';
import { pureDp, zcdp } from '../../src/protect/dp/budget/PrivacyLoss.js';

describe('lossOfPolicy', () => {
  it('reads numbers as the decimal they print as, and text exactly (0.1 is 1/10, by hand)', () => {
    expect(lossOfPolicy({ epsilon: 0.1 })).toEqual(pureDp('1/10'));
    expect(lossOfPolicy({ epsilon: '0.5' })).toEqual(pureDp('1/2'));
    expect(lossOfPolicy({ rho: 0.25 })).toEqual(zcdp('1/4'));
  });
});
