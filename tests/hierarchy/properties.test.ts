import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { hierarchyFromArx } from '../../src/hierarchy/hierarchyFromArx.js';
import { hierarchyFromParentChild } from '../../src/hierarchy/hierarchyFromParentChild.js';
import { canonical } from './helpers.js';

/** A random tree: node i > 0 has a parent among 0..i-1 (node 0 is the total); pairs in a shuffled order. */
const randomTree = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => fc.integer({ min: 0, max: i }))),
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([parentOf, order]) => order.map((i) => [`n${i + 1}`, parentOf[i] === 0 ? 'Total' : `n${parentOf[i]}`] as const));

/** A random balanced level table: leaves grouped into coarser and coarser levels (each group a function of the finer node). */
const randomLevelTable = fc
  .record({ leaves: fc.integer({ min: 1, max: 40 }), depth: fc.integer({ min: 0, max: 4 }), seed: fc.array(fc.nat(6), { minLength: 200, maxLength: 200 }) })
  .map(({ leaves, depth, seed }) => {
    const rows: string[][] = Array.from({ length: leaves }, (_, i) => [`v${i}`]);
    let group = Array.from({ length: leaves }, (_, i) => i); // node id per leaf at the current level
    for (let level = 1; level <= depth; level++) {
      const ids = [...new Set(group)];
      const up = new Map(ids.map((id, k) => [id, seed[(level * 37 + k) % seed.length]! % Math.max(1, Math.ceil(ids.length / 2))]));
      group = group.map((id) => up.get(id)!);
      rows.forEach((row, i) => row.push(`L${level}g${group[i]}`));
    }
    return rows;
  });

function walkUp(h: Hierarchy, node: number, steps: number): number {
  let at = node;
  for (let s = 0; s < steps; s++) at = h.parents[at]!;
  return at;
}

describe('hierarchy properties (fast-check)', () => {
  // Each run collects violations into `bad` and asserts once: fast, and the counterexample says what broke.
  it('random trees: children before parents, every leaf reaches the root, toJSON round-trips through hierarchyFromParentChild', () => {
    fc.assert(
      fc.property(randomTree, (pairs) => {
        const bad: string[] = [];
        const h = hierarchyFromParentChild(pairs);
        const root = h.size - 1;
        if (h.size !== pairs.length + 1) bad.push(`size ${h.size}`);
        for (let i = 0; i < root; i++) if (!(h.parents[i]! > i)) bad.push(`node ${i} before parent ${h.parents[i]}`);
        for (let leaf = 0; leaf < h.leafCount; leaf++) {
          let at = leaf;
          let steps = 0;
          while (at !== root && steps <= h.size) {
            at = h.parents[at]!;
            steps++;
          }
          if (at !== root || h.depths[leaf] !== steps) bad.push(`leaf ${leaf} does not reach the root in depth steps`);
        }
        // Every input pair is an edge of the tree.
        for (const [child, parent] of pairs) if (h.labels[h.parents[h.nodeOf(child)]!] !== parent) bad.push(`edge ${child} -> ${parent}`);
        // Leaf counts agree with counting leaves below each node by walking up from every leaf.
        const counted = new Array<number>(h.size).fill(0);
        for (let leaf = 0; leaf < h.leafCount; leaf++) for (let at = leaf; at !== -1; at = h.parents[at]!) counted[at]!++;
        if (counted.some((c, i) => c !== h.leafCounts[i])) bad.push('leafCounts');
        // Levels exist exactly when all leaves have one depth, and then agree with walking up.
        const depths = new Set(Array.from({ length: h.leafCount }, (_, i) => h.depths[i]));
        if (h.levelCount !== (depths.size === 1 ? h.depths[0]! + 1 : 0)) bad.push(`levelCount ${h.levelCount}`);
        for (let level = 0; level < h.levelCount; level++) {
          for (let leaf = 0; leaf < h.leafCount; leaf++) if (h.ancestorAtLevel(leaf, level) !== walkUp(h, leaf, level)) bad.push(`ancestor ${leaf}@${level}`);
        }
        expect(bad).toEqual([]);
        // Round trip: the JSON form, read back as pairs, gives the same tree.
        const json = h.toJSON();
        const back = hierarchyFromParentChild(Object.entries(json).flatMap(([p, children]) => children.map((c) => [c, p] as const)));
        expect(canonical(back.toJSON())).toEqual(canonical(json));
      }),
      { numRuns: 200 },
    );
  });

  it('balanced level tables: ancestorAtLevel agrees with walking parents and with the table', () => {
    fc.assert(
      fc.property(randomLevelTable, (rows) => {
        const bad: string[] = [];
        const h = hierarchyFromArx(rows.map((r) => [...r, '*'].join(';')).join('\n'), { total: 'Total' });
        const width = rows[0]!.length;
        expect([h.leafCount, h.levelCount]).toEqual([rows.length, width + 1]);
        rows.forEach((row, i) => {
          const leaf = h.leafOf(row[0]!);
          if (leaf !== i) bad.push(`leaf ${row[0]} at ${leaf}`);
          for (let level = 0; level < h.levelCount; level++) {
            const node = h.ancestorAtLevel(leaf, level);
            if (node !== walkUp(h, leaf, level) || h.levelMaps[level]![leaf] !== node) bad.push(`ancestor ${leaf}@${level}`);
            if (h.displayLabels[node] !== (level < width ? row[level] : 'Total')) bad.push(`label ${leaf}@${level}`);
            if (h.levelOf(node) !== level) bad.push(`levelOf ${node}`);
          }
        });
        // ARX Loss counts: rows whose cell at a level equals the node's label.
        for (let node = 0; node < h.size - 1; node++) {
          const level = h.levelOf(node);
          if (h.leafCountUnder(node) !== rows.filter((r) => r[level] === h.displayLabels[node]).length) bad.push(`count ${node}`);
        }
        expect(bad).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
