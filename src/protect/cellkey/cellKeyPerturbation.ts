import { cellKeySums } from '../../aggregate/cellKeySums.js';
import { CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { Extract } from '../../read/Extract.js';
import type { CellKeyOptions } from './CellKeyOptions.js';
import { type CellKeyResult, type MagnitudeNoise, NOT_ADDITIVE } from './CellKeyResult.js';
import { checkCellKeyOptions } from './checkCellKeyOptions.js';
import { perturbCounts } from './perturbCounts.js';
import { checkMagnitudeOptions, perturbMagnitudes } from './perturbMagnitudes.js';

/**
 * The cell key method (Thompson, Broadfoot & Elazar 2013, ABS; Giessing & Tent 2019; tau-ARGUS 4.2; the cellKey R
 * package; Handbook on SDC 2024 §5.4) applied to a table made by `aggregate`: every cell gets a cell key, the sum of
 * its distinct persons' record keys mod 1 (`cellKeySums`), and its counts get the p-table's noise for (count, cell
 * key) (`perturbCounts`), its sums the cellKey package's top-contributor noise (`perturbMagnitudes`). The same persons
 * give the same cell key, hence the same noise, in every table of the registry whatever its dimensions, so
 * differencing or averaging tables gains an attacker nothing; unlike suppression, every cell is published.
 *
 * Both counts of a cell are perturbed with its one cell key: `persons` (the unit of privacy) and `rows` (which equal the
 * persons in most cells, and then get the same noise, so that two noisy copies of one count are never published).
 * Perturbed tables are NOT additive: a margin is perturbed on its own and need not equal the sum of its perturbed
 * children; the result says so (`additive: false`, `note`). Statuses are kept: a cell that is not `published` stays
 * hidden. Top contributions are dropped from the output.
 *
 * Every option is checked before the extract or table is touched (`checkCellKeyOptions`), then the keys against the
 * extract, then the table against the extract (`cellKeySums` refuses a table aggregated from other data or with
 * another filter).
 *
 * Cost: `cellKeySums` (about one aggregation's person counting) plus O(cells × (2D + 1)) per count and O(cells × top_k
 * × D) per measure.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options (naming the field), keys that do not fit the extract, a table
 * with sums but no `magnitudes` options (sums are never published unperturbed), too few top contributors for
 * `magnitudes.epsilon`, or a table that was not aggregated from this extract with these options.
 * @example
 * const extract = await readCsv(path, schema, { recordKeys: { secret } });
 * const table = aggregate(extract, { dimensions: ['municipality', 'sex'] });
 * const keys = recordKeysFromExtract(extract, { secret });
 * const r = cellKeyPerturbation(extract, table, { ptable: readPTable('tau_testW_ptable.txt'), recordKeys: keys });
 * r.table.persons![r.table.indexOf({})] // the grand total, perturbed (never 1 or 2)
 * r.additive                            // false
 * r.noise.counts.largeCounts.variance   // 4
 */
export function cellKeyPerturbation(extract: Extract, table: CellTable, options: CellKeyOptions): CellKeyResult {
  checkCellKeyOptions(options);
  const { ptable, recordKeys } = options;
  if (!(table instanceof CellTable)) throw new PrikkError('INVALID_ARGUMENT', 'cellKeyPerturbation: table must be a CellTable from aggregate');
  const measures = table.measures;
  if (measures.length > 0 && options.magnitudes === undefined) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `cellKeyPerturbation: the table has sums (${measures.map((m) => `'${m}'`).join(', ')}), which must be perturbed too: give magnitudes: { ptable, p }, or aggregate without measures`,
    );
  }
  const epsilon = options.magnitudes ? checkMagnitudeOptions('cellKeyPerturbation', options.magnitudes) : [];
  for (const m of measures) {
    const top = table.top.get(m);
    if (!top || top.k < epsilon.length) {
      throw new PrikkError('INVALID_ARGUMENT', `cellKeyPerturbation: measure '${m}' has ${top?.k ?? 0} top contributors, magnitudes.epsilon needs ${epsilon.length} (aggregate with topContributors >= ${epsilon.length})`);
    }
  }
  const cellKeys = cellKeySums(extract, table, {
    recordKeys: recordKeys.keys,
    per: recordKeys.per,
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(options.personRow !== undefined ? { personRow: options.personRow } : {}),
    ...(options.unknownValues !== undefined ? { unknownValues: options.unknownValues } : {}),
  });

  const persons = table.persons ? perturbCounts({ counts: table.persons, cellKeys }, ptable) : undefined;
  const rows = perturbCounts({ counts: table.rows, cellKeys }, ptable);
  const contributors = table.persons ?? table.rows;
  const sums = new Map<string, Float64Array>();
  for (const m of measures) {
    sums.set(m, perturbMagnitudes({ sums: table.sums.get(m)!, top: table.top.get(m)!, counts: contributors, cellKeys }, options.magnitudes!));
  }
  const perturbed = new CellTable({
    dimensions: table.dimensions,
    unit: table.unit,
    rows,
    persons,
    sums,
    status: table.status.slice(),
    reconciliation: table.reconciliation,
  });

  const distributions = ptable.distributions();
  let magnitudes: MagnitudeNoise | undefined;
  if (options.magnitudes && measures.length > 0) {
    const mt = options.magnitudes.ptable;
    const large = mt.distribution(mt.rows.length - 1);
    const p = options.magnitudes.p;
    magnitudes = Object.freeze({
      measures: Object.freeze([...measures]),
      p,
      epsilon: Object.freeze([...epsilon]),
      largeCells: large,
      relativeStandardDeviation: p * Math.sqrt(large.variance + large.mean * large.mean),
      maxRelativeNoise: p * large.maxNoise * epsilon.reduce((a, b) => a + b, 0),
    });
  }
  const parameters = Object.freeze({
    method: 'cell key method (ABS / Eurostat CoE on SDC; tau-ARGUS 4.2, cellKey R package)',
    ptable: ptable.toJSON(),
    recordKeys: recordKeys.toJSON(),
    cellKey: `sum of the record keys of the cell's distinct ${recordKeys.per === 'person' ? 'persons' : 'rows'} mod 1, 32-bit fixed point`,
    lookup: 'noise v[t] for the first t with cellKey < ub[t]; counts above maxI use row maxI',
    countsPerturbed: table.persons ? ['persons', 'rows'] : ['rows'],
    ...(options.magnitudes && measures.length > 0
      ? {
          magnitudes: {
            method: 'cellKey R package, top contributors (ck_params_nums type top_contr, ck_simpleparams), no separation, mu_c = 0',
            ptable: options.magnitudes.ptable.toJSON(),
            p: options.magnitudes.p,
            epsilon: [...epsilon],
            contributorKeys: 'contributor 1: the cell key; contributor j > 1: fmix32(cellKey + (j - 1) × 0x9E3779B9)',
          },
        }
      : {}),
    additive: false,
  });
  return Object.freeze({
    table: perturbed,
    method: 'cell-key' as const,
    additive: false as const,
    note: NOT_ADDITIVE,
    parameters,
    noise: Object.freeze({
      counts: Object.freeze({ byOriginalCount: Object.freeze(distributions), largeCounts: distributions[distributions.length - 1]! }),
      ...(magnitudes ? { magnitudes } : {}),
    }),
  });
}
