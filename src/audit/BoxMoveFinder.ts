import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import { PrikkError } from '../errors/PrikkError.js';
import type { CellSpace } from './CellSpace.js';

/**
 * A move from the true table to another table the attacker cannot rule out: `values[cells[j]] + step * signs[j]`
 * for every `j` (all other cells unchanged) is a non-negative table that satisfies every relation and agrees with
 * every published value. It proves that each moved cell can take its moved value. @internal
 */
export interface FeasibleMove {
  /** Space cells moved, all hidden; the first is the cell the move was asked for. */
  readonly cells: Int32Array;
  /** +1 or -1 per cell. */
  readonly signs: Int8Array;
  /** How far the move goes (> 0). */
  readonly step: number;
}

/** A feasible table given sparsely: `cells` take `values`, every other cell keeps its true value. @internal */
export interface FeasiblePoint {
  readonly cells: Int32Array;
  readonly values: Float64Array;
  /** How far the target cell moved (at most the amount asked for). */
  readonly reached: number;
}

/** Box moves chained by one `reach` call, unless {@link BoxMoveFinderOptions.maxMoves} says otherwise. */
const MAX_MOVES = 16;
/** Options of a {@link BoxMoveFinder}. @internal */
export interface BoxMoveFinderOptions {
  /**
   * Defaults to 0 (chains as before refills existed). Refills per `reach` call: when the chain is stuck, a cell an
   * earlier box emptied is moved up again by a box that does not move the target back, and the search goes on.
   * The audit uses {@link AUDIT_REFILLS}.
   */
  readonly refills?: number;
  /** Box moves (refills included) chained by one `reach` call. Defaults to 16. The audit uses {@link AUDIT_MAX_MOVES}. */
  readonly maxMoves?: number;
}

/**
 * Refills per `reach` call in the audit (`auditSpace`). Measured on the 49k-cell benchmark's stand-alone audit:
 * simplex iterations of the certifying LPs 54k -> 25k and of the exact ones 9.4k -> 2.1k, box search 1.0 -> 1.3 s
 * (a prototype that did not skip the reverse box: 16 refills and 48 moves left only 7 % fewer roots open than 4).
 * 4 -> 8 refills with 16 -> 32 moves ({@link AUDIT_MAX_MOVES}), measured on the stored final patterns of the
 * benchmark tables (one thread, alternating runs): the 110k-cell table's stand-alone audit 12.3-13.2 -> 10.4-10.8 s
 * (LP time 10.0 -> 8.1 s, 103 -> 94 LPs), the 49k-cell one 4.6-4.9 -> 4.3-4.5 s; the registry's 108,576-cell one
 * (two threads) 23.3-24.1 -> 22.6-22.8 s. 16 refills, or 16,384 cell checks per `find`, were slower on the 49k-cell
 * table (5.0-5.2 s) and no faster on the 110k-cell one. The goals still open after the moves need more than boxes: on
 * the 110k-cell table 1,195 of 24,575 at any setting from 16 refills up, most of them 1-2 short of their goal.
 * @internal
 */
export const AUDIT_REFILLS = 8;

/**
 * Box moves (refills included) per `reach` call in the audit (`auditSpace`); see {@link AUDIT_REFILLS}. With 8
 * refills, 32-96 moves measured the same; with 4 refills more moves changed nothing (the chains ran out of refills
 * first).
 * @internal
 */
export const AUDIT_MAX_MOVES = 32;
/** Cells checked per `find` call before giving up (the search is a heuristic; the LP covers what it misses). */
const BUDGET = 4096;
/** Options kept per (dimension, node). */
const MAX_OPTIONS = 256;
/** Descents kept per node (paths from a node down to a leaf). */
const MAX_DESCENTS = 4;

/** One dimension's factor of a box: nodes and their signs; the first node is the target's own, with sign +1. */
interface Factor {
  readonly nodes: Int32Array;
  readonly signs: Int8Array;
}

