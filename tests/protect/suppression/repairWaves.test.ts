import { describe, expect, it } from 'vitest';
import type { AuditFailure } from '../../../src/audit/auditPattern.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { repairWaves, WaveScratch } from '../../../src/protect/suppression/repairWaves.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';

/**
 * A 3-dimensional table r (A, B, C; total T) × s (m, f; total T) × u (x, y; total T), flat hierarchies. Each relation
 * is a line along one dimension, so two cells are as many relations apart as the coordinates they differ in
 * (hand reasoning): (A,m,x) and (B,f,y) 3, (A,m,x) and (B,f,x) 2, (A,m,x) and (C,f,y) 3.
 */
function setup() {
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['A', 'B', 'C']) },
      { name: 's', hierarchy: flat('T', ['m', 'f']) },
      { name: 'u', hierarchy: flat('T', ['x', 'y']) },
    ],
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  const space = CellSpace.fromTables([t]);
  const at = (r: string, s: string, u: string): number => t.indexOf({ r, s, u });
  const failure = (cell: number): AuditFailure => ({ cell, group: 0 }) as AuditFailure;
  return { space, at, failure, hidden: new Uint8Array(t.cellCount), scratch: new WaveScratch(t.cellCount) };
}

/**
 * A stand-in repair: records each call (cell, a copy of the pattern it got), hides its `tentative` cell in that
 * pattern (as `repairFailure` does while it waits for an LP), and settles only when released.
 */
function recordingRepair(answers: ReadonlyMap<number, number[]>, tentative = new Map<number, number>()) {
  const calls: { cell: number; pattern: Uint8Array; settled: number }[] = [];
  const waiting: (() => void)[] = [];
  let settled = 0;
  const repair = (f: AuditFailure, pattern: Uint8Array): Promise<number[] | undefined> => {
    calls.push({ cell: f.cell, pattern: pattern.slice(), settled });
    const t = tentative.get(f.cell);
    if (t !== undefined) pattern[t] = 1;
    return new Promise((resolve) => {
      waiting.push(() => {
        settled++;
        resolve(answers.get(f.cell));
      });
    });
  };
  // Releases every repair asked so far, then lets the next wave start; repeats until none is asked.
  const drive = async (run: Promise<unknown>): Promise<void> => {
    let done = false;
    void run.then(() => (done = true));
    while (!done) {
      await new Promise((r) => setImmediate(r));
      for (const go of waiting.splice(0)) go();
    }
  };
  return { calls, repair, drive };
}

