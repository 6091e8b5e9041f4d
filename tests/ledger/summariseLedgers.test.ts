import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLosses } from '../../src/ledger/composeLosses.js';
import { formatLedgerRecords } from '../../src/ledger/formatLedgerRecords.js';
import { formatLedgerSummary } from '../../src/ledger/formatLedgerSummary.js';
import { ReleaseLedger } from '../../src/ledger/ReleaseLedger.js';
import { summariseLedgers } from '../../src/ledger/summariseLedgers.js';
import { verifyLedger } from '../../src/ledger/verifyLedger.js';
import { approxDp, describeLoss, pureDp, zcdp } from '../../src/protect/dp/budget/PrivacyLoss.js';
import { freshDir } from './helpers.js';

async function example(): Promise<string> {
  const dir = freshDir();
  const hip = await ReleaseLedger.open({ dir, dataset: 'hip' });
  await hip.withLock(async () => {
    await hip.append({
      kind: 'release',
      at: '2025-01-10T09:00:00.000Z',
      releaseId: 'r1',
      requestFingerprint: 'A',
      recipient: 'Acme Pharma AS',
      tables: [
        { name: 'by_region', method: 'suppression' },
        { name: 'counts', method: 'dp', privacy: { kind: 'zcdp', rho: '1/50', delta: '0' } },
      ],
      spent: [{ label: 'counts', loss: { kind: 'zcdp', rho: '1/50', delta: '0' } }],
    });
    await hip.append({
      kind: 'reissue',
      at: '2025-02-01T09:00:00.000Z',
      releaseId: 'r2',
      reissueOf: 'r1',
      requestFingerprint: 'A',
      recipient: 'University of Bergen',
      tables: [{ name: 'by_region', method: 'suppression' }],
      spent: [],
    });
    await hip.append({
      kind: 'release',
      at: '2025-03-01T09:00:00.000Z',
      releaseId: 'r3',
      recipient: 'Acme Pharma AS',
      tables: [{ name: 'means', method: 'dp' }],
      spent: [
        { label: 'means', loss: { kind: 'zcdp', rho: '3/100', delta: '0' } },
        { label: 'laplace', loss: { kind: 'pure', epsilon: '1/2' } },
      ],
    });
    await hip.append({ kind: 'spend', at: '2025-03-02T09:00:00.000Z', spent: [{ label: 'x', loss: { kind: 'pure', epsilon: '1/4' } }] });
  });
  const knee = await ReleaseLedger.open({ dir, dataset: 'knee' });
  await knee.withLock(() =>
    knee.append({ kind: 'release', at: '2025-01-05T00:00:00.000Z', releaseId: 'k1', recipient: 'Acme Pharma AS', tables: [{ name: 't', method: 'rounding' }], spent: [] }),
  );
  mkdirSync(join(dir, 'empty'));
  return dir;
}

