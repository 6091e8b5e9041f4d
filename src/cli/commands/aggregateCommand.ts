import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { aggregate } from '../../aggregate/aggregate.js';
import type { DimensionSpec } from '../../aggregate/AggregateOptions.js';
import { cellTableToJson } from '../../aggregate/cellTableToJson.js';
import type { Filter } from '../../aggregate/Filter.js';
import type { PersonRow } from '../../aggregate/PersonRow.js';
import { buildHierarchy } from '../../hierarchy/buildHierarchy.js';
import type { HierarchySpec } from '../../hierarchy/HierarchySpec.js';
import type { Extract } from '../../read/Extract.js';
import { readCsv } from '../../read/readCsv.js';
import type { Schema } from '../../read/Schema.js';
import { formatTextTable } from '../../release/formatTextTable.js';
import { formatReconciliation } from '../../release/formatReconciliation.js';
import { CSV_FLAG_HELP, CSV_FLAG_OPTIONS, csvOptionsFromFlags } from '../csvOptionsFromFlags.js';
import { EXIT } from '../exitCodes.js';
import type { Command } from '../main.js';
import { parseFlags } from '../parseFlags.js';
import { readJsonFile } from '../readJsonFile.js';
import { UsageError } from '../UsageError.js';

const HELP = `Usage: prikk aggregate <extract.csv> --schema <schema.json> --by <col,col,...> [options]

Counts rows and distinct persons (and sums measures) over every combination of every hierarchy level of the
chosen dimensions, all margins up to the grand total. The result is NOT protected: it is for the analyst's own
eyes, never for release (use 'prikk release' with a policy for that).

Options:
  --schema <file>         the extract's schema (JSON: { "columns": [...] })   (required)
  --by <cols>             dimensions, comma-separated                          (required)
  --hierarchy <col=file>  a hierarchy for a dimension, as a JSON hierarchy spec, e.g.
                          {"type":"intervals","min":0,"max":100,"width":5,"levels":[10]} (repeatable)
  --measure <col>         a measure to sum (repeatable)
  --unit <u>              persons (default when the schema has a person column) or rows
  --filter <json|file>    a cohort filter, e.g. '{"column":"age","range":{"min":65}}'
  --person-row <k[:col]>  count each person once, in the cell of their first or last row (k = first | last),
                          ordered by a numeric column, e.g. first:year (after the filter)
  --json <file>           also write the cell table as JSON (prikk.cell-table/1)
  --skip-empty            leave out cells with no rows
  --max-cells <n>         print at most n cells
${CSV_FLAG_HELP}

Exit codes: 0 done, 1 bad input, 2 bad command line.`;

/** `prikk aggregate`: an unprotected cell table of an extract, printed for the analyst. */
export const aggregateCommand: Command = {
  summary: 'count and sum an extract over dimensions with all margins (unprotected, for inspection)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      schema: { type: 'string' },
      by: { type: 'string' },
      hierarchy: { type: 'string', multiple: true },
      measure: { type: 'string', multiple: true },
      unit: { type: 'string' },
      filter: { type: 'string' },
      'person-row': { type: 'string' },
      json: { type: 'string' },
      'skip-empty': { type: 'boolean' },
      'max-cells': { type: 'string' },
      ...CSV_FLAG_OPTIONS,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one extract file');
    if (!values.schema) throw new UsageError('--schema is required');
    if (!values.by) throw new UsageError('--by is required');
    if (values.unit !== undefined && values.unit !== 'rows' && values.unit !== 'persons') {
      throw new UsageError(`--unit must be persons or rows, got "${values.unit}"`);
    }
    const maxCells = values['max-cells'] === undefined ? undefined : Number(values['max-cells']);
    if (maxCells !== undefined && !(Number.isInteger(maxCells) && maxCells > 0)) {
      throw new UsageError(`--max-cells must be a positive integer, got "${values['max-cells']}"`);
    }
    const columns = values.by.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const hierarchyFiles = new Map<string, string>();
    for (const h of values.hierarchy ?? []) {
      const eq = h.indexOf('=');
      if (eq <= 0) throw new UsageError(`--hierarchy expects <column>=<file>, got "${h}"`);
      hierarchyFiles.set(h.slice(0, eq), h.slice(eq + 1));
    }
    for (const column of hierarchyFiles.keys()) {
      if (!columns.includes(column)) throw new UsageError(`--hierarchy names '${column}', which is not in --by`);
    }

    const schema = (await readJsonFile(values.schema, 'schema')) as Schema;
    const filter = values.filter === undefined ? undefined : await parseFilter(values.filter);
    const extract = await readCsv(positionals[0]!, schema, csvOptionsFromFlags(values));
    const dimensions: (string | DimensionSpec)[] = [];
    for (const column of columns) {
      const file = hierarchyFiles.get(column);
      if (file === undefined) {
        dimensions.push(column);
        continue;
      }
      const spec = (await readJsonFile(file, 'hierarchy')) as HierarchySpec;
      dimensions.push({ column, hierarchy: buildHierarchy(spec, columnValues(extract, column), { baseDir: dirname(resolve(file)) }) });
    }
    const measures = values.measure ?? [];
    const personRow = values['person-row'] === undefined ? undefined : parsePersonRow(values['person-row']);
    const table = aggregate(extract, {
      dimensions,
      measures,
      ...(values.unit !== undefined ? { unit: values.unit as 'rows' | 'persons' } : {}),
      ...(filter !== undefined ? { filter } : {}),
      ...(personRow !== undefined ? { personRow } : {}),
    });
    io.err('UNPROTECTED: these are raw counts for the analyst; nothing here is safe to release as it is.');
    io.out(
      formatTextTable(table, {
        values: [...(table.persons ? ['persons'] : []), 'rows', ...measures.flatMap((m) => [`sum:${m}`, `mean:${m}`])],
        skipEmpty: values['skip-empty'] ?? false,
        ...(maxCells !== undefined ? { maxCells } : {}),
      }),
    );
    if (table.reconciliation) io.err(formatReconciliation(table.reconciliation));
    if (values.json) {
      await writeFile(values.json, `${JSON.stringify(cellTableToJson(table))}\n`);
      io.err(`wrote ${values.json}`);
    }
    return EXIT.ok;
  },
};

async function parseFilter(text: string): Promise<Filter> {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as Filter;
    } catch (error) {
      throw new UsageError(`--filter is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return (await readJsonFile(text, 'filter')) as Filter;
}

/** `first`, `last`, `first:year`, `last:date_of_surgery` -> a {@link PersonRow}. */
function parsePersonRow(text: string): PersonRow {
  const [keep, orderBy, extra] = text.split(':');
  if ((keep !== 'first' && keep !== 'last') || extra !== undefined || orderBy === '') {
    throw new UsageError(`--person-row expects first or last, optionally with :<column>, got "${text}"`);
  }
  return orderBy === undefined ? { keep } : { keep, orderBy };
}

function columnValues(extract: Extract, column: string): readonly string[] | Float64Array {
  const c = extract.columns.get(column);
  if (!c) throw new UsageError(`--hierarchy names '${column}', which is not a column of the extract`);
  return c.kind === 'code' ? c.dictionary : c.values;
}
