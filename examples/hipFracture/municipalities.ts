/**
 * Norwegian geography as of 1 January 2024, for the synthetic hip-fracture extract.
 *
 * Codes follow SSB's KLASS classifications (municipality codes valid from 2024, county codes after the 2024
 * split of Viken, Vestfold og Telemark and Troms og Finnmark). The first two digits of a municipality code are
 * its county. Populations are rounded approximations of SSB's 1 January 2024 figures, used only as sampling
 * weights; they make Oslo and the big cities dominate and leave many municipalities with a few hundred or a few
 * thousand inhabitants, which is what makes small cells (and so suppression) matter.
 *
 * The codes are the 357 of 2024 (a test checks them against prikk's own list,
 * `src/codelists/norwegianMunicipalities2024.ts`); the populations are example data, for sampling only.
 */
import type { HealthRegionName } from '../../src/codelists/norwegianHealthRegions.js';
import { PrikkError } from '../../src/errors/PrikkError.js';

/** One of the four regional health authorities (regionale helseforetak), as in prikk's code lists. */
export type HealthRegion = HealthRegionName;

/** A county (fylke): its two-digit code, name and regional health authority. */
export interface County {
  readonly code: string;
  readonly name: string;
  readonly region: HealthRegion;
}

/** A municipality (kommune): its four-digit code (county code first), name and approximate population. */
export interface Municipality {
  readonly code: string;
  readonly name: string;
  readonly population: number;
}

/** The 15 counties of 2024, in code order. */
export const COUNTIES: readonly County[] = [
  { code: '03', name: 'Oslo', region: 'Helse Sør-Øst' },
  { code: '11', name: 'Rogaland', region: 'Helse Vest' },
  { code: '15', name: 'Møre og Romsdal', region: 'Helse Midt-Norge' },
  { code: '18', name: 'Nordland', region: 'Helse Nord' },
  { code: '31', name: 'Østfold', region: 'Helse Sør-Øst' },
  { code: '32', name: 'Akershus', region: 'Helse Sør-Øst' },
  { code: '33', name: 'Buskerud', region: 'Helse Sør-Øst' },
  { code: '34', name: 'Innlandet', region: 'Helse Sør-Øst' },
  { code: '39', name: 'Vestfold', region: 'Helse Sør-Øst' },
  { code: '40', name: 'Telemark', region: 'Helse Sør-Øst' },
  { code: '42', name: 'Agder', region: 'Helse Sør-Øst' },
  { code: '46', name: 'Vestland', region: 'Helse Vest' },
  { code: '50', name: 'Trøndelag', region: 'Helse Midt-Norge' },
  { code: '55', name: 'Troms', region: 'Helse Nord' },
  { code: '56', name: 'Finnmark', region: 'Helse Nord' },
];

