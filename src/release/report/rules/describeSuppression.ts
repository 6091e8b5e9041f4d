import { formatPlain } from '../formatNumber.js';
import { formatParameterValue } from './formatParameterValue.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asArray, asBoolean, asNumber, asRecord, asString } from './readParameter.js';

const SECONDARY: Readonly<Record<string, string>> = {
  fast: 'fast (Gaussian elimination)',
  optimal: 'optimal (mixed-integer programming)',
};
const COST: Readonly<Record<string, string>> = { cells: 'fewest cells', value: 'least value' };

/**
 * Describes cell suppression parameters (the policy's `SuppressionMethodPolicy` form: `rules`, `secondary`,
 * `cost`, `singletons`) in plain words. Rules are read in the policy's form (`{ frequency: { n } }`,
 * `{ dominance: { measure, n, k } }`, `{ pPercent: { measure, p, q } }`), as a rule's `name`, or as text; the
 * names the rules of src/protect/suppression/rules give themselves (`frequency(count < 5)`, `dominance(n = 1, k = 80,
 * cost)`, `p-percent(p = 10, cost)`, `pq(p = 10, q = 50, cost)`), which the manifest records, read as the policy's
 * form. What the method found (`primaryCells`, `primaryByRule`, `secondaryCells`, as `protectSuppression` writes
 * them) is a second sentence.
 *
 * Cost: O(rules).
 *
 * @example
 * describeSuppression({ rules: [{ frequency: { n: 5 } }, { dominance: { measure: 'cost', n: 1, k: 80 } }],
 *   secondary: 'fast', cost: 'cells', singletons: true }, 'persons').sentences[0]
 * // 'Cell suppression: a cell is sensitive when persons < 5; dominance (1, 80 %) on cost; secondary suppression:
 * //  fast (Gaussian elimination), cost: fewest cells; singletons protected'
 */
export function describeSuppression(parameters: Readonly<Record<string, unknown>>, unit: string): ParameterDescription {
  const covered: string[] = [];
  const parts: string[] = [];
  const rules = asArray(parameters['rules']);
  if (rules !== undefined) {
    covered.push('rules');
    const texts = rules.map((r) => describeRule(r, unit));
    if (texts.length > 0) parts.push(`a cell is sensitive when ${texts.join('; ')}`);
  }
  const secondary = asString(parameters['secondary']);
  const cost = asString(parameters['cost']);
  if (secondary !== undefined) {
    covered.push('secondary');
    let text = `secondary suppression: ${SECONDARY[secondary] ?? secondary}`;
    if (cost !== undefined) {
      covered.push('cost');
      text += `, cost: ${COST[cost] ?? cost}`;
    }
    parts.push(text);
  } else if (cost !== undefined) {
    covered.push('cost');
    parts.push(`cost of secondary suppression: ${COST[cost] ?? cost}`);
  }
  const singletons = asBoolean(parameters['singletons']);
  if (singletons !== undefined) {
    covered.push('singletons');
    parts.push(singletons ? 'singletons protected' : 'singletons not protected');
  }
  const sentences = [parts.length > 0 ? `Cell suppression: ${parts.join('; ')}` : 'Cell suppression'];
  const result = describeResult(parameters, unit, covered);
  return { sentences: result === undefined ? sentences : [...sentences, result], covered };
}

/** `Result: 79 primary cells (rows < 5: 79; p % rule (p = 10 %) on cost: 44), 18 secondary cells`. */
function describeResult(parameters: Readonly<Record<string, unknown>>, unit: string, covered: string[]): string | undefined {
  const parts: string[] = [];
  const primary = asNumber(parameters['primaryCells']);
  const byRule = asRecord(parameters['primaryByRule']);
  const counts = byRule === undefined ? undefined : Object.entries(byRule).map(([rule, n]) => [rule, asNumber(n)] as const);
  if (primary !== undefined) {
    covered.push('primaryCells');
    let text = `${formatPlain(primary)} primary ${primary === 1 ? 'cell' : 'cells'}`;
    if (counts !== undefined && counts.length > 0 && counts.every(([, n]) => n !== undefined)) {
      covered.push('primaryByRule');
      text += ` (${counts.map(([rule, n]) => `${describeRule(rule, unit)}: ${formatPlain(n!)}`).join('; ')})`;
    }
    parts.push(text);
  }
  const secondary = asNumber(parameters['secondaryCells']);
  if (secondary !== undefined) {
    covered.push('secondaryCells');
    parts.push(`${formatPlain(secondary)} secondary ${secondary === 1 ? 'cell' : 'cells'}`);
  }
  const optimal = describeOptimal(asRecord(parameters['optimal']), asString(parameters['cost']));
  if (optimal !== undefined) {
    covered.push('optimal');
    parts.push(optimal);
  }
  return parts.length === 0 ? undefined : `Result: ${parts.join(', ')}`;
}

