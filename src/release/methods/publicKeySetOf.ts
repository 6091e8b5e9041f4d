import { PrikkError } from '../../errors/PrikkError.js';
import { PublicKeySet } from '../../protect/dp/keys/PublicKeySet.js';
import type { Extract } from '../../read/Extract.js';
import type { TableRequest } from './TableRequest.js';

/**
 * The public key set of a DP table's dimension: every key a DP table releases (empty ones too, with noise), so the
 * keys must not come from the data (Tumult Analytics' KeySet; Desfontaines et al. on partition selection). Accepted:
 * - a hierarchy whose spec lists its leaves (`arx` file, `parentChild` pairs), `municipality` with `allCodes`, or
 *   `intervals` with `bands` or both `min` and `max` (public bounds);
 * - any hierarchy (a spec of type `flat`, `prefix`, `icd10`, `municipality`, or none) whose leaves are exactly the
 *   column's public code list from the schema (`ColumnSpec.codes`).
 * Everything else (codes found in the data, interval bands fitted to the data's range, a spec given only by its
 * name) is refused.
 *
 * Cost: O(leaves).
 *
 * @throws {PrikkError} `UNKNOWN_COLUMN` for a column the extract lacks; `INVALID_ARGUMENT` for keys that are not
 * public (the message says how to make them public).
 * @example
 * publicKeySetOf({ column: 'sex', hierarchy: undefined, spec: undefined }, extract).keys // ['1', '2'] (schema codes)
 */
export function publicKeySetOf(dimension: TableRequest['dimensions'][number], extract: Extract): PublicKeySet {
  const where = `protectDp: dimension '${dimension.column}'`;
  const column = extract.columns.get(dimension.column);
  if (!column) throw new PrikkError('UNKNOWN_COLUMN', `${where}: the extract has no column '${dimension.column}'`, { column: dimension.column });
  const spec = dimension.spec as { readonly type?: unknown; readonly allCodes?: unknown; readonly bands?: unknown; readonly min?: unknown; readonly max?: unknown } | undefined;
  const codeList = column.kind === 'code' && column.fromCodeList ? column.dictionary : undefined;
  const h = dimension.hierarchy;
  if (h === undefined) {
    if (codeList) return PublicKeySet.fromSchema(extract, dimension.column);
  } else {
    // Leaves from the spec or a published list, never from the data.
    const s = typeof spec === 'object' && spec !== null ? spec : undefined;
    const publicSpec =
      s !== undefined &&
      (s.type === 'arx' ||
        s.type === 'parentChild' ||
        (s.type === 'municipality' && s.allCodes === true) ||
        (s.type === 'intervals' && (s.bands !== undefined || (s.min !== undefined && s.max !== undefined))));
    if (publicSpec) return PublicKeySet.fromHierarchy(h);
    if (codeList && codeList.length === h.leafCount && codeList.every((c) => h.leafOf(c) >= 0)) return PublicKeySet.fromHierarchy(h);
  }
  throw new PrikkError(
    'INVALID_ARGUMENT',
    `${where}: its keys would come from the data, which a differentially private table must not publish; give the column a public code list in the schema (codes), or a hierarchy whose leaves are public (an arx or parentChild hierarchy, municipality with allCodes, intervals with min and max)`,
  );
}
