import { formatLedgerRecords } from '../../ledger/formatLedgerRecords.js';
import { formatLedgerSummary } from '../../ledger/formatLedgerSummary.js';
import { readLedgerRecords } from '../../ledger/readLedgerRecords.js';
import { summariseLedgers } from '../../ledger/summariseLedgers.js';
import { verifyLedger } from '../../ledger/verifyLedger.js';
import { EXIT } from '../exitCodes.js';
import type { Command } from '../main.js';
import { parseFlags } from '../parseFlags.js';
import { UsageError } from '../UsageError.js';

const HELP = `Usage: prikk ledger <ledger-folder> [--dataset <name>] [--verify] [--json]

Lists what was released from each dataset of a ledger folder: releases and re-issues, recipients, and the privacy
budget spent. With --dataset, one line per release of that dataset. With --verify, checks every dataset's hash
chain and stored releases and fails (exit 4) when anything was altered.

Options:
  --dataset <name>  list the releases of one dataset
  --verify          verify the hash chains and the stored files (with --json, its lines go to stderr)
  --json            print JSON instead of text

Exit codes: 0 done (and verified), 1 bad input, 2 bad command line, 4 a ledger does not verify.`;

/** `prikk ledger`: releases and budget spent per dataset; `--verify` checks the hash chains. */
export const ledgerCommand: Command = {
  summary: 'list releases and privacy budget spent per dataset, and verify the ledger',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      dataset: { type: 'string' },
      verify: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one ledger folder');
    const dir = positionals[0]!;
    const summaries = await summariseLedgers(dir);
    let ok = true;
    if (values.verify) {
      const datasets = values.dataset !== undefined ? [values.dataset] : summaries.map((s) => s.dataset);
      for (const dataset of datasets) {
        const v = await verifyLedger({ dir, dataset });
        ok &&= v.ok;
        // With --json, stdout holds one JSON document; the verification is for people (the exit code for scripts).
        const say = values.json ? io.err : io.out;
        const where = v.line === undefined ? '' : v.file === undefined || v.file === 'ledger.jsonl' ? ` at line ${v.line} of ledger.jsonl` : ` at ${v.file} (ledger line ${v.line})`;
        say(`${dataset}: ${v.ok ? `verified (${v.records} lines)` : `DOES NOT VERIFY${where}: ${v.problem ?? 'unknown problem'}`}`);
        if (v.unlisted.length > 0) {
          say(
            `${dataset}: ${v.unlisted.length} stored file(s) that no ledger line lists (left by a crash before recording, or ` +
              `the last lines were removed): ${v.unlisted.slice(0, 5).join(', ')}${v.unlisted.length > 5 ? ', ...' : ''}`,
          );
        }
      }
    }
    if (values.dataset !== undefined) {
      const records = await readLedgerRecords({ dir, dataset: values.dataset });
      io.out(values.json ? JSON.stringify(records, null, 2) : formatLedgerRecords(records));
    } else {
      io.out(values.json ? JSON.stringify(summaries, null, 2) : formatLedgerSummary(summaries));
    }
    return ok ? EXIT.ok : EXIT.refused;
  },
};
