import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { hierarchyFromArx } from '../../../src/hierarchy/hierarchyFromArx.js';
import { distinctLDiversity } from '../../../src/protect/kanonymity/models/distinctLDiversity.js';
import { entropyLDiversity } from '../../../src/protect/kanonymity/models/entropyLDiversity.js';
import { equalDistanceTCloseness } from '../../../src/protect/kanonymity/models/equalDistanceTCloseness.js';
import { hierarchicalDistanceTCloseness } from '../../../src/protect/kanonymity/models/hierarchicalDistanceTCloseness.js';
import { kAnonymity } from '../../../src/protect/kanonymity/models/kAnonymity.js';
import type { PrivacyModel } from '../../../src/protect/kanonymity/models/PrivacyModel.js';
import { recursiveClDiversity } from '../../../src/protect/kanonymity/models/recursiveClDiversity.js';
import { verifyAnonymity } from '../../../src/protect/kanonymity/verifyAnonymity.js';

/**
 * The models judged on hand-made classes through the public verifier: `classes` lists the sensitive values of each
 * class (one class per entry, every record kept), and the result says which classes violate the one model.
 */
function violatingClasses(model: PrivacyModel, classes: readonly (readonly string[])[], extraSuppressed: readonly string[] = []): number {
  const qi: string[] = [];
  const sensitive: string[] = [];
  const suppressed: number[] = [];
  classes.forEach((values, c) => {
    for (const v of values) {
      qi.push(`class ${c}`);
      sensitive.push(v);
      suppressed.push(0);
    }
  });
  for (const v of extraSuppressed) {
    qi.push('*');
    sensitive.push(v);
    suppressed.push(1);
  }
  const report = verifyAnonymity({ quasiIdentifiers: { q: qi }, sensitive, suppressed }, { models: [model], suppressionLimit: 1 });
  return report.violations[0]?.classes ?? 0;
}

describe('model factories', () => {
  it('validate their parameters and return frozen models', () => {
    expect(kAnonymity(5)).toEqual({ kind: 'k-anonymity', k: 5 });
    expect(Object.isFrozen(kAnonymity(5))).toBe(true);
    expect(recursiveClDiversity(3, 2)).toEqual({ kind: 'recursive-cl-diversity', c: 3, l: 2 });
    expect(() => kAnonymity(0)).toThrow(PrikkError);
    expect(() => kAnonymity(2.5)).toThrow(/kAnonymity: k must be an integer >= 1, got 2.5/);
    expect(() => distinctLDiversity(1.5)).toThrow(PrikkError);
    expect(() => entropyLDiversity(0.5)).toThrow(/l must be a number >= 1/);
    expect(() => recursiveClDiversity(0, 2)).toThrow(/c must be a number > 0/);
    expect(() => equalDistanceTCloseness(1.5)).toThrow(/t must be a number in \[0, 1\]/);
    expect(() => hierarchicalDistanceTCloseness(0.2, hierarchyFromArx('a;*\n'))).not.toThrow();
    expect(() => hierarchicalDistanceTCloseness(0.2, {} as never)).toThrow(/must be a Hierarchy/);
  });
});