/**
 * Finds feasible moves by "box" directions, the cheap certificate of the audit: for a target cell of a
 * hierarchical table, a direction `u_1 ⊗ … ⊗ u_D` where every `u_d` satisfies all of dimension d's hierarchy
 * relations (`u[p] = Σ u[children of p]`) satisfies every relation of the table (each relation is one
 * dimension's hierarchy relation at fixed nodes of the others). Each `u_d` has the target's node at +1 and is
 * one of: a swap with a sibling (`D(i) - D(j)`), a swap with a cousin through the common ancestor (`D(i) + path
 * up - D(j)`), or a path to the root (`D(i) + ancestors`), where `D(n)` is `n` plus a path down to a leaf. These
 * are the elementary 2^D "cubes" of the suppression literature (the hypercube method of Repsilber's GHMITER,
 * Giessing & Repsilber 2002; in two dimensions Cox 1980's alternating cycles), extended to hierarchies. Moving along such a direction keeps
 * published cells when every cell of the box is hidden, and keeps non-negativity when every decreasing cell is
 * at least the step.
 *
 * Every move returned is also checked against the space's relations one by one (`verify`), which is what makes
 * it a proof for linked tables too (a box in one table need not balance another table's relations: such a box
 * is rejected and the search goes on). No move found proves nothing: the caller falls back to the LP.
 *
 * Deterministic: options in node order; the first box that works is returned.
 *
 * Moves chain (`reach`): each box goes as far as the current table allows, the next starts from there, so small
 * cells on one box's way are worked around by the next. When no box of the target is left, the chain refills a
 * cell an earlier box emptied (a box through that cell that moves it up and not the target back: the augmenting
 * step of a flow algorithm, in box moves) and searches again.
 *
 * Cost: per `find`, at most `BUDGET` cell checks plus the verification (the box's cells × their relations); a
 * `reach` is at most `options.maxMoves` finds plus `options.refills` refill searches (each at most one find per cell
 * moved). Factors are cached per hierarchy node; each factor's line through the target is checked at most once per
 * `find` (measured on the 12k-cell benchmark: 1.9M cell checks per audit before, 0.6M after).
 * @internal
 * @example
 * // rows A, B; columns m, f; margins published; interior [[3, 1], [2, 4]] hidden.
 * new BoxMoveFinder(space).reach(values, hidden, cellAm, 1, 2)
 * // { cells: [Am, Af, Bm, Bf], values: [4, 0, 1, 5], reached: 1 }: the box +Am -Af -Bm +Bf, by min(1, 2) = 1
 */
export class BoxMoveFinder {
  private readonly cellsAt: Int32Array[];
  private readonly signsAt: Int8Array[];
  private readonly lenAt: Int32Array;
  /** Net change per relation during `verify`, zero between calls. */
  private relAcc: Int32Array | undefined;
  private readonly relTouched: number[] = [];
  /** A working copy of the last `values` given to `reach`, restored after each call. */
  private work: Float64Array | undefined;
  private workOf: Float64Array | undefined;
  /** Stamps of the cells moved by the current `reach` (`gen`). */
  private mark: Int32Array | undefined;
  private gen = 0;
  /** Per-call buffers of `find`: the target's node and factors per dimension, which lines were checked. */
  private readonly nodeBuf: Int32Array;
  private readonly choiceBuf: Int32Array;
  private readonly factorBuf: Factor[][];
  private readonly lineBuf: Int32Array[];
  /** Stamp of the current `search` in `lineBuf`: +stamp a usable line, -stamp not, anything else not checked. */
  private lineStamp = 0;
  /** The move found by the last `search`: space cells, signs (direction applied), count and step. */
  private moveCells = new Int32Array(64);
  private moveSigns = new Int8Array(64);
  private moveLen = 0;
  private moveStep = 0;
  /** A cell that boxes must not move against `avoidDirection` (the target, while a refill is searched), or -1. */
  private avoid = -1;
  private avoidDirection: 1 | -1 = 1;
  /** The point built by the last `reachShared`: moved cells and their values (grown as needed). */
  private pointCells = new Int32Array(64);
  private pointValues = new Float64Array(64);

  /**
   * While {@link BoxMoveFinder.publishedBlockers} runs: the published cells that ended a check (the first cell of a
   * line or a box found unusable was published), stamped with `blockerGen` and listed in `blockerList`.
   */
  private blockerMark: Int32Array | undefined;
  private blockerGen = 0;
  private recording = false;
  private readonly blockerList: number[] = [];

