import { PrikkError } from '../../errors/PrikkError.js';
import { PerturbationTable, type PerturbationRowInit, type PerturbationTableKind } from './PerturbationTable.js';

/** Options of {@link parsePTable}. */
export interface ParsePTableOptions {
  /** Defaults to `ptable`. Named in error messages and kept as the table's `source` (a file path, usually). */
  readonly source?: string;
  /** Defaults to `counts`. */
  readonly kind?: PerturbationTableKind;
  /**
   * Defaults to `all`. For a magnitudes table exported with a `type` column (`all`, `even`, `odd`, `small_cells`):
   * which rows to take. Ignored when there is no `type` column.
   */
  readonly type?: string;
}

/** Header names of the upper-bound column, by format: tau-ARGUS, the ptable package's export, a plain name. */
const UB_NAMES = ['p_ij_ub', 'p_int_ub', 'ub'];
const KNOWN = new Set(['i', 'j', 'p', 'v', 'diff', 'p_int_lb', 'p_ij_lb', 'lb', 'type', ...UB_NAMES]);

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).trim() : f;
}

/**
 * Parses a perturbation table in the text formats of tau-ARGUS and the R package ptable:
 * - tau-ARGUS (`PTable::ReadFromFreqFile`): `;`-separated, a header line, then `i;j;p;v;p_ij_ub` per entry, names
 *   quoted or not (as in `tau_testW_ptable.txt`);
 * - ptable's `pt_export()` (R/pt_export.R): `;`-separated, columns `i;j;p;v;p_int_ub` for tau-ARGUS, or
 *   `i;j;p;v;p_int_lb;p_int_ub` for SAS, plus `type` for magnitude tables; written with `format(digits = 8)`, so
 *   fields may be padded with spaces.
 * Columns are found by header name (case-insensitive, quotes and spaces trimmed), in any order; `,` is accepted as
 * the separator when the header has no `;`. Required: `i`, `j` and an upper bound (`p_ij_ub`, `p_int_ub` or `ub`);
 * `p` defaults to the differences of the bounds; `v` (or `diff`), when present, must equal `j - i`; a lower bound
 * column, when present, must equal the previous upper bound. Entries are grouped by `i` in file order; blank lines
 * are skipped.
 *
 * Cost: O(text length).
 *
 * @throws {PrikkError} `MALFORMED_INPUT` naming the source and line for a missing column, a field that is not a
 * number, an inconsistent `v` or lower bound, or entries of one i that are not contiguous; `INVALID_ARGUMENT` as
 * the {@link PerturbationTable} constructor for a table that is not a valid set of distributions.
 * @example
 * const t = parsePTable('"i";"j";"p";"v";"p_ij_ub"\n0;0;1;0;1\n1;0;0.5;-1;0.5\n1;2;0.5;1;1\n');
 * t.maxI              // 1
 * t.noiseOfCount(1, 0.7) // 1
 */
export function parsePTable(text: string, options: ParsePTableOptions = {}): PerturbationTable {
  const source = options.source ?? 'ptable';
  const kind = options.kind ?? 'counts';
  const wantType = options.type ?? 'all';
  if (typeof text !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'parsePTable: expected the table as a string');
  if (typeof source !== 'string' || source === '') throw new PrikkError('INVALID_ARGUMENT', 'parsePTable: source must be a non-empty string');
  if (typeof wantType !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'parsePTable: type must be a string');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let headerLine = lines.findIndex((l) => l.trim() !== '');
  if (headerLine < 0) throw new PrikkError('MALFORMED_INPUT', 'parsePTable: the table is empty', { file: source });
  const header = lines[headerLine]!;
  const sep = header.includes(';') ? ';' : ',';
  const names = header.split(sep).map((h) => unquote(h).toLowerCase());
  const fail = (line: number, message: string): PrikkError => new PrikkError('MALFORMED_INPUT', `parsePTable: ${message}`, { file: source, line });
  for (const n of names) {
    if (!KNOWN.has(n)) throw fail(headerLine + 1, `unknown column '${n}' in the header (expected i, j, p, v, p_ij_ub or p_int_ub, p_int_lb, type)`);
  }
  const col = (...candidates: string[]): number => names.findIndex((n) => candidates.includes(n));
  const ci = col('i');
  const cj = col('j');
  const cp = col('p');
  const cv = col('v', 'diff');
  const cub = col(...UB_NAMES);
  const clb = col('p_int_lb', 'p_ij_lb', 'lb');
  const ctype = col('type');
  if (ci < 0 || cj < 0 || cub < 0) {
    throw fail(headerLine + 1, `the header needs columns i, j and an upper bound (p_ij_ub or p_int_ub); it has ${names.join(', ')}`);
  }
  headerLine++;

  const rows: PerturbationRowInit[] = [];
  const seen = new Set<number>();
  let current: { i: number; j: number[]; p: number[]; ub: number[] } | undefined;
  const typesSeen = new Set<string>();
  for (let l = headerLine; l < lines.length; l++) {
    const raw = lines[l]!;
    if (raw.trim() === '') continue;
    const lineNo = l + 1;
    const fields = raw.split(sep).map(unquote);
    if (fields.length !== names.length) throw fail(lineNo, `expected ${names.length} fields (as in the header), found ${fields.length}`);
    if (ctype >= 0) {
      const type = fields[ctype]!;
      typesSeen.add(type);
      if (type !== wantType) continue;
    }
    const num = (c: number, what: string): number => {
      const f = fields[c]!;
      const x = f === '' ? Number.NaN : Number(f);
      if (!Number.isFinite(x)) throw fail(lineNo, `${what} must be a number, got '${f.slice(0, 40)}'`);
      return x;
    };
    const i = num(ci, 'i');
    const j = num(cj, 'j');
    const ub = num(cub, names[cub]!);
    if (cv >= 0) {
      const v = num(cv, names[cv]!);
      if (Math.abs(v - (j - i)) > 1e-9) throw fail(lineNo, `${names[cv]} = ${v} but j - i = ${j - i}`);
    }
    if (current === undefined || current.i !== i) {
      if (seen.has(i)) throw fail(lineNo, `the entries of i = ${i} are not contiguous`);
      seen.add(i);
      current = { i, j: [], p: [], ub: [] };
      rows.push(current);
    }
    const prevUb = current.ub.length > 0 ? current.ub[current.ub.length - 1]! : 0;
    if (clb >= 0) {
      const lb = num(clb, names[clb]!);
      if (Math.abs(lb - prevUb) > 1e-6) throw fail(lineNo, `the lower bound ${lb} is not the previous upper bound ${prevUb}`);
    }
    const p = cp >= 0 ? num(cp, 'p') : ub - prevUb;
    current.j.push(j);
    current.p.push(p);
    current.ub.push(ub);
  }
  if (ctype >= 0 && !typesSeen.has(wantType)) {
    throw new PrikkError('MALFORMED_INPUT', `parsePTable: no rows of type '${wantType}' (the table has ${[...typesSeen].join(', ') || 'none'})`, { file: source });
  }
  return new PerturbationTable({ kind, source, rows });
}