describe('model definitions on hand-computed classes', () => {
  it('k-anonymity: a class needs k records', () => {
    expect(violatingClasses(kAnonymity(2), [['a'], ['a', 'b'], ['a', 'b', 'c']])).toBe(1);
    expect(violatingClasses(kAnonymity(3), [['a'], ['a', 'b'], ['a', 'b', 'c']])).toBe(2);
  });

  it('distinct l-diversity counts distinct sensitive values', () => {
    // {a, a, b} has 2 distinct values: 2-diverse, not 3-diverse.
    expect(violatingClasses(distinctLDiversity(2), [['a', 'a', 'b']])).toBe(0);
    expect(violatingClasses(distinctLDiversity(3), [['a', 'a', 'b']])).toBe(1);
  });

  it('entropy l-diversity: H = −Σ p log2 p against log2(l), inclusive at the boundary', () => {
    // {a, a, b}: H = −(2/3·log2(2/3) + 1/3·log2(1/3)) = 0.918; log2(2) = 1 → violates; log2(1.8) = 0.848 → passes.
    expect(violatingClasses(entropyLDiversity(2), [['a', 'a', 'b']])).toBe(1);
    expect(violatingClasses(entropyLDiversity(1.8), [['a', 'a', 'b']])).toBe(0);
    // {a, b} and {a, a, a, b, b, b}: H = 1 = log2(2) exactly, on the boundary: 2-diverse.
    expect(violatingClasses(entropyLDiversity(2), [['a', 'b'], ['a', 'a', 'a', 'b', 'b', 'b']])).toBe(0);
    // l = 1.5 needs ceil(1.5) = 2 distinct values: {a, a} (H = 0) violates.
    expect(violatingClasses(entropyLDiversity(1.5), [['a', 'a']])).toBe(1);
  });

  it('recursive-(c,l)-diversity: r1 < c · (r_l + ... + r_m), strictly', () => {
    const cls = [['a', 'a', 'a', 'a', 'a', 'b', 'b', 'c']]; // counts 5, 2, 1
    // l = 2: tail = 2 + 1 = 3; c = 2: 5 < 6 passes; c = 1.5: 5 < 4.5 fails.
    expect(violatingClasses(recursiveClDiversity(2, 2), cls)).toBe(0);
    expect(violatingClasses(recursiveClDiversity(1.5, 2), cls)).toBe(1);
    // l = 3: tail = 1; c = 5: 5 < 5 fails (strict); c = 6: passes. l = 4: only 3 values, fails.
    expect(violatingClasses(recursiveClDiversity(5, 3), cls)).toBe(1);
    expect(violatingClasses(recursiveClDiversity(6, 3), cls)).toBe(0);
    expect(violatingClasses(recursiveClDiversity(100, 4), cls)).toBe(1);
  });

  it('equal-distance t-closeness: 1/2 Σ |p − q| against the distribution over all records, suppressed ones included', () => {
    // All records: a, b (kept classes {a} and {b}) plus suppressed a, b: Q = (1/2, 1/2).
    // {a}: EMD = 1/2 (|1 − 1/2| + |0 − 1/2|) = 0.5.
    expect(violatingClasses(equalDistanceTCloseness(0.4), [['a'], ['b']], ['a', 'b'])).toBe(2);
    expect(violatingClasses(equalDistanceTCloseness(0.5), [['a'], ['b']], ['a', 'b'])).toBe(0);
    // Q over a, a, a, b (one b suppressed, so the kept class {a, a, a} is far from Q only by 1/4):
    // EMD({a,a,a}) = 1/2 (|1 − 3/4| + |0 − 1/4|) = 0.25.
    expect(violatingClasses(equalDistanceTCloseness(0.24), [['a', 'a', 'a']], ['b'])).toBe(1);
    expect(violatingClasses(equalDistanceTCloseness(0.25), [['a', 'a', 'a']], ['b'])).toBe(0);
  });

  it('hierarchical-distance t-closeness: Li et al.’s tree EMD, worked by hand', () => {
    const h = hierarchyFromArx('flu;respiratory;*\ncold;respiratory;*\nulcer;digestive;*\n'); // height 2
    // Q = (flu 1/3, cold 1/3, ulcer 1/3) from all records: kept {flu, cold}, suppressed ulcer.
    // P = (1/2, 1/2, 0): move 1/3 of mass from respiratory to ulcer at distance level(root)/2 = 1: EMD = 1/3.
    const model = (t: number) => hierarchicalDistanceTCloseness(t, h);
    expect(violatingClasses(model(0.33), [['flu', 'cold']], ['ulcer'])).toBe(1);
    expect(violatingClasses(model(0.34), [['flu', 'cold']], ['ulcer'])).toBe(0);
    // Kept {flu, flu}, suppressed cold, ulcer: Q = (2/4, 1/4, 1/4), P = (1, 0, 0). Move 1/4 flu→cold (distance
    // level(respiratory)/2 = 1/2: cost 1/8) and 1/4 flu→ulcer (distance 1: cost 1/4): EMD = 3/8.
    expect(violatingClasses(model(0.37), [['flu', 'flu']], ['cold', 'ulcer'])).toBe(1);
    expect(violatingClasses(model(0.375), [['flu', 'flu']], ['cold', 'ulcer'])).toBe(0);
    // A value that is not a leaf of the hierarchy is an input error.
    expect(() => violatingClasses(model(0.5), [['flu', 'measles']])).toThrow(/'measles' is not a leaf/);
  });
});
