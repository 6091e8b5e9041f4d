import { formatPlain } from '../formatNumber.js';
import { asNumber, asRecord, asString } from './readParameter.js';

/**
 * `each person's record key is HMAC-SHA256 of their id under the secret (…)` for the manifest's `recordKeys`
 * (`RecordKeys.toJSON()`), or undefined for a value of another shape (the report then shows it as it is).
 *
 * Cost: O(1).
 * @example
 * describeRecordKeys({ source: 'hmac-sha256', bits: 32, per: 'person' })
 * // "each person's record key is HMAC-SHA256 of their id under the secret (32 bits)"
 */
export function describeRecordKeys(value: unknown): string | undefined {
  const record = asRecord(value);
  const source = asString(record?.['source']);
  if (record === undefined || source === undefined) return undefined;
  if (!Object.keys(record).every((k) => ['source', 'bits', 'per', 'count', 'secretFingerprint'].includes(k))) return undefined;
  const per = asString(record['per']) ?? 'person';
  const bits = asNumber(record['bits']);
  const count = asNumber(record['count']);
  const fingerprint = asString(record['secretFingerprint']);
  const head = source === 'hmac-sha256' ? `each ${per}'s record key is HMAC-SHA256 of their id under the secret` : `record keys: ${source}`;
  const details = [
    bits === undefined ? '' : `${formatPlain(bits)} bits`,
    count === undefined ? '' : `${formatPlain(count)} ${per}${count === 1 ? '' : 's'}`,
    fingerprint === undefined ? '' : `secret fingerprint ${fingerprint}`,
  ].filter((t) => t !== '');
  return details.length === 0 ? head : `${head} (${details.join(', ')})`;
}

/**
 * Where a registry secret came from, as the manifest says it (`{ env }` or `{ file }`; never the secret), or
 * undefined for a value of another shape.
 *
 * Cost: O(1).
 * @example
 * describeSecretSource({ env: 'PRIKK_CELL_KEY_SECRET' }) // 'secret from the environment variable PRIKK_CELL_KEY_SECRET'
 */
export function describeSecretSource(value: unknown): string | undefined {
  const secret = asRecord(value);
  const env = asString(secret?.['env']);
  const file = asString(secret?.['file']);
  if (secret === undefined || (env === undefined && file === undefined) || Object.keys(secret).length !== 1) return undefined;
  return env !== undefined ? `secret from the environment variable ${env}` : `secret from the file ${file}`;
}
