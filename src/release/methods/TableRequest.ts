import type { CountUnit } from '../../aggregate/CellTable.js';
import type { Filter } from '../../aggregate/Filter.js';
import type { Hierarchy } from '../../hierarchy/Hierarchy.js';
import type { TablePolicy } from '../../policy/ReleasePolicy.js';

/** A table of a policy with its hierarchies built and its defaults filled in: what a method plug-in receives. */
export interface TableRequest {
  readonly policy: TablePolicy;
  readonly name: string;
  readonly title: string;
  /** `hierarchy` undefined: the aggregation's flat default. `spec` is the policy's spec, for the manifest. */
  readonly dimensions: readonly { readonly column: string; readonly hierarchy: Hierarchy | undefined; readonly spec: unknown }[];
  readonly unit: CountUnit;
  readonly measures: readonly string[];
  /** Normalised value keys: `persons`, `rows`, `sum:<m>`, `mean:<m>`; the first is the count. */
  readonly values: readonly string[];
  readonly filter: Filter | undefined;
}
