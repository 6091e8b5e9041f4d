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
 * Li, Li & Venkatasubramanian 2007; metrics as ARX names them). What `protectKAnonymity` found (`records`,
 * `classes`, `minClassSize`, `suppressedRecords`, `suppressedRows`, `allowedSuppressed`, `levels`, as numbers) is a
 * second sentence starting `Result:`.
 *
 * Cost: O(dimensions).
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
  const sentences = [parts.length > 0 ? `k-anonymity: ${parts.join('; ')}` : 'k-anonymity'];
  const result = describeResult(parameters, covered);
  return { sentences: result === undefined ? sentences : [...sentences, result], covered };
}

/**
 * `Result: 691 records in 21 equivalence classes (the smallest of 5); 10 records suppressed (11 rows), 13 allowed;
 * generalisation levels (0 = as recorded): age 0, sex 0, municipality 3`, from what `protectKAnonymity` writes.
 */
function describeResult(parameters: Readonly<Record<string, unknown>>, covered: string[]): string | undefined {
  /** A count the manifest wrote as a number (the policy's `records` is a boolean, and stays with the first sentence). */
  const count = (key: string): number | undefined => (typeof parameters[key] === 'number' ? asNumber(parameters[key]) : undefined);
  const plural = (n: number, one: string, many: string): string => `${formatPlain(n)} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  const records = count('records');
  const classes = count('classes');
  const smallest = count('minClassSize');
  const population = [
    records === undefined ? '' : plural(records, 'record', 'records'),
    classes === undefined ? '' : plural(classes, 'equivalence class', 'equivalence classes'),
  ].filter((t) => t !== '');
  if (population.length > 0 || smallest !== undefined) {
    if (records !== undefined) covered.push('records');
    if (classes !== undefined) covered.push('classes');
    if (smallest !== undefined) covered.push('minClassSize');
    const smallestText = smallest === undefined ? '' : `the smallest of ${formatPlain(smallest)}`;
    parts.push(population.length === 0 ? `equivalence classes: ${smallestText}` : `${population.join(' in ')}${smallestText === '' ? '' : ` (${smallestText})`}`);
  }
  const suppressed = count('suppressedRecords');
  if (suppressed !== undefined) {
    covered.push('suppressedRecords');
    const rows = count('suppressedRows');
    const allowed = count('allowedSuppressed');
    if (rows !== undefined) covered.push('suppressedRows');
    if (allowed !== undefined) covered.push('allowedSuppressed');
    parts.push(
      `${plural(suppressed, 'record', 'records')} suppressed` +
        (rows === undefined ? '' : ` (${plural(rows, 'row', 'rows')})`) +
        (allowed === undefined ? '' : `, ${formatPlain(allowed)} allowed`),
    );
  }
  const levels = asRecord(parameters['levels']);
  const levelList = levels === undefined ? [] : Object.entries(levels).map(([column, level]) => [column, asNumber(level)] as const);
  if (levelList.length > 0 && levelList.every(([, level]) => level !== undefined)) {
    covered.push('levels');
    parts.push(`generalisation levels (0 = as recorded): ${levelList.map(([column, level]) => `${column} ${formatPlain(level!)}`).join(', ')}`);
  }
  return parts.length === 0 ? undefined : `Result: ${parts.join('; ')}`;
}