  /** Refills allowed per `reach` call (see {@link BoxMoveFinderOptions.refills}). */
  private readonly maxRefills: number;
  /** Moves allowed per `reach` call (see {@link BoxMoveFinderOptions.maxMoves}). */
  private readonly maxMoves: number;

  /**
   * @throws {PrikkError} `INVALID_ARGUMENT` when `options.refills` is not a non-negative integer, or `options.maxMoves`
   * not a positive one.
   */
  constructor(
    private readonly space: CellSpace,
    options: BoxMoveFinderOptions = {},
  ) {
    const refills = options.refills ?? 0;
    if (!Number.isInteger(refills) || refills < 0) {
      throw new PrikkError('INVALID_ARGUMENT', `BoxMoveFinder: expected options.refills to be a non-negative integer, got ${String(refills)}`);
    }
    this.maxRefills = refills;
    const maxMoves = options.maxMoves ?? MAX_MOVES;
    if (!Number.isInteger(maxMoves) || maxMoves < 1) {
      throw new PrikkError('INVALID_ARGUMENT', `BoxMoveFinder: expected options.maxMoves to be a positive integer, got ${String(maxMoves)}`);
    }
    this.maxMoves = maxMoves;
    let D = 0;
    for (const t of space.tables) D = Math.max(D, t.dimensions.length);
    this.cellsAt = Array.from({ length: D + 1 }, () => new Int32Array(64));
    this.signsAt = Array.from({ length: D + 1 }, () => new Int8Array(64));
    this.lenAt = new Int32Array(D + 1);
    this.nodeBuf = new Int32Array(D);
    this.choiceBuf = new Int32Array(D);
    this.factorBuf = Array.from({ length: D }, () => []);
    this.lineBuf = Array.from({ length: D }, () => new Int32Array(MAX_OPTIONS));
  }

  /**
   * A feasible table, given by the cells where it differs from `values` (the true table) and their values there,
   * in which `cell` has moved as far as the boxes found allow towards `amount` in `direction` (+1 up, -1 down):
   * box moves applied one after another, each as far as the current table allows (`options.maxMoves` at most). Returns
   * undefined when no box moves the cell at all. The returned `reached` says how far the cell got.
   */
  reach(values: Float64Array, hidden: Uint8Array, cell: number, direction: 1 | -1, amount: number): FeasiblePoint | undefined {
    const p = this.reachShared(values, hidden, cell, direction, amount);
    return p && { cells: p.cells.slice(), values: p.values.slice(), reached: p.reached };
  }

  /**
   * {@link BoxMoveFinder.reach} without copies: the point's `cells` and `values` are views of this finder's
   * buffers, valid until its next call (the audit reads each point at once; a copy per call was 2 typed-array
   * allocations, about 12k per audit of the 12k-cell benchmark).
   */
  reachShared(values: Float64Array, hidden: Uint8Array, cell: number, direction: 1 | -1, amount: number): FeasiblePoint | undefined {
    if (!(amount > 0) || Number.isNaN(values[cell]!)) return undefined;
    if (this.workOf !== values) {
      this.work = values.slice();
      this.workOf = values;
    }
    const cur = this.work!;
    // Cells moved, in order of first move (readable version: push every moved cell, then `new Set(touched)`).
    if (!this.mark || this.mark.length !== values.length || this.gen >= 0x7fffffff) {
      this.mark = new Int32Array(values.length);
      this.gen = 0;
    }
    const mark = this.mark;
    const gen = ++this.gen;
    let n = 0;
    let left = amount;
    let refills = 0;
    const start = values[cell]!;
    // Whether the next search may go on from the box just applied instead of from the first box (see `search`).
    let resume = false;
    for (let k = 0; k < this.maxMoves && left > 1e-12 * Math.max(1, amount); k++) {
      // Stuck: a cell emptied by an earlier box may be what closes every box left; refill one and search again.
      let refilled = false;
      if (!this.search(cur, hidden, cell, direction, left, resume)) {
        if (refills >= this.maxRefills || !this.refill(cur, hidden, cell, direction, left, n)) break;
        refills++;
        refilled = true;
      }
      const mc = this.moveCells;
      const ms = this.moveSigns;
      const step = this.moveStep;
      // Every box before this one in the search's order was unusable and stays so: a cell has the same sign in every
      // box of the target (each factor puts +1 on the nodes comparable with the target's own, ancestors and
      // descendants, and -1 on the others; see `factorsOf`), so this move lowered only cells that boxes lower and
      // raised only cells no box lowers. The next search goes on from this box; after a refill (a search from
      // another cell, in the same buffers) it starts from the first box again.
      resume = !refilled;
      if (this.pointCells.length < n + this.moveLen) {
        const grown = new Int32Array(2 * (n + this.moveLen));
        grown.set(this.pointCells.subarray(0, n));
        this.pointCells = grown;
        this.pointValues = new Float64Array(grown.length);
      }
      const pc = this.pointCells;
      for (let j = 0; j < this.moveLen; j++) {
        const c = mc[j]!;
        if (mark[c] !== gen) {
          mark[c] = gen;
          pc[n++] = c;
        }
        cur[c] = cur[c]! + step * ms[j]!;
        // Exact zero when a cell is emptied (guards against round-off below zero on sums).
        if (ms[j]! < 0 && Math.abs(cur[c]!) <= 1e-12 * Math.max(1, Math.abs(values[c]!))) cur[c] = 0;
      }
      // A box for the target moves it by `step`; a refill moves it by 0 or `step` (never back): read it off.
      left = amount - (cur[cell]! - start) * direction;
    }
    if (n === 0) return undefined;
    const pc = this.pointCells;
    const pv = this.pointValues;
    for (let j = 0; j < n; j++) {
      const c = pc[j]!;
      pv[j] = cur[c]!;
      cur[c] = values[c]!;
    }
    return { cells: pc.subarray(0, n), values: pv.subarray(0, n), reached: amount - left };
  }

