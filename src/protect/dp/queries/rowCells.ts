import { compileFilter } from '../../../aggregate/compileFilter.js';
import type { Filter } from '../../../aggregate/Filter.js';
import { finestCells } from '../../../aggregate/finestCells.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { CodeColumn, Column, Extract } from '../../../read/Extract.js';
import type { DpCube } from './DpCube.js';

/** A checked dimension: the extract's column and the cube dimension it fills. */
export interface RowDimension {
  readonly name: string;
  readonly column: Column;
}

/**
 * Looks a column up for a DP query.
 * @throws {PrikkError} `UNKNOWN_COLUMN` naming the query and field.
 */
export function columnOf(extract: Extract, name: string, where: string): Column {
  const c = extract.columns.get(name);
  if (c) return c;
  if (extract.person && extract.person.name === name) {
    throw new PrikkError('UNKNOWN_COLUMN', `${where}: '${name}' is the person column, which cannot be used here`);
  }
  throw new PrikkError('UNKNOWN_COLUMN', `${where}: the extract has no column '${name}'`);
}

/** A compiled filter's mask function (validated before any row is read), or undefined. */
export function filterMask(extract: Extract, filter: Filter | undefined, where: string): (() => Uint8Array) | undefined {
  if (filter === undefined) return undefined;
  try {
    const compiled = compileFilter(filter, extract, `${where}: filter`);
    return () => compiled.mask();
  } catch (e) {
    if (e instanceof PrikkError) throw e;
    throw new PrikkError('INVALID_ARGUMENT', `${where}: filter: ${(e as Error).message}`);
  }
}

/** Marks a code that is not a key: any sum of offsets that includes it stays negative. */
const NOT_A_KEY = -(2 ** 30);

/**
 * The finest cube cell of every row (`cube.cellCount` marks a row that is not counted): rows removed by the filter
 * and rows whose value is not a key of the dimension are dropped silently (they are not released, and saying that
 * they exist would itself leak). With no dimensions, every kept row is in cell 0.
 *
 * Up to three code columns are classified in one fused pass over lookup tables (code → leaf × stride, or a large
 * negative number for a code that is not a key); other layouts go through the aggregation core's `finestCells`.
 *
 * Cost: O(rows × dimensions).
 */
export function rowCells(extract: Extract, cube: DpCube, dims: readonly RowDimension[], mask: Uint8Array | undefined): Uint32Array {
  const n = extract.rowCount;
  const trash = cube.cellCount;
  if (dims.length === 0) {
    const cells = new Uint32Array(n);
    if (mask) for (let i = 0; i < n; i++) cells[i] = mask[i] === 1 ? 0 : trash;
    return cells;
  }
  if (dims.length <= 3 && dims.every((d) => d.column.kind === 'code')) {
    const tables = dims.map((d, k) => {
      const column = d.column as CodeColumn;
      const h = cube.dimensions[k]!.hierarchy;
      const stride = cube.strides[k]!;
      return { codes: column.codes, offset: Int32Array.from(column.dictionary, (label) => (h.leafOf(label) < 0 ? NOT_A_KEY : h.leafOf(label) * stride)) };
    });
    const cells = new Uint32Array(n);
    const t0 = tables[0]!;
    const t1 = tables[1];
    const t2 = tables[2];
    // Readable: cells[i] = Σ_d offset_d[codes_d[i]], or trash when a code is not a key or the filter removed the row.
    if (t2 && t1) {
      const [c0, o0, c1, o1, c2, o2] = [t0.codes, t0.offset, t1.codes, t1.offset, t2.codes, t2.offset];
      for (let i = 0; i < n; i++) {
        const c = o0[c0[i]!]! + o1[c1[i]!]! + o2[c2[i]!]!;
        cells[i] = c < 0 ? trash : c;
      }
    } else if (t1) {
      const [c0, o0, c1, o1] = [t0.codes, t0.offset, t1.codes, t1.offset];
      for (let i = 0; i < n; i++) {
        const c = o0[c0[i]!]! + o1[c1[i]!]!;
        cells[i] = c < 0 ? trash : c;
      }
    } else {
      const [c0, o0] = [t0.codes, t0.offset];
      for (let i = 0; i < n; i++) {
        const c = o0[c0[i]!]!;
        cells[i] = c < 0 ? trash : c;
      }
    }
    if (mask) for (let i = 0; i < n; i++) if (mask[i] === 0) cells[i] = trash;
    return cells;
  }
  const inputs = dims.map((d, i) => ({ name: d.name, column: d.column, hierarchy: cube.dimensions[i]!.hierarchy }));
  return finestCells(inputs, cube.strides, cube.cellCount, n, mask, 'exclude').cells;
}