// [code, name, population in thousands]
const RAW: ReadonlyArray<readonly [string, string, number]> = [
  ['0301', 'Oslo', 717],
  // Rogaland
  ['1101', 'Eigersund', 15], ['1103', 'Stavanger', 149], ['1106', 'Haugesund', 38], ['1108', 'Sandnes', 83],
  ['1111', 'Sokndal', 3.3], ['1112', 'Lund', 3.2], ['1114', 'Bjerkreim', 2.9], ['1119', 'Hå', 19.5],
  ['1120', 'Klepp', 20], ['1121', 'Time', 19.5], ['1122', 'Gjesdal', 12], ['1124', 'Sola', 28],
  ['1127', 'Randaberg', 11.5], ['1130', 'Strand', 13], ['1133', 'Hjelmeland', 2.6], ['1134', 'Suldal', 3.8],
  ['1135', 'Sauda', 4.5], ['1144', 'Kvitsøy', 0.5], ['1145', 'Bokn', 0.9], ['1146', 'Tysvær', 11.5],
  ['1149', 'Karmøy', 43], ['1151', 'Utsira', 0.2], ['1160', 'Vindafjord', 8.8],
  // Møre og Romsdal
  ['1505', 'Kristiansund', 24], ['1506', 'Molde', 32.5], ['1508', 'Ålesund', 58], ['1511', 'Vanylven', 3],
  ['1514', 'Sande', 2.4], ['1515', 'Herøy', 9], ['1516', 'Ulstein', 8.7], ['1517', 'Hareid', 5.3],
  ['1520', 'Ørsta', 11], ['1525', 'Stranda', 4.5], ['1528', 'Sykkylven', 7.6], ['1531', 'Sula', 9.8],
  ['1532', 'Giske', 8.6], ['1535', 'Vestnes', 6.7], ['1539', 'Rauma', 7.4], ['1547', 'Aukra', 3.6],
  ['1554', 'Averøy', 5.8], ['1557', 'Gjemnes', 2.6], ['1560', 'Tingvoll', 3], ['1563', 'Sunndal', 7],
  ['1566', 'Surnadal', 5.8], ['1573', 'Smøla', 2.1], ['1576', 'Aure', 3.5], ['1577', 'Volda', 10.5],
  ['1578', 'Fjord', 2.5], ['1579', 'Hustadvika', 13.5], ['1580', 'Haram', 9.5],
  // Nordland
  ['1804', 'Bodø', 53], ['1806', 'Narvik', 21.5], ['1811', 'Bindal', 1.4], ['1812', 'Sømna', 2],
  ['1813', 'Brønnøy', 8], ['1815', 'Vega', 1.2], ['1816', 'Vevelstad', 0.5], ['1818', 'Herøy', 1.8],
  ['1820', 'Alstahaug', 7.4], ['1822', 'Leirfjord', 2.3], ['1824', 'Vefsn', 13.3], ['1825', 'Grane', 1.5],
  ['1826', 'Hattfjelldal', 1.3], ['1827', 'Dønna', 1.4], ['1828', 'Nesna', 1.8], ['1832', 'Hemnes', 4.5],
  ['1833', 'Rana', 26.5], ['1834', 'Lurøy', 1.8], ['1835', 'Træna', 0.4], ['1836', 'Rødøy', 1.2],
  ['1837', 'Meløy', 6], ['1838', 'Gildeskål', 2], ['1839', 'Beiarn', 1], ['1840', 'Saltdal', 4.6],
  ['1841', 'Fauske', 9.8], ['1845', 'Sørfold', 1.9], ['1848', 'Steigen', 2.5], ['1851', 'Lødingen', 2.1],
  ['1853', 'Evenes', 1.4], ['1856', 'Røst', 0.5], ['1857', 'Værøy', 0.7], ['1859', 'Flakstad', 1.3],
  ['1860', 'Vestvågøy', 11.5], ['1865', 'Vågan', 9.8], ['1866', 'Hadsel', 8.1], ['1867', 'Bø', 2.5],
  ['1868', 'Øksnes', 4.5], ['1870', 'Sortland', 10.7], ['1871', 'Andøy', 4.6], ['1874', 'Moskenes', 1],
  ['1875', 'Hamarøy', 2.7],
  // Østfold
  ['3101', 'Halden', 31.5], ['3103', 'Moss', 50.5], ['3105', 'Sarpsborg', 58], ['3107', 'Fredrikstad', 84],
  ['3110', 'Hvaler', 4.8], ['3112', 'Råde', 7.8], ['3114', 'Våler', 6], ['3116', 'Skiptvet', 3.9],
  ['3118', 'Indre Østfold', 46], ['3120', 'Rakkestad', 8.3], ['3122', 'Marker', 3.6], ['3124', 'Aremark', 1.3],
  // Akershus
  ['3201', 'Bærum', 129], ['3203', 'Asker', 98], ['3205', 'Lillestrøm', 91], ['3207', 'Nordre Follo', 62],
  ['3209', 'Ullensaker', 41], ['3212', 'Nesodden', 20], ['3214', 'Frogn', 16], ['3216', 'Vestby', 19],
  ['3218', 'Ås', 21], ['3220', 'Enebakk', 11], ['3222', 'Lørenskog', 47], ['3224', 'Rælingen', 19],
  ['3226', 'Aurskog-Høland', 17.5], ['3228', 'Nes', 24], ['3230', 'Gjerdrum', 7.2], ['3232', 'Nittedal', 25],
  ['3234', 'Lunner', 9.3], ['3236', 'Jevnaker', 7], ['3238', 'Nannestad', 15], ['3240', 'Eidsvoll', 27],
  ['3242', 'Hurdal', 2.9],
  // Buskerud
  ['3301', 'Drammen', 103], ['3303', 'Kongsberg', 28], ['3305', 'Ringerike', 31], ['3310', 'Hole', 7],
  ['3312', 'Lier', 28], ['3314', 'Øvre Eiker', 20], ['3316', 'Modum', 14.5], ['3318', 'Krødsherad', 2.2],
  ['3320', 'Flå', 1.1], ['3322', 'Nesbyen', 3.3], ['3324', 'Gol', 4.6], ['3326', 'Hemsedal', 2.6],
  ['3328', 'Ål', 4.6], ['3330', 'Hol', 4.4], ['3332', 'Sigdal', 3.5], ['3334', 'Flesberg', 2.8],
  ['3336', 'Rollag', 1.4], ['3338', 'Nore og Uvdal', 2.4],
  // Innlandet
  ['3401', 'Kongsvinger', 18], ['3403', 'Hamar', 32], ['3405', 'Lillehammer', 29], ['3407', 'Gjøvik', 30.5],
  ['3411', 'Ringsaker', 35], ['3412', 'Løten', 7.7], ['3413', 'Stange', 21], ['3414', 'Nord-Odal', 5],
  ['3415', 'Sør-Odal', 8], ['3416', 'Eidskog', 6], ['3417', 'Grue', 4.5], ['3418', 'Åsnes', 7],
  ['3419', 'Våler', 3.6], ['3420', 'Elverum', 21.5], ['3421', 'Trysil', 6.5], ['3422', 'Åmot', 4.4],
  ['3423', 'Stor-Elvdal', 2.4], ['3424', 'Rendalen', 1.8], ['3425', 'Engerdal', 1.2], ['3426', 'Tolga', 1.5],
  ['3427', 'Tynset', 5.6], ['3428', 'Alvdal', 2.4], ['3429', 'Folldal', 1.5], ['3430', 'Os', 1.9],
  ['3431', 'Dovre', 2.6], ['3432', 'Lesja', 2], ['3433', 'Skjåk', 2.2], ['3434', 'Lom', 2.3],
  ['3435', 'Vågå', 3.6], ['3436', 'Nord-Fron', 5.7], ['3437', 'Sel', 5.7], ['3438', 'Sør-Fron', 3.1],
  ['3439', 'Ringebu', 4.4], ['3440', 'Øyer', 5.2], ['3441', 'Gausdal', 6.1], ['3442', 'Østre Toten', 15],
  ['3443', 'Vestre Toten', 13.5], ['3446', 'Gran', 13.8], ['3447', 'Søndre Land', 5.6], ['3448', 'Nordre Land', 6.6],
  ['3449', 'Sør-Aurdal', 2.9], ['3450', 'Etnedal', 1.3], ['3451', 'Nord-Aurdal', 6.4], ['3452', 'Vestre Slidre', 2.1],
  ['3453', 'Øystre Slidre', 3.2], ['3454', 'Vang', 1.6],
  // Vestfold
  ['3901', 'Horten', 27.5], ['3903', 'Holmestrand', 25.5], ['3905', 'Tønsberg', 58], ['3907', 'Sandefjord', 65],
  ['3909', 'Larvik', 48], ['3911', 'Færder', 27],
  // Telemark
  ['4001', 'Porsgrunn', 37], ['4003', 'Skien', 56], ['4005', 'Notodden', 13], ['4010', 'Siljan', 2.3],
  ['4012', 'Bamble', 14], ['4014', 'Kragerø', 10.5], ['4016', 'Drangedal', 4.1], ['4018', 'Nome', 6.5],
  ['4020', 'Midt-Telemark', 10.8], ['4022', 'Seljord', 3], ['4024', 'Hjartdal', 1.6], ['4026', 'Tinn', 5.6],
  ['4028', 'Kviteseid', 2.4], ['4030', 'Nissedal', 1.4], ['4032', 'Fyresdal', 1.3], ['4034', 'Tokke', 2.2],
  ['4036', 'Vinje', 3.8],
  // Agder
  ['4201', 'Risør', 6.8], ['4202', 'Grimstad', 24.5], ['4203', 'Arendal', 46], ['4204', 'Kristiansand', 117],
  ['4205', 'Lindesnes', 23.5], ['4206', 'Farsund', 9.8], ['4207', 'Flekkefjord', 9.1], ['4211', 'Gjerstad', 2.4],
  ['4212', 'Vegårshei', 2.1], ['4213', 'Tvedestrand', 6.1], ['4214', 'Froland', 6.1], ['4215', 'Lillesand', 11.5],
  ['4216', 'Birkenes', 5.3], ['4217', 'Åmli', 1.8], ['4218', 'Iveland', 1.4], ['4219', 'Evje og Hornnes', 3.8],
  ['4220', 'Bygland', 1.2], ['4221', 'Valle', 1.2], ['4222', 'Bykle', 1], ['4223', 'Vennesla', 15],
  ['4224', 'Åseral', 0.9], ['4225', 'Lyngdal', 10.7], ['4226', 'Hægebostad', 1.7], ['4227', 'Kvinesdal', 6],
  ['4228', 'Sirdal', 1.8],
  // Vestland
  ['4601', 'Bergen', 291], ['4602', 'Kinn', 17.5], ['4611', 'Etne', 4.1], ['4612', 'Sveio', 5.8],
  ['4613', 'Bømlo', 12], ['4614', 'Stord', 19], ['4615', 'Fitjar', 3.2], ['4616', 'Tysnes', 2.9],
  ['4617', 'Kvinnherad', 13], ['4618', 'Ullensvang', 11], ['4619', 'Eidfjord', 0.9], ['4620', 'Ulvik', 1.1],
  ['4621', 'Voss', 16], ['4622', 'Kvam', 8.5], ['4623', 'Samnanger', 2.5], ['4624', 'Bjørnafjorden', 25.5],
  ['4625', 'Austevoll', 5.3], ['4626', 'Øygarden', 39], ['4627', 'Askøy', 30], ['4628', 'Vaksdal', 3.9],
  ['4629', 'Modalen', 0.4], ['4630', 'Osterøy', 8.1], ['4631', 'Alver', 30], ['4632', 'Austrheim', 2.9],
  ['4633', 'Fedje', 0.5], ['4634', 'Masfjorden', 1.7], ['4635', 'Gulen', 2.3], ['4636', 'Solund', 0.8],
  ['4637', 'Hyllestad', 1.3], ['4638', 'Høyanger', 4.1], ['4639', 'Vik', 2.6], ['4640', 'Sogndal', 12.3],
  ['4641', 'Aurland', 1.8], ['4642', 'Lærdal', 2.1], ['4643', 'Årdal', 5.2], ['4644', 'Luster', 5.4],
  ['4645', 'Askvoll', 3], ['4646', 'Fjaler', 2.8], ['4647', 'Sunnfjord', 22.5], ['4648', 'Bremanger', 3.5],
  ['4649', 'Stad', 9.5], ['4650', 'Gloppen', 5.9], ['4651', 'Stryn', 7.2],
  // Trøndelag
  ['5001', 'Trondheim', 214], ['5006', 'Steinkjer', 24.5], ['5007', 'Namsos', 15.5], ['5014', 'Frøya', 5.3],
  ['5020', 'Osen', 0.9], ['5021', 'Oppdal', 7], ['5022', 'Rennebu', 2.5], ['5025', 'Røros', 5.6],
  ['5026', 'Holtålen', 2], ['5027', 'Midtre Gauldal', 6.3], ['5028', 'Melhus', 17], ['5029', 'Skaun', 8.5],
  ['5031', 'Malvik', 14.5], ['5032', 'Selbu', 4.2], ['5033', 'Tydal', 0.8], ['5034', 'Meråker', 2.4],
  ['5035', 'Stjørdal', 25], ['5036', 'Frosta', 2.6], ['5037', 'Levanger', 20.5], ['5038', 'Verdal', 15],
  ['5041', 'Snåsa', 2], ['5042', 'Lierne', 1.3], ['5043', 'Røyrvik', 0.45], ['5044', 'Namsskogan', 0.85],
  ['5045', 'Grong', 2.4], ['5046', 'Høylandet', 1.2], ['5047', 'Overhalla', 3.9], ['5049', 'Flatanger', 1.1],
  ['5052', 'Leka', 0.55], ['5053', 'Inderøy', 6.8], ['5054', 'Indre Fosen', 10], ['5055', 'Heim', 5.9],
  ['5056', 'Hitra', 5.2], ['5057', 'Ørland', 10.7], ['5058', 'Åfjord', 4.3], ['5059', 'Orkland', 18.5],
  ['5060', 'Nærøysund', 9.8], ['5061', 'Rindal', 2],
  // Troms
  ['5501', 'Tromsø', 78], ['5503', 'Harstad', 25], ['5510', 'Kvæfjord', 2.8], ['5512', 'Tjeldsund', 4.2],
  ['5514', 'Ibestad', 1.3], ['5516', 'Gratangen', 1.1], ['5518', 'Loabák - Lavangen', 1], ['5520', 'Bardu', 4],
  ['5522', 'Salangen', 2.1], ['5524', 'Målselv', 6.8], ['5526', 'Sørreisa', 3.5], ['5528', 'Dyrøy', 1.1],
  ['5530', 'Senja', 15], ['5532', 'Balsfjord', 5.6], ['5534', 'Karlsøy', 2.2], ['5536', 'Lyngen', 2.8],
  ['5538', 'Storfjord', 1.8], ['5540', 'Kåfjord', 2], ['5542', 'Skjervøy', 2.9], ['5544', 'Nordreisa', 4.9],
  ['5546', 'Kvænangen', 1.2],
  // Finnmark
  ['5601', 'Alta', 21.5], ['5603', 'Hammerfest', 11.5], ['5605', 'Sør-Varanger', 10], ['5607', 'Vadsø', 5.8],
  ['5610', 'Karasjok', 2.6], ['5612', 'Kautokeino', 2.9], ['5614', 'Loppa', 0.9], ['5616', 'Hasvik', 1],
  ['5618', 'Måsøy', 1.2], ['5620', 'Nordkapp', 3.1], ['5622', 'Porsanger', 3.9], ['5624', 'Lebesby', 1.3],
  ['5626', 'Gamvik', 1.1], ['5628', 'Tana', 2.9], ['5630', 'Berlevåg', 0.95], ['5632', 'Båtsfjord', 2.2],
  ['5634', 'Vardø', 2], ['5636', 'Nesseby', 0.9],
];

/** The municipalities of 2024, in code order, with approximate populations. */
export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(
  RAW.map(([code, name, thousands]) => Object.freeze({ code, name, population: Math.round(thousands * 1000) })),
);

/**
 * The county of a municipality code (its first two digits). O(counties).
 *
 * @throws {PrikkError} `INVALID_VALUE` when the first two digits are not a 2024 county code.
 * @example
 * countyOf('4601').name // 'Vestland'
 */
export function countyOf(municipality: string): County {
  const county = COUNTIES.find((c) => c.code === municipality.slice(0, 2));
  if (!county) throw new PrikkError('INVALID_VALUE', `countyOf: '${municipality}' does not start with a 2024 county code`);
  return county;
}