  /**
   * The published cells whose publication decided some check of {@link BoxMoveFinder.reach}`(values, hidden, cell,
   * direction, amount)`: each was the first unusable cell of a line or box the search examined. Hiding any other
   * published cell changes no check of that call (each check stops at the same first unusable cell, with the same
   * budget spent), so the same call with it hidden finds the same chain, which does not move it: only these cells can
   * make a chain through them (what `boxRepair` asks of a candidate). The returned array is this finder's buffer,
   * valid until its next call.
   */
  publishedBlockers(values: Float64Array, hidden: Uint8Array, cell: number, direction: 1 | -1, amount: number): readonly number[] {
    if (!this.blockerMark || this.blockerMark.length !== values.length || this.blockerGen >= 0x7fffffff) {
      this.blockerMark = new Int32Array(values.length);
      this.blockerGen = 0;
    }
    this.blockerGen++;
    this.blockerList.length = 0;
    this.recording = true;
    try {
      this.reachShared(values, hidden, cell, direction, amount);
    } finally {
      this.recording = false;
    }
    return this.blockerList;
  }

  /** Notes a published cell that ended a check (while {@link BoxMoveFinder.publishedBlockers} runs). */
  private block(sc: number): void {
    const mark = this.blockerMark!;
    if (mark[sc] !== this.blockerGen) {
      mark[sc] = this.blockerGen;
      this.blockerList.push(sc);
    }
  }

  /**
   * A refill for a stuck chain (an augmenting step): a box that moves up one of the cells the chain has emptied so
   * far (the first `n` of `pointCells`, in the order they were first moved), by up to `amount`, and does not move
   * `cell` against `direction` (the reverse of the box that emptied it is skipped: the search goes on past it).
   * Boxes of the target that needed that cell to decrease are open again after it. Leaves the move in the move
   * buffers; false when no emptied cell has such a box. Each refill is a box from the current table like any other
   * (checked by `verifyFirst`, decreasing cells positive), so the chain stays a proof.
   */
  private refill(cur: Float64Array, hidden: Uint8Array, cell: number, direction: 1 | -1, amount: number, n: number): boolean {
    this.avoid = cell;
    this.avoidDirection = direction;
    try {
      for (let j = 0; j < n; j++) {
        const z = this.pointCells[j]!;
        if (z !== cell && cur[z] === 0 && this.search(cur, hidden, z, 1, amount)) return true;
      }
      return false;
    } finally {
      this.avoid = -1;
    }
  }