describe('summariseLedgers and the text tables', () => {
  it('counts releases, reissues and recipients, and composes the spending per kind', async () => {
    const dir = await example();
    const summaries = await summariseLedgers(dir);
    // Hand count: hip has 2 releases (r1, r3), 1 reissue (r2), 1 spend line; ρ = 1/50 + 3/100 = 1/20, ε = 1/2 + 1/4 = 3/4.
    expect(summaries).toEqual([
      {
        dataset: 'hip',
        ok: true,
        lines: 4,
        releases: 2,
        reissues: 1,
        spends: 1,
        recipients: ['Acme Pharma AS', 'University of Bergen'],
        lastReleaseAt: '2025-03-01T09:00:00.000Z',
        spent: [
          { loss: { kind: 'pure', epsilon: '3/4' }, description: 'ε = 3/4 (0.75)' },
          { loss: { kind: 'zcdp', rho: '1/20', delta: '0' }, description: 'ρ = 1/20 (0.05)' },
        ],
      },
      { dataset: 'knee', ok: true, lines: 1, releases: 1, reissues: 0, spends: 0, recipients: ['Acme Pharma AS'], lastReleaseAt: '2025-01-05T00:00:00.000Z', spent: [] },
    ]);
    expect(() => JSON.stringify(summaries)).not.toThrow();
  });

  it('formats the summary as an aligned table', async () => {
    const text = formatLedgerSummary(await summariseLedgers(await example()));
    expect(text).toBe(
      [
        'dataset  lines  releases  reissues  recipients  last release              privacy spent                    chain',
        'hip          4         2         1           2  2025-03-01T09:00:00.000Z  ε = 3/4 (0.75); ρ = 1/20 (0.05)  ok',
        'knee         1         1         0           1  2025-01-05T00:00:00.000Z  -                                ok',
      ].join('\n'),
    );
    expect(formatLedgerSummary([])).toBe('no dataset ledgers');
  });

  it('formats the records one line each', async () => {
    const dir = await example();
    const text = formatLedgerRecords(await (await ReleaseLedger.open({ dir, dataset: 'hip' })).records());
    expect(text.split('\n')).toEqual([
      'seq  time                      kind           release  recipient             tables                                spent',
      '  1  2025-01-10T09:00:00.000Z  release        r1       Acme Pharma AS        by_region (suppression), counts (dp)  ρ = 1/50 (0.02)',
      '  2  2025-02-01T09:00:00.000Z  reissue of r1  r2       University of Bergen  by_region (suppression)               -',
      '  3  2025-03-01T09:00:00.000Z  release        r3       Acme Pharma AS        means (dp)                            ε = 1/2 (0.5); ρ = 3/100 (0.03)',
      '  4  2025-03-02T09:00:00.000Z  spend          -        -                     -                                     ε = 1/4 (0.25)',
    ]);
    expect(formatLedgerRecords([])).toBe('no ledger lines');
  });

  it('a corrupt ledger is summarised up to its bad line and marked, without hiding the others', async () => {
    const dir = await example();
    appendFileSync(join(dir, 'hip', 'ledger.jsonl'), '{"torn":');
    const [hip, knee] = await summariseLedgers(dir);
    expect(hip).toMatchObject({ dataset: 'hip', ok: false, line: 5, lines: 4 });
    expect(knee).toMatchObject({ ok: true });
    expect(formatLedgerSummary([hip!])).toMatch(/CORRUPT at line 5: the line is incomplete/);
    expect(await verifyLedger({ dir, dataset: 'hip' })).toMatchObject({ ok: false, records: 4, line: 5, file: 'ledger.jsonl' });
  });

  it('verifyLedger reports a missing dataset, and summariseLedgers a missing folder', async () => {
    const dir = freshDir();
    expect(await verifyLedger({ dir, dataset: 'nope' })).toMatchObject({ ok: false, records: 0 });
    await expect(summariseLedgers(join(dir, 'missing'))).rejects.toMatchObject({ code: 'IO_ERROR' });
    writeFileSync(join(dir, 'stray.txt'), 'x');
    expect(await summariseLedgers(dir)).toEqual([]);
  });

  it('composeLosses sums exactly per kind (hand sums)', () => {
    const total = composeLosses([pureDp('0.1'), zcdp('1/3'), pureDp('0.2'), approxDp(1, '1e-6'), zcdp('1/6', '1e-9'), approxDp('0.5', '1e-6')]);
    // ε: 1/10 + 2/10 = 3/10; ρ: 1/3 + 1/6 = 1/2, δ: 1e-9; approx ε: 3/2, δ: 2e-6 = 1/500000.
    expect(total.map(describeLoss)).toEqual(['ε = 3/10 (0.3)', 'ρ = 1/2 (0.5), δ = 1/1000000000 (1e-9)', 'ε = 3/2 (1.5), δ = 1/500000 (0.000002)']);
    expect(composeLosses([])).toEqual([]);
  });
});

describe('readLedgerRecords', () => {
  it('reads the verified lines without creating anything, and refuses a missing or corrupt ledger', async () => {
    const { existsSync } = await import('node:fs');
    const { readLedgerRecords } = await import('../../src/ledger/readLedgerRecords.js');
    const dir = await example();
    expect((await readLedgerRecords({ dir, dataset: 'hip' })).map((r) => r.releaseId)).toEqual(['r1', 'r2', 'r3', undefined]);
    await expect(readLedgerRecords({ dir, dataset: 'hipp' })).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(existsSync(join(dir, 'hipp'))).toBe(false);
    appendFileSync(join(dir, 'knee', 'ledger.jsonl'), 'x\n');
    await expect(readLedgerRecords({ dir, dataset: 'knee' })).rejects.toMatchObject({ code: 'LEDGER_CORRUPT', location: { line: 2 } });
  });
});
