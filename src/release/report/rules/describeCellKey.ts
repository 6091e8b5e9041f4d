import { formatPlain } from '../formatNumber.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asNumber, asRecord, asString } from './readParameter.js';

const KEYS: Readonly<Record<string, string>> = {
  mod1: 'record keys uniform on [0, 1), cell key = sum mod 1',
  mod256: 'record keys on 256 steps, cell key = sum mod 256',
};

/**
 * Describes cell key method parameters (the policy's `CellKeyMethodPolicy` form: `ptable` as `{ D, V, js, pstay }`
 * or a file, `keys`, `magnitudes`, `secret`) in plain words, following the vocabulary of the ABS method and
 * tau-ARGUS (maximum deviation D, variance V, js: no small counts 1..js). Always says that perturbed margins are not
 * additive. The secret is only ever named by where it comes from, never shown.
 *
 * Cost: O(1).
 *
 * @example
 * describeCellKey({ ptable: { D: 3, V: 1, js: 2 }, keys: 'mod1' }).sentences[0]
 * // 'Cell key method: p-table D = 3, V = 1, js = 2; record keys uniform on [0, 1), cell key = sum mod 1; every
 * //  cell perturbed on its own, so margins are not additive'
 */
export function describeCellKey(parameters: Readonly<Record<string, unknown>>): ParameterDescription {
  const covered: string[] = [];
  const parts: string[] = [];
  const ptable = describePTable(parameters['ptable']);
  if (ptable !== undefined) {
    covered.push('ptable');
    parts.push(`p-table ${ptable}`);
  }
  const keys = asString(parameters['keys']);
  if (keys !== undefined) {
    covered.push('keys');
    parts.push(KEYS[keys] ?? `keys: ${keys}`);
  }
  const magnitudes = asRecord(parameters['magnitudes']);
  const magnitudeTable = describePTable(magnitudes?.['ptable']);
  if (magnitudes !== undefined && magnitudeTable !== undefined && Object.keys(magnitudes).every((k) => k === 'ptable' || k === 'p')) {
    covered.push('magnitudes');
    const p = asNumber(magnitudes['p']);
    parts.push(`sums perturbed with p-table ${magnitudeTable}${p === undefined ? '' : `, p = ${formatPlain(p)}`}`);
  }
  const secret = asRecord(parameters['secret']);
  const env = asString(secret?.['env']);
  const file = asString(secret?.['file']);
  if (secret !== undefined && (env !== undefined || file !== undefined) && Object.keys(secret).length === 1) {
    covered.push('secret');
    parts.push(env !== undefined ? `secret from the environment variable ${env}` : `secret from the file ${file}`);
  }
  parts.push('every cell perturbed on its own, so margins are not additive');
  return { sentences: [`Cell key method: ${parts.join('; ')}`], covered };
}

function describePTable(value: unknown): string | undefined {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const D = asNumber(record['D']);
  const V = asNumber(record['V']);
  const file = asString(record['file']);
  const known = new Set(['D', 'V', 'js', 'pstay', 'file', 'sha256']);
  if (!Object.keys(record).every((k) => known.has(k))) return undefined;
  if (D !== undefined && V !== undefined) {
    const js = asNumber(record['js']);
    const pstay = asNumber(record['pstay']);
    return [`D = ${formatPlain(D)}`, `V = ${formatPlain(V)}`, js === undefined ? '' : `js = ${formatPlain(js)}`, pstay === undefined ? '' : `pstay = ${formatPlain(pstay)}`]
      .filter((s) => s !== '')
      .join(', ');
  }
  if (file !== undefined) {
    const sha = asString(record['sha256']);
    return `from ${file}${sha === undefined ? '' : ` (sha256 ${sha})`}`;
  }
  return undefined;
}
