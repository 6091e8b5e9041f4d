import { formatPlain } from '../formatNumber.js';
import { describeRecordKeys, describeSecretSource } from './describeRecordKeys.js';
import type { ParameterDescription } from './ParameterDescription.js';
import { asArray, asBoolean, asNumber, asRecord, asString } from './readParameter.js';

const KEYS: Readonly<Record<string, string>> = {
  mod1: 'record keys uniform on [0, 1), cell key = sum mod 1',
  mod256: 'record keys on 256 steps, cell key = sum mod 256',
};

/** The sha256 of a p-table is shown to this many hex digits (the full hash is in "All parameters"). */
const SHA_SHOWN = 16;

/**
 * Describes cell key method parameters in plain words, following the vocabulary of the ABS method and tau-ARGUS
 * (maximum deviation D, variance V, js: no small counts 1..js). Reads the policy's `CellKeyMethodPolicy` form
 * (`ptable` as `{ D, V, js, pstay }` or a file, `keys`, `magnitudes`, `secret`) and what `protectCellKey` writes to
 * the manifest (`ptable` as `PerturbationTable.toJSON()`: its source, sha256 and the noise of large counts, where
 * P(no change) is the probability that a large count is published unchanged; `recordKeys`; `countsPerturbed`;
 * `additive`). Always says that perturbed margins are not additive. The secret is only ever named by where it comes
 * from, never shown.
 *
 * Cost: O(1).
 *
 * @example
 * describeCellKey({ ptable: { D: 3, V: 1, js: 2 }, keys: 'mod1' }).sentences[0]
 * // 'Cell key method: p-table D = 3, V = 1, js = 2; record keys uniform on [0, 1), cell key = sum mod 1; every
 * //  cell perturbed on its own, so margins are not additive'
 * describeCellKey({ ptable: { kind: 'counts', source: 'generated: maximum entropy, D = 4, V = 3, js = 2',
 *   sha256: '41a5540b0db2a77f2bf5…', largeValueNoise: { pNoChange: 0.2225 } } }).sentences[0]
 * // 'Cell key method: p-table by maximum entropy, D = 4, V = 3, js = 2 (sha256 41a5540b0db2a77f…); P(no change)
 * //  for large counts 0.22; every cell perturbed on its own, so margins are not additive'
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
  const recordKeys = describeRecordKeys(parameters['recordKeys']);
  if (recordKeys !== undefined) {
    covered.push('recordKeys');
    parts.push(recordKeys);
  }
  const magnitudes = asRecord(parameters['magnitudes']);
  const magnitudeTable = describePTable(magnitudes?.['ptable']);
  const magnitudeKeys = new Set(['ptable', 'p', 'method', 'epsilon', 'contributorKeys']);
  if (magnitudes !== undefined && magnitudeTable !== undefined && Object.keys(magnitudes).every((k) => magnitudeKeys.has(k))) {
    covered.push('magnitudes');
    const p = asNumber(magnitudes['p']);
    parts.push(`sums perturbed with p-table ${magnitudeTable}${p === undefined ? '' : `, p = ${formatPlain(p)}`}`);
  }
  const perturbed = asArray(parameters['countsPerturbed']);
  if (perturbed !== undefined && perturbed.length > 0 && perturbed.every((p) => typeof p === 'string')) {
    covered.push('countsPerturbed');
    parts.push(`counts perturbed: ${perturbed.join(', ')}`);
  }
  const secret = describeSecretSource(parameters['secret']);
  if (secret !== undefined) {
    covered.push('secret');
    parts.push(secret);
  }
  if (asBoolean(parameters['additive']) === false) covered.push('additive');
  parts.push('every cell perturbed on its own, so margins are not additive');
  return { sentences: [`Cell key method: ${parts.join('; ')}`], covered };
}

function describePTable(value: unknown): string | undefined {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const generated = describeManifestPTable(record);
  if (generated !== undefined) return generated;
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

/** The manifest's p-table (`PerturbationTable.toJSON()`): its source, sha256 and P(no change) for large counts. */
function describeManifestPTable(record: Readonly<Record<string, unknown>>): string | undefined {
  const known = new Set(['kind', 'source', 'sha256', 'maxI', 'maxNoise', 'js', 'largeValueNoise', 'parameters']);
  const source = asString(record['source']);
  if (source === undefined || !Object.keys(record).every((k) => known.has(k))) return undefined;
  const sha = asString(record['sha256']);
  const shaText = sha === undefined ? '' : ` (sha256 ${sha.length > SHA_SHOWN ? `${sha.slice(0, SHA_SHOWN)}…` : sha})`;
  const origin = source.startsWith('generated: ') ? `by ${source.slice('generated: '.length)}` : `from ${source}`;
  const stay = asNumber(asRecord(record['largeValueNoise'])?.['pNoChange']);
  const stayText = stay === undefined ? '' : `; P(no change) for large counts ${String(Number(stay.toPrecision(2)))}`;
  return `${origin}${shaText}${stayText}`;
}
