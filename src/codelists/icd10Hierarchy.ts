import { PrikkError } from '../errors/PrikkError.js';
import { checkTotal, checkValues } from '../hierarchy/checkHierarchyArgs.js';
import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import { hierarchyFromLevels } from '../hierarchy/hierarchyFromLevels.js';
import { icd10BlockOf } from './icd10Who2019.js';

/** A coarser ICD-10 level: the 3-character category (`S72`), the block (`S70-S79`) or the chapter (`XIX`). */
export type Icd10Level = 'category' | 'block' | 'chapter';

/** Options for {@link icd10Hierarchy}. */
export interface Icd10HierarchyOptions {
  /** Which coarser levels to build, finest first, a subsequence of `['category', 'block', 'chapter']`. Defaults to all three. */
  readonly levels?: readonly Icd10Level[];
  /** Label of the root. Defaults to `Total`. */
  readonly total?: string;
}

const ORDER: readonly Icd10Level[] = ['category', 'block', 'chapter'];
const CODE = /^([A-Z][0-9]{2})(?:\.?[0-9A-Z]{1,4})?$/;

/**
 * The ICD-10 hierarchy of a set of diagnosis codes: code (`S72.0`, `S720` or `S72`) -> 3-character category (`S72`)
 * -> block (`S70-S79`) -> chapter (`XIX`) -> total, using the WHO ICD-10 (2019) chapters and blocks embedded in
 * `icd10Who2019.ts` (WHO ICD-10 2019 tabular list; source cited there). National extensions with more characters
 * after the category (ICD-10-CM/GM/NO style `S72.00`) are accepted: only the category decides the block.
 *
 * A 3-character code given as a value (`I10`) stays a leaf under its category, which is then labelled `I10.-`
 * (WHO's notation for a whole category) so labels stay unique and every leaf keeps the same depth. The block is
 * found from the category by its range; codes whose category is in no 2019 block are rejected. The embedded
 * table holds blocks, not the full list of categories, so a category inside a block's range is accepted even if
 * WHO never used it (`A45`).
 *
 * Cost: O(codes × (levels + log blocks)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options; `INVALID_VALUE` naming the code when it is not of the
 * form letter, two digits, optional `.` and up to 4 characters, or its category is in no WHO ICD-10 (2019) block;
 * `INVALID_SCHEMA` for a repeated code or a code equal to the total.
 * @example
 * const h = icd10Hierarchy(['S72.0', 'S72.1', 'I21.4']);
 * h.toJSON()
 * // { Total: ['XIX', 'IX'], IX: ['I20-I25'], XIX: ['S70-S79'], 'I20-I25': ['I21'], 'S70-S79': ['S72'],
 * //   I21: ['I21.4'], S72: ['S72.0', 'S72.1'] }
 * h.levelCount // 5
 */
export function icd10Hierarchy(codes: readonly string[], options: Icd10HierarchyOptions = {}): Hierarchy {
  const fn = 'icd10Hierarchy';
  const total = checkTotal(fn, options.total);
  const list = checkValues(fn, codes);
  const levels = options.levels ?? ORDER;
  if (!Array.isArray(levels) || levels.some((l, i) => !ORDER.includes(l) || (i > 0 && ORDER.indexOf(l) <= ORDER.indexOf(levels[i - 1]!)))) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.levels must list some of 'category', 'block', 'chapter' in that order, got ${JSON.stringify(levels)}`);
  }
  const rows = list.map((code) => {
    const match = CODE.exec(code);
    if (match === null) {
      throw new PrikkError('INVALID_VALUE', `${fn}: '${code}' is not an ICD-10 code; expected a letter, two digits and optional detail, like 'S72.0', 'S720' or 'S72'`);
    }
    const category = match[1]!;
    const block = icd10BlockOf(category);
    if (block === undefined) {
      throw new PrikkError('INVALID_VALUE', `${fn}: the code '${code}' (category ${category}) is in no WHO ICD-10 (2019) block`);
    }
    return [code, ...levels.map((l) => (l === 'category' ? category : l === 'block' ? block.code : block.chapter))];
  });
  return hierarchyFromLevels(rows, {
    fn,
    total,
    where: () => undefined,
    rowName: (i) => `codes[${i}] ('${list[i]}')`,
    disambiguate: (label, level) => (levels[level - 1] === 'category' ? `${label}.-` : `${label} (level ${level})`),
  });
}