describe('repairWaves', () => {
  it('asks the repairs of failures 3 relations apart at once, each on the pattern as it was, and merges them in order', async () => {
    const { space, at, failure, hidden, scratch } = setup();
    const a = at('A', 'm', 'x');
    const b = at('B', 'f', 'y');
    hidden[a] = hidden[b] = 1;
    const before = hidden.slice();
    // Each repair hides a cell 1 relation from its target and 3 from the other's.
    // a's repair hides (A,T,T) while it waits: b's pattern must not show it.
    const { calls, repair, drive } = recordingRepair(new Map([[a, [at('A', 'T', 'x')]], [b, [at('B', 'T', 'y')]]]), new Map([[a, at('A', 'T', 'T')]]));
    const run = repairWaves(space, hidden, [failure(a), failure(b)], repair, scratch);
    await drive(run);
    const out = await run;
    expect(calls.map((c) => [c.cell, c.settled])).toEqual([
      [a, 0],
      [b, 0],
    ]);
    for (const c of calls) expect(c.pattern).toEqual(before);
    expect(out).toEqual([
      { key: `0:${a}`, added: [at('A', 'T', 'x')] },
      { key: `0:${b}`, added: [at('B', 'T', 'y')] },
    ]);
    expect(hidden).toEqual(before);
  });

  it('asks a failure 2 relations from a member in the next wave, on the pattern the wave left', async () => {
    const { space, at, failure, hidden, scratch } = setup();
    const a = at('A', 'm', 'x');
    const b = at('B', 'f', 'x');
    hidden[a] = hidden[b] = 1;
    // a's repair hides (C,m,y): 2 relations from a, 3 from b, so b is not near it and is repaired.
    const cm = at('C', 'm', 'y');
    const { calls, repair, drive } = recordingRepair(new Map([[a, [cm]], [b, [at('B', 'f', 'T')]]]));
    const run = repairWaves(space, hidden, [failure(a), failure(b)], repair, scratch);
    await drive(run);
    const out = await run;
    expect(calls.map((c) => [c.cell, c.settled])).toEqual([
      [a, 0],
      [b, 1],
    ]);
    expect(calls[1]!.pattern[cm]).toBe(1);
    expect(out.map((o) => o.key)).toEqual([`0:${a}`, `0:${b}`]);
  });

  it('leaves to the next round a member within 2 relations of a cell an earlier member hid, and skips one near an earlier wave', async () => {
    const { space, at, failure, hidden, scratch } = setup();
    const a = at('A', 'm', 'x');
    const b = at('B', 'f', 'y');
    const c = at('C', 'f', 'y');
    hidden[a] = hidden[b] = hidden[c] = 1;
    // a's repair hides (B,f,T): 1 relation from b (in a's wave: 3 apart), so b's repair is thrown away; c is 1
    // relation from b (so waits for the next wave) and 2 from (B,f,T) (so it is skipped there, never asked).
    const { calls, repair, drive } = recordingRepair(new Map([[a, [at('B', 'f', 'T')]], [b, [at('C', 'T', 'y')]], [c, [at('A', 'T', 'T')]]]));
    const run = repairWaves(space, hidden, [failure(a), failure(b), failure(c)], repair, scratch);
    await drive(run);
    const out = await run;
    expect(calls.map((x) => x.cell)).toEqual([a, b]);
    expect(out).toEqual([{ key: `0:${a}`, added: [at('B', 'f', 'T')] }]);
  });

  it('asks a later wave only for the failures the check still proves on the pattern the earlier waves left', async () => {
    const { space, at, failure, hidden, scratch } = setup();
    const a = at('A', 'm', 'x');
    const b = at('B', 'f', 'x');
    const c = at('C', 'm', 'y');
    hidden[a] = hidden[b] = hidden[c] = 1;
    // a and b are 2 relations apart (b waits for the second wave), as are a and c; c is 3 from b. a's repair hides
    // (C,T,T), 1 relation from c (c is near it: skipped) and 2 from b. The check drops b (a's cell fixed it), so its
    // repair is never asked, and it is not listed: it waits for the next round.
    const ctt = at('C', 'T', 'T');
    const { calls, repair, drive } = recordingRepair(new Map([[a, [ctt]], [b, [at('B', 'f', 'T')]]]));
    const checked: { cells: number[]; hiddenThere: number }[] = [];
    const stillFailing = (list: readonly AuditFailure[], pattern: Uint8Array): AuditFailure[] => {
      checked.push({ cells: list.map((f) => f.cell), hiddenThere: pattern[ctt]! });
      return list.filter((f) => f.cell !== b);
    };
    const run = repairWaves(space, hidden, [failure(a), failure(b), failure(c)], repair, scratch, stillFailing);
    await drive(run);
    const out = await run;
    // Not before the first wave; before the second, on the pattern with a's cell.
    expect(checked).toEqual([{ cells: [b, c], hiddenThere: 1 }]);
    expect(calls.map((x) => x.cell)).toEqual([a]);
    expect(out).toEqual([{ key: `0:${a}`, added: [ctt] }]);
  });

  it('lists a failure no repair was found for with added undefined, and goes on', async () => {
    const { space, at, failure, hidden, scratch } = setup();
    const a = at('A', 'm', 'x');
    const b = at('B', 'f', 'y');
    hidden[a] = hidden[b] = 1;
    const { repair, drive } = recordingRepair(new Map([[b, [at('B', 'T', 'y')]]]));
    const run = repairWaves(space, hidden, [failure(a), failure(b)], repair, scratch);
    await drive(run);
    expect(await run).toEqual([
      { key: `0:${a}`, added: undefined },
      { key: `0:${b}`, added: [at('B', 'T', 'y')] },
    ]);
  });
});