/**
 * How sure the optimal method is (`SuppressionResult.optimal` as the manifest records it): `proven optimal`, or
 * `not proven optimal (the search stopped at its 60 s time limit): 1577 cells hidden, primaries included; no
 * protecting pattern hides fewer than 1512; before the search, 27 secondary cells of the fast pattern were
 * published again (the audit passed without them)`.
 */
function describeOptimal(optimal: Readonly<Record<string, unknown>> | undefined, cost: string | undefined): string | undefined {
  const proven = optimal === undefined ? undefined : asBoolean(optimal['proven']);
  if (optimal === undefined || proven === undefined) return undefined;
  if (proven) return 'proven optimal';
  let text = 'not proven optimal';
  if (asBoolean(optimal['timeLimitReached']) === true) {
    const limit = asNumber(optimal['timeLimitSeconds']);
    text += ` (the search stopped at its ${limit === undefined ? '' : `${formatPlain(limit)} s `}time limit)`;
  }
  const patternCost = asNumber(optimal['cost']);
  const bound = asNumber(optimal['costLowerBound']);
  if (patternCost !== undefined && bound !== undefined) {
    // The bound is a MIP's dual bound: a cell count only up to round-off.
    const atLeast = Math.ceil(bound - 1e-6);
    text +=
      cost === 'cells' || cost === undefined
        ? `: ${formatPlain(patternCost)} cells hidden, primaries included; no protecting pattern hides fewer than ${formatPlain(atLeast)}`
        : `: cost ${formatPlain(patternCost)}; no protecting pattern costs less than ${formatPlain(bound)}`;
  }
  const republished = asNumber(optimal['republished']);
  if (republished !== undefined && republished > 0) {
    text += `; before the search, ${formatPlain(republished)} secondary ${republished === 1 ? 'cell' : 'cells'} of the fast pattern ${republished === 1 ? 'was' : 'were'} published again (the audit passed without them)`;
  }
  return text;
}

/** A rule's own name (src/protect/suppression/rules) in the words of the policy form; other text as it is. */
function describeRuleName(name: string, unit: string): string {
  let m = /^frequency\(count < ([^,()]+)(, zeros sensitive)?\)$/.exec(name);
  if (m) return `${unit} < ${m[1]}${m[2] === undefined ? '' : ' (zeros too)'}`;
  m = /^dominance\(n = ([^,]+), k = ([^,]+), (.+)\)$/.exec(name);
  if (m) return `dominance (${m[1]}, ${m[2]} %) on ${m[3]}`;
  m = /^p-percent\(p = ([^,]+), (.+)\)$/.exec(name);
  if (m) return `p % rule (p = ${m[1]} %) on ${m[2]}`;
  m = /^pq\(p = ([^,]+), q = ([^,]+), (.+)\)$/.exec(name);
  if (m) return `p % rule (p = ${m[1]} %, q = ${m[2]} %) on ${m[3]}`;
  return name;
}

function describeRule(rule: unknown, unit: string): string {
  if (typeof rule === 'string') return describeRuleName(rule, unit);
  const record = asRecord(rule);
  if (record === undefined) return formatParameterValue(rule);
  const frequency = asRecord(record['frequency']);
  if (frequency !== undefined) {
    const n = asNumber(frequency['n']);
    let text = n === undefined ? `frequency rule ${formatParameterValue(frequency)}` : `${unit} < ${formatPlain(n)}`;
    if (asBoolean(frequency['zerosSensitive']) === true) text += ' (zeros too)';
    const minWidth = asNumber(frequency['minWidth']);
    if (minWidth !== undefined) text += ` (protection interval at least ${formatPlain(minWidth)})`;
    return text;
  }
  const dominance = asRecord(record['dominance']);
  if (dominance !== undefined) {
    const n = asNumber(dominance['n']);
    const k = asNumber(dominance['k']);
    const measure = asString(dominance['measure']);
    if (n !== undefined && k !== undefined) {
      return `dominance (${formatPlain(n)}, ${formatPlain(k)} %)${measure === undefined ? '' : ` on ${measure}`}`;
    }
    return `dominance rule ${formatParameterValue(dominance)}`;
  }
  const pPercent = asRecord(record['pPercent']);
  if (pPercent !== undefined) {
    const p = asNumber(pPercent['p']);
    const q = asNumber(pPercent['q']);
    const measure = asString(pPercent['measure']);
    if (p !== undefined) {
      const qText = q === undefined ? '' : `, q = ${formatPlain(q)} %`;
      return `p % rule (p = ${formatPlain(p)} %${qText})${measure === undefined ? '' : ` on ${measure}`}`;
    }
    return `p % rule ${formatParameterValue(pPercent)}`;
  }
  const name = asString(record['name']);
  return name === undefined ? formatParameterValue(rule) : describeRuleName(name, unit);
}
