import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { describeFilter } from '../aggregate/describeFilter.js';
import { PrikkError } from '../errors/PrikkError.js';
import { checkSignal, throwIfAborted } from '../errors/throwIfAborted.js';
import { ReleaseLedger } from '../ledger/ReleaseLedger.js';
import { loadPolicy } from '../policy/loadPolicy.js';
import { lossOfPolicy } from '../policy/lossOfPolicy.js';
import { canonicalJson, requestOfPolicy } from '../policy/requestOfPolicy.js';
import { DatasetBudget } from '../protect/dp/budget/DatasetBudget.js';
import { describeLoss, lossToJson } from '../protect/dp/budget/PrivacyLoss.js';
import { cryptoRandomSource } from '../random/cryptoRandomSource.js';
import type { CsvReadOptions } from '../read/CsvReadOptions.js';
import { readCsv } from '../read/readCsv.js';
import { VERSION } from '../version.js';
import { hashFile, sha256Hex } from './hashFile.js';
import { MANIFEST_FORMAT, type BudgetSummary } from './manifest/ReleaseManifest.js';
import { cohortKey } from './methods/cohortKey.js';
import { recordKeysReadOption } from './methods/registrySecret.js';
import type { MethodContext } from './methods/MethodContext.js';
import { protectTables } from './methods/protectTables.js';
import { releaseAudit, type AuditedRelease } from './releaseAudit.js';
import { renderOutputs, type ReleaseFile } from './renderOutputs.js';
import { resolveTableRequests } from './resolveTableRequests.js';
import { suppressionRulesOf } from './suppressionRulesOf.js';
import { earlierSuppressedTables } from './earlierSuppressedTables.js';
import { reissueRelease } from './reissueRelease.js';
import type { ReleaseOptions, ReleaseOutcome, ReleaseStep } from './ReleaseOptions.js';
import { STORED } from './storedRelease.js';
import { checkReleaseFolder, writeReleaseFolder } from './writeReleaseFolder.js';

const DP_BESIDE_OTHERS =
  'The differential privacy guarantee covers the differentially private tables of this release; its other tables publish exact, rounded or perturbed numbers about the same persons, which that guarantee does not cover.';
const WITHHELD =
  'withheld from this copy: exact counts of input rows are not covered by differential privacy; the registry keeps them in its ledger';

/**
 * Makes a release as a policy describes it: reads the extract, protects every table with its method, audits the
 * suppressed tables together with every earlier release of the dataset, charges the dataset's privacy budget, records
 * the release in the dataset's append-only ledger (storing its tables), and only then writes the release folder
 * (tables as CSV, JSON and XLSX, `report.html`, `manifest.json`) in one rename. Nothing is written when any step fails.
 *
 * Non-exclusive: the request (the extract's sha256 and the policy without recipient, purpose, agreement, ledger and
 * output) is fingerprinted; the same request, from anyone, gets the stored tables of its first release again, never
 * fresh noise, and spends no budget (recorded as a `reissue`).
 *
 * The whole release runs under the dataset ledger's lock, so two releases cannot both spend the last of a budget.
 *
 * Cost: one hash pass and one read of the extract, the methods' costs, one audit per group of linked tables, and
 * writing the outputs.
 *
 * @throws {PrikkError} `INVALID_POLICY` (the policy), the reader's errors (the extract), `DATASET_CHANGED` when the
 * extract differs from the one earlier releases of the dataset were made from, `PROTECTION_FAILED` when an audit
 * fails, `BUDGET_EXCEEDED`, `LEDGER_CORRUPT`, `LEDGER_LOCKED`, `IO_ERROR`, `ABORTED` when `signal` is aborted before the
 * ledger records the release (nothing recorded or written).
 * @example
 * const r = await runRelease({ extract: 'extract.csv', policy: 'policy.yaml', out: 'release-2026-11' });
 * r.manifest.tables.map((t) => t.audit?.passed) // [true, undefined, …]
 * r.files // ['by_hospital.csv', …, 'report.html', 'manifest.json']
 */
