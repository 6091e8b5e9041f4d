import type { AuditFailure } from '../../audit/auditPattern.js';
import type { CellSpace } from '../../audit/CellSpace.js';
import { anyInBall } from './anyInBall.js';

/** A failure this many relations from a cell hidden earlier in the same round waits for the next round. @internal */
export const NEAR = 2;

/**
 * Relations around each member of a wave (see {@link repairWaves}) that no other member's may share: 1, so members lie
 * at least 3 relations apart. Measured on the registry's 108,576-cell table (protect, alternating with one repair
 * after another in each group, i.e. waves of one): 54.1, 53.9 → 48.7, 48.2 s (repairs 23.1 → 19.6, 18.8 s), 11,701 →
 * 11,686 secondaries, 135 → 124 repair LPs; radius 2 (members at least 5 relations apart) left most waves at one
 * member (repairs 23.1 s, 11,697 secondaries); radius 0 (every failure not near an earlier wave's cells at once)
 * solved 365 repair LPs, most of them thrown away (repairs 36.8 s). The benchmark tables keep their secondaries
 * (12k, 49k and 110k cells: 1,105, 6,680, 9,247; their groups hold a few repairs each); the registry's 38k-cell
 * table 4,324 → 4,320.
 * @internal
 */
export const WAVE_RADIUS = 1;

/** Reusable stamp buffers of {@link repairWaves}, one set per cell space (used synchronously between awaits). @internal */
export class WaveScratch {
  /** Cells seen by the current ball search. */
  readonly seen: Int32Array;
  seenClock = 0;
  /** Cells within {@link WAVE_RADIUS} of a member of the wave being formed. */
  readonly taken: Int32Array;
  takenClock = 0;
  constructor(cellCount: number) {
    this.seen = new Int32Array(cellCount);
    this.taken = new Int32Array(cellCount);
  }
}

/**
 * Of a group's failures, those a cheap check still proves on `pattern` (the group's pattern with its earlier waves'
 * cells), in order; the others wait for the next round (see {@link repairWaves}). @internal
 */
export type StillFailing = (failures: readonly AuditFailure[], pattern: Uint8Array) => AuditFailure[];

/** What a group's repair of one failure returns: the cells to hide, or `undefined` when none was found. @internal */
export type RepairOne = (failure: AuditFailure, pattern: Uint8Array) => Promise<number[] | undefined>;

/**
 * Repairs one group's failures (one hidden component's, in cell order) in waves; returns what each repair hid, in the
 * order merged (`added` undefined: no repair found; failures left to the next round are not listed). A wave takes, in
 * order, the failures not within {@link NEAR} relations of a cell the group's earlier waves hid, each with no cell
 * within {@link WAVE_RADIUS} relations of an earlier member's (those wait for the next wave). Its repairs run at the
 * same time, each on the pattern as the earlier waves left it (a copy each: a repair sets cells tentatively while it
 * waits for its LP), and are merged in order; a member within {@link NEAR} relations of a cell an earlier member hid
 * is then left to the next round, as one repair after another would have left it (such a repair often fixes its
 * neighbours too). Each repair's change stays a certificate after the merge, as the others only hide more cells.
 * With `stillFailing`, each wave after the first asks it which of the failures left still fail on the pattern the
 * earlier waves left; the others wait for the next round, unlisted.
 *
 * Why: in a table whose hidden cells join into a few giant components (the registry's 4-dimensional table: one group
 * of 31 failures, 13 repairs, 5.3 s of LPs one after another while a worker thread idled) the members' LPs run on
 * both worker threads. The waves depend on the failures and the pattern only: the same cells on every thread
 * setting. `hidden` is not changed.
 *
 * Cost: per wave, a ball of radius {@link NEAR} per failure left and one of radius {@link WAVE_RADIUS} per failure
 * tried as a member (linear in their relation entries), a copy of the pattern per member, plus the repairs.
 * @internal
 * @example
 * // failures at cells 3 and 90, more than 3 relations apart: one wave, both repairs asked before either settles
 * await repairWaves(space, hidden, [f3, f90], (f, pattern) => repairFailure({ ...input, failure: f, hidden: pattern }), scratch)
 * // [{ key: '0:3', added: [7] }, { key: '0:90', added: [95, 96] }]
 */
export async function repairWaves(
  space: CellSpace,
  hidden: Uint8Array,
  failures: readonly AuditFailure[],
  repair: RepairOne,
  scratch: WaveScratch,
  stillFailing?: StillFailing,
): Promise<{ key: string; added: number[] | undefined }[]> {
  const mine = hidden.slice();
  // Cells the group hid this round.
  const mineNow = new Uint8Array(space.cellCount);
  const near = (cell: number): boolean => anyInBall(space, cell, NEAR, scratch, (c) => mineNow[c] === 1);
  const out: { key: string; added: number[] | undefined }[] = [];
  let pending = failures;
  for (let waveIndex = 0; pending.length > 0; waveIndex++) {
    // After the first wave, failures the earlier waves' cells fixed wait for the next round (not repaired by an LP
    // that would find nothing to hide).
    if (waveIndex > 0 && stillFailing) {
      pending = stillFailing(pending, mine);
      if (pending.length === 0) break;
    }
    const wave: AuditFailure[] = [];
    const later: AuditFailure[] = [];
    if (scratch.takenClock >= 0x7fffffff) {
      scratch.taken.fill(0);
      scratch.takenClock = 0;
    }
    const taken = ++scratch.takenClock;
    for (const f of pending) {
      if (near(f.cell)) continue;
      if (wave.length > 0 && anyInBall(space, f.cell, WAVE_RADIUS, scratch, (c) => scratch.taken[c] === taken)) {
        later.push(f);
        continue;
      }
      wave.push(f);
      anyInBall(space, f.cell, WAVE_RADIUS, scratch, (c) => ((scratch.taken[c] = taken), false));
    }
    const added = await Promise.all(wave.map((f) => repair(f, wave.length > 1 ? mine.slice() : mine)));
    wave.forEach((f, i) => {
      if (i > 0 && near(f.cell)) return;
      out.push({ key: `${f.group}:${f.cell}`, added: added[i] });
      for (const c of added[i] ?? []) {
        mine[c] = 1;
        mineNow[c] = 1;
      }
    });
    pending = later;
  }
  return out;
}
