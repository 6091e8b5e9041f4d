// Run by highsPool.test.ts in a child process (PRIKK_THREADS=2, PRIKK_POOL_MIN_COLUMNS=0): audits a table whose
// two cores need LPs on the worker pool, prints what it saw, and ends without closing the pool: the process must
// exit by itself (idle workers are unref'd). With the argument `warm`, it only starts the workers (as a large
// table's audit does before its first LP) and ends: workers that never got a request must not keep it alive either.
import { auditTable } from '../../src/audit/auditTable.js';
import { auditThreads } from '../../src/audit/auditThreads.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { flat, makeTable } from './tableHelpers.js';

if (process.argv[2] === 'warm') {
  auditThreads().pool!.warm();
  console.log(`workers ${auditThreads().pool?.running ?? 0}`);
} else await audit8x8();

async function audit8x8(): Promise<void> {
  const labels = ['0', '1', '2', '3', '4', '5', '6', '7'];
  const inBlock = (i: number, j: number): boolean => (i < 3 && j < 3) || (i >= 4 && i < 7 && j >= 4 && j < 7);
  const leaves = Array.from({ length: 64 }, (_, k) => (inBlock(Math.floor(k / 8), k % 8) ? 1 : 10 + (k % 7)));
  const dims = [
    { name: 'r', hierarchy: flat('T', labels) },
    { name: 'c', hierarchy: flat('T', labels) },
  ];
  const table = makeTable(dims, leaves);
  const status = new Uint8Array(table.cellCount);
  for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) if (inBlock(i, j)) status[table.indexOf({ r: labels[i]!, c: labels[j]! })] = 1;
  const audit = await auditTable(table.withStatus(status), { rules: [frequencyRule({ n: 5 })] });
  console.log(`workers ${auditThreads().pool?.running ?? 0} failed ${audit.failed} width ${audit.narrowest?.width}`);
}
