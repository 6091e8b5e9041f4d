import { describeCellKey } from './describeCellKey.js';
import { describeDp } from './describeDp.js';
import { describeKAnonymity } from './describeKAnonymity.js';
import { describeRounding } from './describeRounding.js';
import { describeSuppression } from './describeSuppression.js';
import type { DpNoiseLevel } from './dpNoiseLevels.js';
import { formatParameterValue } from './formatParameterValue.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asRecord } from './readParameter.js';
import { summariseParameterValue } from './summariseParameterValue.js';

/** A table's parameters for the report: plain sentences for the keys a describer knows, key/value text for the rest. */
export interface DescribedParameters {
  readonly sentences: readonly string[];
  /** Parameters no sentence covers, in their order, as `[key, value as text]` (`formatParameterValue`: all of it). */
  readonly others: readonly (readonly [string, string])[];
  /** The same parameters as `others`, as `[key, one-line summary]` (`summariseParameterValue`), for the page. */
  readonly summaries: readonly (readonly [string, string])[];
  /** Differential privacy: the noise of each measured level (see `dpNoiseLevels`), for a table. */
  readonly noise?: readonly DpNoiseLevel[];
}

/** What a describer needs besides the parameters. */
export interface DescribeContext {
  /** Required. What the table counts (`persons` or `rows`): the frequency rule's subject. */
  readonly unit: string;
  /** Required. What the table shows for small counts (the rounding rule's symbol). */
  readonly smallSymbol: string;
}

/**
 * Describes a table's `TableManifest.parameters` in plain words, by method (`describeSuppression`,
 * `describeRounding`, `describeDp`, `describeCellKey`, `describeKAnonymity`). The parameters' shapes belong to the
 * method plug-ins, so a describer renders the keys it recognises and every other key falls through to a generic
 * key/value list, in full (`others`) and as one-line summaries (`summaries`): nothing in the manifest is left out of
 * the report. A DP table's `noise` comes back as rows for a table (`noise`). Parameters wrapped in the method's name
 * (`{ suppression: { … } }`, the policy's form) are unwrapped first.
 *
 * Cost: O(size of the parameters).
 *
 * @example
 * describeParameters('rounding', { rule: 'nhs', base: 5, low: 1, high: 7, seed: 'x' }, { unit: 'persons', smallSymbol: '*' })
 * // { sentences: ['NHS rule: 1–7 shown as *, other counts rounded to base 5'], others: [['seed', 'x']],
 * //   summaries: [['seed', 'x']] }
 */
export function describeParameters(method: string, parameters: unknown, context: DescribeContext): DescribedParameters {
  let record = asRecord(parameters) ?? {};
  const keys = Object.keys(record);
  const inner = keys.length === 1 && keys[0] === method ? asRecord(record[method]) : undefined;
  if (inner !== undefined) record = inner;
  let described: ParameterDescription;
  switch (method) {
    case 'suppression':
      described = describeSuppression(record, context.unit);
      break;
    case 'rounding':
      described = describeRounding(record, context.smallSymbol);
      break;
    case 'dp':
      described = describeDp(record);
      break;
    case 'cellKey':
      described = describeCellKey(record);
      break;
    case 'kAnonymity':
      described = describeKAnonymity(record);
      break;
    default:
      described = { sentences: [`Method: ${method}`], covered: [] };
  }
  const covered = new Set(described.covered);
  const rest = Object.entries(record).filter(([key, value]) => !covered.has(key) && value !== undefined);
  const others = rest.map(([key, value]) => [key, formatParameterValue(value)] as const);
  const summaries = rest.map(([key, value]) => [key, summariseParameterValue(value)] as const);
  return {
    sentences: described.sentences,
    others,
    summaries,
    ...(described.noise === undefined ? {} : { noise: described.noise }),
  };
}
