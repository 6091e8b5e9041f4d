import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditPattern } from '../../src/audit/auditPattern.js';
import type { CoreLp, CoreLpData } from '../../src/audit/CoreLp.js';
import { CoreModelCache } from '../../src/audit/CoreModelCache.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { smallRandomSpace } from './tableHelpers.js';

function data(rhs: number): CoreLpData {
  return {
    numCols: 2,
    numRows: 1,
    colLower: Float64Array.of(0, 0),
    colUpper: Float64Array.of(Infinity, Infinity),
    rowBound: Float64Array.of(rhs),
    starts: Int32Array.of(0, 2),
    indices: Int32Array.of(0, 1),
    values: Float64Array.of(1, 1),
    coldOptions: { presolve: 'on' },
    warmOptions: { presolve: 'off' },
  };
}

/** A stand-in model that counts its disposals. */
function fakeLp(): CoreLp & { disposed: number } {
  const lp = {
    disposed: 0,
    solve: () => Promise.resolve({ kind: 'unbounded' as const }),
    dispose: () => {
      lp.disposed++;
    },
  };
  return lp;
}

describe('CoreModelCache', () => {
  it('finds a model by its LP content, not by the options', () => {
    const a = CoreModelCache.keyOf(data(4));
    expect(CoreModelCache.keyOf({ ...data(4), coldOptions: {}, warmOptions: {} })).toBe(a);
    expect(CoreModelCache.keyOf(data(5))).not.toBe(a);
    expect(CoreModelCache.keyOf({ ...data(4), colUpper: Float64Array.of(Infinity, 9) })).not.toBe(a);
  });

  it('hands a model to one core at a time, and keeps only what the last generation used', () => {
    const cache = new CoreModelCache();
    const one = fakeLp();
    const two = fakeLp();
    const k1 = CoreModelCache.keyOf(data(1));
    const k2 = CoreModelCache.keyOf(data(2));
    expect(cache.take(k1)).toBeUndefined();
    expect(cache.put(k1, one)).toBe(true);
    // Claimed by the core that put it: a second core with the same LP builds its own, which the cache does not keep.
    expect(cache.take(k1)).toBeUndefined();
    expect(cache.put(k1, two)).toBe(false);
    cache.release(k1);
    expect(cache.take(k1)).toBe(one);
    cache.release(k1);
    expect(cache.put(k2, two)).toBe(true);
    cache.release(k2);
    cache.endGeneration(); // both used in generation 1: kept
    expect(cache.size).toBe(2);
    expect(cache.take(k2)).toBe(two);
    cache.release(k2);
    cache.endGeneration(); // generation 2 used only k2: k1's model is freed
    expect(one.disposed).toBe(1);
    expect(two.disposed).toBe(0);
    expect(cache.size).toBe(1);
    expect(cache.reused).toBe(2);
    cache.dispose();
    cache.dispose();
    expect(two.disposed).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('discards a model its holder found unreliable: disposed at once, and the next take finds none', () => {
    const cache = new CoreModelCache();
    const lp = fakeLp();
    const k = CoreModelCache.keyOf(data(6));
    cache.put(k, lp);
    cache.discard(k);
    expect(lp.disposed).toBe(1);
    expect(cache.size).toBe(0);
    expect(cache.take(k)).toBeUndefined();
    const again = fakeLp();
    expect(cache.put(k, again)).toBe(true); // the holder's new model takes its place
    cache.discard(CoreModelCache.keyOf(data(7))); // nothing kept under that key: nothing happens
    cache.dispose();
    expect(lp.disposed).toBe(1); // not disposed twice
    expect(again.disposed).toBe(1);
  });

  it('keeps a model a core still holds across the end of a generation', () => {
    const cache = new CoreModelCache();
    const lp = fakeLp();
    const k = CoreModelCache.keyOf(data(3));
    cache.put(k, lp);
    cache.endGeneration();
    cache.endGeneration(); // unused in this generation, but still claimed
    expect(lp.disposed).toBe(0);
    cache.release(k);
    cache.endGeneration();
    cache.endGeneration();
    expect(lp.disposed).toBe(1);
  });
});

describe('auditPattern with models kept from one audit to the next (the repair loop)', () => {
  it('gives the verdicts and the exact narrowest width of audits that build every model afresh', async () => {
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          dims: fc.integer({ min: 2, max: 3 }),
          hierarchical: fc.boolean(),
          seed: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 48, maxLength: 48 }),
          mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 200, maxLength: 200 }),
          n: fc.integer({ min: 2, max: 5 }),
        }),
        async ({ dims, hierarchical, seed, mask, n }) => {
          const { table: t, space } = smallRandomSpace(dims, hierarchical, seed);
          const counts = space.values({ kind: 'count' });
          // Three nested patterns: the sensitive cells and some others, then a few more twice (as repair rounds add).
          const p0 = Uint8Array.from(counts, (v, c) => ((v > 0 && v < n) || mask[c % mask.length]! < 25 ? 1 : 0));
          const p1 = Uint8Array.from(p0, (h, c) => (h || mask[(c * 7 + 3) % mask.length]! < 8 ? 1 : 0));
          const p2 = Uint8Array.from(p1, (h, c) => (h || mask[(c * 11 + 5) % mask.length]! < 8 ? 1 : 0));
          for (const p of [p0, p1, p2]) p[t.cellCount - 1] = 0;
          const rules = [frequencyRule({ n })];
          const none = new Uint8Array(space.cellCount);
          const models = new CoreModelCache();
          try {
            let kept = await auditPattern(space, p0, none, rules, false, undefined, { models });
            models.endGeneration();
            for (const p of [p1, p2]) {
              const reuse = { verdicts: kept.verdicts, recheck: p, hidden: kept.hidden };
              kept = await auditPattern(space, p, none, rules, false, reuse, { models });
              models.endGeneration();
              const fresh = await auditPattern(space, p, none, rules, false);
              expect(kept.result.cells.map((c) => c.pass)).toEqual(fresh.result.cells.map((c) => c.pass));
              if (fresh.result.narrowest) {
                expect(kept.result.narrowest!.widthExact).toBe(true);
                expect(kept.result.narrowest!.width).toBeCloseTo(fresh.result.narrowest.width, 6);
              }
            }
            reused += models.reused;
          } finally {
            models.dispose();
          }
        },
      ),
      { numRuns: 40, seed: 77 },
    );
    // The property is about reused models: some audits must have found one.
    expect(reused).toBeGreaterThan(5);
  });
});
