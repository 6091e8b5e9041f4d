import type { HealthRegion } from './municipalities.js';

/**
 * A hospital that operates hip fractures: a short ASCII code (used in the extract), its name, its regional
 * health authority, and the counties it serves with a relative weight (roughly its share of the county's
 * hip-fracture operations).
 */
export interface Hospital {
  readonly code: string;
  readonly name: string;
  readonly region: HealthRegion;
  readonly serves: Readonly<Record<string, number>>;
}

/**
 * About 45 Norwegian hospitals (sites of the health trusts) that treat hip fractures, each tied to the counties
 * whose patients it mostly receives. The set and the weights are plausible, not official: they give the
 * synthetic extract a realistic structure (one dominant local hospital per municipality, university hospitals
 * taking a share of the region's patients) without claiming to describe real catchment areas.
 */
export const HOSPITALS: readonly Hospital[] = [
  // Helse Sør-Øst
  { code: 'OUS-ULL', name: 'Oslo universitetssykehus, Ullevål', region: 'Helse Sør-Øst', serves: { '03': 4.5 } },
  { code: 'LDS', name: 'Lovisenberg Diakonale sykehus', region: 'Helse Sør-Øst', serves: { '03': 2 } },
  { code: 'DIAK', name: 'Diakonhjemmet sykehus', region: 'Helse Sør-Øst', serves: { '03': 2 } },
  { code: 'AHUS', name: 'Akershus universitetssykehus', region: 'Helse Sør-Øst', serves: { '03': 1.5, '32': 6 } },
  { code: 'SO-KAL', name: 'Sykehuset Østfold Kalnes', region: 'Helse Sør-Øst', serves: { '31': 1 } },
  { code: 'VV-BAE', name: 'Vestre Viken, Bærum sykehus', region: 'Helse Sør-Øst', serves: { '32': 1.5 } },
  { code: 'VV-DRA', name: 'Vestre Viken, Drammen sykehus', region: 'Helse Sør-Øst', serves: { '33': 4 } },
  { code: 'VV-RIN', name: 'Vestre Viken, Ringerike sykehus', region: 'Helse Sør-Øst', serves: { '33': 2, '32': 0.4 } },
  { code: 'VV-KON', name: 'Vestre Viken, Kongsberg sykehus', region: 'Helse Sør-Øst', serves: { '33': 1.5 } },
  { code: 'SI-ELV', name: 'Sykehuset Innlandet, Elverum', region: 'Helse Sør-Øst', serves: { '34': 2 } },
  { code: 'SI-HAM', name: 'Sykehuset Innlandet, Hamar', region: 'Helse Sør-Øst', serves: { '34': 1 } },
  { code: 'SI-GJO', name: 'Sykehuset Innlandet, Gjøvik', region: 'Helse Sør-Øst', serves: { '34': 2 } },
  { code: 'SI-LIL', name: 'Sykehuset Innlandet, Lillehammer', region: 'Helse Sør-Øst', serves: { '34': 2 } },
  { code: 'SI-KON', name: 'Sykehuset Innlandet, Kongsvinger', region: 'Helse Sør-Øst', serves: { '34': 1 } },
  { code: 'SI-TYN', name: 'Sykehuset Innlandet, Tynset', region: 'Helse Sør-Øst', serves: { '34': 0.5 } },
  { code: 'SIV-TON', name: 'Sykehuset i Vestfold, Tønsberg', region: 'Helse Sør-Øst', serves: { '39': 1 } },
  { code: 'STHF-SKI', name: 'Sykehuset Telemark, Skien', region: 'Helse Sør-Øst', serves: { '40': 3 } },
  { code: 'STHF-NOT', name: 'Sykehuset Telemark, Notodden', region: 'Helse Sør-Øst', serves: { '40': 1 } },
  { code: 'SSHF-ARE', name: 'Sørlandet sykehus, Arendal', region: 'Helse Sør-Øst', serves: { '42': 2 } },
  { code: 'SSHF-KRS', name: 'Sørlandet sykehus, Kristiansand', region: 'Helse Sør-Øst', serves: { '42': 3 } },
  { code: 'SSHF-FLE', name: 'Sørlandet sykehus, Flekkefjord', region: 'Helse Sør-Øst', serves: { '42': 1 } },
  // Helse Vest
  { code: 'SUS', name: 'Stavanger universitetssjukehus', region: 'Helse Vest', serves: { '11': 4 } },
  { code: 'HFO-HAU', name: 'Helse Fonna, Haugesund sjukehus', region: 'Helse Vest', serves: { '11': 1.5, '46': 0.4 } },
  { code: 'HFO-STO', name: 'Helse Fonna, Stord sjukehus', region: 'Helse Vest', serves: { '46': 1 } },
  { code: 'HUS', name: 'Haukeland universitetssjukehus', region: 'Helse Vest', serves: { '46': 5 } },
  { code: 'HDS', name: 'Haraldsplass diakonale sykehus', region: 'Helse Vest', serves: { '46': 1.5 } },
  { code: 'HB-VOS', name: 'Helse Bergen, Voss sjukehus', region: 'Helse Vest', serves: { '46': 0.7 } },
  { code: 'HFD-FOR', name: 'Helse Førde, Førde sentralsjukehus', region: 'Helse Vest', serves: { '46': 1.5 } },
  { code: 'HFD-NOR', name: 'Helse Førde, Nordfjord sjukehus', region: 'Helse Vest', serves: { '46': 0.5 } },
  // Helse Midt-Norge
  { code: 'STO', name: 'St. Olavs hospital, Trondheim', region: 'Helse Midt-Norge', serves: { '50': 4 } },
  { code: 'STO-ORK', name: 'St. Olavs hospital, Orkdal sykehus', region: 'Helse Midt-Norge', serves: { '50': 1.5 } },
  { code: 'HNT-LEV', name: 'Helse Nord-Trøndelag, Sykehuset Levanger', region: 'Helse Midt-Norge', serves: { '50': 1.5 } },
  { code: 'HNT-NAM', name: 'Helse Nord-Trøndelag, Sykehuset Namsos', region: 'Helse Midt-Norge', serves: { '50': 0.8 } },
  { code: 'HMR-ALE', name: 'Helse Møre og Romsdal, Ålesund sjukehus', region: 'Helse Midt-Norge', serves: { '15': 2 } },
  { code: 'HMR-VOL', name: 'Helse Møre og Romsdal, Volda sjukehus', region: 'Helse Midt-Norge', serves: { '15': 0.8 } },
  { code: 'HMR-MOL', name: 'Helse Møre og Romsdal, Molde sjukehus', region: 'Helse Midt-Norge', serves: { '15': 1 } },
  { code: 'HMR-KSU', name: 'Helse Møre og Romsdal, Kristiansund sykehus', region: 'Helse Midt-Norge', serves: { '15': 0.8 } },
  // Helse Nord
  { code: 'NLSH-BOD', name: 'Nordlandssykehuset Bodø', region: 'Helse Nord', serves: { '18': 2 } },
  { code: 'NLSH-VES', name: 'Nordlandssykehuset Vesterålen', region: 'Helse Nord', serves: { '18': 0.8 } },
  { code: 'NLSH-LOF', name: 'Nordlandssykehuset Lofoten', region: 'Helse Nord', serves: { '18': 0.6 } },
  { code: 'HSYK-MOR', name: 'Helgelandssykehuset Mo i Rana', region: 'Helse Nord', serves: { '18': 0.8 } },
  { code: 'HSYK-SAN', name: 'Helgelandssykehuset Sandnessjøen', region: 'Helse Nord', serves: { '18': 0.6 } },
  { code: 'UNN-NAR', name: 'Universitetssykehuset Nord-Norge, Narvik', region: 'Helse Nord', serves: { '18': 0.8 } },
  { code: 'UNN-TRO', name: 'Universitetssykehuset Nord-Norge, Tromsø', region: 'Helse Nord', serves: { '55': 2.5, '56': 0.3 } },
  { code: 'UNN-HAR', name: 'Universitetssykehuset Nord-Norge, Harstad', region: 'Helse Nord', serves: { '55': 1 } },
  { code: 'FIN-HAM', name: 'Finnmarkssykehuset Hammerfest', region: 'Helse Nord', serves: { '56': 1 } },
  { code: 'FIN-KIR', name: 'Finnmarkssykehuset Kirkenes', region: 'Helse Nord', serves: { '56': 0.7 } },
];

