import { recordKeysFromExtract } from '../../protect/cellkey/recordKeysFromExtract.js';
import { recordKeysFromReader } from '../../protect/cellkey/recordKeysFromReader.js';
import type { RecordKeys } from '../../protect/cellkey/RecordKeys.js';
import { secretFingerprint } from '../../random/secretFingerprint.js';
import { readCsv } from '../../read/readCsv.js';
import type { MethodContext } from './MethodContext.js';

/**
 * The record keys of the extract's persons under `secret`: the ones the release's read derived (`runRelease` reads
 * with the `recordKeys` option, under the secret of the first table that uses record keys), when they come from this secret; else (an
 * extract read without them, or a table with another secret) derived by reading `ctx.source` again. The same keys
 * either way (tests/release/methods/protectCellKeyOnePass.test.ts).
 *
 * Cost: O(persons) when the read derived them; else one more read of the extract with its ids hashed.
 * @throws {PrikkError} whatever `recordKeysFromExtract` and `recordKeysFromReader` throw (a short secret, an extract
 * without a person column, a source that changed).
 * @example
 * (await recordKeysOf(ctx, secret.bytes, 32)).keys.length // the extract's number of persons
 */
export async function recordKeysOf(ctx: MethodContext, secret: Uint8Array, bits: 32 | 8): Promise<RecordKeys> {
  const carried = ctx.extract.person?.recordKeys;
  if (carried !== undefined && carried.secretFingerprint === secretFingerprint(secret)) return recordKeysFromExtract(ctx.extract, { bits, secret });
  return recordKeysFromReader({
    extract: ctx.extract,
    schema: ctx.source.schema,
    read: (schema) => readCsv(ctx.source.path, schema, ctx.source.options),
    secret,
    bits,
  });
}
