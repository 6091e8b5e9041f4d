import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuppressionProgress } from '../../src/protect/suppression/SuppressionProgress.js';
import { runRelease } from '../../src/release/runRelease.js';
import { rejection } from '../rejection.js';
import { DP_BY_YEAR, ledgerLines, policyYaml, SUPPRESSED_BY_HOSPITAL, workspace } from './fixtures.js';

/**
 * `ReleaseOptions.signal` stops a release until the ledger records it: nothing recorded, written or spent, and the
 * ledger's lock is free for the next try. `onSuppressionProgress` names the tables protected together.
 */

describe('runRelease with a signal', () => {
  it('stops before anything is recorded when aborted during a suppression, and the next try releases', async () => {
    const w = workspace();
    const policy = w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL + DP_BY_YEAR, budget: 'privacyBudget: { epsilon: 3 }' }));
    const out = join(w.dir, 'release-1');
    const controller = new AbortController();
    const seen: { tables: readonly string[]; progress: SuppressionProgress }[] = [];
    const steps: string[] = [];
    const e = await rejection(
      runRelease({
        extract: w.extract,
        policy,
        out,
        signal: controller.signal,
        onProgress: (step) => steps.push(step),
        onSuppressionProgress: (tables, progress) => {
          seen.push({ tables, progress });
          controller.abort();
        },
      }),
    );
    expect(e.code).toBe('ABORTED');
    expect(e.message).toBe("suppressCells: stopped by the caller's signal (AbortError)");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.tables).toEqual(['by_hospital']);
    expect(seen[0]!.progress.step).toBe('secondary');
    expect(steps).not.toContain('record');
    expect(existsSync(out) && readdirSync(out).length > 0).toBe(false);
    // No ledger line; the next try takes the lock, spends the budget from the start and releases.
    expect(ledgerLines(w.ledgerFile)).toEqual([]);
    const r = await runRelease({ extract: w.extract, policy, out });
    expect(r.reissued).toBe(false);
    expect(ledgerLines(w.ledgerFile)).toHaveLength(1);
    expect(r.manifest.tables[0]!.audit?.passed).toBe(true);
    expect(r.manifest.budget?.spentBefore).toEqual([]);
  });

  it('stops at the first step when aborted before the call, and refuses a signal that is not one', async () => {
    const w = workspace();
    const policy = w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL }));
    const out = join(w.dir, 'release-1');
    const steps: string[] = [];
    const e = await rejection(runRelease({ extract: w.extract, policy, out, signal: AbortSignal.abort(), onProgress: (step) => steps.push(step) }));
    expect(e.code).toBe('ABORTED');
    expect(e.message).toBe("release: stopped by the caller's signal (AbortError)");
    expect(steps).toEqual([]);
    expect(ledgerLines(w.ledgerFile)).toEqual([]);
    expect(existsSync(out) && readdirSync(out).length > 0).toBe(false);
    const bad = await rejection(runRelease({ extract: w.extract, policy, out, signal: 5 as unknown as AbortSignal }));
    expect(bad.code).toBe('INVALID_ARGUMENT');
  });
});
