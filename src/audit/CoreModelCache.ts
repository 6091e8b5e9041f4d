import { createHash } from 'node:crypto';
import type { CoreLp, CoreLpData } from './CoreLp.js';

/**
 * HiGHS models of the audit's cores, kept from one `attackIntervals` call to the next while the LPs stay the same:
 * the repair loop of the secondary suppression audits a pattern that grows by a few cells per round, so most cores
 * (connected groups of hidden cells) come back unchanged, and their models are re-solved warm instead of built and
 * solved cold again (a cold first solve of a 2,000-column core takes ~0.3 s of HiGHS; a warm one tens of ms).
 *
 * A model is found by the LP's content (every number of its `CoreLpData` but the options): the same LP, whatever
 * cells its columns stand for. What a reused model returns for a solve is an optimum of the same LP, so exact bounds
 * and verdicts do not depend on the cache; the vertex it returns (an inner bound of a target it does not solve
 * exactly) may, but the same sequence of audits makes the same sequence of solves on every model, on every thread
 * setting, so the audit stays deterministic.
 *
 * Lifetime: models live in generations. {@link endGeneration} disposes the models no call asked for since the last
 * one (their cores changed), so a loop keeps only the current pattern's models; {@link dispose} frees all.
 *
 * Cost: hashing a core's arrays (linear in its non-zeros) per lookup; memory for the live models (in HiGHS's
 * WebAssembly heap on this thread or in the pool's workers).
 * @example
 * const models = new CoreModelCache();
 * try {
 *   await auditPattern(space, hidden, primary, rules, true, undefined, { models });
 *   models.endGeneration();
 * } finally {
 *   models.dispose();
 * }
 * @internal
 */
export class CoreModelCache {
  private readonly live = new Map<string, { readonly lp: CoreLp; used: boolean; claimed: boolean }>();
  private taken = 0;

  /** Models handed out again by {@link take} so far (a diagnostic for tests and benchmarks). */
  get reused(): number {
    return this.taken;
  }

  /** The content key of an LP (a SHA-256 of its sizes, bounds and matrix; not of its options). */
  static keyOf(data: CoreLpData): string {
    const h = createHash('sha256');
    h.update(Int32Array.of(data.numCols, data.numRows));
    for (const a of [data.colLower, data.colUpper, data.rowBound, data.starts, data.indices, data.values]) {
      h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
    return h.digest('hex');
  }

  /**
   * The live model of this LP, claimed (until {@link release}) and marked as used in this generation; undefined
   * when there is none or it is claimed (two cores with the same LP in one call each get their own model, so that no
   * model's sequence of solves depends on how two cores' solves interleave).
   */
  take(key: string): CoreLp | undefined {
    const e = this.live.get(key);
    if (!e || e.claimed) return undefined;
    e.used = true;
    e.claimed = true;
    this.taken++;
    return e.lp;
  }

  /**
   * Keeps a model just built, claimed and used in this generation; the cache now owns it (disposes it). Returns
   * false (and keeps nothing) when a model of this LP is live already: the caller keeps and disposes its own.
   */
  put(key: string, lp: CoreLp): boolean {
    if (this.live.has(key)) return false;
    this.live.set(key, { lp, used: true, claimed: true });
    return true;
  }

  /** Gives a claimed model back (the core that took or put it is done with it). */
  release(key: string): void {
    const e = this.live.get(key);
    if (e) e.claimed = false;
  }

  /** Disposes a model and forgets it (its holder found it unreliable); nothing when there is none. */
  discard(key: string): void {
    const e = this.live.get(key);
    if (!e) return;
    e.lp.dispose();
    this.live.delete(key);
  }

  /** Disposes the models not taken or put since the last call; the rest start the next generation unused. */
  endGeneration(): void {
    for (const [key, e] of this.live) {
      if (e.used || e.claimed) e.used = false;
      else {
        e.lp.dispose();
        this.live.delete(key);
      }
    }
  }

  /** Number of live models. */
  get size(): number {
    return this.live.size;
  }

  /** Disposes every model. Idempotent. */
  dispose(): void {
    for (const e of this.live.values()) e.lp.dispose();
    this.live.clear();
  }
}