export async function runRelease(options: ReleaseOptions): Promise<ReleaseOutcome> {
  checkSignal(options.signal, 'runRelease: signal');
  const { signal } = options;
  // Every step up to the ledger's record is a place to stop; once recorded, the release is written whatever happens.
  const progress = (step: ReleaseStep, detail: string): void => {
    if (step !== 'write') throwIfAborted(signal, 'release');
    options.onProgress?.(step, detail);
  };
  const now = options.now ?? (() => new Date());
  const loaded = typeof options.policy === 'string' ? await loadPolicy(options.policy) : options.policy;
  const policy = loaded.policy;
  if (typeof options.extract !== 'string' || options.extract === '') {
    throw new PrikkError('INVALID_ARGUMENT', 'runRelease: extract must be the path of the extract file');
  }
  if (typeof options.out !== 'string' || options.out === '') throw new PrikkError('INVALID_ARGUMENT', 'runRelease: out must be a folder path');
  const lockTimeoutMs = options.lockTimeoutMs;
  if (lockTimeoutMs !== undefined && !(typeof lockTimeoutMs === 'number' && Number.isFinite(lockTimeoutMs) && lockTimeoutMs >= 0)) {
    throw new PrikkError('INVALID_ARGUMENT', `runRelease: lockTimeoutMs: expected a finite number >= 0 (milliseconds), got ${String(lockTimeoutMs)}`);
  }

  await checkReleaseFolder(options.out);
  progress('hash', options.extract);
  const input = await hashFile(options.extract);
  const requestFingerprint = sha256Hex(canonicalJson({ input: input.sha256, request: requestOfPolicy(policy) }));
  const ledgerDir = options.ledger !== undefined ? resolve(options.ledger) : resolve(loaded.dir, policy.ledger);

  progress('ledger', ledgerDir);
  const ledger = await ReleaseLedger.open({ dir: ledgerDir, dataset: policy.dataset, now });
  return ledger.withLock(async () => {
    const records = await ledger.records();
    const changed = records.find((r) => r.inputSha256 !== undefined && r.inputSha256 !== input.sha256);
    if (changed) {
      throw new PrikkError(
        'DATASET_CHANGED',
        `dataset '${policy.dataset}' was released before (release ${changed.releaseId ?? changed.seq}) from an extract with sha256 ` +
          `${changed.inputSha256!.slice(0, 12)}…, and ${basename(options.extract)} has sha256 ${input.sha256.slice(0, 12)}…: ` +
          'releases of one dataset must come from one extract so they can be checked against each other. ' +
          'A changed extract is a new dataset: give it a new name in the policy (the budget and the checks then start anew).',
        { file: options.extract },
      );
    }
    const createdAt = now().toISOString();
    // Time, request and a random part: two attempts in one second (a retry after a crash) get different ids.
    const releaseId = `${createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${requestFingerprint.slice(0, 8)}-${randomBytes(3).toString('hex')}`;
    const common = {
      format: MANIFEST_FORMAT,
      prikkVersion: VERSION,
      releaseId,
      requestFingerprint,
      dataset: policy.dataset,
      recipient: policy.recipient,
      purpose: policy.purpose,
      ...(policy.agreement !== undefined ? { agreement: policy.agreement } : {}),
      createdAt,
      input: { file: basename(options.extract), sha256: input.sha256, bytes: input.bytes },
      policy: { file: basename(loaded.file), sha256: loaded.sha256, content: policy as unknown },
    } as const;

    const original = await ledger.findRequest(requestFingerprint);
    if (original) return reissueRelease(options, ledger, original, common, progress);

    progress('read', options.extract);
    const readOptions: CsvReadOptions = {
      ...(policy.extract.delimiter !== undefined ? { delimiter: policy.extract.delimiter } : {}),
      ...(policy.extract.encoding !== undefined ? { encoding: policy.extract.encoding } : {}),
      ...(policy.extract.decimalComma !== undefined ? { decimalComma: policy.extract.decimalComma } : {}),
    };
    // With a table that uses record keys (cell key, keyed random rounding), the reader derives the record keys on the way (one pass; the secret is read first).
    const recordKeys = recordKeysReadOption(policy, { env: options.env ?? ((name) => process.env[name]), policyDir: loaded.dir });
    const extract = await readCsv(options.extract, policy.extract.schema, {
      ...readOptions,
      ...(options.onReadProgress ? { onProgress: options.onReadProgress } : {}),
      ...(recordKeys ? { recordKeys } : {}),
    });
    if (extract.inputHash !== input.sha256) {
      throw new PrikkError('IO_ERROR', `${options.extract} changed while it was being released (its sha256 differs between two reads)`, {
        file: options.extract,
      });
    }
    const requests = resolveTableRequests(policy, extract, loaded.dir);
    const lifetime = policy.privacyBudget ? lossOfPolicy(policy.privacyBudget) : undefined;
    const budget = lifetime ? await DatasetBudget.open({ ledger: ledger.budgetLedger(), dataset: policy.dataset, lifetime, now }) : undefined;
    const spentBefore = budget ? budget.accountant.spent : undefined;
    const ctx: MethodContext = {
      extract,
      source: { path: options.extract, schema: policy.extract.schema, options: readOptions },
      policyDir: loaded.dir,
      symbols: {
        primary: policy.output?.symbols?.primary ?? '..',
        secondary: policy.output?.symbols?.secondary ?? '..',
        small: policy.output?.symbols?.small ?? '*',
      },
      decimals: policy.output?.decimals ?? 1,
      csvDelimiter: policy.output?.csvDelimiter ?? ';',
      random: options.random ?? cryptoRandomSource(),
      ...(options.insecureRandomForTesting !== undefined ? { insecureRandomForTesting: options.insecureRandomForTesting } : {}),
      ...(budget ? { budget } : {}),
      env: options.env ?? ((name) => process.env[name]),
      ...(signal ? { signal } : {}),
      ...(options.onSuppressionProgress ? { onSuppressionProgress: options.onSuppressionProgress } : {}),
    };

    progress('protect', `${requests.length} tables`);
    const outcomes = await protectTables(requests, ctx).catch((error: unknown) => {
      if (error instanceof PrikkError && error.code === 'BUDGET_EXCEEDED') {
        throw new PrikkError('BUDGET_EXCEEDED', `dataset '${policy.dataset}': ${error.message}. Nothing was released.`);
      }
      throw error;
    });

    progress('audit', 'this release with the earlier ones');
    const earlier = await earlierSuppressedTables(ledger, records);
    const current: AuditedRelease[] = [];
    outcomes.forEach((o, i) => {
      const rules = suppressionRulesOf(requests[i]!.policy);
      if (rules) current.push({ label: `this release/${o.released.name}`, table: o.released, cohort: cohortKey(requests[i]!.policy), rules });
    });
    const union = await releaseAudit([...earlier, ...current], { signal });
    if (union && !union.passed) {
      throw new PrikkError(
        'PROTECTION_FAILED',
        `the suppressed tables of this release, together with ${earlier.length} table(s) of earlier releases of dataset '${policy.dataset}', ` +
          `let ${union.failed} hidden cell(s) be recomputed or pinned (${union.scope}). Nothing was released. ` +
          'Release the tables with the same dimensions and hierarchies as before, or protect them in one release.',
      );
    }

    const spentNow = budget ? budget.accountant.records.map((r) => ({ label: r.label, loss: lossToJson(r.loss) })) : [];
    const budgetSummary: BudgetSummary | undefined =
      budget && lifetime && spentBefore
        ? {
            lifetime: lossToJson(lifetime),
            spentBefore: (await ledger.budgetLedger().entries(policy.dataset)).map((e) => lossToJson(e.loss)),
            spentNow: spentNow.map((s) => s.loss),
            description:
              `spent before: ${describeLoss(spentBefore)}; this release: ${spentNow.length === 0 ? 'nothing' : spentNow.map((s) => s.label).join(', ')}; ` +
              `spent after: ${describeLoss(budget.accountant.spent)} of ${describeLoss(lifetime)}; remaining: ${describeLoss(budget.accountant.remaining)}`,
          }
        : undefined;

    progress('render', `${outcomes.length} tables`);
    // A dp table's guarantee is about what the dp tables publish; exact tables of the same persons beside it are not
    // covered by it, and the reader must be told so.
    const hasDp = requests.some((r) => 'dp' in r.policy.method);
    const mixed = hasDp && requests.some((r) => !('dp' in r.policy.method));
    const tables = outcomes.map((o) =>
      mixed && o.released.method === 'dp' ? { ...o.released, notes: [...o.released.notes, DP_BESIDE_OTHERS] } : o.released,
    );
    const withhold = (policy.output?.reconciliation ?? (hasDp ? 'withhold' : 'show')) === 'withhold';
    const draft = {
      ...common,
      reconciliation: withhold ? { withheld: WITHHELD } : extract.reconciliation,
      tables: outcomes.map((o, i) => ({
        ...o.manifest,
        notes: tables[i]!.notes,
        ...(requests[i]!.filter ? { filter: describeFilter(requests[i]!.filter!) } : {}),
      })),
      ...(union ? { releaseAudit: { ...union, earlierReleases: new Set(earlier.map((e) => e.label.split('/')[0])).size } } : {}),
      ...(budgetSummary ? { budget: budgetSummary } : {}),
    };
    const { files, manifest } = await renderOutputs(
      tables,
      outcomes.map((o) => o.extraFiles ?? []),
      draft,
      policy.output,
    );

    progress('record', ledgerDir);
    const stored: ReleaseFile[] = [
      { path: STORED.manifest, content: `${JSON.stringify(manifest, null, 2)}\n` },
      { path: STORED.reconciliation, content: `${JSON.stringify(extract.reconciliation, null, 2)}\n` },
      ...tables.map((t) => ({ path: STORED.table(t.name), content: `${JSON.stringify(t)}\n` })),
      ...outcomes.flatMap((o) => (o.extraFiles ?? []).map((f) => ({ path: STORED.extra(f.path), content: f.content }))),
    ];
    const ledgerRecord = await ledger.append(
      {
        kind: 'release',
        at: createdAt,
        releaseId,
        requestFingerprint,
        recipient: policy.recipient,
        purpose: policy.purpose,
        ...(policy.agreement !== undefined ? { agreement: policy.agreement } : {}),
        inputSha256: input.sha256,
        policySha256: loaded.sha256,
        tables: outcomes.map((o) => ({
          name: o.released.name,
          method: o.released.method,
          ...(o.manifest.privacySpent ? { privacy: o.manifest.privacySpent.loss } : {}),
        })),
        spent: spentNow,
      },
      stored,
    );

    progress('write', options.out);
    const outDir = await writeReleaseFolder(options.out, files);
    return { manifest, tables, outDir, files: files.map((f) => f.path), reissued: false, ledgerRecord, reconciliation: extract.reconciliation };
  }, lockTimeoutMs !== undefined ? { timeoutMs: lockTimeoutMs } : {});
}

