import { describe, expect, it } from 'vitest';
import { hierarchyFromArx } from '../../../src/hierarchy/hierarchyFromArx.js';
import { anonymise } from '../../../src/protect/kanonymity/anonymise.js';
import { kAnonymity } from '../../../src/protect/kanonymity/models/kAnonymity.js';
import { encodeRows } from './helpers/adult.js';
import { bruteForce } from './helpers/bruteForce.js';

describe('anonymise with keys too large for one float64 (staged grouping)', () => {
  it('finds the same classes as a string-keyed brute force', () => {
    // 8 quasi-identifiers with 1,500 values each; 600 rows, half drawn from all values, half from the first 40, so
    // about 340 values of each occur: the key range at the original values is about 340^8 ≈ 1.8e20, above 2^53, so
    // the grouper keys in stages. Values drawn by a fixed xorshift.
    let state = 2463534242;
    const next = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const values = Array.from({ length: 1500 }, (_, i) => `v${i}`);
    const text = values.map((v, i) => `${v};g${i % 3};*`).join('\n');
    const hierarchies = Array.from({ length: 8 }, () => hierarchyFromArx(text));
    const names = hierarchies.map((_, j) => `q${j}`);
    const rows = Array.from({ length: 600 }, (_, r) => names.map(() => values[next(r % 2 === 0 ? 1500 : 40)]!));
    const input = encodeRows(names, rows);
    const quasiIdentifiers = hierarchies.map((hierarchy, j) => ({ column: names[j]!, hierarchy }));
    const limit = 0.3;
    const result = anonymise(input, { quasiIdentifiers, models: [kAnonymity(2)], suppressionLimit: limit });
    const brute = bruteForce({ records: rows, hierarchies }, [{ models: [{ kind: 'k-anonymity', k: 2 }], suppressionLimit: limit }])[0]!;
    const best = Math.min(...brute.filter((n) => n.admissible).map((n) => n.loss));
    const chosen = brute.find((n) => n.levels.every((l, j) => l === result.levels[j]))!;
    expect(chosen.admissible).toBe(true);
    expect(chosen.loss).toBeCloseTo(best, 12);
    expect(result.summary.suppressedRecords).toBe(chosen.suppressed);
    // k = 1 keeps the original values: one class per distinct row.
    const exact = anonymise(input, { quasiIdentifiers, models: [kAnonymity(1)] });
    expect(exact.levels).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(exact.summary.classes).toBe(new Set(rows.map((r) => r.join('|'))).size);
  });
});
