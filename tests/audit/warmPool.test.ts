import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { auditThreads, shutdownAuditThreads, WARM_MIN_CELLS, warmAuditThreads } from '../../src/audit/auditThreads.js';
import { HighsPool } from '../../src/audit/HighsPool.js';

// Warming starts the LP workers ahead of the first model (HiGHS loads in them meanwhile); it must start each worker
// once, leave the pool usable, and start nothing for tables too small to use the pool.

const saved = process.env['PRIKK_THREADS'];
afterEach(async () => {
  await shutdownAuditThreads();
});
afterAll(() => {
  if (saved === undefined) delete process.env['PRIKK_THREADS'];
  else process.env['PRIKK_THREADS'] = saved;
});

describe('HighsPool.warm', () => {
  it('starts every worker once, builds no model, and the pool then solves (by hand: max x0 = 4)', async () => {
    const pool = new HighsPool({ size: 2 });
    try {
      expect(pool.running).toBe(0);
      pool.warm();
      expect(pool.running).toBe(2);
      pool.warm();
      expect(pool.running).toBe(2);
      expect(pool.modelsBuilt).toBe(0);
      // x0 + x1 + x2 = 6 with 0 <= x <= 4: max x0 = 4.
      const lp = pool.createModel(
        {
          numCols: 3,
          numRows: 1,
          colLower: new Float64Array(3),
          colUpper: new Float64Array(3).fill(4),
          rowBound: Float64Array.of(6),
          starts: Int32Array.of(0, 3),
          indices: Int32Array.of(0, 1, 2),
          values: new Float64Array(3).fill(1),
          coldOptions: { output_flag: false },
          warmOptions: { presolve: 'off', simplex_strategy: 4 },
        },
        'warm core',
      );
      const r = await lp.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' });
      expect(r.kind === 'optimal' && r.colValue[0]).toBe(4);
      expect(pool.running).toBe(2);
      lp.dispose();
    } finally {
      await pool.close();
    }
  });
});

describe('warmAuditThreads', () => {
  it('starts the default pool for tables of WARM_MIN_CELLS cells or more, and nothing below', () => {
    process.env['PRIKK_THREADS'] = '2';
    warmAuditThreads(WARM_MIN_CELLS - 1);
    expect(auditThreads().pool!.running).toBe(0);
    warmAuditThreads(WARM_MIN_CELLS);
    expect(auditThreads().pool!.running).toBe(2);
  });

  it('starts nothing on one thread (PRIKK_THREADS=1: no pool)', () => {
    process.env['PRIKK_THREADS'] = '1';
    warmAuditThreads(10 * WARM_MIN_CELLS);
    expect(auditThreads().pool).toBeUndefined();
    process.env['PRIKK_THREADS'] = '2';
    expect(auditThreads().pool!.running).toBe(0);
  });
});
