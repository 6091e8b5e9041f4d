import { municipalityHierarchy } from '../../src/codelists/municipalityHierarchy.js';
import { flatHierarchy } from '../../src/hierarchy/flatHierarchy.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { intervalHierarchy } from '../../src/hierarchy/intervalHierarchy.js';
import { prefixHierarchy } from '../../src/hierarchy/prefixHierarchy.js';
import { FIRST_YEAR, ICD10_SHARES, LAST_YEAR, PROCEDURE_CODES } from './clinicalCodes.js';
import { HOSPITALS } from './hospitals.js';
import { MUNICIPALITIES } from './municipalities.js';

/** The hierarchies of the hip-fracture extract's dimensions, each with `Total` at the root. */
export interface HipFractureHierarchies {
  /** municipality (0301) -> county (03) -> regional health authority (Helse Sør-Øst) -> Total; all 357 codes. */
  readonly municipality: Hierarchy;
  /** age 5-year band (85-89) -> 10-year band (80-89) -> Total, over ages 0-109. */
  readonly age: Hierarchy;
  /** year (2019 .. 2025) -> Total. */
  readonly year: Hierarchy;
  /** sex (1 = male, 2 = female) -> Total. */
  readonly sex: Hierarchy;
  /** hospital (OUS-ULL) -> regional health authority -> Total. */
  readonly hospital: Hierarchy;
  /** ICD-10 code (S72.0) -> Total. */
  readonly icd10: Hierarchy;
  /** NCSP procedure (NFB12) -> procedure group (NFB) -> Total. */
  readonly procedure: Hierarchy;
}

/**
 * The hierarchies used by the example (`run.ts`) and the benchmarks, built with prikk's factories from the
 * example's public code lists (not from the data), so every code appears in tables even when no row has it.
 *
 * Cost: O(codes). Builds new objects on every call.
 *
 * @example
 * const h = hipFractureHierarchies();
 * h.municipality.labels[h.municipality.parents[h.municipality.leafOf('0301')]!] // '03'
 * h.age.labels[h.age.leafOfNumber(87)]                                        // '85-89'
 */
export function hipFractureHierarchies(): HipFractureHierarchies {
  const municipality = municipalityHierarchy(MUNICIPALITIES.map((m) => m.code));
  const age = intervalHierarchy({ min: 0, max: 110, width: 5, levels: [10] });
  const year = intervalHierarchy({ min: FIRST_YEAR, max: LAST_YEAR + 1, width: 1 });
  const sex = flatHierarchy(['1', '2']);
  const regionOf = new Map(HOSPITALS.map((h) => [h.code, h.region]));
  const hospital = prefixHierarchy(HOSPITALS.map((h) => h.code), { levels: [(code) => regionOf.get(code)!] });
  const icd10 = flatHierarchy(Object.keys(ICD10_SHARES));
  const procedure = prefixHierarchy(PROCEDURE_CODES, { levels: [3] });
  return { municipality, age, year, sex, hospital, icd10, procedure };
}