  /**
   * One box move that changes `cell` in `direction` by up to `amount` from `values` (every decreasing cell must
   * be positive), or undefined when the search finds none within its budget.
   */
  find(values: Float64Array, hidden: Uint8Array, cell: number, direction: 1 | -1, amount: number): FeasibleMove | undefined {
    if (!this.search(values, hidden, cell, direction, amount)) return undefined;
    return { cells: this.moveCells.slice(0, this.moveLen), signs: this.moveSigns.slice(0, this.moveLen), step: this.moveStep };
  }

  /** {@link BoxMoveFinder.find} into this finder's buffers (`moveCells`, `moveSigns`, `moveLen`, `moveStep`). */
  private search(values: Float64Array, hidden: Uint8Array, cell: number, direction: 1 | -1, amount: number, resume = false): boolean {
    if (!(amount > 0) || !hidden[cell] || Number.isNaN(values[cell]!)) return false;
    const space = this.space;
    const ti = space.originTable[cell]!;
    const table = space.tables[ti]!;
    const map = space.cellOf[ti]!;
    const tc = space.originCell[cell]!;
    const D = table.dimensions.length;
    // Readable version: node = dims.map((d) => table.nodeAt(tc, d)); factors = node.map((n, d) => factorsOf(h_d, n)).
    const node = this.nodeBuf;
    const factors = this.factorBuf;
    const lineState = this.lineBuf;
    if (!resume) {
      for (let d = 0; d < D; d++) {
        node[d] = table.nodeAt(tc, d);
        factors[d] = factorsOf(table.dimensions[d]!.hierarchy, node[d]!);
      }
    }
    // Readable version: lineState[d].fill(0) per call (0 not checked, 1 usable, 2 not); a stamp avoids the fill. A
    // resumed search checks its lines again too (the last box may have emptied a cell of a usable one).
    if (this.lineStamp >= 0x7ffffffe) {
      for (const b of lineState) b.fill(0);
      this.lineStamp = 0;
    }
    const stamp = ++this.lineStamp;
    let budget = BUDGET;
    // While a refill is searched, a box that moves `avoid` against `avoidDirection` is rejected as soon as that cell
    // is in it (every cell of a partial box stays in the full box with its sign; each cell is checked once, on the
    // level that adds it), not once the box is whole: on the 110k-cell benchmark table's audit, 183,517 whole boxes
    // were built and then rejected for it. Readable version: that check on the whole box in `finish`. (-1: no cell to
    // avoid, and no space cell is -1.)
    const avoid = this.avoid;
    const backwards = -direction * this.avoidDirection;
    // Each box contains, in every dimension d, the line of its factor through the target (the other dimensions'
    // factors start with the target's own node at +1): a factor whose line holds a published cell, or a cell that
    // would go below zero, cannot be part of any box. Each line is checked once, when first needed (lineState:
    // +stamp usable, -stamp not, else not checked yet), so that the search does not reject the same factor again under every
    // choice of the other dimensions.
    // Partial boxes per level: table cells and signs, the dimensions not yet chosen at the target's nodes.
    // Readable version: levels[d + 1] = { cells: [...], signs: [...] } built with push; buffers avoid the garbage.
    const cellsAt = this.cellsAt;
    const signsAt = this.signsAt;
    const lenAt = this.lenAt;
    const choice = this.choiceBuf;
    let d = 0;
    if (resume) {
      // Go on after the box found last (the same cell and direction, from the table that box made): from the first
      // partial box the move made unusable (a decreasing cell no longer positive), else from the last dimension's
      // next option. Readable version: a search from the first box, whose boxes before this point are all unusable
      // (with a fresh budget of cell checks here, where that search spends part of its budget on them).
      d = D - 1;
      for (let l = 1; l < D && d === D - 1; l++) {
        const lc = cellsAt[l]!;
        const ls = signsAt[l]!;
        for (let j = 0; j < lenAt[l]!; j++) {
          if (ls[j]! * direction < 0 && !(values[map[lc[j]!]!]! > 0)) {
            d = l - 1;
            break;
          }
        }
      }
    } else {
      cellsAt[0]![0] = tc;
      signsAt[0]![0] = 1;
      lenAt[0] = 1;
      choice[0] = -1;
    }
    // Iterative depth-first search over one factor per dimension.
    while (d >= 0) {
      const next = ++choice[d]!;
      if (next >= factors[d]!.length || budget <= 0) {
        d--;
        continue;
      }
      const f = factors[d]![next]!;
      // The factor's arrays and this dimension's stride and node in locals: the loops below are the audit's hottest.
      const fNodes = f.nodes;
      const fSigns = f.signs;
      const fLen = fNodes.length;
      const stride = table.strides[d]!;
      const at = node[d]! * stride;
      const st = lineState[d]!;
      if (st[next] !== stamp && st[next] !== -stamp) {
        const base = tc - at;
        let good = true;
        for (let b = 1; b < fLen; b++) {
          const sc = map[base + fNodes[b]! * stride]!;
          budget--;
          // Unusable: published, unknown (NaN), or decreasing without a positive value (`!(v > 0)` is true for NaN).
          const v = values[sc]!;
          if (!hidden[sc] || (fSigns[b]! * direction < 0 ? !(v > 0) : v !== v) || (sc === avoid && fSigns[b] === backwards)) {
            good = false;
            if (this.recording && !hidden[sc]) this.block(sc);
            break;
          }
        }
        st[next] = good ? stamp : -stamp;
      }
      if (st[next] === -stamp) continue;
      const prevCells = cellsAt[d]!;
      const prevSigns = signsAt[d]!;
      const prevLen = lenAt[d]!;
      const need = prevLen * fLen;
      if (cellsAt[d + 1]!.length < need) {
        cellsAt[d + 1] = new Int32Array(need * 2);
        signsAt[d + 1] = new Int8Array(need * 2);
      }
      const cells = cellsAt[d + 1]!;
      const signs = signsAt[d + 1]!;
      // The first cell of the level before is the target (every factor's first node is the target's own, sign +1),
      // so its row is the factor's line through the target, checked above: copied without a check, its cells still
      // counted against the budget (the same searches as checking them again: on the 110k-cell benchmark table's
      // final pattern the same chains for every primary cell up and towards zero, 5-10 % less time). Readable
      // version: the loop below from a = 0.
      for (let b = 0; b < fLen; b++) {
        cells[b] = tc - at + fNodes[b]! * stride;
        signs[b] = fSigns[b]!;
      }
      budget -= fLen - 1;
      let len = fLen;
      let ok = true;
      for (let a = 1; a < prevLen && ok; a++) {
        const base = prevCells[a]! - at;
        const sa = prevSigns[a]!;
        // b = 0 is the cell of the level before (the factor's first node is the target's own, sign +1): checked.
        cells[len] = base + fNodes[0]! * stride;
        signs[len++] = sa * fSigns[0]!;
        for (let b = 1; b < fLen; b++) {
          const c = base + fNodes[b]! * stride;
          const sg = sa * fSigns[b]!;
          const sc = map[c]!;
          budget--;
          const v = values[sc]!;
          if (!hidden[sc] || (sg * direction < 0 ? !(v > 0) : v !== v) || (sc === avoid && sg === backwards)) {
            if (this.recording && !hidden[sc]) this.block(sc);
            ok = false;
            break;
          }
          cells[len] = c;
          signs[len++] = sg;
        }
      }
      if (!ok) continue;
      lenAt[d + 1] = len;
      if (d + 1 < D) {
        d++;
        choice[d] = -1;
        continue;
      }
      if (this.finish(values, hidden, map, cells, signs, len, direction, amount)) return true;
    }
    return false;
  }

