import { formatPlain } from '../formatNumber.js';
import { describeLossJson } from './describeLossJson.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asBoolean, asNumber, asRecord, asString } from './readParameter.js';

const MARGINS: Readonly<Record<string, string>> = {
  allLevels: 'every margin measured with its own noise',
  finestOnly: 'only the finest cells measured, margins are their sums',
};

/**
 * Describes differential privacy parameters (the policy's `DpMethodPolicy` form: `privacy` — or `loss` — as ε or ρ,
 * `statistic`, `measure`, `clamp`, `resolution`, `bounds`, `margins`, `postProcess`, `confidence`) in plain words.
 *
 * Cost: O(digits²) for the exact loss.
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
  return { sentences: [parts.length > 0 ? `Differential privacy: ${parts.join('; ')}` : 'Differential privacy'], covered };
}
