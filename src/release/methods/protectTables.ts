import { PrikkError } from '../../errors/PrikkError.js';
import type {
  CellKeyMethodPolicy,
  DpMethodPolicy,
  KAnonymityMethodPolicy,
  MethodPolicy,
  RoundingMethodPolicy,
  SuppressionMethodPolicy,
} from '../../policy/ReleasePolicy.js';
import type { MethodContext } from './MethodContext.js';
import { protectCellKey } from './protectCellKey.js';
import { protectDp } from './protectDp.js';
import { protectKAnonymity } from './protectKAnonymity.js';
import { protectRounding } from './protectRounding.js';
import { protectSuppression } from './protectSuppression.js';
import type { TableOutcome } from './TableOutcome.js';
import type { TableRequest } from './TableRequest.js';
import { throwIfAborted } from '../../errors/throwIfAborted.js';

const METHODS = ['suppression', 'rounding', 'kAnonymity', 'dp', 'cellKey'] as const;

/** JSON with object keys sorted, so that deep-equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The method's name and settings of a table's `method` (exactly one key). */
function methodOf(request: TableRequest): { readonly name: (typeof METHODS)[number]; readonly settings: unknown } {
  const method = request.policy?.method as MethodPolicy | undefined;
  const keys = typeof method === 'object' && method !== null ? Object.keys(method) : [];
  const name = METHODS.find((m) => m === keys[0]);
  if (keys.length !== 1 || name === undefined) {
    throw new PrikkError('INVALID_ARGUMENT', `protectTables: table '${request.name}' must have exactly one method (${METHODS.join(', ')}), got ${keys.join(', ') || 'none'}`);
  }
  return { name, settings: (method as Record<string, unknown>)[name] };
}

/**
 * Protects every table of a release with its policy's method and returns the outcomes in request order. Rounding,
 * k-anonymity, DP and the cell key method run per table, in order (DP tables charge the dataset's budget in that
 * order). Suppression tables whose settings are deep-equal (defaults filled in: secondary `fast`, cost `cells`,
 * singletons true), and that count the same unit of the same cohort (equal filters and equal `personRow` choices), are
 * protected together in one
 * linked `protectSuppression` call, so that no table of the group reveals a cell another hides; tables of another
 * unit or cohort form their own group (linked tables must share cell values).
 *
 * Cost: the sum of the methods' costs.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a table without exactly one method; whatever the methods throw
 * (`PROTECTION_FAILED` when a suppression audit fails, `BUDGET_EXCEEDED` when DP overspends). The first error stops
 * the release: no outcome is returned.
 * @example
 * const outcomes = await protectTables([byHospital, byYear, noisyByRegion], ctx);
 * outcomes.map((o) => o.released.method) // ['suppression', 'suppression', 'dp']
 * outcomes[0].manifest.audit?.scope      // 'linked group: by_hospital, by_year'
 */
export async function protectTables(requests: readonly TableRequest[], ctx: MethodContext): Promise<TableOutcome[]> {
  if (!Array.isArray(requests)) throw new PrikkError('INVALID_ARGUMENT', 'protectTables: expected an array of table requests');
  const methods = requests.map(methodOf);
  const outcomes = new Array<TableOutcome | undefined>(requests.length);

  // Suppression groups, in order of their first table.
  const groups = new Map<string, { settings: SuppressionMethodPolicy; indices: number[] }>();
  methods.forEach((m, i) => {
    if (m.name !== 'suppression') return;
    const s = m.settings as SuppressionMethodPolicy;
    const r = requests[i]!;
    const normalised = { rules: s?.rules, secondary: s?.secondary ?? 'fast', cost: s?.cost ?? 'cells', singletons: s?.singletons ?? true };
    const key = canonical({ settings: normalised, unit: r.unit, filter: r.filter ?? null, personRow: r.policy?.personRow ?? null });
    const group = groups.get(key);
    if (group) group.indices.push(i);
    else groups.set(key, { settings: s, indices: [i] });
  });
  const firstOfGroup = new Map<number, { settings: SuppressionMethodPolicy; indices: number[] }>();
  for (const g of groups.values()) firstOfGroup.set(g.indices[0]!, g);

  for (let i = 0; i < requests.length; i++) {
    throwIfAborted(ctx.signal, 'release');
    const { name, settings } = methods[i]!;
    const request = requests[i]!;
    switch (name) {
      case 'suppression': {
        const group = firstOfGroup.get(i);
        if (!group) break; // protected with its group
        const results = await protectSuppression(
          group.indices.map((j) => requests[j]!),
          group.settings,
          ctx,
        );
        group.indices.forEach((j, k) => (outcomes[j] = results[k]));
        break;
      }
      case 'rounding':
        outcomes[i] = await protectRounding(request, settings as RoundingMethodPolicy, ctx);
        break;
      case 'kAnonymity':
        outcomes[i] = protectKAnonymity(request, settings as KAnonymityMethodPolicy, ctx);
        break;
      case 'dp':
        outcomes[i] = protectDp(request, settings as DpMethodPolicy, ctx);
        break;
      case 'cellKey':
        outcomes[i] = await protectCellKey(request, settings as CellKeyMethodPolicy, ctx);
        break;
    }
  }
  return outcomes.map((o, i) => {
    if (!o) throw new PrikkError('INVALID_ARGUMENT', `protectTables: table '${requests[i]!.name}' got no outcome`);
    return o;
  });
}
