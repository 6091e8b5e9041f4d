import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRelease } from '../../src/release/auditRelease.js';
import { runRelease } from '../../src/release/runRelease.js';
import { policyYaml, workspace } from './fixtures.js';

// Tables that publish sums only (values: ['sum:cost']) under a magnitude rule, across releases of one dataset.
// The extract (fixtures.ts) has h1: 3 persons with costs 1010, 1020, 1030 (total 3060; the largest is 33.7 % of it),
// h2: 10 persons (1040..1130) and h3: 12 persons (1140..1250), whose largest are about 10 % of their totals: the
// dominance rule (n = 1, k = 30) fires on h1 only (hand computation).
const RULES = '{ suppression: { rules: [ { dominance: { measure: cost, n: 1, k: 30 } } ] } }';
const BY_HOSPITAL = `
  - name: cost_by_hospital
    dimensions: [hospital]
    measures: [cost]
    values: ['sum:cost']
    method: ${RULES}`;

function byRegion(published: string, secondary: string): string {
  return `
  - name: cost_by_region
    dimensions:
      - column: hospital
        hierarchy: { type: parentChild, pairs: [[h1, R1], [${published}, R1], [${secondary}, R2], [R1, Total], [R2, Total]] }
    measures: [cost]
    values: ['sum:cost']
    method: ${RULES}`;
}

describe('the release-wide audit of sums', () => {
  it('refuses a release whose sums, with an earlier release, pin a hidden sum; the folder of a sums-only release audits', async () => {
    const w = workspace();
    const first = await runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables: BY_HOSPITAL })), out: join(w.dir, 'a') });
    const cells = first.tables[0]!.cells;
    const status = (h: string): string => cells.find((c) => c.coords.hospital === h)!.status;
    expect(status('h1')).toBe('primary');
    const s = status('h2') === 'secondary' ? 'h2' : 'h3';
    const o = s === 'h2' ? 'h3' : 'h2';
    expect(status(s)).toBe('secondary');
    expect(status(o)).toBe('published');
    // An independent check of the published folder reads a table of sums only and passes it.
    const folder = await auditRelease(join(w.dir, 'a'));
    expect(folder.passed).toBe(true);
    expect(folder.suppression?.scope).toContain('cost: dominance(n = 1, k = 30, cost)');
    // The files hold no contributions: the folder's audit can hold h1 only to not being pinned, and reports no width.
    expect(folder.suppression?.parts).toEqual([expect.objectContaining({ quantity: 'cost', cellsChecked: 1, failed: 0, narrowestWidth: null, notPinnedOnly: true })]);
    expect(folder.suppression?.narrowestWidth).toBeNull();
    // The release's own audit knew them: h1 + s = Total - o is published, so h1 lies anywhere in [0, h1 + s], in NOK:
    // 3,060 + 10,850 (h2: 1,040..1,130) or + 14,340 (h3: 1,140..1,250), by hand.
    const width = 3060 + (s === 'h2' ? 10850 : 14340);
    expect(first.manifest.tables[0]!.audit!.parts).toEqual([{ scope: expect.any(String), quantity: 'cost', cellsChecked: 1, failed: 0, narrowestWidth: width }]);

    // The second release groups h1 with o (R1) and leaves s alone (R2 = s): within it, h1 and o must hide together, and
    // R1 = Total − R2 is published. With the first release's published o: h1 = R1 − o, pinned (hand derivation).
    const error = await runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables: byRegion(o, s) }), 'p2.yaml'), out: join(w.dir, 'b') }).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('PROTECTION_FAILED');
    expect(error?.message).toContain('cost: dominance(n = 1, k = 30, cost); hidden sums not pinned');
  });

  it('passes a later release that publishes the same sums again under another name', async () => {
    const w = workspace();
    await runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables: BY_HOSPITAL })), out: join(w.dir, 'a') });
    const again = await runRelease({
      extract: w.extract,
      policy: w.policy(policyYaml({ tables: BY_HOSPITAL.replace('cost_by_hospital', 'costs_per_hospital') }), 'p2.yaml'),
      out: join(w.dir, 'b'),
    });
    expect(again.reissued).toBe(false);
    expect(again.manifest.releaseAudit).toMatchObject({ passed: true, earlierReleases: 1 });
    expect(again.manifest.releaseAudit!.scope).toMatch(/cost_by_hospital \+ this release\/costs_per_hospital \(cost: /);
    expect(again.manifest.releaseAudit!.parts).toEqual([expect.objectContaining({ quantity: 'cost', narrowestWidth: null, notPinnedOnly: true })]);
  });
});
