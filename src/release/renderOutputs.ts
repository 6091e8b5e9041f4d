import type { OutputPolicy } from '../policy/ReleasePolicy.js';
import { sha256Hex } from './hashFile.js';
import type { ReleaseManifest, TableManifest } from './manifest/ReleaseManifest.js';
import type { ReleasedTable } from './ReleasedTable.js';
import { renderReport } from './report/renderReport.js';
import { formatCsv, formatCsvNotes } from './writers/formatCsv.js';
import { formatJson } from './writers/formatJson.js';
import { formatXlsx } from './writers/formatXlsx.js';

/** One file of a release folder. */
export interface ReleaseFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** Every output format, the default. */
export const ALL_FORMATS = ['csv', 'json', 'xlsx', 'html'] as const;

/**
 * Renders a release's files from its protected tables: per table `<name>.csv` + `<name>.notes.txt`, `<name>.json`,
 * the tables' extra files (k-anonymity's records), one `tables.xlsx`, `report.html`, and `manifest.json` listing
 * every other file's sha256 (per table in `tables[i].files`, all in `outputs`).
 *
 * Cost: linear in the cells; the XLSX writer dominates.
 *
 * @example
 * const { files, manifest } = await renderOutputs(tables, extraFiles, draft, policy.output);
 * files.map((f) => f.path) // ['by_hospital.csv', 'by_hospital.notes.txt', 'by_hospital.json', 'tables.xlsx', 'report.html', 'manifest.json']
 */
export async function renderOutputs(
  tables: readonly ReleasedTable[],
  extraFiles: readonly (readonly ReleaseFile[])[],
  draft: Omit<ReleaseManifest, 'outputs' | 'tables'> & { readonly tables: readonly Omit<TableManifest, 'files'>[] },
  output: OutputPolicy | undefined,
): Promise<{ readonly files: readonly ReleaseFile[]; readonly manifest: ReleaseManifest }> {
  const formats = new Set(output?.formats ?? ALL_FORMATS);
  const delimiter = output?.csvDelimiter ?? ';';
  const decimalMark = output?.decimalMark ?? (delimiter === ';' ? ',' : '.');
  const files: ReleaseFile[] = [];
  const perTable: { path: string; sha256: string }[][] = tables.map(() => []);
  const add = (file: ReleaseFile, table?: number): void => {
    files.push(file);
    if (table !== undefined) perTable[table]!.push({ path: file.path, sha256: sha256Hex(file.content) });
  };
  tables.forEach((t, i) => {
    if (formats.has('csv')) {
      add({ path: `${t.name}.csv`, content: formatCsv(t, { delimiter, decimalMark }) }, i);
      add({ path: `${t.name}.notes.txt`, content: formatCsvNotes(t) }, i);
    }
    if (formats.has('json')) add({ path: `${t.name}.json`, content: formatJson(t) }, i);
    for (const extra of extraFiles[i] ?? []) add(extra, i);
  });
  if (formats.has('xlsx')) {
    const about: [string, string][] = [
      ['Dataset', draft.dataset],
      ['Recipient', draft.recipient],
      ['Purpose', draft.purpose],
      ...(draft.agreement ? [['Agreement', draft.agreement] as [string, string]] : []),
      ['Release', draft.releaseId],
      ...(draft.reissueOf ? [['Re-issue of', draft.reissueOf] as [string, string]] : []),
      ['Created', draft.createdAt],
      ['Input sha256', draft.input.sha256],
      ['prikk version', draft.prikkVersion],
    ];
    add({ path: 'tables.xlsx', content: await formatXlsx(tables, { about, createdAt: new Date(draft.createdAt) }) });
  }
  const tableManifests: TableManifest[] = draft.tables.map((t, i) => ({ ...t, files: perTable[i]! }));
  const withoutReport: ReleaseManifest = {
    ...draft,
    tables: tableManifests,
    outputs: files.map((f) => ({ path: f.path, sha256: sha256Hex(f.content) })),
  };
  if (formats.has('html')) add({ path: 'report.html', content: renderReport({ manifest: withoutReport, tables }) });
  const manifest: ReleaseManifest = { ...withoutReport, outputs: files.map((f) => ({ path: f.path, sha256: sha256Hex(f.content) })) };
  files.push({ path: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` });
  return { files, manifest };
}
