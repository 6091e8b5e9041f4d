import { resolve } from 'node:path';
import { PrikkError } from '../../errors/PrikkError.js';
import type { CellKeyMethodPolicy } from '../../policy/ReleasePolicy.js';
import { cellKeyPerturbation } from '../../protect/cellkey/cellKeyPerturbation.js';
import { NOT_ADDITIVE } from '../../protect/cellkey/CellKeyResult.js';
import { createPTable } from '../../protect/cellkey/createPTable.js';
import type { MagnitudeOptions } from '../../protect/cellkey/perturbMagnitudes.js';
import type { PerturbationTable } from '../../protect/cellkey/PerturbationTable.js';
import { readPTable } from '../../protect/cellkey/readPTable.js';
import { aggregateRequest, cohortOptionsOf } from './aggregateRequest.js';
import { recordKeysOf } from './recordKeysOf.js';
import { registrySecret } from './registrySecret.js';
import type { MethodContext } from './MethodContext.js';
import { releasedFromCellTable } from './releasedFromCellTable.js';
import type { TableOutcome } from './TableOutcome.js';
import { tableManifest } from './tableManifest.js';
import type { TableRequest } from './TableRequest.js';
import { valueMeasures } from './valueFields.js';

const FN = 'protectCellKey';

/** Defaults to this share of a contribution as the noise scale of sums (`magnitudes.p`; the cellKey package's examples use 0.05). */
export const DEFAULT_MAGNITUDE_P = 0.05;

type PTableSetting = CellKeyMethodPolicy['ptable'] | NonNullable<CellKeyMethodPolicy['magnitudes']>['ptable'];

/** A p-table from the policy: generated from parameters (`createPTable`), or read from a file relative to the policy. */
function ptableOf(setting: PTableSetting, kind: 'counts' | 'magnitudes', policyDir: string, field: string): PerturbationTable {
  if (typeof setting !== 'object' || setting === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${field} must be { D, V, ... } or { file }`);
  if ('file' in setting) {
    if (typeof setting.file !== 'string' || setting.file === '') throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${field}.file must be a path`);
    return readPTable(resolve(policyDir, setting.file), { kind, source: setting.file });
  }
  const s = setting as { D: number; V: number; js?: number; pstay?: number };
  if (kind === 'counts') {
    return createPTable({ D: s.D, V: s.V, ...(s.js !== undefined ? { js: s.js } : {}), ...(s.pstay !== undefined ? { pstay: s.pstay } : {}) });
  }
  // Magnitudes: rows at the classes 1 and D (ptable's create_num_ptable with icat = c(1, D)).
  return createPTable({ kind: 'magnitudes', D: s.D, V: s.V, icat: [...new Set([1, s.D])], ...(s.js !== undefined ? { js: s.js } : {}) });
}

/**
 * The cell key method (ABS: Thompson, Broadfoot & Elazar 2013; tau-ARGUS 4.2; Statistics Sweden; the cellKey R
 * package) for one table: the counts p-table from parameters (`createPTable`, the ptable package's maximum-entropy
 * construction) or a file (`readPTable`, relative to the policy's folder); the registry secret from the environment
 * (`ctx.env`, default `PRIKK_CELL_KEY_SECRET`) or a file (see `registrySecret`); record keys derived from the person
 * ids under the secret, by the reader while it read the extract (`recordKeysFromExtract`: `runRelease` reads with
 * the `recordKeys` option, see `recordKeysReadOption`), or, for an extract read without them or under another secret,
 * by reading `ctx.source` again (`recordKeysFromReader`, with the same schema and options: the ids never leave that
 * call); the table aggregated from the extract (with its filter and person-row choice); then
 * `cellKeyPerturbation` over the same rows: the same persons give the same noise in every table. Sums (and means, their ratio to the perturbed rows) need `magnitudes`.
 *
 * Every cell is published, perturbed; margins are perturbed on their own and need not add up, which the table's
 * notes say (`NOT_ADDITIVE`). The manifest records the p-tables (with their sha256), the record keys' source and the
 * secret's fingerprint and where it was read from — never the secret.
 *
 * Cost: one aggregation, O(persons) for keys read with the extract (else a second read of the extract's file and
 * one HMAC per person), and O(cells × (2D + 1)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a missing or short secret (naming the variable or file, never the
 * secret), an extract without a person column, sums or means without `magnitudes`, bad p-table parameters;
 * `IO_ERROR` for an unreadable p-table or secret file; whatever `recordKeysFromExtract`, `recordKeysFromReader` and
 * `cellKeyPerturbation` throw.
 * @example
 * const outcome = await protectCellKey(byHospital, { ptable: { D: 3, V: 1, js: 2 } }, ctx);
 * outcome.released.notes[0]             // 'Perturbed with the cell key method: every cell, margins included, ...'
 * outcome.manifest.parameters.recordKeys // { source: 'hmac-sha256', bits: 32, per: 'person', secretFingerprint: '3f9a...' }
 */
