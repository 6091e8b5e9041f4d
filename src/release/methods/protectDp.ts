import { PrikkError } from '../../errors/PrikkError.js';
import type { DpMethodPolicy } from '../../policy/ReleasePolicy.js';
import { lossOfPolicy } from '../../policy/lossOfPolicy.js';
import { describeLoss, lossToJson, type PrivacyLoss } from '../../protect/dp/budget/PrivacyLoss.js';
import { describeNoise } from '../../protect/dp/noise/NoiseDistribution.js';
import { dpCrossTable } from '../../protect/dp/queries/dpCrossTable.js';
import type { DpStatistic } from '../../protect/dp/queries/DpStatistic.js';
import type { ReleasedCell, ReleasedTable, UtilitySummary } from '../ReleasedTable.js';
import { dimensionsJson } from './dimensionsJson.js';
import { legendFor } from './legendFor.js';
import type { MethodContext } from './MethodContext.js';
import { publicKeySetOf } from './publicKeySetOf.js';
import type { TableOutcome } from './TableOutcome.js';
import { tableManifest } from './tableManifest.js';
import type { TableRequest } from './TableRequest.js';
import { valueFields } from './valueFields.js';

const FN = 'protectDp';

/** The privacy loss of a policy's `privacy`: `epsilon` → pure ε-DP, `rho` → ρ-zCDP, read exactly from decimal text. */
function lossOf(privacy: DpMethodPolicy['privacy']): PrivacyLoss {
  if (typeof privacy !== 'object' || privacy === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: dp.privacy must be { epsilon } or { rho }`);
  const keys = Object.keys(privacy);
  if (keys.length !== 1 || (keys[0] !== 'epsilon' && keys[0] !== 'rho')) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: dp.privacy must have exactly one of epsilon, rho, got ${keys.join(', ') || 'none'}`);
  }
  return lossOfPolicy(privacy);
}

