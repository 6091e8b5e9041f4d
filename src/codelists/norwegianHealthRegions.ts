import { PrikkError } from '../errors/PrikkError.js';

/*
 * Norway's four regional health authorities (regionale helseforetak, RHF) and the 2024 counties in each.
 *
 * Source: the catchment areas (opptaksområder) by municipality in SKDE's analysis code, SKDE-Analyse/sas_codes,
 * makroer/boomraader.sas (BoHF -> BoRHF: Helse Nord = the municipalities of Nordland, Troms and Finnmark; Helse
 * Midt-Norge = Møre og Romsdal and Trøndelag (including Rindal); Helse Vest = Rogaland, Hordaland and Sogn og
 * Fjordane; Helse Sør-Øst = the rest), carried over to the 2024 counties: Vestland = Hordaland + Sogn og Fjordane,
 * and the counties of the old Østlandet/Sørlandet in Helse Sør-Øst. At RHF level every 2024 county lies in one
 * region (some hospital trusts serve municipalities across county lines, e.g. Etne and Sveio in Vestland under
 * Helse Fonna, but always within the same RHF; SKDE's 2025 DPS table in mong/mongts agrees).
 */

/** The four regional health authorities. */
export type HealthRegionName = 'Helse Sør-Øst' | 'Helse Vest' | 'Helse Midt-Norge' | 'Helse Nord';

/** A regional health authority and the codes of the 2024 counties it covers. */
export interface HealthRegion {
  readonly name: HealthRegionName;
  readonly counties: readonly string[];
}

/**
 * The four Norwegian regional health authorities with their 2024 counties (codes). Source: SKDE's catchment-area
 * definitions (see the file header).
 *
 * @example
 * NORWEGIAN_HEALTH_REGIONS.map((r) => r.name) // ['Helse Sør-Øst', 'Helse Vest', 'Helse Midt-Norge', 'Helse Nord']
 */
export const NORWEGIAN_HEALTH_REGIONS: readonly HealthRegion[] = Object.freeze([
  Object.freeze({ name: 'Helse Sør-Øst', counties: Object.freeze(['03', '31', '32', '33', '34', '39', '40', '42']) }),
  Object.freeze({ name: 'Helse Vest', counties: Object.freeze(['11', '46']) }),
  Object.freeze({ name: 'Helse Midt-Norge', counties: Object.freeze(['15', '50']) }),
  Object.freeze({ name: 'Helse Nord', counties: Object.freeze(['18', '55', '56']) }),
] as const satisfies readonly HealthRegion[]);

const REGION_OF = new Map<string, HealthRegionName>(
  NORWEGIAN_HEALTH_REGIONS.flatMap((r) => r.counties.map((c) => [c, r.name] as const)),
);

/**
 * The regional health authority of a 2024 county code (`'46'` -> `'Helse Vest'`). O(1).
 *
 * @throws {PrikkError} `INVALID_VALUE` naming the code when it is not a 2024 county code.
 * @example
 * healthRegionOfCounty('03') // 'Helse Sør-Øst'
 * healthRegionOfCounty('55') // 'Helse Nord'
 */
export function healthRegionOfCounty(countyCode: string): HealthRegionName {
  const region = REGION_OF.get(countyCode);
  if (region === undefined) {
    throw new PrikkError('INVALID_VALUE', `healthRegionOfCounty: '${countyCode}' is not a 2024 county code (03, 11, 15, 18, 31-34, 39, 40, 42, 46, 50, 55, 56)`);
  }
  return region;
}
