import { describe, expect, it, vi } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { protectSuppression } from '../../../src/release/methods/protectSuppression.js';
import { context, extractOf, personsIn, request } from './helpers.js';

// suppressCells repairs every pattern it makes, so its audit does not fail on real tables; this stub stands for a
// failing audit (as a bug in a secondary method would cause) to check that the plug-in refuses to release.
vi.mock('../../../src/protect/suppression/suppressCells.js', () => ({
  suppressCells: async (tables: readonly unknown[]) => ({
    tables,
    method: 'fast',
    primaryCount: 1,
    primaryByRule: {},
    secondaryCount: 0,
    suppressedValueShare: 0,
    singletonAdded: 0,
    repairAdded: 0,
    audit: { passed: false, cellsChecked: 4, failed: 1, narrowest: undefined, publishedSensitive: [], singletonLeaks: 0, cells: [], milliseconds: 0 },
    milliseconds: 0,
    phases: { primary: 0, secondary: 0, audits: 0, repairs: 0 },
  }),
}));

describe('protectSuppression when the audit fails', () => {
  it('throws PROTECTION_FAILED with counts only, and releases nothing', async () => {
    const rows = personsIn([
      ['A', '1', 2],
      ['B', '1', 7],
    ]);
    const req = request('by_hospital', ['hospital'], { suppression: { rules: [{ frequency: { n: 5 } }] } });
    const error = await protectSuppression([req], { rules: [{ frequency: { n: 5 } }] }, context(extractOf(rows))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('PROTECTION_FAILED');
    expect((error as PrikkError).message).toBe(
      "protectSuppression: the suppression pattern of linked group: by_hospital failed its audit (1 of 4 checks failed, 0 sensitive cell(s) published, 0 singleton leak(s)); nothing is released. Try secondary: 'optimal'",
    );
  });
});
