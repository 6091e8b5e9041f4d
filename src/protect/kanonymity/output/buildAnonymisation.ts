import type { ResolvedAnonymiseOptions } from '../checkAnonymiseOptions.js';
import type { Microdata } from '../Microdata.js';
import { describeModel } from '../models/describeModel.js';
import type { NodeClasses } from '../search/NodeEvaluator.js';
import type { Anonymisation, SearchReport } from './Anonymisation.js';
import { AnonymisedRecords, type AnonymisedColumn } from './AnonymisedRecords.js';

/** What {@link buildAnonymisation} assembles. */
export interface AnonymisationParts {
  readonly data: Microdata;
  readonly options: ResolvedAnonymiseOptions;
  readonly levels: Uint8Array;
  /** The chosen node's classes, evaluated from the base snapshot (distinct records). */
  readonly chosen: NodeClasses;
  /** Base class (distinct record) of each record. */
  readonly atomOfRecord: Int32Array;
  readonly maxSuppressed: number;
  readonly search: SearchReport;
}

/**
 * Builds the immutable result of `anonymise` from the chosen transformation: the generalised records row by row,
 * the summary and the search report. Internal. Cost O(rows + classes); the generalised columns are built when
 * first read, O(rows × d).
 *
 * @example
 * buildAnonymisation(parts).summary.suppressedRecords // the records of the chosen node's violating classes
 */
export function buildAnonymisation(parts: AnonymisationParts): Anonymisation {
  const { data, options, levels, chosen, atomOfRecord, maxSuppressed } = parts;
  const rows = data.rowCount;
  const classCount = chosen.snapshot.classCount;

  // Kept classes renumbered 0 .. kept − 1 in class order.
  const keptIndex = new Int32Array(classCount).fill(-1);
  let kept = 0;
  let minSize = Number.POSITIVE_INFINITY;
  let keptRecords = 0;
  for (let c = 0; c < classCount; c++) {
    if (chosen.violating[c]) continue;
    keptIndex[c] = kept++;
    const size = chosen.snapshot.counts[c]!;
    keptRecords += size;
    if (size < minSize) minSize = size;
  }

  // Kept class per record, then per row.
  const recordCount = data.recordCount;
  const keptOfRecord = new Int32Array(recordCount);
  for (let i = 0; i < recordCount; i++) keptOfRecord[i] = keptIndex[chosen.classOf[atomOfRecord[i]!]!]!;
  const recordOfRow = data.recordOfRow;
  const suppressed = new Uint8Array(rows);
  const classOfRow = new Int32Array(rows);
  let suppressedRows = 0;
  for (let r = 0; r < rows; r++) {
    const k = keptOfRecord[recordOfRow ? recordOfRow[r]! : r]!;
    classOfRow[r] = k;
    if (k < 0) {
      suppressed[r] = 1;
      suppressedRows++;
    }
  }

  const columns = (): AnonymisedColumn[] => data.hierarchies.map((h, j) => {
    const level = levels[j]!;
    const dictionaryOfNode = new Int32Array(h.size).fill(-1);
    const dictionary: string[] = [];
    for (let node = 0; node < h.size; node++) {
      if (h.levelOf(node) === level) {
        dictionaryOfNode[node] = dictionary.length;
        dictionary.push(h.displayLabels[node]!);
      }
    }
    const suppressedCode = dictionary.length;
    dictionary.push(options.suppressedLabel);
    // Code of each value, then per row (a person's rows share their values).
    const map = h.levelMaps[level]!;
    const leaves = data.leafOfValue[j]!;
    const ofValue = new Uint32Array(leaves.length);
    for (let v = 0; v < leaves.length; v++) if (leaves[v]! >= 0) ofValue[v] = dictionaryOfNode[map[leaves[v]!]!]!;
    const values = data.valueCodes[j]!;
    const codes = new Uint32Array(rows);
    for (let r = 0; r < rows; r++) codes[r] = suppressed[r] ? suppressedCode : ofValue[values[r]!]!;
    return Object.freeze({ name: data.names[j]!, dictionary: Object.freeze(dictionary), codes });
  });
  const sensitive = (): AnonymisedColumn | undefined => {
    if (!data.sensitive || !data.sensitiveContext) return undefined;
    const perRecord = data.sensitive;
    const codes = recordOfRow ? Uint32Array.from(recordOfRow, (i) => perRecord[i]!) : perRecord.slice();
    return Object.freeze({ name: data.sensitiveName!, dictionary: data.sensitiveContext.labels, codes });
  };
  const records = new AnonymisedRecords({
    rowCount: rows,
    quasiIdentifiers: columns,
    sensitive,
    suppressed,
    classOfRow,
    person: data.recordOfRow,
  });

  const levelList = Object.freeze(Array.from(levels));
  const levelRecord: Record<string, number> = {};
  data.names.forEach((name, j) => (levelRecord[name] = levels[j]!));
  const summary = Object.freeze({
    quasiIdentifiers: data.names,
    levels: Object.freeze(levelRecord),
    records: data.recordCount,
    rows,
    suppressedRecords: chosen.suppressed,
    suppressedRows,
    allowedSuppressed: maxSuppressed,
    classes: kept,
    minClassSize: kept === 0 ? 0 : minSize,
    averageClassSize: kept === 0 ? 0 : keptRecords / kept,
    metrics: chosen.metrics,
    metric: options.metric,
    suppressionLimit: options.suppressionLimit,
    models: Object.freeze(options.models.map(describeModel)),
  });
  return Object.freeze({
    levels: levelList,
    hierarchies: data.hierarchies,
    models: options.models,
    summary,
    search: Object.freeze(parts.search),
    records,
  });
}