export async function protectCellKey(request: TableRequest, settings: CellKeyMethodPolicy, ctx: MethodContext): Promise<TableOutcome> {
  if (typeof settings !== 'object' || settings === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected the cellKey settings object`);
  const keys = settings.keys ?? 'mod1';
  if (keys !== 'mod1' && keys !== 'mod256') throw new PrikkError('INVALID_ARGUMENT', `${FN}: cellKey.keys must be 'mod1' or 'mod256', got '${String(keys)}'`);
  const measures = valueMeasures(request.values, `${FN}: table '${request.name}'`);
  if (measures.length > 0 && settings.magnitudes === undefined) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: table '${request.name}' publishes sums or means of ${measures.join(', ')}, which need cellKey.magnitudes { ptable, p? }`);
  }
  const ptable = ptableOf(settings.ptable, 'counts', ctx.policyDir, 'cellKey.ptable');
  let magnitudes: MagnitudeOptions | undefined;
  if (measures.length > 0) {
    const m = settings.magnitudes!;
    magnitudes = {
      ptable: ptableOf(m.ptable, 'magnitudes', ctx.policyDir, 'cellKey.magnitudes.ptable'),
      p: m.p ?? DEFAULT_MAGNITUDE_P,
      ...(m.epsilon !== undefined ? { epsilon: m.epsilon } : {}),
    };
  }
  if (!ctx.extract.person) throw new PrikkError('INVALID_ARGUMENT', `${FN}: the cell key method needs a person column (record keys are per person)`);
  const secret = registrySecret(settings.secret, ctx, { fn: FN, field: 'cellKey.secret' });

  const table = aggregateRequest(ctx.extract, request, { measures, topContributors: magnitudes?.epsilon?.length ?? 1 });
  const recordKeys = await recordKeysOf(ctx, secret.bytes, keys === 'mod1' ? 32 : 8);
  const result = cellKeyPerturbation(ctx.extract, table, {
    ptable,
    recordKeys,
    ...(magnitudes ? { magnitudes } : {}),
    ...cohortOptionsOf(request),
  });
  const large = result.noise.counts.largeCounts;
  const released = releasedFromCellTable(result.table, {
    request,
    method: 'cellKey',
    symbols: ctx.symbols,
    meanings: { published: `Perturbed with the cell key method (noise of at most ${ptable.maxNoise} per count)` },
    notes: [NOT_ADDITIVE],
    summary: { noiseStandardDeviation: Math.sqrt(large.variance), expectedAbsoluteError: large.expectedAbsoluteError },
    ...(ctx.decimals !== undefined ? { decimals: ctx.decimals } : {}),
  });
  const parameters = { ...result.parameters, keys, secret: secret.source };
  return Object.freeze({ released, manifest: tableManifest(request, released, { parameters }) });
}
