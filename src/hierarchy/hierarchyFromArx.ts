import { PrikkError } from '../errors/PrikkError.js';
import { checkTotal } from './checkHierarchyArgs.js';
import type { Hierarchy } from './Hierarchy.js';
import { hierarchyFromLevels } from './hierarchyFromLevels.js';
import { parseDelimited } from './parseDelimited.js';

/** Options for {@link hierarchyFromArx} and {@link readArxHierarchy}. */
export interface ArxHierarchyOptions {
  /** Label of the root. Defaults to the file's last column (ARX writes `*`); give e.g. `Total` to rename it. */
  readonly total?: string;
  /** Field separator, one character. Defaults to `;` (what ARX writes). */
  readonly delimiter?: string;
  /** Name of the text's origin (a file path) for error messages. Defaults to none (`readArxHierarchy` sets the path). */
  readonly source?: string;
}

/**
 * Reads a generalisation hierarchy in ARX's CSV format: one row per original value,
 * `value;level1;level2;...;*`, each column one generalisation level and the last column the root (ARX writes
 * `*`). This is the format of ARX's hierarchy files (Prasser & Kohlmayer, "Putting statistical disclosure control
 * into practice: The ARX data anonymization tool", 2015) and of the Adult benchmark hierarchies.
 *
 * The result has one leaf per row (in file order), `levelCount` = number of columns, and
 * `leafCountUnder(node)` = number of file rows whose cell at that level is the node, the count ARX's Loss metric
 * uses.
 *
 * Rows must have the same number of columns, the last column must hold one value (the root), and every node
 * (a label at a level) must have one parent. ARX files may reuse a label at two levels, e.g. `Male;Male;*`, or
 * a level-1 label equal to another row's value (`1;1;*`, `2;1;*`): labels must be unique in a hierarchy, so the
 * value keeps its label and the coarser node becomes `Male (level 1)`, with `Male` as its display label
 * (full-domain generalisation never puts two levels of one attribute in the same output, so this changes no
 * equivalence class). A label under two different parents at the same level is an error: a tree cannot hold it.
 * The Adult hierarchies reuse no label.
 *
 * Cost: O(text length + rows × columns).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad option; `MALFORMED_INPUT` for an unterminated quote;
 * `INVALID_SCHEMA` naming source, line and the conflict for an empty file, fewer than two columns, a ragged row,
 * two roots, an empty label, a repeated value, a value equal to the total, or a node with two parents.
 * @example
 * hierarchyFromArx('Male;*\nFemale;*\n', { total: 'Total' }).toJSON() // { Total: ['Male', 'Female'] }
 * const age = hierarchyFromArx('16;15-19;*\n17;15-19;*\n');
 * age.labels[age.ancestorAtLevel(age.leafOf('17'), 1)] // '15-19'
 */
export function hierarchyFromArx(text: string, options: ArxHierarchyOptions = {}): Hierarchy {
  const fn = 'hierarchyFromArx';
  if (typeof text !== 'string') throw new PrikkError('INVALID_ARGUMENT', `${fn}: text must be a string, got ${typeof text}`);
  const delimiter = options.delimiter ?? ';';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
  }
  const source = options.source;
  if (source !== undefined && typeof source !== 'string') {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.source must be a string, got ${typeof source}`);
  }
  if (options.total !== undefined) checkTotal(fn, options.total);

  const records = parseDelimited(text, delimiter, fn, source);
  const where = (r: number) => {
    const line = records[r]?.line;
    return source === undefined ? { line } : { file: source, line };
  };
  if (records.length === 0) {
    throw new PrikkError('INVALID_SCHEMA', `${fn}: the hierarchy is empty; expected rows like 'value;level1;*'`, source === undefined ? undefined : { file: source });
  }
  const first = records[0]!;
  const width = first.fields.length;
  if (width < 2) {
    throw new PrikkError('INVALID_SCHEMA', `${fn}: expected at least 2 columns (a value and the root), got ${width}; is the delimiter '${delimiter}'?`, where(0));
  }
  const root = first.fields[width - 1]!;
  for (let r = 0; r < records.length; r++) {
    const fields = records[r]!.fields;
    if (fields.length !== width) {
      throw new PrikkError('INVALID_SCHEMA', `${fn}: the row has ${fields.length} columns, expected ${width} as on line ${first.line}`, where(r));
    }
    if (fields[width - 1] !== root) {
      throw new PrikkError(
        'INVALID_SCHEMA',
        `${fn}: the last column is '${fields[width - 1]}' but '${root}' on line ${first.line}; the last column must be the one root`,
        where(r),
      );
    }
  }
  if (root === '') throw new PrikkError('INVALID_SCHEMA', `${fn}: the root (last column) is empty`, where(0));
  const total = options.total ?? root;
  return hierarchyFromLevels(
    records.map((rec) => rec.fields.slice(0, width - 1)),
    { fn, total, where, rowName: (r) => `line ${records[r]!.line}` },
  );
}