/** The DP statistic of the settings, and the released table's value key. */
function statisticOf(settings: DpMethodPolicy): { readonly statistic: DpStatistic; readonly key: string } {
  const s = settings.statistic;
  if (s === 'persons' || s === 'rows') return { statistic: { kind: s }, key: s };
  if (s !== 'sum' && s !== 'mean') throw new PrikkError('INVALID_ARGUMENT', `${FN}: dp.statistic must be persons, rows, sum or mean, got '${String(s)}'`);
  if (typeof settings.measure !== 'string' || settings.measure === '') throw new PrikkError('INVALID_ARGUMENT', `${FN}: dp.statistic '${s}' needs dp.measure`);
  const clamp = settings.clamp;
  if (typeof clamp !== 'object' || clamp === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: dp.statistic '${s}' needs dp.clamp { lower, upper } (public bounds)`);
  const statistic = { kind: s, measure: settings.measure, lower: clamp.lower, upper: clamp.upper, resolution: settings.resolution ?? 1 };
  return { statistic, key: `${s}:${settings.measure}` };
}

/**
 * A differentially private table over public keys: `dpCrossTable` (exact discrete Laplace noise for `epsilon`,
 * discrete Gaussian for `rho`; Canonne, Kamath & Steinke 2020) over the `PublicKeySet` of each dimension's hierarchy
 * (every key is released, empty ones too: see `publicKeySetOf`), with the settings' statistic, contribution bounds,
 * margins, post-processing and confidence, charged to the dataset's lifetime budget (`ctx.budget.accountant`; the
 * release step commits it), noise drawn from `ctx.random` (refused when insecure unless `ctx.insecureRandomForTesting`
 * names it). The privacy parameter is read exactly (`'0.1'` and `0.1` are 1/10).
 *
 * Released cells hold `DpTable.released` (non-negative whole numbers consistent with their margins after
 * post-processing), `interval` (the confidence interval of the true bounded value, from the exact noise
 * distribution, widened where needed to contain the released value — a wider interval keeps its coverage; none for
 * means) and `postProcessed`. The table carries notes that values are noisy, what the intervals mean, and what
 * post-processing did; the summary gives the noise's standard deviation in a finest cell.
 *
 * Cost: that of `dpCrossTable` (one pass over the rows, one draw per cell and level, the post-processing fit).
 *
 * A table's `personRow` is refused: `dpCrossTable` bounds contributions itself (at most L0 cells and L∞ rows per
 * person, chosen at random) and takes a filter, not a row mask. (A deterministic choice of one row per person from
 * that person's own rows would be safe too, being a per-person transformation that changes nothing about other
 * persons, but `dpCrossTable` has no way to take it yet.)
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` without `ctx.budget`, for a table with `personRow`, for bad settings (statistic, measure, clamp, privacy),
 * values other than the statistic, keys that are not public, an insecure random source; `BUDGET_EXCEEDED` when the
 * loss does not fit the dataset's remaining budget (nothing is spent); whatever `dpCrossTable` throws.
 * @example
 * const outcome = protectDp(byHospital, { privacy: { epsilon: '0.5' }, statistic: 'persons',
 *   bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } }, ctx);
 * outcome.released.cells[0] // { coords: { hospital: 'A' }, persons: 12, interval: { lower: 4, upper: 21 }, postProcessed: true, status: 'published' }
 * outcome.manifest.privacySpent // { loss: { kind: 'pure', epsilon: '1/2' }, description: 'ε = 1/2 (0.5)' }
 */
export function protectDp(request: TableRequest, settings: DpMethodPolicy, ctx: MethodContext): TableOutcome {
  if (typeof settings !== 'object' || settings === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected the dp settings object`);
  if (request.policy?.personRow !== undefined) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${FN}: table '${request.name}' has personRow, but differential privacy bounds each person's contributions itself (dp.bounds, choosing rows at random); leave personRow out (maxPartitionsPerPerson: 1 counts each person in one cell)`,
    );
  }
  if (!ctx.budget) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: table '${request.name}' uses dp but the release has no privacy budget (the policy's privacyBudget, opened on the ledger)`);
  }
  const loss = lossOf(settings.privacy);
  const { statistic, key } = statisticOf(settings);
  const values = request.values;
  if (!(values.length === 1 && (values[0] === key || values[0] === request.unit))) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: table '${request.name}' releases one statistic, '${key}' (dp.statistic); its values must be [${key}] or left out, got [${values.join(', ')}]`);
  }
  const dimensions = request.dimensions.map((d) => ({ column: d.column, keys: publicKeySetOf(d, ctx.extract) }));
  const margins = settings.margins ?? 'allLevels';
  const postProcess = settings.postProcess ?? true;
  const confidence = settings.confidence ?? 0.95;
  const query = dpCrossTable(ctx.extract, {
    dimensions,
    statistic,
    bounds: settings.bounds,
    privacy: loss,
    accountant: ctx.budget.accountant,
    margins,
    postProcess,
    confidence,
    random: ctx.random,
    ...(ctx.insecureRandomForTesting !== undefined ? { insecureRandomForTesting: ctx.insecureRandomForTesting } : {}),
    ...(request.filter !== undefined ? { filter: request.filter } : {}),
    label: `release table '${request.name}'`,
  });
  const t = query.evaluate();

  const kind = statistic.kind;
  const measure = kind === 'sum' || kind === 'mean' ? statistic.measure : undefined;
  let whole = true;
  const cells: ReleasedCell[] = [];
  for (let c = 0; c < t.cellCount; c++) {
    const v = t.released[c]!;
    if (!Number.isInteger(v)) whole = false;
    const cell: Record<string, unknown> = { coords: t.coords(c) };
    if (kind === 'persons' || kind === 'rows') cell[kind] = v;
    else cell[kind === 'sum' ? 'sums' : 'means'] = { [measure!]: v };
    const lo = t.ciLower[c]!;
    const hi = t.ciUpper[c]!;
    if (!Number.isNaN(lo) && !Number.isNaN(hi)) cell.interval = { lower: Math.min(lo, v), upper: Math.max(hi, v) };
    cell.postProcessed = t.postProcessed[c] === 1;
    cell.status = 'published';
    cells.push(Object.freeze(cell as unknown as ReleasedCell));
  }

  const lossText = describeLoss(loss);
  const { maxPartitionsPerPerson: l0, maxRowsPerPartition: linf } = settings.bounds;
  const noiseKind = loss.kind === 'pure' ? 'discrete Laplace' : 'discrete Gaussian';
  const notes = [
    `Values are noisy: ${noiseKind} noise makes the table differentially private (${lossText}) for each person, computed after bounding each person's contribution (at most ${l0} finest cell(s), ${linf} row(s) per cell).`,
    kind === 'mean'
      ? `Means are the middle of the clamping range plus a noisy sum over a noisy count; they have no interval.`
      : `Each interval holds the true (bounded) value with probability at least ${Number((confidence * 100).toPrecision(12))} %, from the exact noise distribution${t.ciExact ? '' : ' (Chebyshev for some margins)'}; intervals are widened where needed to contain the published value.`,
    t.consistent && postProcess
      ? 'Post-processing made the values non-negative whole numbers that add up to their margins; it costs no privacy.'
      : postProcess
        ? 'Post-processing made the values non-negative; margins need not equal the sum of their cells (distinct persons in several cells are not additive).'
        : 'Values are not post-processed: they may be negative, and margins need not equal the sum of their cells.',
  ];
  const sd = t.sd[0]!;
  const summary: UtilitySummary = Object.freeze({
    cells: cells.length,
    hiddenCells: 0,
    hiddenCellShare: 0,
    ...(Number.isFinite(sd) ? { noiseStandardDeviation: sd } : {}),
  });
  const unit = kind === 'persons' || kind === 'rows' ? kind : request.unit;
  const released: ReleasedTable = Object.freeze({
    format: 'prikk.cell-table/1',
    name: request.name,
    title: request.title,
    method: 'dp',
    unit,
    measures: Object.freeze(measure !== undefined ? [measure] : []),
    dimensions: dimensionsJson(t.dimensions),
    valueFields: Object.freeze(valueFields([key], ctx.decimals ?? 1, whole && measure !== undefined ? new Set([measure]) : new Set())),
    cells: Object.freeze(cells),
    legend: Object.freeze(legendFor(cells, ctx.symbols, { published: `Noisy value (differential privacy, ${lossText})` })),
    notes: Object.freeze(notes),
    summary,
  });
  const parameters = {
    statistic: t.statistic,
    privacy: lossToJson(loss),
    bounds: { maxPartitionsPerPerson: l0, maxRowsPerPartition: linf },
    margins,
    postProcess,
    confidence,
    keys: Object.fromEntries(dimensions.map((d) => [d.column, { kind: 'public', count: d.keys.keys.length }])),
    noise: t.noise.map((n) => ({
      component: n.component,
      level: n.level,
      depths: [...n.depths],
      distribution: describeNoise(n.distribution),
      l1: n.l1.toString(),
      l2Squared: n.l2Squared.toString(),
      loss: lossToJson(n.loss),
    })),
    consistent: t.consistent,
    ciExact: t.ciExact,
    random: ctx.random.name,
  };
  return Object.freeze({
    released,
    manifest: tableManifest(request, released, { parameters, privacySpent: { loss: lossToJson(loss), description: lossText } }),
  });
}
