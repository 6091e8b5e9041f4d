/*
 * Norwegian counties (fylker) valid from 1 January 2024: 15 counties, after Viken split into Østfold, Akershus and
 * Buskerud, Vestfold og Telemark into Vestfold and Telemark, and Troms og Finnmark into Troms and Finnmark.
 *
 * Source: SSB's county classification (KLASS 104) as shipped by NAV in navikt/paw-arbeidssoekerregisteret-for-personbruker,
 * src/components/styrkløft/fylker.ts (FYLKER_OG_FYLKENUMMER, commit 10c845b2). Names are the Norwegian names as
 * given there; SSB also lists parallel Sámi/Kven names for Nordland, Trøndelag, Troms and Finnmark
 * (e.g. "Troms - Romsa - Tromssa").
 */

/** A Norwegian county: its 2-digit code (the first two digits of its municipalities' codes) and its name. */
export interface NorwegianCounty {
  readonly code: string;
  readonly name: string;
}

/**
 * The 15 Norwegian counties of 2024, in code order. Source: SSB KLASS 104 via NAV's list (see the file header).
 *
 * @example
 * NORWEGIAN_COUNTIES_2024.length   // 15
 * NORWEGIAN_COUNTIES_2024[0]       // { code: '03', name: 'Oslo' }
 */
export const NORWEGIAN_COUNTIES_2024: readonly NorwegianCounty[] = Object.freeze(
  (
    [
      ['03', 'Oslo'],
      ['11', 'Rogaland'],
      ['15', 'Møre og Romsdal'],
      ['18', 'Nordland'],
      ['31', 'Østfold'],
      ['32', 'Akershus'],
      ['33', 'Buskerud'],
      ['34', 'Innlandet'],
      ['39', 'Vestfold'],
      ['40', 'Telemark'],
      ['42', 'Agder'],
      ['46', 'Vestland'],
      ['50', 'Trøndelag'],
      ['55', 'Troms'],
      ['56', 'Finnmark'],
    ] as const
  ).map(([code, name]) => Object.freeze({ code, name })),
);
