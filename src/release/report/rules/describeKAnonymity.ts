import { formatPlain } from '../formatNumber.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asBoolean, asNumber, asRecord, asString } from './readParameter.js';

const METRICS: Readonly<Record<string, string>> = {
  loss: 'loss (ARX)',
  discernibility: 'discernibility',
  height: 'generalisation height',
  averageClassSize: 'average equivalence class size',
};

/**
 * Describes k-anonymity parameters (the policy's `KAnonymityMethodPolicy` form: `k`, `suppressionLimit`, `metric`,
 * `sensitive`, `lDiversity`, `tCloseness`, `records`) in plain words (Sweeney 2002; Machanavajjhala et al. 2007;
 * Li, Li & Venkatasubramanian 2007; metrics as ARX names them).
 *
 * Cost: O(1).
 *
 * @example
 * describeKAnonymity({ k: 5, suppressionLimit: 0.02, metric: 'loss' }).sentences[0]
 * // 'k-anonymity: k = 5 (every combination of the dimensions is shared by at least 5 persons); suppression limit
 * //  2 % of records; metric: loss (ARX)'
 */
export function describeKAnonymity(parameters: Readonly<Record<string, unknown>>): ParameterDescription {
  const covered: string[] = [];
  const parts: string[] = [];
  const k = asNumber(parameters['k']);
  if (k !== undefined) {
    covered.push('k');
    parts.push(`k = ${formatPlain(k)} (every combination of the dimensions is shared by at least ${formatPlain(k)} persons)`);
  }
  const limit = asNumber(parameters['suppressionLimit']);
  if (limit !== undefined) {
    covered.push('suppressionLimit');
    parts.push(`suppression limit ${formatPlain(limit * 100)} % of records`);
  }
  const metric = asString(parameters['metric']);
  if (metric !== undefined) {
    covered.push('metric');
    parts.push(`metric: ${METRICS[metric] ?? metric}`);
  }
  const sensitive = asString(parameters['sensitive']);
  if (sensitive !== undefined) {
    covered.push('sensitive');
    parts.push(`sensitive attribute: ${sensitive}`);
  }
  const l = asRecord(parameters['lDiversity']);
  const lKind = asString(l?.['kind']);
  const lValue = asNumber(l?.['l']);
  if (lKind !== undefined && lValue !== undefined) {
    covered.push('lDiversity');
    const c = asNumber(l?.['c']);
    parts.push(`${lKind} ${formatPlain(lValue)}-diversity${c === undefined ? '' : ` (c = ${formatPlain(c)})`}`);
  }
  const t = asRecord(parameters['tCloseness']);
  const tKind = asString(t?.['kind']);
  const tValue = asNumber(t?.['t']);
  if (tKind !== undefined && tValue !== undefined) {
    covered.push('tCloseness');
    parts.push(`${formatPlain(tValue)}-closeness (${tKind === 'equal' ? 'equal' : 'hierarchical'} ground distance)`);
  }
  const records = asBoolean(parameters['records']);
  if (records !== undefined) {
    covered.push('records');
    if (records) parts.push('anonymised records written too');
  }
  return { sentences: [parts.length > 0 ? `k-anonymity: ${parts.join('; ')}` : 'k-anonymity'], covered };
}
