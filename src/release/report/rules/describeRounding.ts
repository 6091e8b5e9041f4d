import { formatPlain } from '../formatNumber.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { describeRecordKeys, describeSecretSource } from './describeRecordKeys.js';
import { asArray, asNumber, asString } from './readParameter.js';

/**
 * Describes rounding parameters (`rule`: `nhs`, `base` or `random`; `base`; `low`, `high`) in plain words. The
 * NHS rule follows NHS England's small-number policy (1–7 suppressed, other counts rounded to 5); `symbol` is what
 * the table shows for the small counts. Of what `protectRounding` adds to the manifest, `fieldsRounded` and
 * `marginsRoundedIndependently` are said too, and its `method` and `symbol` are covered by the rule's words.
 *
 * Cost: O(1).
 *
 * @example
 * describeRounding({ rule: 'nhs', base: 5, low: 1, high: 7 }, '*').sentences[0]
 * // 'NHS rule: 1–7 shown as *, other counts rounded to base 5'
 */
export function describeRounding(parameters: Readonly<Record<string, unknown>>, symbol: string): ParameterDescription {
  const described = describeRule(parameters, symbol);
  if (described.covered.length === 0) return described;
  // What protectRounding adds to the manifest: its own name for the rule and symbol (said already), the fields rounded.
  const covered = [...described.covered];
  let sentence = described.sentences[0]!;
  if (typeof parameters['method'] === 'string') covered.push('method');
  if (parameters['symbol'] === symbol) covered.push('symbol');
  const fields = asArray(parameters['fieldsRounded']);
  if (fields !== undefined && fields.length > 0 && fields.every((f) => typeof f === 'string')) {
    covered.push('fieldsRounded');
    sentence += `; values rounded: ${fields.join(', ')}`;
  }
  if (parameters['marginsRoundedIndependently'] === true) {
    covered.push('marginsRoundedIndependently');
    sentence += '; every margin rounded on its own, so margins may not equal the sum of their parts';
  }
  return { sentences: [sentence], covered };
}

function describeRule(parameters: Readonly<Record<string, unknown>>, symbol: string): ParameterDescription {
  const rule = asString(parameters['rule']);
  const base = asNumber(parameters['base']);
  const low = asNumber(parameters['low']);
  const high = asNumber(parameters['high']);
  const baseText = base === undefined ? '' : ` to base ${formatPlain(base)}`;
  const covered = ['rule', ...(base === undefined ? [] : ['base'])];
  switch (rule) {
    case 'nhs': {
      const range = low !== undefined && high !== undefined ? `${formatPlain(low)}–${formatPlain(high)}` : undefined;
      if (range !== undefined) covered.push('low', 'high');
      const head = range === undefined ? 'NHS rule: small counts' : `NHS rule: ${range}`;
      return { sentences: [`${head} shown as ${symbol}, other counts rounded${baseText}`], covered };
    }
    case 'base':
      return {
        sentences: [`Rounding: every count rounded to the nearest multiple of ${base === undefined ? 'the base' : formatPlain(base)}`],
        covered,
      };
    case 'random': {
      let sentence = `Unbiased random rounding${baseText}: each count goes up or down to a multiple at random, its expectation the true count`;
      const draws = asString(parameters['draws']);
      if (draws === 'keyed') {
        covered.push('draws');
        sentence += "; the draw is the cell's key (its persons' record keys summed), so the same persons are rounded the same way in every table and release";
        const recordKeys = describeRecordKeys(parameters['recordKeys']);
        if (recordKeys !== undefined) {
          covered.push('recordKeys');
          sentence += `; ${recordKeys}`;
        }
        const secret = describeSecretSource(parameters['secret']);
        if (secret !== undefined) {
          covered.push('secret');
          sentence += `; ${secret}`;
        }
      } else if (draws === 'fresh') {
        covered.push('draws');
        sentence += '; fresh draws for this release (asked for by name: a count released again in another request gets a new draw)';
      }
      return { sentences: [sentence], covered };
    }
    default:
      return { sentences: ['Rounding'], covered: [] };
  }
}