  /** Writes the move of a full box into the move buffers; false when it does not balance every relation (linked tables). */
  private finish(
    values: Float64Array,
    hidden: Uint8Array,
    map: Int32Array,
    cells: Int32Array,
    signs: Int8Array,
    len: number,
    direction: 1 | -1,
    amount: number,
  ): boolean {
    let step = Infinity;
    if (this.moveCells.length < len) {
      this.moveCells = new Int32Array(2 * len);
      this.moveSigns = new Int8Array(2 * len);
    }
    const out = this.moveCells;
    const outSigns = this.moveSigns;
    for (let j = 0; j < len; j++) {
      const sc = map[cells[j]!]!;
      const s = signs[j]! * direction;
      out[j] = sc;
      outSigns[j] = s;
      if (s < 0) step = Math.min(step, values[sc]!);
    }
    // At most the amount asked for (what is left of other cells stays for later moves); no decreasing cell: the
    // cell is unbounded that way, and the amount asked for is feasible.
    step = Math.min(step, amount);
    if (!(step > 0) || !this.verifyFirst(out, outSigns, len, hidden)) return false;
    this.moveLen = len;
    this.moveStep = step;
    return true;
  }

  /** Every relation touching the move's cells stays balanced, and every moved cell is hidden. */
  verify(cells: Int32Array, signs: Int8Array, hidden: Uint8Array): boolean {
    return this.verifyFirst(cells, signs, cells.length, hidden);
  }

