import type { Icd10Level } from '../codelists/icd10Hierarchy.js';
import type { MunicipalityLevel } from '../codelists/municipalityHierarchy.js';
import type { IntervalBand, IntervalLevel } from './intervalHierarchy.js';

/**
 * A hierarchy described in plain JSON, as a policy file holds it; {@link buildHierarchy} turns it into a
 * {@link Hierarchy}. Every variant takes an optional `total` (the root label, `Total` by default).
 *
 * - `{ type: 'flat' }`: the column's values under the total.
 * - `{ type: 'arx', file, delimiter? }`: an ARX hierarchy file (`value;level1;...;*`), path relative to the policy.
 * - `{ type: 'parentChild', pairs: [[child, parent], ...] }`: any tree.
 * - `{ type: 'intervals', bands | min/max/width, openTop?, levels?, anchor? }`: numeric bands (see `intervalHierarchy`).
 * - `{ type: 'prefix', lengths: [2] }`: code prefixes, finest-but-one first.
 * - `{ type: 'icd10', levels? }`: ICD-10 category, block, chapter (WHO 2019).
 * - `{ type: 'municipality', levels?, allCodes? }`: Norwegian municipality -> county -> health region (2024).
 *
 * @example
 * const spec: HierarchySpec = { type: 'intervals', min: 0, max: 90, width: 5, openTop: true, levels: [10] };
 */
export type HierarchySpec =
  | { readonly type: 'flat'; readonly total?: string }
  | { readonly type: 'arx'; readonly file: string; readonly delimiter?: string; readonly total?: string }
  | { readonly type: 'parentChild'; readonly pairs: readonly (readonly [child: string, parent: string])[]; readonly total?: string }
  | {
      readonly type: 'intervals';
      readonly bands?: readonly IntervalBand[];
      readonly min?: number;
      readonly max?: number;
      readonly width?: number;
      readonly openTop?: boolean;
      readonly levels?: readonly IntervalLevel[];
      readonly anchor?: number;
      readonly total?: string;
    }
  | { readonly type: 'prefix'; readonly lengths: readonly number[]; readonly total?: string }
  | { readonly type: 'icd10'; readonly levels?: readonly Icd10Level[]; readonly total?: string }
  | { readonly type: 'municipality'; readonly levels?: readonly MunicipalityLevel[]; readonly allCodes?: boolean; readonly total?: string };
