import { buildHierarchy } from '../hierarchy/buildHierarchy.js';
import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import type { HierarchySpec } from '../hierarchy/HierarchySpec.js';
import { PrikkError } from '../errors/PrikkError.js';
import type { ReleasePolicy, TablePolicy } from '../policy/ReleasePolicy.js';
import type { Extract } from '../read/Extract.js';
import type { TableRequest } from './methods/TableRequest.js';

/**
 * Turns the policy's tables into {@link TableRequest}s: hierarchies built from their specs (named ones looked up in
 * `policy.hierarchies`, files relative to the policy's folder) over the extract's values, and defaults filled in:
 * unit `persons` when the extract has a person column (else `rows`), values `[unit]`, title = name.
 *
 * Cost: one hierarchy build per dimension (named hierarchies are built once per column).
 *
 * @throws {PrikkError} `INVALID_POLICY` for a table that names a column the extract does not have or an unknown
 * named hierarchy; the hierarchy builders' errors for a spec that does not fit the column's values.
 * @example
 * resolveTableRequests(policy, extract, '/registry/policies')[0].dimensions[0].hierarchy?.labels // ['A', 'B', 'Total']
 */
export function resolveTableRequests(policy: ReleasePolicy, extract: Extract, policyDir: string): TableRequest[] {
  const built = new Map<string, Hierarchy>();
  return policy.tables.map((table, ti) => resolveOne(policy, table, ti, extract, policyDir, built));
}

function resolveOne(
  policy: ReleasePolicy,
  table: TablePolicy,
  ti: number,
  extract: Extract,
  policyDir: string,
  built: Map<string, Hierarchy>,
): TableRequest {
  const where = `tables[${ti}] ('${table.name}')`;
  const dimensions = table.dimensions.map((d, di) => {
    const column = typeof d === 'string' ? d : d.column;
    const col = extract.columns.get(column);
    if (!col) throw new PrikkError('INVALID_POLICY', `${where}.dimensions[${di}]: '${column}' is not a column of the extract`);
    const values = col.kind === 'code' ? col.dictionary : col.values;
    const ref = typeof d === 'string' ? undefined : d.hierarchy;
    if (ref === undefined) return { column, hierarchy: undefined, spec: 'flat' as unknown };
    let spec: HierarchySpec;
    let cacheKey: string | undefined;
    if (typeof ref === 'string') {
      const named = policy.hierarchies?.[ref];
      if (!named) throw new PrikkError('INVALID_POLICY', `${where}.dimensions[${di}].hierarchy: no hierarchy named '${ref}' in hierarchies`);
      spec = named;
      cacheKey = `${column}\u0000${ref}`;
    } else {
      spec = ref;
    }
    const cached = cacheKey === undefined ? undefined : built.get(cacheKey);
    const hierarchy = cached ?? buildHierarchy(spec, values, { baseDir: policyDir });
    if (cacheKey !== undefined && !cached) built.set(cacheKey, hierarchy);
    return { column, hierarchy, spec: typeof ref === 'string' ? { name: ref, ...spec } : spec };
  });
  const unit = table.unit ?? (extract.person ? 'persons' : 'rows');
  const values = table.values && table.values.length > 0 ? [...table.values] : [unit];
  return {
    policy: table,
    name: table.name,
    title: table.title ?? table.name,
    dimensions,
    unit,
    measures: [...(table.measures ?? [])],
    values,
    filter: table.filter,
  };
}
