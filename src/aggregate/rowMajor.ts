import { PrikkError } from '../errors/PrikkError.js';

/** Largest dense table prikk builds (cells over every node or leaf of every dimension): 2^27, about 1 GiB per value array. */
export const MAX_CELLS = 2 ** 27;

/**
 * The strides and cell count of a dense row-major array over `shape` (the last dimension varying fastest), the
 * layout of every prikk table: cell `i = Σ index[d] × strides[d]`.
 */
export function rowMajor(shape: readonly number[]): { strides: number[]; cellCount: number } {
  const strides = new Array<number>(shape.length);
  let cellCount = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = cellCount;
    cellCount *= shape[d]!;
  }
  return { strides, cellCount };
}

/** Throws `UNKNOWN_COLUMN` for a name in `coords` that is not one of the table's dimensions (`where` names the call). */
export function checkCoordNames(dimensions: readonly { readonly name: string }[], coords: Readonly<Record<string, string>>, where: string): void {
  for (const name of Object.keys(coords)) {
    if (!dimensions.some((d) => d.name === name)) throw new PrikkError('UNKNOWN_COLUMN', `${where}: '${name}' is not a dimension of this table`);
  }
}
