import { writeFile } from 'node:fs/promises';
import { formatInspection } from '../../read/formatInspection.js';
import { inferSchema } from '../../read/inferSchema.js';
import { CSV_FLAG_HELP, CSV_FLAG_OPTIONS, csvOptionsFromFlags } from '../csvOptionsFromFlags.js';
import { EXIT } from '../exitCodes.js';
import type { Command } from '../main.js';
import { parseFlags } from '../parseFlags.js';
import { UsageError } from '../UsageError.js';

const HELP = `Usage: prikk inspect <extract.csv> [options]

Describes an extract: the CSV dialect, and per column the inferred type and role, distinct and missing counts,
and (for columns that do not look like person ids) ranges and a few example values. Prints a schema to start
from; check every role and type before using it.

Options:
  --schema-out <file>   write the suggested schema as JSON
  --json                print the whole report as JSON instead of text
  --max-rows <n>        inspect at most n data rows
${CSV_FLAG_HELP}

Exit codes: 0 done, 1 unreadable or malformed input, 2 bad command line.`;

/** `prikk inspect`: what the reader would infer from an extract, to help write its schema. */
export const inspectCommand: Command = {
  summary: 'describe an extract and suggest a schema (types, distinct and missing counts)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      'schema-out': { type: 'string' },
      json: { type: 'boolean' },
      'max-rows': { type: 'string' },
      ...CSV_FLAG_OPTIONS,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one extract file');
    const maxRows = values['max-rows'] === undefined ? undefined : Number(values['max-rows']);
    if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows > 0)) {
      throw new UsageError(`--max-rows must be a positive integer, got "${values['max-rows']}"`);
    }
    const report = await inferSchema(positionals[0]!, {
      ...csvOptionsFromFlags(values),
      ...(maxRows !== undefined ? { maxRows } : {}),
    });
    io.out(values.json ? JSON.stringify(report, null, 2) : formatInspection(report));
    if (values['schema-out']) {
      await writeFile(values['schema-out'], `${JSON.stringify(report.schema, null, 2)}\n`);
      io.err(`wrote ${values['schema-out']}`);
    }
    return EXIT.ok;
  },
};