  /** {@link BoxMoveFinder.verify} of the first `len` entries of `cells` and `signs`. */
  private verifyFirst(cells: Int32Array, signs: Int8Array, len: number, hidden: Uint8Array): boolean {
    const rel = this.space.relations;
    const idx = this.space.relationIndex;
    // Readable version: a Map from relation to its net change, every entry checked for 0. Hand-tuned: a typed
    // accumulator per relation (kept zero between calls) and the list of relations touched.
    const acc = (this.relAcc ??= new Int32Array(rel.count));
    const touched = this.relTouched;
    touched.length = 0;
    let ok = true;
    for (let j = 0; j < len && ok; j++) {
      const c = cells[j]!;
      if (!hidden[c]) ok = false;
      for (let k = idx.starts[c]!; k < idx.starts[c + 1]! && ok; k++) {
        const r = idx.relations[k]!;
        if (acc[r] === 0) touched.push(r);
        // total = Σ members: the total counts +1, a member -1.
        acc[r] = acc[r]! + (rel.totals[r] === c ? signs[j]! : -signs[j]!);
      }
    }
    for (const r of touched) {
      if (acc[r] !== 0) ok = false;
      acc[r] = 0;
    }
    // A cell listed twice would have been summed above; it cannot be, as table cells map to distinct space cells.
    return ok;
  }
}

/** Factors per hierarchy and node, shared by every finder (hierarchies are immutable). */
const factorCache = new WeakMap<Hierarchy, (Factor[] | undefined)[]>();
const childrenCache = new WeakMap<Hierarchy, number[][]>();

/** Children of each node of a hierarchy (the root is the last node). */
function childrenOf(h: Hierarchy): number[][] {
  const out: number[][] = Array.from({ length: h.size }, () => []);
  for (let n = 0; n < h.size - 1; n++) {
    const p = h.parents[n]!;
    if (p >= 0) out[p]!.push(n);
  }
  return out;
}

/** The factors of a hierarchy at node `n` (see {@link BoxMoveFinder}), cached. */
function factorsOf(h: Hierarchy, n: number): Factor[] {
  let perNode = factorCache.get(h);
  if (!perNode) factorCache.set(h, (perNode = new Array<Factor[] | undefined>(h.size)));
  const cached = perNode[n];
  if (cached) return cached;
  const out: Factor[] = [];
  const kids = childrenCache.get(h) ?? childrenOf(h);
  childrenCache.set(h, kids);
  const descents = (x: number): number[][] => {
    if (kids[x]!.length === 0) return [[x]];
    const res: number[][] = [];
    for (const c of kids[x]!) {
      for (const rest of descents(c)) {
        res.push([x, ...rest]);
        if (res.length >= MAX_DESCENTS) return res;
      }
    }
    return res;
  };
  const mine = descents(n);
  const push = (plus: number[], minus: number[]): void => {
    if (out.length >= MAX_OPTIONS) return;
    out.push({
      nodes: Int32Array.from([...plus, ...minus]),
      signs: Int8Array.from([...plus.map(() => 1), ...minus.map(() => -1)]),
    });
  };
  // Swaps below each proper ancestor q: up from n to q's child a, down from another child b of q.
  let up: number[] = [];
  let a = n;
  let q = h.parents[n]!;
  while (q >= 0) {
    for (const b of kids[q]!) {
      if (b === a) continue;
      for (const di of mine) for (const db of descents(b)) push([...di, ...up], db);
    }
    up = [...up, q];
    a = q;
    q = h.parents[q]!;
  }
  // The path to the root, the last resort: n, a descent and every ancestor, all +1.
  for (const di of mine) push([...di, ...up], []);
  perNode[n] = out;
  return out;
}
