import { PrikkError } from '../errors/PrikkError.js';
import { checkTotal, checkValues } from '../hierarchy/checkHierarchyArgs.js';
import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import { hierarchyFromLevels } from '../hierarchy/hierarchyFromLevels.js';
import { healthRegionOfCounty } from './norwegianHealthRegions.js';
import { NORWEGIAN_MUNICIPALITIES_2024 } from './norwegianMunicipalities2024.js';

/** A coarser level above Norwegian municipalities: the county code (`03`) or the regional health authority (`Helse Sør-Øst`). */
export type MunicipalityLevel = 'county' | 'region';

/** Options for {@link municipalityHierarchy}. */
export interface MunicipalityHierarchyOptions {
  /** Which coarser levels to build, finest first: a subsequence of `['county', 'region']`. Defaults to `['county', 'region']`. */
  readonly levels?: readonly MunicipalityLevel[];
  /** Label of the root. Defaults to `Total`. */
  readonly total?: string;
}

const ORDER: readonly MunicipalityLevel[] = ['county', 'region'];
const KNOWN = new Set(NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code));

/**
 * The geographic hierarchy of Norwegian municipality codes: municipality (`0301`) -> county (`03`, the first two
 * digits) -> regional health authority (`Helse Sør-Øst`, optional) -> total, using the 2024 municipality list
 * (SSB KLASS 131) and SKDE's county -> health region mapping embedded in this folder. Pass
 * `NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code)` to get every municipality (a public code list, so every key can
 * be released, also empty ones).
 *
 * Cost: O(codes × levels).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options; `INVALID_VALUE` naming a code that is not a 2024
 * municipality code (codes from before 2024, e.g. Viken's 30xx, must be mapped first); `INVALID_SCHEMA` for a
 * repeated code.
 * @example
 * municipalityHierarchy(['0301', '4601', '4602']).toJSON()
 * // { Total: ['Helse Sør-Øst', 'Helse Vest'], 'Helse Vest': ['46'], 'Helse Sør-Øst': ['03'],
 * //   '46': ['4601', '4602'], '03': ['0301'] }
 * municipalityHierarchy(['0301'], { levels: ['county'] }).levelCount // 3
 */
export function municipalityHierarchy(codes: readonly string[], options: MunicipalityHierarchyOptions = {}): Hierarchy {
  const fn = 'municipalityHierarchy';
  const total = checkTotal(fn, options.total);
  const list = checkValues(fn, codes);
  const levels = options.levels ?? ORDER;
  if (!Array.isArray(levels) || levels.some((l, i) => !ORDER.includes(l) || (i > 0 && ORDER.indexOf(l) <= ORDER.indexOf(levels[i - 1]!)))) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.levels must list some of 'county', 'region' in that order, got ${JSON.stringify(levels)}`);
  }
  const rows = list.map((code) => {
    if (!KNOWN.has(code)) {
      throw new PrikkError('INVALID_VALUE', `${fn}: '${code}' is not a Norwegian municipality code of 2024 (4 digits, 357 codes)`);
    }
    const county = code.slice(0, 2);
    return [code, ...levels.map((l) => (l === 'county' ? county : healthRegionOfCounty(county)))];
  });
  return hierarchyFromLevels(rows, { fn, total, where: () => undefined, rowName: (i) => `codes[${i}] ('${list[i]}')` });
}
