import { formatPlain } from '../formatNumber.js';
import { describeLossJson } from './describeLossJson.js';
import { dpNoiseLevels } from './dpNoiseLevels.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asBoolean, asNumber, asRecord, asString } from './readParameter.js';

const MARGINS: Readonly<Record<string, string>> = {
  allLevels: 'every margin measured with its own noise',
  finestOnly: 'only the finest cells measured, margins are their sums',
};

/**
 * Describes differential privacy parameters (the policy's `DpMethodPolicy` form: `privacy` — or `loss` — as ε or ρ,
 * `statistic`, `measure`, `clamp`, `resolution`, `bounds`, `margins`, `postProcess`, `confidence`; and what
 * `protectDp` adds to the manifest: `keys`, the public key lists, and `noise`, the noise of each measured level,
 * returned as rows for a table with each level's exact share of the loss, see `dpNoiseLevels`) in plain words.
 *
 * Cost: O(digits²) for the exact loss, O(levels × dimensions) for the noise.
 *
 * @example
 * describeDp({ privacy: { epsilon: 0.5 }, statistic: 'persons', confidence: 0.95,
 *   bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } }).sentences[0]
 * // 'Differential privacy: ε = 1/2 (0.5); statistic: persons; each person counts in at most 1 cell, with at most 1
 * //  row per cell; 95 % confidence intervals'
 */
export function describeDp(parameters: Readonly<Record<string, unknown>>): ParameterDescription {
  const covered: string[] = [];
  const parts: string[] = [];
  for (const key of ['privacy', 'loss']) {
    const loss = describeLossJson(parameters[key]);
    if (loss !== undefined) {
      covered.push(key);
      parts.push(loss);
      break;
    }
  }
  const statistic = asString(parameters['statistic']);
  if (statistic !== undefined) {
    covered.push('statistic');
    const measure = asString(parameters['measure']);
    let text = `statistic: ${statistic}`;
    if (measure !== undefined && (statistic === 'sum' || statistic === 'mean')) {
      covered.push('measure');
      text = `statistic: ${statistic} of ${measure}`;
    }
    const clamp = asRecord(parameters['clamp']);
    const lower = asNumber(clamp?.['lower']);
    const upper = asNumber(clamp?.['upper']);
    if (lower !== undefined && upper !== undefined) {
      covered.push('clamp');
      text += `, values clamped to [${formatPlain(lower)}, ${formatPlain(upper)}]`;
    }
    const resolution = asNumber(parameters['resolution']);
    if (resolution !== undefined && (statistic === 'sum' || statistic === 'mean')) {
      covered.push('resolution');
      text += `, resolution ${formatPlain(resolution)}`;
    }
    parts.push(text);
  }
  const bounds = asRecord(parameters['bounds']);
  const partitions = asNumber(bounds?.['maxPartitionsPerPerson']);
  const rows = asNumber(bounds?.['maxRowsPerPartition']);
  if (partitions !== undefined && rows !== undefined) {
    covered.push('bounds');
    parts.push(
      `each person counts in at most ${formatPlain(partitions)} ${partitions === 1 ? 'cell' : 'cells'}, ` +
        `with at most ${formatPlain(rows)} ${rows === 1 ? 'row' : 'rows'} per cell`,
    );
  }
  const confidence = asNumber(parameters['confidence']);
  if (confidence !== undefined) {
    covered.push('confidence');
    parts.push(`${formatPlain(confidence * 100)} % confidence intervals`);
  }
  const margins = asString(parameters['margins']);
  if (margins !== undefined) {
    covered.push('margins');
    parts.push(`margins: ${MARGINS[margins] ?? margins}`);
  }
  const postProcess = asBoolean(parameters['postProcess']);
  if (postProcess !== undefined) {
    covered.push('postProcess');
    parts.push(postProcess ? 'post-processed to non-negative values consistent with their totals' : 'no post-processing (raw noisy values)');
  }
  const keys = publicKeys(parameters['keys']);
  if (keys !== undefined) {
    covered.push('keys');
    parts.push(keys);
  }
  const sentences = [parts.length > 0 ? `Differential privacy: ${parts.join('; ')}` : 'Differential privacy'];
  const noise = dpNoiseLevels(parameters['noise'], parameters['privacy'] ?? parameters['loss']);
  if (noise === undefined) return { sentences, covered };
  covered.push('noise');
  return { sentences, covered, noise };
}

/** `keys from public lists (municipality: 357, year: 7), so empty cells are released too` for `{ municipality: { kind: 'public', count: 357 }, … }`. */
function publicKeys(value: unknown): string | undefined {
  const keys = asRecord(value);
  if (keys === undefined) return undefined;
  const parts: string[] = [];
  for (const [column, entry] of Object.entries(keys)) {
    const record = asRecord(entry);
    const count = asNumber(record?.['count']);
    if (record?.['kind'] !== 'public' || count === undefined || Object.keys(record).length !== 2) return undefined;
    parts.push(`${column}: ${formatPlain(count)}`);
  }
  return parts.length === 0 ? undefined : `keys from public lists (${parts.join(', ')}), so empty cells are released too`;
}
