// Shared fixtures of the cell key tests.
import { fileURLToPath } from 'node:url';
import { PerturbationTable } from '../../../src/protect/cellkey/PerturbationTable.js';

/** The tau-ARGUS ptable in shared/data (see /work/shared/data/README.md): D = 7, js = 2, V = 4. */
export const TAU_TESTW = fileURLToPath(new URL('../../../../shared/data/ptables/tau_testW_ptable.txt', import.meta.url));

/**
 * The Handbook on Statistical Disclosure Control, 2nd ed. (2024), §5.4, table "Fictional example of a p-table"
 * (sdcTools/HandbookSDC, chapters/05/_05-frequency-tables-04-CKM.qmd), row by row:
 *   0 -> 0 (p 1); 1 -> 0 (0.5), 2 (0.5); 2 -> 2 (0.8), 3 (0.2); 3 -> 2 (0.3), 3 (0.4), 4 (0.3).
 */
export function handbookPTable(): PerturbationTable {
  return new PerturbationTable({
    source: 'Handbook on SDC (2024), §5.4, fictional p-table',
    rows: [
      { i: 0, j: [0], p: [1], ub: [1] },
      { i: 1, j: [0, 2], p: [0.5, 0.5], ub: [0.5, 1] },
      { i: 2, j: [2, 3], p: [0.8, 0.2], ub: [0.8, 1] },
      { i: 3, j: [2, 3, 4], p: [0.3, 0.4, 0.3], ub: [0.3, 0.7, 1] },
    ],
  });
}