/**
 * Municipalities whose local hospital is obvious: their patients go there (the rest of a county is spread over
 * the county's hospitals by a fixed hash of the municipality code, see the generator).
 */
export const LOCAL_HOSPITAL: Readonly<Record<string, string>> = {
  '1103': 'SUS', '1108': 'SUS', '1106': 'HFO-HAU', '1149': 'HFO-HAU',
  '1505': 'HMR-KSU', '1506': 'HMR-MOL', '1508': 'HMR-ALE', '1577': 'HMR-VOL', '1520': 'HMR-VOL',
  '1804': 'NLSH-BOD', '1806': 'UNN-NAR', '1833': 'HSYK-MOR', '1820': 'HSYK-SAN', '1870': 'NLSH-VES', '1860': 'NLSH-LOF',
  '3201': 'VV-BAE', '3203': 'VV-BAE', '3205': 'AHUS', '3222': 'AHUS', '3207': 'AHUS',
  '3301': 'VV-DRA', '3303': 'VV-KON', '3305': 'VV-RIN', '3312': 'VV-DRA',
  '3401': 'SI-KON', '3403': 'SI-HAM', '3405': 'SI-LIL', '3407': 'SI-GJO', '3420': 'SI-ELV', '3427': 'SI-TYN',
  '4003': 'STHF-SKI', '4001': 'STHF-SKI', '4005': 'STHF-NOT',
  '4203': 'SSHF-ARE', '4202': 'SSHF-ARE', '4204': 'SSHF-KRS', '4207': 'SSHF-FLE',
  '4614': 'HFO-STO', '4621': 'HB-VOS', '4647': 'HFD-FOR', '4602': 'HFD-NOR', '4651': 'HFD-NOR',
  '5001': 'STO', '5059': 'STO-ORK', '5037': 'HNT-LEV', '5035': 'HNT-LEV', '5007': 'HNT-NAM',
  '5501': 'UNN-TRO', '5503': 'UNN-HAR', '5603': 'FIN-HAM', '5601': 'FIN-HAM', '5605': 'FIN-KIR',
};

/** Municipalities so large that their patients are split across several hospitals (share per hospital). */
export const SPLIT_CATCHMENT: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '0301': { 'OUS-ULL': 0.45, LDS: 0.2, DIAK: 0.2, AHUS: 0.15 },
  '4601': { HUS: 0.65, HDS: 0.35 },
};
