import { cellKeySums } from '../../aggregate/cellKeySums.js';
import { CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { RoundingMethodPolicy } from '../../policy/ReleasePolicy.js';
import { resolveRandom } from '../../protect/dp/mechanism/resolveRandom.js';
import type { RecordKeys } from '../../protect/cellkey/RecordKeys.js';
import { nhsRounding } from '../../protect/rounding/nhsRounding.js';
import { randomRounding } from '../../protect/rounding/randomRounding.js';
import type { RoundedTable } from '../../protect/rounding/RoundedTable.js';
import { roundToBase } from '../../protect/rounding/roundToBase.js';
import { aggregateRequest, cohortOptionsOf } from './aggregateRequest.js';
import { countsAdditive } from './countsAdditive.js';
import type { MethodContext } from './MethodContext.js';
import { recordKeysOf } from './recordKeysOf.js';
import { registrySecret } from './registrySecret.js';
import { releasedFromCellTable } from './releasedFromCellTable.js';
import type { TableOutcome } from './TableOutcome.js';
import { tableManifest } from './tableManifest.js';
import type { TableRequest } from './TableRequest.js';
import { requireCountsOnly } from './valueFields.js';

const FN = 'protectRounding';

/** The statement every rounded table carries. */
export const ROUNDED_INDEPENDENTLY =
  'Every cell, margins included, is rounded on its own, so a published margin need not equal the sum of its published children.';

/**
 * Expected |rounded − true| of one count, assuming its remainder r = x mod b is uniform on 0..b−1 (what a table of
 * many counts looks like); a function of the public base only, so it reveals nothing about the table.
 * - conventional (nearest multiple, halves up): mean of min(r, b − r) over r;
 * - unbiased random: E|error | r| = (r/b)(b − r) + ((b − r)/b) r = 2r(b − r)/b, averaged over r.
 * The NHS rule rounds conventionally the counts it shows.
 *
 * Cost: O(b).
 *
 * @example
 * expectedRoundingError('base', 5)   // 1.2 = (0 + 1 + 2 + 2 + 1) / 5
 * expectedRoundingError('random', 5) // 1.6 = (2/25) × (4 + 6 + 6 + 4)
 */
export function expectedRoundingError(rule: 'nhs' | 'base' | 'random', base: number): number {
  let sum = 0;
  for (let r = 0; r < base; r++) sum += rule === 'random' ? (2 * r * (base - r)) / base : Math.min(r, base - r);
  return sum / base;
}

/**
 * Rounding of a table's counts (Hundepool et al. 2012, §5.3): `nhs` (the NHS small-number rule: counts from `low` to
 * `high` are shown as the `small` symbol, 0 stays 0, the rest go to the nearest multiple of `base`), `base`
 * (nearest multiple, halves up) or `random` (unbiased random rounding, drawn from `ctx.random`, which must be secure
 * unless `ctx.insecureRandomForTesting` names it). The table is aggregated from the extract; each published count
 * field (`persons`, `rows`) is rounded, every cell on its own, margins included (so margins need not add up; the
 * table says so). With the NHS rule a cell is `small` (no value at all) when any published count of it is in
 * `low..high`.
 *
 * Summary: `expectedAbsoluteError` from the base alone (see {@link expectedRoundingError}); with the NHS rule,
 * `hiddenCountShare` estimated from the published (rounded) cells.
 *
 * Cost: one aggregation plus O(cells) per count field (one draw per cell that is not a multiple of the base, for
 * `random`).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a rule other than nhs/base/random, a base that is not an integer >= 2,
 * low/high outside 1 <= low <= high or given for a rule other than nhs, values that are not counts (sums and means
 * are not protected by rounding) or no count at all, or an insecure random source not named by `ctx.insecureRandomForTesting`.
 * @example
 * const outcome = protectRounding(byHospital, { rule: 'nhs' }, ctx);
 * // counts 0, 3, 12, 41 → 0, small (shown as '*'), 10, 40
 * outcome.released.cells[1] // { coords: { hospital: 'B' }, status: 'small' }
 */
export async function protectRounding(request: TableRequest, settings: RoundingMethodPolicy, ctx: MethodContext): Promise<TableOutcome> {
  if (typeof settings !== 'object' || settings === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected the rounding settings object`);
  const rule = settings.rule;
  if (rule !== 'nhs' && rule !== 'base' && rule !== 'random') {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: rounding.rule must be 'nhs', 'base' or 'random', got '${String(rule)}'`);
  }
  const base = settings.base ?? 5;
  if (!Number.isInteger(base) || base < 2) throw new PrikkError('INVALID_ARGUMENT', `${FN}: rounding.base must be an integer >= 2, got ${String(base)}`);
  if (rule !== 'nhs' && (settings.low !== undefined || settings.high !== undefined)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: rounding.low and rounding.high apply to the 'nhs' rule only`);
  }
  const low = settings.low ?? 1;
  const high = settings.high ?? 7;
  if (rule === 'nhs' && (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high < low)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: rounding.low and rounding.high must be integers with 1 <= low <= high, got low = ${String(low)}, high = ${String(high)}`);
  }
  if (rule !== 'random' && (settings.draws !== undefined || settings.secret !== undefined)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: rounding.draws and rounding.secret apply to the 'random' rule only`);
  }
  const draws = rule === 'random' ? (settings.draws ?? 'keyed') : undefined;
  if (draws !== undefined && draws !== 'keyed' && draws !== 'fresh') {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: rounding.draws must be 'keyed' or 'fresh', got '${String(draws)}'`);
  }
  if (draws === 'fresh' && settings.secret !== undefined) throw new PrikkError('INVALID_ARGUMENT', `${FN}: fresh draws use no secret; leave rounding.secret out`);
  requireCountsOnly(request.values, `${FN}: table '${request.name}'`);
  if (draws === 'keyed' && !ctx.extract.person) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${FN}: table '${request.name}': keyed random rounding draws from the persons' record keys and the extract has no person column; ask for rounding.draws: fresh by name (weaker: requests can be averaged)`,
    );
  }
  const secret = draws === 'keyed' ? registrySecret(settings.secret, ctx, { fn: FN, field: 'rounding.secret' }) : undefined;
  const random = draws === 'fresh' ? resolveRandom(FN, ctx.random, ctx.insecureRandomForTesting) : undefined;

  const table = aggregateRequest(ctx.extract, request);
  let cellKeys: Uint32Array | undefined;
  let recordKeys: RecordKeys | undefined;
  if (secret) {
    recordKeys = await recordKeysOf(ctx, secret.bytes, 32);
    cellKeys = cellKeySums(ctx.extract, table, {
      recordKeys: recordKeys.keys,
      ...cohortOptionsOf(request),
    });
  }
  const fields = (['persons', 'rows'] as const).filter((f) => request.values.includes(f));
  if (fields.length === 0) throw new PrikkError('INVALID_ARGUMENT', `${FN}: table '${request.name}' publishes no count (values: persons and/or rows)`);
  const symbol = ctx.symbols.small;
  const round = (counts: Float64Array): RoundedTable => {
    const view = new CellTable({ dimensions: table.dimensions, unit: 'rows', rows: counts, status: table.status });
    if (rule === 'nhs') return nhsRounding(view, { low, high, base, symbol });
    if (rule === 'base') return roundToBase(view, { base, symbol });
    return randomRounding(view, { base, symbol, ...(cellKeys ? { cellKeys } : { random: random! }) });
  };
  const rounded = new Map<'persons' | 'rows', RoundedTable>();
  for (const f of fields) {
    const counts = f === 'persons' ? table.persons : table.rows;
    if (!counts) throw new PrikkError('INVALID_ARGUMENT', `${FN}: table '${request.name}' publishes persons but the extract has no person column`);
    rounded.set(f, round(counts));
  }
  const small = new Uint8Array(table.cellCount);
  if (rule === 'nhs') for (const r of rounded.values()) for (let c = 0; c < small.length; c++) small[c]! |= r.symbol[c]!;
  // Values that are not published stay as placeholders (zeros) that releasedFromCellTable drops.
  const placeholder = new Float64Array(table.cellCount);
  const published = new CellTable({
    dimensions: table.dimensions,
    unit: table.unit,
    rows: rounded.get('rows')?.values ?? placeholder,
    persons: table.persons ? (rounded.get('persons')?.values ?? placeholder) : undefined,
    status: table.status,
  });
  const first = rounded.values().next().value as RoundedTable;
  const unit = request.unit;
  const meanings =
    rule === 'nhs'
      ? {
          published: `Rounded to the nearest multiple of ${base} (halves up); 0 stays 0`,
          small: `Hidden: ${low} to ${high} ${unit} (counts from ${low} to ${high} are shown as ${symbol})`,
        }
      : rule === 'base'
        ? { published: `Rounded to the nearest multiple of ${base} (halves up)` }
        : {
            published:
              `Rounded at random to a multiple of ${base} (up with probability remainder / ${base}, so unbiased)` +
              (cellKeys ? '; the draw comes from the persons counted, so the same persons are rounded the same way in every table' : ''),
          };
  const released = releasedFromCellTable(published, {
    request,
    method: 'rounding',
    symbols: ctx.symbols,
    meanings,
    small,
    notes: [ROUNDED_INDEPENDENTLY],
    countsAdditive: countsAdditive(table),
    summary: { expectedAbsoluteError: expectedRoundingError(rule, base) },
  });
  const parameters = {
    rule,
    method: first.method,
    base,
    ...(rule === 'nhs' ? { low, high, symbol } : {}),
    ...(random ? { draws: 'fresh', random: random.name } : {}),
    ...(secret && recordKeys ? { draws: 'keyed', recordKeys: recordKeys.toJSON(), secret: secret.source } : {}),
    marginsRoundedIndependently: first.marginsRoundedIndependently,
    fieldsRounded: fields,
    expectedAbsoluteError: 'per count, assuming remainders mod base are uniform',
  };
  return Object.freeze({ released, manifest: tableManifest(request, released, { parameters }) });
}
