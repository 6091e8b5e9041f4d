import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetAccountant } from '../../../../src/protect/dp/budget/BudgetAccountant.js';
import { approxDp, pureDp } from '../../../../src/protect/dp/budget/PrivacyLoss.js';
import { PublicKeySet } from '../../../../src/protect/dp/keys/PublicKeySet.js';
import { SelectedKeySet, SELECTED_KEYS_TOKEN } from '../../../../src/protect/dp/keys/SelectedKeySet.js';
import { selectionThreshold, selectPartitions } from '../../../../src/protect/dp/keys/selectPartitions.js';
import { dpCrossTable } from '../../../../src/protect/dp/queries/dpCrossTable.js';
import { rational } from '../../../../src/protect/dp/rational/Rational.js';
import { seededRandomSource } from '../../../../src/random/seededRandomSource.js';
import { makeExtract } from '../helpers/makeExtract.js';

describe('PublicKeySet', () => {
  it('is built from a code list (flat) and keeps the order', () => {
    const k = PublicKeySet.fromCodeList(['0301', '1103']);
    expect(k.keys).toEqual(['0301', '1103']);
    expect(k.hierarchy.total).toBe('Total');
    expect(() => PublicKeySet.fromCodeList([])).toThrow(/non-empty list/);
    expect(() => PublicKeySet.fromCodeList(['a', 'a'])).toThrow(/appears twice/);
  });

  it('takes a schema code list, and refuses a dictionary found in the data', () => {
    const e = makeExtract({ persons: [1, 2], codes: { sex: ['1', '2'], proc: ['x', 'y'] }, codeLists: { sex: ['1', '2', '9'] } });
    expect(PublicKeySet.fromSchema(e, 'sex').keys).toEqual(['1', '2', '9']);
    expect(() => PublicKeySet.fromSchema(e, 'proc')).toThrow(/found in the data and need selectPartitions/);
  });

  it('a SelectedKeySet cannot be made without selectPartitions', () => {
    expect(() => new SelectedKeySet(Symbol('fake') as typeof SELECTED_KEYS_TOKEN, 'c', ['a'], [1], pureDp(1), 1)).toThrow(/selectPartitions/);
  });
});

describe('selectPartitions', () => {
  it('computes the threshold by hand: scale 1, L0 = 1, δ = 1e-6 gives 16', () => {
    // ln(1/(1e-6 · (1 + e^−1))) = 13.50, so k = 14, τ = 1 + 14 = 15, plus the safety step: 16.
    expect(selectionThreshold(rational(1n), 1, 1e-6)).toBe(16);
  });

  it('keeps L0 · P(Z >= τ − 1) <= δ for any scale, L0 and δ (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 20 }), fc.double({ min: 1e-12, max: 0.1, noNaN: true }), (tenths, l0, delta) => {
        const t = tenths / 10;
        const tau = selectionThreshold(rational(BigInt(tenths), 10n), l0, delta);
        const q = Math.exp(-1 / t);
        return (l0 * q ** (tau - 1)) / (1 + q) <= delta;
      }),
    );
  });

  it('releases keys with many persons and not a key of one person; the result keys a DP table', () => {
    const persons: number[] = [];
    const proc: string[] = [];
    for (let p = 0; p < 200; p++) {
      persons.push(p);
      proc.push(p % 2 === 0 ? 'NFB20' : 'NFJ02');
    }
    persons.push(999);
    proc.push('RARE1');
    const e = makeExtract({ persons, codes: { proc } });
    const accountant = new BudgetAccountant({ total: approxDp(2, '1e-5') });
    const keys = selectPartitions(e, {
      column: 'proc',
      maxPartitionsPerPerson: 1,
      privacy: approxDp(1, '1e-6'),
      accountant,
      random: seededRandomSource('sel'),
      insecureRandomForTesting: 'seeded(sel)',
    }).evaluate();
    expect(keys.keys).toEqual(['NFB20', 'NFJ02']);
    expect(keys.threshold).toBe(16);
    expect(accountant.spent).toEqual(approxDp(1, '1e-6'));
    const t = dpCrossTable(e, {
      dimensions: [{ column: 'proc', keys }],
      statistic: { kind: 'persons' },
      bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
      privacy: pureDp(1),
      accountant,
      random: seededRandomSource('sel2'),
      insecureRandomForTesting: 'seeded(sel2)',
    }).evaluate();
    expect(t.dimensions[0]!.hierarchy.labels).toEqual(['NFB20', 'NFJ02', 'Total']);
  });

  it('needs δ > 0 and a person column', () => {
    const e = makeExtract({ persons: [1], codes: { proc: ['a'] } });
    const accountant = new BudgetAccountant({ total: approxDp(1, '1e-6') });
    expect(() => selectPartitions(e, { column: 'proc', maxPartitionsPerPerson: 1, privacy: pureDp(1), accountant })).toThrow(/needs δ/);
    expect(() => selectPartitions({ ...e, person: undefined }, { column: 'proc', maxPartitionsPerPerson: 1, privacy: approxDp(1, '1e-6'), accountant })).toThrow(
      /person column/,
    );
  });
});
